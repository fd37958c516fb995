//! Small geometry helpers shared by the layouts: rectangles and text widths.
//!
//! Text is measured without a browser, from per-glyph advance estimates of a wide
//! sans-serif (DejaVu Sans Bold, the widest common fallback of the page's font
//! stack) and of a monospace face. The estimates err on the wide side, so a label
//! sized with them fits in every font the stylesheet may pick.

use serde::Serialize;

use crate::Text;

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// A rectangle.
    pub const fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Centre point.
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Whether `other` lies entirely inside this rectangle.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x - 1e-9
            && other.y >= self.y - 1e-9
            && other.right() <= self.right() + 1e-9
            && other.bottom() <= self.bottom() + 1e-9
    }

    /// Whether the point lies inside or on the border.
    pub fn contains_point(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x - 1e-9
            && x <= self.right() + 1e-9
            && y >= self.y - 1e-9
            && y <= self.bottom() + 1e-9
    }

    /// Whether the two rectangles overlap (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() - 1e-9
            && other.x < self.right() - 1e-9
            && self.y < other.bottom() - 1e-9
            && other.y < self.bottom() - 1e-9
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// The rectangle moved by `(dx, dy)`.
    pub fn translate(&self, dx: f64, dy: f64) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    /// The rectangle grown by `d` on every side.
    pub fn inflate(&self, d: f64) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }
}

/// The stretch of the segment `p`–`q` inside the box `[x0, y0, x1, y1]`, as
/// the parameters `(t0, t1)` along it (`t0 > t1` when it misses; Liang–Barsky
/// clipping); `None` when it runs parallel to a side and outside it. A segment
/// along a side counts as inside when `border_inside`, outside otherwise. The
/// callers decide how long a stretch is a hit (the route labels' search and
/// the detour router, each with its own border rule).
pub(crate) fn clip_segment(
    p: (f64, f64),
    q: (f64, f64),
    [x0, y0, x1, y1]: [f64; 4],
    border_inside: bool,
) -> Option<(f64, f64)> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (pk, qk) in [
        (-dx, p.0 - x0),
        (dx, x1 - p.0),
        (-dy, p.1 - y0),
        (dy, y1 - p.1),
    ] {
        if pk.abs() < 1e-12 {
            if qk < 0.0 || (qk == 0.0 && !border_inside) {
                return None;
            }
        } else {
            let t = qk / pk;
            if pk < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    Some((t0, t1))
}

/// Advance of one glyph of the (bold) label face, in em.
fn advance(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | '!' | '|' | '.' | ',' | ':' | ';' | '\'' | '`' => 0.36,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '{' | '}' | '-' | ' ' | '/' | '\\' | 'I' => 0.47,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 1.06,
        'a'..='z' => 0.69,
        'A'..='Z' => 0.79,
        '0'..='9' => 0.71,
        '·' => 0.42,
        c if c.is_ascii() => 0.72,
        c if is_wide(c) => 1.0,
        _ => 0.9,
    }
}

/// Hangul, CJK and full-width forms: one em.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Estimated rendered width of `s` at `font_size` px in the diagram's sans-serif
/// label face (bold). Layouts size boxes with it so that labels fit without a
/// browser.
///
/// ```
/// use eksnet::scene::text_width;
/// assert!(text_width("노드", 12.0) > text_width("no", 12.0));
/// ```
pub fn text_width(s: &str, font_size: f64) -> f64 {
    s.chars().map(advance).sum::<f64>() * font_size
}

/// Estimated width of `s` in the monospace face of details (addresses, counts).
pub fn mono_width(s: &str, font_size: f64) -> f64 {
    s.chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.62 })
        .sum::<f64>()
        * font_size
}

/// Width of the wider language of `t` in the label face.
pub fn text_width_any(t: &Text, font_size: f64) -> f64 {
    text_width(&t.en, font_size).max(text_width(&t.ko, font_size))
}

/// Width of the wider language of `t` in the monospace detail face.
pub fn mono_width_any(t: &Text, font_size: f64) -> f64 {
    mono_width(&t.en, font_size).max(mono_width(&t.ko, font_size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_wider() {
        assert!(text_width("노드", 10.0) > text_width("no", 10.0));
        assert!(mono_width("노드", 10.0) > mono_width("no", 10.0));
    }

    #[test]
    fn estimates_are_not_below_dejavu_bold() {
        // Measured in Chromium with DejaVu Sans Bold 12px (the widest fallback).
        for (s, measured) in [
            ("abcdefghijklmnopqrstuvwxyz", 198.5),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 235.6),
            ("0123456789", 83.5),
            ("kube-controller-manager", 169.2),
        ] {
            let w = text_width(s, 12.0);
            assert!(w >= measured, "{s}: {w} < {measured}");
            assert!(w <= measured * 1.15, "{s}: {w} far above {measured}");
        }
    }

    #[test]
    fn rect_relations() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(a.contains(&Rect::new(1.0, 1.0, 9.0, 9.0)));
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 5.0, 5.0)));
        assert!(a.overlaps(&Rect::new(9.0, 9.0, 5.0, 5.0)));
        let u = a.union(&Rect::new(20.0, -5.0, 1.0, 1.0));
        assert_eq!(u, Rect::new(0.0, -5.0, 21.0, 15.0));
        assert!(a.contains_point((10.0, 5.0)));
    }

    #[test]
    fn clip_finds_the_stretch_inside() {
        let r = [0.0, 0.0, 10.0, 10.0];
        // Straight through: the middle half of a segment twice as wide.
        assert_eq!(
            clip_segment((-10.0, 5.0), (30.0, 5.0), r, false),
            Some((0.25, 0.5))
        );
        // Wholly outside, beside it: an empty stretch.
        let (t0, t1) = clip_segment((12.0, -5.0), (20.0, 15.0), r, false).unwrap();
        assert!(t0 > t1);
        // Along the top side: inside only when the border is.
        assert_eq!(
            clip_segment((-5.0, 0.0), (15.0, 0.0), r, true),
            Some((0.25, 0.75))
        );
        assert_eq!(clip_segment((-5.0, 0.0), (15.0, 0.0), r, false), None);
        // Parallel and outside: none either way.
        assert_eq!(clip_segment((-5.0, -1.0), (15.0, -1.0), r, true), None);
    }
}
