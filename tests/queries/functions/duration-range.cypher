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
