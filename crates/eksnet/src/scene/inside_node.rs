//! "Inside a node" (source 004 figure 3, 003): one node's ENIs and the pod
//! addresses they hold, as the VPC CNI simulation allocated them.
//!
//! Each ENI (`eth0`, `eth1`, …) is a row: its primary address first (never a pod's),
//! then its secondary IPs, or its /28 prefixes of 16 addresses with prefix
//! delegation. A slot holding a pod shows the pod (`data-pod`, `data-ip`,
//! `data-eni`, `data-node`) and carries the pod's id; a warm slot (held by the CNI,
//! no pod yet) is dashed. Beside the ENIs: the node's route table (a host route to
//! each pod's veth; policy routes for pods on secondary ENIs), the max-pods
//! formula with its breakdown, the subnet's address accounting, and the node's
//! pods that have no address, with the reason.
//!
//! Rows stay bounded: at most [`MAX_SLOTS`] slots per ENI and [`MAX_ENIS`] ENIs are
//! drawn, the rest summed up.

use std::net::Ipv4Addr;

use super::kit::{
    clip, clip_mid, fit_w, folding, leaf_h, legend, phone, plural, shape, Canvas, HEADER, PAD,
};
use super::vpc::node_label;
use super::{LegendKind, Rect, Role, Scene, SceneKind, Shape, View};
use crate::cni::{Eni, NodeIpam, Slot};
use crate::model::{Holder, Node};
use crate::{text, Analysis, ElementId, Text};

mod panels;

use panels::{draw_accounting, draw_max_pods, draw_waiting, route_rows};

/// Slots drawn per ENI at most.
pub(crate) const MAX_SLOTS: usize = 24;
/// ENIs drawn at most.
pub(crate) const MAX_ENIS: usize = 8;
/// Slots per row (fewer while second lines fold: a small frame's overview).
fn cols() -> usize {
    if phone() {
        2
    } else if folding() {
        3
    } else {
        6
    }
}

/// Width of a slot: its address, and unfolded, its pod's name.
fn slot_w() -> f64 {
    if folding() {
        124.0
    } else {
        148.0
    }
}

/// Slots drawn per ENI: [`MAX_SLOTS`], or while folding two rows with the
/// primary address and the "+N more" box.
fn max_slots() -> usize {
    if super::kit::compact() {
        // A small frame: the primary, one slot and "+N more" (one row; two on
        // a phone).
        1
    } else if folding() {
        2 * cols() - 2
    } else {
        MAX_SLOTS
    }
}
/// Routes listed at most.
const MAX_ROUTES: usize = 10;
/// Holder rows of the subnet accounting drawn while second lines fold.
const MAX_HOLDER_ROWS: usize = 5;

/// Holder rows drawn while folding: [`MAX_HOLDER_ROWS`], three in a small frame.
fn holder_rows() -> usize {
    if super::kit::compact() {
        3
    } else {
        MAX_HOLDER_ROWS
    }
}

/// ENIs drawn: [`MAX_ENIS`], two while second lines fold (the rest summed up).
fn max_enis() -> usize {
    if folding() {
        2
    } else {
        MAX_ENIS
    }
}

/// Lines of the route table, of the max-pods breakdown and of the pods without
/// an address, and how many characters each keeps (English, Korean): fewer and
/// shorter while second lines fold (the details panel has the whole text).
fn lines() -> (usize, usize, (usize, usize)) {
    if folding() {
        (2, 2, (30, 18))
    } else {
        (MAX_ROUTES, 6, (80, 48))
    }
}

/// The node the scene shows: `view.node`, else the flow's or selected node, else
/// the first.
fn chosen(a: &Analysis, view: &View) -> Option<usize> {
    let m = &a.model;
    view.node
        .as_deref()
        .and_then(|n| m.node_index(n))
        .or_else(|| super::vpc::focus_nodes(a, view).first().copied())
        .or(if m.nodes.is_empty() { None } else { Some(0) })
}

