//! Which flows a scenario has: the one list the web app's flow picker, the CLI's
//! `trace --list` and the robustness tests start from.
//!
//! Each flow is named as a person would say it ([`label`]: "kubelet on
//! ip-192-168-46-6 → API server"); its grammar (`kubelet:ip-192-168-46-6`) stays
//! the value links and the CLI use.
//!
//! Grouped by [`FlowKind`], in a fixed order: kubectl from each client; kubelet,
//! exec and image pull for the first [`MAX_NODE_CHOICES`] nodes; a request to each
//! Service and each Ingress; pod to pod between the scenario's first two pods. A
//! group with no flow is left out.
//!
//! ```
//! use eksnet::trace::{flows, FlowKind};
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let groups = flows(&a);
//! assert_eq!(groups[0].kind, FlowKind::Kubectl);
//! assert_eq!(groups[0].flows[0].0.to_string(), "kubectl:laptop");
//! ```

use crate::trace::Flow;
use crate::{text, Analysis, Text};

/// At most this many nodes are offered per node flow.
pub const MAX_NODE_CHOICES: usize = 8;

/// What a group of flows does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlowKind {
    /// kubectl on a client → the API server.
    Kubectl,
    /// kubelet → the API server (registration, heartbeats).
    Kubelet,
    /// The API server → kubelet (exec, logs).
    Exec,
    /// A node pulls an image from Amazon ECR.
    Pull,
    /// The API server → an endpoint on the internet (control plane egress).
    Egress,
    /// A client → a Service's load balancer → a pod.
    Service,
    /// A client → an Ingress's ALB → a pod.
    Ingress,
    /// Pod to pod.
    Pod,
}

impl FlowKind {
    /// The group's title (`kubectl → API server`).
    pub fn title(self) -> Text {
        match self {
            FlowKind::Kubectl => text!("kubectl → API server", "kubectl → API 서버"),
            FlowKind::Kubelet => text!(
                "kubelet → API server (register, heartbeats)",
                "kubelet → API 서버 (등록, 하트비트)"
            ),
            FlowKind::Exec => text!(
                "API server → kubelet (exec, logs)",
                "API 서버 → kubelet (exec, logs)"
            ),
            FlowKind::Pull => text!("Image pull (node → ECR)", "이미지 풀 (노드 → ECR)"),
            FlowKind::Egress => text!(
                "Control plane egress (API server → internet)",
                "컨트롤 플레인 egress (API 서버 → 인터넷)"
            ),
            FlowKind::Service => text!("Client → Service", "클라이언트 → Service"),
            FlowKind::Ingress => text!("Client → Ingress", "클라이언트 → Ingress"),
            FlowKind::Pod => text!("Pod → Pod", "Pod → Pod"),
        }
    }
}

/// The flows of one kind, each with the name to show for it.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowGroup {
    /// What the flows do.
    pub kind: FlowKind,
    /// The flows and their names ([`label`]).
    pub flows: Vec<(Flow, Text)>,
}

/// A `namespace/name` key as people say it: the bare name in the default namespace.
fn key(k: &str) -> &str {
    match k.split_once('/') {
        Some((ns, name)) if ns == crate::model::names::DEFAULT_NAMESPACE => name,
        _ => k,
    }
}

/// A flow named as a person would say it, in both languages:
///
/// ```
/// use eksnet::trace::{label, Flow};
/// let f = Flow::parse("kubelet:ip-192-168-46-6").unwrap();
/// assert_eq!(label(&f).en, "kubelet on ip-192-168-46-6 → API server");
/// let f = Flow::parse("svc:default/my-nginx@laptop").unwrap();
/// assert_eq!(label(&f).en, "laptop → Service my-nginx");
/// ```
pub fn label(f: &Flow) -> Text {
    let client = |c: &Option<String>| {
        c.clone()
            .map_or_else(|| text!("Internet client", "인터넷 클라이언트"), Text::same)
    };
    match f {
        Flow::Kubectl { client } => {
            text!(
                "kubectl on {client} → API server",
                "{client}의 kubectl → API 서버"
            )
        }
        Flow::Kubelet { node } => {
            text!(
                "kubelet on {node} → API server",
                "{node}의 kubelet → API 서버"
            )
        }
        Flow::Exec { node } => text!(
            "API server → kubelet on {node} (exec, logs)",
            "API 서버 → {node}의 kubelet (exec, logs)"
        ),
        Flow::Webhook { node } => text!(
            "API server → webhook pod on {node}",
            "API 서버 → {node}의 웹훅 Pod"
        ),
        Flow::Pull { node } => text!(
            "{node} pulls an image from ECR",
            "{node}가 ECR에서 이미지 풀"
        ),
        Flow::Egress { target } => {
            let w = super::cp_egress::endpoint_words(target);
            let (we, wk) = (&w.en, &w.ko);
            text!(
                "API server → {we} on the internet",
                "API 서버 → 인터넷의 {wk}"
            )
        }
        Flow::Service {
            name,
            namespace,
            client: c,
        } => {
            let (c, s) = (client(c), key(&format!("{namespace}/{name}")).to_string());
            Text {
                en: format!("{} → Service {s}", c.en),
                ko: format!("{} → Service {s}", c.ko),
            }
        }
        Flow::Ingress {
            name,
            namespace,
            client: c,
        } => {
            let (c, s) = (client(c), key(&format!("{namespace}/{name}")).to_string());
            Text {
                en: format!("{} → Ingress {s}", c.en),
                ko: format!("{} → Ingress {s}", c.ko),
            }
        }
        Flow::PodToPod { from, to } => {
            let (from, to) = (key(from), key(to));
            text!("Pod {from} → Pod {to}", "Pod {from} → Pod {to}")
        }
        Flow::PodToService { from, service } => {
            let (from, service) = (key(from), key(service));
            text!(
                "Pod {from} → Service {service} (ClusterIP)",
                "Pod {from} → Service {service}(ClusterIP)"
            )
        }
    }
}

