//! What each scene shows, in a line or two a first-time reader understands: the
//! caption the web app shows above the diagram and the CLI prints with a scene.
//! (The scene's own [`super::Scene::description`] adds the scenario's numbers and
//! the sources, for the SVG's `<desc>`.)

use super::SceneKind;
use crate::trace::Trace;
use crate::{text, Text};

/// The caption an exported diagram carries under its title: the scene's caption,
/// then, with a flow, the flow's title and the step shown ("step 2 of 7: …", or
/// all of them). Lines are separated by `\n`. `step` past the last is the last
/// (as the page shows it).
pub fn export_caption(kind: SceneKind, trace: Option<&Trace>, step: Option<usize>) -> Text {
    let scene = kind.caption();
    let Some(t) = trace else {
        return scene;
    };
    let n = t.hops.len();
    let (title_en, title_ko) = (&t.title.en, &t.title.ko);
    let flow = match (step, n) {
        (_, 0) => text!("{title_en}", "{title_ko}"),
        (Some(k), _) => {
            let k = k.min(n - 1);
            let (en, ko) = (&t.hops[k].label.en, &t.hops[k].label.ko);
            let k = k + 1;
            text!(
                "{title_en}: step {k} of {n}, {en}",
                "{title_ko}: {n}단계 중 {k}단계, {ko}"
            )
        }
        (None, 1) => text!("{title_en}: its only step", "{title_ko}: 1단계"),
        (None, _) => text!("{title_en}: all {n} steps", "{title_ko}: 전체 {n}단계"),
    };
    Text {
        en: format!("{}\n{}", scene.en, flow.en),
        ko: format!("{}\n{}", scene.ko, flow.ko),
    }
}

impl SceneKind {
    /// The scene's caption: what it shows and what question it answers.
    pub fn caption(self) -> Text {
        match self {
            SceneKind::Architecture => text!(
                "Where things live: the control plane in an AWS-managed VPC, your nodes in your VPC, joined by EKS-owned network interfaces.",
                "어디에 무엇이 있나: AWS가 관리하는 VPC의 컨트롤 플레인, 내 VPC의 노드, 그리고 둘을 잇는 EKS 소유 네트워크 인터페이스."
            ),
            SceneKind::Endpoint => text!(
                "How kubectl and the nodes reach the API server in each endpoint mode: public, public and private, or private only.",
                "엔드포인트 모드(퍼블릭, 퍼블릭과 프라이빗, 프라이빗만)마다 kubectl과 노드가 API 서버에 닿는 길."
            ),
            SceneKind::VpcLayouts => text!(
                "Which subnet layout your VPC follows (public, public and private, private only) and what each one needs.",
                "내 VPC가 따르는 서브넷 구성(퍼블릭, 퍼블릭과 프라이빗, 프라이빗만)과 각 구성에 필요한 것."
            ),
            SceneKind::NodeBootstrap => text!(
                "How a new node joins: the instance starts, the kubelet registers through the endpoint; a node that cannot reach it never joins.",
                "새 노드가 조인하는 과정: 인스턴스가 시작되고 kubelet이 엔드포인트로 등록한다. 엔드포인트에 닿지 못하면 조인하지 못한다."
            ),
            SceneKind::PodNetwork => text!(
                "Pods take real VPC addresses from their node's subnet (VPC CNI): no overlay network.",
                "Pod는 노드 서브넷의 실제 VPC 주소를 받는다(VPC CNI). 오버레이 네트워크가 없다."
            ),
            SceneKind::InsideNode => text!(
                "One node up close: its network interfaces, their address slots and the pods holding them. The slots bound how many pods fit.",
                "노드 하나를 가까이: 네트워크 인터페이스, 주소 슬롯, 슬롯을 쓰는 Pod. 슬롯 수가 들어갈 수 있는 Pod 수를 정한다."
            ),
            SceneKind::LoadBalancing => text!(
                "How Services and Ingresses become AWS load balancers, and whether traffic goes to nodes (instance targets) or straight to pods (IP targets).",
                "Service와 Ingress가 AWS 로드 밸런서가 되는 방식, 그리고 트래픽이 노드(인스턴스 대상)로 가는지 Pod(IP 대상)로 바로 가는지."
            ),
            SceneKind::Components => text!(
                "The Kubernetes components on the control plane and on each node, and who talks to whom.",
                "컨트롤 플레인과 각 노드의 Kubernetes 구성 요소, 그리고 누가 누구와 통신하는지."
            ),
            SceneKind::SubnetAddresses => text!(
                "Where a subnet's addresses went: each /28 block by owner, and why prefix delegation fails when no whole /28 is free.",
                "서브넷 주소가 어디에 쓰였나: /28 블록마다 주인, 그리고 빈 /28이 하나도 없으면 프리픽스 위임이 실패하는 이유."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scene_has_a_short_caption_in_both_languages() {
        for k in SceneKind::ALL {
            let c = k.caption();
            for s in [&c.en, &c.ko] {
                assert!(!s.trim().is_empty(), "{k:?}");
                // One or two lines in the side-by-side layout (~110 characters a line).
                assert!(s.chars().count() <= 200, "{k:?}: {s}");
            }
            assert_ne!(c.en, c.ko, "{k:?}");
        }
    }

    #[test]
    fn counts_of_one_are_singular() {
        use crate::scene::{layout, View};
        use crate::{analyze, Lang, Scenario};
        let mut s = Scenario::example();
        s.node_groups[0].desired_size = 1;
        s.node_groups[0].nodes.truncate(1);
        s.workloads[0].replicas = 1;
        s.pods.retain(|p| p.node_name.contains("46-6"));
        let a = analyze(&s);
        let d = layout(&a, &View::default()).description;
        // One node (the pods count kube-system's too).
        assert!(d.en.starts_with("1 node in 2 subnets, "), "{}", d.en);
        let np = a.ipam.pods.len();
        assert!(
            d.en.contains(&format!(", {} (", crate::text::count(np, "pod", "pods"))),
            "{}",
            d.en
        );
        assert!(d.ko.contains("노드 1대"), "{}", d.ko);
        let inside = layout(
            &a,
            &View {
                scene: SceneKind::InsideNode,
                ..View::default()
            },
        )
        .description;
        assert!(
            !inside.en.contains(" 1 pod addresses") && !inside.en.contains(" 1 ENIs"),
            "{}",
            inside.en
        );
        // A flow's caption names its step, in both languages.
        let flow = crate::Flow::parse("kubelet:ip-192-168-46-6").unwrap();
        let t = crate::trace(&a, &flow);
        let c = export_caption(SceneKind::Endpoint, Some(&t), Some(0));
        assert!(c.en.contains(": step 1 of "), "{}", c.en);
        assert!(c.ko.contains("단계 중 1단계"), "{}", c.ko);
        let all = export_caption(SceneKind::Endpoint, Some(&t), None);
        assert!(
            all.en.ends_with(&format!("all {} steps", t.hops.len())),
            "{}",
            all.en
        );
        let lang = Lang::En;
        assert_eq!(
            export_caption(SceneKind::Endpoint, None, None).get(lang),
            SceneKind::Endpoint.caption().get(lang)
        );
    }
}
