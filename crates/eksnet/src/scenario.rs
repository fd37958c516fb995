//! The scenario: everything a user can set, and the single input of eksnet.
//!
//! A [`Scenario`] is the *raw* level (compare smoltcp's `Packet`): it is whatever a
//! person typed or a link carried, and nothing in it has been checked. Field names
//! follow AWS's API (`aws eks describe-cluster`, `aws ec2 describe-subnets`) and
//! Kubernetes manifests, in camelCase, so that real output maps onto it with little
//! glue. Every field has a default, so a short document is a valid scenario:
//!
//! ```
//! let s = eksnet::Scenario::from_json(r#"{"version": 2}"#).unwrap();
//! assert_eq!(s.version, 2);
//! assert!(s.node_groups.is_empty());
//! assert!(s.cluster.resources_vpc_config.endpoint_public_access);
//! ```
//!
//! [`crate::analyze`] turns a scenario into a checked model plus diagnostics; nothing
//! downstream reads the scenario again.
//!
//! Version policy: `version` is bumped only when the meaning of an existing field
//! changes. Adding a field with a default keeps the version, so old documents and
//! links still load (see `tests/fixtures/` of the core). An older document is
//! migrated as it is read ([`migrate`]), so everything downstream sees the current
//! version, and eksnet writes only the current one.
//!
//! - **Version 2** (the VPC's own fabric): `vpc.routeTables`, `vpc.networkAcls` and
//!   `vpc.dhcpOptions` are what AWS has, and decide: a subnet's `defaultRoute` is
//!   then only a summary of its table, and the VPC's resolver is its DHCP options
//!   set. Version 1's `vpc.dnsResolver` becomes `vpc.dhcpOptions`
//!   (`AmazonProvidedDNS` → the default set; `custom` → a set whose
//!   `domainNameServers` is that address, `forwardsToVpcResolver` kept); nothing
//!   else changes, so every version-1 file and link gives the same answers.

#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

mod cluster;
pub use cluster::{
    Cluster, ControlPlaneEgressMode, IpFamily, KubernetesNetworkConfig, ResourcesVpcConfig,
};
mod vpc;
pub use vpc::{
    ConnectedNetwork, ConnectionKind, DefaultRoute, DhcpOptions, DnsResolver, InternetGateway,
    NatGateway, ReservationType, SecurityGroup, SecurityGroupRule, Subnet, SubnetCidrReservation,
    Vpc, VpcEndpoint, VpcEndpointType,
};
mod clients;
pub use clients::{Client, ClientLocation};
mod nodes;
pub use nodes::{CniConfig, EniConfig, NodeGroup, NodeGroupKind, NodePin};
mod workloads;
pub use workloads::{
    Ingress, IngressRule, PodPin, Service, ServicePort, ServiceType, TrafficPolicy, Workload,
};
#[path = "scenario_vpc.rs"]
mod vpc_fabric;
pub use vpc_fabric::{
    NetworkAcl, NetworkAclAssociation, NetworkAclEntry, PortRange, RouteEntry, RouteState,
    RouteTable, RouteTableAssociation, RuleAction,
};
#[path = "scenario_eni.rs"]
mod observed_eni;
pub use observed_eni::ObservedEni;
mod read;
mod read_nodes;
#[cfg(test)]
mod read_tests;
mod read_types;

/// Reads a scenario from a parsed JSON value, by hand (`scenario/read.rs`), as
/// serde's derive would: the same value, or the same message at the same path.
pub(crate) fn from_value(v: &serde_json::Value) -> Result<Scenario, crate::json_value::Located> {
    let mut r = read::Rd::default();
    read_types::scenario(&mut r, v).map_err(|message| crate::json_value::Located {
        path: r.path,
        message,
    })
}

/// The newest scenario version this build understands (and the one it writes).
pub const SCENARIO_VERSION: u32 = 2;

/// Brings a scenario read at an older `version` to [`SCENARIO_VERSION`] (see the
/// module docs for what each version changed). Idempotent; a current scenario is
/// left as it is.
///
/// ```
/// use eksnet::scenario::{migrate, DnsResolver, Scenario};
/// let mut s = Scenario::default();
/// s.version = 1;
/// s.vpc.dns_resolver = DnsResolver::Custom { address: "10.0.0.53".into(), forwards_to_vpc_resolver: true };
/// migrate(&mut s);
/// assert_eq!(s.version, 2);
/// let d = s.vpc.dhcp_options.unwrap();
/// assert_eq!(d.domain_name_servers, vec!["10.0.0.53".to_string()]);
/// assert!(d.forwards_to_vpc_resolver);
/// assert_eq!(s.vpc.dns_resolver, DnsResolver::AmazonProvidedDns);
/// ```
pub fn migrate(s: &mut Scenario) {
    if s.version < 2 {
        let old = std::mem::take(&mut s.vpc.dns_resolver);
        if s.vpc.dhcp_options.is_none() {
            if let DnsResolver::Custom {
                address,
                forwards_to_vpc_resolver,
            } = old
            {
                s.vpc.dhcp_options = Some(DhcpOptions {
                    domain_name_servers: vec![address],
                    forwards_to_vpc_resolver,
                    ..DhcpOptions::default()
                });
            }
        }
        s.version = 2;
    }
}

/// Everything a user can set. See the module docs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    /// Schema version; see [`SCENARIO_VERSION`].
    pub version: u32,
    /// The EKS cluster (shape of `aws eks describe-cluster`'s `cluster`).
    pub cluster: Cluster,
    /// The customer VPC the worker nodes live in.
    pub vpc: Vpc,
    /// Security groups referenced by the cluster and node groups.
    pub security_groups: Vec<SecurityGroup>,
    /// Networks connected to the VPC: VPN, Direct Connect, peering, transit gateway.
    pub connected_networks: Vec<ConnectedNetwork>,
    /// People or programs that run `kubectl`.
    pub clients: Vec<Client>,
    /// Worker node groups.
    pub node_groups: Vec<NodeGroup>,
    /// Amazon VPC CNI settings (its environment variables).
    pub cni: CniConfig,
    /// Deployments (or anything with replicas) whose pods need IPs.
    pub workloads: Vec<Workload>,
    /// Pods pinned to a node and/or IP (as in source 004, console 1).
    pub pods: Vec<PodPin>,
    /// Kubernetes Services.
    pub services: Vec<Service>,
    /// Kubernetes Ingresses.
    pub ingresses: Vec<Ingress>,
}

// `Scenario::from_json` is in `parse.rs` and `Scenario::example` in
// `defaults.rs`: this file is the format alone and imports neither.
impl Scenario {
    /// Serialises the scenario as pretty JSON (lossless round trip with
    /// [`Scenario::from_json`]).
    pub fn to_json(&self) -> String {
        // Serialising these plain types cannot fail (no maps with non-string keys).
        // Compact text indented afterwards: one compiled `Serialize` per type
        // (the share link's), not a second for the pretty formatter.
        crate::json_pretty::pretty(&serde_json::to_string(self).unwrap_or_default())
    }
}

impl Default for Scenario {
    /// An empty scenario of the current version: what fields left out of a document
    /// default to. The product's *default scenario* is [`Scenario::example`].
    fn default() -> Self {
        Scenario {
            version: SCENARIO_VERSION,
            cluster: Cluster::default(),
            vpc: Vpc::default(),
            security_groups: Vec::new(),
            connected_networks: Vec::new(),
            clients: Vec::new(),
            node_groups: Vec::new(),
            cni: CniConfig::default(),
            workloads: Vec::new(),
            pods: Vec::new(),
            services: Vec::new(),
            ingresses: Vec::new(),
        }
    }
}
