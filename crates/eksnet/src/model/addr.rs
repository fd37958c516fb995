//! Address accounting of one subnet.
//!
//! A [`SubnetPool`] knows every IPv4 address of a subnet and who holds it: AWS's
//! five reserved addresses (network, +1 VPC router, +2 DNS, +3 reserved, broadcast),
//! EKS-owned ENIs, node primary IPs, further ENI primaries, pod secondary IPs and
//! /28 prefixes. Allocation is lowest-free-first and deterministic. Memory is one
//! bit per address (a /16 takes 8 KiB), and the next-free search resumes from a
//! cursor, so filling a subnet is linear in its size overall.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::Serialize;

/// Who holds an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Holder {
    /// One of AWS's five reserved addresses.
    Reserved,
    /// An EKS-owned (control-plane) ENI.
    EksEni,
    /// A node's primary IP (its eth0 primary address).
    NodePrimary,
    /// The primary IP of a secondary ENI (eth1, eth2, ...), which hosts no pod.
    EniPrimary,
    /// A secondary IP assigned to a running pod.
    PodAssigned,
    /// A secondary IP held warm by the CNI, no pod yet.
    Warm,
    /// An address inside a /28 prefix delegated to an ENI.
    Prefix,
    /// A load balancer's ENI, a NAT gateway, or anything else of the user's.
    Other,
    /// Inside a subnet CIDR reservation and not assigned: EC2 gives it to nothing
    /// automatically (a `prefix` reservation only as a delegated prefix).
    CidrReservation,
    /// An interface VPC endpoint's network interface.
    VpcEndpoint,
}

/// Largest subnet the pool tracks address by address (a /8). Larger blocks are
/// refused by the model before a pool is made.
pub const MAX_POOL_PREFIX: u8 = 8;

/// The addresses of one IPv4 subnet.
#[derive(Debug, Clone)]
pub struct SubnetPool {
    net: Ipv4Net,
    bits: Vec<u64>,
    cursor: u32,
    used: u32,
    counts: [u32; 10],
    /// Addresses of `prefix` CIDR reservations not yet delegated (empty when the
    /// subnet has none): prefix delegation may take them, nothing else.
    prefix_only: Vec<u64>,
}

fn holder_index(h: Holder) -> usize {
    match h {
        Holder::Reserved => 0,
        Holder::EksEni => 1,
        Holder::NodePrimary => 2,
        Holder::EniPrimary => 3,
        Holder::PodAssigned => 4,
        Holder::Warm => 5,
        Holder::Prefix => 6,
        Holder::Other => 7,
        Holder::CidrReservation => 8,
        Holder::VpcEndpoint => 9,
    }
}

const HOLDERS: [Holder; 10] = [
    Holder::Reserved,
    Holder::EksEni,
    Holder::NodePrimary,
    Holder::EniPrimary,
    Holder::PodAssigned,
    Holder::Warm,
    Holder::Prefix,
    Holder::Other,
    Holder::CidrReservation,
    Holder::VpcEndpoint,
];

/// The address ledger: who holds each address of every subnet once every stage
/// has taken its share.
///
/// The model is immutable once built; its own pools hold what the build placed (AWS's
/// reserved addresses, NAT gateways, EKS-owned ENIs, node primaries, clients). The
/// VPC CNI simulation starts a ledger from those pools and takes the pods' addresses,
/// warm IPs and prefixes; the load-balancer stage then takes its nodes' addresses.
/// [`crate::Analysis::addresses`] holds the result, which the checks and the subnet
/// views read.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    pools: Vec<Option<SubnetPool>>,
}

impl Ledger {
    /// A ledger starting from the model's pools (one per subnet, `None` where the
    /// subnet's CIDR is unusable).
    pub fn new(pools: &[Option<SubnetPool>]) -> Self {
        Ledger {
            pools: pools.to_vec(),
        }
    }

    /// The pool of subnet `subnet` (an index into `Model::subnets`).
    pub fn pool(&self, subnet: usize) -> Option<&SubnetPool> {
        self.pools.get(subnet).and_then(Option::as_ref)
    }

    /// The pool of subnet `subnet`, to take addresses from.
    pub fn pool_mut(&mut self, subnet: usize) -> Option<&mut SubnetPool> {
        self.pools.get_mut(subnet).and_then(Option::as_mut)
    }

