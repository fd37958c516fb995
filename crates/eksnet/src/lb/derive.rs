//! From the scenario's Services (and, in `ingress.rs`, its Ingresses) to the
//! load balancers: endpoints, allocations, subnets, addresses, target groups.

use std::collections::HashSet;

use super::alloc::{self, Allocation};
use super::annotations::{self, SvcSpec};
use super::health;
use super::names;
use super::placement::{given_host, not_public, pick_subnets, place};
use super::*;
use crate::cni::{Ipam, PodStatus};
use crate::codes::Code;
use crate::model::{Ledger, Model};
use crate::scenario::{IpFamily, Service, ServiceType};
use crate::{text, Diagnostic};

/// Builds the load balancers (see the module docs of [`super`]) from the
/// Services made by [`services`], their listeners and target groups, with every
/// target but those of instance target groups: the analysis adds those with
/// [`add_node_targets`], a slice of the nodes at a time (such a group of a large
/// cluster has a target per node), pausing between slices, then calls
/// [`finish`]. Takes the load balancers' private addresses in the address
/// `ledger`, like any ENI's ([`crate::model::Holder::Other`]).
pub(crate) fn derive_groups(
    m: &Model,
    ipam: &Ipam,
    ledger: &mut Ledger,
    services: Vec<ServiceModel>,
    diags: &mut Vec<Diagnostic>,
) -> LoadBalancing {
    let mut lbs = LoadBalancing {
        ingresses: super::ingress::models(m, &services, diags),
        services,
        load_balancers: Vec::new(),
    };
    let mut public_n = 0u32;
    for si in 0..lbs.services.len() {
        let Some(svc) = lbs.services.get(si) else {
            continue;
        };
        if svc.service_type != ServiceType::LoadBalancer {
            continue;
        }
        let Some(raw) = m.k8s.services.get(svc.index).cloned() else {
            continue;
        };
        let spec = annotations::service(&raw, svc.index, diags);
        let lb = service_lb(
            m,
            ipam,
            ledger,
            &lbs.services,
            si,
            &raw,
            spec,
            &mut public_n,
            diags,
        );
        let k = lbs.load_balancers.len();
        lbs.load_balancers.push(lb);
        if let Some(s) = lbs.services.get_mut(si) {
            s.load_balancer = Some(k);
        }
    }
    super::ingress::albs(m, ipam, ledger, &mut lbs, &mut public_n, diags);
    lbs
}

/// Adds the nodes `nodes` (a range of the model's nodes, taken in order) as
/// targets of every instance target group waiting for them.
pub(crate) fn add_node_targets(
    m: &Model,
    ipam: &Ipam,
    lbs: &mut LoadBalancing,
    nodes: std::ops::Range<usize>,
) {
    for lb in &mut lbs.load_balancers {
        let azs: Vec<String> = lb.nodes.iter().map(|n| n.az.clone()).collect();
        for tg in lb.target_groups.iter_mut().filter(|tg| tg.awaits_nodes) {
            if let Some(svc) = lbs.services.get(tg.service) {
                let more = health::node_targets(
                    m,
                    ipam,
                    svc,
                    &tg.health_check,
                    tg.port,
                    &azs,
                    nodes.clone(),
                );
                tg.targets.extend(more);
            }
        }
    }
}

/// Ends the derivation once every node target is in: the network ACLs' say on
/// each target's health check.
pub(crate) fn finish(m: &Model, ipam: &Ipam, lbs: &mut LoadBalancing) {
    for lb in &mut lbs.load_balancers {
        for tg in &mut lb.target_groups {
            tg.awaits_nodes = false;
        }
        super::acl::health_checks(m, ipam, lb);
    }
}

