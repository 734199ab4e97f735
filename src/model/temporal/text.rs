//! The ISO 8601 text of temporal values, written as Neo4j writes it and read in every form
//! Neo4j reads: calendar (`2015-07-21`, `20150721`, `2015-07`), week (`2015-W30-2`) and
//! ordinal (`2015-202`) dates, times to any precision (`21`, `2140`, `21:40:32.142`), offsets
//! (`Z`, `+01`, `-0130`), zone names (`[Europe/Stockholm]`), and durations by unit
//! (`P1Y2M3DT4H`) or as a date and time (`P2012-02-02T14:37:21.545`).

use super::{Amount, Duration, NANOS, from_parts};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use regex::{Captures, Regex};
use std::fmt::Write;
use std::sync::LazyLock;

/// `.5`, `.000000012`: nanoseconds as a decimal fraction without trailing zeros.
pub(super) fn fraction(nanos: u32) -> String {
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

/// Parses `Z`, `+01:00`, `-0800`, `+05`, `+02:05:59`.
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

const DATE: &str = r"(?:(?P<sy>[0-9]{4})(?:(?P<sm>[0-9]{2})(?P<sd>[0-9]{2})?|W(?P<sw>[0-9]{2})(?P<swd>[0-9])?|(?P<so>[0-9]{3}))|(?P<ly>[0-9]{4}|[+-][0-9]{1,9})(?:-(?P<lm>[0-9]{1,2})(?:-(?P<ld>[0-9]{1,2}))?|-W(?P<lw>[0-9]{1,2})(?:-(?P<lwd>[0-9]))?|-(?P<lo>[0-9]{3}))?)";
const TIME: &str = r"(?:(?P<lh>[0-9]{1,2})(?::(?P<lmi>[0-9]{1,2})(?::(?P<ls>[0-9]{1,2})(?:[.,](?P<lf>[0-9]{1,9}))?)?)?|(?P<sh>[0-9]{2})(?:(?P<smi>[0-9]{2})(?:(?P<ss>[0-9]{2})(?:[.,](?P<sf>[0-9]{1,9}))?)?)?)";
const ZONE: &str = r"(?P<offset>Z|[+-][0-9]{2}(?::?[0-9]{2}(?::?[0-9]{2})?)?)?(?:\[(?P<name>[A-Za-z0-9~._ /+-]+)\])?";

fn compile(pattern: String) -> Option<Regex> {
    Regex::new(&format!("^(?i:{pattern})$")).ok()
}

static DATE_RE: LazyLock<Option<Regex>> = LazyLock::new(|| compile(DATE.to_string()));
static TIME_RE: LazyLock<Option<Regex>> = LazyLock::new(|| compile(format!("T?{TIME}{ZONE}")));
static DATETIME_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(format!("{DATE}(?:T{TIME}{ZONE})?")));
static DURATION_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(
        r"(?P<sign>[-+]?)P(?P<y>[0-9]{4})-?(?P<mo>[0-9]{2})-?(?P<d>[0-9]{2})(?:T(?P<h>[0-9]{2}):?(?P<mi>[0-9]{2})(?::?(?P<s>[0-9]{2})(?:[.,](?P<f>[0-9]{1,9}))?)?)?"
            .to_string(),
    )
});

/// The zone part of a time or date-time text: an offset, a zone name, both or neither.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ZoneText<'a> {
    pub offset: Option<i32>,
    pub name: Option<&'a str>,
}

fn number<T: std::str::FromStr>(caps: &Captures, name: &str) -> Option<Option<T>> {
    match caps.name(name) {
        None => Some(None),
        Some(m) => m.as_str().parse().ok().map(Some),
    }
}

