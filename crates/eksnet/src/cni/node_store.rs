//! Every EC2 node's addresses in a few flat arrays: [`NodeStore`].
//!
//! A cluster of 100,000 nodes holds some 400,000 ENIs and millions of address
//! slots; one vector per node, per ENI and per prefix would cost as many
//! allocations. The store keeps instead, for all nodes together: one record per
//! node, one per ENI, the secondary addresses as runs of consecutive addresses
//! (an ENI's addresses usually are one run), the /28 prefixes, the pinned pods'
//! slots, and the scheduler's record of where it placed each pod.
//!
//! Each node's pods follow from those, derived once by the simulation before
//! any reader asks (the scheduler's placements, kept as spans of pods on runs
//! of nodes, gathered node by node: see [`super::node_pods`]). The pod of each slot follows from them as it is read: a
//! node's pods that need an address of their own (not host-network, not
//! pinned) take its free slots in ENI order, lowest first, in the order they
//! were placed; so the `k`-th free slot holds the `k`-th of them (see
//! [`super::slot_pods`]).
//!
//! Readers see it through views built on demand, with the shapes the simulation
//! had before: [`NodeIpam`] (a node), [`Eni`] (an ENI), [`Prefix`] and [`Slot`]s.
//! They serialise as those did (`eksnet ipam --json`).

use std::fmt;
use std::sync::OnceLock;

use ipnet::Ipv6Net;
use serde::ser::SerializeStruct;
use serde::Serialize;

use super::cause::PackedCause;
use super::eni::EniBuf;
use super::eni_arena::{part, EniArena, Seq};
pub use super::eni_arena::{Eni, Prefix, PrefixSlots, Prefixes, Slots};
use super::ipam::NoIpCause;
use super::max_pods::AddressMode;
use super::node_pods::{NodePodLists, HOST_NETWORK};
use super::pod_store::PodStore;
use super::slot_pods::NodeQueue;
use crate::ElementId;

/// What a node's record holds besides its ENIs and pods.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NodeFacts {
    pub node: usize,
    pub ready: bool,
    pub max_pods: u32,
    pub mode: AddressMode,
    pub pod_subnet: Option<usize>,
    pub ipv6_prefix: Option<Ipv6Net>,
    pub shortfall: Option<NoIpCause>,
}

/// A node's [`NodeFacts`] as its record keeps them, in 24 bytes rather than
/// 64 (its IPv6 prefix, if any, in `NodeStore::ipv6`).
#[derive(Debug, Clone, Copy)]
struct PackedFacts {
    node: u32,
    max_pods: u32,
    /// The pod subnet, or [`NO_SUBNET`].
    pod_subnet: u32,
    shortfall: PackedCause,
    ready: bool,
    mode: AddressMode,
}

/// No pod subnet, in [`PackedFacts`].
const NO_SUBNET: u32 = u32::MAX;

impl PackedFacts {
    fn new(f: &NodeFacts) -> PackedFacts {
        PackedFacts {
            node: u32::try_from(f.node).unwrap_or(u32::MAX),
            max_pods: f.max_pods,
            pod_subnet: f
                .pod_subnet
                .and_then(|s| u32::try_from(s).ok())
                .unwrap_or(NO_SUBNET),
            shortfall: PackedCause::new(f.shortfall),
            ready: f.ready,
            mode: f.mode,
        }
    }
}

#[derive(Debug, Clone)]
struct NodeRec {
    facts: PackedFacts,
    /// Its name in `NodeStore::names`.
    name: (u32, u32),
    /// Its pods in the gathered lists (see [`NodeStore::pods`]).
    pods: (u32, u32),
    /// Its ENIs in the arena.
    enis: (u32, u32),
}

/// Every EC2 node's addresses (parallel to `model.nodes`; see the module docs).
/// Serialises as the list of its [`NodeIpam`]s.
#[derive(Debug, Clone, Default)]
pub struct NodeStore {
    recs: Vec<NodeRec>,
    /// The nodes' IPv6 /80 prefixes, by node index once one node has one
    /// (else empty; nodes past its end have none).
    ipv6: Vec<Option<Ipv6Net>>,
    /// The nodes' names, one after the other.
    names: String,
    /// Pods so far (where the next node's start in the gathered lists).
    pod_total: u32,
    /// Where the scheduler placed each pod, in order.
    placed: NodePodLists,
    /// Derived: the nodes' pods, node after node ([`HOST_NETWORK`] noted).
    pods: OnceLock<Vec<u32>>,
    enis: EniArena,
}

