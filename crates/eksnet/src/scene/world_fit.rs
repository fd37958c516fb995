//! Fitting a scene drawn with the customer VPC into its frame: where the usual
//! layout is larger than the frame shows at its label budget (a random cluster
//! with two VPC endpoints' rows, nodes summed up on rows of their own, connected
//! networks beside the VPC, a control plane taller than it), the scene is laid
//! out again with what [`Squeeze`] gives up, step by step, until it fits.
//!
//! Every step moves a part into a box's details, counts it or puts it where
//! there is room (the connected networks under the control plane or in the band
//! above; the internet and Route 53 in the column left of the VPC, as a small
//! frame draws them); none drops anything or shrinks a font. Frames the usual
//! layout fits (the default scenario, the 1,000-node cluster) keep it, and a
//! small frame (an embed, a phone) has layouts of its own.

use super::vpc::{NetsAt, Squeeze};
use super::{legibility, Scene, View};

/// The steps, in order, after the usual layout: what the VPC block gives up
/// (endpoints as one box, nodes counted in their group's label, one-word
/// subnet kinds), then the band above the VPCs (stacked left of the VPC), then
/// the control plane's other components (into its details), then the band in
/// the VPC's label row; each with the connected networks beside the VPC, under
/// the left column or (with the band) in it.
pub(crate) fn ladder(has_nets: bool) -> Vec<Squeeze> {
    let vpc = Squeeze {
        fold_endpoints: true,
        nodes_in_label: true,
        short_kinds: true,
        ..Squeeze::default()
    };
    let stack = Squeeze { stack: true, ..vpc };
    let short = Squeeze {
        short_cp: true,
        ..stack
    };
    let label = Squeeze {
        band_in_label: true,
        ..short
    };
    let mut out = Vec::new();
    for s in [vpc, stack, short, label] {
        out.push(s);
        if has_nets {
            out.push(Squeeze {
                nets: NetsAt::Under,
                ..s
            });
            if !s.stack {
                out.push(Squeeze {
                    nets: NetsAt::Top,
                    ..s
                });
            }
        }
    }
    out
}

/// The scene `build` lays out for the view's frame: the usual layout if it
/// fits (or the frame is a small one, with layouts of its own), else the first
/// of `steps` that fits, else the most legible of them all (the usual layout
/// on a tie).
pub(crate) fn fitted(view: &View, steps: &[Squeeze], build: impl Fn(Squeeze) -> Scene) -> Scene {
    let first = build(Squeeze::default());
    if super::kit::compact() || legibility(&first, view.size).holds() {
        return first;
    }
    let px = |s: &Scene| legibility(s, view.size).label_px;
    let mut best_px = px(&first);
    let mut best = first;
    for &sq in steps {
        let s = build(sq);
        if legibility(&s, view.size).holds() {
            return s;
        }
        let p = px(&s);
        if p > best_px + 1e-9 {
            best_px = p;
            best = s;
        }
    }
    best
}
