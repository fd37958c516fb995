//! What the CNI simulation produces: per node its ENIs and their addresses, per pod
//! its node, ENI and IP (or why it has none), per subnet its accounting.
//!
//! All indices point into the [`crate::Model`] the simulation ran on (`node` into
//! `model.nodes`, `subnet` into `model.subnets`, `group` into `model.node_groups`) or
//! into [`Ipam`] itself (`pod` into `Ipam::pods`, `workload` into
//! `Ipam::workloads`, `eni` into the node's [`NodeIpam::enis`]). Every type serialises
//! to JSON (`eksnet ipam --json`) in camelCase.
//!
//! How an ENI is drawn (the web's "inside a node" scene): one row per ENI, its
//! primary address first, then its [`Slot`]s (secondary-IP mode) or its
//! [`Prefix`]es of 16 slots each (prefix delegation). A slot with a pod is assigned;
//! a slot without is warm (held by the CNI, ready for the next pod).

use std::collections::BTreeMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::ops::Deref;
use std::sync::Arc;

use serde::Serialize;

pub use super::eni::{EniObserved, Slot};
use super::limits::InstanceLimits;
use super::max_pods::{AddressMode, MaxPods};
pub use super::node_store::{
    Eni, Enis, NodeIpam, NodePods, NodeStore, Nodes, Prefix, PrefixSlots, Prefixes, Slots,
};
pub use super::pod_name::PodName;
pub use super::pod_store::PodStore;
use crate::model::Accounting;
use crate::{text, ElementId, Model, Text};

/// The simulation's result (see the module docs).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ipam {
    /// Per node group (parallel to `model.node_groups`).
    pub groups: Vec<GroupIpam>,
    /// Per EC2 node (parallel to `model.nodes`): its ENIs, their addresses and its
    /// pods (a flat store: see [`NodeStore`]).
    pub nodes: NodeStore,
    /// Every pod: the scenario's (pinned first, then replicas by workload), then the
    /// per-node system pods `aws-node` and `kube-proxy` (a compact store: see
    /// [`PodStore`]).
    pub pods: PodStore,
    /// The workloads pods belong to: the scenario's, in order, then the two system
    /// DaemonSets.
    pub workloads: Vec<WorkloadInfo>,
    /// Per subnet (parallel to `model.subnets`), after the CNI allocated.
    pub subnets: Vec<SubnetIpam>,
}

/// How the CNI keeps its warm pool, resolved from the scenario's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "by")]
pub enum WarmPolicy {
    /// `WARM_ENI_TARGET`: keep this many ENIs' worth of free addresses.
    Eni {
        /// Spare ENIs (default 1).
        warm_eni_target: u32,
    },
    /// `WARM_IP_TARGET` / `MINIMUM_IP_TARGET` (override the ENI and prefix targets).
    Ip {
        /// Spare addresses (0 when unset).
        warm_ip_target: u32,
        /// Addresses to hold at least (0 when unset).
        minimum_ip_target: u32,
    },
    /// `WARM_PREFIX_TARGET`: keep this many free /28 prefixes (prefix delegation).
    Prefix {
        /// Spare prefixes (default 1).
        warm_prefix_target: u32,
    },
}

/// A node group as the CNI sees it: limits, address mode, max pods.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupIpam {
    /// The instance type's limits (`None` for Fargate or an unknown type).
    pub limits: Option<InstanceLimits>,
    /// How its pods get addresses (after any fallback).
    pub mode: AddressMode,
    /// Max pods with its breakdown (`None` for Fargate or an unknown type).
    pub max_pods: Option<MaxPods>,
    /// The kubelet's max pods in effect (`maxPodsOverride` wins over the breakdown).
    pub kubelet_max_pods: u32,
    /// The warm pool policy.
    pub warm: WarmPolicy,
    /// Whether the VPC CNI runs on its nodes (it does not for an unknown type, or IPv6
    /// where unsupported); nodes without it stay NotReady.
    pub cni_running: bool,
}

/// Kubernetes' pod phase as `kubectl get pods` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum PodStatus {
    /// Scheduled, with an IP.
    Running,
    /// Scheduled, but the CNI has no IP for it yet (the sandbox cannot be created).
    ContainerCreating,
    /// Not scheduled.
    Pending,
}

impl PodStatus {
    /// The STATUS column of `kubectl get pods`.
    pub fn as_str(self) -> &'static str {
        match self {
            PodStatus::Running => "Running",
            PodStatus::ContainerCreating => "ContainerCreating",
            PodStatus::Pending => "Pending",
        }
    }
}

