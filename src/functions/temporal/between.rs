//! `duration.between(a, b)` and `duration.inMonths/inDays/inSeconds(a, b)`: the time from one
//! temporal value to another, as Neo4j counts it. Values of different types are first
//! given what the other has: a time of day (midnight), a date (the other's) and a zone (the
//! other's). Whole months then whole days are counted on the calendar (a month is not a
//! month until the same time of day on the same day of the month), the rest on the clock.

use super::shift::shift_date;
use super::{Parts, Result, parts, wrong_type};
use crate::error::QueryError;
use crate::model::Value;
use crate::model::temporal::{Duration, NANOS, Zone};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use std::sync::Arc;

/// A point both values can be compared as: a local date-time (the date left at its default
/// when neither value has one), and its zone with the offset then, if either has one.
#[derive(Clone, Copy)]
struct Point {
    local: NaiveDateTime,
    zone: Option<(Zone, i32)>,
}

impl Point {
    /// Nanoseconds since an arbitrary origin, on the instant time-line when zoned.
    fn nanos(self) -> i128 {
        let local = self.local.and_utc();
        let offset = self.zone.map_or(0, |(_, o)| o);
        (i128::from(local.timestamp()) - i128::from(offset)) * i128::from(NANOS)
            + i128::from(local.timestamp_subsec_nanos())
    }

    /// The same instant seen in `zone` (for calendar counting in one zone).
    fn in_zone(self, zone: Option<(Zone, i32)>) -> Point {
        let (Some((target, _)), Some((_, offset))) = (zone, self.zone) else {
            return self;
        };
        let instant = self
            .local
            .checked_sub_signed(chrono::Duration::seconds(i64::from(offset)));
        match instant.and_then(|i| super::local_at(i, target)) {
            Some((local, o)) => Point {
                local,
                zone: Some((target, o)),
            },
            None => self,
        }
    }
}

/// Both values completed with what the other has.
fn align(a: Parts, b: Parts, time_based: bool) -> (Point, Point, bool) {
    let mut a = a;
    let mut b = b;
    if time_based || a.time.is_some() || b.time.is_some() {
        a.time = a.time.or(Some(NaiveTime::MIN));
        b.time = b.time.or(Some(NaiveTime::MIN));
    }
    let dated = a.date.or(b.date);
    a.date = a.date.or(dated);
    b.date = b.date.or(dated);
    let timed = a.time.is_some();
    let point = |p: Parts, other: Option<(Zone, i32)>| {
        let local = p
            .date
            .unwrap_or_default()
            .and_time(p.time.unwrap_or(NaiveTime::MIN));
        let zone = match (p.zone, other) {
            (Some(z), _) => Some(z),
            (None, Some((zone @ Zone::Named(tz), _))) if dated.is_some() => {
                let (_, offset) = tz.resolve(local);
                Some((zone, offset))
            }
            (None, Some((_, offset))) => Some((Zone::Offset(offset), offset)),
            (None, None) => None,
        };
        Point { local, zone }
    };
    let (pa, pb) = (point(a, b.zone), point(b, a.zone));
    (pa, pb, dated.is_some() && timed)
}

/// Whole months (or days, `in_days`) from `a` to `b`, by their local date and time of day.
fn calendar_units(a: NaiveDateTime, b: NaiveDateTime, in_days: bool) -> i64 {
    let mut end = b.date();
    if end > a.date() && b.time() < a.time() {
        end = end.pred_opt().unwrap_or(end);
    } else if end < a.date() && b.time() > a.time() {
        end = end.succ_opt().unwrap_or(end);
    }
    let start = a.date();
    if in_days {
        return (end - start).num_days();
    }
    let packed =
        |d: NaiveDate| (i64::from(d.year()) * 12 + i64::from(d.month0())) * 32 + i64::from(d.day());
    (packed(end) - packed(start)) / 32
}

/// Which of the four functions: the whole duration, or a count in one unit.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Between {
    Whole,
    Months,
    Days,
    Seconds,
}

pub(super) fn between(function: Between, a: &Value, b: &Value) -> Result<Value> {
    if a.is_null() || b.is_null() {
        return Ok(Value::Null);
    }
    let name = match function {
        Between::Whole => "duration.between",
        Between::Months => "duration.inMonths",
        Between::Days => "duration.inDays",
        Between::Seconds => "duration.inSeconds",
    };
    let pa = parts(a).ok_or_else(|| wrong_type(name, a))?;
    let pb = parts(b).ok_or_else(|| wrong_type(name, b))?;
    let time_based = function == Between::Seconds;
    let (from, to, dated_and_timed) = align(pa, pb, time_based);
    let has_dates = pa.date.is_some() || pb.date.is_some();
    // Calendar units are counted in the first value's zone.
    let to_local = to.in_zone(from.zone).local;
    let months = if has_dates && function != Between::Days && !time_based {
        calendar_units(from.local, to_local, false)
    } else {
        0
    };
    let overflow = || QueryError::overflow("the duration between them is out of range");
    let duration = match function {
        Between::Months => Duration::normalized(months, 0, 0, 0),
        Between::Days => {
            let days = if has_dates {
                calendar_units(from.local, to_local, true)
            } else {
                0
            };
            Duration::normalized(0, days, 0, 0)
        }
        Between::Seconds => nanos_duration(0, 0, to.nanos() - from.nanos()),
        Between::Whole => {
            // Move by the whole months, then count whole days, then the rest on the clock.
            let moved = shift_date(from.local.date(), months, 0).ok_or_else(overflow)?;
            let mut start = moved_point(from, moved);
            let days = if has_dates {
                calendar_units(start.local, to_local, true)
            } else {
                0
            };
            let moved = shift_date(start.local.date(), 0, days).ok_or_else(overflow)?;
            start = moved_point(start, moved);
            let nanos = if dated_and_timed || !has_dates {
                to.nanos() - start.nanos()
            } else {
                0
            };
            nanos_duration(months, days, nanos)
        }
    };
    duration
        .map(|d| Value::Duration(Arc::new(d)))
        .ok_or_else(overflow)
}

/// A point moved to another date at the same local time, its zone's offset looked up again.
fn moved_point(p: Point, date: NaiveDate) -> Point {
    let local = date.and_time(p.local.time());
    let zone = p.zone.map(|(zone, offset)| match zone {
        Zone::Named(_) => {
            match super::build::in_zone_preferring(local, zone, offset).zoned_datetime() {
                Some((_, o, _)) => (zone, o),
                None => (zone, offset),
            }
        }
        Zone::Offset(_) => (zone, offset),
    });
    Point { local, zone }
}

fn nanos_duration(months: i64, days: i64, nanos: i128) -> Option<Duration> {
    let nanos_per_second = i128::from(NANOS);
    Duration::normalized(
        months,
        days,
        i64::try_from(nanos.div_euclid(nanos_per_second)).ok()?,
        nanos.rem_euclid(nanos_per_second) as i64,
    )
}
