// dataset: empty
// CALL { ... } subqueries: run for each incoming row; a leading WITH (or Neo4j 5's scope
// clause, CALL (a) { ... }) imports outer variables; what they RETURN is added to the row.

CREATE (a:Person {name: 'Ann', age: 31}), (b:Person {name: 'Bo', age: 25}), (c:Person {name: 'Cy', age: 40}),
       (a)-[:KNOWS]->(b), (a)-[:KNOWS]->(c), (b)-[:KNOWS]->(c);
// expect: 0 rows

// Uncorrelated: the same rows for every outer row.
UNWIND [1, 2] AS i
CALL { MATCH (p:Person) RETURN p.name AS name ORDER BY name LIMIT 2 }
RETURN i, name;
// expect:
// | i | name |
// | 1 | 'Ann' |
// | 1 | 'Bo' |
// | 2 | 'Ann' |
// | 2 | 'Bo' |

// Correlated: aggregation inside runs per outer row, and an outer row with no inner rows
// keeps its aggregate's value (count 0).
MATCH (p:Person)
CALL { WITH p MATCH (p)-[:KNOWS]->(f) RETURN count(f) AS friends }
RETURN p.name AS name, friends ORDER BY name;
// expect:
// | name | friends |
// | 'Ann' | 2 |
// | 'Bo' | 1 |
// | 'Cy' | 0 |

// Without aggregation, an outer row with no inner rows is dropped.
MATCH (p:Person)
CALL (p) { MATCH (p)-[:KNOWS]->(f) RETURN f.name AS friend }
RETURN p.name AS name, friend ORDER BY name, friend;
// expect:
// | name | friend |
// | 'Ann' | 'Bo' |
// | 'Ann' | 'Cy' |
// | 'Bo' | 'Cy' |

// Top-n per group: ORDER BY and LIMIT inside apply to each outer row.
MATCH (p:Person)
CALL { WITH p MATCH (p)--(o:Person) RETURN o.name AS oldest ORDER BY o.age DESC LIMIT 1 }
RETURN p.name AS name, oldest ORDER BY name;
// expect:
// | name | oldest |
// | 'Ann' | 'Cy' |
// | 'Bo' | 'Cy' |
// | 'Cy' | 'Ann' |

// CALL (*) imports everything; a unit subquery (no RETURN) keeps the rows as they are.
MATCH (p:Person {name: 'Bo'})
WITH p, 10 AS bonus
CALL (*) { SET p.age = p.age + bonus }
RETURN p.name AS name, p.age AS age;
// expect:
// | name | age |
// | 'Bo' | 35 |

// A subquery that writes runs once per row, each run seeing the ones before it.
UNWIND [1, 2, 3] AS i
CALL { WITH i MERGE (c:Counter) ON CREATE SET c.n = i ON MATCH SET c.n = c.n + i RETURN c.n AS n }
RETURN i, n;
// expect:
// | i | n |
// | 1 | 1 |
// | 2 | 3 |
// | 3 | 6 |

UNWIND range(1, 5) AS i
CALL { WITH i CREATE (:Item {i: i}) }
IN TRANSACTIONS OF 2 ROWS;
// expect: 0 rows

MATCH (t:Item) RETURN count(t) AS items, sum(t.i) AS total;
// expect:
// | items | total |
// | 5 | 15 |

UNWIND [1, 2] AS i
CALL { WITH i CREATE (x:Item {i: 10 + i}) RETURN x.i AS made }
IN TRANSACTIONS
RETURN made;
// expect:
// | made |
// | 11 |
// | 12 |

// Nested subqueries, and COUNT inside one.
MATCH (p:Person {name: 'Ann'})
CALL { WITH p CALL { WITH p MATCH (p)-->(f) RETURN f } RETURN count(f) AS n, sum(COUNT { (f)-->() }) AS second }
RETURN n, second;
// expect:
// | n | second |
// | 2 | 1 |

// UNION inside: each part imports for itself; the rows are processed together after it.
MATCH (p:Person)
CALL (p) {
  MATCH (p)-[:KNOWS]->(o) RETURN o.name AS other, 'knows' AS how
  UNION
  MATCH (p)<-[:KNOWS]-(o) RETURN o.name AS other, 'known by' AS how
}
RETURN p.name AS name, how, collect(other) AS others ORDER BY name, how;
// expect:
// | name | how | others |
// | 'Ann' | 'knows' | ['Bo', 'Cy'] |
// | 'Bo' | 'known by' | ['Ann'] |
// | 'Bo' | 'knows' | ['Cy'] |
// | 'Cy' | 'known by' | ['Ann', 'Bo'] |

// UNION removes duplicates within each incoming row's rows; UNION ALL keeps them.
UNWIND [1, 2] AS i
CALL { RETURN 'x' AS v UNION RETURN 'x' AS v }
CALL { RETURN 'y' AS w UNION ALL RETURN 'y' AS w }
RETURN i, v, w;
// expect:
// | i | v | w |
// | 1 | 'x' | 'y' |
// | 1 | 'x' | 'y' |
// | 2 | 'x' | 'y' |
// | 2 | 'x' | 'y' |

UNWIND ['a', 'b'] AS tag
CALL { WITH tag CREATE (t:Tag {name: tag}) RETURN t.name AS made UNION ALL WITH tag CREATE (t:Tag {name: tag + '2'}) RETURN t.name AS made }
RETURN made;
// expect:
// | made |
// | 'a' |
// | 'a2' |
// | 'b' |
// | 'b2' |

// OPTIONAL CALL keeps the rows the subquery returns nothing for, with nulls.
MATCH (p:Person)
OPTIONAL CALL (p) { MATCH (p)-[:KNOWS]->(f) RETURN f.name AS friend }
RETURN p.name AS name, friend ORDER BY name, friend;
// expect:
// | name | friend |
// | 'Ann' | 'Bo' |
// | 'Ann' | 'Cy' |
// | 'Bo' | 'Cy' |
// | 'Cy' | null |

MATCH (p:Person)
OPTIONAL CALL (p) { MATCH (p)-[:KNOWS]->(f) WHERE f.name = 'Bo' CREATE (p)-[:THANKS]->(f) RETURN f.name AS thanked }
RETURN p.name AS name, thanked ORDER BY name;
// expect:
// | name | thanked |
// | 'Ann' | 'Bo' |
// | 'Bo' | null |
// | 'Cy' | null |
