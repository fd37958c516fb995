//! The `observed-enis` fixture: `describe-network-interfaces` with each node's eth0
//! and eth1 and their secondary addresses (secondary-IP mode), and kubectl's pods
//! on them, one of them on eth1. Observed ENIs are kept one by one; the pods hold
//! the slots kubectl says; the simulation grows the pool only when pods need more.

use super::import;
use super::tests::fixture;
use crate::model::Holder;
use crate::{analyze, Analysis, Scenario};

fn imported() -> (Scenario, super::Report, Analysis) {
    let out = import(&fixture("observed-enis"));
    let s = out.scenario.expect("scenario");
    let a = analyze(&s);
    (s, out.report, a)
}

fn node_of(a: &Analysis, ip: &str) -> usize {
    let ip: std::net::Ipv4Addr = ip.parse().unwrap();
    a.ipam
        .nodes
        .iter()
        .position(|n| a.model.nodes[n.node].private_ip == ip)
        .expect("node")
}

#[test]
fn observed_enis_are_kept_one_by_one_with_their_addresses() {
    let (s, report, a) = imported();
    let errors: Vec<_> = a.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The scenario keeps each node's ENIs as observed, eth0 first.
    let pin = &s.node_groups[0].nodes[0];
    let ids: Vec<&str> = pin
        .enis
        .iter()
        .map(|e| e.network_interface_id.as_str())
        .collect();
    assert_eq!(ids, ["eni-0b1c2d3e4f5a60001", "eni-0b1c2d3e4f5a60002"]);
    assert_eq!(pin.enis[1].device_index, 1);
    assert_eq!(pin.enis[1].private_ip_address, "10.0.27.14");
    assert_eq!(pin.enis[1].secondary_private_ip_addresses.len(), 9);
    // The simulation starts from them: same ids, addresses, all marked observed.
    let n = a.ipam.nodes.get(node_of(&a, "10.0.20.11")).unwrap();
    assert_eq!(n.enis().len(), 2);
    assert!(n.enis().all(|e| e.observed.is_some()));
    assert_eq!(n.enis().get(1).unwrap().id(), "eni-0b1c2d3e4f5a60002");
    assert_eq!(
        n.enis().get(1).unwrap().primary_ip.to_string(),
        "10.0.27.14"
    );
    let addrs: Vec<String> = n
        .enis()
        .get(0)
        .unwrap()
        .slots()
        .map(|s| s.ip.to_string())
        .collect();
    assert_eq!(addrs[..3], ["10.0.21.5", "10.0.22.7", "10.0.17.40"]);
    assert_eq!(n.pod_addresses(), 18);
    // Each pod holds the slot kubectl says, on the ENI that has it.
    let held = |ip: &str| {
        n.enis()
            .enumerate()
            .find_map(|(e, x)| {
                x.slots()
                    .find(|s| s.ip.to_string() == ip)
                    .map(|s| (e, s.pod))
            })
            .and_then(|(e, p)| Some((e, a.ipam.pods.get(p? as usize)?.name.to_string())))
    };
    assert_eq!(held("10.0.28.20"), Some((1, "web-5dc4865748-x7k2p".into())));
    assert_eq!(held("10.0.21.5"), Some((0, "web-5dc4865748-6pr9g".into())));
    assert_eq!(n.assigned(), 3);
    // The report says what was drawn and what was only counted.
    let f = report
        .files
        .iter()
        .find(|f| f.file == "network-interfaces.json")
        .unwrap();
    assert!(
        f.contributed
            .iter()
            .any(|c| c.en.contains("ENIs attached to imported nodes: 4")),
        "{:#?}",
        f.contributed
    );
    assert!(report.dropped.iter().any(|d| d
        .text
        .en
        .starts_with("1 other ENIs are attached to no imported node")));
    // Nothing else took an observed address: the subnet counts them as held.
    let sub = a.model.nodes[n.node].subnet;
    let acc = a.ipam.subnets[sub].accounting.as_ref().expect("accounting");
    let count = |h: Holder| acc.held.iter().find(|x| x.0 == h).map_or(0, |x| x.1);
    assert_eq!(count(Holder::Warm), 15, "{acc:?}");
    assert_eq!(count(Holder::PodAssigned), 3, "{acc:?}");
    assert_eq!(count(Holder::EniPrimary), 1, "{acc:?}");
}

#[test]
fn the_pool_grows_past_the_observed_enis_only_for_pods_that_need_it() {
    let (mut s, _, a) = imported();
    // As observed: 2 ENIs per node, nothing added although WARM_ENI_TARGET=1.
    assert!(a.ipam.nodes.iter().all(|n| n.enis().len() == 2));
    // Twenty more replicas of web than the observed slots hold: ipamd attaches
    // eth2 (simulated) for them, after the observed slots are used up.
    let web = s.workloads.iter_mut().find(|w| w.name == "web").unwrap();
    web.replicas = 40;
    let a = analyze(&s);
    let n = a.ipam.nodes.get(node_of(&a, "10.0.20.11")).unwrap();
    assert_eq!(n.enis().len(), 3, "{:#?}", n.enis().len());
    assert!(n.enis().take(2).all(|e| e.observed.is_some()));
    assert!(n.enis().get(2).unwrap().observed.is_none());
    assert!(n.enis().take(2).all(|e| e.slots().all(|s| s.pod.is_some())));
}

#[test]
fn an_observed_address_that_cannot_be_placed_is_left_out_and_located() {
    let (mut s, _, _) = imported();
    let e = &mut s.node_groups[0].nodes[0].enis[1];
    // 10.0.40.5 is in the other AZ's subnet; 10.0.28.16/27 is no /28.
    e.secondary_private_ip_addresses.push("10.0.40.5".into());
    e.ipv4_prefixes.push("10.0.28.16/27".into());
    let a = analyze(&s);
    let mut paths: Vec<&str> = a
        .diagnostics
        .iter()
        .filter(|d| d.code == crate::codes::Code::EniAddressUnusable.as_str())
        .map(|d| d.path.as_str())
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/nodeGroups/0/nodes/0/enis/1/ipv4Prefixes/0",
            "/nodeGroups/0/nodes/0/enis/1/secondaryPrivateIpAddresses/9",
        ]
    );
    let n = a.ipam.nodes.get(node_of(&a, "10.0.20.11")).unwrap();
    assert_eq!(n.enis().get(1).unwrap().slots().len(), 9);
}
