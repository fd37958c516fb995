//! One node's address management, as the CNI's `ipamd` does it.
//!
//! The node starts with its primary ENI, eth0, whose primary address is the node IP.
//! `ipamd` then grows a pool of addresses until its warm target holds (the design's
//! fidelity notes; `docs/eni-and-ip-target.md` and `docs/prefix-and-ip-target.md` of
//! the VPC CNI, whose worked tables the tests reproduce):
//!
//! - `WARM_ENI_TARGET` (default 1): while fewer than `WARM_ENI_TARGET × (IPv4 per ENI
//!   − 1)` addresses are free, fill the last ENI with secondary IPs, or attach a new
//!   ENI and fill it entirely. With 0, grow only when no address is free.
//! - `WARM_IP_TARGET` / `MINIMUM_IP_TARGET` (either set and non-zero, they win): hold
//!   `max(pods + WARM_IP_TARGET, MINIMUM_IP_TARGET)` addresses, one at a time, filling
//!   ENIs in order (with prefixes: that many addresses rounded up to whole /28s).
//! - `WARM_PREFIX_TARGET` (prefix delegation, default 1): while fewer than
//!   `WARM_PREFIX_TARGET × 16` addresses are free, add a /28 to the last ENI with a free
//!   slot, or attach a new ENI for it.
//! - The pool stops growing once it holds the kubelet's max pods, when every ENI the
//!   instance can attach is full, or when the subnet cannot give an address (or an
//!   aligned free /28).
//!
//! This is the steady state after every pod was added one by one from an empty node.
//! New ENIs are attached in the pod subnet (the node's, or the ENIConfig's under custom
//! networking, where eth0 hosts no pods) and take a primary address of their own.
//! Pods take addresses in ENI order, lowest slot first; a pinned address goes to the
//! first ENI with a free slot (eth0 in the default scenario).

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::cause::PackedCause;
pub(crate) use super::eni::Workspace;
use super::eni::{Bufs, EniBuf, EniList, PrefixBuf, Slot};
use super::ipam::{NoIpCause, WarmPolicy};
use super::max_pods::IPS_PER_PREFIX;
use crate::model::{Holder, Node, ObservedEniModel, SubnetPool};

/// What one node's allocation needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NodeSpec {
    /// ENIs the instance can attach.
    pub max_enis: u32,
    /// Secondary addresses or prefix slots per ENI (`IPv4 per ENI − 1`).
    pub slots_per_eni: u32,
    /// Prefix delegation.
    pub prefixes: bool,
    /// Custom networking: eth0 hosts no pods.
    pub custom: bool,
    /// The warm pool policy.
    pub warm: WarmPolicy,
    /// The kubelet's max pods.
    pub max_pods: u32,
    /// Subnet of pod ENIs.
    pub pod_subnet: usize,
}

/// A pod that needs an address from the node's ENIs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PodNeed {
    /// Index into `Ipam::pods`.
    pub pod: usize,
    /// A pinned address, already taken in the pod subnet's pool (as `PodAssigned`,
    /// or its whole /28 as `Prefix` with prefix delegation).
    pub pinned: Option<Ipv4Addr>,
}

/// The outcome for one node (its ENIs are left in [`Workspace::enis`]).
#[derive(Debug, Default)]
pub(crate) struct NodeOutcome {
    /// `(pod, eni index, address)` of the pinned pods placed.
    pub assigned: Vec<(usize, usize, Ipv4Addr)>,
    /// The other pods that need an address (see [`finish`]).
    pub queued: u32,
    /// Why the pool stopped short of its target (pods or warm), if it did.
    pub shortfall: Option<NoIpCause>,
}

/// Where [`State`] takes addresses from: the subnets' pools, or a stand-in
/// (see [`super::stamp`]). Each call names the pod subnet.
pub(super) trait Take {
    /// [`SubnetPool::take_next`], [`NoIpCause::SubnetFull`] when it fails.
    fn take_next(&mut self, subnet: usize, h: Holder) -> Result<Ipv4Addr, NoIpCause>;
    /// [`SubnetPool::take_run`], [`NoIpCause::SubnetFull`] when it fails.
    fn take_run(&mut self, subnet: usize, n: u32, h: Holder) -> Result<(Ipv4Addr, u32), NoIpCause>;
    /// [`SubnetPool::take_prefix28`]: [`NoIpCause::SubnetFull`] without a
    /// pool, [`NoIpCause::NoContiguousPrefix`] when no /28 is left.
    fn take_prefix28(&mut self, subnet: usize) -> Result<Ipv4Net, NoIpCause>;
}

