//! Reading serde types from a parsed [`serde_json::Value`], with the path of any
//! error.
//!
//! Every document eksnet reads is parsed to a `Value` once by serde_json; the embed
//! API's messages are then read into their types by the one deserializer here (the
//! scenario, from a file, the editor or a share link, and the importers' AWS CLI,
//! kubectl and eksctl documents are read from the `Value` by hand, without serde:
//! `scenario::read`, `import::walk`; their tests compare them with this
//! deserializer). Each
//! type's `Deserialize` is then compiled once, for this deserializer, instead of
//! once for serde_json's text reader, once for `Value`, and once more for whichever
//! other deserializer a caller used (the site's size, docs/size.md).
//!
//! The deserializer keeps the path it is at (the keys and indices it is inside) in
//! one shared list: an error leaves the list where it happened. A value of the
//! wrong type is located at itself; an unknown field at its key; a missing field
//! at the object that lacks it.
//!
//! ```
//! use eksnet::json_value::from_value;
//! #[derive(serde::Deserialize, Debug)]
//! struct Subnet { id: u32 }
//! #[derive(serde::Deserialize, Debug)]
//! struct Vpc { subnets: Vec<Subnet> }
//! let v: serde_json::Value =
//!     serde_json::from_str(r#"{"subnets": [{"id": 1}, {"id": "x"}]}"#).unwrap();
//! let e = from_value::<Vpc>(&v).unwrap_err();
//! assert_eq!(e.path, ["subnets", "1", "id"]);
//! assert_eq!(e.message, "invalid type: string \"x\", expected u32");
//! ```
//!
//! Never panics, whatever the value.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;

mod messages;
use messages::unexpected;
pub use messages::{
    duplicate_field, invalid_length, invalid_type, invalid_value, missing_field,
    unit_variant_refused, unknown_field, unknown_variant, Error,
};

/// Why a value is not the type wanted, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The keys and indices from the value read down to the place (unescaped).
    pub path: Vec<String>,
    /// serde's message, worded as serde_json words it.
    pub message: String,
}

impl Located {
    /// The path as a JSON pointer (`/vpc/subnets/1`), keys `~`-escaped when
    /// `escape` (RFC 6901), as they are otherwise.
    pub fn pointer(&self, escape: bool) -> String {
        let mut out = String::new();
        for step in &self.path {
            out.push('/');
            if escape {
                out.push_str(&step.replace('~', "~0").replace('/', "~1"));
            } else {
                out.push_str(step);
            }
        }
        out
    }
}

/// Reads `T` from `value`.
pub fn from_value<'de, T: de::Deserialize<'de>>(value: &'de Value) -> Result<T, Located> {
    let mut path = Vec::new();
    T::deserialize(De {
        v: value,
        path: &mut path,
    })
    .map_err(|e| Located {
        path: path
            .into_iter()
            .map(|s| match s {
                Step::Key(k) => k.to_string(),
                Step::Index(i) => i.to_string(),
            })
            .collect(),
        message: e.0,
    })
}

/// One step of the path.
enum Step<'de> {
    Key(&'de str),
    Index(usize),
}

type Path<'de> = Vec<Step<'de>>;

/// The deserializer: a value and the shared path to it.
struct De<'de, 'p> {
    v: &'de Value,
    path: &'p mut Path<'de>,
}

impl<'de> De<'de, '_> {
    /// The refusal of this value by `visitor` (worded as the visitor's own).
    fn refuse<V: Visitor<'de>>(&self, visitor: &V) -> Error {
        de::Error::invalid_type(unexpected(self.v), visitor)
    }

    /// The array's elements to `visitor`; more elements than it takes are refused.
    fn seq<V: Visitor<'de>>(self, items: &'de [Value], visitor: V) -> Result<V::Value, Error> {
        let mut seq = Seq {
            items: items.iter(),
            index: 0,
            path: self.path,
        };
        let out = visitor.visit_seq(&mut seq)?;
        match seq.items.len() {
            0 => Ok(out),
            _ => Err(de::Error::invalid_length(
                items.len(),
                &"fewer elements in array",
            )),
        }
    }

    /// The object's members to `visitor`.
    fn map<V: Visitor<'de>>(
        self,
        map: &'de serde_json::Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_map(Map {
            items: map.iter(),
            value: None,
            path: self.path,
        })
    }

    /// A number to `visitor`.
    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (_, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or(0.0)),
            },
            _ => Err(self.refuse(&visitor)),
        }
    }

    /// A string to `visitor`.
    fn string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::String(s) => visitor.visit_borrowed_str(s),
            _ => Err(self.refuse(&visitor)),
        }
    }
}

