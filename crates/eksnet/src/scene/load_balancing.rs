//! "Load balancing" (source 004 figures 4 and 5, consoles 2–6): how a request
//! from outside reaches a pod through an AWS load balancer.
//!
//! Left, the clients; in the middle, every load balancer the model derived (CLB or
//! NLB for `type: LoadBalancer` Services, an ALB per Ingress or IngressGroup) with
//! its listeners, and inside it each target group with its target type, traffic
//! policy, health check and targets (nodes on the NodePort for instance targets,
//! pod IPs for IP targets), each target's health as AWS reports it; right, the
//! nodes with the Services' pods, and under them the Services as
//! `kubectl get svc` describes them. Lines run from each target group to its
//! healthy targets: to a node's NodePort (then kube-proxy picks a pod, on this node
//! or, under `Cluster`, another), or straight to a pod's IP.
//!
//! Bounded for large clusters: at most [`MAX_TARGETS`] targets per group,
//! [`MAX_NODES`] nodes and [`MAX_PODS`] pods per node are drawn, the rest summed up.

use super::kit::{
    clip, clip_mid, fit_w, folding, leaf_h, legend, plural, shape, Canvas, Line, HEADER, MARGIN,
    PAD,
};
use super::vpc::node_label;
use super::{LegendKind, Rect, Role, Scene, SceneKind, Shape, SizeClass, View};
use crate::ids::fixed;
use crate::lb::{HealthState, LoadBalancer, Scheme, TargetRef, TargetType};
use crate::model::ClientAt;
use crate::scenario::TrafficPolicy;
use crate::{text, Analysis, ElementId, Flow, Text};

/// Targets drawn per target group.
const MAX_TARGETS: usize = 6;
/// Load balancers drawn.
const MAX_LBS: usize = 6;
/// Nodes drawn.
const MAX_NODES: usize = 6;
/// Pods drawn per node.
const MAX_PODS: usize = 4;
/// Gap between the columns.
const GAP: f64 = 140.0;
/// Width of a target chip and of a pod.
const CHIP_W: f64 = 196.0;

/// Gap between the columns (room for edge labels): narrower while second
/// lines fold (a small frame's overview).
fn gap() -> f64 {
    if super::kit::compact() {
        // A small frame: room for a short label ("TCP:80", "NodePort").
        56.0
    } else if folding() {
        72.0
    } else {
        GAP
    }
}

/// Chips (targets, pods) per row.
fn chip_cols() -> usize {
    if folding() {
        1
    } else {
        2
    }
}

/// Targets per group, nodes, and pods per node drawn: fewer while folding.
fn max_targets() -> usize {
    if super::kit::compact() {
        3
    } else if folding() {
        4
    } else {
        MAX_TARGETS
    }
}

fn max_nodes() -> usize {
    if super::kit::compact() {
        2
    } else if folding() {
        3
    } else {
        MAX_NODES
    }
}

/// Target groups drawn per load balancer: two while folding (an overview).
fn max_tgs() -> usize {
    if folding() {
        2
    } else {
        usize::MAX
    }
}

/// While folding, no more load balancers are started once the column is this
/// tall, so that a cluster with many of them still reads at Fit; the rest are
/// summed up ("+N more load balancers").
const FOLDED_COLUMN_H: f64 = 640.0;

fn max_pods() -> usize {
    if folding() {
        1
    } else {
        MAX_PODS
    }
}

/// A target group's label (`my-nginx · instance targets :30686 · Cluster`) and
/// its health-check line.
fn tg_texts(lbs: &crate::lb::LoadBalancing, tg: &crate::lb::TargetGroup) -> (Text, Text) {
    let svc = lbs.services.get(tg.service);
    let policy = svc.map_or(TrafficPolicy::Cluster, |s| s.external_traffic_policy);
    let pol = match policy {
        TrafficPolicy::Cluster => "Cluster",
        TrafficPolicy::Local => "Local",
    };
    let (tt, port) = (tg.target_type.as_str(), tg.port);
    let svcname = svc.map_or_else(String::new, |s| s.name.clone());
    let hc = tg.health_check.display();
    if folding() {
        // The port and the client IP are in the details.
        return (
            text!("{svcname} · {tt} · {pol}", "{svcname} · {tt} · {pol}"),
            text!("health check {hc}", "헬스 체크 {hc}"),
        );
    }
    let label = text!(
        "{svcname} · {tt} targets :{port} · {pol}",
        "{svcname} · {tt} 대상 :{port} · {pol}"
    );
    let ip = if tg.client_ip_preserved {
        text!("client IP kept", "클라이언트 IP 유지")
    } else {
        text!("client IP hidden", "클라이언트 IP 숨김")
    };
    let (ien, iko) = (&ip.en, &ip.ko);
    (
        label,
        text!("health check {hc} · {ien}", "헬스 체크 {hc} · {iko}"),
    )
}

