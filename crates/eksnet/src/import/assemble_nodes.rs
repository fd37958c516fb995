//! Node groups (EKS's descriptions plus the nodes observed in them) and the VPC
//! CNI's settings (the add-on's configuration values, the `aws-node` DaemonSet's
//! environment, ENIConfigs, observed ENIs).

use std::collections::BTreeMap;

use super::assemble_k8s::Observed;
use super::eks;
use super::instances::NetworkInterface;
use super::read::Snapshot;
use super::report::Report;
use crate::scenario::*;
use crate::text;

/// Node groups: every `describe-nodegroup`, then the groups only nodes name, then
/// the Fargate profiles. Each group's nodes are pinned at their observed address.
pub(crate) fn node_groups(
    snap: &Snapshot,
    report: &mut Report,
    s: &mut Scenario,
    nodes: &[Observed],
) {
    let mut order: Vec<String> = snap
        .nodegroups
        .iter()
        .map(|g| g.v.nodegroup_name.clone())
        .collect();
    for n in nodes.iter().filter(|n| !n.fargate) {
        if !order.contains(&n.group) {
            order.push(n.group.clone());
        }
    }
    let enis = EniIndex::of(snap);
    for name in order {
        let described = snap.nodegroups.iter().find(|g| g.v.nodegroup_name == name);
        let members: Vec<&Observed> = nodes
            .iter()
            .filter(|n| !n.fargate && n.group == name)
            .collect();
        let g = group(
            snap,
            report,
            &name,
            described.map(|d| (&d.v, snap.name(d.file), d.pointer.as_str())),
            &members,
            &enis,
        );
        let (pins, size) = (g.nodes.len(), g.desired_size);
        if let Some(d) = described {
            report.contributed(
                d.file,
                text!(
                    "node group {name}: desired size {size}, nodes observed {pins}",
                    "노드 그룹 {name}: 원하는 크기 노드 {size}대, 관찰된 노드 {pins}대"
                ),
            );
        }
        s.node_groups.push(g);
    }
    for fp in &snap.fargate {
        let name = &fp.v.fargate_profile_name;
        s.node_groups.push(NodeGroup {
            nodegroup_name: name.clone(),
            kind: NodeGroupKind::Fargate,
            instance_type: String::new(),
            desired_size: 0,
            subnets: fp.v.subnets.clone(),
            ..NodeGroup::default()
        });
        report.contributed(
            fp.file,
            text!("Fargate profile {name}", "Fargate 프로필 {name}"),
        );
        if !fp.v.selectors.is_empty() {
            let f = snap.name(fp.file).to_string();
            report.drop_note(&f, &format!("{}/selectors", fp.pointer), text!("Fargate selectors are not matched against pods: pods seen on Fargate nodes run on Fargate", "Fargate 선택기를 Pod에 맞춰 보지 않는다. Fargate 노드에서 본 Pod가 Fargate에서 돈다"));
        }
    }
}