/// The scenario's Services as Kubernetes completes them: ClusterIPs, NodePorts and
/// endpoints (the running pods each selects).
/// Their endpoints are added by [`add_endpoints`], a slice of the pods at a
/// time (the analysis pauses between slices).
pub(crate) fn services(m: &Model, diags: &mut Vec<Diagnostic>) -> Vec<ServiceModel> {
    let mut seen = HashSet::new();
    let mut accepted: Vec<(usize, &Service)> = Vec::new();
    for (i, s) in m.k8s.services.iter().enumerate() {
        let ns = &s.namespace;
        if s.name.trim().is_empty() {
            diags.push(Diagnostic::new(
                Code::MissingName,
                format!("/services/{i}/name"),
                text!("a Service needs a name", "Service에는 이름이 있어야 한다"),
            ));
            continue;
        }
        if !seen.insert((ns.to_string(), s.name.clone())) {
            let n = &s.name;
            diags.push(Diagnostic::new(
                Code::DuplicateService,
                format!("/services/{i}/name"),
                text!(
                    "Service {ns}/{n} is defined twice; only the first counts",
                    "Service {ns}/{n}이(가) 두 번 정의되었다. 첫 번째만 쓴다"
                ),
            ));
            continue;
        }
        accepted.push((i, s));
    }
    let cidr = match m.cluster.ip_family {
        IpFamily::Ipv4 => m.cluster.service_cidr,
        IpFamily::Ipv6 => None,
    };
    if m.cluster.ip_family == IpFamily::Ipv6 && !accepted.is_empty() {
        diags.push(Diagnostic::new(
            Code::Ipv6ServicesNotModelled,
            "/services",
            text!(
                "in an IPv6 cluster Services get IPv6 ClusterIPs and pods IPv6 addresses; eksnet models Services, load balancers and their traces for IPv4 only, so these have no ClusterIP or endpoints here",
                "IPv6 클러스터에서는 Service가 IPv6 ClusterIP를, Pod가 IPv6 주소를 받는다. eksnet은 Service, 로드 밸런서와 그 추적을 IPv4로만 모델링하므로 여기서는 ClusterIP도 엔드포인트도 없다"
            ),
        ));
    }
    let allocs = alloc::allocate(&m.cluster.name, cidr, &accepted, diags);
    accepted
        .iter()
        .zip(allocs)
        .map(|(&(i, s), a)| service(i, s, a, diags))
        .collect()
}

/// Adds to each of `services` its endpoints among the pods `pods` (indices into
/// `ipam.pods`): the Running pods of its namespace whose labels its selector
/// matches, in pod order. A Service without a selector has none (its
/// endpoints are managed by hand, which eksnet does not model).
pub(crate) fn add_endpoints(
    m: &Model,
    ipam: &Ipam,
    services: &mut [ServiceModel],
    pods: std::ops::Range<usize>,
) {
    for svc in services {
        let Some(s) = m.k8s.services.get(svc.index) else {
            continue;
        };
        if s.selector.is_empty() {
            continue;
        }
        // Namespace and labels are the workload's: pick the workloads the
        // selector matches, then read only their pods' records (a pod's name is
        // built for the endpoints alone, not for every pod scanned).
        let selected: Vec<bool> = (0..ipam.workloads.len())
            .map(|w| {
                ipam.pods
                    .namespace_of_workload(w)
                    .is_some_and(|x| *x == svc.namespace)
                    && ipam
                        .workloads
                        .get(w)
                        .is_some_and(|w| s.selector.iter().all(|(k, v)| w.labels.get(k) == Some(v)))
            })
            .collect();
        let found = pods
            .clone()
            .filter(|&pi| {
                ipam.pods
                    .workload(pi)
                    .is_some_and(|w| selected.get(w).copied().unwrap_or(false))
                    && ipam.pods.status(pi) == Some(PodStatus::Running)
            })
            .filter_map(|pi| {
                let p = ipam.pods.get(pi)?;
                Some(Endpoint {
                    pod: pi,
                    eid: p.eid(),
                    ip: p.ipv4()?,
                    node: p.node,
                    ready: p.ready,
                })
            });
        svc.endpoints.extend(found);
    }
}

