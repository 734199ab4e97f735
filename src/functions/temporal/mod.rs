//! Temporal functions: the constructors (`date`, `localtime`, `time`, `localdatetime`,
//! `datetime`, `duration`) and their namespaced kin (`date.truncate`, `datetime.fromEpoch`,
//! `date.statement`, `duration.between`, ...) with their rows of the registry, components
//! (`d.year`), and arithmetic with durations. Maps are read in `build`, truncation is in
//! `truncate`, differences in `between`, components in `fields`, arithmetic in `shift`.

mod between;
mod build;
mod fields;
mod shift;
mod truncate;

pub use fields::component;
pub use shift::{add, divide, multiply, negate, subtract};

use super::{Builtin, Call, Category, Param, Result, one, opt, scalar};
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::Value;
use crate::model::temporal::{self, Amount, TemporalKind, Zone};
use between::Between;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use std::sync::Arc;

fn invalid(message: impl Into<String>) -> QueryError {
    QueryError::runtime(
        ErrorClass::ArgumentError,
        Detail::InvalidArgumentValue,
        message,
    )
}

fn wrong_type(what: &str, v: &Value) -> QueryError {
    QueryError::runtime(
        ErrorClass::TypeError,
        Detail::InvalidArgumentType,
        format!("{what} cannot take {}", v.value_type()),
    )
}

fn out_of_range() -> QueryError {
    QueryError::overflow("the temporal value is out of range")
}

/// What a temporal value has of a date, a time of day and a zone (with its offset then).
#[derive(Clone, Copy, Debug)]
struct Parts {
    date: Option<NaiveDate>,
    time: Option<NaiveTime>,
    zone: Option<(Zone, i32)>,
}

/// The parts of a temporal value; none for other values (durations included).
fn parts(v: &Value) -> Option<Parts> {
    let (date, time, zone) = match v {
        Value::Date(d) => (Some(*d), None, None),
        Value::LocalTime(t) => (None, Some(*t), None),
        Value::Time(t, o) => (None, Some(*t), Some((Zone::Offset(*o), *o))),
        Value::LocalDateTime(dt) => (Some(dt.date()), Some(dt.time()), None),
        Value::DateTime(dt, o) => (
            Some(dt.date()),
            Some(dt.time()),
            Some((Zone::Offset(*o), *o)),
        ),
        Value::DateTimeZoned(dt, o, tz) => (
            Some(dt.date()),
            Some(dt.time()),
            Some((Zone::Named(*tz), *o)),
        ),
        _ => return None,
    };
    Some(Parts { date, time, zone })
}

const INPUT: &[Param] = &[opt("input", "ANY")];
const ZONE: &[Param] = &[opt("timezone", "STRING")];
const TRUNCATE: &[Param] = &[
    one("unit", "STRING"),
    opt("input", "ANY"),
    opt("fields", "MAP"),
];
const TWO_INSTANTS: &[Param] = &[one("from", "ANY"), one("to", "ANY")];

/// Each temporal type's constructor, truncation and three clocks, by a macro: the five
/// types differ only in their kind and names.
macro_rules! temporal_type {
    ($kind:expr, $name:literal, $returns:literal) => {
        [
            scalar(
                $name,
                Category::Temporal,
                INPUT,
                $returns,
                concat!(
                    "a ",
                    $returns,
                    ": now without an argument; from ISO 8601 text, a map of components or another temporal value"
                ),
                |c| construct($kind, c.args.first(), c.now),
            ),
            scalar(
                concat!($name, ".truncate"),
                Category::Temporal,
                TRUNCATE,
                $returns,
                "a temporal value cut to the start of a unit (year, month, day, hour, ...), then the map's components set",
                |c| truncate::truncate($kind, c.arg(0), c.arg(1), c.args.get(2), c.now),
            ),
            scalar(
                concat!($name, ".statement"),
                Category::Temporal,
                ZONE,
                $returns,
                "the statement's start, in UTC or the zone given",
                |c| now(c, $kind, c.now),
            ),
            scalar(
                concat!($name, ".transaction"),
                Category::Temporal,
                ZONE,
                $returns,
                "the start of the transaction, in UTC or the zone given",
                |c| now(c, $kind, c.transaction_now),
            ),
            scalar(
                concat!($name, ".realtime"),
                Category::Temporal,
                ZONE,
                $returns,
                "the moment of the call, in UTC or the zone given",
                |c| now(c, $kind, Utc::now()),
            ),
        ]
    };
}

pub(super) const DATE: [Builtin; 5] = temporal_type!(TemporalKind::Date, "date", "DATE");
pub(super) const LOCAL_TIME: [Builtin; 5] =
    temporal_type!(TemporalKind::LocalTime, "localtime", "LOCAL TIME");
