//! Route tables and network ACLs of the subnets the cluster uses (the subnets of
//! nodes, of the EKS-owned ENIs and of NAT gateways), read without tracing:
//!
//! - `route-blackhole`: a route in state `blackhole` in a table such a subnet uses
//!   (AWS VPC user guide, "Configure route tables": a route whose target was deleted
//!   stays, and drops what matches it);
//! - `network-acl-denies-return`: the subnet's ACL does not let replies back in on the
//!   ephemeral ports 1024–65535, from the VPC (the control plane's ENIs and the other
//!   nodes answer from there) or, for a NAT gateway's subnet, from the internet
//!   (AWS VPC user guide, "Network ACL rules", ephemeral ports);
//! - `gateway-endpoint-not-routed`: a gateway VPC endpoint (S3, DynamoDB) works only
//!   for the subnets whose route table holds its route; a node subnet whose given
//!   table holds no gateway endpoint route sends S3 traffic (image layers) by its
//!   default route instead (AWS VPC user guide, "Gateway endpoints").
//!
//! What blocks a whole flow (a node that cannot register, the API server that cannot
//! reach a kubelet) is found by the traced checks of `reach.rs`, which meet the same
//! tables and ACLs hop by hop.

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use crate::codes::Code;
use crate::model::fabric::{AclDecision, RouteTarget, EPHEMERAL_ANY, EPHEMERAL_LINUX};
use crate::model::Model;
use crate::scenario::VpcEndpointType;
use crate::{text, Diagnostic};

pub(super) fn check(m: &Model, d: &mut Vec<Diagnostic>) {
    let used = used_subnets(m);
    blackholes(m, &used, d);
    acl_returns(m, &used, d);
    gateway_endpoints(m, d);
}

/// Subnets holding nodes, EKS-owned ENIs or NAT gateways, with what they hold.
fn used_subnets(m: &Model) -> Vec<(usize, bool)> {
    let mut set = BTreeSet::new();
    set.extend(m.nodes.iter().map(|n| n.subnet));
    set.extend(m.eks_enis.iter().map(|e| e.subnet));
    let nats: BTreeSet<usize> =
        crate::sort::set_of(m.vpc.nat_gateways.iter().filter_map(|n| n.subnet));
    set.extend(nats.iter().copied());
    set.into_iter().map(|k| (k, nats.contains(&k))).collect()
}

fn blackholes(m: &Model, used: &[(usize, bool)], d: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for &(k, _) in used {
        let Some(t) = m.route_table_of(k) else {
            continue;
        };
        let sid = m.subnets.get(k).map(|s| s.id.as_str()).unwrap_or_default();
        for r in t.routes.iter().filter(|r| r.blackhole) {
            let Some(path) = r.pointer.clone() else {
                continue;
            };
            if !seen.insert(path.clone()) {
                continue;
            }
            let (tid, route) = (&t.id, r.describe());
            d.push(
                Diagnostic::new(
                    Code::RouteBlackhole,
                    path,
                    text!(
                        "route table {tid} (used by {sid}) has the route {route}, whose target no longer exists: traffic it matches is dropped",
                        "라우팅 테이블 {tid}({sid}이(가) 씀)에 대상이 더는 없는 경로 {route}이(가) 있다: 이 경로에 걸리는 트래픽은 버려진다"
                    ),
                )
                .fix(text!(
                    "point the route to a target that exists, or delete it",
                    "경로를 존재하는 대상으로 바꾸거나 지운다"
                )),
            );
        }
    }
}

