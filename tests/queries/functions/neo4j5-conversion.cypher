// dataset: empty
// Conversions of lists (toStringList, toIntegerList, toFloatList, toBooleanList: each element
// converted, null where it cannot be), valueType, nullIf, isNaN.

RETURN toStringList([1, 2.5, true, 'x', null, [1], date('2025-03-14')]) AS s, toIntegerList(['1', 'x', 2.9, true, null, '2.5']) AS i, toFloatList([1, '2.5', 'x', false]) AS f, toBooleanList(['TRUE', 'no', 0, 1, 2.0, null]) AS b;
// expect:
// | s | i | f | b |
// | ['1', '2.5', 'true', 'x', null, null, '2025-03-14'] | [1, null, 2, 1, null, 2] | [1.0, 2.5, null, null] | [true, null, false, true, null, null] |

RETURN toIntegerList(null) AS a, toStringList([]) AS b;
// expect:
// | a | b |
// | null | [] |

RETURN toIntegerList('1,2') AS x;
// expect: error TypeError.InvalidArgumentValue

// The types Neo4j's valueType names, and how a list's element types combine.
UNWIND [null, 'abc', true, 1, 2.0, {a: 1}, [], date('2025-03-14'), localtime('12:00'), time('12:00+01:00'), localdatetime('2025-03-14T12:00'), datetime('2025-03-14T12:00Z'), duration('P1D')] AS value
RETURN valueType(value) AS type;
// expect:
// | type |
// | 'NULL' |
// | 'STRING NOT NULL' |
// | 'BOOLEAN NOT NULL' |
// | 'INTEGER NOT NULL' |
// | 'FLOAT NOT NULL' |
// | 'MAP NOT NULL' |
// | 'LIST<NOTHING> NOT NULL' |
// | 'DATE NOT NULL' |
// | 'LOCAL TIME NOT NULL' |
// | 'ZONED TIME NOT NULL' |
// | 'LOCAL DATETIME NOT NULL' |
// | 'ZONED DATETIME NOT NULL' |
// | 'DURATION NOT NULL' |

UNWIND [[1], [2.0, 2], ['3', true], [[1, 2]], [null], [1, null], [[1, null], [1]], [[], [1]], [1, 'a', null]] AS value
RETURN valueType(value) AS type;
// expect:
// | type |
// | 'LIST<INTEGER NOT NULL> NOT NULL' |
// | 'LIST<INTEGER NOT NULL \| FLOAT NOT NULL> NOT NULL' |
// | 'LIST<BOOLEAN NOT NULL \| STRING NOT NULL> NOT NULL' |
// | 'LIST<LIST<INTEGER NOT NULL> NOT NULL> NOT NULL' |
// | 'LIST<NULL> NOT NULL' |
// | 'LIST<INTEGER> NOT NULL' |
// | 'LIST<LIST<INTEGER> NOT NULL> NOT NULL' |
// | 'LIST<LIST<INTEGER NOT NULL> NOT NULL> NOT NULL' |
// | 'LIST<STRING \| INTEGER> NOT NULL' |

WITH [1, [], [2, [null]], [2.0, 2]] AS value
RETURN valueType(value) AS type;
// expect:
// | type |
// | 'LIST<INTEGER NOT NULL \| LIST<INTEGER NOT NULL \| FLOAT NOT NULL> NOT NULL \| LIST<INTEGER NOT NULL \| LIST<NULL> NOT NULL> NOT NULL> NOT NULL' |

CREATE (a:A)-[r:R]->(b:B) WITH a, r, b MATCH p = (a)-->(b) RETURN valueType(a) AS a, valueType(r) AS r, valueType(p) AS p;
// expect:
// | a | r | p |
// | 'NODE NOT NULL' | 'RELATIONSHIP NOT NULL' | 'PATH NOT NULL' |

RETURN nullIf(1, 1) AS a, nullIf(1, 1.0) AS b, nullIf('a', 'b') AS c, nullIf(null, 1) AS d, nullIf(1, null) AS e, nullIf(trim('  '), '') AS f;
// expect:
// | a | b | c | d | e | f |
// | null | null | 'a' | null | 1 | null |

RETURN isNaN(0.0 / 0.0) AS a, isNaN(1.5) AS b, isNaN(1) AS c, isNaN(null) AS d;
// expect:
// | a | b | c | d |
// | true | false | false | null |

RETURN isNaN('NaN') AS x;
// expect: error TypeError.InvalidArgumentValue