    /// Every pool, parallel to `Model::subnets`.
    pub fn pools(&self) -> &[Option<SubnetPool>] {
        &self.pools
    }

    /// Every pool, to take addresses from.
    pub(crate) fn pools_mut(&mut self) -> &mut [Option<SubnetPool>] {
        &mut self.pools
    }
}

/// Per-holder counts of a subnet, for its accounting table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Accounting {
    /// Addresses in the subnet.
    pub total: u32,
    /// Addresses no one holds.
    pub free: u32,
    /// `(holder, count)` for every holder with a non-zero count.
    pub held: Vec<(Holder, u32)>,
}

impl SubnetPool {
    /// A pool for `net` with AWS's five reserved addresses taken. Subnets smaller
    /// than a /28 (AWS's minimum) or larger than a /8 get `None`.
    pub fn new(net: Ipv4Net) -> Option<SubnetPool> {
        let net = net.trunc();
        if net.prefix_len() > 28 || net.prefix_len() < MAX_POOL_PREFIX {
            return None;
        }
        let size = 1u64 << (32 - net.prefix_len());
        let mut pool = SubnetPool {
            net,
            bits: vec![0; size.div_ceil(64) as usize],
            cursor: 0,
            used: 0,
            counts: [0; 10],
            prefix_only: Vec::new(),
        };
        let last = (size - 1) as u32;
        for off in [0, 1, 2, 3, last] {
            pool.mark(off, Holder::Reserved);
        }
        Some(pool)
    }

    /// The subnet.
    pub fn net(&self) -> Ipv4Net {
        self.net
    }

    /// Number of addresses in the subnet.
    pub fn size(&self) -> u32 {
        (1u64 << (32 - self.net.prefix_len())) as u32
    }

    /// Addresses no one holds.
    pub fn free(&self) -> u32 {
        self.size() - self.used
    }

    /// Addresses held by `h`.
    pub fn count(&self, h: Holder) -> u32 {
        self.counts[holder_index(h)]
    }

    /// The accounting table.
    pub fn accounting(&self) -> Accounting {
        Accounting {
            total: self.size(),
            free: self.free(),
            held: HOLDERS
                .iter()
                .map(|&h| (h, self.count(h)))
                .filter(|&(_, n)| n > 0)
                .collect(),
        }
    }

    fn offset(&self, ip: Ipv4Addr) -> Option<u32> {
        if self.net.contains(&ip) {
            Some(u32::from(ip) - u32::from(self.net.network()))
        } else {
            None
        }
    }

