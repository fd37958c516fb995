//! Ingresses and their ALBs (source 004 §2.2, figure 5, consoles 5 and 6).
//!
//! The AWS Load Balancer Controller makes one ALB per `alb` Ingress, or one per
//! IngressGroup (`alb.ingress.kubernetes.io/group.name`) shared by all its
//! Ingresses. It fails the whole group (no ALB, ADDRESS stays empty) when a member
//! names a Service that does not exist, a port the Service lacks, a ClusterIP
//! Service with instance targets (source 004 §2.2: instance targets need a
//! NodePort), or when members disagree on the scheme.

use std::collections::HashSet;

use super::annotations::{self, IngSpec, CITE_004_ALB, CITE_ING};
use super::health;
use super::names;
use super::placement::{given_host, not_public, pick_subnets, place};
use super::*;
use crate::cni::Ipam;
use crate::codes::Code;
use crate::diag::Severity;
use crate::model::{Ledger, Model};
use crate::{text, Diagnostic};

/// The Ingresses, with what their annotations ask for (diagnosing what the
/// controller would skip).
pub(super) fn models(
    m: &Model,
    services: &[ServiceModel],
    diags: &mut Vec<Diagnostic>,
) -> Vec<IngressModel> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, ing) in m.k8s.ingresses.iter().enumerate() {
        let ns = ing.namespace.clone();
        let base = format!("/ingresses/{i}");
        if ing.name.trim().is_empty() {
            diags.push(Diagnostic::new(
                Code::MissingName,
                format!("{base}/name"),
                text!("an Ingress needs a name", "Ingress에는 이름이 있어야 한다"),
            ));
            continue;
        }
        if !seen.insert((ns.clone(), ing.name.clone())) {
            let n = &ing.name;
            diags.push(Diagnostic::new(
                Code::DuplicateIngress,
                format!("{base}/name"),
                text!(
                    "Ingress {ns}/{n} is defined twice; only the first counts",
                    "Ingress {ns}/{n}이(가) 두 번 정의되었다. 첫 번째만 쓴다"
                ),
            ));
            continue;
        }
        let spec = annotations::ingress(ing, i);
        if !spec.alb {
            let n = &ing.name;
            let (severity, code, message) = match (&spec.class_name, ing.annotations.get(keys::INGRESS_CLASS)) {
                (None, None) => (
                    Severity::Warning,
                    Code::IngressWithoutClass,
                    text!(
                        "Ingress {n} names no class, so no controller takes it and no ALB is made",
                        "Ingress {n}에 클래스가 없어 어떤 컨트롤러도 맡지 않고 ALB도 만들어지지 않는다"
                    ),
                ),
                (c, a) => {
                    let class = c.clone().or_else(|| a.cloned()).unwrap_or_default();
                    (
                        Severity::Info,
                        Code::IngressClassNotAlb,
                        text!(
                            "Ingress {n} is of class `{class}`, not `alb`: another controller serves it, and eksnet does not model it",
                            "Ingress {n}의 클래스는 `alb`가 아닌 `{class}`다: 다른 컨트롤러가 맡으며 eksnet은 이를 모델링하지 않는다"
                        ),
                    )
                }
            };
            diags.push(
                Diagnostic::new(code, format!("{base}/ingressClassName"), message)
                    .severity(severity)
                    .fix(text!(
                "set ingressClassName: alb (or the annotation kubernetes.io/ingress.class: alb)",
                "ingressClassName: alb(또는 kubernetes.io/ingress.class: alb 어노테이션)를 둔다"
            ))
                    .cite(CITE_004_ALB),
            );
        }
        if ing.rules.is_empty() {
            let n = &ing.name;
            diags.push(
                Diagnostic::new(
                    Code::IngressNoRules,
                    format!("{base}/rules"),
                    text!(
                        "Ingress {n} has no rules, so its load balancer forwards nothing",
                        "Ingress {n}에 규칙이 없어 로드 밸런서가 아무것도 넘기지 않는다"
                    ),
                )
                .fix(text!(
                    "add a rule: path / → a Service and port",
                    "규칙을 더한다: 경로 / → Service와 포트"
                )),
            );
        }
        let rules = ing
            .rules
            .iter()
            .map(|r| IngressRuleModel {
                host: if r.host.trim().is_empty() {
                    "*".into()
                } else {
                    r.host.trim().to_string()
                },
                path: if r.path.trim().is_empty() {
                    "/".into()
                } else {
                    r.path.trim().to_string()
                },
                service: services
                    .iter()
                    .position(|s| s.namespace == ns && s.name == r.service_name),
                service_name: r.service_name.clone(),
                service_port: r.service_port,
                target_group: None,
            })
            .collect();
        out.push(IngressModel {
            eid: ElementId::ingress(&ns, &ing.name),
            index: i,
            name: ing.name.clone(),
            namespace: ns,
            class_name: spec.class_name,
            alb: spec.alb,
            scheme: spec.scheme,
            target_type: spec.target_type,
            group: spec.group,
            rules,
            load_balancer: None,
            age: ing.age.clone(),
        });
    }
    out
}

