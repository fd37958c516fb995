//! The hand-written readers (`shapes`, `shapes_k8s` over `walk`) against the serde
//! derives they replace (kept on the shapes for the tests only), on every fixture
//! document and on each of them mutated at every path: the same values, and the
//! same error messages at the same JSON pointers.

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::walk::{read_as, ReadFn};
use super::{attachments, ec2, eks, eksctl, instances, kube, routes};
use super::{shapes as aws, shapes_k8s as k8s};

/// The outcome as text: the value's `Debug`, or the error's pointer and message.
type Outcome = Result<String, (String, String)>;

fn derived<D: DeserializeOwned, T: Debug>(v: &Value, proj: fn(D) -> T) -> Outcome {
    crate::json_value::from_value::<D>(v)
        .map(|d| format!("{:?}", proj(d)))
        .map_err(|e| (e.pointer(true), e.message))
}

fn by_hand<T: Debug>(v: &Value, what: &str, f: ReadFn<T>) -> Outcome {
    read_as(v, "", what, f)
        .map(|t| format!("{t:?}"))
        .map_err(|m| (m.pointer, m.message))
}

/// Both readings of `v` as one shape: whether they failed, or how they differ.
type Same = Result<bool, String>;

fn same<D: DeserializeOwned, T: Debug>(
    v: &Value,
    what: &str,
    f: ReadFn<T>,
    proj: fn(D) -> T,
) -> Same {
    let (a, b) = (derived(v, proj), by_hand(v, what, f));
    if a == b {
        Ok(a.is_err())
    } else {
        Err(format!("{what} of {v}:\n derive {a:?}\n by hand {b:?}"))
    }
}

/// One shape's comparison.
type Check = fn(&Value) -> Same;

fn id<T>(t: T) -> T {
    t
}

/// Compares one element read as the shape its document holds (`key`: the
/// document's member it comes from; for kubectl, `items`).
fn check(key: &str, v: &Value) -> Same {
    match key {
        "cluster" => same::<eks::DescribeCluster, _>(
            v,
            "struct DescribeCluster",
            aws::describe_cluster,
            |d| d.cluster,
        ),
        "nodegroup" => same::<eks::DescribeNodegroup, _>(
            v,
            "struct DescribeNodegroup",
            aws::describe_nodegroup,
            |d| d.nodegroup,
        ),
        "fargateProfile" => same::<eks::DescribeFargateProfile, _>(
            v,
            "struct DescribeFargateProfile",
            aws::describe_fargate_profile,
            |d| d.fargate_profile,
        ),
        "addon" => {
            same::<eks::DescribeAddon, _>(v, "struct DescribeAddon", aws::describe_addon, |d| {
                d.addon
            })
        }
        "attribute" => {
            same::<ec2::VpcAttribute, _>(v, "struct VpcAttribute", aws::vpc_attribute, id)
        }
        "eksctl" => {
            same::<eksctl::ClusterConfig, _>(v, "struct ClusterConfig", k8s::cluster_config, id)
        }
        "Vpcs" => same::<ec2::Vpc, _>(v, "struct Vpc", aws::vpc, id),
        "Subnets" => same::<ec2::Subnet, _>(v, "struct Subnet", aws::subnet, id),
        "RouteTables" => {
            same::<routes::RouteTable, _>(v, "struct RouteTable", aws::route_table, id)
        }
        "InternetGateways" => {
            same::<ec2::InternetGateway, _>(v, "struct InternetGateway", aws::internet_gateway, id)
        }
        "NatGateways" => same::<ec2::NatGateway, _>(v, "struct NatGateway", aws::nat_gateway, id),
        "SecurityGroups" => {
            same::<ec2::SecurityGroup, _>(v, "struct SecurityGroup", aws::security_group, id)
        }
        "SecurityGroupRules" => same::<ec2::SecurityGroupRule, _>(
            v,
            "struct SecurityGroupRule",
            aws::security_group_rule,
            id,
        ),
        "VpcEndpoints" => {
            same::<ec2::VpcEndpoint, _>(v, "struct VpcEndpoint", aws::vpc_endpoint, id)
        }
        "DhcpOptions" => {
            same::<ec2::DhcpOptions, _>(v, "struct DhcpOptions", aws::dhcp_options, id)
        }
        "Reservations" => {
            same::<instances::Reservation, _>(v, "struct Reservation", aws::reservation, id)
        }
        "NetworkInterfaces" => same::<instances::NetworkInterface, _>(
            v,
            "struct NetworkInterface",
            aws::network_interface,
            id,
        ),
        "NetworkAcls" => {
            same::<routes::NetworkAcl, _>(v, "struct NetworkAcl", aws::network_acl, id)
        }
        "VpcPeeringConnections" => same::<attachments::PeeringConnection, _>(
            v,
            "struct PeeringConnection",
            aws::peering_connection,
            id,
        ),
        "TransitGatewayAttachments" => same::<attachments::TgwAttachment, _>(
            v,
            "struct TgwAttachment",
            aws::tgw_attachment,
            id,
        ),
        "items" => {
            let kinds: [(&str, Check); 6] = [
                ("Node", |v| {
                    same::<kube::Node, _>(v, "struct Node", k8s::node, id)
                }),
                ("Pod", |v| {
                    same::<kube::Pod, _>(v, "struct Pod", k8s::pod, id)
                }),
                ("Service", |v| {
                    same::<kube::Service, _>(v, "struct Service", k8s::service, id)
                }),
                ("Ingress", |v| {
                    same::<kube::Ingress, _>(v, "struct Ingress", k8s::ingress, id)
                }),
                ("ENIConfig", |v| {
                    same::<kube::EniConfig, _>(v, "struct EniConfig", k8s::eni_config, id)
                }),
                ("DaemonSet", |v| {
                    same::<kube::DaemonSet, _>(v, "struct DaemonSet", k8s::daemon_set, id)
                }),
            ];
            // Every kind's reading is compared; what failed is the item's own.
            let mut failed = same::<kube::TypeMeta, _>(v, "struct TypeMeta", k8s::type_meta, id)?;
            let own = v.get("kind").and_then(Value::as_str).unwrap_or_default();
            for (kind, f) in kinds {
                let f = f(v)?;
                failed |= f && kind == own;
            }
            Ok(failed)
        }
        other => Err(format!("no shape for {other}")),
    }
}

