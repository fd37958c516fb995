//! Control-plane flows: kubectl → API server, kubelet → API server, API server →
//! kubelet (exec, logs, attach, port-forward) and API server → admission webhooks.
//!
//! What the sources say, and what the traces show (000, 001, 002):
//!
//! - Everyone reaches the API server by the endpoint's DNS name, so each trace
//!   towards it starts with a DNS hop ([`crate::dns`]).
//! - Public endpoint only: the name gives the NLB's public addresses; traffic from the
//!   VPC leaves through an internet gateway (with a public IP) or a NAT gateway, stays
//!   on Amazon's network, and meets `publicAccessCidrs` at the NLB.
//! - Public + private: inside the VPC the private hosted zone gives the EKS-owned
//!   ENIs, and traffic never leaves the VPC; the internet still uses the NLB.
//! - Private only: the name gives the ENIs' private addresses to everyone; only the
//!   VPC and connected networks have a route to them.
//! - API server → kubelet always enters the VPC through an EKS-owned ENI, in every
//!   mode, and must pass the node's security groups on port 10250.

use std::net::Ipv4Addr;

use super::builder::{Blocked, Builder, Leg, Packet};
use super::egress;
use super::fabric;
use super::route::{self, eni_receiver, Host};
use super::security::Peer;
use super::{Hop, Link, Trace};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::dns::{self, Answer, Asker, Resolution};
use crate::ids::{fixed, ElementId};
use crate::model::{ClientAt, Model};
use crate::text;
use crate::Text;

/// Port of the API server's endpoint.
pub const API_PORT: u16 = 443;
/// Port of the kubelet API.
pub const KUBELET_PORT: u16 = 10250;
/// Webhook port assumed when no workload names one.
pub const DEFAULT_WEBHOOK_PORT: u16 = 443;

const BOOT: Cite = Cite::new(Source::S000, "EKS Cluster Architecture");
const API_TO_KUBELET: Cite = Cite::new(Source::S002, "2. API 서버 → kubelet 통신");

/// The DNS hop for `r`, asked from `from`.
pub(crate) fn dns_hop(r: &Resolution, from: Option<Ipv4Addr>) -> Hop {
    let mut h = Hop::new(
        r.at.clone(),
        Link::Dns,
        r.label.clone(),
        r.why.clone(),
        r.cite,
    )
    .with_dns(r.dns.clone());
    h.src = from.map(|ip| ip.to_string());
    h.dst = r.resolver_ip.as_ref().map(|ip| format!("{ip}:53"));
    h
}

/// Stops at the DNS hop when there is no answer.
pub(crate) fn dns_answered(r: &Resolution) -> Leg {
    match &r.failure {
        None => Ok(()),
        Some(f) => Err(Box::new(Blocked {
            at: r.at.clone(),
            code: Code::NoDnsAnswer,
            reason: f.reason.clone(),
            fix: f.fix.clone(),
            cite: r.cite,
            field: f.field.clone(),
        })),
    }
}

fn origin(at: ElementId, label: Text, src: Ipv4Addr, why: Text, cite: Cite) -> Hop {
    let mut h = Hop::new(at, Link::Origin, label, why, cite);
    h.src = Some(src.to_string());
    h
}

/// The node's short name: `ip-192-168-46-6`.
pub(crate) fn short(name: &str) -> &str {
    crate::model::names::short_node_name(name)
}

/// The host view of node `n`.
pub(crate) fn node_host(m: &Model, n: usize) -> Option<Host<'_>> {
    let node = m.nodes.get(n)?;
    let groups = m
        .node_groups
        .get(node.group)
        .map(|g| g.security_groups.as_slice())
        .unwrap_or(&[]);
    Some(Host {
        eid: node.eid.clone(),
        subnet: node.subnet,
        ip: node.private_ip,
        public_ip: node.public_ip,
        groups,
        public_ip_field: format!("/nodeGroups/{}/associatePublicIpAddress", node.group),
    })
}

