//! The page header: the name, what it is, the "Import" and "Max pods" buttons, the
//! orientation's "?" and the language switch.

use eksnet::Lang;
use leptos::prelude::*;

use crate::i18n;

/// The header.
#[component]
pub fn Header(
    /// The language, switched here.
    lang: RwSignal<Lang>,
    /// Whether the "Max pods" panel is open (its button sits here).
    max_pods_open: RwSignal<bool>,
    /// Whether the orientation is shown (the "?" button toggles it).
    orientation: RwSignal<bool>,
    /// Whether the import panel is open (its button sits here).
    import_open: RwSignal<bool>,
) -> impl IntoView {
    let choice = move |l: Lang, label: &'static str| {
        view! {
            <button type="button" class="lang-btn" lang=l.tag() data-value=l.tag() data-lang=l.tag()
                aria-pressed=move || (lang.get() == l).to_string()
                on:click=move |_| lang.set(l)>{label}</button>
        }
    };
    view! {
        <header class="app-header">
            <h1 class="brand">"eksnet"</h1>
            <p class="tagline">{i18n::tr(lang, i18n::TAGLINE)}</p>
            <crate::import::ImportButton open=import_open lang />
            <crate::max_pods::MaxPodsButton open=max_pods_open lang />
            <button type="button" class="help-btn" data-control="help"
                aria-expanded=move || orientation.get().to_string()
                aria-label=i18n::tr(lang, crate::orientation::HELP) title=i18n::tr(lang, crate::orientation::HELP)
                on:click=move |_| orientation.update(|o| *o = !*o)>"?"</button>
            <div class="lang" data-control="lang" role="group" aria-label=i18n::tr(lang, i18n::LANGUAGE)>
                {choice(Lang::En, "EN")}
                {choice(Lang::Ko, "한국어")}
            </div>
        </header>
    }
}
