//! Load balancers by choice: what a Service's load balancer is (none, CLB, NLB,
//! ALB through an Ingress), its target type and scheme, read from and written to
//! the annotations and objects the core reads (`eksnet::lb::keys`; the core's
//! `lb` module documents which controller honours what).
//!
//! Sources: the AWS Load Balancer Controller's documentation, "Network Load
//! Balancer" (`service.beta.kubernetes.io/aws-load-balancer-type: external`,
//! `...-nlb-target-type`, `...-scheme`; internal unless asked) and "Ingress
//! annotations" (`alb.ingress.kubernetes.io/target-type`, `.../scheme`), and the
//! in-tree cloud provider (a CLB unless the type says otherwise,
//! `aws-load-balancer-internal`).
//! <https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/nlb/>,
//! <https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/>.
//!
//! `spec.loadBalancerClass: service.k8s.aws/nlb` also hands a Service to the
//! controller, but the scenario has no such field and the core does not read it,
//! so the form writes the annotation, which the core honours.

use eksnet::lb::keys;
use eksnet::scenario::{Ingress, IngressRule, Scenario, ServiceType, TrafficPolicy};

/// Which load balancer fronts a Service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LbChoice {
    /// None (`ClusterIP` or `NodePort` and no ALB Ingress routes to it).
    None,
    /// A Classic Load Balancer by the in-tree cloud provider (no type annotation).
    Clb,
    /// An NLB by the AWS Load Balancer Controller (`aws-load-balancer-type: external`).
    Nlb,
    /// An NLB by the in-tree provider (`aws-load-balancer-type: nlb`, legacy).
    NlbInTree,
    /// The controller's NLB with IP targets (`aws-load-balancer-type: nlb-ip`, legacy).
    NlbIp,
    /// Another `aws-load-balancer-type` value (the core diagnoses it).
    Other,
    /// An ALB: an Ingress of class `alb` routes to the Service.
    Alb,
}

impl LbChoice {
    /// The `<option value>`.
    pub fn value(self) -> &'static str {
        match self {
            LbChoice::None => "none",
            LbChoice::Clb => "clb",
            LbChoice::Nlb => "nlb",
            LbChoice::NlbInTree => "nlb-in-tree",
            LbChoice::NlbIp => "nlb-ip",
            LbChoice::Other => "other",
            LbChoice::Alb => "alb",
        }
    }

    /// The inverse of [`LbChoice::value`].
    pub fn parse(v: &str) -> LbChoice {
        match v {
            "clb" => LbChoice::Clb,
            "nlb" => LbChoice::Nlb,
            "nlb-in-tree" => LbChoice::NlbInTree,
            "nlb-ip" => LbChoice::NlbIp,
            "other" => LbChoice::Other,
            "alb" => LbChoice::Alb,
            _ => LbChoice::None,
        }
    }

    /// Whether the AWS Load Balancer Controller makes it (so target type and
    /// the controller's scheme apply).
    pub fn by_controller(self) -> bool {
        matches!(self, LbChoice::Nlb | LbChoice::NlbIp | LbChoice::Alb)
    }
}

/// A Service's target type / scheme choice (`instance` / `ip`,
/// `internet-facing` / `internal`).
fn norm(v: Option<&String>) -> Option<String> {
    v.map(|x| x.trim().to_ascii_lowercase())
}

/// Whether Ingress `ing` is the controller's (class `alb`, by field or annotation).
fn is_alb(ing: &Ingress) -> bool {
    ing.ingress_class_name.as_deref().map(str::trim) == Some("alb")
        || ing.annotations.get(keys::INGRESS_CLASS).map(|v| v.trim()) == Some("alb")
}

/// The first ALB Ingress with a rule to Service `i` (same namespace).
pub fn alb_ingress(s: &Scenario, i: usize) -> Option<usize> {
    let svc = s.services.get(i)?;
    s.ingresses.iter().position(|g| {
        is_alb(g)
            && g.namespace == svc.namespace
            && g.rules.iter().any(|r| r.service_name == svc.name)
    })
}

/// What fronts Service `i`.
pub fn read(s: &Scenario, i: usize) -> LbChoice {
    let Some(svc) = s.services.get(i) else {
        return LbChoice::None;
    };
    if svc.service_type == ServiceType::LoadBalancer {
        return match norm(svc.annotations.get(keys::LB_TYPE)).as_deref() {
            None | Some("clb") => LbChoice::Clb,
            Some("external") => LbChoice::Nlb,
            Some("nlb") => LbChoice::NlbInTree,
            Some("nlb-ip") => LbChoice::NlbIp,
            Some(_) => LbChoice::Other,
        };
    }
    if alb_ingress(s, i).is_some() {
        LbChoice::Alb
    } else {
        LbChoice::None
    }
}