fn group(
    _snap: &Snapshot,
    report: &mut Report,
    name: &str,
    described: Option<(&eks::Nodegroup, &str, &str)>,
    members: &[&Observed],
    enis: &EniIndex,
) -> NodeGroup {
    let mut g = NodeGroup {
        nodegroup_name: name.to_string(),
        kind: if described.is_some() || members.iter().any(|m| m.managed) {
            NodeGroupKind::Managed
        } else {
            NodeGroupKind::SelfManaged
        },
        ..NodeGroup::default()
    };
    let mut desired = None;
    if let Some((d, f, ptr)) = described {
        g.subnets = d.subnets.clone();
        if let Some(t) = d.instance_types.first() {
            g.instance_type = t.clone();
        } else if let Some(m) = members.iter().find(|m| !m.instance_type.is_empty()) {
            g.instance_type = m.instance_type.clone();
        } else {
            report.assume(
                f,
                &format!("{ptr}/instanceTypes"),
                text!(
                    "no instance type: EKS's default for managed node groups, t3.medium",
                    "인스턴스 유형이 없어 관리형 노드 그룹의 EKS 기본값 t3.medium을 쓴다"
                ),
            );
            g.instance_type = "t3.medium".into();
        }
        desired = d.scaling_config.as_ref().and_then(|c| c.desired_size);
        if d.launch_template.is_some() {
            // A launch template may give the nodes their own security groups.
            g.security_group_ids = members
                .first()
                .map(|m| m.security_groups.clone())
                .unwrap_or_default();
        }
    } else {
        if let Some(m) = members.iter().find(|m| !m.instance_type.is_empty()) {
            g.instance_type = m.instance_type.clone();
        }
        g.security_group_ids = members
            .first()
            .map(|m| m.security_groups.clone())
            .unwrap_or_default();
    }
    for m in members {
        let Some(sub) = &m.subnet else { continue };
        if !g.subnets.contains(sub) {
            g.subnets.push(sub.clone());
        }
        g.nodes.push(NodePin {
            subnet_id: sub.clone(),
            private_ip: m.private_ip.clone(),
            public_ip: m.public_ip.clone(),
            enis: enis.of_node(m),
        });
    }
    g.desired_size = desired.unwrap_or(0).max(g.nodes.len() as u32);
    if described.is_none() && g.nodes.is_empty() {
        g.desired_size = 0;
    }
    g
}

/// `describe-network-interfaces`' ENIs by the instance they are attached to
/// (`Attachment.InstanceId`), and each instance by its eth0's primary address (for
/// a node whose instance id is not known).
struct EniIndex<'a> {
    by_instance: BTreeMap<&'a str, Vec<&'a NetworkInterface>>,
    by_ip: BTreeMap<&'a str, &'a str>,
}

impl<'a> EniIndex<'a> {
    fn of(snap: &'a Snapshot) -> Self {
        let mut by_instance: BTreeMap<&str, Vec<&NetworkInterface>> = BTreeMap::new();
        let mut by_ip = BTreeMap::new();
        for e in &snap.enis {
            let e = &e.v;
            let Some(a) = &e.attachment else { continue };
            let Some(id) = a.instance_id.as_deref() else {
                continue;
            };
            if !matches!(e.interface_type.as_str(), "" | "interface") {
                continue;
            }
            by_instance.entry(id).or_default().push(e);
            if a.device_index == Some(0) {
                by_ip.insert(e.private_ip_address.as_str(), id);
            }
        }
        EniIndex { by_instance, by_ip }
    }

    /// Node `m`'s ENIs in the scenario's shape, by device index.
    fn of_node(&self, m: &Observed) -> Vec<ObservedEni> {
        let id = m
            .instance_id
            .as_deref()
            .filter(|i| self.by_instance.contains_key(i))
            .or_else(|| self.by_ip.get(m.private_ip.as_str()).copied());
        let Some(list) = id.and_then(|i| self.by_instance.get(i)) else {
            return Vec::new();
        };
        let mut out: Vec<ObservedEni> = list
            .iter()
            .map(|e| ObservedEni {
                network_interface_id: e.network_interface_id.clone(),
                subnet_id: e.subnet_id.clone(),
                device_index: e
                    .attachment
                    .as_ref()
                    .and_then(|a| a.device_index)
                    .unwrap_or(0),
                private_ip_address: e.private_ip_address.clone(),
                secondary_private_ip_addresses: e
                    .private_ip_addresses
                    .iter()
                    .filter(|a| !a.primary && a.private_ip_address != e.private_ip_address)
                    .map(|a| a.private_ip_address.clone())
                    .collect(),
                ipv4_prefixes: e
                    .ipv4_prefixes
                    .iter()
                    .map(|p| p.ipv4_prefix.clone())
                    .collect(),
            })
            .collect();
        crate::sort::sort_by_key(&mut out, |e| e.device_index);
        out
    }
}

