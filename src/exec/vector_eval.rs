//! Expressions over batches. The common cases (slots, constants, parameters, property reads,
//! comparisons, boolean connectives, arithmetic, null and label tests) are computed a column
//! at a time, reading property columns and comparing pooled texts by id; everything else is
//! evaluated row by row by the row evaluator, which defines what every expression means.

use super::context::{Ctx, Result};
use super::eval::{compare, connective, connective_name, eval, property, truth, value_operator};
use super::vector::{Batch, NULL_ID, Validity, Vector, VectorBuilder};
use crate::error::QueryError;
use crate::graph::{Column, Gathered, StringPool, Symbol};
use crate::model::Value;
use crate::plan::{BinaryOp, CmpOp};
use crate::plan::{BoundExpr, Slot, slots_of};
use std::borrow::Cow;

/// The value of `expr` for every row of `batch`.
pub fn eval_batch<'b>(expr: &BoundExpr, batch: &'b Batch, ctx: &Ctx) -> Result<Cow<'b, Vector>> {
    crate::stack::guarded(|| eval_batch_node(expr, batch, ctx))
}

fn eval_batch_node<'b>(expr: &BoundExpr, batch: &'b Batch, ctx: &Ctx) -> Result<Cow<'b, Vector>> {
    Ok(match expr {
        BoundExpr::Slot(s) => Cow::Borrowed(&batch.cols[*s]),
        BoundExpr::Const(v) => Cow::Owned(Vector::Const(v.clone())),
        BoundExpr::Param(..) => Cow::Owned(Vector::Const(eval(expr, &Vec::new(), ctx)?)),
        BoundExpr::Property { base, key, span } => {
            let base = eval_batch(base, batch, ctx)?;
            Cow::Owned(properties(&base, *key, batch.len, ctx).map_err(|e| e.or_at(*span))?)
        }
        BoundExpr::Comparison { first, rest } if rest.len() == 1 => {
            let (op, second) = &rest[0];
            let a = eval_batch(first, batch, ctx)?;
            let b = eval_batch(second, batch, ctx)?;
            Cow::Owned(comparison(*op, &a, &b, batch.len, ctx))
        }
        // A chain `a op b op c ...` left to right, each step over the whole batch; `=~` is
        // left to the row evaluator, which caches its patterns.
        BoundExpr::Binary { first, rest }
            if rest.iter().all(|(op, _, _)| *op != BinaryOp::Regex) =>
        {
            let mut left = eval_batch(first, batch, ctx)?.into_owned();
            for (op, rhs, span) in rest {
                left = match value_operator(*op) {
                    Some(operator) => {
                        let right = eval_batch(rhs, batch, ctx)?;
                        elementwise(&left, &right, batch.len, ctx, operator)
                    }
                    None => connect(*op, left, rhs, batch, ctx),
                }
                .map_err(|e| e.or_at(*span))?;
            }
            Cow::Owned(left)
        }
        BoundExpr::Not(inner) => {
            let v = eval_batch(inner, batch, ctx)?;
            let truths = truths(&v, batch.len, ctx, "NOT")?;
            Cow::Owned(from_truths(truths.into_iter().map(|t| t.map(|b| !b))))
        }
        BoundExpr::IsNull { expr, negated } => {
            let v = eval_batch(expr, batch, ctx)?;
            Cow::Owned(Vector::Bools(
                (0..batch.len).map(|i| v.is_null(i) != *negated).collect(),
                None,
            ))
        }
        _ => Cow::Owned(row_by_row(expr, batch, ctx)?),
    })
}

