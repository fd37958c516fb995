//! Branch ENIs per instance type, for security groups for pods.
//!
//! With `ENABLE_POD_ENI=true` the VPC resource controller attaches a trunk ENI to each
//! node of a trunk-compatible type and gives each pod matched by a
//! `SecurityGroupPolicy` a branch ENI of its own, up to a per-type limit that EC2 does
//! not publish: the controller carries it in `pkg/aws/vpc/limits.go`
//! (`IsTrunkingCompatible`, `BranchInterface`), the file the EKS user guide points to
//! ("Assign security groups to individual Pods"). eksnet compiles a snapshot of those
//! two columns in (`data/pod-eni-limits.tsv`, provenance in `data/README.md`).
//!
//! ```
//! use eksnet::cni::max_pods::pod_eni;
//! assert_eq!(pod_eni::branch_enis("m5.large"), Some(9));
//! assert_eq!(pod_eni::branch_enis("t3.small"), None); // no `t` type has a trunk
//! ```

use std::sync::OnceLock;

/// The compiled-in snapshot of the controller's table.
const TSV: &str = include_str!("../data/pod-eni-limits.tsv");

/// The page of the EKS user guide on security groups for pods.
pub const DOC_URL: &str =
    "https://docs.aws.amazon.com/eks/latest/userguide/security-groups-for-pods.html";
/// The controller's limits file.
pub const LIMITS_URL: &str =
    "https://github.com/aws/amazon-vpc-resource-controller-k8s/blob/master/pkg/aws/vpc/limits.go";

/// One row: the type, whether it takes a trunk ENI, its branch ENIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PodEniRow {
    /// Instance type.
    pub name: &'static str,
    /// `IsTrunkingCompatible`.
    pub trunk: bool,
    /// `BranchInterface`: pods with their own security groups, at most.
    pub branch: u32,
}

fn parse(line: &'static str) -> Option<PodEniRow> {
    let mut f = line.split('\t');
    let name = f.next()?.trim();
    let trunk = f.next()?.trim() == "true";
    let branch = f.next()?.trim().parse().ok()?;
    (!name.is_empty()).then_some(PodEniRow {
        name,
        trunk,
        branch,
    })
}

/// Every row, sorted by name.
pub fn all() -> &'static [PodEniRow] {
    static TABLE: OnceLock<Vec<PodEniRow>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut rows: Vec<PodEniRow> = TSV.lines().skip(1).filter_map(parse).collect();
        crate::sort::sort_by(&mut rows, |a, b| a.name.cmp(b.name));
        rows.dedup_by(|a, b| a.name == b.name);
        rows
    })
}

/// Branch ENIs of `instance_type` when it is trunk-compatible; `None` when it is not,
/// or when the controller does not list it (then pods with their own security groups
/// stay Pending on it).
pub fn branch_enis(instance_type: &str) -> Option<u32> {
    let t = all();
    t.binary_search_by(|r| r.name.cmp(instance_type.trim()))
        .ok()
        .and_then(|i| t.get(i))
        .filter(|r| r.trunk && r.branch > 0)
        .map(|r| r.branch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_loads_sorted() {
        assert_eq!(TSV.lines().skip(1).count(), 1164);
        assert_eq!(all().len(), 1164);
        assert!(all().windows(2).all(|w| w[0].name < w[1].name));
        // A type without a trunk never has branch ENIs.
        assert!(all().iter().all(|r| r.trunk || r.branch == 0));
    }

    #[test]
    fn documented_values() {
        // EKS user guide, "Assign security groups to individual Pods", troubleshooting:
        // "an m5.large instance supports nine branch network interfaces".
        assert_eq!(branch_enis("m5.large"), Some(9));
        // "No instance types in the t family are supported."
        assert!(all()
            .iter()
            .filter(|r| r.name.starts_with('t')
                && r.name.as_bytes().get(1).is_some_and(u8::is_ascii_digit))
            .all(|r| !r.trunk));
        assert_eq!(branch_enis("t3.small"), None);
        assert_eq!(branch_enis("no.such"), None);
        assert_eq!(branch_enis("c5.18xlarge"), Some(107));
    }
}
