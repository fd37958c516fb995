//! The simulation against the VPC CNI's own worked tables and the default scenario.

use crate::scenario::*;
use crate::{analyze, Analysis};

use super::ipam::{NoIpCause, PodProblem, PodStatus};
use super::max_pods::AddressMode;

/// One node of `instance` in a public /20 (so that it registers through the
/// public endpoint), one workload of `pods` replicas.
pub(crate) fn one_node(instance: &str, pods: u32, cni: CniConfig) -> Analysis {
    let mut s = crate::testkit::public_cluster("10.0.0.0/20", instance, 1, pods);
    s.cni = cni;
    analyze(&s)
}

fn warm(eni: Option<u32>, ip: Option<u32>, min: Option<u32>) -> CniConfig {
    CniConfig {
        warm_eni_target: eni,
        warm_ip_target: ip,
        minimum_ip_target: min,
        ..CniConfig::default()
    }
}

fn prefixes(wpt: Option<u32>, ip: Option<u32>, min: Option<u32>) -> CniConfig {
    CniConfig {
        enable_prefix_delegation: true,
        warm_prefix_target: wpt,
        warm_ip_target: ip,
        minimum_ip_target: min,
        ..CniConfig::default()
    }
}

/// `(ENIs, secondary IPs per ENI, unused IPs)` of the only node.
fn secondary(a: &Analysis) -> (usize, Vec<usize>, usize) {
    let n = a.ipam.nodes.get(0).unwrap();
    let per: Vec<usize> = n.enis().map(|e| e.slots().len()).collect();
    (n.enis().len(), per, n.warm())
}

/// `(ENIs, prefixes per ENI, unused IPs)` of the only node.
fn delegated(a: &Analysis) -> (usize, Vec<usize>, usize) {
    let n = a.ipam.nodes.get(0).unwrap();
    let per: Vec<usize> = n.enis().map(|e| e.prefixes().len()).collect();
    (n.enis().len(), per, n.warm())
}

/// A row of a worked table: instance, settings, pods → ENIs, per ENI, unused IPs.
type Row = (&'static str, CniConfig, u32, usize, &'static [usize], usize);

fn all_running(a: &Analysis) -> bool {
    a.ipam.pods.iter().all(|p| p.status == PodStatus::Running)
}

/// `docs/eni-and-ip-target.md` of the VPC CNI: instance, settings, pods → ENIs, IPs
/// per ENI, unused IPs. The doc lists the 0-pod row of `WARM_IP_TARGET=2,
/// MINIMUM_IP_TARGET=5` as "2,3"; eksnet fills ENIs in order, so eth0 has 3.
#[test]
fn eni_and_ip_target_table() {
    #[rustfmt::skip]
    let rows: &[Row] = &[
        ("t3.small", warm(Some(1), None, None), 0, 1, &[3], 3),
        ("t3.small", warm(Some(1), None, None), 5, 3, &[3, 3, 3], 4),
        ("t3.small", warm(Some(1), None, None), 9, 3, &[3, 3, 3], 0),
        ("t3.small", warm(None, Some(1), Some(1)), 0, 1, &[1], 1),
        ("t3.small", warm(None, Some(1), Some(1)), 5, 2, &[3, 3], 1),
        ("t3.small", warm(None, Some(1), Some(1)), 9, 3, &[3, 3, 3], 0),
        ("t3.small", warm(None, Some(2), Some(5)), 0, 2, &[3, 2], 5),
        ("t3.small", warm(None, Some(2), Some(5)), 5, 3, &[3, 3, 1], 2),
        ("t3.small", warm(None, Some(2), Some(5)), 9, 3, &[3, 3, 3], 0),
        ("p3dn.24xlarge", warm(Some(1), None, None), 0, 1, &[49], 49),
        ("p3dn.24xlarge", warm(Some(1), None, None), 3, 2, &[49, 49], 95),
        ("p3dn.24xlarge", warm(Some(1), None, None), 95, 3, &[49, 49, 49], 52),
        ("p3dn.24xlarge", warm(None, Some(5), Some(10)), 0, 1, &[10], 10),
        ("p3dn.24xlarge", warm(None, Some(5), Some(10)), 7, 1, &[12], 5),
        ("p3dn.24xlarge", warm(None, Some(5), Some(10)), 15, 1, &[20], 5),
        ("p3dn.24xlarge", warm(None, Some(5), Some(10)), 45, 2, &[49, 1], 5),
    ];
    for (t, cni, pods, enis, per, unused) in rows {
        let a = one_node(t, *pods, cni.clone());
        assert!(all_running(&a), "{t} {pods}");
        assert_eq!(
            secondary(&a),
            (*enis, per.to_vec(), *unused),
            "{t} {cni:?} {pods} pods"
        );
    }
}

