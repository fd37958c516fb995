//! Deterministic names for what Kubernetes and EC2 would name at random.
//!
//! A Deployment's pods are named `<deployment>-<pod-template-hash>-<suffix>`, both
//! parts drawn from Kubernetes' alphabet of 27 characters without vowels; ENIs are
//! `eni-` and 17 hex digits. eksnet derives them from stable inputs (FNV-1a), so the
//! same scenario always gives the same names, and distinct replicas never collide:
//! the 5-character suffix is a bijection of the replica number (27⁵ = 14,348,907
//! names per workload).

/// Kubernetes' alphabet for generated names (`k8s.io/apimachinery/pkg/util/rand`).
const ALPHABET: &[u8; 27] = b"bcdfghjklmnpqrstvwxz2456789";
const SPACE5: u64 = 27 * 27 * 27 * 27 * 27;
/// Multiplier coprime with 27⁵: scrambles replica numbers without collisions.
const SCRAMBLE: u64 = 5_764_801;

/// FNV-1a over `parts`, separated by a zero byte.
pub(crate) fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn push_chars(out: &mut String, mut v: u64, n: usize) {
    for _ in 0..n {
        out.push(char::from(ALPHABET[(v % 27) as usize]));
        v /= 27;
    }
}

/// A pod-template hash for a workload: 10 characters of the alphabet.
pub(crate) fn template_hash(namespace: &str, workload: &str) -> String {
    let mut s = String::with_capacity(10);
    push_chars(&mut s, fnv(&[namespace, workload]), 10);
    s
}

/// Whether `hash` looks like a pod-template hash (so a pinned pod's can be reused).
pub(crate) fn is_template_hash(hash: &str) -> bool {
    (6..=10).contains(&hash.len()) && hash.bytes().all(|b| ALPHABET.contains(&b))
}

/// The 5-character suffix of the `n`-th generated name; distinct for distinct `n`
/// below 27⁵.
pub(crate) fn suffix(n: u64, salt: u64) -> String {
    let v = (n % SPACE5)
        .wrapping_mul(SCRAMBLE)
        .wrapping_add(salt % SPACE5)
        % SPACE5;
    let mut s = String::with_capacity(5);
    push_chars(&mut s, v, 5);
    s
}

/// A finaliser (splitmix64's) so that close inputs give unrelated-looking ids.
fn mix(mut h: u64) -> u64 {
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// `eni-` and 17 hex digits, stable for a node and an ENI index.
pub(crate) fn eni_id(node: &str, index: usize) -> String {
    let h = mix(fnv(&[node, &index.to_string()]));
    format!("eni-{h:017x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn suffixes_do_not_collide() {
        let salt = fnv(&["default", "web"]);
        let set: HashSet<String> = (0..50_000).map(|n| suffix(n, salt)).collect();
        assert_eq!(set.len(), 50_000);
        assert!(set.iter().all(|s| s.len() == 5));
    }

    #[test]
    fn names_are_stable_and_shaped_like_kubernetes() {
        let h = template_hash("default", "my-nginx");
        assert_eq!(h, template_hash("default", "my-nginx"));
        assert!(is_template_hash(&h));
        assert!(is_template_hash("5dc4865748"));
        assert!(!is_template_hash("my-nginx"));
        let e = eni_id("ip-192-168-46-6", 1);
        assert_eq!(e.len(), 21);
        assert!(e.starts_with("eni-"));
        assert_ne!(e, eni_id("ip-192-168-46-6", 2));
    }
}
