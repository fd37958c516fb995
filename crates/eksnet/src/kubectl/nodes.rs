//! `kubectl get nodes` and `kubectl get pods`, in kubectl's own layout.
//!
//! kubectl prints tables through Go's `text/tabwriter` with a minimum cell width of 6,
//! a padding of 3 and the last column unpadded: each column is as wide as its widest
//! cell plus three spaces (at least six). [`table`] does the same, so that any view
//! (nodes and pods here; Services and Ingresses elsewhere) lines up as kubectl's
//! does. Source 004's console 1 is reproduced exactly (see the tests).
//!
//! What eksnet does not model is shown with fixed stand-ins: AGE is console 1's
//! (`2d21h` for nodes and system pods, `7m51s` for workload pods); VERSION, OS-IMAGE,
//! KERNEL-VERSION and CONTAINER-RUNTIME are console 1's for Kubernetes 1.18, and for
//! other versions name the version with `x` for the patch levels eksnet does not know.
//!
//! ```
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let out = eksnet::kubectl::get_pods(&a, Some("default"), true);
//! assert!(out.starts_with("NAME                        READY   STATUS    RESTARTS   AGE     IP "));
//! ```

use crate::cni::{Placement, PodStatus};
use crate::Analysis;

/// kubectl's tabwriter: minimum cell width.
const MIN_WIDTH: usize = 6;
/// kubectl's tabwriter: padding after the widest cell.
const PADDING: usize = 3;
/// AGE of nodes (and their DaemonSet pods): console 1's stand-in.
pub const NODE_AGE: &str = "2d21h";
/// AGE of workload pods: console 1's stand-in.
pub const POD_AGE: &str = "7m51s";

/// Lays out `headers` and `rows` as kubectl does (see the module docs). Every line
/// ends with a newline.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let cols = headers.len();
    let mut width = vec![0usize; cols];
    let cells = std::iter::once(
        headers
            .iter()
            .map(|h| h.chars().count())
            .collect::<Vec<_>>(),
    )
    .chain(
        rows.iter()
            .map(|r| r.iter().map(|c| c.chars().count()).collect()),
    );
    for row in cells {
        for (w, n) in width.iter_mut().zip(row) {
            *w = (*w).max(n);
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let cells: Vec<&str> = cells.collect();
        for (i, c) in cells.iter().enumerate() {
            out.push_str(c);
            if i + 1 < cells.len() {
                let w = (width.get(i).copied().unwrap_or(0) + PADDING).max(MIN_WIDTH);
                let n = c.chars().count();
                out.extend(std::iter::repeat_n(' ', w.saturating_sub(n)));
            }
        }
        out.push('\n');
    };
    line(&mut headers.iter().copied());
    for r in rows {
        line(&mut r.iter().map(String::as_str));
    }
    out
}

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

/// The first `limit` of `items` by `key` (all when `None`), sorted, and how many
/// items there were. One pass: each item's key is made once (a pod's name is
/// derived, not stored) and compared with the worst kept so far; it is only rarely
/// inserted, so a cluster of millions of pods costs about one key and one
/// comparison per pod. Ties keep the items' order.
fn first_sorted<I, K, F>(items: I, limit: Option<usize>, key: F) -> (Vec<usize>, usize)
where
    I: Iterator<Item = usize>,
    K: Ord,
    F: FnMut(usize) -> K,
{
    crate::pace::run_ready(first_sorted_paced(items, limit, key, &mut || {
        std::future::ready(())
    }))
}

/// [`first_sorted`], awaiting `pause()` after every [`PER_PAUSE`] items.
async fn first_sorted_paced<I, K, F, P, W>(
    items: I,
    limit: Option<usize>,
    mut key: F,
    pause: &mut P,
) -> (Vec<usize>, usize)
where
    I: Iterator<Item = usize>,
    K: Ord,
    F: FnMut(usize) -> K,
    P: FnMut() -> W,
    W: std::future::Future<Output = ()>,
{
    let mut best: Vec<(K, usize)> = Vec::with_capacity(limit.map_or(0, |k| k.min(1024) + 1));
    let mut total = 0;
    for x in items {
        total += 1;
        if total % PER_PAUSE == 0 {
            pause().await;
        }
        let kx = key(x);
        let Some(k) = limit else {
            best.push((kx, x));
            continue;
        };
        if best.len() == k && best.last().is_none_or(|w| kx >= w.0) {
            continue;
        }
        let at = best.partition_point(|b| b.0 <= kx);
        best.insert(at, (kx, x));
        best.truncate(k);
    }
    if limit.is_none() {
        crate::sort::sort_by(&mut best, |a, b| a.0.cmp(&b.0));
    }
    (best.into_iter().map(|(_, x)| x).collect(), total)
}

/// Items [`first_sorted_paced`] reads between two pauses: pods whose names are
/// derived (some ten milliseconds of work in a browser; the web app's pause
/// yields only once a slice's time is spent, so a finer step costs nothing).
/// Kept within a tenth of the analysis's time for the same cluster (see
/// `pace::tests::no_work_after_the_analysis_is_long`).
pub const PER_PAUSE: usize = 25_000;

/// A note after a table cut short (eksnet's, not kubectl's).
fn more(shown: usize, total: usize, one: &str, many: &str) -> String {
    if total > shown {
        let n = crate::text::count(total - shown, one, many);
        format!("(eksnet: {n} not shown)\n")
    } else {
        String::new()
    }
}

