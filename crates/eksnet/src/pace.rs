//! Pacing long work: [`analyze_paced`](crate::analyze_paced) reports its progress
//! and pauses at points where a caller may hand control back (the web app yields
//! to the browser there, so that a 100,000-node cluster never freezes the page).
//!
//! The core stays free of any runtime: a pause is whatever future the caller's
//! closure returns. [`analyze`](crate::analyze) passes one that is always ready and
//! drives the work with [`run_ready`].
//!
//! ```
//! use eksnet::{analyze, pace, Scenario};
//! let s = eksnet::generate::large(3_000, 2);
//! let mut seen = Vec::new();
//! let a = pace::run_ready(eksnet::analyze_paced(&s, |p| {
//!     seen.push(p);
//!     std::future::ready(())
//! }));
//! assert_eq!(a.ipam.pods.len(), analyze(&s).ipam.pods.len());
//! // Stages in order; pod IPs are reported node by node, ending with all done.
//! assert_eq!(seen.first().unwrap().stage, pace::Stage::Model);
//! let ips: Vec<_> = seen.iter().filter(|p| p.stage == pace::Stage::PodIps).collect();
//! assert!(ips.len() >= 3);
//! assert_eq!((ips.last().unwrap().done, ips.last().unwrap().total), (3_000, 3_000));
//! assert!(seen.windows(2).all(|w| (w[0].stage, w[0].done) <= (w[1].stage, w[1].done)));
//! ```

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// A stage of the analysis, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Building the checked model (VPC, subnets, nodes, clients).
    Model,
    /// Placing pods on nodes (a stand-in for kube-scheduler), pod by pod.
    Scheduling,
    /// The VPC CNI's IP allocation, node by node.
    PodIps,
    /// Services, Ingresses, load balancers and target health.
    LoadBalancers,
    /// The remaining checks.
    Checks,
}

impl Stage {
    /// What the stage does, for a progress line.
    pub fn text(self) -> crate::Text {
        match self {
            Stage::Model => crate::text!("Building the model", "모델을 만드는 중"),
            Stage::Scheduling => crate::text!("Scheduling pods", "Pod를 스케줄링하는 중"),
            Stage::PodIps => crate::text!("Assigning pod IPs", "Pod IP를 할당하는 중"),
            Stage::LoadBalancers => {
                crate::text!("Deriving load balancers", "로드 밸런서를 계산하는 중")
            }
            Stage::Checks => crate::text!("Checking", "검사하는 중"),
        }
    }
}

/// How far the analysis has come: `done` of `total` units of `stage` (pods for
/// [`Stage::Scheduling`], nodes for [`Stage::PodIps`], nodes placed for
/// [`Stage::Model`] after its start, 0 of 1 for the others).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The stage running.
    pub stage: Stage,
    /// Units done.
    pub done: usize,
    /// Units in all.
    pub total: usize,
}

/// Nodes the model build gives an address between two pauses.
pub const MODEL_NODES_PER_PAUSE: usize = 10_000;

/// Nodes the CNI simulation allocates between two pauses.
pub const NODES_PER_PAUSE: usize = 1_000;

/// Pods the scheduler places between two pauses.
pub const PODS_PER_PAUSE: usize = 50_000;

/// Pods read for the Services' endpoints between two pauses: fewer than
/// [`PODS_PER_PAUSE`], as each endpoint found names its pod (the name is
/// derived from its workload and index, not stored).
pub const ENDPOINT_PODS_PER_PAUSE: usize = 10_000;

/// Nodes added as targets of the instance target groups between two pauses
/// (each is a target of every such group).
pub const TARGET_NODES_PER_PAUSE: usize = 5_000;

/// A pause's future as the analysis's stages take it: boxed, so that every
/// caller's pause has one type.
pub(crate) type Paused<'a> = std::pin::Pin<Box<dyn Future<Output = ()> + 'a>>;

/// A pause as the analysis's stages take it: one type for every caller (the
/// native [`ready`] and the web app's yield), so that the stages, the
/// scheduler and the CNI simulation are compiled once, not once per caller
/// (each copy is some 10 KB of WebAssembly). A pause comes every few thousand
/// nodes or pods: its box costs nothing measurable.
pub(crate) type Pause<'a> = dyn FnMut(Progress) -> Paused<'a> + 'a;

/// The pause of a caller that never waits ([`analyze`](crate::analyze)).
pub(crate) fn ready<'a>(_: Progress) -> Paused<'a> {
    Box::pin(std::future::ready(()))
}