/// `docs/prefix-and-ip-target.md` of the VPC CNI: instance, settings, pods → ENIs,
/// prefixes per ENI, unused IPs. Two places where that table contradicts itself are
/// followed by its prose instead: the 0-pod row of `WARM_IP_TARGET=7,
/// MINIMUM_IP_TARGET=20` says one attached prefix but "0,0" pods per prefix and two
/// prefixes per ENI (20 addresses need two /28s: 32 unused); and the p3dn.24xlarge
/// rows list extra ENIs without prefixes, while "a new ENI will only be allocated after
/// we exhaust all the prefixes allocated to existing ENIs" (p3dn has 49 slots each).
#[test]
fn prefix_and_ip_target_table() {
    #[rustfmt::skip]
    let rows: &[Row] = &[
        ("t3.small", prefixes(Some(1), None, None), 0, 1, &[1], 16),
        ("t3.small", prefixes(Some(1), None, None), 5, 1, &[2], 27),
        ("t3.small", prefixes(Some(1), None, None), 16, 1, &[2], 16),
        ("t3.small", prefixes(Some(1), None, None), 17, 1, &[3], 31),
        ("t3.small", prefixes(Some(1), None, None), 58, 2, &[3, 2], 22),
        ("t3.small", prefixes(None, Some(1), Some(1)), 0, 1, &[1], 16),
        ("t3.small", prefixes(None, Some(1), Some(1)), 5, 1, &[1], 11),
        ("t3.small", prefixes(None, Some(1), Some(1)), 17, 1, &[2], 15),
        ("t3.small", prefixes(None, Some(1), Some(1)), 58, 2, &[3, 1], 6),
        ("t3.small", prefixes(None, Some(7), Some(20)), 0, 1, &[2], 32),
        ("t3.small", prefixes(None, Some(7), Some(20)), 5, 1, &[2], 27),
        ("t3.small", prefixes(None, Some(7), Some(20)), 17, 1, &[2], 15),
        ("t3.small", prefixes(None, Some(7), Some(20)), 58, 2, &[3, 2], 22),
        ("p3dn.24xlarge", prefixes(Some(1), None, None), 0, 1, &[1], 16),
        ("p3dn.24xlarge", prefixes(Some(1), None, None), 3, 1, &[2], 29),
        ("p3dn.24xlarge", prefixes(Some(1), None, None), 95, 1, &[7], 17),
        ("p3dn.24xlarge", prefixes(None, Some(5), Some(10)), 0, 1, &[1], 16),
        ("p3dn.24xlarge", prefixes(None, Some(5), Some(10)), 7, 1, &[1], 9),
        ("p3dn.24xlarge", prefixes(None, Some(5), Some(10)), 15, 1, &[2], 17),
        ("p3dn.24xlarge", prefixes(None, Some(5), Some(10)), 45, 1, &[4], 19),
    ];
    for (t, cni, pods, enis, per, unused) in rows {
        let a = one_node(t, *pods, cni.clone());
        assert_eq!(a.ipam.nodes.get(0).unwrap().mode, AddressMode::Prefix);
        assert!(all_running(&a), "{t} {pods}");
        assert_eq!(
            delegated(&a),
            (*enis, per.to_vec(), *unused),
            "{t} {cni:?} {pods} pods"
        );
    }
    // Pods fill prefixes in order: 58 pods on t3.small are 16,16,16,10,0.
    let a = one_node("t3.small", 58, prefixes(Some(1), None, None));
    let per_prefix: Vec<usize> = a
        .ipam
        .nodes
        .get(0)
        .unwrap()
        .enis()
        .flat_map(|e| e.prefixes())
        .map(|p| p.slots().filter(|s| s.pod.is_some()).count())
        .collect();
    assert_eq!(per_prefix, [16, 16, 16, 10, 0]);
}

