//! Tests of the "Subnet addresses" scene.

use super::*;
use crate::scene::{legibility, problems, Shape, SizeClass};
use crate::{analyze, generate, Scenario};

fn view(selection: Option<&str>) -> View {
    View {
        scene: SceneKind::SubnetAddresses,
        selection: selection.map(|s| ElementId(s.to_string())),
        ..View::default()
    }
}

fn fragmented() -> Scenario {
    let text = include_str!("../../../../docs/examples/fragmented-subnet.json");
    Scenario::from_json(text).expect("the example parses")
}

fn data<'s>(s: &'s Shape, k: &str) -> Option<&'s str> {
    s.data
        .iter()
        .find(|(x, _)| *x == k)
        .map(|(_, v)| v.as_str())
}

fn blocks(s: &Scene) -> Vec<&Shape> {
    s.shapes
        .iter()
        .filter(|x| x.role == Role::Slot && data(x, "block").is_some())
        .collect()
}

#[test]
fn the_default_scenario_shows_its_fullest_subnet_as_28s() {
    let a = analyze(&Scenario::example());
    let s = crate::layout(&a, &view(None));
    assert_eq!(problems(&s), Vec::<String>::new());
    // subnet-a (192.168.32.0/19): 8,145 free addresses, 504 free aligned /28s
    // (as `eksnet subnets` prints it).
    let sub = s
        .shape("subnet:subnet-a")
        .expect("the fullest subnet is drawn");
    assert_eq!(data(sub, "free"), Some("8145"));
    assert_eq!(data(sub, "free-blocks28"), Some("504"));
    let counts = s.shape("note:addresses").unwrap();
    assert!(counts
        .label
        .en
        .contains("8145 free addresses · 504 free aligned /28s of 512"));
    assert!(counts.label.ko.contains("정렬된 빈 /28 504개"));
    // The forecast's one line: pods stop at max pods first (`eksnet subnets`).
    let f = s.shape("note:forecast").unwrap();
    assert_eq!(
        f.label.en,
        "52 more pods fit on 2 nodes; then the nodes reach their max pods"
    );
    assert!(f.note.as_ref().unwrap().en.contains("ng-1: +814 nodes"));
    // The first block holds AWS's first four addresses and the nodes'; a block's
    // code and its holders in the note.
    let first = s.shape("subnet:subnet-a#192.168.32.0/28").unwrap();
    assert_eq!(first.parent.as_ref().unwrap().as_str(), "subnet:subnet-a");
    let note = &first.note.as_ref().unwrap().en;
    assert!(note.starts_with("192.168.32.0/28: "), "{note}");
    // Holders are named for the selected block (the details panel shows them).
    assert!(!note.contains(".0 reserved by AWS"), "{note}");
    let sel = crate::layout(&a, &view(Some("subnet:subnet-a#192.168.32.0/28")));
    let first = sel.shape("subnet:subnet-a#192.168.32.0/28").unwrap();
    let note = first.note.as_ref().unwrap();
    // AWS's first four addresses as one run, the first node's warm IPs as one.
    assert!(note.en.contains("; .0–.3 reserved by AWS;"), "{}", note.en);
    assert!(note.ko.contains("; .0–.3 AWS 예약;"), "{}", note.ko);
    assert!(
        note.en.contains("–.12 warm IPs: ip-192-168-46-6"),
        "{}",
        note.en
    );
    // Every block drawn shows a code the legend explains, and a class for its colour.
    let bs = blocks(&s);
    assert!(!bs.is_empty());
    for b in &bs {
        assert!(
            s.legend
                .iter()
                .any(|l| l.label.en.starts_with(&format!("{} ", b.label.en))),
            "{} ({}) has no legend entry",
            b.id,
            b.label.en
        );
        assert!(b.classes.iter().any(|c| c.starts_with("own-")));
        assert!(b.classes.iter().any(|c| c.starts_with("blk-")));
    }
    // Every held block of the default's subnet is drawn (rows of held blocks
    // come before whole free rows when not all rows fit).
    let map = crate::addrmap::build(&a);
    let held = map.find("subnet-a").unwrap().blocks.iter();
    let held = held
        .filter(|b| b.kind != crate::addrmap::BlockKind::Free)
        .count();
    assert_eq!(
        bs.iter()
            .filter(|b| data(b, "kind") != Some("free"))
            .count(),
        held
    );
    // The free rest is folded: the /19 is a few dozen shapes, not 512 blocks.
    assert!(s.shapes.len() < 120, "{}", s.shapes.len());
    let free: usize = s
        .shapes
        .iter()
        .filter_map(|x| data(x, "free-blocks28").filter(|_| x.classes.contains(&"blk-free")))
        .filter_map(|v| v.parse::<usize>().ok())
        .sum();
    assert!(free > 0);
    // Other subnets are chips; the shown one is marked.
    let chip = s.shape("subnet:subnet-a#chip").unwrap();
    assert!(chip.classes.contains(&"current-layout"));
    assert!(s.shape("subnet:subnet-c#chip").is_some());
}

