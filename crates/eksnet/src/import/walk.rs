//! Reading the importers' documents by hand from a parsed [`serde_json::Value`].
//!
//! Each shape (`ec2::Subnet`, `kube::Pod`, ...) is read by a small function over an
//! [`Obj`]: `o.str("SubnetId")`, `o.list("Tags", "struct Tag", read_tag)`. The
//! accessors are not generic over the document's types (the lists and nested
//! objects only over the function reading their elements), so no deserializer is
//! compiled per type (the site's size, docs/size.md).
//!
//! They read exactly as the serde derives with `#[serde(default)]` over
//! [`crate::json_value`] did (the property test in `walk_tests.rs` compares both on
//! mutated documents): a member left out takes its default, an unknown member is
//! ignored, `null` is `None` for an option and refused otherwise (but where a
//! Kubernetes list or map is `nullable`), and the error is the one serde gave: the
//! message worded as serde_json words it, at the JSON pointer of the refused value,
//! and of several bad members the one whose key sorts first (the order the derive
//! met them in).
//!
//! Never panics, whatever the value.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::read::Malformed;
use crate::json_value::{invalid_type, invalid_value};

/// A reading's outcome.
pub(crate) type R<T> = Result<T, Malformed>;

/// A function reading one shape from an object.
pub(crate) type ReadFn<T> = fn(&Obj<'_>) -> R<T>;

/// What a non-generic walker hands each object it reads to.
pub(crate) type Each<'f> = &'f mut dyn FnMut(&Obj<'_>) -> R<()>;

/// A JSON object being read: its members, its pointer, and the first error met
/// (by key order).
pub(crate) struct Obj<'a> {
    map: &'a Map<String, Value>,
    ptr: String,
    err: RefCell<Option<(String, Malformed)>>,
}

/// `key` as a JSON pointer step (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Reads `v` at `ptr` as the shape `what` (`"struct Subnet"`, the name serde's
/// refusal gives) with `f`.
pub(crate) fn read_as<T>(v: &Value, ptr: &str, what: &str, f: ReadFn<T>) -> R<T> {
    f(&Obj::new(v, ptr, what)?)
}

/// The refusal of `v` at `ptr` where `exp` was wanted.
fn wrong(ptr: String, v: &Value, exp: &str) -> Malformed {
    Malformed {
        pointer: ptr,
        message: invalid_type(v, exp),
    }
}

impl<'a> Obj<'a> {
    /// `v` as an object, or its refusal as `what`.
    pub fn new(v: &'a Value, ptr: &str, what: &str) -> R<Obj<'a>> {
        match v {
            Value::Object(map) => Ok(Obj {
                map,
                ptr: ptr.to_string(),
                err: RefCell::new(None),
            }),
            other => Err(wrong(ptr.to_string(), other, what)),
        }
    }

    /// `value` if no member was refused, else the refusal of the member whose key
    /// sorts first.
    pub fn done<T>(&self, value: T) -> R<T> {
        match self.err.borrow_mut().take() {
            Some((_, m)) => Err(m),
            None => Ok(value),
        }
    }

    /// The pointer of member `key`.
    fn at(&self, key: &str) -> String {
        format!("{}/{}", self.ptr, escape(key))
    }

    /// Keeps `m` as the error of member `key` if no member before it failed.
    fn fail(&self, key: &str, m: Malformed) {
        let mut e = self.err.borrow_mut();
        if e.as_ref().is_none_or(|(k, _)| key < k.as_str()) {
            *e = Some((key.to_string(), m));
        }
    }

    /// Refuses member `key` (value `v`) where `exp` was wanted.
    fn refuse(&self, key: &str, v: &Value, exp: &str) {
        self.fail(key, wrong(self.at(key), v, exp));
    }

    /// Member `key`, `None` when absent (or, with `optional`, `null`).
    fn get(&self, key: &str, optional: bool) -> Option<&'a Value> {
        match self.map.get(key) {
            Some(Value::Null) if optional => None,
            v => v,
        }
    }

    /// A string member; `""` when absent.
    pub fn str(&self, key: &str) -> String {
        self.opt_str_in(key, false).unwrap_or_default()
    }

    /// An optional string member (absent or `null`: `None`).
    pub fn opt_str(&self, key: &str) -> Option<String> {
        self.opt_str_in(key, true)
    }

    fn opt_str_in(&self, key: &str, optional: bool) -> Option<String> {
        match self.get(key, optional)? {
            Value::String(s) => Some(s.clone()),
            other => {
                self.refuse(key, other, "a string");
                None
            }
        }
    }

    /// A boolean member; `false` when absent.
    pub fn bool(&self, key: &str) -> bool {
        self.opt_bool_in(key, false).unwrap_or_default()
    }

    /// An optional boolean member.
    pub fn opt_bool(&self, key: &str) -> Option<bool> {
        self.opt_bool_in(key, true)
    }

    fn opt_bool_in(&self, key: &str, optional: bool) -> Option<bool> {
        match self.get(key, optional)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.refuse(key, other, "a boolean");
                None
            }
        }
    }

    /// An integer member in `min..=max`, named `exp` (`"i64"`) in refusals, as
    /// serde's integer visitors read it.
    fn int(&self, key: &str, optional: bool, exp: &str, min: i64, max: u64) -> Option<i128> {
        let v = self.get(key, optional)?;
        let n = match v {
            Value::Number(n) => n,
            other => {
                self.refuse(key, other, exp);
                return None;
            }
        };
        let ok = match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => (u <= max).then_some(i128::from(u)),
            (_, Some(i)) => (i >= min).then_some(i128::from(i)),
            _ => {
                self.refuse(key, v, exp);
                return None;
            }
        };
        if ok.is_none() {
            self.fail(
                key,
                Malformed {
                    pointer: self.at(key),
                    message: invalid_value(v, exp),
                },
            );
        }
        ok
    }

    /// An `i64` member; 0 when absent.
    pub fn i64(&self, key: &str) -> i64 {
        self.int(key, false, "i64", i64::MIN, i64::MAX as u64)
            .map_or(0, |n| n as i64)
    }

    /// An optional `i64` member.
    pub fn opt_i64(&self, key: &str) -> Option<i64> {
        self.int(key, true, "i64", i64::MIN, i64::MAX as u64)
            .map(|n| n as i64)
    }

    /// An optional `u32` member.
    pub fn opt_u32(&self, key: &str) -> Option<u32> {
        self.int(key, true, "u32", 0, u64::from(u32::MAX))
            .map(|n| n as u32)
    }

    /// An optional `u64` member.
    pub fn opt_u64(&self, key: &str) -> Option<u64> {
        self.int(key, true, "u64", 0, u64::MAX).map(|n| n as u64)
    }

    /// Member `key` as a list: `None` when absent (or `null` when `nullable`),
    /// refused when not an array.
    fn array(&self, key: &str, nullable: bool) -> Option<&'a [Value]> {
        match self.get(key, nullable)? {
            Value::Array(items) => Some(items),
            other => {
                self.refuse(key, other, "a sequence");
                None
            }
        }
    }

    /// A list of strings; empty when absent (or `null` when `nullable`).
    pub fn strs(&self, key: &str, nullable: bool) -> Vec<String> {
        self.opt_strs_in(key, nullable).unwrap_or_default()
    }

    /// An optional list of strings (absent or `null`: `None`).
    pub fn opt_strs(&self, key: &str) -> Option<Vec<String>> {
        self.opt_strs_in(key, true)
    }

    fn opt_strs_in(&self, key: &str, nullable: bool) -> Option<Vec<String>> {
        let items = self.array(key, nullable)?;
        let mut out = Vec::with_capacity(items.len());
        for (n, v) in items.iter().enumerate() {
            match v {
                Value::String(s) => out.push(s.clone()),
                other => {
                    self.fail(
                        key,
                        wrong(format!("{}/{n}", self.at(key)), other, "a string"),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    /// A list whose elements are not read; empty when absent.
    pub fn ignored_list(&self, key: &str) -> Vec<serde::de::IgnoredAny> {
        self.array(key, false)
            .map_or_else(Vec::new, |items| vec![serde::de::IgnoredAny; items.len()])
    }

    /// Whether an optional member whose content is not read is there (not absent,
    /// not `null`).
    pub fn present(&self, key: &str) -> Option<serde::de::IgnoredAny> {
        self.get(key, true).map(|_| serde::de::IgnoredAny)
    }

    /// An optional member of any JSON type, as it is.
    pub fn value(&self, key: &str) -> Option<Value> {
        self.get(key, true).cloned()
    }

    /// A map of strings; empty when absent (or `null` when `nullable`).
    pub fn str_map(&self, key: &str, nullable: bool) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let Some(members) = self.members(key, nullable) else {
            return out;
        };
        for (k, v) in members {
            match v {
                Value::String(s) => {
                    out.insert(k.clone(), s.clone());
                }
                other => {
                    let ptr = format!("{}/{}", self.at(key), escape(k));
                    self.fail(key, wrong(ptr, other, "a string"));
                    return BTreeMap::new();
                }
            }
        }
        out
    }

    /// A map of any JSON values (`null` refused); empty when absent.
    pub fn value_map(&self, key: &str) -> BTreeMap<String, Value> {
        self.members(key, false).map_or_else(BTreeMap::new, |m| {
            crate::sort::map_of(m.iter().map(|(k, v)| (k.clone(), v.clone())))
        })
    }

    /// Member `key` as a map: `None` when absent (or `null` when `nullable`),
    /// refused when not an object.
    fn members(&self, key: &str, nullable: bool) -> Option<&'a Map<String, Value>> {
        match self.get(key, nullable)? {
            Value::Object(m) => Some(m),
            other => {
                self.refuse(key, other, "a map");
                None
            }
        }
    }

    /// Reads `v` at `ptr` as the object `what`, handing it to `f`; keeps the error
    /// (`v` not an object, or `f`'s) under member `key` and answers whether there
    /// was none. Not generic: every shape's nested objects and lists go through it
    /// (the site's size, docs/size.md).
    fn child(&self, key: &str, v: &Value, ptr: &str, what: &str, f: Each<'_>) -> bool {
        match Obj::new(v, ptr, what).and_then(|o| f(&o)) {
            Ok(()) => true,
            Err(m) => {
                self.fail(key, m);
                false
            }
        }
    }

    /// A nested object read by `f`; the default when absent.
    pub fn sub<T: Default>(&self, key: &str, what: &str, f: ReadFn<T>) -> T {
        self.opt_sub_in(key, false, what, f).unwrap_or_default()
    }

    /// An optional nested object (absent or `null`: `None`).
    pub fn opt_sub<T>(&self, key: &str, what: &str, f: ReadFn<T>) -> Option<T> {
        self.opt_sub_in(key, true, what, f)
    }

    fn opt_sub_in<T>(&self, key: &str, optional: bool, what: &str, f: ReadFn<T>) -> Option<T> {
        let v = self.get(key, optional)?;
        let mut out = None;
        self.child(key, v, &self.at(key), what, &mut |o| {
            out = Some(f(o)?);
            Ok(())
        });
        out
    }

    /// A list of objects read by `f`; empty when absent (or `null` when
    /// `nullable`).
    pub fn list<T>(&self, key: &str, nullable: bool, what: &str, f: ReadFn<T>) -> Vec<T> {
        self.opt_list_in(key, nullable, what, f).unwrap_or_default()
    }

    /// An optional list of objects (absent or `null`: `None`).
    pub fn opt_list<T>(&self, key: &str, what: &str, f: ReadFn<T>) -> Option<Vec<T>> {
        self.opt_list_in(key, true, what, f)
    }

    fn opt_list_in<T>(
        &self,
        key: &str,
        nullable: bool,
        what: &str,
        f: ReadFn<T>,
    ) -> Option<Vec<T>> {
        let mut out = Vec::new();
        self.each(key, nullable, what, &mut |o| {
            out.push(f(o)?);
            Ok(())
        })
        .then_some(out)
    }

    /// Each element of the list `key` read as the object `what` and handed to `f`;
    /// whether the list was there (absent, or `null` when `nullable`: not) and
    /// every element was read.
    fn each(&self, key: &str, nullable: bool, what: &str, f: Each<'_>) -> bool {
        let Some(items) = self.array(key, nullable) else {
            return false;
        };
        let base = self.at(key);
        for (n, v) in items.iter().enumerate() {
            if !self.child(key, v, &format!("{base}/{n}"), what, f) {
                return false;
            }
        }
        true
    }

    /// A map of objects read by `f`; empty when absent.
    pub fn sub_map<T>(&self, key: &str, what: &str, f: ReadFn<T>) -> BTreeMap<String, T> {
        let mut out = BTreeMap::new();
        let Some(members) = self.members(key, false) else {
            return out;
        };
        let base = self.at(key);
        for (k, v) in members {
            let ptr = format!("{base}/{}", escape(k));
            let mut one = None;
            if !self.child(key, v, &ptr, what, &mut |o| {
                one = Some(f(o)?);
                Ok(())
            }) {
                return BTreeMap::new();
            }
            if let Some(t) = one {
                out.insert(k.clone(), t);
            }
        }
        out
    }
}
