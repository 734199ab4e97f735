// dataset: empty
// MERGE matches or creates the whole pattern; ON CREATE / ON MATCH set properties.

MERGE (c:City {name: 'Oslo'}) ON CREATE SET c.created = true ON MATCH SET c.matched = true
RETURN c.created AS created, c.matched AS matched;
// expect:
// | created | matched |
// | true | null |

MERGE (c:City {name: 'Oslo'}) ON CREATE SET c.created = false ON MATCH SET c.matched = true
RETURN c.created AS created, c.matched AS matched;
// expect:
// | created | matched |
// | true | true |

MATCH (c:City) RETURN count(c) AS cities;
// expect:
// | cities |
// | 1 |

// Later rows see what earlier rows of the same MERGE created.
UNWIND ['a', 'b', 'a'] AS name MERGE (t:Tag {name: name}) RETURN t.name AS name;
// expect:
// | name |
// | 'a' |
// | 'b' |
// | 'a' |

MATCH (t:Tag) RETURN count(t) AS tags;
// expect:
// | tags |
// | 2 |

MATCH (a:City {name: 'Oslo'}) MERGE (a)-[:TWIN]->(b:City {name: 'Bergen'});
// expect: 0 rows

MATCH (a:City {name: 'Oslo'}) MERGE (a)-[:TWIN]->(b:City {name: 'Bergen'}) ON MATCH SET b.seen = 2 RETURN b.seen AS seen;
// expect:
// | seen |
// | 2 |

MATCH (c:City) RETURN c.name AS name ORDER BY name;
// expect:
// | name |
// | 'Bergen' |
// | 'Oslo' |

// An undirected MERGE finds the relationship in either direction.
MATCH (a:City {name: 'Bergen'}), (b:City {name: 'Oslo'}) MERGE (a)-[t:TWIN]-(b) RETURN startNode(t).name AS from;
// expect:
// | from |
// | 'Oslo' |

MATCH ()-[t:TWIN]->() RETURN count(t) AS twins;
// expect:
// | twins |
// | 1 |

// A directed MERGE the other way creates a second relationship.
MATCH (a:City {name: 'Bergen'}), (b:City {name: 'Oslo'}) MERGE (a)-[t:TWIN]->(b) RETURN startNode(t).name AS from;
// expect:
// | from |
// | 'Bergen' |

MATCH ()-[t:TWIN]->() RETURN count(t) AS twins;
// expect:
// | twins |
// | 2 |

// A MERGE pattern is matched as a whole: a partly existing pattern is created in full.
MERGE (:City {name: 'Oslo'})-[:IN]->(:Country {name: 'Norway'});
// expect: 0 rows

MATCH (c:City {name: 'Oslo'}) RETURN count(c) AS oslos;
// expect:
// | oslos |
// | 2 |

MERGE (n:Counter {id: 1}) ON CREATE SET n.count = 1 ON MATCH SET n.count = n.count + 1;
// expect: 0 rows

MERGE (n:Counter {id: 1}) ON CREATE SET n.count = 1 ON MATCH SET n.count = n.count + 1;
// expect: 0 rows

MERGE (n:Counter {id: 1}) ON CREATE SET n.count = 1 ON MATCH SET n.count = n.count + 1 RETURN n.count AS count;
// expect:
// | count |
// | 3 |

MERGE (n:City {name: null});
// expect: error SemanticError.MergeReadOwnWrites

MERGE (a:Chain {y: 1})-[r:LINK {x: a.y}]->(b:Chain {z: a.y + 1}) RETURN r.x AS x, b.z AS z;
// expect:
// | x | z |
// | 1 | 2 |

// A repeated node without labels or properties is the same node.
MERGE (a:Loop)-[:SELF]->(a) RETURN labels(a) AS l;
// expect:
// | l |
// | ['Loop'] |

MATCH (a:Loop)-[:SELF]->(b) RETURN a = b AS same;
// expect:
// | same |
// | true |
