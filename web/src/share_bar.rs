//! The share bar: copy a link or embed code, export the diagram (SVG, PNG) or the
//! scenario (JSON), open a scenario file. The work is in [`crate::share`].

use std::sync::Arc;

use eksnet::{Lang, Scenario, Scene, View};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n;
use crate::share;

/// The share bar.
#[component]
pub fn ShareBar(
    /// The scenario (exported, or replaced by an opened file).
    scenario: RwSignal<Scenario>,
    /// The view (part of links).
    view: RwSignal<View>,
    /// The language.
    lang: RwSignal<Lang>,
    /// The scene in view (exported).
    scene: Memo<Scene>,
) -> impl IntoView {
    // Text shown under the bar: the embed code, or a problem with an opened file.
    let output = RwSignal::new(None::<Arc<str>>);
    let problem = RwSignal::new(None::<String>);
    let link = move || scenario.with(|s| view.with(|v| share::link_of(s, v, lang.get(), false)));
    let copy_link = move |_| {
        let url = format!("{}?{}", share::base_url(), eksnet::share::to_query(&link()));
        share::copy_to_clipboard(&url);
        output.set(Some(url.into()));
    };
    let copy_embed = move |_| {
        let title = scene.with(|s| s.title.get(lang.get()).to_string());
        let code = share::embed_code(&link(), &format!("eksnet: {title}"));
        share::copy_to_clipboard(&code);
        output.set(Some(code.into()));
    };
    let svg = move |_| {
        let name = view.with(share::file_stem) + ".svg";
        scene.with(|s| share::download(&name, "image/svg+xml", &share::export_svg(s, lang.get())));
    };
    let png = move |_| {
        let name = view.with(share::file_stem) + ".png";
        scene.with(|s| share::download_png(s, lang.get(), name));
    };
    let json = move |_| {
        scenario.with(|s| share::download("eksnet-scenario.json", "application/json", &s.to_json()))
    };
    let open = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            match Scenario::from_json(&text) {
                Ok(s) => {
                    problem.set(None);
                    scenario.set(s);
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <details class="share-bar" data-control="share">
            <summary title=i18n::tr(lang, i18n::EXPORT_TITLE)>{i18n::tr(lang, i18n::SHARE)}</summary>
            <div class="share-actions" role="group" aria-label=i18n::tr(lang, i18n::SHARE)>
                <button type="button" data-control="copy-link" on:click=copy_link>{i18n::tr(lang, i18n::COPY_LINK)}</button>
                <button type="button" data-control="copy-embed" on:click=copy_embed>{i18n::tr(lang, i18n::COPY_EMBED)}</button>
                <button type="button" data-control="export-svg" on:click=svg>{i18n::tr(lang, i18n::EXPORT_SVG)}</button>
                <button type="button" data-control="export-png" on:click=png>{i18n::tr(lang, i18n::EXPORT_PNG)}</button>
                <button type="button" data-control="export-json" on:click=json>{i18n::tr(lang, i18n::EXPORT_JSON)}</button>
                <label class="file-button">
                    {i18n::tr(lang, i18n::IMPORT_JSON)}
                    <input type="file" accept="application/json,.json" data-control="import-json" on:change=open />
                </label>
            </div>
            {move || output.get().map(|t| view! {
                <textarea class="share-output" readonly data-control="share-output"
                    aria-label=i18n::tr(lang, i18n::EMBED_CODE)>{t.to_string()}</textarea>
            })}
            {move || problem.get().map(|p| view! {
                <p class="share-problem" role="alert">{i18n::tr(lang, i18n::IMPORT_PROBLEM)}": "<code>{p}</code></p>
            })}
        </details>
    }
}
