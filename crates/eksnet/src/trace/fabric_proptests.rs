//! Property tests for route tables and network ACLs: random tables and ACLs (good
//! and broken references, odd CIDRs, blackholes, overlapping rules) never make
//! `analyze` or `trace` panic; the route a table picks is the longest prefix that
//! holds the address; an ACL decides a port as its first matching rule says.

use std::net::Ipv4Addr;

use proptest::prelude::*;

use crate::model::fabric::{AclDecision, RouteDest};
use crate::robustness::{pick, trace_everything};
use crate::scenario::*;
use crate::Scenario;

fn cidr() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "0.0.0.0/0",
            "192.168.0.0/16",
            "192.168.128.0/19",
            "10.0.0.0/8",
            "13.0.0.0/8",
            "not a cidr",
            "2600:1f18::/56",
            ""
        ]),
        (any::<[u8; 4]>(), 0u8..=32)
            .prop_map(|(o, l)| format!("{}.{}.{}.{}/{l}", o[0], o[1], o[2], o[3])),
    ]
}

fn route_entry() -> impl Strategy<Value = RouteEntry> {
    let target = prop_oneof![
        pick(&["local", "igw-1", "igw-x", "vpce-s3", "vgw-1"]).prop_map(|g| (
            Some(g),
            None,
            None,
            None
        )),
        pick(&["nat-a", "nat-x"]).prop_map(|n| (None, Some(n), None, None)),
        pick(&["tgw-1"]).prop_map(|t| (None, None, Some(t), None)),
        pick(&["pcx-1"]).prop_map(|p| (None, None, None, Some(p))),
        Just((None, None, None, None)),
    ];
    (
        prop::option::of(cidr()),
        prop::option::of(pick(&["pl-s3", "pl-x"])),
        target,
        any::<bool>(),
    )
        .prop_map(|(c, pl, (g, n, t, p), bh)| RouteEntry {
            destination_cidr_block: c,
            destination_prefix_list_id: pl,
            gateway_id: g,
            nat_gateway_id: n,
            transit_gateway_id: t,
            vpc_peering_connection_id: p,
            state: if bh {
                RouteState::Blackhole
            } else {
                RouteState::Active
            },
        })
}

const SUBNETS: &[&str] = &["subnet-a", "subnet-c", "subnet-pa", "subnet-pc", "subnet-x"];

fn table() -> impl Strategy<Value = RouteTable> {
    (
        pick(&["rtb-1", "rtb-2", ""]),
        prop::collection::vec((any::<bool>(), prop::option::of(pick(SUBNETS))), 0..3),
        prop::collection::vec(route_entry(), 0..5),
    )
        .prop_map(|(id, assoc, routes)| RouteTable {
            route_table_id: id,
            associations: assoc
                .into_iter()
                .map(|(main, subnet_id)| RouteTableAssociation { main, subnet_id })
                .collect(),
            routes,
        })
}

fn acl_entry() -> impl Strategy<Value = NetworkAclEntry> {
    (
        0u32..40000,
        pick(&["-1", "6", "tcp", "17", "icmp", ""]),
        any::<bool>(),
        any::<bool>(),
        cidr(),
        prop::option::of((any::<u16>(), any::<u16>())),
    )
        .prop_map(|(n, proto, allow, egress, cidr, ports)| NetworkAclEntry {
            rule_number: n,
            protocol: proto,
            rule_action: if allow {
                RuleAction::Allow
            } else {
                RuleAction::Deny
            },
            egress,
            cidr_block: cidr,
            port_range: ports.map(|(from, to)| PortRange { from, to }),
        })
}

fn acl() -> impl Strategy<Value = NetworkAcl> {
    (
        pick(&["acl-1", "acl-2"]),
        any::<bool>(),
        prop::collection::vec(pick(SUBNETS), 0..3),
        prop::collection::vec(acl_entry(), 0..8),
    )
        .prop_map(|(id, default, subnets, entries)| NetworkAcl {
            network_acl_id: id,
            is_default: default,
            associations: subnets
                .into_iter()
                .map(|subnet_id| NetworkAclAssociation { subnet_id })
                .collect(),
            entries,
        })
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        any::<(bool, bool)>(),
        prop::collection::vec(table(), 0..4),
        prop::collection::vec(acl(), 0..3),
    )
        .prop_map(|((public, private), tables, acls)| {
            let mut s = crate::testkit::lab(public || !private, private);
            s.vpc.route_tables = tables;
            s.vpc.network_acls = acls;
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn random_tables_and_acls_never_panic(s in scenario()) {
        trace_everything(&s);
    }

    #[test]
    fn the_route_taken_is_the_longest_prefix_holding_the_address(
        s in scenario(),
        dst in any::<[u8; 4]>(),
    ) {
        let m = crate::analyze(&s).model;
        let dst = Ipv4Addr::from(dst);
        for t in &m.route_tables {
            let longest = t.routes.iter().filter_map(|r| match r.dest {
                RouteDest::Cidr(n) if n.contains(&dst) => Some(n.prefix_len()),
                _ => None,
            }).max();
            let picked = t.lookup(dst).map(|(_, r)| match r.dest {
                RouteDest::Cidr(n) if n.contains(&dst) => n.prefix_len(),
                _ => 255,
            });
            prop_assert_eq!(picked, longest);
        }
    }

    #[test]
    fn an_acl_decides_a_port_by_its_first_matching_rule(
        s in scenario(),
        peer in any::<[u8; 4]>(),
        port in any::<u16>(),
        egress in any::<bool>(),
    ) {
        let m = crate::analyze(&s).model;
        let peer = Ipv4Addr::from(peer);
        for a in &m.network_acls {
            let first = a.entries.iter().position(|e| {
                let (lo, hi) = e.ports.map_or((0, u16::MAX), |(x, y)| (x.min(y), x.max(y)));
                e.egress == egress && e.tcp && e.cidr.is_some_and(|c| c.contains(&peer))
                    && lo <= port && port <= hi
            });
            let expected = match first {
                Some(i) if a.entries[i].allow => AclDecision::Allowed { entry: i },
                Some(i) => AclDecision::Denied { entry: Some(i), port },
                None => AclDecision::Denied { entry: None, port },
            };
            prop_assert_eq!(a.evaluate(egress, peer, (port, port)), expected);
        }
    }
}
