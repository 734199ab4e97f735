//! Indexes and constraints: what the user declared (`CREATE INDEX`, `CREATE CONSTRAINT`), the
//! ordered index of each declared property, and the check that a statement's changes keep
//! every constraint. Declarations change through `Mutation`s like data, so they are logged,
//! undone and replayed the same way; their indexes are derived and rebuilt on load.

use super::Symbol;
use crate::model::{Value, compare_for_order, compare_values, equals};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::Arc;

/// The comparisons a range seek answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeOp {
    Lt,
    Le,
    Gt,
    Ge,
}

/// What an index or constraint is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    Node,
    Relationship,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConstraintKind {
    Unique,
    NotNull,
}

/// A declared index: one property of the nodes of a label (or relationships of a type).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexDef {
    pub name: Arc<str>,
    pub entity: EntityKind,
    pub label: Arc<str>,
    pub key: Arc<str>,
}

/// A declared constraint on one property of the nodes of a label. A uniqueness constraint
/// brings its own index, named like the constraint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConstraintDef {
    pub name: Arc<str>,
    pub kind: ConstraintKind,
    pub label: Arc<str>,
    pub key: Arc<str>,
}

/// A value as an index key: ordered as ORDER BY orders values, so equal numbers of either
/// type (1 and 1.0) are one key, as `=` has them.
#[derive(Clone, Debug)]
pub struct IndexKey(pub Value);

impl PartialEq for IndexKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for IndexKey {}
impl PartialOrd for IndexKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for IndexKey {
    fn cmp(&self, other: &Self) -> Ordering {
        compare_for_order(&self.0, &other.0)
    }
}

/// Sorts index entries by key, then id. When every key is a text, each is sorted first by
/// its first eight bytes as one integer, which decides most comparisons without reading the
/// texts (byte order is text order, and a shorter text's missing bytes count as zeros, which
/// is never above the other's byte there).
fn sort_entries(entries: &mut Vec<(IndexKey, u32)>) {
    let texts = entries.iter().all(|(k, _)| matches!(k.0, Value::String(_)));
    if !texts {
        sort_on_two_threads(entries, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        return;
    }
    let prefix = |k: &IndexKey| match &k.0 {
        Value::String(s) => {
            let mut head = [0u8; 8];
            let n = s.len().min(8);
            head[..n].copy_from_slice(&s.as_bytes()[..n]);
            u64::from_be_bytes(head)
        }
        _ => 0,
    };
    let mut keyed: Vec<(u64, u32, IndexKey)> = std::mem::take(entries)
        .into_iter()
        .map(|(k, id)| (prefix(&k), id, k))
        .collect();
    sort_on_two_threads(&mut keyed, |a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.2.cmp(&b.2))
            .then(a.1.cmp(&b.1))
    });
    entries.extend(keyed.into_iter().map(|(_, id, k)| (k, id)));
}

/// Sorts by `order`, which must tell any two items apart, on two threads when there are
/// enough items to pay for one: each half on its own, then one merge.
fn sort_on_two_threads<T: Send>(items: &mut Vec<T>, order: impl Fn(&T, &T) -> Ordering + Sync) {
    const PARALLEL_FROM: usize = 1 << 16;
    if items.len() < PARALLEL_FROM {
        items.sort_unstable_by(order);
        return;
    }
    let mut right = items.split_off(items.len() / 2);
    let mut left = std::mem::take(items);
    std::thread::scope(|scope| {
        scope.spawn(|| left.sort_unstable_by(&order));
        right.sort_unstable_by(&order);
    });
    items.reserve_exact(left.len() + right.len());
    let (mut left, mut right) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(a), Some(b)) = (left.peek(), right.peek()) {
        let next = if order(b, a) == Ordering::Less {
            right.next()
        } else {
            left.next()
        };
        items.extend(next);
    }
    items.extend(left);
    items.extend(right);
}

/// The entities (node or relationship ids) holding each value of one property.
#[derive(Clone, Debug)]
pub struct PropertyIndex {
    pub def: IndexDef,
    /// The constraint that made this index, if one did.
    pub owner: Option<Arc<str>>,
    pub label: Symbol,
    pub key: Symbol,
    entries: BTreeMap<IndexKey, SmallVec<[u32; 1]>>,
    len: usize,
}

impl PropertyIndex {
    pub fn new(def: IndexDef, owner: Option<Arc<str>>, label: Symbol, key: Symbol) -> Self {
        PropertyIndex {
            def,
            owner,
            label,
            key,
            entries: BTreeMap::new(),
            len: 0,
        }
    }

