//! A node grown as runs at an arena's end ([`super::node_runs`]), stamped or
//! not ([`super::stamp`]), ends with what the slot-by-slot path gives it: over
//! random nodes sharing two subnets (pinned pods, prefix delegation, observed
//! ENIs, custom networking, every warm policy, nodes of one shape or of many,
//! subnets with scattered holes and too small for every node), the
//! dispatching path (runs where a node allows, slots elsewhere) and the
//! slot-by-slot path alone leave the same pools (every address, holder counts
//! and cursor), the same booted nodes and outcomes, and the same ENIs in the
//! booted nodes' arena and in the store's (addresses, prefixes, pinned pods,
//! counts).

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use proptest::prelude::*;

use super::eni::Workspace;
use super::eni_arena::EniArena;
use super::ipam::WarmPolicy;
use super::node::{boot_in, boot_slots, finish, Booted, NodeSpec, PodNeed};
use super::node_runs::{finish_runs, plain};
use super::slot_pods::NodeQueue;
use crate::model::{Holder, Node, ObservedEniModel, SubnetPool};
use crate::ElementId;

/// One random node: its spec's knobs, its subnet, its pins (offsets into the
/// pod subnet), whether its ENIs were observed, and its pods that need an
/// address.
type NodeKnobs = (
    (u32, u32, bool, bool, u8, (u32, u32)),
    (u32, bool),
    Vec<u8>,
    u8,
    u32,
);

fn node_knobs() -> impl Strategy<Value = NodeKnobs> {
    (
        (
            1u32..5,
            0u32..9,
            prop::bool::weighted(0.3),
            prop::bool::weighted(0.2),
            0u8..3,
            (0u32..4, 0u32..12),
        ),
        (1u32..70, any::<bool>()),
        prop::collection::vec(any::<u8>(), 0..3),
        0u8..4,
        0u32..40,
    )
}

struct Made {
    spec: NodeSpec,
    node: Node,
    pins: Vec<PodNeed>,
    observed: Vec<ObservedEniModel>,
    need: u32,
}

/// The nodes of `knobs`, their primary, pinned and observed addresses taken
/// from `pools` as the model and the pins' reservation take them; with
/// `shared`, every node has the first one's spec and pods (the same shape:
/// see [`super::stamp`]).
fn make(knobs: &[NodeKnobs], shared: bool, pools: &mut [Option<SubnetPool>]) -> Vec<Made> {
    let mut out = Vec::new();
    for (n, k) in knobs.iter().enumerate() {
        let mut k = k.clone();
        if let Some(first) = knobs.first().filter(|_| shared) {
            (k.0, k.1, k.4) = (first.0, first.1, first.4);
        }
        let ((max_enis, slots, prefixes, custom, policy, (w, m)), (max_pods, own), pins, obs, need) =
            k;
        let warm = match policy {
            0 => WarmPolicy::Eni { warm_eni_target: w },
            1 => WarmPolicy::Ip {
                warm_ip_target: w,
                minimum_ip_target: m,
            },
            _ => WarmPolicy::Prefix {
                warm_prefix_target: w,
            },
        };
        let subnet = n % 2;
        let pod_subnet = if own { subnet } else { 1 - subnet };
        let Some(ip) = pools[subnet]
            .as_mut()
            .and_then(|p| p.take_next(Holder::NodePrimary))
        else {
            continue;
        };
        let spec = NodeSpec {
            max_enis,
            slots_per_eni: slots,
            prefixes,
            custom,
            warm,
            max_pods,
            pod_subnet,
        };
        let node = Node {
            eid: ElementId::node(&format!("n{n}")),
            name: format!("n{n}"),
            group: 0,
            pin: None,
            subnet,
            private_ip: ip,
            public_ip: None,
        };
        let Some(pool) = pools[pod_subnet].as_mut() else {
            continue;
        };
        let base = u32::from(pool.net().network());
        let mut made = Vec::new();
        for (j, off) in pins.iter().enumerate() {
            let ip = Ipv4Addr::from(base + u32::from(*off) % pool.size());
            let cidr = Ipv4Net::new(Ipv4Addr::from(u32::from(ip) & !15), 28).unwrap();
            let held = if prefixes {
                let all: Vec<Ipv4Addr> = (0..16)
                    .map(|k| Ipv4Addr::from(u32::from(cidr.network()) + k))
                    .collect();
                all.iter().all(|&a| pool.is_free(a))
                    && all.iter().all(|&a| pool.take(a, Holder::Prefix))
            } else {
                pool.take(ip, Holder::PodAssigned)
            };
            if held {
                made.push(PodNeed {
                    pod: n * 10 + j,
                    pinned: Some(ip),
                });
            }
        }
        let mut observed = Vec::new();
        for d in 0..u32::from(obs) {
            let Some(primary) = pool.take_next(Holder::EniPrimary) else {
                break;
            };
            let secondaries = (0..(d + n as u32) % 4)
                .filter_map(|_| pool.take_next(Holder::Warm))
                .collect();
            let prefixes = (0..d % 2).filter_map(|_| pool.take_prefix28()).collect();
            observed.push(ObservedEniModel {
                node: n,
                id: format!("eni-{n}-{d}"),
                subnet: pod_subnet,
                device_index: d + u32::from(n % 3 == 0),
                primary_ip: primary,
                secondaries,
                prefixes,
            });
        }
        let need = need.max(made.len() as u32);
        out.push(Made {
            spec,
            node,
            pins: made,
            observed,
            need,
        });
    }
    out
}

