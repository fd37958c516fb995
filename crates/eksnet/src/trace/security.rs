//! Security groups: which rule, if any, lets a packet through.
//!
//! A security group is a stateful firewall on an ENI (source 001, "클러스터 보안
//! 그룹"): an inbound packet passes when *any* group on the receiving ENI has an
//! inbound rule matching its protocol, port and source (a CIDR holding the source
//! address, or a group the sender's ENI carries); an outbound packet passes when any
//! group on the sending ENI has a matching outbound rule. Replies of an allowed
//! connection always pass. A group whose `egress` is left out has AWS's default
//! outbound rule (all traffic to 0.0.0.0/0).
//!
//! The EKS-owned ENIs carry the cluster security group and up to five more; managed
//! nodes carry the cluster security group unless the node group names its own
//! (AWS docs, "Amazon EKS security group requirements").
//!
//! Nothing here panics: rules that cannot be parsed simply match nothing (the model
//! has already diagnosed them).
//!
//! ```
//! use eksnet::trace::security::{ingress, Decision, Peer};
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let node = &a.model.nodes[0];
//! let enis = a.model.eks_eni_security_groups();
//! // The default cluster security group admits everything from its own members,
//! // and managed nodes carry it.
//! let peer = Peer { ip: node.private_ip, groups: &a.model.node_groups[0].security_groups };
//! assert!(matches!(ingress(&a.model, &enis, 443, &peer), Decision::Allowed { .. }));
//! ```

use std::net::{IpAddr, Ipv4Addr};

use ipnet::IpNet;

use crate::model::Model;
use crate::scenario::SecurityGroupRule;

/// The other end of a connection, as a security group sees it.
#[derive(Debug, Clone, Copy)]
pub struct Peer<'a> {
    /// Its address on the wire.
    pub ip: Ipv4Addr,
    /// The security groups on its ENI (indices into `Model::security_groups`).
    pub groups: &'a [usize],
}

/// What the groups decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// A rule allows it: `(group index, rule index)`; `rule` is `None` for AWS's
    /// default outbound rule of a group with no `egress` given.
    Allowed {
        /// The group whose rule matched.
        group: usize,
        /// The rule's index in the group's list.
        rule: Option<usize>,
    },
    /// No rule of any group matches.
    Denied,
    /// No security group is given in the scenario, so none is evaluated.
    NotModelled,
}

impl Decision {
    /// Allowed or not evaluated.
    pub fn passes(self) -> bool {
        !matches!(self, Decision::Denied)
    }
}

fn protocol_matches(rule: &SecurityGroupRule, port: u16) -> bool {
    match rule.ip_protocol.trim().to_ascii_lowercase().as_str() {
        "-1" | "all" => true,
        "tcp" | "6" => rule.from_port <= port && port <= rule.to_port,
        _ => false,
    }
}

fn peer_matches(model: &Model, rule: &SecurityGroupRule, peer: &Peer<'_>) -> bool {
    let by_cidr = rule
        .cidr_ip
        .as_deref()
        .and_then(|c| c.trim().parse::<IpNet>().ok())
        .is_some_and(|net| net.contains(&IpAddr::V4(peer.ip)));
    let by_group = rule
        .source_security_group_id
        .as_deref()
        .and_then(|id| model.security_group_index(id))
        .is_some_and(|g| peer.groups.contains(&g));
    by_cidr || by_group
}

/// Whether TCP `port` from `from` may enter an ENI carrying `groups`.
pub fn ingress(model: &Model, groups: &[usize], port: u16, from: &Peer<'_>) -> Decision {
    if groups.is_empty() {
        return Decision::NotModelled;
    }
    for &g in groups {
        let Some(sg) = model.security_groups.get(g) else {
            continue;
        };
        for (r, rule) in sg.ingress.iter().enumerate() {
            if protocol_matches(rule, port) && peer_matches(model, rule, from) {
                return Decision::Allowed {
                    group: g,
                    rule: Some(r),
                };
            }
        }
    }
    Decision::Denied
}

/// Whether TCP `port` to `to` may leave an ENI carrying `groups`.
pub fn egress(model: &Model, groups: &[usize], port: u16, to: &Peer<'_>) -> Decision {
    if groups.is_empty() {
        return Decision::NotModelled;
    }
    for &g in groups {
        let Some(sg) = model.security_groups.get(g) else {
            continue;
        };
        let Some(rules) = &sg.egress else {
            return Decision::Allowed {
                group: g,
                rule: None,
            };
        };
        for (r, rule) in rules.iter().enumerate() {
            if protocol_matches(rule, port) && peer_matches(model, rule, to) {
                return Decision::Allowed {
                    group: g,
                    rule: Some(r),
                };
            }
        }
    }
    Decision::Denied
}

/// Whether any of `groups` restricts outbound traffic (has its own `egress` list).
pub fn restricts_egress(model: &Model, groups: &[usize]) -> bool {
    groups.iter().any(|&g| {
        model
            .security_groups
            .get(g)
            .is_some_and(|sg| sg.egress.is_some())
    })
}

/// The `groupId`s of `groups`, comma separated.
pub fn names(model: &Model, groups: &[usize]) -> String {
    let v: Vec<&str> = groups
        .iter()
        .filter_map(|&g| model.security_groups.get(g))
        .map(|sg| sg.group_id.as_str())
        .collect();
    v.join(", ")
}

/// How a peer is best named in a rule: its first security group, else its address.
pub fn peer_source(model: &Model, peer: &Peer<'_>) -> String {
    peer.groups
        .iter()
        .find_map(|&g| model.security_groups.get(g))
        .map(|sg| sg.group_id.clone())
        .unwrap_or_else(|| format!("{}/32", peer.ip))
}

