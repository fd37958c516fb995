//! Image pulls: a node → Amazon ECR (`pull:<node>`).
//!
//! Every node pulls images at boot (the pause image, `aws-node`, `kube-proxy`) and
//! for every pod. A pull calls the ECR API (`ecr.api`: authorisation token), the
//! registry (`ecr.dkr`: manifests) and downloads the layers from Amazon S3. Each of
//! the three goes through a VPC endpoint when there is a usable one (interface
//! endpoints need private DNS; S3 takes a gateway endpoint, a route-table entry),
//! otherwise out of the VPC through a NAT gateway or an internet gateway like the
//! public endpoint path. A private-only cluster without either cannot pull
//! (AWS docs, "Deploy private clusters with limited internet access"; source 003, "EKS Networking").
//!
//! The public addresses of ECR and S3 are stand-ins (documented constants): the
//! traces show where traffic goes, not AWS's real address ranges.

use std::net::Ipv4Addr;

use super::builder::{Blocked, Builder, Leg, Packet};
use super::control::{node_host, short};
use super::egress;
use super::route::Host;
use super::{DnsAnswer, Hop, Link, Trace};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::dns;
use crate::ids::{fixed, ElementId};
use crate::model::Model;
use crate::scenario::VpcEndpointType;
use crate::text;
use crate::Text;

/// Stand-in public address of Amazon ECR in traces.
pub const ECR_STAND_IN: Ipv4Addr = Ipv4Addr::new(3, 35, 250, 10);
/// Stand-in public address of Amazon S3 in traces.
pub const S3_STAND_IN: Ipv4Addr = Ipv4Addr::new(3, 35, 250, 20);

const PRIVATE_CLUSTERS: Cite = crate::rules::private_cluster::CITE;
const ECR_ENDPOINTS: Cite = Cite::new(
    Source::AwsDocs,
    "Amazon ECR interface VPC endpoints (AWS PrivateLink)",
);

fn endpoint_hop(service: &str, pkt: &Packet, why: Text) -> Hop {
    Hop::new(
        ElementId::vpc_endpoint(service),
        Link::VpcEndpoint,
        text!("VPC endpoint {service}", "VPC 엔드포인트 {service}"),
        why,
        PRIVATE_CLUSTERS,
    )
    .packet(pkt.src, pkt.to())
}

/// Whether node `n` has a way out of the VPC to a public address (a NAT gateway,
/// or an internet gateway with a public IP): the egress leg every trace takes.
pub(crate) fn has_internet_egress(m: &Model, n: usize) -> bool {
    let Some(host) = node_host(m, n) else {
        return false;
    };
    let mut b = Builder::new(String::new(), Text::default());
    let pkt = Packet {
        src: host.ip,
        dst: ECR_STAND_IN,
        port: 443,
    };
    egress::egress(&mut b, m, &host, pkt, &Text::default()).is_ok()
}

/// `pull:<node>`.
pub(crate) fn pull(m: &Model, flow: String, n: usize) -> Trace {
    let (Some(host), Some(node)) = (node_host(m, n), m.nodes.get(n)) else {
        return super::unknown_node(m, flow, &n.to_string());
    };
    let name = short(&node.name).to_string();
    let mut b = Builder::new(
        flow,
        text!(
            "{name} pulls an image from Amazon ECR",
            "{name}이(가) Amazon ECR에서 이미지를 받는다"
        ),
    );
    let mut origin = Hop::new(
        host.eid.clone(),
        Link::Origin,
        text!("container runtime on {name}", "{name}의 컨테이너 런타임"),
        text!(
            "the node pulls images from Amazon ECR at boot (pause, aws-node, kube-proxy) and for every pod",
            "노드는 부팅할 때(pause, aws-node, kube-proxy)와 Pod마다 Amazon ECR에서 이미지를 받는다"
        ),
        PRIVATE_CLUSTERS,
    );
    origin.src = Some(host.ip.to_string());
    b.push(origin);
    let outcome = walk(&mut b, m, &host);
    b.finish(outcome)
}

fn walk(b: &mut Builder, m: &Model, host: &Host<'_>) -> Leg {
    let api = endpoint_ip(m, host, "ecr.api");
    let dkr = endpoint_ip(m, host, "ecr.dkr");
    let s3_ep = dns::service_via_endpoint(m, "s3");
    resolve(b, m, host, "ecr.api")?;
    resolve(b, m, host, "ecr.dkr")?;
    let out = to_ecr(b, m, host, (api, dkr))?;
    to_s3(b, m, host, s3_ep, out)
}