/// Which rows pass a predicate: only `true` does; null and false do not.
pub fn predicate(expr: &BoundExpr, batch: &Batch, ctx: &Ctx) -> Result<Vec<bool>> {
    // A chain of ANDs is its conjuncts in turn, each on the rows the ones before passed, as
    // the row evaluator reads it: a row stops at its first conjunct that is not true, so a
    // later one raises no error on it.
    if let BoundExpr::Binary { first, rest } = expr {
        if rest.iter().all(|(op, _, _)| *op == BinaryOp::And) {
            let mut keep = truths_of(first, batch, ctx)?;
            for (_, conjunct, _) in rest {
                let rows: Vec<u32> = (0..batch.len as u32)
                    .filter(|&i| keep[i as usize])
                    .collect();
                if rows.is_empty() {
                    break;
                }
                let passed = truths_of(conjunct, &batch.take(&rows), ctx)?;
                for (row, pass) in rows.iter().zip(passed) {
                    keep[*row as usize] = pass;
                }
            }
            return Ok(keep);
        }
    }
    truths_of(expr, batch, ctx)
}

/// Which rows the expression is true for (a value that is not boolean is an error).
fn truths_of(expr: &BoundExpr, batch: &Batch, ctx: &Ctx) -> Result<Vec<bool>> {
    let v = eval_batch(expr, batch, ctx)?;
    match &*v {
        Vector::Bools(b, ok) => Ok(match ok {
            None => b.clone(),
            Some(ok) => b.iter().zip(ok).map(|(b, ok)| *b && *ok).collect(),
        }),
        Vector::Const(Value::Bool(b)) => Ok(vec![*b; batch.len]),
        Vector::Const(Value::Null) => Ok(vec![false; batch.len]),
        _ => {
            let pool = ctx.graph.strings();
            (0..batch.len)
                .map(|i| match v.value(i, pool) {
                    Value::Bool(b) => Ok(b),
                    Value::Null => Ok(false),
                    other => Err(QueryError::type_error(format!(
                        "expected a boolean condition, got {}",
                        other.value_type()
                    ))),
                })
                .collect()
        }
    }
}

/// The expression evaluated by the row evaluator, one row at a time, with only the slots it
/// reads filled in.
pub fn row_by_row(expr: &BoundExpr, batch: &Batch, ctx: &Ctx) -> Result<Vector> {
    let pool = ctx.graph.strings();
    let width = batch.cols.len();
    let slots: Vec<Slot> = slots_of(expr).unwrap_or_else(|| (0..width).collect());
    let mut row = vec![Value::Null; width];
    let mut out = Vec::with_capacity(batch.len);
    for i in 0..batch.len {
        batch.fill_row(i, &slots, &mut row, pool);
        out.push(eval(expr, &row, ctx)?);
    }
    Ok(Vector::from_values(out, pool))
}

/// `base.key` for every row.
fn properties(base: &Vector, key: Symbol, len: usize, ctx: &Ctx) -> Result<Vector> {
    let pool = ctx.graph.strings();
    let gather = |ids: &[u32], column: Option<&Column>| -> Vector {
        let Some(column) = column else {
            return Vector::null();
        };
        let valid = |ok: Vec<bool>| -> Validity { (!ok.iter().all(|b| *b)).then_some(ok) };
        match column.gather(ids, NULL_ID) {
            Some(Gathered::Ints(v, ok)) => return Vector::Ints(v, valid(ok)),
            Some(Gathered::Floats(v, ok)) => return Vector::Floats(v, valid(ok)),
            Some(Gathered::Bools(v, ok)) => return Vector::Bools(v, valid(ok)),
            Some(Gathered::Strs(v, ok)) => return Vector::Strs(v, valid(ok)),
            None => {}
        }
        let mut out = VectorBuilder::new();
        for &id in ids {
            if id == NULL_ID {
                out.push_null();
            } else {
                out.push_cell(column.cell(id), pool);
            }
        }
        out.finish()
    };
    Ok(match base {
        Vector::Nodes(ids) => {
            ctx.stmt.touch(ids.len());
            gather(ids, ctx.graph.node_column(key))
        }
        Vector::Rels(ids) => {
            ctx.stmt.touch(ids.len());
            gather(ids, ctx.graph.rel_column(key))
        }
        Vector::Const(v) => Vector::Const(property(v, key, ctx)?),
        other => {
            let values = (0..len)
                .map(|i| property(&other.value(i, pool), key, ctx))
                .collect::<Result<Vec<_>>>()?;
            Vector::from_values(values, pool)
        }
    })
}

