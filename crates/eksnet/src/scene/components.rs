//! "Components" (source 003): the control-plane and data-plane components of the
//! cluster and who talks to whom. Users talk to kube-apiserver; the scheduler and
//! the controller managers watch it; it keeps state in etcd; the
//! cloud-controller-manager calls AWS for nodes and load balancers. On every node
//! the kubelet registers with the API server and sends heartbeats (and the API
//! server reaches it for exec and logs), kube-proxy watches Services to write its
//! rules, the container runtime runs containers for the kubelet, and aws-node (the
//! VPC CNI) asks EC2 for ENIs and addresses.
//!
//! One node per node group is drawn (at most two), with a "+N more" note. Lines
//! from the nodes rise to lanes of their own between the planes, so none passes
//! under another box.

use super::kit::{fit_w, leaf_h, plural, shape, Canvas, Line, HEADER, PAD};
use super::vpc::{node_label, shelf};
use super::{Rect, Role, Scene, Shape, View};
use crate::ids::fixed;
use crate::scenario::NodeGroupKind;
use crate::{text, Analysis, ElementId, Text};

mod data_plane;

use data_plane::{connect_nodes, draw_data_plane};

/// Gap between rows and columns, room for edge labels.
const GAP: f64 = 56.0;
/// Nodes drawn at most.
const MAX_NODES: usize = 2;

fn leaf(id: ElementId, role: Role, label: Text, detail: Option<Text>) -> Shape {
    let w = fit_w(&label, detail.as_ref()).max(130.0);
    let h = leaf_h(detail.is_some());
    shape(id, role, Rect::new(0.0, 0.0, w, h), label, detail)
}

fn at(mut s: Shape, x: f64, y: f64) -> Shape {
    s.rect.x = x;
    s.rect.y = y;
    s
}

/// The nodes drawn: the first node of each node group (in model order), then
/// others, at most [`MAX_NODES`]; the view's node always among them.
fn nodes_drawn(a: &Analysis, view: &View) -> Vec<usize> {
    let m = &a.model;
    let mut v: Vec<usize> = Vec::new();
    let focus = super::vpc::focus_nodes(a, view);
    v.extend(focus.iter().take(1));
    for g in 0..m.node_groups.len() {
        if let Some(n) = m.nodes.iter().position(|n| n.group == g) {
            if !v.contains(&n) {
                v.push(n);
            }
        }
    }
    for n in 0..m.nodes.len() {
        if v.len() >= MAX_NODES {
            break;
        }
        if !v.contains(&n) {
            v.push(n);
        }
    }
    v.truncate(MAX_NODES);
    v.sort_unstable();
    v
}

/// The control plane's leaves: the controllers (top row), the API server and
/// etcd.
fn control_plane_leaves() -> ([Shape; 3], Shape, Shape) {
    let id = ElementId::fixed;
    let controllers = [
        leaf(
            id(fixed::SCHEDULER),
            Role::Component,
            text!("kube-scheduler", "kube-scheduler"),
            Some(text!(
                "picks a node for each new pod",
                "새 Pod마다 노드를 고른다"
            )),
        ),
        leaf(
            id(fixed::CONTROLLER_MANAGER),
            Role::Component,
            text!("kube-controller-manager", "kube-controller-manager"),
            Some(text!(
                "node, replication, endpoints…",
                "노드, 복제, 엔드포인트…"
            )),
        ),
        leaf(
            id(fixed::CLOUD_CONTROLLER_MANAGER),
            Role::Component,
            text!("cloud-controller-manager", "cloud-controller-manager"),
            Some(text!(
                "nodes and load balancers in AWS",
                "AWS의 노드와 로드 밸런서"
            )),
        ),
    ];
    let api = leaf(
        id(fixed::API_SERVER),
        Role::Component,
        text!("kube-apiserver", "kube-apiserver"),
        Some(text!(
            "the Kubernetes API, the front end",
            "쿠버네티스 API, 프런트엔드"
        )),
    );
    let etcd = leaf(
        id(fixed::ETCD),
        Role::Component,
        text!("etcd", "etcd"),
        Some(text!(
            "key-value store of all state",
            "모든 상태의 키-값 저장소"
        )),
    );
    (controllers, api, etcd)
}

