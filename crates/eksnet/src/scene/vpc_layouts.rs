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
mod rows;

use cards::{classify, description, draw_cards, draw_other_cards};
use rows::{draw_subnets, Rows};

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

/// Diagnostics listed under the VPC column at most.
fn max_notes() -> usize {
    if folding() {
        2
    } else {
        MAX_NOTES
    }
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
