//! Conversions between types: `toInteger` and kin, their `OrNull` forms (null instead of an
//! error for a value of another type), and their list forms (`toIntegerList`: each element
//! converted, null where it cannot be).

use super::{Builtin, Call, Category, Result, one, scalar};
use crate::error::QueryError;
use crate::model::Value;
use crate::model::float_text;

const C: Category = Category::Conversion;

pub(super) const FUNCTIONS: &[Builtin] = &[
    scalar(
        "toInteger",
        C,
        &[one("input", "STRING | INTEGER | FLOAT | BOOLEAN")],
        "INTEGER",
        "an integer from a number (cut towards zero), a string or a boolean; null for text that is not a number",
        |c| match to_integer(c.arg(0))? {
            Some(v) => Ok(v),
            None => Err(c.bad(0)),
        },
    ),
    scalar(
        "toIntegerOrNull",
        C,
        &[one("input", "ANY")],
        "INTEGER",
        "toInteger, or null for a value it cannot convert",
        |c| Ok(to_integer(c.arg(0)).ok().flatten().unwrap_or(Value::Null)),
    ),
    scalar(
        "toFloat",
        C,
        &[one("input", "STRING | INTEGER | FLOAT")],
        "FLOAT",
        "a float from a number or a string; null for text that is not a number",
        |c| to_float(c.arg(0)).ok_or_else(|| c.bad(0)),
    ),
    scalar(
        "toFloatOrNull",
        C,
        &[one("input", "ANY")],
        "FLOAT",
        "toFloat, or null for a value it cannot convert",
        |c| Ok(to_float(c.arg(0)).unwrap_or(Value::Null)),
    ),
    scalar(
        "toString",
        C,
        &[one("input", "ANY")],
        "STRING",
        "a number, boolean, string or temporal value as text (temporal values in ISO 8601)",
        |c| to_string(c.arg(0)).ok_or_else(|| c.bad(0)),
    ),
    scalar(
        "toStringOrNull",
        C,
        &[one("input", "ANY")],
        "STRING",
        "toString, or null for a value it cannot convert",
        |c| Ok(to_string(c.arg(0)).unwrap_or(Value::Null)),
    ),
    scalar(
        "toBoolean",
        C,
        &[one("input", "STRING | INTEGER | BOOLEAN")],
        "BOOLEAN",
        "a boolean from 'true' or 'false' (any case), an integer (0 is false) or a boolean",
        |c| to_boolean(c.arg(0)).ok_or_else(|| c.bad(0)),
    ),
    scalar(
        "toBooleanOrNull",
        C,
        &[one("input", "ANY")],
        "BOOLEAN",
        "toBoolean, or null for a value it cannot convert",
        |c| Ok(to_boolean(c.arg(0)).unwrap_or(Value::Null)),
    ),
    scalar(
        "toIntegerList",
        C,
        &[one("input", "LIST<ANY>")],
        "LIST<INTEGER>",
        "each element as toIntegerOrNull converts it",
        |c| each(c, |v| to_integer(v).ok().flatten()),
    ),
    scalar(
        "toFloatList",
        C,
        &[one("input", "LIST<ANY>")],
        "LIST<FLOAT>",
        "each element as toFloatOrNull converts it",
        |c| each(c, to_float),
    ),
    scalar(
        "toStringList",
        C,
        &[one("input", "LIST<ANY>")],
        "LIST<STRING>",
        "each element as toStringOrNull converts it",
        |c| each(c, to_string),
    ),
    scalar(
        "toBooleanList",
        C,
        &[one("input", "LIST<ANY>")],
        "LIST<BOOLEAN>",
        "each element as toBooleanOrNull converts it",
        |c| each(c, to_boolean),
    ),
];

fn each(c: &Call, convert: fn(&Value) -> Option<Value>) -> Result<Value> {
    match c.arg(0) {
        Value::List(items) => Ok(Value::list(
            items
                .iter()
                .map(|v| convert(v).unwrap_or(Value::Null))
                .collect(),
        )),
        _ => Err(c.bad(0)),
    }
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
            Err(QueryError::overflow("integer overflow"))
        }
    }
    Ok(Some(match v {
        Value::Null => Value::Null,
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

pub fn to_float(v: &Value) -> Option<Value> {
    match v {
        Value::Null => Some(Value::Null),
        Value::Int(i) => Some(Value::Float(*i as f64)),
        Value::Float(_) => Some(v.clone()),
        Value::String(s) => Some(s.trim().parse::<f64>().map_or(Value::Null, Value::Float)),
        _ => None,
    }
}

pub fn to_string(v: &Value) -> Option<Value> {
    Some(match v {
        Value::Null => Value::Null,
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
        Value::Null => Value::Null,
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
