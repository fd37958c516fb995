//! Services and the AWS load balancers made for them (source 004, part 2).
//!
//! After the VPC CNI simulation placed the pods, [`derive`] reads the scenario's
//! Services and Ingresses and works out what Kubernetes and AWS make of them:
//!
//! - every Service's ClusterIP (from the service CIDR), NodePorts (30000–32767)
//!   and `healthCheckNodePort`, honouring given values and allocating the rest
//!   deterministically (`alloc.rs`); its endpoints: the running pods its
//!   selector matches, ready or not;
//! - one load balancer per `type: LoadBalancer` Service, made by the in-tree cloud
//!   provider (a CLB, or an NLB with `aws-load-balancer-type: nlb`) or by the AWS
//!   Load Balancer Controller (an NLB with `aws-load-balancer-type: external` or
//!   `nlb-ip`), and one ALB per `alb` Ingress or IngressGroup;
//! - where each load balancer sits (one subnet per AZ: public subnets for an
//!   internet-facing one, private ones for an internal one), its addresses, its DNS
//!   name in the shape AWS gives it, its listeners and target groups, and each
//!   target's health under the Service's `externalTrafficPolicy`.
//!
//! The rules, with their sources:
//!
//! | what | rule | source |
//! |---|---|---|
//! | instance targets | every node, on the NodePort; kube-proxy forwards to a pod | 004 §2.1, figure 4 |
//! | IP targets | the pods' IPs and target port, straight through the VPC | 004 §2.1; NLB only (a CLB has none), ALB too (§2.2) |
//! | `Cluster` | the LB health-checks the NodePort of every node; a node passes while the Service has a ready endpoint anywhere | 004 §2.1; design fidelity notes |
//! | `Local` | the LB health-checks `healthCheckNodePort` (HTTP `/healthz`, served by kube-proxy); only nodes with a ready local pod pass | 004 §2.1; Kubernetes docs |
//! | `healthCheckNodePort` | only `type: LoadBalancer` with `Local` | Kubernetes API validation; design fidelity notes |
//! | scheme | in-tree: internet-facing unless `aws-load-balancer-internal`; the controller and ALBs: `internal` unless `…scheme: internet-facing` | AWS Load Balancer Controller docs |
//! | client address | CLB: proxied; NLB instance: kept, then hidden by kube-proxy's SNAT under `Cluster`; NLB IP (TCP): the NLB's own address unless `preserve_client_ip.enabled=true`; ALB: proxied (`X-Forwarded-For`) | ELB docs, "client IP preservation" |
//! | AZs | a target in an AZ where the LB has no subnet is `unused` (`Target.NotInUse`); an ALB needs two AZs; each LB subnet needs 8 free addresses | ELB docs |
//!
//! Subnets are discovered by their route table (public: `0.0.0.0/0` to the internet
//! gateway), first per AZ in scenario order, unless the `…/subnets` annotation names
//! them; subnet tags (`kubernetes.io/role/elb`) are not modelled.
//!
//! Never panics; what Kubernetes or AWS would reject becomes a diagnostic, and a
//! load balancer that cannot be created keeps its [`Problem`] (traces stop there).
//!
//! ```
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let lb = &a.lbs.load_balancers[0];
//! assert_eq!(lb.kind, eksnet::lb::LbKind::Clb);
//! assert_eq!(lb.dns_name, "ad39ba2b8a05d44d2b88e3e11c9706b7-1845382141.ap-northeast-2.elb.amazonaws.com");
//! // Cluster: every node passes the health check on the NodePort.
//! assert!(lb.target_groups[0].targets.iter().all(|t| t.health.is_healthy()));
//! ```

mod acl;
mod alloc;
mod annotations;
pub mod choice;
mod derive;
mod health;
mod ingress;
mod names;
mod placement;
#[cfg(test)]
pub(crate) mod proptests;
#[cfg(test)]
pub(crate) mod tests;

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use serde::Serialize;

use crate::codes::Code;
use crate::scenario::{ServiceType, TrafficPolicy};
use crate::{Cite, ElementId, Text};

pub use annotations::keys;
pub(crate) use derive::{add_endpoints, add_node_targets, derive_groups, finish, services};
pub use names::{alb_dns_name, clb_dns_name, nlb_dns_name};

/// The first port of the NodePort range.
pub const NODE_PORT_MIN: u16 = 30000;
/// The last port of the NodePort range.
pub const NODE_PORT_MAX: u16 = 32767;

/// Services, Ingresses and the load balancers made for them.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancing {
    /// The scenario's Services, in order (skipped ones, e.g. without a name, are left out).
    pub services: Vec<ServiceModel>,
    /// The scenario's Ingresses, in order.
    pub ingresses: Vec<IngressModel>,
    /// Load balancers: the Services' first (in Service order), then the ALBs (in
    /// order of their first Ingress).
    pub load_balancers: Vec<LoadBalancer>,
}

