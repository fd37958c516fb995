//! Services (type, load balancer by choice, traffic policy, selector,
//! annotations, port) and Ingresses (class, annotations, the backend of their
//! first rule). The load balancer, its target type and scheme are choices that
//! write the annotations the core reads (see [`super::lb_choice`] and the core's
//! `eksnet::lb::choice`); the raw annotations stay editable below them.

use eksnet::lb::choice;
use eksnet::scenario::{
    Ingress, IngressRule, Scenario, Service, ServicePort, ServiceType, TrafficPolicy,
};
use eksnet::Severity;
use leptos::prelude::*;

use crate::controls::fields::{form, lens, severity_icon, Choice};
use crate::controls::form::{list_of, Block, FieldSpec, Input, Lens};
use crate::controls::lb_choice;
use crate::i18n::{self, Tr};
use crate::item;

/// The load balancer's DNS name as AWS gave it (`status`); empty: derived.
const LB_HOSTNAME: Tr = Tr {
    en: "loadBalancerHostname (status, as AWS gave it; empty: derived)",
    ko: "loadBalancerHostname (AWS가 준 status 값, 비우면 자동 생성)",
};
const ANNOTATIONS_RAW: Tr = Tr {
    en: "Annotations, advanced (key: value per line; the choices above write them)",
    ko: "어노테이션, 고급 (한 줄에 key: value. 위의 선택이 이것을 쓴다)",
};
const POLICY_MOOT: Tr = Tr {
    en: "externalTrafficPolicy has no effect here: with IP targets the load balancer sends straight to the pod IPs, never through a node's NodePort where kube-proxy applies the policy (AWS Load Balancer Controller, Network Load Balancer, IP mode).",
    ko: "여기서 externalTrafficPolicy는 효과가 없다: IP 대상이면 로드 밸런서가 Pod IP로 바로 보내고, kube-proxy가 정책을 적용하는 노드의 NodePort를 거치지 않는다 (AWS Load Balancer Controller, Network Load Balancer, IP 모드).",
};
const POLICY_DOC: &str =
    "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/nlb/";

/// An optional string of item `i` edited as text (empty: unset).
fn opt_text<T: 'static>(
    scenario: RwSignal<Scenario>,
    i: usize,
    list: fn(&Scenario) -> &Vec<T>,
    list_mut: fn(&mut Scenario) -> &mut Vec<T>,
    field: fn(&T) -> &Option<String>,
    field_mut: fn(&mut T) -> &mut Option<String>,
) -> Lens<String> {
    lens(
        scenario,
        move |s| {
            list(s)
                .get(i)
                .and_then(|x| field(x).clone())
                .unwrap_or_default()
        },
        move |s, v: String| {
            if let Some(x) = list_mut(s).get_mut(i) {
                *field_mut(x) = (!v.trim().is_empty()).then_some(v);
            }
        },
    )
}

/// The fields both a Service and an Ingress have: name, namespace, and the load
/// balancer's DNS name as AWS gave it.
macro_rules! common {
    ($sc:expr, $i:expr, $p:expr, $label:expr, |$s:ident| $list:expr, $host:expr) => {
        (
            vec![
                Block::from(FieldSpec::new(
                    $label,
                    format!("{}/name", $p),
                    Input::Text(item!($sc, $i, |$s| $list, name)),
                )),
                FieldSpec::new(
                    i18n::NAMESPACE,
                    format!("{}/namespace", $p),
                    Input::Text(item!($sc, $i, |$s| $list, namespace)),
                )
                .into(),
            ],
            Block::from(FieldSpec::new(
                LB_HOSTNAME,
                format!("{}/loadBalancerHostname", $p),
                Input::Text($host),
            )),
        )
    };
}

/// A note under a field, shown while `when` holds.
fn note(when: Signal<bool>, text: Tr, href: &'static str, control: &'static str) -> Block {
    let lang = form().lang;
    Block::View(
        view! {
            <p class="diag sev-info" data-control=control hidden=move || !when.get()>
                {move || severity_icon(Severity::Info, lang.get())}" "
                {i18n::tr(lang, text)}" "
                <a href=href target="_blank" rel="noopener">"↗"</a>
            </p>
        }
        .into_any(),
    )
}

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
        let (mut blocks, hostname) = common!(
            scenario,
            i,
            p,
            i18n::SVC_NAME,
            |s| s.services,
            opt_text(
                scenario,
                i,
                |s| &s.services,
                |s| &mut s.services,
                |x| &x.load_balancer_hostname,
                |x| &mut x.load_balancer_hostname,
            )
        );
        blocks.push(
            FieldSpec::new(
                i18n::SVC_TYPE,
                format!("{p}/type"),
                Input::Select(ty, types),
            )
            .into(),
        );
        blocks.extend(lb_choice::blocks(scenario, i, &p));
        let moot = Signal::derive(move || scenario.with(|s| choice::traffic_policy_moot(s, i)));
        blocks.extend([
            FieldSpec::new(
                i18n::TRAFFIC_POLICY,
                format!("{p}/externalTrafficPolicy"),
                Input::Select(etp, policies),
            )
            .into(),
            note(moot, POLICY_MOOT, POLICY_DOC, "policy-moot"),
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
                ANNOTATIONS_RAW,
                format!("{p}/annotations"),
                Input::Pairs(item!(scenario, i, |s| s.services, annotations)),
            )
            .placeholder("service.beta.kubernetes.io/aws-load-balancer-type: external")
            .into(),
            hostname,
        ]);
        blocks
    };
    let ing_row = move |i: usize| -> Vec<Block> {
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
        let (mut blocks, hostname) = common!(
            scenario,
            i,
            p,
            i18n::ING_NAME,
            |s| s.ingresses,
            opt_text(
                scenario,
                i,
                |s| &s.ingresses,
                |s| &mut s.ingresses,
                |x| &x.load_balancer_hostname,
                |x| &mut x.load_balancer_hostname,
            )
        );
        blocks.extend([
            FieldSpec::new(
                i18n::ING_CLASS,
                format!("{p}/ingressClassName"),
                Input::Text(opt_text(
                    scenario,
                    i,
                    |s| &s.ingresses,
                    |s| &mut s.ingresses,
                    |x| &x.ingress_class_name,
                    |x| &mut x.ingress_class_name,
                )),
            )
            .placeholder("alb")
            .into(),
            hostname,
            FieldSpec::new(
                i18n::ING_BACKEND,
                format!("{p}/rules/0/serviceName"),
                Input::Text(backend),
            )
            .into(),
            FieldSpec::new(
                ANNOTATIONS_RAW,
                format!("{p}/annotations"),
                Input::Pairs(item!(scenario, i, |s| s.ingresses, annotations)),
            )
            .placeholder("alb.ingress.kubernetes.io/target-type: ip")
            .into(),
        ]);
        blocks
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