/// From an instance in the VPC to the API server, by the endpoint's name.
fn host_to_api(b: &mut Builder, m: &Model, host: &Host<'_>, nodes: bool) -> Leg {
    let r = dns::resolve_endpoint(m, Asker::Vpc);
    b.push(dns_hop(&r, Some(host.ip)));
    dns_answered(&r)?;
    match r.answer {
        Answer::Enis => {
            let eni = route::pick_eni(m, Some(host.subnet)).ok_or_else(|| no_enis(&r.at))?;
            let pkt = Packet {
                src: host.ip,
                dst: eni.ip,
                port: API_PORT,
            };
            route::host_to_enis(b, m, host, eni, pkt)
        }
        Answer::Nlb | Answer::None => {
            let nlb = m
                .cluster
                .nlb_public_ips
                .first()
                .copied()
                .unwrap_or(Ipv4Addr::UNSPECIFIED);
            let pkt = Packet {
                src: host.ip,
                dst: nlb,
                port: API_PORT,
            };
            let otherwise = if m.cluster.endpoint.private() {
                text!(
                    "; or let the VPC resolver answer from the private hosted zone, so that in-VPC traffic uses the EKS-owned ENIs",
                    ". 또는 VPC 리졸버가 프라이빗 호스팅 영역으로 답하게 해 VPC 안의 트래픽이 EKS 소유 ENI를 쓰게 한다"
                )
            } else {
                text!(
                    "; or turn on endpointPrivateAccess, so that in-VPC traffic uses the EKS-owned ENIs",
                    ". 또는 endpointPrivateAccess를 켜 VPC 안의 트래픽이 EKS 소유 ENI를 쓰게 한다"
                )
            };
            let src = egress::egress(b, m, host, pkt, &otherwise)?;
            route::via_nlb(b, m, src, pkt, false, nodes)
        }
    }
}

pub(crate) fn no_enis(at: &ElementId) -> Blocked {
    Blocked {
        at: at.clone(),
        code: Code::NoEksEni,
        reason: text!(
            "EKS has no ENI in the VPC: the cluster has no usable subnet",
            "VPC에 EKS 소유 ENI가 없다: 클러스터에 쓸 수 있는 서브넷이 없다"
        ),
        fix: text!(
            "give the cluster at least two subnets in different AZs (subnetIds)",
            "서로 다른 AZ의 서브넷 2개 이상을 클러스터에 지정한다(subnetIds)"
        ),
        cite: Cite::new(
            Source::S001,
            "사용자 VPC 구성시 서브넷 조건은 멀티 AZ가 필수",
        ),
        field: Some("/cluster/resourcesVpcConfig/subnetIds".into()),
    }
}

/// `kubectl:<client>`.
pub(crate) fn kubectl(m: &Model, flow: String, c: usize) -> Trace {
    let Some(client) = m.clients.get(c) else {
        return super::unknown_client(m, flow, &c.to_string());
    };
    let name = &client.name;
    let mut b = Builder::new(
        flow,
        text!(
            "kubectl on {name} → API server",
            "{name}의 kubectl → API 서버"
        ),
    );
    let why = text!(
        "kubectl reaches the API server only by the endpoint's DNS name",
        "kubectl은 엔드포인트의 DNS 이름으로만 API 서버에 닿는다"
    );
    let cite = Cite::new(Source::S001, "EKS 엔드포인트");
    let label = text!("kubectl on {name}", "{name}의 kubectl");
    let outcome = match client.at {
        ClientAt::Internet { ip } => {
            b.push(origin(client.eid.clone(), label, ip, why, cite).on_internet());
            from_internet(&mut b, m, ip)
        }
        ClientAt::Subnet { subnet, ip } => {
            b.push(origin(client.eid.clone(), label, ip, why, cite));
            let host = Host {
                eid: client.eid.clone(),
                subnet,
                ip,
                public_ip: client.public_ip,
                groups: &client.security_groups,
                public_ip_field: format!("/clients/{c}/publicIp"),
            };
            host_to_api(&mut b, m, &host, false)
        }
        ClientAt::Network { network, ip } => {
            b.push(origin(client.eid.clone(), label, ip, why, cite).outside());
            from_network(&mut b, m, network, ip)
        }
        ClientAt::Unknown => Err(Box::new(Blocked {
            at: client.eid.clone(),
            code: Code::ClientLocationInvalid,
            reason: text!(
                "where {name} is could not be understood (see the scenario's diagnostics)",
                "{name}의 위치를 알 수 없다(시나리오 진단을 본다)"
            ),
            fix: text!(
                "fix the client's location: a valid source IP, subnet or connected network",
                "클라이언트 위치를 고친다: 올바른 출발지 IP, 서브넷 또는 연결된 네트워크"
            ),
            cite: Cite::new(Source::AwsDocs, "API reference"),
            field: Some(format!("/clients/{c}/location")),
        })),
    };
    b.finish(outcome)
}

