//! `eksnet import` and `eksnet collect` as a user runs them.

mod support;

use support::{eksnet, stdout};

fn fixture(name: &str) -> String {
    format!(
        "{}/../eksnet/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn import_a_folder_then_check_and_trace_it() {
    let o = eksnet(&["import", &fixture("public-nat")], None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let scenario = stdout(&o);
    let report = String::from_utf8_lossy(&o.stderr);
    assert!(report.contains("notes.txt: not recognised"), "{report}");
    assert!(report.contains("aws ec2 describe-subnets"), "{report}");
    let c = eksnet(&["check", "-"], Some(&scenario));
    assert_eq!(c.status.code(), Some(0), "{}", stdout(&c));
    let t = eksnet(
        &["trace", "-", "--flow", "kubelet:ip-10-0-20-11", "--json"],
        Some(&scenario),
    );
    assert_eq!(t.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&t.stdout).expect("json");
    assert_eq!(v["verdict"]["kind"], "reachable", "{v}");
    // The observed pod IPs are drawn as they are.
    let r = eksnet(&["render", "-", "--scene", "pod-network"], Some(&scenario));
    assert_eq!(r.status.code(), Some(0));
    assert!(stdout(&r).contains("10.0.21.5"), "pod IP not drawn");
    let i = eksnet(&["ipam", "-"], Some(&scenario));
    let ipam = stdout(&i);
    assert!(
        ipam.lines()
            .any(|l| l.contains("10.0.21.5") && l.contains("default/web-5dc4865748-6pr9g")),
        "{ipam}"
    );
}

#[test]
fn anonymised_import_keeps_the_verdict() {
    let o = eksnet(&["import", &fixture("public-nat"), "--anonymise"], None);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(!s.contains("vpc-0a1b2c3d4e5f60001") && !s.contains("198.51.100.7"));
    let t = eksnet(&["trace", "-", "--flow", "kubelet:ip-10-0-20-11"], Some(&s));
    assert_eq!(t.status.code(), Some(0), "{}", stdout(&t));
}

#[test]
fn private_cluster_kubectl_from_the_internet_is_blocked() {
    let o = eksnet(&["import", &fixture("private-endpoints")], None);
    assert_eq!(o.status.code(), Some(0));
    let t = eksnet(
        &["trace", "-", "--flow", "kubectl:laptop"],
        Some(&stdout(&o)),
    );
    assert_eq!(t.status.code(), Some(1), "{}", stdout(&t));
}

#[test]
fn eksctl_yaml_is_read_by_the_cli() {
    let o = eksnet(
        &[
            "import",
            &format!("{}/cluster.yaml", fixture("eksctl")),
            "--json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["scenario"]["vpc"]["cidrBlocks"][0], "192.168.0.0/16");
    assert_eq!(v["report"]["files"][0]["kind"], "eksctl-config");
}

#[test]
fn a_malformed_file_exits_2_naming_file_and_pointer() {
    let dir = std::env::temp_dir().join(format!("eksnet-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("subnets.json");
    std::fs::write(
        &f,
        r#"{"Subnets": [{"SubnetId": "subnet-1", "MapPublicIpOnLaunch": "yes"}]}"#,
    )
    .unwrap();
    let o = eksnet(&["import", dir.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("subnets.json#/Subnets/0/MapPublicIpOnLaunch"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn collect_prints_read_only_commands() {
    let o = eksnet(&["collect", "demo", "--region", "us-west-2"], None);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    for cmd in [
        "aws eks describe-cluster",
        "aws ec2 describe-route-tables",
        "kubectl get pods -A -o json",
        "get daemonset aws-node",
    ] {
        assert!(s.contains(cmd), "{cmd}");
    }
    // Every aws call is a read (describe or list).
    for line in s.lines().filter(|l| l.contains("aws ")) {
        let verb = line
            .split("aws ")
            .nth(1)
            .and_then(|x| x.split_whitespace().nth(1))
            .unwrap_or("");
        assert!(
            verb.starts_with("describe-") || verb.starts_with("list-"),
            "{line}"
        );
    }
    assert_eq!(
        eksnet(&["collect", "demo; rm -rf /"], None).status.code(),
        Some(2)
    );
}
