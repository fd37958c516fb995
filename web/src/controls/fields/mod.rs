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
//!
//! By concept: [`diagnostics`] (what the core says about a field, under it),
//! [`text`] (text, lines and `key: value` pairs), [`number`] (whole numbers that
//! keep what is typed) and [`choice`] (checkboxes and selects). This module holds
//! what they share: the form's context, the DOM id of a path, and the lens.

use std::sync::Arc;

use eksnet::{Analysis, Lang, Scenario};
use leptos::prelude::*;

mod choice;
mod diagnostics;
mod number;
mod text;

pub use choice::*;
pub use diagnostics::*;
pub use number::*;
pub use text::*;

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
///
/// `get` and `set` are passed on as trait objects: the signal and the callback
/// around them are compiled once per type of value, not once per field of the
/// form (the site's size, docs/size.md).
pub fn lens<T>(
    scenario: RwSignal<Scenario>,
    get: impl Fn(&Scenario) -> T + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, T) + Send + Sync + 'static,
) -> (Signal<T>, Callback<T>)
where
    T: Clone + Send + Sync + 'static,
{
    lens_of(scenario, Arc::new(get), Arc::new(set))
}

/// The reader of one part of the scenario, for [`lens_of`].
type Get<T> = Arc<dyn Fn(&Scenario) -> T + Send + Sync>;
/// The writer of one part of the scenario, for [`lens_of`].
type Set<T> = Arc<dyn Fn(&mut Scenario, T) + Send + Sync>;

#[inline(never)]
fn lens_of<T>(scenario: RwSignal<Scenario>, get: Get<T>, set: Set<T>) -> (Signal<T>, Callback<T>)
where
    T: Clone + Send + Sync + 'static,
{
    (
        Signal::derive(move || scenario.with(|s| get(s))),
        Callback::new(move |v: T| scenario.update(|s| set(s, v))),
    )
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
}
