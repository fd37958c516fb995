//! `kubectl get ... -o json` output: Kubernetes' own objects.
//!
//! Shapes: the Kubernetes API reference (core/v1 `Node`, `Pod`, `Service`;
//! networking.k8s.io/v1 `Ingress`; apps/v1 `DaemonSet`) and the VPC CNI's
//! `ENIConfig` custom resource (`crd.k8s.amazonaws.com/v1alpha1`, spec `subnet`,
//! `securityGroups`). `kubectl get X -o json` prints a `List` (`kind: List`,
//! `items`); a single object (`kubectl get node N -o json`) is read too. Only the
//! fields eksnet reads are declared; `null` where a map or list is expected reads as
//! empty.

use std::collections::BTreeMap;

#[cfg(test)]
use serde::{Deserialize, Deserializer};

/// `null` (or absent) reads as the type's default.
#[cfg(test)]
fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// `metadata` (`ObjectMeta`).
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct Meta {
    /// `name`.
    pub name: String,
    /// `namespace`.
    pub namespace: String,
    /// `uid`.
    pub uid: String,
    /// `labels`.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub labels: BTreeMap<String, String>,
    /// `annotations`.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub annotations: BTreeMap<String, String>,
    /// `ownerReferences`.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub owner_references: Vec<OwnerRef>,
}

/// `OwnerReference`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct OwnerRef {
    /// `ReplicaSet`, `StatefulSet`, `DaemonSet`, `Job`, ...
    pub kind: String,
    /// The owner's name.
    pub name: String,
}

/// Just `kind` and `apiVersion`, to dispatch an item.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct TypeMeta {
    /// `Node`, `Pod`, ...
    pub kind: String,
    /// `v1`, `crd.k8s.amazonaws.com/v1alpha1`, ...
    pub api_version: String,
}

/// `Node`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Node {
    /// Metadata (labels: `eks.amazonaws.com/nodegroup`,
    /// `node.kubernetes.io/instance-type`, `eks.amazonaws.com/compute-type`).
    pub metadata: Meta,
    /// `providerID` (`aws:///<az>/<instance-id>`).
    pub spec: NodeSpec,
    /// Addresses and conditions.
    pub status: NodeStatus,
}

/// `NodeSpec`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct NodeSpec {
    /// `aws:///ap-northeast-2a/i-0abc...`.
    #[cfg_attr(test, serde(rename = "providerID"))]
    pub provider_id: String,
}

/// `NodeStatus`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct NodeStatus {
    /// `InternalIP`, `ExternalIP`, `Hostname`, ...
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub addresses: Vec<NodeAddress>,
}

/// `NodeAddress`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct NodeAddress {
    /// `InternalIP`, `ExternalIP`, `InternalDNS`, `Hostname`.
    #[cfg_attr(test, serde(rename = "type"))]
    pub kind: String,
    /// The address.
    pub address: String,
}

impl Node {
    /// The first address of type `kind`.
    pub fn address(&self, kind: &str) -> Option<&str> {
        self.status
            .addresses
            .iter()
            .find(|a| a.kind == kind)
            .map(|a| a.address.as_str())
    }

    /// The EC2 instance id from `providerID`.
    pub fn instance_id(&self) -> Option<&str> {
        self.spec
            .provider_id
            .rsplit('/')
            .next()
            .filter(|s| s.starts_with("i-"))
    }
}

/// `Pod`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Pod {
    /// Metadata (owner references give the workload).
    pub metadata: Meta,
    /// Node, host networking, containers.
    pub spec: PodSpec,
    /// Phase, pod IP, conditions.
    pub status: PodStatus,
}

/// `PodSpec`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct PodSpec {
    /// The node it was scheduled to.
    pub node_name: String,
    /// `hostNetwork`.
    pub host_network: bool,
    /// Its containers.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub containers: Vec<Container>,
    /// `nodeSelector`.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub node_selector: BTreeMap<String, String>,
}

/// `Container`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Container {
    /// Its name.
    pub name: String,
    /// Its ports.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub ports: Vec<ContainerPort>,
    /// Its environment.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub env: Vec<EnvVar>,
}

/// `ContainerPort`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct ContainerPort {
    /// The port.
    pub container_port: i64,
}

/// `EnvVar`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct EnvVar {
    /// Its name.
    pub name: String,
    /// Its value (`None` with `valueFrom`).
    pub value: Option<String>,
}

/// `PodStatus`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct PodStatus {
    /// `Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`.
    pub phase: String,
    /// `podIP`.
    #[cfg_attr(test, serde(rename = "podIP"))]
    pub pod_ip: Option<String>,
    /// Conditions (`Ready`).
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub conditions: Vec<Condition>,
}

