//! A hop's component and the rule or route that applied there, shaped after VPC
//! Reachability Analyzer's path components (botocore's EC2 `PathComponent`:
//! `component`, `routeTableRoute`, `aclRule`, `securityGroupRule`). The mapping is
//! documented in `docs/cli-json.md`. eksnet adds `pointer` (the scenario entry the
//! rule came from) and, for rules that name a group rather than a range,
//! `referencedGroupId`.

use serde::Serialize;

use crate::model::fabric::{
    NetworkAclModel, RouteDest, RouteModel, RouteTableModel, RouteTarget, ACL_DEFAULT_RULE,
};
use crate::scenario::PortRange;

/// `AnalysisComponent`: the AWS resource a hop passes (`rtb-…`, `acl-…`, `sg-…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Component {
    /// Its AWS id (or eksnet's element id for things AWS gives no id: `cp:apiserver`).
    pub id: String,
    /// Its name, when it has one (an implied route table: "route table of subnet-a").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Component {
    /// The AWS id an element carries (`subnet:subnet-a` → `subnet-a`, `nat:nat-a`
    /// → `nat-a`, `sg:sg-1` → `sg-1`), else the element id itself.
    pub fn of_element(at: &crate::ElementId) -> Component {
        let s = at.as_str();
        let id = ["subnet:", "nat:", "sg:", "tgw:", "lb:"]
            .iter()
            .find_map(|p| s.strip_prefix(p))
            .unwrap_or(s);
        Component {
            id: id.to_string(),
            name: None,
        }
    }
}

/// `AnalysisRouteTableRoute`, with the table it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteTableRoute {
    /// The table (eksnet: RA names it in the hop's `component`).
    pub route_table_id: String,
    /// `destinationCidr`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_cidr: Option<String>,
    /// `destinationPrefixListId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_prefix_list_id: Option<String>,
    /// `gatewayId`: `local`, `igw-…`, `vpce-…`, `vgw-…`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<String>,
    /// `natGatewayId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nat_gateway_id: Option<String>,
    /// `transitGatewayId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transit_gateway_id: Option<String>,
    /// `vpcPeeringConnectionId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_peering_connection_id: Option<String>,
    /// `state`: `active` or `blackhole`.
    pub state: &'static str,
    /// `origin`: `CreateRouteTable` (a `local` route), `CreateRoute`, or eksnet's
    /// `implied` (a table implied from a subnet's `defaultRoute`).
    pub origin: &'static str,
    /// JSON pointer of the route's scenario entry, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

impl RouteTableRoute {
    /// The route `r` of table `t`.
    pub fn of(t: &RouteTableModel, r: &RouteModel) -> RouteTableRoute {
        let (cidr, pl) = match &r.dest {
            RouteDest::Cidr(n) => (Some(n.to_string()), None),
            RouteDest::PrefixList(p) => (None, Some(p.clone())),
        };
        let mut out = RouteTableRoute {
            route_table_id: t.id.clone(),
            destination_cidr: cidr,
            destination_prefix_list_id: pl,
            gateway_id: None,
            nat_gateway_id: None,
            transit_gateway_id: None,
            vpc_peering_connection_id: None,
            state: if r.blackhole { "blackhole" } else { "active" },
            origin: if t.implied {
                "implied"
            } else if r.target == RouteTarget::Local {
                "CreateRouteTable"
            } else {
                "CreateRoute"
            },
            pointer: r.pointer.clone(),
        };
        match &r.target {
            RouteTarget::Local => out.gateway_id = Some("local".into()),
            RouteTarget::InternetGateway(x)
            | RouteTarget::GatewayEndpoint(x)
            | RouteTarget::VirtualPrivateGateway(x) => out.gateway_id = Some(x.clone()),
            RouteTarget::NatGateway(x, _) => out.nat_gateway_id = Some(x.clone()),
            RouteTarget::TransitGateway(x) => out.transit_gateway_id = Some(x.clone()),
            RouteTarget::Peering(x) => out.vpc_peering_connection_id = Some(x.clone()),
            RouteTarget::None => {}
        }
        out
    }
}

