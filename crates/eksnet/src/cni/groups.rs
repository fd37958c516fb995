//! The CNI's settings per node group: limits, address mode, max pods, warm policy, and
//! the subnet pods use on each node (custom networking's ENIConfigs).

use ipnet::Ipv6Net;

use super::ipam::{GroupIpam, WarmPolicy};
use super::limits;
use super::max_pods::{max_pods_for, AddressMode, MaxPodsError, MaxPodsOptions, CAP_LOW_CPU};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::model::NodeGroupModel;
use crate::scenario::{CniConfig, IpFamily, NodeGroupKind};
use crate::{text, Diagnostic, Model};

const CITE_PD: Cite = Cite::new(Source::S003, "Increased available IP addresses for Pods");
const CITE_IPV6: Cite = Cite::new(
    Source::S003,
    "Assigning IPv6 addresses to pods and services",
);
const CITE_CUSTOM: Cite = Cite::new(Source::AwsDocs, "VPC CNI custom networking");

/// Resolves every node group (see the module docs), diagnosing what the CNI would
/// refuse or work around.
pub(crate) fn resolve(m: &Model, diags: &mut Vec<Diagnostic>) -> Vec<GroupIpam> {
    let c = &m.cni;
    let ipv6 = m.cluster.ip_family == IpFamily::Ipv6;
    let pd = c.enable_prefix_delegation;
    let custom = c.custom_network_cfg;
    let ip_mode = c.warm_ip_target.unwrap_or(0) > 0 || c.minimum_ip_target.unwrap_or(0) > 0;
    let has_ec2 = m
        .node_groups
        .iter()
        .any(|g| g.kind != NodeGroupKind::Fargate);

    let mut ipv6_blocked = false;
    if ipv6 && has_ec2 && !pd {
        ipv6_blocked = true;
        diags.push(Diagnostic::new(
            Code::Ipv6NeedsPrefixDelegation,
            "/cni/ENABLE_PREFIX_DELEGATION",
            text!(
                "an IPv6 cluster needs prefix delegation: without it the VPC CNI does not start and nodes stay NotReady",
                "IPv6 클러스터에는 프리픽스 위임이 필요하다. 없으면 VPC CNI가 시작하지 않아 노드가 NotReady로 남는다"
            ),
        )
        .fix(text!("set ENABLE_PREFIX_DELEGATION to true", "ENABLE_PREFIX_DELEGATION을 true로 한다")));
    }
    if ipv6 && has_ec2 && custom {
        ipv6_blocked = true;
        diags.push(Diagnostic::new(
            Code::Ipv6CustomNetworking,
            "/cni/AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
            text!(
                "the VPC CNI does not support custom networking in IPv6 clusters; it does not start",
                "VPC CNI는 IPv6 클러스터에서 커스텀 네트워킹을 지원하지 않아 시작하지 않는다"
            ),
        )
        .fix(text!("turn custom networking off", "커스텀 네트워킹을 끈다")));
    }
    if pd && !ip_mode && c.warm_prefix_target == Some(0) {
        diags.push(Diagnostic::new(
            Code::WarmPrefixZero,
            "/cni/WARM_PREFIX_TARGET",
            text!(
                "WARM_PREFIX_TARGET 0 is not supported with prefix delegation: no prefix is kept warm, so pods wait for EC2 calls",
                "프리픽스 위임에서 WARM_PREFIX_TARGET 0은 지원되지 않는다. 여분 프리픽스가 없어 Pod가 EC2 호출을 기다린다"
            ),
        )
        .fix(text!("leave it at 1, or set WARM_IP_TARGET", "1로 두거나 WARM_IP_TARGET을 쓴다")));
    }

    let set = Settings {
        c,
        ipv6,
        pd,
        custom,
        ip_mode,
        ipv6_blocked,
    };
    m.node_groups
        .iter()
        .enumerate()
        .map(|(gi, g)| resolve_group(&set, gi, g, diags))
        .collect()
}

/// The settings of the VPC CNI that every node group shares.
struct Settings<'m> {
    c: &'m CniConfig,
    ipv6: bool,
    pd: bool,
    custom: bool,
    ip_mode: bool,
    /// The CNI does not start at all (an IPv6 cluster it cannot serve).
    ipv6_blocked: bool,
}

/// The warm pool the CNI keeps in `mode`: WARM_IP_TARGET / MINIMUM_IP_TARGET when
/// set, else WARM_PREFIX_TARGET with prefixes, else WARM_ENI_TARGET.
fn warm_policy(c: &CniConfig, ip_mode: bool, mode: AddressMode) -> WarmPolicy {
    if ip_mode {
        WarmPolicy::Ip {
            warm_ip_target: c.warm_ip_target.unwrap_or(0),
            minimum_ip_target: c.minimum_ip_target.unwrap_or(0),
        }
    } else if mode == AddressMode::Prefix {
        WarmPolicy::Prefix {
            warm_prefix_target: c.warm_prefix_target.unwrap_or(1),
        }
    } else {
        WarmPolicy::Eni {
            warm_eni_target: c.warm_eni_target.unwrap_or(1),
        }
    }
}

