//! Network ACLs on a load balancer's paths (Elastic Load Balancing, "Configure
//! network ACLs for your load balancer"; Amazon VPC, "Network ACL rules"): the
//! client's request to the listener enters the load balancer's subnet and its
//! replies leave it on the client's ephemeral ports; the load balancer's request to
//! a target leaves its subnet and enters the target's, and the target's replies go
//! back to the load balancer's ephemeral ports (1024-65535) or, when the client's
//! address is kept, to the client's. Stateless: each direction is checked.
//!
//! The lab (`testkit::lb::lab`): the load balancer's nodes in subnet-a (2a,
//! 192.168.32.0/19) and subnet-c (2c, 192.168.64.0/19), which also hold the nodes;
//! my-nginx's pods on the nodes of subnet-c.

use super::*;
use crate::lb::keys;
use crate::scenario::*;
use crate::testkit::lb::{ingress, lab, svc, PUBLIC};
use crate::testkit::{code, field, run};
use crate::trace::fabric_tests::{acl_entry, with_acl};

/// The ACL hop at `subnet` and the rule number it names.
fn acl_hops(t: &Trace) -> Vec<(String, u32, bool)> {
    t.hops
        .iter()
        .filter(|h| h.link == Link::NetworkAcl)
        .map(|h| {
            let r = h.acl_rule.as_ref().expect("an ACL hop names its rule");
            (h.at.as_str().to_string(), r.rule_number, r.egress)
        })
        .collect()
}

fn reason(t: &Trace) -> (String, String) {
    match &t.verdict {
        Verdict::Blocked { reason, .. } => (reason.en.clone(), reason.ko.clone()),
        Verdict::Reachable => Default::default(),
    }
}

fn cite(t: &Trace) -> String {
    match &t.verdict {
        Verdict::Blocked { cite, .. } => cite.section.to_string(),
        Verdict::Reachable => String::new(),
    }
}

#[test]
fn the_listener_port_must_be_let_into_the_load_balancers_subnet() {
    // subnet-a holds the CLB's node of 2a: rule 90 drops port 80 from anywhere.
    let entries = vec![
        acl_entry(90, false, false, "0.0.0.0/0", Some((80, 80))),
        acl_entry(100, false, true, "0.0.0.0/0", None),
        acl_entry(100, true, true, "0.0.0.0/0", None),
    ];
    let s = with_acl(svc(&[], TrafficPolicy::Cluster), "subnet-a", entries);
    let t = run(&s, "svc:my-nginx");
    assert_eq!(code(&t), Some("network-acl-denies"));
    assert_eq!(t.blocked_at().unwrap().as_str(), "subnet:subnet-a");
    // Blocked after the internet gateway, before the load balancer.
    let v: Vec<Link> = t.hops.iter().map(|h| h.link).collect();
    assert_eq!(&v[v.len() - 2..], [Link::InternetGateway, Link::NetworkAcl]);
    assert_eq!(acl_hops(&t), [("subnet:subnet-a".to_string(), 90, false)]);
    assert_eq!(field(&t).as_deref(), Some("/vpc/networkAcls/0/entries/0"));
    let (en, ko) = reason(&t);
    assert!(en.contains("acl-1") && en.contains("rule 90"), "{en}");
    assert!(ko.contains("acl-1") && ko.contains("rule 90"), "{ko}");
    assert!(cite(&t).contains("Elastic Load Balancing"), "{}", cite(&t));
    // Without the deny, rule 100 admits the listener port and the trace says so.
    let mut s = s;
    s.vpc.network_acls[0].entries.remove(0);
    let t = run(&s, "svc:my-nginx");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(acl_hops(&t)[0], ("subnet:subnet-a".to_string(), 100, false));
}

