//! "Components" as a small frame's overview (second lines folded): the same
//! components and conversations as [`super::components`], arranged to fit the
//! app's frame. The control plane has kube-apiserver and etcd on top and the
//! three controllers under them (their watch lines rise into the API server);
//! users stand above it; one node stands under it, its lines rising between
//! the controllers, with a "+N more" note under the node; the AWS APIs stand
//! right of the control plane, where the cloud-controller-manager and
//! aws-node reach them.
//!
//! ```text
//!                        [Users]
//!              [ kube-apiserver ········ ] ◀─▶ [etcd]    [AWS APIs:
//!              [scheduler] [kcm] [ccm] ─────────────────▶ ELB
//!  [node: kubelet kube-proxy aws-node ] ───────────────▶ EC2]
//!  [      runtime                     ]
//!  [+N more nodes, each the same]
//! ```

use super::kit::{fit_w, leaf_h, legend, plural, shape, Canvas, Line, HEADER, PAD};
use super::vpc::node_label;
use super::{LegendKind, Rect, Role, Scene, SceneKind, Shape, View};
use crate::ids::fixed;
use crate::{text, Analysis, ElementId, Text};

/// Gap between boxes that carry a labelled line.
const GAP: f64 = 40.0;

fn leaf(id: ElementId, role: Role, label: Text) -> Shape {
    let w = fit_w(&label, None).max(110.0);
    shape(id, role, Rect::new(0.0, 0.0, w, leaf_h(false)), label, None)
}

/// Lays the scene out; `drawn` are the nodes to draw (at most one is).
pub(super) fn layout(a: &Analysis, view: &View, drawn: &[usize]) -> Scene {
    let _ = view;
    let m = &a.model;
    let mut c = Canvas::new();
    let id = ElementId::fixed;
    let cp_r = control_plane(&mut c, 0.0, 0.0);
    // A small frame has no room above the control plane: the users stand
    // right of it, over the AWS APIs (see `users`).
    let compact = super::kit::compact();
    users(&mut c, a, compact.then_some(cp_r));
    let dp_y = cp_r.bottom() + 1.5 * GAP;
    let (dp_r, node) = data_plane(&mut c, a, drawn, cp_r.x, dp_y);
    // Right of the control plane, the ELB API level with the
    // cloud-controller-manager.
    let ctrl_y = cp_r.y + HEADER + leaf_h(false) + GAP;
    let users_bottom = c.get("note:users").map_or(0.0, |s| s.rect.bottom());
    let aws_y = if compact {
        (ctrl_y - HEADER).max(users_bottom + PAD)
    } else {
        ctrl_y - HEADER
    };
    aws_apis(&mut c, cp_r.right() + GAP, aws_y);

    c.connect_both(
        &id(fixed::API_SERVER),
        &id(fixed::ETCD),
        Line::Data,
        Some(text!("state", "상태")),
    );
    for (k, l) in [
        (fixed::SCHEDULER, Some(text!("watch", "watch"))),
        (fixed::CONTROLLER_MANAGER, None),
        (fixed::CLOUD_CONTROLLER_MANAGER, None),
    ] {
        c.connect(&id(k), &id(fixed::API_SERVER), Line::Logical, l);
    }
    if compact {
        users_line(&mut c, cp_r);
    } else {
        c.connect(
            &ElementId::note("users"),
            &id(fixed::API_SERVER),
            Line::Data,
            Some(text!("kubectl", "kubectl")),
        );
    }
    c.connect(
        &id(fixed::CLOUD_CONTROLLER_MANAGER),
        &ElementId::aws_api("elb"),
        Line::Data,
        None,
    );
    if let Some(n) = node {
        node_lines(&mut c, &n, cp_r, compact.then_some(dp_r));
    }
    finish(c, m.nodes.len())
}

