//! Route tables and network ACLs in traces, against the lab of `testkit`: explicit
//! tables mean what the default routes meant, and each new block verdict (a
//! blackhole, a more specific route that leads nowhere, a missing route, an ACL that
//! denies the request or its reply) stops where AWS drops the packet.

use super::*;
use crate::scenario::*;
use crate::testkit::{code, field, lab, run, MODES};
use crate::Scenario;

const PUB: &str = "kubelet:ip-192-168-46-6";
const PRIV: &str = "kubelet:ip-192-168-130-10";

fn route(dest: &str) -> RouteEntry {
    RouteEntry {
        destination_cidr_block: Some(dest.into()),
        ..RouteEntry::default()
    }
}

/// The lab's routing written as AWS lists it: a main table for the public subnets
/// and a table for the private ones.
pub(crate) fn with_tables(mut s: Scenario) -> Scenario {
    s.vpc.route_tables = vec![
        RouteTable {
            route_table_id: "rtb-public".into(),
            associations: vec![RouteTableAssociation {
                main: true,
                subnet_id: None,
            }],
            routes: vec![RouteEntry {
                gateway_id: Some("igw-1".into()),
                ..route("0.0.0.0/0")
            }],
        },
        RouteTable {
            route_table_id: "rtb-private".into(),
            associations: ["subnet-pa", "subnet-pc"]
                .map(|id| RouteTableAssociation {
                    main: false,
                    subnet_id: Some(id.into()),
                })
                .to_vec(),
            routes: vec![
                RouteEntry {
                    gateway_id: Some("local".into()),
                    ..route("192.168.0.0/16")
                },
                RouteEntry {
                    nat_gateway_id: Some("nat-a".into()),
                    ..route("0.0.0.0/0")
                },
            ],
        },
    ];
    s
}

fn routing_hop<'t>(t: &'t Trace, subnet: &str) -> &'t Hop {
    t.hops
        .iter()
        .find(|h| h.link == Link::VpcRouter && h.at.as_str() == format!("subnet:{subnet}"))
        .expect("a routing hop")
}

#[test]
fn explicit_tables_mean_what_the_default_routes_meant() {
    let flows = [
        PUB,
        PRIV,
        "exec:ip-192-168-46-6",
        "kubectl:bastion",
        "pull:ip-192-168-130-10",
    ];
    for (public, private) in MODES {
        let implied = lab(public, private);
        let explicit = with_tables(lab(public, private));
        for f in flows {
            let (a, b) = (run(&implied, f), run(&explicit, f));
            assert_eq!(a.verdict, b.verdict, "{f} {public} {private}");
            let ids = |t: &Trace| t.hops.iter().map(|h| h.at.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&a), ids(&b), "{f}");
        }
    }
    let t = run(&with_tables(lab(true, false)), PRIV);
    let hop = routing_hop(&t, "subnet-pa");
    assert_eq!(hop.component.id, "rtb-private");
    assert_eq!(hop.label.en, "route table rtb-private (subnet-pa)");
    let r = hop.route_table_route.as_ref().unwrap();
    assert_eq!(r.nat_gateway_id.as_deref(), Some("nat-a"));
    assert_eq!(r.destination_cidr.as_deref(), Some("0.0.0.0/0"));
    assert_eq!(r.pointer.as_deref(), Some("/vpc/routeTables/1/routes/1"));
    // The implied table of the same subnet: named after it, its route implied.
    let t = run(&lab(true, false), PRIV);
    let hop = routing_hop(&t, "subnet-pa");
    assert_eq!(hop.label.en, "route table of subnet-pa");
    assert_eq!(hop.component.id, "rtb-subnet-pa");
    assert_eq!(hop.route_table_route.as_ref().unwrap().origin, "implied");
}

#[test]
fn a_blackhole_route_drops_the_traffic_there() {
    let mut s = with_tables(lab(true, false));
    s.vpc.route_tables[1].routes[1].state = RouteState::Blackhole;
    let t = run(&s, PRIV);
    assert_eq!(code(&t), Some("route-blackhole"));
    assert_eq!(t.blocked_at().unwrap().as_str(), "subnet:subnet-pa");
    assert_eq!(field(&t).as_deref(), Some("/vpc/routeTables/1/routes/1"));
    let last = t.hops.last().unwrap();
    assert_eq!(last.route_table_route.as_ref().unwrap().state, "blackhole");
    // A deleted NAT gateway: AWS shows the route as a blackhole, eksnet too.
    let mut s = with_tables(lab(true, false));
    s.vpc.route_tables[1].routes[1].nat_gateway_id = Some("nat-gone".into());
    assert_eq!(code(&run(&s, PRIV)), Some("route-blackhole"));
    let a = crate::analyze(&s);
    assert!(a
        .diagnostics
        .iter()
        .any(|d| d.code == "unknown-reference"
            && d.path == "/vpc/routeTables/1/routes/1/natGatewayId"));
    // The subnet is no longer "private with a NAT" for the rest of the model.
    assert_eq!(a.model.subnets[2].route, crate::model::Route::None);
}

