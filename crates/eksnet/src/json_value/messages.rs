//! serde's error messages, worded as serde_json words them: the error the
//! deserializer of [`super`] returns, and the same messages for the readers
//! that read a value by hand (`scenario::read`, `import::walk`), so that both
//! say the same thing of the same mistake.

use std::fmt;

use serde::de::{self, Unexpected};
use serde_json::Value;

/// The error while reading: its message (the path is kept aside).
#[derive(Debug)]
pub struct Error(pub(super) String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// serde's `Unexpected`, with `null` for the unit as serde_json says it.
struct Json<'de>(Unexpected<'de>);

impl fmt::Display for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Unit => f.write_str("null"),
            ref u => u.fmt(f),
        }
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }

    fn invalid_type(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        Error(format!("invalid type: {}, expected {exp}", Json(unexp)))
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        Error(format!("invalid value: {}, expected {exp}", Json(unexp)))
    }
}

/// serde's message for `v` where `expected` was wanted ("invalid type: string
/// \"x\", expected a sequence").
pub fn invalid_type(v: &Value, expected: &str) -> String {
    <Error as de::Error>::invalid_type(unexpected(v), &expected).0
}

/// serde's message for `v` where it is of the right type but out of range
/// ("invalid value: integer `-1`, expected u32").
pub fn invalid_value(v: &Value, expected: &str) -> String {
    <Error as de::Error>::invalid_value(unexpected(v), &expected).0
}

/// serde's message for an unknown member `key` of a struct whose members are
/// `fields` (aliases included, as the derive lists them).
pub fn unknown_field(key: &str, fields: &'static [&'static str]) -> String {
    <Error as de::Error>::unknown_field(key, fields).0
}

/// serde's message for an unknown variant `name` of an enum with `variants`.
pub fn unknown_variant(name: &str, variants: &'static [&'static str]) -> String {
    <Error as de::Error>::unknown_variant(name, variants).0
}

/// serde's message for a required member `field` left out.
pub fn missing_field(field: &'static str) -> String {
    <Error as de::Error>::missing_field(field).0
}

/// serde's message for a member given twice (through an alias).
pub fn duplicate_field(field: &'static str) -> String {
    <Error as de::Error>::duplicate_field(field).0
}

/// serde's message for a list of `len` elements where `expected` was wanted.
pub fn invalid_length(len: usize, expected: &str) -> String {
    <Error as de::Error>::invalid_length(len, &expected).0
}

/// serde's message for an enum's variant written as a bare string where its
/// content (`"newtype variant"`, `"struct variant"`) was wanted.
pub fn unit_variant_refused(expected: &str) -> String {
    <Error as de::Error>::invalid_type(Unexpected::UnitVariant, &expected).0
}

/// What `v` is, for an error message.
pub(super) fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (_, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}
