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
    // Read as version 1, migrated to the current version.
    assert_eq!(p.link.scenario.version, 2);
    assert_eq!(p.link.scenario.workloads[0].replicas, 9);
    assert!(p.link.scenario.cni.enable_prefix_delegation);
    assert_eq!(p.link.scenario.node_groups[0].nodes.len(), 4);
}

/// A version-1 link whose scenario sets `vpc.dnsResolver` (a custom resolver that
/// does not forward, in the snake_case spelling version 1 wrote): it is migrated to
/// version 2's `vpc.dhcpOptions`, and every verdict stays what version 1 meant.
#[test]
fn a_v1_custom_resolver_migrates_to_dhcp_options_with_the_same_verdicts() {
    use eksnet::scenario::{DnsResolver, Scenario};
    let q = include_str!("fixtures/link-v1-custom-resolver.txt").trim();
    assert!(q.contains("s=1."), "a version-1 link");
    let p = from_query(q);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let s = &p.link.scenario;
    assert_eq!(s.version, 2);
    assert_eq!(s.vpc.dns_resolver, DnsResolver::AmazonProvidedDns);
    let d = s
        .vpc
        .dhcp_options
        .as_ref()
        .expect("migrated into dhcpOptions");
    assert_eq!(d.domain_name_servers, vec!["10.0.0.53".to_string()]);
    assert!(!d.forwards_to_vpc_resolver);
    // The same scenario as version 1 meant it, built without the migration.
    let mut v1 = s.clone();
    v1.vpc.dhcp_options = None;
    v1.vpc.dns_resolver = DnsResolver::Custom {
        address: "10.0.0.53".into(),
        forwards_to_vpc_resolver: false,
    };
    let (a, b) = (eksnet::analyze(s), eksnet::analyze(&v1));
    let codes = |a: &eksnet::Analysis| {
        let mut c: Vec<String> = a.diagnostics.iter().map(|d| d.code.to_string()).collect();
        c.sort();
        c
    };
    assert_eq!(codes(&a), codes(&b));
    assert!(
        codes(&a)
            .iter()
            .any(|c| c.contains("resolver") || c.contains("dns")),
        "{:?}",
        codes(&a)
    );
    let flows: Vec<eksnet::Flow> = eksnet::trace::flows(&a)
        .into_iter()
        .flat_map(|g| g.flows.into_iter().map(|(f, _)| f))
        .collect();
    assert!(!flows.is_empty());
    for f in flows {
        let (x, y) = (eksnet::trace(&a, &f), eksnet::trace(&b, &f));
        assert_eq!(x.is_reachable(), y.is_reachable(), "{f:?}");
    }
    // Written again, it is a version-2 document without `dnsResolver`.
    let json = s.to_json();
    assert!(json.contains("\"version\": 2") && !json.contains("dnsResolver"));
    assert_eq!(&Scenario::from_json(&json).unwrap(), s);
}

/// The example documents of `docs/examples/` are version 1: they load, come out as
/// version 2, and round-trip.
#[test]
fn v1_example_documents_load_as_version_2() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples");
    let mut n = 0;
    for e in std::fs::read_dir(dir).expect("docs/examples") {
        let path = e.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("example");
        assert!(text.contains("\"version\": 1"), "{path:?}");
        let s = eksnet::Scenario::from_json(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        assert_eq!(s.version, 2, "{path:?}");
        assert_eq!(eksnet::Scenario::from_json(&s.to_json()).unwrap(), s);
        n += 1;
    }
    assert!(n >= 3);
}
