//! Workloads and their replicas: scaling one re-allocates pod IPs in the model,
//! which the diagrams show at once.

use eksnet::scenario::{Scenario, Workload};
use leptos::prelude::*;

use crate::controls::fields::{CheckField, NumberField, TextField};
use crate::controls::list::RowList;
use crate::i18n;
use crate::item;

/// The workloads section of the form.
#[component]
pub fn WorkloadFields(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let len = Signal::derive(move || scenario.with(|s| s.workloads.len()));
    let row = move |i: usize| {
        let (name, set_name) = item!(scenario, i, |s| s.workloads, name);
        let (ns, set_ns) = item!(scenario, i, |s| s.workloads, namespace);
        let (replicas, set_replicas) = item!(scenario, i, |s| s.workloads, replicas);
        let (host, set_host) = item!(scenario, i, |s| s.workloads, host_network);
        let (ready, set_ready) = item!(scenario, i, |s| s.workloads, ready);
        let (port, set_port) = crate::controls::fields::lens(
            scenario,
            move |s| {
                s.workloads
                    .get(i)
                    .map_or(0, |w| u32::from(w.container_port))
            },
            move |s, v: u32| {
                if let Some(w) = s.workloads.get_mut(i) {
                    w.container_port = u16::try_from(v).unwrap_or(u16::MAX);
                }
            },
        );
        let p = format!("/workloads/{i}");
        view! {
            <TextField label=i18n::WL_NAME path=format!("{p}/name") value=name on_input=set_name />
            <TextField label=i18n::NAMESPACE path=format!("{p}/namespace") value=ns on_input=set_ns />
            <NumberField label=i18n::REPLICAS path=format!("{p}/replicas") value=replicas on_change=set_replicas stepper=true max=100_000 />
            <NumberField label=i18n::CONTAINER_PORT path=format!("{p}/containerPort") value=port on_change=set_port min=1 max=65_535 />
            <CheckField label=i18n::HOST_NETWORK path=format!("{p}/hostNetwork") value=host on_change=set_host />
            <CheckField label=i18n::READY path=format!("{p}/ready") value=ready on_change=set_ready />
        }
    };
    view! {
        <RowList len=len row=row item_name=i18n::WORKLOAD
            on_add=Callback::new(move |_| scenario.update(|s| {
                let n = s.workloads.len() + 1;
                s.workloads.push(Workload { name: format!("app-{n}"), ..Workload::default() });
            }))
            on_remove=Callback::new(move |i: usize| scenario.update(|s| { if i < s.workloads.len() { s.workloads.remove(i); } })) />
    }
}
