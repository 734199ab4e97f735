//! Built-in scalar functions.

use super::arith::float_text;
use super::context::{Ctx, Result};
use super::eval::{deleted, properties_of};
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::Value;
use crate::plan::Function;
use std::sync::Arc;

fn bad_arg(function: Function, v: &Value) -> QueryError {
    QueryError::runtime(
        ErrorClass::TypeError,
        Detail::InvalidArgumentValue,
        format!("{} cannot take {}", function.name(), v.value_type()),
    )
}

/// The same for a function of several arguments, naming which one (counted from 0) is wrong.
fn bad_nth(function: Function, position: usize, v: &Value) -> QueryError {
    let ordinal = ["first", "second", "third"]
        .get(position)
        .unwrap_or(&"last");
    QueryError::runtime(
        ErrorClass::TypeError,
        Detail::InvalidArgumentValue,
        format!(
            "{} cannot take {} as its {ordinal} argument",
            function.name(),
            v.value_type()
        ),
    )
}

/// For a function of several arguments: the first of `args` that is not a string, blamed.
fn not_all_strings(function: Function, args: &[Value]) -> QueryError {
    let (position, bad) = args
        .iter()
        .enumerate()
        .find(|(_, v)| !matches!(v, Value::String(_)))
        .unwrap_or((0, &Value::Null));
    bad_nth(function, position, bad)
}

fn int_arg(function: Function, position: usize, v: &Value) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        other => Err(bad_nth(function, position, other)),
    }
}

fn number(function: Function, v: &Value) -> Result<f64> {
    v.as_f64().ok_or_else(|| bad_arg(function, v))
}

