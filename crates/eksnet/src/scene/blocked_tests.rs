//! What blocks is drawn as blocked: for every blocked verdict of the flows of
//! the default and the test scenarios, every scene that draws the blocking
//! component marks it, and the stylesheet's blocked style outranks every role's
//! own (an isolated subnet, a failed step), so the mark shows whatever the
//! component's style.

use super::*;
use crate::{analyze, Analysis, Scenario};

/// Every flow worth tracing in `a`: kubectl from each client, the node flows of
/// the first two nodes, each Service.
fn flows(a: &Analysis) -> Vec<Flow> {
    let m = &a.model;
    let mut out: Vec<String> = m
        .clients
        .iter()
        .map(|c| format!("kubectl:{}", c.name))
        .collect();
    for n in m.nodes.iter().take(2) {
        for k in ["kubelet", "exec", "webhook", "pull"] {
            out.push(format!("{k}:{}", n.name));
        }
    }
    for s in &a.lbs.services {
        out.push(format!("svc:{}/{}", s.namespace, s.name));
    }
    out.iter().filter_map(|f| Flow::parse(f).ok()).collect()
}

/// The test scenarios: the default, private-only, nodes without a way out, and
/// isolated subnets (no default route).
fn scenarios() -> Vec<(&'static str, Scenario)> {
    let mut no_way_out = Scenario::example();
    for n in &mut no_way_out.node_groups[0].nodes {
        n.public_ip = None;
    }
    no_way_out.node_groups[0].associate_public_ip_address = Some(false);
    for s in &mut no_way_out.vpc.subnets {
        s.map_public_ip_on_launch = false;
    }
    let mut isolated = no_way_out.clone();
    for s in &mut isolated.vpc.subnets {
        s.default_route = None;
    }
    let mut out = vec![
        ("default", Scenario::example()),
        ("no way out", no_way_out),
        ("isolated", isolated),
    ];
    if let Ok(p) = Scenario::from_json(include_str!("../../../../docs/examples/private-only.json"))
    {
        out.push(("private-only", p));
    }
    out
}

#[test]
fn every_blocking_component_is_marked_where_it_is_drawn() {
    let mut verdicts = 0;
    let mut marks = 0;
    for (what, sc) in scenarios() {
        let a = analyze(&sc);
        for f in flows(&a) {
            let t = crate::trace(&a, &f);
            let Some(at) = t.blocked_at() else { continue };
            verdicts += 1;
            for scene in SceneKind::ALL {
                let v = View {
                    scene,
                    flow: Some(f.clone()),
                    ..View::default()
                };
                let s = layout(&a, &v);
                if let Some(sh) = s.shape(at.as_str()) {
                    marks += 1;
                    assert!(
                        sh.state.blocked && crate::svg::shape_classes(sh).contains(" blocked"),
                        "{what} / {f} / {}: {at} is drawn but not marked blocked",
                        scene.slug()
                    );
                    assert!(!sh.state.dimmed, "{what} / {f}: {at} is dimmed");
                }
            }
        }
    }
    // The scenarios do block flows, and scenes draw the blockers.
    assert!(verdicts >= 3, "{verdicts} blocked verdicts");
    assert!(marks >= 3, "{marks} marks");
}

/// Specificity of a selector as (class-like, element) counts: classes,
/// attribute selectors and pseudo-classes, then element names.
fn specificity(sel: &str) -> (usize, usize) {
    let classes = sel.matches('.').count() + sel.matches('[').count() + sel.matches(':').count();
    let elements = sel
        .split(|c: char| c.is_whitespace() || c == '>')
        .filter(|t| t.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .count();
    (classes, elements)
}

#[test]
fn the_blocked_style_outranks_every_shape_style() {
    let css = crate::svg::SCENE_CSS;
    // (position, selector) of every rule that styles a shape's rectangle.
    let mut rules = Vec::new();
    for (i, block) in css.split('}').enumerate() {
        let Some((head, body)) = block.split_once('{') else {
            continue;
        };
        let head = head.rsplit("*/").next().unwrap_or(head);
        if !(body.contains("stroke") || body.contains("fill")) {
            continue;
        }
        for sel in head.split(',') {
            let sel = sel.trim();
            if sel.ends_with("> rect") {
                rules.push((i, sel.to_string()));
            }
        }
    }
    let blocked: Vec<&(usize, String)> = rules
        .iter()
        .filter(|(_, s)| s.contains(".shape.blocked"))
        .collect();
    let [(at, sel)] = blocked.as_slice() else {
        panic!("one blocked shape rule expected: {blocked:?}");
    };
    let mine = specificity(sel);
    assert!(rules.len() > 20, "{} shape rules", rules.len());
    for (i, other) in &rules {
        if other == sel {
            continue;
        }
        let theirs = specificity(other);
        assert!(
            theirs < mine || (theirs == mine && i < at),
            "`{other}` outranks `{sel}`"
        );
    }
}