/// Makes the ALBs: one per IngressGroup or ungrouped `alb` Ingress.
pub(super) fn albs(
    m: &Model,
    ipam: &Ipam,
    ledger: &mut Ledger,
    lbs: &mut LoadBalancing,
    public_n: &mut u32,
    diags: &mut Vec<Diagnostic>,
) {
    // Members of each ALB, in order of their first Ingress.
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (k, ing) in lbs.ingresses.iter().enumerate() {
        if !ing.alb {
            continue;
        }
        match &ing.group {
            Some(g) => match groups.iter_mut().find(|(x, _)| x.as_ref() == Some(g)) {
                Some((_, v)) => v.push(k),
                None => groups.push((Some(g.clone()), vec![k])),
            },
            None => groups.push((None, vec![k])),
        }
    }
    for (group, members) in groups {
        let lb = alb(m, ipam, ledger, lbs, group, &members, public_n, diags);
        let n = lbs.load_balancers.len();
        for &k in &members {
            if let Some(ing) = lbs.ingresses.get_mut(k) {
                ing.load_balancer = Some(n);
                for r in &mut ing.rules {
                    r.target_group = lb.listeners.iter().flat_map(|l| &l.rules).find_map(|x| {
                        (x.ingress == Some(k)
                            && lb.target_groups.get(x.target_group).is_some_and(|tg| {
                                Some(tg.service) == r.service && tg.service_port == r.service_port
                            }))
                        .then_some(x.target_group)
                    });
                }
            }
        }
        lbs.load_balancers.push(lb);
    }
}

fn problem(code: Code, reason: Text, fix: Text, field: String) -> Problem {
    Problem {
        code,
        reason,
        fix,
        cite: CITE_004_ALB,
        field: Some(field),
    }
}

/// A problem for each member of an IngressGroup whose scheme is not the first's.
fn scheme_conflicts(
    lbs: &LoadBalancing,
    group: Option<&str>,
    scheme: Scheme,
    specs: &[(usize, IngSpec)],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (k, s) in specs {
        if s.scheme != scheme {
            let (i, n) = lbs
                .ingresses
                .get(*k)
                .map(|x| (x.index, x.name.clone()))
                .unwrap_or_default();
            let g = group.unwrap_or_default();
            let (a, b) = (scheme.as_str(), s.scheme.as_str());
            problems.push(Problem {
                code: Code::IngressGroupSchemeConflict,
                reason: text!(
                    "the Ingresses of group {g} share one ALB but ask for different schemes ({a}, and {b} on {n}), so the controller does not reconcile the group",
                    "그룹 {g}의 Ingress들은 ALB 하나를 함께 쓰는데 스킴이 서로 다르다({a}, 그리고 {n}의 {b}). 컨트롤러가 그룹을 처리하지 않는다"
                ),
                fix: text!(
                    "give every Ingress of the group the same alb.ingress.kubernetes.io/scheme",
                    "그룹의 모든 Ingress에 같은 alb.ingress.kubernetes.io/scheme을 둔다"
                ),
                cite: CITE_ING,
                field: Some(annotations::annotation_path(&format!("/ingresses/{i}"), keys::ALB_SCHEME)),
            });
        }
    }
    problems
}

