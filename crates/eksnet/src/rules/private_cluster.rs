//! What a private cluster (nodes without internet egress) needs: the VPC endpoints
//! of the AWS services its nodes and pods call, what each is for, and what breaks
//! without it. One table ([`RULES`]) that the check (`private-cluster-endpoint-missing`),
//! the image-pull trace (`trace/pull.rs`) and the "VPC layouts" scene all read.
//!
//! AWS's "Deploy private clusters with limited internet access" (EKS user guide)
//! lists them: `ec2` (the EKS optimized AMI sets the node's DNS name through the
//! EC2 API, and the VPC CNI attaches ENIs and assigns addresses through it),
//! `ecr.api`, `ecr.dkr` and the `s3` gateway (pulling images; layers are in S3),
//! `sts` (IAM roles for service accounts), `elasticloadbalancing` (the AWS Load
//! Balancer Controller), `logs` (node and pod logs to CloudWatch Logs) and
//! `autoscaling` (with `sts`, for the Cluster Autoscaler).
//!
//! ```
//! use eksnet::rules::private_cluster::{vpc_endpoints, RULES};
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let needs = vpc_endpoints(&a.model, &a.lbs);
//! assert_eq!(needs.len(), RULES.len());
//! assert!(needs.iter().all(|n| !n.present)); // the default VPC has none
//! // ec2, ecr.api, ecr.dkr and s3 are needed by every private cluster.
//! assert_eq!(needs.iter().filter(|n| n.needed).count(), 4);
//! ```

use crate::cite::{Cite, Source};
use crate::lb::{Controller, LoadBalancing};
use crate::model::Model;
use crate::scenario::VpcEndpointType;
use crate::trace::pull::has_internet_egress;
use crate::{text, Text};

/// The rule's source.
pub const CITE: Cite = Cite::new(
    Source::AwsDocs,
    "Deploy private clusters with limited internet access",
);

/// Where a missing endpoint breaks the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Breaks {
    /// The node never joins (bootstrap cannot describe its instance).
    NodeNeverJoins,
    /// Pods get no IP (the VPC CNI cannot attach ENIs or assign addresses).
    PodsGetNoIp,
    /// Images do not pull.
    ImagesDoNotPull,
    /// Pods get no AWS credentials (IAM roles for service accounts).
    PodCredentials,
    /// The AWS Load Balancer Controller cannot create or change load balancers.
    LbControllerCannotAct,
    /// Logs never reach CloudWatch Logs.
    LogsNotDelivered,
    /// The Cluster Autoscaler cannot change node group sizes.
    AutoscalerCannotScale,
}

impl Breaks {
    /// In a few words, both languages.
    pub fn text(self) -> Text {
        match self {
            Breaks::NodeNeverJoins => text!("the node never joins", "노드가 합류하지 못한다"),
            Breaks::PodsGetNoIp => text!("pods get no IP", "Pod가 IP를 받지 못한다"),
            Breaks::ImagesDoNotPull => {
                text!("images do not pull", "이미지를 받지 못한다")
            }
            Breaks::PodCredentials => text!(
                "pods using IAM roles for service accounts get no credentials",
                "서비스 계정용 IAM 역할을 쓰는 Pod가 자격 증명을 받지 못한다"
            ),
            Breaks::LbControllerCannotAct => text!(
                "the AWS Load Balancer Controller cannot create or change load balancers",
                "AWS Load Balancer Controller가 로드 밸런서를 만들거나 바꾸지 못한다"
            ),
            Breaks::LogsNotDelivered => text!(
                "node and pod logs never reach CloudWatch Logs",
                "노드와 Pod 로그가 CloudWatch Logs에 닿지 않는다"
            ),
            Breaks::AutoscalerCannotScale => text!(
                "the Cluster Autoscaler cannot scale node groups",
                "Cluster Autoscaler가 노드 그룹을 늘리고 줄이지 못한다"
            ),
        }
    }
}

