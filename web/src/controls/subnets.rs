//! Subnets and their default route (internet gateway, NAT gateway, transit
//! gateway or none).

use eksnet::scenario::{DefaultRoute, Scenario, Subnet};
use leptos::prelude::*;

use crate::controls::fields::{lens, Choice};
use crate::controls::form::{list_of, Block, FieldSpec, Input};
use crate::i18n;
use crate::item;

/// A default route as the value of the route `<select>`: `none`, `igw:<id>`,
/// `nat:<id>`, `tgw:<id>`.
pub fn route_value(r: &Option<DefaultRoute>) -> String {
    match r {
        None => "none".into(),
        Some(DefaultRoute::GatewayId(g)) => format!("igw:{g}"),
        Some(DefaultRoute::NatGatewayId(n)) => format!("nat:{n}"),
        Some(DefaultRoute::TransitGatewayId(t)) => format!("tgw:{t}"),
    }
}

/// The inverse of [`route_value`].
pub fn parse_route(v: &str) -> Option<DefaultRoute> {
    let (kind, id) = v.split_once(':')?;
    let id = id.to_string();
    match kind {
        "igw" => Some(DefaultRoute::GatewayId(id)),
        "nat" => Some(DefaultRoute::NatGatewayId(id)),
        "tgw" => Some(DefaultRoute::TransitGatewayId(id)),
        _ => None,
    }
}

/// The routes a subnet can take in this scenario: none, the internet gateway (if
/// attached), each NAT gateway, and whatever the subnet names now (even a broken
/// reference, so it is shown as it is, with its diagnostic).
fn route_choices(s: &Scenario, current: &Option<DefaultRoute>) -> Vec<Choice> {
    let mut v = vec![Choice::tr("none", i18n::ROUTE_NONE)];
    if let Some(g) = &s.vpc.internet_gateway {
        v.push(Choice {
            value: format!("igw:{}", g.internet_gateway_id),
            label: crate::controls::fields::ChoiceLabel::Name(format!(
                "IGW {}",
                g.internet_gateway_id
            )),
        });
    }
    for n in &s.vpc.nat_gateways {
        v.push(Choice {
            value: format!("nat:{}", n.nat_gateway_id),
            label: crate::controls::fields::ChoiceLabel::Name(format!("NAT {}", n.nat_gateway_id)),
        });
    }
    let cur = route_value(current);
    if !v.iter().any(|c| c.value == cur) {
        v.push(Choice::name(cur));
    }
    v
}

/// The subnets section of the form.
pub fn blocks(scenario: RwSignal<Scenario>) -> Vec<Block> {
    let row = move |i: usize| -> Vec<Block> {
        let route = lens(
            scenario,
            move |s| route_value(&s.vpc.subnets.get(i).and_then(|x| x.default_route.clone())),
            move |s, v: String| {
                if let Some(x) = s.vpc.subnets.get_mut(i) {
                    x.default_route = parse_route(&v);
                }
            },
        );
        let choices = Signal::derive(move || {
            scenario.with(|s| {
                let cur = s.vpc.subnets.get(i).and_then(|x| x.default_route.clone());
                route_choices(s, &cur)
            })
        });
        let p = format!("/vpc/subnets/{i}");
        vec![
            FieldSpec::new(
                i18n::SUBNET_ID,
                format!("{p}/subnetId"),
                Input::Text(item!(scenario, i, |s| s.vpc.subnets, subnet_id)),
            )
            .into(),
            FieldSpec::new(
                i18n::AZ,
                format!("{p}/availabilityZone"),
                Input::Text(item!(scenario, i, |s| s.vpc.subnets, availability_zone)),
            )
            .into(),
            FieldSpec::new(
                i18n::CIDR,
                format!("{p}/cidrBlock"),
                Input::Text(item!(scenario, i, |s| s.vpc.subnets, cidr_block)),
            )
            .placeholder("192.168.96.0/19")
            .into(),
            crate::controls::stranded::cidr_consequences(scenario, i),
            FieldSpec::new(
                i18n::DEFAULT_ROUTE,
                format!("{p}/defaultRoute"),
                Input::Select(route, choices),
            )
            .nested()
            .into(),
            FieldSpec::new(
                i18n::MAP_PUBLIC_IP,
                format!("{p}/mapPublicIpOnLaunch"),
                Input::Check(item!(
                    scenario,
                    i,
                    |s| s.vpc.subnets,
                    map_public_ip_on_launch
                )),
            )
            .into(),
            Block::Diagnostics(p),
        ]
    };
    vec![list_of(
        scenario,
        i18n::SUBNET,
        |s| &mut s.vpc.subnets,
        |s| s.vpc.subnets.len(),
        |s| {
            let n = s.vpc.subnets.len() + 1;
            let availability_zone = s
                .vpc
                .subnets
                .last()
                .map(|x| x.availability_zone.clone())
                .unwrap_or_default();
            s.vpc.subnets.push(Subnet {
                subnet_id: format!("subnet-{n}"),
                availability_zone,
                ..Subnet::default()
            });
        },
        row,
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_values_round_trip() {
        for r in [
            None,
            Some(DefaultRoute::GatewayId("igw-1".into())),
            Some(DefaultRoute::NatGatewayId("nat-a".into())),
            Some(DefaultRoute::TransitGatewayId("tgw-1".into())),
        ] {
            assert_eq!(parse_route(&route_value(&r)), r);
        }
    }
}
