//! What reading the files gives before it is assembled: every shape read, each with
//! the file and the JSON pointer it came from.

use super::{attachments, ec2, eks, eksctl, instances, kube, routes};

/// A value read from file `file` at JSON pointer `pointer`.
#[derive(Debug, Clone)]
pub(crate) struct At<T> {
    pub file: usize,
    pub pointer: String,
    pub v: T,
}

/// Everything read from every file, before it is assembled.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    pub names: Vec<String>,
    pub clusters: Vec<At<eks::Cluster>>,
    pub nodegroups: Vec<At<eks::Nodegroup>>,
    pub fargate: Vec<At<eks::FargateProfile>>,
    pub addons: Vec<At<eks::Addon>>,
    pub vpcs: Vec<At<ec2::Vpc>>,
    pub attributes: Vec<At<ec2::VpcAttribute>>,
    pub subnets: Vec<At<ec2::Subnet>>,
    pub route_tables: Vec<At<routes::RouteTable>>,
    pub acls: Vec<At<routes::NetworkAcl>>,
    pub peerings: Vec<At<attachments::PeeringConnection>>,
    pub tgw_attachments: Vec<At<attachments::TgwAttachment>>,
    pub igws: Vec<At<ec2::InternetGateway>>,
    pub nats: Vec<At<ec2::NatGateway>>,
    pub sgs: Vec<At<ec2::SecurityGroup>>,
    pub sg_rules: Vec<At<ec2::SecurityGroupRule>>,
    pub endpoints: Vec<At<ec2::VpcEndpoint>>,
    pub dhcp: Vec<At<ec2::DhcpOptions>>,
    pub instances: Vec<At<instances::Instance>>,
    pub enis: Vec<At<instances::NetworkInterface>>,
    pub nodes: Vec<At<kube::Node>>,
    pub pods: Vec<At<kube::Pod>>,
    pub services: Vec<At<kube::Service>>,
    pub ingresses: Vec<At<kube::Ingress>>,
    pub eniconfigs: Vec<At<kube::EniConfig>>,
    pub daemonsets: Vec<At<kube::DaemonSet>>,
    pub eksctl: Vec<At<eksctl::ClusterConfig>>,
}

impl Snapshot {
    /// The name of file `i`.
    pub fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("", String::as_str)
    }

    /// Whether anything but an eksctl config was read.
    pub fn has_aws_or_k8s(&self) -> bool {
        !(self.clusters.is_empty()
            && self.nodegroups.is_empty()
            && self.fargate.is_empty()
            && self.addons.is_empty()
            && self.vpcs.is_empty()
            && self.attributes.is_empty()
            && self.subnets.is_empty()
            && self.route_tables.is_empty()
            && self.acls.is_empty()
            && self.peerings.is_empty()
            && self.tgw_attachments.is_empty()
            && self.igws.is_empty()
            && self.nats.is_empty()
            && self.sgs.is_empty()
            && self.sg_rules.is_empty()
            && self.endpoints.is_empty()
            && self.dhcp.is_empty()
            && self.instances.is_empty()
            && self.enis.is_empty()
            && self.nodes.is_empty()
            && self.pods.is_empty()
            && self.services.is_empty()
            && self.ingresses.is_empty()
            && self.eniconfigs.is_empty()
            && self.daemonsets.is_empty())
    }
}
