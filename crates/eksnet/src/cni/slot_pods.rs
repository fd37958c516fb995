//! The pod of each slot, derived as it is read ([`SlotPods`]).
//!
//! A node's pods that need an address of their own (not host-network, not
//! pinned in a slot), in the order they were placed, take its free slots in ENI
//! order, lowest first; so the `k`-th free slot of a node holds the `k`-th of
//! them (see [`super::NodeStore`]). An ENI's slots' pods are read off its node's
//! gathered pods ([`NodeQueue`]) and its pinned pods' slots, with no array of
//! slots: the `k`-th free slot is found by counting, from the node's first slot,
//! the slots before it less the pinned ones among them.

use super::eni_arena::NONE;
use super::node_pods::HOST_NETWORK;

/// What a node's slots' pods are derived from.
#[derive(Debug, Clone, Copy)]
pub(super) struct NodeQueue<'a> {
    /// The node's pods in the order placed ([`HOST_NETWORK`] noted in each).
    pub list: &'a [u32],
    /// `(slot, pod)` of its pinned pods' slots, by slot.
    pub pins: &'a [(u32, u32)],
    /// Its first slot (in the arena's numbering).
    pub first: u32,
}

impl<'a> NodeQueue<'a> {
    /// The pods of the node's slots `start..start + len`.
    pub(super) fn slots(&self, (start, len): (u32, u32)) -> SlotPods<'a> {
        let before = self.pins.partition_point(|&(at, _)| at < start);
        let mut d = SlotPods {
            slot: start,
            end: start.saturating_add(len),
            pins: self.pins.get(before..).unwrap_or(&[]),
            list: self.list,
            node_pins: self.pins,
        };
        // The free slots before `start` took the node's first pods.
        let free_before = (start.saturating_sub(self.first) as usize).saturating_sub(before);
        for _ in 0..free_before {
            if d.next_queued() == NONE {
                break;
            }
        }
        d
    }
}

/// The pods of a run of a node's slots, one per slot ([`NONE`]: none), read
/// off the node's pods (see the module docs).
#[derive(Debug, Clone, Copy)]
pub(super) struct SlotPods<'a> {
    /// The next slot and the end of the run.
    slot: u32,
    end: u32,
    /// The pinned pods' slots from `slot` on.
    pins: &'a [(u32, u32)],
    /// The node's pods not yet given a slot (nor skipped).
    list: &'a [u32],
    /// Every pinned pod of the node (they take no free slot).
    node_pins: &'a [(u32, u32)],
}

impl SlotPods<'_> {
    /// The node's next pod that takes a free slot, or [`NONE`].
    fn next_queued(&mut self) -> u32 {
        while let Some((&p, rest)) = self.list.split_first() {
            self.list = rest;
            if p & HOST_NETWORK == 0 && !self.node_pins.iter().any(|&(_, q)| q == p) {
                return p;
            }
        }
        NONE
    }

    /// The first `n` slots' pods alone (fewer if there are fewer).
    pub(super) fn first(mut self, n: u32) -> Self {
        self.end = self.end.min(self.slot.saturating_add(n));
        self
    }

    /// The first `n` slots' pods (fewer if there are fewer); `self` goes on
    /// after them.
    pub(super) fn split_off(&mut self, n: u32) -> Self {
        let mut head = *self;
        head.end = self.end.min(self.slot.saturating_add(n));
        for _ in self.slot..head.end {
            self.next();
        }
        head
    }
}

impl Iterator for SlotPods<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.slot >= self.end {
            return None;
        }
        let slot = self.slot;
        self.slot += 1;
        if let Some((&(at, pod), rest)) = self.pins.split_first() {
            if at == slot {
                self.pins = rest;
                return Some(pod);
            }
        }
        Some(self.next_queued())
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end.saturating_sub(self.slot) as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for SlotPods<'_> {}
