//! The analysis, computed without freezing the page.
//!
//! A small scenario (up to [`LARGE_NODES`] nodes) is analysed at once, inside the
//! update that changed it, as a plain memo would, never pausing. A large one (100,000 nodes take seconds in the browser) runs
//! through the core's [`eksnet::analyze_paced`]: every ~[`SLICE_MS`] of work it
//! hands control back to the browser, which keeps painting and taking input while
//! [`AnalysisProgress`] shows how far the analysis has come. The diagram keeps the
//! previous analysis until the new one is ready; a newer scenario abandons an
//! analysis still running.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use eksnet::pace::{Progress, Stage};
use eksnet::{Analysis, Lang, Scenario};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Longest stretch of analysis, in milliseconds, between two yields to the browser.
pub const SLICE_MS: f64 = 30.0;

/// The analysis of `scenario`, kept current, the progress of one under way
/// (`None` when none is), and whether the analysis held is whole (false only
/// while the first one's checks are still to run, see `checks_later`).
///
/// `checks_later`: the page's first analysis, when small, leaves its checks
/// (their diagnostics) to later tasks ([`eksnet::analyze_unchecked`], then
/// [`eksnet::Checks`], one piece per task, then the whole analysis in a task
/// of its own): on a first load the browser compiles each function of the
/// core as it first runs, and the checks (with the flows they trace) are much
/// of that code, which the first diagram does not need; run in one task they
/// held the page for longer than a frame. Only for a scene that does not read
/// the diagnostics ([`eksnet::SceneKind::reads_diagnostics`]), and before the
/// panels that show them are built (they wait for the whole analysis).
pub fn analysis(
    scenario: RwSignal<Scenario>,
    checks_later: bool,
) -> (
    Memo<Arc<Analysis>>,
    RwSignal<Option<Progress>>,
    ReadSignal<bool>,
) {
    let (memo, progress, whole, _) = analysis_after(scenario, checks_later, false);
    (memo, progress, whole)
}

/// What [`analysis_after`] gives: the analysis, its progress, whether it is
/// whole, and whether one is held.
pub type Analysed = (
    Memo<Arc<Analysis>>,
    RwSignal<Option<Progress>>,
    ReadSignal<bool>,
    Memo<bool>,
);

