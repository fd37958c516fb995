//! A [`Scene`] as self-contained SVG text: the export format and the CLI's
//! `render`. Styles are inlined (one `<style>` block, [`SCENE_CSS`]), arrowheads
//! are `<marker>`s in one `<defs>`, and fonts are generic families, so the file
//! looks the same anywhere. The output is a pure function of the scene and the
//! language: the same input gives the same bytes.
//!
//! The DOM contract is the same as the web app's: every shape is a `<g>` with
//! `data-id` (the model id), `data-role`, and `data-on-path` / `data-blocked` /
//! `data-current` when they apply, plus its extra `data-*` attributes (`data-pod`,
//! `data-ip`, `data-eni`, `data-node`, ...); every edge is a `<g class="edge">`
//! with `data-id`, `data-from`, `data-to` and `data-step` when it is on the flow.
//! Paint order follows [`Scene::layers`]: containers, edges, leaves, legend.

use std::fmt::Write;

use crate::scene::{icons, Edge, LegendItem, LegendKind, PathState, Role, Scene, Shape};
use crate::Lang;

/// The diagram's stylesheet, shared with the web app (which includes it verbatim),
/// so that the page and the export look alike. Colours meet WCAG AA against their
/// fills; meaning is never carried by colour alone (line styles and labels too).
pub const SCENE_CSS: &str = include_str!("scene.css");

/// The `<defs>` with the arrowhead markers the stylesheet refers to
/// (`#eksnet-arrow`, `#eksnet-arrow-on`, `#eksnet-arrow-blocked`).
pub const SCENE_DEFS: &str = concat!(
    r##"<defs>"##,
    r##"<marker id="eksnet-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5a6b7b"/></marker>"##,
    r##"<marker id="eksnet-arrow-on" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b8006b"/></marker>"##,
    r##"<marker id="eksnet-arrow-blocked" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c62828"/></marker>"##,
    r##"</defs>"##
);

/// The `<defs>` of the web app's diagram: the arrowheads and every icon (the
/// page draws any scene with the same `<defs>`).
pub fn app_defs() -> String {
    with_symbols(icons::defs(crate::scene::Icon::ALL))
}

fn with_symbols(symbols: String) -> String {
    let mut d = SCENE_DEFS.to_string();
    d.insert_str(d.len() - "</defs>".len(), &symbols);
    d
}

/// The `<defs>` of an export of `scene`: the arrowheads ([`SCENE_DEFS`]) and
/// the `<symbol>` of each icon the scene draws, once.
pub fn scene_defs(scene: &Scene) -> String {
    with_symbols(icons::defs(scene.shapes.iter().filter_map(|s| s.icon)))
}

/// Escapes text for SVG/XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Formats a coordinate compactly and deterministically (at most 1 decimal):
/// rounded to tenths (halves away from zero), without a trailing `.0`.
///
/// Written with integers only: the standard library's float formatting
/// (`{}` or `{:.1}` of an `f64`) is ~10 KB of code and tables, and this is the
/// only float the page's first module writes (docs/size.md, "Ninth round").
/// The same text as `format!("{:.1}", (v * 10.0).round() / 10.0)` without the
/// `.0`, for every coordinate a drawing can have (|v| < 10¹⁴; tested against
/// it); `NaN` for not-a-number, and saturated like `as i64` beyond.
pub fn num(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    let tenths = (v * 10.0).round();
    // `-0.04` rounds to `-0`: written `0`, as an integer zero.
    let sign = if tenths < 0.0 { "-" } else { "" };
    let t = (tenths as i64).unsigned_abs();
    match t % 10 {
        0 => format!("{sign}{}", t / 10),
        d => format!("{sign}{}.{d}", t / 10),
    }
}

