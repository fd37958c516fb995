//! Checks: every rule of the sources that a scenario can break.
//!
//! [`crate::analyze`] runs them on the checked model after it is built (structural
//! problems such as bad CIDRs or broken references are found while building, in
//! `model/build.rs`). Each finding is a [`Diagnostic`] with a stable code, the JSON
//! pointer of the field to change, a bilingual message and fix, and its source.
//! Checks read the model only and never panic.
//!
//! Every code, with its severity, rule and source, is in the one [catalogue](crate::codes)
//! of diagnostic and trace verdict codes. The checks here are grouped by what they
//! look at: the cluster's subnets, security groups, endpoint and VPC DNS
//! (`cluster.rs`); CIDR blocks (`cidr.rs`); IPv6 (`ipv6.rs`); control-plane
//! reachability, traced (`reach.rs`); and the data plane (`lb.rs`, after the
//! derivation in [`crate::lb`]).

mod cidr;
mod cluster;
mod ipv6;
pub(crate) mod lb;
mod reach;

use crate::model::{Ledger, Model};
use crate::Diagnostic;

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
            .map(|d| d.code.as_str())
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