/// Runs `fut` to completion on the current thread, for futures whose pauses are
/// always ready (as [`analyze`](crate::analyze) makes them). A future that stays
/// pending is polled again: give this nothing that waits on the outside world.
pub fn run_ready<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, analyze_paced, generate, Scenario};

    /// Pending once, then ready: a real suspension, as a browser's yield is.
    struct YieldOnce(bool);

    impl Future for YieldOnce {
        type Output = ();
        fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }

    #[test]
    fn paced_analysis_is_the_analysis() {
        for s in [
            Scenario::example(),
            Scenario::default(),
            generate::large(2_500, 3),
            generate::large(3_000, 40),
        ] {
            let mut seen = Vec::new();
            let paced = run_ready(analyze_paced(&s, |p| {
                seen.push(p);
                YieldOnce(false)
            }));
            assert_eq!(format!("{paced:?}"), format!("{:?}", analyze(&s)));
            // Pod IPs: at 0 before every 1,000 nodes booted (their warm
            // pools), then every 1,000 nodes given their pods, when all are
            // done and when every node's pods are listed.
            let nodes = paced.model.nodes.len();
            let ips: Vec<usize> = seen
                .iter()
                .filter(|p| p.stage == Stage::PodIps)
                .map(|p| p.done)
                .collect();
            let mut want = vec![0; nodes.div_ceil(NODES_PER_PAUSE).max(1)];
            want.extend((NODES_PER_PAUSE..nodes).step_by(NODES_PER_PAUSE));
            want.extend([nodes; 2]);
            assert_eq!(ips, want);
            // Scheduling: every 50,000 pods made, never past its total.
            let pods = paced.ipam.pods.len();
            let sched = seen.iter().filter(|p| p.stage == Stage::Scheduling);
            assert_eq!(
                sched.clone().count(),
                1 + pods.saturating_sub(1) / PODS_PER_PAUSE
            );
            assert!(sched.clone().all(|p| p.done <= p.total));
            assert!(
                seen.windows(2)
                    .all(|w| (w[0].stage, w[0].done) <= (w[1].stage, w[1].done)),
                "{seen:?}"
            );
        }
    }

    /// Seconds this thread has run on a CPU (`CLOCK_THREAD_CPUTIME_ID`,
    /// exact to the nanosecond; time spent waiting for a CPU while other tests
    /// or processes run is not counted). Linux's `schedstat` is no substitute:
    /// it moves only at the scheduler's ticks (4 ms), coarse against a 30 ms
    /// stretch.
    #[cfg(unix)]
    fn thread_seconds() -> f64 {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid timespec for the call to write.
        let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
        assert!(ok, "the thread's CPU clock is readable");
        t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
    }

    /// Elsewhere: wall-clock seconds since the first call.
    #[cfg(not(unix))]
    fn thread_seconds() -> f64 {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
    }

    /// The pause points keep every stretch of work short: for a 20,000-node
    /// cluster (600,000 pods), no stretch between two pauses takes more than a
    /// tenth of the analysis, so that the 100,000-node one in the browser (a few
    /// seconds) never holds the page for long. Time is this thread's CPU time
    /// (the tests run in parallel), compared with time in the same run: the
    /// best of five runs.
    #[test]
    fn no_stretch_between_pauses_is_long() {
        let s = generate::large(20_000, 30);
        let mut best = f64::INFINITY;
        let mut worst_at = None;
        for _ in 0..5 {
            let mut last = thread_seconds();
            let start = last;
            let mut longest = (0.0, None);
            let mut stages = Vec::new();
            let a = run_ready(analyze_paced(&s, |p| {
                let now = thread_seconds();
                if now - last > longest.0 {
                    longest = (now - last, stages.last().copied());
                }
                stages.push((p.stage, p.done));
                last = thread_seconds();
                std::future::ready(())
            }));
            let end = thread_seconds();
            if end - last > longest.0 {
                longest = (end - last, stages.last().copied());
            }
            // The model's nodes are placed with pauses between.
            let model: Vec<usize> = stages
                .iter()
                .filter(|(st, _)| *st == Stage::Model)
                .map(|(_, done)| *done)
                .collect();
            assert_eq!(model, [0, MODEL_NODES_PER_PAUSE], "{stages:?}");
            let share = longest.0 / (end - start).max(f64::MIN_POSITIVE);
            // Freeing the analysis is the caller's (the web app does it in a
            // task of its own).
            drop(a);
            if share < best {
                best = share;
                worst_at = longest.1;
            }
        }
        assert!(
            best <= 0.10,
            "{:.0}% of the analysis runs without a pause, after {worst_at:?}",
            best * 100.0
        );
    }

    /// What the web app does once the analysis is ready stays short too: for
    /// the 20,000-node cluster, the pod-network diagram (it reads the pods'
    /// counts, not the pods), the kubectl console's commands, and each stretch
    /// of `kubectl get pods` between its pauses (it reads every pod's name)
    /// take at most a tenth of the analysis's time (this thread's CPU time, the
    /// best of five runs).
    #[test]
    fn no_work_after_the_analysis_is_long() {
        let s = generate::large(20_000, 30);
        let mut best = [f64::INFINITY; 3];
        for _ in 0..5 {
            let t0 = thread_seconds();
            let a = analyze(&s);
            let analysis = (thread_seconds() - t0).max(f64::MIN_POSITIVE);
            let t0 = thread_seconds();
            let scene = crate::layout(&a, &crate::scene::View::default());
            let layout = thread_seconds() - t0;
            assert_eq!(scene.kind, crate::SceneKind::PodNetwork);
            let t0 = thread_seconds();
            let commands = crate::kubectl::commands(&a);
            let listed = thread_seconds() - t0;
            let pods = commands.iter().find(|c| c.contains("get pods")).unwrap();
            let mut last = thread_seconds();
            let mut longest = 0.0f64;
            let out = run_ready(crate::kubectl::output_paced(&a, pods, || {
                longest = longest.max(thread_seconds() - last);
                last = thread_seconds();
                std::future::ready(())
            }));
            longest = longest.max(thread_seconds() - last);
            assert!(out.is_some_and(|o| o.contains("more pods not shown")));
            for (b, t) in best.iter_mut().zip([layout, listed, longest]) {
                *b = b.min(t / analysis);
            }
        }
        for (share, what) in
            best.iter()
                .zip(["pod-network layout", "kubectl commands", "get pods slice"])
        {
            assert!(
                *share <= 0.10,
                "{what}: {:.0}% of the analysis",
                share * 100.0
            );
        }
    }

    #[test]
    fn abandoning_a_paced_analysis_is_harmless() {
        let s = generate::large(3_000, 2);
        let mut fut = std::pin::pin!(analyze_paced(&s, |_| YieldOnce(false)));
        let mut cx = Context::from_waker(Waker::noop());
        for _ in 0..4 {
            assert!(fut.as_mut().poll(&mut cx).is_pending());
        }
        // Dropped here, mid-way through the pod IPs.
    }
}
