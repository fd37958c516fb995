//! The detour search on small scenes of a few boxes.

use super::*;
use crate::scene::kit::{shape, Canvas};
use crate::scene::{Role, SceneKind};
use crate::{ElementId, Text};

/// Two boxes one above the other with a third box between them.
fn blocked() -> Scene {
    let mut c = Canvas::new();
    let b = |id: &str, x: f64, y: f64| {
        shape(
            ElementId::note(id),
            Role::Note,
            Rect::new(x, y, 100.0, 30.0),
            Text::same(id),
            None,
        )
    };
    c.push(b("a", 0.0, 0.0));
    c.push(b("wall", 0.0, 80.0));
    c.push(b("b", 0.0, 160.0));
    c.finish(SceneKind::Components, Text::same("d"), Vec::new())
}

#[test]
fn a_line_goes_around_a_box_in_its_way() {
    let s = blocked();
    let (a, w, b) = (0, 1, 2);
    let p = route_clear(&s, a, b, None).expect("a route");
    let wall = s.shapes[w].rect;
    assert!(!p.windows(2).any(|x| through(x[0], x[1], &wall)), "{p:?}");
    assert!(on_border(p[0], &s.shapes[a].rect), "{p:?}");
    assert!(on_border(*p.last().unwrap(), &s.shapes[b].rect), "{p:?}");
    // Orthogonal, and the plain route went straight through the wall.
    assert!(p.windows(2).all(|x| x[0].0 == x[1].0 || x[0].1 == x[1].1));
    let plain = super::super::kit::route(&s.shapes[a].rect, &s.shapes[b].rect).unwrap();
    assert!(plain.windows(2).any(|x| through(x[0], x[1], &wall)));
}

#[test]
fn overlapping_boxes_have_no_route() {
    let s = blocked();
    let mut t = s.clone();
    t.shapes[2].rect = t.shapes[0].rect.translate(10.0, 10.0);
    assert!(route_clear(&t, 0, 2, None).is_none());
}