fn acl_returns(m: &Model, used: &[(usize, bool)], d: &mut Vec<Diagnostic>) {
    let vpc_peer = m.vpc.cidrs.first().map(|c| c.network());
    let internet = m.cluster.nlb_public_ips.first().copied();
    let mut seen = BTreeSet::new();
    for &(k, holds_nat) in used {
        let Some(acl) = m.network_acl_of(k) else {
            continue;
        };
        let sid = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
        let peers: [(Option<Ipv4Addr>, bool); 2] = [(vpc_peer, false), (internet, true)];
        for (peer, from_internet) in peers {
            if from_internet && !holds_nat {
                continue;
            }
            let Some(peer) = peer else { continue };
            // Replies come back to the port the connection came from: Linux's
            // ephemeral range on a subnet of nodes only; any port from 1024 where a
            // NAT gateway or an EKS-owned ENI (the control plane's connections)
            // lives (AWS, "Network ACL rules", ephemeral ports).
            let eni_here = m.eks_enis.iter().any(|e| e.subnet == k);
            let range = if holds_nat || eni_here {
                EPHEMERAL_ANY
            } else {
                EPHEMERAL_LINUX
            };
            let AclDecision::Denied { entry, port } = acl.evaluate(false, peer, range) else {
                continue;
            };
            if !seen.insert((acl.id.clone(), from_internet)) {
                continue;
            }
            let aid = &acl.id;
            let n = acl.rule_number(entry);
            let rule = if n == crate::model::fabric::ACL_DEFAULT_RULE {
                "*".to_string()
            } else {
                n.to_string()
            };
            let (from, from_ko) = if from_internet {
                (
                    "the internet (replies to its NAT gateway)",
                    "인터넷(NAT 게이트웨이로 오는 응답)",
                )
            } else {
                (
                    "the VPC (the EKS-owned ENIs and other nodes)",
                    "VPC(EKS 소유 ENI와 다른 노드)",
                )
            };
            let path = entry
                .and_then(|e| acl.entries.get(e))
                .map_or(format!("{}/entries", acl.pointer), |e| e.pointer.clone());
            d.push(
                Diagnostic::new(
                    Code::NetworkAclDeniesReturn,
                    path,
                    text!(
                        "network ACL {aid} of {sid} drops replies from {from} on ephemeral port {port} (rule {rule}): ACLs are stateless, so connections from {sid} time out",
                        "{sid}의 네트워크 ACL {aid}이(가) {from_ko}에서 임시 포트 {port}(으)로 오는 응답을 버린다(규칙 {rule}). ACL은 상태가 없어 {sid}에서 연 연결이 시간 초과된다"
                    ),
                )
                .fix(text!(
                    "add an inbound rule to {aid} allowing TCP 1024-65535 from {from}, numbered below {n}",
                    "{aid}에 {from_ko}에서 오는 TCP 1024-65535를 허용하는 인바운드 규칙을 {n}보다 작은 번호로 더한다"
                )),
            );
        }
    }
}

