//! What `kubectl get ...` prints for the model, in kubectl's own column layout:
//! nodes and pods (source 004, console 1; [`nodes`]), Services and Ingresses
//! (consoles 2–6; [`services`]).

pub mod nodes;
pub mod services;

use serde::Serialize;

use crate::Analysis;
pub use nodes::{get_nodes, get_pods, node_info, NodeInfo, NODE_AGE, POD_AGE};
pub use services::{get_ingress, get_svc};

/// One kubectl command and what it prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KubectlView {
    /// The command line, e.g. `kubectl get svc`.
    pub command: String,
    /// Its output, lines ending in `\n`.
    pub output: String,
}

/// Every view with something to show, in the order a person would type them:
/// `get nodes -o wide`, `get pods -o wide`, `get svc`, `get ingress`.
pub fn views(a: &Analysis) -> Vec<KubectlView> {
    let mut out = Vec::new();
    if !a.model.nodes.is_empty() {
        out.push(KubectlView {
            command: "kubectl get nodes -o wide".into(),
            output: get_nodes(a, true),
        });
    }
    if !a.ipam.pods.is_empty() {
        out.push(KubectlView {
            command: "kubectl get pods -o wide".into(),
            output: get_pods(a, Some("default"), true),
        });
    }
    out.extend(services::views(a));
    out
}
