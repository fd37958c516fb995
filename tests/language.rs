//! Browser tests of the language toggle: the page's text, the diagram's and the
//! document's `lang` change, and the choice is remembered. Included by
//! `browser.rs` (its helpers are `super::`).

use eksnet_web::Initial;
use wasm_bindgen_test::*;

use super::{click, doc, mount, q, settle};

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