#[test]
fn the_replies_to_the_client_leave_on_its_ephemeral_ports() {
    // Out only to the VPC and to port 443 (the nodes' kubelets reach the public
    // endpoint): the listener's replies to the internet client are dropped.
    let entries = vec![
        acl_entry(100, false, true, "0.0.0.0/0", None),
        acl_entry(100, true, true, "192.168.0.0/16", None),
        acl_entry(110, true, true, "0.0.0.0/0", Some((443, 443))),
    ];
    let s = with_acl(svc(&[], TrafficPolicy::Cluster), "subnet-a", entries);
    let t = run(&s, "svc:my-nginx");
    assert_eq!(code(&t), Some("network-acl-denies-return"));
    assert_eq!(t.blocked_at().unwrap().as_str(), "subnet:subnet-a");
    let (en, ko) = reason(&t);
    assert!(en.contains("1024-65535") && en.contains("acl-1"), "{en}");
    assert!(ko.contains("1024-65535"), "{ko}");
    // The ELB guide's rule: out to 0.0.0.0/0 on 1024-65535.
    let mut s = s;
    s.vpc.network_acls[0].entries.push(acl_entry(
        120,
        true,
        true,
        "0.0.0.0/0",
        Some((1024, 65535)),
    ));
    assert!(run(&s, "svc:my-nginx").is_reachable());
}

/// my-nginx as a NodePort Service under Local behind an internet-facing ALB with
/// instance targets: the ALB (cross-zone) sends from its node in subnet-a to
/// ip-192-168-75-136's NodePort in subnet-c.
fn alb_instance_local() -> Scenario {
    let mut s = lab();
    s.services[0].external_traffic_policy = TrafficPolicy::Local;
    s.services[0].service_type = ServiceType::NodePort;
    s.ingresses = vec![ingress("web", "my-nginx", &[PUBLIC])];
    s
}

/// What keeps the nodes of a subnet alive: replies to their own connections
/// (Linux's ephemeral ports) from anywhere.
fn node_replies(number: u32) -> NetworkAclEntry {
    acl_entry(number, false, true, "0.0.0.0/0", Some((32768, 65535)))
}

#[test]
fn instance_targets_need_the_node_port_in_and_the_replies_out() {
    let entries = vec![
        node_replies(100),
        acl_entry(100, true, true, "0.0.0.0/0", None),
    ];
    let s = with_acl(alb_instance_local(), "subnet-c", entries);
    let t = run(&s, "ing:web");
    assert_eq!(code(&t), Some("network-acl-denies"), "{:?}", t.verdict);
    assert_eq!(t.blocked_at().unwrap().as_str(), "subnet:subnet-c");
    let (en, ko) = reason(&t);
    assert!(
        en.contains("TCP 3") && en.contains("rule *"),
        "the NodePort: {en}"
    );
    assert!(en.contains("192.168.32."), "from the ALB's node: {en}");
    assert!(ko.contains("acl-1"), "{ko}");
    assert_eq!(field(&t).as_deref(), Some("/vpc/networkAcls/0/entries"));
    // The NodePort range from the VPC in; out only 443 (the kubelets' calls): the
    // ALB's connection, from one of 1024-65535, never hears back.
    let mut s = s;
    s.vpc.network_acls[0].entries = vec![
        node_replies(100),
        acl_entry(110, false, true, "192.168.0.0/16", Some((30000, 32767))),
        acl_entry(100, true, true, "0.0.0.0/0", Some((443, 443))),
    ];
    let t = run(&s, "ing:web");
    assert_eq!(
        code(&t),
        Some("network-acl-denies-return"),
        "{:?}",
        t.verdict
    );
    assert!(reason(&t).0.contains("1024-65535"), "{}", reason(&t).0);
    s.vpc.network_acls[0].entries.push(acl_entry(
        110,
        true,
        true,
        "192.168.0.0/16",
        Some((1024, 65535)),
    ));
    let t = run(&s, "ing:web");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(acl_hops(&t), [("subnet:subnet-c".to_string(), 110, false)]);
}

