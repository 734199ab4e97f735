//! The value enum every layer passes around.

use super::temporal::{Duration, TimeZone, Zone};
use super::{NodeId, PathValue, RelId};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// Map values keep their keys sorted so that printing and comparison are deterministic.
pub type Map = BTreeMap<Arc<str>, Value>;

/// A value of kg's query language.
///
/// Node, relationship and path values carry ids only; their labels and properties live in the
/// graph (or, for a finished query, in its result's entity table), so a row stays small.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(Arc<str>),
    List(#[serde(deserialize_with = "super::nesting::deserialize_list")] Arc<Vec<Value>>),
    Map(#[serde(deserialize_with = "super::nesting::deserialize_map")] Arc<Map>),
    Node(NodeId),
    Rel(RelId),
    Path(Arc<PathValue>),
    // Temporal values. Appended after the others: values are serialised by variant index.
    Date(NaiveDate),
    LocalTime(NaiveTime),
    /// A time of day and its offset from UTC in seconds.
    Time(NaiveTime, i32),
    LocalDateTime(NaiveDateTime),
    /// A local date and time and its offset from UTC in seconds.
    DateTime(NaiveDateTime, i32),
    Duration(Arc<Duration>),
    /// A local date and time in a named zone, with the zone's offset at that time (which
    /// the local time alone does not tell in the hour a clock change repeats). The same type
    /// as `DateTime` for the language; appended, as it came later.
    DateTimeZoned(NaiveDateTime, i32, TimeZone),
}

/// The type of a value, used in error messages and by the type predicates.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ValueType {
    Null,
    Boolean,
    Integer,
    Float,
    String,
    List,
    Map,
    Node,
    Relationship,
    Path,
    Date,
    LocalTime,
    Time,
    LocalDateTime,
    DateTime,
    Duration,
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueType::Null => "NULL",
            ValueType::Boolean => "BOOLEAN",
            ValueType::Integer => "INTEGER",
            ValueType::Float => "FLOAT",
            ValueType::String => "STRING",
            ValueType::List => "LIST",
            ValueType::Map => "MAP",
            ValueType::Node => "NODE",
            ValueType::Relationship => "RELATIONSHIP",
            ValueType::Path => "PATH",
            ValueType::Date => "DATE",
            ValueType::LocalTime => "LOCAL TIME",
            ValueType::Time => "ZONED TIME",
            ValueType::LocalDateTime => "LOCAL DATETIME",
            ValueType::DateTime => "ZONED DATETIME",
            ValueType::Duration => "DURATION",
        })
    }
}

