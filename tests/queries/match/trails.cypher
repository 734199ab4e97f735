// dataset: social
// Trail semantics in depth: a relationship appears at most once per match, nodes may repeat.
// KNOWS: Ann->Ben, Ben->Cat, Cat->Ann (a cycle), Cat->Dan, Dan->Eve, Eve->Eve (a self-loop).

// Expanding backwards from a pinned end: Cat reaches Eve directly through Dan, or round the
// cycle first (Cat->Ann->Ben->Cat->Dan->Eve), each with or without the self-loop at the end.
MATCH (a)-[:KNOWS*]->(b:Person {name: 'Eve'}) RETURN a.name AS name, count(*) AS paths ORDER BY name;
// expect:
// | name | paths |
// | 'Ann' | 2 |
// | 'Ben' | 2 |
// | 'Cat' | 4 |
// | 'Dan' | 2 |
// | 'Eve' | 1 |

MATCH (:Person {name: 'Cat'})-[:KNOWS*]->(b) RETURN b.name AS name, count(*) AS paths ORDER BY name;
// expect:
// | name | paths |
// | 'Ann' | 1 |
// | 'Ben' | 1 |
// | 'Cat' | 1 |
// | 'Dan' | 2 |
// | 'Eve' | 4 |

// Every undirected KNOWS trail of length one or more, each direction of travel counted
// (enumerated independently: 65).
MATCH p = ()-[:KNOWS*]-() RETURN count(p) AS trails;
// expect:
// | trails |
// | 65 |

// Both ends bound to the same node: the zero-length path matches, and no 1-hop loop exists.
MATCH (a:Person {name: 'Ann'}), (b:Person {name: 'Ann'}) MATCH (a)-[*0..1]->(b) RETURN count(*) AS n;
// expect:
// | n |
// | 1 |

// Between two bound nodes, undirected: directly, or the long way round the triangle.
MATCH (a:Person {name: 'Ann'}), (c:Person {name: 'Cat'}) MATCH p = (a)-[:KNOWS*]-(c)
RETURN length(p) AS len ORDER BY len;
// expect:
// | len |
// | 1 |
// | 2 |

// A node may appear twice in one match; only relationships must differ.
MATCH (a)-[:FOLLOWS]->(b)-[:FOLLOWS]->(a) RETURN a.name AS a, b.name AS b;
// expect:
// | a | b |
// | 'Ann' | 'Ben' |
// | 'Ann' | 'Ben' |
// | 'Ben' | 'Ann' |
// | 'Ben' | 'Ann' |

// Uniqueness also holds between a fixed hop and a variable-length one in the same pattern.
MATCH (a:Person {name: 'Eve'})-[r:KNOWS]->(b)-[:KNOWS*0..]->(c) RETURN c.name AS name;
// expect:
// | name |
// | 'Eve' |

MATCH (a {name: 'Ann'}), (b {age: a.age - 5}) RETURN b.name AS name;
// expect:
// | name |
// | 'Ben' |
