//! A Service's load balancer as one choice (none, CLB, NLB, ALB through an
//! Ingress), its target type and its scheme: read from and written to the
//! annotations and objects that [`derive`](super::derive) reads, so that a form
//! offering these choices says exactly what the core will make.
//!
//! The meaning of each annotation value lives here and in `annotations.rs` once:
//! [`LbChoice::of_type`] is the table of `aws-load-balancer-type` values that the
//! load balancers are derived from, and [`target_type`] and [`scheme`] answer with
//! the annotation reader the derivation itself uses (its defaults included).
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
//! controller, but the scenario has no such field, so choosing the controller's
//! NLB writes the annotation.
//!
//! ```
//! use eksnet::lb::choice::{self, LbChoice};
//! use eksnet::lb::{Scheme, TargetType};
//! let mut s = eksnet::Scenario::example();
//! assert_eq!(choice::read(&s, 0), LbChoice::Clb);
//! choice::write(&mut s, 0, LbChoice::Nlb);
//! assert_eq!(choice::target_type(&s, 0), TargetType::Instance);
//! assert_eq!(choice::scheme(&s, 0), Scheme::Internal);
//! ```
//!
//! Every function takes a Service index into `Scenario::services`; an index out of
//! range reads as [`LbChoice::None`] and writes nothing.

use std::collections::BTreeMap;

use super::annotations::{self, keys};
use super::{Scheme, TargetType};
use crate::scenario::{Ingress, IngressRule, Scenario, ServiceType, TrafficPolicy};

/// Which load balancer fronts a Service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Another `aws-load-balancer-type` value (the in-tree provider makes a CLB;
    /// the analysis diagnoses it).
    Other,
    /// An ALB: an Ingress of class `alb` routes to the Service.
    Alb,
}

impl LbChoice {
    /// Every choice, in the order a form lists them.
    pub const ALL: [LbChoice; 7] = [
        LbChoice::None,
        LbChoice::Clb,
        LbChoice::Nlb,
        LbChoice::Alb,
        LbChoice::NlbInTree,
        LbChoice::NlbIp,
        LbChoice::Other,
    ];

    /// A stable short name (`none`, `clb`, `nlb`, `nlb-in-tree`, `nlb-ip`,
    /// `other`, `alb`), e.g. for an `<option value>`.
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

    /// The inverse of [`LbChoice::value`]; anything else is [`LbChoice::None`].
    pub fn parse(v: &str) -> LbChoice {
        LbChoice::ALL
            .into_iter()
            .find(|c| c.value() == v)
            .unwrap_or(LbChoice::None)
    }

    /// Whether the AWS Load Balancer Controller makes it (so the controller's
    /// target type and scheme annotations apply).
    pub fn by_controller(self) -> bool {
        matches!(self, LbChoice::Nlb | LbChoice::NlbIp | LbChoice::Alb)
    }

    /// What the `aws-load-balancer-type` annotation of a `type: LoadBalancer`
    /// Service asks for, given its value trimmed (any case): absent or `clb` a CLB,
    /// `nlb` the in-tree NLB, `nlb-ip` and `external` the controller's NLB, any
    /// other value [`LbChoice::Other`].
    pub fn of_type(value: Option<&str>) -> LbChoice {
        let Some(v) = value else {
            return LbChoice::Clb;
        };
        match v.trim().to_ascii_lowercase().as_str() {
            "clb" => LbChoice::Clb,
            "nlb" => LbChoice::NlbInTree,
            "nlb-ip" => LbChoice::NlbIp,
            "external" => LbChoice::Nlb,
            _ => LbChoice::Other,
        }
    }

    /// The `aws-load-balancer-type` value that asks for it (`None`: the
    /// annotation is absent, or the choice is not made by that annotation).
    pub fn type_value(self) -> Option<&'static str> {
        match self {
            LbChoice::Nlb => Some("external"),
            LbChoice::NlbInTree => Some("nlb"),
            LbChoice::NlbIp => Some("nlb-ip"),
            LbChoice::None | LbChoice::Clb | LbChoice::Other | LbChoice::Alb => None,
        }
    }
}