pub fn call(function: Function, args: &[Value], ctx: &Ctx) -> Result<Value> {
    use Function as F;
    let arg = args.first().unwrap_or(&Value::Null);
    // Almost every function returns null when its first argument is null; those with more
    // arguments check the others themselves.
    let null_passes = !matches!(function, F::Coalesce | F::Exists);
    if null_passes && args.first().is_some_and(Value::is_null) {
        return Ok(Value::Null);
    }
    let names = ctx.graph.names();
    Ok(match function {
        F::Id => match arg {
            Value::Node(id) => Value::Int(id.0 as i64),
            Value::Rel(id) => Value::Int(id.0 as i64),
            other => return Err(bad_arg(function, other)),
        },
        F::ElementId => match arg {
            Value::Node(id) => Value::str(&format!("n{}", id.0)),
            Value::Rel(id) => Value::str(&format!("r{}", id.0)),
            other => return Err(bad_arg(function, other)),
        },
        F::Labels => match arg {
            Value::Node(id) if ctx.graph.is_deleted_node(*id) => return Err(deleted("node")),
            Value::Node(id) => Value::list(
                ctx.graph
                    .node_labels(*id)
                    .iter()
                    .map(|l| Value::String(names.name(*l).clone()))
                    .collect(),
            ),
            other => return Err(bad_arg(function, other)),
        },
        F::Type => match arg {
            Value::Rel(id) => match ctx.graph.rel_type(*id) {
                Some(ty) => Value::String(names.name(ty).clone()),
                None => ctx
                    .graph
                    .deleted_rel_type(*id)
                    .map_or(Value::Null, Value::String),
            },
            other => return Err(bad_arg(function, other)),
        },
        F::Keys => match properties_of(arg, ctx)? {
            Some(map) => Value::list(map.keys().map(|k| Value::String(k.clone())).collect()),
            None => return Err(bad_arg(function, arg)),
        },
        F::Properties => match properties_of(arg, ctx)? {
            Some(map) => Value::map(map),
            None => return Err(bad_arg(function, arg)),
        },
        F::StartNode | F::EndNode => match arg {
            Value::Rel(id) => match ctx.graph.rel_ends(*id) {
                Some((start, end)) => {
                    Value::Node(if function == F::StartNode { start } else { end })
                }
                None => Value::Null,
            },
            other => return Err(bad_arg(function, other)),
        },
        F::Nodes => match arg {
            Value::Path(p) => Value::list(p.nodes.iter().map(|n| Value::Node(*n)).collect()),
            other => return Err(bad_arg(function, other)),
        },
        F::Relationships => match arg {
            Value::Path(p) => Value::list(p.rels.iter().map(|r| Value::Rel(*r)).collect()),
            other => return Err(bad_arg(function, other)),
        },
        F::Length => match arg {
            Value::Path(p) => Value::Int(p.len() as i64),
            Value::String(s) => Value::Int(s.chars().count() as i64),
            Value::List(l) => Value::Int(l.len() as i64),
            other => return Err(bad_arg(function, other)),
        },
        F::Size => match arg {
            Value::String(s) => Value::Int(s.chars().count() as i64),
            Value::List(l) => Value::Int(l.len() as i64),
            other => return Err(bad_arg(function, other)),
        },
        F::IsEmpty => match arg {
            Value::String(s) => Value::Bool(s.is_empty()),
            Value::List(l) => Value::Bool(l.is_empty()),
            Value::Map(m) => Value::Bool(m.is_empty()),
            other => return Err(bad_arg(function, other)),
        },
        F::Head | F::Last => match arg {
            Value::List(l) => {
                let item = if function == F::Head {
                    l.first()
                } else {
                    l.last()
                };
                item.cloned().unwrap_or(Value::Null)
            }
            other => return Err(bad_arg(function, other)),
        },
        F::Tail => match arg {
            Value::List(l) => Value::list(l.iter().skip(1).cloned().collect()),
            other => return Err(bad_arg(function, other)),
        },
        F::Range => range(args)?,
        F::Reverse => match arg {
            Value::List(l) => Value::list(l.iter().rev().cloned().collect()),
            Value::String(s) => Value::String(Arc::from(s.chars().rev().collect::<String>())),
            other => return Err(bad_arg(function, other)),
        },
        F::Coalesce => args
            .iter()
            .find(|v| !v.is_null())
            .cloned()
            .unwrap_or(Value::Null),
        F::ToInteger | F::ToIntegerOrNull => match to_integer(arg) {
            Ok(Some(v)) => v,
            Ok(None) | Err(_) if function == F::ToIntegerOrNull => Value::Null,
            Ok(None) => return Err(bad_arg(function, arg)),
            Err(e) => return Err(e),
        },
        F::ToFloat | F::ToFloatOrNull => match to_float(arg) {
            Some(v) => v,
            None if function == F::ToFloatOrNull => Value::Null,
            None => return Err(bad_arg(function, arg)),
        },
        F::ToString | F::ToStringOrNull => match to_string(arg) {
            Some(v) => v,
            None if function == F::ToStringOrNull => Value::Null,
            None => return Err(bad_arg(function, arg)),
        },
        F::ToBoolean | F::ToBooleanOrNull => match to_boolean(arg) {
            Some(v) => v,
            None if function == F::ToBooleanOrNull => Value::Null,
            None => return Err(bad_arg(function, arg)),
        },
        F::ToLower | F::ToUpper | F::Trim | F::LTrim | F::RTrim => {
            let Value::String(s) = arg else {
                return Err(bad_arg(function, arg));
            };
            let out = match function {
                F::ToLower => s.to_lowercase(),
                F::ToUpper => s.to_uppercase(),
                F::Trim => s.trim().to_string(),
                F::LTrim => s.trim_start().to_string(),
                _ => s.trim_end().to_string(),
            };
            Value::String(Arc::from(out))
        }
        F::Replace => match (arg, &args[1], &args[2]) {
            (Value::String(s), Value::String(from), Value::String(to)) => {
                Value::String(Arc::from(s.replace(&**from, to)))
            }
            (_, Value::Null, _) | (_, _, Value::Null) => Value::Null,
            _ => return Err(not_all_strings(function, args)),
        },
        F::Substring => substring(arg, &args[1], args.get(2))?,
        F::Left | F::Right => {
            let Value::String(s) = arg else {
                return Err(bad_nth(function, 0, arg));
            };
            if args[1].is_null() {
                return Ok(Value::Null);
            }
            let n = int_arg(function, 1, &args[1])?;
            if n < 0 {
                return Err(QueryError::runtime(
                    ErrorClass::ArgumentError,
                    Detail::NumberOutOfRange,
                    "length must be non-negative",
                ));
            }
            let chars: Vec<char> = s.chars().collect();
            let n = (n as usize).min(chars.len());
            let part: String = if function == F::Left {
                chars[..n].iter().collect()
            } else {
                chars[chars.len() - n..].iter().collect()
            };
            Value::String(Arc::from(part))
        }
        F::Split => match (arg, &args[1]) {
            // An empty delimiter splits into characters, not around the empty string.
            (Value::String(s), Value::String(sep)) if sep.is_empty() => Value::list(
                s.chars()
                    .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                    .collect(),
            ),
            (Value::String(s), Value::String(sep)) => {
                Value::list(s.split(&**sep).map(Value::str).collect())
            }
            (_, Value::Null) => Value::Null,
            _ => return Err(not_all_strings(function, args)),
        },
        F::Abs => match arg {
            Value::Int(i) => Value::Int(i.checked_abs().ok_or_else(overflow)?),
            Value::Float(f) => Value::Float(f.abs()),
            other => return Err(bad_arg(function, other)),
        },
        F::Ceil => Value::Float(number(function, arg)?.ceil()),
        F::Floor => Value::Float(number(function, arg)?.floor()),
        F::Round => {
            let x = number(function, arg)?;
            // Half away from zero would round -2.5 to -3; openCypher rounds half up.
            Value::Float(if x.fract().abs() == 0.5 {
                (x + 0.5).floor()
            } else {
                x.round()
            })
        }
        F::Sign => match arg {
            Value::Int(i) => Value::Int(i.signum()),
            Value::Float(f) => Value::Int(if *f > 0.0 {
                1
            } else if *f < 0.0 {
                -1
            } else {
                0
            }),
            other => return Err(bad_arg(function, other)),
        },
        F::Sqrt => Value::Float(number(function, arg)?.sqrt()),
        F::Exp => Value::Float(number(function, arg)?.exp()),
        F::Log => Value::Float(number(function, arg)?.ln()),
        F::Log10 => Value::Float(number(function, arg)?.log10()),
        F::Sin => Value::Float(number(function, arg)?.sin()),
        F::Cos => Value::Float(number(function, arg)?.cos()),
        F::Tan => Value::Float(number(function, arg)?.tan()),
        F::Asin => Value::Float(number(function, arg)?.asin()),
        F::Acos => Value::Float(number(function, arg)?.acos()),
        F::Atan => Value::Float(number(function, arg)?.atan()),
        F::Atan2 => {
            if args[1].is_null() {
                return Ok(Value::Null);
            }
            let number_at = |i: usize| {
                args[i]
                    .as_f64()
                    .ok_or_else(|| bad_nth(function, i, &args[i]))
            };
            Value::Float(number_at(0)?.atan2(number_at(1)?))
        }
        F::Degrees => Value::Float(number(function, arg)?.to_degrees()),
        F::Radians => Value::Float(number(function, arg)?.to_radians()),
        F::E => Value::Float(std::f64::consts::E),
        F::Pi => Value::Float(std::f64::consts::PI),
        F::Rand => Value::Float(random_unit()),
        F::Timestamp => Value::Int(ctx.stmt.now.timestamp_millis()),
        F::Exists => Value::Bool(!arg.is_null()),
        F::Date
        | F::LocalTime
        | F::Time
        | F::LocalDateTime
        | F::DateTime
        | F::Duration
        | F::Truncate(_)
        | F::Now(..)
        | F::FromEpoch
        | F::FromEpochMillis
        | F::DurationBetween
        | F::DurationInMonths
        | F::DurationInDays
        | F::DurationInSeconds => super::temporal::call(function, args, ctx.stmt)?,
    })
}

