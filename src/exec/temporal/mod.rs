//! Temporal functions: the constructors (`date`, `localtime`, `time`, `localdatetime`,
//! `datetime`, `duration`) and their namespaced kin (`date.truncate`, `datetime.fromEpoch`,
//! `date.statement`, `duration.between`, ...), components (`d.year`), and arithmetic with
//! durations. Maps are read in `build`, truncation is in `truncate`, differences in `between`,
//! components in `fields`, arithmetic in `shift`.

mod between;
mod build;
mod fields;
mod shift;
mod truncate;

pub use fields::component;
pub use shift::{add, divide, multiply, negate, subtract};

use super::context::{Result, Statement};
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::Value;
use crate::model::temporal::{self, Amount, TemporalKind, Zone};
use crate::plan::{Clock, Function};
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

fn kind_of(function: Function) -> Option<TemporalKind> {
    Some(match function {
        Function::Date => TemporalKind::Date,
        Function::LocalTime => TemporalKind::LocalTime,
        Function::Time => TemporalKind::Time,
        Function::LocalDateTime => TemporalKind::LocalDateTime,
        Function::DateTime => TemporalKind::DateTime,
        _ => return None,
    })
}

/// Every temporal function; `args` were checked for number by the planner.
pub fn call(function: Function, args: &[Value], stmt: &Statement) -> Result<Value> {
    let arg = |i: usize| args.get(i).unwrap_or(&Value::Null);
    if let Some(kind) = kind_of(function) {
        return construct(kind, args.first(), stmt.now);
    }
    match function {
        Function::Duration => duration(arg(0)),
        Function::Truncate(kind) => truncate::truncate(kind, arg(0), arg(1), args.get(2), stmt.now),
        Function::Now(kind, clock) => {
            let instant = match clock {
                Clock::Realtime => Utc::now(),
                Clock::Statement => stmt.now,
                Clock::Transaction => stmt.transaction_now,
            };
            match args.first() {
                None => Ok(now_in(kind, instant, Zone::UTC)),
                Some(Value::Null) => Ok(Value::Null),
                Some(zone) => Ok(now_in(kind, instant, zone_arg(zone)?)),
            }
        }
        Function::FromEpoch => match (arg(0), arg(1)) {
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
        },
        Function::FromEpochMillis => match arg(0) {
            Value::Null => Ok(Value::Null),
            Value::Int(ms) => from_epoch(
                ms.div_euclid(1000),
                ms.rem_euclid(1000) as u32 * 1_000_000,
                Zone::UTC,
            ),
            other => Err(wrong_type("datetime.fromEpochMillis", other)),
        },
        Function::DurationBetween
        | Function::DurationInMonths
        | Function::DurationInDays
        | Function::DurationInSeconds => between::between(function, arg(0), arg(1)),
        _ => Err(invalid(format!(
            "{} is not a temporal function",
            function.name()
        ))),
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
pub fn duration(arg: &Value) -> Result<Value> {
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