/// When a private cluster needs an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Need {
    /// Always: every node calls it.
    Always,
    /// When the AWS Load Balancer Controller manages a load balancer.
    LoadBalancerController,
    /// When the feature that calls it is used (eksnet does not model it).
    IfUsed,
}

/// One endpoint a private cluster may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointRule {
    /// The short service name (`ecr.api`).
    pub service: &'static str,
    /// Interface (PrivateLink) or gateway (a route-table entry).
    pub kind: VpcEndpointType,
    /// When it is needed.
    pub need: Need,
    /// Who calls it, in a few words (en, ko).
    pub used_by: (&'static str, &'static str),
    /// What breaks without it.
    pub breaks: &'static [Breaks],
}

/// The endpoints of a private cluster, in the order they are shown (AWS's
/// "Deploy private clusters with limited internet access").
pub const RULES: [EndpointRule; 8] = [
    EndpointRule {
        service: "ec2",
        kind: VpcEndpointType::Interface,
        need: Need::Always,
        used_by: (
            "node bootstrap (the node's DNS name) and the VPC CNI (ENIs, addresses)",
            "노드 부트스트랩(노드 DNS 이름)과 VPC CNI(ENI, 주소)",
        ),
        breaks: &[Breaks::NodeNeverJoins, Breaks::PodsGetNoIp],
    },
    EndpointRule {
        service: "ecr.api",
        kind: VpcEndpointType::Interface,
        need: Need::Always,
        used_by: ("image pulls (authorisation)", "이미지 받기(인증)"),
        breaks: &[Breaks::ImagesDoNotPull],
    },
    EndpointRule {
        service: "ecr.dkr",
        kind: VpcEndpointType::Interface,
        need: Need::Always,
        used_by: ("image pulls (manifests)", "이미지 받기(매니페스트)"),
        breaks: &[Breaks::ImagesDoNotPull],
    },
    EndpointRule {
        service: "s3",
        kind: VpcEndpointType::Gateway,
        need: Need::Always,
        used_by: ("image pulls (layers)", "이미지 받기(레이어)"),
        breaks: &[Breaks::ImagesDoNotPull],
    },
    EndpointRule {
        service: "sts",
        kind: VpcEndpointType::Interface,
        need: Need::IfUsed,
        used_by: (
            "IAM roles for service accounts (and the Cluster Autoscaler)",
            "서비스 계정용 IAM 역할(과 Cluster Autoscaler)",
        ),
        breaks: &[Breaks::PodCredentials],
    },
    EndpointRule {
        service: "elasticloadbalancing",
        kind: VpcEndpointType::Interface,
        need: Need::LoadBalancerController,
        used_by: (
            "the AWS Load Balancer Controller",
            "AWS Load Balancer Controller",
        ),
        breaks: &[Breaks::LbControllerCannotAct],
    },
    EndpointRule {
        service: "logs",
        kind: VpcEndpointType::Interface,
        need: Need::IfUsed,
        used_by: (
            "logs sent to CloudWatch Logs",
            "CloudWatch Logs로 보내는 로그",
        ),
        breaks: &[Breaks::LogsNotDelivered],
    },
    EndpointRule {
        service: "autoscaling",
        kind: VpcEndpointType::Interface,
        need: Need::IfUsed,
        used_by: ("the Cluster Autoscaler", "Cluster Autoscaler"),
        breaks: &[Breaks::AutoscalerCannotScale],
    },
];

/// One endpoint a private cluster may need: whether this cluster needs it and
/// whether the VPC has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointNeed {
    /// The short service name (`ecr.api`).
    pub service: &'static str,
    /// Its rule.
    pub rule: &'static EndpointRule,
    /// Whether this cluster needs it without internet egress ([`Need::Always`], or
    /// the AWS Load Balancer Controller manages a load balancer).
    pub needed: bool,
    /// Whether the VPC has an endpoint for it.
    pub present: bool,
}