#[test]
fn selecting_a_block_or_chip_shows_its_subnet_and_holders() {
    let a = analyze(&Scenario::example());
    // A chip selects its subnet.
    let s = crate::layout(&a, &view(Some("subnet:subnet-c#chip")));
    assert!(s.shape("subnet:subnet-c").is_some());
    assert!(s.shape("subnet:subnet-a").is_none());
    assert_eq!(problems(&s), Vec::<String>::new());
    // A node selects its subnet, and a block its holders.
    let node = &a.model.nodes[0];
    let s = crate::layout(&a, &view(Some(node.eid.as_str())));
    let sid = a.model.subnets[node.subnet].id.clone();
    assert!(s.shape(&format!("subnet:{sid}")).is_some());
    let ip = u32::from(node.private_ip);
    let net = std::net::Ipv4Addr::from(ip & !15);
    let id = format!("subnet:{sid}#{net}/28");
    let s = crate::layout(&a, &view(Some(&id)));
    let b = s.shape(&id).expect("the node's block is drawn");
    assert!(b.classes.contains(&"selected"));
    let name = node.name.split('.').next().unwrap();
    assert!(b.note.as_ref().unwrap().en.contains(name), "{:?}", b.note);
    assert!(data(b, "holders").unwrap().contains(node.eid.as_str()));
}

#[test]
fn a_fragmented_subnet_shows_free_addresses_but_no_free_28() {
    let a = analyze(&fragmented());
    let s = crate::layout(&a, &view(Some("subnet:subnet-nodes")));
    assert_eq!(problems(&s), Vec::<String>::new());
    let counts = s.shape("note:addresses").unwrap();
    assert_eq!(data(counts, "free"), Some("42"));
    assert_eq!(data(counts, "free-blocks28"), Some("0"));
    assert!(counts.classes.contains(&"warning"));
    assert!(counts.label.en.contains("fragmented: no prefix fits"));
    // A /26: four blocks, none free, the explicit reservation's partly used.
    let bs = blocks(&s);
    assert_eq!(bs.len(), 4);
    assert!(bs.iter().all(|b| data(b, "kind") != Some("free")));
    let b = s.shape("subnet:subnet-nodes#10.0.0.16/28").unwrap();
    assert_eq!(data(b, "kind"), Some("partial"));
    // A small subnet's blocks have room for their free count.
    assert_eq!(b.label.en, "RE · 8 of 16 free");
    assert_eq!(b.label.ko, "RE · 16개 중 8개 빔");
    for b in &bs {
        let code = b.label.en.split(" · ").next().unwrap();
        assert!(s
            .legend
            .iter()
            .any(|l| l.label.en.starts_with(&format!("{code} "))));
    }
    assert!(b.classes.contains(&"blk-partial"));
    assert!(s
        .legend
        .iter()
        .any(|l| l.label.en.starts_with("partly used (fragmented): dashed")));
    let f = s.shape("note:forecast").unwrap();
    assert!(
        f.label.en.contains("InsufficientCidrBlocks"),
        "{}",
        f.label.en
    );
}

#[test]
fn a_thousand_nodes_stay_legible_and_few() {
    let a = analyze(&generate::large(1_000, 20));
    let s = crate::layout(&a, &view(None));
    assert_eq!(problems(&s), Vec::<String>::new());
    assert!(s.shapes.len() < 150, "{}", s.shapes.len());
    assert!(legibility(&s, SizeClass::App).holds());
}
