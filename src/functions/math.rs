//! Numeric functions: rounding, logarithms, trigonometry, and the similarity of two vectors.

use super::{Builtin, Call, Category, Param, Result, one, opt, scalar};
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::Value;

const N: Category = Category::Numeric;
const NUMBER: &[Param] = &[one("input", "INTEGER | FLOAT")];
const NONE: &[Param] = &[];
const VECTORS: &[Param] = &[
    one("a", "LIST<INTEGER | FLOAT>"),
    one("b", "LIST<INTEGER | FLOAT>"),
];

/// A function of one number that gives a float.
macro_rules! float_fn {
    ($name:literal, $description:literal, $f:expr) => {
        scalar($name, N, NUMBER, "FLOAT", $description, |c| {
            Ok(Value::Float($f(c.number(0)?)))
        })
    };
}

pub(super) const FUNCTIONS: &[Builtin] = &[
    scalar(
        "abs",
        N,
        NUMBER,
        "INTEGER | FLOAT",
        "the absolute value, of the argument's type",
        |c| match c.arg(0) {
            Value::Int(i) => Ok(Value::Int(
                i.checked_abs()
                    .ok_or_else(|| QueryError::overflow("integer overflow"))?,
            )),
            Value::Float(f) => Ok(Value::Float(f.abs())),
            _ => Err(c.bad(0)),
        },
    ),
    float_fn!(
        "ceil",
        "the smallest whole number at least as large, as a float",
        f64::ceil
    ),
    float_fn!(
        "floor",
        "the largest whole number no larger, as a float",
        f64::floor
    ),
    scalar(
        "round",
        N,
        &[
            one("value", "INTEGER | FLOAT"),
            opt("precision", "INTEGER"),
            opt("mode", "STRING"),
        ],
        "FLOAT",
        "the nearest whole number (halves towards +infinity), or the nearest with precision decimals (halves away from zero unless a mode says otherwise: UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN)",
        round,
    ),
    scalar(
        "sign",
        N,
        NUMBER,
        "INTEGER",
        "-1, 0 or 1 as the number is negative, zero or positive",
        |c| match c.arg(0) {
            Value::Int(i) => Ok(Value::Int(i.signum())),
            Value::Float(f) if *f > 0.0 => Ok(Value::Int(1)),
            Value::Float(f) if *f < 0.0 => Ok(Value::Int(-1)),
            Value::Float(_) => Ok(Value::Int(0)),
            _ => Err(c.bad(0)),
        },
    ),
    scalar(
        "isNaN",
        N,
        NUMBER,
        "BOOLEAN",
        "whether a number is NaN (not a number; an integer never is)",
        |c| match c.arg(0) {
            Value::Int(_) => Ok(Value::Bool(false)),
            Value::Float(f) => Ok(Value::Bool(f.is_nan())),
            _ => Err(c.bad(0)),
        },
    ),
    float_fn!(
        "sqrt",
        "the square root (NaN for a negative number)",
        f64::sqrt
    ),
    float_fn!("exp", "e raised to the power of the number", f64::exp),
    float_fn!("log", "the natural logarithm", f64::ln),
    float_fn!("log10", "the logarithm to base 10", f64::log10),
    scalar(
        "e",
        N,
        NONE,
        "FLOAT",
        "the base of the natural logarithm",
        |_| Ok(Value::Float(std::f64::consts::E)),
    ),
    scalar(
        "pi",
        N,
        NONE,
        "FLOAT",
        "the ratio of a circle's circumference to its diameter",
        |_| Ok(Value::Float(std::f64::consts::PI)),
    ),
    scalar(
        "rand",
        N,
        NONE,
        "FLOAT",
        "a random float from 0 (included) to 1 (excluded), new at each call",
        |_| Ok(Value::Float(random_unit())),
    ),
    float_fn!("sin", "the sine of an angle in radians", f64::sin),
    float_fn!("cos", "the cosine of an angle in radians", f64::cos),
    float_fn!("tan", "the tangent of an angle in radians", f64::tan),
    float_fn!("cot", "the cotangent of an angle in radians", |x: f64| 1.0
        / x.tan()),
    float_fn!("asin", "the arcsine, in radians", f64::asin),
    float_fn!("acos", "the arccosine, in radians", f64::acos),
    float_fn!("atan", "the arctangent, in radians", f64::atan),
    scalar(
        "atan2",
        N,
        &[one("y", "INTEGER | FLOAT"), one("x", "INTEGER | FLOAT")],
        "FLOAT",
        "the angle of the point (x, y) from the x axis, in radians",
        |c| {
            if c.arg(1).is_null() {
                return Ok(Value::Null);
            }
            Ok(Value::Float(c.number(0)?.atan2(c.number(1)?)))
        },
    ),
    float_fn!("degrees", "radians converted to degrees", f64::to_degrees),
    float_fn!("radians", "degrees converted to radians", f64::to_radians),
    float_fn!(
        "haversin",
        "half the versine: (1 - cos(x)) / 2",
        |x: f64| (1.0 - x.cos()) / 2.0
    ),
    scalar(
        "vector.similarity.euclidean",
        N,
        VECTORS,
        "FLOAT",
        "1 / (1 + d²) for the Euclidean distance d of two vectors of equal length: 1 when they are equal",
        |c| {
            let Some((a, b)) = vectors(c)? else {
                return Ok(Value::Null);
            };
            let d2: f64 = a.iter().zip(&b).map(|(x, y)| (x - y) * (x - y)).sum();
            Ok(Value::Float(1.0 / (1.0 + d2)))
        },
    ),
    scalar(
        "vector.similarity.cosine",
        N,
        VECTORS,
        "FLOAT",
        "(1 + cos θ) / 2 for the angle θ between two vectors of equal length: 1 for the same direction, null for a zero vector",
        |c| {
            let Some((a, b)) = vectors(c)? else {
                return Ok(Value::Null);
            };
            let dot: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
            let norms = norm(&a) * norm(&b);
            Ok(if norms == 0.0 {
                Value::Null
            } else {
                Value::Float((1.0 + dot / norms) / 2.0)
            })
        },
    ),
];

