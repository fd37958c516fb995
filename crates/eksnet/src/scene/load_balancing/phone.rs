//! "Load balancing" on a phone: the three columns of the wide layout stacked
//! (the Internet on top, the load balancers under it, the nodes with their pods
//! and the Services at the bottom), about 300 units wide. Lines to the second
//! and later load balancers run down a channel on the left, lines from the
//! target groups to their targets down a channel on the right, so that no line
//! crosses a box it does not join.

use super::{
    draw_clients, draw_load_balancers, draw_nodes, draw_services, finish, Scheme, TgEdges, MAX_LBS,
};
use crate::scene::kit::{Canvas, Line, PAD};
use crate::scene::{Scene, View};
use crate::{text, Analysis, ElementId, Text};

/// Left of every column: room for the channel of the Internet's lines.
pub(super) const LEFT: f64 = 2.0 * PAD;
/// Vertical gap between the stacked regions (room for an edge label).
pub(super) const GAP: f64 = 40.0;
/// Where a line enters a box's side: under its top edge, in its label band.
const ENTRY: f64 = 14.0;

pub(super) fn layout(a: &Analysis, view: &View) -> Scene {
    let mut c = Canvas::new();
    let (inet, _) = draw_clients(&mut c, &a.model);
    c.shift_since(0, LEFT, 0.0);
    let inet_bottom = c.bounds_since(0).map_or(0.0, |b| b.bottom());
    let lbs_at = c.mark();
    let (_, tg_edges) = draw_load_balancers(&mut c, a, LEFT, f64::INFINITY);
    c.shift_since(lbs_at, 0.0, inet_bottom + GAP);
    let lbs_bottom = c.bounds_since(lbs_at).map_or(inet_bottom, |b| b.bottom());
    let nodes_at = c.mark();
    let ny = draw_nodes(&mut c, a, view, LEFT);
    draw_services(&mut c, &a.lbs, LEFT, ny);
    c.shift_since(nodes_at, 0.0, lbs_bottom + GAP);
    // The right channel: right of everything drawn.
    let right = c.bounds_since(0).map_or(0.0, |b| b.right()) + PAD;
    lines(&mut c, a, &inet, &tg_edges, right);
    finish(c, &a.lbs)
}

/// The Internet's lines to the internet-facing load balancers (the first
/// straight down, labelled with its listener; the others along the left
/// channel) and each target group's lines to its healthy targets along the
/// right channel (`right`, one lane per target group).
fn lines(c: &mut Canvas, a: &Analysis, inet: &ElementId, tg_edges: &TgEdges, right: f64) {
    internet_lines(c, a, inet);
    for (lane, (tg, targets)) in tg_edges.iter().enumerate() {
        let x = right + lane as f64 * (PAD / 2.0);
        // The first line drawn says what it reaches (a target may be a node
        // not drawn).
        let mut labelled = false;
        for (at, ip) in targets {
            let (Some(t), Some(to)) = (c.get(tg.as_str()), c.get(at.as_str())) else {
                continue;
            };
            let (t, to) = (t.rect, to.rect);
            let points = vec![
                (t.right(), t.y + ENTRY),
                (x, t.y + ENTRY),
                (x, to.y + ENTRY),
                (to.right(), to.y + ENTRY),
            ];
            let label = (!labelled).then(|| {
                if *ip {
                    text!("pod IP", "Pod IP")
                } else {
                    text!("NodePort", "NodePort")
                }
            });
            labelled |= c.connect_along(tg, at, points, Line::Data, label);
        }
    }
}

/// The Internet's lines to the internet-facing load balancers stacked under
/// it (the Internet at least [`LEFT`] right of the scene's left edge): the
/// first straight down, labelled with its listener, the others along the
/// left channel into their label band.
pub(super) fn internet_lines(c: &mut Canvas, a: &Analysis, inet: &ElementId) {
    let mut first = true;
    for lb in a.lbs.load_balancers.iter().take(MAX_LBS) {
        if !(lb.scheme == Scheme::InternetFacing && lb.created) {
            continue;
        }
        if first {
            let listener = lb
                .listeners
                .first()
                .map_or_else(String::new, |l| format!("{}:{}", l.protocol, l.port));
            c.connect(inet, &lb.eid, Line::Data, Some(Text::same(listener)));
            first = false;
            continue;
        }
        let (Some(i), Some(b)) = (c.get(inet.as_str()), c.get(lb.eid.as_str())) else {
            continue;
        };
        let (i, b) = (i.rect, b.rect);
        let x = LEFT / 2.0;
        let points = vec![
            (i.x, i.y + ENTRY),
            (x, i.y + ENTRY),
            (x, b.y + ENTRY),
            (b.x, b.y + ENTRY),
        ];
        c.connect_along(inet, &lb.eid, points, Line::Data, None);
    }
}

#[cfg(test)]
mod tests {
    use crate::scene::{problems, Rect, SceneKind, SizeClass, View};
    use crate::{analyze, layout, Scenario};

    #[test]
    fn the_regions_stack_and_no_line_crosses_a_node() {
        let a = analyze(&Scenario::example());
        let v = View {
            scene: SceneKind::LoadBalancing,
            size: SizeClass::Phone,
            ..View::default()
        };
        let s = layout(&a, &v);
        let inet = s.shape("internet").unwrap().rect;
        let lb = s
            .shapes
            .iter()
            .find(|x| x.id.as_str().starts_with("lb:"))
            .unwrap();
        let nodes: Vec<Rect> = s
            .shapes
            .iter()
            .filter(|x| x.id.as_str().starts_with("node:") && !x.id.as_str().contains('#'))
            .map(|x| x.rect)
            .collect();
        assert!(lb.rect.y >= inet.bottom());
        assert!(!nodes.is_empty());
        assert!(nodes.iter().all(|n| n.y >= lb.rect.bottom()));
        // The lines to the nodes run down the right channel: no segment
        // passes through a node it does not end at.
        for e in s
            .edges
            .iter()
            .filter(|e| e.to.as_str().starts_with("node:"))
        {
            for p in e.points.windows(2) {
                let seg = Rect::new(
                    p[0].0.min(p[1].0) + 0.5,
                    p[0].1.min(p[1].1),
                    (p[0].0 - p[1].0).abs().max(0.5) - 0.5,
                    (p[0].1 - p[1].1).abs().max(0.5),
                );
                for n in &nodes {
                    let end = s.shape(e.to.as_str()).unwrap().rect;
                    if *n != end {
                        assert!(!seg.overlaps(n), "{} crosses {n:?}", e.id);
                    }
                }
            }
        }
        assert!(s
            .edges
            .iter()
            .any(|e| e.label.is_some() && e.to.as_str().starts_with("node:")));
        assert!(s.width <= SizeClass::Phone.frame().0);
        assert_eq!(problems(&s), Vec::<String>::new());
    }
}
