//! Deterministic generators of large scenarios, for benchmarks and scale tests.
//!
//! [`large`] builds a cluster of `nodes` EC2 nodes running `pods_per_node` application
//! pods each (plus the two host-network system pods every node runs), with subnets
//! sized so that every pod gets an address under the CNI's default settings
//! (`WARM_ENI_TARGET=1`). The same arguments always give the same scenario.
//!
//! Ten Deployments share the pods, and a LoadBalancer Service selects the first, so
//! that load-balancer analysis and traces have something to work on.
//!
//! The result is synthetic: it uses as many /16 VPC CIDR blocks as it needs (AWS's
//! default quota is 5 per VPC) and ignores EKS's node quotas; what it is for is
//! measuring eksnet, not planning a cluster.
//!
//! ```
//! let s = eksnet::generate::large(30, 10);
//! let a = eksnet::analyze(&s);
//! assert_eq!(a.model.nodes.len(), 30);
//! assert!(a.ipam.pods.iter().all(|p| p.ip.is_some()));
//! assert!(a.ipam.nodes.iter().all(|n| n.pods().len() == 12));
//! ```

use std::collections::BTreeMap;

use crate::cni::{limits, max_pods};
use crate::scenario::*;

/// Instance types [`large`] picks from, smallest first.
const TYPES: &[&str] = &[
    "t3.medium",
    "m5.large",
    "m5.xlarge",
    "m5.4xlarge",
    "m5.8xlarge",
    "m5.16xlarge",
];

/// Availability zones of the generated cluster.
const AZS: &[&str] = &["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c"];

/// Application workloads the pods are spread over.
const WORKLOADS: u32 = 10;

/// The smallest instance type of [`TYPES`] whose max pods holds `pods` application
/// pods and the two system pods (the largest one if none does).
pub fn instance_type_for(pods: u32) -> &'static str {
    TYPES
        .iter()
        .copied()
        .find(|t| {
            max_pods::max_pods(t, &max_pods::MaxPodsOptions::default())
                .is_ok_and(|m| m.value >= pods.saturating_add(2))
        })
        .unwrap_or("m5.16xlarge")
}

