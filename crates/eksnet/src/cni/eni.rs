//! A node's ENIs as the simulation holds them: [`Eni`], the address [`Slot`]s and
//! /28 [`Prefix`]es it holds for pods, and what of it was [`EniObserved`].

use std::net::Ipv4Addr;
use std::sync::Arc;

use ipnet::Ipv4Net;
use serde::Serialize;

use crate::ElementId;

/// An ENI of a node: `eth<index>`.
///
/// Its ids ([`Eni::eid`], [`Eni::id`]) are derived on demand from its node's name
/// (shared by the node's ENIs: one allocation per node, not two strings per ENI;
/// a cluster holds hundreds of thousands of ENIs). It serialises with them, as
/// `eid`, `index`, `id`, `subnet`, `primaryIp`, `hostsPods`, `slots`, `prefixes`.
#[derive(Debug, Clone)]
pub struct Eni {
    /// The node's name, from which the ids derive.
    node: Arc<str>,
    /// `eth<index>`; 0 is the primary ENI the instance was launched with.
    pub index: usize,
    /// Its subnet (index into `model.subnets`).
    pub subnet: usize,
    /// Its primary address: the node IP for eth0; never given to a pod.
    pub primary_ip: Ipv4Addr,
    /// Whether pods may use its addresses (not eth0 under custom networking).
    pub hosts_pods: bool,
    /// Secondary IPs (secondary-IP mode), in allocation order.
    pub slots: Vec<Slot>,
    /// /28 prefixes (prefix delegation), in allocation order.
    pub prefixes: Vec<Prefix>,
    /// Observed (`describe-network-interfaces`) rather than simulated: its real id
    /// and how many of its first slots and prefixes were observed (the rest, if
    /// any, are what the simulation adds for pods that need more). Boxed: only
    /// imported ENIs have it.
    pub observed: Option<Box<EniObserved>>,
}

/// What of an ENI was observed: its EC2 id, its first `slots` secondary addresses
/// and its first `prefixes` /28 prefixes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EniObserved {
    /// Its EC2 id as `describe-network-interfaces` gave it.
    #[serde(skip)]
    pub id: String,
    /// Secondary addresses observed.
    pub slots: u32,
    /// /28 prefixes observed.
    pub prefixes: u32,
}

impl Eni {
    /// ENI `eth<index>` of the node named `node` (its name shared with its other
    /// ENIs), without addresses for pods yet.
    pub(crate) fn new(
        node: Arc<str>,
        index: usize,
        subnet: usize,
        primary_ip: Ipv4Addr,
        hosts_pods: bool,
    ) -> Eni {
        Eni {
            node,
            index,
            subnet,
            primary_ip,
            hosts_pods,
            slots: Vec::new(),
            prefixes: Vec::new(),
            observed: None,
        }
    }

    /// `eni:<node>:<index>`.
    pub fn eid(&self) -> ElementId {
        ElementId::node_eni(&self.node, self.index)
    }

    /// EC2 ENI id: the observed one for an imported ENI, else `eni-` and 17 hex
    /// digits, a deterministic stand-in, stable for the node and the index.
    pub fn id(&self) -> String {
        match &self.observed {
            Some(o) => o.id.clone(),
            None => super::names::eni_id_of(super::names::fnv(&[&self.node]), self.index),
        }
    }

    /// `eth<index>`.
    pub fn name(&self) -> String {
        format!("eth{}", self.index)
    }

    /// Every pod address slot, prefixes' slots included.
    pub fn all_slots(&self) -> impl Iterator<Item = &Slot> {
        self.slots
            .iter()
            .chain(self.prefixes.iter().flat_map(|p| p.slots.iter()))
    }

    /// Addresses held for pods.
    pub fn capacity(&self) -> usize {
        self.slots.len() + self.prefixes.iter().map(|p| p.slots.len()).sum::<usize>()
    }

    /// Addresses assigned to pods.
    pub fn assigned(&self) -> usize {
        self.all_slots().filter(|s| s.pod.is_some()).count()
    }
}

impl Serialize for Eni {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Eni", 8 + usize::from(self.observed.is_some()))?;
        st.serialize_field("eid", &self.eid())?;
        st.serialize_field("index", &self.index)?;
        st.serialize_field("id", &self.id())?;
        st.serialize_field("subnet", &self.subnet)?;
        st.serialize_field("primaryIp", &self.primary_ip)?;
        st.serialize_field("hostsPods", &self.hosts_pods)?;
        st.serialize_field("slots", &self.slots)?;
        st.serialize_field("prefixes", &self.prefixes)?;
        if let Some(o) = &self.observed {
            st.serialize_field("observed", o)?;
        }
        st.end()
    }
}

/// One address an ENI holds for pods (12 bytes: a cluster holds millions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    /// The address.
    pub ip: Ipv4Addr,
    /// The pod holding it (index into `Ipam::pods`, which holds fewer than
    /// 2³² pods: see [`super::MAX_PODS`]); `None` = warm.
    pub pod: Option<u32>,
}

/// A /28 prefix delegated to an ENI: 16 slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Prefix {
    /// The prefix.
    pub cidr: Ipv4Net,
    /// Its 16 addresses, lowest first.
    pub slots: Vec<Slot>,
}
