//! Amazon VPC CNI settings, named as its environment variables: prefix
//! delegation, the warm pool targets, custom networking (with one ENIConfig per
//! AZ) and a max-pods override.

use eksnet::scenario::{EniConfig, Scenario};
use leptos::prelude::*;

use crate::controls::form::{list_of, Block, FieldSpec, Input};
use crate::i18n;
use crate::{field, item};

/// The CNI section of the form.
pub fn blocks(scenario: RwSignal<Scenario>) -> Vec<Block> {
    let custom = field!(scenario, |s| s.cni.custom_network_cfg);
    let custom_on = custom.0;
    let row = move |i: usize| -> Vec<Block> {
        let p = format!("/cni/eniConfigs/{i}");
        vec![
            FieldSpec::new(
                i18n::ENICONFIG_NAME,
                format!("{p}/name"),
                Input::Text(item!(scenario, i, |s| s.cni.eni_configs, name)),
            )
            .placeholder("ap-northeast-2a")
            .into(),
            FieldSpec::new(
                i18n::ENICONFIG_SUBNET,
                format!("{p}/subnet"),
                Input::Text(item!(scenario, i, |s| s.cni.eni_configs, subnet)),
            )
            .into(),
        ]
    };
    let mut v: Vec<Block> = vec![
        FieldSpec::new(
            i18n::PREFIX_DELEGATION,
            "/cni/ENABLE_PREFIX_DELEGATION",
            Input::Check(field!(scenario, |s| s.cni.enable_prefix_delegation)),
        )
        .into(),
        FieldSpec::new(
            i18n::WARM_ENI_TARGET,
            "/cni/WARM_ENI_TARGET",
            Input::OptNumber(field!(scenario, |s| s.cni.warm_eni_target)),
        )
        .into(),
        FieldSpec::new(
            i18n::WARM_IP_TARGET,
            "/cni/WARM_IP_TARGET",
            Input::OptNumber(field!(scenario, |s| s.cni.warm_ip_target)),
        )
        .into(),
        FieldSpec::new(
            i18n::MINIMUM_IP_TARGET,
            "/cni/MINIMUM_IP_TARGET",
            Input::OptNumber(field!(scenario, |s| s.cni.minimum_ip_target)),
        )
        .into(),
        FieldSpec::new(
            i18n::WARM_PREFIX_TARGET,
            "/cni/WARM_PREFIX_TARGET",
            Input::OptNumber(field!(scenario, |s| s.cni.warm_prefix_target)),
        )
        .into(),
        FieldSpec::new(
            i18n::MAX_PODS_OVERRIDE,
            "/cni/maxPodsOverride",
            Input::OptNumber(field!(scenario, |s| s.cni.max_pods_override)),
        )
        .into(),
        FieldSpec::new(
            i18n::CUSTOM_NETWORKING,
            "/cni/AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
            Input::Check(custom),
        )
        .into(),
    ];
    let list = list_of(
        scenario,
        i18n::ENICONFIG,
        |s| &mut s.cni.eni_configs,
        |s| s.cni.eni_configs.len(),
        |s| {
            let name = s
                .vpc
                .subnets
                .get(s.cni.eni_configs.len())
                .map(|x| x.availability_zone.clone())
                .unwrap_or_default();
            s.cni.eni_configs.push(EniConfig {
                name,
                ..EniConfig::default()
            });
        },
        row,
    );
    let list_view = crate::controls::form::blocks_view(vec![list]);
    v.push(Block::View(
        view! { <div class="shown-when" hidden=move || !custom_on.get()>{list_view}</div> }
            .into_any(),
    ));
    v
}
