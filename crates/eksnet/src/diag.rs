//! Diagnostics: what is wrong (or worth knowing) about a scenario.
//!
//! A [`Diagnostic`] has a severity, a stable code (never reused for another rule,
//! safe to match on), the JSON pointer of the offending field, a bilingual message,
//! a fix when there is one, and the citation of the rule.

use serde::Serialize;

use crate::{Cite, Text};

/// How bad it is.
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

/// One finding about a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// Stable code, e.g. `cluster-subnets-single-az`.
    pub code: &'static str,
    /// JSON pointer of the field, e.g. `/cluster/resourcesVpcConfig/subnetIds`.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: Text,
    /// How to fix it, when there is a fix.
    pub fix: Option<Text>,
    /// The rule's source.
    pub cite: Cite,
}

impl Diagnostic {
    /// `true` for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
