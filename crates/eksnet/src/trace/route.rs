//! Legs shared by flows: reaching the public NLB, reaching the EKS-owned ENIs from
//! the VPC, and security groups evaluated where the packet meets them (leaving the
//! VPC is `egress.rs`).
//!
//! Each leg pushes its hops onto the [`Builder`] and returns `Err(Blocked)` at the
//! first component that drops the packet (that component is then the last hop).

use std::net::Ipv4Addr;

use super::builder::{Blocked, Builder, Leg, Packet};
use super::path::SecurityGroupRule;
use super::security::{self, Decision, Peer};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::ids::{fixed, ElementId};
use crate::model::{EksEni, Model};
use crate::text;
use crate::trace::{Hop, Link};
use crate::Text;

const SG_CITE: Cite = Cite::new(Source::AwsDocs, "Amazon EKS security group requirements");

/// An instance in the VPC that starts a flow (a node, a bastion).
pub(crate) struct Host<'a> {
    /// Its element (the first hop).
    pub eid: ElementId,
    /// Its subnet (index into `Model::subnets`).
    pub subnet: usize,
    /// Its private address.
    pub ip: Ipv4Addr,
    /// Its public address, if any.
    pub public_ip: Option<Ipv4Addr>,
    /// Its security groups.
    pub groups: &'a [usize],
    /// The field that gives it a public IP (for fixes).
    pub public_ip_field: String,
}

pub(crate) fn subnet_route_hop(m: &Model, k: usize, pkt: &Packet, why: Text) -> Hop {
    let (eid, id) = m
        .subnets
        .get(k)
        .map(|s| (s.eid.clone(), s.id.clone()))
        .unwrap_or_else(|| (ElementId::subnet("?"), "?".into()));
    let hop = Hop::new(
        eid,
        Link::VpcRouter,
        text!("route table of {id}", "{id}의 라우팅 테이블"),
        why,
        Cite::new(Source::S000, "VPC configurations"),
    )
    .packet(pkt.src, pkt.to());
    super::fabric::annotate_route(m, k, pkt.dst, hop)
}

/// The EKS-owned ENI a host in `subnet` talks to: one in its AZ if there is one.
pub(crate) fn pick_eni(m: &Model, subnet: Option<usize>) -> Option<&EksEni> {
    let az = subnet.and_then(|k| m.subnets.get(k)).map(|s| s.az.as_str());
    m.eks_enis
        .iter()
        .find(|e| az.is_some() && m.subnets.get(e.subnet).map(|s| s.az.as_str()) == az)
        .or_else(|| m.eks_enis.first())
}

/// Whether the public endpoint admits `src` (`None`: an unknown address, admitted
/// only by a 0.0.0.0/0 entry). An empty list is AWS's default, 0.0.0.0/0.
pub(crate) fn public_access_allows(m: &Model, src: Option<Ipv4Addr>) -> bool {
    m.cluster.public_access_cidrs.allows(src)
}

/// The API server hop that ends a flow towards it.
pub(crate) fn api_server(
    b: &mut Builder,
    src: impl std::fmt::Display,
    dst: impl std::fmt::Display,
    why: Text,
    cite: Cite,
) {
    b.push(
        Hop::new(
            ElementId::fixed(fixed::API_SERVER),
            Link::ApiServer,
            text!("kube-apiserver", "kube-apiserver"),
            why,
            cite,
        )
        .outside()
        .packet(src, dst),
    );
}

