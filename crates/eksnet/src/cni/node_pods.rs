//! The pods of every node as the scheduler placed them ([`NodePodLists`]): the
//! least-loaded rule places a workload's pods over the nodes level after level,
//! in node order (see [`super::least_loaded`]), and the system DaemonSets two to
//! a node, node after node, so the placements are kept as a few spans, each a
//! run of consecutive pods over a run of consecutive nodes (pods `p..p + k·per`,
//! `per` on each of the nodes `n..n + k`), in the order of placement. Nothing
//! else is kept per pod (a cluster has millions), and per node only counts.
//!
//! The simulation reads the record in placement order, which is (nearly) pod
//! order ([`NodePodLists::placed_from`]); each node's list, the same pods gathered
//! node after node ([`NodePodLists::gather`]), is derived from it once every
//! pod has its address (see [`super::NodeStore`]), written block of nodes after
//! block of nodes from the spans alone.

use super::pod_store::PodStore;

/// In an entry of [`NodePodLists::gather`]'s lists: the pod uses its node's
/// network (a pod's index is below 2³¹: the store holds at most a few million).
pub(crate) const HOST_NETWORK: u32 = 1 << 31;

/// Entries of the gathered lists written per block of nodes
/// ([`NodePodLists::gather`]): 64 KB, what a core's caches hold while each
/// span's pods are written to the block's nodes.
const BLOCK: u32 = 16 * 1024;

/// Placed pods `pod..pod + nodes × per`: `per` on each node of `node..node +
/// nodes`, in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    pod: u32,
    node: u32,
    nodes: u32,
    /// Pods per node, with [`HOST_NETWORK`] when they use their node's network.
    per: u32,
}

impl Span {
    /// Pods per node.
    fn per(&self) -> u32 {
        self.per & !HOST_NETWORK
    }

    /// Pods in the span.
    fn len(&self) -> u32 {
        self.nodes * self.per()
    }
}

/// The pods placed on nodes, in the order they were placed (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct NodePodLists {
    /// Pods placed, in order.
    spans: Vec<Span>,
    /// Pods placed.
    placed: usize,
    /// Pods per node.
    counts: Vec<u32>,
    /// Pods per node that need an address of their own (not host-network).
    needs: Vec<u32>,
}

/// Where a reading of the placements in order stands
/// ([`NodePodLists::placed_from`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Placed {
    run: usize,
    off: u32,
    /// Pods read so far.
    pod: usize,
}

impl NodePodLists {
    /// Lists for `nodes` nodes.
    pub(crate) fn new(nodes: usize) -> NodePodLists {
        NodePodLists {
            spans: Vec::new(),
            placed: 0,
            counts: vec![0; nodes],
            needs: vec![0; nodes],
        }
    }

    /// Places pod `pod` on node `node` (after the pods placed before); `host`:
    /// the pod uses the node's network. The caller places the pod on `node` in
    /// its record too.
    pub(crate) fn push(&mut self, node: usize, pod: usize, host: bool) {
        self.push_per(node, pod, 1, host);
    }

    /// Places the `per` pods `pod..pod + per` on node `node`, in that order.
    pub(crate) fn push_per(&mut self, node: usize, pod: usize, per: u32, host: bool) {
        let (Some(c), Some(k)) = (self.counts.get_mut(node), self.needs.get_mut(node)) else {
            return;
        };
        *c += per;
        *k += if host { 0 } else { per };
        self.add(Span {
            pod: pod as u32,
            node: node as u32,
            nodes: 1,
            per: per | if host { HOST_NETWORK } else { 0 },
        });
    }

    /// Places the pods `pod..`, one on each node of `start..end` in turn.
    pub(crate) fn push_run(&mut self, pod: usize, (start, end): (u32, u32), host: bool) {
        let (a, b) = (start as usize, end as usize);
        let (Some(cs), Some(ks)) = (self.counts.get_mut(a..b), self.needs.get_mut(a..b)) else {
            for (k, n) in (a..b).enumerate() {
                self.push(n, pod + k, host);
            }
            return;
        };
        cs.iter_mut().for_each(|c| *c += 1);
        if !host {
            ks.iter_mut().for_each(|k| *k += 1);
        }
        self.add(Span {
            pod: pod as u32,
            node: start,
            nodes: end.saturating_sub(start),
            per: 1 | if host { HOST_NETWORK } else { 0 },
        });
    }

    /// Appends `s`, joined to the last span when it continues it: the next
    /// pods, as many per node, on the next nodes, or the next pods on the
    /// same single node (pods pinned node by node).
    fn add(&mut self, s: Span) {
        if s.nodes == 0 {
            return;
        }
        self.placed += s.len() as usize;
        if let Some(last) = self.spans.last_mut() {
            if last.pod + last.len() == s.pod {
                if last.per == s.per && last.node + last.nodes == s.node {
                    last.nodes += s.nodes;
                    return;
                }
                let same_host = (last.per ^ s.per) & HOST_NETWORK == 0;
                if same_host && last.nodes == 1 && s.nodes == 1 && last.node == s.node {
                    last.per += s.per();
                    return;
                }
            }
        }
        self.spans.push(s);
    }

