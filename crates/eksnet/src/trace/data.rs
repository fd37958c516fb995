//! Load-balanced flows: a client → a Service's CLB or NLB, or an Ingress's ALB →
//! a pod (source 004 §2, figures 4 and 5).
//!
//! The path, hop by hop:
//!
//! 1. the client asks for the load balancer's DNS name; the answer is its nodes'
//!    public addresses (internet-facing) or private ones (internal: the name is
//!    public, the addresses are not reachable from the internet);
//! 2. internet clients come in through the internet gateway, which maps the public
//!    address to the load balancer node's private one; clients in the VPC take the
//!    local route to an internal load balancer, or go out and back in to an
//!    internet-facing one;
//! 3. the load balancer's listener forwards to a target group, which sends only to
//!    healthy targets;
//! 4. instance targets: the node's NodePort on its primary ENI, where kube-proxy's
//!    rule picks a pod (under `Cluster` any ready pod, rewriting the source to the
//!    node's IP; under `Local` only a pod on that node, keeping the source); IP
//!    targets: the pod's IP straight through the VPC router.
//!
//! Whether the pod sees the client's address ([`Trace::client_ip_preserved`]):
//! CLB no (it proxies), NLB instance targets only under `Local`, NLB IP targets over
//! TCP only with `preserve_client_ip.enabled=true` (ELB docs: off by default for IP
//! targets, on for instance targets), ALB no (it proxies; `X-Forwarded-For` carries
//! it).
//!
//! Deterministic choices: without `@client` the first internet client (or a stand-in
//! at 198.51.100.23); the client uses the first address of a load balancer node that
//! has a healthy target it can send to (ELB's DNS leaves out nodes without one);
//! that node takes the first healthy target in its AZ (or in any AZ with cross-zone
//! load balancing); kube-proxy takes the first ready endpoint (a local one under
//! `Local`).

use std::net::Ipv4Addr;

use super::builder::{refused, Blocked, Builder, Leg, Packet};
use super::egress;
use super::pods::{deliver, node_groups, Sg};
use super::route::{subnet_route_hop, Host};
use super::{DnsAnswer, Hop, Link, Trace};
use crate::check::lb::no_healthy_code;
use crate::cite::{Cite, Source};
use crate::ids::{fixed, ElementId};
use crate::lb::{
    Controller, LbKind, LbNode, LoadBalancer, Scheme, Target, TargetGroup, TargetRef, TargetType,
};
use crate::model::ClientAt;
use crate::scenario::TrafficPolicy;
use crate::trace::control::short;
use crate::{text, Analysis, Text};

const FIG4: Cite = Cite::new(Source::S004, "figure 4");
const FIG5: Cite = Cite::new(Source::S004, "figure 5");
const DNS: Cite = Cite::new(Source::AwsDocs, "Elastic Load Balancing, DNS name");
const CLIENT_IP: Cite = Cite::new(
    Source::AwsDocs,
    "Network Load Balancer target groups, client IP preservation",
);
const SNAT: Cite = Cite::new(Source::Kubernetes, "Using Source IP");

/// The stand-in client when the scenario has none.
pub const STAND_IN_CLIENT: &str = "198.51.100.23";

/// Who calls.
enum Caller {
    Internet {
        eid: ElementId,
        ip: Ipv4Addr,
    },
    Subnet {
        index: usize,
        eid: ElementId,
        subnet: usize,
        ip: Ipv4Addr,
    },
    Network {
        eid: ElementId,
        network: usize,
        ip: Ipv4Addr,
    },
}

impl Caller {
    fn eid(&self) -> &ElementId {
        match self {
            Caller::Internet { eid, .. }
            | Caller::Subnet { eid, .. }
            | Caller::Network { eid, .. } => eid,
        }
    }
    fn ip(&self) -> Ipv4Addr {
        match self {
            Caller::Internet { ip, .. }
            | Caller::Subnet { ip, .. }
            | Caller::Network { ip, .. } => *ip,
        }
    }
}

fn caller(a: &Analysis, name: Option<&str>, flow: &str) -> Result<(Caller, String), Box<Trace>> {
    let m = &a.model;
    let pick = match name {
        Some(n) => match m.clients.iter().position(|c| c.name == n) {
            Some(c) => Some(c),
            None => return Err(Box::new(super::unknown_client(m, flow.to_string(), n))),
        },
        None => m
            .clients
            .iter()
            .position(|c| matches!(c.at, ClientAt::Internet { .. }))
            .or_else(|| (!m.clients.is_empty()).then_some(0)),
    };
    let Some(c) = pick.and_then(|c| m.clients.get(c).map(|x| (c, x))) else {
        let ip: Ipv4Addr = STAND_IN_CLIENT.parse().unwrap_or(Ipv4Addr::UNSPECIFIED);
        return Ok((
            Caller::Internet {
                eid: ElementId::client("internet"),
                ip,
            },
            "a client on the internet".into(),
        ));
    };
    let (index, client) = c;
    let eid = client.eid.clone();
    let who = client.name.clone();
    Ok(match client.at {
        ClientAt::Internet { ip } => (Caller::Internet { eid, ip }, who),
        ClientAt::Subnet { subnet, ip } => (
            Caller::Subnet {
                index,
                eid,
                subnet,
                ip,
            },
            who,
        ),
        ClientAt::Network { network, ip } => (Caller::Network { eid, network, ip }, who),
        ClientAt::Unknown => (
            Caller::Internet {
                eid,
                ip: Ipv4Addr::UNSPECIFIED,
            },
            who,
        ),
    })
}

