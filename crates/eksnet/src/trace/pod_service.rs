//! Pod → a Service's ClusterIP (`pod:<a>->svc:<s>`): kube-proxy's rule on the
//! sending node rewrites the destination to a ready backend pod (DNAT only: the
//! backend sees the caller's pod IP), then the packet goes as pod to pod (see
//! [`super::pods`]). kube-proxy picks a backend at random; the trace takes the
//! first ready endpoint in pod order.

use super::builder::{Blocked, Builder, Packet};
use super::pods::{from_node_to_pod, origin, pod_ip, KUBE_PROXY};
use super::{Hop, Link, Trace};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::ids::ElementId;
use crate::lb::Endpoint;
use crate::{text, Analysis, Text};

/// `pod:<a>->svc:<s>`.
pub(crate) fn pod_to_service(a: &Analysis, flow: String, from: usize, s: usize) -> Trace {
    let fname = a
        .ipam
        .pods
        .get(from)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let Some(svc) = a.lbs.services.get(s) else {
        return super::builder::refused(flow, Text::default(), unknown("?"));
    };
    let sname = format!("{}/{}", svc.namespace, svc.name);
    let mut b = Builder::new(
        flow,
        text!(
            "pod {fname} → Service {sname}",
            "Pod {fname} → Service {sname}"
        ),
    );
    b.client_ip_preserved = Some(true);
    let outcome = (|| {
        let src = pod_ip(a, from)?;
        let port = svc.ports.first();
        let sport = port.map_or(80, |p| p.port);
        let backend: Option<&Endpoint> = svc.ready_endpoints().next();
        let Some(cip) = svc.cluster_ip else {
            // Headless: DNS gives the pods' IPs; the caller connects to one directly.
            let Some(e) = backend else {
                return Err(no_endpoints(svc));
            };
            let pkt = Packet {
                src,
                dst: e.ip,
                port: port.map_or(sport, |p| p.target_port),
            };
            origin(&mut b, a, from, pkt);
            b.push(
                Hop::new(
                    svc.eid.clone(),
                    Link::Dns,
                    text!("Service {sname} (headless)", "Service {sname} (헤드리스)"),
                    text!(
                        "a headless Service has no ClusterIP: cluster DNS answers with the ready pods' IPs and the caller connects to one directly",
                        "헤드리스 Service에는 ClusterIP가 없다: 클러스터 DNS가 준비된 Pod들의 IP로 답하고 호출하는 쪽이 그중 하나로 바로 연결한다"
                    ),
                    KUBE_PROXY,
                ),
            );
            return from_node_to_pod(
                &mut b,
                a,
                from,
                pkt,
                e.pod,
                text!(
                    "the backend pod sees the caller's pod IP {src}",
                    "백엔드 Pod는 호출한 Pod의 IP {src}을(를) 본다"
                ),
                false,
            );
        };
        let first = Packet {
            src,
            dst: cip,
            port: sport,
        };
        origin(&mut b, a, from, first);
        let here = a.ipam.pods.get(from).and_then(|x| x.node);
        let at = here
            .and_then(|n| a.model.nodes.get(n))
            .map(|x| x.eid.clone())
            .or_else(|| a.ipam.pods.get(from).map(|x| x.eid()))
            .unwrap_or_else(|| ElementId::node("?"));
        let Some(e) = backend else {
            b.push(
                Hop::new(
                    at,
                    Link::KubeProxy,
                    text!(
                        "kube-proxy rule for {cip}:{sport}",
                        "{cip}:{sport}의 kube-proxy 규칙"
                    ),
                    text!(
                    "kube-proxy has no ready endpoint for the Service and rejects the connection",
                    "kube-proxy에 이 Service의 준비된 엔드포인트가 없어 연결을 거절한다"
                ),
                    KUBE_PROXY,
                )
                .packet(src, first.to()),
            );
            return Err(no_endpoints(svc));
        };
        let tport = port.map_or(sport, |p| p.target_port);
        let pkt = Packet {
            src,
            dst: e.ip,
            port: tport,
        };
        let dst = e.ip;
        b.push(
            Hop::new(
                at,
                Link::KubeProxy,
                text!("kube-proxy rule for {cip}:{sport}", "{cip}:{sport}의 kube-proxy 규칙"),
                text!(
                    "the ClusterIP exists only in kube-proxy's rules on every node: the sending node rewrites the destination to a ready pod, {dst}:{tport} (DNAT; the source stays the caller's pod IP)",
                    "ClusterIP는 모든 노드의 kube-proxy 규칙에만 있다: 보내는 노드가 목적지를 준비된 Pod {dst}:{tport}(으)로 바꾼다(DNAT. 출발지는 호출한 Pod IP 그대로)"
                ),
                KUBE_PROXY,
            )
            .packet(src, pkt.to()),
        );
        from_node_to_pod(
            &mut b,
            a,
            from,
            pkt,
            e.pod,
            text!(
                "the backend pod sees the caller's pod IP {src}",
                "백엔드 Pod는 호출한 Pod의 IP {src}을(를) 본다"
            ),
            here.is_some(),
        )
    })();
    b.finish(outcome)
}

pub(crate) fn no_endpoints(svc: &crate::lb::ServiceModel) -> Box<Blocked> {
    let name = &svc.name;
    Box::new(Blocked {
        at: svc.eid.clone(),
        code: Code::NoEndpoints,
        reason: text!(
            "Service {name} has no ready endpoint: its selector matches no running, ready pod",
            "Service {name}에 준비된 엔드포인트가 없다: 셀렉터에 맞는 실행 중이며 준비된 Pod가 없다"
        ),
        fix: text!(
            "make the selector match the pods' labels and get the pods running and ready",
            "셀렉터를 Pod 레이블에 맞추고 Pod가 실행되어 준비되게 한다"
        ),
        cite: Cite::new(Source::Kubernetes, "Service"),
        field: Some(format!("/services/{}/selector", svc.index)),
    })
}

fn unknown(key: &str) -> Blocked {
    Blocked {
        at: ElementId::fixed("vpc"),
        code: Code::UnknownService,
        reason: text!(
            "the scenario has no Service `{key}`",
            "시나리오에 Service `{key}`가 없다"
        ),
        fix: text!(
            "add it to the scenario's services",
            "시나리오의 services에 추가한다"
        ),
        cite: Cite::new(Source::Kubernetes, "Service"),
        field: Some("/services".into()),
    }
}
