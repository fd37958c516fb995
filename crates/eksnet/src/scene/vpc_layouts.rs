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

mod cards;

use cards::{classify, description, draw_cards, draw_other_cards};

/// Subnet rows drawn at most; the rest are summed up.
const MAX_SUBNETS: usize = 12;
/// Diagnostics listed at most under the VPC column.
const MAX_NOTES: usize = 6;
/// Characters of a diagnostic's message shown in a chip.
const MSG_CHARS: usize = 78;

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

/// A subnet's diagnostics as one short chip: the first's message, cut
/// shorter, and how many more there are; every message is its second line
/// (shown with the selection).
fn short_chip(id: ElementId, d: &Diagnostic, all: &[&Diagnostic]) -> Shape {
    let more = all.len().saturating_sub(1);
    let tail = if more > 0 {
        format!(" +{more}")
    } else {
        String::new()
    };
    let label = Text {
        en: format!("{}{tail}", clip(&d.message.en, 30)),
        ko: format!("{}{tail}", clip(&d.message.ko, 18)),
    };
    let (en, ko): (Vec<&str>, Vec<&str>) = all
        .iter()
        .map(|d| (d.message.en.as_str(), d.message.ko.as_str()))
        .unzip();
    let detail = Text {
        en: en.join(" · "),
        ko: ko.join(" · "),
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
    let scene = arrange(a, view, Arrangement::Cards);
    if super::kit::compact() || !folding() || super::legibility(&scene, view.size).holds() {
        return scene;
    }
    // Too large for the app's frame (many subnets and diagnostics, NAT
    // gateways): two columns, and as many subnet rows as the frame holds;
    // the first of them that fits, else the most legible.
    let mut best = (super::legibility(&scene, view.size).label_px, scene);
    for (one_line, cols) in [(false, 2), (true, 2), (true, 1)] {
        let s = arrange(a, view, Arrangement::TwoColumns { one_line, cols });
        let l = super::legibility(&s, view.size);
        if l.holds() {
            return s;
        }
        if l.label_px > best.0 {
            best = (l.label_px, s);
        }
    }
    best.1
}

/// How the scene's regions are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrangement {
    /// The three cards over the subnet rows and what the VPC has.
    Cards,
    /// The scenario's card over the subnet rows on the left; what the VPC
    /// has (in `cols` columns, the VPC endpoints in one line if `one_line`),
    /// the other configurations' names and the other diagnostics on the
    /// right.
    TwoColumns { one_line: bool, cols: usize },
}

/// How the subnet rows are drawn.
#[derive(Debug, Clone, Copy)]
struct Rows {
    /// On a phone: the row's label leaves the AZ to its second line.
    phone: bool,
    /// One diagnostic chip a row, shorter, the others counted in it.
    short: bool,
    /// No row (but the first) ends below this.
    limit: f64,
}

/// The scene, arranged as `how` says (in a small frame and on a phone, as
/// they arrange it).
fn arrange(a: &Analysis, view: &View, how: Arrangement) -> Scene {
    let two_columns = how != Arrangement::Cards;
    let mut c = Canvas::new();
    let current = classify(a);
    let cards_h = draw_cards(&mut c, a, current, two_columns);
    let cards_w = c.bounds_since(0).map_or(0.0, |b| b.w);
    let top = cards_h + 2.0 * PAD + HEADER;
    let phone = view.size == super::SizeClass::Phone;
    let (_, fh) = view.size.frame();
    let rows = Rows {
        phone,
        short: two_columns,
        limit: if two_columns {
            fh - 2.0 * super::kit::MARGIN - LEGEND_ROOM
        } else {
            f64::INFINITY
        },
    };
    let (y, rows_w) = draw_subnets(&mut c, a, top, rows);
    let left_w = draw_title(&mut c, a, top, rows_w);
    let (chips, more) = other_diagnostics(a);
    // (In a small frame the chips stand under the subnet rows.)
    let left_w = if super::kit::compact() {
        chips.iter().map(|s| s.rect.w).fold(left_w, f64::max)
    } else {
        left_w
    };
    if two_columns {
        let right = left_w.max(cards_w) + 2.0 * PAD;
        let (one_line, cols) = match how {
            Arrangement::TwoColumns { one_line, cols } => (one_line, cols),
            Arrangement::Cards => (false, 2),
        };
        let bottom = draw_vpc_has(&mut c, a, (right, 0.0), one_line, cols);
        let bottom = draw_other_cards(&mut c, current, right, bottom + PAD);
        draw_notes(&mut c, chips, more, (right, bottom + PAD));
    } else if phone {
        // A phone's one column: the scenario's card, the subnet rows, the
        // other diagnostics, what the VPC has, the other configurations.
        let notes = draw_notes(&mut c, chips, more, (0.0, y + PAD));
        let bottom = draw_vpc_has(&mut c, a, (0.0, notes + PAD), false, 2);
        draw_other_cards(&mut c, current, 0.0, bottom + PAD);
    } else if super::kit::compact() {
        // A small frame: the scenario's card over the subnet rows on the left;
        // what the VPC has and the other configurations' names on the right.
        let bottom = draw_vpc_has(&mut c, a, (left_w + 3.0 * PAD, 0.0), false, 2);
        draw_other_cards(&mut c, current, left_w + 3.0 * PAD, bottom + PAD);
        draw_notes(&mut c, chips, more, (0.0, y + PAD));
    } else {
        // The other diagnostics under what the VPC has (the subnet rows set
        // the height).
        let bottom = draw_vpc_has(&mut c, a, (left_w + 3.0 * PAD, top), false, 2);
        draw_notes(&mut c, chips, more, (left_w + 3.0 * PAD, bottom + PAD));
    }
    c.finish(SceneKind::VpcLayouts, description(current), scene_legend())
}