#[test]
fn default_scenario_is_console_1() {
    let a = analyze(&Scenario::example());
    assert!(
        quiet(&a),
        "{:#?}",
        a.diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>()
    );
    let expect = [
        (
            "my-nginx-5dc4865748-6pr9g",
            "192.168.68.109",
            "ip-192-168-90-3",
        ),
        (
            "my-nginx-5dc4865748-8snkt",
            "192.168.73.93",
            "ip-192-168-75-136",
        ),
        (
            "my-nginx-5dc4865748-g2xzk",
            "192.168.36.89",
            "ip-192-168-46-6",
        ),
        (
            "my-nginx-5dc4865748-m5fhq",
            "192.168.63.206",
            "ip-192-168-48-175",
        ),
    ];
    for (name, ip, node) in expect {
        let i = a.ipam.pod_index(name).unwrap();
        let p = a.ipam.pods.get(i).unwrap();
        assert_eq!(p.ip.unwrap().to_string(), ip);
        assert_eq!(p.eni, Some(0), "{name} is on eth0");
        assert_eq!(p.status, PodStatus::Running);
        assert!(p.ready && p.pinned);
        let n = &a.model.nodes[p.node.unwrap()];
        assert!(n.name.starts_with(node));
        assert_eq!(p.subnet, Some(n.subnet));
    }
    // m5.large, one pod per node, WARM_ENI_TARGET=1: eth0 full (the pinned IP and 8
    // warm), eth1 attached and filled: 9 + 9 secondary IPs; max pods 29.
    for n in &a.ipam.nodes {
        assert_eq!(n.max_pods, 29);
        assert_eq!(n.enis().len(), 2);
        assert_eq!(
            n.enis().get(0).unwrap().primary_ip,
            a.model.nodes[n.node].private_ip
        );
        assert_eq!((n.pod_addresses(), n.assigned()), (18, 1));
        // aws-node, kube-proxy (host network) and one nginx pod.
        assert_eq!(n.pods().len(), 3);
    }
    // Other addresses come lowest first after the EKS ENI (.32.4).
    let n0 = a.ipam.nodes.get(0).unwrap();
    assert_eq!(
        n0.enis()
            .get(0)
            .unwrap()
            .slots()
            .nth(1)
            .unwrap()
            .ip
            .to_string(),
        "192.168.32.5"
    );
    assert_eq!(
        n0.enis().get(1).unwrap().primary_ip.to_string(),
        "192.168.32.13"
    );
    // Subnet accounting: 5 reserved, 1 EKS ENI, 2 nodes, 2 more ENIs, 2 pods, 34
    // warm, and the CLB's node in this AZ (source 004, console 2).
    let s = &a.ipam.subnets[0];
    assert_eq!((s.enis, s.assigned, s.warm), (4, 2, 34));
    assert_eq!(s.accounting.as_ref().unwrap().free, 8192 - 47);
}

#[test]
fn node_at_max_pods_leaves_pods_pending() {
    // t3.micro: 2 × (2 − 1) + 2 = 4 pods: two system pods and two more.
    let a = one_node("t3.micro", 5, CniConfig::default());
    let pending: Vec<_> = a.ipam.not_running().collect();
    assert_eq!(pending.len(), 3);
    let (_, p) = &pending[0];
    assert_eq!(p.status, PodStatus::Pending);
    let msg = p.problem.unwrap().message(&a.model);
    assert_eq!(msg.en, "0/1 nodes are available: 1 Too many pods.");
    assert!(a.diagnostics.iter().any(|d| d.code == "pods-unschedulable"
        && d.path == "/workloads/0/replicas"
        && d.message.en.starts_with("3 pods of app stay Pending")));
}

