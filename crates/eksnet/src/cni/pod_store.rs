//! [`PodStore`]: every pod of the simulation in one compact array.
//!
//! A 100,000-node cluster has 3.2 million pods. Held as [`Pod`] records (about 160
//! bytes each: a name, a shared namespace, `Option<usize>`s, an `Option<IpAddr>`,
//! a problem) they cost half a gigabyte to write and as much to free. The store keeps
//! one 16-byte record per pod instead (`u32` indices, the IPv4 address as a `u32`,
//! the subnet as a `u16`, the ENI as a `u8`, the flags and enums in one byte) and
//! puts what is rare or shared elsewhere:
//!
//! - names are derived on demand from the workload and the pod's index (see
//!   [`super::names`]); only pinned pods, named by the scenario, keep theirs;
//! - namespaces are the workload's (a pinned pod's namespace is its workload's);
//! - problems sit in a side table (a workload's Pending pods share one entry),
//!   which each pod points into from a side array made only once a pod has one;
//! - IPv6 addresses (IPv6 clusters) sit in a side array;
//! - a subnet index past `u16` or an ENI index past `u8` (never in a scenario
//!   eksnet takes, but not refused) sits in a side array too.
//!
//! Readers get a [`Pod`] (the same fields as ever) from [`PodStore::get`] or
//! [`PodStore::iter`], built on the fly, or read single fields with the accessors
//! ([`PodStore::node`], [`PodStore::ip`], …), which build nothing.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use super::ipam::{Placement, Pod, PodName, PodProblem, PodStatus, SharedStr};
use super::names;

/// "None" in a `u32` field.
const NONE: u32 = u32::MAX;
/// "None" in the subnet field.
const NO_SUBNET: u16 = u16::MAX;
/// "In `PodStore::wide`" in the subnet field.
const WIDE_SUBNET: u16 = u16::MAX - 1;
/// "None" in the ENI field.
const NO_ENI: u8 = u8::MAX;
/// "In `PodStore::wide`" in the ENI field.
const WIDE_ENI: u8 = u8::MAX - 1;
/// The highest ENI index kept (higher ones are kept as this).
const MAX_ENI: usize = u16::MAX as usize - 1;

// The flag byte of a record.
const PINNED: u8 = 1;
const HOST: u8 = 1 << 1;
const READY: u8 = 1 << 2;
const HAS_IP: u8 = 1 << 3;
/// Placement, 2 bits: 0 unscheduled, 1 node, 2 Fargate.
const PLACE_SHIFT: u8 = 4;
/// Status, 2 bits: 0 Pending, 1 Running, 2 ContainerCreating.
const STATUS_SHIFT: u8 = 6;

/// One pod (16 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rec {
    workload: u32,
    /// The EC2 node (placement "node") or the Fargate node group (placement
    /// "Fargate"); [`NONE`] when unscheduled.
    at: u32,
    /// The IPv4 address (meaningful with [`HAS_IP`]; IPv6 ones are in `v6`).
    ip: u32,
    /// [`NO_SUBNET`], [`WIDE_SUBNET`] or the subnet.
    subnet: u16,
    /// [`NO_ENI`], [`WIDE_ENI`] or the ENI.
    eni: u8,
    flags: u8,
}

/// A pod's subnet and ENI when one does not fit its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wide {
    subnet: u32,
    eni: u16,
}

const NARROW: Wide = Wide {
    subnet: NONE,
    eni: u16::MAX,
};

/// How the generated replicas of one workload are named:
/// `<workload>-<hash>-<suffix>`, the suffix drawn from the workload's sequence,
/// skipping the candidates a pinned pod already holds.
#[derive(Debug, Clone)]
struct Run {
    /// First pod of the run.
    start: u32,
    /// Pods in the run.
    len: u32,
    workload: String,
    hash: String,
    salt: u64,
    /// Positions of the sequence that were skipped, ascending.
    skips: Vec<u32>,
}

/// How each pod's name is found (see the module docs).
#[derive(Debug, Clone, Default)]
struct Names {
    /// Pods `0..pinned.len()`: the pinned ones, named by the scenario.
    pinned: Vec<PodName>,
    /// Generated replicas, by ascending `start`.
    runs: Vec<Run>,
    /// The system DaemonSets: `(workload index, name, salt)`; a pod is named after
    /// its node's index.
    system: Vec<(u32, String, u64)>,
}

