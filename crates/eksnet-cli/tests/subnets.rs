//! `eksnet subnets`, run as a user runs it.

use std::io::Write;
use std::process::{Command, Stdio};

fn eksnet(args: &[&str]) -> (i32, String, String) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO_BIN_EXE_eksnet"))
        .args(args)
        .current_dir(root)
        .output()
        .expect("run eksnet");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const FRAGMENTED: &str = "docs/examples/fragmented-subnet.json";

#[test]
fn the_default_scenario_subnets_and_their_forecast() {
    let (code, out, _) = eksnet(&["subnets"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(
        "subnet-a 192.168.32.0/19 ap-northeast-2a: 8192 addresses, 8145 free, 504 free aligned /28 blocks"
    ), "{out}");
    assert!(out.contains("1 load balancers"), "{out}");
    assert!(out.contains("forecast, node group ng-1: 814 more nodes (10 addresses each at start), then the subnet runs out of free addresses"), "{out}");
    assert!(out.contains("forecast, pods: 52 more on 2 nodes (34 on warm addresses now), then the nodes reach their max pods"), "{out}");
    let (_, ko, _) = eksnet(&["subnets", "--lang", "ko"]);
    assert!(ko.contains("정렬된 빈 /28 블록 504개"), "{ko}");
    assert!(ko.contains("노드 814대 더"), "{ko}");
}

#[test]
fn a_fragmented_subnet_shows_its_blocks_and_holders() {
    let (code, out, _) = eksnet(&["subnets", FRAGMENTED, "--subnet", "subnet-nodes"]);
    // Pods wait for an address of the subnet shown: exit 1.
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("64 addresses, 42 free, 0 free aligned /28 blocks"),
        "{out}"
    );
    assert!(out.contains("16 CIDR reservation (explicit)"), "{out}");
    assert!(out.contains("InsufficientCidrBlocks"), "{out}");
    assert!(
        out.contains(
            "10.0.0.16/28        partly used (fragmented)      CIDR reservation (explicit); 8 free"
        ),
        "{out}"
    );
    assert!(
        out.contains("10.0.0.24        CIDR reservation (explicit)   scr-0a1"),
        "{out}"
    );
    assert!(
        out.contains("10.0.0.4         node IPs (eth0 primary)       ip-10-0-0-4"),
        "{out}"
    );
    assert!(!out.contains("subnet-cp-a"), "{out}");
}

#[test]
fn json_stdin_and_unknown_subnets() {
    let (code, out, _) = eksnet(&["subnets", FRAGMENTED, "--subnet", "subnet-nodes", "--json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let s = &v["subnets"][0];
    assert_eq!(s["map"]["id"], "subnet-nodes");
    assert_eq!(s["map"]["free"], 42);
    assert_eq!(s["map"]["freeBlocks28"], 0);
    assert_eq!(s["map"]["blocks"][1]["kind"], "partial");
    assert_eq!(s["forecast"]["pods"]["stop"], "no-free-block");
    assert_eq!(v["addresses"][4]["owner"], "node-primary");

    let text = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(FRAGMENTED),
    )
    .expect("example");
    let mut child = Command::new(env!("CARGO_BIN_EXE_eksnet"))
        .args(["subnets", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("subnet-cp-b 10.0.1.32/27"));

    let (code, out, err) = eksnet(&["subnets", "--subnet", "subnet-b"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("did you mean subnet-a"), "{err}");
}
