//! Who holds what in one /28 block: each address with its owner and the element
//! holding it (node, ENI, pod, load balancer, NAT gateway, reservation), for the
//! "Subnet addresses" scene's selection and `eksnet subnets --subnet`.

use std::net::Ipv4Addr;

use serde::Serialize;

use super::{owner_bytes, Owner};
use crate::cni::Placement;
use crate::model::ClientAt;
use crate::{Analysis, ElementId};

/// One address of a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressDetail {
    /// The address.
    pub ip: Ipv4Addr,
    /// Who holds it.
    pub owner: Owner,
    /// What holds it, in words (`ip-192-168-46-6 eth1`, `default/web-0`, ...).
    pub holder: Option<String>,
    /// The element holding it, to select in the other scenes (node, ENI, pod, load
    /// balancer, NAT gateway).
    pub element: Option<ElementId>,
}

/// The 16 addresses of block `block` of subnet `subnet` (an index into
/// `model.subnets`), lowest first; empty when there is no such block.
pub fn block_detail(a: &Analysis, subnet: usize, block: usize) -> Vec<AddressDetail> {
    range_detail(a, subnet, block.saturating_mul(16), 16)
}

/// Every held address of subnet `subnet`, lowest first (free ones left out).
pub fn subnet_detail(a: &Analysis, subnet: usize) -> Vec<AddressDetail> {
    let mut all = range_detail(a, subnet, 0, usize::MAX);
    all.retain(|d| d.owner != Owner::Free);
    all
}

/// `len` addresses of subnet `subnet` from offset `first`, with their holders.
fn range_detail(a: &Analysis, subnet: usize, first: usize, len: usize) -> Vec<AddressDetail> {
    let Some((cidr, bytes)) = owner_bytes(a, subnet) else {
        return Vec::new();
    };
    let Some(owners) = bytes.get(first..first.saturating_add(len).min(bytes.len())) else {
        return Vec::new();
    };
    if owners.is_empty() {
        return Vec::new();
    }
    let span = owners.len() as u32;
    let base = u32::from(cidr.network()).saturating_add(first as u32);
    let mut out: Vec<AddressDetail> = owners
        .iter()
        .zip(0u32..)
        .map(|(&b, i)| AddressDetail {
            ip: Ipv4Addr::from(base.saturating_add(i)),
            owner: Owner::from_u8(b),
            holder: None,
            element: None,
        })
        .collect();
    let mut name = |k: usize, ip: Ipv4Addr, what: String, el: Option<ElementId>| {
        let off = u32::from(ip).wrapping_sub(base);
        if k != subnet || off >= span {
            return;
        }
        if let Some(d) = out.get_mut(off as usize) {
            d.holder = Some(what);
            d.element = el;
        }
    };
    let m = &a.model;
    for r in &m.cidr_reservations {
        let (first, last) = (u32::from(r.cidr.network()), u32::from(r.cidr.broadcast()));
        for ip in first.max(base)..=last.min(base.saturating_add(span - 1)) {
            name(r.subnet, ip.into(), r.id.clone(), None);
        }
    }
    for n in &m.vpc.nat_gateways {
        if let (Some(k), Some(ip)) = (n.subnet, n.private_ip) {
            name(k, ip, n.id.clone(), Some(n.eid.clone()));
        }
    }
    for e in &m.eks_enis {
        name(e.subnet, e.ip, "EKS-owned ENI".into(), Some(e.eid.clone()));
    }
    for n in &m.nodes {
        name(
            n.subnet,
            n.private_ip,
            format!("{} eth0", n.name),
            Some(n.eid.clone()),
        );
    }
    for c in &m.clients {
        if let ClientAt::Subnet { subnet: k, ip } = c.at {
            name(k, ip, c.name.clone(), Some(c.eid.clone()));
        }
    }
    for n in &a.ipam.nodes {
        let node = m.nodes.get(n.node).map_or("", |x| x.name.as_str());
        for e in n.enis() {
            if e.index > 0 {
                name(
                    e.subnet,
                    e.primary_ip,
                    format!("{node} {} ({})", e.name(), e.id()),
                    Some(e.eid()),
                );
            }
            for s in e.all_slots() {
                match s.pod.and_then(|p| a.ipam.pods.get(p as usize)) {
                    Some(p) => name(
                        e.subnet,
                        s.ip,
                        format!("{}/{} on {node} {}", p.namespace, p.name, e.name()),
                        Some(p.eid()),
                    ),
                    None => name(
                        e.subnet,
                        s.ip,
                        format!("{node} {} (warm)", e.name()),
                        Some(e.eid()),
                    ),
                }
            }
        }
    }
    // Only Fargate pods are named here: the others are read field by field.
    let pods = &a.ipam.pods;
    let fargate = (0..pods.len())
        .filter(|&i| matches!(pods.placement(i), Some(Placement::Fargate { .. })))
        .filter_map(|i| pods.get(i));
    for p in fargate {
        if let (Placement::Fargate { .. }, Some(k), Some(ip)) = (p.placement, p.subnet, p.ipv4()) {
            name(
                k,
                ip,
                format!("{}/{} (Fargate)", p.namespace, p.name),
                Some(p.eid()),
            );
        }
    }
    for lb in &a.lbs.load_balancers {
        for n in &lb.nodes {
            name(
                n.subnet,
                n.private_ip,
                lb.name.clone(),
                Some(lb.eid.clone()),
            );
        }
    }
    out
}
