//! Name resolution: what the cluster endpoint's name (and the AWS services' names)
//! resolve to, for whoever asks.
//!
//! Every client of the API server (kubectl, kubelet, controllers) uses the endpoint's
//! DNS name only (source 001, "EKS 엔드포인트"), so the answer decides the path:
//!
//! | who asks | public access only | public + private | private only |
//! |---|---|---|---|
//! | the internet | NLB public IPs | NLB public IPs | ENI private IPs (no route) |
//! | the VPC, via AmazonProvidedDNS (`enableDnsSupport` + `enableDnsHostnames`) | NLB public IPs | ENI private IPs (private hosted zone) | ENI private IPs |
//! | the VPC, custom resolver not forwarding | NLB public IPs | NLB public IPs | ENI private IPs |
//! | a connected network with a Route 53 Resolver inbound endpoint | NLB public IPs | ENI private IPs | ENI private IPs |
//! | a connected network without one | NLB public IPs | NLB public IPs | ENI private IPs |
//!
//! Sources: the public zone points at the NLB (001, "Public 엔드포인트 구성"); with
//! private access a Route 53 private hosted zone answers with the EKS-owned ENIs,
//! but only through AmazonProvidedDNS with both VPC DNS attributes on (001, "Private
//! 엔드포인트 구성"; 002, "Public + Private EndPoint Access"). With private access
//! only, EKS publishes the ENIs' private addresses under the public name, so any
//! resolver gets them (AWS docs, "Cluster API server endpoint"; the design's fidelity
//! notes). With `enableDnsSupport` off, AmazonProvidedDNS does not answer at all.
//!
//! ```
//! use eksnet::dns::{resolve_endpoint, Answer, Asker};
//! let mut s = eksnet::Scenario::example();
//! s.cluster.resources_vpc_config.endpoint_private_access = true;
//! let a = eksnet::analyze(&s);
//! assert_eq!(resolve_endpoint(&a.model, Asker::Vpc).answer, Answer::Enis);
//! assert_eq!(resolve_endpoint(&a.model, Asker::Internet).answer, Answer::Nlb);
//! ```

use std::net::Ipv4Addr;

use crate::cite::{Cite, Source};

/// The source of the DHCP options rule: what instances are told to ask.
pub const DHCP_OPTION_SETS: Cite = Cite::new(Source::AwsDocs, "Amazon VPC: DHCP option sets");
use crate::ids::{fixed, ElementId};
use crate::model::Model;
use crate::scenario::{DnsResolver, VpcEndpointType};
use crate::text;
use crate::trace::DnsAnswer;
use crate::Text;

/// Who asks for the endpoint's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    /// An instance in the VPC (node, bastion), through the VPC's configured resolver.
    Vpc,
    /// A host in a connected network (index into `Model::networks`).
    Network(usize),
    /// A host on the internet.
    Internet,
}

/// What kind of answer came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The public NLB's addresses.
    Nlb,
    /// The EKS-owned ENIs' private addresses.
    Enis,
    /// No usable answer.
    None,
}

/// Why there is no answer, and how to get one.
#[derive(Debug, Clone, PartialEq)]
pub struct NoAnswer {
    /// Why.
    pub reason: Text,
    /// How to fix it.
    pub fix: Text,
    /// The scenario field to change.
    pub field: Option<String>,
}

/// The result of resolving the endpoint name.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// Where the DNS hop is drawn: `dns:public`, `dns:private` or `dns:resolver`.
    pub at: ElementId,
    /// The kind of answer.
    pub answer: Answer,
    /// The answer as shown in the hop.
    pub dns: DnsAnswer,
    /// Who answered, e.g. `VPC resolver 192.168.0.2 → private hosted zone`.
    pub label: Text,
    /// Why this answer.
    pub why: Text,
    /// The rule's source.
    pub cite: Cite,
    /// The address the question is sent to, when it goes to a known resolver.
    pub resolver_ip: Option<String>,
    /// Set when there is no usable answer.
    pub failure: Option<NoAnswer>,
}