/// Why a scheduled pod has no IP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum NoIpCause {
    /// The subnet has no free address (EC2 `InsufficientFreeAddressesInSubnet`).
    SubnetFull {
        /// Index into `model.subnets`.
        subnet: usize,
    },
    /// No free, aligned /28 is left for a prefix (EC2 `InsufficientCidrBlocks`),
    /// possibly with enough scattered free addresses.
    NoContiguousPrefix {
        /// Index into `model.subnets`.
        subnet: usize,
    },
    /// Every ENI the instance can attach is full: max pods is above what its ENIs
    /// can address.
    EniLimit,
    /// The pool stops at the kubelet's max pods.
    MaxPods,
    /// Custom networking is on, but no usable ENIConfig is named after the node's
    /// AZ (none is, or its subnet is unknown or in another AZ).
    NoEniConfig,
    /// The node's subnet has no IPv6 block (IPv6 clusters).
    NoIpv6Block,
    /// The VPC CNI does not run on the node.
    CniNotRunning,
}

impl NoIpCause {
    /// Stable kebab-case code.
    pub fn code(self) -> &'static str {
        match self {
            NoIpCause::SubnetFull { .. } => "subnet-full",
            NoIpCause::NoContiguousPrefix { .. } => "no-contiguous-prefix",
            NoIpCause::EniLimit => "eni-limit",
            NoIpCause::MaxPods => "max-pods",
            NoIpCause::NoEniConfig => "no-eniconfig",
            NoIpCause::NoIpv6Block => "no-ipv6-block",
            NoIpCause::CniNotRunning => "cni-not-running",
        }
    }

    /// What a user would read in `kubectl describe pod` (with the cause spelled out).
    pub fn message(self, model: &Model) -> Text {
        let sub = |k: usize| {
            model
                .subnets
                .get(k)
                .map(|s| s.id.clone())
                .unwrap_or_default()
        };
        let head = "Failed to create pod sandbox: failed to assign an IP address to container";
        match self {
            NoIpCause::SubnetFull { subnet } => {
                let s = sub(subnet);
                text!(
                    "{head}: subnet {s} has no free address left (InsufficientFreeAddressesInSubnet)",
                    "{head}: 서브넷 {s}에 남은 주소가 없다(InsufficientFreeAddressesInSubnet)"
                )
            }
            NoIpCause::NoContiguousPrefix { subnet } => {
                let s = sub(subnet);
                text!(
                    "{head}: subnet {s} has no free contiguous /28 for a prefix (InsufficientCidrBlocks), even if scattered addresses are free",
                    "{head}: 서브넷 {s}에 프리픽스로 쓸 연속된 빈 /28이 없다(InsufficientCidrBlocks). 흩어진 빈 주소가 있어도 안 된다"
                )
            }
            NoIpCause::EniLimit => text!(
                "{head}: every ENI the instance can attach is full; the kubelet's max pods is above what its ENIs can address",
                "{head}: 인스턴스가 붙일 수 있는 ENI가 모두 찼다. kubelet의 max pods가 ENI로 줄 수 있는 주소 수보다 크다"
            ),
            NoIpCause::MaxPods => text!(
                "{head}: the CNI holds no more addresses than the kubelet's max pods",
                "{head}: CNI는 kubelet의 max pods보다 많은 주소를 잡아 두지 않는다"
            ),
            NoIpCause::NoEniConfig => text!(
                "{head}: custom networking is on but the node's availability zone has no usable ENIConfig (none is named after it, or its subnet is unknown or in another zone)",
                "{head}: 커스텀 네트워킹이 켜져 있지만 노드의 가용 영역에 쓸 수 있는 ENIConfig가 없다(그 이름의 ENIConfig가 없거나, 서브넷이 없거나 다른 영역에 있다)"
            ),
            NoIpCause::NoIpv6Block => text!(
                "{head}: the node's subnet has no IPv6 CIDR block",
                "{head}: 노드 서브넷에 IPv6 CIDR 블록이 없다"
            ),
            NoIpCause::CniNotRunning => text!(
                "network is not ready: the VPC CNI (aws-node) is not running on the node",
                "네트워크가 준비되지 않았다: 노드에서 VPC CNI(aws-node)가 돌지 않는다"
            ),
        }
    }
}

/// Why a pod is not Running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum PodProblem {
    /// The scheduler found no node (`0/N nodes are available: ...`).
    Unschedulable {
        /// Nodes considered (EC2 nodes of the cluster).
        nodes: u32,
        /// Nodes not ready (the CNI does not run).
        not_ready: u32,
        /// Nodes whose labels do not match the pod's nodeSelector.
        mismatched: u32,
        /// Eligible nodes already at max pods.
        full: u32,
        /// EC2 instances of the cluster's node groups that never registered (not
        /// counted in `nodes`: the scheduler does not know them; see
        /// [`crate::rules::registration`]).
        #[serde(default)]
        unregistered: u32,
    },
    /// Scheduled, no IP.
    NoIp {
        /// The cause.
        cause: NoIpCause,
    },
}

