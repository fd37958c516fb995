//! Building a trace: hops pushed in order, legs that may block, one verdict.
//!
//! A flow is written as a sequence of *legs* (functions that push hops and return
//! `Leg<T>`); the first leg that returns [`Blocked`] ends the walk with `?`, and
//! [`Builder::finish`] turns the outcome into the [`Verdict`]. The blocking
//! component is always the last hop, so a diagram lights the path up to it and marks
//! it. Control-plane flows (`control.rs`, `pull.rs`) and data-plane flows
//! (load balancers, pods) share this builder and the legs of `route.rs`.

use std::fmt;
use std::net::Ipv4Addr;

use crate::cite::Cite;
use crate::codes::Code;
use crate::ids::ElementId;
use crate::trace::{Hop, Link, Trace, Verdict};
use crate::Text;

/// Why a walk stops, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Blocked {
    /// The component that drops the traffic.
    pub at: ElementId,
    /// Stable code.
    pub code: Code,
    /// Why.
    pub reason: Text,
    /// How to fix it.
    pub fix: Text,
    /// The rule's source.
    pub cite: Cite,
    /// The scenario field to change, if one is to blame.
    pub field: Option<String>,
}

/// The outcome of a leg (the block is boxed: it is large and rare).
pub(crate) type Leg<T = ()> = Result<T, Box<Blocked>>;

/// A packet on the wire: addresses and the destination port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Packet {
    /// Source address.
    pub src: Ipv4Addr,
    /// Destination address.
    pub dst: Ipv4Addr,
    /// Destination TCP port.
    pub port: u16,
}

impl Packet {
    /// The destination as `ip:port`.
    pub fn to(&self) -> Dst {
        Dst(self.dst, self.port)
    }
}

/// `ip:port`, for hop addresses.
pub(crate) struct Dst(Ipv4Addr, u16);

impl fmt::Display for Dst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.0, self.1)
    }
}

/// Collects hops for one flow.
pub(crate) struct Builder {
    flow: String,
    title: Text,
    hops: Vec<Hop>,
    /// For load-balanced flows: whether the pod sees the client's address.
    pub client_ip_preserved: Option<bool>,
}

impl Builder {
    /// A builder for `flow` titled `title`.
    pub fn new(flow: String, title: Text) -> Builder {
        Builder {
            flow,
            title,
            hops: Vec::new(),
            client_ip_preserved: None,
        }
    }

    /// Appends a hop.
    pub fn push(&mut self, hop: Hop) {
        self.hops.push(hop);
    }

    /// How many hops so far.
    pub fn len(&self) -> usize {
        self.hops.len()
    }

    /// The link of the last hop pushed, if any.
    pub fn last_link(&self) -> Option<crate::trace::Link> {
        self.hops.last().map(|h| h.link)
    }

    /// Where the last hop pushed is, if any.
    pub fn last_at(&self) -> Option<&crate::ElementId> {
        self.hops.last().map(|h| &h.at)
    }

    /// The last hop, to add to what it says (e.g. a packet that turns around at
    /// the same place).
    pub fn last_mut(&mut self) -> Option<&mut Hop> {
        self.hops.last_mut()
    }

    /// Ends the trace. A block whose component is not the last hop gets a hop of
    /// its own there, so that the last hop is always where the flow stops.
    pub fn finish(mut self, outcome: Leg) -> Trace {
        let verdict = match outcome {
            Ok(()) => Verdict::Reachable,
            Err(b) => {
                let b = *b;
                if self.hops.last().map(|h| &h.at) != Some(&b.at) {
                    self.hops.push(Hop::new(
                        b.at.clone(),
                        Link::Origin,
                        Text::same(b.at.to_string()),
                        b.reason.clone(),
                        b.cite,
                    ));
                }
                Verdict::Blocked {
                    at: b.at,
                    code: b.code,
                    reason: b.reason,
                    fix: b.fix,
                    cite: b.cite,
                    field: b.field,
                }
            }
        };
        // Whether the pod sees the client's address means nothing when no packet
        // reaches a pod.
        let client_ip_preserved = match verdict {
            Verdict::Reachable => self.client_ip_preserved,
            Verdict::Blocked { .. } => None,
        };
        Trace {
            flow: self.flow,
            title: self.title,
            hops: self.hops,
            verdict,
            client_ip_preserved,
        }
    }
}

/// A trace that stops before its first hop (unknown client or node, flows not
/// traced): blocked at `at`.
pub(crate) fn refused(flow: String, title: Text, b: Blocked) -> Trace {
    Builder::new(flow, title).finish(Err(Box::new(b)))
}
