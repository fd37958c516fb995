//! The resolved model: what [`crate::analyze`] makes of a [`Scenario`].
//!
//! This is the checked representation of the scenario, the way a parser's typed
//! tree is the checked form of its text: CIDRs are parsed, references resolved to
//! indices, every rule with a default decided once ([`EndpointAccess`] from the two
//! endpoint flags, [`PublicAccessCidrs`] with AWS's `0.0.0.0/0` for an empty list,
//! namespaces via [`names`]), nodes placed with addresses, EKS-owned ENIs placed in
//! the cluster subnets. Each element carries its [`ElementId`] and the JSON pointer
//! of the scenario entry it came from.
//!
//! The contract:
//! - [`build`] is the only reader of the [`Scenario`]; checks, traces, the CNI
//!   simulation, load balancers and scenes read the model.
//! - The model is immutable once built. Stages that take addresses (the VPC CNI,
//!   the load balancers) take them in an [`addr::Ledger`] that
//!   [`crate::Analysis::addresses`] holds.
//! - Nothing here panics: a part of the scenario that cannot be understood becomes
//!   a [`Diagnostic`] and is left out (a subnet with a bad CIDR has `cidr: None`, a
//!   node whose subnet does not exist is not placed), so the rest still renders.

pub mod addr;
mod build;
pub mod fabric;
pub mod names;
mod vpc;

use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};
use serde::Serialize;

use crate::scenario::{
    CniConfig, ConnectionKind, Ingress, IpFamily, NodeGroupKind, PodPin, Scenario, SecurityGroup,
    Service, VpcEndpointType, Workload,
};
use crate::{Diagnostic, ElementId, EndpointAccess};
pub use addr::{Accounting, Holder, Ledger, SubnetPool};
pub use fabric::{NetworkAclModel, RouteTableModel};
pub use vpc::{
    CidrReservationModel, DhcpModel, EndpointEni, EndpointModel, Ipv6Block, NatModel, Route,
    SubnetModel, VpcModel, AMAZON_PROVIDED_DNS,
};

/// Most nodes a scenario may have (larger documents are refused, not truncated
/// silently: a diagnostic says so).
pub const MAX_NODES: u32 = 250_000;

/// The checked model of a scenario.
#[derive(Debug, Clone)]
pub struct Model {
    /// The cluster and its endpoint.
    pub cluster: ClusterModel,
    /// The customer VPC.
    pub vpc: VpcModel,
    /// Subnets, in scenario order.
    pub subnets: Vec<SubnetModel>,
    /// Address pools, parallel to `subnets` (`None` where the CIDR is unusable),
    /// holding what the build placed. The VPC CNI's and the load balancers'
    /// addresses are in the [`Ledger`] of [`crate::Analysis::addresses`].
    pub pools: Vec<Option<SubnetPool>>,
    /// Security groups, in scenario order.
    pub security_groups: Vec<SecurityGroup>,
    /// Route tables: the scenario's, then the implied ones (see [`fabric`]).
    pub route_tables: Vec<RouteTableModel>,
    /// Network ACLs, in scenario order (none: the default ACL allows all).
    pub network_acls: Vec<NetworkAclModel>,
    /// Connected networks.
    pub networks: Vec<NetworkModel>,
    /// kubectl clients.
    pub clients: Vec<ClientModel>,
    /// EKS-owned ENIs (the private endpoint's addresses, and the path the API
    /// server takes to kubelets in every mode).
    pub eks_enis: Vec<EksEni>,
    /// Node groups.
    pub node_groups: Vec<NodeGroupModel>,
    /// EC2 nodes (Fargate has none).
    pub nodes: Vec<Node>,
    /// The pinned nodes' ENIs as observed (`describe-network-interfaces`), checked,
    /// by node then device index (see [`Model::observed_enis_of`]).
    pub observed_enis: Vec<ObservedEniModel>,
    /// Subnet CIDR reservations that apply (inside their subnet, parsed).
    pub cidr_reservations: Vec<CidrReservationModel>,
    /// The VPC CNI's settings (`aws-node`'s environment and the ENIConfigs).
    pub cni: CniConfig,
    /// The Kubernetes objects, namespaces resolved (see [`names::namespace`]).
    pub k8s: K8sObjects,
    /// Which nodes register with the cluster (decided last, by tracing each class
    /// of nodes' kubelet; see [`crate::rules::registration`]).
    pub registration: crate::rules::registration::Registration,
}

