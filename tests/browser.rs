//! Browser tests: mount real components in headless Chrome and assert on the DOM.
//! Run with `cargo test -p eksnet-web --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
        assert!(g
            .text_content()
            .unwrap()
            .contains(&node.private_ip.to_string()));
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
