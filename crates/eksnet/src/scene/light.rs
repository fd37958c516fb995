//! Path lighting: a [`Trace`] drawn onto a [`Scene`].
//!
//! Each hop names the element it is at. [`light`] marks the drawn element of
//! every hop up to the current step `on_path`, the one at the step `current`, the
//! component of a blocked verdict `blocked`, and dims everything else except the
//! containers of lit elements. Consecutive hops are joined by an edge carrying the
//! hop index (`step`): an edge of the scene when one joins the two elements in
//! that direction, otherwise a new `flow:` edge routed between them. A DNS hop is
//! a question, not a place the packet passes: it is joined to the hop that asks
//! with a dashed line, and the path goes on from the asker.
//!
//! A hop at a box holding its neighbour (the subnet around a node) and a security
//! group's check are lit but not joined, unless the flow is blocked there.
//!
//! A hop whose element is not drawn falls back to what is: a node ENI
//! (`eni:<node>:<n>`) to its node, a part (`x#y`) to its thing; otherwise the hop
//! lights nothing and the path joins its neighbours.

use super::kit::route;
use super::{Edge, PathState, Scene};
use crate::{ElementId, Link, Trace};

/// The drawn shape standing for `id`, if any.
fn resolve(scene: &Scene, id: &ElementId) -> Option<usize> {
    let find = |s: &str| scene.shapes.iter().position(|x| x.id.as_str() == s);
    if let Some(i) = find(id.as_str()) {
        return Some(i);
    }
    if let Some(i) = find(id.thing()) {
        return Some(i);
    }
    let s = id.as_str();
    if let Some(rest) = s.strip_prefix("eni:") {
        if let Some((node, _)) = rest.rsplit_once(':') {
            return find(&format!("node:{node}"));
        }
    }
    None
}

/// Lights `trace` on `scene` up to hop `step` (every hop when `None`). Pure and
/// idempotent: lighting again first clears what an earlier call did.
pub fn light(scene: &mut Scene, trace: &Trace, step: Option<usize>) {
    scene.edges.retain(|e| !e.id.starts_with("flow:"));
    for s in &mut scene.shapes {
        s.state = PathState::default();
    }
    for e in &mut scene.edges {
        e.state = PathState::default();
        e.step = None;
    }
    if trace.hops.is_empty() {
        return;
    }
    let last = trace.hops.len() - 1;
    let upto = step.map_or(last, |s| s.min(last));
    let blocked_hop = trace
        .blocked_at()
        .and_then(|b| trace.hops.iter().rposition(|h| &h.at == b).or(Some(last)));

    // Shapes.
    let drawn: Vec<Option<usize>> = trace.hops.iter().map(|h| resolve(scene, &h.at)).collect();
    for (i, d) in drawn.iter().enumerate() {
        let Some(k) = *d else { continue };
        let st = &mut scene.shapes[k].state;
        if i <= upto {
            st.on_path = true;
        }
        if step.is_some() && i == upto {
            st.current = true;
        }
    }
    if let (Some(b), Some(at)) = (blocked_hop, trace.blocked_at()) {
        if b <= upto {
            if let Some(k) = resolve(scene, at) {
                scene.shapes[k].state.blocked = true;
            }
        }
    }

    // Edges between consecutive drawn hops. A hop at a box holding its
    // neighbour (the subnet a packet crosses on its way out of a node, the
    // internet around a client) is lit but not joined: the line goes from the
    // neighbour itself.
    let holds = |scene: &Scene, outer: usize, inner: usize| {
        outer != inner && scene.shapes[outer].rect.contains(&scene.shapes[inner].rect)
    };
    let mut prev: Option<usize> = None;
    for (i, hop) in trace.hops.iter().enumerate() {
        let Some(k) = drawn[i] else { continue };
        let dns = hop.link == Link::Dns;
        let next = drawn[i + 1..].iter().flatten().find(|&&n| n != k).copied();
        let around =
            prev.is_some_and(|p| holds(scene, k, p)) || next.is_some_and(|n| holds(scene, k, n));
        // A security group is a check, not a place: lit, joined only where it blocks.
        let check = hop.link == Link::SecurityGroup && blocked_hop != Some(i);
        if (around || check) && !dns {
            continue;
        }
        if let Some(p) = prev {
            // Into a box inside the previous one (a node's pod): already there.
            if p != k && !holds(scene, p, k) {
                let lit = i <= upto;
                if let Some(e) = edge_for(scene, p, k, i, dns) {
                    let st = &mut scene.edges[e].state;
                    st.on_path = lit;
                    st.current = step.is_some() && i == upto;
                    st.blocked = lit && blocked_hop == Some(i);
                }
            }
        }
        if !dns {
            prev = Some(k);
        }
    }

    // Dim the rest; keep the containers of lit shapes clear.
    let mut keep: Vec<bool> = scene
        .shapes
        .iter()
        .map(|s| s.state.on_path || s.state.blocked)
        .collect();
    for i in (0..scene.shapes.len()).rev() {
        if keep[i] {
            let mut p = scene.shapes[i].parent.clone();
            while let Some(pid) = p {
                match scene.shapes.iter().position(|s| s.id == pid) {
                    Some(j) if !keep[j] => {
                        keep[j] = true;
                        p = scene.shapes[j].parent.clone();
                    }
                    _ => break,
                }
            }
        }
    }
    for (s, k) in scene.shapes.iter_mut().zip(keep) {
        s.state.dimmed = !k;
    }
    for e in &mut scene.edges {
        e.state.dimmed = !(e.state.on_path || e.state.blocked);
    }
}

