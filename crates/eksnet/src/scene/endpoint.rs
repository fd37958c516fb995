//! "Endpoint access" (sources 000, 001, 002): the three endpoint modes. The picture
//! is the two VPCs with the parts the modes differ in: the public NLB (only with
//! public access, with its `publicAccessCidrs`), the Route 53 private hosted zone
//! (only with private access), the EKS-owned ENIs (always: the API server reaches
//! kubelets through them in every mode), the clients and where each resolves the
//! endpoint's name. A row of three cards names the modes and marks the current
//! one; edges carry the three flows: kubectl → API server, API server → kubelet,
//! kubelet → API server.

use std::collections::BTreeMap;

use super::kit::{fit_w, leaf_h, legend, shape, Canvas, PAD};
use super::vpc::{Squeeze, VpcOpts};
use super::world::{self, WorldOpts};
use super::{LegendKind, Rect, Role, Scene, SceneKind, View};
use crate::trace::Link;
use crate::{text, Analysis, ElementId, EndpointAccess, Flow, Text};

/// The endpoint mode of the cluster.
/// Where a client resolves the endpoint, from its kubectl trace's DNS hop.
fn resolution(a: &Analysis, client: &str) -> Option<Text> {
    let t = super::trace_of(
        a,
        &Flow::Kubectl {
            client: client.to_string(),
        },
    )?;
    let hop = t.hops.iter().find(|h| h.link == Link::Dns)?;
    let ans = hop.dns.as_ref()?;
    let first = ans.addresses.first();
    Some(match (&ans.zone, first) {
        (_, None) => text!("no answer for the endpoint", "엔드포인트 이름에 응답 없음"),
        (Some(z), Some(ip)) if z.as_str() == crate::ids::fixed::DNS_PRIVATE => {
            text!("→ {ip} (private zone)", "→ {ip}(프라이빗 영역)")
        }
        (_, Some(ip)) => text!("→ {ip} (public name)", "→ {ip}(퍼블릭 이름)"),
    })
}

// Not inlined into `layout_traced`: see there.
#[inline(never)]
pub(super) fn layout(a: &Analysis, view: &View) -> Scene {
    let m = &a.model;
    let mut notes = BTreeMap::new();
    for cl in &m.clients {
        if let Some(r) = resolution(a, &cl.name) {
            notes.insert(cl.name.clone(), r);
        }
    }
    let steps = super::world_fit::ladder(!m.networks.is_empty());
    super::world_fit::fitted(view, &steps, |sq| build(a, view, &notes, sq))
}

