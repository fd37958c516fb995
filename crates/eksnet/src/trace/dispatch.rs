//! From a [`Flow`] to the function that traces it, with blocked traces (never
//! panics) for names the scenario does not have and kinds of flow not traced here.

use super::builder::{refused, Blocked};
use super::{control, pull, Flow, Trace};
use crate::cite::{Cite, Source};
use crate::ids::ElementId;
use crate::model::Model;
use crate::text;

/// Traces `flow` through the model. Never panics: an unknown client or node, or a
/// flow of a kind not traced here, gives a blocked trace with a stable code
/// (`unknown-client`, `unknown-node`, `flow-not-traced`).
pub fn trace(model: &Model, flow: &Flow) -> Trace {
    let name = flow.to_string();
    match flow {
        Flow::Kubectl { client } => match model.clients.iter().position(|c| &c.name == client) {
            Some(c) => control::kubectl(model, name, c),
            None => unknown_client(model, name, client),
        },
        Flow::Kubelet { node } => with_node(model, name, node, control::kubelet),
        Flow::Exec { node } => with_node(model, name, node, control::exec),
        Flow::Pull { node } => with_node(model, name, node, pull::pull),
        Flow::Webhook { node } => {
            // `webhook:<node>:<port>`: a trailing number is the port.
            let (key, port) = match node.rsplit_once(':') {
                Some((k, p)) => match p.parse::<u16>() {
                    Ok(p) => (k, p),
                    Err(_) => (node.as_str(), control::default_webhook_port(model)),
                },
                None => (node.as_str(), control::default_webhook_port(model)),
            };
            match model.node_index(key) {
                Some(n) => control::webhook(model, name, n, port),
                None => unknown_node(model, name, key),
            }
        }
        _ => refused(
            name,
            text!("flow not traced", "추적하지 않는 흐름"),
            Blocked {
                at: ElementId::fixed(crate::ids::fixed::VPC),
                code: "flow-not-traced",
                reason: text!(
                    "eksnet does not trace this kind of flow yet",
                    "eksnet은 아직 이런 종류의 흐름을 추적하지 않는다"
                ),
                fix: text!(
                    "trace a control-plane flow: kubectl, kubelet, exec, webhook or pull",
                    "컨트롤 플레인 흐름을 추적한다: kubectl, kubelet, exec, webhook, pull"
                ),
                cite: Cite::new(Source::S004, ""),
                field: None,
            },
        ),
    }
}

fn with_node(
    model: &Model,
    name: String,
    key: &str,
    f: fn(&Model, String, usize) -> Trace,
) -> Trace {
    match model.node_index(key) {
        Some(n) => f(model, name, n),
        None => unknown_node(model, name, key),
    }
}

pub(crate) fn unknown_client(model: &Model, flow: String, key: &str) -> Trace {
    let near = crate::did_you_mean(key, model.clients.iter().map(|c| c.name.as_str()));
    let known: Vec<&str> = model.clients.iter().map(|c| c.name.as_str()).collect();
    let list = if near.is_empty() {
        known.join(", ")
    } else {
        near.join(", ")
    };
    refused(
        flow,
        text!("kubectl on {key}", "{key}의 kubectl"),
        Blocked {
            at: ElementId::client(key),
            code: "unknown-client",
            reason: text!(
                "the scenario has no client named `{key}`",
                "시나리오에 `{key}`라는 클라이언트가 없다"
            ),
            fix: if list.is_empty() {
                text!(
                    "add a client to the scenario's clients",
                    "시나리오의 clients에 클라이언트를 추가한다"
                )
            } else {
                text!("use one of: {list}", "다음 중 하나를 쓴다: {list}")
            },
            cite: Cite::new(Source::S001, "EKS 엔드포인트"),
            field: Some("/clients".into()),
        },
    )
}

pub(crate) fn unknown_node(model: &Model, flow: String, key: &str) -> Trace {
    let names = model.nodes.iter().map(|n| control::short(&n.name));
    let near = crate::did_you_mean(key, names);
    let some: Vec<&str> = model
        .nodes
        .iter()
        .take(4)
        .map(|n| control::short(&n.name))
        .collect();
    let list = if near.is_empty() {
        some.join(", ")
    } else {
        near.join(", ")
    };
    refused(
        flow,
        text!("node {key}", "노드 {key}"),
        Blocked {
            at: ElementId::node(key),
            code: "unknown-node",
            reason: text!(
                "the scenario has no EC2 node `{key}` (a node name, its short form ip-a-b-c-d, or its IP)",
                "시나리오에 EC2 노드 `{key}`가 없다(노드 이름, ip-a-b-c-d 형태의 짧은 이름, 또는 IP)"
            ),
            fix: if list.is_empty() {
                text!(
                    "add an EC2 node group (Fargate has no nodes to trace)",
                    "EC2 노드 그룹을 추가한다(Fargate에는 추적할 노드가 없다)"
                )
            } else {
                text!("use one of: {list}", "다음 중 하나를 쓴다: {list}")
            },
            cite: Cite::new(Source::S000, "EKS Cluster Architecture"),
            field: Some("/nodeGroups".into()),
        },
    )
}
