//! Reading the annotations that choose a load balancer (source 004 §2.1 and §2.2;
//! the AWS Load Balancer Controller's documentation).
//!
//! A `type: LoadBalancer` Service:
//!
//! | `aws-load-balancer-type` | made by | kind | targets |
//! |---|---|---|---|
//! | absent, `clb` | in-tree cloud provider | CLB | instance |
//! | `nlb` | in-tree cloud provider | NLB | instance |
//! | `nlb-ip` | AWS Load Balancer Controller | NLB | IP |
//! | `external` | AWS Load Balancer Controller | NLB | `aws-load-balancer-nlb-target-type` (default instance) |
//!
//! The in-tree provider makes a CLB for any value but `nlb`, and its load balancer
//! is internet-facing unless `aws-load-balancer-internal` is set (to anything but
//! `false`). The controller's NLBs are `internal` unless `aws-load-balancer-scheme:
//! internet-facing`. An Ingress is the controller's when its class is `alb`; its ALB
//! is internal unless `alb.ingress.kubernetes.io/scheme: internet-facing`, has
//! instance targets unless `alb.ingress.kubernetes.io/target-type: ip`, and is shared
//! with every Ingress of the same `group.name`.

use serde_json::Value;

use super::choice::LbChoice;
use super::{Controller, LbKind, Problem, Scheme, TargetType};
use crate::cite::{Cite, Source};
use crate::codes::Code;
use crate::scenario::{Ingress, Service};
use crate::{text, Diagnostic, Text};

/// The annotation keys eksnet reads.
pub mod keys {
    /// Which load balancer (in-tree `clb`/`nlb`, controller `nlb-ip`/`external`).
    pub const LB_TYPE: &str = "service.beta.kubernetes.io/aws-load-balancer-type";
    /// The controller's NLB target type: `instance` or `ip`.
    pub const NLB_TARGET_TYPE: &str =
        "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type";
    /// The controller's scheme: `internet-facing` or `internal` (default).
    pub const SCHEME: &str = "service.beta.kubernetes.io/aws-load-balancer-scheme";
    /// In-tree (and the controller's legacy) internal switch.
    pub const INTERNAL: &str = "service.beta.kubernetes.io/aws-load-balancer-internal";
    /// Subnets by id, comma separated.
    pub const SUBNETS: &str = "service.beta.kubernetes.io/aws-load-balancer-subnets";
    /// Target group attributes (`preserve_client_ip.enabled=true`, ...).
    pub const TG_ATTRIBUTES: &str =
        "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes";
    /// Load balancer attributes (`load_balancing.cross_zone.enabled=true`, ...).
    pub const LB_ATTRIBUTES: &str = "service.beta.kubernetes.io/aws-load-balancer-attributes";
    /// Cross-zone load balancing (CLB, NLB).
    pub const CROSS_ZONE: &str =
        "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled";
    /// The Ingress class annotation (`alb`).
    pub const INGRESS_CLASS: &str = "kubernetes.io/ingress.class";
    /// An ALB's scheme: `internet-facing` or `internal` (default).
    pub const ALB_SCHEME: &str = "alb.ingress.kubernetes.io/scheme";
    /// An ALB's target type: `instance` (default) or `ip`.
    pub const ALB_TARGET_TYPE: &str = "alb.ingress.kubernetes.io/target-type";
    /// The IngressGroup an Ingress joins.
    pub const ALB_GROUP: &str = "alb.ingress.kubernetes.io/group.name";
    /// An ALB's subnets by id, comma separated.
    pub const ALB_SUBNETS: &str = "alb.ingress.kubernetes.io/subnets";
    /// An ALB's listeners, e.g. `[{"HTTP": 80}, {"HTTPS": 443}]`.
    pub const ALB_LISTEN_PORTS: &str = "alb.ingress.kubernetes.io/listen-ports";
}

pub(super) const CITE_SVC: Cite = Cite::new(
    Source::AwsDocs,
    "AWS Load Balancer Controller, Service annotations",
);
pub(super) const CITE_ING: Cite = Cite::new(
    Source::AwsDocs,
    "AWS Load Balancer Controller, Ingress annotations",
);
pub(super) const CITE_004_ALB: Cite = Cite::new(Source::S004, "2.2. ALB");

