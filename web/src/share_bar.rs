//! The share bar: copy a link or embed code, export the diagram (SVG, PNG) or the
//! scenario (JSON), open a scenario file. The work is in [`crate::share`].

use std::sync::Arc;

use eksnet::{Lang, Scenario, Scene, View};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core_api;
use crate::i18n::{self, Tr};
use crate::share;

/// What leaves the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Link,
    Embed,
    Svg,
    Png,
    Json,
}

const GATE: Tr = Tr {
    en: "This scenario was imported from your cluster: it holds account ids, names and public addresses. Anonymise them first? (They are replaced consistently: the picture and every verdict stay the same.)",
    ko: "이 시나리오는 내 클러스터에서 가져왔다: 계정 ID, 이름, 공인 주소가 들어 있다. 먼저 익명화할까? (일관되게 바꾸므로 그림과 모든 판정은 그대로다.)",
};
const GATE_ANON: Tr = Tr {
    en: "Anonymise, then share",
    ko: "익명화하고 공유",
};
const GATE_AS_IS: Tr = Tr {
    en: "Share as it is",
    ko: "그대로 공유",
};
const GATE_CANCEL: Tr = Tr {
    en: "Cancel",
    ko: "취소",
};

/// Why a long link is not copied.
fn too_long_text(n: usize, lang: Lang) -> String {
    let max = share::MAX_LINK_CHARS;
    match lang {
        Lang::En => format!(
            "This link is {n} characters long, more than {max}: web servers and chat tools may cut it or refuse it, so it was not copied (it is below if you want it anyway). Share the scenario as a JSON file instead; it opens with \"Open JSON…\"."
        ),
        Lang::Ko => format!(
            "이 링크는 {n}자로 {max}자보다 길다: 웹 서버나 채팅 도구가 자르거나 거부할 수 있어서 복사하지 않았다(그래도 쓰려면 아래에 있다). 대신 시나리오를 JSON 파일로 공유한다. \"JSON 열기…\"로 연다."
        ),
    }
}

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
    // A link too long to travel (its length), and the action waiting for the
    // answer to "it holds imported data: anonymise first?".
    let too_long = RwSignal::new(None::<usize>);
    let pending = RwSignal::new(None::<Action>);
    let imp = use_context::<crate::import::Importer>();
    let link = move || scenario.with(|s| view.with(|v| share::link_of(s, v, lang.get(), false)));
    let act = move |a: Action| {
        too_long.set(None);
        match a {
            Action::Link | Action::Embed => {
                let text = if a == Action::Link {
                    format!("{}?{}", share::base_url(), core_api::to_query(&link()))
                } else {
                    let title = scene.with(|s| s.title.get(lang.get()).to_string());
                    share::embed_code(&link(), &format!("eksnet: {title}"))
                };
                if text.len() > share::MAX_LINK_CHARS {
                    too_long.set(Some(text.len()));
                } else {
                    share::copy_to_clipboard(&text);
                }
                output.set(Some(text.into()));
            }
            Action::Svg => {
                let name = view.with(share::file_stem) + ".svg";
                scene.with(|s| {
                    share::download(&name, "image/svg+xml", &share::export_svg(s, lang.get()))
                });
            }
            Action::Png => {
                let name = view.with(share::file_stem) + ".png";
                scene.with(|s| share::download_png(s, lang.get(), name));
            }
            Action::Json => scenario.with(|s| {
                share::download(
                    "eksnet-scenario.json",
                    "application/json",
                    &core_api::to_json(s),
                )
            }),
        }
    };
    // With imported data on the page, ask first.
    let ask = move |a: Action| {
        if imp.is_some_and(|i| i.sensitive.get_untracked()) {
            pending.set(Some(a));
        } else {
            act(a);
        }
    };
    let answer = move |anonymise: bool| {
        if let Some(a) = pending.get_untracked() {
            pending.set(None);
            if let (true, Some(i)) = (anonymise, imp) {
                i.anonymise();
            }
            act(a);
        }
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
            match core_api::from_json(&text) {
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
                <button type="button" data-control="copy-link" on:click=move |_| ask(Action::Link)>{i18n::tr(lang, i18n::COPY_LINK)}</button>
                <button type="button" data-control="copy-embed" on:click=move |_| ask(Action::Embed)>{i18n::tr(lang, i18n::COPY_EMBED)}</button>
                <button type="button" data-control="export-svg" on:click=move |_| ask(Action::Svg)>{i18n::tr(lang, i18n::EXPORT_SVG)}</button>
                <button type="button" data-control="export-png" on:click=move |_| ask(Action::Png)>{i18n::tr(lang, i18n::EXPORT_PNG)}</button>
                <button type="button" data-control="export-json" on:click=move |_| ask(Action::Json)>{i18n::tr(lang, i18n::EXPORT_JSON)}</button>
                <label class="file-button">
                    {i18n::tr(lang, i18n::IMPORT_JSON)}
                    <input type="file" accept="application/json,.json" data-control="import-json" on:change=open />
                </label>
            </div>
            <Show when=move || pending.with(Option::is_some)>
                <div class="share-gate" role="alertdialog" aria-live="polite" data-control="share-gate">
                    <p>{i18n::tr(lang, GATE)}</p>
                    <button type="button" data-control="share-anonymise" on:click=move |_| answer(true)>{i18n::tr(lang, GATE_ANON)}</button>
                    <button type="button" data-control="share-as-is" on:click=move |_| answer(false)>{i18n::tr(lang, GATE_AS_IS)}</button>
                    <button type="button" data-control="share-cancel" on:click=move |_| pending.set(None)>{i18n::tr(lang, GATE_CANCEL)}</button>
                </div>
            </Show>
            {move || too_long.get().map(|n| view! {
                <p class="share-problem" role="alert" data-control="share-too-long">
                    {too_long_text(n, lang.get())}" "
                    <button type="button" data-control="share-json-instead" on:click=move |_| act(Action::Json)>
                        {i18n::tr(lang, i18n::EXPORT_JSON)}
                    </button>
                </p>
            })}
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
