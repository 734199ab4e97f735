// dataset: empty
// KNOWN BUG: abs() of the smallest integer overflows, like -x does; kg raises
// TypeError.InvalidArgumentValue with the message "Abs cannot take INTEGER", which is untrue
// (abs takes integers) and unlike `-x` on the same value (ArgumentError.Overflow).

UNWIND [-9223372036854775808] AS x RETURN -x AS y;
// expect: error ArgumentError.Overflow

UNWIND [-9223372036854775808] AS x RETURN abs(x) AS y;
// expect: error ArgumentError.Overflow
