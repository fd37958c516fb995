//! `eksnet max-pods TYPE --explain`: the truth table as text.
//!
//! First the launchers side by side on one line (`!` where one disagrees), then every
//! rule with its state and source, the node's real addresses, the recommended value
//! as one sentence, and each launcher with how it gets its value, the verdict and the
//! fix.

use std::fmt::Write;

use eksnet::cni::max_pods::{RuleState, TruthTable, Verdict};
use eksnet::{text, Lang, Text};

fn mark(v: Verdict) -> &'static str {
    if v == Verdict::Agrees {
        " "
    } else {
        "!"
    }
}

fn state(s: RuleState) -> &'static str {
    match s {
        RuleState::Applies => "+",
        RuleState::Off => "·",
        RuleState::NotSupported => "x",
    }
}

/// The features asked for, in words.
fn asked(t: &TruthTable) -> Text {
    let q = &t.question;
    let mut en = Vec::new();
    let mut ko = Vec::new();
    for (on, e, k) in [
        (q.prefix_delegation, "prefix delegation", "프리픽스 위임"),
        (q.custom_networking, "custom networking", "커스텀 네트워킹"),
        (
            q.security_groups_for_pods,
            "security groups for pods",
            "Pod 보안 그룹",
        ),
        (q.ipv6, "IPv6", "IPv6"),
    ] {
        if on {
            en.push(e);
            ko.push(k);
        }
    }
    if en.is_empty() {
        text!("secondary IPs", "보조 IP")
    } else {
        Text {
            en: en.join(", "),
            ko: ko.join(", "),
        }
    }
}

/// The truth table as text in `lang`.
pub fn render(t: &TruthTable, lang: Lang) -> String {
    let mut o = String::new();
    let g = |x: &Text| x.get(lang).to_string();
    let (it, rec, what) = (t.instance_type, t.recommended.value, g(&asked(t)));
    let head = text!(
        "{it}, {what}: EKS recommends max pods {rec}",
        "{it}, {what}: EKS 권장 max pods {rec}"
    );
    let _ = writeln!(o, "{}", g(&head));
    let side: Vec<String> = t
        .launchers
        .iter()
        .map(|r| format!("{} {}{}", g(&r.name), r.value, mark(r.verdict).trim()))
        .collect();
    let _ = writeln!(o, "  {}", side.join(" | "));
    if t.disagree {
        let d = text!(
            "  (! = disagrees with the recommendation or the addresses; see below)",
            "  (! = 권장값이나 주소와 맞지 않는다. 아래 참고)"
        );
        let _ = writeln!(o, "{}", g(&d));
    }
    let _ = writeln!(
        o,
        "\n{}",
        g(&text!(
            "Rules (+ applies, · off, x not supported):",
            "규칙(+ 적용, · 꺼짐, x 지원 안 함):"
        ))
    );
    for r in &t.rules {
        let _ = writeln!(o, "  {} {}: {}", state(r.state), g(&r.name), g(&r.effect));
        let _ = writeln!(o, "      ({} <{}>)", r.source.title, r.source.url);
    }
    let a = &t.addresses;
    let addr = match a.ip_pods {
        Some(_) => {
            let f = &a.formula;
            text!("{f}", "{f}")
        }
        None => text!(
            "IPv6: a /80 per node, never the limit",
            "IPv6: 노드마다 /80, 한계가 되지 않는다"
        ),
    };
    let b = a.branch_pods;
    let branch = if b > 0 {
        text!(" + {b} pods on branch ENIs", " + 브랜치 ENI의 Pod {b}개")
    } else {
        Text::default()
    };
    let _ = writeln!(
        o,
        "\n{} {}{}",
        g(&text!("Pods with an address:", "주소를 받는 Pod:")),
        g(&addr),
        g(&branch)
    );
    let _ = writeln!(
        o,
        "{} {}",
        g(&text!("Recommended:", "권장:")),
        g(&t.sentence)
    );
    let _ = writeln!(
        o,
        "\n{}",
        g(&text!(
            "What each launcher sets (maxPods; pods that can run):",
            "런처마다 정하는 값(maxPods, 실제로 돌 수 있는 Pod):"
        ))
    );
    for r in &t.launchers {
        let (v, run) = (r.value, r.runnable);
        let _ = writeln!(o, "{} {}: {v} ({run})", mark(r.verdict), g(&r.name));
        let _ = writeln!(o, "      {}", g(&r.how));
        let _ = writeln!(o, "      {}", g(&r.note));
        if let Some(fix) = &r.fix {
            let _ = writeln!(o, "      {} {}", g(&text!("fix:", "고치기:")), g(fix));
        }
        let _ = writeln!(o, "      ({} <{}>)", r.source.title, r.source.url);
    }
    o
}
