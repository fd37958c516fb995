//! The load balancers of source 004's consoles, their target health under each
//! traffic policy, and what is refused. Their lab is `testkit::lb`, shared with the traces' tests.

use super::*;
use crate::analyze;
use crate::lb::keys;
use crate::scenario::*;
use crate::testkit::codes;
use crate::testkit::lb::{ingress, lab, states, svc, EXTERNAL, IP, NLB_PUBLIC, PUBLIC};

use HealthState::{Healthy as H, Unhealthy as U, Unused as X};

#[test]
fn console_2_clb_is_the_default() {
    let a = analyze(&Scenario::example());
    let lb = &a.lbs.load_balancers[0];
    assert_eq!(
        (lb.kind, lb.controller, lb.scheme),
        (LbKind::Clb, Controller::InTree, Scheme::InternetFacing)
    );
    assert_eq!(lb.eid.as_str(), "lb:ad39ba2b8a05d44d2b88e3e11c9706b7");
    let s = &a.lbs.services[0];
    assert_eq!(
        s.cluster_ip.map(|i| i.to_string()).as_deref(),
        Some("10.100.51.23")
    );
    assert_eq!(s.ports[0].node_port, Some(30686));
    assert_eq!(s.health_check_node_port, None);
    // One node per AZ, in the public subnets, with public addresses.
    assert_eq!(lb.nodes.len(), 2);
    assert!(lb.nodes.iter().all(|n| n.public_ip.is_some()));
    let tg = &lb.target_groups[0];
    assert_eq!(tg.eid.as_str(), "tg:ad39ba2b8a05d44d2b88e3e11c9706b7:0");
    assert_eq!(tg.health_check.display(), "TCP:30686");
    assert_eq!(states(tg), vec![H, H, H, H]);
    assert!(!tg.client_ip_preserved);
}

/// The load balancers' nodes are in their subnets' accounting, as every ENI is:
/// `eksnet ipam` and "inside a node" count them, so "free" is not overstated.
#[test]
fn load_balancer_nodes_are_counted_in_their_subnets() {
    let a = analyze(&Scenario::example());
    let lb = &a.lbs.load_balancers[0];
    for n in &lb.nodes {
        let pool = a.addresses.pool(n.subnet).unwrap();
        assert!(!pool.is_free(n.private_ip), "{} is taken", n.private_ip);
        let acc = a
            .ipam
            .subnets
            .iter()
            .find(|s| s.subnet == n.subnet)
            .unwrap();
        let acc = acc.accounting.as_ref().unwrap();
        assert_eq!(acc, &pool.accounting(), "accounting of {}", n.subnet);
        let other = acc
            .held
            .iter()
            .find(|(h, _)| *h == crate::model::Holder::Other);
        assert!(other.is_some_and(|(_, k)| *k >= 1), "{acc:?}");
    }
}

#[test]
fn console_3_in_tree_nlb_keeps_the_clbs_name() {
    let a = analyze(&svc(&[(keys::LB_TYPE, "nlb")], TrafficPolicy::Cluster));
    let lb = &a.lbs.load_balancers[0];
    assert_eq!((lb.kind, lb.controller), (LbKind::Nlb, Controller::InTree));
    assert_eq!(lb.name, "ad39ba2b8a05d44d2b88e3e11c9706b7");
    let (first, rest) = lb.dns_name.split_once('.').unwrap();
    assert_eq!(rest, "elb.ap-northeast-2.amazonaws.com");
    let hex = first.rsplit_once('-').unwrap().1;
    assert!(hex.len() == 16 && hex.chars().all(|c| c.is_ascii_hexdigit()));
    // Cluster: every node passes on the NodePort; kube-proxy hides the client.
    let tg = &lb.target_groups[0];
    assert_eq!(states(tg), vec![H, H, H, H]);
    assert!(tg.target_sees_client_ip && !tg.client_ip_preserved);
}

#[test]
fn local_health_checks_the_health_check_node_port() {
    for ty in ["clb", "nlb"] {
        let a = analyze(&svc(&[(keys::LB_TYPE, ty)], TrafficPolicy::Local));
        let s = &a.lbs.services[0];
        let hc = s.health_check_node_port.expect("allocated");
        assert!((NODE_PORT_MIN..=NODE_PORT_MAX).contains(&hc) && hc != 30686);
        let tg = &a.lbs.load_balancers[0].target_groups[0];
        assert_eq!(tg.health_check.display(), format!("HTTP:{hc}/healthz"));
        // The two nodes of 2a have no pod of my-nginx.
        assert_eq!(states(tg), vec![U, U, H, H], "{ty}");
        assert_eq!(tg.client_ip_preserved, ty == "nlb", "{ty}");
        assert!(tg.targets[0].health.why.en.contains("503"));
    }
}

