//! Scenario → model: parsing, resolving references, placing ENIs and nodes.

use std::collections::HashSet;
use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};

use super::*;
use crate::codes::Code;
use crate::scenario::{ClientLocation, DefaultRoute, NodeGroupKind};
use crate::text;

fn parse_v4net(s: &str) -> Option<Ipv4Net> {
    s.trim().parse::<Ipv4Net>().ok()
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

pub(super) fn build(s: &Scenario, diags: &mut Vec<Diagnostic>) -> Model {
    // ---- VPC CIDRs
    let mut vpc_cidrs = Vec::new();
    for (i, c) in s.vpc.cidr_blocks.iter().enumerate() {
        match parse_v4net(c) {
            Some(n) => vpc_cidrs.push(n.trunc()),
            None => diags.push(bad_cidr(format!("/vpc/cidrBlocks/{i}"), c)),
        }
    }

    // ---- NAT gateways (subnets resolved below)
    let mut nat_gateways: Vec<NatModel> = s
        .vpc
        .nat_gateways
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let public_ip = n.public_ip.parse::<Ipv4Addr>().ok();
            if public_ip.is_none() && !n.public_ip.is_empty() {
                let v = &n.public_ip;
                diags.push(Diagnostic::new(
                    Code::InvalidIp,
                    format!("/vpc/natGateways/{i}/publicIp"),
                    text!(
                        "`{v}` is not an IPv4 address",
                        "`{v}`은(는) IPv4 주소가 아니다"
                    ),
                ));
            }
            NatModel {
                id: n.nat_gateway_id.clone(),
                subnet: None,
                public_ip: public_ip.or(Some(public_ip_for_nat(i))),
            }
        })
        .collect();

    // ---- subnets
    let mut subnets = Vec::new();
    let mut pools = Vec::new();
    let mut seen_ids = HashSet::new();
    for (i, sn) in s.vpc.subnets.iter().enumerate() {
        let path = format!("/vpc/subnets/{i}");
        if !seen_ids.insert(sn.subnet_id.as_str()) {
            let id = &sn.subnet_id;
            diags.push(Diagnostic::new(
                Code::DuplicateId,
                format!("{path}/subnetId"),
                text!(
                    "subnet id `{id}` is used twice",
                    "서브넷 ID `{id}`이(가) 두 번 쓰였다"
                ),
            ));
        }
        let cidr = match parse_v4net(&sn.cidr_block) {
            Some(n) => {
                let n = n.trunc();
                if n.prefix_len() > 28 || n.prefix_len() < 16 {
                    diags.push(Diagnostic::new(
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
            None => {
                diags.push(bad_cidr(format!("{path}/cidrBlock"), &sn.cidr_block));
                None
            }
        };
        let route = match &sn.default_route {
            None => Route::None,
            Some(DefaultRoute::GatewayId(g)) => match &s.vpc.internet_gateway {
                Some(igw) if igw.internet_gateway_id == *g || g.is_empty() => {
                    Route::InternetGateway(igw.internet_gateway_id.clone())
                }
                _ => {
                    diags.push(unknown_ref(
                        format!("{path}/defaultRoute/gatewayId"),
                        "internet gateway",
                        g,
                        &s.vpc
                            .internet_gateway
                            .iter()
                            .map(|g| g.internet_gateway_id.as_str())
                            .collect::<Vec<_>>(),
                    ));
                    Route::None
                }
            },
            Some(DefaultRoute::NatGatewayId(n)) => {
                match s
                    .vpc
                    .nat_gateways
                    .iter()
                    .position(|x| x.nat_gateway_id == *n)
                {
                    Some(k) => Route::NatGateway(k),
                    None => {
                        let known: Vec<&str> = s
                            .vpc
                            .nat_gateways
                            .iter()
                            .map(|x| x.nat_gateway_id.as_str())
                            .collect();
                        diags.push(unknown_ref(
                            format!("{path}/defaultRoute/natGatewayId"),
                            "NAT gateway",
                            n,
                            &known,
                        ));
                        Route::None
                    }
                }
            }
            Some(DefaultRoute::TransitGatewayId(t)) => Route::TransitGateway(t.clone()),
        };
        if let Some(c) = cidr {
            if !vpc_cidrs.is_empty() && !vpc_cidrs.iter().any(|v| v.contains(&c)) {
                let v = s.vpc.cidr_blocks.join(", ");
                diags.push(
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
            for (j, other) in subnets.iter().enumerate() {
                let other: &SubnetModel = other;
                if let Some(o) = other.cidr {
                    if o.contains(&c.network()) || c.contains(&o.network()) {
                        let oid = &other.id;
                        diags.push(Diagnostic::new(
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
        }
        pools.push(cidr.and_then(SubnetPool::new));
        subnets.push(SubnetModel {
            eid: ElementId::subnet(&sn.subnet_id),
            id: sn.subnet_id.clone(),
            az: sn.availability_zone.clone(),
            cidr,
            route,
            map_public_ip: sn.map_public_ip_on_launch,
        });
    }
    let subnet_ids: Vec<&str> = subnets.iter().map(|s| s.id.as_str()).collect();
    let find_subnet = |id: &str| subnets.iter().position(|s| s.id == id);

    for (i, n) in s.vpc.nat_gateways.iter().enumerate() {
        match find_subnet(&n.subnet_id) {
            Some(k) => {
                if let Some(nat) = nat_gateways.get_mut(i) {
                    nat.subnet = Some(k);
                }
                // A NAT gateway holds an address of its subnet.
                if let Some(Some(pool)) = pools.get_mut(k) {
                    pool.take_next(Holder::Other);
                }
            }
            None => diags.push(unknown_ref(
                format!("/vpc/natGateways/{i}/subnetId"),
                "subnet",
                &n.subnet_id,
                &subnet_ids,
            )),
        }
    }

    // ---- security groups
    let sg_ids: Vec<&str> = s
        .security_groups
        .iter()
        .map(|g| g.group_id.as_str())
        .collect();
    let find_sg = |id: &str| s.security_groups.iter().position(|g| g.group_id == id);
    for (i, g) in s.security_groups.iter().enumerate() {
        for (dir, rules) in [("ingress", Some(&g.ingress)), ("egress", g.egress.as_ref())] {
            for (r, rule) in rules.into_iter().flatten().enumerate() {
                let path = format!("/securityGroups/{i}/{dir}/{r}");
                if let Some(c) = &rule.cidr_ip {
                    if c.parse::<IpNet>().is_err() {
                        diags.push(bad_cidr(format!("{path}/cidrIp"), c));
                    }
                }
                if let Some(src) = &rule.source_security_group_id {
                    if find_sg(src).is_none() {
                        diags.push(unknown_ref(
                            format!("{path}/sourceSecurityGroupId"),
                            "security group",
                            src,
                            &sg_ids,
                        ));
                    }
                }
            }
        }
    }

    // ---- cluster
    let rvc = &s.cluster.resources_vpc_config;
    let mut public_access_cidrs = Vec::new();
    for (i, c) in rvc.public_access_cidrs.iter().enumerate() {
        match c.parse::<IpNet>() {
            Ok(n) => public_access_cidrs.push(n.trunc()),
            Err(_) => diags.push(bad_cidr(
                format!("/cluster/resourcesVpcConfig/publicAccessCidrs/{i}"),
                c,
            )),
        }
    }
    let mut cluster_subnets = Vec::new();
    for (i, id) in rvc.subnet_ids.iter().enumerate() {
        match find_subnet(id) {
            Some(k) => cluster_subnets.push(k),
            None => diags.push(unknown_ref(
                format!("/cluster/resourcesVpcConfig/subnetIds/{i}"),
                "subnet",
                id,
                &subnet_ids,
            )),
        }
    }
    let cluster_security_group = if rvc.cluster_security_group_id.is_empty() {
        None
    } else {
        let k = find_sg(&rvc.cluster_security_group_id);
        if k.is_none() {
            diags.push(unknown_ref(
                "/cluster/resourcesVpcConfig/clusterSecurityGroupId".into(),
                "security group",
                &rvc.cluster_security_group_id,
                &sg_ids,
            ));
        }
        k
    };
    let mut additional_security_groups = Vec::new();
    for (i, id) in rvc.security_group_ids.iter().enumerate() {
        match find_sg(id) {
            Some(k) => additional_security_groups.push(k),
            None => diags.push(unknown_ref(
                format!("/cluster/resourcesVpcConfig/securityGroupIds/{i}"),
                "security group",
                id,
                &sg_ids,
            )),
        }
    }
    let service_cidr = {
        let c = &s.cluster.kubernetes_network_config.service_ipv4_cidr;
        match parse_v4net(c) {
            Some(n) => Some(n.trunc()),
            None => {
                if !c.is_empty() {
                    diags.push(bad_cidr(
                        "/cluster/kubernetesNetworkConfig/serviceIpv4Cidr".into(),
                        c,
                    ));
                }
                None
            }
        }
    };

    // ---- nodes: pinned addresses first, so that nothing else takes them
    let mut node_groups = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut pending: Vec<(usize, usize)> = Vec::new(); // (group, subnet) of unpinned nodes
    let mut total: u64 = 0;
    let mut public_counter = 0u32;
    for (gi, g) in s.node_groups.iter().enumerate() {
        let gpath = format!("/nodeGroups/{gi}");
        let mut gsubnets = Vec::new();
        for (k, id) in g.subnets.iter().enumerate() {
            match find_subnet(id) {
                Some(x) => gsubnets.push(x),
                None => diags.push(unknown_ref(
                    format!("{gpath}/subnets/{k}"),
                    "subnet",
                    id,
                    &subnet_ids,
                )),
            }
        }
        let mut gsgs = Vec::new();
        for (k, id) in g.security_group_ids.iter().enumerate() {
            match find_sg(id) {
                Some(x) => gsgs.push(x),
                None => diags.push(unknown_ref(
                    format!("{gpath}/securityGroupIds/{k}"),
                    "security group",
                    id,
                    &sg_ids,
                )),
            }
        }
        if gsgs.is_empty() {
            gsgs.extend(cluster_security_group);
        }
        node_groups.push(NodeGroupModel {
            eid: ElementId::node_group(&g.nodegroup_name),
            name: g.nodegroup_name.clone(),
            kind: g.kind,
            instance_type: g.instance_type.clone(),
            subnets: gsubnets.clone(),
            security_groups: gsgs,
        });
        if g.kind == NodeGroupKind::Fargate {
            continue;
        }
        total += u64::from(g.desired_size);
        if total > u64::from(MAX_NODES) {
            diags.push(Diagnostic::new(
                Code::TooManyNodes,
                format!("{gpath}/desiredSize"),
                text!(
                    "the scenario asks for more than {MAX_NODES} nodes; the rest are not modelled",
                    "노드가 {MAX_NODES}개를 넘는다. 나머지는 모델링하지 않는다"
                ),
            ));
            break;
        }
        if g.nodes.len() > g.desired_size as usize {
            let (pins, size) = (g.nodes.len(), g.desired_size);
            diags.push(Diagnostic::new(
                Code::MorePinsThanNodes,
                format!("{gpath}/nodes"),
                text!(
                    "{pins} nodes are pinned but desiredSize is {size}",
                    "고정한 노드가 {pins}개인데 desiredSize는 {size}이다"
                ),
            ));
        }
        for k in 0..g.desired_size as usize {
            match g.nodes.get(k) {
                Some(pin) => {
                    let ppath = format!("{gpath}/nodes/{k}");
                    let Some(sub) = find_subnet(&pin.subnet_id) else {
                        diags.push(unknown_ref(
                            format!("{ppath}/subnetId"),
                            "subnet",
                            &pin.subnet_id,
                            &subnet_ids,
                        ));
                        continue;
                    };
                    let Ok(ip) = pin.private_ip.parse::<Ipv4Addr>() else {
                        let v = &pin.private_ip;
                        diags.push(Diagnostic::new(
                            Code::InvalidIp,
                            format!("{ppath}/privateIp"),
                            text!(
                                "`{v}` is not an IPv4 address",
                                "`{v}`은(는) IPv4 주소가 아니다"
                            ),
                        ));
                        continue;
                    };
                    let ok = match pools.get_mut(sub) {
                        Some(Some(pool)) => {
                            if pool.is_reserved(ip) {
                                false
                            } else {
                                pool.take(ip, Holder::NodePrimary)
                            }
                        }
                        _ => false,
                    };
                    if !ok {
                        let sid = &pin.subnet_id;
                        diags.push(Diagnostic::new(
                            Code::NodeIpUnusable,
                            format!("{ppath}/privateIp"),
                            text!(
                                "{ip} is not a free, unreserved address of {sid}",
                                "{ip}은(는) {sid}의 사용 가능한 주소가 아니다(예약됐거나 이미 쓰이거나 범위 밖)"
                            ),
                        ));
                        continue;
                    }
                    let public_ip = match &pin.public_ip {
                        Some(p) => p.parse().ok(),
                        None => {
                            wants_public(g.associate_public_ip_address, &subnets[sub]).then(|| {
                                public_counter += 1;
                                public_ip(public_counter)
                            })
                        }
                    };
                    nodes.push(Node {
                        eid: ElementId::node(""),
                        name: Model::node_name(&s.cluster.region, ip),
                        group: gi,
                        subnet: sub,
                        private_ip: ip,
                        public_ip,
                    });
                }
                None => {
                    if gsubnets.is_empty() {
                        if k == 0 {
                            let name = &g.nodegroup_name;
                            diags.push(Diagnostic::new(
                                Code::NodegroupNoSubnets,
                                format!("{gpath}/subnets"),
                                text!(
                                    "node group `{name}` has no usable subnet, so it has no nodes",
                                    "노드 그룹 `{name}`에 쓸 수 있는 서브넷이 없어 노드가 없다"
                                ),
                            ));
                        }
                        break;
                    }
                    pending.push((gi, gsubnets[k % gsubnets.len()]));
                }
            }
        }
    }

    // ---- EKS-owned ENIs: one in each of the first two AZs of the cluster subnets
    let mut eks_enis = Vec::new();
    let mut azs_used: Vec<&str> = Vec::new();
    for &k in &cluster_subnets {
        let az = subnets[k].az.as_str();
        if azs_used.contains(&az) && !eks_enis.is_empty() {
            continue;
        }
        if eks_enis.len() >= 2 {
            break;
        }
        if let Some(Some(pool)) = pools.get_mut(k) {
            if let Some(ip) = pool.take_next(Holder::EksEni) {
                azs_used.push(az);
                eks_enis.push(EksEni {
                    eid: ElementId::eks_eni(eks_enis.len()),
                    subnet: k,
                    ip,
                });
            }
        }
    }

    // ---- unpinned nodes
    for (gi, sub) in pending {
        let g = &s.node_groups[gi];
        let Some(Some(pool)) = pools.get_mut(sub) else {
            continue;
        };
        match pool.take_next(Holder::NodePrimary) {
            Some(ip) => {
                let public_ip =
                    wants_public(g.associate_public_ip_address, &subnets[sub]).then(|| {
                        public_counter += 1;
                        public_ip(public_counter)
                    });
                nodes.push(Node {
                    eid: ElementId::node(""),
                    name: Model::node_name(&s.cluster.region, ip),
                    group: gi,
                    subnet: sub,
                    private_ip: ip,
                    public_ip,
                });
            }
            None => {
                let sid = &subnets[sub].id;
                let name = &g.nodegroup_name;
                diags.push(
                    Diagnostic::new(
                        Code::SubnetFullForNodes,
                        format!("/nodeGroups/{gi}/desiredSize"),
                        text!(
                            "subnet {sid} has no free address left for a node of `{name}`",
                            "서브넷 {sid}에 `{name}`의 노드에 줄 주소가 남아 있지 않다"
                        ),
                    )
                    .fix(text!(
                        "use a larger subnet, or spread the node group over more subnets",
                        "더 큰 서브넷을 쓰거나 노드 그룹을 더 많은 서브넷에 나눈다"
                    )),
                );
            }
        }
    }
    for n in &mut nodes {
        n.eid = ElementId::node(&n.name);
    }

    // ---- networks and clients
    let networks: Vec<NetworkModel> = s
        .connected_networks
        .iter()
        .enumerate()
        .map(|(i, n)| NetworkModel {
            eid: ElementId::network(&n.name),
            name: n.name.clone(),
            kind: n.kind,
            cidrs: n
                .cidr_blocks
                .iter()
                .enumerate()
                .filter_map(|(k, c)| match c.parse::<IpNet>() {
                    Ok(x) => Some(x.trunc()),
                    Err(_) => {
                        diags.push(bad_cidr(
                            format!("/connectedNetworks/{i}/cidrBlocks/{k}"),
                            c,
                        ));
                        None
                    }
                })
                .collect(),
            resolver_inbound_endpoint: n.resolver_inbound_endpoint,
            routed: n.routed,
            public_ip: n.public_ip.as_deref().and_then(|p| match p.parse() {
                Ok(ip) => Some(ip),
                Err(_) => {
                    diags.push(Diagnostic::new(
                        Code::InvalidIp,
                        format!("/connectedNetworks/{i}/publicIp"),
                        text!(
                            "`{p}` is not an IPv4 address",
                            "`{p}`은(는) IPv4 주소가 아니다"
                        ),
                    ));
                    None
                }
            }),
        })
        .collect();
    let net_names: Vec<&str> = networks.iter().map(|n| n.name.as_str()).collect();
    let mut clients = Vec::new();
    for (i, c) in s.clients.iter().enumerate() {
        let path = format!("/clients/{i}/location");
        let at = match &c.location {
            ClientLocation::Internet { source_ip } => match source_ip.parse() {
                Ok(ip) => ClientAt::Internet { ip },
                Err(_) => {
                    diags.push(Diagnostic::new(
                        Code::InvalidIp,
                        format!("{path}/internet/sourceIp"),
                        text!(
                            "`{source_ip}` is not an IPv4 address",
                            "`{source_ip}`은(는) IPv4 주소가 아니다"
                        ),
                    ));
                    ClientAt::Unknown
                }
            },
            ClientLocation::Subnet { subnet_id } => match find_subnet(subnet_id) {
                Some(k) => match pools
                    .get_mut(k)
                    .and_then(|p| p.as_mut())
                    .and_then(|p| p.take_next(Holder::Other))
                {
                    Some(ip) => ClientAt::Subnet { subnet: k, ip },
                    None => ClientAt::Unknown,
                },
                None => {
                    diags.push(unknown_ref(
                        format!("{path}/subnet/subnetId"),
                        "subnet",
                        subnet_id,
                        &subnet_ids,
                    ));
                    ClientAt::Unknown
                }
            },
            ClientLocation::ConnectedNetwork { network, source_ip } => {
                match (
                    net_names.iter().position(|n| n == network),
                    source_ip.parse(),
                ) {
                    (Some(k), Ok(ip)) => ClientAt::Network { network: k, ip },
                    (None, _) => {
                        diags.push(unknown_ref(
                            format!("{path}/connectedNetwork/network"),
                            "connected network",
                            network,
                            &net_names,
                        ));
                        ClientAt::Unknown
                    }
                    (_, Err(_)) => {
                        diags.push(Diagnostic::new(
                            Code::InvalidIp,
                            format!("{path}/connectedNetwork/sourceIp"),
                            text!(
                                "`{source_ip}` is not an IPv4 address",
                                "`{source_ip}`은(는) IPv4 주소가 아니다"
                            ),
                        ));
                        ClientAt::Unknown
                    }
                }
            }
        };
        let mut security_groups = Vec::new();
        for (k, id) in c.security_group_ids.iter().enumerate() {
            match find_sg(id) {
                Some(x) => security_groups.push(x),
                None => diags.push(unknown_ref(
                    format!("/clients/{i}/securityGroupIds/{k}"),
                    "security group",
                    id,
                    &sg_ids,
                )),
            }
        }
        let public_ip = match (&at, &c.public_ip) {
            (ClientAt::Subnet { .. }, Some(p)) => match p.parse() {
                Ok(ip) => Some(ip),
                Err(_) => {
                    diags.push(Diagnostic::new(
                        Code::InvalidIp,
                        format!("/clients/{i}/publicIp"),
                        text!(
                            "`{p}` is not an IPv4 address",
                            "`{p}`은(는) IPv4 주소가 아니다"
                        ),
                    ));
                    None
                }
            },
            (ClientAt::Subnet { subnet, .. }, None) => subnets
                .get(*subnet)
                .is_some_and(|s| s.map_public_ip)
                .then(|| {
                    public_counter += 1;
                    public_ip(public_counter)
                }),
            _ => None,
        };
        clients.push(ClientModel {
            eid: ElementId::client(&c.name),
            name: c.name.clone(),
            at,
            public_ip,
            security_groups,
        });
    }

    let endpoints = s
        .vpc
        .vpc_endpoints
        .iter()
        .map(|e| EndpointModel {
            service: short_service(&e.service_name),
            kind: e.vpc_endpoint_type,
            private_dns: e.private_dns_enabled,
        })
        .collect();

    Model {
        scenario: s.clone(),
        cluster: ClusterModel {
            name: s.cluster.name.clone(),
            region: s.cluster.region.clone(),
            version: s.cluster.version.clone(),
            public_access: rvc.endpoint_public_access,
            private_access: rvc.endpoint_private_access,
            public_access_cidrs,
            endpoint_host: endpoint_host(&s.cluster.name, &s.cluster.region),
            nlb_public_ips: vec![public_ip(120_001), public_ip(120_002)],
            ip_family: s.cluster.kubernetes_network_config.ip_family,
            service_cidr,
            subnets: cluster_subnets,
            cluster_security_group,
            additional_security_groups,
        },
        vpc: VpcModel {
            id: s.vpc.vpc_id.clone(),
            cidrs: vpc_cidrs,
            dns_support: s.vpc.enable_dns_support,
            dns_hostnames: s.vpc.enable_dns_hostnames,
            resolver: s.vpc.dns_resolver.clone(),
            internet_gateway: s
                .vpc
                .internet_gateway
                .as_ref()
                .map(|g| g.internet_gateway_id.clone()),
            nat_gateways,
            endpoints,
        },
        subnets,
        pools,
        security_groups: s.security_groups.clone(),
        networks,
        clients,
        eks_enis,
        node_groups,
        nodes,
    }
}

fn public_ip_for_nat(i: usize) -> Ipv4Addr {
    public_ip(125_000 + i as u32)
}

fn wants_public(assoc: Option<bool>, subnet: &SubnetModel) -> bool {
    assoc.unwrap_or(subnet.map_public_ip)
}

/// `com.amazonaws.ap-northeast-2.ecr.api` → `ecr.api`.
fn short_service(name: &str) -> String {
    let name = name.trim();
    match name.strip_prefix("com.amazonaws.") {
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
    fn short_service_names() {
        assert_eq!(
            short_service("com.amazonaws.ap-northeast-2.ecr.api"),
            "ecr.api"
        );
        assert_eq!(short_service("s3"), "s3");
    }

    #[test]
    fn endpoint_host_is_stable() {
        let h = endpoint_host("my-cluster", "ap-northeast-2");
        assert!(h.ends_with(".gr7.ap-northeast-2.eks.amazonaws.com"));
        assert_eq!(h, endpoint_host("my-cluster", "ap-northeast-2"));
    }
}
