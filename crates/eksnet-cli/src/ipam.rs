//! `eksnet ipam`: which pod holds which address of which ENI, per node; each subnet's
//! accounting; pending pods and why.

use std::fmt::Write as _;

use eksnet::cni::{AddressMode, Ipam, NodeIpam, PodStatus, WarmPolicy};
use eksnet::model::Holder;
use eksnet::{analyze, Analysis, Lang};

use crate::input::{print_json, said_no_such};

/// Pending pods listed in text output before the rest are counted.
const PENDING_SHOWN: usize = 50;

/// Arguments of `eksnet ipam`.
#[derive(clap::Args)]
#[command(after_help = "\
Text output lists, per node, each ENI (eth0, eth1, ...) with its primary address and
the secondary IPs or /28 prefixes it holds, and which pod holds each (or `warm`);
then each subnet's accounting (AWS's 5 reserved, EKS ENIs, node IPs, ENI primaries,
pod IPs, warm IPs, prefixes, free); then pods that are not Running, and why.

Exit codes: 0 every pod runs; 1 some pod is Pending or ContainerCreating; 2 unusable
input or unknown node.")]
pub struct Args {
    /// Scenario file (`-` for standard input); the default scenario if left out.
    file: Option<String>,
    /// Only this node (name, short name `ip-192-168-46-6`, or node IP).
    #[arg(long)]
    node: Option<String>,
    /// Print JSON (the node's allocation with --node, else the whole simulation).
    #[arg(long)]
    json: bool,
    /// Language of the explanations: en or ko.
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
    let ipam = &analysis.ipam;
    let node = match a.node.as_deref() {
        None => None,
        Some(key) => match analysis.model.node_index(key) {
            Some(n) => Some(n),
            None => {
                // Short names (`ip-192-168-46-6`) compare better than full ones.
                let short = |n: &str| eksnet::model::names::short_node_name(n).to_string();
                let names: Vec<String> = analysis
                    .model
                    .nodes
                    .iter()
                    .map(|n| short(&n.name))
                    .collect();
                let near = eksnet::did_you_mean(&short(key), names.iter().map(String::as_str));
                return said_no_such("node", key, "", &near);
            }
        },
    };
    if a.json {
        match node.and_then(|n| ipam.nodes.get(n)) {
            Some(n) => {
                let pods: Vec<_> = n.pods().filter_map(|p| ipam.pods.get(p)).collect();
                print_json(&serde_json::json!({ "node": n, "pods": pods }));
            }
            None => print_json(ipam),
        }
    } else {
        let mut out = String::new();
        for n in &ipam.nodes {
            if node.is_none_or(|k| k == n.node) {
                write_node(&mut out, &analysis, &n, lang);
            }
        }
        write_subnets(&mut out, &analysis, node);
        write_pending(&mut out, &analysis, node, lang);
        print!("{out}");
    }
    let stuck = ipam
        .pods
        .iter()
        .any(|p| p.status != PodStatus::Running && node.is_none_or(|k| p.node == Some(k)));
    u8::from(stuck)
}

fn pod_name(ipam: &Ipam, p: usize) -> String {
    ipam.pods
        .get(p)
        .map_or_else(String::new, |p| format!("{}/{}", p.namespace, p.name))
}

fn warm_policy(w: WarmPolicy) -> String {
    match w {
        WarmPolicy::Eni { warm_eni_target } => format!("WARM_ENI_TARGET={warm_eni_target}"),
        WarmPolicy::Ip {
            warm_ip_target,
            minimum_ip_target,
        } => format!("WARM_IP_TARGET={warm_ip_target}, MINIMUM_IP_TARGET={minimum_ip_target}"),
        WarmPolicy::Prefix { warm_prefix_target } => {
            format!("WARM_PREFIX_TARGET={warm_prefix_target}")
        }
    }
}

