//! The pass over the pods once every node's ENIs are known: each pod on an EC2
//! node gets its address and, in the same visit, its status and readiness
//! ([`PodPass`]); then the pods no node took, then the Fargate pods, get theirs
//! ([`Settler`]). Each pod is settled exactly once, so the pods' records are read
//! and written in one pass after scheduling, not two.

use super::eni_arena::EniArena;
use super::hand_out::{HandOut, Next};
use super::ipam::{GroupIpam, NoIpCause, Placement, PodProblem, PodStatus, WorkloadInfo};
use super::node_pods::{NodePodLists, Placed};
use super::pod_store::{Facts, PodStore};
use super::schedule::SYSTEM_WORKLOADS;
use crate::Model;

/// Statuses, readiness and the workloads' counts, pod by pod.
pub(crate) struct Settler {
    /// Per workload, whether its pods are ready once running.
    wl_ready: Vec<bool>,
    /// The `aws-node` DaemonSet's workload.
    first_system: usize,
    /// Per node, whether the CNI runs there.
    cni: Vec<bool>,
    running: Vec<u32>,
    not_running: Vec<u32>,
    /// Pods with a problem.
    troubled: Vec<usize>,
}

impl Settler {
    pub(crate) fn new(model: &Model, groups: &[GroupIpam], workloads: &[WorkloadInfo]) -> Settler {
        Settler {
            wl_ready: workloads.iter().map(|w| w.ready).collect(),
            first_system: workloads.len().saturating_sub(SYSTEM_WORKLOADS),
            cni: model
                .nodes
                .iter()
                .map(|n| groups.get(n.group).is_some_and(|g| g.cni_running))
                .collect(),
            running: vec![0; workloads.len()],
            not_running: vec![0; workloads.len()],
            troubled: Vec::new(),
        }
    }

    /// Pod `i`'s status and readiness, from what it is (counted for its
    /// workload; noted if it has a problem).
    pub(crate) fn settle(&mut self, i: usize, p: Facts) -> (PodStatus, bool) {
        let w = p.workload;
        let status = match (p.placement, p.has_ip) {
            (Placement::Unscheduled, _) => PodStatus::Pending,
            (_, true) => PodStatus::Running,
            (_, false) => PodStatus::ContainerCreating,
        };
        if status == PodStatus::Running {
            return (status, self.running(i, w, p.node, p.has_problem));
        }
        if let Some(c) = self.not_running.get_mut(w) {
            *c += 1;
        }
        if p.has_problem {
            self.troubled.push(i);
        }
        (status, false)
    }

    /// A Running pod `i` of workload `w` (on EC2 node `node`, if any): its
    /// readiness, as [`Settler::settle`] finds it (counted for its workload;
    /// noted if it has a problem). The pod pass calls it for its common case.
    #[inline]
    pub(crate) fn running(
        &mut self,
        i: usize,
        w: usize,
        node: Option<usize>,
        has_problem: bool,
    ) -> bool {
        let mut ready = self.wl_ready.get(w).copied().unwrap_or(false);
        if ready && w == self.first_system {
            // aws-node is the CNI: not ready where the CNI cannot run.
            ready = node.and_then(|n| self.cni.get(n)).copied().unwrap_or(false);
        }
        if let Some(c) = self.running.get_mut(w) {
            *c += 1;
        }
        if has_problem {
            self.troubled.push(i);
        }
        ready
    }

    /// Adds the counts to `workloads`; returns the pods with a problem, in order.
    pub(crate) fn finish(mut self, workloads: &mut [WorkloadInfo]) -> Vec<usize> {
        for (w, info) in workloads.iter_mut().enumerate() {
            info.running += self.running.get(w).copied().unwrap_or(0);
            info.not_running += self.not_running.get(w).copied().unwrap_or(0);
        }
        self.troubled.sort_unstable();
        self.troubled
    }
}

/// Every pod on an EC2 node gets its address, in the order the pods were placed
/// (see [`super::hand_out`]): a host-network pod its node's; a pinned pod placed
/// in its slot (`placed`) keeps it; the others the next free slot of their node,
/// or none, for the node's cause (pods left without one for the same cause,
/// one after the other, share its record). Each is then settled. The pass runs
/// in pieces ([`PodPass::run`]).
#[derive(Debug, Default)]
pub(crate) struct PodPass {
    /// Where the pass stands in the placements.
    at: Placed,
    /// The last record of pods left without an address, and its cause.
    last: Option<(NoIpCause, u32)>,
}

impl PodPass {
    /// The next `count` pods placed.
    pub(crate) fn run(
        &mut self,
        model: &Model,
        (lists, placed): (&NodePodLists, &[bool]),
        (hand, arena): (&mut HandOut, &EniArena),
        (pods, settler): (&mut PodStore, &mut Settler),
        count: usize,
    ) {
        let nodes = hand.len();
        let last = &mut self.last;
        lists.placed_from(&mut self.at, count, |pi| {
            let pi = pi as usize;
            let (n, host) = pods.node_and_host(pi).unwrap_or((usize::MAX, false));
            if n >= nodes {
                // A node the per-node pass never reached.
            } else if host {
                if let Some(node) = model.nodes.get(n) {
                    let addr = (node.private_ip, node.subnet, None);
                    if !pods.set_running_v4(pi, addr, |w, t| settler.running(pi, w, Some(n), t)) {
                        pods.set_v4_and_settle(pi, addr, |i, f| settler.settle(i, f));
                    }
                    return;
                }
            } else if !placed.get(pi).copied().unwrap_or(false) {
                match hand.next(n, arena) {
                    Some(Next::V4 { ip, subnet, eni }) => {
                        let addr = (ip, subnet, Some(eni));
                        if !pods.set_running_v4(pi, addr, |w, t| settler.running(pi, w, Some(n), t))
                        {
                            pods.set_v4_and_settle(pi, addr, |i, f| settler.settle(i, f));
                        }
                        return;
                    }
                    Some(Next::V6 { ip, subnet }) => pods.set_v6(pi, ip, subnet, Some(0)),
                    Some(Next::None(cause)) => {
                        let k = match *last {
                            Some((c, k)) if c == cause => k,
                            _ => pods.add_problem(PodProblem::NoIp { cause }),
                        };
                        *last = Some((cause, k));
                        pods.set_problem_at(pi, k);
                    }
                    None => {}
                }
            }
            pods.settle_one(pi, |i, f| settler.settle(i, f));
        });
    }
}
