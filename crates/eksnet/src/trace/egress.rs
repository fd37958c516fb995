//! Leaving the VPC towards a public address: the subnet's default route, then an
//! internet gateway (the instance needs a public IPv4 address), a NAT gateway (which
//! must sit in a public subnet; the source becomes its Elastic IP) or a transit
//! gateway (to an egress the scenario does not describe). Source 000, "Public
//! endpoint only": nodes need "a public IP and an internet gateway, or a NAT
//! gateway".

use std::net::Ipv4Addr;

use super::builder::{Blocked, Builder, Leg, Packet};
use super::fabric;
use super::route::{subnet_route_hop, Host};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::ids::{fixed, ElementId};
use crate::model::fabric::{RouteDest, RouteTarget, EPHEMERAL_ANY, EPHEMERAL_LINUX};
use crate::model::Model;
use crate::text;
use crate::trace::{Hop, Link};
use crate::Text;

const IGW_CITE: Cite = Cite::new(Source::S000, "Public endpoint only");

/// From `host` out of the VPC towards a public address (`pkt.dst`). Returns the
/// public source address the far side sees (`None` when it is not known: a
/// transit gateway leads to an egress the scenario does not describe).
/// `otherwise` is appended to the fix of a missing route (e.g. "or enable private
/// access").
pub(crate) fn egress(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    pkt: Packet,
    otherwise: &Text,
) -> Leg<Option<Ipv4Addr>> {
    let k = host.subnet;
    let Some(r) = fabric::route_for(m, k, pkt.dst).1 else {
        return no_route(b, m, host, pkt, otherwise);
    };
    if r.blackhole {
        let (route, tw) = (r.describe(), fabric::table_words(m, k));
        b.push(subnet_route_hop(
            m,
            k,
            &pkt,
            text!(
                "{tw}: the route {route} matches, and its target is gone",
                "{tw}: 대상이 사라진 경로 {route}에 걸린다"
            ),
        ));
        return Err(fabric::blackhole(m, k, r, pkt.dst));
    }
    // A route more specific than 0.0.0.0/0 to a private address in another network
    // (a peered VPC, a network behind a transit gateway) takes the packet there. A
    // public address sent to a peering connection goes nowhere (peering has no
    // edge-to-edge routing), and one sent to a transit gateway is taken as its
    // central egress (`via_transit`).
    let specific =
        !matches!(r.dest, RouteDest::Cidr(n) if n.prefix_len() == 0) && pkt.dst.is_private();
    match r.target.clone() {
        RouteTarget::Peering(x) if specific => {
            leaves_via(b, m, host, pkt, &x, "peering connection", "피어링 연결")
        }
        RouteTarget::TransitGateway(x) if specific => {
            leaves_via(b, m, host, pkt, &x, "transit gateway", "트랜짓 게이트웨이")
        }
        RouteTarget::InternetGateway(igw) => via_igw(b, m, host, pkt, otherwise, &igw),
        RouteTarget::NatGateway(_, Some(n)) => via_nat(b, m, host, pkt, otherwise, n),
        RouteTarget::TransitGateway(t) => via_transit(b, m, host, pkt, &t),
        _ => not_to_internet(b, m, host, pkt, otherwise),
    }
}

