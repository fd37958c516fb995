//! Tests of the SVG writer: the export, its escaping and the drawing the page sets.

use super::*;
use crate::scene::{layout, SceneKind, View};
use crate::{analyze, Scenario};

#[test]
fn example_renders_with_ids_and_title() {
    let a = analyze(&Scenario::example());
    let svg = render(&layout(&a, &View::default()), Lang::En);
    assert!(svg.starts_with("<svg "));
    assert!(svg.ends_with("</svg>"));
    assert!(svg.contains(r#"data-id="node:ip-192-168-46-6.ap-northeast-2.compute.internal""#));
    assert!(svg.contains(r#"data-role="node""#));
    assert!(svg.contains("<title id=\"scene-title\">Pod network</title>"));
    assert!(svg.contains(r#"<marker id="eksnet-arrow""#));
    let ko = render(&layout(&a, &View::default()), Lang::Ko);
    assert!(ko.contains("Pod 네트워크"));
}

#[test]
fn every_scene_renders_identically_twice_in_both_languages() {
    let a = analyze(&Scenario::example());
    for kind in SceneKind::ALL {
        let v = View {
            scene: kind,
            ..View::default()
        };
        for lang in [Lang::En, Lang::Ko] {
            let one = render(&layout(&a, &v), lang);
            let two = render(&layout(&analyze(&Scenario::example()), &v), lang);
            assert_eq!(one, two, "{}", kind.slug());
            assert!(one.contains(r#"class="legend""#), "{}", kind.slug());
        }
    }
}

#[test]
fn the_export_has_a_title_and_caption_and_no_letterbox() {
    use crate::Flow;
    let a = analyze(&Scenario::example());
    for kind in SceneKind::ALL {
        let v = View {
            scene: kind,
            ..View::default()
        };
        let scene = layout(&a, &v);
        let f = export_frame(&scene, Lang::En);
        let (_, y0, _, y1) = content_box(&scene).expect("content");
        // The header sits right above the content and the content ends the
        // export: no blank band above or below.
        let header = PAD + TITLE_PX + 6.0 + CAPTION_LINE * f.caption.len() as f64 + PAD / 2.0;
        assert!(
            (y0 - f.y - PAD - header).abs() <= 1.0,
            "{}: {f:?} {y0}",
            kind.slug()
        );
        assert!(
            f.y + f.height - y1 <= PAD + 1.0,
            "{}: {f:?} {y1}",
            kind.slug()
        );
        let svg = render(&scene, Lang::En);
        assert!(
            svg.contains(&format!(">{}</text>", escape(&scene.title.en))),
            "{}",
            kind.slug()
        );
        // The scene's own size, which the cropped viewBox does not keep.
        assert!(
            svg.contains(&format!(
                r#" data-scene-size="{} {}" "#,
                num(scene.width),
                num(scene.height)
            )),
            "{}",
            kind.slug()
        );
        assert!(!f.caption.is_empty());
        for line in &f.caption {
            assert!(
                crate::scene::text_width(line, CAPTION_PX) <= f.width - 2.0 * PAD + 1e-9
                    || !line.contains(' ')
            );
        }
    }
    // A lit flow's step is in the caption, in both languages.
    let v = View {
        scene: SceneKind::Endpoint,
        flow: Some(Flow::parse("kubelet:ip-192-168-46-6").unwrap()),
        step: Some(1),
        ..View::default()
    };
    let scene = layout(&a, &v);
    let en = export_frame(&scene, Lang::En).caption.join(" ");
    assert!(en.contains("step 2 of "), "{en}");
    let ko = export_frame(&scene, Lang::Ko).caption.join(" ");
    assert!(ko.contains("단계 중 2단계"), "{ko}");
}

#[test]
fn captions_wrap_at_words() {
    let lines = wrap(
        "aaa bbb ccc\nddd",
        crate::scene::text_width("aaa bbb", 13.0) + 0.5,
        13.0,
    );
    assert_eq!(lines, ["aaa bbb", "ccc", "ddd"]);
}

#[test]
fn the_drawing_is_the_export_body_one_element_a_part() {
    let a = analyze(&Scenario::example());
    for kind in SceneKind::ALL {
        let scene = layout(
            &a,
            &View {
                scene: kind,
                ..View::default()
            },
        );
        for lang in [Lang::En, Lang::Ko] {
            let parts = drawing(&scene, lang);
            assert!(parts[0].starts_with(r#"<rect class="backdrop" x="0" y="0""#));
            // Every part is one element: it opens with a tag and closes it.
            for p in &parts[1..] {
                assert!(p.starts_with("<g ") && p.ends_with("</g>"), "{p}");
                assert_eq!(p.matches("<g ").count(), p.matches("</g>").count(), "{p}");
            }
            assert_eq!(
                parts.len(),
                1 + scene.shapes.len() + scene.edges.len() + usize::from(!scene.legend.is_empty()),
                "{}",
                kind.slug()
            );
            // The export's body is the same text, after its header.
            let svg = render(&scene, lang);
            let body = parts[1..].concat();
            assert!(svg.ends_with(&format!("{body}</svg>")), "{}", kind.slug());
        }
    }
}

#[test]
fn escapes_markup() {
    assert_eq!(escape("<a&'\">"), "&lt;a&amp;&#39;&quot;&gt;");
    assert_eq!(num(1.25), "1.3");
    assert_eq!(num(3.0), "3");
}

/// `num` as it was written with the standard library's float formatting:
/// the oracle of the integer version.
fn num_by_float_formatting(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[test]
fn coordinates_are_written_to_tenths() {
    for (v, s) in [
        (0.0, "0"),
        (-0.0, "0"),
        (-0.04, "0"),
        (-0.05, "-0.1"),
        (0.05, "0.1"),
        (-4.5, "-4.5"),
        (12.25, "12.3"),
        (-12.25, "-12.3"),
        (888.0, "888"),
        (1e6 + 0.75, "1000000.8"),
        (f64::NAN, "NaN"),
    ] {
        assert_eq!(num(v), s, "{v}");
        assert_eq!(num_by_float_formatting(v), s, "the oracle, {v}");
    }
}

proptest::proptest! {
    #[test]
    fn coordinates_match_float_formatting(v in -1e14f64..1e14, tenths in -100_000i64..100_000) {
        proptest::prop_assert_eq!(num(v), num_by_float_formatting(v));
        // Exact tenths and the halves between them, where rounding decides.
        let t = tenths as f64 / 10.0;
        proptest::prop_assert_eq!(num(t), num_by_float_formatting(t));
        let h = (tenths as f64 + 0.5) / 10.0;
        proptest::prop_assert_eq!(num(h), num_by_float_formatting(h));
    }
}
