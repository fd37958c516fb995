//! The address map, CIDR reservations, fragmentation and the forecast against worked
//! numbers.

use super::*;
use crate::cni::{NoIpCause, PodProblem, PodStatus};
use crate::scenario::*;
use crate::{analyze, Analysis};

/// One m5.large in a public /26 (`10.0.0.0/26`, so that the node registers through
/// the public endpoint), `pods` replicas, the given reservations.
fn small(prefix_delegation: bool, pods: u32, reservations: &[(&str, ReservationType)]) -> Scenario {
    let mut s = crate::testkit::public_cluster("10.0.0.0/26", "m5.large", 1, pods);
    s.vpc.subnet_cidr_reservations = reservations
        .iter()
        .enumerate()
        .map(|(i, (cidr, kind))| SubnetCidrReservation {
            subnet_cidr_reservation_id: format!("scr-{i}"),
            subnet_id: "subnet-a".into(),
            cidr: (*cidr).into(),
            reservation_type: *kind,
            description: String::new(),
        })
        .collect();
    s.cni.enable_prefix_delegation = prefix_delegation;
    s
}

fn app_pods(a: &Analysis) -> Vec<crate::cni::Pod> {
    a.ipam.pods.iter().filter(|p| !p.host_network).collect()
}

fn in_net(ip: std::net::IpAddr, net: &str) -> bool {
    let net: ipnet::IpNet = net.parse().unwrap();
    net.contains(&ip)
}

#[test]
fn every_address_of_the_default_scenario_has_one_owner() {
    let a = analyze(&Scenario::example());
    let map = build(&a);
    assert_eq!(map.subnets.len(), a.model.subnets.len());
    for s in &map.subnets {
        assert_eq!(s.counts.iter().map(|c| c.1).sum::<u32>(), s.total);
        assert_eq!(s.blocks.len() as u32 * 16, s.total);
        let pool = a.addresses.pool(s.subnet).unwrap();
        // The map's free addresses are the ledger's, and so are its /28s.
        assert_eq!(s.free, pool.free());
        assert_eq!(s.free_blocks28, pool.free_blocks28());
        assert_eq!(s.count(Owner::AwsReserved), 5);
        let ipam = &a.ipam.subnets[s.subnet];
        assert_eq!(s.count(Owner::Pod), ipam.assigned);
        assert_eq!(s.count(Owner::Warm), ipam.warm);
        assert_eq!(s.count(Owner::Other), 0, "{s:?}");
    }
    // subnet-a (192.168.32.0/19): AWS's 5, the EKS-owned ENI, two nodes with eth0 and
    // eth1 (two primaries each), one app pod and 17 warm IPs each, and the CLB.
    let s = map.find("subnet-a").unwrap();
    assert_eq!(s.count(Owner::NodePrimary), 2);
    assert_eq!(s.count(Owner::EniPrimary), 2);
    assert_eq!(s.count(Owner::Warm), 34);
    assert_eq!(s.count(Owner::LoadBalancer), 1);
    assert_eq!(s.free, 8192 - 5 - 1 - 2 - 2 - 2 - 34 - 1);
    // Blocks: the used ones are at the start (lowest first); the last holds the
    // broadcast address, so no prefix fits there either.
    assert_eq!(s.blocks[0].kind, BlockKind::Full);
    let last = s.blocks.last().unwrap();
    assert_eq!(
        (last.kind, last.owner, last.free),
        (BlockKind::Partial, Owner::AwsReserved, 15)
    );
    assert_eq!(s.blocks_of(BlockKind::Free), s.free_blocks28);
    assert_eq!(map.fullest().map(|s| s.id.as_str()), Some("subnet-a"));
}

#[test]
fn a_block_says_who_holds_what() {
    let a = analyze(&Scenario::example());
    let map = build(&a);
    let s = map.find("subnet-a").unwrap();
    let lb = &a.lbs.load_balancers[0];
    let ip = lb
        .nodes
        .iter()
        .find(|n| n.subnet == s.subnet)
        .unwrap()
        .private_ip;
    let block = ((u32::from(ip) - u32::from(s.cidr.network())) / 16) as usize;
    let detail = block_detail(&a, s.subnet, block);
    assert_eq!(detail.len(), 16);
    let d = detail.iter().find(|d| d.ip == ip).unwrap();
    assert_eq!(d.owner, Owner::LoadBalancer);
    assert_eq!(d.holder.as_deref(), Some(lb.name.as_str()));
    assert_eq!(d.element.as_ref(), Some(&lb.eid));
    // The pinned pod 192.168.36.89 is named with its node and ENI.
    let pinned: std::net::Ipv4Addr = "192.168.36.89".parse().unwrap();
    let block = ((u32::from(pinned) - u32::from(s.cidr.network())) / 16) as usize;
    let d = block_detail(&a, s.subnet, block)
        .into_iter()
        .find(|d| d.ip == pinned)
        .unwrap();
    assert_eq!(d.owner, Owner::Pod);
    let h = d.holder.unwrap();
    assert!(
        h.starts_with("default/my-nginx-5dc4865748-g2xzk on ip-192-168-46-6"),
        "{h}"
    );
    assert!(h.ends_with("eth0"), "{h}");
    assert!(block_detail(&a, s.subnet, s.blocks.len()).is_empty());
    assert!(block_detail(&a, 99, 0).is_empty());
}