/// `PodCondition`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Condition {
    /// `Ready`, ...
    #[cfg_attr(test, serde(rename = "type"))]
    pub kind: String,
    /// `True`, `False`, `Unknown`.
    pub status: String,
}

/// `Service`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Service {
    /// Metadata (annotations, uid).
    pub metadata: Meta,
    /// Spec.
    pub spec: ServiceSpec,
    /// The load balancer's name.
    pub status: LbStatus,
}

/// `ServiceSpec`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct ServiceSpec {
    /// `ClusterIP`, `NodePort`, `LoadBalancer`, `ExternalName`.
    #[cfg_attr(test, serde(rename = "type"))]
    pub kind: String,
    /// `selector`.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub selector: BTreeMap<String, String>,
    /// `clusterIP`.
    #[cfg_attr(test, serde(rename = "clusterIP"))]
    pub cluster_ip: Option<String>,
    /// `ports`.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub ports: Vec<ServicePort>,
    /// `Cluster` or `Local`.
    pub external_traffic_policy: Option<String>,
    /// `healthCheckNodePort`.
    pub health_check_node_port: Option<i64>,
}

/// `ServicePort`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct ServicePort {
    /// Its name.
    pub name: String,
    /// `TCP`, `UDP`, `SCTP`.
    pub protocol: String,
    /// The port.
    pub port: i64,
    /// A number or a named port.
    pub target_port: Option<serde_json::Value>,
    /// The node port.
    pub node_port: Option<i64>,
}

/// `status` with a `loadBalancer` (Service, Ingress).
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct LbStatus {
    /// `loadBalancer.ingress`.
    pub load_balancer: LbIngressList,
}

/// `LoadBalancerStatus`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct LbIngressList {
    /// Its entries.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub ingress: Vec<LbIngress>,
}

/// `LoadBalancerIngress`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct LbIngress {
    /// The load balancer's DNS name.
    pub hostname: Option<String>,
}

impl LbStatus {
    /// The first host name.
    pub fn hostname(&self) -> Option<String> {
        self.load_balancer
            .ingress
            .iter()
            .find_map(|i| i.hostname.clone())
    }
}

/// `Ingress` (networking.k8s.io/v1).
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Ingress {
    /// Metadata (annotations).
    pub metadata: Meta,
    /// Spec.
    pub spec: IngressSpec,
    /// The ALB's name.
    pub status: LbStatus,
}

/// `IngressSpec`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct IngressSpec {
    /// `ingressClassName`.
    pub ingress_class_name: Option<String>,
    /// `rules`.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub rules: Vec<IngressRule>,
}

/// `IngressRule`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct IngressRule {
    /// Host.
    pub host: String,
    /// HTTP paths.
    pub http: Option<HttpRule>,
}

/// `HTTPIngressRuleValue`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct HttpRule {
    /// Paths.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub paths: Vec<HttpPath>,
}

/// `HTTPIngressPath`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct HttpPath {
    /// Path.
    pub path: String,
    /// Backend.
    pub backend: Backend,
}

/// `IngressBackend`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Backend {
    /// A Service backend.
    pub service: Option<BackendService>,
}

/// `IngressServiceBackend`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct BackendService {
    /// Service name.
    pub name: String,
    /// Port by number or name.
    pub port: BackendPort,
}

/// `ServiceBackendPort`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct BackendPort {
    /// Number.
    pub number: Option<i64>,
    /// Name.
    pub name: Option<String>,
}

/// `ENIConfig` (crd.k8s.amazonaws.com/v1alpha1).
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct EniConfig {
    /// Metadata (name: by convention the AZ).
    pub metadata: Meta,
    /// Spec.
    pub spec: EniConfigSpec,
}

/// `ENIConfigSpec`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default, rename_all = "camelCase"))]
pub struct EniConfigSpec {
    /// The pods' subnet.
    pub subnet: String,
    /// Their security groups.
    #[cfg_attr(test, serde(deserialize_with = "nullable"))]
    pub security_groups: Vec<String>,
}

/// `DaemonSet` (the `aws-node` one).
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct DaemonSet {
    /// Metadata.
    pub metadata: Meta,
    /// `spec.template.spec.containers[].env`.
    pub spec: DaemonSetSpec,
}

/// `DaemonSetSpec`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct DaemonSetSpec {
    /// The pod template.
    pub template: PodTemplate,
}

/// `PodTemplateSpec`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(test, derive(Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct PodTemplate {
    /// Its pod spec.
    pub spec: PodSpec,
}
