//! `eksnet kubectl get ...`: kubectl's own tables, computed from the scenario.

use eksnet::analyze;

use crate::input::{load, EXIT_USAGE};

/// Arguments of `eksnet kubectl`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    verb: Verb,
}

#[derive(clap::Subcommand)]
enum Verb {
    /// Print a table of resources, as `kubectl get` does.
    #[command(after_help = "\
Resources: nodes (node, no), pods (pod, po).

Examples:
  eksnet kubectl get nodes -o wide           source 004's console 1
  eksnet kubectl get pods -o wide my.json
  eksnet kubectl get pods -A

Columns eksnet does not model show stand-ins: AGE is console 1's; VERSION, OS-IMAGE,
KERNEL-VERSION and CONTAINER-RUNTIME are console 1's for Kubernetes 1.18, else the
version with `x` for unknown patch levels.")]
    Get(GetArgs),
}

/// Arguments of `eksnet kubectl get`.
#[derive(clap::Args)]
struct GetArgs {
    /// What to list: nodes or pods.
    resource: String,
    /// Scenario file (`-` for standard input); the default scenario if left out.
    file: Option<String>,
    /// Output format: `wide` adds columns (addresses, nodes).
    #[arg(short = 'o', long = "output")]
    output: Option<String>,
    /// Pods of every namespace.
    #[arg(short = 'A', long = "all-namespaces")]
    all_namespaces: bool,
    /// Pods of this namespace.
    #[arg(short = 'n', long, default_value = "default")]
    namespace: String,
}

/// Runs the command; returns the exit code.
pub fn run(a: Args) -> u8 {
    let Verb::Get(g) = a.verb;
    let wide = match g.output.as_deref() {
        None => false,
        Some("wide") => true,
        Some(other) => {
            eprintln!("eksnet: output format `{other}` is not supported; use -o wide");
            return EXIT_USAGE;
        }
    };
    let resource = g.resource.to_ascii_lowercase();
    if !matches!(
        resource.as_str(),
        "nodes" | "node" | "no" | "pods" | "pod" | "po"
    ) {
        eprintln!(
            "eksnet: the server doesn't have a resource type \"{}\"; eksnet knows nodes and pods",
            g.resource
        );
        return EXIT_USAGE;
    }
    let scenario = match load(g.file.as_deref()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let analysis = analyze(&scenario);
    let text = match resource.as_str() {
        "nodes" | "node" | "no" => eksnet::kubectl::get_nodes(&analysis, wide),
        _ => {
            let ns = (!g.all_namespaces).then_some(g.namespace.as_str());
            eksnet::kubectl::get_pods(&analysis, ns, wide)
        }
    };
    print!("{text}");
    0
}