/// A /26 has four /28s: the first holds AWS's .0–.3 and the node IP, the last the
/// broadcast. Two explicit reservations (.24/29, .40/29) take half of each middle
/// block: 64 − 5 − 1 − 16 = 42 addresses are free, yet no aligned /28 is, so prefix
/// delegation fails (EC2's `InsufficientCidrBlocks`) and the pods wait.
#[test]
fn free_addresses_without_a_free_aligned_28_fail_prefix_delegation() {
    use ReservationType::Explicit;
    let s = small(
        true,
        3,
        &[("10.0.0.24/29", Explicit), ("10.0.0.40/29", Explicit)],
    );
    let a = analyze(&s);
    let map = build(&a);
    let m = &map.subnets[0];
    assert_eq!((m.free, m.free_blocks28), (42, 0));
    assert_eq!(m.count(Owner::ReservedExplicit), 16);
    assert_eq!(m.blocks_of(BlockKind::Partial), 4);
    for p in app_pods(&a) {
        assert_eq!(p.status, PodStatus::ContainerCreating);
        assert_eq!(
            p.problem,
            Some(PodProblem::NoIp {
                cause: NoIpCause::NoContiguousPrefix { subnet: 0 }
            })
        );
    }
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == crate::Code::PodsWithoutIp)
        .unwrap();
    assert!(
        d.message
            .en
            .contains("subnet-a has 42 free addresses but 0 free aligned /28 blocks"),
        "{}",
        d.message.en
    );
    assert!(d.message.ko.contains("빈 주소가 42개"), "{}", d.message.ko);
    let fix = d.fix.as_ref().unwrap();
    for remedy in [
        "--reservation-type prefix",
        "dedicated subnet",
        "WARM_PREFIX_TARGET",
        "WARM_IP_TARGET",
    ] {
        assert!(fix.en.contains(remedy), "{remedy}: {}", fix.en);
    }
    // The same subnet without prefix delegation: secondary IPs fit in the scattered
    // addresses, never in the reserved ones.
    let a = analyze(&small(
        false,
        3,
        &[("10.0.0.24/29", Explicit), ("10.0.0.40/29", Explicit)],
    ));
    for p in app_pods(&a) {
        assert_eq!(p.status, PodStatus::Running);
        let ip = p.ip.unwrap();
        assert!(
            !in_net(ip, "10.0.0.24/29") && !in_net(ip, "10.0.0.40/29"),
            "{ip}"
        );
    }
}

/// A `prefix` reservation is for prefix delegation only: prefixes come from it,
/// secondary IPs and ENI primaries never do (Amazon VPC User Guide, "Subnet CIDR
/// reservations").
#[test]
fn a_prefix_reservation_serves_prefixes_only() {
    use ReservationType::{Explicit, Prefix};
    let res = [("10.0.0.16/28", Prefix), ("10.0.0.40/29", Explicit)];
    let a = analyze(&small(true, 3, &res));
    let node = a.ipam.nodes.get(0).unwrap();
    let cidrs: Vec<String> = node
        .enis()
        .get(0)
        .unwrap()
        .prefixes()
        .map(|p| p.cidr.to_string())
        .collect();
    assert_eq!(cidrs, ["10.0.0.16/28"]);
    assert!(app_pods(&a).iter().all(|p| p.status == PodStatus::Running));
    let m = &build(&a).subnets[0];
    assert_eq!(m.count(Owner::ReservedPrefix), 0);
    assert_eq!(m.count(Owner::PrefixPod), 3);
    assert_eq!(m.count(Owner::PrefixSpare), 13);
    assert_eq!(m.blocks[1].kind, BlockKind::Prefix);

    // Without prefix delegation nothing takes the reserved /28, even when the
    // subnet runs out: 64 − 5 − 1 − 16 − 8 = 34 addresses for eth0's 9 and two more
    // ENIs (primary + 9 each): 9 + 10 + 10 = 29, all outside the reservations.
    let a = analyze(&small(false, 27, &res));
    let m = &build(&a).subnets[0];
    assert_eq!(m.count(Owner::ReservedPrefix), 16);
    assert_eq!(m.count(Owner::ReservedExplicit), 8);
    for p in app_pods(&a).iter().filter(|p| p.ip.is_some()) {
        let ip = p.ip.unwrap();
        assert!(
            !in_net(ip, "10.0.0.16/28") && !in_net(ip, "10.0.0.40/29"),
            "{ip}"
        );
    }
    assert_eq!(m.blocks[1].kind, BlockKind::Reserved);
    assert!(m.blocks[1].prefix_ok);
}