/// JSON pointer of annotation `key` under `base` (`/` escaped as `~1`).
pub(super) fn annotation_path(base: &str, key: &str) -> String {
    format!(
        "{base}/annotations/{}",
        key.replace('~', "~0").replace('/', "~1")
    )
}

/// What a Service's annotations ask for.
#[derive(Debug, Clone)]
pub(super) struct SvcSpec {
    pub controller: Controller,
    pub kind: LbKind,
    pub target_type: TargetType,
    pub scheme: Scheme,
    pub subnets: Option<Vec<String>>,
    pub cross_zone: bool,
    pub preserve_client_ip: Option<bool>,
    /// Values the controller refuses: the load balancer is not created.
    pub problems: Vec<Problem>,
    /// Explanations for traces.
    pub notes: Vec<Text>,
}

fn get<'a>(a: &'a std::collections::BTreeMap<String, String>, k: &str) -> Option<&'a str> {
    a.get(k).map(|v| v.trim())
}

fn list(v: &str) -> Vec<String> {
    v.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// `k=v,k2=v2` → the value of `key`.
fn map_value<'a>(v: &'a str, key: &str) -> Option<&'a str> {
    v.split(',').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k.trim() == key).then_some(v.trim())
    })
}

fn invalid(path: String, key: &str, value: &str, allowed: &str, cite: Cite) -> Problem {
    Problem {
        code: Code::LbAnnotationInvalid,
        reason: text!(
            "`{key}: {value}` is not a value the AWS Load Balancer Controller accepts ({allowed}), so it does not create the load balancer",
            "`{key}: {value}`은(는) AWS Load Balancer Controller가 받는 값({allowed})이 아니어서 로드 밸런서를 만들지 않는다"
        ),
        fix: text!("use one of: {allowed}", "다음 중 하나를 쓴다: {allowed}"),
        cite,
        field: Some(path),
    }
}

fn ignored(path: String, key: &str, why: Text) -> Diagnostic {
    let (we, wk) = (why.en, why.ko);
    Diagnostic::new(
        Code::LbAnnotationIgnored,
        path,
        text!("`{key}` has no effect here: {we}", "`{key}`은(는) 여기서 효과가 없다: {wk}"),
    )
    .fix(text!(
        "remove it, or add `service.beta.kubernetes.io/aws-load-balancer-type: external` so that the AWS Load Balancer Controller reads it",
        "지우거나, AWS Load Balancer Controller가 읽도록 `service.beta.kubernetes.io/aws-load-balancer-type: external`을 더한다"
    ))
}

/// The controller, kind and default target type `aws-load-balancer-type` asks for
/// (an unknown value makes a CLB, as the in-tree provider does).
fn lb_type(
    ty: Option<&str>,
    base: &str,
    diags: &mut Vec<Diagnostic>,
) -> (Controller, LbKind, TargetType) {
    let path = |k: &str| annotation_path(base, k);
    let ctl = Controller::AwsLoadBalancerController;
    match LbChoice::of_type(ty) {
        LbChoice::NlbInTree => (Controller::InTree, LbKind::Nlb, TargetType::Instance),
        LbChoice::NlbIp => (ctl, LbKind::Nlb, TargetType::Ip),
        LbChoice::Nlb => (ctl, LbKind::Nlb, TargetType::Instance),
        LbChoice::Other => {
            let other = ty.unwrap_or_default();
            diags.push(Diagnostic::new(
                Code::LbTypeUnknown,
                path(keys::LB_TYPE),
                text!(
                    "`{other}` is not a load balancer type Kubernetes knows; the in-tree cloud provider makes a Classic Load Balancer for any value but `nlb`",
                    "`{other}`은(는) 쿠버네티스가 아는 로드 밸런서 유형이 아니다. 인트리 클라우드 공급자는 `nlb`가 아닌 모든 값에 Classic Load Balancer를 만든다"
                ),
            )
            .fix(text!(
                "use clb, nlb, nlb-ip or external (ALBs come from an Ingress)",
                "clb, nlb, nlb-ip, external 중 하나를 쓴다(ALB는 Ingress로 만든다)"
            )));
            (Controller::InTree, LbKind::Clb, TargetType::Instance)
        }
        // `of_type` gives neither `None` nor `Alb`.
        LbChoice::Clb | LbChoice::None | LbChoice::Alb => {
            (Controller::InTree, LbKind::Clb, TargetType::Instance)
        }
    }
}