impl EndpointNeed {
    /// What breaks without it, joined (`images do not pull`).
    pub fn breaks(&self) -> Text {
        let parts: Vec<Text> = self.rule.breaks.iter().map(|b| b.text()).collect();
        let en: Vec<&str> = parts.iter().map(|t| t.en.as_str()).collect();
        let ko: Vec<&str> = parts.iter().map(|t| t.ko.as_str()).collect();
        Text {
            en: en.join("; "),
            ko: ko.join("; "),
        }
    }
}

/// Whether the AWS Load Balancer Controller manages any load balancer.
pub fn uses_lb_controller(lbs: &LoadBalancing) -> bool {
    lbs.load_balancers
        .iter()
        .any(|l| l.controller == Controller::AwsLoadBalancerController)
}

/// Each endpoint of [`RULES`], in order: whether this cluster needs it and
/// whether the model's VPC has it.
pub fn vpc_endpoints(m: &Model, lbs: &LoadBalancing) -> Vec<EndpointNeed> {
    let lbc = uses_lb_controller(lbs);
    RULES
        .iter()
        .map(|rule| EndpointNeed {
            service: rule.service,
            rule,
            needed: match rule.need {
                Need::Always => true,
                Need::LoadBalancerController => lbc,
                Need::IfUsed => false,
            },
            present: m.vpc.endpoint(rule.service).is_some(),
        })
        .collect()
}

/// Whether the VPC has every endpoint this cluster needs.
pub fn has_vpc_endpoints(m: &Model, lbs: &LoadBalancing) -> bool {
    vpc_endpoints(m, lbs).iter().all(|n| n.present || !n.needed)
}

/// The first node of each subnet whose nodes have no way to the internet (no
/// route through a NAT gateway, or through an internet gateway with a public
/// address): the nodes that depend on VPC endpoints. Decided by the trace's own
/// egress leg.
pub fn nodes_without_egress(m: &Model) -> Vec<usize> {
    let mut seen: Vec<(usize, bool)> = Vec::new();
    let mut out = Vec::new();
    for (n, node) in m.nodes.iter().enumerate() {
        let key = (node.subnet, node.public_ip.is_some());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        if !has_internet_egress(m, n) {
            out.push(n);
        }
    }
    out
}

