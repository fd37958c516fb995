//! "Components" on a phone: the components and conversations of
//! [`super::components`] in one column, panned vertically. The users stand
//! over the control plane; inside it etcd is right of kube-apiserver and the
//! three controllers stand one above the other under it, their watch lines
//! rising on lanes left of them; one node stands under the control plane, its
//! kube-proxy over its kubelet in the left column: their lines rise on the
//! outermost lanes, left of the data plane, and enter them from the side, so
//! no line crosses the node's or the VPC's name. The AWS APIs stand under the
//! node's aws-node (straight down); the cloud-controller-manager reaches the
//! ELB API down a lane right of everything.
//!
//! ```text
//!                 [Users]
//!  [ kube-apiserver          ] ◀─▶ [etcd]
//!  ┆┆┆┆┆ [kube-scheduler          ]
//!  ┆┆┆┆┆ [kube-controller-manager ]
//!  ┆┆┆┆┆ [cloud-controller-manager] ──┐
//!  ┆┆ [node: kube-proxy  runtime  ]   │
//!  ┆└─▶     kubelet ─┘ aws-node  ]   │
//!             [AWS APIs: EC2, ELB] ◀─┘
//! ```

use super::components_folded::{finish, node_box, users, NodeGrid};
use super::kit::{fit_w, leaf_h, plural, shape, small_w, Canvas, Line, HEADER, PAD};
use super::{Rect, Role, Scene, Shape, View};
use crate::ids::fixed;
use crate::{text, Analysis, ElementId, Text};

/// Gap between the API server and etcd (room for the "state" label).
const GAP: f64 = 40.0;
/// Room left of the controllers for the lanes of the lines rising into the
/// API server: two from the node, three from the controllers.
const LANES: f64 = 40.0;
/// Distance between two lanes.
const LANE: f64 = 7.0;
/// Room between the node's two columns (the "CRI" line runs there).
const COL_GAP: f64 = 32.0;

fn leaf(id: ElementId, role: Role, label: Text, min_w: f64) -> Shape {
    let w = fit_w(&label, None).max(min_w);
    shape(id, role, Rect::new(0.0, 0.0, w, leaf_h(false)), label, None)
}

/// Lays the scene out; `drawn` are the nodes to draw (at most one is).
pub(super) fn layout(a: &Analysis, view: &View, drawn: &[usize]) -> Scene {
    let _ = view;
    let mut c = Canvas::new();
    let cp = control_plane(&mut c);
    users(&mut c, a, None);
    c.connect(
        &ElementId::note("users"),
        &ElementId::fixed(fixed::API_SERVER),
        Line::Data,
        Some(text!("kubectl", "kubectl")),
    );
    // The node's lanes run down left of the data plane: it stands right of
    // them.
    let dp_x = api_lanes(&c)[1] + LANE;
    let dp_y = cp.bottom() + 50.0;
    let (dp, node) = data_plane(&mut c, a, drawn, dp_x, dp_y);
    // Under aws-node, the AWS APIs' label left of its line.
    let aws_label = text!("AWS APIs", "AWS API");
    let under = node
        .as_ref()
        .and_then(|n| c.get(n.part("aws-node").as_str()))
        .map(|s| s.rect.x + s.rect.w / 2.0 - fit_w(&aws_label, None) - 12.0)
        .unwrap_or(PAD)
        .max(PAD);
    let aws = aws_apis(&mut c, aws_label, under, dp.bottom() + 2.0 * PAD);
    if let Some(n) = &node {
        node_lines(&mut c, n, cp);
    }
    let ccm_lane = cp.right().max(dp.right()).max(aws.right() + PAD) + PAD / 2.0;
    ccm_line(&mut c, ccm_lane, aws);
    finish(c, a.model.nodes.len())
}

