//! Browser tests of the page's first task: the diagram comes first, in the
//! task that mounts the explorer, and what is built after it comes in tasks of
//! its own. Included by `browser.rs` (its helpers are `super::`).

use eksnet_web::Initial;
use wasm_bindgen_test::*;

use super::{mount, qa, sleep};

/// Runs what is queued as microtasks (Leptos runs its effects there) without
/// letting the browser start another task.
async fn microtasks() {
    for _ in 0..8 {
        leptos::task::tick().await;
    }
}

/// A scenario below the large-cluster threshold is analysed and drawn in the
/// task that asked for it, however long its analysis takes (on a page's first
/// load the browser compiles the core's code as it first runs it): a pause
/// there would let the panels built after the diagram run first and put off
/// the first diagram. 1,500 nodes take longer than a slice of paced work.
#[wasm_bindgen_test]
async fn a_cluster_below_the_threshold_is_drawn_in_the_mounting_task() {
    let nodes = 1_500;
    assert!(u64::from(nodes) < eksnet_web::pacing::LARGE_NODES);
    let root = mount(Initial {
        scenario: eksnet::generate::large(nodes, 10),
        ..Initial::default()
    });
    microtasks().await;
    let drawn = qa(&root, ".app svg.eksnet-scene g.drawing [data-id^='node:']");
    assert!(!drawn.is_empty(), "no node drawn before the next task");
    assert!(
        qa(&root, "[data-control=analysis-progress]").is_empty(),
        "a small cluster showed progress"
    );
}

/// The default page: its diagram before the next task; the share bar and the
/// console a task later; the side panel a task after them, each in a task of
/// its own rather than all in one long one.
#[wasm_bindgen_test]
async fn the_panels_follow_the_diagram_one_task_each() {
    let root = mount(Initial::default());
    microtasks().await;
    let count = |sel: &str| qa(&root, sel).len();
    assert!(count(".app svg.eksnet-scene g.drawing [data-id^='node:']") > 0);
    assert_eq!(count(".share-bar") + count(".console") + count(".side"), 0);
    // One task later: the share bar and the console, not yet the side panel.
    sleep(0).await;
    microtasks().await;
    assert_eq!((count(".share-bar"), count(".console")), (1, 1));
    assert_eq!(count(".side"), 0, "the side panel came in the same task");
    sleep(0).await;
    microtasks().await;
    assert_eq!(count(".side"), 1);
}
