//! The whole simulation: settings → scheduling → pinned addresses → each node's
//! allocation → Fargate → statuses, accounting and diagnostics.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::Ipv6Net;

use super::groups;
use super::ipam::{Eni, Ipam, NoIpCause, NodeIpam, Placement, PodProblem, PodStatus, SubnetIpam};
use super::max_pods::AddressMode;
use super::names;
use super::node::{allocate, NodeSpec, PodNeed};
use super::schedule::{schedule, SYSTEM_WORKLOADS};
use crate::cite::{Cite, Source};
use crate::diag::Severity;
use crate::model::Holder;
use crate::scenario::IpFamily;
use crate::{text, Diagnostic, ElementId, Model};

const CITE_POD_IP: Cite = Cite::new(Source::S004, "figure 2, console 1");

fn block28(ip: Ipv4Addr) -> u32 {
    u32::from(ip) & !15
}

/// Runs the CNI simulation on `model`, taking addresses from its pools, and appends
/// what it finds to `diags`. Never panics.
pub fn simulate(model: &mut Model, diags: &mut Vec<Diagnostic>) -> Ipam {
    let groups = groups::resolve(model, diags);
    let pod_subnets = groups::pod_subnets(model, diags);
    let sched = schedule(model, &groups, diags);
    let mut pods = sched.pods;
    let mut workloads = sched.workloads;
    let ipv6 = model.cluster.ip_family == IpFamily::Ipv6;

    // ---- pinned addresses, before anything else takes them
    let mut pinned: HashMap<usize, Ipv4Addr> = HashMap::new();
    let mut blocks: HashMap<(usize, u32), usize> = HashMap::new();
    for &(pi, pin, ip) in &sched.pinned_ips {
        let Some(n) = pods.get(pi).and_then(|p| p.node) else {
            continue;
        };
        let Some(node) = model.nodes.get(n) else {
            continue;
        };
        let g = groups.get(node.group);
        let path = format!("/pods/{pin}/podIP");
        let name = pods.get(pi).map(|p| p.name.clone()).unwrap_or_default();
        if pods.get(pi).is_some_and(|p| p.host_network) {
            if ip != node.private_ip {
                let nip = node.private_ip;
                diags.push(Diagnostic {
                    severity: Severity::Error,
                    code: "pod-ip-unusable",
                    path,
                    message: text!(
                        "pod {name} uses host networking, so its IP is its node's, {nip}, not {ip}",
                        "Pod {name}은(는) 호스트 네트워크를 써서 IP가 노드 IP {nip}이다. {ip}일 수 없다"
                    ),
                    fix: None,
                    cite: CITE_POD_IP,
                });
            }
            continue;
        }
        if ipv6 {
            diags.push(Diagnostic {
                severity: Severity::Warning,
                code: "pod-ip-unusable",
                path,
                message: text!(
                    "the cluster is IPv6: pod {name} gets an IPv6 address, its pinned IPv4 {ip} is ignored",
                    "IPv6 클러스터라 Pod {name}은(는) IPv6 주소를 받는다. 고정된 IPv4 {ip}은(는) 무시한다"
                ),
                fix: None,
                cite: CITE_POD_IP,
            });
            continue;
        }
        let Some(sub) = pod_subnets.get(n).copied().flatten() else {
            continue;
        };
        if !g.is_some_and(|g| g.cni_running && g.limits.is_some()) {
            // No CNI, no address: the pod waits in ContainerCreating.
            continue;
        }
        let prefixes = g.is_some_and(|g| g.mode == AddressMode::Prefix);
        let ok = match model.pools.get_mut(sub).and_then(Option::as_mut) {
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
            diags.push(Diagnostic {
                severity: Severity::Error,
                code: "pod-ip-unusable",
                path,
                message: text!(
                    "{ip} cannot be pod {name}'s IP: it must be a free, unreserved address of {sid}, the subnet of its node's pod ENIs {wen}",
                    "{ip}은(는) Pod {name}의 IP가 될 수 없다. 노드의 Pod ENI 서브넷 {sid}의 비어 있고 예약되지 않은 주소여야 한다 {wko}"
                ),
                fix: Some(text!(
                    "pick another address of {sid}, or leave podIP out",
                    "{sid}의 다른 주소를 고르거나 podIP를 뺀다"
                )),
                cite: CITE_POD_IP,
            });
        }
    }

    // ---- each EC2 node
    let mut nodes_out = Vec::with_capacity(model.nodes.len());
    let mut needs: Vec<PodNeed> = Vec::new();
    for (n, node_pods) in sched.node_pods.iter().enumerate() {
        let Some(node) = model.nodes.get(n) else {
            break;
        };
        let Some(g) = groups.get(node.group) else {
            break;
        };
        let pod_subnet = pod_subnets.get(n).copied().flatten();
        let mut out = NodeIpam {
            eid: node.eid.clone(),
            node: n,
            ready: g.cni_running,
            max_pods: g.kubelet_max_pods,
            mode: g.mode,
            pod_subnet,
            enis: Vec::new(),
            ipv6_prefix: None,
            pods: node_pods.clone(),
            shortfall: None,
        };
        let eth0 = |custom: bool| Eni {
            eid: ElementId::node_eni(&node.name, 0),
            index: 0,
            id: names::eni_id(&node.name, 0),
            subnet: node.subnet,
            primary_ip: node.private_ip,
            hosts_pods: !custom,
            slots: Vec::new(),
            prefixes: Vec::new(),
        };
        needs.clear();
        for &pi in node_pods {
            let Some(p) = pods.get_mut(pi) else { continue };
            if p.host_network {
                p.ip = Some(IpAddr::V4(node.private_ip));
                p.subnet = Some(node.subnet);
            } else {
                needs.push(PodNeed {
                    pod: pi,
                    pinned: pinned.get(&pi).copied(),
                });
            }
        }
        let fail = |pods: &mut Vec<super::ipam::Pod>, needs: &[PodNeed], cause: NoIpCause| {
            for nd in needs {
                if let Some(p) = pods.get_mut(nd.pod) {
                    p.problem = Some(PodProblem::NoIp { cause });
                }
            }
        };
        let custom = model.scenario.cni.custom_network_cfg && !ipv6;
        if !g.cni_running || g.limits.is_none() {
            out.enis.push(eth0(false));
            fail(&mut pods, &needs, NoIpCause::CniNotRunning);
            if !needs.is_empty() {
                out.shortfall = Some(NoIpCause::CniNotRunning);
            }
        } else if g.mode == AddressMode::Ipv6 {
            out.enis.push(eth0(false));
            match groups::ipv6_block(model, node.subnet) {
                Some(block) => {
                    let node_bits = u128::from(u32::from(node.private_ip) & 0xffff) << 48;
                    let base = u128::from(block.network()) | node_bits;
                    out.ipv6_prefix = Ipv6Net::new(Ipv6Addr::from(base), 80).ok();
                    for (k, nd) in needs.iter().enumerate() {
                        if let Some(p) = pods.get_mut(nd.pod) {
                            p.ip = Some(IpAddr::V6(Ipv6Addr::from(base + k as u128 + 1)));
                            p.subnet = Some(node.subnet);
                            p.eni = Some(0);
                        }
                    }
                }
                None => {
                    fail(&mut pods, &needs, NoIpCause::NoIpv6Block);
                    if !needs.is_empty() {
                        out.shortfall = Some(NoIpCause::NoIpv6Block);
                    }
                }
            }
        } else if let (Some(sub), Some(l)) = (pod_subnet, g.limits) {
            let spec = NodeSpec {
                max_enis: l.max_enis,
                slots_per_eni: l.slots_per_eni(),
                prefixes: g.mode == AddressMode::Prefix,
                custom,
                warm: g.warm,
                max_pods: g.kubelet_max_pods,
                pod_subnet: sub,
            };
            let res = allocate(spec, node, &needs, &mut model.pools);
            for (pi, e, ip) in res.assigned {
                if let Some(p) = pods.get_mut(pi) {
                    p.ip = Some(IpAddr::V4(ip));
                    p.eni = Some(e);
                    p.subnet = res.enis.get(e).map(|x| x.subnet);
                }
            }
            let cause = res.shortfall.unwrap_or(NoIpCause::EniLimit);
            for pi in res.unassigned {
                if let Some(p) = pods.get_mut(pi) {
                    p.problem = Some(PodProblem::NoIp { cause });
                }
            }
            out.enis = res.enis;
            out.shortfall = res.shortfall;
        } else {
            out.enis.push(eth0(custom));
            fail(&mut pods, &needs, NoIpCause::NoEniConfig);
            out.shortfall = Some(NoIpCause::NoEniConfig);
        }
        nodes_out.push(out);
    }

    // ---- Fargate: one micro-VM per pod, round robin over the group's subnets
    let mut rr: HashMap<usize, usize> = HashMap::new();
    for p in pods.iter_mut() {
        let Placement::Fargate { group } = p.placement else {
            continue;
        };
        let subs = model
            .node_groups
            .get(group)
            .map(|g| g.subnets.clone())
            .unwrap_or_default();
        if subs.is_empty() {
            p.placement = Placement::Unscheduled;
            p.problem = Some(PodProblem::Unschedulable {
                nodes: 0,
                not_ready: 0,
                mismatched: 0,
                full: 0,
            });
            continue;
        }
        let k = rr.entry(group).or_insert(0);
        let sub = subs[*k % subs.len()];
        *k += 1;
        match model
            .pools
            .get_mut(sub)
            .and_then(Option::as_mut)
            .and_then(|pool| pool.take_next(Holder::PodAssigned))
        {
            Some(ip) => {
                p.ip = Some(IpAddr::V4(ip));
                p.subnet = Some(sub);
            }
            None => {
                p.problem = Some(PodProblem::NoIp {
                    cause: NoIpCause::SubnetFull { subnet: sub },
                })
            }
        }
    }

    // ---- statuses and workload counts
    let first_system = workloads.len().saturating_sub(SYSTEM_WORKLOADS);
    for p in pods.iter_mut() {
        p.status = match (p.placement, p.ip.is_some()) {
            (Placement::Unscheduled, _) => PodStatus::Pending,
            (_, true) => PodStatus::Running,
            (_, false) => PodStatus::ContainerCreating,
        };
        let w = workloads.get_mut(p.workload);
        let mut ready = w.as_ref().is_some_and(|w| w.ready) && p.status == PodStatus::Running;
        if p.workload == first_system {
            // aws-node is the CNI: not ready where the CNI cannot run.
            ready &= p
                .node
                .and_then(|n| model.nodes.get(n))
                .and_then(|n| groups.get(n.group))
                .is_some_and(|g| g.cni_running);
        }
        p.ready = ready;
        if let Some(w) = w {
            if p.status == PodStatus::Running {
                w.running += 1;
            } else {
                w.not_running += 1;
            }
        }
    }

    let subnets = accounting(model, &nodes_out, &pods);
    let ipam = Ipam {
        groups,
        nodes: nodes_out,
        pods,
        workloads,
        subnets,
    };
    super::report::diagnose(model, &ipam, diags);
    ipam
}

fn accounting(model: &Model, nodes: &[NodeIpam], pods: &[super::ipam::Pod]) -> Vec<SubnetIpam> {
    let mut out: Vec<SubnetIpam> = model
        .subnets
        .iter()
        .enumerate()
        .map(|(k, _)| SubnetIpam {
            subnet: k,
            accounting: model
                .pools
                .get(k)
                .and_then(|p| p.as_ref())
                .map(|p| p.accounting()),
            enis: 0,
            assigned: 0,
            warm: 0,
            prefixes: 0,
        })
        .collect();
    for n in nodes {
        for e in &n.enis {
            let Some(s) = out.get_mut(e.subnet) else {
                continue;
            };
            s.enis += 1;
            s.prefixes += e.prefixes.len() as u32;
            for slot in e.all_slots() {
                if slot.pod.is_some() {
                    s.assigned += 1;
                } else {
                    s.warm += 1;
                }
            }
        }
    }
    for p in pods {
        if let (Placement::Fargate { .. }, Some(k), Some(_)) = (p.placement, p.subnet, p.ip) {
            if let Some(s) = out.get_mut(k) {
                s.assigned += 1;
            }
        }
    }
    out
}
