//! kubectl's Kubernetes objects and eksctl's `ClusterConfig` read from their JSON
//! by hand (see [`walk`](super::walk) for how a member is read and refused; the
//! shapes and their sources are documented in [`kube`] and [`eksctl`]). Where
//! Kubernetes writes `null` for an empty list or map it reads as empty.

use super::eksctl::{
    ClusterConfig, ClusterEndpoints, FargateProfile, Metadata, Nat, NetworkConfig, NodeGroup,
    NodeSecurityGroups, PrivateCluster, SubnetSpec, Subnets, VpcConfig,
};
use super::kube::{
    Backend, BackendPort, BackendService, Condition, Container, ContainerPort, DaemonSet,
    DaemonSetSpec, EniConfig, EniConfigSpec, EnvVar, HttpPath, HttpRule, Ingress, IngressRule,
    IngressSpec, LbIngress, LbIngressList, LbStatus, Meta, Node, NodeAddress, NodeSpec, NodeStatus,
    OwnerRef, Pod, PodSpec, PodStatus, PodTemplate, Service, ServicePort, ServiceSpec, TypeMeta,
};
use super::walk::{Obj, R};

pub(crate) fn type_meta(o: &Obj) -> R<TypeMeta> {
    o.done(TypeMeta {
        kind: o.str("kind"),
        api_version: o.str("apiVersion"),
    })
}

fn meta(o: &Obj) -> R<Meta> {
    o.done(Meta {
        name: o.str("name"),
        namespace: o.str("namespace"),
        uid: o.str("uid"),
        labels: o.str_map("labels", true),
        annotations: o.str_map("annotations", true),
        owner_references: o.list("ownerReferences", true, "struct OwnerRef", owner_ref),
    })
}

fn metadata(o: &Obj) -> Meta {
    o.sub("metadata", "struct Meta", meta)
}

fn owner_ref(o: &Obj) -> R<OwnerRef> {
    o.done(OwnerRef {
        kind: o.str("kind"),
        name: o.str("name"),
    })
}

pub(crate) fn node(o: &Obj) -> R<Node> {
    o.done(Node {
        metadata: metadata(o),
        spec: o.sub("spec", "struct NodeSpec", node_spec),
        status: o.sub("status", "struct NodeStatus", node_status),
    })
}

fn node_spec(o: &Obj) -> R<NodeSpec> {
    o.done(NodeSpec {
        provider_id: o.str("providerID"),
    })
}

fn node_status(o: &Obj) -> R<NodeStatus> {
    o.done(NodeStatus {
        addresses: o.list("addresses", true, "struct NodeAddress", node_address),
    })
}

fn node_address(o: &Obj) -> R<NodeAddress> {
    o.done(NodeAddress {
        kind: o.str("type"),
        address: o.str("address"),
    })
}

pub(crate) fn pod(o: &Obj) -> R<Pod> {
    o.done(Pod {
        metadata: metadata(o),
        spec: o.sub("spec", "struct PodSpec", pod_spec),
        status: o.sub("status", "struct PodStatus", pod_status),
    })
}

fn pod_spec(o: &Obj) -> R<PodSpec> {
    o.done(PodSpec {
        node_name: o.str("nodeName"),
        host_network: o.bool("hostNetwork"),
        containers: o.list("containers", true, "struct Container", container),
        node_selector: o.str_map("nodeSelector", true),
    })
}

fn container(o: &Obj) -> R<Container> {
    o.done(Container {
        name: o.str("name"),
        ports: o.list("ports", true, "struct ContainerPort", container_port),
        env: o.list("env", true, "struct EnvVar", env_var),
    })
}

fn container_port(o: &Obj) -> R<ContainerPort> {
    o.done(ContainerPort {
        container_port: o.i64("containerPort"),
    })
}

fn env_var(o: &Obj) -> R<EnvVar> {
    o.done(EnvVar {
        name: o.str("name"),
        value: o.opt_str("value"),
    })
}