/// `svc:<ns>/<name>[@client]`.
pub(crate) fn service(
    a: &Analysis,
    flow: String,
    ns: &str,
    name: &str,
    client: Option<&str>,
) -> Trace {
    let key = format!("{ns}/{name}");
    let Some(s) = a.lbs.service_index(&key) else {
        return unknown(a, flow, "Service", &key);
    };
    let Some(svc) = a.lbs.services.get(s) else {
        return unknown(a, flow, "Service", &key);
    };
    let Some(lb) = svc.load_balancer.and_then(|l| a.lbs.load_balancers.get(l)) else {
        let t = format!("{:?}", svc.service_type);
        return refused(
            flow,
            text!("Service {key} from outside", "클러스터 밖에서 Service {key}"),
            Blocked {
                at: svc.eid.clone(),
                code: "service-not-load-balanced",
                reason: text!(
                    "Service {key} is of type {t}: no load balancer is made for it, so it cannot be reached through one",
                    "Service {key}은(는) {t} 유형이라 로드 밸런서가 만들어지지 않아 로드 밸런서로 닿을 수 없다"
                ),
                fix: text!(
                    "make it type LoadBalancer, or put an ALB Ingress in front of it and trace ing:<ns>/<name>; from a pod, trace pod:<ns>/<pod>->svc:{key}",
                    "LoadBalancer 유형으로 바꾸거나 ALB Ingress를 앞에 두고 ing:<ns>/<name>을 추적한다. Pod에서는 pod:<ns>/<pod>->svc:{key}를 추적한다"
                ),
                cite: FIG4,
                field: Some(format!("/services/{}/type", svc.index)),
            },
        );
    };
    let tg = lb
        .listeners
        .first()
        .and_then(|l| l.rules.first())
        .map(|r| r.target_group);
    run(
        a,
        flow,
        lb,
        tg,
        client,
        text!("Service {key}", "Service {key}"),
    )
}

/// `ing:<ns>/<name>[@client]`.
pub(crate) fn ingress(
    a: &Analysis,
    flow: String,
    ns: &str,
    name: &str,
    client: Option<&str>,
) -> Trace {
    let key = format!("{ns}/{name}");
    let Some(i) = a.lbs.ingress_index(&key) else {
        return unknown(a, flow, "Ingress", &key);
    };
    let Some(ing) = a.lbs.ingresses.get(i) else {
        return unknown(a, flow, "Ingress", &key);
    };
    let Some(lb) = ing.load_balancer.and_then(|l| a.lbs.load_balancers.get(l)) else {
        return refused(
            flow,
            text!("Ingress {key}", "Ingress {key}"),
            Blocked {
                at: ing.eid.clone(),
                code: "ingress-not-alb",
                reason: text!(
                    "Ingress {key} is not of class alb, so the AWS Load Balancer Controller makes no ALB for it",
                    "Ingress {key}의 클래스가 alb가 아니어서 AWS Load Balancer Controller가 ALB를 만들지 않는다"
                ),
                fix: text!(
                    "set ingressClassName: alb (or the annotation kubernetes.io/ingress.class: alb)",
                    "ingressClassName: alb(또는 kubernetes.io/ingress.class: alb 어노테이션)를 둔다"
                ),
                cite: FIG5,
                field: Some(format!("/ingresses/{}/ingressClassName", ing.index)),
            },
        );
    };
    let tg = ing.rules.iter().find_map(|r| r.target_group);
    run(
        a,
        flow,
        lb,
        tg,
        client,
        text!("Ingress {key}", "Ingress {key}"),
    )
}