/// [`egress`] where the route that matches leads somewhere that does not carry
/// traffic on to the internet (a peering connection, a virtual private gateway, a
/// gateway endpoint): blocked in the subnet (AWS VPC user guide, "How route priority
/// works"; VPC peering has no edge-to-edge routing).
fn not_to_internet(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    pkt: Packet,
    otherwise: &Text,
) -> Leg<Option<Ipv4Addr>> {
    let k = host.subnet;
    let sid = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    let tw = fabric::table_words(m, k);
    let (route, pointer) = fabric::route_for(m, k, pkt.dst)
        .1
        .map(|r| (r.describe(), r.pointer.clone()))
        .unwrap_or_default();
    let (oe, ok, dst) = (&otherwise.en, &otherwise.ko, pkt.dst);
    b.push(subnet_route_hop(
        m,
        k,
        &pkt,
        text!(
            "{tw}: the most specific route for {dst} is {route}",
            "{tw}: {dst}에 가장 구체적인 경로는 {route}이다"
        ),
    ));
    Err(Box::new(Blocked {
        at: ElementId::subnet(&sid),
        code: Code::NoRouteToInternet,
        reason: text!(
            "{tw} sends {dst} by the route {route}, which does not lead to the internet (a peering connection, VPN gateway or gateway endpoint carries no traffic onward to the internet)",
            "{tw}은(는) {dst}을(를) 경로 {route}(으)로 보내는데, 이 경로는 인터넷으로 이어지지 않는다(피어링 연결, VPN 게이트웨이, 게이트웨이 엔드포인트는 인터넷으로 트래픽을 넘겨주지 않는다)"
        ),
        fix: text!(
            "route 0.0.0.0/0 of {tw} to a NAT gateway in a public subnet, and no more specific route for public addresses elsewhere{oe}",
            "{tw}의 0.0.0.0/0을 퍼블릭 서브넷의 NAT 게이트웨이로 보내고 퍼블릭 주소를 다른 곳으로 보내는 더 구체적인 경로를 없앤다{ok}"
        ),
        cite: Cite::new(Source::AwsDocs, "Amazon VPC: How route priority works"),
        field: pointer,
    }))
}

/// [`egress`] from a subnet without a default route: blocked there.
fn no_route(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    pkt: Packet,
    otherwise: &Text,
) -> Leg<Option<Ipv4Addr>> {
    let k = host.subnet;
    let at = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    let sid = fabric::table_words(m, k);
    let (oe, ok) = (&otherwise.en, &otherwise.ko);
    b.push(subnet_route_hop(
        m,
        k,
        &pkt,
        text!(
            "{sid} has no 0.0.0.0/0 route: only the VPC's own addresses are reachable",
            "{sid}에는 0.0.0.0/0 경로가 없다: VPC 안의 주소에만 갈 수 있다"
        ),
    ));
    let field = match m.route_table_of(k) {
        Some(t) if !t.implied => format!("{}/routes", t.pointer),
        _ => format!("/vpc/subnets/{k}/defaultRoute"),
    };
    Err(Box::new(Blocked {
        at: ElementId::subnet(&at),
        code: Code::NoRouteToInternet,
        reason: {
            let dst = pkt.dst;
            text!(
                "{sid} has no route to an internet gateway or a NAT gateway, so traffic to the public address {dst} cannot leave the VPC",
                "{sid}에 인터넷 게이트웨이나 NAT 게이트웨이로 가는 경로가 없어 퍼블릭 주소 {dst}(으)로 가는 트래픽이 VPC를 나갈 수 없다"
            )
        },
        fix: text!(
            "route 0.0.0.0/0 of {sid} to a NAT gateway in a public subnet{oe}",
            "{sid}의 0.0.0.0/0을 퍼블릭 서브넷의 NAT 게이트웨이로 보낸다{ok}"
        ),
        cite: IGW_CITE,
        field: Some(field),
    }))
}

