//! Execution of logical plans over a graph.
//!
//! Reads stream through iterators built by [`operators::open`]; each write stage first takes
//! every row of the stage before it, then changes the graph through a [`Transaction`], so
//! that a failure anywhere can be undone by the caller.
//!
//! **Invariant:** the executor sees the graph only through `GraphRead`/`GraphWrite` and
//! changes it only with `Mutation`s.

mod aggregate;
mod arith;
mod context;
mod eval;
mod expand;
mod functions;
mod group;
mod operators;
mod result;
mod temporal;
mod write;

pub use arith::float_text;
pub use context::{clear_interrupt, request_interrupt};
pub use result::{NodeData, QueryResult, RelData, WriteStats, node_data, rel_data};

use crate::db::Params;
use crate::error::QueryError;
use crate::graph::{GraphRead, Transaction};
use crate::model::Value;
use crate::plan::{PartPlan, QueryPlan, Stage};
use context::{Ctx, Row, Statement};
use std::collections::HashSet;

type Result<T> = std::result::Result<T, QueryError>;

/// Runs a statement's plan inside `tx` (an explicit transaction begun at `transaction_started`,
/// or the statement's own). On error the caller rolls `tx` back.
pub fn execute(
    plan: &QueryPlan,
    tx: &mut Transaction,
    params: &Params,
    transaction_started: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<QueryResult> {
    let stmt = Statement::new(params, transaction_started);
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
    Ok(result)
}

fn run_part(part: &PartPlan, tx: &mut Transaction, stmt: &Statement) -> Result<Vec<Vec<Value>>> {
    let start = vec![vec![Value::Null; part.width]];
    let Some((last, rest)) = part.stages.split_last() else {
        return Ok(Vec::new());
    };
    let rows = run_stages(rest, start, tx, stmt, part.width)?;
    let project =
        |row: Row| -> Vec<Value> { part.outputs.iter().map(|s| row[*s].clone()).collect() };
    let has_output = !part.outputs.is_empty();
    match last {
        Stage::Read(op) => {
            let ctx = Ctx::new(&*tx, stmt, part.width);
            let mut out = Vec::new();
            for row in operators::open(op, &ctx, Box::new(rows.into_iter().map(Ok))) {
                let row = row?;
                if has_output {
                    out.push(project(row));
                }
            }
            Ok(out)
        }
        Stage::Write(w) => {
            let rows = write::Writer {
                tx,
                stmt,
                width: part.width,
            }
            .run(w, rows)?;
            Ok(if has_output {
                rows.into_iter().map(project).collect()
            } else {
                Vec::new()
            })
        }
    }
}

/// Runs stages in order, each over all rows of the one before.
fn run_stages(
    stages: &[Stage],
    mut rows: Vec<Row>,
    tx: &mut Transaction,
    stmt: &Statement,
    width: usize,
) -> Result<Vec<Row>> {
    for stage in stages {
        rows = match stage {
            Stage::Read(op) => {
                let ctx = Ctx::new(&*tx, stmt, width);
                operators::open(op, &ctx, Box::new(rows.into_iter().map(Ok)))
                    .collect::<Result<_>>()?
            }
            Stage::Write(w) => write::Writer { tx, stmt, width }.run(w, rows)?,
        };
    }
    Ok(rows)
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