#[test]
fn a_kept_client_address_must_be_admitted_by_the_targets_subnet() {
    // subnet-c admits only the VPC: enough for the CLB (it proxies), not for an
    // NLB's instance targets under Local, which see the client's own address.
    // Cross-zone, so that the node in 2a sends to the targets in 2c.
    let cross_zone = (keys::CROSS_ZONE, "true");
    let vpc_only = vec![
        acl_entry(100, false, true, "192.168.0.0/16", None),
        node_replies(110),
        acl_entry(100, true, true, "0.0.0.0/0", None),
    ];
    let clb = with_acl(
        svc(&[cross_zone], TrafficPolicy::Local),
        "subnet-c",
        vpc_only.clone(),
    );
    let t = run(&clb, "svc:my-nginx");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    assert_eq!(acl_hops(&t), [("subnet:subnet-c".to_string(), 100, false)]);
    let nlb = with_acl(
        svc(&[(keys::LB_TYPE, "nlb"), cross_zone], TrafficPolicy::Local),
        "subnet-c",
        vpc_only,
    );
    let t = run(&nlb, "svc:my-nginx");
    let a = crate::analyze(&nlb);
    assert!(a.lbs.load_balancers[0].target_groups[0].target_sees_client_ip);
    assert_eq!(code(&t), Some("network-acl-denies"), "{:?}", t.verdict);
    assert_eq!(t.blocked_at().unwrap().as_str(), "subnet:subnet-c");
    assert!(reason(&t).0.contains("203.0.113.10"), "{}", reason(&t).0);
}

#[test]
fn ip_targets_leave_the_load_balancers_subnet_on_the_pods_port() {
    // The ALB's node in 2a sends to the pod on 192.168.68.109:80 in subnet-c;
    // subnet-a lets out only the replies to clients (1024-65535).
    let mut s = lab();
    s.ingresses = vec![ingress(
        "web",
        "my-nginx",
        &[PUBLIC, (keys::ALB_TARGET_TYPE, "ip")],
    )];
    let entries = vec![
        acl_entry(100, false, true, "0.0.0.0/0", None),
        acl_entry(100, true, true, "0.0.0.0/0", Some((1024, 65535))),
    ];
    let s = with_acl(s, "subnet-a", entries);
    let t = run(&s, "ing:web");
    assert_eq!(code(&t), Some("network-acl-denies"), "{:?}", t.verdict);
    assert_eq!(t.blocked_at().unwrap().as_str(), "subnet:subnet-a");
    let hop = t.hops.last().unwrap();
    let rule = hop.acl_rule.as_ref().unwrap();
    assert!(rule.egress, "the load balancer subnet's outbound rules");
    assert!(reason(&t).0.contains("TCP 80"), "{}", reason(&t).0);
    // The ALB came first: the listener's hop into subnet-a was admitted.
    assert!(t.hops.iter().any(|h| h.link == Link::LoadBalancer));
    let mut s = s;
    s.vpc.network_acls[0].entries.push(acl_entry(
        110,
        true,
        true,
        "192.168.0.0/16",
        Some((80, 80)),
    ));
    let t = run(&s, "ing:web");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    let egress: Vec<_> = acl_hops(&t).into_iter().filter(|h| h.2).collect();
    assert_eq!(egress, [("subnet:subnet-a".to_string(), 110, true)]);
}

#[test]
fn within_one_subnet_no_acl_is_crossed() {
    // Cluster: the CLB's node and ip-192-168-46-6 share subnet-a, whose ACL would
    // drop the NodePort; only the listener's way in and kube-proxy's hop to the
    // pod in subnet-c cross it.
    let entries = vec![
        acl_entry(100, false, true, "0.0.0.0/0", Some((80, 80))),
        acl_entry(110, false, true, "192.168.64.0/19", None),
        node_replies(120),
        acl_entry(100, true, true, "0.0.0.0/0", None),
    ];
    let s = with_acl(svc(&[], TrafficPolicy::Cluster), "subnet-a", entries);
    let t = run(&s, "svc:my-nginx");
    assert!(t.is_reachable(), "{:?}", t.verdict);
    let at: Vec<String> = acl_hops(&t).into_iter().map(|h| h.0).collect();
    assert_eq!(at, ["subnet:subnet-a", "subnet:subnet-a"]);
}

