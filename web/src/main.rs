//! Mounts the eksnet explorer on the page's `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    // index.html shows a prerendered first diagram until the explorer is here.
    if let Some(pre) = leptos::prelude::document().get_element_by_id("eksnet-prerender") {
        pre.remove();
    }
    leptos::mount::mount_to_body(eksnet_web::App);
}
