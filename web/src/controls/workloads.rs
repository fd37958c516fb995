//! Workloads and their replicas: scaling one re-allocates pod IPs in the model,
//! which the diagrams show at once.

use eksnet::scenario::{Scenario, Workload};
use leptos::prelude::*;

use crate::controls::form::{list_of, Block, FieldSpec, Input};
use crate::i18n;
use crate::item;

/// The workloads section of the form.
pub fn blocks(scenario: RwSignal<Scenario>) -> Vec<Block> {
    let row = move |i: usize| -> Vec<Block> {
        let port = crate::controls::fields::lens(
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
        vec![
            FieldSpec::new(
                i18n::WL_NAME,
                format!("{p}/name"),
                Input::Text(item!(scenario, i, |s| s.workloads, name)),
            )
            .into(),
            FieldSpec::new(
                i18n::NAMESPACE,
                format!("{p}/namespace"),
                Input::Text(item!(scenario, i, |s| s.workloads, namespace)),
            )
            .into(),
            FieldSpec::new(
                i18n::REPLICAS,
                format!("{p}/replicas"),
                Input::Number(
                    item!(scenario, i, |s| s.workloads, replicas),
                    0,
                    100_000,
                    true,
                ),
            )
            .into(),
            FieldSpec::new(
                i18n::CONTAINER_PORT,
                format!("{p}/containerPort"),
                Input::Number(port, 1, 65_535, false),
            )
            .into(),
            FieldSpec::new(
                i18n::HOST_NETWORK,
                format!("{p}/hostNetwork"),
                Input::Check(item!(scenario, i, |s| s.workloads, host_network)),
            )
            .into(),
            FieldSpec::new(
                i18n::READY,
                format!("{p}/ready"),
                Input::Check(item!(scenario, i, |s| s.workloads, ready)),
            )
            .into(),
        ]
    };
    vec![list_of(
        scenario,
        i18n::WORKLOAD,
        |s| &mut s.workloads,
        |s| s.workloads.len(),
        |s| {
            let n = s.workloads.len() + 1;
            s.workloads.push(Workload {
                name: format!("app-{n}"),
                ..Workload::default()
            });
        },
        row,
    )]
}
