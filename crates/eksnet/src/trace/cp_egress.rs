//! The control plane's own outbound traffic to an endpoint on the internet (the
//! cluster's external OIDC issuer, an admission webhook served at a public URL):
//! `egress:<what>`.
//!
//! EKS user guide, "Configuring control plane egress routing": with
//! `controlPlaneEgressMode` `AWS_MANAGED` (the default) EKS manages the egress path
//! from the control plane ENIs and no NAT gateway or other routing is needed; with
//! `CUSTOMER_ROUTED` the kube-apiserver's traffic leaves through the cross-account
//! (EKS-owned) ENIs in the cluster subnets and follows that subnet's route table, to
//! an egress device such as a NAT gateway, then the internet; the customer is
//! responsible for the control plane reaching webhook servers and OIDC providers
//! (EKS API, `VpcConfigRequest.controlPlaneEgressMode`). The API also lists
//! `CUSTOMER_ISOLATED`, which the user guide does not describe: it is traced as the
//! customer's routing (the path its name and the guide's "customer" modes share),
//! and the trace says so.

use std::net::Ipv4Addr;

use super::builder::{Builder, Leg, Packet};
use super::control::no_enis;
use super::egress;
use super::route::{self, Host};
use super::security::Peer;
use crate::cite::{Cite, Source};
use crate::ids::{fixed, ElementId};
use crate::model::{EksEni, Model};
use crate::scenario::ControlPlaneEgressMode as Mode;
use crate::text;
use crate::trace::{Hop, Link, Trace};
use crate::Text;

/// The AWS page every hop of this flow cites.
pub(crate) const CITE: Cite = Cite::new(
    Source::AwsDocs,
    "Amazon EKS: Configuring control plane egress routing",
);

/// Stand-in public address of the external endpoint (documentation range,
/// RFC 5737 TEST-NET-3).
pub const EXTERNAL_STAND_IN: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 80);

/// What `egress:<what>` calls the endpoint, in both languages.
pub(crate) fn endpoint_words(what: &str) -> Text {
    match what {
        "oidc" => text!("the OIDC issuer", "OIDC 발급자"),
        "webhook" => text!("an external webhook", "외부 웹훅"),
        other => text!("{other}", "{other}"),
    }
}

/// The address `egress:<what>` calls: `what` itself when it is an IPv4 address
/// (a webhook at a private address, in a peered VPC or behind a transit gateway),
/// else the stand-in public address.
pub(crate) fn destination(what: &str) -> Ipv4Addr {
    what.parse().unwrap_or(EXTERNAL_STAND_IN)
}

/// Traces the API server → `what` on the internet, port 443.
pub(crate) fn trace(m: &Model, flow: String, what: &str) -> Trace {
    let w = endpoint_words(what);
    let (we, wk) = (&w.en, &w.ko);
    let mut b = Builder::new(
        flow,
        text!(
            "API server → {we} on the internet",
            "API 서버 → 인터넷의 {wk}"
        ),
    );
    let outcome = leg(&mut b, m, what, destination(what));
    b.finish(outcome)
}

/// The element of the endpoint `egress:<what>` calls: a part of the internet
/// (`internet#oidc`), which the world scenes draw as its own box in the
/// internet's while the flow is shown (other scenes light the internet).
pub(crate) fn destination_element(what: &str) -> ElementId {
    ElementId::fixed(fixed::INTERNET).part(what)
}

