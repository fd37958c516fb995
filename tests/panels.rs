//! Browser tests of the side panels that print the core's answers: the kubectl
//! console and the "Max pods" truth table. Included by `browser.rs` (its helpers
//! are `super::`).

use eksnet::{analyze, Scenario};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

use super::{click, mount, q, qa, settle, type_into};

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