/// The control plane at the origin. Returns its box.
fn control_plane(c: &mut Canvas) -> Rect {
    let id = ElementId::fixed;
    let ctrls = [
        leaf(
            id(fixed::SCHEDULER),
            Role::Component,
            text!("kube-scheduler", "kube-scheduler"),
            110.0,
        ),
        leaf(
            id(fixed::CONTROLLER_MANAGER),
            Role::Component,
            text!("kube-controller-manager", "kube-controller-manager"),
            110.0,
        ),
        leaf(
            id(fixed::CLOUD_CONTROLLER_MANAGER),
            Role::Component,
            text!("cloud-controller-manager", "cloud-controller-manager"),
            110.0,
        ),
    ];
    let cw = ctrls.iter().map(|s| s.rect.w).fold(0.0, f64::max);
    let mut etcd = leaf(
        id(fixed::ETCD),
        Role::Component,
        text!("etcd", "etcd"),
        56.0,
    );
    let api_w = LANES + cw;
    let label = text!("EKS control plane", "EKS 컨트롤 플레인");
    let w = (api_w + GAP + etcd.rect.w + 2.0 * PAD).max(fit_w(&label, None));
    let ix = PAD;
    let r1 = HEADER;
    let r2 = r1 + leaf_h(false) + 2.0 * PAD;
    let h = r2 + 3.0 * (leaf_h(false) + PAD);
    let cp = c.push(shape(
        id(fixed::CONTROL_PLANE),
        Role::ControlPlane,
        Rect::new(0.0, 0.0, w, h),
        label,
        None,
    ));
    let mut api = leaf(
        id(fixed::API_SERVER),
        Role::Component,
        text!("kube-apiserver", "kube-apiserver"),
        0.0,
    );
    api.rect = Rect::new(ix, r1, api_w, leaf_h(false));
    let api_r = api.rect;
    c.child(&cp, api);
    etcd.rect.x = api_r.right() + GAP;
    etcd.rect.y = r1;
    c.child(&cp, etcd);
    c.connect_both(
        &id(fixed::API_SERVER),
        &id(fixed::ETCD),
        Line::Data,
        Some(text!("state", "상태")),
    );
    // The controllers one above the other; each one's watch line out of its
    // left side and up a lane of its own (the top one's nearest) into the API
    // server.
    let cx = ix + LANES;
    for (k, mut s) in ctrls.into_iter().enumerate() {
        s.rect = Rect::new(cx, r2 + k as f64 * (leaf_h(false) + PAD), cw, leaf_h(false));
        let (sid, sy) = (s.id.clone(), s.rect.y + s.rect.h / 2.0);
        c.child(&cp, s);
        let lane = cx - LANE - k as f64 * LANE;
        let label = (k == 0).then(|| text!("watch", "watch"));
        let lw = label.as_ref().map_or(0.0, small_w);
        c.connect_along(
            &sid,
            &id(fixed::API_SERVER),
            vec![(cx, sy), (lane, sy), (lane, api_r.bottom())],
            Line::Logical,
            label,
        );
        if k == 0 {
            if let Some(e) = c.edges.last_mut() {
                // Between the API server and the scheduler, right of the lane.
                e.label_at = Some((lane + 6.0 + lw / 2.0, api_r.bottom() + 16.0));
            }
        }
    }
    Rect::new(0.0, 0.0, w, h)
}

/// The lanes of the kubelet's and kube-proxy's lines (the kubelet's the
/// outer one): left of the controllers' lanes, in the control plane's gutter.
fn api_lanes(c: &Canvas) -> [f64; 2] {
    let x = c.get(fixed::API_SERVER).map_or(PAD, |s| s.rect.x);
    [x + 3.0, x + 3.0 + LANE]
}

/// The data plane at `(x, y)` (left of the cloud-controller-manager's lane): one node with its
/// components in two columns, and a note of the others under it. Returns its
/// box and the node drawn.
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
        // kube-proxy over the kubelet in the left column (their lines come
        // in from the left), the runtime right of kube-proxy (CRI), aws-node
        // under it (its line goes straight down).
        let grid = NodeGrid {
            at: [
                ("kube-proxy", 0, 0),
                ("kubelet", 0, 1),
                ("runtime", 1, 0),
                ("aws-node", 1, 1),
            ],
            cols: 2,
            width_rows: 2,
            col_gap: COL_GAP,
            own_widths: true,
        };
        let nb = node_box(c, &dp, node, nx, ny, &grid);
        let (nw, nh) = (nb.w, nb.h);
        w = w.max(nw + 2.0 * PAD);
        h += nh + PAD;
        node.eid.clone()
    });
    let more = m.nodes.len().saturating_sub(usize::from(node.is_some()));
    let note = if node.is_none() {
        Some((text!("no EC2 nodes", "EC2 노드 없음"), None))
    } else if more > 0 {
        let wd = plural(more, "node", "nodes");
        Some((
            text!("+{more} more {wd}", "노드 {more}대 더"),
            Some(text!("each the same", "구성은 같다")),
        ))
    } else {
        None
    };
    // Under the node's left end, clear of aws-node's line down.
    if let Some((t, d)) = note {
        let nw = fit_w(&t, None);
        let tx = nx;
        let mut s = shape(
            ElementId::note("more-nodes"),
            Role::Note,
            Rect::new(tx, y + h, nw, leaf_h(false)),
            t,
            d,
        );
        s.classes.push("aggregate");
        c.child(&dp, s);
        w = w.max(nw + 2.0 * PAD);
        h += leaf_h(false) + PAD;
    }
    let r = Rect::new(x, y, w, h.max(HEADER + PAD));
    if let Some(s) = c.get_mut(dp.as_str()) {
        s.rect = r;
    }
    (r, node)
}

