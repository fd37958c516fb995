//! The import report: per file, what it was recognised as and what it gave; what was
//! ignored and why; what was assumed; conflicts and errors as located diagnostics
//! (file + JSON pointer).

use serde::Serialize;

use crate::codes::Code;
use crate::{Diagnostic, Text};

/// What a file was recognised as (by its content, never its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// `aws eks describe-cluster`.
    EksCluster,
    /// `aws eks describe-nodegroup`.
    EksNodegroup,
    /// `aws eks describe-fargate-profile`.
    EksFargateProfile,
    /// `aws eks describe-addon` (the `vpc-cni` add-on).
    EksAddon,
    /// `aws ec2 describe-vpcs`.
    Ec2Vpcs,
    /// `aws ec2 describe-vpc-attribute`.
    Ec2VpcAttribute,
    /// `aws ec2 describe-subnets`.
    Ec2Subnets,
    /// `aws ec2 describe-route-tables`.
    Ec2RouteTables,
    /// `aws ec2 describe-internet-gateways`.
    Ec2InternetGateways,
    /// `aws ec2 describe-nat-gateways`.
    Ec2NatGateways,
    /// `aws ec2 describe-security-groups`.
    Ec2SecurityGroups,
    /// `aws ec2 describe-security-group-rules` (the same rules, one by one).
    Ec2SecurityGroupRules,
    /// `aws ec2 describe-vpc-endpoints`.
    Ec2VpcEndpoints,
    /// `aws ec2 describe-dhcp-options`.
    Ec2DhcpOptions,
    /// `aws ec2 describe-instances`.
    Ec2Instances,
    /// `aws ec2 describe-network-interfaces`.
    Ec2NetworkInterfaces,
    /// `aws ec2 describe-network-acls` (mapped onto `vpc.networkAcls`).
    Ec2NetworkAcls,
    /// `aws ec2 describe-vpc-peering-connections` (reported where routes name them).
    Ec2PeeringConnections,
    /// `aws ec2 describe-transit-gateway-attachments` (reported where routes name them).
    Ec2TransitGatewayAttachments,
    /// `kubectl get ... -o json`: a `List` or one object (nodes, pods, Services,
    /// Ingresses, ENIConfigs, the `aws-node` DaemonSet).
    Kubectl,
    /// An eksctl `ClusterConfig` (`apiVersion: eksctl.io/v1alpha5`).
    EksctlConfig,
}

impl DocKind {
    /// The command that prints this document.
    pub fn command(self) -> &'static str {
        use DocKind::*;
        match self {
            EksCluster => "aws eks describe-cluster",
            EksNodegroup => "aws eks describe-nodegroup",
            EksFargateProfile => "aws eks describe-fargate-profile",
            EksAddon => "aws eks describe-addon",
            Ec2Vpcs => "aws ec2 describe-vpcs",
            Ec2VpcAttribute => "aws ec2 describe-vpc-attribute",
            Ec2Subnets => "aws ec2 describe-subnets",
            Ec2RouteTables => "aws ec2 describe-route-tables",
            Ec2InternetGateways => "aws ec2 describe-internet-gateways",
            Ec2NatGateways => "aws ec2 describe-nat-gateways",
            Ec2SecurityGroups => "aws ec2 describe-security-groups",
            Ec2SecurityGroupRules => "aws ec2 describe-security-group-rules",
            Ec2VpcEndpoints => "aws ec2 describe-vpc-endpoints",
            Ec2DhcpOptions => "aws ec2 describe-dhcp-options",
            Ec2Instances => "aws ec2 describe-instances",
            Ec2NetworkInterfaces => "aws ec2 describe-network-interfaces",
            Ec2NetworkAcls => "aws ec2 describe-network-acls",
            Ec2PeeringConnections => "aws ec2 describe-vpc-peering-connections",
            Ec2TransitGatewayAttachments => "aws ec2 describe-transit-gateway-attachments",
            Kubectl => "kubectl get -o json",
            EksctlConfig => "eksctl ClusterConfig",
        }
    }
}

/// One input file and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileReport {
    /// The file's name as given.
    pub file: String,
    /// What it was recognised as; `None` when it was not (then `ignored` says why).
    pub kind: Option<DocKind>,
    /// What it contributed to the scenario, one line each.
    pub contributed: Vec<Text>,
    /// Why it was skipped, when it was.
    pub ignored: Option<Text>,
}

