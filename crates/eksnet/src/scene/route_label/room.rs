//! Where a route label finds room: the nearest place beside its line that
//! overlaps no box (but those it may sit in), no writing and no line
//! ([`free_spot`]), and what a place must stay clear of ([`Obstacles`]). See
//! the parent module's docs for where the labels go.

use super::super::geometry::clip_segment;
use super::super::icons::label_room;
use super::super::kit::SMALL_FONT;
use super::super::{text_width_any, Rect, Scene, Shape};
use super::{CLEAR, STEP};

/// The nearest free place for a `w` × `h` label beside the polyline `line`
/// (see the module docs), and the box it then sits in: one of `holders` (the
/// subnet and the boxes around it; any box when `None`), or none.
pub(super) fn free_spot(
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
    let (left, top) = ((x0 - near - w).max(bounds.x), (y0 - near - h).max(bounds.y));
    let (right, bottom) = (
        (x1 + near + w).min(bounds.right()),
        (y1 + near + h).min(bounds.bottom()),
    );
    // The places within reach, by distance band. The nearest free place
    // (by distance, then from the top, then from the left) is the nearest
    // free place of the nearest band that has one: no sort of the whole.
    let (mut bands, mut far): (Vec<Vec<Place>>, _) = (Vec::new(), Vec::new());
    // The grid's columns and rows, and each segment's distance across and
    // along from each (as [`distance`] reckons them, once per column and row
    // rather than once per place).
    let (xs, ys) = (grid(left, w, right), grid(top, h, bottom));
    let gaps: Vec<(Vec<f64>, Vec<f64>)> = line
        .windows(2)
        .map(|s| {
            let (a, b) = (s[0], s[1]);
            let (sx0, sx1) = (a.0.min(b.0), a.0.max(b.0));
            let (sy0, sy1) = (a.1.min(b.1), a.1.max(b.1));
            let dx = xs.iter().map(|&x| (sx0 - (x + w)).max(x - sx1).max(0.0));
            let dy = ys.iter().map(|&y| (sy0 - (y + h)).max(y - sy1).max(0.0));
            (dx.collect(), dy.collect())
        })
        .collect();
    for (j, &y) in ys.iter().enumerate() {
        for (i, &x) in xs.iter().enumerate() {
            let r = Rect::new(x, y, w, h);
            let d = gaps
                .iter()
                .map(|(dx, dy)| gap(dx[i], dy[j]))
                .fold(f64::INFINITY, f64::min);
            if (CLEAR..=near).contains(&d) {
                if d.is_finite() {
                    let band = ((d - CLEAR) / BAND) as usize;
                    if bands.len() <= band {
                        bands.resize_with(band + 1, Vec::new);
                    }
                    bands[band].push((d, r, j));
                } else {
                    // A line of one point is at no finite distance: last.
                    far.push((d, r, j));
                }
            }
        }
    }
    // What stands near, and near each row of places (read from the part's
    // when a row is first tried).
    let part = Obstacles::within(scene, Rect::new(left, top, right - left, bottom - top));
    let mut rows: Vec<Option<Obstacles>> = (0..ys.len()).map(|_| None).collect();
    bands.push(far);
    bands.into_iter().find_map(|spots| {
        spots
            .into_iter()
            .filter_map(|(d, r, j)| {
                let row = rows[j]
                    .get_or_insert_with(|| part.within_part(Rect::new(left, r.y, right - left, h)));
                let p = row.holder_if_free(&r)?;
                let held = p
                    .as_ref()
                    .is_none_or(|p| holders.is_none_or(|h| h.contains(p)));
                held.then_some((d, r, p))
            })
            .min_by(|a, b| {
                a.0.total_cmp(&b.0)
                    .then(a.1.y.total_cmp(&b.1.y))
                    .then(a.1.x.total_cmp(&b.1.x))
            })
            .map(|(_, r, p)| (r, p))
    })
}

/// A place tried: its distance from the line, its box and its row.
type Place = (f64, Rect, usize);

/// Where the search's places of length `len` start along one axis: from
/// `from`, [`STEP`] by [`STEP`], while they end by `to`.
fn grid(from: f64, len: f64, to: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut at = from;
    while at + len <= to {
        out.push(at);
        at += STEP;
    }
    out
}

/// The distance of a segment's bounding box `dx` across and `dy` along.
fn gap(dx: f64, dy: f64) -> f64 {
    if dx == 0.0 {
        dy
    } else if dy == 0.0 {
        dx
    } else {
        dx.hypot(dy)
    }
}

/// Width of a distance band of [`free_spot`]'s search, scene units.
const BAND: f64 = 4.0;

