//! The fixtures' route tables, network ACLs, DHCP options, security group rules and
//! gateway endpoint, imported onto the scenario's own shapes and used by the traces:
//! a routing hop names the imported table and route, an ACL hop its rule number.

use super::tests::fixture;
use super::*;
use crate::codes::Code;
use crate::scenario::{RouteState, RuleAction};
use crate::trace::Verdict;
use crate::{analyze, trace, Flow, Trace};

fn run(files: &[(String, String)], f: &str) -> (Scenario, Trace) {
    let out = import(files);
    let s = out
        .scenario
        .unwrap_or_else(|| panic!("{:#?}", out.report.diagnostics));
    let a = analyze(&s);
    let unknown: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownReference)
        .collect();
    assert!(unknown.is_empty(), "{unknown:#?}");
    let t = trace(&a, &Flow::parse(f).expect("flow"));
    (s, t)
}

fn blocked_code(t: &Trace) -> Option<Code> {
    match &t.verdict {
        Verdict::Blocked { code, .. } => Some(*code),
        Verdict::Reachable => None,
    }
}

#[test]
fn public_nat_routes_by_its_imported_main_table_through_the_default_acl() {
    let (s, t) = run(&fixture("public-nat"), "kubelet:ip-10-0-20-11");
    assert_eq!(s.vpc.route_tables.len(), 2);
    let acl = &s.vpc.network_acls[0];
    assert!(acl.is_default && acl.associations.len() == 4);
    // AWS lists the final `*` rule (32767) of each direction; it is kept.
    assert_eq!(acl.entries.len(), 4);
    assert!(acl
        .entries
        .iter()
        .any(|e| e.rule_number == 32767 && e.rule_action == RuleAction::Deny));
    let d = s.vpc.dhcp_options.as_ref().expect("dhcp options");
    assert_eq!(d.dhcp_options_id, "dopt-0a1b2c3d4e5f60001");
    assert_eq!(d.domain_name_servers, vec!["AmazonProvidedDNS".to_string()]);
    assert!(t.is_reachable(), "{:?}", t.verdict);
    // The node's subnet has no explicit association: the main table routes it.
    let r = t
        .hops
        .iter()
        .find_map(|h| h.route_table_route.as_ref())
        .expect("a routing hop");
    assert_eq!(r.route_table_id, "rtb-0a1b2c3d4e5f6000b");
    assert_eq!(r.nat_gateway_id.as_deref(), Some("nat-0a1b2c3d4e5f60001"));
    assert_eq!(r.pointer.as_deref(), Some("/vpc/routeTables/1/routes/1"));
    let rule = t
        .hops
        .iter()
        .find_map(|h| h.acl_rule.as_ref())
        .expect("an ACL hop");
    assert_eq!(rule.network_acl_id, "acl-0a1b2c3d4e5f60001");
    assert_eq!(rule.rule_number, 100);
}

#[test]
fn imported_security_group_rules_keep_protocols_ports_and_peer_groups() {
    let (s, t) = run(&fixture("public-nat"), "exec:ip-10-0-20-11");
    let rules: Vec<_> = s.security_groups.iter().flat_map(|g| &g.ingress).collect();
    assert!(!rules.is_empty());
    assert!(rules.iter().any(|r| r.source_security_group_id.is_some()));
    assert!(t.is_reachable(), "{:?}", t.verdict);
    let sg = t
        .hops
        .iter()
        .filter_map(|h| h.security_group_rule.as_ref())
        .next_back()
        .expect("the node's group names the rule that admitted 10250");
    assert!(sg.security_group_id.starts_with("sg-"), "{sg:?}");
}

