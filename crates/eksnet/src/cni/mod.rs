//! The Amazon VPC CNI: which IP each pod gets, on which ENI, and why a pod waits.
//!
//! The VPC CNI builds no overlay: pods take secondary IPs (or addresses of /28
//! prefixes) of ENIs attached to their node, in the node's subnet (sources 003 and
//! 004, figures 2 and 3). This module holds what that needs:
//!
//! - [`limits`]: the CNI's per-instance-type table (ENIs, IPv4 per ENI, hypervisor),
//!   compiled in;
//! - [`vcpus`]: vCPU counts derived from instance type names (for the kubelet cap);
//! - [`max_pods`]: max pods per node, the way AWS computes it, with its breakdown.

pub mod limits;
pub mod max_pods;
pub mod vcpus;

pub use limits::{Hypervisor, InstanceLimits, UnknownInstanceType};
pub use max_pods::{max_pods, AddressMode, MaxPods, MaxPodsError, MaxPodsOptions};
