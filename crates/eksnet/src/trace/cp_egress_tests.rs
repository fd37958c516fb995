//! Control plane egress (`egress:oidc`) in each `controlPlaneEgressMode`, against
//! the lab of `testkit` with its routing written as route tables.

use super::fabric_tests::with_tables;
use super::*;
use crate::scenario::ControlPlaneEgressMode as Mode;
use crate::testkit::{code, lab, run};
use crate::Scenario;

fn with_mode(mut s: Scenario, mode: Mode) -> Scenario {
    s.cluster.resources_vpc_config.control_plane_egress_mode = mode;
    s
}

/// The lab's tables with the private table's default route (to the NAT gateway)
/// removed: the cluster subnets have no route to the internet.
fn without_default_route(s: Scenario) -> Scenario {
    let mut s = with_tables(s);
    for t in &mut s.vpc.route_tables {
        if t.route_table_id == "rtb-private" {
            t.routes
                .retain(|r| r.destination_cidr_block.as_deref() != Some("0.0.0.0/0"));
        }
    }
    s
}

fn links(t: &Trace) -> Vec<Link> {
    t.hops.iter().map(|h| h.link).collect()
}

#[test]
fn customer_routed_leaves_through_an_eks_eni_and_the_nat_gateway() {
    let s = with_mode(with_tables(lab(true, false)), Mode::CustomerRouted);
    let t = run(&s, "egress:oidc");
    assert_eq!(t.verdict, Verdict::Reachable, "{:?}", t.verdict);
    let l = links(&t);
    for want in [
        Link::EksOwnedEni,
        Link::NatGateway,
        Link::InternetGateway,
        Link::Internet,
    ] {
        assert!(l.contains(&want), "{want:?}: {l:?}");
    }
    // The routing hop names the cluster subnet's table, and the endpoint sees
    // the NAT gateway's Elastic IP.
    let routed = t.hops.iter().any(|h| {
        h.link == Link::VpcRouter
            && (h.why.en.contains("rtb-private") || h.label.en.contains("rtb-private"))
    });
    assert!(routed, "{:#?}", t.hops);
    assert_eq!(
        t.hops.last().and_then(|h| h.src.as_deref()),
        Some("13.125.0.10")
    );
}

#[test]
fn customer_routed_without_a_route_is_blocked_naming_the_table() {
    let s = with_mode(
        without_default_route(lab(true, false)),
        Mode::CustomerRouted,
    );
    let t = run(&s, "egress:oidc");
    assert_eq!(code(&t), Some("no-route-to-internet"), "{:?}", t.verdict);
    let Verdict::Blocked { reason, .. } = &t.verdict else {
        unreachable!()
    };
    assert!(reason.en.contains("rtb-private"), "{}", reason.en);
    assert!(!links(&t).contains(&Link::NatGateway));
}

#[test]
fn aws_managed_egress_does_not_use_the_customers_routes() {
    for s in [
        without_default_route(lab(true, false)),
        with_tables(lab(true, false)),
    ] {
        let s = with_mode(s, Mode::AwsManaged);
        let t = run(&s, "egress:oidc");
        assert_eq!(t.verdict, Verdict::Reachable);
        assert!(t.hops.iter().all(|h| h.leaves_vpc), "{:#?}", t.hops);
        assert_eq!(t.hops.len(), 3);
    }
}

#[test]
fn customer_isolated_is_traced_as_the_customers_routing() {
    let s = with_mode(
        without_default_route(lab(true, false)),
        Mode::CustomerIsolated,
    );
    let t = run(&s, "egress:oidc");
    assert_eq!(code(&t), Some("no-route-to-internet"));
    let eni = t.hops.iter().find(|h| h.link == Link::EksOwnedEni).unwrap();
    assert!(eni.why.en.contains("CUSTOMER_ISOLATED"), "{}", eni.why.en);
    let s = with_mode(with_tables(lab(true, false)), Mode::CustomerIsolated);
    assert_eq!(run(&s, "egress:oidc").verdict, Verdict::Reachable);
}
