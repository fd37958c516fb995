//! Generators of the parts a scenario is assembled from: CIDRs and addresses
//! (valid or not), subnets and their default routes, security groups, clients,
//! node groups, VPC endpoints, and [`scenario`] assembling them with references
//! that may or may not exist, in every endpoint mode and with every resolver.

use proptest::prelude::*;

use super::{ingress, service};
use crate::scenario::*;
use crate::Scenario;

pub(crate) fn pick(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(options).prop_map(str::to_string)
}

pub(crate) fn cidr() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "192.168.0.0/16",
            "192.168.32.0/19",
            "192.168.64.0/19",
            "192.168.128.0/28",
            "192.168.0.0/30",
            "10.0.0.0/8",
            "10.10.0.0/16",
            "0.0.0.0/0",
            "192.168.32.0/33",
            "",
            "not a cidr",
            "2600:1f18::/56",
        ]),
        (any::<[u8; 4]>(), 0u8..=32)
            .prop_map(|(o, l)| format!("{}.{}.{}.{}/{l}", o[0], o[1], o[2], o[3])),
    ]
}

pub(crate) fn ip() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "192.168.46.6",
            "192.168.32.1",
            "10.10.1.20",
            "203.0.113.10",
            "",
            "x",
            "999.1.1.1"
        ]),
        any::<[u8; 4]>().prop_map(|o| format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3])),
    ]
}

const SUBNETS: &[&str] = &["subnet-a", "subnet-c", "subnet-p", "subnet-x", ""];
const GROUPS: &[&str] = &["sg-cluster", "sg-node", "sg-x", ""];

fn route() -> impl Strategy<Value = Option<DefaultRoute>> {
    prop_oneof![
        Just(None),
        pick(&["igw-1", "igw-x", ""]).prop_map(|g| Some(DefaultRoute::GatewayId(g))),
        pick(&["nat-a", "nat-x"]).prop_map(|n| Some(DefaultRoute::NatGatewayId(n))),
        Just(Some(DefaultRoute::TransitGatewayId("tgw-1".into()))),
    ]
}

