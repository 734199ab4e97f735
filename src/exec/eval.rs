//! Evaluation of bound expressions against a row.

use super::arith;
use super::context::{Ctx, Result, Row, check_limits};
use super::row::open;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::{
    Map, NodeId, PathValue, RelId, Value, compare_values, equals, too_deep_message,
};
use crate::plan::{BinaryOp, CmpOp, QuantifierKind};
use crate::plan::{BoundExpr, MapProjectionEntry, PathStep};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::Arc;

pub fn eval(expr: &BoundExpr, row: &Row, ctx: &Ctx) -> Result<Value> {
    // One level of recursion per level of the expression.
    crate::stack::guarded(|| eval_node(expr, row, ctx))
}

fn eval_node(expr: &BoundExpr, row: &Row, ctx: &Ctx) -> Result<Value> {
    match expr {
        BoundExpr::Const(v) => Ok(v.clone()),
        BoundExpr::Slot(s) => Ok(row[*s].clone()),
        BoundExpr::Param(name, span) => ctx.stmt.params.get(&**name).cloned().ok_or_else(|| {
            QueryError::runtime(
                ErrorClass::SemanticError,
                Detail::ParameterMissing,
                format!("expected a value for parameter ${name}"),
            )
            .at(*span)
        }),
        BoundExpr::Property { base, key, span } => {
            let base = eval(base, row, ctx)?;
            property(&base, *key, ctx).map_err(|e| e.or_at(*span))
        }
        BoundExpr::Index { base, index, span } => {
            let base = eval(base, row, ctx)?;
            let index = eval(index, row, ctx)?;
            index_value(&base, &index, ctx).map_err(|e| e.or_at(*span))
        }
        BoundExpr::Slice {
            base,
            from,
            to,
            span,
        } => {
            let base = eval(base, row, ctx)?;
            let from = from.as_deref().map(|e| eval(e, row, ctx)).transpose()?;
            let to = to.as_deref().map(|e| eval(e, row, ctx)).transpose()?;
            slice(&base, from, to).map_err(|e| e.or_at(*span))
        }
        BoundExpr::HasLabels { base, labels } => match eval(base, row, ctx)? {
            Value::Null => Ok(Value::Null),
            Value::Node(id) => Ok(Value::Bool(
                ctx.graph.node_exists(id)
                    && labels.iter().all(|l| ctx.graph.node_has_label(id, *l)),
            )),
            other => Err(QueryError::type_error(format!(
                "label predicates need a node, not {}",
                other.value_type()
            ))),
        },
        BoundExpr::Not(e) => Ok(match truth(&eval(e, row, ctx)?, "NOT")? {
            Some(b) => Value::Bool(!b),
            None => Value::Null,
        }),
        BoundExpr::Neg(e, span) => arith::negate(&eval(e, row, ctx)?).map_err(|e| e.or_at(*span)),
        BoundExpr::Binary { first, rest } => {
            let mut value = eval(first, row, ctx)?;
            for (op, rhs, span) in rest {
                value = binary(*op, value, rhs, row, ctx).map_err(|e| e.or_at(*span))?;
            }
            Ok(value)
        }
        BoundExpr::Comparison { first, rest } => {
            let mut left = eval(first, row, ctx)?;
            let mut result = Some(true);
            for (op, e) in rest {
                let right = eval(e, row, ctx)?;
                match compare(*op, &left, &right) {
                    Some(false) => return Ok(Value::Bool(false)),
                    None => result = None,
                    Some(true) => {}
                }
                left = right;
            }
            Ok(result.into())
        }
        BoundExpr::IsNull { expr, negated } => {
            Ok(Value::Bool(eval(expr, row, ctx)?.is_null() != *negated))
        }
        BoundExpr::Case {
            operand,
            alternatives,
            default,
        } => {
            let operand = operand.as_deref().map(|e| eval(e, row, ctx)).transpose()?;
            for (when, then) in alternatives {
                let w = eval(when, row, ctx)?;
                let hit = match &operand {
                    Some(o) => equals(o, &w) == Some(true),
                    None => matches!(w, Value::Bool(true)),
                };
                if hit {
                    return eval(then, row, ctx);
                }
            }
            default
                .as_deref()
                .map_or(Ok(Value::Null), |d| eval(d, row, ctx))
        }
        BoundExpr::List(items, span) => within_limit(Value::list(
            items
                .iter()
                .map(|e| eval(e, row, ctx))
                .collect::<Result<_>>()?,
        ))
        .map_err(|e| e.at(*span)),
        BoundExpr::Map(entries, span) => {
            let mut map = Map::new();
            for (k, e) in entries {
                map.insert(k.clone(), eval(e, row, ctx)?);
            }
            within_limit(Value::map(map)).map_err(|e| e.at(*span))
        }
        BoundExpr::Call {
            function,
            args,
            span,
        } => {
            let values = args
                .iter()
                .map(|a| eval(a, row, ctx))
                .collect::<Result<SmallVec<[_; 3]>>>()?;
            crate::functions::call(
                function,
                &values,
                ctx.graph,
                ctx.stmt.now,
                ctx.stmt.transaction_now,
            )
            .map_err(|e| e.or_at(*span))
        }
        BoundExpr::ListComprehension {
            slot,
            list,
            filter,
            map,
            span,
        } => {
            let Some(items) = list_arg(&eval(list, row, ctx)?, "a list comprehension")? else {
                return Ok(Value::Null);
            };
            let mut scratch = row.clone();
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                check_limits()?;
                scratch[*slot] = item.clone();
                if let Some(f) = filter {
                    if !matches!(eval(f, &scratch, ctx)?, Value::Bool(true)) {
                        continue;
                    }
                }
                out.push(match map {
                    Some(m) => eval(m, &scratch, ctx)?,
                    None => item.clone(),
                });
            }
            within_limit(Value::list(out)).map_err(|e| e.at(*span))
        }
        BoundExpr::Quantifier {
            kind,
            slot,
            list,
            filter,
        } => {
            let Some(items) = list_arg(&eval(list, row, ctx)?, "a quantifier")? else {
                return Ok(Value::Null);
            };
            quantify(*kind, &items, *slot, filter, row, ctx)
        }
        BoundExpr::Reduce {
            acc,
            init,
            slot,
            list,
            expr,
        } => {
            let init = eval(init, row, ctx)?;
            let Some(items) = list_arg(&eval(list, row, ctx)?, "reduce")? else {
                return Ok(Value::Null);
            };
            let mut scratch = row.clone();
            scratch[*acc] = init;
            for item in items.iter() {
                check_limits()?;
                scratch[*slot] = item.clone();
                scratch[*acc] = eval(expr, &scratch, ctx)?;
            }
            Ok(std::mem::take(&mut scratch[*acc]))
        }
        BoundExpr::Exists(plan) => {
            let mut rows = open(plan, ctx, Box::new(std::iter::once(Ok(row.clone()))));
            match rows.next() {
                Some(Err(e)) => Err(e),
                Some(Ok(_)) => Ok(Value::Bool(true)),
                None => Ok(Value::Bool(false)),
            }
        }
        BoundExpr::Count(plan) => {
            let mut count = 0i64;
            for r in open(plan, ctx, Box::new(std::iter::once(Ok(row.clone())))) {
                check_limits()?;
                r?;
                count += 1;
            }
            Ok(Value::Int(count))
        }
        BoundExpr::Collect { plan, map, span } => {
            let mut out = Vec::new();
            for r in open(plan, ctx, Box::new(std::iter::once(Ok(row.clone())))) {
                check_limits()?;
                out.push(eval(map, &r?, ctx)?);
            }
            within_limit(Value::list(out)).map_err(|e| e.at(*span))
        }
        BoundExpr::FirstPath { plan, slot } => {
            let mut rows = open(plan, ctx, Box::new(std::iter::once(Ok(row.clone()))));
            match rows.next() {
                Some(r) => Ok(r?[*slot].clone()),
                None => Ok(Value::Null),
            }
        }
        BoundExpr::MapProjection {
            base,
            entries,
            span,
        } => {
            let base = eval(base, row, ctx)?;
            map_projection(&base, entries, row, ctx).map_err(|e| e.or_at(*span))
        }
        BoundExpr::Path(steps) => build_path(steps, row, ctx),
    }
}

