//! `aws ec2 describe-route-tables` and how each subnet's table maps onto today's
//! model.
//!
//! Shapes: botocore's EC2 model (`RouteTable`, `Route`, `RouteTableAssociation`).
//! The model keeps, per subnet, only the target of its `0.0.0.0/0` route
//! ([`DefaultRoute`]): an internet gateway (public), a NAT gateway (private with
//! egress), a transit gateway, or none (isolated). [`subnet_table`] finds the table a
//! subnet uses (its explicit association, otherwise the VPC's main table: "Route
//! tables", Amazon VPC User Guide) and [`default_route`] maps that table's default
//! route. Every other route is kept in the report as read, for when route tables
//! are modelled: extending this file then means mapping [`RouteTable`] onto the
//! new shape rather than re-reading the input.

use serde::{Deserialize, Serialize};

use crate::scenario::DefaultRoute;
use crate::{text, Text};

/// `describe-route-tables`: `{"RouteTables": [...]}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct RouteTables {
    /// The tables.
    pub route_tables: Vec<RouteTable>,
}

/// `RouteTable`, as read (also what the report keeps).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct RouteTable {
    /// `rtb-...`.
    pub route_table_id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// Subnet (or gateway) associations; one with `Main: true` makes it the main
    /// table.
    pub associations: Vec<Association>,
    /// Its routes.
    pub routes: Vec<Route>,
}

/// `RouteTableAssociation`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Association {
    /// The main table's association.
    pub main: bool,
    /// The associated subnet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
    /// An associated gateway (edge association).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<String>,
}

/// `Route`: a destination and one target.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Route {
    /// IPv4 destination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_cidr_block: Option<String>,
    /// IPv6 destination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_ipv6_cidr_block: Option<String>,
    /// Prefix-list destination (gateway endpoints).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_prefix_list_id: Option<String>,
    /// `local`, `igw-...`, `vgw-...`, `vpce-...`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<String>,
    /// `nat-...`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nat_gateway_id: Option<String>,
    /// `tgw-...`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transit_gateway_id: Option<String>,
    /// `pcx-...`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_peering_connection_id: Option<String>,
    /// `eni-...` (a NAT instance or appliance).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_interface_id: Option<String>,
    /// `i-...` (a NAT instance).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// `eigw-...` (IPv6 egress only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub egress_only_internet_gateway_id: Option<String>,
    /// `active` or `blackhole` (absent: active).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// The table subnet `subnet_id` of VPC `vpc_id` uses: its explicit association,
/// otherwise the VPC's main table. Returns the index into `tables`.
pub fn subnet_table(tables: &[RouteTable], vpc_id: &str, subnet_id: &str) -> Option<usize> {
    let explicit = tables.iter().position(|t| {
        t.associations
            .iter()
            .any(|a| a.subnet_id.as_deref() == Some(subnet_id))
    });
    explicit.or_else(|| {
        tables.iter().position(|t| {
            (t.vpc_id == vpc_id || vpc_id.is_empty()) && t.associations.iter().any(|a| a.main)
        })
    })
}

/// How a table's `0.0.0.0/0` route maps onto the model.
#[derive(Debug, Clone, PartialEq)]
pub enum Mapped {
    /// A target the model has.
    Route(DefaultRoute),
    /// No default route: an isolated subnet.
    None,
    /// A default route whose target the model does not have yet (peering, a NAT
    /// instance, a virtual private gateway, a blackhole): treated as none, and
    /// the report says so.
    NotModelled(Text),
}

