//! Pods and where they run: a small, deterministic stand-in for kube-scheduler.
//!
//! The rule, in order:
//!
//! 1. Every EC2 node runs the two host-network DaemonSet pods `aws-node` (the VPC
//!    CNI) and `kube-proxy`: they are the "+2" of the max-pods formula (source 003).
//! 2. Pods pinned by the scenario's `pods` go to their node (by name, short name or
//!    node IP), like a pod with `spec.nodeName`, as long as the node has room under
//!    its max pods.
//! 3. The remaining replicas of each workload, workload by workload, go to the
//!    *least-loaded* eligible node (fewest pods; ties to the node listed first).
//!    Eligible: the node is Ready (the CNI runs on it), matches the workload's
//!    `nodeSelector` and is below its max pods. Node labels known to eksnet:
//!    `eks.amazonaws.com/nodegroup`, `topology.kubernetes.io/zone`,
//!    `topology.kubernetes.io/region`, `kubernetes.io/hostname`,
//!    `node.kubernetes.io/instance-type`, `kubernetes.io/os` (`linux`).
//! 4. A workload whose `nodeSelector` names a Fargate node group
//!    (`eks.amazonaws.com/nodegroup`) or asks for `eks.amazonaws.com/compute-type:
//!    fargate` runs on Fargate: each pod in its own micro-VM.
//!
//! A replica no node can take stays Pending, with the scheduler's
//! `0/N nodes are available: ...` message.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use super::ipam::{GroupIpam, Placement, PodName, SharedStr, WorkloadInfo};
use super::least_loaded::{choose, Eligible};
use super::names;
use super::node_pods::NodePodLists;
use super::pod_store::{NewPod, PodStore};
use super::selector::unknown_labels;
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::pace::{Progress, Stage, PODS_PER_PAUSE};
use crate::{text, Diagnostic, Model};

const CITE_SCHED: Cite = Cite::new(Source::Kubernetes, "kube-scheduler, nodeSelector");

/// Most workload pods a scenario may have (more are refused with a diagnostic, so
/// that a typed replica count cannot exhaust memory): 100,000 nodes × 40 pods.
pub const MAX_PODS: usize = 4_000_000;

/// Index of the `aws-node` DaemonSet among the workloads, counted from the end.
pub(crate) const SYSTEM_WORKLOADS: usize = 2;

/// The scheduling result.
pub(crate) struct Scheduled {
    /// Every pod (statuses not set yet).
    pub pods: PodStore,
    /// Workloads, the scenario's then the two system DaemonSets.
    pub workloads: Vec<WorkloadInfo>,
    /// Pods per EC2 node, in the order they were placed.
    pub node_pods: NodePodLists,
    /// `(pod, pin index, address)` of pinned addresses asked for.
    pub pinned_ips: Vec<(usize, usize, Ipv4Addr)>,
    /// Pods placed on Fargate.
    pub fargate: Vec<usize>,
}

/// A node's kubelet max pods (0 for an unknown node, or one that never registered:
/// the scheduler does not know it, see [`crate::rules::registration`]).
fn cap(m: &Model, groups: &[GroupIpam], n: usize) -> u32 {
    if !m.registration.registers(n) {
        return 0;
    }
    m.nodes
        .get(n)
        .and_then(|x| groups.get(x.group))
        .map_or(0, |g| g.kubelet_max_pods)
}

/// Whether node `n` is Ready (the VPC CNI runs on it).
fn ready(m: &Model, groups: &[GroupIpam], n: usize) -> bool {
    m.nodes
        .get(n)
        .and_then(|x| groups.get(x.group))
        .is_some_and(|g| g.cni_running)
}

