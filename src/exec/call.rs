//! CALL, for both executors: a procedure call's rows from one input row, and a read-only
//! subquery's rows from one input row (run by the row-at-a-time executor, as expression
//! subqueries are).

use super::context::{Ctx, Result, Row, check_limits};
use super::eval::eval;
use crate::model::Value;
use crate::plan::{Apply, Op, ProcedureCall, Slot};

/// The rows a procedure call makes of `row`: one per row the procedure gives, with the
/// yielded columns set; `row` itself once for a procedure without result columns.
pub fn procedure_rows(call: &ProcedureCall, row: &Row, ctx: &Ctx) -> Result<Vec<Row>> {
    let args = call
        .args
        .iter()
        .map(|a| eval(a, row, ctx))
        .collect::<Result<Vec<_>>>()?;
    let results = call
        .procedure
        .call(&args, ctx.graph)
        .map_err(|e| e.or_at(call.span))?;
    if call.procedure.outputs.is_empty() {
        return Ok(vec![row.clone()]);
    }
    let mut out = Vec::with_capacity(results.len());
    for result in results {
        check_limits()?;
        let mut r = row.clone();
        for (column, slot) in &call.yields {
            r[*slot] = result[*column].clone();
        }
        if let Some(filter) = &call.filter {
            if !super::eval::is_true(filter, &r, ctx)? {
                continue;
            }
        }
        out.push(r);
    }
    if out.is_empty() && call.optional {
        let mut kept = row.clone();
        for (_, slot) in &call.yields {
            kept[*slot] = Value::Null;
        }
        out.push(kept);
    }
    Ok(out)
}

/// The rows a read-only `CALL { ... }` makes of `row`, its parts run by the row-at-a-time
/// executor.
pub fn subquery_rows(apply: &Apply, row: &Row, ctx: &Ctx) -> Result<Vec<Row>> {
    apply_rows(apply, row, |part| {
        super::row::open(part, ctx, Box::new(std::iter::once(Ok(row.clone())))).collect()
    })
}

/// The rows a read-only `CALL { ... }` makes of `row`, given the rows each of its parts
/// makes of it: per row of each part, in order, `row` with the `returns` slots of that row;
/// `row` itself once for a unit subquery (whose parts still run, for their errors).
pub fn apply_rows(
    apply: &Apply,
    row: &Row,
    mut rows_of: impl FnMut(&Op) -> Result<Vec<Row>>,
) -> Result<Vec<Row>> {
    let mut out = Vec::new();
    for part in &apply.parts {
        for r in rows_of(part)? {
            check_limits()?;
            if !apply.returns.is_empty() {
                out.push(merged(row, &r, &apply.returns));
            }
        }
    }
    if apply.returns.is_empty() {
        return Ok(vec![row.clone()]);
    }
    Ok(finish(
        out,
        row,
        &apply.returns,
        apply.distinct,
        apply.optional,
    ))
}

/// The outer row with the returned slots of an inner row.
pub fn merged(outer: &Row, inner: &Row, returns: &[Slot]) -> Row {
    let mut out = outer.clone();
    for s in returns {
        out[*s] = inner[*s].clone();
    }
    out
}

/// The rows whose returned values differ from every earlier row's: UNION in a subquery.
pub fn distinct(rows: Vec<Row>, returns: &[Slot]) -> Vec<Row> {
    let mut seen = super::group::Groups::default();
    rows.into_iter()
        .filter(|r| seen.insert(returns.iter().map(|s| r[*s].clone()).collect()))
        .collect()
}

/// The rows one input row gets from a subquery: distinct under UNION; under OPTIONAL CALL,
/// the input row with `returns` null when there are none.
pub fn finish(
    rows: Vec<Row>,
    row: &Row,
    returns: &[Slot],
    union: bool,
    optional: bool,
) -> Vec<Row> {
    if rows.is_empty() && optional {
        let mut kept = row.clone();
        for s in returns {
            kept[*s] = Value::Null;
        }
        return vec![kept];
    }
    if union { distinct(rows, returns) } else { rows }
}
