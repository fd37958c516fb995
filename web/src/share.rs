//! Links, embedding and export: the browser glue over [`eksnet::share`].
//!
//! - The page's state lives in its URL: every change of scenario, scene, flow,
//!   step, node or language replaces the query (`history.pushState`), so a copied
//!   address reopens the exact view and back/forward move between views
//!   (`popstate` sets the signals back). The encoding itself is the core's
//!   ([`eksnet::share::to_query`]), tested natively.
//! - `?embed` shows only the diagram and the smallest useful controls; the
//!   "copy embed code" action writes the `<iframe>` for the current view.
//! - Exports: the diagram as the core's self-contained SVG ([`eksnet::svg::render`],
//!   byte for byte what `eksnet render` writes), as PNG (that SVG drawn on a
//!   canvas), and the scenario as JSON.

use crate::core_api::{from_query, to_query};
use eksnet::share::{Link, ParsedLink};
use eksnet::{Lang, Scenario, Scene, View};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The link the page was opened with (`location.search`).
pub fn current_link() -> ParsedLink {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    from_query(&search)
}

/// The link of a state.
pub fn link_of(scenario: &Scenario, view: &View, lang: Lang, embed: bool) -> Link {
    Link {
        scene: view.scene,
        flow: view.flow.clone(),
        step: view.step,
        node: view.node.clone(),
        lang: Some(lang),
        embed,
        scenario: scenario.clone(),
    }
}

/// The view a link opens.
pub fn view_of(link: &Link) -> View {
    View {
        scene: link.scene,
        flow: link.flow.clone(),
        step: link.step,
        selection: None,
        node: link.node.clone(),
        size: eksnet::scene::SizeClass::default(),
    }
}

/// The page's address without its query (`https://host/docs/eksnet/`).
pub fn base_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// The `<iframe>` HTML that embeds `link`'s view.
pub fn embed_code(link: &Link, title: &str) -> String {
    let mut l = link.clone();
    l.embed = true;
    let src = format!("{}?{}", base_url(), to_query(&l));
    format!(
        r#"<iframe src="{}" title="{}" width="100%" height="480" style="border:0" loading="lazy"></iframe>"#,
        eksnet::svg::escape(&src),
        eksnet::svg::escape(title)
    )
}

/// The longest link (or embed code) copied: 8,000 characters. Browsers take far
/// longer addresses (Chrome up to 2 MB), but the query travels in the request line
/// of the page's host and through chat tools: RFC 9110 §4.1 asks only that senders
/// and recipients support "URIs with lengths of 8000 octets", and common servers
/// stop near there (Apache `LimitRequestLine` 8190, nginx
/// `large_client_header_buffers` 8k). A longer link is not copied; the share bar
/// offers the scenario as a JSON file instead.
pub const MAX_LINK_CHARS: usize = 8000;

/// Changes closer together than this (ms) share one history entry.
pub const HISTORY_COALESCE_MS: f64 = 1000.0;