#[test]
fn reservations_are_optional_and_checked() {
    // Old scenarios (no `subnetCidrReservations`) load, and saving adds nothing.
    let json = Scenario::example().to_json();
    assert!(!json.contains("subnetCidrReservations"));
    assert_eq!(Scenario::from_json(&json).unwrap(), Scenario::example());
    let with = r#"{"vpc": {"cidrBlocks": ["10.0.0.0/16"], "subnets": [{"subnetId": "s", "availabilityZone": "a", "cidrBlock": "10.0.0.0/24"}],
        "subnetCidrReservations": [{"subnetCidrReservationId": "scr-1", "subnetId": "s", "cidr": "10.0.0.64/28", "reservationType": "explicit", "description": "appliances"}]}}"#;
    let s = Scenario::from_json(with).unwrap();
    let r = &s.vpc.subnet_cidr_reservations[0];
    assert_eq!(
        (r.reservation_type, r.description.as_str()),
        (ReservationType::Explicit, "appliances")
    );
    let a = analyze(&s);
    assert_eq!(a.model.cidr_reservations.len(), 1);
    assert_eq!(build(&a).subnets[0].count(Owner::ReservedExplicit), 16);
    assert!(Scenario::from_json(&with.replace("explicit", "sometimes")).is_err());

    use ReservationType::Explicit;
    for (bad, res) in [
        ("outside", vec![("10.0.1.0/28", Explicit)]),
        (
            "overlap",
            vec![("10.0.0.16/28", Explicit), ("10.0.0.20/30", Explicit)],
        ),
    ] {
        let a = analyze(&small(false, 1, &res));
        let d: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.code == crate::Code::CidrReservationInvalid)
            .collect();
        assert_eq!(d.len(), 1, "{bad}");
        assert_eq!(a.model.cidr_reservations.len(), res.len() - 1, "{bad}");
    }
    let a = analyze(&small(false, 1, &[("10.0.0.x/28", Explicit)]));
    assert!(a
        .diagnostics
        .iter()
        .any(|d| d.code == crate::Code::InvalidCidr));
}

/// The default scenario: subnet-a (a /19, 8,192 addresses) has 8,145 free. A new
/// m5.large node takes its primary and fills eth0 with 9 warm IPs (`WARM_ENI_TARGET=1`):
/// 10 addresses, so ⌊8,145 / 10⌋ = 814 more nodes start with a full warm pool. The
/// two nodes there run 3 pods each under a max pods of 29 (3 × (10 − 1) + 2): 2 × 26
/// = 52 more pods, 34 of them on warm IPs and 18 on the eth2 each can still attach;
/// max pods stops first.
#[test]
fn forecast_of_the_default_scenario() {
    let a = analyze(&Scenario::example());
    let f = forecast::forecast(&a, 0).unwrap();
    assert_eq!(f.groups.len(), 1);
    let g = &f.groups[0];
    assert_eq!(
        (g.name.as_str(), g.more_nodes, g.per_node, g.stop),
        ("ng-1", 814, 10, Stop::SubnetFull)
    );
    let p = &f.pods;
    assert_eq!(
        (p.nodes, p.more_pods, p.max_pods_room, p.warm, p.stop),
        (2, 52, 52, 34, Stop::MaxPods)
    );
}

