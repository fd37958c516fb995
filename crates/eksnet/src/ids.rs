//! Stable ids for everything that is drawn or traced.
//!
//! An id names a model thing, not a shape: the same id appears in a trace hop, in a
//! [`crate::scene::Shape`], as the `data-id` attribute in the DOM and in exported
//! SVG, so tests, themes and embedding pages can rely on it. Ids are built only
//! here. Their grammar:
//!
//! | id | thing |
//! |---|---|
//! | `internet` | the public internet |
//! | `client:<name>` | a kubectl client |
//! | `net:<name>` | a connected network |
//! | `cp` | the AWS-managed control-plane VPC |
//! | `cp:apiserver`, `cp:etcd`, `cp:scheduler`, `cp:controller-manager`, `cp:cloud-controller-manager` | control-plane parts |
//! | `cp:nlb` | the endpoint's public NLB |
//! | `dns:public`, `dns:private`, `dns:resolver` | Route 53 public zone, private hosted zone, VPC resolver |
//! | `vpc` | the customer VPC |
//! | `az:<az>` | an availability zone box |
//! | `subnet:<subnetId>` | a subnet |
//! | `igw`, `nat:<natGatewayId>`, `vpce:<service>` | gateways and endpoints |
//! | `tgw:<transitGatewayId>` | a transit gateway a subnet's default route points to |
//! | `sg:<groupId>` | a security group |
//! | `eks-eni:<n>` | an EKS-owned ENI (0-based) |
//! | `ng:<nodegroupName>` | a node group |
//! | `node:<nodeName>` | a node |
//! | `eni:<nodeName>:<n>` | a node's ENI `eth<n>` |
//! | `pod:<namespace>/<name>` | a pod |
//! | `svc:<namespace>/<name>` | a Service |
//! | `ing:<namespace>/<name>` | an Ingress |
//! | `lb:<name>` | a load balancer (`<name>` is its AWS name: `ad39ba2b…` for the in-tree controller's, `k8s-default-mynginx-290ac4e9b9` for the AWS Load Balancer Controller's) |
//! | `tg:<lbName>:<n>` | the load balancer's `n`-th target group (0-based, in listener order; a CLB's registered instances count as one) |
//! | `ecr`, `s3` | AWS services reached by image pulls |
//! | `aws:<api>` | an AWS API the cluster's components call (`aws:ec2`, `aws:elb`) |
//! | `<id>#<part>` | a part of a diagram drawn for the thing `<id>` (an API server instance `cp:apiserver#1`, a node group's share of a subnet `ng:ng-1#subnet-a`, a node's kubelet `node:<name>#kubelet`, an address slot `eni:<node>:1#192.168.36.90`, an aggregate `subnet:subnet-a#more-nodes`); not a model thing itself |
//! | `note:<key>` | a note of a diagram, not a model thing |

use std::fmt;

use serde::{Deserialize, Serialize};

/// A stable id (see the module docs for the grammar).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ElementId(pub String);

