//! `kubectl get ...` views of an analysis, in kubectl's own column layout: nodes and
//! pods (source 004, console 1), Services and Ingresses (consoles 2–6).
//!
//! kubectl aligns columns with a tab writer: each column is as wide as its widest
//! cell plus three spaces (at least six), the last column is not padded ([`table`]).
//! Values come from the derived model: node and pod addresses from the CNI
//! simulation ([`crate::cni`]); ClusterIPs, NodePorts and load balancer names from
//! [`crate::lb`] (`<pending>` while a load balancer cannot be created).
//!
//! The model has no clock and no node agent, so some columns are stand-ins. Services
//! and Ingresses show the scenario's `age`, or `<unknown>` as kubectl prints for an
//! object without a creation time. Nodes and pods show console 1's ages (`2d21h` for
//! nodes and their DaemonSet pods, `7m51s` for workload pods); VERSION, OS-IMAGE,
//! KERNEL-VERSION and CONTAINER-RUNTIME are console 1's for Kubernetes 1.18, and for
//! other versions name the version with `x` for the patch levels eksnet does not know.
//!
//! ```
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let out = eksnet::kubectl::get_svc(&a, Some("default"));
//! assert_eq!(out.lines().nth(1).unwrap(),
//!     "my-nginx   LoadBalancer   10.100.51.23   ad39ba2b8a05d44d2b88e3e11c9706b7-1845382141.ap-northeast-2.elb.amazonaws.com   80:30686/TCP   11m");
//! let pods = eksnet::kubectl::get_pods(&a, Some("default"), true);
//! assert!(pods.starts_with("NAME                        READY   STATUS    RESTARTS   AGE     IP "));
//! ```

use serde::Serialize;

use crate::cni::{Placement, PodStatus};
use crate::scenario::ServiceType;
use crate::Analysis;

/// One kubectl command and what it prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KubectlView {
    /// The command line, e.g. `kubectl get svc`.
    pub command: String,
    /// Its output, lines ending in `\n`.
    pub output: String,
}

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

/// AGE of nodes (and their DaemonSet pods): console 1's stand-in.
pub const NODE_AGE: &str = "2d21h";
/// AGE of workload pods: console 1's stand-in.
pub const POD_AGE: &str = "7m51s";

/// What a node reports about itself that eksnet does not model (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeInfo {
    /// kubelet version (VERSION).
    pub kubelet_version: String,
    /// OS-IMAGE.
    pub os_image: String,
    /// KERNEL-VERSION.
    pub kernel_version: String,
    /// CONTAINER-RUNTIME.
    pub container_runtime: String,
}

/// The stand-ins for a cluster's Kubernetes `version` (`1.18`, `1.31`).
pub fn node_info(version: &str) -> NodeInfo {
    let v = version.trim().trim_start_matches('v');
    if v == "1.18" {
        // Source 004, console 1.
        return NodeInfo {
            kubelet_version: "v1.18.9-eks-d1db3c".into(),
            os_image: "Amazon Linux 2".into(),
            kernel_version: "4.14.225-169.362.amzn2.x86_64".into(),
            container_runtime: "docker://19.3.13".into(),
        };
    }
    NodeInfo {
        kubelet_version: format!("v{v}.x-eks"),
        os_image: "Amazon Linux 2023".into(),
        kernel_version: "6.1.x-amzn2023.x86_64".into(),
        container_runtime: "containerd://1.7.x".into(),
    }
}

/// `kubectl get nodes` (`-o wide` with `wide`), sorted by name as the API returns them.
pub fn get_nodes(a: &Analysis, wide: bool) -> String {
    nodes_table(a, wide, None)
}

/// `kubectl get pods` in `namespace` (`None`: `--all-namespaces`, with a NAMESPACE
/// column), `-o wide` with `wide`; sorted by namespace and name as the API returns
/// them.
pub fn get_pods(a: &Analysis, namespace: Option<&str>, wide: bool) -> String {
    pods_table(a, namespace, wide, None)
}

