//! The max-pods truth table: for one instance type and the CNI features a cluster uses,
//! every rule that changes the answer (each with its source), the addresses the node
//! really has for pods, and what each way of launching the node writes into the
//! kubelet's `maxPods`, side by side, with where they disagree.
//!
//! The rules, as the VPC CNI and EKS apply them:
//!
//! - ENIs and IPv4 addresses per ENI, network card 0 only (the CNI's table);
//! - −1 per ENI (its primary address) and +2 (aws-node and kube-proxy, host network);
//! - prefix delegation: a /28 of 16 addresses per slot, Nitro and bare metal only;
//! - custom networking: eth0 hosts no pods, one ENI fewer;
//! - security groups for pods: the trunk ENI takes an ENI slot and never holds pod
//!   addresses (`GetAllocatableENIs` of the CNI's datastore skips it); each pod with
//!   its own security groups gets a branch ENI instead, up to the type's branch limit;
//! - IPv6: one /80 on eth0, addresses never limit pods;
//! - the cap EKS recommends: 110, or 250 above 30 vCPUs.
//!
//! ```
//! use eksnet::cni::max_pods::{truth_table, Launcher, Question, Verdict};
//! let q = Question { prefix_delegation: true, ..Question::default() };
//! let t = truth_table("m5.xlarge", &q).unwrap();
//! assert_eq!(t.recommended.value, 110);
//! let al2 = t.launchers.iter().find(|r| r.launcher == Launcher::Al2Bootstrap).unwrap();
//! assert_eq!((al2.value, al2.verdict), (58, Verdict::BelowRecommended));
//! ```

use serde::Serialize;

use super::launchers::{self, LauncherRow, Verdict};
use super::{max_pods_for, pod_eni, AddressMode, MaxPods, MaxPodsError, MaxPodsOptions};
use super::{CAP_HIGH_CPU, CAP_LOW_CPU, IPS_PER_PREFIX};
use crate::cni::limits::{self, Hypervisor, InstanceLimits};
use crate::cni::vcpus::{vcpus, Vcpus};
use crate::{text, Text};

/// A document a rule comes from: its title and where to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ref {
    /// The document's title (and section).
    pub title: &'static str,
    /// Its address.
    pub url: &'static str,
}

pub(super) const REF_CNI_TABLE: Ref = Ref {
    title: "amazon-vpc-cni-k8s, pkg/vpc/vpc_ip_resource_limit.go (network card 0)",
    url: "https://github.com/aws/amazon-vpc-cni-k8s/blob/master/pkg/vpc/vpc_ip_resource_limit.go",
};
pub(super) const REF_CNI_README: Ref = Ref {
    title: "amazon-vpc-cni-k8s README: --max-pods = ENIs × (IPs per ENI − 1) + 2",
    url: "https://github.com/aws/amazon-vpc-cni-k8s#readme",
};
pub(super) const REF_ENI_MAX_PODS: Ref = Ref {
    title: "amazon-vpc-cni-k8s, misc/eni-max-pods.txt (header: +2 for host-network pods)",
    url: "https://github.com/aws/amazon-vpc-cni-k8s/blob/master/misc/eni-max-pods.txt",
};
const REF_PREFIX: Ref = Ref {
    title: "Amazon EKS User Guide: Assign more IP addresses to Amazon EKS nodes with prefixes",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/cni-increase-ip-addresses.html",
};
const REF_CUSTOM: Ref = Ref {
    title: "Amazon EKS User Guide: Deploy Pods in alternate subnets with custom networking",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/cni-custom-network.html",
};
const REF_SGP: Ref = Ref {
    title: "Amazon EKS User Guide: Assign security groups to individual Pods (trunk and branch network interfaces)",
    url: pod_eni::DOC_URL,
};
const REF_BRANCH: Ref = Ref {
    title: "amazon-vpc-resource-controller-k8s, pkg/aws/vpc/limits.go (IsTrunkingCompatible, BranchInterface)",
    url: pod_eni::LIMITS_URL,
};
const REF_IPV6: Ref = Ref {
    title: "Amazon EKS User Guide: Learn about IPv6 addresses to clusters, Pods, and services",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/cni-ipv6.html",
};
pub(super) const REF_CAP: Ref = Ref {
    title: "Amazon EKS User Guide: Amazon EKS recommended maximum Pods for each Amazon EC2 instance type",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/choosing-instance-type.html#determine-max-pods",
};

