//! The "Subnet addresses" scene's codes and legend: a block's main owner as a
//! letter code and a colour class, its kind as a border class, and the legend
//! that explains both (meaning never rests on colour alone).

use crate::addrmap::{BlockKind, Owner, SubnetMap, BLOCK_KINDS, OWNERS};
use crate::scene::{LegendKind, Role};
use crate::{text, Text};

/// The letter a block of `owner` shows (the legend explains it).
pub(super) fn code(owner: Owner) -> &'static str {
    match owner {
        Owner::Free => "·",
        Owner::AwsReserved => "A",
        Owner::EksEni => "E",
        Owner::NodePrimary => "N",
        Owner::EniPrimary => "I",
        Owner::Pod => "P",
        Owner::Warm => "W",
        Owner::PrefixPod => "D",
        Owner::PrefixSpare => "DS",
        Owner::LoadBalancer => "L",
        Owner::NatGateway => "G",
        Owner::VpcEndpoint => "V",
        Owner::ReservedPrefix => "RP",
        Owner::ReservedExplicit => "RE",
        Owner::Other => "O",
    }
}

pub(super) fn owner_class(owner: Owner) -> &'static str {
    match owner {
        Owner::Free => "own-free",
        Owner::AwsReserved => "own-aws-reserved",
        Owner::EksEni => "own-eks-eni",
        Owner::NodePrimary => "own-node-primary",
        Owner::EniPrimary => "own-eni-primary",
        Owner::Pod => "own-pod",
        Owner::Warm => "own-warm",
        Owner::PrefixPod => "own-prefix-pod",
        Owner::PrefixSpare => "own-prefix-spare",
        Owner::LoadBalancer => "own-load-balancer",
        Owner::NatGateway => "own-nat-gateway",
        Owner::VpcEndpoint => "own-vpc-endpoint",
        Owner::ReservedPrefix => "own-reserved-prefix",
        Owner::ReservedExplicit => "own-reserved-explicit",
        Owner::Other => "own-other",
    }
}

pub(super) fn kind_class(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Free => "blk-free",
        BlockKind::Partial => "blk-partial",
        BlockKind::Full => "blk-full",
        BlockKind::Prefix => "blk-prefix",
        BlockKind::Reserved => "blk-reserved",
    }
}

/// The owners drawn (code and colour), then the block kinds present (border).
pub(super) fn legend(sm: &SubnetMap, owners: &[Owner]) -> Vec<(LegendKind, Text)> {
    let mut v = Vec::new();
    for o in OWNERS.iter().filter(|o| owners.contains(o)) {
        let l = o.label();
        let code = code(*o);
        v.push((
            LegendKind::Swatch {
                role: Role::Slot,
                class: Some(owner_class(*o)),
            },
            Text {
                en: format!("{code} {}", l.en),
                ko: format!("{code} {}", l.ko),
            },
        ));
    }
    let border = |k: BlockKind| match k {
        BlockKind::Free => text!("thin border", "가는 테두리"),
        BlockKind::Partial => text!("dashed border", "점선 테두리"),
        BlockKind::Full => text!("solid border", "실선 테두리"),
        BlockKind::Prefix => text!("heavy border", "굵은 테두리"),
        BlockKind::Reserved => text!("dotted border", "점 테두리"),
    };
    for k in BLOCK_KINDS
        .into_iter()
        .filter(|k| *k != BlockKind::Free && sm.blocks_of(*k) > 0)
    {
        let (l, b) = (k.label(), border(k));
        v.push((
            LegendKind::Swatch {
                role: Role::Slot,
                class: Some(kind_class(k)),
            },
            Text {
                en: format!("{}: {}", l.en, b.en),
                ko: format!("{}: {}", l.ko, b.ko),
            },
        ));
    }
    v
}
