//! The four relations openCypher defines between values: equality (`=`, three-valued:
//! [`equals`]), comparability (`<` and friends: [`compare_values`], none across types; the
//! executor adds the rules for NaN), orderability for ORDER BY, min and max (a total order
//! across all types: [`compare_for_order`]), and equivalence for grouping and DISTINCT (null
//! groups with null, NaN with NaN, 1 with 1.0: [`group_key_eq`], [`hash_group_key`]).

use super::{Value, temporal};
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// `a = b` with openCypher's three-valued logic: `None` means null.
pub fn equals(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => None,
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            Some(numeric_cmp(a, b) == Some(Ordering::Equal))
        }
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::String(x), Value::String(y)) => Some(x == y),
        (Value::List(x), Value::List(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            all_equal(x.iter().zip(y.iter()))
        }
        (Value::Map(x), Value::Map(y)) => {
            if x.len() != y.len() || x.keys().zip(y.keys()).any(|(k1, k2)| k1 != k2) {
                return Some(false);
            }
            all_equal(x.values().zip(y.values()))
        }
        (Value::Node(x), Value::Node(y)) => Some(x == y),
        (Value::Rel(x), Value::Rel(y)) => Some(x == y),
        (Value::Path(x), Value::Path(y)) => Some(x == y),
        (Value::Duration(x), Value::Duration(y)) => Some(x == y),
        _ if is_temporal(a) => temporal_cmp(a, b)
            .map(|o| o == Ordering::Equal)
            .or(Some(false)),
        _ => Some(false),
    }
}

fn is_temporal(v: &Value) -> bool {
    matches!(
        v,
        Value::Date(_)
            | Value::LocalTime(_)
            | Value::Time(..)
            | Value::LocalDateTime(_)
            | Value::DateTime(..)
            | Value::DateTimeZoned(..)
    )
}

/// Points in time of the same kind, compared; times with offsets by their UTC instant.
fn temporal_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    Some(match (a, b) {
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        (Value::LocalTime(x), Value::LocalTime(y)) => x.cmp(y),
        (Value::LocalDateTime(x), Value::LocalDateTime(y)) => x.cmp(y),
        (Value::Time(x, xo), Value::Time(y, yo)) => {
            temporal::time_instant(*x, *xo).cmp(&temporal::time_instant(*y, *yo))
        }
        _ => {
            let ((x, xo, _), (y, yo, _)) = (a.zoned_datetime()?, b.zoned_datetime()?);
            temporal::compare_datetimes((x, xo), (y, yo))
        }
    })
}

fn all_equal<'a>(pairs: impl Iterator<Item = (&'a Value, &'a Value)>) -> Option<bool> {
    let mut unknown = false;
    for (a, b) in pairs {
        match equals(a, b) {
            Some(false) => return Some(false),
            None => unknown = true,
            Some(true) => {}
        }
    }
    if unknown { None } else { Some(true) }
}

/// Compares two numbers exactly: integers against floats without rounding the integer.
fn numeric_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Int(x), Value::Float(y)) => int_float_cmp(*x, *y),
        (Value::Float(x), Value::Int(y)) => int_float_cmp(*y, *x).map(Ordering::reverse),
        _ => None,
    }
}

/// 2^63 as a float: the first whole float past `i64::MAX`.
const I64_END: f64 = 9_223_372_036_854_775_808.0;

/// The integer a float equals, if there is one. Equality and the grouping hash both use it,
/// so that values that are equal always hash alike.
fn whole_float(f: f64) -> Option<i64> {
    (f.fract() == 0.0 && (-I64_END..I64_END).contains(&f)).then_some(f as i64)
}

/// Exact: converting the integer to a float instead could round it (`i64::MAX as f64` is 2^63).
fn int_float_cmp(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if let Some(whole) = whole_float(f) {
        return Some(i.cmp(&whole));
    }
    Some(if f >= I64_END {
        Ordering::Less
    } else if f < -I64_END {
        Ordering::Greater
    } else if i <= f.floor() as i64 {
        // A fraction within range: i is below f exactly when it is at most f's floor.
        Ordering::Less
    } else {
        Ordering::Greater
    })
}

