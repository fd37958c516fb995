//! Rules about the cluster itself: its subnets, security groups, endpoint access
//! and the VPC DNS it needs.

use std::collections::BTreeSet;

use ipnet::IpNet;

use crate::codes::Code;
use crate::diag::Severity::{Info, Warning};
use crate::model::{Holder, Ledger, Model};
use crate::scenario::{DnsResolver, NodeGroupKind};
use crate::{text, Diagnostic};

const RVC: &str = "/cluster/resourcesVpcConfig";

/// Fewest addresses a cluster subnet must have for EKS (AWS docs, 003).
pub const MIN_CLUSTER_SUBNET_IPS: u32 = 6;
/// Addresses AWS recommends per cluster subnet.
pub const RECOMMENDED_CLUSTER_SUBNET_IPS: u32 = 16;
/// Most additional security groups on the EKS-owned ENIs (001).
pub const MAX_ADDITIONAL_SECURITY_GROUPS: usize = 5;

pub(super) fn check(m: &Model, ledger: &Ledger, d: &mut Vec<Diagnostic>) {
    subnets(m, ledger, d);
    security_groups(m, d);
    endpoint(m, d);
    vpc_dns(m, d);
    gateways(m, d);
}

fn subnets(m: &Model, ledger: &Ledger, d: &mut Vec<Diagnostic>) {
    let c = &m.cluster;
    if c.subnets.is_empty() {
        d.push(Diagnostic::new(
            Code::ClusterSubnetsMissing,
            format!("{RVC}/subnetIds"),
            text!(
                "the cluster has no usable subnet, so EKS cannot place its ENIs: no private endpoint and no kubectl exec/logs",
                "클러스터에 쓸 수 있는 서브넷이 없어 EKS가 ENI를 둘 곳이 없다: 프라이빗 엔드포인트도, kubectl exec/logs도 없다"
            ),
        )
        .fix(text!(
            "list at least two subnets in different AZs in subnetIds",
            "subnetIds에 서로 다른 AZ의 서브넷을 2개 이상 넣는다"
        )));
        return;
    }
    let azs: BTreeSet<&str> = crate::sort::set_of(
        c.subnets
            .iter()
            .filter_map(|&k| m.subnets.get(k))
            .map(|s| s.az.as_str()),
    );
    if azs.len() < 2 {
        let az = azs.iter().next().copied().unwrap_or("?");
        d.push(Diagnostic::new(
            Code::ClusterSubnetsSingleAz,
            format!("{RVC}/subnetIds"),
            text!(
                "the cluster subnets are all in {az}: EKS needs subnets in at least two AZs so that its ENIs, and the API server path, survive the loss of one",
                "클러스터 서브넷이 모두 {az}에 있다: EKS는 한 AZ가 장애 나도 ENI와 API 서버 경로가 살아 있도록 서로 다른 AZ의 서브넷 2개 이상을 요구한다"
            ),
        )
        .fix(text!(
            "add a subnet in another AZ to subnetIds",
            "다른 AZ의 서브넷을 subnetIds에 더한다"
        )));
    }
    // Addresses for EKS: what is free plus what its own ENIs already hold.
    let mut seen = BTreeSet::new();
    for &(k, i) in &m.cluster.subnet_refs {
        if !seen.insert(i) {
            continue;
        }
        let Some(pool) = ledger.pool(i) else {
            continue;
        };
        let avail = pool.free().saturating_add(pool.count(Holder::EksEni));
        let path = format!("{RVC}/subnetIds/{k}");
        let id = m.subnets.get(i).map_or("", |s| s.id.as_str());
        if avail < MIN_CLUSTER_SUBNET_IPS {
            d.push(Diagnostic::new(
                Code::ClusterSubnetTooFewIps,
                path,
                text!(
                    "{id} has {avail} address(es) left for EKS; it needs at least {MIN_CLUSTER_SUBNET_IPS} (AWS keeps 5 of every subnet for itself)",
                    "{id}에 EKS가 쓸 주소가 {avail}개뿐이다. 최소 {MIN_CLUSTER_SUBNET_IPS}개가 필요하다(AWS는 서브넷마다 5개를 예약한다)"
                ),
            )
            .fix(text!(
                "use a larger or emptier subnet for the cluster (16 free addresses recommended)",
                "클러스터에 더 크거나 덜 찬 서브넷을 쓴다(여유 주소 16개 권장)"
            )));
        } else if avail < RECOMMENDED_CLUSTER_SUBNET_IPS {
            d.push(Diagnostic::new(
                Code::ClusterSubnetFewIps,
                path,
                text!(
                    "{id} has {avail} addresses left for EKS; {RECOMMENDED_CLUSTER_SUBNET_IPS} are recommended (EKS creates new ENIs on every upgrade)",
                    "{id}에 EKS가 쓸 주소가 {avail}개다. {RECOMMENDED_CLUSTER_SUBNET_IPS}개를 권장한다(EKS는 업그레이드마다 ENI를 새로 만든다)"
                ),
            )
            .fix(text!(
                "give the cluster a subnet with at least 16 free addresses, ideally one used only for the cluster's ENIs",
                "여유 주소가 16개 이상인 서브넷, 가능하면 클러스터 ENI 전용 서브넷을 쓴다"
            )));
        }
    }
}

