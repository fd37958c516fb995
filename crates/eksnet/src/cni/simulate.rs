//! The whole simulation: settings → scheduling → pinned addresses → each node's
//! allocation → Fargate → statuses, accounting and diagnostics.
//!
//! Built for scale (100,000 nodes × 30 pods, 400,000 ENIs, 5.6 million warm and
//! assigned addresses):
//!
//! - the pods live in a compact store (see [`super::pod_store`]); the per-node pass
//!   reads no pod, only how many each node has (and its pinned ones); then one
//!   pass over the pods in the order they were placed (nearly index order) hands
//!   each the next free slot of its node ([`super::hand_out`]) and sets its
//!   status in the same visit ([`super::pod_pass`]);
//! - the nodes' ENIs and slots live in a flat store ([`NodeStore`]): one record
//!   per node and per ENI, secondary addresses as runs of consecutive addresses,
//!   the pinned pods' slots; each node's pods are derived from the
//!   scheduler's placements (the pods in the order placed; each one's node is
//!   in its record) once the addresses are handed out (see
//!   [`super::node_pods`]), and each slot's pod is read off them (see
//!   [`super::slot_pods`]); an ENI's ids (`eni:<node>:<index>`, `eni-…`) are
//!   derived on demand from its node's name;
//! - while allocating, a node with no pinned pod and no observed ENI (every
//!   node of a generated cluster) has its ENIs grown as runs of addresses
//!   straight at the end of the booted nodes' arena, then of the store's, never
//!   slot by slot ([`super::node_runs`]), and the nodes of one shape are
//!   stamped: the fill worked out once, each node taking its row of addresses
//!   at once ([`super::stamp`]); the other nodes' ENIs are worked on slot by
//!   slot in vectors reused node to node (booted nodes wait in a flat arena
//!   until their pods come): no allocation per node;
//! - an ENI is filled with runs of consecutive free addresses taken from the pool
//!   at once ([`crate::model::SubnetPool::take_run`]), the same addresses in the
//!   same order as one at a time;
//! - the scheduler looks each node's max pods up once, not once per pod.

use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::Ipv6Net;

use super::eni::EniBuf;
use super::groups;
use super::hand_out::HandOut;
use super::ipam::{GroupIpam, Ipam, NoIpCause, Placement, PodProblem, SubnetIpam};
use super::limits::InstanceLimits;
use super::max_pods::AddressMode;

use super::node::{boot_in, finish, Booted, NodeOutcome, NodeSpec, PodNeed, Workspace};
use super::node_runs::{self, finish_runs};
use super::node_store::{NodeFacts, NodeStore};
use super::pins;
use super::pod_pass::{PodPass, Settler};
use super::pod_store::PodStore;
use super::schedule::{schedule, Scheduled};
use crate::model::{Holder, Ledger};
use crate::pace::{Progress, Stage, NODES_PER_PAUSE};
use crate::scenario::IpFamily;
use crate::{Diagnostic, Model};

/// Runs the CNI simulation on `model`, taking addresses from `ledger` (start one
/// with [`Ledger::new`] from the model's pools), and appends what it finds to
/// `diags`. Never panics.
pub fn simulate(model: &Model, ledger: &mut Ledger, diags: &mut Vec<Diagnostic>) -> Ipam {
    crate::pace::run_ready(simulate_paced(model, ledger, diags, &mut |_| {
        std::future::ready(())
    }))
}

