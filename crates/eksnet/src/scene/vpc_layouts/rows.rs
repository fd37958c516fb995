//! The subnet rows of "VPC layouts": one row per subnet, its route, what it
//! holds and its diagnostics.

use super::*;

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

/// How the subnet rows are drawn.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rows {
    /// On a phone: the row's label leaves the AZ to its second line.
    pub(super) phone: bool,
    /// One diagnostic chip a row, shorter, the others counted in it.
    pub(super) short: bool,
    /// No row (but the first) ends below this.
    pub(super) limit: f64,
}

/// Subnet rows drawn at most: fewer while second lines fold (a small frame).
fn max_subnets() -> usize {
    if folding() {
        3
    } else {
        MAX_SUBNETS
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
pub(super) fn draw_subnets(c: &mut Canvas, a: &Analysis, top: f64, rows: Rows) -> (f64, f64) {
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
        let (chips, folded) = if crate::scene::kit::compact() {
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
