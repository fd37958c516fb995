//! `aws ec2 describe-route-tables` and `aws ec2 describe-network-acls`, mapped
//! straight onto the scenario's [`RouteTable`](crate::scenario::RouteTable) and
//! [`NetworkAcl`](crate::scenario::NetworkAcl).
//!
//! Shapes: botocore's EC2 model (`DescribeRouteTablesResult` → `RouteTable`,
//! `Route`, `RouteTableAssociation`; `DescribeNetworkAclsResult` → `NetworkAcl`,
//! `NetworkAclEntry`, `NetworkAclAssociation`, `PortRange`), with the CLI's
//! PascalCase member names. The structs here are only the reading side (the CLI's
//! spelling; every member AWS adds is ignored); each becomes the scenario's type
//! with the same members in camelCase, nothing folded away. What the model has no
//! place for is reported, not guessed: IPv6 and prefix-list routes of targets the
//! model ignores, edge (gateway) associations, IPv6 ACL rules.
//!
//! Missing optional members take the EC2 API's defaults: a route without `State`
//! is `active`, an entry without `PortRange` covers every port, `Egress` absent is
//! an inbound rule.

#[cfg(test)]
use serde::Deserialize;

use super::report::Report;
use crate::scenario as sc;
use crate::text;

/// `RouteTable`, as the CLI prints it.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
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
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Association {
    /// The main table's association.
    pub main: bool,
    /// The associated subnet.
    pub subnet_id: Option<String>,
    /// An associated gateway (edge association).
    pub gateway_id: Option<String>,
    /// `AssociationState` (`RouteTableAssociationState`): `{"State": "associated"}`
    /// (absent: taken as it), `associating`, `disassociating`, `disassociated`,
    /// `failed`.
    pub association_state: Option<super::ec2::BlockState>,
}

/// `Route`: a destination and one target.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct Route {
    /// IPv4 destination.
    pub destination_cidr_block: Option<String>,
    /// IPv6 destination.
    pub destination_ipv6_cidr_block: Option<String>,
    /// Prefix-list destination (gateway endpoints).
    pub destination_prefix_list_id: Option<String>,
    /// `local`, `igw-...`, `vgw-...`, `vpce-...`.
    pub gateway_id: Option<String>,
    /// `nat-...`.
    pub nat_gateway_id: Option<String>,
    /// `tgw-...`.
    pub transit_gateway_id: Option<String>,
    /// `pcx-...`.
    pub vpc_peering_connection_id: Option<String>,
    /// `eni-...` (a NAT instance or appliance).
    pub network_interface_id: Option<String>,
    /// `i-...` (a NAT instance).
    pub instance_id: Option<String>,
    /// `eigw-...` (IPv6 egress only).
    pub egress_only_internet_gateway_id: Option<String>,
    /// `cagw-...` (a Wavelength Zone's carrier gateway).
    pub carrier_gateway_id: Option<String>,
    /// `lgw-...` (an Outpost's local gateway).
    pub local_gateway_id: Option<String>,
    /// An AWS Cloud WAN core network's ARN.
    pub core_network_arn: Option<String>,
    /// `active` or `blackhole` (absent: active).
    pub state: Option<String>,
}

