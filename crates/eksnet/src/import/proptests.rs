//! Import never panics: arbitrary text and mutated real-shaped documents (every
//! fixture, with one value replaced, one member removed or the text cut short) give
//! either a scenario or a located error, and the scenario analyses without panic.

use proptest::prelude::*;
use serde_json::Value;

use super::tests::fixture;
use super::*;

const FIXTURES: &[&str] = &[
    "public-nat",
    "public-private",
    "private-endpoints",
    "prefix-delegation",
    "observed-enis",
    "eksctl",
];

/// Every JSON pointer of `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        _ => {}
    }
}

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        Just(Value::Array(vec![Value::from(1), Value::from("x")])),
        Just(serde_json::json!({"Value": "x", "kind": "Pod"})),
        Just(Value::String("10.0.0.0/33".into())),
        Just(Value::String("0.0.0.0/0".into())),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, Value),
    Remove(usize),
    Cut(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Cut),
    ]
}

fn mutate(text: &str, m: &Mutation) -> String {
    if let Mutation::Cut(n) = m {
        let cut = n % (text.len() + 1);
        return text.get(..cut).unwrap_or("").to_string();
    }
    let Ok(mut v) = serde_json::from_str::<Value>(text) else {
        return text.to_string();
    };
    let mut ps = Vec::new();
    pointers(&v, String::new(), &mut ps);
    if ps.is_empty() {
        return text.to_string();
    }
    match m {
        Mutation::Replace(i, new) => {
            if let Some(x) = v.pointer_mut(&ps[i % ps.len()]) {
                *x = new.clone();
            }
        }
        Mutation::Remove(i) => {
            let p = &ps[i % ps.len()];
            if let Some((parent, key)) = p.rsplit_once('/') {
                match v.pointer_mut(parent) {
                    Some(Value::Object(o)) => {
                        o.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(a)) => {
                        if let Ok(k) = key.parse::<usize>() {
                            if k < a.len() {
                                a.remove(k);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::Cut(_) => {}
    }
    v.to_string()
}

fn check(out: &Imported) -> Result<(), TestCaseError> {
    match &out.scenario {
        Some(s) => {
            let a = crate::analyze(s);
            prop_assert!(a.model.nodes.len() <= 10_000);
        }
        None => {
            prop_assert!(out.report.has_errors(), "no scenario and no error");
            let d = out
                .report
                .diagnostics
                .iter()
                .find(|d| d.diagnostic.is_error());
            prop_assert!(d.is_some());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(texts in proptest::collection::vec(".{0,200}", 1..4)) {
        let files: Vec<(String, String)> = texts.into_iter().enumerate().map(|(i, t)| (format!("f{i}"), t)).collect();
        check(&import(&files))?;
    }

    #[test]
    fn mutated_fixtures_give_a_scenario_or_a_located_error(
        which in 0..FIXTURES.len(),
        file in any::<usize>(),
        m in mutation(),
    ) {
        let mut files = fixture(FIXTURES[which]);
        let n = file % files.len();
        let (name, text) = files[n].clone();
        files[n] = (name.clone(), mutate(&text, &m));
        let out = import(&files);
        check(&out)?;
        if out.scenario.is_none() {
            // The error names the mutated file, or no file was left recognisable.
            prop_assert!(
                out.report.diagnostics.iter().any(|d| d.file == name || d.diagnostic.code == Code::ImportNothing),
                "{:?}",
                out.report.diagnostics
            );
        }
    }

    #[test]
    fn every_importer_survives_any_value_in_its_own_shape(
        which in 0..FIXTURES.len(),
        muts in proptest::collection::vec(mutation(), 1..4),
    ) {
        // Several mutations on every file of one fixture at once.
        let files: Vec<(String, String)> = fixture(FIXTURES[which])
            .into_iter()
            .map(|(n, t)| {
                let t = muts.iter().fold(t, |t, m| mutate(&t, m));
                (n, t)
            })
            .collect();
        check(&import(&files))?;
    }
}