/// In a small frame, the users' line: from the users' left side through the
/// control plane's header band (over etcd, clear of the label) and down into
/// the API server's right end.
fn users_line(c: &mut Canvas, cp: Rect) {
    let (Some(u), Some(api)) = (
        c.get("note:users").map(|s| s.rect),
        c.get(fixed::API_SERVER).map(|s| s.rect),
    ) else {
        return;
    };
    let y = cp.y + HEADER / 2.0 + 2.0;
    let x = api.right() - 2.0 * PAD;
    let label = text!("kubectl", "kubectl");
    let lw = super::kit::small_w(&label);
    c.connect_along(
        &ElementId::note("users"),
        &ElementId::fixed(fixed::API_SERVER),
        vec![(u.x, y), (x, y), (x, api.y)],
        Line::Data,
        Some(label),
    );
    if let Some(e) = c.edges.last_mut() {
        // Inside the header band, left of where the line turns down.
        e.label_at = Some((x - 6.0 - lw / 2.0, y - 4.0));
    }
}

/// The control plane at `(x, y)`: kube-apiserver and etcd, the controllers
/// under them. Returns its box.
fn control_plane(c: &mut Canvas, x: f64, y: f64) -> Rect {
    let id = ElementId::fixed;
    let ctrls = [
        leaf(
            id(fixed::SCHEDULER),
            Role::Component,
            text!("kube-scheduler", "kube-scheduler"),
        ),
        leaf(
            id(fixed::CONTROLLER_MANAGER),
            Role::Component,
            text!("kube-controller-manager", "kube-controller-manager"),
        ),
        leaf(
            id(fixed::CLOUD_CONTROLLER_MANAGER),
            Role::Component,
            text!("cloud-controller-manager", "cloud-controller-manager"),
        ),
    ];
    let row_w: f64 = ctrls.iter().map(|s| s.rect.w).sum::<f64>() + 2.0 * PAD;
    let etcd = leaf(id(fixed::ETCD), Role::Component, text!("etcd", "etcd"));
    let api_w = row_w - etcd.rect.w - GAP;
    let label = text!("EKS control plane", "EKS 컨트롤 플레인");
    let w = (row_w + 2.0 * PAD).max(fit_w(&label, None));
    let h = HEADER + 2.0 * leaf_h(false) + GAP + PAD;
    let cp = c.push(shape(
        id(fixed::CONTROL_PLANE),
        Role::ControlPlane,
        Rect::new(x, y, w, h),
        label,
        None,
    ));
    let (ix, r1, r2) = (x + PAD, y + HEADER, y + HEADER + leaf_h(false) + GAP);
    let mut api = leaf(
        id(fixed::API_SERVER),
        Role::Component,
        text!("kube-apiserver", "kube-apiserver"),
    );
    api.rect = Rect::new(ix, r1, api_w, leaf_h(false));
    c.child(&cp, api);
    let mut etcd = etcd;
    etcd.rect.x = ix + api_w + GAP;
    etcd.rect.y = r1;
    c.child(&cp, etcd);
    let mut cx = ix;
    for mut s in ctrls {
        s.rect.x = cx;
        s.rect.y = r2;
        cx += s.rect.w + PAD;
        c.child(&cp, s);
    }
    Rect::new(x, y, w, h)
}

/// kubectl's users, above the API server's right end (clear of the control
/// plane's label): their line drops straight into it.
pub(super) fn users(c: &mut Canvas, a: &Analysis, right_of: Option<Rect>) {
    let api = c.get(fixed::API_SERVER).map(|s| s.rect).unwrap_or_default();
    let names: Vec<(ElementId, Text)> = if a.model.clients.is_empty() {
        vec![(ElementId::note("kubectl"), text!("kubectl", "kubectl"))]
    } else {
        a.model
            .clients
            .iter()
            .take(2)
            .map(|cl| {
                let n = &cl.name;
                (cl.eid.clone(), text!("kubectl on {n}", "{n}의 kubectl"))
            })
            .collect()
    };
    let uw = names
        .iter()
        .map(|(_, l)| fit_w(l, None))
        .fold(110.0, f64::max);
    let label = text!("Users", "사용자");
    let w = (uw + 2.0 * PAD).max(fit_w(&label, None));
    let h = HEADER + names.len() as f64 * (leaf_h(false) + PAD);
    let (x, y) = match right_of {
        Some(cp) => (cp.right() + GAP, cp.y),
        None => (api.right() - w, api.y - HEADER - 0.75 * GAP - h),
    };
    let ub = c.push(shape(
        ElementId::note("users"),
        Role::Note,
        Rect::new(x, y, w, h),
        label,
        None,
    ));
    for (k, (cid, l)) in names.into_iter().enumerate() {
        let mut s = shape(
            cid,
            Role::Client,
            Rect::new(
                x + PAD,
                y + HEADER + k as f64 * (leaf_h(false) + PAD),
                uw,
                leaf_h(false),
            ),
            l,
            None,
        );
        s.classes.push("kubectl");
        c.child(&ub, s);
    }
}

