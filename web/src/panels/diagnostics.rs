//! The diagnostics of the scenario: severity (icon and word, not colour alone),
//! message, fix, source, and a button to the offending field of the form.

use std::sync::Arc;

use eksnet::{Analysis, Lang};
use leptos::prelude::*;

use crate::controls::fields::{sev_slug, severity_icon};
use crate::i18n;

/// The diagnostics list.
#[component]
pub fn DiagnosticsPanel(
    /// The analysis whose diagnostics are listed.
    analysis: Memo<Arc<Analysis>>,
    /// The language.
    lang: RwSignal<Lang>,
    /// Called with a diagnostic's path to show its field.
    on_goto: Callback<String>,
) -> impl IntoView {
    move || {
        let l = lang.get();
        analysis.with(|a| {
            if a.diagnostics.is_empty() {
                return view! { <p class="empty ok">"✔ "{i18n::NO_ISSUES.get(l)}</p> }.into_any();
            }
            let items = a
                .diagnostics
                .iter()
                .map(|d| {
                    let path = d.path.clone();
                    let p2 = path.clone();
                    view! {
                        <li class=format!("diag sev-{}", sev_slug(d.severity)) data-code=d.code.as_str() data-path=path.clone()>
                            <p>{severity_icon(d.severity, l)}" "{d.message.get(l).to_string()}</p>
                            {d.fix.as_ref().map(|f| view! { <p class="fix"><strong>{i18n::FIX.get(l)}": "</strong>{f.get(l).to_string()}</p> })}
                            <p class="meta">
                                <code>{d.code.as_str()}</code>
                                {d.aws_code.map(|c| view! { " · "<span class="aws-code" title=i18n::AWS_CODE.get(l)>"AWS: "<code>{c}</code></span> })}
                                " · "{i18n::SOURCE.get(l)}": "{crate::cite::cite_view(&d.cite, l)}
                                {(!path.is_empty()).then(|| view! {
                                    " · "<button type="button" class="link" on:click=move |_| on_goto.run(p2.clone())>
                                        {i18n::GO_TO_FIELD.get(l)}" "<code>{path.clone()}</code>
                                    </button>
                                })}
                            </p>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="diagnostics">{items}</ul> }.into_any()
        })
    }
}