/// A list or map just built, unless it nests deeper than [`crate::model::MAX_DEPTH`]: no such value is ever
/// made, so printing, comparing, hashing and dropping values never recurse past it.
pub fn within_limit(value: Value) -> Result<Value> {
    if !value.too_deep() {
        return Ok(value);
    }
    let what = match value {
        Value::Map(_) => "map",
        _ => "list",
    };
    Err(QueryError::runtime(
        ErrorClass::ArgumentError,
        Detail::NestingTooDeep,
        too_deep_message(what),
    ))
}

/// Evaluates a predicate: only `true` passes; null and false do not. An AND chain passes
/// when each of its conjuncts does, read in turn until one does not (as the filters of a
/// WHERE split at its ANDs would read them).
pub fn is_true(expr: &BoundExpr, row: &Row, ctx: &Ctx) -> Result<bool> {
    if let BoundExpr::Binary { first, rest } = expr {
        if rest.iter().all(|(op, _, _)| *op == BinaryOp::And) {
            for conjunct in std::iter::once(&**first).chain(rest.iter().map(|(_, e, _)| e)) {
                if !is_true(conjunct, row, ctx)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
    }
    match eval(expr, row, ctx)? {
        Value::Bool(b) => Ok(b),
        Value::Null => Ok(false),
        other => Err(QueryError::type_error(format!(
            "expected a boolean condition, got {}",
            other.value_type()
        ))),
    }
}

pub fn truth(v: &Value, op: &str) -> Result<Option<bool>> {
    match v {
        Value::Bool(b) => Ok(Some(*b)),
        Value::Null => Ok(None),
        other => Err(QueryError::type_error(format!(
            "{op} needs booleans, not {}",
            other.value_type()
        ))),
    }
}

/// The function of a binary operator that takes two values and nothing else: all but the
/// boolean connectives (which short-circuit) and `=~` (which caches its patterns).
pub fn value_operator(op: BinaryOp) -> Option<fn(&Value, &Value) -> Result<Value>> {
    Some(match op {
        BinaryOp::Add => arith::add,
        BinaryOp::Sub => arith::subtract,
        BinaryOp::Mul => arith::multiply,
        BinaryOp::Div => arith::divide,
        BinaryOp::Mod => arith::modulo,
        BinaryOp::Pow => arith::power,
        BinaryOp::StartsWith => arith::starts_with,
        BinaryOp::EndsWith => arith::ends_with,
        BinaryOp::Contains => arith::contains_text,
        BinaryOp::In => arith::in_list,
        BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::Regex => return None,
    })
}

/// AND, OR and XOR of two three-valued truths.
pub fn connective(op: BinaryOp, a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match op {
        BinaryOp::And => match (a, b) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        BinaryOp::Or => match (a, b) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        _ => match (a, b) {
            (Some(x), Some(y)) => Some(x != y),
            _ => None,
        },
    }
}

/// The operator's name as its errors say it.
pub fn connective_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::And => "AND",
        BinaryOp::Or => "OR",
        _ => "XOR",
    }
}