fn leg(b: &mut Builder, m: &Model, what: &str, dst: Ipv4Addr) -> Leg {
    let w = &endpoint_words(what);
    let mode = m.cluster.egress_mode.as_str();
    let (we, wk) = (&w.en, &w.ko);
    b.push(
        Hop::new(
            ElementId::fixed(fixed::API_SERVER),
            Link::ApiServer,
            text!("kube-apiserver", "kube-apiserver"),
            text!(
                "the API server calls {we} at {dst}:443 (controlPlaneEgressMode {mode})",
                "API 서버가 {wk}을(를) {dst}:443으로 부른다 (controlPlaneEgressMode {mode})"
            ),
            CITE,
        )
        .outside(),
    );
    let public = if m.cluster.egress_mode.customer_routes() {
        let before = b.len();
        let out = customer_routed(b, m, dst)?;
        // A route to a peering connection or transit gateway took it out of the
        // VPC to a network not modelled: the trace ends there.
        if b.len() > before
            && b.last_link() == Some(Link::Connection)
            && out.is_none()
            && !dst_public(dst)
        {
            return Ok(());
        }
        out
    } else {
        b.push(
            Hop::new(
                ElementId::fixed(fixed::CONTROL_PLANE),
                Link::Internet,
                text!("EKS-managed egress", "EKS가 관리하는 egress"),
                text!(
                    "AWS_MANAGED: Amazon EKS manages the egress path from the control plane; no route, NAT gateway or security group of yours is on it",
                    "AWS_MANAGED: 컨트롤 플레인의 egress 경로는 Amazon EKS가 관리한다. 고객의 경로, NAT 게이트웨이, 보안 그룹은 거치지 않는다"
                ),
                CITE,
            )
            .outside(),
        );
        None
    };
    let src = public.map_or_else(|| "EKS".to_string(), |ip| ip.to_string());
    b.push(
        Hop::new(
            destination_element(what),
            Link::Internet,
            text!("{we} (internet)", "{wk} (인터넷)"),
            text!(
                "{we} answers the API server (the request came from {src})",
                "{wk}이(가) API 서버에 답한다 (요청의 출발지: {src})"
            ),
            CITE,
        )
        .outside()
        .packet(src, format!("{dst}:443")),
    );
    Ok(())
}

/// Whether the API server's traffic from `eni` gets to the internet by the
/// customer's routes (the egress leg of [`trace`], without its hops).
pub(crate) fn reaches_internet(m: &Model, eni: &EksEni) -> Leg<Option<Ipv4Addr>> {
    let mut b = Builder::new(String::new(), Text::default());
    from_eni(&mut b, m, eni, EXTERNAL_STAND_IN)
}

/// Whether `ip` is a public address (not RFC 1918, loopback or link-local).
fn dst_public(ip: Ipv4Addr) -> bool {
    !(ip.is_private() || ip.is_loopback() || ip.is_link_local() || ip.is_unspecified())
}

/// The customer's routing: out of an EKS-owned ENI, its security groups' egress
/// rules, then the ENI's subnet's route table (NAT gateway → internet gateway).
fn customer_routed(b: &mut Builder, m: &Model, dst: Ipv4Addr) -> Leg<Option<Ipv4Addr>> {
    let eni =
        route::pick_eni(m, None).ok_or_else(|| no_enis(&ElementId::fixed(fixed::API_SERVER)))?;
    from_eni(b, m, eni, dst)
}

fn from_eni(b: &mut Builder, m: &Model, eni: &EksEni, dst: Ipv4Addr) -> Leg<Option<Ipv4Addr>> {
    let pkt = Packet {
        src: eni.ip,
        dst,
        port: 443,
    };
    let mut hop = route::eks_eni_hop(m, eni, &pkt, false);
    let isolated = if m.cluster.egress_mode == Mode::CustomerIsolated {
        " (CUSTOMER_ISOLATED, which the user guide does not describe, is traced as the customer's routing)"
    } else {
        ""
    };
    let isolated_ko = if isolated.is_empty() {
        ""
    } else {
        " (사용자 가이드에 설명이 없는 CUSTOMER_ISOLATED는 고객 라우팅으로 추적한다)"
    };
    hop.why.en.push_str(&format!(
        "; controlPlaneEgressMode routes the API server's outbound traffic through this ENI and your routes{isolated}"
    ));
    hop.why.ko.push_str(&format!(
        ". controlPlaneEgressMode에 따라 API 서버의 나가는 트래픽이 이 ENI와 고객의 경로를 따른다{isolated_ko}"
    ));
    b.push(hop);
    let groups = m.eks_eni_security_groups();
    route::sg_egress(
        b,
        m,
        &groups,
        pkt,
        &Peer {
            ip: dst,
            groups: &[],
        },
    )?;
    let host = Host {
        eid: eni.eid.clone(),
        subnet: eni.subnet,
        ip: eni.ip,
        public_ip: None,
        groups: &groups,
        public_ip_field: "/cluster/resourcesVpcConfig/subnetIds".into(),
    };
    let otherwise = text!(
        " (the EKS-owned ENIs have no public address: the cluster subnets need a NAT gateway)",
        " (EKS 소유 ENI에는 퍼블릭 주소가 없으므로 클러스터 서브넷에 NAT 게이트웨이가 필요하다)"
    );
    egress::egress(b, m, &host, pkt, &otherwise)
}