/// Creates every pod and places it (see the module docs).
pub(crate) async fn schedule<F, P>(
    m: &Model,
    groups: &[GroupIpam],
    diags: &mut Vec<Diagnostic>,
    pause: &mut P,
) -> Scheduled
where
    P: FnMut(Progress) -> F,
    F: std::future::Future<Output = ()>,
{
    let s = &m.k8s;
    let nodes = m.nodes.len();
    // Pods asked for, for the progress report only.
    let asked = s
        .workloads
        .iter()
        .map(|w| w.replicas as usize)
        .sum::<usize>()
        .min(MAX_PODS)
        + s.pods.len()
        + SYSTEM_WORKLOADS * nodes;
    let at = |done: usize| Progress {
        stage: Stage::Scheduling,
        done: done.min(asked),
        total: asked,
    };
    pause(at(0)).await;
    let workloads = workload_infos(m);
    unknown_labels(m, diags);
    let mut p = Placer::new(m, groups, workloads);
    p.pinned(diags);
    p.replicas(diags, pause, &at).await;
    p.system_pods(pause, &at).await;
    p.out
}

/// The scenario's workloads, then the two system DaemonSets (`aws-node`,
/// `kube-proxy`).
fn workload_infos(m: &Model) -> Vec<WorkloadInfo> {
    let s = &m.k8s;
    let mut workloads: Vec<WorkloadInfo> = s
        .workloads
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut labels = w.labels.clone();
            if labels.is_empty() {
                labels.insert("app".into(), w.name.clone());
            }
            WorkloadInfo {
                name: w.name.clone(),
                namespace: w.namespace.clone(),
                labels,
                host_network: w.host_network,
                container_port: w.container_port,
                ready: w.ready,
                scenario_index: Some(i),
                daemon_set: false,
                running: 0,
                not_running: 0,
            }
        })
        .collect();
    for (name, port) in [("aws-node", 61678u16), ("kube-proxy", 10249)] {
        let mut labels = BTreeMap::new();
        labels.insert("k8s-app".to_string(), name.to_string());
        workloads.push(WorkloadInfo {
            name: name.into(),
            namespace: "kube-system".into(),
            labels,
            host_network: true,
            container_port: port,
            ready: true,
            scenario_index: None,
            daemon_set: true,
            running: 0,
            not_running: 0,
        });
    }
    workloads
}

/// Placement in progress: the pods made so far and each node's load.
struct Placer<'m> {
    m: &'m Model,
    groups: &'m [GroupIpam],
    /// What is returned.
    out: Scheduled,
    /// Pods per node, counting the system pods from the start.
    load: Vec<u32>,
    /// Each node's max pods ([`cap`], looked up once).
    caps: Vec<u32>,
    /// Whether each node is Ready ([`ready`], looked up once).
    readies: Vec<bool>,
    /// Pinned pods accepted per workload.
    pins_per_workload: Vec<u32>,
    /// Names of the pinned pods per workload.
    pinned_names: Vec<Vec<String>>,
}