/// The diagnostics of `s` with `code`, as (path, English message, Korean message).
fn diags(s: &Scenario, code: &str) -> Vec<(String, String, String)> {
    crate::analyze(s)
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == code)
        .map(|d| (d.path.clone(), d.message.en.clone(), d.message.ko.clone()))
        .collect()
}

#[test]
fn health_checks_the_acls_drop_make_targets_unhealthy_with_elbs_code() {
    use crate::lb::HealthState;
    // subnet-c lets in only the nodes' own replies: the ALB's checks on the
    // NodePort from its node in subnet-a (cross-zone) are dropped.
    let entries = vec![
        node_replies(100),
        acl_entry(100, true, true, "0.0.0.0/0", None),
    ];
    let s = with_acl(alb_instance_local(), "subnet-c", entries.clone());
    let a = crate::analyze(&s);
    let alb = a.lbs.load_balancers.last().unwrap();
    let tg = &alb.target_groups[0];
    // Under Local only the nodes of subnet-c (with the pods) would pass; now
    // none does, and ELB's own code for a timed-out check says why.
    assert_eq!(tg.healthy().count(), 0);
    let in_c: Vec<_> = tg
        .targets
        .iter()
        .filter(|t| t.ip.octets()[2] >= 64)
        .collect();
    assert_eq!(in_c.len(), 2);
    for t in in_c {
        assert_eq!(t.health.state, HealthState::Unhealthy);
        assert_eq!(t.health.reason, Some("Target.Timeout"));
        assert_eq!(t.health.code, Some(crate::Code::NetworkAclDenies));
        assert_eq!(
            t.health.field.as_deref(),
            Some("/vpc/networkAcls/0/entries")
        );
        assert!(t.health.why.en.contains("rule *"), "{}", t.health.why.en);
    }
    // `check` reports it at the ACL's entries, beside ELB's code, in both languages.
    let d = diags(&s, "network-acl-denies");
    let target = d
        .iter()
        .find(|(_, en, _)| en.contains("Target.Timeout"))
        .expect("a target diagnostic");
    assert_eq!(target.0, "/vpc/networkAcls/0/entries");
    assert!(target.2.contains("Target.Timeout") && target.2.contains("acl-1"));
    // The trace fails open (no healthy target) and stops at the same ACL.
    let t = run(&s, "ing:web");
    assert_eq!(code(&t), Some("network-acl-denies"), "{:?}", t.verdict);
    // An NLB's target with a dropped check is Target.FailedHealthChecks (the API
    // reference gives Target.Timeout for ALBs).
    let mut nlb = with_acl(
        svc(
            &[(keys::LB_TYPE, "nlb"), (keys::CROSS_ZONE, "true")],
            TrafficPolicy::Cluster,
        ),
        "subnet-c",
        entries,
    );
    let a = crate::analyze(&nlb);
    let tg = &a.lbs.load_balancers[0].target_groups[0];
    let dropped: Vec<_> = tg
        .targets
        .iter()
        .filter(|t| t.health.code.is_some())
        .collect();
    assert!(!dropped.is_empty());
    assert!(dropped
        .iter()
        .all(|t| t.health.reason == Some("Target.FailedHealthChecks")));
    // The ELB guide's rules for the subnets of both (1024-65535 in from the VPC:
    // the NodePorts, and the replies to the checks subnet-c's node sends to the
    // targets in subnet-a), and all pass.
    nlb.vpc.network_acls[0].entries = vec![
        acl_entry(100, false, true, "192.168.0.0/16", Some((1024, 65535))),
        node_replies(110),
        acl_entry(100, true, true, "0.0.0.0/0", None),
    ];
    let a = crate::analyze(&nlb);
    let tg = &a.lbs.load_balancers[0].target_groups[0];
    assert!(
        tg.targets.iter().all(|t| t.health.code.is_none()),
        "{:?}",
        tg.targets
            .iter()
            .map(|t| &t.health.why.en)
            .collect::<Vec<_>>()
    );
    // Still, subnet-c takes nothing from the internet: the listener is reported.
    let d = diags(&nlb, "network-acl-denies");
    assert!(!d.iter().any(|(_, en, _)| en.contains("Target.")), "{d:?}");
    assert!(
        d.iter().any(|(_, en, _)| en.contains("listener 80")),
        "{d:?}"
    );
}

