//! Assembling the snapshot's AWS side into a scenario: the cluster, the VPC and its
//! subnets, gateways, endpoints and security groups, the node groups with their
//! observed nodes, and the VPC CNI's settings. Kubernetes objects are in
//! [`super::assemble_k8s`].

use std::collections::BTreeMap;

use super::ec2;
use super::read::{At, Snapshot};
use super::report::Report;
use crate::codes::Code;
use crate::scenario::*;
use crate::text;

/// The document address every imported scenario's kubectl client uses.
pub(crate) const CLIENT_IP: &str = "203.0.113.10";

/// Builds the scenario from everything read (see the module docs).
pub(crate) fn assemble(snap: &Snapshot, report: &mut Report) -> Scenario {
    let mut s = Scenario {
        clients: Vec::new(),
        ..Scenario::default()
    };
    cluster(snap, report, &mut s);
    vpc(snap, report, &mut s);
    subnets(snap, report, &mut s);
    super::assemble_net::gateways(snap, report, &mut s);
    super::assemble_net::fabric(snap, report, &mut s);
    super::assemble_net::security_groups(snap, report, &mut s);
    super::assemble_net::security_group_rules(snap, report, &mut s);
    let nodes = super::assemble_k8s::observed_nodes(snap, report, &s);
    super::assemble_nodes::node_groups(snap, report, &mut s, &nodes);
    nodegroup_health_issues(snap, report);
    super::assemble_nodes::cni(snap, report, &mut s);
    super::assemble_k8s::workloads(snap, report, &mut s, &nodes);
    super::assemble_k8s::services(snap, report, &mut s);
    client(report, &mut s);
    s
}

/// The kubectl client every imported scenario gets, so that `kubectl:laptop` can be
/// traced.
pub(crate) fn client(report: &mut Report, s: &mut Scenario) {
    s.clients.push(Client {
        name: "laptop".into(),
        location: ClientLocation::Internet {
            source_ip: CLIENT_IP.into(),
        },
        ..Client::default()
    });
    report.assume(
        "",
        "",
        text!(
            "a kubectl client `laptop` on the internet at {CLIENT_IP} (a documentation address), to trace `kubectl:laptop`",
            "`kubectl:laptop` 추적을 위해 인터넷의 kubectl 클라이언트 `laptop`({CLIENT_IP}, 문서용 주소)을 둔다"
        ),
    );
}