/// Maps one table (read at `pointer` of file `f`). Routes the model cannot hold
/// are left out and reported.
pub(crate) fn route_table(
    t: &RouteTable,
    report: &mut Report,
    f: &str,
    pointer: &str,
) -> sc::RouteTable {
    let mut out = sc::RouteTable {
        route_table_id: t.route_table_id.clone(),
        ..sc::RouteTable::default()
    };
    for (j, a) in t.associations.iter().enumerate() {
        let st = a
            .association_state
            .as_ref()
            .map_or("associated", |b| b.state.as_str());
        if !matches!(st, "associated" | "associating") {
            let (rt, what) = (&t.route_table_id, a.subnet_id.as_deref().unwrap_or("main"));
            report.drop_note(
                f,
                &format!("{pointer}/Associations/{j}"),
                text!(
                    "the association of {rt} with {what} is {st}: left out",
                    "{rt}와 {what}의 연결은 {st} 상태라 뺀다"
                ),
            );
            continue;
        }
        if a.main || a.subnet_id.is_some() {
            out.associations.push(sc::RouteTableAssociation {
                main: a.main,
                subnet_id: a.subnet_id.clone(),
            });
        } else if let Some(g) = &a.gateway_id {
            let rt = &t.route_table_id;
            report.drop_note(
                f,
                &format!("{pointer}/Associations/{j}"),
                text!(
                    "the edge association of {rt} with gateway {g} (ingress routing) is not modelled",
                    "{rt}와 게이트웨이 {g}의 엣지 연결(인그레스 라우팅)은 모델링하지 않는다"
                ),
            );
        }
    }
    for (j, r) in t.routes.iter().enumerate() {
        let at = format!("{pointer}/Routes/{j}");
        match route(r) {
            Ok(e) => out.routes.push(e),
            Err(why) => report.drop_note(f, &at, why),
        }
    }
    out
}

/// One route, or why the model has no place for it.
fn route(r: &Route) -> Result<sc::RouteEntry, crate::Text> {
    let state = match r.state.as_deref() {
        Some("blackhole") => sc::RouteState::Blackhole,
        _ => sc::RouteState::Active,
    };
    let dest = (
        r.destination_cidr_block.clone(),
        r.destination_prefix_list_id.clone(),
    );
    if dest.0.is_none() && dest.1.is_none() {
        let d = r.destination_ipv6_cidr_block.as_deref().unwrap_or("?");
        return Err(text!(
            "the IPv6 route to {d} is not modelled (IPv4 routing only)",
            "{d}로 가는 IPv6 경로는 모델링하지 않는다(IPv4 라우팅만)"
        ));
    }
    let mut e = sc::RouteEntry {
        destination_cidr_block: dest.0,
        destination_prefix_list_id: dest.1,
        state,
        ..sc::RouteEntry::default()
    };
    if let Some(g) = &r.gateway_id {
        e.gateway_id = Some(g.clone());
    } else if let Some(n) = &r.nat_gateway_id {
        e.nat_gateway_id = Some(n.clone());
    } else if let Some(t) = &r.transit_gateway_id {
        e.transit_gateway_id = Some(t.clone());
    } else if let Some(p) = &r.vpc_peering_connection_id {
        e.vpc_peering_connection_id = Some(p.clone());
    } else {
        // A NAT instance or appliance (`eni-`/`i-`), an egress-only, carrier
        // (`cagw-`) or local (`lgw-`) gateway, a Cloud WAN core network (botocore's
        // EC2 model, `Route`): the model has no such target. AWS would forward; the route is kept as a
        // blackhole only if AWS says so, else reported and left out.
        let t = [
            &r.network_interface_id,
            &r.instance_id,
            &r.egress_only_internet_gateway_id,
            &r.carrier_gateway_id,
            &r.local_gateway_id,
            &r.core_network_arn,
        ]
        .into_iter()
        .flatten()
        .next()
        .cloned()
        .unwrap_or_else(|| "?".into());
        let d = e
            .destination_cidr_block
            .or(e.destination_prefix_list_id)
            .unwrap_or_default();
        return Err(text!(
            "the route {d} → {t} (a NAT instance, an appliance, an egress-only, carrier or local gateway, a Cloud WAN core network) is not modelled: left out",
            "{d} → {t} 경로(NAT 인스턴스, 어플라이언스, 송신 전용·캐리어·로컬 게이트웨이, Cloud WAN 코어 네트워크)는 모델링하지 않아 뺀다"
        ));
    }
    Ok(e)
}

