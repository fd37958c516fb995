//! The pipeline: a [`Scenario`] analysed into an [`Analysis`].
//!
//! ```text
//! Scenario --model::build--> Model (immutable from here on)
//!          --cni::simulate--> Ipam + the address Ledger
//!          --lb::services, lb::derive--> LoadBalancing (takes its nodes' addresses in the Ledger)
//!          --check----------> Diagnostics, errors first, then by JSON pointer
//! (the pods are counted once, beside the Services' endpoints: PodCounts)
//! ```
//!
//! Each stage reads the model and returns what it made; only the [`Ledger`] of
//! addresses is handed from stage to stage, so the order of the stages is visible
//! here and nowhere else.

use crate::model::{self, Ledger, Model};
use crate::{check, cni, lb, pace, Diagnostic, Scenario};

/// A scenario analysed: the checked model and everything found wrong with it.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The checked model.
    pub model: Model,
    /// Pod IPs as the VPC CNI assigns them: ENIs, addresses, pods, pending pods.
    pub ipam: cni::Ipam,
    /// Who holds every address of every subnet after the CNI and the load
    /// balancers took theirs (the model's pools hold the build's placements only).
    pub addresses: Ledger,
    /// Services (ClusterIPs, NodePorts, endpoints), Ingresses and the load
    /// balancers made for them, with their target groups and target health.
    pub lbs: lb::LoadBalancing,
    /// Diagnostics, errors first, then by path.
    pub diagnostics: Vec<Diagnostic>,
    /// Pods without an address, and those no node took, counted once over every
    /// pod (in slices, between pauses) so that a diagram of millions of pods
    /// need not read them again.
    pub pod_counts: PodCounts,
}

/// What the analysis counts over every pod (see [`Analysis::pod_counts`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PodCounts {
    /// Pods without an address.
    pub no_ip: usize,
    /// Pods no node took (neither a node nor the node's network), with a problem.
    pub pending: usize,
    /// The first such pod's problem.
    pub why: Option<cni::PodProblem>,
}

impl PodCounts {
    /// Counts pods `range` of `pods`, field by field (a whole pod would derive
    /// its name).
    fn add(&mut self, pods: &cni::PodStore, range: std::ops::Range<usize>) {
        for i in range {
            if pods.ip(i).is_some() {
                continue;
            }
            self.no_ip += 1;
            if pods.node(i).is_none() && !pods.host_network(i) {
                if let Some(problem) = pods.problem(i) {
                    self.pending += 1;
                    self.why = self.why.or(Some(problem));
                }
            }
        }
    }
}

impl Analysis {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Analyses a scenario: builds the checked model and runs every check. Never
/// panics; problems become diagnostics.
pub fn analyze(scenario: &Scenario) -> Analysis {
    pace::run_ready(stages(scenario, &mut pace::ready, true))
}

/// [`analyze`], reporting its [`Progress`](pace::Progress) to `pause` between stages
/// (and between the two steps of the load balancers and of the checks), every
/// [`PODS_PER_PAUSE`](pace::PODS_PER_PAUSE) pods scheduled and every
/// [`NODES_PER_PAUSE`](pace::NODES_PER_PAUSE) nodes of the CNI simulation,
/// and awaiting the future `pause` returns (the web app yields to the browser there;
/// dropping this future between pauses abandons the work). Same result as
/// [`analyze`]. See [`pace`].
pub async fn analyze_paced<F, P>(scenario: &Scenario, pause: P) -> Analysis
where
    P: FnMut(pace::Progress) -> F,
    F: std::future::Future<Output = ()>,
{
    let mut pause = pause;
    let mut boxed = |p| -> pace::Paused<'_> { Box::pin(pause(p)) };
    stages(scenario, &mut boxed, true).await
}

/// [`analyze`] without its last stage, the checks (`check::run` and
/// `check::data_plane`): the model, the pods' addresses and the load
/// balancers, with the diagnostics their own stages found. [`checked`] adds
/// the checks' diagnostics: a page draws its first diagram from this (no scene
/// but the VPC layouts reads the diagnostics) and runs the checks a moment
/// later, so that their code is neither compiled nor run before the diagram.
pub fn analyze_unchecked(scenario: &Scenario) -> Analysis {
    pace::run_ready(stages(scenario, &mut pace::ready, false))
}

/// The diagnostics of `unchecked` (from [`analyze_unchecked`]) with the
/// checks' own: equal to `analyze(scenario).diagnostics`.
pub fn checked(unchecked: &Analysis) -> Vec<Diagnostic> {
    let a = unchecked;
    let mut diagnostics = a.diagnostics.clone();
    check::run(&a.model, &a.addresses, &mut diagnostics);
    check::data_plane(&a.model, &a.ipam, &a.lbs, &mut diagnostics);
    sort_diagnostics(&mut diagnostics);
    diagnostics
}

/// The checks of [`checked`], a piece at a time: a page that must not be held
/// for long runs one [`step`](Checks::step) per task of the browser (on a
/// first load each piece's code is compiled as it first runs). The pieces in
/// turn give what [`checked`] gives, in the same order.
///
/// Every call takes the same `unchecked` analysis (from [`analyze_unchecked`]).
#[derive(Debug, Clone)]
pub struct Checks {
    diagnostics: Vec<Diagnostic>,
    done: usize,
}

impl Checks {
    /// The checks of `unchecked`, none run yet.
    pub fn new(unchecked: &Analysis) -> Checks {
        Checks {
            diagnostics: unchecked.diagnostics.clone(),
            done: 0,
        }
    }

