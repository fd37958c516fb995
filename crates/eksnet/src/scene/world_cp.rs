//! The AWS-managed VPC of the two-VPC picture (see [`super::world`]): the
//! public endpoint's NLB and its allowed CIDRs, the API servers (three, one
//! per AZ; source 002), etcd, the scheduler and the controller managers.

use super::kit::{clip, fit_w, leaf_h, shape, Canvas, HEADER, PAD};
use super::vpc::shelf;
use super::{Rect, Role};
use crate::ids::fixed;
use crate::{text, Analysis, ElementId, Text};

/// A leaf box at `(x, y)` as wide as its text (at least 110).
pub(super) fn leaf(
    id: ElementId,
    role: Role,
    x: f64,
    y: f64,
    label: Text,
    detail: Option<Text>,
) -> super::Shape {
    let w = super::kit::fit_icon_w(role, &id, &label, detail.as_ref()).max(110.0);
    let h = leaf_h(detail.is_some());
    shape(id, role, Rect::new(x, y, w, h), label, detail)
}

pub(super) fn cp_label() -> Text {
    if super::kit::folding() {
        // Shorter: the scene's description says it is the AWS-managed VPC.
        return text!("EKS control plane", "EKS 컨트롤 플레인");
    }
    text!(
        "AWS-managed VPC · EKS control plane",
        "AWS 관리형 VPC · EKS 컨트롤 플레인"
    )
}

/// Width of the control plane's column of boxes: three API server instances side
/// by side, or (folded) the widest single-line box.
fn cp_group_w(folded: bool, inst_w: f64) -> f64 {
    if folded {
        [
            text!("kube-apiserver ×3", "kube-apiserver ×3"),
            text!("cloud-controller-manager", "cloud-controller-manager"),
            text!("Public endpoint · NLB", "퍼블릭 엔드포인트 · NLB"),
        ]
        .iter()
        .map(|t| fit_w(t, None))
        .fold(0.0, f64::max)
    } else {
        3.0 * inst_w + 4.0 * PAD
    }
}

/// Height of a box holding three instances of `n` high, or (folded) of one leaf.
fn cp_box_h(folded: bool, n: f64) -> f64 {
    if folded {
        leaf_h(false)
    } else {
        HEADER + n + PAD
    }
}

