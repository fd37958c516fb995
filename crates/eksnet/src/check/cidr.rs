//! Address-range rules beyond the structural ones of the model: the VPC's own
//! blocks, the service CIDR, connected networks and client addresses.

use std::net::{IpAddr, Ipv4Addr};

use ipnet::{IpNet, Ipv4Net};

use crate::codes::Code;

use crate::model::{ClientAt, Model};
use crate::{text, Diagnostic};

const SVC_PATH: &str = "/cluster/kubernetesNetworkConfig/serviceIpv4Cidr";

fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

fn private_v4(ip: Ipv4Addr) -> bool {
    ip.is_private() || Ipv4Net::new(Ipv4Addr::new(100, 64, 0, 0), 10).is_ok_and(|n| n.contains(&ip))
}

pub(super) fn check(m: &Model, d: &mut Vec<Diagnostic>) {
    vpc_blocks(m, d);
    service_cidr(m, d);
    networks(m, d);
    clients(m, d);
}

fn vpc_blocks(m: &Model, d: &mut Vec<Diagnostic>) {
    // Indices in the scenario, of the blocks that parsed.
    let parsed: Vec<(usize, Ipv4Net)> = m
        .vpc
        .cidr_index
        .iter()
        .copied()
        .zip(m.vpc.cidrs.iter().copied())
        .collect();
    for (pos, &(i, net)) in parsed.iter().enumerate() {
        let len = net.prefix_len();
        if !(16..=28).contains(&len) {
            d.push(Diagnostic::new(
                Code::VpcCidrSize,
                format!("/vpc/cidrBlocks/{i}"),
                text!(
                    "VPC block {net} is a /{len}; a VPC's IPv4 blocks must be between /16 and /28",
                    "VPC 블록 {net}은(는) /{len}이다. VPC의 IPv4 블록은 /16에서 /28 사이여야 한다"
                ),
            ));
        }
        for &(j, other) in parsed.iter().take(pos) {
            if overlaps(&IpNet::V4(net), &IpNet::V4(other)) {
                d.push(Diagnostic::new(
                    Code::VpcCidrOverlap,
                    format!("/vpc/cidrBlocks/{i}"),
                    text!(
                        "VPC block {net} overlaps block {other} (/vpc/cidrBlocks/{j})",
                        "VPC 블록 {net}이(가) 블록 {other}(/vpc/cidrBlocks/{j})과 겹친다"
                    ),
                ));
            }
        }
    }
}

fn service_cidr(m: &Model, d: &mut Vec<Diagnostic>) {
    let Some(svc) = m.cluster.service_cidr else {
        return;
    };
    if m.cluster.ip_family == crate::scenario::IpFamily::Ipv6 {
        return;
    }
    let len = svc.prefix_len();
    let in_rfc1918 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
        .iter()
        .filter_map(|p| p.parse::<Ipv4Net>().ok())
        .any(|p| p.contains(&svc));
    if !in_rfc1918 || !(12..=24).contains(&len) {
        d.push(Diagnostic::new(
            Code::ServiceCidrRange,
            SVC_PATH,
            text!(
                "the service CIDR {svc} must lie in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 and be between /12 and /24",
                "서비스 CIDR {svc}은(는) 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 중 하나 안에 있고 /12에서 /24 사이여야 한다"
            ),
        )
        .fix(text!(
            "use e.g. 10.100.0.0/16 or 172.20.0.0/16 (EKS's defaults)",
            "예: 10.100.0.0/16 또는 172.20.0.0/16(EKS 기본값)"
        )));
    }
    for v in &m.vpc.cidrs {
        if overlaps(&IpNet::V4(svc), &IpNet::V4(*v)) {
            d.push(Diagnostic::new(
                Code::ServiceCidrOverlapsVpc,
                SVC_PATH,
                text!(
                    "the service CIDR {svc} overlaps the VPC block {v}: ClusterIPs would shadow real addresses of nodes and pods",
                    "서비스 CIDR {svc}이(가) VPC 블록 {v}과(와) 겹친다: ClusterIP가 노드와 Pod의 실제 주소를 가린다"
                ),
            )
            .fix(text!(
                "pick a service CIDR outside the VPC, e.g. 10.100.0.0/16 or 172.20.0.0/16",
                "VPC 밖의 서비스 CIDR을 고른다. 예: 10.100.0.0/16 또는 172.20.0.0/16"
            )));
        }
    }
    for n in &m.networks {
        for c in &n.cidrs {
            if overlaps(&IpNet::V4(svc), c) {
                let name = &n.name;
                d.push(Diagnostic::new(
                    Code::ServiceCidrOverlapsNetwork,
                    SVC_PATH,
                    text!(
                        "the service CIDR {svc} overlaps {c} of {name}: inside the cluster, ClusterIPs win and those hosts become unreachable from pods",
                        "서비스 CIDR {svc}이(가) {name}의 {c}과(와) 겹친다: 클러스터 안에서는 ClusterIP가 우선해 Pod에서 그 호스트들에 닿지 못한다"
                    ),
                )
                .fix(text!(
                    "pick a service CIDR used nowhere in the connected networks",
                    "연결된 네트워크 어디에서도 쓰지 않는 서비스 CIDR을 고른다"
                )));
            }
        }
    }
}

