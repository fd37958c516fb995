//! Network ACLs on a load balancer's health checks. A load balancer's node checks
//! each target from its own private address, on the health check port, and the
//! target answers to the node's ephemeral port (1024-65535). Network ACLs are
//! stateless: the load balancer's subnet must let the check out and the answers
//! in, the target's subnet the check in and the answers out (Elastic Load
//! Balancing, "Configure network ACLs for your load balancer"). A check that an ACL
//! drops gets no answer and times out: the target is unhealthy, with ELB's own
//! reason code, `Target.Timeout` ("the health check requests timed out") for an
//! ALB; the API reference gives that code for Application (and Gateway) Load
//! Balancers only, so an NLB's or CLB's target is `Target.FailedHealthChecks`.
//! Beside it the health carries eksnet's code (`network-acl-denies`,
//! `network-acl-denies-return`) and the ACL entry to change, which `eksnet check`
//! reports.
//!
//! Each node that sends a target traffic checks it (every node, cross-zone; else
//! the node in the target's AZ): a target whose checks from any of them are
//! dropped is taken as unhealthy. Targets already unhealthy or unused keep their
//! reason: the ACLs only matter to a target that would pass.

use std::collections::HashMap;

use super::{HealthState, LbKind, LoadBalancer, TargetHealth, TargetRef};
use crate::cni::Ipam;
use crate::model::fabric::EPHEMERAL_ANY;
use crate::model::Model;
use crate::text;
use crate::trace::builder::{Builder, Packet};
use crate::trace::fabric::{cross_cited, ELB_ACL_CITES};
use crate::Text;

/// ELB's reason code for a check that times out (ALB), or fails (NLB, CLB).
fn reason(kind: LbKind) -> &'static str {
    match kind {
        LbKind::Alb => "Target.Timeout",
        _ => "Target.FailedHealthChecks",
    }
}

/// Marks unhealthy each healthy target of `lb` whose health checks the network
/// ACLs drop. The checks are decided once per (node's subnet, target's subnet,
/// port): a cluster of 100,000 nodes has a few of them.
pub(crate) fn health_checks(m: &Model, ipam: &Ipam, lb: &mut LoadBalancer) {
    if m.network_acls.is_empty() || lb.nodes.is_empty() {
        return;
    }
    let (kind, cross_zone) = (lb.kind, lb.cross_zone);
    let mut seen: HashMap<(usize, usize, u16), Option<TargetHealth>> = HashMap::new();
    let nodes = lb.nodes.clone();
    for tg in &mut lb.target_groups {
        let port = tg.health_check.port;
        for t in tg.targets.iter_mut().filter(|t| t.health.is_healthy()) {
            let subnet = match t.target {
                TargetRef::Node { node } => m.nodes.get(node).map(|n| n.subnet),
                TargetRef::Pod { pod } => ipam.pods.get(pod).and_then(|p| p.subnet),
            };
            let Some(subnet) = subnet else { continue };
            let senders = nodes.iter().filter(|n| cross_zone || n.az == t.az);
            let h = senders
                .filter_map(|node| {
                    seen.entry((node.subnet, subnet, port))
                        .or_insert_with(|| {
                            let pkt = Packet {
                                src: node.private_ip,
                                dst: t.ip,
                                port,
                            };
                            dropped(m, kind, (node.subnet, subnet), pkt)
                        })
                        .clone()
                })
                .next();
            if let Some(h) = h {
                t.health = h;
            }
        }
    }
}

/// The health of a target whose check `pkt` from subnet `from` to subnet `to`
/// the ACLs drop (`None`: they let it and its answers through).
fn dropped(
    m: &Model,
    kind: LbKind,
    (from, to): (usize, usize),
    pkt: Packet,
) -> Option<TargetHealth> {
    let mut b = Builder::new(String::new(), Text::default());
    let blocked = cross_cited(
        &mut b,
        m,
        (Some(from), Some(to)),
        pkt,
        EPHEMERAL_ANY,
        ELB_ACL_CITES,
    )
    .err()?;
    let (re, rk, port) = (&blocked.reason.en, &blocked.reason.ko, pkt.port);
    Some(TargetHealth {
        state: HealthState::Unhealthy,
        reason: Some(reason(kind)),
        why: text!(
            "the health checks on port {port} get no answer: {re}",
            "포트 {port} 헬스 체크가 응답을 받지 못한다: {rk}"
        ),
        code: Some(blocked.code),
        field: blocked.field.clone(),
    })
}
