//! The route label's search against the plain one it replaced: every place
//! tried read against every box, line, label and legend entry of the scene
//! in turn, and every place within reach sorted by distance, then from the
//! top, then from the left. The search as built reads only what stands near
//! (see `Obstacles`) and takes the places by distance band; it must choose
//! exactly what the plain search chooses.

use std::sync::OnceLock;

use proptest::prelude::*;

use super::room::segment_hits;
use super::*;
use crate::scene::icons::label_room;
use crate::scene::kit::SMALL_FONT;
use crate::scene::{layout, SizeClass, View};
use crate::{analyze, Flow, Scenario, SceneKind};

/// The plain test: is `r` free, and in which box.
fn plain_holder_if_free(scene: &Scene, r: &Rect) -> Option<Option<crate::ElementId>> {
    let pad = Rect::new(
        r.x - CLEAR,
        r.y - CLEAR,
        r.w + 2.0 * CLEAR,
        r.h + 2.0 * CLEAR,
    );
    let mut holder: Option<&Shape> = None;
    for s in &scene.shapes {
        let label = Rect::new(s.rect.x, s.rect.y, label_room(s), 24.0);
        if label.overlaps(&pad) {
            return None;
        }
        if s.rect.contains(&pad) {
            if holder.is_none_or(|h| h.rect.contains(&s.rect)) {
                holder = Some(s);
            }
        } else if s.rect.overlaps(&pad) {
            return None;
        }
    }
    for e in &scene.edges {
        if e.points.windows(2).any(|s| segment_hits(s[0], s[1], &pad)) {
            return None;
        }
        if let (Some(l), Some((x, y))) = (&e.label, e.label_at) {
            let lw = text_width_any(l, SMALL_FONT);
            if Rect::new(x - lw / 2.0, y - 11.0, lw, 14.0).overlaps(&pad) {
                return None;
            }
        }
    }
    if scene.legend.iter().any(|it| it.rect.overlaps(&pad)) {
        return None;
    }
    Some(holder.map(|h| h.id.clone()))
}

/// The plain search: every place within reach, sorted, the first free one.
fn plain_free_spot(
    scene: &Scene,
    line: &[(f64, f64)],
    holders: Option<&[crate::ElementId]>,
    w: f64,
    h: f64,
    near: f64,
) -> Option<(Rect, Option<crate::ElementId>)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in line {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    if x0 > x1 {
        return None;
    }
    let bounds = Rect::new(2.0, 2.0, scene.width - 4.0, scene.height - 4.0);
    let mut spots = Vec::new();
    let mut y = (y0 - near - h).max(bounds.y);
    while y + h <= (y1 + near + h).min(bounds.bottom()) {
        let mut x = (x0 - near - w).max(bounds.x);
        while x + w <= (x1 + near + w).min(bounds.right()) {
            let r = Rect::new(x, y, w, h);
            let d = line
                .windows(2)
                .map(|s| {
                    if segment_hits(s[0], s[1], &r) {
                        return 0.0;
                    }
                    let (a, b) = (s[0], s[1]);
                    let dx = (a.0.min(b.0) - r.right()).max(r.x - a.0.max(b.0)).max(0.0);
                    let dy = (a.1.min(b.1) - r.bottom()).max(r.y - a.1.max(b.1)).max(0.0);
                    dx.hypot(dy)
                })
                .fold(f64::INFINITY, f64::min);
            if (CLEAR..=near).contains(&d) {
                spots.push((d, r));
            }
            x += STEP;
        }
        y += STEP;
    }
    spots.sort_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.y.total_cmp(&b.1.y))
            .then(a.1.x.total_cmp(&b.1.x))
    });
    spots.into_iter().find_map(|(_, r)| {
        plain_holder_if_free(scene, &r)
            .filter(|p| {
                p.as_ref()
                    .is_none_or(|p| holders.is_none_or(|h| h.contains(p)))
            })
            .map(|p| (r, p))
    })
}

/// Lit scenes of the scenes that draw route labels, in every size class:
/// crowded fields of boxes, lines and writing (the labels themselves among
/// them).
fn scenes() -> &'static [Scene] {
    static SCENES: OnceLock<Vec<Scene>> = OnceLock::new();
    SCENES.get_or_init(|| {
        let a = analyze(&Scenario::example());
        let mut out = Vec::new();
        for (scene, flow) in [
            (SceneKind::Architecture, "exec:ip-192-168-46-6"),
            (SceneKind::Endpoint, "kubelet:ip-192-168-46-6"),
            (SceneKind::PodNetwork, "kubelet:ip-192-168-46-6"),
        ] {
            for size in [SizeClass::App, SizeClass::Embed, SizeClass::Phone] {
                let view = View {
                    scene,
                    size,
                    flow: Flow::parse(flow).ok(),
                    ..View::default()
                };
                out.push(layout(&a, &view));
            }
        }
        out
    })
}

