//! Scenes: deterministic geometry of every diagram, computed without a browser.
//!
//! `layout(analysis, view)` turns the model and what the person is looking at (the
//! [`View`]: scene, flow, step, selection) into a [`Scene`]: positioned shapes and
//! edges with stable ids, bilingual labels, CSS classes and path state. The web
//! crate paints a `Scene` as reactive `<svg>`; [`crate::svg::render`] writes the
//! same `Scene` as SVG text for export and the CLI. Both read only the `Scene`, so
//! they cannot disagree about what is drawn.
//!
//! One module per scene (`architecture`, `endpoint`, `vpc_layouts`,
//! `node_bootstrap`, `pod_network`, `inside_node`, `load_balancing`, `components`,
//! `subnet_addresses`),
//! built from shared blocks (`world`: the two VPCs; `vpc`: the customer VPC) with
//! the `kit` (canvas, routing, legend, aspect). [`light`] draws a trace onto a
//! scene; [`problems`] lists any broken promise (containment, no sibling overlap,
//! labels that fit in English and Korean, unique ids of the id grammar), and the
//! tests assert it is empty for every scene over generated scenarios. Scenes are
//! laid out for the frame they are shown in (the [`View`]'s [`SizeClass`]) and
//! padded to its aspect, so that their labels are legible at "Fit" ([`legibility`]);
//! they stay a few hundred elements at any cluster size (nodes, pods, slots and
//! targets beyond a per-box limit are summed up in "+N more").

mod architecture;
mod az_fold;
#[cfg(test)]
mod blocked_tests;
mod caption;
mod components;
mod components_folded;
mod components_phone;
#[cfg(test)]
mod crossing_tests;
mod detour;
#[cfg(test)]
mod diagnostics_tests;
#[cfg(test)]
mod egress_tests;
mod endpoint;
mod geometry;
pub mod icons;
mod inside_node;
mod kit;
#[cfg(test)]
mod legible_tests;
mod light;
mod load_balancing;
mod node_bootstrap;
mod pod_network;
mod quality;
mod route_label;
mod size;
mod subnet_addresses;
mod subnet_addresses_legend;
#[cfg(test)]
mod tests;
mod vpc;
mod vpc_facts;
mod vpc_items;
mod vpc_layouts;
mod vpc_nodes;
mod world;
mod world_cp;
mod world_edges;
mod world_egress;
mod world_fit;
mod world_phone;

use serde::{Deserialize, Serialize};

use crate::{Analysis, ElementId, Flow, Text, Trace};
pub use geometry::{mono_width, mono_width_any, text_width, text_width_any, Rect};
pub use icons::Icon;
pub use light::light;
pub use quality::problems;
pub use size::{legibility, Legibility, SizeClass};

/// The diagrams of the sources. Serialised as the slug (`pod-network`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SceneKind {
    /// Two VPCs, control plane, customer VPC (000, 003, 004 fig 1).
    Architecture,
    /// Endpoint modes and the three flows (000, 001, 002).
    Endpoint,
    /// Public / public+private / private subnet layouts (000, 003).
    VpcLayouts,
    /// EC2 start → kubelet → register → heartbeats (000).
    NodeBootstrap,
    /// Nodes in subnets, pods with IPs from their node's subnet (004 fig 2, console 1).
    #[default]
    PodNetwork,
    /// A node's ENIs and their secondary IPs or prefixes (004 fig 3, 003).
    InsideNode,
    /// Load balancers, target types, traffic policies (004 figs 4–5).
    LoadBalancing,
    /// Control- and data-plane components (003).
    Components,
    /// One subnet's addresses by owner, as its aligned /28 blocks.
    SubnetAddresses,
}

impl SceneKind {
    /// All scenes, in the order of the scene picker.
    pub const ALL: [SceneKind; 9] = [
        SceneKind::Architecture,
        SceneKind::Endpoint,
        SceneKind::VpcLayouts,
        SceneKind::NodeBootstrap,
        SceneKind::PodNetwork,
        SceneKind::InsideNode,
        SceneKind::LoadBalancing,
        SceneKind::Components,
        SceneKind::SubnetAddresses,
    ];

