//! The right-hand part of "Node bootstrap": the ways to the API server the
//! rows' kubelet traces take, the control plane, and each row's registration
//! line from its step 4. On a phone they stack under the rows, and the lines
//! run down a channel right of the rows and enter the hops from the right.

use super::{path_kind, path_label, GAP};
use crate::ids::fixed;
use crate::scene::kit::{fit_w, folding, leaf_h, phone, shape, Canvas, Line, HEADER, PAD};
use crate::scene::Rect;
use crate::scene::Role;
use crate::trace::Link;
use crate::{text, Analysis, ElementId, Trace};

/// The ways to the API server the traces take, in a column right of the rows
/// (on a phone under them, from `bottom`), then the control plane (right of
/// them, or while folding under them). Returns where the registration lines
/// turn: the left of the column, or on a phone the channel right of all.
pub(super) fn draw_paths(
    c: &mut Canvas,
    a: &Analysis,
    traces: &[Option<Trace>],
    row_w: f64,
    bottom: f64,
) -> f64 {
    let m = &a.model;
    let px = if phone() { 0.0 } else { row_w + 3.0 * GAP };
    let mut path_ids: Vec<String> = Vec::new();
    for t in traces.iter().flatten() {
        for h in &t.hops {
            let id = h.at.as_str();
            let check = h.link == Link::SecurityGroup && t.blocked_at() != Some(&h.at);
            if path_kind(id) && h.link != Link::Dns && !check && !path_ids.iter().any(|p| p == id) {
                path_ids.push(id.to_string());
            }
        }
    }
    path_ids.retain(|p| p != fixed::API_NLB);
    let top = if phone() {
        bottom + GAP
    } else if folding() {
        0.0
    } else {
        leaf_h(false) + PAD
    };
    let mut py = top;
    let path_w = path_ids
        .iter()
        .map(|p| {
            let (role, label) = path_label(a, p);
            crate::scene::kit::fit_icon_w(role, &ElementId(p.clone()), &label, None)
        })
        .fold(150.0, f64::max);
    for p in &path_ids {
        let (role, label) = path_label(a, p);
        c.push(shape(
            ElementId(p.clone()),
            role,
            Rect::new(px, py, path_w, leaf_h(false)),
            label,
            None,
        ));
        py += leaf_h(false) + GAP;
    }
    let (cx, cy) = if folding() {
        (px, py)
    } else if path_ids.is_empty() {
        (px, top)
    } else {
        (px + path_w + 3.0 * GAP, top)
    };
    draw_control_plane(c, m.cluster.endpoint.public(), cx, cy);
    if phone() {
        // The channel right of everything drawn.
        let right = c
            .shapes
            .iter()
            .map(|s| s.rect.right())
            .fold(row_w, f64::max);
        return right + PAD;
    }
    px
}

/// The control plane at `(x, y)`: the public NLB (or its absence) and the API server.
fn draw_control_plane(c: &mut Canvas, public: bool, x: f64, y: f64) {
    let cp_label = text!("EKS control plane", "EKS 컨트롤 플레인");
    let nlb_l = if public {
        text!("Public endpoint · NLB", "퍼블릭 엔드포인트 · NLB")
    } else {
        text!("No public endpoint", "퍼블릭 엔드포인트 없음")
    };
    let api_l = text!("kube-apiserver", "kube-apiserver");
    let nlb_id = ElementId::fixed(fixed::API_NLB);
    let cp_id = ElementId::fixed(fixed::CONTROL_PLANE);
    let inner = crate::scene::kit::fit_icon_w(Role::LoadBalancer, &nlb_id, &nlb_l, None)
        .max(fit_w(&api_l, None))
        .max(170.0);
    let cpw = (inner + 2.0 * PAD).max(crate::scene::kit::fit_icon_w(
        Role::ControlPlane,
        &cp_id,
        &cp_label,
        None,
    ));
    let cp = c.push(shape(
        ElementId::fixed(fixed::CONTROL_PLANE),
        Role::ControlPlane,
        Rect::new(x, y, cpw, HEADER + 2.0 * leaf_h(false) + GAP + PAD),
        cp_label,
        None,
    ));
    let mut nlb = shape(
        ElementId::fixed(fixed::API_NLB),
        Role::LoadBalancer,
        Rect::new(x + PAD, y + HEADER, inner, leaf_h(false)),
        nlb_l,
        None,
    );
    if !public {
        nlb.classes.push("absent");
    }
    c.child(&cp, nlb);
    c.child(
        &cp,
        shape(
            ElementId::fixed(fixed::API_SERVER),
            Role::Component,
            Rect::new(
                x + PAD,
                y + HEADER + leaf_h(false) + GAP,
                inner,
                leaf_h(false),
            ),
            api_l,
            None,
        ),
    );
    c.connect(
        &ElementId::fixed(fixed::API_NLB),
        &ElementId::fixed(fixed::API_SERVER),
        Line::Data,
        None,
    );
}