/// `AnalysisAclRule`, with the ACL it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AclRule {
    /// The network ACL (eksnet: RA names it in the hop's `component`).
    pub network_acl_id: String,
    /// `ruleNumber` (32767 for the final `*` rule).
    pub rule_number: u32,
    /// `ruleAction`: `allow` or `deny`.
    pub rule_action: &'static str,
    /// `egress`.
    pub egress: bool,
    /// `protocol` as the rule gives it (`-1` for `*`).
    pub protocol: String,
    /// `cidr` (`0.0.0.0/0` for `*`).
    pub cidr: String,
    /// `portRange`, when the rule has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port_range: Option<PortRange>,
    /// JSON pointer of the rule's scenario entry (none for `*`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

impl AclRule {
    /// Entry `entry` of `acl` (`None`: the final `*` rule, which denies).
    pub fn of(acl: &NetworkAclModel, entry: Option<usize>, egress: bool) -> AclRule {
        match entry.and_then(|e| acl.entries.get(e)) {
            Some(e) => AclRule {
                network_acl_id: acl.id.clone(),
                rule_number: e.number,
                rule_action: if e.allow { "allow" } else { "deny" },
                egress: e.egress,
                protocol: e.protocol.clone(),
                cidr: e.cidr.map(|c| c.to_string()).unwrap_or_default(),
                port_range: e.ports.map(|(from, to)| PortRange { from, to }),
                pointer: Some(e.pointer.clone()),
            },
            None => AclRule {
                network_acl_id: acl.id.clone(),
                rule_number: ACL_DEFAULT_RULE,
                rule_action: "deny",
                egress,
                protocol: "-1".into(),
                cidr: "0.0.0.0/0".into(),
                port_range: None,
                pointer: None,
            },
        }
    }

    /// `rule 100 (allow)`, `rule * (deny)`.
    pub fn describe(&self) -> String {
        if self.rule_number == ACL_DEFAULT_RULE && self.pointer.is_none() {
            "rule *".into()
        } else {
            format!("rule {}", self.rule_number)
        }
    }
}

/// `AnalysisSecurityGroupRule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityGroupRule {
    /// `securityGroupId`: the group whose rule applied.
    pub security_group_id: String,
    /// `direction`: `ingress` or `egress`.
    pub direction: &'static str,
    /// `protocol` (`-1`: all).
    pub protocol: String,
    /// `portRange`, unless all ports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port_range: Option<PortRange>,
    /// `cidr`, when the rule names a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    /// eksnet: the group the rule names as its peer (`UserIdGroupPair`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referenced_group_id: Option<String>,
    /// JSON pointer of the rule's scenario entry (none for AWS's default outbound
    /// rule of a group without `egress`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

impl SecurityGroupRule {
    /// Rule `rule` of group `group` (`None`: AWS's default outbound rule).
    pub fn of(
        m: &crate::Model,
        group: usize,
        rule: Option<usize>,
        inbound: bool,
    ) -> Option<SecurityGroupRule> {
        let sg = m.security_groups.get(group)?;
        let (list, dir) = if inbound {
            (Some(&sg.ingress), "ingress")
        } else {
            (sg.egress.as_ref(), "egress")
        };
        let found = rule.and_then(|r| list.and_then(|l| l.get(r)).map(|x| (r, x)));
        Some(match found {
            Some((r, x)) => {
                let all = matches!(x.ip_protocol.trim(), "-1" | "all");
                SecurityGroupRule {
                    security_group_id: sg.group_id.clone(),
                    direction: dir,
                    protocol: x.ip_protocol.clone(),
                    port_range: (!all).then_some(PortRange {
                        from: x.from_port,
                        to: x.to_port,
                    }),
                    cidr: x.cidr_ip.clone(),
                    referenced_group_id: x.source_security_group_id.clone(),
                    pointer: Some(format!("/securityGroups/{group}/{dir}/{r}")),
                }
            }
            None => SecurityGroupRule {
                security_group_id: sg.group_id.clone(),
                direction: dir,
                protocol: "-1".into(),
                port_range: None,
                cidr: Some("0.0.0.0/0".into()),
                referenced_group_id: None,
                pointer: None,
            },
        })
    }
}