fn from_internet(b: &mut Builder, m: &Model, ip: Ipv4Addr) -> Leg {
    let r = dns::resolve_endpoint(m, Asker::Internet);
    b.push(dns_hop(&r, Some(ip)).on_internet());
    dns_answered(&r)?;
    let dst = r
        .dns
        .addresses
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(Ipv4Addr::UNSPECIFIED);
    let pkt = Packet {
        src: ip,
        dst,
        port: API_PORT,
    };
    let hop = Hop::new(
        ElementId::fixed(fixed::INTERNET),
        Link::Internet,
        text!("public internet", "퍼블릭 인터넷"),
        text!(
            "the request crosses the public internet to the endpoint's address",
            "요청이 퍼블릭 인터넷을 건너 엔드포인트 주소로 간다"
        ),
        Cite::new(Source::S002, "1. kubectl → API 서버 통신"),
    )
    .on_internet()
    .packet(ip, pkt.to());
    b.push(hop);
    if r.answer == Answer::Enis {
        return Err(Box::new(Blocked {
            at: ElementId::fixed(fixed::INTERNET),
            code: Code::NoPublicEndpoint,
            reason: text!(
                "the endpoint is private only: its name gives the EKS-owned ENIs' private address {dst}, which has no route from the internet",
                "엔드포인트가 프라이빗 전용이다: 도메인이 EKS 소유 ENI의 프라이빗 주소 {dst}을(를) 주지만 인터넷에서는 그 주소로 가는 경로가 없다"
            ),
            fix: text!(
                "run kubectl from the VPC (a bastion) or a connected network, or turn on endpointPublicAccess limited by publicAccessCidrs",
                "kubectl을 VPC 안(배스천)이나 연결된 네트워크에서 실행하거나, endpointPublicAccess를 켜고 publicAccessCidrs로 제한한다"
            ),
            cite: Cite::new(Source::S000, "Private endpoint only"),
            field: Some("/cluster/resourcesVpcConfig/endpointPublicAccess".into()),
        }));
    }
    route::via_nlb(b, m, Some(ip), pkt, true, false)
}

fn from_network(b: &mut Builder, m: &Model, k: usize, ip: Ipv4Addr) -> Leg {
    let r = dns::resolve_endpoint(m, Asker::Network(k));
    b.push(dns_hop(&r, Some(ip)).outside());
    dns_answered(&r)?;
    let Some(net) = m.networks.get(k) else {
        return Ok(());
    };
    if r.answer == Answer::Nlb {
        // The network's own internet access, not the VPC, carries the request.
        let src = net.public_ip;
        let dst = m
            .cluster
            .nlb_public_ips
            .first()
            .copied()
            .unwrap_or(Ipv4Addr::UNSPECIFIED);
        let pkt = Packet {
            src: ip,
            dst,
            port: API_PORT,
        };
        let shown = src.map(|s| s.to_string()).unwrap_or_else(|| "?".into());
        let name = &net.name;
        b.push(
            Hop::new(
                ElementId::fixed(fixed::INTERNET),
                Link::Internet,
                text!("public internet", "퍼블릭 인터넷"),
                text!(
                    "with a public answer, {name} sends the request out through its own internet access, not through the connection to the VPC",
                    "퍼블릭 응답을 받았으므로 {name}은(는) VPC 연결이 아니라 자체 인터넷 회선으로 요청을 내보낸다"
                ),
                Cite::new(Source::AwsDocs, "Cluster API server endpoint"),
            )
            .on_internet()
            .packet(shown, pkt.to()),
        );
        return route::via_nlb(b, m, src, pkt, true, false);
    }
    let eni = route::pick_eni(m, None).ok_or_else(|| no_enis(&r.at))?;
    let pkt = Packet {
        src: ip,
        dst: eni.ip,
        port: API_PORT,
    };
    let name = &net.name;
    let kind = format!("{:?}", net.kind);
    let hop = Hop::new(
        net.eid.clone(),
        Link::Connection,
        text!("{name} ({kind})", "{name} ({kind})"),
        text!(
            "the connection ({kind}) carries traffic for the VPC's private addresses into the VPC",
            "연결({kind})이 VPC의 프라이빗 주소로 가는 트래픽을 VPC 안으로 나른다"
        ),
        Cite::new(Source::S000, "Private endpoint only"),
    )
    .outside()
    .packet(ip, pkt.to());
    b.push(hop);
    let given = m.route_table_of(eni.subnet).filter(|t| !t.implied);
    if given.is_some() {
        // The route tables are given: the ENI subnet's table decides the way back.
        fabric::return_route(b, m, eni.subnet, ip, pkt, k)?;
        let reply = crate::model::fabric::EPHEMERAL_ANY;
        fabric::cross(b, m, None, Some(eni.subnet), pkt, reply)?;
    } else if !net.routed {
        return Err(Box::new(Blocked {
            at: net.eid.clone(),
            code: Code::NoRouteToPrivateEndpoint,
            reason: text!(
                "the VPC's route tables have no route back to {name}, so the EKS-owned ENIs' replies never return",
                "VPC 라우팅 테이블에 {name}(으)로 돌아가는 경로가 없어 EKS 소유 ENI의 응답이 돌아오지 못한다"
            ),
            fix: text!(
                "route {name}'s CIDRs to the connection in the cluster subnets' route tables",
                "클러스터 서브넷의 라우팅 테이블에서 {name}의 CIDR을 연결로 보낸다"
            ),
            cite: Cite::new(Source::S000, "Private endpoint only"),
            field: Some(format!("/connectedNetworks/{k}/routed")),
        }));
    }
    let cidr = net
        .cidrs
        .iter()
        .find(|c| c.contains(&std::net::IpAddr::V4(ip)))
        .map(|c| c.to_string());
    let eni_groups = m.eks_eni_security_groups();
    route::sg_ingress(
        b,
        m,
        &eni_groups,
        pkt,
        &Peer { ip, groups: &[] },
        cidr,
        &eni_receiver(),
    )?;
    b.push(route::eks_eni_hop(m, eni, &pkt, true));
    route::api_server(
        b,
        ip,
        pkt.to(),
        text!(
            "from a connected network the private endpoint is reached through the VPC, never the internet",
            "연결된 네트워크에서는 인터넷이 아니라 VPC를 거쳐 프라이빗 엔드포인트에 닿는다"
        ),
        Cite::new(Source::S000, "Private endpoint only"),
    );
    Ok(())
}