/// Each row's registration path: step 4 → the hops → the API server. The first
/// leg leaves step 4's right side, runs along its own lane in the gap before
/// the path column and enters its first hop from the left, so no line crosses a
/// row's steps.
pub(super) fn draw_registrations(
    c: &mut Canvas,
    traces: &[Option<Trace>],
    step4: &[(ElementId, usize)],
    column: f64,
) {
    let lanes = step4.len().max(1) as f64;
    for (n, (sid, k)) in step4.iter().enumerate() {
        let Some(t) = &traces[*k] else { continue };
        let mut prev = sid.clone();
        let blocked = t.blocked_at().cloned();
        for h in &t.hops {
            let id = h.at.as_str();
            if h.link == Link::Dns || !(path_kind(id) || id == fixed::API_SERVER) {
                continue;
            }
            // A security group is a check, not a place: drawn where it blocks.
            if h.link == Link::SecurityGroup && blocked.as_ref() != Some(&h.at) {
                continue;
            }
            if c.get(id).is_none() {
                continue;
            }
            let to = h.at.clone();
            // Lower rows turn later, so no lane crosses a row above it (on a
            // phone, where the lanes run right of the rows, sooner).
            let lane = if phone() {
                column + (lanes - 1.0 - n as f64) * PAD / 2.0
            } else {
                column - 3.0 * GAP * (lanes - n as f64) / (lanes + 1.0)
            };
            let joined = if prev == *sid {
                match first_leg(c, &prev, &to, lane) {
                    Some(pts) => c.connect_along(&prev, &to, pts, Line::Data, None),
                    None => c.connect(&prev, &to, Line::Data, None),
                }
            } else {
                c.connect(&prev, &to, Line::Data, None)
            };
            if joined && blocked.as_ref() == Some(&to) {
                if let Some(e) = c.edges.last_mut() {
                    e.state.blocked = true;
                }
            }
            prev = to;
        }
        if let Some(b) = &blocked {
            if let Some(s) = c.get_mut(b.as_str()) {
                s.state.blocked = true;
            }
        }
    }
}

/// From step 4's right side along the lane at `x` to the middle of `to`'s left
/// side (`None` when `to` is not right of the lane; on a phone, to the middle
/// of `to`'s right side, `None` unless both are left of the lane).
fn first_leg(c: &Canvas, from: &ElementId, to: &ElementId, x: f64) -> Option<Vec<(f64, f64)>> {
    let a = c.get(from.as_str())?.rect;
    let b = c.get(to.as_str())?.rect;
    if phone() {
        // Down the channel at `x`, into `to`'s right side.
        if b.right() >= x || a.right() >= x {
            return None;
        }
        let (y0, y1) = (a.y + a.h / 2.0, b.y + b.h / 2.0);
        return Some(vec![(a.right(), y0), (x, y0), (x, y1), (b.right(), y1)]);
    }
    if b.x <= x || a.right() >= x {
        return None;
    }
    let (y0, y1) = (a.y + a.h / 2.0, b.y + b.h / 2.0);
    Some(if (y0 - y1).abs() < 1e-9 {
        vec![(a.right(), y0), (b.x, y1)]
    } else {
        vec![(a.right(), y0), (x, y0), (x, y1), (b.x, y1)]
    })
}
