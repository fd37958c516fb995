//! Every scene over many scenarios: the promises of [`super::problems`] hold,
//! layout is deterministic and language-independent, lit flows mark what their
//! traces name, and large clusters stay a few hundred shapes.

use std::time::Instant;

use proptest::prelude::*;

use super::*;
use crate::scenario::{
    Client, ClientLocation, ConnectedNetwork, DefaultRoute, InternetGateway, NatGateway, NodeGroup,
    Subnet, VpcEndpoint,
};
use crate::{analyze, Scenario};

fn view(scene: SceneKind) -> View {
    View {
        scene,
        ..View::default()
    }
}

fn assert_sound(s: &Scene, what: &str) {
    let p = problems(s);
    assert!(p.is_empty(), "{what} / {}: {p:#?}", s.kind.slug());
}

#[test]
fn every_scene_of_the_default_scenario_is_sound() {
    let a = analyze(&Scenario::example());
    for k in SceneKind::ALL {
        let s = layout(&a, &view(k));
        assert_sound(&s, "default");
        // Padded to the app frame's aspect, so "Fit" fills it.
        let (fw, fh) = SizeClass::App.frame();
        assert!((s.width / s.height - fw / fh).abs() < 0.01, "{}", k.slug());
        // Not tiny either: the scene takes a good part of its frame at 100%.
        assert!(s.width >= fw / 2.0, "{} is {} wide", k.slug(), s.width);
    }
}

#[test]
fn flows_light_what_their_traces_name() {
    let a = analyze(&Scenario::example());
    for (scene, flow) in [
        (SceneKind::Endpoint, "kubectl:laptop"),
        (SceneKind::Endpoint, "kubelet:ip-192-168-46-6"),
        (SceneKind::Endpoint, "exec:ip-192-168-46-6"),
        (SceneKind::Architecture, "kubelet:ip-192-168-90-3"),
        (SceneKind::NodeBootstrap, "kubelet:ip-192-168-48-175"),
        (SceneKind::PodNetwork, "exec:ip-192-168-75-136"),
    ] {
        let f = Flow::parse(flow).unwrap();
        let t = crate::trace(&a, &f);
        let s = layout(
            &a,
            &View {
                scene,
                flow: Some(f),
                ..View::default()
            },
        );
        assert_sound(&s, flow);
        // Every hop that has a shape of its own is lit.
        for h in &t.hops {
            if let Some(sh) = s.shape(h.at.as_str()) {
                assert!(
                    sh.state.on_path,
                    "{flow} in {}: {} not lit",
                    scene.slug(),
                    h.at
                );
            }
        }
        assert!(
            s.edges.iter().any(|e| e.state.on_path),
            "{flow}: no lit edge"
        );
        assert!(
            s.shapes.iter().any(|x| x.state.dimmed),
            "{flow}: nothing dimmed"
        );
    }
}

#[test]
fn a_blocked_flow_marks_its_blocking_component() {
    // Public endpoint only, nodes without public IPs and no NAT: kubelet is blocked.
    let mut sc = Scenario::example();
    for n in &mut sc.node_groups[0].nodes {
        n.public_ip = None;
    }
    sc.node_groups[0].associate_public_ip_address = Some(false);
    for s in &mut sc.vpc.subnets {
        s.map_public_ip_on_launch = false;
    }
    let a = analyze(&sc);
    let f = Flow::parse("kubelet:ip-192-168-46-6").unwrap();
    let t = crate::trace(&a, &f);
    let at = t.blocked_at().expect("blocked").clone();
    for scene in [
        SceneKind::Endpoint,
        SceneKind::NodeBootstrap,
        SceneKind::Architecture,
    ] {
        let s = layout(
            &a,
            &View {
                scene,
                flow: Some(f.clone()),
                ..View::default()
            },
        );
        let blocked: Vec<&str> = s
            .shapes
            .iter()
            .filter(|x| x.state.blocked)
            .map(|x| x.id.as_str())
            .collect();
        assert!(
            blocked
                .iter()
                .any(|b| *b == at.as_str() || at.as_str().starts_with(b)),
            "{}: blocked at {at}, marked {blocked:?}",
            scene.slug()
        );
        assert_sound(&s, "blocked");
    }
    // The bootstrap rows say so without a flow too.
    let s = layout(&a, &view(SceneKind::NodeBootstrap));
    let step = s
        .shape("node:ip-192-168-46-6.ap-northeast-2.compute.internal#boot-3")
        .unwrap();
    assert!(step.classes.contains(&"fail"));
}

