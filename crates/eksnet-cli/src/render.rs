//! `eksnet render`: a scene as SVG, from the same core geometry the web app paints.

use eksnet::scene::SizeClass;
use eksnet::{analyze, layout, svg, Flow, SceneKind, View};

use crate::input::{load, print_json, EXIT_USAGE};

/// Arguments of `eksnet render`.
#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (`-` for standard input); the default scenario if left out.
    file: Option<String>,
    /// Scene: architecture, endpoint, vpc-layouts, node-bootstrap, pod-network,
    /// inside-node, load-balancing, components, subnet-addresses.
    #[arg(long, default_value = "pod-network")]
    scene: String,
    /// Flow whose path is lit (see `eksnet trace --help` for the grammar).
    #[arg(long)]
    flow: Option<String>,
    /// Step of the flow to show (0-based); all steps when left out.
    #[arg(long)]
    step: Option<usize>,
    /// Node shown in the inside-node scene.
    #[arg(long)]
    node: Option<String>,
    /// Language of the labels: en or ko.
    #[arg(long, default_value = "en")]
    lang: String,
    /// Where the scene is shown, as the page's size (`1280x800`, `800x500`) or a
    /// size class (app, wide, embed, phone): the layout takes that frame's room.
    #[arg(long, default_value = "app")]
    size: String,
    /// Print the laid-out scene (shapes, edges, ids, geometry) as JSON instead of SVG.
    #[arg(long)]
    json: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<String>,
}

/// Runs the command; returns the exit code.
pub fn run(a: Args) -> u8 {
    let Some(scene) = SceneKind::parse(&a.scene) else {
        let all: Vec<&str> = SceneKind::ALL.iter().map(|k| k.slug()).collect();
        eprintln!(
            "eksnet: unknown scene `{}`; scenes are: {}",
            a.scene,
            all.join(", ")
        );
        return EXIT_USAGE;
    };
    let lang = match crate::input::lang(&a.lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let flow = match a.flow.as_deref().map(Flow::parse).transpose() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("eksnet: {e}");
            return EXIT_USAGE;
        }
    };
    let Some(size) = SizeClass::parse(&a.size) else {
        eprintln!(
            "eksnet: unknown size `{}`; give a page size such as 1280x800 or one of: app, wide, embed, phone",
            a.size
        );
        return EXIT_USAGE;
    };
    let scenario = match load(a.file.as_deref()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let analysis = analyze(&scenario);
    let view = View {
        scene,
        flow,
        step: a.step,
        selection: None,
        node: a.node,
        size,
    };
    let scene = layout(&analysis, &view);
    if a.json && a.output.is_none() {
        print_json(&scene);
        return 0;
    }
    let text = if a.json {
        serde_json::to_string_pretty(&scene).unwrap_or_default()
    } else {
        svg::render(&scene, lang)
    };
    match a.output {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, text) {
                eprintln!("eksnet: cannot write {path}: {e}");
                return EXIT_USAGE;
            }
        }
        None => println!("{text}"),
    }
    0
}
