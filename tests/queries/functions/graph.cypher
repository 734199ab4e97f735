// dataset: social
// Graph functions: id, elementId, labels, type, keys, properties, startNode, endNode, nodes,
// relationships, length; and each on null.

MATCH (a:Person {name: 'Ann'}), (b:Person {name: 'Ben'}), (a2:Person {name: 'Ann'})
RETURN id(a) = id(a2) AS same, id(a) <> id(b) AS different, elementId(a) = elementId(a2) AS same_element,
       elementId(a) <> elementId(b) AS different_element, elementId(a) STARTS WITH '' AS is_string;
// expect:
// | same | different | same_element | different_element | is_string |
// | true | true | true | true | true |

// Ids are stable from one statement to the next.
MATCH (n:Person {name: 'Cat'}) WITH id(n) AS cat MATCH (m) WHERE id(m) = cat RETURN m.name AS name;
// expect:
// | name |
// | 'Cat' |

MATCH ()-[r]->() RETURN count(DISTINCT id(r)) AS ids, count(DISTINCT elementId(r)) AS element_ids;
// expect:
// | ids | element_ids |
// | 11 | 11 |

MATCH (n:Person {name: 'Fay'}) RETURN labels(n) AS labels, keys(n) AS keys, properties(n) AS props;
// expect:
// | labels | keys | props |
// | ['Person'] | ['name'] | {name: 'Fay'} |

MATCH (:Person {name: 'Dan'})-[r]->(b) RETURN type(r) AS type, keys(r) AS keys, properties(r) AS props, startNode(r).name AS from, endNode(r).name AS to ORDER BY type;
// expect:
// | type | keys | props | from | to |
// | 'FOLLOWS' | ['since'] | {since: 2022} | 'Dan' | 'Ann' |
// | 'KNOWS' | ['since'] | {since: 2018} | 'Dan' | 'Eve' |

MATCH p = (:Person {name: 'Ben'})-[:KNOWS*]->(:Person {name: 'Dan'})
RETURN length(p) AS length, size(nodes(p)) AS nodes, size(relationships(p)) AS rels,
       [r IN relationships(p) | type(r)] AS types, nodes(p)[0].name AS first, last(nodes(p)).name AS last;
// expect:
// | length | nodes | rels | types | first | last |
// | 2 | 3 | 2 | ['KNOWS', 'KNOWS'] | 'Ben' | 'Dan' |

// Each function gives null for null.
OPTIONAL MATCH p = (:Nobody)-[r]->(n)
RETURN id(n) AS id, labels(n) AS labels, type(r) AS type, keys(n) AS keys, properties(r) AS props,
       startNode(r) AS s, endNode(r) AS e, nodes(p) AS nodes, relationships(p) AS rels, length(p) AS len;
// expect:
// | id | labels | type | keys | props | s | e | nodes | rels | len |
// | null | null | null | null | null | null | null | null | null | null |

RETURN keys({b: 1, a: null}) AS keys, properties({x: 1}) AS props;
// expect:
// | keys | props |
// | ['a', 'b'] | {x: 1} |

// startNode and endNode return the nodes themselves.
MATCH (:Person {name: 'Fay'})-[r]->() RETURN startNode(r) AS s, endNode(r) AS e;
// expect:
// | s | e |
// | (:Person {name: 'Fay'}) | (:Person {age: 22, name: 'Eve'}) |

// rels is another name for relationships; exists(x) is x IS NOT NULL (openCypher 9's form).
MATCH p = (:Person {name: 'Ben'})-[:KNOWS]->(b:Person)
RETURN size(rels(p)) = size(relationships(p)) AS same, exists(b.name) AS named, exists(b.no_such_key) AS other, rels(null) AS none;
// expect:
// | same | named | other | none |
// | true | true | false | null |
