//! Load-balanced flows: a client → a Service's CLB or NLB, or an Ingress's ALB →
//! a pod (source 004 §2, figures 4 and 5).
//!
//! The path, hop by hop:
//!
//! 1. the client asks for the load balancer's DNS name; the answer is its nodes'
//!    public addresses (internet-facing) or private ones (internal: the name is
//!    public, the addresses are not reachable from the internet);
//! 2. internet clients come in through the internet gateway, which maps the public
//!    address to the load balancer node's private one; clients in the VPC take the
//!    local route to an internal load balancer, or go out and back in to an
//!    internet-facing one;
//! 3. the load balancer's listener forwards to a target group, which sends only to
//!    healthy targets;
//! 4. instance targets: the node's NodePort on its primary ENI, where kube-proxy's
//!    rule picks a pod (under `Cluster` any ready pod, rewriting the source to the
//!    node's IP; under `Local` only a pod on that node, keeping the source); IP
//!    targets: the pod's IP straight through the VPC router.
//!
//! Whether the pod sees the client's address ([`Trace::client_ip_preserved`]):
//! CLB no (it proxies), NLB instance targets only under `Local`, NLB IP targets over
//! TCP only with `preserve_client_ip.enabled=true` (ELB docs: off by default for IP
//! targets, on for instance targets), ALB no (it proxies; `X-Forwarded-For` carries
//! it).
//!
//! The way in is `arrive.rs`, the way from the load balancer to the pod
//! `target.rs`; this file picks the client, the load balancer and its target.
//!
//! Deterministic choices: without `@client` the first internet client (or a stand-in
//! at 198.51.100.23); the client uses the first address of a load balancer node that
//! has a healthy target it can send to (ELB's DNS leaves out nodes without one);
//! that node takes the first healthy target in its AZ (or in any AZ with cross-zone
//! load balancing); kube-proxy takes the first ready endpoint (a local one under
//! `Local`).

use std::net::Ipv4Addr;

use super::arrive::{arrive, Caller};
use super::builder::{refused, Blocked, Builder, Leg};
use super::target::to_target;
use super::{Hop, Link, Trace};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::ids::ElementId;
use crate::lb::{LbNode, LoadBalancer, Scheme, Target, TargetGroup};
use crate::model::ClientAt;
use crate::{text, Analysis, Text};

const FIG4: Cite = Cite::new(Source::S004, "figure 4");
const FIG5: Cite = Cite::new(Source::S004, "figure 5");
const DNS: Cite = Cite::new(Source::AwsDocs, "Elastic Load Balancing, DNS name");

/// The stand-in client when the scenario has none.
pub const STAND_IN_CLIENT: &str = "198.51.100.23";

fn caller(a: &Analysis, name: Option<&str>, flow: &str) -> Result<(Caller, String), Box<Trace>> {
    let m = &a.model;
    let pick = match name {
        Some(n) => match m.clients.iter().position(|c| c.name == n) {
            Some(c) => Some(c),
            None => return Err(Box::new(super::unknown_client(m, flow.to_string(), n))),
        },
        None => m
            .clients
            .iter()
            .position(|c| matches!(c.at, ClientAt::Internet { .. }))
            .or_else(|| (!m.clients.is_empty()).then_some(0)),
    };
    let Some(c) = pick.and_then(|c| m.clients.get(c).map(|x| (c, x))) else {
        let ip: Ipv4Addr = STAND_IN_CLIENT.parse().unwrap_or(Ipv4Addr::UNSPECIFIED);
        return Ok((
            Caller::Internet {
                eid: ElementId::client("internet"),
                ip,
            },
            "a client on the internet".into(),
        ));
    };
    let (index, client) = c;
    let eid = client.eid.clone();
    let who = client.name.clone();
    Ok(match client.at {
        ClientAt::Internet { ip } => (Caller::Internet { eid, ip }, who),
        ClientAt::Subnet { subnet, ip } => (
            Caller::Subnet {
                index,
                eid,
                subnet,
                ip,
            },
            who,
        ),
        ClientAt::Network { network, ip } => (Caller::Network { eid, network, ip }, who),
        ClientAt::Unknown => (
            Caller::Internet {
                eid,
                ip: Ipv4Addr::UNSPECIFIED,
            },
            who,
        ),
    })
}

