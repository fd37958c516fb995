//! Where an edge's label goes when a line or another edge's label covers
//! it: beside another segment of its own line (the last first), off every
//! other line, label, box and writing.

use super::{edge_label, through, writing};
use crate::scene::kit::SMALL_FONT;
use crate::scene::{text_width_any, Scene};

/// Whether edge `e`'s label stands on another line, another edge's label, or
/// on a box or writing it does not belong to (`strict`: or on the box of one
/// of its ends).
pub(super) fn label_blocks(scene: &Scene, e: usize, strict: bool) -> bool {
    let Some(r) = edge_label(scene, e) else {
        return false;
    };
    let lines = scene
        .edges
        .iter()
        .enumerate()
        .any(|(o, x)| o != e && x.points.windows(2).any(|w| through(w[0], w[1], &r)));
    let edge = &scene.edges[e];
    let boxes = scene.shapes.iter().enumerate().any(|(i, s)| {
        let end = !strict && (s.id == edge.from || s.id == edge.to);
        let holds = s.rect.contains(&r);
        (!holds && !end && s.rect.inflate(-1.0).overlaps(&r))
            || writing(scene, i).iter().any(|w| w.overlaps(&r))
    });
    let legend = scene.legend.iter().any(|it| it.rect.overlaps(&r));
    lines || boxes || legend || on_a_label(scene, e)
}

/// Whether edge `e`'s label stands on another edge's label.
pub(super) fn on_a_label(scene: &Scene, e: usize) -> bool {
    let Some(r) = edge_label(scene, e) else {
        return false;
    };
    let r = r.inflate(-0.5);
    (0..scene.edges.len())
        .filter(|&o| o != e)
        .filter_map(|o| edge_label(scene, o))
        .any(|b| b.inflate(-0.5).overlaps(&r))
}

/// Moves edge `e`'s label to the first place beside a segment of its line
/// (the last segment first) where no line crosses it and it covers no box or
/// writing; leaves it where it is when there is none.
pub(super) fn relabel(scene: &mut Scene, e: usize) {
    let Some(l) = scene.edges[e].label.clone() else {
        return;
    };
    let w = text_width_any(&l, SMALL_FONT);
    let old = scene.edges[e].label_at;
    let pts = scene.edges[e].points.clone();
    // First where it covers no box at all, then where it covers only the
    // empty inside of one of its ends.
    for strict in [true, false] {
        if place_label(scene, e, &pts, w, strict) {
            return;
        }
    }
    scene.edges[e].label_at = old;
}

/// Puts edge `e`'s label at the first free place beside a segment of `pts`
/// (see [`relabel`]); whether it found one.
fn place_label(scene: &mut Scene, e: usize, pts: &[(f64, f64)], w: f64, strict: bool) -> bool {
    for s in pts.windows(2).rev() {
        let ((x0, y0), (x1, y1)) = (s[0], s[1]);
        let mut spots = Vec::new();
        if (y1 - y0).abs() < 1e-9 {
            let len = (x1 - x0).abs();
            if len >= w + 8.0 {
                for k in [0.5, 0.3, 0.7] {
                    let x = x0 + (x1 - x0) * k;
                    spots.push((x, y0 - 5.0));
                    spots.push((x, y0 + 15.0));
                }
            }
        } else {
            for k in [0.5, 0.3, 0.7] {
                let y = y0 + (y1 - y0) * k;
                spots.push((x0 + 6.0 + w / 2.0, y + 4.0));
                spots.push((x0 - 6.0 - w / 2.0, y + 4.0));
            }
        }
        for at in spots {
            scene.edges[e].label_at = Some(at);
            let inside = edge_label(scene, e).is_some_and(|r| {
                r.x >= 0.0 && r.y >= 0.0 && r.right() <= scene.width && r.bottom() <= scene.height
            });
            if inside && !label_blocks(scene, e, strict) {
                return true;
            }
        }
    }
    false
}
