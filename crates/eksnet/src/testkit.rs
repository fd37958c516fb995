//! Scenarios and helpers shared by the tests of every module: the lab the checks,
//! the control-plane traces and the robustness tests run against ([`lab`]), the
//! load balancers' lab of source 004's consoles ([`lb`]), and short ways to read an
//! analysis ([`codes`], [`with_code`]) or a trace ([`run`], [`ids`], [`code`],
//! [`fix`], [`field`], [`dns_zone`]).

use crate::scenario::*;
use crate::trace::{Flow, Trace, Verdict};
use crate::{analyze, Diagnostic};

/// Codes of the diagnostics of `s`.
pub(crate) fn codes(s: &Scenario) -> Vec<&'static str> {
    crate::analyze(s)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

/// The diagnostics of `s` with `code`.
pub(crate) fn with_code(s: &Scenario, code: &str) -> Vec<Diagnostic> {
    crate::analyze(s)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

/// Sets the connected networks of the scenario document `v` to `networks` and
/// adds a client `desk` in the network `office` (at 10.10.1.5).
pub(crate) fn connect_networks(v: &mut serde_json::Value, networks: serde_json::Value) {
    v["connectedNetworks"] = networks;
    if let Some(clients) = v["clients"].as_array_mut() {
        clients.push(serde_json::json!({
            "name": "desk",
            "location": {"connectedNetwork": {"network": "office", "sourceIp": "10.10.1.5"}},
            "securityGroupIds": []
        }));
    }
}

/// One public subnet `subnet-a` (`cidr`, in 10.0.0.0/16, behind internet gateway
/// `igw-1`, so that nodes register through the public endpoint), a node group `ng`
/// of `nodes` × `instance` in it and a workload `app` of `replicas`.
pub(crate) fn public_cluster(cidr: &str, instance: &str, nodes: u32, replicas: u32) -> Scenario {
    let mut s = Scenario::default();
    s.vpc.cidr_blocks = vec!["10.0.0.0/16".into()];
    s.vpc.internet_gateway = Some(InternetGateway {
        internet_gateway_id: "igw-1".into(),
    });
    s.vpc.subnets = vec![Subnet {
        subnet_id: "subnet-a".into(),
        availability_zone: "ap-northeast-2a".into(),
        cidr_block: cidr.into(),
        map_public_ip_on_launch: true,
        default_route: Some(DefaultRoute::GatewayId("igw-1".into())),
        ..Subnet::default()
    }];
    s.node_groups = vec![NodeGroup {
        nodegroup_name: "ng".into(),
        instance_type: instance.into(),
        desired_size: nodes,
        subnets: vec!["subnet-a".into()],
        ..NodeGroup::default()
    }];
    s.workloads = vec![Workload {
        name: "app".into(),
        replicas,
        ..Workload::default()
    }];
    s
}

fn rule(port: u16, cidr: Option<&str>, sg: Option<&str>, what: &str) -> SecurityGroupRule {
    SecurityGroupRule {
        ip_protocol: if port == 0 { "-1".into() } else { "tcp".into() },
        from_port: port,
        to_port: port,
        cidr_ip: cidr.map(Into::into),
        source_security_group_id: sg.map(Into::into),
        description: what.into(),
    }
}

/// A lab: VPC 192.168.0.0/16 with public subnets `subnet-a`/`subnet-c` (IGW) and
/// private subnets `subnet-pa`/`subnet-pc` (NAT gateway `nat-a` in `subnet-a`,
/// Elastic IP 13.125.0.10); the cluster's ENIs in the private subnets; node
/// group `public` (one node in `subnet-a`, public IP 52.79.236.233) and
/// `private` (one node in `subnet-pa`); clients `laptop` (internet
/// 203.0.113.10), `bastion` (in `subnet-a`, group `sg-bastion`) and `office`
/// (VPN 10.10.0.0/16 with a Route 53 Resolver inbound endpoint). The cluster
/// security group admits 443 from `sg-bastion` and 10.10.0.0/16.
pub(crate) fn lab(public: bool, private: bool) -> Scenario {
    let subnet = |id: &str, az: &str, cidr: &str, route: DefaultRoute, map: bool| Subnet {
        subnet_id: id.into(),
        availability_zone: az.into(),
        cidr_block: cidr.into(),
        map_public_ip_on_launch: map,
        default_route: Some(route),
        ..Subnet::default()
    };
    let igw = || DefaultRoute::GatewayId("igw-1".into());
    let nat = || DefaultRoute::NatGatewayId("nat-a".into());
    let mut s = Scenario::example();
    s.workloads.clear();
    s.pods.clear();
    s.services.clear();
    s.vpc.subnets = vec![
        subnet(
            "subnet-a",
            "ap-northeast-2a",
            "192.168.32.0/19",
            igw(),
            true,
        ),
        subnet(
            "subnet-c",
            "ap-northeast-2c",
            "192.168.64.0/19",
            igw(),
            true,
        ),
        subnet(
            "subnet-pa",
            "ap-northeast-2a",
            "192.168.128.0/19",
            nat(),
            false,
        ),
        subnet(
            "subnet-pc",
            "ap-northeast-2c",
            "192.168.160.0/19",
            nat(),
            false,
        ),
    ];
    s.vpc.nat_gateways = vec![NatGateway {
        nat_gateway_id: "nat-a".into(),
        subnet_id: "subnet-a".into(),
        public_ip: "13.125.0.10".into(),
    }];
    let rvc = &mut s.cluster.resources_vpc_config;
    rvc.subnet_ids = vec!["subnet-pa".into(), "subnet-pc".into()];
    rvc.endpoint_public_access = public;
    rvc.endpoint_private_access = private;
    s.security_groups = vec![
        SecurityGroup {
            group_id: "sg-cluster".into(),
            group_name: "eks-cluster-sg-my-cluster".into(),
            ingress: vec![
                rule(
                    0,
                    None,
                    Some("sg-cluster"),
                    "all from the cluster security group",
                ),
                rule(443, None, Some("sg-bastion"), "kubectl from the bastion"),
                rule(443, Some("10.10.0.0/16"), None, "kubectl from the office"),
            ],
            egress: None,
        },
        SecurityGroup {
            group_id: "sg-bastion".into(),
            group_name: "bastion".into(),
            ..SecurityGroup::default()
        },
    ];
    s.connected_networks = vec![ConnectedNetwork {
        name: "office".into(),
        kind: ConnectionKind::Vpn,
        cidr_blocks: vec!["10.10.0.0/16".into()],
        resolver_inbound_endpoint: true,
        routed: true,
        public_ip: Some("198.51.100.7".into()),
    }];
    s.clients = vec![
        Client {
            name: "laptop".into(),
            location: ClientLocation::Internet {
                source_ip: "203.0.113.10".into(),
            },
            ..Client::default()
        },
        Client {
            name: "bastion".into(),
            location: ClientLocation::Subnet {
                subnet_id: "subnet-a".into(),
            },
            security_group_ids: vec!["sg-bastion".into()],
            public_ip: Some("43.200.1.1".into()),
        },
        Client {
            name: "office".into(),
            location: ClientLocation::ConnectedNetwork {
                network: "office".into(),
                source_ip: "10.10.1.20".into(),
            },
            ..Client::default()
        },
    ];
    s.node_groups = vec![
        NodeGroup {
            nodegroup_name: "public".into(),
            desired_size: 1,
            subnets: vec!["subnet-a".into()],
            nodes: vec![NodePin {
                subnet_id: "subnet-a".into(),
                private_ip: "192.168.46.6".into(),
                public_ip: Some("52.79.236.233".into()),
                ..NodePin::default()
            }],
            ..NodeGroup::default()
        },
        NodeGroup {
            nodegroup_name: "private".into(),
            desired_size: 1,
            subnets: vec!["subnet-pa".into()],
            nodes: vec![NodePin {
                subnet_id: "subnet-pa".into(),
                private_ip: "192.168.130.10".into(),
                public_ip: None,
                ..NodePin::default()
            }],
            ..NodeGroup::default()
        },
    ];
    s
}

#[test]
fn the_lab_is_clean_in_every_mode() {
    for (public, private) in [(true, false), (true, true), (false, true)] {
        let a = crate::analyze(&lab(public, private));
        let bad: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.severity != crate::Severity::Info)
            .collect();
        assert!(bad.is_empty(), "{public} {private}: {bad:#?}");
    }
}

