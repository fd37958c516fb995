//! The eksnet explorer: a Leptos CSR app that paints the core's [`eksnet::Scene`].
//!
//! The web crate holds no networking knowledge. Three signals at the top hold the
//! state ([`state::Initial`]: scenario, view, language); the analysis, the scene
//! and the trace are `Memo`s of them, computed by the core; the components paint
//! them and turn clicks and keys into changes of the three signals.
//!
//! ```text
//! App ─ Explorer ─┬ Header (Max pods button, language)
//!                 ├ ScenePicker (tabs)
//!                 ├ Diagram (svg, pan/zoom, packet) + KubectlConsole
//!                 ├ MaxPodsPanel (the max-pods truth table, over the side panel)
//!                 ├ ImportPanel (files dropped, picked or pasted; the import report)
//!                 └ SidePanel ─┬ PathPanel (endpoint mode, flow, steps)
//!                              ├ DetailsPanel (selection)
//!                              ├ ScenarioControls (the form, JSON)
//!                              └ DiagnosticsPanel
//! ```

pub mod adopt;
pub mod caption;
pub mod chunk;
pub mod cite;
pub mod controls;
pub mod core_api;
pub mod diagram;
pub mod embed;
pub mod header;
pub mod i18n;
pub mod import;
pub mod import_api;
pub mod later;
pub mod max_pods;
pub mod orientation;
pub mod pacing;
pub mod panels;
pub mod scene_tabs;
pub mod share;
pub mod share_bar;
pub mod state;

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

pub use state::Initial;

/// The page as a visitor opens it: the view of its URL (the default scenario when
/// the URL carries none), in the link's language, else the one chosen last time,
/// else the browser's. The URL follows every change from then on.
#[component]
pub fn App() -> impl IntoView {
    // An address without a query opens the default view: its reader (and so
    // its code, which the browser compiles on first call) is not needed.
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let parsed = if query.len() <= 1 {
        eksnet::share::ParsedLink {
            link: eksnet::share::Link::default(),
            problems: Vec::new(),
        }
    } else {
        share::current_link()
    };
    let link = parsed.link;
    let lang = link
        .lang
        .or_else(state::stored_lang)
        .or_else(state::browser_lang)
        .unwrap_or_default();
    let initial = Initial {
        view: share::view_of(&link),
        scenario: link.scenario,
        lang,
    };
    // An embedded frame's history is the host page's: it must not add entries to
    // it, and its URL keeps the view (and `origin`) the host gave it.
    let sync_url = !link.embed;
    // index.html's prerendered diagram (the default view, in English) is
    // taken off the page, and adopted on a default load (see `adopt`).
    let adopt = adopt::take(initial.view.scene).filter(|_| default_load() && !link.embed);
    view! { <Explorer initial=initial embed=link.embed problems=parsed.problems sync_url=sync_url adopt /> }
}

/// Whether the page opens the default view in English (no query, English
/// chosen or the browser's): the explorer then adopts index.html's
/// prerendered diagram and may mount before the core's code is there (see
/// `core_api`); any other load waits for it.
pub fn default_load() -> bool {
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let lang = state::stored_lang()
        .or_else(state::browser_lang)
        .unwrap_or_default();
    query.len() <= 1 && lang == eksnet::Lang::En
}