fn security_groups(m: &Model, d: &mut Vec<Diagnostic>) {
    let n = m.cluster.security_group_ids_given;
    if n > MAX_ADDITIONAL_SECURITY_GROUPS {
        d.push(Diagnostic::new(
            Code::TooManySecurityGroups,
            format!("{RVC}/securityGroupIds"),
            text!(
                "{n} additional security groups are given; the EKS-owned ENIs take the cluster security group plus at most {MAX_ADDITIONAL_SECURITY_GROUPS}",
                "추가 보안 그룹이 {n}개다. EKS 소유 ENI에는 클러스터 보안 그룹에 더해 최대 {MAX_ADDITIONAL_SECURITY_GROUPS}개까지만 붙는다"
            ),
        )
        .fix(text!(
            "merge rules into fewer groups (at most 5)",
            "규칙을 합쳐 그룹을 5개 이하로 줄인다"
        )));
    }
    if !m.cluster.cluster_security_group_given {
        d.push(Diagnostic::new(
            Code::SecurityGroupsNotModelled,
            format!("{RVC}/clusterSecurityGroupId"),
            text!(
                "no cluster security group is given, so traces do not evaluate security groups on the EKS-owned ENIs",
                "클러스터 보안 그룹이 없어 추적에서 EKS 소유 ENI의 보안 그룹을 평가하지 않는다"
            ),
        )
        .fix(text!(
            "add the cluster security group (EKS creates it with an 'all traffic from itself' rule) to securityGroups and name it here",
            "클러스터 보안 그룹(EKS가 '자기 자신에게서 오는 모든 트래픽' 규칙으로 만든다)을 securityGroups에 넣고 여기에 지정한다"
        )));
    }
}

fn endpoint(m: &Model, d: &mut Vec<Diagnostic>) {
    let c = &m.cluster;
    if !c.endpoint.is_mode() {
        d.push(Diagnostic::new(
            Code::EndpointAccessDisabled,
            format!("{RVC}/endpointPublicAccess"),
            text!(
                "public and private endpoint access are both off: nothing can reach the API server (EKS refuses this)",
                "퍼블릭과 프라이빗 엔드포인트 액세스가 모두 꺼져 있어 아무것도 API 서버에 닿을 수 없다(EKS가 거부하는 설정)"
            ),
        )
        .fix(text!(
            "turn on endpointPublicAccess, endpointPrivateAccess, or both",
            "endpointPublicAccess나 endpointPrivateAccess 중 하나 이상을 켠다"
        )));
    }
    if !c.endpoint.public() {
        return;
    }
    if let Some(k) = c.public_access_cidrs.open_entry() {
        let path = match k {
            Some(k) => format!("{RVC}/publicAccessCidrs/{k}"),
            None => format!("{RVC}/publicAccessCidrs"),
        };
        d.push(Diagnostic::new(
            Code::PublicAccessOpen,
            path,
            text!(
                "the public endpoint accepts connections from the whole internet (0.0.0.0/0); IAM and RBAC still authenticate every request",
                "퍼블릭 엔드포인트가 인터넷 전체(0.0.0.0/0)에서 연결을 받는다. 요청마다 IAM과 RBAC 인증은 여전히 거친다"
            ),
        )
        .fix(text!(
            "limit publicAccessCidrs to your own ranges, or turn on private access and disable public access",
            "publicAccessCidrs를 자신의 대역으로 좁히거나, 프라이빗 액세스를 켜고 퍼블릭 액세스를 끈다"
        )));
    }
    const PRIVATE: [&str; 4] = [
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
    ];
    for (k, net) in &c.public_access_cidrs.entries {
        let Some(k) = k else { continue };
        let private = PRIVATE
            .iter()
            .filter_map(|p| p.parse::<IpNet>().ok())
            .any(|p| p.contains(net));
        if private {
            d.push(Diagnostic::new(
                Code::PublicAccessCidrPrivate,
                format!("{RVC}/publicAccessCidrs/{k}"),
                text!(
                    "{net} is a private range: the public NLB only ever sees public source addresses (public IPs, NAT gateways' Elastic IPs), so this entry never matches",
                    "{net}은(는) 사설 대역이다: 퍼블릭 NLB는 퍼블릭 출발지 주소(퍼블릭 IP, NAT 게이트웨이의 탄력적 IP)만 보므로 이 항목은 맞을 일이 없다"
                ),
            )
            .fix(text!(
                "list the public addresses traffic leaves from, or turn on private access for in-VPC clients",
                "트래픽이 나가는 퍼블릭 주소를 적거나, VPC 안의 클라이언트를 위해 프라이빗 액세스를 켠다"
            )));
        }
    }
}