/// The 1,000-node generated cluster: m5.xlarge (4 ENIs × 15 addresses, max pods 58)
/// with 30 pods each, 334 nodes in subnet-0 (a /16). Each node holds 4 ENIs × 14 = 56
/// secondary IPs, 30 for pods and 26 warm, so 65,536 − 5 − 1 (EKS ENI) − 334 − 1,002
/// (ENI primaries) − 10,020 − 8,684 − 1 (the load balancer) = 45,489 are free. A new
/// node takes 1 + 14 = 15: ⌊45,489 / 15⌋ = 3,032 more nodes. The nodes take
/// 334 × (58 − 32) = 8,684 more pods, exactly their warm IPs; max pods stops first.
#[test]
fn forecast_of_the_thousand_node_cluster() {
    let a = analyze(&crate::generate::large(1_000, 30));
    let map = build(&a);
    let s = map.find("subnet-0").unwrap();
    assert_eq!(s.free, 45_489);
    assert_eq!(s.count(Owner::EniPrimary), 1_002);
    let f = forecast::forecast(&a, s.subnet).unwrap();
    let g = &f.groups[0];
    assert_eq!(
        (g.more_nodes, g.per_node, g.stop),
        (3_032, 15, Stop::SubnetFull)
    );
    let p = &f.pods;
    assert_eq!(
        (p.nodes, p.more_pods, p.warm, p.stop),
        (334, 8_684, 8_684, Stop::MaxPods)
    );
}

/// Forecasts where the subnet or the ENIs stop first: a /26 fragmented for prefixes,
/// and a node whose max pods is above what its ENIs can address.
#[test]
fn forecast_stops() {
    use ReservationType::Explicit;
    let a = analyze(&small(
        true,
        3,
        &[("10.0.0.24/29", Explicit), ("10.0.0.40/29", Explicit)],
    ));
    let f = forecast::forecast(&a, 0).unwrap();
    assert_eq!(
        (f.groups[0].more_nodes, f.groups[0].stop),
        (0, Stop::NoFreeBlock)
    );
    assert_eq!((f.pods.more_pods, f.pods.stop), (0, Stop::NoFreeBlock));
    // One m5.large with max pods overridden above its ENIs' 27 addresses: the ENI
    // limit stops pods first.
    let mut s = small(false, 1, &[]);
    s.vpc.subnets[0].cidr_block = "10.0.0.0/24".into();
    s.cni.max_pods_override = Some(100);
    let a = analyze(&s);
    let f = forecast::forecast(&a, 0).unwrap();
    assert_eq!(f.pods.stop, Stop::EniLimit);
    // 27 secondary IPs in all, 1 used by the app pod.
    assert_eq!(f.pods.more_pods, 26);
}

mod props {
    use proptest::prelude::*;

    use super::*;

    /// Adds reservations to random subnets of `s`: `(subnet, block, prefix length,
    /// prefix type)`, inside the subnet or not.
    fn with_reservations(mut s: Scenario, res: &[(usize, u32, u8, bool)]) -> Scenario {
        let n = s.vpc.subnets.len();
        for (i, &(k, block, len, prefix)) in res.iter().enumerate() {
            let Some(sub) = s.vpc.subnets.get(k % n.max(1)) else {
                break;
            };
            let base = sub
                .cidr_block
                .parse::<ipnet::Ipv4Net>()
                .map_or(0x0a00_0000, |c| u32::from(c.network()));
            let ip = std::net::Ipv4Addr::from(base.wrapping_add(block * 16));
            s.vpc.subnet_cidr_reservations.push(SubnetCidrReservation {
                subnet_cidr_reservation_id: format!("scr-{i}"),
                subnet_id: sub.subnet_id.clone(),
                cidr: format!("{ip}/{len}"),
                reservation_type: if prefix {
                    ReservationType::Prefix
                } else {
                    ReservationType::Explicit
                },
                description: String::new(),
            });
        }
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Over random scenarios (garbage included) with random reservations: every
        /// address has exactly one owner, the map's free addresses and free /28s are
        /// the ledger's, and the forecast and block details never panic.
        #[test]
        fn the_map_accounts_for_every_address(
            s in crate::robustness::scenario(),
            res in prop::collection::vec((0usize..5, 0u32..40, 24u8..31, any::<bool>()), 0..4),
            pd in any::<bool>(),
        ) {
            let mut s = with_reservations(s, &res);
            s.cni.enable_prefix_delegation = pd;
            let a = analyze(&s);
            let map = build(&a);
            for m in &map.subnets {
                let pool = a.addresses.pool(m.subnet).unwrap();
                prop_assert_eq!(m.counts.iter().map(|c| c.1).sum::<u32>(), m.total);
                prop_assert_eq!(m.blocks.len() as u32 * 16, m.total);
                prop_assert_eq!(m.free, pool.free());
                prop_assert_eq!(m.free_blocks28, pool.free_blocks28());
                prop_assert_eq!(
                    m.block_counts.iter().map(|c| c.1).sum::<u32>(),
                    m.blocks.len() as u32
                );
                let f = forecast::forecast(&a, m.subnet).unwrap();
                prop_assert!(f.pods.more_pods <= f.pods.max_pods_room);
                prop_assert_eq!(block_detail(&a, m.subnet, 0).len(), 16);
            }
        }
    }
}
