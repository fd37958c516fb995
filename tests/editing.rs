//! Browser tests of editing the scenario: an invalid CIDR or a number that is
//! not one is kept and diagnosed at its field, the JSON editor locates parse
//! errors and applies valid documents, the replicas control steps from large
//! counts. Included by `browser.rs` (its helpers are `super::`).

use eksnet::{analyze, Scenario};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

use super::{click, mount, open_section, q, qa, settle, type_into};

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
