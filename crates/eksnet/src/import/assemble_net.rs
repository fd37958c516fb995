//! Assembling the VPC's gateways, endpoints and security groups (and, without
//! route tables, each subnet's default route by inference).

use std::collections::{BTreeMap, BTreeSet};

use super::ec2;
use super::read::Snapshot;
use super::report::Report;
use super::routes;
use crate::scenario::*;
use crate::text;

pub(crate) fn gateways(snap: &Snapshot, report: &mut Report, s: &mut Scenario) {
    let vpc = s.vpc.vpc_id.clone();
    for g in &snap.igws {
        let attached = g.v.attachments.iter().any(|a| {
            a.vpc_id == vpc
                && (a.state.is_empty() || a.state == "available" || a.state == "attached")
        });
        if attached && s.vpc.internet_gateway.is_none() {
            let id = &g.v.internet_gateway_id;
            s.vpc.internet_gateway = Some(InternetGateway {
                internet_gateway_id: id.clone(),
            });
            report.contributed(
                g.file,
                text!("internet gateway {id}", "인터넷 게이트웨이 {id}"),
            );
        }
    }
    for n in &snap.nats {
        if !n.v.vpc_id.is_empty() && n.v.vpc_id != vpc {
            continue;
        }
        let f = snap.name(n.file).to_string();
        let id = &n.v.nat_gateway_id;
        let state = n.v.state.as_str();
        if !matches!(state, "" | "available" | "pending") {
            report.drop_note(
                &f,
                &n.pointer,
                text!(
                    "NAT gateway {id} is {state}: left out",
                    "NAT 게이트웨이 {id}은(는) {state} 상태라 뺀다"
                ),
            );
            continue;
        }
        if n.v.connectivity_type == "private" {
            report.drop_note(&f, &n.pointer, text!("NAT gateway {id} is a private NAT gateway (no internet egress), which eksnet does not model yet", "NAT 게이트웨이 {id}은(는) 프라이빗 NAT 게이트웨이(인터넷으로 못 나감)라 아직 모델링하지 않는다"));
            continue;
        }
        let public_ip =
            n.v.nat_gateway_addresses
                .iter()
                .find(|a| !a.public_ip.is_empty())
                .map(|a| a.public_ip.clone())
                .unwrap_or_default();
        report.contributed(
            n.file,
            text!(
                "NAT gateway {id} ({public_ip})",
                "NAT 게이트웨이 {id} ({public_ip})"
            ),
        );
        s.vpc.nat_gateways.push(NatGateway {
            nat_gateway_id: id.clone(),
            subnet_id: n.v.subnet_id.clone(),
            public_ip,
        });
    }
    for e in &snap.endpoints {
        if !e.v.vpc_id.is_empty() && e.v.vpc_id != vpc {
            continue;
        }
        let f = snap.name(e.file).to_string();
        let (id, svc) = (&e.v.vpc_endpoint_id, &e.v.service_name);
        let kind = match e.v.vpc_endpoint_type.as_str() {
            "Interface" | "" => VpcEndpointType::Interface,
            "Gateway" => VpcEndpointType::Gateway,
            other => {
                report.drop_note(
                    &f,
                    &e.pointer,
                    text!(
                        "VPC endpoint {id} of type {other} is not modelled",
                        "{other} 유형의 VPC 엔드포인트 {id}은(는) 모델링하지 않는다"
                    ),
                );
                continue;
            }
        };
        if !matches!(e.v.state.as_str(), "" | "available" | "Available") {
            let st = &e.v.state;
            report.drop_note(
                &f,
                &e.pointer,
                text!(
                    "VPC endpoint {id} ({svc}) is {st}: left out",
                    "VPC 엔드포인트 {id} ({svc})은(는) {st} 상태라 뺀다"
                ),
            );
            continue;
        }
        report.contributed(e.file, text!("VPC endpoint {svc}", "VPC 엔드포인트 {svc}"));
        s.vpc.vpc_endpoints.push(VpcEndpoint {
            vpc_endpoint_id: id.clone(),
            service_name: svc.clone(),
            vpc_endpoint_type: kind,
            private_dns_enabled: e.v.private_dns_enabled,
            subnet_ids: e.v.subnet_ids.clone(),
            route_table_ids: e.v.route_table_ids.clone(),
        });
    }
    if snap.route_tables.is_empty() && !s.vpc.subnets.is_empty() {
        infer_routes(report, s);
    }
}

