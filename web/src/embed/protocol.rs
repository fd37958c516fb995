//! The messages of the embed API, protocol version [`PROTOCOL`]: what a host page
//! may send ([`Command`]) and what eksnet posts back ([`Event`]).
//!
//! A message is a plain object `{eksnet: 1, type: "set", id: 7, ...fields}`:
//! `eksnet` is the protocol version (like the `1.` of a link's scenario), `type`
//! the command, `id` anything the host wants echoed in the reply. The JavaScript
//! value is converted to a `serde_json::Value` with serde-wasm-bindgen (a `Map` as
//! an object, a `BigInt` as a number) and each command's fields are read from it
//! by hand ([`super::read`], as serde's derives read them before, with serde's
//! messages), strictly: an unknown field, a wrong type,
//! an unknown scene or a flow outside the grammar is refused with an
//! [`eksnet::ParseError`] naming the field as a JSON pointer (`/step`), what is
//! wrong, and the closest known name when one was misspelt. A scenario is read by
//! the core's own reader ([`Scenario::from_json`]), so its errors are the ones the
//! JSON editor shows, under `/scenario`.
//!
//! Events go back as `serde_json` text through `JSON.parse`: one serializer for
//! every type in the download. Structured clone can
//! carry cyclic and very deep objects, so [`decode`] measures the value first and
//! refuses anything deeper than [`MAX_DEPTH`] or larger than [`MAX_VALUES`].

use eksnet::{ElementId, Flow, Hop, Lang, ParseError, Scenario, SceneKind, Verdict};

use super::read;
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue};

/// The protocol version this build speaks (the `eksnet` field of every message).
pub const PROTOCOL: u32 = 1;

/// Deepest nesting of objects and arrays accepted in a message.
pub const MAX_DEPTH: usize = 32;

/// Most values (objects, arrays, and the values in them) accepted in a message.
pub const MAX_VALUES: usize = 1_000_000;

/// A command from the host page, with the `id` to echo in its reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Echoed in the reply (`ok` or `error`), so the host can match them.
    pub id: Option<Value>,
    /// What to do.
    pub command: Command,
}

/// What the host asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `hello`: the handshake. Pins the host's origin (unless `?origin=` did)
    /// and asks for the current state as events.
    Hello,
    /// `set`: change any of the view's fields (the others stay).
    Set(ViewPatch),
    /// `scenario`: replace the whole scenario.
    Scenario(Box<Scenario>),
    /// `patch`: a JSON merge patch (RFC 7386) over the scenario.
    Patch(Map<String, Value>),
    /// `next`: one step forward (the first step when all are lit).
    Next,
    /// `prev`: one step back.
    Prev,
    /// `play`: step through the flow, as the play button does.
    Play,
    /// `pause`: stop playing.
    Pause,
}

/// The `type` of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(Deserialize), serde(rename_all = "kebab-case"))]
pub(super) enum Kind {
    Hello,
    Set,
    Scenario,
    Patch,
    Next,
    Prev,
    Play,
    Pause,
}

impl Kind {
    /// Every kind, in the order of [`super::read::KINDS`].
    pub(super) const ALL: [Kind; 8] = [
        Kind::Hello,
        Kind::Set,
        Kind::Scenario,
        Kind::Patch,
        Kind::Next,
        Kind::Prev,
        Kind::Play,
        Kind::Pause,
    ];
}

/// The fields of `set`. An absent field keeps its value; `null` clears `flow`,
/// `step` (all steps lit), `selection` and `node`.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
pub struct ViewPatch {
    /// The scene, by its slug (`endpoint`).
    pub scene: Option<SceneKind>,
    /// The flow, in the core's grammar (`kubelet:ip-192-168-46-6`).
    #[cfg_attr(test, serde(default, deserialize_with = "super::read_tests::present"))]
    pub flow: Option<Option<FlowArg>>,
    /// The step of the flow (0-based).
    #[cfg_attr(test, serde(default, deserialize_with = "super::read_tests::present"))]
    pub step: Option<Option<usize>>,
    /// The selected element, by its `data-id`.
    #[cfg_attr(test, serde(default, deserialize_with = "super::read_tests::present"))]
    pub selection: Option<Option<ElementId>>,
    /// The node "inside a node" shows.
    #[cfg_attr(test, serde(default, deserialize_with = "super::read_tests::present"))]
    pub node: Option<Option<String>>,
    /// Endpoint access: `public`, `public-private` or `private`.
    pub access: Option<AccessArg>,
    /// The language: `en` or `ko`.
    pub lang: Option<Lang>,
}

/// A flow, read from the core's grammar ([`Flow::parse`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(Deserialize), serde(try_from = "String"))]
pub struct FlowArg(pub Flow);

impl TryFrom<String> for FlowArg {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Flow::parse(&s).map(FlowArg).map_err(|e| e.to_string())
    }
}

