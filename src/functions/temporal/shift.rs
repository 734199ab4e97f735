//! Arithmetic with durations: a temporal value moved by one (`d + duration`), durations added,
//! negated, multiplied and divided by numbers. Months and days move the calendar (a month
//! from January 31st is February's last day); hours and smaller move the clock, which in a
//! named zone means the instant, across a clock change.

use super::build::in_zone_preferring;
use super::{Result, local_at};
use crate::error::QueryError;
use crate::model::Value;
use crate::model::temporal::{self, Amount, Duration, Zone};
use chrono::{Days, Months, NaiveDate, NaiveDateTime, NaiveTime};
use std::sync::Arc;

fn overflow() -> QueryError {
    QueryError::overflow("temporal value out of range")
}

pub(super) fn shift_date(date: NaiveDate, months: i64, days: i64) -> Option<NaiveDate> {
    let date = if months >= 0 {
        date.checked_add_months(Months::new(u32::try_from(months).ok()?))?
    } else {
        date.checked_sub_months(Months::new(u32::try_from(-months).ok()?))?
    };
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

fn clock(d: &Duration) -> Option<chrono::Duration> {
    chrono::Duration::try_seconds(d.seconds)?
        .checked_add(&chrono::Duration::nanoseconds(i64::from(d.nanos)))
}

fn shift_time(time: NaiveTime, d: &Duration) -> NaiveTime {
    let nanos = chrono::Duration::seconds(d.seconds % 86_400)
        + chrono::Duration::nanoseconds(i64::from(d.nanos));
    time.overflowing_add_signed(nanos).0
}

fn shift_local(dt: NaiveDateTime, d: &Duration) -> Option<NaiveDateTime> {
    let date = shift_date(dt.date(), d.months, d.days)?;
    date.and_time(dt.time()).checked_add_signed(clock(d)?)
}

/// A date-time in a zone moved: the calendar part on its local time, the clock part on its
/// instant.
fn shift_zoned(dt: NaiveDateTime, offset: i32, zone: Zone, d: &Duration) -> Option<Value> {
    let local = shift_date(dt.date(), d.months, d.days)?.and_time(dt.time());
    let moved = in_zone_preferring(local, zone, offset);
    let (local, offset, _) = moved.zoned_datetime()?;
    let instant = local
        .checked_sub_signed(chrono::Duration::seconds(i64::from(offset)))?
        .checked_add_signed(clock(d)?)?;
    let (local, offset) = local_at(instant, zone)?;
    Some(super::zoned(local, zone, offset))
}

/// `temporal + duration` (and `duration + temporal`, `duration + duration`); `None` when the
/// operands are not temporal at all.
pub fn add(a: &Value, b: &Value) -> Option<Result<Value>> {
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
        // Whole days from the seconds too: a date has no time of day to carry the rest.
        Value::Date(x) => {
            shift_date(*x, d.months, d.days.checked_add(d.seconds / 86_400)?).map(Value::Date)
        }
        Value::LocalTime(t) => Some(Value::LocalTime(shift_time(*t, d))),
        Value::Time(t, o) => Some(Value::Time(shift_time(*t, d), *o)),
        Value::LocalDateTime(dt) => shift_local(*dt, d).map(Value::LocalDateTime),
        Value::DateTime(dt, o) => shift_local(*dt, d).map(|x| Value::DateTime(x, *o)),
        Value::DateTimeZoned(dt, o, tz) => shift_zoned(*dt, *o, Zone::Named(*tz), d),
        Value::Null => Some(Value::Null),
        _ => return None,
    };
    Some(shifted.ok_or_else(overflow))
}

/// `temporal - duration` and `duration - duration`; a clear error for `temporal - temporal`,
/// which Neo4j refuses too.
pub fn subtract(a: &Value, b: &Value) -> Option<Result<Value>> {
    let Value::Duration(d) = b else {
        if a.temporal_kind().is_some() && b.temporal_kind().is_some() {
            return Some(Err(QueryError::type_error(format!(
                "cannot subtract {} from {}: use duration.between(start, end) for the time between them",
                b.value_type(),
                a.value_type()
            ))));
        }
        return None;
    };
    a.temporal_kind()?;
    match d.negated() {
        Some(neg) => add(a, &Value::Duration(Arc::new(neg))),
        None => Some(Err(QueryError::overflow("duration out of range"))),
    }
}

pub fn negate(v: &Value) -> Option<Result<Value>> {
    let Value::Duration(d) = v else { return None };
    Some(
        d.negated()
            .map(|d| Value::Duration(Arc::new(d)))
            .ok_or_else(|| QueryError::overflow("duration out of range")),
    )
}

/// `duration * number` and `number * duration`: each component multiplied, exactly for an
/// integer; for a float the fractions carry down (a month's into days, a day's into seconds).
pub fn multiply(a: &Value, b: &Value) -> Option<Result<Value>> {
    let (d, n) = match (a, b) {
        (Value::Duration(d), n) | (n, Value::Duration(d)) if n.as_f64().is_some() => (d, n),
        _ => return None,
    };
    Some(match n {
        Value::Int(factor) => scale(d, |x| x.times(*factor)),
        _ => {
            let factor = n.as_f64().unwrap_or(1.0);
            scale(d, |x| x.scaled(factor))
        }
    })
}

/// `duration / number`, with fractions carried down as for multiplying.
pub fn divide(a: &Value, b: &Value) -> Option<Result<Value>> {
    let (Value::Duration(d), Some(divisor)) = (a, b.as_f64()) else {
        return None;
    };
    if divisor == 0.0 {
        return Some(Err(QueryError::runtime(
            crate::error::ErrorClass::ArgumentError,
            crate::error::Detail::DivisionByZero,
            "division of a duration by zero",
        )));
    }
    Some(scale(d, |x| x.scaled(1.0 / divisor)))
}

fn scale(d: &Duration, f: impl Fn(Amount) -> Option<Amount>) -> Result<Value> {
    let nanos = Amount::int(d.seconds)
        .times(1_000_000_000)
        .and_then(|s| s.plus(Amount::int(i64::from(d.nanos))));
    let scaled = (|| {
        temporal::from_parts_truncating(
            f(Amount::int(d.months))?,
            f(Amount::int(d.days))?,
            f(nanos?)?,
        )
    })();
    scaled
        .map(|d| Value::Duration(Arc::new(d)))
        .ok_or_else(|| QueryError::overflow("duration out of range"))
}
