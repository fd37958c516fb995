//! Fields edited as text: one string, a list of strings one per line, and a
//! string map as `key: value` lines. The scenario keeps strings as typed (the
//! core judges them), so nothing typed is lost.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::{field_id, form, has_error, FieldDiagnostics, FormContext};
use crate::i18n::{self, Tr};

/// A text input bound to a string field.
#[component]
pub fn TextField(
    /// The label.
    label: Tr,
    /// JSON pointer of the field (matches `Diagnostic::path`).
    #[prop(into)]
    path: String,
    /// The field's value.
    value: Signal<String>,
    /// Receives the raw text on every keystroke.
    on_input: Callback<String>,
    /// Placeholder, e.g. an example value.
    placeholder: &'static str,
    /// Id of a `<datalist>` of suggestions.
    list: Option<&'static str>,
) -> impl IntoView {
    let FormContext { lang, analysis } = form();
    let id = field_id(&path);
    let invalid = has_error(analysis, path.clone(), false);
    view! {
        <div class="field">
            <label for=id.clone()>{i18n::tr(lang, label)}</label>
            <input
                id=id.clone()
                type="text"
                spellcheck="false"
                autocomplete="off"
                data-path=path.clone()
                placeholder=placeholder
                list=list
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=format!("{id}-diag")
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            <FieldDiagnostics path=path />
        </div>
    }
}

/// A list of strings edited one per line (CIDR lists, subnet lists): each line's
/// diagnostics appear under the list with the line named.
#[component]
pub fn LinesField(
    /// The label.
    label: Tr,
    /// JSON pointer of the list; line `i` is `<path>/<i>`.
    #[prop(into)]
    path: String,
    /// The list.
    value: Signal<Vec<String>>,
    /// Receives the new list on every keystroke (empty lines dropped, text kept).
    on_input: Callback<Vec<String>>,
) -> impl IntoView {
    let FormContext { lang, analysis } = form();
    let id = field_id(&path);
    let raw: RwSignal<Option<String>> = RwSignal::new(None);
    let invalid = has_error(analysis, path.clone(), true);
    let lines_of = |t: &str| -> Vec<String> {
        t.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    view! {
        <div class="field lines">
            <label for=id.clone()>{i18n::tr(lang, label)}</label>
            <textarea
                id=id.clone()
                rows="2"
                spellcheck="false"
                data-path=path.clone()
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=format!("{id}-diag")
                prop:value=move || {
                    let v = value.get();
                    raw.with_untracked(|r| match r {
                        Some(r) if lines_of(r) == v => r.clone(),
                        _ => v.join("\n"),
                    })
                }
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    let lines = lines_of(&t);
                    raw.set(Some(t));
                    on_input.run(lines);
                }
            ></textarea>
            <FieldDiagnostics path=path nested=true />
        </div>
    }
}

/// `key: value` lines → a map (lines without a colon become a key with an empty
/// value, so nothing typed disappears from the scenario).
pub fn parse_pairs(t: &str) -> BTreeMap<String, String> {
    eksnet::sort::map_of(t.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| {
        match l.split_once(':') {
            Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
            None => (l.to_string(), String::new()),
        }
    }))
}

/// A map → `key: value` lines.
pub fn format_pairs(m: &BTreeMap<String, String>) -> String {
    m.iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A string map (labels, selectors, annotations) edited as `key: value` lines.
#[component]
pub fn PairsField(
    /// The label.
    label: Tr,
    /// JSON pointer of the map; key `k` is `<path>/<k>`.
    #[prop(into)]
    path: String,
    /// The map.
    value: Signal<BTreeMap<String, String>>,
    /// Receives the new map on every keystroke.
    on_input: Callback<BTreeMap<String, String>>,
    /// Placeholder, e.g. an example line.
    placeholder: &'static str,
) -> impl IntoView {
    let FormContext { lang, .. } = form();
    let id = field_id(&path);
    let raw: RwSignal<Option<String>> = RwSignal::new(None);
    view! {
        <div class="field lines">
            <label for=id.clone()>{i18n::tr(lang, label)}</label>
            <textarea
                id=id.clone()
                rows="2"
                spellcheck="false"
                data-path=path.clone()
                placeholder=placeholder
                aria-describedby=format!("{id}-diag")
                prop:value=move || {
                    let v = value.get();
                    raw.with_untracked(|r| match r {
                        Some(r) if parse_pairs(r) == v => r.clone(),
                        _ => format_pairs(&v),
                    })
                }
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    let m = parse_pairs(&t);
                    raw.set(Some(t));
                    on_input.run(m);
                }
            ></textarea>
            <FieldDiagnostics path=path nested=true />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_round_trip_and_keep_odd_lines() {
        let m = parse_pairs("app: web\n\n  tier :front \nlonely");
        assert_eq!(m.get("app").map(String::as_str), Some("web"));
        assert_eq!(m.get("tier").map(String::as_str), Some("front"));
        assert_eq!(m.get("lonely").map(String::as_str), Some(""));
        assert_eq!(parse_pairs(&format_pairs(&m)), m);
    }
}
