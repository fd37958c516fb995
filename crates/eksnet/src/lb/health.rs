//! Health checks and target health (source 004 §2.1; the design's fidelity notes;
//! the AWS Load Balancer Controller's defaults).
//!
//! | targets | policy | checked | a target passes when |
//! |---|---|---|---|
//! | instance (CLB, NLB of a LoadBalancer Service) | Cluster | TCP on the NodePort | the Service has a ready pod anywhere (kube-proxy forwards; with none it rejects) |
//! | instance (CLB, NLB of a LoadBalancer Service) | Local | HTTP `/healthz` on `healthCheckNodePort` | kube-proxy on the node knows a ready local pod (200, else 503) |
//! | instance (ALB) | Cluster | HTTP `/` on the NodePort | the Service has a ready pod anywhere |
//! | instance (ALB) | Local | HTTP `/` on the NodePort | the node has a ready local pod (kube-proxy drops the rest) |
//! | IP (NLB) | any | TCP on the pod's target port | the pod is ready |
//! | IP (ALB) | any | HTTP `/` on the pod's target port | the pod is ready |
//!
//! Before any check: a target in an AZ where the load balancer has no node is
//! `unused` (`Target.NotInUse`), and a node that is NotReady fails.

use super::{
    HealthCheck, HealthState, LbKind, PortModel, ServiceModel, Target, TargetHealth, TargetRef,
    TargetType,
};
use crate::cni::Ipam;
use crate::model::Model;
use crate::scenario::{ServiceType, TrafficPolicy};
use crate::{text, Text};

const FAILED: &str = "Target.FailedHealthChecks";
const NOT_IN_USE: &str = "Target.NotInUse";

/// The health check of a target group of `kind` for `svc`'s `port`.
pub(super) fn check_for(
    kind: LbKind,
    target_type: TargetType,
    svc: &ServiceModel,
    port: &PortModel,
) -> HealthCheck {
    let http = kind == LbKind::Alb;
    let traffic = match target_type {
        TargetType::Ip => port.target_port,
        TargetType::Instance => port.node_port.unwrap_or(0),
    };
    let own_lb = kind != LbKind::Alb && svc.service_type == ServiceType::LoadBalancer;
    match (
        target_type,
        svc.external_traffic_policy,
        svc.health_check_node_port,
    ) {
        (TargetType::Instance, TrafficPolicy::Local, Some(hc)) if own_lb => HealthCheck {
            protocol: "HTTP".into(),
            port: hc,
            path: Some("/healthz".into()),
            health_check_node_port: true,
        },
        _ => HealthCheck {
            protocol: if http { "HTTP" } else { "TCP" }.into(),
            port: traffic,
            path: http.then(|| "/".to_string()),
            health_check_node_port: false,
        },
    }
}

fn health(state: HealthState, reason: Option<&'static str>, why: Text) -> TargetHealth {
    TargetHealth {
        state,
        reason,
        why,
        code: None,
        field: None,
    }
}

fn unused(az: &str) -> TargetHealth {
    health(
        HealthState::Unused,
        Some(NOT_IN_USE),
        text!(
            "the load balancer has no subnet in {az}, so it sends nothing to targets there",
            "로드 밸런서에 {az} 서브넷이 없어 그곳의 대상에는 아무것도 보내지 않는다"
        ),
    )
}

/// The EC2 nodes `nodes` (indices into the model's nodes) as instance targets
/// on `port` (the NodePort). Nodes alike (same subnet, readiness and ready
/// local pods) share one health, worked out once: a 100,000-node cluster has a
/// few hundred distinct ones.
pub(super) fn node_targets(
    m: &Model,
    ipam: &Ipam,
    svc: &ServiceModel,
    hc: &HealthCheck,
    port: u16,
    azs: &[String],
    nodes: std::ops::Range<usize>,
) -> Vec<Target> {
    let any_ready = svc.ready_endpoints().count();
    let local_ready = svc.ready_per_node(m.nodes.len());
    let mut seen: std::collections::HashMap<(usize, bool, usize), TargetHealth> =
        std::collections::HashMap::new();
    let from = nodes.start;
    m.nodes
        .get(nodes)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(k, node)| {
            let n = from + k;
            let az = m
                .subnets
                .get(node.subnet)
                .map(|s| s.az.clone())
                .unwrap_or_default();
            let ready = ipam.nodes.get(n).is_none_or(|x| x.ready);
            let local = local_ready.get(n).copied().unwrap_or(0);
            let h = seen
                .entry((node.subnet, ready, local))
                .or_insert_with(|| {
                    let used = azs.contains(&az);
                    node_health(svc, hc, (used, &az), ready, local, any_ready)
                })
                .clone();
            Target {
                at: node.eid.clone(),
                target: TargetRef::Node { node: n },
                ip: node.private_ip,
                port,
                az,
                health: h,
            }
        })
        .collect()
}

