//! The core's heavy entry points, in one place: the analysis (whole, unchecked,
//! paced, its checks), the scenes' layout and drawing, tracing a flow, the
//! kubectl views, the exports, and the share link's and the scenario
//! document's readers and writers (the importers have a table of their own,
//! [`crate::import_api`]). The explorer calls them through [`core`], a table of
//! the core's functions.
//!
//! With the `split` feature, that table sits behind one WebAssembly split point
//! (`wasm_split`): a build split after linking (see docs/size.md, "Code
//! splitting") keeps every function reachable only from the table out of the
//! main module, in a chunk fetched while the page's first task runs. [`load`]
//! awaits it; [`core`] then hands the table out synchronously. Without the
//! feature (the tests, Trunk's own build) the table is there at once.

use std::future::Future;
use std::pin::Pin;

use eksnet::cni::max_pods::{MaxPodsError, Question, TruthTable};
use eksnet::pace::Progress;
use eksnet::share::{Link, ParsedLink};
use eksnet::{Analysis, Checks, Flow, Lang, ParseError, Scenario, Scene, Text, Trace, View};

/// A pause of the paced analysis, boxed (one type for the table).
pub type Pause = Box<dyn FnMut(Progress) -> Pin<Box<dyn Future<Output = ()>>>>;

/// A boxed future, as the table's paced functions return them.
pub type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// The core's functions the explorer calls (see the module docs).
pub struct Core {
    /// [`eksnet::analyze`].
    pub analyze: fn(&Scenario) -> Analysis,
    /// [`eksnet::analyze_unchecked`].
    pub analyze_unchecked: fn(&Scenario) -> Analysis,
    /// [`eksnet::analyze_paced`], with one boxed pause type.
    pub analyze_paced: fn(Scenario, Pause) -> Boxed<'static, Analysis>,
    /// [`eksnet::Checks::new`].
    pub checks_new: fn(&Analysis) -> Checks,
    /// [`eksnet::Checks::step`].
    pub checks_step: fn(&mut Checks, &Analysis) -> bool,
    /// [`eksnet::Checks::finish`], into a copy of the unchecked analysis: the
    /// checked analysis (the copy's code, ~14 KB, then stays out of the page's
    /// first module).
    pub checks_finish: fn(Checks, &Analysis) -> Analysis,
    /// [`eksnet::layout`].
    pub layout: fn(&Analysis, &View) -> Scene,
    /// [`eksnet::scene::layout_traced`].
    pub layout_traced: fn(&Analysis, &View, Option<&Trace>) -> Scene,
    /// [`eksnet::svg::drawing`].
    pub drawing: fn(&Scene, Lang) -> Vec<String>,
    /// [`eksnet::svg::render`].
    pub render: fn(&Scene, Lang) -> String,
    /// [`eksnet::svg::export_frame`]'s size: width and height.
    pub export_size: fn(&Scene, Lang) -> (f64, f64),
    /// [`eksnet::trace`].
    pub trace: fn(&Analysis, &Flow) -> Trace,
    /// [`eksnet::trace::flows`].
    pub flows: fn(&Analysis) -> Vec<eksnet::trace::FlowGroup>,
    /// [`eksnet::element_name`].
    pub element_name: fn(&Analysis, &eksnet::ElementId) -> Text,
    /// [`eksnet::kubectl::commands`].
    pub kubectl_commands: fn(&Analysis) -> Vec<String>,
    /// [`eksnet::kubectl::output_paced`], with the explorer's slicer.
    pub kubectl_output: for<'a> fn(&'a Analysis, &'a str) -> Boxed<'a, Option<String>>,
    /// [`eksnet::share::from_query`].
    pub from_query: fn(&str) -> ParsedLink,
    /// [`eksnet::share::to_query`].
    pub to_query: fn(&Link) -> String,
    /// [`Scenario::from_json`].
    pub from_json: fn(&str) -> Result<Scenario, ParseError>,
    /// [`Scenario::to_json`].
    pub to_json: fn(&Scenario) -> String,
    /// [`eksnet::cni::max_pods::truth_table`].
    pub truth_table: fn(&str, &Question) -> Result<TruthTable, MaxPodsError>,
    /// The names of [`eksnet::cni::limits::all`].
    pub instance_types: fn() -> Vec<&'static str>,
}

fn analyze_paced(s: Scenario, pause: Pause) -> Boxed<'static, Analysis> {
    Box::pin(async move { eksnet::analyze_paced(&s, pause).await })
}

