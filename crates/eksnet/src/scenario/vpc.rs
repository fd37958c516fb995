//! The customer VPC of a scenario and what is in it: subnets and their CIDR
//! reservations, DHCP options, gateways, VPC endpoints, security groups, and the
//! networks connected to it (its route tables and network ACLs are in
//! `scenario_vpc.rs`).

#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

use super::{NetworkAcl, RouteTable};

/// The customer VPC.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
    /// `dnsResolver` is migrated into it as it is read; see [`migrate`](super::migrate)).
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
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct InternetGateway {
    /// Its id, e.g. `igw-1`.
    pub internet_gateway_id: String,
}

/// A public NAT gateway.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
pub enum VpcEndpointType {
    /// An ENI in your subnets (PrivateLink).
    #[default]
    Interface,
    /// A route-table entry (S3 and DynamoDB only).
    Gateway,
}

/// A security group with the rules the flows need.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