/// A cluster of `n` nodes over three AZs, public and private subnets.
fn big(n: u32) -> Scenario {
    let mut sc = Scenario::example();
    sc.pods.clear();
    sc.vpc.cidr_blocks = vec!["10.0.0.0/8".into()];
    sc.vpc.subnets.clear();
    for (k, az) in ["a", "b", "c"].iter().enumerate() {
        sc.vpc.subnets.push(Subnet {
            subnet_id: format!("pub-{az}"),
            availability_zone: format!("ap-northeast-2{az}"),
            cidr_block: format!("10.{}.0.0/20", 200 + k),
            map_public_ip_on_launch: true,
            default_route: Some(DefaultRoute::GatewayId("igw-1".into())),
            ..Subnet::default()
        });
        sc.vpc.subnets.push(Subnet {
            subnet_id: format!("priv-{az}"),
            availability_zone: format!("ap-northeast-2{az}"),
            cidr_block: format!("10.{}.0.0/16", 10 + k),
            default_route: Some(DefaultRoute::NatGatewayId(format!("nat-{az}"))),
            ..Subnet::default()
        });
        sc.vpc.nat_gateways.push(NatGateway {
            nat_gateway_id: format!("nat-{az}"),
            subnet_id: format!("pub-{az}"),
            public_ip: format!("3.38.0.{}", k + 1),
        });
    }
    sc.cluster.resources_vpc_config.subnet_ids =
        vec!["priv-a".into(), "priv-b".into(), "priv-c".into()];
    sc.node_groups = vec![NodeGroup {
        nodegroup_name: "big".into(),
        desired_size: n,
        subnets: vec!["priv-a".into(), "priv-b".into(), "priv-c".into()],
        ..NodeGroup::default()
    }];
    sc.workloads[0].replicas = n;
    sc
}

#[test]
fn ten_thousand_nodes_stay_a_few_hundred_shapes_and_lay_out_fast() {
    let a = analyze(&big(10_000));
    assert_eq!(a.model.nodes.len(), 10_000);
    for k in SceneKind::ALL {
        let t0 = Instant::now();
        let s = layout(&a, &view(k));
        let took = t0.elapsed();
        assert_sound(&s, "10k nodes");
        let n = s.shapes.len() + s.edges.len();
        assert!(n < 400, "{}: {n} elements", k.slug());
        assert!(took.as_millis() < 500, "{}: {took:?}", k.slug());
        println!("{}: {n} elements, {took:?}", k.slug());
    }
}

