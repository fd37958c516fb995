//! Every control-plane flow in every endpoint mode, hop by hop, against the lab of
//! `testkit` (public and private subnets, a NAT gateway, a bastion, an
//! office over VPN).

use super::*;
use crate::scenario::*;
use crate::testkit::{code, dns_zone, field, fix, ids, lab, run, MODES};
use crate::Scenario;
use crate::Source;

const PUB_NODE: &str = "node:ip-192-168-46-6.ap-northeast-2.compute.internal";
pub(super) const PRIV_NODE: &str = "node:ip-192-168-130-10.ap-northeast-2.compute.internal";
const PRIV_ETH0: &str = "eni:ip-192-168-130-10.ap-northeast-2.compute.internal:0";
const PUB_ETH0: &str = "eni:ip-192-168-46-6.ap-northeast-2.compute.internal:0";

// ------------------------------------------------------------------ kubectl

#[test]
fn kubectl_from_the_internet() {
    let public_path = [
        "client:laptop",
        "dns:public",
        "internet",
        "cp:nlb",
        "cp:apiserver",
    ];
    for (public, private) in MODES {
        let t = run(&lab(public, private), "kubectl:laptop");
        if public {
            assert!(t.is_reachable(), "{public} {private}: {:?}", t.verdict);
            assert_eq!(ids(&t), public_path);
            assert!(t.crosses_internet());
            let nlb = &t.hops[3];
            assert_eq!(nlb.src.as_deref(), Some("203.0.113.10"));
        } else {
            // Private only: the public name gives private addresses; blocked at routing.
            assert_eq!(ids(&t), ["client:laptop", "dns:public", "internet"]);
            assert_eq!(code(&t), Some("no-public-endpoint"));
            let answer = t.hops[1].dns.as_ref().unwrap();
            assert_eq!(answer.addresses, ["192.168.128.4", "192.168.160.4"]);
        }
    }
    let mut s = lab(true, true);
    s.cluster.resources_vpc_config.public_access_cidrs = vec!["198.51.100.0/24".into()];
    let t = run(&s, "kubectl:laptop");
    assert_eq!(
        ids(&t),
        ["client:laptop", "dns:public", "internet", "cp:nlb"]
    );
    assert_eq!(code(&t), Some("source-not-in-public-access-cidrs"));
    assert!(fix(&t).contains("203.0.113.10/32"));
    assert_eq!(
        field(&t).as_deref(),
        Some("/cluster/resourcesVpcConfig/publicAccessCidrs")
    );
}

#[test]
fn kubectl_from_a_bastion() {
    let t = run(&lab(true, false), "kubectl:bastion");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(
        ids(&t),
        [
            "client:bastion",
            "dns:public",
            "subnet:subnet-a",
            "igw",
            "cp:nlb",
            "cp:apiserver"
        ]
    );
    // Leaves the VPC, but not over the public internet (000: Amazon's network).
    assert!(!t.crosses_internet());
    assert!(t.hops.iter().any(|h| h.leaves_vpc));
    assert_eq!(t.hops[4].src.as_deref(), Some("43.200.1.1"));

    for (public, private) in [(true, true), (false, true)] {
        let t = run(&lab(public, private), "kubectl:bastion");
        assert!(t.is_reachable(), "{:?}", t.verdict);
        assert_eq!(
            ids(&t),
            [
                "client:bastion",
                "dns:private",
                "subnet:subnet-a",
                "sg:sg-cluster",
                "eks-eni:0",
                "cp:apiserver"
            ]
        );
        assert!(!t.crosses_internet());
        assert!(!ids(&t).contains(&"igw"));
    }

    // Without the bastion's group the cluster security group says no.
    let mut s = lab(true, true);
    s.clients[1].security_group_ids.clear();
    let t = run(&s, "kubectl:bastion");
    assert_eq!(code(&t), Some("security-group-denies"));
    assert_eq!(t.blocked_at().unwrap().as_str(), "sg:sg-cluster");
    assert!(fix(&t).contains("TCP 443 from 192.168.32."), "{}", fix(&t));
    assert_eq!(field(&t).as_deref(), Some("/securityGroups/0/ingress"));
}

