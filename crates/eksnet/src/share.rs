//! Links: every view of eksnet as a short, stable URL query.
//!
//! A [`Link`] is what a shared URL carries: the scene, flow, step, node, language,
//! embed mode and the whole scenario. Defaults are left out so simple links stay
//! readable (`scene=endpoint&access=private&flow=kubelet:ip-192-168-46-6`); a
//! scenario that differs from the default in more than its endpoint access travels
//! as `s=<version>.<base64url(deflate(json))>`.
//!
//! Reading never fails outright: [`from_query`] always returns a usable link (the
//! default scenario where the carried one cannot be read) plus the problems found,
//! so the page can show a clear message instead of a blank page. Links made today
//! keep loading as the schema grows: fields are only ever added with defaults (see
//! [`crate::scenario`]) and `tests/links_v1.rs` keeps links of this version as
//! fixtures.
//!
//! ```
//! use eksnet::share::{from_query, to_query, Link};
//! let mut link = Link::default();
//! link.scene = eksnet::SceneKind::Endpoint;
//! link.scenario.cluster.resources_vpc_config.set_endpoint_access(eksnet::EndpointAccess::Private);
//! let q = to_query(&link);
//! assert_eq!(q, "scene=endpoint&access=private");
//! assert_eq!(from_query(&q).link, link);
//! ```

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::{Flow, Lang, Scenario, SceneKind, SCENARIO_VERSION};

/// Everything a URL carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The scene.
    pub scene: SceneKind,
    /// The flow whose path is lit.
    pub flow: Option<Flow>,
    /// The step of the flow.
    pub step: Option<usize>,
    /// The node of the inside-node scene.
    pub node: Option<String>,
    /// The language, when the link sets one.
    pub lang: Option<Lang>,
    /// Embed mode: only the diagram and the smallest useful controls.
    pub embed: bool,
    /// The scenario.
    pub scenario: Scenario,
}

impl Default for Link {
    fn default() -> Self {
        Link {
            scene: SceneKind::default(),
            flow: None,
            step: None,
            node: None,
            lang: None,
            embed: false,
            scenario: Scenario::example(),
        }
    }
}

/// A link read from a URL, with what could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedLink {
    /// A usable link: whatever could be read, defaults for the rest.
    pub link: Link,
    /// Problems, in plain words (empty for a good link).
    pub problems: Vec<String>,
}

/// Most bytes a decompressed scenario may have (a link cannot make the page
/// allocate without bound).
const MAX_INFLATED: usize = crate::MAX_DOCUMENT_BYTES;

/// Endpoint access as the short `access` parameter.
fn access_of(s: &Scenario) -> &'static str {
    s.cluster.resources_vpc_config.endpoint_access().slug()
}

fn set_access(s: &mut Scenario, access: &str) -> bool {
    let Some(access) = crate::EndpointAccess::parse(access) else {
        return false;
    };
    s.cluster.resources_vpc_config.set_endpoint_access(access);
    true
}

/// Percent-encodes a query value, keeping it readable (`:`, `/`, `@` stay).
fn encode_value(v: &str) -> String {
    let mut o = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b':'
            | b'/'
            | b'@' => o.push(b as char),
            _ => o.push_str(&format!("%{b:02X}")),
        }
    }
    o
}

fn decode_value(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The compact form of a scenario: `<version>.<base64url(deflate(json))>`.
pub fn encode_scenario(s: &Scenario) -> String {
    let json = serde_json::to_string(s).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{}.{}", s.version, URL_SAFE_NO_PAD.encode(packed))
}

/// Reads the compact form written by [`encode_scenario`].
pub fn decode_scenario(v: &str) -> Result<Scenario, String> {
    let (version, data) = v
        .split_once('.')
        .ok_or_else(|| "the scenario in this link is not in eksnet's format".to_string())?;
    let version: u32 = version
        .parse()
        .map_err(|_| "the scenario in this link has no version".to_string())?;
    if version > SCENARIO_VERSION {
        return Err(format!(
            "this link was made by a newer eksnet (scenario version {version}; this one reads up to {SCENARIO_VERSION})"
        ));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| {
            "the scenario in this link is damaged (not base64url); was the link cut short?"
                .to_string()
        })?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED).map_err(
        |_| {
            "the scenario in this link is damaged (cannot decompress); was the link cut short?"
                .to_string()
        },
    )?;
    let text =
        String::from_utf8(json).map_err(|_| "the scenario in this link is not text".to_string())?;
    Scenario::from_json(&text).map_err(|e| format!("the scenario in this link is not valid: {e}"))
}

