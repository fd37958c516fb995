//! Pod flows: pod → pod (pod → a Service's ClusterIP is in
//! [`super::pod_service`]), and the leg every data-plane flow ends with:
//! delivering a packet to a pod.
//!
//! What the sources say (003, "Pod to Pod communication"; 004, figures 2 and 3):
//! the VPC CNI builds no overlay, a pod's IP is a secondary IP of an ENI of its node,
//! in the node's subnet. So a packet for a pod IP is an ordinary VPC packet: the VPC
//! router delivers it to the ENI that holds the address, and the node's route table
//! hands it to the pod's veth. Pod to pod needs no NAT, gateway or overlay, across
//! nodes and subnets; on the same node it never leaves the host.

use std::net::Ipv4Addr;

use super::builder::{Blocked, Builder, Leg, Packet};
use super::route::{sg_egress, sg_ingress};
use super::security::Peer;
use super::{Hop, Link, Trace};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::ids::ElementId;
use crate::trace::control::short;
use crate::{text, Analysis, Text};

pub(crate) use super::pod_service::{no_endpoints, pod_to_service};

const FIG3: Cite = Cite::new(Source::S004, "figure 3");
pub(super) const KUBE_PROXY: Cite =
    Cite::new(Source::Kubernetes, "Virtual IPs and Service Proxies");

/// How the security groups of the receiving node are shown.
pub(crate) enum Sg<'a> {
    /// Evaluate the rules against the sender (its address and groups).
    Evaluate {
        /// The sender's security groups.
        from_groups: &'a [usize],
    },
    /// A rule a controller manages admits it (load balancer traffic).
    Managed(Text),
}

/// The security groups of EC2 node `n` (its node group's).
pub(crate) fn node_groups(a: &Analysis, n: usize) -> &[usize] {
    a.model
        .nodes
        .get(n)
        .and_then(|x| a.model.node_groups.get(x.group))
        .map(|g| g.security_groups.as_slice())
        .unwrap_or(&[])
}

fn node_short(a: &Analysis, n: usize) -> String {
    a.model
        .nodes
        .get(n)
        .map(|x| short(&x.name).to_string())
        .unwrap_or_default()
}

/// The ENI of pod `p` (`eni:<node>:<k>`), and its name (`eth1`).
fn pod_eni(a: &Analysis, p: usize) -> Option<(ElementId, String)> {
    let pod = a.ipam.pods.get(p)?;
    let n = pod.node?;
    let node = a.ipam.nodes.get(n)?;
    let eni = node.enis().get(pod.eni.unwrap_or(0))?;
    Some((eni.eid(), eni.name()))
}

/// The pod's IPv4 address, or a block explaining why it has none.
pub(crate) fn pod_ip(a: &Analysis, p: usize) -> Leg<Ipv4Addr> {
    let pod = a.ipam.pods.get(p);
    let pod = pod.as_ref();
    match pod.and_then(|x| x.ipv4()) {
        Some(ip) => Ok(ip),
        None => {
            let (eid, name, status) = pod
                .map(|x| (x.eid(), x.name.clone(), x.status.as_str()))
                .unwrap_or_else(|| (ElementId::pod("?", "?"), "?".into(), "?"));
            let why = pod
                .and_then(|x| x.problem)
                .map(|pr| pr.message(&a.model))
                .unwrap_or_else(|| {
                    text!(
                        "it has no IPv4 address (an IPv6 cluster's pods are not traced)",
                        "IPv4 주소가 없다(IPv6 클러스터의 Pod는 추적하지 않는다)"
                    )
                });
            let (we, wk) = (&why.en, &why.ko);
            Err(Box::new(Blocked {
                at: eid,
                code: Code::PodNotRunning,
                reason: text!(
                    "pod {name} is {status} and has no address to send from or to: {we}",
                    "Pod {name}은(는) {status} 상태라 주고받을 주소가 없다: {wk}"
                ),
                fix: text!(
                    "fix what keeps the pod from running (see the scenario's diagnostics)",
                    "Pod가 실행되지 못하게 하는 원인을 고친다(시나리오 진단을 본다)"
                ),
                cite: FIG3,
                field: None,
            }))
        }
    }
}

