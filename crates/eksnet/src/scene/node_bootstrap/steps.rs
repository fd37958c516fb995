//! What the four steps of a node's bootstrap say: their headings, their labels
//! (by whether the node registers) and the third step's outcome.

use super::*;

/// A row's four steps: label, second line, and class (`ok`, `fail`, `unknown`).
pub(super) fn steps(out: &Outcome) -> [(Text, Text, &'static str); 4] {
    let (c3, c4) = match out {
        Outcome::Unknown => ("unknown", "unknown"),
        Outcome::Registered(_) => ("ok", "ok"),
        Outcome::Blocked(..) => ("fail", "fail"),
    };
    let blocked = matches!(out, Outcome::Blocked(..));
    let [l1, l2, l3, l4] = step_labels(!blocked);
    [
        (l1, text!("boots the EKS AMI", "EKS AMI로 부팅"), "ok"),
        (
            l2,
            text!("the node agent starts", "노드 에이전트 시작"),
            "ok",
        ),
        (l3, step3_detail(out), c3),
        (l4, if blocked { never() } else { takes() }, c4),
    ]
}

/// The four steps of source 000, as column heads.
pub(super) fn heads() -> [Text; 4] {
    [
        text!("1 · EC2 instance starts", "1 · EC2 인스턴스 시작"),
        text!("2 · kubelet runs", "2 · kubelet 실행"),
        text!("3 · registers the node", "3 · 노드 등록"),
        text!("4 · status and heartbeats", "4 · 상태와 하트비트"),
    ]
}

/// The steps' labels in a row.
pub(super) fn step_labels(registers: bool) -> [Text; 4] {
    [
        text!("EC2 instance starts", "EC2 인스턴스 시작"),
        text!("kubelet runs", "kubelet 실행"),
        if registers {
            text!("registers the node", "노드 등록")
        } else {
            text!("cannot register", "등록 실패")
        },
        text!("status, heartbeats", "상태, 하트비트"),
    ]
}

pub(super) fn never() -> Text {
    text!(
        "never: cannot run or stop pods",
        "없음: Pod를 실행·중지할 수 없다"
    )
}

pub(super) fn takes() -> Text {
    text!("takes pod commands", "Pod 명령을 받는다")
}

/// Step 3's second line.
pub(super) fn step3_detail(out: &Outcome) -> Text {
    match out {
        Outcome::Unknown => text!("through the cluster endpoint", "클러스터 엔드포인트로"),
        Outcome::Registered(way) => way.clone(),
        Outcome::Blocked(at, _) => {
            let (en, ko) = (&at.en, &at.ko);
            text!("blocked at {en}", "{ko}에서 막힘")
        }
    }
}
