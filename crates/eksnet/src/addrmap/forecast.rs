//! How much more a subnet can take under the current CNI settings: more nodes of each
//! node group, more pods on the nodes there, and what stops first.
//!
//! - **Nodes**: a new node takes its primary IP in the subnet, then its `ipamd` fills
//!   the warm pool before any pod arrives (with `WARM_ENI_TARGET=1`, eth0's secondary
//!   IPs; with prefix delegation, `WARM_PREFIX_TARGET` free /28s; with
//!   `WARM_IP_TARGET` / `MINIMUM_IP_TARGET`, that many addresses). The forecast runs
//!   the simulation's own start-up step ([`crate::cni`]) on a copy of the subnet's
//!   pool, node after node, and counts the nodes that start with a full warm pool;
//!   the first that cannot (no free address, or no free aligned /28) is what stops.
//! - **Pods**: on the nodes whose pods take addresses from the subnet, each node can
//!   take pods up to its kubelet max pods, from its warm addresses first, then from
//!   room on its ENIs and ENIs it can still attach (each taking one more address for
//!   its primary), all within what the subnet still has (free addresses, or free
//!   aligned /28s with prefix delegation). The count adds the nodes up; what stops
//!   first is the subnet when it runs out before the nodes' limits, otherwise the
//!   ENI limit or max pods, whichever ended more of the nodes' room.
//!
//! The VPC CNI's `docs/eni-and-ip-target.md` and `docs/prefix-and-ip-target.md`
//! give the warm-pool rules; AWS's subnet sizing and `InsufficientCidrBlocks` the
//! limits (see [`crate::cni`]).

use serde::Serialize;

use crate::cni::{self, AddressMode, NoIpCause};
use crate::model::{Holder, Node, SubnetPool};
use crate::scenario::{IpFamily, NodeGroupKind};
use crate::{text, Analysis, ElementId, Text};

/// Nodes the forecast stops counting at (a /8 subnet would take millions).
pub const MAX_FORECAST_NODES: u32 = 100_000;

/// What stops growth first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stop {
    /// The subnet has no free address left (EC2 `InsufficientFreeAddressesInSubnet`).
    SubnetFull,
    /// No free aligned /28 is left for a prefix (EC2 `InsufficientCidrBlocks`).
    NoFreeBlock,
    /// Every ENI the instances can attach is full.
    EniLimit,
    /// The nodes reach the kubelet's max pods.
    MaxPods,
    /// No node takes pod addresses from this subnet.
    NoNodes,
    /// The forecast stopped counting at [`MAX_FORECAST_NODES`].
    Plenty,
}

impl Stop {
    /// Stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stop::SubnetFull => "subnet-full",
            Stop::NoFreeBlock => "no-free-block",
            Stop::EniLimit => "eni-limit",
            Stop::MaxPods => "max-pods",
            Stop::NoNodes => "no-nodes",
            Stop::Plenty => "plenty",
        }
    }

    /// In words.
    pub fn text(self) -> Text {
        match self {
            Stop::SubnetFull => text!(
                "the subnet runs out of free addresses",
                "서브넷의 빈 주소가 바닥난다"
            ),
            Stop::NoFreeBlock => text!(
                "no free aligned /28 is left for a prefix (InsufficientCidrBlocks)",
                "프리픽스로 쓸 정렬된 빈 /28이 남지 않는다(InsufficientCidrBlocks)"
            ),
            Stop::EniLimit => text!(
                "every ENI the instances can attach is full",
                "인스턴스가 붙일 수 있는 ENI가 모두 찬다"
            ),
            Stop::MaxPods => text!("the nodes reach their max pods", "노드가 max pods에 닿는다"),
            Stop::NoNodes => text!(
                "no node takes pod addresses from this subnet",
                "이 서브넷에서 Pod 주소를 받는 노드가 없다"
            ),
            Stop::Plenty => text!(
                "nothing within 100,000 nodes",
                "노드 100,000대 안에서는 없다"
            ),
        }
    }

    fn of(cause: NoIpCause) -> Stop {
        match cause {
            NoIpCause::NoContiguousPrefix { .. } => Stop::NoFreeBlock,
            NoIpCause::EniLimit => Stop::EniLimit,
            NoIpCause::MaxPods => Stop::MaxPods,
            _ => Stop::SubnetFull,
        }
    }
}