/// What the cluster uses, as the "Max pods" question asks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// `ENABLE_PREFIX_DELEGATION=true`.
    pub prefix_delegation: bool,
    /// Custom networking (`AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true`, ENIConfigs).
    pub custom_networking: bool,
    /// Security groups for pods (`ENABLE_POD_ENI=true`).
    pub security_groups_for_pods: bool,
    /// An IPv6 cluster.
    pub ipv6: bool,
}

impl Question {
    /// The question a scenario asks: its first EC2 node group's instance type
    /// (`m5.large` when it has none) and its CNI settings. Custom networking does not
    /// apply to an IPv6 cluster (the VPC CNI ignores ENIConfigs there); security
    /// groups for pods is not a scenario setting, so it starts off.
    pub fn of_scenario(s: &crate::Scenario) -> (String, Question) {
        use crate::scenario::{IpFamily, NodeGroupKind};
        let it = s
            .node_groups
            .iter()
            .find(|g| g.kind != NodeGroupKind::Fargate)
            .map_or_else(|| "m5.large".to_string(), |g| g.instance_type.clone());
        let ipv6 = s.cluster.kubernetes_network_config.ip_family == IpFamily::Ipv6;
        let q = Question {
            prefix_delegation: s.cni.enable_prefix_delegation,
            custom_networking: s.cni.custom_network_cfg && !ipv6,
            security_groups_for_pods: false,
            ipv6,
        };
        (it, q)
    }
}

/// Which rule a row of the table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// ENIs and IPv4 addresses per ENI (network card 0).
    EniLimits,
    /// −1 per ENI: its primary address.
    PrimaryIp,
    /// +2: host-network pods.
    HostNetwork,
    /// /28 prefixes, ×16.
    PrefixDelegation,
    /// One ENI fewer.
    CustomNetworking,
    /// Trunk ENI and branch ENIs.
    SecurityGroupsForPods,
    /// /80 per node.
    Ipv6,
    /// 110 / 250 by vCPUs.
    KubeletCap,
}

/// Whether a rule changes the answer for this type and question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleState {
    /// It changes the answer.
    Applies,
    /// The feature is off.
    Off,
    /// The feature is on but the type does not support it.
    NotSupported,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    /// Which rule.
    pub kind: RuleKind,
    /// Whether it applies.
    pub state: RuleState,
    /// Its name.
    pub name: Text,
    /// What it does for this type, with the numbers.
    pub effect: Text,
    /// Where it comes from.
    pub source: Ref,
}

/// The addresses a node of the type has for pods under the question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Addresses {
    /// How pods get addresses.
    pub mode: AddressMode,
    /// ENIs on network card 0.
    pub enis: u32,
    /// ENIs whose addresses go to pods (custom networking and the trunk taken off).
    pub pool_enis: u32,
    /// Pod addresses per pool ENI.
    pub per_eni: u32,
    /// Pods that can get an address from the pool, host-network pods included;
    /// `None` in IPv6, where addresses never run out.
    pub ip_pods: Option<u32>,
    /// Pods with their own security groups, on branch ENIs (0 when off).
    pub branch_pods: u32,
    /// The arithmetic of `ip_pods`, e.g. `2 × (10 − 1) + 2 = 20`.
    pub formula: String,
}

impl Addresses {
    /// Pods that can get an address at all (pool and branch ENIs); `None`: no limit.
    pub fn capacity(&self) -> Option<u32> {
        self.ip_pods.map(|n| n.saturating_add(self.branch_pods))
    }
}

/// The truth table of one instance type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TruthTable {
    /// The instance type.
    pub instance_type: &'static str,
    /// What was asked.
    pub question: Question,
    /// Its hypervisor.
    pub hypervisor: Hypervisor,
    /// Bare metal.
    pub bare_metal: bool,
    /// Network cards (the CNI uses card 0 only).
    pub network_cards: u32,
    /// Derived vCPUs.
    pub vcpus: Option<Vcpus>,
    /// Branch ENIs when trunk-compatible.
    pub branch_enis: Option<u32>,
    /// Every rule, in the order they apply.
    pub rules: Vec<Rule>,
    /// The addresses the node really has for pods.
    pub addresses: Addresses,
    /// The value EKS recommends (the calculator's), with its breakdown.
    pub recommended: MaxPods,
    /// The uncapped value, the cap and the result, as one sentence.
    pub sentence: Text,
    /// What each launcher writes into the kubelet's `maxPods`.
    pub launchers: Vec<LauncherRow>,
    /// Whether the launchers disagree with each other, the recommendation or the
    /// addresses.
    pub disagree: bool,
}

