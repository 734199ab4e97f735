//! Temporal values: dates, times with and without a zone, date-times, and durations; their
//! ISO 8601 text (`text`) and time zones, fixed offsets or named (`zone`).

mod text;
mod zone;

pub use text::{
    ZoneText, format_date, format_datetime, format_offset, format_time, parse_date, parse_datetime,
    parse_duration, parse_offset, parse_time,
};
pub use zone::{TimeZone, Zone};

use super::Value;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt::Write;

/// The temporal types, named as the query language (and neo4j-admin's CSV headers) name them.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum TemporalKind {
    Date,
    LocalTime,
    Time,
    LocalDateTime,
    DateTime,
    Duration,
}

impl TemporalKind {
    pub const ALL: [TemporalKind; 6] = [
        TemporalKind::Date,
        TemporalKind::LocalTime,
        TemporalKind::Time,
        TemporalKind::LocalDateTime,
        TemporalKind::DateTime,
        TemporalKind::Duration,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TemporalKind::Date => "date",
            TemporalKind::LocalTime => "localtime",
            TemporalKind::Time => "time",
            TemporalKind::LocalDateTime => "localdatetime",
            TemporalKind::DateTime => "datetime",
            TemporalKind::Duration => "duration",
        }
    }

    /// Whether values of this kind have a date.
    pub fn has_date(self) -> bool {
        matches!(
            self,
            TemporalKind::Date | TemporalKind::LocalDateTime | TemporalKind::DateTime
        )
    }

    pub fn from_name(name: &str) -> Option<Self> {
        TemporalKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
    }

    /// Reads the ISO 8601 text of a value of this kind (what `temporal_text` writes, and
    /// the other forms Neo4j reads); none if it is not one.
    pub fn parse(self, text: &str) -> Option<Value> {
        self.read(text).ok()
    }

    /// The same, saying what is wrong: the text, or its zone.
    pub fn read(self, text: &str) -> Result<Value, String> {
        let text = text.trim();
        let invalid = || match year_beyond_range(text) {
            Some(year) if self.has_date() => format!(
                "'{text}': year {year} is outside the years kg supports ({} to {})",
                NaiveDate::MIN.year(),
                NaiveDate::MAX.year()
            ),
            _ => format!("'{text}' is not a valid {} value", self.name()),
        };
        Ok(match self {
            TemporalKind::Date => Value::Date(parse_date(text).ok_or_else(invalid)?),
            TemporalKind::LocalTime => match parse_time(text) {
                Some((t, zone)) if zone == ZoneText::default() => Value::LocalTime(t),
                _ => return Err(invalid()),
            },
            TemporalKind::Time => {
                let (t, zone) = parse_time(text).ok_or_else(invalid)?;
                if zone.name.is_some() {
                    return Err(format!(
                        "'{text}': a time has no date to tell a named zone's offset; use an offset such as '+01:00'"
                    ));
                }
                Value::Time(t, zone.offset.unwrap_or(0))
            }
            TemporalKind::LocalDateTime => match parse_datetime(text) {
                Some((dt, zone)) if zone == ZoneText::default() => Value::LocalDateTime(dt),
                _ => return Err(invalid()),
            },
            TemporalKind::DateTime => {
                let (local, zone) = parse_datetime(text).ok_or_else(invalid)?;
                let Some(name) = zone.name else {
                    return Ok(Value::DateTime(local, zone.offset.unwrap_or(0)));
                };
                let tz = TimeZone::named(name).ok_or_else(|| unknown_zone(name))?;
                match zone.offset {
                    // Either offset of the hour a clock change repeats names its own instant.
                    Some(o) if tz.has_offset(local, o) => Value::DateTimeZoned(local, o, tz),
                    Some(o) => {
                        return Err(format!(
                            "'{text}': {name} is at {} then, not {}",
                            format_offset(tz.resolve(local).1),
                            format_offset(o)
                        ));
                    }
                    None => Value::datetime_in(local, Zone::Named(tz)),
                }
            }
            TemporalKind::Duration => Value::Duration(std::sync::Arc::new(
                parse_duration(text).ok_or_else(invalid)?,
            )),
        })
    }
}

/// The year a date text starts with, if chrono cannot hold it (its range is about 262,000
/// years either side of year 0; Neo4j's is 999,999,999).
fn year_beyond_range(text: &str) -> Option<i64> {
    let end = text
        .char_indices()
        .skip(1)
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(text.len(), |(i, _)| i);
    let year: i64 = text[..end].parse().ok()?;
    let range = i64::from(NaiveDate::MIN.year())..=i64::from(NaiveDate::MAX.year());
    (!range.contains(&year)).then_some(year)
}

