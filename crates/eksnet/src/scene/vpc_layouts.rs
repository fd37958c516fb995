//! "VPC layouts" (source 000's VPC configurations, 003): public-only,
//! public-and-private and private-only subnets, what each needs (public IPs, an
//! internet gateway, NAT gateways, VPC endpoints), and what breaks without it.
//!
//! Three cards name the configurations; the one the scenario follows is marked and
//! its needs are checked against the scenario. Below, every subnet of the scenario
//! is a row: its class by its default route, what it has (route, public IPs,
//! nodes, EKS-owned ENIs, NAT gateways, free addresses) and the diagnostics that
//! name it. On the right, what the VPC has for private clusters (DNS settings and
//! the VPC endpoints image pulls need); under it, the other diagnostics about the
//! VPC, the endpoint and the node groups.

use super::kit::{clip, fit_w, folding, leaf_h, legend, plural, shape, Canvas, HEADER, PAD};
use super::vpc::{az_count, subnet_kind, subnet_label};
use super::{LegendKind, Rect, Role, Scene, SceneKind, Shape, View};
use crate::model::Route;
use crate::rules::private_cluster;
use crate::{text, Analysis, Diagnostic, ElementId, Severity, Text};

/// Subnet rows drawn at most; the rest are summed up.
const MAX_SUBNETS: usize = 12;
/// Diagnostics listed at most under the VPC column.
const MAX_NOTES: usize = 6;
/// Characters of a diagnostic's message shown in a chip.
const MSG_CHARS: usize = 78;

/// The configurations of source 000.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    PublicOnly,
    PublicPrivate,
    PrivateOnly,
}