/// The scheme: `aws-load-balancer-scheme` for the AWS Load Balancer Controller
/// (internal unless asked), `aws-load-balancer-internal` for the in-tree provider
/// (internet-facing unless asked).
fn scheme(
    a: &std::collections::BTreeMap<String, String>,
    controller_made: bool,
    base: &str,
    problems: &mut Vec<Problem>,
    diags: &mut Vec<Diagnostic>,
) -> Scheme {
    let path = |k: &str| annotation_path(base, k);
    let internal =
        get(a, keys::INTERNAL).map(|v| !v.eq_ignore_ascii_case("false") && !v.is_empty());
    if controller_made {
        match get(a, keys::SCHEME).map(|v| v.to_ascii_lowercase()) {
            Some(v) if v == "internet-facing" => Scheme::InternetFacing,
            Some(v) if v == "internal" => Scheme::Internal,
            Some(v) => {
                problems.push(invalid(
                    path(keys::SCHEME),
                    keys::SCHEME,
                    &v,
                    "internet-facing, internal",
                    CITE_SVC,
                ));
                Scheme::Internal
            }
            None => match internal {
                Some(false) => Scheme::InternetFacing,
                _ => Scheme::Internal,
            },
        }
    } else {
        if get(a, keys::SCHEME).is_some() {
            diags.push(ignored(
                path(keys::SCHEME),
                keys::SCHEME,
                text!(
                    "the in-tree cloud provider reads only `aws-load-balancer-internal`",
                    "인트리 클라우드 공급자는 `aws-load-balancer-internal`만 읽는다"
                ),
            ));
        }
        if internal == Some(true) {
            Scheme::Internal
        } else {
            Scheme::InternetFacing
        }
    }
}

/// `preserve_client_ip.enabled` of the target group attributes, if given (the
/// in-tree provider ignores it).
fn preserve_client_ip(
    a: &std::collections::BTreeMap<String, String>,
    controller_made: bool,
    base: &str,
    problems: &mut Vec<Problem>,
    diags: &mut Vec<Diagnostic>,
) -> Option<bool> {
    let path = |k: &str| annotation_path(base, k);
    let preserve_client_ip = match get(a, keys::TG_ATTRIBUTES)
        .and_then(|v| map_value(v, "preserve_client_ip.enabled"))
    {
        None => None,
        Some(v) if v.eq_ignore_ascii_case("true") => Some(true),
        Some(v) if v.eq_ignore_ascii_case("false") => Some(false),
        Some(v) => {
            problems.push(invalid(
                path(keys::TG_ATTRIBUTES),
                "preserve_client_ip.enabled",
                v,
                "true, false",
                CITE_SVC,
            ));
            None
        }
    };
    if preserve_client_ip.is_some() && !controller_made {
        diags.push(ignored(
            path(keys::TG_ATTRIBUTES),
            keys::TG_ATTRIBUTES,
            text!(
                "the in-tree cloud provider does not set target group attributes",
                "인트리 클라우드 공급자는 대상 그룹 속성을 설정하지 않는다"
            ),
        ));
    }
    preserve_client_ip
}