/// The health of a node target in `az` (`used`: the load balancer has a subnet
/// there) with `local` ready pods of `svc`, `any_ready` in all.
fn node_health(
    svc: &ServiceModel,
    hc: &HealthCheck,
    (used, az): (bool, &str),
    ready: bool,
    local: usize,
    any_ready: usize,
) -> TargetHealth {
    let hp = hc.port;
    if !used {
        unused(az)
    } else if !ready {
        health(
            HealthState::Unhealthy,
            Some(FAILED),
            text!(
                "the node is NotReady (the VPC CNI does not run on it), so it fails the check",
                "노드가 NotReady라(VPC CNI가 돌지 않음) 헬스 체크에 실패한다"
            ),
        )
    } else if hc.health_check_node_port {
        let local_en = crate::text::count(local, "ready pod", "ready pods");
        let run = if local == 1 { "runs" } else { "run" };
        if local > 0 {
            health(
                HealthState::Healthy,
                None,
                text!(
                    "kube-proxy answers 200 on healthCheckNodePort {hp} (/healthz): {local_en} of the Service {run} here",
                    "kube-proxy가 healthCheckNodePort {hp}(/healthz)에 200으로 답한다: 이 노드에 Service의 준비된 Pod {local}개가 있다"
                ),
            )
        } else {
            health(
                HealthState::Unhealthy,
                Some(FAILED),
                text!(
                    "kube-proxy answers 503 on healthCheckNodePort {hp} (/healthz): no ready pod of the Service runs here (Local)",
                    "kube-proxy가 healthCheckNodePort {hp}(/healthz)에 503으로 답한다: 이 노드에 Service의 준비된 Pod가 없다(Local)"
                ),
            )
        }
    } else if svc.external_traffic_policy == TrafficPolicy::Local {
        let one_of = if local == 1 {
            "the one ready local pod".to_string()
        } else {
            format!("one of the {local} ready local pods")
        };
        if local > 0 {
            health(
                HealthState::Healthy,
                None,
                text!(
                    "the check on NodePort {hp} reaches {one_of}",
                    "NodePort {hp} 헬스 체크가 이 노드의 준비된 Pod {local}개 중 하나에 닿는다"
                ),
            )
        } else {
            health(
                HealthState::Unhealthy,
                Some(FAILED),
                text!(
                    "under Local kube-proxy drops NodePort {hp} traffic on a node without a ready local pod, so the check fails",
                    "Local에서는 준비된 로컬 Pod가 없는 노드의 kube-proxy가 NodePort {hp} 트래픽을 버려 헬스 체크가 실패한다"
                ),
            )
        }
    } else if any_ready > 0 {
        health(
            HealthState::Healthy,
            None,
            text!(
                "Cluster: kube-proxy forwards NodePort {hp} to a ready pod on any node, so every node passes",
                "Cluster: kube-proxy가 NodePort {hp}을(를) 어느 노드의 준비된 Pod로든 넘기므로 모든 노드가 통과한다"
            ),
        )
    } else {
        health(
            HealthState::Unhealthy,
            Some(FAILED),
            text!(
                "the Service has no ready endpoint, so kube-proxy rejects connections to NodePort {hp} on every node",
                "Service에 준비된 엔드포인트가 없어 모든 노드의 kube-proxy가 NodePort {hp} 연결을 거절한다"
            ),
        )
    }
}

/// Every endpoint of `svc` as an IP target on `port` (the target port).
pub(super) fn pod_targets(
    m: &Model,
    ipam: &Ipam,
    svc: &ServiceModel,
    port: u16,
    azs: &[String],
) -> Vec<Target> {
    svc.endpoints
        .iter()
        .map(|e| {
            let az = ipam
                .pods
                .get(e.pod)
                .and_then(|p| p.subnet)
                .and_then(|k| m.subnets.get(k))
                .map(|s| s.az.clone())
                .unwrap_or_default();
            let h = if !azs.contains(&az) {
                unused(&az)
            } else if e.ready {
                health(
                    HealthState::Healthy,
                    None,
                    text!(
                        "the pod is ready and answers on port {port}",
                        "Pod가 준비되어 포트 {port}에서 응답한다"
                    ),
                )
            } else {
                health(
                    HealthState::Unhealthy,
                    Some(FAILED),
                    text!(
                        "the pod fails its readiness probe, so it fails the check on port {port}",
                        "Pod가 준비성 검사에 실패해 포트 {port} 헬스 체크에도 실패한다"
                    ),
                )
            };
            Target {
                at: e.eid.clone(),
                target: TargetRef::Pod { pod: e.pod },
                ip: e.ip,
                port,
                az,
                health: h,
            }
        })
        .collect()
}
