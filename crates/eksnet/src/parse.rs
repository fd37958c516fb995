//! Reading a scenario from JSON, with errors a person can act on.

use std::fmt;

use serde::Serialize;

use crate::scenario::{Scenario, SCENARIO_VERSION};

/// Why a document is not a usable scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseError {
    /// JSON pointer of the place (`/vpc/subnets/0/cidrBlock`), or empty for the
    /// document as a whole.
    pub path: String,
    /// 1-based line and column where the parser stopped, when known.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// A suggestion, e.g. the field name that was probably meant.
    pub suggestion: Option<String>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{at}")?;
        if self.line > 0 {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, "; {s}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// Largest document accepted, so that a pasted or linked scenario cannot make the
/// page allocate without bound.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

impl Scenario {
    /// Parses a scenario from JSON. Errors name the JSON path and, for a misspelt
    /// field, suggest the closest known one. Never panics.
    pub fn from_json(text: &str) -> Result<Scenario, ParseError> {
        scenario_from_json(text)
    }
}

pub(crate) fn scenario_from_json(text: &str) -> Result<Scenario, ParseError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(ParseError {
            path: String::new(),
            line: 0,
            column: 0,
            message: format!(
                "the document is {} bytes; at most {MAX_DOCUMENT_BYTES} are accepted",
                text.len()
            ),
            suggestion: None,
        });
    }
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let (line, column) = (e.line(), e.column());
            // serde_json appends " at line L column C"; we report those separately.
            let message = crate::json_path::message_of(&e);
            return Err(ParseError {
                path: crate::json_path::pointer_at(text, line, column),
                line,
                column,
                message,
                suggestion: None,
            });
        }
    };
    // Read the version first, so that a document from a newer eksnet says so
    // instead of failing on a field this build does not know.
    if let Some(v) = value.as_object().and_then(|map| map.get("version")) {
        match v.as_u64() {
            Some(v) if v >= 1 && v <= u64::from(SCENARIO_VERSION) => {}
            Some(v) if v > u64::from(SCENARIO_VERSION) => {
                return Err(ParseError {
                    path: "/version".into(),
                    line: 0,
                    column: 0,
                    message: format!(
                        "this scenario is version {v}, newer than this eksnet understands (version {SCENARIO_VERSION})"
                    ),
                    suggestion: Some("open it with a newer eksnet".into()),
                });
            }
            _ => {
                return Err(ParseError {
                    path: "/version".into(),
                    line: 0,
                    column: 0,
                    message: format!("version must be a whole number from 1 to {SCENARIO_VERSION}"),
                    suggestion: None,
                });
            }
        }
    }
    match crate::scenario::from_value(&value) {
        Ok(mut s) => {
            // A document without `version` is read as the current one (the
            // default); an older one is brought up to date.
            crate::scenario::migrate(&mut s);
            Ok(s)
        }
        Err(e) => {
            // The place in the text: where the refused value starts.
            let (line, column) = crate::json_path::position_of(text, &e.path);
            let suggestion = suggest_field(&e.message);
            Err(ParseError {
                path: e.pointer(false),
                line,
                column,
                message: e.message,
                suggestion,
            })
        }
    }
}

/// From "unknown field `endpointPublicAcess`, expected one of `a`, `b`" picks the
/// closest expected name.
fn suggest_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let end = rest.find('`')?;
    let unknown = &rest[..end];
    let expected = rest.get(end..)?;
    let best = expected
        .split('`')
        .skip(2)
        .step_by(2)
        .map(|cand| (strsim::jaro_winkler(unknown, cand), cand))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    Some(format!("did you mean `{}`?", best.1))
}

/// The closest of `candidates` to `word`, if any is close: used for "did you
/// mean" on names (instance types, subnets, nodes).
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    closest(word, candidates.into_iter().collect())
}