const PHZ: Cite = Cite::new(Source::S001, "Private 엔드포인트 구성, 동작 방식");
const PUBLIC_ZONE: Cite = Cite::new(Source::S001, "Public 엔드포인트 구성, 동작 방식");
const PRIVATE_ONLY: Cite = Cite::new(Source::AwsDocs, "Cluster API server endpoint");

/// The VPC resolver's address (AmazonProvidedDNS): the primary CIDR's base + 2.
pub fn vpc_resolver_ip(model: &Model) -> Option<Ipv4Addr> {
    let base = model.vpc.cidrs.first()?.network();
    Some(Ipv4Addr::from(u32::from(base).wrapping_add(2)))
}

fn addresses(model: &Model, answer: Answer) -> Vec<String> {
    match answer {
        Answer::Nlb => model
            .cluster
            .nlb_public_ips
            .iter()
            .map(|ip| ip.to_string())
            .collect(),
        Answer::Enis => model.eks_enis.iter().map(|e| e.ip.to_string()).collect(),
        Answer::None => Vec::new(),
    }
}

fn answered(
    model: &Model,
    at: &'static str,
    answer: Answer,
    label: Text,
    why: Text,
    cite: Cite,
) -> Resolution {
    let dns = DnsAnswer {
        name: model.cluster.endpoint_host.clone(),
        zone: Some(ElementId::fixed(at)),
        addresses: addresses(model, answer),
    };
    if dns.addresses.is_empty() {
        return no_answer(
            model,
            at,
            label,
            NoAnswer {
                reason: text!(
                    "the zone has no address to give: EKS placed no ENI, because the cluster has no usable subnet",
                    "영역이 돌려줄 주소가 없다: 클러스터에 쓸 수 있는 서브넷이 없어 EKS가 ENI를 만들지 못했다"
                ),
                fix: text!(
                    "give the cluster at least two subnets in different AZs (subnetIds)",
                    "서로 다른 AZ의 서브넷을 2개 이상 클러스터에 지정한다(subnetIds)"
                ),
                field: Some("/cluster/resourcesVpcConfig/subnetIds".into()),
            },
            Cite::new(Source::S001, "사용자 VPC 구성시 서브넷 조건은 멀티 AZ가 필수"),
        );
    }
    Resolution {
        at: ElementId::fixed(at),
        answer,
        dns,
        label,
        why,
        cite,
        resolver_ip: None,
        failure: None,
    }
}

fn no_answer(
    model: &Model,
    at: &'static str,
    label: Text,
    failure: NoAnswer,
    cite: Cite,
) -> Resolution {
    Resolution {
        at: ElementId::fixed(at),
        answer: Answer::None,
        dns: DnsAnswer {
            name: model.cluster.endpoint_host.clone(),
            zone: None,
            addresses: Vec::new(),
        },
        label,
        why: failure.reason.clone(),
        cite,
        resolver_ip: None,
        failure: Some(failure),
    }
}

