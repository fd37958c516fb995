//! Legs through the VPC's own fabric: the route a subnet's table picks, and the
//! network ACLs a packet meets where it leaves one subnet and enters another (or the
//! VPC). See [`crate::model::fabric`] for the rules.
//!
//! Network ACLs are stateless (AWS VPC user guide, "Network ACL rules"): a request
//! that an ACL lets out still fails when the reply, addressed to the client's
//! ephemeral port, is not let back in. So each crossing checks the request's port and
//! the reply's port range, on both subnets' ACLs: the sender's outbound and inbound,
//! the receiver's inbound and outbound. A crossing between subnets without ACLs in
//! the scenario (the default ACL, which allows all) adds no hop.

use std::net::Ipv4Addr;

use super::builder::{Blocked, Builder, Leg, Packet};
use super::path::{AclRule, Component, RouteTableRoute};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::ids::ElementId;
use crate::model::fabric::{
    AclDecision, NetworkAclModel, RouteModel, RouteTableModel, RouteTarget,
};
use crate::model::Model;
use crate::text;
use crate::trace::{Hop, Link};
use crate::Text;

const ACL_CITE: Cite = Cite::new(Source::AwsDocs, "Amazon VPC: Network ACL rules");
const EPHEMERAL_CITE: Cite = Cite::new(
    Source::AwsDocs,
    "Amazon VPC: Network ACL rules, ephemeral ports",
);

/// The table of subnet `k` and the route it picks for `dst`.
pub(crate) fn route_for(
    m: &Model,
    k: usize,
    dst: Ipv4Addr,
) -> (Option<&RouteTableModel>, Option<&RouteModel>) {
    let t = m.route_table_of(k);
    let r = t.and_then(|t| t.lookup(dst)).map(|(_, r)| r);
    (t, r)
}

/// Names the route table and the route a routing hop used (its `component` and
/// `routeTableRoute`); an explicit table also names itself in the label.
pub(crate) fn annotate_route(m: &Model, k: usize, dst: Ipv4Addr, mut hop: Hop) -> Hop {
    let (Some(t), r) = route_for(m, k, dst) else {
        return hop;
    };
    let sid = m.subnets.get(k).map(|s| s.id.as_str()).unwrap_or_default();
    let name = t.name(sid);
    hop.component = Component {
        id: t.id.clone(),
        name: t.implied.then(|| name.en.clone()),
    };
    if !t.implied {
        let (ne, nk) = (&name.en, &name.ko);
        hop.label = text!("{ne} ({sid})", "{nk} ({sid})");
    }
    hop.route_table_route = r.map(|r| RouteTableRoute::of(t, r));
    hop
}

/// What a routing hop inside the VPC cites: the route table of the subnet a
/// packet leaves decides where it goes.
pub(crate) const ROUTE_CITE: Cite =
    Cite::new(Source::AwsDocs, "Amazon VPC: Configure route tables");

