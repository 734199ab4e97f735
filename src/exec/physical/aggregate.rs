//! Grouping and aggregation by hash: each row's key is coded from the key vectors (see
//! `keys.rs`), its group found by hashing the codes, and each aggregate's argument handed to
//! the group's accumulator; groups come out in the order first seen.

use super::super::accumulate::Accumulator;
use super::super::context::{Ctx, Result, check_interrupt};
use super::super::vector::{BATCH, Batch, Vector, VectorBuilder};
use super::super::vector_eval::eval_batch;
use super::keys::{KeyTable, KeyTuple, KeyVal};
use super::{BoxOp, Operator};
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

    fn accumulators(&self) -> Vec<Accumulator<'a>> {
        self.aggregates
            .iter()
            .map(|(_, spec)| Accumulator::new(spec))
            .collect()
    }

    /// Reads the whole input into groups.
    fn group(&mut self) -> Result<(Vec<KeyTuple>, Vec<Vec<Accumulator<'a>>>)> {
        let pool = self.ctx.graph.strings();
        let mut table = KeyTable::default();
        let mut groups: Vec<Vec<Accumulator<'a>>> = Vec::new();
        let mut key = KeyTuple::new();
        while let Some(batch) = self.input.next_batch()? {
            check_interrupt()?;
            let key_vectors = self
                .keys
                .iter()
                .map(|(_, e)| eval_batch(e, &batch, self.ctx))
                .collect::<Result<Vec<_>>>()?;
            let args = self
                .aggregates
                .iter()
                .map(|(_, spec)| match (&spec.arg, spec.kind) {
                    (Some(arg), kind) if kind != AggKind::CountStar => {
                        eval_batch(arg, &batch, self.ctx).map(Some)
                    }
                    _ => Ok(None),
                })
                .collect::<Result<Vec<_>>>()?;
            let params = self
                .aggregates
                .iter()
                .map(|(_, spec)| {
                    spec.param
                        .as_ref()
                        .map(|p| eval_batch(p, &batch, self.ctx))
                        .transpose()
                })
                .collect::<Result<Vec<_>>>()?;
            for i in 0..batch.len {
                key.clear();
                key.extend(key_vectors.iter().map(|v| KeyVal::of(v, i, pool)));
                let (g, new) = table.find_or_insert(&key, pool);
                if new {
                    groups.push(self.accumulators());
                }
                for (j, acc) in groups[g].iter_mut().enumerate() {
                    let Some(arg) = &args[j] else {
                        if self.aggregates[j].1.kind == AggKind::CountStar {
                            acc.add_row();
                        }
                        continue;
                    };
                    if arg.is_null(i) {
                        continue;
                    }
                    if acc.counts_only() {
                        acc.add_row();
                        continue;
                    }
                    if acc.wants_percentile() {
                        if let Some(p) = &params[j] {
                            acc.set_percentile(&p.value(i, pool))?;
                        }
                    }
                    acc.add_value(Cow::Owned(arg.value(i, pool)))?;
                }
            }
        }
        // Aggregating nothing without grouping keys still gives one row (count(*) is 0).
        let mut keys = table.into_keys();
        if groups.is_empty() && self.keys.is_empty() {
            groups.push(self.accumulators());
            keys.push(KeyTuple::new());
        }
        Ok((keys, groups))
    }

    /// The groups as batches: key slots (texts still pooled) and aggregate slots.
    fn emit(
        &self,
        keys: Vec<KeyTuple>,
        groups: Vec<Vec<Accumulator<'a>>>,
    ) -> Result<VecDeque<Batch>> {
        let pool = self.ctx.graph.strings();
        let mut out = VecDeque::new();
        let mut keys = keys.into_iter();
        let mut groups = groups.into_iter();
        loop {
            let chunk: Vec<(KeyTuple, Vec<Accumulator>)> =
                keys.by_ref().zip(groups.by_ref()).take(BATCH).collect();
            if chunk.is_empty() {
                return Ok(out);
            }
            let mut cols = vec![Vector::null(); self.ctx.width];
            for (k, (slot, _)) in self.keys.iter().enumerate() {
                cols[*slot] = key_vector(chunk.iter().map(|(key, _)| &key[k]), pool);
            }
            let len = chunk.len();
            let mut values: Vec<Vec<Value>> = vec![Vec::with_capacity(len); self.aggregates.len()];
            for (_, accs) in chunk {
                for (j, acc) in accs.into_iter().enumerate() {
                    values[j].push(acc.finish()?);
                }
            }
            for ((slot, _), v) in self.aggregates.iter().zip(values) {
                cols[*slot] = Vector::from_values(v, pool);
            }
            out.push_back(Batch { len, cols });
        }
    }
}

/// One key's column: typed, pooled texts kept as ids, where the keys allow.
fn key_vector<'k>(
    keys: impl Iterator<Item = &'k KeyVal>,
    pool: &crate::graph::StringPool,
) -> Vector {
    let keys: Vec<&KeyVal> = keys.collect();
    if keys
        .iter()
        .all(|k| matches!(k, KeyVal::Node(_) | KeyVal::Null))
        && keys.iter().any(|k| matches!(k, KeyVal::Node(_)))
    {
        return Vector::Nodes(
            keys.iter()
                .map(|k| match k {
                    KeyVal::Node(n) => *n,
                    _ => super::super::vector::NULL_ID,
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
            let (keys, groups) = self.group()?;
            self.output = Some(self.emit(keys, groups)?);
        }
        Ok(self.output.as_mut().and_then(VecDeque::pop_front))
    }
}
