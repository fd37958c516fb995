//! The customer VPC as a block of a scene: AZ columns of subnets holding EKS-owned
//! ENIs, NAT gateways, bastions and each node group's nodes; a band at the top with
//! the internet gateway, the VPC resolver and the VPC endpoints; a band at the
//! bottom with the security groups.
//!
//! Large clusters stay small: at most `max_nodes` nodes of a node group are drawn
//! per subnet, the rest summed up in one "+N more" box; nodes the view is about (the
//! flow's node, the selection) are always among those drawn.

use std::collections::BTreeMap;

use super::kit::{fit_w, shape, Canvas, HEADER, PAD};
pub(crate) use super::vpc_facts::{
    az_count, focus_nodes, node_label, shelf, shelf_right, subnet_box_text, subnet_kind,
    subnet_label,
};
use super::vpc_items::{band_items, join_note, security_group_items, subnet_items, Item};
use super::vpc_nodes::{draw_part, node_cols, node_size, part_label};
use super::{Rect, Role, SizeClass, View};
use crate::ids::fixed;
use crate::scenario::NodeGroupKind;
use crate::{text, Analysis, ElementId, Text};

/// Height of the free channel between the top band and the AZ boxes.
pub(crate) const CHANNEL: f64 = 40.0;

/// The channel under the VPC's band: [`CHANNEL`], or (in a small frame, where
/// the control plane's lines carry no label under the band) room for one line.
pub(crate) fn channel() -> f64 {
    if super::kit::compact() {
        CHANNEL * 0.6
    } else {
        CHANNEL
    }
}

/// Where the block's main pieces ended up.
#[derive(Debug, Clone)]
pub(crate) struct VpcBlock {
    /// The VPC box.
    pub rect: Rect,
    /// The internet gateway, if drawn.
    pub igw: Option<Rect>,
    /// Top of the AZ boxes: the free channel between the top band and the AZs is
    /// just above it.
    pub az_top: f64,
}

/// What the VPC block shows.
#[derive(Debug, Clone)]
pub(crate) struct VpcOpts {
    /// Nodes drawn per node group and subnet.
    pub max_nodes: usize,
    /// Node boxes per row inside a node group's part of a subnet.
    pub node_cols: usize,
    /// Draw the VPC endpoints and the resolver.
    pub services: bool,
    /// Draw the security groups.
    pub security_groups: bool,
    /// Show nodes' public addresses.
    pub public_ips: bool,
    /// A second line for clients, by client name (where each resolves the
    /// endpoint); the client's address when absent.
    pub client_notes: BTreeMap<String, Text>,
    /// Pods drawn inside each node (0: nodes are plain boxes).
    pub pods: usize,
    /// What the block gives up where the usual layout does not fit the frame.
    pub squeeze: Squeeze,
}

/// What a scene gives up, where its usual layout does not fit its frame at the
/// label budget (see [`super::world::fitted`], [`super::pod_network`]): each
/// moves a part into a box's details, counts it or puts it where there is room,
/// never drops it, and never shrinks a font. `Squeeze::default()` is the usual
/// layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Squeeze {
    /// The VPC's band (its gateways and endpoints) in its label row, right of
    /// the label, when it fits there.
    pub band_in_label: bool,
    /// Two or more VPC endpoints as one "VPC endpoints: k" box, each named in
    /// its details (not while an image pull, which may use them, is shown).
    pub fold_endpoints: bool,
    /// A node group's nodes counted in its label (`ng-1 · 3 × m5.large`), no
    /// "+N more nodes" row under the nodes drawn.
    pub nodes_in_label: bool,
    /// Subnets labelled with a one-word kind (`private`), the route's target
    /// in their details.
    pub short_kinds: bool,
    /// The internet, the control plane and Route 53 in one column left of the
    /// VPC (as in a small frame), no band above the two VPCs.
    pub stack: bool,
    /// The control plane's etcd, scheduler and controller managers named in
    /// its details (as in a small frame).
    pub short_cp: bool,
    /// Where the connected networks stand: beside the VPC (`Right`), under the
    /// column left of it, or in the band above it.
    pub nets: NetsAt,
}

/// Where the two-VPC picture puts the connected networks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum NetsAt {
    /// Right of the customer VPC.
    #[default]
    Right,
    /// Under the column left of the VPC (the control plane's).
    Under,
    /// In the band above the VPCs, right of Route 53.
    Top,
}

/// Node groups' nodes, by (subnet, node group); every Fargate profile has a
/// (possibly empty) part in each of its subnets.
pub(super) type Parts = BTreeMap<(usize, usize), Vec<usize>>;

