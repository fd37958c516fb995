//! Route tables and network ACLs, resolved: the VPC's own routing and its stateless
//! subnet firewall.
//!
//! **Route tables** (AWS VPC user guide, "Configure route tables" and "How route
//! priority works"): each subnet uses the table explicitly associated with it, or else
//! the VPC's main table. A packet takes the most specific route whose destination
//! holds its address (*longest prefix match*); the `local` route of every VPC block
//! is always there. A route in state `blackhole` (its target is gone) drops what
//! matches it, and an address no route covers goes nowhere.
//!
//! *Old scenarios.* A scenario that gives no `routeTables` keeps the meaning it always
//! had: each subnet gets an **implied table** of its own, `rtb-<subnetId>`, holding
//! the `local` routes, the `0.0.0.0/0` route its `defaultRoute` names (public →
//! internet gateway, private → NAT gateway, isolated → none) and one route per
//! gateway VPC endpoint (`pl-<service>` → `vpce-<service>`, as AWS adds to the
//! tables a gateway endpoint is associated with). Implied tables are marked
//! [`RouteTableModel::implied`], and traces name them "route table of <subnet>".
//! When `routeTables` is given, it wins: a subnet's `defaultRoute` is then read from
//! its table's `0.0.0.0/0` route, and a subnet that no table claims (no explicit
//! association and no main table) keeps its implied table. Given tables also decide
//! the way back to a connected network (the route for its address must lead to a
//! virtual private gateway, a transit gateway or a peering connection), where implied
//! tables leave it to the network's `routed` flag.
//!
//! **Network ACLs** (AWS VPC user guide, "Control subnet traffic with network access
//! control lists" and "Network ACL rules"): stateless, so a reply is a packet of its
//! own that must be allowed both ways; numbered rules evaluated in ascending order, the
//! first that matches decides, and the final `*` rule (reported by AWS as 32767)
//! denies. A subnet not associated with an ACL has the VPC's default ACL; when the
//! scenario gives none, that default allows everything (as AWS creates it), and
//! traces say nothing about it.
//!
//! ```
//! use std::net::Ipv4Addr;
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let t = a.model.route_table_of(0).unwrap();
//! assert!(t.implied);
//! let (_, r) = t.lookup(Ipv4Addr::new(8, 8, 8, 8)).unwrap();
//! assert_eq!(r.dest.to_string(), "0.0.0.0/0");
//! let (_, r) = t.lookup(Ipv4Addr::new(192, 168, 64, 9)).unwrap();
//! assert_eq!(r.target, eksnet::model::fabric::RouteTarget::Local);
//! ```

use std::fmt;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::Serialize;

/// The number AWS reports for a network ACL's final `*` rule.
pub const ACL_DEFAULT_RULE: u32 = 32767;

/// The ephemeral ports a NAT gateway, an Elastic Load Balancer or a client of unknown
/// make answers on: what an ACL must let back in (AWS, "Network ACL rules",
/// ephemeral ports).
pub const EPHEMERAL_ANY: (u16, u16) = (1024, 65535);

/// The ephemeral ports of Linux (and so of EKS nodes' own connections):
/// `net.ipv4.ip_local_port_range` 32768–60999.
pub const EPHEMERAL_LINUX: (u16, u16) = (32768, 60999);

/// A route table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteTableModel {
    /// `routeTableId` (`rtb-<subnetId>` for an implied table).
    pub id: String,
    /// JSON pointer of its scenario entry (`/vpc/routeTables/<i>`), or of the subnet
    /// whose `defaultRoute` implies it.
    pub pointer: String,
    /// The VPC's main table.
    pub main: bool,
    /// Implied from a subnet's `defaultRoute` (no `routeTables` given).
    pub implied: bool,
    /// Its routes (the `local` ones first when they were not given).
    pub routes: Vec<RouteModel>,
}

/// A route.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteModel {
    /// JSON pointer of its scenario entry, if it has one (implied `local` routes
    /// have none).
    pub pointer: Option<String>,
    /// Where it leads.
    pub dest: RouteDest,
    /// What it leads to.
    pub target: RouteTarget,
    /// State `blackhole`: matching traffic is dropped.
    pub blackhole: bool,
}

/// A route's destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum RouteDest {
    /// `destinationCidrBlock`.
    Cidr(Ipv4Net),
    /// `destinationPrefixListId`: an AWS service's address ranges (a gateway
    /// endpoint's route); matched by service, not by address.
    PrefixList(String),
}