#[test]
fn a_nacl_deny_in_the_public_private_fixture_blocks_exec_with_its_rule_number() {
    let files = fixture("public-private");
    // The EKS-owned ENI of us-west-2a is in a public cluster subnet; the private
    // subnets' ACL denies the kubelet port from 10.0.0.0/23 in rule 90.
    let (s, t) = run(&files, "exec:ip-10-0-20-11");
    assert_eq!(s.vpc.network_acls.len(), 2);
    assert_eq!(
        blocked_code(&t),
        Some(Code::NetworkAclDenies),
        "{:?}",
        t.verdict
    );
    let last = t.hops.last().unwrap();
    let rule = last.acl_rule.as_ref().expect("the denying rule");
    assert_eq!(
        (
            rule.network_acl_id.as_str(),
            rule.rule_number,
            rule.rule_action
        ),
        ("acl-0a1b2c3d4e5f60002", 90, "deny")
    );
    // The nodes still join: their own traffic is allowed by rule 100.
    let (_, k) = run(&files, "kubelet:ip-10-0-20-11");
    assert!(k.is_reachable(), "{:?}", k.verdict);
}

#[test]
fn private_cluster_layers_come_through_the_s3_gateway_hop_by_hop() {
    let files = fixture("private-endpoints");
    let (s, t) = run(&files, "pull:ip-10-0-20-11");
    let s3 = s
        .vpc
        .vpc_endpoints
        .iter()
        .find(|e| e.service_name.ends_with(".s3"))
        .unwrap();
    assert_eq!(s3.vpc_endpoint_id, "vpce-0a1b2c3d4e5f60004");
    assert_eq!(
        s3.route_table_ids,
        vec!["rtb-0a1b2c3d4e5f6000b".to_string()]
    );
    assert!(t.is_reachable(), "{:?}", t.verdict);
    let at = t
        .hops
        .iter()
        .position(|h| {
            h.route_table_route
                .as_ref()
                .is_some_and(|r| r.destination_prefix_list_id.as_deref() == Some("pl-68a54001"))
        })
        .expect("the prefix-list route hop");
    let r = t.hops[at].route_table_route.as_ref().unwrap();
    assert_eq!(r.route_table_id, "rtb-0a1b2c3d4e5f6000b");
    assert_eq!(r.gateway_id.as_deref(), Some("vpce-0a1b2c3d4e5f60004"));
    assert!(t.hops[at + 1..]
        .iter()
        .any(|h| h.component.id == "vpce-0a1b2c3d4e5f60004"));
    // No route of the table leads to the endpoint (it is not associated): the
    // layers take the default route, which a private cluster has not, and the
    // trace blocks there, naming the table.
    let unrouted: Vec<(String, String)> = files
        .iter()
        .map(|(n, text)| {
            let text = if n == "route-tables.json" {
                let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
                v["RouteTables"][0]["Routes"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|r| r.get("DestinationPrefixListId").is_none());
                v.to_string()
            } else {
                text.clone()
            };
            (n.clone(), text)
        })
        .collect();
    let (_, t) = run(&unrouted, "pull:ip-10-0-20-11");
    assert_eq!(
        blocked_code(&t),
        Some(Code::NoRouteToInternet),
        "{:?}",
        t.verdict
    );
    let Verdict::Blocked { reason, fix, .. } = &t.verdict else {
        unreachable!()
    };
    assert!(reason.en.contains("rtb-0a1b2c3d4e5f6000b"), "{}", reason.en);
    assert!(fix.en.contains("vpce-0a1b2c3d4e5f60004"), "{}", fix.en);
    assert!(!fix.ko.is_empty());
}

