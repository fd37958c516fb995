//! Paints a [`Scene`] in an `<svg>` with the same elements, classes and DOM
//! contract as the core's SVG export ([`eksnet::svg::render`]): the drawing is
//! the export's own markup ([`eksnet::svg::drawing`], put on the page by
//! [`paint`]): every shape and edge is a `<g>` with `data-id` (the model id),
//! `data-role`-like classes, `data-on-path`, `data-blocked` and `data-current`
//! when they apply, and the shape's own `data-*` attributes (`data-pod`,
//! `data-ip`, `data-eni`, `data-node`, ...). A browser test compares the two.
//!
//! On top of the scene: pan (drag, arrow keys), zoom (wheel in fine steps,
//! `+`/`-`, buttons), "Fit" (`0`: the whole scene fills the frame), 100% (`1`:
//! labels at their stylesheet size; the zoom level shows CSS px per scene unit),
//! selection (click; `]` and `[` select the next and previous shape
//! from the keyboard, `Escape` clears), and a packet dot moving along the edge of
//! the current step of the flow.

pub mod paint;
pub mod viewport;

use leptos::html::Div;
use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};

use eksnet::scene::Scene;
use eksnet::svg::num;
use eksnet::{ElementId, Lang, View};

use crate::i18n;
use viewport::{point_along, Screen, Viewport};

/// How long the packet takes along one edge, in milliseconds.
const PACKET_MS: f64 = 700.0;

