//! A target group of "Load balancing": its health check and its targets as
//! chips, each with its health as AWS reports it.

use super::*;

/// One target group inside load balancer `bid` (whose left is `lx`), at `y`
/// and `inner` wide (its height grows to fit): its health check, then its targets in rows of chips, a note for
/// those left out, or a note that it has none. Returns its height and its
/// healthy targets.
pub(super) fn draw_target_group(
    c: &mut Canvas,
    a: &Analysis,
    bid: &ElementId,
    tg: &crate::lb::TargetGroup,
    lx: f64,
    y: f64,
    inner: f64,
) -> (f64, Vec<(ElementId, bool)>) {
    let (label, check) = tg_texts(&a.lbs, tg);
    let r = Rect::new(lx + PAD, y, inner, 0.0);
    let tid = c.child(
        bid,
        shape(tg.eid.clone(), Role::LoadBalancer, r, label, None),
    );
    let mut ty = y + HEADER;
    let mut hcl = shape(
        tg.eid.part("health-check"),
        Role::Note,
        Rect::new(lx + 2.0 * PAD, ty, inner - 2.0 * PAD, leaf_h(false)),
        check,
        None,
    );
    hcl.classes.push("line");
    c.child(&tid, hcl);
    ty += leaf_h(false) + PAD;
    let healthy = draw_targets(c, a, &tid, tg, lx, ty);
    let shown = tg.targets.len().min(max_targets());
    let mut rows = shown.div_ceil(chip_cols());
    if tg.targets.len() > max_targets() {
        let more = tg.targets.len() - max_targets();
        let ok = tg.healthy().count();
        let w = plural(more, "target", "targets");
        let r = Rect::new(
            lx + 2.0 * PAD + (shown % chip_cols()) as f64 * (CHIP_W + PAD),
            ty + (shown / chip_cols()) as f64 * (leaf_h(true) + PAD),
            CHIP_W,
            leaf_h(true),
        );
        let mut s = shape(
            tg.eid.part("more"),
            Role::Note,
            r,
            text!("+{more} more {w}", "대상 {more}개 더"),
            Some(text!("{ok} healthy in all", "전체 정상 {ok}개")),
        );
        s.classes.push("aggregate");
        c.child(&tid, s);
        rows = (shown + 1).div_ceil(chip_cols());
    }
    if tg.targets.is_empty() {
        let mut s = shape(
            tg.eid.part("none"),
            Role::Note,
            Rect::new(lx + 2.0 * PAD, ty, CHIP_W, leaf_h(false)),
            text!("no targets", "대상 없음"),
            None,
        );
        s.classes.push("error");
        c.child(&tid, s);
        rows = 1;
        ty -= PAD / 2.0 + leaf_h(true) - leaf_h(false) - PAD / 2.0;
    }
    let th = ty + rows as f64 * (leaf_h(true) + PAD) - y;
    if let Some(s) = c.get_mut(tid.as_str()) {
        s.rect.h = th;
    }
    (th, healthy)
}

/// The first targets of group `tg` as chips inside `tid` (in a load balancer
/// whose left is `lx`), in rows from `y`, each with its health. Returns the healthy ones.
fn draw_targets(
    c: &mut Canvas,
    a: &Analysis,
    tid: &ElementId,
    tg: &crate::lb::TargetGroup,
    lx: f64,
    y: f64,
) -> Vec<(ElementId, bool)> {
    let mut healthy = Vec::new();
    for (k, t) in tg.targets.iter().take(max_targets()).enumerate() {
        let name = match t.target {
            TargetRef::Node { node } => a
                .model
                .nodes
                .get(node)
                .map_or_else(String::new, |n| node_label(&n.name).en),
            TargetRef::Pod { pod } => a
                .ipam
                .pods
                .get(pod)
                .map_or_else(String::new, |p| clip_mid(&p.name, 18)),
        };
        let (h, class) = health_text(t.health.state, t.health.reason);
        let tport = t.port;
        let r = Rect::new(
            lx + 2.0 * PAD + (k % chip_cols()) as f64 * (CHIP_W + PAD),
            y + (k / chip_cols()) as f64 * (leaf_h(true) + PAD),
            CHIP_W,
            leaf_h(true),
        );
        let hd = Text {
            en: clip(&h.en, 26),
            ko: clip(&h.ko, 16),
        };
        let mut s = shape(
            tg.eid.part(t.at.as_str()),
            Role::Note,
            r,
            Text::same(format!("{name}:{tport}")),
            Some(hd),
        );
        s.classes.extend(["target", class]);
        s.data.push(("target", t.at.to_string()));
        s.data.push(("ip", t.ip.to_string()));
        s.data.push((
            "health",
            format!("{:?}", t.health.state).to_ascii_lowercase(),
        ));
        c.child(tid, s);
        if t.health.is_healthy() {
            healthy.push((t.at.clone(), tg.target_type == TargetType::Ip));
        }
    }
    healthy
}
