//! Every combination of source 004 §2 (CLB + instance, NLB + instance, NLB + IP,
//! ALB + instance, ALB + IP, under Cluster and Local where it applies), hop by hop,
//! with the health of every target and whether the client's address survives;
//! then pod → pod and pod → Service, and the blocked cases.
//!
//! The lab (`testkit::lb::lab`): four nodes, ip-192-168-46-6 and ip-192-168-48-175 in
//! ap-northeast-2a (subnet-a), ip-192-168-75-136 and ip-192-168-90-3 in
//! ap-northeast-2c (subnet-c); my-nginx's two pods on the 2c nodes.

use super::*;
use crate::lb::{keys, HealthState, TargetType};
use crate::scenario::*;
use crate::testkit::lb::{ingress, lab, states, svc, EXTERNAL, IP, NLB_PUBLIC, PUBLIC};
use crate::testkit::{code, field, fix, ids, run};
use crate::{analyze, Scenario};

use HealthState::{Healthy as H, Unhealthy as U};

const CLB: &str = "ad39ba2b8a05d44d2b88e3e11c9706b7";
const POD_90: &str = "pod:default/my-nginx-5dc4865748-6pr9g";
const POD_75: &str = "pod:default/my-nginx-5dc4865748-8snkt";

fn node(ip: &str) -> String {
    format!(
        "node:ip-{}.ap-northeast-2.compute.internal",
        ip.replace('.', "-")
    )
}

fn eni(ip: &str, k: usize) -> String {
    format!(
        "eni:ip-{}.ap-northeast-2.compute.internal:{k}",
        ip.replace('.', "-")
    )
}

/// The hops up to the load balancer for the internet client, then `rest`.
fn path(lb: &str, rest: &[String]) -> Vec<String> {
    let mut v: Vec<String> = ["client:laptop", "dns:public", "internet", "igw"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    v.push(format!("lb:{lb}"));
    v.push(format!("tg:{lb}:0"));
    v.extend(rest.iter().cloned());
    v
}

/// Instance target ip-192-168-46-6 (2a), then kube-proxy sends to the pod on
/// ip-192-168-90-3 (Cluster).
fn via_46_to_90() -> Vec<String> {
    vec![
        "subnet:subnet-a".into(),
        "sg:sg-cluster".into(),
        eni("192.168.46.6", 0),
        node("192.168.46.6"),
        // kube-proxy sends it on from the node in subnet-a: subnet-a's table
        // routes it (the sender's), then it enters subnet-c.
        "subnet:subnet-a".into(),
        "subnet:subnet-c".into(),
        "sg:sg-cluster".into(),
        eni("192.168.90.3", 0),
        node("192.168.90.3"),
        POD_90.into(),
    ]
}

/// The load balancer's node in subnet `lb` sends to subnet-c: `lb`'s table routes
/// the packet (the sender's, AWS's rule), and it enters subnet-c when it comes
/// from another subnet (an ALB's node in 2a: ALBs balance across zones).
fn from_lb_into_c(lb: &str) -> Vec<String> {
    let mut v = vec![format!("subnet:{lb}")];
    if lb != "subnet-c" {
        v.push("subnet:subnet-c".into());
    }
    v
}

/// Instance target ip-192-168-75-136 (2c), its local pod (Local), from the load
/// balancer's node in subnet `lb`.
fn via_75_local(lb: &str) -> Vec<String> {
    let mut v = from_lb_into_c(lb);
    v.extend([
        "sg:sg-cluster".into(),
        eni("192.168.75.136", 0),
        node("192.168.75.136"),
        POD_75.into(),
    ]);
    v
}

/// IP target: the pod on ip-192-168-90-3, straight from the load balancer's
/// node in subnet `lb`.
fn ip_to_90(lb: &str) -> Vec<String> {
    let mut v = from_lb_into_c(lb);
    v.extend([
        "sg:sg-cluster".into(),
        eni("192.168.90.3", 0),
        node("192.168.90.3"),
        POD_90.into(),
    ]);
    v
}

fn src_at<'t>(t: &'t Trace, at: &str) -> &'t str {
    t.hops
        .iter()
        .rev()
        .find(|h| h.at.as_str() == at)
        .and_then(|h| h.src.as_deref())
        .unwrap_or("")
}

