//! "Node bootstrap" (source 000): how a worker node joins the cluster. The EC2
//! instance starts and runs the kubelet; the kubelet connects to the cluster
//! endpoint and registers the node; then it sends status and heartbeats while it
//! takes the API server's commands. A node that cannot reach the endpoint never
//! registers, and so can never run or stop pods.
//!
//! One row per node group and subnet (nodes of a group in one subnet share their
//! route to the endpoint), with the row's first node (or the node the view is
//! about) and the four steps. Whether step 3 succeeds, and by which way, comes
//! from the kubelet flow's trace of that node; the path it takes (internet gateway
//! or NAT and the public NLB, or an EKS-owned ENI) is drawn to the API server.

use std::collections::BTreeMap;

use super::kit::{
    clip, fit_w, folding, leaf_h, legend, phone, plural, shape, Canvas, Line, HEADER, PAD,
};
use super::vpc::{focus_nodes, node_label, subnet_kind};
use super::{LegendKind, Rect, Role, Scene, SceneKind, View};
use crate::ids::fixed;
use crate::trace::Link;
use crate::{text, Analysis, ElementId, Flow, Text, Trace, Verdict};

mod paths;
mod steps;

use paths::{draw_paths, draw_registrations};
use steps::{heads, never, step3_detail, step_labels, steps, takes};

/// Rows drawn at most.
const MAX_ROWS: usize = 8;
/// Gap between the steps (room for arrows) and between the columns.
const GAP: f64 = 28.0;
/// Width of a step box.
const STEP_W: f64 = 190.0;

/// What a row's kubelet trace says about registration.
enum Outcome {
    /// No trace available.
    Unknown,
    /// Registered, by this way.
    Registered(Text),
    /// Blocked at this element (named as its hop names it), with this reason.
    Blocked(Text, Text),
}

fn outcome(t: Option<&Trace>) -> Outcome {
    let Some(t) = t else {
        return Outcome::Unknown;
    };
    match &t.verdict {
        Verdict::Reachable => {
            let via_eni = t.hops.iter().any(|h| h.link == Link::EksOwnedEni);
            let via_nat = t.hops.iter().any(|h| h.link == Link::NatGateway);
            Outcome::Registered(if via_eni {
                text!("via an EKS-owned ENI (private)", "EKS 소유 ENI로(프라이빗)")
            } else if via_nat {
                text!("via NAT and the public NLB", "NAT와 퍼블릭 NLB로")
            } else {
                text!("via the IGW and the public NLB", "IGW와 퍼블릭 NLB로")
            })
        }
        Verdict::Blocked { at, reason, .. } => {
            let name = t
                .hops
                .iter()
                .rev()
                .find(|h| h.at == *at)
                .map_or_else(|| Text::same(at.as_str()), |h| h.label.clone());
            Outcome::Blocked(name, reason.clone())
        }
    }
}

/// Ids a registration path passes between the node and the API server, worth a
/// box of their own here.
fn path_kind(id: &str) -> bool {
    id == fixed::IGW
        || id == fixed::INTERNET
        || id == fixed::API_NLB
        || id.starts_with("nat:")
        || id.starts_with("eks-eni:")
        || id.starts_with("sg:")
        || id.starts_with("vpce:")
        || id.starts_with("net:")
        || id.starts_with("dns:")
}

fn path_label(a: &Analysis, id: &str) -> (Role, Text) {
    let m = &a.model;
    if id == fixed::IGW {
        return (
            Role::Gateway,
            text!("Internet gateway", "인터넷 게이트웨이"),
        );
    }
    if id == fixed::INTERNET {
        return (Role::Internet, text!("Internet", "인터넷"));
    }
    if id == fixed::API_NLB {
        return (
            Role::LoadBalancer,
            text!("Public endpoint · NLB", "퍼블릭 엔드포인트 · NLB"),
        );
    }
    if id == fixed::DNS_PUBLIC {
        return (
            Role::Dns,
            text!("Route 53 · public name", "Route 53 · 퍼블릭 이름"),
        );
    }
    if id == fixed::DNS_PRIVATE {
        return (
            Role::Dns,
            text!(
                "Route 53 · private hosted zone",
                "Route 53 · 프라이빗 호스팅 영역"
            ),
        );
    }
    if id == fixed::DNS_RESOLVER {
        return (Role::Dns, text!("VPC resolver", "VPC 리졸버"));
    }
    if let Some(n) = id.strip_prefix("nat:") {
        return (
            Role::Gateway,
            text!("NAT gateway {n}", "NAT 게이트웨이 {n}"),
        );
    }
    if let Some(e) = id.strip_prefix("eks-eni:") {
        let ip = e
            .parse::<usize>()
            .ok()
            .and_then(|k| m.eks_enis.get(k))
            .map_or_else(String::new, |x| format!(" {}", x.ip));
        return (Role::EksEni, text!("EKS-owned ENI{ip}", "EKS 소유 ENI{ip}"));
    }
    if let Some(g) = id.strip_prefix("sg:") {
        return (Role::SecurityGroup, text!("SG {g}", "보안 그룹 {g}"));
    }
    (Role::Gateway, Text::same(id))
}