/// Keeps the first `limit` of `order` by `cmp` (all when `None`), sorted; the cut
/// costs time linear in the rest, since a cluster may have millions of pods.
fn first_sorted<F>(order: &mut Vec<usize>, limit: Option<usize>, mut cmp: F)
where
    F: FnMut(&usize, &usize) -> std::cmp::Ordering,
{
    if let Some(k) = limit {
        if order.len() > k {
            if k > 0 {
                order.select_nth_unstable_by(k - 1, &mut cmp);
            }
            order.truncate(k);
        }
    }
    order.sort_by(cmp);
}

/// A note after a table cut short (eksnet's, not kubectl's).
fn more(shown: usize, total: usize, what: &str) -> String {
    if total > shown {
        format!("(eksnet: {} more {what} not shown)\n", total - shown)
    } else {
        String::new()
    }
}

fn nodes_table(a: &Analysis, wide: bool, limit: Option<usize>) -> String {
    let m = &a.model;
    if m.nodes.is_empty() {
        return "No resources found\n".into();
    }
    let info = node_info(&m.cluster.version);
    let mut order: Vec<usize> = (0..m.nodes.len()).collect();
    let total = order.len();
    first_sorted(&mut order, limit, |&x, &y| {
        m.nodes[x].name.cmp(&m.nodes[y].name)
    });
    let mut head = vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"];
    if wide {
        head.extend([
            "INTERNAL-IP",
            "EXTERNAL-IP",
            "OS-IMAGE",
            "KERNEL-VERSION",
            "CONTAINER-RUNTIME",
        ]);
    }
    let mut rows = vec![head.into_iter().map(String::from).collect::<Vec<_>>()];
    for &i in &order {
        let Some(n) = m.nodes.get(i) else { continue };
        let ready = a.ipam.nodes.get(i).is_none_or(|x| x.ready);
        let mut r = vec![
            n.name.clone(),
            if ready { "Ready" } else { "NotReady" }.to_string(),
            "<none>".to_string(),
            NODE_AGE.to_string(),
            info.kubelet_version.clone(),
        ];
        if wide {
            r.push(n.private_ip.to_string());
            r.push(n.public_ip.map_or("<none>".into(), |p| p.to_string()));
            r.push(info.os_image.clone());
            r.push(info.kernel_version.clone());
            r.push(info.container_runtime.clone());
        }
        rows.push(r);
    }
    table(&rows) + &more(order.len(), total, "nodes")
}

fn pods_table(a: &Analysis, namespace: Option<&str>, wide: bool, limit: Option<usize>) -> String {
    let ipam = &a.ipam;
    let mut order: Vec<usize> = (0..ipam.pods.len())
        .filter(|&i| namespace.is_none_or(|ns| ipam.pods[i].namespace == ns))
        .collect();
    if order.is_empty() {
        return match namespace {
            Some(ns) => format!("No resources found in {ns} namespace.\n"),
            None => "No resources found\n".into(),
        };
    }
    let total = order.len();
    first_sorted(&mut order, limit, |&x, &y| {
        let (p, q) = (&ipam.pods[x], &ipam.pods[y]);
        (p.namespace.as_str(), p.name.as_str()).cmp(&(q.namespace.as_str(), q.name.as_str()))
    });
    let mut head = Vec::new();
    if namespace.is_none() {
        head.push("NAMESPACE");
    }
    head.extend(["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
    if wide {
        head.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]);
    }
    let mut rows = vec![head.into_iter().map(String::from).collect::<Vec<_>>()];
    for &i in &order {
        let Some(p) = ipam.pods.get(i) else { continue };
        let daemon = ipam.workloads.get(p.workload).is_some_and(|w| w.daemon_set);
        let mut r = Vec::with_capacity(10);
        if namespace.is_none() {
            r.push(p.namespace.to_string());
        }
        r.push(p.name.clone());
        r.push(if p.ready { "1/1" } else { "0/1" }.to_string());
        r.push(p.status.as_str().to_string());
        r.push("0".to_string());
        let age = match p.status {
            PodStatus::Running if daemon => NODE_AGE,
            _ => POD_AGE,
        };
        r.push(age.to_string());
        if wide {
            r.push(p.ip.map_or("<none>".into(), |ip| ip.to_string()));
            let node = match p.placement {
                Placement::Unscheduled => None,
                _ => ipam.node_name(&a.model, i),
            };
            r.push(node.unwrap_or_else(|| "<none>".into()));
            r.push("<none>".into());
            r.push("<none>".into());
        }
        rows.push(r);
    }
    table(&rows) + &more(order.len(), total, "pods")
}

