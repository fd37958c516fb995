//! Tests of [`super::PodStore`]: it reads back what the old per-pod record held,
//! and pod names stay unique and stable.

use super::*;
use crate::analyze;
use crate::cni::NoIpCause;
use crate::scenario::Scenario;
use proptest::prelude::*;
use std::collections::HashSet;

/// One write to a pod, as the simulation makes them.
#[derive(Debug, Clone)]
enum Op {
    Place(Placement),
    V4(u32, usize, Option<usize>),
    V6(u128, usize),
    Problem(PodProblem),
    Status(PodStatus, bool),
    Subnet(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let placement = prop_oneof![
        Just(Placement::Unscheduled),
        (0usize..100_000).prop_map(|node| Placement::Node { node }),
        (0usize..9).prop_map(|group| Placement::Fargate { group }),
    ];
    let cause = prop_oneof![
        (0usize..500).prop_map(|subnet| NoIpCause::SubnetFull { subnet }),
        Just(NoIpCause::EniLimit),
        Just(NoIpCause::CniNotRunning),
    ];
    let problem = prop_oneof![
        (0u32..9, 0u32..9).prop_map(|(nodes, full)| PodProblem::Unschedulable {
            nodes,
            not_ready: 0,
            mismatched: 1,
            full,
            unregistered: 2,
        }),
        cause.prop_map(|cause| PodProblem::NoIp { cause }),
    ];
    let status = prop_oneof![
        Just(PodStatus::Running),
        Just(PodStatus::Pending),
        Just(PodStatus::ContainerCreating),
    ];
    // Subnets and ENIs mostly small, some past what a record holds (kept aside).
    let subnet = || prop_oneof![4 => 0usize..500, 1 => 65_530usize..70_000];
    let eni = prop_oneof![4 => 0usize..15, 1 => 250usize..260, 1 => 65_530usize..65_534];
    prop_oneof![
        placement.prop_map(Op::Place),
        (any::<u32>(), subnet(), prop::option::of(eni)).prop_map(|(ip, s, e)| Op::V4(ip, s, e)),
        (1u128.., subnet()).prop_map(|(ip, s)| Op::V6(ip, s)),
        problem.prop_map(Op::Problem),
        (status, any::<bool>()).prop_map(|(s, r)| Op::Status(s, r)),
        subnet().prop_map(Op::Subnet),
    ]
}

/// What `op` meant for the old record.
fn apply(p: &mut Pod, op: &Op) {
    match *op {
        Op::Place(x) => {
            p.placement = x;
            p.node = match x {
                Placement::Node { node } => Some(node),
                _ => None,
            };
        }
        Op::V4(ip, s, e) => {
            p.ip = Some(IpAddr::V4(Ipv4Addr::from(ip)));
            p.subnet = Some(s);
            p.eni = e;
        }
        Op::V6(ip, s) => {
            p.ip = Some(IpAddr::V6(Ipv6Addr::from(ip)));
            p.subnet = Some(s);
            p.eni = Some(0);
        }
        Op::Problem(x) => p.problem = Some(x),
        Op::Status(s, r) => {
            p.status = s;
            p.ready = r;
        }
        Op::Subnet(s) => p.subnet = Some(s),
    }
}

fn write(store: &mut PodStore, i: usize, op: &Op) {
    match *op {
        Op::Place(x) => store.set_placement(i, x),
        Op::V4(ip, s, e) => store.set_v4(i, Ipv4Addr::from(ip), s, e),
        Op::V6(ip, s) => store.set_v6(i, Ipv6Addr::from(ip), s, Some(0)),
        Op::Problem(x) => store.set_problem(i, x),
        Op::Status(s, r) => store.set_status(i, s, r),
        Op::Subnet(s) => store.set_subnet(i, s),
    }
}

proptest! {
    /// The compact store reads back every field the old record held, whatever
    /// the simulation wrote into it.
    #[test]
    fn the_store_reads_back_what_the_old_record_held(
        pods in prop::collection::vec(
            (0usize..3, any::<bool>(), "[a-z0-9-]{1,30}",
             prop::collection::vec((op(), any::<prop::sample::Index>()), 0..6)),
            1..40,
        ),
    ) {
        let namespaces = vec![SharedStr::new("default"), SharedStr::new("a"), SharedStr::new("kube-system")];
        let mut store = PodStore::new(namespaces.clone(), 0);
        let mut old: Vec<Pod> = Vec::new();
        for (w, host, name, _) in &pods {
            let i = store.push_pinned(
                NewPod { workload: *w, pinned: true, host_network: *host },
                PodName::new(name),
            );
            prop_assert_eq!(i, old.len());
            old.push(Pod {
                name: PodName::new(name),
                namespace: namespaces[*w].clone(),
                workload: *w,
                pinned: true,
                host_network: *host,
                placement: Placement::Unscheduled,
                node: None,
                subnet: None,
                eni: None,
                ip: None,
                status: PodStatus::Pending,
                problem: None,
                ready: false,
            });
        }
        // The writes, interleaved over the pods.
        for (_, _, _, ops) in &pods {
            for (o, at) in ops {
                let i = at.index(old.len());
                apply(&mut old[i], o);
                write(&mut store, i, o);
            }
        }
        prop_assert_eq!(store.len(), old.len());
        for (i, want) in old.iter().enumerate() {
            let got = store.get(i).unwrap();
            prop_assert_eq!(
                serde_json::to_value(&got).unwrap(),
                serde_json::to_value(want).unwrap()
            );
            prop_assert_eq!(store.node(i), want.node);
            prop_assert_eq!(store.ip(i), want.ip);
            prop_assert_eq!(store.problem(i), want.problem);
            prop_assert_eq!(store.has_problem(i), want.problem.is_some());
            prop_assert_eq!(store.has_ip(i), want.ip.is_some());
        }
        prop_assert!(store.get(old.len()).is_none());
        prop_assert_eq!(
            serde_json::to_value(&store).unwrap(),
            serde_json::to_value(&old).unwrap()
        );
        // One pass over every pod reads the same facts, in order, and sets the
        // statuses as set_status does.
        let mut each = store.clone();
        let mut seen = Vec::new();
        each.settle_each(|i, f| {
            seen.push((i, f.placement, f.workload, f.node, f.has_ip, f.has_problem));
            (PodStatus::ContainerCreating, i % 2 == 0)
        });
        let want: Vec<_> = old
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.placement, p.workload, p.node, p.ip.is_some(), p.problem.is_some()))
            .collect();
        prop_assert_eq!(seen, want);
        for i in 0..old.len() {
            store.set_status(i, PodStatus::ContainerCreating, i % 2 == 0);
            prop_assert_eq!(
                serde_json::to_value(each.get(i).unwrap()).unwrap(),
                serde_json::to_value(store.get(i).unwrap()).unwrap()
            );
        }
    }
}

