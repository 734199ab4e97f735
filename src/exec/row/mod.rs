//! The row-at-a-time executor: read operators as iterators of rows. It is the reference
//! that the batched operators of `physical/` are tested against, and it runs subqueries
//! (EXISTS, COUNT, COLLECT, CALL, MERGE's match), one outer row at a time. `open` turns a plan tree into a
//! chain of iterators; rows stream through, except where an operator must see all its input
//! (sort, aggregate; distinct keeps only its seen-set).

mod aggregate;
mod expand;

use super::checked_sort::sort_checked;
use super::context::{Ctx, Result, Row, Rows, check_limits};
use super::eval::{eval, is_true};
use super::group::Groups;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::{NodeId, Value, compare_for_order, equals};
use crate::plan::{NodeFilter, Op, Slot};
use aggregate::aggregate;
use expand::ExpandRows;
pub use expand::shortest_paths;
use smallvec::SmallVec;

/// Rows an operator had to collect (sort, aggregation), streamed on; a failure is one item.
fn streamed<'a>(rows: Result<Vec<Row>>) -> Rows<'a> {
    match rows {
        Ok(rows) => Box::new(rows.into_iter().map(Ok)),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

/// The row extended with a scanned node, if the node matched.
fn with_node(row: &Row, slot: Slot, id: NodeId, matched: Result<bool>) -> Option<Result<Row>> {
    match matched {
        Ok(true) => {
            let mut out = row.clone();
            out[slot] = Value::Node(id);
            Some(Ok(out))
        }
        Ok(false) => None,
        Err(e) => Some(Err(e)),
    }
}

/// Builds the iterator for `op`, whose `Input` leaf reads `input`.
pub fn open<'a>(op: &'a Op, ctx: &'a Ctx<'a>, input: Rows<'a>) -> Rows<'a> {
    if matches!(op, Op::Input) {
        return input;
    }
    Box::new(Guarded(crate::stack::guarded(|| open_one(op, ctx, input))))
}

/// Rows whose each step runs with stack room: an iterator pulls from its input's, so a plan
/// of thousands of clauses nests that many calls.
struct Guarded<'a>(Rows<'a>);

impl Iterator for Guarded<'_> {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Result<Row>> {
        crate::stack::guarded(|| self.0.next())
    }
}