fn subnet() -> impl Strategy<Value = Subnet> {
    (
        pick(SUBNETS),
        pick(&["az-a", "az-b", ""]),
        cidr(),
        route(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(id, az, cidr, route, map, v6)| Subnet {
            subnet_id: id,
            availability_zone: az,
            cidr_block: cidr,
            ipv6_cidr_block: if v6 {
                "2600:1f18:0:1::/64".into()
            } else {
                String::new()
            },
            map_public_ip_on_launch: map,
            assign_ipv6_address_on_creation: v6,
            default_route: route,
        })
}

fn rule() -> impl Strategy<Value = SecurityGroupRule> {
    (
        pick(&["tcp", "-1", "udp", "6", "bogus"]),
        any::<u16>(),
        any::<u16>(),
        prop::option::of(cidr()),
        prop::option::of(pick(GROUPS)),
    )
        .prop_map(|(p, a, b, c, g)| SecurityGroupRule {
            ip_protocol: p,
            from_port: a.min(b),
            to_port: a.max(b),
            cidr_ip: c,
            source_security_group_id: g,
            description: String::new(),
        })
}

fn group() -> impl Strategy<Value = SecurityGroup> {
    (
        pick(GROUPS),
        prop::collection::vec(rule(), 0..4),
        prop::option::of(prop::collection::vec(rule(), 0..3)),
    )
        .prop_map(|(id, ingress, egress)| SecurityGroup {
            group_id: id,
            group_name: String::new(),
            ingress,
            egress,
        })
}

fn client() -> impl Strategy<Value = Client> {
    let location = prop_oneof![
        ip().prop_map(|source_ip| ClientLocation::Internet { source_ip }),
        pick(SUBNETS).prop_map(|subnet_id| ClientLocation::Subnet { subnet_id }),
        (pick(&["office", "nowhere"]), ip()).prop_map(|(network, source_ip)| {
            ClientLocation::ConnectedNetwork { network, source_ip }
        }),
    ];
    (
        pick(&["laptop", "bastion", "office", ""]),
        location,
        prop::collection::vec(pick(GROUPS), 0..2),
        prop::option::of(ip()),
    )
        .prop_map(|(name, location, security_group_ids, public_ip)| Client {
            name,
            location,
            security_group_ids,
            public_ip,
        })
}

fn node_group() -> impl Strategy<Value = NodeGroup> {
    let kind = prop_oneof![
        Just(NodeGroupKind::Managed),
        Just(NodeGroupKind::SelfManaged),
        Just(NodeGroupKind::Fargate)
    ];
    let pin = (pick(SUBNETS), ip(), prop::option::of(ip())).prop_map(|(s, ip, p)| NodePin {
        subnet_id: s,
        private_ip: ip,
        public_ip: p,
        ..NodePin::default()
    });
    (
        pick(&["ng-1", "ng-2", ""]),
        kind,
        0u32..6,
        prop::collection::vec(pick(SUBNETS), 0..3),
        prop::collection::vec(pick(GROUPS), 0..2),
        prop::option::of(any::<bool>()),
        prop::collection::vec(pin, 0..3),
    )
        .prop_map(|(name, kind, size, subnets, sgs, assoc, nodes)| NodeGroup {
            nodegroup_name: name,
            kind,
            instance_type: "m5.large".into(),
            desired_size: size,
            subnets,
            security_group_ids: sgs,
            associate_public_ip_address: assoc,
            nodes,
        })
}

fn endpoint() -> impl Strategy<Value = VpcEndpoint> {
    (
        pick(&[
            "ecr.api",
            "com.amazonaws.x.ecr.dkr",
            "s3",
            "sts",
            "com.amazonaws.",
        ]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, gw, dns)| VpcEndpoint {
            service_name: name,
            vpc_endpoint_type: if gw {
                VpcEndpointType::Gateway
            } else {
                VpcEndpointType::Interface
            },
            private_dns_enabled: dns,
            ..VpcEndpoint::default()
        })
}

prop_compose! {
    pub(crate) fn scenario()(
        vpc_cidrs in prop::collection::vec(cidr(), 0..3),
        subnets in prop::collection::vec(subnet(), 0..5),
        igw in any::<bool>(),
        nats in prop::collection::vec((pick(&["nat-a", "nat-x"]), pick(SUBNETS), ip()), 0..3),
        endpoints in prop::collection::vec(endpoint(), 0..4),
        dns in any::<(bool, bool)>(),
        resolver in prop::option::of((ip(), any::<bool>())),
        dhcp in prop::option::of((prop::collection::vec(prop_oneof![Just("AmazonProvidedDNS".to_string()), ip()], 0..3), any::<bool>())),
        cluster_subnets in prop::collection::vec(pick(SUBNETS), 0..4),
        extra_sgs in prop::collection::vec(pick(GROUPS), 0..7),
        cluster_sg in pick(GROUPS),
        access in any::<(bool, bool)>(),
        public_cidrs in prop::collection::vec(cidr(), 0..3),
        ipv6 in any::<bool>(),
        service_cidr in cidr(),
        groups in prop::collection::vec(group(), 0..4),
        networks in prop::collection::vec(
            (pick(&["office", ""]), prop::collection::vec(cidr(), 0..2), any::<(bool, bool)>(), prop::option::of(ip())),
            0..3,
        ),
        clients in prop::collection::vec(client(), 0..4),
        node_groups in prop::collection::vec(node_group(), 0..3),
        webhook in prop::option::of(any::<u16>()),
        services in prop::collection::vec(service(), 0..4),
        ingresses in prop::collection::vec(ingress(), 0..3),
        ready in any::<bool>(),
    ) -> Scenario {
        let mut s = Scenario::default();
        s.vpc.cidr_blocks = vpc_cidrs;
        s.vpc.subnets = subnets;
        s.vpc.internet_gateway = igw.then(|| InternetGateway { internet_gateway_id: "igw-1".into() });
        s.vpc.nat_gateways = nats
            .into_iter()
            .map(|(id, sub, ip)| NatGateway { nat_gateway_id: id, subnet_id: sub, public_ip: ip })
            .collect();
        s.vpc.vpc_endpoints = endpoints;
        s.vpc.enable_dns_support = dns.0;
        s.vpc.enable_dns_hostnames = dns.1;
        if let Some((address, forwards_to_vpc_resolver)) = resolver {
            s.vpc.dns_resolver = DnsResolver::Custom { address, forwards_to_vpc_resolver };
        }
        if let Some((domain_name_servers, forwards_to_vpc_resolver)) = dhcp {
            s.vpc.dhcp_options = Some(DhcpOptions {
                domain_name_servers,
                forwards_to_vpc_resolver,
                ..DhcpOptions::default()
            });
        }
        let rvc = &mut s.cluster.resources_vpc_config;
        rvc.subnet_ids = cluster_subnets;
        rvc.security_group_ids = extra_sgs;
        rvc.cluster_security_group_id = cluster_sg;
        rvc.endpoint_public_access = access.0;
        rvc.endpoint_private_access = access.1;
        rvc.public_access_cidrs = public_cidrs;
        if ipv6 {
            s.cluster.kubernetes_network_config.ip_family = IpFamily::Ipv6;
            s.vpc.ipv6_cidr_block = "2600:1f18::/56".into();
        }
        s.cluster.kubernetes_network_config.service_ipv4_cidr = service_cidr;
        s.security_groups = groups;
        s.connected_networks = networks
            .into_iter()
            .map(|(name, cidr_blocks, (inbound, routed), public_ip)| ConnectedNetwork {
                name,
                kind: ConnectionKind::Vpn,
                cidr_blocks,
                resolver_inbound_endpoint: inbound,
                routed,
                public_ip,
            })
            .collect();
        s.clients = clients;
        s.node_groups = node_groups;
        s.workloads = vec![Workload {
            name: "w".into(),
            admission_webhook_port: webhook,
            replicas: 3,
            ready,
            ..Workload::default()
        }];
        s.services = services;
        s.ingresses = ingresses;
        s
    }
}