/// `NetworkAcl`, as the CLI prints it.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct NetworkAcl {
    /// `acl-...`.
    pub network_acl_id: String,
    /// Its VPC.
    pub vpc_id: String,
    /// `IsDefault`.
    pub is_default: bool,
    /// `Associations`.
    pub associations: Vec<AclAssociation>,
    /// `Entries`, both directions, the final `*` rule (32767) included.
    pub entries: Vec<AclEntry>,
}

/// `NetworkAclAssociation`.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct AclAssociation {
    /// The subnet.
    pub subnet_id: String,
}

/// `NetworkAclEntry`.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct AclEntry {
    /// `RuleNumber`.
    pub rule_number: i64,
    /// `-1`, `6`, `17`, ...
    pub protocol: String,
    /// `allow` or `deny`.
    pub rule_action: String,
    /// Outbound.
    pub egress: bool,
    /// IPv4 peer.
    pub cidr_block: Option<String>,
    /// IPv6 peer (not modelled).
    pub ipv6_cidr_block: Option<String>,
    /// `{"From": .., "To": ..}`.
    pub port_range: Option<AclPorts>,
}

/// `PortRange`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "PascalCase"))]
pub struct AclPorts {
    /// First port.
    pub from: Option<i64>,
    /// Last port.
    pub to: Option<i64>,
}

/// Maps one ACL (read at `pointer` of file `f`); IPv6 rules are reported and left
/// out.
pub(crate) fn network_acl(
    a: &NetworkAcl,
    report: &mut Report,
    f: &str,
    pointer: &str,
) -> sc::NetworkAcl {
    let mut out = sc::NetworkAcl {
        network_acl_id: a.network_acl_id.clone(),
        is_default: a.is_default,
        associations: a
            .associations
            .iter()
            .filter(|x| !x.subnet_id.is_empty())
            .map(|x| sc::NetworkAclAssociation {
                subnet_id: x.subnet_id.clone(),
            })
            .collect(),
        entries: Vec::new(),
    };
    let mut v6 = 0;
    for e in &a.entries {
        let Some(cidr) = &e.cidr_block else {
            v6 += usize::from(e.ipv6_cidr_block.is_some());
            continue;
        };
        let port = |p: Option<i64>, d: u16| p.and_then(|n| u16::try_from(n).ok()).unwrap_or(d);
        out.entries.push(sc::NetworkAclEntry {
            rule_number: u32::try_from(e.rule_number).unwrap_or(0),
            protocol: e.protocol.clone(),
            rule_action: if e.rule_action.eq_ignore_ascii_case("deny") {
                sc::RuleAction::Deny
            } else {
                sc::RuleAction::Allow
            },
            egress: e.egress,
            cidr_block: cidr.clone(),
            port_range: e.port_range.map(|p| sc::PortRange {
                from: port(p.from, 0),
                to: port(p.to, u16::MAX),
            }),
        });
    }
    if v6 > 0 {
        let id = &a.network_acl_id;
        report.drop_note(
            f,
            &format!("{pointer}/Entries"),
            text!(
                "IPv6 rules of {id}, not modelled (IPv4 only): {v6}",
                "{id}의 IPv6 규칙 {v6}개는 모델링하지 않는다(IPv4만)"
            ),
        );
    }
    out
}

