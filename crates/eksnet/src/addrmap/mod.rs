//! The subnet address map: every IPv4 address of every subnet, by owner, and each
//! subnet as its aligned /28 blocks.
//!
//! EC2's `DescribeSubnets` reports only a count of free addresses, while prefix
//! delegation needs a free, *aligned* /28 (EC2 answers `InsufficientCidrBlocks`
//! otherwise, even with free addresses left; the VPC CNI's
//! `docs/prefix-and-ip-target.md`). The map shows both: who holds each address
//! ([`Owner`]), and each /28 of the subnet as free, partly used (fragmented), full,
//! a delegated prefix, or reserved ([`BlockKind`]), with the two counts that matter:
//! free addresses and free aligned /28s.
//!
//! It is built from an [`Analysis`]: AWS's five reserved addresses (the first four and
//! the last), subnet CIDR reservations, NAT gateways, EKS-owned ENIs, node primaries
//! and kubectl clients from the [`crate::Model`]; ENI primaries, pods' secondary IPs,
//! warm IPs and delegated /28 prefixes from the CNI's [`crate::cni::Ipam`]; load
//! balancers' addresses from [`crate::lb::LoadBalancing`]; anything else the address
//! [`Ledger`](crate::model::Ledger) holds counts as [`Owner::Other`]. Interface VPC
//! endpoints' network interfaces are the model's ([`Owner::VpcEndpoint`]).
//!
//! [`forecast`] says, per subnet, how many more nodes of each node group and how many
//! more pods it can take before something stops, and what stops first.
//!
//! Built for scale: one byte per address, one pass over the owners and one over the
//! blocks (the 100,000-node generated cluster's map in well under a second; `scripts/dev
//! bench` times it).
//!
//! ```
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let map = eksnet::addrmap::build(&a);
//! let s = &map.subnets[0];
//! assert_eq!(s.id, "subnet-a");
//! // Every address is accounted for, by exactly one owner.
//! assert_eq!(s.counts.iter().map(|c| c.1).sum::<u32>(), s.total);
//! assert_eq!(s.blocks.len() as u32, s.total / 16);
//! ```

mod detail;
pub mod forecast;
#[cfg(test)]
mod tests;

use ipnet::Ipv4Net;
use serde::Serialize;

use crate::cni::Placement;
use crate::model::ClientAt;
use crate::scenario::ReservationType;
use crate::{text, Analysis, Text};

pub use detail::{block_detail, subnet_detail, AddressDetail};
pub use forecast::{Forecast, GroupForecast, PodForecast, Stop};

/// Who holds an address (one byte each in the map).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[repr(u8)]
pub enum Owner {
    /// No one: EC2 can assign it.
    Free = 0,
    /// AWS's reserved addresses: network, VPC router, DNS, future use, broadcast.
    AwsReserved,
    /// An EKS-owned (cross-account control-plane) ENI.
    EksEni,
    /// A node's primary IP (eth0's primary address).
    NodePrimary,
    /// The primary address of a node's further ENI (eth1, eth2, ...).
    EniPrimary,
    /// A pod's secondary IP (or a Fargate pod's address).
    Pod,
    /// A secondary IP the CNI holds warm, no pod yet.
    Warm,
    /// A pod's address inside a delegated /28 prefix.
    PrefixPod,
    /// An address of a delegated /28 prefix with no pod yet.
    PrefixSpare,
    /// A load balancer's ENI (one per subnet it is in).
    LoadBalancer,
    /// A NAT gateway's ENI.
    NatGateway,
    /// An interface VPC endpoint's network interface (one per subnet it is in).
    VpcEndpoint,
    /// In a `prefix` subnet CIDR reservation, not delegated yet.
    ReservedPrefix,
    /// In an `explicit` subnet CIDR reservation, not assigned.
    ReservedExplicit,
    /// Anything else that holds an address (a kubectl client's instance, ...).
    Other,
}

/// Every owner, in code order (the map's legend order).
pub const OWNERS: [Owner; 15] = [
    Owner::Free,
    Owner::AwsReserved,
    Owner::EksEni,
    Owner::NodePrimary,
    Owner::EniPrimary,
    Owner::Pod,
    Owner::Warm,
    Owner::PrefixPod,
    Owner::PrefixSpare,
    Owner::LoadBalancer,
    Owner::NatGateway,
    Owner::VpcEndpoint,
    Owner::ReservedPrefix,
    Owner::ReservedExplicit,
    Owner::Other,
];

impl Owner {
    fn from_u8(b: u8) -> Owner {
        OWNERS.get(usize::from(b)).copied().unwrap_or(Owner::Other)
    }

