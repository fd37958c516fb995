//! A node's ENIs as observed (`aws ec2 describe-network-interfaces`): botocore's
//! `NetworkInterface` (its `NetworkInterfaceId`, `SubnetId`, `PrivateIpAddress`,
//! `PrivateIpAddresses[].PrivateIpAddress` with `Primary: false`, `Ipv4Prefixes[]
//! .Ipv4Prefix` and `Attachment.DeviceIndex`), in the scenario's camelCase.
//!
//! A pinned node that carries them is drawn with exactly these ENIs and addresses;
//! the VPC CNI simulation places the pods' observed IPs in them and only grows the
//! node's pool (by its warm policy) when pods need more addresses than were observed.

#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

/// One ENI attached to a node, as observed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ObservedEni {
    /// `NetworkInterfaceId`, e.g. `eni-0a1b2c3d`.
    pub network_interface_id: String,
    /// `SubnetId`: with custom networking, the ENIConfig's subnet.
    pub subnet_id: String,
    /// `Attachment.DeviceIndex`: 0 is the primary ENI (`eth0`), whose primary
    /// address is the node IP.
    pub device_index: u32,
    /// `PrivateIpAddress`: the ENI's primary address (never a pod's).
    pub private_ip_address: String,
    /// The secondary addresses (`PrivateIpAddresses` with `Primary: false`): the
    /// VPC CNI's pool, given to pods or kept warm.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secondary_private_ip_addresses: Vec<String>,
    /// `Ipv4Prefixes[].Ipv4Prefix`: /28 prefixes (prefix delegation).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ipv4_prefixes: Vec<String>,
}