/// A row: a node group's nodes in one subnet.
struct Row {
    group: usize,
    subnet: usize,
    nodes: Vec<usize>,
    shown: usize,
}

/// The sizes every row shares.
struct Dims {
    /// Width of the node box.
    node_w: f64,
    /// Width of a step box.
    step_w: f64,
    /// Width of a row (before its "why" line).
    row_w: f64,
    /// Height of a row (before its "why" line).
    row_h: f64,
    /// Left of the first step.
    steps_x: f64,
}

/// Rows drawn at most: fewer while second lines fold (a small frame).
fn max_rows() -> usize {
    if folding() {
        4
    } else {
        MAX_ROWS
    }
}

// Not inlined into `layout_traced`: see there.
#[inline(never)]
pub(super) fn layout(a: &Analysis, view: &View) -> Scene {
    let m = &a.model;
    let mut c = Canvas::new();
    let (rows, hidden) = pick_rows(a, view);
    let traces: Vec<Option<Trace>> = rows
        .iter()
        .map(|r| match m.registration.why_not(r.shown) {
            // The analysis decided it never registers: draw that decision's trace.
            Some(never) => Some(never.trace.clone()),
            None => super::trace_of(
                a,
                &Flow::Kubelet {
                    node: m.nodes[r.shown].name.clone(),
                },
            ),
        })
        .collect();
    let d = dims(a, &rows, &traces);
    let mut y = draw_heads(&mut c, &d);
    let mut step4 = Vec::new();
    let mut right = d.row_w;
    for (k, r) in rows.iter().enumerate() {
        let (sid, h) = draw_row(&mut c, a, r, traces[k].as_ref(), &d, y);
        step4.push((sid, k));
        y += h + PAD;
    }
    draw_leftovers(&mut c, hidden, rows.is_empty(), y);
    // The path column starts right of everything drawn so far (a row's "why"
    // line may be wider than the row).
    for s in &c.shapes {
        right = right.max(s.rect.right());
    }
    let bottom = c.shapes.iter().map(|s| s.rect.bottom()).fold(y, f64::max);
    let column = draw_paths(&mut c, a, &traces, right, bottom);
    draw_registrations(&mut c, &traces, &step4, column);

    let (nn, nr) = (m.nodes.len(), rows.len());
    let (nodes_en, rows_en) = (
        crate::text::count(nn, "node joins", "nodes join"),
        crate::text::count(
            nr,
            "node group and subnet row",
            "node group and subnet rows",
        ),
    );
    c.finish(
        SceneKind::NodeBootstrap,
        text!(
            "How {nodes_en} the cluster, {rows_en}: the EC2 instance starts, the kubelet runs, registers the node through the endpoint and sends heartbeats; a node that cannot reach the endpoint never registers (source 000).",
            "노드 {nn}대(노드 그룹·서브넷 {nr}행)가 클러스터에 합류하는 과정: EC2 인스턴스가 시작하고 kubelet이 돌며 엔드포인트로 노드를 등록하고 하트비트를 보낸다. 엔드포인트에 닿지 못하는 노드는 등록되지 않는다(소스 000)."
        ),
        legend(vec![
            (
                LegendKind::Swatch { role: Role::Step, class: Some("ok") },
                text!("happens", "일어남"),
            ),
            (
                LegendKind::Swatch { role: Role::Step, class: Some("fail") },
                text!("fails", "실패"),
            ),
            (
                LegendKind::Swatch { role: Role::Step, class: Some("unknown") },
                text!("not traced", "추적 안 됨"),
            ),
        ]),
    )
}

