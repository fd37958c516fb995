//! [`SceneKind::reads_diagnostics`] says which scenes can be drawn before the
//! checks have run: every scene that does not read them is drawn the same from
//! [`crate::analyze_unchecked`] as from [`crate::analyze`], and a scene that
//! does is drawn differently for at least one scenario.

use super::*;
use crate::{analyze, analyze_unchecked, Scenario};

#[test]
fn only_the_scenes_that_read_diagnostics_need_the_checks() {
    let mut scenarios = vec![("default", Scenario::example())];
    scenarios.extend(super::crossing_tests::labs());
    let mut differs = std::collections::HashSet::new();
    let mut checks_found = 0;
    for (name, s) in &scenarios {
        let whole = analyze(s);
        let unchecked = analyze_unchecked(s);
        checks_found += whole.diagnostics.len() - unchecked.diagnostics.len();
        for scene in SceneKind::ALL {
            for size in SizeClass::ALL {
                let view = View {
                    scene,
                    size,
                    ..View::default()
                };
                let same = layout(&unchecked, &view) == layout(&whole, &view);
                if !scene.reads_diagnostics() {
                    assert!(
                        same,
                        "{name} / {} / {}: drawn differently before the checks, \
                         but the scene says it reads no diagnostics",
                        scene.slug(),
                        size.slug()
                    );
                } else if !same {
                    differs.insert(scene);
                }
            }
        }
    }
    assert!(
        checks_found > 0,
        "no check found anything: nothing compared"
    );
    for scene in SceneKind::ALL.into_iter().filter(|k| k.reads_diagnostics()) {
        assert!(
            differs.contains(&scene),
            "{}: says it reads diagnostics, but no scenario draws it differently \
             without the checks' own",
            scene.slug()
        );
    }
}
