//! Pan and zoom as pure arithmetic on the SVG `viewBox`.
//!
//! The diagram's `<svg>` keeps `preserveAspectRatio="xMidYMid meet"`: the scene is
//! scaled to fit the element and centred. A [`Viewport`] is the visible window in
//! scene units: its top-left corner and a zoom factor (1 = the whole scene fits).
//! Zooming keeps the scene point under the pointer still; panning moves by whole
//! screen pixels. No browser is needed to test any of it.

/// Smallest zoom factor.
pub const MIN_SCALE: f64 = 0.5;
/// Largest zoom factor.
pub const MAX_SCALE: f64 = 8.0;

/// The visible window of a scene.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Left edge, in scene units.
    pub x: f64,
    /// Top edge, in scene units.
    pub y: f64,
    /// Zoom factor; 1 shows the whole scene.
    pub scale: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            x: 0.0,
            y: 0.0,
            scale: 1.0,
        }
    }
}

/// The size of the `<svg>` element on screen, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Screen {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Viewport {
    /// The `viewBox` attribute for a scene of `w` × `h`.
    pub fn view_box(&self, w: f64, h: f64) -> String {
        use eksnet::svg::num;
        format!(
            "{} {} {} {}",
            num(self.x),
            num(self.y),
            num(w / self.scale),
            num(h / self.scale)
        )
    }

    /// Scene units per screen pixel, and the screen offset of the drawn box.
    fn fit(&self, w: f64, h: f64, screen: Screen) -> (f64, f64, f64) {
        let (vw, vh) = (w / self.scale, h / self.scale);
        let k = (vw / screen.w.max(1.0)).max(vh / screen.h.max(1.0));
        let ox = (screen.w - vw / k) / 2.0;
        let oy = (screen.h - vh / k) / 2.0;
        (k, ox, oy)
    }

    /// CSS pixels per scene unit as shown: 1 draws labels at their stylesheet
    /// size (the zoom level "100%").
    pub fn px_per_unit(&self, w: f64, h: f64, screen: Screen) -> f64 {
        let (k, _, _) = self.fit(w, h, screen);
        if k > 0.0 && k.is_finite() {
            1.0 / k
        } else {
            0.0
        }
    }

    /// The scene point under screen point `(px, py)` (relative to the element).
    pub fn to_scene(&self, w: f64, h: f64, screen: Screen, px: f64, py: f64) -> (f64, f64) {
        let (k, ox, oy) = self.fit(w, h, screen);
        (self.x + (px - ox) * k, self.y + (py - oy) * k)
    }

    /// Zooms by `factor` keeping the scene point under `(px, py)` still.
    pub fn zoom_at(
        &self,
        w: f64,
        h: f64,
        screen: Screen,
        px: f64,
        py: f64,
        factor: f64,
    ) -> Viewport {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let (sx, sy) = self.to_scene(w, h, screen, px, py);
        let (k, ox, oy) = self.fit(w, h, screen);
        let k2 = k * self.scale / scale;
        Viewport {
            x: sx - (px - ox) * k2,
            y: sy - (py - oy) * k2,
            scale,
        }
    }

    /// Zooms by `factor` about the centre of the screen.
    pub fn zoom_center(&self, w: f64, h: f64, screen: Screen, factor: f64) -> Viewport {
        self.zoom_at(w, h, screen, screen.w / 2.0, screen.h / 2.0, factor)
    }

    /// Moves the view so that the scene follows a drag of `(dx, dy)` pixels.
    pub fn pan(&self, w: f64, h: f64, screen: Screen, dx: f64, dy: f64) -> Viewport {
        let (k, _, _) = self.fit(w, h, screen);
        Viewport {
            x: self.x - dx * k,
            y: self.y - dy * k,
            scale: self.scale,
        }
    }
}

impl Viewport {
    /// The view that shows the rectangle `(x, y, rw, rh)` of a `w` × `h` scene as
    /// large as it fits (with a margin), centred; never below zoom 1.
    pub fn fit_rect(w: f64, h: f64, x: f64, y: f64, rw: f64, rh: f64) -> Viewport {
        let margin = 24.0;
        let (rw, rh) = (rw + 2.0 * margin, rh + 2.0 * margin);
        let scale = (w / rw.max(1.0)).min(h / rh.max(1.0)).clamp(1.0, MAX_SCALE);
        let (cx, cy) = (x + (rw - 2.0 * margin) / 2.0, y + (rh - 2.0 * margin) / 2.0);
        Viewport {
            x: cx - w / scale / 2.0,
            y: cy - h / scale / 2.0,
            scale,
        }
    }
}

/// The zoom factor of one wheel event: fine steps, about 10% a notch however
/// large the event's delta (`delta_mode`: 0 pixels, 1 lines, 2 pages).
pub fn wheel_factor(delta_y: f64, delta_mode: u32) -> f64 {
    let px = match delta_mode {
        1 => delta_y * 16.0,
        2 => delta_y * 400.0,
        _ => delta_y,
    };
    if !px.is_finite() {
        return 1.0;
    }
    (-px.clamp(-60.0, 60.0) * 0.0016).exp()
}

