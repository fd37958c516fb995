//! Core timings: median wall-clock time of each stage (the address map of every
//! subnet and the import of a snapshot included), for the default scenario and
//! for generated clusters of 1,000 and 100,000 nodes, and the figures that hold on
//! any machine: ratios to a reference timed in the same run.
//!
//! - **Simulation / floor**: the VPC CNI simulation of 100,000 nodes × 30 pods
//!   against the least work any simulation of it must do (give each of the
//!   3,000,000 pods a distinct address of its node's subnet and record
//!   `(pod, node, ENI, address)`: [`floor`]). The two run in turn, run after run,
//!   and the ratio is the median of the runs' ratios, so that a machine busy with
//!   other work slows both alike. They run in a child process of this binary
//!   (`--sim-floor`) whose heap is steady ([`STEADY_HEAP`]): the same state on
//!   every machine and in every run, whatever ran before.
//! - **Peak memory** of `analyze` on the 100,000-node cluster: a child process of
//!   this binary (`--peak-100k`) reads its own `VmHWM` (peak resident set, Linux)
//!   before and after the analysis.
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

/// A figure that is not a time: a ratio or a size, with its budget (at most).
struct Figure {
    name: String,
    value: f64,
    unit: &'static str,
    runs: Vec<f64>,
    budget: Option<f64>,
    why: &'static str,
}

/// One pod's record in [`floor`]: 16 bytes (written to be measured: `black_box`
/// is its only reader).
#[derive(Clone, Copy)]
#[allow(dead_code)]
struct FloorRecord {
    pod: u32,
    node: u32,
    eni: u32,
    ip: std::net::Ipv4Addr,
}

/// The least work any simulation of `m` with `per_node` pods on each node must do:
/// give every pod a distinct address of its node's subnet (the next one, from a
/// cursor per subnet past AWS's reserved addresses) and record
/// `(pod, node, ENI, address)`, ENIs filled `slots` addresses at a time.
fn floor(m: &eksnet::Model, per_node: u32, slots: u32) -> Vec<FloorRecord> {
    let mut next: Vec<u32> = m
        .subnets
        .iter()
        .map(|s| s.cidr.map_or(0, |c| u32::from(c.network()) + 4))
        .collect();
    let mut out = Vec::with_capacity(m.nodes.len() * per_node as usize);
    for (n, node) in m.nodes.iter().enumerate() {
        let Some(cursor) = next.get_mut(node.subnet) else {
            continue;
        };
        for k in 0..per_node {
            out.push(FloorRecord {
                pod: out.len() as u32,
                node: n as u32,
                eni: k / slots.max(1),
                ip: std::net::Ipv4Addr::from(*cursor),
            });
            *cursor += 1;
        }
    }
    out
}

/// The simulation of `s` against [`floor`], in turn `runs` times: the median of
/// the per-run ratios, and each run's ratio.
fn simulation_vs_floor(s: &Scenario, per_node: u32, runs: usize) -> (f64, Vec<f64>, f64, f64) {
    let mut d = Vec::new();
    let m = model::build(s, &mut d);
    let slots = m
        .node_groups
        .first()
        .and_then(|g| eksnet::cni::limits::lookup(&g.instance_type))
        .map_or(1, |l| l.ipv4_per_eni.saturating_sub(1));
    let (mut ratios, mut sims, mut floors) = (Vec::new(), Vec::new(), Vec::new());
    let simulate = || {
        let mut d = Vec::new();
        let mut ledger = model::Ledger::new(&m.pools);
        eksnet::cni::simulate(&m, &mut ledger, &mut d)
    };
    // Once each, untimed: the heap then holds what both need (see STEADY_HEAP).
    black_box(floor(&m, per_node, slots));
    black_box(simulate());
    for _ in 0..runs {
        let f = time(1, || floor(&m, per_node, slots));
        let sim = time(1, simulate);
        ratios.push(sim / f);
        sims.push(sim);
        floors.push(f);
    }
    (median(ratios.clone()), ratios, median(sims), median(floors))
}

