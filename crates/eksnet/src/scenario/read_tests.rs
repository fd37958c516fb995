//! The hand reader (`read.rs`, `read_types.rs`, `read_nodes.rs`) against the
//! serde derives it replaces (kept on the scenario's types for the tests only):
//! on the examples and a document using every type and variant, each mutated at
//! every path (wrong types, out-of-range numbers, enums' spellings, unknown and
//! removed members, struct variants as lists), and on random mutations
//! (proptest): the same scenario, or the same message at the same path.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::Scenario;

/// The outcome: the scenario, or the error's path and message.
type Outcome = Result<Scenario, (Vec<String>, String)>;

fn derived(v: &Value) -> Outcome {
    crate::json_value::from_value::<Scenario>(v).map_err(|e| (e.path, e.message))
}

fn by_hand(v: &Value) -> Outcome {
    super::from_value(v).map_err(|e| (e.path, e.message))
}

/// Both readings of `v`: whether they failed, or how they differ.
fn same(v: &Value) -> Result<bool, String> {
    let (a, b) = (derived(v), by_hand(v));
    if a == b {
        Ok(a.is_err())
    } else {
        Err(format!("{v}:\n derive {a:?}\n by hand {b:?}"))
    }
}

/// A document with every type, every data-carrying variant and every member.
fn everything() -> Value {
    json!({
        "version": 2,
        "cluster": {"name": "c", "version": "1.31", "region": "r",
            "resourcesVpcConfig": {"subnetIds": ["a"], "securityGroupIds": ["sg"],
                "clusterSecurityGroupId": "sg-c", "endpointPublicAccess": false,
                "endpointPrivateAccess": true, "publicAccessCidrs": ["1.2.3.4/32"],
                "controlPlaneEgressMode": "CUSTOMER_ROUTED"},
            "kubernetesNetworkConfig": {"ipFamily": "ipv6", "serviceIpv4Cidr": "10.100.0.0/16",
                "serviceIpv6Cidr": "fd00::/108"}},
        "vpc": {"vpcId": "vpc-9", "cidrBlocks": ["10.0.0.0/16"], "ipv6CidrBlock": "2600::/56",
            "enableDnsSupport": false, "enableDnsHostnames": false,
            "dnsResolver": {"custom": {"address": "10.0.0.53", "forwardsToVpcResolver": true}},
            "dhcpOptions": {"dhcpOptionsId": "dopt-1", "domainNameServers": ["10.0.0.2"],
                "domainName": "x.internal", "forwardsToVpcResolver": true},
            "subnets": [
                {"subnetId": "a", "availabilityZone": "az", "cidrBlock": "10.0.0.0/24",
                 "ipv6CidrBlock": "", "mapPublicIpOnLaunch": true,
                 "assignIpv6AddressOnCreation": true, "defaultRoute": {"gatewayId": "igw-1"}},
                {"subnetId": "b", "defaultRoute": {"natGatewayId": "nat-1"}},
                {"subnetId": "c", "defaultRoute": {"transitGatewayId": "tgw-1"}},
                {"subnetId": "d", "defaultRoute": null}],
            "internetGateway": {"internetGatewayId": "igw-1"},
            "natGateways": [{"natGatewayId": "nat-1", "subnetId": "a", "publicIp": "3.3.3.3"}],
            "vpcEndpoints": [{"vpcEndpointId": "vpce-1", "serviceName": "ecr.api",
                "vpcEndpointType": "Gateway", "privateDnsEnabled": true,
                "subnetIds": ["a"], "routeTableIds": ["rtb-1"]}],
            "routeTables": [{"routeTableId": "rtb-1",
                "associations": [{"main": true}, {"subnetId": "a"}],
                "routes": [{"destinationCidrBlock": "0.0.0.0/0", "gatewayId": "igw-1",
                    "state": "blackhole"},
                    {"destinationPrefixListId": "pl-1", "natGatewayId": "n",
                     "transitGatewayId": "t", "vpcPeeringConnectionId": "pcx-1"}]}],
            "networkAcls": [{"networkAclId": "acl-1", "isDefault": true,
                "associations": [{"subnetId": "a"}],
                "entries": [{"ruleNumber": 100, "protocol": "6", "ruleAction": "deny",
                    "egress": true, "cidrBlock": "0.0.0.0/0",
                    "portRange": {"from": 443, "to": 443}}]}],
            "subnetCidrReservations": [{"subnetCidrReservationId": "scr-1", "subnetId": "a",
                "cidr": "10.0.0.0/28", "reservationType": "explicit", "description": "d"}]},
        "securityGroups": [{"groupId": "sg", "groupName": "n",
            "ingress": [{"ipProtocol": "tcp", "fromPort": 443, "toPort": 443,
                "cidrIp": "0.0.0.0/0", "sourceSecurityGroupId": "sg-2", "description": "x"}],
            "egress": [{"ipProtocol": "-1"}]}],
        "connectedNetworks": [{"name": "office", "kind": "directConnect",
            "cidrBlocks": ["172.16.0.0/16"], "resolverInboundEndpoint": true, "routed": true,
            "publicIp": "5.5.5.5"}],
        "clients": [
            {"name": "laptop", "location": {"internet": {"sourceIp": "1.1.1.1"}},
             "securityGroupIds": ["sg"], "publicIp": "2.2.2.2"},
            {"name": "bastion", "location": {"subnet": {"subnetId": "a"}}},
            {"name": "desk", "location": {"connectedNetwork": {"network": "office",
                "sourceIp": "172.16.0.5"}}}],
        "nodeGroups": [{"nodegroupName": "ng", "kind": "selfManaged", "instanceType": "m5.large",
            "desiredSize": 2, "subnets": ["a"], "securityGroupIds": ["sg"],
            "associatePublicIpAddress": true,
            "nodes": [{"subnetId": "a", "privateIp": "10.0.0.10", "publicIp": "4.4.4.4",
                "enis": [{"networkInterfaceId": "eni-1", "subnetId": "a", "deviceIndex": 0,
                    "privateIpAddress": "10.0.0.10",
                    "secondaryPrivateIpAddresses": ["10.0.0.11"],
                    "ipv4Prefixes": ["10.0.0.16/28"]}]}]}],
        "cni": {"ENABLE_PREFIX_DELEGATION": true, "WARM_ENI_TARGET": 1, "WARM_IP_TARGET": 2,
            "MINIMUM_IP_TARGET": 3, "WARM_PREFIX_TARGET": 1,
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG": true,
            "eniConfigs": [{"name": "az", "subnet": "b", "securityGroups": ["sg"]}],
            "maxPodsOverride": 20},
        "workloads": [{"name": "w", "namespace": "ns", "replicas": 3, "labels": {"app": "w"},
            "hostNetwork": true, "nodeSelector": {"k": "v"}, "containerPort": 8080,
            "ready": false, "admissionWebhookPort": 9443}],
        "pods": [{"name": "p", "workload": "w", "namespace": "ns", "nodeName": "n",
            "podIP": "10.0.0.12"}],
        "services": [{"name": "s", "namespace": "ns", "annotations": {"a": "b"},
            "type": "LoadBalancer", "selector": {"app": "w"}, "clusterIP": "10.100.0.9",
            "ports": [{"name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080,
                "nodePort": 30080}],
            "externalTrafficPolicy": "Local", "healthCheckNodePort": 32000, "uid": "u",
            "loadBalancerHostname": "h", "age": "5d"}],
        "ingresses": [{"name": "i", "namespace": "ns", "annotations": {"a": "b"},
            "ingressClassName": "alb",
            "rules": [{"host": "h", "path": "/", "serviceName": "s", "servicePort": 80}],
            "loadBalancerHostname": "h", "age": "1d"}]
    })
}