/// Through the public NLB to the API server, from public source `src`.
/// `nodes_fix` adds "or enable private access" to the fix when nodes are the source.
pub(crate) fn via_nlb(
    b: &mut Builder,
    m: &Model,
    src: Option<Ipv4Addr>,
    pkt: Packet,
    from_internet: bool,
    nodes_fix: bool,
) -> Leg {
    let shown = src.map(|s| s.to_string()).unwrap_or_else(|| "?".into());
    let list = m.cluster.public_access_cidrs.to_string();
    let why = if from_internet {
        text!(
            "the public NLB admits sources in publicAccessCidrs ({list}) and spreads requests over the API servers",
            "퍼블릭 NLB는 publicAccessCidrs({list})에 드는 출발지만 받아 API 서버들에 나눈다"
        )
    } else {
        text!(
            "traffic from the VPC reaches the public NLB over Amazon's network, not the public internet; the NLB checks the public source address against publicAccessCidrs ({list})",
            "VPC에서 온 트래픽은 퍼블릭 인터넷이 아니라 Amazon 네트워크로 퍼블릭 NLB에 닿는다. NLB는 퍼블릭 출발지 주소를 publicAccessCidrs({list})와 대조한다"
        )
    };
    let hop = Hop::new(
        ElementId::fixed(fixed::API_NLB),
        Link::ApiNlb,
        text!("public endpoint NLB", "퍼블릭 엔드포인트 NLB"),
        why,
        Cite::new(Source::S002, "Public EndPoint Access"),
    )
    .outside()
    .packet(&shown, pkt.to());
    b.push(if from_internet {
        hop.on_internet()
    } else {
        hop
    });
    if !public_access_allows(m, src) {
        let reason = match src {
            Some(ip) => text!(
                "the source address {ip} is not in publicAccessCidrs ({list}), so the NLB drops it",
                "출발지 주소 {ip}이(가) publicAccessCidrs({list})에 없어 NLB가 버린다"
            ),
            None => text!(
                "the source leaves from an address the scenario does not give, and publicAccessCidrs ({list}) does not admit every address",
                "출발지가 시나리오에 없는 주소로 나가는데 publicAccessCidrs({list})가 모든 주소를 허용하지 않는다"
            ),
        };
        let fix = match (src, nodes_fix) {
            (Some(ip), true) => text!(
                "add {ip}/32 to publicAccessCidrs, or turn on endpointPrivateAccess so that nodes use the EKS-owned ENIs",
                "publicAccessCidrs에 {ip}/32를 더하거나 endpointPrivateAccess를 켜 노드가 EKS 소유 ENI를 쓰게 한다"
            ),
            (Some(ip), false) => text!(
                "add {ip}/32 (or its network) to publicAccessCidrs",
                "publicAccessCidrs에 {ip}/32(또는 그 네트워크)를 더한다"
            ),
            (None, _) => text!(
                "add the egress address to publicAccessCidrs, or turn on endpointPrivateAccess",
                "출구 주소를 publicAccessCidrs에 더하거나 endpointPrivateAccess를 켠다"
            ),
        };
        return Err(Box::new(Blocked {
            at: ElementId::fixed(fixed::API_NLB),
            code: Code::SourceNotInPublicAccessCidrs,
            reason,
            fix,
            cite: Cite::new(Source::AwsDocs, "Cluster API server endpoint"),
            field: Some("/cluster/resourcesVpcConfig/publicAccessCidrs".into()),
        }));
    }
    api_server(
        b,
        &shown,
        pkt.to(),
        text!(
            "the NLB forwards to one of the API servers in the AWS-managed VPC",
            "NLB가 AWS 관리 VPC의 API 서버 중 하나로 넘긴다"
        ),
        Cite::new(Source::S001, "Public 엔드포인트 구성, 동작 방식"),
    );
    Ok(())
}