/// The routing hop of a packet inside the VPC, from subnet `from` towards
/// `pkt.dst` in subnet `to`. AWS routes a packet by the route table of the subnet
/// it leaves (Amazon VPC, "Configure route tables": routes "determine where
/// network traffic from your subnet … is directed", and apply to all traffic
/// that leaves a subnet), so the hop is at the sender's subnet and names the
/// sender's table and the route that matched: `local`, or a route more specific
/// than `local` (middlebox routing to an appliance, which eksnet takes to pass the
/// packet on), or a blackhole, which blocks there. `why` says how the local route
/// delivers. `from` `None` (the packet enters the VPC from outside, where no
/// subnet's table decides): the hop is at `to`, naming the `local` route every
/// table of the VPC has. The destination subnet gets its own hop, [`enter`].
pub(crate) fn route_from(
    b: &mut Builder,
    m: &Model,
    (from, to): (Option<usize>, usize),
    pkt: &Packet,
    why: Text,
) -> Leg {
    let k = from.unwrap_or(to);
    let (eid, sid) = m
        .subnets
        .get(k)
        .map(|s| (s.eid.clone(), s.id.clone()))
        .unwrap_or_else(|| (ElementId::subnet("?"), "?".into()));
    let dst = pkt.dst;
    let route = route_for(m, k, dst).1;
    let why = match route {
        Some(r) if r.target != RouteTarget::Local => {
            let (tw, rd) = (table_words(m, k), r.describe());
            if r.blackhole {
                text!(
                    "{tw}: {dst} matches the route {rd}, whose target is gone",
                    "{tw}: {dst}은(는) 대상이 사라진 경로 {rd}에 걸린다"
                )
            } else {
                text!(
                    "{tw}: {dst} matches {rd}, more specific than the local route: the packet goes through that appliance (middlebox routing), which eksnet takes to pass it on",
                    "{tw}: {dst}은(는) 로컬 경로보다 구체적인 {rd}에 걸린다: 패킷이 그 장비를 거친다(미들박스 라우팅). eksnet은 장비가 패킷을 넘겨준다고 본다"
                )
            }
        }
        _ if from.is_some() => {
            let tw = table_words(m, k);
            let (we, wk) = (&why.en, &why.ko);
            text!(
                "{tw} (the sender's subnet) decides: {we}",
                "{tw}(보내는 쪽 서브넷)이(가) 정한다: {wk}"
            )
        }
        _ => why,
    };
    let hop = Hop::new(
        eid,
        Link::VpcRouter,
        text!("route table of {sid}", "{sid}의 라우팅 테이블"),
        why,
        ROUTE_CITE,
    )
    .packet(pkt.src, pkt.to());
    b.push(annotate_route(m, k, dst, hop));
    match route {
        Some(r) if r.blackhole => Err(blackhole(m, k, r, dst)),
        _ => Ok(()),
    }
}

/// The packet entering subnet `to` from subnet `from` ([`route_from`] routed it):
/// a hop at the destination subnet, so that it is lit, with nothing decided
/// there. No hop within one subnet, or when the last hop is already there (its
/// network ACL).
pub(crate) fn enter(b: &mut Builder, m: &Model, (from, to): (Option<usize>, usize), pkt: &Packet) {
    let Some(s) = m.subnets.get(to) else {
        return;
    };
    if from == Some(to) || b.last_at() == Some(&s.eid) {
        return;
    }
    let sid = &s.id;
    b.push(
        Hop::new(
            s.eid.clone(),
            Link::Subnet,
            text!("into {sid}", "{sid}(으)로"),
            text!(
                "the packet enters {sid}, the destination's subnet (the sender's route table sent it here)",
                "패킷이 목적지의 서브넷 {sid}에 들어간다(보내는 쪽 라우팅 테이블이 이리로 보냈다)"
            ),
            ROUTE_CITE,
        )
        .packet(pkt.src, pkt.to()),
    );
}

/// How the route table of subnet `k` is named in explanations: the subnet for an
/// implied table (as before route tables were modelled), else `rtb-1 of subnet-a`.
pub(crate) fn table_words(m: &Model, k: usize) -> String {
    let sid = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    match m.route_table_of(k) {
        Some(t) if !t.implied => format!("{} of {sid}", t.id),
        _ => sid,
    }
}

/// The block of a route in state `blackhole` (its target was deleted).
pub(crate) fn blackhole(m: &Model, k: usize, r: &RouteModel, dst: Ipv4Addr) -> Box<Blocked> {
    let sid = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    let tid = m
        .route_table_of(k)
        .map(|t| t.id.clone())
        .unwrap_or_default();
    let route = r.describe();
    Box::new(Blocked {
        at: ElementId::subnet(&sid),
        code: Code::RouteBlackhole,
        reason: text!(
            "in route table {tid} of {sid}, {dst} matches the route {route}, whose target no longer exists: the traffic is dropped",
            "{sid}의 라우팅 테이블 {tid}에서 {dst}은(는) 대상이 더는 없는 경로 {route}에 걸려 버려진다"
        ),
        fix: text!(
            "point the route to a target that exists (e.g. a NAT gateway in a public subnet), or delete it",
            "경로를 존재하는 대상(예: 퍼블릭 서브넷의 NAT 게이트웨이)으로 바꾸거나 지운다"
        ),
        cite: Cite::new(Source::AwsDocs, "Amazon VPC: Configure route tables"),
        field: r.pointer.clone(),
    })
}

