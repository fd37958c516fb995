//! Undo instead of loss: replacing the whole scenario (resetting it to the
//! example, a JSON document typed over it) keeps the scenario it replaced, and
//! an "Undo" bar offers it back until the next replacement or edit elsewhere.

use eksnet::{Lang, Scenario};
use leptos::prelude::*;

use crate::i18n::Tr;

const REPLACED: Tr = Tr {
    en: "The whole scenario was replaced.",
    ko: "시나리오 전체가 바뀌었다.",
};
const UNDO: Tr = Tr {
    en: "Undo",
    ko: "되돌리기",
};

/// The scenario a replacement replaced, if it can still be brought back
/// (shared by the form through Leptos context).
#[derive(Debug, Clone, Copy)]
pub struct Undo(pub RwSignal<Option<Scenario>>);

impl Undo {
    /// Replaces the scenario with `next`, keeping the current one for undo.
    pub fn replace(self, scenario: RwSignal<Scenario>, next: Scenario) {
        let before = scenario.get_untracked();
        if before != next {
            self.0.set(Some(before));
            scenario.set(next);
        }
    }
}

/// The form's undo, from context.
pub fn undo() -> Option<Undo> {
    use_context::<Undo>()
}

/// "The whole scenario was replaced. Undo", while there is something to undo.
#[component]
pub fn UndoBar(
    /// The scenario to restore.
    scenario: RwSignal<Scenario>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let Some(Undo(prev)) = undo() else {
        return ().into_any();
    };
    view! {
        <Show when=move || prev.with(Option::is_some)>
            <p class="undo-bar" role="status" data-control="undo-bar">
                {move || REPLACED.get(lang.get())}" "
                <button type="button" data-control="undo" on:click=move |_| {
                    if let Some(s) = prev.get_untracked() {
                        prev.set(None);
                        scenario.set(s);
                    }
                }>{move || UNDO.get(lang.get())}</button>
            </p>
        </Show>
    }
    .into_any()
}