/// The diagram of the current scene, with its zoom buttons.
#[component]
pub fn Diagram(
    /// The scene to paint.
    scene: Memo<Scene>,
    /// The language of the labels.
    lang: RwSignal<Lang>,
    /// The view (its step places the packet).
    view: RwSignal<View>,
    /// Called with the element clicked (`None`: the background).
    on_select: Callback<Option<ElementId>>,
    /// Whether the side panel is hidden (the toolbar toggles it); no toggle when
    /// there is no side panel (embed mode).
    #[prop(optional)]
    side_hidden: Option<RwSignal<bool>>,
    /// A prerendered drawing shown until the scene is the explorer's own (see
    /// `adopt`).
    #[prop(optional_no_strip)]
    adopted: Option<crate::adopt::Adopted>,
    /// Controls at the start of the diagram's toolbar.
    children: Children,
) -> impl IntoView {
    let own = adopted.as_ref().map(|a| a.own);
    // Whether the adopted drawing is shown (then a click selects any shape
    // of it, for the explorer's drawing to show once it is there).
    let adopting = move || own.is_some_and(|o| !o.get());
    let adopting_now = move || own.is_some_and(|o| !o.get_untracked());
    let vp = RwSignal::new(Viewport::default());
    let dims = Memo::new(move |_| scene.with(|s| (s.kind, s.width, s.height)));
    // A new scene (or a resized one) starts fitted.
    Effect::new(move |_| {
        dims.track();
        vp.set(Viewport::default());
    });
    let stage: NodeRef<Div> = NodeRef::new();
    // The `<svg>`'s size on screen, as the browser last laid it out (a
    // ResizeObserver reports it after each layout that changed it). Asking
    // the element instead would force a layout of the whole page in the task
    // that changed it (for a large drawing, as long as the drawing itself).
    let shown_at: RwSignal<Option<Screen>> = RwSignal::new(None);
    let screen = move || {
        shown_at
            .get_untracked()
            .unwrap_or(Screen { w: 1.0, h: 1.0 })
    };
    let size = move || dims.with_untracked(|d| (d.1, d.2));
    let zoom = move |f: f64| {
        let (w, h) = size();
        vp.update(|v| *v = v.zoom_center(w, h, screen(), f));
    };
    // CSS px per scene unit as shown: 1 means labels at their stylesheet size.
    let px_per_unit = move || {
        let (_, w, h) = dims.get();
        let v = vp.get();
        shown_at.get().map(|s| v.px_per_unit(w, h, s))
    };
    let actual_size = move || {
        let (w, h) = size();
        let k = vp.get_untracked().px_per_unit(w, h, screen());
        if k > 0.0 {
            zoom(1.0 / k);
        }
    };
    let pan = move |dx: f64, dy: f64| {
        let (w, h) = size();
        vp.update(|v| *v = v.pan(w, h, screen(), dx, dy));
    };

    // Zoom to the lit path (or to the selection when nothing is lit).
    let zoom_to_path = move || {
        let target = scene.with_untracked(|s| {
            let lit: Vec<_> = s
                .shapes
                .iter()
                .filter(|x| x.state.on_path || x.state.blocked)
                .map(|x| x.rect)
                .collect();
            let rects = if lit.is_empty() {
                view.with_untracked(|v| {
                    v.selection
                        .as_ref()
                        .and_then(|id| s.shape(id.as_str()))
                        .map(|x| vec![x.rect])
                        .unwrap_or_default()
                })
            } else {
                lit
            };
            let x0 = rects.iter().map(|r| r.x).fold(f64::INFINITY, f64::min);
            let y0 = rects.iter().map(|r| r.y).fold(f64::INFINITY, f64::min);
            let x1 = rects
                .iter()
                .map(|r| r.x + r.w)
                .fold(f64::NEG_INFINITY, f64::max);
            let y1 = rects
                .iter()
                .map(|r| r.y + r.h)
                .fold(f64::NEG_INFINITY, f64::max);
            (!rects.is_empty()).then_some((x0, y0, x1 - x0, y1 - y0))
        });
        if let Some((x, y, rw, rh)) = target {
            let (w, h) = size();
            vp.set(Viewport::fit_rect(w, h, x, y, rw, rh));
        }
    };
    let has_focus = Memo::new(move |_| {
        scene.with(|s| s.shapes.iter().any(|x| x.state.on_path || x.state.blocked))
            || view.with(|v| v.selection.is_some())
    });

    // Wheel zoom needs a non-passive listener (to keep the page from scrolling),
    // which delegated `on:wheel` cannot give.
    stage.on_load(move |div| {
        observe_size(&div, shown_at);
        let opts = web_sys::AddEventListenerOptions::new();
        opts.set_passive(false);
        let cb = Closure::<dyn FnMut(web_sys::WheelEvent)>::new(move |ev: web_sys::WheelEvent| {
            let Some(svg) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("svg.eksnet-scene").ok().flatten())
            else {
                return;
            };
            ev.prevent_default();
            let r = svg.get_bounding_client_rect();
            let s = Screen {
                w: r.width(),
                h: r.height(),
            };
            let (px, py) = (
                f64::from(ev.client_x()) - r.left(),
                f64::from(ev.client_y()) - r.top(),
            );
            let factor = viewport::wheel_factor(ev.delta_y(), ev.delta_mode());
            let (w, h) = size();
            vp.update(|v| *v = v.zoom_at(w, h, s, px, py, factor));
        });
        let _ = div.add_event_listener_with_callback_and_add_event_listener_options(
            "wheel",
            cb.as_ref().unchecked_ref(),
            &opts,
        );
        cb.forget();
    });

    // Drag to pan; a drag is not a click.
    let drag: StoredValue<Option<(f64, f64, Viewport, bool)>> = StoredValue::new(None);
    let dragged = StoredValue::new(false);
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        dragged.set_value(false);
        drag.set_value(Some((
            f64::from(ev.client_x()),
            f64::from(ev.client_y()),
            vp.get_untracked(),
            false,
        )));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some((x0, y0, v0, moving)) = drag.get_value() else {
            return;
        };
        let (dx, dy) = (f64::from(ev.client_x()) - x0, f64::from(ev.client_y()) - y0);
        if !moving && dx.hypot(dy) < 4.0 {
            return;
        }
        if !moving {
            if let Some(t) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = t.set_pointer_capture(ev.pointer_id());
            }
            drag.set_value(Some((x0, y0, v0, true)));
            dragged.set_value(true);
        }
        let (w, h) = size();
        vp.set(v0.pan(w, h, screen(), dx, dy));
    };
    let on_up = move |_| drag.set_value(None);
    // Hovering a pod lights its node, ENI and subnet.
    let hovered: StoredValue<Option<String>> = StoredValue::new(None);
    let on_over = move |ev: web_sys::PointerEvent| {
        let pod = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("[data-pod]").ok().flatten())
            .and_then(|e| e.get_attribute("data-id"));
        if pod == hovered.get_value() {
            return;
        }
        hovered.set_value(pod.clone());
        let ids = pod
            .map(|p| scene.with_untracked(|s| related(s, &p)))
            .unwrap_or_default();
        if let Some(root) = stage.get_untracked() {
            mark_related(&root, &ids);
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if dragged.get_value() {
            dragged.set_value(false);
            return;
        }
        let id = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("[data-id]").ok().flatten())
            .and_then(|e| e.get_attribute("data-id"))
            .filter(|id| adopting_now() || scene.with_untracked(|s| s.shape(id).is_some()));
        on_select.run(id.map(ElementId));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let step = 40.0;
        match ev.key().as_str() {
            "ArrowLeft" => pan(step, 0.0),
            "ArrowRight" => pan(-step, 0.0),
            "ArrowUp" => pan(0.0, step),
            "ArrowDown" => pan(0.0, -step),
            "+" | "=" => zoom(1.25),
            "-" | "_" => zoom(0.8),
            "0" => vp.set(Viewport::default()),
            "1" => actual_size(),
            "f" => zoom_to_path(),
            "Escape" => on_select.run(None),
            // The keyboard's way to select: shapes in drawing order.
            "]" | "[" => {
                let forward = ev.key() == "]";
                let current = view.with_untracked(|v| v.selection.clone());
                let next = scene.with_untracked(|s| {
                    let n = s.shapes.len();
                    let at = current.and_then(|c| s.shapes.iter().position(|x| x.id == c));
                    let k = match (at, forward) {
                        (None, true) => 0,
                        (None, false) => n.checked_sub(1)?,
                        (Some(i), true) => (i + 1) % n,
                        (Some(i), false) => (i + n - 1) % n,
                    };
                    s.shapes.get(k).map(|x| x.id.clone())
                });
                on_select.run(next);
            }
            _ => return,
        }
        ev.prevent_default();
    };

    // The packet: where it is along the current step's edge.
    let packet: RwSignal<Option<(f64, f64)>> = RwSignal::new(None);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let step = view.with(|v| v.step);
        let path: Option<Vec<(f64, f64)>> = step.and_then(|k| {
            scene.with(|s| {
                s.edges
                    .iter()
                    .find(|e| e.step == Some(k))
                    .map(|e| e.points.clone())
                    .or_else(|| {
                        s.shapes
                            .iter()
                            .find(|x| x.state.current)
                            .map(|x| vec![x.rect.center()])
                    })
            })
        });
        let g = generation.get_value() + 1;
        generation.set_value(g);
        match path {
            None => packet.set(None),
            Some(pts) if pts.len() < 2 || crate::state::reduced_motion() => {
                packet.set(pts.last().copied())
            }
            Some(pts) => animate(pts, js_sys::Date::now(), g, generation, packet),
        }
    });

    // The drawing: the core's markup of the scene (see `paint`).
    let painter = paint::Shared::default();
    Effect::new(move |_| {
        let Some(g) = stage.get().as_ref().and_then(paint::drawing_g) else {
            return;
        };
        if let Some(a) = adopted.as_ref().filter(|a| !a.own.get()) {
            let shown = scene.with(|s| s.kind) == a.kind && lang.get() == Lang::En;
            crate::adopt::show(&g, &a.svg, shown);
            return;
        }
        let l = lang.get();
        let parts = scene.with(|s| (crate::core_api::core().drawing)(s, l));
        paint::paint(&painter, &g, parts);
    });

    view! {
        <div class="diagram" node_ref=stage>
            <div class="diagram-bar">
            <div class="quick-controls">{children()}</div>
            <div class="zoom-bar" role="toolbar" aria-label=i18n::tr(lang, i18n::ZOOM)>
                <button type="button" on:click=move |_| zoom(1.25) aria-label=i18n::tr(lang, i18n::ZOOM_IN) title=i18n::tr(lang, i18n::ZOOM_IN)>"+"</button>
                <button type="button" on:click=move |_| zoom(0.8) aria-label=i18n::tr(lang, i18n::ZOOM_OUT) title=i18n::tr(lang, i18n::ZOOM_OUT)>"−"</button>
                <button type="button" on:click=move |_| vp.set(Viewport::default()) title=i18n::tr(lang, i18n::ZOOM_RESET)>{i18n::tr(lang, i18n::ZOOM_RESET)}</button>
                <button type="button" data-control="zoom-path" on:click=move |_| zoom_to_path()
                    disabled=move || !has_focus.get() title=i18n::tr(lang, i18n::ZOOM_PATH)
                    aria-label=i18n::tr(lang, i18n::ZOOM_PATH)>"⊙"</button>
                <button type="button" class="zoom-level" data-control="zoom-100" on:click=move |_| actual_size()
                    title=i18n::tr(lang, i18n::ZOOM_ACTUAL) aria-label=i18n::tr(lang, i18n::ZOOM_ACTUAL)>
                    <span aria-live="polite">{move || px_per_unit().map(percent).unwrap_or_default()}</span>
                </button>
                {side_hidden.map(|hidden| {
                    let tip = move || if hidden.get() { i18n::SHOW_PANEL.get(lang.get()) } else { i18n::HIDE_PANEL.get(lang.get()) };
                    view! {
                        <button type="button" class="panel-toggle" data-control="side-panel"
                            aria-pressed=move || hidden.get().to_string()
                            title=tip aria-label=tip
                            on:click=move |_| hidden.update(|h| *h = !*h)>
                            {move || if hidden.get() { "⇤" } else { "⇥" }}
                        </button>
                    }
                })}
            </div>
            </div>
            <svg
                class="eksnet-scene"
                role="img"
                tabindex="0"
                aria-labelledby="scene-title scene-desc"
                data-scene=move || scene.with(|s| s.kind.slug())
                data-adopted=move || adopting().then_some("")
                data-flow=move || view.with(|v| v.flow.as_ref().map(ToString::to_string))
                data-step=move || view.with(|v| v.step.map(|s| s.to_string()))
                lang=move || lang.get().tag()
                viewBox=move || { let (_, w, h) = dims.get(); vp.get().view_box(w, h) }
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointerover=on_over
                on:pointercancel=on_up
                on:click=on_click
                on:keydown=on_key
                aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown + - 0 1 F [ ] Escape"
            >
                <title id="scene-title">{move || scene.with(|s| s.title.get(lang.get()).to_string())}</title>
                <desc id="scene-desc">{move || scene.with(|s| s.description.get(lang.get()).to_string())}</desc>
                <g class="defs" inner_html=eksnet::svg::app_defs()></g>
                <g class="drawing"></g>
                {move || packet.get().map(|(x, y)| view! {
                    <circle class="packet" cx=num(x) cy=num(y) r="7" aria-hidden="true" />
                })}
            </svg>
        </div>
    }
}