/// The rows drawn (one per node group and subnet, the view's node's first
/// when it would be cut) and how many more there are.
fn pick_rows(a: &Analysis, view: &View) -> (Vec<Row>, usize) {
    let m = &a.model;
    let focus = focus_nodes(a, view);
    let mut parts: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, n) in m.nodes.iter().enumerate() {
        parts.entry((n.group, n.subnet)).or_default().push(i);
    }
    let mut rows: Vec<Row> = parts
        .into_iter()
        .map(|((group, subnet), nodes)| {
            let shown = nodes
                .iter()
                .copied()
                .find(|n| focus.contains(n))
                .unwrap_or(nodes[0]);
            Row {
                group,
                subnet,
                nodes,
                shown,
            }
        })
        .collect();
    // The focused row first among those drawn, so it is never aggregated away.
    if let Some(k) = rows.iter().position(|r| focus.contains(&r.shown)) {
        if k >= max_rows() {
            let r = rows.remove(k);
            rows.insert(0, r);
        }
    }
    let hidden = rows.len().saturating_sub(max_rows());
    rows.truncate(max_rows());
    (rows, hidden)
}

/// `ng-1 in subnet-a (public) · 2 nodes`.
fn row_label(a: &Analysis, r: &Row) -> Text {
    let m = &a.model;
    let g = &m.node_groups[r.group].name;
    let s = &m.subnets[r.subnet].id;
    let (_, kind, _) = subnet_kind(a, r.subnet);
    let (ken, kko, n) = (&kind.en, &kind.ko, r.nodes.len());
    let w = plural(n, "node", "nodes");
    text!(
        "{g} in {s} ({ken}) · {n} {w}",
        "{s}({kko})의 {g} · 노드 {n}대"
    )
}

/// Column widths: steps as wide as their widest text in either language;
/// while folding, a step is a numbered box ("3 ✗") under a heading that names it.
fn dims(a: &Analysis, rows: &[Row], traces: &[Option<Trace>]) -> Dims {
    let m = &a.model;
    let node_w = rows
        .iter()
        .map(|r| {
            let n = &m.nodes[r.shown];
            super::kit::fit_iconic_w(
                &node_label(&n.name),
                Some(&Text::same(n.private_ip.to_string())),
            )
        })
        .fold(if folding() { 120.0 } else { 170.0 }, f64::max);
    let step_w = if folding() {
        fit_w(&Text::same("4 ✓"), None).max(48.0)
    } else {
        let fixed_texts = [
            heads().to_vec(),
            step_labels(true).to_vec(),
            step_labels(false).to_vec(),
            vec![
                text!("boots the EKS AMI", "EKS AMI로 부팅"),
                text!("the node agent starts", "노드 에이전트 시작"),
                never(),
                takes(),
            ],
        ]
        .concat();
        fixed_texts
            .iter()
            .map(|t| fit_w(t, None))
            .chain(
                traces
                    .iter()
                    .map(|t| fit_w(&Text::same("x"), Some(&step3_detail(&outcome(t.as_ref()))))),
            )
            .fold(STEP_W, f64::max)
    };
    // On a phone the steps go under the node: a row is two lines high.
    let (steps_w, steps_x, lines) = if phone() {
        (PAD + node_w.max(4.0 * step_w + 3.0 * GAP), PAD, 2.0)
    } else {
        (PAD + node_w + 4.0 * (GAP + step_w), PAD + node_w + GAP, 1.0)
    };
    let row_w = (steps_w + PAD).max(
        rows.iter()
            .map(|r| fit_w(&row_label(a, r), None))
            .fold(0.0, f64::max),
    );
    Dims {
        node_w,
        step_w,
        row_w,
        row_h: HEADER + lines * (leaf_h(true) + PAD),
        steps_x,
    }
}

/// The four steps of source 000 as headings: over their columns, or while
/// folding two by two from the left (the numbered boxes below refer to them).
/// Returns where the rows start.
fn draw_heads(c: &mut Canvas, d: &Dims) -> f64 {
    let heads = heads();
    let hw = heads.iter().map(|h| fit_w(h, None)).fold(0.0, f64::max);
    for (k, h) in heads.iter().enumerate() {
        let r = if phone() {
            // One heading a line.
            Rect::new(0.0, k as f64 * leaf_h(false), hw, leaf_h(false))
        } else if folding() {
            Rect::new(
                (k % 2) as f64 * (hw + PAD),
                (k / 2) as f64 * leaf_h(false),
                hw,
                leaf_h(false),
            )
        } else {
            Rect::new(
                d.steps_x + k as f64 * (d.step_w + GAP),
                0.0,
                d.step_w,
                leaf_h(false),
            )
        };
        let mut s = shape(
            ElementId::note(&format!("step-{}", k + 1)),
            Role::Note,
            r,
            h.clone(),
            None,
        );
        s.classes.push("heading");
        c.push(s);
    }
    let lines = if phone() {
        4.0
    } else if folding() {
        2.0
    } else {
        1.0
    };
    lines * leaf_h(false) + PAD
}