#[test]
fn kubectl_from_a_connected_network() {
    let t = run(&lab(true, false), "kubectl:office");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(
        ids(&t),
        [
            "client:office",
            "dns:public",
            "internet",
            "cp:nlb",
            "cp:apiserver"
        ]
    );
    assert_eq!(t.hops[3].src.as_deref(), Some("198.51.100.7"));

    let private_path = [
        "client:office",
        "dns:private",
        "net:office",
        "sg:sg-cluster",
        "eks-eni:0",
        "cp:apiserver",
    ];
    for (public, private) in [(true, true), (false, true)] {
        let t = run(&lab(public, private), "kubectl:office");
        assert!(t.is_reachable(), "{:?}", t.verdict);
        assert_eq!(ids(&t), private_path);
        assert!(!t.crosses_internet());
    }

    // Without a Route 53 Resolver inbound endpoint: public answer in public +
    // private; in private only, the public zone gives the private addresses.
    let mut s = lab(true, true);
    s.connected_networks[0].resolver_inbound_endpoint = false;
    let t = run(&s, "kubectl:office");
    assert_eq!(
        ids(&t),
        [
            "client:office",
            "dns:public",
            "internet",
            "cp:nlb",
            "cp:apiserver"
        ]
    );
    let mut s = lab(false, true);
    s.connected_networks[0].resolver_inbound_endpoint = false;
    let t = run(&s, "kubectl:office");
    assert!(t.is_reachable());
    assert_eq!(dns_zone(&t), Some("dns:public"));
    assert_eq!(ids(&t)[2..], private_path[2..]);

    // No route back from the VPC.
    let mut s = lab(false, true);
    s.connected_networks[0].routed = false;
    let t = run(&s, "kubectl:office");
    assert_eq!(code(&t), Some("no-route-to-private-endpoint"));
    assert_eq!(t.blocked_at().unwrap().as_str(), "net:office");

    // The cluster security group must admit the network (AWS docs).
    let mut s = lab(false, true);
    s.security_groups[0].ingress.remove(2);
    let t = run(&s, "kubectl:office");
    assert_eq!(code(&t), Some("security-group-denies"));
    assert!(fix(&t).contains("TCP 443 from 10.10.0.0/16"), "{}", fix(&t));
}

// ------------------------------------------------------------------ kubelet

#[test]
fn kubelet_from_a_public_subnet() {
    let t = run(&lab(true, false), "kubelet:ip-192-168-46-6");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(
        ids(&t),
        [
            PUB_NODE,
            "dns:public",
            "subnet:subnet-a",
            "igw",
            "cp:nlb",
            "cp:apiserver"
        ]
    );
    assert!(!t.crosses_internet());
    assert_eq!(t.hops[3].src.as_deref(), Some("52.79.236.233"));
    for (public, private) in [(true, true), (false, true)] {
        let t = run(&lab(public, private), "kubelet:ip-192-168-46-6");
        assert_eq!(
            ids(&t),
            [
                PUB_NODE,
                "dns:private",
                "subnet:subnet-a",
                "sg:sg-cluster",
                "eks-eni:0",
                "cp:apiserver"
            ]
        );
        assert!(t.is_reachable());
    }
    // A node without a public IP in a public subnet (public only).
    let mut s = lab(true, false);
    s.node_groups[0].nodes[0].public_ip = None;
    s.node_groups[0].associate_public_ip_address = Some(false);
    let t = run(&s, "kubelet:ip-192-168-46-6");
    assert_eq!(code(&t), Some("no-public-ip"));
    assert_eq!(t.blocked_at().unwrap().as_str(), "igw");
    assert_eq!(
        field(&t).as_deref(),
        Some("/nodeGroups/0/associatePublicIpAddress")
    );
    // With private access it does not matter.
    let mut s2 = s.clone();
    s2.cluster.resources_vpc_config.endpoint_private_access = true;
    assert!(run(&s2, "kubelet:ip-192-168-46-6").is_reachable());
}

