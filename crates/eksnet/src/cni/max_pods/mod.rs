//! Max pods per node, computed the way AWS computes it, with its breakdown.
//!
//! Source 003 ("Maximum Pods per node") and source 004 (figure 3) give the formula
//! `ENIs × (IPv4 per ENI − 1) + 2`; `max-pods-calculator.sh` of amazon-eks-ami refines
//! it (the design's fidelity notes):
//!
//! - secondary-IP mode: `ENIs × (IPv4 per ENI − 1) + 2`;
//! - prefix delegation (Nitro or bare metal): each slot holds a /28 of 16 addresses,
//!   `ENIs × ((IPv4 per ENI − 1) × 16) + 2`;
//! - custom networking: one ENI less (the primary ENI hosts no pods);
//! - a max-ENI override (`--cni-max-eni`) lowers the ENI count;
//! - the kubelet cap: at most 110, or 250 above 30 vCPUs, unless the uncapped value
//!   (`--show-max-allowed`) is asked for;
//! - IPv6 (source 003): a /80 prefix per node, Nitro only; addresses never run out, so
//!   the kubelet cap is what limits pods.
//!
//! ```
//! use eksnet::cni::max_pods::{max_pods, MaxPodsOptions};
//! let mp = max_pods("m5.large", &MaxPodsOptions::default()).unwrap();
//! assert_eq!(mp.value, 29);
//! assert_eq!(mp.formula, "3 × (10 − 1) + 2 = 29");
//! let pd = MaxPodsOptions { prefix_delegation: true, ..Default::default() };
//! assert_eq!(max_pods("m5.large", &pd).unwrap().value, 110);
//! ```

use std::fmt;

use serde::Serialize;

use super::limits::{self, Hypervisor, InstanceLimits, UnknownInstanceType};
use super::vcpus::{vcpus, VcpuSource, Vcpus};
use crate::{text, Cite, Source, Text};

mod launchers;
pub mod pod_eni;
mod truth;

pub use launchers::{Launcher, LauncherRow, Verdict};
pub use truth::{
    truth_table, truth_table_for, Addresses, Question, Ref, Rule, RuleKind, RuleState, TruthTable,
};

/// Addresses in one /28 prefix.
pub const IPS_PER_PREFIX: u32 = 16;
/// The kubelet cap for nodes with at most 30 vCPUs.
pub const CAP_LOW_CPU: u32 = 110;
/// The kubelet cap for nodes with more than 30 vCPUs.
pub const CAP_HIGH_CPU: u32 = 250;
/// vCPUs above which the higher cap applies.
pub const CAP_VCPU_THRESHOLD: u32 = 30;

const CITE_FORMULA: Cite = Cite::new(Source::S003, "Maximum Pods per node");
const CITE_PREFIX: Cite = Cite::new(Source::S003, "Increased available IP addresses for Pods");
const CITE_IPV6: Cite = Cite::new(
    Source::S003,
    "Assigning IPv6 addresses to pods and services",
);
const CITE_TABLE: Cite = Cite::new(Source::VpcCni, "pkg/vpc/vpc_ip_resource_limit.go");
const CITE_CALC: Cite = Cite::new(Source::VpcCni, "max-pods-calculator.sh of amazon-eks-ami");

/// How pods get addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AddressMode {
    /// One secondary IPv4 address per pod (the default).
    #[default]
    SecondaryIp,
    /// /28 IPv4 prefixes delegated to ENIs (`ENABLE_PREFIX_DELEGATION`).
    Prefix,
    /// IPv6 addresses from a /80 prefix (IPv6 clusters).
    Ipv6,
}

/// What to compute max pods for (the flags of `max-pods-calculator.sh`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MaxPodsOptions {
    /// `--cni-prefix-delegation-enabled`.
    pub prefix_delegation: bool,
    /// `--cni-custom-networking-enabled`.
    pub custom_networking: bool,
    /// `--cni-max-eni`: use at most this many ENIs.
    pub max_eni: Option<u32>,
    /// `--show-max-allowed`: no kubelet cap.
    pub uncapped: bool,
    /// An IPv6 cluster.
    pub ipv6: bool,
}

