//! Bilingual text: every sentence the core produces exists in English and Korean.
//!
//! The core's explanations (diagnostics, hops, fixes, breakdowns) are written next to
//! the rule that produces them, in both languages, with the [`crate::text!`] macro;
//! the web crate's own chrome strings live in its catalogue. A [`Text`] is serialised
//! as `{"en": "...", "ko": "..."}`.

use serde::{Deserialize, Serialize};

pub mod counters;

/// A user-facing language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Korean (the language of the sources).
    Ko,
}

impl Lang {
    /// Parses `en` or `ko` (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ko" | "kr" => Some(Lang::Ko),
            _ => None,
        }
    }

    /// The language tag (`en`, `ko`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

/// A sentence in English and Korean.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    /// English.
    pub en: String,
    /// Korean.
    pub ko: String,
}

impl Text {
    /// The same string in both languages (names, addresses, code).
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            en: s.clone(),
            ko: s,
        }
    }

    /// Formats both languages: what [`crate::text!`] expands to. One shared,
    /// out-of-line function instead of two inlined `format!`s at each of the
    /// thousand call sites (the site's size).
    #[doc(hidden)]
    #[inline(never)]
    pub fn from_args(en: std::fmt::Arguments<'_>, ko: std::fmt::Arguments<'_>) -> Text {
        Text {
            en: std::fmt::format(en),
            ko: std::fmt::format(ko),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}

/// `n` and the English noun for it, singular or plural: `count(1, "pod", "pods")`
/// is `1 pod`, `count(3, "pod", "pods")` is `3 pods`. (Korean has no plural; its
/// sentences put the number before a counter, `Pod 3개`, `노드 3대`.)
///
/// ```
/// assert_eq!(eksnet::text::count(1, "pod", "pods"), "1 pod");
/// assert_eq!(eksnet::text::count(0, "pod", "pods"), "0 pods");
/// ```
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Builds a [`Text`] from two format strings that may capture variables:
///
/// ```
/// let n = 3;
/// let t = eksnet::text!("{n} nodes", "노드 {n}대");
/// assert_eq!(t.en, "3 nodes");
/// assert_eq!(t.ko, "노드 3대");
/// ```
#[macro_export]
macro_rules! text {
    ($en:literal, $ko:literal $(,)?) => {
        $crate::Text::from_args(format_args!($en), format_args!($ko))
    };
}
