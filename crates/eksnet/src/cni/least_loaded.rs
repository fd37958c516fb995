//! Least-loaded placement, the scheduling rule of [`super::schedule`]: where a
//! workload's pods go ([`choose`]), the least-loaded eligible nodes computed by
//! "water filling": the same picks as popping a min-heap of `(load, node)` once per
//! pod, in O(n log n + pods) instead of O(pods × log n).
//!
//! The picks come as runs of consecutive nodes ([`Picks`]): each level of the
//! water is an ascending list of nodes, one pod each, and in a cluster whose
//! nodes are alike a level is a handful of runs (all 100,000 nodes are one), so
//! the scheduler writes a run's pods and counts in one go rather than pod by pod.

use super::ipam::PodProblem;
use super::selector::{fargate_target, matches};
use crate::scenario::Workload;
use crate::Model;

/// Nodes picked one pod each, in order, as runs `start..end` of node indices
/// (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Picks {
    runs: Vec<(u32, u32)>,
    len: usize,
}

impl Picks {
    /// Picks node after node of `start..end`, after those picked so far.
    fn push_run(&mut self, start: u32, end: u32) {
        if start >= end {
            return;
        }
        self.len += (end - start) as usize;
        match self.runs.last_mut() {
            Some((_, e)) if *e == start => *e = end,
            _ => self.runs.push((start, end)),
        }
    }

    /// Number of picks.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Every pick, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.runs.iter().flat_map(|&(s, e)| s as usize..e as usize)
    }

    /// The runs of the picks after the first `skip`, in order.
    pub(crate) fn runs_after(&self, skip: usize) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut left = skip;
        self.runs.iter().filter_map(move |&(s, e)| {
            let n = (e - s) as usize;
            if left >= n {
                left -= n;
                return None;
            }
            let s = s + left as u32;
            left = 0;
            Some((s, e))
        })
    }
}

/// Where `total` pods of workload `sw` go, decided before the pods are made (each
/// pod is written once): a Fargate profile, or the least-loaded eligible nodes
/// (fewer than `total` when nodes run out), with the scheduler's message for the
/// pods left over. `load` is updated; `caps` and `readies` are the nodes' max pods
/// and readiness (see the scheduler's `cap` and `ready`); `eligible` is scratch space.
pub(super) fn choose(
    m: &Model,
    sw: &Workload,
    total: usize,
    (load, caps, readies): (&mut [u32], &[u32], &[bool]),
    eligible: &mut Vec<Eligible>,
) -> (Option<usize>, Picks, PodProblem) {
    let nodes = m.nodes.len();
    let cap = |n: usize| caps.get(n).copied().unwrap_or(0);
    let ready = |n: usize| readies.get(n).copied().unwrap_or(false);
    let mut fargate_group = None;
    let mut chosen = Picks::default();
    let mut unschedulable = PodProblem::Unschedulable {
        nodes: 0,
        not_ready: 0,
        mismatched: 0,
        full: 0,
        unregistered: 0,
    };
    match fargate_target(m, &sw.node_selector) {
        Ok(Some(g)) => fargate_group = Some(g),
        Err(()) => {}
        Ok(None) => {
            eligible.clear();
            let (mut not_ready, mut mismatched, mut unregistered) = (0u32, 0u32, 0u32);
            let any_node = sw.node_selector.is_empty();
            for (n, &l) in load.iter().enumerate() {
                if !m.registration.registers(n) {
                    // Not a node of the cluster: the scheduler never sees it.
                    unregistered += 1;
                } else if !ready(n) {
                    not_ready += 1;
                } else if !(any_node || matches(m, n, &sw.node_selector)) {
                    mismatched += 1;
                } else if l < cap(n) {
                    add_eligible(eligible, l, n as u32);
                }
            }
            chosen = least_loaded(eligible, total, load, caps);
            let known = (nodes as u32).saturating_sub(unregistered);
            unschedulable = PodProblem::Unschedulable {
                nodes: known,
                not_ready,
                mismatched,
                full: known.saturating_sub(not_ready + mismatched),
                unregistered,
            };
        }
    }
    (fargate_group, chosen, unschedulable)
}

/// Eligible nodes `start..end`, each with load `load`: `(load, start, end)`.
pub(crate) type Eligible = (u32, u32, u32);

/// Adds node `n`, with load `l`, to the eligible nodes (by ascending index),
/// joined to the last run when it continues it.
fn add_eligible(eligible: &mut Vec<Eligible>, l: u32, n: u32) {
    match eligible.last_mut() {
        Some((ll, _, e)) if *ll == l && *e == n => *e = n + 1,
        _ => eligible.push((l, n, n + 1)),
    }
}