fn range(args: &[Value]) -> Result<Value> {
    let mut ints = Vec::with_capacity(3);
    for a in args {
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
    if len > MAX_RANGE {
        return Err(QueryError::runtime(
            ErrorClass::ArgumentError,
            Detail::NumberOutOfRange,
            format!("range() would make {len} elements, more than the {MAX_RANGE} a list may hold"),
        ));
    }
    // Every element lies between start and end, but k * step alone may not fit in an i64.
    let element = |k: i128| Value::Int((i128::from(start) + k * i128::from(step)) as i64);
    Ok(Value::list((0..len).map(element).collect()))
}

/// The longest list range() makes: larger ones are almost always a mistake, and would take
/// gigabytes before failing.
const MAX_RANGE: i128 = 100_000_000;

fn substring(s: &Value, start: &Value, len: Option<&Value>) -> Result<Value> {
    let Value::String(s) = s else {
        return Err(bad_nth(Function::Substring, 0, s));
    };
    if start.is_null() || len.is_some_and(Value::is_null) {
        return Ok(Value::Null);
    }
    let start = int_arg(Function::Substring, 1, start)?;
    let len = len
        .map(|l| int_arg(Function::Substring, 2, l))
        .transpose()?;
    if start < 0 || len.is_some_and(|l| l < 0) {
        return Err(QueryError::runtime(
            ErrorClass::ArgumentError,
            Detail::NumberOutOfRange,
            "substring start and length must be non-negative",
        ));
    }
    let chars = s.chars().skip(start as usize);
    let out: String = match len {
        Some(l) => chars.take(l as usize).collect(),
        None => chars.collect(),
    };
    Ok(Value::String(Arc::from(out)))
}

/// toInteger's conversion: `None` for a type it cannot take; an error for a number outside
/// the 64-bit range (never a silent wrap or saturation).
pub fn to_integer(v: &Value) -> Result<Option<Value>> {
    fn truncate(f: f64) -> Result<Value> {
        let t = f.trunc();
        // 2^63 itself is out of range; -2^63 is in.
        if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&t) {
            Ok(Value::Int(t as i64))
        } else {
            Err(overflow())
        }
    }
    Ok(Some(match v {
        Value::Int(_) => v.clone(),
        Value::Float(f) if f.is_nan() => Value::Null,
        Value::Float(f) => truncate(*f)?,
        Value::String(s) => {
            let s = s.trim();
            match s.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => match s.parse::<f64>() {
                    Ok(f) if !f.is_nan() => truncate(f)?,
                    _ => Value::Null,
                },
            }
        }
        Value::Bool(b) => Value::Int(i64::from(*b)),
        _ => return Ok(None),
    }))
}

