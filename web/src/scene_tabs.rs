//! The scene picker: the nine diagrams as ARIA tabs (←/→, Home/End move
//! between them), titled by the core in both languages.

use eksnet::{Lang, SceneKind, View};
use leptos::prelude::*;

use crate::i18n;
use crate::panels::{focus_id, tablist_keys};

/// The DOM id of a scene's tab.
pub fn tab_id(k: SceneKind) -> String {
    format!("scene-tab-{}", k.slug())
}

/// The scene tabs.
#[component]
pub fn ScenePicker(
    /// The view whose scene is picked.
    view: RwSignal<View>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let current = Memo::new(move |_| view.with(|v| v.scene));
    let pick = move |k: SceneKind| view.update(|v| v.scene = k);
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let all = SceneKind::ALL;
        let cur = all
            .iter()
            .position(|k| *k == current.get_untracked())
            .unwrap_or(0);
        if let Some(n) = tablist_keys(&ev, cur, all.len()) {
            pick(all[n]);
            focus_id(tab_id(all[n]));
        }
    };
    view! {
        <nav class="tabs scene-tabs" role="tablist" aria-label=i18n::tr(lang, i18n::SCENES) on:keydown=on_key>
            {SceneKind::ALL.into_iter().map(|k| {
                let selected = move || current.get() == k;
                view! {
                    <button type="button" role="tab" id=tab_id(k) data-scene=k.slug()
                        aria-controls="diagram-panel"
                        aria-selected=move || selected().to_string()
                        tabindex=move || if selected() { "0" } else { "-1" }
                        on:click=move |_| pick(k)>
                        {i18n::text(lang, k.title())}
                    </button>
                }
            }).collect_view()}
        </nav>
    }
}
