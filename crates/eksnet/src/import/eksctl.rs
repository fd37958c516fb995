//! An eksctl `ClusterConfig` (`apiVersion: eksctl.io/v1alpha5`): a cluster before it
//! exists.
//!
//! Shape: eksctl's config file schema (<https://eksctl.io/usage/schema/>): only the
//! fields eksnet reads are declared. What eksctl creates when the config leaves a
//! field out is filled in by [`assemble`] from eksctl's documented
//! defaults ("VPC Configuration" and "Cluster Access" of the eksctl user guide,
//! <https://docs.aws.amazon.com/eks/latest/eksctl/vpc-configuration.html>,
//! <https://docs.aws.amazon.com/eks/latest/eksctl/vpc-cluster-access.html>), and the
//! report lists each default it took. JSON here; the CLI also reads YAML (it turns
//! it into JSON first).

use std::collections::BTreeMap;

#[cfg(test)]
use serde::Deserialize;

/// `ClusterConfig`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct ClusterConfig {
    /// Name, region, version.
    pub metadata: Metadata,
    /// The VPC eksctl creates or uses.
    pub vpc: Option<VpcConfig>,
    /// AZs for a new VPC.
    pub availability_zones: Vec<String>,
    /// Self-managed node groups.
    pub node_groups: Vec<NodeGroup>,
    /// Managed node groups.
    pub managed_node_groups: Vec<NodeGroup>,
    /// Fargate profiles.
    pub fargate_profiles: Vec<FargateProfile>,
    /// A fully private cluster.
    pub private_cluster: Option<PrivateCluster>,
    /// Service CIDR and IP family.
    pub kubernetes_network_config: Option<NetworkConfig>,
}

/// `metadata`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Metadata {
    /// Cluster name.
    pub name: String,
    /// Region.
    pub region: String,
    /// Kubernetes version (a string; eksctl also accepts a number).
    pub version: Option<serde_json::Value>,
}

/// `vpc`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct VpcConfig {
    /// An existing VPC.
    pub id: Option<String>,
    /// The VPC CIDR (default `192.168.0.0/16`).
    pub cidr: Option<String>,
    /// Subnets by kind and AZ (or name).
    pub subnets: Option<Subnets>,
    /// `{"gateway": "Single" | "HighlyAvailable" | "Disable"}` (default Single).
    pub nat: Option<Nat>,
    /// `publicAccess` / `privateAccess`.
    pub cluster_endpoints: Option<ClusterEndpoints>,
    /// CIDRs of the public endpoint.
    #[cfg_attr(test, serde(rename = "publicAccessCIDRs"))]
    pub public_access_cidrs: Option<Vec<String>>,
}

/// `vpc.subnets`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Subnets {
    /// Private subnets by AZ or name.
    pub private: BTreeMap<String, SubnetSpec>,
    /// Public subnets by AZ or name.
    pub public: BTreeMap<String, SubnetSpec>,
}

/// One subnet of `vpc.subnets`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct SubnetSpec {
    /// An existing subnet.
    pub id: Option<String>,
    /// Its CIDR.
    pub cidr: Option<String>,
    /// Its AZ, when the key is a name.
    pub az: Option<String>,
}

/// `vpc.nat`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Nat {
    /// `Single`, `HighlyAvailable`, `Disable`.
    pub gateway: Option<String>,
}

/// `vpc.clusterEndpoints`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct ClusterEndpoints {
    /// Public access (default true).
    pub public_access: Option<bool>,
    /// Private access (default false).
    pub private_access: Option<bool>,
}

/// An entry of `nodeGroups` or `managedNodeGroups`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct NodeGroup {
    /// Its name.
    pub name: String,
    /// Instance type (default `m5.large`).
    pub instance_type: Option<String>,
    /// Nodes (default 2).
    pub desired_capacity: Option<u32>,
    /// Private subnets instead of public ones.
    pub private_networking: bool,
    /// Subnets by id or by the names of `vpc.subnets`.
    pub subnets: Vec<String>,
    /// AZs.
    pub availability_zones: Vec<String>,
    /// Extra security groups (`securityGroups.attachIDs`).
    pub security_groups: Option<NodeSecurityGroups>,
}

/// `securityGroups` of a node group.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct NodeSecurityGroups {
    /// `attachIDs`.
    #[cfg_attr(test, serde(rename = "attachIDs"))]
    pub attach_ids: Vec<String>,
}

