//! Browser tests of the prerendered first diagram adopted by the explorer (a
//! default load): the controls first, with the prerendered drawing in the
//! diagram's frame; the explorer's own drawing replaces it a task after the
//! analysis; input given meanwhile is kept. Included by `browser.rs` (its
//! helpers are `super::`).

use eksnet_web::Initial;
use wasm_bindgen_test::*;
use web_sys::Element;

use super::{click, mount, mount_adopting, q, qa, settle, sleep};

/// Runs what is queued as microtasks (Leptos runs its effects there) without
/// letting the browser start another task.
async fn microtasks() {
    for _ in 0..8 {
        leptos::task::tick().await;
    }
}

/// Clicks an element of the drawing (an SVG element: a bubbling event).
fn click_svg(el: &Element) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(
        &web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap(),
    )
    .unwrap();
}

const OWN: &str = ".app svg.eksnet-scene:not([data-adopted]) g.drawing > g[data-id^='node:']";
const ADOPTED: &str =
    ".app svg.eksnet-scene[data-adopted] g.drawing > svg.adopted [data-id^='node:']";

/// The task that mounts the explorer shows the prerendered drawing inside the
/// diagram's frame with every control of the first look live (header, scene
/// tabs, zoom); the explorer's own drawing replaces it two tasks later (the
/// analysis, then the drawing, each a task of its own), the same drawing a
/// mount without a prerendered one makes.
#[wasm_bindgen_test]
async fn the_adopted_drawing_shows_first_and_the_explorers_own_replaces_it() {
    let root = mount_adopting(Initial::default());
    microtasks().await;
    let count = |sel: &str| qa(&root, sel).len();
    assert!(
        count(".app[data-live]") == 1,
        "the controls are not marked live"
    );
    assert!(
        count(ADOPTED) > 0,
        "the prerendered drawing is not in the frame"
    );
    assert_eq!(count(OWN), 0);
    assert_eq!(count(".app header .lang-btn"), 2);
    assert_eq!(
        count(".scene-tabs [role=tab]"),
        eksnet::SceneKind::ALL.len()
    );
    assert!(count(".zoom-bar button") >= 5);
    // One id per document: the prerendered title and description are gone.
    assert_eq!(count("#scene-title") + count("#scene-desc"), 2);
    // Zoom answers at once.
    let before = q(&root, "svg.eksnet-scene").get_attribute("viewBox");
    click(&root, ".zoom-bar button");
    microtasks().await;
    assert_ne!(
        q(&root, "svg.eksnet-scene").get_attribute("viewBox"),
        before
    );
    // The analysis starts after the page's next paint, and the explorer's
    // own drawing comes in a task after the analysis's: never in the task
    // that shows the prerendered drawing, nor in the next.
    sleep(0).await;
    microtasks().await;
    assert!(count(ADOPTED) > 0, "replaced a task after the controls");
    // Where a node of it is on screen (zoomed in), read once the mounting
    // task is over (a layout forced there would lengthen it).
    let id = q(&root, ADOPTED).get_attribute("data-id").unwrap();
    let rect = |sel: &str| {
        let r = q(&root, &format!("{sel} g[data-id='{id}'] > rect")).get_bounding_client_rect();
        [r.x(), r.y(), r.width(), r.height()]
    };
    let adopted_at = rect("svg.adopted");
    let mut tasks = 1;
    while count(OWN) == 0 && tasks < 100 {
        sleep(0).await;
        microtasks().await;
        tasks += 1;
    }
    assert_eq!(count("svg.adopted"), 0, "the prerendered drawing stayed");
    assert!(count(OWN) > 0, "the explorer's own drawing is not there");
    // It takes the adopted drawing's place at its scale (the zoom kept).
    let own_at = rect("svg.eksnet-scene:not([data-adopted]) g.drawing >");
    assert!(
        adopted_at
            .iter()
            .zip(own_at)
            .all(|(a, o)| (a - o).abs() <= 2.0),
        "{id} moved from {adopted_at:?} to {own_at:?}"
    );
    let own = q(&root, "svg.eksnet-scene g.drawing").inner_html();
    settle().await;
    // The same drawing as the explorer's without a prerendered one.
    let plain = mount(Initial::default());
    settle().await;
    assert_eq!(q(&plain, "svg.eksnet-scene g.drawing").inner_html(), own);
}

/// A selection, the language and the scene chosen while the prerendered
/// drawing stands in are kept, and show once the explorer's own is there.
#[wasm_bindgen_test]
async fn input_while_the_drawing_is_adopted_is_kept() {
    let root = mount_adopting(Initial::default());
    microtasks().await;
    let node = qa(&root, "svg.adopted g[data-id^='node:']")
        .into_iter()
        .next()
        .expect("a node in the prerendered drawing");
    let id = node.get_attribute("data-id").unwrap();
    click_svg(&q(&node, "rect"));
    click(&root, ".lang-btn[data-lang=ko]");
    microtasks().await;
    assert_eq!(
        q(&root, "svg.eksnet-scene")
            .get_attribute("lang")
            .as_deref(),
        Some("ko")
    );
    // No English drawing under a Korean page: an empty frame until the
    // explorer's own.
    assert_eq!(qa(&root, "svg.adopted").len(), 0);
    settle().await;
    assert_eq!(qa(&root, "svg.adopted").len(), 0);
    assert_eq!(
        q(&root, ".details")
            .get_attribute("data-selected")
            .as_deref(),
        Some(id.as_str())
    );
    let hangul = |c: char| ('\u{AC00}'..='\u{D7A3}').contains(&c);
    assert!(
        q(&root, "svg.eksnet-scene g.drawing")
            .inner_html()
            .chars()
            .any(hangul),
        "the explorer's drawing is not in Korean"
    );
    // A scene picked meanwhile is the one drawn.
    let root = mount_adopting(Initial::default());
    microtasks().await;
    let tab = "vpc-layouts";
    click(&root, &format!(".scene-tabs [data-scene={tab}]"));
    microtasks().await;
    // No prerendered pod network under another scene's tab.
    assert_eq!(qa(&root, "svg.adopted").len(), 0);
    settle().await;
    let svg = q(&root, "svg.eksnet-scene");
    assert_eq!(svg.get_attribute("data-scene").as_deref(), Some(tab));
    assert!(svg.get_attribute("data-adopted").is_none());
    assert!(!qa(&root, "svg.eksnet-scene g.drawing > g[data-id]").is_empty());
}
