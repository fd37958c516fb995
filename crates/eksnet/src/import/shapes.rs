//! The AWS CLI's documents (`aws ec2 …`, `aws eks …`) read from their JSON by
//! hand, one function per shape, member by member as the CLI names them (see
//! [`walk`](super::walk) for how a member is read and refused). The shapes
//! themselves, and the botocore models they follow, are documented in [`ec2`],
//! [`eks`], [`routes`], [`attachments`] and [`instances`].

use super::attachments::{
    PeeringCidr, PeeringConnection, PeeringStatus, PeeringVpcInfo, TgwAttachment,
};
use super::ec2::{
    Attachment, AttributeBool, AttributeValue, BlockState, CidrAssociation, DhcpConfiguration,
    DhcpOptions, GroupPair, InternetGateway, IpPermission, IpRange, Ipv6CidrAssociation,
    NatGateway, NatGatewayAddress, ReferencedGroup, SecurityGroup, SecurityGroupRule, Subnet, Tag,
    Vpc, VpcAttribute, VpcEndpoint,
};
use super::eks::{
    Addon, Cluster, ClusterHealth, ClusterIssue, FargateProfile, FargateSelector, NetworkConfig,
    Nodegroup, NodegroupResources, ScalingConfig, VpcConfig,
};
use super::instances::{
    EniAttachment, GroupIdentifier, Instance, InstanceState, Ipv4Prefix, NetworkInterface,
    PrivateIp, Reservation,
};
use super::routes::{
    AclAssociation, AclEntry, AclPorts, Association, NetworkAcl, Route, RouteTable,
};
use super::walk::{Obj, R};

pub(crate) fn tag(o: &Obj) -> R<Tag> {
    o.done(Tag {
        key: o.str("Key"),
        value: o.str("Value"),
    })
}

fn tags(o: &Obj) -> Vec<Tag> {
    o.list("Tags", false, "struct Tag", tag)
}

pub(crate) fn vpc(o: &Obj) -> R<Vpc> {
    o.done(Vpc {
        vpc_id: o.str("VpcId"),
        cidr_block: o.str("CidrBlock"),
        cidr_block_association_set: o.list(
            "CidrBlockAssociationSet",
            false,
            "struct CidrAssociation",
            cidr_association,
        ),
        ipv6_cidr_block_association_set: ipv6_blocks(o),
        dhcp_options_id: o.str("DhcpOptionsId"),
        is_default: o.bool("IsDefault"),
    })
}

fn cidr_association(o: &Obj) -> R<CidrAssociation> {
    o.done(CidrAssociation {
        cidr_block: o.str("CidrBlock"),
        cidr_block_state: o.sub("CidrBlockState", "struct BlockState", block_state),
    })
}

fn block_state(o: &Obj) -> R<BlockState> {
    o.done(BlockState {
        state: o.str("State"),
    })
}

fn ipv6_blocks(o: &Obj) -> Vec<Ipv6CidrAssociation> {
    o.list(
        "Ipv6CidrBlockAssociationSet",
        false,
        "struct Ipv6CidrAssociation",
        ipv6_association,
    )
}

fn ipv6_association(o: &Obj) -> R<Ipv6CidrAssociation> {
    o.done(Ipv6CidrAssociation {
        ipv6_cidr_block: o.str("Ipv6CidrBlock"),
        ipv6_cidr_block_state: o.sub("Ipv6CidrBlockState", "struct BlockState", block_state),
    })
}

pub(crate) fn vpc_attribute(o: &Obj) -> R<VpcAttribute> {
    o.done(VpcAttribute {
        vpc_id: o.str("VpcId"),
        enable_dns_support: o.opt_sub("EnableDnsSupport", "struct AttributeBool", attribute_bool),
        enable_dns_hostnames: o.opt_sub(
            "EnableDnsHostnames",
            "struct AttributeBool",
            attribute_bool,
        ),
    })
}

fn attribute_bool(o: &Obj) -> R<AttributeBool> {
    o.done(AttributeBool {
        value: o.bool("Value"),
    })
}

