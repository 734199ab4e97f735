// dataset: empty
// CREATE: nodes, relationships in either direction, properties of every type, per-row creation.

CREATE (a:Person {name: 'Ann', age: 30})-[:KNOWS {since: 2020}]->(b:Person {name: 'Ben'});
// expect: 0 rows

MATCH (a)-[r:KNOWS]->(b) RETURN a.name AS a, r.since AS since, b.name AS b;
// expect:
// | a | since | b |
// | 'Ann' | 2020 | 'Ben' |

CREATE (c:City {name: 'Oslo'}) RETURN c.name AS name, labels(c) AS labels;
// expect:
// | name | labels |
// | 'Oslo' | ['City'] |

// A null property is not stored.
CREATE (x:A:B {list: [1, 2], f: 1.5, s: 'x', b: false, nothing: null})
RETURN properties(x) AS props, labels(x) AS labels;
// expect:
// | props | labels |
// | {b: false, f: 1.5, list: [1, 2], s: 'x'} | ['A', 'B'] |

UNWIND [1, 2, 3] AS i CREATE (:N {i: i, square: i * i});
// expect: 0 rows

MATCH (n:N) RETURN sum(n.i) AS total, collect(n.square) AS squares;
// expect:
// | total | squares |
// | 6 | [1, 4, 9] |

MATCH (a:Person {name: 'Ann'}), (c:City) CREATE (a)-[:LIVES_IN]->(c)<-[:LIVES_IN {since: 2001}]-(:Person {name: 'Cy'});
// expect: 0 rows

MATCH (p:Person)-[l:LIVES_IN]->(:City {name: 'Oslo'}) RETURN p.name AS name, l.since AS since ORDER BY name;
// expect:
// | name | since |
// | 'Ann' | null |
// | 'Cy' | 2001 |

CREATE p = (:X {n: 1})-[:T]->(:Y)<-[:U]-(:Z) RETURN length(p) AS len, [n IN nodes(p) | labels(n)[0]] AS labels;
// expect:
// | len | labels |
// | 2 | ['X', 'Y', 'Z'] |

// A variable bound earlier in the same CREATE is reused, not created again.
CREATE (m:M), (m)-[:SELF]->(m) RETURN size([(m)-[:SELF]->(m) | 1]) AS loops;
// expect:
// | loops |
// | 1 |

MATCH (n) RETURN count(n) AS nodes;
// expect:
// | nodes |
// | 12 |

MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type;
// expect:
// | type | n |
// | 'KNOWS' | 1 |
// | 'LIVES_IN' | 2 |
// | 'SELF' | 1 |
// | 'T' | 1 |
// | 'U' | 1 |

// CREATE runs once per incoming row.
MATCH (n:N) CREATE (n)-[:NEXT]->(:Copy {of: n.i});
// expect: 0 rows

MATCH (n:N)-[:NEXT]->(c:Copy) RETURN n.i = c.of AS same, count(*) AS n;
// expect:
// | same | n |
// | true | 3 |

// Parameters and expressions as property values.
CREATE (c:Calc {v: 1 + 2 * 3, s: toUpper('ab'), l: range(1, 3)}) RETURN c.v AS v, c.s AS s, c.l AS l;
// expect:
// | v | s | l |
// | 7 | 'AB' | [1, 2, 3] |

// A property map reads the entities created before it in the same pattern.
CREATE (a:Chain {y: 1})-[r:LINK {x: a.y}]->(b:Chain {z: a.y + 1}) RETURN r.x AS x, b.z AS z;
// expect:
// | x | z |
// | 1 | 2 |
