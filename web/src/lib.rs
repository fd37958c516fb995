//! The eksnet explorer: a Leptos CSR app that paints the core's [`eksnet::Scene`].
//!
//! The web crate holds no networking knowledge: it keeps the view state in signals,
//! asks the core for an analysis and a scene, and paints the scene as `<svg>`.

pub mod diagram;

use leptos::prelude::*;

use eksnet::{analyze, layout, Lang, Scenario, View};

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let scenario = RwSignal::new(Scenario::example());
    let view_state = RwSignal::new(View::default());
    let lang = RwSignal::new(Lang::En);
    // A new analysis is always "changed": comparing two would cost as much as
    // making one.
    let analysis = Memo::new_with_compare(
        move |_| std::sync::Arc::new(analyze(&scenario.get())),
        |_, _| true,
    );
    let scene = Memo::new(move |_| layout(&analysis.get(), &view_state.get()));
    view! {
        <style>{eksnet::svg::SCENE_CSS}</style>
        <main class="app">
            <h1 class="app-title">"eksnet"</h1>
            <diagram::Diagram scene=scene lang=lang />
        </main>
    }
}