fn unknown(a: &Analysis, flow: String, kind: &str, key: &str) -> Trace {
    let (names, field, code, eid): (Vec<String>, &str, &'static str, ElementId) =
        if kind == "Service" {
            (
                a.lbs
                    .services
                    .iter()
                    .map(|s| format!("{}/{}", s.namespace, s.name))
                    .collect(),
                "/services",
                "unknown-service",
                ElementId::service(
                    key.split('/').next().unwrap_or(""),
                    key.split('/').nth(1).unwrap_or(key),
                ),
            )
        } else {
            (
                a.lbs
                    .ingresses
                    .iter()
                    .map(|s| format!("{}/{}", s.namespace, s.name))
                    .collect(),
                "/ingresses",
                "unknown-ingress",
                ElementId::ingress(
                    key.split('/').next().unwrap_or(""),
                    key.split('/').nth(1).unwrap_or(key),
                ),
            )
        };
    let near = crate::did_you_mean(key, names.iter().map(String::as_str));
    let list = if near.is_empty() {
        names.join(", ")
    } else {
        near.join(", ")
    };
    refused(
        flow,
        text!("{kind} {key}", "{kind} {key}"),
        Blocked {
            at: eid,
            code,
            reason: text!(
                "the scenario has no {kind} {key}",
                "시나리오에 {kind} {key}이(가) 없다"
            ),
            fix: if list.is_empty() {
                text!("add one to the scenario", "시나리오에 추가한다")
            } else {
                text!("use one of: {list}", "다음 중 하나를 쓴다: {list}")
            },
            cite: FIG4,
            field: Some(field.into()),
        },
    )
}

fn title(lb: &LoadBalancer, tg: Option<&TargetGroup>, who: &str, what: &Text) -> Text {
    let k = lb.kind.as_str();
    let t = tg.map_or("", |t| t.target_type.as_str());
    let (we, wk) = (&what.en, &what.ko);
    text!(
        "{who} → {we} ({k}, {t} targets) → pod",
        "{who} → {wk} ({k}, {t} 대상) → Pod"
    )
}

fn run(
    a: &Analysis,
    flow: String,
    lb: &LoadBalancer,
    tg: Option<usize>,
    client: Option<&str>,
    what: Text,
) -> Trace {
    let (caller, who) = match caller(a, client, &flow) {
        Ok(c) => c,
        Err(t) => return *t,
    };
    let group = tg.and_then(|t| lb.target_groups.get(t));
    let mut b = Builder::new(flow, title(lb, group, &who, &what));
    b.client_ip_preserved = group.map(|g| g.client_ip_preserved);
    let outcome = walk(&mut b, a, lb, group, &caller);
    b.finish(outcome)
}

fn origin(b: &mut Builder, a: &Analysis, c: &Caller, lb: &LoadBalancer) {
    let name = &lb.dns_name;
    let label = match c {
        Caller::Internet { eid, .. } | Caller::Subnet { eid, .. } | Caller::Network { eid, .. } => {
            let n = eid.as_str().trim_start_matches("client:");
            text!("client {n}", "클라이언트 {n}")
        }
    };
    let mut h = Hop::new(
        c.eid().clone(),
        Link::Origin,
        label,
        text!(
            "the client calls the load balancer by its DNS name {name}",
            "클라이언트는 로드 밸런서를 DNS 이름 {name}(으)로 부른다"
        ),
        FIG4,
    );
    h.src = Some(c.ip().to_string());
    b.push(match c {
        Caller::Internet { .. } => h.on_internet(),
        Caller::Network { .. } => h.outside(),
        Caller::Subnet { .. } => h,
    });
    let _ = a;
}

/// The load balancer node a client ends up at, and the target it forwards to.
fn choose<'t>(lb: &LoadBalancer, tg: &'t TargetGroup) -> Option<(usize, &'t Target)> {
    lb.nodes.iter().enumerate().find_map(|(k, n)| {
        tg.healthy()
            .find(|t| lb.cross_zone || t.az == n.az)
            .map(|t| (k, t))
    })
}

fn lb_block(lb: &LoadBalancer, p: &crate::lb::Problem) -> Box<Blocked> {
    Box::new(Blocked {
        at: lb.eid.clone(),
        code: p.code,
        reason: p.reason.clone(),
        fix: p.fix.clone(),
        cite: p.cite,
        field: p.field.clone(),
    })
}

