//! The panels of "Inside a node" beside (on a phone, under) the node: the
//! node's route table, the max-pods formula of the node's group, the subnet's address accounting and
//! the node's pods without an address.

use super::*;

/// The max-pods sentence of the node's group at `(rx, ry)`, when known: the
/// uncapped value, the cap and the result, one part per line, the result
/// highlighted; unfolded, the rest of the breakdown under it. Returns the `y`
/// under it.
pub(super) fn draw_max_pods(c: &mut Canvas, a: &Analysis, node: &Node, rx: f64, ry: f64) -> f64 {
    let group = a.ipam.groups.get(node.group);
    let Some(mp) = group.and_then(|g| g.max_pods.as_ref()) else {
        return ry;
    };
    let it = &a.model.node_groups[node.group].instance_type;
    let kubelet = group.map_or(mp.value, |g| g.kubelet_max_pods);
    let sentence = mp.sentence();
    let result = if kubelet == mp.value {
        sentence.result
    } else {
        text!(
            "maxPodsOverride sets max pods = {kubelet}.",
            "maxPodsOverride가 max pods = {kubelet}로 정한다."
        )
    };
    // A long count ("IPv6, counted as with prefixes: 3 × ((10 − 1) × 16) + 2
    // = 434;") takes two rows, its name over its arithmetic, so that the
    // column stays narrow.
    let mut rows: Rows = match split_long(&sentence.addresses) {
        Some((name, sum)) => vec![
            ("addresses".into(), name, Vec::new()),
            ("addresses-sum".into(), sum, Vec::new()),
        ],
        None => vec![("addresses".into(), sentence.addresses, Vec::new())],
    };
    rows.extend([
        ("cap".into(), sentence.cap, Vec::new()),
        ("result".into(), result, vec!["formula"]),
    ]);
    if !folding() {
        // The sentence already says the arithmetic and the cap: the breakdown's
        // other steps follow (the ENIs, −1, ×16, +2), each clipped to the budget.
        let (_, steps, (en_max, ko_max)) = lines();
        let said =
            |t: &str| t == mp.formula || t.starts_with("Kubelet cap") || t.starts_with("Uncapped");
        for (k, s) in mp
            .steps
            .iter()
            .filter(|s| !said(&s.text.en))
            .take(steps)
            .enumerate()
        {
            rows.push((
                format!("step-{k}"),
                Text {
                    en: clip(&s.text.en, en_max),
                    ko: clip(&s.text.ko, ko_max),
                },
                Vec::new(),
            ));
        }
    }
    let r = list_box(
        c,
        ElementId::note("max-pods"),
        Role::Note,
        text!("max pods = {kubelet} ({it})", "max pods = {kubelet}({it})"),
        rows,
        rx,
        ry,
    );
    r.bottom() + 2.0 * PAD
}

/// Widest row of the max-pods box drawn on one line, scene units.
const ROW_MAX_W: f64 = 300.0;

/// `t` split after its first `": "` in both languages (the name of a count,
/// then its arithmetic), when one line of it is wider than [`ROW_MAX_W`].
fn split_long(t: &Text) -> Option<(Text, Text)> {
    if fit_w(t, None) <= ROW_MAX_W {
        return None;
    }
    let (en0, en1) = t.en.split_once(": ")?;
    let (ko0, ko1) = t.ko.split_once(": ")?;
    Some((
        Text {
            en: format!("{en0}:"),
            ko: format!("{ko0}:"),
        },
        Text {
            en: en1.to_string(),
            ko: ko1.to_string(),
        },
    ))
}

/// The address accounting of the node's subnet at `(rx, ry)`, when known: who
/// holds how many addresses, and how many are free. Returns the `y` under it.
pub(super) fn draw_accounting(c: &mut Canvas, a: &Analysis, node: &Node, rx: f64, ry: f64) -> f64 {
    let m = &a.model;
    let Some(acc) = a
        .ipam
        .subnets
        .iter()
        .find(|s| s.subnet == node.subnet)
        .and_then(|s| s.accounting.clone())
    else {
        return ry;
    };
    let mut rows: Rows = acc
        .held
        .iter()
        .map(|(h, n)| {
            let t = holder_name(*h);
            let (en, ko) = (&t.en, &t.ko);
            (
                format!("{h:?}").to_ascii_lowercase(),
                text!("{en}: {n}", "{ko} {n}개"),
                Vec::new(),
            )
        })
        .collect();
    // Folded (an overview), the smaller holders are summed up in one row; the
    // details panel and `eksnet ipam` list them all.
    if folding() && rows.len() > holder_rows() {
        let rest = &acc.held[holder_rows() - 1..];
        let (k, n) = (rest.len(), rest.iter().map(|(_, n)| n).sum::<u32>());
        rows.truncate(holder_rows() - 1);
        rows.push((
            "more".into(),
            text!("{n} held by {k} more", "{k}개 항목이 더 가진 {n}개"),
            Vec::new(),
        ));
    }
    let (free, total) = (acc.free, acc.total);
    rows.push((
        "free".into(),
        text!("{free} free of {total}", "{total}개 중 {free}개 남음"),
        vec!["ok"],
    ));
    let sub = m.subnets.get(node.subnet).map_or("?", |s| s.id.as_str());
    let cidr = m.subnets[node.subnet]
        .cidr
        .map_or_else(String::new, |c| c.to_string());
    let r = list_box(
        c,
        m.subnets[node.subnet].eid.part("accounting"),
        Role::Note,
        if crate::scene::kit::compact() {
            text!("{sub} {cidr}", "{sub} {cidr}")
        } else {
            text!("Addresses of {sub} {cidr}", "{sub} {cidr}의 주소")
        },
        rows,
        rx,
        ry,
    );
    r.bottom() + 2.0 * PAD
}

