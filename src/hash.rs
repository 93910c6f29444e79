//! The hash maps of the hot paths (class names, repeated lines, sketches): std's `HashMap`
//! with foldhash, several times faster than SipHash on short keys. Its seed is per process
//! (address-space randomness), so a page can't precompute colliding keys.

/// A `HashMap` with foldhash's seeded hasher.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A fixed set of short names (tag and attribute names) with a look-up that costs one small
/// hash and usually one comparison: faster than a binary search, whose every step is a
/// `memcmp` call (it was ~6% of the native time on the ScrapingHub pages, measured with perf).
/// Not seeded: the names are the program's own, a page only chooses what it looks up.
#[derive(Debug, Clone)]
pub struct NameSet {
    names: &'static [&'static str],
    /// Index + 1 into `names`, 0 for an empty slot; open addressing, linear probing.
    slots: Vec<u16>,
    mask: usize,
}

impl NameSet {
    /// A set of `names` (at most 32 767; duplicates are found once).
    pub fn new(names: &'static [&'static str]) -> Self {
        let size = (names.len() * 2).next_power_of_two().max(8);
        let mut set = NameSet {
            names,
            slots: vec![0; size],
            mask: size - 1,
        };
        for (i, n) in names.iter().enumerate().take(u16::MAX as usize / 2) {
            let mut at = Self::hash(n.as_bytes()) & set.mask;
            while set.slots[at] != 0 {
                at = (at + 1) & set.mask;
            }
            set.slots[at] = i as u16 + 1;
        }
        set
    }

    fn hash(name: &[u8]) -> usize {
        let mut h: u32 = 0x811c_9dc5 ^ name.len() as u32;
        for &b in name {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        (h ^ (h >> 15)) as usize
    }

    /// The member equal to `name`, if any.
    #[inline]
    pub fn get(&self, name: &str) -> Option<&'static str> {
        let mut at = Self::hash(name.as_bytes()) & self.mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return None;
            }
            let n = self.names[usize::from(slot) - 1];
            if n == name {
                return Some(n);
            }
            at = (at + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NameSet;

    #[test]
    fn name_set_finds_members_only() {
        const NAMES: [&str; 6] = ["a", "abbr", "div", "p", "span", "table"];
        let set = NameSet::new(&NAMES);
        for n in NAMES {
            assert_eq!(set.get(n), Some(n));
        }
        for n in ["", "b", "di", "divs", "P", "tabl"] {
            assert_eq!(set.get(n), None, "{n}");
        }
    }
}
