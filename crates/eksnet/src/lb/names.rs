//! Deterministic names in the shapes AWS and Kubernetes give them (source 004,
//! consoles 2–6).
//!
//! | made by | load balancer name | DNS name | console |
//! |---|---|---|---|
//! | in-tree, CLB | `a` + the Service UID without dashes, 32 characters | `<name>-<10 digits>.<region>.elb.amazonaws.com` | 2 |
//! | in-tree, NLB | the same | `<name>-<16 hex>.elb.<region>.amazonaws.com` | 3 |
//! | controller, NLB | `k8s-<ns, 8>-<name, 8>-<10 hex>` | `<name>-<16 hex>.elb.<region>.amazonaws.com` | 4 |
//! | controller, ALB | `k8s-<ns, 8>-<name, 8>-<10 hex>` | `<name>-<9–10 digits>.<region>.elb.amazonaws.com` | 5 |
//! | controller, IngressGroup ALB | `k8s-<group, 17>-<10 hex>` | the same | 6 |
//!
//! (`<ns, 8>`: the namespace with everything but letters and digits removed, cut to
//! 8 characters.) AWS's random parts are a hash of the cluster and the object here,
//! so the same scenario always gives the same names. The digits of CLB and ALB names
//! are a number below 2³¹, as in the consoles. An internal load balancer's DNS name
//! starts with `internal-`.
//!
//! ```
//! use eksnet::lb::{clb_dns_name, nlb_dns_name};
//! let n = clb_dns_name("ad39ba2b8a05d44d2b88e3e11c9706b7", 1845382141, "ap-northeast-2");
//! assert_eq!(n, "ad39ba2b8a05d44d2b88e3e11c9706b7-1845382141.ap-northeast-2.elb.amazonaws.com");
//! assert!(nlb_dns_name("k8s-default-mynginxi-f9350243cc", "a75a0e7eb684cc04", "ap-northeast-2")
//!     .ends_with(".elb.ap-northeast-2.amazonaws.com"));
//! ```

/// A 64-bit hash of `parts` (FNV-1a, then a SplitMix64 finaliser), stable across
/// platforms and releases.
pub(crate) fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let mut z = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `len` lowercase hex digits derived from `parts`.
pub(crate) fn hex(parts: &[&str], len: usize) -> String {
    let mut out = String::with_capacity(len + 16);
    let mut round = 0u32;
    while out.len() < len {
        let r = round.to_string();
        let mut v: Vec<&str> = parts.to_vec();
        v.push(&r);
        out.push_str(&format!("{:016x}", hash(&v)));
        round += 1;
    }
    out.truncate(len);
    out
}

/// A number below 2³¹ derived from `parts` (the digits of CLB and ALB DNS names).
pub(crate) fn number(parts: &[&str]) -> u32 {
    (hash(parts) & 0x7fff_ffff) as u32
}

