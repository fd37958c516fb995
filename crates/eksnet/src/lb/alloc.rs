//! ClusterIPs, NodePorts and health-check NodePorts, as the API server allocates
//! them (Kubernetes docs, "Service"; API validation).
//!
//! Given values are honoured first (all of them, in scenario order, so that a
//! given value never loses to an allocated one), then the missing ones are
//! allocated deterministically: a hash of the Service picks the starting point and
//! the next free value wins. ClusterIPs come from the service CIDR, leaving out its
//! network and broadcast addresses, the first address (the `kubernetes` Service)
//! and the tenth (`kube-dns` on EKS, e.g. 10.100.0.10). NodePorts and
//! health-check NodePorts share 30000–32767.
//!
//! What the API server refuses becomes an error diagnostic at the field, and the
//! model goes on with an allocated value (so the rest still renders).

use std::collections::HashSet;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::names::hash;
use super::{NODE_PORT_MAX, NODE_PORT_MIN};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::scenario::{Service, ServiceType, TrafficPolicy};
use crate::{text, Diagnostic};

const VALIDATION: Cite = Cite::new(Source::Kubernetes, "Service API validation");

/// What one Service gets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Allocation {
    pub cluster_ip: Option<Ipv4Addr>,
    pub headless: bool,
    /// Parallel to the Service's ports.
    pub node_ports: Vec<Option<u16>>,
    pub health_check_node_port: Option<u16>,
}

struct ClusterIps {
    net: Option<Ipv4Net>,
    used: HashSet<Ipv4Addr>,
}

impl ClusterIps {
    fn new(net: Option<Ipv4Net>) -> ClusterIps {
        let mut used = HashSet::new();
        if let Some(n) = net {
            let base = u32::from(n.network());
            for k in [0u32, 1, 10] {
                used.insert(Ipv4Addr::from(base.wrapping_add(k)));
            }
            used.insert(n.broadcast());
        }
        ClusterIps { net, used }
    }

    fn allocate(&mut self, seed: u64) -> Option<Ipv4Addr> {
        let net = self.net?;
        let size = 1u64 << (32 - u32::from(net.prefix_len()));
        // A /31 or /32 has nothing to give.
        if size <= 16 {
            return None;
        }
        let base = u32::from(net.network());
        let start = seed % size;
        (0..size).find_map(|k| {
            let off = ((start + k) % size) as u32;
            let ip = Ipv4Addr::from(base.wrapping_add(off));
            self.used.insert(ip).then_some(ip)
        })
    }
}

struct Ports {
    used: HashSet<u16>,
}

impl Ports {
    fn allocate(&mut self, seed: u64) -> Option<u16> {
        let span = u64::from(NODE_PORT_MAX - NODE_PORT_MIN) + 1;
        let start = seed % span;
        (0..span).find_map(|k| {
            let p = NODE_PORT_MIN + ((start + k) % span) as u16;
            self.used.insert(p).then_some(p)
        })
    }

    /// Claims a given port; `false` (with a diagnostic) when out of range or taken.
    fn claim(&mut self, p: u16, path: String, what: &str, diags: &mut Vec<Diagnostic>) -> bool {
        if !(NODE_PORT_MIN..=NODE_PORT_MAX).contains(&p) {
            diags.push(Diagnostic::new(
                Code::NodePortOutOfRange,
                path,
                text!(
                    "{what} {p} is outside the NodePort range {NODE_PORT_MIN}-{NODE_PORT_MAX}; the API server refuses the Service",
                    "{what} {p}이(가) NodePort 범위 {NODE_PORT_MIN}-{NODE_PORT_MAX} 밖이라 API 서버가 Service를 거절한다"
                ),
            )
            .fix(text!(
                "leave it out to have one allocated, or pick a port in {NODE_PORT_MIN}-{NODE_PORT_MAX}",
                "비워 두어 자동 할당을 받거나 {NODE_PORT_MIN}-{NODE_PORT_MAX} 안의 포트를 고른다"
            )));
            return false;
        }
        if !self.used.insert(p) {
            diags.push(Diagnostic::new(
                Code::NodePortTaken,
                path,
                text!(
                    "{what} {p} is already allocated to another Service port; the API server refuses the Service (provided port is already allocated)",
                    "{what} {p}은(는) 이미 다른 Service 포트에 할당되어 API 서버가 Service를 거절한다(provided port is already allocated)"
                ),
            )
            .fix(text!(
                "pick another port, or leave it out to have one allocated",
                "다른 포트를 고르거나 비워 두어 자동 할당을 받는다"
            )));
            return false;
        }
        true
    }
}

