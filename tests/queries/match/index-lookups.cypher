// dataset: empty
// Lookups through a declared index must find exactly what `=` and `<` find without one: NaN
// (alone or in a list) and null included, integers and floats alike, other types never.

CREATE (:L {k: [0.0/0.0], n: 1}), (:L {k: [1, 2], n: 2}), (:L {k: 1, n: 3}), (:L {k: 1.0, n: 4}),
       (:L {k: 0.0/0.0, n: 5}), (:L {k: 'one', n: 6}), (:L {k: 2.5, n: 7}), (:L {n: 8});
// expect: 0 rows

CREATE INDEX l_k FOR (x:L) ON (x.k);
// expect: 0 rows

EXPLAIN MATCH (x:L {k: [0.0/0.0]}) RETURN x.n AS n;
// expect:
// | operator | details | estimated rows |
// | 'stage 0' | 'reads' | 1 |
// | '  Project' | 'n' | 1 |
// | '    NodeIndexSeek' | 'x:L {k: …} by x.k = … in index l_k' | 1 |

MATCH (x:L {k: [0.0/0.0]}) RETURN x.n AS n;
// expect: 0 rows

MATCH (x:L {k: 0.0/0.0}) RETURN x.n AS n;
// expect: 0 rows

MATCH (x:L {k: [1.0, 2]}) RETURN x.n AS n;
// expect:
// | n |
// | 2 |

MATCH (x:L) WHERE x.k = 1 RETURN x.n AS n ORDER BY n;
// expect:
// | n |
// | 3 |
// | 4 |

EXPLAIN MATCH (x:L) WHERE x.k > 1 RETURN x.n AS n;
// expect:
// | operator | details | estimated rows |
// | 'stage 0' | 'reads' | 1 |
// | '  Project' | 'n' | 1 |
// | '    Filter' | 'on x' | 1 |
// | '      NodeIndexSeek' | 'x:L by x.k > … in index l_k' | 2 |

MATCH (x:L) WHERE x.k > 1 RETURN x.n AS n ORDER BY n;
// expect:
// | n |
// | 7 |

MATCH (x:L) WHERE 1 <= x.k RETURN x.n AS n ORDER BY n;
// expect:
// | n |
// | 3 |
// | 4 |
// | 7 |

MATCH (x:L) WHERE x.k < 2 RETURN x.n AS n ORDER BY n;
// expect:
// | n |
// | 3 |
// | 4 |

MATCH (x:L) WHERE x.k < 'p' RETURN x.n AS n;
// expect:
// | n |
// | 6 |

// The same without the index: the answers agree.
DROP INDEX l_k;
// expect: 0 rows

MATCH (x:L) WHERE x.k >= 1 RETURN x.n AS n ORDER BY n;
// expect:
// | n |
// | 3 |
// | 4 |
// | 7 |

MATCH (x:L) WHERE x.k = [0.0/0.0] OR x.k = 0.0/0.0 RETURN count(*) AS c;
// expect:
// | c |
// | 0 |