pub(crate) fn subnet(o: &Obj) -> R<Subnet> {
    o.done(Subnet {
        subnet_id: o.str("SubnetId"),
        vpc_id: o.str("VpcId"),
        availability_zone: o.str("AvailabilityZone"),
        cidr_block: o.str("CidrBlock"),
        ipv6_cidr_block_association_set: ipv6_blocks(o),
        map_public_ip_on_launch: o.bool("MapPublicIpOnLaunch"),
        assign_ipv6_address_on_creation: o.bool("AssignIpv6AddressOnCreation"),
        available_ip_address_count: o.opt_u64("AvailableIpAddressCount"),
        tags: tags(o),
    })
}

pub(crate) fn internet_gateway(o: &Obj) -> R<InternetGateway> {
    o.done(InternetGateway {
        internet_gateway_id: o.str("InternetGatewayId"),
        attachments: o.list("Attachments", false, "struct Attachment", attachment),
    })
}

fn attachment(o: &Obj) -> R<Attachment> {
    o.done(Attachment {
        vpc_id: o.str("VpcId"),
        state: o.str("State"),
    })
}

pub(crate) fn nat_gateway(o: &Obj) -> R<NatGateway> {
    o.done(NatGateway {
        nat_gateway_id: o.str("NatGatewayId"),
        subnet_id: o.str("SubnetId"),
        vpc_id: o.str("VpcId"),
        state: o.str("State"),
        connectivity_type: o.str("ConnectivityType"),
        nat_gateway_addresses: o.list(
            "NatGatewayAddresses",
            false,
            "struct NatGatewayAddress",
            nat_address,
        ),
    })
}

fn nat_address(o: &Obj) -> R<NatGatewayAddress> {
    o.done(NatGatewayAddress {
        public_ip: o.str("PublicIp"),
        private_ip: o.str("PrivateIp"),
    })
}

pub(crate) fn security_group(o: &Obj) -> R<SecurityGroup> {
    o.done(SecurityGroup {
        group_id: o.str("GroupId"),
        group_name: o.str("GroupName"),
        vpc_id: o.str("VpcId"),
        ip_permissions: o.list("IpPermissions", false, "struct IpPermission", ip_permission),
        ip_permissions_egress: o.opt_list(
            "IpPermissionsEgress",
            "struct IpPermission",
            ip_permission,
        ),
    })
}

fn ip_permission(o: &Obj) -> R<IpPermission> {
    o.done(IpPermission {
        ip_protocol: o.str("IpProtocol"),
        from_port: o.opt_i64("FromPort"),
        to_port: o.opt_i64("ToPort"),
        ip_ranges: o.list("IpRanges", false, "struct IpRange", ip_range),
        ipv6_ranges: o.ignored_list("Ipv6Ranges"),
        user_id_group_pairs: o.list("UserIdGroupPairs", false, "struct GroupPair", group_pair),
        prefix_list_ids: o.ignored_list("PrefixListIds"),
    })
}

fn ip_range(o: &Obj) -> R<IpRange> {
    o.done(IpRange {
        cidr_ip: o.str("CidrIp"),
        description: o.str("Description"),
    })
}

fn group_pair(o: &Obj) -> R<GroupPair> {
    o.done(GroupPair {
        group_id: o.str("GroupId"),
        description: o.str("Description"),
    })
}

pub(crate) fn security_group_rule(o: &Obj) -> R<SecurityGroupRule> {
    o.done(SecurityGroupRule {
        security_group_rule_id: o.str("SecurityGroupRuleId"),
        group_id: o.str("GroupId"),
        is_egress: o.bool("IsEgress"),
        ip_protocol: o.str("IpProtocol"),
        from_port: o.opt_i64("FromPort"),
        to_port: o.opt_i64("ToPort"),
        cidr_ipv4: o.opt_str("CidrIpv4"),
        cidr_ipv6: o.opt_str("CidrIpv6"),
        prefix_list_id: o.opt_str("PrefixListId"),
        referenced_group_info: o.opt_sub(
            "ReferencedGroupInfo",
            "struct ReferencedGroup",
            referenced_group,
        ),
        description: o.str("Description"),
    })
}

fn referenced_group(o: &Obj) -> R<ReferencedGroup> {
    o.done(ReferencedGroup {
        group_id: o.str("GroupId"),
    })
}

pub(crate) fn vpc_endpoint(o: &Obj) -> R<VpcEndpoint> {
    o.done(VpcEndpoint {
        vpc_endpoint_id: o.str("VpcEndpointId"),
        vpc_endpoint_type: o.str("VpcEndpointType"),
        vpc_id: o.str("VpcId"),
        service_name: o.str("ServiceName"),
        state: o.str("State"),
        private_dns_enabled: o.bool("PrivateDnsEnabled"),
        subnet_ids: o.strs("SubnetIds", false),
        route_table_ids: o.strs("RouteTableIds", false),
    })
}

