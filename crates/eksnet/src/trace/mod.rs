//! Hop-by-hop paths, like AWS Reachability Analyzer.
//!
//! A [`Trace`] is the answer to "where does this traffic go, and if it cannot get
//! there, why?". Each [`Hop`] names the place (a stable [`ElementId`]), the link it
//! takes, whether it leaves the VPC or crosses the public internet, the packet's
//! addresses at that point, and why, with its source. DNS resolution is a hop of its
//! own. The [`Verdict`] is reachable, or blocked at a named component with a stable
//! code and the fix.
//!
//! Flows are named by a small grammar (see [`Flow::parse`]), shared by the CLI, the
//! URL of the web app and the tests.

mod arrive;
pub(crate) mod builder;
pub(crate) mod control;
pub(crate) mod cp_egress;
mod data;
mod dispatch;
pub(crate) mod egress;
pub(crate) mod fabric;
mod flows;
pub mod path;
mod pod_service;
mod pods;
pub(crate) mod pull;
pub(crate) mod route;
pub mod security;
mod target;

use std::fmt;

use serde::Serialize;

use crate::codes::Code;
use crate::{Cite, ElementId, Text};

pub use control::{API_PORT, DEFAULT_WEBHOOK_PORT, KUBELET_PORT};
pub use data::STAND_IN_CLIENT;
pub use dispatch::trace;
pub(crate) use dispatch::{unknown_client, unknown_node};
pub use flows::{flows, label, FlowGroup, FlowKind, MAX_NODE_CHOICES};
pub use pull::{ECR_STAND_IN, S3_STAND_IN};

/// A flow to trace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Flow {
    /// `kubectl:<client>`: kubectl on a client → the API server.
    Kubectl {
        /// Client name.
        client: String,
    },
    /// `kubelet:<node>`: kubelet registering and sending heartbeats → API server.
    Kubelet {
        /// Node name, short name or IP.
        node: String,
    },
    /// `exec:<node>`: API server → kubelet (exec, logs, attach, port-forward).
    Exec {
        /// Node name, short name or IP.
        node: String,
    },
    /// `webhook:<node>`: API server → an admission webhook pod on a node.
    Webhook {
        /// Node name, short name or IP.
        node: String,
    },
    /// `egress:<what>`: the API server → an endpoint on the internet (`oidc`: the
    /// cluster's OIDC issuer; `webhook`: a webhook served at a public URL), by the
    /// cluster's `controlPlaneEgressMode`.
    Egress {
        /// `oidc`, `webhook` or a name for the endpoint.
        target: String,
    },
    /// `pull:<node>`: the node pulls an image from Amazon ECR.
    Pull {
        /// Node name, short name or IP.
        node: String,
    },
    /// `svc:<namespace>/<name>[@<client>]`: a client → a Service's load balancer →
    /// a pod. Without a client, the first internet client.
    Service {
        /// Namespace.
        namespace: String,
        /// Service name.
        name: String,
        /// Client name, if given.
        client: Option<String>,
    },
    /// `ing:<namespace>/<name>[@<client>]`: a client → an Ingress's ALB → a pod.
    Ingress {
        /// Namespace.
        namespace: String,
        /// Ingress name.
        name: String,
        /// Client name, if given.
        client: Option<String>,
    },
    /// `pod:<ns>/<pod>->pod:<ns>/<pod>`: pod to pod.
    PodToPod {
        /// Source pod `namespace/name`.
        from: String,
        /// Destination pod `namespace/name`.
        to: String,
    },
    /// `pod:<ns>/<pod>->svc:<ns>/<svc>`: pod to a Service's ClusterIP.
    PodToService {
        /// Source pod `namespace/name`.
        from: String,
        /// Service `namespace/name`.
        service: String,
    },
}

/// Why a flow string could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowParseError(pub String);

impl fmt::Display for FlowParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FlowParseError {}

