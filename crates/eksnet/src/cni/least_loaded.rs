//! Least-loaded placement, the scheduling rule of [`super::schedule`]: where a
//! workload's pods go ([`choose`]), the least-loaded eligible nodes computed by
//! "water filling": the same picks as popping a min-heap of `(load, node)` once per
//! pod, in O(n log n + pods) instead of O(pods × log n).

use super::ipam::PodProblem;
use super::selector::{fargate_target, matches};
use crate::scenario::Workload;
use crate::Model;

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
    eligible: &mut Vec<(u32, usize)>,
) -> (Option<usize>, Vec<usize>, PodProblem) {
    let nodes = m.nodes.len();
    let cap = |n: usize| caps.get(n).copied().unwrap_or(0);
    let ready = |n: usize| readies.get(n).copied().unwrap_or(false);
    let mut fargate_group = None;
    let mut chosen: Vec<usize> = Vec::new();
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
            for (n, &l) in load.iter().enumerate() {
                if !m.registration.registers(n) {
                    // Not a node of the cluster: the scheduler never sees it.
                    unregistered += 1;
                } else if !ready(n) {
                    not_ready += 1;
                } else if !matches(m, n, &sw.node_selector) {
                    mismatched += 1;
                } else if l < cap(n) {
                    eligible.push((l, n));
                }
            }
            chosen = least_loaded(eligible, total, load, cap);
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

/// Picks nodes for `count` pods one at a time, each time the least-loaded node of
/// `eligible` (`(load, node)` pairs) with ties to the lower index, raising `load` and
/// dropping nodes that reach `cap`. Returns the picks in order (fewer than `count`
/// when capacity runs out). Same picks as a min-heap of `(load, node)`, computed level
/// by level ("water filling") in O(n log n + count).
pub(crate) fn least_loaded(
    eligible: &mut [(u32, usize)],
    count: usize,
    load: &mut [u32],
    cap: impl Fn(usize) -> u32,
) -> Vec<usize> {
    eligible.sort_unstable();
    let mut picks = Vec::with_capacity(count);
    let mut level: Vec<usize> = Vec::new();
    let mut next: Vec<usize> = Vec::new();
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
            let (mut a, mut b) = (
                level.iter().peekable(),
                joiners.iter().map(|e| e.1).peekable(),
            );
            loop {
                match (a.peek(), b.peek()) {
                    (Some(&&x), Some(&y)) => {
                        if x < y {
                            merged.push(x);
                            a.next();
                        } else {
                            merged.push(y);
                            b.next();
                        }
                    }
                    (Some(&&x), None) => {
                        merged.push(x);
                        a.next();
                    }
                    (None, Some(&y)) => {
                        merged.push(y);
                        b.next();
                    }
                    (None, None) => break,
                }
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
        for &n in &level {
            if picks.len() == count {
                break;
            }
            picks.push(n);
            if let Some(l) = load.get_mut(n) {
                *l += 1;
                if *l < cap(n) {
                    next.push(n);
                }
            }
        }
        std::mem::swap(&mut level, &mut next);
        current += 1;
    }
    picks
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

    proptest! {
        #[test]
        fn water_filling_equals_a_min_heap(
            nodes in prop::collection::vec((0u32..6, 0u32..9), 0..12),
            count in 0usize..60,
        ) {
            let loads: Vec<u32> = nodes.iter().map(|x| x.0).collect();
            let caps: Vec<u32> = nodes.iter().map(|x| x.1).collect();
            let mut eligible: Vec<(u32, usize)> = (0..nodes.len())
                .filter(|&n| loads[n] < caps[n])
                .map(|n| (loads[n], n))
                .collect();
            let mut load = loads.clone();
            let got = least_loaded(&mut eligible, count, &mut load, |n| caps[n]);
            prop_assert_eq!(got, by_heap(&loads, &caps, count));
        }
    }
}