/// Node group `gi`: its limits, address mode, max pods and warm pool, diagnosing
/// what the CNI would refuse or work around.
fn resolve_group(
    set: &Settings<'_>,
    gi: usize,
    g: &NodeGroupModel,
    diags: &mut Vec<Diagnostic>,
) -> GroupIpam {
    let Settings {
        c,
        ipv6,
        pd,
        custom,
        ip_mode,
        ipv6_blocked,
    } = *set;
    let path = format!("/nodeGroups/{gi}/instanceType");
    let warm_for = |mode| warm_policy(c, ip_mode, mode);
    if g.kind == NodeGroupKind::Fargate {
        return GroupIpam {
            limits: None,
            mode: if ipv6 {
                AddressMode::Ipv6
            } else {
                AddressMode::SecondaryIp
            },
            max_pods: None,
            kubelet_max_pods: 1,
            warm: warm_for(AddressMode::SecondaryIp),
            cni_running: true,
        };
    }
    let kubelet_default = c.max_pods_override.unwrap_or(CAP_LOW_CPU);
    let l = match limits::find(&g.instance_type) {
        Ok(l) => l,
        Err(u) => {
            let t = &g.instance_type;
            let fix = if u.suggestions.is_empty() {
                text!(
                    "use an EC2 instance type the VPC CNI knows, e.g. m5.large",
                    "VPC CNI가 아는 EC2 인스턴스 유형을 쓴다. 예: m5.large"
                )
            } else {
                let n = u.suggestions.join(", ");
                text!("did you mean {n}?", "{n}을(를) 뜻했나?")
            };
            diags.push(Diagnostic::new(
                Code::UnknownInstanceType,
                path,
                text!(
                    "the VPC CNI has no limits for instance type `{t}`: aws-node cannot size its pool and the nodes stay NotReady",
                    "VPC CNI에 인스턴스 유형 `{t}`의 한도가 없다. aws-node가 풀을 정하지 못해 노드가 NotReady로 남는다"
                ),
            )
            .fix(fix));
            return GroupIpam {
                limits: None,
                mode: AddressMode::SecondaryIp,
                max_pods: None,
                kubelet_max_pods: kubelet_default,
                warm: warm_for(AddressMode::SecondaryIp),
                cni_running: false,
            };
        }
    };
    let opts = MaxPodsOptions {
        prefix_delegation: pd,
        custom_networking: custom && !ipv6,
        max_eni: None,
        uncapped: false,
        ipv6,
    };
    let mut cni_running = !ipv6_blocked;
    let (mp, mode) = match max_pods_for(l, &opts) {
        Ok(mp) => {
            let mode = mp.mode;
            (Some(mp), mode)
        }
        Err(MaxPodsError::PrefixesUnsupported {
            ipv6: v6, message, ..
        }) => {
            let sec = MaxPodsOptions {
                prefix_delegation: false,
                ipv6: false,
                ..opts
            };
            if v6 {
                cni_running = false;
            }
            diags.push(
                Diagnostic::new(
                    if v6 {
                        Code::Ipv6NeedsNitro
                    } else {
                        Code::PrefixDelegationUnsupported
                    },
                    path.clone(),
                    message,
                )
                .fix(text!(
                    "pick a Nitro instance type (m5, c5, r5, t3 and newer)",
                    "Nitro 인스턴스 유형(m5, c5, r5, t3 이후)을 고른다"
                ))
                .cite(if v6 { CITE_IPV6 } else { CITE_PD }),
            );
            (max_pods_for(l, &sec).ok(), AddressMode::SecondaryIp)
        }
        Err(_) => (
            max_pods_for(
                l,
                &MaxPodsOptions {
                    ipv6: false,
                    custom_networking: false,
                    ..opts
                },
            )
            .ok(),
            AddressMode::SecondaryIp,
        ),
    };
    let computed = mp.as_ref().map_or(CAP_LOW_CPU, |x| x.value);
    let kubelet_max_pods = c.max_pods_override.unwrap_or(computed);
    if let (Some(o), Some(x)) = (c.max_pods_override, &mp) {
        if o > x.uncapped && mode != AddressMode::Ipv6 {
            let (name, t, cap) = (&g.name, &g.instance_type, x.uncapped);
            diags.push(Diagnostic::new(
                Code::MaxPodsAboveIpCapacity,
                "/cni/maxPodsOverride",
                text!(
                    "max pods {o} is above what {t}'s ENIs can address ({cap} with the +2 host-network pods) in node group {name}: pods beyond it are scheduled but stay ContainerCreating without an IP",
                    "max pods {o}이(가) 노드 그룹 {name}의 {t} ENI가 줄 수 있는 주소 수(+2 포함 {cap})보다 크다. 넘는 Pod는 배치되지만 IP 없이 ContainerCreating에 머문다"
                ),
            )
            .fix(text!("lower maxPodsOverride, or enable prefix delegation", "maxPodsOverride를 낮추거나 프리픽스 위임을 켠다")));
        }
    }
    GroupIpam {
        limits: Some(*l),
        mode,
        max_pods: mp,
        kubelet_max_pods,
        warm: warm_for(mode),
        cni_running,
    }
}

