// dataset: empty
// List functions: size, head, last, tail, range, reverse, coalesce, isEmpty.

RETURN size([1, 2, 3]) AS list, size('héllo') AS string, size([]) AS empty, size(null) AS nul;
// expect:
// | list | string | empty | nul |
// | 3 | 5 | 0 | null |

RETURN head([1, 2, 3]) AS head, last([1, 2, 3]) AS last, tail([1, 2, 3]) AS tail;
// expect:
// | head | last | tail |
// | 1 | 3 | [2, 3] |

RETURN head([]) AS head, last([]) AS last, tail([]) AS tail, head(null) AS h, tail(null) AS t, head([null, 1]) AS hn;
// expect:
// | head | last | tail | h | t | hn |
// | null | null | [] | null | null | null |

RETURN range(1, 4) AS up, range(4, 1, -1) AS down, range(0, 9, 4) AS step, range(1, 1, -1) AS one;
// expect:
// | up | down | step | one |
// | [1, 2, 3, 4] | [4, 3, 2, 1] | [0, 4, 8] | [1] |

RETURN reverse([1, 'a', null]) AS list, reverse('abc') AS string, reverse('') AS empty, reverse(null) AS nul;
// expect:
// | list | string | empty | nul |
// | [null, 'a', 1] | 'cba' | '' | null |

RETURN coalesce(null, null, 3, 4) AS a, coalesce(null) AS b, coalesce('x', 1) AS c, coalesce([], 1) AS d;
// expect:
// | a | b | c | d |
// | 3 | null | 'x' | [] |

RETURN isEmpty([]) AS a, isEmpty('') AS b, isEmpty({}) AS c, isEmpty([0]) AS d, isEmpty(' ') AS e, isEmpty(null) AS f;
// expect:
// | a | b | c | d | e | f |
// | true | true | true | false | false | null |

WITH [5, 3, 9] AS l RETURN size(l) AS n, l[size(l) - 1] = last(l) AS same, head(tail(l)) AS second;
// expect:
// | n | same | second |
// | 3 | true | 3 |

// range() checks the memory a list needs before making it, instead of cutting it short: a
// list of 9e18 elements is past any memory limit.
RETURN size(range(1, 9000000000000000000)) AS n;
// expect: error SemanticError.MemoryLimit

RETURN range(-9223372036854775808, 9223372036854775807, 9223372036854775807) AS r,
       range(9223372036854775805, 9223372036854775807) AS top, range(0, 10, -1) AS none,
       range(10, 0, -4) AS down, range(3, 3, -1) AS one;
// expect:
// | r | top | none | down | one |
// | [-9223372036854775808, -1, 9223372036854775806] | [9223372036854775805, 9223372036854775806, 9223372036854775807] | [] | [10, 6, 2] | [3] |
