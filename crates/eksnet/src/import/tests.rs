//! The fixtures of `tests/fixtures/import/` (shaped like real output; see the README
//! there) imported, checked and traced, with their verdicts.

use super::*;
use crate::scenario::DefaultRoute;
use crate::{analyze, trace, Analysis, Flow, Trace};

/// Every file of fixture folder `name`, sorted by name.
pub(crate) fn fixture(name: &str) -> Vec<(String, String)> {
    let dir = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".yaml"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (
                name,
                std::fs::read_to_string(e.path()).expect("fixture file"),
            )
        })
        .collect();
    files.sort();
    files
}

fn imported(name: &str) -> (Scenario, Report, Analysis) {
    let out = import(&fixture(name));
    let s = out
        .scenario
        .unwrap_or_else(|| panic!("{name}: {:#?}", out.report.diagnostics));
    let a = analyze(&s);
    (s, out.report, a)
}

fn flow(a: &Analysis, f: &str) -> Trace {
    trace(a, &Flow::parse(f).expect("flow"))
}

fn errors(a: &Analysis) -> Vec<String> {
    a.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {} {}", d.code, d.path, d.message.en))
        .collect()
}

#[test]
fn public_endpoint_nodes_in_private_subnets_join_through_the_nat_gateway() {
    let (s, report, a) = imported("public-nat");
    assert!(errors(&a).is_empty(), "{:#?}", errors(&a));
    assert_eq!(s.cluster.name, "demo");
    assert_eq!(s.cluster.region, "us-west-2");
    assert_eq!(s.vpc.subnets.len(), 4);
    let private = s
        .vpc
        .subnets
        .iter()
        .find(|x| x.subnet_id == "subnet-0c00000000000000c")
        .unwrap();
    assert_eq!(
        private.default_route,
        Some(DefaultRoute::NatGatewayId("nat-0a1b2c3d4e5f60001".into()))
    );
    assert_eq!(s.node_groups.len(), 1);
    assert_eq!(s.node_groups[0].nodes.len(), 2);
    // Each observed node joins, and its path leaves through the NAT gateway.
    for node in ["ip-10-0-20-11", "ip-10-0-40-12"] {
        let t = flow(&a, &format!("kubelet:{node}"));
        assert!(t.is_reachable(), "{node}: {:?}", t.verdict);
        assert!(
            t.path().iter().any(|id| id.as_str().starts_with("nat:")),
            "{:?}",
            t.path()
        );
    }
    assert!(flow(&a, "kubectl:laptop").is_reachable());
    // The unrecognised note is reported and skipped.
    let notes = report.files.iter().find(|f| f.file == "notes.txt").unwrap();
    assert!(notes.kind.is_none() && notes.ignored.is_some());
    // The route tables are the scenario's own.
    assert_eq!(s.vpc.route_tables.len(), 2);
}

#[test]
fn observed_pod_ips_are_kept_and_workloads_grouped() {
    let (s, report, a) = imported("public-nat");
    let web = s
        .workloads
        .iter()
        .find(|w| w.name == "web")
        .expect("deployment web");
    assert_eq!(web.replicas, 2);
    assert!(!web.labels.contains_key("pod-template-hash"));
    assert!(s
        .workloads
        .iter()
        .all(|w| w.name != "aws-node" && w.name != "kube-proxy"));
    let pod = a
        .ipam
        .pods
        .iter()
        .find(|p| p.name.as_str() == "web-5dc4865748-6pr9g")
        .expect("pod");
    assert_eq!(
        pod.ip.map(|ip| ip.to_string()).as_deref(),
        Some("10.0.21.5")
    );
    assert!(report
        .dropped
        .iter()
        .any(|n| n.text.en.contains("aws-node/kube-proxy")));
    assert!(s.services.iter().all(|x| x.name != "kubernetes"));
}

#[test]
fn public_and_private_endpoint_nodes_use_the_eks_owned_enis() {
    let (s, _, a) = imported("public-private");
    // The only errors: the private subnets' ACL rule 90 denies the kubelet port to
    // the EKS-owned ENIs of the public cluster subnets (see `fabric_tests`).
    let errs = errors(&a);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(errs
        .iter()
        .all(|e| e.starts_with("network-acl-denies /vpc/networkAcls/1/entries/0 ")));
    assert_eq!(
        s.cluster.resources_vpc_config.public_access_cidrs,
        vec!["203.0.113.0/24".to_string()]
    );
    let t = flow(&a, "kubelet:ip-10-0-20-11");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert!(
        t.path()
            .iter()
            .any(|id| id.as_str().starts_with("eks-eni:")),
        "{:?}",
        t.path()
    );
    assert!(!t.crosses_internet());
    // The laptop (203.0.113.10) is inside publicAccessCidrs.
    assert!(flow(&a, "kubectl:laptop").is_reachable());
}

#[test]
fn private_only_cluster_with_endpoints_blocks_kubectl_from_the_internet() {
    let (s, _, a) = imported("private-endpoints");
    assert!(errors(&a).is_empty(), "{:#?}", errors(&a));
    assert!(s.vpc.internet_gateway.is_none());
    assert_eq!(s.vpc.vpc_endpoints.len(), 5);
    assert!(s.vpc.subnets.iter().all(|x| x.default_route.is_none()));
    let t = flow(&a, "kubectl:laptop");
    assert!(!t.is_reachable());
    let k = flow(&a, "kubelet:ip-10-0-40-12");
    assert!(k.is_reachable(), "{:?}", k.verdict);
    let pull = flow(&a, "pull:ip-10-0-40-12");
    assert!(pull.is_reachable(), "{:?}", pull.verdict);
}

