//! Which nodes register with the cluster: decided once, read by the scheduler,
//! `kubectl get nodes`, the checks and the scenes.
//!
//! A node whose kubelet cannot reach the API server never registers: it is an EC2
//! instance (it holds its address, it is billed) but not a Kubernetes node, so it is
//! not in `kubectl get nodes`, the scheduler does not know it and nothing runs on it
//! (source 000, "EKS Cluster Architecture"; AWS reports such a managed node group
//! with the health issue `NodeCreationFailure`: "Your launched instances are unable
//! to register with your Amazon EKS cluster", botocore's EKS `Issue.code`).
//!
//! The decision *is* the kubelet trace (`kubelet:<node>`), one per class of nodes
//! that behave alike (node group, subnet, whether the node has a public IP and
//! whether `publicAccessCidrs` admits it), so thousands of nodes cost a handful of
//! traces.
//!
//! ```
//! use eksnet::{analyze, Scenario};
//! let mut s = Scenario::example();
//! let a = analyze(&s);
//! assert!(a.model.registration.never.is_empty());
//! // Nodes in a subnet without a way out, and the public endpoint only: they never
//! // register, and kubectl does not list them.
//! for sub in &mut s.vpc.subnets {
//!     sub.default_route = None;
//! }
//! let a = analyze(&s);
//! assert_eq!(a.model.registration.registered(), 0);
//! assert_eq!(eksnet::kubectl::get_nodes(&a, false), "No resources found\n");
//! ```

use std::collections::BTreeMap;

use crate::model::Model;
use crate::trace::{control, route, Trace};

/// A class of nodes that never registers, and the kubelet trace that shows why.
#[derive(Debug, Clone)]
pub struct NeverRegisters {
    /// Its first node (index into `Model::nodes`).
    pub first: usize,
    /// How many nodes the class has.
    pub count: usize,
    /// The first node's kubelet trace (blocked).
    pub trace: Trace,
}

/// Which nodes register (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct Registration {
    /// Per node: `u32::MAX` when it registers, else the index of its class in
    /// `never`.
    class: Vec<u32>,
    /// The classes of nodes that never register, in order of their first node.
    pub never: Vec<NeverRegisters>,
}

impl Registration {
    /// Whether node `n` registers (an unknown node does not).
    pub fn registers(&self, n: usize) -> bool {
        self.class.get(n).is_some_and(|&c| c == u32::MAX)
    }

    /// Why node `n` never registers, if it does not.
    pub fn why_not(&self, n: usize) -> Option<&NeverRegisters> {
        self.class.get(n).and_then(|&c| self.never.get(c as usize))
    }

    /// How many nodes register.
    pub fn registered(&self) -> usize {
        self.class.iter().filter(|&&c| c == u32::MAX).count()
    }

    /// How many nodes never register.
    pub fn unregistered(&self) -> usize {
        self.class.len() - self.registered()
    }
}

/// Decides which of the model's nodes register (see the module docs).
pub fn decide(m: &Model) -> Registration {
    // Class key → (first node, trace verdict index or MAX).
    let mut seen: BTreeMap<(usize, usize, bool, bool), u32> = BTreeMap::new();
    let mut out = Registration {
        class: Vec::with_capacity(m.nodes.len()),
        never: Vec::new(),
    };
    for (n, node) in m.nodes.iter().enumerate() {
        let admitted = route::public_access_allows(m, node.public_ip);
        let key = (node.group, node.subnet, node.public_ip.is_some(), admitted);
        let c = *seen.entry(key).or_insert_with(|| {
            let t = control::kubelet(m, format!("kubelet:{}", node.name), n);
            if t.is_reachable() {
                u32::MAX
            } else {
                out.never.push(NeverRegisters {
                    first: n,
                    count: 0,
                    trace: t,
                });
                (out.never.len() - 1) as u32
            }
        });
        if let Some(x) = out.never.get_mut(c as usize) {
            x.count += 1;
        }
        out.class.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::cni::{Placement, PodStatus};
    use crate::kubectl;
    use crate::scenario::*;
    use crate::testkit::{lab, with_code};

    /// The lab with the public endpoint only and the private subnet without NAT:
    /// the private node's kubelet cannot reach the endpoint.
    fn stranded() -> Scenario {
        let mut s = lab(true, false);
        s.vpc.subnets[2].default_route = None;
        s.workloads = vec![Workload {
            name: "web".into(),
            replicas: 4,
            ..Workload::default()
        }];
        s
    }

    #[test]
    fn a_node_that_cannot_reach_the_endpoint_is_not_a_node() {
        let s = stranded();
        let a = crate::analyze(&s);
        let reg = &a.model.registration;
        let stranded = a.model.node_index("ip-192-168-130-10").expect("node");
        let fine = a.model.node_index("ip-192-168-46-6").expect("node");
        assert!(!reg.registers(stranded) && reg.registers(fine));
        assert_eq!((reg.registered(), reg.unregistered()), (1, 1));
        // The check says so, from the same fact, with AWS's code for it.
        let d = with_code(&s, "node-cannot-reach-endpoint");
        assert_eq!(d[0].aws_code, Some("NodeCreationFailure"));
        let json = serde_json::to_string(&d[0]).unwrap();
        assert!(
            json.contains(r#""awsCode":"NodeCreationFailure""#),
            "{json}"
        );
        // kubectl does not list it.
        let nodes = kubectl::get_nodes(&a, false);
        assert!(!nodes.contains("ip-192-168-130-10"), "{nodes}");
        assert!(nodes.contains("ip-192-168-46-6"));
        // Nothing runs on it: no aws-node or kube-proxy, no replica.
        assert!(a.ipam.pods.iter().all(|p| p.node != Some(stranded)));
        assert!(!a.ipam.nodes.get(stranded).unwrap().ready);
        let web: Vec<_> = a.ipam.pods.iter().filter(|p| p.workload == 0).collect();
        assert!(web
            .iter()
            .all(|p| p.placement == Placement::Node { node: fine }));
        assert!(web.iter().all(|p| p.status == PodStatus::Running));
    }

    #[test]
    fn with_no_node_registered_every_pod_is_pending_and_says_why() {
        let mut s = stranded();
        s.node_groups.remove(0);
        let a = crate::analyze(&s);
        assert_eq!(kubectl::get_nodes(&a, false), "No resources found\n");
        let web: Vec<_> = a.ipam.pods.iter().filter(|p| p.workload == 0).collect();
        assert_eq!(web.len(), 4);
        for p in web {
            assert_eq!(p.status, PodStatus::Pending);
            let why = p.problem.expect("a reason").message(&a.model);
            assert!(why.en.starts_with("0/0 nodes are available"), "{}", why.en);
            assert!(
                why.en.contains("1 EC2 instance never registered"),
                "{}",
                why.en
            );
            assert!(why.ko.contains("등록되지 못했다"));
        }
        let d = with_code(&s, "pods-unschedulable");
        assert!(d[0].message.en.contains("never registered"), "{:?}", d);
    }
}
