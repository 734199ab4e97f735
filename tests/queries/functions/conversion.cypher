// dataset: empty
// toInteger, toFloat, toString, toBoolean and their OrNull forms.

RETURN toInteger('42') AS a, toInteger(4.7) AS b, toInteger(-4.7) AS c, toInteger('4.7') AS d, toInteger('x') AS e, toInteger('') AS f, toInteger(null) AS g, toInteger(7) AS h;
// expect:
// | a | b | c | d | e | f | g | h |
// | 42 | 4 | -4 | 4 | null | null | null | 7 |

RETURN toFloat('3.5') AS a, toFloat(3) AS b, toFloat('x') AS c, toFloat('1e3') AS d, toFloat(null) AS e, toFloat(2.5) AS f;
// expect:
// | a | b | c | d | e | f |
// | 3.5 | 3.0 | null | 1000.0 | null | 2.5 |

RETURN toString(42) AS a, toString(1.5) AS b, toString(true) AS c, toString(1.0) AS d, toString('s') AS e, toString(null) AS f;
// expect:
// | a | b | c | d | e | f |
// | '42' | '1.5' | 'true' | '1.0' | 's' | null |

RETURN toBoolean('true') AS a, toBoolean('false') AS b, toBoolean('yes') AS c, toBoolean(true) AS d, toBoolean(null) AS e, toBoolean(' true ') AS f;
// expect:
// | a | b | c | d | e | f |
// | true | false | null | true | null | true |

RETURN toIntegerOrNull([1]) AS a, toIntegerOrNull('12') AS b, toFloatOrNull({}) AS c, toFloatOrNull('2') AS d, toStringOrNull([1]) AS e, toStringOrNull(3) AS f, toBooleanOrNull(1.5) AS g, toBooleanOrNull('false') AS h;
// expect:
// | a | b | c | d | e | f | g | h |
// | null | 12 | null | 2.0 | null | '3' | null | false |

RETURN [x IN [1, 2.9, '3', '4.5', 'x', null] | toInteger(x)] AS ints, [x IN [1, 2.5, '3'] | toFloat(x)] AS floats;
// expect:
// | ints | floats |
// | [1, 2, 3, 4, null, null] | [1.0, 2.5, 3.0] |

RETURN toInteger([1]) AS bad;
// expect: error TypeError.InvalidArgumentValue

RETURN toBoolean(1.0) AS bad;
// expect: error TypeError.InvalidArgumentValue

RETURN toFloat(true) AS bad;
// expect: error TypeError.InvalidArgumentValue

RETURN toString([1]) AS bad;
// expect: error TypeError.InvalidArgumentValue