impl PodProblem {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            PodProblem::Unschedulable { .. } => "unschedulable",
            PodProblem::NoIp { cause } => cause.code(),
        }
    }

    /// The message `kubectl describe pod` would show.
    pub fn message(self, model: &Model) -> Text {
        match self {
            PodProblem::Unschedulable {
                nodes,
                not_ready,
                mismatched,
                full,
                unregistered,
            } => {
                let mut parts_en = Vec::new();
                let mut parts_ko = Vec::new();
                if not_ready > 0 {
                    parts_en.push(format!(
                        "{not_ready} node(s) had untolerated taint {{node.kubernetes.io/not-ready: }}"
                    ));
                    parts_ko.push(format!("노드 {not_ready}대가 not-ready 테인트 상태"));
                }
                if mismatched > 0 {
                    parts_en.push(format!(
                        "{mismatched} node(s) didn't match Pod's node affinity/selector"
                    ));
                    parts_ko.push(format!("노드 {mismatched}대가 nodeSelector와 맞지 않음"));
                }
                if full > 0 {
                    parts_en.push(format!("{full} Too many pods"));
                    parts_ko.push(format!("노드 {full}대가 max pods에 도달(Too many pods)"));
                }
                let (en, ko) = (parts_en.join(", "), parts_ko.join(", "));
                let mut t = if nodes == 0 {
                    text!(
                        "0/0 nodes are available: the cluster has no node for this pod",
                        "0/0 nodes are available: 이 Pod를 받을 노드가 클러스터에 없다"
                    )
                } else {
                    text!(
                        "0/{nodes} nodes are available: {en}.",
                        "0/{nodes} nodes are available: {ko}."
                    )
                };
                if unregistered > 0 {
                    // eksnet's note: kube-scheduler cannot know about them.
                    let (inst, their, they, nodes) = if unregistered == 1 {
                        ("1 EC2 instance".to_string(), "its", "it is", "a node")
                    } else {
                        (
                            format!("{unregistered} EC2 instances"),
                            "their",
                            "they are",
                            "nodes",
                        )
                    };
                    let more = text!(
                        " ({inst} never registered with the cluster: {their} kubelet cannot reach the API server, so {they} not {nodes})",
                        " (EC2 인스턴스 {unregistered}대가 클러스터에 등록되지 못했다: kubelet이 API 서버에 닿지 못해 노드가 아니다)"
                    );
                    t.en.push_str(&more.en);
                    t.ko.push_str(&more.ko);
                }
                t
            }
            PodProblem::NoIp { cause } => cause.message(model),
        }
    }
}

/// Where a pod runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Placement {
    /// On an EC2 node (index into `model.nodes`).
    Node {
        /// Index into `model.nodes`.
        node: usize,
    },
    /// In its own Fargate micro-VM, in a subnet of a Fargate node group.
    Fargate {
        /// Index into `model.node_groups`.
        group: usize,
    },
    /// Not scheduled.
    Unscheduled,
}

/// A string many pods share (their namespace): one allocation however many pods
/// carry it; reads as a `&str` and compares with one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedStr(Arc<str>);

impl SharedStr {
    /// A new shared string.
    pub fn new(s: &str) -> SharedStr {
        SharedStr(Arc::from(s))
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A pod, as [`PodStore::get`] builds it. Its id (`pod:<namespace>/<name>`) is
/// [`Pod::eid`].
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    /// `metadata.name` (reads as a `&str`; no allocation of its own, see
    /// [`PodName`]).
    pub name: PodName,
    /// `metadata.namespace` (shared with the other pods of its workload).
    pub namespace: SharedStr,
    /// Index into `Ipam::workloads` (labels, ports, readiness live there).
    pub workload: usize,
    /// Pinned by the scenario's `pods`.
    pub pinned: bool,
    /// `hostNetwork: true`: the pod uses the node IP.
    pub host_network: bool,
    /// Where it runs.
    pub placement: Placement,
    /// The EC2 node, if on one (same as in `placement`, for convenience).
    pub node: Option<usize>,
    /// The subnet its IP is from.
    pub subnet: Option<usize>,
    /// The ENI (index into the node's `enis`) whose address it holds; `None` for
    /// host-network and Fargate pods.
    pub eni: Option<usize>,
    /// The pod IP (IPv6 in IPv6 clusters).
    pub ip: Option<IpAddr>,
    /// Status.
    pub status: PodStatus,
    /// Why it is not Running.
    pub problem: Option<PodProblem>,
    /// Ready (Running and passing its readiness probe).
    pub ready: bool,
}

impl Pod {
    /// `pod:<namespace>/<name>` (built on demand: a cluster holds millions of pods).
    pub fn eid(&self) -> ElementId {
        ElementId::pod(&self.namespace, &self.name)
    }

