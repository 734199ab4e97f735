//! Temporal values from maps (`date({year: 1984, week: 10})`), which may select parts of
//! other temporal values (`datetime({date: d, time: t, timezone: 'Europe/Paris'})`), and
//! from one another (`date(datetime)`), by Neo4j's rules: a selected value gives the start,
//! the map's fields then replace parts of it, and a `timezone` either moves the instant into
//! the zone (when the time came with a zone of its own) or places the local time there.

use super::{Parts, Result, invalid, local_at, now_in, out_of_range, parts, wrong_type, zoned};
use crate::error::QueryError;
use crate::model::temporal::{Amount, TemporalKind, Zone};
use crate::model::{Map, Value};
use chrono::{
    DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc, Weekday,
};

fn given(map: &Map, key: &str) -> bool {
    map.get(key).is_some_and(|v| !v.is_null())
}

pub(super) fn int(map: &Map, key: &str) -> Result<Option<i64>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Int(i)) => Ok(Some(*i)),
        Some(Value::Float(f)) if f.fract() == 0.0 && f.abs() < 9e18 => Ok(Some(*f as i64)),
        Some(other) => Err(invalid(format!(
            "{key} must be an integer, not {}",
            other.value_type()
        ))),
    }
}

/// A duration component, counted in a unit `factor` times smaller.
pub(super) fn amount(map: &Map, key: &str, factor: i64) -> Result<Amount> {
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

/// An integer field that must lie in `lo..=hi`, if it is given.
pub(super) fn ranged(map: &Map, key: &str, lo: u32, hi: u32) -> Result<Option<u32>> {
    match int(map, key)? {
        None => Ok(None),
        Some(n) if (i64::from(lo)..=i64::from(hi)).contains(&n) => Ok(Some(n as u32)),
        Some(n) => Err(invalid(format!("{key} {n} is out of range {lo} to {hi}"))),
    }
}

/// The ways a map can name a day of its year; a map uses at most one.
const DATE_FORMS: [(&str, &str); 4] = [
    ("month", "day"),
    ("week", "dayOfWeek"),
    ("quarter", "dayOfQuarter"),
    ("ordinalDay", "ordinalDay"),
];
const DATE_KEYS: [&str; 9] = [
    "year",
    "month",
    "day",
    "week",
    "dayOfWeek",
    "quarter",
    "dayOfQuarter",
    "ordinalDay",
    "date",
];
const TIME_KEYS: [&str; 7] = [
    "hour",
    "minute",
    "second",
    "millisecond",
    "microsecond",
    "nanosecond",
    "time",
];

fn has_time(kind: TemporalKind) -> bool {
    kind != TemporalKind::Date
}

/// Refuses keys the function does not read, so that a misspelt key is not silently ignored
/// (`date({year: 2020, qarter: 3})` is not 2020-01-01).
pub(super) fn check_keys(kind: TemporalKind, map: &Map) -> Result<()> {
    let both = matches!(kind, TemporalKind::LocalDateTime | TemporalKind::DateTime);
    for key in map.keys() {
        let key = &**key;
        let known = (kind.has_date() && DATE_KEYS.contains(&key))
            || (has_time(kind) && TIME_KEYS.contains(&key))
            || (both && key == "datetime")
            || key == "timezone"
            || (kind == TemporalKind::DateTime && (key == "epochSeconds" || key == "epochMillis"));
        if !known {
            return Err(invalid(format!(
                "{} does not take the key '{key}'",
                kind.name()
            )));
        }
    }
    Ok(())
}

fn timezone(map: &Map) -> Result<Option<Zone>> {
    match map.get("timezone") {
        None | Some(Value::Null) => Ok(None),
        Some(zone) => super::zone_arg(zone).map(Some),
    }
}

/// The parts of the temporal value under `key`, checked to have what is taken from it.
fn selected(map: &Map, key: &str) -> Result<Option<Parts>> {
    let Some(v) = map.get(key).filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let p = parts(v).ok_or_else(|| wrong_type(&format!("the key '{key}'"), v))?;
    let missing = match key {
        "time" => p.time.is_none(),
        _ => p.date.is_none(),
    };
    if missing {
        return Err(invalid(format!(
            "cannot take the {key} of a {} value",
            v.value_type()
        )));
    }
    Ok(Some(p))
}

/// Where a map starts from before its fields apply: a date, a time of day, the zone it came
/// with (and that zone's offset), and whether the zone was selected with the time.
struct Start {
    date: Option<NaiveDate>,
    time: NaiveTime,
    zone: Option<(Zone, i32)>,
    zone_selected: bool,
}

/// `date({...})`, `localtime({...})`, ...
pub(super) fn from_map(kind: TemporalKind, map: &Map, now: DateTime<Utc>) -> Result<Value> {
    check_keys(kind, map)?;
    let zone = timezone(map)?;
    if let (Some(zone), 1) = (zone, map.len()) {
        return Ok(now_in(kind, now, zone));
    }
    if zone.is_some() && !matches!(kind, TemporalKind::Time | TemporalKind::DateTime) {
        return Err(invalid(format!(
            "{} has no time zone: timezone alone gives the current {0} there",
            kind.name()
        )));
    }
    let epoch = given(map, "epochSeconds") || given(map, "epochMillis");
    let start = if let Some(p) = selected(map, "datetime")? {
        Start {
            date: p.date,
            time: p.time.unwrap_or(NaiveTime::MIN),
            zone: p.zone,
            zone_selected: p.zone.is_some(),
        }
    } else if epoch {
        let (secs, nanos) = match int(map, "epochSeconds")? {
            Some(secs) => (secs, 0),
            None => {
                let ms = int(map, "epochMillis")?.unwrap_or(0);
                (ms.div_euclid(1000), ms.rem_euclid(1000) as u32 * 1_000_000)
            }
        };
        let zone = zone.unwrap_or(Zone::UTC);
        let (local, offset) = super::epoch_in(secs, nanos, zone).ok_or_else(out_of_range)?;
        Start {
            date: Some(local.date()),
            time: local.time(),
            zone: Some((zone, offset)),
            zone_selected: false,
        }
    } else {
        let time = selected(map, "time")?;
        Start {
            date: selected(map, "date")?.and_then(|p| p.date),
            time: time.and_then(|p| p.time).unwrap_or(NaiveTime::MIN),
            zone: time.and_then(|p| p.zone),
            zone_selected: time.is_some_and(|p| p.zone.is_some()),
        }
    };
    let date = if kind.has_date() {
        assign_date(kind, start.date, map)?
    } else {
        NaiveDate::default()
    };
    let time = assign_time(start.time, map, false)?;
    Ok(match kind {
        TemporalKind::Date => Value::Date(date),
        TemporalKind::LocalTime => Value::LocalTime(time),
        TemporalKind::LocalDateTime => Value::LocalDateTime(date.and_time(time)),
        TemporalKind::Time => {
            let offset = start.zone.map_or(0, |(_, o)| o);
            match zone {
                None => Value::Time(time, offset),
                Some(zone) => {
                    let new = zone.offset_at(now.naive_utc());
                    let time = if start.zone_selected {
                        time.overflowing_add_signed(chrono::Duration::seconds(i64::from(
                            new - offset,
                        )))
                        .0
                    } else {
                        time
                    };
                    Value::Time(time, new)
                }
            }
        }
        _ => {
            let local = date.and_time(time);
            // The selected zone placed at the new local time: a named zone's offset may differ
            // on the new date.
            let placed = start
                .zone
                .and_then(|(z, o)| in_zone_preferring(local, z, o).zoned_datetime());
            match (zone, placed) {
                (Some(zone), Some((local, offset, _))) if start.zone_selected => {
                    let instant = local
                        .checked_sub_signed(chrono::Duration::seconds(i64::from(offset)))
                        .ok_or_else(out_of_range)?;
                    let (local, offset) = local_at(instant, zone).ok_or_else(out_of_range)?;
                    zoned(local, zone, offset)
                }
                (Some(zone), _) => Value::datetime_in(local, zone),
                (None, Some(_)) => start.zone.map_or(Value::DateTime(local, 0), |(z, o)| {
                    in_zone_preferring(local, z, o)
                }),
                (None, None) => Value::DateTime(local, 0),
            }
        }
    })
}

/// A local date-time placed in a zone, keeping `offset` if the zone has it then (the hour a
/// clock change repeats has two).
pub(super) fn in_zone_preferring(local: NaiveDateTime, zone: Zone, offset: i32) -> Value {
    if let Zone::Named(tz) = zone {
        if tz.has_offset(local, offset) {
            return Value::DateTimeZoned(local, offset, tz);
        }
    }
    Value::datetime_in(local, zone)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|n| n.pred_opt())
        .map_or(31, |last| last.day())
}

