// dataset: empty
// millisecond, microsecond and nanosecond add up to the fraction of a second; each stays in
// its own range, so no combination wraps around into some other valid time.

RETURN localtime({hour: 10, millisecond: 645, microsecond: 876, nanosecond: 123}) AS t,
       time({hour: 10, microsecond: 999999, timezone: 'Z'}) AS u;
// expect:
// | t | u |
// | 10:00:00.645876123 | 10:00:00.999999Z |

// 2^58 milliseconds are 0 nanoseconds modulo 2^64.
RETURN localtime({hour: 10, millisecond: 288230376151711744}) AS t;
// expect: error ArgumentError.InvalidArgumentValue

RETURN localdatetime({year: 2020, microsecond: 2305843009213693952}) AS t;
// expect: error ArgumentError.InvalidArgumentValue

RETURN localtime({hour: 10, millisecond: 1, nanosecond: -1}) AS t;
// expect: error ArgumentError.InvalidArgumentValue

RETURN localtime({hour: 23, minute: 59, second: 59, millisecond: 999, nanosecond: 999999999}) AS t;
// expect: error ArgumentError.InvalidArgumentValue
