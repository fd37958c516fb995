//! Folding a VPC's AZ columns into the room a frame has for them.
//!
//! A VPC whose AZ columns side by side are wider than the room left for them
//! (the 1,000-node cluster's three AZs beside the control plane in an 800×500
//! embed) draws as many columns as fit, and sums the rest up in one "+N more
//! AZs" box whose details name them, with their subnets and nodes. The columns
//! drawn are those the view is about first (the AZ of the flow's node, of the
//! selection), then those holding the EKS-owned ENIs (where the control plane's
//! lines and the kubelet's path land), then the others in order; they keep the
//! VPC's order of AZs.

use super::kit::plural;
use super::View;
use crate::{text, Analysis, Text};

/// The AZs the view is about: those of `focus` (the flow's and the selected
/// nodes) and of a selected AZ, subnet, NAT gateway or EKS-owned ENI.
fn focus_azs<'a>(a: &'a Analysis, view: &View, focus: &[usize]) -> Vec<&'a str> {
    let m = &a.model;
    let mut subnets: Vec<usize> = focus.iter().map(|&n| m.nodes[n].subnet).collect();
    let mut out = Vec::new();
    if let Some(sel) = &view.selection {
        let thing = sel.thing();
        subnets.extend(m.subnets.iter().position(|s| s.eid.as_str() == thing));
        subnets.extend(
            m.eks_enis
                .iter()
                .filter(|e| e.eid.as_str() == thing)
                .map(|e| e.subnet),
        );
        subnets.extend(
            m.vpc
                .nat_gateways
                .iter()
                .filter(|g| g.eid.as_str() == thing)
                .filter_map(|g| g.subnet),
        );
        out.extend(
            m.subnets
                .iter()
                .map(|s| s.az.as_str())
                .filter(|az| thing.strip_prefix("az:") == Some(*az)),
        );
    }
    out.extend(
        subnets
            .into_iter()
            .filter_map(|s| m.subnets.get(s).map(|s| s.az.as_str())),
    );
    out
}

/// Splits `order` (the VPC's AZs) into the ones drawn and the ones folded, when
/// `room` (scene units) holds fewer than all of the columns of `col_w` each
/// (with the VPC's padding `pad`); at least one is drawn. Both keep `order`.
pub(crate) fn split<'a>(
    a: &Analysis,
    view: &View,
    focus: &[usize],
    order: &[&'a str],
    (col_w, pad): (f64, f64),
    room: f64,
) -> (Vec<&'a str>, Vec<&'a str>) {
    let fit = ((room - pad) / (col_w + pad)).floor().max(1.0) as usize;
    if order.len() <= fit {
        return (order.to_vec(), Vec::new());
    }
    let m = &a.model;
    let eni_azs = m
        .eks_enis
        .iter()
        .filter_map(|e| m.subnets.get(e.subnet).map(|s| s.az.as_str()));
    let mut keep: Vec<&str> = Vec::new();
    for az in focus_azs(a, view, focus)
        .into_iter()
        .chain(eni_azs)
        .chain(order.iter().copied())
    {
        if keep.len() < fit && order.contains(&az) && !keep.contains(&az) {
            keep.push(az);
        }
    }
    order.iter().partition(|az| keep.contains(az))
}

/// The summary box's label and details: "+N more AZs", and per folded AZ its
/// subnets and nodes.
pub(crate) fn summary(a: &Analysis, folded: &[&str]) -> (Text, Text) {
    let n = folded.len();
    let w = plural(n, "AZ", "AZs");
    let label = text!("+{n} more {w}", "가용 영역 {n}개 더");
    let m = &a.model;
    let parts: Vec<(String, usize, usize)> = folded
        .iter()
        .map(|az| {
            let subnets = m.subnets.iter().filter(|s| s.az == *az).count();
            let nodes = m
                .nodes
                .iter()
                .filter(|nd| m.subnets.get(nd.subnet).is_some_and(|s| s.az == *az))
                .count();
            (az.to_string(), subnets, nodes)
        })
        .collect();
    let en = parts
        .iter()
        .map(|(az, s, nd)| {
            let (sw, nw) = (
                plural(*s, "subnet", "subnets"),
                plural(*nd, "node", "nodes"),
            );
            format!("{az}: {s} {sw}, {nd} {nw}")
        })
        .collect::<Vec<_>>()
        .join("; ");
    let ko = parts
        .iter()
        .map(|(az, s, nd)| format!("{az}: 서브넷 {s}개, 노드 {nd}대"))
        .collect::<Vec<_>>()
        .join("; ");
    (label, Text { en, ko })
}

