//! Names, decided once: Kubernetes namespaces and keys, and EC2 node names.
//!
//! Kubernetes puts an object whose `metadata.namespace` is empty in `default`, and
//! `kubectl` reads a bare name the same way (Kubernetes: "Namespaces"). EC2 names an
//! instance `ip-a-b-c-d.<region>.compute.internal` (`ec2.internal` in us-east-1),
//! and people call a node by the first label of that name. The model resolves
//! namespaces while it is built; traces, load balancers, the CLI and the web use
//! these functions for what a user types.

/// The namespace of an object whose namespace is not given.
pub const DEFAULT_NAMESPACE: &str = "default";

/// A namespace as Kubernetes reads it: empty means [`DEFAULT_NAMESPACE`].
///
/// ```
/// use eksnet::model::names::namespace;
/// assert_eq!(namespace(""), "default");
/// assert_eq!(namespace("kube-system"), "kube-system");
/// ```
pub fn namespace(ns: &str) -> &str {
    if ns.is_empty() {
        DEFAULT_NAMESPACE
    } else {
        ns
    }
}

/// Splits a `namespace/name` key; a bare name is in [`DEFAULT_NAMESPACE`].
///
/// ```
/// use eksnet::model::names::split_key;
/// assert_eq!(split_key("web"), ("default", "web"));
/// assert_eq!(split_key("shop/web"), ("shop", "web"));
/// ```
pub fn split_key(key: &str) -> (&str, &str) {
    key.split_once('/').unwrap_or((DEFAULT_NAMESPACE, key))
}

/// The key `namespace/name` of an object (a bare name gets [`DEFAULT_NAMESPACE`]).
///
/// ```
/// use eksnet::model::names::full_key;
/// assert_eq!(full_key("web"), "default/web");
/// assert_eq!(full_key("shop/web"), "shop/web");
/// ```
pub fn full_key(key: &str) -> String {
    let (ns, name) = split_key(key);
    format!("{ns}/{name}")
}

/// A node's short name: the first label of its DNS name (`ip-192-168-46-6`).
///
/// ```
/// use eksnet::model::names::short_node_name;
/// assert_eq!(short_node_name("ip-10-0-1-5.ec2.internal"), "ip-10-0-1-5");
/// assert_eq!(short_node_name("fargate-ip-10-0-1-5"), "fargate-ip-10-0-1-5");
/// ```
pub fn short_node_name(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// The short name EC2 gives the instance at private address `ip` (the first label
/// of `ip-a-b-c-d.<region>.compute.internal`).
///
/// ```
/// use eksnet::model::names::short_node_name_of;
/// assert_eq!(short_node_name_of([192, 168, 46, 6].into()), "ip-192-168-46-6");
/// ```
pub fn short_node_name_of(ip: std::net::Ipv4Addr) -> String {
    format!("ip-{}", ip.to_string().replace('.', "-"))
}