impl LoadBalancing {
    /// The Service `namespace/name` (a bare name means the `default` namespace).
    pub fn service_index(&self, key: &str) -> Option<usize> {
        let key = key.strip_prefix("svc:").unwrap_or(key);
        let (ns, name) = crate::model::names::split_key(key);
        self.services
            .iter()
            .position(|s| s.namespace == ns && s.name == name)
    }

    /// The Ingress `namespace/name`.
    pub fn ingress_index(&self, key: &str) -> Option<usize> {
        let key = key.strip_prefix("ing:").unwrap_or(key);
        let (ns, name) = crate::model::names::split_key(key);
        self.ingresses
            .iter()
            .position(|s| s.namespace == ns && s.name == name)
    }

    /// The load balancer with AWS name `name` (or id `lb:<name>`).
    pub fn load_balancer(&self, name: &str) -> Option<&LoadBalancer> {
        let name = name.strip_prefix("lb:").unwrap_or(name);
        self.load_balancers.iter().find(|l| l.name == name)
    }
}

/// A Service as Kubernetes completes it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceModel {
    /// `svc:<namespace>/<name>`.
    pub eid: ElementId,
    /// Index into `scenario.services`.
    pub index: usize,
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`.
    pub namespace: String,
    /// `spec.type`.
    pub service_type: ServiceType,
    /// The ClusterIP (given or allocated); `None` for a headless Service or when
    /// none could be had.
    pub cluster_ip: Option<Ipv4Addr>,
    /// `clusterIP: None`: no virtual IP, DNS answers with the pods' IPs.
    pub headless: bool,
    /// Ports, with their NodePorts.
    pub ports: Vec<PortModel>,
    /// `spec.externalTrafficPolicy`.
    pub external_traffic_policy: TrafficPolicy,
    /// `spec.healthCheckNodePort` (given or allocated; LoadBalancer + Local only).
    pub health_check_node_port: Option<u16>,
    /// `spec.selector`.
    pub selector: BTreeMap<String, String>,
    /// Running pods the selector matches, in pod order (ready or not).
    pub endpoints: Vec<Endpoint>,
    /// The load balancer made for it (index into `load_balancers`).
    pub load_balancer: Option<usize>,
    /// What `kubectl get svc` shows in the AGE column.
    pub age: String,
}

impl ServiceModel {
    /// The ready endpoints.
    pub fn ready_endpoints(&self) -> impl Iterator<Item = &Endpoint> {
        self.endpoints.iter().filter(|e| e.ready)
    }

    /// Ready endpoints per node (`nodes` long), counted in one pass: what the
    /// per-node questions (Local health, spread) read, linear in the cluster size.
    pub fn ready_per_node(&self, nodes: usize) -> Vec<usize> {
        let mut per = vec![0usize; nodes];
        for e in self.ready_endpoints() {
            if let Some(c) = e.node.and_then(|n| per.get_mut(n)) {
                *c += 1;
            }
        }
        per
    }

    /// The port entry for Service port `port`.
    pub fn port(&self, port: u16) -> Option<&PortModel> {
        self.ports.iter().find(|p| p.port == port)
    }
}

/// One port of a Service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortModel {
    /// Port name.
    pub name: String,
    /// `TCP`, `UDP` or `SCTP`.
    pub protocol: String,
    /// The Service port (on the ClusterIP and the load balancer's listener).
    pub port: u16,
    /// The pods' port.
    pub target_port: u16,
    /// The port on every node (NodePort and LoadBalancer Services).
    pub node_port: Option<u16>,
}

/// A pod behind a Service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// Index into `Ipam::pods`.
    pub pod: usize,
    /// `pod:<namespace>/<name>`.
    pub eid: ElementId,
    /// Its IP.
    pub ip: Ipv4Addr,
    /// Its EC2 node (index into `model.nodes`); `None` on Fargate.
    pub node: Option<usize>,
    /// Whether it passes its readiness probe (only ready endpoints get traffic).
    pub ready: bool,
}

/// An Ingress as the AWS Load Balancer Controller reads it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressModel {
    /// `ing:<namespace>/<name>`.
    pub eid: ElementId,
    /// Index into `scenario.ingresses`.
    pub index: usize,
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`.
    pub namespace: String,
    /// `spec.ingressClassName` (what kubectl's CLASS column shows).
    pub class_name: Option<String>,
    /// Whether it is an ALB Ingress (`ingressClassName: alb` or the annotation
    /// `kubernetes.io/ingress.class: alb`).
    pub alb: bool,
    /// `alb.ingress.kubernetes.io/scheme` (default internal).
    pub scheme: Scheme,
    /// `alb.ingress.kubernetes.io/target-type` (default instance).
    pub target_type: TargetType,
    /// `alb.ingress.kubernetes.io/group.name`, if any.
    pub group: Option<String>,
    /// Its rules.
    pub rules: Vec<IngressRuleModel>,
    /// The ALB (index into `load_balancers`).
    pub load_balancer: Option<usize>,
    /// What `kubectl get ingress` shows in the AGE column.
    pub age: String,
}

