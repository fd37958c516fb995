//! Browser tests of what a first-time visitor meets: the orientation and its
//! three questions, the scene's caption, flows in words, sources by title and
//! components by name. Included by `browser.rs` (its helpers are `super::`).

use eksnet::{analyze, Scenario, SceneKind};
use eksnet_web::orientation::{self, Question};
use eksnet_web::Initial;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlSelectElement};

use super::{click, mount, q, qa, settle};
use wasm_bindgen::JsCast;

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

fn selected(root: &Element, sel: &str) -> bool {
    q(root, sel).get_attribute("aria-selected").as_deref() == Some("true")
}

#[wasm_bindgen_test]
async fn the_orientation_greets_a_first_visit_and_stays_dismissed() {
    storage().remove_item(orientation::SEEN_KEY).unwrap();
    let root = mount(Initial::default());
    settle().await;
    let card = q(&root, "[data-control=orientation]");
    assert_eq!(qa(&card, "[data-question]").len(), 3);
    // Not over the diagram: it sits in the side column, the diagram stays whole.
    assert!(q(&root, ".side-wrap").contains(Some(&card)));
    click(&root, "[data-control=orientation-close]");
    settle().await;
    assert!(qa(&root, "[data-control=orientation]").is_empty());
    assert!(storage().get_item(orientation::SEEN_KEY).unwrap().is_some());
    // The next visit starts without it; the header's "?" brings it back.
    let root = mount(Initial::default());
    settle().await;
    assert!(qa(&root, "[data-control=orientation]").is_empty());
    let help = q(&root, "[data-control=help]");
    assert_eq!(
        help.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    click(&root, "[data-control=help]");
    settle().await;
    assert_eq!(
        qa(&root, "[data-control=orientation] [data-question]").len(),
        3
    );
    // In Korean too.
    click(&root, "[data-control=lang] [data-value=ko]");
    settle().await;
    let ko = text(&q(&root, "[data-question=max-pods]"));
    assert!(ko.contains("Pod가 몇 개"), "{ko}");
    click(&root, "[data-control=lang] [data-value=en]");
    settle().await;
}

#[wasm_bindgen_test]
async fn each_orientation_question_opens_the_view_it_promises() {
    let a = analyze(&Scenario::example());
    let node = &a.model.nodes[0];
    let short = eksnet::model::names::short_node_name(&node.name).to_string();
    for qn in Question::ALL {
        storage().remove_item(orientation::SEEN_KEY).unwrap();
        let root = mount(Initial::default());
        settle().await;
        click(&root, &format!("[data-question={}]", qn.slug()));
        settle().await;
        let picker: HtmlSelectElement = q(&root, "#flow-picker").unchecked_into();
        match qn {
            Question::NodeJoin => {
                assert!(selected(&root, "#scene-tab-node-bootstrap"));
                assert_eq!(picker.value(), format!("kubelet:{short}"));
                assert!(selected(&root, "#ptab-path"));
                // The registration's steps and its verdict are on screen.
                assert!(!qa(&root, "ol.steps > li").is_empty());
                assert!(!qa(&root, "[data-verdict]").is_empty());
            }
            Question::KubectlModes => {
                assert!(selected(&root, "#scene-tab-endpoint"));
                let client = &a.model.clients[0].name;
                assert_eq!(picker.value(), format!("kubectl:{client}"));
                assert!(selected(&root, "#ptab-path"));
                // The endpoint modes to switch between are at hand.
                assert!(qa(&root, "#ppanel-path .endpoint-mode input").len() >= 3);
            }
            Question::MaxPods => {
                // The Max pods panel answers it, over the node it starts from.
                assert!(!q(&root, "#max-pods-panel").has_attribute("hidden"));
                assert!(!qa(&root, "#max-pods-panel [data-value=recommended]").is_empty());
                assert!(selected(&root, "#scene-tab-inside-node"));
                assert!(selected(&root, "#ptab-details"));
                let d = q(&root, "#ppanel-details .details");
                assert_eq!(d.get_attribute("data-selected"), Some(node.eid.to_string()));
                let svg = q(&root, "svg.eksnet-scene");
                assert!(!qa(&svg, &format!("[data-id=\"{}\"]", node.eid)).is_empty());
            }
        }
        // Answered: the orientation steps aside and is remembered as seen.
        assert!(qa(&root, "[data-control=orientation]").is_empty());
        assert!(storage().get_item(orientation::SEEN_KEY).unwrap().is_some());
    }
}

#[wasm_bindgen_test]
async fn each_scene_says_what_it_shows_in_both_languages() {
    let root = mount(Initial::default());
    settle().await;
    for kind in SceneKind::ALL {
        click(&root, &format!("#scene-tab-{}", kind.slug()));
        settle().await;
        let cap = q(&root, "[data-control=scene-caption]");
        assert_eq!(text(&cap), kind.caption().en, "{}", kind.slug());
    }
    click(&root, "[data-control=lang] [data-value=ko]");
    settle().await;
    // Still on the last scene clicked above.
    let last = SceneKind::ALL[SceneKind::ALL.len() - 1];
    let cap = q(&root, "[data-control=scene-caption]");
    assert_eq!(text(&cap), last.caption().ko);
    click(&root, "[data-control=lang] [data-value=en]");
    settle().await;
}

#[wasm_bindgen_test]
async fn the_flow_picker_names_flows_in_words_and_keeps_the_grammar_as_value() {
    let root = mount(Initial::default());
    settle().await;
    let a = analyze(&Scenario::example());
    let groups = eksnet::trace::flows(&a);
    let opts = qa(&root, "#flow-picker optgroup option");
    let want: Vec<(String, String)> = groups
        .iter()
        .flat_map(|g| g.flows.iter().map(|(f, l)| (f.to_string(), l.en.clone())))
        .collect();
    let got: Vec<(String, String)> = opts
        .iter()
        .map(|o| (o.get_attribute("value").unwrap_or_default(), text(o)))
        .collect();
    assert_eq!(got, want);
    assert!(got
        .iter()
        .any(|(v, t)| v == "kubectl:laptop" && t == "kubectl on laptop → API server"));
    assert_eq!(qa(&root, "#flow-picker optgroup").len(), groups.len());
}

#[wasm_bindgen_test]
async fn sources_are_cited_by_title_and_components_by_name() {
    let mut s = Scenario::example();
    // Private only, from the internet: kubectl stops, citing AWS's documentation.
    s.cluster.resources_vpc_config.endpoint_public_access = false;
    s.cluster.resources_vpc_config.endpoint_private_access = true;
    let a = analyze(&s);
    let mut init = Initial {
        scenario: s,
        ..Initial::default()
    };
    init.view.flow = eksnet::Flow::parse("kubectl:laptop").ok();
    let root = mount(init);
    settle().await;
    click(&root, "#ptab-path");
    settle().await;
    let cites = qa(&root, "#ppanel-path .cite .cite-title");
    assert!(!cites.is_empty());
    for c in &cites {
        let t = text(c);
        assert!(!t.contains(".txt"), "a file name as the title: {t}");
        // The file name stays at hand.
        assert!(c.get_attribute("title").is_some_and(|f| !f.is_empty()));
    }
    let t = eksnet::trace::trace(&a, &eksnet::Flow::parse("kubectl:laptop").unwrap());
    if let eksnet::Verdict::Blocked { at, cite, .. } = &t.verdict {
        let v = q(&root, "[data-verdict=blocked]");
        let link = q(&v, ".cite-title");
        assert_eq!(text(&link), cite.title().en);
        assert_eq!(link.get_attribute("href").as_deref(), cite.url());
        // The component by its name, its id as the tooltip.
        let name = q(&v, ".at-name");
        assert_eq!(text(&name), eksnet::element_name(&a, at).en);
        assert_eq!(name.get_attribute("title"), Some(at.to_string()));
    } else {
        panic!("kubectl from the internet should stop at a private-only endpoint");
    }
}

#[wasm_bindgen_test]
async fn details_name_the_eni_by_its_id_and_the_pod_by_its_full_name() {
    let a = analyze(&Scenario::example());
    let nip = a.ipam.nodes.get(0).unwrap();
    let node = &a.model.nodes[nip.node];
    let eni = nip.enis().get(0).unwrap();
    let pod = a
        .ipam
        .pods
        .iter()
        .find(|p| p.node == Some(nip.node) && p.ip.is_some() && !p.host_network)
        .unwrap();
    for (id, want) in [
        (eni.eid(), eni.id()),
        (
            eksnet::ElementId::pod(&pod.namespace, &pod.name),
            pod.name.to_string(),
        ),
    ] {
        let mut init = Initial::default();
        init.view.scene = SceneKind::InsideNode;
        init.view.node = Some(node.name.clone());
        init.view.selection = Some(id.clone());
        let root = mount(init);
        settle().await;
        click(&root, "#ptab-details");
        settle().await;
        let h = text(&q(&root, "#ppanel-details [data-control=element-name]"));
        assert_eq!(h, eksnet::element_name(&a, &id).en);
        assert!(h.contains(&want), "{h} lacks {want}");
    }
}