/// A slot's shape: the pod's id and data when a pod holds it.
fn slot_shape(a: &Analysis, node: usize, eni: &Eni, s: &Slot, r: Rect) -> Shape {
    let m = &a.model;
    let n = &m.nodes[node];
    let ip = s.ip.to_string();
    match s.pod.and_then(|p| a.ipam.pods.get(p as usize)) {
        Some(p) => {
            let mut sh = shape(
                p.eid(),
                Role::Slot,
                r,
                Text::same(ip.clone()),
                Some(Text::same(clip_mid(&p.name, 18))),
            );
            sh.classes.push("assigned");
            sh.data.push(("pod", format!("{}/{}", p.namespace, p.name)));
            sh.data.push(("ip", ip));
            sh.data.push(("eni", eni.name()));
            sh.data.push(("eni-id", eni.eid().to_string()));
            sh.data.push(("node", n.name.clone()));
            sh
        }
        None => {
            let mut sh = shape(
                eni.eid().part(&ip),
                Role::Slot,
                r,
                Text::same(ip.clone()),
                Some(text!("warm", "웜")),
            );
            sh.classes.push("warm");
            sh.data.push(("ip", ip));
            sh.data.push(("eni", eni.name()));
            sh.data.push(("node", n.name.clone()));
            sh
        }
    }
}

fn grid(x: f64, y: f64, k: usize) -> Rect {
    Rect::new(
        x + PAD + (k % cols()) as f64 * (slot_w() + PAD),
        y + HEADER + (k / cols()) as f64 * (leaf_h(true) + PAD),
        slot_w(),
        leaf_h(true),
    )
}

fn grid_h(cells: usize) -> f64 {
    HEADER + cells.div_ceil(cols()).max(1) as f64 * (leaf_h(true) + PAD)
}

/// `eth0 · eni-0c1e… · subnet-a` (and whether it hosts no pods); on a node
/// whose ENIs were observed, whether this one was observed or simulated.
fn eni_label(a: &Analysis, eni: &Eni, node_observed: bool) -> Text {
    let sub = a
        .model
        .subnets
        .get(eni.subnet)
        .map_or("?", |s| s.id.as_str());
    let name = eni.name();
    let id = &eni.id();
    let mut t = if eni.hosts_pods {
        text!("{name} · {id} · {sub}", "{name} · {id} · {sub}")
    } else {
        text!(
            "{name} · {id} · {sub} · hosts no pods",
            "{name} · {id} · {sub} · Pod 없음"
        )
    };
    if eni.observed.is_some() {
        t.en.push_str(" · observed");
        t.ko.push_str(" · 관찰");
    } else if node_observed {
        t.en.push_str(" · simulated");
        t.ko.push_str(" · 시뮬레이션");
    }
    t
}

/// On a node whose ENIs were observed: the free slots left on them and the
/// address the next pod would get (the first free slot in ENI order, as `ipamd`
/// hands them out), or that `ipamd` must add one first.
fn forecast_note(enis: &[Eni]) -> Option<Text> {
    if enis.iter().all(|e| e.observed.is_none()) {
        return None;
    }
    let free: usize = enis
        .iter()
        .filter(|e| e.observed.is_some() && e.hosts_pods)
        .map(|e| e.capacity() - e.assigned())
        .sum();
    let next = enis.iter().filter(|e| e.hosts_pods).find_map(|e| {
        e.all_slots()
            .find(|s| s.pod.is_none())
            .map(|s| (s.ip, e.name()))
    });
    Some(match next {
        Some((ip, eth)) => text!(
            "observed: {free} free · next pod: {ip} ({eth})",
            "관찰: 빈 슬롯 {free}개 · 다음 Pod: {ip}({eth})"
        ),
        None => text!(
            "observed: no free slot · next pod: ipamd adds one first",
            "관찰: 빈 슬롯 없음 · 다음 Pod: ipamd가 먼저 주소를 더한다"
        ),
    })
}