/// The least distance between `r` and the polyline (0 when they meet).
pub(crate) fn distance(r: &Rect, line: &[(f64, f64)]) -> f64 {
    line.windows(2)
        .map(|s| {
            let (a, b) = (s[0], s[1]);
            // Orthogonal routes: a segment is its own bounding box. (A segment
            // through `r` meets its bounding box too: 0 either way.)
            let (sx0, sx1) = (a.0.min(b.0), a.0.max(b.0));
            let (sy0, sy1) = (a.1.min(b.1), a.1.max(b.1));
            let dx = (sx0 - r.right()).max(r.x - sx1).max(0.0);
            let dy = (sy0 - r.bottom()).max(r.y - sy1).max(0.0);
            gap(dx, dy)
        })
        .fold(f64::INFINITY, f64::min)
}

/// Whether the segment `p`–`q` passes through `r` (Liang–Barsky).
pub(super) fn segment_hits(p: (f64, f64), q: (f64, f64), r: &Rect) -> bool {
    // Clear of its bounding box (by more than rounding): clear of `r`.
    const E: f64 = 1e-6;
    if p.0.max(q.0) < r.x - E
        || p.0.min(q.0) > r.right() + E
        || p.1.max(q.1) < r.y - E
        || p.1.min(q.1) > r.bottom() + E
    {
        return false;
    }
    clip_segment(p, q, [r.x, r.y, r.right(), r.bottom()], true).is_some_and(|(t0, t1)| t1 >= t0)
}

/// `part` with the room a place's [`CLEAR`] takes around it, and a unit more
/// (a place in `part` overlaps nothing that this misses).
fn reach(part: Rect) -> Rect {
    let m = CLEAR + 1.0;
    Rect::new(part.x - m, part.y - m, part.w + 2.0 * m, part.h + 2.0 * m)
}

/// What a label must stay clear of, in one part of a scene: the boxes (with
/// their labels' bands), the lines' segments, the lines' labels and the legend,
/// gathered once for a search, each label's width measured once rather than at
/// every place tried.
pub(super) struct Obstacles<'a> {
    /// Each box that reaches the part, in the scene's order, with its label's band.
    shapes: Vec<(&'a Shape, Rect)>,
    /// Each segment of a line that reaches the part.
    segments: Vec<((f64, f64), (f64, f64))>,
    /// The lines' labels and the legend's entries that reach the part.
    blocks: Vec<Rect>,
}

impl<'a> Obstacles<'a> {
    /// What stands in `scene` within `part` (and [`CLEAR`] around it), where
    /// the places tried lie: anything else can neither hold nor touch them, so
    /// [`Obstacles::holder_if_free`] answers as if the whole scene were read.
    pub(super) fn within(scene: &'a Scene, part: Rect) -> Self {
        let part = reach(part);
        let shapes = scene
            .shapes
            .iter()
            .map(|s| (s, Rect::new(s.rect.x, s.rect.y, label_room(s), 24.0)))
            .filter(|(s, label)| s.rect.overlaps(&part) || label.overlaps(&part))
            .collect();
        let segments = scene
            .edges
            .iter()
            .flat_map(|e| e.points.windows(2).map(|s| (s[0], s[1])))
            .filter(|&(a, b)| segment_hits(a, b, &part))
            .collect();
        let labels = scene.edges.iter().filter_map(|e| {
            let (l, (x, y)) = (e.label.as_ref()?, e.label_at?);
            let lw = text_width_any(l, SMALL_FONT);
            Some(Rect::new(x - lw / 2.0, y - 11.0, lw, 14.0))
        });
        let legend = scene.legend.iter().map(|it| it.rect);
        let blocks = labels.chain(legend).filter(|r| r.overlaps(&part)).collect();
        Obstacles {
            shapes,
            segments,
            blocks,
        }
    }

    /// What of these stands within `part` (a part of the part they were
    /// read for): as [`Obstacles::within`] the scene would give.
    pub(super) fn within_part(&self, part: Rect) -> Obstacles<'a> {
        let part = reach(part);
        Obstacles {
            shapes: self
                .shapes
                .iter()
                .filter(|(s, label)| s.rect.overlaps(&part) || label.overlaps(&part))
                .copied()
                .collect(),
            segments: self
                .segments
                .iter()
                .filter(|&&(a, b)| segment_hits(a, b, &part))
                .copied()
                .collect(),
            blocks: self
                .blocks
                .iter()
                .filter(|r| r.overlaps(&part))
                .copied()
                .collect(),
        }
    }

    /// The innermost box holding `r` (`Some(None)`: none, `r` stands free),
    /// if `r` (with [`CLEAR`] around it) overlaps no other box, no shape's or
    /// edge's writing, no line and no legend entry.
    pub(super) fn holder_if_free(&self, r: &Rect) -> Option<Option<crate::ElementId>> {
        let pad = Rect::new(
            r.x - CLEAR,
            r.y - CLEAR,
            r.w + 2.0 * CLEAR,
            r.h + 2.0 * CLEAR,
        );
        let mut holder: Option<&Shape> = None;
        for &(s, label) in &self.shapes {
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
        if self.segments.iter().any(|&(a, b)| segment_hits(a, b, &pad))
            || self.blocks.iter().any(|b| b.overlaps(&pad))
        {
            return None;
        }
        Some(holder.map(|h| h.id.clone()))
    }
}
