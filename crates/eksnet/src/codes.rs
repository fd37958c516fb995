//! Codes: every diagnostic and trace verdict code, and the one catalogue of their rules.
//!
//! A [`Code`] is stable (never reused for another rule, safe to match on) and is
//! written as its kebab-case string ([`Code::as_str`]) in JSON, in the CLI's output and
//! in the web page's `data-code` attributes. [`CATALOGUE`] lists every code with the
//! kind of finding it names ([`Kind`]: a [`Diagnostic`](crate::Diagnostic) of a
//! scenario, the [`Verdict`](crate::Verdict) of a blocked trace, or both), the
//! severities a diagnostic with it can have (the first is its default), its rule in one
//! line and its source. [`Diagnostic::new`](crate::Diagnostic::new) takes the severity
//! and citation of a diagnostic from here unless told otherwise.
//!
//! ```
//! use eksnet::codes::{Code, Kind};
//! assert_eq!(Code::ClusterSubnetsSingleAz.as_str(), "cluster-subnets-single-az");
//! assert_eq!(Code::parse("no-public-ip"), Some(Code::NoPublicIp));
//! assert_eq!(Code::NoPublicIp.entry().kind, Kind::Verdict);
//! ```
//!
//! The catalogue (a test keeps this table identical to [`CATALOGUE`]):
//!
//! | code | kind | severity | rule | source |
//! |---|---|---|---|---|
//! | `invalid-cidr` | diagnostic | error | a CIDR block that does not parse | aws, API reference |
//! | `unknown-reference` | diagnostic | error | a reference to a subnet, gateway, node group or other object the scenario does not define | aws, API reference |
//! | `invalid-ip` | diagnostic | error | an address that does not parse as IPv4 | aws, API reference |
//! | `duplicate-id` | diagnostic | error | an id used twice | aws, API reference |
//! | `subnet-size` | diagnostic | error | a subnet between /16 and /28 | aws, API reference |
//! | `cidr-reservation-invalid` | diagnostic | error | a subnet CIDR reservation inside its subnet's block, not overlapping another of the subnet | aws, VPC user guide, subnet CIDR reservations |
//! | `subnet-outside-vpc` | diagnostic | error | a subnet inside the VPC's CIDR blocks | aws, API reference |
//! | `subnet-overlap` | diagnostic | error | subnets that do not overlap | aws, API reference |
//! | `too-many-nodes` | diagnostic | error | more nodes than eksnet models | aws, API reference |
//! | `more-pins-than-nodes` | diagnostic | error | more pinned nodes than the group's desiredSize | aws, API reference |
//! | `node-ip-unusable` | diagnostic | error | a pinned node address that is not a free, unreserved address of its subnet | aws, API reference |
//! | `eni-address-unusable` | diagnostic | warning | an observed ENI address or /28 prefix that is not a free address (or aligned free /28) of the ENI's subnet is left out | aws, API reference |
//! | `nodegroup-no-subnets` | diagnostic | error | a node group without a usable subnet has no nodes | aws, API reference |
//! | `subnet-full-for-nodes` | diagnostic | error | a subnet with no free address left for a node | 004, figure 2 |
//! | `cluster-subnets-missing` | diagnostic | error | the cluster names no usable subnet | 001, 사용자 VPC 구성시 서브넷 조건은 멀티 AZ가 필수 |
//! | `cluster-subnets-single-az` | diagnostic | error | cluster subnets in fewer than 2 AZs | 001, 사용자 VPC 구성시 서브넷 조건은 멀티 AZ가 필수 |
//! | `cluster-subnet-too-few-ips` | diagnostic | error | a cluster subnet has fewer than 6 addresses for EKS | 003, EKS Networking |
//! | `cluster-subnet-few-ips` | diagnostic | warning | a cluster subnet has fewer than 16 addresses (the recommendation) | 003, EKS Networking |
//! | `too-many-security-groups` | diagnostic | error | more than 5 additional security groups | 001, 클러스터 보안 그룹 |
//! | `security-groups-not-modelled` | diagnostic | info | no cluster security group given: none is evaluated | 001, 클러스터 보안 그룹 |
//! | `endpoint-access-disabled` | diagnostic | error | public and private access both off | 000, Networking modes |
//! | `public-access-open` | diagnostic | info | `publicAccessCidrs` admits the whole internet | 003, EKS Networking |
//! | `public-access-cidr-private` | diagnostic | warning | a private range in `publicAccessCidrs` never matches | aws, Cluster API server endpoint |
//! | `private-access-needs-dns` | diagnostic | error | private access without `enableDnsSupport`/`enableDnsHostnames` | 001, Private 엔드포인트 구성, 동작 방식 |
//! | `vpc-dns-support-off` | diagnostic | error | `enableDnsSupport` off: nodes resolve nothing | aws, VPC and subnet requirements |
//! | `vpc-dns-hostnames-off` | diagnostic | warning | `enableDnsHostnames` off | aws, VPC and subnet requirements |
//! | `custom-resolver-not-forwarding` | diagnostic | warning/info | a custom resolver hides the private hosted zone | 001, Private 엔드포인트 구성, 동작 방식 |
//! | `nat-gateway-in-private-subnet` | diagnostic | error | a NAT gateway whose subnet has no IGW route | 003, EKS Networking |
//! | `fargate-in-public-subnet` | diagnostic | error | Fargate runs pods in private subnets only | aws, AWS Fargate: Fargate profiles |
//! | `import-malformed` | diagnostic | error | a recognised snapshot file without the shape AWS or Kubernetes prints | aws, AWS CLI output (botocore service models) |
//! | `import-nothing` | diagnostic | error | a snapshot with no file eksnet recognises | aws, AWS CLI output (botocore service models) |
//! | `import-conflict` | diagnostic | warning | snapshot files that disagree (a subnet in two VPCs, two clusters) | aws, AWS CLI output (botocore service models) |
//! | `import-unplaced` | diagnostic | warning | an observed node or pod in no imported subnet or node | aws, Amazon VPC: subnets |
//! | `aws-health-issue` | diagnostic | warning | a health issue AWS itself reports for the imported cluster (`health.issues` of `describe-cluster`) | aws, EKS API reference: ClusterIssue |
//! | `vpc-cidr-size` | diagnostic | error | VPC blocks between /16 and /28 | aws, Amazon VPC: IP addressing |
//! | `vpc-cidr-overlap` | diagnostic | error | VPC blocks that do not overlap | aws, Amazon VPC: IP addressing |
//! | `service-cidr-overlaps-vpc` | diagnostic | error | service CIDR overlapping the VPC | aws, EKS API reference: KubernetesNetworkConfigRequest.serviceIpv4Cidr |
//! | `service-cidr-range` | diagnostic | error | service CIDR outside RFC 1918 or not /12–/24 | aws, EKS API reference: KubernetesNetworkConfigRequest.serviceIpv4Cidr |
//! | `service-cidr-overlaps-network` | diagnostic | warning | service CIDR overlapping a connected network | aws, VPC and subnet requirements |
//! | `network-overlaps-vpc` | diagnostic | error | a connected network overlapping the VPC | aws, VPC and subnet requirements |
//! | `client-outside-network` | diagnostic | warning | a client's address outside its network's CIDRs | 000, Private endpoint only |
//! | `internet-client-private-ip` | diagnostic | warning | an internet client with a private source address | aws, Cluster API server endpoint |
//! | `ipv6-vpc-needs-ipv6-cidr` | diagnostic | error | IPv6 cluster, VPC without an IPv6 block | 003, Assigning IPv6 addresses to pods and services |
//! | `ipv6-needs-ipv4` | diagnostic | error | IPv6 cluster, VPC without IPv4 | 003, Assigning IPv6 addresses to pods and services |
//! | `ipv6-subnet-needs-ipv6-cidr` | diagnostic | error | IPv6 cluster, subnet without an IPv6 block | 003, Assigning IPv6 addresses to pods and services |
//! | `ipv6-subnet-auto-assign` | diagnostic | error | IPv6 cluster, node subnet not auto-assigning IPv6 | 003, Assigning IPv6 addresses to pods and services |
//! | `ipv6-no-dual-stack` | diagnostic | info | pods and services get IPv6 only | 003, Assigning IPv6 addresses to pods and services |
//! | `ipv6-egress-only-igw` | diagnostic | info | private IPv6 egress takes an egress-only IGW | 003, EKS Networking |
//! | `invalid-ipv6-cidr` | diagnostic | error | an IPv6 block that does not parse | aws, Amazon VPC: IP addressing |
//! | `subnet-ipv6-outside-vpc` | diagnostic | error | a subnet's IPv6 block outside the VPC's | aws, Amazon VPC: IP addressing |
//! | `subnet-ipv6-size` | diagnostic | error | a subnet's IPv6 block is a /64 | aws, Amazon VPC: IP addressing |
//! | `node-cannot-reach-endpoint` | diagnostic | error | kubelet cannot reach the API server (traced) | 000, Networking modes |
//! | `cluster-sg-missing-443-from-nodes` | diagnostic | error | the ENIs' groups do not admit 443 from nodes | aws, Amazon EKS security group requirements |
//! | `node-sg-missing-10250` | diagnostic | error | the nodes' groups do not admit 10250 from the cluster SG | aws, Amazon EKS security group requirements |
//! | `node-sg-missing-webhook-port` | diagnostic | error | the nodes' groups do not admit a webhook's port from the cluster SG | aws, Amazon EKS security group requirements |
//! | `sg-egress-denies` | diagnostic | error | an outbound rule list drops control-plane traffic | aws, Amazon EKS security group requirements |
//! | `node-cannot-pull-images` | diagnostic | error | no way to ECR and S3 (traced) | aws, Deploy private clusters with limited internet access |
//! | `client-cannot-reach-endpoint` | diagnostic | warning/info | a kubectl client cannot reach the API server (traced) | 000, Networking modes |
//! | `ipv6-needs-prefix-delegation` | diagnostic | error | an IPv6 cluster needs prefix delegation | 003, Assigning IPv6 addresses to pods and services |
//! | `ipv6-custom-networking` | diagnostic | error | no custom networking in IPv6 clusters | 003, Assigning IPv6 addresses to pods and services |
//! | `ipv6-needs-nitro` | diagnostic | error | IPv6 needs Nitro instances (prefix delegation) | 003, Assigning IPv6 addresses to pods and services |
//! | `prefix-delegation-unsupported` | diagnostic | warning | prefix delegation needs Nitro instances | 003, Increased available IP addresses for Pods |
//! | `warm-prefix-zero` | diagnostic | warning | `WARM_PREFIX_TARGET` 0 is not supported with prefix delegation | vpc-cni, docs/prefix-and-ip-target.md |
//! | `unknown-instance-type` | diagnostic | error | an instance type the VPC CNI has no limits for | vpc-cni, pkg/vpc/vpc_ip_resource_limit.go |
//! | `max-pods-above-ip-capacity` | diagnostic | warning | max pods above what the instance's ENIs can address | vpc-cni, max-pods-calculator.sh of amazon-eks-ami |
//! | `eniconfigs-unused` | diagnostic | info | ENIConfigs given with custom networking off | aws, VPC CNI custom networking |
//! | `eniconfig-wrong-az` | diagnostic | error | an ENIConfig's subnet in another AZ than its nodes | aws, VPC CNI custom networking |
//! | `eniconfig-missing` | diagnostic | error | custom networking without an ENIConfig for an AZ | aws, VPC CNI custom networking |
//! | `node-selector-unknown-label` | diagnostic | warning | a nodeSelector on a label no modelled node carries | k8s, kube-scheduler, nodeSelector |
//! | `pod-pins-exceed-replicas` | diagnostic | warning | more pinned pods than replicas | k8s, kube-scheduler, nodeSelector |
//! | `pod-pin-node-full` | diagnostic | error | a pod pinned to a node at its max pods | k8s, kube-scheduler, nodeSelector |
//! | `too-many-pods` | diagnostic | error | more pods than eksnet models | k8s, kube-scheduler, nodeSelector |
//! | `pod-ip-unusable` | diagnostic | error/warning | a pinned pod address that is not one the VPC CNI could give it | 004, figure 2, console 1 |
//! | `pods-unschedulable` | diagnostic | warning | pods that no node can take stay Pending | k8s, kube-scheduler |
//! | `pods-without-ip` | diagnostic | warning | scheduled pods without an IP stay ContainerCreating | 004, figure 3 |
//! | `warm-pool-short` | diagnostic | info | the CNI could not fill its warm pool | vpc-cni, docs/prefix-and-ip-target.md |
//! | `subnet-nearly-exhausted` | diagnostic | warning | a subnet with under 10% of its addresses free | aws, subnet sizing |
//! | `missing-name` | diagnostic | error | every Service and Ingress has a name | k8s, Service API validation |
//! | `duplicate-service` | diagnostic | error | every Service has a unique name | k8s, Service API validation |
//! | `duplicate-ingress` | diagnostic | error | every Ingress has a unique name | k8s, Service API validation |
//! | `service-no-ports` | diagnostic | error | a Service has at least one port | k8s, Service API validation |
//! | `service-port-invalid` | diagnostic | error | ports 1–65535; TCP, UDP or SCTP; no duplicates | k8s, Service API validation |
//! | `headless-not-allowed` | diagnostic | error | `clusterIP: None` only for ClusterIP Services | k8s, Service API validation |
//! | `cluster-ip-outside-range` | diagnostic | error | a given ClusterIP inside the service CIDR | k8s, Service API validation |
//! | `cluster-ip-taken` | diagnostic | error | a given ClusterIP not already in use | k8s, Service API validation |
//! | `node-port-out-of-range` | diagnostic | error | NodePorts in 30000–32767 | k8s, Service type NodePort |
//! | `node-port-taken` | diagnostic | error | NodePorts unique | k8s, Service type NodePort |
//! | `node-port-not-allowed` | diagnostic | error | no NodePort on ClusterIP Services | k8s, Service API validation |
//! | `node-ports-exhausted` | diagnostic | error | no NodePort left to allocate | k8s, Service type NodePort |
//! | `health-check-node-port-not-allowed` | diagnostic | error | `healthCheckNodePort` only with LoadBalancer + Local | k8s, Service API validation |
//! | `traffic-policy-not-external` | diagnostic | error | `externalTrafficPolicy: Local` only on NodePort/LoadBalancer | k8s, Service API validation |
//! | `service-selects-nothing` | diagnostic | warning | a selector that matches no pod | k8s, Service |
//! | `service-no-ready-endpoints` | diagnostic | warning | a selector that matches no ready pod | k8s, Service |
//! | `service-without-selector` | diagnostic | info | no selector: no managed endpoints | k8s, Service |
//! | `lb-type-unknown` | diagnostic | warning | a load balancer type annotation the controller does not read | 004, 2.1. CLB, NLB |
//! | `lb-annotation-ignored` | diagnostic | warning | an annotation the chosen controller does not read | aws, AWS Load Balancer Controller, Service annotations |
//! | `clb-ip-targets-unsupported` | diagnostic | warning | a CLB has no IP targets | 004, 2.1. CLB, NLB |
//! | `lb-annotation-invalid` | both | error | a value the controller refuses | aws, AWS Load Balancer Controller, Service annotations |
//! | `lb-hostname-stale` | diagnostic | warning | a given host name that is not this load balancer's | 004, 2.1. CLB, NLB |
//! | `no-public-subnet` | both | error | an internet-facing load balancer needs a public subnet | 003, EKS Networking |
//! | `lb-no-subnet` | both | error | a load balancer needs a subnet | aws, Elastic Load Balancing, subnets |
//! | `lb-subnet-unknown` | both | error | a load balancer subnet the VPC has | aws, Elastic Load Balancing, subnets |
//! | `lb-subnet-few-ips` | both | error | a load balancer subnet with at least 8 free addresses | aws, Elastic Load Balancing, subnets |
//! | `alb-needs-two-azs` | both | error | an ALB needs subnets in two AZs | aws, Elastic Load Balancing, subnets |
//! | `lb-subnet-not-public` | both | error | an internet-facing load balancer in a subnet without an IGW route | aws, Elastic Load Balancing, subnets |
//! | `ingress-without-class` | diagnostic | warning | no class: no ALB | 004, 2.2. ALB |
//! | `ingress-class-not-alb` | diagnostic | info | not of class alb: not modelled | 004, 2.2. ALB |
//! | `ingress-no-rules` | both | warning | nothing to forward | 004, 2.2. ALB |
//! | `ingress-group-scheme-conflict` | both | error | an IngressGroup's members agree on the scheme | aws, AWS Load Balancer Controller, Ingress annotations |
//! | `ingress-backend-unknown-service` | both | error | rules name existing Services | 004, 2.2. ALB |
//! | `ingress-backend-unknown-port` | both | error | rules name existing Services' ports | 004, 2.2. ALB |
//! | `ingress-service-no-nodeport` | both | error | instance targets need a NodePort (not a ClusterIP Service) | 004, 2.2. ALB |
//! | `no-endpoints` | both | error | a Service without a ready endpoint loses every request | k8s, Service |
//! | `local-no-ready-pod` | both | error | under Local, a target group with no node running a ready pod loses every request | 004, 2.1. CLB, NLB |
//! | `no-healthy-target` | both | error | a target group without a healthy target loses every request | 004, 2.1. CLB, NLB |
//! | `local-few-target-nodes` | diagnostic | warning | under Local, one node takes all traffic | 004, 2.1. CLB, NLB |
//! | `local-uneven-load` | diagnostic | info | under Local, traffic is split by node, not by pod | 004, 2.1. CLB, NLB |
//! | `lb-az-not-enabled` | diagnostic | warning | targets in an AZ without a load balancer subnet are unused | aws, Elastic Load Balancing, Availability Zones |
//! | `client-ip-hidden` | diagnostic | info | NLB instance + Cluster: kube-proxy's SNAT hides the client | aws, Network Load Balancer target groups, client IP preservation |
//! | `ipv6-services-not-modelled` | diagnostic | info | IPv6 clusters: Services and load balancers are modelled for IPv4 only | 003, Assigning IPv6 addresses to pods and services |
//! | `unknown-client` | verdict | — | the flow names a client the scenario does not have | 001, EKS 엔드포인트 |
//! | `unknown-node` | verdict | — | the flow names a node the scenario does not have | 000, EKS Cluster Architecture |
//! | `unknown-pod` | verdict | — | the flow names a pod the scenario does not have | 003, Pod to Pod communication |
//! | `unknown-service` | verdict | — | the flow names a Service the scenario does not have | k8s, Service |
//! | `unknown-ingress` | verdict | — | the flow names an Ingress the scenario does not have | 004, figure 4 |
//! | `client-location-invalid` | verdict | — | a client whose location could not be understood | aws, API reference |
//! | `no-dns-answer` | verdict | — | no resolver answers the name (VPC DNS off or no hosted zone reachable) | aws, VPC and subnet requirements |
//! | `no-public-endpoint` | verdict | — | private-only endpoint: no route from the internet to the private addresses | 000, Private endpoint only |
//! | `no-route-to-private-endpoint` | verdict | — | a connected network the VPC has no route back to | 000, Private endpoint only |
//! | `no-eks-eni` | verdict | — | no EKS-owned ENI in the VPC: the API server cannot reach nodes | 001, 사용자 VPC 구성시 서브넷 조건은 멀티 AZ가 필수 |
//! | `source-not-in-public-access-cidrs` | verdict | — | the source address is outside `publicAccessCidrs` | aws, Cluster API server endpoint |
//! | `security-group-denies` | verdict | — | no security group rule admits the connection | aws, Amazon EKS security group requirements |
//! | `no-route-to-internet` | verdict | — | a subnet without a route to an IGW or NAT gateway | 000, Public endpoint only |
//! | `no-public-ip` | verdict | — | a host in a public subnet without a public IPv4 address | 000, Public endpoint only |
//! | `route-blackhole` | both | error | a route whose target is gone (state blackhole) drops the traffic it matches | aws, Amazon VPC: Configure route tables |
//! | `network-acl-denies` | both | error | a subnet's network ACL denies the connection (rules in ascending order, `*` denies) | aws, Amazon VPC: Network ACL rules |
//! | `network-acl-denies-return` | both | error | a network ACL drops the replies, which come back to ephemeral ports (stateless) | aws, Amazon VPC: Network ACL rules, ephemeral ports |
//! | `gateway-endpoint-not-routed` | diagnostic | warning | a gateway endpoint missing from a node subnet's route table is not used | aws, Amazon VPC: Gateway endpoints |
//! | `internal-lb-from-internet` | verdict | — | an internal load balancer called from the internet | 004, 2.2. ALB |
//! | `connection-not-routed` | verdict | — | a connected network the VPC has no route back to | 000, Private endpoint only |
//! | `service-not-load-balanced` | verdict | — | a Service of a type that makes no load balancer | 004, figure 4 |
//! | `ingress-not-alb` | verdict | — | an Ingress not of class alb makes no ALB | 004, figure 5 |
//! | `pod-not-running` | verdict | — | a pod that is not running has no address | 004, figure 3 |
//! | `private-cluster-endpoint-missing` | diagnostic | error | nodes without internet egress need a VPC endpoint for each AWS service they call | aws, Deploy private clusters with limited internet access |
//! | `control-plane-egress-no-route` | diagnostic | warning | with customer-routed control plane egress, each cluster subnet needs a route to the internet for webhooks and OIDC providers there | aws, Amazon EKS: Configuring control plane egress routing |

