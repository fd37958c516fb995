use super::*;

fn v(t: &str, o: MaxPodsOptions) -> u32 {
    max_pods(t, &o).unwrap().value
}
const SEC: MaxPodsOptions = MaxPodsOptions {
    prefix_delegation: false,
    custom_networking: false,
    max_eni: None,
    uncapped: false,
    ipv6: false,
};
const PD: MaxPodsOptions = MaxPodsOptions {
    prefix_delegation: true,
    ..SEC
};
const UNCAPPED: MaxPodsOptions = MaxPodsOptions {
    uncapped: true,
    ..SEC
};

#[test]
fn secondary_ip_mode() {
    assert_eq!(v("t3.micro", SEC), 4);
    assert_eq!(v("t3.small", SEC), 11);
    assert_eq!(v("t3.medium", SEC), 17);
    assert_eq!(v("m5.large", SEC), 29);
    assert_eq!(v("m5.xlarge", SEC), 58);
    assert_eq!(v("t2.micro", SEC), 4);
    // 15 × 49 + 2 = 737, capped at 250 (72 vCPUs).
    assert_eq!(v("c5.18xlarge", SEC), 250);
    assert_eq!(v("c5.18xlarge", UNCAPPED), 737);
    assert_eq!(v("m5.metal", UNCAPPED), 737);
    assert_eq!(v("m5.metal", SEC), 250);
    // 8 × 29 + 2 = 234 with 16 vCPUs: the low cap.
    assert_eq!(v("m5.4xlarge", UNCAPPED), 234);
    assert_eq!(v("m5.4xlarge", SEC), 110);
}

#[test]
fn prefix_delegation() {
    // 2 × (1 × 16) + 2.
    assert_eq!(v("t3.micro", PD), 34);
    // 3 × (9 × 16) + 2 = 434 → 110.
    assert_eq!(v("m5.large", PD), 110);
    let un = max_pods(
        "m5.large",
        &MaxPodsOptions {
            uncapped: true,
            ..PD
        },
    )
    .unwrap();
    assert_eq!(un.value, 434);
    assert_eq!(un.formula, "3 × ((10 − 1) × 16) + 2 = 434");
    assert_eq!(v("m5.metal", PD), 250);
    assert_eq!(v("c5.18xlarge", PD), 250);
    let e = max_pods("t2.micro", &PD).unwrap_err();
    match e {
        MaxPodsError::PrefixesUnsupported {
            fallback,
            hypervisor,
            ..
        } => {
            assert_eq!(fallback, 4);
            assert_eq!(hypervisor, Hypervisor::Xen);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn custom_networking_and_max_eni() {
    let cn = MaxPodsOptions {
        custom_networking: true,
        ..SEC
    };
    assert_eq!(v("m5.large", cn), 20);
    assert_eq!(v("m5.xlarge", cn), 44);
    assert_eq!(v("t3.micro", cn), 3);
    let two = MaxPodsOptions {
        max_eni: Some(2),
        ..SEC
    };
    assert_eq!(v("m5.xlarge", two), 30);
    // An override above the limit changes nothing; both together stack.
    assert_eq!(
        v(
            "m5.large",
            MaxPodsOptions {
                max_eni: Some(9),
                ..SEC
            }
        ),
        29
    );
    assert_eq!(
        v(
            "m5.large",
            MaxPodsOptions {
                max_eni: Some(1),
                custom_networking: true,
                ..SEC
            }
        ),
        2
    );
}

#[test]
fn ipv6() {
    let o = MaxPodsOptions { ipv6: true, ..SEC };
    let mp = max_pods("m5.large", &o).unwrap();
    assert_eq!((mp.mode, mp.value), (AddressMode::Ipv6, 110));
    assert!(mp.steps.iter().any(|s| s.text.en.contains("/80")));
    assert!(matches!(
        max_pods("t2.micro", &o),
        Err(MaxPodsError::PrefixesUnsupported { ipv6: true, .. })
    ));
    assert_eq!(
        max_pods(
            "m5.large",
            &MaxPodsOptions {
                custom_networking: true,
                ..o
            }
        ),
        Err(MaxPodsError::Ipv6CustomNetworking)
    );
}

#[test]
fn breakdown_explains_each_term() {
    let mp = max_pods("m5.large", &SEC).unwrap();
    let en: Vec<&str> = mp.steps.iter().map(|s| s.text.en.as_str()).collect();
    assert_eq!(
        en,
        [
            "m5.large: up to 3 ENIs, 10 IPv4 addresses per ENI.",
            "−1: each ENI's primary IP belongs to the ENI itself and is never given to a pod; pods get the other 9 (secondary) addresses of each ENI.",
            "+2: aws-node (the VPC CNI) and kube-proxy run on every node with host networking, on the node's own IP: they count as pods but need no ENI address.",
            "3 × (10 − 1) + 2 = 29",
            "Kubelet cap: 2 vCPUs, derived from the size name `large` (the CNI's table has no vCPU counts); at most 30 vCPUs, so the cap is 110: min(29, 110) = 29.",
        ]
    );
    assert_eq!(mp.steps[1].cite.source, Source::S003);
    assert!(mp.steps.iter().all(|s| !s.text.ko.is_empty()));
    assert!(mp.steps[4].text.ko.contains("유추"));
}

#[test]
fn unknown_type_suggests() {
    match max_pods("m5.larg", &SEC) {
        Err(MaxPodsError::UnknownType(u)) => assert_eq!(u.suggestions[0], "m5.large"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn all_types_uncapped_match_the_table_formula() {
    let every = all(&UNCAPPED);
    assert_eq!(every.len(), 1391);
    assert!(every
        .iter()
        .all(|m| m.value == m.enis * (m.ipv4_per_eni - 1) + 2));
    // Prefix delegation leaves out the Xen (and unknown non-metal) types.
    let pd = all(&PD);
    assert!(pd.len() < every.len() && pd.len() > 1200);
}
