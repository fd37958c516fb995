//! IPv6 rules (source 003, "Assigning IPv6 addresses to pods and services"; AWS
//! docs, "VPC and subnet requirements"): an IPv6 cluster needs IPv6 blocks on the
//! VPC and on its subnets, IPv4 as well, subnets that auto-assign IPv6 addresses;
//! pods and services get IPv6 only (no dual stack), and private subnets reach the
//! IPv6 internet through an egress-only internet gateway. Whether the instance
//! types are Nitro-based is a VPC CNI rule, checked with the CNI.

use std::collections::BTreeSet;

use ipnet::Ipv6Net;

use crate::codes::Code;
use crate::model::{Ipv6Block, Model};
use crate::scenario::IpFamily;
use crate::{text, Diagnostic};

pub(super) fn check(m: &Model, d: &mut Vec<Diagnostic>) {
    let vpc6 = blocks(m, d);
    if m.cluster.ip_family != IpFamily::Ipv6 {
        return;
    }
    if vpc6.is_none() {
        d.push(Diagnostic::new(
            Code::Ipv6VpcNeedsIpv6Cidr,
            "/vpc/ipv6CidrBlock",
            text!(
                "an IPv6 cluster needs an IPv6 block on the VPC: pods and services take their addresses from it",
                "IPv6 클러스터에는 VPC의 IPv6 블록이 필요하다: Pod와 서비스가 그 블록에서 주소를 받는다"
            ),
        )
        .fix(text!(
            "associate an Amazon-provided IPv6 block (a /56) with the VPC",
            "VPC에 Amazon 제공 IPv6 블록(/56)을 연결한다"
        )));
    }
    if m.vpc.cidrs.is_empty() {
        d.push(Diagnostic::new(
            Code::Ipv6NeedsIpv4,
            "/vpc/cidrBlocks",
            text!(
                "an IPv6 cluster still needs IPv4 on the VPC and its subnets: nodes and the EKS-owned ENIs keep IPv4 addresses",
                "IPv6 클러스터에도 VPC와 서브넷에 IPv4가 필요하다: 노드와 EKS 소유 ENI는 IPv4 주소를 계속 가진다"
            ),
        )
        .fix(text!("give the VPC an IPv4 block", "VPC에 IPv4 블록을 준다")));
    }
    // Subnets that matter: the cluster's and the node groups'.
    let mut cluster: BTreeSet<usize> = crate::sort::set_of(m.cluster.subnets.iter().copied());
    let mut nodes = BTreeSet::new();
    for g in &m.node_groups {
        nodes.extend(g.subnets.iter().copied());
    }
    cluster.extend(nodes.iter().copied());
    for &i in &cluster {
        let Some(sn) = m.subnets.get(i) else {
            continue;
        };
        let id = &sn.id;
        if sn.ipv6_cidr == Ipv6Block::None {
            d.push(Diagnostic::new(
                Code::Ipv6SubnetNeedsIpv6Cidr,
                format!("/vpc/subnets/{i}/ipv6CidrBlock"),
                text!(
                    "{id} has no IPv6 block: in an IPv6 cluster every cluster and node subnet needs one (and keeps its IPv4 block)",
                    "{id}에 IPv6 블록이 없다: IPv6 클러스터에서는 클러스터 서브넷과 노드 서브넷 모두 IPv6 블록이 필요하다(IPv4 블록도 유지한다)"
                ),
            )
            .fix(text!(
                "associate a /64 from the VPC's IPv6 block with {id}",
                "VPC의 IPv6 블록에서 /64를 {id}에 연결한다"
            )));
        }
        if nodes.contains(&i) && !sn.assign_ipv6 {
            d.push(Diagnostic::new(
                Code::Ipv6SubnetAutoAssign,
                format!("/vpc/subnets/{i}/assignIpv6AddressOnCreation"),
                text!(
                    "{id} does not auto-assign IPv6 addresses: nodes of an IPv6 cluster must get one at launch",
                    "{id}이(가) IPv6 주소를 자동 할당하지 않는다: IPv6 클러스터의 노드는 시작할 때 IPv6 주소를 받아야 한다"
                ),
            )
            .fix(text!(
                "turn on assignIpv6AddressOnCreation for {id}",
                "{id}의 assignIpv6AddressOnCreation을 켠다"
            )));
        }
    }
    d.push(Diagnostic::new(
        Code::Ipv6NoDualStack,
        "/cluster/kubernetesNetworkConfig/ipFamily",
        text!(
            "EKS has no dual stack: pods and services get IPv6 addresses only; nodes keep IPv4 too",
            "EKS는 듀얼 스택을 지원하지 않는다: Pod와 서비스는 IPv6 주소만 받고, 노드는 IPv4도 유지한다"
        ),
    ));
    let private = nodes
        .iter()
        .copied()
        .find(|&i| m.subnets.get(i).is_some_and(|x| !x.is_public()));
    if let Some(i) = private {
        let id = m.subnets.get(i).map(|x| x.id.clone()).unwrap_or_default();
        d.push(Diagnostic::new(
            Code::Ipv6EgressOnlyIgw,
            format!("/vpc/subnets/{i}/defaultRoute"),
            text!(
                "{id} is private: NAT gateways serve IPv4 only, so IPv6 traffic to the internet needs an egress-only internet gateway (::/0 route)",
                "{id}은(는) 프라이빗이다: NAT 게이트웨이는 IPv4만 처리하므로 인터넷으로 가는 IPv6 트래픽에는 송신 전용 인터넷 게이트웨이(::/0 경로)가 필요하다"
            ),
        ));
    }
}

