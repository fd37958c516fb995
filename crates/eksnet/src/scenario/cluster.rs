//! The EKS cluster of a scenario: `aws eks describe-cluster`'s `cluster`, its
//! `resourcesVpcConfig` (the endpoint's access, the control plane's egress) and its
//! `kubernetesNetworkConfig`.

#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

/// The EKS cluster, named after `aws eks describe-cluster`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Cluster {
    /// Cluster name; also the first label of the endpoint's DNS name.
    pub name: String,
    /// Kubernetes version, e.g. `1.31`.
    pub version: String,
    /// AWS region, e.g. `ap-northeast-2`.
    pub region: String,
    /// Where EKS places its ENIs and how the endpoint is reachable.
    pub resources_vpc_config: ResourcesVpcConfig,
    /// Service CIDR and IP family.
    pub kubernetes_network_config: KubernetesNetworkConfig,
}

/// `cluster.resourcesVpcConfig` of `aws eks describe-cluster`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourcesVpcConfig {
    /// Subnets where EKS creates its 2–4 EKS-owned ENIs (at least two AZs).
    pub subnet_ids: Vec<String>,
    /// Additional security groups for the EKS-owned ENIs (at most 5).
    pub security_group_ids: Vec<String>,
    /// The cluster security group EKS creates (source 001).
    pub cluster_security_group_id: String,
    /// Public endpoint (an AWS-managed NLB with public addresses).
    pub endpoint_public_access: bool,
    /// Private endpoint (a Route 53 private hosted zone answering with the ENIs).
    pub endpoint_private_access: bool,
    /// CIDRs allowed to reach the public endpoint.
    pub public_access_cidrs: Vec<String>,
    /// Who routes the control plane's own outbound traffic (webhooks, OIDC).
    #[serde(skip_serializing_if = "ControlPlaneEgressMode::is_default")]
    pub control_plane_egress_mode: ControlPlaneEgressMode,
}

/// `resourcesVpcConfig.controlPlaneEgressMode` (EKS API `VpcConfigRequest`; EKS
/// user guide, "Configuring control plane egress routing"): who manages the path
/// of the API server's outbound traffic (admission webhooks, OIDC providers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ControlPlaneEgressMode {
    /// EKS manages the egress path from the control plane ENIs (the default).
    #[default]
    AwsManaged,
    /// The egress leaves through the EKS-owned ENIs in the cluster subnets and
    /// follows the customer's route tables, network ACLs and security groups.
    CustomerRouted,
    /// A valid value of the API; the user guide describes only the two above, so
    /// eksnet routes it through the customer's subnets as `CUSTOMER_ROUTED`.
    CustomerIsolated,
}

impl ControlPlaneEgressMode {
    /// True for `AWS_MANAGED` (kept out of the serialised scenario).
    pub fn is_default(&self) -> bool {
        *self == ControlPlaneEgressMode::AwsManaged
    }

    /// True when the customer's routes carry the control plane's egress.
    pub fn customer_routes(&self) -> bool {
        !self.is_default()
    }

    /// The API's spelling (`CUSTOMER_ROUTED`).
    pub fn as_str(&self) -> &'static str {
        match self {
            ControlPlaneEgressMode::AwsManaged => "AWS_MANAGED",
            ControlPlaneEgressMode::CustomerRouted => "CUSTOMER_ROUTED",
            ControlPlaneEgressMode::CustomerIsolated => "CUSTOMER_ISOLATED",
        }
    }
}

impl ResourcesVpcConfig {
    /// The endpoint mode its two flags name.
    pub fn endpoint_access(&self) -> crate::EndpointAccess {
        crate::EndpointAccess::from_flags(self.endpoint_public_access, self.endpoint_private_access)
    }

    /// Sets both flags to `access`.
    pub fn set_endpoint_access(&mut self, access: crate::EndpointAccess) {
        (self.endpoint_public_access, self.endpoint_private_access) = access.flags();
    }
}

/// `cluster.kubernetesNetworkConfig`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct KubernetesNetworkConfig {
    /// `ipv4` or `ipv6` (never both: EKS has no dual-stack pods, source 003).
    pub ip_family: IpFamily,
    /// ClusterIP range for IPv4 clusters.
    pub service_ipv4_cidr: String,
    /// ClusterIP range for IPv6 clusters (EKS picks it; may be empty).
    pub service_ipv6_cidr: String,
}

/// The cluster's IP family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "lowercase")]
pub enum IpFamily {
    /// Pods and Services get IPv4 addresses (the default).
    #[default]
    Ipv4,
    /// Pods and Services get IPv6 addresses from /80 prefixes.
    Ipv6,
}

impl Default for Cluster {
    fn default() -> Self {
        Cluster {
            name: "my-cluster".into(),
            version: "1.31".into(),
            region: "ap-northeast-2".into(),
            resources_vpc_config: ResourcesVpcConfig::default(),
            kubernetes_network_config: KubernetesNetworkConfig::default(),
        }
    }
}

impl Default for ResourcesVpcConfig {
    fn default() -> Self {
        ResourcesVpcConfig {
            subnet_ids: Vec::new(),
            security_group_ids: Vec::new(),
            cluster_security_group_id: String::new(),
            endpoint_public_access: true,
            endpoint_private_access: false,
            public_access_cidrs: vec!["0.0.0.0/0".into()],
            control_plane_egress_mode: ControlPlaneEgressMode::AwsManaged,
        }
    }
}

impl Default for KubernetesNetworkConfig {
    fn default() -> Self {
        KubernetesNetworkConfig {
            ip_family: IpFamily::Ipv4,
            service_ipv4_cidr: "10.100.0.0/16".into(),
            service_ipv6_cidr: String::new(),
        }
    }
}
