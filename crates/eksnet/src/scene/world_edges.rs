//! The lines of the two-VPC picture (see `world.rs`): the control plane's
//! lines to the EKS-owned ENIs, the NAT gateways' lines to the internet
//! gateway, and every edge between the picture's parts.

use super::kit::{small_w, Canvas, Line, HEADER, PAD};
use super::world::{gap, WorldOpts};
use super::Rect;
use crate::ids::fixed;
use crate::scenario::ConnectionKind;
use crate::{text, Analysis, ElementId, Text};

/// The control plane's lines into the customer VPC: out of the API servers' right
/// side, down (or up) the gap between the VPCs, along the free channel above the
/// AZ boxes, down the gutter inside the ENI's AZ box and into the ENI's left side,
/// so that no line passes under another box.
/// On a phone the VPC stands under the control plane and the lines run down
/// `lanes` instead of the gap between the VPCs.
fn eni_route(
    c: &Canvas,
    k: usize,
    to: &ElementId,
    cp: Rect,
    az_top: f64,
    lanes: Option<Lanes>,
) -> Option<Vec<(f64, f64)>> {
    let api = c.get(fixed::API_SERVER)?.rect;
    let eni = c.get(to.as_str())?;
    let subnet = c.get(eni.parent.as_ref()?.as_str())?;
    let az = c.get(subnet.parent.as_ref()?.as_str())?.rect;
    let eni = eni.rect;
    let y0 = api.y + HEADER / 2.0 + 6.0 * k as f64;
    let lane = match lanes {
        Some(l) => l.right - 3.0 * k as f64,
        None => cp.right() + gap() / 2.0 - 6.0 * k as f64,
    };
    let channel = az_top - 6.0;
    let gutter = az.x + PAD / 2.0;
    let y1 = eni.y + eni.h / 2.0;
    Some(vec![
        (api.right(), y0),
        (lane, y0),
        (lane, channel),
        (gutter, channel),
        (gutter, y1),
        (eni.x, y1),
    ])
}

/// Where a phone's lines run down past the boxes stacked over the VPC (see
/// [`super::world_phone`]): the internet's line to the internet gateway at
/// `left`, the control plane's lines to the ENIs from `right` leftwards.
#[derive(Debug, Clone, Copy)]
pub(super) struct Lanes {
    pub left: f64,
    pub right: f64,
}

/// A NAT gateway's way out of its AZ, up to the channel's upper lane: out of
/// its top (right of its subnet's label), over its subnet (in the gap above
/// it, or under the AZ's label), out of the AZ's right side and up the gap
/// right of it, so that it crosses no other subnet, AZ or label. On a phone
/// (`left`: the control plane's lines run down the VPC's right side), out of
/// the AZ's left side instead.
fn nat_route(c: &Canvas, nat: &ElementId, az_top: f64, left: bool) -> Option<Vec<(f64, f64)>> {
    let n = c.get(nat.as_str())?;
    let r = n.rect;
    let lane = az_top - super::vpc::channel() + 10.0;
    let sub = n.parent.as_ref().and_then(|p| c.get(p.as_str()));
    let az = sub
        .and_then(|s| s.parent.as_ref())
        .and_then(|p| c.get(p.as_str()));
    let (Some(sub), Some(az)) = (sub, az) else {
        // Not in an AZ: straight up.
        let nx = r.x + r.w / 2.0;
        return Some(vec![(nx, r.y), (nx, lane)]);
    };
    let label_end = sub.rect.x + super::icons::label_room(sub);
    let nx = (r.x + r.w / 2.0).max(label_end + 4.0).min(r.right() - 4.0);
    let over = sub.rect.y - PAD / 2.0;
    let gut = if left {
        az.rect.x - PAD / 2.0
    } else {
        az.rect.right() + PAD / 2.0
    };
    Some(vec![(nx, r.y), (nx, over), (gut, over), (gut, lane)])
}