impl NodeStore {
    /// An empty store with room for `nodes` nodes, `enis` ENIs and `names`
    /// bytes of node names (the names' exact length, so that the names are
    /// written once rather than copied as they grow).
    pub(crate) fn with_capacity(nodes: usize, enis: usize, names: usize) -> Self {
        NodeStore {
            recs: Vec::with_capacity(nodes),
            names: String::with_capacity(names),
            enis: EniArena::with_capacity(enis),
            ..NodeStore::default()
        }
    }

    /// Appends a node named `name` with its `enis` (its `pinned` pinned pods in
    /// their slots), its `pods` (all of them) and the `queued` of those that
    /// take its free slots (see the module docs).
    pub(crate) fn push(
        &mut self,
        facts: NodeFacts,
        name: &str,
        (pods, queued, pinned): (u32, u32, u32),
        enis: &[EniBuf],
    ) {
        #[cfg(test)]
        reference::record(enis);
        let enis = self.enis.push_pinned(enis, queued, pinned);
        self.push_rec(facts, name, pods, enis);
    }

    /// Appends a node named `name` with its `pods` (all of them) whose ENIs,
    /// `enis`, were grown in the arena (see [`NodeStore::arena_mut`]).
    pub(crate) fn push_grown(&mut self, facts: NodeFacts, name: &str, pods: u32, enis: (u32, u32)) {
        #[cfg(test)]
        {
            let mut bufs = Vec::new();
            self.enis.load(enis, &mut bufs, &mut Vec::new());
            reference::record(&bufs);
        }
        self.push_rec(facts, name, pods, enis);
    }

    fn push_rec(&mut self, facts: NodeFacts, name: &str, pods: u32, enis: (u32, u32)) {
        let n0 = self.names.len() as u32;
        self.names.push_str(name);
        if facts.ipv6_prefix.is_some() {
            if self.ipv6.len() <= facts.node {
                self.ipv6.resize(facts.node + 1, None);
            }
            if let Some(x) = self.ipv6.get_mut(facts.node) {
                *x = facts.ipv6_prefix;
            }
        }
        self.recs.push(NodeRec {
            facts: PackedFacts::new(&facts),
            name: (n0, name.len() as u32),
            pods: (self.pod_total, pods),
            enis,
        });
        self.pod_total += pods;
    }

    /// The nodes' ENIs, where the next node's can be grown in place (see
    /// [`super::node_runs`]) before [`NodeStore::push_grown`].
    pub(crate) fn arena_mut(&mut self) -> &mut EniArena {
        &mut self.enis
    }

    /// The nodes' ENIs (where [`super::hand_out::HandOut::push_arena`]'s
    /// cursors read).
    pub(crate) fn arena(&self) -> &EniArena {
        &self.enis
    }

    /// Sets where the scheduler placed each pod (what the nodes' pods, and
    /// their slots', are derived from).
    pub(crate) fn set_pods(&mut self, placed: NodePodLists) {
        self.placed = placed;
        self.pods = OnceLock::new();
    }

    /// Derives every node's pods now from the scheduler's placements (`pods`
    /// bounds them; see [`NodePodLists::gather`] and [`NodeStore::pods`]):
    /// before any reader of the nodes' pods or slots.
    pub(crate) fn derive_pods(&self, pods: &PodStore) {
        self.pods.get_or_init(|| self.placed.gather(pods));
    }

    /// Every node's pods, node after node, [`HOST_NETWORK`] noted (derived
    /// once, by [`NodeStore::derive_pods`]; none before).
    fn pods(&self) -> &[u32] {
        self.pods.get().map_or(&[], Vec::as_slice)
    }

