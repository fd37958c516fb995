//! Reaching a load balancer node: the DNS answer (public addresses for an
//! internet-facing load balancer, private ones for an internal one), then the way
//! in: from the internet through the internet gateway, from the VPC by the local
//! route (internal) or out and back in through the internet gateway
//! (internet-facing), from a connected network through the connection (internal)
//! or its own internet access (internet-facing). Source 004 §2; source 003
//! ("EKS Networking": public subnets hold the ELBs).

use std::net::Ipv4Addr;

use super::builder::{Blocked, Builder, Leg, Packet};
use super::route::Host;
use super::{egress, fabric};
use super::{DnsAnswer, Hop, Link};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::ids::{fixed, ElementId};
use crate::lb::{Controller, LbKind, LbNode, LoadBalancer, Scheme};
use crate::model::fabric::{EPHEMERAL_ANY, EPHEMERAL_LINUX};
use crate::{text, Analysis, Model, Text};

const FIG4: Cite = Cite::new(Source::S004, "figure 4");
const DNS: Cite = Cite::new(Source::AwsDocs, "Elastic Load Balancing, DNS name");

/// Who calls.
pub(super) enum Caller {
    // An internet client.
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
    pub(super) fn eid(&self) -> &ElementId {
        match self {
            Caller::Internet { eid, .. }
            | Caller::Subnet { eid, .. }
            | Caller::Network { eid, .. } => eid,
        }
    }
    pub(super) fn ip(&self) -> Ipv4Addr {
        match self {
            Caller::Internet { ip, .. }
            | Caller::Subnet { ip, .. }
            | Caller::Network { ip, .. } => *ip,
        }
    }
}

/// The client as the load balancer sees it: its source address, and the ephemeral
/// ports its replies go back to.
pub(super) type Seen = (Ipv4Addr, (u16, u16));

/// From the caller to load balancer node `node` at `lb_ip:port`: the DNS hop and
/// the way in. Returns the source address the load balancer sees and the client's
/// ephemeral ports.
pub(super) fn arrive(
    b: &mut Builder,
    a: &Analysis,
    lb: &LoadBalancer,
    node: &LbNode,
    c: &Caller,
    lb_ip: Ipv4Addr,
    port: u16,
) -> Leg<Seen> {
    resolve(b, &a.model, lb, c)?;
    enter(b, &a.model, lb, node, c, (lb_ip, port))
}

/// The DNS hop of [`arrive`]: the caller resolves the load balancer's name (inside
/// the VPC, through the VPC resolver, which must be on).
fn resolve(b: &mut Builder, m: &Model, lb: &LoadBalancer, c: &Caller) -> Leg {
    let internet_facing = lb.scheme == Scheme::InternetFacing;
    let addresses: Vec<String> = lb
        .nodes
        .iter()
        .map(|n| {
            if internet_facing {
                n.public_ip.unwrap_or(n.private_ip)
            } else {
                n.private_ip
            }
            .to_string()
        })
        .collect();
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
                code: Code::NoDnsAnswer,
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

    Ok(())
}

/// The way in of [`arrive`]: from the caller to load balancer node `node` at
/// `to` (`lb_ip`, `port`). Returns what the load balancer sees of the client.
fn enter(
    b: &mut Builder,
    m: &Model,
    lb: &LoadBalancer,
    node: &LbNode,
    c: &Caller,
    to: (Ipv4Addr, u16),
) -> Leg<Seen> {
    let (lb_ip, port) = to;
    let internet_facing = lb.scheme == Scheme::InternetFacing;
    let lb_sub = m
        .subnets
        .get(node.subnet)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let priv_ip = node.private_ip;
    let mut seen_src = c.ip();
    // Clients of unknown make answer on any port from 1024 (AWS recommends ACLs
    // allow 1024-65535 to them); a host of the VPC is a Linux one, as nodes are.
    let mut ports = EPHEMERAL_ANY;
    match c {
        Caller::Internet { ip, .. } => {
            b.push(internet_hop(*ip, lb_ip, port));
            if !internet_facing {
                return Err(Box::new(Blocked {
                    at: ElementId::fixed(fixed::INTERNET),
                    code: Code::InternalLbFromInternet,
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
            into_lb_subnet(b, m, None, node, (*ip, port), EPHEMERAL_ANY)?;
        }
        Caller::Network { network, ip, .. } => {
            let net = m.networks.get(*network);
            if internet_facing {
                let src = net.and_then(|n| n.public_ip);
                let shown = src.map_or("?".to_string(), |s| s.to_string());
                b.push(internet_hop_from(&shown, lb_ip, port));
                b.push(igw_in(&shown, lb_ip, port, priv_ip, &lb_sub));
                seen_src = src.unwrap_or(Ipv4Addr::UNSPECIFIED);
                into_lb_subnet(b, m, None, node, (seen_src, port), EPHEMERAL_ANY)?;
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
                        code: Code::ConnectionNotRouted,
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
                into_lb_subnet(b, m, None, node, (*ip, port), EPHEMERAL_ANY)?;
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
                into_lb_subnet(b, m, None, node, (seen_src, port), EPHEMERAL_ANY)?;
            } else {
                // The client's subnet's table routes it.
                let way = (Some(*subnet), node.subnet);
                fabric::route_from(b, m, way, &pkt, text!(
                    "{lb_ip} is inside the VPC: the local route delivers it to the load balancer's node in {lb_sub}",
                    "{lb_ip}은(는) VPC 안의 주소다: 로컬 경로로 {lb_sub}의 로드 밸런서 노드에 바로 간다"
                ))?;
                ports = EPHEMERAL_LINUX;
                into_lb_subnet(b, m, Some(*subnet), node, (*ip, port), ports)?;
                fabric::enter(b, m, way, &pkt);
            }
        }
    }
    Ok((seen_src, ports))
}

/// The request to the listener entering the load balancer's subnet: from subnet
/// `from` (`None`: from outside the VPC, through the internet gateway or a
/// connection), `src` being the address the load balancer node sees and `reply` the
/// client's ephemeral ports its answers go back to. Stateless network ACLs check
/// both: the load balancer subnet's inbound rules for the listener port, its
/// outbound rules for the replies (the ELB guide's recommended ACL rules for a load
/// balancer's subnets: listener in from the clients, 1024-65535 out to them).
fn into_lb_subnet(
    b: &mut Builder,
    m: &Model,
    from: Option<usize>,
    node: &LbNode,
    (src, port): (Ipv4Addr, u16),
    reply: (u16, u16),
) -> Leg {
    let pkt = Packet {
        src,
        dst: node.private_ip,
        port,
    };
    let to = (from, Some(node.subnet));
    fabric::cross_cited(b, m, to, pkt, reply, fabric::ELB_ACL_CITES)
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
