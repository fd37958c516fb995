//! The "Max pods" panel: how many pods fit on a node of an instance type, asked
//! directly, without editing the scenario.
//!
//! A header button opens it (Escape or × closes it). Pick an instance type (a
//! searchable input over every type the VPC CNI knows) and toggle prefix delegation,
//! custom networking, security groups for pods and IPv6; the panel shows the core's
//! truth table ([`eksnet::cni::max_pods::truth_table`]): the value EKS recommends as
//! one sentence, what each launcher (the calculator, managed node groups, AL2
//! `bootstrap.sh`, AL2023 `nodeadm`, Karpenter) sets side by side with the ones that
//! disagree marked, and every rule with its source. It starts from the scenario's
//! first node group and CNI settings; changing it changes nothing in the scenario.

use crate::core_api::truth_table;
use eksnet::cni::max_pods::{MaxPodsError, Question, RuleState, TruthTable, Verdict};
use eksnet::scenario::Scenario;
use eksnet::{Lang, Text};
use leptos::prelude::*;

use crate::i18n::{self, Tr};

const OPEN: Tr = Tr {
    en: "Max pods",
    ko: "최대 Pod 수",
};
const TITLE: Tr = Tr {
    en: "Max pods per node",
    ko: "노드당 최대 Pod 수",
};
const LEAD: Tr = Tr {
    en: "How many pods fit on a node: every rule that changes the answer, and what each way of launching the node sets. Nothing here changes the scenario.",
    ko: "노드 하나에 Pod가 몇 개 들어가는지: 답을 바꾸는 모든 규칙과, 노드를 띄우는 방식마다 정하는 값. 여기서 바꾸는 것은 시나리오를 바꾸지 않는다.",
};
const CLOSE: Tr = Tr {
    en: "Close",
    ko: "닫기",
};
const INSTANCE_TYPE: Tr = Tr {
    en: "Instance type",
    ko: "인스턴스 유형",
};
const PD: Tr = Tr {
    en: "Prefix delegation",
    ko: "프리픽스 위임",
};
const CN: Tr = Tr {
    en: "Custom networking",
    ko: "커스텀 네트워킹",
};
const SGP: Tr = Tr {
    en: "Security groups for pods",
    ko: "Pod 보안 그룹",
};
const V6: Tr = Tr {
    en: "IPv6",
    ko: "IPv6",
};
const FEATURES: Tr = Tr {
    en: "CNI features",
    ko: "CNI 기능",
};
const RECOMMENDED: Tr = Tr {
    en: "EKS recommends",
    ko: "EKS 권장값",
};
const WITH_ADDRESS: Tr = Tr {
    en: "Pods that can get an address:",
    ko: "주소를 받을 수 있는 Pod:",
};
const NEVER_LIMIT: Tr = Tr {
    en: "IPv6: a /80 per node, never the limit",
    ko: "IPv6: 노드마다 /80, 한계가 되지 않는다",
};
const LAUNCHERS: Tr = Tr {
    en: "What each launcher sets (! disagrees)",
    ko: "런처마다 정하는 값(! 맞지 않음)",
};
const LAUNCHER: Tr = Tr {
    en: "Launcher",
    ko: "런처",
};
const RUNS: Tr = Tr {
    en: "Can run",
    ko: "실제 실행",
};
const WHY: Tr = Tr {
    en: "How, and the verdict",
    ko: "계산과 판정",
};
const FIX: Tr = Tr {
    en: "Fix:",
    ko: "고치기:",
};
const RULES: Tr = Tr {
    en: "Rules (+ applies, · off, × not supported)",
    ko: "규칙(+ 적용, · 꺼짐, × 지원 안 함)",
};
const RULE: Tr = Tr {
    en: "Rule",
    ko: "규칙",
};
const EFFECT: Tr = Tr {
    en: "For this type",
    ko: "이 유형에서",
};
const SOURCE: Tr = Tr {
    en: "source",
    ko: "출처",
};
const IPV6_CN: Tr = Tr {
    en: "The VPC CNI does not support custom networking in IPv6 clusters.",
    ko: "VPC CNI는 IPv6 클러스터에서 커스텀 네트워킹을 지원하지 않는다.",
};

/// The button of the header that opens the panel.
#[component]
pub fn MaxPodsButton(
    /// Whether the panel is open.
    open: RwSignal<bool>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    view! {
        <button type="button" class="max-pods-open" data-control="max-pods"
            aria-expanded=move || open.get().to_string() aria-controls="max-pods-panel"
            on:click=move |_| open.update(|o| *o = !*o)>
            {i18n::tr(lang, OPEN)}
        </button>
    }
}

