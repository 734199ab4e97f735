// dataset: empty
// Equality and order across types; ORDER BY's total order of mixed values.

RETURN 1 = 1.0 AS a, 1 < 1.5 AS b, 'a' < 'b' AS c, 'B' < 'a' AS d, 1 = '1' AS e, 1 < 'a' AS f;
// expect:
// | a | b | c | d | e | f |
// | true | true | true | true | false | null |

RETURN [1, 2] = [1, 2] AS a, [1] = [1.0] AS b, [1, null] = [1, null] AS c, [1, 2] = [3, null] AS d, [1] = [1, 2] AS e;
// expect:
// | a | b | c | d | e |
// | true | true | null | false | false |

RETURN {a: 1, b: 'x'} = {b: 'x', a: 1} AS a, {a: 1} = {a: 1, b: 2} AS b, {a: null} = {a: null} AS c;
// expect:
// | a | b | c |
// | true | false | null |

RETURN true > false AS a, 'abc' < 'abd' AS b, '' < 'a' AS c, 'Z' < 'a' AS d, 2 >= 2.0 AS e, -1 < -0.5 AS f;
// expect:
// | a | b | c | d | e | f |
// | true | true | true | true | true | true |

// NaN is not equal to anything, itself included.
WITH 0.0 / 0.0 AS nan RETURN nan = nan AS eq, nan <> nan AS ne, nan > 1 AS gt;
// expect:
// | eq | ne | gt |
// | false | true | false |

RETURN 1.0 / 0.0 AS inf, -1.0 / 0.0 AS neg_inf, 0.0 / 0.0 AS nan;
// expect:
// | inf | neg_inf | nan |
// | Infinity | -Infinity | NaN |

RETURN 'a' <> 1 AS a, 'a' = 'a' AS b, 1 <> 2 AS c, 1 != 2 AS d;
// expect:
// | a | b | c | d |
// | true | true | true | true |

// ORDER BY: maps, lists, strings, booleans, numbers, then null last.
UNWIND [1, 'a', null, 2.5, true, [1], {k: 1}, false, -3] AS x RETURN x ORDER BY x;
// expect:
// | x |
// | {k: 1} |
// | [1] |
// | 'a' |
// | false |
// | true |
// | -3 |
// | 1 |
// | 2.5 |
// | null |

UNWIND [1, 'a', null, 2.5, true] AS x RETURN x ORDER BY x DESC;
// expect:
// | x |
// | null |
// | 2.5 |
// | 1 |
// | true |
// | 'a' |

UNWIND [[1, 2], [1], [], [0, 5], [1, 'a']] AS l RETURN l ORDER BY l;
// expect:
// | l |
// | [] |
// | [0, 5] |
// | [1] |
// | [1, 'a'] |
// | [1, 2] |

// NaN sorts after every other number, before null; max follows the same order.
UNWIND [1.0, 0.0 / 0.0, -1.0, null] AS x RETURN x ORDER BY x;
// expect:
// | x |
// | -1.0 |
// | 1.0 |
// | NaN |
// | null |

UNWIND [1.0, 0.0 / 0.0, -1.0] AS x RETURN min(x) AS min, max(x) AS max;
// expect:
// | min | max |
// | -1.0 | NaN |

RETURN {a: 1} = {a: 1.0} AS a, {k: 1} IN [{k: 1}] AS b, [{k: [1]}] = [{k: [1.0]}] AS c, 'a' + [1] AS d, [1] + 'a' AS e;
// expect:
// | a | b | c | d | e |
// | true | true | true | ['a', 1] | [1, 'a'] |

// Lists compare by their first unequal elements with the same rules as the elements: NaN
// against a number is false, null unknown.
WITH 0.0 / 0.0 AS nan
RETURN [nan] < [1] AS a, [nan] > [1] AS b, [1, nan] >= [1, 2] AS c, [nan] < [nan] AS d,
       [[nan]] <= [[1]] AS e, [1, null] < [2, null] AS f, [null, 1] < [null, 2] AS g,
       [1, 2] < [1, 2, nan] AS h, [nan] < ['a'] AS i;
// expect:
// | a | b | c | d | e | f | g | h | i |
// | false | false | false | false | false | true | null | true | null |