fn service(i: usize, s: &Service, a: Allocation, diags: &mut Vec<Diagnostic>) -> ServiceModel {
    let ns = s.namespace.clone();
    let base = format!("/services/{i}");
    if s.ports.is_empty() && !a.headless {
        diags.push(
            Diagnostic::new(
                Code::ServiceNoPorts,
                format!("{base}/ports"),
                text!(
                    "a Service needs at least one port; the API server refuses it",
                    "Service에는 포트가 하나 이상 있어야 한다. API 서버가 거절한다"
                ),
            )
            .fix(text!(
                "add a port, e.g. port: 80",
                "포트를 더한다. 예: port: 80"
            )),
        );
    }
    if s.external_traffic_policy == TrafficPolicy::Local && s.service_type == ServiceType::ClusterIP
    {
        diags.push(Diagnostic::new(
            Code::TrafficPolicyNotExternal,
            format!("{base}/externalTrafficPolicy"),
            text!(
                "externalTrafficPolicy: Local may only be set for externally-accessible Services (NodePort, LoadBalancer); the API server refuses it on a ClusterIP Service",
                "externalTrafficPolicy: Local은 외부에서 접근하는 Service(NodePort, LoadBalancer)에만 쓸 수 있어 ClusterIP Service에서는 API 서버가 거절한다"
            ),
        )
        .fix(text!(
            "remove externalTrafficPolicy, or make the Service type NodePort or LoadBalancer",
            "externalTrafficPolicy를 지우거나 Service 유형을 NodePort나 LoadBalancer로 바꾼다"
        )));
    }
    let mut seen_ports = HashSet::new();
    let mut ports = Vec::new();
    for (k, p) in s.ports.iter().enumerate() {
        let protocol = if p.protocol.trim().is_empty() {
            "TCP".to_string()
        } else {
            p.protocol.trim().to_ascii_uppercase()
        };
        let path = format!("{base}/ports/{k}");
        if !matches!(protocol.as_str(), "TCP" | "UDP" | "SCTP") {
            let v = &p.protocol;
            diags.push(Diagnostic::new(
                Code::ServicePortInvalid,
                format!("{path}/protocol"),
                text!(
                    "`{v}` is not a Service protocol (TCP, UDP, SCTP)",
                    "`{v}`은(는) Service 프로토콜(TCP, UDP, SCTP)이 아니다"
                ),
            ));
            continue;
        }
        if p.port == 0 {
            diags.push(Diagnostic::new(
                Code::ServicePortInvalid,
                format!("{path}/port"),
                text!("port must be 1-65535", "port는 1-65535여야 한다"),
            ));
            continue;
        }
        if !seen_ports.insert((p.port, protocol.clone())) {
            let n = p.port;
            diags.push(Diagnostic::new(
                Code::ServicePortInvalid,
                format!("{path}/port"),
                text!(
                    "port {n}/{protocol} appears twice in the Service",
                    "포트 {n}/{protocol}이(가) Service에 두 번 나온다"
                ),
            ));
            continue;
        }
        ports.push(PortModel {
            name: p.name.clone(),
            protocol,
            port: p.port,
            target_port: p.target_port.filter(|&t| t != 0).unwrap_or(p.port),
            node_port: a.node_ports.get(k).copied().flatten(),
        });
    }
    // Filled by `add_endpoints`, a slice of the pods at a time.
    let endpoints = Vec::new();
    ServiceModel {
        eid: ElementId::service(&ns, &s.name),
        index: i,
        name: s.name.clone(),
        namespace: ns,
        service_type: s.service_type,
        cluster_ip: a.cluster_ip,
        headless: a.headless,
        ports,
        external_traffic_policy: s.external_traffic_policy,
        health_check_node_port: a.health_check_node_port,
        selector: s.selector.clone(),
        endpoints,
        load_balancer: None,
        age: s.age.clone(),
    }
}

/// One target group and one listener per port of Service `si` (`svc`), with each
/// target's health in `azs` and whether the pods see the client's address.
fn service_target_groups(
    m: &Model,
    ipam: &Ipam,
    (si, svc): (usize, &ServiceModel),
    spec: &SvcSpec,
    name: &str,
    azs: &[String],
) -> (Vec<Listener>, Vec<TargetGroup>) {
    let cluster = &m.cluster.name;
    let mut listeners = Vec::new();
    let mut target_groups = Vec::new();
    for p in &svc.ports {
        let target_type = if spec.kind == LbKind::Clb {
            TargetType::Instance
        } else {
            spec.target_type
        };
        let hc = health::check_for(spec.kind, target_type, svc, p);
        // Instance targets (one per node) come later: see `add_node_targets`.
        let (port, targets, awaits_nodes) = match target_type {
            TargetType::Instance => (p.node_port.unwrap_or(0), Vec::new(), p.node_port.is_some()),
            TargetType::Ip => (
                p.target_port,
                health::pod_targets(m, ipam, svc, p.target_port, azs),
                false,
            ),
        };
        let sees = match (spec.kind, target_type) {
            (LbKind::Nlb, TargetType::Instance) => true,
            (LbKind::Nlb, TargetType::Ip) => spec.preserve_client_ip.unwrap_or(p.protocol == "UDP"),
            _ => false,
        };
        let preserved = match target_type {
            TargetType::Instance => sees && svc.external_traffic_policy == TrafficPolicy::Local,
            TargetType::Ip => sees,
        };
        let n = target_groups.len();
        target_groups.push(TargetGroup {
            eid: ElementId::target_group(name, n),
            name: if spec.kind == LbKind::Clb {
                name.to_string()
            } else {
                names::target_group_name(cluster, name, &svc.namespace, &svc.name, p.port)
            },
            service: si,
            service_port: p.port,
            target_type,
            protocol: p.protocol.clone(),
            port,
            health_check: hc,
            target_sees_client_ip: sees,
            client_ip_preserved: preserved,
            targets,
            awaits_nodes,
        });
        listeners.push(Listener {
            protocol: p.protocol.clone(),
            port: p.port,
            rules: vec![ListenerRule {
                host: "*".into(),
                path: "/".into(),
                ingress: None,
                target_group: n,
            }],
        });
    }
    (listeners, target_groups)
}

