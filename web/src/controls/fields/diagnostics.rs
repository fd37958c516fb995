//! What the core says about a field, shown under it: the diagnostics at its
//! JSON pointer (or inside it), a severity as an icon with a text alternative,
//! and whether the field is invalid (for `aria-invalid`).

use std::sync::Arc;

use eksnet::{Analysis, Diagnostic, Lang, Severity};
use leptos::prelude::*;

use super::{field_id, form, FormContext};
use crate::i18n::{self, Tr};

/// The severity as an icon with a text alternative (colour is never the only cue).
pub fn severity_icon(sev: Severity, lang: Lang) -> impl IntoView {
    let (icon, class, name) = match sev {
        Severity::Error => ("✖", "sev sev-error", i18n::SEV_ERROR),
        Severity::Warning => ("▲", "sev sev-warning", i18n::SEV_WARNING),
        Severity::Info => ("ℹ", "sev sev-info", i18n::SEV_INFO),
    };
    view! {
        <span class=class role="img" aria-label=name.get(lang) title=name.get(lang)>{icon}</span>
    }
}

/// The diagnostics whose path is `path` (or, if `nested`, inside it).
fn diagnostics_at(analysis: &Analysis, path: &str, nested: bool) -> Vec<Diagnostic> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| d.path == path || (nested && is_inside(&d.path, path)))
        .cloned()
        .collect()
}

/// Whether JSON pointer `p` lies inside `parent` (`/a/b/0` inside `/a/b`).
pub fn is_inside(p: &str, parent: &str) -> bool {
    p.strip_prefix(parent).is_some_and(|r| r.starts_with('/'))
}

/// The core's diagnostics for the field at `path`, under the field. Its id is
/// `<field id>-diag`, which the input names in `aria-describedby`.
#[component]
pub fn FieldDiagnostics(
    /// JSON pointer of the field.
    #[prop(into)]
    path: String,
    /// A message of the form's own (text that is not a number), shown first.
    #[prop(optional, into)]
    local: Option<Signal<Option<Tr>>>,
    /// Also show the diagnostics of the parts of the field (`<path>/...`).
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let FormContext { lang, analysis } = form();
    let id = format!("{}-diag", field_id(&path));
    let diags = Memo::new(move |_| analysis.with(|a| diagnostics_at(a, &path, nested)));
    view! {
        <div class="field-diags" id=id aria-live="polite">
            {move || {
                let l = lang.get();
                local.and_then(|s| s.get()).map(|t| view! {
                    <p class="diag sev-error">{severity_icon(Severity::Error, l)}" "{t.get(l)}</p>
                })
            }}
            {move || {
                let l = lang.get();
                diags.get().into_iter().map(|d| {
                    let fix = d.fix.as_ref().map(|f| view! { <span class="fix">" " {f.get(l).to_string()}</span> });
                    view! {
                        <p class=format!("diag sev-{}", sev_slug(d.severity)) data-code=d.code.as_str()>
                            {severity_icon(d.severity, l)}" "{d.message.get(l).to_string()}{fix}
                        </p>
                    }
                }).collect_view()
            }}
        </div>
    }
}

/// `error`, `warning`, `info`.
pub fn sev_slug(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Whether the core has an error at exactly `path` (for `aria-invalid`).
pub(super) fn has_error(analysis: Memo<Arc<Analysis>>, path: String, nested: bool) -> Signal<bool> {
    Signal::derive(move || {
        analysis.with(|a| {
            a.diagnostics
                .iter()
                .any(|d| d.is_error() && (d.path == path || (nested && is_inside(&d.path, &path))))
        })
    })
}