/// The answer of the endpoint's public zone, to anyone.
fn public_zone(model: &Model, asked_via: Text) -> Resolution {
    let c = &model.cluster;
    let (ve, vk) = (&asked_via.en, &asked_via.ko);
    if c.endpoint.public() {
        answered(
            model,
            fixed::DNS_PUBLIC,
            Answer::Nlb,
            text!(
                "{ve} → Route 53 public zone → NLB public IPs",
                "{vk} → Route 53 퍼블릭 영역 → NLB 퍼블릭 IP"
            ),
            text!(
                "the endpoint's public name points at the public NLB in front of the API servers",
                "엔드포인트의 퍼블릭 도메인은 API 서버 앞의 퍼블릭 NLB를 가리킨다"
            ),
            PUBLIC_ZONE,
        )
    } else if c.endpoint.private() {
        answered(
            model,
            fixed::DNS_PUBLIC,
            Answer::Enis,
            text!(
                "{ve} → Route 53 public zone → EKS-owned ENI private IPs",
                "{vk} → Route 53 퍼블릭 영역 → EKS 소유 ENI 프라이빗 IP"
            ),
            text!(
                "with private access only, EKS publishes the ENIs' private addresses under the public name: any resolver gets them, but only hosts with a route to the VPC can use them",
                "프라이빗 액세스만 켜면 EKS는 퍼블릭 도메인에 ENI의 프라이빗 주소를 올린다: 어떤 리졸버든 이 주소를 받지만 VPC로 가는 경로가 있는 호스트만 쓸 수 있다"
            ),
            PRIVATE_ONLY,
        )
    } else {
        no_answer(
            model,
            fixed::DNS_PUBLIC,
            text!("{ve} → Route 53 public zone", "{vk} → Route 53 퍼블릭 영역"),
            NoAnswer {
                reason: text!(
                    "the endpoint has neither public nor private access, so its name leads nowhere",
                    "엔드포인트에 퍼블릭 액세스도 프라이빗 액세스도 없어 도메인이 가리키는 곳이 없다"
                ),
                fix: text!(
                    "turn on endpointPublicAccess, endpointPrivateAccess, or both",
                    "endpointPublicAccess나 endpointPrivateAccess 중 하나 이상을 켠다"
                ),
                field: Some("/cluster/resourcesVpcConfig/endpointPrivateAccess".into()),
            },
            Cite::new(Source::S000, "Networking modes"),
        )
    }
}

/// The answer of AmazonProvidedDNS inside the VPC (asked directly, through a
/// forwarding resolver, or through a Route 53 Resolver inbound endpoint).
fn amazon_provided(model: &Model, via: Text) -> Resolution {
    let v = &model.vpc;
    let (ve, vk) = (&via.en, &via.ko);
    if !v.dns_support {
        return no_answer(
            model,
            fixed::DNS_RESOLVER,
            text!("{ve} → no answer", "{vk} → 응답 없음"),
            NoAnswer {
                reason: text!(
                    "enableDnsSupport is off, so the VPC resolver (AmazonProvidedDNS) does not answer at all",
                    "enableDnsSupport가 꺼져 있어 VPC 리졸버(AmazonProvidedDNS)가 아예 응답하지 않는다"
                ),
                fix: text!("set enableDnsSupport to true", "enableDnsSupport를 true로 바꾼다"),
                field: Some("/vpc/enableDnsSupport".into()),
            },
            Cite::new(Source::AwsDocs, "VPC and subnet requirements"),
        );
    }
    if model.cluster.endpoint.private() && v.dns_hostnames {
        return answered(
            model,
            fixed::DNS_PRIVATE,
            Answer::Enis,
            text!(
                "{ve} → Route 53 private hosted zone → EKS-owned ENI IPs",
                "{vk} → Route 53 프라이빗 호스팅 영역 → EKS 소유 ENI IP"
            ),
            text!(
                "private access: the private hosted zone EKS associates with the VPC answers with the EKS-owned ENIs' addresses",
                "프라이빗 액세스: EKS가 VPC에 연결한 프라이빗 호스팅 영역이 EKS 소유 ENI의 주소로 답한다"
            ),
            PHZ,
        );
    }
    let mut r = public_zone(model, via);
    if model.cluster.endpoint.private() && !v.dns_hostnames && r.answer == Answer::Nlb {
        r.why = text!(
            "enableDnsHostnames is off, so the private hosted zone does not answer and the public zone's NLB addresses come back",
            "enableDnsHostnames가 꺼져 있어 프라이빗 호스팅 영역이 답하지 않고 퍼블릭 영역의 NLB 주소가 돌아온다"
        );
        r.cite = PHZ;
    }
    r
}

