//! The scenario as JSON: the same document the CLI reads. Typing a valid document
//! replaces the scenario; an invalid one is kept as typed, with the parser's error
//! located (JSON pointer, line and column, the line itself with a caret).

use eksnet::{ParseError, Scenario};
use leptos::prelude::*;

use crate::controls::fields::form;
use crate::core_api;
use crate::i18n;

/// The line `line` (1-based) of `text` and a caret under `column` (1-based).
pub fn excerpt(text: &str, line: usize, column: usize) -> Option<(String, String)> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    // Keep long lines readable: show at most 60 characters around the column.
    let chars: Vec<char> = l.chars().collect();
    let col = column.saturating_sub(1).min(chars.len());
    let start = col.saturating_sub(40);
    let end = (start + 60).min(chars.len());
    let shown: String = chars[start..end].iter().collect();
    let caret = format!("{}^", " ".repeat(col - start));
    Some((shown, caret))
}

/// The JSON section of the form: the editor.
pub fn blocks(scenario: RwSignal<Scenario>) -> Vec<crate::controls::form::Block> {
    vec![crate::controls::form::Block::View(
        view! { <JsonEditor scenario /> }.into_any(),
    )]
}

/// The JSON editor.
#[component]
pub fn JsonEditor(
    /// The scenario, replaced by each valid document typed.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let lang = form().lang;
    let undo = crate::controls::undo::undo();
    // The scenario as it was when this round of typing started: a valid
    // document replaces the scenario as typed, and Undo brings this back.
    let before: StoredValue<Option<Scenario>> = StoredValue::new(None);
    // What was typed, while it differs from the scenario (an error, or not yet
    // re-formatted).
    let raw: RwSignal<Option<String>> = RwSignal::new(None);
    let error: RwSignal<Option<ParseError>> = RwSignal::new(None);
    let text = move || {
        // Follow the scenario unless the typed text is an error still being fixed.
        let json = scenario.with(core_api::to_json);
        raw.with_untracked(|r| match r {
            Some(r) if error.with_untracked(Option::is_some) => r.clone(),
            Some(r) if core_api::from_json(r).ok().as_ref() == Some(&scenario.get_untracked()) => {
                r.clone()
            }
            _ => json,
        })
    };
    let located =
        move || {
            error.get().map(|e| {
            let l = lang.get();
            let at = if e.path.is_empty() { "/".to_string() } else { e.path.clone() };
            let pos = (e.line > 0).then(|| i18n::line_column(l, e.line, e.column));
            let ex = raw.with(|r| r.as_deref().and_then(|r| excerpt(r, e.line, e.column)));
            let at2 = at.clone();
            view! {
                <div class="json-error" role="alert" data-path=at2>
                    <p>
                        {crate::controls::fields::severity_icon(eksnet::Severity::Error, l)}" "
                        <code>{at}</code>{pos.map(|p| format!(" ({p})"))}": "{e.message.clone()}
                        {e.suggestion.clone().map(|s| view! { <span class="fix">" — "{s}</span> })}
                    </p>
                    {ex.map(|(line, caret)| view! { <pre class="excerpt">{line}"\n"{caret}</pre> })}
                </div>
            }
        })
        };
    view! {
        <div class="json-editor">
            <label for="scenario-json">{i18n::tr(lang, i18n::JSON_HELP)}</label>
            <textarea
                id="scenario-json"
                class="json"
                rows="16"
                wrap="off"
                spellcheck="false"
                aria-invalid=move || error.with(Option::is_some).to_string()
                on:focus=move |_| before.set_value(Some(scenario.get_untracked()))
                prop:value=text
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    match core_api::from_json(&t) {
                        Ok(s) => {
                            error.set(None);
                            raw.set(Some(t));
                            let b = before.get_value().unwrap_or_else(|| scenario.get_untracked());
                            before.set_value(Some(b.clone()));
                            if let Some(u) = undo.filter(|_| b != s) {
                                u.0.set(Some(b));
                            }
                            scenario.set(s);
                        }
                        Err(e) => {
                            raw.set(Some(t));
                            error.set(Some(e));
                        }
                    }
                }
            ></textarea>
            {located}
            <crate::controls::undo::UndoBar scenario lang />
            <Show when=move || error.with(Option::is_some)>
                <button type="button" on:click=move |_| { raw.set(None); error.set(None); scenario.update(|_| {}); }>
                    {i18n::tr(lang, i18n::JSON_DISCARD)}
                </button>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_points_at_the_column() {
        let (l, c) = excerpt("{\n  \"vpc\": x\n}", 2, 10).unwrap();
        assert_eq!(l, "  \"vpc\": x");
        assert_eq!(c, "         ^");
        assert!(excerpt("{}", 5, 1).is_none());
        assert!(excerpt("{}", 0, 1).is_none());
    }
}
