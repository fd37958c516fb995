//! The embed API's commands read by hand from their JSON value, without serde's
//! derives (the site's size, docs/size.md): the same messages are accepted and
//! refused with the same messages, at the same JSON pointers, as the derived
//! `Deserialize` read through [`eksnet::json_value`] did (`read_tests.rs`
//! compares both on every field mutated with many values).

use eksnet::json_value::{
    invalid_type, invalid_value, missing_field, unknown_field, unknown_variant,
};
use eksnet::{ElementId, Lang, ParseError, SceneKind};
use serde_json::{Map, Value};

use super::protocol::{error_at, AccessArg, FlowArg, Kind, ViewPatch};

/// The `type`s of commands, as serde's derive names them.
pub(super) const KINDS: &[&str] = &[
    "hello", "set", "scenario", "patch", "next", "prev", "play", "pause",
];

/// The scenes' slugs, in the order of [`SceneKind::ALL`].
pub(super) const SCENES: &[&str] = &[
    "architecture",
    "endpoint",
    "vpc-layouts",
    "node-bootstrap",
    "pod-network",
    "inside-node",
    "load-balancing",
    "components",
    "subnet-addresses",
];

/// The languages' tags, in the order of [`LANGS`].
const LANG_TAGS: &[&str] = &["en", "ko"];
const LANGS: [Lang; 2] = [Lang::En, Lang::Ko];

/// The members of `set`, as serde's derive lists them.
const SET_FIELDS: &[&str] = &[
    "scene",
    "flow",
    "step",
    "selection",
    "node",
    "access",
    "lang",
];

/// A refusal at `path`, with the closest expected name when `message` names an
/// unknown one.
fn refuse(path: &str, message: String) -> ParseError {
    let suggestion = suggest(&message);
    error_at(path, message, suggestion)
}

/// A unit-only enum as serde's derive reads it: its name, or an object of one
/// member `{name: null}`. On error, the message and the member's key when the
/// error is inside that object.
fn unit_enum<'v>(
    v: &'v Value,
    names: &'static [&'static str],
) -> Result<usize, (Option<&'v str>, String)> {
    let (name, content) = match v {
        Value::String(s) => (s.as_str(), None),
        Value::Object(m) if m.len() == 1 => match m.iter().next() {
            Some((k, c)) => (k.as_str(), Some((k.as_str(), c))),
            None => return Err((None, invalid_type(v, "string or map"))),
        },
        _ => return Err((None, invalid_type(v, "string or map"))),
    };
    let at = content.map(|(k, _)| k);
    let Some(i) = names.iter().position(|n| *n == name) else {
        return Err((at, unknown_variant(name, names)));
    };
    match content {
        Some((k, c)) if !c.is_null() => Err((Some(k), invalid_type(c, "unit variant"))),
        _ => Ok(i),
    }
}

/// The first `/`-separated segment of a key: a member's error is located at the
/// member (`/stpe`), whatever is inside it.
fn at_member(key: &str) -> String {
    format!("/{}", key.split('/').next().unwrap_or_default())
}

/// The command's `type`.
pub(super) fn kind(v: &Value) -> Result<Kind, ParseError> {
    unit_enum(v, KINDS)
        .map(|i| Kind::ALL[i])
        .map_err(|(key, message)| {
            let path = format!("/type{}", key.map(at_member).unwrap_or_default());
            refuse(&path, message)
        })
}

/// A string member (`"a string"` is what serde's `String` expects).
fn string(v: &Value) -> Result<&str, String> {
    v.as_str().ok_or_else(|| invalid_type(v, "a string"))
}

/// A member that may be `null` (`Some(None)`).
fn nullable<T>(
    v: &Value,
    read: impl FnOnce(&Value) -> Result<T, String>,
) -> Result<Option<Option<T>>, String> {
    if v.is_null() {
        return Ok(Some(None));
    }
    read(v).map(|t| Some(Some(t)))
}

/// A `usize`, as serde reads one from a JSON number.
fn index(v: &Value) -> Result<usize, String> {
    match v {
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => usize::try_from(u).map_err(|_| invalid_value(v, "usize")),
            (_, Some(_)) => Err(invalid_value(v, "usize")),
            _ => Err(invalid_type(v, "usize")),
        },
        _ => Err(invalid_type(v, "usize")),
    }
}

/// The fields of `set`: every member known, each of its type; absent ones stay
/// `None`.
pub(super) fn view_patch(map: &Map<String, Value>) -> Result<ViewPatch, ParseError> {
    let mut p = ViewPatch::default();
    for (k, v) in map {
        let read = match k.as_str() {
            "scene" | "lang" | "access" if v.is_null() => Ok(()),
            "scene" => unit_enum(v, SCENES)
                .map(|i| p.scene = Some(SceneKind::ALL[i]))
                .map_err(|(_, m)| m),
            "lang" => unit_enum(v, LANG_TAGS)
                .map(|i| p.lang = Some(LANGS[i]))
                .map_err(|(_, m)| m),
            "flow" => {
                nullable(v, |v| FlowArg::try_from(string(v)?.to_string())).map(|f| p.flow = f)
            }
            "step" => nullable(v, index).map(|s| p.step = s),
            "selection" => {
                nullable(v, |v| Ok(ElementId(string(v)?.to_string()))).map(|s| p.selection = s)
            }
            "node" => nullable(v, |v| Ok(string(v)?.to_string())).map(|n| p.node = n),
            "access" => string(v)
                .and_then(|s| AccessArg::try_from(s.to_string()))
                .map(|a| p.access = Some(a)),
            _ => Err(unknown_field(k, SET_FIELDS)),
        };
        read.map_err(|message| refuse(&at_member(k), message))?;
    }
    Ok(p)
}

/// The one member `only` of a command that has it (`scenario`, `patch`), or no
/// member at all (`only` is `None`): any other member is refused, then a
/// missing one. A `patch` must be an object.
pub(super) fn only_member<'v>(
    map: &'v Map<String, Value>,
    only: Option<&'static str>,
) -> Result<Option<&'v Value>, ParseError> {
    let fields: &'static [&'static str] = match only {
        Some("scenario") => &["scenario"],
        Some(_) => &["patch"],
        None => &[],
    };
    let mut found = None;
    for (k, v) in map {
        if only != Some(k.as_str()) {
            return Err(flat_error(unknown_field(k, fields), only));
        }
        if k == "patch" && !v.is_object() {
            return Err(flat_error(invalid_type(v, "a map"), only));
        }
        found = Some(v);
    }
    match (only, found) {
        (Some(f), None) => Err(flat_error(missing_field(f), only)),
        (_, found) => Ok(found),
    }
}

/// A refusal of a command with at most one field (`only`): serde's message
/// names an unknown or missing field, and any other is about the only field.
fn flat_error(message: String, only: Option<&str>) -> ParseError {
    let named = ["unknown field `", "missing field `"]
        .iter()
        .find_map(|p| message.strip_prefix(p))
        .and_then(|rest| rest.split('`').next());
    let path = named.or(only).map(|f| format!("/{f}")).unwrap_or_default();
    refuse(&path, message)
}

/// From serde's "unknown field `stpe`, expected one of `scene`, `step`" (or
/// "unknown variant"), the closest expected name.
pub(super) fn suggest(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let end = rest.find('`')?;
    let word = &rest[..end];
    let expected: Vec<&str> = rest[end..].split('`').skip(2).step_by(2).collect();
    let best = eksnet::did_you_mean(word, expected);
    best.first().map(|b| format!("did you mean `{b}`?"))
}
