//! The control plane's egress drawn in the world scenes (architecture,
//! endpoint) and the route on a lit path ([`super::route_label`]): what is
//! lit, where the flow is blocked, and that lighting a flow adds no crossing,
//! no broken promise and no illegible label in any size class or language.

use std::collections::BTreeSet;

use super::crossing_tests::crossings;
use super::*;
use crate::scenario::ControlPlaneEgressMode as Mode;
use crate::trace::fabric_tests::with_tables;
use crate::{analyze, Lang, Scenario};

fn customer(mut s: Scenario) -> Scenario {
    s.cluster.resources_vpc_config.control_plane_egress_mode = Mode::CustomerRouted;
    s
}

/// The lab's private table without its default route.
fn no_default_route(s: Scenario) -> Scenario {
    let mut s = with_tables(s);
    for t in &mut s.vpc.route_tables {
        if t.route_table_id == "rtb-private" {
            t.routes
                .retain(|r| r.destination_cidr_block.as_deref() != Some("0.0.0.0/0"));
        }
    }
    s
}

fn view(scene: SceneKind, size: SizeClass, flow: &str) -> View {
    View {
        scene,
        size,
        flow: Flow::parse(flow).ok(),
        ..View::default()
    }
}

fn lit(s: &Scene, id: &str) -> bool {
    s.shape(id).is_some_and(|x| x.state.on_path)
}

fn edge<'a>(s: &'a Scene, id: &str) -> &'a Edge {
    s.edges
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no edge {id}"))
}

#[test]
fn aws_managed_egress_goes_from_the_api_server_to_the_endpoint() {
    let a = analyze(&Scenario::example());
    for scene in [SceneKind::Architecture, SceneKind::Endpoint] {
        for size in SizeClass::ALL {
            let s = layout(&a, &view(scene, size, "egress:oidc"));
            let d = s.shape("internet#oidc").expect("the endpoint is drawn");
            assert_eq!(d.label.en, "OIDC issuer");
            assert_eq!(d.parent.as_ref().unwrap().as_str(), "internet");
            assert!(s.shape("internet").unwrap().rect.contains(&d.rect));
            assert!(lit(&s, "cp:apiserver") && lit(&s, "internet#oidc"));
            let e = edge(&s, "cp:apiserver>internet#oidc");
            assert!(e.state.on_path && e.step == Some(2), "{e:?}");
            // None of the customer's parts is on it.
            assert!(!lit(&s, "igw") && !lit(&s, "eks-eni:0"));
            // Without the flow, no endpoint box.
            let plain = layout(&a, &view(scene, size, "kubectl:laptop"));
            assert!(plain.shape("internet#oidc").is_none());
        }
    }
}

#[test]
fn customer_routed_egress_is_lit_hop_by_hop_to_the_endpoint() {
    let a = analyze(&customer(with_tables(crate::testkit::lab(true, false))));
    for scene in [SceneKind::Architecture, SceneKind::Endpoint] {
        for size in SizeClass::ALL {
            let s = layout(&a, &view(scene, size, "egress:oidc"));
            for id in [
                "cp:apiserver",
                "eks-eni:0",
                "subnet:subnet-pa",
                "nat:nat-a",
                "igw",
                "internet#oidc",
            ] {
                assert!(lit(&s, id), "{} {}: {id}", scene.slug(), size.slug());
            }
            // API server → ENI → (its AZ's gutter) → NAT → IGW → internet.
            for id in [
                "cp:apiserver>eks-eni:0",
                "eks-eni:0>nat:nat-a",
                "internet>igw",
            ] {
                assert!(edge(&s, id).state.on_path, "{id}");
            }
            assert!(!s.edges.iter().any(|e| e.id.starts_with("flow:")));
            assert!(s.shapes.iter().all(|x| !x.state.blocked));
        }
        // Step by step: the ENI lit at its step, the endpoint not yet.
        let t = crate::trace(&a, &Flow::parse("egress:oidc").unwrap());
        let k = t
            .hops
            .iter()
            .position(|h| h.at.as_str() == "eks-eni:0")
            .unwrap();
        let mut v = view(scene, SizeClass::App, "egress:oidc");
        v.step = Some(k);
        let s = layout(&a, &v);
        assert!(s.shape("eks-eni:0").unwrap().state.current);
        assert!(!lit(&s, "internet#oidc") && !lit(&s, "nat:nat-a"));
    }
}