/// The role's class name (`public-subnet`), as in `data-role` and `role-<name>`.
pub fn role_name(role: Role) -> String {
    serde_json::to_value(role)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The class list of a shape: `shape role-<role>` plus its own classes and state.
pub fn shape_classes(s: &Shape) -> String {
    let mut c = format!("shape role-{}", role_name(s.role));
    for k in &s.classes {
        c.push(' ');
        c.push_str(k);
    }
    state_classes(&mut c, &s.state);
    c
}

/// The class list of an edge: `edge`, `dashed`, `two-way`, and its state.
pub fn edge_classes(e: &Edge) -> String {
    let mut c = String::from("edge");
    if e.dashed {
        c.push_str(" dashed");
    }
    if e.two_way {
        c.push_str(" two-way");
    }
    if e.id.starts_with("flow:") {
        c.push_str(" flow");
    }
    state_classes(&mut c, &e.state);
    c
}

/// Appends `on-path`, `blocked`, `dimmed`, `current` as they apply.
pub fn state_classes(c: &mut String, st: &PathState) {
    for (on, name) in [
        (st.on_path, " on-path"),
        (st.blocked, " blocked"),
        (st.dimmed, " dimmed"),
        (st.current, " current"),
    ] {
        if on {
            c.push_str(name);
        }
    }
}

/// An edge's points as an SVG `points` attribute.
pub fn points(e: &Edge) -> String {
    e.points
        .iter()
        .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Room around the drawn content in an export.
const PAD: f64 = 16.0;
/// The export title's size and line height.
const TITLE_PX: f64 = 18.0;
/// The export caption's size and line height.
const CAPTION_PX: f64 = 13.0;
const CAPTION_LINE: f64 = 18.0;

/// The part of the scene an export shows, and its header: the scene's drawn
/// content (the frame's letterbox left out) plus a title and caption above it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportFrame {
    /// Left edge, in scene units.
    pub x: f64,
    /// Top edge (the header's top), in scene units.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height (header and content).
    pub height: f64,
    /// The caption's lines, wrapped to the width.
    pub caption: Vec<String>,
}

/// The box around everything drawn: shapes, edges and their labels, the legend.
fn content_box(scene: &Scene) -> Option<(f64, f64, f64, f64)> {
    let mut b: Option<(f64, f64, f64, f64)> = None;
    let mut add = |x0: f64, y0: f64, x1: f64, y1: f64| {
        b = Some(match b {
            None => (x0, y0, x1, y1),
            Some((a, c, d, e)) => (a.min(x0), c.min(y0), d.max(x1), e.max(y1)),
        });
    };
    for s in &scene.shapes {
        add(s.rect.x, s.rect.y, s.rect.x + s.rect.w, s.rect.y + s.rect.h);
    }
    for e in &scene.edges {
        for &(x, y) in &e.points {
            add(x, y, x, y);
        }
        if let (Some(l), Some((x, y))) = (&e.label, e.label_at) {
            let half = crate::scene::text_width_any(l, 11.0) / 2.0;
            add(x - half, y - 12.0, x + half, y + 4.0);
        }
    }
    for it in &scene.legend {
        add(
            it.rect.x,
            it.rect.y,
            it.rect.x + it.rect.w,
            it.rect.y + it.rect.h,
        );
    }
    b
}

/// Splits `text` into lines no wider than `width` at `px` (words are kept whole;
/// `\n` starts a new line).
fn wrap(text: &str, width: f64, px: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let cand = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && crate::scene::text_width(&cand, px) > width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = cand;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// Where an export of `scene` in `lang` starts and how large it is (the PNG
/// export sizes its canvas with it).
pub fn export_frame(scene: &Scene, lang: Lang) -> ExportFrame {
    let (x0, y0, x1, y1) = content_box(scene).unwrap_or((0.0, 0.0, scene.width, scene.height));
    let title_w = crate::scene::text_width(scene.title.get(lang), TITLE_PX);
    let width = (x1 - x0 + 2.0 * PAD)
        .max(title_w + 2.0 * PAD)
        .max(480.0)
        .ceil();
    let caption = wrap(scene.caption.get(lang), width - 2.0 * PAD, CAPTION_PX);
    let header = PAD + TITLE_PX + 6.0 + CAPTION_LINE * caption.len() as f64 + PAD / 2.0;
    let y = (y0 - PAD - header).floor();
    ExportFrame {
        x: (x0 - PAD).floor(),
        y,
        width,
        height: (y1 + PAD - y).ceil(),
        caption,
    }
}

/// The export's header: the scene's title and its caption lines.
fn write_header(o: &mut String, scene: &Scene, f: &ExportFrame, lang: Lang) {
    let x = num(f.x + PAD);
    let mut y = f.y + PAD + TITLE_PX - 4.0;
    let _ = write!(
        o,
        r#"<g class="export-header"><text class="export-title" x="{x}" y="{}" style="font-size:{}px;font-weight:700">{}</text>"#,
        num(y),
        num(TITLE_PX),
        escape(scene.title.get(lang))
    );
    y += 6.0;
    for line in &f.caption {
        y += CAPTION_LINE;
        let _ = write!(
            o,
            r#"<text class="export-caption" x="{x}" y="{}" style="font-size:{}px;fill:#2f3a45">{}</text>"#,
            num(y - 4.0),
            num(CAPTION_PX),
            escape(line)
        );
    }
    o.push_str("</g>");
}

/// Renders `scene` in `lang` as a standalone SVG document: the drawn content
/// (without the frame's letterbox), under a header with the scene's title and
/// caption (the flow and its step, when one is lit).
/// `data-scene-size` keeps the scene's own width and height (the frame the
/// web app fits on screen), which the cropped `viewBox` does not show.
pub fn render(scene: &Scene, lang: Lang) -> String {
    let mut o = String::new();
    let f = export_frame(scene, lang);
    let (x, y, w, h) = (num(f.x), num(f.y), num(f.width), num(f.height));
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="eksnet-scene" data-scene="{}" data-scene-size="{} {}" viewBox="{x} {y} {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="scene-title scene-desc" lang="{}">"#,
        scene.kind.slug(),
        num(scene.width),
        num(scene.height),
        lang.tag()
    );
    let _ = write!(
        o,
        r#"<title id="scene-title">{}</title><desc id="scene-desc">{}</desc><style>{}</style>{}"#,
        escape(scene.title.get(lang)),
        escape(scene.description.get(lang)),
        SCENE_CSS,
        scene_defs(scene)
    );
    let _ = write!(
        o,
        r#"<rect class="backdrop" x="{x}" y="{y}" width="{w}" height="{h}"/>"#
    );
    write_header(&mut o, scene, &f, lang);
    for part in layers(scene, lang) {
        o.push_str(&part);
    }
    o.push_str("</svg>");
    o
}

/// What the web app draws inside its `<svg>`, one string per top-level element
/// in paint order: the backdrop (the whole frame, from 0,0), then each shape and
/// edge as [`render`] writes them (containers, edges, leaves), then the legend.
/// The page sets them as markup (one parse by the browser instead of an element
/// and attribute at a time) and, when a scene changes only in a few elements,
/// replaces only the parts that differ.
pub fn drawing(scene: &Scene, lang: Lang) -> Vec<String> {
    let mut parts = Vec::with_capacity(scene.shapes.len() + scene.edges.len() + 2);
    parts.push(format!(
        r#"<rect class="backdrop" x="0" y="0" width="{}" height="{}"/>"#,
        num(scene.width),
        num(scene.height)
    ));
    parts.extend(layers(scene, lang));
    parts
}

/// The drawn elements in [`Scene::layers`] order, one string each (the legend
/// is one `<g>`).
fn layers(scene: &Scene, lang: Lang) -> Vec<String> {
    let mut parts = Vec::with_capacity(scene.shapes.len() + scene.edges.len() + 1);
    let (containers, leaves) = scene.layers();
    for s in containers {
        let mut o = String::new();
        write_shape(&mut o, s, lang);
        parts.push(o);
    }
    for e in &scene.edges {
        let mut o = String::new();
        write_edge(&mut o, e, lang);
        parts.push(o);
    }
    for s in leaves {
        let mut o = String::new();
        write_shape(&mut o, s, lang);
        parts.push(o);
    }
    if !scene.legend.is_empty() {
        let mut o = String::from(r#"<g class="legend">"#);
        for it in &scene.legend {
            write_legend_item(&mut o, it, lang);
        }
        o.push_str("</g>");
        parts.push(o);
    }
    parts
}

fn attr_flags(st: &PathState) -> String {
    let mut a = String::new();
    if st.on_path {
        a.push_str(r#" data-on-path="""#);
    }
    if st.blocked {
        a.push_str(r#" data-blocked="""#);
    }
    if st.current {
        a.push_str(r#" data-current="""#);
    }
    a
}

fn write_edge(o: &mut String, e: &Edge, lang: Lang) {
    let _ = write!(
        o,
        r#"<g class="{}" data-id="{}" data-from="{}" data-to="{}""#,
        edge_classes(e),
        escape(&e.id),
        escape(e.from.as_str()),
        escape(e.to.as_str())
    );
    if let Some(s) = e.step {
        let _ = write!(o, r#" data-step="{s}""#);
    }
    o.push_str(&attr_flags(&e.state));
    let _ = write!(o, r#"><polyline points="{}"/>"#, points(e));
    if let (Some(l), Some((x, y))) = (&e.label, e.label_at) {
        let _ = write!(
            o,
            r#"<text class="edge-label" x="{}" y="{}" text-anchor="middle">{}</text>"#,
            num(x),
            num(y),
            escape(l.get(lang))
        );
    }
    o.push_str("</g>");
}

fn write_shape(o: &mut String, s: &Shape, lang: Lang) {
    let r = &s.rect;
    let _ = write!(
        o,
        r#"<g class="{}" data-id="{}" data-role="{}""#,
        shape_classes(s),
        escape(s.id.as_str()),
        role_name(s.role)
    );
    for (k, v) in &s.data {
        let _ = write!(o, r#" data-{k}="{}""#, escape(v));
    }
    o.push_str(&attr_flags(&s.state));
    o.push('>');
    let _ = write!(
        o,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="4"/>"#,
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h)
    );
    if let Some(i) = s.icon {
        let (ix, iy) = icons::icon_at(s);
        let _ = write!(
            o,
            r##"<use href="#{}" x="{}" y="{}" width="{}" height="{}"/>"##,
            i.symbol_id(),
            num(ix),
            num(iy),
            num(icons::ICON),
            num(icons::ICON)
        );
    }
    let _ = write!(
        o,
        r#"<text class="label" x="{}" y="{}">{}</text>"#,
        num(icons::label_x(s)),
        num(r.y + 17.0),
        escape(s.label.get(lang))
    );
    if let Some(d) = &s.detail {
        let _ = write!(
            o,
            r#"<text class="detail" x="{}" y="{}">{}</text>"#,
            num(r.x + 8.0),
            num(r.y + 34.0),
            escape(d.get(lang))
        );
    }
    o.push_str("</g>");
}

/// The legend entry's sample class (`legend-data`, `legend-swatch role-node warm`).
pub fn legend_classes(it: &LegendItem) -> String {
    match it.kind {
        LegendKind::DataPath => "legend-item legend-data".into(),
        LegendKind::Logical => "legend-item legend-logical".into(),
        LegendKind::OnPath => "legend-item legend-on-path".into(),
        LegendKind::Blocked => "legend-item legend-blocked".into(),
        LegendKind::Swatch { role, class } => {
            let mut c = format!("legend-item legend-swatch shape role-{}", role_name(role));
            if let Some(k) = class {
                c.push(' ');
                c.push_str(k);
            }
            c
        }
    }
}

fn write_legend_item(o: &mut String, it: &LegendItem, lang: Lang) {
    let r = &it.rect;
    let _ = write!(o, r#"<g class="{}">"#, legend_classes(it));
    let my = r.y + r.h / 2.0;
    match it.kind {
        LegendKind::Swatch { .. } => {
            let _ = write!(
                o,
                r#"<rect x="{}" y="{}" width="24" height="{}" rx="3"/>"#,
                num(r.x + 2.0),
                num(r.y + 3.0),
                num(r.h - 6.0)
            );
        }
        _ => {
            let _ = write!(
                o,
                r#"<polyline points="{},{} {},{}"/>"#,
                num(r.x + 2.0),
                num(my),
                num(r.x + 26.0),
                num(my)
            );
        }
    }
    let _ = write!(
        o,
        r#"<text class="legend-label" x="{}" y="{}">{}</text></g>"#,
        num(r.x + 34.0),
        num(my + 4.0),
        escape(it.label.get(lang))
    );
}

#[cfg(test)]
mod tests;
