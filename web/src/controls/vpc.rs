//! The VPC: its CIDR blocks, DNS settings, internet gateway, NAT gateways and VPC
//! endpoints.

use eksnet::scenario::{
    DefaultRoute, InternetGateway, NatGateway, Scenario, VpcEndpoint, VpcEndpointType,
};
use leptos::prelude::*;

use crate::controls::fields::{lens, CheckField, Choice, LinesField, SelectField, TextField};
use crate::controls::list::RowList;
use crate::i18n;
use crate::{field, item};

/// The VPC section of the form.
#[component]
pub fn VpcFields(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let (cidrs, set_cidrs) = field!(scenario, |s| s.vpc.cidr_blocks);
    let (dns, set_dns) = field!(scenario, |s| s.vpc.enable_dns_support);
    let (host, set_host) = field!(scenario, |s| s.vpc.enable_dns_hostnames);
    let (igw, set_igw) = lens(
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
    let (igw_id, set_igw_id) = lens(
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
    let lang = crate::controls::fields::form().lang;
    let nat_len = Signal::derive(move || scenario.with(|s| s.vpc.nat_gateways.len()));
    let vpce_len = Signal::derive(move || scenario.with(|s| s.vpc.vpc_endpoints.len()));
    let subnet_choices = Signal::derive(move || {
        scenario.with(|s| {
            s.vpc
                .subnets
                .iter()
                .map(|x| Choice::name(x.subnet_id.clone()))
                .collect::<Vec<_>>()
        })
    });
    let nat_row = move |i: usize| {
        let (id, set_id) = item!(scenario, i, |s| s.vpc.nat_gateways, nat_gateway_id);
        let (sub, set_sub) = item!(scenario, i, |s| s.vpc.nat_gateways, subnet_id);
        let (ip, set_ip) = item!(scenario, i, |s| s.vpc.nat_gateways, public_ip);
        let p = format!("/vpc/natGateways/{i}");
        view! {
            <TextField label=i18n::NAT_ID path=format!("{p}/natGatewayId") value=id on_input=set_id />
            <SelectField label=i18n::NAT_SUBNET path=format!("{p}/subnetId") choices=subnet_choices value=sub on_change=set_sub />
            <TextField label=i18n::ELASTIC_IP path=format!("{p}/publicIp") value=ip on_input=set_ip placeholder="3.39.0.10" />
        }
    };
    let vpce_row = move |i: usize| {
        let (svc, set_svc) = item!(scenario, i, |s| s.vpc.vpc_endpoints, service_name);
        let (kind, set_kind) = lens(
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
        let (pdns, set_pdns) = item!(scenario, i, |s| s.vpc.vpc_endpoints, private_dns_enabled);
        let p = format!("/vpc/vpcEndpoints/{i}");
        let kinds = Signal::derive(|| {
            vec![
                Choice::tr("Interface", i18n::VPCE_INTERFACE),
                Choice::tr("Gateway", i18n::VPCE_GATEWAY),
            ]
        });
        view! {
            <TextField label=i18n::VPCE_SERVICE path=format!("{p}/serviceName") value=svc on_input=set_svc list="vpce-services" placeholder="ecr.api" />
            <SelectField label=i18n::VPCE_TYPE path=format!("{p}/vpcEndpointType") choices=kinds value=kind on_change=set_kind />
            <CheckField label=i18n::VPCE_PRIVATE_DNS path=format!("{p}/privateDnsEnabled") value=pdns on_change=set_pdns />
        }
    };
    view! {
        <LinesField label=i18n::VPC_CIDRS path="/vpc/cidrBlocks" value=cidrs on_input=set_cidrs />
        <CheckField label=i18n::DNS_SUPPORT path="/vpc/enableDnsSupport" value=dns on_change=set_dns />
        <CheckField label=i18n::DNS_HOSTNAMES path="/vpc/enableDnsHostnames" value=host on_change=set_host />
        <CheckField label=i18n::IGW_ATTACHED path="/vpc/internetGateway" value=igw on_change=set_igw />
        <Show when=move || igw.get()>
            <TextField label=i18n::IGW_ID path="/vpc/internetGateway/internetGatewayId" value=igw_id on_input=set_igw_id />
        </Show>
        <h4>{i18n::tr(lang, i18n::NAT_GATEWAYS)}</h4>
        <RowList len=nat_len row=nat_row item_name=i18n::NAT_GATEWAY
            on_add=Callback::new(move |_| scenario.update(|s| {
                let n = s.vpc.nat_gateways.len() + 1;
                let subnet_id = s.vpc.subnets.iter().find(|x| matches!(x.default_route, Some(DefaultRoute::GatewayId(_))))
                    .or(s.vpc.subnets.first()).map(|x| x.subnet_id.clone()).unwrap_or_default();
                s.vpc.nat_gateways.push(NatGateway { nat_gateway_id: format!("nat-{n}"), subnet_id, public_ip: String::new() });
            }))
            on_remove=Callback::new(move |i: usize| scenario.update(|s| { if i < s.vpc.nat_gateways.len() { s.vpc.nat_gateways.remove(i); } })) />
        <h4>{i18n::tr(lang, i18n::VPC_ENDPOINTS)}</h4>
        <datalist id="vpce-services">
            {["ecr.api", "ecr.dkr", "s3", "sts", "ec2", "logs", "eks", "elasticloadbalancing"].map(|s| view! { <option value=s></option> }).collect_view()}
        </datalist>
        <RowList len=vpce_len row=vpce_row item_name=i18n::VPC_ENDPOINT
            on_add=Callback::new(move |_| scenario.update(|s| s.vpc.vpc_endpoints.push(VpcEndpoint { private_dns_enabled: true, ..VpcEndpoint::default() })))
            on_remove=Callback::new(move |i: usize| scenario.update(|s| { if i < s.vpc.vpc_endpoints.len() { s.vpc.vpc_endpoints.remove(i); } })) />
    }
}
