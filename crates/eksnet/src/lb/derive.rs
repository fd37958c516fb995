//! From the scenario's Services (and, in `ingress.rs`, its Ingresses) to the
//! load balancers: endpoints, allocations, subnets, addresses, target groups.

use std::collections::{BTreeSet, HashSet};
use std::net::Ipv4Addr;

use super::alloc::{self, Allocation};
use super::annotations::{self, SvcSpec, CITE_004_LB};
use super::health;
use super::names;
use super::*;
use crate::cite::Source;
use crate::cni::{Ipam, PodStatus};
use crate::diag::Severity;
use crate::model::{Holder, Model};
use crate::scenario::{IpFamily, Service, ServiceType};
use crate::{text, Diagnostic};

/// The addresses AWS asks to be free in each load balancer subnet.
pub(super) const LB_SUBNET_FREE_IPS: u32 = 8;

const CITE_SUBNETS: Cite = Cite::new(Source::AwsDocs, "Elastic Load Balancing, subnets");
const CITE_VALIDATION: Cite = Cite::new(Source::Kubernetes, "Service API validation");

pub(super) fn error(
    code: &'static str,
    path: String,
    message: Text,
    fix: Option<Text>,
) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        code,
        path,
        message,
        fix,
        cite: CITE_VALIDATION,
    }
}

/// Builds everything (see the module docs of [`super`]). Takes the load balancers'
/// private addresses from their subnets' pools in the model, like any ENI's
/// ([`Holder::Other`]); the CNI's own accounting (`Ipam::subnets`) stays what the
/// CNI left.
pub(crate) fn derive(m: &mut Model, ipam: &Ipam, diags: &mut Vec<Diagnostic>) -> LoadBalancing {
    let services = services(m, ipam, diags);
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
        let Some(raw) = m.scenario.services.get(svc.index).cloned() else {
            continue;
        };
        let spec = annotations::service(&raw, svc.index, diags);
        let lb = service_lb(m, ipam, &lbs.services, si, &raw, spec, &mut public_n, diags);
        let k = lbs.load_balancers.len();
        lbs.load_balancers.push(lb);
        if let Some(s) = lbs.services.get_mut(si) {
            s.load_balancer = Some(k);
        }
    }
    super::ingress::albs(m, ipam, &mut lbs, &mut public_n, diags);
    lbs
}

fn services(m: &Model, ipam: &Ipam, diags: &mut Vec<Diagnostic>) -> Vec<ServiceModel> {
    let mut seen = HashSet::new();
    let mut accepted: Vec<(usize, &Service)> = Vec::new();
    for (i, s) in m.scenario.services.iter().enumerate() {
        let ns = if s.namespace.is_empty() {
            "default"
        } else {
            &s.namespace
        };
        if s.name.trim().is_empty() {
            diags.push(error(
                "missing-name",
                format!("/services/{i}/name"),
                text!("a Service needs a name", "Service에는 이름이 있어야 한다"),
                None,
            ));
            continue;
        }
        if !seen.insert((ns.to_string(), s.name.clone())) {
            let n = &s.name;
            diags.push(error(
                "duplicate-service",
                format!("/services/{i}/name"),
                text!(
                    "Service {ns}/{n} is defined twice; only the first counts",
                    "Service {ns}/{n}이(가) 두 번 정의되었다. 첫 번째만 쓴다"
                ),
                None,
            ));
            continue;
        }
        accepted.push((i, s));
    }
    let cidr = match m.cluster.ip_family {
        IpFamily::Ipv4 => m.cluster.service_cidr,
        IpFamily::Ipv6 => None,
    };
    let allocs = alloc::allocate(&m.cluster.name, cidr, &accepted, diags);
    accepted
        .iter()
        .zip(allocs)
        .map(|(&(i, s), a)| service(ipam, i, s, a, diags))
        .collect()
}

