//! The VPC side of the model: the VPC, its subnets and their default routes,
//! CIDR reservations, DHCP options, NAT gateways and VPC endpoints.

use std::net::Ipv4Addr;

use ipnet::{Ipv4Net, Ipv6Net};
use serde::Serialize;

use crate::scenario::{DnsResolver, VpcEndpointType};
use crate::ElementId;

/// The customer VPC.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VpcModel {
    /// VPC id.
    pub id: String,
    /// Parsed IPv4 CIDR blocks.
    pub cidrs: Vec<Ipv4Net>,
    /// For each of `cidrs`, its index in the scenario's `cidrBlocks`.
    pub cidr_index: Vec<usize>,
    /// `enableDnsSupport`.
    pub dns_support: bool,
    /// `enableDnsHostnames`.
    pub dns_hostnames: bool,
    /// The resolver instances ask: the first of the DHCP options set's
    /// `domain-name-servers` ([`DhcpModel::resolver`]).
    pub resolver: DnsResolver,
    /// The DHCP options set.
    pub dhcp: DhcpModel,
    /// Internet gateway id, if attached.
    pub internet_gateway: Option<String>,
    /// NAT gateways.
    pub nat_gateways: Vec<NatModel>,
    /// VPC endpoints, by short service name (`ecr.api`, `s3`, ...).
    pub endpoints: Vec<EndpointModel>,
    /// Its IPv6 block.
    pub ipv6_cidr: Ipv6Block,
}

impl VpcModel {
    /// Whether `ip` is inside the VPC.
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        self.cidrs.iter().any(|c| c.contains(&ip))
    }

    /// The VPC endpoint for a short service name, if any.
    pub fn endpoint(&self, service: &str) -> Option<&EndpointModel> {
        self.endpoints.iter().find(|e| e.service == service)
    }
}

/// A subnet CIDR reservation, resolved (see
/// [`crate::scenario::SubnetCidrReservation`]).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CidrReservationModel {
    /// JSON pointer of its scenario entry (`/vpc/subnetCidrReservations/<i>`).
    pub pointer: String,
    /// `SubnetCidrReservationId` (or `scr-<i>` when the scenario gives none).
    pub id: String,
    /// Index into `Model::subnets`.
    pub subnet: usize,
    /// The reserved range (its part inside the subnet counts).
    pub cidr: Ipv4Net,
    /// `prefix` or `explicit`.
    pub kind: crate::scenario::ReservationType,
    /// `Description`.
    pub description: String,
}

/// The VPC's DHCP options set, resolved from `dhcpOptions` or, for documents of
/// earlier versions, from `dnsResolver` (AWS docs, Amazon VPC user guide, "DHCP
/// option sets"; EKS, "Cluster API server endpoint": the private hosted zone needs
/// `AmazonProvidedDNS` among the domain name servers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DhcpModel {
    /// `dhcpOptionsId`, or `default` for AWS's default set.
    pub id: String,
    /// JSON pointer of the field that sets the name servers.
    pub pointer: String,
    /// `domain-name-servers` (never empty).
    pub servers: Vec<String>,
    /// `domain-name`.
    pub domain_name: String,
    /// Whether your own servers forward to AmazonProvidedDNS.
    pub forwards: bool,
}

impl DhcpModel {
    /// The set of a scenario's VPC in `region`.
    pub fn of(vpc: &crate::scenario::Vpc, region: &str) -> DhcpModel {
        let default_domain = if region == "us-east-1" {
            "ec2.internal".to_string()
        } else {
            format!("{region}.compute.internal")
        };
        match (&vpc.dhcp_options, &vpc.dns_resolver) {
            (Some(o), _) => {
                let mut servers: Vec<String> = o
                    .domain_name_servers
                    .iter()
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect();
                if servers.is_empty() {
                    servers.push(AMAZON_PROVIDED_DNS.into());
                }
                DhcpModel {
                    id: if o.dhcp_options_id.is_empty() {
                        "default".into()
                    } else {
                        o.dhcp_options_id.clone()
                    },
                    pointer: "/vpc/dhcpOptions/domainNameServers".into(),
                    servers,
                    domain_name: if o.domain_name.is_empty() {
                        default_domain
                    } else {
                        o.domain_name.clone()
                    },
                    forwards: o.forwards_to_vpc_resolver,
                }
            }
            (
                None,
                DnsResolver::Custom {
                    address,
                    forwards_to_vpc_resolver,
                },
            ) => DhcpModel {
                id: "default".into(),
                pointer: "/vpc/dnsResolver".into(),
                servers: vec![address.clone()],
                domain_name: default_domain,
                forwards: *forwards_to_vpc_resolver,
            },
            (None, DnsResolver::AmazonProvidedDns) => DhcpModel {
                id: "default".into(),
                pointer: "/vpc/dhcpOptions".into(),
                servers: vec![AMAZON_PROVIDED_DNS.into()],
                domain_name: default_domain,
                forwards: false,
            },
        }
    }

    /// The resolver instances ask: the first name server ([`Self::resolver_of`]
    /// without the VPC's block).
    pub fn resolver(&self) -> DnsResolver {
        self.resolver_of(None)
    }

    /// The resolver instances ask in a VPC whose primary IPv4 block is `primary`:
    /// the first name server, the VPC resolver when it is one of its names
    /// ([`is_amazon_dns`]).
    pub fn resolver_of(&self, primary: Option<Ipv4Net>) -> DnsResolver {
        match self.servers.first() {
            Some(x) if !is_amazon_dns(x, primary) => DnsResolver::Custom {
                address: x.clone(),
                forwards_to_vpc_resolver: self.forwards,
            },
            _ => DnsResolver::AmazonProvidedDns,
        }
    }
}

