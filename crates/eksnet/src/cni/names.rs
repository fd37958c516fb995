//! Deterministic names for what Kubernetes and EC2 would name at random.
//!
//! A Deployment's pods are named `<deployment>-<pod-template-hash>-<suffix>`, both
//! parts drawn from Kubernetes' alphabet of 27 characters without vowels; ENIs are
//! `eni-` and 17 hex digits. eksnet derives them from stable inputs (FNV-1a), so the
//! same scenario always gives the same names, and distinct replicas never collide:
//! the 5-character suffix is a bijection of the replica number (27⁵ = 14,348,907
//! names per workload).

use super::pod_name::PodName;

/// Kubernetes' alphabet for generated names (`k8s.io/apimachinery/pkg/util/rand`).
const ALPHABET: &[u8; 27] = b"bcdfghjklmnpqrstvwxz2456789";
const SPACE5: u64 = 27 * 27 * 27 * 27 * 27;
/// Multiplier coprime with 27⁵: scrambles replica numbers without collisions.
const SCRAMBLE: u64 = 5_764_801;

/// FNV-1a over `parts`, separated by a zero byte.
pub(crate) fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    for p in parts {
        for &b in p.as_bytes() {
            eat(b);
        }
        eat(0);
    }
    h
}

fn push_chars(out: &mut String, mut v: u64, n: usize) {
    for _ in 0..n {
        out.push(char::from(ALPHABET[(v % 27) as usize]));
        v /= 27;
    }
}

/// The five alphabet bytes of `v` (below 27⁵), as one `&str`-able array.
fn chars5(mut v: u64) -> [u8; 5] {
    let mut b = [b'b'; 5];
    for x in &mut b {
        *x = ALPHABET[(v % 27) as usize];
        v /= 27;
    }
    b
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
/// below 27⁵ (tests only: names are built by [`replica_name`]).
#[cfg(test)]
pub(crate) fn suffix(n: u64, salt: u64) -> String {
    replica_name("", "", n, salt)
        .get(1..)
        .unwrap_or_default()
        .to_string()
}

/// A finaliser (splitmix64's) so that close inputs give unrelated-looking ids.
fn mix(mut h: u64) -> u64 {
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// `<workload>-<hash>-<suffix of n>` (no allocation when short, see [`PodName`]).
pub(crate) fn replica_name(workload: &str, hash: &str, n: u64, salt: u64) -> PodName {
    let v = (n % SPACE5)
        .wrapping_mul(SCRAMBLE)
        .wrapping_add(salt % SPACE5)
        % SPACE5;
    name_with(workload, hash, &chars5(v))
}

/// The tail at position `pos` of the sequence [`Suffixes::new`]`(salt)` yields (the
/// same as calling `next_tail` `pos + 1` times), without walking it.
pub(crate) fn tail_at(salt: u64, pos: u64) -> [u8; 5] {
    let v = (salt % SPACE5 + (pos % SPACE5) * (SCRAMBLE % SPACE5) % SPACE5) % SPACE5;
    chars5(v)
}

/// `<workload>-<hash>-<tail>` (`<workload>-<tail>` without a hash).
pub(crate) fn name_with(workload: &str, hash: &str, tail: &[u8; 5]) -> PodName {
    // The alphabet is ASCII, so the bytes are valid UTF-8.
    let tail = std::str::from_utf8(tail).unwrap_or("bbbbb");
    if hash.is_empty() {
        PodName::concat(&[workload, "-", tail])
    } else {
        PodName::concat(&[workload, "-", hash, "-", tail])
    }
}

/// The suffixes of replicas 0, 1, 2, … in order, as [`replica_name`] makes them,
/// without a division per name: the scrambled number advances by a constant, added
/// digit by digit in base 27.
#[cfg(test)]
pub(crate) struct Suffixes {
    digits: [u8; 5],
    step: [u8; 5],
}

#[cfg(test)]
impl Suffixes {
    /// Suffixes for a workload's `salt`.
    pub(crate) fn new(salt: u64) -> Suffixes {
        let digits = |mut v: u64| {
            let mut d = [0u8; 5];
            for x in &mut d {
                *x = (v % 27) as u8;
                v /= 27;
            }
            d
        };
        Suffixes {
            digits: digits(salt % SPACE5),
            step: digits(SCRAMBLE % SPACE5),
        }
    }

    /// The next suffix, as alphabet bytes.
    pub(crate) fn next_tail(&mut self) -> [u8; 5] {
        let mut out = [b'b'; 5];
        for (o, &d) in out.iter_mut().zip(&self.digits) {
            // Digits stay below 27.
            *o = ALPHABET.get(usize::from(d)).copied().unwrap_or(b'b');
        }
        let mut carry = 0u8;
        for (d, &s) in self.digits.iter_mut().zip(&self.step) {
            let sum = *d + s + carry;
            carry = u8::from(sum >= 27);
            *d = sum - 27 * carry;
        }
        out
    }
}

/// `eni-` and 17 hex digits, stable for a node and an ENI index.
#[cfg(test)]
pub(crate) fn eni_id(node: &str, index: usize) -> String {
    eni_id_of(fnv(&[node]), index)
}

/// [`eni_id`] from the node name's [`fnv`] hash (computed once per node).
pub(crate) fn eni_id_of(node_hash: u64, index: usize) -> String {
    let h = mix(node_hash ^ (index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    // `format!("eni-{h:017x}")`, without the formatting machinery (made for
    // every ENI of every node).
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(21);
    s.push_str("eni-");
    for k in (0..17).rev() {
        let nibble = if k >= 16 { 0 } else { (h >> (4 * k)) & 15 };
        s.push(char::from(HEX[nibble as usize]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn tail_at_is_the_sequence_read_anywhere() {
        for salt in [0u64, 1, 26, 12_345_678_901, u64::MAX] {
            let mut seq = Suffixes::new(salt);
            for pos in 0..2_000u64 {
                assert_eq!(tail_at(salt, pos), seq.next_tail(), "salt {salt} pos {pos}");
            }
        }
        // Far along too (a workload of millions of replicas).
        let mut seq = Suffixes::new(7);
        let far: Vec<[u8; 5]> = (0..3_000_000u64).map(|_| seq.next_tail()).collect();
        for pos in [1_000_000u64, 2_999_999] {
            assert_eq!(tail_at(7, pos), far[pos as usize]);
        }
    }

    #[test]
    fn suffixes_do_not_collide() {
        let salt = fnv(&["default", "web"]);
        let set: HashSet<String> = (0..50_000).map(|n| suffix(n, salt)).collect();
        assert_eq!(set.len(), 50_000);
        assert!(set.iter().all(|s| s.len() == 5));
    }

    #[test]
    fn incremental_suffixes_match_the_formula() {
        let salt = fnv(&["default", "web"]);
        let mut it = Suffixes::new(salt);
        for n in 0..5_000 {
            let tail = it.next_tail();
            assert_eq!(
                name_with("web", "h", &tail),
                replica_name("web", "h", n, salt)
            );
        }
    }

    #[test]
    fn eni_ids_are_seventeen_hex_digits() {
        for (node, i) in [("a", 0), ("ip-10-0-0-1", 3), ("", 15)] {
            let h = mix(fnv(&[node]) ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            assert_eq!(eni_id(node, i), format!("eni-{h:017x}"));
        }
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
