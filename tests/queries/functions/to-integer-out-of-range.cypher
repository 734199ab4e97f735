// dataset: empty
// toInteger() of a value outside the 64-bit range is an overflow error, never a silent
// saturation; in range, strings and floats convert.

RETURN toInteger('9223372036854775808') AS x;
// expect: error ArgumentError.Overflow

RETURN toInteger('1e20') AS x;
// expect: error ArgumentError.Overflow

RETURN toInteger(1e20) AS x;
// expect: error ArgumentError.Overflow

// In range, both paths work (these pass today).
RETURN toInteger('9223372036854775807') AS a, toInteger(-9.2e18) AS b, toIntegerOrNull(1e20) AS c;
// expect:
// | a | b | c |
// | 9223372036854775807 | -9200000000000000000 | null |