/// A Fargate profile.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct FargateProfile {
    /// Its name.
    pub name: String,
    /// Its subnets.
    pub subnets: Vec<String>,
}

/// `privateCluster`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct PrivateCluster {
    /// Fully private.
    pub enabled: bool,
    /// Extra endpoint services (`autoscaling`, `cloudformation`, `logs`).
    pub additional_endpoint_services: Vec<String>,
}

/// `kubernetesNetworkConfig`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct NetworkConfig {
    /// `IPv4` or `IPv6`.
    pub ip_family: Option<String>,
    /// `serviceIPv4CIDR`.
    #[cfg_attr(test, serde(rename = "serviceIPv4CIDR"))]
    pub service_ipv4_cidr: Option<String>,
}

// ------------------------------------------------------------- assembling ----

use std::net::Ipv4Addr;

use super::read::Snapshot;
use super::report::Report;
use crate::scenario::*;
use crate::text;

/// eksctl's documented defaults, each said in the report when taken.
const DEFAULT_CIDR: &str = "192.168.0.0/16";
const DEFAULT_REGION: &str = "us-west-2";
const DEFAULT_INSTANCE_TYPE: &str = "m5.large";
const DEFAULT_DESIRED: u32 = 2;
const IGW: &str = "igw-eksctl";
const CLUSTER_SG: &str = "sg-eksctl-cluster";

/// A subnet eksctl creates or is given.
struct Planned {
    id: String,
    az: String,
    cidr: String,
    public: bool,
}

/// The scenario the first eksctl config of `snap` describes (see the module docs).
pub(crate) fn assemble(snap: &Snapshot, report: &mut Report) -> Scenario {
    let mut s = Scenario {
        clients: Vec::new(),
        ..Scenario::default()
    };
    let Some(at) = snap.eksctl.first() else {
        return s;
    };
    let (cfg, file, f) = (&at.v, at.file, snap.name(at.file).to_string());
    let assume = |report: &mut Report, ptr: &str, t: crate::Text| report.assume(&f, ptr, t);
    s.cluster.name = cfg.metadata.name.clone();
    s.cluster.region = if cfg.metadata.region.is_empty() {
        assume(
            report,
            "/metadata/region",
            text!(
                "no region: eksctl's default, {DEFAULT_REGION}",
                "리전이 없어 eksctl 기본값 {DEFAULT_REGION}을 쓴다"
            ),
        );
        DEFAULT_REGION.into()
    } else {
        cfg.metadata.region.clone()
    };
    match &cfg.metadata.version {
        Some(serde_json::Value::String(v)) => s.cluster.version = v.clone(),
        Some(serde_json::Value::Number(n)) => s.cluster.version = n.to_string(),
        _ => {}
    }
    let vpc = cfg.vpc.clone().unwrap_or_default();
    let private_cluster = cfg.private_cluster.as_ref().is_some_and(|p| p.enabled);
    let cidr = vpc.cidr.clone().unwrap_or_else(|| {
        assume(report, "/vpc/cidr", text!("no VPC CIDR: eksctl's default, {DEFAULT_CIDR} (eksctl user guide, VPC Configuration)", "VPC CIDR이 없어 eksctl 기본값 {DEFAULT_CIDR}을 쓴다(eksctl 사용 설명서, VPC 구성)"));
        DEFAULT_CIDR.into()
    });
    s.vpc.vpc_id = vpc.id.clone().unwrap_or_else(|| "vpc-eksctl".into());
    s.vpc.cidr_blocks = vec![cidr.clone()];
    assume(
        report,
        "/vpc",
        text!(
            "enableDnsSupport and enableDnsHostnames on, as in the VPC eksctl creates",
            "eksctl이 만드는 VPC처럼 enableDnsSupport와 enableDnsHostnames를 켠다"
        ),
    );
    let planned = plan_subnets(
        cfg,
        &vpc,
        &cidr,
        &s.cluster.region,
        private_cluster,
        report,
        &f,
    );
    endpoints(&mut s, &vpc, private_cluster, report, &f);
    network(&mut s, &vpc, &planned, private_cluster, cfg, report, &f);
    node_groups(&mut s, cfg, &planned, report, &f);
    if let Some(k) = &cfg.kubernetes_network_config {
        if let Some(c) = &k.service_ipv4_cidr {
            s.cluster.kubernetes_network_config.service_ipv4_cidr = c.clone();
        }
        if k.ip_family
            .as_deref()
            .is_some_and(|x| x.eq_ignore_ascii_case("ipv6"))
        {
            s.cluster.kubernetes_network_config.ip_family = IpFamily::Ipv6;
        }
    }
    let name = &s.cluster.name;
    let (n, g) = (s.vpc.subnets.len(), s.node_groups.len());
    report.contributed(
        file,
        text!(
            "eksctl cluster {name} as eksctl would create it: subnets {n}, node groups {g}",
            "eksctl 클러스터 {name}: 서브넷 {n}개, 노드 그룹 {g}개(eksctl이 만들 모습)"
        ),
    );
    super::assemble::client(report, &mut s);
    s
}

