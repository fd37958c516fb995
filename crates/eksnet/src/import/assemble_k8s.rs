//! Assembling the snapshot's Kubernetes side: observed nodes (kubectl's and
//! EC2's), workloads grouped from pods' owner references, pinned pods, Services
//! and Ingresses.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use super::ec2::tag;
use super::read::Snapshot;
use super::report::Report;
use crate::codes::Code;
use crate::scenario::*;
use crate::text;

/// A node as observed (by kubectl or EC2).
#[derive(Debug, Clone)]
pub(crate) struct Observed {
    pub name: String,
    /// `i-…` (the node's `spec.providerID`, or its instance), when known.
    pub instance_id: Option<String>,
    pub private_ip: String,
    pub public_ip: Option<String>,
    pub subnet: Option<String>,
    pub group: String,
    pub managed: bool,
    pub fargate: bool,
    pub instance_type: String,
    pub security_groups: Vec<String>,
}

/// The subnet of `s` whose IPv4 block holds `ip`.
fn subnet_by_cidr(s: &Scenario, ip: &str) -> Option<String> {
    let ip: Ipv4Addr = ip.parse().ok()?;
    s.vpc
        .subnets
        .iter()
        .find(|x| {
            x.cidr_block
                .parse::<ipnet::Ipv4Net>()
                .is_ok_and(|n| n.contains(&ip))
        })
        .map(|x| x.subnet_id.clone())
}