/// The load balancer's name and DNS name: the given host name if it is of the
/// right shape, else derived as the in-tree provider (from the Service's UID) or
/// the AWS Load Balancer Controller names it.
fn service_lb_name(
    m: &Model,
    svc: &ServiceModel,
    raw: &Service,
    spec: &SvcSpec,
    base: &str,
    diags: &mut Vec<Diagnostic>,
) -> (String, String) {
    let cluster = m.cluster.name.clone();
    let region = m.cluster.region.clone();
    let nlb = spec.kind == LbKind::Nlb;
    let derived_name = match spec.controller {
        Controller::InTree => {
            let uid = if raw.uid.trim().is_empty() {
                names::uid(&cluster, &svc.namespace, &svc.name)
            } else {
                raw.uid.trim().to_string()
            };
            names::in_tree_name(&uid)
        }
        Controller::AwsLoadBalancerController => {
            names::controller_name(&cluster, &svc.namespace, &svc.name, spec.scheme.as_str())
        }
    };
    let given = given_host(
        m,
        raw.load_balancer_hostname.as_deref(),
        nlb,
        spec.scheme,
        format!("{base}/loadBalancerHostname"),
        diags,
    );
    match given {
        Some(g) => g,
        None => {
            let dns = if nlb {
                names::nlb_dns_name(
                    &derived_name,
                    &names::hex(&["nlb", &cluster, &derived_name], 16),
                    &region,
                )
            } else {
                names::clb_dns_name(
                    &derived_name,
                    names::number(&["clb", &cluster, &derived_name]),
                    &region,
                )
            };
            (
                derived_name,
                names::with_scheme(dns, spec.scheme == Scheme::Internal),
            )
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn service_lb(
    m: &Model,
    ipam: &Ipam,
    ledger: &mut Ledger,
    services: &[ServiceModel],
    si: usize,
    raw: &Service,
    spec: SvcSpec,
    public_n: &mut u32,
    diags: &mut Vec<Diagnostic>,
) -> LoadBalancer {
    let Some(svc) = services.get(si) else {
        return empty_lb();
    };
    let base = format!("/services/{}", svc.index);
    let (name, dns_name) = service_lb_name(m, svc, raw, &spec, &base, diags);
    let subnets_field = annotations::annotation_path(&base, keys::SUBNETS);
    let scheme_field = match spec.controller {
        Controller::InTree => annotations::annotation_path(&base, keys::INTERNAL),
        Controller::AwsLoadBalancerController => annotations::annotation_path(&base, keys::SCHEME),
    };
    let mut problems = spec.problems.clone();
    let mut nodes = Vec::new();
    if problems.is_empty() {
        match pick_subnets(
            m,
            ledger,
            spec.kind,
            spec.scheme,
            spec.subnets.as_deref(),
            &subnets_field,
            &scheme_field,
        ) {
            Ok(subnets) => {
                nodes = place(m, ledger, &subnets, spec.scheme, public_n);
                if spec.scheme == Scheme::InternetFacing {
                    problems.extend(not_public(m, &subnets, &subnets_field));
                }
            }
            Err(p) => problems.push(*p),
        }
    }
    let created = problems.iter().all(|p| p.code == Code::LbSubnetNotPublic);
    let azs: Vec<String> = nodes.iter().map(|n| n.az.clone()).collect();
    let (listeners, target_groups) = service_target_groups(m, ipam, (si, svc), &spec, &name, &azs);
    LoadBalancer {
        eid: ElementId::load_balancer(&name),
        name,
        kind: spec.kind,
        controller: spec.controller,
        scheme: spec.scheme,
        owner: Owner::Service { service: si },
        path: base,
        dns_name: if created { dns_name } else { String::new() },
        nodes,
        cross_zone: spec.cross_zone,
        listeners,
        target_groups,
        created,
        problems,
        notes: spec.notes,
    }
}

fn empty_lb() -> LoadBalancer {
    LoadBalancer {
        eid: ElementId::load_balancer(""),
        name: String::new(),
        kind: LbKind::Clb,
        controller: Controller::InTree,
        scheme: Scheme::Internal,
        owner: Owner::Ingresses {
            group: None,
            ingresses: Vec::new(),
        },
        path: String::new(),
        dns_name: String::new(),
        nodes: Vec::new(),
        cross_zone: false,
        listeners: Vec::new(),
        target_groups: Vec::new(),
        created: false,
        problems: Vec::new(),
        notes: Vec::new(),
    }
}