/// Resolves the cluster endpoint's name for `asker`.
pub fn resolve_endpoint(model: &Model, asker: Asker) -> Resolution {
    match asker {
        Asker::Internet => public_zone(model, text!("public DNS", "퍼블릭 DNS")),
        Asker::Network(k) => {
            let Some(net) = model.networks.get(k) else {
                return public_zone(model, text!("public DNS", "퍼블릭 DNS"));
            };
            let name = &net.name;
            if net.resolver_inbound_endpoint {
                let mut r = amazon_provided(
                    model,
                    text!(
                        "{name}'s DNS → Route 53 Resolver inbound endpoint",
                        "{name}의 DNS → Route 53 Resolver 인바운드 엔드포인트"
                    ),
                );
                r.resolver_ip = vpc_resolver_ip(model).map(|ip| ip.to_string());
                r
            } else {
                let mut r = public_zone(model, text!("{name}'s DNS", "{name}의 DNS"));
                if model.cluster.endpoint.private() && r.answer == Answer::Nlb {
                    r.why = text!(
                        "{name} has no Route 53 Resolver inbound endpoint into the VPC, so it never sees the private hosted zone and gets the public answer",
                        "{name}에는 VPC로 들어가는 Route 53 Resolver 인바운드 엔드포인트가 없어 프라이빗 호스팅 영역을 보지 못하고 퍼블릭 응답을 받는다"
                    );
                    r.cite = PRIVATE_ONLY;
                }
                r
            }
        }
        Asker::Vpc => match &model.vpc.resolver {
            DnsResolver::AmazonProvidedDns => {
                let ip = vpc_resolver_ip(model);
                let shown = ip.map(|i| i.to_string()).unwrap_or_default();
                let dopt = &model.vpc.dhcp.id;
                let mut r = amazon_provided(
                    model,
                    text!(
                        "VPC resolver {shown} (DHCP options set {dopt})",
                        "VPC 리졸버 {shown} (DHCP 옵션 세트 {dopt})"
                    ),
                );
                r.resolver_ip = ip.map(|i| i.to_string());
                r
            }
            DnsResolver::Custom {
                address,
                forwards_to_vpc_resolver,
            } => {
                let dopt = &model.vpc.dhcp.id;
                let mut r = if *forwards_to_vpc_resolver {
                    amazon_provided(
                        model,
                        text!(
                            "custom resolver {address} (DHCP options set {dopt}) → AmazonProvidedDNS",
                            "사용자 리졸버 {address} (DHCP 옵션 세트 {dopt}) → AmazonProvidedDNS"
                        ),
                    )
                } else {
                    let mut r = public_zone(
                        model,
                        text!(
                            "custom resolver {address} (DHCP options set {dopt})",
                            "사용자 리졸버 {address} (DHCP 옵션 세트 {dopt})"
                        ),
                    );
                    if model.cluster.endpoint.private() && r.answer == Answer::Nlb {
                        r.why = text!(
                            "the DHCP options set {dopt} gives instances {address} as their name server, and it does not forward to AmazonProvidedDNS, so the private hosted zone never answers and the public NLB addresses come back",
                            "DHCP 옵션 세트 {dopt}이(가) 인스턴스에 네임 서버로 {address}을(를) 주는데 AmazonProvidedDNS로 전달하지 않아 프라이빗 호스팅 영역이 답하지 못하고 퍼블릭 NLB 주소가 돌아온다"
                        );
                        r.cite = DHCP_OPTION_SETS;
                    }
                    r
                };
                r.resolver_ip = Some(address.clone());
                r
            }
        },
    }
}