/// The VPC's AZs in order of first appearance, and each AZ's subnets.
fn subnets_by_az(a: &Analysis) -> (Vec<&str>, BTreeMap<&str, Vec<usize>>) {
    let mut az_order: Vec<&str> = Vec::new();
    let mut by_az: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in a.model.subnets.iter().enumerate() {
        if !az_order.contains(&s.az.as_str()) {
            az_order.push(&s.az);
        }
        by_az.entry(&s.az).or_default().push(i);
    }
    (az_order, by_az)
}

/// Nodes per (subnet, node group).
fn node_parts(a: &Analysis) -> Parts {
    let m = &a.model;
    let mut parts: Parts = BTreeMap::new();
    for (i, n) in m.nodes.iter().enumerate() {
        parts.entry((n.subnet, n.group)).or_default().push(i);
    }
    for (g, ng) in m.node_groups.iter().enumerate() {
        if ng.kind == NodeGroupKind::Fargate {
            for &s in &ng.subnets {
                parts.entry((s, g)).or_default();
            }
        }
    }
    parts
}

/// The width of every subnet box: room for a row of nodes, the subnets' labels
/// and the node groups' labels.
fn subnet_width(a: &Analysis, o: &VpcOpts, parts: &Parts, node_w: f64) -> f64 {
    let cols = node_cols(a, o) as f64;
    let part_w_min = cols * node_w + (cols + 1.0) * PAD;
    let mut subnet_w = part_w_min + 2.0 * PAD;
    for i in 0..a.model.subnets.len() {
        subnet_w = subnet_w.max(fit_w(&subnet_text(a, o, i).0, None));
    }
    for (&(_, g), nodes) in parts.iter() {
        subnet_w = subnet_w.max(fit_w(&part_label(a, o, g, nodes.len()), None) + 2.0 * PAD);
    }
    for it in subnet_items(a, o).iter().flatten() {
        subnet_w = subnet_w.max(it.size().0 + 2.0 * PAD);
    }
    subnet_w
}

/// Subnet `i`'s box text, one-word kinds where the block is squeezed.
fn subnet_text(a: &Analysis, o: &VpcOpts, i: usize) -> (Text, Option<Text>) {
    if o.squeeze.short_kinds {
        super::vpc_facts::subnet_box_text_short(a, i)
    } else {
        subnet_box_text(a, i)
    }
}

/// The VPC box's label: its id and CIDRs.
fn vpc_label(a: &Analysis) -> Text {
    let m = &a.model;
    let cidrs = m
        .vpc
        .cidrs
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let vpc_id = &m.vpc.id;
    text!("VPC {vpc_id} · {cidrs}", "VPC {vpc_id} · {cidrs}")
}

/// What every subnet of the VPC is drawn with.
struct SubnetLayout<'a> {
    o: &'a VpcOpts,
    focus: &'a [usize],
    parts: &'a Parts,
    /// Width of a subnet box.
    subnet_w: f64,
    /// Width of a node group's part of a subnet.
    part_w: f64,
    /// Size of a node box.
    node: (f64, f64),
}

/// Subnet `si` with its top-left corner at `(sx, sy)` in AZ box `az_id`: its
/// small items shelved from the right, then its node groups' parts. Returns its
/// height.
fn draw_subnet(
    c: &mut Canvas,
    a: &Analysis,
    l: &SubnetLayout,
    az_id: &ElementId,
    si: usize,
    its: Vec<Item>,
    (sx, sy): (f64, f64),
) -> f64 {
    let (role, _, class) = subnet_kind(a, si);
    let (label, full) = subnet_text(a, l.o, si);
    let mut sh = shape(
        a.model.subnets[si].eid.clone(),
        role,
        Rect::new(sx, sy, l.subnet_w, 0.0),
        label,
        full,
    );
    sh.classes.extend(class);
    sh.note = join_note(sh.note.take(), super::vpc_facts::route_table_note(a, si));
    sh.note = join_note(sh.note.take(), super::vpc_facts::network_acl_note(a, si));
    let sid = c.child(az_id, sh);
    let mut cy = sy + HEADER;
    // Small items.
    let sizes: Vec<(f64, f64)> = its.iter().map(Item::size).collect();
    let (rects, h) = shelf_right(&sizes, sx + PAD, cy, l.subnet_w - 2.0 * PAD);
    for (it, r) in its.into_iter().zip(rects) {
        push_item(c, &sid, it, r);
    }
    if h > 0.0 {
        cy += h + PAD;
    }
    // Node groups' parts.
    for (&(s, g), nodes) in l.parts.range((si, 0)..(si + 1, 0)) {
        debug_assert_eq!(s, si);
        let h = draw_part(
            c,
            a,
            &sid,
            g,
            s,
            nodes,
            l.o,
            l.focus,
            (sx + PAD, cy),
            l.part_w,
            l.node,
        );
        cy += h + PAD;
    }
    let sh_h = (cy - sy).max(HEADER + PAD);
    if let Some(s) = c.get_mut(sid.as_str()) {
        s.rect.h = sh_h;
    }
    sh_h
}