/// The VPC CNI's settings: the add-on's configuration values, overridden by the
/// `aws-node` DaemonSet's environment (what really runs); ENIConfigs; what the
/// observed ENIs show.
pub(crate) fn cni(snap: &Snapshot, report: &mut Report, s: &mut Scenario) {
    let mut env: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for a in &snap.addons {
        let f = snap.name(a.file).to_string();
        let name = &a.v.addon_name;
        if name != "vpc-cni" {
            report.drop_note(
                &f,
                &a.pointer,
                text!(
                    "add-on {name} does not change the network model",
                    "애드온 {name}은(는) 네트워크 모델을 바꾸지 않는다"
                ),
            );
            continue;
        }
        let Some(values) =
            a.v.configuration_values
                .as_deref()
                .filter(|v| !v.trim().is_empty())
        else {
            report.contributed(
                a.file,
                text!(
                    "vpc-cni add-on with its default configuration",
                    "기본 설정의 vpc-cni 애드온"
                ),
            );
            continue;
        };
        match eks::addon_env(values) {
            Ok(e) => {
                let n = e.len();
                report.contributed(
                    a.file,
                    text!(
                        "vpc-cni configuration: environment variables {n}",
                        "vpc-cni 설정: 환경 변수 {n}개"
                    ),
                );
                env.extend(e.into_iter().map(|(k, v)| (k, (v, a.file))));
            }
            Err(why) => report.drop_note(
                &f,
                &format!("{}/configurationValues", a.pointer),
                text!(
                    "configuration values that are not JSON (YAML?) are not read: {why}",
                    "JSON이 아닌(YAML?) 설정 값은 읽지 않는다: {why}"
                ),
            ),
        }
    }
    for d in &snap.daemonsets {
        if d.v.metadata.name != "aws-node" {
            continue;
        }
        let containers = &d.v.spec.template.spec.containers;
        let c = containers
            .iter()
            .find(|c| c.name == "aws-node")
            .or(containers.first());
        let vars: Vec<(String, String)> = c
            .map(|c| {
                c.env
                    .iter()
                    .filter_map(|e| Some((e.name.clone(), e.value.clone()?)))
                    .collect()
            })
            .unwrap_or_default();
        let n = vars.len();
        report.contributed(
            d.file,
            text!(
                "aws-node environment: variables {n}",
                "aws-node 환경 변수 {n}개"
            ),
        );
        env.extend(vars.into_iter().map(|(k, v)| (k, (v, d.file))));
    }
    apply_env(snap, report, &mut s.cni, &env);
    for e in &snap.eniconfigs {
        let name = &e.v.metadata.name;
        s.cni.eni_configs.push(EniConfig {
            name: name.clone(),
            subnet: e.v.spec.subnet.clone(),
            security_groups: e.v.spec.security_groups.clone(),
        });
        report.contributed(e.file, text!("ENIConfig {name}", "ENIConfig {name}"));
    }
    enis(snap, report, s);
}

fn apply_env(
    snap: &Snapshot,
    report: &mut Report,
    cni: &mut CniConfig,
    env: &BTreeMap<String, (String, usize)>,
) {
    let flag = |k: &str| env.get(k).map(|(v, _)| v.eq_ignore_ascii_case("true"));
    let num = |k: &str, report: &mut Report| -> Option<u32> {
        let (v, file) = env.get(k)?;
        match v.trim().parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                let f = snap.name(*file).to_string();
                report.drop_note(
                    &f,
                    "",
                    text!(
                        "{k}={v} is not a number: ignored",
                        "{k}={v}은(는) 숫자가 아니라 무시한다"
                    ),
                );
                None
            }
        }
    };
    cni.enable_prefix_delegation = flag("ENABLE_PREFIX_DELEGATION").unwrap_or(false);
    cni.custom_network_cfg = flag("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG").unwrap_or(false);
    cni.warm_eni_target = num("WARM_ENI_TARGET", report);
    cni.warm_ip_target = num("WARM_IP_TARGET", report);
    cni.minimum_ip_target = num("MINIMUM_IP_TARGET", report);
    cni.warm_prefix_target = num("WARM_PREFIX_TARGET", report);
    if env.is_empty() {
        report.assume("", "", text!("no vpc-cni configuration nor aws-node DaemonSet: the VPC CNI's defaults (WARM_ENI_TARGET=1, no prefix delegation, no custom networking)", "vpc-cni 설정도 aws-node DaemonSet도 없어 VPC CNI 기본값(WARM_ENI_TARGET=1, 접두사 위임 없음, 사용자 지정 네트워킹 없음)을 쓴다"));
    }
}

