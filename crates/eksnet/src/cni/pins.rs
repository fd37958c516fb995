//! Pinned pod addresses (the scenario's `pods[].podIP`, as in source 004's console 1),
//! taken before anything else so that lowest-first allocation never hands them out.

use std::collections::{HashMap, HashSet};
use std::net::Ipv4Addr;

use super::ipam::GroupIpam;
use super::max_pods::AddressMode;
use super::pod_store::PodStore;
use crate::codes::Code;
use crate::diag::Severity;
use crate::model::{Holder, Ledger};
use crate::{text, Diagnostic, Model};

fn block28(ip: Ipv4Addr) -> u32 {
    u32::from(ip) & !15
}

/// Takes each usable pinned address in its pool (with prefix delegation, its whole
/// /28) and returns `pod → address`; unusable pins are diagnosed and the pod gets an
/// address the ordinary way.
pub(crate) fn reserve(
    model: &Model,
    ledger: &mut Ledger,
    groups: &[GroupIpam],
    pod_subnets: &[Option<usize>],
    pods: &PodStore,
    pinned_ips: &[(usize, usize, Ipv4Addr)],
    diags: &mut Vec<Diagnostic>,
) -> HashMap<usize, Ipv4Addr> {
    let mut pinned: HashMap<usize, Ipv4Addr> = HashMap::new();
    let mut blocks: HashMap<(usize, u32), usize> = HashMap::new();
    // Observed addresses already given to a pod (each goes to one pod only).
    let mut observed_seen: HashSet<Ipv4Addr> = HashSet::new();
    for &(pi, pin, ip) in pinned_ips {
        let Some(n) = pods.node(pi) else {
            continue;
        };
        let Some(node) = model.nodes.get(n) else {
            continue;
        };
        let g = groups.get(node.group);
        let path = format!("/pods/{pin}/podIP");
        let name = pods.name(pi).unwrap_or_default();
        if pods.host_network(pi) {
            if ip != node.private_ip {
                let nip = node.private_ip;
                diags.push(Diagnostic::new(
                    Code::PodIpUnusable,
                    path,
                    text!(
                        "pod {name} uses host networking, so its IP is its node's, {nip}, not {ip}",
                        "Pod {name}은(는) 호스트 네트워크를 써서 IP가 노드 IP {nip}이다. {ip}일 수 없다"
                    ),
                ));
            }
            continue;
        }
        if model.cluster.ip_family == crate::scenario::IpFamily::Ipv6 {
            diags.push(Diagnostic::new(
                Code::PodIpUnusable,
                path,
                text!(
                    "the cluster is IPv6: pod {name} gets an IPv6 address, its pinned IPv4 {ip} is ignored",
                    "IPv6 클러스터라 Pod {name}은(는) IPv6 주소를 받는다. 고정된 IPv4 {ip}은(는) 무시한다"
                ),
            )
            .severity(Severity::Warning));
            continue;
        }
        let Some(sub) = pod_subnets.get(n).copied().flatten() else {
            continue;
        };
        if !g.is_some_and(|g| g.cni_running && g.limits.is_some()) {
            // No CNI, no address: the pod waits in ContainerCreating.
            continue;
        }
        if !model.observed_enis.is_empty()
            && observed_seen.insert(ip)
            && observed_here(model, ledger, n, ip)
        {
            pinned.insert(pi, ip);
            continue;
        }
        let prefixes = g.is_some_and(|g| g.mode == AddressMode::Prefix);
        let ok = match ledger.pool_mut(sub) {
            Some(pool) if !pool.is_reserved(ip) => {
                if prefixes {
                    let b = block28(ip);
                    match blocks.get(&(sub, b)) {
                        Some(&owner) => owner == n && !pinned.values().any(|&x| x == ip),
                        None => {
                            let all_free = (0..16).all(|k| pool.is_free(Ipv4Addr::from(b + k)));
                            if all_free {
                                for k in 0..16 {
                                    pool.take(Ipv4Addr::from(b + k), Holder::Prefix);
                                }
                                blocks.insert((sub, b), n);
                            }
                            all_free
                        }
                    }
                } else {
                    pool.take(ip, Holder::PodAssigned)
                }
            }
            _ => false,
        };
        if ok {
            pinned.insert(pi, ip);
        } else {
            let sid = model
                .subnets
                .get(sub)
                .map(|s| s.id.clone())
                .unwrap_or_default();
            let what = if prefixes {
                text!(
                    "with prefix delegation its whole /28 must be free for this node",
                    "프리픽스 위임에서는 그 주소의 /28 전체가 이 노드를 위해 비어 있어야 한다"
                )
            } else {
                Default::default()
            };
            let (wen, wko) = (what.en, what.ko);
            diags.push(Diagnostic::new(
                Code::PodIpUnusable,
                path,
                text!(
                    "{ip} cannot be pod {name}'s IP: it must be a free, unreserved address of {sid}, the subnet of its node's pod ENIs {wen}",
                    "{ip}은(는) Pod {name}의 IP가 될 수 없다. 노드의 Pod ENI 서브넷 {sid}의 비어 있고 예약되지 않은 주소여야 한다 {wko}"
                ),
            )
            .fix(text!(
                "pick another address of {sid}, or leave podIP out",
                "{sid}의 다른 주소를 고르거나 podIP를 뺀다"
            )));
        }
    }
    pinned
}

/// Whether `ip` is a secondary address or in a /28 prefix of node `n`'s observed
/// ENIs (taken when the model was built): a secondary one turns from warm to a
/// pod's in its pool.
fn observed_here(model: &Model, ledger: &mut Ledger, n: usize, ip: Ipv4Addr) -> bool {
    for e in model.observed_enis_of(n) {
        if e.secondaries.contains(&ip) {
            if let Some(pool) = ledger.pool_mut(e.subnet) {
                pool.retag(Holder::Warm, Holder::PodAssigned, 1);
            }
            return true;
        }
        if e.prefixes.iter().any(|p| p.contains(&ip)) {
            return true;
        }
    }
    false
}
