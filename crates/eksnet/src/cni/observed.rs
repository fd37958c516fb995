//! A node whose ENIs were observed (`aws ec2 describe-network-interfaces`, kept in
//! the model as [`ObservedEniModel`]s): `ipamd` starts from exactly those ENIs,
//! their secondary addresses and /28 prefixes, rather than from eth0 alone.
//!
//! Observed state wins: each pod's observed IP goes to the slot that holds it, the
//! other slots stay warm, and the pool grows (by the warm policy, as `ipamd` does
//! when its pool runs short; `docs/eni-and-ip-target.md`,
//! `docs/prefix-and-ip-target.md` of the VPC CNI) only when the node's pods need
//! more addresses than were observed. What it adds is marked simulated (see
//! [`EniObserved`]).

use super::eni::{EniBuf, EniObserved, PrefixBuf, Slot};
use super::node::{eth0_of, NodeSpec};
use crate::model::{Node, ObservedEniModel};

/// Node `node`'s ENIs from `obs` (by device index), eth0 first: a simulated eth0
/// when none was observed at device index 0.
pub(crate) fn enis(spec: &NodeSpec, node: &Node, obs: &[ObservedEniModel]) -> Vec<EniBuf> {
    let mut out = Vec::with_capacity(obs.len() + 1);
    if obs.first().is_none_or(|e| e.device_index != 0) {
        out.push(eth0_of(spec, node));
    }
    for o in obs {
        let index = out.len();
        let eth0 = o.device_index == 0;
        let mut eni = EniBuf::new(index, o.subnet, o.primary_ip, !(eth0 && spec.custom));
        eni.slots = o
            .secondaries
            .iter()
            .map(|&ip| Slot { ip, pod: None })
            .collect();
        eni.prefixes = o.prefixes.iter().map(|&c| PrefixBuf::new(c)).collect();
        eni.observed = Some(EniObserved {
            id: o.id.clone(),
            slots: o.secondaries.len() as u32,
            prefixes: o.prefixes.len() as u32,
        });
        out.push(eni);
    }
    out
}

/// Addresses the ENIs hold for pods.
pub(crate) fn held(enis: &[EniBuf]) -> u32 {
    enis.iter()
        .filter(|e| e.hosts_pods)
        .map(|e| e.capacity() as u32)
        .sum()
}

/// Gives pod `pod` the free slot holding `ip`, if an ENI holds it; returns the ENI.
pub(crate) fn pin(enis: &mut [EniBuf], pod: usize, ip: std::net::Ipv4Addr) -> Option<usize> {
    for (e, eni) in enis.iter_mut().enumerate().filter(|(_, x)| x.hosts_pods) {
        let found = eni
            .slots
            .iter_mut()
            .chain(eni.prefixes.iter_mut().flat_map(|p| p.slots.iter_mut()))
            .find(|s| s.ip == ip && s.pod.is_none());
        if let Some(s) = found {
            s.pod = Some(pod as u32);
            return Some(e);
        }
    }
    None
}