pub(crate) fn dhcp_options(o: &Obj) -> R<DhcpOptions> {
    o.done(DhcpOptions {
        dhcp_options_id: o.str("DhcpOptionsId"),
        dhcp_configurations: o.list(
            "DhcpConfigurations",
            false,
            "struct DhcpConfiguration",
            dhcp_configuration,
        ),
    })
}

fn dhcp_configuration(o: &Obj) -> R<DhcpConfiguration> {
    o.done(DhcpConfiguration {
        key: o.str("Key"),
        values: o.list("Values", false, "struct AttributeValue", attribute_value),
    })
}

fn attribute_value(o: &Obj) -> R<AttributeValue> {
    o.done(AttributeValue {
        value: o.str("Value"),
    })
}

/// `{"cluster": {...}}`.
pub(crate) fn describe_cluster(o: &Obj) -> R<Cluster> {
    o.done(o.sub("cluster", "struct Cluster", cluster))
}

fn cluster(o: &Obj) -> R<Cluster> {
    o.done(Cluster {
        name: o.str("name"),
        arn: o.str("arn"),
        version: o.str("version"),
        endpoint: o.str("endpoint"),
        resources_vpc_config: o.sub("resourcesVpcConfig", "struct VpcConfig", vpc_config),
        kubernetes_network_config: o.opt_sub(
            "kubernetesNetworkConfig",
            "struct NetworkConfig",
            network_config,
        ),
        health: o.opt_sub("health", "struct ClusterHealth", cluster_health),
    })
}

fn cluster_health(o: &Obj) -> R<ClusterHealth> {
    o.done(ClusterHealth {
        issues: o.list("issues", false, "struct ClusterIssue", cluster_issue),
    })
}

fn cluster_issue(o: &Obj) -> R<ClusterIssue> {
    o.done(ClusterIssue {
        code: o.str("code"),
        message: o.str("message"),
        resource_ids: o.strs("resourceIds", false),
    })
}

fn vpc_config(o: &Obj) -> R<VpcConfig> {
    o.done(VpcConfig {
        subnet_ids: o.strs("subnetIds", false),
        security_group_ids: o.strs("securityGroupIds", false),
        cluster_security_group_id: o.str("clusterSecurityGroupId"),
        vpc_id: o.str("vpcId"),
        endpoint_public_access: o.opt_bool("endpointPublicAccess"),
        endpoint_private_access: o.opt_bool("endpointPrivateAccess"),
        public_access_cidrs: o.opt_strs("publicAccessCidrs"),
        control_plane_egress_mode: o.opt_str("controlPlaneEgressMode"),
    })
}

fn network_config(o: &Obj) -> R<NetworkConfig> {
    o.done(NetworkConfig {
        service_ipv4_cidr: o.opt_str("serviceIpv4Cidr"),
        service_ipv6_cidr: o.opt_str("serviceIpv6Cidr"),
        ip_family: o.opt_str("ipFamily"),
    })
}

/// `{"nodegroup": {...}}`.
pub(crate) fn describe_nodegroup(o: &Obj) -> R<Nodegroup> {
    o.done(o.sub("nodegroup", "struct Nodegroup", nodegroup))
}

fn nodegroup(o: &Obj) -> R<Nodegroup> {
    o.done(Nodegroup {
        nodegroup_name: o.str("nodegroupName"),
        cluster_name: o.str("clusterName"),
        scaling_config: o.opt_sub("scalingConfig", "struct ScalingConfig", scaling_config),
        instance_types: o.strs("instanceTypes", false),
        subnets: o.strs("subnets", false),
        labels: o.str_map("labels", false),
        launch_template: o.present("launchTemplate"),
        resources: o.opt_sub(
            "resources",
            "struct NodegroupResources",
            nodegroup_resources,
        ),
        health: o.opt_sub("health", "struct ClusterHealth", cluster_health),
    })
}

fn scaling_config(o: &Obj) -> R<ScalingConfig> {
    o.done(ScalingConfig {
        desired_size: o.opt_u32("desiredSize"),
    })
}

