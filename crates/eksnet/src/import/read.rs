//! Reading one file: recognising it by content and parsing it into the snapshot.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::report::{DocKind, Report};
use super::shapes as aws;
use super::shapes_k8s as k8s;
pub(crate) use super::snapshot::{At, Snapshot};
use super::walk::{self, Obj, ReadFn};
use super::{instances, MAX_IMPORT_FILE_BYTES};
use crate::codes::Code;
use crate::text;

/// Why a recognised document is malformed: where and what.
#[derive(Debug)]
pub(crate) struct Malformed {
    pub pointer: String,
    pub message: String,
}

/// Reads `v` as the shape `what` with `f`; errors carry the JSON pointer `base` +
/// the path inside.
pub(crate) fn parse<T>(v: &Value, base: &str, what: &str, f: ReadFn<T>) -> Result<T, Malformed> {
    walk::read_as(v, base, what, f)
}

/// The elements of `v`, a list or `null` (none), at `base`.
fn items<'a>(v: Option<&'a Value>, base: &str) -> Result<&'a [Value], Malformed> {
    match v {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(Malformed {
            pointer: base.to_string(),
            message: crate::json_value::invalid_type(other, "a sequence"),
        }),
    }
}

/// The keys of the JSON object `v` (none when it is not an object).
fn keys_of(v: &Value) -> Vec<&str> {
    v.as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// A string member of the top level.
fn str_of(top: &Map<String, Value>, key: &str) -> Option<String> {
    top.get(key).and_then(Value::as_str).map(str::to_string)
}

/// The Kubernetes kinds kubectl's output is read for.
const KUBE_KINDS: &[&str] = &[
    "List",
    "NodeList",
    "PodList",
    "ServiceList",
    "IngressList",
    "ENIConfigList",
    "DaemonSetList",
    "Node",
    "Pod",
    "Service",
    "Ingress",
    "ENIConfig",
    "DaemonSet",
];

/// What a top-level object is, by its members (see [`DocKind`]).
fn recognise(top: &Map<String, Value>) -> Result<DocKind, crate::Text> {
    let has = |k: &str| top.contains_key(k);
    let sub_has = |k: &str, inner: &str| top.get(k).is_some_and(|r| keys_of(r).contains(&inner));
    if let (Some(api), Some(kind)) = (str_of(top, "apiVersion"), str_of(top, "kind")) {
        if api.starts_with("eksctl.io/") && kind == "ClusterConfig" {
            return Ok(DocKind::EksctlConfig);
        }
        if KUBE_KINDS.contains(&kind.as_str()) {
            return Ok(DocKind::Kubectl);
        }
        return Err(text!(
            "a Kubernetes object of kind {kind} ({api}), which eksnet does not read",
            "eksnet이 읽지 않는 {kind} ({api}) 종류의 Kubernetes 객체다"
        ));
    }
    let by_key: &[(&str, DocKind)] = &[
        ("Vpcs", DocKind::Ec2Vpcs),
        ("Subnets", DocKind::Ec2Subnets),
        ("RouteTables", DocKind::Ec2RouteTables),
        ("InternetGateways", DocKind::Ec2InternetGateways),
        ("NatGateways", DocKind::Ec2NatGateways),
        ("SecurityGroups", DocKind::Ec2SecurityGroups),
        ("SecurityGroupRules", DocKind::Ec2SecurityGroupRules),
        ("VpcEndpoints", DocKind::Ec2VpcEndpoints),
        ("DhcpOptions", DocKind::Ec2DhcpOptions),
        ("Reservations", DocKind::Ec2Instances),
        ("NetworkInterfaces", DocKind::Ec2NetworkInterfaces),
        ("NetworkAcls", DocKind::Ec2NetworkAcls),
        ("VpcPeeringConnections", DocKind::Ec2PeeringConnections),
        (
            "TransitGatewayAttachments",
            DocKind::Ec2TransitGatewayAttachments,
        ),
        ("EnableDnsSupport", DocKind::Ec2VpcAttribute),
        ("EnableDnsHostnames", DocKind::Ec2VpcAttribute),
    ];
    if sub_has("cluster", "resourcesVpcConfig") {
        return Ok(DocKind::EksCluster);
    }
    if sub_has("nodegroup", "nodegroupName") {
        return Ok(DocKind::EksNodegroup);
    }
    if sub_has("fargateProfile", "fargateProfileName") {
        return Ok(DocKind::EksFargateProfile);
    }
    if sub_has("addon", "addonName") {
        return Ok(DocKind::EksAddon);
    }
    if let Some((_, k)) = by_key.iter().find(|(key, _)| has(key)) {
        return Ok(*k);
    }
    let keys: Vec<&str> = top.keys().map(String::as_str).take(5).collect();
    let keys = keys.join(", ");
    Err(text!(
        "a JSON object with members {keys}: not output of a command eksnet reads",
        "멤버가 {keys}인 JSON 객체로, eksnet이 읽는 명령의 출력이 아니다"
    ))
}

/// Whether text that is not valid JSON still looks like one of the documents
/// eksnet reads (then it is malformed rather than unrecognised).
fn looks_like_ours(text: &str) -> bool {
    let head: String = text.chars().take(400).collect();
    const MARKS: &[&str] = &[
        "\"resourcesVpcConfig\"",
        "\"nodegroupName\"",
        "\"Vpcs\"",
        "\"Subnets\"",
        "\"RouteTables\"",
        "\"SecurityGroups\"",
        "\"SecurityGroupRules\"",
        "\"Reservations\"",
        "\"NetworkInterfaces\"",
        "\"NatGateways\"",
        "\"InternetGateways\"",
        "\"VpcEndpoints\"",
        "\"apiVersion\"",
    ];
    head.trim_start().starts_with('{') && MARKS.iter().any(|m| head.contains(m))
}

/// Reads file `i` into `snap`, recording in `report` what it was.
pub(crate) fn read_file(
    i: usize,
    name: &str,
    text: &str,
    snap: &mut Snapshot,
    report: &mut Report,
) {
    snap.names.push(name.to_string());
    let ignore = |report: &mut Report, why: crate::Text| {
        if let Some(f) = report.file(i) {
            f.ignored = Some(why);
        }
    };
    if text.len() > MAX_IMPORT_FILE_BYTES {
        let n = text.len();
        ignore(
            report,
            text!(
                "{n} bytes: larger than eksnet reads ({MAX_IMPORT_FILE_BYTES})",
                "{n}바이트로 eksnet이 읽는 크기({MAX_IMPORT_FILE_BYTES})보다 크다"
            ),
        );
        return;
    }
    let doc: Result<Value, (usize, usize, String)> = match serde_json::from_str(text) {
        Ok(Value::Object(top)) => Ok(Value::Object(top)),
        Ok(other) => Err((1, 1, crate::json_value::invalid_type(&other, "a map"))),
        Err(e) => Err((e.line(), e.column(), e.to_string())),
    };
    let doc = match doc {
        Ok(d) => d,
        Err((line, col, msg)) => {
            if looks_like_ours(text) {
                report.diag(
                    name,
                    Code::ImportMalformed,
                    "",
                    text!(
                        "not valid JSON (line {line}, column {col}): {msg}",
                        "올바른 JSON이 아니다 ({line}행 {col}열): {msg}"
                    ),
                );
            } else {
                ignore(
                    report,
                    text!(
                        "not a JSON object (line {line}, column {col}); YAML is read by the CLI only",
                        "JSON 객체가 아니다 ({line}행 {col}열). YAML은 CLI만 읽는다"
                    ),
                );
            }
            return;
        }
    };
    let empty = Map::new();
    let top = doc.as_object().unwrap_or(&empty);
    let kind = match recognise(top) {
        Ok(k) => k,
        Err(why) => {
            ignore(report, why);
            return;
        }
    };
    if let Some(f) = report.file(i) {
        f.kind = Some(kind);
    }
    if let Err(m) = read_kind(i, kind, &doc, top, snap, report) {
        let msg = m.message;
        let cmd = kind.command();
        report.diag(
            name,
            Code::ImportMalformed,
            &m.pointer,
            text!(
                "recognised as `{cmd}` but not its shape: {msg}",
                "`{cmd}`(으)로 알아봤지만 모양이 다르다: {msg}"
            ),
        );
    }
}

/// Parses the member `key` of `top` as a list of the shape `what`, each read by
/// `f` and remembered with its pointer.
fn list<T>(
    i: usize,
    top: &Map<String, Value>,
    key: &str,
    what: &str,
    f: ReadFn<T>,
) -> Result<Vec<At<T>>, Malformed> {
    let mut out = Vec::new();
    each_item(top, key, what, &mut |o, pointer| {
        out.push(At {
            file: i,
            pointer,
            v: f(o)?,
        });
        Ok(())
    })?;
    Ok(out)
}

/// Each element of the member `key` of `top` read as the object `what` and handed,
/// with its pointer, to `f`. Not generic: every list of every document goes
/// through it (the site's size, docs/size.md).
fn each_item(
    top: &Map<String, Value>,
    key: &str,
    what: &str,
    f: &mut dyn FnMut(&Obj<'_>, String) -> Result<(), Malformed>,
) -> Result<(), Malformed> {
    let base = format!("/{key}");
    for (n, r) in items(top.get(key), &base)?.iter().enumerate() {
        let pointer = format!("{base}/{n}");
        let o = Obj::new(r, &pointer, what)?;
        f(&o, pointer)?;
    }
    Ok(())
}

fn read_kind(
    i: usize,
    kind: DocKind,
    text: &Value,
    top: &Map<String, Value>,
    snap: &mut Snapshot,
    report: &mut Report,
) -> Result<(), Malformed> {
    fn at<T>(file: usize, v: T) -> At<T> {
        At {
            file,
            pointer: String::new(),
            v,
        }
    }
    let one = |v| at(i, v);
    match kind {
        DocKind::EksCluster => snap.clusters.push(
            one(parse(
                text,
                "",
                "struct DescribeCluster",
                aws::describe_cluster,
            )?)
            .map_ptr("/cluster"),
        ),
        DocKind::EksNodegroup => snap.nodegroups.push(
            at(
                i,
                parse(
                    text,
                    "",
                    "struct DescribeNodegroup",
                    aws::describe_nodegroup,
                )?,
            )
            .map_ptr("/nodegroup"),
        ),
        DocKind::EksFargateProfile => snap.fargate.push(
            at(
                i,
                parse(
                    text,
                    "",
                    "struct DescribeFargateProfile",
                    aws::describe_fargate_profile,
                )?,
            )
            .map_ptr("/fargateProfile"),
        ),
        DocKind::EksAddon => snap.addons.push(
            at(
                i,
                parse(text, "", "struct DescribeAddon", aws::describe_addon)?,
            )
            .map_ptr("/addon"),
        ),
        DocKind::Ec2Vpcs => snap
            .vpcs
            .extend(list(i, top, "Vpcs", "struct Vpc", aws::vpc)?),
        DocKind::Ec2VpcAttribute => snap.attributes.push(at(
            i,
            parse(text, "", "struct VpcAttribute", aws::vpc_attribute)?,
        )),
        DocKind::Ec2Subnets => {
            snap.subnets
                .extend(list(i, top, "Subnets", "struct Subnet", aws::subnet)?)
        }
        DocKind::Ec2RouteTables => snap.route_tables.extend(list(
            i,
            top,
            "RouteTables",
            "struct RouteTable",
            aws::route_table,
        )?),
        DocKind::Ec2InternetGateways => snap.igws.extend(list(
            i,
            top,
            "InternetGateways",
            "struct InternetGateway",
            aws::internet_gateway,
        )?),
        DocKind::Ec2NatGateways => snap.nats.extend(list(
            i,
            top,
            "NatGateways",
            "struct NatGateway",
            aws::nat_gateway,
        )?),
        DocKind::Ec2SecurityGroups => snap.sgs.extend(list(
            i,
            top,
            "SecurityGroups",
            "struct SecurityGroup",
            aws::security_group,
        )?),
        DocKind::Ec2SecurityGroupRules => snap.sg_rules.extend(list(
            i,
            top,
            "SecurityGroupRules",
            "struct SecurityGroupRule",
            aws::security_group_rule,
        )?),
        DocKind::Ec2VpcEndpoints => snap.endpoints.extend(list(
            i,
            top,
            "VpcEndpoints",
            "struct VpcEndpoint",
            aws::vpc_endpoint,
        )?),
        DocKind::Ec2DhcpOptions => snap.dhcp.extend(list(
            i,
            top,
            "DhcpOptions",
            "struct DhcpOptions",
            aws::dhcp_options,
        )?),
        DocKind::Ec2Instances => {
            let rs: Vec<At<instances::Reservation>> = list(
                i,
                top,
                "Reservations",
                "struct Reservation",
                aws::reservation,
            )?;
            for r in rs {
                for (n, inst) in r.v.instances.into_iter().enumerate() {
                    snap.instances.push(At {
                        file: i,
                        pointer: format!("{}/Instances/{n}", r.pointer),
                        v: inst,
                    });
                }
            }
        }
        DocKind::Ec2NetworkInterfaces => snap.enis.extend(list(
            i,
            top,
            "NetworkInterfaces",
            "struct NetworkInterface",
            aws::network_interface,
        )?),
        DocKind::Ec2NetworkAcls => snap.acls.extend(list(
            i,
            top,
            "NetworkAcls",
            "struct NetworkAcl",
            aws::network_acl,
        )?),
        DocKind::Ec2PeeringConnections => snap.peerings.extend(list(
            i,
            top,
            "VpcPeeringConnections",
            "struct PeeringConnection",
            aws::peering_connection,
        )?),
        DocKind::Ec2TransitGatewayAttachments => snap.tgw_attachments.extend(list(
            i,
            top,
            "TransitGatewayAttachments",
            "struct TgwAttachment",
            aws::tgw_attachment,
        )?),
        DocKind::Kubectl => read_kube(i, text, top, snap, report)?,
        DocKind::EksctlConfig => snap.eksctl.push(at(
            i,
            parse(text, "", "struct ClusterConfig", k8s::cluster_config)?,
        )),
    }
    Ok(())
}

impl<T> At<T> {
    fn map_ptr(mut self, pointer: &str) -> At<T> {
        self.pointer = pointer.to_string();
        self
    }
}

/// A kubectl `List` (or one object): each item by its kind.
fn read_kube(
    i: usize,
    text: &Value,
    top: &Map<String, Value>,
    snap: &mut Snapshot,
    report: &mut Report,
) -> Result<(), Malformed> {
    let kind = str_of(top, "kind").unwrap_or_default();
    let items: Vec<(String, &Value)> = if kind.ends_with("List") {
        items(top.get("items"), "/items")?
            .iter()
            .enumerate()
            .map(|(n, r)| (format!("/items/{n}"), r))
            .collect()
    } else {
        vec![(String::new(), text)]
    };
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    for (pointer, raw) in items {
        let tm = parse(raw, &pointer, "struct TypeMeta", k8s::type_meta)?;
        fn at<T>(file: usize, pointer: &str, v: T) -> At<T> {
            At {
                file,
                pointer: pointer.to_string(),
                v,
            }
        }
        match tm.kind.as_str() {
            "Node" => snap.nodes.push(at(
                i,
                &pointer,
                parse(raw, &pointer, "struct Node", k8s::node)?,
            )),
            "Pod" => snap.pods.push(at(
                i,
                &pointer,
                parse(raw, &pointer, "struct Pod", k8s::pod)?,
            )),
            "Service" => snap.services.push(at(
                i,
                &pointer,
                parse(raw, &pointer, "struct Service", k8s::service)?,
            )),
            "Ingress" => snap.ingresses.push(at(
                i,
                &pointer,
                parse(raw, &pointer, "struct Ingress", k8s::ingress)?,
            )),
            "ENIConfig" => snap.eniconfigs.push(at(
                i,
                &pointer,
                parse(raw, &pointer, "struct EniConfig", k8s::eni_config)?,
            )),
            "DaemonSet" => snap.daemonsets.push(at(
                i,
                &pointer,
                parse(raw, &pointer, "struct DaemonSet", k8s::daemon_set)?,
            )),
            other => *skipped.entry(other.to_string()).or_default() += 1,
        }
    }
    let name = snap.name(i).to_string();
    for (k, n) in skipped {
        report.drop_note(
            &name,
            "/items",
            text!(
                "items of kind `{k}` that eksnet does not read: {n}",
                "`{k}` 종류 항목 {n}개는 eksnet이 읽지 않는다"
            ),
        );
    }
    Ok(())
}
