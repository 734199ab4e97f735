// dataset: empty
// Lists and maps: indexing, slicing, concatenation, IN, comprehensions, quantifiers, reduce, CASE.

RETURN [1, 2, 3][0] AS a, [1, 2, 3][-1] AS b, [1, 2, 3][5] AS c, [1, 2, 3][null] AS d, null[0] AS e;
// expect:
// | a | b | c | d | e |
// | 1 | 3 | null | null | null |

RETURN [1, 2, 3, 4, 5][1..3] AS a, [1, 2, 3, 4, 5][..2] AS b, [1, 2, 3, 4, 5][-2..] AS c, [1, 2, 3][2..1] AS d, [1, 2, 3][0..10] AS e, [1, 2, 3][null..2] AS f;
// expect:
// | a | b | c | d | e | f |
// | [2, 3] | [1, 2] | [4, 5] | [] | [1, 2, 3] | null |

RETURN [1, 2] + [3] AS a, [1] + 2 AS b, 0 + [1] AS c, [[1]] + [[2]] AS d, [] + [] AS e, [1] + null AS f;
// expect:
// | a | b | c | d | e | f |
// | [1, 2, 3] | [1, 2] | [0, 1] | [[1], [2]] | [] | null |

RETURN 1 IN [1, null] AS a, 2 IN [1, null] AS b, null IN [] AS c, null IN [1] AS d, [1] IN [[1], 2] AS e, 3 IN [1, 2] AS f;
// expect:
// | a | b | c | d | e | f |
// | true | null | false | null | true | false |

RETURN {a: 1, b: {c: 2}}.b.c AS a, {a: 1}['a'] AS b, {a: 1}.z AS c, {a: [1, 2]}.a[1] AS d;
// expect:
// | a | b | c | d |
// | 2 | 1 | null | 2 |

WITH {a: 1, b: 2} AS m RETURN m {.a, c: 3} AS a, m {.*} AS b, m {.a, .zz} AS c;
// expect:
// | a | b | c |
// | {a: 1, c: 3} | {a: 1, b: 2} | {a: 1, zz: null} |

RETURN [x IN range(1, 5) WHERE x % 2 = 1 | x * 10] AS a, [x IN [1, 2] | x + 1] AS b, [x IN [1, 2, 3] WHERE x > 1] AS c, [x IN [] | x] AS d, [x IN null | x] AS e;
// expect:
// | a | b | c | d | e |
// | [10, 30, 50] | [2, 3] | [2, 3] | [] | null |

RETURN [x IN [1, 2] | [y IN [10, 20] | x * y]] AS nested;
// expect:
// | nested |
// | [[10, 20], [20, 40]] |

RETURN all(x IN [1, 2, 3] WHERE x > 0) AS a, any(x IN [1, 2, 3] WHERE x > 2) AS b, none(x IN [1, 2, 3] WHERE x > 3) AS c, single(x IN [1, 2, 3] WHERE x > 2) AS d, single(x IN [1, 2, 3] WHERE x > 1) AS e;
// expect:
// | a | b | c | d | e |
// | true | true | true | true | false |

// Quantifiers over nulls: unknown unless the known elements decide.
RETURN all(x IN [1, null] WHERE x > 0) AS a, any(x IN [1, null] WHERE x > 0) AS b, any(x IN [0, null] WHERE x > 0) AS c, none(x IN [1, null] WHERE x > 0) AS d, single(x IN [1, null] WHERE x > 0) AS e, single(x IN [1, 2, null] WHERE x > 0) AS f;
// expect:
// | a | b | c | d | e | f |
// | null | true | null | false | null | false |

RETURN all(x IN [] WHERE false) AS a, any(x IN [] WHERE true) AS b, none(x IN [] WHERE true) AS c, single(x IN [] WHERE true) AS d, all(x IN null WHERE true) AS e;
// expect:
// | a | b | c | d | e |
// | true | false | true | false | null |

RETURN reduce(acc = 0, x IN [1, 2, 3] | acc + x) AS sum, reduce(s = '', x IN ['a', 'b'] | s + x) AS text, reduce(acc = 7, x IN [] | acc + x) AS empty;
// expect:
// | sum | text | empty |
// | 6 | 'ab' | 7 |

UNWIND [1, 2, 3, null] AS x
RETURN x, CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END AS simple,
       CASE WHEN x > 2 THEN 'big' WHEN x > 1 THEN 'mid' END AS searched;
// expect:
// | x | simple | searched |
// | 1 | 'one' | null |
// | 2 | 'two' | 'mid' |
// | 3 | 'many' | 'big' |
// | null | 'many' | null |

// A simple CASE compares with =, so null never matches WHEN null.
RETURN CASE null WHEN null THEN 'matched' ELSE 'not matched' END AS a, CASE WHEN null THEN 'x' ELSE 'y' END AS b;
// expect:
// | a | b |
// | 'not matched' | 'y' |

RETURN range(0, 10, 3) AS a, range(5, 1, -2) AS b, range(1, 0) AS c, range(2, 2) AS d;
// expect:
// | a | b | c | d |
// | [0, 3, 6, 9] | [5, 3, 1] | [] | [2] |

UNWIND keys({b: 1, a: 2, c: null}) AS k RETURN k ORDER BY k;
// expect:
// | k |
// | 'a' |
// | 'b' |
// | 'c' |

RETURN [1, [2, [3]], {k: [4]}] AS nested, size([null, null]) AS nulls;
// expect:
// | nested | nulls |
// | [1, [2, [3]], {k: [4]}] | 2 |
