//! A node's ENIs while the simulation allocates them: [`EniBuf`], the address
//! [`Slot`]s and /28 [`PrefixBuf`]es it holds for pods, and what of it was
//! [`EniObserved`]. Once a node is done its ENIs go into the flat
//! [`super::NodeStore`], which readers see through [`super::Eni`] views.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::Serialize;

use super::eni_arena::EniArena;
use super::max_pods::IPS_PER_PREFIX;

/// ENI `eth<index>` of a node, as the allocator grows it.
#[derive(Debug, Clone)]
pub(crate) struct EniBuf {
    /// `eth<index>`; 0 is the primary ENI the instance was launched with.
    pub index: usize,
    /// Its subnet (index into `model.subnets`).
    pub subnet: usize,
    /// Its primary address: the node IP for eth0; never given to a pod.
    pub primary_ip: Ipv4Addr,
    /// Whether pods may use its addresses (not eth0 under custom networking).
    pub hosts_pods: bool,
    /// Secondary IPs (secondary-IP mode), in allocation order.
    pub slots: Vec<Slot>,
    /// /28 prefixes (prefix delegation), in allocation order.
    pub prefixes: Vec<PrefixBuf>,
    /// Observed rather than simulated (see [`EniObserved`]).
    pub observed: Option<EniObserved>,
}

/// What of an ENI was observed: its EC2 id, its first `slots` secondary addresses
/// and its first `prefixes` /28 prefixes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EniObserved {
    /// Its EC2 id as `describe-network-interfaces` gave it.
    #[serde(skip)]
    pub id: String,
    /// Secondary addresses observed.
    pub slots: u32,
    /// /28 prefixes observed.
    pub prefixes: u32,
}

impl EniBuf {
    /// ENI `eth<index>`, without addresses for pods yet.
    pub(crate) fn new(
        index: usize,
        subnet: usize,
        primary_ip: Ipv4Addr,
        hosts_pods: bool,
    ) -> EniBuf {
        EniBuf {
            index,
            subnet,
            primary_ip,
            hosts_pods,
            slots: Vec::new(),
            prefixes: Vec::new(),
            observed: None,
        }
    }

    /// Makes this ENI `eth<index>` anew, without addresses (its vectors kept for
    /// reuse).
    pub(crate) fn reset(&mut self, index: usize, subnet: usize, ip: Ipv4Addr, hosts_pods: bool) {
        self.index = index;
        self.subnet = subnet;
        self.primary_ip = ip;
        self.hosts_pods = hosts_pods;
        self.slots.clear();
        self.prefixes.clear();
        self.observed = None;
    }

    /// Addresses held for pods.
    pub fn capacity(&self) -> usize {
        self.slots.len() + self.prefixes.len() * IPS_PER_PREFIX as usize
    }
}

/// One address an ENI holds for pods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    /// The address.
    pub ip: Ipv4Addr,
    /// The pod holding it (index into `Ipam::pods`, which holds fewer than
    /// 2³² pods: see [`super::MAX_PODS`]); `None` = warm.
    pub pod: Option<u32>,
}

/// A /28 prefix delegated to an ENI, as the allocator holds it: 16 slots.
#[derive(Debug, Clone)]
pub(crate) struct PrefixBuf {
    /// The prefix.
    pub cidr: Ipv4Net,
    /// Its 16 addresses, lowest first.
    pub slots: [Slot; IPS_PER_PREFIX as usize],
}

impl PrefixBuf {
    /// The /28 `cidr`, its 16 addresses warm.
    pub(crate) fn new(cidr: Ipv4Net) -> PrefixBuf {
        let base = u32::from(cidr.network());
        PrefixBuf {
            cidr,
            slots: std::array::from_fn(|k| Slot {
                ip: Ipv4Addr::from(base + k as u32),
                pod: None,
            }),
        }
    }
}