/// A value of a vector that costs no allocation to build, or `None` for a pooled text.
#[inline]
fn cheap(v: &Vector, i: usize, pool: &StringPool) -> Option<Value> {
    match v {
        Vector::Strs(_, ok) if ok.as_ref().is_none_or(|ok| ok[i]) => None,
        // Texts, lists and maps of values are behind reference counts: cloning copies nothing.
        other => Some(other.value(i, pool)),
    }
}

/// A text of row `i`, read in place: a pooled text or a string value.
fn text<'v>(v: &'v Vector, i: usize, ctx: &'v Ctx) -> Option<&'v str> {
    match v {
        Vector::Strs(ids, ok) if ok.as_ref().is_none_or(|ok| ok[i]) => {
            Some(ctx.graph.strings().get(ids[i]))
        }
        Vector::Const(Value::String(s)) => Some(s),
        Vector::Values(vs) => vs[i].as_str(),
        _ => None,
    }
}

/// One comparison per row, three-valued as the row evaluator's `compare`.
fn comparison(op: CmpOp, a: &Vector, b: &Vector, len: usize, ctx: &Ctx) -> Vector {
    let mut out = Vec::with_capacity(len);
    let mut ok = Vec::with_capacity(len);
    // Texts: equal texts have equal pool ids, so `=` on a pooled column is an integer test.
    let wanted_id = |v: &Vector| match v {
        Vector::Const(Value::String(s)) => Some(ctx.graph.strings().find(s)),
        _ => None,
    };
    if let (Vector::Strs(ids, valid), Some(id), CmpOp::Eq | CmpOp::Ne) = (a, wanted_id(b), op) {
        for (i, x) in ids.iter().enumerate() {
            let present = valid.as_ref().is_none_or(|v| v[i]);
            let equal = Some(*x) == id;
            out.push(if op == CmpOp::Eq { equal } else { !equal });
            ok.push(present);
        }
        return bools(out, ok);
    }
    if let Some(v) = numeric_comparison(op, a, b) {
        return v;
    }
    for i in 0..len {
        let result = match (
            cheap(a, i, ctx.graph.strings()),
            cheap(b, i, ctx.graph.strings()),
        ) {
            (Some(x), Some(y)) => compare(op, &x, &y),
            _ => match (text(a, i, ctx), text(b, i, ctx)) {
                (Some(x), Some(y)) => Some(match op {
                    CmpOp::Eq => x == y,
                    CmpOp::Ne => x != y,
                    CmpOp::Lt => x < y,
                    CmpOp::Le => x <= y,
                    CmpOp::Gt => x > y,
                    CmpOp::Ge => x >= y,
                }),
                _ => {
                    let pool = ctx.graph.strings();
                    compare(op, &a.value(i, pool), &b.value(i, pool))
                }
            },
        };
        out.push(result.unwrap_or(false));
        ok.push(result.is_some());
    }
    bools(out, ok)
}

/// A column of numbers against a number, compared in place. Floats follow IEEE rules,
/// which are openCypher's for NaN (only `<>` holds); integers beyond 2^53 and a NaN
/// constant take the general path.
fn numeric_comparison(op: CmpOp, a: &Vector, b: &Vector) -> Option<Vector> {
    let (column, constant, op) = match (a, b) {
        (Vector::Ints(..) | Vector::Floats(..), Vector::Const(c)) => (a, c, op),
        (Vector::Const(c), Vector::Ints(..) | Vector::Floats(..)) => (b, c, flipped(op)),
        _ => return None,
    };
    fn holds<T: PartialOrd>(op: CmpOp, x: T, y: T) -> bool {
        match op {
            CmpOp::Eq => x == y,
            CmpOp::Ne => x != y,
            CmpOp::Lt => x < y,
            CmpOp::Le => x <= y,
            CmpOp::Gt => x > y,
            CmpOp::Ge => x >= y,
        }
    }
    const EXACT: u64 = 1 << 53;
    let (values, validity) = match (column, constant) {
        (Vector::Ints(v, ok), Value::Int(y)) => (v.iter().map(|&x| holds(op, x, *y)).collect(), ok),
        (Vector::Ints(v, ok), Value::Float(y)) if !y.is_nan() => {
            if v.iter().any(|x| x.unsigned_abs() > EXACT) {
                return None;
            }
            (v.iter().map(|&x| holds(op, x as f64, *y)).collect(), ok)
        }
        (Vector::Floats(v, ok), Value::Float(y)) if !y.is_nan() => {
            (v.iter().map(|&x| holds(op, x, *y)).collect(), ok)
        }
        (Vector::Floats(v, ok), Value::Int(y)) if y.unsigned_abs() <= EXACT => {
            (v.iter().map(|&x| holds(op, x, *y as f64)).collect(), ok)
        }
        _ => return None,
    };
    Some(Vector::Bools(values, validity.clone()))
}

