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

/// Distinct key tuples, numbered in the order first seen, each kept as first seen.
#[derive(Default)]
pub struct KeyTable {
    by_code: FxHashMap<SmallVec<[u64; 4]>, u32>,
    /// Set once a key without a code arrives; from then on every tuple is grouped by value.
    by_value: Option<Groups>,
    keys: Vec<KeyTuple>,
    scratch: SmallVec<[u64; 4]>,
}

impl KeyTable {
    /// The group of `key`, and whether it is new.
    pub fn find_or_insert(&mut self, key: &[KeyVal], pool: &StringPool) -> (usize, bool) {
        if self.by_value.is_none() {
            self.scratch.clear();
            let mut coded = true;
            for k in key {
                match k.code() {
                    Some((tag, payload)) => self.scratch.extend([tag, payload]),
                    None => {
                        coded = false;
                        break;
                    }
                }
            }
            if coded {
                if let Some(&g) = self.by_code.get(&self.scratch[..]) {
                    return (g as usize, false);
                }
                let g = self.keys.len();
                self.by_code.insert(self.scratch.clone(), g as u32);
                self.keys.push(key.iter().cloned().collect());
                return (g, true);
            }
            self.switch_to_values(pool);
        }
        let values: Vec<Value> = key.iter().map(|k| k.value(pool)).collect();
        let groups = self.by_value.get_or_insert_with(Groups::default);
        let (g, new) = groups.find_or_insert(&values);
        if new {
            self.keys.push(key.iter().cloned().collect());
        }
        (g, new)
    }

    fn switch_to_values(&mut self, pool: &StringPool) {
        let mut groups = Groups::default();
        for key in &self.keys {
            groups.insert(key.iter().map(|k| k.value(pool)).collect());
        }
        self.by_value = Some(groups);
        self.by_code.clear();
    }

    pub fn into_keys(self) -> Vec<KeyTuple> {
        self.keys
    }
}
