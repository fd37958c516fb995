//! Korean counters: a number in a Korean sentence takes a counter after it, and
//! which one depends on what is counted. eksnet counts machines (nodes, EC2
//! instances) with 대 and everything else (pods, ENIs, addresses, subnets, node
//! groups, files...) with 개; it counts no people, so 명 is never right.
//!
//! The rule is data here ([`MACHINES`], [`counter`]), and [`mistakes`] finds the
//! counters in a Korean text that break it, so that tests can hold every
//! sentence of the core, the CLI and the web app to it.
//!
//! ```
//! use eksnet::text::counters::{counter, mistakes};
//! assert_eq!(counter("노드"), '대');
//! assert_eq!(counter("노드 그룹"), '개');
//! assert!(mistakes("서브넷 2개에 노드 4대, Pod 8개").is_empty());
//! assert_eq!(mistakes("노드 {n}개")[0].want, '대');
//! ```

/// Nouns that name a machine, counted with 대 (a noun ending with one of them
/// too: `EC2 노드`, `Fargate 노드`).
pub const MACHINES: &[&str] = &["노드", "인스턴스", "머신"];

/// Particles that may follow the counted noun before its number (`노드가 3대`).
const PARTICLES: &[&str] = &["가", "이", "는", "은", "도"];

/// Words between a noun and its number that are not the noun (`노드 최대 3대`).
const SKIP: &[&str] = &["최대", "최소", "총", "약", "모두", "각각", "전체", "더"];

/// Native Korean numbers written as words before a counter (`두 개`).
const NATIVE: &[&str] = &["한", "두", "세", "네", "다섯", "여섯", "몇", "여러"];

/// The counter for `noun`: 대 for a machine ([`MACHINES`]), 개 for anything else.
pub fn counter(noun: &str) -> char {
    let noun = noun.trim();
    if MACHINES.iter().any(|m| noun.ends_with(m)) {
        '대'
    } else {
        '개'
    }
}

/// A counter against the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// Byte offset of the counter in the text.
    pub at: usize,
    /// The counter found (개, 대 or 명).
    pub found: char,
    /// The counter the rule wants.
    pub want: char,
    /// The text around it.
    pub context: String,
}

/// Whether `c` ends a word (so that it is no part of the noun).
fn separator(c: char) -> bool {
    c.is_whitespace() || "(),.:;·/[]\"'`".contains(c)
}

/// The byte offset where the number ending at `end` starts: digits (with `,`),
/// a `{placeholder}`, either after an optional `+`; or a native number word
/// and a space (`두 `). `None` when no number ends there.
fn number_start(s: &str, end: usize) -> Option<usize> {
    let head = &s[..end];
    let start = if head.ends_with('}') {
        head.rfind('{')?
    } else if head.ends_with(|c: char| c.is_ascii_digit()) {
        head.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',')
            .len()
    } else if let Some(h) = head.strip_suffix(' ') {
        let word = NATIVE.iter().find(|w| {
            h.strip_suffix(**w)
                .is_some_and(|r| r.is_empty() || r.ends_with(separator))
        })?;
        h.len() - word.len()
    } else {
        return None;
    };
    Some(head[..start].strip_suffix('+').map_or(start, str::len))
}

/// The word ending at `end` (spaces before `end` skipped) and where it starts.
fn word_before(s: &str, end: usize) -> Option<(usize, &str)> {
    let head = s[..end].trim_end();
    let start = head.rfind(separator).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    let w = &head[start..];
    (!w.is_empty()).then_some((start, w))
}

/// What the number at `num` counts, read from the words before it: the counter
/// that noun takes, or the one of the number before `중`/`외` (`노드 3대 중
/// 1대`). `None` when it cannot be told.
fn wanted_before(s: &str, num: usize) -> Option<char> {
    let mut end = num;
    for _ in 0..3 {
        let (start, w) = word_before(s, end)?;
        if w == "중" || w == "외" {
            let prev = s[..start].trim_end();
            let c = prev.chars().last()?;
            let at = prev.len() - c.len_utf8();
            return (matches!(c, '개' | '대') && number_start(s, at).is_some()).then_some(c);
        }
        if SKIP.contains(&w) {
            end = start;
            continue;
        }
        let noun = PARTICLES
            .iter()
            .find_map(|p| w.strip_suffix(p).filter(|n| counter(n) == '대'))
            .unwrap_or(w);
        return Some(counter(noun));
    }
    None
}

/// Whether a machine noun follows the counter at `after` (`3개 노드`, `3개의 노드`).
fn machine_after(s: &str, after: usize) -> bool {
    let rest = s[after..].strip_prefix('의').unwrap_or(&s[after..]);
    let rest = rest.trim_start();
    MACHINES.iter().any(|m| rest.starts_with(m))
}

/// The counters in Korean text `ko` that break the rule: a machine counted with
/// 개, anything else with 대, anything with 명. Only a counter right after a
/// number (`3개`, `{n}대`, `+{more}개`, `두 개`) is one: `대상`, `최대` are words.
pub fn mistakes(ko: &str) -> Vec<Mistake> {
    let mut out = Vec::new();
    for (at, found) in ko.char_indices() {
        if !matches!(found, '개' | '대' | '명') {
            continue;
        }
        let Some(num) = number_start(ko, at) else {
            continue;
        };
        let after = at + found.len_utf8();
        let want = if machine_after(ko, after) {
            Some('대')
        } else {
            wanted_before(ko, num)
        };
        let want = match (found, want) {
            ('명', w) => w.unwrap_or('개'),
            (_, Some(w)) if w != found => w,
            _ => continue,
        };
        let from = ko[..num].char_indices().rev().nth(12).map_or(0, |c| c.0);
        let to = ko[after..]
            .char_indices()
            .nth(6)
            .map_or(ko.len(), |c| after + c.0);
        out.push(Mistake {
            at,
            found,
            want,
            context: ko[from..to].to_string(),
        });
    }
    out
}

#[cfg(test)]
#[path = "counters_tests.rs"]
mod tests;