pub(super) fn nodes_table(a: &Analysis, wide: bool, limit: Option<usize>) -> String {
    let m = &a.model;
    // A node that never registered is an EC2 instance, not a Kubernetes node: the
    // API server has no Node object for it (see `rules::registration`).
    let reg = &m.registration;
    if reg.registered() == 0 {
        return "No resources found\n".into();
    }
    let info = node_info(&m.cluster.version);
    let listed = (0..m.nodes.len()).filter(|&i| reg.registers(i));
    let (order, total) = first_sorted(listed, limit, |x| m.nodes[x].name.as_str());
    let mut headers = vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"];
    if wide {
        headers.extend([
            "INTERNAL-IP",
            "EXTERNAL-IP",
            "OS-IMAGE",
            "KERNEL-VERSION",
            "CONTAINER-RUNTIME",
        ]);
    }
    let mut rows = Vec::with_capacity(order.len());
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
    table(&headers, &rows) + &more(order.len(), total, "more node", "more nodes")
}

pub(super) fn pods_table(
    a: &Analysis,
    namespace: Option<&str>,
    wide: bool,
    limit: Option<usize>,
) -> String {
    crate::pace::run_ready(pods_table_paced(a, namespace, wide, limit, &mut || {
        std::future::ready(())
    }))
}

/// [`pods_table`], awaiting `pause()` after every [`PER_PAUSE`] pods read.
pub(super) async fn pods_table_paced<P, W>(
    a: &Analysis,
    namespace: Option<&str>,
    wide: bool,
    limit: Option<usize>,
    pause: &mut P,
) -> String
where
    P: FnMut() -> W,
    W: std::future::Future<Output = ()>,
{
    let ipam = &a.ipam;
    let in_namespace = (0..ipam.pods.len())
        .filter(|&i| namespace.is_none_or(|ns| ipam.pods.namespace(i).is_some_and(|x| *x == ns)));
    let key = |x| (ipam.pods.namespace(x), ipam.pods.name(x));
    let (order, total) = first_sorted_paced(in_namespace, limit, key, pause).await;
    if total == 0 {
        return match namespace {
            Some(ns) => format!("No resources found in {ns} namespace.\n"),
            None => "No resources found\n".into(),
        };
    }
    let mut headers = Vec::new();
    if namespace.is_none() {
        headers.push("NAMESPACE");
    }
    headers.extend(["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
    if wide {
        headers.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]);
    }
    let mut rows = Vec::with_capacity(order.len());
    for &i in &order {
        let Some(p) = ipam.pods.get(i) else { continue };
        let daemon = ipam.workloads.get(p.workload).is_some_and(|w| w.daemon_set);
        let mut r = Vec::with_capacity(10);
        if namespace.is_none() {
            r.push(p.namespace.to_string());
        }
        r.push(p.name.to_string());
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
    table(&headers, &rows) + &more(order.len(), total, "more pod", "more pods")
}

/// Rows of the node and pod views in [`super::views`]: enough to read, cheap at 100,000
/// nodes.
pub const VIEW_ROWS: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sorted_is_the_head_of_a_stable_sort() {
        let mut x: u64 = 7;
        let keys: Vec<u32> = (0..5_000)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 40) as u32 % 700
            })
            .collect();
        let mut sorted: Vec<usize> = (0..keys.len()).collect();
        sorted.sort_by_key(|&i| keys[i]);
        for k in [0, 1, 5, 100, 4_999, 5_000, 9_000] {
            let (got, total) = first_sorted(0..keys.len(), Some(k), |a| keys[a]);
            assert_eq!(total, keys.len());
            assert_eq!(got, sorted[..k.min(keys.len())], "k = {k}");
        }
        let (all, _) = first_sorted(0..keys.len(), None, |a| keys[a]);
        assert_eq!(all, sorted);
    }
    use crate::{analyze, Scenario};

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
        let t = table(
            &["A", "LONGER", "Z"],
            &[vec!["x".into(), "y".into(), "last".into()]],
        );
        // Min width 6 for a 1-char column; widest + 3 otherwise; last column unpadded.
        assert_eq!(t, "A     LONGER   Z\nx     y        last\n");
    }
}

#[cfg(test)]
mod limits {
    use super::*;
    use crate::{analyze, generate};

    #[test]
    fn views_show_the_first_rows_of_big_clusters() {
        let a = analyze(&generate::large(300, 10));
        let out = pods_table(&a, Some("default"), true, Some(VIEW_ROWS));
        assert_eq!(out.lines().count(), 1 + VIEW_ROWS + 1);
        assert!(
            out.ends_with("(eksnet: 2900 more pods not shown)\n"),
            "{out}"
        );
        // The first rows of the full, sorted listing.
        let full = get_pods(&a, Some("default"), true);
        let head: Vec<&str> = full.lines().skip(1).take(3).collect();
        let cut: Vec<&str> = out.lines().skip(1).take(3).collect();
        assert_eq!(
            head.iter()
                .map(|l| l.split_whitespace().next())
                .collect::<Vec<_>>(),
            cut.iter()
                .map(|l| l.split_whitespace().next())
                .collect::<Vec<_>>()
        );
        let nodes = nodes_table(&a, false, Some(VIEW_ROWS));
        assert!(nodes.ends_with("(eksnet: 200 more nodes not shown)\n"));
    }
}
