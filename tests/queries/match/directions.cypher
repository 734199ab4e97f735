// dataset: social
// Relationship directions, undirected patterns, type alternatives, parallel edges, self-loops.

MATCH (:Person {name: 'Cat'})-[:KNOWS]->(b) RETURN b.name AS name ORDER BY name;
// expect:
// | name |
// | 'Ann' |
// | 'Dan' |

MATCH (:Person {name: 'Cat'})<-[:KNOWS]-(b) RETURN b.name AS name;
// expect:
// | name |
// | 'Ben' |

MATCH (:Person {name: 'Cat'})-[:KNOWS]-(b) RETURN b.name AS name;
// expect:
// | name |
// | 'Ann' |
// | 'Ben' |
// | 'Dan' |

// `<-->` is undirected too: Ann's FOLLOWS go to Ben twice, come from Ben and from Dan.
MATCH (:Person {name: 'Ann'})<-[:FOLLOWS]->(b) RETURN b.name AS name;
// expect:
// | name |
// | 'Ben' |
// | 'Ben' |
// | 'Ben' |
// | 'Dan' |

MATCH ()-[r:KNOWS]->() RETURN count(r) AS n;
// expect:
// | n |
// | 6 |

// Undirected, every relationship is seen from both ends, except the self-loop (once).
MATCH ()-[r:KNOWS]-() RETURN count(r) AS n;
// expect:
// | n |
// | 11 |

MATCH (a)-[r:KNOWS]->(a) RETURN a.name AS name, r.since AS since;
// expect:
// | name | since |
// | 'Eve' | 2020 |

MATCH (:Person {name: 'Eve'})--(b) RETURN b.name AS name;
// expect:
// | name |
// | 'Dan' |
// | 'Eve' |
// | 'Fay' |

MATCH (:Person {name: 'Ann'})-[r:KNOWS|FOLLOWS]->(b)
RETURN type(r) AS type, b.name AS name, r.since AS since ORDER BY since;
// expect:
// | type | name | since |
// | 'KNOWS' | 'Ben' | 2010 |
// | 'FOLLOWS' | 'Ben' | 2019 |
// | 'FOLLOWS' | 'Ben' | 2021 |

// The older `:A|:B` spelling of alternatives.
MATCH (:Person {name: 'Dan'})-[r:KNOWS|:FOLLOWS]->(b) RETURN type(r) AS type, b.name AS name;
// expect:
// | type | name |
// | 'KNOWS' | 'Eve' |
// | 'FOLLOWS' | 'Ann' |

// Parallel edges are distinct matches.
MATCH (:Person {name: 'Ann'})-[r:FOLLOWS]->(:Person {name: 'Ben'}) RETURN count(r) AS n;
// expect:
// | n |
// | 2 |

MATCH (a:Person)-->(b:Person) WHERE a.name = 'Dan' RETURN b.name AS name;
// expect:
// | name |
// | 'Ann' |
// | 'Eve' |

MATCH (a)-[:FOLLOWS {since: 2021}]->(b) RETURN a.name AS a, b.name AS b;
// expect:
// | a | b |
// | 'Ann' | 'Ben' |

MATCH (a)-[:KNOWS]->(b)-[:KNOWS]->(c)
RETURN a.name AS a, b.name AS b, c.name AS c ORDER BY a, b, c;
// expect:
// | a | b | c |
// | 'Ann' | 'Ben' | 'Cat' |
// | 'Ben' | 'Cat' | 'Ann' |
// | 'Ben' | 'Cat' | 'Dan' |
// | 'Cat' | 'Ann' | 'Ben' |
// | 'Cat' | 'Dan' | 'Eve' |
// | 'Dan' | 'Eve' | 'Eve' |

// A triangle is found from each of its three nodes; the self-loop cannot be reused.
MATCH (a)-[:KNOWS]->(b)-[:KNOWS]->(c)-[:KNOWS]->(a) RETURN a.name AS a ORDER BY a;
// expect:
// | a |
// | 'Ann' |
// | 'Ben' |
// | 'Cat' |

// A relationship bound by an earlier clause constrains the later pattern.
MATCH ()-[r:KNOWS {since: 2016}]->() MATCH (a)-[r]->(b) RETURN a.name AS a, b.name AS b;
// expect:
// | a | b |
// | 'Cat' | 'Dan' |

MATCH ()-[r:KNOWS {since: 2016}]->() MATCH (a)<-[r]-(b) RETURN a.name AS a, b.name AS b;
// expect:
// | a | b |
// | 'Dan' | 'Cat' |

MATCH (a:Person {name: 'Ann'}), (b:Person {name: 'Ben'}) MATCH (a)-[r]->(b) RETURN type(r) AS type, r.since AS since ORDER BY since;
// expect:
// | type | since |
// | 'KNOWS' | 2010 |
// | 'FOLLOWS' | 2019 |
// | 'FOLLOWS' | 2021 |

MATCH (n:Nobody) RETURN n;
// expect:
// | n |

MATCH (n:Person) WHERE NOT (n)-[:KNOWS]-() RETURN n.name AS name;
// expect:
// | name |
// | 'Fay' |
