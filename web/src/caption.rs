//! The scene's caption above the diagram: what it shows, in a line or two, from
//! the core ([`eksnet::SceneKind::caption`]); the scene's own description (its
//! numbers and sources, the SVG's `<desc>`) is the caption's tooltip.

use eksnet::{Lang, Scene};
use leptos::prelude::*;

/// The caption of the scene in view.
#[component]
pub fn SceneCaption(
    /// The scene in view.
    scene: Memo<Scene>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let texts = Memo::new(move |_| scene.with(|s| (s.kind.caption(), s.description.clone())));
    view! {
        <p class="scene-caption" data-control="scene-caption"
            title=move || texts.with(|(_, d)| d.get(lang.get()).to_string())>
            {move || texts.with(|(c, _)| c.get(lang.get()).to_string())}
        </p>
    }
}