/// Keeps the URL in step with the state, and the state with back/forward.
pub fn sync_url(
    scenario: RwSignal<Scenario>,
    view: RwSignal<View>,
    lang: RwSignal<Lang>,
    embed: bool,
    ready: RwSignal<bool>,
) {
    // State → URL. Selection is not part of a link, so selecting does not push.
    // Edits of the scenario in quick succession (a burst of +/− clicks, typing)
    // make one history entry: within HISTORY_COALESCE_MS of the last change, with
    // the same view, the entry is replaced. A new view always adds an entry. The
    // first run only spells out the state the page opened with: it replaces the
    // entry too (Back leaves the page, not `?lang=en`).
    //
    // The first run waits for `ready` (a task after the page's first diagram,
    // which does not need the link written): until then the effect follows
    // only `ready`.
    let last_push = StoredValue::new((f64::NEG_INFINITY, String::new()));
    Effect::new(move |ran: Option<bool>| {
        if !ready.get() {
            return false;
        }
        let q =
            scenario.with(|s| view.with(|v| lang.with(|l| to_query(&link_of(s, v, *l, embed)))));
        let seen = view.with(|v| format!("{:?}{:?}{:?}{:?}", v.scene, v.flow, v.step, v.node))
            + lang.get().tag();
        let opening = ran.filter(|r| *r).is_none();
        // The history is written once the browser has painted the change,
        // in a task of its own: the address is not what the visitor waits
        // for (the browser's history call takes 1-4 ms). Writes queued
        // meanwhile run in order; the last one stands.
        leptos::task::spawn_local(async move {
            crate::pacing::after_paint().await;
            write_url(&q, seen, opening, last_push);
        });
        true
    });
    // Back/forward → state.
    let on_pop = Closure::<dyn Fn()>::new(move || {
        let p = current_link();
        let l = p.link;
        if scenario.with_untracked(|s| *s != l.scenario) {
            scenario.set(l.scenario.clone());
        }
        // The size class is the window's, not the link's.
        let size = view.with_untracked(|v| v.size);
        view.set(View {
            size,
            ..view_of(&l)
        });
        if let Some(lg) = l.lang {
            lang.set(lg);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    }
    on_pop.forget();
}

/// Writes the link `q` into the address: a new history entry, or the last one
/// replaced (the page's opening state; or a change of the same view, `seen`,
/// within [`HISTORY_COALESCE_MS`] of the last). Nothing when the address says
/// `q` already.
fn write_url(q: &str, seen: String, opening: bool, last_push: StoredValue<(f64, String)>) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let current = w.location().search().unwrap_or_default();
    if current.trim_start_matches('?') == q {
        return;
    }
    let url = if q.is_empty() {
        w.location().pathname().unwrap_or_default()
    } else {
        format!("?{q}")
    };
    let Ok(h) = w.history() else {
        return;
    };
    let state = wasm_bindgen::JsValue::NULL;
    if opening {
        // Not a change: the next edit adds its own entry.
        let _ = h.replace_state_with_url(&state, "", Some(&url));
        return;
    }
    let now = js_sys::Date::now();
    let (then, seen_then) = last_push.get_value();
    if now - then < HISTORY_COALESCE_MS && seen_then == seen {
        let _ = h.replace_state_with_url(&state, "", Some(&url));
    } else {
        let _ = h.push_state_with_url(&state, "", Some(&url));
    }
    last_push.set_value((now, seen));
}

/// Offers `data` as a file download named `name`.
pub fn download(name: &str, mime: &str, data: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(data));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    download_blob(name, &blob);
}

fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The diagram as the core's standalone SVG (the same text as `eksnet render`).
pub fn export_svg(scene: &Scene, lang: Lang) -> String {
    (crate::core_api::core().render)(scene, lang)
}

/// File name stem of a view: `eksnet-endpoint`.
pub fn file_stem(view: &View) -> String {
    format!("eksnet-{}", view.scene.slug())
}

/// Draws the scene's SVG on a canvas at 2× and offers it as a PNG download.
pub fn download_png(scene: &Scene, lang: Lang, name: String) {
    let svg = export_svg(scene, lang);
    // The export's own size: the drawn content under its title and caption.
    let (fw, fh) = (crate::core_api::core().export_size)(scene, lang);
    let (w, h) = (fw * 2.0, fh * 2.0);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let src = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&svg)
    );
    let img2 = img.clone();
    let onload = Closure::once(move || {
        let Some(canvas) = doc
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width(w as u32);
        canvas.set_height(h as u32);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, w, h);
        let done = Closure::once(move |blob: Option<web_sys::Blob>| {
            if let Some(b) = blob {
                download_blob(&name, &b);
            }
        });
        let _ = canvas.to_blob(done.as_ref().unchecked_ref());
        done.forget();
    });
    img.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    img.set_src(&src);
}

/// Copies `text` to the clipboard (best effort: the dialog also shows it).
pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}
