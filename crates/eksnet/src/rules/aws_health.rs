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
//!
//! The cluster's own issues (`health.issues` of `aws eks describe-cluster`, enum
//! `ClusterIssueCode` of botocore's EKS model, "EKS API reference: ClusterIssue"),
//! where the scenario can tell:
//!
//! | eksnet | AWS | what eksnet sees |
//! |---|---|---|
//! | `unknown-reference` at `/cluster/resourcesVpcConfig/subnetIds/…` | `Ec2SubnetNotFound` | the cluster names a subnet the VPC does not have |
//! | `unknown-reference` at `/cluster/resourcesVpcConfig/securityGroupIds/…` or `clusterSecurityGroupId` | `Ec2SecurityGroupNotFound` | the cluster names a security group that does not exist |
//! | `cluster-subnet-too-few-ips` | `InsufficientFreeAddresses` | a cluster subnet without the free addresses EKS needs for its network interfaces |
//!
//! The others (`IamRoleNotFound`, `VpcNotFound`, `ClusterUnreachable`,
//! `ConfigurationConflict`, the KMS and STS codes...) concern what the scenario does
//! not model (IAM, KMS, the VPC's existence); an imported cluster that carries them
//! shows them as AWS wrote them (`aws-health-issue`, see [`cluster_issue`]).

use crate::codes::Code;

/// `(eksnet's code, AWS's nodegroup health issue code)`.
pub const NODEGROUP_ISSUES: &[(Code, &str)] = &[
    (Code::NodeCannotReachEndpoint, "NodeCreationFailure"),
    (Code::SubnetFullForNodes, "InsufficientFreeAddresses"),
];

/// AWS's code for a node that cannot register because its public subnet does
/// not give it a public address.
pub const NO_PUBLIC_IP: &str = "Ec2SubnetInvalidConfiguration";

/// Every `ClusterIssueCode` of botocore's EKS model (2017-11-01).
pub const CLUSTER_ISSUE_CODES: &[&str] = &[
    "AccessDenied",
    "ClusterUnreachable",
    "ConfigurationConflict",
    "InternalFailure",
    "ResourceLimitExceeded",
    "ResourceNotFound",
    "IamRoleNotFound",
    "VpcNotFound",
    "InsufficientFreeAddresses",
    "Ec2ServiceNotSubscribed",
    "Ec2SubnetNotFound",
    "Ec2SecurityGroupNotFound",
    "KmsGrantRevoked",
    "KmsKeyNotFound",
    "KmsKeyMarkedForDeletion",
    "KmsKeyDisabled",
    "StsRegionalEndpointDisabled",
    "UnsupportedVersion",
    "Other",
];

/// Every `NodegroupIssueCode` of botocore's EKS model (2017-11-01): the codes of
/// `health.issues` in `aws eks describe-nodegroup`.
pub const NODEGROUP_ISSUE_CODES: &[&str] = &[
    "AutoScalingGroupNotFound",
    "AutoScalingGroupInvalidConfiguration",
    "Ec2SecurityGroupNotFound",
    "Ec2SecurityGroupDeletionFailure",
    "Ec2LaunchTemplateNotFound",
    "Ec2LaunchTemplateVersionMismatch",
    "Ec2SubnetNotFound",
    "Ec2SubnetInvalidConfiguration",
    "IamInstanceProfileNotFound",
    "Ec2SubnetMissingIpv6Assignment",
    "IamLimitExceeded",
    "IamNodeRoleNotFound",
    "NodeCreationFailure",
    "AsgInstanceLaunchFailures",
    "InstanceLimitExceeded",
    "InsufficientFreeAddresses",
    "AccessDenied",
    "InternalFailure",
    "ClusterUnreachable",
    "AmiIdNotFound",
    "AutoScalingGroupOptInRequired",
    "AutoScalingGroupRateLimitExceeded",
    "Ec2LaunchTemplateDeletionFailure",
    "Ec2LaunchTemplateInvalidConfiguration",
    "Ec2LaunchTemplateMaxLimitExceeded",
    "Ec2SubnetListTooLong",
    "IamThrottling",
    "NodeTerminationFailure",
    "PodEvictionFailure",
    "SourceEc2LaunchTemplateNotFound",
    "LimitExceeded",
    "Unknown",
    "AutoScalingGroupInstanceRefreshActive",
    "KubernetesLabelInvalid",
    "Ec2LaunchTemplateVersionMaxLimitExceeded",
    "Ec2InstanceTypeDoesNotExist",
];

