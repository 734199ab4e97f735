//! Temporal values: dates, times with and without an offset, date-times, and durations, with
//! their ISO 8601 text forms. Time zones are fixed offsets from UTC (`+01:00`, `Z`).

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

    pub fn from_name(name: &str) -> Option<Self> {
        TemporalKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
    }

    /// Reads the ISO 8601 text of a value of this kind (what `temporal_text` writes).
    pub fn parse(self, text: &str) -> Option<Value> {
        let text = text.trim();
        Some(match self {
            TemporalKind::Date => Value::Date(parse_date(text)?),
            TemporalKind::LocalTime => Value::LocalTime(parse_time(text)?),
            TemporalKind::Time => {
                let (local, offset) = zoned(text)?;
                Value::Time(parse_time(local)?, offset)
            }
            TemporalKind::LocalDateTime => Value::LocalDateTime(parse_datetime(text)?),
            TemporalKind::DateTime => {
                let (local, offset) = zoned(text)?;
                Value::DateTime(parse_datetime(local)?, offset)
            }
            TemporalKind::Duration => Value::Duration(std::sync::Arc::new(parse_duration(text)?)),
        })
    }
}

/// Splits off and reads an offset (none means UTC).
fn zoned(text: &str) -> Option<(&str, i32)> {
    let (local, offset) = split_offset(text);
    Some((local, offset.map_or(Some(0), parse_offset)?))
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

const NANOS: i64 = 1_000_000_000;

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
                let _ = write!(out, "{sign}{s}{}S", fraction(frac as u32));
            }
        }
        if out == "P" {
            out.push_str("T0S");
        }
        out
    }
}

/// `.5`, `.000000012`: nanoseconds as a decimal fraction without trailing zeros.
fn fraction(nanos: u32) -> String {
    if nanos == 0 {
        return String::new();
    }
    let digits = format!("{nanos:09}");
    format!(".{}", digits.trim_end_matches('0'))
}

pub fn format_date(d: NaiveDate) -> String {
    let year = d.year();
    if (0..=9999).contains(&year) {
        format!("{year:04}-{:02}-{:02}", d.month(), d.day())
    } else {
        format!("{year:+}-{:02}-{:02}", d.month(), d.day())
    }
}

/// `10:35`, `12:35:13`, `12:31:14.645876123`: seconds only when there are any.
pub fn format_time(t: NaiveTime) -> String {
    let mut out = format!("{:02}:{:02}", t.hour(), t.minute());
    let nanos = t.nanosecond();
    if t.second() != 0 || nanos != 0 {
        let _ = write!(out, ":{:02}{}", t.second(), fraction(nanos));
    }
    out
}

pub fn format_offset(seconds: i32) -> String {
    if seconds == 0 {
        return "Z".into();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, (abs % 3600) / 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{s:02}")
    }
}

pub fn format_datetime(dt: NaiveDateTime) -> String {
    format!("{}T{}", format_date(dt.date()), format_time(dt.time()))
}

/// Parses `Z`, `+01:00`, `-0800`, `+05`.
pub fn parse_offset(text: &str) -> Option<i32> {
    if text == "Z" || text == "z" {
        return Some(0);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m, s) = match digits.len() {
        2 => (digits[..2].parse::<i32>().ok()?, 0, 0),
        4 => (digits[..2].parse().ok()?, digits[2..4].parse().ok()?, 0),
        6 => (
            digits[..2].parse().ok()?,
            digits[2..4].parse().ok()?,
            digits[4..6].parse().ok()?,
        ),
        _ => return None,
    };
    (h <= 18 && m < 60 && s < 60).then_some(sign * (h * 3600 + m * 60 + s))
}

/// Splits a time or date-time (`12:00+01:00`, `2015-07-21T12:00Z`) into the local part and the
/// offset, if there is one. Not for bare dates, whose `-` separators read as offsets.
pub fn split_offset(text: &str) -> (&str, Option<&str>) {
    if let Some(stripped) = text.strip_suffix(['Z', 'z']) {
        return (stripped, Some("Z"));
    }
    // An offset sign after the time part (a '-' inside a date is not one).
    let start = text.find('T').map_or(0, |t| t + 1);
    match text[start..].rfind(['+', '-']) {
        Some(i) if start + i > 0 => (&text[..start + i], Some(&text[start + i..])),
        _ => (text, None),
    }
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y%m%d"))
        .ok()
        .or_else(|| NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok())
}

