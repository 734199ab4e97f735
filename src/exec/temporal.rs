//! Temporal functions (`date`, `localtime`, `time`, `localdatetime`, `datetime`, `duration`),
//! their components (`d.year`), and arithmetic with durations.

use super::context::Result;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::model::temporal::{self, Amount, Duration, TemporalKind};
use crate::model::{Map, Value};
use crate::plan::Function;
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use std::sync::Arc;

fn invalid(message: impl Into<String>) -> QueryError {
    QueryError::runtime(
        ErrorClass::ArgumentError,
        Detail::InvalidArgumentValue,
        message,
    )
}

fn int(map: &Map, key: &str) -> Result<Option<i64>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Int(i)) => Ok(Some(*i)),
        Some(Value::Float(f)) if f.fract() == 0.0 => Ok(Some(*f as i64)),
        Some(other) => Err(invalid(format!(
            "{key} must be an integer, not {}",
            other.value_type()
        ))),
    }
}

/// A duration component, counted in a unit `factor` times smaller.
fn amount(map: &Map, key: &str, factor: i64) -> Result<Amount> {
    let amount = match map.get(key) {
        None | Some(Value::Null) => return Ok(Amount::ZERO),
        Some(Value::Int(i)) => Some(Amount::int(*i)),
        Some(Value::Float(f)) => Amount::float(*f),
        Some(v) => {
            return Err(invalid(format!(
                "{key} must be a number, not {}",
                v.value_type()
            )));
        }
    };
    amount
        .and_then(|a| a.times(factor))
        .ok_or_else(|| QueryError::overflow(format!("{key} out of range for a duration")))
}

/// An integer component that must lie in `lo..=hi`, if it is given.
fn ranged(map: &Map, key: &str, lo: u32, hi: u32) -> Result<Option<u32>> {
    match int(map, key)? {
        None => Ok(None),
        Some(n) if (i64::from(lo)..=i64::from(hi)).contains(&n) => Ok(Some(n as u32)),
        Some(n) => Err(invalid(format!("{key} {n} is out of range {lo} to {hi}"))),
    }
}

/// The ways a map can name a day of its year; a map uses at most one, and the smaller unit
/// only together with the larger (`day` needs `month`).
const DATE_FORMS: [(&str, &str); 4] = [
    ("month", "day"),
    ("week", "dayOfWeek"),
    ("quarter", "dayOfQuarter"),
    ("ordinalDay", "ordinalDay"),
];
const DATE_KEYS: [&str; 8] = [
    "year",
    "month",
    "day",
    "week",
    "dayOfWeek",
    "quarter",
    "dayOfQuarter",
    "ordinalDay",
];
const TIME_KEYS: [&str; 6] = [
    "hour",
    "minute",
    "second",
    "millisecond",
    "microsecond",
    "nanosecond",
];

/// Refuses keys the function does not read, so that a misspelt or unsupported key is not
/// silently ignored (`date({year: 2020, qarter: 3})` is not 2020-01-01).
fn check_keys(function: Function, map: &Map) -> Result<()> {
    let (date, time, zone) = match function {
        Function::Date => (true, false, false),
        Function::LocalTime => (false, true, false),
        Function::Time => (false, true, true),
        Function::LocalDateTime => (true, true, false),
        _ => (true, true, true),
    };
    let epoch = function == Function::DateTime;
    for key in map.keys() {
        let key = &**key;
        let known = (date && DATE_KEYS.contains(&key))
            || (time && TIME_KEYS.contains(&key))
            || (zone && key == "timezone")
            || (epoch && (key == "epochSeconds" || key == "epochMillis"));
        if !known {
            return Err(invalid(format!(
                "{} does not take the key '{key}'",
                name(function)
            )));
        }
    }
    Ok(())
}