impl Take for [Option<SubnetPool>] {
    fn take_next(&mut self, subnet: usize, h: Holder) -> Result<Ipv4Addr, NoIpCause> {
        self.get_mut(subnet)
            .and_then(Option::as_mut)
            .and_then(|p| p.take_next(h))
            .ok_or(NoIpCause::SubnetFull { subnet })
    }

    fn take_run(&mut self, subnet: usize, n: u32, h: Holder) -> Result<(Ipv4Addr, u32), NoIpCause> {
        self.get_mut(subnet)
            .and_then(Option::as_mut)
            .and_then(|p| p.take_run(n, h))
            .ok_or(NoIpCause::SubnetFull { subnet })
    }

    fn take_prefix28(&mut self, subnet: usize) -> Result<Ipv4Net, NoIpCause> {
        self.get_mut(subnet)
            .and_then(Option::as_mut)
            .ok_or(NoIpCause::SubnetFull { subnet })?
            .take_prefix28()
            .ok_or(NoIpCause::NoContiguousPrefix { subnet })
    }
}

/// One node's allocation as it runs: its ENIs (`L`: slot by slot, or runs at
/// an arena's end) and where it takes addresses from (`P`: the subnets' pools,
/// or the stand-in that works a shape out).
pub(super) struct State<'a, L, P: ?Sized = [Option<SubnetPool>]> {
    pub(super) spec: NodeSpec,
    pub(super) pools: &'a mut P,
    /// The node's ENIs.
    pub(super) list: L,
    /// Addresses held for pods.
    pub(super) total: u32,
    /// Pods that need an address (pinned included).
    pub(super) need: u32,
    /// Pod-assigned holders still to hand out (secondary mode), for the accounting.
    pub(super) to_assign: u32,
    /// The node's ENIs were observed: the pool grows only for pods that need it.
    pub(super) observed: bool,
}

impl State<'_, Bufs<'_>> {
    /// Places each pinned address in the first ENI with room (with prefixes, in
    /// the ENI holding its /28, else a new prefix); returns the pods whose pin
    /// found no ENI.
    fn place_pins(&mut self, pods: &[PodNeed], out: &mut NodeOutcome) -> Vec<usize> {
        let mut leftovers = Vec::new();
        for p in pods {
            let Some(ip) = p.pinned else { continue };
            if self.observed {
                if let Some(e) = super::observed::pin(&mut self.list.enis, p.pod, ip) {
                    out.assigned.push((p.pod, e, ip));
                    continue;
                }
            }
            let placed = if self.spec.prefixes {
                self.pin_in_prefix(p.pod, ip)
            } else {
                self.pin_secondary(p.pod, ip)
            };
            match placed {
                Ok(e) => out.assigned.push((p.pod, e, ip)),
                Err(c) => {
                    out.shortfall.get_or_insert(c);
                    leftovers.push(p.pod);
                }
            }
        }
        leftovers
    }

    /// Pod `pod`'s pinned `ip` in the ENI holding its /28, or in a new prefix on
    /// the first ENI with room; returns the ENI.
    fn pin_in_prefix(&mut self, pod: usize, ip: Ipv4Addr) -> Result<usize, NoIpCause> {
        let cidr = block28(ip);
        let found = self.list.enis.iter().enumerate().find_map(|(e, eni)| {
            eni.prefixes
                .iter()
                .position(|x| x.cidr == cidr)
                .map(|k| (e, k))
        });
        let (e, k) = match found {
            Some(at) => at,
            None => {
                let e = self.eni_with_room()?;
                let k = self.list.enis.get(e).map_or(0, |x| x.prefixes.len());
                if let Some(eni) = self.list.enis.get_mut(e) {
                    eni.prefixes.push(PrefixBuf::new(cidr));
                }
                self.total += IPS_PER_PREFIX;
                (e, k)
            }
        };
        let off = (u32::from(ip) - u32::from(cidr.network())) as usize;
        if let Some(slot) = self
            .list
            .enis
            .get_mut(e)
            .and_then(|x| x.prefixes.get_mut(k))
            .and_then(|x| x.slots.get_mut(off))
        {
            slot.pod = Some(pod as u32);
        }
        Ok(e)
    }

    /// Pod `pod`'s pinned `ip` as a secondary address of the first ENI with room;
    /// returns the ENI.
    fn pin_secondary(&mut self, pod: usize, ip: Ipv4Addr) -> Result<usize, NoIpCause> {
        let e = self.eni_with_room()?;
        if let Some(eni) = self.list.enis.get_mut(e) {
            eni.slots.push(Slot {
                ip,
                pod: Some(pod as u32),
            });
        }
        self.total += 1;
        Ok(e)
    }

