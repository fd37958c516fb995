//! Property tests of the load balancers: Services and Ingresses with every
//! annotation, port and policy, on the default cluster (so that pods, endpoints and
//! healthy targets exist), keep their invariants: ClusterIPs unique and inside the
//! service CIDR, NodePorts unique and in range, a created load balancer has a DNS
//! name containing its name, and a healthy target is in one of the load balancer's
//! AZs and has what its health check needs (a ready local pod under Local, a ready
//! pod anywhere under Cluster, a ready pod for an IP target). Every flow is traced
//! without a panic. The generators are shared with `robustness.rs`.

use proptest::prelude::*;

use crate::robustness::{ingress, service, trace_everything};
use crate::scenario::*;
use crate::{analyze, Scenario};

/// Invariants of the derived Services and load balancers.
fn lb_invariants(s: &Scenario) {
    use crate::lb::{HealthState, TargetRef, TargetType};
    let a = analyze(s);
    trace_everything(s);
    let mut ports = std::collections::HashSet::new();
    let mut ips = std::collections::HashSet::new();
    for svc in &a.lbs.services {
        if let Some(ip) = svc.cluster_ip {
            assert!(ips.insert(ip), "ClusterIP {ip} given twice");
            if let Some(c) = a.model.cluster.service_cidr {
                assert!(c.contains(&ip));
            }
        }
        for p in svc
            .ports
            .iter()
            .filter_map(|p| p.node_port)
            .chain(svc.health_check_node_port)
        {
            assert!((crate::lb::NODE_PORT_MIN..=crate::lb::NODE_PORT_MAX).contains(&p));
            assert!(ports.insert(p), "NodePort {p} given twice");
        }
    }
    for lb in &a.lbs.load_balancers {
        assert_eq!(lb.created, !lb.dns_name.is_empty(), "{}", lb.name);
        assert!(lb.dns_name.is_empty() || lb.dns_name.contains(&lb.name));
        for tg in &lb.target_groups {
            let svc = &a.lbs.services[tg.service];
            for t in &tg.targets {
                if t.health.state != HealthState::Healthy {
                    continue;
                }
                assert!(
                    lb.azs().any(|z| z == t.az),
                    "a healthy target in an AZ of the LB"
                );
                match (tg.target_type, t.target) {
                    (TargetType::Instance, TargetRef::Node { node }) => {
                        if svc.external_traffic_policy == TrafficPolicy::Local {
                            assert!(svc.ready_endpoints().any(|e| e.node == Some(node)));
                        } else {
                            assert!(svc.ready_endpoints().next().is_some());
                        }
                    }
                    (TargetType::Ip, TargetRef::Pod { pod }) => {
                        assert!(svc.endpoints.iter().any(|e| e.pod == pod && e.ready));
                    }
                    _ => panic!("target of the wrong kind"),
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn services_on_the_default_cluster_keep_their_invariants(
        services in prop::collection::vec(service(), 0..4),
        ingresses in prop::collection::vec(ingress(), 0..3),
        ready in any::<bool>(),
    ) {
        let mut s = Scenario::example();
        s.workloads[0].ready = ready;
        s.services.extend(services);
        s.ingresses = ingresses;
        s.clients.push(Client {
            name: "bastion".into(),
            location: ClientLocation::Subnet { subnet_id: "subnet-a".into() },
            ..Client::default()
        });
        lb_invariants(&s);
    }

}