fn cluster(snap: &Snapshot, report: &mut Report, s: &mut Scenario) {
    let Some(first) = snap.clusters.first() else {
        report.assume(
            "",
            "",
            text!(
                "no `aws eks describe-cluster`: EKS's defaults are taken (public endpoint open to 0.0.0.0/0, no private endpoint), and every imported subnet is a cluster subnet",
                "`aws eks describe-cluster`가 없어 EKS 기본값(0.0.0.0/0에 열린 퍼블릭 엔드포인트, 프라이빗 엔드포인트 없음)을 쓰고 가져온 서브넷을 모두 클러스터 서브넷으로 본다"
            ),
        );
        return;
    };
    for other in snap.clusters.iter().skip(1) {
        if other.v.name != first.v.name {
            let (a, b) = (&first.v.name, &other.v.name);
            report.diag(
                snap.name(other.file),
                Code::ImportConflict,
                "/cluster/name",
                text!(
                    "a second cluster `{b}`: only `{a}` is imported",
                    "두 번째 클러스터 `{b}`: `{a}`만 가져온다"
                ),
            );
        }
    }
    let c = &first.v;
    let f = snap.name(first.file).to_string();
    let rvc = &c.resources_vpc_config;
    s.cluster.name = c.name.clone();
    if !c.version.is_empty() {
        s.cluster.version = c.version.clone();
    }
    if let Some(r) = c.region() {
        s.cluster.region = r.to_string();
    }
    let cfg = &mut s.cluster.resources_vpc_config;
    cfg.subnet_ids = rvc.subnet_ids.clone();
    cfg.security_group_ids = rvc.security_group_ids.clone();
    cfg.cluster_security_group_id = rvc.cluster_security_group_id.clone();
    let mut dflt = |what: &str| {
        report.assume(
            &f,
            &format!("/cluster/resourcesVpcConfig/{what}"),
            text!(
                "`{what}` absent: EKS's default is taken",
                "`{what}`이(가) 없어 EKS 기본값을 쓴다"
            ),
        )
    };
    match rvc.endpoint_public_access {
        Some(v) => cfg.endpoint_public_access = v,
        None => dflt("endpointPublicAccess"),
    }
    match rvc.endpoint_private_access {
        Some(v) => cfg.endpoint_private_access = v,
        None => dflt("endpointPrivateAccess"),
    }
    match &rvc.public_access_cidrs {
        Some(v) => cfg.public_access_cidrs = v.clone(),
        None => dflt("publicAccessCidrs"),
    }
    // `controlPlaneEgressMode` (EKS API `VpcConfigResponse`, enum
    // `ControlPlaneEgressModeType`); absent on clusters that never set it.
    cfg.control_plane_egress_mode = match rvc.control_plane_egress_mode.as_deref() {
        Some("CUSTOMER_ROUTED") => ControlPlaneEgressMode::CustomerRouted,
        Some("CUSTOMER_ISOLATED") => ControlPlaneEgressMode::CustomerIsolated,
        None | Some("AWS_MANAGED") => ControlPlaneEgressMode::AwsManaged,
        Some(other) => {
            report.drop_note(
                &f,
                "/cluster/resourcesVpcConfig/controlPlaneEgressMode",
                text!(
                    "control plane egress mode {other} is not one eksnet knows: AWS_MANAGED is taken",
                    "eksnet이 모르는 컨트롤 플레인 송신 모드 {other}: AWS_MANAGED로 본다"
                ),
            );
            ControlPlaneEgressMode::AwsManaged
        }
    };
    if let Some(k) = &c.kubernetes_network_config {
        let knc = &mut s.cluster.kubernetes_network_config;
        if let Some(v) = &k.service_ipv4_cidr {
            knc.service_ipv4_cidr = v.clone();
        }
        if let Some(v) = &k.service_ipv6_cidr {
            knc.service_ipv6_cidr = v.clone();
        }
        if k.ip_family.as_deref() == Some("ipv6") {
            knc.ip_family = IpFamily::Ipv6;
        }
    }
    health_issues(report, &f, c);
    let (name, n) = (&c.name, rvc.subnet_ids.len());
    let mode = s.cluster.resources_vpc_config.endpoint_access();
    report.contributed(
        first.file,
        text!(
            "cluster {name}: endpoint {mode:?}, cluster subnets: {n}",
            "클러스터 {name}: 엔드포인트 {mode:?}, 클러스터 서브넷 {n}개"
        ),
    );
}

/// The issues AWS reports for the cluster (`health.issues`), each a located
/// `aws-health-issue` finding carrying AWS's code, and the eksnet check that looks
/// at the same problem, where there is one.
fn health_issues(report: &mut Report, f: &str, c: &super::eks::Cluster) {
    let issues = c.health.as_ref().map(|h| h.issues.as_slice());
    let whose = text!("the cluster", "클러스터");
    issue_findings(
        report,
        f,
        "/cluster",
        &whose,
        issues.unwrap_or_default(),
        false,
    );
}

/// The issues AWS reports for each managed node group (`health.issues` of
/// `aws eks describe-nodegroup`, `NodegroupIssueCode`), as for the cluster's.
pub(crate) fn nodegroup_health_issues(snap: &Snapshot, report: &mut Report) {
    for g in &snap.nodegroups {
        let f = snap.name(g.file).to_string();
        let issues = g.v.health.as_ref().map(|h| h.issues.as_slice());
        let name = &g.v.nodegroup_name;
        let whose = text!("node group {name}", "노드 그룹 {name}");
        issue_findings(
            report,
            &f,
            &g.pointer,
            &whose,
            issues.unwrap_or_default(),
            true,
        );
    }
}