#[test]
fn kubelet_from_a_private_subnet() {
    let t = run(&lab(true, false), "kubelet:ip-192-168-130-10");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(
        ids(&t),
        [
            PRIV_NODE,
            "dns:public",
            "subnet:subnet-pa",
            "nat:nat-a",
            "igw",
            "cp:nlb",
            "cp:apiserver"
        ]
    );
    assert_eq!(
        t.hops[5].src.as_deref(),
        Some("13.125.0.10"),
        "the NAT's Elastic IP"
    );
    for (public, private) in [(true, true), (false, true)] {
        let t = run(&lab(public, private), "kubelet:ip-192-168-130-10");
        assert!(t.is_reachable());
        assert_eq!(
            ids(&t),
            [
                PRIV_NODE,
                "dns:private",
                "subnet:subnet-pa",
                "sg:sg-cluster",
                "eks-eni:0",
                "cp:apiserver"
            ]
        );
        assert_eq!(t.hops[4].dst.as_deref(), Some("192.168.128.4:443"));
    }

    // publicAccessCidrs without the NAT's address: blocked with private access off
    // (the node never registers), irrelevant with it on (fidelity note).
    let mut s = lab(true, false);
    s.cluster.resources_vpc_config.public_access_cidrs = vec!["203.0.113.0/24".into()];
    let t = run(&s, "kubelet:ip-192-168-130-10");
    assert_eq!(code(&t), Some("source-not-in-public-access-cidrs"));
    assert!(fix(&t).contains("13.125.0.10/32"));
    assert!(fix(&t).contains("endpointPrivateAccess"));
    match &t.verdict {
        Verdict::Blocked { reason, .. } => assert!(reason.en.contains("never registers")),
        Verdict::Reachable => unreachable!(),
    }
    s.cluster.resources_vpc_config.endpoint_private_access = true;
    assert!(run(&s, "kubelet:ip-192-168-130-10").is_reachable());

    // No default route at all (public only).
    let mut s = lab(true, false);
    s.vpc.subnets[2].default_route = None;
    let t = run(&s, "kubelet:ip-192-168-130-10");
    assert_eq!(ids(&t), [PRIV_NODE, "dns:public", "subnet:subnet-pa"]);
    assert_eq!(code(&t), Some("no-route-to-internet"));
    assert_eq!(field(&t).as_deref(), Some("/vpc/subnets/2/defaultRoute"));

    // A NAT gateway placed in a private subnet leads nowhere.
    let mut s = lab(true, false);
    s.vpc.nat_gateways[0].subnet_id = "subnet-pc".into();
    let t = run(&s, "kubelet:ip-192-168-130-10");
    assert_eq!(t.blocked_at().unwrap().as_str(), "nat:nat-a");
    assert_eq!(code(&t), Some("no-route-to-internet"));
}

#[test]
fn kubelet_dns_decides_the_path() {
    // A custom resolver that does not forward: public path even with private access.
    let mut s = lab(true, true);
    s.vpc.dns_resolver = DnsResolver::Custom {
        address: "192.168.0.53".into(),
        forwards_to_vpc_resolver: false,
    };
    let t = run(&s, "kubelet:ip-192-168-130-10");
    assert_eq!(
        ids(&t)[1..4],
        ["dns:public", "subnet:subnet-pa", "nat:nat-a"]
    );
    assert_eq!(t.hops[1].dst.as_deref(), Some("192.168.0.53:53"));
    // enableDnsSupport off: no answer at all.
    let mut s = lab(true, true);
    s.vpc.enable_dns_support = false;
    let t = run(&s, "kubelet:ip-192-168-130-10");
    assert_eq!(ids(&t), [PRIV_NODE, "dns:resolver"]);
    assert_eq!(code(&t), Some("no-dns-answer"));
    // Both accesses off.
    let t = run(&lab(false, false), "kubelet:ip-192-168-130-10");
    assert_eq!(code(&t), Some("no-dns-answer"));
    assert_eq!(t.blocked_at().unwrap().as_str(), "dns:public");
}