/// The documents mutated: the one above, the default scenario and the examples.
fn corpus() -> Vec<Value> {
    let texts = [
        include_str!("../../../../docs/examples/private-only.json"),
        include_str!("../../../../docs/examples/fragmented-subnet.json"),
        include_str!("../../../../docs/examples/nat-acl.json"),
    ];
    let mut out = vec![
        everything(),
        serde_json::from_str(&Scenario::example().to_json()).unwrap(),
    ];
    out.extend(
        texts
            .iter()
            .map(|t| serde_json::from_str::<Value>(t).unwrap()),
    );
    out
}

/// What a value is replaced with: every JSON type, numbers at the integer
/// types' edges, the enums' spellings right and wrong, variants in every form.
fn replacements() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(false),
        json!(""),
        json!("x"),
        json!(0),
        json!(1),
        json!(-1),
        json!(65535),
        json!(65536),
        json!(4294967295u64),
        json!(4294967296u64),
        json!(-9223372036854775808i64),
        json!(18446744073709551615u64),
        json!(1.5),
        json!([]),
        json!(["x"]),
        json!([1]),
        json!({}),
        json!({"x": 1}),
        json!("ipv6"),
        json!("custom"),
        json!("AmazonProvidedDNS"),
        json!("gatewayId"),
        json!("internet"),
        json!("AWS_MANAGED"),
        json!("Gateway"),
        json!("LoadBalancer"),
        json!("blackhole"),
        json!({"ipv6": null}),
        json!({"ipv6": 1}),
        json!({"bogus": null}),
        json!({"AmazonProvidedDNS": null}),
        json!({"custom": {"address": "a"}}),
        json!({"custom": {}}),
        json!({"custom": ["a"]}),
        json!({"custom": ["a", true, 3]}),
        json!({"custom": []}),
        json!({"custom": "a"}),
        json!({"custom": null}),
        json!({"custom": {"address": "a", "forwardsToVpcResolver": true,
            "forwards_to_vpc_resolver": false}}),
        json!({"custom": {"address": "a", "zz": 1}}),
        json!({"gatewayId": 3}),
        json!({"natGatewayId": "n"}),
        json!({"internet": {"sourceIp": 1}}),
        json!({"subnet": {}}),
        json!({"connectedNetwork": ["n"]}),
        json!({"connectedNetwork": ["n", "s"]}),
        json!({"internet": null}),
        json!({"a": 1, "b": 2}),
    ]
}

