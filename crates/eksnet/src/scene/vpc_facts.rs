//! What the VPC block knows about its subnets, nodes and pods before it draws
//! them: their kinds and labels, the pods a node holds (and those without an
//! address), which nodes the view is about and which to draw, and the shelf
//! packing of boxes. Other scenes that draw nodes and subnets use these too.

use super::kit::{folding, PAD};
use super::{Rect, Role, View};
use crate::cni::PodProblem;
use crate::model::{Route, AMAZON_PROVIDED_DNS};
use crate::{text, Analysis, Flow, Text};

/// Pods with an address of their own on node `n` (host-network pods share the
/// node's), in allocation order.
pub(crate) fn pods_on(a: &Analysis, n: usize) -> Vec<usize> {
    // `ipam.nodes` is parallel to `model.nodes`: look there first (a large
    // cluster has 100,000 of them), then search.
    a.ipam
        .nodes
        .get(n)
        .filter(|x| x.node == n)
        .or_else(|| a.ipam.nodes.iter().find(|x| x.node == n))
        .map(|x| {
            x.pods()
                .filter(|&p| {
                    a.ipam
                        .pods
                        .get(p)
                        .is_some_and(|p| !p.host_network && p.ip.is_some())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Pods scheduled to node `n` that hold no address (host-network pods need
/// none), and the first one's problem: why they wait.
pub(crate) fn pods_without_ip(a: &Analysis, n: usize) -> (usize, Option<PodProblem>) {
    let Some(x) = a
        .ipam
        .nodes
        .get(n)
        .filter(|x| x.node == n)
        .or_else(|| a.ipam.nodes.iter().find(|x| x.node == n))
    else {
        return (0, None);
    };
    let mut count = 0;
    let mut why = None;
    for p in x.pods().filter_map(|p| a.ipam.pods.get(p)) {
        if !p.host_network && p.ip.is_none() {
            count += 1;
            why = why.or(p.problem);
        }
    }
    (count, why)
}

/// A node's title when it holds pods: its short name and public address (the
/// short name alone while second lines fold).
pub(crate) fn node_title(a: &Analysis, n: usize, public: bool) -> Text {
    let node = &a.model.nodes[n];
    let short = node_label(&node.name).en;
    match node.public_ip {
        Some(p) if public && !folding() => Text::same(format!("{short} · {p}")),
        _ => Text::same(short),
    }
}

/// Number of distinct AZs of the VPC's subnets.
pub(crate) fn az_count(a: &Analysis) -> usize {
    let mut azs: Vec<&str> = a.model.subnets.iter().map(|s| s.az.as_str()).collect();
    crate::sort::sort_by(&mut azs, Ord::cmp);
    azs.dedup();
    azs.len()
}

/// Subnet kind for labels and roles.
pub(crate) fn subnet_kind(a: &Analysis, i: usize) -> (Role, Text, Option<&'static str>) {
    let s = &a.model.subnets[i];
    match s.route {
        Route::InternetGateway(_) => (Role::PublicSubnet, text!("public", "퍼블릭"), None),
        Route::NatGateway(_) => (Role::PrivateSubnet, text!("private", "프라이빗"), None),
        Route::TransitGateway(_) => (
            Role::PrivateSubnet,
            text!("private (transit gateway)", "프라이빗(전송 게이트웨이)"),
            None,
        ),
        Route::None => (
            Role::PrivateSubnet,
            text!("isolated", "격리됨"),
            Some("isolated"),
        ),
    }
}

/// The box text of subnet `i` in the VPC block: its label, and while second
/// lines fold, `subnet-a · public` with the full label as the second line.
pub(crate) fn subnet_box_text(a: &Analysis, i: usize) -> (Text, Option<Text>) {
    if !folding() {
        return (subnet_label(a, i), None);
    }
    let s = &a.model.subnets[i];
    let (_, kind, _) = subnet_kind(a, i);
    let (id, ken, kko) = (&s.id, &kind.en, &kind.ko);
    (
        text!("{id} · {ken}", "{id} · {kko}"),
        Some(subnet_label(a, i)),
    )
}

/// Like [`subnet_box_text`] (second lines folding), with a one-word kind:
/// `subnet-a · private` for a subnet routed to a transit gateway (its full
/// label, naming the route, stays the second line).
pub(crate) fn subnet_box_text_short(a: &Analysis, i: usize) -> (Text, Option<Text>) {
    let s = &a.model.subnets[i];
    if !folding() || !matches!(s.route, Route::TransitGateway(_)) {
        return subnet_box_text(a, i);
    }
    let id = &s.id;
    (
        text!("{id} · private", "{id} · 프라이빗"),
        Some(subnet_label(a, i)),
    )
}

/// The route table subnet `i` uses, for its details (not drawn, to keep the
/// overview legible): the table explicitly associated with it or the VPC's main
/// table, and the route its internet traffic takes (AWS VPC user guide, "Configure
/// route tables": a subnet without an explicit association uses the main table).
/// `None` when the model has no table for it.
pub(crate) fn route_table_note(a: &Analysis, i: usize) -> Option<Text> {
    let m = &a.model;
    let t = m.route_table_of(i)?;
    let sid = m.subnets.get(i).map(|s| s.id.as_str()).unwrap_or_default();
    let name = t.name(sid);
    let (ne, nk) = (&name.en, &name.ko);
    let (main, main_ko) = if t.main && !t.implied {
        (" (main)", " (기본)")
    } else {
        ("", "")
    };
    let route = t
        .default_route()
        .map_or_else(|| "0.0.0.0/0: none".to_string(), |r| r.describe());
    let route_ko = t
        .default_route()
        .map_or_else(|| "0.0.0.0/0: 없음".to_string(), |r| r.describe());
    Some(text!("{ne}{main}: {route}", "{nk}{main_ko}: {route_ko}"))
}

/// The network ACL subnet `i` uses, for its details, unless it is the VPC's
/// allow-all default (AWS VPC user guide, "Control subnet traffic with network
/// access control lists": each subnet is associated with one ACL, the default
/// one when no other claims it).
pub(crate) fn network_acl_note(a: &Analysis, i: usize) -> Option<Text> {
    let acl = a.model.network_acl_of(i)?;
    let id = &acl.id;
    let n = acl.entries.len();
    Some(text!(
        "network ACL {id} ({n} rules, both directions)",
        "네트워크 ACL {id} (규칙 {n}개, 양방향)"
    ))
}

/// The VPC resolver's details: the DHCP options set's name servers, and
/// whether servers of your own forward to the VPC resolver (AWS VPC user guide,
/// "DHCP option sets").
pub(crate) fn dhcp_note(a: &Analysis) -> Option<Text> {
    let d = &a.model.vpc.dhcp;
    if d.id == "default" && d.servers.iter().all(|x| x == AMAZON_PROVIDED_DNS) {
        return None;
    }
    let (id, servers) = (&d.id, d.servers.join(", "));
    let own = d.servers.iter().any(|x| x != AMAZON_PROVIDED_DNS);
    Some(match (own, d.forwards) {
        (true, true) => text!(
            "DHCP options {id}: domain-name-servers {servers} (forward to the VPC resolver)",
            "DHCP 옵션 {id}: domain-name-servers {servers} (VPC 리졸버로 전달)"
        ),
        (true, false) => text!(
            "DHCP options {id}: domain-name-servers {servers} (do not forward to the VPC resolver: the endpoint resolves to its public name)",
            "DHCP 옵션 {id}: domain-name-servers {servers} (VPC 리졸버로 전달하지 않음: 엔드포인트가 퍼블릭 이름으로 풀린다)"
        ),
        (false, _) => text!(
            "DHCP options {id}: domain-name-servers {servers}",
            "DHCP 옵션 {id}: domain-name-servers {servers}"
        ),
    })
}

/// The label of subnet `i`: `subnet-a · 192.168.32.0/19 · public`.
pub(crate) fn subnet_label(a: &Analysis, i: usize) -> Text {
    let s = &a.model.subnets[i];
    let cidr = s.cidr.map_or_else(|| "?".to_string(), |c| c.to_string());
    let (_, kind, _) = subnet_kind(a, i);
    let (id, ken, kko) = (&s.id, &kind.en, &kind.ko);
    text!("{id} · {cidr} · {ken}", "{id} · {cidr} · {kko}")
}

/// The nodes a view is about: the flow's node and the selected node.
pub(crate) fn focus_nodes(a: &Analysis, view: &View) -> Vec<usize> {
    let mut out = Vec::new();
    if let Some(
        Flow::Kubelet { node } | Flow::Exec { node } | Flow::Webhook { node } | Flow::Pull { node },
    ) = &view.flow
    {
        out.extend(a.model.node_index(node));
    }
    if let Some(sel) = &view.selection {
        out.extend(a.model.node_index(sel.thing()));
    }
    if let Some(n) = &view.node {
        out.extend(a.model.node_index(n));
    }
    out
}

/// Picks at most `max` of `nodes`, keeping the focused ones, in model order.
pub(crate) fn pick(nodes: &[usize], max: usize, focus: &[usize]) -> Vec<usize> {
    if nodes.len() <= max {
        return nodes.to_vec();
    }
    let mut keep: Vec<usize> = nodes
        .iter()
        .copied()
        .filter(|n| focus.contains(n))
        .collect();
    keep.truncate(max);
    for &n in nodes {
        if keep.len() >= max {
            break;
        }
        if !keep.contains(&n) {
            keep.push(n);
        }
    }
    keep.sort_unstable();
    keep
}

/// The label of a node: its short name.
pub(crate) fn node_label(name: &str) -> Text {
    Text::same(crate::model::names::short_node_name(name))
}

/// A node's address line.
pub(crate) fn node_detail(a: &Analysis, n: usize, public: bool) -> Text {
    let node = &a.model.nodes[n];
    let ip = node.private_ip;
    match node.public_ip {
        Some(p) if public => Text::same(format!("{ip} · {p}")),
        _ => Text::same(ip.to_string()),
    }
}

/// Shelf packing: places boxes of the given sizes left to right from `(x, y)`,
/// wrapping at width `max_w`; returns the rectangles and the height used.
pub(crate) fn shelf(sizes: &[(f64, f64)], x: f64, y: f64, max_w: f64) -> (Vec<Rect>, f64) {
    let mut out = Vec::new();
    let (mut cx, mut cy, mut row_h) = (x, y, 0.0f64);
    for &(w, h) in sizes {
        if cx > x && cx + w > x + max_w {
            cx = x;
            cy += row_h + PAD;
            row_h = 0.0;
        }
        out.push(Rect::new(cx, cy, w, h));
        cx += w + PAD;
        row_h = row_h.max(h);
    }
    let used = if sizes.is_empty() {
        0.0
    } else {
        cy + row_h - y
    };
    (out, used)
}

/// Like [`shelf`], with each row pushed against the right edge (where container
/// labels, on the left, do not reach).
pub(crate) fn shelf_right(sizes: &[(f64, f64)], x: f64, y: f64, max_w: f64) -> (Vec<Rect>, f64) {
    let (mut rects, h) = shelf(sizes, x, y, max_w);
    let mut i = 0;
    while i < rects.len() {
        let row_y = rects[i].y;
        let mut j = i;
        while j < rects.len() && rects[j].y == row_y {
            j += 1;
        }
        let right = rects[j - 1].right();
        let dx = x + max_w - right;
        for r in &mut rects[i..j] {
            r.x += dx;
        }
        i = j;
    }
    (rects, h)
}
