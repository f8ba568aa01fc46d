//! Maps and sets for in-memory lookups keyed by ids and short words, hashed with the Fx hash
//! (`rustc-hash`, as rustc's own tables): the standard SipHash, built to resist keys crafted by
//! a network peer, costs more than the lookup it serves, and these keys come from the
//! project. Used by the passes that look a key up for each of many thousand annotations or
//! words. No result may depend on a map's iteration order (the standard hasher is seeded at
//! random per process, so nothing did), which leaves results unchanged by the swap.

use std::collections::{HashMap, HashSet};

/// Builds the Fx hasher.
pub type FastBuild = rustc_hash::FxBuildHasher;
/// A `HashMap` with the Fx hash.
pub type FastMap<K, V> = HashMap<K, V, FastBuild>;
/// A `HashSet` with the Fx hash.
pub type FastSet<T> = HashSet<T, FastBuild>;