impl fmt::Display for RouteDest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteDest::Cidr(n) => write!(f, "{n}"),
            RouteDest::PrefixList(p) => f.write_str(p),
        }
    }
}

/// A route's target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "id")]
pub enum RouteTarget {
    /// `local`: inside the VPC.
    Local,
    /// An internet gateway (`igw-…`).
    InternetGateway(String),
    /// A NAT gateway: its id, and its index in `VpcModel::nat_gateways` if it exists.
    NatGateway(String, Option<usize>),
    /// A transit gateway.
    TransitGateway(String),
    /// A VPC peering connection (`pcx-…`).
    Peering(String),
    /// A gateway VPC endpoint (`vpce-…`).
    GatewayEndpoint(String),
    /// A virtual private gateway (`vgw-…`, VPN or Direct Connect).
    VirtualPrivateGateway(String),
    /// A route that names no target.
    None,
}

impl fmt::Display for RouteTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteTarget::Local => f.write_str("local"),
            RouteTarget::InternetGateway(x)
            | RouteTarget::NatGateway(x, _)
            | RouteTarget::TransitGateway(x)
            | RouteTarget::Peering(x)
            | RouteTarget::GatewayEndpoint(x)
            | RouteTarget::VirtualPrivateGateway(x) => f.write_str(x),
            RouteTarget::None => f.write_str("(none)"),
        }
    }
}

impl RouteModel {
    /// `destination → target`, with ` (blackhole)` when it is one.
    pub fn describe(&self) -> String {
        let bh = if self.blackhole { " (blackhole)" } else { "" };
        format!("{} → {}{bh}", self.dest, self.target)
    }
}

impl RouteTableModel {
    /// The route that `dst` takes: the longest prefix that holds it (AWS, "How route
    /// priority works"); among equal prefixes the first given. `None`: no route.
    pub fn lookup(&self, dst: Ipv4Addr) -> Option<(usize, &RouteModel)> {
        let mut best: Option<(usize, &RouteModel, u8)> = None;
        for (i, r) in self.routes.iter().enumerate() {
            let RouteDest::Cidr(n) = r.dest else { continue };
            if n.contains(&dst) && best.is_none_or(|(_, _, len)| n.prefix_len() > len) {
                best = Some((i, r, n.prefix_len()));
            }
        }
        best.map(|(i, r, _)| (i, r))
    }

    /// The route to a gateway endpoint for `service` (`s3`, `dynamodb`), if the
    /// table has one (`endpoint_ids` are the ids that endpoint goes by).
    pub fn gateway_endpoint_route(&self, endpoint_ids: &[&str]) -> Option<(usize, &RouteModel)> {
        self.routes.iter().enumerate().find(|(_, r)| {
            matches!(&r.target, RouteTarget::GatewayEndpoint(id) if endpoint_ids.contains(&id.as_str()))
        })
    }

    /// The `0.0.0.0/0` route, if any.
    pub fn default_route(&self) -> Option<&RouteModel> {
        self.routes
            .iter()
            .find(|r| matches!(r.dest, RouteDest::Cidr(n) if n.prefix_len() == 0))
    }

    /// "route table rtb-1", or "route table of subnet-a" for an implied table.
    pub fn name(&self, subnet_id: &str) -> crate::Text {
        if self.implied {
            crate::text!("route table of {subnet_id}", "{subnet_id}의 라우팅 테이블")
        } else {
            let id = &self.id;
            crate::text!("route table {id}", "라우팅 테이블 {id}")
        }
    }
}

/// A network ACL.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkAclModel {
    /// `networkAclId`.
    pub id: String,
    /// JSON pointer of its scenario entry (`/vpc/networkAcls/<i>`).
    pub pointer: String,
    /// The VPC's default ACL.
    pub default: bool,
    /// Its rules, both directions, in ascending rule number.
    pub entries: Vec<AclEntryModel>,
}

/// A network ACL rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AclEntryModel {
    /// JSON pointer of its scenario entry.
    pub pointer: String,
    /// `ruleNumber`.
    pub number: u32,
    /// `protocol` as given (`-1`, `6`, `tcp`, ...).
    pub protocol: String,
    /// Whether it matches TCP (`-1`, `6`, `tcp`, `all`).
    pub tcp: bool,
    /// `ruleAction` allow.
    pub allow: bool,
    /// `egress`.
    pub egress: bool,
    /// `cidrBlock`, if it parses as IPv4 (else the rule matches nothing).
    pub cidr: Option<Ipv4Net>,
    /// `portRange` (`None`: all ports).
    pub ports: Option<(u16, u16)>,
}

