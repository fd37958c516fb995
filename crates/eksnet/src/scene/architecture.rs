//! "Architecture" (source 000's EKS architecture, 003, 004 figure 1): the two VPCs
//! of an EKS cluster. The AWS-managed VPC holds the control plane (three API
//! servers behind the endpoint's NLB across AZs, etcd, the scheduler and the
//! controller managers); the customer VPC holds the node groups' EC2 nodes in
//! subnets across AZs, and the EKS-owned ENIs through which the control plane
//! reaches into it. Route 53 answers the endpoint's name; clients reach it over the
//! internet or from connected networks.

use std::collections::BTreeMap;

use super::kit::{legend, Canvas};
use super::vpc::{Squeeze, VpcOpts};
use super::world::{self, WorldOpts};
use super::{LegendKind, Role, Scene, SceneKind, View};
use crate::{text, Analysis};

// Not inlined into `layout_traced`: see there.
#[inline(never)]
pub(super) fn layout(a: &Analysis, view: &View) -> Scene {
    let steps = super::world_fit::ladder(!a.model.networks.is_empty());
    super::world_fit::fitted(view, &steps, |sq| build(a, view, sq))
}

/// The scene, giving up what `squeeze` says (see [`super::world_fit`]).
fn build(a: &Analysis, view: &View, squeeze: Squeeze) -> Scene {
    let m = &a.model;
    let mut c = Canvas::new();
    let n_az = super::vpc::az_count(a);
    let o = WorldOpts {
        full_control_plane: true,
        vpc: VpcOpts {
            max_nodes: 4,
            node_cols: if n_az >= 3 { 1 } else { 2 },
            services: true,
            security_groups: false,
            public_ips: false,
            client_notes: BTreeMap::new(),
            pods: 0,
            squeeze,
        },
        flow_labels: false,
    };
    world::draw(&mut c, a, view, &o);
    let (nn, ne, ns) = (m.nodes.len(), m.eks_enis.len(), m.subnets.len());
    let count = crate::text::count;
    let (nodes, subnets, enis) = (
        count(nn, "node", "nodes"),
        count(ns, "subnet", "subnets"),
        count(ne, "EKS-owned ENI", "EKS-owned ENIs"),
    );
    c.finish(
        SceneKind::Architecture,
        text!(
            "Two VPCs: the AWS-managed control plane (API servers behind the endpoint's NLB, etcd, scheduler, controller managers) and the customer VPC with {nodes} in {subnets} and {enis} (sources 000, 003, 004 figure 1).",
            "VPC 두 개: AWS가 관리하는 컨트롤 플레인(엔드포인트 NLB 뒤의 API 서버, etcd, 스케줄러, 컨트롤러 매니저)과 서브넷 {ns}개에 노드 {nn}대, EKS 소유 ENI {ne}개가 있는 고객 VPC(소스 000, 003, 004 그림 1)."
        ),
        legend(vec![
            (
                LegendKind::Swatch { role: Role::PublicSubnet, class: None },
                text!("public subnet (route to IGW)", "퍼블릭 서브넷(IGW로 라우팅)"),
            ),
            (
                LegendKind::Swatch { role: Role::PrivateSubnet, class: None },
                text!("private subnet", "프라이빗 서브넷"),
            ),
            (
                LegendKind::Swatch { role: Role::EksEni, class: None },
                text!("EKS-owned ENI", "EKS 소유 ENI"),
            ),
            (
                LegendKind::Swatch { role: Role::Note, class: Some("absent") },
                text!("not present in this scenario", "이 시나리오에는 없음"),
            ),
        ]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::problems;
    use crate::{analyze, Scenario};

    fn scene(s: &Scenario) -> Scene {
        layout(
            &analyze(s),
            &View {
                scene: SceneKind::Architecture,
                ..View::default()
            },
        )
    }

    #[test]
    fn default_shows_both_vpcs_and_their_parts() {
        let s = scene(&Scenario::example());
        for id in [
            "cp",
            "cp:nlb",
            "cp:apiserver",
            "cp:apiserver#3",
            "cp:etcd",
            "cp:scheduler",
            "cp:controller-manager",
            "cp:cloud-controller-manager",
            "vpc",
            "igw",
            "internet",
            "client:laptop",
            "dns:public",
            "dns:private",
            "dns:resolver",
            "eks-eni:0",
            "eks-eni:1",
            "subnet:subnet-a",
            "ng:ng-1#subnet-a",
            "node:ip-192-168-46-6.ap-northeast-2.compute.internal",
        ] {
            assert!(s.shape(id).is_some(), "{id} missing");
        }
        // The EKS-owned ENIs sit in their subnets.
        let eni = s.shape("eks-eni:0").unwrap();
        assert_eq!(eni.parent.as_ref().unwrap().as_str(), "subnet:subnet-a");
        // Public endpoint: the NLB exists; no private hosted zone.
        assert!(!s.shape("cp:nlb").unwrap().classes.contains(&"absent"));
        assert!(s.shape("dns:private").unwrap().classes.contains(&"absent"));
        // The API server reaches the ENIs; the internet reaches the NLB.
        assert!(s.edges.iter().any(|e| e.id == "cp:apiserver>eks-eni:0"));
        assert!(s.edges.iter().any(|e| e.id == "internet>cp:nlb"));
        assert_eq!(problems(&s), Vec::<String>::new());
    }

    #[test]
    fn private_only_has_no_nlb() {
        let mut sc = Scenario::example();
        sc.cluster.resources_vpc_config.endpoint_public_access = false;
        sc.cluster.resources_vpc_config.endpoint_private_access = true;
        let s = scene(&sc);
        assert!(s.shape("cp:nlb").unwrap().classes.contains(&"absent"));
        assert!(!s.shape("dns:private").unwrap().classes.contains(&"absent"));
        assert!(!s.edges.iter().any(|e| e.id == "internet>cp:nlb"));
        assert_eq!(problems(&s), Vec::<String>::new());
    }

    #[test]
    fn each_subnet_names_its_route_table_in_its_details() {
        let note = |s: &Scene, id: &str| {
            let n = s.shape(id).and_then(|x| x.note.clone()).unwrap_or_default();
            (n.en, n.ko)
        };
        // Implied tables (no routeTables given): named after the subnet.
        let s = scene(&Scenario::example());
        let (en, ko) = note(&s, "subnet:subnet-a");
        assert!(
            en.contains("route table of subnet-a: 0.0.0.0/0 → igw"),
            "{en}"
        );
        assert!(ko.contains("subnet-a의 라우팅 테이블"), "{ko}");
        // Given tables: the main table for the subnets no table claims, the
        // associated one for the others, each with its 0.0.0.0/0 route.
        let s = scene(&crate::trace::fabric_tests::with_tables(
            crate::testkit::lab(true, false),
        ));
        let (en, _) = note(&s, "subnet:subnet-a");
        assert!(
            en.contains("route table rtb-public (main): 0.0.0.0/0 → igw-1"),
            "{en}"
        );
        let (en, ko) = note(&s, "subnet:subnet-pa");
        assert!(
            en.contains("route table rtb-private: 0.0.0.0/0 → nat-a"),
            "{en}"
        );
        assert!(ko.contains("라우팅 테이블 rtb-private"), "{ko}");
        // Not drawn: the note is for the details panel.
        assert!(s
            .shape("subnet:subnet-pa")
            .unwrap()
            .detail
            .as_ref()
            .is_none_or(|d| !d.en.contains("rtb-")));
    }
}
