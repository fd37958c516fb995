//! Browser tests of selecting what is drawn: a click shows a shape's details,
//! `[` and `]` walk the shapes in the core's drawing order, hovering a pod
//! lights its node and subnet. Included by `browser.rs` (its helpers are
//! `super::`).

use eksnet::{analyze, layout, Scenario, View};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

use super::{mount, q, qa, settle};

#[wasm_bindgen_test]
async fn clicking_a_shape_selects_it_and_shows_its_details() {
    let root = mount(Initial::default());
    settle().await;
    let id = "node:ip-192-168-46-6.ap-northeast-2.compute.internal";
    let rect = q(&root, &format!("svg.eksnet-scene [data-id='{id}'] rect"));
    rect.unchecked_into::<web_sys::SvgElement>()
        .dispatch_event(
            &web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
                let i = web_sys::MouseEventInit::new();
                i.set_bubbles(true);
                i
            })
            .unwrap(),
        )
        .unwrap();
    settle().await;
    assert_eq!(
        q(&root, "#ptab-details")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        q(&root, ".details")
            .get_attribute("data-selected")
            .as_deref(),
        Some(id)
    );
    assert!(q(&root, ".details")
        .text_content()
        .unwrap_or_default()
        .contains("192.168.46.6"));
}

/// Presses `key` on the diagram (focused, as after a Tab).
fn press(root: &Element, key: &str) {
    let svg: HtmlElement = q(root, "svg.eksnet-scene").unchecked_into();
    let _ = svg.focus();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    svg.dispatch_event(&ev).unwrap();
}

/// The keyboard selects shapes in the core's drawing order: `]` forward, `[` back
/// (wrapping), `Escape` clears.
#[wasm_bindgen_test]
async fn brackets_select_shapes_from_the_keyboard() {
    let root = mount(Initial::default());
    settle().await;
    let a = analyze(&Scenario::example());
    let ids: Vec<String> = layout(&a, &View::default())
        .shapes
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    assert!(ids.len() > 3);
    let selected = || {
        root.query_selector(".details[data-selected]")
            .unwrap()
            .and_then(|d| d.get_attribute("data-selected"))
    };
    press(&root, "]");
    settle().await;
    assert_eq!(selected().as_deref(), Some(ids[0].as_str()));
    press(&root, "]");
    settle().await;
    assert_eq!(selected().as_deref(), Some(ids[1].as_str()));
    press(&root, "[");
    press(&root, "[");
    settle().await;
    assert_eq!(
        selected().as_deref(),
        ids.last().map(String::as_str),
        "wraps to the last"
    );
    press(&root, "Escape");
    settle().await;
    assert_eq!(selected(), None);
}

#[wasm_bindgen_test]
async fn hovering_a_pod_lights_its_node_and_subnet() {
    let root = mount(Initial::default());
    settle().await;
    let pod = q(&root, "svg.eksnet-scene g[data-role=pod][data-pod] rect");
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    pod.dispatch_event(
        &web_sys::PointerEvent::new_with_event_init_dict("pointerover", &init).unwrap(),
    )
    .unwrap();
    settle().await;
    let lit: Vec<String> = qa(&root, "svg.eksnet-scene .related")
        .iter()
        .filter_map(|e| e.get_attribute("data-id"))
        .collect();
    assert!(lit.iter().any(|i| i.starts_with("node:")), "{lit:?}");
    assert!(lit.iter().any(|i| i.starts_with("subnet:")), "{lit:?}");
}