/// The control plane at `(cp_x, cp_y)`: controllers on top, the API server and
/// etcd below. Returns its box.
fn draw_control_plane(c: &mut Canvas, cp_x: f64, cp_y: f64) -> Rect {
    let (controllers, api, etcd) = control_plane_leaves();
    let row1_w: f64 = controllers.iter().map(|s| s.rect.w).sum::<f64>() + 2.0 * GAP;
    let api_w = row1_w.max(api.rect.w);
    let inner_w = api_w + GAP + etcd.rect.w;
    let cp_label = text!(
        "EKS control plane · AWS-managed",
        "EKS 컨트롤 플레인 · AWS 관리형"
    );
    let cp_w = (inner_w + 2.0 * PAD).max(fit_w(&cp_label, None));
    let r1y = cp_y + HEADER;
    let r2y = r1y + leaf_h(true) + GAP;
    let cp = c.push(shape(
        ElementId::fixed(fixed::CONTROL_PLANE),
        Role::ControlPlane,
        Rect::new(cp_x, cp_y, cp_w, r2y + leaf_h(true) + PAD - cp_y),
        cp_label,
        None,
    ));
    let mut x = cp_x + PAD;
    for s in controllers {
        let w = s.rect.w;
        c.child(&cp, at(s, x, r1y));
        x += w + GAP;
    }
    let mut api = api;
    api.rect.w = api_w;
    let api_rect = Rect::new(cp_x + PAD, r2y, api_w, api.rect.h);
    c.child(&cp, at(api, api_rect.x, api_rect.y));
    c.child(&cp, at(etcd, api_rect.right() + GAP, r2y));
    c.get(fixed::CONTROL_PLANE)
        .map(|s| s.rect)
        .unwrap_or_default()
}

/// The users (the clients, at most three, or one plain kubectl) in a box left of
/// the control plane `cp`, level with the API server. Returns the box's id.
fn draw_users(c: &mut Canvas, a: &Analysis, cp: Rect) -> ElementId {
    let m = &a.model;
    let users: Vec<Shape> = if m.clients.is_empty() {
        vec![leaf(
            ElementId::note("kubectl"),
            Role::Client,
            text!("kubectl", "kubectl"),
            None,
        )]
    } else {
        m.clients
            .iter()
            .take(3)
            .map(|cl| {
                let name = &cl.name;
                let mut s = leaf(
                    cl.eid.clone(),
                    Role::Client,
                    text!("kubectl on {name}", "{name}의 kubectl"),
                    None,
                );
                s.classes.push("kubectl");
                s
            })
            .collect()
    };
    let api_y = c
        .get(fixed::API_SERVER)
        .map(|s| s.rect.y)
        .unwrap_or_default();
    let uw = users.iter().map(|s| s.rect.w).fold(0.0, f64::max);
    let users_label = text!("Users", "사용자");
    let ubox_w = (uw + 2.0 * PAD).max(fit_w(&users_label, None));
    let uh: f64 = users.iter().map(|s| s.rect.h + PAD).sum::<f64>();
    let ux = cp.x - GAP * 2.5 - ubox_w;
    let uy = api_y + leaf_h(true) / 2.0 - (HEADER + uh) / 2.0;
    let ubox = c.push(shape(
        ElementId::note("users"),
        Role::Note,
        Rect::new(ux, uy, ubox_w, HEADER + uh),
        users_label,
        None,
    ));
    let mut yy = uy + HEADER;
    for mut s in users {
        s.rect.w = uw;
        let h = s.rect.h;
        c.child(&ubox, at(s, ux + PAD, yy));
        yy += h + PAD;
    }
    ubox
}

/// The AWS APIs (Elastic Load Balancing, EC2) in a box right of the control
/// plane `cp`.
fn draw_aws_apis(c: &mut Canvas, cp: Rect) {
    let apis = [
        leaf(
            ElementId::aws_api("elb"),
            Role::Gateway,
            text!("Elastic Load Balancing API", "Elastic Load Balancing API"),
            Some(text!("CLB, NLB, ALB", "CLB, NLB, ALB")),
        ),
        leaf(
            ElementId::aws_api("ec2"),
            Role::Gateway,
            text!("Amazon EC2 API", "Amazon EC2 API"),
            Some(text!(
                "instances, ENIs, IP addresses",
                "인스턴스, ENI, IP 주소"
            )),
        ),
    ];
    let aw = apis.iter().map(|s| s.rect.w).fold(0.0, f64::max);
    let aws_label = text!("AWS APIs", "AWS API");
    let abox_w = (aw + 2.0 * PAD).max(fit_w(&aws_label, None));
    let ax = cp.right() + GAP * 2.0;
    let ay = cp.y;
    let abox = c.push(shape(
        ElementId::note("aws-apis"),
        Role::Note,
        Rect::new(ax, ay, abox_w, HEADER + 2.0 * (leaf_h(true) + PAD)),
        aws_label,
        None,
    ));
    for (k, mut s) in apis.into_iter().enumerate() {
        s.rect.w = aw;
        c.child(
            &abox,
            at(s, ax + PAD, ay + HEADER + k as f64 * (leaf_h(true) + PAD)),
        );
    }
}

