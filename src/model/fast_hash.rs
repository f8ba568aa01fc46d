//! [`FastHasher`]: a quick hash for in-memory lookups keyed by ids and short words, where the
//! standard SipHash (built to resist crafted keys from a network) costs more than the lookup
//! it serves. Used by the passes that look a key up for each of many thousand annotations or
//! words. No result may depend on a map's iteration order (the standard hasher is seeded at
//! random per process, so nothing did), which leaves results unchanged by the swap.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Multiplier of the Fx hash (as rustc's): odd, with well-spread bits.
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// An Fx-style hasher: eight bytes at a time, rotate, xor, multiply.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_u128(&mut self, i: u128) {
        let bytes = i.to_le_bytes();
        self.write(&bytes);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The table picks buckets by the low bits and tags by the high ones: fold both in.
        self.0.rotate_left(26)
    }
}

/// Builds [`FastHasher`]s.
pub type FastBuild = BuildHasherDefault<FastHasher>;
/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, FastBuild>;
/// A `HashSet` with [`FastHasher`].
pub type FastSet<T> = HashSet<T, FastBuild>;

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasher, Hash};

    use super::*;

    fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
        FastBuild::default().hash_one(value)
    }

    #[test]
    fn equal_keys_hash_alike_and_near_keys_apart() {
        assert_eq!(hash("minister"), hash(&String::from("minister")));
        let words = [
            "said",
            "says",
            "saad",
            "sai",
            "said ",
            "",
            "a",
            "b",
            "spokeswoman",
        ];
        let hashes: FastSet<u64> = words.iter().map(|w| hash(*w)).collect();
        assert_eq!(hashes.len(), words.len());
        let ids: FastSet<u64> = (0..10_000u128).map(|i| hash(&i)).collect();
        assert_eq!(ids.len(), 10_000);
    }

    #[test]
    fn maps_find_what_was_put() {
        let mut map: FastMap<String, usize> = FastMap::default();
        for i in 0..1_000 {
            map.insert(format!("word{i}"), i);
        }
        assert!((0..1_000).all(|i| map.get(&format!("word{i}")) == Some(&i)));
        assert_eq!(map.get("word1000"), None);
    }
}