/// Every pod of an [`super::Ipam`] (see the module docs). Serialises as the list of
/// its [`Pod`]s.
#[derive(Debug, Clone, Default)]
pub struct PodStore {
    recs: Vec<Rec>,
    /// IPv6 addresses, parallel to `recs` once one pod has one (else empty).
    v6: Vec<u128>,
    problems: Vec<PodProblem>,
    /// Per pod, its index into `problems` or [`NONE`], parallel to `recs` once
    /// one pod has a problem (else empty; pods past its end have none).
    problem_of: Vec<u32>,
    /// Subnets and ENIs that do not fit a record, parallel to `recs` once one
    /// pod has one (else empty).
    wide: Vec<Wide>,
    /// Per workload, its namespace.
    namespaces: Vec<SharedStr>,
    names: Names,
}

/// What [`PodStore::settle_each`] reads of a pod.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    pub placement: Placement,
    pub workload: usize,
    pub node: Option<usize>,
    pub has_ip: bool,
    pub has_problem: bool,
}

/// A new pod's fixed facts (see [`PodStore::push`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewPod {
    pub workload: usize,
    pub pinned: bool,
    pub host_network: bool,
}

impl PodStore {
    /// An empty store for pods of workloads in `namespaces` (one per workload),
    /// room for `capacity` pods.
    pub(crate) fn new(namespaces: Vec<SharedStr>, capacity: usize) -> PodStore {
        PodStore {
            recs: Vec::with_capacity(capacity),
            namespaces,
            ..PodStore::default()
        }
    }

    /// Number of pods.
    pub fn len(&self) -> usize {
        self.recs.len()
    }

    /// Whether there is no pod.
    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    /// Pod `i`, built from the store; `None` past the end.
    pub fn get(&self, i: usize) -> Option<Pod> {
        let r = self.recs.get(i)?;
        Some(Pod {
            name: self.name(i)?,
            namespace: self.namespace(i)?.clone(),
            workload: r.workload as usize,
            pinned: r.flags & PINNED != 0,
            host_network: r.flags & HOST != 0,
            placement: placement_of(r),
            node: self.node(i),
            subnet: self.subnet(i),
            eni: self.eni(i),
            ip: self.ip(i),
            status: status_of(r),
            problem: self.problem(i),
            ready: r.flags & READY != 0,
        })
    }

    /// The first pod.
    pub fn first(&self) -> Option<Pod> {
        self.get(0)
    }