/// The AZ columns side by side from `(inner_x, az_y)` inside the VPC box, each
/// with its subnets stacked; all as high as the highest. Returns that height.
/// On a phone (`stacked`) the AZs stand one above the other instead, each as
/// high as its subnets.
#[allow(clippy::too_many_arguments)]
fn draw_azs(
    c: &mut Canvas,
    a: &Analysis,
    l: &SubnetLayout,
    vpc: &ElementId,
    az_order: &[&str],
    by_az: &BTreeMap<&str, Vec<usize>>,
    mut items: Vec<Vec<Item>>,
    (inner_x, az_y): (f64, f64),
    stacked: bool,
) -> f64 {
    let az_w = l.subnet_w + 2.0 * PAD;
    let mut az_bottom = az_y;
    let mut az_ids = Vec::new();
    let mut next_y = az_y;
    for (k, az) in az_order.iter().enumerate() {
        let (ax, az_y) = if stacked {
            (inner_x, next_y)
        } else {
            (inner_x + k as f64 * (az_w + PAD), az_y)
        };
        let azl = az.to_string();
        let az_text = text!("AZ {azl}", "가용 영역 {azl}");
        let az_id = c.child(
            vpc,
            shape(
                ElementId::az(az),
                Role::Az,
                Rect::new(ax, az_y, az_w, 0.0),
                az_text,
                None,
            ),
        );
        az_ids.push(az_id.clone());
        let mut sy = az_y + HEADER;
        for &si in by_az.get(az).map(Vec::as_slice).unwrap_or(&[]) {
            let its = std::mem::take(&mut items[si]);
            let sh_h = draw_subnet(c, a, l, &az_id, si, its, (ax + PAD, sy));
            sy += sh_h + PAD;
        }
        az_bottom = az_bottom.max(sy);
        if stacked {
            let h = (sy - az_y).max(HEADER + PAD);
            if let Some(s) = c.get_mut(az_id.as_str()) {
                s.rect.h = h;
            }
            next_y = az_y + h + PAD;
        }
    }
    let az_h = (az_bottom - az_y).max(HEADER + PAD);
    if stacked {
        return (next_y - PAD - az_y).max(HEADER + PAD);
    }
    for id in &az_ids {
        if let Some(s) = c.get_mut(id.as_str()) {
            s.rect.h = az_h;
        }
    }
    az_h
}

/// Draws the VPC with its top-left corner at `(x, y)`.
pub(crate) fn draw(
    c: &mut Canvas,
    a: &Analysis,
    view: &View,
    o: &VpcOpts,
    x: f64,
    y: f64,
) -> VpcBlock {
    draw_in(c, a, view, o, (x, y), f64::INFINITY)
}