/// A statement about one place of one file (an assumption, something dropped).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    /// The file it is about (empty: the snapshot as a whole, e.g. a missing file).
    pub file: String,
    /// JSON pointer in that file (empty: the whole file).
    pub pointer: String,
    /// What was assumed or dropped.
    pub text: Text,
}

/// A diagnostic located in an input file: `diagnostic.path` is the JSON pointer
/// inside `file`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Located {
    /// The file.
    pub file: String,
    /// The finding; its `path` is a JSON pointer into `file`.
    pub diagnostic: Diagnostic,
}

impl Located {
    /// `file#/pointer: message` in English, for one-line output.
    pub fn display(&self) -> String {
        format!(
            "{}#{}: {}",
            self.file, self.diagnostic.path, self.diagnostic.message.en
        )
    }
}

/// Everything an import did, in the order of its input.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// One entry per input file, in input order.
    pub files: Vec<FileReport>,
    /// Defaults taken where the snapshot said nothing (AWS's, Kubernetes' or
    /// eksctl's documented defaults).
    pub assumed: Vec<Note>,
    /// Data read but not (yet) modelled, or left out on purpose, and why.
    pub dropped: Vec<Note>,
    /// Errors and conflicts, each naming its file and JSON pointer.
    pub diagnostics: Vec<Located>,
}

impl Report {
    /// Whether an error (a malformed file, nothing usable) stopped the import.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.diagnostic.is_error())
    }

    pub(crate) fn file(&mut self, i: usize) -> Option<&mut FileReport> {
        self.files.get_mut(i)
    }

    pub(crate) fn contributed(&mut self, i: usize, t: Text) {
        if let Some(f) = self.file(i) {
            f.contributed.push(t);
        }
    }

    pub(crate) fn assume(&mut self, file: &str, pointer: &str, text: Text) {
        self.assumed.push(Note {
            file: file.into(),
            pointer: pointer.into(),
            text,
        });
    }

    pub(crate) fn drop_note(&mut self, file: &str, pointer: &str, text: Text) {
        self.dropped.push(Note {
            file: file.into(),
            pointer: pointer.into(),
            text,
        });
    }

    pub(crate) fn diag(&mut self, file: &str, code: Code, pointer: &str, message: Text) {
        self.diagnostics.push(Located {
            file: file.into(),
            diagnostic: Diagnostic::new(code, pointer, message),
        });
    }

    /// The report as text, in `lang`, for a terminal.
    pub fn render(&self, lang: crate::Lang) -> String {
        use std::fmt::Write;
        let ko = lang == crate::Lang::Ko;
        let mut out = String::new();
        for f in &self.files {
            let what = match f.kind {
                Some(k) => k.command().to_string(),
                None if ko => "알 수 없음".into(),
                None => "not recognised".into(),
            };
            let _ = writeln!(out, "{}: {what}", f.file);
            for c in &f.contributed {
                let _ = writeln!(out, "  + {}", c.get(lang));
            }
            if let Some(i) = &f.ignored {
                let _ = writeln!(out, "  - {}", i.get(lang));
            }
        }
        let section = |out: &mut String, title: &str, notes: &[Note]| {
            if notes.is_empty() {
                return;
            }
            let _ = writeln!(out, "{title}:");
            for n in notes {
                let at = if n.file.is_empty() {
                    String::new()
                } else {
                    format!("{}#{}: ", n.file, n.pointer)
                };
                let _ = writeln!(out, "  {at}{}", n.text.get(lang));
            }
        };
        section(
            &mut out,
            if ko { "가정한 것" } else { "assumed" },
            &self.assumed,
        );
        section(
            &mut out,
            if ko {
                "버리거나 보관만 한 것"
            } else {
                "dropped or kept aside"
            },
            &self.dropped,
        );
        for d in &self.diagnostics {
            let sev = format!("{:?}", d.diagnostic.severity).to_ascii_lowercase();
            let _ = writeln!(
                out,
                "{sev}[{}] {}#{}: {}",
                d.diagnostic.code,
                d.file,
                d.diagnostic.path,
                d.diagnostic.message.get(lang)
            );
        }
        out
    }
}
