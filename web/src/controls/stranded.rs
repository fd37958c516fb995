//! Nothing disappears silently: when a subnet's CIDR no longer holds the nodes
//! pinned to it, the core drops them (`node-ip-unusable` at each pin) and their
//! pinned pods go to other nodes. The CIDR field says so, by name, and offers the
//! fix there: unpin them (the core allocates them from their subnets) or move them
//! to free addresses of the new block. A CIDR with host bits set (rejected by
//! AWS) gets its network address as one click.

use std::net::Ipv4Addr;

use eksnet::model::names::short_node_name;
use eksnet::{Analysis, Lang, Scenario, Severity};
use leptos::prelude::*;

use crate::controls::fields::{form, severity_icon};
use crate::controls::form::Block;

/// The pinned nodes of one subnet outside its block, and the pods pinned to them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stranded {
    /// `(node group, pin, address)` of each pinned node outside the block.
    pub nodes: Vec<(usize, usize, Ipv4Addr)>,
    /// Indices into `Scenario::pods` of the pods pinned to those nodes.
    pub pods: Vec<usize>,
}

/// `ip-192-168-46-6`.
pub fn short_name(ip: Ipv4Addr) -> String {
    format!("ip-{}", ip.to_string().replace('.', "-"))
}

/// Whether pod pin `node_name` names the node at `ip` (by IP or by name).
fn names_node(node_name: &str, ip: Ipv4Addr) -> bool {
    let n = node_name.trim();
    n.parse::<Ipv4Addr>().ok() == Some(ip) || short_node_name(n) == short_name(ip)
}

/// The pinned nodes of subnet `k` (scenario order) whose address is outside the
/// block the core parsed for it, and their pinned pods.
pub fn stranded(s: &Scenario, a: &Analysis, k: usize) -> Stranded {
    let Some(sub) = s.vpc.subnets.get(k) else {
        return Stranded::default();
    };
    let Some(net) = a
        .model
        .subnets
        .iter()
        .find(|m| m.pointer == format!("/vpc/subnets/{k}"))
        .and_then(|m| m.cidr)
    else {
        return Stranded::default();
    };
    let mut out = Stranded::default();
    for (gi, g) in s.node_groups.iter().enumerate() {
        for (pi, pin) in g.nodes.iter().enumerate() {
            if pin.subnet_id.trim() != sub.subnet_id.trim() {
                continue;
            }
            if let Ok(ip) = pin.private_ip.trim().parse::<Ipv4Addr>() {
                if !net.contains(&ip) {
                    out.nodes.push((gi, pi, ip));
                }
            }
        }
    }
    out.pods = s
        .pods
        .iter()
        .enumerate()
        .filter(|(_, p)| out.nodes.iter().any(|n| names_node(&p.node_name, n.2)))
        .map(|(i, _)| i)
        .collect();
    out
}

/// Unpins the stranded nodes of subnet `k` (the core then allocates them from
/// their group's subnets) and lets their pinned pods be scheduled anywhere.
pub fn unpin(s: &mut Scenario, a: &Analysis, k: usize) {
    let st = stranded(s, a, k);
    for &p in &st.pods {
        let pod = &mut s.pods[p];
        pod.node_name.clear();
        pod.pod_ip = None;
    }
    // Highest pin first, so earlier indices stay valid.
    let mut pins = st.nodes.clone();
    pins.sort_by_key(|p| std::cmp::Reverse((p.0, p.1)));
    for (g, p, _) in pins {
        s.node_groups[g].nodes.remove(p);
    }
}

/// Moves the stranded nodes of subnet `k` to the lowest free addresses of its new
/// block (as far as there are any), and their pinned pods with them (each pod's
/// node follows; its old address, outside the block, is let go).
pub fn move_in(s: &mut Scenario, a: &Analysis, k: usize) {
    let st = stranded(s, a, k);
    let Some(pool) = a
        .model
        .subnets
        .iter()
        .position(|m| m.pointer == format!("/vpc/subnets/{k}"))
        .and_then(|i| a.model.pools.get(i))
        .and_then(Option::as_ref)
    else {
        return;
    };
    let net = pool.net();
    let taken: Vec<Ipv4Addr> = s
        .node_groups
        .iter()
        .flat_map(|g| g.nodes.iter())
        .filter_map(|p| p.private_ip.trim().parse().ok())
        .collect();
    let first = u32::from(net.network());
    let mut free = (0..pool.size())
        .map(|o| Ipv4Addr::from(first.wrapping_add(o)))
        .filter(|ip| pool.is_free(*ip) && !pool.is_reserved(*ip) && !taken.contains(ip));
    for (g, p, old) in st.nodes {
        let Some(new) = free.next() else { break };
        s.node_groups[g].nodes[p].private_ip = new.to_string();
        for &q in &st.pods {
            let pod = &mut s.pods[q];
            if names_node(&pod.node_name, old) {
                pod.node_name = new.to_string();
                pod.pod_ip = None;
            }
        }
    }
}

