//! The VPC: its IPv4 blocks, NAT gateways, subnets (with their default routes and
//! address pools), security groups and VPC endpoints.

use std::collections::HashSet;

use ipnet::{IpNet, Ipv4Net};

use super::*;
use crate::scenario::{DefaultRoute, Subnet};

impl Builder<'_> {
    /// The VPC's IPv4 blocks that parse, with their index in `cidrBlocks`.
    pub(super) fn vpc_cidrs(&mut self) -> (Vec<Ipv4Net>, Vec<usize>) {
        let mut cidrs = Vec::new();
        let mut index = Vec::new();
        for (i, c) in self.s.vpc.cidr_blocks.iter().enumerate() {
            match parse_v4net(c) {
                Some(n) => {
                    cidrs.push(n.trunc());
                    index.push(i);
                }
                None => self.diags.push(bad_cidr(format!("/vpc/cidrBlocks/{i}"), c)),
            }
        }
        (cidrs, index)
    }

    /// NAT gateways, their subnets not yet resolved (see
    /// [`Builder::place_nat_gateways`]).
    pub(super) fn nat_gateways(&mut self) -> Vec<NatModel> {
        let mut out = Vec::new();
        for (i, n) in self.s.vpc.nat_gateways.iter().enumerate() {
            let public_ip = n.public_ip.parse::<Ipv4Addr>().ok();
            if public_ip.is_none() && !n.public_ip.is_empty() {
                let path = format!("/vpc/natGateways/{i}/publicIp");
                self.push(invalid_ip(path, &n.public_ip));
            }
            out.push(NatModel {
                eid: ElementId::nat(&n.nat_gateway_id),
                pointer: format!("/vpc/natGateways/{i}"),
                id: n.nat_gateway_id.clone(),
                subnet: None,
                private_ip: None,
                public_ip: public_ip.or(Some(public_ip_for_nat(i))),
            });
        }
        out
    }

    /// Every subnet of the scenario, in order, with its pool.
    pub(super) fn subnets(&mut self, vpc_cidrs: &[Ipv4Net]) {
        let s = self.s;
        let mut seen_ids = HashSet::new();
        for (i, sn) in s.vpc.subnets.iter().enumerate() {
            let path = format!("/vpc/subnets/{i}");
            if !seen_ids.insert(sn.subnet_id.as_str()) {
                let id = &sn.subnet_id;
                self.push(Diagnostic::new(
                    Code::DuplicateId,
                    format!("{path}/subnetId"),
                    text!(
                        "subnet id `{id}` is used twice",
                        "서브넷 ID `{id}`이(가) 두 번 쓰였다"
                    ),
                ));
            }
            let cidr = self.subnet_cidr(&path, sn);
            let route = self.default_route(&path, sn);
            if let Some(c) = cidr {
                self.subnet_placement(&path, c, vpc_cidrs);
            }
            self.pools.push(cidr.and_then(SubnetPool::new));
            let ipv6_cidr = ipv6_block(
                &sn.ipv6_cidr_block,
                format!("{path}/ipv6CidrBlock"),
                self.diags,
            );
            self.subnets.push(SubnetModel {
                eid: ElementId::subnet(&sn.subnet_id),
                pointer: path,
                id: sn.subnet_id.clone(),
                az: sn.availability_zone.clone(),
                cidr,
                route,
                map_public_ip: sn.map_public_ip_on_launch,
                ipv6_cidr,
                assign_ipv6: sn.assign_ipv6_address_on_creation,
                route_table: None,
                network_acl: None,
            });
        }
    }

    /// A subnet's IPv4 block: it parses, and is /16 to /28 (AWS).
    fn subnet_cidr(&mut self, path: &str, sn: &Subnet) -> Option<Ipv4Net> {
        let Some(n) = parse_v4net(&sn.cidr_block) else {
            self.push(bad_cidr(format!("{path}/cidrBlock"), &sn.cidr_block));
            return None;
        };
        if n != n.trunc() {
            // AWS's CreateSubnet rejects a block whose host bits are set ("not a
            // valid CIDR block"); the network address is what was meant.
            let (raw, net, p) = (sn.cidr_block.trim(), n.trunc(), n.prefix_len());
            self.push(
                Diagnostic::new(
                    Code::InvalidCidr,
                    format!("{path}/cidrBlock"),
                    text!(
                        "{raw} has host bits set after /{p}: AWS rejects it as not a valid CIDR block",
                        "{raw}은(는) /{p} 뒤의 호스트 비트가 설정되어 있다. AWS는 유효한 CIDR 블록이 아니라며 거부한다"
                    ),
                )
                .fix(text!(
                    "use the network address {net}",
                    "네트워크 주소 {net}을(를) 쓴다"
                )),
            );
        }
        let n = n.trunc();
        if n.prefix_len() > 28 || n.prefix_len() < 16 {
            self.push(Diagnostic::new(
                Code::SubnetSize,
                format!("{path}/cidrBlock"),
                text!(
                    "subnet {n} must be between /16 and /28",
                    "서브넷 {n}은(는) /16에서 /28 사이여야 한다"
                ),
            ));
        }
        Some(n)
    }

    /// A subnet's default route, its target resolved (a broken reference is
    /// diagnosed and becomes [`Route::None`]).
    fn default_route(&mut self, path: &str, sn: &Subnet) -> Route {
        let vpc = &self.s.vpc;
        match &sn.default_route {
            None => Route::None,
            Some(DefaultRoute::GatewayId(g)) => match &vpc.internet_gateway {
                Some(igw) if igw.internet_gateway_id == *g || g.is_empty() => {
                    Route::InternetGateway(igw.internet_gateway_id.clone())
                }
                _ => {
                    let known: Vec<&str> = vpc
                        .internet_gateway
                        .iter()
                        .map(|g| g.internet_gateway_id.as_str())
                        .collect();
                    let path = format!("{path}/defaultRoute/gatewayId");
                    self.push(unknown_ref(path, "internet gateway", g, &known));
                    Route::None
                }
            },
            Some(DefaultRoute::NatGatewayId(n)) => {
                match vpc.nat_gateways.iter().position(|x| x.nat_gateway_id == *n) {
                    Some(k) => Route::NatGateway(k),
                    None => {
                        let known: Vec<&str> = vpc
                            .nat_gateways
                            .iter()
                            .map(|x| x.nat_gateway_id.as_str())
                            .collect();
                        let path = format!("{path}/defaultRoute/natGatewayId");
                        self.push(unknown_ref(path, "NAT gateway", n, &known));
                        Route::None
                    }
                }
            }
            Some(DefaultRoute::TransitGatewayId(t)) => Route::TransitGateway(t.clone()),
        }
    }

    /// A subnet block lies inside the VPC and overlaps no earlier subnet (AWS).
    fn subnet_placement(&mut self, path: &str, c: Ipv4Net, vpc_cidrs: &[Ipv4Net]) {
        if !vpc_cidrs.is_empty() && !vpc_cidrs.iter().any(|v| v.contains(&c)) {
            let v = self.s.vpc.cidr_blocks.join(", ");
            self.push(
                Diagnostic::new(
                    Code::SubnetOutsideVpc,
                    format!("{path}/cidrBlock"),
                    text!(
                        "subnet {c} is not inside the VPC's CIDR blocks ({v})",
                        "서브넷 {c}이(가) VPC CIDR 블록({v}) 안에 있지 않다"
                    ),
                )
                .fix(text!(
                    "pick a block inside the VPC, or add a CIDR block to the VPC",
                    "VPC 안의 블록을 고르거나 VPC에 CIDR 블록을 추가한다"
                )),
            );
        }
        let mut overlaps = Vec::new();
        for (j, other) in self.subnets.iter().enumerate() {
            if let Some(o) = other.cidr {
                if o.contains(&c.network()) || c.contains(&o.network()) {
                    let oid = &other.id;
                    overlaps.push(Diagnostic::new(
                        Code::SubnetOverlap,
                        format!("{path}/cidrBlock"),
                        text!(
                            "subnet {c} overlaps subnet {oid} ({o}, /vpc/subnets/{j})",
                            "서브넷 {c}이(가) 서브넷 {oid}({o}, /vpc/subnets/{j})과 겹친다"
                        ),
                    ));
                }
            }
        }
        self.diags.extend(overlaps);
    }

    /// Resolves each NAT gateway's subnet; a NAT gateway holds an address of it.
    pub(super) fn place_nat_gateways(&mut self, nats: &mut [NatModel]) {
        for (i, n) in self.s.vpc.nat_gateways.iter().enumerate() {
            let path = format!("/vpc/natGateways/{i}/subnetId");
            let Some(k) = self.subnet_ref(path, &n.subnet_id) else {
                continue;
            };
            let ip = match self.pools.get_mut(k) {
                Some(Some(pool)) => pool.take_next(Holder::Other),
                _ => None,
            };
            if let Some(nat) = nats.get_mut(i) {
                nat.subnet = Some(k);
                nat.private_ip = ip;
            }
        }
    }

    /// Security group rules: CIDRs parse and source groups exist.
    pub(super) fn check_security_groups(&mut self) {
        let s = self.s;
        for (i, g) in s.security_groups.iter().enumerate() {
            for (dir, rules) in [("ingress", Some(&g.ingress)), ("egress", g.egress.as_ref())] {
                for (r, rule) in rules.into_iter().flatten().enumerate() {
                    let path = format!("/securityGroups/{i}/{dir}/{r}");
                    if let Some(c) = &rule.cidr_ip {
                        if c.parse::<IpNet>().is_err() {
                            self.push(bad_cidr(format!("{path}/cidrIp"), c));
                        }
                    }
                    if let Some(src) = &rule.source_security_group_id {
                        self.sg_ref(format!("{path}/sourceSecurityGroupId"), src);
                    }
                }
            }
        }
    }

    /// The VPC endpoints, by short service name. Each interface endpoint takes an
    /// address for its network interface in each of its subnets (`subnetIds`, or
    /// the cluster's subnets, one per AZ, when none are given): AWS places one ENI
    /// per subnet, and its private DNS name answers with their addresses (AWS
    /// PrivateLink, "Access an AWS service using an interface VPC endpoint").
    /// Taken after every other address of the build, so that adding an endpoint
    /// moves no node.
    pub(super) fn endpoints(&mut self, cluster_subnets: &[usize]) -> Vec<EndpointModel> {
        let s = self.s;
        let mut out = Vec::with_capacity(s.vpc.vpc_endpoints.len());
        for (i, e) in s.vpc.vpc_endpoints.iter().enumerate() {
            let interface = e.vpc_endpoint_type == VpcEndpointType::Interface;
            let mut subnets: Vec<usize> = Vec::new();
            if interface && e.subnet_ids.is_empty() {
                let mut azs: Vec<&str> = Vec::new();
                for &k in cluster_subnets {
                    let Some(sub) = self.subnets.get(k) else {
                        continue;
                    };
                    if !azs.contains(&sub.az.as_str()) {
                        azs.push(&sub.az);
                        subnets.push(k);
                    }
                }
            } else if interface {
                for (j, id) in e.subnet_ids.iter().enumerate() {
                    let path = format!("/vpc/vpcEndpoints/{i}/subnetIds/{j}");
                    if let Some(k) = self.subnet_ref(path, id) {
                        if !subnets.contains(&k) {
                            subnets.push(k);
                        }
                    }
                }
            }
            let mut enis = Vec::with_capacity(subnets.len());
            for k in subnets {
                let ip = self
                    .pools
                    .get_mut(k)
                    .and_then(Option::as_mut)
                    .and_then(|p| p.take_next(Holder::VpcEndpoint));
                if let Some(ip) = ip {
                    enis.push(EndpointEni { subnet: k, ip });
                }
            }
            out.push(EndpointModel {
                id: endpoint_id(e),
                eid: ElementId::vpc_endpoint(&short_service(&e.service_name)),
                pointer: format!("/vpc/vpcEndpoints/{i}"),
                service: short_service(&e.service_name),
                kind: e.vpc_endpoint_type,
                private_dns: e.private_dns_enabled,
                enis,
            });
        }
        out
    }
}

/// A VPC endpoint's id: its `vpcEndpointId`, else `vpce-<service>` (the name an
/// implied route table's gateway-endpoint route gives it).
pub(super) fn endpoint_id(e: &crate::scenario::VpcEndpoint) -> String {
    if e.vpc_endpoint_id.trim().is_empty() {
        format!("vpce-{}", short_service(&e.service_name))
    } else {
        e.vpc_endpoint_id.trim().to_string()
    }
}
