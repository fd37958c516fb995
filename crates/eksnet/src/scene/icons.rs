//! Icons: a small glyph beside the label of the things a reader looks for
//! first (load balancers, instances, ENIs, NAT and internet gateways, Route 53,
//! VPC endpoints, the control plane), so that what a box is does not ride on its
//! colour or on reading its label.
//!
//! The set is eksnet's own, drawn for this purpose: a 16-unit rounded tile in the
//! colour of its AWS category (networking purple, compute orange, the managed
//! control plane navy) with a white line glyph. AWS's Architecture Icons were
//! considered and not used: AWS provides them for drawing architecture diagrams,
//! but the artwork stays AWS's (the npm `aws-icons` package's MIT licence covers
//! its code, not the artwork it repackages) and may not be altered, while a label
//! needs a glyph a few pixels tall; each official SVG is also several KB against
//! about 200 bytes here (see `docs/icons.md`).
//!
//! Each icon is an SVG `<symbol>` defined once per drawing ([`defs`]) and drawn
//! with `<use>`; [`assign`] gives a shape its icon only where its box has room
//! for the icon and the whole label beside it, so labels never shrink or clip.

use serde::Serialize;

use super::kit::{HEADER, INSET, LABEL_FONT};
use super::{text_width_any, Role, Scene, Shape};

/// Side of an icon, in scene units.
pub const ICON: f64 = 14.0;
/// What an icon adds before its label: the icon and a gap.
pub const ICON_ROOM: f64 = ICON + 4.0;

/// The icons of the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Icon {
    /// A load balancer (NLB, ALB, CLB, the endpoint's NLB): one point fanning out.
    LoadBalancer,
    /// An EC2 instance (a worker node): a chip.
    Instance,
    /// A network interface: a card with its plug.
    Eni,
    /// A NAT gateway: addresses translated both ways.
    NatGateway,
    /// An internet gateway: an arched gate.
    InternetGateway,
    /// Route 53 (hosted zones, the VPC resolver): a shield.
    Route53,
    /// A VPC endpoint: a line ending in a socket.
    VpcEndpoint,
    /// The EKS control plane: a hexagon hub.
    ControlPlane,
}

impl Icon {
    /// Every icon, in the order of [`defs`].
    pub const ALL: [Icon; 8] = [
        Icon::LoadBalancer,
        Icon::Instance,
        Icon::Eni,
        Icon::NatGateway,
        Icon::InternetGateway,
        Icon::Route53,
        Icon::VpcEndpoint,
        Icon::ControlPlane,
    ];

    /// The id of its `<symbol>` (`eksnet-i-nat`), referenced by `<use href>`.
    pub fn symbol_id(self) -> &'static str {
        match self {
            Icon::LoadBalancer => "eksnet-i-lb",
            Icon::Instance => "eksnet-i-ec2",
            Icon::Eni => "eksnet-i-eni",
            Icon::NatGateway => "eksnet-i-nat",
            Icon::InternetGateway => "eksnet-i-igw",
            Icon::Route53 => "eksnet-i-r53",
            Icon::VpcEndpoint => "eksnet-i-vpce",
            Icon::ControlPlane => "eksnet-i-cp",
        }
    }

    /// The tile's colour and the glyph's path (white strokes on a 16×16 tile).
    fn art(self) -> (&'static str, &'static str) {
        const NET: &str = "#7b3fe4";
        match self {
            Icon::LoadBalancer => (NET, "M4 8h3l5-4M7 8h5M7 8l5 4M3 8h1"),
            Icon::Instance => (
                "#b84d00",
                "M5 5h6v6H5zM7 3v2M9 3v2M7 11v2M9 11v2M3 7h2M3 9h2M11 7h2M11 9h2",
            ),
            Icon::Eni => (NET, "M3 4h10v6H3zM6 10v3h4v-3M5 7h2"),
            Icon::NatGateway => (NET, "M3 6h9M10 4l2 2-2 2M13 10H4M6 8l-2 2 2 2"),
            Icon::InternetGateway => (NET, "M4 13V7a4 4 0 0 1 8 0v6M2 13h12M8 3v10"),
            Icon::Route53 => (
                NET,
                "M8 2.5l5 2v3.5c0 3-2.2 5-5 6-2.8-1-5-3-5-6V4.5zM6 8l1.5 1.5L10 6.5",
            ),
            Icon::VpcEndpoint => (NET, "M2 8h5M10 5a3 3 0 1 0 0 6 3 3 0 1 0 0-6"),
            Icon::ControlPlane => (
                "#232f3e",
                "M8 2.5l5 2.8v5.4L8 13.5l-5-2.8V5.3zM8 8V5.5M8 8l2.2 1.3M8 8l-2.2 1.3",
            ),
        }
    }

    /// Its `<symbol>` element.
    pub fn symbol(self) -> String {
        let (fill, d) = self.art();
        format!(
            r##"<symbol id="{}" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="{fill}"/><path d="{d}" fill="none" stroke="#fff" stroke-width="1.5" stroke-linecap="round"/></symbol>"##,
            self.symbol_id()
        )
    }
}

