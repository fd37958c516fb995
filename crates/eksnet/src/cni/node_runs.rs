//! The allocator's path for a node with no pinned pod and no observed ENI
//! (every node of a generated cluster): its ENIs grown as runs of consecutive
//! addresses and /28 prefixes straight at an arena's end, never slot by slot.
//!
//! Such a node's slots hold no pod while it is allocated (its pods take the
//! free slots afterwards, in order: see [`super::hand_out`]), and its ENIs
//! end up as runs in the node store anyway; the slot-by-slot path ([`Bufs`])
//! made each address a slot at boot, turned the slots into runs for the booted
//! nodes' arena, made them slots again, filled, and turned them into runs for
//! the store. Here it boots into the booted nodes' arena, its ENIs are copied
//! as runs to the store's arena when its pods come, and they grow there. The
//! same [`State`] grows them either way (only what holds the ENIs differs), so
//! the pools give the same addresses in the same order and every ENI ends with
//! the same addresses, prefixes and counts
//! (`node_runs_tests::runs_equal_slots`).
//!
//! [`Bufs`]: super::eni::Bufs

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::cause::PackedCause;
use super::eni::{EniList, Workspace};
use super::eni_arena::EniArena;
use super::ipam::NoIpCause;
use super::node::{Booted, NodeSpec, State, NO_PINS};
use crate::model::{Holder, Node, SubnetPool};

/// A node's ENIs at the end of `arena`, the first at `first`.
struct Tail<'a> {
    arena: &'a mut EniArena,
    first: usize,
}

impl EniList for Tail<'_> {
    fn count(&self) -> usize {
        self.arena.len().saturating_sub(self.first)
    }

    fn last(&self) -> Option<(bool, u32, u32)> {
        if self.count() == 0 {
            return None;
        }
        self.arena.last_counts()
    }

    fn attach(&mut self, subnet: usize, ip: Ipv4Addr, _slots: u32) {
        let index = self.count();
        self.arena.push_eni(index, subnet, ip, true);
    }

    fn push_run(&mut self, first: u32, n: u32) {
        self.arena.push_run(first, n);
    }

    fn push_prefix(&mut self, cidr: Ipv4Net) {
        self.arena.push_prefix(u32::from(cidr.network()));
    }
}

/// [`super::node::boot_in`] for a node with no pinned pod and no observed ENI:
/// eth0 and the warm pool, in the workspace's arena of booted nodes.
pub(super) fn boot_runs(
    ws: &mut Workspace,
    spec: NodeSpec,
    node: &Node,
    pools: &mut [Option<SubnetPool>],
) -> Booted {
    let first = ws.booted.len();
    ws.booted
        .push_eni(0, node.subnet, node.private_ip, !spec.custom);
    let mut st = State {
        spec,
        pools,
        list: Tail {
            arena: &mut ws.booted,
            first,
        },
        total: 0,
        need: 0,
        to_assign: 0,
        observed: false,
    };
    let shortfall = ws.stamps.fill(&mut st).err();
    let total = st.total;
    Booted {
        enis: (first as u32, (ws.booted.len() - first) as u32),
        total,
        pinned: NO_PINS,
        shortfall: PackedCause::new(shortfall),
    }
}

/// Whether `booted` (booted in `ws`) can be finished by [`finish_runs`]: it
/// placed no pinned pod and none of its ENIs was observed.
pub(super) fn plain(ws: &Workspace, booted: &Booted) -> bool {
    booted.pinned == NO_PINS && ws.booted.plain(booted.enis)
}

/// What [`finish_runs`] gives.
#[derive(Debug)]
pub(super) struct Grown {
    /// The node's ENIs in the arena they grew in.
    pub enis: (u32, u32),
    /// Its pods that need an address: they take the free slots.
    pub queued: u32,
    /// Why the pool stopped short of its target (pods or warm), if it did.
    pub shortfall: Option<NoIpCause>,
}

/// [`super::node::finish`] for a [`plain`] booted node: its ENIs copied from
/// `ws`'s arena to the end of `out`, grown there to the policy's steady state
/// with its `need` pods, which then hold its first free slots.
pub(super) fn finish_runs(
    ws: &mut Workspace,
    spec: NodeSpec,
    booted: Booted,
    need: u32,
    pools: &mut [Option<SubnetPool>],
    out: &mut EniArena,
) -> Grown {
    let Booted {
        enis,
        total,
        shortfall,
        ..
    } = booted;
    let first = out.copy_plain(&ws.booted, enis);
    // No pin placed: every pod queues. Warm addresses taken at start that
    // these pods now use: PodAssigned from here.
    let warm_used = need.min(total);
    let mut st = State {
        spec,
        pools,
        list: Tail {
            arena: out,
            first: first as usize,
        },
        total,
        need,
        to_assign: need - warm_used,
        observed: false,
    };
    if !spec.prefixes && warm_used > 0 {
        if let Some(pool) = st.pool() {
            pool.retag(Holder::Warm, Holder::PodAssigned, warm_used);
        }
    }
    let mut shortfall = shortfall.get();
    if let Err(c) = ws.stamps.fill(&mut st) {
        shortfall.get_or_insert(c);
    }
    out.hand_queued(first, need);
    Grown {
        enis: (first, out.len() as u32 - first),
        queued: need,
        shortfall,
    }
}