/// Whether Ingress `ing` is the controller's (class `alb`, by field or annotation).
pub fn is_alb(ing: &Ingress) -> bool {
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

/// What fronts Service `i`: its type annotation when it is `type: LoadBalancer`,
/// else an ALB when an ALB Ingress routes to it.
pub fn read(s: &Scenario, i: usize) -> LbChoice {
    let Some(svc) = s.services.get(i) else {
        return LbChoice::None;
    };
    if svc.service_type == ServiceType::LoadBalancer {
        return LbChoice::of_type(svc.annotations.get(keys::LB_TYPE).map(String::as_str));
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
/// to this Service. Other annotations are kept; [`LbChoice::Other`] changes
/// nothing but those Ingresses.
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
        LbChoice::Clb | LbChoice::Nlb | LbChoice::NlbInTree | LbChoice::NlbIp => {
            match c.type_value() {
                Some(v) => ann.insert(keys::LB_TYPE.into(), v.into()),
                None => ann.remove(keys::LB_TYPE),
            };
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

/// Where the controller reads target type and scheme for Service `i`: the ALB
/// Ingress (`Some(k)`) or the Service itself (`None`), with the two keys.
/// `None` when nothing fronts it.
type Place = (Option<usize>, &'static str, &'static str);

fn place(s: &Scenario, i: usize) -> Option<Place> {
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
) -> Option<&mut BTreeMap<String, String>> {
    match ing {
        Some(k) => s.ingresses.get_mut(k).map(|g| &mut g.annotations),
        None => s.services.get_mut(i).map(|x| &mut x.annotations),
    }
}

/// What the annotation reader of the derivation makes of Service `i` (through
/// its ALB Ingress for an ALB): `(target type, scheme)`; `None` when nothing
/// fronts it.
fn derived(s: &Scenario, i: usize) -> Option<(TargetType, Scheme)> {
    match read(s, i) {
        LbChoice::None => None,
        LbChoice::Alb => {
            let k = alb_ingress(s, i)?;
            let spec = annotations::ingress(s.ingresses.get(k)?, k);
            Some((spec.target_type, spec.scheme))
        }
        _ => {
            let spec = annotations::service(s.services.get(i)?, i, &mut Vec::new());
            Some((spec.target_type, spec.scheme))
        }
    }
}

/// The target type the load balancer of Service `i` gets: the controller's
/// default is `instance`, the in-tree provider registers only instances,
/// `nlb-ip` means IP. `Instance` when nothing fronts it.
pub fn target_type(s: &Scenario, i: usize) -> TargetType {
    derived(s, i).map_or(TargetType::Instance, |d| d.0)
}

/// Sets the target type where the controller reads it (choosing `instance` for
/// a legacy `nlb-ip` Service makes it the controller's `external` NLB first,
/// since `nlb-ip` always has IP targets). Nothing fronts it: nothing changes.
pub fn set_target_type(s: &mut Scenario, i: usize, t: TargetType) {
    if read(s, i) == LbChoice::NlbIp && t == TargetType::Instance {
        write(s, i, LbChoice::Nlb);
    }
    if let Some((ing, key, _)) = place(s, i) {
        if let Some(a) = annotations_mut(s, i, ing) {
            a.insert(key.into(), t.as_str().into());
        }
    }
}

/// The scheme the load balancer of Service `i` gets: the controller's and ALBs
/// are internal unless asked, the in-tree provider's internet-facing unless
/// `aws-load-balancer-internal`. `Internal` when nothing fronts it.
pub fn scheme(s: &Scenario, i: usize) -> Scheme {
    derived(s, i).map_or(Scheme::Internal, |d| d.1)
}

/// Sets the scheme where the load balancer's maker reads it (the controller's
/// `scheme` annotation, or the in-tree `aws-load-balancer-internal`).
pub fn set_scheme(s: &mut Scenario, i: usize, v: Scheme) {
    let c = read(s, i);
    let Some((ing, _, key)) = place(s, i) else {
        return;
    };
    if c.by_controller() {
        if let Some(a) = annotations_mut(s, i, ing) {
            a.insert(key.into(), v.as_str().into());
        }
    } else if let Some(a) = annotations_mut(s, i, None) {
        match v {
            Scheme::Internal => a.insert(keys::INTERNAL.into(), "true".into()),
            Scheme::InternetFacing => a.remove(keys::INTERNAL),
        };
    }
}

/// Whether `externalTrafficPolicy` changes nothing for Service `i`: with IP
/// targets the load balancer sends to pod IPs directly, never through a node's
/// NodePort where kube-proxy applies the policy (AWS Load Balancer Controller,
/// "Network Load Balancer", IP mode).
pub fn traffic_policy_moot(s: &Scenario, i: usize) -> bool {
    derived(s, i).is_some_and(|d| d.0 == TargetType::Ip)
}

impl TargetType {
    /// The inverse of [`TargetType::as_str`].
    pub fn parse(v: &str) -> Option<TargetType> {
        [TargetType::Instance, TargetType::Ip]
            .into_iter()
            .find(|t| t.as_str() == v)
    }
}

impl Scheme {
    /// The inverse of [`Scheme::as_str`].
    pub fn parse(v: &str) -> Option<Scheme> {
        [Scheme::InternetFacing, Scheme::Internal]
            .into_iter()
            .find(|t| t.as_str() == v)
    }
}

#[cfg(test)]
#[path = "choice_tests.rs"]
mod tests;
