//! The prerendered first diagram, adopted by the explorer.
//!
//! `index.html` shows the default view's diagram (drawn by `eksnet render` at
//! build time) before the WebAssembly arrives. On a default load (no query,
//! English, the full page) the explorer takes that drawing into its own
//! diagram frame instead of removing it: the first task builds only the page's
//! controls around it (header, scene tabs, the frame with pan and zoom), so the
//! page answers input at once; the analysis follows in a task after the
//! page's next paint and the explorer's own drawing of it a task after that,
//! replacing the adopted one
//! (see `Explorer`). Input given meanwhile changes the explorer's state as
//! always and shows once its drawing is there.

use eksnet::{Scene, SceneKind, Text};
use leptos::prelude::*;

/// The DOM id of `index.html`'s prerendered diagram.
pub const PRERENDER_ID: &str = "eksnet-prerender";

/// What the diagram shows until the explorer's own drawing is there: the
/// prerendered `<svg>` (kept whole, nested in the diagram's drawing at the
/// scene's coordinates) and what the diagram needs to know of it.
#[derive(Clone)]
pub struct Prerendered {
    /// The prerendered drawing.
    pub svg: web_sys::Element,
    /// What it stands in for (its scene, size, title and description).
    pub stand_in: StandIn,
}

/// The scene the diagram is given while a prerendered drawing stands in for
/// the explorer's own: its kind, size and words, no shapes.
#[derive(Clone, Debug, PartialEq)]
pub struct StandIn {
    /// The scene drawn.
    pub kind: SceneKind,
    /// Width and height in scene units (the drawing's frame and its margin).
    pub width: f64,
    /// See `width`.
    pub height: f64,
    /// The drawing's title.
    pub title: String,
    /// The drawing's description.
    pub description: String,
}

impl StandIn {
    /// No drawing: an empty frame of `kind` (never shown on the page, where a
    /// scene without an adopted drawing is the explorer's own from the start).
    pub fn empty(kind: SceneKind) -> StandIn {
        StandIn {
            kind,
            width: 1.0,
            height: 1.0,
            title: String::new(),
            description: String::new(),
        }
    }

    /// The scene to give the diagram while the drawing stands in, for a view
    /// of `kind` (another scene than the drawing's: its title only).
    pub fn scene(&self, kind: SceneKind) -> Scene {
        // The drawing's words are English (index.html's language); Korean
        // gets the scene's title alone.
        let same = kind == self.kind;
        let mut title = kind.title();
        let mut description = Text::default();
        if same {
            title.en.clone_from(&self.title);
            description.en.clone_from(&self.description);
        }
        Scene {
            kind,
            width: self.width,
            height: self.height,
            title,
            description,
            caption: Text::default(),
            shapes: Vec::new(),
            edges: Vec::new(),
            legend: Vec::new(),
        }
    }
}

/// Takes `index.html`'s prerendered diagram off the page (always: the
/// explorer replaces it), and returns it to adopt when it shows `kind`;
/// `None` when there is none or it shows another scene.
pub fn take(kind: SceneKind) -> Option<Prerendered> {
    let pre = leptos::prelude::document().get_element_by_id(PRERENDER_ID)?;
    pre.remove();
    let svg = pre.query_selector("svg.eksnet-scene").ok().flatten()?;
    (svg.get_attribute("data-scene").as_deref() == Some(kind.slug())).then_some(())?;
    from_svg(svg, kind)
}

/// Readies a prerendered `<svg>` (as `eksnet render` writes it) to sit inside
/// the diagram's drawing: at the coordinates of its `viewBox`, without the
/// ids, class and role of a scene of its own (the diagram's `<svg>` has them).
pub fn from_svg(svg: web_sys::Element, kind: SceneKind) -> Option<Prerendered> {
    let vb = numbers(&svg.get_attribute("viewBox")?);
    let [x, y, w, h] = vb[..] else {
        return None;
    };
    // The scene's own size (the export keeps it beside its cropped frame):
    // the diagram fits the adopted drawing as it will fit the explorer's
    // own. Without it, the frame and its margin on each side.
    let size = numbers(&svg.get_attribute("data-scene-size").unwrap_or_default());
    let (width, height) = match size[..] {
        [sw, sh] if sw > 0.0 && sh > 0.0 => (sw, sh),
        _ => (x + w + x.max(0.0), y + h + y.max(0.0)),
    };
    let text = |sel: &str| {
        let e = svg.query_selector(sel).ok().flatten()?;
        let t = e.text_content();
        e.remove();
        t
    };
    let title = text("title").unwrap_or_default();
    let description = text("desc").unwrap_or_default();
    // The export's own title and caption: the page shows the caption above
    // the diagram, and the explorer's drawing has neither.
    if let Ok(Some(h)) = svg.query_selector("g.export-header") {
        h.remove();
    }
    // The page has the drawing's stylesheet already: a second copy would
    // double the style work of every layout until the drawing is replaced.
    if let Ok(Some(st)) = svg.query_selector("style") {
        st.remove();
    }
    for a in [
        "class",
        "role",
        "aria-labelledby",
        "lang",
        "data-scene-size",
    ] {
        let _ = svg.remove_attribute(a);
    }
    let _ = svg.set_attribute("class", "adopted");
    let _ = svg.set_attribute("x", &eksnet::svg::num(x));
    let _ = svg.set_attribute("y", &eksnet::svg::num(y));
    let _ = svg.set_attribute("aria-hidden", "true");
    Some(Prerendered {
        svg,
        stand_in: StandIn {
            kind,
            width,
            height,
            title,
            description,
        },
    })
}

/// The numbers of an attribute such as `viewBox` (separated by white
/// space; a word that is not a finite number is left out), read as
/// JavaScript reads a number (unary `+`): Rust's `f64` parser would bring
/// into the page's first module the standard library's float parser and its
/// 10,400-byte table of powers of five, for these six numbers (docs/size.md,
/// "Ninth round").
fn numbers(attr: &str) -> Vec<f64> {
    attr.split_whitespace()
        .map(|n| wasm_bindgen::JsValue::from_str(n).unchecked_into_f64())
        .filter(|n| n.is_finite())
        .collect()
}

/// Shows the adopted drawing in the diagram's drawing `<g>` (when the view
/// shows its scene in its language; an empty frame otherwise).
pub fn show(g: &web_sys::Element, svg: &web_sys::Element, shown: bool) {
    if shown {
        if svg.parent_element().as_ref() != Some(g) {
            g.replace_children_with_node_1(svg);
        }
    } else {
        g.replace_children_with_node_0();
    }
}

/// Marks the explorer's controls live (`data-live` on its `.app`): every
/// control mounted with its handlers and a diagram shown. Page tools (the
/// bench) read it as the moment the page answers input.
pub fn mark_live(app: &web_sys::Element) {
    let _ = app.set_attribute("data-live", "");
}

/// A prerendered drawing in the diagram, until `own` (the explorer's own
/// drawing is there) turns true.
#[derive(Clone)]
pub struct Adopted {
    /// The prerendered drawing.
    pub svg: web_sys::Element,
    /// The scene it draws.
    pub kind: SceneKind,
    /// Whether the explorer's own drawing replaced it.
    pub own: Memo<bool>,
}
