//! Indexes and constraints: what the user declared (`CREATE INDEX`, `CREATE CONSTRAINT`), the
//! ordered index of each declared property, and the check that a statement's changes keep
//! every constraint. Declarations change through `Mutation`s like data, so they are logged,
//! undone and replayed the same way; their indexes are derived and rebuilt on load.

use super::Symbol;
use super::column::{Cell, cell_value};
use super::strings::StringPool;
use crate::model::{Value, compare_for_order, compare_values, equals};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::{Arc, OnceLock};

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
struct IndexKey(Value);

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

/// The entities holding one key: most keys have one.
type Holders = SmallVec<[u32; 1]>;

/// The entities (node or relationship ids) holding each value of one property. Texts are
/// kept by their id in the graph's string pool, so a text key costs a few integers rather
/// than a copy of the text: the index holds a reference to the text for each entity it
/// lists, so the id names the same text for as long as the index has it. Other values are
/// kept in a tree ordered as ORDER BY orders them.
#[derive(Clone, Debug)]
pub struct PropertyIndex {
    pub def: IndexDef,
    /// The constraint that made this index, if one did.
    pub owner: Option<Arc<str>>,
    pub label: Symbol,
    pub key: Symbol,
    values: BTreeMap<IndexKey, Holders>,
    texts: TextHolders,
    /// The text keys in text order, for range seeks: made by the first one after a change
    /// of the keys, since most indexes only ever answer equality.
    text_order: OnceLock<Vec<u32>>,
    len: usize,
}

impl PropertyIndex {
    pub fn new(def: IndexDef, owner: Option<Arc<str>>, label: Symbol, key: Symbol) -> Self {
        PropertyIndex {
            def,
            owner,
            label,
            key,
            values: BTreeMap::new(),
            texts: TextHolders::default(),
            text_order: OnceLock::new(),
            len: 0,
        }
    }

    /// Fills an empty index from the cells of a column, entity by entity.
    pub fn fill<'c>(
        &mut self,
        cells: impl Iterator<Item = (Cell<'c>, u32)>,
        pool: &mut StringPool,
    ) {
        let mut values: Vec<(IndexKey, u32)> = Vec::new();
        for (cell, id) in cells {
            match cell {
                Cell::Null => continue,
                Cell::Str(text) => {
                    pool.retain(text);
                    self.texts.add(text, id);
                }
                // A text in a chunk of mixed types is not pooled there; the index pools it.
                Cell::Any(Value::String(s)) => {
                    let text = pool.acquire(s);
                    self.texts.add(text, id);
                }
                other => values.push((IndexKey(cell_value(other, pool)), id)),
            }
            self.len += 1;
        }
        // Sorted first, so the tree is built in one pass instead of by a search per entry.
        values.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut grouped: Vec<(IndexKey, Holders)> = Vec::with_capacity(values.len());
        for (key, id) in values {
            match grouped.last_mut() {
                Some((last, ids)) if *last == key => ids.push(id),
                _ => grouped.push((key, smallvec::smallvec![id])),
            }
        }
        self.values = grouped.into_iter().collect();
        self.text_order = OnceLock::new();
    }

    pub fn insert(&mut self, value: &Value, id: u32, pool: &mut StringPool) {
        match value {
            Value::Null => return,
            Value::String(s) => {
                let text = pool.acquire(s);
                if self.texts.add(text, id) {
                    self.text_order = OnceLock::new();
                }
            }
            _ => self
                .values
                .entry(IndexKey(value.clone()))
                .or_default()
                .push(id),
        }
        self.len += 1;
    }

    pub fn remove(&mut self, value: &Value, id: u32, pool: &mut StringPool) {
        let removed = match value {
            Value::String(s) => {
                let Some(text) = pool.find(s) else {
                    return;
                };
                let (removed, none_left) = self.texts.take(text, id);
                if removed {
                    pool.release(text);
                }
                if none_left {
                    self.text_order = OnceLock::new();
                }
                removed
            }
            _ => {
                let key = IndexKey(value.clone());
                let (removed, none_left) = take_holder(self.values.get_mut(&key), id);
                if none_left {
                    self.values.remove(&key);
                }
                removed
            }
        };
        if removed {
            self.len -= 1;
        }
    }

