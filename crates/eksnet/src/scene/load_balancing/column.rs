//! The load balancers' column of "Load balancing": each load balancer with
//! its DNS name, its problems and its target groups.

use super::*;

/// The width of the load balancer column: room for the widest label, DNS
/// name, problem, target group and health check among those drawn.
fn lb_width(lbs: &crate::lb::LoadBalancing) -> f64 {
    let mut lb_w: f64 = chip_cols() as f64 * (CHIP_W + PAD) + 3.0 * PAD;
    for lb in lbs.load_balancers.iter().take(MAX_LBS) {
        let (dl, dd) = dns_text(lb);
        lb_w = lb_w.max(fit_w(&lb_label(lb), None) + 2.0 * PAD);
        if !crate::scene::kit::compact() {
            lb_w = lb_w.max(fit_w(&dl, Some(&dd)) + 2.0 * PAD);
        }
        for p in lb.problems.iter().take(2) {
            lb_w = lb_w.max(fit_w(&problem_text(p), Some(&problem_detail(p))) + 2.0 * PAD);
        }
        for tg in &lb.target_groups {
            let (label, check) = tg_texts(lbs, tg);
            lb_w = lb_w
                .max(fit_w(&label, None) + 4.0 * PAD)
                .max(fit_w(&check, None) + 6.0 * PAD);
        }
    }
    lb_w
}

/// The load balancers, middle, from `x = lx`: each with its target groups,
/// then a note for those left out (or for none at all). Returns the column's
/// width and each target group's healthy targets, for the lines.
pub(super) fn draw_load_balancers(
    c: &mut Canvas,
    a: &Analysis,
    lx: f64,
    room_h: f64,
) -> (f64, TgEdges) {
    let lbs = &a.lbs;
    let mut ly = 0.0;
    let mut lb_w = lb_width(lbs);
    let mut tg_edges: TgEdges = Vec::new();
    let mut drawn = 0;
    // The app's frames (not a small one, which has rules of its own): no
    // load balancer past the room (with its "+N more" line), but the first.
    let bounded = folding() && !crate::scene::kit::compact();
    for lb in lbs.load_balancers.iter().take(MAX_LBS) {
        if drawn > 0 && folding() && ly > FOLDED_COLUMN_H {
            break;
        }
        let (at, edges_at) = (c.mark(), tg_edges.len());
        let h = draw_lb(c, a, lb, Rect::new(lx, ly, lb_w, 0.0), &mut tg_edges);
        if bounded && drawn > 0 && ly + h + 2.0 * PAD + leaf_h(false) > room_h {
            c.truncate(at);
            tg_edges.truncate(edges_at);
            break;
        }
        ly += h + 2.0 * PAD;
        drawn += 1;
    }
    if lbs.load_balancers.len() > drawn {
        let more = lbs.load_balancers.len() - drawn;
        let w = plural(more, "load balancer", "load balancers");
        let t = text!("+{more} more {w}", "로드 밸런서 {more}개 더");
        let mut s = shape(
            ElementId::note("more-lbs"),
            Role::Note,
            Rect::new(lx, ly, fit_w(&t, None), leaf_h(false)),
            t,
            None,
        );
        s.classes.push("aggregate");
        c.push(s);
    }
    if lbs.load_balancers.is_empty() {
        let t = text!(
            "no load balancer: no Service of type LoadBalancer and no ALB Ingress",
            "로드 밸런서 없음: LoadBalancer 타입 Service도, ALB Ingress도 없다"
        );
        let mut s = shape(
            ElementId::note("no-lbs"),
            Role::Note,
            Rect::new(lx, 0.0, fit_w(&t, None), leaf_h(false)),
            t,
            None,
        );
        s.classes.push("aggregate");
        lb_w = lb_w.max(s.rect.w);
        c.push(s);
    }
    (lb_w, tg_edges)
}

/// One load balancer at `r` (its height grows to fit): its DNS name, up to two
/// problems, and its target groups. Returns its height.
fn draw_lb(
    c: &mut Canvas,
    a: &Analysis,
    lb: &LoadBalancer,
    r: Rect,
    tg_edges: &mut TgEdges,
) -> f64 {
    let (lx, ly, lb_w) = (r.x, r.y, r.w);
    // A small frame draws no DNS name line: the name is the load balancer's
    // (folded) second line, shown with the selection.
    let compact = crate::scene::kit::compact();
    let (dl, dd) = dns_text(lb);
    let second = compact.then(|| Text {
        en: format!("{}: {}", dl.en, dd.en),
        ko: format!("{}: {}", dl.ko, dd.ko),
    });
    let mut b = shape(lb.eid.clone(), Role::LoadBalancer, r, lb_label(lb), second);
    b.data.push(("kind", lb.kind.as_str().to_string()));
    b.data.push(("scheme", lb.scheme.as_str().to_string()));
    if !lb.usable() {
        b.classes.push("blocked-lb");
    }
    let bid = c.push(b);
    let mut y = ly + HEADER;
    let inner = lb_w - 2.0 * PAD;
    // Its DNS name (what kubectl shows as EXTERNAL-IP / ADDRESS), or why it has none.
    if !compact {
        let mut d = shape(
            lb.eid.part("dns"),
            Role::Note,
            Rect::new(lx + PAD, y, inner, leaf_h(true)),
            dl,
            Some(dd),
        );
        d.classes.push("line");
        c.child(&bid, d);
        y += leaf_h(true) + PAD;
    }
    for (k, p) in lb.problems.iter().take(2).enumerate() {
        let t = problem_text(p);
        let mut s = shape(
            lb.eid.part(&format!("problem-{k}")),
            Role::Note,
            Rect::new(lx + PAD, y, inner, leaf_h(true)),
            t,
            Some(problem_detail(p)),
        );
        s.classes.push("error");
        s.data.push(("code", p.code.to_string()));
        c.child(&bid, s);
        y += leaf_h(true) + PAD;
    }
    for tg in lb.target_groups.iter().take(max_tgs()) {
        let (th, healthy) = draw_target_group(c, a, &bid, tg, lx, y, inner);
        tg_edges.push((tg.eid.clone(), healthy));
        y += th + PAD;
    }
    if lb.target_groups.len() > max_tgs() {
        let more = lb.target_groups.len() - max_tgs();
        let w = plural(more, "target group", "target groups");
        let t = text!("+{more} more {w}", "대상 그룹 {more}개 더");
        let mut s = shape(
            lb.eid.part("more-tgs"),
            Role::Note,
            Rect::new(lx + PAD, y, fit_w(&t, None).min(inner), leaf_h(false)),
            t,
            None,
        );
        s.classes.push("aggregate");
        c.child(&bid, s);
        y += leaf_h(false) + PAD;
    }
    let h = y - ly;
    if let Some(s) = c.get_mut(bid.as_str()) {
        s.rect.h = h;
    }
    h
}