/// The grammar, for `--help` and error messages.
pub const FLOW_GRAMMAR: &str = "\
kubectl:<client>              kubectl on a client -> API server
kubelet:<node>                kubelet registration and heartbeats -> API server
exec:<node>                   API server -> kubelet (exec, logs, attach, port-forward)
webhook:<node>[:<port>]       API server -> admission webhook pod on the node
                              (port: a workload's admissionWebhookPort, else 443)
egress:<oidc|webhook>         API server -> an endpoint on the internet
                              (by the cluster's controlPlaneEgressMode)
pull:<node>                   node -> Amazon ECR (image pull)
svc:<ns>/<name>[@<client>]    client -> Service load balancer -> pod
ing:<ns>/<name>[@<client>]    client -> Ingress ALB -> pod
pod:<ns>/<a>->pod:<ns>/<b>    pod -> pod
pod:<ns>/<a>->svc:<ns>/<s>    pod -> Service ClusterIP
<node> is a node name, its short form (ip-192-168-46-6) or its IP; <ns>/ may be
left out for the default namespace.";

fn with_ns(s: &str) -> String {
    crate::model::names::full_key(s)
}

fn split_ns(s: &str) -> (String, String) {
    let full = with_ns(s);
    match full.split_once('/') {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => ("default".into(), full),
    }
}

impl Flow {
    /// Parses a flow (see [`FLOW_GRAMMAR`]).
    ///
    /// ```
    /// use eksnet::Flow;
    /// assert_eq!(Flow::parse("kubectl:laptop").unwrap(), Flow::Kubectl { client: "laptop".into() });
    /// assert_eq!(Flow::parse("svc:my-nginx").unwrap().to_string(), "svc:default/my-nginx");
    /// assert!(Flow::parse("teleport:x").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Flow, FlowParseError> {
        let s = s.trim();
        if let Some((a, b)) = s.split_once("->") {
            let from = a.trim().strip_prefix("pod:").ok_or_else(|| {
                FlowParseError(format!("`{a}`: a pod flow starts with pod:<ns>/<name>"))
            })?;
            let b = b.trim();
            return if let Some(to) = b.strip_prefix("pod:") {
                Ok(Flow::PodToPod {
                    from: with_ns(from),
                    to: with_ns(to),
                })
            } else if let Some(svc) = b.strip_prefix("svc:") {
                Ok(Flow::PodToService {
                    from: with_ns(from),
                    service: with_ns(svc),
                })
            } else {
                Err(FlowParseError(format!(
                    "`{b}`: expected pod:<ns>/<name> or svc:<ns>/<name>"
                )))
            };
        }
        let Some((kind, arg)) = s.split_once(':') else {
            return Err(FlowParseError(format!(
                "`{s}` is not a flow; flows are:\n{FLOW_GRAMMAR}"
            )));
        };
        if arg.is_empty() {
            return Err(FlowParseError(format!("`{s}` names no {kind}")));
        }
        let target = |arg: &str| -> (String, String, Option<String>) {
            let (obj, client) = match arg.split_once('@') {
                Some((o, c)) => (o, Some(c.to_string())),
                None => (arg, None),
            };
            let (ns, name) = split_ns(obj);
            (ns, name, client)
        };
        Ok(match kind {
            "kubectl" => Flow::Kubectl { client: arg.into() },
            "kubelet" => Flow::Kubelet { node: arg.into() },
            "exec" | "logs" => Flow::Exec { node: arg.into() },
            "webhook" => Flow::Webhook { node: arg.into() },
            "pull" => Flow::Pull { node: arg.into() },
            "egress" => Flow::Egress { target: arg.into() },
            "svc" => {
                let (namespace, name, client) = target(arg);
                Flow::Service {
                    namespace,
                    name,
                    client,
                }
            }
            "ing" => {
                let (namespace, name, client) = target(arg);
                Flow::Ingress {
                    namespace,
                    name,
                    client,
                }
            }
            _ => {
                return Err(FlowParseError(format!(
                    "`{kind}` is not a kind of flow; flows are:\n{FLOW_GRAMMAR}"
                )))
            }
        })
    }
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = |c: &Option<String>| c.as_ref().map(|c| format!("@{c}")).unwrap_or_default();
        match self {
            Flow::Kubectl { client } => write!(f, "kubectl:{client}"),
            Flow::Kubelet { node } => write!(f, "kubelet:{node}"),
            Flow::Exec { node } => write!(f, "exec:{node}"),
            Flow::Webhook { node } => write!(f, "webhook:{node}"),
            Flow::Pull { node } => write!(f, "pull:{node}"),
            Flow::Egress { target } => write!(f, "egress:{target}"),
            Flow::Service {
                namespace,
                name,
                client,
            } => write!(f, "svc:{namespace}/{name}{}", at(client)),
            Flow::Ingress {
                namespace,
                name,
                client,
            } => write!(f, "ing:{namespace}/{name}{}", at(client)),
            Flow::PodToPod { from, to } => write!(f, "pod:{from}->pod:{to}"),
            Flow::PodToService { from, service } => write!(f, "pod:{from}->svc:{service}"),
        }
    }
}