/// Why there is no table, in both languages.
fn refusal(e: &MaxPodsError) -> Text {
    match e {
        MaxPodsError::UnknownType(u) => {
            let name = &u.name;
            if u.suggestions.is_empty() {
                eksnet::text!(
                    "The VPC CNI does not know `{name}`.",
                    "VPC CNI는 `{name}`을(를) 모른다."
                )
            } else {
                let near = u.suggestions.join(", ");
                eksnet::text!(
                    "The VPC CNI does not know `{name}`; did you mean {near}?",
                    "VPC CNI는 `{name}`을(를) 모른다. {near}을(를) 뜻했나?"
                )
            }
        }
        MaxPodsError::PrefixesUnsupported { message, .. } => message.clone(),
        MaxPodsError::Ipv6CustomNetworking => Text {
            en: IPV6_CN.en.into(),
            ko: IPV6_CN.ko.into(),
        },
    }
}

/// One checkbox of the question.
fn toggle(
    lang: RwSignal<Lang>,
    label: Tr,
    slug: &'static str,
    on: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <label class="mp-toggle">
            <input type="checkbox" data-toggle=slug prop:checked=move || on.get()
                on:change=move |ev| on.set(event_target_checked(&ev)) />
            {i18n::tr(lang, label)}
        </label>
    }
}

/// The panel.
#[component]
pub fn MaxPodsPanel(
    /// Whether it is open.
    open: RwSignal<bool>,
    /// The scenario (read once, when the panel first opens, for a start).
    scenario: RwSignal<Scenario>,
    /// The language.
    lang: RwSignal<Lang>,
) -> impl IntoView {
    // The panel's contents (the truth table, a datalist of every instance type:
    // most of the page's elements) are made when it first opens, not while the
    // explorer starts; they stay once made.
    let opened = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || open.get());
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            open.set(false);
        }
    };
    view! {
        <section class="max-pods-panel" id="max-pods-panel" role="dialog" aria-modal="false"
            aria-labelledby="max-pods-title" data-control="max-pods-panel"
            hidden=move || !open.get() on:keydown=on_key>
            {move || opened.get().then(|| contents(open, scenario, lang))}
        </section>
    }
}

/// What the panel holds, made when it first opens.
fn contents(
    open: RwSignal<bool>,
    scenario: RwSignal<Scenario>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let (it, q) = scenario.with_untracked(Question::of_scenario);
    let itype = RwSignal::new(it);
    let (pd, cn, sgp, v6) = (
        RwSignal::new(q.prefix_delegation),
        RwSignal::new(q.custom_networking),
        RwSignal::new(q.security_groups_for_pods),
        RwSignal::new(q.ipv6),
    );
    let table = Memo::new(move |_| {
        let q = Question {
            prefix_delegation: pd.get(),
            custom_networking: cn.get(),
            security_groups_for_pods: sgp.get(),
            ipv6: v6.get(),
        };
        itype.with(|t| truth_table(t, &q))
    });
    let types = crate::core_api::instance_types()
        .into_iter()
        .map(|name| view! { <option value=name></option> })
        .collect_view();
    view! {
            <div class="mp-head">
                <h2 id="max-pods-title">{i18n::tr(lang, TITLE)}</h2>
                <button type="button" class="mp-close" aria-label=i18n::tr(lang, CLOSE)
                    on:click=move |_| open.set(false)>"×"</button>
            </div>
            <p class="mp-lead">{i18n::tr(lang, LEAD)}</p>
            <div class="mp-question">
                <label class="mp-type">
                    {i18n::tr(lang, INSTANCE_TYPE)}
                    <input id="mp-type" type="search" list="mp-types" autocomplete="off" spellcheck="false"
                        prop:value=move || itype.get()
                        on:input=move |ev| itype.set(event_target_value(&ev).trim().to_string()) />
                </label>
                <datalist id="mp-types">{types}</datalist>
                <fieldset class="mp-toggles">
                    <legend class="sr-only">{i18n::tr(lang, FEATURES)}</legend>
                    {toggle(lang, PD, "prefix-delegation", pd)}
                    {toggle(lang, CN, "custom-networking", cn)}
                    {toggle(lang, SGP, "security-groups-for-pods", sgp)}
                    {toggle(lang, V6, "ipv6", v6)}
                </fieldset>
            </div>
            <div class="mp-result" aria-live="polite">
                {move || match table.get() {
                    Ok(t) => result(t, lang).into_any(),
                    Err(e) => {
                        let msg = refusal(&e);
                        view! { <p class="mp-error" role="alert">{i18n::text(lang, msg)}</p> }.into_any()
                    }
                }}
            </div>
    }
}

