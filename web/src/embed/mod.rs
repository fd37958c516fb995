//! The embed API: a documentation page drives the embedded diagram and follows
//! what the reader does, through `postMessage`.
//!
//! In embed mode (`?embed`) inside a frame, [`connect`] listens for the parent
//! window's [`protocol::Command`]s and posts [`protocol::Event`]s back:
//!
//! ```text
//! host page                                   eksnet (?embed, in an <iframe>)
//!   <- {eksnet: 1, type: "ready", version, protocol, view}
//!   -> {eksnet: 1, type: "hello", id: 1}      pins the host's origin
//!   <- {eksnet: 1, type: "ok", id: 1}, then view, step, selection, height
//!   -> {eksnet: 1, type: "set", id: 2, flow: "kubelet:ip-192-168-46-6", step: 3}
//!   <- {eksnet: 1, type: "ok", id: 2}, view, step (its hop and the verdict)
//!   -> {eksnet: 1, type: "set", id: 3, stpe: 4}
//!   <- {eksnet: 1, type: "error", id: 3, path: "/stpe", message, suggestion}
//! ```
//!
//! Security ([`gate`]): only messages whose `source` is the parent window are
//! considered, only the admitted origin's are acted on (`?origin=`, else the
//! first message's), and events go to the parent at that origin only. Messages
//! ignored for their source or origin get no answer; the frame counts them in
//! `<html data-embed-ignored>`. `docs/embedding.md` documents the format.

pub mod gate;
pub mod host;
pub mod protocol;
mod read;
#[cfg(test)]
mod read_tests;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub use gate::{Admission, Gate};
pub use host::Host;
use protocol::{decode, Event, Refusal};

/// The attribute of `<html>` counting messages ignored for their source or origin.
pub const IGNORED_ATTR: &str = "data-embed-ignored";

/// The frame's parent window, if the page is in a frame.
fn parent() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let p = w.parent().ok()??;
    (!js_sys::Object::is(&p, &w)).then_some(p)
}

/// The `origin` parameter of the page's URL.
fn origin_param() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new(&href).ok()?.search_params().get("origin")
}

/// Counts one more ignored message on `<html>`.
fn count_ignored() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let n: u32 = root
        .get_attribute(IGNORED_ATTR)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let _ = root.set_attribute(IGNORED_ATTR, &(n + 1).to_string());
}

/// The frame height, in CSS pixels, at which the diagram shows whole at its
/// present width: the frame's height, less the diagram's box, plus the height
/// the scene's aspect ratio asks for at that width. (Only the diagram's box
/// grows with the frame, whatever the embed's layout.)
fn preferred_height(scene_w: f64, scene_h: f64) -> Option<u32> {
    let w = web_sys::window()?;
    let svg = w
        .document()?
        .query_selector(".app svg.eksnet-scene")
        .ok()??;
    let r = svg.get_bounding_client_rect();
    let frame = w.inner_height().ok()?.as_f64()?;
    if r.width() <= 0.0 || scene_w <= 0.0 {
        return None;
    }
    let want = frame - r.height() + r.width() * scene_h / scene_w;
    Some(want.round().clamp(120.0, 4000.0) as u32)
}

