//! `eksnet max-pods`: max pods per node for an instance type, the way AWS computes it.

use eksnet::cni::max_pods::{self, MaxPodsError, MaxPodsOptions, Question};
use eksnet::Lang;

use crate::input::{print_json, EXIT_USAGE};

/// Arguments of `eksnet max-pods`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  eksnet max-pods m5.large                        29
  eksnet max-pods m5.large --prefix-delegation    110
  eksnet max-pods m5.xlarge --prefix-delegation --explain
                                                  the truth table: every rule with its
                                                  source, and what the calculator, managed
                                                  node groups, AL2 bootstrap.sh, AL2023
                                                  nodeadm and Karpenter each set (58 vs 110)
  eksnet max-pods --all --no-cap                  one `TYPE VALUE` line per known type

Exit codes: 0 fine; 1 the options do not apply to the type (prefix delegation or
IPv6 on a non-Nitro type: the message says what the CNI does instead); 2 unknown
instance type (with suggestions) or bad arguments.")]
pub struct Args {
    /// EC2 instance type, e.g. m5.large.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    instance_type: Option<String>,
    /// Every known instance type, one `TYPE VALUE` line each, sorted by type.
    #[arg(long)]
    all: bool,
    /// Prefix delegation (ENABLE_PREFIX_DELEGATION): /28 prefixes per ENI slot.
    #[arg(long)]
    prefix_delegation: bool,
    /// Custom networking: the primary ENI hosts no pods (one ENI less).
    #[arg(long)]
    custom_networking: bool,
    /// Security groups for pods (ENABLE_POD_ENI): the trunk ENI takes an ENI slot,
    /// branch ENIs carry the pods with their own security groups (--explain shows it).
    #[arg(long)]
    security_groups_for_pods: bool,
    /// Use at most N ENIs.
    #[arg(long, value_name = "N", conflicts_with = "explain")]
    max_eni: Option<u32>,
    /// The uncapped value (no kubelet cap of 110, or 250 above 30 vCPUs).
    #[arg(long, conflicts_with = "explain")]
    no_cap: bool,
    /// An IPv6 cluster (/80 prefixes, Nitro only).
    #[arg(long)]
    ipv6: bool,
    /// Print the truth table: every rule with its source, the node's addresses, and
    /// what each launcher sets, side by side, disagreements marked `!`.
    #[arg(long, conflicts_with = "all")]
    explain: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Language of the breakdown: en or ko.
    #[arg(long, default_value = "en")]
    lang: String,
}

/// Runs the command; returns the exit code.
pub fn run(a: Args) -> u8 {
    let lang = match crate::input::lang(&a.lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let opts = MaxPodsOptions {
        prefix_delegation: a.prefix_delegation,
        custom_networking: a.custom_networking,
        max_eni: a.max_eni,
        uncapped: a.no_cap,
        ipv6: a.ipv6,
    };
    if a.all {
        let all = max_pods::all(&opts);
        if a.json {
            let rows: Vec<(&str, u32)> = all.iter().map(|m| (m.instance_type, m.value)).collect();
            print_json(&rows);
        } else {
            let mut out = String::with_capacity(all.len() * 20);
            for m in &all {
                out.push_str(m.instance_type);
                out.push(' ');
                out.push_str(&m.value.to_string());
                out.push('\n');
            }
            print!("{out}");
        }
        let left_out = eksnet::cni::limits::all().len() - all.len();
        if left_out > 0 {
            eprintln!(
                "eksnet: {left_out} instance types left out: the options need a Nitro or bare-metal type"
            );
        }
        return 0;
    }
    let name = a.instance_type.unwrap_or_default();
    if a.explain {
        let q = Question {
            prefix_delegation: a.prefix_delegation,
            custom_networking: a.custom_networking,
            security_groups_for_pods: a.security_groups_for_pods,
            ipv6: a.ipv6,
        };
        return match max_pods::truth_table(&name, &q) {
            Ok(t) if a.json => {
                print_json(&t);
                0
            }
            Ok(t) => {
                print!("{}", crate::max_pods_truth::render(&t, lang));
                0
            }
            Err(e) => refuse(e, a.json, lang),
        };
    }
    match max_pods::max_pods(&name, &opts) {
        Ok(m) => {
            if a.json {
                print_json(&m);
            } else {
                println!("{}", m.value);
            }
            0
        }
        Err(e) => refuse(e, a.json, lang),
    }
}

/// Prints why max pods cannot be computed; returns the exit code.
fn refuse(e: MaxPodsError, json: bool, lang: Lang) -> u8 {
    match e {
        MaxPodsError::UnknownType(u) => {
            eprintln!("eksnet: {u}");
            EXIT_USAGE
        }
        e => {
            if json {
                print_json(&e);
            }
            match &e {
                MaxPodsError::PrefixesUnsupported { message, .. } => {
                    eprintln!("eksnet: {}", message.get(lang));
                }
                other => eprintln!("eksnet: {other}"),
            }
            1
        }
    }
}
