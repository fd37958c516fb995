//! Worked numbers of the truth table, each from AWS's or the CNI's documentation.

use super::*;

const SEC: Question = Question {
    prefix_delegation: false,
    custom_networking: false,
    security_groups_for_pods: false,
    ipv6: false,
};
const PD: Question = Question {
    prefix_delegation: true,
    ..SEC
};
const CN: Question = Question {
    custom_networking: true,
    ..SEC
};
const SGP: Question = Question {
    security_groups_for_pods: true,
    ..SEC
};
const V6: Question = Question { ipv6: true, ..SEC };

fn t(name: &str, q: Question) -> TruthTable {
    truth_table(name, &q).unwrap()
}

fn launcher(t: &TruthTable, l: Launcher) -> &LauncherRow {
    t.launchers.iter().find(|r| r.launcher == l).unwrap()
}

fn state(t: &TruthTable, k: RuleKind) -> RuleState {
    t.rules.iter().find(|r| r.kind == k).unwrap().state
}

/// EKS User Guide, "Amazon EKS recommended maximum Pods for each Amazon EC2 instance
/// type": `max-pods-calculator.sh --instance-type m5.large` prints 29; with
/// `--cni-custom-networking-enabled`, 20; with `--cni-prefix-delegation-enabled`, 110.
#[test]
fn m5_large_as_the_eks_user_guide_computes_it() {
    let sec = t("m5.large", SEC);
    assert_eq!(sec.recommended.value, 29);
    assert!(sec.launchers.iter().all(|r| r.value == 29));
    assert!(!sec.disagree);
    assert_eq!(sec.addresses.capacity(), Some(29));

    let cn = t("m5.large", CN);
    assert_eq!(cn.recommended.value, 20);
    assert_eq!(cn.addresses.formula, "2 × (10 − 1) + 2 = 20");
    assert_eq!(launcher(&cn, Launcher::ManagedNodeGroup).value, 20);
    // bootstrap.sh, nodeadm and Karpenter keep eth0 in the count: 9 pods without an IP.
    for l in [
        Launcher::Al2Bootstrap,
        Launcher::Al2023Nodeadm,
        Launcher::Karpenter,
    ] {
        let r = launcher(&cn, l);
        assert_eq!(
            (r.value, r.verdict, r.runnable),
            (29, Verdict::AboveAddresses, 20)
        );
        assert!(r.fix.is_some());
    }
    assert!(launcher(&cn, Launcher::Karpenter)
        .fix
        .as_ref()
        .unwrap()
        .en
        .contains("RESERVED_ENIS=1"));
    assert!(cn.disagree);

    let pd = t("m5.large", PD);
    assert_eq!(pd.recommended.value, 110);
    assert_eq!(pd.recommended.uncapped, 434);
    assert_eq!(pd.addresses.ip_pods, Some(434));
    assert_eq!(
        pd.sentence.en,
        "Addresses: 3 × ((10 − 1) × 16) + 2 = 434; cap for 2 vCPUs (≤ 30): 110; max pods = min(434, 110) = 110."
    );
    assert_eq!(state(&pd, RuleKind::PrefixDelegation), RuleState::Applies);
}

/// The question: "why does my node say 58 while the calculator says 110".
/// m5.xlarge is `m5.xlarge 58` in eni-max-pods.txt; with prefix delegation the
/// calculator (and a managed node group) says 110.
#[test]
fn m5_xlarge_says_58_where_the_calculator_says_110() {
    let pd = t("m5.xlarge", PD);
    assert_eq!(launcher(&pd, Launcher::Calculator).value, 110);
    assert_eq!(launcher(&pd, Launcher::ManagedNodeGroup).value, 110);
    let al2 = launcher(&pd, Launcher::Al2Bootstrap);
    assert_eq!((al2.value, al2.verdict), (58, Verdict::BelowRecommended));
    assert!(al2.fix.as_ref().unwrap().en.contains("--max-pods=110"));
    let nodeadm = launcher(&pd, Launcher::Al2023Nodeadm);
    assert_eq!(nodeadm.value, 58);
    assert!(nodeadm.fix.as_ref().unwrap().en.contains(
        "default_enis * (ips_per_eni - 1) * 16 + 2 < 110 ? default_enis * (ips_per_eni - 1) * 16 + 2 : 110"
    ));
    assert!(pd.disagree);
}

/// eni-max-pods.txt: `t3.small 11`. The CNI's docs/prefix-and-ip-target.md: t3.small
/// has "a maximum of 3 ENIs and 4 IPv4 addresses per ENI", so "a maximum of 9
/// available prefixes", 144 addresses. The EKS user guide: no `t` type supports
/// security groups for pods.
#[test]
fn t3_small() {
    assert_eq!(t("t3.small", SEC).recommended.value, 11);
    let pd = t("t3.small", PD);
    assert_eq!(pd.addresses.ip_pods, Some(9 * 16 + 2));
    assert_eq!(pd.recommended.value, 110);
    let sgp = t("t3.small", SGP);
    assert_eq!(sgp.branch_enis, None);
    assert_eq!(
        state(&sgp, RuleKind::SecurityGroupsForPods),
        RuleState::NotSupported
    );
    // No trunk, so no ENI is taken.
    assert_eq!(sgp.addresses.ip_pods, Some(11));
}