/// `192.168.32.0/19` for `192.168.32.5/19`; `None` when there are no host bits
/// set (or it is no CIDR).
pub fn network_address(cidr: &str) -> Option<String> {
    let (ip, len) = cidr.trim().split_once('/')?;
    let ip: Ipv4Addr = ip.trim().parse().ok()?;
    let len: u32 = len.trim().parse().ok().filter(|l| *l <= 32)?;
    let mask = u32::MAX.checked_shl(32 - len).unwrap_or(0);
    let net = u32::from(ip) & mask;
    (net != u32::from(ip)).then(|| format!("{}/{len}", Ipv4Addr::from(net)))
}

/// "2 pinned nodes (ip-…, ip-…) are outside 192.168.32.0/26: …".
pub fn consequence(lang: Lang, s: &Scenario, st: &Stranded, cidr: &str) -> String {
    let names: Vec<String> = st.nodes.iter().map(|n| short_name(n.2)).collect();
    let names = names.join(", ");
    let pods: Vec<&str> = st.pods.iter().map(|&p| s.pods[p].name.as_str()).collect();
    let (n, np) = (st.nodes.len(), pods.len());
    let pods = pods.join(", ");
    match lang {
        Lang::En => {
            let (what, verb, them) = if n == 1 {
                ("1 pinned node".to_string(), "is", "it")
            } else {
                (format!("{n} pinned nodes"), "are", "them")
            };
            let pods = match np {
                0 => String::new(),
                1 => format!(" The pod pinned to {them} ({pods}) goes to another node."),
                _ => format!(" The {np} pods pinned to {them} ({pods}) go to other nodes."),
            };
            format!("{what} ({names}) {verb} outside {cidr}: eksnet drops {them} from every diagram.{pods}")
        }
        Lang::Ko => {
            let pods = if np == 0 {
                String::new()
            } else {
                format!(" 여기에 고정된 Pod {np}개({pods})는 다른 노드로 간다.")
            };
            format!("고정된 노드 {n}대({names})가 {cidr} 밖에 있다: eksnet은 모든 다이어그램에서 이 노드를 뺀다.{pods}")
        }
    }
}

const UNPIN: crate::i18n::Tr = crate::i18n::Tr {
    en: "Unpin them (allocate from the subnets)",
    ko: "고정 해제 (서브넷에서 할당)",
};
const MOVE_IN: crate::i18n::Tr = crate::i18n::Tr {
    en: "Move them into the new block",
    ko: "새 블록 안으로 옮기기",
};

/// "Use 192.168.32.0/19".
fn use_network(lang: Lang, net: &str) -> String {
    match lang {
        Lang::En => format!("Use the network address {net}"),
        Lang::Ko => format!("네트워크 주소 {net} 쓰기"),
    }
}

/// What a subnet's CIDR does to the rest, at the CIDR field, with its fixes.
pub fn cidr_consequences(scenario: RwSignal<Scenario>, k: usize) -> Block {
    let ctx = form();
    let (lang, analysis) = (ctx.lang, ctx.analysis);
    let st = Memo::new(move |_| analysis.with(|a| scenario.with(|s| stranded(s, a, k))));
    let cidr = move || {
        scenario.with(|s| {
            s.vpc
                .subnets
                .get(k)
                .map(|x| x.cidr_block.clone())
                .unwrap_or_default()
        })
    };
    let net = Memo::new(move |_| network_address(&cidr()));
    let act = move |f: fn(&mut Scenario, &Analysis, usize)| {
        let a = analysis.get_untracked();
        scenario.update(|s| f(s, &a, k));
    };
    Block::View(
        view! {
            <div class="field-consequence" data-control="cidr-consequence">
                {move || net.get().map(|n| {
                    let n2 = n.clone();
                    view! {
                        <button type="button" class="fix-btn" data-control="use-network"
                            on:click=move |_| {
                                let n = n2.clone();
                                scenario.update(|s| if let Some(x) = s.vpc.subnets.get_mut(k) { x.cidr_block = n; });
                            }>
                            {move || use_network(lang.get(), &n)}
                        </button>
                    }
                })}
                <Show when=move || !st.with(|x| x.nodes.is_empty())>
                    <p class="diag sev-warning" data-control="stranded">
                        {move || severity_icon(Severity::Warning, lang.get())}" "
                        {move || st.with(|x| scenario.with(|s| consequence(lang.get(), s, x, &cidr())))}
                    </p>
                    <button type="button" class="fix-btn" data-control="unpin"
                        on:click=move |_| act(unpin)>{crate::i18n::tr(lang, UNPIN)}</button>
                    " "
                    <button type="button" class="fix-btn" data-control="move-in"
                        on:click=move |_| act(move_in)>{crate::i18n::tr(lang, MOVE_IN)}</button>
                </Show>
            </div>
        }
        .into_any(),
    )
}