/// [`did_you_mean`] on a list: one compiled copy (with its sort) for every caller.
fn closest<'a>(word: &str, candidates: Vec<&'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(s, _)| *s > 0.85)
        .collect();
    crate::sort::sort_by(&mut scored, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_document_is_valid() {
        let s = Scenario::from_json("{}").unwrap();
        assert_eq!(s, Scenario::default());
    }

    #[test]
    fn unknown_field_names_place_and_suggests() {
        let e = Scenario::from_json(
            r#"{"cluster": {"resourcesVpcConfig": {"endpointPublicAcess": true}}}"#,
        )
        .unwrap_err();
        assert_eq!(e.path, "/cluster/resourcesVpcConfig/endpointPublicAcess");
        assert_eq!(
            e.suggestion.as_deref(),
            Some("did you mean `endpointPublicAccess`?")
        );
        assert_eq!(e.line, 1);
    }

    #[test]
    fn wrong_type_in_array_names_index() {
        let e = Scenario::from_json(r#"{"vpc": {"subnets": [{}, {"cidrBlock": 5}]}}"#).unwrap_err();
        assert_eq!(e.path, "/vpc/subnets/1/cidrBlock");
        assert!(e.message.contains("invalid type"), "{}", e.message);
    }

    #[test]
    fn future_version_is_refused_clearly() {
        let e = Scenario::from_json(r#"{"version": 99, "newThing": 1}"#).unwrap_err();
        assert_eq!(e.path, "/version");
        assert!(e.message.contains("newer"));
    }

    #[test]
    fn invalid_json_has_line_and_column() {
        let e = Scenario::from_json("{\n  \"vpc\": ").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn example_round_trips() {
        let s = Scenario::example();
        assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
    }

    #[test]
    fn did_you_mean_finds_close_names() {
        let near = did_you_mean("m5.larg", ["t2.nano", "m5.xlarge", "m5.large"]);
        assert_eq!(near.first(), Some(&"m5.large"));
        assert!(!near.contains(&"t2.nano"));
    }

    /// The custom resolver's flag is camelCase like every field; the snake_case
    /// spelling that earlier versions wrote still loads.
    #[test]
    fn custom_resolver_flag_is_camel_case_and_the_old_spelling_loads() {
        use crate::scenario::DnsResolver;
        let mut s = Scenario::example();
        s.vpc.dns_resolver = DnsResolver::Custom {
            address: "192.168.0.53".into(),
            forwards_to_vpc_resolver: true,
        };
        let json = s.to_json();
        assert!(json.contains("\"forwardsToVpcResolver\": true"), "{json}");
        assert_eq!(Scenario::from_json(&json).unwrap(), s);
        let old = json.replace("forwardsToVpcResolver", "forwards_to_vpc_resolver");
        assert_eq!(Scenario::from_json(&old).unwrap(), s);
    }

    /// `controlPlaneEgressMode` carries the API's strings, round trips, and the
    /// default (`AWS_MANAGED`) stays out of the JSON so old scenarios are unchanged.
    #[test]
    fn control_plane_egress_mode_round_trips_and_the_default_is_left_out() {
        use crate::scenario::ControlPlaneEgressMode as Mode;
        let s = Scenario::example();
        assert!(!s.to_json().contains("controlPlaneEgressMode"));
        for (mode, word) in [
            (Mode::CustomerRouted, "CUSTOMER_ROUTED"),
            (Mode::CustomerIsolated, "CUSTOMER_ISOLATED"),
        ] {
            let mut t = s.clone();
            t.cluster.resources_vpc_config.control_plane_egress_mode = mode;
            let json = t.to_json();
            assert!(
                json.contains(&format!("\"controlPlaneEgressMode\": \"{word}\"")),
                "{json}"
            );
            assert_eq!(Scenario::from_json(&json).unwrap(), t);
        }
        let bad = s.to_json().replace(
            "\"publicAccessCidrs\"",
            "\"controlPlaneEgressMode\": \"customer_routed\",\n      \"publicAccessCidrs\"",
        );
        assert!(Scenario::from_json(&bad).is_err());
    }
}
