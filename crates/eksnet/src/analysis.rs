//! The pipeline: a [`Scenario`] analysed into an [`Analysis`].
//!
//! ```text
//! Scenario --model::build--> Model (immutable from here on)
//!          --cni::simulate--> Ipam + the address Ledger
//!          --lb::services, lb::derive--> LoadBalancing (takes its nodes' addresses in the Ledger)
//!          --check----------> Diagnostics, errors first, then by JSON pointer
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
    pace::run_ready(analyze_paced(scenario, |_| std::future::ready(())))
}

/// [`analyze`], reporting its [`Progress`](pace::Progress) to `pause` between stages
/// (and between the two steps of the load balancers and of the checks), every
/// [`PODS_PER_PAUSE`](pace::PODS_PER_PAUSE) pods scheduled and every
/// [`NODES_PER_PAUSE`](pace::NODES_PER_PAUSE) nodes of the CNI simulation,
/// and awaiting the future `pause` returns (the web app yields to the browser there;
/// dropping this future between pauses abandons the work). Same result as
/// [`analyze`]. See [`pace`].
pub async fn analyze_paced<F, P>(scenario: &Scenario, mut pause: P) -> Analysis
where
    P: FnMut(pace::Progress) -> F,
    F: std::future::Future<Output = ()>,
{
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
    let model = model::build(scenario, &mut diagnostics);
    let mut addresses = Ledger::new(&model.pools);
    let mut ipam = cni::simulate_paced(&model, &mut addresses, &mut diagnostics, &mut pause).await;
    pause(at(Stage::LoadBalancers)).await;
    // The Services' endpoints read every pod (a slice at a time), the
    // load balancers' targets every node: pauses between.
    let mut services = lb::services(&model, &mut diagnostics);
    let n = ipam.pods.len();
    let per = pace::ENDPOINT_PODS_PER_PAUSE;
    let slices = n.div_ceil(per).max(1);
    for k in 0..slices {
        let from = k * per;
        lb::add_endpoints(&model, &ipam, &mut services, from..n.min(from + per));
        pause(Progress {
            stage: Stage::LoadBalancers,
            done: k + 1,
            total: slices + 1,
        })
        .await;
    }
    let lbs = lb::derive(&model, &ipam, &mut addresses, services, &mut diagnostics);
    // Each subnet's accounting counts every holder, the load balancers' nodes too
    // (`eksnet ipam` and "inside a node" show it; an ALB needs free addresses).
    for s in &mut ipam.subnets {
        let pool = addresses.pool(s.subnet);
        s.accounting = pool.map(|p| p.accounting());
        s.free_blocks28 = pool.map_or(0, |p| p.free_blocks28());
    }
    pause(at(Stage::Checks)).await;
    check::run(&model, &addresses, &mut diagnostics);
    pause(half(Stage::Checks)).await;
    check::data_plane(&model, &ipam, &lbs, &mut diagnostics);
    crate::sort::sort_by(&mut diagnostics, |a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.path.cmp(&b.path))
    });
    Analysis {
        model,
        ipam,
        addresses,
        lbs,
        diagnostics,
    }
}
