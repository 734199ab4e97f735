// dataset: empty
// Declaring indexes and constraints as Neo4j 5 does: names, IF [NOT] EXISTS, conflicts, and
// constraints checked against existing data and every later write.

CREATE (:Company {id: 'c1', name: 'Acme'}), (:Company {id: 'c2', name: 'Bolt'}), (:Company {name: 'Nameless'});
// expect: 0 rows

CREATE INDEX FOR (c:Company) ON (c.name);
// expect: 0 rows

CREATE INDEX company_name FOR (c:Company) ON (c.name);
// expect: error SemanticError.SchemaConflict

CREATE INDEX company_name IF NOT EXISTS FOR (c:Company) ON (c.name);
// expect: 0 rows

CREATE INDEX works_since FOR ()-[w:WORKS_AT]-() ON (w.since);
// expect: 0 rows

SHOW INDEXES;
// expect:
// | name | type | entityType | labelsOrTypes | properties | owningConstraint | entries |
// | 'index_Company_name' | 'RANGE' | 'NODE' | ['Company'] | ['name'] | null | 3 |
// | 'works_since' | 'RANGE' | 'RELATIONSHIP' | ['WORKS_AT'] | ['since'] | null | 0 |

DROP INDEX nope;
// expect: error SemanticError.NoSuchSchemaObject

DROP INDEX nope IF EXISTS;
// expect: 0 rows

// A uniqueness constraint brings its own index: one already on the property is refused.
CREATE CONSTRAINT company_name_unique FOR (c:Company) REQUIRE c.name IS UNIQUE;
// expect: error SemanticError.SchemaConflict

CREATE CONSTRAINT company_id FOR (c:Company) REQUIRE c.id IS UNIQUE;
// expect: 0 rows

CREATE (:Company {id: 'c1', name: 'Acme again'});
// expect: error ConstraintVerificationFailed.ConstraintValidationFailed

MATCH (c:Company {id: 'c2'}) SET c.id = 'c1';
// expect: error ConstraintVerificationFailed.ConstraintValidationFailed

// The failed statements changed nothing.
MATCH (c:Company) RETURN c.id AS id, c.name AS name ORDER BY name;
// expect:
// | id | name |
// | 'c1' | 'Acme' |
// | 'c2' | 'Bolt' |
// | null | 'Nameless' |

// MERGE finds the existing node through the constraint's index instead of creating one.
MERGE (c:Company {id: 'c1'}) RETURN c.name AS name;
// expect:
// | name |
// | 'Acme' |

DROP INDEX company_id;
// expect: error SemanticError.SchemaConflict

// Data that already breaks a constraint cannot get it.
CREATE CONSTRAINT company_id_present FOR (c:Company) REQUIRE c.id IS NOT NULL;
// expect: error ConstraintVerificationFailed.ConstraintValidationFailed

MATCH (c:Company {name: 'Nameless'}) SET c.id = 'c3';
// expect: 0 rows

CREATE CONSTRAINT company_id_present FOR (c:Company) REQUIRE c.id IS NOT NULL;
// expect: 0 rows

CREATE (:Company {name: 'No id'});
// expect: error ConstraintVerificationFailed.ConstraintValidationFailed

MATCH (c:Company {id: 'c3'}) REMOVE c.id;
// expect: error ConstraintVerificationFailed.ConstraintValidationFailed

SHOW CONSTRAINTS;
// expect:
// | name | type | entityType | labelsOrTypes | properties | ownedIndex |
// | 'company_id' | 'UNIQUENESS' | 'NODE' | ['Company'] | ['id'] | 'company_id' |
// | 'company_id_present' | 'NODE_PROPERTY_EXISTENCE' | 'NODE' | ['Company'] | ['id'] | null |

DROP CONSTRAINT company_id;
// expect: 0 rows

CREATE (:Company {id: 'c1', name: 'Twin'});
// expect: 0 rows