/// Room kept under the content for the legend's rows, scene units.
const LEGEND_ROOM: f64 = 64.0;

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

/// One row per subnet from `top`: its route, what it holds and its free
/// addresses (while folding, what it holds is the row's second line), and its
/// diagnostics. Returns where the rows end and their width.
/// On a `phone` the row's label leaves the AZ to its second line.
fn draw_subnets(c: &mut Canvas, a: &Analysis, top: f64, rows: Rows) -> (f64, f64) {
    let m = &a.model;
    let phone = rows.phone;
    let mut y = top;
    let mut rows_w: f64 = 0.0;
    let mut row_rects = Vec::new();
    let mut drawn = 0;
    for i in 0..m.subnets.len().min(max_subnets()) {
        let s = &m.subnets[i];
        let (role, _, class) = subnet_kind(a, i);
        let az = &s.az;
        let base = subnet_label(a, i);
        let (ben, bko) = (&base.en, &base.ko);
        // (On a phone and in two columns, the AZ is the row's second line.)
        let label = if phone || rows.short {
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
        let folded = if rows.short {
            Some(folded.map_or_else(
                || Text::same(az.clone()),
                |f| {
                    let (fen, fko) = (&f.en, &f.ko);
                    text!("{az} · {fen}", "{az} · {fko}")
                },
            ))
        } else {
            folded
        };
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
        let diag_shapes: Vec<Shape> = if rows.short {
            diags
                .first()
                .map(|d| short_chip(s.eid.part("diag-0"), d, &diags))
                .into_iter()
                .collect()
        } else {
            diags
                .iter()
                .take(2)
                .enumerate()
                .map(|(k, d)| diag_chip(s.eid.part(&format!("diag-{k}")), d))
                .collect()
        };
        let diag_w = diag_shapes.iter().map(|d| d.rect.w).fold(0.0, f64::max);
        let w = chips_w.max(fit_w(&label, None)).max(diag_w + 2.0 * PAD);
        let h = HEADER + chips_row + diag_shapes.iter().map(|d| d.rect.h + PAD).sum::<f64>();
        // (Room for this row and a "+N more" line under it.)
        if drawn > 0 && y + h + PAD + leaf_h(false) > rows.limit {
            break;
        }
        drawn += 1;
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
    if m.subnets.len() > drawn {
        let more = m.subnets.len() - drawn;
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
/// `one_line`: the VPC endpoints as one line, as in a small frame; `cols`:
/// columns while folding in a frame that is not small.
fn draw_vpc_has(
    c: &mut Canvas,
    a: &Analysis,
    (rx, ry): (f64, f64),
    one_line: bool,
    cols: usize,
) -> f64 {
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
        // (While folding, the subnet is its second line.)
        let (label, detail) = if folding() {
            (
                text!("NAT gateway {id}", "NAT 게이트웨이 {id}"),
                Some(text!("in {sub}", "{sub}에 있음")),
            )
        } else {
            (
                text!("NAT gateway {id} in {sub}", "{sub}의 NAT 게이트웨이 {id}"),
                None,
            )
        };
        items.push(leaf(ElementId::nat(&n.id), Role::Gateway, label, detail));
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
    let one_line = compact || one_line;
    if one_line && !needs.is_empty() {
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
    for need in needs.into_iter().filter(|_| !one_line) {
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
    let cols = if folding() && !compact {
        cols.max(1)
    } else {
        1
    };
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
mod tests;
