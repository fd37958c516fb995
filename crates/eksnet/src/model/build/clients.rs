//! Connected networks (on-premises, peered VPCs) and the kubectl clients.

use ipnet::IpNet;

use super::*;
use crate::scenario::{Client, ClientLocation, ConnectedNetwork};

impl Builder<'_> {
    /// The connected networks, their CIDRs parsed.
    pub(super) fn networks(&mut self) -> Vec<NetworkModel> {
        let s = self.s;
        s.connected_networks
            .iter()
            .enumerate()
            .map(|(i, n)| self.network(i, n))
            .collect()
    }

    fn network(&mut self, i: usize, n: &ConnectedNetwork) -> NetworkModel {
        let mut cidrs = Vec::new();
        let mut cidr_index = Vec::new();
        for (k, c) in n.cidr_blocks.iter().enumerate() {
            match c.parse::<IpNet>() {
                Ok(x) => {
                    cidrs.push(x.trunc());
                    cidr_index.push(k);
                }
                Err(_) => {
                    let path = format!("/connectedNetworks/{i}/cidrBlocks/{k}");
                    self.push(bad_cidr(path, c));
                }
            }
        }
        let public_ip = n.public_ip.as_deref().and_then(|p| match p.parse() {
            Ok(ip) => Some(ip),
            Err(_) => {
                self.push(invalid_ip(format!("/connectedNetworks/{i}/publicIp"), p));
                None
            }
        });
        NetworkModel {
            eid: ElementId::network(&n.name),
            pointer: format!("/connectedNetworks/{i}"),
            name: n.name.clone(),
            kind: n.kind,
            cidrs,
            cidr_index,
            resolver_inbound_endpoint: n.resolver_inbound_endpoint,
            routed: n.routed,
            public_ip,
        }
    }

    /// The kubectl clients: where each is, its security groups and public address.
    pub(super) fn clients(&mut self, networks: &[NetworkModel]) -> Vec<ClientModel> {
        let s = self.s;
        let mut clients = Vec::new();
        for (i, c) in s.clients.iter().enumerate() {
            let at = self.client_at(i, c, networks);
            let mut security_groups = Vec::new();
            for (k, id) in c.security_group_ids.iter().enumerate() {
                let path = format!("/clients/{i}/securityGroupIds/{k}");
                security_groups.extend(self.sg_ref(path, id));
            }
            let public_ip = match (&at, &c.public_ip) {
                (ClientAt::Subnet { .. }, Some(p)) => match p.parse() {
                    Ok(ip) => Some(ip),
                    Err(_) => {
                        self.push(invalid_ip(format!("/clients/{i}/publicIp"), p));
                        None
                    }
                },
                (ClientAt::Subnet { subnet, .. }, None) => self
                    .subnets
                    .get(*subnet)
                    .is_some_and(|s| s.map_public_ip)
                    .then(|| self.next_public_ip()),
                _ => None,
            };
            clients.push(ClientModel {
                eid: ElementId::client(&c.name),
                pointer: format!("/clients/{i}"),
                name: c.name.clone(),
                at,
                public_ip,
                security_groups,
            });
        }
        clients
    }

    /// Where a client is; a subnet client takes the next free address of its subnet.
    fn client_at(&mut self, i: usize, c: &Client, networks: &[NetworkModel]) -> ClientAt {
        let path = format!("/clients/{i}/location");
        match &c.location {
            ClientLocation::Internet { source_ip } => match source_ip.parse() {
                Ok(ip) => ClientAt::Internet { ip },
                Err(_) => {
                    self.push(invalid_ip(format!("{path}/internet/sourceIp"), source_ip));
                    ClientAt::Unknown
                }
            },
            ClientLocation::Subnet { subnet_id } => {
                let Some(k) = self.subnet_ref(format!("{path}/subnet/subnetId"), subnet_id) else {
                    return ClientAt::Unknown;
                };
                match self
                    .pools
                    .get_mut(k)
                    .and_then(|p| p.as_mut())
                    .and_then(|p| p.take_next(Holder::Other))
                {
                    Some(ip) => ClientAt::Subnet { subnet: k, ip },
                    None => ClientAt::Unknown,
                }
            }
            ClientLocation::ConnectedNetwork { network, source_ip } => {
                match (
                    networks.iter().position(|n| n.name == *network),
                    source_ip.parse(),
                ) {
                    (Some(k), Ok(ip)) => ClientAt::Network { network: k, ip },
                    (None, _) => {
                        let known: Vec<&str> = networks.iter().map(|n| n.name.as_str()).collect();
                        let path = format!("{path}/connectedNetwork/network");
                        self.push(unknown_ref(path, "connected network", network, &known));
                        ClientAt::Unknown
                    }
                    (_, Err(_)) => {
                        let path = format!("{path}/connectedNetwork/sourceIp");
                        self.push(invalid_ip(path, source_ip));
                        ClientAt::Unknown
                    }
                }
            }
        }
    }
}