/// The `i`-th of `count` equal blocks of `cidr` (eksctl splits its VPC into 8).
fn carve(cidr: &str, i: u32) -> Option<String> {
    let net: ipnet::Ipv4Net = cidr.parse().ok()?;
    let len = net.prefix_len().checked_add(3).filter(|l| *l <= 28)?;
    let size = 1u32.checked_shl(32 - u32::from(len))?;
    let base = u32::from(net.network()).checked_add(size.checked_mul(i)?)?;
    Some(format!("{}/{len}", Ipv4Addr::from(base)))
}

fn plan_subnets(
    cfg: &ClusterConfig,
    vpc: &VpcConfig,
    cidr: &str,
    region: &str,
    private_cluster: bool,
    report: &mut Report,
    f: &str,
) -> Vec<Planned> {
    let mut out = Vec::new();
    if let Some(sub) = &vpc.subnets {
        for (public, map) in [(true, &sub.public), (false, &sub.private)] {
            for (key, spec) in map {
                let az = spec.az.clone().unwrap_or_else(|| key.clone());
                let kind = if public { "public" } else { "private" };
                out.push(Planned {
                    id: spec
                        .id
                        .clone()
                        .unwrap_or_else(|| format!("subnet-{kind}-{key}")),
                    cidr: spec.cidr.clone().unwrap_or_default(),
                    az,
                    public,
                });
            }
        }
        if out.iter().any(|p| p.cidr.is_empty()) {
            report.drop_note(f, "/vpc/subnets", text!("subnets given by id without a CIDR: add `aws ec2 describe-subnets` to know their addresses", "CIDR 없이 ID로만 준 서브넷이 있다. 주소를 알려면 `aws ec2 describe-subnets`를 더하라"));
        }
        return out;
    }
    let azs: Vec<String> = if cfg.availability_zones.is_empty() {
        let n = if region == "us-east-1" { 2 } else { 3 };
        let azs: Vec<String> = ["a", "b", "c"]
            .iter()
            .take(n)
            .map(|l| format!("{region}{l}"))
            .collect();
        let list = azs.join(", ");
        report.assume(
            f,
            "/availabilityZones",
            text!(
                "no availabilityZones: {list} (eksctl picks {n} AZs of the region)",
                "availabilityZones가 없어 {list}을(를) 쓴다(eksctl은 리전의 AZ {n}개를 고른다)"
            ),
        );
        azs
    } else {
        cfg.availability_zones.clone()
    };
    let mut i = 0;
    for public in [true, false] {
        if public && private_cluster {
            continue;
        }
        for az in &azs {
            let kind = if public { "public" } else { "private" };
            out.push(Planned {
                id: format!("subnet-{kind}-{az}"),
                az: az.clone(),
                cidr: carve(cidr, i).unwrap_or_default(),
                public,
            });
            i += 1;
        }
    }
    report.assume(f, "/vpc/subnets", text!("no subnets: eksctl's layout, the VPC split into 8 equal blocks, public subnets first, then private, one each per AZ", "서브넷이 없어 eksctl 배치를 쓴다: VPC를 같은 크기 블록 8개로 나눠 퍼블릭 서브넷부터, 그다음 프라이빗을 AZ마다 하나씩"));
    out
}