/// Reads the annotations of Service `i` (a `type: LoadBalancer` one).
pub(super) fn service(svc: &Service, i: usize, diags: &mut Vec<Diagnostic>) -> SvcSpec {
    let a = &svc.annotations;
    let base = format!("/services/{i}");
    let path = |k: &str| annotation_path(&base, k);
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let ty = get(a, keys::LB_TYPE).map(|v| v.to_ascii_lowercase());
    let (controller, kind, mut target_type) = lb_type(ty.as_deref(), &base, diags);
    let controller_made = controller == Controller::AwsLoadBalancerController;

    // Target type.
    if let Some(v) = get(a, keys::NLB_TARGET_TYPE) {
        let v = v.to_ascii_lowercase();
        if controller_made {
            match v.as_str() {
                "instance" if ty.as_deref() != Some("nlb-ip") => target_type = TargetType::Instance,
                "ip" => target_type = TargetType::Ip,
                "instance" => {}
                _ => problems.push(invalid(
                    path(keys::NLB_TARGET_TYPE),
                    keys::NLB_TARGET_TYPE,
                    &v,
                    "instance, ip",
                    CITE_SVC,
                )),
            }
        } else if kind == LbKind::Clb && v == "ip" {
            diags.push(Diagnostic::new(
                Code::ClbIpTargetsUnsupported,
                path(keys::NLB_TARGET_TYPE),
                text!(
                    "a Classic Load Balancer has no IP targets: it registers the nodes and sends to the NodePort, so traffic still takes the instance path",
                    "Classic Load Balancer에는 IP 대상이 없다: 노드를 등록하고 NodePort로 보내므로 트래픽은 여전히 인스턴스 경로를 탄다"
                ),
            )
            .fix(text!(
                "for IP targets use an NLB: `aws-load-balancer-type: external` with `aws-load-balancer-nlb-target-type: ip`",
                "IP 대상을 쓰려면 NLB를 쓴다: `aws-load-balancer-type: external`과 `aws-load-balancer-nlb-target-type: ip`"
            )));
            notes.push(text!(
                "the annotations ask for IP targets, but a CLB registers only instances (source 004: IP targets are NLB-only), so traffic goes through the NodePort",
                "어노테이션은 IP 대상을 요청하지만 CLB는 인스턴스만 등록한다(소스 004: IP 대상은 NLB 전용). 그래서 트래픽은 NodePort를 거친다"
            ));
        } else if v != "instance" {
            diags.push(ignored(
                path(keys::NLB_TARGET_TYPE),
                keys::NLB_TARGET_TYPE,
                text!(
                    "the in-tree cloud provider makes this load balancer and registers only instances",
                    "인트리 클라우드 공급자가 이 로드 밸런서를 만들며 인스턴스만 등록한다"
                ),
            ));
        }
    }

    let scheme = scheme(a, controller_made, &base, &mut problems, diags);

    let subnets = get(a, keys::SUBNETS).map(list);
    let cross_zone = get(a, keys::CROSS_ZONE).is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || get(a, keys::LB_ATTRIBUTES)
            .and_then(|v| map_value(v, "load_balancing.cross_zone.enabled"))
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let preserve_client_ip = preserve_client_ip(a, controller_made, &base, &mut problems, diags);
    SvcSpec {
        controller,
        kind,
        target_type,
        scheme,
        subnets,
        cross_zone: cross_zone || kind == LbKind::Alb,
        preserve_client_ip: if controller_made {
            preserve_client_ip
        } else {
            None
        },
        problems,
        notes,
    }
}

/// What an Ingress's class and annotations ask for.
#[derive(Debug, Clone)]
pub(super) struct IngSpec {
    pub alb: bool,
    pub class_name: Option<String>,
    pub scheme: Scheme,
    pub target_type: TargetType,
    pub group: Option<String>,
    pub subnets: Option<Vec<String>>,
    /// `(protocol, port)` of each listener.
    pub listen_ports: Vec<(String, u16)>,
    pub problems: Vec<Problem>,
}

/// Whether `g` is a valid IngressGroup name (a DNS-1123 label of at most 63
/// characters: lowercase letters, digits and `-`, `.`; starting and ending with a
/// letter or digit).
fn valid_group(g: &str) -> bool {
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    !g.is_empty()
        && g.len() <= 63
        && g.chars().all(|c| ok(c) || c == '-' || c == '.')
        && g.chars().next().is_some_and(ok)
        && g.chars().last().is_some_and(ok)
}