/// eni-max-pods.txt: `c5.18xlarge 737`; 72 vCPUs, above 30, so the calculator caps
/// it at 250 (EKS user guide, same page).
#[test]
fn c5_18xlarge_is_capped_at_250() {
    let s = t("c5.18xlarge", SEC);
    assert_eq!((s.recommended.uncapped, s.recommended.value), (737, 250));
    let al2 = launcher(&s, Launcher::Al2Bootstrap);
    assert_eq!((al2.value, al2.verdict), (737, Verdict::AboveRecommended));
    assert_eq!(launcher(&s, Launcher::Karpenter).value, 737);
    assert!(s.sentence.en.contains("cap for 72 vCPUs (> 30): 250"));
    assert_eq!(s.branch_enis, Some(107));
}

/// EKS User Guide, "Assign security groups to individual Pods": the trunk network
/// interface counts against the type's ENIs, and "an m5.large instance supports nine
/// branch network interfaces".
#[test]
fn security_groups_for_pods_take_an_eni_and_add_branches() {
    let s = t("m5.large", SGP);
    assert_eq!(s.addresses.pool_enis, 2);
    assert_eq!(s.addresses.ip_pods, Some(20));
    assert_eq!(s.addresses.branch_pods, 9);
    assert_eq!(s.addresses.capacity(), Some(29));
    assert_eq!(
        state(&s, RuleKind::SecurityGroupsForPods),
        RuleState::Applies
    );
    // With custom networking too, eth0 and the trunk are both out: 1 ENI for pod IPs.
    let both = t(
        "m5.large",
        Question {
            custom_networking: true,
            ..SGP
        },
    );
    assert_eq!(both.addresses.ip_pods, Some(11));
    assert_eq!(both.recommended.value, 20);
    assert_eq!(
        launcher(&both, Launcher::Calculator).verdict,
        Verdict::Agrees
    );
    let al2 = launcher(&both, Launcher::Al2Bootstrap);
    assert_eq!((al2.verdict, al2.runnable), (Verdict::AboveAddresses, 20));
}

#[test]
fn ipv6_never_runs_out_of_addresses() {
    let s = t("m5.large", V6);
    assert_eq!(s.addresses.ip_pods, None);
    assert_eq!(s.recommended.value, 110);
    assert_eq!(
        launcher(&s, Launcher::Al2Bootstrap).verdict,
        Verdict::BelowRecommended
    );
    assert!(matches!(
        truth_table("t2.micro", &V6),
        Err(MaxPodsError::PrefixesUnsupported { ipv6: true, .. })
    ));
    assert_eq!(
        truth_table(
            "m5.large",
            &Question {
                custom_networking: true,
                ..V6
            }
        ),
        Err(MaxPodsError::Ipv6CustomNetworking)
    );
}

#[test]
fn prefixes_on_xen_fall_back() {
    let s = t("t2.micro", PD);
    assert_eq!(
        state(&s, RuleKind::PrefixDelegation),
        RuleState::NotSupported
    );
    assert_eq!(s.recommended.value, 4);
    assert_eq!(s.addresses.mode, AddressMode::SecondaryIp);
    assert!(!s.disagree);
}

/// Every type, every question: the table agrees with eni-max-pods.txt where that file
/// applies, and its numbers hang together.
#[test]
fn every_type_every_question_is_consistent() {
    const FIXTURE: &str = include_str!("../data/eni-max-pods.txt");
    let official: std::collections::HashMap<&str, u32> = FIXTURE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .filter_map(|(n, v)| Some((n, v.trim().parse().ok()?)))
        .collect();
    assert_eq!(official.len(), 1391);
    let mut n = 0;
    for l in limits::all() {
        for bits in 0..16u8 {
            let q = Question {
                prefix_delegation: bits & 1 != 0,
                custom_networking: bits & 2 != 0,
                security_groups_for_pods: bits & 4 != 0,
                ipv6: bits & 8 != 0,
            };
            let Ok(t) = truth_table_for(l, &q) else {
                assert!(q.ipv6 && (q.custom_networking || !l.supports_prefixes()));
                continue;
            };
            n += 1;
            let al2 = launcher(&t, Launcher::Al2Bootstrap).value;
            assert_eq!(Some(&al2), official.get(l.name), "{}", l.name);
            let cap = t.recommended.cap.unwrap();
            assert!(t.recommended.value <= cap);
            assert_eq!(t.rules.len(), 8);
            for r in &t.launchers {
                assert!(r.runnable <= r.value);
                if let Some(c) = t.addresses.capacity() {
                    assert!(r.runnable <= c);
                }
                assert_eq!(
                    r.verdict == Verdict::Agrees,
                    r.note.en.ends_with("as recommended")
                );
                assert!(!r.note.ko.is_empty() && !r.how.ko.is_empty());
            }
        }
    }
    assert!(n > 1391 * 11);
}