    /// What the pods of node `rec`'s slots are derived from (see
    /// [`super::slot_pods`]).
    fn queue<'a>(&'a self, rec: &NodeRec) -> NodeQueue<'a> {
        let (e0, count) = rec.enis;
        let first = self.enis.rec(e0).filter(|_| count > 0);
        let last = count
            .checked_sub(1)
            .and_then(|k| self.enis.rec(e0.saturating_add(k)));
        let first = first.map_or(0, |e| e.pod_range().0);
        let end = last.map_or(first, |e| {
            let (s, l) = e.pod_range();
            s.saturating_add(l)
        });
        let pins = &self.enis.pins;
        let (a, b) = (
            pins.partition_point(|&(at, _)| at < first),
            pins.partition_point(|&(at, _)| at < end),
        );
        NodeQueue {
            list: part(self.pods(), rec.pods),
            pins: pins.get(a..b.max(a)).unwrap_or(&[]),
            first,
        }
    }

    /// The pod of every slot ([`super::eni_arena::NONE`]: warm), as the
    /// simulation once derived it into an array (`host`: per pod, whether it
    /// uses its node's network): what the derivation on reading must equal.
    #[cfg(test)]
    pub(super) fn slot_pods_array(&self, host: &[bool]) -> Vec<u32> {
        use super::eni_arena::NONE;
        let arena = &self.enis;
        let mut out = Vec::with_capacity(arena.slots as usize);
        let mut pinned: Vec<u32> = arena.pins.iter().map(|&(_, pod)| pod).collect();
        pinned.sort_unstable();
        let mut pins = arena.pins.iter().peekable();
        let lists: Vec<u32> = self.pods().iter().map(|&p| p & !HOST_NETWORK).collect();
        for rec in &self.recs {
            let mut queue = part(&lists, rec.pods).iter().copied().filter(|&p| {
                !host.get(p as usize).copied().unwrap_or(false) && pinned.binary_search(&p).is_err()
            });
            for e in arena.recs(rec.enis) {
                let (s, l) = e.pod_range();
                out.resize(out.len().max(s as usize), NONE);
                for slot in s..s + l {
                    let pod = match pins.next_if(|&&(at, _)| at == slot) {
                        Some(&(_, pod)) => pod,
                        None => queue.next().unwrap_or(NONE),
                    };
                    if let Some(x) = out.get_mut(slot as usize) {
                        *x = pod;
                    } else {
                        out.push(pod);
                    }
                }
            }
        }
        out.resize(arena.slots as usize, NONE);
        out
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.recs.len()
    }

    /// Whether there is no node.
    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    /// Node `i` (parallel to `model.nodes`).
    pub fn get(&self, i: usize) -> Option<NodeIpam<'_>> {
        self.recs.get(i).map(|rec| self.view(rec))
    }

    /// Every node, in order.
    pub fn iter(&self) -> Nodes<'_> {
        Nodes {
            store: self,
            recs: self.recs.iter(),
        }
    }

    fn view<'a>(&'a self, rec: &'a NodeRec) -> NodeIpam<'a> {
        let f = rec.facts;
        NodeIpam {
            node: f.node as usize,
            ready: f.ready,
            max_pods: f.max_pods,
            mode: f.mode,
            pod_subnet: (f.pod_subnet != NO_SUBNET).then_some(f.pod_subnet as usize),
            ipv6_prefix: self.ipv6.get(f.node as usize).copied().flatten(),
            shortfall: f.shortfall.get(),
            store: self,
            rec,
        }
    }
}

impl<'a> IntoIterator for &'a NodeStore {
    type Item = NodeIpam<'a>;
    type IntoIter = Nodes<'a>;
    fn into_iter(self) -> Nodes<'a> {
        self.iter()
    }
}

/// The nodes of a [`NodeStore`], in order ([`NodeStore::iter`]).
#[derive(Clone)]
pub struct Nodes<'a> {
    store: &'a NodeStore,
    recs: std::slice::Iter<'a, NodeRec>,
}

impl<'a> Iterator for Nodes<'a> {
    type Item = NodeIpam<'a>;
    fn next(&mut self) -> Option<NodeIpam<'a>> {
        self.recs.next().map(|r| self.store.view(r))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.recs.size_hint()
    }
}

impl DoubleEndedIterator for Nodes<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.recs.next_back().map(|r| self.store.view(r))
    }
}

impl ExactSizeIterator for Nodes<'_> {}