/// `[{"HTTP": 80}, {"HTTPS": 443}]` → `[("HTTP", 80), ("HTTPS", 443)]`.
fn listen_ports(v: &str) -> Option<Vec<(String, u16)>> {
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(v) else {
        return None;
    };
    let mut out = Vec::new();
    for it in items {
        let Value::Object(m) = it else { return None };
        for (proto, port) in m {
            let proto = proto.to_ascii_uppercase();
            let port = port.as_u64().and_then(|p| u16::try_from(p).ok())?;
            if (proto != "HTTP" && proto != "HTTPS") || port == 0 {
                return None;
            }
            out.push((proto, port));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Reads Ingress `i`'s class and annotations.
pub(super) fn ingress(ing: &Ingress, i: usize) -> IngSpec {
    let a = &ing.annotations;
    let base = format!("/ingresses/{i}");
    let path = |k: &str| annotation_path(&base, k);
    let mut problems = Vec::new();
    let class_name = ing
        .ingress_class_name
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    let by_annotation = get(a, keys::INGRESS_CLASS);
    let alb = by_annotation == Some("alb") || class_name.as_deref() == Some("alb");
    let scheme = match get(a, keys::ALB_SCHEME).map(|v| v.to_ascii_lowercase()) {
        None => Scheme::Internal,
        Some(v) if v == "internet-facing" => Scheme::InternetFacing,
        Some(v) if v == "internal" => Scheme::Internal,
        Some(v) => {
            problems.push(invalid(
                path(keys::ALB_SCHEME),
                keys::ALB_SCHEME,
                &v,
                "internet-facing, internal",
                CITE_ING,
            ));
            Scheme::Internal
        }
    };
    let target_type = match get(a, keys::ALB_TARGET_TYPE).map(|v| v.to_ascii_lowercase()) {
        None => TargetType::Instance,
        Some(v) if v == "instance" => TargetType::Instance,
        Some(v) if v == "ip" => TargetType::Ip,
        Some(v) => {
            problems.push(invalid(
                path(keys::ALB_TARGET_TYPE),
                keys::ALB_TARGET_TYPE,
                &v,
                "instance, ip",
                CITE_ING,
            ));
            TargetType::Instance
        }
    };
    let group = match get(a, keys::ALB_GROUP) {
        None => None,
        Some(g) if valid_group(g) => Some(g.to_string()),
        Some(g) => {
            problems.push(Problem {
                code: Code::LbAnnotationInvalid,
                reason: text!(
                    "`{g}` is not a valid IngressGroup name (lowercase letters, digits, `-` and `.`, at most 63 characters), so the controller does not reconcile the Ingress",
                    "`{g}`은(는) 올바른 IngressGroup 이름이 아니다(소문자, 숫자, `-`, `.`로 63자 이하). 컨트롤러가 이 Ingress를 처리하지 않는다"
                ),
                fix: text!(
                    "use a name such as `mygroup`",
                    "`mygroup` 같은 이름을 쓴다"
                ),
                cite: CITE_ING,
                field: Some(path(keys::ALB_GROUP)),
            });
            Some(g.to_string())
        }
    };
    let listen = match get(a, keys::ALB_LISTEN_PORTS) {
        None => vec![("HTTP".to_string(), 80)],
        Some(v) => listen_ports(v).unwrap_or_else(|| {
            problems.push(invalid(
                path(keys::ALB_LISTEN_PORTS),
                keys::ALB_LISTEN_PORTS,
                v,
                r#"JSON such as [{"HTTP": 80}, {"HTTPS": 443}]"#,
                CITE_ING,
            ));
            vec![("HTTP".to_string(), 80)]
        }),
    };
    IngSpec {
        alb,
        class_name,
        scheme,
        target_type,
        group,
        subnets: get(a, keys::ALB_SUBNETS).map(list),
        listen_ports: listen,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_escape_slashes() {
        assert_eq!(
            annotation_path("/services/0", keys::LB_TYPE),
            "/services/0/annotations/service.beta.kubernetes.io~1aws-load-balancer-type"
        );
    }

    #[test]
    fn listen_ports_parse() {
        assert_eq!(
            listen_ports(r#"[{"HTTP": 80}, {"HTTPS": 443}]"#),
            Some(vec![("HTTP".into(), 80), ("HTTPS".into(), 443)])
        );
        assert_eq!(listen_ports("80"), None);
        assert_eq!(listen_ports(r#"[{"TCP": 80}]"#), None);
        assert_eq!(listen_ports("[]"), None);
    }

    #[test]
    fn group_names() {
        assert!(valid_group("mygroup"));
        assert!(valid_group("a.b-c"));
        assert!(!valid_group("MyGroup"));
        assert!(!valid_group("-a"));
        assert!(!valid_group(""));
    }
}
