//! The layout kit: what every scene uses to build its picture.
//!
//! A [`Canvas`] collects shapes (parents before children, ids made unique) and
//! edges (routed between shapes' borders as straight or Z-shaped orthogonal
//! lines), then [`Canvas::finish`] places the legend under the content and moves
//! the content to the margin; [`pad_to`] pads the scene to the aspect of the
//! frame it is shown in.
//! Box sizes come from [`fit_w`] and [`leaf_h`], which measure the wider of the
//! English and Korean texts, so switching language never moves anything.

use std::cell::Cell;
use std::collections::HashSet;

use super::{
    mono_width_any, text_width_any, Edge, LegendItem, LegendKind, PathState, Rect, Role, Scene,
    SceneKind, Shape,
};
use crate::{ElementId, Text};

/// Outer margin of a scene.
pub(crate) const MARGIN: f64 = 24.0;
/// Padding inside containers and between siblings.
pub(crate) const PAD: f64 = 12.0;
/// Height of a container's label band (children start below it).
pub(crate) const HEADER: f64 = 28.0;
/// Font size of labels.
pub(crate) const LABEL_FONT: f64 = 12.0;
/// Font size of details.
pub(crate) const DETAIL_FONT: f64 = 11.0;
/// Font size of edge labels and legend entries.
pub(crate) const SMALL_FONT: f64 = 11.0;
/// Horizontal text inset of labels (the painters draw text at `x + 8`).
pub(crate) const INSET: f64 = 8.0;

thread_local! {
    /// Whether the layout under way folds second lines (see [`Folding`]).
    static FOLD: Cell<bool> = const { Cell::new(false) };
    /// The width over height of the frame the layout under way is shown in
    /// (0: unknown).
    static ASPECT: Cell<f64> = const { Cell::new(0.0) };
    /// Whether the layout under way is for a small frame (an embed, a phone).
    static COMPACT: Cell<bool> = const { Cell::new(false) };
}

/// While alive, boxes are laid out with their label only: [`shape`] keeps the
/// second line as the shape's `note` (shown with the selection, not drawn), and
/// [`fit_w`] and [`leaf_h`] size boxes without it. Set for the duration of one
/// layout by [`super::layout_traced`] from the view's size class; dropping it
/// restores the previous setting.
/// It also holds the frame's aspect, which lets the legend's rows be as wide as
/// the frame allows.
/// And whether the frame is a small one ([`compact`]).
pub(crate) struct Folding(bool, f64, bool);

impl Folding {
    /// Folds second lines (`on`) or not, for a frame of width over height
    /// `aspect` (`small`: an embed or a phone, see [`compact`]), until dropped.
    pub(crate) fn new(on: bool, aspect: f64, small: bool) -> Folding {
        Folding(
            FOLD.with(|f| f.replace(on)),
            ASPECT.with(|a| a.replace(aspect)),
            COMPACT.with(|c| c.replace(small)),
        )
    }
}

impl Drop for Folding {
    fn drop(&mut self) {
        FOLD.with(|f| f.set(self.0));
        ASPECT.with(|a| a.set(self.1));
        COMPACT.with(|c| c.set(self.2));
    }
}

/// Whether the layout under way is for a small frame (an 800×500 embed, a
/// phone): scenes show less at once there (fewer boxes, detail folded into the
/// selection) so that what they show stays legible at "Fit".
pub(crate) fn compact() -> bool {
    COMPACT.with(Cell::get)
}

/// Whether the layout under way is for a phone: a small frame taller than
/// wide (see [`super::SizeClass::Phone`]), which the page pans vertically, so
/// scenes stack there what they put side by side elsewhere.
pub(crate) fn phone() -> bool {
    compact() && ASPECT.with(Cell::get) < 1.0
}

/// The outer margin of the scene under way: [`MARGIN`], or a sixth of it in a
/// small frame (whose own border frames the picture).
pub(crate) fn margin() -> f64 {
    if compact() {
        MARGIN / 6.0
    } else {
        MARGIN
    }
}

/// Whether second lines are folded now.
pub(crate) fn folding() -> bool {
    FOLD.with(Cell::get)
}