fn leaf(id: ElementId, role: Role, label: Text, detail: Option<Text>) -> Shape {
    let w = fit_w(&label, detail.as_ref());
    shape(
        id,
        role,
        Rect::new(0.0, 0.0, w, leaf_h(detail.is_some())),
        label,
        detail,
    )
}

/// `CLB · internet-facing · TCP:80`.
fn lb_label(lb: &LoadBalancer) -> Text {
    let kind = lb.kind.as_str();
    let scheme = lb.scheme.as_str();
    let listeners = lb
        .listeners
        .iter()
        .map(|l| format!("{}:{}", l.protocol, l.port))
        .collect::<Vec<_>>()
        .join(", ");
    let group = match &lb.owner {
        crate::lb::Owner::Ingresses { group: Some(g), .. } => format!(" · group {g}"),
        _ => String::new(),
    };
    text!(
        "{kind} · {scheme} · {listeners}{group}",
        "{kind} · {scheme} · {listeners}{group}"
    )
}

/// The load balancer's DNS name line: what kubectl shows, or `<pending>`.
fn dns_text(lb: &LoadBalancer) -> (Text, Text) {
    if lb.dns_name.is_empty() {
        (
            text!("EXTERNAL-IP <pending>", "EXTERNAL-IP <pending>"),
            text!("not created", "생성되지 않음"),
        )
    } else {
        (
            text!(
                "DNS name (EXTERNAL-IP, ADDRESS)",
                "DNS 이름(EXTERNAL-IP, ADDRESS)"
            ),
            Text::same(clip(&lb.dns_name, 90)),
        )
    }
}

/// Why a load balancer cannot be created or used, cut to a line.
/// Folded (the whole reason is the problem's second line, with the
/// selection), shorter.
fn problem_text(p: &crate::lb::Problem) -> Text {
    let (en, ko) = if folding() { (44, 26) } else { (70, 42) };
    Text {
        en: clip(&p.reason.en, en),
        ko: clip(&p.reason.ko, ko),
    }
}

/// A problem's second line: its code, and while folding its whole reason.
fn problem_detail(p: &crate::lb::Problem) -> Text {
    if folding() {
        let code = p.code.as_str();
        let (en, ko) = (&p.reason.en, &p.reason.ko);
        text!("{code}: {en}", "{code}: {ko}")
    } else {
        Text::same(p.code.as_str())
    }
}

fn health_text(h: HealthState, reason: Option<&str>) -> (Text, &'static str) {
    match h {
        HealthState::Healthy => (text!("healthy", "정상(healthy)"), "ok"),
        HealthState::Unhealthy => {
            let r = reason.unwrap_or("");
            (text!("unhealthy {r}", "비정상 {r}"), "error")
        }
        HealthState::Unused => (
            text!(
                "unused: no LB node in its AZ",
                "미사용: 그 AZ에 LB 노드 없음"
            ),
            "absent",
        ),
    }
}

/// The nodes drawn: the flow's, then those holding endpoints, then the first.
fn nodes_drawn(a: &Analysis, view: &View) -> Vec<usize> {
    let mut v: Vec<usize> = super::vpc::focus_nodes(a, view);
    let push = |n: usize, v: &mut Vec<usize>| {
        if v.len() < max_nodes() && !v.contains(&n) {
            v.push(n);
        }
    };
    for s in &a.lbs.services {
        for e in &s.endpoints {
            if let Some(n) = e.node {
                push(n, &mut v);
            }
        }
    }
    for n in 0..a.model.nodes.len() {
        push(n, &mut v);
    }
    v.truncate(max_nodes());
    v.sort_unstable();
    v
}

