//! A [`Scene`] as self-contained SVG text: the export format and the CLI's
//! `render`. Styles are inlined (one `<style>` block, [`SCENE_CSS`]) and fonts are
//! generic families, so the file looks the same anywhere.
//!
//! The DOM contract is the same as the web app's: every shape is a `<g>` with
//! `data-id` (the model id), `data-role`, and `data-on-path` / `data-blocked` /
//! `data-current` when they apply, plus its extra `data-*` attributes.

use std::fmt::Write;

use crate::scene::{PathState, Scene, Shape};
use crate::Lang;

/// The diagram's stylesheet, shared with the web app (which includes it verbatim),
/// so that the page and the export look alike. Colours meet WCAG AA against their
/// fills; meaning is never carried by colour alone (line styles and labels too).
pub const SCENE_CSS: &str = include_str!("scene.css");

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

/// Formats a coordinate compactly and deterministically (at most 1 decimal).
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The class list of a shape: `shape role-<role>` plus its own classes and state.
pub fn shape_classes(s: &Shape) -> String {
    let role = serde_json::to_value(s.role)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let mut c = format!("shape role-{role}");
    for k in &s.classes {
        c.push(' ');
        c.push_str(k);
    }
    state_classes(&mut c, &s.state);
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

/// Renders `scene` in `lang` as a standalone SVG document.
pub fn render(scene: &Scene, lang: Lang) -> String {
    let mut o = String::new();
    let (w, h) = (num(scene.width), num(scene.height));
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="eksnet-scene" data-scene="{}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="scene-title scene-desc" lang="{}">"#,
        scene.kind.slug(),
        lang.tag()
    );
    let _ = write!(
        o,
        r#"<title id="scene-title">{}</title><desc id="scene-desc">{}</desc><style>{}</style>"#,
        escape(scene.title.get(lang)),
        escape(scene.description.get(lang)),
        SCENE_CSS
    );
    let _ = write!(
        o,
        r#"<rect class="backdrop" x="0" y="0" width="{w}" height="{h}"/>"#
    );
    for s in &scene.shapes {
        write_shape(&mut o, s, lang);
    }
    for e in &scene.edges {
        let mut c = String::from("edge");
        if e.dashed {
            c.push_str(" dashed");
        }
        state_classes(&mut c, &e.state);
        let pts = e
            .points
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(
            o,
            r#"<g class="{c}" data-id="{}"{}><polyline points="{pts}"/>"#,
            escape(&e.id),
            attr_flags(&e.state)
        );
        if let (Some(l), Some(&(x1, y1)), Some(&(x2, y2))) =
            (&e.label, e.points.first(), e.points.last())
        {
            let _ = write!(
                o,
                r#"<text class="edge-label" x="{}" y="{}">{}</text>"#,
                num((x1 + x2) / 2.0),
                num((y1 + y2) / 2.0 - 4.0),
                escape(l.get(lang))
            );
        }
        o.push_str("</g>");
    }
    o.push_str("</svg>");
    o
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

fn write_shape(o: &mut String, s: &Shape, lang: Lang) {
    let r = &s.rect;
    let role = shape_classes(s);
    let _ = write!(
        o,
        r#"<g class="{role}" data-id="{}""#,
        escape(s.id.as_str())
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
    let _ = write!(
        o,
        r#"<text class="label" x="{}" y="{}">{}</text>"#,
        num(r.x + 8.0),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{layout, View};
    use crate::{analyze, Scenario};

    #[test]
    fn example_renders_with_ids_and_title() {
        let a = analyze(&Scenario::example());
        let svg = render(&layout(&a, &View::default()), Lang::En);
        assert!(svg.starts_with("<svg "));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains(r#"data-id="node:ip-192-168-46-6.ap-northeast-2.compute.internal""#));
        assert!(svg.contains("<title id=\"scene-title\">Pod network</title>"));
        let ko = render(&layout(&a, &View::default()), Lang::Ko);
        assert!(ko.contains("Pod 네트워크"));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<a&'\">"), "&lt;a&amp;&#39;&quot;&gt;");
        assert_eq!(num(1.25), "1.3");
        assert_eq!(num(3.0), "3");
    }
}
