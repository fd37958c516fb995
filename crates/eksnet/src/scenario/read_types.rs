//! Each type of the scenario read by hand (see `read.rs`): one function a type,
//! its members' names in the order the derive lists them (that list is in the
//! refusal of an unknown member).

use serde_json::Value;

use super::read::{Rd, VariantFields, R};
use super::read_nodes::{
    cni, ingress, network_acl, node_group, pod_pin, route_table, service, workload,
};
use super::*;

/// Reads a scenario; on a refusal, serde's message (the path is in `r`).
pub(crate) fn scenario(r: &mut Rd, v: &Value) -> R<Scenario> {
    let mut s = Scenario::default();
    const F: &[&str] = &[
        "version",
        "cluster",
        "vpc",
        "securityGroups",
        "connectedNetworks",
        "clients",
        "nodeGroups",
        "cni",
        "workloads",
        "pods",
        "services",
        "ingresses",
    ];
    r.object(v, "struct Scenario", F, &mut |r, i, v| {
        match i {
            0 => s.version = r.u32(v)?,
            1 => s.cluster = cluster(r, v)?,
            2 => s.vpc = vpc(r, v)?,
            3 => s.security_groups = r.list(v, security_group)?,
            4 => s.connected_networks = r.list(v, connected_network)?,
            5 => s.clients = r.list(v, client)?,
            6 => s.node_groups = r.list(v, node_group)?,
            7 => s.cni = cni(r, v)?,
            8 => s.workloads = r.list(v, workload)?,
            9 => s.pods = r.list(v, pod_pin)?,
            10 => s.services = r.list(v, service)?,
            _ => s.ingresses = r.list(v, ingress)?,
        }
        Ok(())
    })?;
    Ok(s)
}