    fn addr(&self, off: u32) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.net.network()) + off)
    }

    fn is_set(&self, off: u32) -> bool {
        self.bits
            .get((off / 64) as usize)
            .is_some_and(|w| w & (1 << (off % 64)) != 0)
    }

    fn mark(&mut self, off: u32, h: Holder) {
        if let Some(w) = self.bits.get_mut((off / 64) as usize) {
            if *w & (1 << (off % 64)) == 0 {
                *w |= 1 << (off % 64);
                self.used += 1;
                self.counts[holder_index(h)] += 1;
            }
        }
    }

    /// Whether `ip` is in the subnet and nobody holds it.
    pub fn is_free(&self, ip: Ipv4Addr) -> bool {
        self.offset(ip).is_some_and(|o| !self.is_set(o))
    }

    /// Whether `ip` is one of AWS's five reserved addresses of this subnet.
    pub fn is_reserved(&self, ip: Ipv4Addr) -> bool {
        match self.offset(ip) {
            Some(o) => o <= 3 || o == self.size() - 1,
            None => false,
        }
    }

    /// Takes `ip` for `h`. Fails (returns `false`) if it is outside the subnet or
    /// already held.
    pub fn take(&mut self, ip: Ipv4Addr, h: Holder) -> bool {
        match self.offset(ip) {
            Some(o) if !self.is_set(o) => {
                self.mark(o, h);
                true
            }
            _ => false,
        }
    }

    /// Takes the lowest free address for `h`.
    pub fn take_next(&mut self, h: Holder) -> Option<Ipv4Addr> {
        let size = self.size();
        let mut word = (self.cursor / 64) as usize;
        while word < self.bits.len() {
            let w = self.bits[word];
            if w != u64::MAX {
                let bit = (!w).trailing_zeros();
                let off = word as u32 * 64 + bit;
                if off >= size {
                    return None;
                }
                self.mark(off, h);
                self.cursor = off;
                return Some(self.addr(off));
            }
            word += 1;
        }
        None
    }

    /// Takes the lowest free address for `h` and the free addresses right after it,
    /// `n` at most (`n` ≥ 1): the same addresses, in the same order, as up to `n`
    /// calls of [`SubnetPool::take_next`] that stay consecutive. Returns the first
    /// address and how many were taken; `None` when no address is free.
    pub fn take_run(&mut self, n: u32, h: Holder) -> Option<(Ipv4Addr, u32)> {
        let first = self.take_next(h)?;
        let size = self.size();
        let mut off = self.cursor + 1;
        let mut got = 1;
        // A word at a time: the free bits from `off` up, as many as wanted.
        while got < n && off < size {
            let bit = off % 64;
            let Some(w) = self.bits.get_mut((off / 64) as usize) else {
                break;
            };
            let k = ((!*w) >> bit).trailing_ones().min(n - got).min(size - off);
            if k == 0 {
                break;
            }
            *w |= (u64::MAX >> (64 - k)) << bit;
            self.used += k;
            self.counts[holder_index(h)] += k;
            got += k;
            off += k;
        }
        self.cursor = off - 1;
        Some((first, got))
    }

    /// Takes the `k` addresses from the lowest free one on (as
    /// [`SubnetPool::take_next`] finds it), if all `k` are free and in the
    /// subnet, counting `held[j].1` of them for `held[j].0` (the counts sum to
    /// `k`): what any sequence of [`SubnetPool::take_next`] and
    /// [`SubnetPool::take_run`] calls taking `k` addresses in all takes when
    /// those are free, each call taking the addresses right after the last.
    /// Returns the first address; `None` (nothing taken) when they are not all
    /// free.
    pub fn take_span(&mut self, k: u32, held: &[(Holder, u32)]) -> Option<Ipv4Addr> {
        let size = self.size();
        let mut word = (self.cursor / 64) as usize;
        let first = loop {
            let w = *self.bits.get(word)?;
            if w != u64::MAX {
                break word as u32 * 64 + (!w).trailing_zeros();
            }
            word += 1;
        };
        let end = first.checked_add(k).filter(|&e| e <= size)?;
        if k == 0 {
            return Some(self.addr(first));
        }
        // Every bit of `first..end` clear, a word at a time; then set.
        let mut off = first;
        while off < end {
            let (bit, n) = (off % 64, (end - off).min(64 - off % 64));
            let mask = (u64::MAX >> (64 - n)) << bit;
            if self.bits.get((off / 64) as usize)? & mask != 0 {
                return None;
            }
            off += n;
        }
        let mut off = first;
        while off < end {
            let (bit, n) = (off % 64, (end - off).min(64 - off % 64));
            if let Some(w) = self.bits.get_mut((off / 64) as usize) {
                *w |= (u64::MAX >> (64 - n)) << bit;
            }
            off += n;
        }
        self.used += k;
        for &(h, n) in held {
            self.counts[holder_index(h)] += n;
        }
        self.cursor = end - 1;
        Some(self.addr(first))
    }

    /// The 16 bits of block `b` that prefix delegation cannot take: held, and not
    /// merely reserved for prefixes.
    fn block_taken(&self, b: u32) -> u64 {
        let word = (b * 16 / 64) as usize;
        let shift = (b * 16) % 64;
        let w = self.bits.get(word).copied().unwrap_or(u64::MAX);
        let r = self.prefix_only.get(word).copied().unwrap_or(0);
        ((w & !r) >> shift) & 0xFFFF
    }

    /// Takes the lowest /28 whose 16 addresses are all free (or reserved for
    /// prefixes by a `prefix` CIDR reservation), for a delegated prefix. `None` when
    /// no such aligned /28 is left (EC2's `InsufficientCidrBlocks`), even if 16 or
    /// more scattered addresses are free.
    pub fn take_prefix28(&mut self) -> Option<Ipv4Net> {
        let blocks = self.size() / 16;
        let b = (0..blocks).find(|&b| self.block_taken(b) == 0)?;
        for off in b * 16..b * 16 + 16 {
            let (word, bit) = ((off / 64) as usize, 1u64 << (off % 64));
            match self.prefix_only.get_mut(word) {
                Some(r) if *r & bit != 0 => {
                    *r &= !bit;
                    self.retag(Holder::CidrReservation, Holder::Prefix, 1);
                }
                _ => self.mark(off, Holder::Prefix),
            }
        }
        self.cursor = self.cursor.min(b * 16);
        Ipv4Net::new(self.addr(b * 16), 28).ok()
    }

    /// Aligned /28 blocks prefix delegation could still take (see
    /// [`SubnetPool::take_prefix28`]).
    pub fn free_blocks28(&self) -> u32 {
        (0..self.size() / 16)
            .filter(|&b| self.block_taken(b) == 0)
            .count() as u32
    }

    /// Reserves `net` (a subnet CIDR reservation): its free addresses become
    /// [`Holder::CidrReservation`], which nothing automatic takes; with `for_prefixes`
    /// (a `prefix` reservation) prefix delegation still may. Returns how many
    /// addresses it reserved (those of `net` inside the subnet and not held already).
    pub fn reserve(&mut self, net: Ipv4Net, for_prefixes: bool) -> u32 {
        let net = net.trunc();
        let (first, last) = (u32::from(net.network()), u32::from(net.broadcast()));
        let mut n = 0;
        for a in first..=last {
            let Some(off) = self.offset(Ipv4Addr::from(a)) else {
                continue;
            };
            if self.is_set(off) {
                continue;
            }
            self.mark(off, Holder::CidrReservation);
            n += 1;
            if for_prefixes {
                if self.prefix_only.is_empty() {
                    self.prefix_only = vec![0; self.bits.len()];
                }
                if let Some(r) = self.prefix_only.get_mut((off / 64) as usize) {
                    *r |= 1 << (off % 64);
                }
            }
        }
        n
    }

    /// Whether the address at offset `off` is held (read-only view for the
    /// address map).
    pub fn is_held_offset(&self, off: u32) -> bool {
        self.is_set(off)
    }

    /// Whether the address at offset `off` is reserved for prefixes only (a
    /// `prefix` CIDR reservation, not yet delegated).
    pub fn is_prefix_only_offset(&self, off: u32) -> bool {
        self.prefix_only
            .get((off / 64) as usize)
            .is_some_and(|w| w & (1 << (off % 64)) != 0)
    }

    /// Moves `n` addresses' count from holder `from` to holder `to` (a warm IP
    /// given to a pod stays the same address; only who holds it changes). Moves at
    /// most what `from` holds.
    pub fn retag(&mut self, from: Holder, to: Holder, n: u32) {
        let n = n.min(self.count(from));
        self.counts[holder_index(from)] -= n;
        self.counts[holder_index(to)] += n;
    }

    /// Releases `ip` (e.g. a warm IP returned to EC2).
    pub fn release(&mut self, ip: Ipv4Addr, h: Holder) {
        if let Some(off) = self.offset(ip) {
            if let Some(w) = self.bits.get_mut((off / 64) as usize) {
                if *w & (1 << (off % 64)) != 0 {
                    *w &= !(1 << (off % 64));
                    self.used -= 1;
                    let c = &mut self.counts[holder_index(h)];
                    *c = c.saturating_sub(1);
                    self.cursor = self.cursor.min(off);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(s: &str) -> SubnetPool {
        SubnetPool::new(s.parse().unwrap()).unwrap()
    }

    #[test]
    fn five_reserved_addresses() {
        let p = pool("10.0.0.0/24");
        assert_eq!(p.free(), 251);
        for ip in ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.255"] {
            assert!(p.is_reserved(ip.parse().unwrap()), "{ip}");
        }
        assert!(!p.is_reserved("10.0.0.4".parse().unwrap()));
    }

    #[test]
    fn lowest_first_and_exhaustion() {
        let mut p = pool("10.0.0.0/28");
        assert_eq!(p.free(), 11);
        assert_eq!(
            p.take_next(Holder::NodePrimary),
            Some("10.0.0.4".parse().unwrap())
        );
        for _ in 0..10 {
            assert!(p.take_next(Holder::Warm).is_some());
        }
        assert_eq!(p.take_next(Holder::Warm), None);
        assert_eq!(p.count(Holder::Warm), 10);
    }

    #[test]
    fn prefix_needs_a_clean_aligned_block() {
        let mut p = pool("10.0.0.0/27");
        // First /28 has reserved addresses, second has the broadcast.
        assert_eq!(p.take_prefix28(), None);
        let mut p = pool("10.0.0.0/26");
        assert_eq!(p.take_prefix28(), Some("10.0.0.16/28".parse().unwrap()));
        assert_eq!(p.take_prefix28(), Some("10.0.0.32/28".parse().unwrap()));
        // One address in the last block makes it unusable.
        let mut p2 = pool("10.0.0.0/26");
        assert!(p2.take("10.0.0.20".parse().unwrap(), Holder::Other));
        assert!(p2.take("10.0.0.40".parse().unwrap(), Holder::Other));
        assert_eq!(p2.take_prefix28(), None);
        assert!(p2.free() >= 16);
    }

    #[test]
    fn runs_are_consecutive_take_nexts() {
        // Holes and a full tail: a run stops at a held address and at the end.
        let holes = ["10.0.0.9", "10.0.0.10", "10.0.0.40", "10.0.0.62"];
        for n in [1, 2, 3, 7, 16, 100] {
            let (mut a, mut b) = (pool("10.0.0.0/26"), pool("10.0.0.0/26"));
            for ip in holes {
                assert!(a.take(ip.parse().unwrap(), Holder::Other));
                assert!(b.take(ip.parse().unwrap(), Holder::Other));
            }
            let mut runs = Vec::new();
            while let Some((first, got)) = a.take_run(n, Holder::Warm) {
                assert!((1..=n).contains(&got));
                runs.extend((0..got).map(|k| Ipv4Addr::from(u32::from(first) + k)));
            }
            let mut singles = Vec::new();
            while let Some(ip) = b.take_next(Holder::Warm) {
                singles.push(ip);
            }
            assert_eq!(runs, singles, "n = {n}");
            assert_eq!(a.count(Holder::Warm), b.count(Holder::Warm));
            assert_eq!(a.free(), 0);
        }
    }

    #[test]
    fn runs_across_words_are_consecutive_take_nexts() {
        // Holes at and around the 64-address words' edges of a /23, and runs
        // shorter and longer than a word.
        let holes = [63u32, 64, 127, 130, 191, 192, 193, 300, 447, 448, 510];
        for n in [1, 2, 5, 63, 64, 65, 130, 600] {
            let (mut a, mut b) = (pool("10.0.0.0/23"), pool("10.0.0.0/23"));
            for off in holes {
                let ip = Ipv4Addr::from(u32::from(Ipv4Addr::new(10, 0, 0, 0)) + off);
                assert!(a.take(ip, Holder::Other));
                assert!(b.take(ip, Holder::Other));
            }
            let mut runs = Vec::new();
            while let Some((first, got)) = a.take_run(n, Holder::Warm) {
                assert!((1..=n).contains(&got));
                runs.extend((0..got).map(|k| Ipv4Addr::from(u32::from(first) + k)));
                // A short run stops at a held address (or the subnet's end).
                let next = Ipv4Addr::from(u32::from(first) + got);
                if got < n && a.net().contains(&next) {
                    assert!(!a.is_free(next), "n = {n}: run stops before {next}");
                }
            }
            let mut singles = Vec::new();
            while let Some(ip) = b.take_next(Holder::Warm) {
                singles.push(ip);
            }
            assert_eq!(runs, singles, "n = {n}");
            assert_eq!(a.count(Holder::Warm), b.count(Holder::Warm));
            assert_eq!((a.free(), b.free()), (0, 0));
        }
    }

    #[test]
    fn take_and_release() {
        let mut p = pool("10.0.0.0/24");
        let ip = "10.0.0.9".parse().unwrap();
        assert!(p.take(ip, Holder::PodAssigned));
        assert!(!p.take(ip, Holder::PodAssigned));
        assert!(!p.take("10.0.1.1".parse().unwrap(), Holder::PodAssigned));
        p.release(ip, Holder::PodAssigned);
        assert!(p.is_free(ip));
        assert_eq!(p.count(Holder::PodAssigned), 0);
    }
}