fn walk(
    b: &mut Builder,
    a: &Analysis,
    lb: &LoadBalancer,
    tg: Option<&TargetGroup>,
    c: &Caller,
) -> Leg {
    let m = &a.model;
    origin(b, a, c, lb);
    if !lb.created {
        if let Some(p) = lb.problems.first() {
            return Err(lb_block(lb, p));
        }
    }
    let Some(tg) = tg else {
        return Err(Box::new(Blocked {
            at: lb.eid.clone(),
            code: "ingress-no-rules",
            reason: text!(
                "the load balancer has no rule that forwards this traffic to a target group",
                "로드 밸런서에 이 트래픽을 대상 그룹으로 넘기는 규칙이 없다"
            ),
            fix: text!(
                "add a rule: path / → a Service and port",
                "규칙을 더한다: 경로 / → Service와 포트"
            ),
            cite: FIG5,
            field: Some(lb.path.clone()),
        }));
    };
    let internet_facing = lb.scheme == Scheme::InternetFacing;
    let addr = |n: &LbNode| {
        if internet_facing {
            n.public_ip.unwrap_or(n.private_ip)
        } else {
            n.private_ip
        }
    };
    let addresses: Vec<String> = lb.nodes.iter().map(|n| addr(n).to_string()).collect();
    let chosen = choose(lb, tg);
    let node = chosen
        .and_then(|(k, _)| lb.nodes.get(k))
        .or_else(|| lb.nodes.first());
    let Some(node) = node else {
        return Err(lb_block(
            lb,
            lb.problems.first().unwrap_or(&crate::lb::Problem {
                code: "lb-no-subnet",
                reason: text!(
                    "the load balancer has no node in any subnet",
                    "로드 밸런서에 어느 서브넷에도 노드가 없다"
                ),
                fix: text!("give it subnets", "서브넷을 준다"),
                cite: DNS,
                field: Some(lb.path.clone()),
            }),
        ));
    };
    let lb_ip = addr(node);
    let port = lb
        .listeners
        .iter()
        .find(|l| {
            l.rules
                .iter()
                .any(|r| lb.target_groups.get(r.target_group) == Some(tg))
        })
        .map_or(80, |l| l.port);

    // 1. DNS.
    let scheme = lb.scheme.as_str();
    let (dns_at, via) = match c {
        Caller::Subnet { .. } => (
            ElementId::fixed(fixed::DNS_RESOLVER),
            text!("VPC resolver → public DNS", "VPC 리졸버 → 퍼블릭 DNS"),
        ),
        _ => (
            ElementId::fixed(fixed::DNS_PUBLIC),
            text!("public DNS", "퍼블릭 DNS"),
        ),
    };
    let (ve, vk) = (&via.en, &via.ko);
    let mut dns = Hop::new(
        dns_at.clone(),
        Link::Dns,
        text!("{ve} → load balancer addresses", "{vk} → 로드 밸런서 주소"),
        if internet_facing {
            text!(
                "the {scheme} load balancer's name answers with its nodes' public addresses, one per AZ",
                "{scheme} 로드 밸런서의 이름은 AZ마다 하나씩 노드의 퍼블릭 주소로 답한다"
            )
        } else {
            text!(
                "the internal load balancer's name is public, but it answers with its nodes' private addresses",
                "internal 로드 밸런서의 이름은 공개되어 있지만 노드의 프라이빗 주소로 답한다"
            )
        },
        DNS,
    )
    .with_dns(DnsAnswer {
        name: lb.dns_name.clone(),
        zone: Some(ElementId::fixed(fixed::DNS_PUBLIC)),
        addresses,
    });
    dns.src = Some(c.ip().to_string());
    if let Caller::Subnet { .. } = c {
        if !m.vpc.dns_support {
            b.push(dns);
            return Err(Box::new(Blocked {
                at: dns_at,
                code: "no-dns-answer",
                reason: text!(
                    "enableDnsSupport is off, so the VPC resolver does not answer and the load balancer's name does not resolve",
                    "enableDnsSupport가 꺼져 있어 VPC 리졸버가 답하지 않고 로드 밸런서 이름이 풀리지 않는다"
                ),
                fix: text!("set enableDnsSupport to true", "enableDnsSupport를 true로 바꾼다"),
                cite: Cite::new(Source::AwsDocs, "VPC and subnet requirements"),
                field: Some("/vpc/enableDnsSupport".into()),
            }));
        }
        b.push(dns);
    } else {
        b.push(dns.on_internet());
    }

    // 2. To the load balancer node.
    let lb_sub = m
        .subnets
        .get(node.subnet)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let priv_ip = node.private_ip;
    let mut seen_src = c.ip();
    match c {
        Caller::Internet { ip, .. } => {
            b.push(internet_hop(*ip, lb_ip, port));
            if !internet_facing {
                return Err(Box::new(Blocked {
                    at: ElementId::fixed(fixed::INTERNET),
                    code: "internal-lb-from-internet",
                    reason: text!(
                        "the load balancer is internal: its name gives the private address {lb_ip}, which has no route from the internet",
                        "로드 밸런서가 internal이다: 이름이 프라이빗 주소 {lb_ip}을(를) 주지만 인터넷에서는 그 주소로 가는 경로가 없다"
                    ),
                    fix: scheme_fix(lb),
                    cite: Cite::new(Source::S004, "2.2. ALB"),
                    field: Some(scheme_field(lb)),
                }));
            }
            b.push(igw_in(*ip, lb_ip, port, priv_ip, &lb_sub));
        }
        Caller::Network { network, ip, .. } => {
            let net = m.networks.get(*network);
            if internet_facing {
                let src = net.and_then(|n| n.public_ip);
                let shown = src.map_or("?".to_string(), |s| s.to_string());
                b.push(internet_hop_from(&shown, lb_ip, port));
                b.push(igw_in(&shown, lb_ip, port, priv_ip, &lb_sub));
                seen_src = src.unwrap_or(Ipv4Addr::UNSPECIFIED);
            } else {
                let name = net.map(|n| n.name.clone()).unwrap_or_default();
                let eid = net
                    .map(|n| n.eid.clone())
                    .unwrap_or_else(|| ElementId::network("?"));
                b.push(
                    Hop::new(
                        eid.clone(),
                        Link::Connection,
                        text!("connection from {name}", "{name}에서 오는 연결"),
                        text!(
                            "the connection carries traffic for the VPC's private addresses into the VPC",
                            "연결이 VPC의 프라이빗 주소로 가는 트래픽을 VPC 안으로 나른다"
                        ),
                        Cite::new(Source::S000, "Private endpoint only"),
                    )
                    .outside()
                    .packet(ip, format!("{lb_ip}:{port}")),
                );
                if net.is_some_and(|n| !n.routed) {
                    return Err(Box::new(Blocked {
                        at: eid,
                        code: "connection-not-routed",
                        reason: text!(
                            "the VPC's route tables have no route back to {name}, so the load balancer's answers never return",
                            "VPC 라우팅 테이블에 {name}(으)로 돌아가는 경로가 없어 로드 밸런서의 응답이 돌아오지 못한다"
                        ),
                        fix: text!(
                            "route {name}'s CIDRs to the connection in the VPC's route tables",
                            "VPC 라우팅 테이블에서 {name}의 CIDR을 연결로 보낸다"
                        ),
                        cite: Cite::new(Source::S000, "Private endpoint only"),
                        field: Some(format!("/connectedNetworks/{network}/routed")),
                    }));
                }
            }
        }
        Caller::Subnet {
            index, subnet, ip, ..
        } => {
            let pkt = Packet {
                src: *ip,
                dst: lb_ip,
                port,
            };
            if internet_facing {
                let client = m.clients.get(*index);
                let host = Host {
                    eid: c.eid().clone(),
                    subnet: *subnet,
                    ip: *ip,
                    public_ip: client.and_then(|x| x.public_ip),
                    groups: client.map_or(&[], |x| x.security_groups.as_slice()),
                    public_ip_field: format!("/clients/{index}/publicIp"),
                };
                let otherwise = text!(
                    "; or make the load balancer internal for clients in the VPC",
                    ". 또는 VPC 안의 클라이언트를 위해 로드 밸런서를 internal로 만든다"
                );
                let src = egress::egress(b, m, &host, pkt, &otherwise)?;
                let shown = src.map_or("?".to_string(), |s| s.to_string());
                let back = igw_in(&shown, lb_ip, port, priv_ip, &lb_sub);
                match b.last_mut() {
                    // Out through the internet gateway and straight back in.
                    Some(h) if h.at == back.at => {
                        h.why.en.push_str("; the packet turns around there: ");
                        h.why.en.push_str(&back.why.en);
                        h.why.ko.push_str(". 패킷은 그 자리에서 되돌아 들어온다: ");
                        h.why.ko.push_str(&back.why.ko);
                    }
                    _ => b.push(back),
                }
                seen_src = src.unwrap_or(Ipv4Addr::UNSPECIFIED);
            } else {
                b.push(subnet_route_hop(m, node.subnet, &pkt, text!(
                    "{lb_ip} is inside the VPC: the local route delivers it to the load balancer's node in {lb_sub}",
                    "{lb_ip}은(는) VPC 안의 주소다: 로컬 경로로 {lb_sub}의 로드 밸런서 노드에 바로 간다"
                )));
            }
        }
    }
    if let Some(p) = lb.problems.first() {
        return Err(lb_block(lb, p));
    }

    // 3. The load balancer and its target group.
    b.push(lb_hop(lb, tg, node, seen_src, lb_ip, port));
    let healthy = tg.healthy().count();
    let total = tg.targets.len();
    let hc = tg.health_check.display();
    let tname = &tg.name;
    let tg_hop = Hop::new(
        tg.eid.clone(),
        Link::LoadBalancer,
        text!("target group {tname}", "대상 그룹 {tname}"),
        text!(
            "health check {hc}: {healthy} of {total} targets healthy; only healthy targets get traffic",
            "헬스 체크 {hc}: 대상 {total}개 중 {healthy}개가 정상이며 정상 대상만 트래픽을 받는다"
        ),
        match tg.target_type {
            TargetType::Instance => FIG4,
            TargetType::Ip => Cite::new(Source::AwsDocs, "Elastic Load Balancing, target group health checks"),
        },
    );
    let Some((_, target)) = chosen else {
        b.push(tg_hop);
        let svc = a.lbs.services.get(tg.service);
        let code = svc.map_or("no-healthy-target", |s| no_healthy_code(s, tg));
        let why = tg
            .targets
            .first()
            .map(|t| t.health.why.clone())
            .unwrap_or_else(|| text!("no target is registered", "등록된 대상이 없다"));
        let (we, wk) = (&why.en, &why.ko);
        return Err(Box::new(Blocked {
            at: tg.eid.clone(),
            code,
            reason: text!(
                "no target of {tname} is healthy (e.g. {we}), so the load balancer has nowhere to send the request",
                "{tname}의 정상 대상이 없어(예: {wk}) 로드 밸런서가 요청을 보낼 곳이 없다"
            ),
            fix: match code {
                "local-no-ready-pod" => text!(
                    "run ready pods on EC2 nodes in the load balancer's AZs, or use externalTrafficPolicy: Cluster",
                    "로드 밸런서 AZ의 EC2 노드에 준비된 Pod를 두거나 externalTrafficPolicy: Cluster를 쓴다"
                ),
                "no-endpoints" => text!(
                    "run ready pods that the Service's selector matches",
                    "Service 셀렉터에 맞는 준비된 Pod를 실행한다"
                ),
                _ => text!(
                    "see each target's health in `eksnet lb`",
                    "`eksnet lb`에서 각 대상의 상태를 본다"
                ),
            },
            cite: FIG4,
            field: svc.map(|s| format!("/services/{}", s.index)),
        }));
    };
    b.push(tg_hop);

    // 4. To the target.
    let src = if tg.target_sees_client_ip {
        seen_src
    } else {
        priv_ip
    };
    let who = match lb.controller {
        Controller::InTree => text!("the in-tree cloud provider", "인트리 클라우드 공급자"),
        Controller::AwsLoadBalancerController => text!(
            "the AWS Load Balancer Controller",
            "AWS Load Balancer Controller"
        ),
    };
    match target.target {
        TargetRef::Pod { pod } => {
            let pkt = Packet {
                src,
                dst: target.ip,
                port: target.port,
            };
            let why = pod_sees(tg, src, seen_src);
            deliver(b, a, pkt, pod, Sg::Managed(who), why)
        }
        TargetRef::Node { node: n } => to_node(
            b,
            a,
            tg,
            n,
            Packet {
                src,
                dst: target.ip,
                port: target.port,
            },
            seen_src,
            who,
        ),
    }
}

