//! The scenario form: every setting of the model, grouped as a person thinks of
//! the cluster (endpoint, VPC, subnets, clients, nodes, CNI, workloads, Services),
//! and the scenario as JSON.
//!
//! Each section is a `<details>` that draws its fields only while open, so the
//! form costs nothing for the parts nobody looks at. Every field is bound to one
//! place in the [`Scenario`] and shows the core's diagnostics for that place.

pub mod clients;
pub mod cni;
pub mod endpoint;
pub mod fields;
pub mod form;
pub mod json;
pub mod lb_choice;
pub mod nodes;
pub mod quick;
pub mod services;
pub mod stranded;
pub mod subnets;
pub mod undo;
pub mod vpc;
pub mod workloads;

use std::sync::Arc;

use eksnet::{Analysis, Lang, Scenario};
use leptos::prelude::*;

use crate::i18n::{self, Tr};
pub use fields::FormContext;

/// The sections of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// The cluster endpoint.
    Endpoint,
    /// The VPC (CIDRs, DNS, gateways, endpoints).
    Vpc,
    /// Subnets.
    Subnets,
    /// kubectl clients and connected networks.
    Clients,
    /// Node groups.
    Nodes,
    /// VPC CNI settings.
    Cni,
    /// Workloads and pinned pods.
    Workloads,
    /// Services and Ingresses.
    Services,
    /// The scenario as JSON (everything else).
    Json,
}

/// The section holding the field at JSON pointer `path`.
pub fn section_of(path: &str) -> SectionKind {
    let under = |p: &str| path == p || fields::is_inside(path, p);
    if under("/cluster") {
        SectionKind::Endpoint
    } else if under("/vpc/subnets") {
        SectionKind::Subnets
    } else if under("/vpc") {
        SectionKind::Vpc
    } else if under("/clients") || under("/connectedNetworks") {
        SectionKind::Clients
    } else if under("/nodeGroups") {
        SectionKind::Nodes
    } else if under("/cni") {
        SectionKind::Cni
    } else if under("/workloads") || under("/pods") {
        SectionKind::Workloads
    } else if under("/services") || under("/ingresses") {
        SectionKind::Services
    } else {
        SectionKind::Json
    }
}

/// Focuses the field at `path`, or the nearest enclosing one drawn, once the
/// section opening it has drawn its fields, and keeps it there for two seconds:
/// every 20 ms, while focus is on `<body>` (the section still drawing, or the
/// field drawn again just after and its old element gone), it is put back. It
/// stops early once focus has landed and the user has moved it elsewhere.
/// Timers, not animation frames: a page the browser deems hidden gets no
/// frames, and the focus would be lost.
fn focus_field(path: String) {
    focus_field_within(path, 100, false);
}

/// [`focus_field`] with `tries` ticks left; `landed`: focus reached the field
/// at an earlier tick.
fn focus_field_within(path: String, tries: u32, landed: bool) {
    set_timeout(
        move || {
            let active = document().active_element();
            let on_body = active
                .as_ref()
                .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"));
            if landed && !on_body {
                // Still on the field, or the user moved on: either way, done
                // unless the field is drawn again (checked at the next tick).
                let ours = fields_at(&path).zip(active).is_some_and(|(f, a)| f == a);
                if !ours {
                    return;
                }
            }
            let mut now_landed = landed;
            if on_body || !landed {
                let focused = focus_now(&path);
                let active = document().active_element();
                now_landed |= matches!((&focused, &active), (Some(f), Some(a)) if f == a);
            }
            if tries > 1 {
                focus_field_within(path, tries - 1, now_landed);
            }
        },
        std::time::Duration::from_millis(20),
    );
}

/// The element [`focus_now`] would focus for `path`, without focusing it.
fn fields_at(path: &str) -> Option<web_sys::Element> {
    let doc = document();
    let mut p = path;
    loop {
        let id = fields::field_id(p);
        if let Some(el) = doc.get_element_by_id(&id) {
            return Some(el);
        }
        if let Some(el) = doc.get_element_by_id(&format!("{id}-diag")) {
            return Some(el);
        }
        match p.rfind('/') {
            Some(i) if i > 0 => p = &p[..i],
            _ => return None,
        }
    }
}

