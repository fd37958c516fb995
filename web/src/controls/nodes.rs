//! Node groups: kind, instance type (searchable over every type the core knows),
//! size, subnets and public addresses.

use eksnet::scenario::{NodeGroup, NodeGroupKind, Scenario};
use leptos::prelude::*;

use crate::controls::fields::{lens, Choice};
use crate::controls::form::{list_of, Block, FieldSpec, Input};
use crate::i18n;
use crate::item;

/// The id of the `<datalist>` of instance types.
pub const INSTANCE_TYPES_LIST: &str = "instance-types";

/// The node groups section of the form.
pub fn blocks(scenario: RwSignal<Scenario>) -> Vec<Block> {
    let lang = crate::controls::fields::form().lang;
    let row = move |i: usize| -> Vec<Block> {
        let kind = lens(
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
        let public = lens(
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
        let unpin = move |_| {
            scenario.update(|s| {
                if let Some(g) = s.node_groups.get_mut(i) {
                    g.nodes.clear();
                }
            })
        };
        let p = format!("/nodeGroups/{i}");
        vec![
            FieldSpec::new(
                i18n::NG_NAME,
                format!("{p}/nodegroupName"),
                Input::Text(item!(scenario, i, |s| s.node_groups, nodegroup_name)),
            )
            .into(),
            FieldSpec::new(i18n::NG_KIND, format!("{p}/kind"), Input::Select(kind, kinds)).into(),
            FieldSpec::new(
                i18n::INSTANCE_TYPE,
                format!("{p}/instanceType"),
                Input::Text(item!(scenario, i, |s| s.node_groups, instance_type)),
            )
            .list(INSTANCE_TYPES_LIST)
            .placeholder("m5.large")
            .into(),
            FieldSpec::new(
                i18n::DESIRED_SIZE,
                format!("{p}/desiredSize"),
                Input::Number(item!(scenario, i, |s| s.node_groups, desired_size), 0, 10_000, true),
            )
            .into(),
            FieldSpec::new(
                i18n::NG_SUBNETS,
                format!("{p}/subnets"),
                Input::Lines(item!(scenario, i, |s| s.node_groups, subnets)),
            )
            .into(),
            FieldSpec::new(
                i18n::NG_PUBLIC_IP,
                format!("{p}/associatePublicIpAddress"),
                Input::Select(public, publics),
            )
            .into(),
            Block::View(
                view! {
                    <p class="note" hidden=move || pinned.get() == 0>
                        {move || i18n::pinned_nodes(lang.get(), pinned.get())}" "
                        <button type="button" class="link" on:click=unpin>{i18n::tr(lang, i18n::UNPIN)}</button>
                    </p>
                }
                .into_any(),
            ),
            Block::Diagnostics(p),
        ]
    };
    vec![
        Block::Datalist(INSTANCE_TYPES_LIST, crate::core_api::instance_types()),
        list_of(
            scenario,
            i18n::NODE_GROUP,
            |s| &mut s.node_groups,
            |s| s.node_groups.len(),
            |s| {
                let n = s.node_groups.len() + 1;
                let subnets = s.vpc.subnets.iter().map(|x| x.subnet_id.clone()).collect();
                s.node_groups.push(NodeGroup {
                    nodegroup_name: format!("ng-{n}"),
                    subnets,
                    ..NodeGroup::default()
                });
            },
            row,
        ),
    ]
}
