//! What a code is: its [`Severity`], [`Kind`] and catalogue [`Entry`], how a
//! [`Code`] is written, parsed and compared, and the catalogue as the Markdown table
//! of the module docs (the codes themselves are in [the catalogue](super)).

use std::fmt;

use serde::{Serialize, Serializer};

use super::{Code, CATALOGUE};
use crate::cite::Cite;
use Severity::{Error, Info, Warning};

/// How bad a diagnostic is (the catalogue gives each code its severities).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// EKS or Kubernetes rejects it, or traffic that should flow cannot.
    Error,
    /// Works, but against a recommendation, or loses something silently.
    Warning,
    /// Worth knowing.
    Info,
}

/// What a code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A finding about a scenario ([`crate::Diagnostic`]).
    Diagnostic,
    /// Why a trace is blocked ([`crate::Verdict::Blocked`]).
    Verdict,
    /// Both: a check and a trace say the same thing (a load balancer's problem, a
    /// target group without a healthy target).
    Both,
}

impl Kind {
    /// `diagnostic`, `verdict` or `both`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Diagnostic => "diagnostic",
            Kind::Verdict => "verdict",
            Kind::Both => "both",
        }
    }

    /// Whether diagnostics carry codes of this kind.
    pub fn diagnostic(self) -> bool {
        self != Kind::Verdict
    }

    /// Whether blocked traces carry codes of this kind.
    pub fn verdict(self) -> bool {
        self != Kind::Diagnostic
    }
}

/// One row of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The code.
    pub code: Code,
    /// What it names.
    pub kind: Kind,
    /// The severities a diagnostic with this code can have, the default first (empty
    /// for verdicts only: a blocked trace has no severity).
    pub severities: &'static [Severity],
    /// The rule, in one line.
    pub rule: &'static str,
    /// The rule's source (the citation diagnostics carry unless told otherwise).
    pub cite: Cite,
}

impl Entry {
    /// The severity of a diagnostic with this code, unless told otherwise.
    pub fn severity(&self) -> Severity {
        self.severities.first().copied().unwrap_or(Error)
    }
}

impl Code {
    /// Its row of the [`CATALOGUE`].
    pub fn entry(self) -> &'static Entry {
        // The catalogue is built in the order of the enum (a test checks it).
        &CATALOGUE[self as usize]
    }

    /// The code written as `s`, if there is one.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

/// The catalogue as the Markdown table of the module docs.
pub fn markdown_table() -> String {
    let mut out =
        String::from("| code | kind | severity | rule | source |\n|---|---|---|---|---|\n");
    for e in CATALOGUE {
        let sev = if e.severities.is_empty() {
            "—".to_string()
        } else {
            e.severities
                .iter()
                .map(|s| match s {
                    Error => "error",
                    Warning => "warning",
                    Info => "info",
                })
                .collect::<Vec<_>>()
                .join("/")
        };
        let source = if e.cite.section.is_empty() {
            e.cite.source.short().to_string()
        } else {
            format!("{}, {}", e.cite.source.short(), e.cite.section)
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            e.code,
            e.kind.as_str(),
            sev,
            e.rule,
            source
        ));
    }
    out
}
