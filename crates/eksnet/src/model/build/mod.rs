//! Scenario → model: parsing, resolving references, placing ENIs and nodes.
//!
//! One [`Builder`] walks the scenario in a fixed order, each stage in the file of
//! what it builds, and each reading what the stages before it resolved:
//!
//! | stage | file | makes |
//! |---|---|---|
//! | VPC blocks, NAT gateways, subnets, security groups, VPC endpoints | `vpc.rs` | [`VpcModel`], [`SubnetModel`]s and their pools |
//! | subnet CIDR reservations (before anything takes an address) | `reservations.rs` | [`CidrReservationModel`]s, reserved in the pools |
//! | cluster and endpoint | `cluster.rs` | [`ClusterModel`] |
//! | node groups, pinned nodes, EKS-owned ENIs, the other nodes | `nodes.rs` | [`NodeGroupModel`]s, [`EksEni`]s, [`Node`]s |
//! | connected networks and kubectl clients | `clients.rs` | [`NetworkModel`]s, [`ClientModel`]s |
//!
//! The order is part of the model: pinned node addresses are taken before the
//! EKS-owned ENIs', and those before unpinned nodes', so every address is
//! deterministic. Problems become diagnostics; nothing here panics.

mod clients;
mod cluster;
mod fabric;
mod nodes;
mod observed;
mod reservations;
mod vpc;

use std::net::Ipv4Addr;

use super::*;
use crate::codes::Code;
use crate::text;

/// The model under construction: the scenario, the diagnostics found so far, and
/// what the earlier stages resolved that later ones need (subnets, their pools,
/// the count of public addresses handed out).
struct Builder<'a> {
    s: &'a Scenario,
    diags: &'a mut Vec<Diagnostic>,
    subnets: Vec<SubnetModel>,
    pools: Vec<Option<SubnetPool>>,
    public_counter: u32,
    /// The pinned nodes' observed ENIs, as they are placed.
    observed: Vec<ObservedEniModel>,
}

pub(super) fn build(s: &Scenario, diags: &mut Vec<Diagnostic>) -> Model {
    let mut m = Building::start(s, diags);
    m.place_nodes(usize::MAX);
    m.finish()
}

/// A model being built, in three steps so that a caller can pause between
/// them: [`start`](Building::start) resolves everything up to the node groups
/// and the pinned nodes, [`place_nodes`](Building::place_nodes) gives the
/// other nodes their addresses a number at a time (100,000 nodes are most of a
/// large cluster's model), [`finish`](Building::finish) adds the networks and
/// clients. The result is the same however the nodes are split.
pub(crate) struct Building<'a> {
    b: Builder<'a>,
    ipv6_cidr: Ipv6Block,
    vpc_cidrs: Vec<Ipv4Net>,
    cidr_index: Vec<usize>,
    nat_gateways: Vec<NatModel>,
    cidr_reservations: Vec<CidrReservationModel>,
    route_tables: Vec<RouteTableModel>,
    network_acls: Vec<NetworkAclModel>,
    cluster: ClusterModel,
    node_groups: Vec<NodeGroupModel>,
    nodes: Vec<Node>,
    eks_enis: Vec<EksEni>,
    /// `(group, subnet)` of each node not pinned to an address, in order.
    pending: Vec<(usize, usize)>,
    /// How many of `pending` are placed.
    placed: usize,
}

impl<'a> Building<'a> {
    /// Everything up to the nodes not pinned to an address.
    pub(crate) fn start(s: &'a Scenario, diags: &'a mut Vec<Diagnostic>) -> Self {
        let mut b = Builder {
            s,
            diags,
            subnets: Vec::new(),
            pools: Vec::new(),
            public_counter: 0,
            observed: Vec::new(),
        };
        let ipv6_cidr = ipv6_block(&s.vpc.ipv6_cidr_block, "/vpc/ipv6CidrBlock".into(), b.diags);
        let (vpc_cidrs, cidr_index) = b.vpc_cidrs();
        let mut nat_gateways = b.nat_gateways();
        b.subnets(&vpc_cidrs);
        let cidr_reservations = b.cidr_reservations();
        b.place_nat_gateways(&mut nat_gateways);
        let route_tables = b.route_tables(&vpc_cidrs, &nat_gateways);
        let network_acls = b.network_acls();
        b.check_security_groups();
        let cluster = b.cluster();
        let (node_groups, mut nodes, pending) = b.node_groups(cluster.cluster_security_group);
        let eks_enis = b.eks_enis(&cluster.subnets);
        nodes.reserve(pending.len());
        Building {
            b,
            ipv6_cidr,
            vpc_cidrs,
            cidr_index,
            nat_gateways,
            cidr_reservations,
            route_tables,
            network_acls,
            cluster,
            node_groups,
            nodes,
            eks_enis,
            pending,
            placed: 0,
        }
    }