    /// Every pod in order, each built from the store.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            store: self,
            range: 0..self.len(),
        }
    }

    /// Pod `i`'s name.
    pub fn name(&self, i: usize) -> Option<PodName> {
        let r = self.recs.get(i)?;
        let n = &self.names;
        if let Some(name) = n.pinned.get(i) {
            return Some(name.clone());
        }
        let i32 = i as u32;
        let k = n.runs.partition_point(|x| x.start <= i32);
        if let Some(run) = k.checked_sub(1).and_then(|k| n.runs.get(k)) {
            if i32 - run.start < run.len {
                let mut pos = i32 - run.start;
                for &s in &run.skips {
                    if s <= pos {
                        pos += 1;
                    } else {
                        break;
                    }
                }
                let tail = names::tail_at(run.salt, u64::from(pos));
                return Some(names::name_with(&run.workload, &run.hash, &tail));
            }
        }
        let (_, name, salt) = n.system.iter().find(|s| s.0 == r.workload)?;
        Some(names::replica_name(name, "", u64::from(r.at), *salt))
    }

    /// Pod `i`'s namespace.
    pub fn namespace(&self, i: usize) -> Option<&SharedStr> {
        let r = self.recs.get(i)?;
        self.namespaces.get(r.workload as usize)
    }

    /// The namespace of workload `w` (index into `Ipam::workloads`), which
    /// each of its pods has.
    pub fn namespace_of_workload(&self, w: usize) -> Option<&SharedStr> {
        self.namespaces.get(w)
    }

    /// Pod `i`'s workload (index into `Ipam::workloads`).
    pub fn workload(&self, i: usize) -> Option<usize> {
        self.recs.get(i).map(|r| r.workload as usize)
    }

    /// Where pod `i` runs.
    pub fn placement(&self, i: usize) -> Option<Placement> {
        self.recs.get(i).map(placement_of)
    }

    /// Pod `i`'s EC2 node, if it runs on one.
    pub fn node(&self, i: usize) -> Option<usize> {
        let r = self.recs.get(i)?;
        (place_bits(r) == 1).then_some(r.at as usize)
    }

    /// The subnet of pod `i`'s address.
    pub fn subnet(&self, i: usize) -> Option<usize> {
        let r = self.recs.get(i)?;
        match r.subnet {
            NO_SUBNET => None,
            WIDE_SUBNET => self.wide.get(i).and_then(|w| {
                let s = w.subnet;
                (s != NONE).then_some(s as usize)
            }),
            s => Some(usize::from(s)),
        }
    }

    /// The ENI (index into its node's `enis`) whose address pod `i` holds.
    pub fn eni(&self, i: usize) -> Option<usize> {
        let r = self.recs.get(i)?;
        match r.eni {
            NO_ENI => None,
            WIDE_ENI => self.wide.get(i).map(|w| usize::from(w.eni)),
            e => Some(usize::from(e)),
        }
    }

    /// Pod `i`'s address.
    pub fn ip(&self, i: usize) -> Option<IpAddr> {
        let r = self.recs.get(i)?;
        if r.flags & HAS_IP == 0 {
            return None;
        }
        match self.v6.get(i) {
            Some(&v6) if v6 != 0 => Some(IpAddr::V6(Ipv6Addr::from(v6))),
            _ => Some(IpAddr::V4(Ipv4Addr::from(r.ip))),
        }
    }

    /// Pod `i`'s IPv4 address, if it has one.
    pub fn ipv4(&self, i: usize) -> Option<Ipv4Addr> {
        match self.ip(i)? {
            IpAddr::V4(a) => Some(a),
            IpAddr::V6(_) => None,
        }
    }

    /// Pod `i`'s status.
    pub fn status(&self, i: usize) -> Option<PodStatus> {
        self.recs.get(i).map(status_of)
    }

    /// Why pod `i` is not Running.
    pub fn problem(&self, i: usize) -> Option<PodProblem> {
        let k = self.problem_of.get(i)?;
        self.problems.get(*k as usize).copied()
    }

    /// Whether pod `i` has a problem.
    fn problem_at(&self, i: usize) -> bool {
        self.problem_of.get(i).is_some_and(|&k| k != NONE)
    }

    /// Whether pod `i` uses the node's network.
    pub fn host_network(&self, i: usize) -> bool {
        self.recs.get(i).is_some_and(|r| r.flags & HOST != 0)
    }

    /// Whether pod `i` was pinned by the scenario's `pods`.
    pub fn is_pinned(&self, i: usize) -> bool {
        self.recs.get(i).is_some_and(|r| r.flags & PINNED != 0)
    }

    /// Whether pod `i` is Ready.
    pub fn ready(&self, i: usize) -> bool {
        self.recs.get(i).is_some_and(|r| r.flags & READY != 0)
    }

    // ---- writing (the simulation)

    /// Adds a pod, unscheduled, and returns its index.
    pub(crate) fn push(&mut self, p: NewPod) -> usize {
        let mut flags = 0;
        if p.pinned {
            flags |= PINNED;
        }
        if p.host_network {
            flags |= HOST;
        }
        self.recs.push(Rec {
            workload: p.workload as u32,
            at: NONE,
            ip: 0,
            subnet: NO_SUBNET,
            eni: NO_ENI,
            flags,
        });
        self.recs.len() - 1
    }

    /// Adds a pinned pod named `name`; pinned pods come first.
    pub(crate) fn push_pinned(&mut self, p: NewPod, name: PodName) -> usize {
        let i = self.push(p);
        self.names.pinned.push(name);
        i
    }

    /// Names the pods `start..start + len` after `workload`'s sequence (see
    /// [`names::Suffixes`]), with the positions in `skips` left out.
    pub(crate) fn name_run(
        &mut self,
        start: usize,
        len: usize,
        workload: &str,
        hash: &str,
        salt: u64,
        skips: Vec<u32>,
    ) {
        self.names.runs.push(Run {
            start: start as u32,
            len: len as u32,
            workload: workload.to_string(),
            hash: hash.to_string(),
            salt,
            skips,
        });
    }

    /// Names the pods of system DaemonSet `workload` after their node.
    pub(crate) fn name_system(&mut self, workload: usize, name: &str, salt: u64) {
        self.names
            .system
            .push((workload as u32, name.to_string(), salt));
    }

    /// Places pod `i`.
    pub(crate) fn set_placement(&mut self, i: usize, p: Placement) {
        if let Some(r) = self.recs.get_mut(i) {
            let (bits, at) = match p {
                Placement::Unscheduled => (0, NONE),
                Placement::Node { node } => (1, node as u32),
                Placement::Fargate { group } => (2, group as u32),
            };
            r.flags = (r.flags & !(3 << PLACE_SHIFT)) | (bits << PLACE_SHIFT);
            r.at = at;
        }
    }

    /// Sets the subnet of pod `i`'s address-to-be (system pods: the node's).
    pub(crate) fn set_subnet(&mut self, i: usize, subnet: usize) {
        let narrow = u16::try_from(subnet).ok().filter(|&s| s < WIDE_SUBNET);
        let Some(r) = self.recs.get_mut(i) else {
            return;
        };
        r.subnet = narrow.unwrap_or(WIDE_SUBNET);
        if narrow.is_none() {
            if let Some(w) = self.wide_mut(i) {
                w.subnet = u32::try_from(subnet).unwrap_or(NONE - 1).min(NONE - 1);
            }
        }
    }

    /// Sets the ENI of pod `i`.
    fn set_eni(&mut self, i: usize, eni: Option<usize>) {
        let narrow = match eni {
            None => Some(NO_ENI),
            Some(e) => u8::try_from(e).ok().filter(|&e| e < WIDE_ENI),
        };
        let Some(r) = self.recs.get_mut(i) else {
            return;
        };
        r.eni = narrow.unwrap_or(WIDE_ENI);
        if narrow.is_none() {
            if let Some(w) = self.wide_mut(i) {
                w.eni = eni.unwrap_or(0).min(MAX_ENI) as u16;
            }
        }
    }

    /// Pod `i`'s entry in `wide` (made as long as the store first).
    fn wide_mut(&mut self, i: usize) -> Option<&mut Wide> {
        if self.wide.len() < self.recs.len() {
            self.wide.resize(self.recs.len(), NARROW);
        }
        self.wide.get_mut(i)
    }

    /// Records a problem shared by many pods, for [`PodStore::set_problem_at`].
    pub(crate) fn add_problem(&mut self, p: PodProblem) -> u32 {
        self.problems.push(p);
        (self.problems.len() - 1) as u32
    }

    /// Gives pod `i` the problem recorded as `k` ([`PodStore::add_problem`]).
    pub(crate) fn set_problem_at(&mut self, i: usize, k: u32) {
        if i >= self.recs.len() {
            return;
        }
        if self.problem_of.len() < self.recs.len() {
            self.problem_of.resize(self.recs.len(), NONE);
        }
        if let Some(x) = self.problem_of.get_mut(i) {
            *x = k;
        }
    }

    /// Gives pod `i` problem `p`.
    pub(crate) fn set_problem(&mut self, i: usize, p: PodProblem) {
        if i < self.len() {
            let k = self.add_problem(p);
            self.set_problem_at(i, k);
        }
    }

    /// Gives pod `i` IPv4 address `ip` of `subnet`, held by ENI `eni`.
    pub(crate) fn set_v4(&mut self, i: usize, ip: Ipv4Addr, subnet: usize, eni: Option<usize>) {
        let sub = u16::try_from(subnet).ok().filter(|&s| s < WIDE_SUBNET);
        let e = match eni {
            None => Some(NO_ENI),
            Some(e) => u8::try_from(e).ok().filter(|&e| e < WIDE_ENI),
        };
        if let Some(r) = self.recs.get_mut(i) {
            r.ip = u32::from(ip);
            r.flags |= HAS_IP;
            // Both fit the record (unless the model has 65,534 subnets or the
            // node 254 ENIs).
            if let (Some(sub), Some(e)) = (sub, e) {
                r.subnet = sub;
                r.eni = e;
            }
        }
        if sub.is_none() || e.is_none() {
            self.set_subnet(i, subnet);
            self.set_eni(i, eni);
        }
        if let Some(x) = self.v6.get_mut(i) {
            *x = 0;
        }
    }

    /// Gives pod `i` IPv6 address `ip` of `subnet`, held by ENI `eni`.
    pub(crate) fn set_v6(&mut self, i: usize, ip: Ipv6Addr, subnet: usize, eni: Option<usize>) {
        if i >= self.len() {
            return;
        }
        if self.v6.len() < self.len() {
            self.v6.resize(self.len(), 0);
        }
        self.set_v4(i, Ipv4Addr::UNSPECIFIED, subnet, eni);
        if let Some(x) = self.v6.get_mut(i) {
            *x = u128::from(ip);
        }
    }

    /// Sets pod `i`'s status and readiness.
    #[cfg(test)]
    pub(crate) fn set_status(&mut self, i: usize, status: PodStatus, ready: bool) {
        if let Some(r) = self.recs.get_mut(i) {
            set_status_of(r, status, ready);
        }
    }

    /// One pass over every pod, in order: `f(i, facts)` gives pod `i`'s status and
    /// readiness, which are set (the same as [`PodStore::set_status`] for each pod,
    /// without looking each one up).
    #[cfg(test)]
    pub(crate) fn settle_each(&mut self, f: impl FnMut(usize, Facts) -> (PodStatus, bool)) {
        self.settle_if(|_| true, f);
    }

    /// [`PodStore::settle_each`] for the pods whose placement passes `which`.
    pub(crate) fn settle_if(
        &mut self,
        which: impl Fn(Placement) -> bool,
        mut f: impl FnMut(usize, Facts) -> (PodStatus, bool),
    ) {
        let problem_of = &self.problem_of;
        for (i, r) in self.recs.iter_mut().enumerate() {
            if which(placement_of(r)) {
                let troubled = problem_of.get(i).is_some_and(|&k| k != NONE);
                settle_rec(i, r, troubled, &mut f);
            }
        }
    }

    /// [`PodStore::settle_each`] for pod `i` alone.
    pub(crate) fn settle_one(
        &mut self,
        i: usize,
        f: impl FnOnce(usize, Facts) -> (PodStatus, bool),
    ) {
        let troubled = self.problem_at(i);
        if let Some(r) = self.recs.get_mut(i) {
            settle_rec(i, r, troubled, f);
        }
    }

    /// Whether pod `i` has an address.
    #[cfg(test)]
    pub(crate) fn has_ip(&self, i: usize) -> bool {
        self.recs.get(i).is_some_and(|r| r.flags & HAS_IP != 0)
    }

    /// Whether pod `i` has a problem.
    #[cfg(test)]
    pub(crate) fn has_problem(&self, i: usize) -> bool {
        self.problem_at(i)
    }
}

