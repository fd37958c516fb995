//! Tests of stranded nodes: which pins a new block strands, unpinning, moving in
//! (unit tests on the example), and properties over any block of the VPC.

use proptest::prelude::*;

use super::*;
use crate::analyze;
use crate::codes::Code;

/// The example with subnet-a (index 0) resized to `cidr`.
fn resized(cidr: &str) -> (Scenario, Analysis) {
    let mut s = Scenario::example();
    s.vpc.subnets[0].cidr_block = cidr.into();
    let a = analyze(&s);
    (s, a)
}

#[test]
fn a_smaller_block_strands_the_pins_outside_it() {
    let (s, a) = resized("192.168.32.0/26");
    let st = stranded(&s, &a, 0);
    let ips: Vec<String> = st.nodes.iter().map(|n| n.2.to_string()).collect();
    assert_eq!(ips, ["192.168.46.6", "192.168.48.175"]);
    assert_eq!(
        st.nodes.iter().map(|n| (n.0, n.1)).collect::<Vec<_>>(),
        [(0, 0), (0, 1)]
    );
    // The pods pinned to those nodes, by name.
    assert!(!st.pods.is_empty());
    for &p in &st.pods {
        let n = &s.pods[p].node_name;
        assert!(n.starts_with("ip-192-168-46-6.") || n.starts_with("ip-192-168-48-175."));
    }
    // The other subnet strands nothing; an unknown index neither.
    assert_eq!(stranded(&s, &a, 1), Stranded::default());
    assert_eq!(stranded(&s, &a, 9), Stranded::default());
}

#[test]
fn the_example_strands_nothing() {
    let s = Scenario::example();
    let a = analyze(&s);
    for k in 0..s.vpc.subnets.len() {
        assert_eq!(stranded(&s, &a, k), Stranded::default());
    }
}

#[test]
fn an_unparsable_block_strands_nothing() {
    let (s, a) = resized("not a cidr");
    assert_eq!(stranded(&s, &a, 0), Stranded::default());
}

#[test]
fn unpin_lets_the_analysis_allocate_them() {
    let (mut s, a) = resized("192.168.32.0/26");
    let st = stranded(&s, &a, 0);
    let pins = s.node_groups[0].nodes.len();
    unpin(&mut s, &a, 0);
    assert_eq!(s.node_groups[0].nodes.len(), pins - st.nodes.len());
    for &p in &st.pods {
        assert!(s.pods[p].node_name.is_empty());
        assert_eq!(s.pods[p].pod_ip, None);
    }
    let a = analyze(&s);
    assert!(stranded(&s, &a, 0).nodes.is_empty());
    assert!(!a.diagnostics.iter().any(|d| d.code == Code::NodeIpUnusable));
    assert_eq!(
        a.model.nodes.len(),
        4,
        "the group still has its desired size"
    );
}

#[test]
fn move_in_takes_the_lowest_free_addresses_and_the_pods_follow() {
    let (mut s, a) = resized("192.168.32.0/26");
    let st = stranded(&s, &a, 0);
    // The lowest two addresses after AWS's reserved four that the analysis left
    // free (the cluster's EKS-owned ENIs hold some of them).
    let pool = a.model.pools[0].as_ref().unwrap();
    let lowest: Vec<String> = (4..64u32)
        .map(|o| Ipv4Addr::from(u32::from(Ipv4Addr::new(192, 168, 32, 0)) + o))
        .filter(|ip| pool.is_free(*ip))
        .take(2)
        .map(|ip| ip.to_string())
        .collect();
    move_in(&mut s, &a, 0);
    let pins = &s.node_groups[0].nodes;
    assert_eq!(
        [&pins[0].private_ip, &pins[1].private_ip],
        [&lowest[0], &lowest[1]]
    );
    for &p in &st.pods {
        let n = &s.pods[p].node_name;
        assert!(lowest.contains(n), "{n}");
        assert_eq!(s.pods[p].pod_ip, None);
    }
    let a = analyze(&s);
    assert!(stranded(&s, &a, 0).nodes.is_empty());
    assert!(!a.diagnostics.iter().any(|d| d.code == Code::NodeIpUnusable));
}

