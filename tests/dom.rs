//! DOM helpers the browser test binaries share (`tests/browser.rs` and
//! `web/tests/import.rs`): mount the real explorer, query, click, type, wait.
// Each binary uses a part of them.
#![allow(dead_code)]

use eksnet_web::{Explorer, Initial};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

pub fn doc() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the explorer started from `initial` into a fresh `<div>` (the last
/// test's page is removed first, so ids stay unique).
pub fn mount(initial: Initial) -> HtmlElement {
    mount_fresh(move || view! { <Explorer initial=initial.clone() /> })
}

/// Mounts `app` into a fresh `<div id="test-root">`, after unmounting the last
/// test's: its effects, timers and paced work are disposed with its owner, not
/// only taken off the page (a page left running would go on reacting while the
/// next test runs).
fn mount_fresh<N: IntoView + 'static>(app: impl FnOnce() -> N + 'static) -> HtmlElement {
    let d = doc();
    LAST.with(|l| drop(l.borrow_mut().take()));
    if let Some(old) = d.get_element_by_id("test-root") {
        old.remove();
    }
    let root: HtmlElement = d.create_element("div").unwrap().unchecked_into();
    root.set_id("test-root");
    d.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), app);
    LAST.with(|l| *l.borrow_mut() = Some(Box::new(handle)));
    root
}

thread_local! {
    /// The explorer mounted last, unmounted when the next test mounts its own.
    static LAST: std::cell::RefCell<Option<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(None) };
}

pub fn q(root: &Element, sel: &str) -> Element {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {sel}"))
}

pub fn qa(root: &Element, sel: &str) -> Vec<Element> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

pub fn click(root: &Element, sel: &str) {
    q(root, sel).unchecked_into::<HtmlElement>().click();
}

/// Types `text` into the input or textarea matched by `sel` (as a person would:
/// the value changes, then an `input` event).
pub fn type_into(root: &Element, sel: &str, text: &str) {
    let el = q(root, sel);
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_value(text);
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(text);
    }
    let ev = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&ev).unwrap();
}

/// Waits `ms` milliseconds (for events the browser queues, e.g. `toggle`).
pub async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Lets the page settle: effects run, and the parts built after the diagram
/// are there (the side panel comes two tasks after it, or once the first
/// analysis's checks have run, a piece per task: see `pacing::analysis`).
pub async fn settle() {
    leptos::task::tick().await;
    let some = |sel: &str| doc().query_selector(sel).ok().flatten().is_some();
    let waiting = || some("#test-root .app:not(.embed)") && !some("#test-root .app .side");
    for round in 0..40 {
        sleep(0).await;
        leptos::task::tick().await;
        if round >= 1 && !waiting() {
            break;
        }
    }
}

/// Mounts the explorer as the page does on a default load: with the default
/// view's drawing as `eksnet render` prerenders it (index.html, for the
/// window's size) adopted
/// until the explorer's own is there (see `eksnet_web::adopt`).
pub fn mount_adopting(initial: Initial) -> HtmlElement {
    // Drawn for the window's size, as index.html's is for the page's.
    let mut view = initial.view.clone();
    view.size = eksnet_web::state::size_class(false);
    let a = eksnet::analyze(&initial.scenario);
    let scene = eksnet::layout(&a, &view);
    let holder = doc().create_element("div").unwrap();
    holder.set_inner_html(&eksnet::svg::render(&scene, eksnet::Lang::En));
    let svg = holder.first_element_child().unwrap();
    let pre = eksnet_web::adopt::from_svg(svg, initial.view.scene).expect("a prerendered drawing");
    mount_fresh(move || view! { <Explorer initial=initial.clone() adopt=Some(pre.clone()) /> })
}