/// The `<symbol>`s of `icons`, each once, in [`Icon::ALL`]'s order.
pub fn defs(icons: impl IntoIterator<Item = Icon>) -> String {
    let used: Vec<Icon> = icons.into_iter().collect();
    Icon::ALL
        .into_iter()
        .filter(|i| used.contains(i))
        .map(Icon::symbol)
        .collect()
}

/// The icon of what `role` and `id` stand for, if the set has one. Target
/// groups (`tg:`) are drawn as load balancers' parts, without an icon; the AWS
/// APIs (`aws:`) are not gateways of the VPC.
pub fn icon_for(role: Role, id: &str) -> Option<Icon> {
    let thing = id.split_once('#').map_or(id, |(t, _)| t);
    match role {
        Role::LoadBalancer if !thing.starts_with("tg:") => Some(Icon::LoadBalancer),
        Role::Node => Some(Icon::Instance),
        Role::Eni | Role::EksEni => Some(Icon::Eni),
        Role::Dns => Some(Icon::Route53),
        Role::ControlPlane => Some(Icon::ControlPlane),
        Role::Gateway if thing == "igw" || thing.starts_with("igw:") => Some(Icon::InternetGateway),
        Role::Gateway if thing.starts_with("nat:") => Some(Icon::NatGateway),
        Role::Gateway if thing.starts_with("vpce:") => Some(Icon::VpcEndpoint),
        _ => None,
    }
}

/// The width a shape's label takes from the box's left edge: the inset, the
/// icon (if any) and the text, in the wider language, and the inset after it.
pub fn label_room(s: &Shape) -> f64 {
    let icon = if s.icon.is_some() { ICON_ROOM } else { 0.0 };
    text_width_any(&s.label, LABEL_FONT) + 2.0 * INSET + icon
}

/// Where a shape's label starts (the painters' `x`).
pub fn label_x(s: &Shape) -> f64 {
    s.rect.x + INSET + if s.icon.is_some() { ICON_ROOM } else { 0.0 }
}

/// Where a shape's icon is drawn: its top-left corner, on the label's line.
pub fn icon_at(s: &Shape) -> (f64, f64) {
    (s.rect.x + INSET, s.rect.y + 6.0)
}

