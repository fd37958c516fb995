//! Property tests: no scenario, however odd, makes `analyze` or `trace` panic, and
//! every blocked trace ends at its blocking component. Services and Ingresses with
//! every annotation, port and policy are traced too (svc, ing, pod → pod, pod → svc).
//!
//! Two generators: scenarios assembled from arbitrary parts (references that may or
//! may not exist, CIDRs valid or not, every endpoint mode and resolver), and the
//! default scenario's JSON with one field replaced by an arbitrary JSON value.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::Value;

use crate::scenario::*;
use crate::{analyze, trace, Flow, Scenario};

pub(crate) fn pick(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(options).prop_map(str::to_string)
}

fn cidr() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "192.168.0.0/16",
            "192.168.32.0/19",
            "192.168.64.0/19",
            "192.168.128.0/28",
            "192.168.0.0/30",
            "10.0.0.0/8",
            "10.10.0.0/16",
            "0.0.0.0/0",
            "192.168.32.0/33",
            "",
            "not a cidr",
            "2600:1f18::/56",
        ]),
        (any::<[u8; 4]>(), 0u8..=32)
            .prop_map(|(o, l)| format!("{}.{}.{}.{}/{l}", o[0], o[1], o[2], o[3])),
    ]
}

pub(crate) fn ip() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "192.168.46.6",
            "192.168.32.1",
            "10.10.1.20",
            "203.0.113.10",
            "",
            "x",
            "999.1.1.1"
        ]),
        any::<[u8; 4]>().prop_map(|o| format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3])),
    ]
}

const SUBNETS: &[&str] = &["subnet-a", "subnet-c", "subnet-p", "subnet-x", ""];
const GROUPS: &[&str] = &["sg-cluster", "sg-node", "sg-x", ""];

fn route() -> impl Strategy<Value = Option<DefaultRoute>> {
    prop_oneof![
        Just(None),
        pick(&["igw-1", "igw-x", ""]).prop_map(|g| Some(DefaultRoute::GatewayId(g))),
        pick(&["nat-a", "nat-x"]).prop_map(|n| Some(DefaultRoute::NatGatewayId(n))),
        Just(Some(DefaultRoute::TransitGatewayId("tgw-1".into()))),
    ]
}