/// Focuses the field at `path` or the nearest enclosing one drawn, now; the
/// element focused, if any. A place with no field of its own (a pinned node)
/// focuses its row's diagnostics, for keyboards and readers.
fn focus_now(path: &str) -> Option<web_sys::Element> {
    use leptos::wasm_bindgen::JsCast;
    let el = fields_at(path)?.dyn_into::<web_sys::HtmlElement>().ok()?;
    el.scroll_into_view();
    if el.id().ends_with("-diag") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let _ = el.focus();
    Some(el.into())
}

/// A collapsible section of the form. Its fields are drawn when it is first
/// opened and then kept, so closing it loses nothing typed.
#[component]
pub fn Section(
    /// Which section.
    kind: SectionKind,
    /// The heading.
    title: Tr,
    /// Open at first.
    #[prop(optional)]
    open: bool,
    /// A field to bring into view; the section opens if it holds it.
    focus: RwSignal<Option<String>>,
    /// The scenario its fields edit.
    scenario: RwSignal<Scenario>,
    /// Describes its fields.
    blocks: fn(RwSignal<Scenario>) -> Vec<form::Block>,
) -> impl IntoView {
    let lang = fields::form().lang;
    let is_open = RwSignal::new(open);
    let drawn = RwSignal::new(open);
    Effect::new(move |_| {
        if let Some(p) = focus.get() {
            if section_of(&p) == kind {
                is_open.set(true);
                drawn.set(true);
                focus.set(None);
                focus_field(p);
            }
        }
    });
    view! {
        <details class="section" prop:open=move || is_open.get() on:toggle=move |ev| {
            use leptos::wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                is_open.set(d.open());
                if d.open() {
                    drawn.set(true);
                }
            }
        }>
            <summary>{i18n::tr(lang, title)}</summary>
            <Show when=move || drawn.get()>{move || form::blocks_view(blocks(scenario))}</Show>
        </details>
    }
}

/// The whole form.
#[component]
pub fn ScenarioControls(
    /// The scenario being edited.
    scenario: RwSignal<Scenario>,
    /// Its analysis (for the fields' diagnostics).
    analysis: Memo<Arc<Analysis>>,
    /// The language.
    lang: RwSignal<Lang>,
    /// A field to bring into view (a JSON pointer), e.g. from the diagnostics list.
    focus: RwSignal<Option<String>>,
) -> impl IntoView {
    provide_context(FormContext { lang, analysis });
    let undo = undo::Undo(RwSignal::new(None));
    provide_context(undo);
    let reset = move |_| undo.replace(scenario, Scenario::example());
    use SectionKind as K;
    view! {
        <div class="scenario-controls">
            <div class="form-actions">
                <button type="button" data-control="reset" on:click=reset>{i18n::tr(lang, i18n::RESET_SCENARIO)}</button>
            </div>
            <undo::UndoBar scenario lang />
            <Section kind=K::Endpoint title=i18n::SEC_ENDPOINT open=true focus scenario blocks=endpoint::blocks />
            <Section kind=K::Vpc title=i18n::SEC_VPC focus scenario blocks=vpc::blocks />
            <Section kind=K::Subnets title=i18n::SEC_SUBNETS focus scenario blocks=subnets::blocks />
            <Section kind=K::Clients title=i18n::SEC_CLIENTS focus scenario blocks=clients::blocks />
            <Section kind=K::Nodes title=i18n::SEC_NODES focus scenario blocks=nodes::blocks />
            <Section kind=K::Cni title=i18n::SEC_CNI focus scenario blocks=cni::blocks />
            <Section kind=K::Workloads title=i18n::SEC_WORKLOADS focus scenario blocks=workloads::blocks />
            <Section kind=K::Services title=i18n::SEC_SERVICES focus scenario blocks=services::blocks />
            <Section kind=K::Json title=i18n::SEC_JSON focus scenario blocks=json::blocks />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_their_section() {
        assert_eq!(section_of("/vpc/subnets/1/cidrBlock"), SectionKind::Subnets);
        assert_eq!(section_of("/vpc/natGateways/0/subnetId"), SectionKind::Vpc);
        assert_eq!(
            section_of("/cluster/resourcesVpcConfig/publicAccessCidrs/0"),
            SectionKind::Endpoint
        );
        assert_eq!(section_of("/nodeGroups/0/desiredSize"), SectionKind::Nodes);
        assert_eq!(section_of("/securityGroups/0"), SectionKind::Json);
        assert_eq!(section_of("/vpcx"), SectionKind::Json);
    }
}
