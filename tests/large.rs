//! Browser tests of a large cluster: it is analysed in slices, with progress,
//! without blocking the page. Included by `browser.rs` (its helpers are
//! `super::`).

use eksnet_web::Initial;
use wasm_bindgen_test::*;

use super::{mount, q, settle, sleep};

/// A large cluster is analysed in slices: the page shows the progress, stays
/// responsive (timers run while the analysis is under way), and ends with the
/// core's analysis of the whole scenario.
#[wasm_bindgen_test]
async fn a_large_cluster_is_analysed_with_progress_without_blocking() {
    let scenario = eksnet::generate::large(60_000, 10);
    let want_pods = 60_000 * 12;
    let root = mount(Initial {
        scenario,
        ..Initial::default()
    });
    let progress = || {
        root.query_selector("[data-control=analysis-progress]")
            .unwrap()
    };
    // While it runs the event loop turns: count the timer ticks it lets through.
    let mut ticks = 0;
    let mut stages = std::collections::BTreeSet::new();
    let mut total = 0usize;
    loop {
        sleep(1).await;
        ticks += 1;
        match progress() {
            Some(p) => {
                assert_eq!(p.get_attribute("role").as_deref(), Some("status"));
                // Nothing is reported before the first analysis is ready (the
                // side panel is built a task after the diagram: once it is
                // there, its badge says 0).
                if let Some(b) = root.query_selector("#ptab-issues .badge").unwrap() {
                    let badge = b.text_content();
                    assert_eq!(badge.as_deref(), Some("0"), "issues while analysing");
                }
                stages.insert(p.get_attribute("data-stage").unwrap_or_default());
                total = p.get_attribute("data-total").unwrap().parse().unwrap();
            }
            None if !stages.is_empty() => break,
            None => assert!(ticks < 50, "no progress shown"),
        }
        assert!(ticks < 20_000, "the analysis never finished");
    }
    assert!(total > 0);
    assert!(
        ticks >= 3,
        "only {ticks} timer ticks ran during the analysis"
    );
    // Progress names the stage under way: more than one is seen, and only the
    // analysis's own (a stage quicker than a slice, e.g. the pod IPs once the
    // simulation got faster, may pass between two ticks).
    let known = ["Model", "Scheduling", "PodIps", "LoadBalancers", "Checks"];
    assert!(stages.len() >= 2, "stages seen: {stages:?}");
    assert!(
        stages.iter().all(|s| known.contains(&s.as_str())),
        "stages seen: {stages:?}"
    );
    settle().await;
    let desc = q(&root, "svg.eksnet-scene desc")
        .text_content()
        .unwrap_or_default();
    assert!(
        desc.contains(&format!("{want_pods} pods")),
        "the diagram describes the finished analysis ({want_pods} pods): {desc}"
    );
}
