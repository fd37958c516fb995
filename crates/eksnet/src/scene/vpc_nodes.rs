//! The nodes of the customer VPC block (see [`super::vpc`]): each node
//! group's part of a subnet, its nodes (at most a few, then "+N more") and,
//! where the scene asks for them, each node's pods and its pods without an
//! address.

use super::kit::{fit_w, folding, leaf_h, plural, shape, Canvas, HEADER, PAD};
use super::vpc::{Parts, VpcOpts};
use super::vpc_facts::{
    az_count, node_detail, node_label, node_title, pick, pods_on, pods_without_ip,
};
use super::{Rect, Role};
use crate::scenario::NodeGroupKind;
use crate::{text, Analysis, ElementId, Text};

/// Width of a pod box inside a node (its address and, unfolded, its name).
fn pod_w() -> f64 {
    if folding() {
        124.0
    } else {
        148.0
    }
}

/// Pod boxes per row inside a node.
fn pod_cols() -> usize {
    if folding() {
        1
    } else {
        2
    }
}

/// In a small frame, the least width of node `n`'s pod cells: its drawn pods'
/// addresses, "+N more pods" and its pods without an address (a cell is as
/// wide as its text, not a fixed width).
fn pod_cells_w(a: &Analysis, n: usize, max: usize) -> f64 {
    let pods = pods_on(a, n);
    let mut w: f64 = 0.0;
    for &p in pods.iter().take(max) {
        if let Some(ip) = a.ipam.pods.get(p).and_then(|pod| pod.ip) {
            w = w.max(fit_w(&Text::same(ip.to_string()), None));
        }
    }
    if pods.len() > max {
        let more = pods.len() - max;
        let wd = plural(more, "pod", "pods");
        w = w.max(fit_w(&text!("+{more} more {wd}", "Pod {more}개 더"), None));
    }
    let (waiting, _) = pods_without_ip(a, n);
    if waiting > 0 {
        let wd = plural(waiting, "pod", "pods");
        w = w.max(fit_w(
            &text!("{waiting} {wd} without IP", "IP 없는 Pod {waiting}개"),
            None,
        ));
    }
    w
}

/// Pods drawn per node at most while second lines fold (the overview of a small
/// frame; the rest are summed up in "+N more").
const FOLDED_MAX_PODS: usize = 2;

/// Rows of pod boxes node `n` needs when at most `max` pods are drawn (and a
/// box for its pods without an address).
fn pod_rows(a: &Analysis, n: usize, max: usize) -> usize {
    let k = pods_on(a, n).len();
    let waiting = usize::from(pods_without_ip(a, n).0 > 0);
    let cells = k.min(max) + usize::from(k > max) + waiting;
    cells.div_ceil(pod_cols()).max(1)
}

/// The size of every node box: as wide as the widest drawn node; as high as the
/// most pods drawn in one.
pub(super) fn node_size(a: &Analysis, o: &VpcOpts, parts: &Parts, focus: &[usize]) -> (f64, f64) {
    let m = &a.model;
    let mut node_w: f64 = if folding() { 120.0 } else { 150.0 };
    let mut rows_of_pods = 0;
    for (_, nodes) in parts.iter() {
        let shown = max_nodes(a, o);
        if nodes.len() > shown {
            let more = nodes.len() - shown;
            let w = plural(more, "node", "nodes");
            node_w = node_w.max(fit_w(&text!("+{more} more {w}", "노드 {more}대 더"), None));
        }
        for &n in &pick(nodes, shown, focus) {
            let name = &m.nodes[n].name;
            let cols = pod_cols() as f64;
            let pw = if super::kit::compact() {
                pod_cells_w(a, n, max_pods(o))
            } else {
                pod_w()
            };
            node_w = node_w.max(if o.pods > 0 {
                // In a small frame the pods set the width; the icon goes
                // where the title leaves it room (legibility first).
                let title = node_title(a, n, o.public_ips);
                let tw = if super::kit::compact() {
                    fit_w(&title, None)
                } else {
                    super::kit::fit_iconic_w(&title, None)
                };
                tw.max(cols * pw + (cols + 1.0) * PAD)
            } else {
                super::kit::fit_iconic_w(&node_label(name), Some(&node_detail(a, n, o.public_ips)))
            });
            if o.pods > 0 {
                rows_of_pods = rows_of_pods.max(pod_rows(a, n, max_pods(o)));
            }
        }
    }
    let node_h = if o.pods > 0 {
        HEADER + rows_of_pods as f64 * (leaf_h(true) + PAD)
    } else {
        leaf_h(true)
    };
    (node_w, node_h)
}

