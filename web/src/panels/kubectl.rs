//! The kubectl console: what `kubectl get ...` would print for the model, in a
//! terminal-like pane under the diagram.

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use eksnet::{Analysis, Lang};
use leptos::prelude::*;

use crate::core_api;
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
    // The commands only: a view's output (`get pods` reads millions of pod names
    // in a large cluster) is made when it is shown.
    let views: Memo<Vec<String>> =
        Memo::new(move |_| analysis.with(|a| core_api::kubectl_commands(a)));
    let chosen = RwSignal::new(0usize);
    // Open while there is something to show and the window is tall enough to
    // leave the diagram its room; the person's choice wins after.
    let open = RwSignal::new(tall() && views.with_untracked(|v| !v.is_empty()));
    // The view shown, made when it is asked for: `get pods` in a task of its own
    // (in slices for a large cluster, the page painting between them).
    let shown = RwSignal::new(None::<String>);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let command = open
            .get()
            .then(|| views.with(|vs| vs.get(chosen.get()).or(vs.first()).cloned()))
            .flatten();
        let a = analysis.get();
        let mine = generation.get_value().wrapping_add(1);
        generation.set_value(mine);
        let Some(command) = command else {
            shown.set(None);
            return;
        };
        let head = format!("$ {command}\n");
        let mut work = Box::pin({
            let head = head.clone();
            async move {
                let out = core_api::kubectl_output_paced(&a, &command).await;
                out.map(|o| head + &o)
            }
        });
        match work.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(out) => shown.set(out),
            Poll::Pending => {
                shown.set(Some(head + "…"));
                leptos::task::spawn_local(async move {
                    let out = work.await;
                    if generation.try_get_value() == Some(mine) {
                        shown.set(out);
                    }
                });
            }
        }
    });
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
                            {v.trim_start_matches("kubectl ").to_string()}
                        </button>
                    }).collect_view()}
                </div>
            </div>
            <Show when=move || open.get()>
                <pre class="console-out" tabindex="0">{move || {
                    shown.get().unwrap_or_else(|| i18n::CONSOLE_EMPTY.get(lang.get()).to_string())
                }}</pre>
            </Show>
        </section>
    }
}

/// Whether the window is tall enough for the console to open at first (it
/// leaves the diagram its room).
pub fn tall() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(min-height: 1000px)").ok().flatten())
        .is_some_and(|m| m.matches())
}
