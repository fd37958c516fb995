//! The pods of every node, one node after the other in one array
//! ([`NodePodLists`]): the scheduler notes each placement as it makes it (pods
//! mostly come in index order, so it keeps runs of indices and the node of each),
//! and the lists are gathered once scheduling is done, each node's pods in the
//! order they were placed. No vector per node (a cluster has 100,000 nodes); the
//! array becomes the [`super::NodeStore`]'s as it is.

/// Each node's pods (indices into `Ipam::pods`), in the order they were placed.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodePodLists {
    /// Pods placed, in order, as runs `start..end` of indices.
    runs: Vec<(u32, u32)>,
    /// The node of each pod placed, in order.
    nodes: Vec<u32>,
    /// Pods per node.
    counts: Vec<u32>,
    /// Once gathered: every node's pods, node after node.
    flat: Vec<u32>,
    /// Once gathered: where node `n`'s pods start in `flat` (`n + 1`: where they end).
    starts: Vec<u32>,
}

impl NodePodLists {
    /// Lists for `nodes` nodes, room for `pods` placements.
    pub(crate) fn new(nodes: usize, pods: usize) -> NodePodLists {
        NodePodLists {
            runs: Vec::new(),
            nodes: Vec::with_capacity(pods),
            counts: vec![0; nodes],
            ..NodePodLists::default()
        }
    }

    /// Places pod `pod` on node `node` (after the pods placed before).
    pub(crate) fn push(&mut self, node: usize, pod: usize) {
        let Some(c) = self.counts.get_mut(node) else {
            return;
        };
        *c += 1;
        let pod = pod as u32;
        match self.runs.last_mut() {
            Some((_, end)) if *end == pod => *end += 1,
            _ => self.runs.push((pod, pod + 1)),
        }
        self.nodes.push(node as u32);
    }

    /// Gathers each node's pods (in the order they were placed) into one array.
    pub(crate) fn gather(&mut self) {
        let mut starts = Vec::with_capacity(self.counts.len() + 1);
        let mut at = 0u32;
        for &c in &self.counts {
            starts.push(at);
            at += c;
        }
        starts.push(at);
        let mut cursor = starts.clone();
        let mut flat = vec![0u32; at as usize];
        let mut nodes = self.nodes.iter();
        for &(start, end) in &self.runs {
            for pod in start..end {
                let Some(&n) = nodes.next() else { break };
                if let Some(c) = cursor.get_mut(n as usize) {
                    if let Some(slot) = flat.get_mut(*c as usize) {
                        *slot = pod;
                    }
                    *c += 1;
                }
            }
        }
        self.flat = flat;
        self.starts = starts;
        self.runs = Vec::new();
        self.nodes = Vec::new();
    }

    /// Where node `n`'s pods are in the gathered array: `(start, count)`.
    pub(crate) fn range(&self, n: usize) -> (u32, u32) {
        match (self.starts.get(n), self.starts.get(n + 1)) {
            (Some(&s), Some(&e)) => (s, e - s),
            _ => (0, 0),
        }
    }

    /// Node `n`'s pods (once gathered).
    pub(crate) fn of(&self, n: usize) -> &[u32] {
        let (s, c) = self.range(n);
        self.flat.get(s as usize..(s + c) as usize).unwrap_or(&[])
    }

    /// The gathered array, every node's pods node after node.
    pub(crate) fn into_flat(self) -> Vec<u32> {
        self.flat
    }
}