/// The explorer, started from any state (the default, a test's, a link's).
#[component]
pub fn Explorer(
    /// The state to start from.
    initial: Initial,
    /// Embed mode: only the diagram and the smallest useful controls.
    #[prop(optional)]
    embed: bool,
    /// Problems found reading the link the page was opened with, shown above
    /// the diagram until dismissed.
    #[prop(optional)]
    problems: Vec<String>,
    /// Keep the page's URL in step with the state (the real page, not tests).
    #[prop(optional)]
    sync_url: bool,
    /// A prerendered drawing of the first view to show until the explorer's
    /// own is there: the controls come first, the analysis after the page's
    /// next paint (see `adopt`).
    #[prop(optional_no_strip)]
    adopt: Option<adopt::Prerendered>,
) -> impl IntoView {
    let adopt = adopt.filter(|_| !embed);
    let Initial {
        scenario,
        view: start_view,
        lang,
    } = initial;
    let scenario = RwSignal::new(scenario);
    // The first diagram needs no diagnostics unless its scene reads them.
    let checks_later = !embed && !start_view.scene.reads_diagnostics();
    let view = RwSignal::new(start_view);
    // Scenes are laid out for the room the page gives them.
    state::follow_size(view, embed);
    let lang = RwSignal::new(lang);
    Effect::new(move |_| state::apply_lang(lang.get()));
    // Large scenarios are analysed in slices, with progress shown (see pacing).
    // With a drawing adopted, the first analysis starts after the page's
    // next paint (the controls are live), and the explorer's own drawing
    // comes a task after it.
    let (analysis, progress, whole, held) =
        pacing::analysis_after(scenario, checks_later, adopt.is_some());
    let shown = RwSignal::new(adopt.is_none());
    if adopt.is_some() {
        Effect::new(move |_| {
            if held.get() && !shown.get_untracked() {
                leptos::task::spawn_local(async move {
                    pacing::next_task().await;
                    shown.set(true);
                });
            }
        });
    }
    // The URL's first writing waits a task after the first diagram (the
    // explorer's own, when one is adopted).
    if sync_url {
        let ready = if adopt.is_some() {
            pacing::after_signal(shown.read_only(), 1)
        } else {
            pacing::after_tasks(1)
        };
        share::sync_url(scenario, view, lang, embed, ready);
    }
    // The diagram and its flow follow a large cluster's analysis a task after
    // it lands (then the drawing is laid out in a task of its own); a small
    // one's at once.
    let drawn = pacing::drawn(analysis, adopt.is_some().then(|| shown.read_only()));
    let own = Memo::new(move |_| drawn.with(Option::is_some));
    let flow = Memo::new(move |_| view.with(|v| v.flow.clone()));
    let trace = Memo::new_with_compare(
        move |_| {
            let f = flow.get()?;
            drawn
                .with(|a| a.as_ref().and_then(|a| core_api::trace(a, &f)))
                .map(Arc::new)
        },
        |_, _| true,
    );
    // A step past the flow's last (`step=99` in a link) shows the last step.
    Effect::new(move |_| {
        let n = trace.with(|t| t.as_ref().map_or(0, |t| t.hops.len()));
        if n > 0 && view.with_untracked(|v| v.step.is_some_and(|k| k >= n)) {
            view.update(|v| v.step = Some(n - 1));
        }
    });
    // The scene is laid out with the trace already made for the steps panel.
    // Until then, the adopted drawing's stand-in (no shapes).
    let stand_in = adopt.as_ref().map(|p| p.stand_in.clone());
    let scene = Memo::new(move |_| {
        drawn.with(|a| match a {
            Some(a) => {
                trace.with(|t| view.with(|v| (core_api::core().layout_traced)(a, v, t.as_deref())))
            }
            None => {
                let kind = view.with(|v| v.scene);
                stand_in.as_ref().map_or_else(
                    || adopt::StandIn::empty(kind).scene(kind),
                    |s| s.scene(kind),
                )
            }
        })
    });
    let tab = RwSignal::new(panels::Tab::Path);
    // Below about 900 px the side panel is a drawer, closed at first.
    let side_hidden = RwSignal::new(state::narrow());
    let focus = RwSignal::new(None::<String>);
    // A first visit starts with the orientation; "?" brings it back (and opens
    // the side panel where it sits).
    let orientation = RwSignal::new(!embed && !orientation::dismissed());
    Effect::new(move |was: Option<bool>| {
        let on = orientation.get();
        if was.is_some() && on {
            side_hidden.set(false);
        }
        on
    });
    let on_select = Callback::new(move |id: Option<eksnet::ElementId>| {
        let some = id.is_some();
        view.update(|v| v.selection = id);
        if some {
            tab.set(panels::Tab::Details);
        }
    });

    if embed {
        return (later::parts().embedded)(Embedded {
            scenario,
            view,
            lang,
            analysis,
            progress,
            trace,
            scene,
            problems,
            on_select,
        });
    }

    let max_pods_open = RwSignal::new(false);
    // Files or a folder dropped anywhere on the page are imported (see `import`).
    let imp = import::Importer::new(scenario);
    provide_context(imp);
    // The import's undo, for the form's undo bar and the import panel.
    provide_context(imp.undo);
    // The diagram first: the share bar, the console and the (hidden) Max pods
    // and import panels are built a task later, the side panel two tasks
    // later or, if the first analysis's checks come later (see
    // pacing::analysis), a task after them; the Max pods panel's contents
    // when it first opens.
    let (later, side_after) = if adopt.is_some() {
        (
            pacing::after_signal(shown.read_only(), 1),
            pacing::after_signal(shown.read_only(), 2),
        )
    } else {
        (pacing::after_tasks(1), pacing::after_tasks(2))
    };
    let adopted = adopt.map(|p| adopt::Adopted {
        svg: p.svg,
        kind: p.stand_in.kind,
        own,
    });
    // The page answers input once its controls are on it (see `adopt`).
    let app_ref = NodeRef::<leptos::html::Div>::new();
    app_ref.on_load(|app| adopt::mark_live(&app));
    // The side panel shows the diagnostics: not before the checks have run,
    // and not in the task that holds the whole analysis (the diagram is laid
    // out again there) but in the next (once built it follows every analysis).
    let side_later = RwSignal::new(false);
    // The parts' code may come in a chunk of its own (see `later`).
    let parts = later::ready();
    Effect::new(move |_| {
        if side_after.get() && whole.get() && !side_later.get_untracked() {
            leptos::task::spawn_local(async move {
                pacing::next_task().await;
                side_later.set(true);
            });
        }
    });
    view! {
        <style>{eksnet::svg::SCENE_CSS}</style>
        <div class="app" node_ref=app_ref on:dragover=import::on_dragover on:drop=move |ev| import::on_drop(ev, imp)>
            <header::Header lang max_pods_open orientation import_open=imp.open />
            <scene_tabs::ScenePicker view lang />
            <div class="workspace" class:side-hidden=move || side_hidden.get()>
                <main class="stage" id="diagram-panel" role="tabpanel"
                    aria-labelledby=move || scene_tabs::tab_id(view.with(|v| v.scene))>
                    <LinkProblems problems lang />
                    <pacing::AnalysisProgress progress lang />
                    <diagram::Diagram scene lang view on_select side_hidden adopted>
                        <controls::quick::QuickReplicas scenario lang />
                        {move || own.get().then(|| untrack(|| view! {
                            <controls::quick::QuickNode analysis view lang />
                        }))}
                        <caption::SceneCaption scene lang />
                    </diagram::Diagram>
                    {move || if later.get() && parts.get() {
                        Either::Left(untrack(|| (later::parts().under_diagram)(later::UnderDiagram {
                            scenario, view, lang, scene, analysis,
                        })))
                    } else {
                        Either::Right(later_room(lang))
                    }}
                </main>
                // Hidden, not removed: nothing typed in the form is lost.
                <div class="side-wrap" hidden=move || side_hidden.get()>
                    {move || (side_later.get() && parts.get()).then(|| untrack(|| (later::parts().side)(later::Side {
                        scenario, view, lang, analysis, scene, trace, tab, focus, orientation, max_pods_open,
                    })))}
                </div>
                {move || (later.get() && parts.get()).then(|| untrack(|| (later::parts().overlays)(later::Overlays {
                    scenario, lang, max_pods_open, imp,
                })))}
            </div>
        </div>
    }
    .into_any()
}