/// Checks the subnets' IPv6 blocks against the VPC's; returns the VPC's. (Blocks
/// that do not parse were diagnosed while the model was built.)
fn blocks(m: &Model, d: &mut Vec<Diagnostic>) -> Option<Ipv6Net> {
    let vpc6 = m.vpc.ipv6_cidr.net();
    for (i, sn) in m.subnets.iter().enumerate() {
        let Some(net) = sn.ipv6_cidr.net() else {
            continue;
        };
        let path = format!("/vpc/subnets/{i}/ipv6CidrBlock");
        let id = &sn.id;
        if net.prefix_len() != 64 {
            let len = net.prefix_len();
            d.push(Diagnostic::new(
                Code::SubnetIpv6Size,
                path.clone(),
                text!(
                    "{id}'s IPv6 block {net} is a /{len}; subnets take a /64",
                    "{id}의 IPv6 블록 {net}은(는) /{len}이다. 서브넷은 /64를 쓴다"
                ),
            ));
        }
        match m.vpc.ipv6_cidr {
            Ipv6Block::Block(v) if !v.contains(&net) => d.push(Diagnostic::new(
                Code::SubnetIpv6OutsideVpc,
                path,
                text!(
                    "{id}'s IPv6 block {net} is not inside the VPC's {v}",
                    "{id}의 IPv6 블록 {net}이(가) VPC의 {v} 안에 있지 않다"
                ),
            )),
            Ipv6Block::None => d.push(
                Diagnostic::new(
                    Code::SubnetIpv6OutsideVpc,
                    path,
                    text!(
                        "{id} has an IPv6 block but the VPC has none",
                        "{id}에는 IPv6 블록이 있는데 VPC에는 없다"
                    ),
                )
                .fix(text!(
                    "associate an IPv6 block with the VPC first",
                    "먼저 VPC에 IPv6 블록을 연결한다"
                )),
            ),
            _ => {}
        }
    }
    vpc6
}

#[cfg(test)]
mod tests {
    use crate::scenario::*;
    use crate::testkit::{codes, lab, with_code};

    fn ipv6_lab() -> Scenario {
        let mut s = lab(true, true);
        s.cluster.kubernetes_network_config.ip_family = IpFamily::Ipv6;
        s.vpc.ipv6_cidr_block = "2600:1f18:1234:5600::/56".into();
        for (i, sn) in s.vpc.subnets.iter_mut().enumerate() {
            sn.ipv6_cidr_block = format!("2600:1f18:1234:56{i:02x}::/64");
            sn.assign_ipv6_address_on_creation = true;
        }
        s
    }

    #[test]
    fn a_complete_ipv6_vpc_gets_only_notes() {
        let c = codes(&ipv6_lab());
        assert!(c.contains(&"ipv6-no-dual-stack"), "{c:?}");
        assert!(c.contains(&"ipv6-egress-only-igw"), "{c:?}");
        for code in [
            "ipv6-vpc-needs-ipv6-cidr",
            "ipv6-needs-ipv4",
            "ipv6-subnet-needs-ipv6-cidr",
            "ipv6-subnet-auto-assign",
            "invalid-ipv6-cidr",
            "subnet-ipv6-outside-vpc",
            "subnet-ipv6-size",
        ] {
            assert!(!c.contains(&code), "{code}: {c:?}");
        }
        // IPv4 clusters get none of this.
        assert!(!codes(&lab(true, true))
            .iter()
            .any(|c| c.starts_with("ipv6-")));
    }

    #[test]
    fn the_vpc_needs_both_families() {
        let mut s = ipv6_lab();
        s.vpc.ipv6_cidr_block.clear();
        assert_eq!(with_code(&s, "ipv6-vpc-needs-ipv6-cidr").len(), 1);
        // Every subnet's block now sits in a VPC without IPv6.
        assert_eq!(with_code(&s, "subnet-ipv6-outside-vpc").len(), 4);
        let mut s = ipv6_lab();
        s.vpc.cidr_blocks.clear();
        assert_eq!(with_code(&s, "ipv6-needs-ipv4").len(), 1);
    }

    #[test]
    fn subnets_need_blocks_and_auto_assign() {
        let mut s = ipv6_lab();
        s.vpc.subnets[2].ipv6_cidr_block.clear(); // a cluster and node subnet
        s.vpc.subnets[3].assign_ipv6_address_on_creation = false; // cluster only
        s.vpc.subnets[0].assign_ipv6_address_on_creation = false; // node subnet
        let d = with_code(&s, "ipv6-subnet-needs-ipv6-cidr");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/vpc/subnets/2/ipv6CidrBlock");
        let d = with_code(&s, "ipv6-subnet-auto-assign");
        let paths: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["/vpc/subnets/0/assignIpv6AddressOnCreation"]);
    }

    #[test]
    fn malformed_and_misplaced_blocks() {
        let mut s = ipv6_lab();
        s.vpc.subnets[0].ipv6_cidr_block = "2600:zz::/64".into();
        s.vpc.subnets[1].ipv6_cidr_block = "2600:1f18:9999:5601::/64".into();
        s.vpc.subnets[2].ipv6_cidr_block = "2600:1f18:1234:5602::/60".into();
        assert_eq!(with_code(&s, "invalid-ipv6-cidr").len(), 1);
        let d = with_code(&s, "subnet-ipv6-outside-vpc");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/vpc/subnets/1/ipv6CidrBlock");
        assert_eq!(with_code(&s, "subnet-ipv6-size").len(), 1);
    }
}
