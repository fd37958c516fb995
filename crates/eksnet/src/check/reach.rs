//! Reachability rules, decided by tracing: a node that cannot reach the API server
//! never registers (000, "EKS Cluster Architecture"); the control plane must reach
//! the kubelet on 10250 and webhooks on their ports through the EKS-owned ENIs (002;
//! AWS docs, security group requirements); every node pulls images from ECR (AWS
//! docs, "Deploy private clusters with limited internet access"); and kubectl clients should reach the
//! endpoint.
//!
//! Checks and traces cannot disagree, because the checks *are* traces: one per class
//! of nodes that behave alike (same node group and subnet, and for the public path
//! whether the node has a public IP that `publicAccessCidrs` admits), so a group of
//! thousands of nodes costs a handful of traces.

use std::collections::{BTreeMap, BTreeSet};

use crate::codes::Code;
use crate::diag::Severity::{self, Info, Warning};
use crate::model::{ClientAt, Model};
use crate::trace::control::{self, short};
use crate::trace::pull;
use crate::trace::{Trace, Verdict};
use crate::{text, Diagnostic, Text};

pub(super) fn check(m: &Model, d: &mut Vec<Diagnostic>) {
    let mut out = Vec::new();
    nodes(m, &mut out);
    clients(m, &mut out);
    // Several classes may be blocked by the same rule: report it once.
    let mut seen = BTreeSet::new();
    for x in out {
        if seen.insert((x.code, x.path.clone(), x.message.en.clone())) {
            d.push(x);
        }
    }
}

/// A class of nodes: its first member and its size.
struct Class {
    first: usize,
    count: usize,
}

fn classes<K: Ord>(m: &Model, key: impl Fn(usize) -> K) -> Vec<Class> {
    let mut map: BTreeMap<K, Class> = BTreeMap::new();
    for n in 0..m.nodes.len() {
        map.entry(key(n))
            .and_modify(|c| c.count += 1)
            .or_insert(Class { first: n, count: 1 });
    }
    let mut v: Vec<Class> = map.into_values().collect();
    crate::sort::sort_by_key(&mut v, |c| c.first);
    v
}

/// `ip-192-168-46-6` or `ip-192-168-46-6 and 3 more nodes of ng-1 in subnet-a`.
fn who(m: &Model, c: &Class) -> Text {
    let Some(node) = m.nodes.get(c.first) else {
        return Text::default();
    };
    let name = short(&node.name);
    if c.count == 1 {
        return Text::same(name);
    }
    let more = c.count - 1;
    let group = m
        .node_groups
        .get(node.group)
        .map(|g| g.name.as_str())
        .unwrap_or_default();
    let subnet = m
        .subnets
        .get(node.subnet)
        .map(|s| s.id.as_str())
        .unwrap_or_default();
    let more_en = crate::text::count(more, "more node", "more nodes");
    text!(
        "{name} and {more_en} of {group} in {subnet}",
        "{name} 외 노드 {more}대({group}, {subnet})"
    )
}

/// The blocked verdict's parts, unless the block is one other rules report
/// (no EKS-owned ENI: `cluster-subnets-missing`).
fn blocked(t: &Trace) -> Option<(Code, &Text, &Text, &Option<String>, crate::Cite)> {
    match &t.verdict {
        Verdict::Blocked {
            code,
            reason,
            fix,
            field,
            cite,
            ..
        } if *code != Code::NoEksEni => Some((*code, reason, fix, field, *cite)),
        _ => None,
    }
}

/// A block by a route table or network ACL keeps its own code (it is not a
/// security group's missing rule).
fn fabric_code(code: Code) -> Option<Code> {
    matches!(
        code,
        Code::RouteBlackhole | Code::NetworkAclDenies | Code::NetworkAclDeniesReturn
    )
    .then_some(code)
}

fn is_egress(field: &Option<String>) -> bool {
    field.as_deref().is_some_and(|f| f.ends_with("/egress"))
}

