// dataset: empty
// Date-times at the ends of the representable range, whose UTC instant lies outside it:
// they compare, group and report their epoch like any other (these used to crash kg).

WITH datetime({year: 262142, month: 12, day: 31, hour: 23, timezone: '-05:00'}) AS d
RETURN d = d AS same, d < d AS less, d > datetime('2020-01-01T00:00Z') AS later,
       d.epochSeconds AS s, d.epochMillis AS ms;
// expect:
// | same | less | later | s | ms |
// | true | false | true | 8210266891200 | 8210266891200000 |

// 23:00-05:00 and 22:00-06:00 are the same instant: equal, one group, one distinct value.
WITH datetime({year: 262142, month: 12, day: 31, hour: 23, timezone: '-05:00'}) AS a,
     datetime({year: 262142, month: 12, day: 31, hour: 22, timezone: '-06:00'}) AS b
UNWIND [a, b] AS d
RETURN a = b AS equal, count(DISTINCT d) AS kinds, count(*) AS rows;
// expect:
// | equal | kinds | rows |
// | true | 1 | 2 |

WITH datetime({year: -262143, month: 1, day: 1, hour: 1, timezone: '+05:00'}) AS d
RETURN d.epochSeconds AS s, d < datetime('0001-01-01T00:00Z') AS earlier;
// expect:
// | s | earlier |
// | -8334601243200 | true |

UNWIND [datetime({year: 262142, month: 12, day: 31, hour: 23, timezone: '-05:00'}),
        datetime({year: 262142, month: 12, day: 31, hour: 22, timezone: '-06:00'})] AS d
RETURN DISTINCT d.epochSeconds AS s;
// expect:
// | s |
// | 8210266891200 |

// From the epoch: the instant itself may lie past the range, as long as its local time does not.
RETURN datetime({epochMillis: 8210266891200000, timezone: '-05:00'}) AS d,
       datetime({epochSeconds: 8210266873200, nanosecond: 5}) AS utc;
// expect:
// | d | utc |
// | +262142-12-31T23:00-05:00 | +262142-12-31T23:00:00.000000005Z |

// 23:00Z exists, but not 04:00+05:00 the next day.
RETURN datetime({epochSeconds: 8210266873200, timezone: '+05:00'}) AS d;
// expect: error ArgumentError.Overflow

RETURN datetime({epochMillis: -9223372036854775808}) AS d;
// expect: error ArgumentError.Overflow