fn write_node(out: &mut String, a: &Analysis, n: &NodeIpam, lang: Lang) {
    let m = &a.model;
    let ipam = &a.ipam;
    let Some(node) = m.nodes.get(n.node) else {
        return;
    };
    let group = m.node_groups.get(node.group);
    let subnet = m.subnets.get(node.subnet);
    let _ = writeln!(
        out,
        "node {} ({}, {}, {} {}): {}, max pods {}, {} pods",
        node.name,
        group.map_or("", |g| g.name.as_str()),
        group.map_or("", |g| g.instance_type.as_str()),
        subnet.map_or("", |s| s.id.as_str()),
        subnet
            .and_then(|s| s.cidr)
            .map_or(String::new(), |c| c.to_string()),
        if n.ready { "Ready" } else { "NotReady" },
        n.max_pods,
        n.pods().len(),
    );
    let mode = match n.mode {
        AddressMode::SecondaryIp => "secondary IPs",
        AddressMode::Prefix => "/28 prefixes",
        AddressMode::Ipv6 => "IPv6 /80 prefix",
    };
    let warm = ipam
        .groups
        .get(node.group)
        .map_or(String::new(), |g| warm_policy(g.warm));
    let _ = writeln!(
        out,
        "  {mode}; {warm}; {} addresses held for pods, {} assigned, {} warm",
        n.pod_addresses(),
        n.assigned(),
        n.warm()
    );
    for e in n.enis() {
        let sid = m.subnets.get(e.subnet).map_or("", |s| s.id.as_str());
        let role = if e.index == 0 { " (node IP)" } else { "" };
        let pods = if e.hosts_pods {
            ""
        } else {
            "; hosts no pods (custom networking)"
        };
        let _ = writeln!(
            out,
            "  eth{} {} in {sid}: primary {}{role}{pods}",
            e.index,
            e.id(),
            e.primary_ip
        );
        for s in e.slots() {
            let holder = s
                .pod
                .map_or_else(|| "warm".to_string(), |p| pod_name(ipam, p as usize));
            let _ = writeln!(out, "    {:<15}  {holder}", s.ip.to_string());
        }
        for p in e.prefixes() {
            let used: Vec<String> = p
                .slots()
                .filter_map(|s| {
                    s.pod
                        .map(|pod| format!("{} {}", s.ip, pod_name(ipam, pod as usize)))
                })
                .collect();
            let _ = writeln!(
                out,
                "    {} prefix: {} assigned, {} warm",
                p.cidr,
                used.len(),
                p.slots().len() - used.len()
            );
            for u in used {
                let _ = writeln!(out, "      {u}");
            }
        }
    }
    if let Some(p6) = n.ipv6_prefix {
        let _ = writeln!(out, "  eth0 IPv6 prefix {p6}");
    }
    let host: Vec<String> = n
        .pods()
        .filter(|&p| ipam.pods.get(p).is_some_and(|x| x.host_network))
        .map(|p| pod_name(ipam, p))
        .collect();
    if !host.is_empty() {
        let _ = writeln!(
            out,
            "  host network ({}): {}",
            node.private_ip,
            host.join(", ")
        );
    }
    if let Some(c) = n.shortfall {
        let _ = writeln!(out, "  pool stopped short: {}", c.message(m).get(lang));
    }
    let _ = writeln!(out);
}

fn write_subnets(out: &mut String, a: &Analysis, node: Option<usize>) {
    let m = &a.model;
    let wanted = |k: usize| match node.and_then(|n| a.ipam.nodes.get(n)) {
        None => true,
        Some(n) => n.enis().any(|e| e.subnet == k),
    };
    let _ = writeln!(out, "subnets:");
    for s in a.ipam.subnets.iter().filter(|s| wanted(s.subnet)) {
        let Some(sm) = m.subnets.get(s.subnet) else {
            continue;
        };
        let Some(acc) = &s.accounting else {
            let _ = writeln!(out, "  {}: no usable CIDR", sm.id);
            continue;
        };
        let held: Vec<String> = acc
            .held
            .iter()
            .map(|(h, n)| {
                let what = match h {
                    Holder::Reserved => "reserved by AWS",
                    Holder::EksEni => "EKS ENIs",
                    Holder::NodePrimary => "node IPs",
                    Holder::EniPrimary => "ENI primaries",
                    Holder::PodAssigned => "pod IPs",
                    Holder::Warm => "warm IPs",
                    Holder::Prefix => "in /28 prefixes",
                    Holder::Other => "other",
                    Holder::CidrReservation => "CIDR reservations",
                    Holder::VpcEndpoint => "VPC endpoints",
                };
                format!("{n} {what}")
            })
            .collect();
        let _ = writeln!(
            out,
            "  {} {} {}: {} addresses, {} free; {}",
            sm.id,
            sm.cidr.map_or(String::new(), |c| c.to_string()),
            sm.az,
            acc.total,
            acc.free,
            held.join(", ")
        );
        if s.prefixes > 0 {
            let _ = writeln!(
                out,
                "    {} prefixes: {} addresses assigned to pods, {} warm",
                s.prefixes, s.assigned, s.warm
            );
        }
    }
}

fn write_pending(out: &mut String, a: &Analysis, node: Option<usize>, lang: Lang) {
    let ipam = &a.ipam;
    let stuck: Vec<usize> = ipam
        .not_running()
        .filter(|(_, p)| node.is_none_or(|k| p.node == Some(k)))
        .map(|(i, _)| i)
        .collect();
    if stuck.is_empty() {
        return;
    }
    let _ = writeln!(out, "not running: {}", stuck.len());
    for &i in stuck.iter().take(PENDING_SHOWN) {
        let Some(p) = ipam.pods.get(i) else { continue };
        let why = p
            .problem
            .map_or(String::new(), |x| x.message(&a.model).get(lang).to_string());
        let _ = writeln!(out, "  {} {}: {why}", pod_name(ipam, i), p.status.as_str());
    }
    if stuck.len() > PENDING_SHOWN {
        let _ = writeln!(out, "  ... and {} more", stuck.len() - PENDING_SHOWN);
    }
}