/// Peak resident set (`VmHWM`) of this process, in bytes (Linux; 0 elsewhere).
fn vm_hwm() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// `--peak-100k`: analyses the 100,000-node cluster and prints the peak resident
/// set before and after, and the pods, as `before after pods`.
fn peak_child() {
    let s = eksnet::generate::large(100_000, 30);
    let before = vm_hwm();
    let a = analyze(&s);
    let after = vm_hwm();
    println!("{before} {after} {}", a.ipam.pods.len());
}

/// glibc's allocator settings under which the simulation and its floor are
/// timed: every block from the heap (no `mmap` of large ones) and nothing given
/// back to the system. After one untimed run of each, both then run on pages
/// already mapped, as in a browser (a WebAssembly memory never shrinks), and
/// the ratio no longer depends on what the process did before: with glibc's
/// defaults the floor read ~6 ms after the import's frees and ~26 ms on fresh
/// pages, so the same code read 2.2× or 5.6× with the bench's order.
const STEADY_HEAP: [(&str, &str); 2] = [
    ("MALLOC_MMAP_MAX_", "0"),
    ("MALLOC_TRIM_THRESHOLD_", "1099511627776"),
];

/// Whether this process runs with [`STEADY_HEAP`].
fn steady_heap() -> bool {
    STEADY_HEAP
        .iter()
        .all(|(k, v)| std::env::var(k).is_ok_and(|x| x == *v))
}

/// This binary again with `args`, under [`STEADY_HEAP`].
fn steady_child(args: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new(std::env::current_exe().unwrap_or_default());
    c.args(args).envs(STEADY_HEAP);
    c
}

/// `--profile-sim N [--cold]`: the simulation of 100,000 nodes × 30 pods against
/// its floor, `N` times (to run under a profiler; `perf` follows the child);
/// prints each run. In the bench's state ([`STEADY_HEAP`], one untimed run of
/// each first); `--cold` in this process as it is, where every large block is
/// fresh pages (the ratio is then about 3×, the kernel's page faults weighing on
/// both).
fn profile_sim(n: usize, cold: bool) {
    if !cold && !steady_heap() {
        let status = steady_child(&["--profile-sim", &n.to_string()]).status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("--profile-sim: the child process failed");
        }
        return;
    }
    let s = eksnet::generate::large(100_000, 30);
    let (ratio, runs, sim, floor) = simulation_vs_floor(&s, 30, n);
    println!("simulation / floor: median {ratio:.2}× of {runs:.2?} (medians {sim:.1} ms / {floor:.1} ms)");
}

/// `--sim-floor N` (in the child [`sim_floor`] starts): the figures, as
/// `ratio sim_ms floor_ms run run …`.
fn sim_floor_child(n: usize) {
    let s = eksnet::generate::large(100_000, 30);
    let (ratio, runs, sim, floor) = simulation_vs_floor(&s, 30, n);
    let runs: Vec<String> = runs.iter().map(f64::to_string).collect();
    println!("{ratio} {sim} {floor} {}", runs.join(" "));
}

/// The simulation of 100,000 nodes × 30 pods against its floor, `runs` times, in
/// a child process under [`STEADY_HEAP`]: `(median ratio, ratios, median
/// simulation ms, median floor ms)`; `None` if the child failed.
fn sim_floor(runs: usize) -> Option<(f64, Vec<f64>, f64, f64)> {
    let v: Vec<f64> = child_numbers(steady_child(&["--sim-floor", &runs.to_string()]))?;
    match v.as_slice() {
        [ratio, sim, floor, runs @ ..] if !runs.is_empty() => {
            Some((*ratio, runs.to_vec(), *sim, *floor))
        }
        _ => None,
    }
}