fn lb_name(s: &Scenario, k: usize) -> String {
    analyze(s).lbs.load_balancers[k].name.clone()
}

fn tg_states(s: &Scenario, k: usize) -> Vec<HealthState> {
    states(&analyze(s).lbs.load_balancers[k].target_groups[0])
}

#[test]
fn clb_instance_cluster() {
    let s = svc(&[], TrafficPolicy::Cluster);
    let t = run(&s, "svc:my-nginx");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(ids(&t), path(CLB, &via_46_to_90()));
    assert_eq!(tg_states(&s, 0), vec![H, H, H, H]);
    assert_eq!(t.client_ip_preserved, Some(false));
    // The CLB proxies: the node sees the CLB's address; kube-proxy SNATs to the node.
    assert_eq!(src_at(&t, &format!("lb:{CLB}")), "203.0.113.10");
    assert!(src_at(&t, &eni("192.168.46.6", 0)).starts_with("192.168.32."));
    assert_eq!(src_at(&t, POD_90), "192.168.46.6");
    assert!(!t.crosses_internet() || t.hops[2].public_internet);
}

#[test]
fn clb_instance_local() {
    let s = svc(&[], TrafficPolicy::Local);
    let t = run(&s, "svc:my-nginx");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(ids(&t), path(CLB, &via_75_local("subnet-c")));
    assert_eq!(tg_states(&s, 0), vec![U, U, H, H]);
    // Local keeps the source, but the CLB already replaced it.
    assert_eq!(t.client_ip_preserved, Some(false));
    assert!(src_at(&t, POD_75).starts_with("192.168.64."));
}

#[test]
fn nlb_instance_cluster() {
    let s = svc(&[(keys::LB_TYPE, "nlb")], TrafficPolicy::Cluster);
    let t = run(&s, "svc:my-nginx");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(ids(&t), path(CLB, &via_46_to_90()));
    assert_eq!(tg_states(&s, 0), vec![H, H, H, H]);
    assert_eq!(t.client_ip_preserved, Some(false));
    // The NLB keeps the client's address to the node; kube-proxy's SNAT hides it.
    assert_eq!(src_at(&t, &eni("192.168.46.6", 0)), "203.0.113.10");
    assert_eq!(src_at(&t, POD_90), "192.168.46.6");
}

#[test]
fn nlb_instance_local() {
    let s = svc(&[(keys::LB_TYPE, "nlb")], TrafficPolicy::Local);
    let t = run(&s, "svc:my-nginx");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(ids(&t), path(CLB, &via_75_local("subnet-c")));
    assert_eq!(tg_states(&s, 0), vec![U, U, H, H]);
    assert_eq!(t.client_ip_preserved, Some(true));
    assert_eq!(src_at(&t, POD_75), "203.0.113.10");
}

#[test]
fn nlb_ip_under_both_policies() {
    for policy in [TrafficPolicy::Cluster, TrafficPolicy::Local] {
        let s = svc(&[EXTERNAL, IP, NLB_PUBLIC], policy);
        let name = lb_name(&s, 0);
        let t = run(&s, "svc:my-nginx");
        assert!(t.is_reachable(), "{:?}", t.verdict);
        // No NodePort, no kube-proxy: straight to the pod's IP.
        assert_eq!(ids(&t), path(&name, &ip_to_90("subnet-c")), "{policy:?}");
        assert_eq!(tg_states(&s, 0), vec![H, H]);
        assert_eq!(t.client_ip_preserved, Some(false));
        assert!(
            src_at(&t, POD_90).starts_with("192.168.64."),
            "the NLB's own address"
        );
        assert!(!t.hops.iter().any(|h| h.link == Link::KubeProxy));
    }
    let mut s = svc(&[EXTERNAL, IP, NLB_PUBLIC], TrafficPolicy::Cluster);
    s.services[0].annotations.insert(
        keys::TG_ATTRIBUTES.into(),
        "preserve_client_ip.enabled=true".into(),
    );
    let t = run(&s, "svc:my-nginx");
    assert_eq!(t.client_ip_preserved, Some(true));
    assert_eq!(src_at(&t, POD_90), "203.0.113.10");
}

