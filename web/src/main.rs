//! Mounts the eksnet explorer on the page's `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    // The core's code and the page's later parts (each a chunk of its own in
    // a split build, see `eksnet_web::core_api` and `eksnet_web::later`). A
    // default load mounts without them: the prerendered diagram is adopted,
    // the core's chunk is fetched a task after this one and the first
    // analysis awaits it, the later parts' after it (`later::ready`). Any
    // other load mounts once both are there.
    use eksnet_web::{core_api, later};
    if eksnet_web::default_load() || (core_api::loaded().is_some() && later::loaded().is_some()) {
        core_api::preload();
        mount();
    } else {
        // Both fetched at once; the page mounts once both are in.
        wasm_bindgen_futures::spawn_local(async {
            later::load().await;
        });
        wasm_bindgen_futures::spawn_local(async {
            core_api::load().await;
            later::load().await;
            mount();
        });
    }
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
