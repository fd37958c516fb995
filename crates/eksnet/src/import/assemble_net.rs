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
        let proto = match p.ip_protocol.as_str() {
            "6" => "tcp".to_string(),
            "17" => "udp".to_string(),
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
        let rule =
            |cidr: Option<String>, group: Option<String>, description: &str| SecurityGroupRule {
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
                &format!("{base}/{i}"),
                text!(
                    "IPv6 ranges and prefix lists of this rule, not modelled: {dropped}",
                    "이 규칙의 IPv6 범위나 접두사 목록 {dropped}개는 모델링하지 않는다"
                ),
            );
        }
    }
    out
}
