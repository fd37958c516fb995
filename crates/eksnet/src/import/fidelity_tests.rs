//! AWS's output formats and documented behaviour, fed as AWS prints them: the
//! `public-nat` fixture with one document replaced or changed the way a real
//! account shows it (botocore's EC2 and EKS models, the EC2 API reference).

use serde_json::{json, Value};

use super::tests::fixture;
use super::*;
use crate::codes::Code;
use crate::scenario::DnsResolver;
use crate::{analyze, trace, Flow};

/// The fixture's files with `name` set to `doc` (added when absent).
fn with(name: &str, doc: Value) -> Vec<(String, String)> {
    let mut files = fixture("public-nat");
    match files.iter_mut().find(|f| f.0 == name) {
        Some(f) => f.1 = doc.to_string(),
        None => files.push((name.to_string(), doc.to_string())),
    }
    files
}

/// The fixture's document `name`, parsed.
fn doc(name: &str) -> Value {
    let files = fixture("public-nat");
    let text = &files.iter().find(|f| f.0 == name).expect("fixture file").1;
    serde_json::from_str(text).expect("fixture JSON")
}

fn scenario(files: &[(String, String)]) -> (Scenario, Report) {
    let out = import(files);
    let s = out
        .scenario
        .unwrap_or_else(|| panic!("{:#?}", out.report.diagnostics));
    (s, out.report)
}

const SG: &str = "sg-0c1a2b3c4d5e60001";

/// `aws ec2 describe-security-group-rules` of the fixture's cluster security group:
/// the same rules as its `describe-security-groups`, one per peer, with the
/// members AWS adds over time (`SecurityGroupRuleArn`) and a page token.
fn sg_rules() -> Value {
    json!({"SecurityGroupRules": [
        {"SecurityGroupRuleId": "sgr-0a1b2c3d4e5f60001", "GroupId": SG, "GroupOwnerId": "111122223333",
         "IsEgress": false, "IpProtocol": "-1", "FromPort": -1, "ToPort": -1,
         "ReferencedGroupInfo": {"GroupId": SG, "UserId": "111122223333"},
         "Description": "Allow unmanaged nodes to communicate with control plane (all ports)",
         "Tags": [], "SecurityGroupRuleArn": "arn:aws:ec2:us-west-2:111122223333:security-group-rule/sgr-0a1b2c3d4e5f60001"},
        {"SecurityGroupRuleId": "sgr-0a1b2c3d4e5f60002", "GroupId": SG, "GroupOwnerId": "111122223333",
         "IsEgress": true, "IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "CidrIpv4": "0.0.0.0/0", "Tags": []},
        {"SecurityGroupRuleId": "sgr-0a1b2c3d4e5f60003", "GroupId": SG, "GroupOwnerId": "111122223333",
         "IsEgress": true, "IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "CidrIpv6": "::/0", "Tags": []}
    ], "NextToken": "eyJ2IjoiMiJ9"})
}

#[test]
fn describe_security_group_rules_is_read_as_the_groups_it_describes() {
    let (by_groups, _) = scenario(&fixture("public-nat"));
    let mut files = with("security-groups.json", sg_rules());
    files.retain(|f| f.0 != "notes.txt");
    let (s, report) = scenario(&files);
    let f = report
        .files
        .iter()
        .find(|f| f.file == "security-groups.json")
        .expect("file");
    assert_eq!(f.kind, Some(DocKind::Ec2SecurityGroupRules));
    let g = s
        .security_groups
        .iter()
        .find(|g| g.group_id == SG)
        .expect("the cluster security group");
    let want = by_groups
        .security_groups
        .iter()
        .find(|g| g.group_id == SG)
        .expect("group");
    assert_eq!(g.ingress, want.ingress);
    assert_eq!(g.egress, want.egress);
    // The IPv6 rule is named, not silently dropped.
    assert!(report
        .dropped
        .iter()
        .any(|n| n.pointer == "/SecurityGroupRules/2"));
    let a = analyze(&s);
    let t = trace(&a, &Flow::parse("kubelet:ip-10-0-20-11").expect("flow"));
    assert!(t.is_reachable(), "{:?}", t.verdict);
}

#[test]
fn security_group_rules_of_a_group_already_described_are_not_counted_twice() {
    let files = with("security-group-rules.json", sg_rules());
    let (s, report) = scenario(&files);
    let g: Vec<_> = s
        .security_groups
        .iter()
        .filter(|g| g.group_id == SG)
        .collect();
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].ingress.len(), 1);
    assert!(report
        .dropped
        .iter()
        .any(|n| n.file == "security-group-rules.json"));
    // A group only the rules name, with no outbound rule: nothing leaves it.
    let mut rules = sg_rules();
    rules["SecurityGroupRules"][0]["GroupId"] = json!("sg-0ffffffffffff0001");
    let (s, _) = scenario(&with("security-group-rules.json", rules));
    let g = s
        .security_groups
        .iter()
        .find(|g| g.group_id == "sg-0ffffffffffff0001")
        .expect("the group the rules name");
    assert_eq!(g.ingress.len(), 1);
    assert_eq!(g.egress, Some(Vec::new()));
}