    /// Lets go of the texts the index holds, when it is dropped.
    pub fn release(self, pool: &mut StringPool) {
        for (text, holders) in self.texts.iter() {
            for _ in holders {
                pool.release(text);
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
        self.values.len() + self.texts.len()
    }

    /// The entities whose value equals `value` (`=`: null, NaN and lists holding them equal
    /// nothing).
    pub fn equal(&self, value: &Value, pool: &StringPool) -> &[u32] {
        let holders = match value {
            Value::String(s) => return pool.find(s).map_or(&[], |text| self.texts.get(text)),
            _ if equals(value, value) != Some(true) => None,
            _ => self.values.get(&IndexKey(value.clone())),
        };
        holders.map_or(&[], |ids| ids.as_slice())
    }

    /// The entities whose value `v` makes `v op bound` true, for `<`, `<=`, `>`, `>=`: only
    /// values comparable with the bound can (texts with a text, numbers with a number, ...).
    pub fn range(&self, op: RangeOp, bound: &Value, pool: &StringPool) -> Vec<u32> {
        if let Value::String(bound) = bound {
            return self.text_range(op, bound, pool);
        }
        let mut out = Vec::new();
        if compare_values(bound, bound).is_none() {
            return out;
        }
        let key = IndexKey(bound.clone());
        let (walk, inclusive): (Box<dyn Iterator<Item = _>>, bool) = match op {
            RangeOp::Gt | RangeOp::Ge => (
                Box::new(self.values.range((Bound::Included(&key), Bound::Unbounded))),
                op == RangeOp::Ge,
            ),
            _ => (
                Box::new(
                    self.values
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

    /// The texts on the bound's side, nearest first (as the tree's walk gives other values).
    fn text_range(&self, op: RangeOp, bound: &str, pool: &StringPool) -> Vec<u32> {
        let order = self.text_order.get_or_init(|| {
            let mut order: Vec<u32> = self.texts.iter().map(|(text, _)| text).collect();
            order.sort_unstable_by(|a, b| pool.get(*a).cmp(pool.get(*b)));
            order
        });
        let below = order.partition_point(|t| pool.get(*t) < bound);
        let up_to = order.partition_point(|t| pool.get(*t) <= bound);
        let keys: Box<dyn Iterator<Item = &u32>> = match op {
            RangeOp::Gt => Box::new(order[up_to..].iter()),
            RangeOp::Ge => Box::new(order[below..].iter()),
            RangeOp::Lt => Box::new(order[..below].iter().rev()),
            RangeOp::Le => Box::new(order[..up_to].iter().rev()),
        };
        keys.flat_map(|t| self.texts.get(*t).iter().copied())
            .collect()
    }

    /// The first value (in ORDER BY order) held by more than one entity, with two of them.
    pub fn first_duplicate(&self, pool: &StringPool) -> Option<(Value, u32, u32)> {
        let value = self
            .values
            .iter()
            .find(|(_, ids)| ids.len() > 1)
            .map(|(k, ids)| (k.0.clone(), ids[0], ids[1]));
        let text = self
            .texts
            .iter()
            .filter(|(_, ids)| ids.len() > 1)
            .min_by(|a, b| pool.get(a.0).cmp(pool.get(b.0)))
            .map(|(t, ids)| (Value::str(pool.get(t)), ids[0], ids[1]));
        match (value, text) {
            (Some(v), Some(t)) => Some(if compare_for_order(&v.0, &t.0) == Ordering::Greater {
                t
            } else {
                v
            }),
            (v, t) => v.or(t),
        }
    }
}

/// The entities holding each text key, by the text's pool id. Most texts of an indexed
/// property (names, ids) are held by one entity: those take eight bytes in `single`; the
/// others a list in `shared`. A text is in one of the two.
#[derive(Clone, Debug, Default)]
struct TextHolders {
    single: FxHashMap<u32, u32>,
    shared: FxHashMap<u32, Holders>,
}

impl TextHolders {
    /// Adds a holder; whether the text is new to the index.
    fn add(&mut self, text: u32, id: u32) -> bool {
        if let Some(ids) = self.shared.get_mut(&text) {
            ids.push(id);
            return false;
        }
        match self.single.insert(text, id) {
            None => true,
            Some(first) => {
                self.single.remove(&text);
                self.shared.insert(text, smallvec::smallvec![first, id]);
                false
            }
        }
    }

    /// Takes a holder away: whether it was there, and whether the text left the index.
    fn take(&mut self, text: u32, id: u32) -> (bool, bool) {
        if self.single.get(&text) == Some(&id) {
            self.single.remove(&text);
            return (true, true);
        }
        let (removed, none_left) = take_holder(self.shared.get_mut(&text), id);
        if none_left {
            self.shared.remove(&text);
        }
        (removed, none_left)
    }

    fn get(&self, text: u32) -> &[u32] {
        match self.single.get(&text) {
            Some(id) => std::slice::from_ref(id),
            None => self.shared.get(&text).map_or(&[], |ids| ids.as_slice()),
        }
    }

    fn len(&self) -> usize {
        self.single.len() + self.shared.len()
    }

    fn iter(&self) -> impl Iterator<Item = (u32, &[u32])> {
        let single = self
            .single
            .iter()
            .map(|(t, id)| (*t, std::slice::from_ref(id)));
        single.chain(self.shared.iter().map(|(t, ids)| (*t, ids.as_slice())))
    }
}

/// Takes `id` out of `holders`: whether it was there, and whether none is left.
fn take_holder(holders: Option<&mut Holders>, id: u32) -> (bool, bool) {
    let Some(ids) = holders else {
        return (false, false);
    };
    match ids.iter().position(|i| *i == id) {
        Some(pos) => {
            ids.swap_remove(pos);
            (true, ids.is_empty())
        }
        None => (false, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> PropertyIndex {
        let def = IndexDef {
            name: Arc::from("i"),
            entity: EntityKind::Node,
            label: Arc::from("L"),
            key: Arc::from("k"),
        };
        PropertyIndex::new(def, None, Symbol(0), Symbol(0))
    }

    #[test]
    fn text_ranges_follow_the_order_by_order_of_texts() {
        let texts = [
            "p10", "p1", "", "a", "a\0", "ab", "Ü", "ü", "p1", "é", "e\u{301}", "zz",
        ];
        let mut pool = StringPool::default();
        let mut ix = index();
        for (i, t) in texts.iter().enumerate() {
            ix.insert(&Value::str(t), i as u32, &mut pool);
        }
        ix.insert(&Value::Int(3), 100, &mut pool);
        for bound in ["", "a", "p1", "p2", "é", "zzz"] {
            for op in [RangeOp::Lt, RangeOp::Le, RangeOp::Gt, RangeOp::Ge] {
                let mut got = ix.range(op, &Value::str(bound), &pool);
                got.sort_unstable();
                let expected: Vec<u32> = (0..texts.len() as u32)
                    .filter(|i| {
                        let t = texts[*i as usize];
                        match op {
                            RangeOp::Lt => t < bound,
                            RangeOp::Le => t <= bound,
                            RangeOp::Gt => t > bound,
                            RangeOp::Ge => t >= bound,
                        }
                    })
                    .collect();
                assert_eq!(got, expected, "{op:?} {bound:?}");
            }
        }
        assert_eq!(ix.range(RangeOp::Ge, &Value::Int(3), &pool), vec![100]);
        assert_eq!(ix.equal(&Value::str("p1"), &pool), &[1, 8]);
        assert_eq!(ix.equal(&Value::str("nowhere"), &pool), &[] as &[u32]);
        assert_eq!(ix.distinct(), texts.len());
        let (value, a, b) = ix.first_duplicate(&pool).unwrap();
        assert_eq!((value, a, b), (Value::str("p1"), 1, 8));
    }

    #[test]
    fn the_index_holds_its_texts_until_it_lets_them_go() {
        let mut pool = StringPool::default();
        let mut ix = index();
        ix.insert(&Value::str("x"), 1, &mut pool);
        ix.insert(&Value::str("x"), 2, &mut pool);
        ix.insert(&Value::str("y"), 3, &mut pool);
        // A range seek orders the texts; a change after it is seen by the next one.
        assert_eq!(
            ix.range(RangeOp::Gt, &Value::str("a"), &pool),
            vec![1, 2, 3]
        );
        ix.remove(&Value::str("x"), 1, &mut pool);
        ix.insert(&Value::str("b"), 4, &mut pool);
        assert_eq!(
            ix.range(RangeOp::Gt, &Value::str("a"), &pool),
            vec![4, 2, 3]
        );
        assert_eq!(ix.len(), 3);
        ix.remove(&Value::str("x"), 2, &mut pool);
        ix.remove(&Value::str("x"), 2, &mut pool);
        assert_eq!(ix.len(), 2);
        assert_eq!(pool.find("x"), None);
        assert!(pool.find("y").is_some());
        ix.release(&mut pool);
        assert!(pool.is_empty());
    }
}
