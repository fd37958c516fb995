//! A pinned node's observed ENIs (the scenario's `nodeGroups[].nodes[].enis`, from
//! `aws ec2 describe-network-interfaces`): checked and their addresses taken in
//! their subnets' pools right after the node's own address, so nothing else (an
//! unpinned node, a load balancer, another node's simulated warm pool) takes them.
//!
//! Each address that cannot be placed (it does not parse, lies outside the ENI's
//! subnet, is reserved or already held; a prefix that is not an aligned /28 or
//! whose block is not wholly free) is left out with an `eni-address-unusable`
//! warning at its JSON pointer; an ENI whose subnet is unknown is left out whole.

use super::*;
use crate::scenario::NodePin;

impl Builder<'_> {
    /// Node `node`'s (its IP `node_ip`) observed ENIs from `pin`, by device index.
    pub(super) fn observed_enis(
        &mut self,
        ppath: &str,
        pin: &NodePin,
        node: usize,
        node_ip: Ipv4Addr,
    ) {
        let mut out: Vec<ObservedEniModel> = Vec::new();
        for (j, e) in pin.enis.iter().enumerate() {
            let epath = format!("{ppath}/enis/{j}");
            let Some(sub) = self.subnet_ref(format!("{epath}/subnetId"), &e.subnet_id) else {
                continue;
            };
            if out.iter().any(|x| x.device_index == e.device_index) {
                let d = e.device_index;
                self.push(Diagnostic::new(
                    Code::DuplicateId,
                    format!("{epath}/deviceIndex"),
                    text!(
                        "two ENIs of this node at device index {d}: the second is left out",
                        "이 노드의 두 ENI가 장치 인덱스 {d}에 있어 두 번째를 뺀다"
                    ),
                ));
                continue;
            }
            let ppath = format!("{epath}/privateIpAddress");
            let primary = if e.device_index == 0 {
                // eth0's primary address is the node IP (taken with the node).
                match e.private_ip_address.parse::<Ipv4Addr>() {
                    Ok(ip) if ip == node_ip => Some(ip),
                    _ => {
                        let v = &e.private_ip_address;
                        self.push(unusable(
                            ppath,
                            text!(
                                "eth0's primary address {v} is not the node IP {node_ip}: the node IP is used",
                                "eth0의 기본 주소 {v}이(가) 노드 IP {node_ip}이(가) 아니어서 노드 IP를 쓴다"
                            ),
                        ));
                        Some(node_ip)
                    }
                }
            } else {
                self.take_ip(&ppath, &e.private_ip_address, sub, Holder::EniPrimary)
            };
            let Some(primary_ip) = primary else {
                continue;
            };
            let mut secondaries = Vec::with_capacity(e.secondary_private_ip_addresses.len());
            for (k, v) in e.secondary_private_ip_addresses.iter().enumerate() {
                let path = format!("{epath}/secondaryPrivateIpAddresses/{k}");
                secondaries.extend(self.take_ip(&path, v, sub, Holder::Warm));
            }
            let mut prefixes = Vec::with_capacity(e.ipv4_prefixes.len());
            for (k, v) in e.ipv4_prefixes.iter().enumerate() {
                let path = format!("{epath}/ipv4Prefixes/{k}");
                prefixes.extend(self.take_prefix(&path, v, sub));
            }
            out.push(ObservedEniModel {
                node,
                id: e.network_interface_id.clone(),
                subnet: sub,
                device_index: e.device_index,
                primary_ip,
                secondaries,
                prefixes,
            });
        }
        crate::sort::sort_by_key(&mut out, |e| e.device_index);
        self.observed.extend(out);
    }

    /// Takes address `v` of subnet `sub` for `h`; `None` (diagnosed at `path`)
    /// when it cannot.
    fn take_ip(&mut self, path: &str, v: &str, sub: usize, h: Holder) -> Option<Ipv4Addr> {
        let Ok(ip) = v.parse::<Ipv4Addr>() else {
            self.push(invalid_ip(path.to_string(), v));
            return None;
        };
        let ok = match self.pools.get_mut(sub) {
            Some(Some(pool)) => !pool.is_reserved(ip) && pool.take(ip, h),
            _ => false,
        };
        if ok {
            return Some(ip);
        }
        let sid = self.subnet_id(sub);
        self.push(unusable(
            path.to_string(),
            text!(
                "{ip} is not a free, unreserved address of {sid}: left out",
                "{ip}은(는) {sid}의 비어 있고 예약되지 않은 주소가 아니어서 뺀다"
            ),
        ));
        None
    }

    /// Subnet `sub`'s id, for a diagnostic (`?` when there is none).
    fn subnet_id(&self, sub: usize) -> String {
        self.subnets
            .get(sub)
            .map_or("?", |s| s.id.as_str())
            .to_string()
    }

    /// Takes the /28 `v` of subnet `sub` whole; `None` (diagnosed at `path`) when
    /// it is not an aligned /28 whose 16 addresses are all free.
    fn take_prefix(&mut self, path: &str, v: &str, sub: usize) -> Option<Ipv4Net> {
        let net = v
            .parse::<Ipv4Net>()
            .ok()
            .filter(|n| n.prefix_len() == 28 && n.network() == n.addr());
        let Some(net) = net else {
            self.push(unusable(
                path.to_string(),
                text!(
                    "`{v}` is not an aligned /28 prefix: left out",
                    "`{v}`은(는) 정렬된 /28 프리픽스가 아니어서 뺀다"
                ),
            ));
            return None;
        };
        let base = u32::from(net.network());
        let ok = match self.pools.get_mut(sub) {
            Some(Some(pool)) => {
                let free = (0..16).all(|k| {
                    let a = Ipv4Addr::from(base + k);
                    pool.is_free(a) && !pool.is_reserved(a)
                });
                if free {
                    for k in 0..16 {
                        pool.take(Ipv4Addr::from(base + k), Holder::Prefix);
                    }
                }
                free
            }
            _ => false,
        };
        if ok {
            return Some(net);
        }
        let sid = self.subnet_id(sub);
        self.push(unusable(
            path.to_string(),
            text!(
                "prefix {net} is not a wholly free /28 of {sid}: left out",
                "프리픽스 {net}은(는) {sid}에서 통째로 비어 있는 /28이 아니어서 뺀다"
            ),
        ));
        None
    }
}

fn unusable(path: String, msg: crate::Text) -> Diagnostic {
    Diagnostic::new(Code::EniAddressUnusable, path, msg)
}
