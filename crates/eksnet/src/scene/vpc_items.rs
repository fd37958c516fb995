//! What the VPC block draws besides node groups, as small items: each subnet's
//! EKS-owned ENIs, NAT gateways and clients; the top band's internet gateway, VPC
//! resolver and VPC endpoints; the bottom band's security groups.

use super::kit::leaf_h;
use super::vpc::VpcOpts;
use super::{Role, View};
use crate::ids::fixed;
use crate::scenario::VpcEndpointType;
use crate::{text, Analysis, ElementId, Text};

/// A small item of a subnet or band.
pub(super) struct Item {
    pub(super) id: ElementId,
    pub(super) role: Role,
    pub(super) label: Text,
    pub(super) detail: Option<Text>,
    pub(super) classes: Vec<&'static str>,
}

impl Item {
    pub(super) fn size(&self) -> (f64, f64) {
        (
            super::kit::fit_icon_w(self.role, &self.id, &self.label, self.detail.as_ref())
                .max(120.0),
            leaf_h(self.detail.is_some()),
        )
    }
}

/// Each subnet's items other than node groups: EKS-owned ENIs, NAT gateways and
/// clients inside the VPC.
pub(super) fn subnet_items(a: &Analysis, o: &VpcOpts) -> Vec<Vec<Item>> {
    let m = &a.model;
    let mut items: Vec<Vec<Item>> = (0..m.subnets.len()).map(|_| Vec::new()).collect();
    for e in &m.eks_enis {
        if let Some(v) = items.get_mut(e.subnet) {
            v.push(Item {
                id: e.eid.clone(),
                role: Role::EksEni,
                label: text!("EKS-owned ENI", "EKS 소유 ENI"),
                detail: Some(Text::same(e.ip.to_string())),
                classes: Vec::new(),
            });
        }
    }
    for nat in &m.vpc.nat_gateways {
        if let Some(v) = nat.subnet.and_then(|s| items.get_mut(s)) {
            let id = &nat.id;
            v.push(Item {
                id: ElementId::nat(&nat.id),
                role: Role::Gateway,
                label: text!("NAT gateway {id}", "NAT 게이트웨이 {id}"),
                detail: nat.public_ip.map(|p| Text::same(format!("EIP {p}"))),
                classes: Vec::new(),
            });
        }
    }
    for cl in &m.clients {
        if let crate::model::ClientAt::Subnet { subnet, ip } = cl.at {
            if let Some(v) = items.get_mut(subnet) {
                let name = &cl.name;
                v.push(Item {
                    id: cl.eid.clone(),
                    role: Role::Client,
                    label: text!("kubectl on {name}", "{name}의 kubectl"),
                    detail: Some(
                        o.client_notes
                            .get(name)
                            .cloned()
                            .unwrap_or_else(|| Text::same(ip.to_string())),
                    ),
                    classes: Vec::new(),
                });
            }
        }
    }
    items
}