fn needs_node_ports(t: ServiceType) -> bool {
    matches!(t, ServiceType::NodePort | ServiceType::LoadBalancer)
}

fn needs_health_check_port(s: &Service) -> bool {
    s.service_type == ServiceType::LoadBalancer && s.external_traffic_policy == TrafficPolicy::Local
}

/// A given `clusterIP`: headless (`None`), or an unused address of the service
/// CIDR, taken in `ips`.
fn given_cluster_ip(
    ips: &mut ClusterIps,
    service_cidr: Option<Ipv4Net>,
    base: &str,
    s: &Service,
    a: &mut Allocation,
    diags: &mut Vec<Diagnostic>,
) {
    match s.cluster_ip.as_deref().map(str::trim) {
        None | Some("") => {}
        Some("None") => {
            if s.service_type == ServiceType::ClusterIP {
                a.headless = true;
            } else {
                diags.push(Diagnostic::new(
                    Code::HeadlessNotAllowed,
                    format!("{base}/clusterIP"),
                    text!(
                        "clusterIP: None (headless) is only for ClusterIP Services; the API server refuses it here",
                        "clusterIP: None(헤드리스)은 ClusterIP Service에만 쓸 수 있어 API 서버가 거절한다"
                    ),
                )
                .fix(text!("remove clusterIP", "clusterIP를 지운다")));
            }
        }
        Some(v) => match v.parse::<Ipv4Addr>() {
            Err(_) => diags.push(Diagnostic::new(
                Code::InvalidIp,
                format!("{base}/clusterIP"),
                text!("`{v}` is not an IPv4 address", "`{v}`은(는) IPv4 주소가 아니다"),
            )
            .fix(text!(
                "write an address of the service CIDR, `None` for a headless Service, or leave it out",
                "서비스 CIDR의 주소나 헤드리스 Service용 `None`을 쓰거나 비워 둔다"
            ))
            .cite(VALIDATION)),
            Ok(ip) => {
                let inside = service_cidr.is_none_or(|n| n.contains(&ip));
                if !inside {
                    let range = service_cidr.map(|n| n.to_string()).unwrap_or_default();
                    diags.push(Diagnostic::new(
                        Code::ClusterIpOutsideRange,
                        format!("{base}/clusterIP"),
                        text!(
                            "ClusterIP {ip} is outside the service CIDR {range}; the API server refuses the Service",
                            "ClusterIP {ip}이(가) 서비스 CIDR {range} 밖이라 API 서버가 Service를 거절한다"
                        ),
                    )
                    .fix(text!(
                        "pick an address of {range}, or leave clusterIP out",
                        "{range}의 주소를 고르거나 clusterIP를 비워 둔다"
                    )));
                } else if !ips.used.insert(ip) {
                    diags.push(Diagnostic::new(
                        Code::ClusterIpTaken,
                        format!("{base}/clusterIP"),
                        text!(
                            "ClusterIP {ip} is already allocated (to another Service, `kubernetes` at the range's first address or `kube-dns` at its tenth); the API server refuses the Service",
                            "ClusterIP {ip}은(는) 이미 할당되어 있다(다른 Service, 범위 첫 주소의 `kubernetes`, 열 번째 주소의 `kube-dns`). API 서버가 Service를 거절한다"
                        ),
                    )
                    .fix(text!("pick another address, or leave clusterIP out", "다른 주소를 고르거나 clusterIP를 비워 둔다")));
                } else {
                    a.cluster_ip = Some(ip);
                }
            }
        },
    }
}