/// `kubelet:<node>`.
pub(crate) fn kubelet(m: &Model, flow: String, n: usize) -> Trace {
    let (Some(host), Some(node)) = (node_host(m, n), m.nodes.get(n)) else {
        return super::unknown_node(m, flow, &n.to_string());
    };
    let name = short(&node.name).to_string();
    let mut b = Builder::new(
        flow,
        text!(
            "kubelet on {name} → API server (registration, heartbeats)",
            "{name}의 kubelet → API 서버 (노드 등록, 하트비트)"
        ),
    );
    b.push(origin(
        host.eid.clone(),
        text!("kubelet on {name}", "{name}의 kubelet"),
        host.ip,
        text!(
            "the instance boots and starts kubelet, which registers the node with the cluster endpoint and then sends status and heartbeats",
            "인스턴스가 부팅하며 kubelet을 띄우고, kubelet은 클러스터 엔드포인트에 노드를 등록한 뒤 상태와 하트비트를 보낸다"
        ),
        BOOT,
    ));
    let outcome = host_to_api(&mut b, m, &host, true).map_err(|mut e| {
        e.reason
            .en
            .push_str(". The node never registers, so no pod can run on it");
        e.reason
            .ko
            .push_str(". 노드가 등록되지 못해 그 위에서 어떤 Pod도 실행할 수 없다");
        e
    });
    b.finish(outcome)
}