/// The node's pods that have no address, with the reason, at `(rx, ry)`; nothing
/// when every pod has one.
pub(super) fn draw_waiting(
    c: &mut Canvas,
    a: &Analysis,
    node: &Node,
    pods_here: &[usize],
    rx: f64,
    ry: f64,
) {
    let waiting: Rows = pods_here
        .iter()
        .filter_map(|&p| a.ipam.pods.get(p))
        .filter(|p| p.problem.is_some())
        .take(lines().1)
        .enumerate()
        .map(|(k, p)| {
            let msg = p.problem.map(|x| x.message(&a.model)).unwrap_or_default();
            let (name, st) = (clip_mid(&p.name, 24), p.status.as_str());
            let short = |s: &str, n: usize| clip(s.rsplit(": ").next().unwrap_or(s), n);
            let (_, _, (en_max, ko_max)) = lines();
            let (en, ko) = (short(&msg.en, en_max), short(&msg.ko, ko_max));
            (
                format!("pod-{k}"),
                text!("{name} {st}: {en}", "{name} {st}: {ko}"),
                vec!["error"],
            )
        })
        .collect();
    if !waiting.is_empty() {
        list_box(
            c,
            node.eid.part("waiting"),
            Role::Note,
            text!(
                "Pods on this node without an address",
                "주소를 받지 못한 이 노드의 Pod"
            ),
            waiting,
            rx,
            ry,
        );
    }
}

/// The node's route table: the default route via the subnet's router, a host
/// route to each pod's veth (the first few, the rest summed up), and a policy
/// rule for each secondary ENI holding pods (one while folding).
pub(super) fn route_rows(a: &Analysis, node: &Node, pods_here: &[usize], enis: &[Eni]) -> Rows {
    let router = a
        .model
        .subnets
        .get(node.subnet)
        .and_then(|s| s.cidr)
        .map(|c| Ipv4Addr::from(u32::from(c.network()).wrapping_add(1)));
    let mut routes: Rows = Vec::new();
    if let Some(r) = router {
        routes.push((
            "default".into(),
            Text::same(format!("default via {r} dev eth0")),
            Vec::new(),
        ));
    }
    let mut listed = 0;
    let mut hidden = 0;
    for &p in pods_here {
        let Some(pod) = a.ipam.pods.get(p) else {
            continue;
        };
        if pod.host_network {
            continue;
        }
        let Some(ip) = pod.ipv4() else { continue };
        if listed < lines().0 - usize::from(crate::scene::kit::compact()) {
            let keep = if phone() {
                8
            } else if crate::scene::kit::compact() {
                12
            } else {
                24
            };
            let name = clip_mid(&pod.name, keep);
            routes.push((
                format!("pod-{listed}"),
                text!(
                    "{ip} dev veth ({name}) scope link",
                    "{ip} dev veth({name}) scope link"
                ),
                vec!["route"],
            ));
            listed += 1;
        } else {
            hidden += 1;
        }
    }
    if hidden > 0 {
        routes.push((
            "more".into(),
            text!("+{hidden} more pod routes", "Pod 경로 {hidden}개 더"),
            vec!["aggregate"],
        ));
    }
    // Folded, one rule stands for the others (the details list them all).
    // In a small frame, none (the selection's details list them).
    let rules = if crate::scene::kit::compact() {
        0
    } else if folding() {
        1
    } else {
        usize::MAX
    };
    for e in enis
        .iter()
        .filter(|e| e.index > 0 && e.assigned() > 0)
        .take(rules)
    {
        let (n, t) = (e.name(), e.index + 1);
        routes.push((
            format!("rule-{}", e.index),
            text!(
                "from {n}'s pod IPs lookup table {t} (default dev {n})",
                "{n}의 Pod IP에서 lookup table {t}(default dev {n})"
            ),
            vec!["route"],
        ));
    }
    routes
}

/// What a holder of a subnet's addresses is called in the address rows.
fn holder_name(h: Holder) -> Text {
    match h {
        Holder::Reserved => text!("reserved by AWS", "AWS 예약"),
        Holder::EksEni => text!("EKS-owned ENIs", "EKS 소유 ENI"),
        Holder::NodePrimary => text!("node IPs (eth0 primary)", "노드 IP(eth0 기본)"),
        Holder::EniPrimary => text!("other ENI primaries", "다른 ENI의 기본 주소"),
        Holder::PodAssigned => text!("pods", "Pod"),
        Holder::Warm => text!("warm", "웜"),
        Holder::Prefix => text!("in /28 prefixes", "/28 프리픽스 안"),
        Holder::Other => text!("NAT, load balancers, other", "NAT, 로드 밸런서, 기타"),
        Holder::CidrReservation => text!("CIDR reservations", "CIDR 예약"),
        Holder::VpcEndpoint => text!("VPC endpoints", "VPC 엔드포인트"),
    }
}
