// dataset: empty
// Lookups by a property map go through an equality index built on first use: they must find
// exactly what `=` finds, NaN (alone or in a list) and null included. The index is used for
// labels with enough nodes (64), hence the filler.

UNWIND range(1, 100) AS i CREATE (:L {k: 'filler', n: 100 + i});
// expect: 0 rows

CREATE (:L {k: [0.0/0.0], n: 1}), (:L {k: [1, 2], n: 2}), (:L {k: 1, n: 3}), (:L {k: 1.0, n: 4}),
       (:L {k: 0.0/0.0, n: 5});
// expect: 0 rows

EXPLAIN MATCH (x:L {k: [0.0/0.0]}) RETURN x.n AS n;
// expect:
// | plan |
// | 'stage 0:' |
// | '  Project #1' |
// | '    NodeIndexSeek #0 :L(k)' |
// | '      Input' |

MATCH (x:L {k: [0.0/0.0]}) RETURN x.n AS n;
// expect: 0 rows

MATCH (x:L {k: 0.0/0.0}) RETURN x.n AS n;
// expect: 0 rows

MATCH (x:L {k: [1.0, 2]}) RETURN x.n AS n;
// expect:
// | n |
// | 2 |

MATCH (x:L {k: 1}) RETURN x.n AS n ORDER BY n;
// expect:
// | n |
// | 3 |
// | 4 |

// The same through WHERE, which does not use the index: the answers agree.
MATCH (x:L) WHERE x.k = [0.0/0.0] OR x.k = 0.0/0.0 RETURN count(*) AS c;
// expect:
// | c |
// | 0 |