    /// Places up to `n` more of the nodes not pinned to an address; returns how
    /// many are placed and how many there are in all.
    pub(crate) fn place_nodes(&mut self, n: usize) -> (usize, usize) {
        let end = self.placed.saturating_add(n).min(self.pending.len());
        self.b
            .unpinned_nodes(&self.pending[self.placed..end], &mut self.nodes);
        self.placed = end;
        (end, self.pending.len())
    }

    /// The model, once every node is placed (any still pending are placed now).
    pub(crate) fn finish(mut self) -> Model {
        self.place_nodes(usize::MAX);
        let Building { mut b, .. } = self;
        let s = b.s;
        let networks = b.networks();
        let clients = b.clients(&networks);
        let resolver =
            DhcpModel::of(&s.vpc, &s.cluster.region).resolver_of(self.vpc_cidrs.first().copied());
        let vpc = VpcModel {
            id: s.vpc.vpc_id.clone(),
            cidrs: self.vpc_cidrs,
            cidr_index: self.cidr_index,
            dns_support: s.vpc.enable_dns_support,
            dns_hostnames: s.vpc.enable_dns_hostnames,
            resolver,
            dhcp: DhcpModel::of(&s.vpc, &s.cluster.region),
            internet_gateway: s
                .vpc
                .internet_gateway
                .as_ref()
                .map(|g| g.internet_gateway_id.clone()),
            nat_gateways: self.nat_gateways,
            endpoints: b.endpoints(&self.cluster.subnets),
            ipv6_cidr: self.ipv6_cidr,
        };
        Model {
            cni: s.cni.clone(),
            k8s: K8sObjects::resolve(s),
            cluster: self.cluster,
            vpc,
            subnets: b.subnets,
            pools: b.pools,
            security_groups: s.security_groups.clone(),
            route_tables: self.route_tables,
            network_acls: self.network_acls,
            networks,
            clients,
            eks_enis: self.eks_enis,
            node_groups: self.node_groups,
            nodes: self.nodes,
            observed_enis: b.observed,
            cidr_reservations: self.cidr_reservations,
            registration: Default::default(),
        }
    }
}

impl Builder<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// The subnet with `id`, if any.
    fn find_subnet(&self, id: &str) -> Option<usize> {
        self.subnets.iter().position(|s| s.id == id)
    }

    /// The subnet that `id` at `path` names; an unknown one is diagnosed.
    fn subnet_ref(&mut self, path: String, id: &str) -> Option<usize> {
        let found = self.find_subnet(id);
        if found.is_none() {
            let known: Vec<&str> = self.subnets.iter().map(|s| s.id.as_str()).collect();
            let d = unknown_ref(path, "subnet", id, &known);
            self.push(d);
        }
        found
    }

    /// The security group with `id`, if any.
    fn find_sg(&self, id: &str) -> Option<usize> {
        self.s.security_groups.iter().position(|g| g.group_id == id)
    }

    /// The security group that `id` at `path` names; an unknown one is diagnosed.
    fn sg_ref(&mut self, path: String, id: &str) -> Option<usize> {
        let found = self.find_sg(id);
        if found.is_none() {
            let known: Vec<&str> = self
                .s
                .security_groups
                .iter()
                .map(|g| g.group_id.as_str())
                .collect();
            let d = unknown_ref(path, "security group", id, &known);
            self.push(d);
        }
        found
    }

    /// The next public address for an instance or client that gets one.
    fn next_public_ip(&mut self) -> Ipv4Addr {
        self.public_counter += 1;
        public_ip(self.public_counter)
    }
}

/// `` `v` is not an IPv4 address `` at `path`.
fn invalid_ip(path: String, v: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidIp,
        path,
        text!(
            "`{v}` is not an IPv4 address",
            "`{v}`은(는) IPv4 주소가 아니다"
        ),
    )
}

fn parse_v4net(s: &str) -> Option<Ipv4Net> {
    s.trim().parse::<Ipv4Net>().ok()
}

/// Parses an IPv6 block (empty: none), diagnosing one that is not a block.
fn ipv6_block(raw: &str, path: String, diags: &mut Vec<Diagnostic>) -> Ipv6Block {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ipv6Block::None;
    }
    match raw.parse::<ipnet::Ipv6Net>() {
        Ok(n) => Ipv6Block::Block(n.trunc()),
        Err(_) => {
            diags.push(
                Diagnostic::new(
                    Code::InvalidIpv6Cidr,
                    path,
                    text!(
                        "`{raw}` is not an IPv6 CIDR block",
                        "`{raw}`은(는) IPv6 CIDR 블록이 아니다"
                    ),
                )
                .fix(text!(
                    "write it as address/prefix, e.g. 2600:1f18:1234:5600::/56",
                    "주소/프리픽스 형식으로 쓴다. 예: 2600:1f18:1234:5600::/56"
                )),
            );
            Ipv6Block::Invalid
        }
    }
}

