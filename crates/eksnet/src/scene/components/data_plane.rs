//! The data plane of the components scene: a node per node group (at most
//! two) with its kubelet, kube-proxy, container runtime and aws-node, the notes
//! on the nodes not drawn, and the lines from the nodes up to the control plane
//! and out to the AWS APIs.

use super::*;

/// The components of node `n`: kubelet, kube-proxy, container runtime, aws-node.
pub(super) fn node_components(n: &ElementId) -> [Shape; 4] {
    [
        leaf(
            n.part("kubelet"),
            Role::Component,
            text!("kubelet", "kubelet"),
            Some(text!("node agent", "노드 에이전트")),
        ),
        leaf(
            n.part("kube-proxy"),
            Role::Component,
            text!("kube-proxy", "kube-proxy"),
            Some(text!("Service rules (iptables)", "Service 규칙(iptables)")),
        ),
        leaf(
            n.part("runtime"),
            Role::Component,
            text!("container runtime", "컨테이너 런타임"),
            Some(text!("containerd (CRI)", "containerd(CRI)")),
        ),
        leaf(
            n.part("aws-node"),
            Role::Component,
            text!("aws-node", "aws-node"),
            Some(text!("VPC CNI: pod IPs", "VPC CNI: Pod IP")),
        ),
    ]
}

/// Height of a node box: its title, two rows of components with a lane between.
pub(super) fn node_box_h() -> f64 {
    HEADER + 2.0 * leaf_h(true) + GAP + PAD
}

/// The drawn nodes side by side from `(nx, ny)` in the data plane `dp`, each
/// with its components. Returns the nodes' ids and the next free `x`.
pub(super) fn draw_nodes(
    c: &mut Canvas,
    a: &Analysis,
    dp: &ElementId,
    drawn: &[usize],
    (mut nx, ny): (f64, f64),
) -> (Vec<ElementId>, f64) {
    let m = &a.model;
    let comp_w = drawn
        .first()
        .map(|&n| {
            node_components(&m.nodes[n].eid)
                .iter()
                .map(|s| s.rect.w)
                .fold(0.0, f64::max)
        })
        .unwrap_or(150.0);
    let node_h = node_box_h();
    let mut node_boxes = Vec::new();
    for &n in drawn {
        let node = &m.nodes[n];
        let ng = &m.node_groups[node.group];
        let short = node_label(&node.name).en;
        let group = &ng.name;
        let label = text!("{short} · {group}", "{short} · {group}");
        let w = (3.0 * comp_w + 4.0 * PAD).max(fit_w(&label, None));
        let mut nb = shape(
            node.eid.clone(),
            Role::Node,
            Rect::new(nx, ny, w, node_h),
            label,
            None,
        );
        nb.data.push(("node", node.name.clone()));
        let nid = c.child(dp, nb);
        // kubelet, kube-proxy, aws-node on top (they talk upwards), the
        // runtime under the kubelet.
        for (k, mut s) in node_components(&node.eid).into_iter().enumerate() {
            s.rect.w = comp_w;
            let (col, row) = [(0, 0), (1, 0), (0, 1), (2, 0)][k];
            let x = nx + PAD + col as f64 * (comp_w + PAD);
            let y = ny + HEADER + row as f64 * (leaf_h(true) + GAP);
            c.child(&nid, at(s, x, y));
        }
        node_boxes.push(node.eid.clone());
        nx += w + PAD;
    }
    (node_boxes, nx)
}

/// Notes after the drawn nodes: how many more there are, no EC2 nodes at all,
/// Fargate.
pub(super) fn data_plane_notes(a: &Analysis, drawn: &[usize]) -> Vec<(&'static str, Text)> {
    let m = &a.model;
    let more = m.nodes.len().saturating_sub(drawn.len());
    let fargate = m
        .node_groups
        .iter()
        .any(|g| g.kind == NodeGroupKind::Fargate);
    let mut notes = Vec::new();
    if more > 0 {
        let w = plural(more, "node", "nodes");
        notes.push((
            "more-nodes",
            text!(
                "+{more} more {w}, each the same",
                "노드 {more}대 더, 구성은 같다"
            ),
        ));
    }
    if drawn.is_empty() {
        notes.push(("no-nodes", text!("no EC2 nodes", "EC2 노드 없음")));
    }
    if fargate {
        notes.push((
            "fargate",
            text!(
                "Fargate: AWS runs these per pod",
                "Fargate: AWS가 Pod마다 실행"
            ),
        ));
    }
    notes
}