#[test]
fn a_managed_node_groups_health_issues_are_reported_with_awss_codes() {
    let mut ng = doc("nodegroup-ng-private.json");
    ng["nodegroup"]["health"] = json!({"issues": [
        {"code": "NodeCreationFailure", "message": "Instances failed to join the kubernetes cluster",
         "resourceIds": ["i-0a1b2c3d4e5f60001"]},
        {"code": "AsgInstanceLaunchFailures", "message": "Could not launch On-Demand Instances.",
         "resourceIds": ["eks-ng-private-a1b2c3d4"]}
    ]});
    let (_, report) = scenario(&with("nodegroup-ng-private.json", ng));
    let issues: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.code == Code::AwsHealthIssue)
        .collect();
    assert_eq!(issues.len(), 2, "{issues:#?}");
    assert_eq!(issues[0].file, "nodegroup-ng-private.json");
    assert_eq!(issues[0].diagnostic.path, "/nodegroup/health/issues/0");
    assert_eq!(issues[0].diagnostic.aws_code, Some("NodeCreationFailure"));
    assert!(issues[0]
        .diagnostic
        .message
        .en
        .contains("node-cannot-reach-endpoint"));
    assert_eq!(
        issues[1].diagnostic.aws_code,
        Some("AsgInstanceLaunchFailures")
    );
    assert!(!issues[1].diagnostic.message.ko.is_empty());
}

#[test]
fn a_network_acl_rule_for_all_protocols_allows_every_port_whatever_its_port_range() {
    // EC2 API, `CreateNetworkAclEntry.Protocol`: with "-1", "traffic on all ports
    // is allowed, regardless of any ports ... that you specify".
    let mut acls = doc("network-acls.json");
    for e in acls["NetworkAcls"][0]["Entries"]
        .as_array_mut()
        .expect("entries")
    {
        if e["RuleNumber"] == json!(100) {
            e["PortRange"] = json!({"From": 22, "To": 22});
        }
    }
    let (s, _) = scenario(&with("network-acls.json", acls));
    let a = analyze(&s);
    let acl = &a.model.network_acls[0];
    let peer = "198.51.100.7".parse().expect("ip");
    assert!(matches!(
        acl.evaluate(false, peer, (10250, 10250)),
        crate::model::fabric::AclDecision::Allowed { .. }
    ));
    let t = trace(&a, &Flow::parse("kubelet:ip-10-0-20-11").expect("flow"));
    assert!(t.is_reachable(), "{:?}", t.verdict);
}

fn dhcp_with(servers: &[&str]) -> Value {
    let mut d = doc("dhcp-options.json");
    let values: Vec<Value> = servers.iter().map(|v| json!({"Value": v})).collect();
    d["DhcpOptions"][0]["DhcpConfigurations"][1] =
        json!({"Key": "domain-name-servers", "Values": values});
    d
}

#[test]
fn the_amazon_dns_servers_address_in_dhcp_options_is_the_vpc_resolver() {
    // The VPC is 10.0.0.0/16: its resolver answers at 10.0.0.2 and 169.254.169.253.
    for servers in [&["10.0.0.2"][..], &["169.254.169.253", "10.0.0.53"]] {
        let (s, _) = scenario(&with("dhcp-options.json", dhcp_with(servers)));
        let a = analyze(&s);
        assert_eq!(
            a.model.vpc.resolver,
            DnsResolver::AmazonProvidedDns,
            "{servers:?}"
        );
    }
    let (s, _) = scenario(&with("dhcp-options.json", dhcp_with(&["10.0.0.53"])));
    let a = analyze(&s);
    assert!(matches!(a.model.vpc.resolver, DnsResolver::Custom { .. }));
}