fn nodegroup_resources(o: &Obj) -> R<NodegroupResources> {
    o.done(NodegroupResources {
        remote_access_security_group: o.opt_str("remoteAccessSecurityGroup"),
    })
}

/// `{"fargateProfile": {...}}`.
pub(crate) fn describe_fargate_profile(o: &Obj) -> R<FargateProfile> {
    o.done(o.sub("fargateProfile", "struct FargateProfile", fargate_profile))
}

fn fargate_profile(o: &Obj) -> R<FargateProfile> {
    o.done(FargateProfile {
        fargate_profile_name: o.str("fargateProfileName"),
        subnets: o.strs("subnets", false),
        selectors: o.list(
            "selectors",
            false,
            "struct FargateSelector",
            fargate_selector,
        ),
    })
}

fn fargate_selector(o: &Obj) -> R<FargateSelector> {
    o.done(FargateSelector {
        namespace: o.str("namespace"),
        labels: o.str_map("labels", false),
    })
}

/// `{"addon": {...}}`.
pub(crate) fn describe_addon(o: &Obj) -> R<Addon> {
    o.done(o.sub("addon", "struct Addon", addon))
}

fn addon(o: &Obj) -> R<Addon> {
    o.done(Addon {
        addon_name: o.str("addonName"),
        addon_version: o.str("addonVersion"),
        configuration_values: o.opt_str("configurationValues"),
    })
}

pub(crate) fn route_table(o: &Obj) -> R<RouteTable> {
    o.done(RouteTable {
        route_table_id: o.str("RouteTableId"),
        vpc_id: o.str("VpcId"),
        associations: o.list("Associations", false, "struct Association", association),
        routes: o.list("Routes", false, "struct Route", route),
    })
}

fn association(o: &Obj) -> R<Association> {
    o.done(Association {
        main: o.bool("Main"),
        subnet_id: o.opt_str("SubnetId"),
        gateway_id: o.opt_str("GatewayId"),
        association_state: o.opt_sub("AssociationState", "struct BlockState", block_state),
    })
}

fn route(o: &Obj) -> R<Route> {
    o.done(Route {
        destination_cidr_block: o.opt_str("DestinationCidrBlock"),
        destination_ipv6_cidr_block: o.opt_str("DestinationIpv6CidrBlock"),
        destination_prefix_list_id: o.opt_str("DestinationPrefixListId"),
        gateway_id: o.opt_str("GatewayId"),
        nat_gateway_id: o.opt_str("NatGatewayId"),
        transit_gateway_id: o.opt_str("TransitGatewayId"),
        vpc_peering_connection_id: o.opt_str("VpcPeeringConnectionId"),
        network_interface_id: o.opt_str("NetworkInterfaceId"),
        instance_id: o.opt_str("InstanceId"),
        egress_only_internet_gateway_id: o.opt_str("EgressOnlyInternetGatewayId"),
        carrier_gateway_id: o.opt_str("CarrierGatewayId"),
        local_gateway_id: o.opt_str("LocalGatewayId"),
        core_network_arn: o.opt_str("CoreNetworkArn"),
        state: o.opt_str("State"),
    })
}

pub(crate) fn network_acl(o: &Obj) -> R<NetworkAcl> {
    o.done(NetworkAcl {
        network_acl_id: o.str("NetworkAclId"),
        vpc_id: o.str("VpcId"),
        is_default: o.bool("IsDefault"),
        associations: o.list(
            "Associations",
            false,
            "struct AclAssociation",
            acl_association,
        ),
        entries: o.list("Entries", false, "struct AclEntry", acl_entry),
    })
}

fn acl_association(o: &Obj) -> R<AclAssociation> {
    o.done(AclAssociation {
        subnet_id: o.str("SubnetId"),
    })
}

fn acl_entry(o: &Obj) -> R<AclEntry> {
    o.done(AclEntry {
        rule_number: o.i64("RuleNumber"),
        protocol: o.str("Protocol"),
        rule_action: o.str("RuleAction"),
        egress: o.bool("Egress"),
        cidr_block: o.opt_str("CidrBlock"),
        ipv6_cidr_block: o.opt_str("Ipv6CidrBlock"),
        port_range: o.opt_sub("PortRange", "struct AclPorts", acl_ports),
    })
}