/// The three endpoint modes: public, public + private, private.
pub(crate) const MODES: [(bool, bool); 3] = [(true, false), (true, true), (false, true)];

/// Traces `flow` through `s`, checking that a blocked trace ends at its blocking
/// component.
pub(crate) fn run(s: &Scenario, flow: &str) -> Trace {
    let t = crate::trace(&analyze(s), &Flow::parse(flow).expect("flow"));
    // The blocking component is always the last hop.
    if let Some(at) = t.blocked_at() {
        assert_eq!(t.hops.last().map(|h| &h.at), Some(at), "{flow}");
    }
    t
}

/// The ids of a trace's hops.
pub(crate) fn ids(t: &Trace) -> Vec<&str> {
    t.hops.iter().map(|h| h.at.as_str()).collect()
}

/// The code of a blocked trace.
pub(crate) fn code(t: &Trace) -> Option<&'static str> {
    match &t.verdict {
        Verdict::Blocked { code, .. } => Some(code.as_str()),
        Verdict::Reachable => None,
    }
}

/// The fix of a blocked trace, in English (empty when reachable).
pub(crate) fn fix(t: &Trace) -> String {
    match &t.verdict {
        Verdict::Blocked { fix, .. } => fix.en.clone(),
        Verdict::Reachable => String::new(),
    }
}

