//! Tests of the load balancer choice: the table of type values, writing then
//! reading every choice, the defaults, and (a property) agreement with what the
//! analysis derives for any Service and Ingress.

use proptest::prelude::*;

use super::*;
use crate::lb::LbKind;
use crate::robustness::{ingress, service};
use crate::scenario::ServicePort;
use crate::{analyze, Scenario};

/// The example scenario; its Service 0 is a CLB (`type: LoadBalancer`, no annotation).
fn example() -> Scenario {
    Scenario::example()
}

/// Choices a form writes (everything but `Other`, which keeps what is there).
const WRITABLE: [LbChoice; 6] = [
    LbChoice::None,
    LbChoice::Clb,
    LbChoice::Nlb,
    LbChoice::Alb,
    LbChoice::NlbInTree,
    LbChoice::NlbIp,
];

#[test]
fn values_parse_back() {
    for c in LbChoice::ALL {
        assert_eq!(LbChoice::parse(c.value()), c);
    }
    assert_eq!(LbChoice::parse("junk"), LbChoice::None);
    for t in [TargetType::Instance, TargetType::Ip] {
        assert_eq!(TargetType::parse(t.as_str()), Some(t));
    }
    for v in [Scheme::Internal, Scheme::InternetFacing] {
        assert_eq!(Scheme::parse(v.as_str()), Some(v));
    }
    assert_eq!(Scheme::parse("public"), None);
}

#[test]
fn type_values() {
    assert_eq!(LbChoice::of_type(None), LbChoice::Clb);
    assert_eq!(LbChoice::of_type(Some(" CLB ")), LbChoice::Clb);
    assert_eq!(LbChoice::of_type(Some("nlb")), LbChoice::NlbInTree);
    assert_eq!(LbChoice::of_type(Some("nlb-ip")), LbChoice::NlbIp);
    assert_eq!(LbChoice::of_type(Some("External")), LbChoice::Nlb);
    assert_eq!(LbChoice::of_type(Some("alb")), LbChoice::Other);
    assert_eq!(LbChoice::of_type(Some("")), LbChoice::Other);
    for c in LbChoice::ALL {
        if let Some(v) = c.type_value() {
            assert_eq!(LbChoice::of_type(Some(v)), c, "{v}");
        }
    }
}

#[test]
fn every_choice_reads_back_from_any_service_type() {
    for from in WRITABLE {
        for to in WRITABLE {
            let mut s = example();
            write(&mut s, 0, from);
            write(&mut s, 0, to);
            assert_eq!(read(&s, 0), to, "{from:?} then {to:?}");
        }
    }
}

#[test]
fn other_keeps_the_annotation() {
    let mut s = example();
    s.services[0]
        .annotations
        .insert(keys::LB_TYPE.into(), "gateway".into());
    assert_eq!(read(&s, 0), LbChoice::Other);
    let before = s.services[0].clone();
    write(&mut s, 0, LbChoice::Other);
    assert_eq!(s.services[0], before);
}

#[test]
fn an_alb_is_an_ingress_to_a_node_port_service() {
    let mut s = example();
    let n = s.ingresses.len();
    write(&mut s, 0, LbChoice::Alb);
    assert_eq!(s.services[0].service_type, ServiceType::NodePort);
    assert_eq!(s.ingresses.len(), n + 1);
    let k = alb_ingress(&s, 0).expect("an ALB Ingress");
    assert!(is_alb(&s.ingresses[k]));
    assert_eq!(s.ingresses[k].rules[0].service_name, s.services[0].name);
    assert_eq!(
        s.ingresses[k].rules[0].service_port,
        s.services[0].ports[0].port
    );
    // Choosing it again makes no second Ingress; choosing none removes it.
    write(&mut s, 0, LbChoice::Alb);
    assert_eq!(s.ingresses.len(), n + 1);
    write(&mut s, 0, LbChoice::None);
    assert_eq!(s.ingresses.len(), n);
    assert_eq!(s.services[0].service_type, ServiceType::NodePort);
}

#[test]
fn a_shared_ingress_stays() {
    let mut s = example();
    write(&mut s, 0, LbChoice::Alb);
    let k = alb_ingress(&s, 0).unwrap();
    s.ingresses[k].rules.push(IngressRule {
        path: "/other".into(),
        service_name: "someone-else".into(),
        service_port: 80,
        ..IngressRule::default()
    });
    write(&mut s, 0, LbChoice::Clb);
    assert_eq!(alb_ingress(&s, 0), Some(k), "routes to another Service too");
    // The Service's own load balancer wins over the Ingress.
    assert_eq!(read(&s, 0), LbChoice::Clb);
}

#[test]
fn no_load_balancer_drops_local() {
    let mut s = example();
    s.services[0].external_traffic_policy = TrafficPolicy::Local;
    write(&mut s, 0, LbChoice::None);
    assert_eq!(s.services[0].service_type, ServiceType::ClusterIP);
    assert_eq!(
        s.services[0].external_traffic_policy,
        TrafficPolicy::Cluster
    );
}

