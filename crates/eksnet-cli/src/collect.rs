//! `eksnet collect CLUSTER [--region R]`: the read-only commands that save a
//! snapshot of a cluster into a folder, for `eksnet import` (see docs/import.md for
//! what each file is used for and the IAM permissions they need).

use crate::input::{print_text, EXIT_USAGE};

/// Arguments of `eksnet collect`.
#[derive(clap::Args)]
pub struct Args {
    /// The EKS cluster's name.
    cluster: String,
    /// AWS region (otherwise the AWS CLI's configured one).
    #[arg(long)]
    region: Option<String>,
    /// Folder the files are written to.
    #[arg(long, default_value = "eks-snapshot")]
    dir: String,
}

/// Whether `s` can be put in a shell command unquoted (EKS names: letters, digits,
/// `-` and `_`; regions: letters, digits, `-`; folders: also `.` and `/`).
fn plain(s: &str, extra: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || extra.contains(c))
}

/// The commands, one per line, as a POSIX shell script.
pub fn script(cluster: &str, region: Option<&str>, dir: &str) -> String {
    let r = region.map(|r| format!(" --region {r}")).unwrap_or_default();
    let mut s = String::new();
    s.push_str(&format!(
        "# Read-only snapshot of EKS cluster {cluster} for `eksnet import {dir}`.\n\
         # Needs eks:Describe*/List* and ec2:Describe* (see docs/import.md) and kubectl access.\n\
         set -u\nmkdir -p {dir} && cd {dir}\nC={cluster}\n"
    ));
    s.push_str(&format!(
        "aws eks describe-cluster --name \"$C\"{r} --output json > cluster.json\n\
         VPC=$(aws eks describe-cluster --name \"$C\"{r} --query cluster.resourcesVpcConfig.vpcId --output text)\n\
         for ng in $(aws eks list-nodegroups --cluster-name \"$C\"{r} --query nodegroups --output text); do\n  \
           aws eks describe-nodegroup --cluster-name \"$C\" --nodegroup-name \"$ng\"{r} --output json > \"nodegroup-$ng.json\"\ndone\n\
         for fp in $(aws eks list-fargate-profiles --cluster-name \"$C\"{r} --query fargateProfileNames --output text); do\n  \
           aws eks describe-fargate-profile --cluster-name \"$C\" --fargate-profile-name \"$fp\"{r} --output json > \"fargate-$fp.json\"\ndone\n\
         aws eks describe-addon --cluster-name \"$C\" --addon-name vpc-cni{r} --output json > addon-vpc-cni.json || rm -f addon-vpc-cni.json\n"
    ));
    let ec2 = [
        ("vpcs", "describe-vpcs --vpc-ids \"$VPC\""),
        ("dns-support", "describe-vpc-attribute --vpc-id \"$VPC\" --attribute enableDnsSupport"),
        ("dns-hostnames", "describe-vpc-attribute --vpc-id \"$VPC\" --attribute enableDnsHostnames"),
        ("subnets", "describe-subnets --filters Name=vpc-id,Values=\"$VPC\""),
        ("route-tables", "describe-route-tables --filters Name=vpc-id,Values=\"$VPC\""),
        ("internet-gateways", "describe-internet-gateways --filters Name=attachment.vpc-id,Values=\"$VPC\""),
        ("nat-gateways", "describe-nat-gateways --filter Name=vpc-id,Values=\"$VPC\""),
        ("security-groups", "describe-security-groups --filters Name=vpc-id,Values=\"$VPC\""),
        ("network-acls", "describe-network-acls --filters Name=vpc-id,Values=\"$VPC\""),
        ("vpc-endpoints", "describe-vpc-endpoints --filters Name=vpc-id,Values=\"$VPC\""),
        ("dhcp-options", "describe-dhcp-options --dhcp-options-ids \"$(aws ec2 describe-vpcs --vpc-ids \"$VPC\"{R} --query 'Vpcs[0].DhcpOptionsId' --output text)\""),
        ("instances", "describe-instances --filters Name=vpc-id,Values=\"$VPC\""),
        ("network-interfaces", "describe-network-interfaces --filters Name=vpc-id,Values=\"$VPC\""),
        ("peering", "describe-vpc-peering-connections --filters Name=requester-vpc-info.vpc-id,Values=\"$VPC\""),
        ("tgw-attachments", "describe-transit-gateway-attachments --filters Name=resource-id,Values=\"$VPC\""),
    ];
    for (file, cmd) in ec2 {
        let cmd = cmd.replace("{R}", &r);
        s.push_str(&format!("aws ec2 {cmd}{r} --output json > {file}.json\n"));
    }
    s.push_str(
        "kubectl get nodes -o json > nodes.json\n\
         kubectl get pods -A -o json > pods.json\n\
         kubectl get svc -A -o json > services.json\n\
         kubectl get ingress -A -o json > ingresses.json\n\
         kubectl get eniconfigs -o json > eniconfigs.json 2>/dev/null || rm -f eniconfigs.json\n\
         kubectl -n kube-system get daemonset aws-node -o json > aws-node.json\n",
    );
    s.push_str(&format!(
        "cd - >/dev/null && echo \"then: eksnet import {dir} -o scenario.json\"\n"
    ));
    s
}

/// Runs the command; returns the exit code.
pub fn run(a: Args) -> u8 {
    if !plain(&a.cluster, "") {
        eprintln!(
            "eksnet: `{}` is not an EKS cluster name (letters, digits, - and _)",
            a.cluster
        );
        return EXIT_USAGE;
    }
    if a.region.as_deref().is_some_and(|r| !plain(r, "")) {
        eprintln!(
            "eksnet: `{}` is not an AWS region",
            a.region.unwrap_or_default()
        );
        return EXIT_USAGE;
    }
    if !plain(&a.dir, "./") {
        eprintln!("eksnet: use a folder name of letters, digits, -, _, . and /");
        return EXIT_USAGE;
    }
    print_text(&script(&a.cluster, a.region.as_deref(), &a.dir));
    0
}