// Each kind of value is read by its own method (a struct only as an object, a
// string only as a string...), not through `deserialize_any`: the code compiled
// for each type then holds only the branch it takes. What is refused is refused
// with the message the visitor itself would give.
impl<'de> de::Deserializer<'de> for De<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(_) => self.number(visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => self.seq(items, visitor),
            Value::Object(map) => self.map(map, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Bool(b) => visitor.visit_bool(*b),
            _ => Err(self.refuse(&visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Null => visitor.visit_unit(),
            _ => Err(self.refuse(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.string(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Array(items) => self.seq(items, visitor),
            _ => Err(self.refuse(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Object(map) => self.map(map, visitor),
            _ => Err(self.refuse(&visitor)),
        }
    }

    /// A struct is read from an object only (serde_json also takes an array of
    /// its fields in order; no document eksnet reads is written so).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// What is ignored is not read at all.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.v {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.v {
            Value::String(s) => visitor.visit_enum(Enum {
                variant: s,
                value: None,
                path: self.path,
            }),
            Value::Object(map) if map.len() == 1 => {
                let Some((k, v)) = map.iter().next() else {
                    return Err(de::Error::custom("an empty object"));
                };
                self.path.push(Step::Key(k));
                let out = visitor.visit_enum(Enum {
                    variant: k,
                    value: Some(v),
                    path: &mut *self.path,
                })?;
                self.path.pop();
                Ok(out)
            }
            other => Err(de::Error::invalid_type(unexpected(other), &"string or map")),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    forward_to_deserialize_any! { i128 u128 bytes byte_buf }
}

/// An array's elements, each at its index.
struct Seq<'de, 'p> {
    items: std::slice::Iter<'de, Value>,
    index: usize,
    path: &'p mut Path<'de>,
}

impl<'de> de::SeqAccess<'de> for Seq<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(v) = self.items.next() else {
            return Ok(None);
        };
        self.path.push(Step::Index(self.index));
        let out = seed.deserialize(De {
            v,
            path: &mut *self.path,
        })?;
        self.path.pop();
        self.index += 1;
        Ok(Some(out))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's members: the path has the key from the key to the end of the value.
struct Map<'de, 'p> {
    items: serde_json::map::Iter<'de>,
    value: Option<&'de Value>,
    path: &'p mut Path<'de>,
}

impl<'de> de::MapAccess<'de> for Map<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((k, v)) = self.items.next() else {
            return Ok(None);
        };
        self.path.push(Step::Key(k));
        self.value = Some(v);
        seed.deserialize(Key(k)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let v = self.value.take().unwrap_or(&Value::Null);
        let out = seed.deserialize(De {
            v,
            path: &mut *self.path,
        })?;
        self.path.pop();
        Ok(out)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's key: a string, or a number written as one (a map with number keys).
struct Key<'de>(&'de str);

impl<'de> de::Deserializer<'de> for Key<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.parse::<u64>() {
            Ok(n) => visitor.visit_u64(n),
            Err(_) => visitor.visit_borrowed_str(self.0),
        }
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(BorrowedStrDeserializer::<Error>::new(self.0))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// An enum: its variant's name, and its value when written `{"Variant": value}`.
struct Enum<'de, 'p> {
    variant: &'de str,
    value: Option<&'de Value>,
    path: &'p mut Path<'de>,
}

impl<'de, 'p> de::EnumAccess<'de> for Enum<'de, 'p> {
    type Error = Error;
    type Variant = Variant<'de, 'p>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Variant<'de, 'p>), Error> {
        let tag = seed.deserialize(BorrowedStrDeserializer::<Error>::new(self.variant))?;
        Ok((
            tag,
            Variant {
                value: self.value,
                path: self.path,
            },
        ))
    }
}

/// An enum variant's content (none for a unit variant written as a string).
struct Variant<'de, 'p> {
    value: Option<&'de Value>,
    path: &'p mut Path<'de>,
}

impl<'de, 'p> Variant<'de, 'p> {
    fn de(self, exp: &str) -> Result<De<'de, 'p>, Error> {
        match self.value {
            Some(v) => Ok(De { v, path: self.path }),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &exp)),
        }
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            None | Some(Value::Null) => Ok(()),
            Some(v) => Err(de::Error::invalid_type(unexpected(v), &"unit variant")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self.de("newtype variant")?)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self.de("tuple variant")?, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self.de("struct variant")?, visitor)
    }
}

#[cfg(test)]
mod tests;