    /// A pinned address that found no ENI gives its pool address back (it is then
    /// handed out like any other) and the pod queues with the rest.
    fn release_unplaced_pins(&mut self, pods: &[PodNeed], leftovers: &[usize]) {
        for p in pods.iter().filter(|p| leftovers.contains(&p.pod)) {
            let Some(ip) = p.pinned else { continue };
            let cidr = block28(ip);
            let attached = self
                .list
                .enis
                .iter()
                .any(|e| e.prefixes.iter().any(|x| x.cidr == cidr));
            let prefixes = self.spec.prefixes;
            let Some(pool) = self.pool() else {
                continue;
            };
            if !prefixes {
                pool.release(ip, Holder::PodAssigned);
            } else if !attached {
                // The /28 was reserved for this pin alone: give it back whole.
                for a in cidr.hosts().chain([cidr.network(), cidr.broadcast()]) {
                    pool.release(a, Holder::Prefix);
                }
            }
        }
        self.to_assign += leftovers.len() as u32;
    }
}

impl<L> State<'_, L> {
    /// The pod subnet's pool.
    pub(super) fn pool(&mut self) -> Option<&mut SubnetPool> {
        self.pools
            .get_mut(self.spec.pod_subnet)
            .and_then(Option::as_mut)
    }
}

impl<L: EniList, P: Take + ?Sized> State<'_, L, P> {
    /// Whether the last ENI hosts pods and has room for one more slot (prefix).
    fn room(&self) -> bool {
        self.list.last().is_some_and(|(hosts, slots, prefixes)| {
            let used = if self.spec.prefixes { prefixes } else { slots };
            hosts && used < self.spec.slots_per_eni
        })
    }

    /// The last ENI with room for one more slot (prefix), attaching one if needed.
    fn eni_with_room(&mut self) -> Result<usize, NoIpCause> {
        if self.room() {
            return Ok(self.list.count() - 1);
        }
        if self.spec.slots_per_eni == 0 || self.list.count() as u32 >= self.spec.max_enis {
            return Err(NoIpCause::EniLimit);
        }
        let subnet = self.spec.pod_subnet;
        let ip = self.pools.take_next(subnet, Holder::EniPrimary)?;
        let room = if self.spec.prefixes {
            0
        } else {
            self.spec.slots_per_eni
        };
        self.list.attach(subnet, ip, room);
        Ok(self.list.count() - 1)
    }

    /// Adds one secondary IP (or one /28 prefix) to the last ENI with room.
    fn grow_one(&mut self) -> Result<(), NoIpCause> {
        self.eni_with_room()?;
        let subnet = self.spec.pod_subnet;
        if self.spec.prefixes {
            let cidr = self.pools.take_prefix28(subnet)?;
            self.list.push_prefix(cidr);
            self.total += IPS_PER_PREFIX;
        } else {
            let holder = if self.to_assign > 0 {
                Holder::PodAssigned
            } else {
                Holder::Warm
            };
            let ip = self.pools.take_next(subnet, holder)?;
            self.to_assign = self.to_assign.saturating_sub(1);
            self.list.push_run(u32::from(ip), 1);
            self.total += 1;
        }
        Ok(())
    }

    /// Adds `k` secondary IPs to the last ENI (with room for them): the same as
    /// `k` calls of [`State::grow_one`], taking runs of consecutive free
    /// addresses from the pool at once.
    fn grow_secondary(&mut self, mut k: u32) -> Result<(), NoIpCause> {
        let subnet = self.spec.pod_subnet;
        while k > 0 {
            let (holder, n) = if self.to_assign > 0 {
                (Holder::PodAssigned, k.min(self.to_assign))
            } else {
                (Holder::Warm, k)
            };
            let (first, got) = self.pools.take_run(subnet, n, holder)?;
            self.to_assign = self.to_assign.saturating_sub(got);
            self.list.push_run(u32::from(first), got);
            self.total += got;
            k -= got;
        }
        Ok(())
    }

    fn available(&self) -> u32 {
        self.total - self.need.min(self.total)
    }

    /// Grows the pool to the policy's steady state.
    pub(super) fn fill(&mut self) -> Result<(), NoIpCause> {
        let s = self.spec.slots_per_eni;
        loop {
            if self.total >= self.spec.max_pods {
                return if self.need > self.total {
                    Err(NoIpCause::MaxPods)
                } else {
                    Ok(())
                };
            }
            if self.observed && self.total >= self.need {
                // The observed pool is what ipamd holds; it grows only when the
                // pods need more.
                return Ok(());
            }
            let avail = self.available();
            match self.spec.warm {
                WarmPolicy::Eni { warm_eni_target: w } => {
                    if avail >= w.saturating_mul(s) && !(w == 0 && avail == 0) {
                        return Ok(());
                    }
                    // Fill the current ENI entirely, or a new one.
                    self.eni_with_room()?;
                    let have = self.list.last().map_or(s, |(_, slots, _)| slots);
                    if have >= s {
                        // Cannot happen (an ENI with room has fewer than `s`), but
                        // never loop without progress.
                        return Err(NoIpCause::EniLimit);
                    }
                    if self.spec.prefixes {
                        for _ in have..s {
                            self.grow_one()?;
                        }
                    } else {
                        self.grow_secondary(s - have)?;
                    }
                }
                WarmPolicy::Ip {
                    warm_ip_target,
                    minimum_ip_target,
                } => {
                    let target = self
                        .need
                        .saturating_add(warm_ip_target)
                        .max(minimum_ip_target);
                    if self.total >= target {
                        return Ok(());
                    }
                    self.grow_one()?;
                }
                WarmPolicy::Prefix {
                    warm_prefix_target: w,
                } => {
                    if avail >= w.saturating_mul(IPS_PER_PREFIX) && !(w == 0 && avail == 0) {
                        return Ok(());
                    }
                    self.grow_one()?;
                }
            }
        }
    }
}

