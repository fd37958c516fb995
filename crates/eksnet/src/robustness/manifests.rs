//! Generators of Service and Ingress manifests, with annotations that are right,
//! wrong or misspelt, every port, type and traffic policy (also used by the load
//! balancers' property tests).

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::{ip, pick};
use crate::scenario::*;

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
