//! The flat [`super::NodeStore`] answers exactly what the per-node vectors it
//! replaced held, for random clusters and for imported (observed) ENIs: each
//! node's ENIs in order, their subnets, primary addresses, slots and their pods,
//! prefixes, observed parts, ids, warm pools, and each pod's address on its ENI.

use std::net::IpAddr;

use proptest::prelude::*;

use super::eni::Slot;
use super::ipam::Ipam;
use super::names::{eni_id_of, fnv};
use super::node_store::reference;
use super::proptests::{knobs, scenario};
use crate::model::{self, Ledger, Model};
use crate::Scenario;

/// Simulates `s` while recording the old layout; returns the model, the result
/// and the recorded nodes.
fn simulate_recorded(s: &Scenario) -> (Model, Ipam, Vec<reference::Node>) {
    let mut d = Vec::new();
    let m = model::build(s, &mut d);
    let mut ledger = Ledger::new(&m.pools);
    reference::start();
    let ipam = super::simulate(&m, &mut ledger, &mut d);
    (m, ipam, reference::take())
}

/// Each node's pods in the order the scheduler placed them, worked out from the
/// pods alone: pins placed on their own node first, then workload by workload
/// (pins placed elsewhere before its new replicas), then the system pods.
fn placement_order(m: &Model, ipam: &Ipam) -> Vec<Vec<usize>> {
    let system = ipam.workloads.len().saturating_sub(2);
    let key = |i: usize| {
        let w = ipam.pods.workload(i).unwrap_or(0);
        if w >= system {
            return (2, 0, 0, i);
        }
        if ipam.pods.is_pinned(i) {
            let name = ipam
                .pods
                .name(i)
                .map(|n| String::from(&*n))
                .unwrap_or_default();
            let asked = m
                .k8s
                .pods
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| m.node_index(&p.node_name));
            if asked.is_some() && asked == ipam.pods.node(i) {
                return (0, 0, 0, i);
            }
            return (1, w, 0, i);
        }
        (1, w, 1, i)
    };
    let mut out = vec![Vec::new(); m.nodes.len()];
    for i in 0..ipam.pods.len() {
        if let Some(v) = ipam.pods.node(i).and_then(|n| out.get_mut(n)) {
            v.push(i);
        }
    }
    for v in &mut out {
        v.sort_by_key(|&i| key(i));
    }
    out
}

fn same(m: &Model, ipam: &Ipam, old: &[reference::Node]) -> Result<(), TestCaseError> {
    prop_assert_eq!(ipam.nodes.len(), old.len());
    let order = placement_order(m, ipam);
    for (n, (node, (enis, pods))) in ipam.nodes.iter().zip(old).enumerate() {
        prop_assert_eq!(node.node, n);
        prop_assert_eq!(node.pods().collect::<Vec<_>>(), pods.clone());
        prop_assert_eq!(pods, &order[n], "node {}", n);
        prop_assert_eq!(node.enis().len(), enis.len());
        let name = &m.nodes[n].name;
        prop_assert_eq!(node.name(), name.as_str());
        prop_assert_eq!(node.eid(), m.nodes[n].eid.clone());
        let (mut held, mut assigned) = (0, 0);
        for (k, (e, o)) in node.enis().zip(enis).enumerate() {
            let again = node.enis().get(k).expect("ENI by position");
            prop_assert_eq!(again.primary_ip, e.primary_ip);
            prop_assert_eq!(e.index, o.index);
            prop_assert_eq!(e.subnet, o.subnet);
            prop_assert_eq!(e.primary_ip, o.primary_ip);
            prop_assert_eq!(e.hosts_pods, o.hosts_pods);
            prop_assert_eq!(e.observed, o.observed.as_ref());
            prop_assert_eq!(e.slots().len(), o.slots.len());
            prop_assert_eq!(e.slots().collect::<Vec<_>>(), o.slots.clone());
            prop_assert_eq!(e.prefixes().len(), o.prefixes.len());
            for (p, q) in e.prefixes().zip(&o.prefixes) {
                prop_assert_eq!(p.cidr, q.cidr);
                prop_assert_eq!(p.slots().len(), 16);
                prop_assert_eq!(p.slots().collect::<Vec<_>>(), q.slots.to_vec());
            }
            let all: Vec<Slot> = o
                .slots
                .iter()
                .chain(o.prefixes.iter().flat_map(|p| p.slots.iter()))
                .copied()
                .collect();
            prop_assert_eq!(e.all_slots().collect::<Vec<_>>(), all.clone());
            prop_assert_eq!(e.capacity(), all.len());
            let used = all.iter().filter(|s| s.pod.is_some()).count();
            prop_assert_eq!(e.assigned(), used);
            (held, assigned) = (held + all.len(), assigned + used);
            let id = match &o.observed {
                Some(x) => x.id.clone(),
                None => eni_id_of(fnv(&[name]), o.index),
            };
            prop_assert_eq!(e.id(), id);
            prop_assert_eq!(e.eid(), crate::ElementId::node_eni(name, o.index));
        }
        prop_assert_eq!(node.pod_addresses(), held);
        prop_assert_eq!(node.assigned(), assigned);
        prop_assert_eq!(node.warm(), held - assigned);
    }
    // Each pod with an address on an ENI holds its slot there.
    for i in 0..ipam.pods.len() {
        let (Some(n), Some(e), Some(IpAddr::V4(ip))) =
            (ipam.pods.node(i), ipam.pods.eni(i), ipam.pods.ip(i))
        else {
            continue;
        };
        let eni = ipam.nodes.get(n).and_then(|x| x.enis().get(e));
        let eni = eni.expect("the pod's ENI");
        let slot = eni.all_slots().find(|s| s.ip == ip);
        prop_assert_eq!(slot.and_then(|s| s.pod), Some(i as u32), "pod {}", i);
    }
    Ok(())
}

