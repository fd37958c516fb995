//! kubectl clients: where each one is (the internet, a subnet of the VPC, or a
//! connected network) and its address.

use eksnet::scenario::{Client, ClientLocation, Scenario};
use leptos::prelude::*;

use crate::controls::fields::{lens, Choice, SelectField, TextField};
use crate::controls::list::RowList;
use crate::i18n;
use crate::item;

fn kind_of(l: &ClientLocation) -> &'static str {
    match l {
        ClientLocation::Internet { .. } => "internet",
        ClientLocation::Subnet { .. } => "subnet",
        ClientLocation::ConnectedNetwork { .. } => "network",
    }
}

/// The clients section of the form.
#[component]
pub fn ClientFields(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let len = Signal::derive(move || scenario.with(|s| s.clients.len()));
    let row = move |i: usize| {
        let (name, set_name) = item!(scenario, i, |s| s.clients, name);
        let loc = move |s: &Scenario| s.clients.get(i).map(|c| c.location.clone());
        let (kind, set_kind) = lens(
            scenario,
            move |s| {
                loc(s)
                    .map(|l| kind_of(&l))
                    .unwrap_or("internet")
                    .to_string()
            },
            move |s, v: String| {
                let first_subnet = s.vpc.subnets.first().map(|x| x.subnet_id.clone());
                let first_net = s.connected_networks.first().map(|x| x.name.clone());
                if let Some(c) = s.clients.get_mut(i) {
                    if kind_of(&c.location) == v {
                        return;
                    }
                    c.location = match v.as_str() {
                        "subnet" => ClientLocation::Subnet {
                            subnet_id: first_subnet.unwrap_or_default(),
                        },
                        "network" => ClientLocation::ConnectedNetwork {
                            network: first_net.unwrap_or_default(),
                            source_ip: String::new(),
                        },
                        _ => ClientLocation::Internet {
                            source_ip: "203.0.113.10".into(),
                        },
                    };
                }
            },
        );
        let (ip, set_ip) = lens(
            scenario,
            move |s| match loc(s) {
                Some(ClientLocation::Internet { source_ip })
                | Some(ClientLocation::ConnectedNetwork { source_ip, .. }) => source_ip,
                _ => String::new(),
            },
            move |s, v| match s.clients.get_mut(i).map(|c| &mut c.location) {
                Some(ClientLocation::Internet { source_ip })
                | Some(ClientLocation::ConnectedNetwork { source_ip, .. }) => *source_ip = v,
                _ => {}
            },
        );
        let (place, set_place) = lens(
            scenario,
            move |s| match loc(s) {
                Some(ClientLocation::Subnet { subnet_id }) => subnet_id,
                Some(ClientLocation::ConnectedNetwork { network, .. }) => network,
                _ => String::new(),
            },
            move |s, v| match s.clients.get_mut(i).map(|c| &mut c.location) {
                Some(ClientLocation::Subnet { subnet_id }) => *subnet_id = v,
                Some(ClientLocation::ConnectedNetwork { network, .. }) => *network = v,
                _ => {}
            },
        );
        let kinds = Signal::derive(|| {
            vec![
                Choice::tr("internet", i18n::CLIENT_INTERNET),
                Choice::tr("subnet", i18n::CLIENT_SUBNET),
                Choice::tr("network", i18n::CLIENT_NETWORK),
            ]
        });
        let p = format!("/clients/{i}");
        let pl = format!("{p}/location");
        let (ip_path, subnet_path, net_path) = (
            format!("{pl}/sourceIp"),
            format!("{pl}/subnetId"),
            format!("{pl}/network"),
        );
        view! {
            <TextField label=i18n::CLIENT_NAME path=format!("{p}/name") value=name on_input=set_name />
            <SelectField label=i18n::CLIENT_LOCATION path=pl choices=kinds value=kind on_change=set_kind nested=true />
            <Show when=move || kind.get() != "subnet">
                <TextField label=i18n::SOURCE_IP path=ip_path.clone() value=ip on_input=set_ip />
            </Show>
            <Show when=move || kind.get() == "subnet">
                <TextField label=i18n::SUBNET_ID path=subnet_path.clone() value=place on_input=set_place />
            </Show>
            <Show when=move || kind.get() == "network">
                <TextField label=i18n::NETWORK_NAME path=net_path.clone() value=place on_input=set_place />
            </Show>
        }
    };
    view! {
        <RowList len=len row=row item_name=i18n::CLIENT
            on_add=Callback::new(move |_| scenario.update(|s| {
                let n = s.clients.len() + 1;
                s.clients.push(Client { name: format!("client-{n}"), ..Client::default() });
            }))
            on_remove=Callback::new(move |i: usize| scenario.update(|s| { if i < s.clients.len() { s.clients.remove(i); } })) />
    }
}
