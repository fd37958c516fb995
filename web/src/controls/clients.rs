//! kubectl clients: where each one is (the internet, a subnet of the VPC, or a
//! connected network) and its address.

use eksnet::scenario::{Client, ClientLocation, Scenario};
use leptos::prelude::*;

use crate::controls::fields::{lens, Choice};
use crate::controls::form::{list_of, Block, FieldSpec, Input};
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
pub fn blocks(scenario: RwSignal<Scenario>) -> Vec<Block> {
    let row = move |i: usize| -> Vec<Block> {
        let loc = move |s: &Scenario| s.clients.get(i).map(|c| c.location.clone());
        let kind = lens(
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
        let ip = lens(
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
        let place = lens(
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
        let k = kind.0;
        let p = format!("/clients/{i}");
        let pl = format!("{p}/location");
        vec![
            FieldSpec::new(
                i18n::CLIENT_NAME,
                format!("{p}/name"),
                Input::Text(item!(scenario, i, |s| s.clients, name)),
            )
            .into(),
            FieldSpec::new(
                i18n::CLIENT_LOCATION,
                pl.clone(),
                Input::Select(kind, kinds),
            )
            .nested()
            .into(),
            FieldSpec::new(i18n::SOURCE_IP, format!("{pl}/sourceIp"), Input::Text(ip))
                .shown_when(Signal::derive(move || k.get() != "subnet"))
                .into(),
            FieldSpec::new(
                i18n::SUBNET_ID,
                format!("{pl}/subnetId"),
                Input::Text(place),
            )
            .shown_when(Signal::derive(move || k.get() == "subnet"))
            .into(),
            FieldSpec::new(
                i18n::NETWORK_NAME,
                format!("{pl}/network"),
                Input::Text(place),
            )
            .shown_when(Signal::derive(move || k.get() == "network"))
            .into(),
        ]
    };
    vec![list_of(
        scenario,
        i18n::CLIENT,
        |s| &mut s.clients,
        |s| s.clients.len(),
        |s| {
            let n = s.clients.len() + 1;
            s.clients.push(Client {
                name: format!("client-{n}"),
                ..Client::default()
            });
        },
        row,
    )]
}
