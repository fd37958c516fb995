//! Diagnostics: what is wrong (or worth knowing) about a scenario.
//!
//! A [`Diagnostic`] has a severity, a stable [`Code`] (never reused for another rule,
//! safe to match on; see the [catalogue](crate::codes)), the JSON pointer of the
//! offending field, a bilingual message, a fix when there is one, and the citation of
//! the rule. Every diagnostic is made by [`Diagnostic::new`].

use serde::Serialize;

use crate::codes::Code;
use crate::{Cite, Text};

pub use crate::codes::Severity;

/// One finding about a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// Stable code, e.g. `cluster-subnets-single-az`.
    pub code: Code,
    /// JSON pointer of the field, e.g. `/cluster/resourcesVpcConfig/subnetIds`.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: Text,
    /// How to fix it, when there is a fix.
    pub fix: Option<Text>,
    /// The rule's source.
    pub cite: Cite,
    /// AWS's own code for the same problem, where AWS reports it (an EKS health
    /// issue code, e.g. `NodeCreationFailure`; see [`crate::rules::aws_health`]).
    #[serde(rename = "awsCode", skip_serializing_if = "Option::is_none")]
    pub aws_code: Option<&'static str>,
}

impl Diagnostic {
    /// A diagnostic with `code` about the field at `path`, saying `message`, with the
    /// severity and citation of the code's row of the [catalogue](crate::codes) and
    /// no fix (see [`fix`](Diagnostic::fix), [`severity`](Diagnostic::severity) and
    /// [`cite`](Diagnostic::cite)).
    ///
    /// ```
    /// use eksnet::{codes::Code, Diagnostic, Severity, Text};
    /// let d = Diagnostic::new(Code::VpcDnsHostnamesOff, "/vpc/enableDnsHostnames", Text::same("off"))
    ///     .fix(Text::same("turn it on"));
    /// assert_eq!(d.severity, Severity::Warning);
    /// assert_eq!(d.cite, Code::VpcDnsHostnamesOff.entry().cite);
    /// ```
    pub fn new(code: Code, path: impl Into<String>, message: Text) -> Diagnostic {
        let e = code.entry();
        let mut d = Diagnostic {
            severity: e.severity(),
            code,
            path: path.into(),
            message,
            fix: None,
            cite: e.cite,
            aws_code: None,
        };
        d.aws_code = crate::rules::aws_health::aws_code_at(code, &d.path);
        d
    }

    /// With AWS's code `aws` for the same problem (`None`: AWS has none).
    pub fn aws_code(mut self, aws: Option<&'static str>) -> Diagnostic {
        self.aws_code = aws;
        self
    }

    /// With `fix` (a [`Text`], or an `Option<Text>` when there may be none).
    pub fn fix(mut self, fix: impl Into<Option<Text>>) -> Diagnostic {
        self.fix = fix.into();
        self
    }

    /// With `severity` instead of the code's default.
    pub fn severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// Citing `cite` instead of the code's source.
    pub fn cite(mut self, cite: Cite) -> Diagnostic {
        self.cite = cite;
        self
    }

    /// `true` for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
