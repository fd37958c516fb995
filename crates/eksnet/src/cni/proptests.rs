//! Property tests: the simulation's guarantees over random scenarios.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};

use proptest::prelude::*;

use super::ipam::{NoIpCause, Placement, PodStatus, WarmPolicy};
use super::max_pods::{AddressMode, IPS_PER_PREFIX};
use crate::model::Holder;
use crate::scenario::*;
use crate::{analyze, Analysis};

const TYPES: &[&str] = &[
    "t3.micro",
    "t3.small",
    "t2.micro",
    "t2.large",
    "m5.large",
    "m5.xlarge",
    "m6g.medium",
    "c5.18xlarge",
    "m5.metal",
    "m5.larg",
];

#[derive(Debug, Clone)]
pub(super) struct Knobs {
    subnets: Vec<u8>,
    groups: Vec<(usize, u32, bool, u8)>,
    workloads: Vec<(u32, bool, Option<u8>)>,
    pd: bool,
    warm_eni: Option<u32>,
    warm_ip: Option<u32>,
    min_ip: Option<u32>,
    warm_prefix: Option<u32>,
    custom: bool,
    max_pods: Option<u32>,
    ipv6: bool,
    pins: Vec<(u8, u8, u16)>,
}

pub(super) fn knobs() -> impl Strategy<Value = Knobs> {
    (
        prop::collection::vec(prop_oneof![3 => 20u8..=24, 1 => 25u8..=28], 1..4),
        prop::collection::vec((0..TYPES.len(), 1u32..5, any::<bool>(), 0u8..3), 1..3),
        prop::collection::vec(
            (
                0u32..60,
                prop::bool::weighted(0.15),
                prop::option::weighted(0.3, 0u8..3),
            ),
            1..4,
        ),
        (
            any::<bool>(),
            prop::option::of(0u32..3),
            prop::option::of(0u32..6),
        ),
        (
            prop::option::of(0u32..24),
            prop::option::of(0u32..3),
            prop::bool::weighted(0.2),
        ),
        (
            prop::option::weighted(0.3, 1u32..300),
            prop::bool::weighted(0.15),
        ),
        prop::collection::vec((0u8..6, 0u8..4, 0u16..1024), 0..4),
    )
        .prop_map(
            |(
                subnets,
                groups,
                workloads,
                (pd, warm_eni, warm_ip),
                (min_ip, warm_prefix, custom),
                (max_pods, ipv6),
                pins,
            )| Knobs {
                subnets,
                groups,
                workloads,
                pd,
                warm_eni,
                warm_ip,
                min_ip,
                warm_prefix,
                custom,
                max_pods,
                ipv6,
                pins,
            },
        )
}

pub(super) fn scenario(k: &Knobs) -> Scenario {
    let mut s = Scenario::default();
    s.vpc.cidr_blocks = vec!["10.0.0.0/16".into()];
    let azs = ["az-a", "az-b"];
    for (i, len) in k.subnets.iter().enumerate() {
        s.vpc.subnets.push(Subnet {
            subnet_id: format!("s{i}"),
            availability_zone: azs[i % 2].into(),
            cidr_block: format!("10.0.{}.0/{len}", i * 16),
            ipv6_cidr_block: if i % 3 == 2 {
                String::new()
            } else {
                format!("2600:1f18:0:{i}::/64")
            },
            ..Subnet::default()
        });
    }
    let n = k.subnets.len();
    for (g, &(t, size, two, first)) in k.groups.iter().enumerate() {
        let a = first as usize % n;
        let mut subnets = vec![format!("s{a}")];
        if two {
            subnets.push(format!("s{}", (a + 1) % n));
        }
        s.node_groups.push(NodeGroup {
            nodegroup_name: format!("ng{g}"),
            instance_type: TYPES[t].into(),
            desired_size: size,
            subnets,
            ..NodeGroup::default()
        });
    }
    for (w, &(replicas, host, sel)) in k.workloads.iter().enumerate() {
        let mut wl = Workload {
            name: format!("w{w}"),
            replicas,
            host_network: host,
            ..Workload::default()
        };
        if let Some(z) = sel {
            let (key, v) = match z {
                0 => ("topology.kubernetes.io/zone", "az-b".to_string()),
                1 => ("eks.amazonaws.com/nodegroup", "ng0".to_string()),
                _ => ("kubernetes.io/hostname", "nope".to_string()),
            };
            wl.node_selector.insert(key.into(), v);
        }
        s.workloads.push(wl);
    }
    for (i, &(w, sub, off)) in k.pins.iter().enumerate() {
        s.pods.push(PodPin {
            name: format!("pin-{i}"),
            workload: format!("w{w}"),
            namespace: "default".into(),
            node_name: format!("10.0.{}.{}", (sub as usize % n) * 16, 4 + off % 8),
            pod_ip: Some(format!("10.0.{}.{}", (sub as usize % n) * 16, off % 256)),
        });
    }
    s.cni = CniConfig {
        enable_prefix_delegation: k.pd,
        warm_eni_target: k.warm_eni,
        warm_ip_target: k.warm_ip,
        minimum_ip_target: k.min_ip,
        warm_prefix_target: k.warm_prefix,
        custom_network_cfg: k.custom,
        eni_configs: vec![EniConfig {
            name: "az-a".into(),
            subnet: "s0".into(),
            security_groups: vec![],
        }],
        max_pods_override: k.max_pods,
    };
    if k.ipv6 {
        s.cluster.kubernetes_network_config.ip_family = IpFamily::Ipv6;
    }
    s
}

