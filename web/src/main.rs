//! Mounts the eksnet explorer on the page's `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    // The core's code (a chunk of its own in a split build, see
    // `eksnet_web::core_api`) is fetched a task after this one. A default
    // load mounts without it (the prerendered diagram is adopted, the first
    // analysis awaits the chunk); any other load mounts once it is there.
    if eksnet_web::default_load() || eksnet_web::core_api::loaded().is_some() {
        eksnet_web::core_api::preload();
        mount();
    } else {
        wasm_bindgen_futures::spawn_local(async {
            eksnet_web::core_api::load().await;
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
