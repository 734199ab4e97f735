//! Grouping and aggregation for the row-at-a-time executor.

use super::super::accumulate::Accumulator;
use super::super::context::{Ctx, Result, Row, Rows};
use super::super::eval::{eval, eval_ref};
use super::super::group::Groups;
use crate::model::Value;
use crate::plan::{AggKind, Aggregate, BoundExpr, Slot};
use smallvec::SmallVec;

/// Feeds one row to an accumulator: its argument's value, or the row itself for `count(*)`.
pub fn add_row(acc: &mut Accumulator, spec: &Aggregate, row: &Row, ctx: &Ctx) -> Result<()> {
    if spec.kind == AggKind::CountStar {
        acc.add_row();
        return Ok(());
    }
    let value = match &spec.arg {
        Some(arg) => eval_ref(arg, row, ctx)?,
        None => return Ok(()),
    };
    if value.is_null() {
        return Ok(());
    }
    if acc.wants_percentile() {
        if let Some(p) = &spec.param {
            acc.set_percentile(&eval(p, row, ctx)?)?;
        }
    }
    acc.add_value(value)
}

/// Groups the input by `keys` and computes `aggregates` per group. Output rows hold the key
/// and aggregate slots.
pub fn aggregate(
    rows: Rows,
    keys: &[(Slot, BoundExpr)],
    aggregates: &[(Slot, Aggregate)],
    ctx: &Ctx,
) -> Result<Vec<Row>> {
    let mut groups = Groups::default();
    let mut accs: Vec<Vec<Accumulator>> = Vec::new();
    for row in rows {
        let row = row?;
        // Evaluated in place where possible (up to four keys on the stack), so a row of an
        // existing group copies nothing.
        let key_values = keys
            .iter()
            .map(|(_, e)| eval_ref(e, &row, ctx))
            .collect::<Result<SmallVec<[_; 4]>>>()?;
        let (g, new) = groups.find_or_insert(&key_values);
        if new {
            accs.push(
                aggregates
                    .iter()
                    .map(|(_, a)| Accumulator::new(a))
                    .collect(),
            );
        }
        for (acc, (_, spec)) in accs[g].iter_mut().zip(aggregates) {
            add_row(acc, spec, &row, ctx)?;
        }
    }
    let mut group_keys = groups.into_keys();
    // Aggregating nothing without grouping keys still gives one row (count(*) is 0).
    if accs.is_empty() && keys.is_empty() {
        accs.push(
            aggregates
                .iter()
                .map(|(_, a)| Accumulator::new(a))
                .collect(),
        );
        group_keys.push(Vec::new());
    }
    let width = ctx.width;
    let mut out = Vec::with_capacity(accs.len());
    for (group_key, group_accs) in group_keys.into_iter().zip(accs) {
        let mut row = vec![Value::Null; width];
        for ((slot, _), v) in keys.iter().zip(group_key) {
            row[*slot] = v;
        }
        for ((slot, _), acc) in aggregates.iter().zip(group_accs) {
            row[*slot] = acc.finish()?;
        }
        out.push(row);
    }
    Ok(out)
}