/// The data plane at `(x, y)`: one node with its components and a note of the
/// others. Returns its box and the node drawn.
fn data_plane(
    c: &mut Canvas,
    a: &Analysis,
    drawn: &[usize],
    x: f64,
    y: f64,
) -> (Rect, Option<ElementId>) {
    let m = &a.model;
    let vpc_id = &m.vpc.id;
    let label = text!("Data plane · VPC {vpc_id}", "데이터 플레인 · VPC {vpc_id}");
    let dp = c.push(shape(
        ElementId::fixed(fixed::VPC),
        Role::Vpc,
        Rect::new(x, y, 0.0, 0.0),
        label.clone(),
        None,
    ));
    let (nx, ny) = (x + PAD, y + HEADER);
    let mut w = fit_w(&label, None);
    let mut h = HEADER;
    let node = drawn.first().map(|&n| {
        let node = &m.nodes[n];
        // kubelet, kube-proxy and aws-node in a row, the runtime under the
        // kubelet; the columns as wide as the row's widest.
        let grid = NodeGrid {
            at: [
                ("kubelet", 0, 0),
                ("kube-proxy", 1, 0),
                ("aws-node", 2, 0),
                ("runtime", 0, 1),
            ],
            cols: 3,
            width_rows: 1,
            col_gap: PAD,
            own_widths: false,
        };
        let nb = node_box(c, &dp, node, nx, ny, &grid);
        let (nw, nh) = (nb.w, nb.h);
        w = w.max(nw + 2.0 * PAD);
        h += nh + PAD;
        node.eid.clone()
    });
    let more = m.nodes.len().saturating_sub(node.is_some() as usize);
    let note = if node.is_none() {
        Some(text!("no EC2 nodes", "EC2 노드 없음"))
    } else if more > 0 {
        let wd = plural(more, "node", "nodes");
        Some(text!(
            "+{more} more {wd}, each the same",
            "노드 {more}대 더, 구성은 같다"
        ))
    } else {
        None
    };
    // The note under the node (or in its place when there is none), left
    // aligned with it: the header band above the node is where the control
    // plane's lines come down to the node's parts, so a note there would sit
    // on them.
    if let Some(t) = note {
        let nw = fit_w(&t, None);
        let mut s = shape(
            ElementId::note("more-nodes"),
            Role::Note,
            Rect::new(nx, y + h, nw, leaf_h(false)),
            t,
            None,
        );
        s.classes.push("aggregate");
        c.child(&dp, s);
        w = w.max(nw + 2.0 * PAD);
        if node.is_some() {
            // As wide as the label and the note side by side: the node's
            // lines out to the right (aws-node's to the AWS APIs) keep their
            // room beside the controllers' labels above them.
            w = w.max(fit_w(&label, None) + PAD + nw + PAD);
        }
        h += leaf_h(false) + PAD;
    }
    let r = Rect::new(x, y, w, h.max(HEADER + PAD));
    if let Some(s) = c.get_mut(dp.as_str()) {
        s.rect = r;
    }
    (r, node)
}