#[test]
fn console_4_nlb_ip_targets_are_the_pods() {
    let mut s = svc(&[EXTERNAL, IP, NLB_PUBLIC], TrafficPolicy::Cluster);
    s.services[0].name = "my-nginx-ipv4".into();
    let a = analyze(&s);
    let lb = &a.lbs.load_balancers[0];
    assert_eq!(
        (lb.kind, lb.controller),
        (LbKind::Nlb, Controller::AwsLoadBalancerController)
    );
    assert!(lb.name.starts_with("k8s-default-mynginxi-"), "{}", lb.name);
    assert!(lb.dns_name.ends_with(".elb.ap-northeast-2.amazonaws.com"));
    let tg = &lb.target_groups[0];
    assert_eq!(tg.target_type, TargetType::Ip);
    assert_eq!(tg.health_check.display(), "TCP:80");
    let ips: Vec<String> = tg.targets.iter().map(|t| t.ip.to_string()).collect();
    assert_eq!(ips, ["192.168.68.109", "192.168.73.93"]);
    assert_eq!(states(tg), vec![H, H]);
    // Off by default for IP targets over TCP; the attribute turns it on.
    assert!(!tg.client_ip_preserved);
    let mut s2 = s.clone();
    s2.services[0].annotations.insert(
        keys::TG_ATTRIBUTES.into(),
        "preserve_client_ip.enabled=true".into(),
    );
    let a2 = analyze(&s2);
    assert!(a2.lbs.load_balancers[0].target_groups[0].client_ip_preserved);
    // The legacy nlb-ip is the same NLB, internal unless told otherwise.
    let a3 = analyze(&svc(&[(keys::LB_TYPE, "nlb-ip")], TrafficPolicy::Local));
    let lb3 = &a3.lbs.load_balancers[0];
    assert_eq!(lb3.scheme, Scheme::Internal);
    assert!(lb3.dns_name.starts_with("internal-k8s-default-mynginx-"));
    assert_eq!(states(&lb3.target_groups[0]), vec![H, H]);
    assert_eq!(lb3.target_groups[0].health_check.display(), "TCP:80");
}

