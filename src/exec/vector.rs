//! Batches of rows held by column: what the physical operators pass each other.
//!
//! A [`Vector`] is one slot's values for every row of a [`Batch`], typed where the values
//! are (node and relationship ids, integers, floats, booleans, texts as ids into the graph's
//! string pool) so that operators and expressions work on plain arrays, and `Value`s where
//! they are not. A value the same for every row (a parameter, a slot not bound yet, the outer
//! row of a subquery) is a `Const` and costs nothing per row.

use crate::graph::{Cell, GraphRead, StringPool};
use crate::model::{NodeId, RelId, Value};
use std::sync::Arc;

/// About this many rows travel together: enough to amortise the per-batch work, few enough
/// that a batch's columns stay in the processor's cache.
pub const BATCH: usize = 1024;

/// The id a node or relationship vector holds for a null (an OPTIONAL MATCH that found
/// nothing); no entity has it, ids stop below `u32::MAX - 1`.
pub const NULL_ID: u32 = u32::MAX;

/// Which rows of a typed vector hold a value; `None` means all do.
pub type Validity = Option<Vec<bool>>;

#[derive(Clone, Debug)]
pub enum Vector {
    Const(Value),
    Nodes(Vec<u32>),
    Rels(Vec<u32>),
    Ints(Vec<i64>, Validity),
    Floats(Vec<f64>, Validity),
    Bools(Vec<bool>, Validity),
    /// Ids into the graph's string pool.
    Strs(Vec<u32>, Validity),
    Values(Vec<Value>),
}

#[inline]
fn valid(validity: &Validity, i: usize) -> bool {
    validity.as_ref().is_none_or(|v| v[i])
}

fn gather<T: Copy>(values: &[T], rows: &[u32]) -> Vec<T> {
    rows.iter().map(|&r| values[r as usize]).collect()
}

fn gather_validity(validity: &Validity, rows: &[u32]) -> Validity {
    validity.as_ref().map(|v| gather(v, rows))
}

impl Vector {
    pub fn null() -> Vector {
        Vector::Const(Value::Null)
    }

    /// The value of row `i`, with a pooled text copied out.
    pub fn value(&self, i: usize, pool: &StringPool) -> Value {
        match self {
            Vector::Const(v) => v.clone(),
            Vector::Nodes(ids) => match ids[i] {
                NULL_ID => Value::Null,
                id => Value::Node(NodeId(u64::from(id))),
            },
            Vector::Rels(ids) => match ids[i] {
                NULL_ID => Value::Null,
                id => Value::Rel(RelId(u64::from(id))),
            },
            Vector::Ints(v, ok) => {
                if valid(ok, i) {
                    Value::Int(v[i])
                } else {
                    Value::Null
                }
            }
            Vector::Floats(v, ok) => {
                if valid(ok, i) {
                    Value::Float(v[i])
                } else {
                    Value::Null
                }
            }
            Vector::Bools(v, ok) => {
                if valid(ok, i) {
                    Value::Bool(v[i])
                } else {
                    Value::Null
                }
            }
            Vector::Strs(v, ok) => {
                if valid(ok, i) {
                    Value::String(Arc::from(pool.get(v[i])))
                } else {
                    Value::Null
                }
            }
            Vector::Values(v) => v[i].clone(),
        }
    }

    /// Whether row `i` is null, without building its value.
    pub fn is_null(&self, i: usize) -> bool {
        match self {
            Vector::Const(v) => v.is_null(),
            Vector::Nodes(ids) | Vector::Rels(ids) => ids[i] == NULL_ID,
            Vector::Ints(_, ok)
            | Vector::Floats(_, ok)
            | Vector::Bools(_, ok)
            | Vector::Strs(_, ok) => !valid(ok, i),
            Vector::Values(v) => v[i].is_null(),
        }
    }