/// `a < b` and friends: `None` when the values are not comparable (different types, nulls,
/// NaN), which the language turns into null (or false for NaN).
pub fn compare_values(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => numeric_cmp(a, b),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ if is_temporal(a) => temporal_cmp(a, b),
        (Value::List(x), Value::List(y)) => {
            for (a, b) in x.iter().zip(y.iter()) {
                match compare_values(a, b)? {
                    Ordering::Equal => {}
                    other => return Some(other),
                }
            }
            Some(x.len().cmp(&y.len()))
        }
        _ => None,
    }
}

fn order_rank(v: &Value) -> u8 {
    match v {
        Value::Map(_) => 0,
        Value::Node(_) => 1,
        Value::Rel(_) => 2,
        Value::List(_) => 3,
        Value::Path(_) => 4,
        Value::DateTime(..) | Value::DateTimeZoned(..) => 5,
        Value::LocalDateTime(_) => 6,
        Value::Date(_) => 7,
        Value::Time(..) => 8,
        Value::LocalTime(_) => 9,
        Value::Duration(_) => 10,
        Value::String(_) => 11,
        Value::Bool(_) => 12,
        Value::Int(_) | Value::Float(_) => 13,
        Value::Null => 14,
    }
}

/// The total order used by ORDER BY, min and max: values of different types order by type,
/// NaN sorts after every other number and null after everything.
pub fn compare_for_order(a: &Value, b: &Value) -> Ordering {
    let (ra, rb) = (order_rank(a), order_rank(b));
    if ra != rb {
        return ra.cmp(&rb);
    }
    match (a, b) {
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            let nan_a = matches!(a, Value::Float(f) if f.is_nan());
            let nan_b = matches!(b, Value::Float(f) if f.is_nan());
            match (nan_a, nan_b) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => numeric_cmp(a, b).unwrap_or(Ordering::Equal),
            }
        }
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::List(x), Value::List(y)) => {
            for (a, b) in x.iter().zip(y.iter()) {
                match compare_for_order(a, b) {
                    Ordering::Equal => {}
                    other => return other,
                }
            }
            x.len().cmp(&y.len())
        }
        (Value::Map(x), Value::Map(y)) => {
            for ((ka, va), (kb, vb)) in x.iter().zip(y.iter()) {
                match ka.cmp(kb).then_with(|| compare_for_order(va, vb)) {
                    Ordering::Equal => {}
                    other => return other,
                }
            }
            x.len().cmp(&y.len())
        }
        (Value::Node(x), Value::Node(y)) => x.cmp(y),
        (Value::Rel(x), Value::Rel(y)) => x.cmp(y),
        (Value::Path(x), Value::Path(y)) => x.nodes.cmp(&y.nodes).then_with(|| x.rels.cmp(&y.rels)),
        (Value::Duration(x), Value::Duration(y)) => {
            (x.months, x.days, x.seconds, x.nanos).cmp(&(y.months, y.days, y.seconds, y.nanos))
        }
        _ if is_temporal(a) => temporal_cmp(a, b).unwrap_or(Ordering::Equal),
        _ => Ordering::Equal,
    }
}

/// Equivalence, the sameness of DISTINCT and grouping keys.
pub fn group_key_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        // Values read from the same property share their text: skip comparing it.
        (Value::String(x), Value::String(y)) => std::sync::Arc::ptr_eq(x, y) || x == y,
        (Value::Float(x), Value::Float(y)) if x.is_nan() && y.is_nan() => true,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| group_key_eq(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|((ka, va), (kb, vb))| ka == kb && group_key_eq(va, vb))
        }
        _ => equals(a, b) == Some(true),
    }
}

/// A value wrapped so that it can key a hash map under equivalence.
#[derive(Clone, Debug)]
pub struct GroupKey(pub Value);

impl PartialEq for GroupKey {
    fn eq(&self, other: &Self) -> bool {
        group_key_eq(&self.0, &other.0)
    }
}

impl Eq for GroupKey {}

impl Hash for GroupKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_group_key(&self.0, state);
    }
}