/// As [`analysis`]; with `wait`, the first analysis starts in a task after
/// the page's next paint (the page answers input first, see `adopt`), and nothing may read the memo
/// before the fourth signal (whether an analysis is held) turns true: until
/// then it would analyse an empty scenario in its place. A change of the
/// scenario meanwhile starts its analysis at once, as always.
pub fn analysis_after(scenario: RwSignal<Scenario>, checks_later: bool, wait: bool) -> Analysed {
    let progress = RwSignal::new(None);
    let whole = RwSignal::new(true);
    let generation = StoredValue::new(0u64);
    // `None` until the first analysis is ready (at once, unless it is large).
    let result = RwSignal::new(None::<Arc<Analysis>>);
    let first = StoredValue::new(checks_later);
    let run = move |s: Scenario| {
        let core = crate::core_api::core();
        let mine = generation.get_value().wrapping_add(1);
        generation.set_value(mine);
        let checks_later = first.get_value();
        first.set_value(false);
        if !large(&s) {
            // Never a pause: a pause would let later tasks (the panels built
            // after the first diagram) run before this analysis is painted.
            // The first analysis of the page also compiles the core's code as
            // it runs (the browser compiles WebAssembly on first call), which
            // can take longer than a slice without the scenario being large.
            progress.set(None);
            let old = result.get_untracked();
            if checks_later {
                let unchecked = Arc::new((core.analyze_unchecked)(&s));
                result.set(Some(unchecked.clone()));
                whole.set(false);
                leptos::task::spawn_local(check_later(unchecked, generation, mine, result, whole));
            } else {
                result.set(Some(Arc::new((core.analyze)(&s))));
                whole.set(true);
            }
            drop_later(old);
            return;
        }
        whole.set(true);
        start_large(s, progress, generation, mine, result);
    };
    // The core's code may still be on its way (see `core_api`): then the
    // analysis starts once it is there, of the scenario as it is by then (one
    // wait, however many edits came meanwhile).
    let waiting = StoredValue::new(false);
    let start = move |s: Scenario| {
        if crate::core_api::loaded().is_some() {
            run(s);
            return;
        }
        if waiting.get_value() {
            return;
        }
        waiting.set_value(true);
        leptos::task::spawn_local(async move {
            crate::core_api::load().await;
            // `Some`: the value is gone with the explorer.
            if waiting.try_set_value(false).is_some() {
                return;
            }
            if let Some(s) = scenario.try_get_untracked() {
                run(s);
            }
        });
    };
    if wait {
        leptos::task::spawn_local(async move {
            after_paint().await;
            crate::core_api::load().await;
            // None started meanwhile (a change of the scenario starts its own).
            if generation.try_get_value() == Some(0) {
                start(scenario.get_untracked());
            }
        });
    } else {
        start(scenario.get_untracked());
    }
    Effect::new(move |first: Option<()>| {
        scenario.track();
        if first.is_some() {
            start(scenario.get_untracked());
        }
    });
    // A new analysis is always "changed": comparing two would cost as much as
    // making one. Until the first is ready (a large scenario), the diagram shows
    // an empty model, with none of the empty scenario's diagnostics (they are not
    // the person's); a small scenario never makes it.
    let memo = Memo::new_with_compare(
        move |_| {
            result.get().unwrap_or_else(|| {
                let mut empty = (crate::core_api::core().analyze)(&Scenario::default());
                empty.diagnostics.clear();
                Arc::new(empty)
            })
        },
        |_, _| true,
    );
    let held = Memo::new(move |_| result.with(Option::is_some));
    (memo, progress, whole.read_only(), held)
}

/// Runs the checks of `unchecked` a piece per task, then, in a task of its
/// own, holds the whole analysis (the diagram is laid out again from it, and
/// comes out the same); abandoned once a newer analysis started.
async fn check_later(
    unchecked: Arc<Analysis>,
    generation: StoredValue<u64>,
    mine: u64,
    result: RwSignal<Option<Arc<Analysis>>>,
    whole: RwSignal<bool>,
) {
    let current = move || generation.try_get_value() == Some(mine);
    let core = crate::core_api::core();
    let mut checks = (core.checks_new)(&unchecked);
    loop {
        next_task().await;
        if !current() {
            return;
        }
        if !(core.checks_step)(&mut checks, &unchecked) {
            break;
        }
    }
    let checked = (core.checks_finish)(checks, &unchecked);
    result.set(Some(Arc::new(checked)));
    whole.set(true);
}

/// Starts the paced analysis of a large scenario (see [`analysis`]). A
/// function of its own: a small scenario's first load never compiles it (the
/// browser compiles each WebAssembly function when it first runs).
#[inline(never)]
fn start_large(
    s: Scenario,
    progress: RwSignal<Option<Progress>>,
    generation: StoredValue<u64>,
    mine: u64,
    result: RwSignal<Option<Arc<Analysis>>>,
) {
    // A large cluster yields at its first pause already: building its model
    // is then a task of its own, not part of the click (or the page load)
    // that asked for it.
    let last = Rc::new(Cell::new(0.0));
    let pause: crate::core_api::Pause = Box::new(move |p: Progress| {
        let slow = js_sys::Date::now() - last.get() > SLICE_MS;
        if slow {
            progress.set(Some(p));
        }
        let last = last.clone();
        Box::pin(async move {
            if slow {
                next_task().await;
                last.set(js_sys::Date::now());
            }
        })
    });
    let work = (crate::core_api::core().analyze_paced)(s, pause);
    let mut task = Current {
        work,
        generation,
        mine,
    };
    let finish = move |a: Analysis| {
        progress.set(None);
        // The old analysis is freed in a later task: freeing millions of pods
        // takes as long as a slice of work.
        let old = result.get_untracked();
        result.set(Some(Arc::new(a)));
        drop_later(old);
    };
    // The first slice runs now.
    match Pin::new(&mut task).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(Some(a)) => finish(a),
        Poll::Ready(None) => {}
        Poll::Pending => leptos::task::spawn_local(async move {
            if let Some(a) = task.await {
                // Painting the result is a task of its own, not the last
                // slice's: each stays short.
                next_task().await;
                if generation.try_get_value() == Some(mine) {
                    finish(a);
                }
            }
        }),
    }
}