/// `issues` of `whose` (read at `base` of file `f`; a node group's when
/// `nodegroup`) as `aws-health-issue` findings.
fn issue_findings(
    report: &mut Report,
    f: &str,
    base: &str,
    whose: &crate::Text,
    issues: &[super::eks::ClusterIssue],
    nodegroup: bool,
) {
    use crate::rules::aws_health::{cluster_issue, nodegroup_issue};
    let (we, wk) = (&whose.en, &whose.ko);
    for (i, issue) in issues.iter().enumerate() {
        let (aws, ours) = if nodegroup {
            nodegroup_issue(&issue.code)
        } else {
            cluster_issue(&issue.code)
        };
        let (code, msg, ids) = (&issue.code, &issue.message, issue.resource_ids.join(", "));
        let (se, sk) = match ours {
            Some(o) => (
                format!("; eksnet checks the same as `{o}`"),
                format!(". eksnet은 같은 문제를 `{o}`(으)로 검사한다"),
            ),
            None => (
                "; eksnet does not model what it concerns".to_string(),
                ". eksnet이 모델링하지 않는 부분이다".to_string(),
            ),
        };
        report.diagnostics.push(super::Located {
            file: f.to_string(),
            diagnostic: crate::Diagnostic::new(
                Code::AwsHealthIssue,
                format!("{base}/health/issues/{i}"),
                text!(
                    "AWS reports {code} for {we}: {msg} ({ids}){se}",
                    "AWS가 {wk}에 {code}을(를) 보고한다: {msg} ({ids}){sk}"
                ),
            )
            .aws_code(aws),
        });
    }
}

/// The VPC the cluster lives in: the cluster's, else the only one read, else the
/// one most subnets name.
fn chosen_vpc(snap: &Snapshot) -> String {
    if let Some(c) = snap.clusters.first() {
        if !c.v.resources_vpc_config.vpc_id.is_empty() {
            return c.v.resources_vpc_config.vpc_id.clone();
        }
    }
    if snap.vpcs.len() == 1 {
        return snap.vpcs[0].v.vpc_id.clone();
    }
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for sn in &snap.subnets {
        *count.entry(sn.v.vpc_id.as_str()).or_default() += 1;
    }
    count
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(v, _)| v.to_string())
        .or_else(|| snap.vpcs.first().map(|v| v.v.vpc_id.clone()))
        .unwrap_or_else(|| "vpc-1".into())
}

fn vpc(snap: &Snapshot, report: &mut Report, s: &mut Scenario) {
    let id = chosen_vpc(snap);
    s.vpc.vpc_id = id.clone();
    let found = snap.vpcs.iter().find(|v| v.v.vpc_id == id);
    let mut is_default = false;
    match found {
        Some(v) => {
            is_default = v.v.is_default;
            let mut blocks: Vec<String> = v
                .v
                .cidr_block_association_set
                .iter()
                .filter(|a| {
                    a.cidr_block_state.state.is_empty() || a.cidr_block_state.state == "associated"
                })
                .map(|a| a.cidr_block.clone())
                .collect();
            if blocks.is_empty() && !v.v.cidr_block.is_empty() {
                blocks.push(v.v.cidr_block.clone());
            }
            // The primary block first.
            if let Some(p) = blocks.iter().position(|b| *b == v.v.cidr_block) {
                let b = blocks.remove(p);
                blocks.insert(0, b);
            }
            s.vpc.cidr_blocks = blocks;
            let v6 = &v.v.ipv6_cidr_block_association_set;
            if let Some(b) = v6.iter().find(|b| b.associated()) {
                s.vpc.ipv6_cidr_block = b.ipv6_cidr_block.clone();
            }
            let n = s.vpc.cidr_blocks.join(", ");
            report.contributed(v.file, text!("VPC {id}: {n}", "VPC {id}: {n}"));
            dhcp(snap, report, s, &v.v);
        }
        None => report.assume(
            "",
            "",
            text!(
                "no `aws ec2 describe-vpcs` for {id}: its CIDR blocks are unknown",
                "{id}의 `aws ec2 describe-vpcs`가 없어 CIDR 블록을 모른다"
            ),
        ),
    }
    dns_attributes(snap, report, s, &id, is_default);
}

