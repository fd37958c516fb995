//! [`PodStore`]'s writing side: what the simulation calls to add pods, place
//! them, give them addresses and settle their status (the reading side and the
//! record's layout are in `pod_store.rs`).

use std::net::{Ipv4Addr, Ipv6Addr};

use super::*;

impl PodStore {
    /// Adds a pod, unscheduled, and returns its index.
    pub(crate) fn push(&mut self, p: NewPod) -> usize {
        let mut flags = 0;
        if p.pinned {
            flags |= PINNED;
        }
        if p.host_network {
            flags |= HOST;
        }
        self.recs.push(Rec {
            workload: p.workload as u32,
            at: NONE,
            ip: 0,
            subnet: NO_SUBNET,
            eni: NO_ENI,
            flags,
        });
        self.recs.len() - 1
    }

    /// Adds a pod placed on EC2 node `node` (its record written once: the same as
    /// [`PodStore::push`] then [`PodStore::set_placement`]), and returns its index.
    pub(crate) fn push_on_node(&mut self, p: NewPod, node: usize) -> usize {
        let i = self.push(p);
        if let Some(r) = self.recs.last_mut() {
            r.flags |= 1 << PLACE_SHIFT;
            r.at = node as u32;
        }
        i
    }

    /// Adds pods placed one on each EC2 node of `nodes`, in order: the same as
    /// [`PodStore::push_on_node`] node after node, the records written in one
    /// go.
    pub(crate) fn push_on_nodes(&mut self, p: NewPod, nodes: std::ops::Range<u32>) {
        let mut flags = 1 << PLACE_SHIFT;
        if p.pinned {
            flags |= PINNED;
        }
        if p.host_network {
            flags |= HOST;
        }
        let workload = p.workload as u32;
        self.recs.extend(nodes.map(|at| Rec {
            workload,
            at,
            ip: 0,
            subnet: NO_SUBNET,
            eni: NO_ENI,
            flags,
        }));
    }

    /// Adds a pinned pod named `name`; pinned pods come first.
    pub(crate) fn push_pinned(&mut self, p: NewPod, name: PodName) -> usize {
        let i = self.push(p);
        self.names.pinned.push(name);
        i
    }

    /// Names the pods `start..start + len` after `workload`'s sequence (see
    /// [`names::Suffixes`]), with the positions in `skips` left out.
    pub(crate) fn name_run(
        &mut self,
        start: usize,
        len: usize,
        workload: &str,
        hash: &str,
        salt: u64,
        skips: Vec<u32>,
    ) {
        self.names.runs.push(Run {
            start: start as u32,
            len: len as u32,
            workload: workload.to_string(),
            hash: hash.to_string(),
            salt,
            skips,
        });
    }

    /// Names the pods of system DaemonSet `workload` after their node.
    pub(crate) fn name_system(&mut self, workload: usize, name: &str, salt: u64) {
        self.names
            .system
            .push((workload as u32, name.to_string(), salt));
    }

    /// Places pod `i`.
    pub(crate) fn set_placement(&mut self, i: usize, p: Placement) {
        if let Some(r) = self.recs.get_mut(i) {
            let (bits, at) = match p {
                Placement::Unscheduled => (0, NONE),
                Placement::Node { node } => (1, node as u32),
                Placement::Fargate { group } => (2, group as u32),
            };
            r.flags = (r.flags & !(3 << PLACE_SHIFT)) | (bits << PLACE_SHIFT);
            r.at = at;
        }
    }

    /// Sets the subnet of pod `i`'s address-to-be (system pods: the node's).
    pub(crate) fn set_subnet(&mut self, i: usize, subnet: usize) {
        let narrow = u16::try_from(subnet).ok().filter(|&s| s < WIDE_SUBNET);
        let Some(r) = self.recs.get_mut(i) else {
            return;
        };
        r.subnet = narrow.unwrap_or(WIDE_SUBNET);
        if narrow.is_none() {
            if let Some(w) = self.wide_mut(i) {
                w.subnet = u32::try_from(subnet).unwrap_or(NONE - 1).min(NONE - 1);
            }
        }
    }

    /// Sets the ENI of pod `i`.
    fn set_eni(&mut self, i: usize, eni: Option<usize>) {
        let narrow = match eni {
            None => Some(NO_ENI),
            Some(e) => u8::try_from(e).ok().filter(|&e| e < WIDE_ENI),
        };
        let Some(r) = self.recs.get_mut(i) else {
            return;
        };
        r.eni = narrow.unwrap_or(WIDE_ENI);
        if narrow.is_none() {
            if let Some(w) = self.wide_mut(i) {
                w.eni = eni.unwrap_or(0).min(MAX_ENI) as u16;
            }
        }
    }

