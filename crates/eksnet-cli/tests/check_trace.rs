//! `eksnet check` and `eksnet trace` as a user runs them: exit codes, text, JSON.

mod support;

use support::{eksnet, stdout};

const PRIVATE_ONLY: &str = r#"{
  "version": 1,
  "cluster": {"resourcesVpcConfig": {
    "subnetIds": ["subnet-a", "subnet-c"], "clusterSecurityGroupId": "sg-cluster",
    "endpointPublicAccess": false, "endpointPrivateAccess": true}},
  "vpc": {"cidrBlocks": ["192.168.0.0/16"], "subnets": [
    {"subnetId": "subnet-a", "availabilityZone": "ap-northeast-2a", "cidrBlock": "192.168.32.0/19"},
    {"subnetId": "subnet-c", "availabilityZone": "ap-northeast-2c", "cidrBlock": "192.168.64.0/19"}]},
  "securityGroups": [{"groupId": "sg-cluster",
    "ingress": [{"ipProtocol": "-1", "sourceSecurityGroupId": "sg-cluster"}]}],
  "clients": [{"name": "laptop", "location": {"internet": {"sourceIp": "203.0.113.10"}}}],
  "nodeGroups": [{"nodegroupName": "ng", "desiredSize": 2, "subnets": ["subnet-a", "subnet-c"]}]
}"#;

#[test]
fn check_the_default_scenario() {
    let o = eksnet(&["check"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("info[public-access-open]"), "{out}");
    assert!(out.contains("0 errors"), "{out}");
}

#[test]
fn check_finds_errors_and_speaks_json() {
    let o = eksnet(&["check", "-", "--json"], Some(PRIVATE_ONLY));
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["errors"], 3);
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "node-cannot-pull-images");
    assert_eq!(d["path"], "/vpc/subnets/0/defaultRoute");
    assert!(d["message"]["ko"]
        .as_str()
        .unwrap_or_default()
        .contains("ECR"));
    assert_eq!(
        d["cite"]["section"],
        "Deploy private clusters with limited internet access"
    );
}

#[test]
fn trace_lists_the_flows_of_the_scenario() {
    let o = eksnet(&["trace", "--list"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    // The value `--flow` takes, then the flow in words.
    let first = out.lines().nth(1).unwrap_or_default();
    assert!(out.starts_with("kubectl → API server\n"), "{out}");
    assert!(first.starts_with("  kubectl:laptop "), "{out}");
    assert!(first.ends_with("  kubectl on laptop → API server"), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("  svc:default/my-nginx ")
            && l.ends_with("  Internet client → Service my-nginx")),
        "{out}"
    );
    let o = eksnet(&["trace", "--list", "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v[0]["title"]["en"], "kubectl → API server");
    assert_eq!(v[0]["flows"][0], "kubectl:laptop");
    assert_eq!(v[0]["labels"][0]["ko"], "laptop의 kubectl → API 서버");
    assert_eq!(eksnet(&["trace"], None).status.code(), Some(2));
}

#[test]
fn trace_text_numbers_the_hops() {
    let o = eksnet(&["trace", "--flow", "kubelet:ip-192-168-46-6"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("  1. kubelet on ip-192-168-46-6"), "{out}");
    assert!(
        out.contains("  4. internet gateway igw-1  (igw)  [outside the VPC]"),
        "{out}"
    );
    assert!(out.contains("52.79.236.233 -> "), "{out}");
    assert!(out.ends_with("verdict: reachable\n"), "{out}");
    let ko = stdout(&eksnet(
        &["trace", "--flow", "kubelet:ip-192-168-46-6", "--lang", "ko"],
        None,
    ));
    assert!(ko.contains("결과: 도달함"), "{ko}");
}

#[test]
fn trace_blocked_exits_1_with_code_and_fix() {
    let o = eksnet(
        &["trace", "-", "--flow", "kubectl:laptop"],
        Some(PRIVATE_ONLY),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("verdict: blocked at internet [no-public-endpoint]"),
        "{out}"
    );
    assert!(out.contains("fix: run kubectl from the VPC"), "{out}");

    let o = eksnet(
        &["trace", "-", "--flow", "kubectl:laptop", "--json"],
        Some(PRIVATE_ONLY),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["verdict"]["kind"], "blocked");
    assert_eq!(v["verdict"]["code"], "no-public-endpoint");
    let hops: Vec<&str> = v["hops"]
        .as_array()
        .expect("hops")
        .iter()
        .map(|h| h["at"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(hops, ["client:laptop", "dns:public", "internet"]);
    assert_eq!(v["hops"][1]["dns"]["addresses"][0], "192.168.32.4");
}

#[test]
fn unusable_input_exits_2() {
    assert_eq!(
        eksnet(&["trace", "--flow", "teleport:x"], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        eksnet(&["check", "-"], Some("{ not json")).status.code(),
        Some(2)
    );
    let o = eksnet(&["check", "-"], Some(r#"{"version": 1, "vpcc": {}}"#));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("vpc"));
    assert_eq!(
        eksnet(&["check", "/nonexistent.json"], None).status.code(),
        Some(2)
    );
    assert_eq!(
        eksnet(&["check", "--lang", "fr"], None).status.code(),
        Some(2)
    );
    // Unknown names are a "no", not unusable input.
    assert_eq!(
        eksnet(&["trace", "--flow", "kubelet:nobody"], None)
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn help_documents_the_flow_grammar() {
    let out = stdout(&eksnet(&["trace", "--help"], None));
    assert!(out.contains("kubectl:<client>"), "{out}");
    assert!(out.contains("webhook:<node>[:<port>]"), "{out}");
}