/// [`simulate`], awaiting `pause` while scheduling (see
/// [`PODS_PER_PAUSE`](crate::pace::PODS_PER_PAUSE)), before the first node, after
/// every [`NODES_PER_PAUSE`] nodes, after the last, and after each node's pods
/// are derived (see [`crate::pace`]).
pub(crate) async fn simulate_paced<F, P>(
    model: &Model,
    ledger: &mut Ledger,
    diags: &mut Vec<Diagnostic>,
    pause: &mut P,
) -> Ipam
where
    P: FnMut(Progress) -> F,
    F: std::future::Future<Output = ()>,
{
    let total = model.nodes.len();
    let at = |done| Progress {
        stage: Stage::PodIps,
        done,
        total,
    };
    let groups = groups::resolve(model, diags);
    let pod_subnets = groups::pod_subnets(model, diags);
    let Scheduled {
        mut pods,
        mut workloads,
        node_pods,
        pinned_ips,
        fargate,
    } = schedule(model, &groups, diags, pause).await;
    let ipv6 = model.cluster.ip_family == IpFamily::Ipv6;
    let custom = model.cni.custom_network_cfg && !ipv6;
    let pinned = pins::reserve(
        model,
        ledger,
        &groups,
        &pod_subnets,
        &pods,
        &pinned_ips,
        diags,
    );

    // ---- each EC2 node
    pause(at(0)).await;
    let mut subnets: Vec<SubnetIpam> = (0..model.subnets.len())
        .map(|k| SubnetIpam {
            subnet: k,
            accounting: None,
            enis: 0,
            assigned: 0,
            warm: 0,
            prefixes: 0,
            free_blocks28: 0,
        })
        .collect();
    let pins_by_node = pins_by_node(&pods, &pinned);
    let mut pass = NodePass {
        placed: Vec::new(),
        buffer: Vec::new(),
        ws: Workspace::with_capacity(total),
        custom,
    };
    // Every node's ipamd fills its warm pool as it starts, before the pods
    // arrive: all nodes boot first, NODES_PER_PAUSE at a time.
    let mut booted = Vec::with_capacity(total);
    for from in (0..total).step_by(NODES_PER_PAUSE) {
        if from > 0 {
            pause(at(0)).await;
        }
        boot_nodes(
            model,
            ledger,
            (&groups, &pod_subnets),
            &pins_by_node,
            custom,
            from..total.min(from + NODES_PER_PAUSE),
            (&mut pass.ws, &mut booted),
        );
    }
    let enis = eni_hint(model, &groups, &booted, &node_pods);
    let names = model.nodes.iter().map(|n| n.name.len()).sum();
    let mut nodes_out = NodeStore::with_capacity(total, enis, names);
    let mut hand = HandOut::with_capacity(total);
    let mut settler = Settler::new(model, &groups, &workloads);
    let mut pod_pass = PodPass::default();
    // Two halves, paced alike: every node's ENIs, NODES_PER_PAUSE nodes at a
    // time, then the pods' addresses in as many pieces; a pause after every two
    // pieces, reported as NODES_PER_PAUSE more nodes' worth done.
    let chunks = total.div_ceil(NODES_PER_PAUSE);
    let piece = node_pods.placed_count().div_ceil(chunks.max(1));
    let mut stopped = false;
    for h in 0..2 * chunks {
        if h > 0 && h % 2 == 0 {
            pause(at(h / 2 * NODES_PER_PAUSE)).await;
        }
        if h >= chunks {
            pod_pass.run(
                model,
                (&node_pods, &pass.placed),
                (&mut hand, nodes_out.arena()),
                (&mut pods, &mut settler),
                piece,
            );
            continue;
        }
        for n in h * NODES_PER_PAUSE..total.min((h + 1) * NODES_PER_PAUSE) {
            let g = model.nodes.get(n).and_then(|x| groups.get(x.group));
            let Some(g) = g.filter(|_| !stopped) else {
                stopped = true;
                break;
            };
            let pod_subnet = pod_subnets.get(n).copied().flatten();
            let pins = pins_by_node.get(&n).map_or(&[][..], Vec::as_slice);
            stopped = !pass.node(
                model,
                ledger,
                (n, g, pod_subnet),
                (node_pods.count(n), node_pods.needs(n), pins),
                booted.get_mut(n).and_then(Option::take),
                (&mut pods, &mut subnets, &mut nodes_out, &mut hand),
            );
        }
    }
    if pods.len() > node_pods.placed_count() + fargate.len() {
        // Pods no node took (Fargate's are not placed yet: theirs come next).
        pods.settle_if(|p| p == Placement::Unscheduled, |i, f| settler.settle(i, f));
    }
    #[cfg(test)]
    super::node_store::reference::hand_out(|| node_pods.lists(&pods), |p| !pods.host_network(p));
    // The per-node pass's and the hand-out's memory back before each node's
    // pods are gathered, which can reuse it.
    drop((hand, booted, pass));
    nodes_out.set_pods(node_pods);
    pause(at(total)).await;
    // Each node's pods: every reader of a node's pods or slots needs them, so
    // they are part of the simulation (and of its time in the bench), built
    // here between pauses rather than on the first read after the analysis
    // (one long task for a large cluster). Each slot's pod is read off them
    // (see `super::slot_pods`).
    nodes_out.derive_pods(&pods);
    pause(at(total)).await;
    place_fargate(model, ledger, &fargate, &mut pods, &mut subnets);
    for &i in &fargate {
        pods.settle_one(i, |i, f| settler.settle(i, f));
    }
    let troubled = settler.finish(&mut workloads);

    for acc in &mut subnets {
        let pool = ledger.pool(acc.subnet);
        acc.accounting = pool.map(|p| p.accounting());
        acc.free_blocks28 = pool.map_or(0, |p| p.free_blocks28());
    }
    let ipam = Ipam {
        groups,
        nodes: nodes_out,
        pods,
        workloads,
        subnets,
    };
    super::report::diagnose(model, &ipam, &troubled, diags);
    ipam
}

