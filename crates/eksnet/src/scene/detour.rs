//! Lines around what they would cross. The layouts join two boxes by the
//! simplest orthogonal route ([`super::kit::route`]: straight where they face
//! each other, a Z otherwise), which may pass through a sibling box or through
//! writing. Here a line is routed instead on a sparse grid of the gutters
//! beside every box near its ends, with a shortest-path search whose cost is
//! the line's length, a little for every bend and a great deal for every box
//! or label it passes through, so it takes the shortest way that crosses
//! nothing where there is one, and the fewest crossings where there is not.
//!
//! What a line may not cross is what the crossing tests count: a box that is
//! neither one of its ends nor holds one, the writing of any shape but its
//! ends (the subnet around a node included), another edge's label and a
//! legend entry. Passing through the border of a box that holds an end is how
//! a line gets out of it. [`untangle`] reroutes every line of a laid-out scene
//! that crosses something where the detour crosses less, and moves an edge's
//! label off the lines that cross it; [`route_clear`] routes a flow's own
//! lines ([`super::light`]). Boxes never move.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

mod labels;

use labels::{label_blocks, on_a_label, relabel};

use super::geometry::clip_segment;
use super::icons::label_room;
use super::kit::{label_anchor, DETAIL_FONT, INSET, SMALL_FONT};
use super::{mono_width_any, text_width_any, Rect, Scene};

/// A segment of a line, from one point to the next.
type Segment = ((f64, f64), (f64, f64));

/// The gutter kept between a line and the box it runs beside, scene units.
const GAP: f64 = 6.0;

/// How far beyond its two ends a line may wander, scene units.
const REACH: f64 = 220.0;

/// The cost of one bend, in scene units of length.
const BEND: f64 = 14.0;

/// The cost of one crossing, in scene units of length.
const CROSS: f64 = 10_000.0;

/// The extra cost, per unit of length, of running on top of another line.
const SHARE: f64 = 3.0;

/// What a line may not cross, and the boxes it joins.
struct Field {
    /// Boxes and writing not to pass through.
    hard: Vec<Rect>,
    /// Other lines' segments, not to run on top of.
    runs: Vec<Segment>,
    a: Rect,
    b: Rect,
}

/// The box of shape `i`'s writing (its first line with its icon, and its
/// second line where it has one), in the wider of its languages.
fn writing(scene: &Scene, i: usize) -> Vec<Rect> {
    let s = &scene.shapes[i];
    let r = s.rect;
    let mut out = vec![Rect::new(
        r.x + INSET - 1.0,
        r.y + 4.0,
        label_room(s) - INSET + 2.0,
        18.0,
    )];
    if let Some(d) = &s.detail {
        out.push(Rect::new(
            r.x + INSET - 1.0,
            r.y + 24.0,
            mono_width_any(d, DETAIL_FONT) + 2.0,
            14.0,
        ));
    }
    out
}

/// The box of edge `e`'s label, if it has one.
fn edge_label(scene: &Scene, e: usize) -> Option<Rect> {
    let e = &scene.edges[e];
    let (l, (x, y)) = (e.label.as_ref()?, e.label_at?);
    let w = text_width_any(l, SMALL_FONT);
    Some(Rect::new(x - w / 2.0 - 1.0, y - 12.0, w + 2.0, 16.0))
}

/// Shape `i` and the shapes holding it, as indices.
fn chain(scene: &Scene, i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut at = scene.shapes[i].parent.clone();
    while let Some(p) = at {
        match scene.shapes.iter().position(|s| s.id == p) {
            Some(j) if !out.contains(&j) => {
                out.push(j);
                at = scene.shapes[j].parent.clone();
            }
            _ => break,
        }
    }
    out
}