/// What a network ACL decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AclDecision {
    /// Rule `entry` (index into `entries`) allows it (the first allowing rule, when
    /// a range of ports took several).
    Allowed {
        /// Index into [`NetworkAclModel::entries`].
        entry: usize,
    },
    /// Rule `entry` denies `port`; `None`: the final `*` rule.
    Denied {
        /// Index into [`NetworkAclModel::entries`], or `None` for `*`.
        entry: Option<usize>,
        /// The first port of the range that is denied.
        port: u16,
    },
}

impl NetworkAclModel {
    /// Decides a TCP packet to or from `peer` (the source of an inbound packet, the
    /// destination of an outbound one) for every destination port in `ports`: the
    /// rules of that direction in ascending number, the first matching rule deciding
    /// each port, `*` denying what none matched. A range passes only when every port
    /// in it passes (a reply's port is one of the client's ephemeral ports, so a
    /// partly closed range drops some replies).
    pub fn evaluate(&self, egress: bool, peer: Ipv4Addr, ports: (u16, u16)) -> AclDecision {
        let (lo, hi) = (ports.0.min(ports.1), ports.0.max(ports.1));
        // The ports not yet decided, as sorted disjoint inclusive ranges.
        let mut open: Vec<(u16, u16)> = vec![(lo, hi)];
        let mut first_allow = None;
        for (i, e) in self.entries.iter().enumerate() {
            if e.egress != egress || !e.tcp || !e.cidr.is_some_and(|c| c.contains(&peer)) {
                continue;
            }
            let (rlo, rhi) = e.ports.map_or((0, u16::MAX), |(a, b)| (a.min(b), a.max(b)));
            let hit = open
                .iter()
                .find(|(a, b)| *a <= rhi && rlo <= *b)
                .map(|(a, _)| (*a).max(rlo));
            let Some(port) = hit else { continue };
            if !e.allow {
                return AclDecision::Denied {
                    entry: Some(i),
                    port,
                };
            }
            first_allow.get_or_insert(i);
            open = subtract(&open, (rlo, rhi));
            if open.is_empty() {
                break;
            }
        }
        match (open.first(), first_allow) {
            (None, Some(entry)) => AclDecision::Allowed { entry },
            (Some(&(port, _)), _) => AclDecision::Denied { entry: None, port },
            // Unreachable: an empty `open` always had an allowing rule.
            (None, None) => AclDecision::Denied {
                entry: None,
                port: lo,
            },
        }
    }

    /// The rule number of `entry` (`None`: `*`, reported as 32767).
    pub fn rule_number(&self, entry: Option<usize>) -> u32 {
        entry
            .and_then(|e| self.entries.get(e))
            .map_or(ACL_DEFAULT_RULE, |e| e.number)
    }
}

