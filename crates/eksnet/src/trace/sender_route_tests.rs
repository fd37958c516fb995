//! A packet inside the VPC is routed by the route table of the subnet it leaves
//! (Amazon VPC, "Configure route tables": routes determine where traffic *from*
//! the subnet goes). Here the sender's table has a route more specific than
//! `local` for the destination subnet's CIDR (middlebox routing); the destination
//! subnet's table has only `local`. Naming the destination's table (the rule
//! before) called this path `local` and reachable.

use super::*;
use crate::scenario::*;
use crate::testkit::{code, field, ids, run};
use crate::Scenario;

const A_TO_C: &str = "pod:my-nginx-5dc4865748-g2xzk->pod:my-nginx-5dc4865748-6pr9g";
const C_TO_A: &str = "pod:my-nginx-5dc4865748-6pr9g->pod:my-nginx-5dc4865748-g2xzk";

fn route(dest: &str) -> RouteEntry {
    RouteEntry {
        destination_cidr_block: Some(dest.into()),
        ..RouteEntry::default()
    }
}

/// The default cluster (pod g2xzk in subnet-a, pod 6pr9g in subnet-c) with a main
/// table (`local`, `0.0.0.0/0` → igw-1) and subnet-a's own table, which also
/// sends subnet-c's 192.168.64.0/19 to NAT gateway nat-mb, in state `state`.
fn with_middlebox_route(state: RouteState) -> Scenario {
    let mut s = Scenario::example();
    let base = || {
        vec![
            RouteEntry {
                gateway_id: Some("local".into()),
                ..route("192.168.0.0/16")
            },
            RouteEntry {
                gateway_id: Some("igw-1".into()),
                ..route("0.0.0.0/0")
            },
        ]
    };
    let mut a_routes = base();
    a_routes.push(RouteEntry {
        nat_gateway_id: Some("nat-mb".into()),
        state,
        ..route("192.168.64.0/19")
    });
    s.vpc.route_tables = vec![
        RouteTable {
            route_table_id: "rtb-main".into(),
            associations: vec![RouteTableAssociation {
                main: true,
                subnet_id: None,
            }],
            routes: base(),
        },
        RouteTable {
            route_table_id: "rtb-a".into(),
            associations: vec![RouteTableAssociation {
                main: false,
                subnet_id: Some("subnet-a".into()),
            }],
            routes: a_routes,
        },
    ];
    if state == RouteState::Active {
        s.vpc.nat_gateways.push(NatGateway {
            nat_gateway_id: "nat-mb".into(),
            subnet_id: "subnet-c".into(),
            public_ip: "13.125.0.99".into(),
        });
    }
    s
}

fn routing(t: &Trace) -> &Hop {
    t.hops
        .iter()
        .find(|h| h.link == Link::VpcRouter)
        .expect("a routing hop")
}

#[test]
fn the_senders_table_routes_even_when_a_route_is_more_specific_than_local() {
    let t = run(&with_middlebox_route(RouteState::Active), A_TO_C);
    assert!(t.is_reachable(), "{:?}", t.verdict);
    let hop = routing(&t);
    assert_eq!(hop.at.as_str(), "subnet:subnet-a");
    assert_eq!(hop.component.id, "rtb-a");
    let r = hop.route_table_route.as_ref().unwrap();
    assert_eq!(r.route_table_id, "rtb-a");
    assert_eq!(r.destination_cidr.as_deref(), Some("192.168.64.0/19"));
    assert_eq!(r.nat_gateway_id.as_deref(), Some("nat-mb"));
    assert!(hop.why.en.contains("more specific than the local route"));
    // The destination subnet is still lit, by a hop of its own that decides nothing.
    let into = t.hops.iter().find(|h| h.link == Link::Subnet).unwrap();
    assert_eq!(into.at.as_str(), "subnet:subnet-c");
    assert!(into.route_table_route.is_none());
    let v = ids(&t);
    let (a, c) = (
        v.iter().position(|x| *x == "subnet:subnet-a").unwrap(),
        v.iter().position(|x| *x == "subnet:subnet-c").unwrap(),
    );
    assert!(a < c, "{v:?}");

    // The other way, subnet-c's table (the main one: `local`) decides.
    let t = run(&with_middlebox_route(RouteState::Active), C_TO_A);
    let hop = routing(&t);
    assert_eq!(hop.at.as_str(), "subnet:subnet-c");
    let r = hop.route_table_route.as_ref().unwrap();
    assert_eq!(
        (r.route_table_id.as_str(), r.gateway_id.as_deref()),
        ("rtb-main", Some("local"))
    );
}

#[test]
fn a_blackhole_in_the_senders_table_drops_what_the_receivers_local_route_would_deliver() {
    let s = with_middlebox_route(RouteState::Blackhole);
    let t = run(&s, A_TO_C);
    assert_eq!(code(&t), Some("route-blackhole"), "{:?}", t.verdict);
    assert_eq!(t.blocked_at().map(|x| x.as_str()), Some("subnet:subnet-a"));
    assert_eq!(field(&t).as_deref(), Some("/vpc/routeTables/1/routes/2"));
    // subnet-c's table has no such route: the reply direction is delivered.
    assert!(run(&s, C_TO_A).is_reachable());
}