#[test]
fn defaults_of_each_maker() {
    use {Scheme::*, TargetType::*};
    for (c, t, sc) in [
        (LbChoice::None, Instance, Internal),
        (LbChoice::Clb, Instance, InternetFacing),
        (LbChoice::NlbInTree, Instance, InternetFacing),
        (LbChoice::Nlb, Instance, Internal),
        (LbChoice::NlbIp, Ip, Internal),
        (LbChoice::Alb, Instance, Internal),
    ] {
        let mut s = example();
        write(&mut s, 0, c);
        assert_eq!((target_type(&s, 0), scheme(&s, 0)), (t, sc), "{c:?}");
        assert_eq!(traffic_policy_moot(&s, 0), t == Ip, "{c:?}");
    }
}

#[test]
fn settings_read_back() {
    for c in WRITABLE {
        for sc in [Scheme::Internal, Scheme::InternetFacing] {
            let mut s = example();
            write(&mut s, 0, c);
            set_scheme(&mut s, 0, sc);
            let want = if c == LbChoice::None {
                Scheme::Internal
            } else {
                sc
            };
            assert_eq!(scheme(&s, 0), want, "{c:?}");
        }
        if !c.by_controller() {
            continue;
        }
        for t in [TargetType::Ip, TargetType::Instance] {
            let mut s = example();
            write(&mut s, 0, c);
            set_target_type(&mut s, 0, t);
            assert_eq!(target_type(&s, 0), t, "{c:?}");
            assert_eq!(traffic_policy_moot(&s, 0), t == TargetType::Ip);
        }
    }
    // `nlb-ip` has IP targets only: instance targets make it the controller's NLB.
    let mut s = example();
    write(&mut s, 0, LbChoice::NlbIp);
    set_target_type(&mut s, 0, TargetType::Instance);
    assert_eq!(read(&s, 0), LbChoice::Nlb);
}

#[test]
fn the_in_tree_scheme_is_the_internal_flag() {
    let mut s = example();
    set_scheme(&mut s, 0, Scheme::Internal);
    assert_eq!(
        s.services[0]
            .annotations
            .get(keys::INTERNAL)
            .map(String::as_str),
        Some("true")
    );
    for (v, sc) in [
        ("false", Scheme::InternetFacing),
        ("", Scheme::InternetFacing),
        ("0.0.0.0/0", Scheme::Internal),
    ] {
        s.services[0]
            .annotations
            .insert(keys::INTERNAL.into(), v.into());
        assert_eq!(scheme(&s, 0), sc, "{v:?}");
    }
    set_scheme(&mut s, 0, Scheme::InternetFacing);
    assert!(!s.services[0].annotations.contains_key(keys::INTERNAL));
}

#[test]
fn out_of_range_is_nothing() {
    let mut s = example();
    let before = s.clone();
    assert_eq!(read(&s, 99), LbChoice::None);
    write(&mut s, 99, LbChoice::Nlb);
    set_scheme(&mut s, 99, Scheme::InternetFacing);
    set_target_type(&mut s, 99, TargetType::Ip);
    assert_eq!(s, before);
    assert_eq!(alb_ingress(&s, 99), None);
}

/// The choice's answers equal what the analysis derives for Service `i`.
fn agrees_with_the_analysis(s: &Scenario) {
    let a = analyze(s);
    for svc in &a.lbs.services {
        let i = svc.index;
        let c = read(s, i);
        if svc.service_type == ServiceType::LoadBalancer {
            let lb = &a.lbs.load_balancers[svc.load_balancer.expect("a load balancer")];
            let kind = match c {
                LbChoice::Clb | LbChoice::Other => LbKind::Clb,
                _ => LbKind::Nlb,
            };
            assert_eq!(lb.kind, kind, "{c:?}");
            assert_eq!(lb.scheme, scheme(s, i), "{c:?} {:?}", s.services[i]);
            for tg in lb.target_groups.iter() {
                assert_eq!(tg.target_type, target_type(s, i), "{c:?}");
            }
        } else if c == LbChoice::Alb {
            let k = alb_ingress(s, i).unwrap();
            if let Some(g) = a.lbs.ingresses.iter().find(|g| g.index == k) {
                assert!(g.alb);
                assert_eq!(g.scheme, scheme(s, i));
                assert_eq!(g.target_type, target_type(s, i));
            }
        } else {
            assert_eq!(c, LbChoice::None);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn the_choice_says_what_the_analysis_makes(
        services in prop::collection::vec(service(), 1..4),
        ingresses in prop::collection::vec(ingress(), 0..3),
    ) {
        let mut s = example();
        s.services = services;
        s.ingresses = ingresses;
        agrees_with_the_analysis(&s);
    }

    #[test]
    fn every_write_is_read_back_and_agrees(
        svc in service(),
        c in prop::sample::select(WRITABLE.to_vec()),
        sc in prop::sample::select(vec![Scheme::Internal, Scheme::InternetFacing]),
        t in prop::sample::select(vec![TargetType::Instance, TargetType::Ip]),
    ) {
        let mut s = example();
        s.services = vec![svc];
        s.ingresses.clear();
        s.services[0].name = "web".into();
        s.services[0].ports.push(ServicePort { port: 80, ..ServicePort::default() });
        write(&mut s, 0, c);
        prop_assert_eq!(read(&s, 0), c);
        if c != LbChoice::None {
            set_scheme(&mut s, 0, sc);
            prop_assert_eq!(scheme(&s, 0), sc);
        }
        if c.by_controller() {
            set_target_type(&mut s, 0, t);
            prop_assert_eq!(target_type(&s, 0), t);
        }
        agrees_with_the_analysis(&s);
    }
}
