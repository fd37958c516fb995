//! The room a scene is shown in, and whether its labels are legible there.
//!
//! A [`SizeClass`] names one of the frames the page gives the diagram (the app
//! at 1280×800 with its side panel open, a wide screen, an 800×500 embed, a
//! phone) and knows that frame's size in CSS pixels. Scenes are laid out in scene
//! units that equal CSS pixels at zoom 1, so a scene is legible at "Fit" when it
//! is no larger than its frame divided by the smallest scale its budget allows:
//! [`legibility`] computes the rendered size of every kind of text of a scene in
//! its frame, the way the browser does (font size × the SVG's screen scale).

use serde::Serialize;

use super::kit::{DETAIL_FONT, LABEL_FONT, SMALL_FONT};
use super::Scene;

/// Where a scene is shown: the frame the page gives the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SizeClass {
    /// The app at about 1280×800, side panel open.
    #[default]
    App,
    /// The app on a large screen, about 1920×1080.
    Wide,
    /// An embed, about 800×500.
    Embed,
    /// A phone, about 390×844: the diagram takes the width and may be panned
    /// vertically.
    Phone,
}

/// The rendered size of a scene's text at "Fit" in its frame.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Legibility {
    /// CSS pixels per scene unit at "Fit".
    pub scale: f64,
    /// Rendered size of shape labels (and of their second lines where drawn), px.
    pub label_px: f64,
    /// Rendered size of edge labels and legend entries, px.
    pub small_px: f64,
    /// The budget of shape labels, px.
    pub label_budget: f64,
    /// The budget of edge labels and the legend, px.
    pub small_budget: f64,
}

impl Legibility {
    /// Whether both budgets hold.
    pub fn holds(&self) -> bool {
        self.label_px + 1e-6 >= self.label_budget && self.small_px + 1e-6 >= self.small_budget
    }
}

impl SizeClass {
    /// Every size class.
    pub const ALL: [SizeClass; 4] = [
        SizeClass::App,
        SizeClass::Wide,
        SizeClass::Embed,
        SizeClass::Phone,
    ];

    /// The size class's name (`app`, `wide`, `embed`, `phone`).
    pub fn slug(self) -> &'static str {
        match self {
            SizeClass::App => "app",
            SizeClass::Wide => "wide",
            SizeClass::Embed => "embed",
            SizeClass::Phone => "phone",
        }
    }

    /// The page size this class stands for, CSS px (`1280x800`).
    pub fn page(self) -> (u32, u32) {
        match self {
            SizeClass::App => (1280, 800),
            SizeClass::Wide => (1920, 1080),
            SizeClass::Embed => (800, 500),
            SizeClass::Phone => (390, 844),
        }
    }

    /// Parses a name (`embed`) or a page size (`1280x800`): a page size picks the
    /// class the page itself would pick for it (see [`SizeClass::of_page`]).
    pub fn parse(s: &str) -> Option<SizeClass> {
        if let Some(k) = SizeClass::ALL.into_iter().find(|k| k.slug() == s) {
            return Some(k);
        }
        let (w, h) = s.split_once(['x', '×'])?;
        let (w, h) = (w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?);
        (w > 0 && h > 0).then(|| SizeClass::of_page(w, h, false))
    }

    /// The class of a page `w` × `h` CSS px (`embed`: the page is an embed).
    pub fn of_page(w: u32, h: u32, embed: bool) -> SizeClass {
        if w < 600 {
            SizeClass::Phone
        } else if embed {
            SizeClass::Embed
        } else if w >= 1700 && h >= 950 {
            SizeClass::Wide
        } else {
            SizeClass::App
        }
    }

    /// The diagram's frame (the `<svg>` element's box) in CSS px, as the page
    /// lays it out for this class's page size. The phone's height is what one
    /// screen shows; a taller scene is panned there.
    pub fn frame(self) -> (f64, f64) {
        match self {
            SizeClass::App => (920.0, 590.0),
            SizeClass::Wide => (1460.0, 740.0),
            SizeClass::Embed => (800.0, 428.0),
            SizeClass::Phone => (380.0, 520.0),
        }
    }

    /// The smallest rendered size, px, of shape labels and of edge labels and
    /// legend entries.
    pub fn budget(self) -> (f64, f64) {
        match self {
            SizeClass::App | SizeClass::Wide => (12.0, 11.0),
            SizeClass::Embed | SizeClass::Phone => (11.0, 11.0),
        }
    }

    /// Whether boxes show only their label, their second line (an address, a
    /// count) folded into the selection's details: in every frame the page has
    /// (the overview at a legible size; the whole text is one click away).
    pub fn folds_details(self) -> bool {
        true
    }

    /// Whether "Fit" fills only the width (the scene is panned vertically).
    pub fn fits_width(self) -> bool {
        self == SizeClass::Phone
    }
}

/// The rendered size of `scene`'s text at "Fit" in the frame of `size`.
pub fn legibility(scene: &Scene, size: SizeClass) -> Legibility {
    let (fw, fh) = size.frame();
    let sx = fw / scene.width.max(1.0);
    let sy = fh / scene.height.max(1.0);
    let scale = if size.fits_width() { sx } else { sx.min(sy) };
    let (label_budget, small_budget) = size.budget();
    // Second lines are drawn (in the detail font) only where they do not fold.
    let label_font = if size.folds_details() {
        LABEL_FONT
    } else {
        LABEL_FONT.min(DETAIL_FONT)
    };
    Legibility {
        scale,
        label_px: label_font * scale,
        small_px: SMALL_FONT * scale,
        label_budget,
        small_budget,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_page_sizes() {
        assert_eq!(SizeClass::parse("embed"), Some(SizeClass::Embed));
        assert_eq!(SizeClass::parse("1280x800"), Some(SizeClass::App));
        assert_eq!(SizeClass::parse("1920x1080"), Some(SizeClass::Wide));
        assert_eq!(SizeClass::parse("390x844"), Some(SizeClass::Phone));
        assert_eq!(SizeClass::parse("0x5"), None);
        assert_eq!(SizeClass::parse("big"), None);
        for k in SizeClass::ALL {
            assert_eq!(SizeClass::parse(k.slug()), Some(k));
        }
    }
}
