// dataset: empty
// An integer and a float that are equal are one value for DISTINCT and grouping, even near
// the ends of the integer range, where a float is only approximately an integer.

UNWIND [9210000000000000000, 9.21e18] AS x RETURN DISTINCT x;
// expect:
// | x |
// | 9210000000000000000 |

UNWIND [-9223372036854775808, -9.223372036854775808e18, 1, 1.0] AS x RETURN x, count(*) AS n;
// expect:
// | x | n |
// | -9223372036854775808 | 2 |
// | 1 | 2 |

// 2^63 is one past the largest integer: a different value.
UNWIND [9223372036854775807, 9.223372036854775808e18] AS x
RETURN count(DISTINCT x) AS n, 9223372036854775807 = 9.223372036854775808e18 AS same,
       9223372036854775807 < 9.223372036854775808e18 AS below;
// expect:
// | n | same | below |
// | 2 | false | true |

RETURN 9210000000000000000 = 9.21e18 AS same, -3 < -2.5 AS a, -2 > -2.5 AS b;
// expect:
// | same | a | b |
// | true | true | true |