/// `enableDnsSupport` / `enableDnsHostnames` from `describe-vpc-attribute`, else
/// AWS's defaults: DNS support on; DNS hostnames on only in a default VPC ("DNS
/// attributes for your VPC", Amazon VPC User Guide).
fn dns_attributes(
    snap: &Snapshot,
    report: &mut Report,
    s: &mut Scenario,
    id: &str,
    is_default: bool,
) {
    let mut support = None;
    let mut hostnames = None;
    for a in snap
        .attributes
        .iter()
        .filter(|a| a.v.vpc_id == id || a.v.vpc_id.is_empty())
    {
        if let Some(v) = &a.v.enable_dns_support {
            support = Some(v.value);
            let on = v.value;
            report.contributed(
                a.file,
                text!("enableDnsSupport = {on}", "enableDnsSupport = {on}"),
            );
        }
        if let Some(v) = &a.v.enable_dns_hostnames {
            hostnames = Some(v.value);
            let on = v.value;
            report.contributed(
                a.file,
                text!("enableDnsHostnames = {on}", "enableDnsHostnames = {on}"),
            );
        }
    }
    s.vpc.enable_dns_support = support.unwrap_or(true);
    if support.is_none() {
        report.assume(
            "",
            "",
            text!(
                "no `describe-vpc-attribute --attribute enableDnsSupport`: AWS's default, on",
                "`describe-vpc-attribute --attribute enableDnsSupport`가 없어 AWS 기본값(켜짐)을 쓴다"
            ),
        );
    }
    s.vpc.enable_dns_hostnames = hostnames.unwrap_or(is_default);
    if hostnames.is_none() {
        let on = if is_default {
            "on (a default VPC)"
        } else {
            "off (not a default VPC)"
        };
        let ko = if is_default {
            "켜짐(기본 VPC)"
        } else {
            "꺼짐(기본 VPC가 아님)"
        };
        report.assume(
            "",
            "",
            text!(
                "no `describe-vpc-attribute --attribute enableDnsHostnames`: AWS's default, {on}",
                "`describe-vpc-attribute --attribute enableDnsHostnames`가 없어 AWS 기본값 {ko}을(를) 쓴다"
            ),
        );
    }
}

/// The VPC's DHCP options set (its `DhcpOptionsId` in `describe-vpcs`) as the
/// scenario's `dhcpOptions`: `domain-name-servers` and `domain-name`. Custom servers
/// are taken as not forwarding the cluster's zone to the VPC resolver (a snapshot
/// cannot show it; the report says so). Without the set, AWS's default is taken
/// (`AmazonProvidedDNS`), and said.
fn dhcp(snap: &Snapshot, report: &mut Report, s: &mut Scenario, v: &ec2::Vpc) {
    let id = &v.dhcp_options_id;
    let Some(d) = snap.dhcp.iter().find(|d| d.v.dhcp_options_id == *id) else {
        if id == "default" || id.is_empty() {
            return;
        }
        report.assume(
            "",
            "",
            text!(
                "no `aws ec2 describe-dhcp-options` for {id}: AWS's default set is taken (domain-name-servers AmazonProvidedDNS)",
                "{id}의 `aws ec2 describe-dhcp-options`가 없어 AWS 기본 세트(domain-name-servers AmazonProvidedDNS)를 쓴다"
            ),
        );
        return;
    };
    let values = |key: &str| -> Vec<String> {
        d.v.dhcp_configurations
            .iter()
            .filter(|c| c.key == key)
            .flat_map(|c| c.values.iter().map(|x| x.value.clone()))
            .collect()
    };
    let servers = values("domain-name-servers");
    let opts = DhcpOptions {
        dhcp_options_id: d.v.dhcp_options_id.clone(),
        domain_name_servers: if servers.is_empty() {
            vec!["AmazonProvidedDNS".into()]
        } else {
            servers.clone()
        },
        domain_name: values("domain-name").join(" "),
        forwards_to_vpc_resolver: false,
    };
    let f = snap.name(d.file).to_string();
    let list = opts.domain_name_servers.join(", ");
    report.contributed(
        d.file,
        text!(
            "DHCP options {id}: domain-name-servers {list}",
            "DHCP 옵션 {id}: domain-name-servers {list}"
        ),
    );
    if servers.is_empty() {
        report.assume(
            &f,
            &format!("{}/DhcpConfigurations", d.pointer),
            text!(
                "{id} gives no domain-name-servers: AWS's default, AmazonProvidedDNS",
                "{id}에 domain-name-servers가 없어 AWS 기본값 AmazonProvidedDNS를 쓴다"
            ),
        );
    } else if servers.iter().any(|x| x != "AmazonProvidedDNS") {
        report.assume(
            &f,
            &d.pointer,
            text!(
                "the custom DNS servers ({list}) are taken as not forwarding the cluster's zone to the VPC resolver (a snapshot cannot show it)",
                "사용자 지정 DNS 서버({list})는 클러스터 존을 VPC 리졸버로 전달하지 않는 것으로 본다(스냅숏으로는 알 수 없다)"
            ),
        );
    }
    let other: Vec<String> =
        d.v.dhcp_configurations
            .iter()
            .map(|c| c.key.clone())
            .filter(|k| k != "domain-name-servers" && k != "domain-name")
            .collect();
    if !other.is_empty() {
        let o = other.join(", ");
        report.drop_note(
            &f,
            &d.pointer,
            text!(
                "DHCP options {o} do not change any verdict and are not kept",
                "DHCP 옵션 {o}은(는) 판정에 영향이 없어 보관하지 않는다"
            ),
        );
    }
    s.vpc.dhcp_options = Some(opts);
}

