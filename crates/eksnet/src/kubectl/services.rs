//! What `kubectl get svc` and `kubectl get ingress` print for the model, in
//! kubectl's own column layout (source 004, consoles 2–6).
//!
//! kubectl aligns columns with a tab writer: each column is as wide as its widest
//! cell plus three spaces (at least six), the last column is not padded. Values come
//! from the derived model ([`crate::lb`]): ClusterIPs and NodePorts as allocated, the
//! load balancer's DNS name as EXTERNAL-IP / ADDRESS (`<pending>` while it cannot be
//! created). The model has no clock, so AGE is the scenario's `age`, or
//! `<unknown>` as kubectl prints for an object without a creation time.
//!
//! ```
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let out = eksnet::kubectl::get_svc(&a, Some("default"));
//! assert_eq!(out.lines().nth(1).unwrap(),
//!     "my-nginx   LoadBalancer   10.100.51.23   ad39ba2b8a05d44d2b88e3e11c9706b7-1845382141.ap-northeast-2.elb.amazonaws.com   80:30686/TCP   11m");
//! ```

use super::KubectlView;
use crate::scenario::ServiceType;
use crate::Analysis;

/// Lays out rows the way kubectl's tab writer does (minimum width 6, padding 3).
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            let w = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0);
            (w + 3).max(6)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let last = r.len().saturating_sub(1);
        for (c, cell) in r.iter().enumerate() {
            out.push_str(cell);
            if c < last {
                let pad = widths.get(c).copied().unwrap_or(0) - cell.chars().count();
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
    out
}

fn age(a: &str) -> String {
    if a.trim().is_empty() {
        "<unknown>".into()
    } else {
        a.trim().to_string()
    }
}

/// `kubectl get svc` (`namespace: Some(ns)`) or `kubectl get svc -A` (`None`, with a
/// NAMESPACE column).
pub fn get_svc(a: &Analysis, namespace: Option<&str>) -> String {
    let mut rows = Vec::new();
    let mut head = vec![
        "NAME",
        "TYPE",
        "CLUSTER-IP",
        "EXTERNAL-IP",
        "PORT(S)",
        "AGE",
    ];
    if namespace.is_none() {
        head.insert(0, "NAMESPACE");
    }
    rows.push(head.into_iter().map(String::from).collect::<Vec<_>>());
    for s in &a.lbs.services {
        if namespace.is_some_and(|ns| ns != s.namespace) {
            continue;
        }
        let ty = match s.service_type {
            ServiceType::ClusterIP => "ClusterIP",
            ServiceType::NodePort => "NodePort",
            ServiceType::LoadBalancer => "LoadBalancer",
        };
        let cluster_ip = match (s.headless, s.cluster_ip) {
            (true, _) => "None".to_string(),
            (false, Some(ip)) => ip.to_string(),
            (false, None) => "<none>".to_string(),
        };
        let external = match s.load_balancer.and_then(|l| a.lbs.load_balancers.get(l)) {
            Some(lb) if lb.created => lb.dns_name.clone(),
            Some(_) => "<pending>".into(),
            None if s.service_type == ServiceType::LoadBalancer => "<pending>".into(),
            None => "<none>".into(),
        };
        let ports: Vec<String> = s
            .ports
            .iter()
            .map(|p| match p.node_port {
                Some(np) => format!("{}:{np}/{}", p.port, p.protocol),
                None => format!("{}/{}", p.port, p.protocol),
            })
            .collect();
        let ports = if ports.is_empty() {
            "<none>".to_string()
        } else {
            ports.join(",")
        };
        let mut row = vec![
            s.name.clone(),
            ty.into(),
            cluster_ip,
            external,
            ports,
            age(&s.age),
        ];
        if namespace.is_none() {
            row.insert(0, s.namespace.clone());
        }
        rows.push(row);
    }
    table(&rows)
}

/// `kubectl get ingress` (`Some(ns)`) or `kubectl get ingress -A` (`None`).
pub fn get_ingress(a: &Analysis, namespace: Option<&str>) -> String {
    let mut rows = Vec::new();
    let mut head = vec!["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"];
    if namespace.is_none() {
        head.insert(0, "NAMESPACE");
    }
    rows.push(head.into_iter().map(String::from).collect::<Vec<_>>());
    for i in &a.lbs.ingresses {
        if namespace.is_some_and(|ns| ns != i.namespace) {
            continue;
        }
        let mut hosts: Vec<&str> = Vec::new();
        for r in &i.rules {
            if !hosts.contains(&r.host.as_str()) {
                hosts.push(&r.host);
            }
        }
        let hosts = if hosts.is_empty() {
            "*".to_string()
        } else {
            hosts.join(",")
        };
        let address = i
            .load_balancer
            .and_then(|l| a.lbs.load_balancers.get(l))
            .filter(|lb| lb.created)
            .map(|lb| lb.dns_name.clone())
            .unwrap_or_default();
        let mut row = vec![
            i.name.clone(),
            i.class_name.clone().unwrap_or_else(|| "<none>".into()),
            hosts,
            address,
            "80".into(),
            age(&i.age),
        ];
        if namespace.is_none() {
            row.insert(0, i.namespace.clone());
        }
        rows.push(row);
    }
    table(&rows)
}

/// The Service and Ingress views that have something to show, for the `default`
/// namespace when everything is there, else for all namespaces (`-A`).
pub fn views(a: &Analysis) -> Vec<KubectlView> {
    commands(a)
        .into_iter()
        .map(|command| KubectlView {
            output: output(a, &command).unwrap_or_default(),
            command,
        })
        .collect()
}

/// The commands of [`views`], without their output.
pub(super) fn commands(a: &Analysis) -> Vec<String> {
    let mut out = Vec::new();
    if !a.lbs.services.is_empty() {
        let only_default = a.lbs.services.iter().all(|s| s.namespace == "default");
        out.push(if only_default { GET_SVC } else { GET_SVC_ALL }.to_string());
    }
    if !a.lbs.ingresses.is_empty() {
        let only_default = a.lbs.ingresses.iter().all(|s| s.namespace == "default");
        out.push(if only_default { GET_ING } else { GET_ING_ALL }.to_string());
    }
    out
}

/// What `command` (one of [`commands`]) prints.
pub(super) fn output(a: &Analysis, command: &str) -> Option<String> {
    match command {
        GET_SVC => Some(get_svc(a, Some("default"))),
        GET_SVC_ALL => Some(get_svc(a, None)),
        GET_ING => Some(get_ingress(a, Some("default"))),
        GET_ING_ALL => Some(get_ingress(a, None)),
        _ => None,
    }
}

const GET_SVC: &str = "kubectl get svc";
const GET_SVC_ALL: &str = "kubectl get svc -A";
const GET_ING: &str = "kubectl get ingress";
const GET_ING_ALL: &str = "kubectl get ingress -A";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Scenario};

    #[test]
    fn console_2_exactly() {
        let a = analyze(&Scenario::example());
        let out = get_svc(&a, Some("default"));
        assert_eq!(
            out,
            "NAME       TYPE           CLUSTER-IP     EXTERNAL-IP                                                                    PORT(S)        AGE\n\
             my-nginx   LoadBalancer   10.100.51.23   ad39ba2b8a05d44d2b88e3e11c9706b7-1845382141.ap-northeast-2.elb.amazonaws.com   80:30686/TCP   11m\n"
        );
        let v = views(&a);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].command, "kubectl get svc");
    }

    #[test]
    fn the_tab_writer_pads_to_six_and_leaves_the_last_column() {
        let t = table(&[
            vec!["A".into(), "BB".into()],
            vec!["CCCCCCC".into(), "D".into()],
        ]);
        assert_eq!(t, "A         BB\nCCCCCCC   D\n");
        let t = table(&[
            vec!["CLASS".into(), "x".into()],
            vec!["<none>".into(), "y".into()],
        ]);
        assert_eq!(t, "CLASS    x\n<none>   y\n");
    }
}