/// Every JSON pointer inside `v` (its own `""` first).
fn paths(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| {
            paths(
                c,
                format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                out,
            )
        }),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, c)| paths(c, format!("{at}/{i}"), out)),
        _ => {}
    }
}

/// Values a field can be wrongly (or rightly) given.
fn replacements() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!("x"),
        json!(7),
        json!(0),
        json!(-3),
        json!(1.5),
        json!(5_000_000_000u64),
        json!(u64::MAX),
        json!([]),
        json!(["a", 1]),
        json!({}),
        json!({"a": "b", "c/d~": 1}),
        json!([{"Key": "k", "Value": 1}]),
    ]
}

/// The elements each fixture document holds, by the member they come from.
fn elements() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let root = format!("{}/tests/fixtures/import", env!("CARGO_MANIFEST_DIR"));
    for dir in std::fs::read_dir(&root).expect("fixtures").flatten() {
        let Ok(files) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        for f in files.flatten() {
            if !f.file_name().to_string_lossy().ends_with(".json") {
                continue;
            }
            let text = std::fs::read_to_string(f.path()).expect("fixture");
            let Ok(Value::Object(top)) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            let doc = Value::Object(top.clone());
            if top.contains_key("apiVersion") && !top.contains_key("items") {
                let kind = if top.get("kind") == Some(&json!("ClusterConfig")) {
                    "eksctl"
                } else {
                    "items"
                };
                out.push((kind.to_string(), doc));
                continue;
            }
            for (k, v) in &top {
                match v {
                    Value::Array(items) => {
                        for e in items.iter().take(3) {
                            out.push((k.clone(), e.clone()));
                        }
                    }
                    _ if ["cluster", "nodegroup", "fargateProfile", "addon"]
                        .contains(&k.as_str()) =>
                    {
                        out.push((k.clone(), doc.clone()))
                    }
                    _ if k.starts_with("EnableDns") => out.push(("attribute".into(), doc.clone())),
                    _ => {}
                }
            }
        }
    }
    out
}

#[test]
fn the_readers_read_every_fixture_as_the_derives_did() {
    let elems = elements();
    let keys: std::collections::BTreeSet<&str> = elems.iter().map(|(k, _)| k.as_str()).collect();
    // Every shape the fixtures hold is covered.
    assert!(keys.len() >= 18, "{keys:?}");
    for (k, v) in &elems {
        assert_eq!(check(k, v), Ok(false), "{k}");
        assert!(derived::<Value, Value>(v, id).is_ok());
    }
}

#[test]
fn the_readers_refuse_and_accept_every_mutation_as_the_derives_did() {
    let mut compared = 0;
    let mut refused = 0;
    for (k, v) in elements() {
        let mut at = Vec::new();
        paths(&v, String::new(), &mut at);
        for p in &at {
            for r in replacements() {
                let mut m = v.clone();
                if let Some(slot) = m.pointer_mut(p) {
                    *slot = r;
                }
                refused += usize::from(check(&k, &m).unwrap_or_else(|e| panic!("{e}")));
                compared += 1;
            }
        }
        // Two members wrong at once: the error is the one whose key sorts first.
        let leaves: Vec<&String> = at.iter().filter(|p| p.matches('/').count() == 1).collect();
        for a in &leaves {
            for b in &leaves {
                let mut m = v.clone();
                for (p, r) in [(a, json!(12)), (b, json!({"x": 1}))] {
                    if let Some(slot) = m.pointer_mut(p) {
                        *slot = r;
                    }
                }
                check(&k, &m).unwrap_or_else(|e| panic!("{e}"));
                compared += 1;
            }
        }
    }
    assert!(compared > 10_000, "{compared}");
    assert!(refused > 1_000, "{refused}");
}

#[test]
fn a_number_out_of_range_and_a_float_are_refused_as_serde_words_it() {
    let v = json!({"DeviceIndex": -1});
    let e = read_as(&v, "/x", "struct EniAttachment", |o| {
        o.done(o.opt_u32("DeviceIndex"))
    })
    .unwrap_err();
    assert_eq!(e.pointer, "/x/DeviceIndex");
    assert_eq!(e.message, "invalid value: integer `-1`, expected u32");
    let v = json!({"RuleNumber": 1.5});
    let e = read_as(&v, "", "s", |o| o.done(o.i64("RuleNumber"))).unwrap_err();
    assert_eq!(
        e.message,
        "invalid type: floating point `1.5`, expected i64"
    );
    let v = json!({"labels": {"a/b": 1}});
    let e = read_as(&v, "", "s", |o| o.done(o.str_map("labels", true))).unwrap_err();
    assert_eq!(e.pointer, "/labels/a~1b");
    assert_eq!(e.message, "invalid type: integer `1`, expected a string");
}