#[test]
fn prefix_delegation_from_aws_node_places_pods_in_their_prefixes() {
    let (s, report, a) = imported("prefix-delegation");
    assert!(errors(&a).is_empty(), "{:#?}", errors(&a));
    assert!(s.cni.enable_prefix_delegation);
    assert_eq!(s.cni.warm_prefix_target, Some(1));
    assert!(a.model.nodes.iter().all(|n| n.group == 0));
    let pod = a
        .ipam
        .pods
        .iter()
        .find(|p| p.name.as_str().starts_with("coredns-787cb67946-8snkt"))
        .expect("pod");
    assert_eq!(
        pod.ip.map(|ip| ip.to_string()).as_deref(),
        Some("10.0.20.34")
    );
    let eni_file = report
        .files
        .iter()
        .find(|f| f.file == "network-interfaces.json")
        .unwrap();
    assert!(eni_file
        .contributed
        .iter()
        .any(|c| c.en.contains("EKS-owned ENIs: 2")));
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn eksctl_config_takes_eksctl_defaults_and_says_so() {
    let (s, report, a) = imported("eksctl");
    assert!(errors(&a).is_empty(), "{:#?}", errors(&a));
    assert_eq!(s.vpc.cidr_blocks, vec!["192.168.0.0/16".to_string()]);
    assert_eq!(s.vpc.subnets.len(), 6);
    assert_eq!(s.vpc.subnets[0].cidr_block, "192.168.0.0/19");
    assert_eq!(s.vpc.nat_gateways.len(), 1);
    let ng = &s.node_groups[0];
    assert_eq!(
        (ng.instance_type.as_str(), ng.desired_size),
        ("m5.large", 2)
    );
    assert!(ng.subnets.iter().all(|x| x.starts_with("subnet-private-")));
    for what in ["m5.large", "192.168.0.0/16", "single NAT", "public on"] {
        assert!(
            report.assumed.iter().any(|n| n.text.en.contains(what)),
            "{what}"
        );
    }
    let node = a.model.nodes.first().expect("a node");
    let short = crate::model::names::short_node_name(&node.name).to_string();
    let t = flow(&a, &format!("kubelet:{short}"));
    assert!(
        t.is_reachable() && t.path().iter().any(|id| id.as_str().starts_with("nat:")),
        "{:?}",
        t.path()
    );
}

#[test]
fn a_malformed_recognised_file_is_located() {
    let mut files = fixture("public-nat");
    files.push((
        "broken.json".into(),
        r#"{"Subnets": [{"SubnetId": "subnet-x", "CidrBlock": 7}]}"#.into(),
    ));
    let out = import(&files);
    assert!(out.scenario.is_none());
    let d = &out.report.diagnostics[0];
    assert_eq!(
        (d.file.as_str(), d.diagnostic.path.as_str()),
        ("broken.json", "/Subnets/0/CidrBlock")
    );
    assert_eq!(d.diagnostic.code, Code::ImportMalformed);
}

#[test]
fn conflicts_are_located_diagnostics() {
    let files = vec![
        ("a.json".to_string(), r#"{"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "us-west-2a"}]}"#.to_string()),
        ("b.json".to_string(), r#"{"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-2", "CidrBlock": "10.9.0.0/24", "AvailabilityZone": "us-west-2a"}]}"#.to_string()),
        ("nodes.json".to_string(), r#"{"kind": "List", "apiVersion": "v1", "items": [{"kind": "Node", "apiVersion": "v1", "metadata": {"name": "n1"}, "status": {"addresses": [{"type": "InternalIP", "address": "172.16.0.5"}]}}]}"#.to_string()),
    ];
    let out = import(&files);
    assert!(out.scenario.is_some());
    let ds = &out.report.diagnostics;
    assert!(
        ds.iter().any(|d| d.file == "b.json"
            && d.diagnostic.path == "/Subnets/0/VpcId"
            && d.diagnostic.code == Code::ImportConflict),
        "{ds:#?}"
    );
    assert!(
        ds.iter().any(|d| d.file == "nodes.json"
            && d.diagnostic.path == "/items/0"
            && d.diagnostic.code == Code::ImportUnplaced),
        "{ds:#?}"
    );
}

#[test]
fn missing_attributes_take_aws_defaults_and_the_report_says_so() {
    let files: Vec<_> = fixture("public-nat")
        .into_iter()
        .filter(|(n, _)| !n.starts_with("dns-"))
        .collect();
    let out = import(&files);
    let s = out.scenario.unwrap();
    assert!(s.vpc.enable_dns_support);
    assert!(
        !s.vpc.enable_dns_hostnames,
        "not a default VPC: AWS's default is off"
    );
    assert!(out
        .report
        .assumed
        .iter()
        .any(|n| n.text.en.contains("enableDnsHostnames")));
}

#[test]
fn nothing_recognised_is_an_error() {
    let out = import(&[("x.txt".into(), "hello".into())]);
    assert!(out.scenario.is_none());
    assert_eq!(
        out.report.diagnostics[0].diagnostic.code,
        Code::ImportNothing
    );
}

#[test]
fn a_generated_large_snapshot_keeps_every_node_and_pod() {
    let out = import(&synthetic::snapshot(90, 20));
    let s = out.scenario.expect("scenario");
    assert_eq!(s.node_groups.len(), 1);
    assert_eq!(s.node_groups[0].nodes.len(), 90);
    assert_eq!(s.node_groups[0].desired_size, 90);
    assert_eq!(s.pods.len(), 90 * 20);
    assert_eq!(s.workloads.len(), 1);
    assert_eq!(s.workloads[0].replicas, 1800);
    let a = analyze(&s);
    assert!(errors(&a).is_empty(), "{:#?}", errors(&a));
}