/// Every path to a value in `v` (object members and list elements).
fn paths(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(at.clone());
    match v {
        Value::Object(map) => {
            for (k, item) in map {
                at.push(json!(k));
                paths(item, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                at.push(json!(n));
                paths(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'v>(v: &'v mut Value, path: &[Value]) -> Option<&'v mut Value> {
    path.iter().try_fold(v, |v, step| match (v, step) {
        (Value::Object(m), Value::String(k)) => m.get_mut(k),
        (Value::Array(a), Value::Number(n)) => a.get_mut(n.as_u64()? as usize),
        _ => None,
    })
}

/// Compares every mutation of every document; returns (comparisons, errors).
fn compare_all() -> (usize, usize) {
    let reps = replacements();
    let (mut n, mut errors) = (0, 0);
    let mut tally = |v: &Value| {
        n += 1;
        errors += usize::from(same(v).unwrap_or_else(|e| panic!("{e}")));
    };
    for doc in corpus() {
        tally(&doc);
        let mut all = Vec::new();
        paths(&doc, &mut Vec::new(), &mut all);
        for path in &all {
            for rep in &reps {
                let mut d = doc.clone();
                *get_mut(&mut d, path).unwrap() = rep.clone();
                tally(&d);
            }
            let mut d = doc.clone();
            if let Some(Value::Object(m)) = get_mut(&mut d, path) {
                let keys: Vec<String> = m.keys().cloned().collect();
                for extra in ["aa", "zz", "subnetID", "forwards_to_vpc_resolver"] {
                    let mut e = d.clone();
                    if let Some(Value::Object(m)) = get_mut(&mut e, path) {
                        m.insert(extra.into(), json!(1));
                    }
                    tally(&e);
                }
                for k in keys {
                    let mut e = d.clone();
                    if let Some(Value::Object(m)) = get_mut(&mut e, path) {
                        m.remove(&k);
                    }
                    tally(&e);
                }
            }
        }
    }
    (n, errors)
}

#[test]
fn the_hand_reader_is_the_derive_on_every_mutation() {
    let (n, errors) = compare_all();
    assert!(n > 20_000, "{n} comparisons");
    assert!(errors > 10_000 && errors < n, "{errors} errors of {n}");
}

#[test]
fn the_examples_read_the_same() {
    for doc in corpus() {
        assert_eq!(same(&doc), Ok(false));
    }
}

fn arb_value() -> impl Strategy<Value = Value> {
    let reps = replacements();
    let leaf = (0..reps.len()).prop_map(move |i| reps[i].clone());
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec!["address", "name", "x", "sourceIp", "from"]),
                    inner
                ),
                0..3
            )
            .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.into(), v)).collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Up to three random places of a document replaced by random values.
    #[test]
    fn random_mutations_read_the_same(
        doc in 0usize..5,
        picks in prop::collection::vec((any::<prop::sample::Index>(), arb_value()), 1..4),
    ) {
        let mut d = corpus().swap_remove(doc);
        for (at, rep) in picks {
            let mut all = Vec::new();
            paths(&d, &mut Vec::new(), &mut all);
            let path = at.get(&all).clone();
            if let Some(slot) = get_mut(&mut d, &path) {
                *slot = rep;
            }
        }
        prop_assert_eq!(derived(&d), by_hand(&d));
    }
}