/// Wires the embed API to the explorer's state when the page is in a frame
/// (and does nothing otherwise). Call inside the explorer's component, so the
/// effects live as long as it does.
pub fn connect(host: Host) {
    let Some(parent) = parent() else { return };
    let gate = Rc::new(RefCell::new(Gate::new(origin_param().as_deref())));

    let post = {
        let parent = parent.clone();
        let gate = gate.clone();
        move |event: &Event<'_>| {
            let target = gate.borrow().target().map(str::to_string);
            if let Some(t) = target {
                let _ = parent.post_message(&event.to_js(), &t);
            }
        }
    };

    // What events report, each a memo so that only changes are posted.
    let state = Memo::new(move |_| host.state());
    let step = Memo::new(move |_| {
        let (flow, step) = host
            .view
            .with(|v| (v.flow.as_ref().map(ToString::to_string), v.step));
        let (steps, hop, verdict) = host.trace.with(|t| match t {
            Some(t) => (
                t.hops.len(),
                step.and_then(|k| t.hops.get(k).cloned()),
                Some(t.verdict.clone()),
            ),
            None => (0, None, None),
        });
        (flow, step, steps, hop, verdict)
    });
    let selection = Memo::new(move |_| host.view.with(|v| v.selection.clone()));
    let height = RwSignal::new(None::<u32>);
    let dims = Memo::new(move |_| host.scene.with(|s| (s.width, s.height)));
    let measure = move || {
        let (w, h) = dims.get_untracked();
        if let Some(px) = preferred_height(w, h) {
            if height.get_untracked() != Some(px) {
                height.set(Some(px));
            }
        }
    };

    let send_view = {
        let post = post.clone();
        move || post(&Event::View(state.get_untracked()))
    };
    let send_step = {
        let post = post.clone();
        move || {
            step.with_untracked(|(flow, step, steps, hop, verdict)| {
                post(&Event::Step {
                    flow: flow.clone(),
                    step: *step,
                    steps: *steps,
                    hop: hop.as_ref(),
                    verdict: verdict.as_ref(),
                })
            })
        }
    };
    let send_selection = {
        let post = post.clone();
        move || {
            selection.with_untracked(|s| {
                post(&Event::Selection {
                    selection: s.as_ref(),
                })
            })
        }
    };
    let send_height = {
        let post = post.clone();
        move || {
            if let Some(h) = height.get_untracked() {
                post(&Event::Height { height: h });
            }
        }
    };

    // `ready` goes out at once, to the admitted origin or, before one is known,
    // to whoever the parent is: it says only what the frame's URL already does.
    {
        let target = gate.borrow().ready_target().map(str::to_string);
        let ready = Event::Ready {
            version: env!("CARGO_PKG_VERSION"),
            protocol: protocol::PROTOCOL,
            view: state.get_untracked(),
        };
        if let Some(t) = target {
            let _ = parent.post_message(&ready.to_js(), &t);
        }
    }

    Effect::new({
        let f = send_view.clone();
        move |_| {
            state.track();
            f()
        }
    });
    Effect::new({
        let f = send_step.clone();
        move |_| {
            step.track();
            f()
        }
    });
    Effect::new({
        let f = send_selection.clone();
        move |_| {
            selection.track();
            f()
        }
    });
    Effect::new({
        let f = send_height.clone();
        move |_| {
            height.track();
            f()
        }
    });
    // Measure once the scene is painted, and whenever the frame is resized.
    Effect::new(move |_| {
        dims.track();
        request_animation_frame(measure);
    });
    let on_resize = Closure::<dyn Fn()>::new(measure);
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref());
    }
    on_resize.forget();

    let snapshot = move || {
        send_view();
        send_step();
        send_selection();
        send_height();
    };
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let from_parent = ev.source().is_some_and(|s| js_sys::Object::is(&s, &parent));
            let admission = if from_parent {
                gate.borrow_mut().admit(&ev.origin())
            } else {
                Admission::Ignored
            };
            if admission == Admission::Ignored {
                count_ignored();
                return;
            }
            let (reply, hello) = match decode(&ev.data()) {
                Ok(m) => {
                    let hello = m.command == protocol::Command::Hello;
                    match host.apply(m.command) {
                        Ok(()) => (Event::Ok { id: m.id }, hello),
                        Err(error) => (Event::refused(Refusal { id: m.id, error }), false),
                    }
                }
                Err(r) => (Event::refused(r), false),
            };
            // The reply follows the events the command caused (the effects that post
            // them run first), so a host that awaits it sees the new view.
            let (post, snapshot) = (post.clone(), snapshot.clone());
            let pinned = admission == Admission::Pinned;
            leptos::task::spawn_local(async move {
                leptos::task::tick().await;
                post(&reply);
                if hello || pinned {
                    snapshot();
                }
            });
        });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    }
    on_message.forget();
}
