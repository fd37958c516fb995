//! The route on the lit path: when a flow is shown, each routing hop's table and
//! the route it took (`rtb-private: 0.0.0.0/0 → nat-a`) is drawn as a label of
//! its own beside the lit line that leaves the subnet (AWS routes a packet by
//! the table of the subnet it leaves; the trace's hop names both, see
//! [`crate::trace::path::RouteTableRoute`]). A network ACL that drops the flow
//! is named the same way, with the rule that denies the request
//! (`acl-public: inbound rule * denies`) or as dropping the replies, beside the
//! subnet it guards; a security group that admits none of it likewise
//! (`sg-1: no rule admits TCP 10250`), beside the group.
//!
//! The label takes room the scene leaves free: the nearest place to that line
//! where it overlaps no box (but the containers it sits in: the subnet itself,
//! its AZ or VPC, never another AZ or subnet) and no writing, and no line passes
//! through it, within [`NEAR`] units of the line. Nothing moves to make room,
//! so lighting a flow never changes the layout. Where there is no such place
//! (a crowded phone column, a node deep in its subnet), a small numbered
//! marker stands beside the line and the label, numbered alike (`1 · rtb-…`),
//! goes to a row under the diagram: the free band under everything drawn, or
//! (where the scene is shown whole) the nearest free place, or else a row the
//! scene grows by at its bottom (a phone's scene is panned, so it stays as
//! large). Every lit routing hop is named in the diagram, in every size class.

mod room;

use super::kit::{leaf_h, INSET, LABEL_FONT};
use super::{text_width_any, PathState, Rect, Role, Scene, Shape};
use crate::trace::path::RouteTableRoute;
use crate::{text, Hop, Text, Trace};
pub(crate) use room::distance;
use room::{free_spot, Obstacles};

/// The farthest a label may stand from its line, scene units.
pub(crate) const NEAR: f64 = 100.0;

/// The least room between a label and any line or other box.
const CLEAR: f64 = 3.0;

/// Grid step of the search.
const STEP: f64 = 4.0;

