//! Tests of "Load balancing".

use super::*;
use crate::scene::problems;
use crate::{analyze, Scenario};

fn view() -> View {
    View {
        scene: SceneKind::LoadBalancing,
        ..View::default()
    }
}

#[test]
fn default_clb_with_instance_targets() {
    let a = analyze(&Scenario::example());
    let s = layout(&a, &view());
    let lb = &a.lbs.load_balancers[0];
    let b = s.shape(lb.eid.as_str()).unwrap();
    assert!(b.label.en.starts_with("CLB · internet-facing"));
    let tg = &lb.target_groups[0];
    assert!(s.shape(tg.eid.as_str()).is_some());
    // Four nodes, all healthy under Cluster: a line to each.
    for t in &tg.targets {
        let chip = s.shape(tg.eid.part(t.at.as_str()).as_str()).unwrap();
        assert!(chip.classes.contains(&"ok"));
        assert!(s.edges.iter().any(|e| e.from == tg.eid && e.to == t.at));
    }
    assert!(s.shape("svc:default/my-nginx").is_some());
    assert!(s.shape("pod:default/my-nginx-5dc4865748-g2xzk").is_some());
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn local_policy_marks_nodes_without_pods_unhealthy() {
    let mut sc = Scenario::example();
    sc.services[0].external_traffic_policy = TrafficPolicy::Local;
    sc.workloads[0].replicas = 2;
    sc.pods.truncate(2);
    let a = analyze(&sc);
    let s = layout(&a, &view());
    let tg = &a.lbs.load_balancers[0].target_groups[0];
    let bad = tg.targets.iter().filter(|t| !t.health.is_healthy()).count();
    assert!(bad > 0);
    let red = s
        .shapes
        .iter()
        .filter(|x| x.classes.contains(&"target") && x.classes.contains(&"error"))
        .count();
    assert_eq!(red, bad);
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn the_service_flow_lights_lb_target_group_and_pod() {
    let a = analyze(&Scenario::example());
    let f = Flow::parse("svc:default/my-nginx").unwrap();
    let t = crate::trace(&a, &f);
    let mut v = view();
    v.flow = Some(f);
    let s = crate::scene::layout(&a, &v);
    for h in &t.hops {
        if let Some(sh) = s.shape(h.at.as_str()) {
            assert!(sh.state.on_path, "{}", h.at);
        }
    }
    assert!(s.shape(t.hops.last().unwrap().at.as_str()).is_some());
    assert_eq!(problems(&s), Vec::<String>::new());
}