/// One line of the breakdown, with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// What this step says.
    pub text: Text,
    /// Where the rule comes from.
    pub cite: Cite,
}

/// Max pods of an instance type, with how it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MaxPods {
    /// The instance type.
    pub instance_type: &'static str,
    /// The options it was computed with.
    pub options: MaxPodsOptions,
    /// How pods get addresses.
    pub mode: AddressMode,
    /// ENIs whose addresses pods use (after the override and custom networking).
    pub enis: u32,
    /// IPv4 addresses per ENI, its primary included.
    pub ipv4_per_eni: u32,
    /// Pod addresses one ENI offers: `IPv4 per ENI − 1`, times 16 with prefixes.
    pub per_eni: u32,
    /// `enis × per_eni + 2`.
    pub uncapped: u32,
    /// The kubelet cap applied, if any.
    pub cap: Option<u32>,
    /// The derived vCPU count, if the name allows one.
    pub vcpus: Option<Vcpus>,
    /// The answer.
    pub value: u32,
    /// The arithmetic, e.g. `3 × (10 − 1) + 2 = 29`.
    pub formula: String,
    /// The breakdown, one step per rule.
    pub steps: Vec<Step>,
}

/// Why max pods cannot be computed as asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum MaxPodsError {
    /// The instance type is not in the CNI's table.
    UnknownType(UnknownInstanceType),
    /// Prefix delegation (or IPv6, which needs it) on a type that is neither Nitro nor
    /// bare metal.
    PrefixesUnsupported {
        /// The instance type.
        instance_type: &'static str,
        /// Its hypervisor.
        hypervisor: Hypervisor,
        /// Whether IPv6 was asked for (the CNI then refuses to start).
        ipv6: bool,
        /// Max pods in secondary-IP mode, where the IPv4 CNI falls back to.
        fallback: u32,
        /// The explanation.
        message: Text,
    },
    /// Custom networking with IPv6, which the CNI does not support.
    Ipv6CustomNetworking,
}

impl fmt::Display for MaxPodsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MaxPodsError::UnknownType(u) => u.fmt(f),
            MaxPodsError::PrefixesUnsupported { message, .. } => f.write_str(&message.en),
            MaxPodsError::Ipv6CustomNetworking => {
                f.write_str("the VPC CNI does not support custom networking in IPv6 clusters")
            }
        }
    }
}

impl std::error::Error for MaxPodsError {}

/// Max pods of `instance_type` with `opts`.
pub fn max_pods(instance_type: &str, opts: &MaxPodsOptions) -> Result<MaxPods, MaxPodsError> {
    let l = limits::find(instance_type).map_err(MaxPodsError::UnknownType)?;
    max_pods_for(l, opts)
}

fn step(text: Text, cite: Cite) -> Step {
    Step { text, cite }
}

/// Why `l` cannot take prefixes (no Nitro), with the value it falls back to.
fn prefixes_unsupported(l: &InstanceLimits, opts: &MaxPodsOptions) -> MaxPodsError {
    let name = l.name;
    let fallback = max_pods_for(
        l,
        &MaxPodsOptions {
            prefix_delegation: false,
            ipv6: false,
            ..*opts
        },
    )
    .map(|m| m.value)
    .unwrap_or(0);
    let hv = match l.hypervisor {
        Hypervisor::Xen => "Xen",
        _ => "a non-Nitro hypervisor",
    };
    let message = if opts.ipv6 {
        text!(
            "{name} runs on {hv}: IPv6 pods need prefix delegation, which only Nitro and bare-metal instances support, so the VPC CNI does not start on it",
            "{name}은(는) {hv} 기반이다. IPv6 Pod에는 프리픽스 위임이 필요한데 Nitro와 베어메탈 인스턴스만 지원하므로 VPC CNI가 이 노드에서 시작하지 않는다"
        )
    } else {
        text!(
            "{name} runs on {hv}: prefix delegation needs a Nitro or bare-metal instance, so the VPC CNI falls back to secondary IPs ({fallback} pods)",
            "{name}은(는) {hv} 기반이다. 프리픽스 위임은 Nitro나 베어메탈 인스턴스에서만 되므로 VPC CNI는 보조 IP 방식으로 돌아간다(Pod {fallback}개)"
        )
    };
    MaxPodsError::PrefixesUnsupported {
        instance_type: name,
        hypervisor: l.hypervisor,
        ipv6: opts.ipv6,
        fallback,
        message,
    }
}

