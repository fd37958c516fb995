//! Quick controls above the diagram: the replicas of the first workload, so that
//! scaling re-allocates pod IPs in view without opening the form, and the node
//! shown by "inside a node".

use std::sync::Arc;

use eksnet::{Analysis, Lang, Scenario, SceneKind, View};
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
                // The + button stops at MAX_REPLICAS; a larger count (from a link or
                // the form) is kept, and − takes one off it.
                let cur = i64::from(w.replicas);
                let top = cur.max(i64::from(MAX_REPLICAS));
                w.replicas = (cur + d).clamp(0, top) as u32;
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
                    <button type="button" data-control="replicas-up" disabled={n >= MAX_REPLICAS}
                        aria-label=i18n::step_button(lang.get(), i18n::REPLICAS, true) on:click=move |_| add(1)>"+"</button>
                </div>
            }
        })
    }
}

/// At most this many nodes are offered by the node picker.
const MAX_NODE_CHOICES: usize = 200;

/// The node "inside a node" shows (only in that scene).
#[component]
pub fn QuickNode(
    /// The analysis (its nodes).
    analysis: Memo<Arc<Analysis>>,
    /// The view whose `node` is picked.
    view: RwSignal<View>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let shown = Memo::new(move |_| view.with(|v| v.scene == SceneKind::InsideNode));
    let nodes = Memo::new(move |_| {
        analysis.with(|a| {
            a.model
                .nodes
                .iter()
                .take(MAX_NODE_CHOICES)
                .map(|n| n.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let current = Memo::new(move |_| view.with(|v| v.node.clone()));
    move || {
        shown.get().then(|| {
            let cur = current.get();
            let first = nodes.with(|n| n.first().cloned());
            let sel = cur.clone().or(first);
            view! {
                <label class="quick-node">
                    <span class="quick-label">{i18n::tr(lang, i18n::NODE)}</span>
                    <select data-control="node" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        view.update(|vw| vw.node = Some(v));
                    }>
                        {nodes.get().into_iter().map(|n| {
                            let short = eksnet::model::names::short_node_name(&n).to_string();
                            let selected = sel.as_deref() == Some(n.as_str());
                            view! { <option value=n selected=selected>{short}</option> }
                        }).collect_view()}
                    </select>
                </label>
            }
        })
    }
}