/// A shape with no classes, data or parent (its `detail` becomes its `note`
/// while [`Folding`]).
pub(crate) fn shape(
    id: ElementId,
    role: Role,
    rect: Rect,
    label: Text,
    detail: Option<Text>,
) -> Shape {
    let (detail, note) = if folding() {
        (None, detail)
    } else {
        (detail, None)
    };
    Shape {
        id,
        role,
        rect,
        label,
        detail,
        note,
        icon: None,
        classes: Vec::new(),
        state: PathState::default(),
        data: Vec::new(),
        parent: None,
    }
}

/// The least width that shows `label` (and `detail`) in both languages.
pub(crate) fn fit_w(label: &Text, detail: Option<&Text>) -> f64 {
    let l = text_width_any(label, LABEL_FONT);
    let d = detail
        .filter(|_| !folding())
        .map_or(0.0, |d| mono_width_any(d, DETAIL_FONT));
    l.max(d) + 2.0 * INSET
}

/// The least width that shows `label` (and `detail`) in both languages, with
/// the icon of what `role` and `id` stand for before the label (see
/// [`super::icons`]).
pub(crate) fn fit_icon_w(role: Role, id: &ElementId, label: &Text, detail: Option<&Text>) -> f64 {
    match super::icons::icon_for(role, id.as_str()) {
        Some(_) => fit_iconic_w(label, detail),
        None => fit_w(label, detail),
    }
}

/// The least width that shows an icon, then `label` (and `detail` under them)
/// in both languages.
pub(crate) fn fit_iconic_w(label: &Text, detail: Option<&Text>) -> f64 {
    let l = text_width_any(label, LABEL_FONT) + super::icons::ICON_ROOM;
    fit_w(label, detail).max(l + 2.0 * INSET)
}

/// Height of a leaf box: one line, or label and detail.
pub(crate) fn leaf_h(detail: bool) -> f64 {
    if detail && !folding() {
        44.0
    } else {
        28.0
    }
}

/// Width of an edge label or legend text in both languages.
pub(crate) fn small_w(t: &Text) -> f64 {
    text_width_any(t, SMALL_FONT)
}

/// Text cut to at most `max` characters, with an ellipsis.
pub(crate) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The legend of a scene: the line styles every scene shares, then `extra`.
pub(crate) fn legend(extra: Vec<(LegendKind, Text)>) -> Vec<(LegendKind, Text)> {
    let mut v = vec![
        (
            LegendKind::DataPath,
            crate::text!("data path", "데이터 경로"),
        ),
        (
            LegendKind::Logical,
            crate::text!("logical link or DNS", "논리적 연결 또는 DNS"),
        ),
        (
            LegendKind::OnPath,
            crate::text!("the chosen flow", "선택한 흐름"),
        ),
        (LegendKind::Blocked, crate::text!("blocked", "차단됨")),
    ];
    v.extend(extra);
    v
}

/// `one` for 1, `many` otherwise (English plurals; Korean counts need none).
pub(crate) fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Line style of an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// Solid: packets flow here.
    Data,
    /// Dashed: a logical link (DNS answers, control, "is part of").
    Logical,
}

/// Shapes and edges being laid out.
#[derive(Debug, Default)]
pub(crate) struct Canvas {
    pub(crate) shapes: Vec<Shape>,
    pub(crate) edges: Vec<Edge>,
    ids: HashSet<String>,
    edge_ids: HashSet<String>,
}

impl Canvas {
    /// An empty canvas.
    pub(crate) fn new() -> Canvas {
        Canvas::default()
    }

    /// Adds a shape; returns its id, made unique with a `#dup-<n>` part if another
    /// shape already has it (a scenario may repeat an id; a diagnostic says so).
    pub(crate) fn push(&mut self, mut s: Shape) -> ElementId {
        if self.ids.contains(s.id.as_str()) {
            let base = s.id.clone();
            let mut n = 2;
            while self.ids.contains(base.part(&format!("dup-{n}")).as_str()) {
                n += 1;
            }
            s.id = base.part(&format!("dup-{n}"));
        }
        self.ids.insert(s.id.0.clone());
        let id = s.id.clone();
        self.shapes.push(s);
        id
    }

    /// Adds `s` inside `parent`.
    pub(crate) fn child(&mut self, parent: &ElementId, mut s: Shape) -> ElementId {
        s.parent = Some(parent.clone());
        self.push(s)
    }

