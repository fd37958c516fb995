//! `aws eks describe-*` output, as the AWS CLI prints it (camelCase).
//!
//! Shapes: botocore's EKS model, `botocore/data/eks/2017-11-01/service-2.json`
//! (`DescribeClusterResponse` → `Cluster` + `VpcConfigResponse` +
//! `KubernetesNetworkConfigResponse`; `DescribeNodegroupResponse` → `Nodegroup` +
//! `NodegroupScalingConfig`; `DescribeFargateProfileResponse` → `FargateProfile` +
//! `FargateProfileSelector`; `DescribeAddonResponse` → `Addon`). Only the members
//! eksnet reads are declared; unknown members are ignored.

use std::collections::BTreeMap;

#[cfg(test)]
use serde::Deserialize;

/// `{"cluster": {...}}`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct DescribeCluster {
    /// The cluster.
    pub cluster: Cluster,
}

/// `Cluster`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct Cluster {
    /// Its name.
    pub name: String,
    /// `arn:aws:eks:<region>:<account>:cluster/<name>`.
    pub arn: String,
    /// Kubernetes version.
    pub version: String,
    /// The API server's URL.
    pub endpoint: String,
    /// Subnets, security groups, endpoint access.
    pub resources_vpc_config: VpcConfig,
    /// Service CIDR and IP family; absent on very old clusters.
    pub kubernetes_network_config: Option<NetworkConfig>,
    /// `health` (`ClusterHealth`): the issues AWS itself reports; absent or empty
    /// when there are none.
    pub health: Option<ClusterHealth>,
}

/// `ClusterHealth`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct ClusterHealth {
    /// `issues`.
    pub issues: Vec<ClusterIssue>,
}

/// `ClusterIssue`: `code` (enum `ClusterIssueCode`), `message`, `resourceIds`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct ClusterIssue {
    /// E.g. `Ec2SubnetNotFound`.
    pub code: String,
    /// AWS's words.
    pub message: String,
    /// The resources concerned (subnet ids, role ARNs...).
    pub resource_ids: Vec<String>,
}

impl Cluster {
    /// The region named by the ARN, if any.
    pub fn region(&self) -> Option<&str> {
        self.arn.split(':').nth(3).filter(|r| !r.is_empty())
    }
}

/// `VpcConfigResponse`. The flags and CIDRs are options so that the report can say
/// when it took EKS's default.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct VpcConfig {
    /// The cluster's subnets.
    pub subnet_ids: Vec<String>,
    /// Additional security groups.
    pub security_group_ids: Vec<String>,
    /// The cluster security group.
    pub cluster_security_group_id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Public endpoint (EKS default: on).
    pub endpoint_public_access: Option<bool>,
    /// Private endpoint (EKS default: off).
    pub endpoint_private_access: Option<bool>,
    /// CIDRs of the public endpoint (EKS default: `0.0.0.0/0`).
    pub public_access_cidrs: Option<Vec<String>>,
    /// `AWS_MANAGED` (absent: the default), `CUSTOMER_ROUTED`,
    /// `CUSTOMER_ISOLATED` (enum `ControlPlaneEgressModeType`).
    pub control_plane_egress_mode: Option<String>,
}

/// `KubernetesNetworkConfigResponse`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct NetworkConfig {
    /// IPv4 service CIDR.
    pub service_ipv4_cidr: Option<String>,
    /// IPv6 service CIDR.
    pub service_ipv6_cidr: Option<String>,
    /// `ipv4` or `ipv6`.
    pub ip_family: Option<String>,
}

/// `{"nodegroup": {...}}`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct DescribeNodegroup {
    /// The node group.
    pub nodegroup: Nodegroup,
}

/// `Nodegroup`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct Nodegroup {
    /// Its name.
    pub nodegroup_name: String,
    /// Its cluster.
    pub cluster_name: String,
    /// `minSize`, `maxSize`, `desiredSize`.
    pub scaling_config: Option<ScalingConfig>,
    /// Instance types (the first is used).
    pub instance_types: Vec<String>,
    /// Subnets.
    pub subnets: Vec<String>,
    /// Labels given to its nodes.
    pub labels: BTreeMap<String, String>,
    /// A launch template (then its security groups are the template's).
    pub launch_template: Option<serde::de::IgnoredAny>,
    /// `remoteAccessSecurityGroup`, Auto Scaling groups.
    pub resources: Option<NodegroupResources>,
    /// `NodegroupHealth`: the issues AWS reports (`Issue`: `code`, `message`,
    /// `resourceIds`, the same members as a cluster's).
    pub health: Option<ClusterHealth>,
}

/// `NodegroupScalingConfig`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct ScalingConfig {
    /// Desired nodes.
    pub desired_size: Option<u32>,
}

/// `NodegroupResources`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct NodegroupResources {
    /// The SSH security group EKS made, if remote access is on.
    pub remote_access_security_group: Option<String>,
}

/// `{"fargateProfile": {...}}`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct DescribeFargateProfile {
    /// The profile.
    pub fargate_profile: FargateProfile,
}

/// `FargateProfile`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct FargateProfile {
    /// Its name.
    pub fargate_profile_name: String,
    /// Its (private) subnets.
    pub subnets: Vec<String>,
    /// Namespace + labels selectors.
    pub selectors: Vec<FargateSelector>,
}

/// `FargateProfileSelector`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct FargateSelector {
    /// Namespace.
    pub namespace: String,
    /// Labels.
    pub labels: BTreeMap<String, String>,
}

/// `{"addon": {...}}`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct DescribeAddon {
    /// The add-on.
    pub addon: Addon,
}

/// `Addon`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct Addon {
    /// `vpc-cni`, `coredns`, ...
    pub addon_name: String,
    /// Its version.
    pub addon_version: String,
    /// The configuration values as a string of JSON (or YAML), e.g.
    /// `{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}`.
    pub configuration_values: Option<String>,
}

/// The `env` of the vpc-cni add-on's configuration values (its schema:
/// `aws eks describe-addon-configuration --addon-name vpc-cni`), when they are
/// JSON. `Err` carries why they could not be read.
pub fn addon_env(values: &str) -> Result<BTreeMap<String, String>, String> {
    let v: serde_json::Value = serde_json::from_str(values).map_err(|e| e.to_string())?;
    let env = super::walk::read_as(&v, "", "struct Values", |o| o.done(o.value_map("env")))
        .map_err(|e| e.message)?;
    Ok(crate::sort::map_of(env.into_iter().map(|(k, v)| {
        let s = match v {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        (k, s)
    })))
}
