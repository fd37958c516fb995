//! Browser tests of what the page's first module reads and writes without the
//! standard library's float parsing and formatting (docs/size.md, "Ninth
//! round"): the prerendered drawing's numbers and the zoom level. Included by
//! `browser.rs` (its helpers are `super::`).

use eksnet_web::Initial;
use wasm_bindgen_test::*;

use super::{click, mount, q, settle};

/// The prerendered drawing's numbers (its `viewBox` and the scene's size)
/// are read as written, decimals included; a drawing whose `viewBox` is not
/// four numbers is not adopted, and a missing scene size falls back to the
/// frame and its margin.
#[wasm_bindgen_test]
fn the_prerendered_drawings_numbers_are_read_as_written() {
    let doc = leptos::prelude::document();
    let svg = |view_box: &str, size: Option<&str>| {
        let e = doc
            .create_element_ns(Some("http://www.w3.org/2000/svg"), "svg")
            .unwrap();
        e.set_attribute("viewBox", view_box).unwrap();
        if let Some(s) = size {
            e.set_attribute("data-scene-size", s).unwrap();
        }
        e
    };
    let kind = eksnet::SceneKind::PodNetwork;
    let p = eksnet_web::adopt::from_svg(svg("8 -4.5 888 498.25", Some("904 580.5")), kind)
        .expect("adopted");
    assert_eq!((p.stand_in.width, p.stand_in.height), (904.0, 580.5));
    assert_eq!(p.svg.get_attribute("x").as_deref(), Some("8"));
    assert_eq!(p.svg.get_attribute("y").as_deref(), Some("-4.5"));
    let p = eksnet_web::adopt::from_svg(svg("8 8 888 498", None), kind).expect("adopted");
    assert_eq!((p.stand_in.width, p.stand_in.height), (904.0, 514.0));
    assert!(eksnet_web::adopt::from_svg(svg("8 8 wide 498", Some("904 580")), kind).is_none());
    assert!(eksnet_web::adopt::from_svg(svg("8 8 888", None), kind).is_none());
}

/// The zoom level is a whole percentage, written as `{:.0}` writes it
/// (halves to even), and the "100%" button shows 100%.
#[wasm_bindgen_test]
async fn the_zoom_level_is_a_whole_percentage() {
    let values = (0..20_000).map(|i| f64::from(i) / 4000.0).chain([
        0.005,
        0.015,
        0.625,
        1.125,
        0.3333,
        2.0 / 3.0,
    ]);
    for k in values {
        assert_eq!(
            eksnet_web::diagram::percent(k),
            format!("{:.0}%", k * 100.0),
            "{k}"
        );
    }
    let root = mount(Initial::default());
    settle().await;
    click(&root, "[data-control='zoom-100']");
    settle().await;
    assert_eq!(
        q(&root, "[data-control='zoom-100'] span")
            .text_content()
            .as_deref(),
        Some("100%")
    );
}