fn vpc_dns(m: &Model, d: &mut Vec<Diagnostic>) {
    let v = &m.vpc;
    if m.cluster.endpoint.private() {
        for (on, field, name) in [
            (v.dns_support, "enableDnsSupport", "enableDnsSupport"),
            (v.dns_hostnames, "enableDnsHostnames", "enableDnsHostnames"),
        ] {
            if !on {
                d.push(Diagnostic::new(
                    Code::PrivateAccessNeedsDns,
                    format!("/vpc/{field}"),
                    text!(
                        "private access needs {name}: without it the Route 53 private hosted zone does not answer in the VPC, and nodes do not find the EKS-owned ENIs",
                        "프라이빗 액세스에는 {name}이(가) 필요하다: 없으면 VPC 안에서 Route 53 프라이빗 호스팅 영역이 답하지 않아 노드가 EKS 소유 ENI를 찾지 못한다"
                    ),
                )
                .fix(text!("set {name} to true", "{name}을(를) true로 바꾼다")));
            }
        }
    } else {
        if !v.dns_support {
            d.push(Diagnostic::new(
                Code::VpcDnsSupportOff,
                "/vpc/enableDnsSupport",
                text!(
                    "enableDnsSupport is off: the VPC resolver does not answer, so nodes cannot resolve the endpoint and cannot register",
                    "enableDnsSupport가 꺼져 있다: VPC 리졸버가 답하지 않아 노드가 엔드포인트 이름을 풀지 못하고 등록하지 못한다"
                ),
            )
            .fix(text!("set enableDnsSupport to true", "enableDnsSupport를 true로 바꾼다")));
        }
        if !v.dns_hostnames {
            d.push(Diagnostic::new(
                Code::VpcDnsHostnamesOff,
                "/vpc/enableDnsHostnames",
                text!(
                    "enableDnsHostnames is off: EKS requires it for nodes to register, and private access will not work without it",
                    "enableDnsHostnames가 꺼져 있다: EKS는 노드 등록에 이를 요구하며, 이것 없이는 프라이빗 액세스도 동작하지 않는다"
                ),
            )
            .fix(text!("set enableDnsHostnames to true", "enableDnsHostnames를 true로 바꾼다")));
        }
    }
    if let DnsResolver::Custom {
        address,
        forwards_to_vpc_resolver: false,
    } = &v.resolver
    {
        if m.cluster.endpoint.private() {
            let public = m.cluster.endpoint.public();
            let dopt = &v.dhcp.id;
            let (sev, message) = if public {
                (
                    Warning,
                    text!(
                        "the DHCP options set {dopt} makes instances ask {address} first, which does not forward to AmazonProvidedDNS: in-VPC clients and nodes get the public NLB addresses and take the public path, subject to publicAccessCidrs",
                        "DHCP 옵션 세트 {dopt}이(가) 인스턴스가 먼저 {address}에 묻게 하는데, 이 서버는 AmazonProvidedDNS로 전달하지 않는다: VPC 안의 클라이언트와 노드가 퍼블릭 NLB 주소를 받아 퍼블릭 경로로 가며 publicAccessCidrs의 제한을 받는다"
                    ),
                )
            } else {
                (
                    Info,
                    text!(
                        "the DHCP options set {dopt} makes instances ask {address} first, which does not forward to AmazonProvidedDNS; with private access only, the public name still gives the ENIs' private addresses, but AWS requires AmazonProvidedDNS among the set's domain name servers",
                        "DHCP 옵션 세트 {dopt}이(가) 인스턴스가 먼저 {address}에 묻게 하는데, 이 서버는 AmazonProvidedDNS로 전달하지 않는다. 프라이빗 전용에서는 퍼블릭 이름도 ENI의 프라이빗 주소를 주지만, AWS는 세트의 도메인 네임 서버에 AmazonProvidedDNS를 요구한다"
                    ),
                )
            };
            d.push(
                Diagnostic::new(
                    Code::CustomResolverNotForwarding,
                    v.dhcp.pointer.clone(),
                    message,
                )
                .severity(sev)
                .fix(text!(
                    "forward the cluster's domain (eks.amazonaws.com) from {address} to AmazonProvidedDNS (the VPC base address + 2), or list AmazonProvidedDNS first in the DHCP options set's domain-name-servers",
                    "{address}에서 클러스터 도메인(eks.amazonaws.com)을 AmazonProvidedDNS(VPC 기본 주소 + 2)로 전달하거나, DHCP 옵션 세트의 domain-name-servers에 AmazonProvidedDNS를 먼저 둔다"
                ))
                .cite(crate::dns::DHCP_OPTION_SETS),
            );
        }
    }
}

