//! `date.truncate(unit, value[, map])` and the other types': a temporal value cut down to the
//! start of its millennium, century, decade, year, week-based year, quarter, month, week,
//! day, hour, minute, second, millisecond or microsecond, then adjusted by the map's fields
//! (`datetime.truncate('month', d, {day: 15})`). A `timezone` in the map keeps the local
//! time and changes the zone.

use super::build::{assign_date, assign_time, check_keys, in_zone_preferring};
use super::{Result, invalid, parts, wrong_type};
use crate::model::temporal::{TemporalKind, Zone};
use crate::model::{Map, Value};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc, Weekday};

/// The units from the largest down; the first eight cut the date, the rest the time.
const UNITS: [&str; 14] = [
    "millennium",
    "century",
    "decade",
    "year",
    "weekYear",
    "quarter",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
    "microsecond",
];

fn cut_date(date: NaiveDate, unit: &str) -> Option<NaiveDate> {
    let year = date.year();
    let first_of = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1);
    match unit {
        "millennium" => first_of(year - year.rem_euclid(1000)),
        "century" => first_of(year - year.rem_euclid(100)),
        "decade" => first_of(year - year.rem_euclid(10)),
        "year" => first_of(year),
        "weekYear" => NaiveDate::from_isoywd_opt(date.iso_week().year(), 1, Weekday::Mon),
        "quarter" => NaiveDate::from_ymd_opt(year, (date.month() - 1) / 3 * 3 + 1, 1),
        "month" => NaiveDate::from_ymd_opt(year, date.month(), 1),
        "week" => date.checked_sub_days(chrono::Days::new(u64::from(
            date.weekday().num_days_from_monday(),
        ))),
        _ => Some(date),
    }
}

fn cut_time(time: NaiveTime, unit: &str) -> Option<NaiveTime> {
    let (h, m, s, n) = (time.hour(), time.minute(), time.second(), time.nanosecond());
    match unit {
        "hour" => NaiveTime::from_hms_opt(h, 0, 0),
        "minute" => NaiveTime::from_hms_opt(h, m, 0),
        "second" => NaiveTime::from_hms_opt(h, m, s),
        "millisecond" => NaiveTime::from_hms_nano_opt(h, m, s, n - n % 1_000_000),
        "microsecond" => NaiveTime::from_hms_nano_opt(h, m, s, n - n % 1_000),
        _ => Some(NaiveTime::MIN),
    }
}

pub(super) fn truncate(
    kind: TemporalKind,
    unit: &Value,
    value: &Value,
    map: Option<&Value>,
    now: DateTime<Utc>,
) -> Result<Value> {
    let name = format!("{}.truncate", kind.name());
    let (unit, value) = match (unit, value) {
        (Value::Null, _) | (_, Value::Null) => return Ok(Value::Null),
        (Value::String(unit), value) => (&**unit, value),
        (other, _) => return Err(wrong_type(&name, other)),
    };
    let position = UNITS
        .iter()
        .position(|u| u.eq_ignore_ascii_case(unit))
        .ok_or_else(|| {
            invalid(format!(
                "unknown unit '{unit}' for {name}: use one of {}",
                UNITS.join(", ")
            ))
        })?;
    let unit = UNITS[position];
    let empty = Map::new();
    let map = match map {
        None | Some(Value::Null) => &empty,
        Some(Value::Map(m)) => &**m,
        Some(other) => return Err(wrong_type(&name, other)),
    };
    check_keys(kind, map)?;
    let p = parts(value).ok_or_else(|| wrong_type(&name, value))?;
    let cuts_date = position < UNITS.len() - 6;
    let has_date = kind.has_date();
    if kind == TemporalKind::Date && position > UNITS.len() - 6 {
        return Err(invalid(format!("a date cannot be truncated to a {unit}")));
    }
    if !has_date && cuts_date {
        return Err(invalid(format!(
            "a {} cannot be truncated to a {unit}",
            kind.name()
        )));
    }
    let date = match p.date {
        Some(d) => Some(cut_date(d, unit).ok_or_else(super::out_of_range)?),
        None if has_date => {
            return Err(invalid(format!(
                "{name} needs a value with a date, not {}",
                value.value_type()
            )));
        }
        None => None,
    };
    let time = match p.time {
        Some(t) if !cuts_date => cut_time(t, unit).unwrap_or(NaiveTime::MIN),
        _ => NaiveTime::MIN,
    };
    let zone = match map.get("timezone").filter(|z| !z.is_null()) {
        Some(z) if matches!(kind, TemporalKind::Time | TemporalKind::DateTime) => {
            Some(super::zone_arg(z)?)
        }
        Some(_) => {
            return Err(invalid(format!(
                "{name} takes no timezone: the {} has none",
                kind.name()
            )));
        }
        None => None,
    };
    let date = match date {
        Some(d) if has_date => assign_date(kind, Some(d), map)?,
        _ => NaiveDate::default(),
    };
    let time = assign_time(time, map, true)?;
    Ok(match kind {
        TemporalKind::Date => Value::Date(date),
        TemporalKind::LocalTime => Value::LocalTime(time),
        TemporalKind::LocalDateTime => Value::LocalDateTime(date.and_time(time)),
        TemporalKind::Time => {
            let offset = match zone {
                Some(z) => z.offset_at(now.naive_utc()),
                None => p.zone.map_or(0, |(_, o)| o),
            };
            Value::Time(time, offset)
        }
        _ => {
            let local = date.and_time(time);
            match (zone, p.zone) {
                (Some(z), _) => Value::datetime_in(local, z),
                (None, Some((z, o))) => in_zone_preferring(local, z, o),
                (None, None) => Value::datetime_in(local, Zone::UTC),
            }
        }
    })
}