#[test]
fn subnet_exhaustion_leaves_pods_without_ip() {
    // A /28 has 11 usable addresses: node IP + 10. m5.large wants eth0's 9, then eth1.
    let mut s = Scenario::default();
    s.vpc.cidr_blocks = vec!["10.0.0.0/16".into()];
    s.vpc.subnets = vec![Subnet {
        subnet_id: "tiny".into(),
        availability_zone: "ap-northeast-2a".into(),
        cidr_block: "10.0.0.0/28".into(),
        // Public, so that the node registers through the public endpoint.
        map_public_ip_on_launch: true,
        default_route: Some(DefaultRoute::GatewayId("igw-1".into())),
        ..Subnet::default()
    }];
    s.vpc.internet_gateway = Some(InternetGateway {
        internet_gateway_id: "igw-1".into(),
    });
    s.node_groups = vec![NodeGroup {
        nodegroup_name: "ng".into(),
        desired_size: 1,
        subnets: vec!["tiny".into()],
        ..NodeGroup::default()
    }];
    s.workloads = vec![Workload {
        name: "app".into(),
        replicas: 12,
        ..Workload::default()
    }];
    let a = analyze(&s);
    let n = a.ipam.nodes.get(0).unwrap();
    // eth0: 9 secondaries; eth1 takes the last address as its primary, none left.
    assert_eq!(n.enis().len(), 2);
    assert_eq!(n.pod_addresses(), 9);
    assert_eq!(n.shortfall, Some(NoIpCause::SubnetFull { subnet: 0 }));
    let stuck: Vec<_> = a
        .ipam
        .pods
        .iter()
        .filter(|p| p.status == PodStatus::ContainerCreating)
        .collect();
    assert_eq!(stuck.len(), 3);
    assert!(matches!(
        stuck[0].problem,
        Some(PodProblem::NoIp {
            cause: NoIpCause::SubnetFull { subnet: 0 }
        })
    ));
    let codes: Vec<&str> = a.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"pods-without-ip"), "{codes:?}");
    assert!(codes.contains(&"subnet-nearly-exhausted"), "{codes:?}");
    assert_eq!(a.addresses.pool(0).unwrap().free(), 0);
}

fn two_az() -> Scenario {
    let mut s = Scenario::example();
    s.pods.clear();
    s
}

#[test]
fn custom_networking_uses_the_eniconfig_subnet_and_not_eth0() {
    let mut s = two_az();
    s.vpc.cidr_blocks.push("100.64.0.0/16".into());
    for (id, az, cidr) in [
        ("pods-a", "ap-northeast-2a", "100.64.0.0/19"),
        ("pods-c", "ap-northeast-2c", "100.64.32.0/19"),
    ] {
        s.vpc.subnets.push(Subnet {
            subnet_id: id.into(),
            availability_zone: az.into(),
            cidr_block: cidr.into(),
            ..Subnet::default()
        });
    }
    s.cni.custom_network_cfg = true;
    s.cni.eni_configs = vec![
        EniConfig {
            name: "ap-northeast-2a".into(),
            subnet: "pods-a".into(),
            security_groups: vec![],
        },
        EniConfig {
            name: "ap-northeast-2c".into(),
            subnet: "pods-c".into(),
            security_groups: vec![],
        },
    ];
    let a = analyze(&s);
    assert!(quiet(&a), "{:#?}", a.diagnostics);
    for n in &a.ipam.nodes {
        assert_eq!(n.max_pods, 20); // (3 − 1) × 9 + 2
        let eth0 = n.enis().get(0).unwrap();
        assert!(!eth0.hosts_pods && eth0.slots().len() == 0);
        assert_eq!(eth0.subnet, a.model.nodes[n.node].subnet);
        assert!(n.enis().skip(1).all(|e| e.subnet == n.pod_subnet.unwrap()));
    }
    for p in a.ipam.pods.iter().filter(|p| !p.host_network) {
        let ip = p.ipv4().unwrap();
        assert!(ip.octets()[0] == 100, "{ip}");
        assert!(p.eni.unwrap() >= 1);
    }
    // An ENIConfig for 2c whose subnet is in 2a: that is what is wrong, not that
    // no ENIConfig is named 2c; nodes there still get no pod addresses.
    let mut wrong = s.clone();
    wrong.cni.eni_configs[1].subnet = "pods-a".into();
    let a = analyze(&wrong);
    let codes: Vec<&str> = a.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"eniconfig-wrong-az"), "{codes:?}");
    assert!(!codes.contains(&"eniconfig-missing"), "{codes:?}");
    let stuck = a.ipam.pods.iter().find_map(|p| match p.problem {
        Some(PodProblem::NoIp { cause }) => Some(cause),
        _ => None,
    });
    assert_eq!(stuck, Some(NoIpCause::NoEniConfig));
    let why = NoIpCause::NoEniConfig.message(&a.model);
    assert!(why.en.contains("no usable ENIConfig"), "{}", why.en);
    // Without an ENIConfig for 2c, nodes there get no pod addresses.
    s.cni.eni_configs.pop();
    let a = analyze(&s);
    assert!(a.diagnostics.iter().any(|d| d.code == "eniconfig-missing"));
    assert!(a.ipam.pods.iter().any(|p| matches!(
        p.problem,
        Some(PodProblem::NoIp {
            cause: NoIpCause::NoEniConfig
        })
    )));
}