/// Every slot's pod read off the nodes' pods equals the array the simulation
/// used to derive (slot after slot, node after node).
fn slots_read_as_the_array(ipam: &Ipam) -> Result<(), TestCaseError> {
    let host: Vec<bool> = (0..ipam.pods.len())
        .map(|i| ipam.pods.host_network(i))
        .collect();
    let array = ipam.nodes.slot_pods_array(&host);
    let read: Vec<u32> = ipam
        .nodes
        .iter()
        .flat_map(|n| n.enis().collect::<Vec<_>>())
        .flat_map(|e| e.all_slots().map(|s| s.pod.unwrap_or(u32::MAX)))
        .collect();
    prop_assert_eq!(read, array);
    // An ENI read on its own (not after its node's earlier ones) and from the
    // back reads the same.
    for n in &ipam.nodes {
        let fwd: Vec<Vec<Slot>> = n.enis().map(|e| e.all_slots().collect()).collect();
        let mut back: Vec<Vec<Slot>> = n.enis().rev().map(|e| e.all_slots().collect()).collect();
        back.reverse();
        prop_assert_eq!(&fwd, &back);
        for (k, slots) in fwd.iter().enumerate() {
            let e = n.enis().get(k).expect("ENI by position");
            prop_assert_eq!(&e.all_slots().collect::<Vec<_>>(), slots);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn each_slots_pod_read_off_the_nodes_pods_is_the_derived_array(k in knobs()) {
        let (_, ipam, _) = simulate_recorded(&scenario(&k));
        slots_read_as_the_array(&ipam)?;
    }

    #[test]
    fn the_flat_store_answers_what_the_old_layout_held(k in knobs()) {
        let (m, ipam, old) = simulate_recorded(&scenario(&k));
        same(&m, &ipam, &old)?;
    }

    #[test]
    fn observed_enis_of_an_import_read_back_as_they_were_held(replicas in 0u32..70) {
        let out = crate::import::import(&crate::import::tests::fixture("observed-enis"));
        let mut s = out.scenario.expect("scenario");
        if let Some(w) = s.workloads.iter_mut().find(|w| w.name == "web") {
            w.replicas = replicas;
        }
        let (m, ipam, old) = simulate_recorded(&s);
        prop_assert!(old.iter().any(|(enis, _)| enis.iter().any(|e| e.observed.is_some())));
        same(&m, &ipam, &old)?;
        slots_read_as_the_array(&ipam)?;
    }
}

#[test]
fn the_default_and_a_generated_cluster_read_back_as_they_were_held() {
    for s in [Scenario::example(), crate::generate::large(300, 30)] {
        let (m, ipam, old) = simulate_recorded(&s);
        assert!(!old.is_empty());
        same(&m, &ipam, &old).expect("same answers");
        slots_read_as_the_array(&ipam).expect("same slots");
    }
}
