//! Labels: each node names one interned label set (most nodes share a handful of
//! combinations), and each label keeps a bitmap of its nodes for scans and counts.

use super::Symbol;
use roaring::RoaringBitmap;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

/// The nodes of one label in id order, walked in place.
pub type LabelNodes<'a> = roaring::bitmap::Iter<'a>;

pub type LabelList = SmallVec<[Symbol; 2]>;

/// The distinct label combinations in use, in the order each node got its labels, and for
/// each the property keys its nodes have held (so reading all of a node's properties looks
/// at those columns only).
#[derive(Clone)]
pub struct LabelSets {
    sets: Vec<LabelList>,
    ids: FxHashMap<LabelList, u32>,
    keys: Vec<Vec<Symbol>>,
}

impl Default for LabelSets {
    fn default() -> Self {
        let mut sets = LabelSets {
            sets: Vec::new(),
            ids: FxHashMap::default(),
            keys: Vec::new(),
        };
        sets.intern(LabelList::new());
        sets
    }
}

/// The set of a node without labels.
pub const NO_LABELS: u32 = 0;

impl LabelSets {
    pub fn intern(&mut self, labels: LabelList) -> u32 {
        if let Some(id) = self.ids.get(&labels) {
            return *id;
        }
        let id = self.sets.len() as u32;
        self.sets.push(labels.clone());
        self.keys.push(Vec::new());
        self.ids.insert(labels, id);
        id
    }

    pub fn labels(&self, set: u32) -> &[Symbol] {
        &self.sets[set as usize]
    }

    /// The set with `label` added (at the end) or removed.
    pub fn with(&mut self, set: u32, label: Symbol, present: bool) -> u32 {
        let mut labels = self.sets[set as usize].clone();
        if present {
            labels.push(label);
        } else {
            labels.retain(|l| *l != label);
        }
        let id = self.intern(labels);
        // The keys of the old set may be on this node: the new set must look at them too.
        for key in self.keys[set as usize].clone() {
            self.note_key(id, key);
        }
        id
    }

    pub fn keys(&self, set: u32) -> &[Symbol] {
        &self.keys[set as usize]
    }

    pub fn note_key(&mut self, set: u32, key: Symbol) {
        let keys = &mut self.keys[set as usize];
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
}

/// The nodes carrying each label.
#[derive(Clone, Default)]
pub struct LabelIndex {
    nodes: FxHashMap<Symbol, RoaringBitmap>,
}

impl LabelIndex {
    pub fn add(&mut self, label: Symbol, node: u32) {
        self.nodes.entry(label).or_default().insert(node);
    }

    pub fn remove(&mut self, label: Symbol, node: u32) {
        if let Some(set) = self.nodes.get_mut(&label) {
            set.remove(node);
        }
    }

    pub fn nodes(&self, label: Symbol) -> Option<&RoaringBitmap> {
        self.nodes.get(&label)
    }

    pub fn count(&self, label: Symbol) -> usize {
        self.nodes.get(&label).map_or(0, |s| s.len() as usize)
    }

    pub fn heap_bytes(&self) -> usize {
        self.nodes
            .values()
            .map(RoaringBitmap::serialized_size)
            .sum()
    }
}
