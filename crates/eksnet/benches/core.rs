//! Core timings: median wall-clock time of each stage (the address map of every
//! subnet included), for the default scenario and for generated clusters of 1,000 and
//! 100,000 nodes.
//!
//! `cargo bench -p eksnet --bench core -- [--json FILE] [--link FILE] [--link-100k FILE] [--quick]`
//! prints a table; `--json` also writes the figures; `--link` writes the share-link
//! query of the 1,000-node scenario and `--link-100k` that of the 100,000-node one
//! (the browser benchmark opens them).

use std::hint::black_box;
use std::time::Instant;

use eksnet::scene::View;
use eksnet::{analyze, layout, model, svg, trace, Flow, Lang, Scenario, SceneKind};

struct Case {
    name: String,
    median_ms: f64,
    runs: usize,
    budget_ms: Option<f64>,
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut xs = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        black_box(f());
        xs.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    median(xs)
}

fn bench_scenario(
    label: &str,
    s: &Scenario,
    runs: usize,
    cases: &mut Vec<Case>,
    budget_ip: Option<f64>,
) {
    let mut push = |name: &str, ms: f64, budget: Option<f64>| {
        cases.push(Case {
            name: format!("{name} ({label})"),
            median_ms: ms,
            runs,
            budget_ms: budget,
        })
    };
    push(
        "model build",
        time(runs, || {
            let mut d = Vec::new();
            model::build(s, &mut d)
        }),
        None,
    );
    push(
        "IP allocation (VPC CNI simulation)",
        time(runs, || {
            let mut d = Vec::new();
            let m = model::build(s, &mut d);
            let mut ledger = model::Ledger::new(&m.pools);
            eksnet::cni::simulate(&m, &mut ledger, &mut d)
        }) - time(runs, || {
            let mut d = Vec::new();
            model::build(s, &mut d)
        }),
        budget_ip,
    );
    push(
        "analyze (all of the above + checks)",
        time(runs, || analyze(s)),
        None,
    );
    let a = analyze(s);
    // The address map of every subnet (owners, /28 blocks); same budget as the
    // simulation for the 100,000-node cluster.
    push(
        "address map (every subnet's owners and /28 blocks)",
        time(runs, || eksnet::addrmap::build(&a)),
        budget_ip,
    );
    let first_node = a
        .model
        .nodes
        .first()
        .map(|n| n.name.clone())
        .unwrap_or_default();
    let first_client = a
        .model
        .clients
        .first()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let first_service = a
        .lbs
        .services
        .first()
        .map(|s| format!("{}/{}", s.namespace, s.name))
        .unwrap_or_default();
    for f in [
        format!("kubectl:{first_client}"),
        format!("kubelet:{first_node}"),
        format!("exec:{first_node}"),
        format!("svc:{first_service}"),
    ] {
        if let Ok(flow) = Flow::parse(&f) {
            let kind = f.split(':').next().unwrap_or_default();
            push(
                &format!("trace {kind}"),
                time(runs, || trace(&a, &flow)),
                None,
            );
        }
    }
    for scene in SceneKind::ALL {
        let view = View {
            scene,
            ..View::default()
        };
        push(
            &format!("layout {}", scene.slug()),
            time(runs, || layout(&a, &view)),
            None,
        );
    }
    let scene = layout(&a, &View::default());
    push(
        "SVG render pod-network",
        time(runs, || svg::render(&scene, Lang::En)),
        None,
    );
}

/// Importing a generated snapshot of 1,000 nodes × 30 pods (its kubectl and AWS CLI
/// JSON, about the size real output has); the budget is 1 s.
fn bench_import(runs: usize, cases: &mut Vec<Case>) {
    let files = eksnet::import::synthetic::snapshot(1_000, 30);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    cases.push(Case {
        name: format!(
            "import snapshot (1,000 nodes × 30 pods, {} MB)",
            bytes / 1_000_000
        ),
        median_ms: time(runs, || eksnet::import::import(&files)),
        runs,
        budget_ms: Some(1000.0),
    });
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let quick = args.iter().any(|a| a == "--quick");
    let mut cases = Vec::new();

    let default = Scenario::example();
    bench_scenario(
        "default scenario",
        &default,
        if quick { 5 } else { 31 },
        &mut cases,
        None,
    );

    let thousand = eksnet::generate::large(1_000, 30);
    bench_scenario(
        "1,000 nodes × 30 pods",
        &thousand,
        if quick { 3 } else { 9 },
        &mut cases,
        None,
    );
    if let Some(path) = arg("--link") {
        let link = eksnet::share::Link {
            scenario: thousand.clone(),
            ..eksnet::share::Link::default()
        };
        let _ = std::fs::write(path, eksnet::share::to_query(&link));
    }

    // The budget: the VPC CNI simulation of 100,000 nodes × 30 pods under 1 s, and
    // the address map of its subnets under 1 s.
    let big = eksnet::generate::large(100_000, 30);
    if let Some(path) = arg("--link-100k") {
        let link = eksnet::share::Link {
            scenario: big.clone(),
            ..eksnet::share::Link::default()
        };
        let _ = std::fs::write(path, eksnet::share::to_query(&link));
    }
    bench_scenario(
        "100,000 nodes × 30 pods",
        &big,
        if quick { 1 } else { 5 },
        &mut cases,
        Some(1000.0),
    );

    bench_import(if quick { 3 } else { 9 }, &mut cases);

    let w = cases.iter().map(|c| c.name.len()).max().unwrap_or(10);
    println!("{:w$}  {:>12}  {:>5}  budget", "case", "median", "runs");
    for c in &cases {
        let budget = c
            .budget_ms
            .map(|b| {
                format!(
                    "< {b} ms: {}",
                    if c.median_ms < b {
                        "holds"
                    } else {
                        "DOES NOT HOLD"
                    }
                )
            })
            .unwrap_or_default();
        println!(
            "{:w$}  {:>9.3} ms  {:>5}  {budget}",
            c.name, c.median_ms, c.runs
        );
    }
    if let Some(path) = arg("--json") {
        let json = serde_json::json!({
            "cases": cases.iter().map(|c| serde_json::json!({
                "name": c.name, "median_ms": c.median_ms, "runs": c.runs, "budget_ms": c.budget_ms,
            })).collect::<Vec<_>>()
        });
        let _ = std::fs::write(
            path,
            serde_json::to_string_pretty(&json).unwrap_or_default(),
        );
    }
}
