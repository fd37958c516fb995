//! The cluster endpoint: public and private access, the CIDRs allowed to reach
//! the public endpoint, and the subnets EKS places its ENIs in. Also the endpoint
//! mode switch shown beside the flow, so that changing the mode re-lights the path
//! in view.

use eksnet::{Lang, Scenario};
use leptos::prelude::*;

use crate::controls::form::{Block, FieldSpec, Input};
use crate::field;
use crate::i18n::{self, Tr};

/// The endpoint section of the form.
pub fn blocks(scenario: RwSignal<Scenario>) -> Vec<Block> {
    let c = "/cluster/resourcesVpcConfig";
    vec![
        FieldSpec::new(
            i18n::PUBLIC_ACCESS,
            format!("{c}/endpointPublicAccess"),
            Input::Check(field!(scenario, |s| s
                .cluster
                .resources_vpc_config
                .endpoint_public_access)),
        )
        .into(),
        FieldSpec::new(
            i18n::PRIVATE_ACCESS,
            format!("{c}/endpointPrivateAccess"),
            Input::Check(field!(scenario, |s| s
                .cluster
                .resources_vpc_config
                .endpoint_private_access)),
        )
        .into(),
        FieldSpec::new(
            i18n::PUBLIC_ACCESS_CIDRS,
            format!("{c}/publicAccessCidrs"),
            Input::Lines(field!(scenario, |s| s
                .cluster
                .resources_vpc_config
                .public_access_cidrs)),
        )
        .into(),
        FieldSpec::new(
            i18n::CLUSTER_SUBNETS,
            format!("{c}/subnetIds"),
            Input::Lines(field!(scenario, |s| s
                .cluster
                .resources_vpc_config
                .subnet_ids)),
        )
        .into(),
        FieldSpec::new(
            i18n::CLUSTER_EXTRA_SGS,
            format!("{c}/securityGroupIds"),
            Input::Lines(field!(scenario, |s| s
                .cluster
                .resources_vpc_config
                .security_group_ids)),
        )
        .into(),
    ]
}

/// The three endpoint modes EKS offers (source 002).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Public only.
    Public,
    /// Public and private.
    PublicPrivate,
    /// Private only.
    Private,
}

impl Mode {
    /// All modes, in the order shown.
    pub const ALL: [Mode; 3] = [Mode::Public, Mode::PublicPrivate, Mode::Private];

    /// The mode's `(endpointPublicAccess, endpointPrivateAccess)`.
    pub fn flags(self) -> (bool, bool) {
        match self {
            Mode::Public => (true, false),
            Mode::PublicPrivate => (true, true),
            Mode::Private => (false, true),
        }
    }

    /// The mode of a scenario, if its flags name one (both off names none).
    pub fn of(s: &Scenario) -> Option<Mode> {
        let c = &s.cluster.resources_vpc_config;
        Mode::ALL
            .into_iter()
            .find(|m| m.flags() == (c.endpoint_public_access, c.endpoint_private_access))
    }

    /// Its label.
    pub fn label(self) -> Tr {
        match self {
            Mode::Public => i18n::MODE_PUBLIC,
            Mode::PublicPrivate => i18n::MODE_PUBLIC_PRIVATE,
            Mode::Private => i18n::MODE_PRIVATE,
        }
    }

    /// Its slug (`data-mode`).
    pub fn slug(self) -> &'static str {
        match self {
            Mode::Public => "public",
            Mode::PublicPrivate => "public-private",
            Mode::Private => "private",
        }
    }
}

/// A radio group switching the endpoint mode.
#[component]
pub fn EndpointMode(
    /// The scenario whose endpoint is switched.
    scenario: RwSignal<Scenario>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let current = Memo::new(move |_| scenario.with(Mode::of));
    view! {
        <fieldset class="endpoint-mode" data-control="endpoint-mode"
            data-state=move || current.get().map_or("none", Mode::slug)>
            <legend>{i18n::tr(lang, i18n::ENDPOINT_MODE)}</legend>
            {Mode::ALL.into_iter().map(|m| {
                let id = format!("mode-{}", m.slug());
                view! {
                    <input type="radio" name="endpoint-mode" id=id.clone() data-value=m.slug()
                        prop:checked=move || current.get() == Some(m)
                        on:change=move |_| {
                            let (p, q) = m.flags();
                            scenario.update(|s| {
                                s.cluster.resources_vpc_config.endpoint_public_access = p;
                                s.cluster.resources_vpc_config.endpoint_private_access = q;
                            });
                        } />
                    <label for=id>{i18n::tr(lang, m.label())}</label>
                }
            }).collect_view()}
        </fieldset>
    }
}
