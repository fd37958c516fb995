//! Browser tests of the control plane's egress and of the route on a lit
//! path: picking `egress:oidc` draws the endpoint and lights its way as the
//! core does (blocked, red, where the core blocks it), and a flow's routing
//! hop shows its table and route as a label in the diagram. Included by
//! `browser.rs` (its helpers are `super::`).

use eksnet::{analyze, layout, Flow, Scenario, SceneKind, View};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

use super::{mount, q, qa, settle};

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

/// The drawn element `id`, if any.
fn drawn(root: &Element, id: &str) -> Option<Element> {
    root.query_selector(&format!("svg.eksnet-scene [data-id='{id}']"))
        .unwrap()
}

/// Ids of the drawn shapes carrying `attr`.
fn with_attr(root: &Element, attr: &str) -> Vec<String> {
    qa(root, &format!("svg.eksnet-scene g[data-role][{attr}]"))
        .iter()
        .filter_map(|e| e.get_attribute("data-id"))
        .collect()
}

/// nat-acl.json with the control plane's egress routed by the customer: the
/// public subnet's ACL drops the replies, so the egress is blocked there.
fn customer_routed() -> Scenario {
    let mut s =
        Scenario::from_json(include_str!("../docs/examples/nat-acl.json")).expect("example");
    s.cluster.resources_vpc_config.control_plane_egress_mode =
        eksnet::scenario::ControlPlaneEgressMode::CustomerRouted;
    s
}

/// The core's scene of `flow` in `scenario`.
fn core(scenario: &Scenario, scene: SceneKind, flow: &str) -> eksnet::Scene {
    layout(
        &analyze(scenario),
        &View {
            scene,
            flow: Flow::parse(flow).ok(),
            ..View::default()
        },
    )
}

#[wasm_bindgen_test]
async fn egress_draws_its_endpoint_and_lights_the_api_servers_way_out() {
    for scene in [SceneKind::Architecture, SceneKind::Endpoint] {
        let root = mount(Initial {
            view: View {
                scene,
                ..View::default()
            },
            ..Initial::default()
        });
        settle().await;
        assert!(drawn(&root, "internet#oidc").is_none());
        choose_flow(&root, "egress:oidc");
        settle().await;
        let d = drawn(&root, "internet#oidc").expect("the OIDC issuer is drawn");
        assert!(d.text_content().unwrap_or_default().contains("OIDC issuer"));
        assert!(d.has_attribute("data-on-path"));
        let e = drawn(&root, "cp:apiserver>internet#oidc").expect("the API server's line");
        assert!(e.class_list().contains("on-path"), "{:?}", e.class_name());
        let want: Vec<String> = core(&Scenario::example(), scene, "egress:oidc")
            .on_path()
            .iter()
            .map(|i| i.to_string())
            .collect();
        let mut lit = with_attr(&root, "data-on-path");
        lit.sort();
        let mut want = want;
        want.sort();
        assert_eq!(lit, want, "{}", scene.slug());
    }
}

#[wasm_bindgen_test]
async fn customer_routed_egress_is_blocked_where_the_core_blocks_it_with_its_route_drawn() {
    let scenario = customer_routed();
    let root = mount(Initial {
        scenario: scenario.clone(),
        view: View {
            scene: SceneKind::Architecture,
            ..View::default()
        },
        ..Initial::default()
    });
    settle().await;
    choose_flow(&root, "egress:oidc");
    settle().await;
    assert_eq!(
        with_attr(&root, "data-blocked"),
        vec!["subnet:subnet-pub-a"]
    );
    for id in ["eks-eni:0", "nat:nat-0a1b2c3d"] {
        assert!(
            drawn(&root, id).is_some_and(|e| e.has_attribute("data-on-path")),
            "{id}"
        );
    }
    // The cluster subnet's table and route, in the diagram, as the core says.
    let c = core(&scenario, SceneKind::Architecture, "egress:oidc");
    let want = c.shape("subnet:subnet-a#route").expect("core label");
    assert!(
        want.label.en.ends_with("0.0.0.0/0 → nat-0a1b2c3d"),
        "{}",
        want.label.en
    );
    let label = drawn(&root, "subnet:subnet-a#route").expect("the route is drawn");
    assert_eq!(
        label.text_content().unwrap_or_default().trim(),
        want.label.en
    );
    assert_eq!(
        label.get_attribute("data-route-table").as_deref(),
        Some("rtb-private")
    );
}

#[wasm_bindgen_test]
async fn a_kubelets_route_out_of_its_subnet_is_labelled_beside_its_line() {
    let root = mount(Initial {
        view: View {
            scene: SceneKind::Architecture,
            ..View::default()
        },
        ..Initial::default()
    });
    settle().await;
    assert!(drawn(&root, "subnet:subnet-a#route").is_none());
    choose_flow(&root, "kubelet:ip-192-168-46-6");
    settle().await;
    let label = drawn(&root, "subnet:subnet-a#route").expect("the route is drawn");
    let text = label.text_content().unwrap_or_default();
    assert!(text.trim().ends_with("0.0.0.0/0 → igw-1"), "{text}");
    assert_eq!(
        label.get_attribute("data-route-table").as_deref(),
        Some("rtb-subnet-a")
    );
}

#[wasm_bindgen_test]
async fn every_offered_flows_routing_hops_show_their_route_in_the_diagram() {
    // Every flow of the default scenario and of a private-only cluster, in
    // the scenes that draw subnets, in whatever size class the page is:
    // each routing hop whose subnet is drawn shows its route, in the
    // diagram, beside its line or numbered in the row under it.
    let private =
        Scenario::from_json(include_str!("../docs/examples/private-only.json")).expect("example");
    for scenario in [Scenario::example(), private] {
        let a = analyze(&scenario);
        let flows: Vec<String> = eksnet::trace::flows(&a)
            .iter()
            .flat_map(|g| g.flows.iter().map(|(f, _)| f.to_string()))
            .collect();
        for scene in [SceneKind::Architecture, SceneKind::PodNetwork] {
            let root = mount(Initial {
                scenario: scenario.clone(),
                view: View {
                    scene,
                    ..View::default()
                },
                ..Initial::default()
            });
            settle().await;
            for flow in &flows {
                choose_flow(&root, flow);
                settle().await;
                let t = eksnet::trace(&a, &Flow::parse(flow).unwrap());
                for h in t.hops.iter() {
                    let Some(r) = &h.route_table_route else {
                        continue;
                    };
                    if drawn(&root, h.at.as_str()).is_none() {
                        continue;
                    }
                    let id = format!("{}#route", h.at);
                    let label = drawn(&root, &id)
                        .unwrap_or_else(|| panic!("{} / {flow}: no {id}", scene.slug()));
                    let text = label.text_content().unwrap_or_default();
                    let dest = r.destination_cidr.clone().unwrap_or_default();
                    assert!(text.contains(&dest), "{flow}: {text}");
                    // A numbered label has its marker in the diagram.
                    if let Some((n, _)) = text.trim().split_once(" · ") {
                        if n.parse::<usize>().is_ok() {
                            let mark =
                                drawn(&root, &format!("{}#route-mark", h.at)).expect("its marker");
                            assert_eq!(mark.text_content().unwrap_or_default().trim(), n);
                        }
                    }
                }
            }
        }
    }
}
