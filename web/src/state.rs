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

/// The size class of the page as it is now (the window's size; `embed`: the
/// page is an embed). Scenes are laid out for it.
pub fn size_class(embed: bool) -> eksnet::scene::SizeClass {
    let (w, h) = web_sys::window()
        .map(|w| {
            let px = |v: Result<leptos::wasm_bindgen::JsValue, _>| {
                v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
            };
            (px(w.inner_width()), px(w.inner_height()))
        })
        .unwrap_or((1280.0, 800.0));
    eksnet::scene::SizeClass::of_page(w.max(1.0) as u32, h.max(1.0) as u32, embed)
}

/// Whether the window is narrower than the side panel's room (about 900 px):
/// the side panel is a drawer there.
pub fn narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 899px)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Keeps `view.size` equal to the page's size class, now and on every resize.
pub fn follow_size(view: leptos::prelude::RwSignal<eksnet::View>, embed: bool) {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::JsCast;
    let update = move || {
        let k = size_class(embed);
        if view.with_untracked(|v| v.size != k) {
            view.update(|v| v.size = k);
        }
    };
    update();
    let cb = Closure::<dyn FnMut()>::new(update);
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("resize", cb.as_ref().unchecked_ref());
    }
    cb.forget();
}
