//! Labels: each node names one interned label set (most nodes share a handful of
//! combinations), and each label keeps a bitmap of its nodes for scans and counts.

use super::Symbol;
use roaring::RoaringBitmap;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

/// The nodes of one label in id order, walked in place. A label whose nodes have
/// consecutive ids (as an import makes them) is counted off, not walked in its bitmap.
pub enum LabelNodes<'a> {
    Run(std::ops::Range<u32>),
    Set(roaring::bitmap::Iter<'a>),
}

impl<'a> LabelNodes<'a> {
    /// The nodes of `set` from the one of rank `rank` on (the first is rank 0).
    pub fn of(set: &'a RoaringBitmap, rank: usize) -> Option<Self> {
        let rank = u32::try_from(rank)
            .ok()
            .filter(|r| u64::from(*r) < set.len())?;
        let (first, last) = (set.min()?, set.max()?);
        if u64::from(last - first) + 1 == set.len() {
            return Some(LabelNodes::Run(first + rank..last + 1));
        }
        let mut nodes = set.iter();
        nodes.advance_to(set.select(rank)?);
        Some(LabelNodes::Set(nodes))
    }

    /// Up to `n` more nodes onto `out`.
    pub fn take_into(&mut self, n: usize, out: &mut Vec<u32>) {
        match self {
            LabelNodes::Run(ids) => {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                let end = ids.end.min(ids.start.saturating_add(n));
                out.extend(ids.start..end);
                ids.start = end;
            }
            LabelNodes::Set(nodes) => out.extend(nodes.take(n)),
        }
    }
}

impl Iterator for LabelNodes<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        match self {
            LabelNodes::Run(ids) => ids.next(),
            LabelNodes::Set(nodes) => nodes.next(),
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::{LabelNodes, RoaringBitmap};

    /// Counted off or walked, from any rank, in any take sizes: the same nodes in order.
    #[test]
    fn label_nodes_are_the_set_from_a_rank_on() {
        let run: RoaringBitmap = (70_000..75_000).collect();
        let gaps: RoaringBitmap = (0..20_000).filter(|i| i % 3 != 1).collect();
        for set in [&run, &gaps] {
            assert!(
                matches!(LabelNodes::of(set, 0), Some(LabelNodes::Run(_)))
                    == std::ptr::eq(set, &run)
            );
            let all: Vec<u32> = set.iter().collect();
            for rank in [0, 1, 999, all.len() - 1] {
                let mut nodes = LabelNodes::of(set, rank).unwrap();
                let mut taken = Vec::new();
                for n in [0, 1, 7, 1000, usize::MAX] {
                    nodes.take_into(n, &mut taken);
                }
                assert_eq!(taken, all[rank..]);
                assert_eq!(LabelNodes::of(set, rank).unwrap().count(), all.len() - rank);
            }
            assert!(LabelNodes::of(set, all.len()).is_none());
        }
        assert!(LabelNodes::of(&RoaringBitmap::new(), 0).is_none());
    }
}