/// Whether an instance in the VPC reaches AWS service `service` (`ecr.api`,
/// `ecr.dkr`, `s3`, ...) through a VPC endpoint rather than its public address.
///
/// A gateway endpoint (S3) is a route-table entry and needs no DNS. An interface
/// endpoint is used only when its private DNS is on, which needs both VPC DNS
/// attributes and queries that reach AmazonProvidedDNS (AWS docs, "Private cluster
/// requirements").
pub fn service_via_endpoint(model: &Model, service: &str) -> bool {
    let v = &model.vpc;
    let private_dns_works = v.dns_support
        && v.dns_hostnames
        && match &v.resolver {
            DnsResolver::AmazonProvidedDns => true,
            DnsResolver::Custom {
                forwards_to_vpc_resolver,
                ..
            } => *forwards_to_vpc_resolver,
        };
    v.endpoints
        .iter()
        .filter(|e| e.service == service)
        .any(|e| match e.kind {
            VpcEndpointType::Gateway => true,
            VpcEndpointType::Interface => e.private_dns && private_dns_works && !e.enis.is_empty(),
        })
}

/// The private addresses the service's public name resolves to inside the VPC
/// when it goes through an interface endpoint ([`service_via_endpoint`]): its
/// network interfaces' addresses, in subnet order. Empty otherwise (a gateway
/// endpoint changes routes, not names).
pub fn endpoint_addresses(model: &Model, service: &str) -> Vec<Ipv4Addr> {
    if !service_via_endpoint(model, service) {
        return Vec::new();
    }
    model
        .vpc
        .endpoints
        .iter()
        .filter(|e| e.service == service && e.kind == VpcEndpointType::Interface)
        .flat_map(|e| e.enis.iter().map(|x| x.ip))
        .collect()
}