/// Given `nodePort`s and `healthCheckNodePort`, where allowed, taken in `ports`.
fn given_ports(
    ports: &mut Ports,
    base: &str,
    s: &Service,
    a: &mut Allocation,
    diags: &mut Vec<Diagnostic>,
) {
    for (k, p) in s.ports.iter().enumerate() {
        let Some(np) = p.node_port else { continue };
        let path = format!("{base}/ports/{k}/nodePort");
        if !needs_node_ports(s.service_type) {
            diags.push(Diagnostic::new(
                Code::NodePortNotAllowed,
                path,
                text!(
                    "nodePort {np} is set on a ClusterIP Service, which has no NodePort; the API server refuses it",
                    "ClusterIP Service에는 NodePort가 없는데 nodePort {np}이(가) 지정되어 API 서버가 거절한다"
                ),
            )
            .fix(text!(
                "remove nodePort, or make the Service type NodePort or LoadBalancer",
                "nodePort를 지우거나 Service 유형을 NodePort나 LoadBalancer로 바꾼다"
            )));
            continue;
        }
        if ports.claim(np, path, "nodePort", diags) {
            if let Some(slot) = a.node_ports.get_mut(k) {
                *slot = Some(np);
            }
        }
    }
    if let Some(hc) = s.health_check_node_port {
        let path = format!("{base}/healthCheckNodePort");
        if !needs_health_check_port(s) {
            diags.push(Diagnostic::new(
                Code::HealthCheckNodePortNotAllowed,
                path,
                text!(
                    "healthCheckNodePort {hc} may only be set when type is LoadBalancer and externalTrafficPolicy is Local; under Cluster the load balancer health-checks the NodePort of every node",
                    "healthCheckNodePort {hc}은(는) type이 LoadBalancer이고 externalTrafficPolicy가 Local일 때만 쓸 수 있다. Cluster에서는 로드 밸런서가 모든 노드의 NodePort로 헬스 체크한다"
                ),
            )
            .fix(text!(
                "remove healthCheckNodePort, or set externalTrafficPolicy: Local on a LoadBalancer Service",
                "healthCheckNodePort를 지우거나 LoadBalancer Service에 externalTrafficPolicy: Local을 둔다"
            )));
        } else if ports.claim(hc, path, "healthCheckNodePort", diags) {
            a.health_check_node_port = Some(hc);
        }
    }
}