fn date_of(map: &Map) -> Result<Option<NaiveDate>> {
    let Some(year) = int(map, "year")? else {
        return Ok(None);
    };
    let year = i32::try_from(year).map_err(|_| invalid(format!("year {year} is out of range")))?;
    let given = |key: &str| map.get(key).is_some_and(|v| !v.is_null());
    let mut forms = DATE_FORMS
        .iter()
        .filter(|(unit, day)| given(unit) || given(day));
    let form = forms.next();
    if let (Some((a, _)), Some((b, _))) = (form, forms.next()) {
        return Err(invalid(format!(
            "a date cannot be given by both {a} and {b}"
        )));
    }
    if let Some((unit, day)) = form {
        if !given(unit) {
            return Err(invalid(format!("{day} needs {unit}")));
        }
    }
    let date = match form.map(|(unit, _)| *unit) {
        Some("week") => {
            let week = ranged(map, "week", 1, 53)?.unwrap_or(1);
            let dow = ranged(map, "dayOfWeek", 1, 7)?.unwrap_or(1);
            let weekday = chrono::Weekday::try_from(dow as u8 - 1).unwrap_or(chrono::Weekday::Mon);
            NaiveDate::from_isoywd_opt(year, week, weekday)
        }
        Some("quarter") => {
            let quarter = ranged(map, "quarter", 1, 4)?.unwrap_or(1);
            let day = ranged(map, "dayOfQuarter", 1, 92)?.unwrap_or(1);
            NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1)
                .and_then(|first| first.checked_add_days(Days::new(u64::from(day) - 1)))
                // Past the quarter's last day (92 in the first quarter) is no such date.
                .filter(|d| (d.month() - 1) / 3 + 1 == quarter)
        }
        Some("ordinalDay") => {
            NaiveDate::from_yo_opt(year, ranged(map, "ordinalDay", 1, 366)?.unwrap_or(1))
        }
        _ => NaiveDate::from_ymd_opt(
            year,
            ranged(map, "month", 1, 12)?.unwrap_or(1),
            ranged(map, "day", 1, 31)?.unwrap_or(1),
        ),
    };
    date.map(Some).ok_or_else(|| invalid("no such date"))
}

fn time_of(map: &Map) -> Result<NaiveTime> {
    let hour = ranged(map, "hour", 0, 23)?.unwrap_or(0);
    let minute = ranged(map, "minute", 0, 59)?.unwrap_or(0);
    let second = ranged(map, "second", 0, 59)?.unwrap_or(0);
    // Each part in its own range first: unchecked, their sum could wrap into a valid time.
    let mut nanos = 0;
    for (key, unit, max) in [
        ("millisecond", 1_000_000, 999),
        ("microsecond", 1_000, 999_999),
        ("nanosecond", 1, 999_999_999),
    ] {
        nanos += ranged(map, key, 0, max)?.unwrap_or(0) * unit;
    }
    // A second's fraction must stay below a second (chrono would read more as a leap second).
    if nanos >= 1_000_000_000 {
        return Err(invalid(
            "millisecond, microsecond and nanosecond add up to a second or more",
        ));
    }
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
        .ok_or_else(|| invalid("no such time of day"))
}

fn offset_of(map: &Map) -> Result<Option<i32>> {
    match map.get("timezone") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => temporal::parse_offset(s).map(Some).ok_or_else(|| {
            invalid(format!(
                "unknown time zone '{s}': use an offset such as '+01:00'"
            ))
        }),
        Some(other) => Err(invalid(format!(
            "timezone must be a string, not {}",
            other.value_type()
        ))),
    }
}

/// `date(...)`, `localtime(...)`, `time(...)`, `localdatetime(...)`, `datetime(...)`; without
/// an argument, the statement's instant `now` (UTC).
pub fn construct(function: Function, args: &[Value], now: NaiveDateTime) -> Result<Value> {
    let Some(arg) = args.first() else {
        return Ok(match function {
            Function::Date => Value::Date(now.date()),
            Function::LocalTime => Value::LocalTime(now.time()),
            Function::Time => Value::Time(now.time(), 0),
            Function::LocalDateTime => Value::LocalDateTime(now),
            _ => Value::DateTime(now, 0),
        });
    };
    match arg {
        Value::Null => Ok(Value::Null),
        Value::String(s) => parse(function, s),
        Value::Map(map) => from_map(function, map),
        other => convert(function, other),
    }
}

