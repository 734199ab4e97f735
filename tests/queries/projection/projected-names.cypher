// dataset: empty
// After DISTINCT or aggregation an expression that repeats a projected one reads its column,
// but only where its names still mean what they meant in the projection: a name rebound by
// the projection itself or by an inner scope (comprehension, quantifier, reduce) is that
// newer variable.

UNWIND [0, 1] AS x WITH DISTINCT x WHERE any(x IN [0] WHERE x = 0) RETURN x;
// expect:
// | x |
// | 0 |
// | 1 |

UNWIND [{x: 1}, {x: 2}] AS m WITH DISTINCT m.x AS k WHERE any(m IN [{x: 5}] WHERE m.x = 5) RETURN k;
// expect:
// | k |
// | 1 |
// | 2 |

UNWIND [1, 2] AS x RETURN x, [x IN collect(x * 10) | x] AS l;
// expect:
// | x | l |
// | 1 | [10] |
// | 2 | [20] |

UNWIND [{x: 1}, {x: 2}] AS m RETURN m.x AS k, reduce(s = 0, m IN collect({x: 10}) | s + m.x) AS r;
// expect:
// | k | r |
// | 1 | 10 |
// | 2 | 10 |

UNWIND [1, 2] AS a WITH a, a + 1 AS b WITH DISTINCT a AS b, b AS a WHERE a = 2 RETURN a, b;
// expect:
// | a | b |
// | 2 | 1 |

// A grouping key variable is still read from its key after the aggregation.
UNWIND [1, 2, 2] AS x RETURN x, x + count(*) AS c;
// expect:
// | x | c |
// | 1 | 2 |
// | 2 | 4 |

UNWIND [2, 1] AS x RETURN x AS y, count(*) AS c ORDER BY x;
// expect:
// | y | c |
// | 1 | 1 |
// | 2 | 1 |

// ORDER BY a name sorts by the column of that name, even where another column repeats the
// text of the name.
UNWIND [1, 2] AS a WITH a, 3 - a AS b WITH a AS b, b AS a ORDER BY a RETURN a, b;
// expect:
// | a | b |
// | 1 | 2 |
// | 2 | 1 |

UNWIND [1, 2] AS a WITH a, 3 - a AS b RETURN a AS b, b AS a ORDER BY a DESC;
// expect:
// | b | a |
// | 1 | 2 |
// | 2 | 1 |
