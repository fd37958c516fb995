//! Nothing disappears silently: when a subnet's CIDR no longer holds the nodes
//! pinned to it, the core drops them (`node-ip-unusable` at each pin) and their
//! pinned pods go to other nodes. The CIDR field says so, by name, and offers the
//! fix there: unpin them (the core allocates them from their subnets) or move them
//! to free addresses of the new block. A CIDR with host bits set (rejected by
//! AWS) gets its network address as one click. Which nodes, which addresses and
//! the edits are the core's (`eksnet::stranded`); this file only words and
//! offers them.

use eksnet::model::names::short_node_name_of;
use eksnet::stranded::{self, Stranded};
use eksnet::{Analysis, Lang, Scenario, Severity};
use leptos::prelude::*;

use crate::controls::fields::{form, severity_icon};
use crate::controls::form::Block;

/// "2 pinned nodes (ip-…, ip-…) are outside 192.168.32.0/26: …".
pub fn consequence(lang: Lang, s: &Scenario, st: &Stranded, cidr: &str) -> String {
    let names: Vec<String> = st.nodes.iter().map(|n| short_node_name_of(n.2)).collect();
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
    let st = Memo::new(move |_| analysis.with(|a| scenario.with(|s| stranded::stranded(s, a, k))));
    let cidr = move || {
        scenario.with(|s| {
            s.vpc
                .subnets
                .get(k)
                .map(|x| x.cidr_block.clone())
                .unwrap_or_default()
        })
    };
    let net = Memo::new(move |_| stranded::network_address(&cidr()).map(|n| n.to_string()));
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
                        on:click=move |_| act(stranded::unpin)>{crate::i18n::tr(lang, UNPIN)}</button>
                    " "
                    <button type="button" class="fix-btn" data-control="move-in"
                        on:click=move |_| act(stranded::move_in)>{crate::i18n::tr(lang, MOVE_IN)}</button>
                </Show>
            </div>
        }
        .into_any(),
    )
}
