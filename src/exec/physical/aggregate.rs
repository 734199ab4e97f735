//! Grouping and aggregation by hash: each batch's rows get their group numbers from the
//! coded key vectors (see `keys.rs`), then each aggregate walks the batch once, handing each
//! row's argument to its group's accumulator; groups come out in the order first seen.

use super::super::accumulate::Accumulator;
use super::super::context::{Ctx, Result, check_limits};
use super::super::vector::{BATCH, Batch, NULL_ID, Vector, VectorBuilder};
use super::super::vector_eval::eval_batch;
use super::keys::{KeyTable, KeyTuple, KeyVal};
use super::{BoxOp, Operator};
use crate::graph::StringPool;
use crate::model::Value;
use crate::plan::{AggKind, Aggregate as Spec, BoundExpr, Slot};
use std::borrow::Cow;
use std::collections::VecDeque;

pub struct Aggregate<'a> {
    input: BoxOp<'a>,
    ctx: &'a Ctx<'a>,
    keys: &'a [(Slot, BoundExpr)],
    aggregates: &'a [(Slot, Spec)],
    output: Option<VecDeque<Batch>>,
}

/// The accumulators of one aggregate, one per group.
type Column<'a> = Vec<Accumulator<'a>>;

impl<'a> Aggregate<'a> {
    pub fn new(
        input: BoxOp<'a>,
        ctx: &'a Ctx<'a>,
        keys: &'a [(Slot, BoundExpr)],
        aggregates: &'a [(Slot, Spec)],
    ) -> Self {
        Aggregate {
            input,
            ctx,
            keys,
            aggregates,
            output: None,
        }
    }

    /// Reads the whole input into groups: the keys of each, and per aggregate its
    /// accumulators.
    fn group(&mut self) -> Result<(Vec<KeyTuple>, Vec<Column<'a>>)> {
        let pool = self.ctx.graph.strings();
        let mut table = KeyTable::new(self.keys.len());
        let mut columns: Vec<Column<'a>> = self.aggregates.iter().map(|_| Vec::new()).collect();
        let mut groups = Vec::new();
        while let Some(batch) = self.input.next_batch()? {
            check_limits()?;
            let key_vectors = self
                .keys
                .iter()
                .map(|(_, e)| eval_batch(e, &batch, self.ctx))
                .collect::<Result<Vec<_>>>()?;
            let keys: Vec<&Vector> = key_vectors.iter().map(|v| &**v).collect();
            table.groups(&keys, batch.len, pool, &mut groups, None);
            for ((_, spec), accs) in self.aggregates.iter().zip(&mut columns) {
                while accs.len() < table.len() {
                    accs.push(Accumulator::new(spec));
                }
                self.feed(spec, accs, &groups, &batch, pool)?;
            }
        }
        let mut keys = table.into_keys();
        // Aggregating nothing without grouping keys still gives one row (count(*) is 0).
        if keys.is_empty() && self.keys.is_empty() {
            keys.push(KeyTuple::new());
            for ((_, spec), accs) in self.aggregates.iter().zip(&mut columns) {
                accs.push(Accumulator::new(spec));
            }
        }
        Ok((keys, columns))
    }

    /// Hands one batch's values of an aggregate's argument to their groups' accumulators.
    fn feed(
        &self,
        spec: &Spec,
        accs: &mut [Accumulator<'a>],
        groups: &[u32],
        batch: &Batch,
        pool: &StringPool,
    ) -> Result<()> {
        let arg = match (&spec.arg, spec.kind) {
            (Some(arg), kind) if kind != AggKind::CountStar => eval_batch(arg, batch, self.ctx)?,
            _ => {
                for g in groups {
                    accs[*g as usize].add_row();
                }
                return Ok(());
            }
        };
        let param = spec
            .param
            .as_ref()
            .map(|p| eval_batch(p, batch, self.ctx))
            .transpose()?;
        if let (Vector::Floats(values, None), None) = (&*arg, &param) {
            for (f, g) in values.iter().zip(groups) {
                accs[*g as usize].add_float(*f)?;
            }
            return Ok(());
        }
        for (i, g) in groups.iter().enumerate() {
            if arg.is_null(i) {
                continue;
            }
            let acc = &mut accs[*g as usize];
            if acc.counts_only() {
                acc.add_row();
                continue;
            }
            if acc.wants_percentile() {
                if let Some(p) = &param {
                    acc.set_percentile(&p.value(i, pool))?;
                }
            }
            acc.add_value(Cow::Owned(arg.value(i, pool)))?;
        }
        Ok(())
    }

    /// The groups as batches: key slots (texts still pooled) and aggregate slots.
    fn emit(&self, keys: Vec<KeyTuple>, columns: Vec<Column<'a>>) -> Result<VecDeque<Batch>> {
        let pool = self.ctx.graph.strings();
        let mut out = VecDeque::new();
        let mut results: Vec<std::vec::IntoIter<Accumulator>> =
            columns.into_iter().map(Vec::into_iter).collect();
        for chunk in keys.chunks(BATCH) {
            let len = chunk.len();
            let mut cols = vec![Vector::null(); self.ctx.width];
            for (k, (slot, _)) in self.keys.iter().enumerate() {
                cols[*slot] = key_vector(chunk.iter().map(|key| &key[k]), pool);
            }
            for ((slot, _), accs) in self.aggregates.iter().zip(&mut results) {
                let values = accs
                    .by_ref()
                    .take(len)
                    .map(Accumulator::finish)
                    .collect::<Result<Vec<Value>>>()?;
                cols[*slot] = Vector::from_values(values, pool);
            }
            out.push_back(Batch { len, cols });
        }
        Ok(out)
    }
}

/// One key's column: typed, pooled texts kept as ids, where the keys allow.
fn key_vector<'k>(keys: impl Iterator<Item = &'k KeyVal>, pool: &StringPool) -> Vector {
    let keys: Vec<&KeyVal> = keys.collect();
    let nodes = keys.iter().any(|k| matches!(k, KeyVal::Node(_)));
    if nodes
        && keys
            .iter()
            .all(|k| matches!(k, KeyVal::Node(_) | KeyVal::Null))
    {
        return Vector::Nodes(
            keys.iter()
                .map(|k| match k {
                    KeyVal::Node(n) => *n,
                    _ => NULL_ID,
                })
                .collect(),
        );
    }
    let mut builder = VectorBuilder::new();
    for k in &keys {
        match k.cell() {
            Some(cell) => builder.push_cell(cell, pool),
            None => return Vector::Values(keys.iter().map(|k| k.value(pool)).collect()),
        }
    }
    builder.finish()
}

impl Operator for Aggregate<'_> {
    fn next_batch(&mut self) -> Result<Option<Batch>> {
        if self.output.is_none() {
            let (keys, columns) = self.group()?;
            self.output = Some(self.emit(keys, columns)?);
        }
        Ok(self.output.as_mut().and_then(VecDeque::pop_front))
    }
}
