// dataset: empty
// The built-in procedures, standalone and inside queries.

CREATE (:Person:Author {name: 'Ann', born: 1990})-[:WROTE {year: 2020}]->(:Book {title: 'Tides'}),
       (:Person {name: 'Bo'})-[:KNOWS]->(:Person {name: 'Cy', born: 1985.5});
// expect: 0 rows

// Standalone: every result column, named as the procedure names them.
CALL db.labels();
// expect:
// | label |
// | 'Author' |
// | 'Book' |
// | 'Person' |

CALL db.labels;
// expect:
// | label |
// | 'Author' |
// | 'Book' |
// | 'Person' |

CALL db.relationshipTypes() YIELD *;
// expect:
// | relationshipType |
// | 'KNOWS' |
// | 'WROTE' |

CALL db.propertyKeys() YIELD propertyKey AS key WHERE key <> 'year';
// expect:
// | key |
// | 'born' |
// | 'name' |
// | 'title' |

// Inside a query: YIELD binds the columns, WHERE filters them.
CALL db.labels() YIELD label WHERE label STARTS WITH 'B'
MATCH (n) WHERE label IN labels(n)
RETURN label, count(n) AS nodes;
// expect:
// | label | nodes |
// | 'Book' | 1 |

MATCH (p:Person) WITH count(p) AS people
CALL db.relationshipTypes() YIELD relationshipType AS type
RETURN people, type ORDER BY type;
// expect:
// | people | type |
// | 3 | 'KNOWS' |
// | 3 | 'WROTE' |

CALL db.schema.nodeTypeProperties() YIELD nodeType, nodeLabels, propertyName, propertyTypes, mandatory
RETURN nodeType, nodeLabels, propertyName, propertyTypes, mandatory ORDER BY nodeType, propertyName;
// expect:
// | nodeType | nodeLabels | propertyName | propertyTypes | mandatory |
// | ':`Author`:`Person`' | ['Author', 'Person'] | 'born' | ['Long'] | true |
// | ':`Author`:`Person`' | ['Author', 'Person'] | 'name' | ['String'] | true |
// | ':`Book`' | ['Book'] | 'title' | ['String'] | true |
// | ':`Person`' | ['Person'] | 'born' | ['Double'] | false |
// | ':`Person`' | ['Person'] | 'name' | ['String'] | true |

CALL db.schema.relTypeProperties();
// expect:
// | relType | propertyName | propertyTypes | mandatory |
// | ':`KNOWS`' | null | null | false |
// | ':`WROTE`' | 'year' | ['Long'] | true |

CALL db.schema.visualization() YIELD nodes, relationships
RETURN [n IN nodes | n.name] AS labels, relationships;
// expect:
// | labels | relationships |
// | ['Author', 'Book', 'Person'] | [{end: 'Person', name: 'KNOWS', start: 'Person'}, {end: 'Book', name: 'WROTE', start: 'Author'}, {end: 'Book', name: 'WROTE', start: 'Person'}] |

// A procedure sees the statement's own changes.
CREATE (:Shelf) WITH 1 AS one CALL db.labels() YIELD label RETURN collect(label) AS labels;
// expect:
// | labels |
// | ['Author', 'Book', 'Person', 'Shelf'] |

SHOW PROCEDURES;
// expect: 6 rows

EXPLAIN CALL db.labels() YIELD label RETURN label;
// expect:
// | operator | details | estimated rows |
// | 'stage 0' | 'reads' | 10 |
// | '  ProcedureCall' | 'db.labels yields label' | 10 |

// OPTIONAL CALL keeps the rows the call (after its WHERE) gives nothing for.
UNWIND ['Book', 'Shelf', 'Lamp'] AS want
OPTIONAL CALL db.labels() YIELD label WHERE label = want
RETURN want, label;
// expect:
// | want | label |
// | 'Book' | 'Book' |
// | 'Shelf' | 'Shelf' |
// | 'Lamp' | null |
