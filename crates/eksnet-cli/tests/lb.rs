//! `eksnet lb` and the data-plane flows of `eksnet trace`, as a user runs them.

mod support;

use support::{eksnet, stdout};

#[test]
fn lb_lists_the_default_clb_and_kubectls_view() {
    let o = eksnet(&["lb"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with("CLB ad39ba2b8a05d44d2b88e3e11c9706b7"),
        "{out}"
    );
    assert!(out.contains("health check TCP:30686"), "{out}");
    assert_eq!(out.matches("  healthy").count(), 4, "{out}");
    assert!(out.contains(
        "my-nginx   LoadBalancer   10.100.51.23   ad39ba2b8a05d44d2b88e3e11c9706b7-1845382141.ap-northeast-2.elb.amazonaws.com   80:30686/TCP   11m"
    ));
    let ko = stdout(&eksnet(&["lb", "--lang", "ko"], None));
    assert!(ko.contains("헬스 체크"), "{ko}");
}

#[test]
fn lb_json_and_a_load_balancer_that_cannot_be_made() {
    let o = eksnet(&["lb", "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["loadBalancers"][0]["kind"], "Clb");
    assert_eq!(
        v["loadBalancers"][0]["targetGroups"][0]["targets"][0]["health"]["state"],
        "healthy"
    );
    assert_eq!(v["kubectl"][0]["command"], "kubectl get svc");
    // Private subnets only: an internet-facing load balancer has nowhere to go.
    let doc = r#"{"version": 1,
      "vpc": {"cidrBlocks": ["10.0.0.0/16"], "subnets": [
        {"subnetId": "a", "availabilityZone": "az-a", "cidrBlock": "10.0.0.0/20"}]},
      "services": [{"name": "web", "type": "LoadBalancer", "ports": [{"port": 80}]}]}"#;
    let o = eksnet(&["lb", "-"], Some(doc));
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("problem[no-public-subnet]"), "{out}");
    assert!(out.contains("<pending>"), "{out}");
}

#[test]
fn trace_learns_the_data_plane_flows() {
    for flow in [
        "svc:my-nginx",
        "svc:default/my-nginx@laptop",
        "pod:my-nginx-5dc4865748-g2xzk->pod:my-nginx-5dc4865748-6pr9g",
        "pod:my-nginx-5dc4865748-g2xzk->svc:my-nginx",
    ] {
        let o = eksnet(&["trace", "--flow", flow], None);
        assert_eq!(o.status.code(), Some(0), "{flow}: {}", stdout(&o));
        assert!(stdout(&o).contains("verdict: reachable"));
    }
    let o = eksnet(&["trace", "--flow", "ing:nope"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("[unknown-ingress]"));
    let help = stdout(&eksnet(&["trace", "--help"], None));
    assert!(help.contains("pod:<ns>/<a>->svc:<ns>/<s>"));
}