/// Where a packet delivered to a pod comes from: the subnet whose network ACL it
/// leaves by (`None`: from outside the VPC), and the ports its replies go back to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sender {
    /// The sending subnet.
    pub subnet: Option<usize>,
    /// The sender's ephemeral ports.
    pub reply: (u16, u16),
}

impl Sender {
    /// The subnet that holds `pkt.src`, answered on any ephemeral port.
    pub(crate) fn of(a: &Analysis, pkt: &Packet) -> Sender {
        Sender {
            subnet: a.model.subnet_of(pkt.src),
            reply: crate::model::fabric::EPHEMERAL_ANY,
        }
    }
}

/// From inside the VPC to pod `p`: the route table of its subnet, the network ACLs
/// on the way from the sender's subnet, the receiving node's security groups, the ENI holding
/// its IP, the node's veth, the pod. `pkt.dst` is the pod's IP. `why_pod` ends the
/// trace at the pod.
pub(crate) fn deliver(
    b: &mut Builder,
    a: &Analysis,
    (pkt, from): (Packet, Sender),
    p: usize,
    sg: Sg<'_>,
    why_pod: Text,
) -> Leg {
    let m = &a.model;
    let Some(pod) = a.ipam.pods.get(p) else {
        return Ok(());
    };
    let ip = pkt.dst;
    if let Some(k) = pod.subnet {
        let holder = match (pod.node, pod_eni(a, p)) {
            (Some(n), Some((_, eth))) => {
                let node = node_short(a, n);
                text!(
                    "{ip} is a secondary IP of {eth} on {node}: the VPC router's local route delivers it to that ENI, no overlay and no NAT",
                    "{ip}은(는) {node}의 {eth}에 붙은 보조 IP다: VPC 라우터의 로컬 경로가 그 ENI로 바로 보내며 오버레이도 NAT도 없다"
                )
            }
            _ => text!(
                "{ip} is the address of the pod's own ENI (Fargate): the VPC router's local route delivers it",
                "{ip}은(는) Pod 자신의 ENI(Fargate) 주소다: VPC 라우터의 로컬 경로가 바로 보낸다"
            ),
        };
        super::fabric::route_from(b, m, (from.subnet, k), &pkt, holder)?;
        super::fabric::cross(b, m, from.subnet, Some(k), pkt, from.reply)?;
        super::fabric::enter(b, m, (from.subnet, k), &pkt);
    }
    if let Some(n) = pod.node {
        let groups = node_groups(a, n);
        match sg {
            Sg::Evaluate { from_groups } => {
                let peer = Peer {
                    ip: pkt.src,
                    groups: from_groups,
                };
                sg_ingress(
                    b,
                    m,
                    groups,
                    pkt,
                    &peer,
                    None,
                    &text!("the pod's node", "Pod가 있는 노드"),
                )?;
            }
            Sg::Managed(who) => {
                let port = format!("TCP {}", pkt.port);
                if let Some(hop) = managed_sg_hop(m, groups, &who, &port, &pkt) {
                    b.push(hop);
                }
            }
        }
        if let Some((eni, eth)) = pod_eni(a, p) {
            let node = node_short(a, n);
            b.push(
                Hop::new(
                    eni,
                    Link::NodeEni,
                    text!("{eth} of {node}", "{node}의 {eth}"),
                    text!(
                        "{eth} holds {ip} as a secondary IP (the VPC CNI assigned it to the pod)",
                        "{eth}이(가) {ip}을(를) 보조 IP로 가진다(VPC CNI가 Pod에 준 주소)"
                    ),
                    FIG3,
                )
                .packet(pkt.src, pkt.to()),
            );
            b.push(veth_hop(a, n, pkt));
        }
    }
    b.push(pod_hop(a, p, pkt, why_pod));
    Ok(())
}

fn veth_hop(a: &Analysis, n: usize, pkt: Packet) -> Hop {
    let node = node_short(a, n);
    let ip = pkt.dst;
    let eid = a
        .model
        .nodes
        .get(n)
        .map(|x| x.eid.clone())
        .unwrap_or_else(|| ElementId::node("?"));
    Hop::new(
        eid,
        Link::Veth,
        text!(
            "route table and veth on {node}",
            "{node}의 라우팅 테이블과 veth"
        ),
        text!(
            "the node's route table, set up by the VPC CNI, sends {ip} to the pod's veth",
            "VPC CNI가 만든 노드 라우팅 테이블이 {ip}을(를) Pod의 veth로 보낸다"
        ),
        FIG3,
    )
    .packet(pkt.src, pkt.to())
}