fn nodes(m: &Model, d: &mut Vec<Diagnostic>) {
    // kubelet → API server and image pulls depend on the path out, hence on the
    // public IP and whether publicAccessCidrs admits it.
    let out_classes = classes(m, |n| {
        let node = &m.nodes[n];
        let admitted = crate::trace::route::public_access_allows(m, node.public_ip);
        (node.group, node.subnet, node.public_ip.is_some(), admitted)
    });
    for c in &out_classes {
        let node = &m.nodes[c.first];
        let group_path = format!("/nodeGroups/{}", node.group);
        let w = who(m, c);
        let (we, wk) = (&w.en, &w.ko);

        // Registration is decided once, by the kubelet trace of the class.
        let never = m.registration.why_not(c.first);
        if let Some((code, reason, fix, field, cite)) = never.and_then(|x| blocked(&x.trace)) {
            let (re, rk) = (&reason.en, &reason.ko);
            let dcode = match code {
                Code::SecurityGroupDenies if is_egress(field) => Code::SgEgressDenies,
                Code::SecurityGroupDenies => Code::ClusterSgMissing443FromNodes,
                _ => Code::NodeCannotReachEndpoint,
            };
            // AWS reports a managed node group whose nodes never register as
            // NodeCreationFailure; a public subnet that gives no public IP as
            // Ec2SubnetInvalidConfiguration (see `rules::aws_health`).
            let managed = m
                .node_groups
                .get(node.group)
                .is_some_and(|g| g.kind == crate::scenario::NodeGroupKind::Managed);
            let aws = match code {
                _ if !managed => None,
                Code::NoPublicIp => Some(crate::rules::aws_health::NO_PUBLIC_IP),
                _ => crate::rules::aws_health::aws_code(Code::NodeCannotReachEndpoint),
            };
            d.push(
                Diagnostic::new(
                    dcode,
                    field.clone().unwrap_or_else(|| group_path.clone()),
                    text!(
                        "kubelet on {we} cannot reach the API server ({code}): {re}",
                        "{wk}의 kubelet이 API 서버에 닿지 못한다({code}): {rk}"
                    ),
                )
                .fix(fix.clone())
                .cite(cite)
                .aws_code(aws),
            );
        }

        let t = pull::pull(m, String::new(), c.first);
        if let Some((code, reason, fix, field, _)) = blocked(&t) {
            let (re, rk) = (&reason.en, &reason.ko);
            d.push(
                Diagnostic::new(
                    Code::NodeCannotPullImages,
                    field.clone().unwrap_or_else(|| group_path.clone()),
                    text!(
                        "{we} cannot pull images from Amazon ECR ({code}): {re}",
                        "{wk}이(가) Amazon ECR에서 이미지를 받지 못한다({code}): {rk}"
                    ),
                )
                .fix(fix.clone()),
            );
        }
    }

    // API server → node depends on the node's groups and the ENI its AZ uses.
    let in_classes = classes(m, |n| (m.nodes[n].group, m.nodes[n].subnet));
    let mut ports: Vec<u16> = m
        .k8s
        .workloads
        .iter()
        .filter_map(|w| w.admission_webhook_port)
        .collect();
    crate::sort::sort_by(&mut ports, Ord::cmp);
    ports.dedup();
    for c in &in_classes {
        let node = &m.nodes[c.first];
        let group_path = format!("/nodeGroups/{}", node.group);
        let w = who(m, c);
        let (we, wk) = (&w.en, &w.ko);
        let t = control::exec(m, String::new(), c.first);
        if let Some((code, reason, fix, field, cite)) = blocked(&t) {
            let (re, rk) = (&reason.en, &reason.ko);
            let dcode = match fabric_code(code) {
                Some(c) => c,
                None if is_egress(field) => Code::SgEgressDenies,
                None => Code::NodeSgMissing10250,
            };
            d.push(
                Diagnostic::new(
                    dcode,
                    field.clone().unwrap_or_else(|| group_path.clone()),
                    text!(
                        "the API server cannot reach the kubelet on {we} (port 10250): {re}",
                        "API 서버가 {wk}의 kubelet(포트 10250)에 닿지 못한다: {rk}"
                    ),
                )
                .fix(fix.clone())
                .cite(cite),
            );
        }
        for &port in &ports {
            let t = control::webhook(m, String::new(), c.first, port);
            if let Some((code, reason, fix, field, cite)) = blocked(&t) {
                let (re, rk) = (&reason.en, &reason.ko);
                let dcode = match fabric_code(code) {
                    Some(c) => c,
                    None if is_egress(field) => Code::SgEgressDenies,
                    None => Code::NodeSgMissingWebhookPort,
                };
                d.push(Diagnostic::new(
                    dcode,
                    field.clone().unwrap_or_else(|| group_path.clone()),
                    text!(
                        "the API server cannot reach admission webhooks on {we} (port {port}): {re}",
                        "API 서버가 {wk}의 어드미션 웹훅(포트 {port})에 닿지 못한다: {rk}"
                    ),
                )
                .fix(fix.clone())
                .cite(cite));
            }
        }
    }
}

