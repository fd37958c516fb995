//! AWS's own words for the problems eksnet finds: the EKS health issue codes
//! (`health.issues[].code` of `aws eks describe-nodegroup` and
//! `describe-cluster`), shown beside eksnet's code where AWS reports the same
//! problem itself.
//!
//! Only codes whose meaning AWS documents as the same problem are mapped; the
//! meanings are those of botocore's EKS model (`Issue.code`, enum
//! `NodegroupIssueCode`), which AWS writes for its API reference:
//!
//! | eksnet | AWS | AWS's words |
//! |---|---|---|
//! | `node-cannot-reach-endpoint` | `NodeCreationFailure` | "Your launched instances are unable to register with your Amazon EKS cluster. Common causes of this failure are insufficient node IAM role permissions or lack of outbound internet access for the nodes." |
//! | `subnet-full-for-nodes` | `InsufficientFreeAddresses` | "One or more of the subnets associated with your managed node group does not have enough available IP addresses for new nodes." |
//! | (a node in a public subnet without a public IP, `no-public-ip`) | `Ec2SubnetInvalidConfiguration` | "One or more Amazon EC2 subnets specified for a node group do not automatically assign public IP addresses to instances launched into it." |
//!
//! AWS reports these for managed node groups; self-managed nodes fail the same
//! way without a health issue.

use crate::codes::Code;

/// `(eksnet's code, AWS's nodegroup health issue code)`.
pub const NODEGROUP_ISSUES: &[(Code, &str)] = &[
    (Code::NodeCannotReachEndpoint, "NodeCreationFailure"),
    (Code::SubnetFullForNodes, "InsufficientFreeAddresses"),
];

/// AWS's code for a node that cannot register because its public subnet does
/// not give it a public address.
pub const NO_PUBLIC_IP: &str = "Ec2SubnetInvalidConfiguration";

/// AWS's health issue code for the problem eksnet names `code`, if AWS reports
/// the same problem.
///
/// ```
/// use eksnet::codes::Code;
/// use eksnet::rules::aws_health::aws_code;
/// assert_eq!(aws_code(Code::NodeCannotReachEndpoint), Some("NodeCreationFailure"));
/// assert_eq!(aws_code(Code::PodsWithoutIp), None);
/// ```
pub fn aws_code(code: Code) -> Option<&'static str> {
    NODEGROUP_ISSUES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, a)| *a)
}

#[cfg(test)]
mod tests {
    use crate::scenario::*;
    use crate::testkit::with_code;

    #[test]
    fn a_managed_group_out_of_addresses_is_insufficient_free_addresses() {
        let mut s = Scenario::default();
        s.vpc.cidr_blocks = vec!["10.0.0.0/16".into()];
        s.vpc.subnets = vec![Subnet {
            subnet_id: "tiny".into(),
            availability_zone: "ap-northeast-2a".into(),
            cidr_block: "10.0.0.0/28".into(),
            ..Subnet::default()
        }];
        s.node_groups = vec![NodeGroup {
            nodegroup_name: "ng".into(),
            desired_size: 20,
            subnets: vec!["tiny".into()],
            ..NodeGroup::default()
        }];
        let d = with_code(&s, "subnet-full-for-nodes");
        assert_eq!(d[0].aws_code, Some("InsufficientFreeAddresses"));
        let text = crate::Diagnostic::new(d[0].code, "", d[0].message.clone());
        assert_eq!(text.aws_code, Some("InsufficientFreeAddresses"));
        // Self-managed nodes fail the same way, but AWS reports no health issue.
        s.node_groups[0].kind = NodeGroupKind::SelfManaged;
        let d = with_code(&s, "subnet-full-for-nodes");
        assert_eq!(d[0].aws_code, None);
        // A code AWS has no word for carries none.
        assert_eq!(super::aws_code(crate::codes::Code::PodsWithoutIp), None);
    }
}