/// The per-node pass: its scratch buffers and what it finds for the pods (see the
/// module docs: it never reads the pods on EC2 nodes, only how many each has).
struct NodePass {
    /// Per pod, whether it is a pinned pod placed in its slot (empty when no
    /// pod is; else as long as the highest such pod).
    placed: Vec<bool>,
    /// The allocator's `assigned` list, handed back to it for the next node.
    buffer: Vec<(usize, usize, Ipv4Addr)>,
    /// What the allocator reuses node to node.
    ws: Workspace,
    /// Custom networking (the primary ENI hosts no pods).
    custom: bool,
}

impl NodePass {
    /// Allocates node `n` (of group `g`, pods' subnet `pod_subnet`) its ENIs and
    /// addresses from `model`'s pools for its `pods.0` pods, `pods.1` of which
    /// need an address of their own, `pods.2` its pinned ones; pinned addresses
    /// go straight into `out.0` (the pods), subnet accounting into `out.1`, the
    /// node into `out.2` and its free slots into `out.3`, for [`hand_out`].
    /// `false` if there is no node `n`.
    fn node(
        &mut self,
        model: &Model,
        ledger: &mut Ledger,
        (n, g, pod_subnet): (usize, &GroupIpam, Option<usize>),
        (count, need, pins): (u32, u32, &[PodNeed]),
        booted: Option<Booted>,
        out: (
            &mut PodStore,
            &mut [SubnetIpam],
            &mut NodeStore,
            &mut HandOut,
        ),
    ) -> bool {
        let (pods, subnets, store, hand) = out;
        let custom = self.custom;
        let Some(node) = model.nodes.get(n) else {
            return false;
        };
        let mut facts = NodeFacts {
            node: n,
            ready: g.cni_running && model.registration.registers(n),
            max_pods: g.kubelet_max_pods,
            mode: g.mode,
            pod_subnet,
            ipv6_prefix: None,
            shortfall: None,
        };
        let mut fail = |cause: NoIpCause, facts: &mut NodeFacts| {
            hand.push_none(cause);
            if need > 0 {
                facts.shortfall = Some(cause);
            }
        };
        let mut queued = 0;
        let mut done = None;
        let mut grown = None;
        if !g.cni_running || g.limits.is_none() || !model.registration.registers(n) {
            // No CNI (or a node that never registered: aws-node never starts).
            fail(NoIpCause::CniNotRunning, &mut facts);
        } else if g.mode == AddressMode::Ipv6 {
            match groups::ipv6_block(model, node.subnet) {
                Some(block) => {
                    let node_bits = u128::from(u32::from(node.private_ip) & 0xffff) << 48;
                    let base = u128::from(block.network()) | node_bits;
                    facts.ipv6_prefix = Ipv6Net::new(Ipv6Addr::from(base), 80).ok();
                    hand.push_v6(base, node.subnet);
                    queued = need;
                }
                None => fail(NoIpCause::NoIpv6Block, &mut facts),
            }
        } else if let (Some(sub), Some(l)) = (pod_subnet, g.limits) {
            let spec = node_spec(g, l, sub, custom);
            let booted = booted.unwrap_or_else(|| {
                boot_in(
                    &mut self.ws,
                    spec,
                    node,
                    pins,
                    ledger.pools_mut(),
                    model.observed_enis_of(n),
                )
            });
            if node_runs::plain(&self.ws, &booted) {
                // No pinned pod, no observed ENI: grown as runs in the store.
                let pools = ledger.pools_mut();
                let r = finish_runs(&mut self.ws, spec, booted, need, pools, store.arena_mut());
                let (held, prefixes) = store.arena().held_from(r.enis.0);
                hand.push_arena(r.enis, r.shortfall.unwrap_or(NoIpCause::EniLimit));
                let assigned = held.min(r.queued);
                if let Some(acc) = subnets.get_mut(sub) {
                    acc.assigned += assigned;
                    acc.warm += held - assigned;
                    acc.prefixes += prefixes;
                    acc.enis += r.enis.1.saturating_sub(1);
                }
                facts.shortfall = r.shortfall;
                queued = r.queued;
                grown = Some(r.enis);
            } else {
                let res = finish(
                    &mut self.ws,
                    spec,
                    booted,
                    need,
                    ledger.pools_mut(),
                    std::mem::take(&mut self.buffer),
                );
                self.slots_done(&res, sub, (pods, subnets, store, hand));
                facts.shortfall = res.shortfall;
                queued = res.queued;
                done = Some(res);
            }
        } else {
            fail(NoIpCause::NoEniConfig, &mut facts);
        }
        if let Some(enis) = grown {
            store.push_grown(facts, &node.name, count, enis);
        } else {
            if done.is_none() {
                self.ws.recycle();
                let eth0 = self.ws.eni(0, node.subnet, node.private_ip, !custom);
                self.ws.enis.push(eth0);
            }
            let pinned = done.as_ref().map_or(0, |r| r.assigned.len() as u32);
            store.push(facts, &node.name, (count, queued, pinned), &self.ws.enis);
        }
        if let Some(r) = done {
            self.buffer = r.assigned;
        }
        if let Some(acc) = subnets.get_mut(node.subnet) {
            acc.enis += 1; // eth0
        }
        true
    }
}