fn pod_sees(tg: &TargetGroup, src: Ipv4Addr, client: Ipv4Addr) -> Text {
    if tg.client_ip_preserved {
        text!(
            "the pod sees the client's own address {client} as the source",
            "Pod는 클라이언트 자신의 주소 {client}을(를) 출발지로 본다"
        )
    } else {
        text!(
            "the pod sees {src} as the source, not the client's {client}",
            "Pod는 클라이언트의 {client}이(가) 아니라 {src}을(를) 출발지로 본다"
        )
    }
}

fn to_node(
    b: &mut Builder,
    a: &Analysis,
    tg: &TargetGroup,
    n: usize,
    pkt: Packet,
    client: Ipv4Addr,
    who: Text,
) -> Leg {
    let m = &a.model;
    let Some(node) = m.nodes.get(n) else {
        return Ok(());
    };
    let name = short(&node.name).to_string();
    let (nip, np) = (node.private_ip, pkt.port);
    b.push(subnet_route_hop(
        m,
        node.subnet,
        &pkt,
        text!(
            "{nip} is inside the VPC: the local route delivers it to the node",
            "{nip}은(는) VPC 안의 주소다: 로컬 경로로 노드에 바로 간다"
        ),
    ));
    let groups = node_groups(a, n);
    if let Some(first) = groups.first().and_then(|&g| m.security_groups.get(g)) {
        let names = super::security::names(m, groups);
        let (we, wk) = (&who.en, &who.ko);
        b.push(
            Hop::new(
                ElementId::security_group(&first.group_id),
                Link::SecurityGroup,
                text!("security groups {names}", "보안 그룹 {names}"),
                text!(
                    "{we} adds an inbound rule to {names} that admits the load balancer on NodePort {np}",
                    "{wk}이(가) {names}에 로드 밸런서의 NodePort {np}을(를) 허용하는 인바운드 규칙을 더한다"
                ),
                Cite::new(Source::AwsDocs, "AWS Load Balancer Controller, security groups"),
            )
            .packet(pkt.src, pkt.to()),
        );
    }
    b.push(
        Hop::new(
            ElementId::node_eni(&node.name, 0),
            Link::NodeEni,
            text!("eth0 of {name} ({nip}), NodePort {np}", "{name}의 eth0 ({nip}), NodePort {np}"),
            text!(
                "instance targets: the load balancer sends to the Service's NodePort on the node's primary IP",
                "인스턴스 대상: 로드 밸런서가 노드 기본 IP의 Service NodePort로 보낸다"
            ),
            FIG4,
        )
        .packet(pkt.src, pkt.to()),
    );
    let Some(svc) = a.lbs.services.get(tg.service) else {
        return Ok(());
    };
    let local = svc.external_traffic_policy == TrafficPolicy::Local;
    let backend = if local {
        svc.ready_endpoints().find(|e| e.node == Some(n))
    } else {
        svc.ready_endpoints().next()
    };
    let Some(e) = backend else {
        return Err(super::pods::no_endpoints(svc));
    };
    let tport = svc
        .port(tg.service_port)
        .map_or(pkt.port, |p| p.target_port);
    let dst = e.ip;
    let (src, why) = if local {
        (
            pkt.src,
            text!(
                "Local: kube-proxy's NodePort rule sends only to a ready pod on this node, {dst}:{tport} (DNAT), and keeps the source",
                "Local: kube-proxy의 NodePort 규칙이 이 노드의 준비된 Pod {dst}:{tport}(으)로만 보내며(DNAT) 출발지를 그대로 둔다"
            ),
        )
    } else {
        let other = e.node != Some(n);
        let where_ = if other {
            let on = e
                .node
                .and_then(|k| m.nodes.get(k))
                .map_or("Fargate".to_string(), |x| short(&x.name).to_string());
            text!(" on another node ({on})", " 다른 노드({on})에 있는")
        } else {
            Text::default()
        };
        let (oe, ok) = (&where_.en, &where_.ko);
        (
            nip,
            text!(
                "Cluster: kube-proxy's NodePort rule picks any ready pod, here {dst}:{tport}{oe} (DNAT), and rewrites the source to the node's IP {nip} (SNAT), so the reply comes back through this node",
                "Cluster: kube-proxy의 NodePort 규칙이 아무 준비된 Pod나 고른다. 여기서는{ok} {dst}:{tport}(DNAT). 응답이 이 노드로 돌아오도록 출발지를 노드 IP {nip}(으)로 바꾼다(SNAT)"
            ),
        )
    };
    b.push(
        Hop::new(
            node.eid.clone(),
            Link::KubeProxy,
            text!(
                "kube-proxy on {name}: NodePort {np}",
                "{name}의 kube-proxy: NodePort {np}"
            ),
            why,
            if local { FIG4 } else { SNAT },
        )
        .packet(src, format!("{dst}:{tport}")),
    );
    let pkt2 = Packet {
        src,
        dst,
        port: tport,
    };
    let why_pod = if tg.client_ip_preserved {
        text!(
            "the pod sees the client's own address {client} as the source",
            "Pod는 클라이언트 자신의 주소 {client}을(를) 출발지로 본다"
        )
    } else {
        text!(
            "the pod sees {src} as the source, not the client's {client}",
            "Pod는 클라이언트의 {client}이(가) 아니라 {src}을(를) 출발지로 본다"
        )
    };
    if e.node == Some(n) {
        let (eid, pname) = a
            .ipam
            .pods
            .get(e.pod)
            .map(|p| (p.eid(), p.name.clone()))
            .unwrap_or_else(|| (e.eid.clone(), String::new()));
        b.push(
            Hop::new(
                eid,
                Link::Pod,
                text!("pod {pname} :{tport}", "Pod {pname} :{tport}"),
                why_pod,
                Cite::new(Source::S004, "figure 3"),
            )
            .packet(src, format!("{dst}:{tport}")),
        );
        return Ok(());
    }
    let from_groups = node_groups(a, n);
    deliver(b, a, pkt2, e.pod, Sg::Evaluate { from_groups }, why_pod)
}