    /// The node of row `i`, if it holds one.
    #[inline]
    pub fn node(&self, i: usize) -> Option<u32> {
        match self {
            Vector::Nodes(ids) => Some(ids[i]).filter(|id| *id != NULL_ID),
            Vector::Const(Value::Node(id)) => u32::try_from(id.0).ok(),
            Vector::Values(v) => match &v[i] {
                Value::Node(id) => u32::try_from(id.0).ok(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The rows `rows` of this vector, in that order.
    pub fn take(&self, rows: &[u32]) -> Vector {
        match self {
            Vector::Const(v) => Vector::Const(v.clone()),
            Vector::Nodes(ids) => Vector::Nodes(gather(ids, rows)),
            Vector::Rels(ids) => Vector::Rels(gather(ids, rows)),
            Vector::Ints(v, ok) => Vector::Ints(gather(v, rows), gather_validity(ok, rows)),
            Vector::Floats(v, ok) => Vector::Floats(gather(v, rows), gather_validity(ok, rows)),
            Vector::Bools(v, ok) => Vector::Bools(gather(v, rows), gather_validity(ok, rows)),
            Vector::Strs(v, ok) => Vector::Strs(gather(v, rows), gather_validity(ok, rows)),
            Vector::Values(v) => {
                Vector::Values(rows.iter().map(|&r| v[r as usize].clone()).collect())
            }
        }
    }

    /// A vector of values that are all of one kind becomes typed; others stay as they are.
    pub fn from_values(values: Vec<Value>, pool: &StringPool) -> Vector {
        let mut builder = VectorBuilder::new();
        for v in &values {
            if !builder.push_value(v, pool) {
                return Vector::Values(values);
            }
        }
        builder.finish()
    }
}

/// Builds a vector from cells read out of columns: typed while the cells are of one type, then
/// `Value`s.
pub enum VectorBuilder {
    Empty(usize),
    Ints(Vec<i64>, Vec<bool>),
    Floats(Vec<f64>, Vec<bool>),
    Bools(Vec<bool>, Vec<bool>),
    Strs(Vec<u32>, Vec<bool>),
    Values(Vec<Value>),
}

impl VectorBuilder {
    pub fn new() -> Self {
        VectorBuilder::Empty(0)
    }

    /// Every row so far as a `Value`, to go on with values of another type.
    fn widen(&mut self, pool: &StringPool) {
        let values: Vec<Value> = match std::mem::replace(self, VectorBuilder::Empty(0)) {
            VectorBuilder::Empty(n) => vec![Value::Null; n],
            VectorBuilder::Ints(v, ok) => v
                .into_iter()
                .zip(ok)
                .map(|(x, ok)| if ok { Value::Int(x) } else { Value::Null })
                .collect(),
            VectorBuilder::Floats(v, ok) => v
                .into_iter()
                .zip(ok)
                .map(|(x, ok)| if ok { Value::Float(x) } else { Value::Null })
                .collect(),
            VectorBuilder::Bools(v, ok) => v
                .into_iter()
                .zip(ok)
                .map(|(x, ok)| if ok { Value::Bool(x) } else { Value::Null })
                .collect(),
            VectorBuilder::Strs(v, ok) => v
                .into_iter()
                .zip(ok)
                .map(|(x, ok)| {
                    if ok {
                        Value::String(Arc::from(pool.get(x)))
                    } else {
                        Value::Null
                    }
                })
                .collect(),
            VectorBuilder::Values(v) => v,
        };
        *self = VectorBuilder::Values(values);
    }

    pub fn push_null(&mut self) {
        match self {
            VectorBuilder::Empty(n) => *n += 1,
            VectorBuilder::Ints(v, ok) => {
                v.push(0);
                ok.push(false);
            }
            VectorBuilder::Floats(v, ok) => {
                v.push(0.0);
                ok.push(false);
            }
            VectorBuilder::Bools(v, ok) => {
                v.push(false);
                ok.push(false);
            }
            VectorBuilder::Strs(v, ok) => {
                v.push(0);
                ok.push(false);
            }
            VectorBuilder::Values(v) => v.push(Value::Null),
        }
    }

    /// Starts the typed arrays of the first non-null cell, with the nulls so far.
    fn start(&mut self, cell: &Cell) {
        let VectorBuilder::Empty(n) = *self else {
            return;
        };
        let ok = vec![false; n];
        *self = match cell {
            Cell::Int(_) => VectorBuilder::Ints(vec![0; n], ok),
            Cell::Float(_) => VectorBuilder::Floats(vec![0.0; n], ok),
            Cell::Bool(_) => VectorBuilder::Bools(vec![false; n], ok),
            Cell::Str(_) => VectorBuilder::Strs(vec![0; n], ok),
            _ => VectorBuilder::Values(vec![Value::Null; n]),
        };
    }

    #[inline]
    pub fn push_cell(&mut self, cell: Cell, pool: &StringPool) {
        if matches!(cell, Cell::Null) {
            self.push_null();
            return;
        }
        if matches!(self, VectorBuilder::Empty(_)) {
            self.start(&cell);
        }
        match (&mut *self, cell) {
            (VectorBuilder::Ints(v, ok), Cell::Int(x)) => {
                v.push(x);
                ok.push(true);
            }
            (VectorBuilder::Floats(v, ok), Cell::Float(x)) => {
                v.push(x);
                ok.push(true);
            }
            (VectorBuilder::Bools(v, ok), Cell::Bool(x)) => {
                v.push(x);
                ok.push(true);
            }
            (VectorBuilder::Strs(v, ok), Cell::Str(x)) => {
                v.push(x);
                ok.push(true);
            }
            (VectorBuilder::Values(v), cell) => v.push(crate::graph::cell_value(cell, pool)),
            (_, cell) => {
                self.widen(pool);
                if let VectorBuilder::Values(v) = self {
                    v.push(crate::graph::cell_value(cell, pool));
                }
            }
        }
    }

    /// Adds a value if it fits the typed arrays (texts only as values); false otherwise.
    fn push_value(&mut self, value: &Value, pool: &StringPool) -> bool {
        let cell = match value {
            Value::Null => Cell::Null,
            Value::Int(i) => Cell::Int(*i),
            Value::Float(f) => Cell::Float(*f),
            Value::Bool(b) => Cell::Bool(*b),
            _ => return false,
        };
        let before = matches!(self, VectorBuilder::Values(_));
        self.push_cell(cell, pool);
        before || !matches!(self, VectorBuilder::Values(_))
    }

    pub fn finish(self) -> Vector {
        let all = |ok: Vec<bool>| -> Validity { (!ok.iter().all(|b| *b)).then_some(ok) };
        match self {
            VectorBuilder::Empty(_) => Vector::null(),
            VectorBuilder::Ints(v, ok) => Vector::Ints(v, all(ok)),
            VectorBuilder::Floats(v, ok) => Vector::Floats(v, all(ok)),
            VectorBuilder::Bools(v, ok) => Vector::Bools(v, all(ok)),
            VectorBuilder::Strs(v, ok) => Vector::Strs(v, all(ok)),
            VectorBuilder::Values(v) => Vector::Values(v),
        }
    }
}

/// Rows by column: `cols[slot]` for each slot of the query part (and, for a subquery's
/// inner plan, one more column: which outer row each row came from).
#[derive(Clone, Debug)]
pub struct Batch {
    pub len: usize,
    pub cols: Vec<Vector>,
}

impl Batch {
    /// One row of nulls: where every query part starts.
    pub fn unit(width: usize) -> Batch {
        Batch {
            len: 1,
            cols: vec![Vector::null(); width],
        }
    }

    pub fn from_rows(rows: &[Vec<Value>], width: usize, graph: &dyn GraphRead) -> Batch {
        let cols = (0..width)
            .map(|s| {
                Vector::from_values(rows.iter().map(|r| r[s].clone()).collect(), graph.strings())
            })
            .collect();
        Batch {
            len: rows.len(),
            cols,
        }
    }

    /// The rows `rows`, in that order.
    pub fn take(&self, rows: &[u32]) -> Batch {
        Batch {
            len: rows.len(),
            cols: self.cols.iter().map(|c| c.take(rows)).collect(),
        }
    }

    /// The rows whose `keep` is true.
    pub fn filter(&self, keep: &[bool]) -> Batch {
        if keep.iter().all(|k| *k) {
            return self.clone();
        }
        let rows: Vec<u32> = (0..self.len as u32).filter(|&i| keep[i as usize]).collect();
        self.take(&rows)
    }

    /// Row `i` as values, `width` slots wide.
    pub fn row(&self, i: usize, width: usize, pool: &StringPool) -> Vec<Value> {
        (0..width).map(|s| self.cols[s].value(i, pool)).collect()
    }

    /// Copies row `i`'s values of `slots` into `row`, for an expression evaluated one row at
    /// a time that reads only those.
    pub fn fill_row(&self, i: usize, slots: &[usize], row: &mut [Value], pool: &StringPool) {
        for &s in slots {
            row[s] = self.cols[s].value(i, pool);
        }
    }
}