fn overflow() -> QueryError {
    QueryError::overflow("integer overflow")
}

pub fn to_float(v: &Value) -> Option<Value> {
    match v {
        Value::Int(i) => Some(Value::Float(*i as f64)),
        Value::Float(_) => Some(v.clone()),
        Value::String(s) => Some(s.trim().parse::<f64>().map_or(Value::Null, Value::Float)),
        _ => None,
    }
}

pub fn to_string(v: &Value) -> Option<Value> {
    Some(match v {
        Value::String(_) => v.clone(),
        Value::Int(i) => Value::str(&i.to_string()),
        Value::Float(f) => Value::str(&float_text(*f)),
        Value::Bool(b) => Value::str(&b.to_string()),
        // The ISO 8601 text kg prints them with, which the temporal functions read back.
        temporal => Value::str(&temporal.temporal_text()?),
    })
}

pub fn to_boolean(v: &Value) -> Option<Value> {
    Some(match v {
        Value::Bool(_) => v.clone(),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::Null,
        },
        Value::Int(i) => Value::Bool(*i != 0),
        _ => return None,
    })
}

/// A uniform float in [0, 1) from a small xorshift generator seeded by the clock: rand()
/// needs no cryptographic quality and no extra dependency.
fn random_unit() -> f64 {
    use std::cell::Cell;
    thread_local! {
        static STATE: Cell<u64> = Cell::new(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0x9E37_79B9_7F4A_7C15, |d| d.as_nanos() as u64)
                | 1,
        );
    }
    STATE.with(|s| {
        let mut x = s.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.set(x);
        (x >> 11) as f64 / (1u64 << 53) as f64
    })
}
