//! The explorer's parts built after its first diagram: the share bar and the
//! kubectl console under the diagram, the side panel with the orientation, the
//! Max pods and import panels over it, and the whole embedded view (which
//! mounts once this is loaded). The page builds them through [`parts`], a
//! table of functions, as it calls the core through [`crate::core_api`].
//!
//! With the `split` feature, the table sits behind a WebAssembly split point of
//! its own (`later`): their view code, and the core's code only they reach, is
//! a chunk fetched beside the core's, so the page's first load and the module
//! the browser decodes before its first task hold neither (docs/size.md, "Code
//! splitting, second round"). [`ready`] says when they can be built; without
//! the feature (the tests) at once.

use std::sync::Arc;

use eksnet::{Analysis, Lang, Scenario, Scene, Trace, View};
use leptos::prelude::*;

use crate::import::Importer;
use crate::panels::Tab;

/// The parts' builders (see the module docs).
pub struct Later {
    /// The whole embedded view ([`crate::Embedded`]).
    pub embedded: fn(crate::Embedded) -> AnyView,
    /// The share bar and the kubectl console, under the diagram.
    pub under_diagram: fn(UnderDiagram) -> AnyView,
    /// The orientation and the side panel.
    pub side: fn(Side) -> AnyView,
    /// The Max pods and import panels, over the side panel.
    pub overlays: fn(Overlays) -> AnyView,
}

/// What the share bar and the console read and write.
#[derive(Clone, Copy)]
pub struct UnderDiagram {
    pub scenario: RwSignal<Scenario>,
    pub view: RwSignal<View>,
    pub lang: RwSignal<Lang>,
    pub scene: Memo<Scene>,
    pub analysis: Memo<Arc<Analysis>>,
}

/// What the orientation and the side panel read and write.
#[derive(Clone, Copy)]
pub struct Side {
    pub scenario: RwSignal<Scenario>,
    pub view: RwSignal<View>,
    pub lang: RwSignal<Lang>,
    pub analysis: Memo<Arc<Analysis>>,
    pub scene: Memo<Scene>,
    pub trace: Memo<Option<Arc<Trace>>>,
    pub tab: RwSignal<Tab>,
    pub focus: RwSignal<Option<String>>,
    /// Whether the orientation shows.
    pub orientation: RwSignal<bool>,
    pub max_pods_open: RwSignal<bool>,
}

/// What the Max pods and import panels read and write.
#[derive(Clone, Copy)]
pub struct Overlays {
    pub scenario: RwSignal<Scenario>,
    pub lang: RwSignal<Lang>,
    pub max_pods_open: RwSignal<bool>,
    pub imp: Importer,
}

fn under_diagram(p: UnderDiagram) -> AnyView {
    let UnderDiagram {
        scenario,
        view,
        lang,
        scene,
        analysis,
    } = p;
    view! {
        <crate::share_bar::ShareBar scenario view lang scene />
        <crate::panels::kubectl::KubectlConsole analysis lang />
    }
    .into_any()
}

fn side(p: Side) -> AnyView {
    let Side {
        scenario,
        view,
        lang,
        analysis,
        scene,
        trace,
        tab,
        focus,
        orientation,
        max_pods_open,
    } = p;
    view! {
        <crate::orientation::Orientation shown=orientation view tab lang analysis max_pods_open />
        <crate::panels::SidePanel scenario view lang analysis scene trace tab focus />
    }
    .into_any()
}

fn overlays(p: Overlays) -> AnyView {
    let Overlays {
        scenario,
        lang,
        max_pods_open,
        imp,
    } = p;
    view! {
        <crate::max_pods::MaxPodsPanel open=max_pods_open scenario lang />
        <crate::import::ImportPanel imp lang />
    }
    .into_any()
}

static TABLE: Later = Later {
    embedded: crate::embedded,
    under_diagram,
    side,
    overlays,
};

crate::chunk::split_table!(later, Later, &TABLE);

/// True once the parts can be built (without `split`: from the start). The
/// page builds them when this and its own pacing say so. Their chunk is
/// fetched after the core's, which the explorer's own diagram waits for: the
/// parts come after that diagram anyway.
pub fn ready() -> ReadSignal<bool> {
    let ready = RwSignal::new(loaded().is_some());
    if !ready.get_untracked() {
        leptos::task::spawn_local(async move {
            crate::pacing::next_task().await;
            crate::core_api::load().await;
            load().await;
            ready.set(true);
        });
    }
    ready.read_only()
}

/// The table. The page calls it where [`ready`] is true, or (the embedded
/// view) after [`load`]: main.rs mounts an embed once it is there.
pub fn parts() -> &'static Later {
    loaded().expect("the page's later parts are loaded before they are built")
}
