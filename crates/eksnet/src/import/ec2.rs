//! `aws ec2 describe-*` output, as the AWS CLI prints it (PascalCase).
//!
//! Shapes: botocore's EC2 model, `botocore/data/ec2/2016-11-15/service-2.json`
//! (`DescribeVpcsResult` → `Vpc`, `DescribeVpcAttributeResult`, `Subnet`,
//! `InternetGateway`, `NatGateway` + `NatGatewayAddress`, `SecurityGroup` +
//! `IpPermission` + `IpRange` + `UserIdGroupPair`, `SecurityGroupRule` +
//! `ReferencedSecurityGroup`, `VpcEndpoint`, `DhcpOptions` +
//! `DhcpConfiguration`). Only the members eksnet reads are declared; every other
//! member AWS adds is ignored. A member left out takes the default the EC2 API
//! reference gives it (absent lists are empty, absent flags are `false`).

#[cfg(test)]
use serde::Deserialize;

/// `{"Key": ..., "Value": ...}` (`Tag`).
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Tag {
    /// Tag key.
    pub key: String,
    /// Tag value.
    pub value: String,
}

/// The value of tag `key`, if present.
pub fn tag<'a>(tags: &'a [Tag], key: &str) -> Option<&'a str> {
    tags.iter().find(|t| t.key == key).map(|t| t.value.as_str())
}

/// `describe-vpcs`: `{"Vpcs": [...]}`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Vpcs {
    /// The VPCs.
    pub vpcs: Vec<Vpc>,
}

/// `Vpc`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Vpc {
    /// `VpcId`.
    pub vpc_id: String,
    /// The primary IPv4 block.
    pub cidr_block: String,
    /// Every IPv4 block with its state (secondary blocks too).
    pub cidr_block_association_set: Vec<CidrAssociation>,
    /// IPv6 blocks.
    pub ipv6_cidr_block_association_set: Vec<Ipv6CidrAssociation>,
    /// The DHCP options set.
    pub dhcp_options_id: String,
    /// Whether it is the region's default VPC.
    pub is_default: bool,
}

/// `VpcCidrBlockAssociation`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct CidrAssociation {
    /// The block.
    pub cidr_block: String,
    /// `{"State": "associated"}`.
    pub cidr_block_state: BlockState,
}

/// `VpcCidrBlockState` / `SubnetCidrBlockState` / `RouteTableAssociationState`.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct BlockState {
    /// `associated`, `disassociated`, ...
    pub state: String,
}

/// `VpcIpv6CidrBlockAssociation` / `SubnetIpv6CidrBlockAssociation`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Ipv6CidrAssociation {
    /// The block.
    pub ipv6_cidr_block: String,
    /// `{"State": "associated"}` (`associating`, `disassociating`,
    /// `disassociated`, `failing`, `failed`: AWS keeps listing a removed block a
    /// while).
    pub ipv6_cidr_block_state: BlockState,
}

impl Ipv6CidrAssociation {
    /// Whether the block is the VPC's or subnet's now (state `associated`, or
    /// not given).
    pub fn associated(&self) -> bool {
        matches!(self.ipv6_cidr_block_state.state.as_str(), "" | "associated")
    }
}

/// `describe-vpc-attribute`: one attribute per call.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct VpcAttribute {
    /// The VPC.
    pub vpc_id: String,
    /// `{"Value": bool}` when asked for `enableDnsSupport`.
    pub enable_dns_support: Option<AttributeBool>,
    /// `{"Value": bool}` when asked for `enableDnsHostnames`.
    pub enable_dns_hostnames: Option<AttributeBool>,
}

/// `AttributeBooleanValue`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct AttributeBool {
    /// The value.
    pub value: bool,
}

/// `describe-subnets`: `{"Subnets": [...]}`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Subnets {
    /// The subnets.
    pub subnets: Vec<Subnet>,
}

/// `Subnet`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Subnet {
    /// `SubnetId`.
    pub subnet_id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Its AZ.
    pub availability_zone: String,
    /// Its IPv4 block.
    pub cidr_block: String,
    /// Its IPv6 blocks.
    pub ipv6_cidr_block_association_set: Vec<Ipv6CidrAssociation>,
    /// Public IPv4 on launch.
    pub map_public_ip_on_launch: bool,
    /// IPv6 on creation.
    pub assign_ipv6_address_on_creation: bool,
    /// Free addresses as EC2 counts them.
    pub available_ip_address_count: Option<u64>,
    /// Tags (`kubernetes.io/role/elb`, `Name`).
    pub tags: Vec<Tag>,
}

/// `describe-internet-gateways`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct InternetGateways {
    /// The gateways.
    pub internet_gateways: Vec<InternetGateway>,
}

/// `InternetGateway`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct InternetGateway {
    /// `InternetGatewayId`.
    pub internet_gateway_id: String,
    /// `[{"State": "available", "VpcId": ...}]`.
    pub attachments: Vec<Attachment>,
}

/// `InternetGatewayAttachment`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Attachment {
    /// The VPC.
    pub vpc_id: String,
    /// `available` (the CLI's word for attached), `attaching`, `detached`...
    pub state: String,
}

/// `describe-nat-gateways`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct NatGateways {
    /// The gateways.
    pub nat_gateways: Vec<NatGateway>,
}