/// [`egress`] from a public subnet: out through the internet gateway, with the
/// host's public IP.
fn via_igw(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    pkt: Packet,
    otherwise: &Text,
    igw: &str,
) -> Leg<Option<Ipv4Addr>> {
    let k = host.subnet;
    let sid = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    let (oe, ok) = (&otherwise.en, &otherwise.ko);
    b.push(subnet_route_hop(
        m,
        k,
        &pkt,
        text!(
            "{sid} is public: 0.0.0.0/0 goes to {igw}",
            "{sid}은(는) 퍼블릭 서브넷이다: 0.0.0.0/0이 {igw}(으)로 간다"
        ),
    ));
    fabric::cross(b, m, Some(k), None, pkt, EPHEMERAL_LINUX)?;
    let hop = Hop::new(
        ElementId::fixed(fixed::IGW),
        Link::InternetGateway,
        text!("internet gateway {igw}", "인터넷 게이트웨이 {igw}"),
        text!(
            "the internet gateway swaps the instance's private address for its public IPv4 address; without one it cannot pass",
            "인터넷 게이트웨이는 인스턴스의 프라이빗 주소를 퍼블릭 IPv4 주소로 바꿔 내보낸다. 퍼블릭 IP가 없으면 나갈 수 없다"
        ),
        IGW_CITE,
    );
    match host.public_ip {
        Some(p) => {
            b.push(hop.outside().packet(p, pkt.to()));
            Ok(Some(p))
        }
        None => {
            b.push(hop.packet(pkt.src, pkt.to()));
            let ip = host.ip;
            Err(Box::new(Blocked {
                at: ElementId::fixed(fixed::IGW),
                code: Code::NoPublicIp,
                reason: text!(
                    "{ip} is in the public subnet {sid} but has no public IPv4 address, so the internet gateway cannot take it out",
                    "{ip}은(는) 퍼블릭 서브넷 {sid}에 있지만 퍼블릭 IPv4 주소가 없어 인터넷 게이트웨이로 나갈 수 없다"
                ),
                fix: text!(
                    "give it a public IP (mapPublicIpOnLaunch or associatePublicIpAddress), or place it in a private subnet behind a NAT gateway{oe}",
                    "퍼블릭 IP를 준다(mapPublicIpOnLaunch 또는 associatePublicIpAddress). 또는 NAT 게이트웨이 뒤의 프라이빗 서브넷에 둔다{ok}"
                ),
                cite: IGW_CITE,
                field: Some(host.public_ip_field.clone()),
            }))
        }
    }
}

/// [`egress`] from a private subnet: out through NAT gateway `n` (its Elastic IP)
/// and the internet gateway.
fn via_nat(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    pkt: Packet,
    otherwise: &Text,
    n: usize,
) -> Leg<Option<Ipv4Addr>> {
    let k = host.subnet;
    let sid = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    let (oe, ok) = (&otherwise.en, &otherwise.ko);
    let nat = m.vpc.nat_gateways.get(n);
    let nid = nat.map(|x| x.id.clone()).unwrap_or_default();
    b.push(subnet_route_hop(
        m,
        k,
        &pkt,
        text!(
            "{sid} is private: 0.0.0.0/0 goes to NAT gateway {nid}",
            "{sid}은(는) 프라이빗 서브넷이다: 0.0.0.0/0이 NAT 게이트웨이 {nid}(으)로 간다"
        ),
    ));
    let eip = nat
        .and_then(|x| x.public_ip)
        .unwrap_or(Ipv4Addr::UNSPECIFIED);
    let nat_subnet = nat.and_then(|x| x.subnet);
    fabric::cross(b, m, Some(k), nat_subnet, pkt, EPHEMERAL_LINUX)?;
    let nat_public = nat_subnet
        .and_then(|s| m.subnets.get(s))
        .is_some_and(|s| s.is_public());
    b.push(
        Hop::new(
            ElementId::nat(&nid),
            Link::NatGateway,
            text!("NAT gateway {nid}", "NAT 게이트웨이 {nid}"),
            text!(
                "the NAT gateway rewrites the source to its Elastic IP {eip}",
                "NAT 게이트웨이가 출발지 주소를 자신의 탄력적 IP {eip}(으)로 바꾼다"
            ),
            IGW_CITE,
        )
        .packet(eip, pkt.to()),
    );
    if !nat_public {
        let (field, where_) = match nat_subnet {
            Some(s) => (
                format!("/vpc/subnets/{s}/defaultRoute"),
                m.subnets.get(s).map(|x| x.id.clone()).unwrap_or_default(),
            ),
            None => (format!("/vpc/natGateways/{n}/subnetId"), "?".to_string()),
        };
        return Err(Box::new(Blocked {
            at: ElementId::nat(&nid),
            code: Code::NoRouteToInternet,
            reason: text!(
                "NAT gateway {nid} sits in {where_}, which has no route to the internet gateway, so its traffic goes nowhere",
                "NAT 게이트웨이 {nid}이(가) 있는 {where_}에 인터넷 게이트웨이로 가는 경로가 없어 트래픽이 나가지 못한다"
            ),
            fix: text!(
                "put the NAT gateway in a public subnet (0.0.0.0/0 → internet gateway){oe}",
                "NAT 게이트웨이를 퍼블릭 서브넷(0.0.0.0/0 → 인터넷 게이트웨이)에 둔다{ok}"
            ),
            cite: Cite::new(Source::S003, "EKS Networking"),
            field: Some(field),
        }));
    }
    let from_nat = Packet { src: eip, ..pkt };
    fabric::cross(b, m, nat_subnet, None, from_nat, EPHEMERAL_ANY)?;
    let igw = m.vpc.internet_gateway.clone().unwrap_or_default();
    b.push(
        Hop::new(
            ElementId::fixed(fixed::IGW),
            Link::InternetGateway,
            text!("internet gateway {igw}", "인터넷 게이트웨이 {igw}"),
            text!(
                "the NAT gateway's subnet is public: out through the internet gateway",
                "NAT 게이트웨이의 서브넷은 퍼블릭이다: 인터넷 게이트웨이로 나간다"
            ),
            IGW_CITE,
        )
        .outside()
        .packet(eip, pkt.to()),
    );
    Ok(Some(eip))
}