fn pod_status(o: &Obj) -> R<PodStatus> {
    o.done(PodStatus {
        phase: o.str("phase"),
        pod_ip: o.opt_str("podIP"),
        conditions: o.list("conditions", true, "struct Condition", condition),
    })
}

fn condition(o: &Obj) -> R<Condition> {
    o.done(Condition {
        kind: o.str("type"),
        status: o.str("status"),
    })
}

pub(crate) fn service(o: &Obj) -> R<Service> {
    o.done(Service {
        metadata: metadata(o),
        spec: o.sub("spec", "struct ServiceSpec", service_spec),
        status: lb_status(o),
    })
}

fn service_spec(o: &Obj) -> R<ServiceSpec> {
    o.done(ServiceSpec {
        kind: o.str("type"),
        selector: o.str_map("selector", true),
        cluster_ip: o.opt_str("clusterIP"),
        ports: o.list("ports", true, "struct ServicePort", service_port),
        external_traffic_policy: o.opt_str("externalTrafficPolicy"),
        health_check_node_port: o.opt_i64("healthCheckNodePort"),
    })
}

fn service_port(o: &Obj) -> R<ServicePort> {
    o.done(ServicePort {
        name: o.str("name"),
        protocol: o.str("protocol"),
        port: o.i64("port"),
        target_port: o.value("targetPort"),
        node_port: o.opt_i64("nodePort"),
    })
}

/// `status` of a Service or an Ingress.
fn lb_status(o: &Obj) -> LbStatus {
    o.sub("status", "struct LbStatus", |o| {
        o.done(LbStatus {
            load_balancer: o.sub("loadBalancer", "struct LbIngressList", lb_ingress_list),
        })
    })
}

fn lb_ingress_list(o: &Obj) -> R<LbIngressList> {
    o.done(LbIngressList {
        ingress: o.list("ingress", true, "struct LbIngress", |o| {
            o.done(LbIngress {
                hostname: o.opt_str("hostname"),
            })
        }),
    })
}

pub(crate) fn ingress(o: &Obj) -> R<Ingress> {
    o.done(Ingress {
        metadata: metadata(o),
        spec: o.sub("spec", "struct IngressSpec", ingress_spec),
        status: lb_status(o),
    })
}

fn ingress_spec(o: &Obj) -> R<IngressSpec> {
    o.done(IngressSpec {
        ingress_class_name: o.opt_str("ingressClassName"),
        rules: o.list("rules", true, "struct IngressRule", ingress_rule),
    })
}

fn ingress_rule(o: &Obj) -> R<IngressRule> {
    o.done(IngressRule {
        host: o.str("host"),
        http: o.opt_sub("http", "struct HttpRule", http_rule),
    })
}

fn http_rule(o: &Obj) -> R<HttpRule> {
    o.done(HttpRule {
        paths: o.list("paths", true, "struct HttpPath", http_path),
    })
}

fn http_path(o: &Obj) -> R<HttpPath> {
    o.done(HttpPath {
        path: o.str("path"),
        backend: o.sub("backend", "struct Backend", backend),
    })
}

fn backend(o: &Obj) -> R<Backend> {
    o.done(Backend {
        service: o.opt_sub("service", "struct BackendService", backend_service),
    })
}

fn backend_service(o: &Obj) -> R<BackendService> {
    o.done(BackendService {
        name: o.str("name"),
        port: o.sub("port", "struct BackendPort", backend_port),
    })
}

fn backend_port(o: &Obj) -> R<BackendPort> {
    o.done(BackendPort {
        number: o.opt_i64("number"),
        name: o.opt_str("name"),
    })
}

pub(crate) fn eni_config(o: &Obj) -> R<EniConfig> {
    o.done(EniConfig {
        metadata: metadata(o),
        spec: o.sub("spec", "struct EniConfigSpec", |o| {
            o.done(EniConfigSpec {
                subnet: o.str("subnet"),
                security_groups: o.strs("securityGroups", true),
            })
        }),
    })
}