fn endpoints(
    s: &mut Scenario,
    vpc: &VpcConfig,
    private_cluster: bool,
    report: &mut Report,
    f: &str,
) {
    let ce = vpc.cluster_endpoints.clone().unwrap_or_default();
    let cfg = &mut s.cluster.resources_vpc_config;
    if private_cluster {
        cfg.endpoint_public_access = false;
        cfg.endpoint_private_access = true;
        report.assume(f, "/privateCluster", text!("a fully private cluster: private endpoint only, no NAT gateway, VPC endpoints for ec2, ecr.api, ecr.dkr, s3 and sts (eksctl user guide, EKS Fully-Private Cluster)", "완전 프라이빗 클러스터: 프라이빗 엔드포인트만, NAT 게이트웨이 없음, ec2/ecr.api/ecr.dkr/s3/sts VPC 엔드포인트(eksctl 사용 설명서, EKS Fully-Private Cluster)"));
        return;
    }
    cfg.endpoint_public_access = ce.public_access.unwrap_or(true);
    cfg.endpoint_private_access = ce.private_access.unwrap_or(false);
    if ce.public_access.is_none() || ce.private_access.is_none() {
        report.assume(f, "/vpc/clusterEndpoints", text!("endpoint access left out: eksctl's default, public on and private off (eksctl user guide, Cluster Access)", "엔드포인트 접근이 없어 eksctl 기본값(퍼블릭 켜짐, 프라이빗 꺼짐)을 쓴다(eksctl 사용 설명서, Cluster Access)"));
    }
    if let Some(c) = &vpc.public_access_cidrs {
        cfg.public_access_cidrs = c.clone();
    }
}

fn network(
    s: &mut Scenario,
    vpc: &VpcConfig,
    planned: &[Planned],
    private_cluster: bool,
    cfg: &ClusterConfig,
    report: &mut Report,
    f: &str,
) {
    let nat_mode = vpc.nat.as_ref().and_then(|n| n.gateway.clone());
    let nat_mode = match (private_cluster, nat_mode.as_deref()) {
        (true, _) => "Disable".to_string(),
        (false, Some(m)) => m.to_string(),
        (false, None) => {
            report.assume(
                f,
                "/vpc/nat",
                text!(
                    "no NAT setting: eksctl's default, a single NAT gateway",
                    "NAT 설정이 없어 eksctl 기본값(NAT 게이트웨이 하나)을 쓴다"
                ),
            );
            "Single".into()
        }
    };
    let publics: Vec<&Planned> = planned.iter().filter(|p| p.public).collect();
    if !publics.is_empty() {
        s.vpc.internet_gateway = Some(InternetGateway {
            internet_gateway_id: IGW.into(),
        });
    }
    let nat_subnets: Vec<&&Planned> = match nat_mode.as_str() {
        "HighlyAvailable" => publics.iter().collect(),
        "Disable" => Vec::new(),
        _ => publics.iter().take(1).collect(),
    };
    for (i, p) in nat_subnets.iter().enumerate() {
        s.vpc.nat_gateways.push(NatGateway {
            nat_gateway_id: format!("nat-eksctl-{}", p.az),
            subnet_id: p.id.clone(),
            public_ip: format!("198.51.100.{}", i + 1),
        });
    }
    if !nat_subnets.is_empty() {
        report.assume(f, "/vpc/nat", text!("NAT gateways' Elastic IPs are unknown before creation: documentation addresses 198.51.100.x stand in", "만들기 전에는 NAT 게이트웨이의 탄력적 IP를 모르므로 문서용 주소 198.51.100.x를 쓴다"));
    }
    for p in planned {
        let route = if p.public {
            Some(DefaultRoute::GatewayId(IGW.into()))
        } else {
            s.vpc
                .nat_gateways
                .iter()
                .find(|n| n.nat_gateway_id.ends_with(&p.az))
                .or(s.vpc.nat_gateways.first())
                .map(|n| DefaultRoute::NatGatewayId(n.nat_gateway_id.clone()))
        };
        s.vpc.subnets.push(Subnet {
            subnet_id: p.id.clone(),
            availability_zone: p.az.clone(),
            cidr_block: p.cidr.clone(),
            map_public_ip_on_launch: p.public,
            default_route: route,
            ..Subnet::default()
        });
    }
    s.cluster.resources_vpc_config.subnet_ids = planned.iter().map(|p| p.id.clone()).collect();
    s.cluster.resources_vpc_config.cluster_security_group_id = CLUSTER_SG.into();
    s.security_groups.push(SecurityGroup {
        group_id: CLUSTER_SG.into(),
        group_name: format!("eks-cluster-sg-{}", s.cluster.name),
        ingress: vec![SecurityGroupRule {
            ip_protocol: "-1".into(),
            source_security_group_id: Some(CLUSTER_SG.into()),
            description: "Allow all traffic from the cluster security group".into(),
            ..SecurityGroupRule::default()
        }],
        egress: None,
    });
    report.assume(f, "", text!("the cluster security group EKS creates (all traffic from itself), carried by every node", "EKS가 만드는 클러스터 보안 그룹(자기 자신에서 오는 모든 트래픽 허용)을 모든 노드가 단다"));
    if private_cluster {
        let region = s.cluster.region.clone();
        let mut services = vec!["ec2", "ecr.api", "ecr.dkr", "s3", "sts"];
        let extra = cfg
            .private_cluster
            .as_ref()
            .map(|p| p.additional_endpoint_services.clone())
            .unwrap_or_default();
        services.extend(extra.iter().map(String::as_str));
        for svc in services {
            s.vpc.vpc_endpoints.push(VpcEndpoint {
                service_name: format!("com.amazonaws.{region}.{svc}"),
                vpc_endpoint_type: if svc == "s3" {
                    VpcEndpointType::Gateway
                } else {
                    VpcEndpointType::Interface
                },
                private_dns_enabled: svc != "s3",
                // eksctl puts them in the cluster's private subnets, which the
                // model assumes when none are given.
                subnet_ids: Vec::new(),
                ..VpcEndpoint::default()
            });
        }
    }
}

