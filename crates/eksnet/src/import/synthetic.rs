//! A generated snapshot of a large cluster, shaped like the fixtures (for the
//! benchmark and tests): `nodes` nodes in three private subnets behind a NAT
//! gateway, each running `pods_per_node` pods of one Deployment with their IPs.

use serde_json::json;

/// The snapshot's files, `(name, text)` as `eksnet collect` would save them.
pub fn snapshot(nodes: usize, pods_per_node: usize) -> Vec<(String, String)> {
    let vpc = "vpc-0000000000000b1g0";
    let region = "us-west-2";
    let private = [
        ("subnet-p0", "10.0.0.0/18", "a", 0x0a00_0000u32),
        ("subnet-p1", "10.0.64.0/18", "b", 0x0a00_4000),
        ("subnet-p2", "10.0.128.0/18", "c", 0x0a00_8000),
    ];
    let ip = |n: u32| std::net::Ipv4Addr::from(n).to_string();
    let mut subnets: Vec<_> = private
        .iter()
        .map(|(id, cidr, az, _)| json!({"SubnetId": id, "VpcId": vpc, "AvailabilityZone": format!("{region}{az}"), "CidrBlock": cidr, "MapPublicIpOnLaunch": false, "AvailableIpAddressCount": 16000}))
        .collect();
    subnets.push(json!({"SubnetId": "subnet-pub", "VpcId": vpc, "AvailabilityZone": format!("{region}a"), "CidrBlock": "10.0.192.0/24", "MapPublicIpOnLaunch": true}));
    let mut node_items = Vec::with_capacity(nodes);
    let mut pod_items = Vec::with_capacity(nodes * pods_per_node);
    let mut next = [10u32; 3];
    for i in 0..nodes {
        let k = i % 3;
        let (_, _, az, base) = private[k];
        let nip = ip(base + next[k]);
        next[k] += 1;
        let name = format!("ip-{}.{region}.compute.internal", nip.replace('.', "-"));
        node_items.push(json!({"apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name, "labels": {"eks.amazonaws.com/nodegroup": "ng-big", "node.kubernetes.io/instance-type": "m5.4xlarge", "topology.kubernetes.io/zone": format!("{region}{az}"), "kubernetes.io/hostname": name}},
            "spec": {"providerID": format!("aws:///{region}{az}/i-{i:017x}")},
            "status": {"addresses": [{"type": "InternalIP", "address": nip}, {"type": "Hostname", "address": name}],
                "conditions": [{"type": "Ready", "status": "True"}]}}));
        for p in 0..pods_per_node {
            let pip = ip(base + next[k]);
            next[k] += 1;
            pod_items.push(json!({"apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": format!("app-6d4b75cb6d-{i}x{p}"), "namespace": "default",
                    "labels": {"app": "app", "pod-template-hash": "6d4b75cb6d"},
                    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "app-6d4b75cb6d", "controller": true}]},
                "spec": {"nodeName": name, "containers": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "ports": [{"containerPort": 8080, "protocol": "TCP"}]}]},
                "status": {"phase": "Running", "podIP": pip, "hostIP": nip, "conditions": [{"type": "Ready", "status": "True"}]}}));
        }
    }
    let list = |items: Vec<serde_json::Value>| {
        json!({"apiVersion": "v1", "kind": "List", "items": items}).to_string()
    };
    vec![
        ("cluster.json".into(), json!({"cluster": {"name": "big", "arn": format!("arn:aws:eks:{region}:111122223333:cluster/big"), "version": "1.31",
            "resourcesVpcConfig": {"subnetIds": ["subnet-p0", "subnet-p1", "subnet-p2"], "clusterSecurityGroupId": "sg-big", "vpcId": vpc,
                "endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["0.0.0.0/0"]}}}).to_string()),
        ("vpcs.json".into(), json!({"Vpcs": [{"VpcId": vpc, "CidrBlock": "10.0.0.0/16", "IsDefault": false}]}).to_string()),
        ("dns-support.json".into(), json!({"VpcId": vpc, "EnableDnsSupport": {"Value": true}}).to_string()),
        ("dns-hostnames.json".into(), json!({"VpcId": vpc, "EnableDnsHostnames": {"Value": true}}).to_string()),
        ("subnets.json".into(), json!({"Subnets": subnets}).to_string()),
        ("route-tables.json".into(), json!({"RouteTables": [
            {"RouteTableId": "rtb-main", "VpcId": vpc, "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}, {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-big"}]},
            {"RouteTableId": "rtb-pub", "VpcId": vpc, "Associations": [{"Main": false, "SubnetId": "subnet-pub"}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-big"}]}]}).to_string()),
        ("internet-gateways.json".into(), json!({"InternetGateways": [{"InternetGatewayId": "igw-big", "Attachments": [{"VpcId": vpc, "State": "available"}]}]}).to_string()),
        ("nat-gateways.json".into(), json!({"NatGateways": [{"NatGatewayId": "nat-big", "SubnetId": "subnet-pub", "VpcId": vpc, "State": "available", "NatGatewayAddresses": [{"PublicIp": "198.51.100.9"}]}]}).to_string()),
        ("security-groups.json".into(), json!({"SecurityGroups": [{"GroupId": "sg-big", "GroupName": "eks-cluster-sg-big", "VpcId": vpc,
            "IpPermissions": [{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-big"}]}]}]}).to_string()),
        ("nodegroup-ng-big.json".into(), json!({"nodegroup": {"nodegroupName": "ng-big", "clusterName": "big", "instanceTypes": ["m5.4xlarge"],
            "subnets": ["subnet-p0", "subnet-p1", "subnet-p2"], "scalingConfig": {"desiredSize": nodes}}}).to_string()),
        ("nodes.json".into(), list(node_items)),
        ("pods.json".into(), list(pod_items)),
    ]
}