fn internet_hop(src: impl std::fmt::Display, dst: Ipv4Addr, port: u16) -> Hop {
    Hop::new(
        ElementId::fixed(fixed::INTERNET),
        Link::Internet,
        text!("public internet", "퍼블릭 인터넷"),
        text!(
            "the request crosses the public internet to the load balancer's address",
            "요청이 퍼블릭 인터넷을 건너 로드 밸런서 주소로 간다"
        ),
        FIG4,
    )
    .on_internet()
    .packet(src, format!("{dst}:{port}"))
}

fn internet_hop_from(src: &str, dst: Ipv4Addr, port: u16) -> Hop {
    internet_hop(src, dst, port)
}

fn igw_in(
    src: impl std::fmt::Display,
    dst: Ipv4Addr,
    port: u16,
    private: Ipv4Addr,
    subnet: &str,
) -> Hop {
    Hop::new(
        ElementId::fixed(fixed::IGW),
        Link::InternetGateway,
        text!("internet gateway", "인터넷 게이트웨이"),
        text!(
            "the internet gateway maps the load balancer's public address {dst} to its node's private address {private} in the public subnet {subnet}",
            "인터넷 게이트웨이가 로드 밸런서의 퍼블릭 주소 {dst}을(를) 퍼블릭 서브넷 {subnet}에 있는 노드의 프라이빗 주소 {private}(으)로 바꾼다"
        ),
        Cite::new(Source::S003, "EKS Networking"),
    )
    .outside()
    .packet(src, format!("{dst}:{port}"))
}

