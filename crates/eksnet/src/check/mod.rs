//! Checks: every rule of the sources that a scenario can break.
//!
//! [`crate::analyze`] runs them on the checked model after it is built (structural
//! problems such as bad CIDRs or broken references are found while building, in
//! `model/build.rs`). Each finding is a [`Diagnostic`] with a stable code, the JSON
//! pointer of the field to change, a bilingual message and fix, and its source.
//! Checks read the model only and never panic.
//!
//! | code | severity | rule | source |
//! |---|---|---|---|
//! | `cluster-subnets-missing` | error | the cluster names no usable subnet | 001 |
//! | `cluster-subnets-single-az` | error | cluster subnets in fewer than 2 AZs | 001, 003, AWS |
//! | `cluster-subnet-too-few-ips` | error | a cluster subnet has fewer than 6 addresses for EKS | 003, AWS |
//! | `cluster-subnet-few-ips` | warning | … fewer than 16 (the recommendation) | 003, AWS |
//! | `too-many-security-groups` | error | more than 5 additional security groups | 001 |
//! | `security-groups-not-modelled` | info | no cluster security group given: none is evaluated | 001 |
//! | `endpoint-access-disabled` | error | public and private access both off | 000 |
//! | `public-access-open` | info | `publicAccessCidrs` admits the whole internet | 003 |
//! | `public-access-cidr-private` | warning | a private range in `publicAccessCidrs` never matches | AWS |
//! | `private-access-needs-dns` | error | private access without `enableDnsSupport`/`enableDnsHostnames` | 001, AWS |
//! | `vpc-dns-support-off` | error | `enableDnsSupport` off: nodes resolve nothing | AWS |
//! | `vpc-dns-hostnames-off` | warning | `enableDnsHostnames` off | AWS |
//! | `custom-resolver-not-forwarding` | warning/info | a custom resolver hides the private hosted zone | 001 |
//! | `nat-gateway-in-private-subnet` | error | a NAT gateway whose subnet has no IGW route | 003 |
//! | `fargate-in-public-subnet` | error | Fargate runs pods in private subnets only | AWS |
//! | `vpc-cidr-size`, `vpc-cidr-overlap` | error | VPC blocks /16–/28, not overlapping | AWS |
//! | `service-cidr-overlaps-vpc` | error | service CIDR overlapping the VPC | AWS |
//! | `service-cidr-range` | error | service CIDR outside RFC 1918 or not /12–/24 | AWS |
//! | `service-cidr-overlaps-network` | warning | service CIDR overlapping a connected network | AWS |
//! | `network-overlaps-vpc` | error | a connected network overlapping the VPC | AWS |
//! | `client-outside-network` | warning | a client's address outside its network's CIDRs | — |
//! | `internet-client-private-ip` | warning | an internet client with a private source address | AWS |
//! | `ipv6-vpc-needs-ipv6-cidr` | error | IPv6 cluster, VPC without an IPv6 block | 003, AWS |
//! | `ipv6-needs-ipv4` | error | IPv6 cluster, VPC without IPv4 | 003 |
//! | `ipv6-subnet-needs-ipv6-cidr` | error | IPv6 cluster, subnet without an IPv6 block | 003, AWS |
//! | `ipv6-subnet-auto-assign` | error | IPv6 cluster, node subnet not auto-assigning IPv6 | 003 |
//! | `ipv6-no-dual-stack` | info | pods and services get IPv6 only | 003 |
//! | `ipv6-egress-only-igw` | info | private IPv6 egress takes an egress-only IGW | 003 |
//! | `invalid-ipv6-cidr`, `subnet-ipv6-outside-vpc`, `subnet-ipv6-size` | error | malformed or misplaced IPv6 blocks | AWS |
//! | `node-cannot-reach-endpoint` | error | kubelet cannot reach the API server (traced) | 000, 002 |
//! | `cluster-sg-missing-443-from-nodes` | error | the ENIs' groups do not admit 443 from nodes | 001, AWS |
//! | `node-sg-missing-10250` | error | the nodes' groups do not admit 10250 from the cluster SG | 002, AWS |
//! | `node-sg-missing-webhook-port` | error | … nor a webhook's port | AWS |
//! | `sg-egress-denies` | error | an outbound rule list drops control-plane traffic | AWS |
//! | `node-cannot-pull-images` | error | no way to ECR and S3 (traced) | 003, AWS |
//! | `client-cannot-reach-endpoint` | warning/info | a kubectl client cannot reach the API server (traced) | 000 |
//!
//! Data plane (`lb.rs`, and the derivation in [`crate::lb`]):
//!
//! | code | severity | rule | source |
//! |---|---|---|---|
//! | `missing-name`, `duplicate-service`, `duplicate-ingress` | error | every Service and Ingress has a unique name | k8s |
//! | `service-no-ports`, `service-port-invalid` | error | at least one port; 1–65535; TCP, UDP or SCTP; no duplicates | k8s |
//! | `invalid-ip`, `cluster-ip-outside-range`, `cluster-ip-taken`, `headless-not-allowed` | error | a given ClusterIP is an unused address of the service CIDR; `None` only for ClusterIP Services | k8s |
//! | `node-port-out-of-range`, `node-port-taken`, `node-port-not-allowed`, `node-ports-exhausted` | error | NodePorts in 30000–32767, unique, not on ClusterIP Services | k8s |
//! | `health-check-node-port-not-allowed` | error | `healthCheckNodePort` only with LoadBalancer + Local | k8s, design |
//! | `traffic-policy-not-external` | error | `externalTrafficPolicy: Local` only on NodePort/LoadBalancer | k8s |
//! | `service-selects-nothing`, `service-no-ready-endpoints` | warning | a selector that matches no (ready) pod | k8s |
//! | `service-without-selector` | info | no selector: no managed endpoints | k8s |
//! | `lb-type-unknown`, `lb-annotation-ignored`, `clb-ip-targets-unsupported` | warning | annotations the chosen controller does not read; a CLB has no IP targets | 004, AWS |
//! | `lb-annotation-invalid` | error | a value the controller refuses | AWS |
//! | `lb-hostname-stale` | warning | a given host name that is not this load balancer's | 004 |
//! | `no-public-subnet`, `lb-no-subnet`, `lb-subnet-unknown`, `lb-subnet-few-ips`, `alb-needs-two-azs` | error | where a load balancer can sit | 003, AWS |
//! | `lb-subnet-not-public` | error | an internet-facing load balancer in a subnet without an IGW route | AWS |
//! | `ingress-without-class` | warning | no class: no ALB | 004 |
//! | `ingress-class-not-alb`, `ingress-no-rules` | info, warning | not modelled / nothing to forward | 004 |
//! | `ingress-group-scheme-conflict` | error | an IngressGroup's members agree on the scheme | AWS |
//! | `ingress-backend-unknown-service`, `ingress-backend-unknown-port` | error | rules name existing Services and ports | AWS |
//! | `ingress-service-no-nodeport` | error | instance targets need a NodePort (not a ClusterIP Service) | 004 §2.2 |
//! | `no-endpoints`, `local-no-ready-pod`, `no-healthy-target` | error | a target group without a healthy target loses every request | 004, design |
//! | `local-few-target-nodes` | warning | under Local, one node takes all traffic | 004 |
//! | `local-uneven-load` | info | under Local, traffic is split by node, not by pod | 004, k8s |
//! | `lb-az-not-enabled` | warning | targets in an AZ without a load balancer subnet are unused | AWS |
//! | `client-ip-hidden` | info | NLB instance + Cluster: kube-proxy's SNAT hides the client | AWS, k8s |
//! | `ipv6-services-not-modelled` | info | IPv6 clusters: Services and load balancers are modelled for IPv4 only | 003 |