/// A node's ENIs as the allocator's `State` ([`super::node`]) grows them: it
/// only ever attaches an ENI after the last one or adds addresses to the last
/// one. [`Bufs`] holds them slot by slot (pinned pods in their slots); an
/// arena's end holds them as runs of consecutive addresses (a node without
/// pinned pods or observed ENIs: see [`super::node_runs`]).
pub(super) trait EniList {
    /// ENIs so far.
    fn count(&self) -> usize;
    /// The last ENI: whether it hosts pods, its secondary addresses and its
    /// prefixes.
    fn last(&self) -> Option<(bool, u32, u32)>;
    /// Attaches `eth<count>` in `subnet`, primary address `ip`, hosting pods
    /// (room for `slots` secondary addresses).
    fn attach(&mut self, subnet: usize, ip: Ipv4Addr, slots: u32);
    /// Adds the `n` addresses from `first` on to the last ENI.
    fn push_run(&mut self, first: u32, n: u32);
    /// Adds the /28 `cidr` to the last ENI.
    fn push_prefix(&mut self, cidr: Ipv4Net);
}

/// A node's ENIs slot by slot, and the spare ENIs to attach new ones from (see
/// [`Workspace`]).
pub(super) struct Bufs<'a> {
    pub(super) enis: Vec<EniBuf>,
    pub(super) spare: &'a mut Vec<EniBuf>,
}

impl EniList for Bufs<'_> {
    fn count(&self) -> usize {
        self.enis.len()
    }

    fn last(&self) -> Option<(bool, u32, u32)> {
        let e = self.enis.last()?;
        Some((e.hosts_pods, e.slots.len() as u32, e.prefixes.len() as u32))
    }

    fn attach(&mut self, subnet: usize, ip: Ipv4Addr, slots: u32) {
        let index = self.enis.len();
        let mut eni = self
            .spare
            .pop()
            .unwrap_or_else(|| EniBuf::new(index, subnet, ip, true));
        eni.reset(index, subnet, ip, true);
        eni.slots.reserve(slots as usize);
        self.enis.push(eni);
    }

    fn push_run(&mut self, first: u32, n: u32) {
        if let Some(eni) = self.enis.last_mut() {
            eni.slots.extend((0..n).map(|j| Slot {
                ip: Ipv4Addr::from(first + j),
                pod: None,
            }));
        }
    }

    fn push_prefix(&mut self, cidr: Ipv4Net) {
        if let Some(eni) = self.enis.last_mut() {
            eni.prefixes.push(PrefixBuf::new(cidr));
        }
    }
}

/// What the allocator reuses from node to node: ENIs (and their slot vectors)
/// rather than new ones per node, and where booted nodes wait for their pods.
#[derive(Debug, Default)]
pub(crate) struct Workspace {
    /// The ENIs of booted nodes, until [`super::node::finish`].
    pub(super) booted: EniArena,
    /// The node at hand's ENIs, eth0 first (after [`super::node::finish`]: the node's result).
    pub enis: Vec<EniBuf>,
    /// ENIs to reuse.
    pub(super) spare: Vec<EniBuf>,
    /// The pinned pods placed on booted nodes, `(pod, eni index, address)`, a
    /// list per node that placed any (see [`super::node::Booted`]).
    pub(super) pinned: Vec<Vec<(usize, usize, Ipv4Addr)>>,
    /// The fills of the node shapes seen (see [`super::stamp`]).
    pub(super) stamps: super::stamp::Stamps,
}

impl Workspace {
    /// A workspace for about `nodes` nodes.
    pub(crate) fn with_capacity(nodes: usize) -> Workspace {
        Workspace {
            booted: EniArena::with_capacity(nodes),
            ..Workspace::default()
        }
    }

    /// An ENI from the spares (or a new one), reset to `eth<index>`.
    pub(crate) fn eni(
        &mut self,
        index: usize,
        subnet: usize,
        ip: Ipv4Addr,
        hosts_pods: bool,
    ) -> EniBuf {
        let mut e = self
            .spare
            .pop()
            .unwrap_or_else(|| EniBuf::new(index, subnet, ip, hosts_pods));
        e.reset(index, subnet, ip, hosts_pods);
        e
    }

    /// Every ENI of the node at hand back to the spares.
    pub(crate) fn recycle(&mut self) {
        self.spare.append(&mut self.enis);
    }
}
