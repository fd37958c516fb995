//! The ENIs of many nodes in a few flat arrays ([`EniArena`]), and the views
//! readers see them through: [`Eni`], its [`Slots`], [`Prefix`]es and their
//! [`PrefixSlots`] (see [`super::NodeStore`]).

use std::fmt;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::ser::SerializeStruct;
use serde::Serialize;

use super::eni::{EniBuf, EniObserved, PrefixBuf, Slot};
use super::max_pods::IPS_PER_PREFIX;
use super::slot_pods::{NodeQueue, SlotPods};
use crate::ElementId;

mod tail;

/// No pod in a slot; no observed record.
pub(crate) const NONE: u32 = u32::MAX;

/// `v[start..start + len]`, empty when out of range (never panics).
pub(super) fn part<T>(v: &[T], (start, len): (u32, u32)) -> &[T] {
    let (s, l) = (start as usize, len as usize);
    v.get(s..s.saturating_add(l)).unwrap_or(&[])
}

/// Calls `f(first, count)` for each run of consecutive addresses of `slots`, in
/// order.
pub(super) fn runs_of(slots: &[Slot], mut f: impl FnMut(u32, u32)) {
    let mut rest = slots;
    while let Some((head, tail)) = rest.split_first() {
        let first = u32::from(head.ip);
        let mut n = 1u32;
        for s in tail {
            if first.checked_add(n) != Some(u32::from(s.ip)) {
                break;
            }
            n += 1;
        }
        f(first, n);
        rest = rest.get(n as usize..).unwrap_or(&[]);
    }
}

/// One ENI as the arena keeps it, in 32 bytes: where its runs, prefixes and
/// slots start (each ends where the next ENI's start: see [`EniArena::rec`]).
#[derive(Debug, Clone, Copy)]
struct Packed {
    primary_ip: u32,
    subnet: u32,
    index: u32,
    /// First of its runs of secondary addresses, in `EniArena::runs`.
    runs: u32,
    /// First of its prefixes, in `EniArena::prefixes`.
    prefixes: u32,
    /// First of its slots (secondary slots, then 16 per prefix).
    pods: u32,
    /// Slots holding a pod.
    assigned: u32,
    /// [`HOSTS_PODS`], [`OBSERVED`].
    flags: u8,
}

/// In [`Packed::flags`]: pods may use the ENI's addresses.
const HOSTS_PODS: u8 = 1;
/// In [`Packed::flags`]: the ENI was observed (its record in
/// `EniArena::observed`).
const OBSERVED: u8 = 2;

/// One ENI of the arena, as readers see it ([`EniArena::rec`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct EniRec {
    primary_ip: u32,
    subnet: u32,
    index: u32,
    /// Index into `EniArena::observed`, or [`NONE`].
    observed: u32,
    /// Its secondary addresses: runs `runs.0..runs.0 + runs.1`.
    runs: (u32, u32),
    /// Secondary addresses.
    slots: u32,
    /// Its prefixes: `prefixes.0..prefixes.0 + prefixes.1`.
    prefixes: (u32, u32),
    /// First of its slots' pods (secondary slots, then 16 per prefix).
    pods: u32,
    /// Slots holding a pod.
    assigned: u32,
    hosts_pods: bool,
}

impl EniRec {
    pub(super) fn pod_range(&self) -> (u32, u32) {
        (self.pods, self.slots + self.prefixes.1 * IPS_PER_PREFIX)
    }
}

/// The ENIs of many nodes, flat (see the module docs).
///
/// Of the pods in the slots, only the pinned pods' are kept (the other slots'
/// pods follow from the node's pods: see [`super::slot_pods`]), and how many
/// slots hold a pod.
#[derive(Debug, Clone, Default)]
pub(crate) struct EniArena {
    enis: Vec<Packed>,
    /// Runs of consecutive secondary addresses: `(first, count)`.
    runs: Vec<(u32, u32)>,
    /// The /28 prefixes' first addresses.
    prefixes: Vec<u32>,
    /// Slots so far.
    pub(super) slots: u32,
    /// `(slot, pod)` of the pinned pods' slots, by slot.
    pub(super) pins: Vec<(u32, u32)>,
    observed: Vec<EniObserved>,
    /// The ENI of each of `observed`, ascending.
    observed_at: Vec<u32>,
}

