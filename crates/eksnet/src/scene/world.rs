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

use super::kit::{clip, fit_w, leaf_h, shape, Canvas, HEADER, INSET, LABEL_FONT, PAD};
use super::vpc::{self, shelf, NetsAt, Squeeze, VpcOpts};
use super::world_cp::{control_plane, cp_label, leaf};
use super::{text_width_any, Rect, Role, SizeClass, View};
use crate::ids::fixed;
use crate::model::ClientAt;
use crate::scenario::ConnectionKind;
use crate::{text, Analysis, ElementId, Text};

pub(super) use super::world_edges::{edges, Lanes};

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
pub(super) fn gap() -> f64 {
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
        // Name, kind and ranges; a part the scenario leaves empty is left
        // out, not drawn as an empty slot between dots.
        let label = [name.as_str(), kind, cidrs.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
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
            Text::same(label),
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