/// The scenario's Kubernetes objects, with every empty namespace resolved to
/// `default`. The CNI simulation schedules the workloads and pods; the load
/// balancer stage derives Services and Ingresses from these manifests.
#[derive(Debug, Clone, Default)]
pub struct K8sObjects {
    /// Workloads (Deployments), in scenario order.
    pub workloads: Vec<Workload>,
    /// Pods pinned by name, node or address.
    pub pods: Vec<PodPin>,
    /// Services, in scenario order (`/services/<i>`).
    pub services: Vec<Service>,
    /// Ingresses, in scenario order (`/ingresses/<i>`).
    pub ingresses: Vec<Ingress>,
}

impl K8sObjects {
    fn resolve(s: &Scenario) -> Self {
        let mut k = K8sObjects {
            workloads: s.workloads.clone(),
            pods: s.pods.clone(),
            services: s.services.clone(),
            ingresses: s.ingresses.clone(),
        };
        let fill = |ns: &mut String| {
            if ns.is_empty() {
                *ns = names::DEFAULT_NAMESPACE.to_string();
            }
        };
        k.workloads.iter_mut().for_each(|w| fill(&mut w.namespace));
        k.pods.iter_mut().for_each(|p| fill(&mut p.namespace));
        k.services.iter_mut().for_each(|x| fill(&mut x.namespace));
        k.ingresses.iter_mut().for_each(|x| fill(&mut x.namespace));
        k
    }
}

/// The cluster.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterModel {
    /// Name.
    pub name: String,
    /// Region.
    pub region: String,
    /// Kubernetes version.
    pub version: String,
    /// Which endpoints are on.
    pub endpoint: EndpointAccess,
    /// Who routes the control plane's own outbound traffic (`controlPlaneEgressMode`).
    pub egress_mode: crate::scenario::ControlPlaneEgressMode,
    /// `publicAccessCidrs`, resolved (an empty list is AWS's default, 0.0.0.0/0).
    pub public_access_cidrs: PublicAccessCidrs,
    /// The endpoint's DNS name (deterministic stand-in for EKS's random one).
    pub endpoint_host: String,
    /// The public NLB's addresses (what the public zone answers).
    pub nlb_public_ips: Vec<Ipv4Addr>,
    /// IP family.
    pub ip_family: IpFamily,
    /// Service CIDR, if parseable.
    pub service_cidr: Option<Ipv4Net>,
    /// Cluster subnets (indices into `Model::subnets`).
    pub subnets: Vec<usize>,
    /// `(k, subnet)`: entry `k` of `subnetIds` names `Model::subnets[subnet]`
    /// (unknown ids are diagnosed and left out).
    pub subnet_refs: Vec<(usize, usize)>,
    /// How many additional security groups `securityGroupIds` lists, known or not.
    pub security_group_ids_given: usize,
    /// The cluster security group (index into `Model::security_groups`).
    pub cluster_security_group: Option<usize>,
    /// Whether `clusterSecurityGroupId` names a group at all (an unknown one is
    /// diagnosed; none given means security groups are not modelled).
    pub cluster_security_group_given: bool,
    /// Additional security groups on the EKS-owned ENIs.
    pub additional_security_groups: Vec<usize>,
}

/// `publicAccessCidrs`, resolved: the ranges the public endpoint admits.
///
/// AWS's default, when the list is empty, is `0.0.0.0/0` (AWS: "Cluster API server
/// endpoint"; `describe-cluster` reports it so). Invalid entries are diagnosed while
/// building and left out, so a list of only invalid entries admits nothing.
///
/// ```
/// use eksnet::{analyze, Scenario};
/// let mut s = Scenario::example();
/// s.cluster.resources_vpc_config.public_access_cidrs.clear();
/// let p = &analyze(&s).model.cluster.public_access_cidrs;
/// assert!(p.is_default() && p.allows(None));
/// assert_eq!(p.to_string(), "0.0.0.0/0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicAccessCidrs {
    /// Each admitted range with the index of its entry in `publicAccessCidrs`
    /// (`None`: the default).
    pub entries: Vec<(Option<usize>, IpNet)>,
}

impl PublicAccessCidrs {
    /// The ranges, in order.
    pub fn nets(&self) -> impl Iterator<Item = &IpNet> {
        self.entries.iter().map(|(_, n)| n)
    }

    /// Whether the list was empty and AWS's default applies.
    pub fn is_default(&self) -> bool {
        matches!(self.entries.as_slice(), [(None, _)])
    }

    /// The entry that opens the endpoint to the whole internet (`0.0.0.0/0`), if
    /// any: `Some(None)` for the default.
    pub fn open_entry(&self) -> Option<Option<usize>> {
        self.entries
            .iter()
            .find(|(_, n)| n.prefix_len() == 0)
            .map(|(k, _)| *k)
    }

    /// Whether the public endpoint admits `src` (`None`: an unknown address, admitted
    /// only by a 0.0.0.0/0 entry).
    pub fn allows(&self, src: Option<Ipv4Addr>) -> bool {
        match src {
            Some(ip) => self.nets().any(|c| c.contains(&std::net::IpAddr::V4(ip))),
            None => self.open_entry().is_some(),
        }
    }
}