impl ElementId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An id with no parameter (`internet`, `vpc`, `cp:apiserver`, ...).
    pub fn fixed(s: &'static str) -> ElementId {
        ElementId(s.to_string())
    }

    /// `client:<name>`.
    pub fn client(name: &str) -> ElementId {
        ElementId(format!("client:{name}"))
    }
    /// `net:<name>`.
    pub fn network(name: &str) -> ElementId {
        ElementId(format!("net:{name}"))
    }
    /// `az:<az>`.
    pub fn az(az: &str) -> ElementId {
        ElementId(format!("az:{az}"))
    }
    /// `subnet:<id>`.
    pub fn subnet(id: &str) -> ElementId {
        ElementId(format!("subnet:{id}"))
    }
    /// `nat:<id>`.
    pub fn nat(id: &str) -> ElementId {
        ElementId(format!("nat:{id}"))
    }
    /// `tgw:<id>`.
    pub fn transit_gateway(id: &str) -> ElementId {
        ElementId(format!("tgw:{id}"))
    }
    /// `vpce:<service>`.
    pub fn vpc_endpoint(service: &str) -> ElementId {
        ElementId(format!("vpce:{service}"))
    }
    /// `sg:<id>`.
    pub fn security_group(id: &str) -> ElementId {
        ElementId(format!("sg:{id}"))
    }
    /// `eks-eni:<n>`.
    pub fn eks_eni(n: usize) -> ElementId {
        ElementId(format!("eks-eni:{n}"))
    }
    /// `ng:<name>`.
    pub fn node_group(name: &str) -> ElementId {
        ElementId(format!("ng:{name}"))
    }
    /// `node:<name>`.
    pub fn node(name: &str) -> ElementId {
        ElementId(format!("node:{name}"))
    }
    /// `eni:<node>:<n>` (made for every ENI of every node: one allocation, no
    /// formatting machinery).
    pub fn node_eni(node: &str, n: usize) -> ElementId {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut v = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        let digits = std::str::from_utf8(&digits[at..]).unwrap_or("0");
        let mut s = String::with_capacity(5 + node.len() + digits.len());
        s.push_str("eni:");
        s.push_str(node);
        s.push(':');
        s.push_str(digits);
        ElementId(s)
    }
    /// `pod:<ns>/<name>`.
    pub fn pod(namespace: &str, name: &str) -> ElementId {
        ElementId(format!("pod:{namespace}/{name}"))
    }
    /// `svc:<ns>/<name>`.
    pub fn service(namespace: &str, name: &str) -> ElementId {
        ElementId(format!("svc:{namespace}/{name}"))
    }
    /// `ing:<ns>/<name>`.
    pub fn ingress(namespace: &str, name: &str) -> ElementId {
        ElementId(format!("ing:{namespace}/{name}"))
    }
    /// `lb:<name>`.
    pub fn load_balancer(name: &str) -> ElementId {
        ElementId(format!("lb:{name}"))
    }
    /// `aws:<api>`: an AWS API (`ec2`, `elb`).
    pub fn aws_api(api: &str) -> ElementId {
        ElementId(format!("aws:{api}"))
    }
    /// `tg:<lb>:<n>`: the `n`-th target group of load balancer `lb`.
    pub fn target_group(lb: &str, n: usize) -> ElementId {
        ElementId(format!("tg:{lb}:{n}"))
    }
    /// `note:<key>`: a note of a diagram.
    pub fn note(key: &str) -> ElementId {
        ElementId(format!("note:{key}"))
    }
    /// `<self>#<part>`: a part drawn for this thing.
    ///
    /// ```
    /// use eksnet::ElementId;
    /// let p = ElementId::node_group("ng-1").part("subnet-a");
    /// assert_eq!(p.as_str(), "ng:ng-1#subnet-a");
    /// assert_eq!(p.thing(), "ng:ng-1");
    /// ```
    pub fn part(&self, part: &str) -> ElementId {
        ElementId(format!("{}#{part}", self.0))
    }
    /// The model thing an id names: the id without its `#<part>`.
    pub fn thing(&self) -> &str {
        self.0.split_once('#').map_or(self.0.as_str(), |(t, _)| t)
    }
}

impl fmt::Display for ElementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Well-known fixed ids.
pub mod fixed {
    /// The public internet.
    pub const INTERNET: &str = "internet";
    /// The AWS-managed control-plane VPC.
    pub const CONTROL_PLANE: &str = "cp";
    /// kube-apiserver.
    pub const API_SERVER: &str = "cp:apiserver";
    /// etcd.
    pub const ETCD: &str = "cp:etcd";
    /// kube-scheduler.
    pub const SCHEDULER: &str = "cp:scheduler";
    /// kube-controller-manager.
    pub const CONTROLLER_MANAGER: &str = "cp:controller-manager";
    /// cloud-controller-manager (nodes and load balancers in AWS).
    pub const CLOUD_CONTROLLER_MANAGER: &str = "cp:cloud-controller-manager";
    /// The endpoint's public NLB.
    pub const API_NLB: &str = "cp:nlb";
    /// Route 53 public zone of the endpoint name.
    pub const DNS_PUBLIC: &str = "dns:public";
    /// Route 53 private hosted zone (private access).
    pub const DNS_PRIVATE: &str = "dns:private";
    /// The VPC resolver (AmazonProvidedDNS).
    pub const DNS_RESOLVER: &str = "dns:resolver";
    /// The customer VPC.
    pub const VPC: &str = "vpc";
    /// The internet gateway.
    pub const IGW: &str = "igw";
    /// Amazon ECR.
    pub const ECR: &str = "ecr";
    /// Amazon S3 (ECR image layers).
    pub const S3: &str = "s3";
}

#[cfg(test)]
mod tests {
    use super::ElementId;

    #[test]
    fn node_eni_ids_follow_the_grammar() {
        for (node, n) in [("ip-10-0-0-1", 0), ("n", 7), ("x", 10), ("", usize::MAX)] {
            assert_eq!(
                ElementId::node_eni(node, n).as_str(),
                format!("eni:{node}:{n}")
            );
        }
    }
}