/// Whether DHCP name server `server` is the VPC resolver (Route 53 Resolver,
/// "Amazon DNS server"): `AmazonProvidedDNS`, or one of its addresses, 169.254.169.253,
/// fd00:ec2::253 (Nitro instances' IPv6 address), or the base of the VPC's primary
/// IPv4 block plus two (Amazon VPC user guide, "Amazon DNS server"; botocore's EC2
/// model and CloudFormation's `AWS::EC2::VPC` `EnableDnsSupport`: "queries to the
/// Amazon provided DNS server at the 169.254.169.253 IP address, or the reserved IP
/// address at the base of the VPC network range 'plus two' succeed"). A DHCP options
/// set naming it by address is not a custom resolver.
pub fn is_amazon_dns(server: &str, primary: Option<Ipv4Net>) -> bool {
    let server = server.trim();
    if server.eq_ignore_ascii_case(AMAZON_PROVIDED_DNS) {
        return true;
    }
    match server.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => {
            ip == Ipv4Addr::new(169, 254, 169, 253)
                || primary
                    .is_some_and(|n| u32::from(n.network()).checked_add(2) == Some(u32::from(ip)))
        }
        Ok(std::net::IpAddr::V6(ip)) => {
            ip == std::net::Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x253)
        }
        Err(_) => false,
    }
}

/// The name of the VPC resolver in DHCP options sets.
pub const AMAZON_PROVIDED_DNS: &str = "AmazonProvidedDNS";

/// A NAT gateway.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NatModel {
    /// Stable id (`nat:<id>`).
    pub eid: ElementId,
    /// JSON pointer of its scenario entry (`/vpc/natGateways/<i>`).
    pub pointer: String,
    /// Its id.
    pub id: String,
    /// The subnet it sits in, if it exists.
    pub subnet: Option<usize>,
    /// Its private address in that subnet (its ENI's), once placed.
    pub private_ip: Option<Ipv4Addr>,
    /// Its Elastic IP.
    pub public_ip: Option<Ipv4Addr>,
}

/// A VPC endpoint.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointModel {
    /// Its AWS id (`vpcEndpointId`, else `vpce-<service>`): what a route to a
    /// gateway endpoint names.
    pub id: String,
    /// Stable id (`vpce:<service>`).
    pub eid: ElementId,
    /// JSON pointer of its scenario entry (`/vpc/vpcEndpoints/<i>`).
    pub pointer: String,
    /// Short service name: `ecr.api`, `ecr.dkr`, `s3`, `sts`, `ec2`, `logs`, `eks`...
    pub service: String,
    /// Interface or gateway.
    pub kind: VpcEndpointType,
    /// Private DNS on.
    pub private_dns: bool,
    /// An interface endpoint's network interfaces, one per subnet (none for a
    /// gateway endpoint): the addresses its private DNS name answers with.
    pub enis: Vec<EndpointEni>,
}

/// A network interface of an interface VPC endpoint (it holds an address of its
/// subnet, [`super::Holder::VpcEndpoint`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointEni {
    /// Index into `Model::subnets`.
    pub subnet: usize,
    /// Its private address.
    pub ip: Ipv4Addr,
}

/// Route of a subnet's default route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "id")]
pub enum Route {
    /// No default route.
    None,
    /// Internet gateway: a public subnet.
    InternetGateway(String),
    /// A NAT gateway (index into `VpcModel::nat_gateways`).
    NatGateway(usize),
    /// A transit gateway.
    TransitGateway(String),
}

/// A subnet.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubnetModel {
    /// Stable id.
    pub eid: ElementId,
    /// JSON pointer of its scenario entry (`/vpc/subnets/<i>`).
    pub pointer: String,
    /// `subnetId`.
    pub id: String,
    /// AZ.
    pub az: String,
    /// CIDR, if valid.
    pub cidr: Option<Ipv4Net>,
    /// Default route (a broken reference becomes `Route::None`).
    pub route: Route,
    /// `mapPublicIpOnLaunch`.
    pub map_public_ip: bool,
    /// Its IPv6 block.
    pub ipv6_cidr: Ipv6Block,
    /// `assignIpv6AddressOnCreation`.
    pub assign_ipv6: bool,
    /// Its route table (index into `Model::route_tables`; see [`fabric`]).
    pub route_table: Option<usize>,
    /// Its network ACL (index into `Model::network_acls`); `None`: the default ACL
    /// that allows everything.
    pub network_acl: Option<usize>,
}

/// An IPv6 block as the scenario gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "net")]
pub enum Ipv6Block {
    /// None given.
    #[default]
    None,
    /// Given but not an IPv6 CIDR block (diagnosed `invalid-ipv6-cidr`).
    Invalid,
    /// A block (truncated to its network address).
    Block(Ipv6Net),
}

impl Ipv6Block {
    /// The block, if one was given and valid.
    pub fn net(self) -> Option<Ipv6Net> {
        match self {
            Ipv6Block::Block(n) => Some(n),
            _ => None,
        }
    }
}

impl SubnetModel {
    /// Public: its default route is the internet gateway.
    pub fn is_public(&self) -> bool {
        matches!(self.route, Route::InternetGateway(_))
    }
}
