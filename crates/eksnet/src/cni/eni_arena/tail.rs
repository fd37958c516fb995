//! A node's ENIs grown in place at the arena's end, as runs of consecutive
//! addresses and /28 prefixes, never slot by slot: the allocator's path for a
//! node with no pinned pod and no observed ENI (see [`crate::cni::node_runs`]).
//!
//! Only the last ENI ever grows (the allocator attaches an ENI after the last
//! one, or adds addresses to the last one), and an ENI's runs, prefixes and
//! slots end where the next one's start, so growing the arena's last ENI is
//! pushing onto the arena's ends. A run that continues the last ENI's last one
//! joins it, as [`super::runs_of`] would have joined the slots.

use std::net::Ipv4Addr;

use super::{EniArena, Packed, HOSTS_PODS, OBSERVED};
use crate::cni::max_pods::IPS_PER_PREFIX;

impl EniArena {
    /// Starts ENI `eth<index>` at the arena's end, without addresses.
    pub(crate) fn push_eni(&mut self, index: usize, subnet: usize, ip: Ipv4Addr, hosts_pods: bool) {
        self.enis.push(Packed {
            primary_ip: u32::from(ip),
            subnet: subnet as u32,
            index: index as u32,
            runs: self.runs.len() as u32,
            prefixes: self.prefixes.len() as u32,
            pods: self.slots,
            assigned: 0,
            flags: if hosts_pods { HOSTS_PODS } else { 0 },
        });
    }

    /// The arena's last ENI: whether it hosts pods, its secondary addresses
    /// and its prefixes.
    pub(crate) fn last_counts(&self) -> Option<(bool, u32, u32)> {
        let p = self.enis.last()?;
        let prefixes = (self.prefixes.len() as u32).saturating_sub(p.prefixes);
        let held = self.slots.saturating_sub(p.pods);
        let slots = held.saturating_sub(prefixes.saturating_mul(IPS_PER_PREFIX));
        Some((p.flags & HOSTS_PODS != 0, slots, prefixes))
    }

    /// Adds the `n` addresses from `first` on to the arena's last ENI.
    pub(crate) fn push_run(&mut self, first: u32, n: u32) {
        let Some(own) = self.enis.last().map(|p| p.runs as usize) else {
            return;
        };
        let mine = self.runs.len() > own;
        match self.runs.last_mut() {
            Some(r) if mine && r.0.checked_add(r.1) == Some(first) => r.1 += n,
            _ => self.runs.push((first, n)),
        }
        self.slots += n;
    }

    /// Adds the /28 from `base` on to the arena's last ENI.
    pub(crate) fn push_prefix(&mut self, base: u32) {
        if self.enis.is_empty() {
            return;
        }
        self.prefixes.push(base);
        self.slots += IPS_PER_PREFIX;
    }

    /// Whether the ENIs at `at` hold no pinned pod and none was observed (they
    /// can be copied by [`EniArena::copy_plain`]).
    pub(crate) fn plain(&self, (first, count): (u32, u32)) -> bool {
        let (s, l) = (first as usize, count as usize);
        let Some(enis) = self.enis.get(s..s.saturating_add(l)) else {
            return false;
        };
        if enis.iter().any(|p| p.flags & OBSERVED != 0) {
            return false;
        }
        let start = enis.first().map_or(self.slots, |p| p.pods);
        let end = self.enis.get(s + l).map_or(self.slots, |p| p.pods);
        let a = self.pins.partition_point(|&(at, _)| at < start);
        self.pins.get(a).is_none_or(|&(at, _)| at >= end)
    }

    /// Copies the ENIs at `at` of `from` ([`EniArena::plain`] there) to the
    /// arena's end, where they can grow on; returns where the first is.
    pub(crate) fn copy_plain(&mut self, from: &EniArena, at: (u32, u32)) -> u32 {
        let first = self.enis.len() as u32;
        for r in from.recs(at) {
            self.push_eni(
                r.index as usize,
                r.subnet as usize,
                Ipv4Addr::from(r.primary_ip),
                r.hosts_pods,
            );
            self.runs.extend_from_slice(super::part(&from.runs, r.runs));
            self.prefixes
                .extend_from_slice(super::part(&from.prefixes, r.prefixes));
            self.slots += r.pod_range().1;
        }
        first
    }

    /// Gives `queued` pods the slots of the ENIs from `first` to the arena's
    /// end, in ENI order (none holds a pinned pod): how many each then holds,
    /// as [`EniArena::push_pinned`] counts them.
    pub(crate) fn hand_queued(&mut self, first: u32, mut queued: u32) {
        let end = self.slots;
        let n = self.enis.len();
        for e in first as usize..n {
            let start = self.enis.get(e).map_or(end, |p| p.pods);
            let stop = self.enis.get(e + 1).map_or(end, |p| p.pods);
            let handed = stop.saturating_sub(start).min(queued);
            queued -= handed;
            if let Some(p) = self.enis.get_mut(e) {
                p.assigned = handed;
            }
        }
    }

    /// The addresses the ENIs from `first` to the arena's end hold for pods,
    /// and their prefixes.
    pub(crate) fn held_from(&self, first: u32) -> (u32, u32) {
        match self.enis.get(first as usize) {
            Some(p) => (
                self.slots.saturating_sub(p.pods),
                (self.prefixes.len() as u32).saturating_sub(p.prefixes),
            ),
            None => (0, 0),
        }
    }
}
