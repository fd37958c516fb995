//! The path panel: the endpoint mode, the flow picker, and the flow's steps as an
//! ordered list, with previous / next / play. Each step says why the packet goes
//! there and cites its source; a blocked flow ends with the reason and the fix.

use std::sync::Arc;

use eksnet::{Analysis, Flow, Lang, Scenario, Trace, Verdict, View};
use leptos::prelude::*;

use crate::controls::endpoint::EndpointMode;
use crate::controls::fields::severity_icon;
use crate::i18n;

/// How long each step shows while playing, in milliseconds.
const PLAY_MS: u64 = 1400;

/// The path panel.
#[component]
pub fn PathPanel(
    /// The scenario (for the endpoint switch).
    scenario: RwSignal<Scenario>,
    /// The view: its flow and step are set here.
    view: RwSignal<View>,
    /// The language.
    lang: RwSignal<Lang>,
    /// The analysis (for the flows one can pick).
    analysis: Memo<Arc<Analysis>>,
    /// The trace of the current flow.
    trace: Memo<Option<Arc<Trace>>>,
    /// Shows a field of the scenario form.
    on_goto: Callback<String>,
    /// Whether the flow is playing, when someone else may also start and stop
    /// it (the embed API); the panel keeps its own otherwise.
    #[prop(optional)]
    playing: Option<RwSignal<bool>>,
    /// One compact bar (an embed's toolbar): mode, flow and step controls in a
    /// row, the steps in a drawer that opens over the diagram.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let groups = Memo::new(move |_| analysis.with(|a| (crate::core_api::core().flows)(a)));
    let flow_value = Memo::new(move |_| {
        view.with(|v| v.flow.as_ref().map(ToString::to_string).unwrap_or_default())
    });
    let hops = Memo::new(move |_| trace.with(|t| t.as_ref().map_or(0, |t| t.hops.len())));
    let step = Memo::new(move |_| view.with(|v| v.step));
    let playing = playing.unwrap_or_else(|| RwSignal::new(false));
    let set_step = move |s: Option<usize>| view.update(|v| v.step = s);
    let go = move |d: isize| {
        let n = hops.get_untracked();
        if n == 0 {
            return;
        }
        let cur = step.get_untracked();
        let next = match (cur, d) {
            (None, d) if d > 0 => 0,
            (None, _) => n - 1,
            (Some(k), d) => (k as isize + d).clamp(0, n as isize - 1) as usize,
        };
        set_step(Some(next));
    };
    // Playing advances one step per tick and stops at the last.
    let timer: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    let halt = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
    };
    let stop = move || {
        halt();
        playing.set(false);
    };
    let play = move || {
        stop();
        if hops.get_untracked() == 0 {
            return;
        }
        playing.set(true);
        let at_end = step
            .get_untracked()
            .is_none_or(|k| k + 1 >= hops.get_untracked());
        if at_end {
            set_step(Some(0));
        }
        let h = set_interval_with_handle(
            move || {
                let n = hops.get_untracked();
                match step.get_untracked() {
                    Some(k) if k + 1 < n => set_step(Some(k + 1)),
                    _ => stop(),
                }
            },
            std::time::Duration::from_millis(PLAY_MS),
        );
        timer.set_value(h.ok());
    };
    on_cleanup(move || {
        halt();
        let _ = playing.try_set(false);
    });
    // `playing` set from outside starts or stops the timer.
    Effect::new(move |_| {
        let on = playing.get();
        let running = timer.with_value(Option::is_some);
        if on && !running {
            play();
        } else if !on && running {
            halt();
        }
    });
    // Keep the current step in view while stepping or playing.
    Effect::new(move |_| {
        if step.get().is_some() {
            request_animation_frame(|| {
                if let Some(li) = document()
                    .query_selector("ol.steps > li[aria-current=step]")
                    .ok()
                    .flatten()
                {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    li.scroll_into_view_with_scroll_into_view_options(&opts);
                }
            });
        }
    });
    let choose = move |ev: web_sys::Event| {
        stop();
        let v = event_target_value(&ev);
        let flow = Flow::parse(&v).ok();
        view.update(|vw| {
            vw.flow = flow;
            vw.step = None;
        });
    };

    view! {
        <div class="path-panel" class:compact=compact>
            <EndpointMode scenario lang />
            <div class="field">
                <label for="flow-picker">{i18n::tr(lang, i18n::FLOW)}</label>
                <select id="flow-picker" data-control="flow" on:change=choose prop:value=move || flow_value.get()>
                    <option value="">{i18n::tr(lang, i18n::FLOW_NONE)}</option>
                    {move || {
                        let l = lang.get();
                        let cur = flow_value.get();
                        let mut known = false;
                        let groups_view = groups.get().into_iter().map(|g| {
                            // The option names the flow in words; its value (and
                            // tooltip) is the CLI's grammar (`kubectl:laptop`).
                            let opts = g.flows.into_iter().map(|(f, name)| {
                                let v = f.to_string();
                                known |= v == cur;
                                let sel = v == cur;
                                let text = name.get(l).to_string();
                                view! { <option value=v.clone() title=v selected=sel>{text}</option> }
                            }).collect_view();
                            view! { <optgroup label=g.kind.title().get(l).to_string()>{opts}</optgroup> }
                        }).collect_view();
                        // A flow from elsewhere (a link) that the list does not offer.
                        let extra = (!known && !cur.is_empty()).then(|| {
                            let name = Flow::parse(&cur).map_or_else(|_| cur.clone(), |f| eksnet::trace::label(&f).get(l).to_string());
                            view! { <option value=cur.clone() title=cur.clone() selected=true>{name}</option> }
                        });
                        view! { {groups_view}{extra} }
                    }}
                </select>
            </div>
            <Show when=move || view.with(|v| v.flow.is_some())>
                <div class="step-controls" role="group" aria-label=i18n::tr(lang, i18n::STEPS)>
                    <button type="button" data-control="step-prev" on:click=move |_| { stop(); go(-1); } disabled=move || hops.get() == 0 || step.get() == Some(0)>
                        "◀ "{i18n::tr(lang, i18n::PREV)}
                    </button>
                    <button type="button" class="play" data-control="step-play" on:click=move |_| if playing.get_untracked() { stop() } else { play() }
                        disabled=move || hops.get() == 0 aria-pressed=move || playing.get().to_string()>
                        {move || if playing.get() { format!("❚❚ {}", i18n::PAUSE.get(lang.get())) } else { format!("▶ {}", i18n::PLAY.get(lang.get())) }}
                    </button>
                    <button type="button" data-control="step-next" on:click=move |_| { stop(); go(1); } disabled=move || hops.get() == 0 || step.get() == Some(hops.get().saturating_sub(1))>
                        {i18n::tr(lang, i18n::NEXT)}" ▶"
                    </button>
                    <button type="button" on:click=move |_| { stop(); set_step(None); } disabled=move || step.get().is_none()>
                        {i18n::tr(lang, i18n::ALL_STEPS)}
                    </button>
                    <span class="step-of" aria-live="polite">{move || {
                        let l = lang.get();
                        match step.get() {
                            Some(k) => i18n::step_of(l, k + 1, hops.get()),
                            None => i18n::all_steps_count(l, hops.get()),
                        }
                    }}</span>
                </div>
                {move || {
                    let steps = match trace.get() {
                        None => view! { <p class="empty">{i18n::NO_TRACE.get(lang.get())}</p> }.into_any(),
                        Some(t) => {
                            // The component a flow stops at, by its name.
                            let at_name = match &t.verdict {
                                Verdict::Blocked { at, .. } => analysis.with(|a| (crate::core_api::core().element_name)(a, at)),
                                Verdict::Reachable => eksnet::Text::default(),
                            };
                            view! { <TraceView trace=t lang=lang.get() step=step view on_goto at_name /> }.into_any()
                        }
                    };
                    if compact {
                        view! {
                            <details class="steps-drawer" data-control="steps-drawer">
                                <summary>{i18n::tr(lang, i18n::STEPS)}</summary>
                                <div class="steps-drawer-body">{steps}</div>
                            </details>
                        }
                        .into_any()
                    } else {
                        steps
                    }
                }}
            </Show>
            <Show when=move || !compact && view.with(|v| v.flow.is_none())>
                <p class="empty">{i18n::tr(lang, i18n::PICK_FLOW)}</p>
            </Show>
        </div>
    }
}