/// Allocates for `services` (`(scenario index, Service)`), appending diagnostics.
/// `service_cidr` is `None` when the cluster has no usable IPv4 service CIDR.
pub(super) fn allocate(
    cluster: &str,
    service_cidr: Option<Ipv4Net>,
    services: &[(usize, &Service)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Allocation> {
    let mut ips = ClusterIps::new(service_cidr);
    let mut ports = Ports {
        used: HashSet::new(),
    };
    let mut out: Vec<Allocation> = services
        .iter()
        .map(|(_, s)| Allocation {
            node_ports: vec![None; s.ports.len()],
            ..Allocation::default()
        })
        .collect();

    // Pass 1: what is given.
    for ((i, s), a) in services.iter().zip(out.iter_mut()) {
        let base = format!("/services/{i}");
        given_cluster_ip(&mut ips, service_cidr, &base, s, a, diags);
        given_ports(&mut ports, &base, s, a, diags);
    }

    // Pass 2: allocate what is missing.
    let mut exhausted = false;
    for ((i, s), a) in services.iter().zip(out.iter_mut()) {
        let seed = hash(&[cluster, &s.namespace, &s.name]);
        if a.cluster_ip.is_none() && !a.headless {
            a.cluster_ip = ips.allocate(seed);
        }
        if needs_node_ports(s.service_type) {
            for (k, slot) in a.node_ports.iter_mut().enumerate() {
                if slot.is_none() {
                    *slot = ports.allocate(seed.wrapping_add(k as u64 * 7919));
                    exhausted |= slot.is_none();
                }
            }
        }
        if needs_health_check_port(s) && a.health_check_node_port.is_none() {
            a.health_check_node_port = ports.allocate(seed.rotate_left(17));
            exhausted |= a.health_check_node_port.is_none();
        }
        if exhausted {
            diags.push(Diagnostic::new(
                Code::NodePortsExhausted,
                format!("/services/{i}/ports"),
                text!(
                    "every port of {NODE_PORT_MIN}-{NODE_PORT_MAX} is taken; the API server cannot allocate a NodePort",
                    "{NODE_PORT_MIN}-{NODE_PORT_MAX}의 모든 포트가 쓰여 API 서버가 NodePort를 할당할 수 없다"
                ),
            )
            .fix(text!(
                "use fewer NodePort/LoadBalancer Services, or IP targets with ClusterIP Services",
                "NodePort/LoadBalancer Service를 줄이거나 ClusterIP Service와 IP 대상을 쓴다"
            )));
            exhausted = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::ServicePort;

    fn svc(name: &str, t: ServiceType, ip: Option<&str>, np: Option<u16>) -> Service {
        Service {
            name: name.into(),
            namespace: "default".into(),
            service_type: t,
            cluster_ip: ip.map(Into::into),
            ports: vec![ServicePort {
                port: 80,
                node_port: np,
                ..ServicePort::default()
            }],
            ..Service::default()
        }
    }

    fn run(v: &[Service]) -> (Vec<Allocation>, Vec<&'static str>) {
        let mut d = Vec::new();
        let list: Vec<(usize, &Service)> = v.iter().enumerate().collect();
        let net = "10.100.0.0/16".parse().ok();
        let a = allocate("c", net, &list, &mut d);
        (a, d.iter().map(|x| x.code.as_str()).collect())
    }

    #[test]
    fn given_values_win_and_the_rest_is_allocated_deterministically() {
        let v = vec![
            svc("a", ServiceType::LoadBalancer, None, None),
            svc(
                "b",
                ServiceType::LoadBalancer,
                Some("10.100.51.23"),
                Some(30686),
            ),
        ];
        let (a, codes) = run(&v);
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(a[1].cluster_ip, "10.100.51.23".parse().ok());
        assert_eq!(a[1].node_ports, vec![Some(30686)]);
        let ip = a[0].cluster_ip.unwrap();
        assert!("10.100.0.0/16".parse::<Ipv4Net>().unwrap().contains(&ip));
        assert_ne!(ip, "10.100.0.1".parse::<Ipv4Addr>().unwrap());
        let np = a[0].node_ports[0].unwrap();
        assert!((NODE_PORT_MIN..=NODE_PORT_MAX).contains(&np) && np != 30686);
        assert_eq!(run(&v).0, a, "deterministic");
    }

    #[test]
    fn what_the_api_server_refuses() {
        let mut local = svc("l", ServiceType::LoadBalancer, None, None);
        local.external_traffic_policy = TrafficPolicy::Local;
        let mut cluster_hc = svc("c", ServiceType::LoadBalancer, None, None);
        cluster_hc.health_check_node_port = Some(31000);
        let v = vec![
            svc("a", ServiceType::NodePort, Some("10.100.0.10"), Some(80)),
            svc("b", ServiceType::NodePort, Some("10.200.0.5"), Some(30001)),
            svc("d", ServiceType::NodePort, Some("x"), Some(30001)),
            svc("e", ServiceType::ClusterIP, None, Some(30002)),
            svc("h", ServiceType::LoadBalancer, Some("None"), None),
            cluster_hc,
            local,
        ];
        let (a, codes) = run(&v);
        for c in [
            "cluster-ip-taken",
            "node-port-out-of-range",
            "cluster-ip-outside-range",
            "node-port-taken",
            "invalid-ip",
            "node-port-not-allowed",
            "headless-not-allowed",
            "health-check-node-port-not-allowed",
        ] {
            assert!(codes.contains(&c), "{c}: {codes:?}");
        }
        // Everyone still gets an address and ports.
        assert!(a.iter().all(|x| x.cluster_ip.is_some()));
        assert!(a[6].health_check_node_port.is_some());
        assert!(a[5].health_check_node_port.is_none());
        assert_eq!(a[3].node_ports, vec![None]);
    }

    #[test]
    fn headless_and_no_cidr() {
        let v = vec![svc("h", ServiceType::ClusterIP, Some("None"), None)];
        let (a, codes) = run(&v);
        assert!(codes.is_empty());
        assert!(a[0].headless && a[0].cluster_ip.is_none());
        let mut d = Vec::new();
        let list: Vec<(usize, &Service)> = v.iter().enumerate().collect();
        let none = allocate("c", None, &list, &mut d);
        assert!(none[0].cluster_ip.is_none());
    }
}