/// The two vectors of a similarity function, as floats; `None` if either is null.
fn vectors(c: &Call) -> Result<Option<(Vec<f64>, Vec<f64>)>> {
    let numbers = |i: usize| -> Result<Option<Vec<f64>>> {
        match c.arg(i) {
            Value::Null => Ok(None),
            Value::List(items) => items
                .iter()
                .map(|v| v.as_f64().ok_or_else(|| c.bad(i)))
                .collect::<Result<Vec<f64>>>()
                .map(Some),
            _ => Err(c.bad(i)),
        }
    };
    let (Some(a), Some(b)) = (numbers(0)?, numbers(1)?) else {
        return Ok(None);
    };
    if a.len() != b.len() || a.is_empty() {
        return Err(argument(format!(
            "{} needs two vectors of the same, non-zero length, not {} and {}",
            c.builtin.name,
            a.len(),
            b.len()
        )));
    }
    Ok(Some((a, b)))
}

fn argument(message: String) -> QueryError {
    QueryError::runtime(
        ErrorClass::ArgumentError,
        Detail::InvalidArgumentValue,
        message,
    )
}

/// How `round` with a precision settles the digits it drops, as Java's `RoundingMode` does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Up,
    Down,
    Ceiling,
    Floor,
    HalfUp,
    HalfDown,
    HalfEven,
}

