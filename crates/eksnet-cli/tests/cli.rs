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
    assert!(out.contains("3 × (10 − 1) + 2 = 29"));
    assert!(out.contains("003_57faaa0ff31bfc0c.txt"));
    assert!(out.ends_with("max pods: 29\n"));
    let (code, out, err) = eksnet(&["max-pods", "m5.larg"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("did you mean m5.large"), "{err}");
    let (code, _, err) = eksnet(&["max-pods", "t2.micro", "--prefix-delegation"]);
    assert_eq!(code, 1);
    assert!(err.contains("Xen"), "{err}");
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
}