/// The kind of link a hop takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Link {
    /// A DNS question and its answer.
    Dns,
    /// Leaving a host or pod (its start).
    Origin,
    /// Inside the VPC, by its router: the route table of the subnet the packet
    /// leaves decides.
    VpcRouter,
    /// The packet enters a subnet of the VPC (the destination's; nothing is
    /// decided there: the sender's route table already has).
    Subnet,
    /// A security group deciding.
    SecurityGroup,
    /// A subnet's network ACL deciding (stateless: requests and replies alike).
    NetworkAcl,
    /// The internet gateway.
    InternetGateway,
    /// A NAT gateway (source address rewritten to its Elastic IP).
    NatGateway,
    /// The public internet.
    Internet,
    /// The endpoint's public NLB in the control-plane VPC.
    ApiNlb,
    /// An EKS-owned ENI (cross-account ENI into the control-plane VPC).
    EksOwnedEni,
    /// The API server itself.
    ApiServer,
    /// A node's ENI (eth0, eth1, ...).
    NodeEni,
    /// The kubelet on a node.
    Kubelet,
    /// A pod's veth pair and the node's route table (VPC CNI).
    Veth,
    /// A kube-proxy iptables/IPVS rule (NodePort, ClusterIP).
    KubeProxy,
    /// A load balancer (CLB, NLB, ALB).
    LoadBalancer,
    /// A VPC endpoint (PrivateLink or gateway endpoint).
    VpcEndpoint,
    /// VPN, Direct Connect, peering or transit gateway.
    Connection,
    /// An AWS service (ECR, S3).
    AwsService,
    /// A pod (the destination).
    Pod,
}

impl Link {
    /// What the link is called (`NAT gateway`), in both languages.
    pub fn name(self) -> Text {
        let (en, ko) = match self {
            Link::Dns => ("DNS", "DNS"),
            Link::Origin => ("Start", "출발"),
            Link::VpcRouter => ("VPC router", "VPC 라우터"),
            Link::Subnet => ("Subnet", "서브넷"),
            Link::SecurityGroup => ("Security group", "보안 그룹"),
            Link::NetworkAcl => ("Network ACL", "네트워크 ACL"),
            Link::InternetGateway => ("Internet gateway", "인터넷 게이트웨이"),
            Link::NatGateway => ("NAT gateway", "NAT 게이트웨이"),
            Link::Internet => ("Internet", "인터넷"),
            Link::ApiNlb => ("Endpoint NLB", "엔드포인트 NLB"),
            Link::EksOwnedEni => ("EKS-owned ENI", "EKS 소유 ENI"),
            Link::ApiServer => ("API server", "API 서버"),
            Link::NodeEni => ("Node ENI", "노드 ENI"),
            Link::Kubelet => ("kubelet", "kubelet"),
            Link::Veth => ("veth", "veth"),
            Link::KubeProxy => ("kube-proxy rule", "kube-proxy 규칙"),
            Link::LoadBalancer => ("Load balancer", "로드 밸런서"),
            Link::VpcEndpoint => ("VPC endpoint", "VPC 엔드포인트"),
            Link::Connection => ("Connection", "연결"),
            Link::AwsService => ("AWS service", "AWS 서비스"),
            Link::Pod => ("Pod", "Pod"),
        };
        Text {
            en: en.into(),
            ko: ko.into(),
        }
    }
}

/// A DNS answer shown in a DNS hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DnsAnswer {
    /// The name asked.
    pub name: String,
    /// Which zone answered: `dns:public`, `dns:private`, or none.
    pub zone: Option<ElementId>,
    /// The addresses in the answer (empty: no answer).
    pub addresses: Vec<String>,
}

/// One hop of a trace.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hop {
    /// Where the packet is (a stable id; the diagram lights this element).
    pub at: ElementId,
    /// The link it takes.
    pub link: Link,
    /// Short label (`NAT gateway nat-a`).
    pub label: Text,
    /// Whether it is outside the customer VPC at this point.
    pub leaves_vpc: bool,
    /// Whether it crosses the public internet at this point.
    pub public_internet: bool,
    /// Source address at this hop, when a packet is on the wire.
    pub src: Option<String>,
    /// Destination address at this hop.
    pub dst: Option<String>,
    /// Why it goes this way.
    pub why: Text,
    /// The rule's source.
    pub cite: Cite,
    /// For DNS hops, the answer.
    pub dns: Option<DnsAnswer>,
    /// The AWS resource at this hop, as Reachability Analyzer's `component` names
    /// it: the route table of a routing hop, the ACL or group of a check, else the
    /// element (see [`path`]).
    pub component: path::Component,
    /// The route a routing hop took (`routeTableRoute`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route_table_route: Option<path::RouteTableRoute>,
    /// The network ACL rule that allowed or denied the packet (`aclRule`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acl_rule: Option<path::AclRule>,
    /// The security group rule that admitted the packet (`securityGroupRule`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_group_rule: Option<path::SecurityGroupRule>,
}