/// The names the replicas had when each was made one after the other
/// (`Suffixes`, skipping the names pinned pods hold).
fn sequential_names(ns: &str, workload: &str, hash: &str, taken: &[&str], n: usize) -> Vec<String> {
    let mut seq = names::Suffixes::new(names::fnv(&[ns, workload, "pods"]));
    let mut out = Vec::new();
    while out.len() < n {
        let cand = names::name_with(workload, hash, &seq.next_tail()).to_string();
        if !taken.contains(&cand.as_str()) {
            out.push(cand);
        }
    }
    out
}

#[test]
fn names_are_unique_stable_and_skip_the_pinned_ones() {
    let mut s = Scenario::example();
    for w in s.workloads.iter_mut().filter(|w| w.name == "my-nginx") {
        w.replicas += 6;
    }
    // The replicas take the template hash of the pinned pods' names.
    let first_pin = s.pods.iter().find(|p| p.workload == "my-nginx").unwrap();
    let hash = first_pin.name["my-nginx-".len()..]
        .rsplit_once('-')
        .unwrap()
        .0
        .to_string();
    // A pin that takes the name the second replica would have had.
    let second = sequential_names("default", "my-nginx", &hash, &[], 2)[1].clone();
    let mut pin = s.pods[0].clone();
    pin.name = second.clone();
    pin.node_name = String::new();
    pin.pod_ip = None;
    s.pods.push(pin);
    let a = analyze(&s);
    let pods = &a.ipam.pods;
    let mut seen = HashSet::new();
    for (i, p) in pods.iter().enumerate() {
        assert!(
            seen.insert(format!("{}/{}", p.namespace, p.name)),
            "{} twice",
            p.name
        );
        assert_eq!(pods.name(i), Some(p.name.clone()));
        assert_eq!(
            a.ipam.pod_index(&format!("{}/{}", p.namespace, p.name)),
            Some(i)
        );
        assert_eq!(a.ipam.pod_index(&p.eid().to_string()), Some(i));
    }
    // The generated replicas of my-nginx: the sequence, minus the pinned names.
    let pinned: Vec<String> = (0..pods.len())
        .filter(|&i| pods.is_pinned(i))
        .filter_map(|i| pods.name(i).map(String::from))
        .collect();
    let taken: Vec<&str> = pinned.iter().map(String::as_str).collect();
    let w = a
        .ipam
        .workloads
        .iter()
        .position(|w| w.name == "my-nginx")
        .unwrap();
    let generated: Vec<String> = (0..pods.len())
        .filter(|&i| !pods.is_pinned(i) && pods.workload(i) == Some(w))
        .filter_map(|i| pods.name(i).map(String::from))
        .collect();
    assert!(!generated.is_empty());
    let want = sequential_names("default", "my-nginx", &hash, &taken, generated.len());
    assert!(!want.contains(&second) && taken.contains(&second.as_str()));
    assert_eq!(generated, want);
    // Twice the same.
    let b = analyze(&s);
    assert!(pods
        .iter()
        .map(|p| p.name)
        .eq(b.ipam.pods.iter().map(|p| p.name)));
}

