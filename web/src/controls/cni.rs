//! Amazon VPC CNI settings, named as its environment variables: prefix
//! delegation, the warm pool targets, custom networking (with one ENIConfig per
//! AZ) and a max-pods override.

use eksnet::scenario::{EniConfig, Scenario};
use leptos::prelude::*;

use crate::controls::fields::{CheckField, OptNumberField, TextField};
use crate::controls::list::RowList;
use crate::i18n;
use crate::{field, item};

/// The CNI section of the form.
#[component]
pub fn CniFields(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let (pd, set_pd) = field!(scenario, |s| s.cni.enable_prefix_delegation);
    let (eni, set_eni) = field!(scenario, |s| s.cni.warm_eni_target);
    let (ip, set_ip) = field!(scenario, |s| s.cni.warm_ip_target);
    let (min, set_min) = field!(scenario, |s| s.cni.minimum_ip_target);
    let (prefix, set_prefix) = field!(scenario, |s| s.cni.warm_prefix_target);
    let (custom, set_custom) = field!(scenario, |s| s.cni.custom_network_cfg);
    let (max_pods, set_max_pods) = field!(scenario, |s| s.cni.max_pods_override);
    let len = Signal::derive(move || scenario.with(|s| s.cni.eni_configs.len()));
    let row = move |i: usize| {
        let (name, set_name) = item!(scenario, i, |s| s.cni.eni_configs, name);
        let (subnet, set_subnet) = item!(scenario, i, |s| s.cni.eni_configs, subnet);
        let p = format!("/cni/eniConfigs/{i}");
        view! {
            <TextField label=i18n::ENICONFIG_NAME path=format!("{p}/name") value=name on_input=set_name placeholder="ap-northeast-2a" />
            <TextField label=i18n::ENICONFIG_SUBNET path=format!("{p}/subnet") value=subnet on_input=set_subnet />
        }
    };
    view! {
        <CheckField label=i18n::PREFIX_DELEGATION path="/cni/ENABLE_PREFIX_DELEGATION" value=pd on_change=set_pd />
        <OptNumberField label=i18n::WARM_ENI_TARGET path="/cni/WARM_ENI_TARGET" value=eni on_change=set_eni />
        <OptNumberField label=i18n::WARM_IP_TARGET path="/cni/WARM_IP_TARGET" value=ip on_change=set_ip />
        <OptNumberField label=i18n::MINIMUM_IP_TARGET path="/cni/MINIMUM_IP_TARGET" value=min on_change=set_min />
        <OptNumberField label=i18n::WARM_PREFIX_TARGET path="/cni/WARM_PREFIX_TARGET" value=prefix on_change=set_prefix />
        <OptNumberField label=i18n::MAX_PODS_OVERRIDE path="/cni/maxPodsOverride" value=max_pods on_change=set_max_pods />
        <CheckField label=i18n::CUSTOM_NETWORKING path="/cni/AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG" value=custom on_change=set_custom />
        <Show when=move || custom.get()>
            <RowList len=len row=row item_name=i18n::ENICONFIG
                on_add=Callback::new(move |_| scenario.update(|s| {
                    let name = s.vpc.subnets.get(s.cni.eni_configs.len()).map(|x| x.availability_zone.clone()).unwrap_or_default();
                    s.cni.eni_configs.push(EniConfig { name, ..EniConfig::default() });
                }))
                on_remove=Callback::new(move |i: usize| scenario.update(|s| { if i < s.cni.eni_configs.len() { s.cni.eni_configs.remove(i); } })) />
        </Show>
    }
}