fn networks(m: &Model, d: &mut Vec<Diagnostic>) {
    for (i, n) in m.networks.iter().enumerate() {
        for (&k, net) in n.cidr_index.iter().zip(&n.cidrs) {
            for v in &m.vpc.cidrs {
                if overlaps(net, &IpNet::V4(*v)) {
                    let name = &n.name;
                    d.push(Diagnostic::new(
                        Code::NetworkOverlapsVpc,
                        format!("/connectedNetworks/{i}/cidrBlocks/{k}"),
                        text!(
                            "{name}'s block {net} overlaps the VPC block {v}: routes cannot tell the two apart, so traffic between them fails",
                            "{name}의 블록 {net}이(가) VPC 블록 {v}과(와) 겹친다: 경로가 둘을 구별하지 못해 둘 사이의 트래픽이 실패한다"
                        ),
                    )
                    .fix(text!(
                        "renumber one side; peering and transit gateways refuse overlapping ranges",
                        "한쪽의 주소를 바꾼다. 피어링과 트랜짓 게이트웨이는 겹치는 대역을 받지 않는다"
                    )));
                }
            }
        }
    }
}

fn clients(m: &Model, d: &mut Vec<Diagnostic>) {
    for (i, c) in m.clients.iter().enumerate() {
        match c.at {
            ClientAt::Network { network, ip } => {
                let Some(n) = m.networks.get(network) else {
                    continue;
                };
                if !n.cidrs.is_empty() && !n.cidrs.iter().any(|x| x.contains(&IpAddr::V4(ip))) {
                    let name = &n.name;
                    d.push(
                        Diagnostic::new(
                            Code::ClientOutsideNetwork,
                            format!("/clients/{i}/location/connectedNetwork/sourceIp"),
                            text!(
                                "{ip} is not inside any block of {name}",
                                "{ip}은(는) {name}의 어느 블록에도 들어 있지 않다"
                            ),
                        )
                        .fix(text!(
                            "give the client an address of its network",
                            "클라이언트에 그 네트워크의 주소를 준다"
                        )),
                    );
                }
            }
            ClientAt::Internet { ip } if private_v4(ip) => {
                let name = &c.name;
                d.push(Diagnostic::new(
                    Code::InternetClientPrivateIp,
                    format!("/clients/{i}/location/internet/sourceIp"),
                    text!(
                        "{name} is on the internet with the private address {ip}; the public endpoint sees the public address it leaves from",
                        "{name}은(는) 인터넷에 있는데 사설 주소 {ip}을(를) 쓴다. 퍼블릭 엔드포인트는 나가는 퍼블릭 주소를 본다"
                    ),
                )
                .fix(text!(
                    "use the client's public address, or model it as a client in a connected network",
                    "클라이언트의 퍼블릭 주소를 쓰거나, 연결된 네트워크의 클라이언트로 모델링한다"
                )));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::*;
    use crate::testkit::{lab, with_code};

    #[test]
    fn vpc_blocks_sizes_and_overlaps() {
        let mut s = lab(true, false);
        s.vpc.cidr_blocks = vec![
            "192.168.0.0/16".into(),
            "192.168.128.0/17".into(),
            "10.0.0.0/8".into(),
        ];
        let d = with_code(&s, "vpc-cidr-overlap");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/vpc/cidrBlocks/1");
        let d = with_code(&s, "vpc-cidr-size");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/vpc/cidrBlocks/2");
        assert!(with_code(&lab(true, false), "vpc-cidr-overlap").is_empty());
    }

    #[test]
    fn service_cidr_rules() {
        let mut s = lab(true, false);
        s.cluster.kubernetes_network_config.service_ipv4_cidr = "192.168.0.0/20".into();
        let d = with_code(&s, "service-cidr-overlaps-vpc");
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].path,
            "/cluster/kubernetesNetworkConfig/serviceIpv4Cidr"
        );
        assert!(with_code(&s, "service-cidr-range").is_empty());

        s.cluster.kubernetes_network_config.service_ipv4_cidr = "100.64.0.0/16".into();
        assert_eq!(with_code(&s, "service-cidr-range").len(), 1);
        s.cluster.kubernetes_network_config.service_ipv4_cidr = "10.100.0.0/26".into();
        assert_eq!(with_code(&s, "service-cidr-range").len(), 1);

        s.cluster.kubernetes_network_config.service_ipv4_cidr = "10.10.0.0/16".into();
        let d = with_code(&s, "service-cidr-overlaps-network");
        assert_eq!(d.len(), 1, "the lab's office is 10.10.0.0/16");

        let clean = lab(true, false);
        for code in [
            "service-cidr-overlaps-vpc",
            "service-cidr-range",
            "service-cidr-overlaps-network",
        ] {
            assert!(with_code(&clean, code).is_empty(), "{code}");
        }
    }

    #[test]
    fn connected_networks_must_not_overlap_the_vpc() {
        let mut s = lab(true, true);
        s.connected_networks[0]
            .cidr_blocks
            .push("192.168.200.0/24".into());
        let d = with_code(&s, "network-overlaps-vpc");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/connectedNetworks/0/cidrBlocks/1");
        assert!(with_code(&lab(true, true), "network-overlaps-vpc").is_empty());
    }

    #[test]
    fn client_addresses() {
        let mut s = lab(true, true);
        s.clients[2].location = ClientLocation::ConnectedNetwork {
            network: "office".into(),
            source_ip: "10.99.0.1".into(),
        };
        s.clients[0].location = ClientLocation::Internet {
            source_ip: "10.1.2.3".into(),
        };
        assert_eq!(with_code(&s, "client-outside-network").len(), 1);
        let d = with_code(&s, "internet-client-private-ip");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/clients/0/location/internet/sourceIp");
        let clean = lab(true, true);
        assert!(with_code(&clean, "client-outside-network").is_empty());
        assert!(with_code(&clean, "internet-client-private-ip").is_empty());
    }
}