fn lb_hop(
    lb: &LoadBalancer,
    tg: &TargetGroup,
    node: &LbNode,
    src: Ipv4Addr,
    ip: Ipv4Addr,
    port: u16,
) -> Hop {
    let k = lb.kind.as_str();
    let az = &node.az;
    let tname = &tg.name;
    let what = match (lb.kind, tg.target_type) {
        (LbKind::Clb, _) => text!(
            "the CLB accepts the TCP connection and opens its own to a registered node: the client's address stays behind",
            "CLB가 TCP 연결을 받고 등록된 노드로 자기 연결을 새로 연다: 클라이언트 주소는 여기서 끝난다"
        ),
        (LbKind::Nlb, TargetType::Instance) => text!(
            "the NLB forwards the packet to a node, keeping the client's address (instance targets preserve it)",
            "NLB가 패킷을 노드로 넘기며 클라이언트 주소를 유지한다(인스턴스 대상은 보존한다)"
        ),
        (LbKind::Nlb, TargetType::Ip) if tg.target_sees_client_ip => text!(
            "the NLB forwards to the pod's IP and keeps the client's address (client IP preservation is on)",
            "NLB가 Pod IP로 넘기며 클라이언트 주소를 유지한다(클라이언트 IP 보존이 켜져 있다)"
        ),
        (LbKind::Nlb, TargetType::Ip) => text!(
            "the NLB forwards to the pod's IP from its own private address: client IP preservation is off by default for IP targets over TCP",
            "NLB가 자기 프라이빗 주소에서 Pod IP로 넘긴다: TCP의 IP 대상은 클라이언트 IP 보존이 기본으로 꺼져 있다"
        ),
        (LbKind::Alb, _) => text!(
            "the ALB ends the HTTP connection, matches the listener rule and opens its own connection to the target; the client's address travels only in X-Forwarded-For",
            "ALB가 HTTP 연결을 끝내고 리스너 규칙을 맞춘 뒤 대상으로 자기 연결을 연다. 클라이언트 주소는 X-Forwarded-For 헤더로만 전해진다"
        ),
    };
    let (we, wk) = (&what.en, &what.ko);
    let mut why = text!(
        "{k} node in {az}, listener {port} → target group {tname}: {we}",
        "{az}의 {k} 노드, 리스너 {port} → 대상 그룹 {tname}: {wk}"
    );
    for n in &lb.notes {
        why.en.push_str(". ");
        why.en.push_str(&n.en);
        why.ko.push_str(". ");
        why.ko.push_str(&n.ko);
    }
    let name = &lb.name;
    Hop::new(
        lb.eid.clone(),
        Link::LoadBalancer,
        text!("{k} {name}", "{k} {name}"),
        why,
        match lb.kind {
            LbKind::Alb => FIG5,
            LbKind::Nlb => CLIENT_IP,
            LbKind::Clb => FIG4,
        },
    )
    .packet(src, format!("{ip}:{port}"))
}

