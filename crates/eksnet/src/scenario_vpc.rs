//! The VPC's route tables and network ACLs, as `aws ec2 describe-route-tables` and
//! `aws ec2 describe-network-acls` print them (botocore's `RouteTable`, `Route`,
//! `RouteTableAssociation`, `NetworkAcl`, `NetworkAclEntry`), in the scenario's
//! camelCase. Both lists are optional: a scenario that gives none keeps the meaning it
//! always had (each subnet's `defaultRoute` implies its table; every subnet has the
//! default network ACL, which allows everything). See [`crate::model::fabric`].

#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

/// A route table (`RouteTable`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RouteTable {
    /// `RouteTableId`, e.g. `rtb-0a1b`.
    pub route_table_id: String,
    /// `Associations`: the subnets that use it, or `main: true` for the VPC's main
    /// table (used by every subnet without an explicit association).
    pub associations: Vec<RouteTableAssociation>,
    /// `Routes`. The `local` route of each VPC block is always there, given or not.
    pub routes: Vec<RouteEntry>,
}

/// A route table's association (`RouteTableAssociation`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RouteTableAssociation {
    /// `Main`: this is the VPC's main route table.
    pub main: bool,
    /// `SubnetId`: the subnet explicitly associated with the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
}

/// One route (`Route`): a destination and exactly one target.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RouteEntry {
    /// `DestinationCidrBlock`, e.g. `0.0.0.0/0`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_cidr_block: Option<String>,
    /// `DestinationPrefixListId`: an AWS-managed prefix list (`pl-…`), as the route
    /// of a gateway VPC endpoint has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_prefix_list_id: Option<String>,
    /// `GatewayId`: `local`, an internet gateway (`igw-…`), a virtual private
    /// gateway (`vgw-…`) or a gateway VPC endpoint (`vpce-…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<String>,
    /// `NatGatewayId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nat_gateway_id: Option<String>,
    /// `TransitGatewayId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transit_gateway_id: Option<String>,
    /// `VpcPeeringConnectionId` (`pcx-…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_peering_connection_id: Option<String>,
    /// `State`: `active`, or `blackhole` when the target is gone (AWS keeps the
    /// route and drops what matches it).
    pub state: RouteState,
}

/// `State` of a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "lowercase")]
pub enum RouteState {
    /// The route works.
    #[default]
    Active,
    /// Its target is gone: matching traffic is dropped.
    Blackhole,
}

/// A network ACL (`NetworkAcl`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkAcl {
    /// `NetworkAclId`, e.g. `acl-0a1b`.
    pub network_acl_id: String,
    /// `IsDefault`: the VPC's default ACL, used by every subnet not associated with
    /// another one.
    pub is_default: bool,
    /// `Associations`: the subnets it guards.
    pub associations: Vec<NetworkAclAssociation>,
    /// `Entries`: numbered rules, inbound and outbound (`egress`). The final `*`
    /// rule that denies everything is implied.
    pub entries: Vec<NetworkAclEntry>,
}

/// A network ACL's association (`NetworkAclAssociation`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkAclAssociation {
    /// `SubnetId`.
    pub subnet_id: String,
}

/// One network ACL rule (`NetworkAclEntry`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkAclEntry {
    /// `RuleNumber`: 1–32766; rules are evaluated in ascending order and the first
    /// that matches decides.
    pub rule_number: u32,
    /// `Protocol`: `-1` (all), `6` (TCP), `17` (UDP), or the name.
    pub protocol: String,
    /// `RuleAction`.
    pub rule_action: RuleAction,
    /// `Egress`: an outbound rule (else inbound).
    pub egress: bool,
    /// `CidrBlock`: the other end (source of inbound, destination of outbound).
    pub cidr_block: String,
    /// `PortRange` (TCP and UDP rules; the destination port of the packet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port_range: Option<PortRange>,
}

/// `RuleAction` of a network ACL rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "lowercase")]
pub enum RuleAction {
    /// Let the packet through.
    #[default]
    Allow,
    /// Drop it.
    Deny,
}

/// `PortRange`: first and last port, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct PortRange {
    /// `From`.
    pub from: u16,
    /// `To`.
    pub to: u16,
}
