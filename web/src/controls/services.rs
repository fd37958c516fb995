//! Services (type, traffic policy, selector, annotations, port) and Ingresses
//! (class, annotations, the backend of their first rule).

use eksnet::scenario::{
    Ingress, IngressRule, Scenario, Service, ServicePort, ServiceType, TrafficPolicy,
};
use leptos::prelude::*;

use crate::controls::fields::{lens, Choice};
use crate::controls::form::{list_of, Block, FieldSpec, Input};
use crate::i18n;
use crate::item;

/// The load balancer's DNS name as AWS gave it (`status`); empty: derived.
const LB_HOSTNAME: i18n::Tr = i18n::Tr {
    en: "loadBalancerHostname (status, as AWS gave it; empty: derived)",
    ko: "loadBalancerHostname (AWS가 준 status 값, 비우면 자동 생성)",
};

/// The Services and Ingresses section of the form.
pub fn blocks(scenario: RwSignal<Scenario>) -> Vec<Block> {
    let svc_row = move |i: usize| -> Vec<Block> {
        let ty = lens(
            scenario,
            move |s| {
                match s.services.get(i).map(|x| x.service_type) {
                    Some(ServiceType::NodePort) => "NodePort",
                    Some(ServiceType::LoadBalancer) => "LoadBalancer",
                    _ => "ClusterIP",
                }
                .to_string()
            },
            move |s, v: String| {
                if let Some(x) = s.services.get_mut(i) {
                    x.service_type = match v.as_str() {
                        "NodePort" => ServiceType::NodePort,
                        "LoadBalancer" => ServiceType::LoadBalancer,
                        _ => ServiceType::ClusterIP,
                    };
                }
            },
        );
        let etp = lens(
            scenario,
            move |s| {
                match s.services.get(i).map(|x| x.external_traffic_policy) {
                    Some(TrafficPolicy::Local) => "Local",
                    _ => "Cluster",
                }
                .to_string()
            },
            move |s, v: String| {
                if let Some(x) = s.services.get_mut(i) {
                    x.external_traffic_policy = if v == "Local" {
                        TrafficPolicy::Local
                    } else {
                        TrafficPolicy::Cluster
                    };
                }
            },
        );
        let port = lens(
            scenario,
            move |s| {
                s.services
                    .get(i)
                    .and_then(|x| x.ports.first())
                    .map_or(0, |p| u32::from(p.port))
            },
            move |s, v: u32| {
                if let Some(x) = s.services.get_mut(i) {
                    let port = u16::try_from(v).unwrap_or(u16::MAX);
                    match x.ports.first_mut() {
                        Some(p) => p.port = port,
                        None => x.ports.push(ServicePort {
                            protocol: "TCP".into(),
                            port,
                            ..ServicePort::default()
                        }),
                    }
                }
            },
        );
        let types = Signal::derive(|| {
            vec![
                Choice::name("ClusterIP"),
                Choice::name("NodePort"),
                Choice::name("LoadBalancer"),
            ]
        });
        let policies = Signal::derive(|| vec![Choice::name("Cluster"), Choice::name("Local")]);
        let p = format!("/services/{i}");
        vec![
            FieldSpec::new(
                i18n::SVC_NAME,
                format!("{p}/name"),
                Input::Text(item!(scenario, i, |s| s.services, name)),
            )
            .into(),
            FieldSpec::new(
                i18n::NAMESPACE,
                format!("{p}/namespace"),
                Input::Text(item!(scenario, i, |s| s.services, namespace)),
            )
            .into(),
            FieldSpec::new(
                i18n::SVC_TYPE,
                format!("{p}/type"),
                Input::Select(ty, types),
            )
            .into(),
            FieldSpec::new(
                i18n::TRAFFIC_POLICY,
                format!("{p}/externalTrafficPolicy"),
                Input::Select(etp, policies),
            )
            .into(),
            FieldSpec::new(
                i18n::SVC_PORT,
                format!("{p}/ports/0/port"),
                Input::Number(port, 1, 65_535, false),
            )
            .into(),
            FieldSpec::new(
                i18n::SELECTOR,
                format!("{p}/selector"),
                Input::Pairs(item!(scenario, i, |s| s.services, selector)),
            )
            .placeholder("app: my-nginx")
            .into(),
            FieldSpec::new(
                i18n::ANNOTATIONS,
                format!("{p}/annotations"),
                Input::Pairs(item!(scenario, i, |s| s.services, annotations)),
            )
            .into(),
            FieldSpec::new(
                LB_HOSTNAME,
                format!("{p}/loadBalancerHostname"),
                Input::Text(lens(
                    scenario,
                    move |s| {
                        s.services
                            .get(i)
                            .and_then(|x| x.load_balancer_hostname.clone())
                            .unwrap_or_default()
                    },
                    move |s, v: String| {
                        if let Some(x) = s.services.get_mut(i) {
                            x.load_balancer_hostname = (!v.trim().is_empty()).then_some(v);
                        }
                    },
                )),
            )
            .placeholder("service.beta.kubernetes.io/aws-load-balancer-type: external")
            .into(),
        ]
    };
    let ing_row = move |i: usize| -> Vec<Block> {
        let class = lens(
            scenario,
            move |s| {
                s.ingresses
                    .get(i)
                    .and_then(|x| x.ingress_class_name.clone())
                    .unwrap_or_default()
            },
            move |s, v: String| {
                if let Some(x) = s.ingresses.get_mut(i) {
                    x.ingress_class_name = (!v.trim().is_empty()).then_some(v);
                }
            },
        );
        let backend = lens(
            scenario,
            move |s| {
                s.ingresses
                    .get(i)
                    .and_then(|x| x.rules.first())
                    .map(|r| r.service_name.clone())
                    .unwrap_or_default()
            },
            move |s, v: String| {
                let port = s
                    .services
                    .iter()
                    .find(|x| x.name == v)
                    .and_then(|x| x.ports.first())
                    .map_or(80, |p| p.port);
                if let Some(x) = s.ingresses.get_mut(i) {
                    match x.rules.first_mut() {
                        Some(r) => r.service_name = v,
                        None => x.rules.push(IngressRule {
                            path: "/".into(),
                            service_name: v,
                            service_port: port,
                            ..IngressRule::default()
                        }),
                    }
                }
            },
        );
        let p = format!("/ingresses/{i}");
        vec![
            FieldSpec::new(
                i18n::ING_NAME,
                format!("{p}/name"),
                Input::Text(item!(scenario, i, |s| s.ingresses, name)),
            )
            .into(),
            FieldSpec::new(
                i18n::NAMESPACE,
                format!("{p}/namespace"),
                Input::Text(item!(scenario, i, |s| s.ingresses, namespace)),
            )
            .into(),
            FieldSpec::new(
                i18n::ING_CLASS,
                format!("{p}/ingressClassName"),
                Input::Text(class),
            )
            .into(),
            FieldSpec::new(
                LB_HOSTNAME,
                format!("{p}/loadBalancerHostname"),
                Input::Text(lens(
                    scenario,
                    move |s| {
                        s.ingresses
                            .get(i)
                            .and_then(|x| x.load_balancer_hostname.clone())
                            .unwrap_or_default()
                    },
                    move |s, v: String| {
                        if let Some(x) = s.ingresses.get_mut(i) {
                            x.load_balancer_hostname = (!v.trim().is_empty()).then_some(v);
                        }
                    },
                )),
            )
            .placeholder("alb")
            .into(),
            FieldSpec::new(
                i18n::ING_BACKEND,
                format!("{p}/rules/0/serviceName"),
                Input::Text(backend),
            )
            .into(),
            FieldSpec::new(
                i18n::ANNOTATIONS,
                format!("{p}/annotations"),
                Input::Pairs(item!(scenario, i, |s| s.ingresses, annotations)),
            )
            .placeholder("alb.ingress.kubernetes.io/target-type: ip")
            .into(),
        ]
    };
    vec![
        Block::Heading(i18n::SERVICES),
        list_of(
            scenario,
            i18n::SERVICE,
            |s| &mut s.services,
            |s| s.services.len(),
            |s| {
                let n = s.services.len() + 1;
                s.services.push(Service {
                    name: format!("svc-{n}"),
                    namespace: eksnet::model::names::DEFAULT_NAMESPACE.into(),
                    ..Service::default()
                });
            },
            svc_row,
        ),
        Block::Heading(i18n::INGRESSES),
        list_of(
            scenario,
            i18n::INGRESS,
            |s| &mut s.ingresses,
            |s| s.ingresses.len(),
            |s| {
                let n = s.ingresses.len() + 1;
                s.ingresses.push(Ingress {
                    name: format!("ing-{n}"),
                    namespace: eksnet::model::names::DEFAULT_NAMESPACE.into(),
                    ingress_class_name: Some("alb".into()),
                    ..Ingress::default()
                });
            },
            ing_row,
        ),
    ]
}