/// The scenario's `0.0.0.0/0` target of `t`, as the older per-subnet
/// `defaultRoute` writes it (kept in step for editors that show it; the table
/// decides).
pub(crate) fn default_route_of(t: &sc::RouteTable) -> Option<sc::DefaultRoute> {
    let r = t.routes.iter().find(|r| {
        r.destination_cidr_block.as_deref() == Some("0.0.0.0/0")
            && r.state == sc::RouteState::Active
    })?;
    if let Some(n) = &r.nat_gateway_id {
        return Some(sc::DefaultRoute::NatGatewayId(n.clone()));
    }
    if let Some(t) = &r.transit_gateway_id {
        return Some(sc::DefaultRoute::TransitGatewayId(t.clone()));
    }
    r.gateway_id
        .as_ref()
        .filter(|g| g.starts_with("igw-"))
        .map(|g| sc::DefaultRoute::GatewayId(g.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(dest: &str) -> Route {
        Route {
            destination_cidr_block: Some(dest.into()),
            ..Route::default()
        }
    }

    #[test]
    fn routes_map_onto_the_scenario_targets_and_unmodelled_ones_are_reported() {
        let t = RouteTable {
            route_table_id: "rtb-1".into(),
            vpc_id: "vpc-1".into(),
            associations: vec![
                Association {
                    main: true,
                    ..Association::default()
                },
                Association {
                    gateway_id: Some("igw-1".into()),
                    ..Association::default()
                },
            ],
            routes: vec![
                Route {
                    gateway_id: Some("local".into()),
                    ..to("10.0.0.0/16")
                },
                Route {
                    nat_gateway_id: Some("nat-1".into()),
                    state: Some("blackhole".into()),
                    ..to("0.0.0.0/0")
                },
                Route {
                    vpc_peering_connection_id: Some("pcx-1".into()),
                    ..to("172.31.0.0/16")
                },
                Route {
                    destination_prefix_list_id: Some("pl-68a54001".into()),
                    gateway_id: Some("vpce-1".into()),
                    ..Route::default()
                },
                Route {
                    instance_id: Some("i-nat".into()),
                    ..to("192.168.0.0/16")
                },
                Route {
                    destination_ipv6_cidr_block: Some("::/0".into()),
                    egress_only_internet_gateway_id: Some("eigw-1".into()),
                    ..Route::default()
                },
            ],
        };
        let mut report = Report::default();
        let s = route_table(&t, &mut report, "rt.json", "/RouteTables/0");
        assert_eq!(s.associations.len(), 1);
        assert!(s.associations[0].main);
        assert_eq!(s.routes.len(), 4);
        assert_eq!(s.routes[1].state, sc::RouteState::Blackhole);
        assert_eq!(
            s.routes[2].vpc_peering_connection_id.as_deref(),
            Some("pcx-1")
        );
        assert_eq!(s.routes[3].gateway_id.as_deref(), Some("vpce-1"));
        // The edge association, the NAT instance and the IPv6 route: reported.
        assert_eq!(report.dropped.len(), 3, "{:#?}", report.dropped);
        assert_eq!(report.dropped[1].pointer, "/RouteTables/0/Routes/4");
        // A blackhole default route is no default route.
        assert_eq!(default_route_of(&s), None);
    }

    #[test]
    fn acl_entries_keep_numbers_actions_and_ports_and_the_star_rule() {
        let a: NetworkAcl = serde_json::from_str(
            r#"{"NetworkAclId": "acl-1", "IsDefault": false, "VpcId": "vpc-1",
               "Associations": [{"NetworkAclAssociationId": "aclassoc-1", "NetworkAclId": "acl-1", "SubnetId": "subnet-a"}],
               "Entries": [
                 {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "6", "RuleAction": "allow", "RuleNumber": 100, "PortRange": {"From": 443, "To": 443}},
                 {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
                 {"Ipv6CidrBlock": "::/0", "Egress": true, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32768}
               ], "Tags": [], "OwnerId": "111122223333"}"#,
        )
        .unwrap();
        let mut report = Report::default();
        let s = network_acl(&a, &mut report, "acl.json", "/NetworkAcls/0");
        assert_eq!(s.associations[0].subnet_id, "subnet-a");
        assert_eq!(s.entries.len(), 2);
        assert_eq!(
            s.entries[0].port_range,
            Some(sc::PortRange { from: 443, to: 443 })
        );
        assert_eq!(s.entries[1].rule_action, sc::RuleAction::Deny);
        assert_eq!(s.entries[1].rule_number, 32767);
        assert_eq!(report.dropped.len(), 1);
    }
}
