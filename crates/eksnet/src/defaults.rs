//! The default scenario: the cluster of source 004's console 1.
//!
//! Source 004 (`004_1ae6e5c7f99dae50.txt`, console 1) shows four nodes, two in
//! 192.168.32.0/19 and two in 192.168.64.0/19, each with a public address, and four
//! `my-nginx` pods, one per node, with IPs from their node's subnet. Console 2 shows
//! the `my-nginx` LoadBalancer Service (CLB, ClusterIP 10.100.51.23, 80:30686/TCP,
//! its host name and age); the Service's UID is the one the CLB's name is made of
//! (`a` + the UID without dashes, cut to 32 characters).
//! The console does not name the AZs, subnet ids or instance type; we use
//! `ap-northeast-2a`/`2c` (the region of the node names) and `m5.large`.

use std::collections::BTreeMap;

use crate::scenario::*;

fn pin(subnet: &str, ip: &str, public: &str) -> NodePin {
    NodePin {
        subnet_id: subnet.into(),
        private_ip: ip.into(),
        public_ip: Some(public.into()),
        ..NodePin::default()
    }
}

fn pod(name: &str, node_ip: &str, ip: &str) -> PodPin {
    PodPin {
        name: name.into(),
        workload: "my-nginx".into(),
        namespace: "default".into(),
        node_name: format!(
            "ip-{}.ap-northeast-2.compute.internal",
            node_ip.replace('.', "-")
        ),
        pod_ip: Some(ip.into()),
    }
}

impl Scenario {
    /// The default scenario: source 004's console 1 (VPC 192.168.0.0/16, two /19
    /// subnets in two AZs, four nodes with the addresses shown, four nginx pods
    /// behind a Service, public endpoint).
    pub fn example() -> Scenario {
        console_1()
    }
}

/// Source 004's console 1 (see the module docs).
pub fn console_1() -> Scenario {
    let subnet = |id: &str, az: &str, cidr: &str| Subnet {
        subnet_id: id.into(),
        availability_zone: az.into(),
        cidr_block: cidr.into(),
        map_public_ip_on_launch: true,
        default_route: Some(DefaultRoute::GatewayId("igw-1".into())),
        ..Subnet::default()
    };
    let mut labels = BTreeMap::new();
    labels.insert("app".to_string(), "my-nginx".to_string());
    Scenario {
        version: SCENARIO_VERSION,
        cluster: Cluster {
            name: "my-cluster".into(),
            version: "1.31".into(),
            region: "ap-northeast-2".into(),
            resources_vpc_config: ResourcesVpcConfig {
                subnet_ids: vec!["subnet-a".into(), "subnet-c".into()],
                security_group_ids: Vec::new(),
                cluster_security_group_id: "sg-cluster".into(),
                endpoint_public_access: true,
                endpoint_private_access: false,
                public_access_cidrs: vec!["0.0.0.0/0".into()],
                control_plane_egress_mode: Default::default(),
            },
            kubernetes_network_config: KubernetesNetworkConfig::default(),
        },
        vpc: Vpc {
            vpc_id: "vpc-1".into(),
            cidr_blocks: vec!["192.168.0.0/16".into()],
            subnets: vec![
                subnet("subnet-a", "ap-northeast-2a", "192.168.32.0/19"),
                subnet("subnet-c", "ap-northeast-2c", "192.168.64.0/19"),
            ],
            internet_gateway: Some(InternetGateway {
                internet_gateway_id: "igw-1".into(),
            }),
            ..Vpc::default()
        },
        security_groups: vec![SecurityGroup {
            group_id: "sg-cluster".into(),
            group_name: "eks-cluster-sg-my-cluster".into(),
            // What EKS creates: all traffic from the group itself. Managed nodes
            // carry this group, so nodes ↔ control-plane ENIs are allowed.
            ingress: vec![SecurityGroupRule {
                ip_protocol: "-1".into(),
                source_security_group_id: Some("sg-cluster".into()),
                description: "Allow all traffic from the cluster security group".into(),
                ..SecurityGroupRule::default()
            }],
            egress: None,
        }],
        connected_networks: Vec::new(),
        clients: vec![Client {
            name: "laptop".into(),
            location: ClientLocation::Internet {
                source_ip: "203.0.113.10".into(),
            },
            ..Client::default()
        }],
        node_groups: vec![NodeGroup {
            nodegroup_name: "ng-1".into(),
            kind: NodeGroupKind::Managed,
            instance_type: "m5.large".into(),
            desired_size: 4,
            subnets: vec!["subnet-a".into(), "subnet-c".into()],
            security_group_ids: Vec::new(),
            associate_public_ip_address: None,
            nodes: vec![
                pin("subnet-a", "192.168.46.6", "52.79.236.233"),
                pin("subnet-a", "192.168.48.175", "3.35.24.235"),
                pin("subnet-c", "192.168.75.136", "52.78.17.141"),
                pin("subnet-c", "192.168.90.3", "3.36.73.81"),
            ],
        }],
        cni: CniConfig::default(),
        workloads: vec![Workload {
            name: "my-nginx".into(),
            namespace: "default".into(),
            replicas: 4,
            labels: labels.clone(),
            container_port: 80,
            ..Workload::default()
        }],
        pods: vec![
            pod(
                "my-nginx-5dc4865748-6pr9g",
                "192.168.90.3",
                "192.168.68.109",
            ),
            pod(
                "my-nginx-5dc4865748-8snkt",
                "192.168.75.136",
                "192.168.73.93",
            ),
            pod("my-nginx-5dc4865748-g2xzk", "192.168.46.6", "192.168.36.89"),
            pod(
                "my-nginx-5dc4865748-m5fhq",
                "192.168.48.175",
                "192.168.63.206",
            ),
        ],
        services: vec![Service {
            name: "my-nginx".into(),
            namespace: "default".into(),
            annotations: BTreeMap::new(),
            service_type: ServiceType::LoadBalancer,
            selector: labels,
            cluster_ip: Some("10.100.51.23".into()),
            ports: vec![ServicePort {
                name: String::new(),
                protocol: "TCP".into(),
                port: 80,
                target_port: Some(80),
                node_port: Some(30686),
            }],
            external_traffic_policy: TrafficPolicy::Cluster,
            health_check_node_port: None,
            uid: "d39ba2b8-a05d-44d2-b88e-3e11c9706b70".into(),
            load_balancer_hostname: Some(
                "ad39ba2b8a05d44d2b88e3e11c9706b7-1845382141.ap-northeast-2.elb.amazonaws.com"
                    .into(),
            ),
            age: "11m".into(),
        }],
        ingresses: Vec::new(),
    }
}
