//! `eksnet`: the command-line face of the eksnet core.
//!
//! Every command reads a scenario (a JSON file, `-` for standard input, or nothing
//! for the default scenario of source 004's console 1), prints text by default and
//! JSON with `--json`. Exit codes: 0 = fine (reachable, no errors), 1 = the answer
//! is "no" (blocked, errors found), 2 = the input is unusable.

mod check;
mod collect;
mod import;
mod input;
mod ipam;
mod kubectl;
mod lb;
mod max_pods;
mod max_pods_truth;
mod render;
mod subnets;
mod trace;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Amazon EKS networking, hop by hop, offline.
#[derive(Parser)]
#[command(name = "eksnet", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a scenario against every rule of the sources; exit 1 on errors.
    Check(check::Args),
    /// Trace a flow hop by hop (kubectl, kubelet, exec, webhook, egress, pull, svc, ing, pod); exit 1 when blocked.
    Trace(trace::Args),
    /// List load balancers, listeners, target groups and target health, and what
    /// `kubectl get svc/ingress` prints; exit 1 when one cannot carry traffic.
    Lb(lb::Args),
    /// Write a scene as a standalone SVG file (the same SVG the web app exports).
    Render(render::Args),
    /// Max pods per node for an instance type; --explain: the truth table (every rule,
    /// and what each launcher sets, side by side).
    MaxPods(max_pods::Args),
    /// Pod IPs per node: ENIs, secondary IPs or prefixes, warm pool, pending pods.
    Ipam(ipam::Args),
    /// kubectl's tables (get nodes, get pods) computed from the scenario.
    Kubectl(kubectl::Args),
    /// Each subnet's addresses by owner, its /28 blocks and fragmentation, and how
    /// many more nodes and pods it can take.
    Subnets(subnets::Args),
    /// Turn a snapshot (AWS CLI, kubectl, eksctl output; files or folders) into a
    /// scenario on stdout, with a report on stderr; exit 2 on unusable input.
    Import(import::Args),
    /// Print the read-only aws and kubectl commands that save a snapshot for `import`.
    Collect(collect::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(a) => check::run(a),
        Command::Trace(a) => trace::run(a),
        Command::Lb(a) => lb::run(a),
        Command::Render(a) => render::run(a),
        Command::MaxPods(a) => max_pods::run(a),
        Command::Ipam(a) => ipam::run(a),
        Command::Kubectl(a) => kubectl::run(a),
        Command::Subnets(a) => subnets::run(a),
        Command::Import(a) => import::run(a),
        Command::Collect(a) => collect::run(a),
    };
    ExitCode::from(code)
}