/// What a pod stands in: its node, its ENI, and every box it is drawn inside
/// (node group, subnet, AZ, VPC), as ids. Hovering a pod lights them.
pub fn related(scene: &Scene, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(sh) = scene.shape(id) else {
        return out;
    };
    for (k, v) in &sh.data {
        match *k {
            "node" => out.push(format!("node:{v}")),
            "eni-id" => out.push(v.clone()),
            _ => {}
        }
    }
    let mut parent = sh.parent.clone();
    while let Some(p) = parent {
        if out.iter().all(|o| *o != p.as_str()) {
            out.push(p.to_string());
        }
        parent = scene.shape(p.as_str()).and_then(|x| x.parent.clone());
    }
    out
}

/// Marks the shapes with the given ids `related` (and clears earlier marks).
/// The zoom level shown on its button: CSS pixels per scene unit as a whole
/// percentage (`62%`; halves to even, as `{:.0}` writes them), written with
/// integers: the page's first module then carries no float formatting (see
/// `eksnet::svg::num`).
pub fn percent(px_per_unit: f64) -> String {
    format!("{}%", (px_per_unit * 100.0).round_ties_even() as i64)
}

fn mark_related(root: &web_sys::Element, ids: &[String]) {
    if let Ok(old) = root.query_selector_all(".related") {
        for i in 0..old.length() {
            if let Some(e) = old
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = e.class_list().remove_1("related");
            }
        }
    }
    for id in ids {
        let sel = format!(
            "svg.eksnet-scene g[data-role][data-id=\"{}\"]",
            id.replace('"', "")
        );
        if let Ok(Some(e)) = root.query_selector(&sel) {
            let _ = e.class_list().add_1("related");
        }
    }
}

