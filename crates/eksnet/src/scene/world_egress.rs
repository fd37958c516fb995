//! The control plane's own egress in the two-VPC picture (see [`super::world`]):
//! while an `egress:` flow is shown, the endpoint it calls (the OIDC issuer, a
//! webhook server) stands as a box in the internet's, and the lines of its path
//! that no other flow draws are added (EKS user guide, "Configuring control plane
//! egress routing": kube-apiserver → the cross-account ENI in your subnet → the
//! subnet's route table → an egress device such as a NAT gateway → the internet →
//! the webhook or OIDC endpoint):
//!
//! - `AWS_MANAGED`: the API server's line straight to the endpoint (EKS manages the
//!   way out; none of your routes is on it);
//! - the customer's routing: the line from the EKS-owned ENI the trace leaves by
//!   to the NAT gateway its subnet's table names, inside their AZ; the internet
//!   gateway's line into the internet carries the last step (the endpoint is
//!   inside the internet's box).
//!
//! Everything is laid out in room the picture keeps free: the box beside the
//! internet's clients (on a row of its own in a small frame), the lines in the
//! gap between the VPCs and the AZ's inner gutter.

use super::kit::{fit_w, leaf_h, shape, Canvas, Line, HEADER, PAD};
use super::{Rect, Role, View};
use crate::ids::fixed;
use crate::trace::cp_egress;
use crate::{text, Analysis, ElementId, Flow, Link, Text};

/// The endpoint an `egress:` flow calls, drawn while the flow is shown.
#[derive(Debug, Clone)]
pub(super) struct Destination {
    /// Its element (`internet#oidc`), the trace's last hop.
    pub id: ElementId,
    /// What it is.
    pub label: Text,
    /// Its address and port (folded into the details).
    pub note: Text,
}

/// The endpoint of the view's flow, if it is the control plane's egress.
pub(super) fn destination(view: &View) -> Option<Destination> {
    let Some(Flow::Egress { target }) = &view.flow else {
        return None;
    };
    let label = match target.as_str() {
        "oidc" => text!("OIDC issuer", "OIDC 발급자"),
        "webhook" => text!("Webhook server", "웹훅 서버"),
        other => text!("Endpoint {other}", "엔드포인트 {other}"),
    };
    let ip = cp_egress::destination(target);
    Some(Destination {
        id: cp_egress::destination_element(target),
        label,
        note: text!("{ip}:443 on the internet", "인터넷의 {ip}:443"),
    })
}

/// Extra height a small frame's internet box takes for the endpoint's row.
pub(super) fn row_h(dest: Option<&Destination>) -> f64 {
    dest.map_or(0.0, |_| leaf_h(true) + PAD)
}

/// Puts the endpoint into the internet box `inet`: beside its clients
/// (`beside`), else on a row of its own under them; the box grows to hold it.
/// Returns the box's new rectangle.
pub(super) fn place(c: &mut Canvas, inet: Rect, dest: &Destination, beside: bool) -> Rect {
    let inet_id = ElementId::fixed(fixed::INTERNET);
    let kids: Vec<Rect> = c
        .shapes
        .iter()
        .filter(|s| s.parent.as_ref() == Some(&inet_id))
        .map(|s| s.rect)
        .collect();
    let w = fit_w(&dest.label, None).max(120.0);
    let h = leaf_h(true);
    let (x, y) = match (beside, kids.iter().map(|r| r.right()).reduce(f64::max)) {
        (true, Some(right)) => (right + PAD, inet.y + HEADER),
        (false, Some(_)) => (
            inet.x + PAD,
            kids.iter().map(|r| r.bottom()).fold(inet.y, f64::max) + PAD,
        ),
        (_, None) => (inet.x + PAD, inet.y + HEADER),
    };
    let r = Rect::new(x, y, w, h);
    let mut s = shape(dest.id.clone(), Role::Internet, r, dest.label.clone(), None);
    s.note = Some(dest.note.clone());
    s.classes.push("egress-endpoint");
    let grown = Rect::new(
        inet.x,
        inet.y,
        inet.w.max(r.right() + PAD - inet.x),
        inet.h.max(r.bottom() + PAD - inet.y),
    );
    if let Some(b) = c.get_mut(fixed::INTERNET) {
        b.rect = grown;
    }
    c.child(&inet_id, s);
    grown
}

