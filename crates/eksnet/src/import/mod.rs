//! Import: a real cluster's snapshot (AWS CLI JSON, `kubectl -o json`, an eksctl
//! `ClusterConfig`) turned into a [`Scenario`] plus a [`Report`] of what was used,
//! ignored and assumed.
//!
//! The input is a list of `(file name, text)`. Each document is recognised by its
//! content, never its name (`{"cluster": {.., "resourcesVpcConfig"}}` is
//! `aws eks describe-cluster`, `{"Subnets": [..]}` is `aws ec2 describe-subnets`,
//! `{"kind": "List", "items": [..]}` is kubectl, `apiVersion: eksctl.io/v1alpha5`
//! with `kind: ClusterConfig` is eksctl; see [`DocKind`]). One file per source
//! format declares the structs it reads into, holding only the fields eksnet
//! needs, so AWS's new fields are ignored: [`eks`], [`ec2`], [`routes`] (route
//! tables and network ACLs, onto the scenario's own types), [`attachments`],
//! [`instances`], [`kube`], [`eksctl`] (each cites the shapes it follows). They
//! are read from the parsed JSON by hand, one small function per shape, as serde's
//! `#[serde(default)]` derives read them (the same defaults, the same errors at
//! the same JSON pointers), without a deserializer compiled per type. Then
//! the pieces are assembled into one scenario; where the snapshot says nothing the
//! documented default is taken and the report says so.
//!
//! Observed state is kept as observed: kubectl's nodes become pinned nodes
//! ([`NodePin`](crate::scenario::NodePin), with their InternalIP and ExternalIP and
//! their subnet from `describe-instances` or by CIDR), and each pod with a
//! `status.podIP` on a known node becomes a pinned pod
//! ([`PodPin`](crate::scenario::PodPin)), so the pictures show the addresses the
//! cluster really has; the simulation fills in the rest (warm pools, what the next
//! node would get). Pods are grouped into workloads by their owner references (a
//! ReplicaSet `web-5dc4865748` is Deployment `web`).
//!
//! Never panics on any input. An unrecognised file is reported and skipped; a
//! recognised file that does not have the shape AWS or Kubernetes prints stops the
//! import with an `import-malformed` diagnostic naming the file and the JSON
//! pointer of the bad value.
//!
//! ```
//! use eksnet::import::import;
//! let files = vec![
//!     ("subnets.json".to_string(), r#"{"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1",
//!        "AvailabilityZone": "us-west-2a", "CidrBlock": "10.0.0.0/24"}]}"#.to_string()),
//!     ("notes.txt".to_string(), "hello".to_string()),
//! ];
//! let out = import(&files);
//! let s = out.scenario.unwrap();
//! assert_eq!(s.vpc.subnets[0].cidr_block, "10.0.0.0/24");
//! assert!(out.report.files[1].kind.is_none());
//! ```

pub mod anonymise;
pub mod attachments;
pub mod ec2;
pub mod eks;
pub mod eksctl;
pub mod instances;
pub mod kube;
pub mod report;
pub mod routes;
pub mod synthetic;

mod assemble;
mod assemble_k8s;
mod assemble_net;
mod assemble_nodes;
mod read;
mod shapes;
mod shapes_k8s;
mod snapshot;
mod walk;

#[cfg(test)]
mod fabric_tests;
#[cfg(test)]
mod fidelity_tests;
#[cfg(test)]
mod observed_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod walk_tests;

pub use report::{DocKind, FileReport, Located, Note, Report};

use crate::codes::Code;
use crate::{text, Scenario};

/// Largest file accepted (a `kubectl get pods -A -o json` of a large cluster runs
/// to tens of megabytes).
pub const MAX_IMPORT_FILE_BYTES: usize = 256 * 1024 * 1024;

/// The outcome of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The scenario, when one could be made (no malformed file, something
    /// recognised).
    pub scenario: Option<Scenario>,
    /// What happened to each file, what was assumed, dropped and found.
    pub report: Report,
}

/// Imports `files` (`(name, text)` pairs; see the module docs).
pub fn import(files: &[(String, String)]) -> Imported {
    let mut report = Report::default();
    let mut snap = read::Snapshot::default();
    for (i, (name, text)) in files.iter().enumerate() {
        report.files.push(FileReport {
            file: name.clone(),
            kind: None,
            contributed: Vec::new(),
            ignored: None,
        });
        read::read_file(i, name, text, &mut snap, &mut report);
    }
    if report.has_errors() {
        return Imported {
            scenario: None,
            report,
        };
    }
    if report.files.iter().all(|f| f.kind.is_none()) {
        report.diag(
            "",
            Code::ImportNothing,
            "",
            text!(
                "no file was recognised as AWS CLI, kubectl or eksctl output",
                "AWS CLI, kubectl, eksctl 출력으로 알아본 파일이 하나도 없다"
            ),
        );
        return Imported {
            scenario: None,
            report,
        };
    }
    let scenario = if snap.has_aws_or_k8s() || snap.eksctl.is_empty() {
        if let Some(e) = snap.eksctl.first() {
            let f = snap.name(e.file).to_string();
            report.drop_note(
                &f,
                "",
                text!(
                    "an eksctl config describes a cluster before it exists; the snapshot of the real one is used instead",
                    "eksctl 설정은 만들기 전의 클러스터라서, 실제 클러스터의 스냅숏을 대신 쓴다"
                ),
            );
        }
        assemble::assemble(&snap, &mut report)
    } else {
        eksctl::assemble(&snap, &mut report)
    };
    Imported {
        scenario: Some(scenario),
        report,
    }
}