#[test]
fn alb_instance_cluster_and_local() {
    let mut s = lab();
    s.ingresses = vec![ingress("web", "my-nginx", &[PUBLIC])];
    let name = lb_name(&s, 1);
    let t = run(&s, "ing:web");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(ids(&t), path(&name, &via_46_to_90()));
    assert_eq!(tg_states(&s, 1), vec![H, H, H, H]);
    assert_eq!(t.client_ip_preserved, Some(false));

    s.services[0].external_traffic_policy = TrafficPolicy::Local;
    s.services[0].service_type = ServiceType::NodePort;
    let name = lb_name(&s, 0);
    let t = run(&s, "ing:web");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    // Cross-zone: the ALB node in 2a sends to the first healthy node, in 2c.
    assert_eq!(ids(&t), path(&name, &via_75_local("subnet-a")));
    assert_eq!(tg_states(&s, 0), vec![U, U, H, H]);
    assert_eq!(t.client_ip_preserved, Some(false));
}

#[test]
fn alb_ip() {
    for policy in [TrafficPolicy::Cluster, TrafficPolicy::Local] {
        let mut s = svc(&[], policy);
        s.ingresses = vec![ingress(
            "web",
            "my-nginx",
            &[PUBLIC, (keys::ALB_TARGET_TYPE, "ip")],
        )];
        let name = lb_name(&s, 1);
        let t = run(&s, "ing:default/web@laptop");
        assert!(t.is_reachable(), "{:?}", t.verdict);
        assert_eq!(ids(&t), path(&name, &ip_to_90("subnet-a")));
        assert_eq!(tg_states(&s, 1), vec![H, H]);
        assert_eq!(t.client_ip_preserved, Some(false));
        let a = analyze(&s);
        assert_eq!(
            a.lbs.load_balancers[1].target_groups[0].target_type,
            TargetType::Ip
        );
    }
}

#[test]
fn internal_load_balancers() {
    let s = svc(&[(keys::LB_TYPE, "nlb-ip")], TrafficPolicy::Cluster);
    let t = run(&s, "svc:my-nginx");
    assert_eq!(code(&t), Some("internal-lb-from-internet"));
    assert_eq!(ids(&t), ["client:laptop", "dns:public", "internet"]);
    let dns = t.hops[1].dns.as_ref().unwrap();
    assert!(dns.name.starts_with("internal-"));
    assert!(dns.addresses.iter().all(|a| a.starts_with("192.168.")));
    assert!(field(&t).unwrap().ends_with("aws-load-balancer-scheme"));
    // From the VPC the private address is a local route away.
    let t = run(&s, "svc:my-nginx@bastion");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    let name = lb_name(&s, 0);
    let mut want = vec![
        "client:bastion".to_string(),
        "dns:resolver".into(),
        // The bastion's subnet-a routes it; it enters the load balancer's subnet-c.
        "subnet:subnet-a".into(),
        "subnet:subnet-c".into(),
        format!("lb:{name}"),
        format!("tg:{name}:0"),
    ];
    want.extend(ip_to_90("subnet-c"));
    assert_eq!(ids(&t), want);
    assert!(!t.hops.iter().any(|h| h.leaves_vpc));
}

#[test]
fn an_internet_facing_lb_from_the_vpc_goes_out_and_back_in() {
    let s = svc(&[(keys::LB_TYPE, "nlb")], TrafficPolicy::Local);
    let t = run(&s, "svc:my-nginx@bastion");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    let v = ids(&t);
    assert_eq!(
        &v[..5],
        [
            "client:bastion",
            "dns:resolver",
            "subnet:subnet-a",
            "igw",
            "lb:ad39ba2b8a05d44d2b88e3e11c9706b7"
        ]
    );
    assert!(t.hops[3].why.en.contains("turns around"));
    // The NLB sees (and the pod keeps) the bastion's public address.
    let public = src_at(&t, &format!("lb:{CLB}")).to_string();
    assert!(!public.starts_with("192.168."));
    assert_eq!(src_at(&t, POD_75), public);
}

