//! The two-VPC picture shared by the architecture and endpoint scenes (source 000's
//! EKS architecture, 001, 002, 003, 004 figure 1):
//!
//! ```text
//!                       [Internet: kubectl clients]   [Route 53 public name] [private hosted zone]
//!  [AWS-managed VPC: NLB,    ]      [Customer VPC: IGW, resolver, endpoints  ]   [connected
//!  [ kube-apiserver ×3, ...  ]      [ AZs > subnets > EKS-owned ENIs, NAT,   ]    networks]
//!                                   [ node groups > nodes; security groups   ]
//! ```
//!
//! What exists in the current endpoint mode is drawn plainly; what does not (the
//! public NLB with public access off, the private hosted zone with private access
//! off) is drawn where it would be, dashed and marked `absent`, so the modes can be
//! compared at a glance.

use super::kit::{
    clip, fit_w, leaf_h, shape, small_w, Canvas, Line, HEADER, INSET, LABEL_FONT, PAD,
};
use super::vpc::{self, shelf, NetsAt, Squeeze, VpcOpts};
use super::world_cp::{control_plane, cp_label, leaf};
use super::{text_width_any, Rect, Role, SizeClass, View};
use crate::ids::fixed;
use crate::model::ClientAt;
use crate::scenario::ConnectionKind;
use crate::{text, Analysis, ElementId, Text};

/// What the two-VPC picture shows.
#[derive(Debug, Clone)]
pub(crate) struct WorldOpts {
    /// etcd, scheduler and controller managers in the control plane.
    pub full_control_plane: bool,
    /// The customer VPC's options.
    pub vpc: VpcOpts,
    /// Label the edges with the endpoint flows (kubectl, kubelet, exec).
    pub flow_labels: bool,
}

/// Gap between the big blocks (room for edge labels): narrower while second
/// lines fold (a small frame's overview).
fn gap() -> f64 {
    if super::kit::folding() {
        44.0
    } else {
        96.0
    }
}

/// The addresses the endpoint's public name answers with, as text.
fn public_answer(a: &Analysis) -> Text {
    let cl = &a.model.cluster;
    if cl.endpoint.public() {
        let ips = cl
            .nlb_public_ips
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        text!("→ NLB {ips}", "→ NLB {ips}")
    } else {
        let ips = eni_ips(a);
        text!("→ EKS ENIs {ips}", "→ EKS ENI {ips}")
    }
}