pub(crate) fn daemon_set(o: &Obj) -> R<DaemonSet> {
    o.done(DaemonSet {
        metadata: metadata(o),
        spec: o.sub("spec", "struct DaemonSetSpec", |o| {
            o.done(DaemonSetSpec {
                template: o.sub("template", "struct PodTemplate", |o| {
                    o.done(PodTemplate {
                        spec: o.sub("spec", "struct PodSpec", pod_spec),
                    })
                }),
            })
        }),
    })
}

pub(crate) fn cluster_config(o: &Obj) -> R<ClusterConfig> {
    o.done(ClusterConfig {
        metadata: o.sub("metadata", "struct Metadata", |o| {
            o.done(Metadata {
                name: o.str("name"),
                region: o.str("region"),
                version: o.value("version"),
            })
        }),
        vpc: o.opt_sub("vpc", "struct VpcConfig", vpc_config),
        availability_zones: o.strs("availabilityZones", false),
        node_groups: o.list("nodeGroups", false, "struct NodeGroup", node_group),
        managed_node_groups: o.list("managedNodeGroups", false, "struct NodeGroup", node_group),
        fargate_profiles: o.list("fargateProfiles", false, "struct FargateProfile", |o| {
            o.done(FargateProfile {
                name: o.str("name"),
                subnets: o.strs("subnets", false),
            })
        }),
        private_cluster: o.opt_sub("privateCluster", "struct PrivateCluster", |o| {
            o.done(PrivateCluster {
                enabled: o.bool("enabled"),
                additional_endpoint_services: o.strs("additionalEndpointServices", false),
            })
        }),
        kubernetes_network_config: o.opt_sub(
            "kubernetesNetworkConfig",
            "struct NetworkConfig",
            |o| {
                o.done(NetworkConfig {
                    ip_family: o.opt_str("ipFamily"),
                    service_ipv4_cidr: o.opt_str("serviceIPv4CIDR"),
                })
            },
        ),
    })
}

fn vpc_config(o: &Obj) -> R<VpcConfig> {
    o.done(VpcConfig {
        id: o.opt_str("id"),
        cidr: o.opt_str("cidr"),
        subnets: o.opt_sub("subnets", "struct Subnets", |o| {
            o.done(Subnets {
                private: o.sub_map("private", "struct SubnetSpec", subnet_spec),
                public: o.sub_map("public", "struct SubnetSpec", subnet_spec),
            })
        }),
        nat: o.opt_sub("nat", "struct Nat", |o| {
            o.done(Nat {
                gateway: o.opt_str("gateway"),
            })
        }),
        cluster_endpoints: o.opt_sub("clusterEndpoints", "struct ClusterEndpoints", |o| {
            o.done(ClusterEndpoints {
                public_access: o.opt_bool("publicAccess"),
                private_access: o.opt_bool("privateAccess"),
            })
        }),
        public_access_cidrs: o.opt_strs("publicAccessCIDRs"),
    })
}

fn subnet_spec(o: &Obj) -> R<SubnetSpec> {
    o.done(SubnetSpec {
        id: o.opt_str("id"),
        cidr: o.opt_str("cidr"),
        az: o.opt_str("az"),
    })
}

fn node_group(o: &Obj) -> R<NodeGroup> {
    o.done(NodeGroup {
        name: o.str("name"),
        instance_type: o.opt_str("instanceType"),
        desired_capacity: o.opt_u32("desiredCapacity"),
        private_networking: o.bool("privateNetworking"),
        subnets: o.strs("subnets", false),
        availability_zones: o.strs("availabilityZones", false),
        security_groups: o.opt_sub("securityGroups", "struct NodeSecurityGroups", |o| {
            o.done(NodeSecurityGroups {
                attach_ids: o.strs("attachIDs", false),
            })
        }),
    })
}