/// An endpoint mode, by its slug (`public-private`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(Deserialize), serde(try_from = "String"))]
pub struct AccessArg(pub eksnet::EndpointAccess);

impl TryFrom<String> for AccessArg {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        eksnet::EndpointAccess::MODES
            .into_iter()
            .find(|m| m.slug() == s)
            .map(AccessArg)
            .ok_or_else(|| {
                format!("unknown endpoint access `{s}`, expected one of `public`, `public-private`, `private`")
            })
    }
}

/// Why a message was refused, and the `id` to answer it with (when it could be
/// read).
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// The message's `id`, if it had one.
    pub id: Option<Value>,
    /// What was wrong, where.
    pub error: ParseError,
}

/// A [`ParseError`] at `path` (a JSON pointer into the message).
pub fn error_at(path: &str, message: impl Into<String>, suggestion: Option<String>) -> ParseError {
    ParseError {
        path: path.to_string(),
        line: 0,
        column: 0,
        message: message.into(),
        suggestion,
    }
}

/// Reads a message posted by the host page. Never panics, whatever the value.
pub fn decode(data: &JsValue) -> Result<Message, Refusal> {
    let refuse = |error| Refusal { id: None, error };
    measure(data, 0, &mut 0).map_err(refuse)?;
    // To a `Value` (one compiled conversion, for `Value` alone), then read by the
    // core's one deserializer like every other document (docs/size.md).
    let value: Value = serde_wasm_bindgen::from_value(data.clone())
        .map_err(|e| refuse(error_at("", format!("not a plain object: {e}"), None)))?;
    decode_value(value)
}

/// A message's envelope, its protocol version checked (see [`envelope`]).
pub(super) struct Envelope {
    /// The message's `id`, if it has one.
    pub id: Option<Value>,
    /// Its other members (the command's fields).
    pub rest: Map<String, Value>,
    /// Its `type`, not yet read.
    pub kind: Value,
}

/// A message's envelope: its `id` (if any), its protocol version checked, and
/// its `type`.
pub(super) fn envelope(value: Value) -> Result<Envelope, Refusal> {
    let Value::Object(mut map) = value else {
        return Err(Refusal {
            id: None,
            error: error_at(
                "",
                "a message is an object: {eksnet: 1, type: \"set\", ...}",
                None,
            ),
        });
    };
    let id = map.remove("id");
    let refuse = |error| Refusal {
        id: id.clone(),
        error,
    };
    let version = map.remove("eksnet").ok_or_else(|| {
        refuse(error_at(
            "/eksnet",
            format!("not an eksnet message: it has no `eksnet` field (the protocol version, {PROTOCOL})"),
            None,
        ))
    })?;
    match version.as_u64() {
        Some(v) if (1..=u64::from(PROTOCOL)).contains(&v) => {}
        Some(v) if v > u64::from(PROTOCOL) => {
            return Err(refuse(error_at(
                "/eksnet",
                format!("this message is protocol version {v}, newer than this eksnet understands (version {PROTOCOL})"),
                Some("use the eksnet-embed.js that comes with this eksnet".into()),
            )))
        }
        _ => {
            return Err(refuse(error_at(
                "/eksnet",
                format!("the protocol version must be a whole number from 1 to {PROTOCOL}"),
                None,
            )))
        }
    }
    let kind = map.remove("type").ok_or_else(|| {
        refuse(error_at(
            "/type",
            "the message has no `type` (hello, set, scenario, patch, next, prev, play or pause)",
            None,
        ))
    })?;
    Ok(Envelope {
        id,
        rest: map,
        kind,
    })
}

/// [`decode`], from the message as a JSON value.
pub fn decode_value(value: Value) -> Result<Message, Refusal> {
    let Envelope {
        id,
        rest: mut map,
        kind,
    } = envelope(value)?;
    let refuse = |error| Refusal {
        id: id.clone(),
        error,
    };
    let kind = read::kind(&kind).map_err(refuse)?;
    let command = match kind {
        Kind::Set => read::view_patch(&map).map(Command::Set),
        Kind::Scenario => read::only_member(&map, Some("scenario"))
            .and_then(|f| scenario_from(f.unwrap_or(&Value::Null), "/scenario"))
            .map(|s| Command::Scenario(Box::new(s))),
        Kind::Patch => read::only_member(&map, Some("patch"))
            .map(|_| ())
            .map(|()| {
                Command::Patch(match map.remove("patch") {
                    Some(Value::Object(p)) => p,
                    _ => Map::new(),
                })
            }),
        _ => read::only_member(&map, None).map(|_| match kind {
            Kind::Hello => Command::Hello,
            Kind::Next => Command::Next,
            Kind::Prev => Command::Prev,
            Kind::Play => Command::Play,
            _ => Command::Pause,
        }),
    }
    .map_err(refuse)?;
    Ok(Message { id, command })
}