impl NodePass {
    /// What a node allocated slot by slot (its ENIs in the workspace) gives:
    /// its free slots to the hand-out (`out.3`), its pinned pods' addresses to
    /// the pods (`out.0`), its addresses to pod subnet `sub`'s accounting
    /// (`out.1`); `out.2` is the store its ENIs go into next.
    fn slots_done(
        &mut self,
        res: &NodeOutcome,
        sub: usize,
        out: (&mut PodStore, &mut [SubnetIpam], &NodeStore, &mut HandOut),
    ) {
        let (pods, subnets, store, hand) = out;
        let enis = &self.ws.enis;
        let cause = res.shortfall.unwrap_or(NoIpCause::EniLimit);
        let held: usize = enis.iter().map(EniBuf::capacity).sum();
        let free = if res.assigned.is_empty() {
            // No slot holds a pod: the cursor reads the ENIs in the store,
            // where they go next.
            let first = store.arena().len() as u32;
            hand.push_arena((first, enis.len() as u32), cause);
            held as u32
        } else {
            hand.push_v4(enis, cause, true)
        };
        let assigned = res.assigned.len() as u32 + free.min(res.queued);
        if let Some(acc) = subnets.get_mut(sub) {
            // Every address for pods is in the pod subnet (eth0 holds some only
            // when that is the node's subnet).
            acc.assigned += assigned;
            acc.warm += (held as u32).saturating_sub(assigned);
            acc.prefixes += enis.iter().map(|e| e.prefixes.len() as u32).sum::<u32>();
            acc.enis += enis.len().saturating_sub(1) as u32;
        }
        for &(pi, e, ip) in &res.assigned {
            let subnet = enis.get(e).map_or(sub, |x| x.subnet);
            pods.set_v4(pi, ip, subnet, Some(e));
            if self.placed.len() <= pi {
                self.placed.resize(pi + 1, false);
            }
            if let Some(x) = self.placed.get_mut(pi) {
                *x = true;
            }
        }
    }
}

/// About how many ENIs the nodes will hold once their pods come, at most (room
/// reserved at once rather than grown, which would copy the arena): a booted
/// node's ENIs and one per `slots_per_eni` pods needing an address, up to its
/// instance type's limit; eth0 alone for the others.
fn eni_hint(
    model: &Model,
    groups: &[GroupIpam],
    booted: &[Option<Booted>],
    node_pods: &super::node_pods::NodePodLists,
) -> usize {
    let mut total = 0usize;
    for (n, b) in booted.iter().enumerate() {
        let limits = model
            .nodes
            .get(n)
            .and_then(|x| groups.get(x.group))
            .and_then(|g| g.limits);
        total += match (b, limits) {
            (Some(b), Some(l)) => {
                let more = node_pods.needs(n).div_ceil(l.slots_per_eni().max(1)) as usize;
                (b.eni_count() + more).min((l.max_enis as usize).max(b.eni_count()))
            }
            _ => 1,
        };
    }
    total + model.nodes.len().saturating_sub(booted.len())
}