fn block28(ip: Ipv4Addr) -> Ipv4Net {
    Ipv4Net::new(Ipv4Addr::from(u32::from(ip) & !15), 28).unwrap_or_default()
}

/// A node's ENIs once its `ipamd` has started, before the scheduler sent it pods:
/// its pinned addresses placed and its warm pool filled for them alone. 24
/// bytes (every node of a cluster waits in one: 100,000 of them).
#[derive(Debug)]
pub(crate) struct Booted {
    /// ENIs, eth0 first (in [`Workspace`]'s arena).
    pub(super) enis: (u32, u32),
    /// Addresses held for pods.
    pub(super) total: u32,
    /// Its pinned pods placed, `(pod, eni index, address)`: index into
    /// [`Workspace`]'s lists of them, or [`NO_PINS`] when none was.
    pub(super) pinned: u32,
    /// Why the pool stopped short at start, if it did.
    pub(super) shortfall: PackedCause,
}

/// In [`Booted::pinned`]: no pinned pod placed.
pub(super) const NO_PINS: u32 = u32::MAX;

impl Booted {
    /// How many ENIs it booted with (eth0 included).
    pub(crate) fn eni_count(&self) -> usize {
        self.enis.1 as usize
    }

    /// Why the pool stopped short at start, if it did.
    pub(crate) fn shortfall(&self) -> Option<NoIpCause> {
        self.shortfall.get()
    }
}

pub(super) fn eth0_of(spec: &NodeSpec, node: &Node) -> EniBuf {
    let mut eni = EniBuf::new(0, node.subnet, node.private_ip, !spec.custom);
    if !(spec.prefixes || spec.custom) {
        eni.slots = Vec::with_capacity(spec.slots_per_eni as usize);
    }
    eni
}

/// [`boot_in`] with a workspace of its own (for a node on its own).
pub(crate) fn boot(
    spec: NodeSpec,
    node: &Node,
    pods: &[PodNeed],
    pools: &mut [Option<SubnetPool>],
    observed: &[ObservedEniModel],
) -> Booted {
    boot_in(&mut Workspace::default(), spec, node, pods, pools, observed)
}

/// Starts a node's `ipamd`: eth0, the pinned addresses of `pods` (the others are
/// ignored here), and the warm pool the policy asks for with only those pods. Every
/// node of a subnet starts before any pod arrives (nodes join, then the scheduler
/// spreads pods), so an exhausted subnet is shared by warm pools rather than given
/// to the first node whole.
///
/// A node with no pinned pod and no observed ENI is grown as runs of
/// addresses straight in the booted nodes' arena (see [`super::node_runs`]);
/// the others slot by slot ([`boot_slots`]): the same ENIs either way.
pub(crate) fn boot_in(
    ws: &mut Workspace,
    spec: NodeSpec,
    node: &Node,
    pods: &[PodNeed],
    pools: &mut [Option<SubnetPool>],
    observed: &[ObservedEniModel],
) -> Booted {
    if observed.is_empty() && pods.iter().all(|p| p.pinned.is_none()) {
        return super::node_runs::boot_runs(ws, spec, node, pools);
    }
    boot_slots(ws, spec, node, pods, pools, observed)
}

