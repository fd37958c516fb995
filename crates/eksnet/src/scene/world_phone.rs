//! The two-VPC picture on a phone (see [`super::world`]): one column, panned
//! vertically, as narrow as the customer VPC's one AZ.
//!
//! ```text
//!     [Route 53 · public name        ]
//!     [Route 53 · private hosted zone]
//!     [Internet: kubectl clients     ]
//!  ┌──[EKS control plane: NLB, API ×3]──┐   lines down the left lane (internet
//!  │ [Customer VPC: IGW, resolver, …  ] │   → IGW) and the right lanes (API
//!  │ [AZ a: subnets > ENIs, nodes     ] │   server → EKS-owned ENIs)
//!  │ [AZ b: …                         ] │
//!     [connected networks]
//! ```
//!
//! Everything the wider layouts draw is here, one above the other; second
//! lines fold into the selection as in every frame.

use super::kit::{Canvas, PAD};
use super::vpc;
use super::world::{client_box, dns_leaves, edges, internet_clients, networks, Lanes, WorldOpts};
use super::world_cp::control_plane;
use super::{Role, View};
use crate::ids::fixed;
use crate::{text, Analysis, ElementId};

/// Left indent of the boxes above and below the VPC: room for the internet's
/// line down to the internet gateway.
const INDENT: f64 = 16.0;

/// The width the column holds at the phone's budget (its 380-unit frame less
/// the margins), scene units.
const COLUMN_W: f64 = 370.0;

/// Draws the picture in one column; edges too.
pub(super) fn draw(c: &mut Canvas, a: &Analysis, view: &View, o: &WorldOpts) {
    let x = INDENT;
    let (mut dns_pub, mut dns_priv) = dns_leaves(a, x, 0.0);
    dns_priv.rect.x = x;
    dns_priv.rect.y = dns_pub.rect.bottom() + PAD / 2.0;
    let dns_w = dns_pub.rect.w.max(dns_priv.rect.w);
    dns_pub.rect.w = dns_w;
    dns_priv.rect.w = dns_w;
    let dns_bottom = dns_priv.rect.bottom();
    c.push(dns_pub);
    c.push(dns_priv);
    // The right lanes need room beside the control plane and the internet.
    let n_eni = a.model.eks_enis.len().max(1) as f64;
    let avail = COLUMN_W - INDENT - 8.0 - 3.0 * n_eni;
    let inet = client_box(
        c,
        ElementId::fixed(fixed::INTERNET),
        Role::Internet,
        text!("Internet", "인터넷"),
        internet_clients(a, o),
        x,
        dns_bottom + PAD,
        0.0,
        avail,
    );
    let dest = super::world_egress::destination(view);
    let inet = match &dest {
        Some(d) => super::world_egress::place(c, inet, d, false),
        None => inet,
    };
    let cp = control_plane(
        c,
        a,
        x,
        inet.bottom() + 2.0 * PAD,
        o.full_control_plane,
        false,
    );
    let v = vpc::draw_in(
        c,
        a,
        view,
        &o.vpc,
        (0.0, cp.bottom() + 2.0 * PAD),
        f64::INFINITY,
    );
    let right = (v.rect.right() - PAD / 2.0).max(cp.right() + 4.0 + 3.0 * (n_eni - 1.0));
    networks(c, a, o, (x, v.rect.bottom() + 2.0 * PAD), avail);
    let lanes = Lanes {
        left: v.rect.x + 5.0,
        right,
    };
    edges(c, a, o, cp, v.az_top, Some(lanes));
    if let Some(d) = &dest {
        super::world_egress::edges(c, a, view, d, cp.right() + 6.0);
    }
}

#[cfg(test)]
mod tests {
    use crate::scene::{layout, legibility, problems, SceneKind, SizeClass, View};
    use crate::{analyze, generate, Scenario};

    #[test]
    fn the_world_scenes_fit_a_phone_in_one_column() {
        for sc in [Scenario::example(), generate::large(1_000, 20)] {
            let a = analyze(&sc);
            for scene in [SceneKind::Architecture, SceneKind::Endpoint] {
                let v = View {
                    scene,
                    size: SizeClass::Phone,
                    ..View::default()
                };
                let s = layout(&a, &v);
                assert_eq!(problems(&s), Vec::<String>::new());
                let l = legibility(&s, SizeClass::Phone);
                assert!(
                    l.holds(),
                    "{}: {}×{}: {l:?}",
                    scene.slug(),
                    s.width,
                    s.height
                );
                // Every AZ of the VPC is drawn, one above the other.
                let azs: Vec<_> = s
                    .shapes
                    .iter()
                    .filter(|x| x.id.as_str().starts_with("az:"))
                    .collect();
                assert!(azs.len() >= 2);
                for w in azs.windows(2) {
                    assert!(w[1].rect.y >= w[0].rect.bottom(), "{}", scene.slug());
                }
                // The control plane's lines reach the EKS-owned ENIs.
                assert!(s.edges.iter().any(|e| e.id == "cp:apiserver>eks-eni:0"));
                assert!(s.edges.iter().any(|e| e.id == "internet>igw"));
            }
        }
    }
}
