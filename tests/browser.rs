//! Browser tests: mount the real explorer in headless Chrome, act through DOM
//! events, and assert on the DOM against what the core computes.
//! Run with `cargo test -p eksnet-web --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use eksnet::{analyze, layout, EndpointAccess, Lang, Scenario, SceneKind, View};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

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

/// `(data-id, class, data-* attributes)` of every `[data-id]` element under `el`.
fn contract(el: &Element) -> Vec<(String, String, BTreeMap<String, String>)> {
    qa(el, "[data-id]")
        .into_iter()
        .map(|e| {
            let names = e.get_attribute_names();
            let mut data = BTreeMap::new();
            for n in names.iter() {
                let n = n.as_string().unwrap_or_default();
                if n.starts_with("data-") {
                    data.insert(n.clone(), e.get_attribute(&n).unwrap_or_default());
                }
            }
            (
                e.get_attribute("data-id").unwrap_or_default(),
                e.get_attribute("class").unwrap_or_default(),
                data,
            )
        })
        .collect()
}

// ------------------------------------------------------------------ tests ----

#[wasm_bindgen_test]
async fn every_scene_renders_from_the_default_scenario_as_the_core_exports_it() {
    let root = mount(Initial::default());
    settle().await;
    let analysis = analyze(&Scenario::example());
    for kind in SceneKind::ALL {
        click(&root, &format!("#scene-tab-{}", kind.slug()));
        settle().await;
        let tab = q(&root, &format!("#scene-tab-{}", kind.slug()));
        assert_eq!(tab.get_attribute("aria-selected").as_deref(), Some("true"));
        let scene = layout(
            &analysis,
            &View {
                scene: kind,
                ..View::default()
            },
        );
        let svg = q(&root, "svg.eksnet-scene");
        assert_eq!(
            svg.get_attribute("data-scene").as_deref(),
            Some(scene.kind.slug())
        );
        assert_eq!(
            q(&svg, "title").text_content().unwrap_or_default(),
            scene.title.en,
            "{}",
            kind.slug()
        );
        assert!(!q(&svg, "desc")
            .text_content()
            .unwrap_or_default()
            .is_empty());
        let drawn = contract(&svg);
        assert!(!drawn.is_empty(), "{} draws nothing", kind.slug());
        // The page paints exactly what the core's SVG export writes.
        let exported = eksnet::svg::render(&scene, Lang::En);
        let parsed = web_sys::DomParser::new()
            .unwrap()
            .parse_from_string(&exported, web_sys::SupportedType::ImageSvgXml)
            .unwrap();
        let expected = contract(&parsed.document_element().unwrap());
        assert_eq!(drawn, expected, "{}", kind.slug());
    }
}

#[wasm_bindgen_test]
async fn language_toggle_changes_the_text_and_is_remembered() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(eksnet_web::state::LANG_KEY).unwrap();
    let root = mount(Initial::default());
    settle().await;
    let tab = || {
        q(&root, "#scene-tab-pod-network")
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(tab(), "Pod network");
    assert_eq!(
        q(&root, "#ptab-scenario")
            .text_content()
            .unwrap_or_default(),
        "Scenario"
    );
    click(&root, "[data-control=lang] [data-value=ko]");
    settle().await;
    assert_eq!(tab(), "Pod 네트워크");
    assert_eq!(
        q(&root, "#ptab-scenario")
            .text_content()
            .unwrap_or_default(),
        "시나리오"
    );
    assert_eq!(
        q(&root, "svg.eksnet-scene title")
            .text_content()
            .unwrap_or_default(),
        "Pod 네트워크"
    );
    assert_eq!(
        q(&root, "[data-control=lang] [data-value=ko]")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        storage
            .get_item(eksnet_web::state::LANG_KEY)
            .unwrap()
            .as_deref(),
        Some("ko")
    );
    assert_eq!(
        doc()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("ko")
    );
    click(&root, "[data-control=lang] [data-value=en]");
    settle().await;
    assert_eq!(tab(), "Pod network");
}

