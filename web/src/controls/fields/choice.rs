//! Fields that choose: a checkbox for a boolean, and a `<select>` of choices
//! labelled from the catalogue or by a model name.

use eksnet::Lang;
use leptos::prelude::*;

use super::{field_id, form, has_error, FieldDiagnostics, FormContext};
use crate::i18n::{self, Tr};

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