fn gateway_endpoints(m: &Model, d: &mut Vec<Diagnostic>) {
    let gateways: Vec<_> = m
        .vpc
        .endpoints
        .iter()
        .filter(|e| e.kind == VpcEndpointType::Gateway)
        .collect();
    if gateways.is_empty() {
        return;
    }
    let node_subnets: BTreeSet<usize> = crate::sort::set_of(m.nodes.iter().map(|n| n.subnet));
    let mut seen = BTreeSet::new();
    for k in node_subnets {
        let Some(t) = m.route_table_of(k) else {
            continue;
        };
        let routed = t
            .routes
            .iter()
            .any(|r| matches!(r.target, RouteTarget::GatewayEndpoint(_)));
        if t.implied || routed || !seen.insert(t.id.clone()) {
            continue;
        }
        let sid = m.subnets.get(k).map(|s| s.id.as_str()).unwrap_or_default();
        for e in &gateways {
            let (svc, tid) = (&e.service, &t.id);
            d.push(
                Diagnostic::new(
                    Code::GatewayEndpointNotRouted,
                    format!("{}/routes", t.pointer),
                    text!(
                        "the {svc} gateway endpoint has no route in {tid}, the route table of {sid} (nodes): their {svc} traffic takes the default route instead",
                        "{svc} 게이트웨이 엔드포인트의 경로가 {sid}(노드)의 라우팅 테이블 {tid}에 없다: 노드의 {svc} 트래픽은 대신 기본 경로로 간다"
                    ),
                )
                .fix(text!(
                    "associate the endpoint with {tid} (it adds a pl-… → vpce-… route)",
                    "엔드포인트를 {tid}에 연결한다(pl-… → vpce-… 경로가 생긴다)"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::*;
    use crate::testkit::{codes, lab, with_code};
    use crate::trace::fabric_tests::{acl_entry, with_acl, with_tables};

    const NEW: [&str; 4] = [
        "route-blackhole",
        "network-acl-denies",
        "network-acl-denies-return",
        "gateway-endpoint-not-routed",
    ];

    #[test]
    fn the_default_scenario_and_the_lab_raise_none_of_these() {
        for s in [
            Scenario::example(),
            lab(true, true),
            with_tables(lab(true, false)),
        ] {
            let c = codes(&s);
            assert!(NEW.iter().all(|n| !c.contains(n)), "{c:?}");
        }
    }

    #[test]
    fn a_blackhole_in_a_used_table_is_an_error_and_the_node_cannot_join() {
        let mut s = with_tables(lab(true, false));
        s.vpc.route_tables[1].routes[1].state = RouteState::Blackhole;
        let d = with_code(&s, "route-blackhole");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].path, "/vpc/routeTables/1/routes/1");
        assert!(d[0].message.ko.contains("rtb-private"));
        let join = with_code(&s, "node-cannot-reach-endpoint");
        assert!(
            join.iter()
                .any(|x| x.message.en.contains("route-blackhole")),
            "{join:#?}"
        );
        // The same blackhole in a table no subnet uses says nothing.
        s.vpc.route_tables[1].associations.clear();
        s.vpc.route_tables[1].routes[1].state = RouteState::Blackhole;
        assert!(with_code(&s, "route-blackhole").is_empty());
    }

    #[test]
    fn acls_that_drop_replies_are_found_without_a_trace() {
        // subnet-a holds the NAT gateway: replies from the internet come back to
        // 1024-65535; this ACL lets in only 32768-65535.
        let s = with_acl(
            lab(true, false),
            "subnet-a",
            vec![
                acl_entry(100, false, true, "192.168.0.0/16", None),
                acl_entry(110, false, true, "0.0.0.0/0", Some((32768, 65535))),
                acl_entry(100, true, true, "0.0.0.0/0", None),
            ],
        );
        let d = with_code(&s, "network-acl-denies-return");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(d[0].message.en.contains("internet"), "{}", d[0].message.en);
        assert_eq!(d[0].path, "/vpc/networkAcls/0/entries");
        // subnet-pa (the private node, an EKS-owned ENI): nothing back from the VPC.
        let s = with_acl(
            lab(true, false),
            "subnet-pa",
            vec![
                acl_entry(100, false, true, "0.0.0.0/0", Some((443, 443))),
                acl_entry(100, true, true, "0.0.0.0/0", None),
            ],
        );
        let d = with_code(&s, "network-acl-denies-return");
        assert!(
            d.iter()
                .any(|x| x.message.en.contains("replies from the VPC")),
            "{d:#?}"
        );
        // The traced check says the same of the API server → kubelet connection.
        assert!(
            d.iter().any(|x| x.message.en.contains("port 10250")),
            "{d:#?}"
        );
    }

    #[test]
    fn exec_blocked_by_an_acl_keeps_the_acl_code() {
        let s = with_acl(
            lab(true, false),
            "subnet-a",
            vec![
                acl_entry(90, false, false, "192.168.128.0/17", Some((10250, 10250))),
                acl_entry(100, false, true, "0.0.0.0/0", None),
                acl_entry(100, true, true, "0.0.0.0/0", None),
            ],
        );
        let c = codes(&s);
        assert!(c.contains(&"network-acl-denies"), "{c:?}");
        assert!(!c.contains(&"node-sg-missing-10250"), "{c:?}");
    }

    #[test]
    fn a_gateway_endpoint_needs_its_route_in_the_node_subnets_tables() {
        let mut s = with_tables(lab(true, false));
        s.vpc.vpc_endpoints.push(VpcEndpoint {
            service_name: "s3".into(),
            vpc_endpoint_type: VpcEndpointType::Gateway,
            private_dns_enabled: false,
            ..VpcEndpoint::default()
        });
        let d = with_code(&s, "gateway-endpoint-not-routed");
        assert_eq!(d.len(), 2, "{d:#?}");
        for t in &mut s.vpc.route_tables {
            t.routes.push(RouteEntry {
                destination_prefix_list_id: Some("pl-6da54004".into()),
                gateway_id: Some("vpce-0s3".into()),
                ..RouteEntry::default()
            });
        }
        assert!(with_code(&s, "gateway-endpoint-not-routed").is_empty());
        // Implied tables carry the endpoint's route, as before.
        let mut s = lab(true, false);
        s.vpc.vpc_endpoints = with_tables(lab(true, false)).vpc.vpc_endpoints;
        assert!(with_code(&s, "gateway-endpoint-not-routed").is_empty());
    }
}