fn check(a: &Analysis) -> Result<(), TestCaseError> {
    let m = &a.model;
    let ipam = &a.ipam;
    prop_assert_eq!(ipam.nodes.len(), m.nodes.len());

    // No address given twice, every address in its ENI's subnet and not reserved.
    let mut seen: HashSet<Ipv4Addr> = HashSet::new();
    for e in &m.eks_enis {
        prop_assert!(seen.insert(e.ip));
    }
    for n in &ipam.nodes {
        let node = &m.nodes[n.node];
        let limits = ipam.groups[node.group].limits;
        prop_assert!(n.pods().len() as u32 <= n.max_pods, "node over max pods");
        if let Some(l) = limits {
            prop_assert!(n.enis().len() as u32 <= l.max_enis.max(1));
        }
        for e in n.enis() {
            let pool = a.addresses.pool(e.subnet).unwrap();
            prop_assert!(
                seen.insert(e.primary_ip),
                "ENI primary twice: {}",
                e.primary_ip
            );
            prop_assert!(pool.net().contains(&e.primary_ip) && !pool.is_reserved(e.primary_ip));
            if let Some(l) = limits {
                prop_assert!(e.slots().len() as u32 <= l.slots_per_eni());
                prop_assert!(e.prefixes().len() as u32 <= l.slots_per_eni());
            }
            if !e.hosts_pods {
                prop_assert!(e.slots().len() == 0 && e.prefixes().len() == 0);
            }
            for s in e.all_slots() {
                prop_assert!(seen.insert(s.ip), "address twice: {}", s.ip);
                prop_assert!(
                    pool.net().contains(&s.ip),
                    "{} outside {}",
                    s.ip,
                    pool.net()
                );
                prop_assert!(!pool.is_reserved(s.ip), "{} reserved", s.ip);
                prop_assert!(!pool.is_free(s.ip), "{} held but free in the pool", s.ip);
                if let Some(p) = s.pod {
                    let pod = ipam.pods.get(p as usize).unwrap();
                    prop_assert_eq!(pod.ip, Some(IpAddr::V4(s.ip)));
                    prop_assert_eq!(pod.node, Some(n.node));
                    prop_assert_eq!(pod.eni, Some(e.index));
                }
            }
        }
        // Warm targets hold unless a limit or the subnet stopped the pool.
        if n.ready && n.mode != AddressMode::Ipv6 && n.pod_subnet.is_some() {
            let total = n.pod_addresses() as u32;
            let need = n.pods().filter(|&p| !ipam.pods.host_network(p)).count() as u32;
            let avail = total.saturating_sub(need);
            let s = limits.map_or(0, |l| l.slots_per_eni());
            let met = total >= n.max_pods
                || match ipam.groups[node.group].warm {
                    WarmPolicy::Eni { warm_eni_target: w } => {
                        avail >= w * s && !(w == 0 && avail == 0)
                    }
                    WarmPolicy::Ip {
                        warm_ip_target,
                        minimum_ip_target,
                    } => total >= (need + warm_ip_target).max(minimum_ip_target),
                    WarmPolicy::Prefix {
                        warm_prefix_target: w,
                    } => avail >= w * IPS_PER_PREFIX && !(w == 0 && avail == 0),
                };
            match n.shortfall {
                None => prop_assert!(met, "warm target not met: {:?}", n),
                Some(NoIpCause::EniLimit) => {
                    let l = limits.unwrap();
                    prop_assert_eq!(n.enis().len() as u32, l.max_enis);
                    prop_assert!(n
                        .enis()
                        .filter(|e| e.hosts_pods)
                        .all(|e| (e.slots().len() + e.prefixes().len()) as u32 == s));
                }
                Some(_) => {}
            }
        }
    }

    // Pods: status consistent with addresses; pod IPs unique; Fargate in its subnet.
    let mut pod_ips: HashSet<IpAddr> = HashSet::new();
    for p in &ipam.pods {
        match p.status {
            PodStatus::Running => prop_assert!(p.ip.is_some()),
            PodStatus::ContainerCreating => prop_assert!(p.ip.is_none() && p.node.is_some()),
            PodStatus::Pending => prop_assert!(p.placement == Placement::Unscheduled),
        }
        prop_assert!(p.status == PodStatus::Running || p.problem.is_some());
        if let (Some(ip), false) = (p.ip, p.host_network) {
            prop_assert!(pod_ips.insert(ip), "pod IP twice: {}", ip);
        }
        if let (Placement::Fargate { .. }, Some(IpAddr::V4(ip))) = (p.placement, p.ip) {
            prop_assert!(seen.insert(ip));
        }
    }

    // The pools agree with the ENIs.
    for s in &ipam.subnets {
        let Some(pool) = a.addresses.pool(s.subnet) else {
            continue;
        };
        let secondaries: u32 = ipam
            .nodes
            .iter()
            .flat_map(|n| n.enis())
            .filter(|e| e.subnet == s.subnet)
            .map(|e| e.slots().len() as u32)
            .sum();
        let fargate = ipam
            .pods
            .iter()
            .filter(|p| {
                matches!(p.placement, Placement::Fargate { .. })
                    && p.subnet == Some(s.subnet)
                    && p.ip.is_some()
            })
            .count() as u32;
        let secondary_enis: u32 = ipam
            .nodes
            .iter()
            .flat_map(|n| n.enis())
            .filter(|e| e.subnet == s.subnet && e.index > 0)
            .count() as u32;
        prop_assert_eq!(
            pool.count(Holder::PodAssigned) + pool.count(Holder::Warm),
            secondaries + fargate
        );
        prop_assert_eq!(pool.count(Holder::Prefix), s.prefixes * IPS_PER_PREFIX);
        prop_assert_eq!(pool.count(Holder::EniPrimary), secondary_enis);
        // The subnet's summary agrees with its ENIs.
        let enis: Vec<_> = ipam
            .nodes
            .iter()
            .flat_map(|n| n.enis())
            .filter(|e| e.subnet == s.subnet)
            .collect();
        let assigned: usize = enis.iter().map(|e| e.assigned()).sum();
        let held: usize = enis.iter().map(|e| e.capacity()).sum();
        let prefixes: usize = enis.iter().map(|e| e.prefixes().len()).sum();
        prop_assert_eq!(s.enis as usize, enis.len());
        prop_assert_eq!(s.assigned as usize, assigned + fargate as usize);
        prop_assert_eq!(s.warm as usize, held - assigned);
        prop_assert_eq!(s.prefixes as usize, prefixes);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold(k in knobs()) {
        let a = analyze(&scenario(&k));
        check(&a)?;
    }
}

#[test]
fn the_examples_satisfy_the_invariants() {
    let a = analyze(&Scenario::example());
    check(&a).unwrap();
    let mut s = Scenario::example();
    s.cni.enable_prefix_delegation = true;
    s.workloads[0].replicas = 300;
    check(&analyze(&s)).unwrap();
}
