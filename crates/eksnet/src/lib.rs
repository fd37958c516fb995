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

mod access;
pub mod addrmap;
mod analysis;
mod check;
mod cite;
pub mod cni;
pub mod codes;
mod defaults;
mod diag;
pub mod dns;
mod element_name;
pub mod generate;
pub mod ids;
pub mod import;
pub mod json_path;
pub mod json_pretty;
pub mod json_value;
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
pub mod sort;
pub mod stranded;
pub mod svg;
#[cfg(test)]
pub(crate) mod testkit;
pub mod text;
pub mod trace;

pub use access::EndpointAccess;
pub use analysis::{
    analyze, analyze_paced, analyze_unchecked, checked, Analysis, Checks, PodCounts,
};
pub use cite::{Cite, Source};
pub use codes::Code;
pub use diag::{Diagnostic, Severity};
pub use element_name::element_name;
pub use ids::ElementId;
pub use model::Model;
pub use parse::{did_you_mean, ParseError, MAX_DOCUMENT_BYTES};
pub use scenario::{Scenario, SCENARIO_VERSION};
pub use scene::{layout, Scene, SceneKind, View};
pub use text::{Lang, Text};
pub use trace::{Flow, Hop, Link, Trace, Verdict};

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