    /// The scene's slug (`pod-network`), used in URLs and the CLI.
    pub fn slug(self) -> &'static str {
        match self {
            SceneKind::Architecture => "architecture",
            SceneKind::Endpoint => "endpoint",
            SceneKind::VpcLayouts => "vpc-layouts",
            SceneKind::NodeBootstrap => "node-bootstrap",
            SceneKind::PodNetwork => "pod-network",
            SceneKind::InsideNode => "inside-node",
            SceneKind::LoadBalancing => "load-balancing",
            SceneKind::Components => "components",
            SceneKind::SubnetAddresses => "subnet-addresses",
        }
    }

    /// Whether the scene draws anything from the analysis's diagnostics (the
    /// VPC layouts' chips on each subnet and under the VPC). No other scene
    /// does: each is drawn the same from [`crate::analyze_unchecked`] (every
    /// stage but the checks) as from the whole [`crate::analyze`], so a page
    /// can draw it before the checks have run (see [`crate::checked`]).
    pub fn reads_diagnostics(self) -> bool {
        matches!(self, SceneKind::VpcLayouts)
    }

    /// Parses a slug.
    pub fn parse(s: &str) -> Option<SceneKind> {
        SceneKind::ALL.into_iter().find(|k| k.slug() == s)
    }

    /// The scene's name.
    pub fn title(self) -> Text {
        match self {
            SceneKind::Architecture => crate::text!("Architecture", "아키텍처"),
            SceneKind::Endpoint => crate::text!("Endpoint access", "엔드포인트 액세스"),
            SceneKind::VpcLayouts => crate::text!("VPC layouts", "VPC 구성"),
            SceneKind::NodeBootstrap => crate::text!("Node bootstrap", "노드 부트스트랩"),
            SceneKind::PodNetwork => crate::text!("Pod network", "Pod 네트워크"),
            SceneKind::InsideNode => crate::text!("Inside a node", "노드 내부"),
            SceneKind::LoadBalancing => crate::text!("Load balancing", "로드 밸런싱"),
            SceneKind::Components => crate::text!("Components", "구성 요소"),
            SceneKind::SubnetAddresses => crate::text!("Subnet addresses", "서브넷 주소"),
        }
    }
}

/// What the person is looking at.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    /// The scene.
    pub scene: SceneKind,
    /// The flow whose path is lit, if any.
    pub flow: Option<Flow>,
    /// The current step of the flow (0-based hop index); `None` lights all hops.
    pub step: Option<usize>,
    /// The selected element.
    pub selection: Option<ElementId>,
    /// For "inside a node": which node.
    pub node: Option<String>,
    /// Where the scene is shown: the layout takes the frame's room and aspect.
    pub size: SizeClass,
}

/// What a shape stands for (drives its styling and its DOM attributes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A region, VPC or other large container box.
    Vpc,
    /// The AWS-managed control-plane VPC.
    ControlPlane,
    /// An availability zone (dashed box).
    Az,
    /// A public subnet (green).
    PublicSubnet,
    /// A private subnet (blue).
    PrivateSubnet,
    /// A node group (its share of one subnet).
    NodeGroup,
    /// A node (EC2 instance).
    Node,
    /// A node's ENI.
    Eni,
    /// A pod.
    Pod,
    /// An address slot of an ENI (held by a pod, warm, or the ENI's primary).
    Slot,
    /// An EKS-owned ENI.
    EksEni,
    /// A gateway: IGW, NAT gateway, VPC endpoint.
    Gateway,
    /// A load balancer.
    LoadBalancer,
    /// A control-plane or node component (API server, kubelet, kube-proxy...).
    Component,
    /// DNS (Route 53 zones, resolver).
    Dns,
    /// The internet.
    Internet,
    /// A client (laptop, bastion, office).
    Client,
    /// A free-standing note or legend entry.
    Note,
    /// A security group (a firewall around ENIs).
    SecurityGroup,
    /// A step of a sequence (node bootstrap).
    Step,
    /// A route table.
    RouteTable,
}