mod entry;

pub use entry::{markdown_table, Entry, Kind, Severity};

use crate::cite::{Cite, Source};
use Severity::{Error, Info, Warning};

macro_rules! codes {
    ($( $(#[$meta:meta])* $variant:ident = $s:literal, $kind:ident, [$($sev:ident),*], $rule:literal, $cite:expr; )*) => {
        /// A stable code of a diagnostic or a blocked trace (see the [module docs](self)).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( #[doc = concat!("`", $s, "`: ", $rule, ".")] $variant, )*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written (`cluster-subnets-single-az`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $s,)*
                }
            }
        }

        /// Every code, its kind, severities, rule and source, in the order of [`Code`].
        pub static CATALOGUE: &[Entry] = &[
            $(Entry {
                code: Code::$variant,
                kind: Kind::$kind,
                severities: &[$($sev),*],
                rule: $rule,
                cite: $cite,
            },)*
        ];
    };
}

codes! {
    // model
    InvalidCidr = "invalid-cidr", Diagnostic, [Error], "a CIDR block that does not parse",
        Cite::new(Source::AwsDocs, "API reference");
    UnknownReference = "unknown-reference", Diagnostic, [Error], "a reference to a subnet, gateway, node group or other object the scenario does not define",
        Cite::new(Source::AwsDocs, "API reference");
    InvalidIp = "invalid-ip", Diagnostic, [Error], "an address that does not parse as IPv4",
        Cite::new(Source::AwsDocs, "API reference");
    DuplicateId = "duplicate-id", Diagnostic, [Error], "an id used twice",
        Cite::new(Source::AwsDocs, "API reference");
    SubnetSize = "subnet-size", Diagnostic, [Error], "a subnet between /16 and /28",
        Cite::new(Source::AwsDocs, "API reference");
    CidrReservationInvalid = "cidr-reservation-invalid", Diagnostic, [Error], "a subnet CIDR reservation inside its subnet's block, not overlapping another of the subnet",
        Cite::new(Source::AwsDocs, "VPC user guide, subnet CIDR reservations");
    SubnetOutsideVpc = "subnet-outside-vpc", Diagnostic, [Error], "a subnet inside the VPC's CIDR blocks",
        Cite::new(Source::AwsDocs, "API reference");
    SubnetOverlap = "subnet-overlap", Diagnostic, [Error], "subnets that do not overlap",
        Cite::new(Source::AwsDocs, "API reference");
    TooManyNodes = "too-many-nodes", Diagnostic, [Error], "more nodes than eksnet models",
        Cite::new(Source::AwsDocs, "API reference");
    MorePinsThanNodes = "more-pins-than-nodes", Diagnostic, [Error], "more pinned nodes than the group's desiredSize",
        Cite::new(Source::AwsDocs, "API reference");
    NodeIpUnusable = "node-ip-unusable", Diagnostic, [Error], "a pinned node address that is not a free, unreserved address of its subnet",
        Cite::new(Source::AwsDocs, "API reference");
    EniAddressUnusable = "eni-address-unusable", Diagnostic, [Warning], "an observed ENI address or /28 prefix that is not a free address (or aligned free /28) of the ENI's subnet is left out",
        Cite::new(Source::AwsDocs, "API reference");
    NodegroupNoSubnets = "nodegroup-no-subnets", Diagnostic, [Error], "a node group without a usable subnet has no nodes",
        Cite::new(Source::AwsDocs, "API reference");
    SubnetFullForNodes = "subnet-full-for-nodes", Diagnostic, [Error], "a subnet with no free address left for a node",
        Cite::new(Source::S004, "figure 2");
    // cluster
    ClusterSubnetsMissing = "cluster-subnets-missing", Diagnostic, [Error], "the cluster names no usable subnet",
        Cite::new(Source::S001, "사용자 VPC 구성시 서브넷 조건은 멀티 AZ가 필수");
    ClusterSubnetsSingleAz = "cluster-subnets-single-az", Diagnostic, [Error], "cluster subnets in fewer than 2 AZs",
        Cite::new(Source::S001, "사용자 VPC 구성시 서브넷 조건은 멀티 AZ가 필수");
    ClusterSubnetTooFewIps = "cluster-subnet-too-few-ips", Diagnostic, [Error], "a cluster subnet has fewer than 6 addresses for EKS",
        Cite::new(Source::S003, "EKS Networking");
    ClusterSubnetFewIps = "cluster-subnet-few-ips", Diagnostic, [Warning], "a cluster subnet has fewer than 16 addresses (the recommendation)",
        Cite::new(Source::S003, "EKS Networking");
    TooManySecurityGroups = "too-many-security-groups", Diagnostic, [Error], "more than 5 additional security groups",
        Cite::new(Source::S001, "클러스터 보안 그룹");
    SecurityGroupsNotModelled = "security-groups-not-modelled", Diagnostic, [Info], "no cluster security group given: none is evaluated",
        Cite::new(Source::S001, "클러스터 보안 그룹");
    EndpointAccessDisabled = "endpoint-access-disabled", Diagnostic, [Error], "public and private access both off",
        Cite::new(Source::S000, "Networking modes");
    PublicAccessOpen = "public-access-open", Diagnostic, [Info], "`publicAccessCidrs` admits the whole internet",
        Cite::new(Source::S003, "EKS Networking");
    PublicAccessCidrPrivate = "public-access-cidr-private", Diagnostic, [Warning], "a private range in `publicAccessCidrs` never matches",
        Cite::new(Source::AwsDocs, "Cluster API server endpoint");
    PrivateAccessNeedsDns = "private-access-needs-dns", Diagnostic, [Error], "private access without `enableDnsSupport`/`enableDnsHostnames`",
        Cite::new(Source::S001, "Private 엔드포인트 구성, 동작 방식");
    VpcDnsSupportOff = "vpc-dns-support-off", Diagnostic, [Error], "`enableDnsSupport` off: nodes resolve nothing",
        Cite::new(Source::AwsDocs, "VPC and subnet requirements");
    VpcDnsHostnamesOff = "vpc-dns-hostnames-off", Diagnostic, [Warning], "`enableDnsHostnames` off",
        Cite::new(Source::AwsDocs, "VPC and subnet requirements");
    CustomResolverNotForwarding = "custom-resolver-not-forwarding", Diagnostic, [Warning, Info], "a custom resolver hides the private hosted zone",
        Cite::new(Source::S001, "Private 엔드포인트 구성, 동작 방식");
    NatGatewayInPrivateSubnet = "nat-gateway-in-private-subnet", Diagnostic, [Error], "a NAT gateway whose subnet has no IGW route",
        Cite::new(Source::S003, "EKS Networking");
    FargateInPublicSubnet = "fargate-in-public-subnet", Diagnostic, [Error], "Fargate runs pods in private subnets only",
        Cite::new(Source::AwsDocs, "AWS Fargate: Fargate profiles");
    // import
    ImportMalformed = "import-malformed", Diagnostic, [Error], "a recognised snapshot file without the shape AWS or Kubernetes prints",
        Cite::new(Source::AwsDocs, "AWS CLI output (botocore service models)");
    ImportNothing = "import-nothing", Diagnostic, [Error], "a snapshot with no file eksnet recognises",
        Cite::new(Source::AwsDocs, "AWS CLI output (botocore service models)");
    ImportConflict = "import-conflict", Diagnostic, [Warning], "snapshot files that disagree (a subnet in two VPCs, two clusters)",
        Cite::new(Source::AwsDocs, "AWS CLI output (botocore service models)");
    ImportUnplaced = "import-unplaced", Diagnostic, [Warning], "an observed node or pod in no imported subnet or node",
        Cite::new(Source::AwsDocs, "Amazon VPC: subnets");
    AwsHealthIssue = "aws-health-issue", Diagnostic, [Warning], "a health issue AWS itself reports for the imported cluster (`health.issues` of `describe-cluster`)",
        Cite::new(Source::AwsDocs, "EKS API reference: ClusterIssue");
    // cidr
    VpcCidrSize = "vpc-cidr-size", Diagnostic, [Error], "VPC blocks between /16 and /28",
        Cite::new(Source::AwsDocs, "Amazon VPC: IP addressing");
    VpcCidrOverlap = "vpc-cidr-overlap", Diagnostic, [Error], "VPC blocks that do not overlap",
        Cite::new(Source::AwsDocs, "Amazon VPC: IP addressing");
    ServiceCidrOverlapsVpc = "service-cidr-overlaps-vpc", Diagnostic, [Error], "service CIDR overlapping the VPC",
        Cite::new(Source::AwsDocs, "EKS API reference: KubernetesNetworkConfigRequest.serviceIpv4Cidr");
    ServiceCidrRange = "service-cidr-range", Diagnostic, [Error], "service CIDR outside RFC 1918 or not /12–/24",
        Cite::new(Source::AwsDocs, "EKS API reference: KubernetesNetworkConfigRequest.serviceIpv4Cidr");
    ServiceCidrOverlapsNetwork = "service-cidr-overlaps-network", Diagnostic, [Warning], "service CIDR overlapping a connected network",
        Cite::new(Source::AwsDocs, "VPC and subnet requirements");
    NetworkOverlapsVpc = "network-overlaps-vpc", Diagnostic, [Error], "a connected network overlapping the VPC",
        Cite::new(Source::AwsDocs, "VPC and subnet requirements");
    ClientOutsideNetwork = "client-outside-network", Diagnostic, [Warning], "a client's address outside its network's CIDRs",
        Cite::new(Source::S000, "Private endpoint only");
    InternetClientPrivateIp = "internet-client-private-ip", Diagnostic, [Warning], "an internet client with a private source address",
        Cite::new(Source::AwsDocs, "Cluster API server endpoint");
    // ipv6
    Ipv6VpcNeedsIpv6Cidr = "ipv6-vpc-needs-ipv6-cidr", Diagnostic, [Error], "IPv6 cluster, VPC without an IPv6 block",
        Cite::new(Source::S003, "Assigning IPv6 addresses to pods and services");
    Ipv6NeedsIpv4 = "ipv6-needs-ipv4", Diagnostic, [Error], "IPv6 cluster, VPC without IPv4",
        Cite::new(Source::S003, "Assigning IPv6 addresses to pods and services");
    Ipv6SubnetNeedsIpv6Cidr = "ipv6-subnet-needs-ipv6-cidr", Diagnostic, [Error], "IPv6 cluster, subnet without an IPv6 block",
        Cite::new(Source::S003, "Assigning IPv6 addresses to pods and services");
    Ipv6SubnetAutoAssign = "ipv6-subnet-auto-assign", Diagnostic, [Error], "IPv6 cluster, node subnet not auto-assigning IPv6",
        Cite::new(Source::S003, "Assigning IPv6 addresses to pods and services");
    Ipv6NoDualStack = "ipv6-no-dual-stack", Diagnostic, [Info], "pods and services get IPv6 only",
        Cite::new(Source::S003, "Assigning IPv6 addresses to pods and services");
    Ipv6EgressOnlyIgw = "ipv6-egress-only-igw", Diagnostic, [Info], "private IPv6 egress takes an egress-only IGW",
        Cite::new(Source::S003, "EKS Networking");
    InvalidIpv6Cidr = "invalid-ipv6-cidr", Diagnostic, [Error], "an IPv6 block that does not parse",
        Cite::new(Source::AwsDocs, "Amazon VPC: IP addressing");
    SubnetIpv6OutsideVpc = "subnet-ipv6-outside-vpc", Diagnostic, [Error], "a subnet's IPv6 block outside the VPC's",
        Cite::new(Source::AwsDocs, "Amazon VPC: IP addressing");
    SubnetIpv6Size = "subnet-ipv6-size", Diagnostic, [Error], "a subnet's IPv6 block is a /64",
        Cite::new(Source::AwsDocs, "Amazon VPC: IP addressing");
    // reach
    NodeCannotReachEndpoint = "node-cannot-reach-endpoint", Diagnostic, [Error], "kubelet cannot reach the API server (traced)",
        Cite::new(Source::S000, "Networking modes");
    ClusterSgMissing443FromNodes = "cluster-sg-missing-443-from-nodes", Diagnostic, [Error], "the ENIs' groups do not admit 443 from nodes",
        Cite::new(Source::AwsDocs, "Amazon EKS security group requirements");
    NodeSgMissing10250 = "node-sg-missing-10250", Diagnostic, [Error], "the nodes' groups do not admit 10250 from the cluster SG",
        Cite::new(Source::AwsDocs, "Amazon EKS security group requirements");
    NodeSgMissingWebhookPort = "node-sg-missing-webhook-port", Diagnostic, [Error], "the nodes' groups do not admit a webhook's port from the cluster SG",
        Cite::new(Source::AwsDocs, "Amazon EKS security group requirements");
    SgEgressDenies = "sg-egress-denies", Diagnostic, [Error], "an outbound rule list drops control-plane traffic",
        Cite::new(Source::AwsDocs, "Amazon EKS security group requirements");
    NodeCannotPullImages = "node-cannot-pull-images", Diagnostic, [Error], "no way to ECR and S3 (traced)",
        Cite::new(Source::AwsDocs, "Deploy private clusters with limited internet access");
    ClientCannotReachEndpoint = "client-cannot-reach-endpoint", Diagnostic, [Warning, Info], "a kubectl client cannot reach the API server (traced)",
        Cite::new(Source::S000, "Networking modes");
    // cni
    Ipv6NeedsPrefixDelegation = "ipv6-needs-prefix-delegation", Diagnostic, [Error], "an IPv6 cluster needs prefix delegation",
        Cite::new(Source::S003, "Assigning IPv6 addresses to pods and services");
    Ipv6CustomNetworking = "ipv6-custom-networking", Diagnostic, [Error], "no custom networking in IPv6 clusters",
        Cite::new(Source::S003, "Assigning IPv6 addresses to pods and services");
    Ipv6NeedsNitro = "ipv6-needs-nitro", Diagnostic, [Error], "IPv6 needs Nitro instances (prefix delegation)",
        Cite::new(Source::S003, "Assigning IPv6 addresses to pods and services");
    PrefixDelegationUnsupported = "prefix-delegation-unsupported", Diagnostic, [Warning], "prefix delegation needs Nitro instances",
        Cite::new(Source::S003, "Increased available IP addresses for Pods");
    WarmPrefixZero = "warm-prefix-zero", Diagnostic, [Warning], "`WARM_PREFIX_TARGET` 0 is not supported with prefix delegation",
        Cite::new(Source::VpcCni, "docs/prefix-and-ip-target.md");
    UnknownInstanceType = "unknown-instance-type", Diagnostic, [Error], "an instance type the VPC CNI has no limits for",
        Cite::new(Source::VpcCni, "pkg/vpc/vpc_ip_resource_limit.go");
    MaxPodsAboveIpCapacity = "max-pods-above-ip-capacity", Diagnostic, [Warning], "max pods above what the instance's ENIs can address",
        Cite::new(Source::VpcCni, "max-pods-calculator.sh of amazon-eks-ami");
    EniconfigsUnused = "eniconfigs-unused", Diagnostic, [Info], "ENIConfigs given with custom networking off",
        Cite::new(Source::AwsDocs, "VPC CNI custom networking");
    EniconfigWrongAz = "eniconfig-wrong-az", Diagnostic, [Error], "an ENIConfig's subnet in another AZ than its nodes",
        Cite::new(Source::AwsDocs, "VPC CNI custom networking");
    EniconfigMissing = "eniconfig-missing", Diagnostic, [Error], "custom networking without an ENIConfig for an AZ",
        Cite::new(Source::AwsDocs, "VPC CNI custom networking");
    NodeSelectorUnknownLabel = "node-selector-unknown-label", Diagnostic, [Warning], "a nodeSelector on a label no modelled node carries",
        Cite::new(Source::Kubernetes, "kube-scheduler, nodeSelector");
    PodPinsExceedReplicas = "pod-pins-exceed-replicas", Diagnostic, [Warning], "more pinned pods than replicas",
        Cite::new(Source::Kubernetes, "kube-scheduler, nodeSelector");
    PodPinNodeFull = "pod-pin-node-full", Diagnostic, [Error], "a pod pinned to a node at its max pods",
        Cite::new(Source::Kubernetes, "kube-scheduler, nodeSelector");
    TooManyPods = "too-many-pods", Diagnostic, [Error], "more pods than eksnet models",
        Cite::new(Source::Kubernetes, "kube-scheduler, nodeSelector");
    PodIpUnusable = "pod-ip-unusable", Diagnostic, [Error, Warning], "a pinned pod address that is not one the VPC CNI could give it",
        Cite::new(Source::S004, "figure 2, console 1");
    PodsUnschedulable = "pods-unschedulable", Diagnostic, [Warning], "pods that no node can take stay Pending",
        Cite::new(Source::Kubernetes, "kube-scheduler");
    PodsWithoutIp = "pods-without-ip", Diagnostic, [Warning], "scheduled pods without an IP stay ContainerCreating",
        Cite::new(Source::S004, "figure 3");
    WarmPoolShort = "warm-pool-short", Diagnostic, [Info], "the CNI could not fill its warm pool",
        Cite::new(Source::VpcCni, "docs/prefix-and-ip-target.md");
    SubnetNearlyExhausted = "subnet-nearly-exhausted", Diagnostic, [Warning], "a subnet with under 10% of its addresses free",
        Cite::new(Source::AwsDocs, "subnet sizing");
    // data plane
    MissingName = "missing-name", Diagnostic, [Error], "every Service and Ingress has a name",
        Cite::new(Source::Kubernetes, "Service API validation");
    DuplicateService = "duplicate-service", Diagnostic, [Error], "every Service has a unique name",
        Cite::new(Source::Kubernetes, "Service API validation");
    DuplicateIngress = "duplicate-ingress", Diagnostic, [Error], "every Ingress has a unique name",
        Cite::new(Source::Kubernetes, "Service API validation");
    ServiceNoPorts = "service-no-ports", Diagnostic, [Error], "a Service has at least one port",
        Cite::new(Source::Kubernetes, "Service API validation");
    ServicePortInvalid = "service-port-invalid", Diagnostic, [Error], "ports 1–65535; TCP, UDP or SCTP; no duplicates",
        Cite::new(Source::Kubernetes, "Service API validation");
    HeadlessNotAllowed = "headless-not-allowed", Diagnostic, [Error], "`clusterIP: None` only for ClusterIP Services",
        Cite::new(Source::Kubernetes, "Service API validation");
    ClusterIpOutsideRange = "cluster-ip-outside-range", Diagnostic, [Error], "a given ClusterIP inside the service CIDR",
        Cite::new(Source::Kubernetes, "Service API validation");
    ClusterIpTaken = "cluster-ip-taken", Diagnostic, [Error], "a given ClusterIP not already in use",
        Cite::new(Source::Kubernetes, "Service API validation");
    NodePortOutOfRange = "node-port-out-of-range", Diagnostic, [Error], "NodePorts in 30000–32767",
        Cite::new(Source::Kubernetes, "Service type NodePort");
    NodePortTaken = "node-port-taken", Diagnostic, [Error], "NodePorts unique",
        Cite::new(Source::Kubernetes, "Service type NodePort");
    NodePortNotAllowed = "node-port-not-allowed", Diagnostic, [Error], "no NodePort on ClusterIP Services",
        Cite::new(Source::Kubernetes, "Service API validation");
    NodePortsExhausted = "node-ports-exhausted", Diagnostic, [Error], "no NodePort left to allocate",
        Cite::new(Source::Kubernetes, "Service type NodePort");
    HealthCheckNodePortNotAllowed = "health-check-node-port-not-allowed", Diagnostic, [Error], "`healthCheckNodePort` only with LoadBalancer + Local",
        Cite::new(Source::Kubernetes, "Service API validation");
    TrafficPolicyNotExternal = "traffic-policy-not-external", Diagnostic, [Error], "`externalTrafficPolicy: Local` only on NodePort/LoadBalancer",
        Cite::new(Source::Kubernetes, "Service API validation");
    ServiceSelectsNothing = "service-selects-nothing", Diagnostic, [Warning], "a selector that matches no pod",
        Cite::new(Source::Kubernetes, "Service");
    ServiceNoReadyEndpoints = "service-no-ready-endpoints", Diagnostic, [Warning], "a selector that matches no ready pod",
        Cite::new(Source::Kubernetes, "Service");
    ServiceWithoutSelector = "service-without-selector", Diagnostic, [Info], "no selector: no managed endpoints",
        Cite::new(Source::Kubernetes, "Service");
    LbTypeUnknown = "lb-type-unknown", Diagnostic, [Warning], "a load balancer type annotation the controller does not read",
        Cite::new(Source::S004, "2.1. CLB, NLB");
    LbAnnotationIgnored = "lb-annotation-ignored", Diagnostic, [Warning], "an annotation the chosen controller does not read",
        Cite::new(Source::AwsDocs, "AWS Load Balancer Controller, Service annotations");
    ClbIpTargetsUnsupported = "clb-ip-targets-unsupported", Diagnostic, [Warning], "a CLB has no IP targets",
        Cite::new(Source::S004, "2.1. CLB, NLB");
    LbAnnotationInvalid = "lb-annotation-invalid", Both, [Error], "a value the controller refuses",
        Cite::new(Source::AwsDocs, "AWS Load Balancer Controller, Service annotations");
    LbHostnameStale = "lb-hostname-stale", Diagnostic, [Warning], "a given host name that is not this load balancer's",
        Cite::new(Source::S004, "2.1. CLB, NLB");
    NoPublicSubnet = "no-public-subnet", Both, [Error], "an internet-facing load balancer needs a public subnet",
        Cite::new(Source::S003, "EKS Networking");
    LbNoSubnet = "lb-no-subnet", Both, [Error], "a load balancer needs a subnet",
        Cite::new(Source::AwsDocs, "Elastic Load Balancing, subnets");
    LbSubnetUnknown = "lb-subnet-unknown", Both, [Error], "a load balancer subnet the VPC has",
        Cite::new(Source::AwsDocs, "Elastic Load Balancing, subnets");
    LbSubnetFewIps = "lb-subnet-few-ips", Both, [Error], "a load balancer subnet with at least 8 free addresses",
        Cite::new(Source::AwsDocs, "Elastic Load Balancing, subnets");
    AlbNeedsTwoAzs = "alb-needs-two-azs", Both, [Error], "an ALB needs subnets in two AZs",
        Cite::new(Source::AwsDocs, "Elastic Load Balancing, subnets");
    LbSubnetNotPublic = "lb-subnet-not-public", Both, [Error], "an internet-facing load balancer in a subnet without an IGW route",
        Cite::new(Source::AwsDocs, "Elastic Load Balancing, subnets");
    IngressWithoutClass = "ingress-without-class", Diagnostic, [Warning], "no class: no ALB",
        Cite::new(Source::S004, "2.2. ALB");
    IngressClassNotAlb = "ingress-class-not-alb", Diagnostic, [Info], "not of class alb: not modelled",
        Cite::new(Source::S004, "2.2. ALB");
    IngressNoRules = "ingress-no-rules", Both, [Warning], "nothing to forward",
        Cite::new(Source::S004, "2.2. ALB");
    IngressGroupSchemeConflict = "ingress-group-scheme-conflict", Both, [Error], "an IngressGroup's members agree on the scheme",
        Cite::new(Source::AwsDocs, "AWS Load Balancer Controller, Ingress annotations");
    IngressBackendUnknownService = "ingress-backend-unknown-service", Both, [Error], "rules name existing Services",
        Cite::new(Source::S004, "2.2. ALB");
    IngressBackendUnknownPort = "ingress-backend-unknown-port", Both, [Error], "rules name existing Services' ports",
        Cite::new(Source::S004, "2.2. ALB");
    IngressServiceNoNodeport = "ingress-service-no-nodeport", Both, [Error], "instance targets need a NodePort (not a ClusterIP Service)",
        Cite::new(Source::S004, "2.2. ALB");
    NoEndpoints = "no-endpoints", Both, [Error], "a Service without a ready endpoint loses every request",
        Cite::new(Source::Kubernetes, "Service");
    LocalNoReadyPod = "local-no-ready-pod", Both, [Error], "under Local, a target group with no node running a ready pod loses every request",
        Cite::new(Source::S004, "2.1. CLB, NLB");
    NoHealthyTarget = "no-healthy-target", Both, [Error], "a target group without a healthy target loses every request",
        Cite::new(Source::S004, "2.1. CLB, NLB");
    LocalFewTargetNodes = "local-few-target-nodes", Diagnostic, [Warning], "under Local, one node takes all traffic",
        Cite::new(Source::S004, "2.1. CLB, NLB");
    LocalUnevenLoad = "local-uneven-load", Diagnostic, [Info], "under Local, traffic is split by node, not by pod",
        Cite::new(Source::S004, "2.1. CLB, NLB");
    LbAzNotEnabled = "lb-az-not-enabled", Diagnostic, [Warning], "targets in an AZ without a load balancer subnet are unused",
        Cite::new(Source::AwsDocs, "Elastic Load Balancing, Availability Zones");
    ClientIpHidden = "client-ip-hidden", Diagnostic, [Info], "NLB instance + Cluster: kube-proxy's SNAT hides the client",
        Cite::new(Source::AwsDocs, "Network Load Balancer target groups, client IP preservation");
    Ipv6ServicesNotModelled = "ipv6-services-not-modelled", Diagnostic, [Info], "IPv6 clusters: Services and load balancers are modelled for IPv4 only",
        Cite::new(Source::S003, "Assigning IPv6 addresses to pods and services");
    // trace
    UnknownClient = "unknown-client", Verdict, [], "the flow names a client the scenario does not have",
        Cite::new(Source::S001, "EKS 엔드포인트");
    UnknownNode = "unknown-node", Verdict, [], "the flow names a node the scenario does not have",
        Cite::new(Source::S000, "EKS Cluster Architecture");
    UnknownPod = "unknown-pod", Verdict, [], "the flow names a pod the scenario does not have",
        Cite::new(Source::S003, "Pod to Pod communication");
    UnknownService = "unknown-service", Verdict, [], "the flow names a Service the scenario does not have",
        Cite::new(Source::Kubernetes, "Service");
    UnknownIngress = "unknown-ingress", Verdict, [], "the flow names an Ingress the scenario does not have",
        Cite::new(Source::S004, "figure 4");
    ClientLocationInvalid = "client-location-invalid", Verdict, [], "a client whose location could not be understood",
        Cite::new(Source::AwsDocs, "API reference");
    NoDnsAnswer = "no-dns-answer", Verdict, [], "no resolver answers the name (VPC DNS off or no hosted zone reachable)",
        Cite::new(Source::AwsDocs, "VPC and subnet requirements");
    NoPublicEndpoint = "no-public-endpoint", Verdict, [], "private-only endpoint: no route from the internet to the private addresses",
        Cite::new(Source::S000, "Private endpoint only");
    NoRouteToPrivateEndpoint = "no-route-to-private-endpoint", Verdict, [], "a connected network the VPC has no route back to",
        Cite::new(Source::S000, "Private endpoint only");
    NoEksEni = "no-eks-eni", Verdict, [], "no EKS-owned ENI in the VPC: the API server cannot reach nodes",
        Cite::new(Source::S001, "사용자 VPC 구성시 서브넷 조건은 멀티 AZ가 필수");
    SourceNotInPublicAccessCidrs = "source-not-in-public-access-cidrs", Verdict, [], "the source address is outside `publicAccessCidrs`",
        Cite::new(Source::AwsDocs, "Cluster API server endpoint");
    SecurityGroupDenies = "security-group-denies", Verdict, [], "no security group rule admits the connection",
        Cite::new(Source::AwsDocs, "Amazon EKS security group requirements");
    NoRouteToInternet = "no-route-to-internet", Verdict, [], "a subnet without a route to an IGW or NAT gateway",
        Cite::new(Source::S000, "Public endpoint only");
    NoPublicIp = "no-public-ip", Verdict, [], "a host in a public subnet without a public IPv4 address",
        Cite::new(Source::S000, "Public endpoint only");
    // route tables and network ACLs
    RouteBlackhole = "route-blackhole", Both, [Error], "a route whose target is gone (state blackhole) drops the traffic it matches",
        Cite::new(Source::AwsDocs, "Amazon VPC: Configure route tables");
    NetworkAclDenies = "network-acl-denies", Both, [Error], "a subnet's network ACL denies the connection (rules in ascending order, `*` denies)",
        Cite::new(Source::AwsDocs, "Amazon VPC: Network ACL rules");
    NetworkAclDeniesReturn = "network-acl-denies-return", Both, [Error], "a network ACL drops the replies, which come back to ephemeral ports (stateless)",
        Cite::new(Source::AwsDocs, "Amazon VPC: Network ACL rules, ephemeral ports");
    GatewayEndpointNotRouted = "gateway-endpoint-not-routed", Diagnostic, [Warning], "a gateway endpoint missing from a node subnet's route table is not used",
        Cite::new(Source::AwsDocs, "Amazon VPC: Gateway endpoints");
    InternalLbFromInternet = "internal-lb-from-internet", Verdict, [], "an internal load balancer called from the internet",
        Cite::new(Source::S004, "2.2. ALB");
    ConnectionNotRouted = "connection-not-routed", Verdict, [], "a connected network the VPC has no route back to",
        Cite::new(Source::S000, "Private endpoint only");
    ServiceNotLoadBalanced = "service-not-load-balanced", Verdict, [], "a Service of a type that makes no load balancer",
        Cite::new(Source::S004, "figure 4");
    IngressNotAlb = "ingress-not-alb", Verdict, [], "an Ingress not of class alb makes no ALB",
        Cite::new(Source::S004, "figure 5");
    PodNotRunning = "pod-not-running", Verdict, [], "a pod that is not running has no address",
        Cite::new(Source::S004, "figure 3");
    PrivateClusterEndpointMissing = "private-cluster-endpoint-missing", Diagnostic, [Error], "nodes without internet egress need a VPC endpoint for each AWS service they call",
        Cite::new(Source::AwsDocs, "Deploy private clusters with limited internet access");
    ControlPlaneEgressNoRoute = "control-plane-egress-no-route", Diagnostic, [Warning], "with customer-routed control plane egress, each cluster subnet needs a route to the internet for webhooks and OIDC providers there",
        Cite::new(Source::AwsDocs, "Amazon EKS: Configuring control plane egress routing");
}

#[cfg(test)]
mod tests;