/// The account of the Amazon EKS images (`aws-node`, `kube-proxy`, the pause
/// image) in most commercial regions (AWS docs, "View Amazon container image
/// registries for Amazon EKS add-ons"): the registry name nodes ask for.
pub const EKS_IMAGES_ACCOUNT: &str = "602401143452";

/// The public name of ECR's API (`ecr.api`) or of the registry (`ecr.dkr`).
pub fn ecr_name(m: &Model, service: &str) -> String {
    let region = &m.cluster.region;
    if service == "ecr.dkr" {
        format!("{EKS_IMAGES_ACCOUNT}.dkr.ecr.{region}.amazonaws.com")
    } else {
        format!("api.ecr.{region}.amazonaws.com")
    }
}

/// The endpoint address a node connects to for `service`, if the service goes
/// through an interface endpoint: the one in the node's AZ when there is one (the
/// zonal answer), else the first.
fn endpoint_ip(m: &Model, host: &Host<'_>, service: &str) -> Option<Ipv4Addr> {
    let ips = dns::endpoint_addresses(m, service);
    let az = m.subnets.get(host.subnet).map(|s| s.az.as_str());
    ips.iter()
        .copied()
        .find(|&ip| {
            m.subnet_of(ip)
                .and_then(|k| m.subnets.get(k))
                .map(|s| s.az.as_str())
                == az
        })
        .or_else(|| ips.first().copied())
}

/// The DNS hop of one ECR name: the interface endpoint's private DNS answers with
/// its ENIs' private addresses, otherwise the public answer; blocked when the VPC
/// resolver does not answer.
fn resolve(b: &mut Builder, m: &Model, host: &Host<'_>, service: &str) -> Leg {
    let answers = dns::vpc_resolver_answers(m);
    let private = dns::endpoint_addresses(m, service);
    let name = ecr_name(m, service);
    let addresses: Vec<String> = if !answers {
        Vec::new()
    } else if private.is_empty() {
        vec![ECR_STAND_IN.to_string()]
    } else {
        private.iter().map(ToString::to_string).collect()
    };
    let why = if !answers {
        text!(
            "enableDnsSupport is off, so the VPC resolver does not answer",
            "enableDnsSupport가 꺼져 있어 VPC 리졸버가 응답하지 않는다"
        )
    } else if !private.is_empty() {
        text!(
            "the {service} interface endpoint has private DNS on: inside the VPC {name} resolves to its network interfaces' private addresses",
            "{service} 인터페이스 엔드포인트에 프라이빗 DNS가 켜져 있어 VPC 안에서 {name}이(가) 그 네트워크 인터페이스의 프라이빗 주소로 풀린다"
        )
    } else {
        text!(
            "no usable {service} interface endpoint (with private DNS): {name} resolves to ECR's public addresses",
            "쓸 수 있는(프라이빗 DNS를 켠) {service} 인터페이스 엔드포인트가 없어 {name}이(가) ECR의 퍼블릭 주소로 풀린다"
        )
    };
    let mut dns_hop = Hop::new(
        ElementId::fixed(fixed::DNS_RESOLVER),
        Link::Dns,
        text!("VPC resolver: {name}", "VPC 리졸버: {name}"),
        why,
        PRIVATE_CLUSTERS,
    )
    .with_dns(DnsAnswer {
        name,
        zone: (!private.is_empty()).then(|| ElementId::vpc_endpoint(service)),
        addresses,
    });
    dns_hop.src = Some(host.ip.to_string());
    dns_hop.dst = dns::vpc_resolver_ip(m).map(|ip| format!("{ip}:53"));
    b.push(dns_hop);
    if !answers {
        return Err(Box::new(Blocked {
            at: ElementId::fixed(fixed::DNS_RESOLVER),
            code: Code::NoDnsAnswer,
            reason: text!(
                "enableDnsSupport is off, so the VPC resolver (AmazonProvidedDNS) does not answer at all",
                "enableDnsSupport가 꺼져 있어 VPC 리졸버(AmazonProvidedDNS)가 아예 응답하지 않는다"
            ),
            fix: text!("set enableDnsSupport to true", "enableDnsSupport를 true로 바꾼다"),
            cite: Cite::new(Source::AwsDocs, "VPC and subnet requirements"),
            field: Some("/vpc/enableDnsSupport".into()),
        }));
    }
    Ok(())
}

