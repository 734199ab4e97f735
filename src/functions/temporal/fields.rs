//! Components of temporal values and durations: `d.year`, `t.minute`, `dt.timezone`,
//! `dt.epochMillis`, `dur.days`, `dur.minutesOfHour`, ...; null for a component the value
//! does not have.

use super::{Result, parts};
use crate::error::QueryError;
use crate::model::Value;
use crate::model::temporal::{self, Duration, Zone};
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

pub fn component(v: &Value, key: &str) -> Result<Value> {
    if let Value::Duration(d) = v {
        return duration_component(d, key);
    }
    let Some(p) = parts(v) else {
        return Ok(Value::Null);
    };
    let of_date =
        |f: fn(&NaiveDate) -> u32| p.date.map_or(Value::Null, |d| Value::Int(i64::from(f(&d))));
    let of_time =
        |f: fn(&NaiveTime) -> u32| p.time.map_or(Value::Null, |t| Value::Int(i64::from(f(&t))));
    let offset = p.zone.map(|(_, o)| o);
    Ok(match key {
        "year" => p
            .date
            .map_or(Value::Null, |d| Value::Int(i64::from(d.year()))),
        "weekYear" => p
            .date
            .map_or(Value::Null, |d| Value::Int(i64::from(d.iso_week().year()))),
        "quarter" => of_date(|d| (d.month() - 1) / 3 + 1),
        "month" => of_date(|d| d.month()),
        "week" => of_date(|d| d.iso_week().week()),
        "day" => of_date(|d| d.day()),
        "ordinalDay" => of_date(|d| d.ordinal()),
        "dayOfWeek" | "weekDay" => of_date(|d| d.weekday().number_from_monday()),
        "dayOfQuarter" => of_date(|d| {
            let first = (d.month() - 1) / 3 * 3 + 1;
            NaiveDate::from_ymd_opt(d.year(), first, 1)
                .map_or(0, |start| (d.ordinal() - start.ordinal()) + 1)
        }),
        "hour" => of_time(|t| t.hour()),
        "minute" => of_time(|t| t.minute()),
        "second" => of_time(|t| t.second()),
        "millisecond" => of_time(|t| t.nanosecond() / 1_000_000),
        "microsecond" => of_time(|t| t.nanosecond() / 1_000),
        "nanosecond" => of_time(|t| t.nanosecond()),
        "timezone" => match p.zone {
            Some((Zone::Named(tz), _)) => Value::str(tz.name()),
            Some((Zone::Offset(o), _)) => Value::str(&temporal::format_offset(o)),
            None => Value::Null,
        },
        "offset" => offset.map_or(Value::Null, |o| Value::str(&temporal::format_offset(o))),
        "offsetMinutes" => offset.map_or(Value::Null, |o| Value::Int(i64::from(o / 60))),
        "offsetSeconds" => offset.map_or(Value::Null, |o| Value::Int(i64::from(o))),
        "epochSeconds" | "epochMillis" => match v.zoned_datetime() {
            Some((dt, o, _)) => {
                let (secs, nanos) = temporal::instant(dt, o);
                // Chrono's range keeps both well inside an i64.
                Value::Int(if key == "epochSeconds" {
                    secs
                } else {
                    secs * 1000 + i64::from(nanos / 1_000_000)
                })
            }
            None => Value::Null,
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
    Ok(Value::Int(match key {
        "years" => d.months / 12,
        "quarters" => d.months / 3,
        "months" => d.months,
        "weeks" => d.days / 7,
        "days" => d.days,
        "hours" => d.seconds / 3600,
        "minutes" => d.seconds / 60,
        "seconds" => d.seconds,
        "milliseconds" => return int(total_nanos / 1_000_000),
        "microseconds" => return int(total_nanos / 1_000),
        "nanoseconds" => return int(total_nanos),
        "quartersOfYear" => (d.months / 3) % 4,
        "monthsOfQuarter" => d.months % 3,
        "monthsOfYear" => d.months % 12,
        "daysOfWeek" => d.days % 7,
        "minutesOfHour" => (d.seconds / 60) % 60,
        "secondsOfMinute" => d.seconds % 60,
        "millisecondsOfSecond" => i64::from(d.nanos / 1_000_000),
        "microsecondsOfSecond" => i64::from(d.nanos / 1_000),
        "nanosecondsOfSecond" => i64::from(d.nanos),
        _ => return Ok(Value::Null),
    }))
}
