//! Grouping keys read from vectors without building `Value`s: each key value becomes a pair
//! of integers (a type tag and a payload) whose equality is the language's grouping
//! equivalence (1 and 1.0 alike, NaN like NaN, texts by their pool id), so finding a row's
//! group hashes a few integers. Keys that have no such code (lists, maps, temporal values,
//! texts no property holds) switch the table to grouping by value.

use super::super::group::Groups;
use super::super::vector::{NULL_ID, Vector};
use crate::graph::{Cell, StringPool};
use crate::model::{NodeId, RelId, Value};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::sync::Arc;

/// A key value as read, in its own type: what a group shows as its key.
#[derive(Clone, Debug)]
pub enum KeyVal {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A text in the string pool.
    Str(u32),
    Node(u32),
    Rel(u32),
    Other(Value),
}

const I64_END: f64 = 9_223_372_036_854_775_808.0;

impl KeyVal {
    #[inline]
    pub fn of(v: &Vector, i: usize, pool: &StringPool) -> KeyVal {
        let valid = |ok: &Option<Vec<bool>>| ok.as_ref().is_none_or(|ok| ok[i]);
        match v {
            Vector::Nodes(ids) if ids[i] == NULL_ID => KeyVal::Null,
            Vector::Nodes(ids) => KeyVal::Node(ids[i]),
            Vector::Rels(ids) if ids[i] == NULL_ID => KeyVal::Null,
            Vector::Rels(ids) => KeyVal::Rel(ids[i]),
            Vector::Ints(x, ok) if valid(ok) => KeyVal::Int(x[i]),
            Vector::Floats(x, ok) if valid(ok) => KeyVal::Float(x[i]),
            Vector::Bools(x, ok) if valid(ok) => KeyVal::Bool(x[i]),
            Vector::Strs(x, ok) if valid(ok) => KeyVal::Str(x[i]),
            Vector::Ints(..) | Vector::Floats(..) | Vector::Bools(..) | Vector::Strs(..) => {
                KeyVal::Null
            }
            Vector::Const(c) => KeyVal::from_value(c, pool),
            Vector::Values(vs) => KeyVal::from_value(&vs[i], pool),
        }
    }

    fn from_value(v: &Value, pool: &StringPool) -> KeyVal {
        match v {
            Value::Null => KeyVal::Null,
            Value::Bool(b) => KeyVal::Bool(*b),
            Value::Int(i) => KeyVal::Int(*i),
            Value::Float(f) => KeyVal::Float(*f),
            Value::String(s) => match pool.find(s) {
                Some(id) => KeyVal::Str(id),
                None => KeyVal::Other(v.clone()),
            },
            Value::Node(id) => match u32::try_from(id.0) {
                Ok(n) => KeyVal::Node(n),
                Err(_) => KeyVal::Other(v.clone()),
            },
            Value::Rel(id) => match u32::try_from(id.0) {
                Ok(r) => KeyVal::Rel(r),
                Err(_) => KeyVal::Other(v.clone()),
            },
            other => KeyVal::Other(other.clone()),
        }
    }

    /// The code of the value's grouping class, or `None` when it has none.
    #[inline]
    fn code(&self) -> Option<(u64, u64)> {
        Some(match self {
            KeyVal::Null => (0, 0),
            KeyVal::Bool(b) => (1, u64::from(*b)),
            KeyVal::Int(i) => (2, *i as u64),
            KeyVal::Float(f) if f.fract() == 0.0 && (-I64_END..I64_END).contains(f) => {
                (2, *f as i64 as u64)
            }
            KeyVal::Float(f) if f.is_nan() => (3, 0),
            KeyVal::Float(f) => (4, f.to_bits()),
            KeyVal::Str(id) => (5, u64::from(*id)),
            KeyVal::Node(id) => (8, u64::from(*id)),
            KeyVal::Rel(id) => (9, u64::from(*id)),
            KeyVal::Other(_) => return None,
        })
    }

    pub fn value(&self, pool: &StringPool) -> Value {
        match self {
            KeyVal::Null => Value::Null,
            KeyVal::Bool(b) => Value::Bool(*b),
            KeyVal::Int(i) => Value::Int(*i),
            KeyVal::Float(f) => Value::Float(*f),
            KeyVal::Str(id) => Value::String(Arc::from(pool.get(*id))),
            KeyVal::Node(id) => Value::Node(NodeId(u64::from(*id))),
            KeyVal::Rel(id) => Value::Rel(RelId(u64::from(*id))),
            KeyVal::Other(v) => v.clone(),
        }
    }

