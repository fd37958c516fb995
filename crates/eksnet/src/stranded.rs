//! Stranded nodes: pinned nodes whose subnet's CIDR block no longer holds their
//! address, and the two ways to fix that.
//!
//! A node group's pins (`nodes[]`) name a subnet and a private address. When the
//! subnet's CIDR changes so that an address falls outside it, the analysis
//! drops the node (`node-ip-unusable` at its pin: a node's primary address is a
//! free, unreserved address of its subnet) and the pods pinned to it go to other
//! nodes. This module finds those nodes ([`stranded`]) and edits the scenario to
//! [`unpin`] them (the analysis then allocates them from their group's subnets)
//! or to [`move_in`] them to the lowest free addresses of the new block. A CIDR
//! written with host bits set, which AWS refuses, has its [`network_address`].
//!
//! Containment and address arithmetic are `ipnet`'s; nothing here panics on any
//! scenario or index.
//!
//! ```
//! use eksnet::{analyze, stranded, Scenario};
//! let mut s = Scenario::example();
//! s.vpc.subnets[0].cidr_block = "192.168.32.0/26".into();
//! let a = analyze(&s);
//! let st = stranded::stranded(&s, &a, 0);
//! assert_eq!(st.nodes.len(), 2); // 192.168.46.6 and 192.168.48.175
//! stranded::move_in(&mut s, &a, 0);
//! let ip: std::net::Ipv4Addr = s.node_groups[0].nodes[0].private_ip.parse().unwrap();
//! assert!(a.model.subnets[0].cidr.unwrap().contains(&ip));
//! assert!(stranded::stranded(&s, &analyze(&s), 0).nodes.is_empty());
//! ```

use std::net::Ipv4Addr;

use ipnet::{Ipv4AddrRange, Ipv4Net};

use crate::model::names::{short_node_name, short_node_name_of};
use crate::model::SubnetPool;
use crate::{Analysis, Scenario};

/// The pinned nodes of one subnet outside its block, and the pods pinned to them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stranded {
    /// `(node group, pin, address)` of each pinned node outside the block, in
    /// scenario order.
    pub nodes: Vec<(usize, usize, Ipv4Addr)>,
    /// Indices into `Scenario::pods` of the pods pinned to those nodes.
    pub pods: Vec<usize>,
}

/// Whether pod pin `node_name` names the node at `ip` (by address or by name,
/// `ip-a-b-c-d` with or without its domain).
pub fn names_node(node_name: &str, ip: Ipv4Addr) -> bool {
    let n = node_name.trim();
    n.parse::<Ipv4Addr>().ok() == Some(ip) || short_node_name(n) == short_node_name_of(ip)
}

/// The analysed subnet of scenario subnet `k` (its index among the model's).
fn model_subnet(a: &Analysis, k: usize) -> Option<usize> {
    let pointer = format!("/vpc/subnets/{k}");
    a.model.subnets.iter().position(|m| m.pointer == pointer)
}

/// The pinned nodes of subnet `k` (scenario order) whose address is outside the
/// block the analysis parsed for it, and their pinned pods. Empty when the
/// subnet or its block is unknown.
pub fn stranded(s: &Scenario, a: &Analysis, k: usize) -> Stranded {
    let Some(sub) = s.vpc.subnets.get(k) else {
        return Stranded::default();
    };
    let Some(net) = model_subnet(a, k).and_then(|m| a.model.subnets[m].cidr) else {
        return Stranded::default();
    };
    let id = sub.subnet_id.trim();
    let mut out = Stranded::default();
    for (gi, g) in s.node_groups.iter().enumerate() {
        for (pi, pin) in g.nodes.iter().enumerate() {
            if pin.subnet_id.trim() != id {
                continue;
            }
            if let Ok(ip) = pin.private_ip.trim().parse::<Ipv4Addr>() {
                if !net.contains(&ip) {
                    out.nodes.push((gi, pi, ip));
                }
            }
        }
    }
    out.pods = s
        .pods
        .iter()
        .enumerate()
        .filter(|(_, p)| out.nodes.iter().any(|n| names_node(&p.node_name, n.2)))
        .map(|(i, _)| i)
        .collect();
    out
}

/// Unpins the stranded nodes of subnet `k` (the analysis then allocates them
/// from their group's subnets) and lets their pinned pods be scheduled anywhere.
pub fn unpin(s: &mut Scenario, a: &Analysis, k: usize) {
    let st = stranded(s, a, k);
    for &p in &st.pods {
        let pod = &mut s.pods[p];
        pod.node_name.clear();
        pod.pod_ip = None;
    }
    // Highest pin first, so that earlier indices stay valid.
    let mut pins = st.nodes;
    crate::sort::sort_by_key(&mut pins, |p| std::cmp::Reverse((p.0, p.1)));
    for (g, p, _) in pins {
        s.node_groups[g].nodes.remove(p);
    }
}

/// The addresses of `pool`'s block, lowest first, that a node can be given: free
/// in the pool, not one of AWS's five reserved, and not in `taken`.
pub fn free_addresses<'a>(
    pool: &'a SubnetPool,
    taken: &'a [Ipv4Addr],
) -> impl Iterator<Item = Ipv4Addr> + 'a {
    let net: Ipv4Net = pool.net();
    Ipv4AddrRange::new(net.network(), net.broadcast())
        .filter(move |ip| pool.is_free(*ip) && !pool.is_reserved(*ip) && !taken.contains(ip))
}

/// Moves the stranded nodes of subnet `k` to the lowest [`free_addresses`] of its
/// new block (as far as there are any; the rest stay), and their pinned pods
/// with them (each pod's node follows; its old address, outside the block, is
/// let go). An address another pin already names is never given.
pub fn move_in(s: &mut Scenario, a: &Analysis, k: usize) {
    let st = stranded(s, a, k);
    let Some(pool) = model_subnet(a, k)
        .and_then(|m| a.model.pools.get(m))
        .and_then(Option::as_ref)
    else {
        return;
    };
    let taken: Vec<Ipv4Addr> = s
        .node_groups
        .iter()
        .flat_map(|g| g.nodes.iter())
        .filter_map(|p| p.private_ip.trim().parse().ok())
        .collect();
    let mut free = free_addresses(pool, &taken);
    for (g, p, old) in st.nodes {
        let Some(new) = free.next() else { break };
        s.node_groups[g].nodes[p].private_ip = new.to_string();
        for &q in &st.pods {
            let pod = &mut s.pods[q];
            if names_node(&pod.node_name, old) {
                pod.node_name = new.to_string();
                pod.pod_ip = None;
            }
        }
    }
}

/// The network of a CIDR written with host bits set (`192.168.32.5/19` →
/// `192.168.32.0/19`); `None` when no host bit is set or it is no IPv4 CIDR.
/// Spaces around the address and the length are allowed.
///
/// ```
/// use eksnet::stranded::network_address;
/// assert_eq!(network_address("192.168.32.5/19").unwrap().to_string(), "192.168.32.0/19");
/// assert_eq!(network_address("192.168.32.0/19"), None);
/// ```
pub fn network_address(cidr: &str) -> Option<Ipv4Net> {
    let (ip, len) = cidr.trim().split_once('/')?;
    let ip: Ipv4Addr = ip.trim().parse().ok()?;
    let len: u8 = len.trim().parse().ok()?;
    let net = Ipv4Net::new(ip, len).ok()?;
    (net.network() != ip).then(|| net.trunc())
}

#[cfg(test)]
#[path = "stranded_tests.rs"]
mod tests;
