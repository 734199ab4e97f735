//! Finding equivalent key tuples by hash: the groups of aggregation, the rows DISTINCT and
//! UNION have seen, the values of `count(DISTINCT x)`.

use crate::model::{Value, group_key_eq, hash_group_key};
use rustc_hash::{FxBuildHasher, FxHasher};
use smallvec::SmallVec;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hasher;

/// Key tuples seen so far, each numbered by when it was first seen. A tuple is hashed and
/// compared where it lies, so only the first of equivalent tuples is ever copied.
#[derive(Default)]
pub struct Groups {
    by_hash: HashMap<u64, SmallVec<[usize; 1]>, FxBuildHasher>,
    keys: Vec<Vec<Value>>,
}

impl Groups {
    /// The number of the group `key` belongs to, and whether the key was new.
    pub fn find_or_insert<K: Borrow<Value>>(&mut self, key: &[K]) -> (usize, bool) {
        let hash = hash_tuple(key);
        match self.find(hash, key) {
            Some(g) => (g, false),
            None => {
                let owned = key.iter().map(|v| v.borrow().clone()).collect();
                (self.push(hash, owned), true)
            }
        }
    }

    /// Whether an owned key was new; it is kept if so and dropped otherwise.
    pub fn insert(&mut self, key: Vec<Value>) -> bool {
        let hash = hash_tuple(&key);
        if self.find(hash, &key).is_some() {
            return false;
        }
        self.push(hash, key);
        true
    }

    /// Every distinct key, in the order first seen.
    pub fn into_keys(self) -> Vec<Vec<Value>> {
        self.keys
    }

    fn find<K: Borrow<Value>>(&self, hash: u64, key: &[K]) -> Option<usize> {
        self.by_hash.get(&hash)?.iter().copied().find(|g| {
            self.keys[*g]
                .iter()
                .zip(key)
                .all(|(a, b)| group_key_eq(a, b.borrow()))
        })
    }

    fn push(&mut self, hash: u64, key: Vec<Value>) -> usize {
        let g = self.keys.len();
        self.keys.push(key);
        self.by_hash.entry(hash).or_default().push(g);
        g
    }
}

fn hash_tuple<K: Borrow<Value>>(key: &[K]) -> u64 {
    let mut hasher = FxHasher::default();
    for v in key {
        hash_group_key(v.borrow(), &mut hasher);
    }
    hasher.finish()
}