/// The ACL of a side of a crossing: `Some(subnet)` in the VPC, `None` outside.
fn acl_of(m: &Model, side: Option<usize>) -> Option<(usize, &NetworkAclModel)> {
    let k = side?;
    m.network_acl_of(k).map(|a| (k, a))
}

/// The sources an ACL hop cites: for the rule that decides the request, and for
/// the replies on ephemeral ports.
pub(crate) type AclCites = (Cite, Cite);

/// What a crossing cites by default: the VPC user guide's ACL rules.
pub(crate) const VPC_ACL_CITES: AclCites = (ACL_CITE, EPHEMERAL_CITE);

/// What a crossing into or out of a load balancer's subnet cites: the ELB guide's
/// recommended network ACL rules for the load balancer's and the targets' subnets
/// (listener and health check ports one way, 1024-65535 the other).
pub(crate) const ELB_ACL_CITES: AclCites = (ELB_ACL_CITE, ELB_ACL_CITE);

const ELB_ACL_CITE: Cite = Cite::new(
    Source::AwsDocs,
    "Elastic Load Balancing: Configure network ACLs for your load balancer",
);

/// A packet crossing from subnet `from` to subnet `to` (`None`: outside the VPC),
/// with its reply coming back to ports `reply` of the sender: each ACL on the way
/// decides the request and the reply. Nothing happens within one subnet.
pub(crate) fn cross(
    b: &mut Builder,
    m: &Model,
    from: Option<usize>,
    to: Option<usize>,
    pkt: Packet,
    reply: (u16, u16),
) -> Leg {
    cross_cited(b, m, (from, to), pkt, reply, VPC_ACL_CITES)
}

/// [`cross`], citing `cites`.
pub(crate) fn cross_cited(
    b: &mut Builder,
    m: &Model,
    (from, to): (Option<usize>, Option<usize>),
    pkt: Packet,
    reply: (u16, u16),
    cites: AclCites,
) -> Leg {
    if from == to {
        return Ok(());
    }
    if let Some((k, acl)) = acl_of(m, from) {
        acl_side(b, m, (k, acl), pkt, reply, true, cites)?;
    }
    if let Some((k, acl)) = acl_of(m, to) {
        acl_side(b, m, (k, acl), pkt, reply, false, cites)?;
    }
    Ok(())
}