pub fn parse_time(text: &str) -> Option<NaiveTime> {
    ["%H:%M:%S%.f", "%H:%M", "%H%M%S%.f", "%H%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(text, f).ok())
}

pub fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.split_once(['T', 't'])?;
    Some(parse_date(date)?.and_time(parse_time(time)?))
}

/// ISO 8601 durations: `P1Y2M3DT4H5M6.5S`, `PT-1.5S`, `P2W`.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let rest = text.strip_prefix(['P', 'p'])?;
    let (date_part, time_part) = match rest.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let (mut months, mut days, mut nanos) = (Amount::ZERO, Amount::ZERO, Amount::ZERO);
    for_each_component(date_part, |unit, n| {
        match unit {
            'Y' | 'y' => months = months.plus(n.times(12)?)?,
            'M' | 'm' => months = months.plus(n)?,
            'W' | 'w' => days = days.plus(n.times(7)?)?,
            'D' | 'd' => days = days.plus(n)?,
            _ => return None,
        }
        Some(())
    })?;
    for_each_component(time_part.unwrap_or(""), |unit, n| {
        let factor = match unit {
            'H' | 'h' => 3600 * NANOS,
            'M' | 'm' => 60 * NANOS,
            'S' | 's' => NANOS,
            _ => return None,
        };
        nanos = nanos.plus(n.times(factor)?)?;
        Some(())
    })?;
    from_parts(months, days, nanos)
}

/// Splits `1Y2.5M` into (unit, number) pairs; none if a number is bad or has no unit.
fn for_each_component(part: &str, mut add: impl FnMut(char, Amount) -> Option<()>) -> Option<()> {
    let mut number = String::new();
    for c in part.chars() {
        if c.is_ascii_digit() || c == '.' || c == '-' {
            number.push(c);
            continue;
        }
        add(c, Amount::parse(&number)?)?;
        number.clear();
    }
    number.is_empty().then_some(())
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
pub fn from_parts(months: Amount, days: Amount, nanos: Amount) -> Option<Duration> {
    let (months, month_rest) = months.split()?;
    let days = days.plus(Amount::float(month_rest * 30.436875)?)?;
    let (days, day_rest) = days.split()?;
    let nanos = nanos.plus(Amount::float(day_rest * 86_400e9)?)?;
    let nanos = nanos.whole.checked_add(nanos.fraction.round() as i128)?;
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
    fn formats_like_the_tck() {
        let t = NaiveTime::from_hms_nano_opt(12, 31, 14, 645_876_123).unwrap();
        assert_eq!(format_time(t), "12:31:14.645876123");
        assert_eq!(
            format_time(NaiveTime::from_hms_opt(10, 35, 0).unwrap()),
            "10:35"
        );
        assert_eq!(format_offset(-8 * 3600), "-08:00");
        assert_eq!(format_offset(3660), "+01:01");
        let dt = NaiveDate::from_ymd_opt(1, 1, 1)
            .unwrap()
            .and_hms_nano_opt(1, 1, 1, 1)
            .unwrap();
        assert_eq!(format_datetime(dt), "0001-01-01T01:01:01.000000001");
    }

    #[test]
    fn durations_read_and_print_iso() {
        let d = parse_duration("P1Y2M3DT4H5M6.5S").unwrap();
        assert_eq!(
            (d.months, d.days, d.seconds, d.nanos),
            (14, 3, 4 * 3600 + 5 * 60 + 6, 500_000_000)
        );
        assert_eq!(d.iso(), "P1Y2M3DT4H5M6.5S");
        assert_eq!(Duration::default().iso(), "PT0S");
        assert_eq!(parse_duration("PT-1.5S").unwrap().iso(), "PT-1.5S");
    }

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
    fn offsets_and_splitting() {
        assert_eq!(parse_offset("+01:00"), Some(3600));
        assert_eq!(parse_offset("-0800"), Some(-8 * 3600));
        assert_eq!(
            split_offset("2015-07-21T21:40:32.142+0100"),
            ("2015-07-21T21:40:32.142", Some("+0100"))
        );
        assert_eq!(split_offset("12:00Z"), ("12:00", Some("Z")));
    }
}
