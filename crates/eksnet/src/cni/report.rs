//! Diagnostics about the simulation's outcome, aggregated (one per workload, node group
//! and cause, or subnet), so that a cluster of 100,000 nodes does not drown in them.

use std::collections::BTreeMap;

use super::ipam::{Ipam, NoIpCause, Placement, Pod, PodProblem};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::{text, Diagnostic, Model, Text};

const CITE_IP: Cite = Cite::new(Source::S004, "figure 3");
const CITE_PREFIX: Cite = Cite::new(Source::VpcCni, "docs/prefix-and-ip-target.md");

/// Appends the outcome's diagnostics; `troubled` lists the pods with a problem.
pub(crate) fn diagnose(m: &Model, ipam: &Ipam, troubled: &[usize], diags: &mut Vec<Diagnostic>) {
    let troubled = || troubled.iter().filter_map(|&i| ipam.pods.get(i));
    unschedulable(m, ipam, troubled(), diags);
    without_ip(m, ipam, troubled(), diags);
    warm_short(m, ipam, diags);
    subnets(m, ipam, diags);
}

fn unschedulable(
    m: &Model,
    ipam: &Ipam,
    troubled: impl Iterator<Item = Pod>,
    diags: &mut Vec<Diagnostic>,
) {
    // workload → (count, first problem)
    let mut by: BTreeMap<usize, (u32, PodProblem)> = BTreeMap::new();
    for p in troubled {
        if let Some(pr @ PodProblem::Unschedulable { .. }) = p.problem {
            by.entry(p.workload).or_insert((0, pr)).0 += 1;
        }
    }
    for (w, (count, pr)) in by {
        let Some(info) = ipam.workloads.get(w) else {
            continue;
        };
        let path = match info.scenario_index {
            Some(i) => format!("/workloads/{i}/replicas"),
            None => "/nodeGroups".into(),
        };
        let name = &info.name;
        let (pods_en, stay) = pods_stay(count);
        let msg = pr.message(m);
        let (men, mko) = (msg.en, msg.ko);
        let fix = match pr {
            PodProblem::Unschedulable { full, .. } if full > 0 => text!(
                "add nodes (desiredSize), pick an instance type with more ENIs and IPs, or enable prefix delegation",
                "노드를 늘리거나(desiredSize), ENI와 IP가 더 많은 인스턴스 유형을 고르거나, 프리픽스 위임을 켠다"
            ),
            PodProblem::Unschedulable { mismatched, .. } if mismatched > 0 => text!(
                "fix the workload's nodeSelector so that it matches a node's labels",
                "워크로드의 nodeSelector를 노드 레이블에 맞게 고친다"
            ),
            _ => text!(
                "give the cluster nodes that can run the pods",
                "이 Pod를 돌릴 수 있는 노드를 클러스터에 둔다"
            ),
        };
        diags.push(
            Diagnostic::new(
                Code::PodsUnschedulable,
                path,
                text!(
                    "{pods_en} of {name} {stay} Pending: {men}",
                    "{name}의 Pod {count}개가 Pending에 머문다: {mko}"
                ),
            )
            .fix(fix),
        );
    }
}

/// "1 pod" and "stays", or "3 pods" and "stay".
fn pods_stay(n: u32) -> (String, &'static str) {
    let n = n as usize;
    (
        crate::text::count(n, "pod", "pods"),
        if n == 1 { "stays" } else { "stay" },
    )
}

fn cause_path(m: &Model, group: usize, node_subnet: Option<usize>, cause: NoIpCause) -> String {
    match cause {
        NoIpCause::SubnetFull { subnet } | NoIpCause::NoContiguousPrefix { subnet } => {
            format!("/vpc/subnets/{subnet}")
        }
        NoIpCause::NoIpv6Block => match node_subnet {
            Some(k) => format!("/vpc/subnets/{k}/ipv6CidrBlock"),
            None => "/vpc/subnets".into(),
        },
        NoIpCause::NoEniConfig => "/cni/eniConfigs".into(),
        NoIpCause::EniLimit | NoIpCause::MaxPods | NoIpCause::CniNotRunning => {
            if m.node_groups.get(group).is_some() {
                format!("/nodeGroups/{group}/instanceType")
            } else {
                "/nodeGroups".into()
            }
        }
    }
}

