//! Node groups: kind, instance type (searchable over every type the core knows),
//! size, subnets and public addresses.

use eksnet::scenario::{NodeGroup, NodeGroupKind, Scenario};
use leptos::prelude::*;

use crate::controls::fields::{lens, Choice, LinesField, NumberField, SelectField, TextField};
use crate::controls::list::RowList;
use crate::i18n;
use crate::item;

/// The id of the `<datalist>` of instance types.
pub const INSTANCE_TYPES_LIST: &str = "instance-types";

/// The node groups section of the form.
#[component]
pub fn NodeGroupFields(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let len = Signal::derive(move || scenario.with(|s| s.node_groups.len()));
    let row = move |i: usize| {
        let (name, set_name) = item!(scenario, i, |s| s.node_groups, nodegroup_name);
        let (itype, set_itype) = item!(scenario, i, |s| s.node_groups, instance_type);
        let (size, set_size) = item!(scenario, i, |s| s.node_groups, desired_size);
        let (subnets, set_subnets) = item!(scenario, i, |s| s.node_groups, subnets);
        let (kind, set_kind) = lens(
            scenario,
            move |s| {
                match s.node_groups.get(i).map(|g| g.kind) {
                    Some(NodeGroupKind::SelfManaged) => "selfManaged",
                    Some(NodeGroupKind::Fargate) => "fargate",
                    _ => "managed",
                }
                .to_string()
            },
            move |s, v: String| {
                if let Some(g) = s.node_groups.get_mut(i) {
                    g.kind = match v.as_str() {
                        "selfManaged" => NodeGroupKind::SelfManaged,
                        "fargate" => NodeGroupKind::Fargate,
                        _ => NodeGroupKind::Managed,
                    };
                }
            },
        );
        let (public, set_public) = lens(
            scenario,
            move |s| {
                match s
                    .node_groups
                    .get(i)
                    .and_then(|g| g.associate_public_ip_address)
                {
                    None => "subnet",
                    Some(true) => "yes",
                    Some(false) => "no",
                }
                .to_string()
            },
            move |s, v: String| {
                if let Some(g) = s.node_groups.get_mut(i) {
                    g.associate_public_ip_address = match v.as_str() {
                        "yes" => Some(true),
                        "no" => Some(false),
                        _ => None,
                    };
                }
            },
        );
        let pinned = Signal::derive(move || {
            scenario.with(|s| s.node_groups.get(i).map_or(0, |g| g.nodes.len()))
        });
        let kinds = Signal::derive(|| {
            vec![
                Choice::tr("managed", i18n::NG_MANAGED),
                Choice::tr("selfManaged", i18n::NG_SELF_MANAGED),
                Choice::tr("fargate", i18n::NG_FARGATE),
            ]
        });
        let publics = Signal::derive(|| {
            vec![
                Choice::tr("subnet", i18n::PUBLIC_IP_SUBNET),
                Choice::tr("yes", i18n::YES),
                Choice::tr("no", i18n::NO),
            ]
        });
        let lang = crate::controls::fields::form().lang;
        let p = format!("/nodeGroups/{i}");
        view! {
            <TextField label=i18n::NG_NAME path=format!("{p}/nodegroupName") value=name on_input=set_name />
            <SelectField label=i18n::NG_KIND path=format!("{p}/kind") choices=kinds value=kind on_change=set_kind />
            <TextField label=i18n::INSTANCE_TYPE path=format!("{p}/instanceType") value=itype on_input=set_itype list=INSTANCE_TYPES_LIST placeholder="m5.large" />
            <NumberField label=i18n::DESIRED_SIZE path=format!("{p}/desiredSize") value=size on_change=set_size stepper=true max=10_000 />
            <LinesField label=i18n::NG_SUBNETS path=format!("{p}/subnets") value=subnets on_input=set_subnets />
            <SelectField label=i18n::NG_PUBLIC_IP path=format!("{p}/associatePublicIpAddress") choices=publics value=public on_change=set_public />
            <Show when=move || { pinned.get() > 0 }>
                <p class="note">
                    {move || i18n::pinned_nodes(lang.get(), pinned.get())}" "
                    <button type="button" class="link" on:click=move |_| scenario.update(|s| {
                        if let Some(g) = s.node_groups.get_mut(i) { g.nodes.clear(); }
                    })>{i18n::tr(lang, i18n::UNPIN)}</button>
                </p>
            </Show>
            <crate::controls::fields::FieldDiagnostics path=p.clone() nested=false />
        }
    };
    let types = crate::core_api::instance_types();
    view! {
        <datalist id=INSTANCE_TYPES_LIST>
            {types.into_iter().map(|t| view! { <option value=t></option> }).collect_view()}
        </datalist>
        <RowList len=len row=row item_name=i18n::NODE_GROUP
            on_add=Callback::new(move |_| scenario.update(|s| {
                let n = s.node_groups.len() + 1;
                let subnets = s.vpc.subnets.iter().map(|x| x.subnet_id.clone()).collect();
                s.node_groups.push(NodeGroup { nodegroup_name: format!("ng-{n}"), subnets, ..NodeGroup::default() });
            }))
            on_remove=Callback::new(move |i: usize| scenario.update(|s| { if i < s.node_groups.len() { s.node_groups.remove(i); } })) />
    }
}