impl Serialize for NodeStore {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// One EC2 node's addresses (a view into the [`NodeStore`]).
#[derive(Clone, Copy)]
pub struct NodeIpam<'a> {
    /// Index into `model.nodes`.
    pub node: usize,
    /// Kubernetes' view: `Ready`, or `NotReady` when the CNI cannot run.
    pub ready: bool,
    /// The kubelet's max pods.
    pub max_pods: u32,
    /// Address mode.
    pub mode: AddressMode,
    /// The subnet pods' addresses come from (the ENIConfig's under custom networking).
    pub pod_subnet: Option<usize>,
    /// The IPv6 /80 prefix of the node (IPv6 clusters).
    pub ipv6_prefix: Option<Ipv6Net>,
    /// Why the warm pool or a pod's address could not be had, if it could not.
    pub shortfall: Option<NoIpCause>,
    store: &'a NodeStore,
    rec: &'a NodeRec,
}

/// A node's pods ([`NodeIpam::pods`]): indices into `Ipam::pods`.
pub type NodePods<'a> = std::iter::Map<std::slice::Iter<'a, u32>, fn(&u32) -> usize>;

impl<'a> NodeIpam<'a> {
    /// The node's name.
    pub fn name(&self) -> &'a str {
        let (s, l) = self.rec.name;
        self.store
            .names
            .get(s as usize..(s + l) as usize)
            .unwrap_or("")
    }

    /// The node's id (`node:<name>`).
    pub fn eid(&self) -> ElementId {
        ElementId::node(self.name())
    }

    /// ENIs, eth0 first.
    pub fn enis(&self) -> Enis<'a> {
        let (first, count) = self.rec.enis;
        Enis {
            recs: first..first.saturating_add(count),
            store: self.store,
            node: self.name(),
            queue: self.store.queue(self.rec),
        }
    }

    /// Pods on the node (indices into `Ipam::pods`), host-network ones included,
    /// in the order they were placed.
    pub fn pods(&self) -> NodePods<'a> {
        let to_usize: fn(&u32) -> usize = |&p| (p & !HOST_NETWORK) as usize;
        part(self.store.pods(), self.rec.pods).iter().map(to_usize)
    }

    /// Number of pods on the node ([`NodeIpam::pods`]).
    pub fn pod_count(&self) -> usize {
        self.rec.pods.1 as usize
    }

    /// Addresses held for pods on this node (assigned and warm, prefixes included).
    pub fn pod_addresses(&self) -> usize {
        self.enis().map(|e| e.capacity()).sum()
    }

    /// Addresses assigned to pods.
    pub fn assigned(&self) -> usize {
        self.enis().map(|e| e.assigned()).sum()
    }

    /// Warm addresses: held but not assigned.
    pub fn warm(&self) -> usize {
        self.pod_addresses() - self.assigned()
    }
}

impl fmt::Debug for NodeIpam<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NodeIpam")
            .field("node", &self.node)
            .field("ready", &self.ready)
            .field("max_pods", &self.max_pods)
            .field("mode", &self.mode)
            .field("pod_subnet", &self.pod_subnet)
            .field("enis", &self.enis().collect::<Vec<_>>())
            .field("ipv6_prefix", &self.ipv6_prefix)
            .field("pods", &self.pods().collect::<Vec<_>>())
            .field("shortfall", &self.shortfall)
            .finish()
    }
}

impl Serialize for NodeIpam<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("NodeIpam", 10)?;
        st.serialize_field("eid", &self.eid())?;
        st.serialize_field("node", &self.node)?;
        st.serialize_field("ready", &self.ready)?;
        st.serialize_field("maxPods", &self.max_pods)?;
        st.serialize_field("mode", &self.mode)?;
        st.serialize_field("podSubnet", &self.pod_subnet)?;
        st.serialize_field("enis", &Seq(self.enis()))?;
        st.serialize_field("ipv6Prefix", &self.ipv6_prefix)?;
        st.serialize_field("pods", &Seq(self.pods()))?;
        st.serialize_field("shortfall", &self.shortfall)?;
        st.end()
    }
}

