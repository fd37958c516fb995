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
/// console a task later; the side panel (it shows the diagnostics) once the
/// first analysis's checks have run, a piece per task, each in a task of its
/// own rather than all in one long one.
#[wasm_bindgen_test]
async fn the_panels_follow_the_diagram_one_task_each() {
    let root = mount(Initial::default());
    microtasks().await;
    let count = |sel: &str| qa(&root, sel).len();
    assert!(count(".app svg.eksnet-scene g.drawing [data-id^='node:']") > 0);
    // Only their room is kept (their outer boxes, invisible).
    let built = |sel: &str| count(&format!(".stage > {sel}"));
    assert_eq!(built(".share-bar") + built(".console") + count(".side"), 0);
    assert_eq!(
        count(".later-room > .share-bar") + count(".later-room > .console"),
        2
    );
    // One task later: the share bar and the console, not yet the side panel.
    sleep(0).await;
    microtasks().await;
    assert_eq!((built(".share-bar"), built(".console")), (1, 1));
    assert_eq!(count(".later-room"), 0, "their room stayed");
    assert_eq!(count(".side"), 0, "the side panel came in the same task");
    // The checks' pieces, the whole analysis, then the side panel.
    let s = eksnet::Scenario::example();
    let pieces = eksnet::Checks::new(&eksnet::analyze_unchecked(&s)).left();
    for k in 0..pieces {
        sleep(0).await;
        microtasks().await;
        assert_eq!(
            count(".side"),
            0,
            "the side panel came before the checks ({k})"
        );
    }
    for _ in 0..3 {
        sleep(0).await;
        microtasks().await;
    }
    assert_eq!(count(".side"), 1);
}

/// The page's first analysis leaves its checks to later tasks, one piece of
/// them per task (their code, with the flows they trace, is compiled as it
/// first runs and the first diagram does not need it), then holds the whole
/// analysis in a task of its own; every later one is whole at once, and so is
/// a first one that was not asked to wait.
#[wasm_bindgen_test]
async fn the_first_analysis_runs_its_checks_a_task_later() {
    let docs = [
        include_str!("../docs/examples/private-only.json"),
        include_str!("../docs/examples/nat-acl.json"),
        include_str!("../docs/examples/fragmented-subnet.json"),
    ];
    // A scenario whose checks find something (else nothing is compared).
    let s = docs
        .iter()
        .map(|t| eksnet::Scenario::from_json(t).unwrap())
        .find(|s| {
            eksnet::analyze(s).diagnostics.len() > eksnet::analyze_unchecked(s).diagnostics.len()
        })
        .expect("an example whose checks find something");
    let whole = eksnet::analyze(&s).diagnostics;
    let unchecked_analysis = eksnet::analyze_unchecked(&s);
    let unchecked = unchecked_analysis.diagnostics.clone();
    let pieces = eksnet::Checks::new(&unchecked_analysis).left();
    assert!(pieces > 1, "the checks are not split");
    let owner = leptos::prelude::Owner::new();
    let (scenario, first, first_whole, at_once, at_once_whole) = owner.with(|| {
        let scenario = leptos::prelude::RwSignal::new(s.clone());
        let (first, _, first_whole) = eksnet_web::pacing::analysis(scenario, true);
        let (at_once, _, at_once_whole) = eksnet_web::pacing::analysis(scenario, false);
        (scenario, first, first_whole, at_once, at_once_whole)
    });
    use leptos::prelude::{GetUntracked, Set, WithUntracked};
    let diagnostics = || first.with_untracked(|a| a.diagnostics.clone());
    assert_eq!(diagnostics(), unchecked);
    assert!(!first_whole.get_untracked());
    assert_eq!(at_once.with_untracked(|a| a.diagnostics.clone()), whole);
    assert!(at_once_whole.get_untracked());
    // The checks' tasks are asked for from a microtask: let it be, then one
    // task per piece, with the analysis unchanged until the last.
    microtasks().await;
    for k in 0..pieces {
        sleep(0).await;
        microtasks().await;
        assert_eq!(
            diagnostics(),
            unchecked,
            "held after {} of {pieces} pieces",
            k + 1
        );
        assert!(!first_whole.get_untracked());
    }
    // The whole analysis in a task of its own.
    sleep(0).await;
    microtasks().await;
    assert_eq!(diagnostics(), whole);
    assert!(first_whole.get_untracked());
    // A later analysis is whole in the update that asked for it.
    scenario.set(eksnet::Scenario::example());
    microtasks().await;
    let now = eksnet::analyze(&scenario.get_untracked()).diagnostics;
    assert_eq!(diagnostics(), now);
    assert!(first_whole.get_untracked());
    drop(owner);
}