fn clients(m: &Model, d: &mut Vec<Diagnostic>) {
    for (i, c) in m.clients.iter().enumerate() {
        if c.at == ClientAt::Unknown {
            continue;
        }
        let t = control::kubectl(m, String::new(), i);
        let Some((code, reason, fix, field, cite)) = blocked(&t) else {
            continue;
        };
        // Keeping the internet out is often the point of these settings.
        let severity: Severity = match code {
            Code::NoPublicEndpoint | Code::SourceNotInPublicAccessCidrs => Info,
            _ => Warning,
        };
        let name = &c.name;
        let (re, rk) = (&reason.en, &reason.ko);
        d.push(
            Diagnostic::new(
                Code::ClientCannotReachEndpoint,
                field.clone().unwrap_or_else(|| format!("/clients/{i}")),
                text!(
                    "kubectl on {name} cannot reach the API server ({code}): {re}",
                    "{name}의 kubectl이 API 서버에 닿지 못한다({code}): {rk}"
                ),
            )
            .severity(severity)
            .fix(fix.clone())
            .cite(cite),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::*;
    use crate::testkit::{lab, with_code};
    use crate::Severity;

    fn own_sg(s: &mut Scenario, ingress_ports: &[u16], eni_admits_nodes: bool) {
        s.security_groups.push(SecurityGroup {
            group_id: "sg-node".into(),
            ingress: ingress_ports
                .iter()
                .map(|&p| SecurityGroupRule {
                    ip_protocol: "tcp".into(),
                    from_port: p,
                    to_port: p,
                    source_security_group_id: Some("sg-cluster".into()),
                    ..SecurityGroupRule::default()
                })
                .collect(),
            ..SecurityGroup::default()
        });
        s.node_groups[1].security_group_ids = vec!["sg-node".into()];
        if eni_admits_nodes {
            s.security_groups[0].ingress.push(SecurityGroupRule {
                ip_protocol: "tcp".into(),
                from_port: 443,
                to_port: 443,
                source_security_group_id: Some("sg-node".into()),
                ..SecurityGroupRule::default()
            });
        }
    }

    #[test]
    fn nodes_that_cannot_reach_the_endpoint() {
        let mut s = lab(true, false);
        s.vpc.subnets[2].default_route = None;
        let d = with_code(&s, "node-cannot-reach-endpoint");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].path, "/vpc/subnets/2/defaultRoute");
        assert!(d[0].message.en.contains("ip-192-168-130-10"));
        assert!(d[0].message.en.contains("no-route-to-internet"));
        // With private access the same VPC works (and images still need a way).
        s.cluster.resources_vpc_config.endpoint_private_access = true;
        assert!(with_code(&s, "node-cannot-reach-endpoint").is_empty());

        // publicAccessCidrs without the nodes' addresses, private access off.
        let mut s = lab(true, false);
        s.cluster.resources_vpc_config.public_access_cidrs = vec!["52.79.236.233/32".into()];
        let d = with_code(&s, "node-cannot-reach-endpoint");
        assert_eq!(d.len(), 1, "only the NAT-ed node: {d:#?}");
        assert!(d[0].message.en.contains("13.125.0.10"));
        assert_eq!(d[0].path, "/cluster/resourcesVpcConfig/publicAccessCidrs");
        s.cluster.resources_vpc_config.endpoint_private_access = true;
        assert!(with_code(&s, "node-cannot-reach-endpoint").is_empty());
    }

    #[test]
    fn nodes_of_a_class_are_reported_once() {
        let mut s = lab(true, false);
        s.vpc.subnets[2].default_route = None;
        s.node_groups[1].nodes.clear();
        s.node_groups[1].desired_size = 3;
        let d = with_code(&s, "node-cannot-reach-endpoint");
        assert_eq!(d.len(), 1);
        assert!(d[0]
            .message
            .en
            .contains("and 2 more nodes of private in subnet-pa"));
    }

    #[test]
    fn security_group_rules_between_nodes_and_the_control_plane() {
        // The ENIs' groups do not admit the nodes' own group on 443.
        let mut s = lab(true, true);
        own_sg(&mut s, &[10250], false);
        let d = with_code(&s, "cluster-sg-missing-443-from-nodes");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].path, "/securityGroups/0/ingress");
        assert!(d[0]
            .fix
            .as_ref()
            .unwrap()
            .en
            .contains("TCP 443 from sg-node"));
        // Public only: nodes go through the NLB, the ENIs' rule does not matter.
        s.cluster.resources_vpc_config.endpoint_private_access = false;
        assert!(with_code(&s, "cluster-sg-missing-443-from-nodes").is_empty());

        // The nodes' group does not admit 10250 from the cluster security group.
        let mut s = lab(true, true);
        own_sg(&mut s, &[443], true);
        let d = with_code(&s, "node-sg-missing-10250");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/securityGroups/2/ingress");
        assert!(d[0].message.en.contains("time out"));
        let mut s = lab(true, true);
        own_sg(&mut s, &[10250], true);
        assert!(with_code(&s, "node-sg-missing-10250").is_empty());
        assert!(with_code(&s, "cluster-sg-missing-443-from-nodes").is_empty());
    }

    #[test]
    fn webhook_ports() {
        let mut s = lab(true, true);
        own_sg(&mut s, &[10250], true);
        s.workloads.push(Workload {
            name: "webhook".into(),
            admission_webhook_port: Some(9443),
            ..Workload::default()
        });
        let d = with_code(&s, "node-sg-missing-webhook-port");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.en.contains("port 9443"));
        // Nodes that carry the cluster security group admit everything from it.
        assert!(d[0].message.en.contains("ip-192-168-130-10"));
        s.security_groups[2].ingress.push(SecurityGroupRule {
            ip_protocol: "tcp".into(),
            from_port: 9000,
            to_port: 9999,
            source_security_group_id: Some("sg-cluster".into()),
            ..SecurityGroupRule::default()
        });
        assert!(with_code(&s, "node-sg-missing-webhook-port").is_empty());
    }

    #[test]
    fn restrictive_egress() {
        let mut s = lab(true, true);
        s.security_groups[0].egress = Some(vec![SecurityGroupRule {
            ip_protocol: "tcp".into(),
            from_port: 443,
            to_port: 443,
            cidr_ip: Some("0.0.0.0/0".into()),
            ..SecurityGroupRule::default()
        }]);
        // The ENIs (cluster SG) can no longer open 10250 towards the nodes.
        let d = with_code(&s, "sg-egress-denies");
        assert!(!d.is_empty());
        assert!(d.iter().all(|d| d.path == "/securityGroups/0/egress"));
        assert!(d[0].fix.as_ref().unwrap().en.contains("TCP 10250"));
        s.security_groups[0].egress = None;
        assert!(with_code(&s, "sg-egress-denies").is_empty());
    }

    #[test]
    fn private_clusters_need_a_way_to_ecr() {
        let mut s = lab(false, true);
        s.vpc.subnets[2].default_route = None;
        let d = with_code(&s, "node-cannot-pull-images");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/vpc/subnets/2/defaultRoute");
        assert_eq!(
            d[0].cite.section,
            "Deploy private clusters with limited internet access"
        );
        for (svc, kind) in [
            ("ecr.api", VpcEndpointType::Interface),
            ("ecr.dkr", VpcEndpointType::Interface),
            ("s3", VpcEndpointType::Gateway),
        ] {
            s.vpc.vpc_endpoints.push(VpcEndpoint {
                service_name: svc.into(),
                vpc_endpoint_type: kind,
                private_dns_enabled: true,
                ..VpcEndpoint::default()
            });
        }
        assert!(with_code(&s, "node-cannot-pull-images").is_empty());
        assert!(with_code(&s, "node-cannot-reach-endpoint").is_empty());
    }

    #[test]
    fn clients_that_cannot_reach_the_endpoint() {
        let d = with_code(&lab(false, true), "client-cannot-reach-endpoint");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert!(d[0].message.en.contains("laptop"));
        let mut s = lab(true, true);
        s.clients[1].security_group_ids.clear();
        let d = with_code(&s, "client-cannot-reach-endpoint");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(with_code(&lab(true, true), "client-cannot-reach-endpoint").is_empty());
    }
}