#[test]
fn prefix_delegation_on_xen_falls_back() {
    let a = one_node("t2.large", 3, prefixes(None, None, None));
    let n = a.ipam.nodes.get(0).unwrap();
    assert_eq!(n.mode, AddressMode::SecondaryIp);
    assert!(n.enis().all(|e| e.prefixes().len() == 0));
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "prefix-delegation-unsupported")
        .unwrap();
    assert_eq!(d.path, "/nodeGroups/0/instanceType");
    assert!(all_running(&a));
}

#[test]
fn unknown_instance_type_keeps_nodes_not_ready() {
    let a = one_node("m5.larg", 2, CniConfig::default());
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown-instance-type")
        .unwrap();
    assert_eq!(d.path, "/nodeGroups/0/instanceType");
    assert!(d.fix.as_ref().unwrap().en.contains("m5.large"));
    assert!(!a.ipam.nodes.get(0).unwrap().ready);
    let app: Vec<_> = a
        .ipam
        .pods
        .iter()
        .filter(|p| p.namespace == "default")
        .collect();
    assert!(app.iter().all(|p| p.status == PodStatus::Pending));
    assert!(app[0]
        .problem
        .unwrap()
        .message(&a.model)
        .en
        .contains("not-ready"));
}

#[test]
fn ipv6_pods_take_addresses_of_the_node_slash_80() {
    let mut s = two_az();
    s.cluster.kubernetes_network_config.ip_family = IpFamily::Ipv6;
    s.cni.enable_prefix_delegation = true;
    s.vpc.subnets[0].ipv6_cidr_block = "2406:da12:abc:1000::/64".into();
    s.vpc.subnets[1].ipv6_cidr_block = "2406:da12:abc:2000::/64".into();
    let a = analyze(&s);
    let n = a.ipam.nodes.get(0).unwrap();
    assert_eq!(n.mode, AddressMode::Ipv6);
    assert_eq!(n.max_pods, 110);
    let p80 = n.ipv6_prefix.unwrap();
    assert_eq!(p80.prefix_len(), 80);
    let pods: Vec<_> = a.ipam.pods.iter().filter(|p| !p.host_network).collect();
    assert!(pods.iter().all(|p| p.status == PodStatus::Running));
    let on0 = pods.iter().find(|p| p.node == Some(0)).unwrap();
    match on0.ip {
        Some(std::net::IpAddr::V6(v6)) => assert!(p80.contains(&v6)),
        other => panic!("{other:?}"),
    }
    // Without prefix delegation the CNI does not start.
    s.cni.enable_prefix_delegation = false;
    let a = analyze(&s);
    assert!(a
        .diagnostics
        .iter()
        .any(|d| d.code == "ipv6-needs-prefix-delegation"));
    assert!(a.ipam.nodes.iter().all(|n| !n.ready));
}

#[test]
fn node_selector_and_fargate() {
    let mut s = two_az();
    s.workloads[0].node_selector.insert(
        "topology.kubernetes.io/zone".into(),
        "ap-northeast-2c".into(),
    );
    s.node_groups.push(NodeGroup {
        nodegroup_name: "fp".into(),
        kind: NodeGroupKind::Fargate,
        subnets: vec!["subnet-a".into()],
        ..NodeGroup::default()
    });
    let mut batch = Workload {
        name: "batch".into(),
        replicas: 2,
        ..Workload::default()
    };
    batch
        .node_selector
        .insert("eks.amazonaws.com/compute-type".into(), "fargate".into());
    s.workloads.push(batch);
    let a = analyze(&s);
    let az_of = |p: &super::Pod| &a.model.subnets[a.model.nodes[p.node.unwrap()].subnet].az;
    let nginx: Vec<_> = a
        .ipam
        .pods
        .iter()
        .filter(|p| p.name.starts_with("my-nginx"))
        .collect();
    assert_eq!(nginx.len(), 4);
    assert!(nginx.iter().all(|p| az_of(p) == "ap-northeast-2c"));
    // Least loaded: two per node of 2c.
    assert_eq!(nginx.iter().filter(|p| p.node == Some(2)).count(), 2);
    let batch: Vec<_> = a
        .ipam
        .pods
        .iter()
        .filter(|p| p.name.starts_with("batch"))
        .collect();
    assert_eq!(batch.len(), 2);
    for (k, p) in batch.iter().enumerate() {
        assert!(matches!(
            p.placement,
            super::Placement::Fargate { group: 1 }
        ));
        let i = a.ipam.pod_index(&format!("default/{}", p.name)).unwrap();
        let node = a.ipam.node_name(&a.model, i).unwrap();
        assert!(node.starts_with("fargate-ip-192-168-32-"), "{node} {k}");
    }
}