/// Draws the VPC with its top-left corner at `(x, y)`, its AZ columns folded
/// into a "+N more AZs" box where more than fit in `room` (scene units; see
/// [`super::az_fold`]).
pub(crate) fn draw_in(
    c: &mut Canvas,
    a: &Analysis,
    view: &View,
    o: &VpcOpts,
    (x, y): (f64, f64),
    room: f64,
) -> VpcBlock {
    let focus = focus_nodes(a, view);
    let (all_azs, by_az) = subnets_by_az(a);
    let parts = node_parts(a);
    let node = node_size(a, o, &parts, &focus);
    let subnet_w = subnet_width(a, o, &parts, node.0);
    let items = subnet_items(a, o);
    let mut band = band_items(a, o, view);
    let sgs = security_group_items(a, o);

    // Geometry, top-down. First the AZ columns, to know the VPC width.
    let az_w = subnet_w + 2.0 * PAD;
    let (az_order, folded) = super::az_fold::split(a, view, &focus, &all_azs, (az_w, PAD), room);
    if !folded.is_empty() {
        let (label, detail) = super::az_fold::summary(a, &folded);
        band.push(Item {
            id: ElementId::fixed(fixed::VPC).part("more-azs"),
            role: Role::Az,
            label,
            detail: Some(detail),
            classes: vec!["aggregate"],
        });
    }
    // A phone stacks the AZs (and wraps the band): the VPC is one AZ wide.
    let stacked = view.size == SizeClass::Phone;
    let n_az = if stacked {
        1.0
    } else {
        az_order.len().max(1) as f64
    };
    let vpc_label = vpc_label(a);
    let band_row: Vec<f64> = band
        .iter()
        .filter(|b| b.role != Role::Az)
        .map(|b| b.size().0 + PAD)
        .collect();
    // The band widens the VPC by its widest item at most: a band wider than
    // the AZs wraps into rows (fewer AZs than gateways and endpoints would
    // otherwise draw the VPC, and so the scene, wider than its frame), but in
    // a wide frame. The "+N more AZs" box widens nothing: it wraps under the
    // band.
    let widest = band_row.iter().copied().fold(0.0, f64::max);
    let azs_w = n_az * (az_w + PAD) + PAD;
    let band_w_max = if stacked {
        widest
    } else if view.size == SizeClass::Wide {
        // A wide frame has room across and little down: one row.
        band_row.iter().sum::<f64>()
    } else {
        band_row
            .iter()
            .sum::<f64>()
            .min((azs_w - PAD).max(widest + widest.min(band_row.iter().sum::<f64>() - widest)))
    };
    let vpc_w = azs_w
        .max(fit_w(&vpc_label, None))
        .max(band_w_max + PAD)
        .max(
            sgs.iter()
                .map(|b| b.size().0 + 2.0 * PAD)
                .fold(0.0, f64::max),
        );
    let inner_x = x + PAD;
    let inner_w = vpc_w - 2.0 * PAD;
    let band_sizes: Vec<(f64, f64)> = band.iter().map(Item::size).collect();
    let (mut band_rects, band_h) = shelf(&band_sizes, inner_x, y + HEADER, inner_w);
    // Under the band, a channel wide enough for a labelled line (see `az_top`).
    let mut az_y = y
        + HEADER
        + if band.is_empty() {
            0.0
        } else {
            band_h + channel()
        };
    // A small frame with no lines into the band (no services drawn: the pod
    // network) puts the band in the VPC's label row, right-aligned, when it
    // fits there.
    let band_w: f64 = band_sizes.iter().map(|b| b.0 + PAD).sum();
    let in_label = (super::kit::compact() && !o.services) || o.squeeze.band_in_label;
    if in_label && !band.is_empty() && fit_w(&vpc_label, None) + band_w + PAD <= vpc_w {
        let mut bx = x + vpc_w - band_w;
        for (r, b) in band_rects.iter_mut().zip(&band_sizes) {
            *r = Rect::new(bx, y + PAD / 3.0, b.0, b.1);
            bx += b.0 + PAD;
        }
        let bottom = band_rects
            .iter()
            .map(Rect::bottom)
            .fold(y + HEADER, f64::max);
        // Lines into the band (services drawn) keep their channel under it.
        az_y = bottom + if o.services { channel() } else { PAD / 2.0 };
    }

    let vpc_id_e = c.push(shape(
        ElementId::fixed(fixed::VPC),
        Role::Vpc,
        Rect::new(x, y, vpc_w, 0.0),
        vpc_label,
        None,
    ));
    let mut igw = None;
    for (it, r) in band.into_iter().zip(band_rects) {
        if it.id.as_str() == fixed::IGW {
            igw = Some(r);
        }
        push_item(c, &vpc_id_e, it, r);
    }

    // Stacked, the AZs and their subnets take the VPC's width.
    let subnet_w = if stacked {
        subnet_w.max(inner_w - 2.0 * PAD)
    } else {
        subnet_w
    };
    let l = SubnetLayout {
        o,
        focus: &focus,
        parts: &parts,
        subnet_w,
        part_w: subnet_w - 2.0 * PAD,
        node,
    };
    let az_h = draw_azs(
        c,
        a,
        &l,
        &vpc_id_e,
        &az_order,
        &by_az,
        items,
        (inner_x, az_y),
        stacked,
    );
    let mut bottom = az_y + az_h + PAD;
    if !sgs.is_empty() {
        let sizes: Vec<(f64, f64)> = sgs.iter().map(Item::size).collect();
        let (rects, h) = shelf(&sizes, inner_x, bottom, inner_w);
        for (it, r) in sgs.into_iter().zip(rects) {
            push_item(c, &vpc_id_e, it, r);
        }
        bottom += h + PAD;
    }
    let rect = Rect::new(x, y, vpc_w, bottom - y);
    if let Some(s) = c.get_mut(vpc_id_e.as_str()) {
        s.rect = rect;
    }
    VpcBlock {
        rect,
        igw,
        az_top: az_y,
    }
}

fn push_item(c: &mut Canvas, parent: &ElementId, it: Item, r: Rect) {
    let mut sh = shape(it.id, it.role, r, it.label, it.detail);
    sh.classes = it.classes;
    c.child(parent, sh);
}