fn service(
    ipam: &Ipam,
    i: usize,
    s: &Service,
    a: Allocation,
    diags: &mut Vec<Diagnostic>,
) -> ServiceModel {
    let ns = if s.namespace.is_empty() {
        "default".to_string()
    } else {
        s.namespace.clone()
    };
    let base = format!("/services/{i}");
    if s.ports.is_empty() && !a.headless {
        diags.push(error(
            "service-no-ports",
            format!("{base}/ports"),
            text!(
                "a Service needs at least one port; the API server refuses it",
                "Service에는 포트가 하나 이상 있어야 한다. API 서버가 거절한다"
            ),
            Some(text!(
                "add a port, e.g. port: 80",
                "포트를 더한다. 예: port: 80"
            )),
        ));
    }
    if s.external_traffic_policy == TrafficPolicy::Local && s.service_type == ServiceType::ClusterIP
    {
        diags.push(error(
            "traffic-policy-not-external",
            format!("{base}/externalTrafficPolicy"),
            text!(
                "externalTrafficPolicy: Local may only be set for externally-accessible Services (NodePort, LoadBalancer); the API server refuses it on a ClusterIP Service",
                "externalTrafficPolicy: Local은 외부에서 접근하는 Service(NodePort, LoadBalancer)에만 쓸 수 있어 ClusterIP Service에서는 API 서버가 거절한다"
            ),
            Some(text!(
                "remove externalTrafficPolicy, or make the Service type NodePort or LoadBalancer",
                "externalTrafficPolicy를 지우거나 Service 유형을 NodePort나 LoadBalancer로 바꾼다"
            )),
        ));
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
            diags.push(error(
                "service-port-invalid",
                format!("{path}/protocol"),
                text!(
                    "`{v}` is not a Service protocol (TCP, UDP, SCTP)",
                    "`{v}`은(는) Service 프로토콜(TCP, UDP, SCTP)이 아니다"
                ),
                None,
            ));
            continue;
        }
        if p.port == 0 {
            diags.push(error(
                "service-port-invalid",
                format!("{path}/port"),
                text!("port must be 1-65535", "port는 1-65535여야 한다"),
                None,
            ));
            continue;
        }
        if !seen_ports.insert((p.port, protocol.clone())) {
            let n = p.port;
            diags.push(error(
                "service-port-invalid",
                format!("{path}/port"),
                text!(
                    "port {n}/{protocol} appears twice in the Service",
                    "포트 {n}/{protocol}이(가) Service에 두 번 나온다"
                ),
                None,
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
    let endpoints = if s.selector.is_empty() {
        Vec::new()
    } else {
        ipam.pods
            .iter()
            .enumerate()
            .filter(|(pi, p)| {
                p.namespace == ns
                    && p.status == PodStatus::Running
                    && ipam
                        .pod_labels(*pi)
                        .is_some_and(|l| s.selector.iter().all(|(k, v)| l.get(k) == Some(v)))
            })
            .filter_map(|(pi, p)| {
                Some(Endpoint {
                    pod: pi,
                    eid: p.eid(),
                    ip: p.ipv4()?,
                    node: p.node,
                    ready: p.ready,
                })
            })
            .collect()
    };
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

/// The subnets of a load balancer: the named ones, or one per AZ discovered by
/// route table. `Err` when the load balancer cannot be created.
pub(super) fn pick_subnets(
    m: &Model,
    kind: LbKind,
    scheme: Scheme,
    given: Option<&[String]>,
    given_field: &str,
    scheme_field: &str,
) -> Result<Vec<usize>, Box<Problem>> {
    let mut azs = BTreeSet::new();
    let mut out = Vec::new();
    if let Some(ids) = given {
        for id in ids {
            match m.subnet_index(id) {
                Some(k) if m.subnets.get(k).is_some_and(|s| s.cidr.is_some()) => {
                    if let Some(s) = m.subnets.get(k) {
                        if azs.insert(s.az.clone()) {
                            out.push(k);
                        }
                    }
                }
                _ => {
                    return Err(Box::new(Problem {
                        code: "lb-subnet-unknown",
                        reason: text!(
                            "the subnets annotation names `{id}`, which is not a usable subnet of the VPC, so the load balancer is not created",
                            "subnets 어노테이션이 VPC의 쓸 수 있는 서브넷이 아닌 `{id}`을(를) 가리켜 로드 밸런서가 만들어지지 않는다"
                        ),
                        fix: text!(
                            "name subnets of the VPC, one per AZ",
                            "VPC의 서브넷을 AZ마다 하나씩 적는다"
                        ),
                        cite: CITE_SUBNETS,
                        field: Some(given_field.to_string()),
                    }))
                }
            }
        }
    } else {
        let want_public = scheme == Scheme::InternetFacing;
        let usable =
            |s: &crate::model::SubnetModel| s.cidr.is_some() && s.is_public() == want_public;
        for (k, s) in m.subnets.iter().enumerate() {
            if usable(s) && azs.insert(s.az.clone()) {
                out.push(k);
            }
        }
        if out.is_empty() && !want_public {
            // No private subnet: an internal load balancer may sit in public ones.
            for (k, s) in m.subnets.iter().enumerate() {
                if s.cidr.is_some() && azs.insert(s.az.clone()) {
                    out.push(k);
                }
            }
        }
        if out.is_empty() {
            return Err(Box::new(if want_public {
                Problem {
                    code: "no-public-subnet",
                    reason: text!(
                        "an internet-facing load balancer needs a public subnet (0.0.0.0/0 → internet gateway), and the VPC has none, so it is not created (EXTERNAL-IP stays <pending>)",
                        "인터넷 연결 로드 밸런서에는 퍼블릭 서브넷(0.0.0.0/0 → 인터넷 게이트웨이)이 필요한데 VPC에 없어 만들어지지 않는다(EXTERNAL-IP가 <pending>으로 남는다)"
                    ),
                    fix: text!(
                        "add a public subnet in each AZ (source 003: public subnets hold the ELBs), or make the load balancer internal",
                        "AZ마다 퍼블릭 서브넷을 더하거나(소스 003: ELB는 퍼블릭 서브넷에 둔다) 로드 밸런서를 internal로 만든다"
                    ),
                    cite: Cite::new(Source::S003, "EKS Networking"),
                    field: Some(scheme_field.to_string()),
                }
            } else {
                Problem {
                    code: "lb-no-subnet",
                    reason: text!(
                        "the VPC has no usable subnet for the load balancer, so it is not created",
                        "VPC에 로드 밸런서를 둘 서브넷이 없어 만들어지지 않는다"
                    ),
                    fix: text!("add subnets to the VPC", "VPC에 서브넷을 더한다"),
                    cite: CITE_SUBNETS,
                    field: Some("/vpc/subnets".into()),
                }
            }));
        }
    }
    if kind == LbKind::Alb && azs.len() < 2 {
        return Err(Box::new(Problem {
            code: "alb-needs-two-azs",
            reason: text!(
                "an Application Load Balancer needs subnets in at least two AZs, and only one is available, so the controller cannot create it",
                "Application Load Balancer에는 두 개 이상의 AZ에 서브넷이 있어야 하는데 하나뿐이라 컨트롤러가 만들지 못한다"
            ),
            fix: text!(
                "add a subnet of the right kind (public for internet-facing) in a second AZ",
                "두 번째 AZ에 알맞은 서브넷(인터넷 연결이면 퍼블릭)을 더한다"
            ),
            cite: CITE_SUBNETS,
            field: Some(given.map_or("/vpc/subnets".to_string(), |_| given_field.to_string())),
        }));
    }
    for &k in &out {
        let free = m
            .pools
            .get(k)
            .and_then(|p| p.as_ref())
            .map_or(0, |p| p.free());
        if free < LB_SUBNET_FREE_IPS {
            let id = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
            return Err(Box::new(Problem {
                code: "lb-subnet-few-ips",
                reason: text!(
                    "subnet {id} has {free} free addresses; a load balancer needs at least {LB_SUBNET_FREE_IPS} in each of its subnets, so it is not created",
                    "서브넷 {id}에 빈 주소가 {free}개뿐이다. 로드 밸런서는 각 서브넷에 {LB_SUBNET_FREE_IPS}개 이상이 필요해 만들어지지 않는다"
                ),
                fix: text!(
                    "free addresses in {id} (fewer warm IPs, fewer pods) or use a larger subnet for load balancers",
                    "{id}의 주소를 비우거나(웜 IP, Pod 줄이기) 로드 밸런서용으로 더 큰 서브넷을 쓴다"
                ),
                cite: CITE_SUBNETS,
                field: Some(format!("/vpc/subnets/{k}/cidrBlock")),
            }));
        }
    }
    Ok(out)
}

/// Takes one private address per subnet (and a public one when internet-facing).
pub(super) fn place(
    m: &mut Model,
    subnets: &[usize],
    scheme: Scheme,
    public_n: &mut u32,
) -> Vec<LbNode> {
    let mut nodes = Vec::new();
    for &k in subnets {
        let az = m.subnets.get(k).map(|s| s.az.clone()).unwrap_or_default();
        let ip = m
            .pools
            .get_mut(k)
            .and_then(|p| p.as_mut())
            .and_then(|p| p.take_next(Holder::Other));
        let Some(private_ip) = ip else { continue };
        let public_ip = (scheme == Scheme::InternetFacing).then(|| {
            // 13.124.0.0/14: addresses of the region's load balancers in the
            // consoles' region; deterministic, one per node.
            *public_n += 1;
            Ipv4Addr::from(u32::from(Ipv4Addr::new(13, 124, 0, 10)) + (*public_n % 250_000))
        });
        nodes.push(LbNode {
            subnet: k,
            az,
            private_ip,
            public_ip,
        });
    }
    nodes
}

/// The problem of an internet-facing load balancer in a named private subnet.
pub(super) fn not_public(m: &Model, lb_subnets: &[usize], field: &str) -> Option<Problem> {
    let k = *lb_subnets
        .iter()
        .find(|&&k| m.subnets.get(k).is_some_and(|s| !s.is_public()))?;
    let id = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    Some(Problem {
        code: "lb-subnet-not-public",
        reason: text!(
            "the internet-facing load balancer sits in {id}, which has no route to the internet gateway, so its answers to internet clients never leave the VPC",
            "인터넷 연결 로드 밸런서가 인터넷 게이트웨이로 가는 경로가 없는 {id}에 있어 인터넷 클라이언트에 대한 응답이 VPC를 나가지 못한다"
        ),
        fix: text!(
            "name public subnets (0.0.0.0/0 → internet gateway) in the subnets annotation",
            "subnets 어노테이션에 퍼블릭 서브넷(0.0.0.0/0 → 인터넷 게이트웨이)을 적는다"
        ),
        cite: CITE_SUBNETS,
        field: Some(field.to_string()),
    })
}

/// The hostname to show: the given one if it has the right shape (and then the
/// load balancer's name is read from it), else `None` with a warning.
pub(super) fn given_host(
    m: &Model,
    given: Option<&str>,
    nlb: bool,
    scheme: Scheme,
    path: String,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, String)> {
    let h = given.map(str::trim).filter(|h| !h.is_empty())?;
    let internal = scheme == Scheme::Internal;
    match names::name_in_host(h, nlb, internal, &m.cluster.region) {
        Some(name) => Some((name, h.to_string())),
        None => {
            let shape = match (nlb, internal) {
                (true, false) => "<name>-<16 hex>.elb.<region>.amazonaws.com",
                (true, true) => "internal-<name>-<16 hex>.elb.<region>.amazonaws.com",
                (false, false) => "<name>-<number>.<region>.elb.amazonaws.com",
                (false, true) => "internal-<name>-<number>.<region>.elb.amazonaws.com",
            };
            diags.push(Diagnostic {
                severity: Severity::Warning,
                code: "lb-hostname-stale",
                path,
                message: text!(
                    "`{h}` is not the DNS name of the load balancer the annotations ask for ({shape}); a new one is derived",
                    "`{h}`은(는) 어노테이션이 요청하는 로드 밸런서의 DNS 이름 형태({shape})가 아니어서 새로 만든다"
                ),
                fix: Some(text!(
                    "remove loadBalancerHostname, or copy it from the real Service's status",
                    "loadBalancerHostname을 지우거나 실제 Service status에서 복사한다"
                )),
                cite: CITE_004_LB,
            });
            None
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn service_lb(
    m: &mut Model,
    ipam: &Ipam,
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
    let (name, dns_name) = match given {
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
    };
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
            spec.kind,
            spec.scheme,
            spec.subnets.as_deref(),
            &subnets_field,
            &scheme_field,
        ) {
            Ok(subnets) => {
                nodes = place(m, &subnets, spec.scheme, public_n);
                if spec.scheme == Scheme::InternetFacing {
                    problems.extend(not_public(m, &subnets, &subnets_field));
                }
            }
            Err(p) => problems.push(*p),
        }
    }
    let created = problems.iter().all(|p| p.code == "lb-subnet-not-public");
    let azs: Vec<String> = nodes.iter().map(|n| n.az.clone()).collect();
    let mut listeners = Vec::new();
    let mut target_groups = Vec::new();
    for p in &svc.ports {
        let target_type = if spec.kind == LbKind::Clb {
            TargetType::Instance
        } else {
            spec.target_type
        };
        let hc = health::check_for(spec.kind, target_type, svc, p);
        let (port, targets) = match target_type {
            TargetType::Instance => {
                let np = p.node_port.unwrap_or(0);
                let t = if p.node_port.is_some() {
                    health::node_targets(m, ipam, svc, &hc, np, &azs)
                } else {
                    Vec::new()
                };
                (np, t)
            }
            TargetType::Ip => (
                p.target_port,
                health::pod_targets(m, ipam, svc, p.target_port, &azs),
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
            eid: ElementId::target_group(&name, n),
            name: if spec.kind == LbKind::Clb {
                name.clone()
            } else {
                names::target_group_name(&cluster, &name, &svc.namespace, &svc.name, p.port)
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
