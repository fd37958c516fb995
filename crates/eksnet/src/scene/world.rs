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
use super::vpc::{self, shelf, VpcOpts};
use super::{text_width_any, Rect, Role, View};
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

fn leaf(
    id: ElementId,
    role: Role,
    x: f64,
    y: f64,
    label: Text,
    detail: Option<Text>,
) -> super::Shape {
    let w = fit_w(&label, detail.as_ref()).max(110.0);
    let h = leaf_h(detail.is_some());
    shape(id, role, Rect::new(x, y, w, h), label, detail)
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

fn cp_label() -> Text {
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

/// Draws the control-plane VPC with its top-left corner at `(x, y)`; returns its box.
pub(crate) fn control_plane(c: &mut Canvas, a: &Analysis, x: f64, y: f64, full: bool) -> Rect {
    let cp_label = cp_label();
    let more = (full && super::kit::compact()).then(|| {
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
    if full && !super::kit::compact() {
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

/// A box holding client leaves in a row; returns its rectangle.
#[allow(clippy::too_many_arguments)]
fn client_box(
    c: &mut Canvas,
    id: ElementId,
    role: Role,
    label: Text,
    clients: Vec<(ElementId, Text, Text)>,
    x: f64,
    y: f64,
    min_w: f64,
) -> Rect {
    let sizes: Vec<(f64, f64)> = clients
        .iter()
        .map(|(_, l, d)| (fit_w(l, Some(d)).max(120.0), leaf_h(true)))
        .collect();
    let inner: f64 = sizes.iter().map(|s| s.0 + PAD).sum::<f64>() + PAD;
    let w = inner.max(fit_w(&label, None)).max(160.0).max(min_w);
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
fn internet_clients(a: &Analysis, o: &WorldOpts) -> Vec<(ElementId, Text, Text)> {
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

/// Draws the whole picture; edges too.
pub(crate) fn draw(c: &mut Canvas, a: &Analysis, view: &View, o: &WorldOpts) {
    let m = &a.model;
    let cl = &m.cluster;
    let top_h = HEADER + leaf_h(true) + PAD;
    // A small frame stacks the internet, the control plane and Route 53 in one
    // column left of the VPC (the VPC takes the whole height); otherwise the
    // internet and Route 53 stand in a band above both VPCs. Folded, that band
    // only needs room for a labelled line.
    let compact = super::kit::compact();
    let row_y = top_h
        + if compact {
            2.0 * PAD
        } else if super::kit::folding() {
            56.0
        } else {
            gap()
        };
    let cp = control_plane(c, a, 0.0, row_y, o.full_control_plane);
    let vx = cp.right() + gap();
    // Laid out for a frame (second lines folding): the room the frame shows at
    // its label budget, right of the control plane; AZ columns beyond it fold
    // into a "+N more AZs" box.
    let (frame_w, _) = view.size.frame();
    let room = if super::kit::folding() {
        frame_w * LABEL_FONT / view.size.budget().0 - vx
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
    );

    // Route 53, right of the internet.
    let mut dns_pub = leaf(
        ElementId::fixed(fixed::DNS_PUBLIC),
        Role::Dns,
        inet.right() + gap() / 2.0,
        top_h - leaf_h(true),
        text!("Route 53 · public name", "Route 53 · 퍼블릭 이름"),
        Some(public_answer(a)),
    );
    dns_pub.data.push(("host", cl.endpoint_host.clone()));
    let eni = eni_ips(a);
    let mut dns_priv = leaf(
        ElementId::fixed(fixed::DNS_PRIVATE),
        Role::Dns,
        dns_pub.rect.right() + PAD,
        top_h - leaf_h(true),
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
    c.push(dns_pub);
    c.push(dns_priv);

    // Connected networks, right of the VPC.
    let mut ny = row_y;
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
            v.rect.right() + gap(),
            ny,
            0.0,
        );
        ny = r.bottom() + PAD;
    }

    edges(c, a, o, cp, v.az_top);
}

/// The control plane's lines into the customer VPC: out of the API servers' right
/// side, down (or up) the gap between the VPCs, along the free channel above the
/// AZ boxes, down the gutter inside the ENI's AZ box and into the ENI's left side,
/// so that no line passes under another box.
fn eni_route(
    c: &Canvas,
    k: usize,
    to: &ElementId,
    cp: Rect,
    az_top: f64,
) -> Option<Vec<(f64, f64)>> {
    let api = c.get(fixed::API_SERVER)?.rect;
    let eni = c.get(to.as_str())?;
    let subnet = c.get(eni.parent.as_ref()?.as_str())?;
    let az = c.get(subnet.parent.as_ref()?.as_str())?.rect;
    let eni = eni.rect;
    let y0 = api.y + HEADER / 2.0 + 6.0 * k as f64;
    let lane = cp.right() + gap() / 2.0 - 6.0 * k as f64;
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

fn edges(c: &mut Canvas, a: &Analysis, o: &WorldOpts, cp: Rect, az_top: f64) {
    let m = &a.model;
    let cl = &m.cluster;
    let id = ElementId::fixed;
    let lbl = |on: bool, t: Text| on.then_some(t);
    let fl = o.flow_labels && !super::kit::compact();
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
    c.connect_both(&id(fixed::INTERNET), &id(fixed::IGW), Line::Data, igw_label);
    // NAT gateways up to the internet gateway along the upper lane of the
    // channel above the AZs (the lower lane carries the control plane's lines).
    let igw = c.get(fixed::IGW).map(|s| s.rect);
    let n_nat = m.vpc.nat_gateways.len();
    for (k, nat) in m.vpc.nat_gateways.iter().enumerate() {
        let nid = ElementId::nat(&nat.id);
        let (Some(g), Some(r)) = (igw, c.get(nid.as_str()).map(|s| s.rect)) else {
            continue;
        };
        let lane = az_top - super::vpc::channel() + 10.0;
        let gx = g.x + g.w * (k + 1) as f64 / (n_nat + 1) as f64;
        let nx = r.x + r.w / 2.0;
        c.connect_along(
            &nid,
            &id(fixed::IGW),
            vec![(nx, r.y), (nx, lane), (gx, lane), (gx, g.bottom())],
            Line::Data,
            None,
        );
    }
    for (k, e) in m.eks_enis.iter().enumerate() {
        let Some(pts) = eni_route(c, k, &e.eid, cp, az_top) else {
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
        let at = label
            .as_ref()
            .map(|l| (pts[2].0 + 6.0 + small_w(l) / 2.0, pts[2].1 - 5.0));
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
    for net in &m.networks {
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
        c.connect_both(&net.eid, &id(fixed::VPC), line, Some(kind));
    }
}
