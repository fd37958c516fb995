//! The legibility promise: every scene, laid out for each size class, is small
//! enough in label fonts that its labels render at the class's budget at "Fit"
//! (see [`super::legibility`]). Geometry does not depend on the language (boxes
//! fit the wider of English and Korean, which [`super::problems`] checks), so one
//! layout stands for both languages.

use proptest::prelude::*;

use super::*;
use crate::{analyze, generate, Analysis, Scenario};

/// Every scene × size class of `a` whose labels fall below the budget, as
/// sentences (empty when all hold), with the sound-ness promises checked too.
fn illegible(a: &Analysis, what: &str) -> Vec<String> {
    let mut out = Vec::new();
    for scene in SceneKind::ALL {
        for size in SizeClass::ALL {
            let v = View {
                scene,
                size,
                ..View::default()
            };
            let s = layout(a, &v);
            for p in problems(&s) {
                out.push(format!("{what} / {} / {}: {p}", scene.slug(), size.slug()));
            }
            let l = legibility(&s, size);
            if !l.holds() {
                out.push(format!(
                    "{what} / {} / {}: {:.0}×{:.0} renders labels at {:.1} px, edge labels at {:.1} px (budget {} / {})",
                    scene.slug(),
                    size.slug(),
                    s.width,
                    s.height,
                    l.label_px,
                    l.small_px,
                    l.label_budget,
                    l.small_budget
                ));
            }
        }
    }
    out
}

#[test]
fn the_default_scenario_is_legible_everywhere() {
    let bad = illegible(&analyze(&Scenario::example()), "default");
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn a_thousand_nodes_are_legible_everywhere() {
    let bad = illegible(&analyze(&generate::large(1_000, 20)), "1,000 nodes");
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn a_scene_too_large_for_its_frame_is_caught() {
    // The check can fail: a scene twice the app's frame renders labels at half size.
    let a = analyze(&Scenario::example());
    let mut s = layout(&a, &View::default());
    let (fw, fh) = SizeClass::App.frame();
    s.width = 2.0 * fw;
    s.height = 2.0 * fh;
    let l = legibility(&s, SizeClass::App);
    assert!((l.label_px - 6.0).abs() < 1e-9, "{l:?}");
    assert!(!l.holds());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Random scenarios of the robustness machinery (assembled from arbitrary
    /// parts, valid or not) stay legible.
    #[test]
    fn random_scenarios_are_legible(sc in crate::robustness::scenario()) {
        let bad = illegible(&analyze(&sc), "random");
        prop_assert!(bad.is_empty(), "{:#?}", bad);
    }
}

/// The sizes and rendered label px of every scene in every size class
/// (`cargo test -p eksnet legibility_report -- --ignored --nocapture`).
#[test]
#[ignore = "a report, not a check"]
fn legibility_report() {
    for (what, sc) in [
        ("default", Scenario::example()),
        ("1,000 nodes", generate::large(1_000, 20)),
    ] {
        let a = analyze(&sc);
        for scene in SceneKind::ALL {
            let mut row = format!("{what:12} {:15}", scene.slug());
            for size in SizeClass::ALL {
                let v = View {
                    scene,
                    size,
                    ..View::default()
                };
                let s = layout(&a, &v);
                let l = legibility(&s, size);
                row += &format!(
                    " | {:5} {:5.0}×{:<5.0} {:4.1}px{}",
                    size.slug(),
                    s.width,
                    s.height,
                    l.label_px,
                    if l.holds() { " " } else { "!" }
                );
            }
            println!("{row}");
        }
    }
}