fn gateways(m: &Model, d: &mut Vec<Diagnostic>) {
    for (i, nat) in m.vpc.nat_gateways.iter().enumerate() {
        let Some(k) = nat.subnet else { continue };
        let Some(s) = m.subnets.get(k) else { continue };
        if !s.is_public() {
            let (nid, sid) = (&nat.id, &s.id);
            d.push(Diagnostic::new(
                Code::NatGatewayInPrivateSubnet,
                format!("/vpc/natGateways/{i}/subnetId"),
                text!(
                    "NAT gateway {nid} sits in {sid}, which has no route to the internet gateway: nothing it translates gets out",
                    "NAT 게이트웨이 {nid}이(가) 인터넷 게이트웨이로 가는 경로가 없는 {sid}에 있어 변환한 트래픽이 나가지 못한다"
                ),
            )
            .fix(text!(
                "place NAT gateways in public subnets (0.0.0.0/0 → internet gateway)",
                "NAT 게이트웨이를 퍼블릭 서브넷(0.0.0.0/0 → 인터넷 게이트웨이)에 둔다"
            )));
        }
    }
    for (g, ng) in m.node_groups.iter().enumerate() {
        if ng.kind != NodeGroupKind::Fargate {
            continue;
        }
        for &(k, i) in &ng.subnet_refs {
            let Some(sn) = m.subnets.get(i).filter(|s| s.is_public()) else {
                continue;
            };
            let id = &sn.id;
            {
                d.push(Diagnostic::new(
                    Code::FargateInPublicSubnet,
                    format!("/nodeGroups/{g}/subnets/{k}"),
                    text!(
                        "{id} routes to an internet gateway: Fargate runs pods only in private subnets",
                        "{id}은(는) 인터넷 게이트웨이로 라우팅된다: Fargate는 프라이빗 서브넷에서만 Pod를 실행한다"
                    ),
                )
                .fix(text!(
                    "give the Fargate profile private subnets (with a NAT gateway or VPC endpoints)",
                    "Fargate 프로파일에 프라이빗 서브넷(NAT 게이트웨이나 VPC 엔드포인트가 있는)을 준다"
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::*;
    use crate::testkit::{codes, lab, with_code};

    #[test]
    fn single_az_and_missing_subnets() {
        let mut s = lab(true, false);
        s.cluster.resources_vpc_config.subnet_ids = vec!["subnet-pa".into(), "subnet-a".into()];
        let d = with_code(&s, "cluster-subnets-single-az");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/cluster/resourcesVpcConfig/subnetIds");
        assert!(d[0].message.en.contains("ap-northeast-2a"));
        s.cluster.resources_vpc_config.subnet_ids.clear();
        let c = codes(&s);
        assert!(c.contains(&"cluster-subnets-missing"), "{c:?}");
        assert!(!c.contains(&"cluster-subnets-single-az"));
        assert!(!codes(&lab(true, false)).contains(&"cluster-subnets-single-az"));
    }

    #[test]
    fn free_addresses_for_eks() {
        let mut s = lab(true, false);
        // A /28 has 16 addresses, AWS keeps 5: 11 left (the EKS ENI's own address
        // counts as available to EKS).
        s.vpc.subnets[2].cidr_block = "192.168.128.0/28".into();
        let pinned = s.node_groups[1].nodes.clone();
        s.node_groups[1].nodes.clear();
        s.node_groups[1].desired_size = 0;
        let d = with_code(&s, "cluster-subnet-few-ips");
        assert_eq!(d.len(), 1, "{:?}", codes(&s));
        assert_eq!(d[0].path, "/cluster/resourcesVpcConfig/subnetIds/0");
        assert!(
            d[0].message.en.contains("has 11 addresses"),
            "{}",
            d[0].message.en
        );
        assert!(with_code(&s, "cluster-subnet-too-few-ips").is_empty());

        // One node there: its primary IP and the VPC CNI's warm IPs for it take
        // all but a few.
        s.node_groups[1].nodes = pinned;
        s.node_groups[1].nodes[0].private_ip = "192.168.128.10".into();
        s.node_groups[1].desired_size = 1;
        let d = with_code(&s, "cluster-subnet-too-few-ips");
        assert_eq!(d.len(), 1, "{:?}", codes(&s));
        assert!(with_code(&lab(true, false), "cluster-subnet-few-ips").is_empty());
    }

    #[test]
    fn at_most_five_additional_security_groups() {
        let mut s = lab(true, false);
        s.cluster.resources_vpc_config.security_group_ids = vec!["sg-bastion".into(); 6];
        let d = with_code(&s, "too-many-security-groups");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.en.contains("6 additional"));
        s.cluster
            .resources_vpc_config
            .security_group_ids
            .truncate(5);
        assert!(with_code(&s, "too-many-security-groups").is_empty());
    }

    #[test]
    fn no_cluster_security_group_is_noted() {
        let mut s = lab(true, false);
        s.cluster
            .resources_vpc_config
            .cluster_security_group_id
            .clear();
        assert_eq!(with_code(&s, "security-groups-not-modelled").len(), 1);
        assert!(with_code(&lab(true, false), "security-groups-not-modelled").is_empty());
    }

    #[test]
    fn endpoint_access_both_off() {
        let d = with_code(&lab(false, false), "endpoint-access-disabled");
        assert_eq!(d.len(), 1);
        assert!(d[0].is_error());
        assert!(with_code(&lab(false, true), "endpoint-access-disabled").is_empty());
    }

    #[test]
    fn public_access_cidrs() {
        let s = lab(true, false);
        let d = with_code(&s, "public-access-open");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/cluster/resourcesVpcConfig/publicAccessCidrs/0");
        // Private-only: the list does not matter.
        assert!(with_code(&lab(false, true), "public-access-open").is_empty());
        let mut s = lab(true, false);
        s.cluster.resources_vpc_config.public_access_cidrs =
            vec!["52.79.236.233/32".into(), "192.168.0.0/16".into()];
        assert!(with_code(&s, "public-access-open").is_empty());
        let d = with_code(&s, "public-access-cidr-private");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/cluster/resourcesVpcConfig/publicAccessCidrs/1");
    }

    #[test]
    fn private_access_needs_both_dns_attributes() {
        let mut s = lab(true, true);
        s.vpc.enable_dns_hostnames = false;
        let d = with_code(&s, "private-access-needs-dns");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/vpc/enableDnsHostnames");
        s.vpc.enable_dns_support = false;
        assert_eq!(with_code(&s, "private-access-needs-dns").len(), 2);
        // Without private access the same settings are other rules.
        let mut s = lab(true, false);
        s.vpc.enable_dns_hostnames = false;
        assert!(with_code(&s, "private-access-needs-dns").is_empty());
        assert_eq!(with_code(&s, "vpc-dns-hostnames-off").len(), 1);
        s.vpc.enable_dns_support = false;
        assert_eq!(with_code(&s, "vpc-dns-support-off").len(), 1);
    }

    #[test]
    fn custom_resolver_that_does_not_forward() {
        let custom = |forwards| DnsResolver::Custom {
            address: "192.168.0.53".into(),
            forwards_to_vpc_resolver: forwards,
        };
        let mut s = lab(true, true);
        s.vpc.dns_resolver = custom(false);
        let d = with_code(&s, "custom-resolver-not-forwarding");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, crate::Severity::Warning);
        let mut s = lab(false, true);
        s.vpc.dns_resolver = custom(false);
        let d = with_code(&s, "custom-resolver-not-forwarding");
        assert_eq!(d[0].severity, crate::Severity::Info);
        let mut s = lab(true, true);
        s.vpc.dns_resolver = custom(true);
        assert!(with_code(&s, "custom-resolver-not-forwarding").is_empty());
        let mut s = lab(true, false);
        s.vpc.dns_resolver = custom(false);
        assert!(with_code(&s, "custom-resolver-not-forwarding").is_empty());
    }

    /// The DHCP options set decides the resolver; `dnsResolver` of earlier
    /// versions (in its old snake_case spelling too) gives the same answers.
    #[test]
    fn dhcp_options_name_the_resolver_and_the_old_field_still_answers() {
        let mut old = lab(true, true);
        old.vpc.dns_resolver = DnsResolver::Custom {
            address: "192.168.0.53".into(),
            forwards_to_vpc_resolver: false,
        };
        let json = old
            .to_json()
            .replace("forwardsToVpcResolver", "forwards_to_vpc_resolver");
        let old = Scenario::from_json(&json).expect("the old spelling loads");
        let mut new = lab(true, true);
        new.vpc.dhcp_options = Some(crate::scenario::DhcpOptions {
            dhcp_options_id: "dopt-0abc".into(),
            domain_name_servers: vec!["192.168.0.53".into(), "AmazonProvidedDNS".into()],
            ..Default::default()
        });
        let (a, b) = (crate::analyze(&old), crate::analyze(&new));
        let codes = |x: &crate::Analysis| x.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
        assert_eq!(codes(&a), codes(&b));
        let flow = crate::Flow::parse("kubelet:ip-192-168-130-10").unwrap();
        let (ta, tb) = (crate::trace(&a, &flow), crate::trace(&b, &flow));
        assert_eq!(ta.verdict, tb.verdict);
        let answer = |t: &crate::Trace| {
            t.hops
                .iter()
                .find_map(|h| h.dns.clone())
                .map(|d| d.addresses)
        };
        assert_eq!(answer(&ta), answer(&tb));
        // The new set is named, at its own field.
        let d = with_code(&new, "custom-resolver-not-forwarding");
        assert_eq!(d[0].path, "/vpc/dhcpOptions/domainNameServers");
        assert!(d[0].message.en.contains("DHCP options set dopt-0abc"));
        assert!(d[0].message.ko.contains("DHCP 옵션 세트 dopt-0abc"));
        let json = serde_json::to_string(&tb).unwrap();
        assert!(json.contains("DHCP options set dopt-0abc"), "{json}");
        // AmazonProvidedDNS first: the private hosted zone answers.
        if let Some(o) = new.vpc.dhcp_options.as_mut() {
            o.domain_name_servers.reverse();
        }
        assert!(with_code(&new, "custom-resolver-not-forwarding").is_empty());
    }

    #[test]
    fn nat_gateways_belong_in_public_subnets() {
        let mut s = lab(true, true);
        s.vpc.nat_gateways[0].subnet_id = "subnet-pc".into();
        let d = with_code(&s, "nat-gateway-in-private-subnet");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/vpc/natGateways/0/subnetId");
        assert!(with_code(&lab(true, true), "nat-gateway-in-private-subnet").is_empty());
    }

    #[test]
    fn fargate_only_in_private_subnets() {
        let mut s = lab(true, true);
        s.node_groups.push(NodeGroup {
            nodegroup_name: "fargate".into(),
            kind: NodeGroupKind::Fargate,
            subnets: vec!["subnet-pa".into(), "subnet-a".into()],
            ..NodeGroup::default()
        });
        let d = with_code(&s, "fargate-in-public-subnet");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "/nodeGroups/2/subnets/1");
    }
}
