//! From a [`Flow`] to the function that traces it, with blocked traces (never
//! panics) for names the scenario does not have and kinds of flow not traced here.

use super::builder::{refused, Blocked};
use super::{control, data, pods, pull, Flow, Trace};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::ids::ElementId;
use crate::model::Model;
use crate::{text, Analysis};

/// Traces `flow` through the analysed scenario. Never panics: an unknown client,
/// node, pod, Service or Ingress gives a blocked trace with a stable code
/// (`unknown-client`, `unknown-node`, `unknown-pod`, `unknown-service`,
/// `unknown-ingress`).
pub fn trace(analysis: &Analysis, flow: &Flow) -> Trace {
    let model = &analysis.model;
    let name = flow.to_string();
    match flow {
        Flow::Kubectl { client } => match model.clients.iter().position(|c| &c.name == client) {
            Some(c) => control::kubectl(model, name, c),
            None => unknown_client(model, name, client),
        },
        Flow::Kubelet { node } => with_node(model, name, node, control::kubelet),
        Flow::Exec { node } => with_node(model, name, node, control::exec),
        Flow::Pull { node } => with_node(model, name, node, pull::pull),
        Flow::Egress { target } => super::cp_egress::trace(model, name, target),
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
        Flow::Service {
            namespace,
            name: svc,
            client,
        } => data::service(analysis, name, namespace, svc, client.as_deref()),
        Flow::Ingress {
            namespace,
            name: ing,
            client,
        } => data::ingress(analysis, name, namespace, ing, client.as_deref()),
        Flow::PodToPod { from, to } => {
            match (analysis.ipam.pod_index(from), analysis.ipam.pod_index(to)) {
                (Some(f), Some(t)) => pods::pod_to_pod(analysis, name, f, t),
                (None, _) => unknown_pod(analysis, name, from),
                (_, None) => unknown_pod(analysis, name, to),
            }
        }
        Flow::PodToService { from, service } => {
            match (
                analysis.ipam.pod_index(from),
                analysis.lbs.service_index(service),
            ) {
                (Some(f), Some(s)) => pods::pod_to_service(analysis, name, f, s),
                (None, _) => unknown_pod(analysis, name, from),
                (_, None) => unknown_service(analysis, name, service),
            }
        }
    }
}

fn unknown_pod(a: &Analysis, flow: String, key: &str) -> Trace {
    let names: Vec<String> = a
        .ipam
        .pods
        .iter()
        .map(|p| format!("{}/{}", p.namespace, p.name))
        .collect();
    let near = crate::did_you_mean(key, names.iter().map(String::as_str));
    let list = if near.is_empty() {
        names.iter().take(4).cloned().collect::<Vec<_>>().join(", ")
    } else {
        near.join(", ")
    };
    let (ns, n) = crate::model::names::split_key(key);
    refused(
        flow,
        text!("pod {key}", "Pod {key}"),
        Blocked {
            at: ElementId::pod(ns, n),
            code: Code::UnknownPod,
            reason: text!(
                "the scenario has no pod {key} (pods are named <namespace>/<name>, as `kubectl get pods` shows them)",
                "시나리오에 Pod {key}가 없다(Pod 이름은 <네임스페이스>/<이름>)"
            ),
            fix: if list.is_empty() {
                text!(
                    "add a workload or a pinned pod to the scenario",
                    "시나리오에 워크로드나 고정 Pod를 추가한다"
                )
            } else {
                text!("use one of: {list}", "다음 중 하나를 쓴다: {list}")
            },
            cite: Cite::new(Source::S003, "Pod to Pod communication"),
            field: Some("/workloads".into()),
        },
    )
}

fn unknown_service(a: &Analysis, flow: String, key: &str) -> Trace {
    let names: Vec<String> = a
        .lbs
        .services
        .iter()
        .map(|s| format!("{}/{}", s.namespace, s.name))
        .collect();
    let near = crate::did_you_mean(key, names.iter().map(String::as_str));
    let list = if near.is_empty() {
        names.join(", ")
    } else {
        near.join(", ")
    };
    let (ns, n) = crate::model::names::split_key(key);
    refused(
        flow,
        text!("Service {key}", "Service {key}"),
        Blocked {
            at: ElementId::service(ns, n),
            code: Code::UnknownService,
            reason: text!(
                "the scenario has no Service {key}",
                "시나리오에 Service {key}이(가) 없다"
            ),
            fix: if list.is_empty() {
                text!(
                    "add one to the scenario's services",
                    "시나리오의 services에 추가한다"
                )
            } else {
                text!("use one of: {list}", "다음 중 하나를 쓴다: {list}")
            },
            cite: Cite::new(Source::Kubernetes, "Service"),
            field: Some("/services".into()),
        },
    )
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
            code: Code::UnknownClient,
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
            code: Code::UnknownNode,
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