    /// The shape with `id`.
    pub(crate) fn get(&self, id: &str) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.id.as_str() == id)
    }

    /// The shape with `id`, mutably.
    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut Shape> {
        self.shapes.iter_mut().find(|s| s.id.as_str() == id)
    }

    /// How many shapes are drawn so far: a mark for [`Canvas::bounds_since`]
    /// and [`Canvas::shift_since`] (a region drawn in place, then moved: the
    /// phone layouts stack what wider frames put side by side).
    pub(crate) fn mark(&self) -> usize {
        self.shapes.len()
    }

    /// The box around the shapes drawn since `mark` (`None`: none).
    pub(crate) fn bounds_since(&self, mark: usize) -> Option<Rect> {
        self.shapes
            .get(mark..)?
            .iter()
            .map(|s| s.rect)
            .reduce(|a, b| a.union(&b))
    }

    /// Moves the shapes drawn since `mark` by `(dx, dy)` (before any line
    /// joins them: lines are routed from where the shapes end up).
    pub(crate) fn shift_since(&mut self, mark: usize, dx: f64, dy: f64) {
        for s in self.shapes.iter_mut().skip(mark) {
            s.rect = s.rect.translate(dx, dy);
        }
    }

    /// Connects two drawn shapes with a routed line; does nothing (and returns
    /// `false`) when either is missing or one holds the other.
    pub(crate) fn connect(
        &mut self,
        from: &ElementId,
        to: &ElementId,
        line: Line,
        label: Option<Text>,
    ) -> bool {
        self.connect_with(from, to, line, label, false)
    }

    /// Like [`Canvas::connect`], with arrowheads at both ends.
    pub(crate) fn connect_both(
        &mut self,
        from: &ElementId,
        to: &ElementId,
        line: Line,
        label: Option<Text>,
    ) -> bool {
        self.connect_with(from, to, line, label, true)
    }

    /// Connects two drawn shapes along the given points (a route planned by the
    /// scene); does nothing when either is missing.
    pub(crate) fn connect_along(
        &mut self,
        from: &ElementId,
        to: &ElementId,
        points: Vec<(f64, f64)>,
        line: Line,
        label: Option<Text>,
    ) -> bool {
        if self.get(from.as_str()).is_none() || self.get(to.as_str()).is_none() || points.len() < 2
        {
            return false;
        }
        let id = format!("{from}>{to}");
        if !self.edge_ids.insert(id.clone()) {
            return false;
        }
        let label_at = label.as_ref().map(|l| label_anchor(&points, small_w(l)));
        self.edges.push(Edge {
            id,
            from: from.clone(),
            to: to.clone(),
            points,
            dashed: line == Line::Logical,
            two_way: false,
            label,
            label_at,
            state: PathState::default(),
            step: None,
        });
        true
    }

    fn connect_with(
        &mut self,
        from: &ElementId,
        to: &ElementId,
        line: Line,
        label: Option<Text>,
        two_way: bool,
    ) -> bool {
        let (Some(a), Some(b)) = (self.get(from.as_str()), self.get(to.as_str())) else {
            return false;
        };
        let Some(points) = route(&a.rect, &b.rect) else {
            return false;
        };
        let id = format!("{from}>{to}");
        if !self.edge_ids.insert(id.clone()) {
            return false;
        }
        let label_at = label.as_ref().map(|l| label_anchor(&points, small_w(l)));
        self.edges.push(Edge {
            id,
            from: from.clone(),
            to: to.clone(),
            points,
            dashed: line == Line::Logical,
            two_way,
            label,
            label_at,
            state: PathState::default(),
            step: None,
        });
        true
    }

    /// Places the legend under the content, moves everything to the margin and
    /// returns the scene (sized to its content plus margins).
    pub(crate) fn finish(
        self,
        kind: SceneKind,
        description: Text,
        legend: Vec<(LegendKind, Text)>,
    ) -> Scene {
        let shapes = self.shapes;
        let edges = self.edges;
        let legend = if compact() {
            prune_legend(legend, &edges)
        } else {
            legend
        };
        let mut bbox: Option<Rect> = None;
        let mut grow = |r: Rect| {
            bbox = Some(bbox.map_or(r, |b| b.union(&r)));
        };
        for s in &shapes {
            grow(s.rect);
        }
        for e in &edges {
            for &(x, y) in &e.points {
                grow(Rect::new(x, y, 0.0, 0.0));
            }
            if let (Some((x, y)), Some(l)) = (e.label_at, &e.label) {
                let w = small_w(l);
                grow(Rect::new(x - w / 2.0, y - 12.0, w, 16.0));
            }
        }
        let content = bbox.unwrap_or(Rect::new(0.0, 0.0, 400.0, 250.0));
        // The legend in an empty bottom corner of the content if one holds it
        // (no empty band under the picture), else in rows under the content.
        // Rows as wide as the content, or as the frame's aspect allows at the
        // content's height (a wider legend then costs no size).
        let aspect = ASPECT.with(Cell::get);
        // (A small frame's legend is no wider than the content needs.)
        let row_w = content
            .w
            .max(if compact() { 0.0 } else { 560.0 })
            // (A portrait frame, a phone, is panned vertically: no wider.)
            .max(if aspect >= 1.0 {
                aspect * (content.h + 2.0 * margin() + 2.0 * PAD + 18.0) - 2.0 * margin()
            } else {
                0.0
            });
        let mut items = legend_in_corner(&legend, content, &shapes, &edges)
            .unwrap_or_else(|| legend_rows(legend.clone(), content, row_w));
        if items.len() != legend.len() {
            items = legend_rows(legend, content, row_w);
        }
        let all = items.iter().fold(content, |b, it| b.union(&it.rect));
        // Scene size: content plus margins (the frame's aspect is added by
        // [`pad_to`], which knows where the scene is shown).
        let width = (all.w + 2.0 * margin()).ceil();
        let height = (all.h + 2.0 * margin()).ceil();
        let mut scene = Scene {
            kind,
            width,
            height,
            title: kind.title(),
            description,
            caption: kind.caption(),
            shapes,
            edges,
            legend: items,
        };
        shift(
            &mut scene,
            (width - all.w) / 2.0 - all.x,
            (height - all.h) / 2.0 - all.y,
        );
        scene
    }
}

