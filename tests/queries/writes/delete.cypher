// dataset: deals-small
// DELETE and DETACH DELETE; deleting a connected node fails and changes nothing.

MATCH (d:Deal {name: 'pilot'}) DETACH DELETE d;
// expect: 0 rows

MATCH (d:Deal) RETURN count(d) AS deals;
// expect:
// | deals |
// | 4 |

MATCH (c:Company {name: 'Hooli'})-[r]-() RETURN type(r) AS type;
// expect:
// | type |
// | 'INVESTED_IN' |

MATCH (c:Company {name: 'Hooli'}) DELETE c;
// expect: error ConstraintVerificationFailed.DeleteConnectedNode

MATCH ()-[r:INVESTED_IN]->(:Company {name: 'Hooli'}) DELETE r;
// expect: 0 rows

MATCH (c:Company {name: 'Hooli'}) DELETE c;
// expect: 0 rows

MATCH (c:Company) RETURN count(c) AS companies;
// expect:
// | companies |
// | 4 |

// A node and its relationships deleted in one statement, relationships listed first.
MATCH (p:Person {name: 'Bob'})-[r]-() DELETE r, p;
// expect: 0 rows

MATCH (p:Person) RETURN p.name AS name ORDER BY name;
// expect:
// | name |
// | 'Alice' |
// | 'Carol' |
// | 'Dave' |
// | 'Erin' |

// Deleting null is allowed and does nothing.
OPTIONAL MATCH (n:Nothing) DELETE n RETURN count(*) AS rows;
// expect:
// | rows |
// | 1 |

// The same node deleted from several rows.
MATCH (e:Person {name: 'Erin'})-[:NEGOTIATED]->(d) DETACH DELETE e RETURN count(d) AS deals;
// expect:
// | deals |
// | 2 |

MATCH (n) WHERE n.name = 'Erin' RETURN n;
// expect: 0 rows

// A deleted node's properties cannot be read afterwards in the same statement.
MATCH (p:Person {name: 'Dave'}) DETACH DELETE p RETURN p.name AS name;
// expect: error EntityNotFound.DeletedEntityAccess

MATCH (p:Person {name: 'Dave'}) RETURN p.name AS name;
// expect:
// | name |
// | 'Dave' |

// Deleting a path deletes its nodes and relationships.
MATCH p = (:Person {name: 'Alice'})-[:WORKS_AT]->(:Company) DETACH DELETE p;
// expect: 0 rows

MATCH (n) WHERE n.name IN ['Alice', 'Acme'] RETURN n;
// expect: 0 rows

MATCH (n) DETACH DELETE n;
// expect: 0 rows

MATCH (n) RETURN count(n) AS nodes;
// expect:
// | nodes |
// | 0 |

MATCH ()-[r]->() RETURN count(r) AS rels;
// expect:
// | rels |
// | 0 |
