// dataset: empty
// Durations far from zero: components that do not fit in an integer are an overflow error,
// never clamped to the largest integer.

WITH duration({seconds: 9000000000}) + duration({seconds: 9000000000}) AS d
RETURN d.seconds AS s, d.milliseconds AS ms;
// expect:
// | s | ms |
// | 18000000000 | 18000000000000 |

WITH duration({seconds: 9000000000}) + duration({seconds: 9000000000}) AS d
RETURN d.nanoseconds AS ns;
// expect: error ArgumentError.Overflow

WITH duration({seconds: -9000000000}) + duration({seconds: -9000000000}) AS d
RETURN d.microseconds AS us;
// expect:
// | us |
// | -18000000000000000 |

// Whole parts are counted exactly: a large amount keeps its last nanosecond, from a map or text.
RETURN duration({seconds: 1e7, nanoseconds: 1}) AS map, duration('PT10000000.000000001S') AS text,
       duration({nanoseconds: 9223372036854775807}) AS most, duration({seconds: 1e10}) AS big,
       duration({hours: 2562047788015215}) AS hours;
// expect:
// | map | text | most | big | hours |
// | PT2777H46M40.000000001S | PT2777H46M40.000000001S | PT2562047H47M16.854775807S | PT2777777H46M40S | PT2562047788015215H |

// Fractions still carry down: half a year is six months, half a month 15.2184375 days.
RETURN duration({years: 1.5}) AS y, duration({months: 0.5}) AS m, duration('P0.5M') AS t,
       duration({days: 1.5, hours: -0.25}) AS mixed, duration('PT-0.000000001S') AS tiny;
// expect:
// | y | m | t | mixed | tiny |
// | P1Y6M | P15DT5H14M33S | P15DT5H14M33S | P1DT11H45M | PT-0.000000001S |

RETURN duration({days: 1e300}) AS d;
// expect: error ArgumentError.Overflow

RETURN duration({hours: 2562047788015216}) AS d;
// expect: error ArgumentError.Overflow

// Just past the longest span chrono can add (i64::MAX milliseconds): an error, not a crash.
RETURN localdatetime('2020-01-01T00:00') + duration({seconds: 9223372036854775, milliseconds: 900}) AS t;
// expect: error ArgumentError.Overflow

RETURN datetime('2020-01-01T00:00Z') - duration({seconds: 9223372036854775, milliseconds: 900}) AS t;
// expect: error ArgumentError.Overflow