#[test]
fn kubelet_through_a_transit_gateway() {
    let mut s = lab(true, false);
    s.vpc.subnets[2].default_route = Some(DefaultRoute::TransitGatewayId("tgw-1".into()));
    let t = run(&s, "kubelet:ip-192-168-130-10");
    assert!(t.is_reachable());
    assert_eq!(
        ids(&t)[2..],
        ["subnet:subnet-pa", "tgw:tgw-1", "cp:nlb", "cp:apiserver"]
    );
    s.cluster.resources_vpc_config.public_access_cidrs = vec!["203.0.113.0/24".into()];
    let t = run(&s, "kubelet:ip-192-168-130-10");
    assert_eq!(code(&t), Some("source-not-in-public-access-cidrs"));
}

#[test]
fn node_egress_rules_are_evaluated() {
    let mut s = lab(true, true);
    s.security_groups.push(SecurityGroup {
        group_id: "sg-node".into(),
        ingress: vec![SecurityGroupRule {
            ip_protocol: "-1".into(),
            source_security_group_id: Some("sg-cluster".into()),
            ..SecurityGroupRule::default()
        }],
        egress: Some(vec![SecurityGroupRule {
            ip_protocol: "tcp".into(),
            from_port: 80,
            to_port: 80,
            cidr_ip: Some("0.0.0.0/0".into()),
            ..SecurityGroupRule::default()
        }]),
        ..SecurityGroup::default()
    });
    s.node_groups[1].security_group_ids = vec!["sg-node".into()];
    let t = run(&s, "kubelet:ip-192-168-130-10");
    assert_eq!(
        ids(&t),
        [PRIV_NODE, "dns:private", "subnet:subnet-pa", "sg:sg-node"]
    );
    assert_eq!(code(&t), Some("security-group-denies"));
    assert_eq!(field(&t).as_deref(), Some("/securityGroups/2/egress"));
}

// ------------------------------------------------------ API server → kubelet

#[test]
fn exec_always_goes_through_the_eks_owned_enis() {
    for (public, private) in MODES.into_iter().chain([(false, false)]) {
        let s = lab(public, private);
        let t = run(&s, "exec:ip-192-168-130-10");
        assert!(t.is_reachable(), "{public} {private}: {:?}", t.verdict);
        assert_eq!(
            ids(&t),
            [
                "cp:apiserver",
                "eks-eni:0",
                "subnet:subnet-pa",
                "sg:sg-cluster",
                PRIV_ETH0,
                PRIV_NODE
            ]
        );
        assert!(!t.crosses_internet());
        assert_eq!(t.hops[1].src.as_deref(), Some("192.168.128.4"));
        assert_eq!(t.hops[5].dst.as_deref(), Some("192.168.130.10:10250"));
        // The public node, too, is reached from the ENI of its AZ.
        let t = run(&s, "logs:192.168.46.6");
        assert_eq!(
            ids(&t),
            [
                "cp:apiserver",
                "eks-eni:0",
                // The ENI's subnet-pa routes it (the sender's table), then it
                // enters subnet-a.
                "subnet:subnet-pa",
                "subnet:subnet-a",
                "sg:sg-cluster",
                PUB_ETH0,
                PUB_NODE
            ]
        );
    }
}

fn node_group_with_own_sg(ports: &[u16]) -> Scenario {
    let mut s = lab(true, true);
    s.security_groups.push(SecurityGroup {
        group_id: "sg-node".into(),
        ingress: ports
            .iter()
            .map(|&p| SecurityGroupRule {
                ip_protocol: "tcp".into(),
                from_port: p,
                to_port: p,
                source_security_group_id: Some("sg-cluster".into()),
                ..SecurityGroupRule::default()
            })
            .collect(),
        ..SecurityGroup::default()
    });
    s.node_groups[1].security_group_ids = vec!["sg-node".into()];
    // The ENIs must still admit the nodes' 443.
    s.security_groups[0].ingress.push(SecurityGroupRule {
        ip_protocol: "tcp".into(),
        from_port: 443,
        to_port: 443,
        source_security_group_id: Some("sg-node".into()),
        ..SecurityGroupRule::default()
    });
    s
}

