//! Browser tests of flows: each endpoint mode lights the hops the core traces,
//! stepping and playing move the current step and the packet, and a link
//! restores a flow at its step. Included by `browser.rs` (its helpers are
//! `super::`).

use eksnet::{analyze, layout, EndpointAccess, Lang, Scenario, SceneKind, View};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

use super::{click, mount, q, qa, settle, sleep};

/// Picks `flow` in the flow picker, as a person would.
fn choose_flow(root: &Element, flow: &str) {
    let sel: web_sys::HtmlSelectElement = q(root, "select[data-control=flow]").unchecked_into();
    sel.set_value(flow);
    assert_eq!(sel.value(), flow, "the picker offers {flow}");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    sel.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

/// Ids of the drawn shapes (not edges) carrying `attr`.
fn shapes_with(root: &Element, attr: &str) -> std::collections::BTreeSet<String> {
    qa(root, &format!("svg.eksnet-scene g[data-role][{attr}]"))
        .iter()
        .filter_map(|e| e.get_attribute("data-id"))
        .collect()
}

/// Whether the drawn element `drawn` stands for the hop at `at`: the same id, the
/// thing of a part (`x#y` → `x`), or a node ENI's node (`eni:<node>:<n>` → `node:<node>`).
fn stands_for(at: &eksnet::ElementId, drawn: &str) -> bool {
    at.as_str() == drawn
        || at.thing() == drawn
        || at
            .as_str()
            .strip_prefix("eni:")
            .and_then(|r| r.rsplit_once(':'))
            .is_some_and(|(node, _)| drawn == format!("node:{node}"))
}

fn with_mode(mode: EndpointAccess) -> Scenario {
    let mut s = Scenario::example();
    s.cluster.resources_vpc_config.set_endpoint_access(mode);
    s
}

/// The DOM lights exactly what the core lights for `flow` in `scenario`, every lit
/// element stands for a hop of the core's trace, a blocked verdict marks its
/// component, and the steps list has one item per hop, in order.
fn assert_lit_as_the_core_says(root: &Element, scene: SceneKind, scenario: &Scenario, flow: &str) {
    let a = analyze(scenario);
    let f = eksnet::Flow::parse(flow).unwrap();
    let t = eksnet::trace(&a, &f);
    let core = layout(
        &a,
        &View {
            scene,
            flow: Some(f),
            ..View::default()
        },
    );
    let lit = shapes_with(root, "data-on-path");
    let want: std::collections::BTreeSet<String> =
        core.on_path().iter().map(|i| i.to_string()).collect();
    assert_eq!(lit, want, "{flow} lit in {}", scene.slug());
    assert!(!lit.is_empty(), "{flow} lights nothing in {}", scene.slug());
    for id in &lit {
        assert!(
            t.hops.iter().any(|h| stands_for(&h.at, id)),
            "{id} is no hop of {flow}"
        );
    }
    for h in &t.hops {
        let sel = format!("svg.eksnet-scene g[data-role][data-id='{}']", h.at);
        if let Some(el) = root.query_selector(&sel).unwrap() {
            assert!(
                el.has_attribute("data-on-path"),
                "hop {} of {flow} is not lit",
                h.at
            );
        }
    }
    let blocked = shapes_with(root, "data-blocked");
    match t.blocked_at() {
        Some(at) => {
            assert_eq!(blocked.len(), 1, "{flow}: {blocked:?}");
            assert!(
                blocked.iter().all(|b| stands_for(at, b)),
                "{flow} blocked at {at}, DOM {blocked:?}"
            );
            let v = q(root, ".verdict");
            assert_eq!(v.get_attribute("data-verdict").as_deref(), Some("blocked"));
            assert_eq!(v.get_attribute("data-at").as_deref(), Some(at.as_str()));
        }
        None => {
            assert!(
                blocked.is_empty(),
                "{flow} is reachable but {blocked:?} is marked blocked"
            );
            assert_eq!(
                q(root, ".verdict").get_attribute("data-verdict").as_deref(),
                Some("reachable")
            );
        }
    }
    let steps: Vec<String> = qa(root, "ol.steps > li.step")
        .iter()
        .filter_map(|e| e.get_attribute("data-at"))
        .collect();
    let hops: Vec<String> = t.hops.iter().map(|h| h.at.to_string()).collect();
    assert_eq!(steps, hops, "{flow} steps");
}

#[wasm_bindgen_test]
async fn each_endpoint_mode_lights_the_hops_the_core_traces() {
    let root = mount(Initial {
        view: View {
            scene: SceneKind::Endpoint,
            ..View::default()
        },
        ..Initial::default()
    });
    settle().await;
    let flows = [
        "kubectl:laptop",
        "kubelet:ip-192-168-46-6",
        "exec:ip-192-168-46-6",
    ];
    let mut blocked_seen = false;
    for mode in EndpointAccess::MODES {
        let slug = mode.slug();
        click(
            &root,
            &format!("[data-control=endpoint-mode] [data-value={slug}]"),
        );
        settle().await;
        assert_eq!(
            q(&root, "[data-control=endpoint-mode]")
                .get_attribute("data-state")
                .as_deref(),
            Some(slug)
        );
        let scenario = with_mode(mode);
        // The flow shown before the switch is re-lit for the new mode at once.
        if let Some(shown) = q(&root, "svg.eksnet-scene").get_attribute("data-flow") {
            assert_lit_as_the_core_says(&root, SceneKind::Endpoint, &scenario, &shown);
        }
        for flow in flows {
            choose_flow(&root, flow);
            settle().await;
            assert_eq!(
                q(&root, "svg.eksnet-scene")
                    .get_attribute("data-flow")
                    .as_deref(),
                Some(flow)
            );
            assert_lit_as_the_core_says(&root, SceneKind::Endpoint, &scenario, flow);
            blocked_seen |= !shapes_with(&root, "data-blocked").is_empty();
        }
    }
    // Private only: the laptop on the internet gets private addresses and no route.
    assert!(blocked_seen, "some flow of the three modes is blocked");
}

#[wasm_bindgen_test]
async fn stepping_moves_the_current_step_and_the_packet() {
    let root = mount(Initial {
        view: View {
            scene: SceneKind::Endpoint,
            ..View::default()
        },
        ..Initial::default()
    });
    settle().await;
    choose_flow(&root, "kubectl:laptop");
    settle().await;
    let svg = q(&root, "svg.eksnet-scene");
    assert_eq!(svg.get_attribute("data-step"), None);
    click(&root, "[data-control=step-next]");
    settle().await;
    assert_eq!(svg.get_attribute("data-step").as_deref(), Some("0"));
    click(&root, "[data-control=step-next]");
    settle().await;
    assert_eq!(svg.get_attribute("data-step").as_deref(), Some("1"));
    let current: Vec<Element> = qa(&root, "ol.steps > li[aria-current=step]");
    assert_eq!(current.len(), 1);
    assert_eq!(
        qa(&root, "svg.eksnet-scene circle.packet").len(),
        1,
        "the packet is drawn"
    );
    click(&root, "[data-control=step-prev]");
    settle().await;
    assert_eq!(svg.get_attribute("data-step").as_deref(), Some("0"));
    // At the ends of the path the button that cannot move is disabled.
    let disabled = |sel: &str| q(&root, sel).has_attribute("disabled");
    assert!(
        disabled("[data-control=step-prev]"),
        "prev at the first hop"
    );
    assert!(!disabled("[data-control=step-next]"));
    let hops = qa(&root, "ol.steps > li").len();
    for _ in 1..hops {
        click(&root, "[data-control=step-next]");
        settle().await;
    }
    assert_eq!(svg.get_attribute("data-step"), Some((hops - 1).to_string()));
    assert!(disabled("[data-control=step-next]"), "next at the last hop");
    assert!(!disabled("[data-control=step-prev]"));
}

#[wasm_bindgen_test]
async fn a_link_restores_its_view() {
    let parsed = eksnet::share::from_query(
        "scene=endpoint&access=private&flow=kubelet:ip-192-168-46-6&step=1",
    );
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let root = mount(Initial {
        view: eksnet_web::share::view_of(&parsed.link),
        scenario: parsed.link.scenario.clone(),
        lang: Lang::En,
    });
    settle().await;
    let svg = q(&root, "svg.eksnet-scene");
    assert_eq!(svg.get_attribute("data-scene").as_deref(), Some("endpoint"));
    assert_eq!(
        svg.get_attribute("data-flow").as_deref(),
        Some("kubelet:ip-192-168-46-6")
    );
    assert_eq!(svg.get_attribute("data-step").as_deref(), Some("1"));
    assert_eq!(
        q(&root, "[data-control=endpoint-mode]")
            .get_attribute("data-state")
            .as_deref(),
        Some("private")
    );
    assert_lit_as_the_core_says_at(
        &root,
        &parsed.link.scenario,
        "kubelet:ip-192-168-46-6",
        Some(1),
    );
}

/// The DOM lights what the core lights for `flow` at `step` in the endpoint scene.
fn assert_lit_as_the_core_says_at(
    root: &Element,
    scenario: &Scenario,
    flow: &str,
    step: Option<usize>,
) {
    let a = analyze(scenario);
    let core = layout(
        &a,
        &View {
            scene: SceneKind::Endpoint,
            flow: Some(eksnet::Flow::parse(flow).unwrap()),
            step,
            ..View::default()
        },
    );
    let want: std::collections::BTreeSet<String> =
        core.on_path().iter().map(|i| i.to_string()).collect();
    assert_eq!(shapes_with(root, "data-on-path"), want);
    let current: Vec<String> = core
        .shapes
        .iter()
        .filter(|s| s.state.current)
        .map(|s| s.id.to_string())
        .collect();
    // (`data-current` also marks a scene's "you are here" notes; the class is the step's.)
    let dom: Vec<String> = qa(root, "svg.eksnet-scene g[data-role].current")
        .iter()
        .filter_map(|e| e.get_attribute("data-id"))
        .collect();
    assert_eq!(dom, current);
}

/// The play button steps through the flow, one step per tick, and pressing it
/// again stops it where it is.
#[wasm_bindgen_test]
async fn play_steps_through_the_flow_and_pause_stops_it() {
    let root = mount(Initial {
        view: View {
            scene: SceneKind::Endpoint,
            flow: Some(eksnet::Flow::parse("kubelet:ip-192-168-46-6").unwrap()),
            ..View::default()
        },
        ..Initial::default()
    });
    settle().await;
    let step = |root: &Element| {
        q(root, ".app svg.eksnet-scene")
            .get_attribute("data-step")
            .and_then(|s| s.parse::<usize>().ok())
    };
    assert_eq!(step(&root), None);
    click(&root, "[data-control=step-play]");
    settle().await;
    assert_eq!(step(&root), Some(0), "play starts at the first step");
    let play = q(&root, "[data-control=step-play]");
    assert_eq!(play.get_attribute("aria-pressed").as_deref(), Some("true"));
    sleep(1600).await;
    settle().await;
    assert_eq!(step(&root), Some(1), "one step per tick");
    click(&root, "[data-control=step-play]");
    settle().await;
    assert_eq!(play.get_attribute("aria-pressed").as_deref(), Some("false"));
    sleep(1600).await;
    settle().await;
    assert_eq!(step(&root), Some(1), "paused where it was");
}