/// Gives every shape of `scene` that stands for a thing of the set its icon,
/// where the box has room for the icon beside the whole label (and, for a
/// container, its children stay clear of the longer label band).
pub fn assign(scene: &mut Scene) {
    for i in 0..scene.shapes.len() {
        let s = &scene.shapes[i];
        let Some(icon) = icon_for(s.role, s.id.as_str()) else {
            continue;
        };
        if s.rect.h < 22.0
            || s.rect.w < text_width_any(&s.label, LABEL_FONT) + 2.0 * INSET + ICON_ROOM
        {
            continue;
        }
        let right = s.rect.x + text_width_any(&s.label, LABEL_FONT) + 2.0 * INSET + ICON_ROOM;
        let band = s.rect.y + HEADER - 4.0;
        let crowded = scene
            .shapes
            .iter()
            .any(|c| c.parent.as_ref() == Some(&s.id) && c.rect.y < band && c.rect.x < right);
        if !crowded {
            scene.shapes[i].icon = Some(icon);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::scene::{layout, SceneKind, SizeClass, View};
    use crate::{analyze, generate, svg, testkit, Lang, Scenario};

    fn scenarios() -> Vec<(&'static str, Scenario)> {
        vec![
            ("default", Scenario::default()),
            ("1,000 nodes", generate::large(1_000, 20)),
            ("public and private", testkit::lab(true, true)),
            ("private only", testkit::lab(false, true)),
        ]
    }

    /// Every load balancer, instance, ENI, gateway, Route 53 box and control
    /// plane drawn in any scene, in any frame, carries its icon (the layouts
    /// leave the room; but a node holding its pods in an embed or on a phone),
    /// and every icon of the set is drawn somewhere.
    #[test]
    fn every_thing_of_the_set_is_drawn_with_its_icon() {
        let mut seen = HashSet::new();
        let mut missing = Vec::new();
        for (what, sc) in scenarios() {
            let a = analyze(&sc);
            for scene in SceneKind::ALL {
                for size in SizeClass::ALL {
                    let v = View {
                        scene,
                        size,
                        ..View::default()
                    };
                    for sh in &layout(&a, &v).shapes {
                        match (icon_for(sh.role, sh.id.as_str()), sh.icon) {
                            (Some(want), Some(got)) => {
                                assert_eq!(want, got, "{}", sh.id);
                                seen.insert(got);
                            }
                            // In a small frame a node drawn with its pods is
                            // as wide as its pods need (see `vpc_nodes`).
                            (Some(Icon::Instance), None)
                                if scene == SceneKind::PodNetwork
                                    && matches!(size, SizeClass::Embed | SizeClass::Phone) => {}
                            (Some(_), None) => missing.push(format!(
                                "{what} / {} / {}: {}",
                                scene.slug(),
                                size.slug(),
                                sh.id
                            )),
                            (None, got) => assert_eq!(got, None, "{}", sh.id),
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "drawn without their icon: {missing:#?}");
        let unseen: Vec<_> = Icon::ALL.iter().filter(|i| !seen.contains(i)).collect();
        assert!(unseen.is_empty(), "never drawn: {unseen:?}");
    }

    /// An export defines each icon it draws exactly once, and no other.
    #[test]
    fn an_export_defines_each_icon_it_uses_once() {
        for (_, sc) in scenarios().into_iter().take(3) {
            let a = analyze(&sc);
            for scene in SceneKind::ALL {
                let s = layout(
                    &a,
                    &View {
                        scene,
                        ..View::default()
                    },
                );
                let out = svg::render(&s, Lang::Ko);
                for i in Icon::ALL {
                    let defined = out
                        .matches(&format!(r#"<symbol id="{}""#, i.symbol_id()))
                        .count();
                    let used = out
                        .matches(&format!(r##"<use href="#{}""##, i.symbol_id()))
                        .count();
                    let drawn = s.shapes.iter().filter(|x| x.icon == Some(i)).count();
                    assert_eq!(used, drawn, "{} {:?}", scene.slug(), i);
                    assert_eq!(defined, usize::from(used > 0), "{} {:?}", scene.slug(), i);
                }
            }
        }
    }

    /// The icons are told apart by their glyph, not only their colour, and
    /// stay small: the whole set is under 2 KB.
    #[test]
    fn the_set_is_distinct_and_small() {
        let glyphs: HashSet<&str> = Icon::ALL.iter().map(|i| i.art().1).collect();
        assert_eq!(glyphs.len(), Icon::ALL.len());
        let ids: HashSet<&str> = Icon::ALL.iter().map(|i| i.symbol_id()).collect();
        assert_eq!(ids.len(), Icon::ALL.len());
        let all = defs(Icon::ALL);
        assert!(all.len() < 2_048, "{} bytes", all.len());
    }

    /// A box too narrow for the icon beside its whole label keeps its label and
    /// goes without the icon.
    #[test]
    fn a_cramped_box_keeps_its_label_and_drops_the_icon() {
        let a = analyze(&Scenario::default());
        let mut s = layout(
            &a,
            &View {
                scene: SceneKind::Architecture,
                ..View::default()
            },
        );
        let i = s.shapes.iter().position(|x| x.icon.is_some()).unwrap();
        s.shapes[i].icon = None;
        s.shapes[i].rect.w = label_room(&s.shapes[i]) + ICON_ROOM - 1.0;
        assign(&mut s);
        assert_eq!(s.shapes[i].icon, None);
        s.shapes[i].rect.w += 1.0;
        assign(&mut s);
        assert!(s.shapes[i].icon.is_some());
    }
}