/// `lhs op rhs`, with the left operand already evaluated.
fn binary(op: BinaryOp, lhs: Value, rhs: &BoundExpr, row: &Row, ctx: &Ctx) -> Result<Value> {
    if let Some(operator) = value_operator(op) {
        return operator(&lhs, &eval(rhs, row, ctx)?);
    }
    if op == BinaryOp::Regex {
        let pattern = eval(rhs, row, ctx)?;
        return match (&lhs, &pattern) {
            (Value::String(t), Value::String(p)) => Ok(Value::Bool(ctx.stmt.regex_match(p, t)?)),
            _ => Ok(Value::Null),
        };
    }
    let name = connective_name(op);
    let a = truth(&lhs, name)?;
    // Short-circuit only where the answer is already certain.
    match (op, a) {
        (BinaryOp::And, Some(false)) => return Ok(Value::Bool(false)),
        (BinaryOp::Or, Some(true)) => return Ok(Value::Bool(true)),
        _ => {}
    }
    let b = truth(&eval(rhs, row, ctx)?, name)?;
    Ok(connective(op, a, b).into())
}

/// One comparison, three-valued. Comparisons with NaN are false; incomparable types null.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    match op {
        CmpOp::Eq => equals(a, b),
        CmpOp::Ne => equals(a, b).map(|e| !e),
        _ => {
            if a.is_null() || b.is_null() {
                return None;
            }
            let is_nan = |v: &Value| matches!(v, Value::Float(f) if f.is_nan());
            let numeric = |v: &Value| matches!(v, Value::Int(_) | Value::Float(_));
            if (is_nan(a) && numeric(b)) || (is_nan(b) && numeric(a)) {
                return Some(false);
            }
            // Lists compare by their first unequal elements, with this same rule: so
            // `[NaN] < [1]` is false like `NaN < 1`, not null.
            let ord = match (a, b) {
                (Value::List(x), Value::List(y)) => {
                    match x
                        .iter()
                        .zip(y.iter())
                        .find(|(p, q)| compare_values(p, q) != Some(Ordering::Equal))
                    {
                        Some((p, q)) => return compare(op, p, q),
                        None => x.len().cmp(&y.len()),
                    }
                }
                _ => compare_values(a, b)?,
            };
            Some(match op {
                CmpOp::Lt => ord == Ordering::Less,
                CmpOp::Gt => ord == Ordering::Greater,
                CmpOp::Le => ord != Ordering::Greater,
                _ => ord != Ordering::Less,
            })
        }
    }
}

