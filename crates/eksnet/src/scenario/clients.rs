//! The people or programs of a scenario that run `kubectl`, and where they are.

#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

/// Someone who runs `kubectl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Client {
    /// Its name, used in flows (`kubectl:laptop`).
    pub name: String,
    /// Where it is.
    pub location: ClientLocation,
    /// For a client in a subnet (an EC2 instance such as a bastion): its security
    /// groups, which the cluster security group's rules may name. Ignored elsewhere.
    pub security_group_ids: Vec<String>,
    /// For a client in a subnet: its public IPv4 address; `None` follows the
    /// subnet's `mapPublicIpOnLaunch`. Ignored elsewhere.
    pub public_ip: Option<String>,
}

/// Where a client is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum ClientLocation {
    /// On the internet, leaving from `sourceIp`.
    Internet {
        /// Public source address.
        #[serde(rename = "sourceIp")]
        source_ip: String,
    },
    /// An instance (a bastion) in a subnet of the VPC.
    Subnet {
        /// The subnet.
        #[serde(rename = "subnetId")]
        subnet_id: String,
    },
    /// In a connected network.
    ConnectedNetwork {
        /// Name of the network.
        network: String,
        /// Source address inside it.
        #[serde(rename = "sourceIp")]
        source_ip: String,
    },
}

impl Default for Client {
    fn default() -> Self {
        Client {
            name: String::new(),
            location: ClientLocation::Internet {
                source_ip: "203.0.113.10".into(),
            },
            security_group_ids: Vec::new(),
            public_ip: None,
        }
    }
}
