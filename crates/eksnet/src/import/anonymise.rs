//! Anonymising a scenario before it leaves the page: AWS ids, the cluster's and node
//! groups' names, account-specific host names and public IPv4 addresses are replaced
//! consistently (the same id always becomes the same new id), so the picture and
//! every verdict stay the same (a test proves it on every fixture).
//!
//! Kept: private addresses and CIDRs (node names derive from them, and they are not
//! reachable from outside), workload, pod, Service and namespace names (the picture
//! is made of them), and Service annotations (review them before sharing). A public
//! address inside a CIDR range of a rule (other than `0.0.0.0/0`) is kept too, so that
//! the rule still matches it.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use crate::scenario::*;

#[derive(Default)]
struct Map {
    ids: BTreeMap<String, String>,
    counts: BTreeMap<String, usize>,
    ips: BTreeMap<Ipv4Addr, Ipv4Addr>,
    ranges: Vec<ipnet::Ipv4Net>,
}

impl Map {
    /// `subnet-0abc…` → `subnet-0001`, the same every time.
    fn id(&mut self, id: &mut String) {
        if id.is_empty() {
            return;
        }
        if let Some(x) = self.ids.get(id.as_str()) {
            *id = x.clone();
            return;
        }
        let prefix = id.split('-').next().unwrap_or("id").to_string();
        let n = self.counts.entry(prefix.clone()).or_default();
        *n += 1;
        let new = format!("{prefix}-{n:04}");
        self.ids.insert(id.clone(), new.clone());
        *id = new;
    }

    fn ids(&mut self, v: &mut [String]) {
        v.iter_mut().for_each(|x| self.id(x));
    }

    /// A public address → one of 198.18.0.0/15 (kept when a rule's range holds it).
    fn ip(&mut self, s: &mut String) {
        let Ok(ip) = s.parse::<Ipv4Addr>() else {
            return;
        };
        if ip.is_private()
            || ip.is_loopback()
            || ip.is_unspecified()
            || self.ranges.iter().any(|r| r.contains(&ip))
        {
            return;
        }
        let n = self.ips.len() as u32 + 1;
        let new = *self
            .ips
            .entry(ip)
            .or_insert_with(|| Ipv4Addr::from(u32::from(Ipv4Addr::new(198, 18, 0, 0)) + n));
        *s = new.to_string();
    }

    fn ip_opt(&mut self, s: &mut Option<String>) {
        if let Some(x) = s {
            self.ip(x);
        }
    }

    /// A `/32` CIDR of a public address is mapped like the address.
    fn cidr(&mut self, c: &mut String) {
        if let Some(addr) = c.strip_suffix("/32") {
            let mut a = addr.to_string();
            self.ip(&mut a);
            *c = format!("{a}/32");
        }
    }
}

/// The ranges (not single addresses, not the whole internet) rules match against.
fn rule_ranges(s: &Scenario) -> Vec<ipnet::Ipv4Net> {
    let rules = s
        .security_groups
        .iter()
        .flat_map(|g| g.ingress.iter().chain(g.egress.iter().flatten()));
    s.cluster
        .resources_vpc_config
        .public_access_cidrs
        .iter()
        .chain(rules.filter_map(|r| r.cidr_ip.as_ref()))
        .filter_map(|c| c.parse::<ipnet::Ipv4Net>().ok())
        .filter(|n| n.prefix_len() > 0 && n.prefix_len() < 32)
        .collect()
}

