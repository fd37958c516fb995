//! The form's building blocks: labelled inputs bound to one field of the scenario.
//!
//! Every field knows its JSON pointer in the scenario (`/vpc/subnets/0/cidrBlock`),
//! the same pointer the core puts in `Diagnostic::path`, so the core's diagnostic
//! for a field is shown right under it. The pointer is also the field's DOM id
//! (`f-vpc-subnets-0-cidrBlock`) and its `data-path`, so the diagnostics list can
//! jump to the field.
//!
//! Nothing typed is lost: text fields write the raw text into the scenario (the
//! scenario keeps strings as typed; the core judges them), and number fields keep
//! text that is not a number in the input, with a message, until it is corrected.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

use eksnet::{Analysis, Diagnostic, Lang, Scenario, Severity};
use leptos::prelude::*;

use crate::i18n::{self, Tr};

/// What every field of the form reads: the language and the analysis (for the
/// diagnostics of its path). The form has many fields, nested deep in rows and
/// sections; handing these two down through every row would drown the code, so
/// [`crate::controls::ScenarioControls`] provides them once.
#[derive(Clone, Copy)]
pub struct FormContext {
    /// The language.
    pub lang: RwSignal<Lang>,
    /// The analysis of the current scenario.
    pub analysis: Memo<Arc<Analysis>>,
}

/// The form context (see [`FormContext`]).
///
/// # Panics
/// Outside [`crate::controls::ScenarioControls`] (a programming error).
pub fn form() -> FormContext {
    expect_context::<FormContext>()
}

/// The DOM id of the field at `path`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

/// A derived signal and a setter for one part of the scenario: `get` reads it,
/// `set` writes it. Writes go through `update`, so one edit is one new scenario.
pub fn lens<T>(
    scenario: RwSignal<Scenario>,
    get: impl Fn(&Scenario) -> T + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, T) + Send + Sync + 'static,
) -> (Signal<T>, Callback<T>)
where
    T: Clone + Send + Sync + 'static,
{
    (
        Signal::derive(move || scenario.with(|s| get(s))),
        Callback::new(move |v: T| scenario.update(|s| set(s, v))),
    )
}

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
fn has_error(analysis: Memo<Arc<Analysis>>, path: String, nested: bool) -> Signal<bool> {
    Signal::derive(move || {
        analysis.with(|a| {
            a.diagnostics
                .iter()
                .any(|d| d.is_error() && (d.path == path || (nested && is_inside(&d.path, &path))))
        })
    })
}

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

/// Keeps what a person typed in a number field while it is not a number: the
/// shown text is the typed text when it means the current value, else the value.
fn shown<T: FromStr + PartialEq + ToString>(raw: Option<&String>, value: &T) -> String {
    match raw {
        Some(r) if r.trim().parse::<T>().ok().as_ref() == Some(value) => r.clone(),
        _ => value.to_string(),
    }
}