/// Draws one ENI row at `(x, y)`, `w` wide; returns its height.
#[allow(clippy::too_many_arguments)]
fn draw_eni(
    c: &mut Canvas,
    a: &Analysis,
    node: usize,
    parent: &ElementId,
    eni: &Eni,
    x: f64,
    y: f64,
    w: f64,
) -> f64 {
    let m = &a.model;
    let name = eni.name();
    let label = eni_label(a, eni, !m.observed_enis_of(node).is_empty());
    let mut row = shape(eni.eid(), Role::Eni, Rect::new(x, y, w, 0.0), label, None);
    row.data.push(("eni", name.clone()));
    row.data.push(("node", m.nodes[node].name.clone()));
    let rid = c.child(parent, row);
    // The primary address first.
    let mut k = 0;
    let primary = eni.primary_ip.to_string();
    let mut p = shape(
        eni.eid().part("primary"),
        Role::Slot,
        grid(x, y, k),
        Text::same(primary.clone()),
        Some(if eni.index == 0 {
            text!("primary · node IP", "기본 · 노드 IP")
        } else {
            text!("primary", "기본")
        }),
    );
    p.classes.push("primary");
    p.data.push(("ip", primary));
    p.data.push(("eni", name.clone()));
    c.child(&rid, p);
    k += 1;
    if eni.prefixes().len() == 0 {
        let shown = eni.slots().len().min(max_slots());
        for s in eni.slots().take(shown) {
            let sh = slot_shape(a, node, eni, &s, grid(x, y, k));
            c.child(&rid, sh);
            k += 1;
        }
        let rest: Vec<Slot> = eni.slots().skip(shown).collect();
        if !rest.is_empty() {
            let pods = rest.iter().filter(|s| s.pod.is_some()).count();
            let warm = rest.len() - pods;
            let n = rest.len();
            let pods_en = crate::text::count(pods, "pod", "pods");
            let mut sh = shape(
                eni.eid().part("more"),
                Role::Note,
                grid(x, y, k),
                text!("+{n} more", "{n}개 더"),
                Some(text!("{pods_en}, {warm} warm", "Pod {pods}개, 웜 {warm}개")),
            );
            sh.classes.push("aggregate");
            c.child(&rid, sh);
            k += 1;
        }
        let h = grid_h(k);
        if let Some(s) = c.get_mut(rid.as_str()) {
            s.rect.h = h;
        }
        return h;
    }
    // Prefix delegation: one box per /28, its pods, then its free count.
    let mut py = y + grid_h(k);
    for pf in eni.prefixes() {
        let used: Vec<Slot> = pf.slots().filter(|s| s.pod.is_some()).collect();
        let cidr = pf.cidr.to_string();
        let (u, t) = (used.len(), pf.slots().len());
        let mut bx = shape(
            eni.eid().part(&cidr),
            Role::Slot,
            Rect::new(x + PAD, py, w - 2.0 * PAD, 0.0),
            text!(
                "prefix {cidr} · {u} of {t} used",
                "프리픽스 {cidr} · {t}개 중 {u}개 사용"
            ),
            None,
        );
        bx.classes.push("prefix");
        bx.data.push(("prefix", cidr.clone()));
        let bid = c.child(&rid, bx);
        let mut j = 0;
        let cap = cols().saturating_sub(1).max(1) * 2;
        for s in used.iter().take(cap) {
            let sh = slot_shape(a, node, eni, s, grid(x + PAD, py, j));
            c.child(&bid, sh);
            j += 1;
        }
        let free = t - u;
        let more_pods = u.saturating_sub(cap);
        if free > 0 || more_pods > 0 {
            let mut sh = shape(
                eni.eid().part(&format!("{cidr}:free")),
                Role::Slot,
                grid(x + PAD, py, j),
                text!("+{free} warm", "웜 {free}개"),
                Some(if more_pods > 0 {
                    crate::Text {
                        en: format!(
                            "and {}",
                            crate::text::count(more_pods, "more pod", "more pods")
                        ),
                        ko: format!("Pod {more_pods}개 더"),
                    }
                } else {
                    text!("in this prefix", "이 프리픽스 안")
                }),
            );
            sh.classes.push("warm");
            c.child(&bid, sh);
            j += 1;
        }
        let bh = grid_h(j);
        if let Some(s) = c.get_mut(bid.as_str()) {
            s.rect.h = bh;
        }
        py += bh + PAD;
    }
    let h = py - y;
    if let Some(s) = c.get_mut(rid.as_str()) {
        s.rect.h = h;
    }
    h
}