/// Drops `old` (an analysis replaced) in a later task: freeing millions of pods
/// takes as long as a slice of work.
fn drop_later(old: Option<Arc<Analysis>>) {
    if old.is_some() {
        leptos::task::spawn_local(async move {
            next_task().await;
            drop(old);
        });
    }
}

/// Nodes above which a scenario is analysed from its first pause on in tasks of
/// their own (the 1,000-node cluster still answers within a frame budget).
pub const LARGE_NODES: u64 = 2_000;

/// Whether `s` asks for more than [`LARGE_NODES`] nodes (its node groups' sizes;
/// a cheap look before the model is built).
pub fn large(s: &Scenario) -> bool {
    let nodes: u64 = s
        .node_groups
        .iter()
        .map(|g| u64::from(g.desired_size).max(g.nodes.len() as u64))
        .sum();
    nodes > LARGE_NODES
}

/// A signal that turns true `n` tasks of the browser after the one that made it
/// (each a task of its own, with the browser free to paint and take input
/// between them): parts of the page not needed for the first look (the side
/// panel, the console, the share bar) are built then, after the diagram is on
/// screen, instead of lengthening the task that puts it there, and in more than
/// one task so that none of those holds the page for long either.
pub fn after_tasks(n: u32) -> RwSignal<bool> {
    let ready = RwSignal::new(false);
    set_after_tasks(ready, n);
    ready
}

/// Pods above which [`deferred`] hands panels the analysis a task later.
pub const DEFER_PODS: usize = 100_000;

/// `analysis`, for a panel that may follow a task behind the diagram: for a large
/// cluster (more than [`DEFER_PODS`] pods) the panel's own work (e.g. sorting
/// millions of pods for `kubectl get pods`) then runs in a task of its own instead
/// of lengthening the one that paints the diagram. Small scenarios follow at once.
pub fn deferred(analysis: Memo<Arc<Analysis>>) -> RwSignal<Arc<Analysis>> {
    let out = RwSignal::new(analysis.get_untracked());
    Effect::new(move |_| {
        let a = analysis.get();
        if out.with_untracked(|o| Arc::ptr_eq(o, &a)) {
            return;
        }
        hand_over(analysis, a, move |a| out.set(a));
    });
    out
}

/// Gives `a`, the newest of `analysis`, to `set`: at once for a small
/// cluster, a task later for a large one (see [`DEFER_PODS`]), and then only
/// if no newer analysis arrived meanwhile.
fn hand_over(
    analysis: Memo<Arc<Analysis>>,
    a: Arc<Analysis>,
    set: impl FnOnce(Arc<Analysis>) + 'static,
) {
    if a.ipam.pods.len() <= DEFER_PODS {
        set(a);
        return;
    }
    leptos::task::spawn_local(async move {
        next_task().await;
        if Arc::ptr_eq(&a, &analysis.get_untracked()) {
            set(a);
        }
    });
}

