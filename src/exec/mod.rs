//! Execution of logical plans over a graph.
//!
//! Reads run as physical operators (`physical/`) that pass batches of rows held by column;
//! the row-at-a-time executor (`row/`) is the reference they are tested against and runs
//! subqueries. Each write stage first takes every row of the stage before it, then changes
//! the graph through a [`Transaction`], so that a failure anywhere can be undone by the
//! caller.
//!
//! **Invariant:** the executor sees the graph only through `GraphRead`/`GraphWrite` and
//! changes it only with `Mutation`s.

mod accumulate;
mod arith;
mod call;
mod checked_sort;
mod context;
mod eval;
mod group;
mod load_csv;
mod physical;
mod profile;
mod row;
mod seek;
mod subquery;
mod vector;
mod vector_eval;
mod write;

pub use crate::result::{
    Cite, NodeData, QueryResult, RelData, WriteStats, cites, node_data, rel_data,
};
pub use arith::float_text;
pub use context::BatchCommit;
pub use profile::{OpStats, Profile};
pub use write::{SOURCE_LABEL, graph_error, source_name};

use crate::error::QueryError;
use crate::graph::{GraphRead, Transaction};
use crate::model::Params;
use crate::model::Value;
use crate::plan::{PartPlan, QueryPlan, Stage};
use crate::result;
use context::{Ctx, Row, Statement};
use std::collections::HashSet;

type Result<T> = std::result::Result<T, QueryError>;

/// Which executor runs the read operators.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// Batches of rows by column: the executor kg runs. When a read fails, it is run again
    /// row by row to find the error: which of several failing rows reports first is defined
    /// by the row-at-a-time order, which batches do not follow.
    #[default]
    Batched,
    /// Batches only, errors as batches meet them: for tests that check the batched
    /// executor fails exactly where the reference does.
    BatchedOnly,
    /// One row at a time: the reference the batched executor is tested against.
    RowByRow,
    /// Batches only, with every aggregation that can be split across threads split in three
    /// whatever its size: for tests that the parts merge into what one thread computes.
    Split,
}

/// Runs a statement's plan inside `tx` (an explicit transaction begun at `transaction_started`,
/// or the statement's own). On error the caller rolls `tx` back.
pub fn execute(
    plan: &QueryPlan,
    tx: &mut Transaction,
    params: &Params,
    options: &RunOptions,
    batch_commit: Option<&dyn BatchCommit>,
) -> Result<(QueryResult, Profile)> {
    if let Some((name, span)) = plan
        .implicit_params
        .iter()
        .find(|(name, _)| !params.contains_key(&**name))
    {
        return Err(QueryError::new(
            crate::error::ErrorClass::ParameterMissing,
            crate::error::Phase::CompileTime,
            crate::error::Detail::MissingParameter,
            format!(
                "expected a value for parameter ${name}: a CALL without parentheses takes its arguments from the parameters of the same names"
            ),
        )
        .at(*span));
    }
    let mut stmt = Statement::new(params, options.transaction_started, options.engine);
    stmt.batch_commit = batch_commit;
    if options.profile {
        stmt = stmt.profiled();
    }
    let mut rows = Vec::new();
    for part in &plan.parts {
        rows.extend(run_part(part, tx, &stmt)?);
    }
    if plan.parts.len() > 1 && !plan.union_all.iter().all(|all| *all) {
        let mut distinct = group::Groups::default();
        for row in rows {
            distinct.insert(row);
        }
        rows = distinct.into_keys();
    }
    let mut result = QueryResult {
        columns: plan.columns.clone(),
        rows,
        ..QueryResult::default()
    };
    collect_entities(&mut result, tx);
    Ok((result, stmt.take_profile()))
}

/// How a statement runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions {
    /// When the explicit transaction it runs in began (none: it is its own).
    pub transaction_started: Option<chrono::DateTime<chrono::Utc>>,
    pub engine: Engine,
    /// Record PROFILE's figures.
    pub profile: bool,
}

