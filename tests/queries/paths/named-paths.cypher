// dataset: social
// Named paths as values: how they print, and the functions that take them apart.

MATCH p = (:Person {name: 'Ann'})-[:KNOWS]->(:Person {name: 'Ben'}) RETURN p;
// expect:
// | p |
// | <(:Person {age: 30, name: 'Ann'})-[:KNOWS {since: 2010}]->(:Person {age: 25, name: 'Ben'})> |

// Walked against its direction, the relationship prints pointing back.
MATCH p = (:Person {name: 'Ben'})<-[:KNOWS]-(:Person {name: 'Ann'}) RETURN p;
// expect:
// | p |
// | <(:Person {age: 25, name: 'Ben'})<-[:KNOWS {since: 2010}]-(:Person {age: 30, name: 'Ann'})> |

MATCH p = (:Person {name: 'Fay'}) RETURN p, length(p) AS len, size(nodes(p)) AS nodes;
// expect:
// | p | len | nodes |
// | <(:Person {name: 'Fay'})> | 0 | 1 |

MATCH p = (:Person {name: 'Cat'})-[:KNOWS*2]->(x)
RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | r.since] AS since ORDER BY names;
// expect:
// | names | since |
// | ['Cat', 'Ann', 'Ben'] | [2014, 2010] |
// | ['Cat', 'Dan', 'Eve'] | [2016, 2018] |

MATCH (a)-[r:KNOWS {since: 2014}]-(b) RETURN a.name AS a, b.name AS b, startNode(r).name AS from_node, endNode(r).name AS to_node;
// expect:
// | a | b | from_node | to_node |
// | 'Cat' | 'Ann' | 'Cat' | 'Ann' |
// | 'Ann' | 'Cat' | 'Cat' | 'Ann' |

MATCH p = (a)-[:KNOWS*]->(b) WHERE a.name = 'Dan' RETURN length(p) AS len ORDER BY len;
// expect:
// | len |
// | 1 |
// | 2 |

MATCH (a:Person {name: 'Ann'}) RETURN [p = (a)-[:FOLLOWS]->() | length(p)] AS lengths;
// expect:
// | lengths |
// | [1, 1] |

// Two MATCHes can find the same path; paths compare equal by their nodes and relationships.
MATCH p = (:Person {name: 'Dan'})-[:KNOWS]->(:Person)
MATCH q = (:Person)<-[:KNOWS]-(:Person {name: 'Dan'})
RETURN p = q AS same, nodes(p) = nodes(q) AS same_nodes;
// expect:
// | same | same_nodes |
// | false | false |

MATCH p = (a:Person {name: 'Dan'})-[:KNOWS]->(b)
MATCH q = (a)-[:KNOWS]->(b)
RETURN p = q AS same;
// expect:
// | same |
// | true |

MATCH p = (:Person {name: 'Eve'})-[:KNOWS]->(x) RETURN p;
// expect:
// | p |
// | <(:Person {age: 22, name: 'Eve'})-[:KNOWS {since: 2020}]->(:Person {age: 22, name: 'Eve'})> |
