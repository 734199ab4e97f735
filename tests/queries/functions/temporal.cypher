// dataset: empty
// Temporal values: construction from maps and ISO text, components, comparison and ordering,
// arithmetic with durations, and storage as properties.

RETURN date({year: 1910, month: 5, day: 6}) AS d, date('2024-02-29') AS leap, localtime({hour: 10, minute: 35}) AS t;
// expect:
// | d | leap | t |
// | 1910-05-06 | 2024-02-29 | 10:35 |

RETURN time({hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'}) AS t,
       localdatetime('1984-10-11T12:30:14.000000012') AS ldt,
       datetime({year: 1, month: 1, day: 1, hour: 1, minute: 1, second: 1, nanosecond: 1, timezone: '-11:59'}) AS dt;
// expect:
// | t | ldt | dt |
// | 12:31:14.645876123+01:00 | 1984-10-11T12:30:14.000000012 | 0001-01-01T01:01:01.000000001-11:59 |

WITH date('2015-07-21') AS d, datetime('2015-07-21T21:40:32.142+01:00') AS dt
RETURN d.year AS y, d.month AS m, d.day AS day, d.dayOfWeek AS dow, dt.hour AS h, dt.millisecond AS ms, dt.timezone AS tz;
// expect:
// | y | m | day | dow | h | ms | tz |
// | 2015 | 7 | 21 | 2 | 21 | 142 | '+01:00' |

RETURN duration({years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6.5}) AS d,
       duration('P2W') AS weeks, duration({seconds: -90}) AS back;
// expect:
// | d | weeks | back |
// | P1Y2M3DT4H5M6.5S | P14D | PT-1M-30S |

RETURN date('2020-01-31') + duration({months: 1}) AS clamped,
       date('2020-03-01') - duration({days: 1}) AS before,
       localtime('23:30') + duration({hours: 1}) AS wraps,
       duration({days: 1}) + duration({hours: 2}) AS sum;
// expect:
// | clamped | before | wraps | sum |
// | 2020-02-29 | 2020-02-29 | 00:30 | P1DT2H |

// Times with offsets compare as instants: 12:00+01:00 is 11:00 UTC.
RETURN time('12:00+01:00') < time('11:30Z') AS earlier, time('12:00+01:00') = time('11:00Z') AS same,
       date('2020-01-01') < date('2020-01-02') AS dates, date('2020-01-01') < localtime('10:00') AS mixed;
// expect:
// | earlier | same | dates | mixed |
// | true | true | true | null |

UNWIND [date('1985-05-06'), date('1910-05-06'), date('1980-10-24')] AS d
RETURN d ORDER BY d;
// expect:
// | d |
// | 1910-05-06 |
// | 1980-10-24 |
// | 1985-05-06 |

CREATE (:Event {name: 'launch', on: date('2026-04-01'), at: datetime('2026-04-01T09:00:00Z'), lasts: duration('PT2H')});
// expect: 0 rows

MATCH (e:Event) WHERE e.on >= date('2026-01-01') RETURN e.name AS name, e.on + duration({days: 1}) AS next, e.lasts AS lasts;
// expect:
// | name | next | lasts |
// | 'launch' | 2026-04-02 | PT2H |

RETURN date('2026-13-01') AS bad;
// expect: error ArgumentError.InvalidArgumentValue

// A time has no date, so a named zone gives it the offset the zone has now (as in Neo4j).
RETURN time({hour: 10, timezone: 'Europe/Stockholm'}).offset IN ['+01:00', '+02:00'] AS zoned;
// expect:
// | zoned |
// | true |

RETURN time('10:00[Europe/Stockholm]') AS zoned;
// expect: error ArgumentError.InvalidArgumentValue

// toString writes the ISO 8601 text, which the constructors read back.
WITH datetime('2015-07-21T21:40:32.142+01:00') AS dt
RETURN toString(date('2015-07-21')) AS d, toString(localtime('10:35')) AS t, toString(dt) AS s,
       toString(duration('P1DT2H')) AS dur, toStringOrNull(time('12:00Z')) AS z,
       datetime(toString(dt)) = dt AS back;
// expect:
// | d | t | s | dur | z | back |
// | '2015-07-21' | '10:35' | '2015-07-21T21:40:32.142+01:00' | 'P1DT2H' | '12:00Z' | true |