fn bad_cidr(path: String, value: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidCidr,
        path,
        text!(
            "`{value}` is not an IPv4 CIDR block",
            "`{value}`은(는) IPv4 CIDR 블록이 아니다"
        ),
    )
    .fix(text!(
        "write it as address/prefix, e.g. 192.168.0.0/16",
        "주소/프리픽스 형식으로 쓴다. 예: 192.168.0.0/16"
    ))
}

fn unknown_ref(path: String, kind: &str, value: &str, known: &[&str]) -> Diagnostic {
    let near = crate::parse::did_you_mean(value, known.iter().copied());
    let fix = if near.is_empty() {
        text!(
            "use one of the scenario's {kind}s",
            "시나리오에 있는 {kind} 중 하나를 쓴다"
        )
    } else {
        let n = near.join(", ");
        text!("did you mean {n}?", "{n}을(를) 뜻했나?")
    };
    Diagnostic::new(
        Code::UnknownReference,
        path,
        text!(
            "there is no {kind} `{value}`",
            "{kind} `{value}`이(가) 없다"
        ),
    )
    .fix(fix)
}

/// A deterministic public address for the n-th public thing (EC2 public IPs,
/// NLB addresses): taken from 3.34.0.0/15, a range EC2 uses, so it looks like an
/// AWS address without being anyone's real one.
fn public_ip(n: u32) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(Ipv4Addr::new(3, 34, 0, 10)) + (n % 130_000))
}

fn public_ip_for_nat(i: usize) -> Ipv4Addr {
    public_ip(125_000 + i as u32)
}

fn wants_public(assoc: Option<bool>, subnet: &SubnetModel) -> bool {
    assoc.unwrap_or(subnet.map_public_ip)
}

/// `com.amazonaws.ap-northeast-2.ecr.api` → `ecr.api`.
///
/// In the China regions most AWS services' endpoint names start with the reverse
/// DNS prefix `cn.com.amazonaws.` (`cn.com.amazonaws.cn-north-1.ecr.api`, as
/// `aws ec2 describe-vpc-endpoint-services` lists them; the partition's
/// `reverse_dns_prefix`); they name the same services.
fn short_service(name: &str) -> String {
    let name = name.trim();
    let rest = name
        .strip_prefix("cn.com.amazonaws.")
        .or_else(|| name.strip_prefix("com.amazonaws."));
    match rest {
        Some(rest) => rest
            .split_once('.')
            .map(|(_, svc)| svc.to_string())
            .unwrap_or_default(),
        None => name.to_string(),
    }
}

