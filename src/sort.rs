//! One stable sort for the whole crate.
//!
//! std's sorts are fast and large: every element type gets its own copy of driftsort or
//! ipnsort (3–5 KB of code each). Natively that is the right trade and [`by`] is std's
//! `sort_by`. In the browser module the ten or so types sorted here cost ~28 KB before gzip
//! (measured with `twiggy top`, 2026-12-01), so there [`by`] is a small bottom-up merge sort
//! over indices, then one pass that moves the elements into place. Both are stable, so both
//! give the same order on every target; the lists sorted are short (a page's date hits,
//! repeated-line votes, a block's shingles) or built once (vocabulary tables).

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`.
#[inline]
pub(crate) fn by<T>(v: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    merge_by(v, cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
}

/// Sorts `v` by its natural order. For the types sorted with it (integers, strings, tuples of
/// them) elements that compare equal are identical, so stable and unstable orders agree:
/// natively it is std's faster unstable sort.
#[inline]
pub(crate) fn natural<T: Ord>(v: &mut [T]) {
    #[cfg(target_arch = "wasm32")]
    merge_by(v, T::cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable();
}

/// Sorts hashes (a paragraph's shingles: a long one has a thousand or more). Natively std's
/// unstable sort; in the browser module a merge sort of the values themselves, without the
/// index indirection and comparison closure of [`merge_by`] (about twice as fast, a few
/// hundred bytes).
#[inline]
pub(crate) fn hashes(v: &mut [u64]) {
    #[cfg(target_arch = "wasm32")]
    merge_u64(v);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable();
}

/// Bottom-up merge sort of integers: runs of 8 by insertion, then merges through one buffer.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn merge_u64(v: &mut [u64]) {
    const RUN: usize = 8;
    let n = v.len();
    for run in v.chunks_mut(RUN) {
        for i in 1..run.len() {
            let x = run[i];
            let mut j = i;
            while j > 0 && run[j - 1] > x {
                run[j] = run[j - 1];
                j -= 1;
            }
            run[j] = x;
        }
    }
    if n <= RUN {
        return;
    }
    let mut buf = vec![0u64; n];
    let mut width = RUN;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut a, mut b) = (start, mid);
            for slot in &mut buf[start..end] {
                if b < end && (a >= mid || v[b] < v[a]) {
                    *slot = v[b];
                    b += 1;
                } else {
                    *slot = v[a];
                    a += 1;
                }
            }
            start = end;
        }
        for (to, from) in v.iter_mut().zip(&buf) {
            *to = *from;
        }
        width *= 2;
    }
}

/// Stable bottom-up merge sort: O(n log n) comparisons, two index buffers, no recursion.
/// Generic only in its last step, the swaps: the merging runs in [`merge_swaps`], one copy
/// for every element type (each type's own copy of it was ~1 KB of the browser module).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn merge_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let swaps = {
        let v = &*v;
        merge_swaps(n, &mut |b, a| cmp(&v[b], &v[a]).is_lt())
    };
    for (a, b) in swaps {
        v.swap(a, b);
    }
}

/// The swaps, in order, that sort `0..n`; `less(b, a)`: element `b` sorts strictly before
/// element `a`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[inline(never)]
fn merge_swaps(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<(usize, usize)> {
    // order[k]: the index (in v as given) of the element that belongs at k.
    let mut order: Vec<usize> = (0..n).collect();
    let mut next = vec![0usize; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut a, mut b) = (start, mid);
            for slot in &mut next[start..end] {
                // Take from the right run only when strictly smaller: stable.
                let right = b < end && (a >= mid || less(order[b], order[a]));
                if right {
                    *slot = order[b];
                    b += 1;
                } else {
                    *slot = order[a];
                    a += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut next);
        width *= 2;
    }
    // Follow each cycle of the permutation once: position `at` takes the element from
    // `order[at]`; done positions are marked with n.
    let mut swaps = Vec::new();
    for first in 0..n {
        let mut at = first;
        while order[at] != n {
            let from = order[at];
            order[at] = n;
            if from == first {
                break;
            }
            swaps.push((at, from));
            at = from;
        }
    }
    swaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sort_is_stable_and_agrees_with_std() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for n in [0, 1, 2, 3, 5, 8, 13, 64, 100, 257, 1000] {
            for modulo in [3u64, 50, 1 << 40] {
                let v: Vec<(u64, usize)> = (0..n)
                    .map(|i| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        (seed % modulo, i)
                    })
                    .collect();
                let mut ours = v.clone();
                merge_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut std = v.clone();
                std.sort_by_key(|a| a.0);
                assert_eq!(ours, std, "n={n} modulo={modulo}");
            }
        }
        for n in [0, 1, 7, 8, 9, 16, 17, 100, 1000, 4097] {
            let mut v: Vec<u64> = (0..n)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed % 1000
                })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            merge_u64(&mut v);
            assert_eq!(v, want, "u64 n={n}");
        }
        let mut words = vec!["pear", "apple", "fig", "apple", "kiwi"];
        merge_by(&mut words, |a, b| a.cmp(b));
        assert_eq!(words, ["apple", "apple", "fig", "kiwi", "pear"]);
    }
}