impl Role {
    /// What an element of this role is called (`Worker node (EC2)`), in both
    /// languages.
    pub fn name(self) -> Text {
        let (en, ko) = match self {
            Role::Vpc => ("VPC", "VPC"),
            Role::ControlPlane => (
                "EKS control plane (AWS-managed VPC)",
                "EKS 컨트롤 플레인 (AWS 관리 VPC)",
            ),
            Role::Az => ("Availability zone", "가용 영역"),
            Role::PublicSubnet => ("Public subnet", "퍼블릭 서브넷"),
            Role::PrivateSubnet => ("Private subnet", "프라이빗 서브넷"),
            Role::Node => ("Worker node (EC2)", "워커 노드 (EC2)"),
            Role::Eni => ("Network interface (ENI)", "네트워크 인터페이스 (ENI)"),
            Role::Pod => ("Pod", "Pod"),
            Role::Slot => ("Address slot", "주소 슬롯"),
            Role::EksEni => ("EKS-owned ENI", "EKS 소유 ENI"),
            Role::Gateway => ("Gateway or endpoint", "게이트웨이 또는 엔드포인트"),
            Role::LoadBalancer => ("Load balancer", "로드 밸런서"),
            Role::Component => ("Component", "구성 요소"),
            Role::Dns => ("DNS", "DNS"),
            Role::Internet => ("Internet", "인터넷"),
            Role::Client => ("Client", "클라이언트"),
            Role::Note => ("Note", "메모"),
            Role::NodeGroup => ("Node group", "노드 그룹"),
            Role::SecurityGroup => ("Security group", "보안 그룹"),
            Role::Step => ("Step", "단계"),
            Role::RouteTable => ("Route table", "라우팅 테이블"),
        };
        Text {
            en: en.into(),
            ko: ko.into(),
        }
    }
}

/// Path state of an element for the current view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PathState {
    /// On the lit path (up to the current step).
    pub on_path: bool,
    /// The component that blocks the flow.
    pub blocked: bool,
    /// Dimmed because a flow is shown and this is not on it.
    pub dimmed: bool,
    /// The current step is here.
    pub current: bool,
}

/// A positioned box with a label.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    /// Stable id of the model thing (`data-id`).
    pub id: ElementId,
    /// What it stands for.
    pub role: Role,
    /// Geometry, in scene units (CSS pixels at zoom 1).
    pub rect: Rect,
    /// Main label.
    pub label: Text,
    /// Second line (an address, a count), if any.
    pub detail: Option<Text>,
    /// A second line folded out of the drawing to keep the overview legible in
    /// a small frame: shown with the selection (the details panel), not drawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// The icon drawn before the label, if the set has one for what the shape
    /// stands for and its box has room (see [`icons::assign`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon: Option<Icon>,
    /// Extra CSS classes (`warm`, `assigned`, `pending`, ...).
    pub classes: Vec<&'static str>,
    /// Path state.
    pub state: PathState,
    /// Extra `data-*` attributes (`pod`, `ip`, `eni`, `node`), name without `data-`.
    pub data: Vec<(&'static str, String)>,
    /// The shape this one is drawn inside (it lies entirely within the parent's
    /// rectangle, and the parent comes earlier in [`Scene::shapes`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<ElementId>,
}

/// A line between two shapes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Edge {
    /// Stable id: `<from>><to>`.
    pub id: String,
    /// From.
    pub from: ElementId,
    /// To.
    pub to: ElementId,
    /// Polyline points.
    pub points: Vec<(f64, f64)>,
    /// Dashed (logical or optional link, DNS) rather than solid (data path).
    pub dashed: bool,
    /// Arrowheads at both ends (a conversation both sides start).
    pub two_way: bool,
    /// Label, if any.
    pub label: Option<Text>,
    /// Where the label's baseline starts (its middle): the middle of the longest
    /// segment, a little above it.
    pub label_at: Option<(f64, f64)>,
    /// Path state.
    pub state: PathState,
    /// Hop index on the current flow, if on it.
    pub step: Option<usize>,
}

/// A diagram ready to paint.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scene {
    /// Which scene.
    pub kind: SceneKind,
    /// Width in scene units.
    pub width: f64,
    /// Height in scene units.
    pub height: f64,
    /// Title (SVG `<title>`).
    pub title: Text,
    /// Description (SVG `<desc>`), a sentence on what it shows and from which source.
    pub description: Text,
    /// What the exported SVG and PNG say under the title: the scene's caption and,
    /// with a flow, the flow and its current step (lines separated by `\n`; see
    /// `scene::caption`).
    pub caption: Text,
    /// Shapes, back to front (containers first).
    pub shapes: Vec<Shape>,
    /// Edges, drawn above the shapes.
    pub edges: Vec<Edge>,
    /// The legend: what the line styles and swatches of this scene mean.
    pub legend: Vec<LegendItem>,
}

/// What a legend entry shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum LegendKind {
    /// A solid line: a data path.
    DataPath,
    /// A dashed line: a logical link or DNS.
    Logical,
    /// A lit line: the chosen flow's path.
    OnPath,
    /// A red dotted line: where the flow is blocked.
    Blocked,
    /// A small box styled like shapes of `role` with `class`.
    Swatch {
        /// The role whose style it shows.
        role: Role,
        /// An extra class (`warm`, `absent`, ...), if any.
        class: Option<&'static str>,
    },
}

