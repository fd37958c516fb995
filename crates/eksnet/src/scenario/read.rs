//! Reading a scenario by hand from a parsed [`serde_json::Value`].
//!
//! Each type of the scenario is read by one small function in `read_types.rs`
//! over the accessors of [`Rd`], none of them generic over the scenario's types
//! (a list or an option only over the function reading its element), so no
//! deserializer is compiled per type (the site's size, docs/size.md).
//!
//! They read exactly as the serde derives (`#[serde(default, deny_unknown_fields)]`)
//! did through [`crate::json_value`] (the property tests in `read_tests.rs`
//! compare both on generated and mutated scenarios): members in key order, the
//! first refusal ends the reading, an unknown member is refused at its key with
//! the list of the known ones, a member left out keeps the type's default, and
//! every message is serde's, at the same path.
//!
//! Never panics, whatever the value.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::json_value::{
    duplicate_field, invalid_length, invalid_type, invalid_value, missing_field,
    unit_variant_refused, unknown_field, unknown_variant,
};

/// A reading's outcome: the value, or serde's message (the path is in [`Rd`]).
pub(crate) type R<T> = Result<T, String>;

/// A function reading one value.
pub(crate) type ReadFn<T> = fn(&mut Rd, &Value) -> R<T>;

/// The reader: the path (keys and indices, unescaped) from the document to the
/// value being read. A refusal leaves it at the refused place.
#[derive(Default)]
pub(crate) struct Rd {
    pub path: Vec<String>,
}

/// A struct variant's members: their names (aliases included, as serde lists
/// them), which declared field each name is, and the declared fields that have
/// no default (`None`: defaulted).
pub(crate) struct VariantFields {
    pub what: &'static str,
    pub names: &'static [&'static str],
    pub field_of: &'static [usize],
    pub required: &'static [Option<&'static str>],
}

impl Rd {
    /// A string.
    pub fn string(&mut self, v: &Value) -> R<String> {
        match v {
            Value::String(s) => Ok(s.clone()),
            other => Err(invalid_type(other, "a string")),
        }
    }

    /// A boolean.
    pub fn boolean(&mut self, v: &Value) -> R<bool> {
        match v {
            Value::Bool(b) => Ok(*b),
            other => Err(invalid_type(other, "a boolean")),
        }
    }

    /// An unsigned integer up to `max`, named `exp` (`"u32"`) in refusals.
    fn unsigned(v: &Value, exp: &str, max: u64) -> R<u64> {
        let Value::Number(n) = v else {
            return Err(invalid_type(v, exp));
        };
        match (n.as_u64(), n.as_i64()) {
            (Some(u), _) if u <= max => Ok(u),
            (Some(_), _) | (_, Some(_)) => Err(invalid_value(v, exp)),
            _ => Err(invalid_type(v, exp)),
        }
    }

    /// A `u32`.
    pub fn u32(&mut self, v: &Value) -> R<u32> {
        Self::unsigned(v, "u32", u64::from(u32::MAX)).map(|n| n as u32)
    }

    /// A `u16`.
    pub fn u16(&mut self, v: &Value) -> R<u16> {
        Self::unsigned(v, "u16", u64::from(u16::MAX)).map(|n| n as u16)
    }

    /// An option: `null` is `None`.
    pub fn opt<T>(&mut self, v: &Value, f: ReadFn<T>) -> R<Option<T>> {
        match v {
            Value::Null => Ok(None),
            v => f(self, v).map(Some),
        }
    }

    /// An optional string.
    pub fn opt_string(&mut self, v: &Value) -> R<Option<String>> {
        self.opt(v, Rd::string)
    }