#[test]
fn a_blackhole_route_imports_as_one_and_drops_what_matches_it() {
    let files: Vec<(String, String)> = fixture("public-nat")
        .into_iter()
        .map(|(n, text)| {
            if n == "nat-gateways.json" {
                // The NAT gateway was deleted: AWS keeps the route, as a blackhole.
                return (n, r#"{"NatGateways": []}"#.to_string());
            }
            let text = if n == "route-tables.json" {
                text.replace(
                        "\"NatGatewayId\": \"nat-0a1b2c3d4e5f60001\",\n                    \"Origin\": \"CreateRoute\",\n                    \"State\": \"active\"",
                        "\"NatGatewayId\": \"nat-0a1b2c3d4e5f60001\",\n                    \"Origin\": \"CreateRoute\",\n                    \"State\": \"blackhole\"",
                    )
            } else {
                text
            };
            (n, text)
        })
        .collect();
    let (s, t) = run(&files, "kubelet:ip-10-0-20-11");
    let route = &s.vpc.route_tables[1].routes[1];
    assert_eq!(route.state, RouteState::Blackhole, "{route:?}");
    assert_eq!(
        blocked_code(&t),
        Some(Code::RouteBlackhole),
        "{:?}",
        t.verdict
    );
}

#[test]
fn the_clusters_own_health_issues_are_reported_with_awss_code() {
    let files: Vec<(String, String)> = fixture("public-nat")
        .into_iter()
        .map(|(n, text)| {
            if n != "cluster.json" {
                return (n, text);
            }
            let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
            v["cluster"]["health"] = serde_json::json!({"issues": [
                {"code": "InsufficientFreeAddresses",
                 "message": "One or more of the subnets associated with your cluster does not have enough available IP addresses for Amazon EKS to perform cluster management operations.",
                 "resourceIds": ["subnet-0a00000000000000a"]},
                {"code": "IamRoleNotFound", "message": "The cluster role was not found.",
                 "resourceIds": ["arn:aws:iam::111122223333:role/eks-cluster-role"]}
            ]});
            (n, v.to_string())
        })
        .collect();
    let out = import(&files);
    assert!(out.scenario.is_some());
    let found: Vec<_> = out
        .report
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == Code::AwsHealthIssue)
        .collect();
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].file, "cluster.json");
    assert_eq!(found[0].diagnostic.path, "/cluster/health/issues/0");
    assert_eq!(
        found[0].diagnostic.aws_code,
        Some("InsufficientFreeAddresses")
    );
    assert!(found[0]
        .diagnostic
        .message
        .en
        .contains("cluster-subnet-too-few-ips"));
    assert_eq!(found[1].diagnostic.aws_code, Some("IamRoleNotFound"));
    assert!(found[1].diagnostic.message.en.contains("does not model"));
    // The fixtures' own clusters are healthy.
    let healthy = import(&fixture("public-nat"));
    assert!(healthy
        .report
        .diagnostics
        .iter()
        .all(|d| d.diagnostic.code != Code::AwsHealthIssue));
}

#[test]
fn routes_to_a_peering_connection_or_transit_gateway_stop_at_the_attachment() {
    use crate::scenario::ControlPlaneEgressMode;
    let out = import(&fixture("public-private"));
    let mut s = out.scenario.expect("scenario");
    let said: Vec<&str> = out
        .report
        .files
        .iter()
        .flat_map(|f| f.contributed.iter().map(|t| t.en.as_str()))
        .collect();
    assert!(
        said.iter()
            .any(|t| t.contains("pcx-0a1b2c3d4e5f60001") && t.contains("172.31.0.0/16")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|t| t.contains("tgw-0a1b2c3d4e5f60001")),
        "{said:?}"
    );
    // The API server's own traffic follows the cluster subnets' routes.
    s.cluster.resources_vpc_config.control_plane_egress_mode =
        ControlPlaneEgressMode::CustomerRouted;
    let a = analyze(&s);
    for (dst, via, route) in [
        ("172.31.5.9", "pcx-0a1b2c3d4e5f60001", "172.31.0.0/16"),
        ("10.100.1.1", "tgw-0a1b2c3d4e5f60001", "10.100.0.0/16"),
    ] {
        let t = trace(&a, &Flow::parse(&format!("egress:{dst}")).unwrap());
        assert!(t.is_reachable(), "{dst}: {:?}", t.verdict);
        let last = t.hops.last().unwrap();
        assert_eq!(last.component.id, via);
        assert!(
            last.why.en.contains("leaves the VPC via"),
            "{}",
            last.why.en
        );
        assert!(last.leaves_vpc && !last.public_internet);
        let r = t.hops[t.hops.len() - 2]
            .route_table_route
            .as_ref()
            .expect("route hop");
        assert_eq!(r.destination_cidr.as_deref(), Some(route));
    }
    // A public address still goes out by the default route.
    let t = trace(&a, &Flow::parse("egress:oidc").unwrap());
    assert!(t
        .hops
        .iter()
        .all(|h| !h.why.en.contains("leaves the VPC via")));
}
