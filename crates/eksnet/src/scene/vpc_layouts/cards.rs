//! The three cards of source 000's configurations (public only, public and
//! private, private only): which one the scenario follows, and whether each of
//! its needs holds in the scenario.

use super::*;

/// The configurations of source 000.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    PublicOnly,
    PublicPrivate,
    PrivateOnly,
}

/// The configuration the scenario follows, judged by where its nodes are (or, with
/// no nodes, by its subnets).
pub(super) fn classify(a: &Analysis) -> Layout {
    let m = &a.model;
    let public = |i: usize| m.subnets.get(i).is_some_and(|s| s.is_public());
    let any_public = (0..m.subnets.len()).any(public);
    if !any_public {
        return Layout::PrivateOnly;
    }
    let all_public = if m.nodes.is_empty() {
        (0..m.subnets.len()).all(public)
    } else {
        m.nodes.iter().all(|n| public(n.subnet))
    };
    if all_public {
        Layout::PublicOnly
    } else {
        Layout::PublicPrivate
    }
}

/// Whether each need of a configuration holds in the scenario.
pub(super) fn needs(a: &Analysis, l: Layout) -> Vec<(Text, Option<bool>)> {
    let m = &a.model;
    let node_subnets: Vec<usize> = m.nodes.iter().map(|n| n.subnet).collect();
    let igw = m.vpc.internet_gateway.is_some();
    match l {
        Layout::PublicOnly => vec![
            (
                text!(
                    "route 0.0.0.0/0 → internet gateway",
                    "0.0.0.0/0 → 인터넷 게이트웨이 라우팅"
                ),
                Some(igw && m.subnets.iter().any(|s| s.is_public())),
            ),
            (
                text!("a public IP on every node", "모든 노드에 퍼블릭 IP"),
                Some(m.nodes.iter().all(|n| n.public_ip.is_some())),
            ),
            (
                text!(
                    "without: nodes never reach the endpoint, never register",
                    "없으면: 노드가 엔드포인트에 닿지 못해 등록되지 않는다"
                ),
                None,
            ),
        ],
        Layout::PublicPrivate => vec![
            (
                text!(
                    "NAT gateways and load balancers in public subnets",
                    "NAT 게이트웨이와 로드 밸런서는 퍼블릭 서브넷에"
                ),
                Some(
                    !m.vpc.nat_gateways.is_empty()
                        && m.vpc
                            .nat_gateways
                            .iter()
                            .all(|n| n.subnet.is_some_and(|s| m.subnets[s].is_public())),
                ),
            ),
            (
                text!(
                    "nodes' subnets route 0.0.0.0/0 → NAT",
                    "노드 서브넷은 0.0.0.0/0 → NAT"
                ),
                Some(node_subnets.iter().all(|&s| {
                    m.subnets.get(s).is_some_and(|x| {
                        matches!(x.route, Route::NatGateway(_) | Route::InternetGateway(_))
                    })
                })),
            ),
            (
                text!(
                    "without NAT: no internet egress; public-only endpoint: no registration",
                    "NAT 없으면: 인터넷으로 못 나가고, 퍼블릭 전용 엔드포인트면 등록도 안 된다"
                ),
                None,
            ),
        ],
        Layout::PrivateOnly => vec![
            (
                text!(
                    "private endpoint access (EKS-owned ENIs)",
                    "프라이빗 엔드포인트 액세스(EKS 소유 ENI)"
                ),
                Some(m.cluster.endpoint.private()),
            ),
            (
                text!(
                    "enableDnsSupport and enableDnsHostnames",
                    "enableDnsSupport와 enableDnsHostnames"
                ),
                Some(m.vpc.dns_support && m.vpc.dns_hostnames),
            ),
            {
                // The endpoints this cluster needs, named from the one rule.
                let needed: Vec<&str> = private_cluster::vpc_endpoints(m, &a.lbs)
                    .iter()
                    .filter(|n| n.needed)
                    .map(|n| n.service)
                    .collect();
                let list = needed.join(", ");
                (
                    text!("VPC endpoints: {list}", "VPC 엔드포인트: {list}"),
                    Some(private_cluster::has_vpc_endpoints(m, &a.lbs)),
                )
            },
            (
                text!(
                    "without: nodes never join, pods get no IP, images do not pull",
                    "없으면: 노드가 합류하지 못하고 Pod가 IP를 못 받고 이미지를 못 받는다"
                ),
                None,
            ),
        ],
    }
}

/// A card's line: clipped while folding (the whole text is its folded second line).
pub(super) fn card_line(t: Text) -> (Text, Option<Text>) {
    if !folding() {
        return (t, None);
    }
    let short = Text {
        en: clip(&t.en, 44),
        ko: clip(&t.ko, 26),
    };
    if short == t {
        (t, None)
    } else {
        (short, Some(t))
    }
}

