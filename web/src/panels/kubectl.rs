//! The kubectl console: what `kubectl get ...` would print for the model, in a
//! terminal-like pane under the diagram.

use std::sync::Arc;

use eksnet::{Analysis, Lang};
use leptos::prelude::*;

use crate::core_api::{self, KubectlView};
use crate::i18n;

/// The console.
#[component]
pub fn KubectlConsole(
    /// The analysis whose views are printed.
    analysis: Memo<Arc<Analysis>>,
    /// The language (of the chrome; kubectl output is kubectl's).
    lang: RwSignal<Lang>,
) -> impl IntoView {
    // A task behind the diagram for a large cluster (see pacing::deferred).
    let analysis = crate::pacing::deferred(analysis);
    let views: Memo<Vec<KubectlView>> = Memo::new(move |_| analysis.with(|a| core_api::kubectl(a)));
    let chosen = RwSignal::new(0usize);
    // Open while there is something to show and the window is tall enough to
    // leave the diagram its room; the person's choice wins after.
    let tall = web_sys::window()
        .and_then(|w| w.match_media("(min-height: 1000px)").ok().flatten())
        .is_some_and(|m| m.matches());
    let open = RwSignal::new(tall && views.with_untracked(|v| !v.is_empty()));
    view! {
        <section class="console" aria-label=i18n::tr(lang, i18n::CONSOLE)>
            <div class="console-bar">
                <button type="button" class="console-toggle" aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { "▾ " } else { "▸ " }}{i18n::tr(lang, i18n::CONSOLE)}
                </button>
                <div class="console-cmds" role="group">
                    {move || views.get().into_iter().enumerate().map(|(i, v)| view! {
                        <button type="button" class="cmd" aria-pressed=move || (chosen.get() == i).to_string()
                            on:click=move |_| { chosen.set(i); open.set(true); }>
                            {v.command.trim_start_matches("kubectl ").to_string()}
                        </button>
                    }).collect_view()}
                </div>
            </div>
            <Show when=move || open.get()>
                <pre class="console-out" tabindex="0">{move || {
                    let vs = views.get();
                    match vs.get(chosen.get()).or(vs.first()) {
                        Some(v) => format!("$ {}\n{}", v.command, v.output),
                        None => i18n::CONSOLE_EMPTY.get(lang.get()).to_string(),
                    }
                }}</pre>
            </Show>
        </section>
    }
}