/// A whole-number input, optionally with − / + buttons (a stepper).
#[component]
pub fn NumberField(
    /// The label.
    label: Tr,
    /// JSON pointer of the field.
    #[prop(into)]
    path: String,
    /// The field's value.
    value: Signal<u32>,
    /// Receives each valid new value.
    on_change: Callback<u32>,
    /// Smallest value.
    min: u32,
    /// Largest value (`0`: no limit).
    max: u32,
    /// Draw − and + buttons.
    stepper: bool,
) -> impl IntoView {
    let FormContext { lang, analysis } = form();
    let id = field_id(&path);
    let invalid = has_error(analysis, path.clone(), false);
    let raw: RwSignal<Option<String>> = RwSignal::new(None);
    let local: RwSignal<Option<Tr>> = RwSignal::new(None);
    let max = if max == 0 { u32::MAX } else { max };
    let out_of_range = RwSignal::new(false);
    let commit = move |v: u32| {
        local.set(None);
        out_of_range.set(false);
        on_change.run(v.clamp(min, max));
    };
    let step = move |d: i64| {
        let v = i64::from(value.get_untracked()) + d;
        raw.set(None);
        commit(v.clamp(i64::from(min), i64::from(max)) as u32);
    };
    let (l2, l3) = (label, label);
    view! {
        <div class="field number" class:stepper=stepper>
            <label for=id.clone()>{i18n::tr(lang, label)}</label>
            <div class="number-row">
                {stepper.then(|| view! {
                    <button type="button" class="stepper-btn" on:click=move |_| step(-1)
                        aria-label=move || i18n::step_button(lang.get(), l2, false)>"−"</button>
                })}
                <input
                    id=id.clone()
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    data-path=path.clone()
                    aria-invalid=move || (invalid.get() || local.get().is_some() || out_of_range.get()).to_string()
                    aria-describedby=format!("{id}-diag")
                    prop:value=move || {
                        let v = value.get();
                        raw.with_untracked(|r| shown(r.as_ref(), &v))
                    }
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        let t = text.trim();
                        // A whole number too large for the field is out of range, not "not a number".
                        let digits = !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
                        out_of_range.set(false);
                        match t.parse::<u32>() {
                            Ok(v) if (min..=max).contains(&v) => {
                                raw.set(Some(text));
                                commit(v);
                            }
                            _ if digits => { raw.set(Some(text)); local.set(None); out_of_range.set(true); }
                            _ => { raw.set(Some(text)); local.set(Some(i18n::NOT_A_NUMBER)); }
                        }
                    }
                />
                {stepper.then(|| view! {
                    <button type="button" class="stepper-btn" on:click=move |_| step(1)
                        aria-label=move || i18n::step_button(lang.get(), l3, true)>"+"</button>
                })}
            </div>
            <Show when=move || out_of_range.get()>
                <p class="diag sev-error" data-control="out-of-range">
                    {move || severity_icon(Severity::Error, lang.get())}" "
                    {move || i18n::out_of_range(lang.get(), min.into(), max.into())}
                </p>
            </Show>
            <FieldDiagnostics path=path local=local />
        </div>
    }
}

/// An optional whole number: empty means "not set" (the core's default applies).
#[component]
pub fn OptNumberField(
    /// The label.
    label: Tr,
    /// JSON pointer of the field.
    #[prop(into)]
    path: String,
    /// The field's value.
    value: Signal<Option<u32>>,
    /// Receives each valid new value (`None` when emptied).
    on_change: Callback<Option<u32>>,
) -> impl IntoView {
    let FormContext { lang, analysis } = form();
    let id = field_id(&path);
    let invalid = has_error(analysis, path.clone(), false);
    let raw: RwSignal<Option<String>> = RwSignal::new(None);
    let local: RwSignal<Option<Tr>> = RwSignal::new(None);
    view! {
        <div class="field number">
            <label for=id.clone()>{i18n::tr(lang, label)}</label>
            <input
                id=id.clone()
                type="text"
                inputmode="numeric"
                autocomplete="off"
                data-path=path.clone()
                placeholder=i18n::tr(lang, i18n::UNSET)
                aria-invalid=move || (invalid.get() || local.get().is_some()).to_string()
                aria-describedby=format!("{id}-diag")
                prop:value=move || {
                    let v = value.get();
                    raw.with_untracked(|r| match (r, v) {
                        (Some(r), None) if r.trim().is_empty() => r.clone(),
                        (r, Some(v)) => shown(r.as_ref(), &v),
                        (_, None) => String::new(),
                    })
                }
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let t = text.trim().to_string();
                    raw.set(Some(text));
                    if t.is_empty() {
                        local.set(None);
                        on_change.run(None);
                    } else if let Ok(v) = t.parse::<u32>() {
                        local.set(None);
                        on_change.run(Some(v));
                    } else {
                        local.set(Some(i18n::NOT_A_NUMBER));
                    }
                }
            />
            <FieldDiagnostics path=path local=local />
        </div>
    }
}

