//! Node labels as the scheduler matches them against a workload's `nodeSelector`
//! (the labels eksnet knows on its nodes), and the Fargate profile a selector
//! sends pods to.

use std::collections::BTreeMap;

use crate::codes::Code;
use crate::scenario::NodeGroupKind;
use crate::{text, Diagnostic, Model};

/// The value of a well-known label on node `n`.
pub(crate) fn node_label<'m>(m: &'m Model, n: usize, key: &str) -> Option<&'m str> {
    let node = m.nodes.get(n)?;
    match key {
        "eks.amazonaws.com/nodegroup" => m.node_groups.get(node.group).map(|g| g.name.as_str()),
        "topology.kubernetes.io/zone" | "failure-domain.beta.kubernetes.io/zone" => {
            m.subnets.get(node.subnet).map(|s| s.az.as_str())
        }
        "topology.kubernetes.io/region" | "failure-domain.beta.kubernetes.io/region" => {
            Some(m.cluster.region.as_str())
        }
        "kubernetes.io/hostname" => Some(node.name.as_str()),
        "node.kubernetes.io/instance-type" | "beta.kubernetes.io/instance-type" => m
            .node_groups
            .get(node.group)
            .map(|g| g.instance_type.as_str()),
        "kubernetes.io/os" | "beta.kubernetes.io/os" => Some("linux"),
        _ => None,
    }
}

const KNOWN_LABELS: &[&str] = &[
    "eks.amazonaws.com/nodegroup",
    "eks.amazonaws.com/compute-type",
    "topology.kubernetes.io/zone",
    "failure-domain.beta.kubernetes.io/zone",
    "topology.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/region",
    "kubernetes.io/hostname",
    "node.kubernetes.io/instance-type",
    "beta.kubernetes.io/instance-type",
    "kubernetes.io/os",
    "beta.kubernetes.io/os",
];

pub(super) fn matches(m: &Model, n: usize, selector: &BTreeMap<String, String>) -> bool {
    selector
        .iter()
        .all(|(k, v)| node_label(m, n, k) == Some(v.as_str()))
}

/// The Fargate group a selector sends pods to, if any: `Ok(Some(g))`, or `Err(())`
/// when it asks for Fargate and there is none.
pub(super) fn fargate_target(
    m: &Model,
    selector: &BTreeMap<String, String>,
) -> Result<Option<usize>, ()> {
    let fargate = |g: &&crate::model::NodeGroupModel| g.kind == NodeGroupKind::Fargate;
    if let Some(name) = selector.get("eks.amazonaws.com/nodegroup") {
        if let Some(g) = m
            .node_groups
            .iter()
            .position(|g| fargate(&g) && &g.name == name)
        {
            return Ok(Some(g));
        }
    }
    if selector
        .get("eks.amazonaws.com/compute-type")
        .map(String::as_str)
        == Some("fargate")
    {
        return m
            .node_groups
            .iter()
            .position(|g| fargate(&g))
            .map(Some)
            .ok_or(());
    }
    Ok(None)
}

/// Diagnoses `nodeSelector` labels that no node of the model carries.
pub(super) fn unknown_labels(m: &Model, diags: &mut Vec<Diagnostic>) {
    let s = &m.k8s;
    for (i, w) in s.workloads.iter().enumerate() {
        for key in w.node_selector.keys() {
            if !KNOWN_LABELS.contains(&key.as_str()) {
                diags.push(Diagnostic::new(
                    Code::NodeSelectorUnknownLabel,
                    format!("/workloads/{i}/nodeSelector/{}", key.replace('/', "~1")),
                    text!(
                        "no node carries the label `{key}` in eksnet's model, so no node matches",
                        "eksnet 모델의 노드에는 `{key}` 레이블이 없어 어떤 노드도 맞지 않는다"
                    ),
                )
                .fix(text!(
                    "select on eks.amazonaws.com/nodegroup, topology.kubernetes.io/zone or kubernetes.io/hostname",
                    "eks.amazonaws.com/nodegroup, topology.kubernetes.io/zone, kubernetes.io/hostname으로 고른다"
                )));
            }
        }
    }
}