#[test]
fn blocked_load_balancer_cases() {
    // No public subnet: the CLB is never created.
    let mut s = lab();
    for sn in &mut s.vpc.subnets {
        sn.default_route = None;
    }
    let t = run(&s, "svc:my-nginx");
    assert_eq!(code(&t), Some("no-public-subnet"));
    assert_eq!(ids(&t), ["client:laptop".to_string(), format!("lb:{CLB}")]);

    // Local, and no node in the load balancer's AZ runs a pod.
    let s = svc(
        &[(keys::LB_TYPE, "nlb"), (keys::SUBNETS, "subnet-a")],
        TrafficPolicy::Local,
    );
    let t = run(&s, "svc:my-nginx");
    assert_eq!(code(&t), Some("local-no-ready-pod"));
    // Nothing reaches a pod, so whether a pod sees the client's address is moot.
    assert_eq!(t.client_ip_preserved, None);
    assert_eq!(
        t.blocked_at().map(|x| x.as_str()),
        Some(format!("tg:{CLB}:0").as_str())
    );

    // No endpoints.
    let mut s = lab();
    s.services[0]
        .selector
        .insert("app".into(), "nothing".into());
    assert_eq!(code(&run(&s, "svc:my-nginx")), Some("no-endpoints"));

    // Instance targets on a ClusterIP Service (source 004 §2.2).
    let mut s = lab();
    s.services[0].service_type = ServiceType::ClusterIP;
    s.ingresses = vec![ingress("web", "my-nginx", &[PUBLIC])];
    let t = run(&s, "ing:web");
    assert_eq!(code(&t), Some("ingress-service-no-nodeport"));
    assert!(t
        .blocked_at()
        .unwrap()
        .as_str()
        .starts_with("lb:k8s-default-web-"));
    // ... and that Service has no load balancer of its own.
    assert_eq!(
        code(&run(&s, "svc:my-nginx")),
        Some("service-not-load-balanced")
    );

    // IP targets asked of a CLB: the instance path, explained.
    let s = svc(&[(keys::LB_TYPE, "clb"), IP], TrafficPolicy::Cluster);
    let t = run(&s, "svc:my-nginx");
    assert!(t.is_reachable());
    assert_eq!(ids(&t), path(CLB, &via_46_to_90()));
    assert!(t.hops[4].why.en.contains("registers only instances"));

    // Not an ALB Ingress; unknown names.
    let mut s = lab();
    let mut i = ingress("web", "my-nginx", &[]);
    i.annotations.clear();
    s.ingresses = vec![i];
    assert_eq!(code(&run(&s, "ing:web")), Some("ingress-not-alb"));
    assert_eq!(code(&run(&s, "ing:nope")), Some("unknown-ingress"));
    let t = run(&s, "svc:my-ngin");
    assert_eq!(code(&t), Some("unknown-service"));
    assert!(fix(&t).contains("default/my-nginx"));
    assert_eq!(
        code(&run(&s, "svc:my-nginx@nobody")),
        Some("unknown-client")
    );
}

#[test]
fn no_clients_means_a_stand_in_on_the_internet() {
    let mut s = lab();
    s.clients.clear();
    let t = run(&s, "svc:my-nginx");
    assert!(t.is_reachable());
    assert_eq!(t.hops[0].at.as_str(), "client:internet");
    assert_eq!(t.hops[0].src.as_deref(), Some(STAND_IN_CLIENT));
}

// ------------------------------------------------------------------ pods

const POD_46: &str = "pod:default/my-nginx-5dc4865748-g2xzk";

