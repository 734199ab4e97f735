//! Time zones: fixed offsets from UTC (`+01:00`) and the named zones of the IANA time-zone
//! database (`Europe/Stockholm`, from chrono-tz), with the rules for the local times a clock
//! change skips or repeats.

use chrono::{Days, NaiveDateTime, Offset, TimeZone as _};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::str::FromStr;

/// A named time zone. Stored by its name, so that a store written with one release of the
/// time-zone database reads with the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeZone(Tz);

impl TimeZone {
    /// A zone by its name, in any case, with spaces for underscores (`america/new york`), as
    /// Neo4j reads them.
    pub fn named(name: &str) -> Option<TimeZone> {
        let name = name.trim().replace(' ', "_");
        Tz::from_str(&name)
            .ok()
            .or_else(|| {
                chrono_tz::TZ_VARIANTS
                    .iter()
                    .copied()
                    .find(|tz| tz.name().eq_ignore_ascii_case(&name))
            })
            .map(TimeZone)
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The offset in force at a UTC date-time, in seconds east of UTC.
    pub fn offset_at(self, utc: NaiveDateTime) -> i32 {
        self.0
            .offset_from_utc_datetime(&utc)
            .fix()
            .local_minus_utc()
    }

    /// Whether the zone is at `offset` at the local date-time (in the hour a clock change
    /// repeats, two offsets are).
    pub fn has_offset(self, local: NaiveDateTime, offset: i32) -> bool {
        local
            .checked_sub_signed(chrono::Duration::seconds(i64::from(offset)))
            .is_some_and(|instant| self.offset_at(instant) == offset)
    }

    /// The offset of a local date-time, and the date-time itself, moved when the clock skipped
    /// it: in a gap (spring forward) the time moves later by the gap's length; in an overlap
    /// (fall back) the earlier of the two offsets counts. These are the rules of Neo4j (and
    /// java.time), so that `datetime({... timezone: 'Europe/Stockholm'})` agrees with it.
    pub fn resolve(self, local: NaiveDateTime) -> (NaiveDateTime, i32) {
        use chrono::LocalResult;
        match self.0.offset_from_local_datetime(&local) {
            LocalResult::Single(o) => (local, o.fix().local_minus_utc()),
            LocalResult::Ambiguous(earlier, later) => {
                let (a, b) = (
                    earlier.fix().local_minus_utc(),
                    later.fix().local_minus_utc(),
                );
                // The earlier instant is the one with the larger offset.
                (local, a.max(b))
            }
            LocalResult::None => {
                // The offset after the change (read a day later), then the offset before it:
                // the one in force at the instant the local time names under the later offset,
                // which lies before the change.
                let after = local
                    .checked_add_days(Days::new(1))
                    .map_or(0, |later| self.offset_at(shift(later, 0)));
                let before = self.offset_at(shift(local, after));
                let instant = shift(local, before);
                let offset = self.offset_at(instant);
                (shift(instant, -offset), offset)
            }
        }
    }
}

/// `local - offset` (a UTC time from a local one), saturating at the ends of chrono's range.
fn shift(local: NaiveDateTime, offset: i32) -> NaiveDateTime {
    local
        .checked_sub_signed(chrono::Duration::seconds(i64::from(offset)))
        .unwrap_or(local)
}

impl Serialize for TimeZone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        TimeZone::named(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown time zone '{name}'")))
    }
}

/// Where a time with a zone is: a fixed offset from UTC in seconds, or a named zone whose
/// offset depends on the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    Offset(i32),
    Named(TimeZone),
}

impl Zone {
    pub const UTC: Zone = Zone::Offset(0);

    /// `+01:00`, `Z`, `-0800` or a zone name.
    pub fn parse(text: &str) -> Option<Zone> {
        super::parse_offset(text)
            .map(Zone::Offset)
            .or_else(|| TimeZone::named(text).map(Zone::Named))
    }

    /// The offset of a local date-time in this zone (see [`TimeZone::resolve`]).
    pub fn resolve(self, local: NaiveDateTime) -> (NaiveDateTime, i32) {
        match self {
            Zone::Offset(o) => (local, o),
            Zone::Named(tz) => tz.resolve(local),
        }
    }

    /// The offset in force at a UTC date-time.
    pub fn offset_at(self, utc: NaiveDateTime) -> i32 {
        match self {
            Zone::Offset(o) => o,
            Zone::Named(tz) => tz.offset_at(utc),
        }
    }

    pub fn named(self) -> Option<TimeZone> {
        match self {
            Zone::Named(tz) => Some(tz),
            Zone::Offset(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn names_read_in_any_case() {
        assert_eq!(
            TimeZone::named("europe/stockholm").map(TimeZone::name),
            Some("Europe/Stockholm")
        );
        assert_eq!(
            TimeZone::named("America/New York").map(TimeZone::name),
            Some("America/New_York")
        );
        assert_eq!(TimeZone::named("Europe/Atlantis"), None);
    }

    #[test]
    fn gaps_move_later_and_overlaps_keep_the_earlier_offset() {
        let stockholm = TimeZone::named("Europe/Stockholm").unwrap();
        // 2017-03-26 02:30 does not exist: clocks went from 02:00 to 03:00.
        assert_eq!(
            stockholm.resolve(at(2017, 3, 26, 2, 30)),
            (at(2017, 3, 26, 3, 30), 7200)
        );
        // 2017-10-29 02:30 happened twice: first at +02:00.
        assert_eq!(
            stockholm.resolve(at(2017, 10, 29, 2, 30)),
            (at(2017, 10, 29, 2, 30), 7200)
        );
        assert_eq!(stockholm.resolve(at(1818, 7, 21, 21, 40)).1, 53 * 60 + 28);
    }
}
