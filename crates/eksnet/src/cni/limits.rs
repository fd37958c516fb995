//! Per-instance-type network limits, as the VPC CNI knows them.
//!
//! How many pods an EC2 node can host under the VPC CNI depends on two numbers of its
//! instance type: how many ENIs it can attach, and how many IPv4 addresses each ENI
//! can hold (source 004, figure 3: "the ENI count and the secondary IPs per ENI depend
//! on the node's flavour"). The CNI carries a table of them for every instance type;
//! eksnet compiles a snapshot of that table in (`data/instance-network-limits.tsv`,
//! Apache-2.0, provenance in `data/README.md`) and parses it once, at first use.
//!
//! ```
//! use eksnet::cni::limits;
//! let m5 = limits::lookup("m5.large").unwrap();
//! assert_eq!((m5.max_enis, m5.ipv4_per_eni), (3, 10));
//! assert_eq!(limits::all().len(), 1391);
//! let err = limits::find("m5.larg").unwrap_err();
//! assert_eq!(err.suggestions.first().copied(), Some("m5.large"));
//! ```
//!
//! Guarantees: the table is sorted by name with unique names; a row that does not
//! parse would be dropped rather than panic (the tests prove none is dropped).

use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

/// The compiled-in snapshot of the CNI's table.
const TSV: &str = include_str!("data/instance-network-limits.tsv");

/// The hypervisor EC2 reports for an instance type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Hypervisor {
    /// The AWS Nitro System: prefix delegation and IPv6 pods work.
    Nitro,
    /// Xen (older generations): no prefix delegation, no IPv6 pods.
    Xen,
    /// EC2 reports none (most bare-metal types).
    Unknown,
}

/// The network limits of one instance type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceLimits {
    /// Instance type name, e.g. `m5.large`.
    pub name: &'static str,
    /// ENIs the CNI may attach (the default network card's limit, as the CNI uses).
    pub max_enis: u32,
    /// IPv4 addresses per ENI, the ENI's own primary address included.
    pub ipv4_per_eni: u32,
    /// Hypervisor.
    pub hypervisor: Hypervisor,
    /// A bare-metal type.
    pub bare_metal: bool,
    /// Network cards of the type (the CNI uses the default one only).
    pub network_cards: u32,
}

impl InstanceLimits {
    /// Whether the CNI can delegate prefixes to this type's ENIs: Nitro or bare metal,
    /// the test of the CNI's `IsPrefixDelegationSupported`.
    pub fn supports_prefixes(&self) -> bool {
        self.hypervisor == Hypervisor::Nitro || self.bare_metal
    }

    /// Secondary addresses (or /28 prefix slots) per ENI: all but the ENI's primary.
    pub fn slots_per_eni(&self) -> u32 {
        self.ipv4_per_eni.saturating_sub(1)
    }
}

fn parse_row(line: &'static str) -> Option<InstanceLimits> {
    let mut f = line.split('\t');
    let name = f.next()?.trim();
    let max_enis = f.next()?.trim().parse().ok()?;
    let ipv4_per_eni = f.next()?.trim().parse().ok()?;
    let hypervisor = match f.next()?.trim() {
        "nitro" => Hypervisor::Nitro,
        "xen" => Hypervisor::Xen,
        _ => Hypervisor::Unknown,
    };
    let bare_metal = f.next()?.trim() == "true";
    let _default_card = f.next()?;
    let network_cards = f.next()?.trim().parse().ok()?;
    if name.is_empty() {
        return None;
    }
    Some(InstanceLimits {
        name,
        max_enis,
        ipv4_per_eni,
        hypervisor,
        bare_metal,
        network_cards,
    })
}

/// Every known instance type, sorted by name.
pub fn all() -> &'static [InstanceLimits] {
    static TABLE: OnceLock<Vec<InstanceLimits>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut rows: Vec<InstanceLimits> = TSV.lines().skip(1).filter_map(parse_row).collect();
        crate::sort::sort_by(&mut rows, |a, b| a.name.cmp(b.name));
        rows.dedup_by(|a, b| a.name == b.name);
        rows
    })
}

