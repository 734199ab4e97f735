// dataset: empty
// String functions: toLower, toUpper, trim, ltrim, rtrim, replace, substring, left, right, split.

RETURN toLower('HeLLo') AS lower, toUpper('HeLLo') AS upper, toLower(null) AS nul;
// expect:
// | lower | upper | nul |
// | 'hello' | 'HELLO' | null |

RETURN trim('  x y  ') AS trim, ltrim('  x  ') AS ltrim, rtrim('  x  ') AS rtrim, trim('') AS empty;
// expect:
// | trim | ltrim | rtrim | empty |
// | 'x y' | 'x  ' | '  x' | '' |

RETURN replace('banana', 'an', 'AN') AS a, replace('aaa', 'a', '') AS b, replace('abc', 'x', 'y') AS c, replace('a', null, 'b') AS d;
// expect:
// | a | b | c | d |
// | 'bANANa' | '' | 'abc' | null |

RETURN substring('hello', 1, 3) AS a, substring('hello', 2) AS b, substring('hello', 10) AS c, substring('hello', 1, 0) AS d, substring('hello', 3, 100) AS e, substring(null, 1) AS f;
// expect:
// | a | b | c | d | e | f |
// | 'ell' | 'llo' | '' | '' | 'lo' | null |

RETURN left('hello', 2) AS a, right('hello', 2) AS b, left('hi', 10) AS c, right('hi', 0) AS d, left(null, 1) AS e;
// expect:
// | a | b | c | d | e |
// | 'he' | 'lo' | 'hi' | '' | null |

// Positions and lengths count characters, not bytes.
RETURN substring('héllo', 1, 2) AS a, left('héllo', 2) AS b, right('naïve', 3) AS c, reverse('añb') AS d, toUpper('é') AS e;
// expect:
// | a | b | c | d | e |
// | 'él' | 'hé' | 'ïve' | 'bña' | 'É' |

// Splitting on '' is in known-bugs/split-on-empty-delimiter.cypher.
RETURN split('a,b,,c', ',') AS a, split('', ',') AS c, split('a--b', '--') AS d, split(null, ',') AS e, split(',a,', ',') AS f;
// expect:
// | a | c | d | e | f |
// | ['a', 'b', '', 'c'] | [''] | ['a', 'b'] | null | ['', 'a', ''] |

RETURN substring('abc', -1) AS bad;
// expect: error ArgumentError.NumberOutOfRange

RETURN left('abc', -1) AS bad;
// expect: error ArgumentError.NumberOutOfRange

RETURN toUpper(1) AS bad;
// expect: error TypeError.InvalidArgumentValue