#[test]
fn a_missing_10250_rule_blocks_exec_at_the_node_group() {
    let t = run(&node_group_with_own_sg(&[443]), "exec:ip-192-168-130-10");
    assert_eq!(
        ids(&t),
        [
            "cp:apiserver",
            "eks-eni:0",
            "subnet:subnet-pa",
            "sg:sg-node"
        ]
    );
    assert_eq!(code(&t), Some("security-group-denies"));
    assert_eq!(
        fix(&t),
        "add an inbound rule to sg-node: TCP 10250 from sg-cluster"
    );
    match &t.verdict {
        Verdict::Blocked { reason, .. } => assert!(reason.en.contains("time out")),
        Verdict::Reachable => unreachable!(),
    }
    assert!(run(&node_group_with_own_sg(&[10250]), "exec:ip-192-168-130-10").is_reachable());
    // kubelet → API server still works: the ENIs admit sg-node on 443.
    assert!(run(&node_group_with_own_sg(&[443]), "kubelet:ip-192-168-130-10").is_reachable());
}

#[test]
fn webhooks_need_their_port_open_on_the_nodes() {
    let mut s = node_group_with_own_sg(&[10250]);
    s.workloads.push(Workload {
        name: "aws-load-balancer-controller".into(),
        namespace: "kube-system".into(),
        admission_webhook_port: Some(9443),
        ..Workload::default()
    });
    let t = run(&s, "webhook:ip-192-168-130-10");
    assert_eq!(code(&t), Some("security-group-denies"));
    assert!(fix(&t).contains("TCP 9443 from sg-cluster"));
    let t = run(&s, "webhook:ip-192-168-130-10:10250");
    assert!(t.is_reachable());
    assert_eq!(
        ids(&t),
        [
            "cp:apiserver",
            "eks-eni:0",
            "subnet:subnet-pa",
            "sg:sg-node",
            PRIV_ETH0,
            PRIV_NODE
        ]
    );
    assert_eq!(t.hops.last().unwrap().link, Link::Pod);
    let s = node_group_with_own_sg(&[10250, 9443]);
    assert!(run(&s, "webhook:ip-192-168-130-10:9443").is_reachable());
    // Default port without webhooks in the scenario: 443.
    let t = run(
        &node_group_with_own_sg(&[10250]),
        "webhook:ip-192-168-130-10",
    );
    assert!(fix(&t).contains("TCP 443"));
}

// ----------------------------------------------------------------- refusals

#[test]
fn unknown_names_and_untraced_flows_are_blocked_not_panics() {
    let s = lab(true, true);
    let t = run(&s, "kubectl:lapto");
    assert_eq!(code(&t), Some("unknown-client"));
    assert!(fix(&t).contains("laptop"));
    for f in [
        "kubelet:ip-1-2-3-4",
        "exec:nope",
        "pull:10.0.0.1",
        "webhook:x:9443",
    ] {
        assert_eq!(code(&run(&s, f)), Some("unknown-node"), "{f}");
    }
    assert_eq!(
        code(&run(&s, "svc:default/my-nginx")),
        Some("unknown-service")
    );
    let mut s = lab(true, true);
    s.clients[0].location = ClientLocation::Internet {
        source_ip: "not-an-ip".into(),
    };
    assert_eq!(
        code(&run(&s, "kubectl:laptop")),
        Some("client-location-invalid")
    );
    // No cluster subnets: no ENIs, so neither private answers nor exec.
    let mut s = lab(true, true);
    s.cluster.resources_vpc_config.subnet_ids.clear();
    assert_eq!(code(&run(&s, "exec:ip-192-168-130-10")), Some("no-eks-eni"));
}

#[test]
fn hops_carry_sources_and_the_default_scenario_is_public() {
    let s = Scenario::example();
    let t = run(&s, "kubectl:laptop");
    assert!(t.is_reachable());
    for h in &t.hops {
        assert!(!h.why.en.is_empty() && !h.why.ko.is_empty());
        assert!(!h.cite.section.is_empty() || h.cite.source == Source::S004);
    }
    let t = run(&s, "kubelet:ip-192-168-90-3");
    assert_eq!(ids(&t)[1..4], ["dns:public", "subnet:subnet-c", "igw"]);
}