/// The room the share bar and the console take under the diagram, kept
/// until they are built (a task after the first diagram): their outer boxes,
/// invisible and inert, so that the diagram's frame has its final height from
/// the first task and its drawing does not move when they arrive.
fn later_room(lang: RwSignal<eksnet::Lang>) -> impl IntoView {
    view! {
        <div class="later-room" aria-hidden="true">
            <details class="share-bar"><summary>{i18n::tr(lang, i18n::SHARE)}</summary></details>
            <section class="console">
                <div class="console-bar">
                    <button type="button" class="console-toggle" tabindex="-1">"▸ "{i18n::tr(lang, i18n::CONSOLE)}</button>
                    <div class="console-cmds"><button type="button" class="cmd" tabindex="-1">"get pods"</button></div>
                </div>
                {panels::kubectl::tall().then(|| view! { <pre class="console-out"></pre> })}
            </section>
        </div>
    }
}

/// What the embedded explorer paints with (see [`embedded`]).
pub struct Embedded {
    scenario: RwSignal<eksnet::Scenario>,
    view: RwSignal<eksnet::View>,
    lang: RwSignal<eksnet::Lang>,
    analysis: Memo<Arc<eksnet::Analysis>>,
    progress: RwSignal<Option<eksnet::pace::Progress>>,
    trace: Memo<Option<Arc<eksnet::Trace>>>,
    scene: Memo<eksnet::Scene>,
    problems: Vec<String>,
    on_select: Callback<Option<eksnet::ElementId>>,
}