/// Maps `table`'s IPv4 default route (see the module docs).
pub fn default_route(table: &RouteTable) -> Mapped {
    let Some(r) = table
        .routes
        .iter()
        .find(|r| r.destination_cidr_block.as_deref() == Some("0.0.0.0/0"))
    else {
        return Mapped::None;
    };
    if r.state.as_deref() == Some("blackhole") {
        let t = target_name(r);
        return Mapped::NotModelled(text!(
            "its 0.0.0.0/0 route to {t} is a blackhole (the target is gone): no egress",
            "0.0.0.0/0 경로의 대상 {t}이(가) 사라진 blackhole이라 밖으로 나갈 수 없다"
        ));
    }
    if let Some(n) = &r.nat_gateway_id {
        return Mapped::Route(DefaultRoute::NatGatewayId(n.clone()));
    }
    if let Some(t) = &r.transit_gateway_id {
        return Mapped::Route(DefaultRoute::TransitGatewayId(t.clone()));
    }
    match &r.gateway_id {
        Some(g) if g.starts_with("igw-") => {
            return Mapped::Route(DefaultRoute::GatewayId(g.clone()))
        }
        _ => {}
    }
    let t = target_name(r);
    Mapped::NotModelled(text!(
        "its 0.0.0.0/0 route goes to {t}, a target eksnet does not model yet: taken as no default route",
        "0.0.0.0/0 경로의 대상 {t}은(는) eksnet이 아직 모델링하지 않아 기본 경로가 없는 것으로 본다"
    ))
}

/// The id of a route's target.
fn target_name(r: &Route) -> String {
    [
        &r.gateway_id,
        &r.nat_gateway_id,
        &r.transit_gateway_id,
        &r.vpc_peering_connection_id,
        &r.network_interface_id,
        &r.instance_id,
        &r.egress_only_internet_gateway_id,
    ]
    .into_iter()
    .flatten()
    .next()
    .cloned()
    .unwrap_or_else(|| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(id: &str, main: bool, subnet: Option<&str>, route: Route) -> RouteTable {
        RouteTable {
            route_table_id: id.into(),
            vpc_id: "vpc-1".into(),
            associations: vec![Association {
                main,
                subnet_id: subnet.map(str::to_string),
                gateway_id: None,
            }],
            routes: vec![route],
        }
    }

    fn to(dest: &str) -> Route {
        Route {
            destination_cidr_block: Some(dest.into()),
            ..Route::default()
        }
    }

    #[test]
    fn explicit_association_wins_over_the_main_table() {
        let igw = Route {
            gateway_id: Some("igw-1".into()),
            ..to("0.0.0.0/0")
        };
        let nat = Route {
            nat_gateway_id: Some("nat-1".into()),
            ..to("0.0.0.0/0")
        };
        let ts = vec![
            table("rtb-main", true, None, nat),
            table("rtb-pub", false, Some("subnet-a"), igw),
        ];
        assert_eq!(subnet_table(&ts, "vpc-1", "subnet-a"), Some(1));
        assert_eq!(subnet_table(&ts, "vpc-1", "subnet-b"), Some(0));
        assert_eq!(
            default_route(&ts[1]),
            Mapped::Route(DefaultRoute::GatewayId("igw-1".into()))
        );
        assert_eq!(
            default_route(&ts[0]),
            Mapped::Route(DefaultRoute::NatGatewayId("nat-1".into()))
        );
    }

    #[test]
    fn local_only_is_isolated_and_peering_or_blackhole_are_not_modelled() {
        let local = table(
            "r",
            true,
            None,
            Route {
                gateway_id: Some("local".into()),
                ..to("10.0.0.0/16")
            },
        );
        assert_eq!(default_route(&local), Mapped::None);
        let pcx = table(
            "r",
            true,
            None,
            Route {
                vpc_peering_connection_id: Some("pcx-1".into()),
                ..to("0.0.0.0/0")
            },
        );
        assert!(matches!(default_route(&pcx), Mapped::NotModelled(t) if t.en.contains("pcx-1")));
        let dead = table(
            "r",
            true,
            None,
            Route {
                nat_gateway_id: Some("nat-9".into()),
                state: Some("blackhole".into()),
                ..to("0.0.0.0/0")
            },
        );
        assert!(
            matches!(default_route(&dead), Mapped::NotModelled(t) if t.en.contains("blackhole"))
        );
    }
}