fn acl_ports(o: &Obj) -> R<AclPorts> {
    o.done(AclPorts {
        from: o.opt_i64("From"),
        to: o.opt_i64("To"),
    })
}

pub(crate) fn peering_connection(o: &Obj) -> R<PeeringConnection> {
    o.done(PeeringConnection {
        vpc_peering_connection_id: o.str("VpcPeeringConnectionId"),
        requester_vpc_info: o.sub(
            "RequesterVpcInfo",
            "struct PeeringVpcInfo",
            peering_vpc_info,
        ),
        accepter_vpc_info: o.sub("AccepterVpcInfo", "struct PeeringVpcInfo", peering_vpc_info),
        status: o.sub("Status", "struct PeeringStatus", peering_status),
    })
}

fn peering_vpc_info(o: &Obj) -> R<PeeringVpcInfo> {
    o.done(PeeringVpcInfo {
        vpc_id: o.str("VpcId"),
        cidr_block: o.str("CidrBlock"),
        cidr_block_set: o.list("CidrBlockSet", false, "struct PeeringCidr", peering_cidr),
    })
}

fn peering_cidr(o: &Obj) -> R<PeeringCidr> {
    o.done(PeeringCidr {
        cidr_block: o.str("CidrBlock"),
    })
}

fn peering_status(o: &Obj) -> R<PeeringStatus> {
    o.done(PeeringStatus {
        code: o.str("Code"),
    })
}

pub(crate) fn tgw_attachment(o: &Obj) -> R<TgwAttachment> {
    o.done(TgwAttachment {
        transit_gateway_attachment_id: o.str("TransitGatewayAttachmentId"),
        transit_gateway_id: o.str("TransitGatewayId"),
        resource_type: o.str("ResourceType"),
        resource_id: o.str("ResourceId"),
        state: o.str("State"),
    })
}

pub(crate) fn reservation(o: &Obj) -> R<Reservation> {
    o.done(Reservation {
        instances: o.list("Instances", false, "struct Instance", instance),
    })
}

fn instance(o: &Obj) -> R<Instance> {
    o.done(Instance {
        instance_id: o.str("InstanceId"),
        instance_type: o.str("InstanceType"),
        private_ip_address: o.opt_str("PrivateIpAddress"),
        public_ip_address: o.opt_str("PublicIpAddress"),
        private_dns_name: o.str("PrivateDnsName"),
        subnet_id: o.opt_str("SubnetId"),
        vpc_id: o.opt_str("VpcId"),
        security_groups: o.list(
            "SecurityGroups",
            false,
            "struct GroupIdentifier",
            group_identifier,
        ),
        state: o.opt_sub("State", "struct InstanceState", instance_state),
        tags: tags(o),
    })
}

fn group_identifier(o: &Obj) -> R<GroupIdentifier> {
    o.done(GroupIdentifier {
        group_id: o.str("GroupId"),
    })
}

fn instance_state(o: &Obj) -> R<InstanceState> {
    o.done(InstanceState {
        name: o.str("Name"),
    })
}

pub(crate) fn network_interface(o: &Obj) -> R<NetworkInterface> {
    o.done(NetworkInterface {
        network_interface_id: o.str("NetworkInterfaceId"),
        subnet_id: o.str("SubnetId"),
        vpc_id: o.str("VpcId"),
        description: o.str("Description"),
        interface_type: o.str("InterfaceType"),
        private_ip_address: o.str("PrivateIpAddress"),
        private_ip_addresses: o.list("PrivateIpAddresses", false, "struct PrivateIp", private_ip),
        ipv4_prefixes: o.list("Ipv4Prefixes", false, "struct Ipv4Prefix", ipv4_prefix),
        attachment: o.opt_sub("Attachment", "struct EniAttachment", eni_attachment),
    })
}

fn private_ip(o: &Obj) -> R<PrivateIp> {
    o.done(PrivateIp {
        private_ip_address: o.str("PrivateIpAddress"),
        primary: o.bool("Primary"),
    })
}

fn ipv4_prefix(o: &Obj) -> R<Ipv4Prefix> {
    o.done(Ipv4Prefix {
        ipv4_prefix: o.str("Ipv4Prefix"),
    })
}

fn eni_attachment(o: &Obj) -> R<EniAttachment> {
    o.done(EniAttachment {
        instance_id: o.opt_str("InstanceId"),
        device_index: o.opt_u32("DeviceIndex"),
    })
}