    /// Pod `i`'s entry in `wide` (made as long as the store first).
    fn wide_mut(&mut self, i: usize) -> Option<&mut Wide> {
        if self.wide.len() < self.recs.len() {
            self.wide.resize(self.recs.len(), NARROW);
        }
        self.wide.get_mut(i)
    }

    /// Records a problem shared by many pods, for [`PodStore::set_problem_at`].
    pub(crate) fn add_problem(&mut self, p: PodProblem) -> u32 {
        self.problems.push(p);
        (self.problems.len() - 1) as u32
    }

    /// Gives pod `i` the problem recorded as `k` ([`PodStore::add_problem`]).
    pub(crate) fn set_problem_at(&mut self, i: usize, k: u32) {
        if i >= self.recs.len() {
            return;
        }
        if self.problem_of.len() < self.recs.len() {
            self.problem_of.resize(self.recs.len(), NONE);
        }
        if let Some(x) = self.problem_of.get_mut(i) {
            *x = k;
        }
    }

    /// Gives pod `i` problem `p`.
    pub(crate) fn set_problem(&mut self, i: usize, p: PodProblem) {
        if i < self.len() {
            let k = self.add_problem(p);
            self.set_problem_at(i, k);
        }
    }

    /// Gives pod `i` IPv4 address `ip` of `subnet`, held by ENI `eni`.
    pub(crate) fn set_v4(&mut self, i: usize, ip: Ipv4Addr, subnet: usize, eni: Option<usize>) {
        let sub = u16::try_from(subnet).ok().filter(|&s| s < WIDE_SUBNET);
        let e = match eni {
            None => Some(NO_ENI),
            Some(e) => u8::try_from(e).ok().filter(|&e| e < WIDE_ENI),
        };
        if let Some(r) = self.recs.get_mut(i) {
            r.ip = u32::from(ip);
            r.flags |= HAS_IP;
            // Both fit the record (unless the model has 65,534 subnets or the
            // node 254 ENIs).
            if let (Some(sub), Some(e)) = (sub, e) {
                r.subnet = sub;
                r.eni = e;
            }
        }
        if sub.is_none() || e.is_none() {
            self.set_subnet(i, subnet);
            self.set_eni(i, eni);
        }
        if let Some(x) = self.v6.get_mut(i) {
            *x = 0;
        }
    }

    /// [`PodStore::set_v4`] then [`PodStore::settle_one`], the address and the
    /// status written in one visit of the pod's record when its subnet and ENI
    /// fit it and no pod has an IPv6 address.
    pub(crate) fn set_v4_and_settle(
        &mut self,
        i: usize,
        (ip, subnet, eni): (Ipv4Addr, usize, Option<usize>),
        f: impl FnOnce(usize, Facts) -> (PodStatus, bool),
    ) {
        let sub = u16::try_from(subnet).ok().filter(|&s| s < WIDE_SUBNET);
        let e = match eni {
            None => Some(NO_ENI),
            Some(e) => u8::try_from(e).ok().filter(|&e| e < WIDE_ENI),
        };
        if let (Some(sub), Some(e), true) = (sub, e, self.v6.is_empty()) {
            let troubled = self.problem_at(i);
            if let Some(r) = self.recs.get_mut(i) {
                r.ip = u32::from(ip);
                r.flags |= HAS_IP;
                r.subnet = sub;
                r.eni = e;
                settle_rec(i, r, troubled, f);
            }
            return;
        }
        self.set_v4(i, ip, subnet, eni);
        self.settle_one(i, f);
    }