/// Picks nodes for `count` pods one at a time, each time the least-loaded node of
/// `eligible` (runs of nodes of one load, see [`add_eligible`]) with ties to the
/// lower index, raising `load` and
/// dropping nodes that reach their cap (`caps`, 0 past its end). Returns the picks
/// in order (fewer than `count` when capacity runs out). Same picks as a min-heap
/// of `(load, node)`, computed level by level ("water filling") in O(n log n +
/// count), each level kept as runs of consecutive nodes.
pub(crate) fn least_loaded(
    eligible: &mut [Eligible],
    count: usize,
    load: &mut [u32],
    caps: &[u32],
) -> Picks {
    eligible.sort_unstable();
    let mut picks = Picks::default();
    // The nodes at the current level, and those still below their cap after
    // taking a pod each (the next level), as ascending runs.
    let mut level: Vec<(u32, u32)> = Vec::new();
    let mut next: Vec<(u32, u32)> = Vec::new();
    let mut joined = 0;
    let mut current = eligible.first().map_or(0, |e| e.0);
    while picks.len() < count {
        // Nodes whose load is `current` join the level, merged by index.
        let start = joined;
        while eligible.get(joined).is_some_and(|e| e.0 == current) {
            joined += 1;
        }
        if joined > start {
            let joiners = eligible.get(start..joined).unwrap_or(&[]);
            let mut merged = Vec::with_capacity(level.len() + joiners.len());
            let mut j = joiners.iter().map(|e| (e.1, e.2)).peekable();
            for &(a, b) in &level {
                while let Some((c, d)) = j.next_if(|&(c, _)| c < a) {
                    push_run(&mut merged, c, d);
                }
                push_run(&mut merged, a, b);
            }
            for (c, d) in j {
                push_run(&mut merged, c, d);
            }
            level = merged;
        }
        if level.is_empty() {
            match eligible.get(joined) {
                Some(e) => {
                    current = e.0;
                    continue;
                }
                None => break,
            }
        }
        next.clear();
        for &(a, b) in &level {
            let room = count - picks.len();
            if room == 0 {
                break;
            }
            let b = b.min(a.saturating_add(u32::try_from(room).unwrap_or(u32::MAX)));
            picks.push_run(a, b);
            fill(a, b, load, caps, &mut next);
        }
        std::mem::swap(&mut level, &mut next);
        current += 1;
    }
    picks
}

/// One pod on each node of `a..b`: raises their `load`, and adds to `next` the
/// runs of those still below their cap.
fn fill(a: u32, b: u32, load: &mut [u32], caps: &[u32], next: &mut Vec<(u32, u32)>) {
    let (lo, hi) = (a as usize, b as usize);
    if let (Some(ls), Some(cs)) = (load.get_mut(lo..hi), caps.get(lo..hi)) {
        // Commonly no node of the run reaches its cap: one pass that the
        // compiler can vectorise, and the run goes on whole.
        let full = ls.iter_mut().zip(cs).fold(false, |full, (l, &c)| {
            *l += 1;
            full | (*l >= c)
        });
        if !full {
            push_run(next, a, b);
            return;
        }
    } else {
        for n in lo..hi {
            if let Some(l) = load.get_mut(n) {
                *l += 1;
            }
        }
    }
    let mut from = a;
    for n in a..b {
        let below = load
            .get(n as usize)
            .is_some_and(|&l| l < caps.get(n as usize).copied().unwrap_or(0));
        if !below {
            push_run(next, from, n);
            from = n + 1;
        }
    }
    push_run(next, from, b);
}

/// Appends the run `a..b` to `runs` (ascending), joined to the last one when
/// they meet.
fn push_run(runs: &mut Vec<(u32, u32)>, a: u32, b: u32) {
    if a >= b {
        return;
    }
    match runs.last_mut() {
        Some((_, e)) if *e == a => *e = b,
        _ => runs.push((a, b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    fn by_heap(loads: &[u32], caps: &[u32], count: usize) -> Vec<usize> {
        let mut load = loads.to_vec();
        let mut heap: BinaryHeap<Reverse<(u32, usize)>> = (0..loads.len())
            .filter(|&n| load[n] < caps[n])
            .map(|n| Reverse((load[n], n)))
            .collect();
        let mut picks = Vec::new();
        while picks.len() < count {
            let Some(Reverse((l, n))) = heap.pop() else {
                break;
            };
            picks.push(n);
            load[n] = l + 1;
            if load[n] < caps[n] {
                heap.push(Reverse((load[n], n)));
            }
        }
        picks
    }

    /// `count` picks among `nodes` (`(load, cap)` each): the loads, the caps
    /// and the picks.
    fn picked(nodes: &[(u32, u32)], count: usize) -> (Vec<u32>, Vec<u32>, Picks) {
        let loads: Vec<u32> = nodes.iter().map(|x| x.0).collect();
        let caps: Vec<u32> = nodes.iter().map(|x| x.1).collect();
        let mut eligible = Vec::new();
        for n in (0..nodes.len()).filter(|&n| loads[n] < caps[n]) {
            add_eligible(&mut eligible, loads[n], n as u32);
        }
        let mut load = loads.clone();
        let got = least_loaded(&mut eligible, count, &mut load, &caps);
        (loads, caps, got)
    }

    proptest! {
        #[test]
        fn water_filling_equals_a_min_heap(
            nodes in prop::collection::vec((0u32..6, 0u32..9), 0..12),
            count in 0usize..60,
        ) {
            let (loads, caps, got) = picked(&nodes, count);
            prop_assert_eq!(got.len(), got.iter().count());
            prop_assert_eq!(got.iter().collect::<Vec<_>>(), by_heap(&loads, &caps, count));
        }

        #[test]
        fn the_runs_after_some_picks_are_the_picks_after_them(
            nodes in prop::collection::vec((0u32..3, 0u32..6), 0..40),
            count in 0usize..120,
            skip in 0usize..130,
        ) {
            let (loads, caps, got) = picked(&nodes, count);
            let picks: Vec<usize> = got.iter().collect();
            prop_assert_eq!(&picks, &by_heap(&loads, &caps, count));
            let after: Vec<usize> = got
                .runs_after(skip)
                .flat_map(|(s, e)| s as usize..e as usize)
                .collect();
            prop_assert_eq!(after, picks.iter().copied().skip(skip).collect::<Vec<_>>());
        }
    }
}