/// Draws the route of each lit routing hop of `trace` (up to `step`) onto
/// `scene`, which [`super::light`] has lit. Pure; idempotent with `light`
/// (lighting afresh drops the labels: see [`clear`]).
pub(crate) fn annotate(scene: &mut Scene, trace: &Trace, step: Option<usize>, pans: bool) {
    clear(scene);
    let Some(last) = trace.hops.len().checked_sub(1) else {
        return;
    };
    let upto = step.map_or(last, |s| s.min(last));
    let blocked = trace.blocked_at();
    let code = match &trace.verdict {
        crate::Verdict::Blocked { code, .. } => Some(code.as_str()),
        crate::Verdict::Reachable => None,
    };
    for (i, hop) in trace.hops.iter().enumerate().take(upto + 1) {
        // A routing hop's route; a network ACL's rule where it drops the flow.
        let (kind, texts, data) = if let Some(route) = &hop.route_table_route {
            (
                "route",
                words(hop, route),
                ("route-table", route.route_table_id.clone()),
            )
        } else if let Some(rule) = hop.acl_rule.as_ref().filter(|_| {
            i == last
                && blocked == Some(&hop.at)
                && code.is_some_and(|c| c.starts_with("network-acl"))
        }) {
            let replies = code == Some(crate::Code::NetworkAclDeniesReturn.as_str());
            (
                "acl",
                acl_words(rule, replies),
                ("network-acl", rule.network_acl_id.clone()),
            )
        } else if i == last
            && blocked == Some(&hop.at)
            && code == Some(crate::Code::SecurityGroupDenies.as_str())
        {
            let sg = hop.at.as_str().strip_prefix("sg:").unwrap_or_default();
            let port = hop
                .dst
                .as_deref()
                .and_then(|d| d.rsplit_once(':'))
                .map_or("", |p| p.1);
            (
                "rule",
                vec![
                    text!(
                        "{sg}: no rule admits TCP {port}",
                        "{sg}: TCP {port} 허용 규칙 없음"
                    ),
                    text!("{sg}: no rule for {port}", "{sg}: {port} 규칙 없음"),
                ],
                ("security-group", sg.to_string()),
            )
        } else {
            continue;
        };
        let id = hop.at.part(kind);
        if scene.shape(id.as_str()).is_some() {
            continue;
        }
        let Some(sub) = scene.shape(hop.at.as_str()).map(|s| s.rect) else {
            continue;
        };
        // A route: the lit line it sends the packet along (the first past the
        // hop); an ACL, or a route with no line past it (the flow stops
        // there): the subnet's own border.
        let outline = vec![
            (sub.x, sub.y),
            (sub.right(), sub.y),
            (sub.right(), sub.bottom()),
            (sub.x, sub.bottom()),
            (sub.x, sub.y),
        ];
        let line: Vec<(f64, f64)> = if kind == "route" {
            scene
                .edges
                .iter()
                .filter(|e| e.state.on_path && e.step.is_some_and(|s| s > i))
                .min_by_key(|e| e.step)
                .map_or(outline, |e| e.points.clone())
        } else {
            outline
        };
        let holders = holders(scene, hop.at.as_str());
        let classes = match kind {
            "route" => vec!["route"],
            "acl" => vec!["route", "acl"],
            _ => vec!["route", "acl", "sg"],
        };
        let near = texts.iter().find_map(|label| {
            let w = text_width_any(label, LABEL_FONT) + 2.0 * INSET;
            free_spot(scene, &line, Some(&holders), w, leaf_h(false), NEAR)
                .map(|(rect, parent)| (label.clone(), rect, parent))
        });
        let (label, rect, parent) = match near {
            Some(found) => found,
            None => {
                // No room beside the line: a numbered marker there, and the
                // words, numbered alike, in a row under the diagram.
                let n = 1 + scene
                    .shapes
                    .iter()
                    .filter(|s| s.role == Role::RouteTable && s.classes.contains(&"mark"))
                    .count();
                let tag = Text::same(n.to_string());
                let mw = (text_width_any(&tag, LABEL_FONT) + 2.0 * INSET).max(MARK);
                let mark = free_spot(scene, &line, Some(&holders), mw, leaf_h(false), NEAR);
                let words: Vec<Text> = texts
                    .iter()
                    .map(|t| match &mark {
                        Some(_) => Text {
                            en: format!("{n} · {}", t.en),
                            ko: format!("{n} · {}", t.ko),
                        },
                        None => t.clone(),
                    })
                    .collect();
                if let Some((rect, parent)) = mark {
                    let mut c = classes.clone();
                    c.push("mark");
                    scene.shapes.push(Shape {
                        id: hop.at.part(&format!("{kind}-mark")),
                        role: Role::RouteTable,
                        rect,
                        label: tag,
                        detail: None,
                        note: Some(hop.why.clone()),
                        icon: None,
                        classes: c,
                        state: PathState::default(),
                        data: vec![data.clone()],
                        parent,
                    });
                }
                row_spot(scene, &line, &words, pans)
            }
        };
        let mut classes = classes;
        if parent.is_none() && !rect_near(&rect, &line) {
            classes.push("row");
        }
        scene.shapes.push(Shape {
            id: id.clone(),
            role: Role::RouteTable,
            rect,
            label,
            detail: None,
            note: Some(hop.why.clone()),
            icon: None,
            classes,
            state: PathState::default(),
            data: vec![data.clone()],
            parent,
        });
        undim_holders(scene);
    }
}

/// The least width of a marker, scene units.
const MARK: f64 = 24.0;

/// Whether `r` stands within [`NEAR`] of `line`.
fn rect_near(r: &Rect, line: &[(f64, f64)]) -> bool {
    distance(r, line) <= NEAR
}

/// Where a label that found no room beside its line goes, and in which words
/// (longest first, as far as they fit the scene's width): in the free band
/// under everything drawn; where the scene is not panned (`pans` false: it
/// is shown whole, so growing it would shrink it), else in the nearest free
/// place anywhere; failing both, in a row added under the diagram.
fn row_spot(
    scene: &mut Scene,
    line: &[(f64, f64)],
    words: &[Text],
    pans: bool,
) -> (Text, Rect, Option<crate::ElementId>) {
    let h = leaf_h(false);
    let width = |t: &Text| text_width_any(t, LABEL_FONT) + 2.0 * INSET;
    let bottom = content_bottom(scene);
    let band = Rect::new(0.0, bottom, scene.width, scene.height - bottom);
    let obstacles = Obstacles::within(scene, band);
    for label in words.iter().filter(|t| width(t) <= scene.width - 16.0) {
        let w = width(label);
        let mut y = bottom + 2.0 * CLEAR;
        while y + h <= scene.height - 4.0 {
            let mut x = 8.0;
            while x + w <= scene.width - 8.0 {
                let r = Rect::new(x, y, w, h);
                if obstacles.holder_if_free(&r) == Some(None) {
                    return (label.clone(), r, None);
                }
                x += STEP;
            }
            y += STEP;
        }
    }
    if !pans {
        for label in words {
            if let Some((r, p)) = free_spot(scene, line, None, width(label), h, f64::INFINITY) {
                return (label.clone(), r, p);
            }
        }
    }
    // The shortest words, in a row of their own.
    let label = words.last().cloned().unwrap_or_default();
    let r = Rect::new(
        8.0,
        bottom + 2.0 * CLEAR,
        width(&label).min(scene.width - 16.0),
        h,
    );
    scene.height = scene.height.max(r.bottom() + 12.0);
    (label, r, None)
}