/// The truth table, painted.
fn result(t: TruthTable, lang: RwSignal<Lang>) -> impl IntoView {
    let a = &t.addresses;
    let addresses = match a.ip_pods {
        Some(_) if a.branch_pods > 0 => {
            let (f, b) = (&a.formula, a.branch_pods);
            eksnet::text!("{f} + {b} on branch ENIs", "{f} + 브랜치 ENI의 {b}개")
        }
        Some(_) => Text::same(a.formula.clone()),
        None => Text {
            en: NEVER_LIMIT.en.into(),
            ko: NEVER_LIMIT.ko.into(),
        },
    };
    let launchers = t
        .launchers
        .iter()
        .map(|r| {
            let off = r.verdict != Verdict::Agrees;
            let slug = serde_json::to_value(r.launcher)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let fix = r.fix.clone().map(|f| {
                view! { <p class="mp-fix"><strong>{i18n::tr(lang, FIX)}</strong>" "<code>{i18n::text(lang, f)}</code></p> }
            });
            view! {
                <tr data-launcher=slug class:disagrees=off>
                    <th scope="row">{if off { "! " } else { "" }}{i18n::text(lang, r.name.clone())}</th>
                    <td class="num" data-value="max-pods">{r.value}</td>
                    <td class="num" data-value="runnable">{r.runnable}</td>
                    <td>
                        <p class="mp-how">{i18n::text(lang, r.how.clone())}</p>
                        <p class="mp-note">{i18n::text(lang, r.note.clone())}</p>
                        {fix}
                        <a class="mp-src" href=r.source.url target="_blank" rel="noopener" title=r.source.title>
                            {i18n::tr(lang, SOURCE)}
                        </a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let rules = t
        .rules
        .iter()
        .map(|r| {
            let (mark, state) = match r.state {
                RuleState::Applies => ("+", "applies"),
                RuleState::Off => ("·", "off"),
                RuleState::NotSupported => ("×", "not-supported"),
            };
            let kind = serde_json::to_value(r.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            view! {
                <tr data-rule=kind data-state=state>
                    <td class="mp-mark" aria-hidden="true">{mark}</td>
                    <th scope="row">{i18n::text(lang, r.name.clone())}</th>
                    <td>
                        {i18n::text(lang, r.effect.clone())}" "
                        <a class="mp-src" href=r.source.url target="_blank" rel="noopener" title=r.source.title>
                            {i18n::tr(lang, SOURCE)}
                        </a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="mp-answer">
            <span>{i18n::tr(lang, RECOMMENDED)}</span>" "
            <strong data-value="recommended">{t.recommended.value}</strong>
        </p>
        <p class="mp-sentence">{i18n::text(lang, t.sentence.clone())}</p>
        <p class="mp-addresses">{i18n::tr(lang, WITH_ADDRESS)}" "{i18n::text(lang, addresses)}</p>
        <table class="mp-launchers">
            <caption>{i18n::tr(lang, LAUNCHERS)}</caption>
            <thead><tr>
                <th scope="col">{i18n::tr(lang, LAUNCHER)}</th>
                <th scope="col">"maxPods"</th>
                <th scope="col">{i18n::tr(lang, RUNS)}</th>
                <th scope="col">{i18n::tr(lang, WHY)}</th>
            </tr></thead>
            <tbody>{launchers}</tbody>
        </table>
        <table class="mp-rules">
            <caption>{i18n::tr(lang, RULES)}</caption>
            <thead><tr>
                <th scope="col"><span class="sr-only">"±"</span></th>
                <th scope="col">{i18n::tr(lang, RULE)}</th>
                <th scope="col">{i18n::tr(lang, EFFECT)}</th>
            </tr></thead>
            <tbody>{rules}</tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_has_both_languages() {
        for t in [
            OPEN,
            TITLE,
            LEAD,
            CLOSE,
            INSTANCE_TYPE,
            PD,
            CN,
            SGP,
            V6,
            FEATURES,
            RECOMMENDED,
            WITH_ADDRESS,
            NEVER_LIMIT,
            LAUNCHERS,
            LAUNCHER,
            RUNS,
            WHY,
            FIX,
            RULES,
            RULE,
            EFFECT,
            SOURCE,
            IPV6_CN,
        ] {
            assert!(!t.en.is_empty() && !t.ko.is_empty(), "{t:?}");
        }
    }
}