/// A scenario from a JSON value, read by the core's reader (version check,
/// located errors, suggestions), its errors placed under `base`.
pub fn scenario_from(value: &Value, base: &str) -> Result<Scenario, ParseError> {
    crate::core_api::from_json(&value.to_string()).map_err(|mut e| {
        e.path = format!("{base}{}", e.path);
        // Line and column would count in the re-serialised text, not the host's.
        e.line = 0;
        e.column = 0;
        e
    })
}

/// Checks that `v` nests at most [`MAX_DEPTH`] deep and holds at most
/// [`MAX_VALUES`] values (and so is not cyclic) before it is converted.
fn measure(v: &JsValue, depth: usize, count: &mut usize) -> Result<(), ParseError> {
    *count += 1;
    if *count > MAX_VALUES {
        return Err(error_at(
            "",
            format!("the message holds more than {MAX_VALUES} values"),
            None,
        ));
    }
    if !v.is_object() {
        return Ok(());
    }
    if depth >= MAX_DEPTH {
        return Err(error_at(
            "",
            format!("the message nests deeper than {MAX_DEPTH} levels (or refers to itself)"),
            None,
        ));
    }
    let values = if let Some(a) = v.dyn_ref::<js_sys::Array>() {
        a.clone()
    } else {
        js_sys::Object::values(v.unchecked_ref())
    };
    for x in values.iter() {
        measure(&x, depth + 1, count)?;
    }
    Ok(())
}

/// RFC 7386 JSON merge patch: objects merge key by key, `null` removes a key
/// (the field takes its default), anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(t) = target {
        for (k, v) in p {
            if v.is_null() {
                t.remove(k);
            } else {
                merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}

/// The view as events report it: the fields of `set`, filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewState {
    /// The scene's slug.
    pub scene: SceneKind,
    /// The flow, in the core's grammar.
    pub flow: Option<String>,
    /// The current step (`null`: all steps lit).
    pub step: Option<usize>,
    /// The selected element's id.
    pub selection: Option<ElementId>,
    /// The node "inside a node" shows, when one was chosen.
    pub node: Option<String>,
    /// Endpoint access (`none` when both public and private access are off).
    pub access: &'static str,
    /// The language.
    pub lang: Lang,
    /// Whether the flow is playing.
    pub playing: bool,
}

/// What eksnet posts to the host page.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Event<'a> {
    /// The frame is ready for commands.
    Ready {
        /// eksnet's version.
        version: &'static str,
        /// The protocol version.
        protocol: u32,
        /// The view it opened with.
        view: ViewState,
    },
    /// The view changed (by a command or by the reader).
    View(ViewState),
    /// The flow, the step or the trace changed: the current step's hop and the
    /// flow's verdict.
    Step {
        /// The flow (`null`: none shown).
        flow: Option<String>,
        /// The current step (`null`: all steps lit).
        step: Option<usize>,
        /// How many steps the flow has.
        steps: usize,
        /// The current step's hop, as the core's trace has it.
        hop: Option<&'a Hop>,
        /// The flow's verdict: reachable, or blocked where, why, and the fix.
        verdict: Option<&'a Verdict>,
    },
    /// The selection changed.
    Selection {
        /// The selected element's id (`null`: none).
        selection: Option<&'a ElementId>,
    },
    /// The height, in CSS pixels, at which the frame shows the whole diagram at
    /// its width.
    Height {
        /// The height.
        height: u32,
    },
    /// A command was carried out.
    Ok {
        /// The command's `id`.
        id: Option<Value>,
    },
    /// A message was refused; nothing changed.
    Error {
        /// The message's `id`, when it could be read.
        id: Option<Value>,
        /// JSON pointer of the field at fault (empty: the whole message).
        path: String,
        /// What is wrong.
        message: String,
        /// A likely fix, e.g. the name that was probably meant.
        suggestion: Option<String>,
    },
}

impl Event<'_> {
    /// The `error` reply to a refusal.
    pub fn refused(r: Refusal) -> Event<'static> {
        Event::Error {
            id: r.id,
            path: r.error.path,
            message: r.error.message,
            suggestion: r.error.suggestion,
        }
    }

    /// The event as the plain object posted to the host:
    /// `{eksnet: 1, type, ...fields}`.
    pub fn to_js(&self) -> JsValue {
        // Through its JSON text: one serializer for every type (docs/size.md).
        let Some(v) = serde_json::to_string(self)
            .ok()
            .and_then(|t| js_sys::JSON::parse(&t).ok())
        else {
            return JsValue::NULL;
        };
        // Set on the object made, rather than through a flattened envelope (which
        // would add a second serialisation path to the download).
        let _ = js_sys::Reflect::set(&v, &"eksnet".into(), &PROTOCOL.into());
        v
    }
}
