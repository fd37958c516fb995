//! Paints a [`Scene`] as reactive `<svg>`, with the same DOM contract as the core's
//! SVG export (`data-id`, `data-role`, `data-on-path`, `data-blocked`, and the
//! shape's own `data-*` attributes).

use leptos::prelude::*;

use eksnet::scene::{Scene, Shape};
use eksnet::svg::{num, shape_classes};
use eksnet::Lang;

/// The diagram of the current scene.
#[component]
pub fn Diagram(
    /// The scene to paint.
    scene: Memo<Scene>,
    /// The language of the labels.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    view! {
        <svg
            class="eksnet-scene"
            role="img"
            aria-labelledby="scene-title scene-desc"
            data-scene=move || scene.with(|s| s.kind.slug())
            viewBox=move || scene.with(|s| format!("0 0 {} {}", num(s.width), num(s.height)))
        >
            <title id="scene-title">{move || scene.with(|s| s.title.get(lang.get()).to_string())}</title>
            <desc id="scene-desc">{move || scene.with(|s| s.description.get(lang.get()).to_string())}</desc>
            {move || {
                let l = lang.get();
                scene.with(|s| s.shapes.iter().map(|sh| shape_view(sh, l)).collect_view())
            }}
        </svg>
    }
}

fn shape_view(s: &Shape, lang: Lang) -> impl IntoView {
    let r = s.rect;
    let data = |key: &str| {
        s.data
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    };
    let detail = s.detail.as_ref().map(|d| {
        view! { <text class="detail" x=num(r.x + 8.0) y=num(r.y + 34.0)>{d.get(lang).to_string()}</text> }
    });
    view! {
        <g
            class=shape_classes(s)
            data-id=s.id.as_str().to_string()
            data-on-path=s.state.on_path.then_some("")
            data-blocked=s.state.blocked.then_some("")
            data-current=s.state.current.then_some("")
            data-pod=data("pod")
            data-ip=data("ip")
            data-eni=data("eni")
            data-node=data("node")
        >
            <rect x=num(r.x) y=num(r.y) width=num(r.w) height=num(r.h) rx="4" />
            <text class="label" x=num(r.x + 8.0) y=num(r.y + 17.0)>{s.label.get(lang).to_string()}</text>
            {detail}
        </g>
    }
}