impl EniArena {
    /// Room for about `enis` ENIs.
    pub(crate) fn with_capacity(enis: usize) -> EniArena {
        EniArena {
            enis: Vec::with_capacity(enis),
            runs: Vec::with_capacity(enis),
            ..EniArena::default()
        }
    }

    /// Appends a node's ENIs, keeping the pods of their slots that hold one (the
    /// pinned pods) as `(slot, pod)`; `queued` more pods will take the free
    /// slots, in ENI order, lowest first; `pinned`: how many slots hold a pod
    /// (0: no slot to look at). Returns where they are (first, count).
    pub(crate) fn push_pinned(
        &mut self,
        enis: &[EniBuf],
        mut queued: u32,
        pinned: u32,
    ) -> (u32, u32) {
        let start = self.enis.len() as u32;
        for e in enis {
            let r0 = self.runs.len();
            runs_of(&e.slots, |first, n| self.runs.push((first, n)));
            let pods = self.slots;
            let all = || {
                e.slots
                    .iter()
                    .chain(e.prefixes.iter().flat_map(|p| p.slots.iter()))
            };
            let mut held = 0u32;
            let mut free = e.capacity() as u32;
            if pinned > 0 {
                free = 0;
                for (k, s) in all().enumerate() {
                    match s.pod {
                        Some(p) => {
                            self.pins.push((pods + k as u32, p));
                            held += 1;
                        }
                        None => free += 1,
                    }
                }
            }
            let handed = free.min(queued);
            queued -= handed;
            held += handed;
            self.slots += e.capacity() as u32;
            let p0 = self.prefixes.len() as u32;
            self.prefixes
                .extend(e.prefixes.iter().map(|p| u32::from(p.cidr.network())));
            let mut flags = if e.hosts_pods { HOSTS_PODS } else { 0 };
            if let Some(o) = &e.observed {
                self.observed.push(o.clone());
                self.observed_at.push(self.enis.len() as u32);
                flags |= OBSERVED;
            }
            self.enis.push(Packed {
                primary_ip: u32::from(e.primary_ip),
                subnet: e.subnet as u32,
                index: e.index as u32,
                runs: r0 as u32,
                prefixes: p0,
                pods,
                assigned: held,
                flags,
            });
        }
        (start, self.enis.len() as u32 - start)
    }

    /// ENIs so far.
    pub(crate) fn len(&self) -> usize {
        self.enis.len()
    }

    /// ENI `e`: its record, its lengths read off where the next ENI's runs,
    /// prefixes and slots start (the arena's ends for the last one).
    pub(super) fn rec(&self, e: u32) -> Option<EniRec> {
        let p = self.enis.get(e as usize)?;
        let (runs_end, prefixes_end, slots_end) = match self.enis.get(e as usize + 1) {
            Some(n) => (n.runs, n.prefixes, n.pods),
            None => (
                self.runs.len() as u32,
                self.prefixes.len() as u32,
                self.slots,
            ),
        };
        let prefixes = prefixes_end.saturating_sub(p.prefixes);
        let capacity = slots_end.saturating_sub(p.pods);
        let observed = if p.flags & OBSERVED != 0 {
            self.observed_at
                .binary_search(&e)
                .map_or(NONE, |k| k as u32)
        } else {
            NONE
        };
        Some(EniRec {
            primary_ip: p.primary_ip,
            subnet: p.subnet,
            index: p.index,
            observed,
            runs: (p.runs, runs_end.saturating_sub(p.runs)),
            slots: capacity.saturating_sub(prefixes.saturating_mul(IPS_PER_PREFIX)),
            prefixes: (p.prefixes, prefixes),
            pods: p.pods,
            assigned: p.assigned,
            hosts_pods: p.flags & HOSTS_PODS != 0,
        })
    }

