//! "Pod network" (source 004, figure 2 and console 1): the VPC, its AZs and
//! subnets, the nodes in each subnet with their addresses. No overlay: whatever
//! lives on a node takes addresses of the node's subnet.
//!
//! At most [`MAX_NODES_DRAWN`] nodes of a node group are drawn per subnet; the
//! rest are summed up in one "+N more" box, so a 100,000-node cluster stays a few
//! hundred elements.

use std::collections::BTreeMap;

use super::kit::{clip, fit_w, leaf_h, legend, plural, shape, Canvas, PAD};
use super::vpc::{self, Squeeze, VpcOpts};
use super::{LegendKind, Rect, Role, Scene, SceneKind, SizeClass, View};
use crate::{text, Analysis, ElementId, Text};

/// Nodes drawn per node group and subnet.
pub(crate) const MAX_NODES_DRAWN: usize = 12;
/// Pods drawn per node.
pub(crate) const MAX_PODS_DRAWN: usize = 4;

// Not inlined into `layout_traced`: see there.
#[inline(never)]
pub(super) fn layout(a: &Analysis, view: &View) -> Scene {
    // Where the usual layout does not fit the frame: the internet gateway in
    // the VPC's label row (not a band of its own), then one-word subnet kinds
    // and nodes counted in their group's label (see [`super::world_fit`]).
    let label = Squeeze {
        band_in_label: true,
        ..Squeeze::default()
    };
    let steps = [
        label,
        Squeeze {
            short_kinds: true,
            nodes_in_label: true,
            ..label
        },
    ];
    super::world_fit::fitted(view, &steps, |sq| build(a, view, sq))
}

/// The scene, giving up what `squeeze` says.
fn build(a: &Analysis, view: &View, squeeze: Squeeze) -> Scene {
    let m = &a.model;
    let mut c = Canvas::new();
    let o = VpcOpts {
        max_nodes: MAX_NODES_DRAWN,
        // A phone stacks the AZs and draws one node per row.
        node_cols: if vpc::az_count(a) >= 4 || view.size == SizeClass::Phone {
            1
        } else {
            2
        },
        services: false,
        security_groups: false,
        public_ips: true,
        client_notes: BTreeMap::new(),
        pods: MAX_PODS_DRAWN,
        squeeze,
    };
    let block = vpc::draw(&mut c, a, view, &o, 0.0, 0.0);
    // Counted once by the analysis (millions of pods in a large cluster).
    let counts = a.pod_counts;
    unscheduled(&mut c, a, &counts, block.rect.bottom() + PAD);
    let (nn, ns) = (m.nodes.len(), m.subnets.len());
    // The totals: a large cluster draws only some of its nodes and pods.
    let np = a.ipam.pods.len();
    let no_ip = counts.no_ip;
    let count = crate::text::count;
    let (nodes, subnets, pods) = (
        count(nn, "node", "nodes"),
        count(ns, "subnet", "subnets"),
        count(np, "pod", "pods"),
    );
    let mut caption = text!(
        "{nodes} in {subnets}, {pods} ({no_ip} without an IP); pods take addresses of their node's subnet (source 004, figure 2, console 1).",
        "서브넷 {ns}개에 노드 {nn}대, Pod {np}개(IP 없는 Pod {no_ip}개). Pod는 노드가 속한 서브넷의 주소를 받는다(소스 004, 그림 2, 콘솔 1)."
    );
    // Pods whose IP the scenario gives (kubectl's `status.podIPs` when imported).
    let observed = m.k8s.pods.iter().filter(|p| p.pod_ip.is_some()).count();
    if observed > 0 {
        let pods = count(observed, "pod", "pods");
        caption.en.push_str(&format!(
            " {pods} drawn at their observed IPs (marked observed), the others as the VPC CNI simulation places them."
        ));
        caption.ko.push_str(&format!(
            " Pod {observed}개는 관찰한 IP에 그리고(관찰로 표시) 나머지는 VPC CNI 시뮬레이션이 놓은 대로 그린다."
        ));
    }
    c.finish(
        SceneKind::PodNetwork,
        caption,
        legend(vec![
            (
                LegendKind::Swatch {
                    role: Role::PublicSubnet,
                    class: None,
                },
                text!("public subnet", "퍼블릭 서브넷"),
            ),
            (
                LegendKind::Swatch {
                    role: Role::PrivateSubnet,
                    class: None,
                },
                text!("private subnet", "프라이빗 서브넷"),
            ),
            (
                LegendKind::Swatch {
                    role: Role::Node,
                    class: None,
                },
                text!("node (EC2)", "노드(EC2)"),
            ),
            (
                LegendKind::Swatch {
                    role: Role::Note,
                    class: Some("pending"),
                },
                text!("pods without an IP", "IP 없는 Pod"),
            ),
        ]),
    )
}

