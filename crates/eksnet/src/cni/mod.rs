//! The Amazon VPC CNI: which IP each pod gets, on which ENI, and why a pod waits.
//!
//! The VPC CNI builds no overlay: pods take secondary IPs (or addresses of /28
//! prefixes) of ENIs attached to their node, in the node's subnet (sources 003 and
//! 004, figures 2 and 3). This module holds what that needs:
//!
//! - [`limits`]: the CNI's per-instance-type table (ENIs, IPv4 per ENI, hypervisor),
//!   compiled in;
//! - [`vcpus`]: vCPU counts derived from instance type names (for the kubelet cap);
//! - [`max_pods`]: max pods per node, the way AWS computes it, with its breakdown;
//! - [`simulate`]: the deterministic simulation of the CNI's address management over
//!   a whole [`crate::Model`] (scheduling pods onto nodes, each node's ENIs, secondary
//!   IPs or prefixes and warm pool, Fargate pods, pending pods and why), whose
//!   result is an [`Ipam`] (types in [`ipam`]).
//!
//! ```
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let pod = a.ipam.pod_index("default/my-nginx-5dc4865748-g2xzk").unwrap();
//! let p = a.ipam.pods.get(pod).unwrap();
//! assert_eq!(p.ip.unwrap().to_string(), "192.168.36.89");
//! assert_eq!(p.eni, Some(0)); // a pinned address goes to eth0
//! ```
//!
//! Guarantees (property-tested over random scenarios): no address is given twice;
//! every address lies in its ENI's subnet and outside AWS's five reserved ones; no ENI
//! holds more than its limit; no node runs more pods than its max pods; the warm pool
//! meets its target unless the node's limits or the subnet prevent it; nothing panics.

mod cause;
mod eni;
mod eni_arena;
#[cfg(test)]
mod eni_arena_tests;
mod groups;
mod hand_out;
pub mod ipam;
mod least_loaded;
pub mod limits;
pub mod max_pods;
mod names;
mod node;
mod node_pods;
mod node_runs;
#[cfg(test)]
mod node_runs_tests;
mod node_store;
#[cfg(test)]
mod node_store_tests;
mod observed;
mod pins;
mod pod_name;
mod pod_pass;
pub mod pod_store;
#[cfg(test)]
mod proptests;
mod report;
mod schedule;
mod selector;
mod simulate;
mod slot_pods;
mod stamp;
#[cfg(test)]
mod tests;
pub mod vcpus;

pub use ipam::{
    Eni, EniObserved, Enis, GroupIpam, Ipam, NoIpCause, NodeIpam, NodePods, NodeStore, Nodes,
    Placement, Pod, PodName, PodProblem, PodStatus, PodStore, Prefix, PrefixSlots, Prefixes, Slot,
    Slots, SubnetIpam, WarmPolicy, WorkloadInfo,
};
pub use limits::{Hypervisor, InstanceLimits, UnknownInstanceType};
pub use max_pods::{max_pods, AddressMode, MaxPods, MaxPodsError, MaxPodsOptions};
pub(crate) use node::boot;
pub use schedule::MAX_PODS;
pub(crate) use simulate::node_spec;
pub use simulate::simulate;
pub(crate) use simulate::simulate_paced;