/// A rule's own words, for explanations: its description, or `proto ports from peer`.
pub fn describe_rule(model: &Model, group: usize, rule: Option<usize>, inbound: bool) -> String {
    let Some(sg) = model.security_groups.get(group) else {
        return String::new();
    };
    let list = if inbound {
        Some(&sg.ingress)
    } else {
        sg.egress.as_ref()
    };
    let Some(r) = rule.and_then(|r| list.and_then(|l| l.get(r))) else {
        return format!("{}: all traffic to 0.0.0.0/0 (default)", sg.group_id);
    };
    if !r.description.is_empty() {
        return format!("{}: {}", sg.group_id, r.description);
    }
    let ports = if r.ip_protocol == "-1" {
        "all".to_string()
    } else if r.from_port == r.to_port {
        format!("{} {}", r.ip_protocol, r.from_port)
    } else {
        format!("{} {}-{}", r.ip_protocol, r.from_port, r.to_port)
    };
    let peer = r
        .source_security_group_id
        .clone()
        .or_else(|| r.cidr_ip.clone())
        .unwrap_or_default();
    format!("{}: {ports} {peer}", sg.group_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Scenario, SecurityGroup};

    fn rule(
        proto: &str,
        from: u16,
        to: u16,
        cidr: Option<&str>,
        sg: Option<&str>,
    ) -> SecurityGroupRule {
        SecurityGroupRule {
            ip_protocol: proto.into(),
            from_port: from,
            to_port: to,
            cidr_ip: cidr.map(Into::into),
            source_security_group_id: sg.map(Into::into),
            description: String::new(),
        }
    }

    fn model_with(groups: Vec<SecurityGroup>) -> Model {
        let mut s = Scenario::example();
        s.security_groups = groups;
        crate::analyze(&s).model
    }

    #[test]
    fn ingress_matches_port_cidr_and_group() {
        let m = model_with(vec![
            SecurityGroup {
                group_id: "sg-a".into(),
                ingress: vec![
                    rule("tcp", 443, 443, Some("10.0.0.0/8"), None),
                    rule("tcp", 10250, 10250, None, Some("sg-b")),
                ],
                ..SecurityGroup::default()
            },
            SecurityGroup {
                group_id: "sg-b".into(),
                ..SecurityGroup::default()
            },
        ]);
        let ip = Ipv4Addr::new(10, 1, 2, 3);
        let outside = Ipv4Addr::new(192, 168, 1, 1);
        let no_groups = Peer { ip, groups: &[] };
        assert_eq!(
            ingress(&m, &[0], 443, &no_groups),
            Decision::Allowed {
                group: 0,
                rule: Some(0)
            }
        );
        assert_eq!(ingress(&m, &[0], 444, &no_groups), Decision::Denied);
        let far = Peer {
            ip: outside,
            groups: &[],
        };
        assert_eq!(ingress(&m, &[0], 443, &far), Decision::Denied);
        let member = Peer {
            ip: outside,
            groups: &[1],
        };
        assert_eq!(
            ingress(&m, &[0], 10250, &member),
            Decision::Allowed {
                group: 0,
                rule: Some(1)
            }
        );
        assert_eq!(ingress(&m, &[0], 10250, &far), Decision::Denied);
        assert_eq!(ingress(&m, &[], 443, &far), Decision::NotModelled);
    }

    #[test]
    fn all_protocol_ignores_ports_and_udp_never_matches_tcp() {
        let m = model_with(vec![SecurityGroup {
            group_id: "sg-a".into(),
            ingress: vec![
                rule("udp", 0, 65535, Some("0.0.0.0/0"), None),
                rule("-1", 0, 0, None, Some("sg-a")),
            ],
            ..SecurityGroup::default()
        }]);
        let p = Peer {
            ip: Ipv4Addr::new(1, 2, 3, 4),
            groups: &[],
        };
        assert_eq!(ingress(&m, &[0], 53, &p), Decision::Denied);
        let self_member = Peer {
            ip: Ipv4Addr::new(1, 2, 3, 4),
            groups: &[0],
        };
        assert_eq!(
            ingress(&m, &[0], 10250, &self_member),
            Decision::Allowed {
                group: 0,
                rule: Some(1)
            }
        );
    }

    #[test]
    fn egress_default_allows_and_explicit_lists_restrict() {
        let m = model_with(vec![
            SecurityGroup {
                group_id: "sg-open".into(),
                ..SecurityGroup::default()
            },
            SecurityGroup {
                group_id: "sg-closed".into(),
                egress: Some(vec![rule("tcp", 443, 443, Some("0.0.0.0/0"), None)]),
                ..SecurityGroup::default()
            },
        ]);
        let to = Peer {
            ip: Ipv4Addr::new(192, 168, 32, 4),
            groups: &[],
        };
        assert_eq!(
            egress(&m, &[0], 10250, &to),
            Decision::Allowed {
                group: 0,
                rule: None
            }
        );
        assert_eq!(egress(&m, &[1], 10250, &to), Decision::Denied);
        assert!(egress(&m, &[1], 443, &to).passes());
        assert!(restricts_egress(&m, &[1]));
        assert!(!restricts_egress(&m, &[0]));
    }

    #[test]
    fn rules_are_described() {
        let m = model_with(vec![SecurityGroup {
            group_id: "sg-a".into(),
            ingress: vec![rule("tcp", 443, 443, Some("10.0.0.0/8"), None)],
            ..SecurityGroup::default()
        }]);
        assert_eq!(
            describe_rule(&m, 0, Some(0), true),
            "sg-a: tcp 443 10.0.0.0/8"
        );
        assert_eq!(
            describe_rule(&m, 0, None, false),
            "sg-a: all traffic to 0.0.0.0/0 (default)"
        );
        assert_eq!(describe_rule(&m, 9, None, false), "");
    }
}