/// A security group hop on the receiving side. No hop when no group is modelled.
pub(crate) fn sg_ingress(
    b: &mut Builder,
    m: &Model,
    groups: &[usize],
    pkt: Packet,
    peer: &Peer<'_>,
    peer_name: Option<String>,
    what: &Text,
) -> Leg {
    let port = pkt.port;
    let names = security::names(m, groups);
    let (we, wk) = (&what.en, &what.ko);
    let first = groups
        .first()
        .and_then(|&g| m.security_groups.get(g).map(|s| (g, s.group_id.clone())));
    let Some((first_idx, first_id)) = first else {
        return Ok(());
    };
    match security::ingress(m, groups, port, peer) {
        Decision::Allowed { group, rule } => {
            let r = security::describe_rule(m, group, rule, true);
            let gid = m
                .security_groups
                .get(group)
                .map(|s| s.group_id.clone())
                .unwrap_or_default();
            let mut hop = Hop::new(
                ElementId::security_group(&gid),
                Link::SecurityGroup,
                text!("security groups {names}", "보안 그룹 {names}"),
                text!(
                    "{names} on {we}: inbound rule {r} admits TCP {port}",
                    "{wk}의 {names}: 인바운드 규칙 {r}이(가) TCP {port}을(를) 허용한다"
                ),
                SG_CITE,
            )
            .packet(pkt.src, pkt.to());
            hop.security_group_rule = SecurityGroupRule::of(m, group, rule, true);
            b.push(hop);
            Ok(())
        }
        Decision::NotModelled => Ok(()),
        Decision::Denied => {
            let src = pkt.src;
            b.push(
                Hop::new(
                    ElementId::security_group(&first_id),
                    Link::SecurityGroup,
                    text!("security groups {names}", "보안 그룹 {names}"),
                    text!(
                        "no inbound rule of {names} on {we} admits TCP {port} from {src}",
                        "{wk}에 붙은 {names}의 어떤 인바운드 규칙도 {src}에서 오는 TCP {port}을(를) 허용하지 않는다"
                    ),
                    SG_CITE,
                )
                .packet(pkt.src, pkt.to()),
            );
            let from = peer_name.unwrap_or_else(|| security::peer_source(m, peer));
            Err(Box::new(Blocked {
                at: ElementId::security_group(&first_id),
                code: Code::SecurityGroupDenies,
                reason: text!(
                    "no inbound rule of {names} on {we} admits TCP {port} from {from}, so the connection times out",
                    "{wk}에 붙은 {names}에 {from}에서 오는 TCP {port}을(를) 허용하는 인바운드 규칙이 없어 연결이 시간 초과된다"
                ),
                fix: text!(
                    "add an inbound rule to {first_id}: TCP {port} from {from}",
                    "{first_id}에 인바운드 규칙을 더한다: {from}에서 TCP {port}"
                ),
                cite: SG_CITE,
                field: Some(format!("/securityGroups/{first_idx}/ingress")),
            }))
        }
    }
}

/// A security group hop on the sending side, shown only when a group there has
/// its own outbound rules (AWS's default allows all).
pub(crate) fn sg_egress(
    b: &mut Builder,
    m: &Model,
    groups: &[usize],
    pkt: Packet,
    to: &Peer<'_>,
) -> Leg {
    if !security::restricts_egress(m, groups) {
        return Ok(());
    }
    let port = pkt.port;
    let names = security::names(m, groups);
    let first = groups
        .iter()
        .copied()
        .find(|&g| m.security_groups.get(g).is_some_and(|s| s.egress.is_some()));
    let Some(first) = first else { return Ok(()) };
    let first_id = m
        .security_groups
        .get(first)
        .map(|s| s.group_id.clone())
        .unwrap_or_default();
    match security::egress(m, groups, port, to) {
        Decision::Allowed { group, rule } => {
            let r = security::describe_rule(m, group, rule, false);
            let mut hop = Hop::new(
                ElementId::security_group(&first_id),
                Link::SecurityGroup,
                text!(
                    "security groups {names} (outbound)",
                    "보안 그룹 {names}(아웃바운드)"
                ),
                text!(
                    "outbound rule {r} lets TCP {port} out",
                    "아웃바운드 규칙 {r}이(가) TCP {port}을(를) 내보낸다"
                ),
                SG_CITE,
            )
            .packet(pkt.src, pkt.to());
            hop.security_group_rule = SecurityGroupRule::of(m, group, rule, false);
            b.push(hop);
            Ok(())
        }
        Decision::Denied | Decision::NotModelled => {
            let dst = pkt.dst;
            b.push(
                Hop::new(
                    ElementId::security_group(&first_id),
                    Link::SecurityGroup,
                    text!("security groups {names} (outbound)", "보안 그룹 {names}(아웃바운드)"),
                    text!(
                        "no outbound rule of {names} lets TCP {port} to {dst} out",
                        "{names}의 어떤 아웃바운드 규칙도 {dst}(으)로 가는 TCP {port}을(를) 내보내지 않는다"
                    ),
                    SG_CITE,
                )
                .packet(pkt.src, pkt.to()),
            );
            let target = security::peer_source(m, to);
            Err(Box::new(Blocked {
                at: ElementId::security_group(&first_id),
                code: Code::SecurityGroupDenies,
                reason: text!(
                    "the sender's security groups ({names}) have outbound rules, and none allows TCP {port} to {dst}",
                    "보내는 쪽 보안 그룹({names})에 아웃바운드 규칙이 있는데 {dst}(으)로 가는 TCP {port}을(를) 허용하는 규칙이 없다"
                ),
                fix: text!(
                    "add an outbound rule to {first_id}: TCP {port} to {target}",
                    "{first_id}에 아웃바운드 규칙을 더한다: {target}(으)로 TCP {port}"
                ),
                cite: SG_CITE,
                field: Some(format!("/securityGroups/{first}/egress")),
            }))
        }
    }
}

