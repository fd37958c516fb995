//! "Pod network" (source 004, figure 2 and console 1): the VPC, its AZs and
//! subnets, the nodes in each subnet with their addresses. No overlay: whatever
//! lives on a node takes addresses of the node's subnet.

use std::collections::BTreeMap;

use super::{PathState, Rect, Role, Scene, SceneKind, Shape, View};
use crate::{text, Analysis, ElementId, Text};

const MARGIN: f64 = 20.0;
const PAD: f64 = 12.0;
const HEADER: f64 = 26.0;
const NODE_W: f64 = 200.0;
const NODE_H: f64 = 52.0;
const NODES_PER_ROW: usize = 2;
/// At most this many nodes of a subnet are drawn; the rest are summarised in one
/// "+N more" box, so a 100,000-node cluster stays a few hundred elements.
pub(crate) const MAX_NODES_DRAWN: usize = 12;

pub(crate) fn shape(
    id: ElementId,
    role: Role,
    rect: Rect,
    label: Text,
    detail: Option<Text>,
) -> Shape {
    Shape {
        id,
        role,
        rect,
        label,
        detail,
        classes: Vec::new(),
        state: PathState::default(),
        data: Vec::new(),
    }
}

pub(super) fn layout(a: &Analysis, _view: &View) -> Scene {
    let m = &a.model;
    // Group subnets by AZ, in order of first appearance.
    let mut az_order: Vec<&str> = Vec::new();
    let mut by_az: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in m.subnets.iter().enumerate() {
        if !az_order.contains(&s.az.as_str()) {
            az_order.push(&s.az);
        }
        by_az.entry(&s.az).or_default().push(i);
    }
    let mut nodes_in: Vec<Vec<usize>> = vec![Vec::new(); m.subnets.len()];
    for (i, n) in m.nodes.iter().enumerate() {
        if let Some(v) = nodes_in.get_mut(n.subnet) {
            v.push(i);
        }
    }

    let subnet_w = NODES_PER_ROW as f64 * NODE_W + (NODES_PER_ROW as f64 + 1.0) * PAD;
    let az_w = subnet_w + 2.0 * PAD;
    let top = MARGIN + 60.0; // room for the internet and the IGW above the VPC
    let vpc_x = MARGIN;
    let vpc_y = top;
    let mut shapes: Vec<Shape> = Vec::new();
    let mut inner: Vec<Shape> = Vec::new();
    let mut max_h: f64 = 0.0;

    for (k, az) in az_order.iter().enumerate() {
        let ax = vpc_x + PAD + k as f64 * (az_w + PAD);
        let ay = vpc_y + HEADER + PAD;
        let mut y = ay + HEADER;
        for &si in by_az.get(az).map(Vec::as_slice).unwrap_or(&[]) {
            let s = &m.subnets[si];
            let nodes = &nodes_in[si];
            let drawn = nodes.len().min(MAX_NODES_DRAWN);
            let extra = usize::from(nodes.len() > MAX_NODES_DRAWN);
            let rows = (drawn + extra).div_ceil(NODES_PER_ROW).max(1);
            let h = HEADER + rows as f64 * (NODE_H + PAD) + PAD;
            let rect = Rect::new(ax + PAD, y, subnet_w, h);
            let cidr = s.cidr.map(|c| c.to_string()).unwrap_or_else(|| "?".into());
            let (role, kind) = if s.is_public() {
                (Role::PublicSubnet, text!("public", "퍼블릭"))
            } else {
                (Role::PrivateSubnet, text!("private", "프라이빗"))
            };
            let id = &s.id;
            let (ken, kko) = (&kind.en, &kind.ko);
            inner.push(shape(
                s.eid.clone(),
                role,
                rect,
                text!("{id} · {cidr} · {ken}", "{id} · {cidr} · {kko}"),
                None,
            ));
            for (j, &ni) in nodes.iter().take(MAX_NODES_DRAWN).enumerate() {
                let n = &m.nodes[ni];
                let nx = rect.x + PAD + (j % NODES_PER_ROW) as f64 * (NODE_W + PAD);
                let ny = rect.y + HEADER + (j / NODES_PER_ROW) as f64 * (NODE_H + PAD);
                let short = n.name.split('.').next().unwrap_or(&n.name).to_string();
                let ip = n.private_ip;
                let detail = match n.public_ip {
                    Some(p) => Text::same(format!("{ip} · {p}")),
                    None => Text::same(ip.to_string()),
                };
                let mut sh = shape(
                    n.eid.clone(),
                    Role::Node,
                    Rect::new(nx, ny, NODE_W, NODE_H),
                    Text::same(short),
                    Some(detail),
                );
                sh.data.push(("node", n.name.clone()));
                sh.data.push(("ip", ip.to_string()));
                inner.push(sh);
            }
            if extra == 1 {
                let j = drawn;
                let nx = rect.x + PAD + (j % NODES_PER_ROW) as f64 * (NODE_W + PAD);
                let ny = rect.y + HEADER + (j / NODES_PER_ROW) as f64 * (NODE_H + PAD);
                let more = nodes.len() - drawn;
                let mut sh = shape(
                    ElementId(format!("{}:more-nodes", s.eid)),
                    Role::Note,
                    Rect::new(nx, ny, NODE_W, NODE_H),
                    text!("+{more} more nodes", "노드 {more}개 더"),
                    None,
                );
                sh.classes.push("aggregate");
                inner.push(sh);
            }
            y += h + PAD;
        }
        let az_h = y - ay;
        max_h = max_h.max(az_h);
        let azl = az.to_string();
        shapes.push(shape(
            ElementId::az(az),
            Role::Az,
            Rect::new(ax, ay, az_w, az_h),
            text!("AZ {azl}", "가용 영역 {azl}"),
            None,
        ));
    }
    // Stretch AZ boxes to one height.
    for s in shapes.iter_mut() {
        s.rect.h = max_h;
    }
    let n_az = az_order.len().max(1) as f64;
    let vpc_w = n_az * (az_w + PAD) + PAD;
    let vpc_h = HEADER + PAD + max_h + PAD;
    let cidrs = m
        .vpc
        .cidrs
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let vpc_id = &m.vpc.id;
    shapes.insert(
        0,
        shape(
            ElementId::fixed(crate::ids::fixed::VPC),
            Role::Vpc,
            Rect::new(vpc_x, vpc_y, vpc_w, vpc_h),
            text!("VPC {vpc_id} · {cidrs}", "VPC {vpc_id} · {cidrs}"),
            None,
        ),
    );
    if let Some(igw) = &m.vpc.internet_gateway {
        let w = 150.0;
        shapes.push(shape(
            ElementId::fixed(crate::ids::fixed::IGW),
            Role::Gateway,
            Rect::new(vpc_x + vpc_w / 2.0 - w / 2.0, vpc_y - 18.0, w, 36.0),
            text!("Internet gateway", "인터넷 게이트웨이"),
            Some(Text::same(igw.clone())),
        ));
    }
    shapes.extend(inner);
    let width = vpc_x + vpc_w + MARGIN;
    let height = vpc_y + vpc_h + MARGIN;
    let (nn, ns) = (m.nodes.len(), m.subnets.len());
    Scene {
        kind: SceneKind::PodNetwork,
        width,
        height,
        title: SceneKind::PodNetwork.title(),
        description: text!(
            "{nn} nodes in {ns} subnets; pods take addresses of their node's subnet (source 004, figure 2, console 1).",
            "서브넷 {ns}개에 노드 {nn}개. Pod는 노드가 속한 서브넷의 주소를 받는다(소스 004, 그림 2, 콘솔 1)."
        ),
        shapes,
        edges: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Scenario};

    #[test]
    fn example_draws_vpc_subnets_and_four_nodes() {
        let a = analyze(&Scenario::example());
        let s = layout(&a, &View::default());
        assert!(s.shape("vpc").is_some());
        assert_eq!(
            s.shapes
                .iter()
                .filter(|x| matches!(x.role, Role::PublicSubnet))
                .count(),
            2
        );
        let nodes: Vec<&Shape> = s.shapes.iter().filter(|x| x.role == Role::Node).collect();
        assert_eq!(nodes.len(), 4);
        let n = s
            .shape("node:ip-192-168-46-6.ap-northeast-2.compute.internal")
            .unwrap();
        assert_eq!(
            n.detail.as_ref().unwrap().en,
            "192.168.46.6 · 52.79.236.233"
        );
        // Every node lies inside its subnet, and nodes do not overlap.
        let sub = s.shape("subnet:subnet-a").unwrap();
        assert!(sub.rect.contains(&n.rect));
        for (i, a) in nodes.iter().enumerate() {
            for b in &nodes[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{} overlaps {}", a.id, b.id);
            }
        }
        assert!(s.width > 0.0 && s.height > 0.0);
    }

    #[test]
    fn many_nodes_are_aggregated() {
        let mut sc = Scenario::example();
        sc.node_groups[0].nodes.clear();
        sc.node_groups[0].desired_size = 500;
        let a = analyze(&sc);
        let s = layout(&a, &View::default());
        assert!(s.shapes.len() < 40, "{}", s.shapes.len());
        assert!(s.shape("subnet:subnet-a:more-nodes").is_some());
    }
}
