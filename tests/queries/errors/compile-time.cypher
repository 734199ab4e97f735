// dataset: deals-small
// Errors found before a statement runs, classified as openCypher classifies them. The runner
// also checks that none of them changes the graph.

MATCH (n) RETRN n;
// expect: error SyntaxError.UnexpectedSyntax

RETURN 0x1G AS x;
// expect: error SyntaxError.InvalidNumberLiteral

RETURN 12ab AS x;
// expect: error SyntaxError.InvalidNumberLiteral

RETURN '\u12G4' AS x;
// expect: error SyntaxError.InvalidUnicodeLiteral

RETURN 9223372036854775808 AS x;
// expect: error SyntaxError.IntegerOverflow

RETURN -9223372036854775809 AS x;
// expect: error SyntaxError.IntegerOverflow

RETURN 1 AS x LIMIT -(-9223372036854775808);
// expect: error SyntaxError.IntegerOverflow

RETURN 1e400 AS x;
// expect: error SyntaxError.FloatingPointOverflow

MATCH (p:Person) RETURN q.name;
// expect: error SyntaxError.UndefinedVariable

// WITH ends the scope of what it does not project.
MATCH (p:Person) WITH p.name AS name RETURN p.age;
// expect: error SyntaxError.UndefinedVariable

MATCH (p:Person) WHERE EXISTS { (p)-[:WORKS_AT]->(c) } RETURN c;
// expect: error SyntaxError.UndefinedVariable

CREATE (x:Temp) WITH 1 AS one MATCH (n) WHERE n = x RETURN n;
// expect: error SyntaxError.UndefinedVariable

MATCH (a:Person) CREATE (a:Person {name: 'again'});
// expect: error SyntaxError.VariableAlreadyBound

MATCH (a)-[r]->(b) CREATE (a)-[r:T]->(b);
// expect: error SyntaxError.VariableAlreadyBound

// A node the pattern creates is described once: MERGE too refuses more labels or properties
// where it repeats.
CREATE (a:X)-[:T]->(a:Y);
// expect: error SyntaxError.VariableAlreadyBound

MERGE (a:X)-[:T]->(a:Y);
// expect: error SyntaxError.VariableAlreadyBound

MERGE (a:X)-[:T]->(a {k: 1});
// expect: error SyntaxError.VariableAlreadyBound

// A property map cannot read the entity it creates.
CREATE (a {x: a.y});
// expect: error SyntaxError.UndefinedVariable

CREATE ()-[r:T {x: r.y}]->();
// expect: error SyntaxError.UndefinedVariable

MERGE (a {x: a.y});
// expect: error SyntaxError.UndefinedVariable

MERGE ()-[r:T {x: [1, r.y]}]->();
// expect: error SyntaxError.UndefinedVariable

MATCH (a)-[a]->() RETURN a;
// expect: error SyntaxError.VariableTypeConflict

MATCH (a)-[r]->() MATCH (r) RETURN r;
// expect: error SyntaxError.VariableTypeConflict

MATCH (p:Person) WHERE count(p) > 1 RETURN p;
// expect: error SyntaxError.InvalidAggregation

MATCH (n) RETURN [x IN [1, 2] | count(*)] AS l;
// expect: error SyntaxError.InvalidAggregation

RETURN count(count(*)) AS n;
// expect: error SyntaxError.NestedAggregation

MATCH (p:Person) RETURN p.age + count(*) AS x;
// expect: error SyntaxError.AmbiguousAggregationExpression

MATCH (p:Person) RETURN p.age + 1, count(*) AS n ORDER BY p.age + 1 + count(*);
// expect: error SyntaxError.AmbiguousAggregationExpression

// Also inside comprehensions, quantifiers, reduce and patterns, whose own variables are theirs.
UNWIND [1, 2] AS z RETURN [y IN collect(1) | z] AS l;
// expect: error SyntaxError.AmbiguousAggregationExpression

UNWIND [1, 2] AS z RETURN any(y IN collect(z) WHERE y = z) AS a;
// expect: error SyntaxError.AmbiguousAggregationExpression

UNWIND [1, 2] AS z RETURN reduce(s = 0, y IN collect(z) | s + y + z) AS r;
// expect: error SyntaxError.AmbiguousAggregationExpression

MATCH (p:Person) RETURN count(*) + size([(p)-->(m) | m.name]) AS l;
// expect: error SyntaxError.AmbiguousAggregationExpression

MATCH (p:Person) RETURN count(*) > 0 AND (p)-->() AS x;
// expect: error SyntaxError.AmbiguousAggregationExpression

MATCH (p:Person) RETURN count(*) > 0 AND EXISTS { (p)-->() } AS x;
// expect: error SyntaxError.AmbiguousAggregationExpression