/// The EKS-owned ENI hop: the cross-account door between the VPCs.
pub(crate) fn eks_eni_hop(m: &Model, eni: &EksEni, pkt: &Packet, inbound: bool) -> Hop {
    let ip = eni.ip;
    let sid = m
        .subnets
        .get(eni.subnet)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let why = if inbound {
        text!(
            "the EKS-owned ENI {ip} in {sid} belongs to the control plane: traffic that enters it reaches the API servers in the AWS-managed VPC",
            "{sid}의 EKS 소유 ENI {ip}은(는) 컨트롤 플레인 것이다: 이 ENI로 들어간 트래픽은 AWS 관리 VPC의 API 서버에 닿는다"
        )
    } else {
        text!(
            "the API server enters the VPC through the EKS-owned ENI {ip} in {sid}, in every endpoint mode",
            "API 서버는 어떤 엔드포인트 모드에서든 {sid}의 EKS 소유 ENI {ip}을(를) 통해 VPC로 들어온다"
        )
    };
    Hop::new(
        eni.eid.clone(),
        Link::EksOwnedEni,
        text!("EKS-owned ENI {ip}", "EKS 소유 ENI {ip}"),
        why,
        Cite::new(Source::S000, "EKS Cluster Architecture"),
    )
    .packet(pkt.src, pkt.to())
}

/// From an instance in the VPC to the API server through an EKS-owned ENI.
pub(crate) fn host_to_enis(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    eni: &EksEni,
    pkt: Packet,
) -> Leg {
    let vpc = m
        .vpc
        .cidrs
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let eni_ip = eni.ip;
    b.push(subnet_route_hop(
        m,
        host.subnet,
        &pkt,
        text!(
            "{eni_ip} is inside the VPC ({vpc}): the local route delivers it, no gateway involved",
            "{eni_ip}은(는) VPC({vpc}) 안의 주소다: 로컬 경로로 바로 가며 게이트웨이를 거치지 않는다"
        ),
    ));
    super::fabric::cross(
        b,
        m,
        Some(host.subnet),
        Some(eni.subnet),
        pkt,
        crate::model::fabric::EPHEMERAL_LINUX,
    )?;
    let eni_groups = m.eks_eni_security_groups();
    sg_egress(
        b,
        m,
        host.groups,
        pkt,
        &Peer {
            ip: eni.ip,
            groups: &eni_groups,
        },
    )?;
    let peer = Peer {
        ip: host.ip,
        groups: host.groups,
    };
    sg_ingress(b, m, &eni_groups, pkt, &peer, None, &eni_receiver())?;
    b.push(eks_eni_hop(m, eni, &pkt, true));
    api_server(
        b,
        pkt.src,
        pkt.to(),
        text!(
            "private path: the request never leaves AWS's private network",
            "프라이빗 경로: 요청이 AWS 사설 네트워크를 벗어나지 않는다"
        ),
        Cite::new(Source::S002, "Public + Private EndPoint Access"),
    );
    Ok(())
}

/// The receiving side "the EKS-owned ENIs", for security group explanations.
pub(crate) fn eni_receiver() -> Text {
    text!("the EKS-owned ENIs", "EKS 소유 ENI")
}