fn list_arg(v: &Value, what: &str) -> Result<Option<Arc<Vec<Value>>>> {
    match v {
        Value::Null => Ok(None),
        Value::List(items) => Ok(Some(items.clone())),
        other => Err(QueryError::type_error(format!(
            "{what} needs a list, not {}",
            other.value_type()
        ))),
    }
}

fn quantify(
    kind: QuantifierKind,
    items: &[Value],
    slot: usize,
    filter: &BoundExpr,
    row: &Row,
    ctx: &Ctx,
) -> Result<Value> {
    let mut scratch = row.clone();
    let (mut trues, mut nulls) = (0usize, 0usize);
    for item in items {
        check_limits()?;
        scratch[slot] = item.clone();
        match truth(&eval(filter, &scratch, ctx)?, "a quantifier")? {
            Some(true) => {
                trues += 1;
                if kind == QuantifierKind::Any {
                    return Ok(Value::Bool(true));
                }
                if kind == QuantifierKind::None {
                    return Ok(Value::Bool(false));
                }
                if kind == QuantifierKind::Single && trues > 1 {
                    return Ok(Value::Bool(false));
                }
            }
            Some(false) => {
                if kind == QuantifierKind::All {
                    return Ok(Value::Bool(false));
                }
            }
            None => nulls += 1,
        }
    }
    let undecided = nulls > 0;
    Ok(match kind {
        QuantifierKind::All | QuantifierKind::None => {
            if undecided {
                Value::Null
            } else {
                Value::Bool(true)
            }
        }
        QuantifierKind::Any => {
            if undecided {
                Value::Null
            } else {
                Value::Bool(false)
            }
        }
        QuantifierKind::Single => {
            if undecided {
                Value::Null
            } else {
                Value::Bool(trues == 1)
            }
        }
    })
}

/// Reading an entity this statement deleted.
pub fn deleted(what: &str) -> QueryError {
    QueryError::deleted(what)
}

/// Evaluates without copying where the value already exists: a slot of the row, a constant,
/// or a property of a map read in place. Hot loops (grouping keys, aggregate arguments) use
/// it to save a reference count's increment and decrement per value and row.
pub fn eval_ref<'v>(expr: &'v BoundExpr, row: &'v Row, ctx: &'v Ctx) -> Result<Cow<'v, Value>> {
    crate::stack::guarded(|| eval_ref_node(expr, row, ctx))
}

fn eval_ref_node<'v>(expr: &'v BoundExpr, row: &'v Row, ctx: &'v Ctx) -> Result<Cow<'v, Value>> {
    match expr {
        BoundExpr::Slot(s) => Ok(Cow::Borrowed(&row[*s])),
        BoundExpr::Const(v) => Ok(Cow::Borrowed(v)),
        BoundExpr::Property { base, key, span } => match eval_ref(base, row, ctx)? {
            Cow::Borrowed(Value::Map(map)) => Ok(Cow::Borrowed(
                map.get(&*ctx.graph.names().name(*key))
                    .unwrap_or(&Value::Null),
            )),
            base => property(&base, *key, ctx)
                .map(Cow::Owned)
                .map_err(|e| e.or_at(*span)),
        },
        _ => eval(expr, row, ctx).map(Cow::Owned),
    }
}

/// `base.key` for nodes, relationships and maps.
pub fn property(base: &Value, key: crate::graph::Symbol, ctx: &Ctx) -> Result<Value> {
    match base {
        Value::Null => Ok(Value::Null),
        Value::Node(id) if ctx.graph.node_exists(*id) => Ok(ctx.graph.node_prop(*id, key)),
        Value::Node(id) if ctx.graph.is_deleted_node(*id) => Err(deleted("node")),
        Value::Rel(id) if ctx.graph.rel_exists(*id) => Ok(ctx.graph.rel_prop(*id, key)),
        Value::Rel(id) if ctx.graph.is_deleted_rel(*id) => Err(deleted("relationship")),
        Value::Node(_) | Value::Rel(_) => Ok(Value::Null),
        Value::Map(map) => Ok(map
            .get(&*ctx.graph.names().name(key))
            .cloned()
            .unwrap_or(Value::Null)),
        temporal if temporal.temporal_kind().is_some() => {
            crate::functions::temporal::component(temporal, &ctx.graph.names().name(key))
        }
        other => Err(QueryError::type_error(format!(
            "cannot read property `{}` of {}",
            ctx.graph.names().name(key),
            other.value_type()
        ))),
    }
}