/// The scene with the clients' `notes`, giving up what `squeeze` says (see
/// [`super::world_fit`]).
fn build(a: &Analysis, view: &View, notes: &BTreeMap<String, Text>, squeeze: Squeeze) -> Scene {
    let mut c = Canvas::new();
    let o = WorldOpts {
        full_control_plane: false,
        vpc: VpcOpts {
            max_nodes: 2,
            node_cols: if super::vpc::az_count(a) >= 3 { 1 } else { 2 },
            services: true,
            security_groups: true,
            public_ips: true,
            client_notes: notes.clone(),
            pods: 0,
            squeeze,
        },
        flow_labels: true,
    };
    let left_bottom = world::draw(&mut c, a, view, &o);

    // The three modes, above everything.
    let current = a.model.cluster.endpoint;
    let cards = [
        (
            EndpointAccess::Public,
            "public",
            text!("Public only (the default)", "퍼블릭만(기본값)"),
            text!(
                "in-VPC API traffic leaves the VPC via IGW or NAT",
                "VPC 안의 API 요청도 IGW나 NAT로 VPC를 나간다"
            ),
        ),
        (
            EndpointAccess::PublicAndPrivate,
            "public-private",
            text!("Public and private", "퍼블릭 + 프라이빗"),
            text!(
                "in the VPC via EKS ENIs; internet via the NLB",
                "VPC 안은 EKS ENI로, 인터넷은 NLB로"
            ),
        ),
        (
            EndpointAccess::Private,
            "private",
            text!("Private only", "프라이빗만"),
            text!(
                "only the VPC and connected networks reach it",
                "VPC와 연결된 네트워크에서만 접근한다"
            ),
        ),
    ];
    let top = c
        .shapes
        .iter()
        .map(|s| s.rect.y)
        .fold(f64::INFINITY, f64::min);
    let h = leaf_h(true);
    let y = top - h - 2.0 * PAD;
    let mut x = 0.0;
    // Folded, the cards stand one above the other under the control plane (no
    // band of their own above the picture).
    let folded = super::kit::folding();
    // A small frame draws the current mode only (the mode control picks the
    // others), under Route 53 in the column left of the VPC.
    let compact = super::kit::compact();
    let above = if compact {
        crate::ids::fixed::DNS_PRIVATE
    } else {
        crate::ids::fixed::CONTROL_PLANE
    };
    // (Squeezed, under what stands under the control plane.)
    let under_cp = c.get(above).map_or(top, |s| {
        let bottom = if compact {
            s.rect.bottom()
        } else {
            left_bottom
        };
        bottom + if compact { PAD } else { 2.0 * PAD }
    });
    let stack_w = cards
        .iter()
        .map(|(_, _, l, d)| fit_w(l, Some(d)))
        .fold(0.0, f64::max);
    let cards: Vec<_> = cards
        .into_iter()
        .filter(|(md, ..)| {
            // (Squeezed as far as the control plane, too.)
            !(compact || squeeze.short_cp) || *md == current || current == EndpointAccess::Disabled
        })
        .collect();
    // A phone's one column: the mode first, above Route 53.
    let under_cp = if view.size == super::SizeClass::Phone {
        top - cards.len() as f64 * (h + PAD / 2.0) - PAD / 2.0
    } else {
        under_cp
    };
    for (k, (md, key, label, detail)) in cards.into_iter().enumerate() {
        let w = fit_w(&label, Some(&detail));
        let r = if folded {
            Rect::new(0.0, under_cp + k as f64 * (h + PAD / 2.0), stack_w, h)
        } else {
            Rect::new(x, y, w, h)
        };
        let mut s = shape(
            ElementId::note(&format!("mode-{key}")),
            Role::Note,
            r,
            label,
            Some(detail),
        );
        if md == current {
            s.classes.extend(["ok", "current-layout"]);
            s.data.push(("current", String::new()));
        } else {
            s.classes.push("absent");
        }
        c.push(s);
        x += w + PAD;
    }

    let desc = match current {
        EndpointAccess::Public => text!(
            "Public endpoint only: kubectl and the nodes reach the API server through its public NLB; in-VPC traffic leaves the VPC. The API server reaches kubelets through the EKS-owned ENIs (sources 000, 002).",
            "퍼블릭 엔드포인트만: kubectl과 노드가 퍼블릭 NLB로 API 서버에 접근하고, VPC 안의 요청도 VPC를 나간다. API 서버는 EKS 소유 ENI로 kubelet에 접근한다(소스 000, 002)."
        ),
        EndpointAccess::PublicAndPrivate => text!(
            "Public and private endpoint: in the VPC the private hosted zone answers with the EKS-owned ENIs, so nodes never leave the VPC; the internet uses the NLB (sources 000, 001, 002).",
            "퍼블릭 + 프라이빗 엔드포인트: VPC 안에서는 프라이빗 호스팅 영역이 EKS 소유 ENI 주소로 응답해 노드가 VPC를 나가지 않고, 인터넷은 NLB를 쓴다(소스 000, 001, 002)."
        ),
        EndpointAccess::Private => text!(
            "Private endpoint only: the API server is reached only from the VPC or a connected network, through the EKS-owned ENIs (sources 000, 002).",
            "프라이빗 엔드포인트만: API 서버는 VPC나 연결된 네트워크에서 EKS 소유 ENI로만 접근한다(소스 000, 002)."
        ),
        EndpointAccess::Disabled => text!(
            "Neither public nor private access is on: EKS does not accept such a cluster (source 000).",
            "퍼블릭도 프라이빗도 꺼져 있다: EKS는 이런 클러스터를 받지 않는다(소스 000)."
        ),
    };
    c.finish(
        SceneKind::Endpoint,
        desc,
        legend(vec![
            (
                LegendKind::Swatch {
                    role: Role::Note,
                    class: Some("absent"),
                },
                text!("off in this mode", "이 모드에서는 꺼짐"),
            ),
            (
                LegendKind::Swatch {
                    role: Role::SecurityGroup,
                    class: None,
                },
                text!("security group", "보안 그룹"),
            ),
        ]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::problems;
    use crate::{analyze, Scenario};

    fn scene(public: bool, private: bool) -> Scene {
        let mut sc = Scenario::example();
        let r = &mut sc.cluster.resources_vpc_config;
        r.endpoint_public_access = public;
        r.endpoint_private_access = private;
        layout(
            &analyze(&sc),
            &View {
                scene: SceneKind::Endpoint,
                ..View::default()
            },
        )
    }

    fn absent(s: &Scene, id: &str) -> bool {
        s.shape(id).unwrap().classes.contains(&"absent")
    }

    #[test]
    fn each_mode_shows_what_exists() {
        for (public, private, card) in [
            (true, false, "note:mode-public"),
            (true, true, "note:mode-public-private"),
            (false, true, "note:mode-private"),
        ] {
            let s = scene(public, private);
            assert_eq!(absent(&s, "cp:nlb"), !public);
            assert_eq!(absent(&s, "cp:nlb#cidrs"), !public);
            assert_eq!(absent(&s, "dns:private"), !private);
            assert!(!absent(&s, card));
            assert!(s.shape(card).unwrap().classes.contains(&"current-layout"));
            // API server → kubelet goes through the EKS-owned ENIs in every mode.
            assert!(s.edges.iter().any(
                |e| e.from.as_str() == "cp:apiserver" && e.to.as_str().starts_with("eks-eni:")
            ));
            assert_eq!(
                s.edges.iter().any(|e| e.id == "internet>cp:nlb"),
                public,
                "{card}"
            );
            assert!(s.shape("sg:sg-cluster").is_some());
            assert_eq!(problems(&s), Vec::<String>::new(), "{card}");
        }
    }

    #[test]
    fn public_access_cidrs_are_shown_at_the_nlb() {
        let mut sc = Scenario::example();
        sc.cluster.resources_vpc_config.public_access_cidrs = vec!["203.0.113.0/24".into()];
        let s = layout(
            &analyze(&sc),
            &View {
                scene: SceneKind::Endpoint,
                ..View::default()
            },
        );
        let d = s.shape("cp:nlb#cidrs").unwrap().detail.clone().unwrap();
        assert_eq!(d.en, "203.0.113.0/24");
    }
}
