//! Routing: an edge's polyline between two boxes' borders (straight when they
//! face each other, a Z or an L around them otherwise) and where its label sits.

use super::Rect;

fn overlap(a0: f64, a1: f64, b0: f64, b1: f64) -> Option<(f64, f64)> {
    let (lo, hi) = (a0.max(b0), a1.min(b1));
    (hi > lo).then_some((lo, hi))
}

/// An orthogonal route from `a`'s border to `b`'s: a straight line where the
/// boxes face each other, otherwise a Z through the middle of the gap. `None` when
/// the boxes overlap (one holds the other).
pub(crate) fn route(a: &Rect, b: &Rect) -> Option<Vec<(f64, f64)>> {
    if a.overlaps(b) || a.contains(b) || b.contains(a) {
        return None;
    }
    let below = b.y >= a.bottom();
    let above = b.bottom() <= a.y;
    let right = b.x >= a.right();
    let left = b.right() <= a.x;
    if below || above {
        if let Some((lo, hi)) = overlap(a.x, a.right(), b.x, b.right()) {
            if hi - lo >= 8.0 {
                let x = (lo + hi) / 2.0;
                return Some(if below {
                    vec![(x, a.bottom()), (x, b.y)]
                } else {
                    vec![(x, a.y), (x, b.bottom())]
                });
            }
        }
    }
    if left || right {
        if let Some((lo, hi)) = overlap(a.y, a.bottom(), b.y, b.bottom()) {
            if hi - lo >= 8.0 {
                let y = (lo + hi) / 2.0;
                return Some(if right {
                    vec![(a.right(), y), (b.x, y)]
                } else {
                    vec![(a.x, y), (b.right(), y)]
                });
            }
        }
    }
    let (ax, ay) = a.center();
    let (bx, by) = b.center();
    let vgap = if below {
        b.y - a.bottom()
    } else if above {
        a.y - b.bottom()
    } else {
        0.0
    };
    let hgap = if right {
        b.x - a.right()
    } else if left {
        a.x - b.right()
    } else {
        0.0
    };
    if (below || above) && vgap >= hgap {
        let (y0, y1) = if below {
            (a.bottom(), b.y)
        } else {
            (a.y, b.bottom())
        };
        let mid = (y0 + y1) / 2.0;
        Some(vec![(ax, y0), (ax, mid), (bx, mid), (bx, y1)])
    } else if right || left {
        let (x0, x1) = if right {
            (a.right(), b.x)
        } else {
            (a.x, b.right())
        };
        let mid = (x0 + x1) / 2.0;
        Some(vec![(x0, ay), (mid, ay), (mid, by), (x1, by)])
    } else {
        None
    }
}

/// Where an edge label goes: centred above the longest horizontal segment that
/// holds it, else beside the longest vertical one.
pub(crate) fn label_anchor(points: &[(f64, f64)], text_w: f64) -> (f64, f64) {
    let mut best_h: Option<(f64, (f64, f64))> = None;
    let mut best_v: Option<(f64, (f64, f64))> = None;
    let mut any_h: Option<(f64, (f64, f64))> = None;
    for w in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let mid = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        if (y1 - y0).abs() < 1e-9 {
            let len = (x1 - x0).abs();
            if len >= text_w + 8.0 && best_h.is_none_or(|(l, _)| len > l) {
                best_h = Some((len, mid));
            }
            if any_h.is_none_or(|(l, _)| len > l) {
                any_h = Some((len, mid));
            }
        } else {
            let len = (y1 - y0).abs() + (x1 - x0).abs();
            if best_v.is_none_or(|(l, _)| len > l) {
                best_v = Some((len, mid));
            }
        }
    }
    match (best_h, best_v) {
        (Some((_, (mx, my))), _) => (mx, my - 5.0),
        (None, Some((_, (mx, my)))) => (mx + 6.0 + text_w / 2.0, my + 4.0),
        (None, None) => any_h.map_or_else(
            || points.first().copied().unwrap_or((0.0, 0.0)),
            |(_, (mx, my))| (mx, my - 5.0),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_face_to_face_and_around() {
        let a = Rect::new(0.0, 0.0, 100.0, 40.0);
        // Straight down.
        let r = route(&a, &Rect::new(20.0, 100.0, 100.0, 40.0)).unwrap();
        assert_eq!(r, vec![(60.0, 40.0), (60.0, 100.0)]);
        // Straight right.
        let r = route(&a, &Rect::new(200.0, 10.0, 50.0, 20.0)).unwrap();
        assert_eq!(r, vec![(100.0, 20.0), (200.0, 20.0)]);
        // Diagonal, mostly below: a vertical Z.
        let r = route(&a, &Rect::new(300.0, 400.0, 50.0, 20.0)).unwrap();
        assert_eq!(r.len(), 4);
        assert_eq!(r[0], (50.0, 40.0));
        assert_eq!(r[3], (325.0, 400.0));
        // Nested: no route.
        assert!(route(&a, &Rect::new(10.0, 10.0, 5.0, 5.0)).is_none());
    }
}
