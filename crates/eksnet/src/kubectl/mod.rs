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
/// `get nodes -o wide`, `get pods -o wide` (`-A` when nothing runs in `default`),
/// `get svc`, `get ingress`. Node and pod views show at most [`nodes::VIEW_ROWS`]
/// rows (then a line saying how many more), so that a 100,000-node cluster stays
/// cheap to show.
pub fn views(a: &Analysis) -> Vec<KubectlView> {
    let mut out = Vec::new();
    if !a.model.nodes.is_empty() {
        out.push(KubectlView {
            command: "kubectl get nodes -o wide".into(),
            output: nodes::nodes_table(a, true, Some(nodes::VIEW_ROWS)),
        });
    }
    if !a.ipam.pods.is_empty() {
        let in_default = a.ipam.pods.iter().any(|p| p.namespace == "default");
        out.push(KubectlView {
            command: if in_default {
                "kubectl get pods -o wide".into()
            } else {
                "kubectl get pods -A -o wide".into()
            },
            output: nodes::pods_table(
                a,
                in_default.then_some("default"),
                true,
                Some(nodes::VIEW_ROWS),
            ),
        });
    }
    out.extend(services::views(a));
    out
}