    /// Stable kebab-case name (as in JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Free => "free",
            Owner::AwsReserved => "aws-reserved",
            Owner::EksEni => "eks-eni",
            Owner::NodePrimary => "node-primary",
            Owner::EniPrimary => "eni-primary",
            Owner::Pod => "pod",
            Owner::Warm => "warm",
            Owner::PrefixPod => "prefix-pod",
            Owner::PrefixSpare => "prefix-spare",
            Owner::LoadBalancer => "load-balancer",
            Owner::NatGateway => "nat-gateway",
            Owner::VpcEndpoint => "vpc-endpoint",
            Owner::ReservedPrefix => "reserved-prefix",
            Owner::ReservedExplicit => "reserved-explicit",
            Owner::Other => "other",
        }
    }

    /// What it is, for a legend.
    pub fn label(self) -> Text {
        match self {
            Owner::Free => text!("free", "빈 주소"),
            Owner::AwsReserved => text!("reserved by AWS", "AWS 예약"),
            Owner::EksEni => text!("EKS-owned ENIs", "EKS 소유 ENI"),
            Owner::NodePrimary => text!("node IPs (eth0 primary)", "노드 IP(eth0 기본)"),
            Owner::EniPrimary => text!("other ENI primaries", "다른 ENI의 기본 주소"),
            Owner::Pod => text!("pods (secondary IPs)", "Pod(보조 IP)"),
            Owner::Warm => text!("warm IPs", "웜 IP"),
            Owner::PrefixPod => text!("pods in /28 prefixes", "/28 프리픽스의 Pod"),
            Owner::PrefixSpare => text!("unused in /28 prefixes", "/28 프리픽스의 빈 슬롯"),
            Owner::LoadBalancer => text!("load balancers", "로드 밸런서"),
            Owner::NatGateway => text!("NAT gateways", "NAT 게이트웨이"),
            Owner::VpcEndpoint => text!("VPC endpoint ENIs", "VPC 엔드포인트 ENI"),
            Owner::ReservedPrefix => {
                text!("CIDR reservation (prefix)", "CIDR 예약(prefix)")
            }
            Owner::ReservedExplicit => {
                text!("CIDR reservation (explicit)", "CIDR 예약(explicit)")
            }
            Owner::Other => text!("other", "기타"),
        }
    }
}

/// What an aligned /28 block of a subnet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// All 16 addresses free: prefix delegation can take it.
    Free,
    /// Some addresses held, some free: fragmented (no prefix fits).
    Partial,
    /// Every address held, not as one prefix.
    Full,
    /// A /28 prefix delegated to a node's ENI.
    Prefix,
    /// Only AWS-reserved or CIDR-reserved addresses (a `prefix` reservation's free
    /// /28 is still one prefix delegation can take).
    Reserved,
}

/// Every block kind, in legend order.
pub const BLOCK_KINDS: [BlockKind; 5] = [
    BlockKind::Free,
    BlockKind::Partial,
    BlockKind::Full,
    BlockKind::Prefix,
    BlockKind::Reserved,
];

impl BlockKind {
    /// Stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Free => "free",
            BlockKind::Partial => "partial",
            BlockKind::Full => "full",
            BlockKind::Prefix => "prefix",
            BlockKind::Reserved => "reserved",
        }
    }

    /// What it is, for a legend.
    pub fn label(self) -> Text {
        match self {
            BlockKind::Free => text!("free /28", "빈 /28"),
            BlockKind::Partial => text!("partly used (fragmented)", "일부 사용(조각남)"),
            BlockKind::Full => text!("full", "가득 참"),
            BlockKind::Prefix => text!("delegated /28 prefix", "위임된 /28 프리픽스"),
            BlockKind::Reserved => text!("reserved", "예약"),
        }
    }
}

/// One aligned /28 of a subnet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Free addresses in it (0–16).
    pub free: u8,
    /// The owner of most of its held addresses (`free` when none is held).
    pub owner: Owner,
    /// Prefix delegation could take it (every address free or reserved for prefixes).
    pub prefix_ok: bool,
}

/// One subnet's map.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubnetMap {
    /// Index into `model.subnets`.
    pub subnet: usize,
    /// Subnet id.
    pub id: String,
    /// Its CIDR block.
    pub cidr: Ipv4Net,
    /// Its availability zone.
    pub az: String,
    /// Addresses in the subnet.
    pub total: u32,
    /// `(owner, addresses)` for every owner with some, free included.
    pub counts: Vec<(Owner, u32)>,
    /// Free addresses (not held, not reserved): what EC2 can still assign.
    pub free: u32,
    /// Aligned /28 blocks prefix delegation can still take.
    pub free_blocks28: u32,
    /// `(kind, blocks)` for every block kind present.
    pub block_counts: Vec<(BlockKind, u32)>,
    /// Its /28 blocks, lowest first (block `i` starts at `cidr + 16 i`).
    pub blocks: Vec<Block>,
}