/// The target groups of an ALB's rules and, for each rule, the listener ports it
/// goes on; a rule whose backend cannot be built is a problem instead.
#[allow(clippy::type_complexity)]
fn routes(
    m: &Model,
    lbs: &LoadBalancing,
    name: &str,
    specs: &[(usize, IngSpec)],
    problems: &mut Vec<Problem>,
) -> (Vec<TargetGroup>, Vec<(Vec<(String, u16)>, ListenerRule)>) {
    let mut target_groups: Vec<TargetGroup> = Vec::new();
    let mut rules: Vec<(Vec<(String, u16)>, ListenerRule)> = Vec::new();
    for (k, spec) in specs {
        let Some(ing) = lbs.ingresses.get(*k) else {
            continue;
        };
        for (r, rule) in ing.rules.iter().enumerate() {
            let field = format!("/ingresses/{}/rules/{r}", ing.index);
            let sname = &rule.service_name;
            let Some(svc) = rule.service.and_then(|s| lbs.services.get(s)) else {
                let ns = &ing.namespace;
                problems.push(problem(
                    Code::IngressBackendUnknownService,
                    text!(
                        "the rule's backend Service {ns}/{sname} does not exist, so the controller cannot build the ALB",
                        "규칙의 백엔드 Service {ns}/{sname}이(가) 없어 컨트롤러가 ALB를 만들지 못한다"
                    ),
                    text!(
                        "name an existing Service of namespace {ns}",
                        "네임스페이스 {ns}에 있는 Service를 적는다"
                    ),
                    format!("{field}/serviceName"),
                ));
                continue;
            };
            let sp = rule.service_port;
            let Some(port) = svc.port(sp) else {
                problems.push(problem(
                    Code::IngressBackendUnknownPort,
                    text!(
                        "Service {sname} has no port {sp}, so the controller cannot build the ALB",
                        "Service {sname}에 포트 {sp}이(가) 없어 컨트롤러가 ALB를 만들지 못한다"
                    ),
                    text!(
                        "use one of the Service's ports",
                        "Service의 포트 중 하나를 쓴다"
                    ),
                    format!("{field}/servicePort"),
                ));
                continue;
            };
            if ing.target_type == TargetType::Instance && port.node_port.is_none() {
                problems.push(problem(
                    Code::IngressServiceNoNodeport,
                    text!(
                        "instance targets send to the Service's NodePort, but {sname} is a ClusterIP Service and has none, so the controller cannot build the ALB",
                        "인스턴스 대상은 Service의 NodePort로 보내는데 {sname}은(는) ClusterIP Service라 NodePort가 없어 컨트롤러가 ALB를 만들지 못한다"
                    ),
                    text!(
                        "make {sname} a NodePort or LoadBalancer Service, or use alb.ingress.kubernetes.io/target-type: ip",
                        "{sname}을(를) NodePort나 LoadBalancer Service로 바꾸거나 alb.ingress.kubernetes.io/target-type: ip를 쓴다"
                    ),
                    format!("/services/{}/type", svc.index),
                ));
                continue;
            }
            let Some(si) = rule.service else { continue };
            let tg = match target_groups.iter().position(|t| {
                t.service == si && t.service_port == sp && t.target_type == ing.target_type
            }) {
                Some(t) => t,
                None => {
                    let n = target_groups.len();
                    target_groups.push(target_group(m, name, n, si, svc, port, ing.target_type));
                    n
                }
            };
            rules.push((
                spec.listen_ports.clone(),
                ListenerRule {
                    host: rule.host.clone(),
                    path: rule.path.clone(),
                    ingress: Some(*k),
                    target_group: tg,
                },
            ));
        }
    }
    (target_groups, rules)
}

/// The listeners of an ALB: one per protocol and port its rules ask for, with the
/// rules in order.
fn listeners(rules: Vec<(Vec<(String, u16)>, ListenerRule)>) -> Vec<Listener> {
    let mut listeners: Vec<Listener> = Vec::new();
    for (ports, rule) in rules {
        for (proto, port) in ports {
            let l = match listeners
                .iter()
                .position(|l| l.protocol == proto && l.port == port)
            {
                Some(l) => l,
                None => {
                    listeners.push(Listener {
                        protocol: proto,
                        port,
                        rules: Vec::new(),
                    });
                    listeners.len() - 1
                }
            };
            if let Some(l) = listeners.get_mut(l) {
                l.rules.push(rule.clone());
            }
        }
    }
    listeners
}