/// A trace: its title, its verdict, and its steps.
#[component]
fn TraceView(
    /// The trace.
    trace: Arc<Trace>,
    /// The language.
    lang: Lang,
    /// The current step (`None`: all).
    step: Memo<Option<usize>>,
    /// The view (clicking a step selects it).
    view: RwSignal<View>,
    /// Shows a field of the scenario form (the one to change to unblock).
    on_goto: Callback<String>,
    /// The name of the component a blocked flow stops at.
    at_name: eksnet::Text,
) -> impl IntoView {
    let l = lang;
    let verdict = match &trace.verdict {
        Verdict::Reachable => view! {
            <p class="verdict ok" data-verdict="reachable">
                <span class="sev sev-ok" aria-hidden="true">"✔"</span>" "{i18n::REACHABLE.get(l)}
                {trace.crosses_internet().then(|| view! { " · ☁ "{i18n::CROSSES_INTERNET.get(l)} })}
            </p>
        }
        .into_any(),
        Verdict::Blocked {
            at,
            code,
            reason,
            fix,
            cite,
            field,
        } => view! {
            <div class="verdict blocked" data-verdict="blocked" data-code=code.as_str() data-at=at.to_string() role="alert">
                <p>{severity_icon(eksnet::Severity::Error, l)}" "<strong>{i18n::BLOCKED_AT.get(l)}" "<span class="at-name" title=at.to_string()>{at_name.get(l).to_string()}</span></strong></p>
                <p>{reason.get(l).to_string()}</p>
                <p class="fix"><strong>{i18n::FIX.get(l)}": "</strong>{fix.get(l).to_string()}</p>
                <p class="cite">{i18n::SOURCE.get(l)}": "{crate::cite::cite_view(cite, l)}</p>
                {field.clone().map(|f| {
                    let f2 = f.clone();
                    view! {
                        <p><button type="button" class="link" data-control="goto-field" on:click=move |_| on_goto.run(f2.clone())>
                            {i18n::GO_TO_FIELD.get(l)}" "<code>{f}</code>
                        </button></p>
                    }
                })}
            </div>
        }
        .into_any(),
    };
    let blocked_at = trace.blocked_at().cloned();
    let last = trace.hops.len().saturating_sub(1);
    let steps = trace
        .hops
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let is_block = blocked_at.as_ref() == Some(&h.at) && i == last;
            let addr = match (&h.src, &h.dst) {
                (Some(s), Some(d)) => Some(format!("{s} → {d}")),
                (None, Some(d)) => Some(format!("→ {d}")),
                (Some(s), None) => Some(format!("{s} →")),
                _ => None,
            };
            let dns = h.dns.as_ref().map(|d| {
                let ans = if d.addresses.is_empty() {
                    i18n::NO_ANSWER.get(l).to_string()
                } else {
                    d.addresses.join(", ")
                };
                let zone = d.zone.as_ref().map(|z| format!(" ({z})")).unwrap_or_default();
                view! { <p class="dns"><code>{d.name.clone()}</code>" → "{ans}{zone}</p> }
            });
            let flags = view! {
                {h.leaves_vpc.then(|| view! { <span class="flag">"⇱ "{i18n::LEAVES_VPC.get(l)}</span> })}
                {h.public_internet.then(|| view! { <span class="flag">"☁ "{i18n::PUBLIC_INTERNET.get(l)}</span> })}
                {is_block.then(|| view! { <span class="flag blocked">"⊘ "{i18n::BLOCKED.get(l)}</span> })}
            };
            let at = h.at.to_string();
            view! {
                <li class="step" class:current=move || step.get() == Some(i) class:blocked=is_block
                    aria-current=move || (step.get() == Some(i)).then_some("step") data-at=at.clone()>
                    <button type="button" class="step-head" on:click=move |_| view.update(|v| v.step = Some(i))>
                        <span class="link-kind">{h.link.name().get(l).to_string()}</span>" "
                        <span class="step-label">{h.label.get(l).to_string()}</span>
                    </button>
                    <div class="step-body">
                        {flags}
                        {addr.map(|a| view! { <p class="addr"><code>{a}</code></p> })}
                        {dns}
                        <p class="why">{h.why.get(l).to_string()}</p>
                        <p class="cite">{i18n::SOURCE.get(l)}": "{crate::cite::cite_view(&h.cite, l)}</p>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="trace" data-flow=trace.flow.clone()>
            <h3 class="trace-title">{trace.title.get(l).to_string()}</h3>
            {verdict}
            <ol class="steps">{steps}</ol>
        </div>
    }
}