fn round(c: &Call) -> Result<Value> {
    let x = c.number(0)?;
    let Some(precision) = c.args.get(1) else {
        return Ok(Value::Float(round_half_up(x)));
    };
    let precision = match precision {
        Value::Null => return Ok(Value::Null),
        Value::Int(p) => *p,
        Value::Float(p) if p.fract() == 0.0 => *p as i64,
        _ => return Err(c.bad(1)),
    };
    if precision < 0 {
        return Err(QueryError::runtime(
            ErrorClass::ArgumentError,
            Detail::NumberOutOfRange,
            format!("round cannot take a negative precision ({precision})"),
        ));
    }
    let mode = match c.args.get(2) {
        // Precision 0 without a mode agrees with round(x): halves go towards +infinity.
        None if precision == 0 => return Ok(Value::Float(round_half_up(x))),
        None => Mode::HalfUp,
        Some(Value::Null) => return Ok(Value::Null),
        Some(_) => match c.string(2)?.to_ascii_uppercase().as_str() {
            "UP" => Mode::Up,
            "DOWN" => Mode::Down,
            "CEILING" => Mode::Ceiling,
            "FLOOR" => Mode::Floor,
            "HALF_UP" => Mode::HalfUp,
            "HALF_DOWN" => Mode::HalfDown,
            "HALF_EVEN" => Mode::HalfEven,
            other => {
                return Err(argument(format!(
                    "unknown rounding mode '{other}': use UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN or HALF_EVEN"
                )));
            }
        },
    };
    if !x.is_finite() {
        return Ok(Value::Float(x));
    }
    Ok(Value::Float(round_decimal(
        x,
        u32::try_from(precision).unwrap_or(u32::MAX),
        mode,
    )))
}

/// openCypher's `round(x)`: halves go up (towards +infinity), so -2.5 is -2.0.
fn round_half_up(x: f64) -> f64 {
    if x.fract().abs() == 0.5 {
        (x + 0.5).floor()
    } else {
        x.round()
    }
}

/// Rounds the shortest decimal text of `x` (what it prints as) to `precision` digits after
/// the point, as Java's `BigDecimal.valueOf(x).setScale(precision, mode)` does: 2.675 has
/// the text 2.675 and rounds half up to 2.68, although its binary value is a little less.
fn round_decimal(x: f64, precision: u32, mode: Mode) -> f64 {
    let text = format!("{:e}", x.abs());
    let Some((mantissa, exponent)) = text.split_once('e') else {
        return x;
    };
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    // How many of the digits stay: those before the point and `precision` after it.
    let keep = exponent + 1 + i64::from(precision);
    if keep >= digits.len() as i64 {
        return x;
    }
    let keep = keep.max(0) as usize;
    let dropped = &digits[keep..];
    let (first, rest) = if exponent + 1 + i64::from(precision) < 0 {
        // Every digit is below the last kept place by more than one: less than a half.
        (0, true)
    } else {
        (dropped[0], dropped[1..].iter().any(|d| *d > 0))
    };
    let nonzero = dropped.iter().any(|d| *d > 0);
    let kept = digits[..keep]
        .iter()
        .fold(0u128, |n, d| n * 10 + u128::from(*d));
    let above_half = first > 5 || (first == 5 && rest);
    let half = first == 5 && !rest;
    let negative = x < 0.0;
    let up = match mode {
        Mode::Up => nonzero,
        Mode::Down => false,
        Mode::Ceiling => nonzero && !negative,
        Mode::Floor => nonzero && negative,
        Mode::HalfUp => above_half || half,
        Mode::HalfDown => above_half,
        Mode::HalfEven => above_half || (half && kept % 2 == 1),
    };
    let magnitude: f64 = format!("{}e-{precision}", kept + u128::from(up))
        .parse()
        .unwrap_or(x.abs());
    if magnitude == 0.0 {
        0.0
    } else if negative {
        -magnitude
    } else {
        magnitude
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_the_decimal_text() {
        assert_eq!(round_decimal(2.675, 2, Mode::HalfUp), 2.68);
        assert_eq!(round_decimal(-1.55, 1, Mode::HalfUp), -1.6);
        assert_eq!(round_decimal(1.25, 1, Mode::HalfEven), 1.2);
        assert_eq!(round_decimal(1.35, 1, Mode::HalfEven), 1.4);
        assert_eq!(round_decimal(0.004, 2, Mode::Up), 0.01);
        assert_eq!(round_decimal(0.004, 2, Mode::HalfUp), 0.0);
        assert_eq!(round_decimal(0.0004, 2, Mode::Floor), 0.0);
        assert_eq!(round_decimal(-0.0004, 2, Mode::Floor), -0.01);
        assert_eq!(round_decimal(123.0, 0, Mode::Up), 123.0);
        assert_eq!(round_decimal(9.99, 1, Mode::HalfUp), 10.0);
    }
}
