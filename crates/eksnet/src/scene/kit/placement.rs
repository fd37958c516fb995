//! Placement of a finished scene: the legend's rows (under the content or in a
//! free corner), moving everything to the margin, and padding the scene to the
//! aspect of its frame.

use super::*;

/// A small frame's legend: without the line styles no line of the scene has
/// (a solid data path, a dashed logical link); the lit flow's and the blocked
/// style stay, as a flow may be lit on any scene.
pub(super) fn prune_legend(
    legend: Vec<(LegendKind, Text)>,
    edges: &[Edge],
) -> Vec<(LegendKind, Text)> {
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
pub(super) fn legend_rows(
    legend: Vec<(LegendKind, Text)>,
    content: Rect,
    row_w: f64,
) -> Vec<LegendItem> {
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
pub(super) fn legend_in_corner(
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
pub(super) fn busy(r: &Rect, shapes: &[Shape], edges: &[Edge]) -> bool {
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
pub(super) fn shift(scene: &mut Scene, dx: f64, dy: f64) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