/// A scenario from a few knobs, valid or not.
#[allow(clippy::too_many_arguments)]
fn scenario(
    azs: usize,
    per_az: usize,
    routes: Vec<u8>,
    sizes: Vec<u32>,
    public: bool,
    private: bool,
    igw: bool,
    extras: u8,
) -> Scenario {
    let mut sc = Scenario::example();
    sc.pods.clear();
    sc.vpc.subnets.clear();
    sc.vpc.nat_gateways.clear();
    if !igw {
        sc.vpc.internet_gateway = None;
    } else {
        sc.vpc.internet_gateway = Some(InternetGateway {
            internet_gateway_id: "igw-1".into(),
        });
    }
    let mut ids = Vec::new();
    for a in 0..azs {
        for k in 0..per_az {
            let i = a * per_az + k;
            let id = format!("subnet-{i}");
            let route = match routes.get(i).copied().unwrap_or(0) % 3 {
                0 => Some(DefaultRoute::GatewayId("igw-1".into())),
                1 => Some(DefaultRoute::NatGatewayId("nat-0".into())),
                _ => None,
            };
            sc.vpc.subnets.push(Subnet {
                subnet_id: id.clone(),
                availability_zone: format!("ap-northeast-2{}", (b'a' + a as u8) as char),
                cidr_block: format!("192.168.{}.0/22", i * 4),
                map_public_ip_on_launch: i.is_multiple_of(2),
                default_route: route,
                ..Subnet::default()
            });
            ids.push(id);
        }
    }
    if !ids.is_empty() {
        sc.vpc.nat_gateways.push(NatGateway {
            nat_gateway_id: "nat-0".into(),
            subnet_id: ids[0].clone(),
            public_ip: "3.38.0.1".into(),
        });
    }
    let r = &mut sc.cluster.resources_vpc_config;
    r.endpoint_public_access = public;
    r.endpoint_private_access = private;
    r.subnet_ids = ids.iter().take(2).cloned().collect();
    sc.node_groups = sizes
        .iter()
        .enumerate()
        .map(|(g, &n)| NodeGroup {
            nodegroup_name: format!("ng-{g}"),
            desired_size: n,
            subnets: ids.iter().skip(g).cloned().collect(),
            ..NodeGroup::default()
        })
        .collect();
    if extras & 1 != 0 {
        sc.connected_networks.push(ConnectedNetwork {
            name: "office".into(),
            cidr_blocks: vec!["10.20.0.0/16".into()],
            routed: true,
            ..ConnectedNetwork::default()
        });
        sc.clients.push(Client {
            name: "office-pc".into(),
            location: ClientLocation::ConnectedNetwork {
                network: "office".into(),
                source_ip: "10.20.1.5".into(),
            },
            ..Client::default()
        });
    }
    if extras & 2 != 0 && !ids.is_empty() {
        sc.clients.push(Client {
            name: "bastion".into(),
            location: ClientLocation::Subnet {
                subnet_id: ids[ids.len() - 1].clone(),
            },
            ..Client::default()
        });
    }
    if extras & 4 != 0 {
        for e in ["ecr.api", "ecr.dkr", "s3"] {
            sc.vpc.vpc_endpoints.push(VpcEndpoint {
                service_name: e.into(),
                private_dns_enabled: true,
                ..VpcEndpoint::default()
            });
        }
    }
    if extras & 8 != 0 {
        sc.cni.enable_prefix_delegation = true;
    }
    sc.workloads[0].replicas = sizes.iter().sum::<u32>() * 3;
    sc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_scene_is_sound_and_deterministic(
        azs in 0usize..5,
        per_az in 1usize..4,
        routes in prop::collection::vec(any::<u8>(), 12),
        sizes in prop::collection::vec(0u32..30, 0..4),
        public in any::<bool>(),
        private in any::<bool>(),
        igw in any::<bool>(),
        extras in any::<u8>(),
    ) {
        let sc = scenario(azs, per_az, routes, sizes, public, private, igw, extras);
        let a = analyze(&sc);
        for k in SceneKind::ALL {
            let s = layout(&a, &view(k));
            let p = problems(&s);
            prop_assert!(p.is_empty(), "{}: {:#?}", k.slug(), p);
            prop_assert_eq!(&s, &layout(&analyze(&sc), &view(k)));
            let (fw, fh) = SizeClass::App.frame();
            prop_assert!((s.width / s.height - fw / fh).abs() < 0.01);
        }
        // A flow of each kind lights without breaking a promise.
        if let Some(n) = a.model.nodes.first() {
            for f in [format!("kubelet:{}", n.name), format!("exec:{}", n.name)] {
                let v = View { scene: SceneKind::Endpoint, flow: Flow::parse(&f).ok(), ..View::default() };
                let s = layout(&a, &v);
                let p = problems(&s);
                prop_assert!(p.is_empty(), "{}: {:#?}", f, p);
            }
        }
    }
}

#[test]
fn the_selection_is_marked() {
    let a = analyze(&Scenario::example());
    let mut v = view(SceneKind::PodNetwork);
    v.selection = Some(ElementId::subnet("subnet-c"));
    let s = layout(&a, &v);
    assert!(s
        .shape("subnet:subnet-c")
        .unwrap()
        .classes
        .contains(&"selected"));
    assert_eq!(
        s.shapes
            .iter()
            .filter(|x| x.classes.contains(&"selected"))
            .count(),
        1
    );
}
