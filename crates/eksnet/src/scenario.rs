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

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[path = "scenario_vpc.rs"]
mod vpc_fabric;
pub use vpc_fabric::{
    NetworkAcl, NetworkAclAssociation, NetworkAclEntry, PortRange, RouteEntry, RouteState,
    RouteTable, RouteTableAssociation, RuleAction,
};
#[path = "scenario_eni.rs"]
mod observed_eni;
pub use observed_eni::ObservedEni;

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// The EKS cluster, named after `aws eks describe-cluster`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IpFamily {
    /// Pods and Services get IPv4 addresses (the default).
    #[default]
    Ipv4,
    /// Pods and Services get IPv6 addresses from /80 prefixes.
    Ipv6,
}

/// The customer VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Vpc {
    /// VPC id, e.g. `vpc-0abc`.
    pub vpc_id: String,
    /// IPv4 CIDR blocks (the first is the primary one).
    pub cidr_blocks: Vec<String>,
    /// An Amazon-provided IPv6 block, if any.
    pub ipv6_cidr_block: String,
    /// `enableDnsSupport`: the VPC resolver (AmazonProvidedDNS) answers.
    pub enable_dns_support: bool,
    /// `enableDnsHostnames`: needed with DNS support for private hosted zones.
    pub enable_dns_hostnames: bool,
    /// The resolver instances use, as earlier versions wrote it. Superseded by
    /// `dhcpOptions` (which wins when both are given); still read, so that old
    /// documents and links give the same answers: `AmazonProvidedDNS` is AWS's
    /// default options set, `custom` a set whose `domain-name-servers` is that one
    /// address. Version 2 documents give `dhcpOptions` instead (a version-1
    /// `dnsResolver` is migrated into it as it is read; see [`migrate`]).
    #[serde(skip_serializing_if = "DnsResolver::is_default")]
    pub dns_resolver: DnsResolver,
    /// The VPC's DHCP options set (`aws ec2 describe-dhcp-options`); `None`: AWS's
    /// default set (`domain-name-servers: AmazonProvidedDNS`), unless the older
    /// `dnsResolver` says otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dhcp_options: Option<DhcpOptions>,
    /// Subnets of the VPC.
    pub subnets: Vec<Subnet>,
    /// The internet gateway, if one is attached.
    pub internet_gateway: Option<InternetGateway>,
    /// NAT gateways.
    pub nat_gateways: Vec<NatGateway>,
    /// VPC endpoints (PrivateLink interface endpoints and gateway endpoints).
    pub vpc_endpoints: Vec<VpcEndpoint>,
    /// Route tables (`describe-route-tables`); none given: each subnet's
    /// `defaultRoute` implies its table.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<RouteTable>,
    /// Network ACLs (`describe-network-acls`); none given: the default ACL, which
    /// allows everything both ways.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub network_acls: Vec<NetworkAcl>,
    /// Subnet CIDR reservations (`ec2 create-subnet-cidr-reservation`); optional.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnet_cidr_reservations: Vec<SubnetCidrReservation>,
}

/// A subnet CIDR reservation, shaped as EC2's `SubnetCidrReservation`
/// (`DescribeSubnetCidrReservations`): a range of a subnet that EC2 assigns nothing
/// from automatically. A `prefix` reservation is for prefix delegation only; an
/// `explicit` one is for addresses you assign yourself (Amazon VPC User Guide,
/// "Subnet CIDR reservations").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SubnetCidrReservation {
    /// `SubnetCidrReservationId`, e.g. `scr-0123`.
    pub subnet_cidr_reservation_id: String,
    /// `SubnetId`: the subnet it belongs to.
    pub subnet_id: String,
    /// `Cidr`: the reserved IPv4 range, inside the subnet's block.
    pub cidr: String,
    /// `ReservationType`: `prefix` or `explicit`.
    pub reservation_type: ReservationType,
    /// `Description`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// `ReservationType` of a subnet CIDR reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReservationType {
    /// EC2 assigns its addresses only as prefixes delegated to network interfaces.
    #[default]
    Prefix,
    /// Only you assign its addresses, explicitly; nothing automatic uses them.
    Explicit,
}

