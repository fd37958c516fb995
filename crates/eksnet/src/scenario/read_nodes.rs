//! The nodes', workloads' and VPC fabric's types read by hand (see `read.rs`).

use serde_json::Value;

use super::read::{Rd, R};
use super::*;

pub(super) fn node_group(r: &mut Rd, v: &Value) -> R<NodeGroup> {
    let mut c = NodeGroup::default();
    const F: &[&str] = &[
        "nodegroupName",
        "kind",
        "instanceType",
        "desiredSize",
        "subnets",
        "securityGroupIds",
        "associatePublicIpAddress",
        "nodes",
    ];
    r.object(v, "struct NodeGroup", F, &mut |r, i, v| {
        match i {
            0 => c.nodegroup_name = r.string(v)?,
            1 => {
                c.kind = match r.unit_enum(v, &["managed", "selfManaged", "fargate"])? {
                    0 => NodeGroupKind::Managed,
                    1 => NodeGroupKind::SelfManaged,
                    _ => NodeGroupKind::Fargate,
                }
            }
            2 => c.instance_type = r.string(v)?,
            3 => c.desired_size = r.u32(v)?,
            4 => c.subnets = r.strings(v)?,
            5 => c.security_group_ids = r.strings(v)?,
            6 => c.associate_public_ip_address = r.opt(v, Rd::boolean)?,
            _ => c.nodes = r.list(v, node_pin)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn node_pin(r: &mut Rd, v: &Value) -> R<NodePin> {
    let mut c = NodePin::default();
    const F: &[&str] = &["subnetId", "privateIp", "publicIp", "enis"];
    r.object(v, "struct NodePin", F, &mut |r, i, v| {
        match i {
            0 => c.subnet_id = r.string(v)?,
            1 => c.private_ip = r.string(v)?,
            2 => c.public_ip = r.opt_string(v)?,
            _ => c.enis = r.list(v, observed_eni)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn observed_eni(r: &mut Rd, v: &Value) -> R<ObservedEni> {
    let mut c = ObservedEni::default();
    const F: &[&str] = &[
        "networkInterfaceId",
        "subnetId",
        "deviceIndex",
        "privateIpAddress",
        "secondaryPrivateIpAddresses",
        "ipv4Prefixes",
    ];
    r.object(v, "struct ObservedEni", F, &mut |r, i, v| {
        match i {
            0 => c.network_interface_id = r.string(v)?,
            1 => c.subnet_id = r.string(v)?,
            2 => c.device_index = r.u32(v)?,
            3 => c.private_ip_address = r.string(v)?,
            4 => c.secondary_private_ip_addresses = r.strings(v)?,
            _ => c.ipv4_prefixes = r.strings(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

pub(super) fn cni(r: &mut Rd, v: &Value) -> R<CniConfig> {
    let mut c = CniConfig::default();
    const F: &[&str] = &[
        "ENABLE_PREFIX_DELEGATION",
        "WARM_ENI_TARGET",
        "WARM_IP_TARGET",
        "MINIMUM_IP_TARGET",
        "WARM_PREFIX_TARGET",
        "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
        "eniConfigs",
        "maxPodsOverride",
    ];
    r.object(v, "struct CniConfig", F, &mut |r, i, v| {
        match i {
            0 => c.enable_prefix_delegation = r.boolean(v)?,
            1 => c.warm_eni_target = r.opt(v, Rd::u32)?,
            2 => c.warm_ip_target = r.opt(v, Rd::u32)?,
            3 => c.minimum_ip_target = r.opt(v, Rd::u32)?,
            4 => c.warm_prefix_target = r.opt(v, Rd::u32)?,
            5 => c.custom_network_cfg = r.boolean(v)?,
            6 => c.eni_configs = r.list(v, eni_config)?,
            _ => c.max_pods_override = r.opt(v, Rd::u32)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn eni_config(r: &mut Rd, v: &Value) -> R<EniConfig> {
    let mut c = EniConfig::default();
    const F: &[&str] = &["name", "subnet", "securityGroups"];
    r.object(v, "struct EniConfig", F, &mut |r, i, v| {
        match i {
            0 => c.name = r.string(v)?,
            1 => c.subnet = r.string(v)?,
            _ => c.security_groups = r.strings(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

pub(super) fn workload(r: &mut Rd, v: &Value) -> R<Workload> {
    let mut c = Workload::default();
    const F: &[&str] = &[
        "name",
        "namespace",
        "replicas",
        "labels",
        "hostNetwork",
        "nodeSelector",
        "containerPort",
        "ready",
        "admissionWebhookPort",
    ];
    r.object(v, "struct Workload", F, &mut |r, i, v| {
        match i {
            0 => c.name = r.string(v)?,
            1 => c.namespace = r.string(v)?,
            2 => c.replicas = r.u32(v)?,
            3 => c.labels = r.str_map(v)?,
            4 => c.host_network = r.boolean(v)?,
            5 => c.node_selector = r.str_map(v)?,
            6 => c.container_port = r.u16(v)?,
            7 => c.ready = r.boolean(v)?,
            _ => c.admission_webhook_port = r.opt(v, Rd::u16)?,
        }
        Ok(())
    })?;
    Ok(c)
}

pub(super) fn pod_pin(r: &mut Rd, v: &Value) -> R<PodPin> {
    let mut c = PodPin::default();
    const F: &[&str] = &["name", "workload", "namespace", "nodeName", "podIP"];
    r.object(v, "struct PodPin", F, &mut |r, i, v| {
        match i {
            0 => c.name = r.string(v)?,
            1 => c.workload = r.string(v)?,
            2 => c.namespace = r.string(v)?,
            3 => c.node_name = r.string(v)?,
            _ => c.pod_ip = r.opt_string(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

pub(super) fn service(r: &mut Rd, v: &Value) -> R<Service> {
    let mut c = Service::default();
    const F: &[&str] = &[
        "name",
        "namespace",
        "annotations",
        "type",
        "selector",
        "clusterIP",
        "ports",
        "externalTrafficPolicy",
        "healthCheckNodePort",
        "uid",
        "loadBalancerHostname",
        "age",
    ];
    r.object(v, "struct Service", F, &mut |r, i, v| {
        match i {
            0 => c.name = r.string(v)?,
            1 => c.namespace = r.string(v)?,
            2 => c.annotations = r.str_map(v)?,
            3 => {
                const V: &[&str] = &["ClusterIP", "NodePort", "LoadBalancer"];
                c.service_type = match r.unit_enum(v, V)? {
                    0 => ServiceType::ClusterIP,
                    1 => ServiceType::NodePort,
                    _ => ServiceType::LoadBalancer,
                }
            }
            4 => c.selector = r.str_map(v)?,
            5 => c.cluster_ip = r.opt_string(v)?,
            6 => c.ports = r.list(v, service_port)?,
            7 => {
                c.external_traffic_policy = match r.unit_enum(v, &["Cluster", "Local"])? {
                    0 => TrafficPolicy::Cluster,
                    _ => TrafficPolicy::Local,
                }
            }
            8 => c.health_check_node_port = r.opt(v, Rd::u16)?,
            9 => c.uid = r.string(v)?,
            10 => c.load_balancer_hostname = r.opt_string(v)?,
            _ => c.age = r.string(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn service_port(r: &mut Rd, v: &Value) -> R<ServicePort> {
    let mut c = ServicePort::default();
    const F: &[&str] = &["name", "protocol", "port", "targetPort", "nodePort"];
    r.object(v, "struct ServicePort", F, &mut |r, i, v| {
        match i {
            0 => c.name = r.string(v)?,
            1 => c.protocol = r.string(v)?,
            2 => c.port = r.u16(v)?,
            3 => c.target_port = r.opt(v, Rd::u16)?,
            _ => c.node_port = r.opt(v, Rd::u16)?,
        }
        Ok(())
    })?;
    Ok(c)
}

pub(super) fn ingress(r: &mut Rd, v: &Value) -> R<Ingress> {
    let mut c = Ingress::default();
    const F: &[&str] = &[
        "name",
        "namespace",
        "annotations",
        "ingressClassName",
        "rules",
        "loadBalancerHostname",
        "age",
    ];
    r.object(v, "struct Ingress", F, &mut |r, i, v| {
        match i {
            0 => c.name = r.string(v)?,
            1 => c.namespace = r.string(v)?,
            2 => c.annotations = r.str_map(v)?,
            3 => c.ingress_class_name = r.opt_string(v)?,
            4 => c.rules = r.list(v, ingress_rule)?,
            5 => c.load_balancer_hostname = r.opt_string(v)?,
            _ => c.age = r.string(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn ingress_rule(r: &mut Rd, v: &Value) -> R<IngressRule> {
    let mut c = IngressRule::default();
    const F: &[&str] = &["host", "path", "serviceName", "servicePort"];
    r.object(v, "struct IngressRule", F, &mut |r, i, v| {
        match i {
            0 => c.host = r.string(v)?,
            1 => c.path = r.string(v)?,
            2 => c.service_name = r.string(v)?,
            _ => c.service_port = r.u16(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

pub(super) fn route_table(r: &mut Rd, v: &Value) -> R<RouteTable> {
    let mut c = RouteTable::default();
    const F: &[&str] = &["routeTableId", "associations", "routes"];
    r.object(v, "struct RouteTable", F, &mut |r, i, v| {
        match i {
            0 => c.route_table_id = r.string(v)?,
            1 => c.associations = r.list(v, route_table_association)?,
            _ => c.routes = r.list(v, route_entry)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn route_table_association(r: &mut Rd, v: &Value) -> R<RouteTableAssociation> {
    let mut c = RouteTableAssociation::default();
    r.object(
        v,
        "struct RouteTableAssociation",
        &["main", "subnetId"],
        &mut |r, i, v| {
            match i {
                0 => c.main = r.boolean(v)?,
                _ => c.subnet_id = r.opt_string(v)?,
            }
            Ok(())
        },
    )?;
    Ok(c)
}

fn route_entry(r: &mut Rd, v: &Value) -> R<RouteEntry> {
    let mut c = RouteEntry::default();
    const F: &[&str] = &[
        "destinationCidrBlock",
        "destinationPrefixListId",
        "gatewayId",
        "natGatewayId",
        "transitGatewayId",
        "vpcPeeringConnectionId",
        "state",
    ];
    r.object(v, "struct RouteEntry", F, &mut |r, i, v| {
        match i {
            0 => c.destination_cidr_block = r.opt_string(v)?,
            1 => c.destination_prefix_list_id = r.opt_string(v)?,
            2 => c.gateway_id = r.opt_string(v)?,
            3 => c.nat_gateway_id = r.opt_string(v)?,
            4 => c.transit_gateway_id = r.opt_string(v)?,
            5 => c.vpc_peering_connection_id = r.opt_string(v)?,
            _ => {
                c.state = match r.unit_enum(v, &["active", "blackhole"])? {
                    0 => RouteState::Active,
                    _ => RouteState::Blackhole,
                }
            }
        }
        Ok(())
    })?;
    Ok(c)
}

pub(super) fn network_acl(r: &mut Rd, v: &Value) -> R<NetworkAcl> {
    let mut c = NetworkAcl::default();
    const F: &[&str] = &["networkAclId", "isDefault", "associations", "entries"];
    r.object(v, "struct NetworkAcl", F, &mut |r, i, v| {
        match i {
            0 => c.network_acl_id = r.string(v)?,
            1 => c.is_default = r.boolean(v)?,
            2 => c.associations = r.list(v, network_acl_association)?,
            _ => c.entries = r.list(v, network_acl_entry)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn network_acl_association(r: &mut Rd, v: &Value) -> R<NetworkAclAssociation> {
    let mut c = NetworkAclAssociation::default();
    r.object(
        v,
        "struct NetworkAclAssociation",
        &["subnetId"],
        &mut |r, _, v| {
            c.subnet_id = r.string(v)?;
            Ok(())
        },
    )?;
    Ok(c)
}

fn network_acl_entry(r: &mut Rd, v: &Value) -> R<NetworkAclEntry> {
    let mut c = NetworkAclEntry::default();
    const F: &[&str] = &[
        "ruleNumber",
        "protocol",
        "ruleAction",
        "egress",
        "cidrBlock",
        "portRange",
    ];
    r.object(v, "struct NetworkAclEntry", F, &mut |r, i, v| {
        match i {
            0 => c.rule_number = r.u32(v)?,
            1 => c.protocol = r.string(v)?,
            2 => {
                c.rule_action = match r.unit_enum(v, &["allow", "deny"])? {
                    0 => RuleAction::Allow,
                    _ => RuleAction::Deny,
                }
            }
            3 => c.egress = r.boolean(v)?,
            4 => c.cidr_block = r.string(v)?,
            _ => c.port_range = r.opt(v, port_range)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn port_range(r: &mut Rd, v: &Value) -> R<PortRange> {
    let mut c = PortRange::default();
    r.object(v, "struct PortRange", &["from", "to"], &mut |r, i, v| {
        match i {
            0 => c.from = r.u16(v)?,
            _ => c.to = r.u16(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}