/// More nodes of one node group in the subnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupForecast {
    /// Index into `model.node_groups`.
    pub group: usize,
    /// Its name.
    pub name: String,
    /// Nodes that can still join with a full warm pool.
    pub more_nodes: u32,
    /// Addresses of the subnet the first new node takes at start (its primary and
    /// its warm pool).
    pub per_node: u32,
    /// What stops the next node.
    pub stop: Stop,
}

/// More pods on the nodes that take addresses from the subnet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodForecast {
    /// Nodes counted.
    pub nodes: u32,
    /// Pods they can still take.
    pub more_pods: u32,
    /// Room under the kubelet's max pods alone.
    pub max_pods_room: u32,
    /// Room their warm pools hold now.
    pub warm: u32,
    /// What stops first.
    pub stop: Stop,
}

/// A subnet's forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Forecast {
    /// Index into `model.subnets`.
    pub subnet: usize,
    /// Per node group that launches nodes into the subnet.
    pub groups: Vec<GroupForecast>,
    /// Pods.
    pub pods: PodForecast,
}

/// The forecast of subnet `subnet` (an index into `model.subnets`); `None` when it
/// has no usable CIDR. Never panics.
pub fn forecast(a: &Analysis, subnet: usize) -> Option<Forecast> {
    let pool = a.addresses.pool(subnet)?;
    let groups = a
        .model
        .node_groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.kind != NodeGroupKind::Fargate && g.subnets.contains(&subnet))
        .filter_map(|(gi, _)| more_nodes(a, gi, subnet, pool))
        .collect();
    Some(Forecast {
        subnet,
        groups,
        pods: more_pods(a, subnet, pool),
    })
}

/// The subnet pods of a node in `subnet` use (its own, or its ENIConfig's).
fn pod_subnet_of(a: &Analysis, subnet: usize) -> Option<usize> {
    if !a.model.cni.custom_network_cfg || a.model.cluster.ip_family == IpFamily::Ipv6 {
        return Some(subnet);
    }
    a.ipam
        .nodes
        .iter()
        .find(|n| {
            a.model
                .nodes
                .get(n.node)
                .is_some_and(|x| x.subnet == subnet)
        })
        .and_then(|n| n.pod_subnet)
}

fn more_nodes(a: &Analysis, gi: usize, subnet: usize, pool: &SubnetPool) -> Option<GroupForecast> {
    let m = &a.model;
    let g = a.ipam.groups.get(gi)?;
    let name = m.node_groups.get(gi)?.name.clone();
    let mut pools: Vec<Option<SubnetPool>> = vec![None; m.subnets.len()];
    *pools.get_mut(subnet)? = Some(pool.clone());
    let pod_subnet = pod_subnet_of(a, subnet);
    let boots = g.cni_running && g.mode != AddressMode::Ipv6;
    let spec = match (g.limits, pod_subnet) {
        (Some(l), Some(ps)) if boots => {
            if ps != subnet {
                if let (Some(slot), Some(p)) = (pools.get_mut(ps), a.addresses.pool(ps)) {
                    *slot = Some(p.clone());
                }
            }
            Some(cni::node_spec(g, l, ps, m.cni.custom_network_cfg))
        }
        _ => None,
    };
    let used = |pools: &[Option<SubnetPool>]| -> u32 {
        pools.iter().flatten().map(|p| p.size() - p.free()).sum()
    };
    let mut more = 0;
    let mut per_node = 0;
    let stop = loop {
        if more >= MAX_FORECAST_NODES {
            break Stop::Plenty;
        }
        let before = used(&pools);
        let Some(ip) = pools
            .get_mut(subnet)
            .and_then(Option::as_mut)
            .and_then(|p| p.take_next(Holder::NodePrimary))
        else {
            break Stop::SubnetFull;
        };
        if let Some(spec) = spec {
            let node = Node {
                eid: ElementId::node("forecast"),
                name: format!("forecast-{more}"),
                group: gi,
                pin: None,
                subnet,
                private_ip: ip,
                public_ip: None,
            };
            let booted = cni::boot(spec, &node, &[], &mut pools, &[]);
            if let Some(c) = booted.shortfall() {
                break Stop::of(c);
            }
        }
        if more == 0 {
            per_node = used(&pools) - before;
        }
        more += 1;
    };
    Some(GroupForecast {
        group: gi,
        name,
        more_nodes: more,
        per_node,
        stop,
    })
}

