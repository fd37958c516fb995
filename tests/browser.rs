//! Browser tests: mount the real explorer in headless Chrome, act through DOM
//! events, and assert on the DOM against what the core computes.
//! Run with `cargo test -p eksnet-web --target wasm32-unknown-unknown`.
//!
//! One test binary (each costs a full wasm link); the tests are in modules by
//! feature, one file each beside this one, declared below with the helpers they
//! share (`super::`). A new feature's tests go in a new module file.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

// The scenes as the core exports them; the first smoke test.
#[path = "scenes.rs"]
mod scenes;

// Selecting shapes: click, keyboard, hover.
#[path = "selection.rs"]
mod selection;

// Flows lit as the core traces them; steps, play, links.
#[path = "flows.rs"]
mod flows;

// Pod addresses as the core allocates them.
#[path = "pods.rs"]
mod pods;

// Fields, numbers and the JSON editor keep what is typed.
#[path = "editing.rs"]
mod editing;

// The language toggle.
#[path = "language.rs"]
mod language;

// The kubectl console and the max-pods panel.
#[path = "panels.rs"]
mod panels;

// A large cluster analysed without blocking.
#[path = "large.rs"]
mod large;

// The first task: the diagram first, the panels after it.
#[path = "first_task.rs"]
mod first_task;

// The prerendered first diagram adopted until the explorer's own is there.
#[path = "adopt.rs"]
mod adopt;

// What the page's first module reads and writes without float parsing and
// formatting.
#[path = "first_module.rs"]
mod first_module;

// The embed API's messages and commands.
#[path = "embed_api.rs"]
mod embed_api;

// Orientation, captions, flows in words, sources and components by name.
#[path = "learner.rs"]
mod learner;

// Undo instead of loss, limits in messages, steps clamped.
#[path = "keep.rs"]
mod keep;

// Load balancers by choice; a narrowed subnet says what leaves, with the fix.
#[path = "forms.rs"]
mod forms;

// The control plane's egress drawn, and the route on a lit path.
#[path = "routes.rs"]
mod routes;

// ---------------------------------------------------------------- helpers ----

// The DOM helpers shared with the import tests.
#[path = "dom.rs"]
mod dom;
use dom::*;

/// Opens the form's section whose heading is `title` (English).
async fn open_section(root: &Element, title: &str) {
    click(root, "#ptab-scenario");
    settle().await;
    let summary = qa(root, ".section > summary")
        .into_iter()
        .find(|s| s.text_content().unwrap_or_default() == title)
        .unwrap_or_else(|| panic!("no section {title}"));
    summary.unchecked_into::<HtmlElement>().click();
    sleep(10).await;
    settle().await;
}
