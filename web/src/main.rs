//! Mounts the eksnet explorer on the page's `<body>`.

fn main() {
    console_error_panic_hook::set_once();
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