fn parse(function: Function, text: &str) -> Result<Value> {
    kind(function)
        .parse(text)
        .ok_or_else(|| invalid(format!("'{text}' is not a valid {} value", name(function))))
}

fn kind(function: Function) -> TemporalKind {
    match function {
        Function::Date => TemporalKind::Date,
        Function::LocalTime => TemporalKind::LocalTime,
        Function::Time => TemporalKind::Time,
        Function::LocalDateTime => TemporalKind::LocalDateTime,
        Function::DateTime => TemporalKind::DateTime,
        _ => TemporalKind::Duration,
    }
}

fn from_map(function: Function, map: &Map) -> Result<Value> {
    check_keys(function, map)?;
    let offset = offset_of(map)?.unwrap_or(0);
    if function == Function::DateTime {
        let epoch = if let Some(secs) = int(map, "epochSeconds")? {
            Some((
                secs,
                ranged(map, "nanosecond", 0, 999_999_999)?.unwrap_or(0),
            ))
        } else {
            int(map, "epochMillis")?
                .map(|ms| (ms.div_euclid(1000), ms.rem_euclid(1000) as u32 * 1_000_000))
        };
        if let Some((secs, nanos)) = epoch {
            // Shifted to local time in seconds, not as a chrono date-time: the instant of a
            // value near the end of the range need not be in the range itself.
            let local = secs
                .checked_add(i64::from(offset))
                .and_then(|s| chrono::DateTime::from_timestamp(s, nanos))
                .ok_or_else(|| QueryError::overflow("the date-time is out of range"))?;
            return Ok(Value::DateTime(local.naive_utc(), offset));
        }
    }
    let needs_date = matches!(
        function,
        Function::Date | Function::LocalDateTime | Function::DateTime
    );
    let date = match date_of(map)? {
        Some(d) => d,
        None if needs_date => {
            return Err(invalid(format!("{} needs at least a year", name(function))));
        }
        None => NaiveDate::default(),
    };
    let time = time_of(map)?;
    Ok(match function {
        Function::Date => Value::Date(date),
        Function::LocalTime => Value::LocalTime(time),
        Function::Time => Value::Time(time, offset),
        Function::LocalDateTime => Value::LocalDateTime(date.and_time(time)),
        _ => Value::DateTime(date.and_time(time), offset),
    })
}

/// The date, time of day and offset a temporal value has; none for other values.
fn parts(v: &Value) -> Option<(Option<NaiveDate>, Option<NaiveTime>, Option<i32>)> {
    Some(match v {
        Value::Date(d) => (Some(*d), None, None),
        Value::LocalTime(t) => (None, Some(*t), None),
        Value::Time(t, o) => (None, Some(*t), Some(*o)),
        Value::LocalDateTime(dt) => (Some(dt.date()), Some(dt.time()), None),
        Value::DateTime(dt, o) => (Some(dt.date()), Some(dt.time()), Some(*o)),
        _ => return None,
    })
}

/// One temporal type from another: `date(datetime)`, `localtime(datetime)`, ...
fn convert(function: Function, v: &Value) -> Result<Value> {
    let Some((date, time, offset)) = parts(v) else {
        return Err(QueryError::runtime(
            ErrorClass::TypeError,
            Detail::InvalidArgumentValue,
            format!("{} cannot take {}", name(function), v.value_type()),
        ));
    };
    let missing = || {
        invalid(format!(
            "{} cannot be made from {}",
            name(function),
            v.value_type()
        ))
    };
    Ok(match function {
        Function::Date => Value::Date(date.ok_or_else(missing)?),
        Function::LocalTime => Value::LocalTime(time.ok_or_else(missing)?),
        Function::Time => Value::Time(time.ok_or_else(missing)?, offset.unwrap_or(0)),
        Function::LocalDateTime => {
            Value::LocalDateTime(date.ok_or_else(missing)?.and_time(time.unwrap_or_default()))
        }
        _ => Value::DateTime(
            date.ok_or_else(missing)?.and_time(time.unwrap_or_default()),
            offset.unwrap_or(0),
        ),
    })
}

