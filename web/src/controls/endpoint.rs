//! The cluster endpoint: public and private access, the CIDRs allowed to reach
//! the public endpoint, and the subnets EKS places its ENIs in. Also the endpoint
//! mode switch shown beside the flow, so that changing the mode re-lights the path
//! in view.

use eksnet::{EndpointAccess, Lang, Scenario};
use leptos::prelude::*;

use crate::controls::form::{Block, FieldSpec, Input};
use crate::field;
use crate::i18n;

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

/// A radio group switching the endpoint mode.
#[component]
pub fn EndpointMode(
    /// The scenario whose endpoint is switched.
    scenario: RwSignal<Scenario>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let current =
        Memo::new(move |_| scenario.with(|s| s.cluster.resources_vpc_config.endpoint_access()));
    view! {
        <fieldset class="endpoint-mode" data-control="endpoint-mode"
            data-state=move || current.get().slug()>
            <legend>{i18n::tr(lang, i18n::ENDPOINT_MODE)}</legend>
            {EndpointAccess::MODES.into_iter().map(|m| {
                let id = format!("mode-{}", m.slug());
                view! {
                    <input type="radio" name="endpoint-mode" id=id.clone() data-value=m.slug()
                        prop:checked=move || current.get() == m
                        on:change=move |_| {
                            scenario.update(|s| {
                                s.cluster.resources_vpc_config.set_endpoint_access(m);
                            });
                        } />
                    <label for=id>{move || m.name(lang.get())}</label>
                }
            }).collect_view()}
        </fieldset>
    }
}