/// The AWS APIs (`label`) at `(x, y)`, under the node's aws-node: the EC2 API
/// over the ELB API. Returns the ELB API's box.
fn aws_apis(c: &mut Canvas, label: Text, x: f64, y: f64) -> Rect {
    let apis = [
        leaf(
            ElementId::aws_api("ec2"),
            Role::Gateway,
            text!("Amazon EC2 API", "Amazon EC2 API"),
            110.0,
        ),
        leaf(
            ElementId::aws_api("elb"),
            Role::Gateway,
            text!("ELB API", "ELB API"),
            110.0,
        ),
    ];
    let aw = apis.iter().map(|s| s.rect.w).fold(0.0, f64::max);
    let w = (aw + 2.0 * PAD).max(fit_w(&label, None));
    let b = c.push(shape(
        ElementId::note("aws-apis"),
        Role::Note,
        Rect::new(x, y, w, HEADER + 2.0 * (leaf_h(false) + PAD)),
        label,
        None,
    ));
    let mut elb = Rect::default();
    for (k, mut s) in apis.into_iter().enumerate() {
        s.rect = Rect::new(
            x + PAD,
            y + HEADER + k as f64 * (leaf_h(false) + PAD),
            aw,
            leaf_h(false),
        );
        elb = s.rect;
        c.child(&b, s);
    }
    elb
}

/// The node's lines: kube-proxy and the kubelet down the lanes left of the
/// controllers and of the data plane, into their left sides (the kubelet's
/// lane the outer one: no line crosses); their labels between the planes,
/// right of the lanes; aws-node straight down to the EC2 API.
fn node_lines(c: &mut Canvas, n: &ElementId, cp: Rect) {
    let id = ElementId::fixed;
    let Some(api) = c.get(fixed::API_SERVER).map(|s| s.rect) else {
        return;
    };
    let lanes = api_lanes(c);
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
        let Some(r) = from(c, p) else {
            continue;
        };
        let lane = lanes[k];
        let y = r.y + r.h / 2.0;
        let lw = small_w(&label);
        c.connect_along(
            &n.part(p),
            &id(fixed::API_SERVER),
            vec![(r.x, y), (lane, y), (lane, api.bottom())],
            line,
            Some(label),
        );
        if let Some(e) = c.edges.last_mut() {
            e.label_at = Some((
                lanes[1] + 8.0 + lw / 2.0,
                cp.bottom() + 18.0 + 18.0 * k as f64,
            ));
            e.two_way = k == 0;
        }
    }
    let (Some(an), Some(ec2)) = (
        from(c, "aws-node"),
        c.get(ElementId::aws_api("ec2").as_str()).map(|s| s.rect),
    ) else {
        return;
    };
    let x = an.x + an.w / 2.0;
    c.connect_along(
        &n.part("aws-node"),
        &ElementId::aws_api("ec2"),
        vec![(x, an.bottom()), (x, ec2.y)],
        Line::Data,
        Some(text!("ENIs, IPs", "ENI, IP")),
    );
}

/// The cloud-controller-manager's line: out of its right side, down `lane`
/// and into the ELB API's right side.
fn ccm_line(c: &mut Canvas, lane: f64, elb: Rect) {
    let Some(ccm) = c.get(fixed::CLOUD_CONTROLLER_MANAGER).map(|s| s.rect) else {
        return;
    };
    let (y0, y1) = (ccm.y + ccm.h / 2.0, elb.y + elb.h / 2.0);
    c.connect_along(
        &ElementId::fixed(fixed::CLOUD_CONTROLLER_MANAGER),
        &ElementId::aws_api("elb"),
        vec![(ccm.right(), y0), (lane, y0), (lane, y1), (elb.right(), y1)],
        Line::Data,
        None,
    );
}

#[cfg(test)]
mod tests {
    use crate::scene::{layout, legibility, problems, SceneKind, SizeClass, View};
    use crate::{analyze, generate, Scenario};

    #[test]
    fn components_fit_a_phone_in_one_column() {
        for sc in [Scenario::example(), generate::large(1_000, 20)] {
            let a = analyze(&sc);
            let v = View {
                scene: SceneKind::Components,
                size: SizeClass::Phone,
                ..View::default()
            };
            let s = layout(&a, &v);
            assert_eq!(problems(&s), Vec::<String>::new());
            let l = legibility(&s, SizeClass::Phone);
            assert!(l.holds(), "{}×{}: {l:?}", s.width, s.height);
            // Every conversation of the wider layouts is drawn.
            for e in [
                "note:users>cp:apiserver",
                "cp:apiserver>cp:etcd",
                "cp:scheduler>cp:apiserver",
                "cp:cloud-controller-manager>aws:elb",
            ] {
                assert!(s.edges.iter().any(|x| x.id == e), "{e} missing");
            }
            assert!(s
                .edges
                .iter()
                .any(|x| x.id.ends_with("#kubelet>cp:apiserver")));
            assert!(s.edges.iter().any(|x| x.id.ends_with("#aws-node>aws:ec2")));
        }
    }
}
