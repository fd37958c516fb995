//! Data-plane checks: Services and load balancers that AWS or Kubernetes refuse, or
//! that silently lose traffic (source 004 §2; the design's fidelity notes).
//!
//! A load balancer's [`Problem`](crate::lb::Problem)s (no public subnet, an
//! IngressGroup with two schemes, an instance-target Ingress on a ClusterIP
//! Service, ...) become errors here with the same code a trace of it stops with,
//! so the check and the trace cannot disagree. The rest reads the derived target
//! health: a target group with no healthy target loses every request.

use crate::cite::{Cite, Source};
use crate::cni::Ipam;
use crate::codes::Code;
use crate::lb::{
    HealthState, LbKind, LoadBalancing, Owner, ServiceModel, TargetGroup, TargetRef, TargetType,
};
use crate::model::Model;
use crate::scenario::{ServiceType, TrafficPolicy};
use crate::{text, Diagnostic};

const LB: Cite = Cite::new(Source::S004, "2.1. CLB, NLB");

pub(super) fn check(m: &Model, ipam: &Ipam, lbs: &LoadBalancing, d: &mut Vec<Diagnostic>) {
    for s in &lbs.services {
        selector(ipam, s, d);
    }
    for lb in &lbs.load_balancers {
        for p in &lb.problems {
            d.push(
                Diagnostic::new(
                    p.code,
                    p.field.clone().unwrap_or_else(|| lb.path.clone()),
                    p.reason.clone(),
                )
                .fix(p.fix.clone())
                .cite(p.cite),
            );
        }
        if !lb.created {
            continue;
        }
        let mut unused_azs: Vec<String> = Vec::new();
        for tg in &lb.target_groups {
            let Some(svc) = lbs.services.get(tg.service) else {
                continue;
            };
            let path = match &lb.owner {
                Owner::Service { .. } => lb.path.clone(),
                Owner::Ingresses { .. } => format!("/services/{}", svc.index),
            };
            no_healthy(m, lb.kind, svc, tg, &path, d);
            if tg.target_type == TargetType::Instance
                && svc.external_traffic_policy == TrafficPolicy::Local
            {
                local_spread(m, svc, tg, &path, d);
            }
            if lb.kind == LbKind::Nlb
                && tg.target_type == TargetType::Instance
                && svc.external_traffic_policy == TrafficPolicy::Cluster
            {
                let name = &svc.name;
                d.push(Diagnostic::new(
                    Code::ClientIpHidden,
                    format!("/services/{}/externalTrafficPolicy", svc.index),
                    text!(
                        "the NLB keeps the client's address, but under Cluster kube-proxy rewrites the source to the node's IP, so the pods of {name} never see who called",
                        "NLB는 클라이언트 주소를 유지하지만 Cluster에서는 kube-proxy가 출발지를 노드 IP로 바꿔 {name}의 Pod는 호출한 쪽을 알 수 없다"
                    ),
                )
                .fix(text!(
                    "set externalTrafficPolicy: Local to keep the client's address (only nodes with a ready pod then take traffic)",
                    "클라이언트 주소를 유지하려면 externalTrafficPolicy: Local을 쓴다(그러면 준비된 Pod가 있는 노드만 트래픽을 받는다)"
                )));
            }
            let per_node = svc.ready_per_node(m.nodes.len());
            for t in &tg.targets {
                let matters = match t.target {
                    TargetRef::Pod { .. } => true,
                    TargetRef::Node { node } => per_node.get(node).is_some_and(|&c| c > 0),
                };
                if t.health.state == HealthState::Unused && matters && !unused_azs.contains(&t.az) {
                    unused_azs.push(t.az.clone());
                }
            }
        }
        for az in unused_azs {
            let name = &lb.name;
            d.push(Diagnostic::new(
                Code::LbAzNotEnabled,
                lb.path.clone(),
                text!(
                    "load balancer {name} has no subnet in {az}, so its targets there are unused (Target.NotInUse) and the pods there get no traffic from it",
                    "로드 밸런서 {name}에 {az} 서브넷이 없어 그곳 대상이 쓰이지 않고(Target.NotInUse) 그곳 Pod는 이 로드 밸런서의 트래픽을 받지 못한다"
                ),
            )
            .fix(text!(
                "give the load balancer a subnet in {az} (a public one for an internet-facing load balancer)",
                "{az}에 로드 밸런서용 서브넷을 둔다(인터넷 연결이면 퍼블릭 서브넷)"
            )));
        }
    }
}

