// dataset: empty
// abs() of the smallest integer overflows, exactly like -x on it: ArgumentError.Overflow.

UNWIND [-9223372036854775808] AS x RETURN -x AS y;
// expect: error ArgumentError.Overflow

UNWIND [-9223372036854775808] AS x RETURN abs(x) AS y;
// expect: error ArgumentError.Overflow