    /// The ENIs at `(first, count)`, in order.
    pub(super) fn recs(&self, (first, count): (u32, u32)) -> impl Iterator<Item = EniRec> + '_ {
        (first..first.saturating_add(count)).map_while(|e| self.rec(e))
    }

    /// Part `k` of ENI `e`'s slots, its runs of secondary addresses then its
    /// prefixes, as `(first address, slots, the ENI's subnet)`; `None` past its
    /// last part (see [`super::hand_out`]).
    pub(crate) fn free_part(&self, e: u32, k: u32) -> Option<(u32, u32, u32)> {
        let r = self.rec(e)?;
        if k < r.runs.1 {
            let &(first, n) = self.runs.get(r.runs.0.checked_add(k)? as usize)?;
            return Some((first, n, r.subnet));
        }
        let p = k - r.runs.1;
        if p < r.prefixes.1 {
            let &base = self.prefixes.get(r.prefixes.0.checked_add(p)? as usize)?;
            return Some((base, IPS_PER_PREFIX, r.subnet));
        }
        None
    }

    /// The ENIs at `at` (pushed with no pod queued) back into `out` (empty),
    /// made of the ENIs of `spare` first.
    pub(crate) fn load(&self, at: (u32, u32), out: &mut Vec<EniBuf>, spare: &mut Vec<EniBuf>) {
        for r in self.recs(at) {
            let view = self.view(&r, "", self.pinned_only(&r));
            let (index, subnet, ip) = (view.index, view.subnet, view.primary_ip);
            let mut buf = spare
                .pop()
                .unwrap_or_else(|| EniBuf::new(index, subnet, ip, view.hosts_pods));
            buf.reset(index, subnet, ip, view.hosts_pods);
            buf.observed = view.observed.cloned();
            if view.queue.pins.is_empty() {
                // No pod in any slot: the runs and prefixes as they are.
                for &(first, n) in part(&self.runs, r.runs) {
                    let ips = first..first.saturating_add(n);
                    buf.slots.extend(ips.map(|ip| Slot {
                        ip: Ipv4Addr::from(ip),
                        pod: None,
                    }));
                }
                for &base in part(&self.prefixes, r.prefixes) {
                    let cidr = Ipv4Net::new(Ipv4Addr::from(base), 28).unwrap_or_default();
                    buf.prefixes.push(PrefixBuf::new(cidr));
                }
                out.push(buf);
                continue;
            }
            buf.slots.extend(view.slots());
            for p in view.prefixes() {
                let mut pb = PrefixBuf::new(p.cidr);
                for (d, s) in pb.slots.iter_mut().zip(p.slots()) {
                    *d = s;
                }
                buf.prefixes.push(pb);
            }
            out.push(buf);
        }
    }

    /// What ENI `r`'s slots' pods are read from when no pod was queued: its
    /// pinned pods' slots alone.
    fn pinned_only(&self, r: &EniRec) -> NodeQueue<'_> {
        let (s, l) = r.pod_range();
        let a = self.pins.partition_point(|&(at, _)| at < s);
        let b = self
            .pins
            .partition_point(|&(at, _)| at < s.saturating_add(l));
        NodeQueue {
            list: &[],
            pins: self.pins.get(a..b.max(a)).unwrap_or(&[]),
            first: s,
        }
    }

    /// ENI `r` of node `node`; its slots' pods are derived from `queue` (see
    /// [`super::slot_pods`]).
    pub(super) fn view<'a>(&'a self, r: &EniRec, node: &'a str, queue: NodeQueue<'a>) -> Eni<'a> {
        Eni {
            index: r.index as usize,
            subnet: r.subnet as usize,
            primary_ip: Ipv4Addr::from(r.primary_ip),
            hosts_pods: r.hosts_pods,
            observed: self.observed.get(r.observed as usize),
            node,
            arena: self,
            queue,
            rec: *r,
        }
    }
}