/// A node's ENIs ([`NodeIpam::enis`]), eth0 first.
#[derive(Clone)]
pub struct Enis<'a> {
    /// The node's ENIs in the arena.
    recs: std::ops::Range<u32>,
    store: &'a NodeStore,
    node: &'a str,
    queue: NodeQueue<'a>,
}

impl<'a> Enis<'a> {
    /// ENI `e` of the arena.
    fn view(&self, e: u32) -> Option<Eni<'a>> {
        let arena = &self.store.enis;
        let r = arena.rec(e)?;
        Some(arena.view(&r, self.node, self.queue))
    }
}

impl<'a> Enis<'a> {
    /// The ENI at position `k` (its index in the node's ENIs).
    pub fn get(&self, k: usize) -> Option<Eni<'a>> {
        let e = u32::try_from(k).ok()?.checked_add(self.recs.start)?;
        self.recs.contains(&e).then(|| self.view(e)).flatten()
    }
}

impl<'a> Iterator for Enis<'a> {
    type Item = Eni<'a>;
    fn next(&mut self) -> Option<Eni<'a>> {
        let e = self.recs.next()?;
        self.view(e)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.recs.size_hint()
    }
}

impl DoubleEndedIterator for Enis<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let e = self.recs.next_back()?;
        self.view(e)
    }
}

impl ExactSizeIterator for Enis<'_> {}

impl fmt::Debug for Enis<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// What the simulation used to hold per node (a vector of ENIs with vectors of
/// slots and prefixes, a vector of pods), recorded on request: the property
/// tests compare the store's answers with it.
#[cfg(test)]
pub(crate) mod reference {
    use std::cell::RefCell;

    use super::super::eni::EniBuf;

    /// One node as it used to be held: its ENIs and its pods.
    pub(crate) type Node = (Vec<EniBuf>, Vec<usize>);

    thread_local! {
        static RECORDED: RefCell<Option<Vec<Node>>> = const { RefCell::new(None) };
    }

    /// Records the nodes pushed from now on (on this thread).
    pub(crate) fn start() {
        RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
    }

    /// The nodes recorded since [`start`]; stops recording.
    pub(crate) fn take() -> Vec<Node> {
        RECORDED.with(|r| r.borrow_mut().take()).unwrap_or_default()
    }

    /// Records a node's ENIs as the allocator left them (the pinned pods in
    /// their slots); [`hand_out`] completes them.
    pub(super) fn record(enis: &[EniBuf]) {
        RECORDED.with(|r| {
            if let Some(v) = r.borrow_mut().as_mut() {
                v.push((enis.to_vec(), Vec::new()));
            }
        });
    }

    /// Completes the recorded nodes the way the allocator used to, node by
    /// node: node `n`'s pods are `lists()[n]`; those that need an address
    /// (`needs`) and hold no slot yet take the free slots in ENI order.
    pub(crate) fn hand_out(lists: impl FnOnce() -> Vec<Vec<usize>>, needs: impl Fn(usize) -> bool) {
        RECORDED.with(|r| {
            let mut r = r.borrow_mut();
            let Some(nodes) = r.as_mut() else { return };
            let lists = lists();
            for (n, (enis, pods)) in nodes.iter_mut().enumerate() {
                *pods = lists.get(n).cloned().unwrap_or_default();
                let held: Vec<u32> = enis
                    .iter()
                    .flat_map(|e| {
                        e.slots
                            .iter()
                            .chain(e.prefixes.iter().flat_map(|p| p.slots.iter()))
                    })
                    .filter_map(|s| s.pod)
                    .collect();
                let mut queue = pods
                    .iter()
                    .copied()
                    .filter(|&p| needs(p) && !held.contains(&(p as u32)));
                'enis: for eni in enis.iter_mut() {
                    let slots = eni
                        .slots
                        .iter_mut()
                        .chain(eni.prefixes.iter_mut().flat_map(|p| p.slots.iter_mut()));
                    for slot in slots.filter(|s| s.pod.is_none()) {
                        match queue.next() {
                            Some(p) => slot.pod = Some(p as u32),
                            None => break 'enis,
                        }
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod size {
    /// A node's record: its facts, name, pods and ENIs in 48 bytes.
    #[test]
    fn a_nodes_record_takes_48_bytes() {
        assert_eq!(std::mem::size_of::<super::NodeRec>(), 48);
    }
}
