//! The explorer's state: what a page needs to be restored exactly.
//!
//! Three values describe everything on screen: the [`Scenario`] (the cluster), the
//! core's [`View`] (scene, flow, step, selection, node) and the [`Lang`]. They are
//! the only signals created at the top of the app; everything else is derived
//! (`Memo`s of the analysis, the scene and the trace). [`Initial`] bundles them so
//! that a page can start from any view: the default one, a stored language, or
//! (later) a shared link.

use eksnet::{Lang, Scenario, View};

/// Where `localStorage` keeps the language choice.
pub const LANG_KEY: &str = "eksnet.lang";

/// The state a page starts from.
#[derive(Debug, Clone, PartialEq)]
pub struct Initial {
    /// The cluster.
    pub scenario: Scenario,
    /// What is looked at.
    pub view: View,
    /// The language.
    pub lang: Lang,
}

impl Default for Initial {
    /// The default scenario (source 004, console 1) in its default view, English.
    fn default() -> Self {
        Initial {
            scenario: Scenario::example(),
            view: View::default(),
            lang: Lang::En,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language stored by an earlier visit, if any.
pub fn stored_lang() -> Option<Lang> {
    storage()?
        .get_item(LANG_KEY)
        .ok()
        .flatten()
        .and_then(|s| Lang::parse(&s))
}

/// The browser's preferred language, if it is one we speak.
pub fn browser_lang() -> Option<Lang> {
    let nav = web_sys::window()?.navigator();
    let tag = nav.language()?;
    Lang::parse(tag.split('-').next().unwrap_or(""))
}

/// Remembers the language and marks the document with it (`<html lang>`), so
/// screen readers and fonts follow the choice.
pub fn apply_lang(lang: Lang) {
    if let Some(st) = storage() {
        let _ = st.set_item(LANG_KEY, lang.tag());
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Whether the person asked for less motion (`prefers-reduced-motion`).
pub fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}