/// `NatGateway`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct NatGateway {
    /// `NatGatewayId`.
    pub nat_gateway_id: String,
    /// Its subnet.
    pub subnet_id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// `available`, `pending`, `failed`, `deleting`, `deleted`.
    pub state: String,
    /// `public` (default) or `private`.
    pub connectivity_type: String,
    /// Its addresses (the Elastic IP).
    pub nat_gateway_addresses: Vec<NatGatewayAddress>,
}

/// `NatGatewayAddress`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct NatGatewayAddress {
    /// The Elastic IP.
    pub public_ip: String,
    /// The private address.
    pub private_ip: String,
}

/// `describe-security-groups`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct SecurityGroups {
    /// The groups.
    pub security_groups: Vec<SecurityGroup>,
}

/// `SecurityGroup`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct SecurityGroup {
    /// `GroupId`.
    pub group_id: String,
    /// `GroupName`.
    pub group_name: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Inbound rules.
    pub ip_permissions: Vec<IpPermission>,
    /// Outbound rules; `None` when the CLI left the member out.
    pub ip_permissions_egress: Option<Vec<IpPermission>>,
}

/// `IpPermission`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct IpPermission {
    /// `tcp`, `udp`, `icmp`, `-1`, or a protocol number.
    pub ip_protocol: String,
    /// First port; `-1` (or absent) for all.
    pub from_port: Option<i64>,
    /// Last port.
    pub to_port: Option<i64>,
    /// IPv4 peers.
    pub ip_ranges: Vec<IpRange>,
    /// IPv6 peers (not modelled).
    pub ipv6_ranges: Vec<serde::de::IgnoredAny>,
    /// Security group peers.
    pub user_id_group_pairs: Vec<GroupPair>,
    /// Prefix-list peers (not modelled).
    pub prefix_list_ids: Vec<serde::de::IgnoredAny>,
}

/// `IpRange`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct IpRange {
    /// The CIDR.
    pub cidr_ip: String,
    /// Its description.
    pub description: String,
}

/// `UserIdGroupPair`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct GroupPair {
    /// The peer group.
    pub group_id: String,
    /// Its description.
    pub description: String,
}

/// `describe-security-group-rules`: `SecurityGroupRule`, one rule of one group
/// with one peer (botocore's EC2 model, `DescribeSecurityGroupRulesResult` →
/// `SecurityGroupRule` + `ReferencedSecurityGroup`). The same rules as
/// `describe-security-groups` prints, one by one.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct SecurityGroupRule {
    /// `sgr-...`.
    pub security_group_rule_id: String,
    /// The group the rule belongs to.
    pub group_id: String,
    /// An outbound rule.
    pub is_egress: bool,
    /// `-1`, `tcp`, `udp`, `icmp` or a protocol number.
    pub ip_protocol: String,
    /// First port (`-1`: all, as for `IpPermission`).
    pub from_port: Option<i64>,
    /// Last port.
    pub to_port: Option<i64>,
    /// An IPv4 peer.
    pub cidr_ipv4: Option<String>,
    /// An IPv6 peer (not modelled).
    pub cidr_ipv6: Option<String>,
    /// A prefix-list peer (not modelled).
    pub prefix_list_id: Option<String>,
    /// A peer group.
    pub referenced_group_info: Option<ReferencedGroup>,
    /// Its description.
    pub description: String,
}

/// `ReferencedSecurityGroup`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct ReferencedGroup {
    /// The peer group.
    pub group_id: String,
}

/// `describe-vpc-endpoints`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct VpcEndpoints {
    /// The endpoints.
    pub vpc_endpoints: Vec<VpcEndpoint>,
}

/// `VpcEndpoint`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct VpcEndpoint {
    /// `vpce-...`.
    pub vpc_endpoint_id: String,
    /// `Interface`, `Gateway`, `GatewayLoadBalancer`, ...
    pub vpc_endpoint_type: String,
    /// Its VPC.
    pub vpc_id: String,
    /// `com.amazonaws.<region>.<service>`.
    pub service_name: String,
    /// `available`, `pending`, ...
    pub state: String,
    /// Private DNS (interface endpoints).
    pub private_dns_enabled: bool,
    /// `SubnetIds`: the subnets of an interface endpoint's network interfaces.
    pub subnet_ids: Vec<String>,
    /// `RouteTableIds`: the tables a gateway endpoint is associated with.
    pub route_table_ids: Vec<String>,
}

/// `describe-dhcp-options`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct DhcpOptionsList {
    /// The option sets.
    pub dhcp_options: Vec<DhcpOptions>,
}

/// `DhcpOptions`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct DhcpOptions {
    /// `dopt-...`.
    pub dhcp_options_id: String,
    /// `[{"Key": "domain-name-servers", "Values": [{"Value": "AmazonProvidedDNS"}]}]`.
    pub dhcp_configurations: Vec<DhcpConfiguration>,
}

/// `DhcpConfiguration`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct DhcpConfiguration {
    /// `domain-name-servers`, `domain-name`, ...
    pub key: String,
    /// `AttributeValue`s.
    pub values: Vec<AttributeValue>,
}

/// `AttributeValue`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct AttributeValue {
    /// The value.
    pub value: String,
}