/// kubectl's nodes, then the cluster's EC2 instances kubectl did not list (nodes
/// that never registered are exactly those).
pub(crate) fn observed_nodes(snap: &Snapshot, report: &mut Report, s: &Scenario) -> Vec<Observed> {
    let by_id: BTreeMap<&str, &super::instances::Instance> = crate::sort::map_of(
        snap.instances
            .iter()
            .map(|i| (i.v.instance_id.as_str(), &i.v)),
    );
    let by_ip: BTreeMap<&str, &super::instances::Instance> = crate::sort::map_of(
        snap.instances
            .iter()
            .filter_map(|i| Some((i.v.private_ip_address.as_deref()?, &i.v))),
    );
    let mut out: Vec<Observed> = Vec::new();
    for n in &snap.nodes {
        let f = snap.name(n.file).to_string();
        let labels = &n.v.metadata.labels;
        let name = n.v.metadata.name.clone();
        let Some(ip) = n.v.address("InternalIP").map(str::to_string) else {
            report.diag(
                &f,
                Code::ImportUnplaced,
                &format!("{}/status/addresses", n.pointer),
                text!(
                    "node {name} has no InternalIP: left out",
                    "노드 {name}에 InternalIP가 없어 뺀다"
                ),
            );
            continue;
        };
        let inst =
            n.v.instance_id()
                .and_then(|i| by_id.get(i))
                .or_else(|| by_ip.get(ip.as_str()))
                .copied();
        let fargate = labels
            .get("eks.amazonaws.com/compute-type")
            .map(String::as_str)
            == Some("fargate");
        let subnet = inst
            .and_then(|i| i.subnet_id.clone())
            .or_else(|| subnet_by_cidr(s, &ip));
        if subnet.is_none() && !fargate {
            report.diag(
                &f,
                Code::ImportUnplaced,
                &n.pointer,
                text!(
                    "node {name} ({ip}) is in no imported subnet: it is left out",
                    "노드 {name}({ip})이(가) 가져온 서브넷 어디에도 없어 뺀다"
                ),
            );
        }
        let tags = inst.map_or(&[][..], |i| i.tags.as_slice());
        let (group, managed) = group_of(labels, tags);
        out.push(Observed {
            name,
            instance_id: n
                .v
                .instance_id()
                .map(str::to_string)
                .or_else(|| inst.map(|i| i.instance_id.clone())),
            public_ip: n
                .v
                .address("ExternalIP")
                .map(str::to_string)
                .or_else(|| inst.and_then(|i| i.public_ip_address.clone())),
            private_ip: ip,
            subnet,
            group,
            managed,
            fargate,
            instance_type: labels
                .get("node.kubernetes.io/instance-type")
                .or_else(|| labels.get("beta.kubernetes.io/instance-type"))
                .cloned()
                .or_else(|| inst.map(|i| i.instance_type.clone()))
                .unwrap_or_default(),
            security_groups: inst
                .map(|i| {
                    i.security_groups
                        .iter()
                        .map(|g| g.group_id.clone())
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    let mut per_file: BTreeMap<usize, usize> = BTreeMap::new();
    for n in &snap.nodes {
        *per_file.entry(n.file).or_default() += 1;
    }
    for (file, n) in per_file {
        report.contributed(file, text!("nodes observed: {n}", "관찰된 노드 {n}대"));
    }
    let before = out.len();
    unregistered_instances(snap, report, s, &mut out);
    let mut per_file: BTreeMap<usize, usize> = BTreeMap::new();
    for i in &snap.instances {
        *per_file.entry(i.file).or_default() += 1;
    }
    let extra = out.len() - before;
    for (file, n) in per_file {
        report.contributed(file, text!("instances: {n} (nodes' subnets, public IPs, security groups); nodes only EC2 knows: {extra}", "인스턴스 {n}대: 노드의 서브넷, 퍼블릭 IP, 보안 그룹. EC2만 아는 노드 {extra}대"));
    }
    out
}

/// The node group of a node: EKS's label or tag for managed groups, eksctl's or the
/// Auto Scaling group's name for self-managed ones.
fn group_of(labels: &BTreeMap<String, String>, tags: &[super::ec2::Tag]) -> (String, bool) {
    if let Some(g) = labels.get("eks.amazonaws.com/nodegroup") {
        return (g.clone(), true);
    }
    if let Some(g) = tag(tags, "eks:nodegroup-name") {
        return (g.to_string(), true);
    }
    if let Some(g) = labels.get("alpha.eksctl.io/nodegroup-name") {
        return (g.clone(), false);
    }
    if let Some(g) = tag(tags, "aws:autoscaling:groupName") {
        return (g.to_string(), false);
    }
    ("self-managed".into(), false)
}

/// Running instances of the cluster that kubectl did not list.
fn unregistered_instances(
    snap: &Snapshot,
    report: &mut Report,
    s: &Scenario,
    out: &mut Vec<Observed>,
) {
    let cluster = s.cluster.name.as_str();
    let owned = format!("kubernetes.io/cluster/{cluster}");
    for i in &snap.instances {
        let v = &i.v;
        let state = v.state.as_ref().map_or("running", |x| x.name.as_str());
        let ours = (!snap.clusters.is_empty()
            && (tag(&v.tags, "eks:cluster-name") == Some(cluster)
                || tag(&v.tags, &owned).is_some()))
            || (snap.clusters.is_empty() && tag(&v.tags, "eks:nodegroup-name").is_some());
        let Some(ip) = v.private_ip_address.clone() else {
            continue;
        };
        if !ours
            || !matches!(state, "running" | "pending")
            || out.iter().any(|o| o.private_ip == ip)
        {
            continue;
        }
        let (group, managed) = group_of(&BTreeMap::new(), &v.tags);
        let id = &v.instance_id;
        if !snap.nodes.is_empty() {
            report.contributed(i.file, text!("instance {id} ({ip}) of the cluster is not in kubectl's nodes: it has not registered", "클러스터의 인스턴스 {id}({ip})이(가) kubectl 노드 목록에 없다: 등록되지 않았다"));
        }
        out.push(Observed {
            name: v.private_dns_name.clone(),
            instance_id: Some(id.clone()),
            private_ip: ip.clone(),
            public_ip: v.public_ip_address.clone(),
            subnet: v.subnet_id.clone().or_else(|| subnet_by_cidr(s, &ip)),
            group,
            managed,
            fargate: false,
            instance_type: v.instance_type.clone(),
            security_groups: v
                .security_groups
                .iter()
                .map(|g| g.group_id.clone())
                .collect(),
        });
    }
}

/// Labels that name one pod or one revision, not the workload.
const POD_LABELS: &[&str] = &[
    "pod-template-hash",
    "controller-revision-hash",
    "pod-template-generation",
    "statefulset.kubernetes.io/pod-name",
    "apps.kubernetes.io/pod-index",
    "batch.kubernetes.io/controller-uid",
    "controller-uid",
    "batch.kubernetes.io/job-name",
    "job-name",
];

/// The workload a pod belongs to: its owner, a ReplicaSet's Deployment (the
/// ReplicaSet's name without `-<pod-template-hash>`), or the pod itself.
pub(crate) fn workload_of(pod: &super::kube::Pod) -> (String, String) {
    let m = &pod.metadata;
    let Some(o) = m.owner_references.first() else {
        return ("Pod".into(), m.name.clone());
    };
    if o.kind == "ReplicaSet" {
        let hash = m
            .labels
            .get("pod-template-hash")
            .map(String::as_str)
            .unwrap_or("");
        if let Some(d) = o
            .name
            .strip_suffix(hash)
            .and_then(|x| x.strip_suffix('-'))
            .filter(|_| !hash.is_empty())
        {
            return ("Deployment".into(), d.to_string());
        }
    }
    (o.kind.clone(), o.name.clone())
}

/// Pods into workloads and pinned pods.
pub(crate) fn workloads(
    snap: &Snapshot,
    report: &mut Report,
    s: &mut Scenario,
    nodes: &[Observed],
) {
    let node_by_name: BTreeMap<&str, &Observed> =
        crate::sort::map_of(nodes.iter().map(|n| (n.name.as_str(), n)));
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut finished, mut system, mut pinned) = (0usize, 0usize, BTreeMap::<usize, usize>::new());
    for p in &snap.pods {
        let f = snap.name(p.file).to_string();
        let m = &p.v.metadata;
        let ns = if m.namespace.is_empty() {
            "default".to_string()
        } else {
            m.namespace.clone()
        };
        if matches!(p.v.status.phase.as_str(), "Succeeded" | "Failed") {
            finished += 1;
            continue;
        }
        let (kind, wname) = workload_of(&p.v);
        if kind == "DaemonSet"
            && ns == "kube-system"
            && matches!(wname.as_str(), "aws-node" | "kube-proxy")
        {
            system += 1;
            continue;
        }
        let node = node_by_name.get(p.v.spec.node_name.as_str()).copied();
        let on_fargate = node.is_some_and(|n| n.fargate);
        let w = *index.entry((ns.clone(), wname.clone())).or_insert_with(|| {
            let c =
                p.v.spec
                    .containers
                    .iter()
                    .flat_map(|c| c.ports.iter())
                    .next();
            s.workloads.push(Workload {
                name: wname.clone(),
                namespace: ns.clone(),
                replicas: 0,
                labels: crate::sort::map_of(
                    m.labels
                        .iter()
                        .filter(|(k, _)| !POD_LABELS.contains(&k.as_str()))
                        .map(|(k, v)| (k.clone(), v.clone())),
                ),
                host_network: p.v.spec.host_network,
                node_selector: if on_fargate {
                    crate::sort::map_of([(
                        "eks.amazonaws.com/compute-type".to_string(),
                        "fargate".to_string(),
                    )])
                } else {
                    BTreeMap::new()
                },
                container_port: c
                    .and_then(|c| u16::try_from(c.container_port).ok())
                    .unwrap_or(80),
                ready: p
                    .v
                    .status
                    .conditions
                    .iter()
                    .all(|c| c.kind != "Ready" || c.status == "True"),
                admission_webhook_port: None,
            });
            s.workloads.len() - 1
        });
        if let Some(wl) = s.workloads.get_mut(w) {
            wl.replicas += 1;
        }
        let pname = &m.name;
        match node {
            Some(n) if !n.fargate && n.subnet.is_some() => {
                s.pods.push(PodPin {
                    name: pname.clone(),
                    workload: wname,
                    namespace: ns,
                    node_name: n.private_ip.clone(),
                    pod_ip: if p.v.spec.host_network {
                        None
                    } else {
                        p.v.status.pod_ip.clone()
                    },
                });
                *pinned.entry(p.file).or_default() += 1;
            }
            Some(_) => {}
            None if p.v.spec.node_name.is_empty() => {}
            None => {
                let nn = &p.v.spec.node_name;
                report.diag(&f, Code::ImportUnplaced, &format!("{}/spec/nodeName", p.pointer), text!("pod {pname} runs on node {nn}, which is not among the imported nodes: it is simulated instead", "Pod {pname}이(가) 가져온 노드에 없는 {nn}에서 돈다: 대신 시뮬레이션한다"));
            }
        }
    }
    for (file, n) in pinned {
        report.contributed(
            file,
            text!(
                "pods pinned to their node and IP as observed: {n}",
                "Pod {n}개를 관찰된 노드와 IP에 고정"
            ),
        );
    }
    let nw = s.workloads.len();
    if nw > 0 {
        report.assume("", "", text!("workloads grouped from the pods' owner references (a ReplicaSet `web-5dc4865748` is Deployment `web`): {nw}; replicas = pods seen", "Pod의 ownerReferences로 워크로드 {nw}개를 묶었다(ReplicaSet `web-5dc4865748`은 Deployment `web`). 레플리카 = 본 Pod 수"));
    }
    if finished + system > 0 {
        report.drop_note("", "", text!("left out: finished pods (Succeeded/Failed) {finished}, aws-node/kube-proxy pods {system}; finished pods hold no address, and eksnet simulates the two DaemonSets on every node", "끝난 Pod {finished}개(Succeeded/Failed)와 aws-node/kube-proxy Pod {system}개는 뺀다. 끝난 Pod는 주소가 없고, 두 DaemonSet은 eksnet이 모든 노드에 시뮬레이션한다"));
    }
}

/// Services and Ingresses.
pub(crate) fn services(snap: &Snapshot, report: &mut Report, s: &mut Scenario) {
    let port16 = |v: i64| u16::try_from(v).ok();
    for sv in &snap.services {
        let f = snap.name(sv.file).to_string();
        let m = &sv.v.metadata;
        let ns = if m.namespace.is_empty() {
            "default".to_string()
        } else {
            m.namespace.clone()
        };
        let name = &m.name;
        if (ns == "default" && name == "kubernetes") || (ns == "kube-system" && name == "kube-dns")
        {
            // eksnet's model has both, at the service range's first and tenth address.
            report.drop_note(
                &f,
                &sv.pointer,
                text!(
                    "Service {ns}/{name} is part of every cluster: eksnet models it itself",
                    "Service {ns}/{name}은(는) 모든 클러스터에 있어 eksnet이 직접 모델링한다"
                ),
            );
            continue;
        }
        let kind = match sv.v.spec.kind.as_str() {
            "" | "ClusterIP" => ServiceType::ClusterIP,
            "NodePort" => ServiceType::NodePort,
            "LoadBalancer" => ServiceType::LoadBalancer,
            other => {
                report.drop_note(
                    &f,
                    &sv.pointer,
                    text!(
                        "Service {ns}/{name} of type {other} is not modelled",
                        "{other} 유형의 Service {ns}/{name}은(는) 모델링하지 않는다"
                    ),
                );
                continue;
            }
        };
        let ports =
            sv.v.spec
                .ports
                .iter()
                .map(|p| ServicePort {
                    name: p.name.clone(),
                    protocol: if p.protocol.is_empty() {
                        "TCP".into()
                    } else {
                        p.protocol.clone()
                    },
                    port: port16(p.port).unwrap_or(0),
                    target_port: match &p.target_port {
                        Some(serde_json::Value::Number(n)) => n.as_i64().and_then(port16),
                        _ => None,
                    },
                    node_port: p.node_port.and_then(port16),
                })
                .collect();
        s.services.push(Service {
            name: name.clone(),
            namespace: ns,
            annotations: m.annotations.clone(),
            service_type: kind,
            selector: sv.v.spec.selector.clone(),
            cluster_ip: sv.v.spec.cluster_ip.clone().filter(|c| c != "None"),
            ports,
            external_traffic_policy: if sv.v.spec.external_traffic_policy.as_deref()
                == Some("Local")
            {
                TrafficPolicy::Local
            } else {
                TrafficPolicy::Cluster
            },
            health_check_node_port: sv.v.spec.health_check_node_port.and_then(port16),
            uid: m.uid.clone(),
            load_balancer_hostname: sv.v.status.hostname(),
            age: String::new(),
        });
        report.contributed(sv.file, text!("Service {name}", "Service {name}"));
    }
    for ing in &snap.ingresses {
        let m = &ing.v.metadata;
        let mut rules = Vec::new();
        for r in &ing.v.spec.rules {
            for p in r.http.iter().flat_map(|h| h.paths.iter()) {
                let Some(b) = &p.backend.service else {
                    continue;
                };
                rules.push(IngressRule {
                    host: r.host.clone(),
                    path: if p.path.is_empty() {
                        "/".into()
                    } else {
                        p.path.clone()
                    },
                    service_name: b.name.clone(),
                    service_port: b
                        .port
                        .number
                        .and_then(|n| u16::try_from(n).ok())
                        .unwrap_or(0),
                });
            }
        }
        let name = &m.name;
        s.ingresses.push(Ingress {
            name: name.clone(),
            namespace: if m.namespace.is_empty() {
                "default".into()
            } else {
                m.namespace.clone()
            },
            annotations: m.annotations.clone(),
            ingress_class_name: ing.v.spec.ingress_class_name.clone(),
            rules,
            load_balancer_hostname: ing.v.status.hostname(),
            age: String::new(),
        });
        report.contributed(ing.file, text!("Ingress {name}", "Ingress {name}"));
    }
}
