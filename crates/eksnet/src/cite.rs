//! Where a rule comes from. Every diagnostic and every hop cites one.

use serde::{Serialize, Serializer};

/// A document a rule is taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// `000_d40e3ec3cff8c6db.txt`: AWS blog "De-mystifying cluster networking for
    /// Amazon EKS worker nodes" (notes in Korean).
    S000,
    /// `001_1f1d6782be8c80f0.txt`: notes on EKS architecture, endpoints, cluster SG.
    S001,
    /// `002_7d2c3cf8731998dd.txt`: notes on endpoint access modes and their flows.
    S002,
    /// `003_57faaa0ff31bfc0c.txt`: notes on EKS networking, VPC CNI, max pods, IPv6.
    S003,
    /// `004_1ae6e5c7f99dae50.txt`: EKS network and load balancers (figures 1–5,
    /// consoles 1–6).
    S004,
    /// AWS's own documentation (the fidelity notes of the design).
    AwsDocs,
    /// The VPC CNI's instance limits table and `max-pods-calculator.sh`.
    VpcCni,
    /// Kubernetes' own documentation.
    Kubernetes,
}

impl Source {
    /// The file name (for sources) or a short document name.
    pub fn file(self) -> &'static str {
        match self {
            Source::S000 => "000_d40e3ec3cff8c6db.txt",
            Source::S001 => "001_1f1d6782be8c80f0.txt",
            Source::S002 => "002_7d2c3cf8731998dd.txt",
            Source::S003 => "003_57faaa0ff31bfc0c.txt",
            Source::S004 => "004_1ae6e5c7f99dae50.txt",
            Source::AwsDocs => "AWS documentation",
            Source::VpcCni => "amazon-vpc-cni-k8s",
            Source::Kubernetes => "Kubernetes documentation",
        }
    }

    /// Short label (`000`, `aws`, ...).
    pub fn short(self) -> &'static str {
        match self {
            Source::S000 => "000",
            Source::S001 => "001",
            Source::S002 => "002",
            Source::S003 => "003",
            Source::S004 => "004",
            Source::AwsDocs => "aws",
            Source::VpcCni => "vpc-cni",
            Source::Kubernetes => "k8s",
        }
    }
}

/// A citation: a document and the part of it that states the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cite {
    /// The document.
    pub source: Source,
    /// Section, figure or console (`Public endpoint only`, `console 1`).
    pub section: &'static str,
}

impl Cite {
    /// A citation of `section` in `source`.
    pub const fn new(source: Source, section: &'static str) -> Cite {
        Cite { source, section }
    }

    /// `004_1ae6e5c7f99dae50.txt, console 1`.
    pub fn display(&self) -> String {
        if self.section.is_empty() {
            self.source.file().to_string()
        } else {
            format!("{}, {}", self.source.file(), self.section)
        }
    }
}

impl Serialize for Cite {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Cite", 2)?;
        st.serialize_field("source", self.source.file())?;
        st.serialize_field("section", self.section)?;
        st.end()
    }
}