/// Node `n`'s pods inside its box `r`: at most `max`, then "+N more pods".
fn draw_pods(c: &mut Canvas, a: &Analysis, nid: &ElementId, n: usize, r: Rect, max: usize) {
    let node = &a.model.nodes[n];
    let pods = pods_on(a, n);
    // In a small frame the cells take the node's width (see `pod_cells_w`).
    let (cols, pw) = if super::kit::compact() {
        (1, r.w - 2.0 * PAD)
    } else {
        (pod_cols(), pod_w())
    };
    let cell = |k: usize| {
        Rect::new(
            r.x + PAD + (k % cols) as f64 * (pw + PAD),
            r.y + HEADER + (k / cols) as f64 * (leaf_h(true) + PAD),
            pw,
            leaf_h(true),
        )
    };
    for (k, &p) in pods.iter().take(max).enumerate() {
        let Some(pod) = a.ipam.pods.get(p) else {
            continue;
        };
        let ip = pod.ip.map(|i| i.to_string()).unwrap_or_default();
        let mut sh = shape(
            pod.eid(),
            Role::Pod,
            cell(k),
            Text::same(ip.clone()),
            Some(Text::same(super::kit::clip_mid(&pod.name, 18))),
        );
        if pod.pinned && pod.ip.is_some() {
            // A pinned address (kubectl's `status.podIPs`, when imported).
            sh.data.push(("observed", "true".into()));
        }
        sh.data
            .push(("pod", format!("{}/{}", pod.namespace, pod.name)));
        sh.data.push(("ip", ip));
        if let Some(e) = pod.eni {
            sh.data.push(("eni", format!("eth{e}")));
            sh.data
                .push(("eni-id", ElementId::node_eni(&node.name, e).to_string()));
        }
        sh.data.push(("node", node.name.clone()));
        c.child(nid, sh);
    }
    let mut k = pods.len().min(max);
    if pods.len() > max {
        let more = pods.len() - max;
        let w = plural(more, "pod", "pods");
        let mut sh = shape(
            node.eid.part("more-pods"),
            Role::Note,
            cell(k),
            text!("+{more} more {w}", "Pod {more}개 더"),
            None,
        );
        sh.classes.push("aggregate");
        c.child(nid, sh);
        k += 1;
    }
    // Pods scheduled here that wait for an address, and why.
    let (waiting, why) = pods_without_ip(a, n);
    if waiting > 0 {
        let reason = why.map_or_else(
            || text!("waiting for an address", "주소를 기다림"),
            |p| p.message(&a.model),
        );
        let w = plural(waiting, "pod", "pods");
        let mut sh = shape(
            node.eid.part("no-ip"),
            Role::Note,
            cell(k),
            text!("{waiting} {w} without IP", "IP 없는 Pod {waiting}개"),
            Some(reason),
        );
        sh.classes.push("pending");
        sh.data.push(("pending", waiting.to_string()));
        if let Some(p) = why {
            sh.data.push(("why", p.code().to_string()));
        }
        c.child(nid, sh);
    }
}

/// Nodes drawn per node group and subnet: the scene's choice, or while second
/// lines fold one row of them (the rest summed up in "+N more").
pub(super) fn max_nodes(a: &Analysis, o: &VpcOpts) -> usize {
    if folding() {
        o.max_nodes.min(node_cols(a, o))
    } else {
        o.max_nodes
    }
}

/// Pods drawn per node: the scene's choice, fewer while second lines fold.
fn max_pods(o: &VpcOpts) -> usize {
    if super::kit::compact() {
        o.pods.min(1)
    } else if folding() {
        o.pods.min(FOLDED_MAX_PODS)
    } else {
        o.pods
    }
}

/// Node boxes per row: the scene's choice, one while folding with three AZs or
/// more or without pods (narrow AZ columns beside the control plane).
pub(super) fn node_cols(a: &Analysis, o: &VpcOpts) -> usize {
    if folding() && (az_count(a) >= 3 || o.pods == 0) {
        1
    } else {
        o.node_cols.max(1)
    }
}

/// Whether the nodes of a part are counted in its label, with no "+N more"
/// box: in a small frame, or where the block is squeezed.
fn counted(o: &VpcOpts) -> bool {
    super::kit::compact() || o.squeeze.nodes_in_label
}

/// `ng-1 · managed · m5.large` (`ng-1 · m5.large` while second lines fold;
/// `ng-1 · 2 × m5.large` in a small frame or squeezed, which draws no "+N
/// more" box: the part's `n` nodes are counted in its label).
pub(crate) fn part_label(a: &Analysis, o: &VpcOpts, g: usize, n: usize) -> Text {
    let ng = &a.model.node_groups[g];
    let name = &ng.name;
    let it = &ng.instance_type;
    if counted(o) && ng.kind != NodeGroupKind::Fargate {
        return text!("{name} · {n} × {it}", "{name} · {n} × {it}");
    }
    if folding() && ng.kind != NodeGroupKind::Fargate {
        // The kind is in the details; the instance type says what the nodes are.
        return text!("{name} · {it}", "{name} · {it}");
    }
    match ng.kind {
        NodeGroupKind::Managed => text!("{name} · managed · {it}", "{name} · 관리형 · {it}"),
        NodeGroupKind::SelfManaged => {
            text!(
                "{name} · self-managed · {it}",
                "{name} · 자체 관리형 · {it}"
            )
        }
        NodeGroupKind::Fargate => text!("{name} · Fargate", "{name} · Fargate"),
    }
}