    /// The IPv4 pod IP, if it has one.
    pub fn ipv4(&self) -> Option<Ipv4Addr> {
        match self.ip {
            Some(IpAddr::V4(a)) => Some(a),
            _ => None,
        }
    }
}

/// What a pod's workload says about it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadInfo {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`.
    pub namespace: String,
    /// Pod labels (Services select on them).
    pub labels: BTreeMap<String, String>,
    /// `hostNetwork`.
    pub host_network: bool,
    /// Container port.
    pub container_port: u16,
    /// Whether its pods pass their readiness probe.
    pub ready: bool,
    /// Index into `scenario.workloads`; `None` for the system DaemonSets.
    pub scenario_index: Option<usize>,
    /// A DaemonSet (one pod per node) rather than replicas.
    pub daemon_set: bool,
    /// Pods of it that run.
    pub running: u32,
    /// Pods of it that do not.
    pub not_running: u32,
}

/// A subnet after the CNI allocated.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubnetIpam {
    /// Index into `model.subnets`.
    pub subnet: usize,
    /// Who holds its addresses (`None` for an unusable CIDR).
    pub accounting: Option<Accounting>,
    /// Node ENIs in it (eth0s included).
    pub enis: u32,
    /// Pod addresses assigned (secondary IPs and addresses inside prefixes).
    pub assigned: u32,
    /// Warm addresses (secondary IPs and prefix addresses without a pod).
    pub warm: u32,
    /// /28 prefixes delegated from it.
    pub prefixes: u32,
    /// Aligned /28 blocks still free for prefix delegation (fragmentation: free
    /// addresses do not make free blocks).
    pub free_blocks28: u32,
}

impl Ipam {
    /// The labels of pod `i`.
    pub fn pod_labels(&self, i: usize) -> Option<&BTreeMap<String, String>> {
        let w = self.pods.workload(i)?;
        self.workloads.get(w).map(|w| &w.labels)
    }

    /// Index of a pod by `namespace/name`, `pod:` id, or bare name (first match).
    pub fn pod_index(&self, key: &str) -> Option<usize> {
        let key = key.strip_prefix("pod:").unwrap_or(key);
        let (ns, name) = match key.split_once('/') {
            Some((ns, name)) => (Some(ns), name),
            None => (None, key),
        };
        // Every name starts with its workload's (pinned ones included: their
        // workload is named in them), so most workloads are ruled out at once.
        let candidate: Vec<bool> = self
            .workloads
            .iter()
            .map(|w| ns.is_none_or(|ns| w.namespace == ns))
            .collect();
        let pinned_or_candidate = |i: usize| {
            self.pods.is_pinned(i)
                || self
                    .pods
                    .workload(i)
                    .and_then(|w| Some((candidate.get(w)?, self.workloads.get(w)?)))
                    .is_some_and(|(&c, w)| c && name.starts_with(w.name.as_str()))
        };
        (0..self.pods.len()).find(|&i| {
            pinned_or_candidate(i)
                && ns.is_none_or(|ns| self.pods.namespace(i).is_some_and(|x| *x == ns))
                && self.pods.name(i).is_some_and(|n| n == name)
        })
    }

    /// The NODE column of kubectl for pod `i`: the EC2 node's name, or the Fargate
    /// micro-VM's `fargate-ip-…` name.
    pub fn node_name(&self, model: &Model, i: usize) -> Option<String> {
        match self.pods.placement(i)? {
            Placement::Node { node } => model.nodes.get(node).map(|n| n.name.clone()),
            Placement::Fargate { .. } => match self.pods.ip(i) {
                Some(IpAddr::V4(ip)) => Some(format!(
                    "fargate-{}",
                    Model::node_name(&model.cluster.region, ip)
                )),
                _ => None,
            },
            Placement::Unscheduled => None,
        }
    }

    /// Pods that are not Running.
    pub fn not_running(&self) -> impl Iterator<Item = (usize, Pod)> + '_ {
        (0..self.pods.len())
            .filter(|&i| self.pods.status(i) != Some(PodStatus::Running))
            .filter_map(|i| Some((i, self.pods.get(i)?)))
    }
}