impl Value {
    pub fn value_type(&self) -> ValueType {
        match self {
            Value::Null => ValueType::Null,
            Value::Bool(_) => ValueType::Boolean,
            Value::Int(_) => ValueType::Integer,
            Value::Float(_) => ValueType::Float,
            Value::String(_) => ValueType::String,
            Value::List(_) => ValueType::List,
            Value::Map(_) => ValueType::Map,
            Value::Node(_) => ValueType::Node,
            Value::Rel(_) => ValueType::Relationship,
            Value::Path(_) => ValueType::Path,
            Value::Date(_) => ValueType::Date,
            Value::LocalTime(_) => ValueType::LocalTime,
            Value::Time(..) => ValueType::Time,
            Value::LocalDateTime(_) => ValueType::LocalDateTime,
            Value::DateTime(..) | Value::DateTimeZoned(..) => ValueType::DateTime,
            Value::Duration(_) => ValueType::Duration,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Calls `node` and `rel` for every node and relationship the value holds, however deep
    /// in lists, maps and paths.
    pub fn for_each_entity(&self, node: &mut impl FnMut(NodeId), rel: &mut impl FnMut(RelId)) {
        match self {
            Value::Node(id) => node(*id),
            Value::Rel(id) => rel(*id),
            Value::Path(p) => {
                p.nodes.iter().copied().for_each(&mut *node);
                p.rels.iter().copied().for_each(rel);
            }
            Value::List(items) => items.iter().for_each(|v| v.for_each_entity(node, rel)),
            Value::Map(map) => map.values().for_each(|v| v.for_each_entity(node, rel)),
            _ => {}
        }
    }

    pub fn str(s: &str) -> Value {
        Value::String(Arc::from(s))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(items))
    }

    pub fn map(entries: Map) -> Value {
        Value::Map(Arc::new(entries))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Numbers as f64, for arithmetic that mixes integers and floats.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// True for values that may be stored as a property: null (which removes), scalars, and
    /// lists whose elements are all scalars of one type (integers and floats count as one).
    pub fn is_storable(&self) -> bool {
        fn scalar_kind(v: &Value) -> Option<u8> {
            match v {
                Value::Bool(_) => Some(0),
                Value::Int(_) | Value::Float(_) => Some(1),
                Value::String(_) => Some(2),
                Value::Date(_) => Some(3),
                Value::LocalTime(_) => Some(4),
                Value::Time(..) => Some(5),
                Value::LocalDateTime(_) => Some(6),
                Value::DateTime(..) | Value::DateTimeZoned(..) => Some(7),
                Value::Duration(_) => Some(8),
                _ => None,
            }
        }
        match self {
            Value::Null => true,
            v if scalar_kind(v).is_some() => true,
            Value::List(items) => {
                let mut kinds = items.iter().map(scalar_kind);
                match kinds.next() {
                    None => true,
                    Some(None) => false,
                    Some(first) => kinds.all(|k| k == first),
                }
            }
            _ => false,
        }
    }

    /// The ISO 8601 text of a temporal value (`1910-05-06`, `12:35:15+05:00`, `P1M2D`).
    pub fn temporal_text(&self) -> Option<String> {
        use super::temporal::{format_date, format_datetime, format_offset, format_time};
        Some(match self {
            Value::Date(d) => format_date(*d),
            Value::LocalTime(t) => format_time(*t),
            Value::Time(t, o) => format!("{}{}", format_time(*t), format_offset(*o)),
            Value::LocalDateTime(dt) => format_datetime(*dt),
            Value::DateTime(dt, o) => format!("{}{}", format_datetime(*dt), format_offset(*o)),
            Value::DateTimeZoned(dt, o, tz) => format!(
                "{}{}[{}]",
                format_datetime(*dt),
                format_offset(*o),
                tz.name()
            ),
            Value::Duration(d) => d.iso(),
            _ => return None,
        })
    }

    /// The temporal type of a temporal value; its name is the function that builds it.
    pub fn temporal_kind(&self) -> Option<super::temporal::TemporalKind> {
        use super::temporal::TemporalKind as K;
        Some(match self {
            Value::Date(_) => K::Date,
            Value::LocalTime(_) => K::LocalTime,
            Value::Time(..) => K::Time,
            Value::LocalDateTime(_) => K::LocalDateTime,
            Value::DateTime(..) | Value::DateTimeZoned(..) => K::DateTime,
            Value::Duration(_) => K::Duration,
            _ => return None,
        })
    }

    /// A zoned date-time's local date and time, offset and named zone, whichever variant
    /// holds it.
    pub fn zoned_datetime(&self) -> Option<(NaiveDateTime, i32, Option<TimeZone>)> {
        match self {
            Value::DateTime(dt, o) => Some((*dt, *o, None)),
            Value::DateTimeZoned(dt, o, tz) => Some((*dt, *o, Some(*tz))),
            _ => None,
        }
    }

    /// A zoned date-time from a local one: at a fixed offset, or in a named zone at the
    /// offset it has then (a local time a clock change skipped moves later).
    pub fn datetime_in(local: NaiveDateTime, zone: Zone) -> Value {
        match zone {
            Zone::Offset(o) => Value::DateTime(local, o),
            Zone::Named(tz) => {
                let (local, offset) = tz.resolve(local);
                Value::DateTimeZoned(local, offset, tz)
            }
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::str(s)
    }
}

impl From<Option<bool>> for Value {
    fn from(b: Option<bool>) -> Self {
        b.map_or(Value::Null, Value::Bool)
    }
}

/// Structural equality for tests and change detection: unlike the query language's `=`,
/// `null == null` and `NaN == NaN` here, and integers never equal floats.
impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Value::String(a), Value::String(b)) => a == b,
            (Value::List(a), Value::List(b)) => a == b,
            (Value::Map(a), Value::Map(b)) => a == b,
            (Value::Node(a), Value::Node(b)) => a == b,
            (Value::Rel(a), Value::Rel(b)) => a == b,
            (Value::Path(a), Value::Path(b)) => a == b,
            (Value::Date(a), Value::Date(b)) => a == b,
            (Value::LocalTime(a), Value::LocalTime(b)) => a == b,
            (Value::Time(a, x), Value::Time(b, y)) => a == b && x == y,
            (Value::LocalDateTime(a), Value::LocalDateTime(b)) => a == b,
            (Value::DateTime(a, x), Value::DateTime(b, y)) => a == b && x == y,
            (Value::Duration(a), Value::Duration(b)) => a == b,
            (Value::DateTimeZoned(a, x, p), Value::DateTimeZoned(b, y, q)) => {
                a == b && x == y && p == q
            }
            _ => false,
        }
    }
}

/// Floats always show a fractional part or exponent, so they never read as integers.
pub fn float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else if f == f.trunc() && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        let s = format!("{f}");
        if s.contains('e') || s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    }
}

/// Query parameters by name (without the `$`).
pub type Params = std::collections::BTreeMap<String, Value>;