/// A titled box of one-line rows at `(x, y)`; returns its rectangle.
fn list_box(
    c: &mut Canvas,
    id: ElementId,
    role: Role,
    title: Text,
    rows: Vec<(String, Text, Vec<&'static str>)>,
    x: f64,
    y: f64,
) -> Rect {
    let w = rows
        .iter()
        .map(|(_, t, _)| fit_w(t, None))
        .fold(fit_w(&title, None), f64::max);
    let h = HEADER + rows.len() as f64 * (leaf_h(false) + PAD / 2.0) + PAD / 2.0;
    let rect = Rect::new(x, y, w + 2.0 * PAD, h);
    let bid = c.push(shape(id.clone(), role, rect, title, None));
    for (k, (key, t, classes)) in rows.into_iter().enumerate() {
        let mut s = shape(
            id.part(&key),
            Role::Note,
            Rect::new(
                x + PAD,
                y + HEADER + k as f64 * (leaf_h(false) + PAD / 2.0),
                w,
                leaf_h(false),
            ),
            t,
            None,
        );
        s.classes.push("line");
        s.classes.extend(classes);
        c.child(&bid, s);
    }
    rect
}

/// Rows of a [`list_box`]: a key for the row's id, its text, its classes.
type Rows = Vec<(String, Text, Vec<&'static str>)>;

// Not inlined into `layout_traced`: see there.
#[inline(never)]
pub(super) fn layout(a: &Analysis, view: &View) -> Scene {
    let mut c = Canvas::new();
    let Some(ni) = chosen(a, view) else {
        return no_node(c);
    };
    let node = &a.model.nodes[ni];
    let nip = a.ipam.nodes.iter().find(|x| x.node == ni);
    let enis: Vec<Eni> = nip.map_or(Vec::new(), |x| x.enis().collect());
    let enis = enis.as_slice();
    let (node_w, node_h) = draw_node(&mut c, a, ni, enis);
    let pods_here: Vec<usize> = nip.map_or(Vec::new(), |x| x.pods().collect());
    let rt = list_box(
        &mut c,
        node.eid.part("routes"),
        Role::RouteTable,
        text!("Node route table (VPC CNI)", "노드 라우팅 테이블(VPC CNI)"),
        route_rows(a, node, &pods_here, enis),
        0.0,
        node_h + 2.0 * PAD,
    );
    // Right column: max pods, the subnet, pods without an address (on a
    // phone, under the route table).
    let (rx, ry) = if phone() {
        (0.0, rt.bottom() + 2.0 * PAD)
    } else {
        (node_w.max(rt.w) + 3.0 * PAD, 0.0)
    };
    let ry = draw_max_pods(&mut c, a, node, rx, ry);
    let ry = draw_accounting(&mut c, a, node, rx, ry);
    draw_waiting(&mut c, a, node, &pods_here, rx, ry);
    finish(c, node, nip.as_ref())
}

/// The scene when the scenario has no EC2 node to look inside.
fn no_node(mut c: Canvas) -> Scene {
    let t = text!(
        "No EC2 nodes in this scenario",
        "이 시나리오에는 EC2 노드가 없다"
    );
    let mut s = shape(
        ElementId::note("no-nodes"),
        Role::Note,
        Rect::new(0.0, 0.0, fit_w(&t, None), leaf_h(false)),
        t,
        None,
    );
    s.classes.push("aggregate");
    c.push(s);
    c.finish(
        SceneKind::InsideNode,
        text!(
            "No node to look inside (source 004, figure 3).",
            "들여다볼 노드가 없다(소스 004, 그림 3)."
        ),
        legend(Vec::new()),
    )
}

/// Node `ni` at the origin with its ENIs as rows, then a note for the ENIs
/// left out (or for none at all). Returns its width and height.
fn draw_node(c: &mut Canvas, a: &Analysis, ni: usize, enis: &[Eni]) -> (f64, f64) {
    let m = &a.model;
    let node = &m.nodes[ni];
    let ng = &m.node_groups[node.group];
    let inner_w = cols() as f64 * (slot_w() + PAD) + PAD;
    let eni_w = inner_w + 2.0 * PAD;
    let short = node_label(&node.name).en;
    let (gname, it) = (&ng.name, &ng.instance_type);
    let sub = m.subnets.get(node.subnet).map_or("?", |s| s.id.as_str());
    let label = text!(
        "{short} · {gname} · {it} · {sub}",
        "{short} · {gname} · {it} · {sub}"
    );
    let observed = !m.observed_enis_of(ni).is_empty();
    let note = forecast_note(enis);
    let node_w = enis
        .iter()
        .take(max_enis())
        .map(|e| fit_w(&eni_label(a, e, observed), None) + 2.0 * PAD)
        .fold(eni_w, f64::max)
        .max(super::kit::fit_iconic_w(&label, None) - 2.0 * PAD)
        .max(note.as_ref().map_or(0.0, |t| fit_w(t, None)))
        + 2.0 * PAD;
    let mut nb = shape(
        node.eid.clone(),
        Role::Node,
        Rect::new(0.0, 0.0, node_w, 0.0),
        label.clone(),
        None,
    );
    nb.data.push(("node", node.name.clone()));
    nb.data.push(("ip", node.private_ip.to_string()));
    let nid = c.push(nb);
    let mut y = HEADER;
    for e in enis.iter().take(max_enis()) {
        let h = draw_eni(c, a, ni, &nid, e, PAD, y, node_w - 2.0 * PAD);
        y += h + PAD;
    }
    if enis.len() > max_enis() {
        let more = enis.len() - max_enis();
        let w = plural(more, "ENI", "ENIs");
        let t = text!("+{more} more {w}", "ENI {more}개 더");
        let tw = fit_w(&t, None);
        // In a small frame, in the node's label row when it fits there.
        let in_header = super::kit::compact() && fit_w(&label, None) + PAD + tw + PAD <= node_w;
        let r = if in_header {
            Rect::new(node_w - PAD - tw, PAD / 3.0, tw, HEADER - PAD / 3.0)
        } else {
            Rect::new(PAD, y, tw, leaf_h(false))
        };
        let mut s = shape(node.eid.part("more-enis"), Role::Note, r, t, None);
        s.classes.push("aggregate");
        c.child(&nid, s);
        if !in_header {
            y += leaf_h(false) + PAD;
        }
    }
    if let Some(t) = note {
        let mut s = shape(
            node.eid.part("observed"),
            Role::Note,
            Rect::new(PAD, y, fit_w(&t, None), leaf_h(false)),
            t,
            None,
        );
        s.classes.push("line");
        s.data.push(("observed", "true".into()));
        c.child(&nid, s);
        y += leaf_h(false) + PAD;
    }
    if enis.is_empty() {
        let t = text!(
            "no ENI state: the VPC CNI does not run here",
            "ENI 상태 없음: VPC CNI가 돌지 않는다"
        );
        let mut s = shape(
            node.eid.part("no-enis"),
            Role::Note,
            Rect::new(PAD, y, fit_w(&t, None), leaf_h(false)),
            t,
            None,
        );
        s.classes.push("error");
        c.child(&nid, s);
        y += leaf_h(false) + PAD;
    }
    let node_h = y;
    if let Some(s) = c.get_mut(nid.as_str()) {
        s.rect.w = node_w;
        s.rect.h = node_h;
    }
    (node_w, node_h)
}

/// The scene from its canvas: the caption (the node's ENIs and addresses) and
/// the legend.
fn finish(c: Canvas, node: &Node, nip: Option<&NodeIpam>) -> Scene {
    let short = node_label(&node.name).en;
    let nenis = nip.map_or(0, |x| x.enis().len());
    let (assigned, warm) = nip.map_or((0, 0), |x| (x.assigned(), x.warm()));
    let (enis_en, assigned_en) = (
        crate::text::count(nenis, "ENI", "ENIs"),
        crate::text::count(assigned, "pod address", "pod addresses"),
    );
    let mut caption = text!(
        "Inside {short}: {enis_en}, {assigned_en} assigned and {warm} warm, taken from the node's subnet; the node's route table sends each pod address to its veth (source 004, figure 3; 003).",
        "{short} 내부: ENI {nenis}개, 노드 서브넷에서 받은 Pod 주소 {assigned}개 할당, {warm}개 웜. 노드 라우팅 테이블이 Pod 주소마다 veth로 보낸다(소스 004, 그림 3; 003)."
    );
    if nip.is_some_and(|x| x.enis().any(|e| e.observed.is_some())) {
        caption.en.push_str(" ENIs marked observed are as describe-network-interfaces shows them, each pod at the address kubectl shows; the simulation adds only what more pods would need.");
        caption.ko.push_str(" 관찰로 표시한 ENI는 describe-network-interfaces가 보여 준 그대로이고 Pod는 kubectl이 보여 준 주소에 있다. 시뮬레이션은 Pod가 더 필요로 할 것만 더한다.");
    }
    c.finish(
        SceneKind::InsideNode,
        caption,
        legend(vec![
            (
                LegendKind::Swatch {
                    role: Role::Slot,
                    class: Some("primary"),
                },
                text!("ENI primary address", "ENI 기본 주소"),
            ),
            (
                LegendKind::Swatch {
                    role: Role::Slot,
                    class: Some("assigned"),
                },
                text!("held by a pod", "Pod가 사용"),
            ),
            (
                LegendKind::Swatch {
                    role: Role::Slot,
                    class: Some("warm"),
                },
                text!("warm (held by the CNI, no pod)", "웜(CNI가 보유, Pod 없음)"),
            ),
        ]),
    )
}

#[cfg(test)]
mod tests;