/// A cluster of `nodes` nodes with `pods_per_node` application pods each (see the
/// module docs). `nodes` is capped at [`crate::model::MAX_NODES`].
pub fn large(nodes: u32, pods_per_node: u32) -> Scenario {
    let nodes = nodes.min(crate::model::MAX_NODES);
    let instance = instance_type_for(pods_per_node);
    // Upper bound of addresses a node takes: its ENIs filled completely.
    let per_node = limits::lookup(instance).map_or(60, |l| l.max_enis * l.ipv4_per_eni);
    let per_subnet = (65_536 - 5 - 4) / per_node.max(1);
    let subnets = nodes.div_ceil(per_subnet).max(1);
    // Whole rounds over the AZs, so every subnet gets the same number of nodes.
    let subnets = subnets.div_ceil(AZS.len() as u32) * AZS.len() as u32;

    let mut s = Scenario::default();
    s.cluster.name = "large".into();
    s.cluster.resources_vpc_config.subnet_ids = vec!["subnet-0".into(), "subnet-1".into()];
    s.cluster.resources_vpc_config.cluster_security_group_id = "sg-cluster".into();
    s.security_groups = vec![SecurityGroup {
        group_id: "sg-cluster".into(),
        group_name: "eks-cluster-sg-large".into(),
        ingress: vec![SecurityGroupRule {
            ip_protocol: "-1".into(),
            source_security_group_id: Some("sg-cluster".into()),
            ..SecurityGroupRule::default()
        }],
        egress: None,
    }];
    s.vpc.internet_gateway = Some(InternetGateway {
        internet_gateway_id: "igw-1".into(),
    });
    for k in 0..subnets {
        let (a, b) = (10 + k / 256, k % 256);
        s.vpc.cidr_blocks.push(format!("{a}.{b}.0.0/16"));
        s.vpc.subnets.push(Subnet {
            subnet_id: format!("subnet-{k}"),
            availability_zone: AZS[(k as usize) % AZS.len()].into(),
            cidr_block: format!("{a}.{b}.0.0/16"),
            default_route: Some(DefaultRoute::GatewayId("igw-1".into())),
            // Public subnets give their nodes public IPs, so that kubelet reaches
            // the public endpoint through the internet gateway (source 000).
            map_public_ip_on_launch: true,
            ..Subnet::default()
        });
    }
    // One node group per AZ, over that AZ's subnets.
    let per_az = AZS.len() as u32;
    for (z, az) in AZS.iter().enumerate() {
        let z32 = z as u32;
        let size = nodes / per_az + u32::from(z32 < nodes % per_az);
        if size == 0 {
            continue;
        }
        s.node_groups.push(NodeGroup {
            nodegroup_name: format!("ng-{}", az.rsplit('-').next().unwrap_or(az)),
            instance_type: instance.into(),
            desired_size: size,
            subnets: (0..subnets)
                .filter(|k| k % per_az == z32)
                .map(|k| format!("subnet-{k}"))
                .collect(),
            ..NodeGroup::default()
        });
    }
    let total = u64::from(nodes) * u64::from(pods_per_node);
    for w in 0..WORKLOADS {
        let share =
            total / u64::from(WORKLOADS) + u64::from(u64::from(w) < total % u64::from(WORKLOADS));
        let name = format!("app-{w}");
        let mut labels = BTreeMap::new();
        labels.insert("app".to_string(), name.clone());
        s.workloads.push(Workload {
            name,
            replicas: u32::try_from(share).unwrap_or(u32::MAX),
            labels,
            ..Workload::default()
        });
    }
    let mut selector = BTreeMap::new();
    selector.insert("app".to_string(), "app-0".to_string());
    s.services.push(Service {
        name: "app-0".into(),
        namespace: "default".into(),
        service_type: ServiceType::LoadBalancer,
        selector,
        ports: vec![ServicePort {
            protocol: "TCP".into(),
            port: 80,
            ..ServicePort::default()
        }],
        ..Service::default()
    });
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;
    use crate::cni::PodStatus;

    #[test]
    fn generated_clusters_run_every_pod() {
        assert_eq!(instance_type_for(30), "m5.xlarge");
        assert_eq!(instance_type_for(20), "m5.large");
        let s = large(1_000, 30);
        assert_eq!(s, large(1_000, 30));
        let a = analyze(&s);
        assert_eq!(a.model.nodes.len(), 1_000);
        assert_eq!(a.ipam.pods.len(), 1_000 * 32);
        assert!(a.ipam.pods.iter().all(|p| p.status == PodStatus::Running));
        assert!(a.ipam.nodes.iter().all(|n| n.pods().len() == 32));
        assert!(!a.has_errors(), "{:#?}", a.diagnostics.first());
    }

    /// The 100,000 × 30 figure of the CNI simulation (scheduling, every node's ENIs and
    /// addresses, statuses, accounting, diagnostics). Run with
    /// `cargo test --release -p eksnet large_cluster -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn large_cluster_timing() {
        let s = large(100_000, 30);
        let mut times = Vec::new();
        for _ in 0..5 {
            let mut diags = Vec::new();
            let model = crate::model::build(&s, &mut diags);
            let mut ledger = crate::model::Ledger::new(&model.pools);
            let t = std::time::Instant::now();
            let ipam = crate::cni::simulate(&model, &mut ledger, &mut diags);
            times.push(t.elapsed());
            assert_eq!(ipam.pods.len(), 100_000 * 32);
            assert!(ipam.pods.iter().all(|p| p.status == PodStatus::Running));
        }
        times.sort();
        eprintln!(
            "cni::simulate(100,000 nodes × 30 pods): median {:?} of {times:?}",
            times[2]
        );
    }
}
