//! The pods of every node as the scheduler placed them ([`NodePodLists`]): pods
//! mostly come in index order, so the record keeps runs of indices and the node
//! of each pod placed, in the order of placement. Nothing is kept per node but
//! counts (a cluster has 100,000 nodes).
//!
//! The simulation reads the record in placement order, which is (nearly) pod
//! order ([`NodePodLists::placed`]); each node's list, the same pods gathered
//! node after node ([`NodePodLists::gather`]), is derived only when a reader
//! asks for one (see [`super::NodeStore`]).

/// The pods placed on nodes, in the order they were placed (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct NodePodLists {
    /// Pods placed, in order, as runs `start..end` of indices.
    runs: Vec<(u32, u32)>,
    /// The node of each pod placed, in order.
    nodes: Vec<u32>,
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
    /// Lists for `nodes` nodes, room for `pods` placements.
    pub(crate) fn new(nodes: usize, pods: usize) -> NodePodLists {
        NodePodLists {
            runs: Vec::new(),
            nodes: Vec::with_capacity(pods),
            counts: vec![0; nodes],
            needs: vec![0; nodes],
        }
    }

    /// Places pod `pod` on node `node` (after the pods placed before); `host`:
    /// the pod uses the node's network.
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
        self.nodes.push(node as u32);
    }

    /// The next `count` pods placed and their nodes, `f(pod, node)`, from
    /// `at` (which moves past them), in the order of placement.
    pub(crate) fn placed_from(&self, at: &mut Placed, count: usize, mut f: impl FnMut(u32, u32)) {
        let mut left = count;
        while left > 0 {
            let Some(&(start, end)) = self.runs.get(at.run) else {
                return;
            };
            let n = ((end - start - at.off) as usize).min(left);
            let pods = start + at.off..start + at.off + n as u32;
            let nodes = self.nodes.get(at.pod..at.pod + n).unwrap_or(&[]);
            for (pod, &node) in pods.zip(nodes) {
                f(pod, node);
            }
            (at.off, at.pod, left) = (at.off + n as u32, at.pod + n, left - n);
            if start + at.off >= end {
                (at.run, at.off) = (at.run + 1, 0);
            }
        }
    }

    /// Pods placed on nodes.
    pub(crate) fn placed_count(&self) -> usize {
        self.nodes.len()
    }

    /// Pods on node `n`.
    pub(crate) fn count(&self, n: usize) -> u32 {
        self.counts.get(n).copied().unwrap_or(0)
    }

    /// Pods on node `n` that need an address of their own.
    pub(crate) fn needs(&self, n: usize) -> u32 {
        self.needs.get(n).copied().unwrap_or(0)
    }

    /// Every pod placed and its node, `(pod, node)`, in the order of placement.
    pub(crate) fn placed(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.runs_placed()
            .flat_map(|(pods, nodes)| pods.zip(nodes.iter().copied()))
    }

    /// The pods placed as runs of consecutive indices, each with its pods'
    /// nodes, in the order of placement.
    pub(crate) fn runs_placed(&self) -> impl Iterator<Item = (std::ops::Range<u32>, &[u32])> + '_ {
        let mut at = 0usize;
        self.runs.iter().map(move |&(start, end)| {
            let len = (end - start) as usize;
            let nodes = self.nodes.get(at..at + len).unwrap_or(&[]);
            at += len;
            (start..end, nodes)
        })
    }

    /// Each node's pods, in the order they were placed, in one array: node
    /// `n`'s follow those of the nodes before it ([`NodePodLists::count`] each).
    pub(crate) fn gather(&self) -> Vec<u32> {
        let mut cursor = Vec::with_capacity(self.counts.len());
        let mut at = 0u32;
        for &c in &self.counts {
            cursor.push(at);
            at += c;
        }
        let mut flat = vec![0u32; at as usize];
        for (pod, n) in self.placed() {
            if let Some(c) = cursor.get_mut(n as usize) {
                if let Some(slot) = flat.get_mut(*c as usize) {
                    *slot = pod;
                }
                *c += 1;
            }
        }
        flat
    }

    /// Each node's pods, in the order they were placed, a vector each.
    #[cfg(test)]
    pub(crate) fn lists(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.counts.len()];
        for (pod, n) in self.placed() {
            if let Some(v) = out.get_mut(n as usize) {
                v.push(pod as usize);
            }
        }
        out
    }
}
