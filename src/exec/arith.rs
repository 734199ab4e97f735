//! Arithmetic and the string and list operators, with openCypher's null and overflow rules.

use super::context::Result;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::{Value, equals};
use std::sync::Arc;

fn overflow(op: &str) -> QueryError {
    QueryError::overflow(format!("integer overflow in {op}"))
}

fn type_error(op: &str, a: &Value, b: &Value) -> QueryError {
    QueryError::type_error(format!(
        "cannot apply {op} to {} and {}",
        a.value_type(),
        b.value_type()
    ))
}

pub fn starts_with(a: &Value, b: &Value) -> Result<Value> {
    Ok(text_test(a, b, |s, t| s.starts_with(t)))
}

pub fn ends_with(a: &Value, b: &Value) -> Result<Value> {
    Ok(text_test(a, b, |s, t| s.ends_with(t)))
}

pub fn contains_text(a: &Value, b: &Value) -> Result<Value> {
    Ok(text_test(a, b, |s, t| s.contains(t)))
}

fn text_test(a: &Value, b: &Value, test: fn(&str, &str) -> bool) -> Value {
    match (a, b) {
        (Value::String(s), Value::String(t)) => Value::Bool(test(s, t)),
        _ => Value::Null,
    }
}

pub fn subtract(a: &Value, b: &Value) -> Result<Value> {
    match crate::functions::temporal::subtract(a, b) {
        Some(difference) => difference,
        None => numeric(a, b, "-", i64::checked_sub, |x, y| x - y),
    }
}

pub fn power(a: &Value, b: &Value) -> Result<Value> {
    match (a.as_f64(), b.as_f64()) {
        _ if a.is_null() || b.is_null() => Ok(Value::Null),
        (Some(x), Some(y)) => Ok(Value::Float(x.powf(y))),
        _ => Err(type_error("^", a, b)),
    }
}

pub fn add(a: &Value, b: &Value) -> Result<Value> {
    if let Some(sum) = crate::functions::temporal::add(a, b) {
        return sum;
    }
    Ok(match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Value::Null,
        (Value::Int(x), Value::Int(y)) => {
            Value::Int(x.checked_add(*y).ok_or_else(|| overflow("+"))?)
        }
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            Value::Float(a.as_f64().unwrap_or(0.0) + b.as_f64().unwrap_or(0.0))
        }
        (Value::String(x), Value::String(y)) => {
            // Built as a `String`, then copied into its `Arc`: twice its size at the peak.
            crate::limits::reserve(2 * (x.len() + y.len()) as u64)?;
            Value::String(Arc::from(format!("{x}{y}")))
        }
        (Value::String(x), Value::Int(_) | Value::Float(_)) => {
            Value::String(Arc::from(format!("{x}{}", number_text(b))))
        }
        (Value::Int(_) | Value::Float(_), Value::String(y)) => {
            Value::String(Arc::from(format!("{}{y}", number_text(a))))
        }
        (Value::List(x), Value::List(y)) => {
            crate::limits::reserve(crate::limits::list_bytes(x.len() + y.len()))?;
            let mut items = Vec::with_capacity(x.len() + y.len());
            items.extend(x.iter().cloned());
            items.extend(y.iter().cloned());
            Value::list(items)
        }
        // Adding a map to a list nests it one level deeper.
        (Value::List(x), _) => {
            crate::limits::reserve(crate::limits::list_bytes(x.len() + 1))?;
            let mut items = (**x).clone();
            items.push(b.clone());
            return super::eval::within_limit(Value::list(items));
        }
        (_, Value::List(y)) => {
            crate::limits::reserve(crate::limits::list_bytes(y.len() + 1))?;
            let mut items = Vec::with_capacity(y.len() + 1);
            items.push(a.clone());
            items.extend(y.iter().cloned());
            return super::eval::within_limit(Value::list(items));
        }
        _ => return Err(type_error("+", a, b)),
    })
}

