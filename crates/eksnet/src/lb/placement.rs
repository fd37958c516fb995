//! Where a load balancer sits (ELB docs, "subnets" and "Availability Zones";
//! source 003: public subnets hold the ELBs): one subnet per AZ, named by the
//! `…/subnets` annotation or discovered by route table (public: `0.0.0.0/0` to the
//! internet gateway, for internet-facing; private for internal, falling back to any
//! subnet when the VPC has no private one); an ALB needs two AZs; every subnet needs
//! eight free addresses. Each load balancer node takes a private address from its
//! subnet ([`Holder::Other`]) and, when internet-facing, a public one.

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use super::names;
use super::*;
use crate::cite::Source;
use crate::codes::Code;
use crate::model::{Holder, Ledger, Model};
use crate::{text, Diagnostic};

/// The addresses AWS asks to be free in each load balancer subnet.
pub(super) const LB_SUBNET_FREE_IPS: u32 = 8;

const CITE_SUBNETS: Cite = Cite::new(Source::AwsDocs, "Elastic Load Balancing, subnets");

/// The subnets of a load balancer: the named ones, or one per AZ discovered by
/// route table. `Err` when the load balancer cannot be created.
pub(super) fn pick_subnets(
    m: &Model,
    ledger: &Ledger,
    kind: LbKind,
    scheme: Scheme,
    given: Option<&[String]>,
    given_field: &str,
    scheme_field: &str,
) -> Result<Vec<usize>, Box<Problem>> {
    let mut azs = BTreeSet::new();
    let mut out = Vec::new();
    if let Some(ids) = given {
        for id in ids {
            match m.subnet_index(id) {
                Some(k) if m.subnets.get(k).is_some_and(|s| s.cidr.is_some()) => {
                    if let Some(s) = m.subnets.get(k) {
                        if azs.insert(s.az.clone()) {
                            out.push(k);
                        }
                    }
                }
                _ => {
                    return Err(Box::new(Problem {
                        code: Code::LbSubnetUnknown,
                        reason: text!(
                            "the subnets annotation names `{id}`, which is not a usable subnet of the VPC, so the load balancer is not created",
                            "subnets 어노테이션이 VPC의 쓸 수 있는 서브넷이 아닌 `{id}`을(를) 가리켜 로드 밸런서가 만들어지지 않는다"
                        ),
                        fix: text!(
                            "name subnets of the VPC, one per AZ",
                            "VPC의 서브넷을 AZ마다 하나씩 적는다"
                        ),
                        cite: CITE_SUBNETS,
                        field: Some(given_field.to_string()),
                    }))
                }
            }
        }
    } else {
        let want_public = scheme == Scheme::InternetFacing;
        let usable =
            |s: &crate::model::SubnetModel| s.cidr.is_some() && s.is_public() == want_public;
        for (k, s) in m.subnets.iter().enumerate() {
            if usable(s) && azs.insert(s.az.clone()) {
                out.push(k);
            }
        }
        if out.is_empty() && !want_public {
            // No private subnet: an internal load balancer may sit in public ones.
            for (k, s) in m.subnets.iter().enumerate() {
                if s.cidr.is_some() && azs.insert(s.az.clone()) {
                    out.push(k);
                }
            }
        }
        if out.is_empty() {
            return Err(Box::new(if want_public {
                Problem {
                    code: Code::NoPublicSubnet,
                    reason: text!(
                        "an internet-facing load balancer needs a public subnet (0.0.0.0/0 → internet gateway), and the VPC has none, so it is not created (EXTERNAL-IP stays <pending>)",
                        "인터넷 연결 로드 밸런서에는 퍼블릭 서브넷(0.0.0.0/0 → 인터넷 게이트웨이)이 필요한데 VPC에 없어 만들어지지 않는다(EXTERNAL-IP가 <pending>으로 남는다)"
                    ),
                    fix: text!(
                        "add a public subnet in each AZ (source 003: public subnets hold the ELBs), or make the load balancer internal",
                        "AZ마다 퍼블릭 서브넷을 더하거나(소스 003: ELB는 퍼블릭 서브넷에 둔다) 로드 밸런서를 internal로 만든다"
                    ),
                    cite: Cite::new(Source::S003, "EKS Networking"),
                    field: Some(scheme_field.to_string()),
                }
            } else {
                Problem {
                    code: Code::LbNoSubnet,
                    reason: text!(
                        "the VPC has no usable subnet for the load balancer, so it is not created",
                        "VPC에 로드 밸런서를 둘 서브넷이 없어 만들어지지 않는다"
                    ),
                    fix: text!("add subnets to the VPC", "VPC에 서브넷을 더한다"),
                    cite: CITE_SUBNETS,
                    field: Some("/vpc/subnets".into()),
                }
            }));
        }
    }
    if kind == LbKind::Alb && azs.len() < 2 {
        return Err(Box::new(Problem {
            code: Code::AlbNeedsTwoAzs,
            reason: text!(
                "an Application Load Balancer needs subnets in at least two AZs, and only one is available, so the controller cannot create it",
                "Application Load Balancer에는 두 개 이상의 AZ에 서브넷이 있어야 하는데 하나뿐이라 컨트롤러가 만들지 못한다"
            ),
            fix: text!(
                "add a subnet of the right kind (public for internet-facing) in a second AZ",
                "두 번째 AZ에 알맞은 서브넷(인터넷 연결이면 퍼블릭)을 더한다"
            ),
            cite: CITE_SUBNETS,
            field: Some(given.map_or("/vpc/subnets".to_string(), |_| given_field.to_string())),
        }));
    }
    for &k in &out {
        let free = ledger.pool(k).map_or(0, |p| p.free());
        if free < LB_SUBNET_FREE_IPS {
            let id = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
            return Err(Box::new(Problem {
                code: Code::LbSubnetFewIps,
                reason: text!(
                    "subnet {id} has {free} free addresses; a load balancer needs at least {LB_SUBNET_FREE_IPS} in each of its subnets, so it is not created",
                    "서브넷 {id}에 빈 주소가 {free}개뿐이다. 로드 밸런서는 각 서브넷에 {LB_SUBNET_FREE_IPS}개 이상이 필요해 만들어지지 않는다"
                ),
                fix: text!(
                    "free addresses in {id} (fewer warm IPs, fewer pods) or use a larger subnet for load balancers",
                    "{id}의 주소를 비우거나(웜 IP, Pod 줄이기) 로드 밸런서용으로 더 큰 서브넷을 쓴다"
                ),
                cite: CITE_SUBNETS,
                field: Some(format!("/vpc/subnets/{k}/cidrBlock")),
            }));
        }
    }
    Ok(out)
}