/// The message for a zone name the time-zone database does not know.
pub fn unknown_zone(name: &str) -> String {
    format!(
        "unknown time zone '{name}': use a name of the IANA time-zone database such as 'Europe/Paris', or an offset such as '+01:00'"
    )
}

/// A duration as openCypher counts it: months, days and seconds are kept apart, because a
/// month has no fixed number of days and a day (across a clock change) no fixed length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Duration {
    pub months: i64,
    pub days: i64,
    pub seconds: i64,
    /// 0..1_000_000_000, always added to `seconds`.
    pub nanos: i32,
}

pub(crate) const NANOS: i64 = 1_000_000_000;

impl Duration {
    /// Builds a duration from whole components of any sign, carrying whole seconds out of
    /// the nanoseconds; none if the seconds overflow.
    pub fn normalized(months: i64, days: i64, seconds: i64, nanos: i64) -> Option<Duration> {
        let seconds = seconds.checked_add(nanos.div_euclid(NANOS))?;
        Some(Duration {
            months,
            days,
            seconds,
            nanos: nanos.rem_euclid(NANOS) as i32,
        })
    }

    pub fn checked_add(&self, other: &Duration) -> Option<Duration> {
        Duration::normalized(
            self.months.checked_add(other.months)?,
            self.days.checked_add(other.days)?,
            self.seconds.checked_add(other.seconds)?,
            i64::from(self.nanos) + i64::from(other.nanos),
        )
    }

    pub fn negated(&self) -> Option<Duration> {
        Duration::normalized(
            self.months.checked_neg()?,
            self.days.checked_neg()?,
            self.seconds.checked_neg()?,
            -i64::from(self.nanos),
        )
    }

    /// ISO 8601: `P1Y2M3DT4H5M6.5S`, `PT0S` for nothing.
    pub fn iso(&self) -> String {
        let mut out = String::from("P");
        let (years, months) = (self.months / 12, self.months % 12);
        for (n, unit) in [(years, 'Y'), (months, 'M'), (self.days, 'D')] {
            if n != 0 {
                let _ = write!(out, "{n}{unit}");
            }
        }
        // Seconds and nanoseconds with one sign, as hours, minutes and seconds.
        let total = i128::from(self.seconds) * i128::from(NANOS) + i128::from(self.nanos);
        if total != 0 {
            out.push('T');
            let sign = if total < 0 { "-" } else { "" };
            let abs = total.unsigned_abs();
            let (secs, frac) = (abs / NANOS as u128, abs % NANOS as u128);
            let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
            if h != 0 {
                let _ = write!(out, "{sign}{h}H");
            }
            if m != 0 {
                let _ = write!(out, "{sign}{m}M");
            }
            if s != 0 || frac != 0 {
                let _ = write!(out, "{sign}{s}{}S", text::fraction(frac as u32));
            }
        }
        if out == "P" {
            out.push_str("T0S");
        }
        out
    }
}

/// An amount of some unit that may have a fraction: the whole part is counted exactly, only
/// the fraction (always smaller than one unit) in floating point, so that a large amount
/// keeps every nanosecond (`duration({seconds: 1e7, nanoseconds: 1})`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Amount {
    whole: i128,
    fraction: f64,
}

impl Amount {
    pub const ZERO: Amount = Amount {
        whole: 0,
        fraction: 0.0,
    };

    pub fn int(i: i64) -> Amount {
        Amount {
            whole: i128::from(i),
            fraction: 0.0,
        }
    }

    /// None for infinities, NaN and amounts beyond any duration.
    pub fn float(f: f64) -> Option<Amount> {
        let whole = f.trunc();
        (whole.abs() < 1e36).then_some(Amount {
            whole: whole as i128,
            fraction: f - whole,
        })
    }

    /// Decimal text (`-12.5`), read exactly: the whole part as an integer, the digits after the
    /// point as a fraction.
    fn parse(text: &str) -> Option<Amount> {
        let (whole, digits) = text.split_once('.').unwrap_or((text, ""));
        let negative = whole.starts_with('-');
        let whole_value = match whole.trim_start_matches('-') {
            "" if !digits.is_empty() => 0,
            w => w.parse::<i128>().ok()?,
        };
        if whole.matches('-').count() > usize::from(negative)
            || !digits.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let fraction = if digits.is_empty() {
            0.0
        } else {
            format!("0.{digits}").parse::<f64>().ok()?
        };
        Some(if negative {
            Amount {
                whole: -whole_value,
                fraction: -fraction,
            }
        } else {
            Amount {
                whole: whole_value,
                fraction,
            }
        })
    }

    /// The same amount counted in a unit `factor` times smaller.
    pub fn times(self, factor: i64) -> Option<Amount> {
        Some(Amount {
            whole: self.whole.checked_mul(i128::from(factor))?,
            fraction: self.fraction * factor as f64,
        })
    }

