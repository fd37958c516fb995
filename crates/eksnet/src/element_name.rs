//! Components by the names people know them by: "subnet-a (192.168.32.0/19)",
//! "ip-192-168-46-6 (192.168.46.6)", "eni-0c1f… (eth1 of ip-192-168-46-6)", a pod's
//! full name with its address. Verdicts and the details of a selection say these
//! instead of the stable ids (`subnet:subnet-a`, see [`crate::ids`]), which stay
//! the values of links, tests and `data-id`.
//!
//! ```
//! let a = eksnet::analyze(&eksnet::Scenario::example());
//! let id = eksnet::ElementId::subnet("subnet-a");
//! assert_eq!(eksnet::element_name(&a, &id).en, "subnet-a (192.168.32.0/19)");
//! ```

use crate::{text, Analysis, ElementId, Text};

/// The name of the thing `id` names in `a` (its `#part` ignored); an id the
/// scenario does not have is named by the id itself.
pub fn element_name(a: &Analysis, id: &ElementId) -> Text {
    let thing = id.thing();
    let (kind, key) = thing.split_once(':').unwrap_or((thing, ""));
    named(a, kind, key).unwrap_or_else(|| fixed(thing).unwrap_or_else(|| Text::same(thing)))
}

fn named(a: &Analysis, kind: &str, key: &str) -> Option<Text> {
    let m = &a.model;
    Some(match kind {
        "subnet" => {
            let s = &m.subnets[m.subnet_index(key)?];
            match s.cidr {
                Some(c) => Text::same(format!("{} ({c})", s.id)),
                None => Text::same(s.id.clone()),
            }
        }
        "node" => {
            let n = &m.nodes[m.node_index(key)?];
            Text::same(format!("{} ({})", n.name, n.private_ip))
        }
        "eni" => {
            let (node, n) = key.rsplit_once(':')?;
            let ni = m.node_index(node)?;
            let n: usize = n.parse().ok()?;
            let nip = a.ipam.nodes.iter().find(|x| x.node == ni)?;
            let e = nip.enis().find(|e| e.index == n)?;
            let (eth, ip) = (e.name(), e.primary_ip);
            let node = crate::model::names::short_node_name(&m.nodes[ni].name);
            let id = &e.id();
            text!(
                "{id} ({eth} of {node}, {ip})",
                "{id} ({node}의 {eth}, {ip})"
            )
        }
        "pod" => {
            let (ns, name) = crate::model::names::split_key(key);
            let p = a
                .ipam
                .pods
                .iter()
                .find(|p| p.name == name && &*p.namespace == ns)?;
            match p.ip {
                Some(ip) => Text::same(format!("{ns}/{} ({ip})", p.name)),
                None => Text::same(format!("{ns}/{}", p.name)),
            }
        }
        "eks-eni" => {
            let e = m.eks_enis.get(key.parse::<usize>().ok()?)?;
            let ip = e.ip;
            text!("EKS-owned ENI ({ip})", "EKS 소유 ENI ({ip})")
        }
        "client" => {
            let c = m.clients.iter().find(|c| c.name == key)?;
            match c.public_ip {
                Some(ip) => Text::same(format!("{} ({ip})", c.name)),
                None => Text::same(c.name.clone()),
            }
        }
        "ng" => text!("node group {key}", "노드 그룹 {key}"),
        "svc" => text!("Service {key}", "Service {key}"),
        "ing" => text!("Ingress {key}", "Ingress {key}"),
        "lb" => text!("load balancer {key}", "로드 밸런서 {key}"),
        "sg" => text!("security group {key}", "보안 그룹 {key}"),
        "nat" => text!("NAT gateway {key}", "NAT 게이트웨이 {key}"),
        "vpce" => text!("VPC endpoint {key}", "VPC 엔드포인트 {key}"),
        "tgw" => text!("transit gateway {key}", "전송 게이트웨이 {key}"),
        "az" => text!("Availability Zone {key}", "가용 영역 {key}"),
        "net" => Text::same(key.to_string()),
        _ => return None,
    })
}

/// The fixed ids ([`crate::ids::fixed`]) by name.
fn fixed(id: &str) -> Option<Text> {
    Some(match id {
        "internet" => text!("the internet", "인터넷"),
        "cp" => text!("control plane VPC", "컨트롤 플레인 VPC"),
        "cp:apiserver" => text!("API server", "API 서버"),
        "cp:nlb" => text!("endpoint NLB", "엔드포인트 NLB"),
        "cp:etcd" => Text::same("etcd"),
        "dns:public" => text!("Route 53 public zone", "Route 53 퍼블릭 영역"),
        "dns:private" => text!("private hosted zone", "프라이빗 호스팅 영역"),
        "dns:resolver" => text!("VPC resolver", "VPC 리졸버"),
        "vpc" => text!("VPC", "VPC"),
        "igw" => text!("internet gateway", "인터넷 게이트웨이"),
        "ecr" => text!("Amazon ECR", "Amazon ECR"),
        "s3" => text!("Amazon S3", "Amazon S3"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_named_by_their_names_and_addresses() {
        let a = crate::analyze(&crate::Scenario::example());
        let name = |id: &str| element_name(&a, &ElementId(id.to_string()));
        assert_eq!(name("subnet:subnet-a").en, "subnet-a (192.168.32.0/19)");
        let n = &a.model.nodes[0];
        let short = crate::model::names::short_node_name(&n.name).to_string();
        assert_eq!(
            name(&format!("node:{}", n.name)).en,
            format!("{} ({})", n.name, n.private_ip)
        );
        // The ENI by its real id, with the node and interface it is.
        let e = a.ipam.nodes.get(0).unwrap().enis().get(0).unwrap();
        let eni = name(&format!("eni:{}:0", n.name));
        assert!(
            eni.en.starts_with(&format!("{} (eth0 of {short}", e.id())),
            "{}",
            eni.en
        );
        assert!(e.id().starts_with("eni-"));
        // A pod by its full name and address.
        let p = a
            .ipam
            .pods
            .iter()
            .find(|p| p.ip.is_some() && !p.host_network)
            .unwrap();
        let pod = name(&format!("pod:{}/{}", p.namespace, p.name));
        assert_eq!(
            pod.en,
            format!("{}/{} ({})", p.namespace, p.name, p.ip.unwrap())
        );
        // Parts name their thing; unknown ids stay themselves.
        assert_eq!(
            name("subnet:subnet-a#more-nodes").en,
            "subnet-a (192.168.32.0/19)"
        );
        assert_eq!(name("cp:apiserver").ko, "API 서버");
        assert_eq!(name("subnet:nope").en, "subnet:nope");
    }
}