/// What a line from shape `a` to shape `b` (edge `own` itself aside) may not
/// cross, within `window`.
fn field(scene: &Scene, a: usize, b: usize, own: Option<usize>, window: &Rect) -> Field {
    let (ca, cb) = (chain(scene, a), chain(scene, b));
    let mut hard = Vec::new();
    for i in 0..scene.shapes.len() {
        if i == a || i == b {
            continue;
        }
        let held = ca.contains(&i) || cb.contains(&i);
        if !held {
            let r = scene.shapes[i].rect;
            if r.overlaps(window) {
                hard.push(r);
            }
            continue;
        }
        hard.extend(writing(scene, i).into_iter().filter(|r| r.overlaps(window)));
    }
    let mut runs = Vec::new();
    for e in 0..scene.edges.len() {
        if Some(e) != own {
            hard.extend(edge_label(scene, e).filter(|r| r.overlaps(window)));
            runs.extend(scene.edges[e].points.windows(2).map(|w| (w[0], w[1])));
        }
    }
    hard.extend(
        scene
            .legend
            .iter()
            .map(|it| it.rect)
            .filter(|r| r.overlaps(window)),
    );
    Field {
        hard,
        runs,
        a: scene.shapes[a].rect,
        b: scene.shapes[b].rect,
    }
}

/// Whether the segment `p`–`q` passes through the inside of `r` shrunk by
/// one unit: what the crossing tests count as a line through a box.
fn through(p: (f64, f64), q: (f64, f64), r: &Rect) -> bool {
    segment_hits(p, q, r, 1.0)
}

/// Whether the segment `p`–`q` passes through the inside of `r` shrunk by
/// `inset` on every side (Liang–Barsky clipping; touching is not passing).
/// The router and the crossing tests share it, so that a route the router
/// finds clear is clear to the tests.
pub(super) fn segment_hits(p: (f64, f64), q: (f64, f64), r: &Rect, inset: f64) -> bool {
    let (x0, y0) = (r.x + inset, r.y + inset);
    let (x1, y1) = (r.right() - inset, r.bottom() - inset);
    if x1 <= x0 || y1 <= y0 {
        return false;
    }
    clip_segment(p, q, [x0, y0, x1, y1], false).is_some_and(|(t0, t1)| t1 - t0 > 1e-9)
}

/// How many of `hard` the polyline `points` passes through.
fn hits(points: &[(f64, f64)], hard: &[Rect]) -> usize {
    hard.iter()
        .filter(|r| points.windows(2).any(|w| through(w[0], w[1], r)))
        .count()
}