/// The operator that gives the same answer with its operands swapped.
fn flipped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Ge => CmpOp::Le,
        same => same,
    }
}

fn bools(values: Vec<bool>, ok: Vec<bool>) -> Vector {
    let validity: Validity = (!ok.iter().all(|b| *b)).then_some(ok);
    Vector::Bools(values, validity)
}

fn from_truths(truths: impl Iterator<Item = Option<bool>>) -> Vector {
    let (values, ok): (Vec<bool>, Vec<bool>) =
        truths.map(|t| (t.unwrap_or(false), t.is_some())).unzip();
    bools(values, ok)
}

/// Each row's truth, or the row evaluator's error for a value that is not boolean.
fn truths(v: &Vector, len: usize, ctx: &Ctx, op: &str) -> Result<Vec<Option<bool>>> {
    match v {
        Vector::Bools(b, ok) => Ok((0..len)
            .map(|i| ok.as_ref().is_none_or(|ok| ok[i]).then_some(b[i]))
            .collect()),
        _ => {
            let pool = ctx.graph.strings();
            (0..len).map(|i| truth(&v.value(i, pool), op)).collect()
        }
    }
}

/// AND, OR, XOR with the row evaluator's short-circuit: the right side is only evaluated on
/// the rows whose left side (already computed) leaves the answer open, so it raises no error
/// the row evaluator would not.
fn connect(op: BinaryOp, lhs: Vector, rhs: &BoundExpr, batch: &Batch, ctx: &Ctx) -> Result<Vector> {
    let name = connective_name(op);
    let left = truths(&lhs, batch.len, ctx, name)?;
    let open: Vec<bool> = left
        .iter()
        .map(|a| {
            !matches!(
                (op, a),
                (BinaryOp::And, Some(false)) | (BinaryOp::Or, Some(true))
            )
        })
        .collect();
    let rows: Vec<u32> = (0..batch.len as u32)
        .filter(|&i| open[i as usize])
        .collect();
    let right = if rows.len() == batch.len {
        truths(&*eval_batch(rhs, batch, ctx)?, batch.len, ctx, name)?
    } else if rows.is_empty() {
        Vec::new()
    } else {
        let sub = batch.take(&rows);
        truths(&*eval_batch(rhs, &sub, ctx)?, sub.len, ctx, name)?
    };
    let mut right = right.into_iter();
    Ok(from_truths(left.into_iter().zip(open).map(|(a, open)| {
        if open {
            connective(op, a, right.next().flatten())
        } else {
            a
        }
    })))
}

/// An operator applied row by row to values built without allocating where possible.
fn elementwise(
    a: &Vector,
    b: &Vector,
    len: usize,
    ctx: &Ctx,
    operator: fn(&Value, &Value) -> Result<Value>,
) -> Result<Vector> {
    if let (Vector::Const(x), Vector::Const(y)) = (a, b) {
        return Ok(Vector::Const(operator(x, y)?));
    }
    let pool = ctx.graph.strings();
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let x = cheap(a, i, pool).unwrap_or_else(|| a.value(i, pool));
        let y = cheap(b, i, pool).unwrap_or_else(|| b.value(i, pool));
        out.push(operator(&x, &y)?);
    }
    Ok(Vector::from_values(out, pool))
}
