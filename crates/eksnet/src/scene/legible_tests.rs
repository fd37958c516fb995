//! The legibility promise: every scene, laid out for each size class, is small
//! enough in label fonts that its labels render at the class's budget at "Fit"
//! (see [`super::legibility`]), but for the gaps listed in [`GAPS`]. Geometry
//! does not depend on the language (boxes fit the wider of English and Korean,
//! which [`super::problems`] checks), so one layout stands for both languages.

use proptest::prelude::*;

use super::*;
use crate::{analyze, generate, Analysis, Scenario};

/// The seed of the random scenarios the scene tests draw: the same 16 odd
/// clusters every run (`PROPTEST_RNG_SEED` explores others).
pub(super) const RANDOM_SEED: u64 = 0x00e1_5e7e;

/// The named scenarios every scene is held to its budgets for (and that
/// [`super::crossing_tests`] checks with the labs): the default scenario and
/// the 1,000-node generated cluster.
pub(super) fn budget_scenarios() -> Vec<(&'static str, Scenario)> {
    vec![
        ("default", Scenario::example()),
        ("1,000 nodes", generate::large(1_000, 20)),
    ]
}

/// Where a scene does not yet meet its budget: (size class, scene, scenarios:
/// `default`, `1,000 nodes`, `random`). None now: every scene holds in every
/// frame for the default cluster, the 1,000-node one and the random
/// scenarios (in the app's two frames; the world scenes and the pod network
/// squeeze where their usual layout does not fit, see
/// `super::world_fit`). In the 800×430 embed the world scenes fold the AZ
/// columns that do not fit into a "+N more AZs" box; on the phone every scene
/// has a layout of its own ([`PHONE_GAPS`]). The list is kept, empty, so that
/// a scene that stops fitting is listed with a reason; the tests fail when a
/// listed pair starts to hold (so the list stays true).
const GAPS: &[(SizeClass, SceneKind, &[&str])] = &[];

/// The scenes without a phone layout of their own yet, and the scenarios
/// (as in [`GAPS`]) they miss the phone's budget for. Every scene has one now
/// (narrow, stacked regions; a taller diagram pans): the list is kept, empty,
/// so that a scene that loses its phone layout is listed with a reason.
const PHONE_GAPS: &[(SceneKind, &[&str])] = &[];

/// Whether `(size, scene)` is listed as a gap, in [`GAPS`] or [`PHONE_GAPS`].
fn listed(size: SizeClass, scene: SceneKind) -> bool {
    (size == SizeClass::Phone && PHONE_GAPS.iter().any(|(k, _)| *k == scene))
        || GAPS.iter().any(|(z, k, _)| *z == size && *k == scene)
}

/// Whether `(size, scene)` is a known gap for scenarios of kind `what`.
fn known_gap(size: SizeClass, scene: SceneKind, what: &str) -> bool {
    (size == SizeClass::Phone
        && PHONE_GAPS
            .iter()
            .any(|(k, w)| *k == scene && w.contains(&what)))
        || GAPS
            .iter()
            .any(|(z, k, w)| *z == size && *k == scene && w.contains(&what))
}

/// Every scene × size class of `a` whose labels fall below the budget and is
/// not a known gap, and every known gap of the default and 1,000-node
/// scenarios that holds after all, as sentences (empty when all is as listed),
/// with the soundness promises checked too.
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
            // The robustness generator's scenarios may break the id grammar
            // (empty names); scene::tests holds soundness over its own.
            if what != "random" {
                for p in problems(&s) {
                    out.push(format!("{what} / {} / {}: {p}", scene.slug(), size.slug()));
                }
            }
            let l = legibility(&s, size);
            let gap = known_gap(size, scene, what);
            if !l.holds() && !gap {
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
            if l.holds() && gap && listed(size, scene) && what != "random" {
                out.push(format!(
                    "{what} / {} / {}: holds now; take it off the list of gaps",
                    scene.slug(),
                    size.slug()
                ));
            }
        }
    }
    out
}