/// `ranges` without `cut` (all inclusive).
fn subtract(ranges: &[(u16, u16)], cut: (u16, u16)) -> Vec<(u16, u16)> {
    let mut out = Vec::with_capacity(ranges.len() + 1);
    for &(a, b) in ranges {
        if b < cut.0 || cut.1 < a {
            out.push((a, b));
            continue;
        }
        if a < cut.0 {
            out.push((a, cut.0 - 1));
        }
        if cut.1 < b {
            out.push((cut.1 + 1, b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(dest: &str, target: RouteTarget) -> RouteModel {
        RouteModel {
            pointer: None,
            dest: RouteDest::Cidr(dest.parse().unwrap()),
            target,
            blackhole: false,
        }
    }

    fn table(routes: Vec<RouteModel>) -> RouteTableModel {
        RouteTableModel {
            id: "rtb-1".into(),
            pointer: "/vpc/routeTables/0".into(),
            main: false,
            implied: false,
            routes,
        }
    }

    #[test]
    fn longest_prefix_wins_whatever_the_order() {
        let t = table(vec![
            route("0.0.0.0/0", RouteTarget::InternetGateway("igw-1".into())),
            route("172.31.0.0/16", RouteTarget::Peering("pcx-1".into())),
            route("10.0.0.0/16", RouteTarget::Local),
            route("172.31.5.0/24", RouteTarget::TransitGateway("tgw-1".into())),
        ]);
        let at = |ip: &str| t.lookup(ip.parse().unwrap()).map(|(i, _)| i);
        assert_eq!(at("8.8.8.8"), Some(0));
        assert_eq!(at("172.31.9.9"), Some(1));
        assert_eq!(at("172.31.5.1"), Some(3));
        assert_eq!(at("10.0.3.4"), Some(2));
        let only_local = table(vec![route("10.0.0.0/16", RouteTarget::Local)]);
        assert_eq!(only_local.lookup("8.8.8.8".parse().unwrap()), None);
        assert!(only_local.default_route().is_none());
        assert_eq!(t.default_route().unwrap().describe(), "0.0.0.0/0 → igw-1");
    }

    fn entry(
        number: u32,
        egress: bool,
        allow: bool,
        cidr: &str,
        ports: Option<(u16, u16)>,
    ) -> AclEntryModel {
        AclEntryModel {
            pointer: String::new(),
            number,
            protocol: "6".into(),
            tcp: true,
            allow,
            egress,
            cidr: cidr.parse().ok(),
            ports,
        }
    }

    fn acl(mut entries: Vec<AclEntryModel>) -> NetworkAclModel {
        crate::sort::sort_by_key(&mut entries, |e| e.number);
        NetworkAclModel {
            id: "acl-1".into(),
            pointer: "/vpc/networkAcls/0".into(),
            default: false,
            entries,
        }
    }

    #[test]
    fn acl_rules_go_in_ascending_order_and_the_first_match_decides() {
        let a = acl(vec![
            entry(200, false, true, "0.0.0.0/0", Some((443, 443))),
            entry(100, false, false, "203.0.113.0/24", Some((443, 443))),
        ]);
        let bad: Ipv4Addr = "203.0.113.9".parse().unwrap();
        let good: Ipv4Addr = "198.51.100.1".parse().unwrap();
        assert_eq!(
            a.evaluate(false, bad, (443, 443)),
            AclDecision::Denied {
                entry: Some(0),
                port: 443
            }
        );
        assert_eq!(a.rule_number(Some(0)), 100);
        assert_eq!(
            a.evaluate(false, good, (443, 443)),
            AclDecision::Allowed { entry: 1 }
        );
        // Nothing for 80, nothing outbound: the `*` rule.
        assert_eq!(
            a.evaluate(false, good, (80, 80)),
            AclDecision::Denied {
                entry: None,
                port: 80
            }
        );
        assert_eq!(
            a.evaluate(true, good, (443, 443)),
            AclDecision::Denied {
                entry: None,
                port: 443
            }
        );
        assert_eq!(a.rule_number(None), ACL_DEFAULT_RULE);
    }

    #[test]
    fn a_port_range_passes_only_when_every_port_does() {
        let a = acl(vec![
            entry(100, false, true, "0.0.0.0/0", Some((32768, 65535))),
            entry(110, false, true, "10.0.0.0/8", Some((1024, 32767))),
        ]);
        let inside: Ipv4Addr = "10.1.1.1".parse().unwrap();
        let outside: Ipv4Addr = "8.8.8.8".parse().unwrap();
        assert_eq!(
            a.evaluate(false, inside, EPHEMERAL_ANY),
            AclDecision::Allowed { entry: 0 }
        );
        assert_eq!(
            a.evaluate(false, outside, EPHEMERAL_LINUX),
            AclDecision::Allowed { entry: 0 }
        );
        assert_eq!(
            a.evaluate(false, outside, EPHEMERAL_ANY),
            AclDecision::Denied {
                entry: None,
                port: 1024
            }
        );
        // A deny in the middle of the range, before the allow that covers it.
        let d = acl(vec![
            entry(90, false, false, "0.0.0.0/0", Some((40000, 40010))),
            entry(100, false, true, "0.0.0.0/0", None),
        ]);
        assert_eq!(
            d.evaluate(false, outside, EPHEMERAL_ANY),
            AclDecision::Denied {
                entry: Some(0),
                port: 40000
            }
        );
        assert_eq!(
            d.evaluate(false, outside, (443, 443)),
            AclDecision::Allowed { entry: 1 }
        );
    }

    #[test]
    fn subtracting_ranges() {
        assert_eq!(subtract(&[(0, 10)], (3, 5)), vec![(0, 2), (6, 10)]);
        assert_eq!(subtract(&[(0, 10)], (0, 10)), vec![]);
        assert_eq!(subtract(&[(0, 65535)], (0, 0)), vec![(1, 65535)]);
        assert_eq!(subtract(&[(5, 9)], (10, 20)), vec![(5, 9)]);
    }
}