fn name(function: Function) -> &'static str {
    kind(function).name()
}

/// `duration({days: 2, hours: 3})` or `duration('P2DT3H')`.
pub fn duration(arg: &Value) -> Result<Value> {
    let d = match arg {
        Value::Null => return Ok(Value::Null),
        Value::String(s) => {
            return TemporalKind::Duration
                .parse(s)
                .ok_or_else(|| invalid(format!("'{s}' is not a valid duration")));
        }
        Value::Map(map) => {
            let sum = |parts: &[(&str, i64)]| {
                parts.iter().try_fold(Amount::ZERO, |sum, (key, factor)| {
                    sum.plus(amount(map, key, *factor)?)
                        .ok_or_else(|| QueryError::overflow("duration out of range"))
                })
            };
            let months = sum(&[("years", 12), ("quarters", 3), ("months", 1)])?;
            let days = sum(&[("weeks", 7), ("days", 1)])?;
            let nanos = sum(&[
                ("hours", 3_600_000_000_000),
                ("minutes", 60_000_000_000),
                ("seconds", 1_000_000_000),
                ("milliseconds", 1_000_000),
                ("microseconds", 1_000),
                ("nanoseconds", 1),
            ])?;
            temporal::from_parts(months, days, nanos)
                .ok_or_else(|| QueryError::overflow("duration out of range"))?
        }
        other => {
            return Err(QueryError::runtime(
                ErrorClass::TypeError,
                Detail::InvalidArgumentValue,
                format!("duration cannot take {}", other.value_type()),
            ));
        }
    };
    Ok(Value::Duration(Arc::new(d)))
}

/// `d.year`, `t.minute`, `dt.timezone`, `dur.days`, ...; null for a component the value lacks.
pub fn component(v: &Value, key: &str) -> Result<Value> {
    if let Value::Duration(d) = v {
        return duration_component(d, key);
    }
    let Some((date, time, offset)) = parts(v) else {
        return Ok(Value::Null);
    };
    let of_date = |f: fn(&NaiveDate) -> i64| date.map_or(Value::Null, |d| Value::Int(f(&d)));
    let of_time = |f: fn(&NaiveTime) -> i64| time.map_or(Value::Null, |t| Value::Int(f(&t)));
    Ok(match key {
        "year" => of_date(|d| i64::from(d.year())),
        "quarter" => of_date(|d| i64::from((d.month() - 1) / 3 + 1)),
        "month" => of_date(|d| i64::from(d.month())),
        "week" => of_date(|d| i64::from(d.iso_week().week())),
        "weekYear" => of_date(|d| i64::from(d.iso_week().year())),
        "day" => of_date(|d| i64::from(d.day())),
        "ordinalDay" => of_date(|d| i64::from(d.ordinal())),
        "dayOfWeek" => of_date(|d| i64::from(d.weekday().number_from_monday())),
        "hour" => of_time(|t| i64::from(t.hour())),
        "minute" => of_time(|t| i64::from(t.minute())),
        "second" => of_time(|t| i64::from(t.second())),
        "millisecond" => of_time(|t| i64::from(t.nanosecond() / 1_000_000)),
        "microsecond" => of_time(|t| i64::from(t.nanosecond() / 1_000)),
        "nanosecond" => of_time(|t| i64::from(t.nanosecond())),
        "timezone" | "offset" => {
            offset.map_or(Value::Null, |o| Value::str(&temporal::format_offset(o)))
        }
        "offsetSeconds" => offset.map_or(Value::Null, |o| Value::Int(i64::from(o))),
        "epochSeconds" | "epochMillis" => match v {
            Value::DateTime(dt, o) => {
                let (secs, nanos) = temporal::instant(*dt, *o);
                // Chrono's range keeps both well inside an i64.
                Value::Int(if key == "epochSeconds" {
                    secs
                } else {
                    secs * 1000 + i64::from(nanos / 1_000_000)
                })
            }
            _ => Value::Null,
        },
        _ => Value::Null,
    })
}

