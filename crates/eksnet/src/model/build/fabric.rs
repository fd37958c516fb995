//! Route tables and network ACLs: the scenario's, or the ones its subnets' default
//! routes imply (see [`crate::model::fabric`] for the rules and that decision).

use ipnet::Ipv4Net;

use super::*;
use crate::model::fabric::{AclEntryModel, RouteDest, RouteModel, RouteTarget};
use crate::scenario::{RouteEntry, RouteState, RouteTable, RuleAction};

impl Builder<'_> {
    /// Every route table, and each subnet's: explicitly associated, else the main
    /// table, else one implied from its `defaultRoute`. A subnet whose table is given
    /// takes its default route (`SubnetModel::route`) from that table.
    pub(super) fn route_tables(
        &mut self,
        vpc_cidrs: &[Ipv4Net],
        nats: &[NatModel],
    ) -> Vec<RouteTableModel> {
        let s = self.s;
        let mut tables = Vec::new();
        let mut main = None;
        let mut explicit: Vec<Option<usize>> = vec![None; self.subnets.len()];
        for (i, t) in s.vpc.route_tables.iter().enumerate() {
            let path = format!("/vpc/routeTables/{i}");
            let routes = self.given_routes(&path, t, vpc_cidrs, nats);
            let is_main = t.associations.iter().any(|a| a.main);
            if is_main {
                main = main.or(Some(tables.len()));
            }
            for (j, a) in t.associations.iter().enumerate() {
                let Some(sid) = &a.subnet_id else { continue };
                let apath = format!("{path}/associations/{j}/subnetId");
                let Some(k) = self.subnet_ref(apath.clone(), sid) else {
                    continue;
                };
                if explicit[k].is_some() {
                    self.push(Diagnostic::new(
                        Code::DuplicateId,
                        apath,
                        text!(
                            "subnet `{sid}` is associated with two route tables; a subnet has one",
                            "서브넷 `{sid}`이(가) 라우팅 테이블 두 개에 연결되어 있다. 서브넷의 라우팅 테이블은 하나다"
                        ),
                    ));
                } else {
                    explicit[k] = Some(tables.len());
                }
            }
            tables.push(RouteTableModel {
                id: t.route_table_id.clone(),
                pointer: path,
                main: is_main,
                implied: false,
                routes,
            });
        }
        for (k, own) in explicit.into_iter().enumerate() {
            let chosen = own.or(main);
            let Some(sub) = self.subnets.get(k) else {
                continue;
            };
            let t = match chosen {
                Some(t) => t,
                None => {
                    let implied = self.implied_table(k, sub, vpc_cidrs, nats);
                    tables.push(implied);
                    tables.len() - 1
                }
            };
            let route = chosen.and_then(|t| tables.get(t)).map(route_of_table);
            if let Some(sub) = self.subnets.get_mut(k) {
                sub.route_table = Some(t);
                if let Some(r) = route {
                    sub.route = r;
                }
            }
        }
        tables
    }

    /// The table a scenario without `routeTables` means for subnet `k`.
    fn implied_table(
        &self,
        k: usize,
        sub: &SubnetModel,
        vpc_cidrs: &[Ipv4Net],
        nats: &[NatModel],
    ) -> RouteTableModel {
        let mut routes: Vec<RouteModel> = vpc_cidrs.iter().map(|c| local(*c)).collect();
        let target = match &sub.route {
            Route::None => None,
            Route::InternetGateway(g) => Some(RouteTarget::InternetGateway(g.clone())),
            Route::NatGateway(n) => {
                let id = nats.get(*n).map(|x| x.id.clone()).unwrap_or_default();
                Some(RouteTarget::NatGateway(id, Some(*n)))
            }
            Route::TransitGateway(t) => Some(RouteTarget::TransitGateway(t.clone())),
        };
        if let Some(target) = target {
            routes.push(RouteModel {
                pointer: Some(format!("/vpc/subnets/{k}/defaultRoute")),
                dest: RouteDest::Cidr(Ipv4Net::default()),
                target,
                blackhole: false,
            });
        }
        for (i, e) in self.s.vpc.vpc_endpoints.iter().enumerate() {
            if e.vpc_endpoint_type == VpcEndpointType::Gateway {
                let svc = short_service(&e.service_name);
                routes.push(RouteModel {
                    pointer: Some(format!("/vpc/vpcEndpoints/{i}")),
                    dest: RouteDest::PrefixList(format!("pl-{svc}")),
                    target: RouteTarget::GatewayEndpoint(super::vpc::endpoint_id(e)),
                    blackhole: false,
                });
            }
        }
        RouteTableModel {
            id: format!("rtb-{}", sub.id),
            pointer: format!("/vpc/subnets/{k}"),
            main: false,
            implied: true,
            routes,
        }
    }

    /// A given table's routes, targets resolved; the `local` routes added when not
    /// given (AWS always has them). A target that does not exist is diagnosed and
    /// the route is a blackhole, as AWS shows a route whose target was deleted.
    fn given_routes(
        &mut self,
        path: &str,
        t: &RouteTable,
        vpc_cidrs: &[Ipv4Net],
        nats: &[NatModel],
    ) -> Vec<RouteModel> {
        let mut routes = Vec::new();
        for (r, e) in t.routes.iter().enumerate() {
            let rpath = format!("{path}/routes/{r}");
            let dest = match (&e.destination_cidr_block, &e.destination_prefix_list_id) {
                (Some(c), _) => match parse_v4net(c) {
                    Some(n) => RouteDest::Cidr(n.trunc()),
                    None => {
                        self.push(bad_cidr(format!("{rpath}/destinationCidrBlock"), c));
                        continue;
                    }
                },
                (None, Some(p)) => RouteDest::PrefixList(p.clone()),
                (None, None) => continue,
            };
            let (target, known) = self.route_target(&rpath, e, nats);
            routes.push(RouteModel {
                pointer: Some(rpath),
                dest,
                blackhole: !known || e.state == RouteState::Blackhole,
                target,
            });
        }
        for c in vpc_cidrs.iter().rev() {
            let has = routes
                .iter()
                .any(|r| r.dest == RouteDest::Cidr(*c) && r.target == RouteTarget::Local);
            if !has {
                routes.insert(0, local(*c));
            }
        }
        routes
    }

    /// A route's target and whether it exists.
    fn route_target(
        &mut self,
        rpath: &str,
        e: &RouteEntry,
        nats: &[NatModel],
    ) -> (RouteTarget, bool) {
        let igw = self
            .s
            .vpc
            .internet_gateway
            .as_ref()
            .map(|g| g.internet_gateway_id.clone());
        if let Some(g) = &e.gateway_id {
            let g = g.trim();
            return if g == "local" {
                (RouteTarget::Local, true)
            } else if g.starts_with("vpce-") {
                (RouteTarget::GatewayEndpoint(g.into()), true)
            } else if g.starts_with("vgw-") {
                (RouteTarget::VirtualPrivateGateway(g.into()), true)
            } else if igw.as_deref() == Some(g) {
                (RouteTarget::InternetGateway(g.into()), true)
            } else if e.state == RouteState::Blackhole {
                (RouteTarget::InternetGateway(g.into()), false)
            } else {
                let known: Vec<&str> = igw.iter().map(String::as_str).collect();
                let d = unknown_ref(format!("{rpath}/gatewayId"), "internet gateway", g, &known);
                self.push(d);
                (RouteTarget::InternetGateway(g.into()), false)
            };
        }
        if let Some(n) = &e.nat_gateway_id {
            let k = nats.iter().position(|x| x.id == *n);
            // A blackhole route's target is gone by definition: no diagnostic.
            if k.is_none() && e.state != RouteState::Blackhole {
                let known: Vec<&str> = nats.iter().map(|x| x.id.as_str()).collect();
                let d = unknown_ref(format!("{rpath}/natGatewayId"), "NAT gateway", n, &known);
                self.push(d);
            }
            return (RouteTarget::NatGateway(n.clone(), k), k.is_some());
        }
        if let Some(t) = &e.transit_gateway_id {
            return (RouteTarget::TransitGateway(t.clone()), true);
        }
        if let Some(p) = &e.vpc_peering_connection_id {
            return (RouteTarget::Peering(p.clone()), true);
        }
        (RouteTarget::None, false)
    }

    /// The network ACLs, and each subnet's: explicitly associated, else the default
    /// ACL given, else none (AWS's default, allowing all).
    pub(super) fn network_acls(&mut self) -> Vec<NetworkAclModel> {
        let s = self.s;
        let mut acls = Vec::new();
        let mut default = None;
        for (i, a) in s.vpc.network_acls.iter().enumerate() {
            let path = format!("/vpc/networkAcls/{i}");
            let mut entries: Vec<AclEntryModel> = Vec::new();
            for (r, e) in a.entries.iter().enumerate() {
                let epath = format!("{path}/entries/{r}");
                let cidr = parse_v4net(&e.cidr_block).map(|n| n.trunc());
                if cidr.is_none() && !e.cidr_block.contains(':') {
                    self.push(bad_cidr(format!("{epath}/cidrBlock"), &e.cidr_block));
                }
                let proto = e.protocol.trim().to_ascii_lowercase();
                // A port range binds TCP (6) and UDP (17) rules only: with `-1`
                // (all protocols), "traffic on all ports is allowed, regardless of
                // any ports ... that you specify" (botocore's EC2 model,
                // `CreateNetworkAclEntryRequest.Protocol`).
                let tcp_only = matches!(proto.as_str(), "6" | "tcp");
                entries.push(AclEntryModel {
                    pointer: epath,
                    number: e.rule_number,
                    tcp: tcp_only || matches!(proto.as_str(), "-1" | "all"),
                    protocol: e.protocol.clone(),
                    allow: e.rule_action == RuleAction::Allow,
                    egress: e.egress,
                    cidr,
                    ports: e.port_range.filter(|_| tcp_only).map(|p| (p.from, p.to)),
                });
            }
            crate::sort::sort_by_key(&mut entries, |e| e.number);
            if a.is_default {
                default = default.or(Some(i));
            }
            for (j, assoc) in a.associations.iter().enumerate() {
                let apath = format!("{path}/associations/{j}/subnetId");
                let Some(k) = self.subnet_ref(apath.clone(), &assoc.subnet_id) else {
                    continue;
                };
                let sub = &mut self.subnets[k];
                if sub.network_acl.is_some() {
                    let sid = assoc.subnet_id.clone();
                    self.push(Diagnostic::new(
                        Code::DuplicateId,
                        apath,
                        text!(
                            "subnet `{sid}` is associated with two network ACLs; a subnet has one",
                            "서브넷 `{sid}`이(가) 네트워크 ACL 두 개에 연결되어 있다. 서브넷의 네트워크 ACL은 하나다"
                        ),
                    ));
                } else {
                    sub.network_acl = Some(i);
                }
            }
            acls.push(NetworkAclModel {
                id: a.network_acl_id.clone(),
                pointer: path,
                default: a.is_default,
                entries,
            });
        }
        for sub in &mut self.subnets {
            sub.network_acl = sub.network_acl.or(default);
        }
        acls
    }
}

/// The `local` route of VPC block `c`.
fn local(c: Ipv4Net) -> RouteModel {
    RouteModel {
        pointer: None,
        dest: RouteDest::Cidr(c),
        target: RouteTarget::Local,
        blackhole: false,
    }
}

/// What a given table's `0.0.0.0/0` route means as a subnet's default route.
fn route_of_table(t: &RouteTableModel) -> Route {
    match t.default_route() {
        Some(r) if !r.blackhole => match &r.target {
            RouteTarget::InternetGateway(g) => Route::InternetGateway(g.clone()),
            RouteTarget::NatGateway(_, Some(n)) => Route::NatGateway(*n),
            RouteTarget::TransitGateway(t) => Route::TransitGateway(t.clone()),
            _ => Route::None,
        },
        _ => Route::None,
    }
}
