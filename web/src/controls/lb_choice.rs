//! The load balancer of a Service as choices: which one (none, CLB, NLB, ALB
//! through an Ingress), its target type and its scheme. What each choice means
//! and which annotations it writes is the core's (`eksnet::lb::choice`); this
//! file only offers the choices and their labels.

use eksnet::lb::choice::{self, LbChoice};
use eksnet::lb::{Scheme, TargetType};
use eksnet::Scenario;
use leptos::prelude::*;

use crate::controls::fields::{lens, Choice};
use crate::controls::form::{Block, FieldSpec, Input, Lens};
use crate::i18n::Tr;

const LOAD_BALANCER: Tr = Tr {
    en: "Load balancer",
    ko: "로드 밸런서",
};
const LB_NONE: Tr = Tr {
    en: "None (inside the cluster only)",
    ko: "없음 (클러스터 안에서만)",
};
const LB_CLB: Tr = Tr {
    en: "CLB: Classic Load Balancer (in-tree default)",
    ko: "CLB: Classic Load Balancer (인트리 기본값)",
};
const LB_NLB: Tr = Tr {
    en: "NLB: Network Load Balancer (AWS Load Balancer Controller)",
    ko: "NLB: Network Load Balancer (AWS Load Balancer Controller)",
};
const LB_NLB_IN_TREE: Tr = Tr {
    en: "NLB by the in-tree provider (type: nlb, legacy)",
    ko: "인트리 공급자의 NLB (type: nlb, 레거시)",
};
const LB_NLB_IP: Tr = Tr {
    en: "NLB with IP targets (type: nlb-ip, legacy)",
    ko: "IP 대상 NLB (type: nlb-ip, 레거시)",
};
const LB_OTHER: Tr = Tr {
    en: "Another type annotation (see below)",
    ko: "다른 type 어노테이션 (아래 참고)",
};
const LB_ALB: Tr = Tr {
    en: "ALB: Application Load Balancer (via an Ingress)",
    ko: "ALB: Application Load Balancer (Ingress로)",
};
const TARGET_TYPE: Tr = Tr {
    en: "Target type",
    ko: "대상 유형",
};
const TARGET_INSTANCE: Tr = Tr {
    en: "instance: the nodes' NodePort, then kube-proxy",
    ko: "instance: 노드의 NodePort, 그다음 kube-proxy",
};
const TARGET_IP: Tr = Tr {
    en: "ip: straight to the pod IPs",
    ko: "ip: Pod IP로 바로",
};
const SCHEME: Tr = Tr {
    en: "Scheme",
    ko: "스킴",
};
const SCHEME_INTERNET: Tr = Tr {
    en: "internet-facing",
    ko: "internet-facing (인터넷 연결)",
};
const SCHEME_INTERNAL: Tr = Tr {
    en: "internal",
    ko: "internal (내부)",
};

/// A select whose value is read from and written to the scenario by functions of
/// Service `i` (the load balancer choices).
fn svc_choice(
    scenario: RwSignal<Scenario>,
    i: usize,
    get: fn(&Scenario, usize) -> String,
    set: fn(&mut Scenario, usize, &str),
) -> Lens<String> {
    lens(
        scenario,
        move |s| get(s, i),
        move |s, v: String| set(s, i, &v),
    )
}

/// The load balancer of Service `i` by choice: which one, target type, scheme.
pub fn blocks(scenario: RwSignal<Scenario>, i: usize, p: &str) -> Vec<Block> {
    let choices = Signal::derive(move || {
        let cur = scenario.with(|s| choice::read(s, i));
        let mut v = vec![
            Choice::tr(LbChoice::None.value(), LB_NONE),
            Choice::tr(LbChoice::Clb.value(), LB_CLB),
            Choice::tr(LbChoice::Nlb.value(), LB_NLB),
            Choice::tr(LbChoice::Alb.value(), LB_ALB),
        ];
        // Legacy values are shown as they are, never rewritten by looking.
        for (c, t) in [
            (LbChoice::NlbInTree, LB_NLB_IN_TREE),
            (LbChoice::NlbIp, LB_NLB_IP),
            (LbChoice::Other, LB_OTHER),
        ] {
            if cur == c {
                v.push(Choice::tr(c.value(), t));
            }
        }
        v
    });
    let kind = svc_choice(
        scenario,
        i,
        |s, i| choice::read(s, i).value().to_string(),
        |s, i, v| choice::write(s, i, LbChoice::parse(v)),
    );
    let by_controller =
        Signal::derive(move || scenario.with(|s| choice::read(s, i).by_controller()));
    let has_lb = Signal::derive(move || scenario.with(|s| choice::read(s, i) != LbChoice::None));
    let targets = Signal::derive(|| {
        vec![
            Choice::tr(TargetType::Instance.as_str(), TARGET_INSTANCE),
            Choice::tr(TargetType::Ip.as_str(), TARGET_IP),
        ]
    });
    let schemes = Signal::derive(|| {
        vec![
            Choice::tr(Scheme::InternetFacing.as_str(), SCHEME_INTERNET),
            Choice::tr(Scheme::Internal.as_str(), SCHEME_INTERNAL),
        ]
    });
    vec![
        FieldSpec::new(
            LOAD_BALANCER,
            format!("{p}/loadBalancer"),
            Input::Select(kind, choices),
        )
        .into(),
        FieldSpec::new(
            TARGET_TYPE,
            format!("{p}/loadBalancer/targetType"),
            Input::Select(
                svc_choice(
                    scenario,
                    i,
                    |s, i| choice::target_type(s, i).as_str().to_string(),
                    |s, i, v| {
                        if let Some(t) = TargetType::parse(v) {
                            choice::set_target_type(s, i, t);
                        }
                    },
                ),
                targets,
            ),
        )
        .shown_when(by_controller)
        .into(),
        FieldSpec::new(
            SCHEME,
            format!("{p}/loadBalancer/scheme"),
            Input::Select(
                svc_choice(
                    scenario,
                    i,
                    |s, i| choice::scheme(s, i).as_str().to_string(),
                    |s, i, v| {
                        if let Some(v) = Scheme::parse(v) {
                            choice::set_scheme(s, i, v);
                        }
                    },
                ),
                schemes,
            ),
        )
        .shown_when(has_lb)
        .into(),
    ]
}
