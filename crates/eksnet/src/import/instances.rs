//! `aws ec2 describe-instances` and `describe-network-interfaces`.
//!
//! Shapes: botocore's EC2 model (`DescribeInstancesResult` → `Reservation` →
//! `Instance` + `Placement` + `GroupIdentifier` + `InstanceState`;
//! `DescribeNetworkInterfacesResult` → `NetworkInterface` +
//! `NetworkInterfacePrivateIpAddress` + `Ipv4PrefixSpecification` +
//! `NetworkInterfaceAttachment`). Instances give each node its subnet, public
//! address, security groups and node group (the `eks:nodegroup-name` tag EKS puts on
//! managed nodes); network interfaces give the observed ENIs, their secondary
//! addresses and /28 prefixes.

#[cfg(test)]
use serde::Deserialize;

use super::ec2::Tag;

/// `{"Reservations": [...]}`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Reservations {
    /// The reservations.
    pub reservations: Vec<Reservation>,
}

/// `Reservation`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Reservation {
    /// Its instances.
    pub instances: Vec<Instance>,
}

/// `Instance`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Instance {
    /// `i-...`.
    pub instance_id: String,
    /// `m5.large`.
    pub instance_type: String,
    /// Primary private IPv4.
    pub private_ip_address: Option<String>,
    /// Public IPv4.
    pub public_ip_address: Option<String>,
    /// `ip-...compute.internal`.
    pub private_dns_name: String,
    /// Its subnet.
    pub subnet_id: Option<String>,
    /// Its VPC.
    pub vpc_id: Option<String>,
    /// Its security groups.
    pub security_groups: Vec<GroupIdentifier>,
    /// `{"Name": "running"}`.
    pub state: Option<InstanceState>,
    /// Tags (`eks:cluster-name`, `eks:nodegroup-name`, `aws:autoscaling:groupName`).
    pub tags: Vec<Tag>,
}

/// `GroupIdentifier`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct GroupIdentifier {
    /// `sg-...`.
    pub group_id: String,
}

/// `InstanceState`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct InstanceState {
    /// `pending`, `running`, `stopped`, `terminated`, ...
    pub name: String,
}

/// `{"NetworkInterfaces": [...]}`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct NetworkInterfaces {
    /// The ENIs.
    pub network_interfaces: Vec<NetworkInterface>,
}

/// `NetworkInterface`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct NetworkInterface {
    /// `eni-...`.
    pub network_interface_id: String,
    /// Its subnet.
    pub subnet_id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// `Amazon EKS <cluster>` for the EKS-owned ENIs; `aws-K8S-i-...` for ENIs the
    /// VPC CNI attached.
    pub description: String,
    /// `interface`, `nat_gateway`, `vpc_endpoint`, ...
    pub interface_type: String,
    /// Primary address.
    pub private_ip_address: String,
    /// Every address (the primary and the secondaries the VPC CNI hands to pods).
    pub private_ip_addresses: Vec<PrivateIp>,
    /// /28 prefixes (prefix delegation).
    pub ipv4_prefixes: Vec<Ipv4Prefix>,
    /// The instance it is attached to.
    pub attachment: Option<EniAttachment>,
}

/// `NetworkInterfacePrivateIpAddress`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct PrivateIp {
    /// The address.
    pub private_ip_address: String,
    /// Whether it is the primary one.
    pub primary: bool,
}

/// `Ipv4PrefixSpecification`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Ipv4Prefix {
    /// `10.0.1.16/28`.
    pub ipv4_prefix: String,
}

/// `NetworkInterfaceAttachment`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct EniAttachment {
    /// `i-...`.
    pub instance_id: Option<String>,
    /// 0 for the primary ENI.
    pub device_index: Option<u32>,
}