/// The ECR API and registry calls, each to its endpoint's address when it has one
/// (`eps`: the addresses of `ecr.api` and `ecr.dkr`), otherwise out of the VPC;
/// returns the egress taken (`None`: none; `Some(ip)`: the public source address,
/// if known).
fn to_ecr(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    eps: (Option<Ipv4Addr>, Option<Ipv4Addr>),
) -> Leg<Option<Option<Ipv4Addr>>> {
    let otherwise = text!(
        "; or add VPC endpoints for ecr.api and ecr.dkr (interface, private DNS) and s3 (gateway)",
        ". 또는 ecr.api, ecr.dkr(인터페이스, 프라이빗 DNS)과 s3(게이트웨이) VPC 엔드포인트를 만든다"
    );
    let mut out: Option<Option<Ipv4Addr>> = None;
    let public = Packet {
        src: host.ip,
        dst: ECR_STAND_IN,
        port: 443,
    };
    for (svc, ep) in [("ecr.api", eps.0), ("ecr.dkr", eps.1)] {
        if let Some(ip) = ep {
            let pkt = Packet {
                src: host.ip,
                dst: ip,
                port: 443,
            };
            local(b, m, host, &pkt);
            b.push(endpoint_hop(
                svc,
                &pkt,
                if svc == "ecr.api" {
                    text!(
                        "the ECR API (authorisation token) at its interface endpoint's address {ip}, carried over PrivateLink",
                        "ECR API(인증 토큰)를 인터페이스 엔드포인트 주소 {ip}(으)로 부르고 PrivateLink로 전달한다"
                    )
                } else {
                    text!(
                        "the registry (image manifests) at its interface endpoint's address {ip}, carried over PrivateLink",
                        "레지스트리(이미지 매니페스트)를 인터페이스 엔드포인트 주소 {ip}(으)로 부르고 PrivateLink로 전달한다"
                    )
                },
            ));
        } else if out.is_none() {
            out = Some(egress::egress(b, m, host, public, &otherwise)?);
        }
    }
    // The registry call is the one that reaches ECR last: through its endpoint's
    // address, or ECR's public one.
    let (src, dst) = match eps.1 {
        Some(ip) => (host.ip, format!("{ip}:443")),
        None => (out.flatten().unwrap_or(host.ip), public.to().to_string()),
    };
    b.push(
        Hop::new(
            ElementId::fixed(fixed::ECR),
            Link::AwsService,
            text!("Amazon ECR", "Amazon ECR"),
            text!(
                "ECR authorises the pull and returns the image manifest; the layers are stored in Amazon S3",
                "ECR이 이미지 받기를 허가하고 매니페스트를 돌려준다. 레이어는 Amazon S3에 있다"
            ),
            PRIVATE_CLUSTERS,
        )
        .outside()
        .packet(src, dst),
    );
    Ok(out)
}

/// The layers from Amazon S3, through the gateway endpoint or out of the VPC (the
/// way the ECR calls took, `out`, if any).
fn to_s3(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    s3_ep: bool,
    mut out: Option<Option<Ipv4Addr>>,
) -> Leg {
    let s3_pkt = Packet {
        src: host.ip,
        dst: S3_STAND_IN,
        port: 443,
    };
    let gateway = m
        .vpc
        .endpoints
        .iter()
        .find(|e| e.service == "s3" && e.kind == VpcEndpointType::Gateway);
    let mut s3_ep = s3_ep;
    if let Some(e) = gateway {
        s3_ep = s3_gateway(b, m, host, &s3_pkt, &e.id)?;
        if !s3_ep {
            let tw = super::fabric::table_words(m, host.subnet);
            let id = &e.id;
            let otherwise = text!(
                "; or associate the S3 gateway endpoint {id} with {tw} (it adds the pl-… → {id} route)",
                ". 또는 S3 게이트웨이 엔드포인트 {id}를 {tw}에 연결한다(pl-… → {id} 경로가 생긴다)"
            );
            out = Some(egress::egress(b, m, host, s3_pkt, &otherwise)?);
        }
    } else if s3_ep {
        b.push(endpoint_hop(
            "s3",
            &s3_pkt,
            text!(
                "the layers come from S3 through its interface endpoint",
                "레이어는 S3 인터페이스 엔드포인트를 거쳐 S3에서 받는다"
            ),
        ));
    } else if out.is_none() {
        let s3_otherwise = text!(
            "; or add an S3 gateway endpoint (image layers are stored in S3)",
            ". 또는 S3 게이트웨이 엔드포인트를 만든다(이미지 레이어가 S3에 있다)"
        );
        out = Some(egress::egress(b, m, host, s3_pkt, &s3_otherwise)?);
    }
    b.push(
        Hop::new(
            ElementId::fixed(fixed::S3),
            Link::AwsService,
            text!("Amazon S3", "Amazon S3"),
            text!(
                "the image layers download from S3: the pull completes",
                "이미지 레이어를 S3에서 내려받아 이미지 받기가 끝난다"
            ),
            PRIVATE_CLUSTERS,
        )
        .outside()
        .packet(
            if s3_ep {
                host.ip
            } else {
                out.flatten().unwrap_or(host.ip)
            },
            s3_pkt.to(),
        ),
    );
    Ok(())
}

