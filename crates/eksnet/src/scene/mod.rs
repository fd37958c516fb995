//! Scenes: deterministic geometry of every diagram, computed without a browser.
//!
//! `layout(analysis, view)` turns the model and what the person is looking at (the
//! [`View`]: scene, flow, step, selection) into a [`Scene`]: positioned shapes and
//! edges with stable ids, bilingual labels, CSS classes and path state. The web
//! crate paints a `Scene` as reactive `<svg>`; [`crate::svg::render`] writes the
//! same `Scene` as SVG text for export and the CLI. Both read only the `Scene`, so
//! they cannot disagree about what is drawn.

mod geometry;
mod pod_network;

use serde::Serialize;

use crate::{Analysis, ElementId, Flow, Text};
pub use geometry::{text_width, text_width_any, Rect};

/// The diagrams of the sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
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
}

impl SceneKind {
    /// All scenes, in the order of the scene picker.
    pub const ALL: [SceneKind; 8] = [
        SceneKind::Architecture,
        SceneKind::Endpoint,
        SceneKind::VpcLayouts,
        SceneKind::NodeBootstrap,
        SceneKind::PodNetwork,
        SceneKind::InsideNode,
        SceneKind::LoadBalancing,
        SceneKind::Components,
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
        }
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
    /// Extra CSS classes (`warm`, `assigned`, `pending`, ...).
    pub classes: Vec<&'static str>,
    /// Path state.
    pub state: PathState,
    /// Extra `data-*` attributes (`pod`, `ip`, `eni`, `node`), name without `data-`.
    pub data: Vec<(&'static str, String)>,
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
    /// Dashed (logical or optional link) rather than solid.
    pub dashed: bool,
    /// Label at the middle, if any.
    pub label: Option<Text>,
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
    /// Shapes, back to front (containers first).
    pub shapes: Vec<Shape>,
    /// Edges, drawn above containers and below leaf shapes.
    pub edges: Vec<Edge>,
}

impl Scene {
    /// The shape with `id`, if drawn.
    pub fn shape(&self, id: &str) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.id.as_str() == id)
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

/// Lays out `view.scene` for the analysed scenario. Deterministic and pure.
///
/// Geometry does not depend on the language: boxes are sized for the wider of the
/// English and Korean labels, so switching language never moves anything.
pub fn layout(analysis: &Analysis, view: &View) -> Scene {
    pod_network::layout(analysis, view)
}