impl SubnetMap {
    /// Addresses held by `owner`.
    pub fn count(&self, owner: Owner) -> u32 {
        self.counts.iter().find(|c| c.0 == owner).map_or(0, |c| c.1)
    }

    /// Blocks of `kind`.
    pub fn blocks_of(&self, kind: BlockKind) -> u32 {
        self.block_counts
            .iter()
            .find(|c| c.0 == kind)
            .map_or(0, |c| c.1)
    }

    /// The CIDR of block `i`.
    pub fn block_cidr(&self, i: usize) -> Option<Ipv4Net> {
        if i >= self.blocks.len() {
            return None;
        }
        let base = u32::from(self.cidr.network()).checked_add(16 * i as u32)?;
        Ipv4Net::new(base.into(), 28).ok()
    }

    /// Share of the subnet held (AWS's reserved addresses included), 0–1.
    pub fn used_share(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        f64::from(self.total - self.free) / f64::from(self.total)
    }
}

/// The map of every subnet with a usable CIDR, in subnet order.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressMap {
    /// Per subnet.
    pub subnets: Vec<SubnetMap>,
}

impl AddressMap {
    /// The map of the subnet with `id`.
    pub fn find(&self, id: &str) -> Option<&SubnetMap> {
        self.subnets.iter().find(|s| s.id == id)
    }

    /// The fullest subnet (the largest share held; ties to the first).
    pub fn fullest(&self) -> Option<&SubnetMap> {
        self.subnets
            .iter()
            .rev()
            .max_by(|a, b| a.used_share().total_cmp(&b.used_share()))
    }
}

/// Each subnet's owner bytes, for the subnets with a pool.
struct Owners {
    nets: Vec<Option<(Ipv4Net, Vec<u8>)>>,
}

impl Owners {
    fn set(&mut self, subnet: usize, ip: std::net::Ipv4Addr, o: Owner) {
        if let Some(Some((net, bytes))) = self.nets.get_mut(subnet) {
            let off = u32::from(ip).wrapping_sub(u32::from(net.network()));
            if let Some(b) = bytes.get_mut(off as usize) {
                *b = o as u8;
            }
        }
    }
}

/// Subnet `k`'s CIDR and the owner of each of its addresses.
fn owner_bytes(a: &Analysis, k: usize) -> Option<(Ipv4Net, Vec<u8>)> {
    owners(a, Some(k)).nets.into_iter().nth(k).flatten()
}

/// Each subnet's owner bytes (only subnet `only`'s when given; see the module docs
/// for the sources).
fn owners(a: &Analysis, only: Option<usize>) -> Owners {
    let m = &a.model;
    let mut o = Owners {
        nets: a
            .addresses
            .pools()
            .iter()
            .enumerate()
            .map(|(k, p)| {
                p.as_ref()
                    .filter(|_| only.is_none_or(|o| o == k))
                    .map(|p| (p.net(), vec![0u8; p.size() as usize]))
            })
            .collect(),
    };
    for r in &m.cidr_reservations {
        let owner = match r.kind {
            ReservationType::Prefix => Owner::ReservedPrefix,
            ReservationType::Explicit => Owner::ReservedExplicit,
        };
        let (first, last) = (u32::from(r.cidr.network()), u32::from(r.cidr.broadcast()));
        for ip in first..=last {
            o.set(r.subnet, ip.into(), owner);
        }
    }
    // AWS's reserved addresses (a reservation may cover them; they stay AWS's).
    for (_, bytes) in o.nets.iter_mut().flatten() {
        let last = bytes.len().saturating_sub(1);
        for i in [0, 1, 2, 3, last] {
            if let Some(b) = bytes.get_mut(i) {
                *b = Owner::AwsReserved as u8;
            }
        }
    }
    for n in &m.vpc.nat_gateways {
        if let (Some(k), Some(ip)) = (n.subnet, n.private_ip) {
            o.set(k, ip, Owner::NatGateway);
        }
    }
    for e in &m.eks_enis {
        o.set(e.subnet, e.ip, Owner::EksEni);
    }
    for e in m.vpc.endpoints.iter().flat_map(|v| &v.enis) {
        o.set(e.subnet, e.ip, Owner::VpcEndpoint);
    }
    for n in &m.nodes {
        o.set(n.subnet, n.private_ip, Owner::NodePrimary);
    }
    for c in &m.clients {
        if let ClientAt::Subnet { subnet, ip } = c.at {
            o.set(subnet, ip, Owner::Other);
        }
    }
    for n in &a.ipam.nodes {
        for e in n.enis() {
            if e.index > 0 {
                o.set(e.subnet, e.primary_ip, Owner::EniPrimary);
            }
            for s in e.slots() {
                let w = if s.pod.is_some() {
                    Owner::Pod
                } else {
                    Owner::Warm
                };
                o.set(e.subnet, s.ip, w);
            }
            for p in e.prefixes() {
                for s in p.slots() {
                    let w = if s.pod.is_some() {
                        Owner::PrefixPod
                    } else {
                        Owner::PrefixSpare
                    };
                    o.set(e.subnet, s.ip, w);
                }
            }
        }
    }
    // Field by field: a whole pod would derive its name (millions of them).
    let pods = &a.ipam.pods;
    for i in 0..pods.len() {
        if let (Some(Placement::Fargate { .. }), Some(k), Some(ip)) =
            (pods.placement(i), pods.subnet(i), pods.ipv4(i))
        {
            o.set(k, ip, Owner::Pod);
        }
    }
    for lb in &a.lbs.load_balancers {
        for n in &lb.nodes {
            o.set(n.subnet, n.private_ip, Owner::LoadBalancer);
        }
    }
    // What the ledger holds and no one above claimed.
    for (k, slot) in o.nets.iter_mut().enumerate() {
        let (Some((_, bytes)), Some(pool)) = (slot.as_mut(), a.addresses.pool(k)) else {
            continue;
        };
        for (off, b) in bytes.iter_mut().enumerate() {
            if *b == Owner::Free as u8 && pool.is_held_offset(off as u32) {
                *b = Owner::Other as u8;
            }
        }
    }
    o
}