/// The picture's lines (`lanes`: laid out for a phone).
pub(super) fn edges(
    c: &mut Canvas,
    a: &Analysis,
    o: &WorldOpts,
    cp: Rect,
    az_top: f64,
    lanes: Option<Lanes>,
) {
    let m = &a.model;
    let cl = &m.cluster;
    let id = ElementId::fixed;
    let lbl = |on: bool, t: Text| on.then_some(t);
    let fl = o.flow_labels && !super::kit::compact() && !o.vpc.squeeze.stack;
    if cl.endpoint.public() {
        c.connect(
            &id(fixed::INTERNET),
            &id(fixed::API_NLB),
            Line::Data,
            lbl(
                fl,
                text!("kubectl → public endpoint", "kubectl → 퍼블릭 엔드포인트"),
            ),
        );
        c.connect(
            &id(fixed::API_NLB),
            &id(fixed::API_SERVER),
            Line::Data,
            None,
        );
    }
    let igw_label = (fl && cl.endpoint.public() && !cl.endpoint.private())
        .then(|| text!("kubelet → public endpoint", "kubelet → 퍼블릭 엔드포인트"));
    let inet = c.get(fixed::INTERNET).map(|s| s.rect);
    let igw = c.get(fixed::IGW).map(|s| s.rect);
    match (lanes, inet, igw) {
        (Some(l), Some(i), Some(g)) => {
            // Out of the internet's left side, down the left lane, into the
            // internet gateway's left side.
            let (iy, gy) = (i.y + i.h / 2.0, g.y + g.h / 2.0);
            let pts = vec![(i.x, iy), (l.left, iy), (l.left, gy), (g.x, gy)];
            let (inet_id, igw_id) = (id(fixed::INTERNET), id(fixed::IGW));
            if c.connect_along(&inet_id, &igw_id, pts, Line::Data, igw_label) {
                if let Some(e) = c.edges.last_mut() {
                    e.two_way = true;
                }
            }
        }
        _ => {
            c.connect_both(&id(fixed::INTERNET), &id(fixed::IGW), Line::Data, igw_label);
        }
    }
    // NAT gateways up to the internet gateway along the upper lane of the
    // channel above the AZs (the lower lane carries the control plane's lines).
    let n_nat = m.vpc.nat_gateways.len();
    for (k, nat) in m.vpc.nat_gateways.iter().enumerate() {
        let nid = ElementId::nat(&nat.id);
        let (Some(g), Some(pts)) = (igw, nat_route(c, &nid, az_top, lanes.is_some())) else {
            continue;
        };
        let gx = g.x + g.w * (k + 1) as f64 / (n_nat + 1) as f64;
        let mut pts = pts;
        let lane = pts.last().map_or(az_top, |p| p.1);
        pts.extend([(gx, lane), (gx, g.bottom())]);
        c.connect_along(&nid, &id(fixed::IGW), pts, Line::Data, None);
    }
    for (k, e) in m.eks_enis.iter().enumerate() {
        let Some(pts) = eni_route(c, k, &e.eid, cp, az_top, lanes) else {
            continue;
        };
        let label = (k == 0).then(|| {
            if cl.endpoint.private() {
                text!(
                    "exec, logs · kubelet → API (private)",
                    "exec, logs · kubelet → API(프라이빗)"
                )
            } else {
                text!("API → kubelet (exec, logs)", "API → kubelet(exec, logs)")
            }
        });
        // Right of the lane (on a phone, where the lanes run along the VPC's
        // right side: over the channel, right of the gutter).
        let at = label.as_ref().map(|l| {
            let x = if lanes.is_some() { pts[3].0 } else { pts[2].0 };
            (x + 6.0 + small_w(l) / 2.0, pts[2].1 - 5.0)
        });
        c.connect_along(&id(fixed::API_SERVER), &e.eid, pts, Line::Data, label);
        if let (Some(at), Some(edge)) = (at, c.edges.last_mut()) {
            edge.label_at = Some(at);
        }
        if cl.endpoint.private() {
            if let Some(edge) = c.edges.last_mut() {
                edge.two_way = true;
            }
        }
    }
    let vpc = c.get(fixed::VPC).map(|s| s.rect);
    for (k, net) in m.networks.iter().enumerate() {
        let kind = match net.kind {
            ConnectionKind::Vpn => text!("VPN", "VPN"),
            ConnectionKind::DirectConnect => text!("Direct Connect", "Direct Connect"),
            ConnectionKind::Peering => text!("peering", "피어링"),
            ConnectionKind::TransitGateway => text!("transit gateway", "전송 게이트웨이"),
        };
        let line = if net.routed {
            Line::Data
        } else {
            Line::Logical
        };
        // Under the column left of the VPC: out of the network's right side
        // into the VPC's left side, or (lower than the VPC) along its bottom
        // left corner into its bottom.
        let under = c
            .get(net.eid.as_str())
            .map(|s| s.rect)
            .zip(vpc)
            .filter(|(r, v)| r.right() < v.x);
        let Some((r, v)) = under else {
            // Under the VPC (a phone's column) behind other networks: out of
            // its right side and up a lane right of the networks above it
            // into the VPC's bottom, or (where that lane would miss the VPC)
            // out of its left side and up a lane left of them, so that it
            // crosses none of them.
            let r = c.get(net.eid.as_str()).map(|s| s.rect);
            let lane = r
                .zip(vpc)
                .filter(|(r, v)| r.y >= v.bottom())
                .and_then(|(r, v)| {
                    let above: Vec<Rect> = m
                        .networks
                        .iter()
                        .filter_map(|o| c.get(o.eid.as_str()).map(|s| s.rect))
                        .filter(|o| o.y >= v.bottom() && o.bottom() <= r.y)
                        .filter(|o| o.x < r.right() && o.right() > r.x)
                        .collect();
                    if above.is_empty() {
                        return None;
                    }
                    let ny = r.y + r.h / 2.0;
                    let step = PAD / 2.0 + 3.0 * k as f64;
                    let right = above.iter().fold(r.right(), |a, o| a.max(o.right())) + step;
                    let left = above.iter().fold(r.x, |a, o| a.min(o.x)) - step;
                    if right < v.right() - 2.0 {
                        Some(vec![(r.right(), ny), (right, ny), (right, v.bottom())])
                    } else if left > v.x + 2.0 {
                        Some(vec![(r.x, ny), (left, ny), (left, v.bottom())])
                    } else {
                        None
                    }
                });
            // (Without the kind beside the lane: the network's own label
            // names it, and a lane has no room beside it.)
            if let Some(pts) = lane {
                if c.connect_along(&net.eid, &id(fixed::VPC), pts, line, None) {
                    if let Some(e) = c.edges.last_mut() {
                        e.two_way = true;
                    }
                }
                continue;
            }
            c.connect_both(&net.eid, &id(fixed::VPC), line, Some(kind));
            continue;
        };
        let ny = r.y + r.h / 2.0;
        let pts = if ny < v.bottom() - PAD {
            vec![(r.right(), ny), (v.x, ny)]
        } else {
            let gx = v.x + 4.0 + 3.0 * k as f64;
            vec![(r.right(), ny), (gx, ny), (gx, v.bottom())]
        };
        if c.connect_along(&net.eid, &id(fixed::VPC), pts, line, Some(kind)) {
            if let Some(e) = c.edges.last_mut() {
                e.two_way = true;
            }
        }
    }
}
