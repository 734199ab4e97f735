// dataset: empty
// FOREACH runs write clauses per list element; BEGIN / COMMIT / ROLLBACK group statements.

FOREACH (i IN range(1, 3) | CREATE (:N {i: i}));
// expect: 0 rows

MATCH (n:N) RETURN sum(n.i) AS total;
// expect:
// | total |
// | 6 |

MATCH (n:N) WITH collect(n) AS ns FOREACH (n IN ns | SET n.double = n.i * 2);
// expect: 0 rows

MATCH (n:N) RETURN n.i AS i, n.double AS double ORDER BY i;
// expect:
// | i | double |
// | 1 | 2 |
// | 2 | 4 |
// | 3 | 6 |

FOREACH (x IN [1, 2] | FOREACH (y IN [10, 20] | CREATE (:P {v: x * y})));
// expect: 0 rows

MATCH (p:P) RETURN count(p) AS n, sum(p.v) AS total;
// expect:
// | n | total |
// | 4 | 90 |

FOREACH (name IN ['a', 'b', 'a'] | MERGE (:T {name: name}));
// expect: 0 rows

MATCH (t:T) RETURN count(t) AS tags;
// expect:
// | tags |
// | 2 |

FOREACH (x IN null | CREATE (:Z));
// expect: 0 rows

MATCH (z:Z) RETURN count(z) AS z;
// expect:
// | z |
// | 0 |

// FOREACH passes its input rows through unchanged.
UNWIND [1, 2] AS k FOREACH (x IN [k] | CREATE (:K {k: x})) RETURN k;
// expect:
// | k |
// | 1 |
// | 2 |

// FOREACH holds updating clauses only.
FOREACH (x IN [1] | MATCH (n) SET n.x = x);
// expect: error SyntaxError.InvalidClauseComposition

FOREACH (x IN [1] | CREATE (:F) WITH x CREATE (:G));
// expect: error SyntaxError.InvalidClauseComposition

BEGIN;
// expect: 0 rows

CREATE (:Tx {n: 1});
// expect: 0 rows

MATCH (t:Tx) RETURN count(t) AS n;
// expect:
// | n |
// | 1 |

ROLLBACK;
// expect: 0 rows

MATCH (t:Tx) RETURN count(t) AS n;
// expect:
// | n |
// | 0 |

BEGIN;
// expect: 0 rows

CREATE (:Tx {n: 2});
// expect: 0 rows

COMMIT;
// expect: 0 rows

MATCH (t:Tx) RETURN collect(t.n) AS n;
// expect:
// | n |
// | [2] |

COMMIT;
// expect: error SemanticError.InvalidClauseComposition

ROLLBACK;
// expect: error SemanticError.InvalidClauseComposition