/// Whether instances in the VPC get DNS answers at all: AmazonProvidedDNS answers
/// only with `enableDnsSupport` on; a custom resolver is assumed to answer.
pub fn vpc_resolver_answers(model: &Model) -> bool {
    match &model.vpc.resolver {
        DnsResolver::AmazonProvidedDns => model.vpc.dns_support,
        DnsResolver::Custom { .. } => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;
    use crate::scenario::{ConnectedNetwork, Scenario, VpcEndpoint};

    fn modes(public: bool, private: bool) -> Scenario {
        let mut s = Scenario::example();
        s.cluster.resources_vpc_config.endpoint_public_access = public;
        s.cluster.resources_vpc_config.endpoint_private_access = private;
        s.connected_networks = vec![
            ConnectedNetwork {
                name: "office".into(),
                cidr_blocks: vec!["10.10.0.0/16".into()],
                resolver_inbound_endpoint: true,
                routed: true,
                ..ConnectedNetwork::default()
            },
            ConnectedNetwork {
                name: "branch".into(),
                cidr_blocks: vec!["10.20.0.0/16".into()],
                routed: true,
                ..ConnectedNetwork::default()
            },
        ];
        s
    }

    fn answers(s: &Scenario) -> [Answer; 4] {
        let m = analyze(s).model;
        [
            resolve_endpoint(&m, Asker::Internet).answer,
            resolve_endpoint(&m, Asker::Vpc).answer,
            resolve_endpoint(&m, Asker::Network(0)).answer,
            resolve_endpoint(&m, Asker::Network(1)).answer,
        ]
    }

    #[test]
    fn the_table_of_the_module_docs() {
        use Answer::*;
        assert_eq!(answers(&modes(true, false)), [Nlb, Nlb, Nlb, Nlb]);
        assert_eq!(answers(&modes(true, true)), [Nlb, Enis, Enis, Nlb]);
        assert_eq!(answers(&modes(false, true)), [Enis, Enis, Enis, Enis]);
        assert_eq!(answers(&modes(false, false)), [None, None, None, None]);
    }

    #[test]
    fn private_zone_needs_both_dns_attributes_and_the_vpc_resolver() {
        let mut s = modes(true, true);
        s.vpc.enable_dns_hostnames = false;
        let m = analyze(&s).model;
        let r = resolve_endpoint(&m, Asker::Vpc);
        assert_eq!(r.answer, Answer::Nlb);
        assert_eq!(r.at.as_str(), "dns:public");

        s.vpc.enable_dns_hostnames = true;
        s.vpc.enable_dns_support = false;
        let m = analyze(&s).model;
        let r = resolve_endpoint(&m, Asker::Vpc);
        assert_eq!(r.answer, Answer::None);
        assert_eq!(r.at.as_str(), "dns:resolver");
        assert_eq!(
            r.failure.unwrap().field.as_deref(),
            Some("/vpc/enableDnsSupport")
        );

        s.vpc.enable_dns_support = true;
        s.vpc.dns_resolver = DnsResolver::Custom {
            address: "192.168.0.53".into(),
            forwards_to_vpc_resolver: false,
        };
        let m = analyze(&s).model;
        let r = resolve_endpoint(&m, Asker::Vpc);
        assert_eq!(r.answer, Answer::Nlb);
        assert_eq!(r.resolver_ip.as_deref(), Some("192.168.0.53"));

        s.vpc.dns_resolver = DnsResolver::Custom {
            address: "192.168.0.53".into(),
            forwards_to_vpc_resolver: true,
        };
        let m = analyze(&s).model;
        assert_eq!(resolve_endpoint(&m, Asker::Vpc).answer, Answer::Enis);
    }

    #[test]
    fn private_only_answers_everyone_even_without_the_private_zone() {
        let mut s = modes(false, true);
        s.vpc.dns_resolver = DnsResolver::Custom {
            address: "10.0.0.2".into(),
            forwards_to_vpc_resolver: false,
        };
        let m = analyze(&s).model;
        let r = resolve_endpoint(&m, Asker::Vpc);
        assert_eq!(r.answer, Answer::Enis);
        assert_eq!(r.dns.addresses, ["192.168.32.4", "192.168.64.4"]);
        assert_eq!(r.at.as_str(), "dns:public");
    }

    #[test]
    fn answers_carry_the_addresses_and_the_resolver() {
        let m = analyze(&modes(true, true)).model;
        let r = resolve_endpoint(&m, Asker::Internet);
        let nlb: Vec<String> = m
            .cluster
            .nlb_public_ips
            .iter()
            .map(|i| i.to_string())
            .collect();
        assert_eq!(r.dns.addresses, nlb);
        assert_eq!(r.dns.name, m.cluster.endpoint_host);
        let r = resolve_endpoint(&m, Asker::Vpc);
        assert_eq!(r.resolver_ip.as_deref(), Some("192.168.0.2"));
        assert_eq!(r.dns.zone.unwrap().as_str(), "dns:private");
    }

    #[test]
    fn no_enis_means_no_private_answer() {
        let mut s = modes(false, true);
        s.cluster.resources_vpc_config.subnet_ids.clear();
        let m = analyze(&s).model;
        let r = resolve_endpoint(&m, Asker::Vpc);
        assert_eq!(r.answer, Answer::None);
        assert!(r.failure.is_some());
    }

    #[test]
    fn interface_endpoints_need_private_dns() {
        let mut s = Scenario::example();
        s.vpc.vpc_endpoints = vec![
            VpcEndpoint {
                service_name: "com.amazonaws.ap-northeast-2.ecr.api".into(),
                vpc_endpoint_type: VpcEndpointType::Interface,
                private_dns_enabled: true,
                ..VpcEndpoint::default()
            },
            VpcEndpoint {
                service_name: "ecr.dkr".into(),
                vpc_endpoint_type: VpcEndpointType::Interface,
                private_dns_enabled: false,
                ..VpcEndpoint::default()
            },
            VpcEndpoint {
                service_name: "s3".into(),
                vpc_endpoint_type: VpcEndpointType::Gateway,
                private_dns_enabled: false,
                ..VpcEndpoint::default()
            },
        ];
        let m = analyze(&s).model;
        assert!(service_via_endpoint(&m, "ecr.api"));
        assert!(!service_via_endpoint(&m, "ecr.dkr"));
        assert!(service_via_endpoint(&m, "s3"));
        assert!(!service_via_endpoint(&m, "sts"));
    }
}
