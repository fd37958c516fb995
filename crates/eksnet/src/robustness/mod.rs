//! Property tests: no scenario, however odd, makes `analyze` or `trace` panic, and
//! every blocked trace ends at its blocking component. Services and Ingresses with
//! every annotation, port and policy are traced too (svc, ing, pod → pod, pod → svc).
//!
//! Two generators: scenarios assembled from arbitrary parts (references that may or
//! may not exist, CIDRs valid or not, every endpoint mode and resolver), and the
//! default scenario's JSON with one field replaced by an arbitrary JSON value.
//!
//! By concept: [`parts`] generates the network and cluster a scenario is
//! assembled from, [`manifests`] the Services and Ingresses (shared with the load
//! balancers' property tests); this module holds the check every generated
//! scenario must pass ([`trace_everything`]) and the tests that run it.

use proptest::prelude::*;
use serde_json::Value;

use crate::{analyze, trace, Flow, Scenario};

mod manifests;
mod parts;

pub(crate) use manifests::{ingress, service};
use parts::cidr;
pub(crate) use parts::{ip, pick, scenario};

/// Traces every flow the scenario names, and a few it does not; checks that every
/// diagnostic and every blocked trace carries a code of the catalogue that names
/// its kind (and, for diagnostics, one of the code's severities).
pub(crate) fn trace_everything(s: &Scenario) {
    let a = analyze(s);
    for d in &a.diagnostics {
        let e = d.code.entry();
        assert!(e.kind.diagnostic(), "{} is not a diagnostic code", d.code);
        assert!(
            e.severities.contains(&d.severity),
            "{} with severity {:?}: the catalogue says {:?}",
            d.code,
            d.severity,
            e.severities
        );
    }
    let mut flows: Vec<String> = vec![
        "kubectl:nobody".into(),
        "kubelet:nonode".into(),
        "webhook:x:notaport".into(),
        "svc:default/my-nginx".into(),
    ];
    // Every flow the web app and the CLI offer, then more of each kind.
    for g in crate::trace::flows(&a) {
        flows.extend(g.flows.iter().map(|(f, _)| f.to_string()));
    }
    for c in &a.model.clients {
        flows.push(format!("kubectl:{}", c.name));
    }
    for n in &a.model.nodes {
        for kind in ["kubelet", "exec", "pull", "webhook"] {
            flows.push(format!("{kind}:{}", n.name));
        }
        flows.push(format!("webhook:{}:8443", n.private_ip));
    }
    for svc in &a.lbs.services {
        flows.push(format!("svc:{}/{}", svc.namespace, svc.name));
        for c in &a.model.clients {
            flows.push(format!("svc:{}/{}@{}", svc.namespace, svc.name, c.name));
        }
        if let Some(p) = a.ipam.pods.first() {
            flows.push(format!(
                "pod:{}/{}->svc:{}/{}",
                p.namespace, p.name, svc.namespace, svc.name
            ));
        }
    }
    for ing in &a.lbs.ingresses {
        flows.push(format!("ing:{}/{}", ing.namespace, ing.name));
    }
    for p in a.ipam.pods.iter().take(3) {
        for q in a.ipam.pods.iter().take(3) {
            flows.push(format!(
                "pod:{}/{}->pod:{}/{}",
                p.namespace, p.name, q.namespace, q.name
            ));
        }
    }
    // The kubectl views render whatever the scenario is.
    let _ = crate::kubectl::views(&a);
    for f in flows {
        let Ok(flow) = Flow::parse(&f) else { continue };
        let t = trace(&a, &flow);
        if let crate::Verdict::Blocked { code, .. } = &t.verdict {
            assert!(
                code.entry().kind.verdict(),
                "{f}: {code} is not a verdict code"
            );
        }
        if let Some(at) = t.blocked_at() {
            assert_eq!(t.hops.last().map(|h| &h.at), Some(at), "{f}");
        }
        assert!(!t.hops.is_empty(), "{f}");
    }
}

/// Every JSON pointer to a leaf of `v`.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| leaves(x, format!("{at}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (0u64..100).prop_map(Value::from),
        cidr().prop_map(Value::String),
        ip().prop_map(Value::String),
        ".*".prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(pick(&["gatewayId", "x", "cidrBlock"]), inner, 0..2)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The catalogue covers the codes the example scenarios raise: the default scenario
/// and the checks' lab in every endpoint mode, traced through every flow.
#[test]
fn example_scenarios_raise_catalogued_codes() {
    trace_everything(&Scenario::example());
    for (public, private) in [(true, false), (true, true), (false, true), (false, false)] {
        trace_everything(&crate::testkit::lab(public, private));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn assembled_scenarios_never_panic(s in scenario()) {
        trace_everything(&s);
    }

    #[test]
    fn one_field_replaced_never_panics(k in any::<prop::sample::Index>(), v in json_value()) {
        let mut doc = serde_json::to_value(Scenario::example()).unwrap_or(Value::Null);
        let mut paths = Vec::new();
        leaves(&doc, String::new(), &mut paths);
        let path = k.get(&paths).clone();
        if let Some(slot) = doc.pointer_mut(&path) {
            *slot = v;
        }
        if let Ok(s) = Scenario::from_json(&doc.to_string()) {
            trace_everything(&s);
        }
    }
}