fn date_of(caps: &Captures) -> Option<NaiveDate> {
    let [year, month, day, week, weekday, ordinal] = if caps.name("sy").is_some() {
        ["sy", "sm", "sd", "sw", "swd", "so"]
    } else {
        ["ly", "lm", "ld", "lw", "lwd", "lo"]
    };
    let year: i32 = number(caps, year)??;
    if let Some(week) = number::<u32>(caps, week)? {
        let weekday = number::<u8>(caps, weekday)?.unwrap_or(1);
        let weekday = Weekday::try_from(weekday.checked_sub(1)?).ok()?;
        return NaiveDate::from_isoywd_opt(year, week, weekday);
    }
    if let Some(ordinal) = number(caps, ordinal)? {
        return NaiveDate::from_yo_opt(year, ordinal);
    }
    NaiveDate::from_ymd_opt(
        year,
        number(caps, month)?.unwrap_or(1),
        number(caps, day)?.unwrap_or(1),
    )
}

fn time_of(caps: &Captures) -> Option<NaiveTime> {
    let [hour, minute, second, frac] = if caps.name("lh").is_some() {
        ["lh", "lmi", "ls", "lf"]
    } else {
        ["sh", "smi", "ss", "sf"]
    };
    let nanos = caps
        .name(frac)
        .map_or(Some(0), |f| format!("{:0<9}", f.as_str()).parse().ok())?;
    NaiveTime::from_hms_nano_opt(
        number(caps, hour)??,
        number(caps, minute)?.unwrap_or(0),
        number(caps, second)?.unwrap_or(0),
        nanos,
    )
}

fn zone_of<'a>(caps: &Captures<'a>) -> Option<ZoneText<'a>> {
    Some(ZoneText {
        offset: match caps.name("offset") {
            Some(o) => Some(parse_offset(o.as_str())?),
            None => None,
        },
        name: caps.name("name").map(|n| n.as_str()),
    })
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    date_of(&DATE_RE.as_ref()?.captures(text)?)
}

/// A time of day and its zone, if it has one (`21:40:32+01:00`, `2140`, `T21`).
pub fn parse_time(text: &str) -> Option<(NaiveTime, ZoneText<'_>)> {
    let caps = TIME_RE.as_ref()?.captures(text)?;
    Some((time_of(&caps)?, zone_of(&caps)?))
}

/// A date with an optional time and zone (`2015-07-21`, `2015-W30-2T2140Z`,
/// `2015-07-21T21:40:32[Europe/London]`).
pub fn parse_datetime(text: &str) -> Option<(NaiveDateTime, ZoneText<'_>)> {
    let caps = DATETIME_RE.as_ref()?.captures(text)?;
    let time = match caps.name("lh").or(caps.name("sh")) {
        Some(_) => time_of(&caps)?,
        None => NaiveTime::MIN,
    };
    Some((date_of(&caps)?.and_time(time), zone_of(&caps)?))
}

/// ISO 8601 durations: `P1Y2M3DT4H5M6.5S`, `PT-1.5S`, `P2W`, `-P1D`, `P2012-02-02T14:37:21.545`.
pub fn parse_duration(text: &str) -> Option<Duration> {
    if let Some(caps) = DURATION_RE.as_ref()?.captures(text) {
        return date_based_duration(&caps);
    }
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let rest = text.strip_prefix(['P', 'p'])?;
    let (date_part, time_part) = match rest.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    if rest.is_empty() || time_part == Some("") {
        return None;
    }
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
    let d = from_parts(months, days, nanos)?;
    if negative { d.negated() } else { Some(d) }
}

/// `P2012-02-02T14:37:21.545`: years, months and days, then a time of day as an amount.
fn date_based_duration(caps: &Captures) -> Option<Duration> {
    let field = |name: &str| number::<i64>(caps, name).map(Option::unwrap_or_default);
    let (months, days) = (field("mo")?, field("d")?);
    let (hours, minutes, seconds) = (field("h")?, field("mi")?, field("s")?);
    if months > 12 || days > 31 || hours > 24 || minutes > 60 || seconds > 60 {
        return None;
    }
    let nanos = caps
        .name("f")
        .map_or(Some(0), |f| format!("{:0<9}", f.as_str()).parse().ok())?;
    let d = Duration::normalized(
        field("y")? * 12 + months,
        days,
        hours * 3600 + minutes * 60 + seconds,
        nanos,
    )?;
    if caps.name("sign").is_some_and(|s| s.as_str() == "-") {
        d.negated()
    } else {
        Some(d)
    }
}