/// One legend entry, positioned like a shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LegendItem {
    /// What it shows.
    pub kind: LegendKind,
    /// What it means.
    pub label: Text,
    /// Where: the sample is drawn in the left 28 units, the label after it.
    pub rect: Rect,
}

impl Scene {
    /// The shape with `id`, if drawn.
    pub fn shape(&self, id: &str) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.id.as_str() == id)
    }

    /// Paint order: the shapes that hold other shapes (back to front), then the
    /// leaves. Painters draw the containers, then the edges, then the leaves, so a
    /// line passes over container fills but under the boxes it does not join.
    pub fn layers(&self) -> (Vec<&Shape>, Vec<&Shape>) {
        let parents: std::collections::HashSet<&str> = self
            .shapes
            .iter()
            .filter_map(|s| s.parent.as_ref().map(ElementId::as_str))
            .collect();
        self.shapes
            .iter()
            .partition(|s| parents.contains(s.id.as_str()))
    }

    /// Ids of the shapes on the lit path.
    pub fn on_path(&self) -> Vec<&ElementId> {
        self.shapes
            .iter()
            .filter(|s| s.state.on_path)
            .map(|s| &s.id)
            .collect()
    }
}

/// Lays out `view.scene` for the analysed scenario and lights `view.flow` on it.
/// Deterministic and pure.
///
/// Geometry does not depend on the language: boxes are sized for the wider of the
/// English and Korean labels, so switching language never moves anything.
pub fn layout(analysis: &Analysis, view: &View) -> Scene {
    let trace = view.flow.as_ref().and_then(|f| trace_of(analysis, f));
    layout_traced(analysis, view, trace.as_ref())
}

/// Like [`layout`], with the flow's trace already computed (the web app traces
/// once for its steps panel and the diagram). `trace` is lit when given.
pub fn layout_traced(analysis: &Analysis, view: &View, trace: Option<&Trace>) -> Scene {
    let (fw, fh) = view.size.frame();
    // A phone's scene is as tall as it needs (panned): its legend's rows are
    // as wide as the content, whatever the screen's aspect.
    let _fold = kit::Folding::new(
        view.size.folds_details(),
        if view.size.fits_width() { 0.0 } else { fw / fh },
        matches!(view.size, SizeClass::Embed | SizeClass::Phone),
    );
    // Each scene's layout is a function of its own (`#[inline(never)]`), not one
    // inlined whole here: the browser compiles WebAssembly a function at a time
    // when it is first called, so the first diagram waits for its own scene's code
    // only (the nine together took 12 ms of the explorer's start-up).
    let mut scene = match view.scene {
        SceneKind::Architecture => architecture::layout(analysis, view),
        SceneKind::Endpoint => endpoint::layout(analysis, view),
        SceneKind::Components => components::layout(analysis, view),
        SceneKind::VpcLayouts => vpc_layouts::layout(analysis, view),
        SceneKind::NodeBootstrap => node_bootstrap::layout(analysis, view),
        SceneKind::InsideNode => inside_node::layout(analysis, view),
        SceneKind::LoadBalancing => load_balancing::layout(analysis, view),
        SceneKind::SubnetAddresses => subnet_addresses::layout(analysis, view),
        _ => pod_network::layout(analysis, view),
    };
    icons::assign(&mut scene);
    if !view.size.fits_width() {
        let (fw, fh) = view.size.frame();
        kit::pad_to(&mut scene, fw / fh);
    }
    // Lines around the boxes and writing the simplest route would cross.
    detour::untangle(&mut scene);
    if let Some(t) = trace {
        light(&mut scene, t, view.step);
        // The scenes that draw subnets on a flow's path name its routes there.
        if matches!(
            view.scene,
            SceneKind::Architecture | SceneKind::Endpoint | SceneKind::PodNetwork
        ) {
            route_label::annotate(&mut scene, t, view.step, view.size.fits_width());
        }
    }
    scene.caption = caption::export_caption(scene.kind, trace, view.step);
    if let Some(sel) = &view.selection {
        if let Some(s) = scene.shapes.iter_mut().find(|s| &s.id == sel) {
            s.classes.push("selected");
        }
    }
    scene
}

/// The trace of `flow` (scenes read where a client resolves the endpoint and how
/// a node registers from it).
pub(crate) fn trace_of(analysis: &Analysis, flow: &Flow) -> Option<Trace> {
    Some(crate::trace(analysis, flow))
}