/// One `health.issues` entry of an imported managed node group (`Issue` of the
/// EKS API): AWS's code as a known `NodegroupIssueCode` (else `None`), and
/// eksnet's check of the same problem where there is one (the table in the module
/// docs, plus the missing subnets and groups, `unknown-reference`, an unreachable
/// API server, `node-cannot-reach-endpoint`, and a subnet that does not assign
/// IPv6 addresses to an IPv6 cluster's nodes, `ipv6-subnet-auto-assign`).
pub fn nodegroup_issue(code: &str) -> (Option<&'static str>, Option<Code>) {
    let known = NODEGROUP_ISSUE_CODES.iter().find(|c| **c == code).copied();
    let ours = match code {
        "NodeCreationFailure" | "ClusterUnreachable" => Some(Code::NodeCannotReachEndpoint),
        "InsufficientFreeAddresses" => Some(Code::SubnetFullForNodes),
        "Ec2SubnetInvalidConfiguration" => Some(Code::NoPublicIp),
        "Ec2SubnetMissingIpv6Assignment" => Some(Code::Ipv6SubnetAutoAssign),
        "Ec2SubnetNotFound" | "Ec2SecurityGroupNotFound" => Some(Code::UnknownReference),
        _ => None,
    };
    (known, ours)
}

/// `(eksnet's code, AWS's cluster health issue code)` where the code alone tells.
pub const CLUSTER_ISSUES: &[(Code, &str)] =
    &[(Code::ClusterSubnetTooFewIps, "InsufficientFreeAddresses")];

/// AWS's health issue code for the finding `code` at JSON pointer `path`: the
/// cluster's (see the module docs), else the node group's ([`aws_code`]).
///
/// ```
/// use eksnet::codes::Code;
/// use eksnet::rules::aws_health::aws_code_at;
/// let at = "/cluster/resourcesVpcConfig/subnetIds/1";
/// assert_eq!(aws_code_at(Code::UnknownReference, at), Some("Ec2SubnetNotFound"));
/// assert_eq!(aws_code_at(Code::UnknownReference, "/nodeGroups/0/subnets/0"), None);
/// ```
pub fn aws_code_at(code: Code, path: &str) -> Option<&'static str> {
    const CFG: &str = "/cluster/resourcesVpcConfig/";
    if code == Code::UnknownReference {
        let field = path.strip_prefix(CFG)?;
        return if field.starts_with("subnetIds") {
            Some("Ec2SubnetNotFound")
        } else if field.starts_with("securityGroupIds") || field == "clusterSecurityGroupId" {
            Some("Ec2SecurityGroupNotFound")
        } else {
            None
        };
    }
    CLUSTER_ISSUES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, a)| *a)
        .or_else(|| aws_code(code))
}

/// One `health.issues` entry of an imported cluster, as a finding: AWS's code as a
/// known `ClusterIssueCode` (else `None`, and the code is in the message), and
/// eksnet's matching code where eksnet checks the same problem.
pub fn cluster_issue(code: &str) -> (Option<&'static str>, Option<Code>) {
    let known = CLUSTER_ISSUE_CODES.iter().find(|c| **c == code).copied();
    let ours = match code {
        "Ec2SubnetNotFound" | "Ec2SecurityGroupNotFound" => Some(Code::UnknownReference),
        "InsufficientFreeAddresses" => Some(Code::ClusterSubnetTooFewIps),
        _ => None,
    };
    (known, ours)
}

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

    #[test]
    fn cluster_level_findings_carry_the_cluster_issue_codes() {
        let mut s = Scenario::example();
        s.cluster
            .resources_vpc_config
            .subnet_ids
            .push("subnet-gone".into());
        s.cluster
            .resources_vpc_config
            .security_group_ids
            .push("sg-gone".into());
        let d = with_code(&s, "unknown-reference");
        let aws: Vec<_> = d.iter().map(|d| d.aws_code).collect();
        assert!(aws.contains(&Some("Ec2SubnetNotFound")), "{d:#?}");
        assert!(aws.contains(&Some("Ec2SecurityGroupNotFound")), "{d:#?}");
        // A cluster subnet without the free addresses EKS needs.
        let d = crate::Diagnostic::new(
            crate::codes::Code::ClusterSubnetTooFewIps,
            "/cluster/resourcesVpcConfig/subnetIds/0",
            crate::Text::same("full"),
        );
        assert_eq!(d.aws_code, Some("InsufficientFreeAddresses"));
        for c in super::CLUSTER_ISSUE_CODES {
            assert_eq!(super::cluster_issue(c).0, Some(*c));
        }
        assert_eq!(super::cluster_issue("SomethingNew"), (None, None));
        for c in super::NODEGROUP_ISSUE_CODES {
            assert_eq!(super::nodegroup_issue(c).0, Some(*c));
        }
        assert_eq!(
            super::nodegroup_issue("Ec2SubnetInvalidConfiguration").1,
            Some(crate::codes::Code::NoPublicIp)
        );
        assert_eq!(super::nodegroup_issue("SomethingNew"), (None, None));
    }
}
