//! The side panel: the flow and its steps, the details of the selection, the
//! scenario form, and the diagnostics, as keyboard-accessible tabs. Every tab stays
//! mounted (hidden when not shown), so nothing typed in the form is lost by
//! looking elsewhere.

pub mod details;
pub mod diagnostics;
pub mod import_report;
pub mod kubectl;
pub mod path;

use std::sync::Arc;

use eksnet::{Analysis, Lang, Scenario, Scene, Severity, Trace, View};
use leptos::prelude::*;

use crate::controls::ScenarioControls;
use crate::i18n::{self, Tr};

/// The tabs of the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Flow picker and steps.
    Path,
    /// The selected element.
    Details,
    /// The scenario form.
    Scenario,
    /// The diagnostics.
    Issues,
}

impl Tab {
    /// All tabs, in order.
    pub const ALL: [Tab; 4] = [Tab::Path, Tab::Details, Tab::Scenario, Tab::Issues];

    fn slug(self) -> &'static str {
        match self {
            Tab::Path => "path",
            Tab::Details => "details",
            Tab::Scenario => "scenario",
            Tab::Issues => "issues",
        }
    }

    fn title(self) -> Tr {
        match self {
            Tab::Path => i18n::TAB_PATH,
            Tab::Details => i18n::TAB_DETAILS,
            Tab::Scenario => i18n::TAB_SCENARIO,
            Tab::Issues => i18n::TAB_ISSUES,
        }
    }
}

/// Keyboard handling of an ARIA tab list: ←/→ (and Home/End) move to the
/// previous/next tab, select it and focus it. `ids[i]` is tab `i`'s element id.
pub fn tablist_keys(ev: &web_sys::KeyboardEvent, current: usize, count: usize) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let next = match ev.key().as_str() {
        "ArrowRight" | "ArrowDown" => (current + 1) % count,
        "ArrowLeft" | "ArrowUp" => (current + count - 1) % count,
        "Home" => 0,
        "End" => count - 1,
        _ => return None,
    };
    ev.prevent_default();
    Some(next)
}

/// Focuses the element with `id` (after the DOM has caught up).
pub fn focus_id(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}

/// The side panel.
#[component]
pub fn SidePanel(
    /// The scenario (the form edits it; the endpoint switch too).
    scenario: RwSignal<Scenario>,
    /// The view (flow, step, selection).
    view: RwSignal<View>,
    /// The language.
    lang: RwSignal<Lang>,
    /// The analysis.
    analysis: Memo<Arc<Analysis>>,
    /// The scene in view (for the details of the selection).
    scene: Memo<Scene>,
    /// The trace of the current flow.
    trace: Memo<Option<Arc<Trace>>>,
    /// The tab shown.
    tab: RwSignal<Tab>,
    /// A field of the form to bring into view (a JSON pointer).
    focus: RwSignal<Option<String>>,
) -> impl IntoView {
    let errors = Memo::new(move |_| {
        analysis.with(|a| {
            (
                a.diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count(),
                a.diagnostics.len(),
            )
        })
    });
    let on_goto = Callback::new(move |p: String| {
        tab.set(Tab::Scenario);
        focus.set(Some(p));
    });
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let cur = Tab::ALL
            .iter()
            .position(|t| *t == tab.get_untracked())
            .unwrap_or(0);
        if let Some(n) = tablist_keys(&ev, cur, Tab::ALL.len()) {
            tab.set(Tab::ALL[n]);
            focus_id(format!("ptab-{}", Tab::ALL[n].slug()));
        }
    };
    view! {
        <aside class="side">
            <div class="tabs side-tabs" role="tablist" aria-label=i18n::tr(lang, i18n::PANELS) on:keydown=on_key>
                {Tab::ALL.into_iter().map(|t| {
                    let selected = move || tab.get() == t;
                    view! {
                        <button type="button" role="tab" id=format!("ptab-{}", t.slug())
                            aria-controls=format!("ppanel-{}", t.slug())
                            aria-selected=move || selected().to_string()
                            tabindex=move || if selected() { "0" } else { "-1" }
                            on:click=move |_| tab.set(t)>
                            {i18n::tr(lang, t.title())}
                            {(t == Tab::Issues).then(|| view! {
                                <span class="badge" class:has-errors=move || { errors.get().0 > 0 }>
                                    {move || errors.get().1}
                                </span>
                            })}
                        </button>
                    }
                }).collect_view()}
            </div>
            <div class="tabpanel" role="tabpanel" id="ppanel-path" aria-labelledby="ptab-path" hidden=move || tab.get() != Tab::Path>
                <path::PathPanel scenario view lang analysis trace on_goto />
            </div>
            <div class="tabpanel" role="tabpanel" id="ppanel-details" aria-labelledby="ptab-details" hidden=move || tab.get() != Tab::Details>
                <details::DetailsPanel view lang scene trace analysis />
            </div>
            <div class="tabpanel" role="tabpanel" id="ppanel-scenario" aria-labelledby="ptab-scenario" hidden=move || tab.get() != Tab::Scenario>
                <ScenarioControls scenario analysis lang focus />
            </div>
            <div class="tabpanel" role="tabpanel" id="ppanel-issues" aria-labelledby="ptab-issues" hidden=move || tab.get() != Tab::Issues>
                <diagnostics::DiagnosticsPanel analysis lang on_goto />
            </div>
        </aside>
    }
}