fn cause_fix(cause: NoIpCause) -> Text {
    match cause {
        NoIpCause::SubnetFull { .. } => text!(
            "use a larger subnet, spread nodes over more subnets, lower the warm targets (WARM_IP_TARGET, MINIMUM_IP_TARGET), or use custom networking with a larger ENIConfig subnet",
            "더 큰 서브넷을 쓰거나, 노드를 더 많은 서브넷에 나누거나, 웜 목표(WARM_IP_TARGET, MINIMUM_IP_TARGET)를 낮추거나, 더 큰 ENIConfig 서브넷으로 커스텀 네트워킹을 쓴다"
        ),
        NoIpCause::NoContiguousPrefix { .. } => text!(
            "set aside /28 blocks for prefixes with a subnet CIDR reservation of type prefix (aws ec2 create-subnet-cidr-reservation --reservation-type prefix), give the nodes a dedicated subnet (or an ENIConfig subnet) that nothing else fragments, and lower WARM_PREFIX_TARGET or use WARM_IP_TARGET / MINIMUM_IP_TARGET so that fewer /28s are held warm",
            "type이 prefix인 서브넷 CIDR 예약으로 프리픽스용 /28 블록을 떼어 두거나(aws ec2 create-subnet-cidr-reservation --reservation-type prefix), 다른 것이 쪼개지 않는 전용 서브넷(또는 ENIConfig 서브넷)을 노드에 주고, WARM_PREFIX_TARGET을 낮추거나 WARM_IP_TARGET / MINIMUM_IP_TARGET을 써서 웜으로 잡아 두는 /28을 줄인다"
        ),
        NoIpCause::EniLimit => text!(
            "lower maxPodsOverride to what the ENIs can address, or enable prefix delegation",
            "maxPodsOverride를 ENI가 줄 수 있는 주소 수로 낮추거나 프리픽스 위임을 켠다"
        ),
        NoIpCause::MaxPods => text!("raise the kubelet's max pods", "kubelet의 max pods를 올린다"),
        NoIpCause::NoEniConfig => text!(
            "add an ENIConfig for the node's availability zone",
            "노드의 가용 영역에 맞는 ENIConfig를 추가한다"
        ),
        NoIpCause::NoIpv6Block => text!(
            "associate an IPv6 /64 with the subnet and turn on IPv6 auto-assign",
            "서브넷에 IPv6 /64를 연결하고 IPv6 자동 할당을 켠다"
        ),
        NoIpCause::CniNotRunning => text!(
            "fix the node group so that the VPC CNI runs (see the other diagnostics)",
            "VPC CNI가 돌도록 노드 그룹을 고친다(다른 진단 참고)"
        ),
    }
}

/// For a prefix that found no free aligned /28: the subnet's numbers (free addresses
/// against free aligned /28 blocks), as a sentence to append; empty otherwise.
fn fragmentation(m: &Model, ipam: &Ipam, cause: NoIpCause) -> Text {
    let NoIpCause::NoContiguousPrefix { subnet } = cause else {
        return text!("", "");
    };
    let Some(s) = ipam.subnets.get(subnet) else {
        return text!("", "");
    };
    let free = s.accounting.as_ref().map_or(0, |a| a.free);
    let blocks = s.free_blocks28;
    let sid = m.subnets.get(subnet).map_or("", |x| x.id.as_str());
    text!(
        ". Subnet {sid} has {free} free addresses but {blocks} free aligned /28 blocks: prefix delegation needs all 16 addresses of an aligned /28 free, so the addresses left are fragmented.",
        ". 서브넷 {sid}에는 빈 주소가 {free}개 있지만 정렬된 빈 /28 블록은 {blocks}개다: 프리픽스 위임은 정렬된 /28의 주소 16개가 모두 비어 있어야 하므로 남은 주소는 조각나 있다."
    )
}