// After an aggregating RETURN only its columns are in scope for ORDER BY.
MATCH (p:Person) RETURN p.name AS name, count(*) AS n ORDER BY p.age;
// expect: error SyntaxError.UndefinedVariable

MATCH (n) RETURN length(n) AS l;
// expect: error SyntaxError.InvalidArgumentType

MATCH ()-[r]->() RETURN labels(r) AS l;
// expect: error SyntaxError.InvalidArgumentType

RETURN NOT 1 AS x;
// expect: error SyntaxError.InvalidArgumentType

RETURN 1 IN 2 AS x;
// expect: error SyntaxError.InvalidArgumentType

WITH 123 AS nonGraphElement RETURN nonGraphElement.num;
// expect: error TypeError.InvalidArgumentType

MATCH (n $props) RETURN n;
// expect: error SyntaxError.InvalidParameterUse

MATCH (p:Person) RETURN p.name AS name LIMIT p.age;
// expect: error SyntaxError.NonConstantExpression

RETURN 1 AS x LIMIT -1;
// expect: error SyntaxError.NegativeIntegerArgument

RETURN 1 AS x SKIP 1.5;
// expect: error SyntaxError.InvalidArgumentType

CREATE (a)-[:A|B]->(b);
// expect: error SyntaxError.NoSingleRelationshipType

CREATE (a)-[r]->(b);
// expect: error SyntaxError.NoSingleRelationshipType

MATCH (p:Person) WITH p.name RETURN 1 AS one;
// expect: error SyntaxError.NoExpressionAlias

RETURN 1 AS a, 2 AS a;
// expect: error SyntaxError.ColumnNameConflict

RETURN 1 AS a UNION RETURN 2 AS b;
// expect: error SyntaxError.DifferentColumnsInUnion

RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a;
// expect: error SyntaxError.InvalidClauseComposition

// A query ends with RETURN or an updating clause, also after a write.
MATCH (n) WITH n;
// expect: error SyntaxError.InvalidClauseComposition

CREATE (n) WITH n;
// expect: error SyntaxError.InvalidClauseComposition

CREATE (n) WITH n UNWIND [1] AS x;
// expect: error SyntaxError.InvalidClauseComposition

MATCH (n:Person) DELETE n:Person;
// expect: error SyntaxError.InvalidDelete

CREATE ()-[:T*2]->();
// expect: error SyntaxError.CreatingVarLength

CREATE (a)-[:T]-(b);
// expect: error SyntaxError.RequiresDirectedRelationship

RETURN toLowr('A') AS x;
// expect: error SyntaxError.UnknownFunction

RETURN toUpper(DISTINCT 'a') AS x;
// expect: error SyntaxError.UnexpectedSyntax

CALL db.nothing();
// expect: error ProcedureError.ProcedureNotFound

CALL db.labels(1);
// expect: error SyntaxError.InvalidNumberOfArguments

MATCH (n) CALL db.labels() YIELD *;
// expect: error SyntaxError.UnexpectedSyntax

MATCH (n) CALL db.labels() YIELD label AS n RETURN n;
// expect: error SyntaxError.VariableAlreadyBound

CALL db.labels() YIELD nothing;
// expect: error SyntaxError.UndefinedVariable

// A subquery that changes nothing must return something.
CALL { MATCH (n) WITH n } RETURN 1 AS one;
// expect: error SyntaxError.InvalidClauseComposition

// Returned names must be new.
MATCH (n) CALL { MATCH (m) RETURN m AS n } RETURN n;
// expect: error SyntaxError.VariableAlreadyBound

// Without an importing WITH, outer variables are not visible inside.
MATCH (n) CALL { RETURN n.name AS name } RETURN name;
// expect: error SyntaxError.UndefinedVariable

// Syntax of Neo4j's that kg does not have gets a hint.
MATCH (n:Person|Company) RETURN n;
// expect: error SyntaxError.UnsupportedFeature

CALL { RETURN 1 AS a UNION RETURN 2 AS b } RETURN a;
// expect: error SyntaxError.DifferentColumnsInUnion

CALL { RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a } RETURN a;
// expect: error SyntaxError.InvalidClauseComposition

UNWIND [1] AS i CALL { WITH i CALL { WITH i CREATE (:X) } IN TRANSACTIONS } RETURN i;
// expect: error SyntaxError.InvalidClauseComposition

RETURN COLLECT { MATCH (n) RETURN n.a, n.b } AS pairs;
// expect: error SyntaxError.InvalidClauseComposition

RETURN COUNT { MATCH (n) CREATE (:X) } AS c;
// expect: error SyntaxError.InvalidClauseComposition

// A function of a Neo4j plugin is named as such.
RETURN apoc.text.join(['a', 'b'], ',') AS joined;
// expect: error SyntaxError.UnknownFunction
