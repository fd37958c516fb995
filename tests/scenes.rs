//! Browser tests that the page paints the core's scenes: every scene as the
//! core's SVG export writes it, and the first smoke test (the app mounted alone
//! draws the default scenario's nodes). Included by `browser.rs` (its helpers
//! are `super::`).

use std::collections::BTreeMap;

use eksnet::{analyze, layout, Lang, Scenario, SceneKind, View};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

use super::{click, mount, q, qa, settle};

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