/// A small frame's legend: without the line styles no line of the scene has
/// (a solid data path, a dashed logical link); the lit flow's and the blocked
/// style stay, as a flow may be lit on any scene.
fn prune_legend(legend: Vec<(LegendKind, Text)>, edges: &[Edge]) -> Vec<(LegendKind, Text)> {
    let solid = edges.iter().any(|e| !e.dashed);
    let dashed = edges.iter().any(|e| e.dashed);
    legend
        .into_iter()
        .filter(|(k, _)| match k {
            LegendKind::DataPath => solid,
            LegendKind::Logical => dashed,
            _ => true,
        })
        .collect()
}

/// Legend entries in rows at most `row_w` wide, from the content's bottom-left
/// corner down.
fn legend_rows(legend: Vec<(LegendKind, Text)>, content: Rect, row_w: f64) -> Vec<LegendItem> {
    let mut items = Vec::new();
    let (mut x, mut y) = (content.x, content.bottom() + 2.0 * PAD);
    for (kind, label) in legend {
        let w = 28.0 + 6.0 + small_w(&label) + PAD;
        if x > content.x && x + w > content.x + row_w {
            x = content.x;
            y += 22.0;
        }
        items.push(LegendItem {
            kind,
            label,
            rect: Rect::new(x, y, w, 18.0),
        });
        x += w + PAD;
    }
    items
}

/// The legend in the content's empty bottom-left or bottom-right corner: the
/// rows a corner of a third of the width holds, if nothing drawn (shape, line,
/// edge label) comes near them. `None` when neither corner is free.
fn legend_in_corner(
    legend: &[(LegendKind, Text)],
    content: Rect,
    shapes: &[Shape],
    edges: &[Edge],
) -> Option<Vec<LegendItem>> {
    if legend.is_empty() {
        return Some(Vec::new());
    }
    let widest = legend
        .iter()
        .map(|(_, l)| 28.0 + 6.0 + small_w(l) + PAD)
        .fold(0.0, f64::max);
    for share in [0.45, 0.34] {
        let row_w = widest.max(content.w * share);
        let probe = legend_rows(legend.to_vec(), Rect::new(0.0, 0.0, 0.0, 0.0), row_w);
        let bounds = probe
            .iter()
            .fold(Rect::new(0.0, 2.0 * PAD, 0.0, 0.0), |b, it| {
                b.union(&it.rect)
            });
        let (w, h) = (bounds.right(), bounds.bottom() - 2.0 * PAD);
        for x in [content.x, content.right() - w] {
            let spot = Rect::new(x, content.bottom() - h, w, h);
            if content.contains(&spot) && !busy(&spot, shapes, edges) {
                let (dx, dy) = (spot.x, spot.y - 2.0 * PAD);
                return Some(
                    probe
                        .into_iter()
                        .map(|mut it| {
                            it.rect = it.rect.translate(dx, dy);
                            it
                        })
                        .collect(),
                );
            }
        }
    }
    None
}