/// Numbers as text, the way toString writes them.
pub fn number_text(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_text(*f),
        _ => String::new(),
    }
}

pub use crate::model::float_text;

fn numeric(
    a: &Value,
    b: &Value,
    op: &str,
    int_op: fn(i64, i64) -> Option<i64>,
    float_op: fn(f64, f64) -> f64,
) -> Result<Value> {
    Ok(match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Value::Null,
        (Value::Int(x), Value::Int(y)) => Value::Int(int_op(*x, *y).ok_or_else(|| overflow(op))?),
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => Value::Float(
            float_op(a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0)),
        ),
        _ => return Err(type_error(op, a, b)),
    })
}

pub fn multiply(a: &Value, b: &Value) -> Result<Value> {
    if let Some(product) = crate::functions::temporal::multiply(a, b) {
        return product;
    }
    numeric(a, b, "*", i64::checked_mul, |x, y| x * y)
}

pub fn divide(a: &Value, b: &Value) -> Result<Value> {
    if let Some(quotient) = crate::functions::temporal::divide(a, b) {
        return quotient;
    }
    if let (Value::Int(_), Value::Int(0)) = (a, b) {
        return Err(QueryError::runtime(
            ErrorClass::ArgumentError,
            Detail::DivisionByZero,
            "division by zero",
        ));
    }
    numeric(a, b, "/", i64::checked_div, |x, y| x / y)
}

pub fn modulo(a: &Value, b: &Value) -> Result<Value> {
    if let (Value::Int(_), Value::Int(0)) = (a, b) {
        return Err(QueryError::runtime(
            ErrorClass::ArgumentError,
            Detail::DivisionByZero,
            "modulo by zero",
        ));
    }
    numeric(a, b, "%", i64::checked_rem, |x, y| x % y)
}

/// `needle IN list` with three-valued logic.
pub fn in_list(needle: &Value, list: &Value) -> Result<Value> {
    match list {
        Value::Null => Ok(Value::Null),
        Value::List(items) => {
            let mut unknown = false;
            for item in items.iter() {
                match equals(needle, item) {
                    Some(true) => return Ok(Value::Bool(true)),
                    None => unknown = true,
                    Some(false) => {}
                }
            }
            Ok(if unknown {
                Value::Null
            } else {
                Value::Bool(false)
            })
        }
        other => Err(QueryError::type_error(format!(
            "IN needs a list on its right, not {}",
            other.value_type()
        ))),
    }
}

pub fn negate(v: &Value) -> Result<Value> {
    if let Some(negated) = crate::functions::temporal::negate(v) {
        return negated;
    }
    match v {
        Value::Null => Ok(Value::Null),
        Value::Int(i) => Ok(Value::Int(i.checked_neg().ok_or_else(|| overflow("-"))?)),
        Value::Float(f) => Ok(Value::Float(-f)),
        other => Err(QueryError::type_error(format!(
            "cannot negate {}",
            other.value_type()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_overflow_and_division_by_zero_are_errors() {
        assert!(add(&Value::Int(i64::MAX), &Value::Int(1)).is_err());
        assert!(divide(&Value::Int(1), &Value::Int(0)).is_err());
        assert!(modulo(&Value::Int(1), &Value::Int(0)).is_err());
        assert!(negate(&Value::Int(i64::MIN)).is_err());
        let f = divide(&Value::Float(1.0), &Value::Int(0)).unwrap();
        assert_eq!(f, Value::Float(f64::INFINITY));
    }

    #[test]
    fn in_uses_three_valued_logic() {
        let list = Value::list(vec![Value::Int(1), Value::Null]);
        assert_eq!(in_list(&Value::Int(1), &list).unwrap(), Value::Bool(true));
        assert_eq!(in_list(&Value::Int(2), &list).unwrap(), Value::Null);
    }

    #[test]
    fn floats_print_as_floats() {
        assert_eq!(float_text(1.0), "1.0");
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(1e20), "100000000000000000000.0");
    }
}