/// A DHCP options set (`DhcpOptions` of the EC2 API, its `DhcpConfigurations`
/// flattened): what instances in the VPC are told at boot (AWS docs, Amazon VPC
/// user guide, "DHCP option sets").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct DhcpOptions {
    /// `DhcpOptionsId`, e.g. `dopt-0abc`.
    pub dhcp_options_id: String,
    /// `domain-name-servers`: `AmazonProvidedDNS` or the addresses of your own
    /// servers (up to four). Instances ask the first; an empty list is read as
    /// AWS's default, `AmazonProvidedDNS`.
    pub domain_name_servers: Vec<String>,
    /// `domain-name`; empty means AWS's default (`<region>.compute.internal`).
    pub domain_name: String,
    /// Whether your own servers forward the cluster's zone (`eks.amazonaws.com`)
    /// to AmazonProvidedDNS, so that the private hosted zone still answers (not an
    /// EC2 attribute: how your servers are set up).
    pub forwards_to_vpc_resolver: bool,
}

impl Default for DhcpOptions {
    fn default() -> Self {
        DhcpOptions {
            dhcp_options_id: String::new(),
            domain_name_servers: vec!["AmazonProvidedDNS".into()],
            domain_name: String::new(),
            forwards_to_vpc_resolver: false,
        }
    }
}

impl DnsResolver {
    /// AmazonProvidedDNS, what an absent `dnsResolver` means.
    pub fn is_default(&self) -> bool {
        *self == DnsResolver::AmazonProvidedDns
    }
}

/// Which resolver instances in the VPC ask.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum DnsResolver {
    /// The VPC resolver at the VPC base +2 address (`AmazonProvidedDNS`).
    #[default]
    #[serde(rename = "AmazonProvidedDNS")]
    AmazonProvidedDns,
    /// A resolver of the user's own.
    Custom {
        /// Its address.
        address: String,
        /// Whether it forwards the cluster's zone to AmazonProvidedDNS
        /// (`forwardsToVpcResolver`; the snake_case spelling of earlier versions
        /// still loads).
        #[serde(
            default,
            rename = "forwardsToVpcResolver",
            alias = "forwards_to_vpc_resolver"
        )]
        forwards_to_vpc_resolver: bool,
    },
}

/// A subnet (`aws ec2 describe-subnets`) and its default route.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Subnet {
    /// Subnet id, e.g. `subnet-a`.
    pub subnet_id: String,
    /// Availability zone, e.g. `ap-northeast-2a`.
    pub availability_zone: String,
    /// IPv4 CIDR block.
    pub cidr_block: String,
    /// IPv6 CIDR block (a /64), if any.
    pub ipv6_cidr_block: String,
    /// `mapPublicIpOnLaunch`: instances get a public IPv4 address.
    pub map_public_ip_on_launch: bool,
    /// `assignIpv6AddressOnCreation`.
    pub assign_ipv6_address_on_creation: bool,
    /// The `0.0.0.0/0` route of the subnet's route table; `None` means no default
    /// route (an isolated subnet).
    pub default_route: Option<DefaultRoute>,
}

/// Target of a subnet's default route, named like the `CreateRoute` API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum DefaultRoute {
    /// `GatewayId`: the internet gateway (a public subnet).
    GatewayId(String),
    /// `NatGatewayId`: a NAT gateway (a private subnet with egress).
    NatGatewayId(String),
    /// `TransitGatewayId`: everything goes to a transit gateway.
    TransitGatewayId(String),
}

/// An internet gateway.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct InternetGateway {
    /// Its id, e.g. `igw-1`.
    pub internet_gateway_id: String,
}

