//! Tests of the counter rule: the checker on sentences right and wrong, every
//! Korean string in the sources (core, CLI, web app, browser tests, docs), and
//! every Korean text the core produces for the example scenarios.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::*;
use crate::{analyze, layout, trace, SceneKind, View};

fn found(ko: &str) -> Vec<(char, char)> {
    mistakes(ko).iter().map(|m| (m.found, m.want)).collect()
}

#[test]
fn machines_take_dae() {
    for noun in ["노드", "인스턴스", "머신", "EC2 노드", "EC2 인스턴스"] {
        assert_eq!(counter(noun), '대', "{noun}");
    }
    for noun in [
        "Pod",
        "ENI",
        "서브넷",
        "노드 그룹",
        "주소",
        "/28 블록",
        "파일",
    ] {
        assert_eq!(counter(noun), '개', "{noun}");
    }
}

#[test]
fn wrong_counters_are_found() {
    for (ko, want) in [
        ("노드 3개", ('개', '대')),
        ("노드 {n}개", ('개', '대')),
        ("노드 +{more}개 더", ('개', '대')),
        ("관찰된 노드가 {n}개를 넘는다", ('개', '대')),
        ("인스턴스 1,000개", ('개', '대')),
        ("3개의 노드", ('개', '대')),
        ("노드 두 개", ('개', '대')),
        ("노드 최대 3개", ('개', '대')),
        ("Pod 3대", ('대', '개')),
        ("서브넷 {n}대", ('대', '개')),
        ("Pod 3명", ('명', '개')),
        ("노드 2명", ('명', '대')),
    ] {
        assert_eq!(found(ko), [want], "{ko}");
    }
    // The number after `중` counts what the number before it counts.
    assert_eq!(found("노드 {total}대 중 1개만"), [('개', '대')]);
    assert_eq!(found("ENI {n}개 중 {k}대"), [('대', '개')]);
    let m = &mistakes("서브넷 2개에 노드 {nn}개, Pod 3개")[0];
    assert_eq!(&"서브넷 2개에 노드 {nn}개, Pod 3개"[m.at..m.at + 3], "개");
    assert!(m.context.contains("노드 {nn}개"), "{}", m.context);
}

#[test]
fn right_counters_and_words_pass() {
    for ko in [
        "노드 3대",
        "노드 그룹 3개",
        "노드 그룹·서브넷 {hidden}개 더",
        "서브넷 {ns}개에 노드 {nn}대, EKS 소유 ENI {ne}개",
        "노드 {total}대 중 1대만",
        "{total}개 중 {free}개 남음",
        "ENI 최대 {max_enis}개",
        "IP 대상 {n}개",
        "대상 그룹 {more}개",
        "노드마다 주소 {n}개",
        "VPC 두 개",
        "Pod가 몇 개 들어가나",
        "설명 3줄",
        "최대 Pod 수",
    ] {
        assert!(mistakes(ko).is_empty(), "{ko}: {:?}", mistakes(ko));
    }
}

/// The workspace root (two levels above this crate).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The text files under `dir` (recursively), build output and data left out.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if p.is_dir() {
            if !["target", "node_modules", "fixtures", "dist", ".git"].contains(&name.as_str()) {
                sources(&p, out);
            }
        } else if [".rs", ".md", ".mjs", ".html"]
            .iter()
            .any(|x| name.ends_with(x))
            && !name.starts_with("counters")
        {
            out.push(p);
        }
    }
}

/// Every Korean string written in the workspace's sources follows the rule.
#[test]
fn the_sources_count_by_the_rule() {
    let root = root();
    let mut files = Vec::new();
    for d in ["crates", "web", "tests", "docs"] {
        sources(&root.join(d), &mut files);
    }
    for f in ["README.md", "index.html"] {
        files.push(root.join(f));
    }
    assert!(files.len() > 100, "{} files", files.len());
    let mut wrong = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            for m in mistakes(line) {
                let f = f.strip_prefix(&root).unwrap_or(f).display();
                wrong.push(format!(
                    "{f}:{}: {} wants {}: {}",
                    i + 1,
                    m.found,
                    m.want,
                    m.context
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every `ko` string in `v`.
fn ko_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("ko", Value::String(s)) => out.push(s.clone()),
                    _ => ko_strings(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| ko_strings(x, out)),
        _ => {}
    }
}

/// What the core says in Korean about the example scenarios (every scene,
/// diagnostic and trace) follows the rule.
#[test]
fn what_the_core_says_counts_by_the_rule() {
    let mut scenarios = vec![crate::Scenario::example(), crate::generate::large(40, 6)];
    for (public, private) in [(true, false), (true, true), (false, true)] {
        scenarios.push(crate::testkit::lab(public, private));
    }
    let mut ko = Vec::new();
    for s in &scenarios {
        let a = analyze(s);
        let mut values = vec![serde_json::to_value(&a.diagnostics).unwrap()];
        for scene in SceneKind::ALL {
            let view = View {
                scene,
                ..View::default()
            };
            values.push(serde_json::to_value(layout(&a, &view)).unwrap());
        }
        for g in crate::trace::flows(&a) {
            for (f, label) in &g.flows {
                values.push(serde_json::to_value(label).unwrap());
                values.push(serde_json::to_value(trace(&a, f)).unwrap());
            }
        }
        for v in &values {
            ko_strings(v, &mut ko);
        }
    }
    assert!(ko.len() > 500, "{} Korean texts", ko.len());
    let wrong: Vec<String> = ko
        .iter()
        .flat_map(|k| {
            mistakes(k)
                .into_iter()
                .map(move |m| format!("{}: {k}", m.want))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