impl Hop {
    /// A hop at `at` over `link`, inside the VPC, with no packet addresses yet.
    pub fn new(at: ElementId, link: Link, label: Text, why: Text, cite: Cite) -> Hop {
        let component = path::Component::of_element(&at);
        Hop {
            component,
            route_table_route: None,
            acl_rule: None,
            security_group_rule: None,
            at,
            link,
            label,
            leaves_vpc: false,
            public_internet: false,
            src: None,
            dst: None,
            why,
            cite,
            dns: None,
        }
    }

    /// Marks the hop as outside the customer VPC.
    pub fn outside(mut self) -> Hop {
        self.leaves_vpc = true;
        self
    }

    /// Marks the hop as crossing the public internet (and so outside the VPC).
    pub fn on_internet(mut self) -> Hop {
        self.leaves_vpc = true;
        self.public_internet = true;
        self
    }

    /// Sets the packet's source and destination at this hop.
    pub fn packet(mut self, src: impl fmt::Display, dst: impl fmt::Display) -> Hop {
        self.src = Some(src.to_string());
        self.dst = Some(dst.to_string());
        self
    }

    /// Attaches a DNS answer.
    pub fn with_dns(mut self, answer: DnsAnswer) -> Hop {
        self.dns = Some(answer);
        self
    }
}

/// The outcome of a trace.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Verdict {
    /// The traffic arrives.
    Reachable,
    /// The traffic is dropped or never sent.
    Blocked {
        /// The component that blocks it (also the last hop's `at`).
        at: ElementId,
        /// Stable code, e.g. `no-route-to-internet`.
        code: Code,
        /// Why.
        reason: Text,
        /// How to fix it.
        fix: Text,
        /// The rule's source.
        cite: Cite,
        /// JSON pointer of the scenario field to change, when one field is to blame
        /// (`/vpc/subnets/2/defaultRoute`).
        field: Option<String>,
    },
}

/// A hop-by-hop path.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trace {
    /// The flow, as its string (`kubectl:laptop`).
    pub flow: String,
    /// A one-line title (`kubectl on laptop → API server`).
    pub title: Text,
    /// The hops, in order.
    pub hops: Vec<Hop>,
    /// Reachable or blocked.
    pub verdict: Verdict,
    /// For load-balanced flows: whether the pod sees the client's own address.
    pub client_ip_preserved: Option<bool>,
}

impl Trace {
    /// Whether the traffic arrives.
    pub fn is_reachable(&self) -> bool {
        matches!(self.verdict, Verdict::Reachable)
    }

    /// Whether any hop crosses the public internet.
    pub fn crosses_internet(&self) -> bool {
        self.hops.iter().any(|h| h.public_internet)
    }

    /// The ids of the hops, in order (what the diagram lights).
    pub fn path(&self) -> Vec<&ElementId> {
        self.hops.iter().map(|h| &h.at).collect()
    }

    /// The blocking component, if blocked.
    pub fn blocked_at(&self) -> Option<&ElementId> {
        match &self.verdict {
            Verdict::Blocked { at, .. } => Some(at),
            Verdict::Reachable => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar_round_trips() {
        for s in [
            "kubectl:laptop",
            "kubelet:ip-192-168-46-6",
            "exec:192.168.46.6",
            "webhook:ip-192-168-46-6",
            "pull:ip-192-168-46-6",
            "svc:default/my-nginx",
            "svc:web/shop@office",
            "ing:default/my-nginx",
            "pod:default/a->pod:default/b",
            "pod:default/a->svc:kube-system/kube-dns",
        ] {
            assert_eq!(Flow::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn links_name_themselves_in_both_languages() {
        assert_eq!(Link::NatGateway.name().en, "NAT gateway");
        assert_eq!(Link::EksOwnedEni.name().ko, "EKS 소유 ENI");
    }

    #[test]
    fn bad_flows_explain_the_grammar() {
        let e = Flow::parse("nonsense").unwrap_err();
        assert!(e.0.contains("kubectl:<client>"));
        assert!(Flow::parse("kubectl:").is_err());
        assert!(Flow::parse("svc:a->pod:b").is_err());
    }
}

#[cfg(test)]
mod cp_egress_tests;
#[cfg(test)]
mod flow_tests;

#[cfg(test)]
mod data_tests;
#[cfg(test)]
mod lb_acl_tests;
#[cfg(test)]
mod sender_route_tests;

#[cfg(test)]
pub(crate) mod fabric_tests;

#[cfg(test)]
mod fabric_proptests;
