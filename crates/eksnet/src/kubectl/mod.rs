//! What `kubectl get ...` prints for the model, in kubectl's own column layout:
//! nodes and pods (source 004, console 1; [`nodes`]), Services and Ingresses
//! (consoles 2–6; [`services`]).

pub mod nodes;
pub mod services;

use serde::Serialize;

use crate::Analysis;
pub use nodes::{get_nodes, get_pods, node_info, NodeInfo, NODE_AGE, POD_AGE};
pub use services::{get_ingress, get_svc};

/// One kubectl command and what it prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KubectlView {
    /// The command line, e.g. `kubectl get svc`.
    pub command: String,
    /// Its output, lines ending in `\n`.
    pub output: String,
}

/// Every view with something to show, in the order a person would type them:
/// `get nodes -o wide`, `get pods -o wide` (`-A` when nothing runs in `default`),
/// `get svc`, `get ingress`. Node and pod views show at most [`nodes::VIEW_ROWS`]
/// rows (then a line saying how many more), so that a 100,000-node cluster stays
/// cheap to show.
pub fn views(a: &Analysis) -> Vec<KubectlView> {
    commands(a)
        .into_iter()
        .map(|command| KubectlView {
            output: output(a, &command).unwrap_or_default(),
            command,
        })
        .collect()
}

/// The commands of [`views`], without their output: cheap at any size (the
/// output of `get pods` reads every pod's name, millions in a large cluster), for
/// a console that prints a view only when it is asked for.
pub fn commands(a: &Analysis) -> Vec<String> {
    let mut out = Vec::new();
    if !a.model.nodes.is_empty() {
        out.push(GET_NODES.to_string());
    }
    if !a.ipam.pods.is_empty() {
        out.push(
            if in_default(a) {
                GET_PODS
            } else {
                GET_PODS_ALL
            }
            .to_string(),
        );
    }
    out.extend(services::commands(a));
    out
}

/// What `command` (one of [`commands`]) prints; `None` for any other command.
pub fn output(a: &Analysis, command: &str) -> Option<String> {
    let rows = Some(nodes::VIEW_ROWS);
    match command {
        GET_NODES => Some(nodes::nodes_table(a, true, rows)),
        GET_PODS => Some(nodes::pods_table(a, Some("default"), true, rows)),
        GET_PODS_ALL => Some(nodes::pods_table(a, None, true, rows)),
        _ => services::output(a, command),
    }
}

/// [`output`], awaiting `pause()` every [`nodes::PER_PAUSE`] pods while `get
/// pods` reads their names (the web app yields to the browser there, so that a
/// 100,000-node cluster's three million pods never hold the page). Same output.
pub async fn output_paced<P, W>(a: &Analysis, command: &str, mut pause: P) -> Option<String>
where
    P: FnMut() -> W,
    W: std::future::Future<Output = ()>,
{
    let rows = Some(nodes::VIEW_ROWS);
    let ns = match command {
        GET_PODS => Some("default"),
        GET_PODS_ALL => None,
        _ => return output(a, command),
    };
    Some(nodes::pods_table_paced(a, ns, true, rows, &mut pause).await)
}

const GET_NODES: &str = "kubectl get nodes -o wide";
const GET_PODS: &str = "kubectl get pods -o wide";
const GET_PODS_ALL: &str = "kubectl get pods -A -o wide";

/// Whether any pod runs in `default` (read field by field: a whole pod would
/// derive its name).
fn in_default(a: &Analysis) -> bool {
    let pods = &a.ipam.pods;
    (0..pods.len()).any(|i| pods.namespace(i).is_some_and(|n| *n == "default"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, generate, pace, Scenario};

    #[test]
    fn views_are_the_commands_and_their_outputs() {
        for s in [Scenario::example(), generate::large(40, 5)] {
            let a = analyze(&s);
            let v = views(&a);
            let c = commands(&a);
            assert_eq!(
                v.iter().map(|v| &v.command).collect::<Vec<_>>(),
                c.iter().collect::<Vec<_>>()
            );
            assert!(c.len() >= 3, "{c:?}");
            for v in &v {
                assert_eq!(output(&a, &v.command).as_deref(), Some(v.output.as_str()));
            }
        }
        assert_eq!(
            output(&analyze(&Scenario::example()), "kubectl get secrets"),
            None
        );
    }

    /// `get pods` pauses every `PER_PAUSE` pods it reads, and prints what the
    /// unpaced view prints.
    #[test]
    fn paced_get_pods_is_get_pods() {
        let a = analyze(&generate::large(4_000, 30));
        let pods = a.ipam.pods.len();
        assert!(pods > nodes::PER_PAUSE, "{pods}");
        for command in commands(&a) {
            let mut pauses = 0;
            let paced = pace::run_ready(output_paced(&a, &command, || {
                pauses += 1;
                std::future::ready(())
            }));
            assert_eq!(paced, output(&a, &command), "{command}");
            let read = if command.starts_with("kubectl get pods") {
                let ns = |i| a.ipam.pods.namespace(i).is_some_and(|n| *n == "default");
                if command.contains(" -A") {
                    pods
                } else {
                    (0..pods).filter(|&i| ns(i)).count()
                }
            } else {
                0
            };
            assert_eq!(pauses, read / nodes::PER_PAUSE, "{command}");
        }
    }
}
