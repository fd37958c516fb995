//! The cluster: its endpoint (mode, `publicAccessCidrs`, the stand-in DNS name and
//! NLB addresses), cluster subnets, security groups and service CIDR.

use ipnet::{IpNet, Ipv4Net};

use super::*;

impl Builder<'_> {
    /// The cluster, its references resolved against the subnets and groups.
    pub(super) fn cluster(&mut self) -> ClusterModel {
        let s = self.s;
        let rvc = &s.cluster.resources_vpc_config;
        let public_access_cidrs = self.public_access_cidrs();
        let mut subnets = Vec::new();
        let mut subnet_refs = Vec::new();
        for (i, id) in rvc.subnet_ids.iter().enumerate() {
            let path = format!("/cluster/resourcesVpcConfig/subnetIds/{i}");
            if let Some(k) = self.subnet_ref(path, id) {
                subnets.push(k);
                subnet_refs.push((i, k));
            }
        }
        let cluster_security_group = if rvc.cluster_security_group_id.is_empty() {
            None
        } else {
            let path = "/cluster/resourcesVpcConfig/clusterSecurityGroupId".to_string();
            self.sg_ref(path, &rvc.cluster_security_group_id)
        };
        let mut additional_security_groups = Vec::new();
        for (i, id) in rvc.security_group_ids.iter().enumerate() {
            let path = format!("/cluster/resourcesVpcConfig/securityGroupIds/{i}");
            additional_security_groups.extend(self.sg_ref(path, id));
        }
        ClusterModel {
            name: s.cluster.name.clone(),
            region: s.cluster.region.clone(),
            version: s.cluster.version.clone(),
            endpoint: rvc.endpoint_access(),
            egress_mode: rvc.control_plane_egress_mode,
            public_access_cidrs,
            endpoint_host: endpoint_host(&s.cluster.name, &s.cluster.region),
            nlb_public_ips: vec![public_ip(120_001), public_ip(120_002)],
            ip_family: s.cluster.kubernetes_network_config.ip_family,
            service_cidr: self.service_cidr(),
            subnets,
            subnet_refs,
            security_group_ids_given: rvc.security_group_ids.len(),
            cluster_security_group_given: !rvc.cluster_security_group_id.is_empty(),
            cluster_security_group,
            additional_security_groups,
        }
    }

    /// `publicAccessCidrs`: the valid entries, or AWS's default 0.0.0.0/0 when the
    /// list is empty.
    fn public_access_cidrs(&mut self) -> PublicAccessCidrs {
        let raw = &self.s.cluster.resources_vpc_config.public_access_cidrs;
        let mut out = PublicAccessCidrs {
            entries: Vec::new(),
        };
        if raw.is_empty() {
            out.entries.push((None, IpNet::V4(Ipv4Net::default())));
        }
        for (i, c) in raw.iter().enumerate() {
            match c.parse::<IpNet>() {
                Ok(n) => out.entries.push((Some(i), n.trunc())),
                Err(_) => self.push(bad_cidr(
                    format!("/cluster/resourcesVpcConfig/publicAccessCidrs/{i}"),
                    c,
                )),
            }
        }
        out
    }

    /// The service IPv4 CIDR, if given and valid.
    fn service_cidr(&mut self) -> Option<Ipv4Net> {
        let c = &self.s.cluster.kubernetes_network_config.service_ipv4_cidr;
        match parse_v4net(c) {
            Some(n) => Some(n.trunc()),
            None => {
                if !c.is_empty() {
                    self.push(bad_cidr(
                        "/cluster/kubernetesNetworkConfig/serviceIpv4Cidr".into(),
                        c,
                    ));
                }
                None
            }
        }
    }
}