    /// The pod pass's common case, in one visit of pod `i`'s record: a pod
    /// placed on an EC2 node gets IPv4 address `ip` of `subnet`, held by ENI
    /// `eni`, and is Running, ready as `ready(workload, has_problem)` says
    /// (what [`PodStore::set_v4_and_settle`] writes when its settling finds
    /// the pod Running with that readiness). `false`, nothing written, for any
    /// other pod, or when the write takes more than one visit (a subnet or ENI
    /// that does not fit the record, a store holding IPv6 addresses).
    #[inline]
    pub(crate) fn set_running_v4(
        &mut self,
        i: usize,
        (ip, subnet, eni): (Ipv4Addr, usize, Option<usize>),
        ready: impl FnOnce(usize, bool) -> bool,
    ) -> bool {
        let sub = u16::try_from(subnet).ok().filter(|&s| s < WIDE_SUBNET);
        let e = match eni {
            None => Some(NO_ENI),
            Some(e) => u8::try_from(e).ok().filter(|&e| e < WIDE_ENI),
        };
        let (Some(sub), Some(e), true) = (sub, e, self.v6.is_empty()) else {
            return false;
        };
        let troubled = self.problem_at(i);
        let Some(r) = self.recs.get_mut(i).filter(|r| place_bits(r) == 1) else {
            return false;
        };
        let ready = ready(r.workload as usize, troubled);
        r.ip = u32::from(ip);
        r.subnet = sub;
        r.eni = e;
        let status = 1 << STATUS_SHIFT;
        let keep = r.flags & !(3 << STATUS_SHIFT | READY);
        r.flags = keep | HAS_IP | status | if ready { READY } else { 0 };
        true
    }

    /// Gives pod `i` IPv6 address `ip` of `subnet`, held by ENI `eni`.
    pub(crate) fn set_v6(&mut self, i: usize, ip: Ipv6Addr, subnet: usize, eni: Option<usize>) {
        if i >= self.len() {
            return;
        }
        if self.v6.len() < self.len() {
            self.v6.resize(self.len(), 0);
        }
        self.set_v4(i, Ipv4Addr::UNSPECIFIED, subnet, eni);
        if let Some(x) = self.v6.get_mut(i) {
            *x = u128::from(ip);
        }
    }

    /// Sets pod `i`'s status and readiness.
    #[cfg(test)]
    pub(crate) fn set_status(&mut self, i: usize, status: PodStatus, ready: bool) {
        if let Some(r) = self.recs.get_mut(i) {
            set_status_of(r, status, ready);
        }
    }

    /// One pass over every pod, in order: `f(i, facts)` gives pod `i`'s status and
    /// readiness, which are set (the same as [`PodStore::set_status`] for each pod,
    /// without looking each one up).
    #[cfg(test)]
    pub(crate) fn settle_each(&mut self, f: impl FnMut(usize, Facts) -> (PodStatus, bool)) {
        self.settle_if(|_| true, f);
    }

    /// [`PodStore::settle_each`] for the pods whose placement passes `which`.
    pub(crate) fn settle_if(
        &mut self,
        which: impl Fn(Placement) -> bool,
        mut f: impl FnMut(usize, Facts) -> (PodStatus, bool),
    ) {
        let problem_of = &self.problem_of;
        for (i, r) in self.recs.iter_mut().enumerate() {
            if which(placement_of(r)) {
                let troubled = problem_of.get(i).is_some_and(|&k| k != NONE);
                settle_rec(i, r, troubled, &mut f);
            }
        }
    }

    /// [`PodStore::settle_each`] for pod `i` alone.
    pub(crate) fn settle_one(
        &mut self,
        i: usize,
        f: impl FnOnce(usize, Facts) -> (PodStatus, bool),
    ) {
        let troubled = self.problem_at(i);
        if let Some(r) = self.recs.get_mut(i) {
            settle_rec(i, r, troubled, f);
        }
    }

    /// Whether pod `i` has an address.
    #[cfg(test)]
    pub(crate) fn has_ip(&self, i: usize) -> bool {
        self.recs.get(i).is_some_and(|r| r.flags & HAS_IP != 0)
    }

    /// Whether pod `i` has a problem.
    #[cfg(test)]
    pub(crate) fn has_problem(&self, i: usize) -> bool {
        self.problem_at(i)
    }
}

fn settle_rec(
    i: usize,
    r: &mut Rec,
    has_problem: bool,
    f: impl FnOnce(usize, Facts) -> (PodStatus, bool),
) {
    let facts = Facts {
        placement: placement_of(r),
        workload: r.workload as usize,
        node: (place_bits(r) == 1).then_some(r.at as usize),
        has_ip: r.flags & HAS_IP != 0,
        has_problem,
    };
    let (status, ready) = f(i, facts);
    set_status_of(r, status, ready);
}

fn set_status_of(r: &mut Rec, status: PodStatus, ready: bool) {
    let bits = match status {
        PodStatus::Pending => 0,
        PodStatus::Running => 1,
        PodStatus::ContainerCreating => 2,
    };
    r.flags = (r.flags & !(3 << STATUS_SHIFT)) | (bits << STATUS_SHIFT);
    r.flags = if ready {
        r.flags | READY
    } else {
        r.flags & !READY
    };
}