pub(super) const TIME: [Builtin; 5] = temporal_type!(TemporalKind::Time, "time", "ZONED TIME");
pub(super) const LOCAL_DATE_TIME: [Builtin; 5] = temporal_type!(
    TemporalKind::LocalDateTime,
    "localdatetime",
    "LOCAL DATETIME"
);
pub(super) const DATE_TIME: [Builtin; 5] =
    temporal_type!(TemporalKind::DateTime, "datetime", "ZONED DATETIME");

pub(super) const OTHERS: &[Builtin] = &[
    scalar(
        "duration",
        Category::Temporal,
        &[one("input", "STRING | MAP")],
        "DURATION",
        "a duration from ISO 8601 text (P1Y2M3DT4H) or a map of components ({days: 1, hours: 2})",
        |c| duration(c.arg(0)),
    ),
    scalar(
        "datetime.fromEpoch",
        Category::Temporal,
        &[one("seconds", "INTEGER"), one("nanoseconds", "INTEGER")],
        "ZONED DATETIME",
        "the UTC date-time that many seconds and nanoseconds after 1970-01-01T00:00Z",
        from_epoch_seconds,
    ),
    scalar(
        "datetime.fromEpochMillis",
        Category::Temporal,
        &[one("milliseconds", "INTEGER")],
        "ZONED DATETIME",
        "the UTC date-time that many milliseconds after 1970-01-01T00:00Z",
        from_epoch_millis,
    ),
    scalar(
        "duration.between",
        Category::Temporal,
        TWO_INSTANTS,
        "DURATION",
        "the time from one temporal value to another: whole months, then whole days, then the rest",
        |c| between::between(Between::Whole, c.arg(0), c.arg(1)),
    ),
    scalar(
        "duration.inMonths",
        Category::Temporal,
        TWO_INSTANTS,
        "DURATION",
        "the time from one temporal value to another in whole months",
        |c| between::between(Between::Months, c.arg(0), c.arg(1)),
    ),
    scalar(
        "duration.inDays",
        Category::Temporal,
        TWO_INSTANTS,
        "DURATION",
        "the time from one temporal value to another in whole days",
        |c| between::between(Between::Days, c.arg(0), c.arg(1)),
    ),
    scalar(
        "duration.inSeconds",
        Category::Temporal,
        TWO_INSTANTS,
        "DURATION",
        "the time from one temporal value to another in seconds (and fractions)",
        |c| between::between(Between::Seconds, c.arg(0), c.arg(1)),
    ),
];

/// `date.statement([zone])` and the other clocks: `instant` seen in UTC or in the zone.
fn now(c: &Call, kind: TemporalKind, instant: DateTime<Utc>) -> Result<Value> {
    match c.args.first() {
        None => Ok(now_in(kind, instant, Zone::UTC)),
        Some(Value::Null) => Ok(Value::Null),
        Some(zone) => Ok(now_in(kind, instant, zone_arg(zone)?)),
    }
}

fn from_epoch_seconds(c: &Call) -> Result<Value> {
    match (c.arg(0), c.arg(1)) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Int(secs), Value::Int(nanos)) => {
            let nanos = u32::try_from(*nanos)
                .ok()
                .filter(|n| *n < 1_000_000_000)
                .ok_or_else(|| {
                    invalid(format!("nanosecond {nanos} is out of range 0 to 999999999"))
                })?;
            from_epoch(*secs, nanos, Zone::UTC)
        }
        (Value::Int(_), other) | (other, _) => Err(wrong_type("datetime.fromEpoch", other)),
    }
}

fn from_epoch_millis(c: &Call) -> Result<Value> {
    match c.arg(0) {
        Value::Null => Ok(Value::Null),
        Value::Int(ms) => from_epoch(
            ms.div_euclid(1000),
            ms.rem_euclid(1000) as u32 * 1_000_000,
            Zone::UTC,
        ),
        other => Err(wrong_type("datetime.fromEpochMillis", other)),
    }
}
/// `date(...)`, `localtime(...)`, ...: now (UTC) without an argument; from text, a map, or
/// another temporal value.
fn construct(kind: TemporalKind, arg: Option<&Value>, now: DateTime<Utc>) -> Result<Value> {
    match arg {
        None => Ok(now_in(kind, now, Zone::UTC)),
        Some(Value::Null) => Ok(Value::Null),
        Some(Value::String(s)) => kind.read(s).map_err(invalid),
        Some(Value::Map(map)) => build::from_map(kind, map, now),
        Some(other) => build::convert(kind, other),
    }
}

