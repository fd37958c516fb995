//! The parts of the core's API the explorer uses beyond `analyze` and `layout`,
//! in one place: tracing a flow, the kubectl views and the instance types. Each
//! is a thin call into `eksnet`.

use eksnet::{Analysis, Flow, Trace};

/// The core's trace of `flow`.
pub fn trace(analysis: &Analysis, flow: &Flow) -> Option<Trace> {
    Some(eksnet::trace(analysis, flow))
}

/// The kubectl commands with something to show for the analysed scenario
/// (`kubectl get svc`, ...), without their output (cheap at any size).
pub fn kubectl_commands(analysis: &Analysis) -> Vec<String> {
    eksnet::kubectl::commands(analysis)
}

/// What one of [`kubectl_commands`] prints, yielding to the browser every
/// [`SLICE_MS`](crate::pacing::SLICE_MS) or so while `get pods` reads a large
/// cluster's pods.
pub async fn kubectl_output_paced(analysis: &Analysis, command: &str) -> Option<String> {
    eksnet::kubectl::output_paced(analysis, command, crate::pacing::slicer()).await
}

/// Every EC2 instance type the core knows the network limits of.
pub fn instance_types() -> Vec<&'static str> {
    eksnet::cni::limits::all().iter().map(|l| l.name).collect()
}
