//! Nodes of one shape stamped: what [`State::fill`] does for a node grown as
//! runs (see [`super::node_runs`]) depends on its spec, what it holds and needs,
//! and its ENIs so far, and on which addresses the pool gives. When the pool's
//! next free addresses are all free in a row, every address the fill takes is
//! the one right after the last, so the fill is the same up to where the row
//! starts: worked out once per shape on a stand-in pool that counts ([`Count`]),
//! recorded ([`Record`]), and replayed for every node of that shape by taking
//! the whole row at once ([`SubnetPool::take_span`]) and writing the recorded
//! ENIs and runs from its first address on. A node whose row is not free (a
//! hole, the subnet's end) is filled as before. Prefix delegation is not
//! stamped (its /28s are taken wherever an aligned block is free).
//!
//! [`SubnetPool::take_span`]: crate::model::SubnetPool::take_span

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::eni::EniList;
use super::ipam::NoIpCause;
use super::node::{NodeSpec, State, Take};
use crate::model::Holder;

/// The shapes seen most recently (a cluster has a few: one per node group,
/// pod count and subnet).
#[derive(Debug, Default)]
pub(crate) struct Stamps {
    seen: Vec<Stamp>,
    /// Where the next new shape goes once `seen` is full.
    next: usize,
}

/// How many shapes [`Stamps`] keeps.
const SHAPES: usize = 16;

/// What a fill starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    spec: NodeSpec,
    total: u32,
    need: u32,
    to_assign: u32,
    enis: usize,
    last: Option<(bool, u32, u32)>,
}

/// A fill worked out on the stand-in pool.
#[derive(Debug)]
struct Stamp {
    shape: Shape,
    /// Addresses taken, in a row.
    taken: u32,
    /// How many of them each holder holds.
    held: Vec<(Holder, u32)>,
    /// What it did to the ENIs, from the row's first address (offset 0).
    ops: Vec<Op>,
    /// `State::total` and `State::to_assign` after.
    total: u32,
    to_assign: u32,
    result: Result<(), NoIpCause>,
}

#[derive(Debug, Clone, Copy)]
enum Op {
    /// `attach(pod subnet, first + offset)`.
    Attach(u32),
    /// `push_run(first + offset, n)`.
    Run(u32, u32),
}

/// The stand-in pool: every address free, in a row from 0.
#[derive(Debug, Default)]
struct Count {
    next: u32,
    held: Vec<(Holder, u32)>,
    /// A /28 was asked for: no row stands for that.
    prefix: bool,
}

impl Count {
    fn take(&mut self, n: u32, h: Holder) -> u32 {
        match self.held.iter_mut().find(|(x, _)| *x == h) {
            Some((_, c)) => *c += n,
            None => self.held.push((h, n)),
        }
        let first = self.next;
        self.next += n;
        first
    }
}

impl Take for Count {
    fn take_next(&mut self, _: usize, h: Holder) -> Result<Ipv4Addr, NoIpCause> {
        Ok(Ipv4Addr::from(self.take(1, h)))
    }

    fn take_run(&mut self, _: usize, n: u32, h: Holder) -> Result<(Ipv4Addr, u32), NoIpCause> {
        Ok((Ipv4Addr::from(self.take(n, h)), n))
    }

    fn take_prefix28(&mut self, subnet: usize) -> Result<Ipv4Net, NoIpCause> {
        self.prefix = true;
        Err(NoIpCause::NoContiguousPrefix { subnet })
    }
}

/// The stand-in ENI list: what the ENIs so far look like, and the ops.
#[derive(Debug)]
struct Record {
    enis: usize,
    last: Option<(bool, u32, u32)>,
    ops: Vec<Op>,
}

impl EniList for Record {
    fn count(&self) -> usize {
        self.enis
    }

    fn last(&self) -> Option<(bool, u32, u32)> {
        self.last
    }

    fn attach(&mut self, _subnet: usize, ip: Ipv4Addr, _slots: u32) {
        self.enis += 1;
        self.last = Some((true, 0, 0));
        self.ops.push(Op::Attach(u32::from(ip)));
    }

    fn push_run(&mut self, first: u32, n: u32) {
        if let Some(l) = self.last.as_mut() {
            l.1 += n;
        }
        self.ops.push(Op::Run(first, n));
    }

    fn push_prefix(&mut self, _: Ipv4Net) {
        // Never stamped (see the module docs).
    }
}

impl Stamps {
    /// [`State::fill`] for `st`, stamped when its shape's row of addresses is
    /// free in its pool (see the module docs): the same ENIs, addresses,
    /// counts and result.
    pub(super) fn fill<L: EniList>(&mut self, st: &mut State<'_, L>) -> Result<(), NoIpCause> {
        if st.spec.prefixes || st.observed {
            return st.fill();
        }
        let shape = Shape {
            // The pod subnet is no part of the shape: the fill takes from
            // it alone, and each ENI it attaches is in it.
            spec: NodeSpec {
                pod_subnet: 0,
                ..st.spec
            },
            total: st.total,
            need: st.need,
            to_assign: st.to_assign,
            enis: st.list.count(),
            last: st.list.last(),
        };
        let k = match self.seen.iter().position(|s| s.shape == shape) {
            Some(k) => k,
            None => match work_out(shape) {
                Some(stamp) => self.keep(stamp),
                None => return st.fill(),
            },
        };
        let Some(stamp) = self.seen.get(k) else {
            return st.fill();
        };
        let first = if stamp.taken == 0 {
            0
        } else {
            match st
                .pool()
                .and_then(|p| p.take_span(stamp.taken, &stamp.held))
            {
                Some(ip) => u32::from(ip),
                None => return st.fill(),
            }
        };
        for &op in &stamp.ops {
            match op {
                Op::Attach(at) => {
                    let ip = Ipv4Addr::from(first + at);
                    st.list
                        .attach(st.spec.pod_subnet, ip, st.spec.slots_per_eni);
                }
                Op::Run(at, n) => st.list.push_run(first + at, n),
            }
        }
        st.total = stamp.total;
        st.to_assign = stamp.to_assign;
        stamp.result
    }

    fn keep(&mut self, stamp: Stamp) -> usize {
        if self.seen.len() < SHAPES {
            self.seen.push(stamp);
            return self.seen.len() - 1;
        }
        let k = self.next % SHAPES;
        self.next = k + 1;
        if let Some(x) = self.seen.get_mut(k) {
            *x = stamp;
        }
        k
    }
}

/// The fill of `shape` on the stand-in pool; `None` if it cannot be stamped.
fn work_out(shape: Shape) -> Option<Stamp> {
    let mut pool = Count::default();
    let mut st = State {
        spec: shape.spec,
        pools: &mut pool,
        list: Record {
            enis: shape.enis,
            last: shape.last,
            ops: Vec::new(),
        },
        total: shape.total,
        need: shape.need,
        to_assign: shape.to_assign,
        observed: false,
    };
    let result = st.fill();
    let (total, to_assign, ops) = (st.total, st.to_assign, st.list.ops);
    (!pool.prefix).then_some(Stamp {
        shape,
        taken: pool.next,
        held: pool.held,
        ops,
        total,
        to_assign,
        result,
    })
}