impl std::fmt::Display for PublicAccessCidrs {
    /// The ranges, comma-separated.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, n) in self.nets().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{n}")?;
        }
        Ok(())
    }
}

/// A connected network.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkModel {
    /// Stable id.
    pub eid: ElementId,
    /// JSON pointer of its scenario entry (`/connectedNetworks/<i>`).
    pub pointer: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: ConnectionKind,
    /// Parsed CIDRs.
    pub cidrs: Vec<IpNet>,
    /// For each of `cidrs`, its index in the scenario's `cidrBlocks`.
    pub cidr_index: Vec<usize>,
    /// Route 53 Resolver inbound endpoint forwarding.
    pub resolver_inbound_endpoint: bool,
    /// Routed back from the VPC.
    pub routed: bool,
    /// The public address its internet traffic leaves from, if given and valid.
    pub public_ip: Option<Ipv4Addr>,
}

/// Where a client is, resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ClientAt {
    /// On the internet with this source address.
    Internet {
        /// Source address.
        ip: Ipv4Addr,
    },
    /// In subnet `subnet` with address `ip`.
    Subnet {
        /// Index into `Model::subnets`.
        subnet: usize,
        /// Its private address.
        ip: Ipv4Addr,
    },
    /// In connected network `network`.
    Network {
        /// Index into `Model::networks`.
        network: usize,
        /// Its address.
        ip: Ipv4Addr,
    },
    /// Could not be resolved (diagnosed).
    Unknown,
}

/// A kubectl client.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientModel {
    /// Stable id.
    pub eid: ElementId,
    /// JSON pointer of its scenario entry (`/clients/<i>`).
    pub pointer: String,
    /// Name.
    pub name: String,
    /// Where it is.
    pub at: ClientAt,
    /// For a client in a subnet: its public IPv4 address, if it has one.
    pub public_ip: Option<Ipv4Addr>,
    /// For a client in a subnet: its security groups (indices).
    pub security_groups: Vec<usize>,
}

/// An EKS-owned ENI.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EksEni {
    /// Stable id.
    pub eid: ElementId,
    /// Index into `Model::subnets`.
    pub subnet: usize,
    /// Its private address.
    pub ip: Ipv4Addr,
}

/// A node group.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeGroupModel {
    /// Stable id.
    pub eid: ElementId,
    /// JSON pointer of its scenario entry (`/nodeGroups/<i>`).
    pub pointer: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: NodeGroupKind,
    /// Instance type as given.
    pub instance_type: String,
    /// Subnets (indices), existing ones only.
    pub subnets: Vec<usize>,
    /// `(k, subnet)`: entry `k` of its `subnets` names `Model::subnets[subnet]`.
    pub subnet_refs: Vec<(usize, usize)>,
    /// Security groups of its nodes (indices); the cluster SG when none given.
    pub security_groups: Vec<usize>,
}

/// A node's ENI as observed (the scenario's `nodeGroups[].nodes[].enis`), its
/// addresses checked and taken in its subnet's pool: the primary as
/// [`Holder::EniPrimary`] (eth0's is the node IP), the secondaries as
/// [`Holder::Warm`] (a pod's observed IP among them turns into
/// [`Holder::PodAssigned`]), each /28 whole as [`Holder::Prefix`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservedEniModel {
    /// Index into `Model::nodes`.
    pub node: usize,
    /// `eni-…` as observed.
    pub id: String,
    /// Index into `Model::subnets`.
    pub subnet: usize,
    /// `Attachment.DeviceIndex` (0: eth0).
    pub device_index: u32,
    /// Its primary address.
    pub primary_ip: Ipv4Addr,
    /// Its secondary addresses that could be placed.
    pub secondaries: Vec<Ipv4Addr>,
    /// Its /28 prefixes that could be placed.
    pub prefixes: Vec<Ipv4Net>,
}

/// An EC2 worker node.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    /// Stable id.
    pub eid: ElementId,
    /// Kubernetes node name (`ip-192-168-46-6.ap-northeast-2.compute.internal`).
    pub name: String,
    /// Index into `Model::node_groups`.
    pub group: usize,
    /// For a node pinned in the scenario, the index of its pin in the group's
    /// `nodes` (see [`Model::node_pointer`]).
    pub pin: Option<u32>,
    /// Index into `Model::subnets`.
    pub subnet: usize,
    /// Primary private IP (the node IP, eth0's primary).
    pub private_ip: Ipv4Addr,
    /// Public IPv4, if any.
    pub public_ip: Option<Ipv4Addr>,
}

