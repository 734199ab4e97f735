// dataset: empty
// KNOWN BUG: toInteger() of a value outside the 64-bit range. A string silently saturates
// (toInteger('9223372036854775808') gives 9223372036854775807, toInteger('1e20') the same), while
// a float of the same size fails with TypeError.InvalidArgumentValue "ToInteger cannot take
// FLOAT", which is untrue (toInteger takes floats). README: integer overflow is an error, never a
// wrap; both should raise the overflow error (`-x` on the smallest integer gives
// ArgumentError.Overflow).

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