/// `svc:<ns>/<name>[@client]`.
pub(crate) fn service(
    a: &Analysis,
    flow: String,
    ns: &str,
    name: &str,
    client: Option<&str>,
) -> Trace {
    let key = format!("{ns}/{name}");
    let Some(s) = a.lbs.service_index(&key) else {
        return unknown(a, flow, "Service", &key);
    };
    let Some(svc) = a.lbs.services.get(s) else {
        return unknown(a, flow, "Service", &key);
    };
    let Some(lb) = svc.load_balancer.and_then(|l| a.lbs.load_balancers.get(l)) else {
        let t = format!("{:?}", svc.service_type);
        return refused(
            flow,
            text!("Service {key} from outside", "클러스터 밖에서 Service {key}"),
            Blocked {
                at: svc.eid.clone(),
                code: Code::ServiceNotLoadBalanced,
                reason: text!(
                    "Service {key} is of type {t}: no load balancer is made for it, so it cannot be reached through one",
                    "Service {key}은(는) {t} 유형이라 로드 밸런서가 만들어지지 않아 로드 밸런서로 닿을 수 없다"
                ),
                fix: text!(
                    "make it type LoadBalancer, or put an ALB Ingress in front of it and trace ing:<ns>/<name>; from a pod, trace pod:<ns>/<pod>->svc:{key}",
                    "LoadBalancer 유형으로 바꾸거나 ALB Ingress를 앞에 두고 ing:<ns>/<name>을 추적한다. Pod에서는 pod:<ns>/<pod>->svc:{key}를 추적한다"
                ),
                cite: FIG4,
                field: Some(format!("/services/{}/type", svc.index)),
            },
        );
    };
    let tg = lb
        .listeners
        .first()
        .and_then(|l| l.rules.first())
        .map(|r| r.target_group);
    run(
        a,
        flow,
        lb,
        tg,
        client,
        text!("Service {key}", "Service {key}"),
    )
}

/// `ing:<ns>/<name>[@client]`.
pub(crate) fn ingress(
    a: &Analysis,
    flow: String,
    ns: &str,
    name: &str,
    client: Option<&str>,
) -> Trace {
    let key = format!("{ns}/{name}");
    let Some(i) = a.lbs.ingress_index(&key) else {
        return unknown(a, flow, "Ingress", &key);
    };
    let Some(ing) = a.lbs.ingresses.get(i) else {
        return unknown(a, flow, "Ingress", &key);
    };
    let Some(lb) = ing.load_balancer.and_then(|l| a.lbs.load_balancers.get(l)) else {
        return refused(
            flow,
            text!("Ingress {key}", "Ingress {key}"),
            Blocked {
                at: ing.eid.clone(),
                code: Code::IngressNotAlb,
                reason: text!(
                    "Ingress {key} is not of class alb, so the AWS Load Balancer Controller makes no ALB for it",
                    "Ingress {key}의 클래스가 alb가 아니어서 AWS Load Balancer Controller가 ALB를 만들지 않는다"
                ),
                fix: text!(
                    "set ingressClassName: alb (or the annotation kubernetes.io/ingress.class: alb)",
                    "ingressClassName: alb(또는 kubernetes.io/ingress.class: alb 어노테이션)를 둔다"
                ),
                cite: FIG5,
                field: Some(format!("/ingresses/{}/ingressClassName", ing.index)),
            },
        );
    };
    let tg = ing.rules.iter().find_map(|r| r.target_group);
    run(
        a,
        flow,
        lb,
        tg,
        client,
        text!("Ingress {key}", "Ingress {key}"),
    )
}

fn unknown(a: &Analysis, flow: String, kind: &str, key: &str) -> Trace {
    let (names, field, code, eid): (Vec<String>, &str, Code, ElementId) = if kind == "Service" {
        let (ns, name) = crate::model::names::split_key(key);
        (
            a.lbs
                .services
                .iter()
                .map(|s| format!("{}/{}", s.namespace, s.name))
                .collect(),
            "/services",
            Code::UnknownService,
            ElementId::service(ns, name),
        )
    } else {
        let (ns, name) = crate::model::names::split_key(key);
        (
            a.lbs
                .ingresses
                .iter()
                .map(|s| format!("{}/{}", s.namespace, s.name))
                .collect(),
            "/ingresses",
            Code::UnknownIngress,
            ElementId::ingress(ns, name),
        )
    };
    let near = crate::did_you_mean(key, names.iter().map(String::as_str));
    let list = if near.is_empty() {
        names.join(", ")
    } else {
        near.join(", ")
    };
    refused(
        flow,
        text!("{kind} {key}", "{kind} {key}"),
        Blocked {
            at: eid,
            code,
            reason: text!(
                "the scenario has no {kind} {key}",
                "시나리오에 {kind} {key}이(가) 없다"
            ),
            fix: if list.is_empty() {
                text!("add one to the scenario", "시나리오에 추가한다")
            } else {
                text!("use one of: {list}", "다음 중 하나를 쓴다: {list}")
            },
            cite: FIG4,
            field: Some(field.into()),
        },
    )
}

fn title(lb: &LoadBalancer, tg: Option<&TargetGroup>, who: &str, what: &Text) -> Text {
    let k = lb.kind.as_str();
    let t = tg.map_or("", |t| t.target_type.as_str());
    let (we, wk) = (&what.en, &what.ko);
    text!(
        "{who} → {we} ({k}, {t} targets) → pod",
        "{who} → {wk} ({k}, {t} 대상) → Pod"
    )
}

