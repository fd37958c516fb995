//! Property tests of the load balancers: Services and Ingresses with every
//! annotation, port and policy, on the default cluster (so that pods, endpoints and
//! healthy targets exist), keep their invariants: ClusterIPs unique and inside the
//! service CIDR, NodePorts unique and in range, a created load balancer has a DNS
//! name containing its name, and a healthy target is in one of the load balancer's
//! AZs and has what its health check needs (a ready local pod under Local, a ready
//! pod anywhere under Cluster, a ready pod for an IP target). Every flow is traced
//! without a panic. The generators are shared with `robustness.rs`.

use std::collections::BTreeMap;

use proptest::prelude::*;

use crate::robustness::{ip, pick, trace_everything};
use crate::scenario::*;
use crate::{analyze, Scenario};

const SVC_KEYS: &[&str] = &[
    crate::lb::keys::LB_TYPE,
    crate::lb::keys::NLB_TARGET_TYPE,
    crate::lb::keys::SCHEME,
    crate::lb::keys::INTERNAL,
    crate::lb::keys::SUBNETS,
    crate::lb::keys::TG_ATTRIBUTES,
    crate::lb::keys::CROSS_ZONE,
];
const SVC_VALUES: &[&str] = &[
    "clb",
    "nlb",
    "nlb-ip",
    "external",
    "alb",
    "instance",
    "ip",
    "internet-facing",
    "internal",
    "true",
    "false",
    "subnet-a",
    "subnet-a,subnet-c",
    "subnet-x",
    "preserve_client_ip.enabled=true",
    "preserve_client_ip.enabled=maybe",
    "",
];
const ING_KEYS: &[&str] = &[
    crate::lb::keys::INGRESS_CLASS,
    crate::lb::keys::ALB_SCHEME,
    crate::lb::keys::ALB_TARGET_TYPE,
    crate::lb::keys::ALB_GROUP,
    crate::lb::keys::ALB_SUBNETS,
    crate::lb::keys::ALB_LISTEN_PORTS,
];
const ING_VALUES: &[&str] = &[
    "alb",
    "nginx",
    "internet-facing",
    "internal",
    "instance",
    "ip",
    "g",
    "G!",
    "subnet-a",
    "subnet-c,subnet-a",
    r#"[{"HTTP": 8080}]"#,
    "[oops",
    "",
];

fn annotations(
    keys: &'static [&'static str],
    values: &'static [&'static str],
) -> impl Strategy<Value = BTreeMap<String, String>> {
    prop::collection::btree_map(pick(keys), pick(values), 0..4)
}

pub(crate) fn service() -> impl Strategy<Value = Service> {
    let port = (
        any::<u16>(),
        pick(&["TCP", "UDP", "", "ICMP"]),
        prop::option::of(any::<u16>()),
        prop::option::of(prop_oneof![any::<u16>(), 30000u16..32768]),
    )
        .prop_map(|(port, protocol, target_port, node_port)| ServicePort {
            name: String::new(),
            protocol,
            port: port % 100,
            target_port,
            node_port,
        });
    let kind = prop_oneof![
        Just(ServiceType::ClusterIP),
        Just(ServiceType::NodePort),
        Just(ServiceType::LoadBalancer)
    ];
    (
        (
            pick(&["my-nginx", "web", ""]),
            pick(&["default", "", "other"]),
        ),
        annotations(SVC_KEYS, SVC_VALUES),
        kind,
        pick(&["w", "my-nginx", "nothing", ""]),
        prop::option::of(prop_oneof![
            pick(&["None", "10.100.0.10", "10.100.51.23", ""]),
            ip()
        ]),
        prop::collection::vec(port, 0..3),
        any::<bool>(),
        prop::option::of(any::<u16>()),
        prop::option::of(pick(&[
            "ad39ba2b8a05d44d2b88e3e11c9706b7-1845382141.ap-northeast-2.elb.amazonaws.com",
            "x-0123456789abcdef.elb.ap-northeast-2.amazonaws.com",
            "nonsense",
        ])),
    )
        .prop_map(
            |(
                (name, namespace),
                annotations,
                service_type,
                app,
                cluster_ip,
                ports,
                local,
                hc,
                host,
            )| {
                let mut selector = BTreeMap::new();
                if !app.is_empty() {
                    selector.insert("app".to_string(), app);
                }
                Service {
                    name,
                    namespace,
                    annotations,
                    service_type,
                    selector,
                    cluster_ip,
                    ports,
                    external_traffic_policy: if local {
                        TrafficPolicy::Local
                    } else {
                        TrafficPolicy::Cluster
                    },
                    health_check_node_port: hc,
                    uid: String::new(),
                    load_balancer_hostname: host,
                    age: String::new(),
                }
            },
        )
}

pub(crate) fn ingress() -> impl Strategy<Value = Ingress> {
    let rule = (
        pick(&["", "a.example.com"]),
        pick(&["", "/api"]),
        pick(&["my-nginx", "web", "nope"]),
        prop::sample::select(vec![80u16, 0, 443]),
    )
        .prop_map(|(host, path, service_name, port)| IngressRule {
            host,
            path,
            service_name,
            service_port: port,
        });
    (
        pick(&["web", "my-nginx", ""]),
        pick(&["default", "other"]),
        annotations(ING_KEYS, ING_VALUES),
        prop::option::of(pick(&["alb", "nginx", ""])),
        prop::collection::vec(rule, 0..3),
    )
        .prop_map(
            |(name, namespace, annotations, ingress_class_name, rules)| Ingress {
                name,
                namespace,
                annotations,
                ingress_class_name,
                rules,
                load_balancer_hostname: None,
                age: String::new(),
            },
        )
}

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