    /// Runs the next piece of the checks on `unchecked`; false once none is
    /// left (then nothing runs).
    pub fn step(&mut self, unchecked: &Analysis) -> bool {
        if self.done >= check::PIECES {
            return false;
        }
        check::piece(self.done, unchecked, &mut self.diagnostics);
        self.done += 1;
        true
    }

    /// Pieces not run yet.
    pub fn left(&self) -> usize {
        check::PIECES - self.done
    }

    /// Runs the pieces left and returns the diagnostics, sorted: equal to
    /// [`checked`]`(unchecked)`.
    pub fn finish(mut self, unchecked: &Analysis) -> Vec<Diagnostic> {
        while self.step(unchecked) {}
        sort_diagnostics(&mut self.diagnostics);
        self.diagnostics
    }
}

/// Errors first, then by JSON pointer (stable: equal keys keep their order,
/// so sorting the stages' diagnostics, then again with the checks' after
/// them, gives the order of sorting all of them once).
fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    crate::sort::sort_by(diagnostics, |a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.path.cmp(&b.path))
    });
}

/// The stages of [`analyze_paced`], the checks only when `checks`. Not
/// generic (every caller's pause is one type, [`pace::Pause`]) and boxed, so
/// that its state machine is compiled once rather than inlined into each
/// caller's.
fn stages<'a>(
    scenario: &'a Scenario,
    pause: &'a mut pace::Pause<'_>,
    checks: bool,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Analysis> + 'a>> {
    Box::pin(run_stages(scenario, pause, checks))
}