    /// Fills an empty index with many entries at once: sorted first, so the tree is built
    /// in one pass instead of by a search per entry.
    pub fn fill(&mut self, mut entries: Vec<(IndexKey, u32)>) {
        entries.retain(|(k, _)| !k.0.is_null());
        sort_entries(&mut entries);
        self.len += entries.len();
        let mut grouped: Vec<(IndexKey, SmallVec<[u32; 1]>)> = Vec::with_capacity(entries.len());
        for (key, id) in entries {
            match grouped.last_mut() {
                Some((last, ids)) if *last == key => ids.push(id),
                _ => grouped.push((key, smallvec::smallvec![id])),
            }
        }
        if self.entries.is_empty() {
            self.entries = grouped.into_iter().collect();
        } else {
            for (key, ids) in grouped {
                self.entries.entry(key).or_default().extend(ids);
            }
        }
    }

    pub fn insert(&mut self, value: &Value, id: u32) {
        if value.is_null() {
            return;
        }
        self.entries
            .entry(IndexKey(value.clone()))
            .or_default()
            .push(id);
        self.len += 1;
    }

    pub fn remove(&mut self, value: &Value, id: u32) {
        let key = IndexKey(value.clone());
        if let Some(ids) = self.entries.get_mut(&key) {
            if let Some(pos) = ids.iter().position(|i| *i == id) {
                ids.swap_remove(pos);
                self.len -= 1;
            }
            if ids.is_empty() {
                self.entries.remove(&key);
            }
        }
    }

    /// Entries (entity, value) held.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Distinct values held.
    pub fn distinct(&self) -> usize {
        self.entries.len()
    }

    /// The entities whose value equals `value` (`=`: null, NaN and lists holding them equal
    /// nothing).
    pub fn equal(&self, value: &Value) -> &[u32] {
        if equals(value, value) != Some(true) {
            return &[];
        }
        self.entries
            .get(&IndexKey(value.clone()))
            .map_or(&[], |ids| ids.as_slice())
    }

    /// The entities whose value `v` makes `v op bound` true, for `<`, `<=`, `>`, `>=`: keys
    /// of other types are not comparable with the bound and end the walk.
    pub fn range(&self, op: RangeOp, bound: &Value) -> Vec<u32> {
        let mut out = Vec::new();
        if compare_values(bound, bound).is_none() {
            return out;
        }
        let key = IndexKey(bound.clone());
        let (walk, inclusive): (Box<dyn Iterator<Item = _>>, bool) = match op {
            RangeOp::Gt | RangeOp::Ge => (
                Box::new(
                    self.entries
                        .range((Bound::Included(&key), Bound::Unbounded)),
                ),
                op == RangeOp::Ge,
            ),
            _ => (
                Box::new(
                    self.entries
                        .range((Bound::Unbounded, Bound::Included(&key)))
                        .rev(),
                ),
                op == RangeOp::Le,
            ),
        };
        for (k, ids) in walk {
            match compare_values(&k.0, bound) {
                None if compare_for_order(&k.0, bound) == Ordering::Equal => continue,
                None => break,
                Some(Ordering::Equal) if !inclusive => continue,
                Some(_) => out.extend_from_slice(ids),
            }
        }
        out
    }

    /// The first value held by more than one entity, with two of them.
    pub fn first_duplicate(&self) -> Option<(&Value, u32, u32)> {
        self.entries
            .iter()
            .find(|(_, ids)| ids.len() > 1)
            .map(|(k, ids)| (&k.0, ids[0], ids[1]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_sort_by_their_leading_bytes_as_the_generic_order_sorts_them() {
        let texts = [
            "p10",
            "p1",
            "p100000000",
            "p10000000",
            "",
            "a",
            "a\0",
            "a\0\0",
            "ab",
            "Ü",
            "ü",
            "p1",
            "zzzzzzzzz",
            "zzzzzzzza",
            "é",
            "e\u{301}",
        ];
        let mut entries: Vec<(IndexKey, u32)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (IndexKey(Value::str(t)), (texts.len() - i) as u32))
            .collect();
        let mut expected = entries.clone();
        expected.sort_by(|a, b| compare_for_order(&a.0.0, &b.0.0).then(a.1.cmp(&b.1)));
        sort_entries(&mut entries);
        let ids = |e: &[(IndexKey, u32)]| e.iter().map(|(_, id)| *id).collect::<Vec<_>>();
        // Enough entries to be sorted on two threads, in an order far from sorted.
        let many: Vec<(IndexKey, u32)> = (0..200_000u32)
            .map(|i| {
                (
                    IndexKey(Value::str(&format!("k{}", i.wrapping_mul(7919) % 50_000))),
                    i,
                )
            })
            .collect();
        let mut by_threads = many.clone();
        sort_entries(&mut by_threads);
        let mut alone = many;
        alone.sort_by(|a, b| compare_for_order(&a.0.0, &b.0.0).then(a.1.cmp(&b.1)));
        assert_eq!(ids(&by_threads), ids(&alone));
        assert_eq!(ids(&entries), ids(&expected));
        // Mixed types take the generic order.
        let mut mixed = vec![(IndexKey(Value::str("a")), 1), (IndexKey(Value::Int(1)), 2)];
        sort_entries(&mut mixed);
        assert!(mixed.iter().all(|(k, _)| !k.0.is_null()));
        assert_eq!(mixed.len(), 2);
    }
}