/// The top band's items: the internet gateway, the VPC resolver and the VPC
/// endpoints (squeezed, two or more as one box, unless the view's flow is an
/// image pull, which may go through them, or one of them is selected).
pub(super) fn band_items(a: &Analysis, o: &VpcOpts, view: &View) -> Vec<Item> {
    let m = &a.model;
    let mut band: Vec<Item> = Vec::new();
    if let Some(igw) = &m.vpc.internet_gateway {
        band.push(Item {
            id: ElementId::fixed(fixed::IGW),
            role: Role::Gateway,
            label: text!("Internet gateway", "인터넷 게이트웨이"),
            detail: Some(Text::same(igw.clone())),
            classes: Vec::new(),
        });
    }
    if o.services {
        let resolver = m
            .vpc
            .cidrs
            .first()
            .map(|c| std::net::Ipv4Addr::from(u32::from(c.network()).wrapping_add(2)));
        let on = m.vpc.dns_support;
        band.push(Item {
            id: ElementId::fixed(fixed::DNS_RESOLVER),
            role: Role::Dns,
            label: if on {
                text!("VPC resolver", "VPC 리졸버")
            } else {
                text!("VPC resolver (off)", "VPC 리졸버(꺼짐)")
            },
            detail: join_note(
                resolver.map(|r| Text::same(format!("AmazonProvidedDNS {r}"))),
                super::vpc_facts::dhcp_note(a),
            ),
            classes: if on { Vec::new() } else { vec!["absent"] },
        });
        let selected = view.selection.as_ref().is_some_and(|s| {
            m.vpc
                .endpoints
                .iter()
                .any(|e| ElementId::vpc_endpoint(&e.service).as_str() == s.thing())
        });
        if o.squeeze.fold_endpoints
            && m.vpc.endpoints.len() >= 2
            && !matches!(view.flow, Some(crate::Flow::Pull { .. }))
            && !selected
        {
            band.push(endpoints_item(a));
            return band;
        }
        for e in &m.vpc.endpoints {
            let svc = &e.service;
            let kind = match e.kind {
                VpcEndpointType::Interface => text!("interface", "인터페이스"),
                VpcEndpointType::Gateway => text!("gateway", "게이트웨이"),
            };
            let (ken, kko) = (&kind.en, &kind.ko);
            band.push(Item {
                id: ElementId::vpc_endpoint(&e.service),
                role: Role::Gateway,
                label: text!("Endpoint {svc}", "엔드포인트 {svc}"),
                detail: Some(text!("{ken}", "{kko}")),
                classes: Vec::new(),
            });
        }
    }
    band
}

/// The VPC's endpoints as one box: how many, each named (with its kind) in
/// its details.
fn endpoints_item(a: &Analysis) -> Item {
    let eps = &a.model.vpc.endpoints;
    let k = eps.len();
    let names = |ko: bool| {
        eps.iter()
            .map(|e| {
                let kind = match (e.kind, ko) {
                    (VpcEndpointType::Interface, false) => "interface",
                    (VpcEndpointType::Gateway, false) => "gateway",
                    (VpcEndpointType::Interface, true) => "인터페이스",
                    (VpcEndpointType::Gateway, true) => "게이트웨이",
                };
                format!("{} ({kind})", e.service)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (en, ko) = (names(false), names(true));
    Item {
        id: ElementId::fixed(fixed::VPC).part("endpoints"),
        role: Role::Gateway,
        label: text!("VPC endpoints: {k}", "VPC 엔드포인트 {k}개"),
        detail: Some(text!("{en}", "{ko}")),
        classes: vec!["aggregate"],
    }
}

/// The bottom band's items: the security groups, each saying what it is on.
pub(super) fn security_group_items(a: &Analysis, o: &VpcOpts) -> Vec<Item> {
    let m = &a.model;
    let mut sgs: Vec<Item> = Vec::new();
    if o.security_groups {
        let eks = m.eks_eni_security_groups();
        for (i, g) in m.security_groups.iter().enumerate() {
            let on_enis = eks.contains(&i);
            let on_nodes = m
                .node_groups
                .iter()
                .any(|ng| ng.security_groups.contains(&i));
            let what = match (on_enis, on_nodes) {
                (true, true) => text!("EKS ENIs and nodes", "EKS ENI와 노드"),
                (true, false) => text!("EKS ENIs", "EKS ENI"),
                (false, true) => text!("nodes", "노드"),
                (false, false) => text!("unused", "미사용"),
            };
            let (gid, wen, wko) = (&g.group_id, &what.en, &what.ko);
            sgs.push(Item {
                id: ElementId::security_group(&g.group_id),
                role: Role::SecurityGroup,
                label: text!("SG {gid}", "보안 그룹 {gid}"),
                detail: Some(text!("on {wen}", "적용: {wko}")),
                classes: Vec::new(),
            });
        }
    }
    sgs
}

/// `a`, then `b` after a separator (either may be missing).
pub(super) fn join_note(a: Option<Text>, b: Option<Text>) -> Option<Text> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let (ae, ak, be, bk) = (&a.en, &a.ko, &b.en, &b.ko);
            Some(text!("{ae} · {be}", "{ak} · {bk}"))
        }
        (a, b) => a.or(b),
    }
}
