//! Services (type, traffic policy, selector, annotations, port) and Ingresses
//! (class, annotations, the backend of their first rule).

use eksnet::scenario::{
    Ingress, IngressRule, Scenario, Service, ServicePort, ServiceType, TrafficPolicy,
};
use leptos::prelude::*;

use crate::controls::fields::{lens, Choice, NumberField, PairsField, SelectField, TextField};
use crate::controls::list::RowList;
use crate::i18n;
use crate::item;

/// The Services and Ingresses section of the form.
#[component]
pub fn ServiceFields(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
) -> impl IntoView {
    let lang = crate::controls::fields::form().lang;
    let svc_len = Signal::derive(move || scenario.with(|s| s.services.len()));
    let ing_len = Signal::derive(move || scenario.with(|s| s.ingresses.len()));
    let svc_row = move |i: usize| {
        let (name, set_name) = item!(scenario, i, |s| s.services, name);
        let (ns, set_ns) = item!(scenario, i, |s| s.services, namespace);
        let (sel, set_sel) = item!(scenario, i, |s| s.services, selector);
        let (ann, set_ann) = item!(scenario, i, |s| s.services, annotations);
        let (ty, set_ty) = lens(
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
        let (etp, set_etp) = lens(
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
        let (port, set_port) = lens(
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
        view! {
            <TextField label=i18n::SVC_NAME path=format!("{p}/name") value=name on_input=set_name />
            <TextField label=i18n::NAMESPACE path=format!("{p}/namespace") value=ns on_input=set_ns />
            <SelectField label=i18n::SVC_TYPE path=format!("{p}/type") choices=types value=ty on_change=set_ty />
            <SelectField label=i18n::TRAFFIC_POLICY path=format!("{p}/externalTrafficPolicy") choices=policies value=etp on_change=set_etp />
            <NumberField label=i18n::SVC_PORT path=format!("{p}/ports/0/port") value=port on_change=set_port min=1 max=65_535 />
            <PairsField label=i18n::SELECTOR path=format!("{p}/selector") value=sel on_input=set_sel placeholder="app: my-nginx" />
            <PairsField label=i18n::ANNOTATIONS path=format!("{p}/annotations") value=ann on_input=set_ann
                placeholder="service.beta.kubernetes.io/aws-load-balancer-type: external" />
        }
    };
    let ing_row = move |i: usize| {
        let (name, set_name) = item!(scenario, i, |s| s.ingresses, name);
        let (ns, set_ns) = item!(scenario, i, |s| s.ingresses, namespace);
        let (ann, set_ann) = item!(scenario, i, |s| s.ingresses, annotations);
        let (class, set_class) = lens(
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
        let (backend, set_backend) = lens(
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
        view! {
            <TextField label=i18n::ING_NAME path=format!("{p}/name") value=name on_input=set_name />
            <TextField label=i18n::NAMESPACE path=format!("{p}/namespace") value=ns on_input=set_ns />
            <TextField label=i18n::ING_CLASS path=format!("{p}/ingressClassName") value=class on_input=set_class placeholder="alb" />
            <TextField label=i18n::ING_BACKEND path=format!("{p}/rules/0/serviceName") value=backend on_input=set_backend />
            <PairsField label=i18n::ANNOTATIONS path=format!("{p}/annotations") value=ann on_input=set_ann
                placeholder="alb.ingress.kubernetes.io/target-type: ip" />
        }
    };
    view! {
        <h4>{i18n::tr(lang, i18n::SERVICES)}</h4>
        <RowList len=svc_len row=svc_row item_name=i18n::SERVICE
            on_add=Callback::new(move |_| scenario.update(|s| {
                let n = s.services.len() + 1;
                s.services.push(Service { name: format!("svc-{n}"), namespace: "default".into(), ..Service::default() });
            }))
            on_remove=Callback::new(move |i: usize| scenario.update(|s| { if i < s.services.len() { s.services.remove(i); } })) />
        <h4>{i18n::tr(lang, i18n::INGRESSES)}</h4>
        <RowList len=ing_len row=ing_row item_name=i18n::INGRESS
            on_add=Callback::new(move |_| scenario.update(|s| {
                let n = s.ingresses.len() + 1;
                s.ingresses.push(Ingress { name: format!("ing-{n}"), namespace: "default".into(), ingress_class_name: Some("alb".into()), ..Ingress::default() });
            }))
            on_remove=Callback::new(move |i: usize| scenario.update(|s| { if i < s.ingresses.len() { s.ingresses.remove(i); } })) />
    }
}
