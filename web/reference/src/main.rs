//! The smallest Leptos CSR app that draws an `<svg>`: what eksnet's first paint is
//! compared with (`bash scripts/dev bench`).

use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    let count = RwSignal::new(0);
    view! {
        <main>
            <button on:click=move |_| count.update(|c| *c += 1)>{move || count.get()}</button>
            <svg class="eksnet-scene" viewBox="0 0 100 100" width="100" height="100">
                <rect data-id="node:reference" x="10" y="10" width="80" height="80" />
            </svg>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