fn selector(ipam: &Ipam, s: &ServiceModel, d: &mut Vec<Diagnostic>) {
    let name = &s.name;
    let path = format!("/services/{}/selector", s.index);
    if s.selector.is_empty() {
        if !s.headless {
            d.push(Diagnostic::new(
                Code::ServiceWithoutSelector,
                path,
                text!(
                    "Service {name} has no selector: Kubernetes manages no endpoints for it (they would be added by hand), so eksnet sends it nowhere",
                    "Service {name}에 셀렉터가 없다: 쿠버네티스가 엔드포인트를 관리하지 않으므로(직접 추가해야 함) eksnet은 어디로도 보내지 않는다"
                ),
            )
            .fix(text!(
                "add a selector matching the pods' labels, e.g. app: {name}",
                "Pod 레이블과 맞는 셀렉터를 둔다. 예: app: {name}"
            )));
        }
        return;
    }
    // Field by field: a whole pod would derive its name (millions of them).
    let matches = (0..ipam.pods.len()).any(|i| {
        ipam.pods.namespace(i).is_some_and(|n| *n == s.namespace)
            && ipam
                .pod_labels(i)
                .is_some_and(|l| s.selector.iter().all(|(k, v)| l.get(k) == Some(v)))
    });
    let sel: Vec<String> = s.selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let sel = sel.join(",");
    let ns = &s.namespace;
    if !matches {
        d.push(Diagnostic::new(
            Code::ServiceSelectsNothing,
            path,
            text!(
                "the selector {sel} of Service {name} matches no pod in namespace {ns}: it has no endpoints, and every connection to it fails",
                "Service {name}의 셀렉터 {sel}에 맞는 Pod가 네임스페이스 {ns}에 없다: 엔드포인트가 없어 모든 연결이 실패한다"
            ),
        )
        .fix(text!(
            "make the selector match the workload's pod labels",
            "셀렉터를 워크로드의 Pod 레이블에 맞춘다"
        )));
    } else if s.ready_endpoints().next().is_none() {
        d.push(Diagnostic::new(
            Code::ServiceNoReadyEndpoints,
            path,
            text!(
                "pods match the selector {sel} of Service {name}, but none is running and ready, so it has no ready endpoint",
                "Service {name}의 셀렉터 {sel}에 맞는 Pod는 있지만 실행 중이며 준비된 것이 없어 준비된 엔드포인트가 없다"
            ),
        )
        .fix(text!(
            "see why the pods are not running or not ready (the pods' diagnostics)",
            "Pod가 실행되지 않거나 준비되지 않은 이유를 본다(Pod 진단)"
        )));
    }
}

/// The code a target group without healthy targets is reported (and traced) with.
pub(crate) fn no_healthy_code(svc: &ServiceModel, tg: &TargetGroup) -> Code {
    if svc.ready_endpoints().next().is_none() {
        Code::NoEndpoints
    } else if tg.target_type == TargetType::Instance
        && svc.external_traffic_policy == TrafficPolicy::Local
    {
        Code::LocalNoReadyPod
    } else {
        Code::NoHealthyTarget
    }
}