fn open_one<'a>(op: &'a Op, ctx: &'a Ctx<'a>, input: Rows<'a>) -> Rows<'a> {
    match op {
        Op::Input => input,
        Op::NodeScan {
            input: inner,
            slot,
            label,
            filter,
        } => {
            let rows = open(inner, ctx, input);
            let slot = *slot;
            let label = *label;
            let check = !filter.props.is_empty() || filter.labels.iter().any(|l| Some(*l) != label);
            Box::new(flat_map_rows(rows, move |row| {
                let nodes: Box<dyn Iterator<Item = NodeId> + 'a> = match label {
                    Some(l) => ctx.graph.nodes_with_label(l),
                    None => ctx.graph.node_ids(),
                };
                Box::new(nodes.filter_map(move |id| {
                    // A relaxed load per node: cheap enough to stay responsive to Ctrl-C.
                    if let Err(e) = check_limits() {
                        return Some(Err(e));
                    }
                    // The label index already guarantees the scanned label.
                    let matched = if check {
                        node_matches(ctx, id, filter, &row)
                    } else {
                        Ok(true)
                    };
                    with_node(&row, slot, id, matched)
                }))
            }))
        }
        Op::NodeIndexSeek {
            input: inner,
            slot,
            seek,
            filter,
        } => {
            let rows = open(inner, ctx, input);
            let slot = *slot;
            Box::new(flat_map_rows(rows, move |row| {
                let found = match super::seek::seek(seek, &row, ctx) {
                    Ok(found) => found,
                    Err(e) => return Box::new(std::iter::once(Err(e))),
                };
                Box::new(found.into_iter().filter_map(move |n| {
                    let id = NodeId(u64::from(n));
                    with_node(&row, slot, id, node_matches(ctx, id, filter, &row))
                }))
            }))
        }
        Op::CheckNode {
            input: inner,
            slot,
            filter,
        } => {
            let slot = *slot;
            Box::new(open(inner, ctx, input).filter_map(move |row| {
                let row = match row {
                    Ok(r) => r,
                    Err(e) => return Some(Err(e)),
                };
                let Value::Node(id) = row[slot] else {
                    return None;
                };
                match node_matches(ctx, id, filter, &row) {
                    Ok(true) => Some(Ok(row)),
                    Ok(false) => None,
                    Err(e) => Some(Err(e)),
                }
            }))
        }
        Op::Expand(e) => Box::new(ExpandRows::new(e, ctx, open(&e.input, ctx, input))),
        Op::ShortestPath(sp) => {
            let rows = open(&sp.input, ctx, input);
            Box::new(flat_map_rows(rows, move |row| shortest_paths(sp, row, ctx)))
        }
        Op::Filter {
            input: inner,
            predicate,
        } => Box::new(open(inner, ctx, input).filter_map(move |row| match row {
            Ok(r) => match is_true(predicate, &r, ctx) {
                Ok(true) => Some(Ok(r)),
                Ok(false) => None,
                Err(e) => Some(Err(e)),
            },
            Err(e) => Some(Err(e)),
        })),
        Op::Optional {
            input: outer,
            inner,
            nullable,
        } => {
            let rows = open(outer, ctx, input);
            Box::new(flat_map_rows(rows, move |row| {
                let matched: Vec<Result<Row>> =
                    open(inner, ctx, Box::new(std::iter::once(Ok(row.clone())))).collect();
                if matched.is_empty() {
                    let mut out = row;
                    for s in nullable {
                        out[*s] = Value::Null;
                    }
                    Box::new(std::iter::once(Ok(out)))
                } else {
                    Box::new(matched.into_iter())
                }
            }))
        }
        Op::Unwind {
            input: inner,
            list,
            slot,
        } => {
            let rows = open(inner, ctx, input);
            let slot = *slot;
            Box::new(flat_map_rows(rows, move |row| {
                let items = match eval(list, &row, ctx) {
                    Ok(Value::List(items)) => items,
                    Ok(Value::Null) => return Box::new(std::iter::empty()),
                    Ok(other) => std::sync::Arc::new(vec![other]),
                    Err(e) => return Box::new(std::iter::once(Err(e))),
                };
                Box::new((0..items.len()).map(move |i| {
                    let mut out = row.clone();
                    out[slot] = items[i].clone();
                    Ok(out)
                }))
            }))
        }
        Op::LoadCsv(load) => {
            let rows = open(&load.input, ctx, input);
            Box::new(flat_map_rows(
                rows,
                move |row| match super::load_csv::open(load, &row, ctx) {
                    Ok(None) => Box::new(std::iter::empty()),
                    Ok(Some(mut csv)) => {
                        let mut failed = false;
                        Box::new(std::iter::from_fn(move || {
                            if failed {
                                return None;
                            }
                            match csv.next_value() {
                                Ok(Some(v)) => {
                                    let mut out = row.clone();
                                    out[load.slot] = v;
                                    out[load.line_slot] = csv.line();
                                    out[load.file_slot] = csv.absolute.clone();
                                    Some(Ok(out))
                                }
                                Ok(None) => None,
                                Err(e) => {
                                    failed = true;
                                    Some(Err(e))
                                }
                            }
                        }))
                    }
                    Err(e) => Box::new(std::iter::once(Err(e))),
                },
            ))
        }
        Op::ProcedureCall(call) => {
            let rows = open(&call.input, ctx, input);
            Box::new(flat_map_rows(rows, move |row| {
                streamed(super::call::procedure_rows(call, &row, ctx))
            }))
        }
        Op::Apply(apply) => {
            let rows = open(&apply.input, ctx, input);
            Box::new(flat_map_rows(rows, move |row| {
                streamed(super::call::subquery_rows(apply, &row, ctx))
            }))
        }
        Op::Project {
            input: inner,
            items,
        } => Box::new(open(inner, ctx, input).map(move |row| {
            let mut row = row?;
            for (slot, e) in items {
                row[*slot] = eval(e, &row, ctx)?;
            }
            Ok(row)
        })),
        Op::Aggregate {
            input: inner,
            keys,
            aggregates,
        } => streamed(aggregate(open(inner, ctx, input), keys, aggregates, ctx)),
        Op::Distinct {
            input: inner,
            slots,
        } => {
            let mut seen = Groups::default();
            Box::new(open(inner, ctx, input).filter_map(move |row| match row {
                Ok(r) => {
                    let key = slots.iter().map(|s| &r[*s]);
                    let (_, new) = seen.find_or_insert(&key.collect::<SmallVec<[_; 4]>>());
                    new.then_some(Ok(r))
                }
                Err(e) => Some(Err(e)),
            }))
        }
        Op::Sort {
            input: inner,
            keys,
            top,
        } => streamed(sort(open(inner, ctx, input), keys, top, ctx)),
        Op::Skip {
            input: inner,
            count,
        } => {
            let rows = open(inner, ctx, input);
            match row_count(count, ctx, "SKIP") {
                // An error is not a row: skipping it would hide it.
                Ok(mut left) => Box::new(rows.filter(move |row| {
                    let skip = row.is_ok() && left > 0;
                    left -= usize::from(skip);
                    !skip
                })),
                Err(e) => Box::new(std::iter::once(Err(e))),
            }
        }
        Op::Limit {
            input: inner,
            count,
        } => {
            let rows = open(inner, ctx, input);
            match row_count(count, ctx, "LIMIT") {
                Ok(n) => Box::new(rows.take(n)),
                Err(e) => Box::new(std::iter::once(Err(e))),
            }
        }
    }
}