#[test]
fn an_active_route_to_an_internet_gateway_proves_it_without_describe_internet_gateways() {
    let mut files = fixture("public-nat");
    files.retain(|f| f.0 != "internet-gateways.json");
    let (s, report) = scenario(&files);
    assert_eq!(
        s.vpc
            .internet_gateway
            .as_ref()
            .map(|g| g.internet_gateway_id.as_str()),
        Some("igw-0a1b2c3d4e5f60001")
    );
    assert!(report
        .assumed
        .iter()
        .any(|n| n.text.en.contains("igw-0a1b2c3d4e5f60001")));
    let unknown = crate::testkit::with_code(&s, Code::UnknownReference.as_str());
    assert!(unknown.is_empty(), "{unknown:#?}");
    let a = analyze(&s);
    let t = a
        .model
        .route_tables
        .iter()
        .find(|t| t.id == "rtb-0a1b2c3d4e5f6000a");
    assert!(t.expect("table").routes.iter().all(|r| !r.blackhole));
}

#[test]
fn routes_to_targets_the_model_lacks_are_named_by_their_target() {
    let mut rt = doc("route-tables.json");
    let routes = rt["RouteTables"][1]["Routes"]
        .as_array_mut()
        .expect("routes");
    routes.push(
        json!({"DestinationCidrBlock": "192.0.2.0/24", "CarrierGatewayId": "cagw-0a1b2c3d4e5f60001",
        "Origin": "CreateRoute", "State": "active"}),
    );
    routes.push(
        json!({"DestinationCidrBlock": "198.18.0.0/15", "LocalGatewayId": "lgw-0a1b2c3d4e5f60001",
        "Origin": "CreateRoute", "State": "active"}),
    );
    routes.push(json!({"DestinationCidrBlock": "100.64.0.0/10",
        "CoreNetworkArn": "arn:aws:networkmanager::111122223333:core-network/core-network-0a1b2c3d4e5f60001",
        "Origin": "CreateRoute", "State": "active"}));
    let (_, report) = scenario(&with("route-tables.json", rt));
    for target in [
        "cagw-0a1b2c3d4e5f60001",
        "lgw-0a1b2c3d4e5f60001",
        "core-network/core-network-0a1b2c3d4e5f60001",
    ] {
        assert!(
            report.dropped.iter().any(|n| n.text.en.contains(target)),
            "{target}: {:#?}",
            report.dropped
        );
    }
}

#[test]
fn the_clusters_control_plane_egress_mode_is_read() {
    use crate::scenario::ControlPlaneEgressMode as Mode;
    for (given, want) in [
        (Some("CUSTOMER_ROUTED"), Mode::CustomerRouted),
        (Some("CUSTOMER_ISOLATED"), Mode::CustomerIsolated),
        (Some("AWS_MANAGED"), Mode::AwsManaged),
        (None, Mode::AwsManaged),
    ] {
        let mut c = doc("cluster.json");
        if let Some(g) = given {
            c["cluster"]["resourcesVpcConfig"]["controlPlaneEgressMode"] = json!(g);
        }
        let (s, _) = scenario(&with("cluster.json", c));
        assert_eq!(
            s.cluster.resources_vpc_config.control_plane_egress_mode, want,
            "{given:?}"
        );
    }
}

/// `v` with `f` applied to every object inside it (depth first).
fn each_object(v: &mut Value, f: &dyn Fn(&mut serde_json::Map<String, Value>)) {
    match v {
        Value::Object(m) => {
            for x in m.values_mut() {
                each_object(x, f);
            }
            f(m);
        }
        Value::Array(items) => items.iter_mut().for_each(|x| each_object(x, f)),
        _ => {}
    }
}

/// The fixture with `f` applied to every object of its EC2 documents (those
/// whose top-level members are PascalCase: no free-form maps inside).
fn ec2_changed(
    name: &str,
    f: &dyn Fn(&mut serde_json::Map<String, Value>),
) -> Vec<(String, String)> {
    fixture(name)
        .into_iter()
        .map(|(name, text)| {
            let Ok(mut v) = serde_json::from_str::<Value>(&text) else {
                return (name, text);
            };
            let ec2 = v.as_object().is_some_and(|m| {
                m.keys()
                    .all(|k| k.starts_with(|c: char| c.is_ascii_uppercase()))
            });
            if ec2 {
                each_object(&mut v, f);
            }
            (name, v.to_string())
        })
        .collect()
}

fn scenario_json(files: &[(String, String)]) -> Value {
    serde_json::to_value(scenario(files).0).expect("scenario JSON")
}