/// Each node's pinned pods with their addresses, in pod order.
fn pins_by_node(
    pods: &PodStore,
    pinned: &HashMap<usize, Ipv4Addr>,
) -> HashMap<usize, Vec<PodNeed>> {
    let mut keys: Vec<usize> = pinned.keys().copied().collect();
    keys.sort_unstable();
    let mut out: HashMap<usize, Vec<PodNeed>> = HashMap::new();
    for pi in keys {
        if let (Some(n), Some(&ip)) = (pods.node(pi), pinned.get(&pi)) {
            out.entry(n).or_default().push(PodNeed {
                pod: pi,
                pinned: Some(ip),
            });
        }
    }
    out
}

/// How node group `g` (limits `l`) allocates pod addresses from subnet `sub`.
pub(crate) fn node_spec(g: &GroupIpam, l: InstanceLimits, sub: usize, custom: bool) -> NodeSpec {
    NodeSpec {
        max_enis: l.max_enis,
        slots_per_eni: l.slots_per_eni(),
        prefixes: g.mode == AddressMode::Prefix,
        custom,
        warm: g.warm,
        max_pods: g.kubelet_max_pods,
        pod_subnet: sub,
    }
}

/// Starts `ipamd` on the EC2 nodes `nodes` that registered and run the CNI with
/// IPv4, in node order, before any node gets its pods (see [`super::node::boot`]): each takes
/// its pinned addresses and its warm pool; appended to `out`, `None` for the
/// nodes that allocate nothing.
fn boot_nodes(
    model: &Model,
    ledger: &mut Ledger,
    (groups, pod_subnets): (&[GroupIpam], &[Option<usize>]),
    pins_by_node: &HashMap<usize, Vec<PodNeed>>,
    custom: bool,
    nodes: std::ops::Range<usize>,
    (ws, out): (&mut Workspace, &mut Vec<Option<Booted>>),
) {
    for n in nodes {
        let Some(node) = model.nodes.get(n) else {
            break;
        };
        let g = groups.get(node.group);
        let sub = pod_subnets.get(n).copied().flatten();
        // A node that never registered runs no aws-node, so no ipamd starts there.
        let ready = g.filter(|g| {
            g.cni_running && g.mode != AddressMode::Ipv6 && model.registration.registers(n)
        });
        let (Some(g), Some(l), Some(sub)) = (ready, ready.and_then(|g| g.limits), sub) else {
            out.push(None);
            continue;
        };
        let pins = pins_by_node.get(&n).map_or(&[][..], Vec::as_slice);
        let spec = node_spec(g, l, sub, custom);
        let observed = model.observed_enis_of(n);
        out.push(Some(boot_in(
            ws,
            spec,
            node,
            pins,
            ledger.pools_mut(),
            observed,
        )));
    }
}

/// Fargate: one micro-VM per pod, round robin over each profile's subnets, each
/// taking the next free address of its subnet.
fn place_fargate(
    model: &Model,
    ledger: &mut Ledger,
    fargate: &[usize],
    pods: &mut PodStore,
    subnets: &mut [SubnetIpam],
) {
    let mut rr: HashMap<usize, usize> = HashMap::new();
    for &i in fargate {
        let Some(Placement::Fargate { group }) = pods.placement(i) else {
            continue;
        };
        let subs = model
            .node_groups
            .get(group)
            .map(|g| g.subnets.as_slice())
            .unwrap_or(&[]);
        let k = rr.entry(group).or_insert(0);
        let Some(&sub) = subs.get(*k % subs.len().max(1)) else {
            pods.set_placement(i, Placement::Unscheduled);
            pods.set_problem(
                i,
                PodProblem::Unschedulable {
                    nodes: 0,
                    not_ready: 0,
                    mismatched: 0,
                    full: 0,
                    unregistered: 0,
                },
            );
            continue;
        };
        *k += 1;
        match ledger
            .pool_mut(sub)
            .and_then(|pool| pool.take_next(Holder::PodAssigned))
        {
            Some(ip) => {
                pods.set_v4(i, ip, sub, None);
                if let Some(acc) = subnets.get_mut(sub) {
                    acc.assigned += 1;
                }
            }
            None => pods.set_problem(
                i,
                PodProblem::NoIp {
                    cause: NoIpCause::SubnetFull { subnet: sub },
                },
            ),
        }
    }
}