/// What a Fargate part holds instead of nodes.
fn fargate_note() -> Text {
    text!(
        "a micro-VM per pod, no nodes",
        "Pod마다 마이크로 VM, 노드 없음"
    )
}

/// A node group's part of subnet `s`: its nodes (at most `max_nodes`, then a
/// "+N more" box). Returns the height used.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_part(
    c: &mut Canvas,
    a: &Analysis,
    subnet: &ElementId,
    g: usize,
    s: usize,
    nodes: &[usize],
    o: &VpcOpts,
    focus: &[usize],
    (x, y): (f64, f64),
    w: f64,
    (node_w, nh): (f64, f64),
) -> f64 {
    let m = &a.model;
    let ng = &m.node_groups[g];
    let sub = &m.subnets[s];
    let fargate = ng.kind == NodeGroupKind::Fargate;
    // Folded, a Fargate part is its label: what it runs is its second line.
    let note = (fargate && folding()).then(fargate_note);
    let mut part = shape(
        ng.eid.part(&sub.id),
        Role::NodeGroup,
        Rect::new(x, y, w, 0.0),
        part_label(a, o, g, nodes.len()),
        note,
    );
    part.data.push(("group", ng.name.clone()));
    let pid = c.child(subnet, part);
    let drawn = pick(nodes, max_nodes(a, o), focus);
    let more = nodes.len() - drawn.len();
    let cols = node_cols(a, o);
    let mut k = 0;
    for &n in &drawn {
        let node = &m.nodes[n];
        let r = Rect::new(
            x + PAD + (k % cols) as f64 * (node_w + PAD),
            y + HEADER + (k / cols) as f64 * (nh + PAD),
            node_w,
            nh,
        );
        let mut sh = if o.pods > 0 {
            // Folded, the addresses are the node's second line (not drawn).
            let addrs = folding().then(|| node_detail(a, n, o.public_ips));
            shape(
                node.eid.clone(),
                Role::Node,
                r,
                node_title(a, n, o.public_ips),
                addrs,
            )
        } else {
            shape(
                node.eid.clone(),
                Role::Node,
                r,
                node_label(&node.name),
                Some(node_detail(a, n, o.public_ips)),
            )
        };
        sh.data.push(("node", node.name.clone()));
        sh.data.push(("ip", node.private_ip.to_string()));
        let nid = c.child(&pid, sh);
        if o.pods > 0 {
            draw_pods(c, a, &nid, n, r, max_pods(o));
        }
        k += 1;
    }
    // Folded, "+N more" is one line under the row of nodes.
    let more_h = if folding() { leaf_h(false) } else { nh };
    let mut extra = 0.0;
    if more > 0 && !counted(o) {
        let w = plural(more, "node", "nodes");
        let r = if folding() {
            let rows = k.div_ceil(cols) as f64;
            extra = more_h + PAD;
            Rect::new(x + PAD, y + HEADER + rows * (nh + PAD), node_w, more_h)
        } else {
            Rect::new(
                x + PAD + (k % cols) as f64 * (node_w + PAD),
                y + HEADER + (k / cols) as f64 * (nh + PAD),
                node_w,
                nh,
            )
        };
        let mut sh = shape(
            ng.eid.part(&format!("{}:more-nodes", sub.id)),
            Role::Note,
            r,
            text!("+{more} more {w}", "노드 {more}대 더"),
            None,
        );
        sh.classes.push("aggregate");
        sh.data.push(("count", more.to_string()));
        c.child(&pid, sh);
        if !folding() {
            k += 1;
        }
    }
    let h = if fargate && folding() {
        leaf_h(false)
    } else if fargate {
        let r = Rect::new(x + PAD, y + HEADER, w - 2.0 * PAD, 28.0);
        let mut sh = shape(
            ng.eid.part(&format!("{}:fargate", sub.id)),
            Role::Note,
            r,
            fargate_note(),
            None,
        );
        sh.classes.push("aggregate");
        c.child(&pid, sh);
        HEADER + 28.0 + PAD
    } else {
        let rows = k.div_ceil(cols);
        HEADER
            + rows as f64 * (nh + PAD)
            + extra
            + if rows == 0 && extra == 0.0 { PAD } else { 0.0 }
    };
    if let Some(sh) = c.get_mut(pid.as_str()) {
        sh.rect.h = h;
    }
    h
}