/// A public NAT gateway.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct NatGateway {
    /// Its id, e.g. `nat-a`.
    pub nat_gateway_id: String,
    /// The (public) subnet it sits in.
    pub subnet_id: String,
    /// Its Elastic IP: what the internet (and `publicAccessCidrs`) sees.
    pub public_ip: String,
}

/// A VPC endpoint.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct VpcEndpoint {
    /// `VpcEndpointId` (`vpce-…`); empty: `vpce-<service>`, the name routes and
    /// traces then use.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub vpc_endpoint_id: String,
    /// Service, full (`com.amazonaws.ap-northeast-2.ecr.api`) or short (`ecr.api`).
    pub service_name: String,
    /// Interface (PrivateLink) or gateway (S3, DynamoDB).
    pub vpc_endpoint_type: VpcEndpointType,
    /// Whether the service's public name resolves to the endpoint inside the VPC.
    pub private_dns_enabled: bool,
    /// `SubnetIds`: where an interface endpoint puts its network interfaces (one
    /// per AZ, each holding an address of its subnet). Empty: eksnet assumes the
    /// cluster's subnets, one per AZ. Ignored for gateway endpoints.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnet_ids: Vec<String>,
    /// `RouteTableIds`: the route tables a gateway endpoint is associated with
    /// (each holds its `pl-… → vpce-…` route). Informational: the routes of
    /// `vpc.routeTables` decide; without given tables, every implied table has it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub route_table_ids: Vec<String>,
}

/// Kind of VPC endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum VpcEndpointType {
    /// An ENI in your subnets (PrivateLink).
    #[default]
    Interface,
    /// A route-table entry (S3 and DynamoDB only).
    Gateway,
}

/// A security group with the rules the flows need.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityGroup {
    /// Group id, e.g. `sg-cluster`.
    pub group_id: String,
    /// Name shown in diagrams.
    pub group_name: String,
    /// Inbound rules. Security groups are stateful: replies are always allowed.
    pub ingress: Vec<SecurityGroupRule>,
    /// Outbound rules; `None` means AWS's default "all traffic to 0.0.0.0/0".
    pub egress: Option<Vec<SecurityGroupRule>>,
}

/// One rule (`IpPermission`): protocol, port range and a peer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityGroupRule {
    /// `tcp`, `udp`, or `-1` for all.
    pub ip_protocol: String,
    /// First port (ignored for `-1`).
    pub from_port: u16,
    /// Last port (ignored for `-1`).
    pub to_port: u16,
    /// Allowed source (ingress) or destination (egress) CIDR.
    pub cidr_ip: Option<String>,
    /// Allowed peer security group.
    pub source_security_group_id: Option<String>,
    /// Free text, shown in explanations.
    pub description: String,
}

/// A network connected to the VPC.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectedNetwork {
    /// Its name, used in flows (`kubectl:office`).
    pub name: String,
    /// How it is connected.
    pub kind: ConnectionKind,
    /// Its address ranges.
    pub cidr_blocks: Vec<String>,
    /// Whether its DNS forwards the cluster's name to a Route 53 Resolver inbound
    /// endpoint in the VPC (so it gets the private hosted zone's answer).
    pub resolver_inbound_endpoint: bool,
    /// Whether the VPC's route tables route its CIDRs back through the connection.
    /// When `vpc.routeTables` is given, the cluster subnets' tables decide instead.
    pub routed: bool,
    /// The public address its own internet traffic leaves from, if known (what the
    /// public endpoint's `publicAccessCidrs` sees when it takes the public path).
    pub public_ip: Option<String>,
}

/// How a network is connected to the VPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConnectionKind {
    /// Site-to-site VPN.
    #[default]
    Vpn,
    /// AWS Direct Connect.
    DirectConnect,
    /// VPC peering.
    Peering,
    /// Transit gateway attachment.
    TransitGateway,
}