/// One host/path → Service backend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressRuleModel {
    /// Host, or `*`.
    pub host: String,
    /// Path prefix.
    pub path: String,
    /// The backend Service (index into `services`), if it exists.
    pub service: Option<usize>,
    /// The backend Service's name as written.
    pub service_name: String,
    /// The backend Service port.
    pub service_port: u16,
    /// The target group it forwards to (index into its ALB's `target_groups`).
    pub target_group: Option<usize>,
}

/// The kind of load balancer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LbKind {
    /// Classic Load Balancer (instance targets only).
    Clb,
    /// Network Load Balancer (layer 4; instance or IP targets).
    Nlb,
    /// Application Load Balancer (layer 7, for Ingresses).
    Alb,
}

impl LbKind {
    /// `CLB`, `NLB`, `ALB`.
    pub fn as_str(self) -> &'static str {
        match self {
            LbKind::Clb => "CLB",
            LbKind::Nlb => "NLB",
            LbKind::Alb => "ALB",
        }
    }
}

/// Who makes the load balancer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Controller {
    /// The in-tree AWS cloud provider of Kubernetes (cloud-controller-manager).
    InTree,
    /// The AWS Load Balancer Controller.
    AwsLoadBalancerController,
}

/// Whether the load balancer faces the internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// Public addresses, in public subnets.
    InternetFacing,
    /// Private addresses only, reachable from the VPC and connected networks.
    Internal,
}

impl Scheme {
    /// `internet-facing` or `internal`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::InternetFacing => "internet-facing",
            Scheme::Internal => "internal",
        }
    }
}

/// How targets are registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TargetType {
    /// EC2 instances (nodes), on the NodePort.
    Instance,
    /// Pod IPs, on the target port.
    Ip,
}

impl TargetType {
    /// `instance` or `ip`.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetType::Instance => "instance",
            TargetType::Ip => "ip",
        }
    }
}

/// Why a load balancer cannot be created or used: the same fields a blocked trace
/// carries, so that the check and the trace say the same thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Stable code, e.g. `no-public-subnet`.
    pub code: Code,
    /// Why.
    pub reason: Text,
    /// How to fix it.
    pub fix: Text,
    /// The rule's source.
    pub cite: Cite,
    /// JSON pointer of the field to change.
    pub field: Option<String>,
}

/// What made a load balancer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Owner {
    /// A `type: LoadBalancer` Service (index into `services`).
    Service {
        /// Index into `services`.
        service: usize,
    },
    /// One Ingress, or the Ingresses of an IngressGroup (indices into `ingresses`).
    Ingresses {
        /// The group's name, if an IngressGroup.
        group: Option<String>,
        /// Indices into `ingresses`.
        ingresses: Vec<usize>,
    },
}

/// A load balancer node: its address in one subnet (one per AZ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LbNode {
    /// Index into `model.subnets`.
    pub subnet: usize,
    /// The subnet's AZ.
    pub az: String,
    /// Its private address (taken from the subnet, like any ENI's).
    pub private_ip: Ipv4Addr,
    /// Its public address (internet-facing only).
    pub public_ip: Option<Ipv4Addr>,
}

/// A listener and what it forwards to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listener {
    /// `TCP`, `UDP` (CLB, NLB) or `HTTP` (ALB).
    pub protocol: String,
    /// The port it listens on.
    pub port: u16,
    /// Its rules, in order (one catch-all rule for a CLB or NLB).
    pub rules: Vec<ListenerRule>,
}

/// A listener rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListenerRule {
    /// Host condition, `*` for any.
    pub host: String,
    /// Path prefix condition (`/` for any).
    pub path: String,
    /// The Ingress the rule comes from (index into `ingresses`), for ALBs.
    pub ingress: Option<usize>,
    /// The target group (index into the load balancer's `target_groups`).
    pub target_group: usize,
}

/// How the load balancer checks its targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheck {
    /// `TCP` or `HTTP`.
    pub protocol: String,
    /// The port checked on each target.
    pub port: u16,
    /// The HTTP path, if HTTP.
    pub path: Option<String>,
    /// Whether this is the Service's `healthCheckNodePort` (served by kube-proxy,
    /// 200 only with a ready local pod).
    pub health_check_node_port: bool,
}

impl HealthCheck {
    /// `TCP:30686` or `HTTP:31234/healthz`, as the consoles write it.
    pub fn display(&self) -> String {
        match &self.path {
            Some(p) => format!("{}:{}{}", self.protocol, self.port, p),
            None => format!("{}:{}", self.protocol, self.port),
        }
    }
}