fn subnet() -> impl Strategy<Value = Subnet> {
    (
        pick(SUBNETS),
        pick(&["az-a", "az-b", ""]),
        cidr(),
        route(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(id, az, cidr, route, map, v6)| Subnet {
            subnet_id: id,
            availability_zone: az,
            cidr_block: cidr,
            ipv6_cidr_block: if v6 {
                "2600:1f18:0:1::/64".into()
            } else {
                String::new()
            },
            map_public_ip_on_launch: map,
            assign_ipv6_address_on_creation: v6,
            default_route: route,
        })
}

fn rule() -> impl Strategy<Value = SecurityGroupRule> {
    (
        pick(&["tcp", "-1", "udp", "6", "bogus"]),
        any::<u16>(),
        any::<u16>(),
        prop::option::of(cidr()),
        prop::option::of(pick(GROUPS)),
    )
        .prop_map(|(p, a, b, c, g)| SecurityGroupRule {
            ip_protocol: p,
            from_port: a.min(b),
            to_port: a.max(b),
            cidr_ip: c,
            source_security_group_id: g,
            description: String::new(),
        })
}

fn group() -> impl Strategy<Value = SecurityGroup> {
    (
        pick(GROUPS),
        prop::collection::vec(rule(), 0..4),
        prop::option::of(prop::collection::vec(rule(), 0..3)),
    )
        .prop_map(|(id, ingress, egress)| SecurityGroup {
            group_id: id,
            group_name: String::new(),
            ingress,
            egress,
        })
}

fn client() -> impl Strategy<Value = Client> {
    let location = prop_oneof![
        ip().prop_map(|source_ip| ClientLocation::Internet { source_ip }),
        pick(SUBNETS).prop_map(|subnet_id| ClientLocation::Subnet { subnet_id }),
        (pick(&["office", "nowhere"]), ip()).prop_map(|(network, source_ip)| {
            ClientLocation::ConnectedNetwork { network, source_ip }
        }),
    ];
    (
        pick(&["laptop", "bastion", "office", ""]),
        location,
        prop::collection::vec(pick(GROUPS), 0..2),
        prop::option::of(ip()),
    )
        .prop_map(|(name, location, security_group_ids, public_ip)| Client {
            name,
            location,
            security_group_ids,
            public_ip,
        })
}

fn node_group() -> impl Strategy<Value = NodeGroup> {
    let kind = prop_oneof![
        Just(NodeGroupKind::Managed),
        Just(NodeGroupKind::SelfManaged),
        Just(NodeGroupKind::Fargate)
    ];
    let pin = (pick(SUBNETS), ip(), prop::option::of(ip())).prop_map(|(s, ip, p)| NodePin {
        subnet_id: s,
        private_ip: ip,
        public_ip: p,
        ..NodePin::default()
    });
    (
        pick(&["ng-1", "ng-2", ""]),
        kind,
        0u32..6,
        prop::collection::vec(pick(SUBNETS), 0..3),
        prop::collection::vec(pick(GROUPS), 0..2),
        prop::option::of(any::<bool>()),
        prop::collection::vec(pin, 0..3),
    )
        .prop_map(|(name, kind, size, subnets, sgs, assoc, nodes)| NodeGroup {
            nodegroup_name: name,
            kind,
            instance_type: "m5.large".into(),
            desired_size: size,
            subnets,
            security_group_ids: sgs,
            associate_public_ip_address: assoc,
            nodes,
        })
}

fn endpoint() -> impl Strategy<Value = VpcEndpoint> {
    (
        pick(&[
            "ecr.api",
            "com.amazonaws.x.ecr.dkr",
            "s3",
            "sts",
            "com.amazonaws.",
        ]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, gw, dns)| VpcEndpoint {
            service_name: name,
            vpc_endpoint_type: if gw {
                VpcEndpointType::Gateway
            } else {
                VpcEndpointType::Interface
            },
            private_dns_enabled: dns,
            ..VpcEndpoint::default()
        })
}

prop_compose! {
    pub(crate) fn scenario()(
        vpc_cidrs in prop::collection::vec(cidr(), 0..3),
        subnets in prop::collection::vec(subnet(), 0..5),
        igw in any::<bool>(),
        nats in prop::collection::vec((pick(&["nat-a", "nat-x"]), pick(SUBNETS), ip()), 0..3),
        endpoints in prop::collection::vec(endpoint(), 0..4),
        dns in any::<(bool, bool)>(),
        resolver in prop::option::of((ip(), any::<bool>())),
        dhcp in prop::option::of((prop::collection::vec(prop_oneof![Just("AmazonProvidedDNS".to_string()), ip()], 0..3), any::<bool>())),
        cluster_subnets in prop::collection::vec(pick(SUBNETS), 0..4),
        extra_sgs in prop::collection::vec(pick(GROUPS), 0..7),
        cluster_sg in pick(GROUPS),
        access in any::<(bool, bool)>(),
        public_cidrs in prop::collection::vec(cidr(), 0..3),
        ipv6 in any::<bool>(),
        service_cidr in cidr(),
        groups in prop::collection::vec(group(), 0..4),
        networks in prop::collection::vec(
            (pick(&["office", ""]), prop::collection::vec(cidr(), 0..2), any::<(bool, bool)>(), prop::option::of(ip())),
            0..3,
        ),
        clients in prop::collection::vec(client(), 0..4),
        node_groups in prop::collection::vec(node_group(), 0..3),
        webhook in prop::option::of(any::<u16>()),
        services in prop::collection::vec(service(), 0..4),
        ingresses in prop::collection::vec(ingress(), 0..3),
        ready in any::<bool>(),
    ) -> Scenario {
        let mut s = Scenario::default();
        s.vpc.cidr_blocks = vpc_cidrs;
        s.vpc.subnets = subnets;
        s.vpc.internet_gateway = igw.then(|| InternetGateway { internet_gateway_id: "igw-1".into() });
        s.vpc.nat_gateways = nats
            .into_iter()
            .map(|(id, sub, ip)| NatGateway { nat_gateway_id: id, subnet_id: sub, public_ip: ip })
            .collect();
        s.vpc.vpc_endpoints = endpoints;
        s.vpc.enable_dns_support = dns.0;
        s.vpc.enable_dns_hostnames = dns.1;
        if let Some((address, forwards_to_vpc_resolver)) = resolver {
            s.vpc.dns_resolver = DnsResolver::Custom { address, forwards_to_vpc_resolver };
        }
        if let Some((domain_name_servers, forwards_to_vpc_resolver)) = dhcp {
            s.vpc.dhcp_options = Some(DhcpOptions {
                domain_name_servers,
                forwards_to_vpc_resolver,
                ..DhcpOptions::default()
            });
        }
        let rvc = &mut s.cluster.resources_vpc_config;
        rvc.subnet_ids = cluster_subnets;
        rvc.security_group_ids = extra_sgs;
        rvc.cluster_security_group_id = cluster_sg;
        rvc.endpoint_public_access = access.0;
        rvc.endpoint_private_access = access.1;
        rvc.public_access_cidrs = public_cidrs;
        if ipv6 {
            s.cluster.kubernetes_network_config.ip_family = IpFamily::Ipv6;
            s.vpc.ipv6_cidr_block = "2600:1f18::/56".into();
        }
        s.cluster.kubernetes_network_config.service_ipv4_cidr = service_cidr;
        s.security_groups = groups;
        s.connected_networks = networks
            .into_iter()
            .map(|(name, cidr_blocks, (inbound, routed), public_ip)| ConnectedNetwork {
                name,
                kind: ConnectionKind::Vpn,
                cidr_blocks,
                resolver_inbound_endpoint: inbound,
                routed,
                public_ip,
            })
            .collect();
        s.clients = clients;
        s.node_groups = node_groups;
        s.workloads = vec![Workload {
            name: "w".into(),
            admission_webhook_port: webhook,
            replicas: 3,
            ready,
            ..Workload::default()
        }];
        s.services = services;
        s.ingresses = ingresses;
        s
    }
}

/// Traces every flow the scenario names, and a few it does not; checks that every
/// diagnostic and every blocked trace carries a code of the catalogue that names
/// its kind (and, for diagnostics, one of the code's severities).
pub(crate) fn trace_everything(s: &Scenario) {
    let a = analyze(s);
    for d in &a.diagnostics {
        let e = d.code.entry();
        assert!(e.kind.diagnostic(), "{} is not a diagnostic code", d.code);
        assert!(
            e.severities.contains(&d.severity),
            "{} with severity {:?}: the catalogue says {:?}",
            d.code,
            d.severity,
            e.severities
        );
    }
    let mut flows: Vec<String> = vec![
        "kubectl:nobody".into(),
        "kubelet:nonode".into(),
        "webhook:x:notaport".into(),
        "svc:default/my-nginx".into(),
    ];
    // Every flow the web app and the CLI offer, then more of each kind.
    for g in crate::trace::flows(&a) {
        flows.extend(g.flows.iter().map(|(f, _)| f.to_string()));
    }
    for c in &a.model.clients {
        flows.push(format!("kubectl:{}", c.name));
    }
    for n in &a.model.nodes {
        for kind in ["kubelet", "exec", "pull", "webhook"] {
            flows.push(format!("{kind}:{}", n.name));
        }
        flows.push(format!("webhook:{}:8443", n.private_ip));
    }
    for svc in &a.lbs.services {
        flows.push(format!("svc:{}/{}", svc.namespace, svc.name));
        for c in &a.model.clients {
            flows.push(format!("svc:{}/{}@{}", svc.namespace, svc.name, c.name));
        }
        if let Some(p) = a.ipam.pods.first() {
            flows.push(format!(
                "pod:{}/{}->svc:{}/{}",
                p.namespace, p.name, svc.namespace, svc.name
            ));
        }
    }
    for ing in &a.lbs.ingresses {
        flows.push(format!("ing:{}/{}", ing.namespace, ing.name));
    }
    for p in a.ipam.pods.iter().take(3) {
        for q in a.ipam.pods.iter().take(3) {
            flows.push(format!(
                "pod:{}/{}->pod:{}/{}",
                p.namespace, p.name, q.namespace, q.name
            ));
        }
    }
    // The kubectl views render whatever the scenario is.
    let _ = crate::kubectl::views(&a);
    for f in flows {
        let Ok(flow) = Flow::parse(&f) else { continue };
        let t = trace(&a, &flow);
        if let crate::Verdict::Blocked { code, .. } = &t.verdict {
            assert!(
                code.entry().kind.verdict(),
                "{f}: {code} is not a verdict code"
            );
        }
        if let Some(at) = t.blocked_at() {
            assert_eq!(t.hops.last().map(|h| &h.at), Some(at), "{f}");
        }
        assert!(!t.hops.is_empty(), "{f}");
    }
}

/// Every JSON pointer to a leaf of `v`.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| leaves(x, format!("{at}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (0u64..100).prop_map(Value::from),
        cidr().prop_map(Value::String),
        ip().prop_map(Value::String),
        ".*".prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(pick(&["gatewayId", "x", "cidrBlock"]), inner, 0..2)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The catalogue covers the codes the example scenarios raise: the default scenario
/// and the checks' lab in every endpoint mode, traced through every flow.
#[test]
fn example_scenarios_raise_catalogued_codes() {
    trace_everything(&Scenario::example());
    for (public, private) in [(true, false), (true, true), (false, true), (false, false)] {
        trace_everything(&crate::testkit::lab(public, private));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn assembled_scenarios_never_panic(s in scenario()) {
        trace_everything(&s);
    }

    #[test]
    fn one_field_replaced_never_panics(k in any::<prop::sample::Index>(), v in json_value()) {
        let mut doc = serde_json::to_value(Scenario::example()).unwrap_or(Value::Null);
        let mut paths = Vec::new();
        leaves(&doc, String::new(), &mut paths);
        let path = k.get(&paths).clone();
        if let Some(slot) = doc.pointer_mut(&path) {
            *slot = v;
        }
        if let Ok(s) = Scenario::from_json(&doc.to_string()) {
            trace_everything(&s);
        }
    }
}

// ---- Service and Ingress manifests, with annotations that are right, wrong or
// misspelt (also used by the load balancers' property tests).

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