impl Model {
    /// The subnet a VPC address belongs to.
    pub fn subnet_of(&self, ip: Ipv4Addr) -> Option<usize> {
        self.subnets
            .iter()
            .position(|s| s.cidr.is_some_and(|c| c.contains(&ip)))
    }

    /// The route table subnet `k` uses.
    pub fn route_table_of(&self, k: usize) -> Option<&RouteTableModel> {
        let t = self.subnets.get(k)?.route_table?;
        self.route_tables.get(t)
    }

    /// The network ACL subnet `k` uses, unless it is the allow-all default.
    pub fn network_acl_of(&self, k: usize) -> Option<&NetworkAclModel> {
        let a = self.subnets.get(k)?.network_acl?;
        self.network_acls.get(a)
    }

    /// Node `node`'s observed ENIs, by device index (empty: none observed).
    pub fn observed_enis_of(&self, node: usize) -> &[ObservedEniModel] {
        let e = &self.observed_enis;
        let from = e.partition_point(|x| x.node < node);
        let to = e.partition_point(|x| x.node <= node);
        e.get(from..to).unwrap_or(&[])
    }

    /// Index of a subnet by `subnetId`.
    pub fn subnet_index(&self, id: &str) -> Option<usize> {
        self.subnets.iter().position(|s| s.id == id)
    }

    /// Index of a security group by `groupId`.
    pub fn security_group_index(&self, id: &str) -> Option<usize> {
        self.security_groups.iter().position(|g| g.group_id == id)
    }

    /// Index of a node by name, short name (`ip-192-168-46-6`), `node:` id or IP.
    pub fn node_index(&self, key: &str) -> Option<usize> {
        let key = key.strip_prefix("node:").unwrap_or(key);
        self.nodes.iter().position(|n| {
            n.name == key
                || names::short_node_name(&n.name) == key
                || n.private_ip.to_string() == key
        })
    }

    /// JSON pointer of the scenario field a node came from: its pin
    /// (`/nodeGroups/<g>/nodes/<k>`), or its group's `desiredSize` for a node EKS
    /// placed. (Nodes carry indices rather than a string: a cluster has 100,000.)
    pub fn node_pointer(&self, node: usize) -> Option<String> {
        let n = self.nodes.get(node)?;
        Some(match n.pin {
            Some(k) => format!("/nodeGroups/{}/nodes/{k}", n.group),
            None => format!("/nodeGroups/{}/desiredSize", n.group),
        })
    }

    /// Security groups on the EKS-owned ENIs: the cluster SG plus the additional ones.
    pub fn eks_eni_security_groups(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.cluster.cluster_security_group.into_iter().collect();
        v.extend(self.cluster.additional_security_groups.iter().copied());
        v
    }

    /// The Kubernetes node name EC2 gives an instance with `ip` in `region`.
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    /// use eksnet::Model;
    /// let name = Model::node_name("ap-northeast-2", Ipv4Addr::new(192, 168, 0, 9));
    /// assert_eq!(name, "ip-192-168-0-9.ap-northeast-2.compute.internal");
    /// let name = Model::node_name("us-east-1", Ipv4Addr::new(10, 100, 255, 99));
    /// assert_eq!(name, "ip-10-100-255-99.ec2.internal");
    /// ```
    pub fn node_name(region: &str, ip: Ipv4Addr) -> String {
        // Written by hand, not with `format!`: a large cluster names 100,000 nodes.
        let mut name = String::with_capacity(36 + region.len());
        name.push_str("ip-");
        for (k, octet) in ip.octets().into_iter().enumerate() {
            if k > 0 {
                name.push('-');
            }
            if octet >= 100 {
                name.push(char::from(b'0' + octet / 100));
            }
            if octet >= 10 {
                name.push(char::from(b'0' + octet / 10 % 10));
            }
            name.push(char::from(b'0' + octet % 10));
        }
        if region == "us-east-1" {
            name.push_str(".ec2.internal");
        } else {
            name.push('.');
            name.push_str(region);
            name.push_str(".compute.internal");
        }
        name
    }
}

/// Builds the checked model, appending structural diagnostics (bad CIDRs, broken
/// references, absurd sizes) to `diags`. Never panics.
pub fn build(scenario: &Scenario, diags: &mut Vec<Diagnostic>) -> Model {
    registered(build::build(scenario, diags))
}

pub(crate) use build::Building;

/// The model of a [`Building`] whose nodes are placed: [`build`]'s result.
pub(crate) fn finish(b: Building<'_>) -> Model {
    registered(b.finish())
}

/// `m` with the last rule of the build applied: which nodes register (it
/// traces the model).
fn registered(mut m: Model) -> Model {
    m.registration = crate::rules::registration::decide(&m);
    m
}
