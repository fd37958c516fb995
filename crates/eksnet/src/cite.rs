//! Where a rule comes from. Every diagnostic and every hop cites one.

use serde::{Serialize, Serializer};

use crate::{text, Text};

/// Pages of AWS's (and the AWS Load Balancer Controller's) documentation, by a
/// word of the cited section: the first entry whose key the section contains.
const AWS_PAGES: &[(&str, &str)] = &[
    ("Cluster API server endpoint", "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html"),
    ("VPC and subnet requirements", "https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html"),
    ("security group requirements", "https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html"),
    ("Private cluster", "https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html"),
    ("custom networking", "https://docs.aws.amazon.com/eks/latest/userguide/cni-custom-network.html"),
    ("IP addressing", "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html"),
    ("subnet sizing", "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html"),
    ("Fargate", "https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html"),
    ("KubernetesNetworkConfigRequest", "https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html"),
    ("Controller, Service annotations", "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/"),
    ("Controller, Ingress annotations", "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/"),
    ("client IP preservation", "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html#client-ip-preservation"),
    ("health checks", "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html"),
    ("DNS name", "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html#dns-name"),
    ("Availability Zones", "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#availability-zones"),
    ("Elastic Load Balancing, subnets", "https://docs.aws.amazon.com/eks/latest/userguide/network-load-balancing.html"),
    ("private clusters with limited", "https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html"),
    ("ECR interface VPC endpoints", "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html"),
    ("Gateway endpoints", "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html"),
    ("ClusterIssue", "https://docs.aws.amazon.com/eks/latest/APIReference/API_ClusterIssue.html"),
    ("API reference", "https://docs.aws.amazon.com/eks/latest/APIReference/Welcome.html"),
    ("Network ACL rules", "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html"),
    ("network ACLs for your load balancer", "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-vpc-network-acls.html"),
    ("Configure route tables", "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html"),
    ("How route priority works", "https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html"),
];

/// A document a rule is taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// `000_d40e3ec3cff8c6db.txt`: AWS blog "De-mystifying cluster networking for
    /// Amazon EKS worker nodes" (notes in Korean).
    S000,
    /// `001_1f1d6782be8c80f0.txt`: notes on EKS architecture, endpoints, cluster SG.
    S001,
    /// `002_7d2c3cf8731998dd.txt`: notes on endpoint access modes and their flows.
    S002,
    /// `003_57faaa0ff31bfc0c.txt`: notes on EKS networking, VPC CNI, max pods, IPv6.
    S003,
    /// `004_1ae6e5c7f99dae50.txt`: EKS network and load balancers (figures 1–5,
    /// consoles 1–6).
    S004,
    /// AWS's own documentation (the fidelity notes of the design).
    AwsDocs,
    /// The VPC CNI's instance limits table and `max-pods-calculator.sh`.
    VpcCni,
    /// Kubernetes' own documentation.
    Kubernetes,
}

impl Source {
    /// The file name (for sources) or a short document name.
    pub fn file(self) -> &'static str {
        match self {
            Source::S000 => "000_d40e3ec3cff8c6db.txt",
            Source::S001 => "001_1f1d6782be8c80f0.txt",
            Source::S002 => "002_7d2c3cf8731998dd.txt",
            Source::S003 => "003_57faaa0ff31bfc0c.txt",
            Source::S004 => "004_1ae6e5c7f99dae50.txt",
            Source::AwsDocs => "AWS documentation",
            Source::VpcCni => "amazon-vpc-cni-k8s",
            Source::Kubernetes => "Kubernetes documentation",
        }
    }

    /// The document's title, as a reader would cite it (the blog post's or the
    /// study notes' subject); [`Source::file`] stays available beside it.
    pub fn title(self) -> Text {
        match self {
            Source::S000 => text!(
                "AWS blog: De-mystifying cluster networking for Amazon EKS worker nodes",
                "AWS 블로그: De-mystifying cluster networking for Amazon EKS worker nodes"
            ),
            Source::S001 => text!(
                "Study notes: EKS architecture, endpoints and the cluster security group",
                "학습 노트: EKS 아키텍처, 엔드포인트, 클러스터 보안 그룹"
            ),
            Source::S002 => text!(
                "Study notes: EKS cluster endpoint access (public, private, both)",
                "학습 노트: AWS EKS 클러스터 엔드포인트란? Public, Private, Private + Public"
            ),
            Source::S003 => text!(
                "Study notes: EKS networking, VPC CNI, max pods, IPv6",
                "학습 노트: EKS 네트워킹, VPC CNI, 최대 Pod 수, IPv6"
            ),
            Source::S004 => text!(
                "Analysis: AWS EKS Network, Load Balancer",
                "분석: AWS EKS Network, Load Balancer"
            ),
            Source::AwsDocs => text!("AWS documentation", "AWS 문서"),
            Source::VpcCni => text!(
                "Amazon VPC CNI plugin (amazon-vpc-cni-k8s)",
                "Amazon VPC CNI 플러그인 (amazon-vpc-cni-k8s)"
            ),
            Source::Kubernetes => text!("Kubernetes documentation", "Kubernetes 문서"),
        }
    }

    /// Short label (`000`, `aws`, ...).
    pub fn short(self) -> &'static str {
        match self {
            Source::S000 => "000",
            Source::S001 => "001",
            Source::S002 => "002",
            Source::S003 => "003",
            Source::S004 => "004",
            Source::AwsDocs => "aws",
            Source::VpcCni => "vpc-cni",
            Source::Kubernetes => "k8s",
        }
    }
}