/// The field to change of a blocked trace.
pub(crate) fn field(t: &Trace) -> Option<String> {
    match &t.verdict {
        Verdict::Blocked { field, .. } => field.clone(),
        Verdict::Reachable => None,
    }
}

/// The zone that answered the trace's DNS hop.
pub(crate) fn dns_zone(t: &Trace) -> Option<&str> {
    t.hops
        .iter()
        .find_map(|h| h.dns.as_ref())
        .and_then(|d| d.zone.as_ref())
        .map(|z| z.as_str())
}

/// The load balancers' lab (source 004's consoles) and its variations.
pub(crate) mod lb {
    use std::collections::BTreeMap;

    use crate::lb::{keys, HealthState, TargetGroup};
    use crate::scenario::*;

    /// Source 004's cluster with `my-nginx` down to two pods, both in
    /// ap-northeast-2c (`…6pr9g` on ip-192-168-90-3, `…8snkt` on ip-192-168-75-136),
    /// so that Local leaves the two nodes of ap-northeast-2a without a pod; no host
    /// name given (derived), and a `bastion` client in subnet-a.
    pub(crate) fn lab() -> Scenario {
        let mut s = Scenario::example();
        s.workloads[0].replicas = 2;
        s.pods
            .retain(|p| p.name.ends_with("6pr9g") || p.name.ends_with("8snkt"));
        s.services[0].load_balancer_hostname = None;
        s.clients.push(Client {
            name: "bastion".into(),
            location: ClientLocation::Subnet {
                subnet_id: "subnet-a".into(),
            },
            ..Client::default()
        });
        s
    }

    /// `lab()` with my-nginx's annotations and policy set.
    pub(crate) fn svc(ann: &[(&str, &str)], policy: TrafficPolicy) -> Scenario {
        let mut s = lab();
        s.services[0].annotations = ann
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        s.services[0].external_traffic_policy = policy;
        s
    }

    /// An ALB Ingress `name` → `service:80` with extra annotations.
    pub(crate) fn ingress(name: &str, service: &str, ann: &[(&str, &str)]) -> Ingress {
        let mut a: BTreeMap<String, String> = ann
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        a.insert(keys::INGRESS_CLASS.into(), "alb".into());
        Ingress {
            name: name.into(),
            namespace: "default".into(),
            annotations: a,
            rules: vec![IngressRule {
                service_name: service.into(),
                service_port: 80,
                ..IngressRule::default()
            }],
            ..Ingress::default()
        }
    }

    pub(crate) const PUBLIC: (&str, &str) = (keys::ALB_SCHEME, "internet-facing");
    pub(crate) const NLB_PUBLIC: (&str, &str) = (keys::SCHEME, "internet-facing");
    pub(crate) const EXTERNAL: (&str, &str) = (keys::LB_TYPE, "external");
    pub(crate) const IP: (&str, &str) = (keys::NLB_TARGET_TYPE, "ip");

    /// The health states of a target group's targets.
    pub(crate) fn states(tg: &TargetGroup) -> Vec<HealthState> {
        tg.targets.iter().map(|t| t.health.state).collect()
    }
}
