//! Tests of "Inside a node".
use super::*;
use crate::scene::problems;
use crate::{analyze, Scenario};

fn view(node: Option<&str>) -> View {
    View {
        scene: SceneKind::InsideNode,
        node: node.map(str::to_string),
        ..View::default()
    }
}

#[test]
fn slots_equal_the_allocation() {
    let a = analyze(&Scenario::example());
    let s = layout(&a, &view(Some("ip-192-168-46-6")));
    let nip = a.ipam.nodes.iter().find(|n| n.node == 0).unwrap();
    // Every slot of every ENI is drawn, with its pod.
    for e in nip.enis() {
        assert!(s.shape(e.eid().as_str()).is_some(), "{}", e.eid());
        for sl in e.slots() {
            match sl.pod {
                Some(p) => {
                    let pod = a.ipam.pods.get(p as usize).unwrap();
                    let sh = s.shape(pod.eid().as_str()).unwrap();
                    assert!(sh.classes.contains(&"assigned"));
                    let d = |k: &str| {
                        sh.data
                            .iter()
                            .find(|(x, _)| *x == k)
                            .map(|(_, v)| v.as_str())
                    };
                    assert_eq!(d("ip"), Some(sl.ip.to_string().as_str()));
                    assert_eq!(d("eni"), Some(e.name().as_str()));
                    assert_eq!(d("node"), Some(a.model.nodes[0].name.as_str()));
                }
                None => {
                    let sh = s.shape(e.eid().part(&sl.ip.to_string()).as_str()).unwrap();
                    assert!(sh.classes.contains(&"warm"));
                }
            }
        }
    }
    // The console 1 pod on this node holds 192.168.36.89.
    let pod = s.shape("pod:default/my-nginx-5dc4865748-g2xzk").unwrap();
    assert_eq!(pod.label.en, "192.168.36.89");
    assert!(s.shape("note:max-pods").is_some());
    assert!(s
        .shape("node:ip-192-168-46-6.ap-northeast-2.compute.internal#routes")
        .is_some());
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn prefix_delegation_draws_prefixes() {
    let mut sc = Scenario::example();
    sc.cni.enable_prefix_delegation = true;
    let a = analyze(&sc);
    let s = layout(&a, &view(None));
    let prefixes: Vec<&Shape> = s
        .shapes
        .iter()
        .filter(|x| x.classes.contains(&"prefix"))
        .collect();
    assert!(!prefixes.is_empty());
    assert_eq!(problems(&s), Vec::<String>::new());
}

/// The uncapped value, the cap and the result read as one sentence, unclipped,
/// folded (the app at Fit) or not; the result is the highlighted line.
#[test]
fn max_pods_reads_as_one_sentence() {
    use crate::scene::kit::Folding;
    for (it, pd, sentence) in [
        (
            "m5.large",
            true,
            "Addresses: 3 × ((10 − 1) × 16) + 2 = 434; cap for 2 vCPUs (≤ 30): 110; max pods = min(434, 110) = 110.",
        ),
        (
            "c5.18xlarge",
            false,
            "Addresses: 15 × (50 − 1) + 2 = 737; cap for 72 vCPUs (> 30): 250; max pods = min(737, 250) = 250.",
        ),
        (
            "m5.large",
            false,
            "Addresses: 3 × (10 − 1) + 2 = 29; cap for 2 vCPUs (≤ 30): 110; max pods = min(29, 110) = 29.",
        ),
    ] {
        let mut sc = Scenario::example();
        sc.cni.enable_prefix_delegation = pd;
        for g in &mut sc.node_groups {
            g.instance_type = it.into();
        }
        let a = analyze(&sc);
        for fold in [true, false] {
            let _f = Folding::new(fold, 1.6, false);
            let s = layout(&a, &view(None));
            let part = |k: &str| s.shape(&format!("note:max-pods#{k}")).unwrap();
            // (A long count takes two rows: its name, then its arithmetic.)
            let read = |lang: fn(&Text) -> &str| {
                ["addresses", "addresses-sum", "cap", "result"]
                    .iter()
                    .filter_map(|k| s.shape(&format!("note:max-pods#{k}")))
                    .map(|x| lang(&x.label).to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            assert_eq!(read(|t| &t.en), sentence, "{it} fold={fold}");
            assert!(!read(|t| &t.ko).contains('…'));
            assert!(part("result").classes.contains(&"formula"));
            assert!(!part("addresses").classes.contains(&"formula"));
            assert_eq!(s.shape("note:max-pods#step-0").is_some(), !fold);
        }
    }
}

#[test]
fn more_replicas_fill_more_slots() {
    let mut sc = Scenario::example();
    sc.workloads[0].replicas = 40;
    let a = analyze(&sc);
    let s = layout(&a, &view(None));
    let assigned = s
        .shapes
        .iter()
        .filter(|x| x.classes.contains(&"assigned"))
        .count();
    let nip = a.ipam.nodes.iter().find(|n| n.node == 0).unwrap();
    assert_eq!(assigned, nip.assigned().min(MAX_SLOTS * MAX_ENIS));
    assert!(assigned > 1);
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn no_nodes_is_a_note() {
    let mut sc = Scenario::example();
    sc.node_groups.clear();
    let s = layout(&analyze(&sc), &view(None));
    assert!(s.shape("note:no-nodes").is_some());
    assert_eq!(problems(&s), Vec::<String>::new());
}

#[test]
fn observed_enis_are_drawn_as_observed_with_the_next_pods_address() {
    let files = crate::import::tests::fixture("observed-enis");
    let mut sc = crate::import::import(&files).scenario.expect("scenario");
    let a = analyze(&sc);
    let s = layout(&a, &view(Some("ip-10-0-20-11")));
    let ni = a.model.node_index("ip-10-0-20-11").expect("node");
    let nip = a.ipam.nodes.iter().find(|n| n.node == ni).unwrap();
    // Each ENI drawn under its observed id, marked observed in words.
    for e in nip.enis() {
        let sh = s.shape(e.eid().as_str()).expect("eni drawn");
        assert!(sh.label.en.contains(&e.id()), "{}", sh.label.en);
        assert!(sh.label.en.ends_with(" · observed"), "{}", sh.label.en);
        assert!(sh.label.ko.ends_with(" · 관찰"), "{}", sh.label.ko);
    }
    // The pod on eth1 sits in the slot kubectl shows.
    let pod = a
        .ipam
        .pods
        .iter()
        .find(|p| p.name.as_str() == "web-5dc4865748-x7k2p")
        .unwrap();
    let sh = s.shape(pod.eid().as_str()).expect("pod drawn");
    assert!(sh.data.contains(&("eni", "eth1".into())));
    assert!(sh.data.contains(&("ip", "10.0.28.20".into())));
    // Free observed slots and the next pod's address: eth0's first free slot.
    let note = s
        .shape(a.model.nodes[ni].eid.part("observed").as_str())
        .expect("forecast note");
    assert_eq!(
        note.label.en,
        "observed: 15 free · next pod: 10.0.17.40 (eth0)"
    );
    assert!(s
        .description
        .en
        .contains("as describe-network-interfaces shows them"));
    assert!(problems(&s).is_empty(), "{:?}", problems(&s));
    // More pods than observed slots: eth2 is simulated, and said so.
    sc.workloads
        .iter_mut()
        .find(|w| w.name == "web")
        .unwrap()
        .replicas = 40;
    let a = analyze(&sc);
    let s = layout(&a, &view(Some("ip-10-0-20-11")));
    let nip = a.ipam.nodes.iter().find(|n| n.node == ni).unwrap();
    let eth2 = s
        .shape(nip.enis().get(2).unwrap().eid().as_str())
        .expect("eth2");
    assert!(eth2.label.en.ends_with(" · simulated"), "{}", eth2.label.en);
    let note = s
        .shape(a.model.nodes[ni].eid.part("observed").as_str())
        .unwrap();
    assert!(
        note.label.en.starts_with("observed: 0 free · next pod: "),
        "{}",
        note.label.en
    );
}