/// The sorted, deduplicated grid lines along one axis.
fn lines(mut v: Vec<f64>, lo: f64, hi: f64) -> Vec<f64> {
    v.retain(|x| x.is_finite() && *x >= lo && *x <= hi);
    crate::sort::sort_by(&mut v, f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    v
}

#[derive(PartialEq)]
struct Item(f64, usize);

impl Eq for Item {}
impl Ord for Item {
    fn cmp(&self, o: &Self) -> Ordering {
        o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
    }
}
impl PartialOrd for Item {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// An orthogonal line from shape `a`'s border to shape `b`'s that crosses as
/// little as it can (see the module docs), ignoring edge `own`'s label;
/// `None` when the boxes overlap. Deterministic.
pub(crate) fn route_clear(
    scene: &Scene,
    a: usize,
    b: usize,
    own: Option<usize>,
) -> Option<Vec<(f64, f64)>> {
    let (ra, rb) = (scene.shapes[a].rect, scene.shapes[b].rect);
    if ra.overlaps(&rb) || ra.contains(&rb) || rb.contains(&ra) {
        return None;
    }
    let u = ra.union(&rb);
    let near = Rect::new(
        u.x - REACH,
        u.y - REACH,
        u.w + 2.0 * REACH,
        u.h + 2.0 * REACH,
    );
    let found = route_within(scene, a, b, own, &near)?;
    if found.1 < CROSS {
        return Some(found.0);
    }
    // No clear way near the ends: look across the whole scene.
    let whole = Rect::new(0.0, 0.0, scene.width, scene.height);
    match route_within(scene, a, b, own, &whole) {
        Some(wide) if wide.1 < found.1 => Some(wide.0),
        _ => Some(found.0),
    }
}

/// [`route_clear`] within `window`, with the route's cost.
fn route_within(
    scene: &Scene,
    a: usize,
    b: usize,
    own: Option<usize>,
    window: &Rect,
) -> Option<(Vec<(f64, f64)>, f64)> {
    let (ra, rb) = (scene.shapes[a].rect, scene.shapes[b].rect);
    let window = *window;
    let f = field(scene, a, b, own, &window);
    let (lo_x, hi_x) = (window.x.max(0.5), window.right().min(scene.width - 0.5));
    let (lo_y, hi_y) = (window.y.max(0.5), window.bottom().min(scene.height - 0.5));
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for r in f.hard.iter().chain(
        scene
            .shapes
            .iter()
            .map(|s| &s.rect)
            .filter(|r| r.overlaps(&window)),
    ) {
        xs.extend([r.x - GAP, r.right() + GAP]);
        ys.extend([r.y - GAP, r.bottom() + GAP]);
        // A box as wide as the scene (a phone's VPC) leaves a narrower
        // gutter at the scene's edge: halfway between the two.
        for (x, edge) in [(r.x, 0.0), (r.right(), scene.width)] {
            if (x - edge).abs() < 2.0 * GAP {
                xs.push((x + edge) / 2.0);
            }
        }
        for (y, edge) in [(r.y, 0.0), (r.bottom(), scene.height)] {
            if (y - edge).abs() < 2.0 * GAP {
                ys.push((y + edge) / 2.0);
            }
        }
    }
    for r in [ra, rb] {
        xs.extend([r.x, r.right()]);
        ys.extend([r.y, r.bottom()]);
        for k in 1..8 {
            xs.push(r.x + r.w * f64::from(k) / 8.0);
            ys.push(r.y + r.h * f64::from(k) / 8.0);
        }
    }
    let (ox0, ox1) = (ra.x.max(rb.x), ra.right().min(rb.right()));
    if ox1 > ox0 {
        xs.push((ox0 + ox1) / 2.0);
    }
    let (oy0, oy1) = (ra.y.max(rb.y), ra.bottom().min(rb.bottom()));
    if oy1 > oy0 {
        ys.push((oy0 + oy1) / 2.0);
    }
    let xs = lines(xs, lo_x, hi_x);
    let ys = lines(ys, lo_y, hi_y);
    search(&f, &xs, &ys)
}

/// Whether the unit segment `p`–`q` runs inside or along the border of `r`.
fn inside_or_along(p: (f64, f64), q: (f64, f64), r: &Rect) -> bool {
    let m = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
    m.0 >= r.x - 0.25 && m.0 <= r.right() + 0.25 && m.1 >= r.y - 0.25 && m.1 <= r.bottom() + 0.25
}

/// Whether `p` lies on `r`'s border, off its corners.
fn on_border(p: (f64, f64), r: &Rect) -> bool {
    let e = 0.25;
    let in_x = p.0 > r.x + 2.0 && p.0 < r.right() - 2.0;
    let in_y = p.1 > r.y + 2.0 && p.1 < r.bottom() - 2.0;
    (in_x && ((p.1 - r.y).abs() < e || (p.1 - r.bottom()).abs() < e))
        || (in_y && ((p.0 - r.x).abs() < e || (p.0 - r.right()).abs() < e))
}

/// The cost of crossing: for each unit segment of the grid `xs` × `ys`, how
/// many of `hard` it passes through, times [`CROSS`]; `horizontal` picks the
/// segments along rows (from `ix` to `ix + 1`), else along columns.
fn crossing_costs(hard: &[Rect], xs: &[f64], ys: &[f64], horizontal: bool) -> Vec<f64> {
    let (nx, ny) = (xs.len(), ys.len());
    let mut out = vec![0.0; nx * ny];
    for r in hard {
        let (x0, x1, y0, y1) = (r.x + 1.0, r.right() - 1.0, r.y + 1.0, r.bottom() - 1.0);
        if x1 <= x0 || y1 <= y0 {
            continue;
        }
        // The grid lines strictly inside, and the unit segments overlapping it.
        let (across, along) = if horizontal { (ys, xs) } else { (xs, ys) };
        let (c0, c1, l0, l1) = if horizontal {
            (y0, y1, x0, x1)
        } else {
            (x0, x1, y0, y1)
        };
        let first = across.partition_point(|&v| v <= c0);
        let last = across.partition_point(|&v| v < c1);
        let s0 = along.partition_point(|&v| v <= l0).saturating_sub(1);
        let s1 = along.partition_point(|&v| v < l1);
        for i in first..last {
            for j in s0..s1.min(along.len().saturating_sub(1)) {
                if along[j] < l1 && along[j + 1] > l0 {
                    let k = if horizontal { i * nx + j } else { j * nx + i };
                    out[k] += CROSS;
                }
            }
        }
    }
    out
}

/// Adds to the unit segments of the grid `xs` × `ys` that run on top of one
/// of `runs` (within two units, the same way) [`SHARE`] per unit of length.
fn share_costs(runs: &[Segment], xs: &[f64], ys: &[f64], hcost: &mut [f64], vcost: &mut [f64]) {
    let nx = xs.len();
    for &(p, q) in runs {
        let horizontal = (p.1 - q.1).abs() < 1e-9;
        let vertical = (p.0 - q.0).abs() < 1e-9;
        if horizontal == vertical {
            continue;
        }
        let (across, along, at, lo, hi) = if horizontal {
            (ys, xs, p.1, p.0.min(q.0), p.0.max(q.0))
        } else {
            (xs, ys, p.0, p.1.min(q.1), p.1.max(q.1))
        };
        let first = across.partition_point(|&v| v < at - 2.0);
        let last = across.partition_point(|&v| v <= at + 2.0);
        for i in first..last {
            for j in 0..along.len().saturating_sub(1) {
                let (s0, s1) = (along[j].max(lo), along[j + 1].min(hi));
                if s1 > s0 {
                    let (k, cost) = if horizontal {
                        (i * nx + j, &mut *hcost)
                    } else {
                        (j * nx + i, &mut *vcost)
                    };
                    cost[k] += SHARE * (s1 - s0);
                }
            }
        }
    }
}

/// The shortest-path search on the grid `xs` × `ys` (see the module docs).
fn search(f: &Field, xs: &[f64], ys: &[f64]) -> Option<(Vec<(f64, f64)>, f64)> {
    let (nx, ny) = (xs.len(), ys.len());
    if nx == 0 || ny == 0 || nx > 300 || ny > 300 {
        return None;
    }
    let pt = |n: usize| (xs[n % nx], ys[n / nx]);
    let mut hcost = crossing_costs(&f.hard, xs, ys, true);
    let mut vcost = crossing_costs(&f.hard, xs, ys, false);
    share_costs(&f.runs, xs, ys, &mut hcost, &mut vcost);
    // State: node × the direction it was entered by (0 none, 1 ±x, 2 ±y).
    let mut best = vec![f64::INFINITY; nx * ny * 3];
    let mut from = vec![usize::MAX; nx * ny * 3];
    let mut heap = BinaryHeap::new();
    for n in 0..nx * ny {
        if on_border(pt(n), &f.a) {
            best[n * 3] = 0.0;
            heap.push(Item(0.0, n * 3));
        }
    }
    // The cost of each unit segment, from node `lo` to its neighbour along a
    // row (`hstep[lo]`) or a column (`vstep[lo]`): its length and crossings,
    // or none inside or along the boxes it joins. Reckoned once, not at each
    // relaxation.
    let unit = |lo: usize, hi: usize, cross: f64| -> f64 {
        let (p, q) = (pt(lo), pt(hi));
        if inside_or_along(p, q, &f.a) || inside_or_along(p, q, &f.b) {
            return f64::INFINITY;
        }
        (p.0 - q.0).abs() + (p.1 - q.1).abs() + cross
    };
    let hstep: Vec<f64> = (0..nx * ny)
        .map(|n| {
            if n % nx + 1 < nx {
                unit(n, n + 1, hcost[n])
            } else {
                f64::INFINITY
            }
        })
        .collect();
    let vstep: Vec<f64> = (0..nx * ny)
        .map(|n| {
            if n / nx + 1 < ny {
                unit(n, n + nx, vcost[n])
            } else {
                f64::INFINITY
            }
        })
        .collect();
    let step_cost = |n: usize, m: usize, dm: usize| -> f64 {
        let lo = n.min(m);
        if dm == 1 {
            hstep[lo]
        } else {
            vstep[lo]
        }
    };
    let mut end = None;
    while let Some(Item(c, s)) = heap.pop() {
        if c > best[s] {
            continue;
        }
        let (n, d) = (s / 3, s % 3);
        let p = pt(n);
        if d != 0 && on_border(p, &f.b) {
            end = Some(s);
            break;
        }
        let (ix, iy) = (n % nx, n / nx);
        let next = [
            (ix > 0).then(|| (n - 1, 1)),
            (ix + 1 < nx).then(|| (n + 1, 1)),
            (iy > 0).then(|| (n - nx, 2)),
            (iy + 1 < ny).then(|| (n + nx, 2)),
        ];
        for (m, dm) in next.into_iter().flatten() {
            let sc = step_cost(n, m, dm);
            if !sc.is_finite() {
                continue;
            }
            let bend = if d != 0 && d != dm { BEND } else { 0.0 };
            let t = m * 3 + dm;
            let cost = c + sc + bend;
            if cost < best[t] {
                best[t] = cost;
                from[t] = s;
                heap.push(Item(cost, t));
            }
        }
    }
    let mut s = end?;
    let cost = best[s];
    let mut out = vec![pt(s / 3)];
    while from[s] != usize::MAX {
        s = from[s];
        out.push(pt(s / 3));
    }
    out.reverse();
    Some((simplify(out), cost))
}

/// `points` without the points in the middle of a straight run.
fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for p in points {
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = ((a.0 - b.0).abs() < 1e-9 && (b.0 - p.0).abs() < 1e-9)
                || ((a.1 - b.1).abs() < 1e-9 && (b.1 - p.1).abs() < 1e-9);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// How many things edge `e`'s line crosses, and how many lines cross its label.
fn tangles(scene: &Scene, e: usize) -> (usize, usize) {
    let edge = &scene.edges[e];
    let (Some(a), Some(b)) = (
        scene.shapes.iter().position(|s| s.id == edge.from),
        scene.shapes.iter().position(|s| s.id == edge.to),
    ) else {
        return (0, 0);
    };
    let all = Rect::new(-1e9, -1e9, 2e9, 2e9);
    let f = field(scene, a, b, Some(e), &all);
    let own = hits(&edge.points, &f.hard);
    let label = edge_label(scene, e).map_or(0, |r| {
        scene
            .edges
            .iter()
            .enumerate()
            .filter(|&(o, x)| o != e && x.points.windows(2).any(|w| through(w[0], w[1], &r)))
            .count()
    });
    (own, label)
}

/// Reroutes every line of `scene` that crosses a box or writing, where a
/// detour crosses less, and moves each edge label that a line crosses to a
/// segment of its line where none does (the last segment first). Boxes never
/// move; a scene without crossings is left as it is.
pub(crate) fn untangle(scene: &mut Scene) {
    for e in 0..scene.edges.len() {
        let (own, _) = tangles(scene, e);
        if own > 0 {
            let edge = &scene.edges[e];
            let a = scene.shapes.iter().position(|s| s.id == edge.from);
            let b = scene.shapes.iter().position(|s| s.id == edge.to);
            if let (Some(a), Some(b)) = (a, b) {
                if let Some(points) = route_clear(scene, a, b, Some(e)) {
                    let old = std::mem::replace(&mut scene.edges[e].points, points);
                    let old_at = scene.edges[e].label_at;
                    if let Some(l) = &scene.edges[e].label {
                        let w = text_width_any(l, SMALL_FONT);
                        scene.edges[e].label_at = Some(label_anchor(&scene.edges[e].points, w));
                    }
                    let (now, _) = tangles(scene, e);
                    // The label put where the detour's middle is may stand on
                    // something: first move it along the detour.
                    if now < own && label_blocks(scene, e, false) {
                        relabel(scene, e);
                    }
                    let others_worse = label_blocks(scene, e, false);
                    if now >= own || others_worse {
                        scene.edges[e].points = old;
                        scene.edges[e].label_at = old_at;
                    }
                }
            }
        }
    }
    for e in 0..scene.edges.len() {
        if scene.edges[e].label.is_some() && (tangles(scene, e).1 > 0 || on_a_label(scene, e)) {
            relabel(scene, e);
        }
    }
}

#[cfg(test)]
mod tests;