/// API server → a node on `port` (`exec` on 10250, or a webhook pod's port).
fn api_to_node(b: &mut Builder, m: &Model, n: usize, port: u16, webhook: bool) -> Leg {
    let Some(node) = m.nodes.get(n) else {
        return Ok(());
    };
    let groups = m
        .node_groups
        .get(node.group)
        .map(|g| g.security_groups.as_slice())
        .unwrap_or(&[]);
    b.push(
        Hop::new(
            ElementId::fixed(fixed::API_SERVER),
            Link::ApiServer,
            text!("kube-apiserver", "kube-apiserver"),
            if webhook {
                text!(
                    "an API request needs the admission webhook's answer: the API server calls the webhook pod on port {port}",
                    "API 요청에 어드미션 웹훅의 답이 필요하다: API 서버가 포트 {port}(으)로 웹훅 Pod를 부른다"
                )
            } else {
                text!(
                    "kubectl exec, logs, attach and port-forward: the API server opens a connection to the kubelet API on port {port}",
                    "kubectl exec, logs, attach, port-forward: API 서버가 포트 {port}의 kubelet API로 연결을 연다"
                )
            },
            API_TO_KUBELET,
        )
        .outside(),
    );
    let eni = route::pick_eni(m, Some(node.subnet))
        .ok_or_else(|| no_enis(&ElementId::fixed(fixed::API_SERVER)))?;
    let pkt = Packet {
        src: eni.ip,
        dst: node.private_ip,
        port,
    };
    b.push(route::eks_eni_hop(m, eni, &pkt, false));
    let eni_groups = m.eks_eni_security_groups();
    route::sg_egress(
        b,
        m,
        &eni_groups,
        pkt,
        &Peer {
            ip: node.private_ip,
            groups,
        },
    )?;
    let ip = node.private_ip;
    // The ENI's subnet's table routes the packet (its local route).
    let way = (Some(eni.subnet), node.subnet);
    fabric::route_from(
        b,
        m,
        way,
        &pkt,
        text!(
            "{ip} is inside the VPC: the local route delivers it",
            "{ip}은(는) VPC 안의 주소다: 로컬 경로로 바로 간다"
        ),
    )?;
    fabric::cross(
        b,
        m,
        Some(eni.subnet),
        Some(node.subnet),
        pkt,
        crate::model::fabric::EPHEMERAL_ANY,
    )?;
    fabric::enter(b, m, way, &pkt);
    route::sg_ingress(
        b,
        m,
        groups,
        pkt,
        &Peer {
            ip: eni.ip,
            groups: &eni_groups,
        },
        None,
        &text!("the node's ENI", "노드의 ENI"),
    )?;
    let name = short(&node.name).to_string();
    b.push(
        Hop::new(
            ElementId::node_eni(&node.name, 0),
            Link::NodeEni,
            text!("eth0 of {name} ({ip})", "{name}의 eth0 ({ip})"),
            text!(
                "the node's primary ENI holds the node IP",
                "노드의 기본 ENI가 노드 IP를 가진다"
            ),
            Cite::new(Source::S004, "figure 3"),
        )
        .packet(pkt.src, pkt.to()),
    );
    if webhook {
        b.push(
            Hop::new(
                node.eid.clone(),
                Link::Pod,
                text!("webhook pod on {name} :{port}", "{name}의 웹훅 Pod :{port}"),
                text!(
                    "the webhook pod's IP is a secondary IP of the node's ENI, so the node's security groups decide",
                    "웹훅 Pod의 IP는 노드 ENI의 보조 IP이므로 노드의 보안 그룹이 허용 여부를 정한다"
                ),
                Cite::new(Source::S004, "figure 2"),
            )
            .packet(pkt.src, format!("pod IP on {name}:{port}")),
        );
    } else {
        b.push(
            Hop::new(
                node.eid.clone(),
                Link::Kubelet,
                text!("kubelet on {name} :{port}", "{name}의 kubelet :{port}"),
                text!(
                    "the kubelet API answers: exec, logs, attach and port-forward work",
                    "kubelet API가 응답한다: exec, logs, attach, port-forward가 동작한다"
                ),
                Cite::new(Source::AwsDocs, "VPC and subnet requirements"),
            )
            .packet(pkt.src, pkt.to()),
        );
    }
    Ok(())
}

/// `exec:<node>`.
pub(crate) fn exec(m: &Model, flow: String, n: usize) -> Trace {
    let name = m.nodes.get(n).map(|x| short(&x.name)).unwrap_or_default();
    let mut b = Builder::new(
        flow,
        text!(
            "API server → kubelet on {name} (exec, logs, attach, port-forward)",
            "API 서버 → {name}의 kubelet (exec, logs, attach, port-forward)"
        ),
    );
    let outcome = api_to_node(&mut b, m, n, KUBELET_PORT, false).map_err(|mut e| {
        e.reason
            .en
            .push_str("; kubectl exec, logs, attach and port-forward time out");
        e.reason
            .ko
            .push_str(". kubectl exec, logs, attach, port-forward가 시간 초과된다");
        e
    });
    b.finish(outcome)
}

/// `webhook:<node>[:<port>]`.
pub(crate) fn webhook(m: &Model, flow: String, n: usize, port: u16) -> Trace {
    let name = m.nodes.get(n).map(|x| short(&x.name)).unwrap_or_default();
    let mut b = Builder::new(
        flow,
        text!(
            "API server → admission webhook on {name}, port {port}",
            "API 서버 → {name}의 어드미션 웹훅 (포트 {port})"
        ),
    );
    let outcome = api_to_node(&mut b, m, n, port, true).map_err(|mut e| {
        e.reason
            .en
            .push_str("; API requests that call this webhook fail or time out");
        e.reason
            .ko
            .push_str(". 이 웹훅을 부르는 API 요청이 실패하거나 시간 초과된다");
        e
    });
    b.finish(outcome)
}

/// The webhook port a flow uses when it names none: the first workload that
/// serves a webhook, else 443.
pub(crate) fn default_webhook_port(m: &Model) -> u16 {
    m.k8s
        .workloads
        .iter()
        .find_map(|w| w.admission_webhook_port)
        .unwrap_or(DEFAULT_WEBHOOK_PORT)
}
