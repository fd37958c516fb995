//! # eksnet: a model of Amazon EKS cluster networking
//!
//! eksnet answers questions about an EKS cluster's network, offline: where
//! `kubectl`, kubelet and `kubectl exec` traffic goes in each endpoint mode, which
//! IP each pod gets from which ENI, how a load-balanced request reaches a pod, and
//! why something cannot work. Every rule it applies cites its source.
//!
//! The data flow is one way:
//!
//! ```text
//! Scenario --analyze--> Analysis (Model + Diagnostics) --trace--> Trace
//! Analysis + View --layout--> Scene --svg::render--> SVG text (the web app paints the same Scene)
//! ```
//!
//! ```
//! use eksnet::{analyze, Scenario};
//! let a = analyze(&Scenario::example());
//! assert_eq!(a.model.nodes.len(), 4);
//! ```
//!
//! Nothing here panics on any scenario: problems become [`Diagnostic`]s and the
//! model keeps whatever it can understand.

#![warn(missing_docs)]

mod check;
mod cite;
pub mod cni;
pub mod codes;
mod defaults;
mod diag;
pub mod dns;
pub mod generate;
pub mod ids;
pub mod kubectl;
pub mod lb;
pub mod model;
pub mod pace;
mod parse;
#[cfg(test)]
pub(crate) mod robustness;
pub mod rules;
pub mod scenario;
pub mod scene;
pub mod share;
pub mod svg;
#[cfg(test)]
pub(crate) mod testkit;
mod text;
pub mod trace;

pub use cite::{Cite, Source};
pub use codes::Code;
pub use diag::{Diagnostic, Severity};
pub use ids::ElementId;
pub use model::Model;
pub use parse::{did_you_mean, ParseError, MAX_DOCUMENT_BYTES};
pub use scenario::{Scenario, SCENARIO_VERSION};
pub use scene::{layout, Scene, SceneKind, View};
pub use text::{Lang, Text};
pub use trace::{Flow, Hop, Link, Trace, Verdict};

/// A scenario analysed: the checked model and everything found wrong with it.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The checked model.
    pub model: Model,
    /// Pod IPs as the VPC CNI assigns them: ENIs, addresses, pods, pending pods.
    pub ipam: cni::Ipam,
    /// Services (ClusterIPs, NodePorts, endpoints), Ingresses and the load
    /// balancers made for them, with their target groups and target health.
    pub lbs: lb::LoadBalancing,
    /// Diagnostics, errors first, then by path.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Analyses a scenario: builds the checked model and runs every check. Never
/// panics; problems become diagnostics.
pub fn analyze(scenario: &Scenario) -> Analysis {
    pace::run_ready(analyze_paced(scenario, |_| std::future::ready(())))
}

/// [`analyze`], reporting its [`Progress`](pace::Progress) to `pause` between stages
/// and every [`NODES_PER_PAUSE`](pace::NODES_PER_PAUSE) nodes of the CNI simulation,
/// and awaiting the future `pause` returns (the web app yields to the browser there;
/// dropping this future between pauses abandons the work). Same result as
/// [`analyze`]. See [`pace`].
pub async fn analyze_paced<F, P>(scenario: &Scenario, mut pause: P) -> Analysis
where
    P: FnMut(pace::Progress) -> F,
    F: std::future::Future<Output = ()>,
{
    use pace::{Progress, Stage};
    let at = |stage| Progress {
        stage,
        done: 0,
        total: 1,
    };
    pause(at(Stage::Model)).await;
    let mut diagnostics = Vec::new();
    let mut model = model::build(scenario, &mut diagnostics);
    let ipam = cni::simulate_paced(&mut model, &mut diagnostics, &mut pause).await;
    pause(at(Stage::LoadBalancers)).await;
    let lbs = lb::derive(&mut model, &ipam, &mut diagnostics);
    pause(at(Stage::Checks)).await;
    check::run(&model, &mut diagnostics);
    check::data_plane(&model, &ipam, &lbs, &mut diagnostics);
    diagnostics.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.path.cmp(&b.path))
    });
    Analysis {
        model,
        ipam,
        lbs,
        diagnostics,
    }
}

/// Traces `flow` hop by hop through the analysed scenario (see [`trace`](mod@trace)).
/// Never panics: unknown clients, nodes, pods, Services or Ingresses give a blocked
/// trace with the code `unknown-client`, `unknown-node`, `unknown-pod`,
/// `unknown-service` or `unknown-ingress`.
///
/// ```
/// use eksnet::{analyze, trace, Flow, Scenario};
/// let a = analyze(&Scenario::example());
/// let t = trace(&a, &Flow::parse("exec:ip-192-168-46-6").unwrap());
/// assert!(t.is_reachable());
/// assert!(t.path().iter().any(|id| id.as_str().starts_with("eks-eni:")));
/// ```
pub fn trace(analysis: &Analysis, flow: &Flow) -> Trace {
    trace::trace(analysis, flow)
}
