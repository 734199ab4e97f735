//! Functions of lists (and the few that also take strings or maps: `size`, `reverse`,
//! `isEmpty`).

use super::{Builtin, Call, Category, Result, one, opt, scalar};
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::Value;
use std::sync::Arc;

const L: Category = Category::List;

pub(super) const FUNCTIONS: &[Builtin] = &[
    scalar(
        "size",
        L,
        &[one("input", "STRING | LIST<ANY>")],
        "INTEGER",
        "the number of elements of a list, or of characters of a string",
        |c| match c.arg(0) {
            Value::String(s) => Ok(Value::Int(s.chars().count() as i64)),
            Value::List(l) => Ok(Value::Int(l.len() as i64)),
            _ => Err(c.bad(0)),
        },
    )
    .typed(),
    scalar(
        "head",
        L,
        &[one("list", "LIST<ANY>")],
        "ANY",
        "the first element of a list (null for an empty one)",
        |c| match c.arg(0) {
            Value::List(l) => Ok(l.first().cloned().unwrap_or(Value::Null)),
            _ => Err(c.bad(0)),
        },
    ),
    scalar(
        "last",
        L,
        &[one("list", "LIST<ANY>")],
        "ANY",
        "the last element of a list (null for an empty one)",
        |c| match c.arg(0) {
            Value::List(l) => Ok(l.last().cloned().unwrap_or(Value::Null)),
            _ => Err(c.bad(0)),
        },
    ),
    scalar(
        "tail",
        L,
        &[one("list", "LIST<ANY>")],
        "LIST<ANY>",
        "every element of a list but the first",
        |c| match c.arg(0) {
            Value::List(l) => Ok(Value::list(l.iter().skip(1).cloned().collect())),
            _ => Err(c.bad(0)),
        },
    ),
    scalar(
        "range",
        L,
        &[
            one("start", "INTEGER"),
            one("end", "INTEGER"),
            opt("step", "INTEGER"),
        ],
        "LIST<INTEGER>",
        "the integers from start to end (both included), step apart",
        range,
    ),
    scalar(
        "reverse",
        L,
        &[one("input", "STRING | LIST<ANY>")],
        "STRING | LIST<ANY>",
        "a list's elements, or a string's characters, in reverse order",
        |c| match c.arg(0) {
            Value::List(l) => Ok(Value::list(l.iter().rev().cloned().collect())),
            Value::String(s) => Ok(Value::String(Arc::from(
                s.chars().rev().collect::<String>(),
            ))),
            _ => Err(c.bad(0)),
        },
    ),
    scalar(
        "isEmpty",
        L,
        &[one("input", "STRING | LIST<ANY> | MAP")],
        "BOOLEAN",
        "whether a list, map or string has no elements, entries or characters",
        |c| match c.arg(0) {
            Value::String(s) => Ok(Value::Bool(s.is_empty())),
            Value::List(l) => Ok(Value::Bool(l.is_empty())),
            Value::Map(m) => Ok(Value::Bool(m.is_empty())),
            _ => Err(c.bad(0)),
        },
    ),
];

/// Elements made between checks for an interrupt or a limit.
const CHECK_EVERY: i128 = 1 << 16;

fn range(c: &Call) -> Result<Value> {
    let mut ints = Vec::with_capacity(3);
    for a in c.args {
        match a {
            Value::Int(i) => ints.push(*i),
            Value::Null => return Ok(Value::Null),
            other => {
                return Err(QueryError::runtime(
                    ErrorClass::ArgumentError,
                    Detail::InvalidArgumentType,
                    format!("range() takes integers, not {}", other.value_type()),
                ));
            }
        }
    }
    let (start, end) = (ints[0], ints[1]);
    let step = ints.get(2).copied().unwrap_or(1);
    if step == 0 {
        return Err(QueryError::runtime(
            ErrorClass::ArgumentError,
            Detail::NumberOutOfRange,
            "range step cannot be zero",
        ));
    }
    // Counted in i128: the span of two i64 values need not fit in one.
    let span = i128::from(end) - i128::from(start);
    let len = if span == 0 || (span > 0) == (step > 0) {
        span / i128::from(step) + 1
    } else {
        0
    };
    crate::limits::reserve(crate::limits::list_bytes(
        usize::try_from(len).unwrap_or(usize::MAX),
    ))?;
    // Every element lies between start and end, but k * step alone may not fit in an i64.
    let element = |k: i128| Value::Int((i128::from(start) + k * i128::from(step)) as i64);
    let mut items = Vec::with_capacity(len as usize);
    for k in 0..len {
        if k % CHECK_EVERY == 0 {
            crate::limits::check()?;
        }
        items.push(element(k));
    }
    Ok(Value::list(items))
}