fn no_healthy(
    m: &Model,
    kind: LbKind,
    svc: &ServiceModel,
    tg: &TargetGroup,
    path: &str,
    d: &mut Vec<Diagnostic>,
) {
    if tg.healthy().next().is_some() {
        return;
    }
    let name = &svc.name;
    let k = kind.as_str();
    let code = no_healthy_code(svc, tg);
    let (message, fix) = match code {
        Code::NoEndpoints => (
            text!(
                "Service {name} has no ready endpoint, so every target of its {k} fails the health check and every request fails",
                "Service {name}에 준비된 엔드포인트가 없어 {k}의 모든 대상이 헬스 체크에 실패하고 모든 요청이 실패한다"
            ),
            text!(
                "run ready pods that the selector matches",
                "셀렉터에 맞는 준비된 Pod를 실행한다"
            ),
        ),
        Code::LocalNoReadyPod => {
            let nodes = m.nodes.len();
            (
                text!(
                    "externalTrafficPolicy is Local and none of the {nodes} node(s) runs a ready pod of {name} that the {k} can reach, so every node fails the health check and every request fails",
                    "externalTrafficPolicy가 Local인데 노드 {nodes}대 중 {k}이(가) 닿을 수 있는 {name}의 준비된 Pod를 가진 노드가 없어 모든 노드가 헬스 체크에 실패하고 모든 요청이 실패한다"
                ),
                text!(
                    "run ready pods on EC2 nodes in the load balancer's AZs, or use externalTrafficPolicy: Cluster",
                    "로드 밸런서 AZ의 EC2 노드에 준비된 Pod를 두거나 externalTrafficPolicy: Cluster를 쓴다"
                ),
            )
        }
        _ => (
            text!(
                "no target of the {k} for {name} passes its health check, so every request fails",
                "{name}을(를) 위한 {k}의 어떤 대상도 헬스 체크를 통과하지 못해 모든 요청이 실패한다"
            ),
            text!(
                "see each target's health in `eksnet lb`",
                "`eksnet lb`에서 각 대상의 상태를 본다"
            ),
        ),
    };
    d.push(
        Diagnostic::new(code, path.to_string(), message)
            .fix(fix)
            .cite(LB),
    );
}

fn local_spread(
    m: &Model,
    svc: &ServiceModel,
    tg: &TargetGroup,
    path: &str,
    d: &mut Vec<Diagnostic>,
) {
    let per_node = svc.ready_per_node(m.nodes.len());
    let healthy: Vec<(usize, usize)> = tg
        .healthy()
        .filter_map(|t| match t.target {
            TargetRef::Node { node } => Some((node, per_node.get(node).copied().unwrap_or(0))),
            TargetRef::Pod { .. } => None,
        })
        .collect();
    let name = &svc.name;
    let total = m.nodes.len();
    if healthy.len() == 1 && total > 1 {
        d.push(Diagnostic::new(
            Code::LocalFewTargetNodes,
            format!("{path}/externalTrafficPolicy"),
            text!(
                "under Local only 1 of {total} nodes runs a ready pod of {name}, so all load-balanced traffic goes through that one node",
                "Local에서 노드 {total}대 중 1대만 {name}의 준비된 Pod를 가져 로드 밸런서 트래픽이 모두 그 노드 하나로 간다"
            ),
        )
        .fix(text!(
            "spread the pods over more nodes (more replicas, topology spread constraints), or use Cluster",
            "Pod를 더 많은 노드에 퍼뜨리거나(레플리카 추가, 토폴로지 분산 제약) Cluster를 쓴다"
        )));
    }
    let (min, max) = healthy
        .iter()
        .fold((usize::MAX, 0), |(a, b), &(_, c)| (a.min(c), b.max(c)));
    if healthy.len() > 1 && min < max && svc.service_type == ServiceType::LoadBalancer {
        d.push(Diagnostic::new(
            Code::LocalUnevenLoad,
            format!("{path}/externalTrafficPolicy"),
            text!(
                "under Local the load balancer splits traffic evenly between nodes, not pods: the ready pods of {name} are spread {min} to {max} per node, so a pod on a busier node gets less",
                "Local에서 로드 밸런서는 Pod가 아니라 노드 사이에 트래픽을 고르게 나눈다: {name}의 준비된 Pod가 노드당 {min}~{max}개라 Pod가 많은 노드의 Pod는 덜 받는다"
            ),
        ));
    }
}
