//! [`PodName`]: a pod's `metadata.name` without an allocation of its own.
//!
//! A 100,000-node cluster has three million pods; as separate `String`s their names
//! cost three million allocations to make and to free (a third of the simulation's
//! time). Generated names (`<workload>-<hash>-<suffix>`) are short, so a name of up
//! to [`PodName::INLINE`] bytes is kept inline; a longer one goes to the heap.
//! A `PodName` reads as a `&str` (`Deref`), prints, compares with strings and
//! serialises as a JSON string, so code reading `pod.name` keeps working.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::Serialize;

/// A pod's name (see the module docs).
#[derive(Clone)]
pub struct PodName(Repr);

#[derive(Clone)]
enum Repr {
    /// `len` bytes of UTF-8 in `bytes`.
    Inline {
        len: u8,
        bytes: [u8; PodName::INLINE],
    },
    Heap(Box<str>),
}

impl PodName {
    /// Longest name kept inline, in bytes.
    pub const INLINE: usize = 22;

    /// A name.
    pub fn new(name: &str) -> PodName {
        let mut bytes = [0u8; PodName::INLINE];
        match bytes.get_mut(..name.len()) {
            Some(dst) => {
                dst.copy_from_slice(name.as_bytes());
                PodName(Repr::Inline {
                    len: name.len() as u8,
                    bytes,
                })
            }
            None => PodName(Repr::Heap(name.into())),
        }
    }

    /// `<a><b><c>…` joined, without an intermediate `String` when it fits inline.
    pub(crate) fn concat(parts: &[&str]) -> PodName {
        let total: usize = parts.iter().map(|p| p.len()).sum();
        if total > PodName::INLINE {
            return PodName(Repr::Heap(parts.concat().into()));
        }
        let mut bytes = [0u8; PodName::INLINE];
        let mut at = 0;
        for p in parts {
            if let Some(dst) = bytes.get_mut(at..at + p.len()) {
                dst.copy_from_slice(p.as_bytes());
            }
            at += p.len();
        }
        PodName(Repr::Inline {
            len: total as u8,
            bytes,
        })
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                // Made from whole `&str`s only, so always UTF-8.
                std::str::from_utf8(bytes.get(..usize::from(*len)).unwrap_or(&[])).unwrap_or("")
            }
            Repr::Heap(s) => s,
        }
    }
}

impl Default for PodName {
    fn default() -> PodName {
        PodName::new("")
    }
}

impl Deref for PodName {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for PodName {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for PodName {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for PodName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for PodName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for PodName {
    fn eq(&self, other: &PodName) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for PodName {}

impl PartialOrd for PodName {
    fn partial_cmp(&self, other: &PodName) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PodName {
    fn cmp(&self, other: &PodName) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for PodName {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialEq<str> for PodName {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PodName {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for PodName {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl From<&str> for PodName {
    fn from(s: &str) -> PodName {
        PodName::new(s)
    }
}

impl From<String> for PodName {
    fn from(s: String) -> PodName {
        PodName::new(&s)
    }
}

impl From<PodName> for String {
    fn from(n: PodName) -> String {
        n.as_str().to_string()
    }
}

impl Serialize for PodName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn reads_back_what_it_was_made_of(a in ".{0,20}", b in ".{0,20}") {
            let whole = format!("{a}{b}");
            let n = PodName::concat(&[&a, &b]);
            prop_assert_eq!(n.as_str(), whole.as_str());
            prop_assert_eq!(&n, &PodName::new(&whole));
            prop_assert_eq!(n.to_string(), whole.clone());
            prop_assert_eq!(serde_json::to_string(&n).unwrap(), serde_json::to_string(&whole).unwrap());
            prop_assert_eq!(n.cmp(&PodName::new("m")), whole.as_str().cmp("m"));
        }
    }

    #[test]
    fn short_names_stay_inline_and_long_ones_do_not_break() {
        let short = PodName::concat(&["app-0", "-", "bcdfghjklm", "-", "x2456"]);
        assert!(matches!(short.0, Repr::Inline { .. }));
        assert_eq!(short, "app-0-bcdfghjklm-x2456");
        let long = "a-very-long-deployment-name-7f9c4d5b8d-abcde";
        let n = PodName::new(long);
        assert!(matches!(n.0, Repr::Heap(_)));
        assert_eq!(n, long);
        assert!(n.starts_with("a-very"));
        // As small as the `String` it replaces (on 64-bit targets).
        assert_eq!(
            std::mem::size_of::<PodName>(),
            std::mem::size_of::<String>()
        );
    }
}