#[test]
fn the_longest_prefix_wins_even_when_it_leads_nowhere() {
    let base = with_tables(lab(true, false));
    let nlb = crate::analyze(&base).model.cluster.nlb_public_ips[0];
    let mut s = base.clone();
    s.vpc.route_tables[1].routes.push(RouteEntry {
        vpc_peering_connection_id: Some("pcx-1".into()),
        ..route(&format!("{nlb}/32"))
    });
    let t = run(&s, PRIV);
    assert_eq!(code(&t), Some("no-route-to-internet"));
    let r = t.hops.last().unwrap().route_table_route.as_ref().unwrap();
    assert_eq!(r.vpc_peering_connection_id.as_deref(), Some("pcx-1"));
    assert_eq!(field(&t).as_deref(), Some("/vpc/routeTables/1/routes/2"));
    // A less specific route to the peer leaves 0.0.0.0/0 → NAT in charge.
    let mut s = base;
    s.vpc.route_tables[1].routes.insert(
        0,
        RouteEntry {
            vpc_peering_connection_id: Some("pcx-1".into()),
            ..route("0.0.0.0/1")
        },
    );
    let covers = nlb.octets()[0] < 128;
    assert_eq!(run(&s, PRIV).is_reachable(), !covers);
}

#[test]
fn a_missing_route_blocks_and_names_the_table() {
    let mut s = with_tables(lab(true, false));
    s.vpc.route_tables[1].routes.pop();
    let t = run(&s, PRIV);
    assert_eq!(code(&t), Some("no-route-to-internet"));
    assert_eq!(field(&t).as_deref(), Some("/vpc/routeTables/1/routes"));
    let Verdict::Blocked { reason, .. } = &t.verdict else {
        unreachable!()
    };
    assert!(
        reason.en.contains("rtb-private of subnet-pa"),
        "{}",
        reason.en
    );
    assert!(
        reason.ko.contains("rtb-private of subnet-pa"),
        "{}",
        reason.ko
    );
    assert!(t.hops.last().unwrap().route_table_route.is_none());
    // A subnet no table claims (no main table) keeps its implied table.
    let mut s = with_tables(lab(true, false));
    s.vpc.route_tables[0].associations[0].main = false;
    let m = crate::analyze(&s).model;
    assert!(m.route_table_of(0).unwrap().implied);
    assert!(run(&s, PUB).is_reachable());
}

pub(crate) fn acl_entry(
    number: u32,
    egress: bool,
    allow: bool,
    cidr: &str,
    ports: Option<(u16, u16)>,
) -> NetworkAclEntry {
    NetworkAclEntry {
        rule_number: number,
        protocol: if ports.is_some() {
            "6".into()
        } else {
            "-1".into()
        },
        rule_action: if allow {
            RuleAction::Allow
        } else {
            RuleAction::Deny
        },
        egress,
        cidr_block: cidr.into(),
        port_range: ports.map(|(from, to)| PortRange { from, to }),
    }
}

pub(crate) fn with_acl(mut s: Scenario, subnet: &str, entries: Vec<NetworkAclEntry>) -> Scenario {
    s.vpc.network_acls = vec![NetworkAcl {
        network_acl_id: "acl-1".into(),
        is_default: false,
        associations: vec![NetworkAclAssociation {
            subnet_id: subnet.into(),
        }],
        entries,
    }];
    s
}

#[test]
fn an_acl_rule_denies_the_request_in_rule_number_order() {
    // subnet-a holds the public node; the API server comes from an EKS-owned ENI in
    // subnet-pa, so the packet enters subnet-a through its ACL.
    let entries = vec![
        acl_entry(200, false, true, "0.0.0.0/0", None),
        acl_entry(100, false, false, "192.168.128.0/19", Some((10250, 10250))),
        acl_entry(100, true, true, "0.0.0.0/0", None),
    ];
    let s = with_acl(lab(true, false), "subnet-a", entries);
    let t = run(&s, "exec:ip-192-168-46-6");
    assert_eq!(code(&t), Some("network-acl-denies"));
    assert_eq!(t.blocked_at().unwrap().as_str(), "subnet:subnet-a");
    let hop = t.hops.last().unwrap();
    assert_eq!(hop.link, Link::NetworkAcl);
    assert_eq!(hop.component.id, "acl-1");
    let rule = hop.acl_rule.as_ref().unwrap();
    assert_eq!(
        (rule.rule_number, rule.rule_action, rule.egress),
        (100, "deny", false)
    );
    assert_eq!(field(&t).as_deref(), Some("/vpc/networkAcls/0/entries/1"));
    // Without the deny, rule 200 admits it and the hop says so.
    let mut s = s;
    s.vpc.network_acls[0].entries.remove(1);
    let t = run(&s, "exec:ip-192-168-46-6");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    let hop = t.hops.iter().find(|h| h.link == Link::NetworkAcl).unwrap();
    assert_eq!(hop.acl_rule.as_ref().unwrap().rule_number, 200);
    // Within one subnet no ACL is crossed: the private node's ENI is in its subnet.
    let s = with_acl(lab(true, false), "subnet-pa", vec![]);
    assert!(run(&s, "exec:ip-192-168-130-10").is_reachable());
}

