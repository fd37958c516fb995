//! Carrying out the host page's commands on the explorer's state.
//!
//! [`Host`] holds the explorer's signals (the same three every panel writes, plus
//! whether the flow is playing) and the memos derived from them. A command is
//! checked in full against the current analysis before anything is written, so a
//! refused command changes nothing; an accepted `set` writes the view once.

use std::sync::Arc;

use eksnet::{Analysis, ParseError, Scenario, Scene, Trace, View};
use leptos::prelude::*;

use super::protocol::{error_at, merge_patch, scenario_from, Command, ViewPatch, ViewState};

/// The explorer's state, as the embed API reads and writes it.
#[derive(Debug, Clone, Copy)]
pub struct Host {
    /// The scenario.
    pub scenario: RwSignal<Scenario>,
    /// The view (scene, flow, step, selection, node).
    pub view: RwSignal<View>,
    /// The language.
    pub lang: RwSignal<eksnet::Lang>,
    /// Whether the flow is playing (the path panel's play button shares it).
    pub playing: RwSignal<bool>,
    /// The analysis of the scenario.
    pub analysis: Memo<Arc<Analysis>>,
    /// The trace of the view's flow.
    pub trace: Memo<Option<Arc<Trace>>>,
    /// The scene on screen.
    pub scene: Memo<Scene>,
}

/// "no flow is shown" for step commands.
fn no_flow(path: &str) -> ParseError {
    error_at(
        path,
        "no flow is shown: set a flow first ({type: \"set\", flow: \"kubelet:<node>\"})",
        None,
    )
}

impl Host {
    /// The view as events report it (reads the signals, tracking them).
    pub fn state(&self) -> ViewState {
        let v = self.view.get();
        ViewState {
            scene: v.scene,
            flow: v.flow.as_ref().map(ToString::to_string),
            step: v.step,
            selection: v.selection,
            node: v.node,
            access: self
                .scenario
                .with(|s| s.cluster.resources_vpc_config.endpoint_access())
                .slug(),
            lang: self.lang.get(),
            playing: self.playing.get(),
        }
    }

    /// Carries out `command`, or refuses it with what was wrong (and then
    /// changes nothing).
    pub fn apply(&self, command: Command) -> Result<(), ParseError> {
        match command {
            Command::Hello => Ok(()),
            Command::Set(p) => self.set(p),
            Command::Scenario(s) => {
                self.scenario.set(*s);
                Ok(())
            }
            Command::Patch(p) => {
                // Through the scenario's JSON document (the core's writer, in
                // its chunk): `serde_json::to_value` would link another
                // serialisation of a scenario.
                let mut value = self
                    .scenario
                    .with_untracked(|s| {
                        serde_json::from_str::<serde_json::Value>(&crate::core_api::to_json(s))
                    })
                    .map_err(|e| error_at("", e.to_string(), None))?;
                merge_patch(&mut value, &serde_json::Value::Object(p));
                let s: Scenario = scenario_from(&value, "/patch")?;
                if self.scenario.with_untracked(|cur| *cur != s) {
                    self.scenario.set(s);
                }
                Ok(())
            }
            Command::Next => self.go(1),
            Command::Prev => self.go(-1),
            Command::Play => {
                if self.steps().unwrap_or(0) == 0 {
                    return Err(no_flow(""));
                }
                self.playing.set(true);
                Ok(())
            }
            Command::Pause => {
                self.playing.set(false);
                Ok(())
            }
        }
    }

    /// The number of steps of the flow shown, if one is.
    fn steps(&self) -> Option<usize> {
        self.trace
            .with_untracked(|t| t.as_ref().map(|t| t.hops.len()))
    }

    /// One step forward or back, as the path panel's buttons step.
    fn go(&self, d: isize) -> Result<(), ParseError> {
        let n = self.steps().filter(|n| *n > 0).ok_or_else(|| no_flow(""))?;
        let cur = self.view.with_untracked(|v| v.step);
        let next = match (cur, d) {
            (None, d) if d > 0 => 0,
            (None, _) => n - 1,
            (Some(k), d) => (k as isize + d).clamp(0, n as isize - 1) as usize,
        };
        self.playing.set(false);
        if cur != Some(next) {
            self.view.update(|v| v.step = Some(next));
        }
        Ok(())
    }

    /// `set`: checks every field against the analysis, then writes them at once.
    fn set(&self, p: ViewPatch) -> Result<(), ParseError> {
        let analysis = self.analysis.get_untracked();
        let old = self.view.get_untracked();
        let mut v = old.clone();
        if let Some(s) = p.scene {
            v.scene = s;
        }
        if let Some(f) = p.flow {
            let f = f.map(|f| f.0);
            if f != v.flow {
                // A new flow starts with all its steps lit, as the picker does.
                v.flow = f;
                v.step = None;
            }
        }
        if let Some(Some(n)) = &p.node {
            if analysis.model.node_index(n).is_none() {
                // Full names and their short form (`ip-192-168-46-6`).
                let names = analysis.model.nodes.iter().flat_map(|x| {
                    [
                        x.name.as_str(),
                        eksnet::model::names::short_node_name(&x.name),
                    ]
                });
                let near = eksnet::did_you_mean(n, names);
                return Err(error_at(
                    "/node",
                    format!("no node `{n}` in the scenario"),
                    near.first().map(|m| format!("did you mean `{m}`?")),
                ));
            }
        }
        if let Some(n) = p.node {
            v.node = n;
        }
        if let Some(step) = p.step {
            if let Some(k) = step {
                let Some(flow) = &v.flow else {
                    return Err(no_flow("/step"));
                };
                let n = if v.flow == old.flow {
                    self.steps().unwrap_or(0)
                } else {
                    crate::core_api::trace(&analysis, flow).map_or(0, |t| t.hops.len())
                };
                if k >= n {
                    return Err(error_at(
                        "/step",
                        format!("step {k} is past the last step of `{flow}` ({n} steps, numbered from 0)"),
                        None,
                    ));
                }
            }
            v.step = step;
        }
        if let Some(sel) = p.selection {
            if let Some(id) = &sel {
                let mut probe = v.clone();
                probe.selection = None;
                let scene = (crate::core_api::core().layout)(&analysis, &probe);
                if scene.shape(id.as_str()).is_none() {
                    let ids = scene.shapes.iter().map(|s| s.id.as_str());
                    let near = eksnet::did_you_mean(id.as_str(), ids);
                    return Err(error_at(
                        "/selection",
                        format!("no element `{id}` in the {} scene", v.scene.slug()),
                        near.first().map(|m| format!("did you mean `{m}`?")),
                    ));
                }
            }
            v.selection = sel;
        }
        // Everything checked: write.
        if let Some(a) = p.access {
            let now = self
                .scenario
                .with_untracked(|s| s.cluster.resources_vpc_config.endpoint_access());
            if now != a.0 {
                self.scenario.update(|s| {
                    s.cluster.resources_vpc_config.set_endpoint_access(a.0);
                });
            }
        }
        if let Some(l) = p.lang {
            if self.lang.get_untracked() != l {
                self.lang.set(l);
            }
        }
        if v.flow != old.flow {
            self.playing.set(false);
        }
        if v != old {
            self.view.set(v);
        }
        Ok(())
    }
}