/// One subnet's ACL: the request (outbound when `sending`, else inbound) and its
/// reply (the other direction, to or from the reply ports).
fn acl_side(
    b: &mut Builder,
    m: &Model,
    (k, acl): (usize, &NetworkAclModel),
    pkt: Packet,
    reply: (u16, u16),
    sending: bool,
    (acl_cite, ephemeral_cite): AclCites,
) -> Leg {
    let sid = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    let (aid, port) = (acl.id.clone(), pkt.port);
    let peer = if sending { pkt.dst } else { pkt.src };
    let request = acl.evaluate(sending, peer, (port, port));
    let (lo, hi) = reply;
    let answer = acl.evaluate(!sending, peer, reply);
    let (dir, dir_ko) = if sending {
        ("outbound", "아웃바운드")
    } else {
        ("inbound", "인바운드")
    };
    let (back, back_ko) = if sending {
        ("inbound", "인바운드")
    } else {
        ("outbound", "아웃바운드")
    };
    let rule = |d: AclDecision, egress: bool| match d {
        AclDecision::Allowed { entry } => AclRule::of(acl, Some(entry), egress),
        AclDecision::Denied { entry, .. } => AclRule::of(acl, entry, egress),
    };
    let req_rule = rule(request, sending);
    let (rq, rp) = (req_rule.describe(), rule(answer, !sending).describe());
    let mut hop = Hop::new(
        ElementId::subnet(&sid),
        Link::NetworkAcl,
        text!("network ACL {aid} ({sid})", "네트워크 ACL {aid} ({sid})"),
        text!(
            "{aid} guards {sid}, statelessly: {dir} {rq} decides TCP {port} to or from {peer}; the replies to ports {lo}-{hi} meet {back} {rp}",
            "{aid}이(가) {sid}을(를) 상태 없이 지킨다: {peer}와(과) 오가는 TCP {port}은(는) {dir_ko} {rq}, 포트 {lo}-{hi}(으)로 오는 응답은 {back_ko} {rp}이(가) 정한다"
        ),
        acl_cite,
    )
    .packet(pkt.src, pkt.to());
    hop.component = Component {
        id: aid.clone(),
        name: None,
    };
    hop.acl_rule = Some(req_rule);
    b.push(hop);
    let at = ElementId::subnet(&sid);
    if let AclDecision::Denied { entry, .. } = request {
        let n = acl.rule_number(entry);
        let field = entry
            .and_then(|e| acl.entries.get(e))
            .map_or(format!("{}/entries", acl.pointer), |e| e.pointer.clone());
        return Err(Box::new(Blocked {
            at,
            code: Code::NetworkAclDenies,
            reason: text!(
                "network ACL {aid} of {sid}: {dir} {rq} drops TCP {port} to or from {peer} (rules are read in ascending order; the first match decides)",
                "{sid}의 네트워크 ACL {aid}: {dir_ko} {rq}이(가) {peer}와(과) 오가는 TCP {port}을(를) 버린다(규칙은 번호 오름차순으로 읽고 처음 맞는 규칙이 정한다)"
            ),
            fix: text!(
                "add an {dir} allow rule for TCP {port} with a number below {n} to {aid}",
                "{aid}에 {n}보다 작은 번호로 TCP {port}을(를) 허용하는 {dir_ko} 규칙을 더한다"
            ),
            cite: acl_cite,
            field: Some(field),
        }));
    }
    if let AclDecision::Denied { entry, port: p } = answer {
        let field = entry
            .and_then(|e| acl.entries.get(e))
            .map_or(format!("{}/entries", acl.pointer), |e| e.pointer.clone());
        return Err(Box::new(Blocked {
            at,
            code: Code::NetworkAclDeniesReturn,
            reason: text!(
                "network ACL {aid} of {sid} lets the request through but {back} {rp} drops its replies (to port {p}; replies go to the client's ephemeral ports {lo}-{hi}): ACLs are stateless, so the connection times out",
                "{sid}의 네트워크 ACL {aid}은(는) 요청은 통과시키지만 {back_ko} {rp}이(가) 응답(포트 {p}; 응답은 클라이언트의 임시 포트 {lo}-{hi}(으)로 온다)을 버린다. ACL은 상태가 없어 연결이 시간 초과된다"
            ),
            fix: text!(
                "add an {back} allow rule to {aid} for TCP {lo}-{hi} to or from {peer} (its network)",
                "{aid}에 {peer}(또는 그 네트워크)와(과) 오가는 TCP {lo}-{hi}을(를) 허용하는 {back_ko} 규칙을 더한다"
            ),
            cite: ephemeral_cite,
            field: Some(field),
        }));
    }
    Ok(())
}

