//! The eksnet core as the explorer uses it, without any UI: parse a scenario or a
//! link, analyse, trace, lay out and render every scene in both languages, the
//! kubectl views, instance-type lookups, importing a cluster's snapshot.
//! `scripts/bench` builds this for wasm with the site's release profile and
//! wasm-opt settings, and reports its gzip size next to the site's: the part of
//! the site that no UI choice can shrink.

use eksnet::{analyze, scene, share, svg, trace, Flow, Lang, Scenario, SceneKind, View};

/// Inputs picked by the caller at run time, so that the linker keeps every path.
const INPUTS: [&str; 3] = ["{}", "scene=endpoint&flow=kubectl:laptop", "m5.large"];

/// Runs everything on input `pick`; returns a count so nothing is optimised away.
#[no_mangle]
pub extern "C" fn run(pick: u32) -> usize {
    let text = INPUTS.get(pick as usize).copied().unwrap_or_default();
    let link = share::from_query(text);
    let scenario = Scenario::from_json(text).unwrap_or_else(|_| Scenario::example());
    let a = analyze(&scenario);
    let mut total = a.diagnostics.len() + link.problems.len();
    let flow = Flow::parse(text).ok();
    let t = flow.map(|f| trace(&a, &f));
    for kind in SceneKind::ALL {
        let view = View {
            scene: kind,
            ..View::default()
        };
        let s = scene::layout_traced(&a, &view, t.as_ref());
        total += svg::render(&s, Lang::En).len() + svg::render(&s, Lang::Ko).len();
    }
    total += scenario.to_json().len();
    total += eksnet::kubectl::views(&a).len();
    total += share::to_query(&share::Link {
        scenario,
        ..share::Link::default()
    })
    .len();
    total += eksnet::cni::limits::find(text).map_or(0, |l| l.max_enis as usize);
    total += eksnet::import::import(&[("snapshot.json".to_string(), text.to_string())])
        .report
        .files
        .len();
    total
}
