//! Grouping and aggregation by hash: each batch's rows get their group numbers from the
//! coded key vectors (see `keys.rs`), then each aggregate walks the batch once, handing each
//! row's argument to its group's accumulator; groups come out in the order first seen.

use super::super::accumulate::Accumulator;
use super::super::context::{Ctx, Result, check_limits};
use super::super::vector::{BATCH, Batch, NULL_ID, Vector, VectorBuilder};
use super::super::vector_eval::eval_batch;
use super::input::Input;
use super::keys::{KeyTable, KeyTuple, KeyVal};
use super::split::{self, Part, Split};
use super::{BoxOp, Operator, build, build_part};
use crate::error::QueryError;
use crate::graph::StringPool;
use crate::limits::{self, SharedWatch};
use crate::model::Value;
use crate::plan::{AggKind, Aggregate as Spec, BoundExpr, Op, Slot};
use std::borrow::Cow;
use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

pub struct Aggregate<'a> {
    /// The plan of the input, built when the aggregation starts (once per part if split).
    plan: &'a Op,
    leaf: Option<BoxOp<'a>>,
    ctx: &'a Ctx<'a>,
    keys: &'a [(Slot, BoundExpr)],
    aggregates: &'a [(Slot, Spec)],
    output: Option<VecDeque<Batch>>,
}

/// The accumulators of one aggregate, one per group.
type Column<'a> = Vec<Accumulator<'a>>;

/// What reading (part of) the input gives: the groups, and per aggregate their accumulators.
struct Grouped<'p> {
    table: KeyTable,
    columns: Vec<Column<'p>>,
}

impl<'a> Aggregate<'a> {
    /// Aggregates the rows of `plan`, whose `Input` leaf reads `leaf`.
    pub fn new(
        plan: &'a Op,
        leaf: BoxOp<'a>,
        ctx: &'a Ctx<'a>,
        keys: &'a [(Slot, BoundExpr)],
        aggregates: &'a [(Slot, Spec)],
    ) -> Self {
        Aggregate {
            plan,
            leaf: Some(leaf),
            ctx,
            keys,
            aggregates,
            output: None,
        }
    }

