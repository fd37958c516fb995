//! The CLI's commands, run as a user runs them.

use std::process::Command;

fn eksnet(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eksnet"))
        .args(args)
        .output()
        .expect("run eksnet");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn max_pods_prints_one_number() {
    assert_eq!(
        eksnet(&["max-pods", "m5.large"]),
        (0, "29\n".into(), String::new())
    );
    assert_eq!(
        eksnet(&["max-pods", "m5.large", "--prefix-delegation"]).1,
        "110\n"
    );
    assert_eq!(
        eksnet(&["max-pods", "m5.large", "--prefix-delegation", "--no-cap"]).1,
        "434\n"
    );
    assert_eq!(
        eksnet(&["max-pods", "m5.large", "--custom-networking"]).1,
        "20\n"
    );
    assert_eq!(
        eksnet(&["max-pods", "m5.xlarge", "--max-eni", "2"]).1,
        "30\n"
    );
}

#[test]
fn max_pods_explains_and_refuses() {
    let (code, out, _) = eksnet(&["max-pods", "m5.large", "--explain"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("m5.large, secondary IPs: EKS recommends max pods 29\n"));
    assert!(out.contains("Pods with an address: 3 × (10 − 1) + 2 = 29\n"));
    assert!(!out.contains('!'), "nothing disagrees for m5.large: {out}");
    let (code, out, err) = eksnet(&["max-pods", "m5.larg"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("did you mean m5.large"), "{err}");
    let (code, _, err) = eksnet(&["max-pods", "t2.micro", "--prefix-delegation"]);
    assert_eq!(code, 1);
    assert!(err.contains("Xen"), "{err}");
    let (code, _, err) = eksnet(&["max-pods", "t2.micro", "--ipv6", "--explain"]);
    assert_eq!(code, 1);
    assert!(err.contains("IPv6"), "{err}");
    let (code, _, _) = eksnet(&["max-pods", "m5.large", "--explain", "--no-cap"]);
    assert_eq!(code, 2);
}

/// The truth table: the EKS user guide's worked numbers (m5.large: 29, custom
/// networking 20, prefix delegation 110) and the launchers side by side, where
/// bootstrap.sh, nodeadm and Karpenter disagree.
#[test]
fn max_pods_truth_table_side_by_side() {
    let (code, out, _) = eksnet(&["max-pods", "m5.xlarge", "--prefix-delegation", "--explain"]);
    assert_eq!(code, 0);
    let side = out.lines().nth(1).unwrap();
    assert_eq!(
        side,
        "  max-pods-calculator.sh (EKS recommended) 110 | Managed node group (EKS AMI, no AMI ID) 110 | AL2 bootstrap.sh (--use-max-pods true) 58! | AL2023 nodeadm (no maxPodsExpression) 58! | Karpenter (RESERVED_ENIS=0) 58!"
    );
    assert!(out.contains("58 < 110 recommended"));
    assert!(out.contains("fix: --use-max-pods false --kubelet-extra-args '--max-pods=110'"));
    // Custom networking: eth0 takes no pods; launchers that ignore it overshoot.
    let (_, out, _) = eksnet(&["max-pods", "m5.large", "--custom-networking", "--explain"]);
    assert!(out.contains("EKS recommends max pods 20"));
    assert!(out.contains("! Karpenter (RESERVED_ENIS=0): 29 (20)"));
    assert!(out.contains("RESERVED_ENIS=1"));
    // Security groups for pods: the trunk takes an ENI, nine branch ENIs (EKS user guide).
    let (_, out, _) = eksnet(&[
        "max-pods",
        "m5.large",
        "--security-groups-for-pods",
        "--explain",
    ]);
    assert!(out.contains("Pods with an address: 2 × (10 − 1) + 2 = 20 + 9 pods on branch ENIs"));
    // Korean.
    let (_, out, _) = eksnet(&["max-pods", "c5.18xlarge", "--explain", "--lang", "ko"]);
    assert!(
        out.starts_with("c5.18xlarge, 보조 IP: EKS 권장 max pods 250\n"),
        "{out}"
    );
    assert!(out.contains("vCPU 72개(30개 초과)의 상한 250"));
    // JSON.
    let (code, out, _) = eksnet(&[
        "max-pods",
        "m5.large",
        "--prefix-delegation",
        "--explain",
        "--json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["recommended"]["value"], 110);
    assert_eq!(v["addresses"]["ipPods"], 434);
    assert_eq!(v["launchers"][2]["launcher"], "al2-bootstrap");
    assert_eq!(v["launchers"][2]["verdict"], "below-recommended");
    assert_eq!(v["rules"][3]["kind"], "prefix-delegation");
    assert_eq!(v["rules"][3]["state"], "applies");
    assert_eq!(v["disagree"], true);
}

#[test]
fn max_pods_all_lists_every_type_sorted() {
    let (code, out, _) = eksnet(&["max-pods", "--all", "--no-cap"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1391);
    assert!(lines.windows(2).all(|w| w[0] < w[1]));
    assert!(lines.contains(&"m5.large 29"));
    assert!(lines.contains(&"c5.18xlarge 737"));
}

#[test]
fn ipam_and_kubectl_on_the_default_scenario() {
    let (code, out, _) = eksnet(&["ipam", "--node", "ip-192-168-46-6"]);
    assert_eq!(code, 0);
    assert!(out.contains("192.168.36.89    default/my-nginx-5dc4865748-g2xzk"));
    assert!(out.contains("eth1 "));
    let (code, _, err) = eksnet(&["ipam", "--node", "ip-192-168-46-7"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean"), "{err}");
    let (code, out, _) = eksnet(&["kubectl", "get", "pods", "-o", "wide"]);
    assert_eq!(code, 0);
    assert!(out.contains(
        "my-nginx-5dc4865748-6pr9g   1/1     Running   0          7m51s   192.168.68.109   ip-192-168-90-3.ap-northeast-2.compute.internal     <none>           <none>"
    ));
    assert_eq!(eksnet(&["kubectl", "get", "svcs"]).0, 2);
    let (code, out, _) = eksnet(&["kubectl", "get", "svc"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("NAME       TYPE           CLUSTER-IP"),
        "{out}"
    );
}
