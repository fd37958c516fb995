//! Mounts the eksnet explorer on the page's `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    // The core's code and the page's later parts (each a chunk of its own in
    // a split build, see `eksnet_web::core_api` and `eksnet_web::later`). A
    // default load mounts without them: the prerendered diagram is adopted,
    // the core's chunk is fetched a task after this one and the first
    // analysis awaits it, the later parts' after it (`later::ready`). Any
    // other load mounts once the core is there (its first diagram needs it),
    // the later parts' chunk fetched after it; an embed once the later parts
    // are there too (the embedded view is one of them), both fetched at once
    // (an `embed` parameter is the hint; the link's reader decides).
    use eksnet_web::{core_api, later, share};
    if eksnet_web::default_load() || (core_api::loaded().is_some() && later::loaded().is_some()) {
        core_api::preload();
        mount();
    } else {
        if embed_hint() {
            wasm_bindgen_futures::spawn_local(async {
                later::load().await;
            });
        }
        wasm_bindgen_futures::spawn_local(async {
            core_api::load().await;
            if share::current_link().link.embed {
                later::load().await;
            }
            mount();
        });
    }
}

/// Whether the page's URL has an `embed` parameter.
fn embed_hint() -> bool {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|href| web_sys::Url::new(&href).ok())
        .is_some_and(|u| u.search_params().has("embed"))
}

fn mount() {
    // index.html shows a prerendered first diagram until the explorer is here:
    // the explorer takes it off the page (and adopts it on a default load, see
    // `eksnet_web::adopt`).
    leptos::mount::mount_to_body(eksnet_web::App);
    if let Some(pre) =
        leptos::prelude::document().get_element_by_id(eksnet_web::adopt::PRERENDER_ID)
    {
        pre.remove();
    }
}