/// The truth table of `instance_type` for question `q`.
pub fn truth_table(instance_type: &str, q: &Question) -> Result<TruthTable, MaxPodsError> {
    let l = limits::find(instance_type).map_err(MaxPodsError::UnknownType)?;
    truth_table_for(l, q)
}

/// The truth table of a known type.
pub fn truth_table_for(l: &InstanceLimits, q: &Question) -> Result<TruthTable, MaxPodsError> {
    if q.ipv6 {
        // IPv6 with custom networking, or on a type without prefixes: the CNI refuses.
        let o = MaxPodsOptions {
            ipv6: true,
            custom_networking: q.custom_networking,
            ..MaxPodsOptions::default()
        };
        max_pods_for(l, &o)?;
    }
    let vc = vcpus(l.name);
    let branch = pod_eni::branch_enis(l.name);
    let addresses = addresses(l, q, branch);
    let recommended = launchers::calculator(l, q)?;
    let rules = rules(l, q, branch, &addresses, vc);
    let launchers = launchers::rows(l, q, &addresses, &recommended);
    let first = launchers.first().map(|r| r.value);
    let disagree = launchers
        .iter()
        .any(|r| Some(r.value) != first || r.verdict != Verdict::Agrees);
    Ok(TruthTable {
        instance_type: l.name,
        question: *q,
        hypervisor: l.hypervisor,
        bare_metal: l.bare_metal,
        network_cards: l.network_cards,
        vcpus: vc,
        branch_enis: branch,
        rules,
        addresses,
        sentence: recommended.sentence().joined(),
        recommended,
        launchers,
        disagree,
    })
}

/// The addresses of the node: the pool ENIs, their addresses, branch ENIs.
fn addresses(l: &InstanceLimits, q: &Question, branch: Option<u32>) -> Addresses {
    let prefixes = (q.prefix_delegation || q.ipv6) && l.supports_prefixes();
    let mode = if q.ipv6 {
        AddressMode::Ipv6
    } else if prefixes {
        AddressMode::Prefix
    } else {
        AddressMode::SecondaryIp
    };
    let trunk = u32::from(q.security_groups_for_pods && branch.is_some());
    let pool_enis = l
        .max_enis
        .saturating_sub(u32::from(q.custom_networking))
        .saturating_sub(trunk);
    let (ips, slots) = (l.ipv4_per_eni, l.slots_per_eni());
    let per_eni = if prefixes {
        slots.saturating_mul(IPS_PER_PREFIX)
    } else {
        slots
    };
    let n = pool_enis.saturating_mul(per_eni).saturating_add(2);
    let formula = if prefixes {
        format!("{pool_enis} × (({ips} − 1) × 16) + 2 = {n}")
    } else {
        format!("{pool_enis} × ({ips} − 1) + 2 = {n}")
    };
    Addresses {
        mode,
        enis: l.max_enis,
        pool_enis,
        per_eni,
        ip_pods: (!q.ipv6).then_some(n),
        branch_pods: if q.security_groups_for_pods {
            branch.unwrap_or(0)
        } else {
            0
        },
        formula,
    }
}

fn rule(kind: RuleKind, state: RuleState, name: Text, effect: Text, source: Ref) -> Rule {
    Rule {
        kind,
        state,
        name,
        effect,
        source,
    }
}