fn pod_hop(a: &Analysis, p: usize, pkt: Packet, why: Text) -> Hop {
    let (eid, name) = a
        .ipam
        .pods
        .get(p)
        .map(|x| (x.eid(), x.name.clone()))
        .unwrap_or_else(|| (ElementId::pod("?", "?"), "?".into()));
    let port = pkt.port;
    Hop::new(
        eid,
        Link::Pod,
        text!("pod {name} :{port}", "Pod {name} :{port}"),
        why,
        FIG3,
    )
    .packet(pkt.src, pkt.to())
}

/// The pod's own port (its workload's container port).
fn pod_port(a: &Analysis, p: usize) -> u16 {
    a.ipam
        .pods
        .get(p)
        .and_then(|x| a.ipam.workloads.get(x.workload))
        .map_or(80, |w| w.container_port)
}

/// `pod:<a>->pod:<b>`.
pub(crate) fn pod_to_pod(a: &Analysis, flow: String, from: usize, to: usize) -> Trace {
    let name = |p: usize| {
        a.ipam
            .pods
            .get(p)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    let (fname, tname) = (name(from), name(to));
    let mut b = Builder::new(
        flow,
        text!("pod {fname} → pod {tname}", "Pod {fname} → Pod {tname}"),
    );
    b.client_ip_preserved = Some(true);
    let outcome = (|| {
        let src = pod_ip(a, from)?;
        let dst = pod_ip(a, to)?;
        let pkt = Packet {
            src,
            dst,
            port: pod_port(a, to),
        };
        origin(&mut b, a, from, pkt);
        from_node_to_pod(
            &mut b,
            a,
            from,
            pkt,
            to,
            text!(
            "pod {tname} receives the packet from {src}, the sender's own pod IP: no NAT anywhere",
            "Pod {tname}이(가) 보낸 Pod의 IP {src} 그대로 패킷을 받는다: 어디에서도 NAT가 없다"
        ),
            false,
        )
    })();
    b.finish(outcome)
}

pub(super) fn origin(b: &mut Builder, a: &Analysis, p: usize, pkt: Packet) {
    let (eid, name) = a
        .ipam
        .pods
        .get(p)
        .map(|x| (x.eid(), x.name.clone()))
        .unwrap_or_else(|| (ElementId::pod("?", "?"), "?".into()));
    b.push(
        Hop::new(
            eid,
            Link::Origin,
            text!("pod {name}", "Pod {name}"),
            text!(
                "the pod sends from its own IP, a VPC address from its node's subnet",
                "Pod는 자기 IP, 즉 노드 서브넷의 VPC 주소에서 보낸다"
            ),
            Cite::new(Source::S003, "Kubernetes Network Model (CNCF 표준) - CNI"),
        )
        .packet(pkt.src, pkt.to()),
    );
}

/// From pod `from`'s node (the packet already has its final destination, pod `to`).
/// `on_host`: the packet is already in the host (kube-proxy's rule ran there), so
/// the sender's veth is not shown again.
pub(super) fn from_node_to_pod(
    b: &mut Builder,
    a: &Analysis,
    from: usize,
    pkt: Packet,
    to: usize,
    why: Text,
    on_host: bool,
) -> Leg {
    let m = &a.model;
    let fnode = a.ipam.pods.get(from).and_then(|x| x.node);
    let tnode = a.ipam.pods.get(to).and_then(|x| x.node);
    if let (Some(f), Some(t)) = (fnode, tnode) {
        if f == t && on_host {
            b.push(pod_hop(a, to, pkt, why));
            return Ok(());
        }
        if f == t {
            let node = node_short(a, f);
            let dst = pkt.dst;
            let eid = m
                .nodes
                .get(f)
                .map(|x| x.eid.clone())
                .unwrap_or_else(|| ElementId::node("?"));
            b.push(
                Hop::new(
                    eid,
                    Link::Veth,
                    text!("route table and veths on {node}", "{node}의 라우팅 테이블과 veth"),
                    text!(
                        "both pods run on {node}: the sender's veth leads into the host, whose route table sends {dst} straight to the other pod's veth; the packet never reaches an ENI or the VPC",
                        "두 Pod가 모두 {node}에 있다: 보내는 Pod의 veth가 호스트로 이어지고, 호스트 라우팅 테이블이 {dst}을(를) 상대 Pod의 veth로 바로 보낸다. 패킷은 ENI에도 VPC에도 닿지 않는다"
                    ),
                    FIG3,
                )
                .packet(pkt.src, pkt.to()),
            );
            b.push(pod_hop(a, to, pkt, why));
            return Ok(());
        }
    }
    let from_groups: &[usize] = fnode.map_or(&[], |f| node_groups(a, f));
    if let Some(f) = fnode {
        let node = node_short(a, f);
        let eid = m
            .nodes
            .get(f)
            .map(|x| x.eid.clone())
            .unwrap_or_else(|| ElementId::node("?"));
        if !on_host {
            b.push(
            Hop::new(
                eid,
                Link::Veth,
                text!("veth and route table on {node}", "{node}의 veth와 라우팅 테이블"),
                text!(
                    "the pod's veth leads into the host; the VPC CNI's rules send traffic for VPC addresses out of the ENI that holds the pod's IP, without source NAT (pod IPs are VPC addresses)",
                    "Pod의 veth가 호스트로 이어지고, VPC CNI 규칙이 VPC 주소로 가는 트래픽을 Pod IP를 가진 ENI로 출발지 NAT 없이 내보낸다(Pod IP가 곧 VPC 주소다)"
                ),
                FIG3,
            )
            .packet(pkt.src, pkt.to()),
        );
        }
        if let Some((eni, eth)) = pod_eni(a, from) {
            b.push(
                Hop::new(
                    eni,
                    Link::NodeEni,
                    text!("{eth} of {node}", "{node}의 {eth}"),
                    text!(
                        "the packet leaves the node through {eth}",
                        "패킷이 {eth}(으)로 노드를 나간다"
                    ),
                    FIG3,
                )
                .packet(pkt.src, pkt.to()),
            );
        }
        let to_groups: &[usize] = tnode.map_or(&[], |t| node_groups(a, t));
        sg_egress(
            b,
            m,
            from_groups,
            pkt,
            &Peer {
                ip: pkt.dst,
                groups: to_groups,
            },
        )?;
    }
    let from = Sender::of(a, &pkt);
    deliver(b, a, (pkt, from), to, Sg::Evaluate { from_groups }, why)
}

/// The hop through security groups that `who` (the load balancer controller)
/// manages: it adds an inbound rule admitting the load balancer on `port` (e.g.
/// `NodePort 30080`, `TCP 80`). `None` when there are no groups.
pub(super) fn managed_sg_hop(
    m: &crate::Model,
    groups: &[usize],
    who: &Text,
    port: &str,
    pkt: &Packet,
) -> Option<Hop> {
    let first = groups.first().and_then(|&g| m.security_groups.get(g))?;
    let names = super::security::names(m, groups);
    let (we, wk) = (&who.en, &who.ko);
    // The rule the controller manages is not in the scenario: described, no pointer.
    let rule = super::path::SecurityGroupRule {
        security_group_id: first.group_id.clone(),
        direction: "ingress",
        protocol: "tcp".into(),
        port_range: Some(crate::scenario::PortRange {
            from: pkt.port,
            to: pkt.port,
        }),
        cidr: None,
        referenced_group_id: None,
        pointer: None,
    };
    let mut hop = Hop::new(
        ElementId::security_group(&first.group_id),
        Link::SecurityGroup,
        text!("security groups {names}", "보안 그룹 {names}"),
        text!(
            "{we} adds an inbound rule to {names} that admits the load balancer on {port}",
            "{wk}이(가) {names}에 로드 밸런서의 {port}을(를) 허용하는 인바운드 규칙을 더한다"
        ),
        Cite::new(
            Source::AwsDocs,
            "AWS Load Balancer Controller, security groups",
        ),
    )
    .packet(pkt.src, pkt.to());
    hop.security_group_rule = Some(rule);
    Some(hop)
}