/// Someone who runs `kubectl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Client {
    /// Its name, used in flows (`kubectl:laptop`).
    pub name: String,
    /// Where it is.
    pub location: ClientLocation,
    /// For a client in a subnet (an EC2 instance such as a bastion): its security
    /// groups, which the cluster security group's rules may name. Ignored elsewhere.
    pub security_group_ids: Vec<String>,
    /// For a client in a subnet: its public IPv4 address; `None` follows the
    /// subnet's `mapPublicIpOnLaunch`. Ignored elsewhere.
    pub public_ip: Option<String>,
}

/// Where a client is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum ClientLocation {
    /// On the internet, leaving from `sourceIp`.
    Internet {
        /// Public source address.
        #[serde(rename = "sourceIp")]
        source_ip: String,
    },
    /// An instance (a bastion) in a subnet of the VPC.
    Subnet {
        /// The subnet.
        #[serde(rename = "subnetId")]
        subnet_id: String,
    },
    /// In a connected network.
    ConnectedNetwork {
        /// Name of the network.
        network: String,
        /// Source address inside it.
        #[serde(rename = "sourceIp")]
        source_ip: String,
    },
}

/// A node group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct EniConfig {
    /// Its name: by convention the AZ (`ap-northeast-2a`).
    pub name: String,
    /// The subnet pods' ENIs are created in.
    pub subnet: String,
    /// Security groups of those ENIs.
    pub security_groups: Vec<String>,
}

/// A workload (Deployment, StatefulSet...) whose replicas need pod IPs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Workload {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`.
    pub namespace: String,
    /// `spec.replicas`.
    pub replicas: u32,
    /// Pod template labels (Services select on them); default `app: <name>`.
    pub labels: BTreeMap<String, String>,
    /// `hostNetwork: true`: pods take the node IP.
    pub host_network: bool,
    /// `nodeSelector` on node labels (`eks.amazonaws.com/nodegroup`,
    /// `topology.kubernetes.io/zone`, `kubernetes.io/hostname`).
    pub node_selector: BTreeMap<String, String>,
    /// Container port the pods listen on.
    pub container_port: u16,
    /// Whether the pods pass their readiness probe.
    pub ready: bool,
    /// The port the pods serve an admission webhook on, if they do (e.g. 9443 for
    /// the AWS Load Balancer Controller). The API server calls it through the
    /// EKS-owned ENIs, so the nodes' security groups must admit it from the
    /// cluster security group.
    pub admission_webhook_port: Option<u16>,
}

/// A pod pinned by name to a node and optionally an IP (one replica of a workload).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct PodPin {
    /// Pod name, e.g. `my-nginx-5dc4865748-6pr9g`.
    pub name: String,
    /// The workload it is a replica of.
    pub workload: String,
    /// The workload's namespace (default `default`).
    pub namespace: String,
    /// Node name (`ip-192-168-90-3.ap-northeast-2.compute.internal`) or node IP.
    pub node_name: String,
    /// The pod IP, if pinned.
    #[serde(rename = "podIP")]
    pub pod_ip: Option<String>,
}

/// A Kubernetes Service (fields of `metadata` and `spec` side by side).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.annotations`, as Kubernetes writes them.
    pub annotations: BTreeMap<String, String>,
    /// `spec.type`.
    #[serde(rename = "type")]
    pub service_type: ServiceType,
    /// `spec.selector`.
    pub selector: BTreeMap<String, String>,
    /// `spec.clusterIP`; allocated from the service CIDR when empty.
    #[serde(rename = "clusterIP")]
    pub cluster_ip: Option<String>,
    /// `spec.ports`.
    pub ports: Vec<ServicePort>,
    /// `spec.externalTrafficPolicy`.
    pub external_traffic_policy: TrafficPolicy,
    /// `spec.healthCheckNodePort` (LoadBalancer + Local only); allocated when empty.
    pub health_check_node_port: Option<u16>,
    /// `metadata.uid`; the in-tree cloud provider names the load balancer after it
    /// (`a` + the UID without dashes, 32 characters). Derived from the name when empty.
    pub uid: String,
    /// `status.loadBalancer.ingress[0].hostname` as AWS gave it, to show a real
    /// cluster's name; derived deterministically when empty (or when it does not
    /// have the shape of the load balancer the annotations ask for).
    pub load_balancer_hostname: Option<String>,
    /// What `kubectl get svc` shows in the AGE column (the model has no clock);
    /// empty shows `<unknown>`.
    pub age: String,
}

