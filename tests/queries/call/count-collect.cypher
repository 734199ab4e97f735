// dataset: empty
// COUNT { } and COLLECT { } subqueries, next to EXISTS { }: they see the outer variables.

CREATE (a:Person {name: 'Ann'}), (b:Person {name: 'Bo'}), (c:Person {name: 'Cy'}),
       (a)-[:KNOWS]->(b), (a)-[:KNOWS]->(c), (b)-[:KNOWS]->(c),
       (a)-[:OWNS]->(:Dog {name: 'Rex'}), (a)-[:OWNS]->(:Dog {name: 'Ace'});
// expect: 0 rows

MATCH (p:Person)
RETURN p.name AS name, COUNT { (p)-[:KNOWS]->() } AS knows ORDER BY name;
// expect:
// | name | knows |
// | 'Ann' | 2 |
// | 'Bo' | 1 |
// | 'Cy' | 0 |

MATCH (p:Person)
RETURN p.name AS name, COUNT { (p)--(other:Person) WHERE other.name > p.name } AS later
ORDER BY name;
// expect:
// | name | later |
// | 'Ann' | 2 |
// | 'Bo' | 1 |
// | 'Cy' | 0 |

// A full query: its rows are counted, whatever it returns.
MATCH (p:Person)
WHERE COUNT { MATCH (p)-[:OWNS]->(d:Dog) RETURN d.name } > 1
RETURN p.name AS name;
// expect:
// | name |
// | 'Ann' |

MATCH (p:Person)
RETURN p.name AS name, COLLECT { MATCH (p)-[:OWNS]->(d) RETURN d.name ORDER BY d.name } AS dogs
ORDER BY name;
// expect:
// | name | dogs |
// | 'Ann' | ['Ace', 'Rex'] |
// | 'Bo' | [] |
// | 'Cy' | [] |

// COLLECT keeps duplicates and nulls, unless the subquery removes them.
MATCH (p:Person {name: 'Ann'})
RETURN COLLECT { MATCH (p)-[r]->() RETURN type(r) } AS every,
       COLLECT { MATCH (p)-[r]->() RETURN DISTINCT type(r) AS t ORDER BY t } AS kinds;
// expect:
// | every | kinds |
// | ['KNOWS', 'KNOWS', 'OWNS', 'OWNS'] | ['KNOWS', 'OWNS'] |

// Aggregating inside: one row per outer row.
MATCH (p:Person)
RETURN p.name AS name, COLLECT { MATCH (p)-[:KNOWS]->(f) RETURN count(f) } AS friends ORDER BY name;
// expect:
// | name | friends |
// | 'Ann' | [2] |
// | 'Bo' | [1] |
// | 'Cy' | [0] |

// In WITH and WHERE, and inside aggregation.
MATCH (p:Person)
WITH sum(COUNT { (p)-[:KNOWS]->() }) AS edges
RETURN edges;
// expect:
// | edges |
// | 3 |

RETURN COUNT { MATCH (d:Dog) RETURN d } AS dogs, COUNT { MATCH (x:Nothing) } AS none;
// expect:
// | dogs | none |
// | 2 | 0 |