/// Hashes a value so that equivalent values (1 and 1.0, NaN and NaN) hash alike.
pub fn hash_group_key<H: Hasher>(v: &Value, state: &mut H) {
    match v {
        Value::Null => 0u8.hash(state),
        Value::Bool(b) => (1u8, b).hash(state),
        // Whole floats hash like the integer they equal, so that 1 and 1.0 group together.
        Value::Int(i) => (2u8, *i).hash(state),
        Value::Float(f) => {
            if let Some(whole) = whole_float(*f) {
                (2u8, whole).hash(state);
            } else if f.is_nan() {
                3u8.hash(state);
            } else {
                (4u8, f.to_bits()).hash(state);
            }
        }
        Value::String(s) => (5u8, s).hash(state),
        Value::List(items) => {
            (6u8, items.len()).hash(state);
            for item in items.iter() {
                hash_group_key(item, state);
            }
        }
        Value::Map(map) => {
            (7u8, map.len()).hash(state);
            for (k, v) in map.iter() {
                k.hash(state);
                hash_group_key(v, state);
            }
        }
        Value::Node(id) => (8u8, id).hash(state),
        Value::Rel(id) => (9u8, id).hash(state),
        Value::Path(p) => (10u8, &p.nodes, &p.rels).hash(state),
        Value::Date(d) => (11u8, d).hash(state),
        Value::LocalTime(t) => (12u8, t).hash(state),
        // Equal instants in different offsets are equal, so they must hash alike.
        Value::Time(t, o) => (13u8, temporal::time_instant(*t, *o)).hash(state),
        Value::LocalDateTime(dt) => (14u8, dt).hash(state),
        Value::DateTime(dt, o) => (15u8, temporal::instant(*dt, *o)).hash(state),
        Value::Duration(d) => (16u8, **d).hash(state),
        Value::DateTimeZoned(dt, o, _) => (15u8, temporal::instant(*dt, *o)).hash(state),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_equality_is_unknown() {
        assert_eq!(equals(&Value::Null, &Value::Int(1)), None);
        let l1 = Value::list(vec![Value::Int(1), Value::Null]);
        let l2 = Value::list(vec![Value::Int(2), Value::Null]);
        assert_eq!(equals(&l1, &l2), Some(false));
        assert_eq!(equals(&l1, &l1.clone()), None);
    }

    #[test]
    fn integers_and_floats_compare_exactly() {
        assert_eq!(equals(&Value::Int(1), &Value::Float(1.0)), Some(true));
        let big = i64::MAX;
        assert_eq!(
            equals(&Value::Int(big), &Value::Float(big as f64)),
            Some(false)
        );
        assert!(group_key_eq(&Value::Int(1), &Value::Float(1.0)));
        assert_eq!(
            compare_values(&Value::Int(i64::MAX), &Value::Float(I64_END)),
            Some(Ordering::Less)
        );
        assert_eq!(
            compare_values(&Value::Int(i64::MIN), &Value::Float(-I64_END)),
            Some(Ordering::Equal)
        );
        assert_eq!(
            compare_values(&Value::Int(-3), &Value::Float(-2.5)),
            Some(Ordering::Less)
        );
        assert_eq!(
            compare_values(&Value::Int(-2), &Value::Float(-2.5)),
            Some(Ordering::Greater)
        );
        assert_eq!(
            compare_values(&Value::Int(i64::MIN), &Value::Float(-1e19)),
            Some(Ordering::Greater)
        );
    }

    #[test]
    fn equal_numbers_hash_alike() {
        use std::hash::BuildHasher;
        let state = std::hash::RandomState::new();
        let hash = |v: &Value| state.hash_one(GroupKey(v.clone()));
        for (i, f) in [
            (9_210_000_000_000_000_000, 9.21e18),
            (i64::MIN, -I64_END),
            (0, -0.0),
            (1 << 53, 9_007_199_254_740_992.0),
        ] {
            assert!(group_key_eq(&Value::Int(i), &Value::Float(f)), "{i} = {f}");
            assert_eq!(hash(&Value::Int(i)), hash(&Value::Float(f)), "{i} ~ {f}");
        }
    }

    #[test]
    fn order_puts_nan_after_numbers_and_null_last() {
        let mut vals = [
            Value::Null,
            Value::Float(f64::NAN),
            Value::Int(3),
            Value::str("a"),
            Value::Float(-1.5),
        ];
        vals.sort_by(compare_for_order);
        assert_eq!(vals[0], Value::str("a"));
        assert_eq!(vals[1], Value::Float(-1.5));
        assert_eq!(vals[2], Value::Int(3));
        assert!(matches!(vals[3], Value::Float(f) if f.is_nan()));
        assert_eq!(vals[4], Value::Null);
    }
}