/// The layers through the S3 gateway endpoint `id`, hop by hop: the node subnet's
/// route table and its `pl-… → vpce-…` route, the subnet's network ACL (it guards
/// the traffic to S3's addresses too), then the endpoint. ECR stores image layers
/// in S3, so a private cluster needs this gateway (Amazon ECR, "Amazon ECR
/// interface VPC endpoints (AWS PrivateLink)": create the Amazon S3 gateway
/// endpoint; EKS, "Deploy private clusters with limited internet access").
/// `Ok(false)`: the table has no route to the endpoint, so S3's traffic follows the
/// table's default route instead.
fn s3_gateway(b: &mut Builder, m: &Model, host: &Host<'_>, pkt: &Packet, id: &str) -> Leg<bool> {
    let Some(hop) = super::fabric::gateway_endpoint_hop(m, host.subnet, id, pkt) else {
        return Ok(false);
    };
    b.push(hop);
    super::fabric::cross(
        b,
        m,
        Some(host.subnet),
        None,
        *pkt,
        crate::model::fabric::EPHEMERAL_LINUX,
    )?;
    let mut ep = endpoint_hop(
        "s3",
        pkt,
        text!(
            "gateway endpoint {id}: the layers come from S3 over Amazon's network, without a NAT gateway or internet gateway (ECR stores image layers in S3)",
            "게이트웨이 엔드포인트 {id}: 레이어를 NAT 게이트웨이나 인터넷 게이트웨이 없이 Amazon 네트워크로 S3에서 받는다(ECR은 이미지 레이어를 S3에 둔다)"
        ),
    );
    ep.cite = ECR_ENDPOINTS;
    ep.component = super::path::Component {
        id: id.to_string(),
        name: None,
    };
    b.push(ep);
    Ok(true)
}

fn local(b: &mut Builder, m: &Model, host: &Host<'_>, pkt: &Packet) {
    let dst = pkt.dst;
    let sid = m
        .subnets
        .get(host.subnet)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    b.push(
        Hop::new(
            ElementId::subnet(&sid),
            Link::VpcRouter,
            text!("route table of {sid}", "{sid}의 라우팅 테이블"),
            text!(
                "the endpoint's network interface {dst} is inside the VPC: the local route delivers, no gateway involved",
                "엔드포인트 네트워크 인터페이스 {dst}은(는) VPC 안에 있다: 로컬 경로로 바로 가며 게이트웨이를 거치지 않는다"
            ),
            PRIVATE_CLUSTERS,
        )
        .packet(pkt.src, pkt.to()),
    );
}

#[cfg(test)]
mod tests {
    use super::super::flow_tests::PRIV_NODE;
    use crate::scenario::*;
    use crate::testkit::{code, fix, ids, lab, run, MODES};

    fn with_endpoints(s: &mut Scenario, s3: bool, private_dns: bool) {
        let ep = |name: &str, kind| VpcEndpoint {
            service_name: format!("com.amazonaws.ap-northeast-2.{name}"),
            vpc_endpoint_type: kind,
            private_dns_enabled: private_dns,
            ..VpcEndpoint::default()
        };
        s.vpc.vpc_endpoints = vec![
            ep("ecr.api", VpcEndpointType::Interface),
            ep("ecr.dkr", VpcEndpointType::Interface),
        ];
        if s3 {
            s.vpc.vpc_endpoints.push(ep("s3", VpcEndpointType::Gateway));
        }
    }

