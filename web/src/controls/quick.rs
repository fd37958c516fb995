//! Quick controls laid over the diagram: the replicas of the first workload, so
//! that scaling re-allocates pod IPs in view without opening the form.

use eksnet::{Lang, Scenario};
use leptos::prelude::*;

use crate::i18n;

/// Most replicas the quick control goes to.
const MAX_REPLICAS: u32 = 10_000;

/// `− n +` for the first workload's replicas.
#[component]
pub fn QuickReplicas(
    /// The scenario whose first workload is scaled.
    scenario: RwSignal<Scenario>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let first = Memo::new(move |_| {
        scenario.with(|s| s.workloads.first().map(|w| (w.name.clone(), w.replicas)))
    });
    let add = move |d: i64| {
        scenario.update(|s| {
            if let Some(w) = s.workloads.first_mut() {
                w.replicas = (i64::from(w.replicas) + d).clamp(0, i64::from(MAX_REPLICAS)) as u32;
            }
        })
    };
    move || {
        first.get().map(|(name, n)| {
            let label = format!("{name}: {}", i18n::REPLICAS.get(lang.get()));
            view! {
                <div class="quick-replicas" role="group">
                    <span class="quick-label">{label}</span>
                    <button type="button" data-control="replicas-down" disabled=n == 0
                        aria-label=i18n::step_button(lang.get(), i18n::REPLICAS, false) on:click=move |_| add(-1)>"−"</button>
                    <output class="quick-value" aria-live="polite">{n}</output>
                    <button type="button" data-control="replicas-up"
                        aria-label=i18n::step_button(lang.get(), i18n::REPLICAS, true) on:click=move |_| add(1)>"+"</button>
                </div>
            }
        })
    }
}