fn more_pods(a: &Analysis, subnet: usize, pool: &SubnetPool) -> PodForecast {
    let prefixes_mode = |mode| mode == AddressMode::Prefix;
    let mut free = pool.free();
    let mut blocks = pool.free_blocks28();
    let (mut nodes, mut more, mut max_room, mut warm) = (0u32, 0u32, 0u32, 0u32);
    let (mut by_subnet, mut by_eni, mut by_max) = (false, 0u32, 0u32);
    for n in a
        .ipam
        .nodes
        .iter()
        .filter(|n| n.pod_subnet == Some(subnet) && n.ready)
    {
        let Some(g) = a
            .model
            .nodes
            .get(n.node)
            .and_then(|x| a.ipam.groups.get(x.group))
        else {
            continue;
        };
        let Some(l) = g
            .limits
            .filter(|_| g.cni_running && g.mode != AddressMode::Ipv6)
        else {
            continue;
        };
        nodes += 1;
        let room = n.max_pods.saturating_sub(n.pod_count() as u32);
        max_room += room;
        let held = n.warm() as u32;
        warm += held;
        let mut left = room;
        let take = left.min(held);
        more += take;
        left -= take;
        let per = l.slots_per_eni();
        let prefix = prefixes_mode(n.mode);
        let unit = if prefix { 16 } else { 1 };
        // Room on the ENIs it has, then on ENIs it may still attach.
        let mut slots: Vec<(bool, u32)> = n
            .enis()
            .filter(|e| e.hosts_pods)
            .map(|e| {
                let used = if prefix {
                    e.prefix_count()
                } else {
                    e.slot_count()
                } as u32;
                (false, per.saturating_sub(used))
            })
            .collect();
        let attachable = l.max_enis.saturating_sub(n.enis().len() as u32);
        slots.extend((0..attachable).map(|_| (true, per)));
        for (new, room_slots) in slots {
            if left == 0 {
                break;
            }
            if new {
                // The new ENI's primary address.
                if free == 0 {
                    by_subnet = true;
                    break;
                }
                free -= 1;
                if prefix && free < blocks * 16 {
                    blocks = blocks.saturating_sub(1);
                }
            }
            for _ in 0..room_slots {
                if left == 0 {
                    break;
                }
                let ok = if prefix {
                    blocks > 0 && {
                        blocks -= 1;
                        free = free.saturating_sub(16);
                        true
                    }
                } else {
                    free > 0 && {
                        free -= 1;
                        true
                    }
                };
                if !ok {
                    by_subnet = true;
                    break;
                }
                let got = left.min(unit);
                more += got;
                left -= got;
            }
        }
        if left > 0 && !by_subnet {
            by_eni += 1;
        } else if left == 0 {
            by_max += 1;
        }
    }
    let stop = if nodes == 0 {
        Stop::NoNodes
    } else if by_subnet {
        if a.ipam
            .nodes
            .iter()
            .any(|n| n.pod_subnet == Some(subnet) && prefixes_mode(n.mode))
        {
            Stop::NoFreeBlock
        } else {
            Stop::SubnetFull
        }
    } else if by_eni > by_max {
        Stop::EniLimit
    } else {
        Stop::MaxPods
    };
    PodForecast {
        nodes,
        more_pods: more,
        max_pods_room: max_room,
        warm,
        stop,
    }
}