#[test]
fn a_large_cluster_names_every_pod_once() {
    let a = analyze(&crate::generate::large(200, 30));
    let pods = &a.ipam.pods;
    assert_eq!(pods.len(), 200 * 32);
    let names: HashSet<String> = pods
        .iter()
        .map(|p| format!("{}/{}", p.namespace, p.name))
        .collect();
    assert_eq!(names.len(), pods.len());
    // A record is 16 bytes; nothing was kept aside.
    assert_eq!(std::mem::size_of::<Rec>(), 16);
    assert!(pods.wide.is_empty() && pods.problem_of.is_empty());
}

/// A status and readiness read off every fact (as the settler does).
fn settle_by_facts(i: usize, f: Facts) -> (PodStatus, bool) {
    let status = match (f.placement, f.has_ip) {
        (Placement::Unscheduled, _) => PodStatus::Pending,
        (_, true) => PodStatus::Running,
        (_, false) => PodStatus::ContainerCreating,
    };
    let ready = (i + f.workload + f.node.unwrap_or(7)).is_multiple_of(2) && !f.has_problem;
    (status, ready)
}

proptest! {
    /// The writes that visit a pod's record once ([`PodStore::push_on_node`],
    /// [`PodStore::set_v4_and_settle`], and [`PodStore::set_running_v4`] with
    /// the former where it declines) leave the store as the writes they stand
    /// for do, narrow or wide subnets and ENIs, with or without IPv6 pods.
    #[test]
    fn the_one_visit_writes_equal_the_writes_they_stand_for(
        pods in prop::collection::vec(
            (0usize..3, any::<bool>(), prop::option::of(0usize..100_000)),
            1..40,
        ),
        ops in prop::collection::vec((op(), any::<prop::sample::Index>()), 0..60),
    ) {
        let namespaces = vec![SharedStr::new("default"), SharedStr::new("a"), SharedStr::new("kube-system")];
        let mut two = PodStore::new(namespaces.clone(), 0);
        let mut one = PodStore::new(namespaces.clone(), 0);
        let mut run = PodStore::new(namespaces, 0);
        for &(workload, host, node) in &pods {
            let new = NewPod { workload, pinned: false, host_network: host };
            let i = two.push(new);
            let j = match node {
                Some(n) => {
                    two.set_placement(i, Placement::Node { node: n });
                    run.push_on_node(new, n);
                    one.push_on_node(new, n)
                }
                None => {
                    run.push(new);
                    one.push(new)
                }
            };
            prop_assert_eq!(i, j);
        }
        for store in [&mut two, &mut one, &mut run] {
            store.name_run(0, pods.len(), "web", "5d8f7c9b4", 1, Vec::new());
        }
        for (o, at) in &ops {
            let i = at.index(pods.len());
            match *o {
                Op::V4(ip, s, e) => {
                    two.set_v4(i, Ipv4Addr::from(ip), s, e);
                    two.settle_one(i, settle_by_facts);
                    let addr = (Ipv4Addr::from(ip), s, e);
                    one.set_v4_and_settle(i, addr, settle_by_facts);
                    let node = run.node(i);
                    let running = |workload, has_problem| {
                        let placement = Placement::Node { node: node.unwrap_or(0) };
                        let facts = Facts { placement, workload, node, has_ip: true, has_problem };
                        settle_by_facts(i, facts).1
                    };
                    if !run.set_running_v4(i, addr, running) {
                        run.set_v4_and_settle(i, addr, settle_by_facts);
                    }
                }
                _ => {
                    write(&mut two, i, o);
                    write(&mut one, i, o);
                    write(&mut run, i, o);
                }
            }
        }
        for i in 0..pods.len() {
            prop_assert_eq!(
                serde_json::to_value(one.get(i).unwrap()).unwrap(),
                serde_json::to_value(two.get(i).unwrap()).unwrap()
            );
            prop_assert_eq!(
                serde_json::to_value(run.get(i).unwrap()).unwrap(),
                serde_json::to_value(two.get(i).unwrap()).unwrap()
            );
        }
        prop_assert_eq!(
            serde_json::to_value(&one).unwrap(),
            serde_json::to_value(&two).unwrap()
        );
        prop_assert_eq!(
            serde_json::to_value(&run).unwrap(),
            serde_json::to_value(&two).unwrap()
        );
    }
}