/// `s` with its ids, names and public addresses replaced (see the module docs).
pub fn anonymise(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    let mut m = Map {
        ranges: rule_ranges(&s),
        ..Map::default()
    };
    s.cluster.name = "cluster-1".into();
    let c = &mut s.cluster.resources_vpc_config;
    m.ids(&mut c.subnet_ids);
    m.ids(&mut c.security_group_ids);
    m.id(&mut c.cluster_security_group_id);
    c.public_access_cidrs.iter_mut().for_each(|x| m.cidr(x));
    let v = &mut s.vpc;
    m.id(&mut v.vpc_id);
    for sn in &mut v.subnets {
        m.id(&mut sn.subnet_id);
        match &mut sn.default_route {
            Some(
                DefaultRoute::GatewayId(x)
                | DefaultRoute::NatGatewayId(x)
                | DefaultRoute::TransitGatewayId(x),
            ) => m.id(x),
            None => {}
        }
    }
    if let Some(g) = &mut v.internet_gateway {
        m.id(&mut g.internet_gateway_id);
    }
    for n in &mut v.nat_gateways {
        m.id(&mut n.nat_gateway_id);
        m.id(&mut n.subnet_id);
        m.ip(&mut n.public_ip);
    }
    for e in &mut v.vpc_endpoints {
        m.ids(&mut e.subnet_ids);
        m.ids(&mut e.route_table_ids);
        if !e.vpc_endpoint_id.is_empty() {
            m.id(&mut e.vpc_endpoint_id);
        }
    }
    for t in &mut v.route_tables {
        m.id(&mut t.route_table_id);
        for a in &mut t.associations {
            if let Some(x) = &mut a.subnet_id {
                m.id(x);
            }
        }
        for r in &mut t.routes {
            for x in [
                &mut r.gateway_id,
                &mut r.nat_gateway_id,
                &mut r.transit_gateway_id,
                &mut r.vpc_peering_connection_id,
            ]
            .into_iter()
            .flatten()
            {
                // `local` is AWS's word, not an id.
                if x != "local" {
                    m.id(x);
                }
            }
            if let Some(x) = &mut r.destination_cidr_block {
                m.cidr(x);
            }
        }
    }
    for acl in &mut v.network_acls {
        m.id(&mut acl.network_acl_id);
        for a in &mut acl.associations {
            m.id(&mut a.subnet_id);
        }
        for e in &mut acl.entries {
            m.cidr(&mut e.cidr_block);
        }
    }
    if let Some(d) = &mut v.dhcp_options {
        m.id(&mut d.dhcp_options_id);
        d.domain_name_servers.iter_mut().for_each(|x| m.ip(x));
    }
    for r in &mut v.subnet_cidr_reservations {
        m.id(&mut r.subnet_cidr_reservation_id);
        m.id(&mut r.subnet_id);
        r.description.clear();
    }
    for g in &mut s.security_groups {
        m.id(&mut g.group_id);
        g.group_name = g.group_id.clone();
        for r in g.ingress.iter_mut().chain(g.egress.iter_mut().flatten()) {
            if let Some(x) = &mut r.source_security_group_id {
                m.id(x);
            }
            if let Some(x) = &mut r.cidr_ip {
                m.cidr(x);
            }
            r.description.clear();
        }
    }
    for n in &mut s.connected_networks {
        m.ip_opt(&mut n.public_ip);
    }
    for c in &mut s.clients {
        match &mut c.location {
            ClientLocation::Internet { source_ip } => m.ip(source_ip),
            ClientLocation::Subnet { subnet_id } => m.id(subnet_id),
            ClientLocation::ConnectedNetwork { .. } => {}
        }
        m.ids(&mut c.security_group_ids);
        m.ip_opt(&mut c.public_ip);
    }
    let mut groups = BTreeMap::new();
    for (i, g) in s.node_groups.iter_mut().enumerate() {
        let new = format!("ng-{}", i + 1);
        groups.insert(std::mem::replace(&mut g.nodegroup_name, new.clone()), new);
        m.ids(&mut g.subnets);
        m.ids(&mut g.security_group_ids);
        for p in &mut g.nodes {
            m.id(&mut p.subnet_id);
            m.ip_opt(&mut p.public_ip);
            for e in &mut p.enis {
                m.id(&mut e.network_interface_id);
                m.id(&mut e.subnet_id);
            }
        }
    }
    for e in &mut s.cni.eni_configs {
        m.id(&mut e.subnet);
        m.ids(&mut e.security_groups);
    }
    for w in &mut s.workloads {
        if let Some(g) = w.node_selector.get_mut("eks.amazonaws.com/nodegroup") {
            if let Some(new) = groups.get(g.as_str()) {
                *g = new.clone();
            }
        }
    }
    for sv in &mut s.services {
        sv.uid.clear();
        sv.load_balancer_hostname = None;
    }
    for i in &mut s.ingresses {
        i.load_balancer_hostname = None;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::tests::fixture;
    use super::*;
    use crate::trace::flows;
    use crate::{analyze, trace, Verdict};

    fn verdicts(s: &Scenario) -> (Vec<(String, Option<String>)>, Vec<String>) {
        let a = analyze(s);
        let v = flows(&a)
            .iter()
            .flat_map(|g| g.flows.iter())
            .map(|(f, _)| {
                let t = trace(&a, f);
                let code = match &t.verdict {
                    Verdict::Reachable => None,
                    Verdict::Blocked { code, .. } => Some(code.to_string()),
                };
                (f.to_string(), code)
            })
            .collect();
        let mut d: Vec<String> = a
            .diagnostics
            .iter()
            .map(|d| format!("{} {:?}", d.code, d.severity))
            .collect();
        d.sort();
        (v, d)
    }

    #[test]
    fn anonymised_fixtures_keep_every_verdict_and_lose_their_ids() {
        for name in [
            "public-nat",
            "public-private",
            "private-endpoints",
            "prefix-delegation",
            "observed-enis",
            "eksctl",
        ] {
            let s = crate::import::import(&fixture(name))
                .scenario
                .expect("scenario");
            let anon = anonymise(&s);
            assert_eq!(verdicts(&s), verdicts(&anon), "{name}");
            let json = anon.to_json();
            for secret in [
                "vpc-0a1b2c3d4e5f60001",
                "subnet-0c00000000000000c",
                "sg-0c1a2b3c4d5e60001",
                "198.51.100.7",
                "\"demo\"",
                "ng-private",
                "elb.amazonaws.com",
                "eni-0b1c2d3e4f5a60002",
            ] {
                assert!(!json.contains(secret), "{name}: {secret} left");
            }
            // Consistent: the same id maps to the same new id everywhere.
            assert_eq!(anonymise(&s), anon);
        }
    }
}