/// The data plane under the control plane `cp`: the drawn nodes with their
/// components, then the notes. Returns the nodes' ids.
pub(super) fn draw_data_plane(
    c: &mut Canvas,
    a: &Analysis,
    drawn: &[usize],
    cp: Rect,
) -> Vec<ElementId> {
    let cp_x = cp.x;
    let dp_y = cp.bottom() + GAP * 2.0;
    let vpc_id = &a.model.vpc.id;
    let dp_label = text!(
        "Data plane · customer VPC {vpc_id}",
        "데이터 플레인 · 고객 VPC {vpc_id}"
    );
    let dp = c.push(shape(
        ElementId::fixed(fixed::VPC),
        Role::Vpc,
        Rect::new(cp_x, dp_y, 0.0, 0.0),
        dp_label.clone(),
        None,
    ));
    let ny = dp_y + HEADER;
    let (node_boxes, mut nx) = draw_nodes(c, a, &dp, drawn, (cp_x + PAD, ny));
    let notes = data_plane_notes(a, drawn);
    let sizes: Vec<(f64, f64)> = notes
        .iter()
        .map(|(_, t)| (fit_w(t, None), leaf_h(false)))
        .collect();
    let (rects, _) = shelf(&sizes, nx, ny, 10_000.0);
    for ((k, t), r) in notes.into_iter().zip(rects) {
        let mut s = shape(ElementId::note(k), Role::Note, r, t, None);
        s.classes.push("aggregate");
        c.child(&dp, s);
        nx = r.right() + PAD;
    }
    let dp_w = (nx - cp_x).max(fit_w(&dp_label, None));
    if let Some(s) = c.get_mut(dp.as_str()) {
        s.rect.w = dp_w;
        s.rect.h = HEADER + node_box_h() + PAD;
    }
    node_boxes
}

/// Lines up from the nodes, each on a lane of its own between the planes (under
/// the control plane `cp`), into points spread along the target's bottom edge;
/// and each node's kubelet to its runtime.
pub(super) fn connect_nodes(c: &mut Canvas, node_boxes: &[ElementId], cp: Rect) {
    let id = ElementId::fixed;
    let api_r = c.get(fixed::API_SERVER).map(|s| s.rect).unwrap_or_default();
    let ec2_r = c.get("aws:ec2").map(|s| s.rect).unwrap_or_default();
    let lanes = (node_boxes.len() * 3) as f64;
    let lane = |k: usize| cp.bottom() + GAP * 2.0 * (k as f64 + 1.0) / (lanes + 1.0);
    let entry = |r: Rect, k: usize, n: usize| r.x + r.w * (k as f64 + 1.0) / (n as f64 + 1.0);
    let n_up = node_boxes.len() * 2;
    for (k, n) in node_boxes.iter().enumerate() {
        let first = k == 0;
        let from = |c: &Canvas, p: &str| c.get(n.part(p).as_str()).map(|s| s.rect);
        let (Some(kl), Some(kp), Some(an)) = (
            from(c, "kubelet"),
            from(c, "kube-proxy"),
            from(c, "aws-node"),
        ) else {
            continue;
        };
        let up = |r: Rect, lane_y: f64, x: f64, to: Rect| {
            let cx = r.x + r.w / 2.0;
            vec![(cx, r.y), (cx, lane_y), (x, lane_y), (x, to.bottom())]
        };
        c.connect_along(
            &n.part("kubelet"),
            &id(fixed::API_SERVER),
            up(kl, lane(3 * k), entry(api_r, 2 * k, n_up), api_r),
            Line::Data,
            first.then(|| {
                text!(
                    "register, heartbeats · exec, logs",
                    "등록, 하트비트 · exec, logs"
                )
            }),
        );
        if let Some(e) = c.edges.last_mut() {
            e.two_way = true;
        }
        c.connect_along(
            &n.part("kube-proxy"),
            &id(fixed::API_SERVER),
            up(kp, lane(3 * k + 1), entry(api_r, 2 * k + 1, n_up), api_r),
            Line::Logical,
            first.then(|| text!("watch Services", "Service 감시")),
        );
        c.connect_along(
            &n.part("aws-node"),
            &ElementId::aws_api("ec2"),
            up(
                an,
                lane(3 * k + 2),
                entry(ec2_r, k, node_boxes.len()),
                ec2_r,
            ),
            Line::Data,
            first.then(|| text!("attach ENIs, assign IPs", "ENI 연결, IP 할당")),
        );
        c.connect(
            &n.part("kubelet"),
            &n.part("runtime"),
            Line::Data,
            first.then(|| text!("CRI", "CRI")),
        );
    }
}