#[test]
fn move_in_stops_when_the_block_is_full() {
    // A /30 has 4 addresses, all reserved by AWS: nothing to move to.
    let (mut s, a) = resized("192.168.32.0/30");
    let before = s.clone();
    assert_eq!(stranded(&s, &a, 0).nodes.len(), 2);
    move_in(&mut s, &a, 0);
    assert_eq!(s, before);
}

#[test]
fn names() {
    let ip = Ipv4Addr::new(192, 168, 46, 6);
    assert!(names_node("192.168.46.6", ip));
    assert!(names_node(
        " ip-192-168-46-6.ap-northeast-2.compute.internal ",
        ip
    ));
    assert!(names_node("ip-192-168-46-6", ip));
    assert!(!names_node("ip-192-168-46-60", ip));
    assert!(!names_node("", ip));
}

#[test]
fn network_addresses() {
    let n = |c: &str| network_address(c).map(|n| n.to_string());
    assert_eq!(n(" 192.168.32.5 / 19 ").as_deref(), Some("192.168.32.0/19"));
    assert_eq!(n("10.0.0.1/0").as_deref(), Some("0.0.0.0/0"));
    assert_eq!(n("10.0.0.0/8"), None);
    assert_eq!(n("10.0.0.1/32"), None);
    assert_eq!(n("10.0.0.1/33"), None);
    assert_eq!(n("10.0.0.1"), None);
    assert_eq!(n("fd00::1/64"), None);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// The network address holds the address, has no host bits and the same
    /// length; it is `None` exactly when the address is its own network.
    #[test]
    fn network_address_is_the_block_of_the_address(ip in any::<u32>(), len in 0u8..=32) {
        let ip = Ipv4Addr::from(ip);
        let cidr = format!("{ip}/{len}");
        match network_address(&cidr) {
            Some(net) => {
                prop_assert!(net.contains(&ip));
                prop_assert_eq!(net.prefix_len(), len);
                prop_assert_eq!(net.network(), net.addr());
                prop_assert_ne!(net.addr(), ip);
                prop_assert_eq!(network_address(&net.to_string()), None);
            }
            None => prop_assert_eq!(Ipv4Net::new(ip, len).unwrap().network(), ip),
        }
    }

    /// For any block of subnet-a inside the VPC: exactly the pins outside it are
    /// stranded; moving in gives distinct free, unreserved addresses of the block
    /// (so that nothing stays stranded when the block has room), and unpinning
    /// leaves nothing stranded.
    #[test]
    fn any_block_strands_exactly_the_pins_outside_it(
        addr in 0u32..(1 << 16),
        len in 16u8..=28,
    ) {
        let base = u32::from(Ipv4Addr::new(192, 168, 0, 0)) | addr;
        let net = Ipv4Net::new(Ipv4Addr::from(base), len).unwrap().trunc();
        let (s, a) = resized(&net.to_string());
        let st = stranded(&s, &a, 0);
        for (gi, g) in s.node_groups.iter().enumerate() {
            for (pi, pin) in g.nodes.iter().enumerate() {
                let ip: Ipv4Addr = pin.private_ip.parse().unwrap();
                let outside = pin.subnet_id == "subnet-a" && !net.contains(&ip);
                prop_assert_eq!(st.nodes.contains(&(gi, pi, ip)), outside);
            }
        }

        let mut moved = s.clone();
        move_in(&mut moved, &a, 0);
        let mut given = Vec::new();
        for &(g, p, _) in &st.nodes {
            let ip: Ipv4Addr = moved.node_groups[g].nodes[p].private_ip.parse().unwrap();
            if net.contains(&ip) {
                prop_assert!(ip != net.network() && ip != net.broadcast());
                prop_assert!(u32::from(ip) - u32::from(net.network()) > 3, "reserved {}", ip);
                prop_assert!(!given.contains(&ip));
                given.push(ip);
            }
        }
        // A block with as many free addresses as stranded pins holds them all.
        let pool = a.model.pools[model_subnet(&a, 0).unwrap()].as_ref().unwrap();
        if free_addresses(pool, &[]).count() >= st.nodes.len() + s.node_groups[0].nodes.len() {
            let a2 = analyze(&moved);
            prop_assert!(stranded(&moved, &a2, 0).nodes.is_empty());
        }

        let mut unpinned = s.clone();
        unpin(&mut unpinned, &a, 0);
        let a3 = analyze(&unpinned);
        prop_assert!(stranded(&unpinned, &a3, 0).nodes.is_empty());
    }
}