#[test]
fn pinned_addresses_with_prefix_delegation_take_their_slash_28() {
    let mut s = Scenario::example();
    s.cni.enable_prefix_delegation = true;
    let a = analyze(&s);
    assert!(quiet(&a), "{:#?}", a.diagnostics);
    let i = a.ipam.pod_index("my-nginx-5dc4865748-g2xzk").unwrap();
    let p = a.ipam.pods.get(i).unwrap();
    assert_eq!(p.ip.unwrap().to_string(), "192.168.36.89");
    let n = a.ipam.nodes.get(p.node.unwrap()).unwrap();
    let first = n.enis().get(0).unwrap().prefixes().next().unwrap();
    assert_eq!(first.cidr.to_string(), "192.168.36.80/28");
    assert_eq!(first.slots().nth(9).unwrap().pod, Some(i as u32));
    // WARM_PREFIX_TARGET 1: one more, fully free /28.
    assert_eq!(n.enis().get(0).unwrap().prefixes().len(), 2);
}

#[test]
fn bad_pins_are_diagnosed_and_pods_still_run() {
    let mut s = Scenario::example();
    s.pods[0].pod_ip = Some("192.168.32.2".into()); // reserved (+2, DNS)
    s.pods[1].node_name = "ip-192-168-75-13".into();
    let a = analyze(&s);
    let codes: Vec<(&str, &str)> = a
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .collect();
    assert!(
        codes.contains(&("pod-ip-unusable", "/pods/0/podIP")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("unknown-reference", "/pods/1/nodeName")),
        "{codes:?}"
    );
    assert!(all_running(&a));
}

/// No errors or warnings (informational notes from other checks are fine).
fn quiet(a: &crate::Analysis) -> bool {
    a.diagnostics
        .iter()
        .all(|d| d.severity == crate::Severity::Info)
}

#[test]
fn absurd_replica_counts_are_refused_not_allocated() {
    let a = one_node("m5.large", u32::MAX, CniConfig::default());
    assert!(a.diagnostics.iter().any(|d| d.code == "too-many-pods"));
    assert!(a.ipam.pods.len() <= super::schedule::MAX_PODS + 2);
}

/// Three m5.large in a /27 with 60 pods (24 free addresses once the three node IPs
/// are taken). Every node's `ipamd` fills its warm pool as it starts, before pods
/// arrive (eth0's 9 secondary IPs each: 9 + 9 + 6), and the scheduler spreads the
/// pods 20 per node, so pods run on all three nodes; the subnet is not handed to the
/// first node whole. Warm-pool diagnostics never claim every pod has an IP here.
#[test]
fn an_exhausted_subnet_is_shared_by_the_nodes_warm_pools() {
    let s = crate::testkit::public_cluster("10.0.0.0/27", "m5.large", 3, 60);
    let a = analyze(&s);
    let running: Vec<usize> = a
        .ipam
        .nodes
        .iter()
        .map(|n| {
            n.pods()
                .filter(|&p| {
                    let p = a.ipam.pods.get(p).unwrap();
                    p.status == PodStatus::Running && !p.host_network
                })
                .count()
        })
        .collect();
    assert_eq!(running, vec![9, 9, 6]);
    let acc = a.ipam.subnets[0].accounting.as_ref().unwrap();
    assert_eq!(acc.free, 0);
    // The pool's holders agree with the pods: 24 pod addresses, none warm.
    let held = |h| a.addresses.pool(0).unwrap().count(h);
    assert_eq!(held(crate::model::Holder::PodAssigned), 24);
    assert_eq!(held(crate::model::Holder::Warm), 0);
    let waiting = a
        .ipam
        .pods
        .iter()
        .filter(|p| p.status == PodStatus::ContainerCreating)
        .count();
    assert_eq!(waiting, 36);
    for d in &a.diagnostics {
        assert!(
            !d.message.en.contains("every pod has an IP"),
            "{}",
            d.message.en
        );
    }
}
