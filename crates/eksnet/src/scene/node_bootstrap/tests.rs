//! Tests of "Node bootstrap".

use super::*;
use crate::scene::problems;
use crate::{analyze, Scenario};

fn view() -> View {
    View {
        scene: SceneKind::NodeBootstrap,
        ..View::default()
    }
}

#[test]
fn one_row_per_group_and_subnet_with_four_steps() {
    let a = analyze(&Scenario::example());
    let s = layout(&a, &view());
    assert!(s.shape("ng:ng-1#subnet-a").is_some());
    assert!(s.shape("ng:ng-1#subnet-c").is_some());
    let n = "node:ip-192-168-46-6.ap-northeast-2.compute.internal";
    for k in 1..=4 {
        assert!(s.shape(&format!("{n}#boot-{k}")).is_some(), "{k}");
    }
    assert!(s
        .edges
        .iter()
        .any(|e| e.id == format!("{n}#boot-2>{n}#boot-3")));
    assert!(s.shape("cp:apiserver").is_some());
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn the_flow_node_is_the_one_shown() {
    let a = analyze(&Scenario::example());
    let mut v = view();
    v.flow = Some(Flow::Kubelet {
        node: "ip-192-168-48-175".into(),
    });
    let s = layout(&a, &v);
    assert!(s
        .shape("node:ip-192-168-48-175.ap-northeast-2.compute.internal")
        .is_some());
    assert!(s
        .shape("node:ip-192-168-46-6.ap-northeast-2.compute.internal")
        .is_none());
}

#[test]
fn a_phone_puts_the_steps_under_the_node_and_the_control_plane_below() {
    let a = analyze(&Scenario::example());
    let mut v = view();
    v.size = crate::scene::SizeClass::Phone;
    let s = crate::layout(&a, &v);
    let n = "node:ip-192-168-46-6.ap-northeast-2.compute.internal";
    let node = s.shape(n).unwrap().rect;
    let step1 = s.shape(&format!("{n}#boot-1")).unwrap().rect;
    assert!(step1.y >= node.bottom(), "{node:?} {step1:?}");
    let row = s.shape("ng:ng-1#subnet-c").unwrap().rect;
    let cp = s.shape("cp").unwrap().rect;
    assert!(cp.y >= row.bottom(), "{row:?} {cp:?}");
    // Each row's registration reaches the column under the rows.
    assert!(s
        .edges
        .iter()
        .any(|e| e.from.as_str() == format!("{n}#boot-4")));
    assert!(s.width <= crate::scene::SizeClass::Phone.frame().0);
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn many_groups_are_aggregated() {
    let mut sc = Scenario::example();
    let g = sc.node_groups[0].clone();
    for k in 0..12 {
        let mut h = g.clone();
        h.nodegroup_name = format!("ng-x{k}");
        h.nodes.clear();
        sc.node_groups.push(h);
    }
    sc.pods.clear();
    let s = layout(&analyze(&sc), &view());
    assert!(s.shape("note:more-rows").is_some());
    assert_eq!(problems(&s), Vec::<String>::new());
}
