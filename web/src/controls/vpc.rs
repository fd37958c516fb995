//! The VPC: its CIDR blocks, DNS settings, internet gateway, NAT gateways and VPC
//! endpoints.

use eksnet::scenario::{
    DefaultRoute, InternetGateway, NatGateway, Scenario, VpcEndpoint, VpcEndpointType,
};
use leptos::prelude::*;

use crate::controls::fields::{lens, Choice};
use crate::controls::form::{list_of, Block, FieldSpec, Input};
use crate::i18n;
use crate::{field, item};

/// The service names offered for VPC endpoints (suggestions; any name may be typed).
const ENDPOINT_SERVICES: [&str; 8] = [
    "ecr.api",
    "ecr.dkr",
    "s3",
    "sts",
    "ec2",
    "logs",
    "eks",
    "elasticloadbalancing",
];

/// The VPC section of the form.
pub fn blocks(scenario: RwSignal<Scenario>) -> Vec<Block> {
    let igw = lens(
        scenario,
        |s| s.vpc.internet_gateway.is_some(),
        |s, on| {
            s.vpc.internet_gateway = on.then(|| InternetGateway {
                // Re-attach under the id the route tables name, so they work again.
                internet_gateway_id: s
                    .vpc
                    .subnets
                    .iter()
                    .find_map(|sn| match &sn.default_route {
                        Some(DefaultRoute::GatewayId(g)) => Some(g.clone()),
                        _ => None,
                    })
                    .unwrap_or_else(|| "igw-1".into()),
            })
        },
    );
    let igw_on = igw.0;
    let igw_id = lens(
        scenario,
        |s| {
            s.vpc
                .internet_gateway
                .as_ref()
                .map(|g| g.internet_gateway_id.clone())
                .unwrap_or_default()
        },
        |s, v| {
            if let Some(g) = s.vpc.internet_gateway.as_mut() {
                g.internet_gateway_id = v;
            }
        },
    );
    let subnet_choices = Signal::derive(move || {
        scenario.with(|s| {
            s.vpc
                .subnets
                .iter()
                .map(|x| Choice::name(x.subnet_id.clone()))
                .collect::<Vec<_>>()
        })
    });
    let nat_row = move |i: usize| -> Vec<Block> {
        let p = format!("/vpc/natGateways/{i}");
        vec![
            FieldSpec::new(
                i18n::NAT_ID,
                format!("{p}/natGatewayId"),
                Input::Text(item!(scenario, i, |s| s.vpc.nat_gateways, nat_gateway_id)),
            )
            .into(),
            FieldSpec::new(
                i18n::NAT_SUBNET,
                format!("{p}/subnetId"),
                Input::Select(
                    item!(scenario, i, |s| s.vpc.nat_gateways, subnet_id),
                    subnet_choices,
                ),
            )
            .into(),
            FieldSpec::new(
                i18n::ELASTIC_IP,
                format!("{p}/publicIp"),
                Input::Text(item!(scenario, i, |s| s.vpc.nat_gateways, public_ip)),
            )
            .placeholder("3.39.0.10")
            .into(),
        ]
    };
    let vpce_row = move |i: usize| -> Vec<Block> {
        let kind = lens(
            scenario,
            move |s| {
                match s.vpc.vpc_endpoints.get(i).map(|e| e.vpc_endpoint_type) {
                    Some(VpcEndpointType::Gateway) => "Gateway",
                    _ => "Interface",
                }
                .to_string()
            },
            move |s, v: String| {
                if let Some(e) = s.vpc.vpc_endpoints.get_mut(i) {
                    e.vpc_endpoint_type = if v == "Gateway" {
                        VpcEndpointType::Gateway
                    } else {
                        VpcEndpointType::Interface
                    };
                }
            },
        );
        let kinds = Signal::derive(|| {
            vec![
                Choice::tr("Interface", i18n::VPCE_INTERFACE),
                Choice::tr("Gateway", i18n::VPCE_GATEWAY),
            ]
        });
        let p = format!("/vpc/vpcEndpoints/{i}");
        vec![
            FieldSpec::new(
                i18n::VPCE_SERVICE,
                format!("{p}/serviceName"),
                Input::Text(item!(scenario, i, |s| s.vpc.vpc_endpoints, service_name)),
            )
            .list("vpce-services")
            .placeholder("ecr.api")
            .into(),
            FieldSpec::new(
                i18n::VPCE_TYPE,
                format!("{p}/vpcEndpointType"),
                Input::Select(kind, kinds),
            )
            .into(),
            FieldSpec::new(
                i18n::VPCE_PRIVATE_DNS,
                format!("{p}/privateDnsEnabled"),
                Input::Check(item!(
                    scenario,
                    i,
                    |s| s.vpc.vpc_endpoints,
                    private_dns_enabled
                )),
            )
            .into(),
        ]
    };
    vec![
        FieldSpec::new(
            i18n::VPC_CIDRS,
            "/vpc/cidrBlocks",
            Input::Lines(field!(scenario, |s| s.vpc.cidr_blocks)),
        )
        .into(),
        FieldSpec::new(
            i18n::DNS_SUPPORT,
            "/vpc/enableDnsSupport",
            Input::Check(field!(scenario, |s| s.vpc.enable_dns_support)),
        )
        .into(),
        FieldSpec::new(
            i18n::DNS_HOSTNAMES,
            "/vpc/enableDnsHostnames",
            Input::Check(field!(scenario, |s| s.vpc.enable_dns_hostnames)),
        )
        .into(),
        FieldSpec::new(
            i18n::IGW_ATTACHED,
            "/vpc/internetGateway",
            Input::Check(igw),
        )
        .into(),
        FieldSpec::new(
            i18n::IGW_ID,
            "/vpc/internetGateway/internetGatewayId",
            Input::Text(igw_id),
        )
        .shown_when(igw_on)
        .into(),
        Block::Heading(i18n::NAT_GATEWAYS),
        list_of(
            scenario,
            i18n::NAT_GATEWAY,
            |s| &mut s.vpc.nat_gateways,
            |s| s.vpc.nat_gateways.len(),
            |s| {
                let n = s.vpc.nat_gateways.len() + 1;
                let subnet_id = s
                    .vpc
                    .subnets
                    .iter()
                    .find(|x| matches!(x.default_route, Some(DefaultRoute::GatewayId(_))))
                    .or(s.vpc.subnets.first())
                    .map(|x| x.subnet_id.clone())
                    .unwrap_or_default();
                s.vpc.nat_gateways.push(NatGateway {
                    nat_gateway_id: format!("nat-{n}"),
                    subnet_id,
                    public_ip: String::new(),
                });
            },
            nat_row,
        ),
        Block::Heading(i18n::VPC_ENDPOINTS),
        Block::Datalist("vpce-services", ENDPOINT_SERVICES.to_vec()),
        list_of(
            scenario,
            i18n::VPC_ENDPOINT,
            |s| &mut s.vpc.vpc_endpoints,
            |s| s.vpc.vpc_endpoints.len(),
            |s| {
                s.vpc.vpc_endpoints.push(VpcEndpoint {
                    private_dns_enabled: true,
                    ..VpcEndpoint::default()
                })
            },
            vpce_row,
        ),
    ]
}