/// Letters and digits only.
pub(crate) fn sanitize(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// A Service UID (`8-4-4-4-12` hex) derived from the cluster and the Service.
pub(crate) fn uid(cluster: &str, namespace: &str, name: &str) -> String {
    let h = hex(&["uid", cluster, namespace, name], 32);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// The in-tree provider's name: `a` + the UID without dashes, 32 characters.
pub(crate) fn in_tree_name(uid: &str) -> String {
    let mut s = String::from("a");
    s.push_str(&uid.replace('-', ""));
    cut(&s, 32)
}

/// The controller's name for a Service's NLB or an Ingress's ALB:
/// `k8s-<ns, 8>-<name, 8>-<10 hex>`.
pub(crate) fn controller_name(cluster: &str, namespace: &str, name: &str, scheme: &str) -> String {
    let h = hex(&["lb", cluster, namespace, name, scheme], 10);
    format!(
        "k8s-{}-{}-{h}",
        cut(&sanitize(namespace), 8),
        cut(&sanitize(name), 8)
    )
}

/// The controller's name for an IngressGroup's ALB: `k8s-<group, 17>-<10 hex>`.
pub(crate) fn group_name(cluster: &str, group: &str, scheme: &str) -> String {
    let h = hex(&["group", cluster, group, scheme], 10);
    format!("k8s-{}-{h}", cut(&sanitize(group), 17))
}

/// The controller's name for a target group: `k8s-<ns, 8>-<svc, 8>-<10 hex>`.
pub(crate) fn target_group_name(
    cluster: &str,
    lb: &str,
    namespace: &str,
    service: &str,
    port: u16,
) -> String {
    let p = port.to_string();
    let h = hex(&["tg", cluster, lb, namespace, service, &p], 10);
    format!(
        "k8s-{}-{}-{h}",
        cut(&sanitize(namespace), 8),
        cut(&sanitize(service), 8)
    )
}

/// A CLB's DNS name: `<name>-<number>.<region>.elb.amazonaws.com` (console 2).
pub fn clb_dns_name(name: &str, number: u32, region: &str) -> String {
    format!("{name}-{number}.{region}.elb.amazonaws.com")
}

/// An NLB's DNS name: `<name>-<16 hex>.elb.<region>.amazonaws.com` (consoles 3, 4).
pub fn nlb_dns_name(name: &str, hex16: &str, region: &str) -> String {
    format!("{name}-{hex16}.elb.{region}.amazonaws.com")
}

/// An ALB's DNS name: `<name>-<number>.<region>.elb.amazonaws.com` (consoles 5, 6).
pub fn alb_dns_name(name: &str, number: u32, region: &str) -> String {
    clb_dns_name(name, number, region)
}

/// An internal load balancer's DNS name starts with `internal-`.
pub(crate) fn with_scheme(dns: String, internal: bool) -> String {
    if internal {
        format!("internal-{dns}")
    } else {
        dns
    }
}

/// Whether `host` has the shape of a DNS name of this kind in `region`, and if so
/// the load balancer name in it (the first label without its last `-part`, and
/// without the `internal-` of an internal load balancer, which `internal` must match).
pub(crate) fn name_in_host(host: &str, nlb: bool, internal: bool, region: &str) -> Option<String> {
    let suffix = if nlb {
        format!(".elb.{region}.amazonaws.com")
    } else {
        format!(".{region}.elb.amazonaws.com")
    };
    let first = host.strip_suffix(&suffix)?;
    let first = match (first.strip_prefix("internal-"), internal) {
        (Some(rest), true) => rest,
        (None, false) => first,
        _ => return None,
    };
    if first.contains('.') {
        return None;
    }
    let (name, id) = first.rsplit_once('-')?;
    let ok_id = if nlb {
        id.len() == 16 && id.chars().all(|c| c.is_ascii_hexdigit())
    } else {
        !id.is_empty() && id.len() <= 10 && id.chars().all(|c| c.is_ascii_digit())
    };
    let ok_name = !name.is_empty()
        && name.len() <= 32
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (ok_id && ok_name).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_consoles_shapes() {
        // Console 2/3: the in-tree name is `a` + the UID.
        assert_eq!(
            in_tree_name("d39ba2b8-a05d-44d2-b88e-3e11c9706b70"),
            "ad39ba2b8a05d44d2b88e3e11c9706b7"
        );
        // Console 4: `my-nginx-ipv4` → `mynginxi`.
        let n = controller_name("c", "default", "my-nginx-ipv4", "internet-facing");
        assert!(n.starts_with("k8s-default-mynginxi-"), "{n}");
        assert_eq!(n.len(), "k8s-default-mynginxi-f9350243cc".len());
        // Console 6: the group's name.
        let g = group_name("c", "mygroup", "internet-facing");
        assert!(g.starts_with("k8s-mygroup-") && g.len() == "k8s-mygroup-".len() + 10);
        // Deterministic, and different objects differ.
        assert_eq!(hex(&["a"], 16), hex(&["a"], 16));
        assert_ne!(hex(&["a"], 16), hex(&["b"], 16));
        assert_eq!(hex(&["a"], 40).len(), 40);
        assert!(number(&["x"]) < 1 << 31);
        let u = uid("c", "default", "x");
        assert_eq!(u.len(), 36);
        assert_eq!(u.matches('-').count(), 4);
    }

    #[test]
    fn names_are_read_back_from_hosts() {
        let r = "ap-northeast-2";
        let clb = clb_dns_name("ad39ba2b8a05d44d2b88e3e11c9706b7", 1845382141, r);
        assert_eq!(
            name_in_host(&clb, false, false, r).as_deref(),
            Some("ad39ba2b8a05d44d2b88e3e11c9706b7")
        );
        assert_eq!(name_in_host(&clb, true, false, r), None);
        assert_eq!(name_in_host(&clb, false, true, r), None);
        let internal = with_scheme(clb.clone(), true);
        assert!(internal.starts_with("internal-ad39"));
        assert_eq!(
            name_in_host(&internal, false, true, r).as_deref(),
            Some("ad39ba2b8a05d44d2b88e3e11c9706b7")
        );
        let nlb = nlb_dns_name("k8s-default-mynginxi-f9350243cc", "a75a0e7eb684cc04", r);
        assert_eq!(
            name_in_host(&nlb, true, false, r).as_deref(),
            Some("k8s-default-mynginxi-f9350243cc")
        );
        assert_eq!(name_in_host(&nlb, false, false, r), None);
        assert_eq!(name_in_host("example.com", false, false, r), None);
        assert_eq!(
            name_in_host("-1.ap-northeast-2.elb.amazonaws.com", false, false, r),
            None
        );
    }
}