/// Takes one private address per subnet (and a public one when internet-facing).
pub(super) fn place(
    m: &Model,
    ledger: &mut Ledger,
    subnets: &[usize],
    scheme: Scheme,
    public_n: &mut u32,
) -> Vec<LbNode> {
    let mut nodes = Vec::new();
    for &k in subnets {
        let az = m.subnets.get(k).map(|s| s.az.clone()).unwrap_or_default();
        let ip = ledger.pool_mut(k).and_then(|p| p.take_next(Holder::Other));
        let Some(private_ip) = ip else { continue };
        let public_ip = (scheme == Scheme::InternetFacing).then(|| {
            // 13.124.0.0/14: addresses of the region's load balancers in the
            // consoles' region; deterministic, one per node.
            *public_n += 1;
            Ipv4Addr::from(u32::from(Ipv4Addr::new(13, 124, 0, 10)) + (*public_n % 250_000))
        });
        nodes.push(LbNode {
            subnet: k,
            az,
            private_ip,
            public_ip,
        });
    }
    nodes
}

/// The problem of an internet-facing load balancer in a named private subnet.
pub(super) fn not_public(m: &Model, lb_subnets: &[usize], field: &str) -> Option<Problem> {
    let k = *lb_subnets
        .iter()
        .find(|&&k| m.subnets.get(k).is_some_and(|s| !s.is_public()))?;
    let id = m.subnets.get(k).map(|s| s.id.clone()).unwrap_or_default();
    Some(Problem {
        code: Code::LbSubnetNotPublic,
        reason: text!(
            "the internet-facing load balancer sits in {id}, which has no route to the internet gateway, so its answers to internet clients never leave the VPC",
            "인터넷 연결 로드 밸런서가 인터넷 게이트웨이로 가는 경로가 없는 {id}에 있어 인터넷 클라이언트에 대한 응답이 VPC를 나가지 못한다"
        ),
        fix: text!(
            "name public subnets (0.0.0.0/0 → internet gateway) in the subnets annotation",
            "subnets 어노테이션에 퍼블릭 서브넷(0.0.0.0/0 → 인터넷 게이트웨이)을 적는다"
        ),
        cite: CITE_SUBNETS,
        field: Some(field.to_string()),
    })
}

/// The hostname to show: the given one if it has the right shape (and then the
/// load balancer's name is read from it), else `None` with a warning.
pub(super) fn given_host(
    m: &Model,
    given: Option<&str>,
    nlb: bool,
    scheme: Scheme,
    path: String,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, String)> {
    let h = given.map(str::trim).filter(|h| !h.is_empty())?;
    let internal = scheme == Scheme::Internal;
    match names::name_in_host(h, nlb, internal, &m.cluster.region) {
        Some(name) => Some((name, h.to_string())),
        None => {
            let shape = match (nlb, internal) {
                (true, false) => "<name>-<16 hex>.elb.<region>.amazonaws.com",
                (true, true) => "internal-<name>-<16 hex>.elb.<region>.amazonaws.com",
                (false, false) => "<name>-<number>.<region>.elb.amazonaws.com",
                (false, true) => "internal-<name>-<number>.<region>.elb.amazonaws.com",
            };
            diags.push(Diagnostic::new(
                Code::LbHostnameStale,
                path,
                text!(
                    "`{h}` is not the DNS name of the load balancer the annotations ask for ({shape}); a new one is derived",
                    "`{h}`은(는) 어노테이션이 요청하는 로드 밸런서의 DNS 이름 형태({shape})가 아니어서 새로 만든다"
                ),
            )
            .fix(text!(
                "remove loadBalancerHostname, or copy it from the real Service's status",
                "loadBalancerHostname을 지우거나 실제 Service status에서 복사한다"
            )));
            None
        }
    }
}
