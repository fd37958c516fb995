//! `eksnet subnets`: every subnet's addresses by owner, its /28 blocks (free,
//! fragmented, full, delegated prefixes, reserved), free addresses against free
//! aligned /28s, and how many more nodes and pods it can take.

use std::fmt::Write as _;

use eksnet::addrmap::{self, BlockKind, Forecast, SubnetMap};
use eksnet::cni::{NoIpCause, PodProblem};
use eksnet::{analyze, text, Analysis, Lang};

use crate::input::{no_such, print_json, print_text};

/// Arguments of `eksnet subnets`.
#[derive(clap::Args)]
#[command(after_help = "\
Text output lists, per subnet, who holds its addresses (AWS's 5 reserved, EKS-owned
ENIs, node IPs, ENI primaries, pods, warm IPs, /28 prefixes, load balancers, NAT
gateways, CIDR reservations, other), its aligned /28 blocks by kind, free addresses
against free aligned /28s (prefix delegation needs a whole free /28), and the
forecast: more nodes per node group and more pods, and what stops first. With
--subnet, also every /28 block (runs of free blocks folded) and who holds each
address.

Exit codes: 0 no pod waits for an address of the subnets shown; 1 some pod does;
2 unusable input or unknown subnet.")]
pub struct Args {
    /// Scenario file (`-` for standard input); the default scenario if left out.
    file: Option<String>,
    /// Only this subnet (its id), with its blocks and addresses.
    #[arg(long)]
    subnet: Option<String>,
    /// Print JSON: the subnets' maps and forecasts (with --subnet, also its addresses).
    #[arg(long)]
    json: bool,
    /// Language of the labels: en or ko.
    #[arg(long, default_value = "en")]
    lang: String,
}

/// Runs the command; returns the exit code.
pub fn run(a: Args) -> u8 {
    let (lang, scenario) = match crate::input::lang_and_scenario(&a.lang, a.file.as_deref()) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let analysis = analyze(&scenario);
    let map = addrmap::build(&analysis);
    let only = match a.subnet.as_deref() {
        None => None,
        Some(id) => match map.find(id) {
            Some(s) => Some(s.subnet),
            None => {
                let ids = map.subnets.iter().map(|s| s.id.as_str());
                return no_such("subnet", id, " with a usable CIDR", ids);
            }
        },
    };
    let shown: Vec<&SubnetMap> = map
        .subnets
        .iter()
        .filter(|s| only.is_none_or(|k| k == s.subnet))
        .collect();
    let forecasts: Vec<Option<Forecast>> = shown
        .iter()
        .map(|s| addrmap::forecast::forecast(&analysis, s.subnet))
        .collect();
    if a.json {
        let subnets: Vec<_> = shown
            .iter()
            .zip(&forecasts)
            .map(|(s, f)| serde_json::json!({ "map": s, "forecast": f }))
            .collect();
        match only {
            Some(k) => print_json(&serde_json::json!({
                "subnets": subnets,
                "addresses": addrmap::subnet_detail(&analysis, k),
            })),
            None => print_json(&serde_json::json!({ "subnets": subnets })),
        }
    } else {
        let mut out = String::new();
        for (s, f) in shown.iter().zip(&forecasts) {
            write_subnet(&mut out, s, f.as_ref(), lang);
            if only.is_some() {
                write_blocks(&mut out, s, lang);
                write_addresses(&mut out, &analysis, s.subnet, lang);
            }
        }
        print_text(&out);
    }
    let waiting = analysis.ipam.pods.iter().any(|p| match p.problem {
        Some(PodProblem::NoIp {
            cause: NoIpCause::SubnetFull { subnet } | NoIpCause::NoContiguousPrefix { subnet },
        }) => shown.iter().any(|s| s.subnet == subnet),
        _ => false,
    });
    u8::from(waiting)
}

