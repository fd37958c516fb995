//! `network-acl-denies`, `network-acl-denies-return` on a load balancer's paths
//! (Elastic Load Balancing, "Configure network ACLs for your load balancer";
//! Amazon VPC, "Network ACL rules"), located at the ACL entry to change:
//!
//! - the listener: each node's subnet must let the listener port in from the
//!   clients (the internet for an internet-facing load balancer: the scenario's
//!   internet clients, or a stand-in address; the VPC for an internal one) and
//!   the replies out to their ephemeral ports, 1024-65535;
//! - the targets: a target whose health checks the ACLs drop is unhealthy
//!   (`lb::acl`), and its health names the entry.
//!
//! The same crossings as the traces (`trace::fabric::cross_cited`), so the check
//! and a trace of the flow name the same rule.

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use crate::lb::{LoadBalancing, Scheme};
use crate::model::fabric::EPHEMERAL_ANY;
use crate::model::{ClientAt, Model};
use crate::trace::builder::{Builder, Packet};
use crate::trace::fabric::{cross_cited, ELB_ACL_CITES};
use crate::trace::STAND_IN_CLIENT;
use crate::{text, Diagnostic, Text};

pub(super) fn check(m: &Model, lbs: &LoadBalancing, d: &mut Vec<Diagnostic>) {
    if m.network_acls.is_empty() {
        return;
    }
    let mut seen = BTreeSet::new();
    for lb in lbs.load_balancers.iter().filter(|l| l.created) {
        let name = &lb.name;
        let clients = clients(m, lb.scheme);
        for node in &lb.nodes {
            for l in &lb.listeners {
                for &src in &clients {
                    let pkt = Packet {
                        src,
                        dst: node.private_ip,
                        port: l.port,
                    };
                    let mut b = Builder::new(String::new(), Text::default());
                    let to = (None, Some(node.subnet));
                    let Err(x) = cross_cited(&mut b, m, to, pkt, EPHEMERAL_ANY, ELB_ACL_CITES)
                    else {
                        continue;
                    };
                    let Some(field) = x.field.clone() else {
                        continue;
                    };
                    if !seen.insert((x.code, field.clone(), false)) {
                        continue;
                    }
                    let (re, rk, port) = (&x.reason.en, &x.reason.ko, l.port);
                    d.push(
                        Diagnostic::new(
                            x.code,
                            field,
                            text!(
                                "load balancer {name}, listener {port}: {re}",
                                "로드 밸런서 {name}, 리스너 {port}: {rk}"
                            ),
                        )
                        .fix(x.fix.clone())
                        .cite(x.cite),
                    );
                }
            }
        }
        for tg in &lb.target_groups {
            for t in &tg.targets {
                let (Some(code), Some(field)) = (t.health.code, t.health.field.clone()) else {
                    continue;
                };
                if !seen.insert((code, field.clone(), true)) {
                    continue;
                }
                let (tn, ip, aws) = (&tg.name, t.ip, t.health.reason.unwrap_or_default());
                let (we, wk) = (&t.health.why.en, &t.health.why.ko);
                d.push(
                    Diagnostic::new(
                        code,
                        field,
                        text!(
                            "target {ip} of {tn} (load balancer {name}) is unhealthy, {aws} as ELB reports it: {we}",
                            "{name}의 대상 그룹 {tn}의 대상 {ip}이(가) 비정상이다(ELB가 보고하는 코드 {aws}): {wk}"
                        ),
                    )
                    .fix(text!(
                        "let the health check port in from the load balancer's subnets, and 1024-65535 back out to them, in the target subnet's ACL (and the reverse in the load balancer subnet's)",
                        "대상 서브넷의 ACL에서 로드 밸런서 서브넷으로부터 헬스 체크 포트를 들이고 1024-65535를 내보낸다(로드 밸런서 서브넷의 ACL은 그 반대)"
                    ))
                    .cite(ELB_ACL_CITES.0),
                );
            }
        }
    }
}

/// Where a load balancer's clients come from: the internet clients' addresses
/// (or a stand-in) for an internet-facing one, the VPC for an internal one.
fn clients(m: &Model, scheme: Scheme) -> Vec<Ipv4Addr> {
    match scheme {
        Scheme::InternetFacing => {
            let mut v: Vec<Ipv4Addr> = m
                .clients
                .iter()
                .filter_map(|c| match c.at {
                    ClientAt::Internet { ip } => Some(ip),
                    _ => None,
                })
                .collect();
            if v.is_empty() {
                v.extend(STAND_IN_CLIENT.parse::<Ipv4Addr>().ok());
            }
            v
        }
        Scheme::Internal => m
            .vpc
            .cidrs
            .first()
            .map(|c| c.network())
            .into_iter()
            .collect(),
    }
}