/// A citation: a document and the part of it that states the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cite {
    /// The document.
    pub source: Source,
    /// Section, figure or console (`Public endpoint only`, `console 1`).
    pub section: &'static str,
}

impl Cite {
    /// A citation of `section` in `source`.
    pub const fn new(source: Source, section: &'static str) -> Cite {
        Cite { source, section }
    }

    /// `Analysis: AWS EKS Network, Load Balancer, console 1`: the source by its
    /// title (see [`Cite::display`] for its file name).
    pub fn title(&self) -> Text {
        let t = self.source.title();
        if self.section.is_empty() {
            t
        } else {
            let s = self.section;
            Text {
                en: format!("{}, {s}", t.en),
                ko: format!("{}, {s}", t.ko),
            }
        }
    }

    /// Where a reader can open the source: the AWS page for the cited section
    /// of AWS's documentation, the blog post, the VPC CNI's repository or the
    /// Kubernetes documentation; `None` for the study notes (files only).
    pub fn url(&self) -> Option<&'static str> {
        match self.source {
            Source::AwsDocs => Some(
                AWS_PAGES
                    .iter()
                    .find(|(k, _)| self.section.contains(k))
                    .map_or("https://docs.aws.amazon.com/eks/latest/userguide/", |(_, u)| u),
            ),
            Source::S000 => Some("https://aws.amazon.com/blogs/containers/de-mystifying-cluster-networking-for-amazon-eks-worker-nodes/"),
            Source::VpcCni => Some("https://github.com/aws/amazon-vpc-cni-k8s"),
            Source::Kubernetes => Some("https://kubernetes.io/docs/"),
            Source::S001 | Source::S002 | Source::S003 | Source::S004 => None,
        }
    }

    /// `004_1ae6e5c7f99dae50.txt, console 1`.
    pub fn display(&self) -> String {
        if self.section.is_empty() {
            self.source.file().to_string()
        } else {
            format!("{}, {}", self.source.file(), self.section)
        }
    }
}

impl Serialize for Cite {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Cite", 2)?;
        st.serialize_field("source", self.source.file())?;
        st.serialize_field("section", self.section)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Source; 8] = [
        Source::S000,
        Source::S001,
        Source::S002,
        Source::S003,
        Source::S004,
        Source::AwsDocs,
        Source::VpcCni,
        Source::Kubernetes,
    ];

    #[test]
    fn every_source_has_a_title_in_both_languages_that_is_not_its_file_name() {
        for s in ALL {
            let t = s.title();
            assert!(!t.en.is_empty() && !t.ko.is_empty(), "{s:?}");
            assert!(!t.en.contains(".txt") && !t.ko.contains(".txt"), "{s:?}");
        }
        let c = Cite::new(Source::S004, "console 1");
        assert_eq!(
            c.title().en,
            "Analysis: AWS EKS Network, Load Balancer, console 1"
        );
        assert_eq!(c.display(), "004_1ae6e5c7f99dae50.txt, console 1");
    }

    #[test]
    fn aws_documentation_links_the_cited_page() {
        let c = Cite::new(Source::AwsDocs, "Cluster API server endpoint");
        assert_eq!(
            c.url(),
            Some("https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html")
        );
        let c = Cite::new(Source::AwsDocs, "Amazon EKS security group requirements");
        assert!(c.url().unwrap().ends_with("/sec-group-reqs.html"));
        // Every AWS page is an https address; the study notes have none.
        for (_, u) in AWS_PAGES {
            assert!(u.starts_with("https://"), "{u}");
        }
        assert_eq!(Cite::new(Source::S002, "test").url(), None);
    }
}