fn cluster(r: &mut Rd, v: &Value) -> R<Cluster> {
    let mut c = Cluster::default();
    const F: &[&str] = &[
        "name",
        "version",
        "region",
        "resourcesVpcConfig",
        "kubernetesNetworkConfig",
    ];
    r.object(v, "struct Cluster", F, &mut |r, i, v| {
        match i {
            0 => c.name = r.string(v)?,
            1 => c.version = r.string(v)?,
            2 => c.region = r.string(v)?,
            3 => c.resources_vpc_config = resources_vpc_config(r, v)?,
            _ => c.kubernetes_network_config = kubernetes_network_config(r, v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn resources_vpc_config(r: &mut Rd, v: &Value) -> R<ResourcesVpcConfig> {
    let mut c = ResourcesVpcConfig::default();
    const F: &[&str] = &[
        "subnetIds",
        "securityGroupIds",
        "clusterSecurityGroupId",
        "endpointPublicAccess",
        "endpointPrivateAccess",
        "publicAccessCidrs",
        "controlPlaneEgressMode",
    ];
    r.object(v, "struct ResourcesVpcConfig", F, &mut |r, i, v| {
        match i {
            0 => c.subnet_ids = r.strings(v)?,
            1 => c.security_group_ids = r.strings(v)?,
            2 => c.cluster_security_group_id = r.string(v)?,
            3 => c.endpoint_public_access = r.boolean(v)?,
            4 => c.endpoint_private_access = r.boolean(v)?,
            5 => c.public_access_cidrs = r.strings(v)?,
            _ => {
                const V: &[&str] = &["AWS_MANAGED", "CUSTOMER_ROUTED", "CUSTOMER_ISOLATED"];
                c.control_plane_egress_mode = match r.unit_enum(v, V)? {
                    0 => ControlPlaneEgressMode::AwsManaged,
                    1 => ControlPlaneEgressMode::CustomerRouted,
                    _ => ControlPlaneEgressMode::CustomerIsolated,
                }
            }
        }
        Ok(())
    })?;
    Ok(c)
}

fn kubernetes_network_config(r: &mut Rd, v: &Value) -> R<KubernetesNetworkConfig> {
    let mut c = KubernetesNetworkConfig::default();
    const F: &[&str] = &["ipFamily", "serviceIpv4Cidr", "serviceIpv6Cidr"];
    r.object(v, "struct KubernetesNetworkConfig", F, &mut |r, i, v| {
        match i {
            0 => {
                c.ip_family = match r.unit_enum(v, &["ipv4", "ipv6"])? {
                    0 => IpFamily::Ipv4,
                    _ => IpFamily::Ipv6,
                }
            }
            1 => c.service_ipv4_cidr = r.string(v)?,
            _ => c.service_ipv6_cidr = r.string(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn vpc(r: &mut Rd, v: &Value) -> R<Vpc> {
    let mut c = Vpc::default();
    const F: &[&str] = &[
        "vpcId",
        "cidrBlocks",
        "ipv6CidrBlock",
        "enableDnsSupport",
        "enableDnsHostnames",
        "dnsResolver",
        "dhcpOptions",
        "subnets",
        "internetGateway",
        "natGateways",
        "vpcEndpoints",
        "routeTables",
        "networkAcls",
        "subnetCidrReservations",
    ];
    r.object(v, "struct Vpc", F, &mut |r, i, v| {
        match i {
            0 => c.vpc_id = r.string(v)?,
            1 => c.cidr_blocks = r.strings(v)?,
            2 => c.ipv6_cidr_block = r.string(v)?,
            3 => c.enable_dns_support = r.boolean(v)?,
            4 => c.enable_dns_hostnames = r.boolean(v)?,
            5 => c.dns_resolver = dns_resolver(r, v)?,
            6 => c.dhcp_options = r.opt(v, dhcp_options)?,
            7 => c.subnets = r.list(v, subnet)?,
            8 => c.internet_gateway = r.opt(v, internet_gateway)?,
            9 => c.nat_gateways = r.list(v, nat_gateway)?,
            10 => c.vpc_endpoints = r.list(v, vpc_endpoint)?,
            11 => c.route_tables = r.list(v, route_table)?,
            12 => c.network_acls = r.list(v, network_acl)?,
            _ => c.subnet_cidr_reservations = r.list(v, subnet_cidr_reservation)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn subnet_cidr_reservation(r: &mut Rd, v: &Value) -> R<SubnetCidrReservation> {
    let mut c = SubnetCidrReservation::default();
    const F: &[&str] = &[
        "subnetCidrReservationId",
        "subnetId",
        "cidr",
        "reservationType",
        "description",
    ];
    r.object(v, "struct SubnetCidrReservation", F, &mut |r, i, v| {
        match i {
            0 => c.subnet_cidr_reservation_id = r.string(v)?,
            1 => c.subnet_id = r.string(v)?,
            2 => c.cidr = r.string(v)?,
            3 => {
                c.reservation_type = match r.unit_enum(v, &["prefix", "explicit"])? {
                    0 => ReservationType::Prefix,
                    _ => ReservationType::Explicit,
                }
            }
            _ => c.description = r.string(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn dhcp_options(r: &mut Rd, v: &Value) -> R<DhcpOptions> {
    let mut c = DhcpOptions::default();
    const F: &[&str] = &[
        "dhcpOptionsId",
        "domainNameServers",
        "domainName",
        "forwardsToVpcResolver",
    ];
    r.object(v, "struct DhcpOptions", F, &mut |r, i, v| {
        match i {
            0 => c.dhcp_options_id = r.string(v)?,
            1 => c.domain_name_servers = r.strings(v)?,
            2 => c.domain_name = r.string(v)?,
            _ => c.forwards_to_vpc_resolver = r.boolean(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn dns_resolver(r: &mut Rd, v: &Value) -> R<DnsResolver> {
    let (i, content) = r.variant(v, &["AmazonProvidedDNS", "custom"])?;
    if i == 0 {
        match content {
            Some(c) if !c.is_null() => {
                return Err(crate::json_value::invalid_type(c, "unit variant"))
            }
            _ => {
                r.end_variant(content);
                return Ok(DnsResolver::AmazonProvidedDns);
            }
        }
    }
    const FIELDS: VariantFields = VariantFields {
        what: "struct variant DnsResolver::Custom",
        names: &[
            "address",
            "forwardsToVpcResolver",
            "forwards_to_vpc_resolver",
        ],
        field_of: &[0, 1, 1],
        required: &[Some("address"), None],
    };
    let (mut address, mut forwards) = (String::new(), false);
    r.struct_variant(content, &FIELDS, &mut |r, d, v| {
        match d {
            0 => address = r.string(v)?,
            _ => forwards = r.boolean(v)?,
        }
        Ok(())
    })?;
    Ok(DnsResolver::Custom {
        address,
        forwards_to_vpc_resolver: forwards,
    })
}

fn subnet(r: &mut Rd, v: &Value) -> R<Subnet> {
    let mut c = Subnet::default();
    const F: &[&str] = &[
        "subnetId",
        "availabilityZone",
        "cidrBlock",
        "ipv6CidrBlock",
        "mapPublicIpOnLaunch",
        "assignIpv6AddressOnCreation",
        "defaultRoute",
    ];
    r.object(v, "struct Subnet", F, &mut |r, i, v| {
        match i {
            0 => c.subnet_id = r.string(v)?,
            1 => c.availability_zone = r.string(v)?,
            2 => c.cidr_block = r.string(v)?,
            3 => c.ipv6_cidr_block = r.string(v)?,
            4 => c.map_public_ip_on_launch = r.boolean(v)?,
            5 => c.assign_ipv6_address_on_creation = r.boolean(v)?,
            _ => c.default_route = r.opt(v, default_route)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn default_route(r: &mut Rd, v: &Value) -> R<DefaultRoute> {
    let (i, content) = r.variant(v, &["gatewayId", "natGatewayId", "transitGatewayId"])?;
    let s = r.newtype_string(content)?;
    Ok(match i {
        0 => DefaultRoute::GatewayId(s),
        1 => DefaultRoute::NatGatewayId(s),
        _ => DefaultRoute::TransitGatewayId(s),
    })
}

fn internet_gateway(r: &mut Rd, v: &Value) -> R<InternetGateway> {
    let mut c = InternetGateway::default();
    r.object(
        v,
        "struct InternetGateway",
        &["internetGatewayId"],
        &mut |r, _, v| {
            c.internet_gateway_id = r.string(v)?;
            Ok(())
        },
    )?;
    Ok(c)
}

fn nat_gateway(r: &mut Rd, v: &Value) -> R<NatGateway> {
    let mut c = NatGateway::default();
    const F: &[&str] = &["natGatewayId", "subnetId", "publicIp"];
    r.object(v, "struct NatGateway", F, &mut |r, i, v| {
        match i {
            0 => c.nat_gateway_id = r.string(v)?,
            1 => c.subnet_id = r.string(v)?,
            _ => c.public_ip = r.string(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn vpc_endpoint(r: &mut Rd, v: &Value) -> R<VpcEndpoint> {
    let mut c = VpcEndpoint::default();
    const F: &[&str] = &[
        "vpcEndpointId",
        "serviceName",
        "vpcEndpointType",
        "privateDnsEnabled",
        "subnetIds",
        "routeTableIds",
    ];
    r.object(v, "struct VpcEndpoint", F, &mut |r, i, v| {
        match i {
            0 => c.vpc_endpoint_id = r.string(v)?,
            1 => c.service_name = r.string(v)?,
            2 => {
                c.vpc_endpoint_type = match r.unit_enum(v, &["Interface", "Gateway"])? {
                    0 => VpcEndpointType::Interface,
                    _ => VpcEndpointType::Gateway,
                }
            }
            3 => c.private_dns_enabled = r.boolean(v)?,
            4 => c.subnet_ids = r.strings(v)?,
            _ => c.route_table_ids = r.strings(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn security_group(r: &mut Rd, v: &Value) -> R<SecurityGroup> {
    let mut c = SecurityGroup::default();
    const F: &[&str] = &["groupId", "groupName", "ingress", "egress"];
    r.object(v, "struct SecurityGroup", F, &mut |r, i, v| {
        match i {
            0 => c.group_id = r.string(v)?,
            1 => c.group_name = r.string(v)?,
            2 => c.ingress = r.list(v, security_group_rule)?,
            _ => c.egress = r.opt(v, |r, v| r.list(v, security_group_rule))?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn security_group_rule(r: &mut Rd, v: &Value) -> R<SecurityGroupRule> {
    let mut c = SecurityGroupRule::default();
    const F: &[&str] = &[
        "ipProtocol",
        "fromPort",
        "toPort",
        "cidrIp",
        "sourceSecurityGroupId",
        "description",
    ];
    r.object(v, "struct SecurityGroupRule", F, &mut |r, i, v| {
        match i {
            0 => c.ip_protocol = r.string(v)?,
            1 => c.from_port = r.u16(v)?,
            2 => c.to_port = r.u16(v)?,
            3 => c.cidr_ip = r.opt_string(v)?,
            4 => c.source_security_group_id = r.opt_string(v)?,
            _ => c.description = r.string(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn connected_network(r: &mut Rd, v: &Value) -> R<ConnectedNetwork> {
    let mut c = ConnectedNetwork::default();
    const F: &[&str] = &[
        "name",
        "kind",
        "cidrBlocks",
        "resolverInboundEndpoint",
        "routed",
        "publicIp",
    ];
    r.object(v, "struct ConnectedNetwork", F, &mut |r, i, v| {
        match i {
            0 => c.name = r.string(v)?,
            1 => {
                const V: &[&str] = &["vpn", "directConnect", "peering", "transitGateway"];
                c.kind = match r.unit_enum(v, V)? {
                    0 => ConnectionKind::Vpn,
                    1 => ConnectionKind::DirectConnect,
                    2 => ConnectionKind::Peering,
                    _ => ConnectionKind::TransitGateway,
                }
            }
            2 => c.cidr_blocks = r.strings(v)?,
            3 => c.resolver_inbound_endpoint = r.boolean(v)?,
            4 => c.routed = r.boolean(v)?,
            _ => c.public_ip = r.opt_string(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn client(r: &mut Rd, v: &Value) -> R<Client> {
    let mut c = Client::default();
    const F: &[&str] = &["name", "location", "securityGroupIds", "publicIp"];
    r.object(v, "struct Client", F, &mut |r, i, v| {
        match i {
            0 => c.name = r.string(v)?,
            1 => c.location = client_location(r, v)?,
            2 => c.security_group_ids = r.strings(v)?,
            _ => c.public_ip = r.opt_string(v)?,
        }
        Ok(())
    })?;
    Ok(c)
}

fn client_location(r: &mut Rd, v: &Value) -> R<ClientLocation> {
    const INTERNET: VariantFields = VariantFields {
        what: "struct variant ClientLocation::Internet",
        names: &["sourceIp"],
        field_of: &[0],
        required: &[Some("sourceIp")],
    };
    const SUBNET: VariantFields = VariantFields {
        what: "struct variant ClientLocation::Subnet",
        names: &["subnetId"],
        field_of: &[0],
        required: &[Some("subnetId")],
    };
    const CONNECTED: VariantFields = VariantFields {
        what: "struct variant ClientLocation::ConnectedNetwork",
        names: &["network", "sourceIp"],
        field_of: &[0, 1],
        required: &[Some("network"), Some("sourceIp")],
    };
    let (i, content) = r.variant(v, &["internet", "subnet", "connectedNetwork"])?;
    let fields = [&INTERNET, &SUBNET, &CONNECTED][i.min(2)];
    let mut got = [String::new(), String::new()];
    r.struct_variant(content, fields, &mut |r, d, v| {
        got[d.min(1)] = r.string(v)?;
        Ok(())
    })?;
    let [a, b] = got;
    Ok(match i {
        0 => ClientLocation::Internet { source_ip: a },
        1 => ClientLocation::Subnet { subnet_id: a },
        _ => ClientLocation::ConnectedNetwork {
            network: a,
            source_ip: b,
        },
    })
}