/// A checkbox bound to a boolean field.
#[component]
pub fn CheckField(
    /// The label.
    label: Tr,
    /// JSON pointer of the field.
    #[prop(into)]
    path: String,
    /// The field's value.
    value: Signal<bool>,
    /// Receives the new value.
    on_change: Callback<bool>,
) -> impl IntoView {
    let FormContext { lang, .. } = form();
    let id = field_id(&path);
    view! {
        <div class="field check">
            <input
                id=id.clone()
                type="checkbox"
                data-path=path.clone()
                aria-describedby=format!("{id}-diag")
                prop:checked=move || value.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{i18n::tr(lang, label)}</label>
            <FieldDiagnostics path=path />
        </div>
    }
}

/// One choice of a [`SelectField`]: its value and its label (a catalogue entry or
/// model text such as an id).
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The `<option value>`.
    pub value: String,
    /// What is shown.
    pub label: ChoiceLabel,
}

/// The label of a [`Choice`].
#[derive(Debug, Clone, PartialEq)]
pub enum ChoiceLabel {
    /// From the catalogue.
    Tr(Tr),
    /// A name from the model (same in every language).
    Name(String),
}

impl Choice {
    /// A choice labelled from the catalogue.
    pub fn tr(value: impl Into<String>, label: Tr) -> Choice {
        Choice {
            value: value.into(),
            label: ChoiceLabel::Tr(label),
        }
    }

    /// A choice labelled by a model name.
    pub fn name(value: impl Into<String>) -> Choice {
        let value = value.into();
        Choice {
            label: ChoiceLabel::Name(value.clone()),
            value,
        }
    }

    fn text(&self, lang: Lang) -> String {
        match &self.label {
            ChoiceLabel::Tr(t) => t.get(lang).to_string(),
            ChoiceLabel::Name(n) => n.clone(),
        }
    }
}

/// A `<select>` bound to a field.
#[component]
pub fn SelectField(
    /// The label.
    label: Tr,
    /// JSON pointer of the field.
    #[prop(into)]
    path: String,
    /// The choices (may change with the scenario, e.g. the NAT gateways).
    choices: Signal<Vec<Choice>>,
    /// The selected value.
    value: Signal<String>,
    /// Receives the chosen value.
    on_change: Callback<String>,
    /// Also show the diagnostics of the parts of the field (`<path>/...`).
    nested: bool,
) -> impl IntoView {
    let FormContext { lang, analysis } = form();
    let id = field_id(&path);
    let invalid = has_error(analysis, path.clone(), nested);
    view! {
        <div class="field">
            <label for=id.clone()>{i18n::tr(lang, label)}</label>
            <select
                id=id.clone()
                data-path=path.clone()
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=format!("{id}-diag")
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {move || {
                    let l = lang.get();
                    let v = value.get();
                    choices.get().into_iter().map(|c| {
                        let sel = c.value == v;
                        view! { <option value=c.value.clone() selected=sel>{c.text(l)}</option> }
                    }).collect_view()
                }}
            </select>
            <FieldDiagnostics path=path nested=nested />
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
    t.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once(':') {
            Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
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
    fn ids_follow_paths() {
        assert_eq!(
            field_id("/vpc/subnets/0/cidrBlock"),
            "f-vpc-subnets-0-cidrBlock"
        );
    }

    #[test]
    fn typed_text_is_kept_while_it_means_the_value() {
        assert_eq!(shown(Some(&"007".to_string()), &7u32), "007");
        assert_eq!(shown(Some(&"abc".to_string()), &7u32), "7");
        assert_eq!(shown(None, &7u32), "7");
    }

    #[test]
    fn pairs_round_trip_and_keep_odd_lines() {
        let m = parse_pairs("app: web\n\n  tier :front \nlonely");
        assert_eq!(m.get("app").map(String::as_str), Some("web"));
        assert_eq!(m.get("tier").map(String::as_str), Some("front"));
        assert_eq!(m.get("lonely").map(String::as_str), Some(""));
        assert_eq!(parse_pairs(&format_pairs(&m)), m);
    }
}
