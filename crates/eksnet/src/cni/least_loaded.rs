//! Least-loaded placement, the scheduling rule of [`super::schedule`], computed by
//! "water filling": the same picks as popping a min-heap of `(load, node)` once per
//! pod, in O(n log n + pods) instead of O(pods × log n).

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