fn index_value(base: &Value, index: &Value, ctx: &Ctx) -> Result<Value> {
    match (base, index) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::List(items), Value::Int(i)) => {
            let len = items.len() as i64;
            let i = if *i < 0 { len + i } else { *i };
            Ok(if (0..len).contains(&i) {
                items[i as usize].clone()
            } else {
                Value::Null
            })
        }
        (Value::List(_), other) => Err(QueryError::runtime(
            ErrorClass::TypeError,
            Detail::ListElementAccessByNonInteger,
            format!("list index must be an integer, not {}", other.value_type()),
        )),
        (Value::Map(map), Value::String(k)) => Ok(map.get(&**k).cloned().unwrap_or(Value::Null)),
        (Value::Node(_) | Value::Rel(_), Value::String(k)) => match ctx.graph.names().get(k) {
            Some(sym) => property(base, sym, ctx),
            None => Ok(Value::Null),
        },
        (Value::Map(_) | Value::Node(_) | Value::Rel(_), other) => Err(QueryError::runtime(
            ErrorClass::TypeError,
            Detail::MapElementAccessByNonString,
            format!("map keys are strings, not {}", other.value_type()),
        )),
        (other, _) => Err(QueryError::type_error(format!(
            "cannot index into {}",
            other.value_type()
        ))),
    }
}

fn slice(base: &Value, from: Option<Value>, to: Option<Value>) -> Result<Value> {
    let items = match base {
        Value::Null => return Ok(Value::Null),
        Value::List(items) => items,
        other => {
            return Err(QueryError::type_error(format!(
                "cannot slice {}",
                other.value_type()
            )));
        }
    };
    let len = items.len() as i64;
    let bound = |v: Option<Value>, default: i64| -> Result<Option<i64>> {
        match v {
            None => Ok(Some(default)),
            Some(Value::Null) => Ok(None),
            Some(Value::Int(i)) => Ok(Some(if i < 0 { (len + i).max(0) } else { i.min(len) })),
            Some(other) => Err(QueryError::type_error(format!(
                "slice bounds must be integers, not {}",
                other.value_type()
            ))),
        }
    };
    let (Some(start), Some(end)) = (bound(from, 0)?, bound(to, len)?) else {
        return Ok(Value::Null);
    };
    if start >= end {
        return Ok(Value::list(Vec::new()));
    }
    Ok(Value::list(items[start as usize..end as usize].to_vec()))
}

fn map_projection(
    base: &Value,
    entries: &[MapProjectionEntry],
    row: &Row,
    ctx: &Ctx,
) -> Result<Value> {
    if base.is_null() {
        return Ok(Value::Null);
    }
    let Some(all) = crate::functions::properties_of(base, ctx.graph)? else {
        return Err(QueryError::type_error(format!(
            "map projection needs a node, relationship or map, not {}",
            base.value_type()
        )));
    };
    let mut out = Map::new();
    for entry in entries {
        match entry {
            MapProjectionEntry::AllProperties => {
                out.extend(all.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            MapProjectionEntry::Property(name, _) => {
                out.insert(name.clone(), all.get(name).cloned().unwrap_or(Value::Null));
            }
            MapProjectionEntry::Value(name, e) => {
                out.insert(name.clone(), eval(e, row, ctx)?);
            }
        }
    }
    within_limit(Value::map(out))
}

fn build_path(steps: &[PathStep], row: &Row, ctx: &Ctx) -> Result<Value> {
    let mut nodes: Vec<NodeId> = Vec::new();
    let mut rels: Vec<RelId> = Vec::new();
    for step in steps {
        match step {
            PathStep::Node(s) => match &row[*s] {
                Value::Node(id) => {
                    if nodes.last() != Some(id) || nodes.len() == rels.len() {
                        nodes.push(*id);
                    }
                }
                _ => return Ok(Value::Null),
            },
            PathStep::Rel(s) => match &row[*s] {
                Value::Rel(id) => rels.push(*id),
                _ => return Ok(Value::Null),
            },
            PathStep::RelList(s) => match &row[*s] {
                Value::List(items) => {
                    for item in items.iter() {
                        let Value::Rel(id) = item else {
                            return Ok(Value::Null);
                        };
                        let Some(&current) = nodes.last() else {
                            return Ok(Value::Null);
                        };
                        let Some((start, end)) = ctx.graph.rel_ends(*id) else {
                            return Ok(Value::Null);
                        };
                        rels.push(*id);
                        nodes.push(if start == current { end } else { start });
                    }
                }
                _ => return Ok(Value::Null),
            },
        }
    }
    Ok(Value::Path(Arc::new(PathValue { nodes, rels })))
}