#[allow(clippy::too_many_arguments)]
fn alb(
    m: &Model,
    ipam: &Ipam,
    ledger: &mut Ledger,
    lbs: &LoadBalancing,
    group: Option<String>,
    members: &[usize],
    public_n: &mut u32,
    diags: &mut Vec<Diagnostic>,
) -> LoadBalancer {
    let cluster = m.cluster.name.clone();
    let region = m.cluster.region.clone();
    let first = members.first().and_then(|&k| lbs.ingresses.get(k));
    let first_index = first.map_or(0, |f| f.index);
    let base = format!("/ingresses/{first_index}");
    let scheme = first.map_or(Scheme::Internal, |f| f.scheme);
    let specs: Vec<(usize, IngSpec)> = members
        .iter()
        .filter_map(|&k| {
            let ing = lbs.ingresses.get(k)?;
            let raw = m.k8s.ingresses.get(ing.index)?;
            Some((k, annotations::ingress(raw, ing.index)))
        })
        .collect();
    let mut problems: Vec<Problem> = specs.iter().flat_map(|(_, s)| s.problems.clone()).collect();
    problems.extend(scheme_conflicts(lbs, group.as_deref(), scheme, &specs));
    let derived = match &group {
        Some(g) => names::group_name(&cluster, g, scheme.as_str()),
        None => first.map_or_else(String::new, |f| {
            names::controller_name(&cluster, &f.namespace, &f.name, scheme.as_str())
        }),
    };
    let raw_host = m
        .k8s
        .ingresses
        .get(first_index)
        .and_then(|i| i.load_balancer_hostname.clone());
    let (name, dns_name) = given_host(
        m,
        raw_host.as_deref(),
        false,
        scheme,
        format!("{base}/loadBalancerHostname"),
        diags,
    )
    .unwrap_or_else(|| {
        let dns = names::alb_dns_name(
            &derived,
            names::number(&["alb", &cluster, &derived]),
            &region,
        );
        (
            derived.clone(),
            names::with_scheme(dns, scheme == Scheme::Internal),
        )
    });

    // Listeners, target groups and rules.
    let (mut target_groups, rules) = routes(m, lbs, &name, &specs, &mut problems);
    let listeners = listeners(rules);

    // Where it sits.
    let subnets_given = specs.iter().find_map(|(_, s)| s.subnets.clone());
    let subnets_field = annotations::annotation_path(&base, keys::ALB_SUBNETS);
    let scheme_field = annotations::annotation_path(&base, keys::ALB_SCHEME);
    let mut nodes = Vec::new();
    if problems.is_empty() {
        match pick_subnets(
            m,
            ledger,
            LbKind::Alb,
            scheme,
            subnets_given.as_deref(),
            &subnets_field,
            &scheme_field,
        ) {
            Ok(subnets) => {
                nodes = place(m, ledger, &subnets, scheme, public_n);
                if scheme == Scheme::InternetFacing {
                    problems.extend(not_public(m, &subnets, &subnets_field));
                }
            }
            Err(p) => problems.push(*p),
        }
    }
    let created = problems.iter().all(|p| p.code == Code::LbSubnetNotPublic);
    // Health depends on the AZs: recompute now that they are known.
    let azs: Vec<String> = nodes.iter().map(|n| n.az.clone()).collect();
    for tg in &mut target_groups {
        if let Some(svc) = lbs.services.get(tg.service) {
            // Instance targets (one per node) come later: see `add_node_targets`.
            tg.awaits_nodes = tg.target_type == TargetType::Instance;
            tg.targets = match tg.target_type {
                TargetType::Instance => Vec::new(),
                TargetType::Ip => health::pod_targets(m, ipam, svc, tg.port, &azs),
            };
        }
    }
    LoadBalancer {
        eid: ElementId::load_balancer(&name),
        name,
        kind: LbKind::Alb,
        controller: Controller::AwsLoadBalancerController,
        scheme,
        owner: Owner::Ingresses {
            group,
            ingresses: members.to_vec(),
        },
        path: base,
        dns_name: if created { dns_name } else { String::new() },
        nodes,
        cross_zone: true,
        listeners,
        target_groups,
        created,
        problems,
        notes: Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn target_group(
    m: &Model,
    lb: &str,
    n: usize,
    si: usize,
    svc: &ServiceModel,
    port: &PortModel,
    target_type: TargetType,
) -> TargetGroup {
    let hc = health::check_for(LbKind::Alb, target_type, svc, port);
    let tport = match target_type {
        TargetType::Instance => port.node_port.unwrap_or(0),
        TargetType::Ip => port.target_port,
    };
    TargetGroup {
        eid: ElementId::target_group(lb, n),
        name: names::target_group_name(&m.cluster.name, lb, &svc.namespace, &svc.name, port.port),
        service: si,
        service_port: port.port,
        target_type,
        protocol: "HTTP".into(),
        port: tport,
        health_check: hc,
        target_sees_client_ip: false,
        client_ip_preserved: false,
        targets: Vec::new(),
        awaits_nodes: false,
    }
}