/// The index of the edge that carries hop `i` from shape `a` to shape `b`: an
/// existing edge in that direction (or a two-way one), else a new `flow:` edge;
/// `None` when the boxes overlap and no line can join them. A part drawn
/// inside its thing (`internet#oidc` in `internet`) takes the thing's edge
/// when it has no edge of its own.
fn edge_for(scene: &mut Scene, a: usize, b: usize, i: usize, dns: bool) -> Option<usize> {
    let (ia, ib) = (scene.shapes[a].id.clone(), scene.shapes[b].id.clone());
    let joins = |e: &Edge, to: &ElementId| {
        e.step.is_none()
            && ((e.from == ia && &e.to == to) || (e.two_way && &e.from == to && e.to == ia))
    };
    // A part drawn inside its thing (the control plane's egress endpoint in
    // the internet) is reached by the thing's line.
    let thing = ElementId(ib.thing().to_string());
    let inside_thing = thing != ib
        && scene
            .shapes
            .iter()
            .any(|s| s.id == thing && s.rect.contains(&scene.shapes[b].rect));
    let existing = scene.edges.iter().position(|e| joins(e, &ib)).or_else(|| {
        inside_thing
            .then(|| scene.edges.iter().position(|e| joins(e, &thing)))
            .flatten()
    });
    if let Some(e) = existing {
        scene.edges[e].step = Some(i);
        return Some(e);
    }
    let (ra, rb) = (scene.shapes[a].rect, scene.shapes[b].rect);
    // Around the boxes and writing in the way (a node's line out of its
    // subnet), else the plain route.
    let points = super::detour::route_clear(scene, a, b, None).or_else(|| route(&ra, &rb))?;
    scene.edges.push(Edge {
        id: format!("flow:{i}:{ia}>{ib}"),
        from: ia,
        to: ib,
        points,
        dashed: dns,
        two_way: false,
        label: None,
        label_at: None,
        state: PathState::default(),
        step: Some(i),
    });
    Some(scene.edges.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::kit::{shape, Canvas, Line};
    use crate::scene::{Rect, Role, SceneKind};
    use crate::{Cite, Hop, Source, Text, Verdict};

    fn hop(at: &str, link: Link) -> Hop {
        Hop::new(
            ElementId(at.to_string()),
            link,
            Text::same(at),
            Text::same("because"),
            Cite::new(Source::S002, "test"),
        )
    }

    /// client → (dns) → igw → nlb → apiserver, with an unrelated box and a
    /// container around the igw.
    fn scene() -> Scene {
        let mut c = Canvas::new();
        let t = |s: &str| Text::same(s);
        let b = |id: &str, x: f64, y: f64| {
            shape(
                ElementId(id.into()),
                Role::Component,
                Rect::new(x, y, 80.0, 30.0),
                t(id),
                None,
            )
        };
        c.push(b("client:laptop", 0.0, 0.0));
        c.push(b("dns:public", 0.0, 200.0));
        let vpc = c.push(shape(
            ElementId::fixed("vpc"),
            Role::Vpc,
            Rect::new(150.0, -20.0, 120.0, 80.0),
            t("vpc"),
            None,
        ));
        c.child(&vpc, b("igw", 170.0, 20.0));
        c.push(b("cp:nlb", 300.0, 0.0));
        c.push(b("cp:apiserver", 450.0, 0.0));
        c.push(b("note:other", 450.0, 200.0));
        c.connect(
            &ElementId("cp:nlb".into()),
            &ElementId("cp:apiserver".into()),
            Line::Data,
            None,
        );
        c.finish(SceneKind::Endpoint, t("d"), Vec::new())
    }

    fn trace(blocked_at: Option<&str>) -> Trace {
        let mut hops = vec![
            hop("client:laptop", Link::Origin),
            hop("dns:public", Link::Dns),
            hop("igw", Link::InternetGateway),
            hop("cp:nlb", Link::ApiNlb),
            hop("cp:apiserver", Link::ApiServer),
        ];
        let verdict = match blocked_at {
            None => Verdict::Reachable,
            Some(at) => {
                hops.truncate(hops.iter().position(|h| h.at.as_str() == at).unwrap() + 1);
                Verdict::Blocked {
                    at: ElementId(at.into()),
                    code: crate::Code::SecurityGroupDenies,
                    reason: Text::same("r"),
                    fix: Text::same("f"),
                    cite: Cite::new(Source::S002, "test"),
                    field: None,
                }
            }
        };
        Trace {
            flow: "kubectl:laptop".into(),
            title: Text::same("t"),
            hops,
            verdict,
            client_ip_preserved: None,
        }
    }

    fn st<'a>(s: &'a Scene, id: &str) -> &'a PathState {
        &s.shape(id).unwrap().state
    }

    #[test]
    fn all_hops_light_without_a_step() {
        let mut s = scene();
        light(&mut s, &trace(None), None);
        for id in [
            "client:laptop",
            "dns:public",
            "igw",
            "cp:nlb",
            "cp:apiserver",
        ] {
            assert!(st(&s, id).on_path, "{id}");
            assert!(!st(&s, id).dimmed && !st(&s, id).current, "{id}");
        }
        assert!(st(&s, "note:other").dimmed);
        // The igw's container is not dimmed.
        assert!(!st(&s, "vpc").dimmed && !st(&s, "vpc").on_path);
        // The existing nlb>apiserver edge carries hop 4.
        let e = s
            .edges
            .iter()
            .find(|e| e.id == "cp:nlb>cp:apiserver")
            .unwrap();
        assert_eq!(e.step, Some(4));
        assert!(e.state.on_path);
        // DNS is a dashed side trip; the path goes on from the client.
        let dns = s
            .edges
            .iter()
            .find(|e| e.to.as_str() == "dns:public")
            .unwrap();
        assert!(dns.dashed && dns.from.as_str() == "client:laptop" && dns.step == Some(1));
        let e = s.edges.iter().find(|e| e.to.as_str() == "igw").unwrap();
        assert_eq!(
            (e.from.as_str(), e.step, e.dashed),
            ("client:laptop", Some(2), false)
        );
        let steps: Vec<usize> = s.edges.iter().filter_map(|e| e.step).collect();
        assert_eq!(steps.len(), 4);
    }

    #[test]
    fn a_step_lights_up_to_it_and_marks_it_current() {
        let mut s = scene();
        light(&mut s, &trace(None), Some(2));
        assert!(st(&s, "igw").on_path && st(&s, "igw").current);
        assert!(!st(&s, "cp:nlb").on_path && st(&s, "cp:nlb").dimmed);
        assert!(!st(&s, "client:laptop").current);
        let cur: Vec<&str> = s
            .edges
            .iter()
            .filter(|e| e.state.current)
            .map(|e| e.to.as_str())
            .collect();
        assert_eq!(cur, vec!["igw"]);
        // Relighting with another step starts afresh.
        light(&mut s, &trace(None), Some(0));
        assert!(st(&s, "client:laptop").current && !st(&s, "igw").on_path);
        // client>dns, client>igw, igw>nlb are new; nlb>apiserver existed.
        assert_eq!(
            s.edges.iter().filter(|e| e.id.starts_with("flow:")).count(),
            3
        );
    }

    #[test]
    fn a_blocked_trace_marks_the_blocking_component() {
        let mut s = scene();
        light(&mut s, &trace(Some("cp:nlb")), None);
        assert!(st(&s, "cp:nlb").blocked);
        assert!(!st(&s, "cp:apiserver").on_path);
        let e = s.edges.iter().find(|e| e.to.as_str() == "cp:nlb").unwrap();
        assert!(e.state.blocked);
        // Before the blocked hop is reached, nothing is marked blocked.
        light(&mut s, &trace(Some("cp:nlb")), Some(1));
        assert!(!st(&s, "cp:nlb").blocked);
    }

    #[test]
    fn a_box_around_a_neighbour_is_lit_but_not_joined() {
        let mut s = scene();
        let mut t = trace(None);
        // igw sits inside vpc: client → vpc → igw joins client to igw directly.
        t.hops.insert(2, hop("vpc", Link::VpcRouter));
        light(&mut s, &t, None);
        assert!(st(&s, "vpc").on_path);
        assert!(!s
            .edges
            .iter()
            .any(|e| e.to.as_str() == "vpc" || e.from.as_str() == "vpc"));
        assert!(s
            .edges
            .iter()
            .any(|e| e.from.as_str() == "client:laptop" && e.to.as_str() == "igw"));
    }

    #[test]
    fn undrawn_hops_fall_back() {
        let mut s = scene();
        let mut t = trace(None);
        t.hops.insert(3, hop("sg:nowhere", Link::SecurityGroup));
        t.hops.push(hop("cp:apiserver#2", Link::ApiServer));
        light(&mut s, &t, None);
        assert!(st(&s, "cp:apiserver").on_path);
        // The path joins igw to nlb across the undrawn hop.
        assert!(s
            .edges
            .iter()
            .any(|e| e.from.as_str() == "igw" && e.to.as_str() == "cp:nlb"));
    }
}