#[test]
fn the_default_scenario_and_a_thousand_nodes_are_legible_everywhere() {
    let mut bad = Vec::new();
    for (what, sc) in budget_scenarios() {
        bad.extend(illegible(&analyze(&sc), what));
    }
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

/// The floor random scenarios are held to, px, where [`GAPS`] lists a scene
/// for them (none is listed now): a gap may exceed the frame a little, never
/// by much.
fn random_floor(scene: SceneKind) -> f64 {
    match scene {
        SceneKind::Architecture | SceneKind::Endpoint => 7.0,
        _ => 9.5,
    }
}

proptest! {
    // A fixed seed: the same 16 odd clusters every run, so that the budget is a
    // regression guard rather than a dice roll (other seeds may draw clusters
    // that no scene's overview fits yet; `PROPTEST_RNG_SEED` explores them).
    #![proptest_config(ProptestConfig {
        cases: 16,
        rng_seed: proptest::test_runner::RngSeed::Fixed(RANDOM_SEED),
        ..ProptestConfig::default()
    })]

    /// Random scenarios of the robustness machinery (assembled from arbitrary
    /// parts, valid or not: many AZs, long names, connected networks, rows of
    /// VPC endpoints) hold the app's budget, in its two frames, for every
    /// scene but where [`GAPS`] lists one.
    #[test]
    fn random_scenarios_are_legible(sc in crate::robustness::scenario()) {
        let a = analyze(&sc);
        for scene in SceneKind::ALL {
            for size in [SizeClass::App, SizeClass::Wide] {
                let v = View { scene, size, ..View::default() };
                let l = legibility(&layout(&a, &v), size);
                // EKSNET_SCENES=DIR also writes a scenario that misses the
                // budget there, as JSON (to look at it with `eksnet render`).
                if !l.holds() {
                    if let Some(dir) = std::env::var_os("EKSNET_SCENES") {
                        let name = format!("fail-{}-{}.json", scene.slug(), size.slug());
                        let path = std::path::Path::new(&dir).join(name);
                        if !path.exists() {
                            let _ = std::fs::write(path, sc.to_json());
                        }
                    }
                }
                if known_gap(size, scene, "random") {
                    prop_assert!(
                        l.label_px >= random_floor(scene),
                        "{} / {}: labels at {:.1} px",
                        scene.slug(),
                        size.slug(),
                        l.label_px
                    );
                } else {
                    prop_assert!(
                        l.holds(),
                        "{} / {}: labels at {:.1} px, edge labels at {:.1} px",
                        scene.slug(),
                        size.slug(),
                        l.label_px,
                        l.small_px
                    );
                }
            }
        }
    }
}

/// The sizes and rendered label px of every scene in every size class
/// (`cargo test -p eksnet legibility_report -- --ignored --nocapture`).
#[test]
#[ignore = "a report, not a check"]
fn legibility_report() {
    for (what, sc) in budget_scenarios() {
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
                // EKSNET_SCENES=DIR also writes each scene as SVG, to look at.
                if let Some(dir) = std::env::var_os("EKSNET_SCENES") {
                    let name = format!(
                        "{}-{}-{}.svg",
                        what.replace([',', ' '], ""),
                        scene.slug(),
                        size.slug()
                    );
                    let path = std::path::Path::new(&dir).join(name);
                    let _ = std::fs::write(path, crate::svg::render(&s, crate::Lang::En));
                }
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

/// The random scenarios of the fixed seed and where each falls short, at the
/// app and wide frames
/// (`cargo test -p eksnet random_legibility_report -- --ignored --nocapture`).
#[test]
#[ignore = "a report, not a check"]
fn random_legibility_report() {
    use proptest::strategy::{Strategy, ValueTree};
    let cfg = ProptestConfig {
        rng_seed: proptest::test_runner::RngSeed::Fixed(RANDOM_SEED),
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(cfg);
    for i in 0..16 {
        let sc = crate::robustness::scenario()
            .new_tree(&mut runner)
            .expect("a scenario")
            .current();
        if let Some(dir) = std::env::var_os("EKSNET_SCENES") {
            let path = std::path::Path::new(&dir).join(format!("random{i}.json"));
            let _ = std::fs::write(path, sc.to_json());
        }
        let a = analyze(&sc);
        for scene in SceneKind::ALL {
            for size in [SizeClass::App, SizeClass::Wide] {
                let v = View {
                    scene,
                    size,
                    ..View::default()
                };
                let s = layout(&a, &v);
                let l = legibility(&s, size);
                if !l.holds() {
                    println!(
                        "case {i:2} {:15} {:5} {:5.0}×{:<5.0} {:4.1}px  azs {} subnets {} nodes {}",
                        scene.slug(),
                        size.slug(),
                        s.width,
                        s.height,
                        l.label_px,
                        super::vpc::az_count(&a),
                        a.model.subnets.len(),
                        a.model.nodes.len()
                    );
                    if let Some(dir) = std::env::var_os("EKSNET_SCENES") {
                        let name = format!("random{i}-{}-{}.svg", scene.slug(), size.slug());
                        let _ = std::fs::write(
                            std::path::Path::new(&dir).join(name),
                            crate::svg::render(&s, crate::Lang::En),
                        );
                    }
                }
            }
        }
    }
}