/// The kind of a block from its 16 owners.
fn classify(bytes: &[u8]) -> Block {
    let mut counts = [0u8; OWNERS.len()];
    for &b in bytes {
        if let Some(c) = counts.get_mut(usize::from(b)) {
            *c += 1;
        }
    }
    let n = |o: Owner| u32::from(counts[o as usize]);
    let free = n(Owner::Free);
    let len = bytes.len() as u32;
    let prefix = n(Owner::PrefixPod) + n(Owner::PrefixSpare);
    let reserved = n(Owner::AwsReserved) + n(Owner::ReservedPrefix) + n(Owner::ReservedExplicit);
    let kind = if prefix == len {
        BlockKind::Prefix
    } else if free == len {
        BlockKind::Free
    } else if reserved + free == len && free == 0 {
        BlockKind::Reserved
    } else if free == 0 {
        BlockKind::Full
    } else {
        BlockKind::Partial
    };
    let owner = (1..OWNERS.len())
        .filter(|&i| counts[i] > 0)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .map_or(Owner::Free, |i| Owner::from_u8(i as u8));
    Block {
        kind,
        free: free as u8,
        owner,
        prefix_ok: free + n(Owner::ReservedPrefix) == len,
    }
}

/// The address map of every subnet (see the module docs). Never panics.
pub fn build(a: &Analysis) -> AddressMap {
    let o = owners(a, None);
    let mut subnets = Vec::new();
    for (k, slot) in o.nets.into_iter().enumerate() {
        let (Some((cidr, bytes)), Some(sm)) = (slot, a.model.subnets.get(k)) else {
            continue;
        };
        let mut counts = [0u32; OWNERS.len()];
        for &b in &bytes {
            if let Some(c) = counts.get_mut(usize::from(b)) {
                *c += 1;
            }
        }
        let blocks: Vec<Block> = bytes.chunks_exact(16).map(classify).collect();
        let mut kinds = [0u32; BLOCK_KINDS.len()];
        for b in &blocks {
            kinds[b.kind as usize] += 1;
        }
        subnets.push(SubnetMap {
            subnet: k,
            id: sm.id.clone(),
            cidr,
            az: sm.az.clone(),
            total: bytes.len() as u32,
            counts: OWNERS
                .iter()
                .zip(counts)
                .filter(|c| c.1 > 0)
                .map(|(&o, c)| (o, c))
                .collect(),
            free: counts[Owner::Free as usize],
            free_blocks28: blocks.iter().filter(|b| b.prefix_ok).count() as u32,
            block_counts: BLOCK_KINDS
                .iter()
                .zip(kinds)
                .filter(|c| c.1 > 0)
                .map(|(&b, c)| (b, c))
                .collect(),
            blocks,
        });
    }
    AddressMap { subnets }
}