/// Where a node's parts stand in its box: each part (`kubelet`, `kube-proxy`,
/// `aws-node`, `runtime`) with its column and row, in paint order; how many
/// columns there are, and how many rows (from the top) set the columns' width.
pub(super) struct NodeGrid {
    /// (part, column, row) of each of the four parts, in paint order.
    pub at: [(&'static str, usize, usize); 4],
    /// Columns of the grid.
    pub cols: usize,
    /// The parts of the rows above this one set the columns' width.
    pub width_rows: usize,
    /// Room between two columns.
    pub col_gap: f64,
    /// Each column as wide as its own widest part (rather than all as wide
    /// as the widest).
    pub own_widths: bool,
}

/// A node part's label.
fn part_label(part: &str) -> Text {
    match part {
        "runtime" => text!("container runtime", "컨테이너 런타임"),
        p => Text {
            en: p.into(),
            ko: p.into(),
        },
    }
}

/// Draws `node`'s box at `(x, y)` inside `parent`, with its kubelet,
/// kube-proxy, aws-node and container runtime placed by `grid` (rows
/// [`GAP`] apart, room for the "CRI" line between the kubelet and the
/// runtime), and that line. Returns the node's box.
pub(super) fn node_box(
    c: &mut Canvas,
    parent: &ElementId,
    node: &crate::model::Node,
    x: f64,
    y: f64,
    grid: &NodeGrid,
) -> Rect {
    let cw = grid
        .at
        .iter()
        .filter(|(_, _, row)| *row < grid.width_rows)
        .map(|(p, _, _)| fit_w(&part_label(p), None))
        .fold(110.0, f64::max);
    let cols = grid.cols as f64;
    let short = node_label(&node.name);
    // Each column's left and width.
    let col_w = |k: usize| {
        if !grid.own_widths {
            return cw;
        }
        grid.at
            .iter()
            .filter(|(_, col, _)| *col == k)
            .map(|(p, _, _)| fit_w(&part_label(p), None))
            .fold(110.0, f64::max)
    };
    let col_x = |k: usize| {
        if !grid.own_widths {
            return x + PAD + k as f64 * (cw + grid.col_gap);
        }
        x + PAD + (0..k).map(|j| col_w(j) + grid.col_gap).sum::<f64>()
    };
    let nw = if grid.own_widths {
        let inner: f64 = (0..grid.cols).map(col_w).sum();
        (inner + 2.0 * PAD + (cols - 1.0) * grid.col_gap).max(fit_w(&short, None))
    } else {
        (cols * cw + (2.0 * PAD + (cols - 1.0) * grid.col_gap)).max(fit_w(&short, None))
    };
    let nh = HEADER + 2.0 * leaf_h(false) + GAP + PAD;
    let mut nb = shape(
        node.eid.clone(),
        Role::Node,
        Rect::new(x, y, nw, nh),
        short,
        None,
    );
    nb.data.push(("node", node.name.clone()));
    let nid = c.child(parent, nb);
    for (part, col, row) in grid.at {
        let l = part_label(part);
        let r = Rect::new(
            col_x(col),
            y + HEADER + row as f64 * (leaf_h(false) + GAP),
            col_w(col).max(fit_w(&l, None)),
            leaf_h(false),
        );
        c.child(
            &nid,
            shape(node.eid.part(part), Role::Component, r, l, None),
        );
    }
    c.connect(
        &node.eid.part("kubelet"),
        &node.eid.part("runtime"),
        Line::Data,
        Some(text!("CRI", "CRI")),
    );
    Rect::new(x, y, nw, nh)
}

/// The AWS APIs at `(x, y)`.
fn aws_apis(c: &mut Canvas, x: f64, y: f64) {
    let apis = [
        leaf(
            ElementId::aws_api("elb"),
            Role::Gateway,
            // The short name in a small frame (the right column is narrow).
            if super::kit::compact() {
                text!("ELB API", "ELB API")
            } else {
                text!("Elastic Load Balancing API", "Elastic Load Balancing API")
            },
        ),
        leaf(
            ElementId::aws_api("ec2"),
            Role::Gateway,
            text!("Amazon EC2 API", "Amazon EC2 API"),
        ),
    ];
    let aw = apis.iter().map(|s| s.rect.w).fold(0.0, f64::max);
    let label = text!("AWS APIs", "AWS API");
    let w = (aw + 2.0 * PAD).max(fit_w(&label, None));
    let b = c.push(shape(
        ElementId::note("aws-apis"),
        Role::Note,
        Rect::new(x, y, w, HEADER + 2.0 * (leaf_h(false) + PAD)),
        label,
        None,
    ));
    for (k, mut s) in apis.into_iter().enumerate() {
        s.rect = Rect::new(
            x + PAD,
            y + HEADER + k as f64 * (leaf_h(false) + PAD),
            aw,
            leaf_h(false),
        );
        c.child(&b, s);
    }
}

/// The node's lines: kubelet and kube-proxy up to the API server on lanes of
/// their own between the planes, aws-node right to the EC2 API.
fn node_lines(c: &mut Canvas, n: &ElementId, cp: Rect, dp: Option<Rect>) {
    let id = ElementId::fixed;
    let Some(api) = c.get(fixed::API_SERVER).map(|s| s.rect) else {
        return;
    };
    // Through the gaps right of the scheduler and of the controller manager.
    let gaps: Vec<f64> = [fixed::SCHEDULER, fixed::CONTROLLER_MANAGER]
        .iter()
        .filter_map(|k| c.get(k).map(|s| s.rect.right() + PAD / 2.0))
        .collect();
    let from = |c: &Canvas, p: &str| c.get(n.part(p).as_str()).map(|s| s.rect);
    for (k, (p, line, label)) in [
        (
            "kubelet",
            Line::Data,
            text!(
                "register, heartbeats · exec, logs",
                "등록, 하트비트 · exec, logs"
            ),
        ),
        (
            "kube-proxy",
            Line::Logical,
            text!("watch Services", "Service 감시"),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let (Some(r), Some(&ex)) = (from(c, p), gaps.get(k)) else {
            continue;
        };
        let lane = cp.bottom() + GAP * (2.0 - k as f64) * 2.0 / 3.0;
        let cx = r.x + r.w / 2.0;
        let pts = vec![(cx, r.y), (cx, lane), (ex, lane), (ex, api.bottom())];
        let lw = super::kit::small_w(&label);
        c.connect_along(&n.part(p), &id(fixed::API_SERVER), pts, line, Some(label));
        if let Some(e) = c.edges.last_mut() {
            // On the lane, right of where the line turns up.
            e.label_at = Some((ex + 6.0 + lw / 2.0, lane - 5.0));
            e.two_way = k == 0;
        }
    }
    let label = text!("ENIs, IPs", "ENI, IP");
    let (Some(dp), Some(aws), Some(ec2)) = (
        dp,
        from(c, "aws-node"),
        c.get(ElementId::aws_api("ec2").as_str()).map(|s| s.rect),
    ) else {
        c.connect(
            &n.part("aws-node"),
            &ElementId::aws_api("ec2"),
            Line::Data,
            Some(label),
        );
        return;
    };
    // In a small frame: out of the data plane's right side, up just right of
    // it, and across into the EC2 API (the corner under the AWS APIs stays
    // free for the legend).
    let (ay, ey, lane) = (aws.y + aws.h / 2.0, ec2.y + ec2.h / 2.0, dp.right() + PAD);
    let lw = super::kit::small_w(&label);
    c.connect_along(
        &n.part("aws-node"),
        &ElementId::aws_api("ec2"),
        vec![(aws.right(), ay), (lane, ay), (lane, ey), (ec2.x, ey)],
        Line::Data,
        Some(label),
    );
    if let Some(e) = c.edges.last_mut() {
        e.label_at = Some((lane + 6.0 + lw / 2.0, ey - 5.0));
    }
}

/// The scene's caption and legend, the same in the full and the folded layout.
pub(super) fn finish(c: Canvas, nn: usize) -> Scene {
    let nodes = crate::text::count(nn, "node", "nodes");
    c.finish(
        SceneKind::Components,
        text!(
            "Control-plane components (kube-apiserver, etcd, kube-scheduler, the controller managers) and each node's kubelet, kube-proxy, container runtime and aws-node, and who talks to whom; {nodes} (source 003).",
            "컨트롤 플레인 구성 요소(kube-apiserver, etcd, kube-scheduler, 컨트롤러 매니저)와 노드마다의 kubelet, kube-proxy, 컨테이너 런타임, aws-node, 그리고 누가 누구와 통신하는지. 노드 {nn}대(소스 003)."
        ),
        legend(vec![
            (
                LegendKind::Swatch { role: Role::ControlPlane, class: None },
                text!("AWS-managed", "AWS 관리형"),
            ),
            (
                LegendKind::Swatch { role: Role::Node, class: None },
                text!("node (EC2, your account)", "노드(EC2, 사용자 계정)"),
            ),
        ]),
    )
}