/// The ENIs that hold pod addresses: the type's, lowered by a max-ENI override and
/// by custom networking (eth0 hosts no pods); each change is a step.
fn pod_enis(max_enis: u32, opts: &MaxPodsOptions, steps: &mut Vec<Step>) -> u32 {
    let mut enis = max_enis;
    if let Some(cap) = opts.max_eni {
        if cap < enis {
            enis = cap;
            steps.push(step(
                text!(
                    "Max-ENI override: the CNI uses at most {cap} of the {max_enis} ENIs.",
                    "최대 ENI 지정: CNI는 ENI {max_enis}개 중 {cap}개까지만 쓴다."
                ),
                CITE_CALC,
            ));
        } else {
            steps.push(step(
                text!(
                    "Max-ENI override {cap} is not below the type's {max_enis} ENIs: no change.",
                    "최대 ENI 지정값 {cap}이(가) 인스턴스의 ENI {max_enis}개보다 작지 않아 바뀌는 것이 없다."
                ),
                CITE_CALC,
            ));
        }
    }
    if opts.custom_networking {
        let before = enis;
        enis = enis.saturating_sub(1);
        steps.push(step(
            text!(
                "Custom networking: the primary ENI (eth0) stays in the node's subnet and hosts no pods, so pods use {enis} of the {before} ENIs.",
                "커스텀 네트워킹: 기본 ENI(eth0)는 노드 서브넷에 남고 Pod를 받지 않으므로 Pod는 ENI {before}개 중 {enis}개를 쓴다."
            ),
            CITE_CALC,
        ));
    }

    enis
}

/// The kubelet's cap on `uncapped` (110, or 250 above 30 vCPUs, unless the uncapped
/// value is asked for) and the resulting max pods, as a step.
fn kubelet_cap(
    name: &str,
    uncapped: u32,
    opts: &MaxPodsOptions,
    vc: Option<Vcpus>,
    steps: &mut Vec<Step>,
) -> (Option<u32>, u32) {
    if opts.uncapped {
        steps.push(step(
            text!(
                "Uncapped value asked for: {uncapped} (the kubelet's recommended cap of 110, or 250 above 30 vCPUs, is not applied).",
                "상한 없는 값을 요청했다: {uncapped} (kubelet 권장 상한 110, vCPU 30개 초과 시 250을 적용하지 않는다)."
            ),
            CITE_CALC,
        ));
        (None, uncapped)
    } else {
        let cap = match vc {
            Some(v) if v.count > CAP_VCPU_THRESHOLD => CAP_HIGH_CPU,
            _ => CAP_LOW_CPU,
        };
        let how = match vc {
            Some(v) => {
                let n = v.count;
                let size = name.split_once('.').map(|(_, s)| s).unwrap_or(name);
                match v.source {
                    VcpuSource::SizeName => text!(
                        "{n} vCPUs, derived from the size name `{size}` (the CNI's table has no vCPU counts)",
                        "vCPU {n}개, 크기 이름 `{size}`에서 유추했다(CNI 표에는 vCPU 수가 없다)"
                    ),
                    VcpuSource::FamilyLargest => text!(
                        "{n} vCPUs, derived from the family's largest size (the CNI's table has no vCPU counts)",
                        "vCPU {n}개, 같은 계열의 가장 큰 크기에서 유추했다(CNI 표에는 vCPU 수가 없다)"
                    ),
                    VcpuSource::Exception => text!(
                        "{n} vCPUs, from eksnet's list of types the size-name rule gets wrong",
                        "vCPU {n}개, 크기 이름 규칙이 틀리는 유형 목록에서 가져왔다"
                    ),
                }
            }
            None => text!(
                "vCPUs unknown (not derivable from the name): the lower cap is assumed",
                "vCPU 수를 이름에서 유추할 수 없어 낮은 상한을 가정한다"
            ),
        };
        let value = uncapped.min(cap);
        let (how_en, how_ko) = (how.en, how.ko);
        let side = if cap == CAP_HIGH_CPU {
            text!("more than 30 vCPUs", "vCPU 30개 초과")
        } else {
            text!("at most 30 vCPUs", "vCPU 30개 이하")
        };
        let (side_en, side_ko) = (side.en, side.ko);
        steps.push(step(
            text!(
                "Kubelet cap: {how_en}; {side_en}, so the cap is {cap}: min({uncapped}, {cap}) = {value}.",
                "kubelet 상한: {how_ko}. {side_ko}이므로 상한은 {cap}이다: min({uncapped}, {cap}) = {value}."
            ),
            CITE_CALC,
        ));
        (Some(cap), value)
    }
}