fn without_ip(
    m: &Model,
    ipam: &Ipam,
    troubled: impl Iterator<Item = Pod>,
    diags: &mut Vec<Diagnostic>,
) {
    // (group, cause code, path) → (count, cause)
    type Key = (usize, &'static str, String);
    let mut by: BTreeMap<Key, (u32, NoIpCause)> = BTreeMap::new();
    for p in troubled {
        let Some(PodProblem::NoIp { cause }) = p.problem else {
            continue;
        };
        let (group, node_subnet) = match p.placement {
            Placement::Node { node } => match m.nodes.get(node) {
                Some(n) => (n.group, Some(n.subnet)),
                None => continue,
            },
            Placement::Fargate { group } => (group, None),
            Placement::Unscheduled => continue,
        };
        let key = (
            group,
            cause.code(),
            cause_path(m, group, node_subnet, cause),
        );
        by.entry(key).or_insert((0, cause)).0 += 1;
    }
    for ((group, _, path), (count, cause)) in by {
        let g = m.node_groups.get(group).map_or("", |g| g.name.as_str());
        let (pods_en, stay) = pods_stay(count);
        let msg = cause.message(m);
        let (men, mko) = (msg.en, msg.ko);
        let frag = fragmentation(m, ipam, cause);
        let (fen, fko) = (frag.en, frag.ko);
        diags.push(
            Diagnostic::new(
                Code::PodsWithoutIp,
                path,
                text!(
                    "{pods_en} of node group {g} {stay} ContainerCreating without an IP. {men}{fen}",
                    "노드 그룹 {g}의 Pod {count}개가 IP 없이 ContainerCreating에 머문다. {mko}{fko}"
                ),
            )
            .fix(cause_fix(cause))
            .cite(match cause {
                NoIpCause::NoContiguousPrefix { .. } => CITE_PREFIX,
                _ => CITE_IP,
            }),
        );
    }
}

fn warm_short(m: &Model, ipam: &Ipam, diags: &mut Vec<Diagnostic>) {
    let mut by: BTreeMap<usize, (u32, NoIpCause)> = BTreeMap::new();
    for n in &ipam.nodes {
        if let Some(
            c @ (NoIpCause::SubnetFull { subnet } | NoIpCause::NoContiguousPrefix { subnet }),
        ) = n.shortfall
        {
            let starved = n
                .pods()
                .any(|p| matches!(ipam.pods.problem(p), Some(PodProblem::NoIp { .. })));
            if !starved {
                by.entry(subnet).or_insert((0, c)).0 += 1;
            }
        }
    }
    if by.is_empty() {
        return;
    }
    // Pods of the same subnet left without an IP (on other nodes): the warm pools
    // are short, and so are those pods.
    let mut waiting: BTreeMap<usize, u32> = BTreeMap::new();
    for i in 0..ipam.pods.len() {
        if let Some(PodProblem::NoIp {
            cause: NoIpCause::SubnetFull { subnet } | NoIpCause::NoContiguousPrefix { subnet },
        }) = ipam.pods.problem(i)
        {
            *waiting.entry(subnet).or_insert(0) += 1;
        }
    }
    for (k, (count, cause)) in by {
        let sid = m.subnets.get(k).map_or("", |s| s.id.as_str());
        let nodes_en = crate::text::count(count as usize, "node", "nodes");
        let why = match cause {
            NoIpCause::NoContiguousPrefix { .. } => text!(
                "no free contiguous /28 is left for another prefix",
                "프리픽스로 쓸 연속된 빈 /28이 더 없다"
            ),
            _ => text!("no free address is left", "빈 주소가 더 없다"),
        };
        let (wen, wko) = (why.en, why.ko);
        let now = match waiting.get(&k).copied().unwrap_or(0) {
            0 => text!(
                "every pod has an IP, but the next ones there will wait",
                "지금 Pod는 모두 IP가 있지만 다음 Pod는 기다린다"
            ),
            1 => text!(
                "1 pod of this subnet already has no IP (see pods-without-ip), and the next ones will wait too",
                "이 서브넷의 Pod 1개는 이미 IP가 없고(pods-without-ip 참고) 다음 Pod도 기다린다"
            ),
            w => text!(
                "{w} pods of this subnet already have no IP (see pods-without-ip), and the next ones will wait too",
                "이 서브넷의 Pod {w}개는 이미 IP가 없고(pods-without-ip 참고) 다음 Pod도 기다린다"
            ),
        };
        let (nen, nko) = (now.en, now.ko);
        let frag = fragmentation(m, ipam, cause);
        let (fen, fko) = (frag.en, frag.ko);
        diags.push(Diagnostic::new(
            Code::WarmPoolShort,
            format!("/vpc/subnets/{k}"),
            text!(
                "on {nodes_en} the CNI could not fill its warm pool from subnet {sid}: {wen}; {nen}{fen}",
                "노드 {count}대에서 CNI가 서브넷 {sid}로 웜 풀을 채우지 못했다: {wko}. {nko}{fko}"
            ),
        )
        .fix(cause_fix(cause)));
    }
}

fn subnets(m: &Model, ipam: &Ipam, diags: &mut Vec<Diagnostic>) {
    for s in &ipam.subnets {
        let Some(acc) = &s.accounting else { continue };
        let used_by_pods = s.enis > 0 || s.assigned > 0;
        if !used_by_pods {
            continue;
        }
        let usable = acc.total.saturating_sub(5);
        if acc.free.saturating_mul(10) >= usable {
            continue;
        }
        let sid = m.subnets.get(s.subnet).map_or("", |x| x.id.as_str());
        let free = acc.free;
        let (warm, assigned) = (s.warm, s.assigned);
        diags.push(Diagnostic::new(
            Code::SubnetNearlyExhausted,
            format!("/vpc/subnets/{}", s.subnet),
            text!(
                "subnet {sid} has {free} of {usable} usable addresses free (under 10%): {assigned} held by pods, {warm} warm",
                "서브넷 {sid}의 사용 가능한 주소 {usable}개 중 {free}개만 남았다(10% 미만): Pod가 {assigned}개, 웜 풀이 {warm}개를 잡고 있다"
            ),
        )
        .fix(text!(
            "plan a larger subnet, lower the warm targets, or add a subnet (or a secondary VPC CIDR with custom networking)",
            "더 큰 서브넷을 계획하거나, 웜 목표를 낮추거나, 서브넷(또는 커스텀 네트워킹용 보조 VPC CIDR)을 추가한다"
        )));
    }
}