/// A target group (a CLB's registered instances count as one).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetGroup {
    /// `tg:<lbName>:<n>`.
    pub eid: ElementId,
    /// Its AWS name (`k8s-<ns>-<svc>-<hash>`; for a CLB, the CLB's own name).
    pub name: String,
    /// The Service behind it (index into `services`).
    pub service: usize,
    /// The Service port it serves.
    pub service_port: u16,
    /// Instance or IP targets.
    pub target_type: TargetType,
    /// `TCP`, `UDP` or `HTTP`.
    pub protocol: String,
    /// The port traffic goes to: the NodePort (instance) or the target port (IP).
    pub port: u16,
    /// How targets are checked.
    pub health_check: HealthCheck,
    /// Whether the target (the node or pod) sees the client's address as the
    /// source, as the load balancer delivers it (kube-proxy may still rewrite it).
    pub target_sees_client_ip: bool,
    /// Whether the pod finally sees the client's address.
    pub client_ip_preserved: bool,
    /// The registered targets: every node (instance), or every endpoint (IP).
    pub targets: Vec<Target>,
    /// While the analysis runs: an instance target group whose node targets
    /// are still to be added (a slice of the nodes at a time).
    #[serde(skip)]
    pub(crate) awaits_nodes: bool,
}

impl TargetGroup {
    /// The healthy targets.
    pub fn healthy(&self) -> impl Iterator<Item = &Target> {
        self.targets.iter().filter(|t| t.health.is_healthy())
    }
}

/// What a target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum TargetRef {
    /// An EC2 node (index into `model.nodes`).
    Node {
        /// Index into `model.nodes`.
        node: usize,
    },
    /// A pod (index into `Ipam::pods`).
    Pod {
        /// Index into `Ipam::pods`.
        pod: usize,
    },
}

/// A registered target.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// The node's or pod's id.
    pub at: ElementId,
    /// What it is.
    pub target: TargetRef,
    /// Its address.
    pub ip: Ipv4Addr,
    /// The port traffic goes to.
    pub port: u16,
    /// Its AZ.
    pub az: String,
    /// The health check's result.
    pub health: TargetHealth,
}

/// AWS's target states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HealthState {
    /// Passes the health check: gets traffic.
    Healthy,
    /// Fails it: gets no traffic.
    Unhealthy,
    /// In an AZ the load balancer has no subnet in: gets no traffic.
    Unused,
}

/// A target's health, with AWS's reason code and the reason in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetHealth {
    /// The state.
    pub state: HealthState,
    /// AWS's reason code (`Target.FailedHealthChecks`, `Target.NotInUse`), if not healthy.
    pub reason: Option<&'static str>,
    /// Why, in words.
    pub why: Text,
    /// eksnet's code, when eksnet finds the cause itself (`network-acl-denies`:
    /// a network ACL drops the health checks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// JSON pointer of the scenario entry to change, with `code`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl TargetHealth {
    /// Whether the target gets traffic.
    pub fn is_healthy(&self) -> bool {
        self.state == HealthState::Healthy
    }
}

/// A load balancer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancer {
    /// `lb:<name>`.
    pub eid: ElementId,
    /// Its AWS name.
    pub name: String,
    /// CLB, NLB or ALB.
    pub kind: LbKind,
    /// Who makes it.
    pub controller: Controller,
    /// Internet-facing or internal.
    pub scheme: Scheme,
    /// What it is made for.
    pub owner: Owner,
    /// JSON pointer of the Service or (first) Ingress it is made for.
    pub path: String,
    /// Its DNS name (empty when it is not created).
    pub dns_name: String,
    /// Its nodes: one address per subnet (AZ), in subnet order.
    pub nodes: Vec<LbNode>,
    /// Whether a node forwards to targets in other AZs (ALB always; CLB and NLB
    /// only when turned on).
    pub cross_zone: bool,
    /// Listeners.
    pub listeners: Vec<Listener>,
    /// Target groups.
    pub target_groups: Vec<TargetGroup>,
    /// Whether AWS creates it (`false`: the controller or AWS refuses; kubectl
    /// shows `<pending>`).
    pub created: bool,
    /// Why it cannot be created, or created but not used, if so; the first one
    /// blocks traces.
    pub problems: Vec<Problem>,
    /// Notes for its traces (e.g. an annotation that asked for what this kind of
    /// load balancer cannot do).
    pub notes: Vec<Text>,
}

impl LoadBalancer {
    /// Whether it carries traffic: created, with no problem.
    pub fn usable(&self) -> bool {
        self.created && self.problems.is_empty()
    }

    /// The AZs it has a node in.
    pub fn azs(&self) -> impl Iterator<Item = &str> {
        self.nodes.iter().map(|n| n.az.as_str())
    }
}
