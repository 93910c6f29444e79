//! The hash maps of the hot paths (class names, repeated lines, sketches): std's `HashMap`
//! with foldhash, several times faster than SipHash on short keys. Its seed is per process
//! (address-space randomness), so a page can't precompute colliding keys.

/// A `HashMap` with foldhash's seeded hasher.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