/// Who talks to whom above the nodes: the users, the controllers and etcd with
/// the API server; the cloud-controller-manager with Elastic Load Balancing.
fn connect_control_plane(c: &mut Canvas, users: &ElementId) {
    let id = ElementId::fixed;
    c.connect(
        users,
        &id(fixed::API_SERVER),
        Line::Data,
        Some(text!("kubectl · HTTPS 443", "kubectl · HTTPS 443")),
    );
    c.connect(
        &id(fixed::SCHEDULER),
        &id(fixed::API_SERVER),
        Line::Logical,
        Some(text!("watch, bind", "watch, bind")),
    );
    c.connect(
        &id(fixed::CONTROLLER_MANAGER),
        &id(fixed::API_SERVER),
        Line::Logical,
        Some(text!("watch, reconcile", "watch, 조정")),
    );
    c.connect(
        &id(fixed::CLOUD_CONTROLLER_MANAGER),
        &id(fixed::API_SERVER),
        Line::Logical,
        None,
    );
    c.connect_both(
        &id(fixed::API_SERVER),
        &id(fixed::ETCD),
        Line::Data,
        Some(text!("state", "상태")),
    );
    c.connect(
        &id(fixed::CLOUD_CONTROLLER_MANAGER),
        &ElementId::aws_api("elb"),
        Line::Data,
        Some(text!("load balancers", "로드 밸런서")),
    );
}

// Not inlined into `layout_traced`: see there.
#[inline(never)]
pub(super) fn layout(a: &Analysis, view: &View) -> Scene {
    if view.size == super::SizeClass::Phone {
        return super::components_phone::layout(a, view, &nodes_drawn(a, view));
    }
    if super::kit::folding() {
        return super::components_folded::layout(a, view, &nodes_drawn(a, view));
    }
    let mut c = Canvas::new();
    // The control plane at the origin; the users left of it, the AWS APIs right
    // of it, the data plane under it.
    let cp_rect = draw_control_plane(&mut c, 0.0, 0.0);
    let users = draw_users(&mut c, a, cp_rect);
    draw_aws_apis(&mut c, cp_rect);
    let drawn = nodes_drawn(a, view);
    let node_boxes = draw_data_plane(&mut c, a, &drawn, cp_rect);

    // ---- who talks to whom.
    connect_control_plane(&mut c, &users);
    connect_nodes(&mut c, &node_boxes, cp_rect);

    super::components_folded::finish(c, a.model.nodes.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{problems, SceneKind};
    use crate::{analyze, Scenario};

    fn scene(sc: &Scenario) -> Scene {
        layout(
            &analyze(sc),
            &View {
                scene: SceneKind::Components,
                ..View::default()
            },
        )
    }

    #[test]
    fn default_shows_components_and_who_talks_to_whom() {
        let s = scene(&Scenario::example());
        let n = "node:ip-192-168-46-6.ap-northeast-2.compute.internal";
        for id in [
            "cp:apiserver",
            "cp:etcd",
            "cp:scheduler",
            "cp:controller-manager",
            "cp:cloud-controller-manager",
            "aws:ec2",
            "client:laptop",
            n,
        ] {
            assert!(s.shape(id).is_some(), "{id}");
        }
        for part in ["kubelet", "kube-proxy", "runtime", "aws-node"] {
            assert!(s.shape(&format!("{n}#{part}")).is_some(), "{part}");
        }
        let edge = |from: &str, to: &str| s.edges.iter().any(|e| e.id == format!("{from}>{to}"));
        assert!(edge(&format!("{n}#kubelet"), "cp:apiserver"));
        assert!(edge("cp:apiserver", "cp:etcd"));
        assert!(edge(&format!("{n}#aws-node"), "aws:ec2"));
        // At most two nodes: the example has one group of four.
        assert_eq!(s.shapes.iter().filter(|x| x.role == Role::Node).count(), 2);
        assert!(s.shape("note:more-nodes").is_some());
        assert_eq!(problems(&s), Vec::<String>::new());
    }

    #[test]
    fn no_nodes_and_no_clients_still_draw() {
        let mut sc = Scenario::example();
        sc.node_groups.clear();
        sc.clients.clear();
        let s = scene(&sc);
        assert!(s.shape("note:kubectl").is_some());
        assert!(s.shape("note:no-nodes").is_some());
        assert_eq!(problems(&s), Vec::<String>::new());
    }
}