#[test]
fn pod_to_pod_across_nodes_and_subnets_without_nat() {
    let s = Scenario::example();
    let t = run(
        &s,
        "pod:my-nginx-5dc4865748-g2xzk->pod:my-nginx-5dc4865748-6pr9g",
    );
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(
        ids(&t),
        [
            POD_46.to_string(),
            node("192.168.46.6"),
            eni("192.168.46.6", 0),
            // The sender's subnet-a routes it, then it enters subnet-c.
            "subnet:subnet-a".into(),
            "subnet:subnet-c".into(),
            "sg:sg-cluster".into(),
            eni("192.168.90.3", 0),
            node("192.168.90.3"),
            POD_90.into(),
        ]
    );
    // Every hop carries the sender's own pod IP.
    assert!(t
        .hops
        .iter()
        .all(|h| h.src.as_deref() == Some("192.168.36.89")));
    assert!(t.hops.iter().all(|h| !h.leaves_vpc));
    assert_eq!(t.client_ip_preserved, Some(true));
}

fn with_tools(node_ip: &str) -> Scenario {
    let mut s = Scenario::example();
    s.workloads.push(Workload {
        name: "tools".into(),
        replicas: 1,
        ..Workload::default()
    });
    s.pods.push(PodPin {
        name: "tools-0".into(),
        workload: "tools".into(),
        namespace: "default".into(),
        node_name: node_ip.into(),
        pod_ip: None,
    });
    s
}

#[test]
fn pod_to_pod_on_one_node_stays_in_the_host() {
    let s = with_tools("192.168.46.6");
    let t = run(&s, "pod:tools-0->pod:my-nginx-5dc4865748-g2xzk");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(
        ids(&t),
        [
            "pod:default/tools-0".to_string(),
            node("192.168.46.6"),
            POD_46.into()
        ]
    );
}

#[test]
fn pod_to_service_is_kube_proxys_dnat() {
    let s = Scenario::example();
    let t = run(&s, "pod:my-nginx-5dc4865748-g2xzk->svc:my-nginx");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(
        ids(&t),
        [
            POD_46.to_string(),
            node("192.168.46.6"),
            eni("192.168.46.6", 0),
            // The sender's subnet-a routes it, then it enters subnet-c.
            "subnet:subnet-a".into(),
            "subnet:subnet-c".into(),
            "sg:sg-cluster".into(),
            eni("192.168.90.3", 0),
            node("192.168.90.3"),
            POD_90.into(),
        ]
    );
    assert_eq!(t.hops[0].dst.as_deref(), Some("10.100.51.23:80"));
    assert_eq!(t.hops[1].link, Link::KubeProxy);
    assert_eq!(t.hops[1].dst.as_deref(), Some("192.168.68.109:80"));
    assert_eq!(src_at(&t, POD_90), "192.168.36.89");
    // A backend on the caller's own node.
    let s = with_tools("192.168.90.3");
    let t = run(&s, "pod:tools-0->svc:my-nginx");
    assert_eq!(
        ids(&t),
        [
            "pod:default/tools-0".to_string(),
            node("192.168.90.3"),
            POD_90.into()
        ]
    );
    // No ready endpoint: kube-proxy rejects.
    let mut s = Scenario::example();
    s.workloads[0].ready = false;
    let t = run(&s, "pod:my-nginx-5dc4865748-g2xzk->svc:my-nginx");
    assert_eq!(code(&t), Some("no-endpoints"));
}

#[test]
fn pod_flows_meet_security_groups_and_unknown_pods() {
    let mut s = Scenario::example();
    s.security_groups[0].ingress[0].ip_protocol = "tcp".into();
    s.security_groups[0].ingress[0].from_port = 443;
    s.security_groups[0].ingress[0].to_port = 443;
    let t = run(
        &s,
        "pod:my-nginx-5dc4865748-g2xzk->pod:my-nginx-5dc4865748-6pr9g",
    );
    assert_eq!(code(&t), Some("security-group-denies"));
    // Same node: no security group is in the way.
    let mut s = with_tools("192.168.46.6");
    s.security_groups[0].ingress.clear();
    assert!(run(&s, "pod:tools-0->pod:my-nginx-5dc4865748-g2xzk").is_reachable());
    let t = run(&s, "pod:nope->pod:tools-0");
    assert_eq!(code(&t), Some("unknown-pod"));
    assert_eq!(
        code(&run(&s, "pod:tools-0->svc:nope")),
        Some("unknown-service")
    );
}
