//! Node groups and their nodes, and the EKS-owned ENIs.
//!
//! Pinned node addresses are taken first, so that nothing else takes them; then
//! the EKS-owned ENIs (one in each of the first two AZs of the cluster subnets,
//! source 001); then the unpinned nodes, round robin over their group's subnets.

use super::*;
use crate::scenario::{NodeGroup, NodeGroupKind, NodePin};

impl Builder<'_> {
    /// Every node group, and the nodes pinned to an address; returns the groups,
    /// the pinned nodes and `(group, subnet)` of each node still to place.
    pub(super) fn node_groups(
        &mut self,
        cluster_sg: Option<usize>,
    ) -> (Vec<NodeGroupModel>, Vec<Node>, Vec<(usize, usize)>) {
        let s = self.s;
        let mut groups = Vec::new();
        let mut nodes = Vec::new();
        let mut pending = Vec::new();
        let mut total: u64 = 0;
        for (gi, g) in s.node_groups.iter().enumerate() {
            let gpath = format!("/nodeGroups/{gi}");
            let model = self.node_group(&gpath, g, cluster_sg);
            let gsubnets = model.subnets.clone();
            groups.push(model);
            if g.kind == NodeGroupKind::Fargate {
                continue;
            }
            total += u64::from(g.desired_size);
            if total > u64::from(MAX_NODES) {
                self.push(Diagnostic::new(Code::TooManyNodes, format!("{gpath}/desiredSize"), text!(
                        "the scenario asks for more than {MAX_NODES} nodes; the rest are not modelled",
                        "노드가 {MAX_NODES}대를 넘는다. 나머지는 모델링하지 않는다"
                    )));
                break;
            }
            if g.nodes.len() > g.desired_size as usize {
                let (pins, size) = (g.nodes.len(), g.desired_size);
                self.push(Diagnostic::new(
                    Code::MorePinsThanNodes,
                    format!("{gpath}/nodes"),
                    text!(
                        "{pins} nodes are pinned but desiredSize is {size}",
                        "고정한 노드가 {pins}대인데 desiredSize는 {size}이다"
                    ),
                ));
            }
            for k in 0..g.desired_size as usize {
                if let Some(pin) = g.nodes.get(k) {
                    let ppath = format!("{gpath}/nodes/{k}");
                    let node = self.pinned_node(gi, g, &ppath, pin);
                    if let Some(n) = node {
                        self.observed_enis(&ppath, pin, nodes.len(), n.private_ip);
                        nodes.push(Node {
                            pin: u32::try_from(k).ok(),
                            ..n
                        });
                    }
                    continue;
                }
                if gsubnets.is_empty() {
                    if k == 0 {
                        let name = &g.nodegroup_name;
                        self.push(Diagnostic::new(
                            Code::NodegroupNoSubnets,
                            format!("{gpath}/subnets"),
                            text!(
                                "node group `{name}` has no usable subnet, so it has no nodes",
                                "노드 그룹 `{name}`에 쓸 수 있는 서브넷이 없어 노드가 없다"
                            ),
                        ));
                    }
                    break;
                }
                pending.push((gi, gsubnets[k % gsubnets.len()]));
            }
        }
        (groups, nodes, pending)
    }

    /// A node group, its subnets and security groups resolved (the cluster security
    /// group when it names none).
    fn node_group(
        &mut self,
        gpath: &str,
        g: &NodeGroup,
        cluster_sg: Option<usize>,
    ) -> NodeGroupModel {
        let mut subnets = Vec::new();
        let mut subnet_refs = Vec::new();
        for (k, id) in g.subnets.iter().enumerate() {
            if let Some(x) = self.subnet_ref(format!("{gpath}/subnets/{k}"), id) {
                subnets.push(x);
                subnet_refs.push((k, x));
            }
        }
        let mut security_groups = Vec::new();
        for (k, id) in g.security_group_ids.iter().enumerate() {
            security_groups.extend(self.sg_ref(format!("{gpath}/securityGroupIds/{k}"), id));
        }
        if security_groups.is_empty() {
            security_groups.extend(cluster_sg);
        }
        NodeGroupModel {
            eid: ElementId::node_group(&g.nodegroup_name),
            pointer: gpath.to_string(),
            name: g.nodegroup_name.clone(),
            kind: g.kind,
            instance_type: g.instance_type.clone(),
            subnets,
            subnet_refs,
            security_groups,
        }
    }

    /// A node pinned to a subnet and address; `None` (diagnosed) when either is
    /// unusable.
    fn pinned_node(
        &mut self,
        gi: usize,
        g: &NodeGroup,
        ppath: &str,
        pin: &NodePin,
    ) -> Option<Node> {
        let sub = self.subnet_ref(format!("{ppath}/subnetId"), &pin.subnet_id)?;
        let Ok(ip) = pin.private_ip.parse::<Ipv4Addr>() else {
            self.push(invalid_ip(format!("{ppath}/privateIp"), &pin.private_ip));
            return None;
        };
        let ok = match self.pools.get_mut(sub) {
            Some(Some(pool)) => !pool.is_reserved(ip) && pool.take(ip, Holder::NodePrimary),
            _ => false,
        };
        if !ok {
            let sid = &pin.subnet_id;
            self.push(Diagnostic::new(
                Code::NodeIpUnusable,
                format!("{ppath}/privateIp"),
                text!(
                    "{ip} is not a free, unreserved address of {sid}",
                    "{ip}은(는) {sid}의 사용 가능한 주소가 아니다(예약됐거나 이미 쓰이거나 범위 밖)"
                ),
            ));
            return None;
        }
        let public_ip = match &pin.public_ip {
            Some(p) => p.parse().ok(),
            None => wants_public(g.associate_public_ip_address, &self.subnets[sub])
                .then(|| self.next_public_ip()),
        };
        Some(self.node(gi, sub, ip, public_ip))
    }

    /// A node of group `gi` at `ip` in subnet `sub`.
    fn node(&self, gi: usize, sub: usize, ip: Ipv4Addr, public_ip: Option<Ipv4Addr>) -> Node {
        let name = Model::node_name(&self.s.cluster.region, ip);
        Node {
            eid: ElementId::node(&name),
            name,
            group: gi,
            pin: None,
            subnet: sub,
            private_ip: ip,
            public_ip,
        }
    }

    /// The EKS-owned ENIs: one in each of the first two AZs of the cluster subnets.
    pub(super) fn eks_enis(&mut self, cluster_subnets: &[usize]) -> Vec<EksEni> {
        let mut eks_enis = Vec::new();
        let mut azs_used: Vec<String> = Vec::new();
        for &k in cluster_subnets {
            let az = self.subnets[k].az.clone();
            if azs_used.contains(&az) && !eks_enis.is_empty() {
                continue;
            }
            if eks_enis.len() >= 2 {
                break;
            }
            if let Some(Some(pool)) = self.pools.get_mut(k) {
                if let Some(ip) = pool.take_next(Holder::EksEni) {
                    azs_used.push(az);
                    eks_enis.push(EksEni {
                        eid: ElementId::eks_eni(eks_enis.len()),
                        subnet: k,
                        ip,
                    });
                }
            }
        }
        eks_enis
    }

    /// The nodes not pinned to an address: the next free address of their subnet.
    pub(super) fn unpinned_nodes(&mut self, pending: &[(usize, usize)], nodes: &mut Vec<Node>) {
        let s = self.s;
        for &(gi, sub) in pending {
            let g = &s.node_groups[gi];
            let Some(Some(pool)) = self.pools.get_mut(sub) else {
                continue;
            };
            let Some(ip) = pool.take_next(Holder::NodePrimary) else {
                let sid = &self.subnets[sub].id;
                let name = &g.nodegroup_name;
                let d = Diagnostic::new(
                    Code::SubnetFullForNodes,
                    format!("/nodeGroups/{gi}/desiredSize"),
                    text!(
                        "subnet {sid} has no free address left for a node of `{name}`",
                        "서브넷 {sid}에 `{name}`의 노드에 줄 주소가 남아 있지 않다"
                    ),
                )
                .fix(text!(
                    "use a larger subnet, or spread the node group over more subnets",
                    "더 큰 서브넷을 쓰거나 노드 그룹을 더 많은 서브넷에 나눈다"
                ));
                // AWS reports it (InsufficientFreeAddresses) for managed node groups.
                let d = if g.kind == crate::scenario::NodeGroupKind::Managed {
                    d
                } else {
                    d.aws_code(None)
                };
                self.push(d);
                continue;
            };
            let public_ip = wants_public(g.associate_public_ip_address, &self.subnets[sub])
                .then(|| self.next_public_ip());
            nodes.push(self.node(gi, sub, ip, public_ip));
        }
    }
}