    /// The key as a column cell (texts stay pooled), or `None` for values without one.
    pub fn cell(&self) -> Option<Cell<'_>> {
        Some(match self {
            KeyVal::Null => Cell::Null,
            KeyVal::Bool(b) => Cell::Bool(*b),
            KeyVal::Int(i) => Cell::Int(*i),
            KeyVal::Float(f) => Cell::Float(*f),
            KeyVal::Str(id) => Cell::Str(*id),
            KeyVal::Other(v) => Cell::Any(v),
            KeyVal::Node(_) | KeyVal::Rel(_) => return None,
        })
    }
}

pub type KeyTuple = SmallVec<[KeyVal; 2]>;

/// The codes of every row of one key vector, or `None` when some value has no code.
fn codes(v: &Vector, len: usize, pool: &StringPool) -> Option<Vec<(u64, u64)>> {
    fn typed<T: Copy>(
        values: &[T],
        ok: &Option<Vec<bool>>,
        code: impl Fn(T) -> (u64, u64),
    ) -> Vec<(u64, u64)> {
        match ok {
            None => values.iter().map(|x| code(*x)).collect(),
            Some(ok) => values
                .iter()
                .zip(ok)
                .map(|(x, ok)| if *ok { code(*x) } else { (0, 0) })
                .collect(),
        }
    }
    let id = |tag: u64| {
        move |x: u32| {
            if x == NULL_ID {
                (0, 0)
            } else {
                (tag, u64::from(x))
            }
        }
    };
    Some(match v {
        Vector::Nodes(ids) => ids.iter().map(|x| id(8)(*x)).collect(),
        Vector::Rels(ids) => ids.iter().map(|x| id(9)(*x)).collect(),
        Vector::Ints(x, ok) => typed(x, ok, |i| (2, i as u64)),
        Vector::Strs(x, ok) => typed(x, ok, |s| (5, u64::from(s))),
        Vector::Bools(x, ok) => typed(x, ok, |b| (1, u64::from(b))),
        Vector::Floats(x, ok) => typed(x, ok, |f| KeyVal::Float(f).code().unwrap_or((3, 0))),
        Vector::Const(c) => vec![KeyVal::from_value(c, pool).code()?; len],
        Vector::Values(vs) => vs
            .iter()
            .map(|v| KeyVal::from_value(v, pool).code())
            .collect::<Option<_>>()?,
    })
}

/// Groups by code, with the common widths of one and two keys as plain arrays.
enum CodeMap {
    One(FxHashMap<(u64, u64), u32>),
    Two(FxHashMap<[u64; 4], u32>),
    Many(FxHashMap<SmallVec<[u64; 8]>, u32>),
}

/// The group of a tuple of three or more keys' codes, numbered `n` if new (the code is only
/// copied into the map then).
fn group_many(map: &mut FxHashMap<SmallVec<[u64; 8]>, u32>, code: &[u64], n: u32) -> u32 {
    match map.get(code) {
        Some(g) => *g,
        None => {
            map.insert(SmallVec::from_slice(code), n);
            n
        }
    }
}

/// Distinct key tuples, numbered in the order first seen, each kept as first seen.
pub struct KeyTable {
    by_code: CodeMap,
    /// Set once a key without a code arrives; from then on every tuple is grouped by value.
    by_value: Option<Groups>,
    keys: Vec<KeyTuple>,
}

impl KeyTable {
    pub fn new(width: usize) -> Self {
        KeyTable {
            by_code: match width {
                1 => CodeMap::One(FxHashMap::default()),
                2 => CodeMap::Two(FxHashMap::default()),
                _ => CodeMap::Many(FxHashMap::default()),
            },
            by_value: None,
            keys: Vec::new(),
        }
    }

