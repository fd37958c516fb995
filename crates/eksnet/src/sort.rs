//! Sorting and ordered collecting with one compiled sort for every caller.
//!
//! Each `sort_by` with its own closure, and each `collect` into a `BTreeMap` or
//! `BTreeSet` (which sorts its input first), compiles a full copy of the standard
//! library's stable sort: dozens of copies in the web app. These helpers sort a
//! list of indices through one shared, non-generic function and then move the
//! elements into place, or insert one by one; results are exactly those of the
//! standard calls (stable: equal elements keep their order; a map keeps the last
//! value of a repeated key). For short lists off the hot paths; the simulation's
//! own sorts stay as they are.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &order);
}

/// Sorts `v` stably by `key`, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The one compiled sort: indices, stably, by a comparison of the elements.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Moves the elements of `v` so that position `k` holds the element that was at
/// `order[k]` (`order` a permutation of the positions).
fn permute<T>(v: &mut [T], order: &[usize]) {
    for (i, &from) in order.iter().enumerate() {
        // Where the element meant for `i` is now: positions before `i` are final,
        // and an element moved away from `j < i` went to `order[j]`'s old place.
        let mut j = from;
        while j < i {
            j = order[j];
        }
        v.swap(i, j);
    }
}

/// Collects into a set, like `collect::<BTreeSet<_>>()`, without a sort.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for x in items {
        set.insert(x);
    }
    set
}

/// Collects into a map, like `collect::<BTreeMap<_, _>>()` (a repeated key keeps
/// its last value), without a sort.
pub fn map_of<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in items {
        map.insert(k, v);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_exactly_like_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut want = v.clone();
            want.sort_by_key(|a| a.0);
            let mut got = v.clone();
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(&got, &want);
            let mut by_key = v;
            sort_by_key(&mut by_key, |x| x.0);
            prop_assert_eq!(by_key, want);
        }

        #[test]
        fn collects_like_the_standard_collect(v in proptest::collection::vec((0u8..20, any::<u16>()), 0..100)) {
            prop_assert_eq!(map_of(v.iter().copied()), v.iter().copied().collect::<BTreeMap<_, _>>());
            prop_assert_eq!(set_of(v.iter().map(|x| x.0)), v.iter().map(|x| x.0).collect::<BTreeSet<_>>());
        }
    }

    #[test]
    fn moves_owned_values() {
        let mut v: Vec<String> = ["c", "a", "b", "a"].iter().map(|s| s.to_string()).collect();
        sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["a", "a", "b", "c"]);
    }
}