/// The way back from subnet `k` to `client` in connected network `net`, when the
/// route tables are given (with implied tables the network's `routed` flag says it):
/// the table's most specific route for the client must lead to a connection (a
/// virtual private gateway, a transit gateway or a peering connection).
pub(crate) fn return_route(
    b: &mut Builder,
    m: &Model,
    k: usize,
    client: Ipv4Addr,
    pkt: Packet,
    net: usize,
) -> Leg {
    let (t, r) = route_for(m, k, client);
    let sid = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    let tid = t.map(|t| t.id.clone()).unwrap_or_default();
    let name = m
        .networks
        .get(net)
        .map(|n| n.name.clone())
        .unwrap_or_default();
    let route = r.map(|r| r.describe());
    let why = match &route {
        Some(route) => text!(
            "replies to {client} leave {sid} by route table {tid}: {route}",
            "{client}(으)로 가는 응답은 라우팅 테이블 {tid}의 {route}(으)로 {sid}을(를) 나간다"
        ),
        None => text!(
            "route table {tid} of {sid} has no route for {client}",
            "{sid}의 라우팅 테이블 {tid}에 {client}(으)로 가는 경로가 없다"
        ),
    };
    let hop = Hop::new(
        ElementId::subnet(&sid),
        Link::VpcRouter,
        text!("route table of {sid}", "{sid}의 라우팅 테이블"),
        why,
        Cite::new(Source::AwsDocs, "Amazon VPC: How route priority works"),
    )
    .packet(pkt.dst, client);
    b.push(annotate_route(m, k, client, hop));
    match r {
        Some(r) if r.blackhole => Err(blackhole(m, k, r, client)),
        Some(r)
            if matches!(
                r.target,
                RouteTarget::VirtualPrivateGateway(_)
                    | RouteTarget::TransitGateway(_)
                    | RouteTarget::Peering(_)
            ) =>
        {
            Ok(())
        }
        _ => {
            let field = match r.and_then(|r| r.pointer.clone()) {
                Some(p) => p,
                None => t.map_or(String::new(), |t| format!("{}/routes", t.pointer)),
            };
            let lead = route.unwrap_or_else(|| "no route".into());
            Err(Box::new(Blocked {
                at: ElementId::subnet(&sid),
                code: Code::NoRouteToPrivateEndpoint,
                reason: text!(
                    "route table {tid} of {sid} sends replies to {client} by {lead}, not back through the connection to {name}: they never return",
                    "{sid}의 라우팅 테이블 {tid}이(가) {client}(으)로 가는 응답을 {name} 연결이 아닌 {lead}(으)로 보내 응답이 돌아가지 못한다"
                ),
                fix: text!(
                    "add a route for {name}'s CIDRs to its virtual private gateway, transit gateway or peering connection in {tid}",
                    "{tid}에 {name}의 CIDR을 그 가상 프라이빗 게이트웨이, 트랜짓 게이트웨이 또는 피어링 연결로 보내는 경로를 더한다"
                ),
                cite: Cite::new(Source::AwsDocs, "Amazon VPC: How route priority works"),
                field: Some(field),
            }))
        }
    }
}

/// The routing hop of a packet from subnet `k` to an AWS service that gateway
/// endpoint `id` serves: the `pl-… → vpce-…` route AWS adds to each route table the
/// endpoint is associated with (Amazon VPC, "Gateway endpoints"), which wins over
/// `0.0.0.0/0` for the service's addresses. `None`: the subnet's table has no such
/// route (the endpoint is not associated with it), so the service's traffic follows
/// the table's other routes.
pub(crate) fn gateway_endpoint_hop(m: &Model, k: usize, id: &str, pkt: &Packet) -> Option<Hop> {
    let t = m.route_table_of(k)?;
    let (_, r) = t.gateway_endpoint_route(&[id])?;
    let sid = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    let (tn, route) = (t.name(&sid), r.describe());
    let (te, tk) = (&tn.en, &tn.ko);
    let mut hop = Hop::new(
        ElementId::subnet(&sid),
        Link::VpcRouter,
        text!("{te} ({sid})", "{tk} ({sid})"),
        text!(
            "{te}: the service's prefix list matches the route {route} to gateway endpoint {id}, more specific than 0.0.0.0/0",
            "{tk}: 서비스의 프리픽스 목록이 게이트웨이 엔드포인트 {id}(으)로 가는 경로 {route}에 걸린다. 0.0.0.0/0보다 구체적이다"
        ),
        Cite::new(Source::AwsDocs, "Amazon VPC: Gateway endpoints"),
    )
    .packet(pkt.src, pkt.to());
    hop.component = Component {
        id: t.id.clone(),
        name: t.implied.then(|| te.clone()),
    };
    hop.route_table_route = Some(RouteTableRoute::of(t, r));
    Some(hop)
}
