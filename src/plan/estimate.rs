//! How many rows each operator of a plan is expected to produce, from the catalog: label and
//! type counts, the mean degree of each relationship type's adjacency, and the entries and
//! distinct values of declared indexes. Guesses where the catalog says nothing (a third of
//! rows pass a range, half a filter) follow the habits of SQL planners.

use super::logical::*;
use crate::graph::{Direction, EntityKind, GraphRead};
use crate::model::Value;

/// Rows passing a condition nothing is known about.
const FILTER: f64 = 0.5;
/// Rows passing a range condition on an indexed property.
const RANGE: f64 = 1.0 / 3.0;
/// Rows passing a property equality on an unindexed property.
const EQUALITY: f64 = 0.1;

/// The mean number of relationships a hop finds at a node.
pub fn hop_degree(
    graph: &dyn GraphRead,
    types: &[crate::graph::Symbol],
    dir: Option<Direction>,
) -> f64 {
    let types = if types.is_empty() {
        graph.rel_types_in_use()
    } else {
        types.to_vec()
    };
    let dirs: &[Direction] = match dir {
        Some(Direction::Outgoing) => &[Direction::Outgoing],
        Some(Direction::Incoming) => &[Direction::Incoming],
        None => &[Direction::Outgoing, Direction::Incoming],
    };
    let mut degree = 0.0;
    for ty in &types {
        for d in dirs {
            if let Some(csr) = graph.adjacency(*ty, *d) {
                if !csr.is_empty() {
                    degree += csr.mean_degree();
                }
            }
        }
    }
    degree
}

/// The share of nodes carrying every label of `labels`.
fn label_share(graph: &dyn GraphRead, labels: &[crate::graph::Symbol]) -> f64 {
    let all = graph.node_count().max(1) as f64;
    labels
        .iter()
        .map(|l| graph.label_count(*l) as f64 / all)
        .fold(1.0, f64::min)
}

/// The value of a constant count (SKIP, LIMIT), if it is one.
fn constant(expr: &BoundExpr) -> Option<f64> {
    match expr {
        BoundExpr::Const(Value::Int(n)) => Some(*n as f64),
        _ => None,
    }
}

/// Rows `op` produces when its `Input` leaf gives `input` rows.
pub fn rows(op: &Op, graph: &dyn GraphRead, input: f64) -> f64 {
    // One level of recursion per operator, subqueries' included.
    crate::stack::guarded(|| rows_of(op, graph, input))
}

fn rows_of(op: &Op, graph: &dyn GraphRead, input: f64) -> f64 {
    match op {
        Op::Input => input,
        Op::NodeScan {
            input: inner,
            label,
            filter,
            ..
        } => {
            let base = match label {
                Some(l) => graph.label_count(*l) as f64,
                None => graph.node_count() as f64,
            };
            let others = label_share(graph, &filter.labels)
                / label.map_or(1.0, |l| label_share(graph, &[l]));
            let props = EQUALITY.powi(filter.props.len() as i32);
            rows(inner, graph, input) * base * others.min(1.0) * props
        }
        Op::NodeIndexSeek {
            input: inner, seek, ..
        } => {
            let found = match graph.index(EntityKind::Node, seek.label, seek.key) {
                Some(index) => match seek.lookup {
                    IndexLookup::Equal(_) => index.len() as f64 / index.distinct().max(1) as f64,
                    IndexLookup::Range(..) => index.len() as f64 * RANGE,
                },
                None => 0.0,
            };
            rows(inner, graph, input) * found
        }
        Op::CheckNode { input: inner, .. } => rows(inner, graph, input) * FILTER,
        Op::Expand(e) => {
            let from = rows(&e.input, graph, input);
            let degree = hop_degree(graph, &e.types, e.dir);
            let mut out = match e.var_length {
                // Walks of each length up to three; longer ones rarely add more.
                Some((min, max)) => (min.max(1)..=max.min(3))
                    .map(|k| degree.powi(k as i32))
                    .sum::<f64>()
                    .max(if min == 0 { 1.0 } else { 0.0 }),
                None => degree,
            };
            if e.to_bound {
                out /= graph.node_count().max(1) as f64;
            }
            // A label every relationship of the hop's types leads to filters nothing out.
            let reached = |l: &crate::graph::Symbol| {
                e.dir.is_some_and(|d| {
                    !e.types.is_empty()
                        && e.types
                            .iter()
                            .all(|t| graph.all_rels_reach_label(*t, d, *l))
                })
            };
            let unsure: Vec<_> = e
                .to_filter
                .labels
                .iter()
                .copied()
                .filter(|l| !reached(l))
                .collect();
            out *= label_share(graph, &unsure);
            out *= EQUALITY.powi((e.to_filter.props.len() + e.rel_props.len()) as i32);
            from * out
        }
        Op::ShortestPath(sp) => rows(&sp.input, graph, input),
        Op::Filter { input: inner, .. } => rows(inner, graph, input) * FILTER,
        Op::Optional {
            input: outer,
            inner,
            ..
        } => {
            let outer = rows(outer, graph, input);
            rows(inner, graph, outer).max(outer)
        }
        Op::Unwind {
            input: inner, list, ..
        } => {
            let items = match list {
                BoundExpr::List(items, _) => items.len() as f64,
                BoundExpr::Const(Value::List(items)) => items.len() as f64,
                _ => 10.0,
            };
            rows(inner, graph, input) * items
        }
        Op::ProcedureCall(call) => {
            let rows = rows(&call.input, graph, input);
            if call.procedure.outputs.is_empty() {
                rows
            } else {
                rows * 10.0
            }
        }
        Op::Apply(a) => {
            let outer = rows(&a.input, graph, input);
            if a.returns.is_empty() {
                outer
            } else {
                // Each part runs from one row at a time.
                outer * a.parts.iter().map(|p| rows(p, graph, 1.0)).sum::<f64>()
            }
        }
        // A file's length is not known before it is read.
        Op::LoadCsv(l) => rows(&l.input, graph, input) * 1000.0,
        Op::Project { input: inner, .. } => rows(inner, graph, input),
        Op::Aggregate {
            input: inner, keys, ..
        } => {
            let rows = rows(inner, graph, input);
            if keys.is_empty() {
                1.0
            } else {
                rows.sqrt().max(1.0).min(rows)
            }
        }
        Op::Distinct { input: inner, .. } => rows(inner, graph, input) * FILTER,
        Op::Sort {
            input: inner, top, ..
        } => {
            let rows = rows(inner, graph, input);
            match top {
                Some((skip, limit)) => {
                    let skip = skip.as_ref().and_then(constant).unwrap_or(0.0);
                    constant(limit).map_or(rows, |l| rows.min(skip + l))
                }
                None => rows,
            }
        }
        Op::Skip {
            input: inner,
            count,
        } => (rows(inner, graph, input) - constant(count).unwrap_or(0.0)).max(0.0),
        Op::Limit {
            input: inner,
            count,
        } => {
            let rows = rows(inner, graph, input);
            constant(count).map_or(rows, |l| rows.min(l))
        }
    }
}
