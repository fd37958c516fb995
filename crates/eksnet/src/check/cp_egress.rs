//! `control-plane-egress-no-route`: with `controlPlaneEgressMode` `CUSTOMER_ROUTED`
//! (or `CUSTOMER_ISOLATED`, traced the same way), the API server's outbound traffic
//! to admission webhooks and OIDC providers leaves through the EKS-owned ENIs in the
//! cluster subnets and follows their route tables; a cluster subnet whose table has
//! no way to the internet (no route, a blackhole, a route that leads elsewhere, an
//! internet gateway for ENIs that have no public address) leaves the API server
//! unable to reach such endpoints on the internet from its ENIs there (EKS user
//! guide, "Configuring control plane egress routing": the customer is responsible
//! for the control plane reaching webhook servers and OIDC providers).
//!
//! A warning, not an error: a cluster whose webhooks all run in the VPC and whose
//! OIDC provider is not used needs no such route.

use std::collections::BTreeSet;

use crate::codes::Code;
use crate::model::Model;
use crate::trace::cp_egress::reaches_internet;
use crate::{text, Diagnostic};

pub(super) fn check(m: &Model, d: &mut Vec<Diagnostic>) {
    let mode = m.cluster.egress_mode;
    if !mode.customer_routes() {
        return;
    }
    let word = mode.as_str();
    let mut seen = BTreeSet::new();
    for eni in &m.eks_enis {
        if !seen.insert(eni.subnet) {
            continue;
        }
        let Err(blocked) = reaches_internet(m, eni) else {
            continue;
        };
        let sid = m
            .subnets
            .get(eni.subnet)
            .map(|s| s.id.as_str())
            .unwrap_or_default();
        let (re, rk) = (&blocked.reason.en, &blocked.reason.ko);
        d.push(
            Diagnostic::new(
                Code::ControlPlaneEgressNoRoute,
                "/cluster/resourcesVpcConfig/controlPlaneEgressMode",
                text!(
                    "controlPlaneEgressMode is {word}, but the API server's ENI in {sid} has no way to the internet ({re}): admission webhooks and OIDC providers on the internet cannot be reached from it",
                    "controlPlaneEgressMode가 {word}인데 {sid}에 있는 API 서버의 ENI에서 인터넷으로 나갈 길이 없다({rk}): 인터넷의 어드미션 웹훅과 OIDC 공급자에 닿지 못한다"
                ),
            )
            .fix(blocked.fix.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::ControlPlaneEgressMode as Mode;
    use crate::testkit::{codes, lab, with_code};
    use crate::trace::fabric_tests::with_tables;
    use crate::Scenario;

    const CODE: &str = "control-plane-egress-no-route";

    fn no_default_route(mode: Mode) -> Scenario {
        let mut s = with_tables(lab(true, false));
        s.cluster.resources_vpc_config.control_plane_egress_mode = mode;
        for t in &mut s.vpc.route_tables {
            if t.route_table_id == "rtb-private" {
                t.routes
                    .retain(|r| r.destination_cidr_block.as_deref() != Some("0.0.0.0/0"));
            }
        }
        s
    }

    #[test]
    fn customer_routed_subnets_without_a_route_warn_once_per_subnet() {
        let d = with_code(&no_default_route(Mode::CustomerRouted), CODE);
        // The lab's ENIs sit in subnet-pa and subnet-pc, both using rtb-private.
        assert_eq!(d.len(), 2, "{d:#?}");
        assert!(d[0].message.en.contains("CUSTOMER_ROUTED"));
        assert!(
            d[0].message.en.contains("rtb-private"),
            "{}",
            d[0].message.en
        );
        assert!(d.iter().any(|x| x.message.en.contains("subnet-pa")));
        assert!(d[0].fix.as_ref().is_some_and(|f| f.en.contains("NAT")));
        assert_eq!(d[0].severity, crate::Severity::Warning);
    }

    #[test]
    fn a_nat_route_or_aws_managed_egress_raises_nothing() {
        assert!(!codes(&no_default_route(Mode::AwsManaged)).contains(&CODE));
        let mut s = with_tables(lab(true, false));
        s.cluster.resources_vpc_config.control_plane_egress_mode = Mode::CustomerRouted;
        assert!(!codes(&s).contains(&CODE));
        assert!(!codes(&Scenario::example()).contains(&CODE));
        assert!(!with_code(&no_default_route(Mode::CustomerIsolated), CODE).is_empty());
    }
}