fn weeks_in(week_year: i32) -> u32 {
    if NaiveDate::from_isoywd_opt(week_year, 53, Weekday::Mon).is_some() {
        53
    } else {
        52
    }
}

fn plus_days(date: NaiveDate, days: i64) -> Result<NaiveDate> {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.ok_or_else(out_of_range)
}

/// The same day of the month in another year and month, or the month's last day.
fn with_year_month(year: i32, month: u32, day: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day.min(days_in_month(year, month)))
        .ok_or_else(|| invalid(format!("year {year} is out of range")))
}

/// The date fields of a map applied in turn to `start` (or, without one, to the first day of
/// the map's year, or of its week-based year when it names a week).
pub(super) fn assign_date(
    kind: TemporalKind,
    start: Option<NaiveDate>,
    map: &Map,
) -> Result<NaiveDate> {
    let mut forms = DATE_FORMS
        .iter()
        .filter(|(unit, day)| given(map, unit) || given(map, day));
    let form = forms.next();
    if let (Some((a, _)), Some((b, _))) = (form, forms.next()) {
        return Err(invalid(format!(
            "a date cannot be given by both {a} and {b}"
        )));
    }
    let by_week = form.is_some_and(|(unit, _)| *unit == "week");
    let year = match int(map, "year")? {
        Some(y) => {
            Some(i32::try_from(y).map_err(|_| invalid(format!("year {y} is out of range")))?)
        }
        None => None,
    };
    let mut date = match (start, year) {
        (Some(d), _) => d,
        (None, None) => return Err(invalid(format!("{} needs at least a year", kind.name()))),
        (None, Some(y)) => {
            if let Some((unit, day)) = form.filter(|(unit, _)| !given(map, unit)) {
                return Err(invalid(format!("{day} needs {unit}")));
            }
            let first = if by_week {
                NaiveDate::from_isoywd_opt(y, 1, Weekday::Mon)
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1)
            };
            first.ok_or_else(|| invalid(format!("year {y} is out of range")))?
        }
    };
    if let (Some(y), Some(_)) = (year, start) {
        date = if by_week {
            let week = date.iso_week().week().min(weeks_in(y));
            NaiveDate::from_isoywd_opt(y, week, date.weekday())
                .ok_or_else(|| invalid(format!("year {y} is out of range")))?
        } else {
            with_year_month(y, date.month(), date.day())?
        };
    }
    if let Some(q) = ranged(map, "quarter", 1, 4)? {
        let month_in_quarter = (date.month() - 1) % 3;
        date = with_year_month(date.year(), (q - 1) * 3 + 1 + month_in_quarter, date.day())?;
    }
    if let Some(m) = ranged(map, "month", 1, 12)? {
        date = with_year_month(date.year(), m, date.day())?;
    }
    if let Some(w) = ranged(map, "week", 1, 53)? {
        let weeks = weeks_in(date.iso_week().year());
        if w > weeks {
            return Err(invalid(format!(
                "week {w} is out of range: {} has {weeks} weeks",
                date.iso_week().year()
            )));
        }
        date = plus_days(date, (i64::from(w) - i64::from(date.iso_week().week())) * 7)?;
    }
    if let Some(n) = ranged(map, "ordinalDay", 1, 366)? {
        date = NaiveDate::from_yo_opt(date.year(), n)
            .ok_or_else(|| invalid(format!("{} has no day {n}", date.year())))?;
    }
    if let Some(n) = ranged(map, "dayOfQuarter", 1, 92)? {
        let first_month = (date.month() - 1) / 3 * 3 + 1;
        let first = with_year_month(date.year(), first_month, 1)?;
        let moved = plus_days(first, i64::from(n) - 1)?;
        if (moved.month() - 1) / 3 != (first_month - 1) / 3 {
            return Err(invalid(format!("that quarter has no day {n}")));
        }
        date = moved;
    }
    if let Some(d) = ranged(map, "day", 1, 31)? {
        date = NaiveDate::from_ymd_opt(date.year(), date.month(), d).ok_or_else(|| {
            invalid(format!(
                "no such date: {}-{:02} has {} days",
                date.year(),
                date.month(),
                days_in_month(date.year(), date.month())
            ))
        })?;
    }
    if let Some(n) = ranged(map, "dayOfWeek", 1, 7)? {
        let current = date.weekday().number_from_monday();
        date = plus_days(date, i64::from(n) - i64::from(current))?;
    }
    Ok(date)
}

