// dataset: empty
// round with a precision and a rounding mode, as Neo4j 5 rounds: the decimal text of the
// number is rounded (2.675 is 2.68, although its binary value is a little less), halves
// away from zero by default; precision 0 without a mode rounds as round(x) does.

RETURN round(3.141592) AS a, round(-1.5) AS b, round(3.141592, 3) AS c, round(-1.5, 0) AS d, round(-1.55, 1) AS e, round(2.675, 2) AS f, round(7, 2) AS g, round(null, 2) AS h, round(1.5, null) AS i, round(1.5, 1, null) AS j;
// expect:
// | a | b | c | d | e | f | g | h | i | j |
// | 3.0 | -1.0 | 3.142 | -1.0 | -1.6 | 2.68 | 7.0 | null | null | null |

// The table of modes in Neo4j's manual.
UNWIND ['UP', 'DOWN', 'CEILING', 'FLOOR', 'HALF_UP', 'HALF_DOWN', 'HALF_EVEN'] AS mode
RETURN mode, round(1.249, 1, mode) AS positive, round(-1.251, 1, mode) AS negative, round(1.25, 1, mode) AS positiveTie, round(-1.35, 1, mode) AS negativeTie;
// expect:
// | mode | positive | negative | positiveTie | negativeTie |
// | 'UP' | 1.3 | -1.3 | 1.3 | -1.4 |
// | 'DOWN' | 1.2 | -1.2 | 1.2 | -1.3 |
// | 'CEILING' | 1.3 | -1.2 | 1.3 | -1.3 |
// | 'FLOOR' | 1.2 | -1.3 | 1.2 | -1.4 |
// | 'HALF_UP' | 1.2 | -1.3 | 1.3 | -1.4 |
// | 'HALF_DOWN' | 1.2 | -1.3 | 1.2 | -1.3 |
// | 'HALF_EVEN' | 1.2 | -1.3 | 1.2 | -1.4 |

// Digits far below the precision, a carry into a new digit, infinities and NaN.
RETURN round(0.0004, 2, 'UP') AS a, round(0.0004, 2) AS b, round(9.96, 1) AS c, round(123.456, 0, 'HALF_EVEN') AS d, round(1.0 / 0.0, 2) AS e, isNaN(round(0.0 / 0.0, 2)) AS f, round(2.5, 0, 'HALF_EVEN') AS g;
// expect:
// | a | b | c | d | e | f | g |
// | 0.01 | 0.0 | 10.0 | 123.0 | Infinity | true | 2.0 |

RETURN round(1.5, -1) AS x;
// expect: error ArgumentError.NumberOutOfRange

RETURN round(1.5, 1, 'NEAREST') AS x;
// expect: error ArgumentError.InvalidArgumentValue

RETURN round(1.5, 1.5) AS x;
// expect: error TypeError.InvalidArgumentValue

RETURN round('1.5') AS x;
// expect: error TypeError.InvalidArgumentValue

RETURN round(1.5, 1, 'UP', 2) AS x;
// expect: error SyntaxError.InvalidArgumentType