/// `describe-route-tables` and `describe-network-acls` of the cluster's VPC, as
/// the scenario's `vpc.routeTables` and `vpc.networkAcls` (see [`routes`]). Each
/// subnet's `defaultRoute` is kept in step with its table's `0.0.0.0/0` route (the
/// table decides; the field is what older editors show).
pub(crate) fn fabric(snap: &Snapshot, report: &mut Report, s: &mut Scenario) {
    let vpc = s.vpc.vpc_id.clone();
    let mine = |v: &str| v.is_empty() || v == vpc;
    let mut per_file: BTreeMap<usize, usize> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for t in snap.route_tables.iter().filter(|t| mine(&t.v.vpc_id)) {
        if !seen.insert(t.v.route_table_id.clone()) {
            continue;
        }
        let f = snap.name(t.file).to_string();
        let table = routes::route_table(&t.v, report, &f, &t.pointer);
        *per_file.entry(t.file).or_default() += 1;
        s.vpc.route_tables.push(table);
    }
    for (file, n) in per_file {
        report.contributed(
            file,
            text!(
                "route tables with their routes and subnet associations: {n}",
                "라우팅 테이블 {n}개(경로와 서브넷 연결 포함)"
            ),
        );
    }
    igw_from_routes(snap, report, s);
    let tables = &s.vpc.route_tables;
    if !tables.is_empty() {
        let main = tables
            .iter()
            .find(|t| t.associations.iter().any(|a| a.main));
        for sn in &mut s.vpc.subnets {
            let own = tables.iter().find(|t| {
                t.associations
                    .iter()
                    .any(|a| a.subnet_id.as_deref() == Some(sn.subnet_id.as_str()))
            });
            match own.or(main) {
                Some(t) => sn.default_route = routes::default_route_of(t),
                None => {
                    let id = &sn.subnet_id;
                    report.assume("", "", text!(
                        "no route table of subnet {id} (nor a main table) was read: it keeps an implied table of its own with only the local route",
                        "서브넷 {id}의 라우팅 테이블(메인 테이블도)을 읽지 못해 로컬 경로만 있는 암묵적 테이블을 쓴다"
                    ));
                }
            }
        }
    }
    let mut per_file: BTreeMap<usize, usize> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for a in snap.acls.iter().filter(|a| mine(&a.v.vpc_id)) {
        if !seen.insert(a.v.network_acl_id.clone()) {
            continue;
        }
        let f = snap.name(a.file).to_string();
        let acl = routes::network_acl(&a.v, report, &f, &a.pointer);
        *per_file.entry(a.file).or_default() += 1;
        s.vpc.network_acls.push(acl);
    }
    for (file, n) in per_file {
        report.contributed(
            file,
            text!(
                "network ACLs with their numbered rules: {n}",
                "네트워크 ACL {n}개(번호 붙은 규칙 포함)"
            ),
        );
    }
    super::attachments::contribute(snap, report, s);
}

/// Without `describe-internet-gateways`: the internet gateway an active route
/// names (`GatewayId: igw-…`). AWS shows a route whose gateway is not attached to
/// the VPC as `blackhole` (botocore's EC2 model, `Route.State`: "the specified
/// gateway isn't attached to the VPC"), so an active one proves it is attached.
fn igw_from_routes(snap: &Snapshot, report: &mut Report, s: &mut Scenario) {
    if !snap.igws.is_empty() || s.vpc.internet_gateway.is_some() {
        return;
    }
    let named = s.vpc.route_tables.iter().find_map(|t| {
        t.routes
            .iter()
            .filter(|r| r.state == RouteState::Active)
            .find_map(|r| r.gateway_id.as_ref().filter(|g| g.starts_with("igw-")))
            .map(|g| (g.clone(), t.route_table_id.clone()))
    });
    let Some((id, rt)) = named else { return };
    report.assume(
        "",
        "",
        text!(
            "no `aws ec2 describe-internet-gateways`: internet gateway {id} is taken as attached to the VPC, since the active routes of {rt} lead to it",
            "`aws ec2 describe-internet-gateways`가 없어 {rt}의 활성 경로가 가리키는 인터넷 게이트웨이 {id}이(가) VPC에 연결되어 있다고 본다"
        ),
    );
    s.vpc.internet_gateway = Some(InternetGateway {
        internet_gateway_id: id,
    });
}

