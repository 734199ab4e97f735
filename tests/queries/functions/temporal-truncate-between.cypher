// dataset: empty
// Truncation, the time between two values, and arithmetic across types: what people try
// first, with the answers Neo4j gives.

RETURN date.truncate('month', date('2025-03-14')) AS month,
       date.truncate('weekYear', date('2021-01-01')) AS week_year,
       datetime.truncate('hour', datetime('2025-03-14T09:41:07[Europe/Paris]')) AS hour,
       localtime.truncate('minute', localtime('09:41:07.5')) AS minute,
       date.truncate('month', date('2025-03-14'), {day: 15}) AS mid_month;
// expect:
// | month | week_year | hour | minute | mid_month |
// | 2025-03-01 | 2019-12-30 | 2025-03-14T09:00+01:00[Europe/Paris] | 09:41 | 2025-03-15 |

RETURN date.truncate('fortnight', date('2025-03-14')) AS d;
// expect: error ArgumentError.InvalidArgumentValue

// A date has no hours to cut to.
RETURN date.truncate('hour', datetime('2025-03-14T09:41Z')) AS d;
// expect: error ArgumentError.InvalidArgumentValue

// Subtracting dates is not defined (Neo4j refuses it too): the error names duration.between.
RETURN date('2025-03-14') - date('2025-01-01') AS d;
// expect: error TypeError.InvalidArgumentType

RETURN duration.between(date('2025-01-01'), date('2025-03-14')) AS between,
       duration.inMonths(date('2025-01-31'), date('2025-03-14')) AS months,
       duration.inDays(date('2025-01-01'), date('2025-03-14')).days AS days,
       duration.inSeconds(localtime('09:00'), localtime('17:30')) AS seconds;
// expect:
// | between | months | days | seconds |
// | P2M13D | P1M | 72 | PT8H30M |

// A month is not a month until the same time on the same day of the month.
RETURN duration.between(localdatetime('2025-01-31T12:00'), localdatetime('2025-02-28T11:00')) AS short,
       duration.between(datetime('2025-03-14T10:00+01:00'), datetime('2025-03-14T08:00-05:00')) AS zones;
// expect:
// | short | zones |
// | P27DT23H | PT4H |

RETURN duration.between(date('2025-01-01'), 42) AS d;
// expect: error TypeError.InvalidArgumentType

RETURN duration.between(null, date()) AS d;
// expect:
// | d |
// | null |

// Durations scale by numbers; fractions carry down to smaller units.
WITH duration('P1M1DT1H') AS d
RETURN d * 2 AS twice, d / 2 AS half, -d AS negated, 0.5 * d AS also_half;
// expect:
// | twice | half | negated | also_half |
// | P2M2DT2H | P15DT17H44M33S | P-1M-1DT-1H | P15DT17H44M33S |

RETURN duration('PT1H') / 0 AS d;
// expect: error ArgumentError.DivisionByZero

// Week and ordinal dates, and date-only or partial texts.
RETURN date('2015-W30-2') AS week, date('2015-202') AS ordinal, localtime('2140') AS short,
       datetime.fromEpoch(1436996432, 142000000) AS epoch, datetime.fromEpochMillis(0) AS zero;
// expect:
// | week | ordinal | short | epoch | zero |
// | 2015-07-21 | 2015-07-21 | 21:40 | 2015-07-15T21:40:32.142Z | 1970-01-01T00:00Z |

RETURN date('-999999999-01-01') AS d;
// expect: error ArgumentError.InvalidArgumentValue