fn node_groups(
    s: &mut Scenario,
    cfg: &ClusterConfig,
    planned: &[Planned],
    report: &mut Report,
    f: &str,
) {
    let groups = cfg
        .managed_node_groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g, NodeGroupKind::Managed, format!("/managedNodeGroups/{i}")))
        .chain(
            cfg.node_groups
                .iter()
                .enumerate()
                .map(|(i, g)| (g, NodeGroupKind::SelfManaged, format!("/nodeGroups/{i}"))),
        );
    for (g, kind, ptr) in groups {
        let instance_type = g.instance_type.clone().unwrap_or_else(|| {
            report.assume(
                f,
                &format!("{ptr}/instanceType"),
                text!(
                    "no instanceType: eksctl's default, {DEFAULT_INSTANCE_TYPE}",
                    "instanceType이 없어 eksctl 기본값 {DEFAULT_INSTANCE_TYPE}을 쓴다"
                ),
            );
            DEFAULT_INSTANCE_TYPE.into()
        });
        let desired = g.desired_capacity.unwrap_or_else(|| {
            report.assume(
                f,
                &format!("{ptr}/desiredCapacity"),
                text!(
                    "no desiredCapacity: eksctl's default, {DEFAULT_DESIRED}",
                    "desiredCapacity가 없어 eksctl 기본값 {DEFAULT_DESIRED}를 쓴다"
                ),
            );
            DEFAULT_DESIRED
        });
        let subnets: Vec<String> = if g.subnets.is_empty() {
            planned
                .iter()
                .filter(|p| p.public != g.private_networking)
                .filter(|p| g.availability_zones.is_empty() || g.availability_zones.contains(&p.az))
                .map(|p| p.id.clone())
                .collect()
        } else {
            g.subnets
                .iter()
                .map(|n| {
                    planned
                        .iter()
                        .find(|p| p.id == *n || p.id.ends_with(&format!("-{n}")))
                        .map_or_else(|| n.clone(), |p| p.id.clone())
                })
                .collect()
        };
        s.node_groups.push(crate::scenario::NodeGroup {
            nodegroup_name: g.name.clone(),
            kind,
            instance_type,
            desired_size: desired,
            subnets,
            security_group_ids: g
                .security_groups
                .as_ref()
                .map(|x| x.attach_ids.clone())
                .unwrap_or_default(),
            associate_public_ip_address: None,
            nodes: Vec::new(),
        });
    }
    for (i, p) in cfg.fargate_profiles.iter().enumerate() {
        let subnets = if p.subnets.is_empty() {
            planned
                .iter()
                .filter(|x| !x.public)
                .map(|x| x.id.clone())
                .collect()
        } else {
            p.subnets.clone()
        };
        let _ = i;
        s.node_groups.push(crate::scenario::NodeGroup {
            nodegroup_name: p.name.clone(),
            kind: NodeGroupKind::Fargate,
            instance_type: String::new(),
            desired_size: 0,
            subnets,
            ..crate::scenario::NodeGroup::default()
        });
    }
}
