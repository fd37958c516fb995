//! The parts of the core's API the explorer uses beyond `analyze` and `layout`,
//! in one place: tracing a flow, the kubectl views and the instance types. Each
//! is a thin call into `eksnet`.

use eksnet::{Analysis, Flow, Trace};

/// The core's trace of `flow`.
pub fn trace(analysis: &Analysis, flow: &Flow) -> Option<Trace> {
    Some(eksnet::trace(analysis, flow))
}

pub use eksnet::kubectl::KubectlView;

/// The kubectl views of the analysed scenario (`kubectl get svc`, ...).
pub fn kubectl(analysis: &Analysis) -> Vec<KubectlView> {
    eksnet::kubectl::views(analysis)
}

/// Every EC2 instance type the core knows the network limits of.
pub fn instance_types() -> Vec<&'static str> {
    eksnet::cni::limits::all().iter().map(|l| l.name).collect()
}