fn named(f: Flow) -> (Flow, Text) {
    let l = label(&f);
    (f, l)
}

/// The flows of an analysed scenario, grouped (see the module docs).
pub fn flows(a: &Analysis) -> Vec<FlowGroup> {
    let m = &a.model;
    let short = |n: &str| crate::model::names::short_node_name(n).to_string();
    let nodes: Vec<String> = m
        .nodes
        .iter()
        .take(MAX_NODE_CHOICES)
        .map(|n| short(&n.name))
        .collect();
    let per_node = |kind, f: fn(String) -> Flow| FlowGroup {
        kind,
        flows: nodes.iter().map(|n| named(f(n.clone()))).collect(),
    };
    let sc = &m.k8s;
    let mut groups = vec![
        FlowGroup {
            kind: FlowKind::Kubectl,
            flows: m
                .clients
                .iter()
                .map(|c| {
                    let client = c.name.clone();
                    named(Flow::Kubectl { client })
                })
                .collect(),
        },
        per_node(FlowKind::Kubelet, |node| Flow::Kubelet { node }),
        per_node(FlowKind::Exec, |node| Flow::Exec { node }),
        per_node(FlowKind::Pull, |node| Flow::Pull { node }),
        FlowGroup {
            kind: FlowKind::Egress,
            flows: vec![named(Flow::Egress {
                target: "oidc".into(),
            })],
        },
        FlowGroup {
            kind: FlowKind::Service,
            flows: sc
                .services
                .iter()
                .map(|s| {
                    let f = Flow::Service {
                        namespace: s.namespace.clone(),
                        name: s.name.clone(),
                        client: None,
                    };
                    named(f)
                })
                .collect(),
        },
        FlowGroup {
            kind: FlowKind::Ingress,
            flows: sc
                .ingresses
                .iter()
                .map(|s| {
                    let f = Flow::Ingress {
                        namespace: s.namespace.clone(),
                        name: s.name.clone(),
                        client: None,
                    };
                    named(f)
                })
                .collect(),
        },
    ];
    let pods: Vec<String> = sc
        .pods
        .iter()
        .map(|p| format!("{}/{}", p.namespace, p.name))
        .collect();
    if let [a, b, ..] = pods.as_slice() {
        groups.push(FlowGroup {
            kind: FlowKind::Pod,
            flows: vec![named(Flow::PodToPod {
                from: a.clone(),
                to: b.clone(),
            })],
        });
    }
    groups.retain(|g| !g.flows.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_scenario_offers_the_three_endpoint_flows() {
        let a = crate::analyze(&crate::Scenario::example());
        let all: Vec<String> = flows(&a)
            .iter()
            .flat_map(|g| g.flows.iter().map(|(f, _)| f.to_string()))
            .collect();
        for f in [
            "kubectl:laptop",
            "kubelet:ip-192-168-46-6",
            "exec:ip-192-168-46-6",
            "pull:ip-192-168-46-6",
            "svc:default/my-nginx",
        ] {
            assert!(all.iter().any(|x| x == f), "{f}: {all:?}");
        }
        // Every offered flow parses back to itself.
        for f in &all {
            assert_eq!(&Flow::parse(f).unwrap().to_string(), f);
        }
    }

    #[test]
    fn flows_are_named_as_people_say_them_without_the_grammar() {
        let a = crate::analyze(&crate::Scenario::example());
        let groups = flows(&a);
        let named: Vec<(String, Text)> = groups
            .iter()
            .flat_map(|g| g.flows.iter().map(|(f, l)| (f.to_string(), l.clone())))
            .collect();
        let of = |g: &str| named.iter().find(|(f, _)| f == g).map(|(_, l)| l.clone());
        assert_eq!(
            of("kubectl:laptop").unwrap().en,
            "kubectl on laptop → API server"
        );
        assert_eq!(
            of("kubectl:laptop").unwrap().ko,
            "laptop의 kubectl → API 서버"
        );
        assert_eq!(
            of("pull:ip-192-168-46-6").unwrap().en,
            "ip-192-168-46-6 pulls an image from ECR"
        );
        assert_eq!(
            of("svc:default/my-nginx").unwrap().en,
            "Internet client → Service my-nginx"
        );
        for (f, l) in &named {
            // No grammar in a name: no `kind:` prefix, no `->`.
            assert!(!l.en.contains("->") && !l.en.contains(':'), "{f}: {}", l.en);
            assert!(
                !l.ko.is_empty() && l.ko != l.en || f.starts_with("pod:"),
                "{f}"
            );
        }
        // Names are unique within the list, so the picker tells flows apart.
        let mut seen = std::collections::BTreeSet::new();
        for (_, l) in &named {
            assert!(seen.insert(l.en.clone()), "{}", l.en);
        }
    }
}
