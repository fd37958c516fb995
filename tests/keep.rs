//! Browser tests that nothing a person edits is lost or silently wrong: undo
//! after a replaced scenario, limits in range messages, a step past the end.
//! Included by `browser.rs` (its helpers are `super::`).

use eksnet::{Flow, Scenario};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

use super::{click, mount, open_section, q, qa, settle, type_into};

fn node_shapes(root: &web_sys::Element) -> usize {
    qa(root, "svg.eksnet-scene [data-id^='node:']").len()
}

#[wasm_bindgen_test]
async fn a_json_document_typed_over_the_scenario_can_be_undone() {
    let root = mount(Initial::default());
    settle().await;
    let nodes = node_shapes(&root);
    assert!(nodes > 0);
    open_section(&root, "Scenario JSON").await;
    q(&root, "#scenario-json")
        .unchecked_into::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    type_into(&root, "#scenario-json", "{}");
    settle().await;
    assert_eq!(node_shapes(&root), 0, "{{}} replaced the scenario");
    click(&root, ".json-editor [data-control=undo]");
    settle().await;
    assert_eq!(node_shapes(&root), nodes, "undo brought the scenario back");
    assert!(qa(&root, "[data-control=undo-bar]").is_empty());
}

#[wasm_bindgen_test]
async fn reset_to_the_example_can_be_undone() {
    let mut s = Scenario::example();
    s.workloads[0].replicas = 7;
    let root = mount(Initial {
        scenario: s,
        ..Initial::default()
    });
    settle().await;
    click(&root, "#ptab-scenario");
    settle().await;
    click(&root, "[data-control=reset]");
    settle().await;
    let bar = q(&root, "[data-control=undo-bar]");
    assert!(bar.text_content().unwrap_or_default().contains("replaced"));
    click(&root, "[data-control=undo-bar] [data-control=undo]");
    settle().await;
    open_section(&root, "Workloads").await;
    let input: HtmlInputElement = q(&root, "#f-workloads-0-replicas").unchecked_into();
    assert_eq!(input.value(), "7");
}

#[wasm_bindgen_test]
async fn an_out_of_range_number_says_the_limit() {
    let root = mount(Initial::default());
    settle().await;
    open_section(&root, "Workloads").await;
    let field = "#f-workloads-0-replicas";
    for typed in ["500000", "99999999999"] {
        type_into(&root, field, typed);
        settle().await;
        let msg = q(&root, "[data-control=out-of-range]")
            .text_content()
            .unwrap_or_default();
        assert!(msg.contains("at most 100000"), "{typed}: {msg}");
        assert!(!msg.contains("whole number"), "{typed}: {msg}");
    }
    type_into(&root, field, "5");
    settle().await;
    assert!(qa(&root, "[data-control=out-of-range]").is_empty());
}

#[wasm_bindgen_test]
async fn a_step_past_the_last_shows_the_last_step() {
    let mut init = Initial::default();
    init.view.flow = Flow::parse("kubelet:ip-192-168-46-6").ok();
    init.view.step = Some(99);
    let a = eksnet::analyze(&init.scenario);
    let n = eksnet::trace::trace(&a, init.view.flow.as_ref().unwrap())
        .hops
        .len();
    let root = mount(init);
    settle().await;
    settle().await;
    let of = q(&root, ".step-of").text_content().unwrap_or_default();
    assert_eq!(of, format!("Step {n} of {n}"));
}

#[wasm_bindgen_test]
async fn go_to_field_reaches_and_focuses_every_diagnostic_field() {
    let mut s = Scenario::example();
    // A host name that is not this load balancer's (lb-hostname-stale).
    let svc = s
        .services
        .iter()
        .position(|x| x.service_type == eksnet::scenario::ServiceType::LoadBalancer)
        .unwrap_or(0);
    s.services[svc].load_balancer_hostname = Some("not-this-one.example.com".into());
    let a = eksnet::analyze(&s);
    let stale = a
        .diagnostics
        .iter()
        .find(|d| d.code == "lb-hostname-stale")
        .expect("a stale host name is diagnosed")
        .path
        .clone();
    let root = mount(Initial {
        scenario: s,
        ..Initial::default()
    });
    settle().await;
    click(&root, "#ptab-issues");
    settle().await;
    let items = qa(&root, ".diagnostics li[data-path]");
    for li in items {
        let path = li.get_attribute("data-path").unwrap_or_default();
        if path.is_empty() {
            continue;
        }
        click(&root, "#ptab-issues");
        settle().await;
        li.query_selector("button.link")
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>()
            .click();
        settle().await;
        // Focus lands after the section draws: wait for it (up to three seconds).
        for _ in 0..150 {
            super::sleep(20).await;
            let a = super::doc().active_element();
            if a.is_some_and(|a| a.tag_name() != "BODY") {
                break;
            }
        }
        let active = super::doc().active_element().unwrap();
        assert_ne!(active.tag_name(), "BODY", "{path}: focus left on <body>");
        if path == stale {
            assert_eq!(active.get_attribute("data-path"), Some(stale.clone()));
        }
    }
}