    #[test]
    fn pulls_through_nat_or_endpoints() {
        for (public, private) in MODES {
            let t = run(&lab(public, private), "pull:ip-192-168-130-10");
            assert!(t.is_reachable());
            assert_eq!(
                ids(&t),
                [
                    PRIV_NODE,
                    "dns:resolver",
                    "dns:resolver",
                    "subnet:subnet-pa",
                    "nat:nat-a",
                    "igw",
                    "ecr",
                    "s3"
                ]
            );
        }
        // A private-only cluster with no way out: blocked, unless the endpoints exist.
        let mut s = lab(false, true);
        s.vpc.subnets[2].default_route = None;
        let t = run(&s, "pull:ip-192-168-130-10");
        assert_eq!(code(&t), Some("no-route-to-internet"));
        assert!(fix(&t).contains("ecr.api"));
        with_endpoints(&mut s, true, true);
        let t = run(&s, "pull:ip-192-168-130-10");
        assert!(t.is_reachable(), "{:?}", t.verdict);
        assert_eq!(
            ids(&t),
            [
                PRIV_NODE,
                "dns:resolver",
                "dns:resolver",
                "subnet:subnet-pa",
                "vpce:ecr.api",
                "subnet:subnet-pa",
                "vpce:ecr.dkr",
                "ecr",
                // The route table's pl-… → vpce-… route, then the gateway.
                "subnet:subnet-pa",
                "vpce:s3",
                "s3"
            ]
        );
        assert!(!t.crosses_internet());
        endpoint_addresses_are_answered_and_used(&s, &t);
        // ECR endpoints without S3: the layers have no way.
        with_endpoints(&mut s, false, true);
        let t = run(&s, "pull:ip-192-168-130-10");
        assert_eq!(ids(&t).last(), Some(&"subnet:subnet-pa"));
        assert!(ids(&t).contains(&"ecr"));
        assert!(fix(&t).contains("S3 gateway endpoint"));
        // Interface endpoints without private DNS are not used.
        with_endpoints(&mut s, true, false);
        let t = run(&s, "pull:ip-192-168-130-10");
        assert_eq!(code(&t), Some("no-route-to-internet"));
        assert!(!ids(&t).contains(&"vpce:ecr.api"));
    }

    /// With private DNS on, each ECR name resolves to its own endpoint's network
    /// interfaces (never one to the other), and the packets go to those addresses.
    fn endpoint_addresses_are_answered_and_used(s: &Scenario, t: &crate::Trace) {
        let a = crate::analyze(s);
        let ips = |svc: &str| -> Vec<String> {
            let e = a.model.vpc.endpoint(svc).expect("endpoint");
            e.enis.iter().map(|x| x.ip.to_string()).collect()
        };
        let (api, dkr) = (ips("ecr.api"), ips("ecr.dkr"));
        // One network interface per cluster subnet (one per AZ), each its own address.
        assert_eq!((api.len(), dkr.len()), (2, 2));
        assert!(api.iter().all(|ip| !dkr.contains(ip)));
        let answers: Vec<_> = t.hops.iter().filter_map(|h| h.dns.as_ref()).collect();
        assert_eq!(answers[0].name, "api.ecr.ap-northeast-2.amazonaws.com");
        assert_eq!(answers[0].addresses, api);
        assert!(answers[1]
            .name
            .ends_with(".dkr.ecr.ap-northeast-2.amazonaws.com"));
        assert_eq!(answers[1].addresses, dkr);
        // The node in subnet-pa connects to the interfaces in its own AZ.
        let dst = |k: usize| t.hops[k].dst.clone().unwrap_or_default();
        assert_eq!(dst(3), format!("{}:443", api[0]));
        assert_eq!(dst(5), format!("{}:443", dkr[0]));
        assert_eq!(dst(7), format!("{}:443", dkr[0]));
        assert!(t
            .hops
            .iter()
            .all(|h| !h.dst.as_deref().unwrap_or("").contains("ENI")));
        assert!(!t
            .hops
            .iter()
            .any(|h| h.dst.as_deref() == Some("3.35.250.10:443")));
        // The interfaces hold addresses of their subnets.
        let k = a.model.subnet_index("subnet-pa").unwrap();
        let pool = a.addresses.pool(k).unwrap();
        assert_eq!(pool.count(crate::model::Holder::VpcEndpoint), 2);
    }
}
