//! Details of the selected element: its name (an ENI's real id, a pod's full
//! name: [`eksnet::element_name`]), what the diagram knows of it (label, detail,
//! data attributes) and the steps of the current flow that pass through it.

use std::sync::Arc;

use eksnet::{Analysis, Lang, Scene, Trace, View};
use leptos::prelude::*;

use crate::i18n;

/// The details panel.
#[component]
pub fn DetailsPanel(
    /// The view (its selection).
    view: RwSignal<View>,
    /// The language.
    lang: RwSignal<Lang>,
    /// The scene in view.
    scene: Memo<Scene>,
    /// The trace of the current flow.
    trace: Memo<Option<Arc<Trace>>>,
    /// The analysis (the selection's name: an ENI's id, a pod's full name).
    analysis: Memo<Arc<Analysis>>,
) -> impl IntoView {
    let selection = Memo::new(move |_| view.with(|v| v.selection.clone()));
    move || {
        let l = lang.get();
        let Some(id) = selection.get() else {
            return view! { <p class="empty">{i18n::SELECT_HINT.get(l)}</p> }.into_any();
        };
        let shape = scene.with(|s| s.shape(id.as_str()).cloned());
        let name = analysis
            .with(|a| (crate::core_api::core().element_name)(a, &id))
            .get(l)
            .to_string();
        let hops: Vec<(usize, String, String)> = trace.with(|t| {
            t.as_ref()
                .map(|t| {
                    t.hops
                        .iter()
                        .enumerate()
                        .filter(|(_, h)| h.at == id)
                        .map(|(i, h)| (i, h.label.get(l).to_string(), h.why.get(l).to_string()))
                        .collect()
                })
                .unwrap_or_default()
        });
        let body = match shape {
            None => view! { <p class="empty">{i18n::NOT_IN_SCENE.get(l)}</p> }.into_any(),
            Some(s) => {
                let data = s
                    .data
                    .iter()
                    .map(|(k, v)| view! { <dt>{*k}</dt><dd><code>{v.clone()}</code></dd> })
                    .collect_view();
                view! {
                    <h3 data-control="element-name">{name}</h3>
                    <p class="role">{s.role.name().get(l).to_string()}</p>
                    {s.detail.or(s.note).map(|d| view! { <p class="detail"><code>{d.get(l).to_string()}</code></p> })}
                    <dl class="data">
                        <dt>"id"</dt><dd><code>{id.to_string()}</code></dd>
                        {data}
                    </dl>
                }
                .into_any()
            }
        };
        let steps = (!hops.is_empty()).then(|| {
            view! {
                <h4>{i18n::STEPS_HERE.get(l)}</h4>
                <ul class="here">
                    {hops.into_iter().map(|(i, label, why)| view! {
                        <li>
                            <button type="button" class="link" on:click=move |_| view.update(|v| v.step = Some(i))>
                                {i18n::step_n(l, i + 1)}": "{label}
                            </button>
                            <p class="why">{why}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }
        });
        view! {
            <div class="details" data-selected=id.to_string()>
                {body}
                {steps}
                <button type="button" on:click=move |_| view.update(|v| v.selection = None)>{i18n::CLEAR_SELECTION.get(l)}</button>
            </div>
        }
        .into_any()
    }
}
