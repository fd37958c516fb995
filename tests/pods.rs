//! Browser tests of pod addresses: the slots drawn inside a node and the pods
//! of the pod network are the core's allocation, and follow the replicas.
//! Included by `browser.rs` (its helpers are `super::`).

use eksnet::{analyze, Scenario, SceneKind, View};
use eksnet_web::Initial;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

use super::{click, mount, q, qa, settle};

/// `(ip, pod, eni)` of every address slot drawn for `node` in "inside a node".
fn slots_in_dom(root: &Element) -> std::collections::BTreeSet<(String, String, String)> {
    qa(root, "svg.eksnet-scene g[data-role=slot]")
        .iter()
        .map(|e| {
            let a = |k: &str| e.get_attribute(k).unwrap_or_default();
            (a("data-ip"), a("data-pod"), a("data-eni"))
        })
        .collect()
}

/// The same, from the core's allocation for node `name`.
fn slots_in_core(
    scenario: &Scenario,
    name: &str,
) -> std::collections::BTreeSet<(String, String, String)> {
    let a = analyze(scenario);
    let i = a.model.node_index(name).expect("the node exists");
    let node = a
        .ipam
        .nodes
        .iter()
        .find(|n| n.node == i)
        .expect("the node has IPAM");
    let mut out = std::collections::BTreeSet::new();
    for eni in node.enis() {
        // The ENI's own primary address is drawn as a slot no pod can hold.
        out.insert((eni.primary_ip.to_string(), String::new(), eni.name()));
        for slot in eni.all_slots() {
            let pod = slot
                .pod
                .and_then(|p| a.ipam.pods.get(p as usize))
                .map(|p| format!("{}/{}", p.namespace, p.name))
                .unwrap_or_default();
            out.insert((slot.ip.to_string(), pod, eni.name()));
        }
    }
    out
}

/// `(pod, ip, node)` of every pod drawn in "pod network", and the core's.
fn pods_in_dom(root: &Element) -> std::collections::BTreeSet<(String, String, String)> {
    qa(root, "svg.eksnet-scene g[data-role=pod][data-pod]")
        .iter()
        .map(|e| {
            let a = |k: &str| e.get_attribute(k).unwrap_or_default();
            (a("data-pod"), a("data-ip"), a("data-node"))
        })
        .collect()
}

fn pods_in_core(scenario: &Scenario) -> std::collections::BTreeSet<(String, String, String)> {
    let a = analyze(scenario);
    a.ipam
        .pods
        .iter()
        .filter(|p| !p.host_network)
        .filter_map(|p| {
            let node = a.model.nodes.get(p.node?)?;
            Some((
                format!("{}/{}", p.namespace, p.name),
                p.ip?.to_string(),
                node.name.clone(),
            ))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn pod_slots_are_the_core_allocation_and_follow_the_replicas() {
    let root = mount(Initial {
        view: View {
            scene: SceneKind::InsideNode,
            ..View::default()
        },
        ..Initial::default()
    });
    settle().await;
    let node = || {
        q(&root, "select[data-control=node]")
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    };
    let mut scenario = Scenario::example();
    let before = slots_in_dom(&root);
    assert!(!before.is_empty(), "inside a node draws address slots");
    // The overview draws the first slots of each ENI (the rest are summed up in
    // "+N more"): each drawn slot is the core's, with the pod the core put there.
    assert!(before.is_subset(&slots_in_core(&scenario, &node())));
    assert!(
        before.iter().any(|(_, pod, _)| !pod.is_empty()),
        "a pod holds a slot"
    );
    assert!(
        before.iter().any(|(_, pod, _)| pod.is_empty()),
        "warm slots are drawn"
    );
    // Scale up by four: the new replicas take addresses, as the core allocates them.
    for _ in 0..4 {
        click(&root, "[data-control=replicas-up]");
        settle().await;
    }
    scenario.workloads[0].replicas += 4;
    let after = slots_in_dom(&root);
    assert!(after.is_subset(&slots_in_core(&scenario, &node())));
    let held = |s: &std::collections::BTreeSet<(String, String, String)>| {
        s.iter().filter(|(_, p, _)| !p.is_empty()).count()
    };
    assert!(
        held(&after) > held(&before),
        "scaling up assigns more addresses on this node"
    );

    // In the pod network, every running pod is drawn with its IP and node.
    click(&root, "#scene-tab-pod-network");
    settle().await;
    assert_eq!(pods_in_dom(&root), pods_in_core(&scenario));
    for _ in 0..6 {
        click(&root, "[data-control=replicas-down]");
        settle().await;
    }
    scenario.workloads[0].replicas -= 6;
    let fewer = pods_in_dom(&root);
    assert_eq!(fewer, pods_in_core(&scenario));
    assert_eq!(
        fewer
            .iter()
            .filter(|(p, _, _)| p.starts_with("default/my-nginx"))
            .count(),
        2,
        "two replicas left"
    );
}
