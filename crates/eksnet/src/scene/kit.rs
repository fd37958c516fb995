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

mod placement;
mod routing;

pub(crate) use placement::pad_to;
use placement::{legend_in_corner, legend_rows, prune_legend, shift};
pub(crate) use routing::{label_anchor, route};

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

    /// Takes back the shapes drawn since `mark` (before any line joins them):
    /// a region drawn to see whether it fits the frame, and that did not.
    pub(crate) fn truncate(&mut self, mark: usize) {
        for s in self.shapes.drain(mark.min(self.shapes.len())..) {
            self.ids.remove(s.id.as_str());
        }
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
}