/// A deterministic stand-in for the endpoint name EKS generates
/// (`<32 hex>.<gr7>.<region>.eks.amazonaws.com`).
fn endpoint_host(name: &str, region: &str) -> String {
    // FNV-1a over the name and region: stable across builds and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes().chain(region.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let h2 = h.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    format!("{h:016X}{h2:016X}.gr7.{region}.eks.amazonaws.com")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::DefaultRoute;

    #[test]
    fn example_places_nodes_and_enis() {
        let mut d = Vec::new();
        let m = build(&Scenario::example(), &mut d);
        assert!(d.is_empty(), "{d:#?}");
        let names: Vec<&str> = m.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "ip-192-168-46-6.ap-northeast-2.compute.internal",
                "ip-192-168-48-175.ap-northeast-2.compute.internal",
                "ip-192-168-75-136.ap-northeast-2.compute.internal",
                "ip-192-168-90-3.ap-northeast-2.compute.internal",
            ]
        );
        assert_eq!(m.nodes[0].public_ip, Some("52.79.236.233".parse().unwrap()));
        assert_eq!(m.eks_enis.len(), 2);
        assert_ne!(
            m.subnets[m.eks_enis[0].subnet].az,
            m.subnets[m.eks_enis[1].subnet].az
        );
        // First free address after the five reserved ones.
        assert_eq!(
            m.eks_enis[0].ip,
            "192.168.32.4".parse::<Ipv4Addr>().unwrap()
        );
        assert_eq!(m.node_index("ip-192-168-90-3"), Some(3));
        assert_eq!(m.node_index("192.168.75.136"), Some(2));
    }

    #[test]
    fn a_subnet_cidr_with_host_bits_is_rejected_with_its_network_address() {
        let mut s = Scenario::example();
        s.vpc.subnets[0].cidr_block = "192.168.32.5/19".into();
        let mut d = Vec::new();
        build(&s, &mut d);
        let e = d
            .iter()
            .find(|d| d.code.as_str() == "invalid-cidr" && d.path == "/vpc/subnets/0/cidrBlock")
            .expect("host bits are diagnosed");
        assert!(e.message.en.contains("host bits"), "{}", e.message.en);
        assert!(e.fix.as_ref().unwrap().en.contains("192.168.32.0/19"));
        // The network address itself is fine.
        s.vpc.subnets[0].cidr_block = "192.168.32.0/19".into();
        let mut d = Vec::new();
        build(&s, &mut d);
        assert!(!d.iter().any(|d| d.code.as_str() == "invalid-cidr"));
    }

    #[test]
    fn broken_references_become_diagnostics() {
        let mut s = Scenario::example();
        s.vpc.subnets[1].cidr_block = "192.168.64.0/33".into();
        s.node_groups[0].subnets.push("subnet-zz".into());
        s.vpc.subnets[0].default_route = Some(DefaultRoute::NatGatewayId("nat-x".into()));
        let mut d = Vec::new();
        let m = build(&s, &mut d);
        let codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.contains(&"invalid-cidr"), "{codes:?}");
        assert!(codes.contains(&"unknown-reference"), "{codes:?}");
        assert!(d.iter().any(|d| d.path == "/nodeGroups/0/subnets/2"));
        assert!(d
            .iter()
            .any(|d| d.path == "/vpc/subnets/0/defaultRoute/natGatewayId"));
        // Nodes pinned in the broken subnet are not placed; the others are.
        assert_eq!(m.nodes.len(), 2);
    }

    #[test]
    fn unpinned_nodes_are_spread_round_robin() {
        let mut s = Scenario::example();
        s.node_groups[0].nodes.clear();
        s.node_groups[0].desired_size = 3;
        let mut d = Vec::new();
        let m = build(&s, &mut d);
        assert!(d.is_empty(), "{d:#?}");
        let subs: Vec<usize> = m.nodes.iter().map(|n| n.subnet).collect();
        assert_eq!(subs, [0, 1, 0]);
        // After the EKS ENI at .4, the first node gets .5.
        assert_eq!(
            m.nodes[0].private_ip,
            "192.168.32.5".parse::<Ipv4Addr>().unwrap()
        );
        assert!(m.nodes.iter().all(|n| n.public_ip.is_some()));
    }

    #[test]
    fn every_element_points_at_its_scenario_field() {
        let mut s = Scenario::example();
        s.node_groups[0].desired_size += 1; // one node EKS places
        for name in ["com.amazonaws.ap-northeast-2.ecr.api", "s3"] {
            s.vpc.vpc_endpoints.push(crate::scenario::VpcEndpoint {
                service_name: name.into(),
                ..Default::default()
            });
        }
        let json = serde_json::to_value(&s).unwrap();
        let m = build(&s, &mut Vec::new());
        let mut pointers: Vec<String> = Vec::new();
        pointers.extend(m.subnets.iter().map(|x| x.pointer.clone()));
        pointers.extend(m.node_groups.iter().map(|x| x.pointer.clone()));
        pointers.extend(m.clients.iter().map(|x| x.pointer.clone()));
        pointers.extend(m.networks.iter().map(|x| x.pointer.clone()));
        pointers.extend(m.vpc.nat_gateways.iter().map(|x| x.pointer.clone()));
        pointers.extend(m.vpc.endpoints.iter().map(|x| x.pointer.clone()));
        pointers.extend((0..m.nodes.len()).filter_map(|n| m.node_pointer(n)));
        assert_eq!(pointers.len(), 11, "{pointers:?}");
        for p in &pointers {
            assert!(
                json.pointer(p).is_some(),
                "{p} is not a field of the scenario"
            );
        }
        // Pinned nodes point at their pin, the placed one at its group's size.
        assert_eq!(m.node_pointer(0).unwrap(), "/nodeGroups/0/nodes/0");
        let placed = m.nodes.iter().position(|n| n.pin.is_none()).unwrap();
        assert_eq!(m.node_pointer(placed).unwrap(), "/nodeGroups/0/desiredSize");
        // Each element's stable id names it.
        for e in &m.vpc.endpoints {
            assert_eq!(e.eid, ElementId::vpc_endpoint(&e.service));
        }
    }

    #[test]
    fn short_service_names() {
        assert_eq!(
            short_service("com.amazonaws.ap-northeast-2.ecr.api"),
            "ecr.api"
        );
        assert_eq!(short_service("s3"), "s3");
        // The China regions' prefix.
        assert_eq!(
            short_service("cn.com.amazonaws.cn-north-1.ecr.dkr"),
            "ecr.dkr"
        );
        assert_eq!(short_service("com.amazonaws.cn-northwest-1.s3"), "s3");
    }

    #[test]
    fn endpoint_host_is_stable() {
        let h = endpoint_host("my-cluster", "ap-northeast-2");
        assert!(h.ends_with(".gr7.ap-northeast-2.eks.amazonaws.com"));
        assert_eq!(h, endpoint_host("my-cluster", "ap-northeast-2"));
    }
}
