//! What runs on the nodes of a scenario: workloads and pinned pods, Services and
//! Ingresses.

use std::collections::BTreeMap;

#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

/// A workload (Deployment, StatefulSet...) whose replicas need pod IPs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Workload {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`.
    pub namespace: String,
    /// `spec.replicas`.
    pub replicas: u32,
    /// Pod template labels (Services select on them); default `app: <name>`.
    pub labels: BTreeMap<String, String>,
    /// `hostNetwork: true`: pods take the node IP.
    pub host_network: bool,
    /// `nodeSelector` on node labels (`eks.amazonaws.com/nodegroup`,
    /// `topology.kubernetes.io/zone`, `kubernetes.io/hostname`).
    pub node_selector: BTreeMap<String, String>,
    /// Container port the pods listen on.
    pub container_port: u16,
    /// Whether the pods pass their readiness probe.
    pub ready: bool,
    /// The port the pods serve an admission webhook on, if they do (e.g. 9443 for
    /// the AWS Load Balancer Controller). The API server calls it through the
    /// EKS-owned ENIs, so the nodes' security groups must admit it from the
    /// cluster security group.
    pub admission_webhook_port: Option<u16>,
}

/// A pod pinned by name to a node and optionally an IP (one replica of a workload).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct PodPin {
    /// Pod name, e.g. `my-nginx-5dc4865748-6pr9g`.
    pub name: String,
    /// The workload it is a replica of.
    pub workload: String,
    /// The workload's namespace (default `default`).
    pub namespace: String,
    /// Node name (`ip-192-168-90-3.ap-northeast-2.compute.internal`) or node IP.
    pub node_name: String,
    /// The pod IP, if pinned.
    #[serde(rename = "podIP")]
    pub pod_ip: Option<String>,
}

/// A Kubernetes Service (fields of `metadata` and `spec` side by side).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.annotations`, as Kubernetes writes them.
    pub annotations: BTreeMap<String, String>,
    /// `spec.type`.
    #[serde(rename = "type")]
    pub service_type: ServiceType,
    /// `spec.selector`.
    pub selector: BTreeMap<String, String>,
    /// `spec.clusterIP`; allocated from the service CIDR when empty.
    #[serde(rename = "clusterIP")]
    pub cluster_ip: Option<String>,
    /// `spec.ports`.
    pub ports: Vec<ServicePort>,
    /// `spec.externalTrafficPolicy`.
    pub external_traffic_policy: TrafficPolicy,
    /// `spec.healthCheckNodePort` (LoadBalancer + Local only); allocated when empty.
    pub health_check_node_port: Option<u16>,
    /// `metadata.uid`; the in-tree cloud provider names the load balancer after it
    /// (`a` + the UID without dashes, 32 characters). Derived from the name when empty.
    pub uid: String,
    /// `status.loadBalancer.ingress[0].hostname` as AWS gave it, to show a real
    /// cluster's name; derived deterministically when empty (or when it does not
    /// have the shape of the load balancer the annotations ask for).
    pub load_balancer_hostname: Option<String>,
    /// What `kubectl get svc` shows in the AGE column (the model has no clock);
    /// empty shows `<unknown>`.
    pub age: String,
}

/// `spec.type` of a Service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
pub enum ServiceType {
    /// A virtual IP inside the cluster.
    #[default]
    ClusterIP,
    /// ClusterIP plus a port on every node.
    NodePort,
    /// NodePort plus a cloud load balancer.
    LoadBalancer,
}

/// One entry of `spec.ports`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ServicePort {
    /// Port name.
    pub name: String,
    /// `TCP` (default) or `UDP`.
    pub protocol: String,
    /// The Service port.
    pub port: u16,
    /// The pod port; default `port`.
    pub target_port: Option<u16>,
    /// The node port; allocated for NodePort/LoadBalancer when empty.
    pub node_port: Option<u16>,
}

/// `spec.externalTrafficPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
pub enum TrafficPolicy {
    /// Any node forwards to any pod (source NAT hides the client).
    #[default]
    Cluster,
    /// Only nodes with a ready local pod take traffic; the client address is kept.
    Local,
}

/// A Kubernetes Ingress.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Ingress {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.annotations` (`kubernetes.io/ingress.class: alb`,
    /// `alb.ingress.kubernetes.io/scheme`, `.../target-type`, `.../group.name`).
    pub annotations: BTreeMap<String, String>,
    /// `spec.ingressClassName`.
    pub ingress_class_name: Option<String>,
    /// `spec.rules`, flattened to one entry per path.
    pub rules: Vec<IngressRule>,
    /// `status.loadBalancer.ingress[0].hostname` as AWS gave it; derived
    /// deterministically when empty (or when it is not an ALB's name).
    pub load_balancer_hostname: Option<String>,
    /// What `kubectl get ingress` shows in the AGE column; empty shows `<unknown>`.
    pub age: String,
}

/// One host/path → Service backend of an Ingress.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct IngressRule {
    /// Host, or empty for `*`.
    pub host: String,
    /// Path prefix, default `/`.
    pub path: String,
    /// Backend Service name.
    pub service_name: String,
    /// Backend Service port.
    pub service_port: u16,
}

// ---------------------------------------------------------------- defaults ----

impl Default for Workload {
    fn default() -> Self {
        Workload {
            name: String::new(),
            namespace: "default".into(),
            replicas: 1,
            labels: BTreeMap::new(),
            host_network: false,
            node_selector: BTreeMap::new(),
            container_port: 80,
            ready: true,
            admission_webhook_port: None,
        }
    }
}