mod cidr;
mod cluster;
mod ipv6;
pub(crate) mod lb;
mod reach;

use crate::cite::Cite;
use crate::diag::Severity;
use crate::model::{Ledger, Model};
use crate::{Diagnostic, Text};

/// Runs every check on the model, appending to `diags`.
pub(crate) fn run(model: &Model, addresses: &Ledger, diags: &mut Vec<Diagnostic>) {
    cluster::check(model, addresses, diags);
    cidr::check(model, diags);
    ipv6::check(model, diags);
    reach::check(model, diags);
}

/// Runs the data-plane checks (Services, load balancers) after the load balancers
/// are derived, appending to `diags`.
pub(crate) fn data_plane(
    model: &Model,
    ipam: &crate::cni::Ipam,
    lbs: &crate::lb::LoadBalancing,
    diags: &mut Vec<Diagnostic>,
) {
    lb::check(model, ipam, lbs, diags);
}

/// Builds a diagnostic.
pub(crate) fn diag(
    severity: Severity,
    code: &'static str,
    path: impl Into<String>,
    message: Text,
    fix: Option<Text>,
    cite: Cite,
) -> Diagnostic {
    Diagnostic {
        severity,
        code,
        path: path.into(),
        message,
        fix,
        cite,
    }
}

#[cfg(test)]
pub(crate) mod testkit {
    //! Scenarios and helpers shared by the checks' and traces' tests.

    use crate::scenario::*;
    use crate::Diagnostic;