/// Makes Service `i` fronted by `c`: the type, the type annotation and, for an
/// ALB, an Ingress of class `alb` routing to it (the first rule of a new one).
/// Choosing an ALB makes a `LoadBalancer` Service a `NodePort` one (an Ingress
/// needs no load balancer of the Service's own; instance targets need the
/// NodePort); choosing anything else removes the ALB Ingresses that route only
/// to this Service. Other annotations are kept.
pub fn write(s: &mut Scenario, i: usize, c: LbChoice) {
    let Some(svc) = s.services.get_mut(i) else {
        return;
    };
    let ann = &mut svc.annotations;
    match c {
        LbChoice::None | LbChoice::Alb => {
            ann.remove(keys::LB_TYPE);
            if svc.service_type == ServiceType::LoadBalancer {
                svc.service_type = if c == LbChoice::Alb {
                    ServiceType::NodePort
                } else {
                    ServiceType::ClusterIP
                };
            }
        }
        LbChoice::Clb => {
            ann.remove(keys::LB_TYPE);
            svc.service_type = ServiceType::LoadBalancer;
        }
        LbChoice::Nlb | LbChoice::NlbInTree | LbChoice::NlbIp => {
            let v = match c {
                LbChoice::Nlb => "external",
                LbChoice::NlbInTree => "nlb",
                _ => "nlb-ip",
            };
            ann.insert(keys::LB_TYPE.into(), v.into());
            svc.service_type = ServiceType::LoadBalancer;
        }
        LbChoice::Other => {}
    }
    if svc.service_type == ServiceType::ClusterIP {
        // The API server refuses Local on a ClusterIP Service.
        svc.external_traffic_policy = TrafficPolicy::Cluster;
    }
    if c != LbChoice::Alb {
        // The ALB Ingresses made for this Service alone go with the choice.
        while let Some(k) = alb_ingress(s, i) {
            let svc = &s.services[i].name;
            if s.ingresses[k].rules.iter().any(|r| &r.service_name != svc) {
                break;
            }
            s.ingresses.remove(k);
        }
    }
    if c == LbChoice::Alb && alb_ingress(s, i).is_none() {
        let svc = &s.services[i];
        let (name, namespace) = (svc.name.clone(), svc.namespace.clone());
        let port = svc.ports.first().map_or(80, |p| p.port);
        s.ingresses.push(Ingress {
            name: format!("{name}-alb"),
            namespace,
            ingress_class_name: Some("alb".into()),
            rules: vec![IngressRule {
                path: "/".into(),
                service_name: name,
                service_port: port,
                ..IngressRule::default()
            }],
            ..Ingress::default()
        });
    }
}

/// Which annotation map and keys hold target type and scheme for Service `i`.
fn place(s: &Scenario, i: usize) -> Option<(Option<usize>, &'static str, &'static str)> {
    match read(s, i) {
        LbChoice::Alb => Some((alb_ingress(s, i), keys::ALB_TARGET_TYPE, keys::ALB_SCHEME)),
        LbChoice::None => None,
        _ => Some((None, keys::NLB_TARGET_TYPE, keys::SCHEME)),
    }
}

fn annotations_mut(
    s: &mut Scenario,
    i: usize,
    ing: Option<usize>,
) -> Option<&mut std::collections::BTreeMap<String, String>> {
    match ing {
        Some(k) => s.ingresses.get_mut(k).map(|g| &mut g.annotations),
        None => s.services.get_mut(i).map(|x| &mut x.annotations),
    }
}

fn annotation(s: &Scenario, i: usize, ing: Option<usize>, key: &str) -> Option<String> {
    let a = match ing {
        Some(k) => &s.ingresses.get(k)?.annotations,
        None => &s.services.get(i)?.annotations,
    };
    norm(a.get(key))
}

/// The target type the core will use: `ip` or `instance` (the controller's
/// default; the in-tree provider registers only instances; `nlb-ip` is IP).
pub fn target_type(s: &Scenario, i: usize) -> &'static str {
    let c = read(s, i);
    if c == LbChoice::NlbIp {
        return "ip";
    }
    if !c.by_controller() {
        return "instance";
    }
    match place(s, i) {
        Some((ing, key, _)) if annotation(s, i, ing, key).as_deref() == Some("ip") => "ip",
        _ => "instance",
    }
}

/// Sets the target type (`instance` or `ip`) where the controller reads it.
pub fn set_target_type(s: &mut Scenario, i: usize, v: &str) {
    if read(s, i) == LbChoice::NlbIp && v == "instance" {
        write(s, i, LbChoice::Nlb);
    }
    if let Some((ing, key, _)) = place(s, i) {
        if let Some(a) = annotations_mut(s, i, ing) {
            a.insert(key.into(), v.into());
        }
    }
}

/// The scheme the core will use: `internet-facing` or `internal`.
pub fn scheme(s: &Scenario, i: usize) -> &'static str {
    let c = read(s, i);
    let Some((ing, _, key)) = place(s, i) else {
        return "internal";
    };
    let internal_flag =
        annotation(s, i, None, keys::INTERNAL).map(|v| !v.is_empty() && v != "false");
    let internet = if c.by_controller() {
        match annotation(s, i, ing, key).as_deref() {
            Some("internet-facing") => true,
            Some(_) => false,
            None => c != LbChoice::Alb && internal_flag == Some(false),
        }
    } else {
        internal_flag != Some(true)
    };
    if internet {
        "internet-facing"
    } else {
        "internal"
    }
}

/// Sets the scheme where the load balancer's maker reads it (the controller's
/// `scheme` annotation, or the in-tree `aws-load-balancer-internal`).
pub fn set_scheme(s: &mut Scenario, i: usize, v: &str) {
    let c = read(s, i);
    let Some((ing, _, key)) = place(s, i) else {
        return;
    };
    if c.by_controller() {
        if let Some(a) = annotations_mut(s, i, ing) {
            a.insert(key.into(), v.into());
        }
    } else if let Some(a) = annotations_mut(s, i, None) {
        if v == "internal" {
            a.insert(keys::INTERNAL.into(), "true".into());
        } else {
            a.remove(keys::INTERNAL);
        }
    }
}

/// Whether `externalTrafficPolicy` changes nothing for Service `i`: with IP
/// targets the load balancer sends to pod IPs directly, never through a node's
/// NodePort where kube-proxy applies the policy (AWS Load Balancer Controller,
/// "Network Load Balancer", IP mode).
pub fn traffic_policy_moot(s: &Scenario, i: usize) -> bool {
    read(s, i) != LbChoice::None && target_type(s, i) == "ip"
}
