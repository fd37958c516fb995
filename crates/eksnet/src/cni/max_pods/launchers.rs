//! What each way of launching a node writes into the kubelet's `maxPods`.
//!
//! - `max-pods-calculator.sh` (amazon-eks-ami, the EKS recommendation): ENIs of card 0,
//!   minus one with `--cni-custom-networking-enabled`; ×16 with
//!   `--cni-prefix-delegation-enabled` only when EC2 reports the `nitro` hypervisor;
//!   then at most 110, or 250 above 30 vCPUs. It knows nothing of security groups for
//!   pods.
//! - Managed node groups without an AMI ID in the launch template: EKS computes the
//!   value "using the script" and enforces the 110 / 250 maximum, "whether prefix
//!   delegation is enabled or not" (EKS user guide).
//! - The AL2 AMI's `bootstrap.sh` with `--use-max-pods true` (its default): the line of
//!   `eni-max-pods.txt`, `ENIs × (IPs − 1) + 2`, uncapped, blind to prefix delegation,
//!   custom networking and security groups for pods.
//! - AL2023's `nodeadm` without `maxPodsExpression`:
//!   `default_enis × (ips_per_eni − 1) + 2` (`calculateStandardMaxPods`), uncapped; an
//!   expression or `kubelet.config.maxPods` changes it.
//! - Karpenter (`ENILimitedPods`):
//!   `(ENIs of the default card − RESERVED_ENIS) × (IPs − 1) + 2`, uncapped, with
//!   `RESERVED_ENIS` 0 by default; `spec.kubelet.maxPods` of the EC2NodeClass
//!   overrides it.

use serde::Serialize;

use super::truth::{Addresses, Question, Ref};
use super::{max_pods_for, MaxPods, MaxPodsError, MaxPodsOptions};
use crate::cni::limits::{Hypervisor, InstanceLimits};
use crate::{text, Text};

const REF_CALC: Ref = Ref {
    title: "amazon-eks-ami, max-pods-calculator.sh (last in templates/al2/runtime)",
    url: "https://github.com/awslabs/amazon-eks-ami/blob/0ab842803d827b8087d78dd2eff0bc408caec771/templates/al2/runtime/max-pods-calculator.sh",
};
const REF_MNG: Ref = Ref {
    title: "Amazon EKS User Guide: Create a managed node group (maxPods without an AMI ID)",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/create-managed-node-group.html",
};
const REF_BOOTSTRAP: Ref = Ref {
    title: "amazon-eks-ami, templates/al2/runtime/bootstrap.sh (--use-max-pods, eni-max-pods.txt)",
    url: "https://github.com/awslabs/amazon-eks-ami/blob/0ab842803d827b8087d78dd2eff0bc408caec771/templates/al2/runtime/bootstrap.sh",
};
const REF_NODEADM: Ref = Ref {
    title: "amazon-eks-ami, nodeadm/internal/kubelet/eni_max_pods.go (CalcMaxPods, maxPodsExpression)",
    url: "https://github.com/awslabs/amazon-eks-ami/blob/main/nodeadm/internal/kubelet/eni_max_pods.go",
};
const REF_KARPENTER: Ref = Ref {
    title: "karpenter-provider-aws, pkg/providers/instancetype/types.go (ENILimitedPods, RESERVED_ENIS)",
    url: "https://github.com/aws/karpenter-provider-aws/blob/main/pkg/providers/instancetype/types.go",
};

/// A way of launching a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Launcher {
    /// `max-pods-calculator.sh`: what EKS recommends.
    Calculator,
    /// A managed node group on an EKS-optimised AMI (no AMI ID in the launch template).
    ManagedNodeGroup,
    /// The AL2 AMI's `bootstrap.sh` (`--use-max-pods true`).
    Al2Bootstrap,
    /// AL2023's `nodeadm` (no `maxPodsExpression`).
    Al2023Nodeadm,
    /// Karpenter (`RESERVED_ENIS=0`, no `spec.kubelet.maxPods`).
    Karpenter,
}

/// How a launcher's value compares with the recommendation and the addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The recommended value, and every pod can get an address.
    Agrees,
    /// More pods than addresses: the extra pods are scheduled and stay
    /// ContainerCreating.
    AboveAddresses,
    /// Fewer pods than EKS recommends: the node is full early.
    BelowRecommended,
    /// More pods than EKS recommends (past the 110 / 250 cap).
    AboveRecommended,
}