    /// The next `count` pods placed, `f(pod)`, from `at` (which moves past
    /// them), in the order of placement.
    pub(crate) fn placed_from(&self, at: &mut Placed, count: usize, mut f: impl FnMut(u32)) {
        let mut left = count;
        while left > 0 {
            let Some(s) = self.spans.get(at.run) else {
                return;
            };
            let (start, end) = (s.pod, s.pod + s.len());
            let n = ((end - start - at.off) as usize).min(left);
            for pod in start + at.off..start + at.off + n as u32 {
                f(pod);
            }
            (at.off, at.pod, left) = (at.off + n as u32, at.pod + n, left - n);
            if start + at.off >= end {
                (at.run, at.off) = (at.run + 1, 0);
            }
        }
    }

    /// Pods placed on nodes.
    pub(crate) fn placed_count(&self) -> usize {
        self.placed
    }

    /// Pods on node `n`.
    pub(crate) fn count(&self, n: usize) -> u32 {
        self.counts.get(n).copied().unwrap_or(0)
    }

    /// Pods on node `n` that need an address of their own.
    pub(crate) fn needs(&self, n: usize) -> u32 {
        self.needs.get(n).copied().unwrap_or(0)
    }

    /// Every pod placed, in the order of placement.
    #[cfg(test)]
    pub(crate) fn placed(&self) -> impl Iterator<Item = u32> + '_ {
        self.spans.iter().flat_map(|s| s.pod..s.pod + s.len())
    }

    /// Each node's pods, in the order they were placed, in one array: node
    /// `n`'s follow those of the nodes before it ([`NodePodLists::count`] each),
    /// whether the pod uses its node's network noted as [`HOST_NETWORK`] in its
    /// entry (so that the pods taking the node's free slots are read off the
    /// list alone). Read off the spans, not the pods' records (which place the
    /// same pods on the same nodes; pods past the end of `pods` are left out).
    ///
    /// Written a block of nodes at a time (about [`BLOCK`] entries), each span's
    /// pods on those nodes in turn, so that the writes stay in a core's caches
    /// (pod by pod, each write lands on a different node's list: a cache miss
    /// each); when spans are so many that visiting them for every block would
    /// cost more than the pods, span after span over the whole array.
    pub(crate) fn gather(&self, pods: &PodStore) -> Vec<u32> {
        let total = self.counts.iter().map(|&c| c as usize).sum::<usize>();
        let blocks = total / BLOCK as usize + 1;
        let block = (self.spans.len().saturating_mul(blocks) <= total).then_some(BLOCK);
        self.gather_by(pods, block)
    }

    /// [`NodePodLists::gather`], a block of nodes of about `block` entries at a
    /// time, or span after span over the whole array (`None`).
    fn gather_by(&self, pods: &PodStore, block: Option<u32>) -> Vec<u32> {
        let nodes = self.counts.len();
        let mut starts = Vec::with_capacity(nodes + 1);
        let mut at = 0u32;
        for &c in &self.counts {
            starts.push(at);
            at += c;
        }
        starts.push(at);
        let mut flat = vec![0u32; at as usize];
        let limit = pods.len();
        let Some(block) = block else {
            let mut cursor = starts;
            for s in &self.spans {
                write_span(s, (0, nodes as u32), &mut cursor, &mut flat, limit);
            }
            return flat;
        };
        let mut cursor = Vec::new();
        let mut x = 0usize;
        while x < nodes {
            // The block: nodes x..y, at least one, about `block` entries.
            let first = starts.get(x).copied().unwrap_or(0);
            let y = x
                + 1
                + starts
                    .get(x + 1..nodes)
                    .map_or(0, |s| s.partition_point(|&v| v - first < block));
            cursor.clear();
            cursor.extend_from_slice(starts.get(x..y).unwrap_or(&[]));
            for s in &self.spans {
                write_span(s, (x as u32, y as u32), &mut cursor, &mut flat, limit);
            }
            x = y;
        }
        flat
    }

    /// Each node's pods, in the order they were placed, a vector each, read
    /// from the pods' records (what [`NodePodLists::gather`] reads off the
    /// spans).
    #[cfg(test)]
    pub(crate) fn lists(&self, pods: &PodStore) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.counts.len()];
        for pod in self.placed() {
            let n = pods.node(pod as usize).unwrap_or(usize::MAX);
            if let Some(v) = out.get_mut(n) {
                v.push(pod as usize);
            }
        }
        out
    }
}

/// Writes span `s`'s pods on the nodes `x..y` to their lists in `flat`, at
/// `cursor` (node `x`'s first, moved past them); pods from `limit` on are
/// skipped, their entries left as they are.
fn write_span(s: &Span, (x, y): (u32, u32), cursor: &mut [u32], flat: &mut [u32], limit: usize) {
    let (lo, hi) = (s.node.max(x), (s.node + s.nodes).min(y));
    if lo >= hi {
        return;
    }
    let (per, host) = (s.per(), s.per & HOST_NETWORK);
    let Some(cur) = cursor.get_mut((lo - x) as usize..(hi - x) as usize) else {
        return;
    };
    let first = s.pod + (lo - s.node) * per;
    let last = first + (hi - lo) * per;
    if per == 1 && last as usize <= limit {
        // One pod per node, every one in the store (the common case).
        for (pod, c) in (first..last).zip(cur) {
            if let Some(e) = flat.get_mut(*c as usize) {
                *e = pod | host;
            }
            *c += 1;
        }
        return;
    }
    for (k, c) in cur.iter_mut().enumerate() {
        let pod = first + k as u32 * per;
        for j in 0..per {
            if ((pod + j) as usize) < limit {
                if let Some(e) = flat.get_mut(*c as usize) {
                    *e = (pod + j) | host;
                }
            }
            *c += 1;
        }
    }
}

#[cfg(test)]
#[path = "node_pods_tests.rs"]
mod tests;
