// dataset: empty
// Arithmetic and the numeric functions: abs, ceil, floor, round, sign, sqrt, exp, log, log10,
// e, pi, rand, the trigonometric functions and timestamp.

RETURN 7 / 2 AS a, -7 / 2 AS b, 7 % 3 AS c, -7 % 3 AS d, 7.0 / 2 AS e, 7 % 2.5 AS f, 2 ^ 3 AS g, 2 ^ -1 AS h, 1 - 2 * 3 AS i, (1 - 2) * 3 AS j;
// expect:
// | a | b | c | d | e | f | g | h | i | j |
// | 3 | -3 | 1 | -1 | 3.5 | 2.0 | 8.0 | 0.5 | -5 | -3 |

// Unary minus binds tighter than ^ (openCypher), and ^ associates to the left.
RETURN -2 ^ 2 AS a, 2 ^ 3 ^ 2 AS b, -(2 ^ 2) AS c;
// expect:
// | a | b | c |
// | 4.0 | 64.0 | -4.0 |

// Unary plus is the identity on numbers (the sign of -0.0 included) and refuses the rest.
RETURN +1 AS i, +(-2.5) AS f, 1.0 / +(-0.0) AS neg, +(-9223372036854775808) AS min, +null AS n;
// expect:
// | i | f | neg | min | n |
// | 1 | -2.5 | -Infinity | -9223372036854775808 | null |

RETURN +'a' AS x;
// expect: error SyntaxError.InvalidArgumentType

// Where the type is known only when running, the error comes then.
UNWIND ['a'] AS s RETURN +s AS x;
// expect: error TypeError.InvalidArgumentType

UNWIND [[1]] AS l RETURN +l AS x;
// expect: error TypeError.InvalidArgumentType

RETURN 0x1F AS hex, 0o17 AS octal, 1e3 AS exp, .5 AS frac, 1.5e-1 AS small, -9223372036854775808 AS min, 9223372036854775807 AS max;
// expect:
// | hex | octal | exp | frac | small | min | max |
// | 31 | 15 | 1000.0 | 0.5 | 0.15 | -9223372036854775808 | 9223372036854775807 |

RETURN abs(-3) AS a, abs(-2.5) AS b, abs(null) AS c, ceil(1.2) AS d, ceil(1) AS e, floor(-1.2) AS f, round(2.5) AS g, round(2.4) AS h, round(-1.6) AS i;
// expect:
// | a | b | c | d | e | f | g | h | i |
// | 3 | 2.5 | null | 2.0 | 1.0 | -2.0 | 3.0 | 2.0 | -2.0 |

RETURN sign(-5) AS a, sign(0) AS b, sign(2.5) AS c, sign(-0.5) AS d, sign(null) AS e;
// expect:
// | a | b | c | d | e |
// | -1 | 0 | 1 | -1 | null |

RETURN sqrt(16) AS a, sqrt(-1) AS b, exp(0) AS c, log(e()) AS d, log10(1000) AS e, log(0) AS f, exp(1) = e() AS g;
// expect:
// | a | b | c | d | e | f | g |
// | 4.0 | NaN | 1.0 | 1.0 | 3.0 | -Infinity | true |

RETURN e() AS e, pi() AS pi;
// expect:
// | e | pi |
// | 2.718281828459045 | 3.141592653589793 |

RETURN sin(0) AS sin, cos(0) AS cos, tan(0) AS tan, asin(1) AS asin, acos(1) AS acos, atan(1) AS atan, atan2(1, 1) AS atan2, degrees(pi()) AS deg, radians(180) AS rad;
// expect:
// | sin | cos | tan | asin | acos | atan | atan2 | deg | rad |
// | 0.0 | 1.0 | 0.0 | 1.5707963267948966 | 0.0 | 0.7853981633974483 | 0.7853981633974483 | 180.0 | 3.141592653589793 |

RETURN sin(null) AS a, atan2(null, 1) AS b, asin(2) AS c;
// expect:
// | a | b | c |
// | null | null | NaN |

UNWIND range(1, 20) AS i WITH rand() AS r RETURN min(r) >= 0.0 AS low, max(r) < 1.0 AS high, count(DISTINCT r) > 1 AS varies;
// expect:
// | low | high | varies |
// | true | true | true |

// timestamp() is milliseconds since 1970, the same through one statement.
WITH timestamp() AS t RETURN t > 1600000000000 AS recent, t = toInteger(t) AS integer;
// expect:
// | recent | integer |
// | true | true |

RETURN 0.1 + 0.2 AS a, 1 + 2.0 AS b, 3 * 1.5 AS c, 10 / 4.0 AS d, 1 / 3.0 AS e;
// expect:
// | a | b | c | d | e |
// | 0.30000000000000004 | 3.0 | 4.5 | 2.5 | 0.3333333333333333 |

RETURN 1 + null AS a, null * 2 AS b, -null AS c, null ^ 2 AS d, 5 % null AS e;
// expect:
// | a | b | c | d | e |
// | null | null | null | null | null |