/// One launcher's column of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LauncherRow {
    /// Which launcher.
    pub launcher: Launcher,
    /// Its name.
    pub name: Text,
    /// The `maxPods` it writes.
    pub value: u32,
    /// How it gets there (its arithmetic and what it ignores).
    pub how: Text,
    /// Pods that can really run: the value, or fewer when addresses run out.
    pub runnable: u32,
    /// How the value compares.
    pub verdict: Verdict,
    /// The comparison in words.
    pub note: Text,
    /// How to make it set the recommended value, when it does not.
    pub fix: Option<Text>,
    /// Where the behaviour comes from.
    pub source: Ref,
}

/// The calculator's answer (EKS's recommendation): prefixes only on `nitro` types.
pub(super) fn calculator(l: &InstanceLimits, q: &Question) -> Result<MaxPods, MaxPodsError> {
    let nitro = l.hypervisor == Hypervisor::Nitro;
    let opts = MaxPodsOptions {
        prefix_delegation: (q.prefix_delegation || q.ipv6) && nitro,
        custom_networking: q.custom_networking,
        ..MaxPodsOptions::default()
    };
    max_pods_for(l, &opts)
}

/// `ENIs × (IPs − 1) + 2` with every ENI of card 0: `eni-max-pods.txt`'s value.
fn table_value(l: &InstanceLimits) -> (u32, String) {
    let (e, ips) = (l.max_enis, l.ipv4_per_eni);
    let v = e.saturating_mul(l.slots_per_eni()).saturating_add(2);
    (v, format!("{e} × ({ips} − 1) + 2 = {v}"))
}

/// The verdict and its words for `value` against the addresses and `rec`.
fn judge(value: u32, a: &Addresses, rec: &MaxPods) -> (Verdict, Text) {
    let r = rec.value;
    match a.capacity() {
        Some(c) if value > c => (
            Verdict::AboveAddresses,
            text!(
                "{value} > {c} pods with an address: pods past {c} are scheduled and stay ContainerCreating",
                "{value} > 주소를 받을 수 있는 Pod {c}개: {c}개를 넘는 Pod는 배치되지만 ContainerCreating에 머문다"
            ),
        ),
        _ if value < r => (
            Verdict::BelowRecommended,
            text!(
                "{value} < {r} recommended: the node is full at {value} pods with addresses to spare",
                "{value} < 권장 {r}: 주소가 남아도 Pod {value}개에서 노드가 찬다"
            ),
        ),
        _ if value > r => {
            let cap = rec.cap.unwrap_or(r);
            (
                Verdict::AboveRecommended,
                text!(
                    "{value} > {r} recommended: past the cap of {cap} EKS tested for this size",
                    "{value} > 권장 {r}: EKS가 이 크기에 시험한 상한 {cap}을(를) 넘는다"
                ),
            )
        }
        _ => (
            Verdict::Agrees,
            text!("{value}: as recommended", "{value}: 권장값과 같다"),
        ),
    }
}

/// A row from its parts, judged.
fn row(
    launcher: Launcher,
    name: Text,
    (value, how): (u32, Text),
    fix: Option<Text>,
    source: Ref,
    ctx: (&Addresses, &MaxPods),
) -> LauncherRow {
    let (a, rec) = ctx;
    let (verdict, note) = judge(value, a, rec);
    LauncherRow {
        launcher,
        name,
        value,
        how,
        runnable: a.capacity().map_or(value, |c| value.min(c)),
        verdict,
        fix: (verdict != Verdict::Agrees && value != rec.value)
            .then_some(fix)
            .flatten(),
        note,
        source,
    }
}

/// A CEL `maxPodsExpression` for nodeadm that gives the recommended value.
fn nodeadm_expression(q: &Question, l: &InstanceLimits, rec: &MaxPods) -> String {
    let enis = if q.custom_networking {
        "(default_enis - 1)"
    } else {
        "default_enis"
    };
    let prefixes = (q.prefix_delegation || q.ipv6) && l.hypervisor == Hypervisor::Nitro;
    let per = if prefixes {
        "(ips_per_eni - 1) * 16"
    } else {
        "(ips_per_eni - 1)"
    };
    let e = format!("{enis} * {per} + 2");
    match rec.cap {
        Some(cap) if rec.uncapped > cap => format!("{e} < {cap} ? {e} : {cap}"),
        _ => e,
    }
}