/// One row at `y`: the node and its four steps (and why it cannot register).
/// Returns step 4's id and the row's height.
fn draw_row(
    c: &mut Canvas,
    a: &Analysis,
    r: &Row,
    trace: Option<&Trace>,
    d: &Dims,
    y: f64,
) -> (ElementId, f64) {
    let m = &a.model;
    let node = &m.nodes[r.shown];
    let ng = &m.node_groups[r.group];
    let sub = &m.subnets[r.subnet];
    let (role, _, _) = subnet_kind(a, r.subnet);
    let out = outcome(trace);
    let why = match &out {
        Outcome::Blocked(_, reason) => Some(Text {
            en: clip(
                &reason.en,
                if phone() {
                    44
                } else if folding() {
                    70
                } else {
                    100
                },
            ),
            ko: clip(
                &reason.ko,
                if phone() {
                    26
                } else if folding() {
                    42
                } else {
                    60
                },
            ),
        }),
        _ => None,
    };
    let this_h = d.row_h
        + if why.is_some() {
            leaf_h(false) + PAD
        } else {
            0.0
        };
    let this_w = why
        .as_ref()
        .map_or(d.row_w, |w| d.row_w.max(fit_w(w, None) + 2.0 * PAD));
    let mut row = shape(
        ng.eid.part(&sub.id),
        role,
        Rect::new(0.0, y, this_w, this_h),
        row_label(a, r),
        None,
    );
    row.data.push(("group", ng.name.clone()));
    let rid = c.push(row);
    let mut nb = shape(
        node.eid.clone(),
        Role::Node,
        Rect::new(PAD, y + HEADER, d.node_w, leaf_h(true)),
        node_label(&node.name),
        Some(Text::same(node.private_ip.to_string())),
    );
    nb.data.push(("node", node.name.clone()));
    nb.data.push(("ip", node.private_ip.to_string()));
    c.child(&rid, nb);
    if let Some(w) = why {
        let mut s = shape(
            node.eid.part("why"),
            Role::Note,
            Rect::new(PAD, y + d.row_h, this_w - 2.0 * PAD, leaf_h(false)),
            w,
            None,
        );
        s.classes.push("error");
        c.child(&rid, s);
    }
    let mut prev = node.eid.clone();
    for (j, (label, detail, class)) in steps(&out).into_iter().enumerate() {
        let sid = node.eid.part(&format!("boot-{}", j + 1));
        let (label, detail) = if folding() {
            // "3 ✗", with the step's own words as its (folded) second line.
            let mark = match class {
                "ok" => "✓",
                "fail" => "✗",
                _ => "?",
            };
            let (len, lko, den, dko) = (&label.en, &label.ko, &detail.en, &detail.ko);
            (
                Text::same(format!("{} {mark}", j + 1)),
                text!("{len}: {den}", "{lko}: {dko}"),
            )
        } else {
            (label, detail)
        };
        let mut s = shape(
            sid.clone(),
            Role::Step,
            Rect::new(
                d.steps_x + j as f64 * (d.step_w + GAP),
                y + HEADER + if phone() { leaf_h(true) + PAD } else { 0.0 },
                d.step_w,
                leaf_h(true),
            ),
            label,
            Some(detail),
        );
        s.classes.push(class);
        c.child(&rid, s);
        c.connect(&prev, &sid, Line::Data, None);
        prev = sid;
    }
    (node.eid.part("boot-4"), this_h)
}

/// "+N more" rows, or the note that there is nothing to bootstrap, at `y`.
fn draw_leftovers(c: &mut Canvas, hidden: usize, empty: bool, y: f64) {
    let mut y = y;
    if hidden > 0 {
        let t = text!(
            "+{hidden} more node groups and subnets",
            "노드 그룹·서브넷 {hidden}개 더"
        );
        let mut s = shape(
            ElementId::note("more-rows"),
            Role::Note,
            Rect::new(0.0, y, fit_w(&t, None), leaf_h(false)),
            t,
            None,
        );
        s.classes.push("aggregate");
        c.push(s);
        y += leaf_h(false) + PAD;
    }
    if empty {
        let t = text!(
            "no EC2 nodes: nothing to bootstrap",
            "EC2 노드 없음: 부트스트랩할 것이 없다"
        );
        let mut s = shape(
            ElementId::note("no-nodes"),
            Role::Note,
            Rect::new(0.0, y, fit_w(&t, None), leaf_h(false)),
            t,
            None,
        );
        s.classes.push("aggregate");
        c.push(s);
    }
}

#[cfg(test)]
mod tests;
