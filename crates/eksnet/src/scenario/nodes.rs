//! The nodes of a scenario: node groups and their pinned nodes, the Amazon VPC CNI's
//! settings and its `ENIConfig`s (custom networking).

#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

use super::ObservedEni;

/// A node group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeGroup {
    /// `nodegroupName`.
    pub nodegroup_name: String,
    /// Managed, self-managed or Fargate.
    pub kind: NodeGroupKind,
    /// EC2 instance type, e.g. `m5.large` (ignored for Fargate).
    pub instance_type: String,
    /// Number of nodes (`scalingConfig.desiredSize`).
    pub desired_size: u32,
    /// Subnets the nodes are spread over, round robin.
    pub subnets: Vec<String>,
    /// Security groups of the nodes; empty means the cluster security group (as
    /// managed node groups do).
    pub security_group_ids: Vec<String>,
    /// Whether nodes get a public IPv4 address; `None` follows the subnet's
    /// `mapPublicIpOnLaunch`.
    pub associate_public_ip_address: Option<bool>,
    /// Nodes pinned to addresses (as in source 004, console 1); the rest are
    /// allocated from their subnet.
    pub nodes: Vec<NodePin>,
}

/// A node pinned to an address.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct NodePin {
    /// Its subnet (must be one of the group's).
    pub subnet_id: String,
    /// Its primary private IPv4 address (the node IP).
    pub private_ip: String,
    /// Its public IPv4 address, if any.
    pub public_ip: Option<String>,
    /// Its ENIs as observed (`describe-network-interfaces`); empty: the VPC CNI
    /// simulation attaches them (see [`ObservedEni`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enis: Vec<ObservedEni>,
}

/// How nodes are run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub enum NodeGroupKind {
    /// EKS managed node group.
    #[default]
    Managed,
    /// Self-managed nodes (an Auto Scaling group you run).
    SelfManaged,
    /// AWS Fargate: one micro-VM per pod.
    Fargate,
}

/// Amazon VPC CNI settings, named as its environment variables.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, deny_unknown_fields)]
pub struct CniConfig {
    /// Assign /28 prefixes instead of single secondary IPs (Nitro only).
    #[serde(rename = "ENABLE_PREFIX_DELEGATION")]
    pub enable_prefix_delegation: bool,
    /// Spare ENIs to keep attached (default 1).
    #[serde(rename = "WARM_ENI_TARGET")]
    pub warm_eni_target: Option<u32>,
    /// Spare IPs to keep (overrides WARM_ENI_TARGET when set).
    #[serde(rename = "WARM_IP_TARGET")]
    pub warm_ip_target: Option<u32>,
    /// IPs to allocate at least, pods or not.
    #[serde(rename = "MINIMUM_IP_TARGET")]
    pub minimum_ip_target: Option<u32>,
    /// Spare /28 prefixes to keep with prefix delegation (default 1).
    #[serde(rename = "WARM_PREFIX_TARGET")]
    pub warm_prefix_target: Option<u32>,
    /// Custom networking: pods use the ENIConfig subnet of the node's AZ, and the
    /// primary ENI hosts no pods.
    #[serde(rename = "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG")]
    pub custom_network_cfg: bool,
    /// One ENIConfig per AZ (custom networking).
    #[serde(rename = "eniConfigs")]
    pub eni_configs: Vec<EniConfig>,
    /// `--max-pods` given to kubelet, overriding the computed value.
    #[serde(rename = "maxPodsOverride")]
    pub max_pods_override: Option<u32>,
}

/// An `ENIConfig` custom resource (custom networking).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct EniConfig {
    /// Its name: by convention the AZ (`ap-northeast-2a`).
    pub name: String,
    /// The subnet pods' ENIs are created in.
    pub subnet: String,
    /// Security groups of those ENIs.
    pub security_groups: Vec<String>,
}

impl Default for NodeGroup {
    fn default() -> Self {
        NodeGroup {
            nodegroup_name: String::new(),
            kind: NodeGroupKind::Managed,
            instance_type: "m5.large".into(),
            desired_size: 2,
            subnets: Vec::new(),
            security_group_ids: Vec::new(),
            associate_public_ip_address: None,
            nodes: Vec::new(),
        }
    }
}