fn run_part(part: &PartPlan, tx: &mut Transaction, stmt: &Statement) -> Result<Vec<Vec<Value>>> {
    let mut stages = part.stages.as_slice();
    let mut rows = None;
    // A first read that feeds CALL { ... } IN TRANSACTIONS as it goes: the two run together.
    if let [Stage::Read(read), write @ Stage::Write(op), ..] = stages {
        if subquery::streams_into(read, op) {
            let outputs = (stages.len() == 2).then_some(part.outputs.as_slice());
            let out = stream_into_subquery(read, write, tx, stmt, part.width, outputs)?;
            stages = &stages[2..];
            if stages.is_empty() {
                return Ok(if part.outputs.is_empty() {
                    Vec::new()
                } else {
                    out
                });
            }
            rows = Some(out);
        }
    }
    let Some((last, rest)) = stages.split_last() else {
        return Ok(Vec::new());
    };
    for stage in rest {
        rows = Some(run_stage(stage, rows, tx, stmt, part.width, None)?);
    }
    let out = run_stage(last, rows, tx, stmt, part.width, Some(&part.outputs))?;
    // A part without RETURN (a write that ends the query) returns no rows.
    Ok(if part.outputs.is_empty() {
        Vec::new()
    } else {
        out
    })
}

/// Runs a read that touches no entity row by row over an empty graph with the names, handing
/// each row to the `IN TRANSACTIONS` subquery as it comes (see `subquery::streams_into`).
fn stream_into_subquery(
    read: &crate::plan::Op,
    write: &Stage,
    tx: &mut Transaction,
    stmt: &Statement,
    width: usize,
    outputs: Option<&[usize]>,
) -> Result<Vec<Row>> {
    let Stage::Write(crate::plan::WriteOp::Subquery(sub)) = write else {
        return Ok(Vec::new());
    };
    let started = std::time::Instant::now();
    let names_only = tx.empty_with_names();
    let ctx = Ctx::new(&names_only, stmt, width);
    let input = vec![Value::Null; width];
    let read_rows = std::cell::Cell::new(0u64);
    let rows = row::open(read, &ctx, Box::new(std::iter::once(Ok(input))))
        .inspect(|_| read_rows.set(read_rows.get() + 1));
    let out = write::Writer { tx, stmt, width }.subquery(sub, rows)?;
    stmt.record(crate::plan::key_of(read), |s| s.rows += read_rows.get());
    stmt.record(crate::plan::key_of(write), |s| {
        s.rows += out.len() as u64;
        s.time += started.elapsed();
    });
    Ok(match outputs {
        Some(slots) => out
            .into_iter()
            .map(|row| slots.iter().map(|s| row[*s].clone()).collect())
            .collect(),
        None => out,
    })
}

/// Runs stages in order, each over all rows of the one before (FOREACH's body).
fn run_stages(
    stages: &[Stage],
    rows: Vec<Row>,
    tx: &mut Transaction,
    stmt: &Statement,
    width: usize,
) -> Result<Vec<Row>> {
    let mut rows = Some(rows);
    for stage in stages {
        rows = Some(run_stage(stage, rows, tx, stmt, width, None)?);
    }
    Ok(rows.unwrap_or_default())
}