#[test]
fn customer_routed_egress_is_blocked_red_at_the_table_without_a_route() {
    let a = analyze(&customer(no_default_route(crate::testkit::lab(
        true, false,
    ))));
    for scene in [SceneKind::Architecture, SceneKind::Endpoint] {
        let s = layout(&a, &view(scene, SizeClass::App, "egress:oidc"));
        let blocked: Vec<&str> = s
            .shapes
            .iter()
            .filter(|x| x.state.blocked)
            .map(|x| x.id.as_str())
            .collect();
        assert_eq!(blocked, vec!["subnet:subnet-pa"], "{}", scene.slug());
        assert!(!lit(&s, "nat:nat-a") && !lit(&s, "internet#oidc"));
    }
}

/// The route label of `hop` (a subnet) in `s`, with the lit line it names.
fn route_label<'a>(s: &'a Scene, subnet: &str) -> &'a Shape {
    s.shape(&format!("subnet:{subnet}#route"))
        .unwrap_or_else(|| panic!("no route label for {subnet}"))
}

#[test]
fn the_route_on_the_lit_path_is_drawn_beside_it() {
    // The cluster subnet's table sends the API server's egress to the NAT
    // gateway; the label stands within reach of the ENI → NAT line.
    let a = analyze(&customer(with_tables(crate::testkit::lab(true, false))));
    for scene in [SceneKind::Architecture, SceneKind::Endpoint] {
        let s = layout(&a, &view(scene, SizeClass::App, "egress:oidc"));
        let l = route_label(&s, "subnet-pa");
        assert!(l.label.en.ends_with("0.0.0.0/0 → nat-a"), "{}", l.label.en);
        assert!(
            !l.label.en.contains(':') || l.label.en.starts_with("rtb-private: "),
            "{}",
            l.label.en
        );
        assert_eq!(l.role, Role::RouteTable);
        assert!(l.data.contains(&("route-table", "rtb-private".to_string())));
        let line = &edge(&s, "eks-eni:0>nat:nat-a").points;
        let d = route_label::distance(&l.rect, line);
        assert!(d > 0.0 && d <= route_label::NEAR, "{d}");
        // In the subnet, its AZ, its VPC or free: never in another box.
        let p = l.parent.as_ref().map(ElementId::as_str);
        assert!(
            matches!(
                p,
                None | Some("vpc" | "az:ap-northeast-2a" | "subnet:subnet-pa")
            ),
            "{p:?}"
        );
    }
    // A node's kubelet leaving a public subnet of the default scenario by its
    // implied table: named after the subnet, to the internet gateway.
    let a = analyze(&Scenario::example());
    let flow = "kubelet:ip-192-168-46-6";
    let s = layout(&a, &view(SceneKind::Architecture, SizeClass::App, flow));
    let l = route_label(&s, "subnet-a");
    assert!(l.label.en.ends_with("0.0.0.0/0 → igw-1"), "{}", l.label.en);
    // Before the routing hop is reached, no label; from it on, the label.
    let t = crate::trace(&a, &Flow::parse(flow).unwrap());
    let k = t
        .hops
        .iter()
        .position(|h| h.route_table_route.is_some())
        .unwrap();
    for (step, drawn) in [(k - 1, false), (k, true)] {
        let mut v = view(SceneKind::Architecture, SizeClass::App, flow);
        v.step = Some(step);
        let s = layout(&a, &v);
        assert_eq!(s.shape("subnet:subnet-a#route").is_some(), drawn, "{step}");
    }
}

/// Every crossing of `s` in both languages, as `(edge, what, of)`.
fn all_crossings(s: &Scene) -> BTreeSet<(String, &'static str, String)> {
    [Lang::En, Lang::Ko]
        .into_iter()
        .flat_map(|l| crossings(s, l))
        .map(|c| (c.edge, c.what, c.of))
        .collect()
}