/// Pods behind any Service on node `n`, endpoints first.
fn pods_on(a: &Analysis, n: usize, focus: Option<&str>) -> Vec<usize> {
    let mut v: Vec<usize> = Vec::new();
    for s in &a.lbs.services {
        for e in &s.endpoints {
            if e.node == Some(n) && !v.contains(&e.pod) {
                v.push(e.pod);
            }
        }
    }
    if let Some(f) = focus {
        if let Some(k) = v
            .iter()
            .position(|&p| a.ipam.pods.get(p).is_some_and(|x| x.eid().as_str() == f))
        {
            let p = v.remove(k);
            v.insert(0, p);
        }
    }
    v
}

/// A target group's healthy targets, each with whether it is a pod IP (the
/// line runs straight to the pod) rather than a node's NodePort.
type TgEdges = Vec<(ElementId, Vec<(ElementId, bool)>)>;

mod column;
mod nodes;
mod phone;
mod targets;

use column::draw_load_balancers;
use nodes::{draw_nodes, draw_services};
use targets::draw_target_group;

// Not inlined into `layout_traced`: see there.
#[inline(never)]
pub(super) fn layout(a: &Analysis, view: &View) -> Scene {
    if view.size == SizeClass::Phone {
        return phone::layout(a, view);
    }
    let (fw, fh) = view.size.frame();
    // The room of the frame at a scale of 1 (labels at their own size), less
    // the margins and the legend's rows.
    let (room_w, room_h) = (fw - 2.0 * MARGIN, fh - 2.0 * MARGIN - LEGEND_ROOM);
    let side = draw_columns(a, view, false, room_h);
    // Three columns too wide for the frame (long listeners, target groups,
    // node names): the Internet over the load balancers, two columns.
    if super::kit::compact() || side.0.bounds_since(0).map_or(0.0, |b| b.w) <= room_w {
        let (mut c, inet, tg_edges) = side;
        draw_lines(&mut c, &a.lbs, &inet, &tg_edges);
        return finish(c, &a.lbs);
    }
    let (mut c, inet, tg_edges) = draw_columns(a, view, true, room_h);
    phone::internet_lines(&mut c, a, &inet);
    target_lines(&mut c, &tg_edges);
    finish(c, &a.lbs)
}

/// Room kept under the content for the legend's rows, scene units.
const LEGEND_ROOM: f64 = 64.0;

/// The clients, the load balancers (as many as fit `room_h` high, at least
/// one) and the nodes with the Services: three columns side by side, or
/// (`stacked`) the Internet over the load balancers, the nodes right of them.
fn draw_columns(
    a: &Analysis,
    view: &View,
    stacked: bool,
    room_h: f64,
) -> (Canvas, ElementId, TgEdges) {
    let mut c = Canvas::new();
    let (inet, cw) = draw_clients(&mut c, &a.model);
    let (lx, top) = if stacked {
        let left = phone::LEFT;
        c.shift_since(0, left, -HEADER);
        let bottom = c.bounds_since(0).map_or(0.0, |b| b.bottom());
        (left, bottom + phone::GAP)
    } else {
        (cw + 2.0 * PAD + gap(), 0.0)
    };
    let lbs_at = c.mark();
    let (lb_w, tg_edges) = draw_load_balancers(&mut c, a, lx, room_h - top);
    c.shift_since(lbs_at, 0.0, top);
    let nx = lx + lb_w + gap();
    // (Stacked, the nodes start level with the Internet.)
    let ny = draw_nodes(&mut c, a, view, nx);
    draw_services(&mut c, &a.lbs, nx, ny);
    (c, inet, tg_edges)
}

