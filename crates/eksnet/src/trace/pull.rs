//! Image pulls: a node → Amazon ECR (`pull:<node>`).
//!
//! Every node pulls images at boot (the pause image, `aws-node`, `kube-proxy`) and
//! for every pod. A pull calls the ECR API (`ecr.api`: authorisation token), the
//! registry (`ecr.dkr`: manifests) and downloads the layers from Amazon S3. Each of
//! the three goes through a VPC endpoint when there is a usable one (interface
//! endpoints need private DNS; S3 takes a gateway endpoint, a route-table entry),
//! otherwise out of the VPC through a NAT gateway or an internet gateway like the
//! public endpoint path. A private-only cluster without either cannot pull
//! (AWS docs, "Private cluster requirements"; source 003, "EKS Networking").
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
use crate::text;
use crate::Text;

/// Stand-in public address of Amazon ECR in traces.
pub const ECR_STAND_IN: Ipv4Addr = Ipv4Addr::new(3, 35, 250, 10);
/// Stand-in public address of Amazon S3 in traces.
pub const S3_STAND_IN: Ipv4Addr = Ipv4Addr::new(3, 35, 250, 20);

const PRIVATE_CLUSTERS: Cite = crate::rules::private_cluster::CITE;

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
    let api_ep = dns::service_via_endpoint(m, "ecr.api");
    let dkr_ep = dns::service_via_endpoint(m, "ecr.dkr");
    let s3_ep = dns::service_via_endpoint(m, "s3");
    resolve_ecr(b, m, host, (api_ep, dkr_ep))?;
    let out = to_ecr(b, m, host, (api_ep, dkr_ep))?;
    to_s3(b, m, host, s3_ep, out)
}

/// The DNS hop: the registry's name, answered by the endpoints' private DNS or
/// publicly; blocked when the VPC resolver does not answer. `eps`: whether
/// `ecr.api` and `ecr.dkr` go through interface endpoints.
fn resolve_ecr(b: &mut Builder, m: &Model, host: &Host<'_>, eps: (bool, bool)) -> Leg {
    let (api_ep, dkr_ep) = eps;
    let region = &m.cluster.region;
    let answers = dns::vpc_resolver_answers(m);
    let mut addresses = Vec::new();
    if answers {
        addresses.push(if api_ep {
            "vpce:ecr.api".to_string()
        } else {
            ECR_STAND_IN.to_string()
        });
        if dkr_ep {
            addresses.push("vpce:ecr.dkr".to_string());
        }
    }
    let why = if !answers {
        text!(
            "enableDnsSupport is off, so the VPC resolver does not answer",
            "enableDnsSupport가 꺼져 있어 VPC 리졸버가 응답하지 않는다"
        )
    } else if api_ep || dkr_ep {
        text!(
            "interface endpoints with private DNS make ECR's public names resolve to their ENIs inside the VPC",
            "프라이빗 DNS를 켠 인터페이스 엔드포인트는 ECR의 퍼블릭 이름을 VPC 안의 엔드포인트 ENI 주소로 바꿔 준다"
        )
    } else {
        text!(
            "no usable ECR interface endpoint: the names resolve to ECR's public addresses",
            "쓸 수 있는 ECR 인터페이스 엔드포인트가 없어 이름이 ECR의 퍼블릭 주소로 풀린다"
        )
    };
    let mut dns_hop = Hop::new(
        ElementId::fixed(fixed::DNS_RESOLVER),
        Link::Dns,
        text!("VPC resolver: ECR names", "VPC 리졸버: ECR 이름"),
        why,
        PRIVATE_CLUSTERS,
    )
    .with_dns(DnsAnswer {
        name: format!("api.ecr.{region}.amazonaws.com"),
        zone: if api_ep {
            Some(ElementId::vpc_endpoint("ecr.api"))
        } else {
            None
        },
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

/// The ECR API and registry calls, each through its endpoint or out of the VPC;
/// returns the egress taken (`None`: none; `Some(ip)`: the public source address,
/// if known).
fn to_ecr(
    b: &mut Builder,
    m: &Model,
    host: &Host<'_>,
    eps: (bool, bool),
) -> Leg<Option<Option<Ipv4Addr>>> {
    let (api_ep, dkr_ep) = eps;
    let otherwise = text!(
        "; or add VPC endpoints for ecr.api and ecr.dkr (interface, private DNS) and s3 (gateway)",
        ". 또는 ecr.api, ecr.dkr(인터페이스, 프라이빗 DNS)과 s3(게이트웨이) VPC 엔드포인트를 만든다"
    );
    let mut out: Option<Option<Ipv4Addr>> = None;
    let mut local_shown = false;
    let ecr_pkt = Packet {
        src: host.ip,
        dst: ECR_STAND_IN,
        port: 443,
    };
    for (svc, via_ep) in [("ecr.api", api_ep), ("ecr.dkr", dkr_ep)] {
        if via_ep {
            if !local_shown {
                local(b, m, host, &ecr_pkt);
                local_shown = true;
            }
            b.push(endpoint_hop(
                svc,
                &ecr_pkt,
                if svc == "ecr.api" {
                    text!(
                        "the ECR API (authorisation token) through its interface endpoint, over PrivateLink",
                        "ECR API(인증 토큰)를 인터페이스 엔드포인트로, PrivateLink를 거쳐 부른다"
                    )
                } else {
                    text!(
                        "the registry (image manifests) through its interface endpoint, over PrivateLink",
                        "레지스트리(이미지 매니페스트)를 인터페이스 엔드포인트로, PrivateLink를 거쳐 부른다"
                    )
                },
            ));
        } else if out.is_none() {
            out = Some(egress::egress(b, m, host, ecr_pkt, &otherwise)?);
        }
    }
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
        .packet(out.flatten().unwrap_or(host.ip), ecr_pkt.to()),
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
    if s3_ep {
        b.push(endpoint_hop(
            "s3",
            &s3_pkt,
            text!(
                "the layers come from S3 through the S3 gateway endpoint (a route to S3's prefix list in the route table)",
                "레이어는 S3 게이트웨이 엔드포인트(라우팅 테이블의 S3 프리픽스 목록 경로)를 거쳐 S3에서 받는다"
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

fn local(b: &mut Builder, m: &Model, host: &Host<'_>, pkt: &Packet) {
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
                "the endpoints' ENIs are inside the VPC: the local route delivers, no gateway involved",
                "엔드포인트 ENI는 VPC 안에 있다: 로컬 경로로 바로 가며 게이트웨이를 거치지 않는다"
            ),
            PRIVATE_CLUSTERS,
        )
        .packet(pkt.src, "VPC endpoint ENI:443"),
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
                "subnet:subnet-pa",
                "vpce:ecr.api",
                "vpce:ecr.dkr",
                "ecr",
                "vpce:s3",
                "s3"
            ]
        );
        assert!(!t.crosses_internet());
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
}