/// Max pods of a known instance type with `opts`.
pub fn max_pods_for(l: &InstanceLimits, opts: &MaxPodsOptions) -> Result<MaxPods, MaxPodsError> {
    let name = l.name;
    if opts.ipv6 && opts.custom_networking {
        return Err(MaxPodsError::Ipv6CustomNetworking);
    }
    let wants_prefixes = opts.prefix_delegation || opts.ipv6;
    if wants_prefixes && !l.supports_prefixes() {
        return Err(prefixes_unsupported(l, opts));
    }
    let mode = if opts.ipv6 {
        AddressMode::Ipv6
    } else if opts.prefix_delegation {
        AddressMode::Prefix
    } else {
        AddressMode::SecondaryIp
    };

    let mut steps = Vec::new();
    let (max_enis, ips) = (l.max_enis, l.ipv4_per_eni);
    let cards = if l.network_cards > 1 {
        text!(
            " (default network card only, as the CNI uses)",
            " (CNI처럼 기본 네트워크 카드만 센다)"
        )
    } else {
        Text::default()
    };
    let (cards_en, cards_ko) = (cards.en, cards.ko);
    steps.push(step(
        text!(
            "{name}: up to {max_enis} ENIs, {ips} IPv4 addresses per ENI{cards_en}.",
            "{name}: ENI 최대 {max_enis}개, ENI당 IPv4 주소 {ips}개{cards_ko}."
        ),
        CITE_TABLE,
    ));

    let enis = pod_enis(max_enis, opts, &mut steps);

    let slots = ips.saturating_sub(1);
    steps.push(step(
        text!(
            "−1: each ENI's primary IP belongs to the ENI itself and is never given to a pod; pods get the other {slots} (secondary) addresses of each ENI.",
            "−1: ENI마다 기본(primary) IP는 ENI 자신의 주소라 Pod에 주지 않는다. Pod는 ENI마다 나머지 보조(secondary) 주소 {slots}개를 받는다."
        ),
        CITE_FORMULA,
    ));
    let per_eni = match mode {
        AddressMode::SecondaryIp => slots,
        AddressMode::Prefix | AddressMode::Ipv6 => {
            let per = slots.saturating_mul(IPS_PER_PREFIX);
            steps.push(step(
                text!(
                    "Prefix delegation (Nitro and bare metal only): each of those {slots} slots holds a /28 prefix of {IPS_PER_PREFIX} addresses instead of one address, {per} per ENI.",
                    "프리픽스 위임(Nitro와 베어메탈만): 슬롯 {slots}개마다 주소 하나 대신 /28 프리픽스(주소 {IPS_PER_PREFIX}개)가 들어가 ENI당 {per}개가 된다."
                ),
                CITE_PREFIX,
            ));
            per
        }
    };
    steps.push(step(
        text!(
            "+2: aws-node (the VPC CNI) and kube-proxy run on every node with host networking, on the node's own IP: they count as pods but need no ENI address.",
            "+2: aws-node(VPC CNI)와 kube-proxy는 모든 노드에서 호스트 네트워크로, 노드 자신의 IP로 돈다. Pod 수에는 들어가지만 ENI 주소는 필요 없다."
        ),
        CITE_FORMULA,
    ));

    let uncapped = enis.saturating_mul(per_eni).saturating_add(2);
    let formula = match mode {
        AddressMode::SecondaryIp => format!("{enis} × ({ips} − 1) + 2 = {uncapped}"),
        _ => format!("{enis} × (({ips} − 1) × 16) + 2 = {uncapped}"),
    };
    steps.push(step(Text::same(formula.clone()), CITE_CALC));

    if mode == AddressMode::Ipv6 {
        steps.push(step(
            text!(
                "IPv6 (Nitro only, no dual stack): the CNI gives the node one /80 prefix, 2^48 addresses, so addresses never limit pods; the kubelet's max pods does. EKS computes it as with prefix delegation.",
                "IPv6(Nitro만, 듀얼스택 불가): CNI가 노드에 /80 프리픽스 하나(주소 2^48개)를 주므로 주소가 Pod 수를 막지 않는다. 한계는 kubelet의 max pods이고, EKS는 프리픽스 위임과 같은 식으로 계산한다."
            ),
            CITE_IPV6,
        ));
    }

    let vc = vcpus(name);
    let (cap, value) = kubelet_cap(name, uncapped, opts, vc, &mut steps);

    Ok(MaxPods {
        instance_type: name,
        options: *opts,
        mode,
        enis,
        ipv4_per_eni: ips,
        per_eni,
        uncapped,
        cap,
        vcpus: vc,
        value,
        formula,
        steps,
    })
}

