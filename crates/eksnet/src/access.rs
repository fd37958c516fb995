//! Endpoint access: the one type for the cluster endpoint's mode.
//!
//! EKS exposes the Kubernetes API server through a public endpoint, a private
//! endpoint, or both (sources 000 and 002; AWS: "Cluster API server endpoint").
//! The scenario stores AWS's two flags, `endpointPublicAccess` and
//! `endpointPrivateAccess`; everything downstream (DNS, traces, checks, scenes, the
//! web's mode switch, share links) uses this enum, so that the four combinations
//! are decided in one place.

use serde::{Deserialize, Serialize};

use crate::text::Lang;

/// Which endpoints of the API server are on.
///
/// ```
/// use eksnet::EndpointAccess;
/// assert_eq!(EndpointAccess::from_flags(true, true), EndpointAccess::PublicAndPrivate);
/// assert!(EndpointAccess::Private.private() && !EndpointAccess::Private.public());
/// assert_eq!(EndpointAccess::parse("public-private"), Some(EndpointAccess::PublicAndPrivate));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndpointAccess {
    /// Public only: AWS's default for a new cluster. Nodes reach the API server over
    /// the internet (NAT or internet gateway).
    Public,
    /// Public and private: clients in the VPC resolve the endpoint to the EKS-owned
    /// ENIs; everyone else to the public NLB.
    #[serde(rename = "public-private")]
    PublicAndPrivate,
    /// Private only: the endpoint resolves to the EKS-owned ENIs and is reachable
    /// only from the VPC and connected networks.
    Private,
    /// Both off: EKS refuses this (`endpoint-access-disabled`); modelled so that a
    /// scenario saying it is still drawn and diagnosed.
    #[serde(rename = "none")]
    Disabled,
}

impl EndpointAccess {
    /// The three modes EKS accepts, in the order the explorer shows them.
    pub const MODES: [EndpointAccess; 3] = [
        EndpointAccess::Public,
        EndpointAccess::PublicAndPrivate,
        EndpointAccess::Private,
    ];

    /// From AWS's `(endpointPublicAccess, endpointPrivateAccess)`.
    pub const fn from_flags(public: bool, private: bool) -> Self {
        match (public, private) {
            (true, false) => EndpointAccess::Public,
            (true, true) => EndpointAccess::PublicAndPrivate,
            (false, true) => EndpointAccess::Private,
            (false, false) => EndpointAccess::Disabled,
        }
    }

    /// AWS's `(endpointPublicAccess, endpointPrivateAccess)`.
    pub const fn flags(self) -> (bool, bool) {
        (self.public(), self.private())
    }

    /// The public endpoint (the NLB in AWS's account) is on.
    pub const fn public(self) -> bool {
        matches!(
            self,
            EndpointAccess::Public | EndpointAccess::PublicAndPrivate
        )
    }

    /// The private endpoint (the EKS-owned ENIs and the private hosted zone) is on.
    pub const fn private(self) -> bool {
        matches!(
            self,
            EndpointAccess::Private | EndpointAccess::PublicAndPrivate
        )
    }

    /// Whether EKS accepts it (at least one endpoint on).
    pub const fn is_mode(self) -> bool {
        !matches!(self, EndpointAccess::Disabled)
    }

    /// The slug used by share links (`access=`), the explorer's `data-state` and the
    /// CLI: `public`, `public-private`, `private`, `none`.
    pub const fn slug(self) -> &'static str {
        match self {
            EndpointAccess::Public => "public",
            EndpointAccess::PublicAndPrivate => "public-private",
            EndpointAccess::Private => "private",
            EndpointAccess::Disabled => "none",
        }
    }

    /// Parses a slug; `both` is accepted for `public-private`.
    pub fn parse(slug: &str) -> Option<Self> {
        Some(match slug {
            "public" => EndpointAccess::Public,
            "public-private" | "both" => EndpointAccess::PublicAndPrivate,
            "private" => EndpointAccess::Private,
            "none" => EndpointAccess::Disabled,
            _ => return None,
        })
    }

    /// Its name in `lang` (the explorer's mode switch, the CLI).
    pub const fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EndpointAccess::Public, Lang::En) => "Public",
            (EndpointAccess::Public, Lang::Ko) => "퍼블릭",
            (EndpointAccess::PublicAndPrivate, Lang::En) => "Public and private",
            (EndpointAccess::PublicAndPrivate, Lang::Ko) => "퍼블릭 및 프라이빗",
            (EndpointAccess::Private, Lang::En) => "Private",
            (EndpointAccess::Private, Lang::Ko) => "프라이빗",
            (EndpointAccess::Disabled, Lang::En) => "No endpoint",
            (EndpointAccess::Disabled, Lang::Ko) => "엔드포인트 없음",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_round_trip() {
        for p in [false, true] {
            for q in [false, true] {
                let a = EndpointAccess::from_flags(p, q);
                assert_eq!(a.flags(), (p, q));
                assert_eq!(EndpointAccess::parse(a.slug()), Some(a));
                assert_eq!(a.is_mode(), p || q);
            }
        }
        assert_eq!(EndpointAccess::parse("open"), None);
    }
}