/// Every rule's row.
fn rules(
    l: &InstanceLimits,
    q: &Question,
    branch: Option<u32>,
    a: &Addresses,
    vc: Option<Vcpus>,
) -> Vec<Rule> {
    use RuleState::{Applies, Off};
    let (name, enis, ips, slots) = (l.name, l.max_enis, l.ipv4_per_eni, l.slots_per_eni());
    let other = l.network_cards.saturating_sub(1);
    let cards = if other > 0 {
        text!(
            "; its {other} other network cards hold no pod ENIs",
            ". 나머지 네트워크 카드 {other}개에는 Pod용 ENI가 없다"
        )
    } else {
        Text::default()
    };
    let (cards_en, cards_ko) = (cards.en, cards.ko);
    let mut out = vec![
        rule(
            RuleKind::EniLimits,
            Applies,
            text!("ENIs × IPv4 per ENI", "ENI 수 × ENI당 IPv4"),
            text!(
                "{name}: {enis} ENIs on network card 0, {ips} IPv4 addresses each{cards_en}",
                "{name}: 네트워크 카드 0에 ENI {enis}개, ENI마다 IPv4 {ips}개{cards_ko}"
            ),
            REF_CNI_TABLE,
        ),
        rule(
            RuleKind::PrimaryIp,
            Applies,
            text!("−1 per ENI", "ENI마다 −1"),
            text!(
                "each ENI's primary address is its own: {slots} of its {ips} can go to pods",
                "ENI의 기본 주소는 ENI 자신의 것이라 {ips}개 중 {slots}개만 Pod에 간다"
            ),
            REF_CNI_README,
        ),
        rule(
            RuleKind::HostNetwork,
            Applies,
            text!("+2 host-network pods", "+2 호스트 네트워크 Pod"),
            text!(
                "aws-node and kube-proxy use the node's own IP and still count as pods",
                "aws-node와 kube-proxy는 노드 자신의 IP를 쓰지만 Pod 수에는 든다"
            ),
            REF_ENI_MAX_PODS,
        ),
        prefix_rule(l, q, a),
    ];
    let per = a.per_eni;
    out.push(if q.custom_networking {
        let left = enis.saturating_sub(1);
        rule(
            RuleKind::CustomNetworking,
            Applies,
            text!("Custom networking", "커스텀 네트워킹"),
            text!(
                "eth0 stays in the node's subnet and hosts no pods: {left} of {enis} ENIs take pods",
                "eth0은 노드 서브넷에 남고 Pod를 받지 않는다: ENI {enis}개 중 {left}개만 Pod를 받는다"
            ),
            REF_CUSTOM,
        )
    } else {
        rule(
            RuleKind::CustomNetworking,
            Off,
            text!("Custom networking", "커스텀 네트워킹"),
            text!("off: eth0 takes pods too", "꺼짐: eth0도 Pod를 받는다"),
            REF_CUSTOM,
        )
    });
    out.push(sgp_rule(l, q, branch, a));
    out.push(if q.ipv6 {
        rule(
            RuleKind::Ipv6,
            Applies,
            text!("IPv6", "IPv6"),
            text!(
                "one /80 prefix on eth0 (2^48 addresses): addresses never limit pods, the cap does",
                "eth0에 /80 프리픽스 하나(주소 2^48개): 주소는 Pod 수를 막지 않고 상한이 막는다"
            ),
            REF_IPV6,
        )
    } else {
        rule(
            RuleKind::Ipv6,
            Off,
            text!("IPv6", "IPv6"),
            text!(
                "IPv4 cluster: {per} pod addresses per ENI",
                "IPv4 클러스터: ENI당 Pod 주소 {per}개"
            ),
            REF_IPV6,
        )
    });
    out.push(cap_rule(vc));
    out
}

fn prefix_rule(l: &InstanceLimits, q: &Question, a: &Addresses) -> Rule {
    let name = text!("Prefix delegation ×16", "프리픽스 위임 ×16");
    let (slots, per, t) = (l.slots_per_eni(), a.per_eni, l.name);
    let wanted = q.prefix_delegation || q.ipv6;
    let (state, effect) = if !wanted {
        (
            RuleState::Off,
            text!(
                "off: one address per slot, {per} per ENI",
                "꺼짐: 슬롯마다 주소 하나, ENI당 {per}개"
            ),
        )
    } else if l.supports_prefixes() {
        (
            RuleState::Applies,
            text!(
                "each of the {slots} slots holds a /28 of 16 addresses: {per} per ENI (Nitro or bare metal)",
                "슬롯 {slots}개마다 /28(주소 16개)이 들어가 ENI당 {per}개다(Nitro 또는 베어메탈)"
            ),
        )
    } else {
        (
            RuleState::NotSupported,
            text!(
                "{t} is not Nitro: the CNI keeps one address per slot, {per} per ENI",
                "{t}은(는) Nitro가 아니다: CNI는 슬롯마다 주소 하나, ENI당 {per}개로 남는다"
            ),
        )
    };
    rule(RuleKind::PrefixDelegation, state, name, effect, REF_PREFIX)
}

