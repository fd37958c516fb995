//! Whole-number fields: text that is not a number (or is out of range) stays in
//! the input with a message until it is corrected; the scenario gets only valid
//! values. A stepper's − / + work from the last valid value.

use std::str::FromStr;

use eksnet::Severity;
use leptos::prelude::*;

use super::{field_id, form, has_error, severity_icon, FieldDiagnostics, FormContext};
use crate::i18n::{self, Tr};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_kept_while_it_means_the_value() {
        assert_eq!(shown(Some(&"007".to_string()), &7u32), "007");
        assert_eq!(shown(Some(&"abc".to_string()), &7u32), "7");
        assert_eq!(shown(None, &7u32), "7");
    }
}