/// [`boot_in`] slot by slot, for any node.
pub(super) fn boot_slots(
    ws: &mut Workspace,
    spec: NodeSpec,
    node: &Node,
    pods: &[PodNeed],
    pools: &mut [Option<SubnetPool>],
    observed: &[ObservedEniModel],
) -> Booted {
    ws.recycle();
    if observed.is_empty() {
        let eth0 = ws.eni(0, node.subnet, node.private_ip, !spec.custom);
        ws.enis.push(eth0);
    } else {
        ws.enis = super::observed::enis(&spec, node, observed);
    }
    let enis = std::mem::take(&mut ws.enis);
    let total = super::observed::held(&enis);
    let pins: Vec<PodNeed> = pods
        .iter()
        .filter(|p| p.pinned.is_some())
        .copied()
        .collect();
    let mut st = State {
        spec,
        pools,
        list: Bufs {
            enis,
            spare: &mut ws.spare,
        },
        observed: !observed.is_empty(),
        total,
        need: pins.len() as u32,
        to_assign: 0,
    };
    let mut out = NodeOutcome::default();
    let leftovers = st.place_pins(&pins, &mut out);
    if !leftovers.is_empty() {
        st.release_unplaced_pins(&pins, &leftovers);
        st.to_assign = 0;
        st.need = st.need.saturating_sub(leftovers.len() as u32);
    }
    if let Err(c) = st.fill() {
        out.shortfall.get_or_insert(c);
    }
    ws.enis = st.list.enis;
    let pinned = out.assigned.len() as u32;
    let enis = ws.booted.push_pinned(&ws.enis, 0, pinned);
    let lists = ws.pinned.len() as u32;
    Booted {
        total: st.total,
        enis,
        pinned: if out.assigned.is_empty() {
            NO_PINS
        } else {
            ws.pinned.push(out.assigned);
            lists
        },
        shortfall: PackedCause::new(out.shortfall),
    }
}

/// Gives a [`boot`]ed node its `need` pods (those that need an address of their
/// own, its placed pins included): grows the pool to the policy's steady state
/// with them. The ENIs are left in [`Workspace::enis`], the pins in their slots;
/// the other pods, [`NodeOutcome::queued`] of them, take the free slots in ENI
/// order, lowest first, in the order they were placed (see
/// [`super::hand_out`]). `buffer` becomes the outcome's `assigned` (cleared
/// first): pass the previous node's back to save an allocation per node.
pub(crate) fn finish(
    ws: &mut Workspace,
    spec: NodeSpec,
    booted: Booted,
    need: u32,
    pools: &mut [Option<SubnetPool>],
    mut buffer: Vec<(usize, usize, Ipv4Addr)>,
) -> NodeOutcome {
    buffer.clear();
    let Booted {
        enis,
        total,
        shortfall,
        pinned,
    } = booted;
    let pinned = ws
        .pinned
        .get_mut(pinned as usize)
        .map(std::mem::take)
        .unwrap_or_default();
    buffer.extend_from_slice(&pinned);
    let shortfall = shortfall.get();
    ws.recycle();
    ws.booted.load(enis, &mut ws.enis, &mut ws.spare);
    let enis = std::mem::take(&mut ws.enis);
    // Pods still to place: the unpinned ones and the pins that found no ENI.
    let queued = need.saturating_sub(pinned.len() as u32);
    // Warm addresses taken at start that these pods now use: PodAssigned from here.
    let warm_used = queued.min(total.saturating_sub(pinned.len() as u32));
    let mut st = State {
        spec,
        observed: enis.iter().any(|e| e.observed.is_some()),
        pools,
        list: Bufs {
            enis,
            spare: &mut ws.spare,
        },
        total,
        need,
        to_assign: queued - warm_used,
    };
    if !spec.prefixes && warm_used > 0 {
        if let Some(pool) = st.pool() {
            pool.retag(Holder::Warm, Holder::PodAssigned, warm_used);
        }
    }
    let mut out = NodeOutcome {
        assigned: buffer,
        shortfall,
        queued,
    };
    if let Err(c) = st.fill() {
        out.shortfall.get_or_insert(c);
    }
    ws.enis = st.list.enis;
    out
}
