//! What a private cluster (nodes without internet egress) needs: the VPC endpoints
//! of the AWS services its nodes call.
//!
//! AWS's "Private cluster requirements" lists them: `ec2` (the VPC CNI's ENI and
//! address calls, node bootstrap), `ecr.api` and `ecr.dkr` (image pulls), the `s3`
//! gateway endpoint (image layers), `sts` (IAM roles for service accounts, Pod
//! Identity, Fargate) and `logs` (CloudWatch Logs). eksnet checks the VPC for each
//! of these, as the "VPC layouts" scene shows; the image-pull trace follows the
//! three that pulls use (`trace/pull.rs`).
//!
//! ```
//! use eksnet::rules::private_cluster::{vpc_endpoints, VPC_ENDPOINTS};
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let needs = vpc_endpoints(&a.model);
//! assert_eq!(needs.len(), VPC_ENDPOINTS.len());
//! assert!(needs.iter().all(|n| !n.present)); // the default VPC has none
//! ```

use crate::cite::{Cite, Source};
use crate::model::Model;

/// The rule's source.
pub const CITE: Cite = Cite::new(Source::AwsDocs, "Private cluster requirements");

/// The short service names of the VPC endpoints a private cluster needs, in the
/// order they are shown.
pub const VPC_ENDPOINTS: [&str; 6] = ["ecr.api", "ecr.dkr", "s3", "sts", "ec2", "logs"];

/// One VPC endpoint a private cluster needs, and whether the VPC has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointNeed {
    /// The short service name (`ecr.api`).
    pub service: &'static str,
    /// Whether the VPC has an endpoint for it.
    pub present: bool,
}

/// Each VPC endpoint a private cluster needs ([`VPC_ENDPOINTS`], in order), and
/// whether the model's VPC has it.
pub fn vpc_endpoints(m: &Model) -> Vec<EndpointNeed> {
    VPC_ENDPOINTS
        .iter()
        .map(|&service| EndpointNeed {
            service,
            present: m.vpc.endpoint(service).is_some(),
        })
        .collect()
}

/// Whether the VPC has every endpoint a private cluster needs.
pub fn has_vpc_endpoints(m: &Model) -> bool {
    vpc_endpoints(m).iter().all(|n| n.present)
}