#[test]
fn check_reports_a_listener_the_load_balancers_subnet_acl_drops() {
    // As in the trace test: rule 90 drops port 80 into subnet-a.
    let entries = vec![
        acl_entry(90, false, false, "0.0.0.0/0", Some((80, 80))),
        acl_entry(100, false, true, "0.0.0.0/0", None),
        acl_entry(100, true, true, "0.0.0.0/0", None),
    ];
    let s = with_acl(svc(&[], TrafficPolicy::Cluster), "subnet-a", entries);
    let d = diags(&s, "network-acl-denies");
    let (path, en, ko) = d
        .iter()
        .find(|(_, en, _)| en.contains("listener 80"))
        .expect("a listener diagnostic");
    assert_eq!(path, "/vpc/networkAcls/0/entries/0");
    assert!(
        en.contains("rule 90") && ko.contains("리스너 80"),
        "{en} / {ko}"
    );
    // The replies: out only to the VPC and 443.
    let entries = vec![
        acl_entry(100, false, true, "0.0.0.0/0", None),
        acl_entry(100, true, true, "192.168.0.0/16", None),
        acl_entry(110, true, true, "0.0.0.0/0", Some((443, 443))),
    ];
    let s = with_acl(svc(&[], TrafficPolicy::Cluster), "subnet-a", entries);
    let d = diags(&s, "network-acl-denies-return");
    assert!(
        d.iter().any(|(p, en, _)| p == "/vpc/networkAcls/0/entries"
            && en.contains("listener 80")
            && en.contains("1024-65535")),
        "{d:?}"
    );
    // Without ACLs nothing is reported.
    let s = svc(&[], TrafficPolicy::Cluster);
    assert!(diags(&s, "network-acl-denies").is_empty());
    assert!(diags(&s, "network-acl-denies-return").is_empty());
}

#[test]
fn the_acl_hop_shown_in_the_json_docs_is_what_the_trace_gives() {
    let page = include_str!("../../../../docs/cli-json.md");
    let from = page
        .find("**An ACL hop on a load balancer's path.**")
        .expect("the docs' ACL hop example");
    let block = &page[from..];
    let start = block.find("```json\n").unwrap() + "```json\n".len();
    let end = start + block[start..].find("```").unwrap();
    let want: serde_json::Value = serde_json::from_str(&block[start..end]).unwrap();
    let entries = vec![
        acl_entry(90, false, false, "0.0.0.0/0", Some((80, 80))),
        acl_entry(100, false, true, "0.0.0.0/0", None),
        acl_entry(100, true, true, "0.0.0.0/0", None),
    ];
    let s = with_acl(svc(&[], TrafficPolicy::Cluster), "subnet-a", entries);
    let t = run(&s, "svc:my-nginx");
    let got = serde_json::to_value(t.hops.last().unwrap()).unwrap();
    for (k, v) in want.as_object().unwrap() {
        assert_eq!(&got[k], v, "{k}");
    }
    assert_eq!(field(&t).as_deref(), want["aclRule"]["pointer"].as_str());
}