#[test]
fn console_5_and_6_albs() {
    let mut s = lab();
    s.ingresses = vec![ingress("my-nginx", "my-nginx", &[PUBLIC])];
    let a = analyze(&s);
    let lb = a.lbs.load_balancer(&a.lbs.load_balancers[1].name).unwrap();
    assert_eq!((lb.kind, lb.scheme), (LbKind::Alb, Scheme::InternetFacing));
    assert!(
        lb.name.starts_with("k8s-default-mynginx-") && lb.name.len() == 30,
        "{}",
        lb.name
    );
    assert!(lb.dns_name.ends_with(".ap-northeast-2.elb.amazonaws.com"));
    let digits = lb
        .dns_name
        .split('.')
        .next()
        .unwrap()
        .rsplit_once('-')
        .unwrap()
        .1;
    assert!((9..=10).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(lb.listeners[0].port, 80);
    let tg = &lb.target_groups[0];
    assert_eq!(tg.target_type, TargetType::Instance);
    assert_eq!(tg.health_check.display(), "HTTP:30686/");
    assert_eq!(states(tg), vec![H, H, H, H]);
    assert!(lb.cross_zone);
    assert_eq!(a.lbs.ingresses[0].rules[0].target_group, Some(0));

    // Console 6: two Ingresses of one group share one ALB.
    let mut g = lab();
    let group = (keys::ALB_GROUP, "mygroup");
    g.ingresses = vec![
        ingress("my-nginx", "my-nginx", &[PUBLIC, group]),
        ingress("other", "my-nginx", &[PUBLIC, group]),
    ];
    let a = analyze(&g);
    assert_eq!(a.lbs.load_balancers.len(), 2);
    let alb = &a.lbs.load_balancers[1];
    assert!(
        alb.name.starts_with("k8s-mygroup-") && alb.name.len() == 22,
        "{}",
        alb.name
    );
    assert_eq!(
        a.lbs.ingresses[0].load_balancer,
        a.lbs.ingresses[1].load_balancer
    );
    // Both rules use the same target group.
    assert_eq!(alb.target_groups.len(), 1);
    assert_eq!(alb.listeners[0].rules.len(), 2);
    let out = crate::kubectl::get_ingress(&a, Some("default"));
    assert_eq!(out.matches(&alb.dns_name).count(), 2, "{out}");
    assert!(out.starts_with("NAME       CLASS    HOSTS   ADDRESS"));
}

#[test]
fn alb_targets_under_local_and_ip() {
    let mut s = svc(&[], TrafficPolicy::Local);
    s.services[0].service_type = ServiceType::NodePort;
    s.ingresses = vec![ingress("web", "my-nginx", &[PUBLIC])];
    let a = analyze(&s);
    let tg = &a.lbs.load_balancers[0].target_groups[0];
    // A NodePort Service has no healthCheckNodePort: the ALB checks the NodePort,
    // where kube-proxy drops traffic on nodes without a local pod.
    assert_eq!(a.lbs.services[0].health_check_node_port, None);
    assert_eq!(tg.health_check.display(), "HTTP:30686/");
    assert_eq!(states(tg), vec![U, U, H, H]);

    let mut s = lab();
    s.ingresses = vec![ingress(
        "web",
        "my-nginx",
        &[PUBLIC, (keys::ALB_TARGET_TYPE, "ip")],
    )];
    let a = analyze(&s);
    let tg = &a.lbs.load_balancers[1].target_groups[0];
    assert_eq!((tg.target_type, tg.port), (TargetType::Ip, 80));
    assert_eq!(tg.health_check.display(), "HTTP:80/");
    assert_eq!(states(tg), vec![H, H]);
    assert!(!tg.client_ip_preserved);
}

#[test]
fn targets_outside_the_load_balancers_azs_are_unused() {
    let s = svc(
        &[(keys::LB_TYPE, "nlb"), (keys::SUBNETS, "subnet-a")],
        TrafficPolicy::Local,
    );
    let a = analyze(&s);
    let tg = &a.lbs.load_balancers[0].target_groups[0];
    assert_eq!(states(tg), vec![U, U, X, X]);
    assert_eq!(tg.targets[2].health.reason, Some("Target.NotInUse"));
    let c = codes(&s);
    assert!(
        c.contains(&"local-no-ready-pod") && c.contains(&"lb-az-not-enabled"),
        "{c:?}"
    );
}

#[test]
fn what_aws_and_kubernetes_refuse() {
    // No public subnet for an internet-facing load balancer.
    let mut s = lab();
    for sn in &mut s.vpc.subnets {
        sn.default_route = None;
    }
    let a = analyze(&s);
    let lb = &a.lbs.load_balancers[0];
    assert!(!lb.created && lb.dns_name.is_empty());
    assert_eq!(lb.problems[0].code, "no-public-subnet");
    assert!(crate::kubectl::get_svc(&a, None).contains("<pending>"));
    assert!(codes(&s).contains(&"no-public-subnet"));

    // An ALB in one AZ.
    let mut s = lab();
    s.ingresses = vec![ingress(
        "web",
        "my-nginx",
        &[PUBLIC, (keys::ALB_SUBNETS, "subnet-a")],
    )];
    assert!(codes(&s).contains(&"alb-needs-two-azs"));

    // An IngressGroup whose members disagree on the scheme.
    let mut s = lab();
    s.ingresses = vec![
        ingress("a", "my-nginx", &[PUBLIC, (keys::ALB_GROUP, "g")]),
        ingress("b", "my-nginx", &[(keys::ALB_GROUP, "g")]),
    ];
    let a = analyze(&s);
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "ingress-group-scheme-conflict")
        .unwrap();
    assert_eq!(
        d.path,
        "/ingresses/1/annotations/alb.ingress.kubernetes.io~1scheme"
    );

    // Instance targets on a ClusterIP Service (source 004 §2.2).
    let mut s = lab();
    s.services.push(Service {
        name: "web".into(),
        namespace: "default".into(),
        selector: s.services[0].selector.clone(),
        ports: vec![ServicePort {
            port: 80,
            ..ServicePort::default()
        }],
        ..Service::default()
    });
    s.ingresses = vec![ingress("web", "web", &[PUBLIC])];
    let a = analyze(&s);
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "ingress-service-no-nodeport")
        .unwrap();
    assert_eq!(d.path, "/services/1/type");
    assert!(!a.lbs.load_balancers[1].created);
    s.ingresses = vec![ingress(
        "web",
        "web",
        &[PUBLIC, (keys::ALB_TARGET_TYPE, "ip")],
    )];
    assert!(!codes(&s).contains(&"ingress-service-no-nodeport"));

    // IP targets asked of a CLB: still the instance path, with a warning.
    let s = svc(&[(keys::LB_TYPE, "clb"), IP], TrafficPolicy::Cluster);
    let a = analyze(&s);
    assert_eq!(
        a.lbs.load_balancers[0].target_groups[0].target_type,
        TargetType::Instance
    );
    assert!(codes(&s).contains(&"clb-ip-targets-unsupported"));

    // healthCheckNodePort under Cluster; a selector that matches nothing.
    let mut s = lab();
    s.services[0].health_check_node_port = Some(31000);
    s.services[0]
        .selector
        .insert("app".into(), "nothing".into());
    let c = codes(&s);
    for code in [
        "health-check-node-port-not-allowed",
        "service-selects-nothing",
        "no-endpoints",
    ] {
        assert!(c.contains(&code), "{code}: {c:?}");
    }

    // Bad annotation values.
    let s = svc(
        &[EXTERNAL, (keys::NLB_TARGET_TYPE, "pod")],
        TrafficPolicy::Cluster,
    );
    let a = analyze(&s);
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "lb-annotation-invalid")
        .unwrap();
    assert_eq!(
        d.path,
        "/services/0/annotations/service.beta.kubernetes.io~1aws-load-balancer-nlb-target-type"
    );
    assert!(!a.lbs.load_balancers[0].created);
}