#[cfg(test)]
mod tests {
    use super::super::{layout, problems, SceneKind, SizeClass};
    use super::*;
    use crate::trace::Flow;
    use crate::{analyze, generate, ElementId};

    fn view(scene: SceneKind, size: SizeClass) -> View {
        View {
            scene,
            size,
            ..View::default()
        }
    }

    fn azs(s: &super::super::Scene) -> Vec<&str> {
        s.shapes
            .iter()
            .filter_map(|x| x.id.as_str().strip_prefix("az:"))
            .collect()
    }

    #[test]
    fn a_small_frame_folds_the_third_az_into_a_summary() {
        let a = analyze(&generate::large(1_000, 20));
        for scene in [SceneKind::Architecture, SceneKind::Endpoint] {
            for size in [SizeClass::Embed, SizeClass::App] {
                let s = layout(&a, &view(scene, size));
                // The AZs of the EKS-owned ENIs (the cluster's subnets) stay.
                assert_eq!(azs(&s), ["ap-northeast-2a", "ap-northeast-2b"]);
                let more = s.shape("vpc#more-azs").expect("summary box");
                assert_eq!(more.label.en, "+1 more AZ");
                assert_eq!(more.label.ko, "가용 영역 1개 더");
                // Folded into the selection's details (not drawn).
                let d = more.note.as_ref().unwrap();
                assert_eq!(d.en, "ap-northeast-2c: 1 subnet, 333 nodes");
                assert_eq!(d.ko, "ap-northeast-2c: 서브넷 1개, 노드 333대");
                assert!(s.shape("eks-eni:0").is_some() && s.shape("eks-eni:1").is_some());
                assert_eq!(problems(&s), Vec::<String>::new());
            }
            // A wide screen has room for all three.
            let s = layout(&a, &view(scene, SizeClass::Wide));
            assert_eq!(azs(&s).len(), 3);
            assert!(s.shape("vpc#more-azs").is_none());
        }
    }

    #[test]
    fn the_flow_and_the_selection_keep_their_az() {
        let a = analyze(&generate::large(1_000, 20));
        let n = a
            .model
            .nodes
            .iter()
            .find(|n| a.model.subnets[n.subnet].az == "ap-northeast-2c")
            .unwrap();
        let mut v = view(SceneKind::Endpoint, SizeClass::Embed);
        v.flow = Some(Flow::Exec {
            node: n.name.clone(),
        });
        let s = layout(&a, &v);
        assert!(azs(&s).contains(&"ap-northeast-2c"));
        assert!(s.shape(n.eid.as_str()).is_some());
        // The flow's node first, then an ENI's AZ: two columns in all.
        assert_eq!(azs(&s).len(), 2);
        assert!(s.shape("vpc#more-azs").is_some());

        let mut v = view(SceneKind::Architecture, SizeClass::Embed);
        v.selection = Some(ElementId::az("ap-northeast-2c"));
        let s = layout(&a, &v);
        assert!(azs(&s).contains(&"ap-northeast-2c"));
    }

    #[test]
    fn nothing_folds_when_the_columns_fit() {
        let a = analyze(&generate::large(30, 20));
        let v = view(SceneKind::Architecture, SizeClass::App);
        let order = ["x", "y", "z"];
        let (keep, fold) = split(&a, &v, &[], &order, (200.0, 16.0), 3.0 * 216.0 + 16.0);
        assert_eq!((keep, fold.len()), (order.to_vec(), 0));
        let (keep, fold) = split(&a, &v, &[], &order, (200.0, 16.0), 100.0);
        assert_eq!((keep.len(), fold.len()), (1, 2));
    }
}
