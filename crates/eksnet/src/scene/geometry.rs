//! Small geometry helpers shared by the layouts.

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

    /// Whether the two rectangles overlap (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() - 1e-9
            && other.x < self.right() - 1e-9
            && self.y < other.bottom() - 1e-9
            && other.y < self.bottom() - 1e-9
    }
}

/// Estimated rendered width of `s` at `font_size` px in the page's sans-serif
/// font: Latin glyphs average about 0.58 em, Hangul and other wide glyphs 1 em.
/// Layouts size boxes with it so that labels fit without a browser.
pub fn text_width(s: &str, font_size: f64) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.58 } else { 1.0 })
        .sum::<f64>()
        * font_size
}

/// Width of the wider language of `t`.
pub fn text_width_any(t: &Text, font_size: f64) -> f64 {
    text_width(&t.en, font_size).max(text_width(&t.ko, font_size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_wider() {
        assert!(text_width("노드", 10.0) > text_width("no", 10.0));
    }

    #[test]
    fn rect_relations() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(a.contains(&Rect::new(1.0, 1.0, 9.0, 9.0)));
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 5.0, 5.0)));
        assert!(a.overlaps(&Rect::new(9.0, 9.0, 5.0, 5.0)));
    }
}