/// Moves the packet along `pts`, one animation frame at a time, until it arrives
/// or a newer animation (`generation` moved on) replaces it.
fn animate(
    pts: Vec<(f64, f64)>,
    start: f64,
    g: u64,
    generation: StoredValue<u64>,
    packet: RwSignal<Option<(f64, f64)>>,
) {
    if generation.try_get_value() != Some(g) {
        return;
    }
    let t = ((js_sys::Date::now() - start) / PACKET_MS).min(1.0);
    packet.try_set(point_along(&pts, t));
    if t < 1.0 {
        request_animation_frame(move || animate(pts, start, g, generation, packet));
    }
}

/// Keeps `at` equal to the size of the `<svg>` in `div` on screen, from the
/// browser's layouts (a ResizeObserver: read after a layout, never forcing one).
fn observe_size(div: &web_sys::HtmlDivElement, at: RwSignal<Option<Screen>>) {
    let Some(svg) = div.query_selector("svg.eksnet-scene").ok().flatten() else {
        return;
    };
    let target = svg.clone();
    let cb = Closure::<dyn FnMut(JsValue, web_sys::ResizeObserver)>::new(
        move |_, observer: web_sys::ResizeObserver| {
            // The diagram is gone (its signals disposed): stop observing.
            let Some(old) = at.try_get_untracked() else {
                observer.disconnect();
                return;
            };
            let r = target.get_bounding_client_rect();
            let s = Screen {
                w: r.width(),
                h: r.height(),
            };
            if old != Some(s) {
                at.try_set(Some(s));
            }
        },
    );
    if let Ok(ro) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        ro.observe(&svg);
    }
    cb.forget();
}

#[cfg(test)]
mod tests {
    use super::*;
    use eksnet::{analyze, layout, Scenario, SceneKind};

    #[test]
    fn a_pod_is_related_to_its_node_and_subnet() {
        let a = analyze(&Scenario::example());
        let s = layout(
            &a,
            &View {
                scene: SceneKind::PodNetwork,
                ..View::default()
            },
        );
        let pod = s
            .shapes
            .iter()
            .find(|x| x.data.iter().any(|(k, _)| *k == "pod"))
            .expect("the pod network draws pods");
        let r = related(&s, pod.id.as_str());
        let node = pod
            .data
            .iter()
            .find(|(k, _)| *k == "node")
            .map(|(_, v)| format!("node:{v}"));
        assert!(node.is_some_and(|n| r.contains(&n)), "{r:?}");
        assert!(r.iter().any(|x| x.starts_with("subnet:")), "{r:?}");
        assert!(related(&s, "no-such-id").is_empty());
    }
}
