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

    /// Pod `i`'s node (placement "node") and whether it uses the node's
    /// network, read in one access.
    pub(crate) fn node_and_host(&self, i: usize) -> Option<(usize, bool)> {
        let r = self.recs.get(i)?;
        (place_bits(r) == 1).then_some((r.at as usize, r.flags & HOST != 0))
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
    #[inline]
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

#[path = "pod_store_write.rs"]
mod write;

#[cfg(test)]
#[path = "pod_store_tests.rs"]
mod tests;
