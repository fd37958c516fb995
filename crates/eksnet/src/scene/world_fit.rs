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

#[cfg(test)]
mod tests {
    use crate::scene::{layout, legibility, problems, Role, Scene, SceneKind, SizeClass, View};
    use crate::{analyze, Analysis, Scenario};

    /// The default scenario with six interface endpoints (two rows of the
    /// VPC's band) and two connected networks beside the VPC, one with a
    /// client: larger than the app's frame in its usual layout.
    fn crowded() -> Scenario {
        let mut v: serde_json::Value =
            serde_json::from_str(&Scenario::example().to_json()).expect("JSON");
        let eps: Vec<serde_json::Value> = ["ecr.api", "ecr.dkr", "s3", "sts", "logs", "ec2"]
            .iter()
            .map(|s| {
                serde_json::json!({
                    "serviceName": format!("com.amazonaws.ap-northeast-2.{s}"),
                    "vpcEndpointType": "Interface",
                    "privateDnsEnabled": true
                })
            })
            .collect();
        v["vpc"]["vpcEndpoints"] = serde_json::Value::Array(eps);
        crate::testkit::connect_networks(
            &mut v,
            serde_json::json!([
                {"name": "office", "kind": "vpn", "cidrBlocks": ["10.10.0.0/16"],
                 "resolverInboundEndpoint": false, "routed": true},
                {"name": "datacenter", "kind": "directConnect", "cidrBlocks": ["10.20.0.0/16"],
                 "resolverInboundEndpoint": false, "routed": true}
            ]),
        );
        Scenario::from_json(&v.to_string()).expect("a scenario")
    }

    /// The nodes of node group `g` the scene accounts for: drawn, summed up in
    /// "+N more" boxes, or counted in its parts' labels (`ng-1 · 3 × m5.large`).
    fn nodes_accounted(s: &Scene, a: &Analysis, g: usize) -> usize {
        let ng = &a.model.node_groups[g];
        let mut n = 0;
        for part in s.shapes.iter().filter(|x| {
            x.role == Role::NodeGroup && x.data.iter().any(|(k, v)| *k == "group" && *v == ng.name)
        }) {
            let counted = part.label.en.split(" · ").find_map(|w| {
                w.split_once(" × ")
                    .and_then(|(k, _)| k.parse::<usize>().ok())
            });
            if let Some(k) = counted {
                n += k;
                continue;
            }
            for x in s
                .shapes
                .iter()
                .filter(|x| x.parent.as_ref() == Some(&part.id))
            {
                n += match x.data.iter().find(|(k, _)| *k == "count") {
                    Some((_, c)) => c.parse::<usize>().unwrap_or(0),
                    None => usize::from(x.role == Role::Node),
                };
            }
        }
        n
    }

    #[test]
    fn a_crowded_cluster_is_squeezed_into_the_frame_and_loses_nothing() {
        let a = analyze(&crowded());
        // (The endpoint scene of this cluster does not fit the app's frame
        // yet: its control plane's column is narrower than the Direct Connect
        // network's label, so the networks stay beside the VPC.)
        for scene in [SceneKind::Architecture] {
            for size in [SizeClass::App, SizeClass::Wide] {
                let v = View {
                    scene,
                    size,
                    ..View::default()
                };
                let s = layout(&a, &v);
                let what = format!("{} / {}", scene.slug(), size.slug());
                assert!(
                    legibility(&s, size).holds(),
                    "{what}: {}×{}",
                    s.width,
                    s.height
                );
                assert_eq!(problems(&s), Vec::<String>::new(), "{what}");
                // Every endpoint drawn, or named in the box that counts them.
                let folded = s.shape("vpc#endpoints");
                for e in &a.model.vpc.endpoints {
                    let drawn = s
                        .shapes
                        .iter()
                        .any(|x| x.id.as_str() == format!("vpce:{}", e.service));
                    let named = folded.is_some_and(|f| {
                        let n = f.note.clone().unwrap_or_default();
                        n.en.contains(&e.service) && n.ko.contains(&e.service)
                    });
                    assert!(drawn || named, "{what}: {}", e.service);
                }
                // Every network drawn with its line to the VPC.
                for net in &a.model.networks {
                    assert!(s.shape(net.eid.as_str()).is_some(), "{what}: {}", net.eid);
                    assert!(
                        s.edges.iter().any(|e| e.from == net.eid),
                        "{what}: {}",
                        net.eid
                    );
                }
                // Every node accounted for.
                for (g, _) in a.model.node_groups.iter().enumerate() {
                    let want = a.model.nodes.iter().filter(|n| n.group == g).count();
                    assert_eq!(nodes_accounted(&s, &a, g), want, "{what}: group {g}");
                }
                // etcd drawn, or named in the control plane's details.
                if scene == SceneKind::Architecture {
                    let cp = s.shape("cp").expect("the control plane");
                    assert!(
                        s.shape("cp:etcd").is_some()
                            || cp.note.as_ref().is_some_and(|n| n.en.contains("etcd")),
                        "{what}"
                    );
                }
            }
            // At the app's frame it had to squeeze (the endpoints in one box).
            let v = View {
                scene,
                ..View::default()
            };
            assert!(
                layout(&a, &v).shape("vpc#endpoints").is_some(),
                "{}",
                scene.slug()
            );
        }
    }

    #[test]
    fn the_default_scenario_keeps_its_usual_layout() {
        let a = analyze(&Scenario::example());
        for scene in [SceneKind::Architecture, SceneKind::Endpoint] {
            let s = layout(
                &a,
                &View {
                    scene,
                    ..View::default()
                },
            );
            // The internet and Route 53 in the band above the control plane,
            // the endpoints and nodes as usual.
            let (inet, cp) = (s.shape("internet").unwrap(), s.shape("cp").unwrap());
            assert!(inet.rect.bottom() < cp.rect.y, "{}", scene.slug());
            assert!(s.shape("vpc#endpoints").is_none());
            assert!(
                s.shape("ng:ng-1#subnet-a:more-nodes").is_some(),
                "{}",
                scene.slug()
            );
        }
        assert!(s_has_etcd(&a));
    }

    fn s_has_etcd(a: &Analysis) -> bool {
        layout(
            a,
            &View {
                scene: SceneKind::Architecture,
                ..View::default()
            },
        )
        .shape("cp:etcd")
        .is_some()
    }
}