/// Without `describe-route-tables`: a subnet that gives public IPs (or is tagged
/// for internet-facing load balancers, `kubernetes.io/role/elb`) is taken as public
/// (via the internet gateway), every other one as private behind a NAT gateway of
/// its AZ (or any), else isolated. The report says so.
fn infer_routes(report: &mut Report, s: &mut Scenario) {
    let igw = s
        .vpc
        .internet_gateway
        .as_ref()
        .map(|g| g.internet_gateway_id.clone());
    let az_of: BTreeMap<String, String> = crate::sort::map_of(
        s.vpc
            .subnets
            .iter()
            .map(|x| (x.subnet_id.clone(), x.availability_zone.clone())),
    );
    let nats: Vec<(String, String)> = s
        .vpc
        .nat_gateways
        .iter()
        .map(|n| {
            (
                n.nat_gateway_id.clone(),
                az_of.get(&n.subnet_id).cloned().unwrap_or_default(),
            )
        })
        .collect();
    for sn in &mut s.vpc.subnets {
        sn.default_route = match (&igw, sn.map_public_ip_on_launch) {
            (Some(g), true) => Some(DefaultRoute::GatewayId(g.clone())),
            _ => nats
                .iter()
                .find(|(_, az)| *az == sn.availability_zone)
                .or(nats.first())
                .map(|(n, _)| DefaultRoute::NatGatewayId(n.clone())),
        };
    }
    report.assume(
        "",
        "",
        text!(
            "no `aws ec2 describe-route-tables`: subnets with mapPublicIpOnLaunch route 0.0.0.0/0 to the internet gateway, the others to a NAT gateway of their AZ (or any), else nowhere",
            "`aws ec2 describe-route-tables`가 없어 mapPublicIpOnLaunch인 서브넷은 인터넷 게이트웨이로, 나머지는 같은 AZ(없으면 아무) NAT 게이트웨이로, 그것도 없으면 기본 경로 없음으로 본다"
        ),
    );
}

pub(crate) fn security_groups(snap: &Snapshot, report: &mut Report, s: &mut Scenario) {
    let vpc = s.vpc.vpc_id.clone();
    let mut per_file: BTreeMap<usize, usize> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for g in &snap.sgs {
        if (!g.v.vpc_id.is_empty() && g.v.vpc_id != vpc) || !seen.insert(g.v.group_id.clone()) {
            continue;
        }
        *per_file.entry(g.file).or_default() += 1;
        let f = snap.name(g.file).to_string();
        let ingress = rules(
            &g.v.ip_permissions,
            report,
            &f,
            &format!("{}/IpPermissions", g.pointer),
        );
        let egress =
            g.v.ip_permissions_egress
                .as_ref()
                .map(|e| rules(e, report, &f, &format!("{}/IpPermissionsEgress", g.pointer)));
        s.security_groups.push(SecurityGroup {
            group_id: g.v.group_id.clone(),
            group_name: g.v.group_name.clone(),
            ingress,
            egress,
        });
    }
    for (file, n) in per_file {
        report.contributed(file, text!("security groups: {n}", "보안 그룹 {n}개"));
    }
}

/// `IpPermission`s as the model's rules: one rule per IPv4 range or peer group.
fn rules(
    perms: &[ec2::IpPermission],
    report: &mut Report,
    f: &str,
    base: &str,
) -> Vec<SecurityGroupRule> {
    let mut out = Vec::new();
    for (i, p) in perms.iter().enumerate() {
        permission_rules(p, report, f, &format!("{base}/{i}"), &mut out);
    }
    out
}

