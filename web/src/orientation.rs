//! The orientation a first visit starts with (and the header's "?" brings back):
//! what eksnet is, and three questions people come with, each one click into a
//! prepared view. It sits above the side panel, never over the diagram, and once
//! dismissed it is not shown again (remembered like the language).

use std::sync::Arc;

use eksnet::{Analysis, Flow, Lang, SceneKind, View};
use leptos::prelude::*;

use crate::i18n::Tr;
use crate::panels::Tab;

/// Where `localStorage` remembers that the orientation was dismissed.
pub const SEEN_KEY: &str = "eksnet.orientation";

const TITLE: Tr = Tr {
    en: "New to eksnet?",
    ko: "eksnet이 처음인가?",
};
const WHAT: Tr = Tr {
    en: "It draws an Amazon EKS cluster's network from a scenario you can edit, and follows each connection hop by hop: which address, route and security group, why it passes or where it stops, and the fix. Start with a question:",
    ko: "편집할 수 있는 시나리오로 Amazon EKS 클러스터의 네트워크를 그리고, 각 연결을 홉 단위로 따라간다. 어떤 주소, 라우팅, 보안 그룹을 거치는지, 왜 통과하거나 어디서 막히는지, 그리고 해결책까지. 질문 하나로 시작해 보자:",
};
const CLOSE: Tr = Tr {
    en: "Got it",
    ko: "알겠다",
};
/// The header button's name.
pub const HELP: Tr = Tr {
    en: "What is eksnet? Where to start",
    ko: "eksnet 소개와 시작하기",
};

/// A question the orientation offers, and the view it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// The kubelet's registration with the API server, in the bootstrap scene.
    NodeJoin,
    /// kubectl's path, in the endpoint scene with its mode switch at hand.
    KubectlModes,
    /// The node's ENIs and address slots, inside the node.
    MaxPods,
}

impl Question {
    /// The three, in the order shown.
    pub const ALL: [Question; 3] = [
        Question::NodeJoin,
        Question::KubectlModes,
        Question::MaxPods,
    ];

    /// `data-question` of its button.
    pub fn slug(self) -> &'static str {
        match self {
            Question::NodeJoin => "node-join",
            Question::KubectlModes => "kubectl-modes",
            Question::MaxPods => "max-pods",
        }
    }

    fn text(self) -> Tr {
        match self {
            Question::NodeJoin => Tr {
                en: "Why can't my node join?",
                ko: "노드가 클러스터에 조인하지 못하는 이유는?",
            },
            Question::KubectlModes => Tr {
                en: "Where does kubectl traffic go in each endpoint mode?",
                ko: "엔드포인트 모드마다 kubectl 트래픽은 어디로 가나?",
            },
            Question::MaxPods => Tr {
                en: "How many pods fit on my instance?",
                ko: "내 인스턴스에는 Pod가 몇 개 들어가나?",
            },
        }
    }

    /// The view the question opens in `a` (from the current `view`: its size is
    /// kept) and the side panel's tab that answers it.
    pub fn prepare(self, a: &Analysis, view: &View) -> (View, Tab) {
        let m = &a.model;
        let node = m.nodes.first();
        let short = |n: &str| eksnet::model::names::short_node_name(n).to_string();
        let mut v = View {
            size: view.size,
            ..View::default()
        };
        match self {
            Question::NodeJoin => {
                v.scene = SceneKind::NodeBootstrap;
                v.flow = node.map(|n| Flow::Kubelet {
                    node: short(&n.name),
                });
                (v, Tab::Path)
            }
            Question::KubectlModes => {
                v.scene = SceneKind::Endpoint;
                v.flow = m.clients.first().map(|c| Flow::Kubectl {
                    client: c.name.clone(),
                });
                (v, Tab::Path)
            }
            Question::MaxPods => {
                v.scene = SceneKind::InsideNode;
                v.node = node.map(|n| n.name.clone());
                v.selection = node.map(|n| n.eid.clone());
                (v, Tab::Details)
            }
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether an earlier visit dismissed the orientation.
pub fn dismissed() -> bool {
    storage()
        .and_then(|s| s.get_item(SEEN_KEY).ok().flatten())
        .is_some()
}

fn remember_dismissed() {
    if let Some(s) = storage() {
        let _ = s.set_item(SEEN_KEY, "dismissed");
    }
}

/// The orientation card.
#[component]
pub fn Orientation(
    /// Whether it is shown (the header's "?" sets it).
    shown: RwSignal<bool>,
    /// The view a question replaces.
    view: RwSignal<View>,
    /// The side panel's tab a question picks.
    tab: RwSignal<Tab>,
    /// The language.
    lang: RwSignal<Lang>,
    /// The analysis (the nodes and clients the questions start from).
    analysis: Memo<Arc<Analysis>>,
    /// Whether the "Max pods" panel is open: the max-pods question opens it over
    /// the inside-node view.
    max_pods_open: RwSignal<bool>,
) -> impl IntoView {
    let close = move || {
        shown.set(false);
        remember_dismissed();
    };
    let ask = move |q: Question| {
        let (v, t) = analysis.with_untracked(|a| view.with_untracked(|cur| q.prepare(a, cur)));
        view.set(v);
        tab.set(t);
        if q == Question::MaxPods {
            max_pods_open.set(true);
        }
        close();
    };
    let tr = move |t: Tr| move || t.get(lang.get());
    view! {
        <Show when=move || shown.get()>
            <section class="orientation" data-control="orientation" aria-labelledby="orientation-title">
                <h2 id="orientation-title">{tr(TITLE)}</h2>
                <p>{tr(WHAT)}</p>
                <ul class="questions">
                    {Question::ALL.into_iter().map(|q| view! {
                        <li><button type="button" class="question" data-question=q.slug()
                            on:click=move |_| ask(q)>{tr(q.text())}" →"</button></li>
                    }).collect_view()}
                </ul>
                <button type="button" class="close" data-control="orientation-close"
                    on:click=move |_| close()>{tr(CLOSE)}</button>
            </section>
        </Show>
    }
}