/// For each input row, the rows `f` makes from it; input errors pass through.
fn flat_map_rows<'a, F>(rows: Rows<'a>, mut f: F) -> impl Iterator<Item = Result<Row>> + 'a
where
    F: FnMut(Row) -> Rows<'a> + 'a,
{
    rows.flat_map(move |row| -> Rows<'a> {
        match row {
            Ok(r) => f(r),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    })
}

/// Whether node `id` has the labels and properties a pattern asks for.
pub fn node_matches(ctx: &Ctx, id: NodeId, filter: &NodeFilter, row: &Row) -> Result<bool> {
    if !ctx.graph.node_exists(id) {
        return Ok(false);
    }
    let labels = ctx.graph.node_labels(id);
    if !filter.labels.iter().all(|l| labels.contains(l)) {
        return Ok(false);
    }
    for (key, expr) in &filter.props {
        let want = eval(expr, row, ctx)?;
        let have = ctx.graph.node_prop(id, *key);
        if equals(&have, &want) != Some(true) {
            return Ok(false);
        }
    }
    Ok(true)
}

type TopN = Option<(Option<crate::plan::BoundExpr>, crate::plan::BoundExpr)>;

/// Sorts by the keys; ties keep their input order. With `top`, selects the first rows
/// before sorting only those.
fn sort(
    rows: Rows,
    keys: &[(crate::plan::BoundExpr, bool)],
    top: &TopN,
    ctx: &Ctx,
) -> Result<Vec<Row>> {
    let mut keyed: Vec<(Vec<Value>, usize, Row)> = Vec::new();
    for (i, row) in rows.enumerate() {
        let row = row?;
        let k = keys
            .iter()
            .map(|(e, _)| eval(e, &row, ctx))
            .collect::<Result<Vec<_>>>()?;
        keyed.push((k, i, row));
    }
    let order = |(a, ia, _): &(Vec<Value>, usize, Row), (b, ib, _): &(Vec<Value>, usize, Row)| {
        for (i, (_, desc)) in keys.iter().enumerate() {
            let ord = compare_for_order(&a[i], &b[i]);
            let ord = if *desc { ord.reverse() } else { ord };
            if ord != std::cmp::Ordering::Equal {
                return ord;
            }
        }
        ia.cmp(ib)
    };
    if let Some((skip, limit)) = top {
        let skip = skip.as_ref().map_or(Ok(0), |s| row_count(s, ctx, "SKIP"))?;
        let wanted = skip.saturating_add(row_count(limit, ctx, "LIMIT")?);
        if wanted < keyed.len() {
            if wanted == 0 {
                return Ok(Vec::new());
            }
            keyed.select_nth_unstable_by(wanted - 1, order);
            keyed.truncate(wanted);
        }
    }
    let keyed = sort_checked(keyed, order)?;
    Ok(keyed.into_iter().map(|(_, _, r)| r).collect())
}

/// The value of SKIP or LIMIT: a non-negative integer.
pub fn row_count(expr: &crate::plan::BoundExpr, ctx: &Ctx, what: &str) -> Result<usize> {
    let empty = Vec::new();
    match eval(expr, &empty, ctx)? {
        Value::Int(i) if i >= 0 => Ok(usize::try_from(i).unwrap_or(usize::MAX)),
        Value::Int(i) => Err(QueryError::runtime(
            ErrorClass::SyntaxError,
            Detail::NegativeIntegerArgument,
            format!("{what} needs a non-negative integer, not {i}"),
        )),
        other => Err(QueryError::runtime(
            ErrorClass::SyntaxError,
            Detail::InvalidArgumentType,
            format!("{what} needs an integer, not {}", other.value_type()),
        )),
    }
}