/// A zone given by name or offset, as a string.
fn zone_arg(v: &Value) -> Result<Zone> {
    match v {
        Value::String(s) => Zone::parse(s).ok_or_else(|| invalid(temporal::unknown_zone(s))),
        other => Err(QueryError::runtime(
            ErrorClass::TypeError,
            Detail::InvalidArgumentType,
            format!("a time zone must be a string, not {}", other.value_type()),
        )),
    }
}

/// The local date and time an instant has in a zone, and the zone's offset then.
fn local_at(instant: NaiveDateTime, zone: Zone) -> Option<(NaiveDateTime, i32)> {
    let offset = zone.offset_at(instant);
    let local = instant.checked_add_signed(chrono::Duration::seconds(i64::from(offset)))?;
    Some((local, offset))
}

/// A value of `kind` for an instant, seen in `zone`.
fn now_in(kind: TemporalKind, instant: DateTime<Utc>, zone: Zone) -> Value {
    let utc = instant.naive_utc();
    let (local, offset) = local_at(utc, zone).unwrap_or((utc, 0));
    match kind {
        TemporalKind::Date => Value::Date(local.date()),
        TemporalKind::LocalTime => Value::LocalTime(local.time()),
        TemporalKind::Time => Value::Time(local.time(), offset),
        TemporalKind::LocalDateTime => Value::LocalDateTime(local),
        _ => zoned(local, zone, offset),
    }
}

/// A zoned date-time whose offset is already known.
fn zoned(local: NaiveDateTime, zone: Zone, offset: i32) -> Value {
    match zone {
        Zone::Offset(_) => Value::DateTime(local, offset),
        Zone::Named(tz) => Value::DateTimeZoned(local, offset, tz),
    }
}

/// The local date-time and offset in `zone` of an instant in seconds and nanoseconds since
/// the Unix epoch. At a fixed offset it is shifted in seconds, not as a chrono date-time: the
/// instant of a value near the end of the range need not be in the range itself.
fn epoch_in(secs: i64, nanos: u32, zone: Zone) -> Option<(NaiveDateTime, i32)> {
    match zone {
        Zone::Offset(o) => {
            let local = DateTime::from_timestamp(secs.checked_add(i64::from(o))?, nanos)?;
            Some((local.naive_utc(), o))
        }
        Zone::Named(_) => local_at(DateTime::from_timestamp(secs, nanos)?.naive_utc(), zone),
    }
}

/// The date-time of an instant in seconds and nanoseconds since the Unix epoch.
fn from_epoch(secs: i64, nanos: u32, zone: Zone) -> Result<Value> {
    let (local, offset) = epoch_in(secs, nanos, zone).ok_or_else(out_of_range)?;
    Ok(zoned(local, zone, offset))
}

/// `duration({days: 2, hours: 3})` or `duration('P2DT3H')`.
fn duration(arg: &Value) -> Result<Value> {
    let d = match arg {
        Value::Null => return Ok(Value::Null),
        Value::String(s) => return TemporalKind::Duration.read(s).map_err(invalid),
        Value::Map(map) => {
            for key in map.keys() {
                if !DURATION_KEYS.iter().any(|(k, _)| **k == **key) {
                    return Err(invalid(format!("duration does not take the key '{key}'")));
                }
            }
            let sum = |keys: &[&str]| {
                keys.iter().try_fold(Amount::ZERO, |sum, key| {
                    let factor = DURATION_KEYS
                        .iter()
                        .find(|(k, _)| k == key)
                        .map_or(1, |(_, f)| *f);
                    sum.plus(build::amount(map, key, factor)?)
                        .ok_or_else(|| QueryError::overflow("duration out of range"))
                })
            };
            let months = sum(&["years", "quarters", "months"])?;
            let days = sum(&["weeks", "days"])?;
            let nanos = sum(&[
                "hours",
                "minutes",
                "seconds",
                "milliseconds",
                "microseconds",
                "nanoseconds",
            ])?;
            temporal::from_parts(months, days, nanos)
                .ok_or_else(|| QueryError::overflow("duration out of range"))?
        }
        other => return Err(wrong_type("duration", other)),
    };
    Ok(Value::Duration(Arc::new(d)))
}

/// The keys of `duration({...})` and how many of the component's smallest unit (months,
/// days, nanoseconds) each counts.
const DURATION_KEYS: [(&str, i64); 11] = [
    ("years", 12),
    ("quarters", 3),
    ("months", 1),
    ("weeks", 7),
    ("days", 1),
    ("hours", 3_600_000_000_000),
    ("minutes", 60_000_000_000),
    ("seconds", 1_000_000_000),
    ("milliseconds", 1_000_000),
    ("microseconds", 1_000),
    ("nanoseconds", 1),
];
