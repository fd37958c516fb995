//! The parts of the core's API the explorer uses beyond `analyze` and `layout`,
//! in one place: tracing a flow, the kubectl views and the instance types. Each
//! is a thin call into `eksnet`; where the core does not offer one yet, the
//! function says so and returns nothing, and the panels show their empty state.

use eksnet::{Analysis, Flow, Trace};

/// The core's trace of `flow`.
pub fn trace(analysis: &Analysis, flow: &Flow) -> Option<Trace> {
    Some(eksnet::trace(analysis, flow))
}

/// One kubectl view: the command line and what kubectl would print.
#[derive(Debug, Clone, PartialEq)]
pub struct KubectlView {
    /// The command, e.g. `kubectl get pods -o wide`.
    pub command: String,
    /// Its output.
    pub output: String,
}

/// The kubectl views of the analysed scenario.
pub fn kubectl(_analysis: &Analysis) -> Vec<KubectlView> {
    // Pending: `eksnet::kubectl`.
    Vec::new()
}

/// Every EC2 instance type the core knows the network limits of.
pub fn instance_types() -> Vec<&'static str> {
    eksnet::cni::limits::all().iter().map(|l| l.name).collect()
}