/// Whether anything drawn (a shape, a line, an edge label) comes within
/// [`PAD`] of `r`.
fn busy(r: &Rect, shapes: &[Shape], edges: &[Edge]) -> bool {
    let r = r.inflate(PAD);
    shapes.iter().any(|s| s.rect.overlaps(&r))
        || edges.iter().any(|e| {
            e.points.windows(2).any(|p| {
                let seg = Rect::new(
                    p[0].0.min(p[1].0),
                    p[0].1.min(p[1].1),
                    (p[0].0 - p[1].0).abs().max(1.0),
                    (p[0].1 - p[1].1).abs().max(1.0),
                );
                seg.overlaps(&r)
            }) || e.label_at.zip(e.label.as_ref()).is_some_and(|((x, y), l)| {
                let lw = small_w(l);
                Rect::new(x - lw / 2.0, y - 12.0, lw, 16.0).overlaps(&r)
            })
        })
}

/// Moves everything drawn by `(dx, dy)`.
fn shift(scene: &mut Scene, dx: f64, dy: f64) {
    for s in &mut scene.shapes {
        s.rect = s.rect.translate(dx, dy);
    }
    for e in &mut scene.edges {
        for p in &mut e.points {
            *p = (p.0 + dx, p.1 + dy);
        }
        e.label_at = e.label_at.map(|(x, y)| (x + dx, y + dy));
    }
    for it in &mut scene.legend {
        it.rect = it.rect.translate(dx, dy);
    }
}

/// Pads `scene` to the width-over-height `aspect` of the frame it is shown in,
/// centring what is drawn, so that "Fit" fills the frame without empty bands.
pub(crate) fn pad_to(scene: &mut Scene, aspect: f64) {
    if !(aspect.is_finite() && aspect > 0.0) {
        return;
    }
    let (w, h) = (scene.width, scene.height);
    let (nw, nh) = if w / h < aspect {
        ((h * aspect).ceil(), h)
    } else {
        (w, (w / aspect).ceil())
    };
    shift(scene, (nw - w) / 2.0, (nh - h) / 2.0);
    scene.width = nw;
    scene.height = nh;
}

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

/// `my-nginx-…-g2xzk`: the start and the end of a long name.
pub(crate) fn clip_mid(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let tail = max / 2;
    let head = max.saturating_sub(tail + 1);
    let h: String = s.chars().take(head).collect();
    let t: String = s.chars().skip(n - tail).collect();
    format!("{h}…{t}")
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

    #[test]
    fn duplicate_ids_are_made_unique() {
        let mut c = Canvas::new();
        let t = Text::same("x");
        let a = c.push(shape(
            ElementId::subnet("s"),
            Role::Note,
            Rect::default(),
            t.clone(),
            None,
        ));
        let b = c.push(shape(
            ElementId::subnet("s"),
            Role::Note,
            Rect::default(),
            t,
            None,
        ));
        assert_eq!(a.as_str(), "subnet:s");
        assert_eq!(b.as_str(), "subnet:s#dup-2");
    }

    #[test]
    fn pad_to_reaches_the_aspect_ratio() {
        let mut c = Canvas::new();
        c.push(shape(
            ElementId::note("a"),
            Role::Note,
            Rect::new(500.0, 500.0, 100.0, 400.0),
            Text::same("a"),
            None,
        ));
        let mut s = c.finish(SceneKind::Components, Text::same("d"), Vec::new());
        assert_eq!((s.width, s.height), (148.0, 448.0));
        pad_to(&mut s, 1.6);
        assert!((s.width / s.height - 1.6).abs() < 0.01);
        let r = s.shapes[0].rect;
        assert!(r.x >= MARGIN && r.y >= MARGIN - 1e-9);
        assert!(r.right() <= s.width && r.bottom() <= s.height);
    }
}
