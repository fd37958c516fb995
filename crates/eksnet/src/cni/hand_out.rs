//! Pods get their addresses in one pass in the order they were placed
//! ([`HandOut`]): once every node's ENIs are known, each node's free slots are
//! runs of consecutive addresses, and a cursor per node hands the next one to
//! the node's next pod. The pods are written in (nearly) index order, one after
//! the other; nothing is gathered node by node.
//!
//! The outcome is what handing out node by node gave: a node's pods that need an
//! address of their own (not host-network, not pinned), in the order they were
//! placed, take its free slots in ENI order, lowest first (secondary IPs, then
//! each /28 prefix's); the pods left over get none, for the node's cause.
//!
//! A node whose slots hold no pinned pod (nearly every node) copies nothing:
//! its free slots are its ENIs' runs and prefixes as the [`EniArena`] holds
//! them, read there by its cursor. Only a node with pinned pods keeps runs of
//! its own (its free slots skip the pinned ones).

use std::net::{Ipv4Addr, Ipv6Addr};

use super::cause::PackedCause;
use super::eni::EniBuf;
use super::eni_arena::{runs_of, EniArena};
use super::ipam::NoIpCause;
use super::max_pods::IPS_PER_PREFIX;

/// Consecutive free slots of one ENI.
#[derive(Debug, Clone, Copy)]
struct FreeRun {
    first: u32,
    len: u32,
    eni: u32,
    subnet: u32,
}

/// In [`Cursor::base`]: the node's free slots are its own runs (in
/// `HandOut::runs`), not the arena's.
const OWN_RUNS: u32 = u32::MAX;

/// Where a node's next pod gets its address: the rest of its current run (kept
/// here, so that a pod reads one cursor), then its next runs.
#[derive(Debug, Clone, Copy)]
struct Cursor {
    /// The current run's next address, free slots left in it, ENI (its index
    /// on the node) and subnet (IPv6: `next` counts the pods given an address).
    next: u32,
    left: u32,
    eni: u32,
    subnet: u32,
    /// Own runs ([`OWN_RUNS`] in `base`): its next run (into `HandOut::runs`)
    /// and the end of its runs. Else: the ENI read (into the arena's ENIs)
    /// and the end of the node's ENIs there.
    run: u32,
    end: u32,
    /// The node's first ENI in the arena, or [`OWN_RUNS`].
    base: u32,
    /// Reading the arena: the ENI's next part (its runs of secondary
    /// addresses, then its prefixes).
    part: u32,
}

/// What the node's next pod gets ([`HandOut::next`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Next {
    /// An address of ENI `eni`, in `subnet`.
    V4 {
        ip: Ipv4Addr,
        subnet: usize,
        eni: usize,
    },
    /// An address of the node's IPv6 /80, in `subnet`, on eth0.
    V6 { ip: Ipv6Addr, subnet: usize },
    /// No address, for this cause.
    None(NoIpCause),
}

/// Every node's free slots and cursor (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct HandOut {
    runs: Vec<FreeRun>,
    cursors: Vec<Cursor>,
    /// Per node, why the pods past its free slots get no address (packed: 8
    /// bytes a node).
    causes: Vec<PackedCause>,
    /// Per node (once one node is IPv6), the base of its /80 and its subnet.
    v6: Vec<Option<(u128, usize)>>,
}

impl HandOut {
    /// Room for `nodes` nodes.
    pub(crate) fn with_capacity(nodes: usize) -> HandOut {
        HandOut {
            runs: Vec::new(),
            cursors: Vec::with_capacity(nodes),
            causes: Vec::with_capacity(nodes),
            v6: Vec::new(),
        }
    }

    /// Nodes so far.
    pub(crate) fn len(&self) -> usize {
        self.cursors.len()
    }

    /// The next node hands out every slot of its ENIs, `enis` (first, count)
    /// in the arena that [`HandOut::next`] is given (none holds a pod yet), then
    /// gives its pods no address, for `cause`.
    pub(crate) fn push_arena(&mut self, (first, count): (u32, u32), cause: NoIpCause) {
        self.cursors.push(Cursor {
            next: 0,
            left: 0,
            eni: 0,
            subnet: 0,
            run: first,
            end: first.saturating_add(count),
            base: first,
            part: 0,
        });
        self.causes.push(PackedCause::new(Some(cause)));
    }