/// The lowest point of anything drawn in `scene`.
fn content_bottom(scene: &Scene) -> f64 {
    let shapes = scene.shapes.iter().map(|s| s.rect.bottom());
    let edges = scene
        .edges
        .iter()
        .flat_map(|e| e.points.iter().map(|p| p.1));
    let labels = scene
        .edges
        .iter()
        .filter_map(|e| e.label_at.map(|p| p.1 + 3.0));
    let legend = scene.legend.iter().map(|it| it.rect.bottom());
    shapes
        .chain(edges)
        .chain(labels)
        .chain(legend)
        .fold(0.0, f64::max)
}

/// The network ACL that drops the flow, in words, longest first: the rule
/// that denies the request (`acl-public: inbound rule 90 denies`), or, where
/// the request passes and the replies are dropped (their rule is in the hop's
/// details), that.
fn acl_words(r: &crate::trace::path::AclRule, replies: bool) -> Vec<Text> {
    let acl = &r.network_acl_id;
    if replies {
        return vec![text!("{acl}: replies dropped", "{acl}: 응답 차단")];
    }
    let n = r.describe();
    let n_ko = n.replace("rule ", "규칙 ");
    let (dir, dir_ko) = if r.egress {
        ("outbound", "아웃바운드")
    } else {
        ("inbound", "인바운드")
    };
    vec![
        text!("{acl}: {dir} {n} denies", "{acl}: {dir_ko} {n_ko} 거부"),
        text!("{acl}: {n} denies", "{acl}: {n_ko} 거부"),
    ]
}

/// Takes the route labels off `scene`.
pub(crate) fn clear(scene: &mut Scene) {
    scene
        .shapes
        .retain(|s| !(s.role == Role::RouteTable && s.classes.contains(&"route")));
}

/// The label's words, longest first: the table and its route (an implied
/// table, which has no id, by its subnet), then the route alone (where the
/// longer does not fit).
fn words(hop: &Hop, r: &RouteTableRoute) -> Vec<Text> {
    let dest = r
        .destination_cidr
        .clone()
        .or_else(|| r.destination_prefix_list_id.clone())
        .unwrap_or_default();
    let target = if r.state == "blackhole" {
        "blackhole".to_string()
    } else {
        [
            &r.nat_gateway_id,
            &r.gateway_id,
            &r.transit_gateway_id,
            &r.vpc_peering_connection_id,
        ]
        .into_iter()
        .find_map(Clone::clone)
        .unwrap_or_default()
    };
    let subnet = hop.at.as_str().strip_prefix("subnet:").unwrap_or("");
    let table = if r.origin == "implied" {
        text!("route table of {subnet}", "{subnet}의 라우팅 테이블")
    } else {
        Text::same(r.route_table_id.clone())
    };
    let (te, tk) = (&table.en, &table.ko);
    let mut out = vec![text!("{te}: {dest} → {target}", "{tk}: {dest} → {target}")];
    if r.origin == "implied" && !subnet.is_empty() {
        out.push(Text::same(format!("{subnet}: {dest} → {target}")));
    }
    out.push(Text::same(format!("{dest} → {target}")));
    out
}

/// `id` and the boxes around it, innermost first.
fn holders(scene: &Scene, id: &str) -> Vec<crate::ElementId> {
    let mut out = Vec::new();
    let mut at = scene.shape(id);
    while let Some(s) = at {
        out.push(s.id.clone());
        at = s.parent.as_ref().and_then(|p| scene.shape(p.as_str()));
    }
    out
}

/// Keeps the boxes around each route label clear (not dimmed).
fn undim_holders(scene: &mut Scene) {
    let mut ids: Vec<crate::ElementId> = scene
        .shapes
        .iter()
        .filter(|s| s.role == Role::RouteTable && s.classes.contains(&"route"))
        .filter_map(|s| s.parent.clone())
        .collect();
    while let Some(id) = ids.pop() {
        if let Some(s) = scene.shapes.iter_mut().find(|s| s.id == id) {
            s.state.dimmed = false;
            if let Some(p) = s.parent.clone() {
                ids.push(p);
            }
        }
    }
}

#[cfg(test)]
#[path = "route_label_tests.rs"]
mod tests;
