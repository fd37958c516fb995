//! Links made with scenario version 1 must keep opening the same view in every
//! later eksnet. These were produced by `share::to_query` when version 1 was
//! current; never edit them: add new fixtures for new versions instead.

use eksnet::share::from_query;
use eksnet::{Flow, Lang, SceneKind};

#[test]
fn readable_links() {
    let p = from_query("scene=endpoint&access=private&flow=kubelet:ip-192-168-46-6");
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.link.scene, SceneKind::Endpoint);
    let r = &p.link.scenario.cluster.resources_vpc_config;
    assert!(!r.endpoint_public_access && r.endpoint_private_access);
    assert_eq!(
        p.link.flow,
        Some(Flow::Kubelet {
            node: "ip-192-168-46-6".into()
        })
    );

    let p = from_query("embed&scene=inside-node&node=ip-192-168-90-3&lang=ko");
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert!(p.link.embed);
    assert_eq!(p.link.node.as_deref(), Some("ip-192-168-90-3"));
    assert_eq!(p.link.lang, Some(Lang::Ko));
}

#[test]
fn compressed_scenario_link() {
    // The default scenario with 9 nginx replicas and prefix delegation on.
    let q = include_str!("fixtures/link-v1-replicas9-prefix.txt").trim();
    let p = from_query(q);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.link.scene, SceneKind::InsideNode);
    assert_eq!(p.link.scenario.version, 1);
    assert_eq!(p.link.scenario.workloads[0].replicas, 9);
    assert!(p.link.scenario.cni.enable_prefix_delegation);
    assert_eq!(p.link.scenario.node_groups[0].nodes.len(), 4);
}