/// What `describe-network-interfaces` shows: the EKS-owned ENIs and the nodes'
/// ENIs, with their secondary addresses and prefixes.
fn enis(snap: &Snapshot, report: &mut Report, s: &Scenario) {
    let on_nodes: std::collections::BTreeSet<&str> = crate::sort::set_of(
        s.node_groups
            .iter()
            .flat_map(|g| &g.nodes)
            .flat_map(|n| &n.enis)
            .map(|e| e.network_interface_id.as_str()),
    );
    let mut per_file: BTreeMap<usize, (usize, usize, usize, usize)> = BTreeMap::new();
    let mut drawn: BTreeMap<usize, usize> = BTreeMap::new();
    for e in &snap.enis {
        let c = per_file.entry(e.file).or_default();
        if on_nodes.contains(e.v.network_interface_id.as_str()) {
            *drawn.entry(e.file).or_default() += 1;
        }
        if e.v.description.starts_with("Amazon EKS ") {
            c.0 += 1;
        } else {
            c.1 += 1;
            c.2 +=
                e.v.private_ip_addresses
                    .iter()
                    .filter(|a| !a.primary)
                    .count();
            c.3 += e.v.ipv4_prefixes.len();
        }
    }
    for (file, (eks, node, secondary, prefixes)) in per_file {
        report.contributed(file, text!("EKS-owned ENIs: {eks}; other ENIs: {node}, with secondary addresses: {secondary}, /28 prefixes: {prefixes}", "EKS 소유 ENI {eks}개, 그 밖의 ENI {node}개(보조 주소 {secondary}개, /28 접두사 {prefixes}개)"));
        let f = snap.name(file).to_string();
        let d = drawn.get(&file).copied().unwrap_or(0);
        report.contributed(file, text!("ENIs attached to imported nodes: {d}, drawn as observed with their addresses and prefixes (the VPC CNI simulation places pods in them and forecasts around them)", "가져온 노드에 붙은 ENI {d}개: 관찰한 주소와 프리픽스 그대로 그린다(VPC CNI 시뮬레이션이 그 안에 Pod를 놓고 그 둘레를 예측한다)"));
        if node > d {
            let rest = node - d;
            report.drop_note(&f, "", text!("{rest} other ENIs are attached to no imported node (NAT gateways, load balancers, endpoints, instances outside the cluster): counted, not drawn", "다른 ENI {rest}개는 가져온 노드에 붙어 있지 않아(NAT 게이트웨이, 로드 밸런서, 엔드포인트, 클러스터 밖 인스턴스) 세기만 하고 그리지 않는다"));
        }
        if prefixes > 0 && !s.cni.enable_prefix_delegation {
            report.diag(&f, crate::codes::Code::ImportConflict, "", text!("ENIs carry /28 prefixes but no ENABLE_PREFIX_DELEGATION=true was read: add the aws-node DaemonSet or the vpc-cni add-on to the snapshot", "ENI에 /28 접두사가 있는데 ENABLE_PREFIX_DELEGATION=true를 읽지 못했다. aws-node DaemonSet이나 vpc-cni 애드온을 스냅숏에 넣어라"));
        }
    }
}