fn duration_component(d: &Duration, key: &str) -> Result<Value> {
    let total_nanos = i128::from(d.seconds) * 1_000_000_000 + i128::from(d.nanos);
    let int = |x: i128| {
        i64::try_from(x).map(Value::Int).map_err(|_| {
            QueryError::overflow(format!("the duration's {key} do not fit in an integer"))
        })
    };
    Ok(match key {
        "years" => Value::Int(d.months / 12),
        "quarters" => Value::Int(d.months / 3),
        "months" => Value::Int(d.months),
        "weeks" => Value::Int(d.days / 7),
        "days" => Value::Int(d.days),
        "hours" => Value::Int(d.seconds / 3600),
        "minutes" => Value::Int(d.seconds / 60),
        "seconds" => Value::Int(d.seconds),
        "milliseconds" => int(total_nanos / 1_000_000)?,
        "microseconds" => int(total_nanos / 1_000)?,
        "nanoseconds" => int(total_nanos)?,
        "monthsOfYear" => Value::Int(d.months % 12),
        "nanosecondsOfSecond" => Value::Int(i64::from(d.nanos)),
        _ => Value::Null,
    })
}

fn shift_date(date: NaiveDate, d: &Duration) -> Option<NaiveDate> {
    let date = if d.months >= 0 {
        date.checked_add_months(Months::new(u32::try_from(d.months).ok()?))?
    } else {
        date.checked_sub_months(Months::new(u32::try_from(-d.months).ok()?))?
    };
    // Whole days from the seconds too: a date has no time of day to carry the rest.
    let days = d.days.checked_add(d.seconds / 86_400)?;
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

fn shift_time(time: NaiveTime, d: &Duration) -> NaiveTime {
    let nanos = chrono::Duration::seconds(d.seconds % 86_400)
        + chrono::Duration::nanoseconds(i64::from(d.nanos));
    time.overflowing_add_signed(nanos).0
}

fn shift_datetime(dt: NaiveDateTime, d: &Duration) -> Option<NaiveDateTime> {
    let date = shift_date(
        dt.date(),
        &Duration {
            seconds: 0,
            nanos: 0,
            ..*d
        },
    )?;
    let delta = chrono::Duration::try_seconds(d.seconds)?
        .checked_add(&chrono::Duration::nanoseconds(i64::from(d.nanos)))?;
    date.and_time(dt.time()).checked_add_signed(delta)
}

/// `temporal + duration` (and `duration + temporal`, `duration + duration`); `None` when the
/// operands are not temporal at all.
pub fn add(a: &Value, b: &Value) -> Option<Result<Value>> {
    let overflow = || QueryError::overflow("temporal value out of range");
    let (point, d) = match (a, b) {
        (Value::Duration(x), Value::Duration(y)) => {
            return Some(
                x.checked_add(y)
                    .map(|d| Value::Duration(Arc::new(d)))
                    .ok_or_else(overflow),
            );
        }
        (Value::Duration(d), point) | (point, Value::Duration(d)) => (point, d),
        _ => return None,
    };
    let shifted = match point {
        Value::Date(x) => shift_date(*x, d).map(Value::Date),
        Value::LocalTime(t) => Some(Value::LocalTime(shift_time(*t, d))),
        Value::Time(t, o) => Some(Value::Time(shift_time(*t, d), *o)),
        Value::LocalDateTime(dt) => shift_datetime(*dt, d).map(Value::LocalDateTime),
        Value::DateTime(dt, o) => shift_datetime(*dt, d).map(|x| Value::DateTime(x, *o)),
        _ => return None,
    };
    Some(shifted.ok_or_else(overflow))
}

/// `temporal - duration` and `duration - duration`.
pub fn subtract(a: &Value, b: &Value) -> Option<Result<Value>> {
    let Value::Duration(d) = b else { return None };
    a.temporal_kind()?;
    match d.negated() {
        Some(neg) => add(a, &Value::Duration(Arc::new(neg))),
        None => Some(Err(QueryError::overflow("duration out of range"))),
    }
}