/// The uncapped value, the cap and the result, as one sentence in three parts that
/// may stand on separate lines ("Addresses: 3 × (10 − 1) + 2 = 29;" "cap for 2
/// vCPUs (≤ 30): 110;" "max pods = min(29, 110) = 29.").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapSentence {
    /// The uncapped value and its arithmetic.
    pub addresses: Text,
    /// The cap and why it is that cap.
    pub cap: Text,
    /// The result.
    pub result: Text,
}

impl CapSentence {
    /// The three parts joined.
    pub fn joined(&self) -> Text {
        let (a, c, r) = (&self.addresses, &self.cap, &self.result);
        Text {
            en: format!("{} {} {}", a.en, c.en, r.en),
            ko: format!("{} {} {}", a.ko, c.ko, r.ko),
        }
    }
}

impl MaxPods {
    /// The uncapped value, the cap and the result as one sentence.
    pub fn sentence(&self) -> CapSentence {
        let (f, un, value) = (&self.formula, self.uncapped, self.value);
        let addresses = if self.mode == AddressMode::Ipv6 {
            text!(
                "IPv6, counted as with prefixes: {f};",
                "IPv6는 프리픽스처럼 센다: {f},"
            )
        } else {
            text!("Addresses: {f};", "주소: {f},")
        };
        let Some(cap) = self.cap else {
            return CapSentence {
                addresses,
                cap: text!("no cap asked for;", "상한 없이 요청,"),
                result: text!("max pods = {value}.", "max pods = {value}."),
            };
        };
        let cap_text = match self.vcpus.map(|v| v.count) {
            Some(n) if n > CAP_VCPU_THRESHOLD => {
                text!(
                    "cap for {n} vCPUs (> 30): {cap};",
                    "vCPU {n}개(30개 초과)의 상한 {cap},"
                )
            }
            Some(n) => text!(
                "cap for {n} vCPUs (≤ 30): {cap};",
                "vCPU {n}개(30개 이하)의 상한 {cap},"
            ),
            None => text!("cap (vCPUs unknown): {cap};", "상한(vCPU 수 모름) {cap},"),
        };
        CapSentence {
            addresses,
            cap: cap_text,
            result: text!(
                "max pods = min({un}, {cap}) = {value}.",
                "max pods = min({un}, {cap}) = {value}."
            ),
        }
    }
}

/// Max pods of every known instance type with `opts`, sorted by type. Types the options
/// do not apply to (prefixes on Xen) are left out.
pub fn all(opts: &MaxPodsOptions) -> Vec<MaxPods> {
    limits::all()
        .iter()
        .filter_map(|l| max_pods_for(l, opts).ok())
        .collect()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod truth_tests;