fn write_subnet(out: &mut String, s: &SubnetMap, f: Option<&Forecast>, lang: Lang) {
    let (id, cidr, az, total, free, blocks) =
        (&s.id, s.cidr, &s.az, s.total, s.free, s.free_blocks28);
    let head = text!(
        "{id} {cidr} {az}: {total} addresses, {free} free, {blocks} free aligned /28 blocks",
        "{id} {cidr} {az}: 주소 {total}개, 빈 주소 {free}개, 정렬된 빈 /28 블록 {blocks}개"
    );
    let _ = writeln!(out, "{}", head.get(lang));
    let held: Vec<String> = s
        .counts
        .iter()
        .filter(|c| c.0 != addrmap::Owner::Free)
        .map(|(o, n)| count(lang, *n, o.label()))
        .collect();
    let label = text!("held", "사용");
    let _ = writeln!(out, "  {}: {}", label.get(lang), held.join(", "));
    let kinds: Vec<String> = s
        .block_counts
        .iter()
        .map(|(k, n)| count(lang, *n, k.label()))
        .collect();
    let _ = writeln!(out, "  /28: {}", kinds.join(", "));
    let Some(f) = f else {
        let _ = writeln!(out);
        return;
    };
    for g in &f.groups {
        let (name, more, per, why) = (&g.name, g.more_nodes, g.per_node, g.stop.text());
        let (wen, wko) = (why.en, why.ko);
        let line = if more == 0 {
            text!(
                "forecast, node group {name}: no more node starts with a full warm pool: {wen}",
                "예측, 노드 그룹 {name}: 웜 풀을 다 채우고 시작할 노드가 더 없다: {wko}"
            )
        } else {
            text!(
                "forecast, node group {name}: {more} more nodes ({per} addresses each at start), then {wen}",
                "예측, 노드 그룹 {name}: 노드 {more}대 더(시작할 때 각각 주소 {per}개), 그다음 {wko}"
            )
        };
        let _ = writeln!(out, "  {}", line.get(lang));
    }
    let p = &f.pods;
    let (more, nodes, warm, why) = (p.more_pods, p.nodes, p.warm, p.stop.text());
    let (wen, wko) = (why.en, why.ko);
    let line = if nodes == 0 {
        text!("forecast, pods: {wen}", "예측, Pod: {wko}")
    } else {
        text!(
        "forecast, pods: {more} more on {nodes} nodes ({warm} on warm addresses now), then {wen}",
        "예측, Pod: 노드 {nodes}대에 {more}개 더(지금 웜 주소로 {warm}개), 그다음 {wko}"
        )
    };
    let _ = writeln!(out, "  {}", line.get(lang));
    let _ = writeln!(out);
}

/// `n label` in English, `label n개` in Korean.
fn count(lang: Lang, n: u32, label: eksnet::Text) -> String {
    match lang {
        Lang::En => format!("{n} {}", label.en),
        Lang::Ko => format!("{} {n}개", label.ko),
    }
}

fn write_blocks(out: &mut String, s: &SubnetMap, lang: Lang) {
    let title = text!("/28 blocks:", "/28 블록:");
    let _ = writeln!(out, "{}", title.get(lang));
    let mut i = 0;
    while i < s.blocks.len() {
        let b = s.blocks[i];
        let start = s.block_cidr(i).map_or(String::new(), |c| c.to_string());
        if b.kind == BlockKind::Free {
            let run = s.blocks[i..]
                .iter()
                .take_while(|x| x.kind == BlockKind::Free)
                .count();
            let end = s
                .block_cidr(i + run - 1)
                .map_or(String::new(), |c| c.to_string());
            let what = text!("{run} free /28", "빈 /28 {run}개");
            if run == 1 {
                let _ = writeln!(out, "  {start:<18}  {}", what.get(lang));
            } else {
                let _ = writeln!(out, "  {start:<18}  … {end}: {}", what.get(lang));
            }
            i += run;
            continue;
        }
        let free = b.free;
        let detail = text!("{free} free", "빈 주소 {free}개");
        let _ = writeln!(
            out,
            "  {start:<18}  {:<28}  {}; {}",
            b.kind.label().get(lang),
            b.owner.label().get(lang),
            detail.get(lang)
        );
        i += 1;
    }
    let _ = writeln!(out);
}

fn write_addresses(out: &mut String, a: &Analysis, subnet: usize, lang: Lang) {
    let title = text!("held addresses:", "사용 중인 주소:");
    let _ = writeln!(out, "{}", title.get(lang));
    for d in addrmap::subnet_detail(a, subnet) {
        let line = format!(
            "  {:<15}  {:<28}  {}",
            d.ip.to_string(),
            d.owner.label().get(lang),
            d.holder.unwrap_or_default()
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(out);
}