/// The time fields of a map applied to `start`. The fraction of a second is the sum of the
/// map's millisecond, microsecond and nanosecond, replacing the start's or (`add_fraction`,
/// for truncation) added to what is left of it.
pub(super) fn assign_time(start: NaiveTime, map: &Map, add_fraction: bool) -> Result<NaiveTime> {
    let hour = ranged(map, "hour", 0, 23)?.unwrap_or(start.hour());
    let minute = ranged(map, "minute", 0, 59)?.unwrap_or(start.minute());
    let second = ranged(map, "second", 0, 59)?.unwrap_or(start.second());
    // Each part in its own range first: unchecked, their sum could wrap into a valid time.
    let mut fraction = None;
    for (key, unit, max) in [
        ("millisecond", 1_000_000, 999),
        ("microsecond", 1_000, 999_999),
        ("nanosecond", 1, 999_999_999),
    ] {
        if let Some(n) = ranged(map, key, 0, max)? {
            fraction = Some(fraction.unwrap_or(0) + n * unit);
        }
    }
    let nanos = match fraction {
        None => start.nanosecond(),
        Some(f) if add_fraction => start.nanosecond() + f,
        Some(f) => f,
    };
    // A second's fraction must stay below a second (chrono would read more as a leap second).
    if nanos >= 1_000_000_000 {
        return Err(invalid(
            "millisecond, microsecond and nanosecond add up to a second or more",
        ));
    }
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
        .ok_or_else(|| invalid("no such time of day"))
}

/// One temporal type from another: `date(datetime)`, `localtime(datetime)`, `time(localtime)`
/// (in UTC), ...
pub(super) fn convert(kind: TemporalKind, v: &Value) -> Result<Value> {
    let p = parts(v).ok_or_else(|| wrong_type(kind.name(), v))?;
    let missing = || {
        invalid(format!(
            "{} cannot be made from {}",
            kind.name(),
            v.value_type()
        ))
    };
    let offset = p.zone.map_or(0, |(_, o)| o);
    Ok(match kind {
        TemporalKind::Date => Value::Date(p.date.ok_or_else(missing)?),
        TemporalKind::LocalTime => Value::LocalTime(p.time.ok_or_else(missing)?),
        TemporalKind::Time => Value::Time(p.time.ok_or_else(missing)?, offset),
        TemporalKind::LocalDateTime => Value::LocalDateTime(
            p.date
                .ok_or_else(missing)?
                .and_time(p.time.unwrap_or_default()),
        ),
        _ => {
            let local = p
                .date
                .ok_or_else(missing)?
                .and_time(p.time.unwrap_or_default());
            match p.zone {
                Some((zone, offset)) => zoned(local, zone, offset),
                None => Value::DateTime(local, 0),
            }
        }
    })
}