fn scheme_field(lb: &LoadBalancer) -> String {
    let key = match (lb.kind, lb.controller) {
        (LbKind::Alb, _) => crate::lb::keys::ALB_SCHEME,
        (_, Controller::InTree) => crate::lb::keys::INTERNAL,
        (_, Controller::AwsLoadBalancerController) => crate::lb::keys::SCHEME,
    };
    format!(
        "{}/annotations/{}",
        lb.path,
        key.replace('~', "~0").replace('/', "~1")
    )
}

fn scheme_fix(lb: &LoadBalancer) -> Text {
    match (lb.kind, lb.controller) {
        (LbKind::Alb, _) => text!(
            "set alb.ingress.kubernetes.io/scheme: internet-facing (the ALB then sits in public subnets), or call it from the VPC or a connected network",
            "alb.ingress.kubernetes.io/scheme: internet-facing을 둔다(ALB가 퍼블릭 서브넷에 놓인다). 또는 VPC나 연결된 네트워크에서 호출한다"
        ),
        (_, Controller::InTree) => text!(
            "remove service.beta.kubernetes.io/aws-load-balancer-internal, or call it from the VPC or a connected network",
            "service.beta.kubernetes.io/aws-load-balancer-internal을 지운다. 또는 VPC나 연결된 네트워크에서 호출한다"
        ),
        (_, Controller::AwsLoadBalancerController) => text!(
            "set service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing (the controller's default is internal), or call it from the VPC or a connected network",
            "service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing을 둔다(컨트롤러 기본값은 internal). 또는 VPC나 연결된 네트워크에서 호출한다"
        ),
    }
}
