//! The VPC layouts scene's tests: the configuration each scenario follows, its
//! needs, the subnet rows and what folds in a small frame.

use super::*;
use crate::scenario::{DefaultRoute, NatGateway, Subnet};
use crate::scene::problems;
use crate::{analyze, Scenario};

fn scene(sc: &Scenario) -> Scene {
    layout(
        &analyze(sc),
        &View {
            scene: SceneKind::VpcLayouts,
            ..View::default()
        },
    )
}

fn current(s: &Scene) -> Vec<&str> {
    s.shapes
        .iter()
        .filter(|x| x.classes.contains(&"current-layout"))
        .map(|x| x.id.as_str())
        .collect()
}

#[test]
fn default_is_public_only_with_its_needs_met() {
    let s = scene(&Scenario::example());
    assert_eq!(current(&s), vec!["note:layout-public"]);
    let need = s.shape("note:layout-public#1").unwrap();
    assert!(need.label.en.starts_with("✓ "), "{}", need.label.en);
    let route = s.shape("subnet:subnet-a#route").unwrap();
    assert_eq!(route.label.en, "0.0.0.0/0 → igw-1");
    assert!(s.shape("vpce:ecr.api").unwrap().classes.contains(&"absent"));
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn private_subnets_behind_nat_are_public_private() {
    let mut sc = Scenario::example();
    sc.vpc.subnets.push(Subnet {
        subnet_id: "subnet-p".into(),
        availability_zone: "ap-northeast-2a".into(),
        cidr_block: "192.168.128.0/19".into(),
        default_route: Some(DefaultRoute::NatGatewayId("nat-a".into())),
        ..Subnet::default()
    });
    sc.vpc.nat_gateways.push(NatGateway {
        nat_gateway_id: "nat-a".into(),
        subnet_id: "subnet-a".into(),
        public_ip: "3.38.0.1".into(),
    });
    for n in &mut sc.node_groups[0].nodes {
        n.subnet_id = "subnet-p".into();
        n.private_ip = n.private_ip.replacen("192.168.", "192.168.1", 1);
        n.public_ip = None;
    }
    sc.node_groups[0].subnets = vec!["subnet-p".into()];
    sc.pods.clear();
    let s = scene(&sc);
    assert_eq!(current(&s), vec!["note:layout-public-private"]);
    assert_eq!(
        s.shape("subnet:subnet-p#route").unwrap().label.en,
        "0.0.0.0/0 → nat-a"
    );
    assert!(s.shape("nat:nat-a").is_some());
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn a_given_route_table_names_itself_on_its_subnets() {
    let mut sc = crate::trace::fabric_tests::with_tables(crate::testkit::lab(true, false));
    sc.vpc.route_tables[1].routes[1].state = crate::scenario::RouteState::Blackhole;
    let s = scene(&sc);
    let route = |id: &str| {
        s.shape(&format!("subnet:{id}#route"))
            .unwrap()
            .label
            .en
            .clone()
    };
    assert_eq!(route("subnet-a"), "rtb-public: 0.0.0.0/0 → igw-1");
    assert_eq!(
        route("subnet-pa"),
        "rtb-private: 0.0.0.0/0 → nat-a (blackhole)"
    );
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn diagnostics_land_on_their_subnet() {
    let mut sc = Scenario::example();
    sc.vpc.subnets[1].cidr_block = "10.0.0.0/24".into(); // outside the VPC
    let s = scene(&sc);
    let chip = s.shape("subnet:subnet-c#diag-0").unwrap();
    assert!(chip.classes.contains(&"error"));
    assert!(chip
        .data
        .iter()
        .any(|(k, v)| *k == "code" && v == "subnet-outside-vpc"));
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn no_internet_route_is_private_only() {
    let mut sc = Scenario::example();
    for s in &mut sc.vpc.subnets {
        s.default_route = None;
        s.map_public_ip_on_launch = false;
    }
    sc.vpc.internet_gateway = None;
    let s = scene(&sc);
    assert_eq!(current(&s), vec!["note:layout-private"]);
    assert!(s.shape("igw").unwrap().classes.contains(&"absent"));
    let sub = s.shape("subnet:subnet-a").unwrap();
    assert!(sub.classes.contains(&"isolated"));
    assert_eq!(problems(&s), Vec::<String>::new());
}
