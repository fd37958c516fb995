//! `eksnet lb`: the load balancers made for the scenario's Services and Ingresses,
//! with their listeners, target groups and the health of every target, then what
//! `kubectl get svc` and `kubectl get ingress` would print.

use serde::Serialize;

use eksnet::kubectl::{self, KubectlView};
use eksnet::lb::{Controller, LoadBalancer, LoadBalancing, Owner};
use eksnet::{analyze, Analysis, Lang};

use crate::input::{print_json, print_text};

/// Arguments of `eksnet lb`.
#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (`-` for standard input); the default scenario if left out.
    file: Option<String>,
    /// Print the load balancers as JSON (both languages) instead of text.
    #[arg(long)]
    json: bool,
    /// Language of the text output: en or ko.
    #[arg(long, default_value = "en")]
    lang: String,
}

/// The JSON document `eksnet lb --json` prints.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report<'a> {
    /// Services, Ingresses and load balancers.
    #[serde(flatten)]
    pub lbs: &'a LoadBalancing,
    /// What kubectl would print.
    pub kubectl: Vec<KubectlView>,
}

/// Whether every load balancer carries traffic: created, without a problem, and
/// with a healthy target in each target group.
fn all_carry(lbs: &LoadBalancing) -> bool {
    lbs.load_balancers.iter().all(|lb| {
        lb.usable()
            && lb
                .target_groups
                .iter()
                .all(|t| t.healthy().next().is_some())
    })
}

/// Runs the command; returns the exit code (0 every load balancer carries traffic,
/// 1 one does not, 2 bad input).
pub fn run(a: Args) -> u8 {
    let (lang, scenario) = match crate::input::lang_and_scenario(&a.lang, a.file.as_deref()) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let analysis = analyze(&scenario);
    if a.json {
        print_json(&Report {
            lbs: &analysis.lbs,
            kubectl: kubectl::services::views(&analysis),
        });
    } else {
        print_text(&render(&analysis, lang));
    }
    if all_carry(&analysis.lbs) {
        0
    } else {
        1
    }
}

fn owner(a: &Analysis, lb: &LoadBalancer) -> String {
    match &lb.owner {
        Owner::Service { service } => {
            let s = a
                .lbs
                .services
                .get(*service)
                .map(|s| format!("{}/{}", s.namespace, s.name))
                .unwrap_or_default();
            format!("Service {s}")
        }
        Owner::Ingresses { group, ingresses } => {
            let names: Vec<String> = ingresses
                .iter()
                .filter_map(|&i| a.lbs.ingresses.get(i))
                .map(|i| format!("{}/{}", i.namespace, i.name))
                .collect();
            let names = names.join(", ");
            match group {
                Some(g) => format!("IngressGroup {g} (Ingress {names})"),
                None => format!("Ingress {names}"),
            }
        }
    }
}

/// The load balancers as text, then the kubectl views.
pub fn render(a: &Analysis, lang: Lang) -> String {
    use std::fmt::Write;
    let ko = lang == Lang::Ko;
    let m = &a.model;
    let mut out = String::new();
    if a.lbs.load_balancers.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if ko {
                "로드 밸런서가 없다 (type: LoadBalancer Service나 alb Ingress가 없음)"
            } else {
                "no load balancers (no type: LoadBalancer Service and no alb Ingress)"
            }
        );
    }
    for lb in &a.lbs.load_balancers {
        let by = match (lb.controller, ko) {
            (Controller::InTree, false) => "in-tree cloud provider",
            (Controller::InTree, true) => "인트리 클라우드 공급자",
            (Controller::AwsLoadBalancerController, _) => "AWS Load Balancer Controller",
        };
        let _ = writeln!(
            out,
            "{} {}  ({}, {}) {} {}",
            lb.kind.as_str(),
            lb.name,
            by,
            lb.scheme.as_str(),
            if ko { "←" } else { "for" },
            owner(a, lb)
        );
        let dns = if lb.created {
            lb.dns_name.clone()
        } else if ko {
            "<pending> (만들어지지 않음)".into()
        } else {
            "<pending> (not created)".into()
        };
        let _ = writeln!(out, "  DNS: {dns}");
        for n in &lb.nodes {
            let sub = m
                .subnets
                .get(n.subnet)
                .map(|s| s.id.as_str())
                .unwrap_or("?");
            let public = n.public_ip.map(|p| format!(" / {p}")).unwrap_or_default();
            let _ = writeln!(out, "  {} {sub}: {}{public}", n.az, n.private_ip);
        }
        let cz = match (lb.cross_zone, ko) {
            (true, false) => "on",
            (false, false) => "off",
            (true, true) => "켜짐",
            (false, true) => "꺼짐",
        };
        let _ = writeln!(
            out,
            "  {}: {cz}",
            if ko { "교차 영역" } else { "cross-zone" }
        );
        for l in &lb.listeners {
            for r in &l.rules {
                let tg = lb.target_groups.get(r.target_group);
                let tg = tg.map(|t| t.eid.to_string()).unwrap_or_default();
                let cond = if l.protocol == "HTTP" {
                    format!(" {}{}", r.host, r.path)
                } else {
                    String::new()
                };
                let word = if ko { "리스너" } else { "listener" };
                let _ = writeln!(out, "  {word} {}:{}{cond} -> {tg}", l.protocol, l.port);
            }
        }
        for tg in &lb.target_groups {
            let client = match (tg.client_ip_preserved, ko) {
                (true, false) => "client address kept",
                (false, false) => "client address hidden",
                (true, true) => "클라이언트 주소 유지",
                (false, true) => "클라이언트 주소 숨김",
            };
            let _ = writeln!(
                out,
                "  {} {} ({} {}:{}, {} {}; {client})",
                tg.eid,
                tg.name,
                tg.target_type.as_str(),
                tg.protocol,
                tg.port,
                if ko { "헬스 체크" } else { "health check" },
                tg.health_check.display()
            );
            let who = |t: &eksnet::lb::Target| -> String {
                let id = t.at.as_str();
                let who = id.split_once(':').map_or(id, |x| x.1);
                eksnet::model::names::short_node_name(who).to_string()
            };
            let w = tg.targets.iter().map(|t| who(t).len()).max().unwrap_or(0);
            let aw = tg
                .targets
                .iter()
                .map(|t| format!("{}:{}", t.ip, t.port).len())
                .max()
                .unwrap_or(0);
            for t in &tg.targets {
                let state = format!("{:?}", t.health.state).to_lowercase();
                let reason = t
                    .health
                    .reason
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default();
                let addr = format!("{}:{}", t.ip, t.port);
                let _ = writeln!(
                    out,
                    "    {:<w$}  {addr:<aw$}  {}  {state}{reason}",
                    who(t),
                    t.az
                );
                let _ = writeln!(out, "      {}", t.health.why.get(lang));
            }
        }
        for p in &lb.problems {
            let _ = writeln!(
                out,
                "  {}[{}] {}",
                if ko { "문제" } else { "problem" },
                p.code,
                p.reason.get(lang)
            );
            let _ = writeln!(
                out,
                "    {}: {}",
                if ko { "고치는 법" } else { "fix" },
                p.fix.get(lang)
            );
            if let Some(f) = &p.field {
                let _ = writeln!(out, "    {}: {f}", if ko { "필드" } else { "field" });
            }
        }
        out.push('\n');
    }
    for v in kubectl::services::views(a) {
        let _ = writeln!(out, "# {}", v.command);
        out.push_str(&v.output);
        out.push('\n');
    }
    out
}