    /// The group of each row of a batch whose keys are `vectors`; `new` is set for the rows
    /// that started a group.
    pub fn groups(
        &mut self,
        vectors: &[&Vector],
        len: usize,
        pool: &StringPool,
        out: &mut Vec<u32>,
        mut new: Option<&mut Vec<bool>>,
    ) {
        out.clear();
        let coded = if self.by_value.is_none() {
            vectors
                .iter()
                .map(|v| codes(v, len, pool))
                .collect::<Option<Vec<_>>>()
        } else {
            None
        };
        let Some(coded) = coded else {
            if self.by_value.is_none() {
                self.switch_to_values(pool);
            }
            for i in 0..len {
                let key: KeyTuple = vectors.iter().map(|v| KeyVal::of(v, i, pool)).collect();
                let (g, fresh) = self.by_values(key, pool);
                out.push(g as u32);
                if let Some(new) = new.as_deref_mut() {
                    new.push(fresh);
                }
            }
            return;
        };
        let mut keys = std::mem::take(&mut self.keys);
        let remember = |i: usize, keys: &mut Vec<KeyTuple>| {
            keys.push(vectors.iter().map(|v| KeyVal::of(v, i, pool)).collect());
        };
        let fresh_row = |g: u32, i: usize, keys: &mut Vec<KeyTuple>| {
            let fresh = g as usize == keys.len();
            if fresh {
                remember(i, keys);
            }
            fresh
        };
        match &mut self.by_code {
            CodeMap::One(map) => {
                // Rows of one group often come together (grouped by the node an expansion
                // started from): a row with the last row's key needs no probe.
                let mut last = None;
                for (i, code) in coded[0].iter().enumerate() {
                    let n = keys.len() as u32;
                    let g = match last {
                        Some((c, g)) if c == *code => g,
                        _ => *map.entry(*code).or_insert(n),
                    };
                    last = Some((*code, g));
                    let fresh = fresh_row(g, i, &mut keys);
                    out.push(g);
                    if let Some(new) = new.as_deref_mut() {
                        new.push(fresh);
                    }
                }
            }
            CodeMap::Two(map) => {
                let mut last = None;
                for (i, (a, b)) in coded[0].iter().zip(&coded[1]).enumerate() {
                    let n = keys.len() as u32;
                    let code = [a.0, a.1, b.0, b.1];
                    let g = match last {
                        Some((c, g)) if c == code => g,
                        _ => *map.entry(code).or_insert(n),
                    };
                    last = Some((code, g));
                    let fresh = fresh_row(g, i, &mut keys);
                    out.push(g);
                    if let Some(new) = new.as_deref_mut() {
                        new.push(fresh);
                    }
                }
            }
            CodeMap::Many(map) => {
                let mut code: SmallVec<[u64; 8]> = SmallVec::new();
                for i in 0..len {
                    code.clear();
                    for c in &coded {
                        code.extend([c[i].0, c[i].1]);
                    }
                    let g = group_many(map, &code, keys.len() as u32);
                    let fresh = fresh_row(g, i, &mut keys);
                    out.push(g);
                    if let Some(new) = new.as_deref_mut() {
                        new.push(fresh);
                    }
                }
            }
        }
        self.keys = keys;
    }

    /// Takes in the groups of a table over the rows that follow this one's: the number each
    /// of `later`'s groups has here (those new here numbered on, in `later`'s order).
    pub fn absorb(&mut self, later: KeyTable, pool: &StringPool) -> Vec<u32> {
        self.reserve(later.len());
        later
            .keys
            .into_iter()
            .map(|key| self.group_of(key, pool))
            .collect()
    }

    /// The group of one key tuple, started if new.
    fn group_of(&mut self, key: KeyTuple, pool: &StringPool) -> u32 {
        if self.by_value.is_none() {
            let codes: Option<SmallVec<[(u64, u64); 4]>> = key.iter().map(KeyVal::code).collect();
            if let Some(codes) = codes {
                let n = self.keys.len() as u32;
                let g = match &mut self.by_code {
                    CodeMap::One(map) => *map.entry(codes[0]).or_insert(n),
                    CodeMap::Two(map) => {
                        let [a, b] = [codes[0], codes[1]];
                        *map.entry([a.0, a.1, b.0, b.1]).or_insert(n)
                    }
                    CodeMap::Many(map) => {
                        let code: SmallVec<[u64; 8]> =
                            codes.iter().flat_map(|(tag, x)| [*tag, *x]).collect();
                        group_many(map, &code, n)
                    }
                };
                if g == n {
                    self.keys.push(key);
                }
                return g;
            }
            self.switch_to_values(pool);
        }
        self.by_values(key, pool).0 as u32
    }

    fn by_values(&mut self, key: KeyTuple, pool: &StringPool) -> (usize, bool) {
        let values: Vec<Value> = key.iter().map(|k| k.value(pool)).collect();
        let groups = self.by_value.get_or_insert_with(Groups::default);
        let (g, new) = groups.find_or_insert(&values);
        if new {
            self.keys.push(key);
        }
        (g, new)
    }

    fn switch_to_values(&mut self, pool: &StringPool) {
        let mut groups = Groups::default();
        for key in &self.keys {
            groups.insert(key.iter().map(|k| k.value(pool)).collect());
        }
        self.by_value = Some(groups);
        self.by_code = CodeMap::Many(FxHashMap::default());
    }

    /// Room for `more` groups without growing the table (a hint).
    pub fn reserve(&mut self, more: usize) {
        self.keys.reserve(more);
        match &mut self.by_code {
            CodeMap::One(map) => map.reserve(more),
            CodeMap::Two(map) => map.reserve(more),
            CodeMap::Many(map) => map.reserve(more),
        }
    }

    /// Groups so far.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn into_keys(self) -> Vec<KeyTuple> {
        self.keys
    }
}