    /// Codes of the diagnostics of `s`.
    pub fn codes(s: &Scenario) -> Vec<&'static str> {
        crate::analyze(s)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    }

    /// The diagnostics of `s` with `code`.
    pub fn with_code(s: &Scenario, code: &str) -> Vec<Diagnostic> {
        crate::analyze(s)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    }

    fn rule(port: u16, cidr: Option<&str>, sg: Option<&str>, what: &str) -> SecurityGroupRule {
        SecurityGroupRule {
            ip_protocol: if port == 0 { "-1".into() } else { "tcp".into() },
            from_port: port,
            to_port: port,
            cidr_ip: cidr.map(Into::into),
            source_security_group_id: sg.map(Into::into),
            description: what.into(),
        }
    }

    /// A lab: VPC 192.168.0.0/16 with public subnets `subnet-a`/`subnet-c` (IGW) and
    /// private subnets `subnet-pa`/`subnet-pc` (NAT gateway `nat-a` in `subnet-a`,
    /// Elastic IP 13.125.0.10); the cluster's ENIs in the private subnets; node
    /// group `public` (one node in `subnet-a`, public IP 52.79.236.233) and
    /// `private` (one node in `subnet-pa`); clients `laptop` (internet
    /// 203.0.113.10), `bastion` (in `subnet-a`, group `sg-bastion`) and `office`
    /// (VPN 10.10.0.0/16 with a Route 53 Resolver inbound endpoint). The cluster
    /// security group admits 443 from `sg-bastion` and 10.10.0.0/16.
    pub fn lab(public: bool, private: bool) -> Scenario {
        let subnet = |id: &str, az: &str, cidr: &str, route: DefaultRoute, map: bool| Subnet {
            subnet_id: id.into(),
            availability_zone: az.into(),
            cidr_block: cidr.into(),
            map_public_ip_on_launch: map,
            default_route: Some(route),
            ..Subnet::default()
        };
        let igw = || DefaultRoute::GatewayId("igw-1".into());
        let nat = || DefaultRoute::NatGatewayId("nat-a".into());
        let mut s = Scenario::example();
        s.workloads.clear();
        s.pods.clear();
        s.services.clear();
        s.vpc.subnets = vec![
            subnet(
                "subnet-a",
                "ap-northeast-2a",
                "192.168.32.0/19",
                igw(),
                true,
            ),
            subnet(
                "subnet-c",
                "ap-northeast-2c",
                "192.168.64.0/19",
                igw(),
                true,
            ),
            subnet(
                "subnet-pa",
                "ap-northeast-2a",
                "192.168.128.0/19",
                nat(),
                false,
            ),
            subnet(
                "subnet-pc",
                "ap-northeast-2c",
                "192.168.160.0/19",
                nat(),
                false,
            ),
        ];
        s.vpc.nat_gateways = vec![NatGateway {
            nat_gateway_id: "nat-a".into(),
            subnet_id: "subnet-a".into(),
            public_ip: "13.125.0.10".into(),
        }];
        let rvc = &mut s.cluster.resources_vpc_config;
        rvc.subnet_ids = vec!["subnet-pa".into(), "subnet-pc".into()];
        rvc.endpoint_public_access = public;
        rvc.endpoint_private_access = private;
        s.security_groups = vec![
            SecurityGroup {
                group_id: "sg-cluster".into(),
                group_name: "eks-cluster-sg-my-cluster".into(),
                ingress: vec![
                    rule(
                        0,
                        None,
                        Some("sg-cluster"),
                        "all from the cluster security group",
                    ),
                    rule(443, None, Some("sg-bastion"), "kubectl from the bastion"),
                    rule(443, Some("10.10.0.0/16"), None, "kubectl from the office"),
                ],
                egress: None,
            },
            SecurityGroup {
                group_id: "sg-bastion".into(),
                group_name: "bastion".into(),
                ..SecurityGroup::default()
            },
        ];
        s.connected_networks = vec![ConnectedNetwork {
            name: "office".into(),
            kind: ConnectionKind::Vpn,
            cidr_blocks: vec!["10.10.0.0/16".into()],
            resolver_inbound_endpoint: true,
            routed: true,
            public_ip: Some("198.51.100.7".into()),
        }];
        s.clients = vec![
            Client {
                name: "laptop".into(),
                location: ClientLocation::Internet {
                    source_ip: "203.0.113.10".into(),
                },
                ..Client::default()
            },
            Client {
                name: "bastion".into(),
                location: ClientLocation::Subnet {
                    subnet_id: "subnet-a".into(),
                },
                security_group_ids: vec!["sg-bastion".into()],
                public_ip: Some("43.200.1.1".into()),
            },
            Client {
                name: "office".into(),
                location: ClientLocation::ConnectedNetwork {
                    network: "office".into(),
                    source_ip: "10.10.1.20".into(),
                },
                ..Client::default()
            },
        ];
        s.node_groups = vec![
            NodeGroup {
                nodegroup_name: "public".into(),
                desired_size: 1,
                subnets: vec!["subnet-a".into()],
                nodes: vec![NodePin {
                    subnet_id: "subnet-a".into(),
                    private_ip: "192.168.46.6".into(),
                    public_ip: Some("52.79.236.233".into()),
                }],
                ..NodeGroup::default()
            },
            NodeGroup {
                nodegroup_name: "private".into(),
                desired_size: 1,
                subnets: vec!["subnet-pa".into()],
                nodes: vec![NodePin {
                    subnet_id: "subnet-pa".into(),
                    private_ip: "192.168.130.10".into(),
                    public_ip: None,
                }],
                ..NodeGroup::default()
            },
        ];
        s
    }

    #[test]
    fn the_lab_is_clean_in_every_mode() {
        for (public, private) in [(true, false), (true, true), (false, true)] {
            let a = crate::analyze(&lab(public, private));
            let bad: Vec<_> = a
                .diagnostics
                .iter()
                .filter(|d| d.severity != crate::Severity::Info)
                .collect();
            assert!(bad.is_empty(), "{public} {private}: {bad:#?}");
        }
    }
}