/// One `IpPermission` (read at `at`) as the model's rules, pushed onto `out`.
/// Protocol numbers 6 and 17 are `tcp` and `udp`; with `-1` (all traffic) the
/// ports are not given and not read; a port outside 0-65535 (`-1`, all ICMP types)
/// stands for the whole range (botocore's EC2 model, `IpPermission`: "A value of -1
/// indicates all ICMP/ICMPv6 types", "If you specify all ICMP/ICMPv6 types, you
/// must specify all ICMP/ICMPv6 codes").
fn permission_rules(
    p: &ec2::IpPermission,
    report: &mut Report,
    f: &str,
    at: &str,
    out: &mut Vec<SecurityGroupRule>,
) {
    let proto = match p.ip_protocol.trim().to_ascii_lowercase().as_str() {
        "6" => "tcp".to_string(),
        "17" => "udp".to_string(),
        "1" => "icmp".to_string(),
        "58" => "icmpv6".to_string(),
        "all" => "-1".to_string(),
        other => other.to_string(),
    };
    let port = |v: Option<i64>, dflt: u16| match v {
        Some(n) if (0..=65535).contains(&n) => n as u16,
        _ => dflt,
    };
    let (from, to) = if proto == "-1" {
        (0, 0)
    } else {
        (port(p.from_port, 0), port(p.to_port, 65535))
    };
    let rule = |cidr: Option<String>, group: Option<String>, description: &str| SecurityGroupRule {
        ip_protocol: proto.clone(),
        from_port: from,
        to_port: to,
        cidr_ip: cidr,
        source_security_group_id: group,
        description: description.to_string(),
    };
    for r in &p.ip_ranges {
        out.push(rule(Some(r.cidr_ip.clone()), None, &r.description));
    }
    for g in &p.user_id_group_pairs {
        out.push(rule(None, Some(g.group_id.clone()), &g.description));
    }
    let dropped = p.ipv6_ranges.len() + p.prefix_list_ids.len();
    if dropped > 0 {
        report.drop_note(
            f,
            at,
            text!(
                "IPv6 ranges and prefix lists of this rule, not modelled: {dropped}",
                "이 규칙의 IPv6 범위나 접두사 목록 {dropped}개는 모델링하지 않는다"
            ),
        );
    }
}

/// `describe-security-group-rules`: the groups it names that `describe-security-groups`
/// did not give, with their rules (each `SecurityGroupRule` is one `IpPermission`
/// with one peer; `IsEgress` says which list). A group the rules file names has all
/// its rules there, its outbound ones included, so a group without an outbound rule
/// lets nothing out. Groups `describe-security-groups` gave are taken from there
/// (the same rules; reading both would count each twice).
pub(crate) fn security_group_rules(snap: &Snapshot, report: &mut Report, s: &mut Scenario) {
    let known: BTreeSet<String> =
        crate::sort::set_of(s.security_groups.iter().map(|g| g.group_id.clone()));
    let mut added: BTreeMap<String, (SecurityGroup, usize)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut skipped: BTreeMap<usize, usize> = BTreeMap::new();
    for r in &snap.sg_rules {
        let v = &r.v;
        if known.contains(&v.group_id) {
            *skipped.entry(r.file).or_default() += 1;
            continue;
        }
        let f = snap.name(r.file).to_string();
        let perm = ec2::IpPermission {
            ip_protocol: v.ip_protocol.clone(),
            from_port: v.from_port,
            to_port: v.to_port,
            ip_ranges: v
                .cidr_ipv4
                .iter()
                .map(|c| ec2::IpRange {
                    cidr_ip: c.clone(),
                    description: v.description.clone(),
                })
                .collect(),
            ipv6_ranges: vec![serde::de::IgnoredAny; usize::from(v.cidr_ipv6.is_some())],
            user_id_group_pairs: v
                .referenced_group_info
                .iter()
                .map(|g| ec2::GroupPair {
                    group_id: g.group_id.clone(),
                    description: v.description.clone(),
                })
                .collect(),
            prefix_list_ids: vec![serde::de::IgnoredAny; usize::from(v.prefix_list_id.is_some())],
        };
        let (g, _) = added.entry(v.group_id.clone()).or_insert_with(|| {
            order.push(v.group_id.clone());
            (
                SecurityGroup {
                    group_id: v.group_id.clone(),
                    group_name: v.group_id.clone(),
                    ingress: Vec::new(),
                    egress: Some(Vec::new()),
                },
                r.file,
            )
        });
        let list = if v.is_egress {
            g.egress.get_or_insert_with(Vec::new)
        } else {
            &mut g.ingress
        };
        permission_rules(&perm, report, &f, &r.pointer, list);
    }
    let mut per_file: BTreeMap<usize, usize> = BTreeMap::new();
    for id in order {
        if let Some((g, file)) = added.remove(&id) {
            *per_file.entry(file).or_default() += 1;
            s.security_groups.push(g);
        }
    }
    for (file, n) in per_file {
        report.contributed(
            file,
            text!(
                "security groups (from their rules): {n}",
                "보안 그룹(규칙에서) {n}개"
            ),
        );
    }
    for (file, n) in skipped {
        let f = snap.name(file).to_string();
        report.drop_note(
            &f,
            "/SecurityGroupRules",
            text!(
                "rules of groups `describe-security-groups` already gave, read from there: {n}",
                "`describe-security-groups`가 이미 준 그룹의 규칙 {n}개는 그쪽에서 읽는다"
            ),
        );
    }
}