/// Runs one stage over the rows of the stage before (`None`: the part's single empty row),
/// returning its rows whole or, with `outputs`, only those slots.
fn run_stage(
    stage: &Stage,
    input: Option<Vec<Row>>,
    tx: &mut Transaction,
    stmt: &Statement,
    width: usize,
    outputs: Option<&[usize]>,
) -> Result<Vec<Row>> {
    let project = |row: Row| -> Row {
        match outputs {
            Some(slots) => slots.iter().map(|s| row[*s].clone()).collect(),
            None => row,
        }
    };
    match stage {
        Stage::Write(w) => {
            let started = std::time::Instant::now();
            let input = input.unwrap_or_else(|| vec![vec![Value::Null; width]]);
            let rows = write::Writer { tx, stmt, width }.run(w, input)?;
            stmt.record(crate::plan::key_of(stage), |s| {
                s.rows += rows.len() as u64;
                s.time += started.elapsed();
            });
            Ok(rows.into_iter().map(project).collect())
        }
        Stage::Read(op) if stmt.engine == Engine::RowByRow => {
            read_row_by_row(op, input, tx, stmt, width, outputs)
        }
        Stage::Read(op) => match read_batched(op, input.as_deref(), tx, stmt, width, outputs) {
            Err(e) if stmt.engine == Engine::Batched && !e.is_interruption() => {
                read_row_by_row(op, input, tx, stmt, width, outputs)
            }
            other => other,
        },
    }
}

fn read_row_by_row(
    op: &crate::plan::Op,
    input: Option<Vec<Row>>,
    tx: &Transaction,
    stmt: &Statement,
    width: usize,
    outputs: Option<&[usize]>,
) -> Result<Vec<Row>> {
    let ctx = Ctx::new(tx, stmt, width);
    let input = input.unwrap_or_else(|| vec![vec![Value::Null; width]]);
    row::open(op, &ctx, Box::new(input.into_iter().map(Ok)))
        .map(|r| {
            r.map(|row| match outputs {
                Some(slots) => slots.iter().map(|s| row[*s].clone()).collect(),
                None => row,
            })
        })
        .collect()
}

fn read_batched(
    op: &crate::plan::Op,
    input: Option<&[Row]>,
    tx: &Transaction,
    stmt: &Statement,
    width: usize,
    outputs: Option<&[usize]>,
) -> Result<Vec<Row>> {
    let ctx = Ctx::new(tx, stmt, width);
    let source = match input {
        None => physical::Input::batch(vector::Batch::unit(width)),
        Some(rows) => physical::Input::rows(rows, width, ctx.graph),
    };
    let mut root = physical::build(op, &ctx, Box::new(source));
    let pool = ctx.graph.strings();
    let mut out = Vec::new();
    while let Some(batch) = root.next_batch()? {
        // The rows collected here are the statement's to account for, whatever operator made them.
        context::check_limits()?;
        for i in 0..batch.len {
            out.push(match outputs {
                Some(slots) => slots
                    .iter()
                    .map(|s| batch.cols[*s].value(i, pool))
                    .collect(),
                None => batch.row(i, width, pool),
            });
        }
    }
    Ok(out)
}

/// Records the data of every node and relationship the result mentions, taking deleted
/// ones from the transaction's undo log.
fn collect_entities(result: &mut QueryResult, tx: &Transaction) {
    let mut nodes = HashSet::new();
    let mut rels = HashSet::new();
    for row in &result.rows {
        for v in row {
            v.for_each_entity(&mut |id| _ = nodes.insert(id), &mut |id| {
                _ = rels.insert(id)
            });
        }
    }
    for id in nodes {
        let data = result::node_data(tx, id)
            .or_else(|| tx.deleted_node(id).and_then(result::node_data_from_undo));
        if let Some(data) = data {
            result.nodes.insert(id, data);
        }
    }
    for id in rels {
        let data = result::rel_data(tx, id)
            .or_else(|| tx.deleted_rel(id).and_then(result::rel_data_from_undo));
        if let Some(data) = data {
            result.rels.insert(id, data);
        }
    }
}

/// The graph as a whole, for callers that only read (schema listings, exports).
pub fn graph_nodes(graph: &dyn GraphRead) -> Vec<NodeData> {
    graph
        .node_ids()
        .filter_map(|id| result::node_data(graph, id))
        .collect()
}

pub fn graph_rels(graph: &dyn GraphRead) -> Vec<RelData> {
    graph
        .rel_ids()
        .filter_map(|id| result::rel_data(graph, id))
        .collect()
}