/// [`stages`]' work.
async fn run_stages(
    scenario: &Scenario,
    mut pause: &mut pace::Pause<'_>,
    checks: bool,
) -> Analysis {
    use pace::{Progress, Stage};
    let at = |stage| Progress {
        stage,
        done: 0,
        total: 1,
    };
    // Two steps of a stage, with a pause between them.
    let half = |stage| Progress {
        stage,
        done: 1,
        total: 2,
    };
    pause(at(Stage::Model)).await;
    let mut diagnostics = Vec::new();
    // The nodes are most of a large model: placed a number at a time.
    let mut building = model::Building::start(scenario, &mut diagnostics);
    loop {
        let (done, total) = building.place_nodes(pace::MODEL_NODES_PER_PAUSE);
        if done >= total {
            break;
        }
        pause(Progress {
            stage: Stage::Model,
            done,
            total,
        })
        .await;
    }
    let model = model::finish(building);
    let mut addresses = Ledger::new(&model.pools);
    let mut ipam = cni::simulate_paced(&model, &mut addresses, &mut diagnostics, &mut pause).await;
    pause(at(Stage::LoadBalancers)).await;
    // The Services' endpoints read every pod (a slice at a time), the
    // load balancers' targets every node: pauses between.
    let mut services = lb::services(&model, &mut diagnostics);
    let n = ipam.pods.len();
    let per = pace::ENDPOINT_PODS_PER_PAUSE;
    let slices = n.div_ceil(per).max(1);
    let mut pod_counts = PodCounts::default();
    // Then each instance target group's nodes, a slice at a time.
    let nodes = model.nodes.len();
    let per_nodes = pace::TARGET_NODES_PER_PAUSE;
    let node_slices = nodes.div_ceil(per_nodes);
    let total = slices + 1 + node_slices;
    for k in 0..slices {
        let from = k * per;
        lb::add_endpoints(&model, &ipam, &mut services, from..n.min(from + per));
        pod_counts.add(&ipam.pods, from..n.min(from + per));
        pause(Progress {
            stage: Stage::LoadBalancers,
            done: k + 1,
            total,
        })
        .await;
    }
    let mut lbs = lb::derive_groups(&model, &ipam, &mut addresses, services, &mut diagnostics);
    for k in 0..node_slices {
        let from = k * per_nodes;
        pause(Progress {
            stage: Stage::LoadBalancers,
            done: slices + k + 1,
            total,
        })
        .await;
        lb::add_node_targets(&model, &ipam, &mut lbs, from..nodes.min(from + per_nodes));
    }
    lb::finish(&model, &ipam, &mut lbs);
    // Each subnet's accounting counts every holder, the load balancers' nodes too
    // (`eksnet ipam` and "inside a node" show it; an ALB needs free addresses).
    for s in &mut ipam.subnets {
        let pool = addresses.pool(s.subnet);
        s.accounting = pool.map(|p| p.accounting());
        s.free_blocks28 = pool.map_or(0, |p| p.free_blocks28());
    }
    if checks {
        pause(at(Stage::Checks)).await;
        check::run(&model, &addresses, &mut diagnostics);
        pause(half(Stage::Checks)).await;
        check::data_plane(&model, &ipam, &lbs, &mut diagnostics);
    }
    sort_diagnostics(&mut diagnostics);
    Analysis {
        model,
        ipam,
        addresses,
        lbs,
        diagnostics,
        pod_counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate;

    /// The analysis without its checks, then the checks: the same diagnostics,
    /// in the same order, as the whole analysis; the rest unchanged.
    #[test]
    fn checks_later_give_the_whole_analysis() {
        let mut found_by_checks = 0;
        let mut crowded = Scenario::example();
        crowded.pods.clear();
        crowded.workloads[0].replicas = 120;
        let docs = [
            include_str!("../../../docs/examples/private-only.json"),
            include_str!("../../../docs/examples/nat-acl.json"),
            include_str!("../../../docs/examples/fragmented-subnet.json"),
        ]
        .map(|t| Scenario::from_json(t).expect("the documented examples read"));
        for s in [Scenario::example(), crowded, generate::large(300, 20)]
            .into_iter()
            .chain(docs)
        {
            let whole = analyze(&s);
            let first = analyze_unchecked(&s);
            assert_eq!(checked(&first), whole.diagnostics);
            // A piece at a time: the same, and every piece runs once.
            let mut pieces = Checks::new(&first);
            let mut steps = 0;
            while pieces.step(&first) {
                steps += 1;
                assert_eq!(pieces.left(), check::PIECES - steps);
            }
            assert_eq!(steps, check::PIECES);
            // Joined, before sorting: what `run` then `data_plane` append.
            let mut joined = first.diagnostics.clone();
            check::run(&first.model, &first.addresses, &mut joined);
            check::data_plane(&first.model, &first.ipam, &first.lbs, &mut joined);
            assert_eq!(pieces.diagnostics, joined);
            assert!(!pieces.step(&first), "a piece ran after the last");
            assert_eq!(pieces.finish(&first), whole.diagnostics);
            assert_eq!(first.pod_counts, whole.pod_counts);
            assert_eq!(format!("{:?}", first.lbs), format!("{:?}", whole.lbs));
            found_by_checks += whole.diagnostics.len() - first.diagnostics.len();
        }
        assert!(
            found_by_checks > 0,
            "no check found anything: nothing compared"
        );
    }

    /// The counts are those of the pods, read whole, one by one.
    #[test]
    fn pod_counts_count_every_pod() {
        let mut crowded = Scenario::example();
        crowded.pods.clear();
        crowded.workloads[0].replicas = 120; // 108 fit: 12 pending
        for s in [Scenario::example(), crowded, generate::large(700, 30)] {
            let a = analyze(&s);
            let mut want = PodCounts::default();
            for p in a.ipam.pods.iter().filter(|p| p.ip.is_none()) {
                want.no_ip += 1;
                if let (None, false, Some(why)) = (p.node, p.host_network, p.problem) {
                    want.pending += 1;
                    want.why = want.why.or(Some(why));
                }
            }
            assert_eq!(a.pod_counts, want);
        }
        let a = analyze(&{
            let mut s = Scenario::example();
            s.pods.clear();
            s.workloads[0].replicas = 120;
            s
        });
        assert_eq!(a.pod_counts.pending, 12);
    }
}