/// Splits `1Y2.5M` into (unit, number) pairs; none if a number is bad or has no unit.
fn for_each_component(part: &str, mut add: impl FnMut(char, Amount) -> Option<()>) -> Option<()> {
    let mut number = String::new();
    for c in part.chars() {
        if c.is_ascii_digit() || c == '.' || c == ',' || c == '-' || c == '+' {
            number.push(if c == ',' { '.' } else { c });
            continue;
        }
        add(c, Amount::parse(number.trim_start_matches('+'))?)?;
        number.clear();
    }
    number.is_empty().then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn patterns_compile() {
        for re in [&DATE_RE, &TIME_RE, &DATETIME_RE, &DURATION_RE] {
            assert!(re.is_some());
        }
    }

    #[test]
    fn dates_in_every_form() {
        for (text, expected) in [
            ("2015-07-21", date(2015, 7, 21)),
            ("20150721", date(2015, 7, 21)),
            ("2015-07", date(2015, 7, 1)),
            ("201507", date(2015, 7, 1)),
            ("2015-W30-2", date(2015, 7, 21)),
            ("2015W302", date(2015, 7, 21)),
            ("2015-W30", date(2015, 7, 20)),
            ("2015-202", date(2015, 7, 21)),
            ("2015202", date(2015, 7, 21)),
            ("2015", date(2015, 1, 1)),
            ("-0044-03-15", date(-44, 3, 15)),
        ] {
            assert_eq!(parse_date(text), Some(expected), "{text}");
        }
        for bad in [
            "2015-13-01",
            "2015-02-30",
            "2015-W54",
            "15-07-21",
            "2015-07-21T",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_and_zones() {
        let (t, zone) = parse_time("214032.142-0100").unwrap();
        assert_eq!(format_time(t), "21:40:32.142");
        assert_eq!(zone.offset, Some(-3600));
        let (t, zone) = parse_time("21").unwrap();
        assert_eq!(
            (format_time(t), zone),
            ("21:00".into(), ZoneText::default())
        );
        let (dt, zone) = parse_datetime("2015-07-21T21:40:32.142+02:00[Europe/Stockholm]").unwrap();
        assert_eq!(format_datetime(dt), "2015-07-21T21:40:32.142");
        assert_eq!(zone.offset, Some(7200));
        assert_eq!(zone.name, Some("Europe/Stockholm"));
        let (dt, zone) = parse_datetime("2025-03-14").unwrap();
        assert_eq!(
            (format_datetime(dt), zone),
            ("2025-03-14T00:00".into(), ZoneText::default())
        );
        assert_eq!(parse_time("25:00"), None);
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
        assert_eq!(
            parse_duration("P2012-02-02T14:37:21.545").unwrap().iso(),
            "P2012Y2M2DT14H37M21.545S"
        );
        assert_eq!(parse_duration("-P1D").unwrap().iso(), "P-1D");
        for bad in ["P", "PT", "P1", "1D", "P1X"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

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
        let dt = date(1, 1, 1).and_hms_nano_opt(1, 1, 1, 1).unwrap();
        assert_eq!(format_datetime(dt), "0001-01-01T01:01:01.000000001");
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+01:00"), Some(3600));
        assert_eq!(parse_offset("-0800"), Some(-8 * 3600));
        assert_eq!(parse_offset("+02:05:59"), Some(2 * 3600 + 5 * 60 + 59));
        assert_eq!(parse_offset("Europe/Paris"), None);
    }
}