/// Rows of the node and pod views in [`views`]: enough to read, cheap at 100,000
/// nodes.
pub const VIEW_ROWS: usize = 100;

/// The views that have something to show: `get nodes -o wide` and `get pods -o wide`
/// (console 1; at most [`VIEW_ROWS`] rows each), then `get svc` and `get ingress`, for
/// the `default` namespace when everything is there, else for all namespaces (`-A`).
pub fn views(a: &Analysis) -> Vec<KubectlView> {
    let mut out = Vec::new();
    if !a.model.nodes.is_empty() {
        out.push(KubectlView {
            command: "kubectl get nodes -o wide".into(),
            output: nodes_table(a, true, Some(VIEW_ROWS)),
        });
    }
    if !a.ipam.pods.is_empty() {
        let in_default = a.ipam.pods.iter().any(|p| p.namespace == "default");
        out.push(KubectlView {
            command: if in_default {
                "kubectl get pods -o wide".into()
            } else {
                "kubectl get pods -A -o wide".into()
            },
            output: pods_table(a, in_default.then_some("default"), true, Some(VIEW_ROWS)),
        });
    }
    if !a.lbs.services.is_empty() {
        let only_default = a.lbs.services.iter().all(|s| s.namespace == "default");
        out.push(KubectlView {
            command: if only_default {
                "kubectl get svc".into()
            } else {
                "kubectl get svc -A".into()
            },
            output: get_svc(a, only_default.then_some("default")),
        });
    }
    if !a.lbs.ingresses.is_empty() {
        let only_default = a.lbs.ingresses.iter().all(|s| s.namespace == "default");
        out.push(KubectlView {
            command: if only_default {
                "kubectl get ingress".into()
            } else {
                "kubectl get ingress -A".into()
            },
            output: get_ingress(a, only_default.then_some("default")),
        });
    }
    out
}

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
        let cmds: Vec<&str> = v.iter().map(|v| v.command.as_str()).collect();
        assert_eq!(
            cmds,
            [
                "kubectl get nodes -o wide",
                "kubectl get pods -o wide",
                "kubectl get svc"
            ]
        );
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

    /// Source 004, console 1, as printed there.
    const CONSOLE_1_NODES: &str = "\
NAME                                                STATUS   ROLES    AGE     VERSION              INTERNAL-IP      EXTERNAL-IP     OS-IMAGE         KERNEL-VERSION                  CONTAINER-RUNTIME
ip-192-168-46-6.ap-northeast-2.compute.internal     Ready    <none>   2d21h   v1.18.9-eks-d1db3c   192.168.46.6     52.79.236.233   Amazon Linux 2   4.14.225-169.362.amzn2.x86_64   docker://19.3.13
ip-192-168-48-175.ap-northeast-2.compute.internal   Ready    <none>   2d21h   v1.18.9-eks-d1db3c   192.168.48.175   3.35.24.235     Amazon Linux 2   4.14.225-169.362.amzn2.x86_64   docker://19.3.13
ip-192-168-75-136.ap-northeast-2.compute.internal   Ready    <none>   2d21h   v1.18.9-eks-d1db3c   192.168.75.136   52.78.17.141    Amazon Linux 2   4.14.225-169.362.amzn2.x86_64   docker://19.3.13
ip-192-168-90-3.ap-northeast-2.compute.internal     Ready    <none>   2d21h   v1.18.9-eks-d1db3c   192.168.90.3     3.36.73.81      Amazon Linux 2   4.14.225-169.362.amzn2.x86_64   docker://19.3.13
";

    const CONSOLE_1_PODS: &str = "\
NAME                        READY   STATUS    RESTARTS   AGE     IP               NODE                                                NOMINATED NODE   READINESS GATES
my-nginx-5dc4865748-6pr9g   1/1     Running   0          7m51s   192.168.68.109   ip-192-168-90-3.ap-northeast-2.compute.internal     <none>           <none>
my-nginx-5dc4865748-8snkt   1/1     Running   0          7m51s   192.168.73.93    ip-192-168-75-136.ap-northeast-2.compute.internal   <none>           <none>
my-nginx-5dc4865748-g2xzk   1/1     Running   0          7m51s   192.168.36.89    ip-192-168-46-6.ap-northeast-2.compute.internal     <none>           <none>
my-nginx-5dc4865748-m5fhq   1/1     Running   0          7m51s   192.168.63.206   ip-192-168-48-175.ap-northeast-2.compute.internal   <none>           <none>
";

    fn console_1() -> crate::Analysis {
        let mut s = Scenario::example();
        s.cluster.version = "1.18".into();
        analyze(&s)
    }

    #[test]
    fn console_1_is_reproduced_exactly() {
        let a = console_1();
        assert_eq!(get_nodes(&a, true), CONSOLE_1_NODES);
        assert_eq!(get_pods(&a, Some("default"), true), CONSOLE_1_PODS);
    }

    #[test]
    fn narrow_views_and_all_namespaces() {
        let a = analyze(&Scenario::example());
        let nodes = get_nodes(&a, false);
        assert!(nodes.starts_with("NAME"));
        assert!(nodes.contains("   Ready    <none>   2d21h   v1.31.x-eks\n"));
        let pods = get_pods(&a, Some("default"), false);
        assert_eq!(
            pods.lines().next(),
            Some("NAME                        READY   STATUS    RESTARTS   AGE")
        );
        let all = get_pods(&a, None, true);
        assert!(all.starts_with("NAMESPACE     NAME "));
        // 4 nginx pods and 2 system pods per node, sorted: default before kube-system.
        assert_eq!(all.lines().count(), 1 + 4 + 8);
        assert!(all.lines().nth(1).unwrap().starts_with("default "));
        assert!(all.lines().last().unwrap().starts_with("kube-system "));
        assert_eq!(
            get_pods(&a, Some("prod"), false),
            "No resources found in prod namespace.\n"
        );
    }

    #[test]
    fn pending_pods_show_as_kubectl_does() {
        let mut s = Scenario::example();
        s.pods.clear();
        s.workloads[0].replicas = 120; // 4 nodes × (29 − 2) = 108 fit
        let a = analyze(&s);
        let out = get_pods(&a, Some("default"), true);
        let pending: Vec<&str> = out.lines().filter(|l| l.contains(" Pending ")).collect();
        assert_eq!(pending.len(), 12);
        let f: Vec<&str> = pending[0].split_whitespace().collect();
        assert_eq!(
            f[1..],
            ["0/1", "Pending", "0", "7m51s", "<none>", "<none>", "<none>", "<none>"]
        );
    }

    #[test]
    fn table_pads_like_tabwriter() {
        let t = table(&[
            vec!["A".into(), "LONGER".into(), "Z".into()],
            vec!["x".into(), "y".into(), "last".into()],
        ]);
        // Min width 6 for a 1-char column; widest + 3 otherwise; last column unpadded.
        assert_eq!(t, "A     LONGER   Z\nx     y        last\n");
    }
}