    /// A list, each element at its index.
    pub fn list<T>(&mut self, v: &Value, f: ReadFn<T>) -> R<Vec<T>> {
        let items = self.array(v)?;
        let mut out = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            self.path.push(n.to_string());
            out.push(f(self, item)?);
            self.path.pop();
        }
        Ok(out)
    }

    fn array<'v>(&self, v: &'v Value) -> R<&'v [Value]> {
        match v {
            Value::Array(items) => Ok(items),
            other => Err(invalid_type(other, "a sequence")),
        }
    }

    /// A list of strings.
    pub fn strings(&mut self, v: &Value) -> R<Vec<String>> {
        self.list(v, Rd::string)
    }

    /// A map of strings, each value at its key.
    pub fn str_map(&mut self, v: &Value) -> R<BTreeMap<String, String>> {
        let Value::Object(map) = v else {
            return Err(invalid_type(v, "a map"));
        };
        let mut out = BTreeMap::new();
        for (k, item) in map {
            self.path.push(k.clone());
            out.insert(k.clone(), self.string(item)?);
            self.path.pop();
        }
        Ok(out)
    }

    /// A struct (`what`: `"struct Subnet"`) with members `fields`: `f` reads the
    /// member of each index, in key order; an unknown member is refused.
    pub fn object(
        &mut self,
        v: &Value,
        what: &str,
        fields: &'static [&'static str],
        f: &mut dyn FnMut(&mut Rd, usize, &Value) -> R<()>,
    ) -> R<()> {
        let Value::Object(map) = v else {
            return Err(invalid_type(v, what));
        };
        for (k, item) in map {
            self.path.push(k.clone());
            let Some(i) = fields.iter().position(|f| f == k) else {
                return Err(unknown_field(k, fields));
            };
            f(self, i, item)?;
            self.path.pop();
        }
        Ok(())
    }

    /// An enum's variant (of `variants`) and its content: written as its name
    /// alone (no content) or as `{"name": content}`, whose key is then on the
    /// path until [`Rd::end_variant`].
    pub fn variant<'v>(
        &mut self,
        v: &'v Value,
        variants: &'static [&'static str],
    ) -> R<(usize, Option<&'v Value>)> {
        let (name, content) = match v {
            Value::String(s) => (s, None),
            Value::Object(map) if map.len() == 1 => match map.iter().next() {
                Some((k, c)) => {
                    self.path.push(k.clone());
                    (k, Some(c))
                }
                None => return Err(invalid_type(v, "string or map")),
            },
            other => return Err(invalid_type(other, "string or map")),
        };
        match variants.iter().position(|n| n == name) {
            Some(i) => Ok((i, content)),
            None => Err(unknown_variant(name, variants)),
        }
    }

    /// Ends a variant read by [`Rd::variant`].
    pub fn end_variant(&mut self, content: Option<&Value>) {
        if content.is_some() {
            self.path.pop();
        }
    }

    /// An enum whose variants have no content: the index of the variant.
    pub fn unit_enum(&mut self, v: &Value, variants: &'static [&'static str]) -> R<usize> {
        let (i, content) = self.variant(v, variants)?;
        match content {
            Some(c) if !c.is_null() => Err(invalid_type(c, "unit variant")),
            _ => {
                self.end_variant(content);
                Ok(i)
            }
        }
    }

    /// A newtype variant's string.
    pub fn newtype_string(&mut self, content: Option<&Value>) -> R<String> {
        let c = content.ok_or_else(|| unit_variant_refused("newtype variant"))?;
        let s = self.string(c)?;
        self.end_variant(content);
        Ok(s)
    }

    /// A struct variant's content: an object of its members (unknown ones
    /// refused, required ones checked at the end) or a list of its fields in
    /// order; `f` reads the declared field of each index.
    pub fn struct_variant(
        &mut self,
        content: Option<&Value>,
        fields: &VariantFields,
        f: &mut dyn FnMut(&mut Rd, usize, &Value) -> R<()>,
    ) -> R<()> {
        let c = content.ok_or_else(|| unit_variant_refused("struct variant"))?;
        let n = fields.required.len();
        match c {
            Value::Object(map) => {
                let mut seen = vec![false; n];
                for (k, item) in map {
                    self.path.push(k.clone());
                    let Some(i) = fields.names.iter().position(|f| f == k) else {
                        return Err(unknown_field(k, fields.names));
                    };
                    let d = fields.field_of[i];
                    if seen[d] {
                        let first = fields.field_of.iter().position(|&x| x == d).unwrap_or(i);
                        return Err(duplicate_field(fields.names[first]));
                    }
                    seen[d] = true;
                    f(self, d, item)?;
                    self.path.pop();
                }
                for (d, req) in fields.required.iter().enumerate() {
                    if let (false, Some(name)) = (seen[d], req) {
                        return Err(missing_field(name));
                    }
                }
            }
            Value::Array(items) => {
                for (d, req) in fields.required.iter().enumerate() {
                    match items.get(d) {
                        Some(item) => {
                            self.path.push(d.to_string());
                            f(self, d, item)?;
                            self.path.pop();
                        }
                        None if req.is_some() => {
                            let s = if n == 1 { "" } else { "s" };
                            let exp = format!("{} with {n} element{s}", fields.what);
                            return Err(invalid_length(d, &exp));
                        }
                        None => {}
                    }
                }
                if items.len() > n {
                    return Err(invalid_length(items.len(), "fewer elements in array"));
                }
            }
            other => return Err(invalid_type(other, fields.what)),
        }
        self.end_variant(content);
        Ok(())
    }
}