/// `private-cluster-endpoint-missing`: for each endpoint this cluster needs and
/// the VPC lacks, while some nodes have no internet egress, what breaks and where.
pub(crate) fn check(m: &Model, lbs: &LoadBalancing, d: &mut Vec<crate::Diagnostic>) {
    let stranded = nodes_without_egress(m);
    if stranded.is_empty() {
        return;
    }
    let subnets: Vec<&str> = crate::sort::set_of(
        stranded
            .iter()
            .filter_map(|&n| m.nodes.get(n).and_then(|x| m.subnets.get(x.subnet)))
            .map(|s| s.id.as_str()),
    )
    .into_iter()
    .collect();
    let subs = subnets.join(", ");
    let region = &m.cluster.region;
    let missing: Vec<EndpointNeed> = vpc_endpoints(m, lbs)
        .into_iter()
        .filter(|n| n.needed && !n.present)
        .collect();
    if missing.is_empty() {
        return;
    }
    // One diagnostic: each missing endpoint, who calls it and what breaks.
    let each = |ko: bool| -> String {
        missing
            .iter()
            .map(|n| {
                let (ue, uk) = n.rule.used_by;
                let br = n.breaks();
                if ko {
                    format!("{} ({uk}: {})", n.service, br.ko)
                } else {
                    format!("{} ({ue}: {})", n.service, br.en)
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let (le, lk) = (each(false), each(true));
    let names = |kind: VpcEndpointType| -> String {
        missing
            .iter()
            .filter(|n| n.rule.kind == kind)
            .map(|n| format!("com.amazonaws.{region}.{}", n.service))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (ifs, gws) = (
        names(VpcEndpointType::Interface),
        names(VpcEndpointType::Gateway),
    );
    let fix = match (ifs.is_empty(), gws.is_empty()) {
        (false, false) => text!(
            "add interface endpoints with private DNS for {ifs} and a gateway endpoint for {gws}, or give the nodes' subnets a route to a NAT gateway",
            "{ifs}에 프라이빗 DNS를 켠 인터페이스 엔드포인트를, {gws}에 게이트웨이 엔드포인트를 만들거나, 노드 서브넷에 NAT 게이트웨이 경로를 둔다"
        ),
        (false, true) => text!(
            "add interface endpoints with private DNS for {ifs}, or give the nodes' subnets a route to a NAT gateway",
            "{ifs}에 프라이빗 DNS를 켠 인터페이스 엔드포인트를 만들거나, 노드 서브넷에 NAT 게이트웨이 경로를 둔다"
        ),
        _ => text!(
            "add a gateway endpoint for {gws}, or give the nodes' subnets a route to a NAT gateway",
            "{gws}에 게이트웨이 엔드포인트를 만들거나, 노드 서브넷에 NAT 게이트웨이 경로를 둔다"
        ),
    };
    d.push(
        crate::Diagnostic::new(
            crate::codes::Code::PrivateClusterEndpointMissing,
            "/vpc/vpcEndpoints",
            text!(
                "nodes in {subs} have no internet egress, and the VPC has no endpoint for what they call: {le}",
                "{subs}의 노드는 인터넷으로 나가지 못하는데, VPC에 이들이 부르는 서비스의 엔드포인트가 없다: {lk}"
            ),
        )
        .fix(fix),
    );
}

#[cfg(test)]
mod tests {
    use crate::scenario::*;
    use crate::testkit::{lab, with_code};

    #[test]
    fn the_check_and_the_scene_read_the_same_rule() {
        // Private-only lab, the private subnet without NAT, ECR endpoints only.
        let mut s = lab(false, true);
        s.vpc.subnets[2].default_route = None;
        for (svc, kind) in [
            ("ecr.api", VpcEndpointType::Interface),
            ("ecr.dkr", VpcEndpointType::Interface),
            ("s3", VpcEndpointType::Gateway),
        ] {
            s.vpc.vpc_endpoints.push(VpcEndpoint {
                service_name: svc.into(),
                vpc_endpoint_type: kind,
                private_dns_enabled: true,
                ..VpcEndpoint::default()
            });
        }
        let d = with_code(&s, "private-cluster-endpoint-missing");
        // Only ec2 is missing of what every private cluster needs.
        assert_eq!(d.len(), 1, "{d:#?}");
        let en = &d[0].message.en;
        assert!(en.contains(": ec2 (node bootstrap"), "{en}");
        assert!(!en.contains("ecr.api"), "{en}");
        assert!(d[0]
            .message
            .en
            .contains("the node never joins; pods get no IP"));
        assert!(d[0].message.ko.contains("노드가 합류하지 못한다"));
        assert!(d[0].message.en.contains("subnet-pa"));
        // The scene draws the same four, ec2 absent.
        let a = crate::analyze(&s);
        let view = crate::scene::View {
            scene: crate::scene::SceneKind::VpcLayouts,
            ..crate::scene::View::default()
        };
        let scene = crate::scene::layout(&a, &view);
        for e in ["ec2", "ecr.api", "ecr.dkr", "s3"] {
            let shape = scene.shape(&format!("vpce:{e}")).expect(e);
            assert_eq!(shape.classes.contains(&"absent"), e == "ec2", "{e}");
        }
        assert!(scene.shape("vpce:sts").is_none());
        // With a way out, nothing is missing.
        s.vpc.subnets[2].default_route = Some(DefaultRoute::NatGatewayId("nat-a".into()));
        assert!(with_code(&s, "private-cluster-endpoint-missing").is_empty());
    }
}