#[test]
fn replies_on_ephemeral_ports_must_be_let_back_in() {
    // Outbound all, inbound only 443: the request leaves, the reply never arrives.
    let entries = vec![
        acl_entry(100, true, true, "0.0.0.0/0", None),
        acl_entry(100, false, true, "0.0.0.0/0", Some((443, 443))),
    ];
    let s = with_acl(lab(true, false), "subnet-a", entries);
    let t = run(&s, PUB);
    assert_eq!(code(&t), Some("network-acl-denies-return"));
    let Verdict::Blocked { reason, fix, .. } = &t.verdict else {
        unreachable!()
    };
    assert!(reason.en.contains("32768-60999"), "{}", reason.en);
    assert!(fix.ko.contains("32768-60999"), "{}", fix.ko);
    // The default `*` rule denied it.
    assert_eq!(field(&t).as_deref(), Some("/vpc/networkAcls/0/entries"));
    let mut s = s;
    s.vpc.network_acls[0].entries.push(acl_entry(
        110,
        false,
        true,
        "0.0.0.0/0",
        Some((1024, 65535)),
    ));
    assert!(run(&s, PUB).is_reachable());
}

#[test]
fn a_nat_gateway_answers_from_any_ephemeral_port() {
    // The NAT gateway's subnet lets replies in on 32768-65535 only: enough for a
    // Linux node of its own, not for the NAT gateway (1024-65535).
    let entries = vec![
        acl_entry(100, false, true, "192.168.0.0/16", None),
        acl_entry(110, false, true, "0.0.0.0/0", Some((32768, 65535))),
        acl_entry(100, true, true, "0.0.0.0/0", None),
    ];
    let s = with_acl(lab(true, false), "subnet-a", entries);
    assert!(run(&s, PUB).is_reachable());
    let t = run(&s, PRIV);
    assert_eq!(code(&t), Some("network-acl-denies-return"));
    assert!(t.hops.iter().any(|h| h.link == Link::NatGateway));
}

#[test]
fn hops_carry_their_component_and_the_rule_that_applied() {
    let a = crate::analyze(&Scenario::example());
    for f in crate::trace::flows(&a).iter().flat_map(|g| g.flows.iter()) {
        let t = crate::trace(&a, &f.0);
        for h in &t.hops {
            assert!(!h.component.id.is_empty(), "{}", f.0);
            if h.link == Link::VpcRouter {
                assert!(h.route_table_route.is_some(), "{} {}", f.0, h.at);
            }
            let admitted = h.link == Link::SecurityGroup && t.blocked_at() != Some(&h.at);
            if admitted && h.why.en.contains("inbound rule") {
                assert!(h.security_group_rule.is_some(), "{} {}", f.0, h.at);
            }
        }
    }
    let t = run(&lab(true, false), "exec:ip-192-168-130-10");
    let json = serde_json::to_value(&t).unwrap();
    let sg = json["hops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["link"] == "security-group")
        .unwrap();
    assert_eq!(sg["component"]["id"], "sg-cluster");
    assert_eq!(sg["securityGroupRule"]["direction"], "ingress");
    assert_eq!(sg["securityGroupRule"]["protocol"], "-1");
    assert_eq!(sg["securityGroupRule"]["referencedGroupId"], "sg-cluster");
    let rt = json["hops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["link"] == "vpc-router")
        .unwrap();
    assert_eq!(rt["routeTableRoute"]["gatewayId"], "local");
    assert_eq!(rt["routeTableRoute"]["state"], "active");
}

#[test]
fn given_tables_decide_the_way_back_to_a_connected_network() {
    // Implied tables: the network's `routed` flag decides, as before.
    assert!(run(&lab(false, true), "kubectl:office").is_reachable());
    // Given tables: rtb-private's 0.0.0.0/0 → NAT is the longest match for the
    // office's 10.10.0.0/16, so replies never return through the VPN.
    let mut s = with_tables(lab(false, true));
    let t = run(&s, "kubectl:office");
    assert_eq!(code(&t), Some("no-route-to-private-endpoint"));
    assert_eq!(field(&t).as_deref(), Some("/vpc/routeTables/1/routes/1"));
    assert_eq!(t.hops.last().unwrap().component.id, "rtb-private");
    s.vpc.route_tables[1].routes.push(RouteEntry {
        gateway_id: Some("vgw-1".into()),
        ..route("10.10.0.0/16")
    });
    let t = run(&s, "kubectl:office");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    let back = t.hops.iter().find(|h| h.link == Link::VpcRouter).unwrap();
    let r = back.route_table_route.as_ref().unwrap();
    assert_eq!(r.gateway_id.as_deref(), Some("vgw-1"));
    // Given tables win over the flag.
    s.connected_networks[0].routed = false;
    assert!(run(&s, "kubectl:office").is_reachable());
}