fn sgp_rule(l: &InstanceLimits, q: &Question, branch: Option<u32>, a: &Addresses) -> Rule {
    let name = text!("Security groups for pods", "Pod 보안 그룹");
    let t = l.name;
    let (state, effect, source) = match (q.security_groups_for_pods, branch) {
        (false, Some(b)) => (
            RuleState::Off,
            text!(
                "off (ENABLE_POD_ENI=false); on, a trunk ENI would take an ENI slot and up to {b} pods could have their own security groups",
                "꺼짐(ENABLE_POD_ENI=false). 켜면 트렁크 ENI가 ENI 한 자리를 차지하고 Pod 최대 {b}개가 자기 보안 그룹을 가진다"
            ),
            REF_SGP,
        ),
        (false, None) => (
            RuleState::Off,
            text!(
                "off; {t} is not trunk-compatible anyway",
                "꺼짐. {t}은(는) 트렁크를 지원하지 않는다"
            ),
            REF_BRANCH,
        ),
        (true, None) => (
            RuleState::NotSupported,
            text!(
                "{t} is not trunk-compatible: no trunk ENI, and pods matched by a SecurityGroupPolicy stay Pending",
                "{t}은(는) 트렁크를 지원하지 않는다: 트렁크 ENI가 없고 SecurityGroupPolicy에 맞는 Pod는 Pending에 머문다"
            ),
            REF_BRANCH,
        ),
        (true, Some(b)) => {
            let pool = a.pool_enis;
            let effect = if q.ipv6 {
                text!(
                    "the trunk ENI takes an ENI slot (pod addresses still come from eth0's /80); up to {b} pods get their own security groups on branch ENIs",
                    "트렁크 ENI가 ENI 한 자리를 차지한다(Pod 주소는 여전히 eth0의 /80에서). Pod 최대 {b}개가 브랜치 ENI에서 자기 보안 그룹을 가진다"
                )
            } else {
                text!(
                    "the trunk ENI takes an ENI slot and holds no pod addresses: {pool} ENIs left for pod IPs; up to {b} pods get their own security groups on branch ENIs, each on its branch's own address",
                    "트렁크 ENI가 ENI 한 자리를 차지하고 Pod 주소를 갖지 않는다: Pod IP용 ENI는 {pool}개. Pod 최대 {b}개가 브랜치 ENI에서 자기 보안 그룹과 브랜치 자신의 주소를 받는다"
                )
            };
            (RuleState::Applies, effect, REF_SGP)
        }
    };
    rule(RuleKind::SecurityGroupsForPods, state, name, effect, source)
}

fn cap_rule(vc: Option<Vcpus>) -> Rule {
    let effect = match vc.map(|v| v.count) {
        Some(n) if n > super::CAP_VCPU_THRESHOLD => text!(
            "{n} vCPUs, more than 30: EKS recommends at most {CAP_HIGH_CPU}",
            "vCPU {n}개, 30개 초과: EKS 권장 상한은 {CAP_HIGH_CPU}"
        ),
        Some(n) => text!(
            "{n} vCPUs, at most 30: EKS recommends at most {CAP_LOW_CPU}",
            "vCPU {n}개, 30개 이하: EKS 권장 상한은 {CAP_LOW_CPU}"
        ),
        None => text!(
            "vCPUs unknown: the lower cap, {CAP_LOW_CPU}, is assumed",
            "vCPU 수를 몰라 낮은 상한 {CAP_LOW_CPU}을(를) 가정한다"
        ),
    };
    rule(
        RuleKind::KubeletCap,
        RuleState::Applies,
        text!("Cap 110 / 250 by vCPUs", "vCPU에 따른 상한 110 / 250"),
        effect,
        REF_CAP,
    )
}

#[cfg(test)]
mod question_tests {
    use super::Question;
    use crate::scenario::IpFamily;
    use crate::Scenario;

    #[test]
    fn the_default_scenario_asks_about_its_m5_large() {
        let (it, q) = Question::of_scenario(&Scenario::example());
        assert_eq!(it, "m5.large");
        assert_eq!(q, Question::default());
        let mut s = Scenario::example();
        s.cni.custom_network_cfg = true;
        assert!(Question::of_scenario(&s).1.custom_networking);
        s.cluster.kubernetes_network_config.ip_family = IpFamily::Ipv6;
        let (_, q) = Question::of_scenario(&s);
        assert!(q.ipv6 && !q.custom_networking);
    }
}