fn subnets(snap: &Snapshot, report: &mut Report, s: &mut Scenario) {
    let vpc = s.vpc.vpc_id.clone();
    let mut seen: BTreeMap<&str, &At<ec2::Subnet>> = BTreeMap::new();
    let mut per_file: BTreeMap<usize, usize> = BTreeMap::new();
    for sn in &snap.subnets {
        let f = snap.name(sn.file).to_string();
        if let Some(prev) = seen.get(sn.v.subnet_id.as_str()) {
            if prev.v.vpc_id != sn.v.vpc_id {
                let (id, a, b) = (&sn.v.subnet_id, &prev.v.vpc_id, &sn.v.vpc_id);
                report.diag(
                    &f,
                    Code::ImportConflict,
                    &format!("{}/VpcId", sn.pointer),
                    text!(
                        "subnet {id} is in two VPCs: {a} and {b}",
                        "서브넷 {id}이(가) 두 VPC {a}, {b}에 있다"
                    ),
                );
            }
            continue;
        }
        seen.insert(&sn.v.subnet_id, sn);
        if !sn.v.vpc_id.is_empty() && sn.v.vpc_id != vpc {
            let (id, other) = (&sn.v.subnet_id, &sn.v.vpc_id);
            report.drop_note(
                &f,
                &sn.pointer,
                text!(
                    "subnet {id} is in {other}, not the cluster's VPC {vpc}",
                    "서브넷 {id}은(는) 클러스터 VPC {vpc}가 아닌 {other}에 있다"
                ),
            );
            continue;
        }
        *per_file.entry(sn.file).or_default() += 1;
        let out = Subnet {
            subnet_id: sn.v.subnet_id.clone(),
            availability_zone: sn.v.availability_zone.clone(),
            cidr_block: sn.v.cidr_block.clone(),
            ipv6_cidr_block: sn
                .v
                .ipv6_cidr_block_association_set
                .iter()
                .find(|b| b.associated())
                .map(|b| b.ipv6_cidr_block.clone())
                .unwrap_or_default(),
            map_public_ip_on_launch: sn.v.map_public_ip_on_launch,
            assign_ipv6_address_on_creation: sn.v.assign_ipv6_address_on_creation,
            default_route: None,
        };
        s.vpc.subnets.push(out);
    }
    for (file, n) in per_file {
        report.contributed(file, text!("subnets: {n}", "서브넷 {n}개"));
    }
    if s.cluster.resources_vpc_config.subnet_ids.is_empty() && snap.clusters.is_empty() {
        s.cluster.resources_vpc_config.subnet_ids =
            s.vpc.subnets.iter().map(|x| x.subnet_id.clone()).collect();
    }
}