/// Writes a link as a URL query (without `?`), leaving defaults out.
pub fn to_query(link: &Link) -> String {
    let mut parts: Vec<String> = Vec::new();
    if link.embed {
        parts.push("embed".into());
    }
    if link.scene != SceneKind::default() {
        parts.push(format!("scene={}", link.scene.slug()));
    }
    let example = Scenario::example();
    if link.scenario != example {
        let mut only_access = example.clone();
        set_access(&mut only_access, access_of(&link.scenario));
        if only_access == link.scenario {
            parts.push(format!("access={}", access_of(&link.scenario)));
        } else {
            parts.push(format!("s={}", encode_scenario(&link.scenario)));
        }
    }
    if let Some(n) = &link.node {
        parts.push(format!("node={}", encode_value(n)));
    }
    if let Some(f) = &link.flow {
        parts.push(format!("flow={}", encode_value(&f.to_string())));
    }
    if let Some(s) = link.step {
        parts.push(format!("step={s}"));
    }
    if let Some(l) = link.lang {
        parts.push(format!("lang={}", l.tag()));
    }
    parts.join("&")
}

/// Reads a URL query (with or without `?`). Always returns a usable link; see
/// [`ParsedLink`].
pub fn from_query(query: &str) -> ParsedLink {
    let mut link = Link::default();
    let mut problems = Vec::new();
    let mut access = None;
    for pair in query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = match pair.split_once('=') {
            Some((k, v)) => (k, decode_value(v)),
            None => (pair, String::new()),
        };
        match k {
            "embed" => link.embed = v != "0" && v != "false",
            "scene" => match SceneKind::parse(&v) {
                Some(s) => link.scene = s,
                None => problems.push(format!("unknown scene `{v}`")),
            },
            "flow" => match Flow::parse(&v) {
                Ok(f) => link.flow = Some(f),
                Err(e) => problems.push(format!("cannot read the flow: {e}")),
            },
            "step" => match v.parse() {
                Ok(n) => link.step = Some(n),
                Err(_) => problems.push(format!("step `{v}` is not a number")),
            },
            "node" => link.node = Some(v),
            "lang" => match Lang::parse(&v) {
                Some(l) => link.lang = Some(l),
                None => problems.push(format!("unknown language `{v}`")),
            },
            "access" => access = Some(v),
            "s" => match decode_scenario(&v) {
                Ok(s) => link.scenario = s,
                Err(e) => problems.push(format!("{e}; showing the default scenario")),
            },
            // Unknown parameters (from a newer eksnet, or added by a site) are
            // ignored so that the rest of the link still works.
            _ => {}
        }
    }
    if let Some(a) = access {
        if !set_access(&mut link.scenario, &a) {
            problems.push(format!(
                "unknown endpoint access `{a}` (public, public-private, private)"
            ));
        }
    }
    ParsedLink { link, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_link_is_empty() {
        assert_eq!(to_query(&Link::default()), "");
        assert_eq!(from_query("").link, Link::default());
        assert!(from_query("?").problems.is_empty());
    }

    #[test]
    fn full_view_round_trips() {
        let mut link = Link {
            scene: SceneKind::InsideNode,
            flow: Some(Flow::parse("pod:default/a->svc:default/my-nginx").unwrap()),
            step: Some(3),
            node: Some("ip-192-168-46-6".into()),
            lang: Some(Lang::Ko),
            embed: true,
            ..Link::default()
        };
        link.scenario.workloads[0].replicas = 9;
        link.scenario.cni.enable_prefix_delegation = true;
        let q = to_query(&link);
        assert!(q.starts_with("embed&scene=inside-node&s=2."), "{q}");
        assert!(
            q.contains("flow=pod:default/a-%3Esvc:default/my-nginx"),
            "{q}"
        );
        let back = from_query(&q);
        assert!(back.problems.is_empty(), "{:?}", back.problems);
        assert_eq!(back.link, link);
        // Compact: a changed scenario stays well under a typical URL limit.
        assert!(q.len() < 2000, "{}", q.len());
    }

    #[test]
    fn damaged_links_fall_back_with_a_message() {
        let p = from_query("scene=endpoint&s=1.AAAA!!");
        assert_eq!(p.link.scene, SceneKind::Endpoint);
        assert_eq!(p.link.scenario, Scenario::example());
        assert!(p.problems[0].contains("damaged"), "{:?}", p.problems);

        let future = from_query("s=99.eJyrVgpLLSrOzM9TslIyVKoFAB4ABN4");
        assert!(future.problems[0].contains("newer eksnet"));

        let p = from_query("scene=nowhere&step=x&flow=teleport:me&access=sideways&whatever=1");
        assert_eq!(p.problems.len(), 4, "{:?}", p.problems);
        assert_eq!(p.link.scene, SceneKind::default());
    }

    #[test]
    fn a_cut_link_is_reported_not_panicking() {
        let mut link = Link::default();
        link.scenario.workloads[0].replicas = 2;
        let q = to_query(&link);
        for cut in [q.len() - 1, q.len() / 2, 4] {
            let p = from_query(&q[..cut]);
            assert_eq!(p.link.scenario, Scenario::example());
            assert!(!p.problems.is_empty());
        }
    }

    #[test]
    fn values_are_percent_decoded() {
        assert_eq!(decode_value("a%3Eb%20c+d%"), "a>b c d%");
        assert_eq!(encode_value("pod:a->b c"), "pod:a-%3Eb%20c");
    }
}