    /// Reads the whole input into groups, split across threads where it pays.
    fn group(&mut self) -> Result<Grouped<'a>> {
        let Some(mut leaf) = self.leaf.take() else {
            return Ok(self.nothing());
        };
        let Some(split) = split::split(self.plan, self.ctx) else {
            return group_rows(
                build(self.plan, self.ctx, leaf),
                self.ctx,
                self.keys,
                self.aggregates,
                0,
            );
        };
        // A split scan gives each part its range of nodes for every input row, so the parts
        // follow each other in the order of one thread only when there is one input row.
        let mut batches = Vec::new();
        while let Some(batch) = leaf.next_batch()? {
            batches.push(batch);
        }
        match &batches[..] {
            [one] if one.len == 1 => self.group_split(one, split),
            _ => {
                let input = build(self.plan, self.ctx, Box::new(Input::batches(batches)));
                group_rows(input, self.ctx, self.keys, self.aggregates, 0)
            }
        }
    }

    /// No groups yet.
    fn nothing(&self) -> Grouped<'a> {
        Grouped::new(self.keys.len(), self.aggregates.len())
    }

    /// Groups the parts of the input on `split.threads` threads (this one among them), each
    /// taking the next part not yet taken and merging the parts done so far, in order.
    fn group_split(&self, row: &Batch, split: Split) -> Result<Grouped<'a>> {
        let (graph, width, statement) = (self.ctx.graph, self.ctx.width, self.ctx.stmt.part());
        let (next, merger) = (&AtomicUsize::new(0), &Merger::default());
        let taker = Taker {
            plan: self.plan,
            keys: self.keys,
            aggregates: self.aggregates,
            split,
            next,
            merger,
        };
        std::thread::scope(|scope| {
            let threads: Vec<_> = (1..split.threads)
                .filter_map(|i| {
                    let (row, watch) = (row.clone(), limits::share());
                    let work = move || {
                        let _watching = watch.map(SharedWatch::install);
                        let stmt = statement.statement();
                        taker.take(&Ctx::new(graph, &stmt, width), &row);
                        (stmt.accesses(), stmt.take_profile())
                    };
                    // Without a thread, the others take its parts.
                    let thread = std::thread::Builder::new().name(format!("kg-part-{i}"));
                    thread.spawn_scoped(scope, work).ok()
                })
                .collect();
            taker.take(self.ctx, row);
            for thread in threads {
                let (accesses, profile) = thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                self.ctx.stmt.absorb(accesses, profile);
            }
        });
        let merged = merger.finish(graph.strings())?;
        Ok(merged.unwrap_or_else(|| self.nothing()))
    }

    /// The groups as batches: key slots (texts still pooled) and aggregate slots.
    fn emit(&self, grouped: Grouped<'a>) -> Result<VecDeque<Batch>> {
        let pool = self.ctx.graph.strings();
        let (mut keys, mut columns) = (grouped.table.into_keys(), grouped.columns);
        // Aggregating nothing without grouping keys still gives one row (count(*) is 0).
        if keys.is_empty() && self.keys.is_empty() {
            keys.push(KeyTuple::new());
            for ((_, spec), accs) in self.aggregates.iter().zip(&mut columns) {
                accs.push(Accumulator::new(spec));
            }
        }
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

impl<'p> Grouped<'p> {
    fn new(keys: usize, aggregates: usize) -> Self {
        Grouped {
            table: KeyTable::new(keys),
            columns: (0..aggregates).map(|_| Vec::new()).collect(),
        }
    }

    /// Takes in what the rows that follow this part's grouped.
    fn absorb(&mut self, later: Grouped<'p>, pool: &StringPool) -> Result<()> {
        let numbers = self.table.absorb(later.table, pool);
        for (ours, theirs) in self.columns.iter_mut().zip(later.columns) {
            for (g, acc) in numbers.iter().zip(theirs) {
                match ours.get_mut(*g as usize) {
                    Some(group) => group.merge(acc)?,
                    // A group new here: numbered on, in order.
                    None => ours.push(acc),
                }
            }
        }
        Ok(())
    }
}

/// What each thread of a split aggregation runs: it takes parts until none is left.
#[derive(Clone, Copy)]
struct Taker<'a, 's> {
    plan: &'a Op,
    keys: &'a [(Slot, BoundExpr)],
    aggregates: &'a [(Slot, Spec)],
    split: Split,
    /// The next part to take.
    next: &'s AtomicUsize,
    merger: &'s Merger<'a>,
}

impl Taker<'_, '_> {
    fn take(self, ctx: &Ctx<'_>, row: &Batch) {
        let pool = ctx.graph.strings();
        // Parts are alike: each table starts with room for the groups of the one before.
        let mut room = 0;
        while !self.merger.failed.load(Ordering::Relaxed) {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            if index >= self.split.parts {
                break;
            }
            let part = Part {
                index,
                count: self.split.parts,
            };
            let input = build_part(
                self.plan,
                ctx,
                Box::new(Input::batch(row.clone())),
                Some(part),
            );
            let grouped = group_rows(input, ctx, self.keys, self.aggregates, room);
            if let Ok(grouped) = &grouped {
                room = grouped.table.len();
            }
            self.merger.put(index, grouped, pool);
        }
    }
}

/// The parts' groups, merged in part order by whichever thread finds the next part done, so
/// that merging goes on while other parts are still being grouped.
#[derive(Default)]
struct Merger<'p> {
    /// Parts grouped and not yet merged, by number.
    done: Mutex<BTreeMap<usize, Result<Grouped<'p>>>>,
    merged: Mutex<Merged<'p>>,
    /// Set once a part failed: the parts after it are not worth taking.
    failed: AtomicBool,
}