/// The clients on the Internet, left: the Internet box holding one chip per
/// client. Returns the box's id and the clients' width.
fn draw_clients(c: &mut Canvas, m: &crate::model::Model) -> (ElementId, f64) {
    let clients: Vec<(ElementId, Text, Text)> = m
        .clients
        .iter()
        .filter_map(|cl| match cl.at {
            ClientAt::Internet { ip } => {
                let name = &cl.name;
                Some((
                    cl.eid.clone(),
                    text!("client {name}", "클라이언트 {name}"),
                    Text::same(ip.to_string()),
                ))
            }
            _ => None,
        })
        .collect();
    let inet_label = text!("Internet", "인터넷");
    let cw = clients
        .iter()
        .map(|(_, l, d)| fit_w(l, Some(d)))
        .fold(fit_w(&inet_label, None), f64::max)
        .max(if super::kit::compact() { 110.0 } else { 150.0 });
    let inet_h = HEADER + clients.len().max(1) as f64 * (leaf_h(true) + PAD);
    let inet = c.push(shape(
        ElementId::fixed(fixed::INTERNET),
        Role::Internet,
        Rect::new(0.0, HEADER, cw + 2.0 * PAD, inet_h),
        inet_label,
        None,
    ));
    for (k, (id, l, d)) in clients.into_iter().enumerate() {
        c.child(
            &inet,
            shape(
                id,
                Role::Client,
                Rect::new(
                    PAD,
                    2.0 * HEADER + k as f64 * (leaf_h(true) + PAD),
                    cw,
                    leaf_h(true),
                ),
                l,
                Some(d),
            ),
        );
    }
    (inet, cw)
}

/// The lines: the Internet to each internet-facing load balancer (labelled
/// with its first listener), each target group to its healthy targets.
fn draw_lines(
    c: &mut Canvas,
    lbs: &crate::lb::LoadBalancing,
    inet: &ElementId,
    tg_edges: &TgEdges,
) {
    for lb in lbs.load_balancers.iter().take(MAX_LBS) {
        if lb.scheme == Scheme::InternetFacing && lb.created {
            c.connect(
                inet,
                &lb.eid,
                Line::Data,
                Some(Text::same(
                    lb.listeners
                        .first()
                        .map_or_else(String::new, |l| format!("{}:{}", l.protocol, l.port)),
                )),
            );
        }
    }
    target_lines(c, tg_edges);
}

/// Each target group's lines to its healthy targets, the last labelled with
/// what it reaches (a node's NodePort or a pod's IP): the last line is the
/// lowest, with free room under it, where the others pass a shared bus.
fn target_lines(c: &mut Canvas, tg_edges: &TgEdges) {
    for (tg, targets) in tg_edges {
        for (k, (at, ip)) in targets.iter().enumerate() {
            let label = (k + 1 == targets.len()).then(|| {
                if *ip {
                    text!("pod IP", "Pod IP")
                } else {
                    text!("NodePort", "NodePort")
                }
            });
            c.connect(tg, at, Line::Data, label);
        }
    }
}

/// The scene from its canvas: the caption and the legend.
fn finish(c: Canvas, lbs: &crate::lb::LoadBalancing) -> Scene {
    let (nl, ns) = (lbs.load_balancers.len(), lbs.services.len());
    c.finish(
        SceneKind::LoadBalancing,
        text!(
            "{nl} load balancers for {ns} Services: instance targets take the NodePort and kube-proxy's rules, IP targets go straight to the pod; Local sends only to nodes with a ready pod (source 004, figures 4 and 5).",
            "Service {ns}개에 로드 밸런서 {nl}개: 인스턴스 대상은 NodePort와 kube-proxy 규칙을, IP 대상은 곧장 Pod로 간다. Local은 준비된 Pod가 있는 노드로만 보낸다(소스 004, 그림 4, 5)."
        ),
        legend(vec![
            (LegendKind::Swatch { role: Role::LoadBalancer, class: None }, text!("load balancer, target group", "로드 밸런서, 대상 그룹")),
            (LegendKind::Swatch { role: Role::Note, class: Some("ok") }, text!("healthy target", "정상 대상")),
            (LegendKind::Swatch { role: Role::Note, class: Some("error") }, text!("unhealthy target", "비정상 대상")),
            (LegendKind::Swatch { role: Role::Pod, class: None }, text!("pod", "Pod")),
        ]),
    )
}

#[cfg(test)]
mod tests;
