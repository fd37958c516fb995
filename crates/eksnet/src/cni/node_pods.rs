//! The pods of every node as the scheduler placed them ([`NodePodLists`]): pods
//! mostly come in index order, so the record keeps runs of indices, in the
//! order of placement. Nothing is kept per node but counts (a cluster has
//! 100,000 nodes), nor per pod: each placed pod's node is in its record in the
//! [`PodStore`] (placement "node"), which the scheduler writes with the same
//! visit.
//!
//! The simulation reads the record in placement order, which is (nearly) pod
//! order ([`NodePodLists::placed`]); each node's list, the same pods gathered
//! node after node ([`NodePodLists::gather`]), is derived from it once every
//! pod has its address (see [`super::NodeStore`]).

use super::pod_store::PodStore;

/// In an entry of [`NodePodLists::gather`]'s lists: the pod uses its node's
/// network (a pod's index is below 2³¹: the store holds at most a few million).
pub(crate) const HOST_NETWORK: u32 = 1 << 31;

/// The pods placed on nodes, in the order they were placed (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct NodePodLists {
    /// Pods placed, in order, as runs `start..end` of indices.
    runs: Vec<(u32, u32)>,
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
            runs: Vec::new(),
            placed: 0,
            counts: vec![0; nodes],
            needs: vec![0; nodes],
        }
    }

    /// Places pod `pod` on node `node` (after the pods placed before); `host`:
    /// the pod uses the node's network. The caller places the pod on `node` in
    /// its record too (where [`NodePodLists::gather`] reads it).
    pub(crate) fn push(&mut self, node: usize, pod: usize, host: bool) {
        let (Some(c), Some(k)) = (self.counts.get_mut(node), self.needs.get_mut(node)) else {
            return;
        };
        *c += 1;
        *k += u32::from(!host);
        let pod = pod as u32;
        match self.runs.last_mut() {
            Some((_, end)) if *end == pod => *end += 1,
            _ => self.runs.push((pod, pod + 1)),
        }
        self.placed += 1;
    }

    /// The next `count` pods placed, `f(pod)`, from `at` (which moves past
    /// them), in the order of placement.
    pub(crate) fn placed_from(&self, at: &mut Placed, count: usize, mut f: impl FnMut(u32)) {
        let mut left = count;
        while left > 0 {
            let Some(&(start, end)) = self.runs.get(at.run) else {
                return;
            };
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
    pub(crate) fn placed(&self) -> impl Iterator<Item = u32> + '_ {
        self.runs.iter().flat_map(|&(start, end)| start..end)
    }

    /// Each node's pods, in the order they were placed, in one array: node
    /// `n`'s follow those of the nodes before it ([`NodePodLists::count`] each);
    /// each pod's node read from `pods`, and with it whether the pod uses its
    /// node's network, noted as [`HOST_NETWORK`] in its entry (so that the pods
    /// taking the node's free slots are read off the list alone).
    pub(crate) fn gather(&self, pods: &PodStore) -> Vec<u32> {
        let mut cursor = Vec::with_capacity(self.counts.len());
        let mut at = 0u32;
        for &c in &self.counts {
            cursor.push(at);
            at += c;
        }
        let mut flat = vec![0u32; at as usize];
        for pod in self.placed() {
            let (n, host) = pods
                .node_and_host(pod as usize)
                .unwrap_or((usize::MAX, false));
            if let Some(c) = cursor.get_mut(n) {
                if let Some(slot) = flat.get_mut(*c as usize) {
                    *slot = if host { pod | HOST_NETWORK } else { pod };
                }
                *c += 1;
            }
        }
        flat
    }

    /// Each node's pods, in the order they were placed, a vector each.
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