/// The public endpoint's NLB leaf, or where it would be (dashed, `absent`) with
/// public access off.
fn cp_nlb(a: &Analysis, x: f64, y: f64) -> super::Shape {
    let cl = &a.model.cluster;
    if cl.endpoint.public() {
        leaf(
            ElementId::fixed(fixed::API_NLB),
            Role::LoadBalancer,
            x,
            y,
            text!("Public endpoint · NLB", "퍼블릭 엔드포인트 · NLB"),
            Some(Text::same(
                cl.nlb_public_ips
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
        )
    } else {
        let mut s = leaf(
            ElementId::fixed(fixed::API_NLB),
            Role::LoadBalancer,
            x,
            y,
            text!("No public endpoint", "퍼블릭 엔드포인트 없음"),
            Some(Text::same("endpointPublicAccess: false")),
        );
        s.classes.push("absent");
        s.data.push(("absent", String::new()));
        s
    }
}

/// The NLB row at the top of the control plane: the NLB and the allowed CIDRs,
/// side by side or stacked. Draws the NLB (and, unfolded, the CIDRs) into `cp`;
/// returns the next free `y` and the CIDRs leaf (drawn folded by the caller,
/// under the API server).
fn cp_nlb_row(
    c: &mut Canvas,
    a: &Analysis,
    cp: &ElementId,
    ix: f64,
    mut cy: f64,
    group_w: f64,
    folded: bool,
) -> (f64, super::Shape) {
    let cl = &a.model.cluster;
    let mut nlb = cp_nlb(a, ix, cy);
    let cidrs = clip(&cl.public_access_cidrs.to_string(), 40);
    let mut allow = leaf(
        ElementId::fixed(fixed::API_NLB).part("cidrs"),
        Role::Note,
        0.0,
        cy,
        text!("publicAccessCidrs", "publicAccessCidrs"),
        Some(Text::same(cidrs)),
    );
    if !cl.endpoint.public() {
        allow.classes.push("absent");
    }
    let row_w = nlb.rect.w + PAD + allow.rect.w;
    if folded {
        // The NLB right above the API server; the allowed CIDRs under it.
        nlb.rect.x = ix;
        nlb.rect.w = group_w;
        allow.rect.x = ix;
        allow.rect.w = group_w;
        cy += nlb.rect.h + PAD;
    } else if row_w > group_w {
        // Stack them: the NLB first.
        nlb.rect.w = group_w;
        allow.rect.x = ix;
        allow.rect.y = cy + nlb.rect.h + PAD;
        allow.rect.w = group_w;
        cy = allow.rect.bottom() + PAD;
    } else {
        // The allowed CIDRs on the left, the NLB on the right (where the internet
        // comes in from above, clear of the box's label).
        allow.rect.x = ix;
        nlb.rect.x = ix + allow.rect.w + PAD;
        nlb.rect.w = group_w - allow.rect.w - PAD;
        cy += nlb.rect.h.max(allow.rect.h) + PAD;
    }
    c.child(cp, nlb);
    if !folded {
        c.child(cp, allow.clone());
    }
    (cy, allow)
}

/// Where a replicated component sits in the control plane.
struct Replicas {
    /// The control-plane box.
    cp: ElementId,
    /// Left edge of the column of boxes.
    ix: f64,
    /// Width of the column.
    group_w: f64,
    /// Width of one instance.
    inst_w: f64,
    /// One box saying "×3" instead of three instances.
    folded: bool,
}

/// A component run three times, one per AZ (the API server, etcd): a box at `cy`
/// labelled `label`, holding (unfolded) three instances labelled `inst`. Returns
/// the next free `y`.
fn cp_replicated(
    c: &mut Canvas,
    r: &Replicas,
    id: &'static str,
    label: Text,
    inst: Text,
    cy: f64,
) -> f64 {
    let group = c.child(
        &r.cp,
        shape(
            ElementId::fixed(id),
            Role::Component,
            Rect::new(r.ix, cy, r.group_w, cp_box_h(r.folded, leaf_h(true))),
            label,
            None,
        ),
    );
    for k in (1..=3).filter(|_| !r.folded) {
        c.child(
            &group,
            shape(
                ElementId::fixed(id).part(&k.to_string()),
                Role::Component,
                Rect::new(
                    r.ix + PAD + (k - 1) as f64 * (r.inst_w + PAD),
                    cy + HEADER,
                    r.inst_w,
                    leaf_h(true),
                ),
                inst.clone(),
                Some(text!("AZ {k}", "AZ {k}")),
            ),
        );
    }
    cy + cp_box_h(r.folded, leaf_h(true)) + PAD
}

/// The scheduler and the controller managers, shelved under etcd; returns the
/// next free `y`.
fn cp_controllers(c: &mut Canvas, r: &Replicas, cy: f64) -> f64 {
    let comps = [
        (fixed::SCHEDULER, text!("kube-scheduler", "kube-scheduler")),
        (
            fixed::CONTROLLER_MANAGER,
            text!("kube-controller-manager", "kube-controller-manager"),
        ),
        (
            fixed::CLOUD_CONTROLLER_MANAGER,
            text!("cloud-controller-manager", "cloud-controller-manager"),
        ),
    ];
    let sizes: Vec<(f64, f64)> = comps
        .iter()
        .map(|(_, l)| (fit_w(l, None), leaf_h(false)))
        .collect();
    let (rects, h) = shelf(&sizes, r.ix, cy, r.group_w);
    for ((id, l), rect) in comps.into_iter().zip(rects) {
        c.child(
            &r.cp,
            shape(ElementId::fixed(id), Role::Component, rect, l, None),
        );
    }
    cy + h + PAD
}

/// Draws the control-plane VPC with its top-left corner at `(x, y)`; returns its
/// box. `full`: with etcd, the scheduler and the controller managers, drawn
/// (`short`: or in a small frame, named in its details).
pub(crate) fn control_plane(
    c: &mut Canvas,
    a: &Analysis,
    x: f64,
    y: f64,
    full: bool,
    short: bool,
) -> Rect {
    let cp_label = cp_label();
    let short = short || super::kit::compact();
    let more = (full && short).then(|| {
        text!(
            "also etcd ×3, kube-scheduler, kube-controller-manager, cloud-controller-manager",
            "etcd ×3, kube-scheduler, kube-controller-manager, cloud-controller-manager도 있음"
        )
    });
    let cp = c.push(shape(
        ElementId::fixed(fixed::CONTROL_PLANE),
        Role::ControlPlane,
        Rect::new(x, y, 0.0, 0.0),
        cp_label.clone(),
        more,
    ));
    let ix = x + PAD;
    // Three API server instances, one per AZ (source 002: three by default);
    // folded, "×3" on one box says it.
    let folded = super::kit::folding();
    let inst_w = 112.0;
    let group_w = cp_group_w(folded, inst_w);
    let (mut cy, mut allow) = cp_nlb_row(c, a, &cp, ix, y + HEADER, group_w, folded);
    let r = Replicas {
        cp: cp.clone(),
        ix,
        group_w,
        inst_w,
        folded,
    };
    cy = cp_replicated(
        c,
        &r,
        fixed::API_SERVER,
        text!("kube-apiserver ×3", "kube-apiserver ×3"),
        text!("API server", "API 서버"),
        cy,
    );
    if folded {
        allow.rect.y = cy;
        cy += allow.rect.h + PAD;
        c.child(&cp, allow);
    }
    // A small frame draws the endpoint and the API servers; etcd, the scheduler
    // and the controller managers are named in the control plane's details.
    if full && !short {
        cy = cp_replicated(
            c,
            &r,
            fixed::ETCD,
            text!("etcd ×3", "etcd ×3"),
            text!("etcd member", "etcd 멤버"),
            cy,
        );
        cy = cp_controllers(c, &r, cy);
    }
    let w = (group_w + 2.0 * PAD).max(fit_w(&cp_label, None));
    let rect = Rect::new(x, y, w, cy - y);
    if let Some(s) = c.get_mut(cp.as_str()) {
        s.rect = rect;
    }
    rect
}