/// The explorer in an embed: only the diagram and its flow controls. Built
/// through [`later`]'s table: its code, and the embed API's, is with the
/// page's later parts, not in the full page's first load.
pub(crate) fn embedded(e: Embedded) -> AnyView {
    let Embedded {
        scenario,
        view,
        lang,
        analysis,
        progress,
        trace,
        scene,
        problems,
        on_select,
    } = e;
    // The host page may drive the view and play the flow (see `embed`).
    let playing = RwSignal::new(false);
    embed::connect(embed::Host {
        scenario,
        view,
        lang,
        playing,
        analysis,
        trace,
        scene,
    });
    let on_goto = Callback::new(move |_: String| {});
    let full = move || {
        let l = scenario.with(|s| view.with(|v| share::link_of(s, v, lang.get(), false)));
        format!("?{}", core_api::to_query(&l))
    };
    // The diagram takes the whole frame; mode, flow and steps sit in its
    // toolbar, always in view, and the steps open as a drawer over it.
    view! {
        <style>{eksnet::svg::SCENE_CSS}</style>
        <div class="app embed" data-embed="">
            <LinkProblems problems lang />
            <main class="stage" id="diagram-panel">
                <pacing::AnalysisProgress progress lang />
                <diagram::Diagram scene lang view on_select>
                    <panels::path::PathPanel scenario view lang analysis trace on_goto playing compact=true />
                    <a class="open-full" href=full target="_blank" rel="noopener">{i18n::tr(lang, i18n::OPEN_FULL)}</a>
                </diagram::Diagram>
            </main>
        </div>
    }
    .into_any()
}

/// What could not be read from the link the page was opened with.
#[component]
fn LinkProblems(
    /// The problems (empty: nothing is shown).
    problems: Vec<String>,
    /// The language.
    lang: RwSignal<eksnet::Lang>,
) -> impl IntoView {
    let shown = RwSignal::new(!problems.is_empty());
    view! {
        <Show when=move || shown.get()>
            <div class="link-problems" role="alert" data-control="link-notice">
                <p><strong>{i18n::tr(lang, i18n::LINK_PROBLEM)}</strong></p>
                <ul>{problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                <button type="button" on:click=move |_| shown.set(false)>{i18n::tr(lang, i18n::DISMISS)}</button>
            </div>
        </Show>
    }
}