fn settle_rec(
    i: usize,
    r: &mut Rec,
    has_problem: bool,
    f: impl FnOnce(usize, Facts) -> (PodStatus, bool),
) {
    let facts = Facts {
        placement: placement_of(r),
        workload: r.workload as usize,
        node: (place_bits(r) == 1).then_some(r.at as usize),
        has_ip: r.flags & HAS_IP != 0,
        has_problem,
    };
    let (status, ready) = f(i, facts);
    set_status_of(r, status, ready);
}

fn set_status_of(r: &mut Rec, status: PodStatus, ready: bool) {
    let bits = match status {
        PodStatus::Pending => 0,
        PodStatus::Running => 1,
        PodStatus::ContainerCreating => 2,
    };
    r.flags = (r.flags & !(3 << STATUS_SHIFT)) | (bits << STATUS_SHIFT);
    r.flags = if ready {
        r.flags | READY
    } else {
        r.flags & !READY
    };
}

fn place_bits(r: &Rec) -> u8 {
    (r.flags >> PLACE_SHIFT) & 3
}

fn placement_of(r: &Rec) -> Placement {
    match place_bits(r) {
        1 => Placement::Node {
            node: r.at as usize,
        },
        2 => Placement::Fargate {
            group: r.at as usize,
        },
        _ => Placement::Unscheduled,
    }
}

fn status_of(r: &Rec) -> PodStatus {
    match (r.flags >> STATUS_SHIFT) & 3 {
        1 => PodStatus::Running,
        2 => PodStatus::ContainerCreating,
        _ => PodStatus::Pending,
    }
}

/// The pods of a [`PodStore`], in order ([`PodStore::iter`]).
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    store: &'a PodStore,
    range: std::ops::Range<usize>,
}

impl Iterator for Iter<'_> {
    type Item = Pod;
    fn next(&mut self) -> Option<Pod> {
        self.range.next().and_then(|i| self.store.get(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Pod> {
        self.range.next_back().and_then(|i| self.store.get(i))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a PodStore {
    type Item = Pod;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl Serialize for PodStore {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
#[path = "pod_store_tests.rs"]
mod tests;
