//! vCPU counts, derived from instance type names.
//!
//! The kubelet cap that `max-pods-calculator.sh` applies depends on the vCPU count
//! (110 pods, or 250 above 30 vCPUs), but the CNI's table has no vCPU column. EC2's
//! size names encode it for almost every type: `large` = 2, `xlarge` = 4, `Nxlarge` =
//! 4N, `metal-Nxl` = 4N; `medium` = 1 (2 in the burstable `t` families);
//! `nano`/`micro`/`small` = 2 in `t3`/`t3a`/`t4g`, 1 elsewhere; a plain `metal` has
//! the vCPUs of its family's largest virtualised size. The types where that rule is
//! wrong and known are listed in [`EXCEPTIONS`]; a type the rule cannot place (a
//! `metal` with no sibling and no exception) has no derived count, and callers then
//! assume the lower cap. Everything here is a derivation, and the max-pods breakdown
//! says so.
//!
//! ```
//! use eksnet::cni::vcpus::{vcpus, VcpuSource};
//! assert_eq!(vcpus("m5.large").map(|v| v.count), Some(2));
//! assert_eq!(vcpus("c5.18xlarge").map(|v| v.count), Some(72));
//! assert_eq!(vcpus("hpc7a.12xlarge").map(|v| v.source), Some(VcpuSource::Exception));
//! ```

use serde::Serialize;

/// Known vCPU counts where the size-name rule is wrong (older generations and the HPC
/// families with one vCPU per core), from EC2's instance type documentation. Only the
/// side of the 30-vCPU threshold changes max pods; the exact count is shown in the
/// breakdown.
pub const EXCEPTIONS: &[(&str, u32)] = &[
    ("c1.medium", 2),
    ("c1.xlarge", 8),
    ("hpc6a.48xlarge", 96),
    ("hpc6id.32xlarge", 64),
    ("hpc7a.12xlarge", 24),
    ("hpc7a.24xlarge", 48),
    ("hpc7a.48xlarge", 96),
    ("hpc7a.96xlarge", 192),
    ("hs1.8xlarge", 16),
    ("m2.2xlarge", 4),
    ("m2.4xlarge", 8),
    ("m2.xlarge", 2),
    ("mac1.metal", 12),
    ("mac2-m1ultra.metal", 20),
    ("mac2-m2.metal", 8),
    ("mac2-m2pro.metal", 12),
    ("mac2.metal", 8),
    ("t1.micro", 1),
];

/// How a vCPU count was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VcpuSource {
    /// From the size name (`4xlarge` = 16).
    SizeName,
    /// A bare-metal size: its family's largest virtualised size.
    FamilyLargest,
    /// From the [`EXCEPTIONS`] list.
    Exception,
}

/// A derived vCPU count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vcpus {
    /// The count.
    pub count: u32,
    /// How it was derived.
    pub source: VcpuSource,
}

/// vCPUs of a size name alone (`2xlarge`, `metal-24xl`, `large`), if the rule knows it.
fn from_size(family: &str, size: &str) -> Option<u32> {
    let burstable = family.starts_with('t')
        && family.len() <= 3
        && family[1..].chars().all(|c| c.is_ascii_alphanumeric());
    let t2_era = matches!(family, "t1" | "t2");
    match size {
        "nano" | "micro" | "small" => Some(if burstable && !t2_era { 2 } else { 1 }),
        "medium" => Some(if burstable { 2 } else { 1 }),
        "large" => Some(2),
        "xlarge" => Some(4),
        _ => {
            let n = size.strip_suffix("xlarge").or_else(|| {
                size.strip_prefix("metal-")
                    .and_then(|s| s.strip_suffix("xl"))
            })?;
            n.parse::<u32>().ok().map(|n| n.saturating_mul(4))
        }
    }
}

/// The vCPU count of `instance_type`, derived (see the module docs); `None` when the
/// rule cannot place it.
pub fn vcpus(instance_type: &str) -> Option<Vcpus> {
    let name = instance_type.trim();
    if let Some(&(_, count)) = EXCEPTIONS.iter().find(|(n, _)| *n == name) {
        return Some(Vcpus {
            count,
            source: VcpuSource::Exception,
        });
    }
    let (family, size) = name.split_once('.')?;
    if size == "metal" {
        let prefix_len = family.len() + 1;
        let largest = super::limits::all()
            .iter()
            .filter(|r| r.name.len() > prefix_len && r.name.starts_with(family))
            .filter(|r| r.name.as_bytes().get(family.len()) == Some(&b'.'))
            .filter_map(|r| from_size(family, &r.name[prefix_len..]))
            .max()?;
        return Some(Vcpus {
            count: largest,
            source: VcpuSource::FamilyLargest,
        });
    }
    from_size(family, size).map(|count| Vcpus {
        count,
        source: VcpuSource::SizeName,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(t: &str) -> Option<u32> {
        vcpus(t).map(|v| v.count)
    }

    #[test]
    fn size_names() {
        assert_eq!(n("t3.micro"), Some(2));
        assert_eq!(n("t3.medium"), Some(2));
        assert_eq!(n("t2.micro"), Some(1));
        assert_eq!(n("t2.medium"), Some(2));
        assert_eq!(n("a1.medium"), Some(1));
        assert_eq!(n("m5.large"), Some(2));
        assert_eq!(n("m5.xlarge"), Some(4));
        assert_eq!(n("m5.8xlarge"), Some(32));
        assert_eq!(n("p3dn.24xlarge"), Some(96));
        assert_eq!(n("m7i.metal-24xl"), Some(96));
        assert_eq!(n("u-6tb1.112xlarge"), Some(448));
    }

    #[test]
    fn metal_takes_the_family_largest() {
        assert_eq!(n("m5.metal"), Some(96));
        assert_eq!(n("c5.metal"), Some(96));
        assert_eq!(n("a1.metal"), Some(16));
        assert_eq!(vcpus("m5.metal").unwrap().source, VcpuSource::FamilyLargest);
        // `m5` must not borrow from `m5d` or `m5zn`.
        assert_eq!(n("z1d.metal"), Some(48));
        // No sibling, no exception: unknown.
        assert_eq!(n("bmn-sf1.metal"), None);
    }

    #[test]
    fn exceptions_win_and_are_all_known_types() {
        assert_eq!(n("hpc7a.12xlarge"), Some(24));
        assert_eq!(n("hs1.8xlarge"), Some(16));
        assert_eq!(n("i3en.metal"), Some(96));
        for (name, _) in EXCEPTIONS {
            assert!(super::super::limits::lookup(name).is_some(), "{name}");
        }
        assert!(EXCEPTIONS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn nearly_every_known_type_is_placed() {
        let unplaced: Vec<&str> = super::super::limits::all()
            .iter()
            .filter(|r| vcpus(r.name).is_none())
            .map(|r| r.name)
            .collect();
        // Only bare-metal types without a virtualised sibling are left.
        assert!(
            unplaced.iter().all(|t| t.ends_with(".metal")),
            "{unplaced:?}"
        );
        assert!(unplaced.len() < 12, "{unplaced:?}");
    }
}