/// The point a fraction `t` (0..=1) of the way along a polyline, by length.
pub fn point_along(points: &[(f64, f64)], t: f64) -> Option<(f64, f64)> {
    let first = *points.first()?;
    let segs: Vec<f64> = points
        .windows(2)
        .map(|p| (p[1].0 - p[0].0).hypot(p[1].1 - p[0].1))
        .collect();
    let total: f64 = segs.iter().sum();
    if total <= 0.0 {
        return Some(first);
    }
    let mut left = t.clamp(0.0, 1.0) * total;
    for (i, len) in segs.iter().enumerate() {
        if left <= *len && *len > 0.0 {
            let (a, b) = (points[i], points[i + 1]);
            let f = left / len;
            return Some((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f));
        }
        left -= len;
    }
    points.last().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCREEN: Screen = Screen { w: 800.0, h: 400.0 };

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let v = Viewport::default();
        let before = v.to_scene(1000.0, 500.0, SCREEN, 200.0, 100.0);
        let z = v.zoom_at(1000.0, 500.0, SCREEN, 200.0, 100.0, 2.0);
        assert_eq!(z.scale, 2.0);
        let after = z.to_scene(1000.0, 500.0, SCREEN, 200.0, 100.0);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
    }

    #[test]
    fn zoom_is_clamped_and_pan_moves_by_pixels() {
        let v = Viewport::default().zoom_center(1000.0, 500.0, SCREEN, 100.0);
        assert_eq!(v.scale, MAX_SCALE);
        // 1000 scene units over 800 px: 1.25 units per pixel at zoom 1.
        let p = Viewport::default().pan(1000.0, 500.0, SCREEN, 8.0, -4.0);
        assert!((p.x + 10.0).abs() < 1e-9 && (p.y - 5.0).abs() < 1e-9);
        assert_eq!(Viewport::default().view_box(1000.0, 500.0), "0 0 1000 500");
    }

    #[test]
    fn fit_rect_centres_and_enlarges() {
        let v = Viewport::fit_rect(1000.0, 500.0, 100.0, 100.0, 200.0, 50.0);
        // 1000 / (200 + 48) ≈ 4.03 and 500 / (50 + 48) ≈ 5.1: the width decides.
        assert!((v.scale - 1000.0 / 248.0).abs() < 1e-9);
        let (vw, vh) = (1000.0 / v.scale, 500.0 / v.scale);
        assert!((v.x + vw / 2.0 - 200.0).abs() < 1e-9);
        assert!((v.y + vh / 2.0 - 125.0).abs() < 1e-9);
        // A rectangle as large as the scene keeps zoom 1.
        assert_eq!(
            Viewport::fit_rect(1000.0, 500.0, 0.0, 0.0, 1000.0, 500.0).scale,
            1.0
        );
    }

    #[test]
    fn the_wheel_zooms_in_fine_steps() {
        // A notch of 100 or 200 px, or 3 lines: at most about 10%.
        for (d, m) in [(100.0, 0), (200.0, 0), (3.0, 1), (1.0, 2)] {
            let f = wheel_factor(d, m);
            assert!(f < 1.0 && f > 0.9, "{d}/{m}: {f}");
            assert!((wheel_factor(-d, m) * f - 1.0).abs() < 1e-9);
        }
        // Five notches in stay below double.
        let five = (0..5).fold(1.0, |z, _| z * wheel_factor(-200.0, 0));
        assert!(five > 1.4 && five < 1.7, "{five}");
        // A trackpad's small deltas zoom a little.
        assert!((wheel_factor(4.0, 0) - 1.0).abs() < 0.01);
        assert_eq!(wheel_factor(f64::NAN, 0), 1.0);
    }

    #[test]
    fn px_per_unit_is_the_screen_scale() {
        // 1000 × 500 in 800 × 400: 0.8 px a unit at fit; doubled at zoom 2.
        let v = Viewport::default();
        assert!((v.px_per_unit(1000.0, 500.0, SCREEN) - 0.8).abs() < 1e-9);
        let z = v.zoom_center(1000.0, 500.0, SCREEN, 2.0);
        assert!((z.px_per_unit(1000.0, 500.0, SCREEN) - 1.6).abs() < 1e-9);
    }

    #[test]
    fn point_along_walks_the_polyline() {
        let pts = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(point_along(&pts, 0.0), Some((0.0, 0.0)));
        assert_eq!(point_along(&pts, 0.5), Some((10.0, 0.0)));
        assert_eq!(point_along(&pts, 0.75), Some((10.0, 5.0)));
        assert_eq!(point_along(&pts, 1.0), Some((10.0, 10.0)));
        assert_eq!(point_along(&[], 0.5), None);
    }
}