/// Runs `--peak-100k` in a child process: `(peak bytes of the analysis, pods)`.
fn peak_memory() -> Option<(u64, u64)> {
    let mut child = std::process::Command::new(std::env::current_exe().ok()?);
    child.arg("--peak-100k");
    let v: Vec<u64> = child_numbers(child)?;
    match v.as_slice() {
        [before, after, pods] if *after > 0 => Some((after.saturating_sub(*before), *pods)),
        _ => None,
    }
}

/// The numbers a child process of this binary printed (`None` if it could not run).
fn child_numbers<T: std::str::FromStr>(mut child: std::process::Command) -> Option<Vec<T>> {
    let out = child.output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    Some(
        text.split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect(),
    )
}

/// The machine: CPU model and logical cores (from `/proc/cpuinfo`), and the load
/// average when the bench started (other work slows absolute times, not ratios).
fn machine() -> serde_json::Value {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = info
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown", |(_, v)| v.trim())
        .to_string();
    let cores = info.lines().filter(|l| l.starts_with("processor")).count();
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_default();
    serde_json::json!({ "cpu": model, "cores": cores, "load_average_1min": load })
}

/// Budget of the 100,000-node analysis' peak memory, in bytes per pod: 1 GiB for
/// the 3,200,000 pods of the largest cluster eksnet takes (100,000 nodes × 30 pods
/// and 2 system pods each), what a browser tab on an ordinary laptop can hold (the
/// explorer runs the same analysis in WebAssembly, whose 32-bit heap needs less).
const PEAK_BYTES_PER_POD: f64 = 320.0;
const PEAK_WHY: &str =
    "1 GiB for the 3,200,000 pods of 100,000 nodes, what a laptop's browser tab holds";

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
    // Every scene, and a flow lit in the endpoint scene, where the route
    // labels seek the most room (scene/route_label.rs).
    let kubelet = Flow::parse(&format!("kubelet:{first_node}")).ok();
    let lit = (SceneKind::Endpoint, kubelet, ", a node's kubelet flow lit");
    let views = SceneKind::ALL.iter().map(|&s| (s, None, ""));
    for (scene, flow, what) in views.chain([lit]) {
        let view = View {
            scene,
            flow,
            ..View::default()
        };
        push(
            &format!("layout {}{what}", scene.slug()),
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
/// JSON, about the size real output has): its time, and its ratio to the least
/// work any importer must do (parsing every file's JSON once), timed in turn in
/// the same run (see [`import_vs_parse`]).
fn bench_import(runs: usize, cases: &mut Vec<Case>, figures: &mut Vec<Figure>) {
    let files = eksnet::import::synthetic::snapshot(1_000, 30);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mb = bytes / 1_000_000;
    cases.push(Case {
        name: format!("import snapshot (1,000 nodes × 30 pods, {mb} MB)"),
        median_ms: time(runs, || eksnet::import::import(&files)),
        runs,
        budget_ms: None,
    });
    let (ratio, each, import_ms, parse_ms) = import_vs_parse(&files, runs);
    figures.push(Figure {
        name: format!(
            "import / parsing its JSON (1,000 nodes × 30 pods, {mb} MB; medians {import_ms:.0} ms / {parse_ms:.0} ms)"
        ),
        value: ratio,
        unit: "×",
        runs: each,
        budget: Some(IMPORT_PER_PARSE),
        why: IMPORT_WHY,
    });
}

/// Budget of [`import_vs_parse`]: reading the snapshot is parsing its JSON once,
/// then reading the fields eksnet uses out of it and building the scenario; all
/// of that within this many times the parse alone.
const IMPORT_PER_PARSE: f64 = 4.0;
const IMPORT_WHY: &str = "the reference: every file of the snapshot parsed once to a JSON value (serde_json), the least work any importer must do";

/// The import of `files` against parsing each file to a `serde_json::Value`,
/// run in turn `runs` times: the median of the runs' ratios, the ratios, and
/// the two medians in ms.
fn import_vs_parse(files: &[(String, String)], runs: usize) -> (f64, Vec<f64>, f64, f64) {
    let (mut ratios, mut imports, mut parses) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        for (_, text) in files {
            black_box(serde_json::from_str::<serde_json::Value>(text).ok());
        }
        let parse = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        black_box(eksnet::import::import(files));
        let import = t.elapsed().as_secs_f64() * 1000.0;
        ratios.push(import / parse.max(1e-6));
        imports.push(import);
        parses.push(parse);
    }
    (
        median(ratios.clone()),
        ratios,
        median(imports),
        median(parses),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--peak-100k") {
        peak_child();
        return;
    }
    if let Some(k) = args.iter().position(|a| a == "--sim-floor") {
        let n: usize = args.get(k + 1).and_then(|x| x.parse().ok()).unwrap_or(7);
        sim_floor_child(n);
        return;
    }
    if let Some(k) = args.iter().position(|a| a == "--profile-sim") {
        // For a profiler: the 100,000-node simulation alone, N times.
        let n: usize = args.get(k + 1).and_then(|x| x.parse().ok()).unwrap_or(5);
        profile_sim(n, args.iter().any(|a| a == "--cold"));
        return;
    }
    let machine = machine();
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
        None,
    );

    // Ratios and sizes: what holds on any machine.
    let mut figures = Vec::new();
    bench_import(if quick { 3 } else { 9 }, &mut cases, &mut figures);
    let sim_runs = if quick { 3 } else { 7 };
    let (ratio, runs, sim_ms, floor_ms) = sim_floor(sim_runs).unwrap_or_else(|| {
        eprintln!("the simulation / floor child failed: timed in this process instead");
        simulation_vs_floor(&big, 30, sim_runs)
    });
    figures.push(Figure {
        name: format!(
            "VPC CNI simulation / its floor (100,000 nodes × 30 pods; medians {sim_ms:.0} ms / {floor_ms:.1} ms)"
        ),
        value: ratio,
        unit: "×",
        runs,
        budget: Some(10.0),
        why: "the floor: each of the 3,000,000 pods given a distinct address of its node's subnet and recorded (pod, node, ENI, address)",
    });
    if let Some((bytes, pods)) = peak_memory() {
        let per_pod = bytes as f64 / pods.max(1) as f64;
        figures.push(Figure {
            name: format!(
                "peak memory of analyze (100,000 nodes × 30 pods, {:.0} MiB for {pods} pods), per pod",
                bytes as f64 / (1 << 20) as f64
            ),
            value: per_pod,
            unit: "bytes",
            runs: vec![bytes as f64],
            budget: Some(PEAK_BYTES_PER_POD),
            why: PEAK_WHY,
        });
    }

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
    for f in &figures {
        let budget = f
            .budget
            .map(|b| {
                let holds = if f.value <= b {
                    "holds"
                } else {
                    "DOES NOT HOLD"
                };
                format!("≤ {b} {}: {holds}", f.unit)
            })
            .unwrap_or_default();
        println!("{:w$}  {:>9.2} {:<5} {budget}", f.name, f.value, f.unit);
    }
    println!(
        "machine: {}, {} cores, load average {} at the start",
        machine["cpu"].as_str().unwrap_or_default(),
        machine["cores"],
        machine["load_average_1min"].as_str().unwrap_or_default()
    );
    if let Some(path) = arg("--json") {
        let json = serde_json::json!({
            "machine": machine,
            "cases": cases.iter().map(|c| serde_json::json!({
                "name": c.name, "median_ms": c.median_ms, "runs": c.runs, "budget_ms": c.budget_ms,
            })).collect::<Vec<_>>(),
            "figures": figures.iter().map(|f| serde_json::json!({
                "name": f.name, "value": f.value, "unit": f.unit, "runs": f.runs,
                "budget": f.budget, "why": f.why,
            })).collect::<Vec<_>>(),
        });
        let _ = std::fs::write(
            path,
            serde_json::to_string_pretty(&json).unwrap_or_default(),
        );
    }
}
