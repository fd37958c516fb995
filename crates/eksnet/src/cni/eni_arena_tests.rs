//! The [`EniArena`] gives back every ENI as it was pushed, though its record
//! keeps only where the ENI's runs, prefixes and slots start (their counts
//! are read off the next ENI's): addresses, prefixes, observed parts, index,
//! subnet, primary address; and the hand-out's reading of its free runs
//! ([`EniArena::free_part`]) yields its slots in order.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use proptest::prelude::*;

use super::eni::{EniBuf, EniObserved, PrefixBuf, Slot};
use super::eni_arena::EniArena;
use super::max_pods::IPS_PER_PREFIX;
use super::slot_pods::NodeQueue;

/// An ENI from its parts: `steps` are the gaps between its secondary
/// addresses (0: the next address, so runs of any length), `prefixes` how
/// many /28s it holds, `observed` whether it was observed.
fn eni(index: usize, base: u32, steps: &[u32], prefixes: u32, observed: bool) -> EniBuf {
    let mut e = EniBuf::new(
        index,
        index % 3,
        Ipv4Addr::from(base),
        index.is_multiple_of(2),
    );
    let mut ip = base + 1;
    for &s in steps {
        ip += s;
        e.slots.push(Slot {
            ip: Ipv4Addr::from(ip),
            pod: None,
        });
        ip += 1;
    }
    for k in 0..prefixes {
        let net = (base & !0xffff) + 0x8000 + (index as u32 * 8 + k) * 16;
        let cidr = Ipv4Net::new(Ipv4Addr::from(net), 28).unwrap_or_default();
        e.prefixes.push(PrefixBuf::new(cidr));
    }
    e.observed = observed.then(|| EniObserved {
        id: format!("eni-{index}"),
        slots: steps.len() as u32,
        prefixes,
    });
    e
}

proptest! {
    #[test]
    fn every_eni_comes_back_as_pushed(
        nodes in prop::collection::vec(
            prop::collection::vec(
                (prop::collection::vec(0u32..3, 0..20), 0u32..3, any::<bool>()),
                0..5,
            ),
            0..6,
        ),
    ) {
        let mut arena = EniArena::with_capacity(4);
        let mut pushed = Vec::new();
        for (n, node) in nodes.iter().enumerate() {
            let base = 0x0a00_0000 + (n as u32) * 0x1_0000;
            let enis: Vec<EniBuf> = node
                .iter()
                .enumerate()
                .map(|(k, (steps, p, o))| eni(k, base + k as u32 * 0x100, steps, *p, *o))
                .collect();
            let at = arena.push_pinned(&enis, 0, 0);
            prop_assert_eq!(at, (pushed.len() as u32, enis.len() as u32));
            pushed.extend(enis);
        }
        prop_assert_eq!(arena.len(), pushed.len());
        for (e, want) in pushed.iter().enumerate() {
            let rec = arena.rec(e as u32).unwrap();
            let queue = NodeQueue { list: &[], pins: &[], first: rec.pod_range().0 };
            let got = arena.view(&rec, "n", queue);
            prop_assert_eq!(got.index, want.index);
            prop_assert_eq!(got.subnet, want.subnet);
            prop_assert_eq!(got.primary_ip, want.primary_ip);
            prop_assert_eq!(got.hosts_pods, want.hosts_pods);
            prop_assert_eq!(got.observed, want.observed.as_ref());
            prop_assert_eq!(got.slot_count(), want.slots.len());
            prop_assert_eq!(got.prefix_count(), want.prefixes.len());
            prop_assert_eq!(got.capacity(), want.capacity());
            prop_assert_eq!(got.slots().collect::<Vec<_>>(), want.slots.clone());
            let cidrs: Vec<Ipv4Net> = got.prefixes().map(|p| p.cidr).collect();
            let want_cidrs: Vec<Ipv4Net> = want.prefixes.iter().map(|p| p.cidr).collect();
            prop_assert_eq!(cidrs, want_cidrs);
            // The hand-out's reading: every slot, in order.
            let mut free = Vec::new();
            let mut k = 0;
            while let Some((first, len, subnet)) = arena.free_part(e as u32, k) {
                prop_assert_eq!(subnet as usize, want.subnet);
                free.extend((first..first + len).map(Ipv4Addr::from));
                k += 1;
            }
            let all: Vec<Ipv4Addr> = want
                .slots
                .iter()
                .map(|s| s.ip)
                .chain(want.prefixes.iter().flat_map(|p| {
                    let b = u32::from(p.cidr.network());
                    (b..b + IPS_PER_PREFIX).map(Ipv4Addr::from)
                }))
                .collect();
            prop_assert_eq!(free, all);
        }
        prop_assert!(arena.rec(pushed.len() as u32).is_none());
    }
}