#[wasm_bindgen_test]
async fn an_invalid_cidr_shows_its_diagnostic_next_to_the_field_and_is_kept() {
    let root = mount(Initial::default());
    settle().await;
    open_section(&root, "Subnets and routes").await;
    let field = "#f-vpc-subnets-0-cidrBlock";
    type_into(&root, field, "192.168.32.0/33");
    settle().await;
    let input: HtmlInputElement = q(&root, field).unchecked_into();
    assert_eq!(input.value(), "192.168.32.0/33", "the typed text is kept");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let diag = q(&root, "#f-vpc-subnets-0-cidrBlock-diag");
    let codes: Vec<String> = qa(&diag, "[data-code]")
        .iter()
        .filter_map(|e| e.get_attribute("data-code"))
        .collect();
    assert!(codes.contains(&"invalid-cidr".to_string()), "{codes:?}");
    // The core said the same about the same field.
    let mut s = Scenario::example();
    s.vpc.subnets[0].cidr_block = "192.168.32.0/33".into();
    assert!(analyze(&s)
        .diagnostics
        .iter()
        .any(|d| d.code == "invalid-cidr" && d.path == "/vpc/subnets/0/cidrBlock"));
    // The diagnostics list names it too, and takes one back to the field.
    assert!(q(&root, "#ptab-issues .badge")
        .class_list()
        .contains("has-errors"));
    // Fixing it clears the diagnostic.
    type_into(&root, field, "192.168.32.0/19");
    settle().await;
    assert!(qa(&root, "#f-vpc-subnets-0-cidrBlock-diag [data-code]").is_empty());
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn a_number_field_keeps_text_that_is_not_a_number() {
    let root = mount(Initial::default());
    settle().await;
    open_section(&root, "Workloads").await;
    let field = "#f-workloads-0-replicas";
    type_into(&root, field, "4x");
    settle().await;
    let input: HtmlInputElement = q(&root, field).unchecked_into();
    assert_eq!(input.value(), "4x");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(!q(&root, "#f-workloads-0-replicas-diag")
        .text_content()
        .unwrap_or_default()
        .is_empty());
    // The stepper still works from the last valid value.
    click(&root, "#f-workloads-0-replicas + button");
    settle().await;
    assert_eq!(input.value(), "5");
}

#[wasm_bindgen_test]
async fn the_json_editor_locates_parse_errors_and_applies_valid_documents() {
    let root = mount(Initial::default());
    settle().await;
    open_section(&root, "Scenario JSON").await;
    type_into(
        &root,
        "#scenario-json",
        "{\n  \"vpc\": {\"enableDnsSuport\": true}\n}",
    );
    settle().await;
    let err = q(&root, ".json-error");
    assert_eq!(
        err.get_attribute("data-path").as_deref(),
        Some("/vpc/enableDnsSuport")
    );
    let text = err.text_content().unwrap_or_default();
    assert!(text.contains("line 2"), "{text}");
    assert!(
        text.contains("enableDnsSupport"),
        "suggests the right name: {text}"
    );
    let ta: web_sys::HtmlTextAreaElement = q(&root, "#scenario-json").unchecked_into();
    assert!(
        ta.value().contains("enableDnsSuport"),
        "the typed text is kept"
    );
    // A valid document replaces the scenario: no nodes, no node shapes.
    type_into(&root, "#scenario-json", "{\"version\": 1}");
    settle().await;
    assert!(qa(&root, ".json-error").is_empty());
    assert!(qa(&root, "svg.eksnet-scene [data-id^='node:']").is_empty());
}

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

/// `(ip, pod, eni)` of every address slot drawn for `node` in "inside a node".
fn slots_in_dom(root: &Element) -> std::collections::BTreeSet<(String, String, String)> {
    qa(root, "svg.eksnet-scene g[data-role=slot]")
        .iter()
        .map(|e| {
            let a = |k: &str| e.get_attribute(k).unwrap_or_default();
            (a("data-ip"), a("data-pod"), a("data-eni"))
        })
        .collect()
}

/// The same, from the core's allocation for node `name`.
fn slots_in_core(
    scenario: &Scenario,
    name: &str,
) -> std::collections::BTreeSet<(String, String, String)> {
    let a = analyze(scenario);
    let i = a.model.node_index(name).expect("the node exists");
    let node = a
        .ipam
        .nodes
        .iter()
        .find(|n| n.node == i)
        .expect("the node has IPAM");
    let mut out = std::collections::BTreeSet::new();
    for eni in &node.enis {
        // The ENI's own primary address is drawn as a slot no pod can hold.
        out.insert((eni.primary_ip.to_string(), String::new(), eni.name()));
        for slot in eni.all_slots() {
            let pod = slot
                .pod
                .and_then(|p| a.ipam.pods.get(p))
                .map(|p| format!("{}/{}", p.namespace, p.name))
                .unwrap_or_default();
            out.insert((slot.ip.to_string(), pod, eni.name()));
        }
    }
    out
}

/// `(pod, ip, node)` of every pod drawn in "pod network", and the core's.
fn pods_in_dom(root: &Element) -> std::collections::BTreeSet<(String, String, String)> {
    qa(root, "svg.eksnet-scene g[data-role=pod][data-pod]")
        .iter()
        .map(|e| {
            let a = |k: &str| e.get_attribute(k).unwrap_or_default();
            (a("data-pod"), a("data-ip"), a("data-node"))
        })
        .collect()
}

fn pods_in_core(scenario: &Scenario) -> std::collections::BTreeSet<(String, String, String)> {
    let a = analyze(scenario);
    a.ipam
        .pods
        .iter()
        .filter(|p| !p.host_network)
        .filter_map(|p| {
            let node = a.model.nodes.get(p.node?)?;
            Some((
                format!("{}/{}", p.namespace, p.name),
                p.ip?.to_string(),
                node.name.clone(),
            ))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn pod_slots_are_the_core_allocation_and_follow_the_replicas() {
    let root = mount(Initial {
        view: View {
            scene: SceneKind::InsideNode,
            ..View::default()
        },
        ..Initial::default()
    });
    settle().await;
    let node = || {
        q(&root, "select[data-control=node]")
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    };
    let mut scenario = Scenario::example();
    let before = slots_in_dom(&root);
    assert!(!before.is_empty(), "inside a node draws address slots");
    // The overview draws the first slots of each ENI (the rest are summed up in
    // "+N more"): each drawn slot is the core's, with the pod the core put there.
    assert!(before.is_subset(&slots_in_core(&scenario, &node())));
    assert!(
        before.iter().any(|(_, pod, _)| !pod.is_empty()),
        "a pod holds a slot"
    );
    assert!(
        before.iter().any(|(_, pod, _)| pod.is_empty()),
        "warm slots are drawn"
    );
    // Scale up by four: the new replicas take addresses, as the core allocates them.
    for _ in 0..4 {
        click(&root, "[data-control=replicas-up]");
        settle().await;
    }
    scenario.workloads[0].replicas += 4;
    let after = slots_in_dom(&root);
    assert!(after.is_subset(&slots_in_core(&scenario, &node())));
    let held = |s: &std::collections::BTreeSet<(String, String, String)>| {
        s.iter().filter(|(_, p, _)| !p.is_empty()).count()
    };
    assert!(
        held(&after) > held(&before),
        "scaling up assigns more addresses on this node"
    );

    // In the pod network, every running pod is drawn with its IP and node.
    click(&root, "#scene-tab-pod-network");
    settle().await;
    assert_eq!(pods_in_dom(&root), pods_in_core(&scenario));
    for _ in 0..6 {
        click(&root, "[data-control=replicas-down]");
        settle().await;
    }
    scenario.workloads[0].replicas -= 6;
    let fewer = pods_in_dom(&root);
    assert_eq!(fewer, pods_in_core(&scenario));
    assert_eq!(
        fewer
            .iter()
            .filter(|(p, _, _)| p.starts_with("default/my-nginx"))
            .count(),
        2,
        "two replicas left"
    );
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

#[wasm_bindgen_test]
async fn the_console_prints_the_core_kubectl_views() {
    let root = mount(Initial::default());
    settle().await;
    let views = eksnet::kubectl::views(&analyze(&Scenario::example()));
    assert!(!views.is_empty(), "the default scenario has a Service");
    let cmds: Vec<String> = qa(&root, ".console-cmds .cmd")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    assert_eq!(cmds.len(), views.len());
    for (i, v) in views.iter().enumerate() {
        click(&root, &format!(".console-cmds .cmd:nth-child({})", i + 1));
        settle().await;
        let out = q(&root, "pre.console-out")
            .text_content()
            .unwrap_or_default();
        assert_eq!(out, format!("$ {}\n{}", v.command, v.output));
    }
}

// ------------------------------------------------- the first smoke test ----

/// A fresh container appended to `<body>`.
fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

#[wasm_bindgen_test]
async fn app_draws_the_default_scenario_from_the_core() {
    let root = container();
    leptos::mount::mount_to(root.clone(), eksnet_web::App).forget();
    leptos::task::tick().await;

    let svg = root
        .query_selector("svg.eksnet-scene")
        .unwrap()
        .expect("an <svg> diagram");
    // Every node of the core's model is drawn with its model id and address.
    let analysis = eksnet::analyze(&eksnet::Scenario::example());
    assert_eq!(analysis.model.nodes.len(), 4);
    for node in &analysis.model.nodes {
        let sel = format!(r#"[data-id="{}"]"#, node.eid);
        let g = svg
            .query_selector(&sel)
            .unwrap()
            .unwrap_or_else(|| panic!("no {sel}"));
        assert_eq!(
            g.get_attribute("data-ip").as_deref(),
            Some(node.private_ip.to_string().as_str())
        );
        // The label names the node (its address is in data-ip: with pods drawn
        // inside, the box has no room for a second line).
        let short = node.name.split('.').next().unwrap_or(&node.name);
        assert!(g.text_content().unwrap().contains(short));
    }
    assert!(svg
        .query_selector(r#"[data-id="subnet:subnet-a"]"#)
        .unwrap()
        .is_some());
    let title = svg
        .query_selector("title")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(!title.is_empty());
}

/// A large cluster is analysed in slices: the page shows the progress, stays
/// responsive (timers run while the analysis is under way), and ends with the
/// core's analysis of the whole scenario.
#[wasm_bindgen_test]
async fn a_large_cluster_is_analysed_with_progress_without_blocking() {
    let scenario = eksnet::generate::large(20_000, 10);
    let want_pods = 20_000 * 12;
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
    assert!(stages.contains("PodIps"), "stages seen: {stages:?}");
    settle().await;
    let desc = q(&root, "svg.eksnet-scene desc")
        .text_content()
        .unwrap_or_default();
    assert!(
        desc.contains(&format!("{want_pods} pods")),
        "the diagram describes the finished analysis ({want_pods} pods): {desc}"
    );
}

/// The replicas control takes one off a count above its own maximum (10,000)
/// instead of jumping to the maximum, and does not add beyond it.
#[wasm_bindgen_test]
async fn replicas_minus_takes_one_off_a_large_count() {
    let mut scenario = Scenario::example();
    scenario.workloads[0].replicas = 12_000;
    let root = mount(Initial {
        scenario,
        ..Initial::default()
    });
    settle().await;
    assert!(q(&root, "[data-control=replicas-up]").has_attribute("disabled"));
    click(&root, "[data-control=replicas-down]");
    settle().await;
    assert_eq!(
        q(&root, ".quick-value").text_content().as_deref(),
        Some("11999")
    );
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

/// The "Max pods" panel is one click from the header and shows the core's truth
/// table: m5.large → 29; with prefix delegation 110, where the AL2 bootstrap.sh
/// still sets 29 (marked); an unknown type is refused with suggestions; Korean too.
/// Nothing in it changes the scenario.
#[wasm_bindgen_test]
async fn max_pods_panel_shows_the_truth_table() {
    use eksnet::cni::max_pods::{truth_table, Question};
    let root = mount(Initial::default());
    settle().await;
    let panel = q(&root, "#max-pods-panel");
    assert!(panel.has_attribute("hidden"));
    click(&root, "[data-control=max-pods]");
    settle().await;
    assert!(!panel.has_attribute("hidden"));
    let text = |sel: &str| q(&root, sel).text_content().unwrap_or_default();
    // It starts from the scenario's node group: m5.large, secondary IPs.
    let input: HtmlInputElement = q(&root, "#mp-type").unchecked_into();
    assert_eq!(input.value(), "m5.large");
    assert_eq!(text("[data-value=recommended]"), "29");
    assert_eq!(
        qa(&root, "#mp-types option").len(),
        eksnet::cni::limits::all().len()
    );
    assert!(qa(&root, ".mp-launchers tr.disagrees").is_empty());
    // Prefix delegation: 110 recommended; bootstrap.sh, nodeadm, Karpenter say 29.
    click(&root, "[data-toggle=prefix-delegation]");
    settle().await;
    let core = truth_table(
        "m5.large",
        &Question {
            prefix_delegation: true,
            ..Question::default()
        },
    )
    .unwrap();
    assert_eq!(text("[data-value=recommended]"), "110");
    assert_eq!(text(".mp-sentence"), core.sentence.en);
    assert_eq!(
        text("[data-launcher=al2-bootstrap] [data-value=max-pods]"),
        "29"
    );
    assert_eq!(
        text("[data-launcher=managed-node-group] [data-value=max-pods]"),
        "110"
    );
    assert_eq!(qa(&root, ".mp-launchers tr.disagrees").len(), 3);
    assert_eq!(
        q(&root, "[data-rule=prefix-delegation]")
            .get_attribute("data-state")
            .as_deref(),
        Some("applies")
    );
    // Another type, typed in: m5.xlarge says 58 where the calculator says 110.
    type_into(&root, "#mp-type", "m5.xlarge");
    settle().await;
    assert_eq!(
        text("[data-launcher=al2-bootstrap] [data-value=max-pods]"),
        "58"
    );
    assert_eq!(text("[data-value=recommended]"), "110");
    // An unknown type: refused, with suggestions.
    type_into(&root, "#mp-type", "m5.larg");
    settle().await;
    assert!(text(".mp-error").contains("m5.large"));
    // Korean.
    type_into(&root, "#mp-type", "m5.large");
    click(&root, "[data-lang=ko]");
    settle().await;
    assert_eq!(text(".mp-sentence"), core.sentence.ko);
    assert!(text("#max-pods-title").contains("최대 Pod"));
    click(&root, "[data-lang=en]");
    // The scenario is untouched; × closes.
    click(&root, ".mp-close");
    settle().await;
    assert!(panel.has_attribute("hidden"));
    assert_eq!(
        q(&root, "[data-control=max-pods]")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("false")
    );
}