fn run(
    a: &Analysis,
    flow: String,
    lb: &LoadBalancer,
    tg: Option<usize>,
    client: Option<&str>,
    what: Text,
) -> Trace {
    let (caller, who) = match caller(a, client, &flow) {
        Ok(c) => c,
        Err(t) => return *t,
    };
    let group = tg.and_then(|t| lb.target_groups.get(t));
    let mut b = Builder::new(flow, title(lb, group, &who, &what));
    b.client_ip_preserved = group.map(|g| g.client_ip_preserved);
    let outcome = walk(&mut b, a, lb, group, &caller);
    b.finish(outcome)
}

fn origin(b: &mut Builder, c: &Caller, lb: &LoadBalancer) {
    let name = &lb.dns_name;
    let label = match c {
        Caller::Internet { eid, .. } | Caller::Subnet { eid, .. } | Caller::Network { eid, .. } => {
            let n = eid.as_str().trim_start_matches("client:");
            text!("client {n}", "클라이언트 {n}")
        }
    };
    let mut h = Hop::new(
        c.eid().clone(),
        Link::Origin,
        label,
        text!(
            "the client calls the load balancer by its DNS name {name}",
            "클라이언트는 로드 밸런서를 DNS 이름 {name}(으)로 부른다"
        ),
        FIG4,
    );
    h.src = Some(c.ip().to_string());
    b.push(match c {
        Caller::Internet { .. } => h.on_internet(),
        Caller::Network { .. } => h.outside(),
        Caller::Subnet { .. } => h,
    });
}

/// The load balancer node a client ends up at, and the target it forwards to.
/// With no healthy target a load balancer fails open, sending to every target
/// (Elastic Load Balancing, target group health checks): a target the ACLs keep
/// from passing its checks then gets the request, and the trace shows where the
/// ACL drops it; a target that fails for its own reasons still blocks at the
/// target group.
fn choose<'t>(lb: &LoadBalancer, tg: &'t TargetGroup) -> Option<(usize, &'t Target)> {
    let open = tg.healthy().next().is_none();
    lb.nodes.iter().enumerate().find_map(|(k, n)| {
        tg.targets
            .iter()
            .filter(|t| t.health.is_healthy() || (open && t.health.code.is_some()))
            .find(|t| lb.cross_zone || t.az == n.az)
            .map(|t| (k, t))
    })
}

fn lb_block(lb: &LoadBalancer, p: &crate::lb::Problem) -> Box<Blocked> {
    Box::new(Blocked {
        at: lb.eid.clone(),
        code: p.code,
        reason: p.reason.clone(),
        fix: p.fix.clone(),
        cite: p.cite,
        field: p.field.clone(),
    })
}

fn walk(
    b: &mut Builder,
    a: &Analysis,
    lb: &LoadBalancer,
    tg: Option<&TargetGroup>,
    c: &Caller,
) -> Leg {
    origin(b, c, lb);
    if !lb.created {
        if let Some(p) = lb.problems.first() {
            return Err(lb_block(lb, p));
        }
    }
    let Some(tg) = tg else {
        return Err(Box::new(Blocked {
            at: lb.eid.clone(),
            code: Code::IngressNoRules,
            reason: text!(
                "the load balancer has no rule that forwards this traffic to a target group",
                "로드 밸런서에 이 트래픽을 대상 그룹으로 넘기는 규칙이 없다"
            ),
            fix: text!(
                "add a rule: path / → a Service and port",
                "규칙을 더한다: 경로 / → Service와 포트"
            ),
            cite: FIG5,
            field: Some(lb.path.clone()),
        }));
    };
    let internet_facing = lb.scheme == Scheme::InternetFacing;
    let addr = |n: &LbNode| {
        if internet_facing {
            n.public_ip.unwrap_or(n.private_ip)
        } else {
            n.private_ip
        }
    };
    let chosen = choose(lb, tg);
    let node = chosen
        .and_then(|(k, _)| lb.nodes.get(k))
        .or_else(|| lb.nodes.first());
    let Some(node) = node else {
        return Err(lb_block(
            lb,
            lb.problems.first().unwrap_or(&crate::lb::Problem {
                code: Code::LbNoSubnet,
                reason: text!(
                    "the load balancer has no node in any subnet",
                    "로드 밸런서에 어느 서브넷에도 노드가 없다"
                ),
                fix: text!("give it subnets", "서브넷을 준다"),
                cite: DNS,
                field: Some(lb.path.clone()),
            }),
        ));
    };
    let lb_ip = addr(node);
    let port = lb
        .listeners
        .iter()
        .find(|l| {
            l.rules
                .iter()
                .any(|r| lb.target_groups.get(r.target_group) == Some(tg))
        })
        .map_or(80, |l| l.port);

    let seen = arrive(b, a, lb, node, c, lb_ip, port)?;
    if let Some(p) = lb.problems.first() {
        return Err(lb_block(lb, p));
    }

    to_target(b, a, lb, tg, chosen.map(|(_, t)| t), node, seen, port)
}
