//! From a load balancer to its target (source 004 §2.1, figure 4; §2.2, figure 5):
//! the target group's health check, then for IP targets the pod's IP straight
//! through the VPC router, and for instance targets the node's NodePort, where
//! kube-proxy's rule picks the pod (any ready pod with source NAT under
//! `Cluster`, a local one with the source kept under `Local`).

use std::net::Ipv4Addr;

use super::arrive::Seen;
use super::builder::{Blocked, Builder, Leg, Packet};
use super::pods::{deliver, managed_sg_hop, node_groups, Sender, Sg};
use super::{Hop, Link};
use crate::check::lb::no_healthy_code;
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::ids::ElementId;
use crate::lb::{
    Controller, LbKind, LbNode, LoadBalancer, Scheme, Target, TargetGroup, TargetRef, TargetType,
};
use crate::model::fabric::EPHEMERAL_ANY;
use crate::scenario::TrafficPolicy;
use crate::trace::control::short;
use crate::{text, Analysis, Text};

const FIG4: Cite = Cite::new(Source::S004, "figure 4");
const FIG5: Cite = Cite::new(Source::S004, "figure 5");
const CLIENT_IP: Cite = Cite::new(
    Source::AwsDocs,
    "Network Load Balancer target groups, client IP preservation",
);
const SNAT: Cite = Cite::new(Source::Kubernetes, "Using Source IP");

/// The load balancer hop, its target group, and the way to `target` (`None`: no
/// healthy target, blocked at the target group). `seen` is the client as the load
/// balancer saw it (its address and ephemeral ports).
#[allow(clippy::too_many_arguments)]
pub(super) fn to_target(
    b: &mut Builder,
    a: &Analysis,
    lb: &LoadBalancer,
    tg: &TargetGroup,
    target: Option<&Target>,
    node: &LbNode,
    seen: Seen,
    port: u16,
) -> Leg {
    let (seen_src, client_ports) = seen;
    let priv_ip = node.private_ip;
    let lb_ip = match lb.scheme {
        Scheme::InternetFacing => node.public_ip.unwrap_or(priv_ip),
        Scheme::Internal => priv_ip,
    };
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
    let Some(target) = target else {
        b.push(tg_hop);
        let svc = a.lbs.services.get(tg.service);
        let code = svc.map_or(Code::NoHealthyTarget, |s| no_healthy_code(s, tg));
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
                Code::LocalNoReadyPod => text!(
                    "run ready pods on EC2 nodes in the load balancer's AZs, or use externalTrafficPolicy: Cluster",
                    "로드 밸런서 AZ의 EC2 노드에 준비된 Pod를 두거나 externalTrafficPolicy: Cluster를 쓴다"
                ),
                Code::NoEndpoints => text!(
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
    // With the client's address kept, the target answers the client's port; else
    // the load balancer's own connection's, one of 1024-65535 (ELB guide, network
    // ACLs: the targets' subnets let out 1024-65535 to the load balancer).
    let (src, reply) = if tg.target_sees_client_ip {
        (seen_src, client_ports)
    } else {
        (priv_ip, EPHEMERAL_ANY)
    };
    let from = Sender {
        subnet: Some(node.subnet),
        reply,
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
            deliver(b, a, (pkt, from), pod, Sg::Managed(who), why)
        }
        TargetRef::Node { node: n } => to_node(
            b,
            a,
            tg,
            n,
            (
                Packet {
                    src,
                    dst: target.ip,
                    port: target.port,
                },
                from,
            ),
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
    (pkt, from): (Packet, Sender),
    client: Ipv4Addr,
    who: Text,
) -> Leg {
    let m = &a.model;
    let Some(node) = m.nodes.get(n) else {
        return Ok(());
    };
    let name = short(&node.name).to_string();
    let (nip, np) = (node.private_ip, pkt.port);
    // The load balancer's subnet's table routes it.
    let way = (from.subnet, node.subnet);
    super::fabric::route_from(
        b,
        m,
        way,
        &pkt,
        text!(
            "{nip} is inside the VPC: the local route delivers it to the node",
            "{nip}은(는) VPC 안의 주소다: 로컬 경로로 노드에 바로 간다"
        ),
    )?;
    // Out of the load balancer's subnet, into the node's: NodePort in, the replies
    // back out (ELB guide: the instances' subnet admits the listener and health
    // check ports from the VPC and lets 1024-65535 out).
    let to = (from.subnet, Some(node.subnet));
    super::fabric::cross_cited(b, m, to, pkt, from.reply, super::fabric::ELB_ACL_CITES)?;
    super::fabric::enter(b, m, way, &pkt);
    let groups = node_groups(a, n);
    if let Some(hop) = managed_sg_hop(m, groups, &who, &format!("NodePort {np}"), &pkt) {
        b.push(hop);
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
    let why_pod = pod_sees(tg, src, client);
    if e.node == Some(n) {
        let (eid, pname) = a
            .ipam
            .pods
            .get(e.pod)
            .map(|p| (p.eid(), p.name.to_string()))
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
    let sender = Sender::of(a, &pkt2);
    deliver(
        b,
        a,
        (pkt2, sender),
        e.pod,
        Sg::Evaluate { from_groups },
        why_pod,
    )
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