    /// The amount times a float (or divided, by its inverse), in floating point as Neo4j
    /// counts it.
    pub fn scaled(self, factor: f64) -> Option<Amount> {
        Amount::float(self.whole as f64 * factor)?.plus(Amount::float(self.fraction * factor)?)
    }

    pub fn plus(self, other: Amount) -> Option<Amount> {
        Some(Amount {
            whole: self.whole.checked_add(other.whole)?,
            fraction: self.fraction + other.fraction,
        })
    }

    /// The whole units (the fraction's own whole part included) and what is left of a unit.
    fn split(self) -> Option<(i128, f64)> {
        let carried = self.fraction.trunc();
        Some((
            self.whole.checked_add(carried as i128)?,
            self.fraction - carried,
        ))
    }
}

/// A duration from months, days and nanoseconds that may have fractions: fractions carry down
/// (a month's as 30.436875 days, a day's as 24 hours), as openCypher specifies.
/// A fraction of a nanosecond left at the end rounds to the nearest.
pub fn from_parts(months: Amount, days: Amount, nanos: Amount) -> Option<Duration> {
    parts_to_duration(months, days, nanos, f64::round)
}

/// The same, dropping a fraction of a nanosecond left at the end, as Neo4j does when it
/// multiplies or divides a duration (`P1DT1S / 2` is `PT12H0.5S`; `PT0.000000001S / 2` is
/// nothing).
pub fn from_parts_truncating(months: Amount, days: Amount, nanos: Amount) -> Option<Duration> {
    parts_to_duration(months, days, nanos, f64::trunc)
}

fn parts_to_duration(
    months: Amount,
    days: Amount,
    nanos: Amount,
    last: fn(f64) -> f64,
) -> Option<Duration> {
    let (months, month_rest) = months.split()?;
    let days = days.plus(Amount::float(month_rest * 30.436875)?)?;
    let (days, day_rest) = days.split()?;
    let nanos = nanos.plus(Amount::float(day_rest * 86_400e9)?)?;
    let (whole, rest) = nanos.split()?;
    let nanos = whole.checked_add(last(rest) as i128)?;
    Duration::normalized(
        i64::try_from(months).ok()?,
        i64::try_from(days).ok()?,
        i64::try_from(nanos.div_euclid(i128::from(NANOS))).ok()?,
        nanos.rem_euclid(i128::from(NANOS)) as i64,
    )
}

/// Instants of times with an offset, for comparing them: the UTC time of day in nanoseconds.
pub fn time_instant(t: NaiveTime, offset: i32) -> i64 {
    let local = i64::from(t.num_seconds_from_midnight()) * NANOS + i64::from(t.nanosecond());
    local - i64::from(offset) * NANOS
}

/// The instant of a date-time with an offset: seconds since the Unix epoch, UTC, and
/// nanoseconds. Counted in integers rather than as a chrono date-time, because the UTC
/// date-time of a value near the end of chrono's range (`+262142-12-31T23:00-05:00`) lies
/// past it, and every date-time must still compare, group and report its epoch.
pub fn instant(dt: NaiveDateTime, offset: i32) -> (i64, u32) {
    let local = dt.and_utc();
    (
        local.timestamp() - i64::from(offset),
        local.timestamp_subsec_nanos(),
    )
}

pub fn compare_datetimes(a: (NaiveDateTime, i32), b: (NaiveDateTime, i32)) -> Ordering {
    instant(a.0, a.1).cmp(&instant(b.0, b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_decimal_text_exactly() {
        let amount = |whole, fraction| Some(Amount { whole, fraction });
        assert_eq!(Amount::parse("12"), amount(12, 0.0));
        assert_eq!(Amount::parse("-.5"), amount(0, -0.5));
        assert_eq!(
            Amount::parse("10000000.000000001"),
            amount(10_000_000, 0.000000001)
        );
        for bad in ["", ".", "-", "--1", "1-2", "1.2.3", "1.-2"] {
            assert_eq!(Amount::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn named_zones_resolve_and_mismatched_offsets_are_refused() {
        let v = TemporalKind::DateTime
            .read("1818-07-21T21:40:32.142[Europe/Stockholm]")
            .unwrap();
        assert_eq!(
            v.temporal_text().unwrap(),
            "1818-07-21T21:40:32.142+00:53:28[Europe/Stockholm]"
        );
        assert!(
            TemporalKind::DateTime
                .read("2015-07-21T21:40:32+05:00[Europe/Stockholm]")
                .is_err()
        );
        assert!(
            TemporalKind::DateTime
                .read("2015-07-21T21:40[Europe/Atlantis]")
                .unwrap_err()
                .contains("Europe/Atlantis")
        );
        assert!(TemporalKind::Time.read("21:40[Europe/Paris]").is_err());
    }
}