/// Everything an ENI of `arena` answers.
fn enis_of(arena: &EniArena) -> Vec<String> {
    (0..arena.len() as u32)
        .map(|e| {
            let r = arena.rec(e).unwrap();
            let (s, l) = r.pod_range();
            let a = arena.pins.partition_point(|&(at, _)| at < s);
            let b = arena.pins.partition_point(|&(at, _)| at < s + l);
            let queue = NodeQueue {
                list: &[],
                pins: &arena.pins[a..b],
                first: s,
            };
            let v = arena.view(&r, "n", queue);
            format!(
                "{:?} assigned {} capacity {} parts {:?}",
                v,
                v.assigned(),
                v.capacity(),
                (0..)
                    .map_while(|k| arena.free_part(e, k))
                    .collect::<Vec<_>>()
            )
        })
        .collect()
}

/// Boots then finishes `nodes` (every node boots before any is finished), with
/// `runs`: where a node allows, as runs; else slot by slot. Returns the pools,
/// what each node gave, and both arenas.
fn run(
    nodes: &[Made],
    mut pools: Vec<Option<SubnetPool>>,
    runs: bool,
) -> (
    Vec<Option<SubnetPool>>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
) {
    let mut ws = Workspace::default();
    let mut booted: Vec<Booted> = Vec::new();
    let mut said = Vec::new();
    for m in nodes {
        let b = if runs {
            boot_in(&mut ws, m.spec, &m.node, &m.pins, &mut pools, &m.observed)
        } else {
            boot_slots(&mut ws, m.spec, &m.node, &m.pins, &mut pools, &m.observed)
        };
        said.push(format!("booted {:?}", b));
        booted.push(b);
    }
    let booted_arena = enis_of(&ws.booted);
    let mut store = EniArena::default();
    for (m, b) in nodes.iter().zip(booted) {
        if runs && plain(&ws, &b) {
            let g = finish_runs(&mut ws, m.spec, b, m.need, &mut pools, &mut store);
            said.push(format!(
                "{:?} [] {:?} {:?}",
                g.queued, g.shortfall, g.enis.1
            ));
        } else {
            let at = store.len();
            let res = finish(&mut ws, m.spec, b, m.need, &mut pools, Vec::new());
            let pinned = res.assigned.len() as u32;
            let got = store.push_pinned(&ws.enis, res.queued, pinned);
            assert_eq!(got.0 as usize, at);
            said.push(format!(
                "{:?} {:?} {:?} {:?}",
                res.queued, res.assigned, res.shortfall, got.1
            ));
        }
    }
    (pools, said, booted_arena, enis_of(&store))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn runs_equal_slots(
        nets in (20u8..27, 22u8..28),
        holes in prop::collection::vec((any::<bool>(), any::<u16>()), 0..24),
        knobs in prop::collection::vec(node_knobs(), 1..12),
        shared in any::<bool>(),
    ) {
        let mut pools: Vec<Option<SubnetPool>> = vec![
            SubnetPool::new(format!("10.0.0.0/{}", nets.0).parse().unwrap()),
            SubnetPool::new(format!("10.1.0.0/{}", nets.1).parse().unwrap()),
        ];
        for &(which, off) in &holes {
            let pool = pools[usize::from(which)].as_mut().unwrap();
            let ip = Ipv4Addr::from(u32::from(pool.net().network()) + u32::from(off) % pool.size());
            pool.take(ip, Holder::Other);
        }
        let nodes = make(&knobs, shared, &mut pools);
        let (pools_a, said_a, booted_a, store_a) = run(&nodes, pools.clone(), false);
        let (pools_b, said_b, booted_b, store_b) = run(&nodes, pools, true);
        prop_assert_eq!(format!("{pools_a:?}"), format!("{pools_b:?}"));
        prop_assert_eq!(said_a, said_b);
        prop_assert_eq!(booted_a, booted_b);
        prop_assert_eq!(store_a, store_b);
    }
}