/// [`egress`] through transit gateway `t`, to a central egress the scenario does
/// not describe.
fn via_transit(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    pkt: Packet,
    t: &str,
) -> Leg<Option<Ipv4Addr>> {
    let k = host.subnet;
    let sid = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    b.push(subnet_route_hop(
        m,
        k,
        &pkt,
        text!(
            "0.0.0.0/0 of {sid} goes to transit gateway {t}",
            "{sid}의 0.0.0.0/0이 트랜짓 게이트웨이 {t}(으)로 간다"
        ),
    ));
    b.push(
        Hop::new(
            ElementId::transit_gateway(t),
            Link::Connection,
            text!("transit gateway {t}", "트랜짓 게이트웨이 {t}"),
            text!(
                "beyond the transit gateway a central egress (not described in the scenario) takes the traffic out; its public address is unknown",
                "트랜짓 게이트웨이 너머의 중앙 출구(시나리오에 없음)가 트래픽을 내보낸다고 본다. 그 퍼블릭 주소는 알 수 없다"
            ),
            Cite::new(Source::S003, "EKS Networking"),
        )
        .outside()
        .packet(pkt.src, pkt.to()),
    );
    Ok(None)
}

/// [`egress`] where a route more specific than `0.0.0.0/0` sends `pkt.dst` to a
/// peering connection or a transit gateway (`id`): the packet leaves the VPC there,
/// to another network eksnet does not model, and the trace stops at the attachment
/// (Amazon VPC, "How route priority works"). Returns no public address.
pub(crate) fn leaves_via(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    pkt: Packet,
    id: &str,
    what: &str,
    what_ko: &str,
) -> Leg<Option<Ipv4Addr>> {
    let k = host.subnet;
    let tw = fabric::table_words(m, k);
    let dst = pkt.dst;
    let route = fabric::route_for(m, k, dst)
        .1
        .map(|r| r.describe())
        .unwrap_or_default();
    b.push(subnet_route_hop(
        m,
        k,
        &pkt,
        text!(
            "{tw}: the most specific route for {dst} is {route}",
            "{tw}: {dst}에 가장 구체적인 경로는 {route}이다"
        ),
    ));
    let at = if id.starts_with("tgw-") {
        ElementId::transit_gateway(id)
    } else {
        ElementId::network(id)
    };
    let mut hop = Hop::new(
        at,
        Link::Connection,
        text!("{what} {id}", "{what_ko} {id}"),
        text!(
            "leaves the VPC via {what} {id}: the network beyond is not modelled, so the trace stops here",
            "{what_ko} {id}(으)로 VPC를 떠난다. 그 너머의 네트워크는 모델링하지 않아 추적은 여기서 멈춘다"
        ),
        Cite::new(Source::AwsDocs, "Amazon VPC: How route priority works"),
    )
    .outside()
    .packet(pkt.src, pkt.to());
    hop.component = super::path::Component {
        id: id.to_string(),
        name: None,
    };
    b.push(hop);
    Ok(None)
}