#[test]
fn members_aws_adds_later_are_ignored_and_empty_lists_aws_omits_change_nothing() {
    for name in [
        "public-nat",
        "public-private",
        "private-endpoints",
        "observed-enis",
    ] {
        let base = scenario_json(&fixture(name));
        let added = ec2_changed(name, &|m| {
            m.insert(
                "ZzMemberAddedLater".into(),
                json!({"Nested": [1, "x", null, {"Deep": true}]}),
            );
        });
        assert_eq!(scenario_json(&added), base, "{name}");
        // Empty lists left out (AWS omits some), except the outbound rules of a
        // security group, whose absence means AWS's default rule.
        let omitted = ec2_changed(name, &|m| {
            m.retain(|k, v| {
                k == "IpPermissionsEgress" || v.as_array().is_none_or(|a| !a.is_empty())
            });
        });
        assert_eq!(scenario_json(&omitted), base, "{name}");
    }
}

#[test]
fn a_paginated_command_split_over_several_files_adds_up() {
    let mut files = fixture("public-nat");
    let subnets = doc("subnets.json");
    let all = subnets["Subnets"].as_array().expect("subnets").clone();
    files.retain(|f| f.0 != "subnets.json");
    for (i, page) in all.chunks(3).enumerate() {
        files.push((
            format!("subnets-{i}.json"),
            json!({"Subnets": page, "NextToken": format!("token-{i}")}).to_string(),
        ));
    }
    assert_eq!(scenario_json(&files), scenario_json(&fixture("public-nat")));
}

#[test]
fn an_ipv6_block_aws_lists_as_disassociated_is_not_the_vpcs_nor_the_subnets() {
    let block = |cidr: &str, state: &str| {
        json!({"AssociationId": "subnet-cidr-assoc-0a1b2c3d4e5f60001", "Ipv6CidrBlock": cidr,
               "Ipv6CidrBlockState": {"State": state}})
    };
    let mut vpcs = doc("vpcs.json");
    vpcs["Vpcs"][0]["Ipv6CidrBlockAssociationSet"] = json!([
        block("2600:1f14:aaa:bb00::/56", "disassociated"),
        block("2600:1f14:ccc:dd00::/56", "associated"),
    ]);
    let mut subnets = doc("subnets.json");
    subnets["Subnets"][0]["Ipv6CidrBlockAssociationSet"] =
        json!([block("2600:1f14:aaa:bb00::/64", "disassociated")]);
    subnets["Subnets"][1]["Ipv6CidrBlockAssociationSet"] =
        json!([block("2600:1f14:ccc:dd01::/64", "associated")]);
    let mut files = with("vpcs.json", vpcs);
    if let Some(f) = files.iter_mut().find(|f| f.0 == "subnets.json") {
        f.1 = subnets.to_string();
    }
    let (s, _) = scenario(&files);
    assert_eq!(s.vpc.ipv6_cidr_block, "2600:1f14:ccc:dd00::/56");
    let id = |i: usize| {
        subnets["Subnets"][i]["SubnetId"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let v6 = |sid: String| {
        s.vpc
            .subnets
            .iter()
            .find(|x| x.subnet_id == sid)
            .map(|x| x.ipv6_cidr_block.clone())
    };
    assert_eq!(v6(id(0)).as_deref(), Some(""));
    assert_eq!(v6(id(1)).as_deref(), Some("2600:1f14:ccc:dd01::/64"));
}

#[test]
fn a_route_table_association_aws_lists_as_disassociated_does_not_route_the_subnet() {
    let mut rt = doc("route-tables.json");
    let assoc = &mut rt["RouteTables"][0]["Associations"][0];
    let sid = assoc["SubnetId"].as_str().unwrap_or_default().to_string();
    assoc["AssociationState"] = json!({"State": "disassociated"});
    rt["RouteTables"][0]["Associations"][1]["AssociationState"] = json!({"State": "associated"});
    let (s, report) = scenario(&with("route-tables.json", rt));
    let claimed = |t: &crate::scenario::RouteTable| {
        t.associations
            .iter()
            .any(|a| a.subnet_id.as_deref() == Some(sid.as_str()))
    };
    assert!(!s.vpc.route_tables.iter().any(claimed));
    assert!(report
        .dropped
        .iter()
        .any(|n| n.pointer == "/RouteTables/0/Associations/0"));
    // The subnet falls back to the main table (the NAT gateway's).
    let sub = s
        .vpc
        .subnets
        .iter()
        .find(|x| x.subnet_id == sid)
        .expect("subnet");
    assert!(matches!(
        sub.default_route,
        Some(crate::scenario::DefaultRoute::NatGatewayId(_))
    ));
}