/// `analysis` for the diagram: as [`deferred`], but `None` until `open` turns
/// true (`None` for `open`: at once), so that nothing reads the analysis
/// before it is held (see [`analysis_after`]).
pub fn drawn(
    analysis: Memo<Arc<Analysis>>,
    open: Option<ReadSignal<bool>>,
) -> RwSignal<Option<Arc<Analysis>>> {
    let out = RwSignal::new(open.is_none().then(|| analysis.get_untracked()));
    Effect::new(move |_| {
        if open.is_some_and(|o| !o.get()) {
            return;
        }
        let a = analysis.get();
        let (same, none) =
            out.with_untracked(|o| (o.as_ref().is_some_and(|o| Arc::ptr_eq(o, &a)), o.is_none()));
        if same {
            return;
        }
        if none {
            out.set(Some(a));
            return;
        }
        hand_over(analysis, a, move |a| out.set(Some(a)));
    });
    out
}

/// A signal that turns true `n` tasks after `signal` first did (see
/// [`after_tasks`]).
pub fn after_signal(signal: ReadSignal<bool>, n: u32) -> RwSignal<bool> {
    let ready = RwSignal::new(false);
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) || !signal.get() {
            return started.unwrap_or(false);
        }
        set_after_tasks(ready, n);
        true
    });
    ready
}

/// Sets `ready` true `n` tasks of the browser from now.
fn set_after_tasks(ready: RwSignal<bool>, n: u32) {
    leptos::task::spawn_local(async move {
        for _ in 0..n {
            next_task().await;
        }
        ready.set(true);
    });
}

/// A pause for the core's paced work: a future that yields to the browser (a
/// later task) once [`SLICE_MS`] passed since the last yield, and is ready at
/// once otherwise, so that a small job finishes in the task that asked for it.
pub fn slicer() -> impl FnMut() -> Pin<Box<dyn Future<Output = ()>>> {
    let last = Rc::new(Cell::new(js_sys::Date::now()));
    move || {
        let last = last.clone();
        Box::pin(async move {
            if js_sys::Date::now() - last.get() > SLICE_MS {
                next_task().await;
                last.set(js_sys::Date::now());
            }
        })
    }
}

/// Resolves in a later task of the browser's event loop (after it painted and
/// handled input).
pub(crate) async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(resolve.unchecked_ref());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a task after the browser's next paint (an animation frame,
/// then a task), or after [`PAINT_WAIT_MS`] if no frame comes (a page
/// opened in a background tab): what was queued before (input, a task
/// waiting for the page to be free) runs first.
pub(crate) async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else {
            return;
        };
        let (w2, r2) = (w.clone(), resolve.clone());
        let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = w2.set_timeout_with_callback(r2.unchecked_ref());
        });
        let _ = w.request_animation_frame(frame.unchecked_ref());
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
            resolve.unchecked_ref(),
            PAINT_WAIT_MS,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The longest [`after_paint`] waits for a frame, in milliseconds.
pub const PAINT_WAIT_MS: i32 = 100;

/// `work`, abandoned (finishing with `None`) once a newer analysis started.
struct Current<F: ?Sized> {
    work: Pin<Box<F>>,
    generation: StoredValue<u64>,
    mine: u64,
}

impl<F: Future + ?Sized> Future for Current<F> {
    type Output = Option<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if this.generation.try_get_value() != Some(this.mine) {
            return Poll::Ready(None);
        }
        this.work.as_mut().poll(cx).map(Some)
    }
}

/// What a long analysis is doing, with a progress bar; nothing when none runs.
#[component]
pub fn AnalysisProgress(
    /// The progress of the analysis under way.
    progress: RwSignal<Option<Progress>>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    move || {
        progress.get().map(|p| {
            let l = lang.get();
            let count = (p.stage == Stage::PodIps).then(|| match l {
                Lang::Ko => format!("노드 {} / {}", p.done, p.total),
                _ => format!("{} / {} nodes", p.done, p.total),
            });
            view! {
                <div class="analysing" role="status" data-control="analysis-progress"
                    data-stage=format!("{:?}", p.stage) data-done=p.done data-total=p.total>
                    <span>{p.stage.text().get(l).to_string()}"…"</span>
                    <progress max=p.total value=p.done></progress>
                    {count.map(|c| view! { <span class="count">{c}</span> })}
                </div>
            }
        })
    }
}
