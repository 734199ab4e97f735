//! ORDER BY: every row sorted, or with a LIMIT above (`top`) only the rows that can still
//! make it, kept in a bounded heap, so `ORDER BY x LIMIT 10` over millions of rows holds ten.
//! Ties keep their input order. Pooled texts are compared in place, not copied out.

use super::super::checked_sort::sort_checked;
use super::super::context::{Ctx, Result, Row, check_limits};
use super::super::row::row_count;
use super::super::vector::{BATCH, Batch, Vector};
use super::super::vector_eval::eval_batch;
use super::{BoxOp, Operator};
use crate::graph::StringPool;
use crate::model::{Value, compare_for_order};
use crate::plan::BoundExpr;
use smallvec::SmallVec;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

type TopN = Option<(Option<BoundExpr>, BoundExpr)>;

/// A sort key as read: a pooled text by reference, anything else as a value.
#[derive(Clone, Debug)]
enum Key<'p> {
    Text(&'p str),
    Value(Value),
}

impl Key<'_> {
    fn of<'p>(v: &Vector, i: usize, pool: &'p StringPool) -> Key<'p> {
        match v {
            Vector::Strs(ids, ok) if ok.as_ref().is_none_or(|ok| ok[i]) => {
                Key::Text(pool.get(ids[i]))
            }
            other => Key::Value(other.value(i, pool)),
        }
    }

    fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Text(a), Key::Text(b)) => a.cmp(b),
            (Key::Text(a), Key::Value(Value::String(b))) => (*a).cmp(&**b),
            (Key::Value(Value::String(a)), Key::Text(b)) => (**a).cmp(*b),
            (Key::Value(a), Key::Value(b)) => compare_for_order(a, b),
            (a, b) => compare_for_order(&a.value(), &b.value()),
        }
    }

    fn value(&self) -> Value {
        match self {
            Key::Text(t) => Value::str(t),
            Key::Value(v) => v.clone(),
        }
    }
}

/// A row with its keys and input position, ordered as ORDER BY orders rows.
struct Entry<'p, 'k> {
    /// Inline for the usual one or two keys: most rows read are compared and dropped.
    keys: SmallVec<[Key<'p>; 2]>,
    seq: usize,
    row: Row,
    descending: &'k [bool],
}

impl Entry<'_, '_> {
    fn order(&self, other: &Self) -> Ordering {
        for ((a, b), desc) in self.keys.iter().zip(&other.keys).zip(self.descending) {
            let ord = a.cmp(b);
            let ord = if *desc { ord.reverse() } else { ord };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        self.seq.cmp(&other.seq)
    }
}

impl PartialEq for Entry<'_, '_> {
    fn eq(&self, other: &Self) -> bool {
        self.order(other) == Ordering::Equal
    }
}
impl Eq for Entry<'_, '_> {}
impl PartialOrd for Entry<'_, '_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry<'_, '_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order(other)
    }
}

pub struct Sort<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    keys: &'a [(BoundExpr, bool)],
    descending: Vec<bool>,
    top: &'a TopN,
    output: Option<std::vec::IntoIter<Row>>,
}

impl<'a> Sort<'a> {
    pub fn new(
        input: BoxOp<'a>,
        ctx: &'a Ctx<'a>,
        keys: &'a [(BoundExpr, bool)],
        top: &'a TopN,
    ) -> Self {
        Sort {
            input,
            ctx,
            keys,
            descending: keys.iter().map(|(_, d)| *d).collect(),
            top,
            output: None,
        }
    }

    /// How many first rows are needed, when a LIMIT bounds them.
    fn wanted(&self) -> Result<Option<usize>> {
        let Some((skip, limit)) = self.top else {
            return Ok(None);
        };
        let skip = skip
            .as_ref()
            .map_or(Ok(0), |s| row_count(s, self.ctx, "SKIP"))?;
        Ok(Some(
            skip.saturating_add(row_count(limit, self.ctx, "LIMIT")?),
        ))
    }

    fn sorted(&mut self) -> Result<Vec<Row>> {
        let pool = self.ctx.graph.strings();
        let wanted = self.wanted()?;
        let descending = self.descending.clone();
        let mut heap: BinaryHeap<Entry> = BinaryHeap::new();
        let mut all: Vec<Entry> = Vec::new();
        let mut seq = 0;
        while let Some(batch) = self.input.next_batch()? {
            check_limits()?;
            let vectors = self
                .keys
                .iter()
                .map(|(e, _)| eval_batch(e, &batch, self.ctx))
                .collect::<Result<Vec<_>>>()?;
            let width = batch.cols.len();
            for i in 0..batch.len {
                let keys = vectors.iter().map(|v| Key::of(v, i, pool)).collect();
                let mut entry = Entry {
                    keys,
                    seq,
                    row: Vec::new(),
                    descending: &descending,
                };
                seq += 1;
                match wanted {
                    Some(0) => {}
                    Some(n) if heap.len() >= n => {
                        if heap.peek().is_some_and(|worst| entry < *worst) {
                            entry.row = batch.row(i, width, pool);
                            heap.pop();
                            heap.push(entry);
                        }
                    }
                    Some(_) => {
                        entry.row = batch.row(i, width, pool);
                        heap.push(entry);
                    }
                    None => {
                        entry.row = batch.row(i, width, pool);
                        all.push(entry);
                    }
                }
            }
        }
        let entries = if wanted.is_some() {
            heap.into_vec()
        } else {
            all
        };
        let entries = sort_checked(entries, Ord::cmp)?;
        Ok(entries.into_iter().map(|e| e.row).collect())
    }
}

impl Operator for Sort<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        if self.output.is_none() {
            self.output = Some(self.sorted()?.into_iter());
        }
        let Some(rows) = self.output.as_mut() else {
            return Ok(None);
        };
        let chunk: Vec<Row> = rows.take(BATCH).collect();
        if chunk.is_empty() {
            return Ok(None);
        }
        let width = chunk[0].len();
        Ok(Some(Batch::from_rows(&chunk, width, self.ctx.graph)))
    }
}