/// The lit lines of `scene` (where the labels are sought), and a box's
/// outline (as an ACL's label seeks its subnet's border).
fn lines(scene: &Scene) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<_> = scene
        .edges
        .iter()
        .filter(|e| e.state.on_path)
        .map(|e| e.points.clone())
        .collect();
    if let Some(s) = scene.shapes.iter().find(|s| s.role == Role::PrivateSubnet) {
        let r = s.rect;
        out.push(vec![
            (r.x, r.y),
            (r.right(), r.y),
            (r.right(), r.bottom()),
            (r.x, r.bottom()),
            (r.x, r.y),
        ]);
    }
    out
}

#[test]
fn the_scenes_have_lit_lines_to_label() {
    for s in scenes() {
        assert!(!lines(s).is_empty(), "{:?}: no lit line", s.kind);
        assert!(
            s.shapes.iter().any(|s| s.role == Role::RouteTable),
            "{:?}: no route label",
            s.kind
        );
    }
}

#[test]
fn the_search_chooses_as_the_plain_search_does() {
    let mut found = 0;
    for scene in scenes() {
        for line in lines(scene) {
            let holders: Vec<crate::ElementId> = scene
                .shapes
                .iter()
                .filter(|s| matches!(s.role, Role::PrivateSubnet | Role::Az | Role::Vpc))
                .map(|s| s.id.clone())
                .collect();
            for w in [30.0, 140.0, 320.0] {
                for holders in [None, Some(holders.as_slice())] {
                    let got = free_spot(scene, &line, holders, w, 22.0, NEAR);
                    let want = plain_free_spot(scene, &line, holders, w, 22.0, NEAR);
                    assert_eq!(got, want, "{:?}, {w} wide, along {line:?}", scene.kind);
                    found += usize::from(got.is_some());
                }
            }
        }
    }
    // Both outcomes are exercised: places found and none within reach.
    assert!(found > 10, "{found}");
}

#[test]
fn the_search_without_a_reach_chooses_as_the_plain_search_does() {
    // The last resort of a label with no room near its line (`row_spot`):
    // anywhere in the scene.
    for scene in scenes().iter().step_by(2) {
        let line = &lines(scene)[0];
        let got = free_spot(scene, line, None, 180.0, 22.0, f64::INFINITY);
        let want = plain_free_spot(scene, line, None, 180.0, 22.0, f64::INFINITY);
        assert_eq!(got, want, "{:?}", scene.kind);
    }
}

/// How far the part read reaches past the place: often not at all.
fn margin() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 0.0f64..200.0]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A place read against what stands near it (any part of the scene that
    /// holds it, read from the scene or from a part around that part) is
    /// free, and held, exactly when the plain test says so:
    /// anywhere in the lit scenes, and beside boxes whose writing is wider
    /// than they are (their labels reach where the boxes do not).
    #[test]
    fn obstacles_near_a_place_answer_as_the_whole_scene(
        k in 0usize..9,
        relabel in prop::collection::vec((0usize..1000, 0usize..50), 0..12),
        beside in any::<bool>(),
        (fx, fy) in (0.0f64..1.0, 0.0f64..1.0),
        (w, h) in (4.0f64..400.0, 4.0f64..60.0),
        (a, b, c, d) in (margin(), margin(), margin(), margin()),
    ) {
        let mut scene = scenes()[k].clone();
        let n = scene.shapes.len();
        for &(i, len) in &relabel {
            scene.shapes[i % n].label = crate::Text::same("W".repeat(len));
        }
        let r = match relabel.first() {
            // Within the writing of a relabelled box, past its right edge.
            Some(&(i, _)) if beside => {
                let s = &scene.shapes[i % n];
                Rect::new(s.rect.x + fx * label_room(s), s.rect.y + fy * 24.0 - h / 2.0, w, h)
            }
            _ => Rect::new(fx * scene.width, fy * scene.height, w, h),
        };
        let part = Rect::new(r.x - a, r.y - b, r.w + a + c, r.h + b + d);
        let plain = plain_holder_if_free(&scene, &r);
        prop_assert_eq!(&Obstacles::within(&scene, part).holder_if_free(&r), &plain);
        // Read again for a row of the part, from what was read for a part
        // holding it (as the search reads each row of its places).
        let wider = Rect::new(part.x - 50.0, part.y - 80.0, part.w + 100.0, part.h + 160.0);
        let row = Obstacles::within(&scene, wider).within_part(part);
        prop_assert_eq!(&row.holder_if_free(&r), &plain);
    }
}