/// An ENI of a node: `eth<index>` (a view into the [`NodeStore`](super::NodeStore)).
///
/// Its ids ([`Eni::eid`], [`Eni::id`]) are derived on demand from its node's
/// name. It serialises as `eid`, `index`, `id`, `subnet`, `primaryIp`,
/// `hostsPods`, `slots`, `prefixes` (and `observed` for an imported ENI).
#[derive(Clone, Copy)]
pub struct Eni<'a> {
    /// `eth<index>`; 0 is the primary ENI the instance was launched with.
    pub index: usize,
    /// Its subnet (index into `model.subnets`).
    pub subnet: usize,
    /// Its primary address: the node IP for eth0; never given to a pod.
    pub primary_ip: Ipv4Addr,
    /// Whether pods may use its addresses (not eth0 under custom networking).
    pub hosts_pods: bool,
    /// Observed (`describe-network-interfaces`) rather than simulated: its real
    /// id and how many of its first slots and prefixes were observed (the rest,
    /// if any, are what the simulation added for pods that needed more).
    pub observed: Option<&'a EniObserved>,
    node: &'a str,
    arena: &'a EniArena,
    queue: NodeQueue<'a>,
    rec: EniRec,
}

impl<'a> Eni<'a> {
    /// `eni:<node>:<index>`.
    pub fn eid(&self) -> ElementId {
        ElementId::node_eni(self.node, self.index)
    }

    /// EC2 ENI id: the observed one for an imported ENI, else `eni-` and 17 hex
    /// digits, a deterministic stand-in, stable for the node and the index.
    pub fn id(&self) -> String {
        match self.observed {
            Some(o) => o.id.clone(),
            None => super::names::eni_id_of(super::names::fnv(&[self.node]), self.index),
        }
    }

    /// `eth<index>`.
    pub fn name(&self) -> String {
        format!("eth{}", self.index)
    }

    fn pods(&self) -> SlotPods<'a> {
        self.queue.slots(self.rec.pod_range())
    }

    /// Number of secondary IPs ([`Eni::slots`]).
    pub fn slot_count(&self) -> usize {
        self.rec.slots as usize
    }

    /// Number of /28 prefixes ([`Eni::prefixes`]).
    pub fn prefix_count(&self) -> usize {
        self.rec.prefixes.1 as usize
    }

    /// Secondary IPs (secondary-IP mode), in allocation order.
    pub fn slots(&self) -> Slots<'a> {
        Slots {
            runs: part(&self.arena.runs, self.rec.runs),
            off: 0,
            pods: self.pods().first(self.rec.slots),
        }
    }

    /// /28 prefixes (prefix delegation), in allocation order.
    pub fn prefixes(&self) -> Prefixes<'a> {
        let mut pods = self.pods();
        pods.split_off(self.rec.slots);
        Prefixes {
            bases: part(&self.arena.prefixes, self.rec.prefixes).iter(),
            pods,
        }
    }

    /// Every pod address slot, prefixes' slots included.
    pub fn all_slots(&self) -> impl Iterator<Item = Slot> + 'a {
        self.slots().chain(
            self.prefixes()
                .flat_map(|p| PrefixSlots::of(p.cidr, p.pods)),
        )
    }

    /// Addresses held for pods.
    pub fn capacity(&self) -> usize {
        self.rec.pod_range().1 as usize
    }

    /// Addresses assigned to pods.
    pub fn assigned(&self) -> usize {
        self.rec.assigned as usize
    }
}

impl fmt::Debug for Eni<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Eni")
            .field("index", &self.index)
            .field("subnet", &self.subnet)
            .field("primary_ip", &self.primary_ip)
            .field("hosts_pods", &self.hosts_pods)
            .field("slots", &self.slots().collect::<Vec<_>>())
            .field(
                "prefixes",
                &self.prefixes().map(|p| p.cidr).collect::<Vec<_>>(),
            )
            .field("observed", &self.observed)
            .finish()
    }
}

/// Serialises an iterator as a sequence.
pub(super) struct Seq<I>(pub I);

impl<I> Serialize for Seq<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}

