//! The right-hand column of "Load balancing" (on a phone, the bottom one): the
//! nodes with the Services' pods, and the Services under them.

use super::*;

/// The nodes with the Services' pods, right, from `x = nx`, then a note for
/// the nodes left out. Returns the `y` under them.
pub(super) fn draw_nodes(c: &mut Canvas, a: &Analysis, view: &View, nx: f64) -> f64 {
    let m = &a.model;
    let focus_pod = match &view.flow {
        Some(Flow::PodToPod { to, .. }) => Some(format!("pod:{to}")),
        _ => None,
    };
    let nodes = nodes_drawn(a, view);
    let mut ny = 0.0;
    for &n in &nodes {
        let pods = pods_on(a, n, focus_pod.as_deref());
        ny += draw_node(c, a, n, &pods, nx, ny) + PAD;
    }
    if m.nodes.len() > nodes.len() {
        let more = m.nodes.len() - nodes.len();
        let w = plural(more, "node", "nodes");
        let t = text!("+{more} more {w}", "노드 {more}대 더");
        let mut s = shape(
            ElementId::note("more-nodes"),
            Role::Note,
            Rect::new(nx, ny, fit_w(&t, None), leaf_h(false)),
            t,
            None,
        );
        s.classes.push("aggregate");
        c.push(s);
        ny += leaf_h(false) + PAD;
    }
    ny
}

/// Node `n` at (`nx`, `ny`) with the first of its Services' `pods` as chips
/// (a note for the rest). Returns its height.
fn draw_node(c: &mut Canvas, a: &Analysis, n: usize, pods: &[usize], nx: f64, ny: f64) -> f64 {
    let node = &a.model.nodes[n];
    let node_w = chip_cols() as f64 * (CHIP_W + PAD) + PAD;
    let cells = pods.len().min(max_pods()) + usize::from(pods.len() > max_pods());
    let rows = cells.div_ceil(chip_cols()).max(1);
    let short = node_label(&node.name).en;
    let ip = node.private_ip;
    // Folded, the node's address is in its details.
    let label = if folding() {
        Text::same(short)
    } else {
        text!("{short} · {ip}", "{short} · {ip}")
    };
    let h = HEADER + rows as f64 * (leaf_h(true) + PAD);
    let mut nb = shape(
        node.eid.clone(),
        Role::Node,
        Rect::new(nx, ny, node_w.max(fit_w(&label, None)), h),
        label,
        None,
    );
    nb.data.push(("node", node.name.clone()));
    let nid = c.push(nb);
    let cell = |k: usize| {
        Rect::new(
            nx + PAD + (k % chip_cols()) as f64 * (CHIP_W + PAD),
            ny + HEADER + (k / chip_cols()) as f64 * (leaf_h(true) + PAD),
            CHIP_W,
            leaf_h(true),
        )
    };
    for (k, &p) in pods.iter().take(max_pods()).enumerate() {
        let Some(pod) = a.ipam.pods.get(p) else {
            continue;
        };
        let pip = pod.ip.map(|i| i.to_string()).unwrap_or_default();
        let mut s = shape(
            pod.eid(),
            Role::Pod,
            cell(k),
            Text::same(pip.clone()),
            Some(Text::same(clip_mid(&pod.name, 24))),
        );
        if !pod.ready {
            s.classes.push("pending");
        }
        s.data
            .push(("pod", format!("{}/{}", pod.namespace, pod.name)));
        s.data.push(("ip", pip));
        if let Some(e) = pod.eni {
            s.data.push(("eni", format!("eth{e}")));
        }
        s.data.push(("node", node.name.clone()));
        c.child(&nid, s);
    }
    if pods.len() > max_pods() {
        let more = pods.len() - max_pods();
        let w = plural(more, "pod", "pods");
        let mut s = shape(
            node.eid.part("more-pods"),
            Role::Note,
            cell(max_pods()),
            text!("+{more} more {w}", "Pod {more}개 더"),
            None,
        );
        s.classes.push("aggregate");
        c.child(&nid, s);
    }
    h
}

/// The Services under the nodes, from (`nx`, `ny`): what `kubectl get svc`
/// says, and how many endpoints are ready.
pub(super) fn draw_services(c: &mut Canvas, lbs: &crate::lb::LoadBalancing, nx: f64, ny: f64) {
    let mut ny = ny + PAD;
    for s in lbs.services.iter().take(6) {
        let ty = format!("{:?}", s.service_type);
        let cip = s
            .cluster_ip
            .map_or_else(|| "None".to_string(), |i| i.to_string());
        let ports = s
            .ports
            .iter()
            .map(|p| match p.node_port {
                Some(np) => format!("{}:{}/{}", p.port, np, p.protocol),
                None => format!("{}/{}", p.port, p.protocol),
            })
            .collect::<Vec<_>>()
            .join(",");
        let name = &s.name;
        let (ready, all) = (s.ready_endpoints().count(), s.endpoints.len());
        let (label, detail) = if folding() {
            // The type and ports move to the (folded) second line.
            (
                text!(
                    "svc {name} · {ready} of {all} ready",
                    "svc {name} · {all}개 중 {ready}개 준비"
                ),
                Text::same(format!("{ty} · {cip} · {ports}")),
            )
        } else {
            (
                Text::same(format!("svc {name} · {ty} · {cip} · {ports}")),
                text!(
                    "{ready} of {all} endpoints ready",
                    "엔드포인트 {all}개 중 {ready}개 준비"
                ),
            )
        };
        let mut b = leaf(s.eid.clone(), Role::Component, label, Some(detail));
        b.rect.x = nx;
        b.rect.y = ny;
        ny += b.rect.h + PAD;
        c.push(b);
    }
}
