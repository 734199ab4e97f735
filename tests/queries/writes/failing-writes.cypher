// dataset: deals-small
// A statement that fails at any point leaves the graph exactly as it was (the runner compares
// every node and relationship before and after each expected error).

CREATE (:Temp {x: 1}) WITH 1 AS one RETURN one / 0 AS boom;
// expect: error ArgumentError.DivisionByZero

// The first row's node is created, then the second row divides by zero.
UNWIND [1, 0] AS d CREATE (:Temp {v: 10 / d});
// expect: error ArgumentError.DivisionByZero

MATCH (n:Temp) RETURN count(n) AS temps;
// expect:
// | temps |
// | 0 |

// Bob turns 46 and Erin 53; then Bob's row divides by zero.
MATCH (p:Person) WHERE p.age IS NOT NULL SET p.age = p.age + 1
WITH p RETURN p.name AS name, 100 / (p.age - 46) AS x;
// expect: error ArgumentError.DivisionByZero

MATCH (p:Person) RETURN sum(p.age) AS total;
// expect:
// | total |
// | 160 |

MATCH (d:Deal {name: 'supply'}) DETACH DELETE d WITH count(*) AS n RETURN 9223372036854775807 + n AS big;
// expect: error ArgumentError.Overflow

MATCH (d:Deal {name: 'supply'})-[r]-() RETURN count(r) AS rels;
// expect:
// | rels |
// | 4 |

MERGE (c:Company {name: 'Newco'}) ON CREATE SET c.founded = 2024 WITH c RETURN 1 / (c.founded - 2024) AS boom;
// expect: error ArgumentError.DivisionByZero

MATCH (c:Company {name: 'Newco'}) RETURN c;
// expect: 0 rows

FOREACH (i IN [1, 2, 0] | CREATE (:Temp {v: 6 / i}));
// expect: error ArgumentError.DivisionByZero

MATCH (p:Person {name: 'Alice'}) REMOVE p:Person SET p.gone = true WITH p RETURN toInteger(p.gone) + 9223372036854775807 * 2 AS boom;
// expect: error ArgumentError.Overflow

MATCH (p:Person {name: 'Alice'}) RETURN labels(p) AS labels, p.gone AS gone;
// expect:
// | labels | gone |
// | ['Person'] | null |

MATCH (c:Company {name: 'Acme'}) DELETE c;
// expect: error ConstraintVerificationFailed.DeleteConnectedNode

// Deleting only some of Acme's relationships is not enough.
MATCH (c:Company {name: 'Acme'})<-[w:WORKS_AT]-() DELETE w, c;
// expect: error ConstraintVerificationFailed.DeleteConnectedNode

MATCH (c:Company {name: 'Acme'})-[r]-() RETURN count(r) AS rels;
// expect:
// | rels |
// | 5 |

MATCH (n) RETURN count(n) AS nodes;
// expect:
// | nodes |
// | 15 |

MATCH ()-[r]->() RETURN count(r) AS rels;
// expect:
// | rels |
// | 21 |