/// The limits of `name` (exact, after trimming and lower-casing), if known.
pub fn lookup(name: &str) -> Option<&'static InstanceLimits> {
    let key = name.trim();
    let table = all();
    let hit = |k: &str| {
        table
            .binary_search_by(|r| r.name.cmp(k))
            .ok()
            .and_then(|i| table.get(i))
    };
    hit(key).or_else(|| hit(&key.to_ascii_lowercase()))
}

/// An instance type eksnet does not know, with the closest known names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownInstanceType {
    /// The name asked for.
    pub name: String,
    /// Up to three close known names, best first (may be empty).
    pub suggestions: Vec<&'static str>,
}

impl fmt::Display for UnknownInstanceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown instance type `{}`", self.name)?;
        if !self.suggestions.is_empty() {
            write!(f, "; did you mean {}?", self.suggestions.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownInstanceType {}

/// The limits of `name`, or the closest known names.
pub fn find(name: &str) -> Result<&'static InstanceLimits, UnknownInstanceType> {
    lookup(name).ok_or_else(|| UnknownInstanceType {
        name: name.to_string(),
        suggestions: suggest(name),
    })
}

/// Up to three known instance types close to `name` ("did you mean").
pub fn suggest(name: &str) -> Vec<&'static str> {
    let key = name.trim().to_ascii_lowercase();
    let mut near = crate::did_you_mean(&key, all().iter().map(|r| r.name));
    if near.is_empty() {
        // A known family with a misspelt size (`m5.huge`) or a size alone: offer the
        // family's sizes that share the most leading characters.
        let family = key.split('.').next().unwrap_or("");
        near = all()
            .iter()
            .filter(|r| r.name.split('.').next() == Some(family))
            .map(|r| r.name)
            .take(3)
            .collect();
    }
    near
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The official table, kept only as a test fixture.
    const ENI_MAX_PODS: &str = include_str!("data/eni-max-pods.txt");

    #[test]
    fn every_row_loads() {
        assert_eq!(TSV.lines().skip(1).count(), 1391);
        assert_eq!(all().len(), 1391);
        assert!(all().windows(2).all(|w| w[0].name < w[1].name));
    }

    #[test]
    fn formula_matches_the_official_max_pods_table() {
        let mut n = 0;
        for line in ENI_MAX_PODS.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (name, pods) = line.split_once(' ').unwrap();
            let pods: u32 = pods.trim().parse().unwrap();
            let l = lookup(name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(l.max_enis * (l.ipv4_per_eni - 1) + 2, pods, "{name}");
            n += 1;
        }
        assert_eq!(n, 1391);
    }

    #[test]
    fn well_known_types() {
        let t2 = lookup("t2.micro").unwrap();
        assert_eq!((t2.max_enis, t2.ipv4_per_eni), (2, 2));
        assert_eq!(t2.hypervisor, Hypervisor::Xen);
        assert!(!t2.supports_prefixes());
        let metal = lookup("m5.metal").unwrap();
        assert!(metal.bare_metal && metal.hypervisor == Hypervisor::Unknown);
        assert!(metal.supports_prefixes());
        assert!(lookup("c5.18xlarge").unwrap().supports_prefixes());
        assert_eq!(lookup(" M5.LARGE ").map(|l| l.name), Some("m5.large"));
        // Multi-card types count the default card only.
        let p5 = lookup("p5.48xlarge").unwrap();
        assert!(p5.network_cards > 1);
    }

    #[test]
    fn unknown_types_get_suggestions() {
        let e = find("m5.larg").unwrap_err();
        assert_eq!(e.suggestions.first().copied(), Some("m5.large"));
        assert!(e.to_string().contains("did you mean m5.large"));
        let e = find("m5.huge").unwrap_err();
        assert!(!e.suggestions.is_empty());
        assert!(e.suggestions.iter().all(|s| s.starts_with("m5.")));
        assert!(find("").is_err());
    }
}