/// The subnet pods use on each node: the node's own, or under custom networking the
/// subnet of the ENIConfig named after the node's AZ (`None`: no such ENIConfig).
pub(crate) fn pod_subnets(m: &Model, diags: &mut Vec<Diagnostic>) -> Vec<Option<usize>> {
    let c = &m.cni;
    let ipv6 = m.cluster.ip_family == IpFamily::Ipv6;
    if !c.custom_network_cfg || ipv6 {
        if !c.eni_configs.is_empty() && !c.custom_network_cfg {
            diags.push(Diagnostic::new(
                Code::EniconfigsUnused,
                "/cni/eniConfigs",
                text!(
                    "ENIConfigs are given but custom networking is off, so pods use their node's subnet",
                    "ENIConfig가 있지만 커스텀 네트워킹이 꺼져 있어 Pod는 노드 서브넷을 쓴다"
                ),
            )
            .fix(text!("set AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG to true", "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG를 true로 한다")));
        }
        return m.nodes.iter().map(|n| Some(n.subnet)).collect();
    }
    let ids: Vec<&str> = m.subnets.iter().map(|s| s.id.as_str()).collect();
    let mut by_az: Vec<(&str, usize)> = Vec::new();
    // AZs that have an ENIConfig named after them, usable or not: an unusable one
    // (unknown or wrong-AZ subnet) is diagnosed as such, not as missing.
    let named: Vec<&str> = c.eni_configs.iter().map(|e| e.name.as_str()).collect();
    for (i, ec) in c.eni_configs.iter().enumerate() {
        let Some(k) = m.subnet_index(&ec.subnet) else {
            let near = crate::did_you_mean(&ec.subnet, ids.iter().copied()).join(", ");
            let s = &ec.subnet;
            diags.push(
                Diagnostic::new(
                    Code::UnknownReference,
                    format!("/cni/eniConfigs/{i}/subnet"),
                    text!("there is no subnet `{s}`", "서브넷 `{s}`이(가) 없다"),
                )
                .fix(
                    (!near.is_empty())
                        .then(|| text!("did you mean {near}?", "{near}을(를) 뜻했나?")),
                )
                .cite(CITE_CUSTOM),
            );
            continue;
        };
        let az = m.subnets[k].az.as_str();
        if az != ec.name {
            let (name, s) = (&ec.name, &ec.subnet);
            diags.push(Diagnostic::new(
                Code::EniconfigWrongAz,
                format!("/cni/eniConfigs/{i}/subnet"),
                text!(
                    "ENIConfig {name} is used by nodes in {name}, but its subnet {s} is in {az}: an ENI can only be attached in its instance's AZ",
                    "ENIConfig {name}은(는) {name}의 노드가 쓰는데 서브넷 {s}은(는) {az}에 있다. ENI는 인스턴스와 같은 AZ에서만 붙는다"
                ),
            )
            .fix(text!("pick a subnet in {name}", "{name}에 있는 서브넷을 고른다")));
            continue;
        }
        by_az.push((ec.name.as_str(), k));
    }
    let mut missing: Vec<&str> = Vec::new();
    let out = m
        .nodes
        .iter()
        .map(|n| {
            let az = m.subnets.get(n.subnet).map_or("", |s| s.az.as_str());
            let hit = by_az.iter().find(|(a, _)| *a == az).map(|&(_, k)| k);
            if hit.is_none() && !missing.contains(&az) && !named.contains(&az) {
                missing.push(az);
            }
            hit
        })
        .collect();
    for az in missing {
        diags.push(Diagnostic::new(
            Code::EniconfigMissing,
            "/cni/eniConfigs",
            text!(
                "custom networking is on, but no ENIConfig is named {az}: nodes there get no pod addresses",
                "커스텀 네트워킹이 켜져 있지만 이름이 {az}인 ENIConfig가 없다. 그 AZ의 노드는 Pod 주소를 받지 못한다"
            ),
        )
        .fix(text!(
            "add an ENIConfig named {az} with a subnet in that AZ",
            "그 AZ의 서브넷을 가진 이름 {az}의 ENIConfig를 추가한다"
        )));
    }
    out
}

/// The /64 of a subnet (IPv6 clusters), as the model resolved it.
pub(crate) fn ipv6_block(m: &Model, subnet: usize) -> Option<Ipv6Net> {
    m.subnets.get(subnet).and_then(|s| s.ipv6_cidr.net())
}