/// Pods no node could take (they have neither a node nor an address): one
/// note under the VPC at `y`, with the scheduler's reason. Pods a node took but
/// could not address are drawn in their node.
fn unscheduled(c: &mut Canvas, a: &Analysis, counts: &crate::analysis::PodCounts, y: f64) {
    let count = counts.pending;
    let Some(problem) = counts.why else { return };
    let w = plural(count, "pod", "pods");
    let label = text!(
        "{count} {w} pending: no node can take them",
        "대기 중인 Pod {count}개: 받을 노드가 없다"
    );
    let reason = problem.message(&a.model);
    let reason = Text {
        en: clip(&reason.en, 90),
        ko: clip(&reason.ko, 60),
    };
    let mut s = shape(
        ElementId::note("unscheduled"),
        Role::Note,
        Rect::new(0.0, y, fit_w(&label, Some(&reason)), leaf_h(true)),
        label,
        Some(reason),
    );
    s.classes.push("pending");
    s.data.push(("pending", count.to_string()));
    s.data.push(("why", problem.code().to_string()));
    c.push(s);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{problems, Shape};
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
        assert_eq!(n.label.en, "ip-192-168-46-6 · 52.79.236.233");
        let sub = s.shape("subnet:subnet-a").unwrap();
        assert!(sub.rect.contains(&n.rect));
        // Console 1: the pod on this node holds 192.168.36.89, of the node's subnet.
        let p = s.shape("pod:default/my-nginx-5dc4865748-g2xzk").unwrap();
        assert_eq!(p.parent.as_ref(), Some(&n.id));
        let d = |k: &str| p.data.iter().find(|(x, _)| *x == k).map(|(_, v)| v.clone());
        assert_eq!(d("ip").as_deref(), Some("192.168.36.89"));
        assert_eq!(
            d("node").as_deref(),
            Some("ip-192-168-46-6.ap-northeast-2.compute.internal")
        );
        assert_eq!(
            d("pod").as_deref(),
            Some("default/my-nginx-5dc4865748-g2xzk")
        );
        assert!(d("eni").is_some_and(|e| e.starts_with("eth")));
        assert_eq!(problems(&s), Vec::<String>::new());
    }

    #[test]
    fn pods_without_an_ip_are_drawn_with_why() {
        // At 120 and 200 replicas some pods wait: every one of them is counted
        // on the diagram, in its node (scheduled, no address) or under the VPC
        // (no node takes it), with the reason's code.
        // On a phone too (AZs stacked, one node a row).
        for (replicas, size) in [
            (120, SizeClass::App),
            (200, SizeClass::App),
            (200, SizeClass::Phone),
        ] {
            let mut sc = Scenario::example();
            sc.workloads[0].replicas = replicas;
            let a = analyze(&sc);
            let waiting = a
                .ipam
                .pods
                .iter()
                .filter(|p| !p.host_network && p.ip.is_none() && p.problem.is_some())
                .count();
            assert!(waiting > 0, "{replicas}: no pod waits");
            let s = crate::layout(
                &a,
                &View {
                    scene: SceneKind::PodNetwork,
                    size,
                    ..View::default()
                },
            );
            let drawn: usize = s
                .shapes
                .iter()
                .filter(|x| x.classes.contains(&"pending"))
                .map(|x| {
                    assert!(x.data.iter().any(|(k, _)| *k == "why"), "{}", x.id);
                    x.data
                        .iter()
                        .find(|(k, _)| *k == "pending")
                        .and_then(|(_, v)| v.parse::<usize>().ok())
                        .unwrap_or(0)
                })
                .sum();
            assert_eq!(drawn, waiting, "{replicas} replicas");
            assert_eq!(problems(&s), Vec::<String>::new());
        }
    }

    #[test]
    fn a_phone_stacks_the_azs() {
        let a = analyze(&Scenario::example());
        let v = View {
            scene: SceneKind::PodNetwork,
            size: SizeClass::Phone,
            ..View::default()
        };
        let s = crate::layout(&a, &v);
        let azs: Vec<&Shape> = s.shapes.iter().filter(|x| x.role == Role::Az).collect();
        assert_eq!(azs.len(), 2);
        // One under the other, as wide as each other.
        assert!(azs[1].rect.y >= azs[0].rect.bottom(), "{azs:?}");
        assert_eq!(azs[0].rect.x, azs[1].rect.x);
        assert!(s.width <= SizeClass::Phone.frame().0, "{}", s.width);
        assert_eq!(problems(&s), Vec::<String>::new());
    }

    #[test]
    fn many_nodes_are_aggregated() {
        let mut sc = Scenario::example();
        sc.node_groups[0].nodes.clear();
        sc.node_groups[0].desired_size = 500;
        let a = analyze(&sc);
        let s = layout(&a, &View::default());
        assert!(s.shapes.len() < 80, "{}", s.shapes.len());
        let more = s.shape("ng:ng-1#subnet-a:more-nodes").unwrap();
        assert_eq!(more.label.en, "+238 more nodes");
        assert_eq!(problems(&s), Vec::<String>::new());
    }
}