impl Serialize for Eni<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Eni", 8 + usize::from(self.observed.is_some()))?;
        st.serialize_field("eid", &self.eid())?;
        st.serialize_field("index", &self.index)?;
        st.serialize_field("id", &self.id())?;
        st.serialize_field("subnet", &self.subnet)?;
        st.serialize_field("primaryIp", &self.primary_ip)?;
        st.serialize_field("hostsPods", &self.hosts_pods)?;
        st.serialize_field("slots", &Seq(self.slots()))?;
        st.serialize_field("prefixes", &Seq(self.prefixes()))?;
        if let Some(o) = self.observed {
            st.serialize_field("observed", o)?;
        }
        st.end()
    }
}

/// An ENI's secondary IPs ([`Eni::slots`]).
#[derive(Debug, Clone)]
pub struct Slots<'a> {
    runs: &'a [(u32, u32)],
    off: u32,
    pods: SlotPods<'a>,
}

fn slot(ip: u32, pod: u32) -> Slot {
    Slot {
        ip: Ipv4Addr::from(ip),
        pod: (pod != NONE).then_some(pod),
    }
}

impl Iterator for Slots<'_> {
    type Item = Slot;
    fn next(&mut self) -> Option<Slot> {
        let pod = self.pods.next()?;
        loop {
            let (&(first, n), rest) = self.runs.split_first()?;
            if self.off < n {
                self.off += 1;
                return Some(slot(first.wrapping_add(self.off - 1), pod));
            }
            self.runs = rest;
            self.off = 0;
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.pods.size_hint()
    }
}

impl ExactSizeIterator for Slots<'_> {}

/// A /28 prefix delegated to an ENI: 16 slots (a view into the [`NodeStore`](super::NodeStore)).
#[derive(Debug, Clone, Copy)]
pub struct Prefix<'a> {
    /// The prefix.
    pub cidr: Ipv4Net,
    pods: SlotPods<'a>,
}

impl<'a> Prefix<'a> {
    /// Its 16 addresses, lowest first.
    pub fn slots(&self) -> PrefixSlots<'a> {
        PrefixSlots::of(self.cidr, self.pods)
    }
}

impl Serialize for Prefix<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Prefix", 2)?;
        st.serialize_field("cidr", &self.cidr)?;
        st.serialize_field("slots", &Seq(self.slots()))?;
        st.end()
    }
}

/// An ENI's prefixes ([`Eni::prefixes`]).
#[derive(Debug, Clone)]
pub struct Prefixes<'a> {
    bases: std::slice::Iter<'a, u32>,
    pods: SlotPods<'a>,
}

impl<'a> Iterator for Prefixes<'a> {
    type Item = Prefix<'a>;
    fn next(&mut self) -> Option<Prefix<'a>> {
        let &base = self.bases.next()?;
        let pods = self.pods.split_off(IPS_PER_PREFIX);
        Some(Prefix {
            cidr: Ipv4Net::new(Ipv4Addr::from(base), 28).unwrap_or_default(),
            pods,
        })
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.bases.size_hint()
    }
}

impl ExactSizeIterator for Prefixes<'_> {}

/// A prefix's 16 slots ([`Prefix::slots`]).
#[derive(Debug, Clone)]
pub struct PrefixSlots<'a> {
    base: u32,
    pods: std::iter::Enumerate<SlotPods<'a>>,
}

impl<'a> PrefixSlots<'a> {
    fn of(cidr: Ipv4Net, pods: SlotPods<'a>) -> PrefixSlots<'a> {
        PrefixSlots {
            base: u32::from(cidr.network()),
            pods: pods.enumerate(),
        }
    }
}

impl Iterator for PrefixSlots<'_> {
    type Item = Slot;
    fn next(&mut self) -> Option<Slot> {
        let (k, pod) = self.pods.next()?;
        Some(slot(self.base.wrapping_add(k as u32), pod))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.pods.size_hint()
    }
}

impl ExactSizeIterator for PrefixSlots<'_> {}

#[cfg(test)]
mod size {
    /// An ENI's record in the arena takes 32 bytes.
    #[test]
    fn an_enis_record_takes_32_bytes() {
        assert_eq!(std::mem::size_of::<super::Packed>(), 32);
    }
}