#[test]
fn lighting_a_flow_adds_no_crossing_nor_problem_where_its_egress_and_routes_are_drawn() {
    let scenarios = [
        ("default", Scenario::example()),
        (
            "lab customer",
            customer(with_tables(crate::testkit::lab(true, false))),
        ),
        (
            "lab customer private",
            customer(with_tables(crate::testkit::lab(false, true))),
        ),
        (
            "lab no route",
            customer(no_default_route(crate::testkit::lab(true, false))),
        ),
        (
            "nat-acl",
            customer(
                Scenario::from_json(include_str!("../../../../docs/examples/nat-acl.json"))
                    .unwrap(),
            ),
        ),
        (
            "private-only",
            Scenario::from_json(include_str!("../../../../docs/examples/private-only.json"))
                .unwrap(),
        ),
        (
            "fragmented",
            Scenario::from_json(include_str!(
                "../../../../docs/examples/fragmented-subnet.json"
            ))
            .unwrap(),
        ),
    ];
    let mut bad = Vec::new();
    for (name, sc) in &scenarios {
        let a = analyze(sc);
        let mut flows: Vec<String> = crate::trace::flows(&a)
            .iter()
            .flat_map(|g| g.flows.iter().map(|(f, _)| f.to_string()))
            .collect();
        flows.push("egress:webhook".into());
        for scene in [
            SceneKind::Architecture,
            SceneKind::Endpoint,
            SceneKind::PodNetwork,
        ] {
            for size in SizeClass::ALL {
                let plain = layout(&a, &view(scene, size, ""));
                let before = all_crossings(&plain);
                let held = legibility(&plain, size).holds();
                // What the plain scene breaks already is the layout's, not the flow's.
                let known = problems(&plain);
                for flow in &flows {
                    let s = layout(&a, &view(scene, size, flow));
                    let at = format!("{name} / {} / {} / {flow}", scene.slug(), size.slug());
                    for p in problems(&s).into_iter().filter(|p| !known.contains(p)) {
                        bad.push(format!("{at}: {p}"));
                    }
                    let mut first = view(scene, size, flow);
                    first.step = Some(0);
                    let held = held && legibility(&layout(&a, &first), size).holds();
                    if held && !legibility(&s, size).holds() {
                        bad.push(format!("{at}: illegible {}×{}", s.width, s.height));
                    }
                    // The egress path's own lines and boxes, and the route label.
                    let ours = |id: &str| {
                        id.contains("internet#")
                            || id.contains("#route")
                            || id.contains("#acl")
                            || id.contains("#rule")
                            || id.starts_with("flow:")
                            || id == "eks-eni:0>nat:nat-a"
                    };
                    for c in all_crossings(&s).difference(&before) {
                        if ours(&c.0) || ours(&c.2) {
                            bad.push(format!("{at}: `{}` crosses the {} of `{}`", c.0, c.1, c.2));
                        }
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

fn nat_acl() -> Scenario {
    customer(Scenario::from_json(include_str!("../../../../docs/examples/nat-acl.json")).unwrap())
}

#[test]
fn a_network_acl_that_drops_the_flow_is_named_beside_it() {
    // nat-acl.json: the public subnet's ACL lets the request out and drops the
    // replies; the blocked subnet is red and its ACL named in the diagram.
    let a = analyze(&nat_acl());
    let s = layout(
        &a,
        &view(SceneKind::Architecture, SizeClass::App, "egress:oidc"),
    );
    assert!(s.shape("subnet:subnet-pub-a").unwrap().state.blocked);
    let l = s
        .shape("subnet:subnet-pub-a#acl")
        .expect("the ACL is named");
    assert_eq!(l.label.en, "acl-public: replies dropped");
    assert_eq!(l.label.ko, "acl-public: 응답 차단");
    assert!(l.classes.contains(&"acl"));
    assert!(l.note.as_ref().unwrap().en.contains("acl-public"));
    // The route the cluster subnet took is named too.
    assert!(s.shape("subnet:subnet-a#route").is_some());
}

#[test]
fn subnets_name_their_network_acl_and_the_resolver_its_dhcp_options_in_details() {
    let a = analyze(&nat_acl());
    let s = layout(&a, &view(SceneKind::Architecture, SizeClass::App, ""));
    let note = |id: &str| s.shape(id).and_then(|x| x.note.clone()).unwrap_or_default();
    assert!(
        note("subnet:subnet-pub-a")
            .en
            .contains("network ACL acl-public"),
        "{}",
        note("subnet:subnet-pub-a").en
    );
    assert!(note("subnet:subnet-pub-a")
        .ko
        .contains("네트워크 ACL acl-public"));
    assert!(note("subnet:subnet-a")
        .en
        .contains("network ACL acl-default (2 rules, both directions)"));
    // A VPC without ACLs of its own (AWS's allow-all default): none named.
    let plain = layout(
        &analyze(&Scenario::example()),
        &view(SceneKind::Architecture, SizeClass::App, ""),
    );
    let n = plain.shape("subnet:subnet-a").and_then(|x| x.note.clone());
    assert!(!n.unwrap_or_default().en.contains("network ACL"));
    // Default DHCP options: nothing to say.
    assert!(!note("dns:resolver").en.contains("DHCP"));
    // Own name servers that do not forward to the VPC resolver.
    let mut sc = Scenario::example();
    sc.vpc.dhcp_options = Some(crate::scenario::DhcpOptions {
        dhcp_options_id: "dopt-1".into(),
        domain_name_servers: vec!["10.0.0.53".into()],
        forwards_to_vpc_resolver: false,
        ..Default::default()
    });
    let a = analyze(&sc);
    for scene in [SceneKind::Architecture, SceneKind::Endpoint] {
        let s = layout(&a, &view(scene, SizeClass::App, ""));
        let n = s
            .shape("dns:resolver")
            .and_then(|x| x.note.clone())
            .unwrap();
        assert!(
            n.en.contains("DHCP options dopt-1: domain-name-servers 10.0.0.53 (do not forward"),
            "{}",
            n.en
        );
        assert!(n.ko.contains("DHCP 옵션 dopt-1"), "{}", n.ko);
    }
}

#[test]
fn a_security_group_that_admits_none_of_the_flow_is_named_beside_it() {
    // No inbound rule anywhere: the API server's exec to a kubelet is dropped
    // by the group on the node; the endpoint scene draws the group, red, and
    // names what it lacks.
    let mut sc = Scenario::example();
    for g in &mut sc.security_groups {
        g.ingress.clear();
    }
    let a = analyze(&sc);
    let flow = "exec:ip-192-168-46-6";
    let t = crate::trace(&a, &Flow::parse(flow).unwrap());
    assert!(
        matches!(
            t.verdict,
            crate::Verdict::Blocked {
                code: crate::Code::SecurityGroupDenies,
                ..
            }
        ),
        "{:?}",
        t.verdict
    );
    let at = t.blocked_at().unwrap().as_str().to_string();
    let sg = at.strip_prefix("sg:").unwrap();
    let s = layout(&a, &view(SceneKind::Endpoint, SizeClass::App, flow));
    assert!(s.shape(&at).unwrap().state.blocked);
    let l = s
        .shape(&format!("{at}#rule"))
        .expect("the group's lack is named");
    // The longer words where they fit, else the shorter.
    assert!(
        [
            format!("{sg}: no rule admits TCP 10250"),
            format!("{sg}: no rule for 10250")
        ]
        .contains(&l.label.en),
        "{}",
        l.label.en
    );
    assert!(l.data.contains(&("security-group", sg.to_string())));
    assert_eq!(problems(&s), Vec::<String>::new());
}

/// The scenarios whose flows route through tables, ACLs and groups.
fn routed_scenarios() -> Vec<(&'static str, Scenario)> {
    let mut closed = Scenario::example();
    for g in &mut closed.security_groups {
        g.ingress.clear();
    }
    let json = |j: &str| Scenario::from_json(j).unwrap();
    vec![
        ("default", Scenario::example()),
        ("no inbound rules", closed),
        ("nat-acl", nat_acl()),
        (
            "private-only",
            json(include_str!("../../../../docs/examples/private-only.json")),
        ),
        (
            "fragmented",
            json(include_str!(
                "../../../../docs/examples/fragmented-subnet.json"
            )),
        ),
        (
            "lab customer",
            customer(with_tables(crate::testkit::lab(true, false))),
        ),
        (
            "lab private",
            customer(with_tables(crate::testkit::lab(false, true))),
        ),
        (
            "lab no route",
            customer(no_default_route(crate::testkit::lab(true, false))),
        ),
    ]
}

#[test]
fn every_lit_routing_hop_and_blocking_rule_is_named_in_every_size_class() {
    // Every flow each scenario offers, in every scene that draws subnets and
    // every size class: each drawn routing hop names its route in the
    // diagram, and a blocking ACL or group names its rule, beside the line or
    // (numbered like a marker beside it) in a row under the diagram.
    let mut bad = Vec::new();
    let mut rows = 0;
    for (name, sc) in routed_scenarios() {
        let a = analyze(&sc);
        let mut flows: Vec<String> = crate::trace::flows(&a)
            .iter()
            .flat_map(|g| g.flows.iter().map(|(f, _)| f.to_string()))
            .collect();
        flows.push("egress:oidc".into());
        for flow in &flows {
            let t = crate::trace(&a, &Flow::parse(flow).unwrap());
            let code = match &t.verdict {
                crate::Verdict::Blocked { code, .. } => Some(*code),
                crate::Verdict::Reachable => None,
            };
            for scene in [
                SceneKind::Architecture,
                SceneKind::Endpoint,
                SceneKind::PodNetwork,
            ] {
                for size in SizeClass::ALL {
                    let s = layout(&a, &view(scene, size, flow));
                    let at = format!("{name} / {} / {} / {flow}", scene.slug(), size.slug());
                    let mut want = Vec::new();
                    for (i, h) in t.hops.iter().enumerate() {
                        if h.route_table_route.is_some() {
                            want.push(h.at.part("route"));
                        } else if i + 1 == t.hops.len() && t.blocked_at() == Some(&h.at) {
                            match code {
                                Some(c)
                                    if c.as_str().starts_with("network-acl")
                                        && h.acl_rule.is_some() =>
                                {
                                    want.push(h.at.part("acl"));
                                }
                                Some(crate::Code::SecurityGroupDenies) => {
                                    want.push(h.at.part("rule"));
                                }
                                _ => {}
                            }
                        }
                    }
                    for id in want {
                        if s.shape(id.thing()).is_none() {
                            continue;
                        }
                        let Some(l) = s.shape(id.as_str()) else {
                            bad.push(format!("{at}: no `{id}`"));
                            continue;
                        };
                        assert!(
                            s.shape(id.thing()).unwrap().state.on_path
                                || l.classes.contains(&"acl")
                        );
                        // Inside the scene, legible where the scene is.
                        let whole = Rect::new(0.0, 0.0, s.width, s.height);
                        if !whole.contains(&l.rect) {
                            bad.push(format!("{at}: `{id}` outside the scene"));
                        }
                        // Numbered: its marker is drawn beside the line.
                        if let Some((n, _)) = l.label.en.split_once(" · ") {
                            if n.parse::<usize>().is_ok() {
                                rows += 1;
                                let mark = s
                                    .shapes
                                    .iter()
                                    .find(|m| m.classes.contains(&"mark") && m.label.en == n)
                                    .map(|m| m.id.thing() == id.thing());
                                if mark != Some(true) {
                                    bad.push(format!("{at}: `{id}` has no marker {n}"));
                                }
                            }
                        }
                    }
                    // The flow at its first step: drawn, no route named yet.
                    let mut first = view(scene, size, flow);
                    first.step = Some(0);
                    let plain = layout(&a, &first);
                    if legibility(&plain, size).holds() && !legibility(&s, size).holds() {
                        bad.push(format!("{at}: illegible {}×{}", s.width, s.height));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{} missing: {bad:#?}", bad.len());
    // Some of them are in the row under the diagram (a phone's column).
    assert!(rows > 0);
}