/// The parts merged so far: how many, their groups, and the error that stopped the merging
/// (the one a single thread would have met first, since parts merge in order).
#[derive(Default)]
struct Merged<'p> {
    parts: usize,
    grouped: Option<Grouped<'p>>,
    error: Option<QueryError>,
}

impl<'p> Merger<'p> {
    fn put(&self, index: usize, part: Result<Grouped<'p>>, pool: &StringPool) {
        if part.is_err() {
            self.failed.store(true, Ordering::Relaxed);
        }
        locked(&self.done).insert(index, part);
        // A thread merging already takes this part when it gets to it, or `finish` does.
        if let Ok(mut merged) = self.merged.try_lock() {
            self.merge_ready(&mut merged, pool);
        }
    }

    /// Merges the parts that follow those merged, as far as they are done.
    fn merge_ready(&self, merged: &mut Merged<'p>, pool: &StringPool) {
        while merged.error.is_none() {
            let Some(part) = locked(&self.done).remove(&merged.parts) else {
                return;
            };
            merged.parts += 1;
            let absorbed = part.and_then(|later| match &mut merged.grouped {
                Some(grouped) => grouped.absorb(later, pool),
                None => {
                    merged.grouped = Some(later);
                    Ok(())
                }
            });
            if let Err(e) = absorbed {
                self.failed.store(true, Ordering::Relaxed);
                merged.error = Some(e);
            }
        }
    }

    /// Every part merged, once the threads are done: parts are taken in order and each taken
    /// one is finished, so the parts before a failed one are all there.
    fn finish(&self, pool: &StringPool) -> Result<Option<Grouped<'p>>> {
        let mut merged = locked(&self.merged);
        self.merge_ready(&mut merged, pool);
        match merged.error.take() {
            Some(e) => Err(e),
            None => Ok(merged.grouped.take()),
        }
    }
}

/// A lock a panicking thread may have held: its panic is resumed when it is joined, so what
/// it left behind is never used.
fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Reads `input` whole into groups.
fn group_rows<'p>(
    mut input: BoxOp<'_>,
    ctx: &Ctx<'_>,
    keys: &[(Slot, BoundExpr)],
    aggregates: &'p [(Slot, Spec)],
    room: usize,
) -> Result<Grouped<'p>> {
    let pool = ctx.graph.strings();
    let mut grouped = Grouped::new(keys.len(), aggregates.len());
    grouped.table.reserve(room);
    let mut groups = Vec::new();
    while let Some(batch) = input.next_batch()? {
        check_limits()?;
        let key_vectors = keys
            .iter()
            .map(|(_, e)| eval_batch(e, &batch, ctx))
            .collect::<Result<Vec<_>>>()?;
        let key_vectors: Vec<&Vector> = key_vectors.iter().map(|v| &**v).collect();
        let table = &mut grouped.table;
        table.groups(&key_vectors, batch.len, pool, &mut groups, None);
        for ((_, spec), accs) in aggregates.iter().zip(&mut grouped.columns) {
            while accs.len() < table.len() {
                accs.push(Accumulator::new(spec));
            }
            feed(spec, accs, &groups, &batch, ctx)?;
        }
    }
    Ok(grouped)
}

/// Hands one batch's values of an aggregate's argument to their groups' accumulators.
fn feed(
    spec: &Spec,
    accs: &mut [Accumulator<'_>],
    groups: &[u32],
    batch: &Batch,
    ctx: &Ctx<'_>,
) -> Result<()> {
    let pool = ctx.graph.strings();
    let arg = match (&spec.arg, spec.kind) {
        (Some(arg), kind) if kind != AggKind::CountStar => eval_batch(arg, batch, ctx)?,
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
        .map(|p| eval_batch(p, batch, ctx))
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
            let grouped = self.group()?;
            self.output = Some(self.emit(grouped)?);
        }
        Ok(self.output.as_mut().and_then(VecDeque::pop_front))
    }
}