/// Every launcher's row.
pub(super) fn rows(
    l: &InstanceLimits,
    q: &Question,
    a: &Addresses,
    rec: &MaxPods,
) -> Vec<LauncherRow> {
    let ctx = (a, rec);
    let (tv, tf) = table_value(l);
    let r = rec.value;
    let (rf, ignores_sgp) = (
        rec.formula.as_str(),
        if q.security_groups_for_pods {
            text!("; it ignores the trunk ENI", "; 트렁크 ENI는 셈하지 않는다")
        } else {
            Text::default()
        },
    );
    let (sg_en, sg_ko) = (&ignores_sgp.en, &ignores_sgp.ko);
    let no_nitro = (q.prefix_delegation || q.ipv6)
        && l.hypervisor != Hypervisor::Nitro
        && l.supports_prefixes();
    let calc_how = if no_nitro {
        text!(
            "{rf}, capped: it counts prefixes only when EC2 reports the nitro hypervisor, and this bare-metal type reports none{sg_en}",
            "{rf}, 상한 적용: EC2가 nitro 하이퍼바이저를 보고할 때만 프리픽스를 세는데 이 베어메탈 유형은 보고하지 않는다{sg_ko}"
        )
    } else {
        text!("{rf}, then the cap{sg_en}", "{rf}, 그다음 상한{sg_ko}")
    };
    let blind = text!(
        "uncapped, blind to prefix delegation, custom networking and security groups for pods",
        "상한 없음, 프리픽스 위임·커스텀 네트워킹·Pod 보안 그룹을 모른다"
    );
    let (bl_en, bl_ko) = (&blind.en, &blind.ko);
    let expr = nodeadm_expression(q, l, rec);
    let karpenter_fix = if q.custom_networking && !q.prefix_delegation && !q.ipv6 {
        text!(
            "set RESERVED_ENIS=1 on the Karpenter controller (or spec.kubelet.maxPods: {r} in the EC2NodeClass)",
            "Karpenter 컨트롤러에 RESERVED_ENIS=1을 준다(또는 EC2NodeClass에 spec.kubelet.maxPods: {r})"
        )
    } else {
        text!(
            "set spec.kubelet.maxPods: {r} in the EC2NodeClass",
            "EC2NodeClass에 spec.kubelet.maxPods: {r}을(를) 준다"
        )
    };
    vec![
        row(
            Launcher::Calculator,
            text!("max-pods-calculator.sh (EKS recommended)", "max-pods-calculator.sh(EKS 권장)"),
            (r, calc_how),
            None,
            REF_CALC,
            ctx,
        ),
        row(
            Launcher::ManagedNodeGroup,
            text!("Managed node group (EKS AMI, no AMI ID)", "관리형 노드 그룹(EKS AMI, AMI ID 없음)"),
            (
                r,
                text!(
                    "EKS runs the calculator's rules and enforces the 110 / 250 cap, prefix delegation or not{sg_en}",
                    "EKS가 계산기 규칙으로 구하고 프리픽스 위임과 관계없이 110 / 250 상한을 적용한다{sg_ko}"
                ),
            ),
            None,
            REF_MNG,
            ctx,
        ),
        row(
            Launcher::Al2Bootstrap,
            text!("AL2 bootstrap.sh (--use-max-pods true)", "AL2 bootstrap.sh(--use-max-pods true)"),
            (
                tv,
                text!("eni-max-pods.txt: {tf}, {bl_en}", "eni-max-pods.txt: {tf}, {bl_ko}"),
            ),
            Some(text!(
                "--use-max-pods false --kubelet-extra-args '--max-pods={r}'",
                "--use-max-pods false --kubelet-extra-args '--max-pods={r}'"
            )),
            REF_BOOTSTRAP,
            ctx,
        ),
        row(
            Launcher::Al2023Nodeadm,
            text!("AL2023 nodeadm (no maxPodsExpression)", "AL2023 nodeadm(maxPodsExpression 없음)"),
            (
                tv,
                text!(
                    "default_enis × (ips_per_eni − 1) + 2: {tf}, {bl_en}",
                    "default_enis × (ips_per_eni − 1) + 2: {tf}, {bl_ko}"
                ),
            ),
            Some(text!(
                "kubelet.maxPodsExpression: \"{expr}\" in the NodeConfig (or kubelet.config.maxPods: {r})",
                "NodeConfig에 kubelet.maxPodsExpression: \"{expr}\"(또는 kubelet.config.maxPods: {r})"
            )),
            REF_NODEADM,
            ctx,
        ),
        row(
            Launcher::Karpenter,
            text!("Karpenter (RESERVED_ENIS=0)", "Karpenter(RESERVED_ENIS=0)"),
            (
                tv,
                text!(
                    "ENILimitedPods: (ENIs − RESERVED_ENIS) × (IPs − 1) + 2 = {tf}, {bl_en}",
                    "ENILimitedPods: (ENI − RESERVED_ENIS) × (IP − 1) + 2 = {tf}, {bl_ko}"
                ),
            ),
            Some(karpenter_fix),
            REF_KARPENTER,
            ctx,
        ),
    ]
}