/// The three configurations: each with the key of its card's id and its name.
fn configurations() -> [(Layout, &'static str, Text); 3] {
    [
        (
            Layout::PublicOnly,
            "public",
            text!("Public subnets only", "퍼블릭 서브넷만"),
        ),
        (
            Layout::PublicPrivate,
            "public-private",
            text!("Public and private subnets", "퍼블릭 + 프라이빗 서브넷"),
        ),
        (
            Layout::PrivateOnly,
            "private",
            text!("Private subnets only", "프라이빗 서브넷만"),
        ),
    ]
}

/// The three configurations of source 000 as cards, the scenario's marked; while
/// folding, only the scenario's card lists what it needs. In a small frame or
/// `alone`, only the scenario's card (the others: [`draw_other_cards`]).
/// Returns their height.
pub(super) fn draw_cards(c: &mut Canvas, a: &Analysis, current: Layout, alone: bool) -> f64 {
    let mut x = 0.0;
    let mut cards_h: f64 = 0.0;
    let compact = crate::scene::kit::compact();
    for (l, key, label) in configurations() {
        let is = l == current;
        if (compact || alone) && !is {
            // Drawn by `draw_other_cards`, right.
            continue;
        }
        let mut rows: Vec<(Text, Option<bool>)> = if folding() && !is {
            Vec::new()
        } else {
            needs(a, l)
        };
        // In a small frame what breaks without the needs is the card's second
        // line (shown with the selection).
        let breaks: Vec<Text> = if compact {
            let (keep, fold): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.1.is_some());
            rows = keep;
            fold.into_iter().map(|r| r.0).collect()
        } else {
            Vec::new()
        };
        let row_w = rows
            .iter()
            .map(|(t, _)| fit_w(&card_line(mark(t, true)).0, None))
            .fold(fit_w(&label, None), f64::max);
        let w = row_w + 2.0 * PAD;
        let h = HEADER + rows.len() as f64 * (leaf_h(false) + PAD);
        let mut card = shape(
            ElementId::note(&format!("layout-{key}")),
            Role::Note,
            Rect::new(x, 0.0, w, h),
            label,
            breaks.into_iter().next(),
        );
        if is {
            card.classes.extend(["ok", "current-layout"]);
            card.data.push(("current", String::new()));
        } else if folding() {
            card.classes.push("absent");
        }
        let cid = c.push(card);
        for (k, (t, ok)) in rows.into_iter().enumerate() {
            let (label, full) = card_line(match ok {
                Some(ok) if is => mark(&t, ok),
                _ => t,
            });
            let mut r = shape(
                ElementId::note(&format!("layout-{key}#{k}")),
                Role::Note,
                Rect::new(
                    x + PAD,
                    HEADER + k as f64 * (leaf_h(false) + PAD),
                    row_w,
                    leaf_h(false),
                ),
                label,
                full,
            );
            match ok {
                Some(ok) if is => {
                    r.classes.push(if ok { "ok" } else { "error" });
                    r.data.push(("ok", ok.to_string()));
                }
                Some(_) => {}
                None => r.classes.push("breaks"),
            }
            c.child(&cid, r);
        }
        x += w + PAD;
        cards_h = cards_h.max(h);
    }
    cards_h
}

/// In a small frame, the configurations the scenario does not follow, one
/// above the other from `(x, y)`, by name. Returns where they end.
pub(super) fn draw_other_cards(c: &mut Canvas, current: Layout, x: f64, y: f64) -> f64 {
    let mut y = y;
    for (l, key, label) in configurations() {
        if l == current {
            continue;
        }
        let mut card = leaf(
            ElementId::note(&format!("layout-{key}")),
            Role::Note,
            label,
            None,
        );
        card.rect.x = x;
        card.rect.y = y;
        card.classes.push("absent");
        y += card.rect.h + PAD / 2.0;
        c.push(card);
    }
    y - PAD / 2.0
}

/// What the scene says of the scenario's configuration.
pub(super) fn description(current: Layout) -> Text {
    match current {
        Layout::PublicOnly => text!(
            "Public subnets only: every node needs a public IP and the internet gateway route to reach the endpoint (sources 000, 003).",
            "퍼블릭 서브넷만: 엔드포인트에 닿으려면 모든 노드에 퍼블릭 IP와 인터넷 게이트웨이 경로가 필요하다(소스 000, 003)."
        ),
        Layout::PublicPrivate => text!(
            "Public and private subnets: nodes in private subnets leave through NAT gateways in public subnets, where load balancers live too (sources 000, 003).",
            "퍼블릭 + 프라이빗 서브넷: 프라이빗 서브넷의 노드는 퍼블릭 서브넷의 NAT 게이트웨이로 나가고, 로드 밸런서도 퍼블릭 서브넷에 둔다(소스 000, 003)."
        ),
        Layout::PrivateOnly => text!(
            "Private subnets only: no way to the internet, so the cluster needs private endpoint access, DNS support and VPC endpoints for images (sources 000, 003).",
            "프라이빗 서브넷만: 인터넷으로 나갈 길이 없으니 프라이빗 엔드포인트 액세스, DNS 지원, 이미지를 위한 VPC 엔드포인트가 필요하다(소스 000, 003)."
        ),
    }
}