fn kubectl_output<'a>(a: &'a Analysis, command: &'a str) -> Boxed<'a, Option<String>> {
    Box::pin(eksnet::kubectl::output_paced(
        a,
        command,
        crate::pacing::slicer(),
    ))
}

fn all_instance_types() -> Vec<&'static str> {
    eksnet::cni::limits::all().iter().map(|l| l.name).collect()
}

fn checked(checks: Checks, unchecked: &Analysis) -> Analysis {
    let mut a = unchecked.clone();
    a.diagnostics = checks.finish(unchecked);
    a
}

fn export_size(scene: &Scene, lang: Lang) -> (f64, f64) {
    let f = eksnet::svg::export_frame(scene, lang);
    (f.width, f.height)
}

static TABLE: Core = Core {
    analyze: eksnet::analyze,
    analyze_unchecked: eksnet::analyze_unchecked,
    analyze_paced,
    checks_new: Checks::new,
    checks_step: Checks::step,
    checks_finish: checked,
    layout: eksnet::layout,
    layout_traced: eksnet::scene::layout_traced,
    drawing: eksnet::svg::drawing,
    render: eksnet::svg::render,
    export_size,
    trace: eksnet::trace,
    flows: eksnet::trace::flows,
    element_name: eksnet::element_name,
    kubectl_commands: eksnet::kubectl::commands,
    kubectl_output,
    from_query: eksnet::share::from_query,
    to_query: eksnet::share::to_query,
    from_json: Scenario::from_json,
    to_json: Scenario::to_json,
    truth_table: eksnet::cni::max_pods::truth_table,
    instance_types: all_instance_types,
};

crate::chunk::split_table!(core, Core, &TABLE);

/// Starts [`load`] in the background, in a task after the current one (the
/// page's first task stays as short as it was; the first analysis awaits the
/// same load). Leptos' executor may not be set up yet: the page mounts after
/// this.
pub fn preload() {
    if loaded().is_some() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        crate::pacing::next_task().await;
        load().await;
    });
}

/// The table. Everything that calls it runs after [`load`]: the page mounts
/// after it unless it adopts the prerendered diagram, and then the first
/// analysis (see `pacing::analysis_after`) awaits it (a file dropped on the
/// page at once is read by the importers' own chunk, [`crate::import_api`],
/// and its scenario analysed as any change); every other caller needs an
/// analysis first, or is built after the first one (the share bar, the
/// panels, the URL's first writing; a link's reader runs in a page that
/// mounted after the load). The smoke test makes input while the chunk is held
/// back, and the site's build fails when the main module holds the code of
/// what the table reaches (tools/split-dist.sh, `guard`).
pub fn core() -> &'static Core {
    loaded().expect("the core's code is loaded before it is called")
}

/// The core's trace of `flow`.
pub fn trace(analysis: &Analysis, flow: &Flow) -> Option<Trace> {
    Some((core().trace)(analysis, flow))
}

/// The kubectl commands with something to show for the analysed scenario
/// (`kubectl get svc`, ...), without their output (cheap at any size).
pub fn kubectl_commands(analysis: &Analysis) -> Vec<String> {
    (core().kubectl_commands)(analysis)
}

/// What one of [`kubectl_commands`] prints, yielding to the browser every
/// [`SLICE_MS`](crate::pacing::SLICE_MS) or so while `get pods` reads a large
/// cluster's pods.
pub async fn kubectl_output_paced(analysis: &Analysis, command: &str) -> Option<String> {
    (core().kubectl_output)(analysis, command).await
}

/// A link's query read ([`eksnet::share::from_query`]).
pub fn from_query(query: &str) -> ParsedLink {
    (core().from_query)(query)
}

/// A link's query ([`eksnet::share::to_query`]).
pub fn to_query(link: &Link) -> String {
    (core().to_query)(link)
}

/// A scenario document read ([`Scenario::from_json`]).
pub fn from_json(text: &str) -> Result<Scenario, ParseError> {
    (core().from_json)(text)
}

/// A scenario as its JSON document ([`Scenario::to_json`]).
pub fn to_json(scenario: &Scenario) -> String {
    (core().to_json)(scenario)
}

/// Every EC2 instance type the core knows the network limits of.
pub fn instance_types() -> Vec<&'static str> {
    (core().instance_types)()
}

/// The max-pods truth table of an instance type
/// ([`eksnet::cni::max_pods::truth_table`]).
pub fn truth_table(instance_type: &str, q: &Question) -> Result<TruthTable, MaxPodsError> {
    (core().truth_table)(instance_type, q)
}
