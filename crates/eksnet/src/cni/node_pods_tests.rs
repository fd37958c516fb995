//! [`NodePodLists`] against the placements it stands for: every way of
//! pushing pods (one, a run over nodes, several on one node, a pod made
//! earlier placed late), read back in order, counted, and gathered node by
//! node (in blocks of every size, and span after span) as the pods' records
//! place them; a run's records written in one go are those written pod
//! by pod.

use super::*;
use crate::cni::ipam::{Placement, SharedStr};
use crate::cni::pod_store::NewPod;
use proptest::prelude::*;

/// One way of placing pods (node indices taken modulo the nodes).
#[derive(Debug, Clone)]
enum Op {
    One(usize, bool),
    Run(usize, usize, bool),
    Per(usize, u32, bool),
    /// A pod made but not placed (Pending, or placed later).
    Skip(bool),
    /// The `k`-th pod skipped so far, placed now.
    Late(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..40, any::<bool>()).prop_map(|(n, h)| Op::One(n, h)),
        (0usize..40, 0usize..14, any::<bool>()).prop_map(|(n, l, h)| Op::Run(n, l, h)),
        (0usize..40, 1u32..4, any::<bool>()).prop_map(|(n, p, h)| Op::Per(n, p, h)),
        any::<bool>().prop_map(Op::Skip),
        (0usize..40, 0usize..40).prop_map(|(k, n)| Op::Late(k, n)),
    ]
}

/// Pushes `ops` both to a store of pods and to the lists, and to `one_by_one`
/// each pod by itself; returns the placements in order, `(pod, node, host)`.
fn build(
    nodes: usize,
    ops: &[Op],
    (store, one_by_one): (&mut PodStore, &mut PodStore),
    lists: &mut NodePodLists,
) -> Vec<(u32, usize, bool)> {
    let mut placed = Vec::new();
    let mut skipped: Vec<(usize, bool)> = Vec::new();
    let new = |host| NewPod {
        workload: 0,
        pinned: false,
        host_network: host,
    };
    for op in ops {
        match *op {
            Op::One(n, host) => {
                let n = n % nodes;
                let i = store.push_on_node(new(host), n);
                one_by_one.push_on_node(new(host), n);
                lists.push(n, i, host);
                placed.push((i as u32, n, host));
            }
            Op::Run(n, len, host) => {
                let a = n % nodes;
                let b = (a + len).min(nodes);
                let first = store.len();
                store.push_on_nodes(new(host), a as u32..b as u32);
                for node in a..b {
                    let i = one_by_one.push_on_node(new(host), node);
                    placed.push((i as u32, node, host));
                }
                lists.push_run(first, (a as u32, b as u32), host);
            }
            Op::Per(n, per, host) => {
                let n = n % nodes;
                let first = store.len();
                for _ in 0..per {
                    let i = store.push_on_node(new(host), n);
                    one_by_one.push_on_node(new(host), n);
                    placed.push((i as u32, n, host));
                }
                lists.push_per(n, first, per, host);
            }
            Op::Skip(host) => {
                one_by_one.push(new(host));
                skipped.push((store.push(new(host)), host));
            }
            Op::Late(k, n) => {
                if skipped.is_empty() {
                    continue;
                }
                let (i, host) = skipped.remove(k % skipped.len());
                let n = n % nodes;
                store.set_placement(i, Placement::Node { node: n });
                one_by_one.set_placement(i, Placement::Node { node: n });
                lists.push(n, i, host);
                placed.push((i as u32, n, host));
            }
        }
    }
    placed
}

proptest! {
    #[test]
    fn the_spans_hold_every_placement_in_order(
        nodes in 1usize..30,
        ops in prop::collection::vec(op(), 0..40),
        piece in 1usize..9,
    ) {
        let mut store = PodStore::new(vec![SharedStr::new("default")], 0);
        let mut one_by_one = store.clone();
        let mut lists = NodePodLists::new(nodes);
        let placed = build(nodes, &ops, (&mut store, &mut one_by_one), &mut lists);
        // A run's records written in one go are those written pod by pod.
        prop_assert_eq!(store.len(), one_by_one.len());
        for i in 0..store.len() {
            let facts = |s: &PodStore| {
                (
                    (s.workload(i), s.placement(i), s.node(i), s.host_network(i)),
                    (s.is_pinned(i), s.subnet(i), s.eni(i), s.ip(i)),
                    (s.status(i), s.problem(i).is_some(), s.ready(i)),
                )
            };
            prop_assert_eq!(facts(&store), facts(&one_by_one));
        }

        let order: Vec<u32> = placed.iter().map(|p| p.0).collect();
        prop_assert_eq!(lists.placed().collect::<Vec<_>>(), order.clone());
        prop_assert_eq!(lists.placed_count(), order.len());
        let mut at = Placed::default();
        let mut read = Vec::new();
        while read.len() < order.len() {
            let before = read.len();
            lists.placed_from(&mut at, piece, |p| read.push(p));
            prop_assert!(read.len() > before);
        }
        lists.placed_from(&mut at, piece, |p| read.push(p));
        prop_assert_eq!(read, order);

        let mut want: Vec<Vec<u32>> = vec![Vec::new(); nodes];
        for &(pod, n, host) in &placed {
            want[n].push(if host { pod | HOST_NETWORK } else { pod });
        }
        for (n, w) in want.iter().enumerate() {
            prop_assert_eq!(lists.count(n) as usize, w.len());
            let needs = w.iter().filter(|&&e| e & HOST_NETWORK == 0).count();
            prop_assert_eq!(lists.needs(n) as usize, needs);
        }
        // The records place the same pods on the same nodes.
        let by_records: Vec<Vec<u32>> = lists
            .lists(&store)
            .iter()
            .map(|v| {
                v.iter()
                    .map(|&p| p as u32 | if store.host_network(p) { HOST_NETWORK } else { 0 })
                    .collect()
            })
            .collect();
        prop_assert_eq!(&by_records, &want);

        let flat: Vec<u32> = want.concat();
        prop_assert_eq!(&lists.gather(&store), &flat);
        prop_assert_eq!(&lists.gather_by(&store, None), &flat);
        for block in 1..=12 {
            prop_assert_eq!(&lists.gather_by(&store, Some(block)), &flat);
        }
    }
}

#[test]
fn a_level_over_every_node_is_one_span() {
    let mut lists = NodePodLists::new(100);
    for level in 0..3 {
        lists.push_run(level * 100, (0, 100), false);
    }
    for n in 0..100 {
        lists.push_per(n, 300 + 2 * n, 2, true);
    }
    assert_eq!(lists.spans.len(), 4);
    assert_eq!(lists.placed_count(), 500);
}

#[test]
fn pods_placed_one_by_one_node_by_node_are_one_span_a_node() {
    let mut lists = NodePodLists::new(3);
    for (pod, node) in [(0, 2), (1, 2), (2, 2), (3, 0), (4, 0)] {
        lists.push(node, pod, false);
    }
    lists.push(0, 5, true);
    assert_eq!(lists.spans.len(), 3);
    assert_eq!(lists.placed().collect::<Vec<_>>(), [0, 1, 2, 3, 4, 5]);
    assert_eq!((lists.count(0), lists.needs(0), lists.count(2)), (3, 2, 3));
}
