//! The hand reader of the embed API's commands (`read.rs`) against the derived
//! `Deserialize` read through [`eksnet::json_value`], as the commands were read
//! before: every command, each member set to many values (every JSON type,
//! integers at the edges, right and wrong names, one-member objects), unknown
//! members added, two members at once, must give the same message or the same
//! refusal (path, message, suggestion).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{json, Map, Value};

use super::protocol::{decode_value, error_at, scenario_from, Command, Kind, Message, Refusal};
use super::read::{suggest, KINDS, SCENES};
use eksnet::{ParseError, SceneKind};

/// The fields of `scenario`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFields {
    scenario: Value,
}

/// The fields of `patch`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatchFields {
    patch: Map<String, Value>,
}

/// Commands without fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoFields {}

/// A field that is present (`Some`), possibly `null` (`Some(None)`).
pub(super) fn present<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// The commands as they were read before: [`super::protocol::decode_value`]
/// through the derives.
fn derived(value: Value) -> Result<Message, Refusal> {
    let super::protocol::Envelope {
        id,
        rest: map,
        kind,
    } = super::protocol::envelope(value)?;
    let refuse = |error| Refusal {
        id: id.clone(),
        error,
    };
    let kind: Kind = read("/type", kind).map_err(refuse)?;
    let rest = Value::Object(map);
    let command = match kind {
        Kind::Hello => read_flat::<NoFields>(rest, None).map(|_| Command::Hello),
        Kind::Set => read("", rest).map(Command::Set),
        Kind::Scenario => read_flat::<ScenarioFields>(rest, Some("scenario"))
            .and_then(|f| scenario_from(&f.scenario, "/scenario"))
            .map(|s| Command::Scenario(Box::new(s))),
        Kind::Patch => {
            read_flat::<PatchFields>(rest, Some("patch")).map(|f| Command::Patch(f.patch))
        }
        Kind::Next => read_flat::<NoFields>(rest, None).map(|_| Command::Next),
        Kind::Prev => read_flat::<NoFields>(rest, None).map(|_| Command::Prev),
        Kind::Play => read_flat::<NoFields>(rest, None).map(|_| Command::Play),
        Kind::Pause => read_flat::<NoFields>(rest, None).map(|_| Command::Pause),
    }
    .map_err(refuse)?;
    Ok(Message { id, command })
}

fn read<T: DeserializeOwned>(base: &str, value: Value) -> Result<T, ParseError> {
    eksnet::json_value::from_value(&value).map_err(|e| {
        let mut at = e.pointer(false);
        let message = e.message;
        if at.is_empty() {
            if let Value::Object(map) = &value {
                at = map
                    .iter()
                    .find_map(|(k, v)| {
                        let one = Value::Object([(k.clone(), v.clone())].into_iter().collect());
                        let e = eksnet::json_value::from_value::<T>(&one).err()?;
                        (e.message == message).then(|| format!("/{k}"))
                    })
                    .unwrap_or_default();
            }
        }
        if let Some(field) = at.split('/').nth(1) {
            at = format!("/{field}");
        }
        let path = format!("{base}{at}");
        let suggestion = suggest(&message);
        error_at(&path, message, suggestion)
    })
}

fn read_flat<T: DeserializeOwned>(value: Value, only: Option<&str>) -> Result<T, ParseError> {
    eksnet::json_value::from_value(&value).map_err(|e| {
        let message = e.message;
        let named = ["unknown field `", "missing field `"]
            .iter()
            .find_map(|p| message.strip_prefix(p))
            .and_then(|rest| rest.split('`').next());
        let path = named.or(only).map(|f| format!("/{f}")).unwrap_or_default();
        let suggestion = suggest(&message);
        error_at(&path, message, suggestion)
    })
}

/// Values to put at every member: every JSON type, integers at the edges,
/// names right and wrong, one-member objects (an enum's other spelling).
fn values() -> Vec<Value> {
    let mut out = vec![
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(3),
        json!(-1),
        json!(i64::MIN),
        json!(u32::MAX),
        json!(u64::from(u32::MAX) + 1),
        json!(u64::MAX),
        json!(1.5),
        json!(-0.5),
        json!(""),
        json!("x"),
        json!("a/b"),
        json!("x`y"),
        json!("Endpoint"),
        json!("EN"),
        json!("kr"),
        json!("kubelet:ip-192-168-46-6"),
        json!("kubelet:"),
        json!("nonsense flow"),
        json!("public"),
        json!("public-private"),
        json!("private"),
        json!("none"),
        json!("node:ip-192-168-46-6.ap-northeast-2.compute.internal"),
        json!([]),
        json!([1]),
        json!(["set"]),
        json!({}),
        json!({"a": 1, "b": 2}),
        json!({"x": null}),
        json!({"a/b": null}),
        json!({"en": 1}),
        json!({"en": null}),
        json!({"ko": {}}),
        json!({"set": null}),
        json!({"set": 1}),
        json!({"hello": []}),
        json!({"endpoint": null}),
        json!({"endpoint": "x"}),
        json!({"vpc": {"cidr": "10.0.0.0/16"}}),
    ];
    for name in KINDS
        .iter()
        .chain(SCENES)
        .chain(&["en", "ko", "stpe", "sceen"])
    {
        out.push(json!(name));
    }
    out
}

/// Members to add or mutate: every command's, misspellings, odd keys.
const KEYS: &[&str] = &[
    "scene",
    "flow",
    "step",
    "selection",
    "node",
    "access",
    "lang",
    "scenario",
    "patch",
    "stpe",
    "sceen",
    "a/b",
    "x`y",
    "",
    "aaa",
    "zzz",
    "id",
    "type",
];

fn same(value: Value) -> usize {
    let hand = decode_value(value.clone());
    let derive = derived(value.clone());
    assert_eq!(hand, derive, "{value}");
    usize::from(hand.is_err())
}

#[test]
fn the_hand_reader_reads_every_command_as_the_derives_did() {
    let (mut cases, mut errors) = (0, 0);
    for kind in KINDS.iter().map(|k| json!(k)).chain(values()) {
        let base = json!({"eksnet": 1, "type": kind, "id": 7});
        errors += same(base.clone());
        cases += 1;
        for key in KEYS {
            for v in values() {
                let mut one = base.clone();
                one[*key] = v.clone();
                errors += same(one.clone());
                for other in ["step", "stpe", "zzz", "scene", "patch"] {
                    let mut two = one.clone();
                    two[other] = json!("x");
                    errors += same(two);
                    cases += 1;
                }
                cases += 1;
            }
        }
    }
    for scenario in [json!({}), json!({"vpc": 1}), json!(null), json!([])] {
        for kind in ["scenario", "patch"] {
            errors += same(json!({"eksnet": 1, "type": kind, kind: scenario}));
            cases += 1;
        }
    }
    // The envelope: not an object, versions, no type.
    for v in values() {
        errors += same(v.clone());
        errors += same(json!({"eksnet": v, "type": "set"}));
        errors += same(json!({"type": "set", "id": v}));
        cases += 3;
    }
    assert!(
        cases > 20_000 && errors > 10_000,
        "{cases} cases, {errors} errors"
    );
}

#[test]
fn the_names_are_the_derives() {
    for (i, k) in SceneKind::ALL.iter().enumerate() {
        assert_eq!(SCENES[i], k.slug());
    }
    for (i, k) in Kind::ALL.iter().enumerate() {
        assert_eq!(
            eksnet::json_value::from_value::<Kind>(&json!(KINDS[i])).ok(),
            Some(*k)
        );
    }
}