impl<'m> Placer<'m> {
    /// Sized up front: a large cluster has millions of pods.
    fn new(m: &'m Model, groups: &'m [GroupIpam], workloads: Vec<WorkloadInfo>) -> Placer<'m> {
        let s = &m.k8s;
        let nodes = m.nodes.len();
        let caps: Vec<u32> = (0..nodes).map(|n| cap(m, groups, n)).collect();
        let cap = |n: usize| caps.get(n).copied().unwrap_or(0);
        let replicas: usize = s
            .workloads
            .iter()
            .map(|w| w.replicas as usize)
            .sum::<usize>()
            .min(MAX_PODS);
        let capacity = replicas
            .saturating_add(nodes * SYSTEM_WORKLOADS)
            .min(1 << 26);
        let namespaces = workloads
            .iter()
            .map(|w| SharedStr::new(&w.namespace))
            .collect();
        let pods = PodStore::new(namespaces, capacity);
        let node_pods = NodePodLists::new(nodes);
        Placer {
            m,
            groups,
            out: Scheduled {
                pods,
                workloads,
                node_pods,
                pinned_ips: Vec::new(),
                fargate: Vec::new(),
            },
            load: (0..nodes)
                .map(|n| cap(n).min(SYSTEM_WORKLOADS as u32))
                .collect(),
            caps,
            readies: (0..nodes).map(|n| ready(m, groups, n)).collect(),
            pins_per_workload: vec![0u32; s.workloads.len()],
            pinned_names: vec![Vec::new(); s.workloads.len()],
        }
    }

    /// Pods pinned by the scenario's `pods`, on their node when it has room.
    fn pinned(&mut self, diags: &mut Vec<Diagnostic>) {
        let (m, groups) = (self.m, self.groups);
        let s = &m.k8s;
        let cap = |n: usize| cap(m, groups, n);
        let Placer {
            out,
            load,
            pins_per_workload,
            pinned_names,
            ..
        } = self;
        let Scheduled {
            pods,
            workloads,
            node_pods,
            pinned_ips,
            ..
        } = out;
        let wl_names: Vec<&str> = s.workloads.iter().map(|w| w.name.as_str()).collect();
        for (pi, pin) in s.pods.iter().enumerate() {
            let ns = pin.namespace.as_str();
            let Some(w) = s
                .workloads
                .iter()
                .zip(workloads.iter())
                .position(|(sw, wi)| sw.name == pin.workload && wi.namespace == ns)
            else {
                let near = crate::did_you_mean(&pin.workload, wl_names.iter().copied()).join(", ");
                let wname = &pin.workload;
                diags.push(
                    Diagnostic::new(
                        Code::UnknownReference,
                        format!("/pods/{pi}/workload"),
                        text!(
                            "there is no workload `{wname}` in namespace {ns}",
                            "네임스페이스 {ns}에 워크로드 `{wname}`이(가) 없다"
                        ),
                    )
                    .fix(
                        (!near.is_empty())
                            .then(|| text!("did you mean {near}?", "{near}을(를) 뜻했나?")),
                    )
                    .cite(CITE_SCHED),
                );
                continue;
            };
            let replicas = s.workloads.get(w).map_or(0, |x| x.replicas);
            if pins_per_workload[w] >= replicas {
                let name = &pin.name;
                let reps = crate::text::count(replicas as usize, "replica", "replicas");
                diags.push(Diagnostic::new(
                    Code::PodPinsExceedReplicas,
                    format!("/pods/{pi}"),
                    text!(
                        "pod {name} is pinned, but its workload has only {reps}: the pin is ignored",
                        "Pod {name}이(가) 고정돼 있지만 워크로드의 레플리카가 {replicas}개뿐이라 무시한다"
                    ),
                ));
                continue;
            }
            pins_per_workload[w] += 1;
            pinned_names[w].push(pin.name.clone());
            let host = workloads.get(w).is_some_and(|x| x.host_network);
            let new = NewPod {
                workload: w,
                pinned: true,
                host_network: host,
            };
            let idx = pods.push_pinned(new, PodName::new(&pin.name));
            let node = if pin.node_name.is_empty() {
                None
            } else {
                m.node_index(&pin.node_name)
            };
            if node.is_none() && !pin.node_name.is_empty() {
                // Short names (`ip-192-168-46-6`) compare better than full ones.
                let short = |n: &str| crate::model::names::short_node_name(n).to_string();
                let known: Vec<String> = m.nodes.iter().map(|n| short(&n.name)).collect();
                let near =
                    crate::did_you_mean(&short(&pin.node_name), known.iter().map(String::as_str))
                        .join(", ");
                let nn = &pin.node_name;
                diags.push(
                    Diagnostic::new(
                        Code::UnknownReference,
                        format!("/pods/{pi}/nodeName"),
                        text!("there is no node `{nn}`", "노드 `{nn}`이(가) 없다"),
                    )
                    .fix(if near.is_empty() {
                        text!(
                            "name a node of the model, or its IP",
                            "모델의 노드 이름이나 IP를 쓴다"
                        )
                    } else {
                        text!("did you mean {near}?", "{near}을(를) 뜻했나?")
                    })
                    .cite(CITE_SCHED),
                );
            }
            if let Some(n) = node.filter(|&n| m.registration.registers(n)) {
                if load[n] < cap(n) {
                    load[n] += 1;
                    pods.set_placement(idx, Placement::Node { node: n });
                    node_pods.push(n, idx, host);
                    if let Some(ip) = &pin.pod_ip {
                        match ip.parse::<Ipv4Addr>() {
                            Ok(a) => pinned_ips.push((idx, pi, a)),
                            Err(_) => diags.push(
                                Diagnostic::new(
                                    Code::InvalidIp,
                                    format!("/pods/{pi}/podIP"),
                                    text!(
                                        "`{ip}` is not an IPv4 address",
                                        "`{ip}`은(는) IPv4 주소가 아니다"
                                    ),
                                )
                                .cite(CITE_SCHED),
                            ),
                        }
                    }
                } else {
                    let (name, nn, c) = (&pin.name, &m.nodes[n].name, cap(n));
                    diags.push(Diagnostic::new(
                        Code::PodPinNodeFull,
                        format!("/pods/{pi}/nodeName"),
                        text!(
                            "pod {name} is pinned to {nn}, which is already at its max pods ({c}); it is scheduled elsewhere",
                            "Pod {name}이(가) {nn}에 고정돼 있지만 그 노드는 이미 max pods({c})에 찼다. 다른 곳에 배치한다"
                        ),
                    ));
                }
            }
        }
    }

    /// The remaining replicas of each workload (and the pinned pods not yet
    /// placed), on the least-loaded eligible nodes or on Fargate. The picks
    /// come as runs of consecutive nodes (see [`super::least_loaded`]): a run's
    /// pods are written one after the other and recorded as one span.
    async fn replicas<F, P>(
        &mut self,
        diags: &mut Vec<Diagnostic>,
        pause: &mut P,
        at: &impl Fn(usize) -> Progress,
    ) where
        P: FnMut(Progress) -> F,
        F: std::future::Future<Output = ()>,
    {
        let m = self.m;
        let s = &m.k8s;
        let Placer {
            out,
            load,
            caps,
            readies,
            pins_per_workload,
            pinned_names,
            ..
        } = self;
        let Scheduled {
            pods,
            workloads,
            node_pods,
            fargate,
            ..
        } = out;
        let unplaced_pins: Vec<usize> = (0..pods.len())
            .filter(|&i| pods.node(i).is_none())
            .collect();
        let mut eligible: Vec<Eligible> = Vec::new();
        for (w, sw) in s.workloads.iter().enumerate() {
            let info = &workloads[w];
            let host = info.host_network;
            // Pinned pods of this workload still to place, then new replicas.
            let unplaced: Vec<usize> = unplaced_pins
                .iter()
                .copied()
                .filter(|&i| pods.workload(i) == Some(w))
                .collect();
            let mut extra = sw.replicas.saturating_sub(pins_per_workload[w]) as usize;
            if pods.len() + extra > MAX_PODS {
                let room = MAX_PODS.saturating_sub(pods.len());
                let (name, asked) = (&sw.name, sw.replicas);
                diags.push(Diagnostic::new(
                    Code::TooManyPods,
                    format!("/workloads/{w}/replicas"),
                    text!(
                        "the scenario asks for more than {MAX_PODS} pods; only {room} of {name}'s {asked} replicas are modelled",
                        "Pod가 {MAX_PODS}개를 넘는다. {name}의 레플리카 {asked}개 중 {room}개만 모델링한다"
                    ),
                ));
                extra = room;
            }
            let total = unplaced.len() + extra;
            if total == 0 {
                continue;
            }

            // Where they go, decided before the pods are made (each pod is written once).
            let (fargate_group, chosen, unschedulable) =
                choose(m, sw, total, (load, caps, readies), &mut eligible);
            // The pods left over share one problem.
            let unsched = (fargate_group.is_none() && chosen.len() < total)
                .then(|| pods.add_problem(unschedulable));
            let place = |node: Option<usize>,
                         i: usize,
                         pods: &mut PodStore,
                         node_pods: &mut NodePodLists,
                         fargate: &mut Vec<usize>| {
                if let Some(g) = fargate_group {
                    pods.set_placement(i, Placement::Fargate { group: g });
                    fargate.push(i);
                } else if let Some(n) = node {
                    pods.set_placement(i, Placement::Node { node: n });
                    node_pods.push(n, i, host);
                } else if let Some(u) = unsched {
                    pods.set_problem_at(i, u);
                }
            };
            let mut picks = chosen.iter();
            for &i in &unplaced {
                place(picks.next(), i, pods, node_pods, fargate);
            }
            if extra > 0 {
                let ns = info.namespace.as_str();
                let hash = pinned_names[w]
                    .iter()
                    .find_map(|n| {
                        let rest = n.strip_prefix(&sw.name)?.strip_prefix('-')?;
                        let (h, _) = rest.rsplit_once('-')?;
                        names::is_template_hash(h).then(|| h.to_string())
                    })
                    .unwrap_or_else(|| names::template_hash(ns, &sw.name));
                let salt = names::fnv(&[ns, &sw.name, "pods"]);
                // Positions of the name sequence a pinned pod already holds.
                let taken = &pinned_names[w];
                let mut skips: Vec<u32> = Vec::new();
                if !taken.is_empty() {
                    let mut pos = 0u64;
                    for _ in 0..extra {
                        loop {
                            let tail = names::tail_at(salt, pos);
                            let cand = names::name_with(&sw.name, &hash, &tail);
                            pos += 1;
                            if !taken.iter().any(|t| cand == *t) {
                                break;
                            }
                            skips.push((pos - 1) as u32);
                        }
                    }
                }
                let start = pods.len();
                let new = NewPod {
                    workload: w,
                    pinned: false,
                    host_network: host,
                };
                // The replicas on nodes: run of picks after run, each cut
                // where the pods reach a pause.
                let runs = fargate_group
                    .is_none()
                    .then(|| chosen.runs_after(unplaced.len()));
                for (a, b) in runs.into_iter().flatten() {
                    let mut n = a;
                    while n < b {
                        let i = pods.len();
                        if i > 0 && i.is_multiple_of(PODS_PER_PAUSE) {
                            pause(at(i)).await;
                        }
                        let room = PODS_PER_PAUSE - i % PODS_PER_PAUSE;
                        let end = b.min(n.saturating_add(u32::try_from(room).unwrap_or(u32::MAX)));
                        pods.push_on_nodes(new, n..end);
                        node_pods.push_run(i, (n, end), host);
                        n = end;
                    }
                }
                // The others: on Fargate, or left Pending.
                for _ in pods.len() - start..extra {
                    let i = pods.len();
                    if i > 0 && i.is_multiple_of(PODS_PER_PAUSE) {
                        pause(at(i)).await;
                    }
                    let i = pods.push(new);
                    place(None, i, pods, node_pods, fargate);
                }
                pods.name_run(start, extra, &sw.name, &hash, salt, skips);
            }
        }
    }

    /// The system DaemonSet pods, one of each per EC2 node with room for them.
    async fn system_pods<F, P>(&mut self, pause: &mut P, at: &impl Fn(usize) -> Progress)
    where
        P: FnMut(Progress) -> F,
        F: std::future::Future<Output = ()>,
    {
        let (m, groups) = (self.m, self.groups);
        let cap = |n: usize| cap(m, groups, n);
        let Placer { out, .. } = self;
        let Scheduled {
            pods,
            workloads,
            node_pods,
            ..
        } = out;
        let first_system = workloads.len() - SYSTEM_WORKLOADS;
        let salts: Vec<u64> = (0..SYSTEM_WORKLOADS)
            .map(|k| names::fnv(&[&workloads[first_system + k].name]))
            .collect();
        for (k, &salt) in salts.iter().enumerate() {
            pods.name_system(first_system + k, &workloads[first_system + k].name, salt);
        }
        for (n, node) in m.nodes.iter().enumerate() {
            if cap(n) < SYSTEM_WORKLOADS as u32 {
                continue;
            }
            let first = pods.len();
            for k in 0..SYSTEM_WORKLOADS {
                let idx = pods.len();
                if idx > 0 && idx.is_multiple_of(PODS_PER_PAUSE) {
                    pause(at(idx)).await;
                }
                let new = NewPod {
                    workload: first_system + k,
                    pinned: false,
                    host_network: true,
                };
                let idx = pods.push_on_node(new, n);
                pods.set_subnet(idx, node.subnet);
            }
            node_pods.push_per(n, first, SYSTEM_WORKLOADS as u32, true);
        }
    }
}
