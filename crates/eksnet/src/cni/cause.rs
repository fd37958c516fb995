//! An `Option<`[`NoIpCause`]`>` in 8 bytes rather than 16 ([`PackedCause`]), for
//! records kept per node (a cluster has up to 100,000 nodes).

use super::ipam::NoIpCause;

/// Which cause, or none (the tag of a [`PackedCause`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Tag {
    None,
    SubnetFull,
    NoContiguousPrefix,
    EniLimit,
    MaxPods,
    NoEniConfig,
    NoIpv6Block,
    CniNotRunning,
}

/// An `Option<NoIpCause>`, its subnet as a `u32` (a model has far fewer than
/// 2³² subnets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PackedCause {
    subnet: u32,
    tag: Tag,
}

impl PackedCause {
    /// `cause`, packed.
    pub(crate) fn new(cause: Option<NoIpCause>) -> PackedCause {
        let (tag, subnet) = match cause {
            None => (Tag::None, 0),
            Some(NoIpCause::SubnetFull { subnet }) => (Tag::SubnetFull, subnet),
            Some(NoIpCause::NoContiguousPrefix { subnet }) => (Tag::NoContiguousPrefix, subnet),
            Some(NoIpCause::EniLimit) => (Tag::EniLimit, 0),
            Some(NoIpCause::MaxPods) => (Tag::MaxPods, 0),
            Some(NoIpCause::NoEniConfig) => (Tag::NoEniConfig, 0),
            Some(NoIpCause::NoIpv6Block) => (Tag::NoIpv6Block, 0),
            Some(NoIpCause::CniNotRunning) => (Tag::CniNotRunning, 0),
        };
        PackedCause {
            subnet: u32::try_from(subnet).unwrap_or(u32::MAX),
            tag,
        }
    }

    /// The cause.
    pub(crate) fn get(self) -> Option<NoIpCause> {
        let subnet = self.subnet as usize;
        Some(match self.tag {
            Tag::None => return None,
            Tag::SubnetFull => NoIpCause::SubnetFull { subnet },
            Tag::NoContiguousPrefix => NoIpCause::NoContiguousPrefix { subnet },
            Tag::EniLimit => NoIpCause::EniLimit,
            Tag::MaxPods => NoIpCause::MaxPods,
            Tag::NoEniConfig => NoIpCause::NoEniConfig,
            Tag::NoIpv6Block => NoIpCause::NoIpv6Block,
            Tag::CniNotRunning => NoIpCause::CniNotRunning,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cause_comes_back_as_it_was_packed() {
        let causes = [
            None,
            Some(NoIpCause::SubnetFull { subnet: 0 }),
            Some(NoIpCause::SubnetFull { subnet: 70_000 }),
            Some(NoIpCause::NoContiguousPrefix { subnet: 3 }),
            Some(NoIpCause::EniLimit),
            Some(NoIpCause::MaxPods),
            Some(NoIpCause::NoEniConfig),
            Some(NoIpCause::NoIpv6Block),
            Some(NoIpCause::CniNotRunning),
        ];
        for c in causes {
            assert_eq!(PackedCause::new(c).get(), c);
        }
        assert_eq!(std::mem::size_of::<PackedCause>(), 8);
        // A booted node, waiting for its pods, in 24 bytes.
        assert_eq!(
            std::mem::size_of::<Option<super::super::node::Booted>>(),
            24
        );
    }
}