fn eni_ips(a: &Analysis) -> String {
    a.model
        .eks_enis
        .iter()
        .map(|e| e.ip.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A box holding client leaves in a row; returns its rectangle.
#[allow(clippy::too_many_arguments)]
pub(super) fn client_box(
    c: &mut Canvas,
    id: ElementId,
    role: Role,
    label: Text,
    clients: Vec<(ElementId, Text, Text)>,
    x: f64,
    y: f64,
    min_w: f64,
    max_w: f64,
) -> Rect {
    let sizes: Vec<(f64, f64)> = clients
        .iter()
        .map(|(_, l, d)| (fit_w(l, Some(d)).max(120.0), leaf_h(true)))
        .collect();
    let inner: f64 = sizes.iter().map(|s| s.0 + PAD).sum::<f64>() + PAD;
    // No wider than `max_w` (the clients wrap), but for the widest client.
    let widest = sizes.iter().map(|s| s.0 + 2.0 * PAD).fold(0.0, f64::max);
    let w = inner
        .min(max_w)
        .max(widest)
        .max(fit_w(&label, None))
        .max(160.0)
        .max(min_w);
    let (rects, h) = shelf(&sizes, x + PAD, y + HEADER, w - 2.0 * PAD);
    let rect = Rect::new(x, y, w, HEADER + h.max(0.0) + PAD);
    let pid = c.push(shape(id, role, rect, label, None));
    for ((cid, l, d), r) in clients.into_iter().zip(rects) {
        let mut s = shape(cid, Role::Client, r, l, Some(d));
        s.classes.push("kubectl");
        c.child(&pid, s);
    }
    rect
}

/// A client's second line: its note, or its address.
pub(crate) fn client_note(o: &WorldOpts, name: &str, ip: std::net::Ipv4Addr) -> Text {
    o.vpc
        .client_notes
        .get(name)
        .cloned()
        .unwrap_or_else(|| Text::same(ip.to_string()))
}

/// kubectl clients on the internet: `(id, label, address)`.
pub(super) fn internet_clients(a: &Analysis, o: &WorldOpts) -> Vec<(ElementId, Text, Text)> {
    a.model
        .clients
        .iter()
        .filter_map(|cl| match cl.at {
            ClientAt::Internet { ip } => {
                let name = &cl.name;
                Some((
                    cl.eid.clone(),
                    text!("kubectl on {name}", "{name}의 kubectl"),
                    client_note(o, name, ip),
                ))
            }
            _ => None,
        })
        .collect()
}

/// Draws the whole picture; edges too. Returns the bottom of the column left
/// of the customer VPC (the control plane, and what stands under it), where
/// more may go.
pub(crate) fn draw(c: &mut Canvas, a: &Analysis, view: &View, o: &WorldOpts) -> f64 {
    if view.size == SizeClass::Phone {
        super::world_phone::draw(c, a, view, o);
        return c.get(fixed::CONTROL_PLANE).map_or(0.0, |s| s.rect.bottom());
    }
    let sq = o.vpc.squeeze;
    let top_h = HEADER + leaf_h(true) + PAD;
    // A small frame stacks the internet, the control plane and Route 53 in one
    // column left of the VPC (the VPC takes the whole height); otherwise the
    // internet and Route 53 stand in a band above both VPCs. Folded, that band
    // only needs room for a labelled line. A frame the band does not fit
    // stacks them too (squeezed).
    let compact = super::kit::compact() || sq.stack;
    // The endpoint of the control plane's egress, while that flow is shown: a
    // small frame gives it a row of its own in the internet box, over the
    // control plane.
    let dest = super::world_egress::destination(view);
    let row_y = top_h
        + if compact {
            super::world_egress::row_h(dest.as_ref())
        } else {
            0.0
        }
        + if compact {
            2.0 * PAD
        } else if super::kit::folding() {
            56.0
        } else {
            gap()
        };
    let cp = control_plane(c, a, 0.0, row_y, o.full_control_plane, sq.short_cp);
    let vx = cp.right() + gap();
    // Laid out for a frame (second lines folding): the room the frame shows at
    // its label budget, right of the control plane; AZ columns beyond it fold
    // into a "+N more AZs" box.
    let (frame_w, _) = view.size.frame();
    // (Squeezed, the scene's margins count too: the fallbacks are for frames
    // the usual layout overflows.)
    let margins = if sq == Squeeze::default() {
        0.0
    } else {
        2.0 * super::kit::margin()
    };
    let room = if super::kit::folding() {
        frame_w * LABEL_FONT / view.size.budget().0 - vx - margins
    } else {
        f64::INFINITY
    };
    let vy = if compact { 0.0 } else { row_y };
    let v = vpc::draw_in(c, a, view, &o.vpc, (vx, vy), room);

    // The internet above the gap, spanning from the NLB (clear of the control
    // plane's label) to the internet gateway, so both lines drop straight down.
    let cp_label_end = cp.x + 2.0 * INSET + text_width_any(&cp_label(), LABEL_FONT) + PAD;
    let nlb_x = c.get(fixed::API_NLB).map_or(cp.x, |s| s.rect.x);
    let (left, right) = if compact {
        // Over the control plane, no wider than it: the line to the NLB drops
        // straight down, the one to the internet gateway runs across.
        (cp.x, cp.x + PAD)
    } else {
        (
            cp_label_end.max(nlb_x + PAD).min(cp.right() - 40.0),
            v.igw.map_or(v.rect.x + 160.0, |r| r.right()),
        )
    };
    let inet = client_box(
        c,
        ElementId::fixed(fixed::INTERNET),
        Role::Internet,
        text!("Internet", "인터넷"),
        internet_clients(a, o),
        left,
        0.0,
        right - left,
        f64::INFINITY,
    );
    let inet = match &dest {
        Some(d) => super::world_egress::place(c, inet, d, !compact),
        None => inet,
    };

    // Route 53, right of the internet.
    let (mut dns_pub, mut dns_priv) =
        dns_leaves(a, inet.right() + gap() / 2.0, top_h - leaf_h(true));
    if compact {
        // Under the control plane, one above the other.
        dns_pub.rect.x = cp.x;
        dns_pub.rect.y = cp.bottom() + PAD;
        dns_priv.rect.x = cp.x;
        dns_priv.rect.y = dns_pub.rect.bottom() + PAD / 2.0;
    } else if super::kit::folding() {
        // One above the other: the top band stays as wide as the VPC.
        dns_pub.rect.y = 0.0;
        dns_priv.rect.x = dns_pub.rect.x;
        dns_priv.rect.y = dns_pub.rect.bottom() + PAD / 2.0;
    }
    let dns_right = dns_pub.rect.right().max(dns_priv.rect.right());
    let mut left_bottom = if compact {
        dns_priv.rect.bottom()
    } else {
        cp.bottom()
    };
    c.push(dns_pub);
    c.push(dns_priv);

    // Connected networks: right of the VPC; squeezed, under the column left
    // of it (as wide as the control plane) or in the band, right of Route 53,
    // where they fit there (clear of the VPC).
    let mark = c.mark();
    let fits = match sq.nets {
        NetsAt::Under if !a.model.networks.is_empty() => {
            let bottom = networks(c, a, o, (cp.x, left_bottom + 2.0 * PAD), cp.w) - PAD;
            let ok = clear_since(c, mark);
            if ok {
                left_bottom = bottom;
            }
            ok
        }
        NetsAt::Top if !compact => {
            networks(c, a, o, (dns_right + gap() / 2.0, 0.0), f64::INFINITY);
            clear_since(c, mark)
        }
        _ => false,
    };
    if !fits {
        c.truncate(mark);
        networks(c, a, o, (v.rect.right() + gap(), row_y), f64::INFINITY);
    }

    // While the control plane's egress is shown, the endpoint flows' names are
    // left off their lines (dimmed then), clear of its line.
    let lines = WorldOpts {
        flow_labels: o.flow_labels && dest.is_none(),
        ..o.clone()
    };
    edges(c, a, &lines, cp, v.az_top, None);
    if let Some(d) = &dest {
        super::world_egress::edges(c, a, view, d, cp.right() + 6.0);
    }
    left_bottom
}

/// Whether the shapes drawn since `mark` keep clear of the boxes drawn before
/// (the VPCs, the internet, Route 53), with room for a line between.
fn clear_since(c: &Canvas, mark: usize) -> bool {
    let Some(b) = c.bounds_since(mark) else {
        return true;
    };
    let b = b.inflate(PAD / 2.0);
    c.shapes[..mark.min(c.shapes.len())]
        .iter()
        .filter(|s| s.parent.is_none())
        .all(|s| !s.rect.overlaps(&b))
}

/// The connected networks, one above the other from `(x, y)`, each no wider
/// than `max_w` (its clients wrap); returns the bottom of the last.
pub(super) fn networks(
    c: &mut Canvas,
    a: &Analysis,
    o: &WorldOpts,
    (x, y): (f64, f64),
    max_w: f64,
) -> f64 {
    let m = &a.model;
    let mut ny = y;
    for (k, net) in m.networks.iter().enumerate() {
        let kind = match net.kind {
            ConnectionKind::Vpn => "VPN",
            ConnectionKind::DirectConnect => "Direct Connect",
            ConnectionKind::Peering => "VPC peering",
            ConnectionKind::TransitGateway => "Transit Gateway",
        };
        let name = &net.name;
        let cidrs = clip(
            &net.cidrs
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            32,
        );
        let clients: Vec<(ElementId, Text, Text)> = m
            .clients
            .iter()
            .filter_map(|cl| match cl.at {
                ClientAt::Network { network, ip } if network == k => {
                    let n = &cl.name;
                    Some((
                        cl.eid.clone(),
                        text!("kubectl on {n}", "{n}의 kubectl"),
                        client_note(o, n, ip),
                    ))
                }
                _ => None,
            })
            .collect();
        let r = client_box(
            c,
            net.eid.clone(),
            Role::Client,
            text!("{name} · {kind} · {cidrs}", "{name} · {kind} · {cidrs}"),
            clients,
            x,
            ny,
            0.0,
            max_w,
        );
        ny = r.bottom() + PAD;
    }

    ny
}

/// Route 53's two leaves: the public name (at `(x, y)`) and the private hosted
/// zone right of it (dashed, `absent`, with private access off).
pub(super) fn dns_leaves(a: &Analysis, x: f64, y: f64) -> (super::Shape, super::Shape) {
    let cl = &a.model.cluster;
    let mut dns_pub = leaf(
        ElementId::fixed(fixed::DNS_PUBLIC),
        Role::Dns,
        x,
        y,
        text!("Route 53 · public name", "Route 53 · 퍼블릭 이름"),
        Some(public_answer(a)),
    );
    dns_pub.data.push(("host", cl.endpoint_host.clone()));
    let eni = eni_ips(a);
    let mut dns_priv = leaf(
        ElementId::fixed(fixed::DNS_PRIVATE),
        Role::Dns,
        dns_pub.rect.right() + PAD,
        y,
        if cl.endpoint.private() {
            text!(
                "Route 53 · private hosted zone",
                "Route 53 · 프라이빗 호스팅 영역"
            )
        } else {
            text!("No private hosted zone", "프라이빗 호스팅 영역 없음")
        },
        Some(if cl.endpoint.private() {
            text!("→ EKS ENIs {eni}", "→ EKS ENI {eni}")
        } else {
            Text::same("endpointPrivateAccess: false")
        }),
    );
    if !cl.endpoint.private() {
        dns_priv.classes.push("absent");
        dns_priv.data.push(("absent", String::new()));
    }
    (dns_pub, dns_priv)
}

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