    /// The next node hands out the free slots of `enis` (those holding no pod;
    /// `pinned`: whether any holds one), then gives its pods no address, for
    /// `cause`. Returns its free slots.
    pub(crate) fn push_v4(&mut self, enis: &[EniBuf], cause: NoIpCause, pinned: bool) -> u32 {
        let r0 = self.runs.len();
        let mut free = 0;
        for (e, eni) in enis.iter().enumerate() {
            let (eni_at, subnet) = (e as u32, eni.subnet as u32);
            let mut add = |first: u32, len: u32| {
                free += len;
                let mine = self.runs.len() > r0;
                match self.runs.last_mut() {
                    Some(r)
                        if mine && r.eni == eni_at && r.first.checked_add(r.len) == Some(first) =>
                    {
                        r.len += len
                    }
                    _ => self.runs.push(FreeRun {
                        first,
                        len,
                        eni: eni_at,
                        subnet,
                    }),
                }
            };
            if pinned {
                let slots = eni
                    .slots
                    .iter()
                    .chain(eni.prefixes.iter().flat_map(|p| p.slots.iter()));
                for s in slots.filter(|s| s.pod.is_none()) {
                    add(u32::from(s.ip), 1);
                }
            } else {
                runs_of(&eni.slots, &mut add);
                for p in &eni.prefixes {
                    add(u32::from(p.cidr.network()), IPS_PER_PREFIX);
                }
            }
        }
        self.push_cursor(r0, cause);
        free
    }

    /// The next node gives its pods no address, for `cause`.
    pub(crate) fn push_none(&mut self, cause: NoIpCause) {
        self.push_cursor(self.runs.len(), cause);
    }

    /// The next node gives its pods the addresses of its IPv6 /80 after `base`,
    /// in order, in `subnet`.
    pub(crate) fn push_v6(&mut self, base: u128, subnet: usize) {
        let n = self.cursors.len();
        if self.v6.len() <= n {
            self.v6.resize(n + 1, None);
        }
        if let Some(x) = self.v6.get_mut(n) {
            *x = Some((base, subnet));
        }
        // Never used: an IPv6 node has room for every pod.
        self.push_none(NoIpCause::NoIpv6Block);
    }

    fn push_cursor(&mut self, r0: usize, cause: NoIpCause) {
        self.cursors.push(Cursor {
            next: 0,
            left: 0,
            eni: 0,
            subnet: 0,
            run: r0 as u32,
            end: self.runs.len() as u32,
            base: OWN_RUNS,
            part: 0,
        });
        self.causes.push(PackedCause::new(Some(cause)));
    }

    /// What node `n`'s next pod gets (`arena`: where the ENIs pushed with
    /// [`HandOut::push_arena`] are); `None` for a node never pushed.
    pub(crate) fn next(&mut self, n: usize, arena: &EniArena) -> Option<Next> {
        let c = self.cursors.get_mut(n)?;
        if !self.v6.is_empty() {
            if let Some(&Some((base, subnet))) = self.v6.get(n) {
                c.next += 1;
                let ip = Ipv6Addr::from(base + u128::from(c.next));
                return Some(Next::V6 { ip, subnet });
            }
        }
        if c.left == 0 {
            let run = if c.base == OWN_RUNS {
                let r = self.runs.get(c.run as usize).filter(|_| c.run < c.end);
                c.run += 1;
                r.map(|r| (r.first, r.len, r.eni, r.subnet))
            } else {
                next_in_arena(c, arena)
            };
            match run {
                Some(r) => (c.next, c.left, c.eni, c.subnet) = r,
                None => return self.causes.get(n).and_then(|c| c.get()).map(Next::None),
            }
        }
        let ip = Ipv4Addr::from(c.next);
        c.next = c.next.wrapping_add(1);
        c.left -= 1;
        Some(Next::V4 {
            ip,
            subnet: c.subnet as usize,
            eni: c.eni as usize,
        })
    }
}

/// The next run of free slots of cursor `c`'s node in `arena` (first address,
/// length, the ENI's index on the node, its subnet), moving `c` past it: the
/// ENI's runs of secondary addresses, then its prefixes, ENI after ENI.
fn next_in_arena(c: &mut Cursor, arena: &EniArena) -> Option<(u32, u32, u32, u32)> {
    while c.run < c.end {
        let e = c.run;
        if let Some((first, len, subnet)) = arena.free_part(e, c.part) {
            c.part += 1;
            return Some((first, len, e - c.base, subnet));
        }
        (c.run, c.part) = (c.run + 1, 0);
    }
    None
}