/// The configuration the scenario follows, judged by where its nodes are (or, with
/// no nodes, by its subnets).
fn classify(a: &Analysis) -> Layout {
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
fn needs(a: &Analysis, l: Layout) -> Vec<(Text, Option<bool>)> {
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

fn leaf(id: ElementId, role: Role, label: Text, detail: Option<Text>) -> Shape {
    let w = super::kit::fit_icon_w(role, &id, &label, detail.as_ref());
    shape(
        id,
        role,
        Rect::new(0.0, 0.0, w, leaf_h(detail.is_some())),
        label,
        detail,
    )
}

fn severity_class(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// A diagnostic as a chip: its message (clipped) and its code.
fn diag_chip(id: ElementId, d: &Diagnostic) -> Shape {
    // Folded, shorter (the whole message is the chip's second line and the
    // Issues panel's).
    let chars = if folding() { 46 } else { MSG_CHARS };
    let label = Text {
        en: clip(&d.message.en, chars),
        ko: clip(&d.message.ko, chars * 3 / 5),
    };
    let detail = if folding() {
        d.message.clone()
    } else {
        Text::same(clip(&format!("{} · {}", d.code, d.path), 60))
    };
    let mut s = leaf(id, Role::Note, label, Some(detail));
    s.classes.push(severity_class(d));
    s.data.push(("code", d.code.to_string()));
    s.data.push(("path", d.path.clone()));
    s
}

/// Whether `path` names subnet `i` (`/vpc/subnets/i` or below it).
fn names_subnet(path: &str, i: usize) -> bool {
    let p = format!("/vpc/subnets/{i}");
    path == p || path.starts_with(&format!("{p}/"))
}

// Not inlined into `layout_traced`: see there.
#[inline(never)]
pub(super) fn layout(a: &Analysis, view: &View) -> Scene {
    let mut c = Canvas::new();
    let current = classify(a);
    let cards_h = draw_cards(&mut c, a, current);
    let top = cards_h + 2.0 * PAD + HEADER;
    let phone = view.size == super::SizeClass::Phone;
    let (y, rows_w) = draw_subnets(&mut c, a, top, phone);
    let left_w = draw_title(&mut c, a, top, rows_w);
    let (chips, more) = other_diagnostics(a);
    // (In a small frame the chips stand under the subnet rows.)
    let left_w = if super::kit::compact() {
        chips.iter().map(|s| s.rect.w).fold(left_w, f64::max)
    } else {
        left_w
    };
    if phone {
        // A phone's one column: the scenario's card, the subnet rows, the
        // other diagnostics, what the VPC has, the other configurations.
        let notes = draw_notes(&mut c, chips, more, (0.0, y + PAD));
        let bottom = draw_vpc_has(&mut c, a, 0.0, notes + PAD);
        draw_other_cards(&mut c, current, 0.0, bottom + PAD);
    } else if super::kit::compact() {
        // A small frame: the scenario's card over the subnet rows on the left;
        // what the VPC has and the other configurations' names on the right.
        let bottom = draw_vpc_has(&mut c, a, left_w + 3.0 * PAD, 0.0);
        draw_other_cards(&mut c, current, left_w + 3.0 * PAD, bottom + PAD);
        draw_notes(&mut c, chips, more, (0.0, y + PAD));
    } else {
        // The other diagnostics under what the VPC has (the subnet rows set
        // the height).
        let bottom = draw_vpc_has(&mut c, a, left_w + 3.0 * PAD, top);
        draw_notes(&mut c, chips, more, (left_w + 3.0 * PAD, bottom + PAD));
    }
    c.finish(SceneKind::VpcLayouts, description(current), scene_legend())
}

/// Subnet rows drawn at most: fewer while second lines fold (a small frame).
fn max_subnets() -> usize {
    if folding() {
        3
    } else {
        MAX_SUBNETS
    }
}

/// Diagnostics listed under the VPC column at most.
fn max_notes() -> usize {
    if folding() {
        2
    } else {
        MAX_NOTES
    }
}

/// A card's line: clipped while folding (the whole text is its folded second line).
fn card_line(t: Text) -> (Text, Option<Text>) {
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

/// The three configurations of source 000 as cards, the scenario's marked; while
/// folding, only the scenario's card lists what it needs. Returns their height.
fn draw_cards(c: &mut Canvas, a: &Analysis, current: Layout) -> f64 {
    let cards = [
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
    ];
    let mut x = 0.0;
    let mut cards_h: f64 = 0.0;
    let compact = super::kit::compact();
    for (l, key, label) in cards {
        let is = l == current;
        if compact && !is {
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

/// The route chip of a subnet whose route table the scenario gives: the table's id
/// and its `0.0.0.0/0` route as AWS lists it (a blackhole included), so the row says
/// which table decides. `None` for an implied table (the default route says it all).
fn explicit_route(m: &crate::Model, k: usize) -> Option<Text> {
    let t = m.route_table_of(k).filter(|t| !t.implied)?;
    let id = &t.id;
    Some(match t.default_route() {
        Some(r) => Text::same(format!("{id}: {}", r.describe())),
        None => text!("{id}: no 0.0.0.0/0 route", "{id}: 0.0.0.0/0 경로 없음"),
    })
}

/// In a small frame, the configurations the scenario does not follow, one
/// above the other from `(x, y)`, by name.
fn draw_other_cards(c: &mut Canvas, current: Layout, x: f64, y: f64) {
    let mut y = y;
    for (l, key, label) in [
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
    ] {
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
}

/// One row per subnet from `top`: its route, what it holds and its free
/// addresses (while folding, what it holds is the row's second line), and its
/// diagnostics. Returns where the rows end and their width.
/// On a `phone` the row's label leaves the AZ to its second line.
fn draw_subnets(c: &mut Canvas, a: &Analysis, top: f64, phone: bool) -> (f64, f64) {
    let m = &a.model;
    let mut y = top;
    let mut rows_w: f64 = 0.0;
    let mut row_rects = Vec::new();
    for i in 0..m.subnets.len().min(max_subnets()) {
        let s = &m.subnets[i];
        let (role, _, class) = subnet_kind(a, i);
        let az = &s.az;
        let base = subnet_label(a, i);
        let (ben, bko) = (&base.en, &base.ko);
        let label = if phone {
            base.clone()
        } else {
            text!("{ben} · {az}", "{bko} · {az}")
        };
        let mut chips: Vec<Shape> = Vec::new();
        let route = match &s.route {
            Route::InternetGateway(g) => Text::same(format!("0.0.0.0/0 → {g}")),
            Route::NatGateway(k) => Text::same(format!(
                "0.0.0.0/0 → {}",
                m.vpc.nat_gateways.get(*k).map_or("NAT", |n| n.id.as_str())
            )),
            Route::TransitGateway(t) => Text::same(format!("0.0.0.0/0 → {t}")),
            Route::None => text!("no default route", "기본 경로 없음"),
        };
        let route = explicit_route(m, i).unwrap_or(route);
        chips.push(leaf(s.eid.part("route"), Role::Note, route, None));
        let mut pip = leaf(
            s.eid.part("public-ip"),
            Role::Note,
            if s.map_public_ip {
                text!("public IPs on launch", "시작 시 퍼블릭 IP")
            } else {
                text!("no public IPs", "퍼블릭 IP 없음")
            },
            None,
        );
        if !s.map_public_ip {
            pip.classes.push("absent");
        }
        chips.push(pip);
        let nodes = m.nodes.iter().filter(|n| n.subnet == i).count();
        let enis = m.eks_enis.iter().filter(|e| e.subnet == i).count();
        let nats = m
            .vpc
            .nat_gateways
            .iter()
            .filter(|n| n.subnet == Some(i))
            .count();
        let w = plural(nodes, "node", "nodes");
        let mut what = vec![text!("{nodes} {w}", "노드 {nodes}대")];
        if enis > 0 {
            let w = plural(enis, "EKS ENI", "EKS ENIs");
            what.push(text!("{enis} {w}", "EKS ENI {enis}개"));
        }
        if nats > 0 {
            what.push(text!("{nats} NAT", "NAT {nats}개"));
        }
        let (wen, wko): (Vec<String>, Vec<String>) = what.into_iter().map(|t| (t.en, t.ko)).unzip();
        chips.push(leaf(
            s.eid.part("holds"),
            Role::Note,
            Text {
                en: wen.join(" · "),
                ko: wko.join(" · "),
            },
            None,
        ));
        if let Some(pool) = a.addresses.pool(i) {
            let (free, total) = (pool.free(), pool.size());
            chips.push(leaf(
                s.eid.part("free"),
                Role::Note,
                text!("{free} of {total} free", "{total}개 중 {free}개 남음"),
                None,
            ));
        }
        let diags: Vec<&Diagnostic> = a
            .diagnostics
            .iter()
            .filter(|d| names_subnet(&d.path, i))
            .collect();
        let (chips, folded) = fold_chips(chips);
        // In a small frame the row is its label: every chip is its second line.
        let (chips, folded) = if super::kit::compact() {
            let mut all: Vec<Text> = phone.then(|| Text::same(az.clone())).into_iter().collect();
            all.extend(chips.into_iter().map(|c| c.label));
            all.extend(folded);
            let (en, ko): (Vec<String>, Vec<String>) =
                all.into_iter().map(|t| (t.en, t.ko)).unzip();
            (
                Vec::new(),
                Some(Text {
                    en: en.join(" · "),
                    ko: ko.join(" · "),
                }),
            )
        } else {
            (chips, folded)
        };
        let chips_row = if chips.is_empty() {
            0.0
        } else {
            leaf_h(false) + PAD
        };
        let chips_w: f64 = chips.iter().map(|c| c.rect.w + PAD).sum::<f64>() + PAD;
        let diag_shapes: Vec<Shape> = diags
            .iter()
            .take(2)
            .enumerate()
            .map(|(k, d)| diag_chip(s.eid.part(&format!("diag-{k}")), d))
            .collect();
        let diag_w = diag_shapes.iter().map(|d| d.rect.w).fold(0.0, f64::max);
        let w = chips_w.max(fit_w(&label, None)).max(diag_w + 2.0 * PAD);
        let h = HEADER + chips_row + diag_shapes.iter().map(|d| d.rect.h + PAD).sum::<f64>();
        let mut row = shape(s.eid.clone(), role, Rect::new(0.0, y, w, h), label, folded);
        row.classes.extend(class);
        let rid = c.push(row);
        let mut cx = PAD;
        for mut ch in chips {
            ch.rect.x = cx;
            ch.rect.y = y + HEADER;
            cx += ch.rect.w + PAD;
            c.child(&rid, ch);
        }
        let mut dy = y + HEADER + chips_row;
        for mut d in diag_shapes {
            d.rect.x = PAD;
            d.rect.y = dy;
            dy += d.rect.h + PAD;
            c.child(&rid, d);
        }
        row_rects.push(rid);
        rows_w = rows_w.max(w);
        y += h + PAD;
    }
    if m.subnets.len() > max_subnets() {
        let more = m.subnets.len() - max_subnets();
        let w = plural(more, "subnet", "subnets");
        let mut s = leaf(
            ElementId::note("more-subnets"),
            Role::Note,
            text!("+{more} more {w}", "서브넷 {more}개 더"),
            None,
        );
        s.rect.y = y;
        s.classes.push("aggregate");
        rows_w = rows_w.max(s.rect.w);
        c.push(s);
        y += leaf_h(false) + PAD;
    }
    if m.subnets.is_empty() {
        let mut s = leaf(
            ElementId::note("no-subnets"),
            Role::Note,
            text!("the VPC has no subnets", "VPC에 서브넷이 없다"),
            None,
        );
        s.rect.y = y;
        s.classes.push("error");
        rows_w = rows_w.max(s.rect.w);
        c.push(s);
        y += leaf_h(false) + PAD;
    }
    // Rows as wide as the widest.
    for id in &row_rects {
        if let Some(s) = c.get_mut(id.as_str()) {
            s.rect.w = rows_w;
        }
    }
    (y, rows_w)
}

/// While folding, a subnet row keeps its route and what it holds; its public
/// IP setting and free addresses become the row's (folded) second line.
fn fold_chips(chips: Vec<Shape>) -> (Vec<Shape>, Option<Text>) {
    if !folding() {
        return (chips, None);
    }
    let (keep, fold): (Vec<Shape>, Vec<Shape>) = chips.into_iter().partition(|c| {
        !(c.id.as_str().ends_with("#public-ip") || c.id.as_str().ends_with("#free"))
    });
    let (en, ko): (Vec<String>, Vec<String>) =
        fold.into_iter().map(|c| (c.label.en, c.label.ko)).unzip();
    let note = (!en.is_empty()).then(|| Text {
        en: en.join(" · "),
        ko: ko.join(" · "),
    });
    (keep, note)
}

/// The heading over the subnet rows; returns the width of the left column.
fn draw_title(c: &mut Canvas, a: &Analysis, top: f64, rows_w: f64) -> f64 {
    let nazs = az_count(a);
    let title = text!(
        "This VPC: {nazs} AZs, subnets by their default route",
        "이 VPC: 가용 영역 {nazs}개, 기본 경로로 본 서브넷"
    );
    let mut t = leaf(ElementId::note("this-vpc"), Role::Note, title, None);
    t.rect.y = top - HEADER - PAD / 2.0;
    t.classes.push("heading");
    let left_w = rows_w.max(t.rect.w);
    c.push(t);
    left_w
}

/// Diagnostics of the VPC, the endpoint and the node groups that name no
/// subnet, as chips (at most [`max_notes`]), and how many more there are.
fn other_diagnostics(a: &Analysis) -> (Vec<Shape>, usize) {
    let m = &a.model;
    let others: Vec<&Diagnostic> = a
        .diagnostics
        .iter()
        .filter(|d| {
            !(0..m.subnets.len()).any(|i| names_subnet(&d.path, i))
                && (d.path.starts_with("/vpc")
                    || d.path.starts_with("/cluster/resourcesVpcConfig")
                    || d.path.starts_with("/nodeGroups"))
        })
        .collect();
    let chips: Vec<Shape> = others
        .iter()
        .take(max_notes())
        .enumerate()
        .map(|(k, d)| diag_chip(ElementId::note(&format!("diag-{k}")), d))
        .collect();
    (chips, others.len().saturating_sub(max_notes()))
}

/// "What the VPC has" at `(rx, ry)`: its gateways, DNS settings and the VPC
/// endpoints private clusters need (in two columns while folding).
fn draw_vpc_has(c: &mut Canvas, a: &Analysis, rx: f64, ry: f64) -> f64 {
    let m = &a.model;
    let mut items: Vec<Shape> = Vec::new();
    let igw = m.vpc.internet_gateway.clone();
    let mut ig = leaf(
        ElementId::fixed(crate::ids::fixed::IGW),
        Role::Gateway,
        match &igw {
            Some(g) => text!("internet gateway {g}", "인터넷 게이트웨이 {g}"),
            None => text!("no internet gateway", "인터넷 게이트웨이 없음"),
        },
        None,
    );
    if igw.is_none() {
        ig.classes.push("absent");
    }
    items.push(ig);
    for n in &m.vpc.nat_gateways {
        let id = &n.id;
        let sub = n
            .subnet
            .and_then(|k| m.subnets.get(k))
            .map_or("?", |s| s.id.as_str());
        items.push(leaf(
            ElementId::nat(&n.id),
            Role::Gateway,
            text!("NAT gateway {id} in {sub}", "{sub}의 NAT 게이트웨이 {id}"),
            None,
        ));
    }
    for (on, t) in [
        (
            m.vpc.dns_support,
            text!("enableDnsSupport", "enableDnsSupport"),
        ),
        (
            m.vpc.dns_hostnames,
            text!("enableDnsHostnames", "enableDnsHostnames"),
        ),
    ] {
        let key = if t.en.ends_with("Support") {
            "dns-support"
        } else {
            "dns-hostnames"
        };
        let mut s = leaf(ElementId::note(key), Role::Note, mark(&t, on), None);
        s.classes.push(if on { "ok" } else { "absent" });
        items.push(s);
    }
    // The endpoints of the private-cluster rule this cluster needs, and any other
    // of them the VPC has.
    let needs: Vec<_> = private_cluster::vpc_endpoints(m, &a.lbs)
        .into_iter()
        .filter(|e| e.needed || e.present)
        .collect();
    let compact = super::kit::compact();
    if compact && !needs.is_empty() {
        // A small frame: the VPC endpoints in one line (which ones, in its
        // second line).
        let (k, n) = (needs.iter().filter(|e| e.present).count(), needs.len());
        let names = needs
            .iter()
            .map(|e| format!("{}{}", if e.present { "✓ " } else { "✗ " }, e.service))
            .collect::<Vec<_>>()
            .join(", ");
        let t = text!(
            "VPC endpoints: {k} of {n}",
            "VPC 엔드포인트: {n}개 중 {k}개"
        );
        let mut s = leaf(
            ElementId::note("vpc-endpoints"),
            Role::Gateway,
            mark(&t, k == n),
            Some(Text::same(names)),
        );
        if k < n {
            s.classes.push("absent");
        }
        items.push(s);
    }
    for need in needs.into_iter().filter(|_| !compact) {
        let (e, has) = (need.service, need.present);
        if !need.needed && !has {
            continue;
        }
        let t = text!("VPC endpoint {e}", "VPC 엔드포인트 {e}");
        let mut s = leaf(
            ElementId::vpc_endpoint(e),
            Role::Gateway,
            mark(&t, has),
            None,
        );
        if !has {
            s.classes.push("absent");
        }
        items.push(s);
    }
    let col_label = text!("What the VPC has", "VPC에 있는 것");
    let col_w = items
        .iter()
        .map(|s| s.rect.w)
        .fold(fit_w(&col_label, None), f64::max);
    let cols = if folding() && !compact { 2 } else { 1 };
    let col_h = HEADER + items.len().div_ceil(cols) as f64 * (leaf_h(false) + PAD);
    let col = c.push(shape(
        ElementId::note("vpc-has"),
        Role::Note,
        Rect::new(rx, ry, cols as f64 * (col_w + PAD) + PAD, col_h),
        col_label,
        None,
    ));
    for (k, mut s) in items.into_iter().enumerate() {
        s.rect = Rect::new(
            rx + PAD + (k % cols) as f64 * (col_w + PAD),
            ry + HEADER + (k / cols) as f64 * (leaf_h(false) + PAD),
            col_w,
            leaf_h(false),
        );
        c.child(&col, s);
    }
    ry + col_h
}

/// The other diagnostics' chips from `(rx, ry)` down, then "+N more"; returns
/// where they end.
fn draw_notes(c: &mut Canvas, chips: Vec<Shape>, more: usize, (rx, ry): (f64, f64)) -> f64 {
    let mut ry = ry;
    for mut s in chips {
        s.rect.x = rx;
        s.rect.y = ry;
        ry += s.rect.h + PAD;
        c.push(s);
    }
    if more > 0 {
        let w = plural(more, "diagnostic", "diagnostics");
        let mut s = leaf(
            ElementId::note("more-diagnostics"),
            Role::Note,
            text!("+{more} more {w}", "진단 {more}개 더"),
            None,
        );
        s.rect.x = rx;
        s.rect.y = ry;
        s.classes.push("aggregate");
        ry += s.rect.h + PAD;
        c.push(s);
    }
    ry - PAD
}

/// What the scene says of the scenario's configuration.
fn description(current: Layout) -> Text {
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

fn scene_legend() -> Vec<(LegendKind, Text)> {
    legend(vec![
        (
            LegendKind::Swatch {
                role: Role::PublicSubnet,
                class: None,
            },
            text!("public (route to IGW)", "퍼블릭(IGW 경로)"),
        ),
        (
            LegendKind::Swatch {
                role: Role::PrivateSubnet,
                class: None,
            },
            text!("private (route to NAT)", "프라이빗(NAT 경로)"),
        ),
        (
            LegendKind::Swatch {
                role: Role::PrivateSubnet,
                class: Some("isolated"),
            },
            text!("isolated (no route out)", "격리(나가는 경로 없음)"),
        ),
        (
            LegendKind::Swatch {
                role: Role::Note,
                class: Some("error"),
            },
            text!("breaks: a diagnostic", "문제: 진단"),
        ),
        (
            LegendKind::Swatch {
                role: Role::Note,
                class: Some("absent"),
            },
            text!("missing", "없음"),
        ),
    ])
}

/// `✓ text` or `✗ text`: the mark carries the meaning besides the colour.
fn mark(t: &Text, ok: bool) -> Text {
    let m = if ok { "✓" } else { "✗" };
    let (en, ko) = (&t.en, &t.ko);
    text!("{m} {en}", "{m} {ko}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{DefaultRoute, NatGateway, Subnet};
    use crate::scene::problems;
    use crate::{analyze, Scenario};

    fn scene(sc: &Scenario) -> Scene {
        layout(
            &analyze(sc),
            &View {
                scene: SceneKind::VpcLayouts,
                ..View::default()
            },
        )
    }

    fn current(s: &Scene) -> Vec<&str> {
        s.shapes
            .iter()
            .filter(|x| x.classes.contains(&"current-layout"))
            .map(|x| x.id.as_str())
            .collect()
    }

    #[test]
    fn default_is_public_only_with_its_needs_met() {
        let s = scene(&Scenario::example());
        assert_eq!(current(&s), vec!["note:layout-public"]);
        let need = s.shape("note:layout-public#1").unwrap();
        assert!(need.label.en.starts_with("✓ "), "{}", need.label.en);
        let route = s.shape("subnet:subnet-a#route").unwrap();
        assert_eq!(route.label.en, "0.0.0.0/0 → igw-1");
        assert!(s.shape("vpce:ecr.api").unwrap().classes.contains(&"absent"));
        assert_eq!(problems(&s), Vec::<String>::new());
    }

    #[test]
    fn private_subnets_behind_nat_are_public_private() {
        let mut sc = Scenario::example();
        sc.vpc.subnets.push(Subnet {
            subnet_id: "subnet-p".into(),
            availability_zone: "ap-northeast-2a".into(),
            cidr_block: "192.168.128.0/19".into(),
            default_route: Some(DefaultRoute::NatGatewayId("nat-a".into())),
            ..Subnet::default()
        });
        sc.vpc.nat_gateways.push(NatGateway {
            nat_gateway_id: "nat-a".into(),
            subnet_id: "subnet-a".into(),
            public_ip: "3.38.0.1".into(),
        });
        for n in &mut sc.node_groups[0].nodes {
            n.subnet_id = "subnet-p".into();
            n.private_ip = n.private_ip.replacen("192.168.", "192.168.1", 1);
            n.public_ip = None;
        }
        sc.node_groups[0].subnets = vec!["subnet-p".into()];
        sc.pods.clear();
        let s = scene(&sc);
        assert_eq!(current(&s), vec!["note:layout-public-private"]);
        assert_eq!(
            s.shape("subnet:subnet-p#route").unwrap().label.en,
            "0.0.0.0/0 → nat-a"
        );
        assert!(s.shape("nat:nat-a").is_some());
        assert_eq!(problems(&s), Vec::<String>::new());
    }

    #[test]
    fn a_given_route_table_names_itself_on_its_subnets() {
        let mut sc = crate::trace::fabric_tests::with_tables(crate::testkit::lab(true, false));
        sc.vpc.route_tables[1].routes[1].state = crate::scenario::RouteState::Blackhole;
        let s = scene(&sc);
        let route = |id: &str| {
            s.shape(&format!("subnet:{id}#route"))
                .unwrap()
                .label
                .en
                .clone()
        };
        assert_eq!(route("subnet-a"), "rtb-public: 0.0.0.0/0 → igw-1");
        assert_eq!(
            route("subnet-pa"),
            "rtb-private: 0.0.0.0/0 → nat-a (blackhole)"
        );
        assert_eq!(problems(&s), Vec::<String>::new());
    }

    #[test]
    fn diagnostics_land_on_their_subnet() {
        let mut sc = Scenario::example();
        sc.vpc.subnets[1].cidr_block = "10.0.0.0/24".into(); // outside the VPC
        let s = scene(&sc);
        let chip = s.shape("subnet:subnet-c#diag-0").unwrap();
        assert!(chip.classes.contains(&"error"));
        assert!(chip
            .data
            .iter()
            .any(|(k, v)| *k == "code" && v == "subnet-outside-vpc"));
        assert_eq!(problems(&s), Vec::<String>::new());
    }

    #[test]
    fn no_internet_route_is_private_only() {
        let mut sc = Scenario::example();
        for s in &mut sc.vpc.subnets {
            s.default_route = None;
            s.map_public_ip_on_launch = false;
        }
        sc.vpc.internet_gateway = None;
        let s = scene(&sc);
        assert_eq!(current(&s), vec!["note:layout-private"]);
        assert!(s.shape("igw").unwrap().classes.contains(&"absent"));
        let sub = s.shape("subnet:subnet-a").unwrap();
        assert!(sub.classes.contains(&"isolated"));
        assert_eq!(problems(&s), Vec::<String>::new());
    }
}