/// The egress path's own lines (see the module docs). `lane_x`: where the API
/// server's line climbs, in the gap right of the control plane, left of the
/// lines to the EKS-owned ENIs.
pub(super) fn edges(c: &mut Canvas, a: &Analysis, view: &View, dest: &Destination, lane_x: f64) {
    let Some(flow) = &view.flow else { return };
    let t = crate::trace(a, flow);
    let api = ElementId::fixed(fixed::API_SERVER);
    if !a.model.cluster.egress_mode.customer_routes() {
        if let Some(pts) = api_route(c, &dest.id, lane_x) {
            c.connect_along(&api, &dest.id, pts, Line::Data, None);
        }
        return;
    }
    // The EKS-owned ENI the trace leaves by and the NAT gateway it goes to.
    let at = |l: Link| t.hops.iter().find(|h| h.link == l).map(|h| h.at.clone());
    if let (Some(eni), Some(nat)) = (at(Link::EksOwnedEni), at(Link::NatGateway)) {
        if let Some(pts) = eni_nat_route(c, &eni, &nat) {
            c.connect_along(&eni, &nat, pts, Line::Data, None);
        }
    }
}

/// Out of the API server's right side (above the lines to the ENIs), right to
/// `lane_x`, then up (or down) to the endpoint: into its bottom when it stands
/// right of the lane (beside the internet's clients), else into its right side.
fn api_route(c: &Canvas, dest: &ElementId, lane_x: f64) -> Option<Vec<(f64, f64)>> {
    let api = c.get(fixed::API_SERVER)?.rect;
    let d = c.get(dest.as_str())?.rect;
    let inet = c.get(fixed::INTERNET)?.rect;
    let y0 = api.y + 6.0;
    if d.x > lane_x + 8.0 {
        // Beside the clients: over the gap under the internet box.
        let y1 = inet.bottom() + 10.0;
        let x = d.x + d.w / 2.0;
        Some(vec![
            (api.right(), y0),
            (lane_x, y0),
            (lane_x, y1),
            (x, y1),
            (x, d.bottom()),
        ])
    } else {
        let y1 = d.y + d.h / 2.0;
        Some(vec![
            (api.right(), y0),
            (lane_x, y0),
            (lane_x, y1),
            (d.right(), y1),
        ])
    }
}

/// From an EKS-owned ENI to a NAT gateway in the same AZ: out of the ENI's
/// right side, along the AZ's inner gutter right of its subnets, into the NAT
/// gateway's right side. `None` (the path is joined the general way) when they
/// are in different AZs or side by side in one subnet.
fn eni_nat_route(c: &Canvas, eni: &ElementId, nat: &ElementId) -> Option<Vec<(f64, f64)>> {
    let e = c.get(eni.as_str())?;
    let n = c.get(nat.as_str())?;
    let az_of = |s: &super::Shape| {
        let sub = c.get(s.parent.as_ref()?.as_str())?;
        c.get(sub.parent.as_ref()?.as_str()).map(|az| az.rect)
    };
    let (az, naz) = (az_of(e)?, az_of(n)?);
    if az != naz || e.parent == n.parent {
        return None;
    }
    let (er, nr) = (e.rect, n.rect);
    let gutter = az.right() - PAD / 2.0;
    let (ey, ny) = (er.y + er.h / 2.0 + 4.0, nr.y + nr.h / 2.0 + 4.0);
    Some(vec![
        (er.right(), ey),
        (gutter, ey),
        (gutter, ny),
        (nr.right(), ny),
    ])
}