/// `spec.type` of a Service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ServiceType {
    /// A virtual IP inside the cluster.
    #[default]
    ClusterIP,
    /// ClusterIP plus a port on every node.
    NodePort,
    /// NodePort plus a cloud load balancer.
    LoadBalancer,
}

/// One entry of `spec.ports`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ServicePort {
    /// Port name.
    pub name: String,
    /// `TCP` (default) or `UDP`.
    pub protocol: String,
    /// The Service port.
    pub port: u16,
    /// The pod port; default `port`.
    pub target_port: Option<u16>,
    /// The node port; allocated for NodePort/LoadBalancer when empty.
    pub node_port: Option<u16>,
}

/// `spec.externalTrafficPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TrafficPolicy {
    /// Any node forwards to any pod (source NAT hides the client).
    #[default]
    Cluster,
    /// Only nodes with a ready local pod take traffic; the client address is kept.
    Local,
}

/// A Kubernetes Ingress.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Ingress {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.annotations` (`kubernetes.io/ingress.class: alb`,
    /// `alb.ingress.kubernetes.io/scheme`, `.../target-type`, `.../group.name`).
    pub annotations: BTreeMap<String, String>,
    /// `spec.ingressClassName`.
    pub ingress_class_name: Option<String>,
    /// `spec.rules`, flattened to one entry per path.
    pub rules: Vec<IngressRule>,
    /// `status.loadBalancer.ingress[0].hostname` as AWS gave it; derived
    /// deterministically when empty (or when it is not an ALB's name).
    pub load_balancer_hostname: Option<String>,
    /// What `kubectl get ingress` shows in the AGE column; empty shows `<unknown>`.
    pub age: String,
}

/// One host/path → Service backend of an Ingress.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressRule {
    /// Host, or empty for `*`.
    pub host: String,
    /// Path prefix, default `/`.
    pub path: String,
    /// Backend Service name.
    pub service_name: String,
    /// Backend Service port.
    pub service_port: u16,
}

// ---------------------------------------------------------------- defaults ----

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

impl Default for Vpc {
    fn default() -> Self {
        Vpc {
            vpc_id: "vpc-1".into(),
            cidr_blocks: Vec::new(),
            ipv6_cidr_block: String::new(),
            enable_dns_support: true,
            enable_dns_hostnames: true,
            dns_resolver: DnsResolver::AmazonProvidedDns,
            dhcp_options: None,
            subnets: Vec::new(),
            internet_gateway: None,
            nat_gateways: Vec::new(),
            vpc_endpoints: Vec::new(),
            route_tables: Vec::new(),
            network_acls: Vec::new(),
            subnet_cidr_reservations: Vec::new(),
        }
    }
}

impl Default for Client {
    fn default() -> Self {
        Client {
            name: String::new(),
            location: ClientLocation::Internet {
                source_ip: "203.0.113.10".into(),
            },
            security_group_ids: Vec::new(),
            public_ip: None,
        }
    }
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

impl Default for Workload {
    fn default() -> Self {
        Workload {
            name: String::new(),
            namespace: "default".into(),
            replicas: 1,
            labels: BTreeMap::new(),
            host_network: false,
            node_selector: BTreeMap::new(),
            container_port: 80,
            ready: true,
            admission_webhook_port: None,
        }
    }
}