#[test]
fn local_spread_is_reported() {
    // One pod: under Local one node takes everything.
    let mut s = svc(&[(keys::LB_TYPE, "nlb")], TrafficPolicy::Local);
    s.workloads[0].replicas = 1;
    s.pods.truncate(1);
    assert!(codes(&s).contains(&"local-few-target-nodes"));
    // Cluster on an NLB with instance targets hides the client.
    assert!(
        codes(&svc(&[(keys::LB_TYPE, "nlb")], TrafficPolicy::Cluster))
            .contains(&"client-ip-hidden")
    );
    // The lab's default is clean (apart from notes).
    let a = analyze(&lab());
    let bad: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.severity != crate::Severity::Info)
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn a_given_host_name_of_the_wrong_shape_is_replaced() {
    let mut s = Scenario::example();
    s.services[0]
        .annotations
        .insert(keys::LB_TYPE.into(), "nlb".into());
    let a = analyze(&s);
    assert!(a.diagnostics.iter().any(|d| d.code == "lb-hostname-stale"));
    let lb = &a.lbs.load_balancers[0];
    assert!(lb.dns_name.starts_with("ad39ba2b8a05d44d2b88e3e11c9706b7-"));
    assert!(lb.dns_name.ends_with(".elb.ap-northeast-2.amazonaws.com"));
}

#[test]
fn bad_manifests_give_located_errors() {
    let e = Scenario::from_json(r#"{"version":1,"services":[{"name":"x","type":"Loadbalancer"}]}"#)
        .unwrap_err();
    assert_eq!(e.path, "/services/0/type");
    let e = Scenario::from_json(
        r#"{"version":1,"services":[{"name":"x","ports":[{"port":80,"nodePort":99999}]}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "/services/0/ports/0/nodePort");
    let e = Scenario::from_json(
        r#"{"version":1,"ingresses":[{"name":"x","rules":[{"serviceName":"a","servicPort":80}]}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "/ingresses/0/rules/0/servicPort");
    assert!(e.suggestion.unwrap_or_default().contains("servicePort"));
    // What parses but Kubernetes refuses is a diagnostic at the field.
    let s = Scenario::from_json(
        r#"{"version":1,"services":[{"name":"x","type":"NodePort","ports":[{"port":80,"nodePort":80}]}]}"#,
    )
    .unwrap();
    let a = analyze(&s);
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "node-port-out-of-range")
        .unwrap();
    assert_eq!(d.path, "/services/0/ports/0/nodePort");
}

/// Instance targets are added a slice of the nodes at a time (the analysis
/// pauses between slices): every node once, in node order, with the health one
/// pass over all the nodes gives (the generated cluster has no network ACL to
/// change it afterwards).
#[test]
fn instance_targets_added_in_slices_are_every_node_in_order() {
    let s = crate::generate::large(12_000, 2);
    let a = analyze(&s);
    let n = a.model.nodes.len();
    assert!(n > 2 * crate::pace::TARGET_NODES_PER_PAUSE, "{n} nodes");
    assert!(a.model.network_acls.is_empty());
    let mut groups = 0;
    for lb in &a.lbs.load_balancers {
        let azs: Vec<String> = lb.nodes.iter().map(|x| x.az.clone()).collect();
        for tg in &lb.target_groups {
            assert!(!tg.awaits_nodes);
            if tg.target_type != TargetType::Instance || tg.targets.is_empty() {
                continue;
            }
            groups += 1;
            let nodes: Vec<TargetRef> = tg.targets.iter().map(|t| t.target).collect();
            let want: Vec<TargetRef> = (0..n).map(|node| TargetRef::Node { node }).collect();
            assert_eq!(nodes, want);
            let svc = &a.lbs.services[tg.service];
            let hc = &tg.health_check;
            let whole = health::node_targets(&a.model, &a.ipam, svc, hc, tg.port, &azs, 0..n);
            assert!(tg.targets == whole);
        }
    }
    assert!(
        groups > 0,
        "the generated cluster has an instance target group"
    );
}
