//! `eksnet render` as a user runs it: the size class of the frame it is drawn for.

mod support;

use support::{eksnet, stdout};

/// The `viewBox` size of an SVG document.
fn view_box(svg: &str) -> (f64, f64) {
    let at = svg.find("viewBox=\"").expect("viewBox") + "viewBox=\"".len();
    let v: Vec<f64> = svg[at..]
        .split('"')
        .next()
        .unwrap_or_default()
        .split(' ')
        .filter_map(|x| x.parse().ok())
        .collect();
    (v[2], v[3])
}

/// The laid-out scene's size (`render --json`): the frame's room it takes.
fn scene_size(args: &[&str]) -> (f64, f64) {
    let mut a = vec!["render", "--json"];
    a.extend_from_slice(args);
    let v: serde_json::Value = serde_json::from_str(&stdout(&eksnet(&a, None))).expect("JSON");
    (
        v["width"].as_f64().expect("width"),
        v["height"].as_f64().expect("height"),
    )
}

#[test]
fn render_takes_the_frame_size() {
    let app = eksnet(&["render", "--size", "1280x800"], None);
    assert_eq!(app.status.code(), Some(0));
    let app = stdout(&app);
    // The default is the app at 1280×800, byte for byte.
    assert_eq!(stdout(&eksnet(&["render"], None)), app);
    let (w, h) = scene_size(&["--size", "1280x800"]);
    // Laid out for the app frame's aspect (920 × 590).
    assert!((w / h - 920.0 / 590.0).abs() < 0.01, "{w}×{h}");
    // The SVG shows the drawn content under its title, without the letterbox.
    let (vw, vh) = view_box(&app);
    assert!(vw <= w + 1.0 && vh <= h, "{vw}×{vh} of {w}×{h}");
    assert!(app.contains("class=\"export-title\""), "no title");
    // Second lines (addresses) are folded into the details panel.
    assert!(
        !app.contains("class=\"detail\""),
        "the app draws second lines"
    );
    let (ww, wh) = scene_size(&["--size", "1920x1080"]);
    assert!((ww / wh - 1460.0 / 740.0).abs() < 0.01, "{ww}×{wh}");
    let phone = stdout(&eksnet(&["render", "--size", "phone"], None));
    assert_ne!(phone, app);
}

#[test]
fn an_unknown_size_is_a_usage_error() {
    let o = eksnet(&["render", "--size", "huge"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1280x800"), "{err}");
}
