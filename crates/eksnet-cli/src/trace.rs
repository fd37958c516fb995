//! `eksnet trace`: a flow hop by hop, with the verdict.

use eksnet::trace::{flows, FlowGroup, FLOW_GRAMMAR};
use eksnet::{analyze, trace, Flow, Lang, Trace, Verdict};

use crate::input::{load, print_json, print_text, EXIT_USAGE};

/// Arguments of `eksnet trace`.
#[derive(clap::Args)]
#[command(after_help = FLOW_HELP)]
pub struct Args {
    /// Scenario file (`-` for standard input); the default scenario if left out.
    file: Option<String>,
    /// The flow to trace, e.g. `kubectl:laptop`, `svc:my-nginx` or `pod:a->pod:b` (grammar below).
    #[arg(long, required_unless_present = "list")]
    flow: Option<String>,
    /// List the flows the scenario offers (those of the web app's flow picker) instead.
    #[arg(long, conflicts_with = "flow")]
    list: bool,
    /// Print the trace as JSON (both languages) instead of text.
    #[arg(long)]
    json: bool,
    /// Language of the text output: en or ko.
    #[arg(long, default_value = "en")]
    lang: String,
}

/// `--help` ends with the flow grammar, the core's own constant.
const FLOW_HELP: &str = FLOW_GRAMMAR;

/// Runs the command; returns the exit code (0 reachable, 1 blocked, 2 bad input).
pub fn run(a: Args) -> u8 {
    let lang = match crate::input::lang(&a.lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let flow = match a.flow.as_deref().map(Flow::parse).transpose() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("eksnet: {e}");
            return EXIT_USAGE;
        }
    };
    let scenario = match load(a.file.as_deref()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let analysis = analyze(&scenario);
    let Some(flow) = flow else {
        let groups = flows(&analysis);
        if a.json {
            print_json(&list_json(&groups));
        } else {
            print_text(&list(&groups, lang));
        }
        return 0;
    };
    let t = trace(&analysis, &flow);
    if a.json {
        print_json(&t);
    } else {
        print_text(&render(&t, lang));
    }
    if t.is_reachable() {
        0
    } else {
        1
    }
}

/// The flows of a scenario as text: each kind's title, then its flows, indented:
/// the value `--flow` takes, then the flow in words.
pub fn list(groups: &[FlowGroup], lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let width = groups
        .iter()
        .flat_map(|g| g.flows.iter().map(|(f, _)| f.to_string().chars().count()))
        .max()
        .unwrap_or(0);
    for g in groups {
        let _ = writeln!(out, "{}", g.kind.title().get(lang));
        for (f, name) in &g.flows {
            let f = f.to_string();
            let pad = width - f.chars().count();
            let _ = writeln!(out, "  {f}{:pad$}  {}", "", name.get(lang));
        }
    }
    out
}

/// The flows of a scenario as JSON: `[{"title": {"en", "ko"}, "flows": [...],
/// "labels": [{"en", "ko"}, ...]}]` (`labels[i]` names `flows[i]`).
fn list_json(groups: &[FlowGroup]) -> serde_json::Value {
    groups
        .iter()
        .map(|g| {
            serde_json::json!({
                "title": g.kind.title(),
                "flows": g.flows.iter().map(|(f, _)| f.to_string()).collect::<Vec<_>>(),
                "labels": g.flows.iter().map(|(_, l)| l).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// The trace as text: a title, numbered hops, the verdict.
pub fn render(t: &Trace, lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{}", t.title.get(lang));
    for (i, h) in t.hops.iter().enumerate() {
        let mut flags = Vec::new();
        if h.public_internet {
            flags.push(if lang == Lang::Ko {
                "퍼블릭 인터넷"
            } else {
                "public internet"
            });
        } else if h.leaves_vpc {
            flags.push(if lang == Lang::Ko {
                "VPC 밖"
            } else {
                "outside the VPC"
            });
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", flags.join(", "))
        };
        let _ = writeln!(
            out,
            "{:>3}. {}  ({}){}",
            i + 1,
            h.label.get(lang),
            h.at,
            flags
        );
        match (&h.src, &h.dst) {
            (Some(s), Some(d)) => {
                let _ = writeln!(out, "     {s} -> {d}");
            }
            (Some(s), None) => {
                let _ = writeln!(out, "     {s}");
            }
            _ => {}
        }
        if let Some(dns) = &h.dns {
            let ans = if dns.addresses.is_empty() {
                if lang == Lang::Ko {
                    "응답 없음".to_string()
                } else {
                    "no answer".to_string()
                }
            } else {
                dns.addresses.join(", ")
            };
            let _ = writeln!(out, "     {} -> {}", dns.name, ans);
        }
        let _ = writeln!(out, "     {}", h.why.get(lang));
        let _ = writeln!(out, "     [{}]", h.cite.display());
    }
    match &t.verdict {
        Verdict::Reachable => {
            let _ = writeln!(
                out,
                "{}",
                if lang == Lang::Ko {
                    "결과: 도달함"
                } else {
                    "verdict: reachable"
                }
            );
        }
        Verdict::Blocked {
            at,
            code,
            reason,
            fix,
            cite,
            field,
        } => {
            let (f, w) = if lang == Lang::Ko {
                ("고치는 법", "필드")
            } else {
                ("fix", "field")
            };
            let _ = if lang == Lang::Ko {
                writeln!(out, "결과: {at}에서 막힘 [{code}]")
            } else {
                writeln!(out, "verdict: blocked at {at} [{code}]")
            };
            let _ = writeln!(out, "  {}", reason.get(lang));
            let _ = writeln!(out, "  {f}: {}", fix.get(lang));
            if let Some(p) = field {
                let _ = writeln!(out, "  {w}: {p}");
            }
            let _ = writeln!(out, "  [{}]", cite.display());
        }
    }
    out
}
