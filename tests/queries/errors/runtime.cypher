// dataset: deals-small
// params: {negative: -1, text: 'x'}
// Errors raised while a statement runs: arithmetic, types, arguments, deleted entities,
// constraints. Each leaves the graph unchanged (the runner checks).

RETURN 1 / 0 AS x;
// expect: error ArgumentError.DivisionByZero

RETURN 1 % 0 AS x;
// expect: error ArgumentError.DivisionByZero

MATCH (p:Person {name: 'Alice'}) RETURN p.age / (p.age - 34) AS x;
// expect: error ArgumentError.DivisionByZero

// Float division by zero is not an error.
RETURN 1.0 / 0 AS x, 1 % 0.0 AS y;
// expect:
// | x | y |
// | Infinity | NaN |

UNWIND [9223372036854775807] AS x RETURN x + 1 AS y;
// expect: error ArgumentError.Overflow

UNWIND [-9223372036854775808] AS x RETURN -x AS y;
// expect: error ArgumentError.Overflow

UNWIND [4611686018427387904] AS x RETURN x * 2 AS y;
// expect: error ArgumentError.Overflow

UNWIND [9223372036854775807, 1] AS x RETURN sum(x) AS s;
// expect: error ArgumentError.Overflow

UNWIND [-9223372036854775808] AS x RETURN x / -1 AS y;
// expect: error ArgumentError.Overflow

UNWIND [1, 'a'] AS x RETURN x - 1 AS y;
// expect: error TypeError.InvalidArgumentType

MATCH (p:Person {name: 'Alice'}) RETURN p.name * 2 AS x;
// expect: error TypeError.InvalidArgumentType

UNWIND [true, 1] AS b RETURN b AND true AS x;
// expect: error TypeError.InvalidArgumentType

RETURN toBoolean([]) AS x;
// expect: error TypeError.InvalidArgumentValue

WITH {a: 1} AS m, 1 AS k RETURN m[k] AS x;
// expect: error TypeError.MapElementAccessByNonString

WITH [1] AS l, 'a' AS k RETURN l[k] AS x;
// expect: error TypeError.ListElementAccessByNonInteger

WITH 100 AS expr, 0 AS idx RETURN expr[idx] AS x;
// expect: error TypeError.InvalidArgumentType

CREATE (:Temp {m: {a: 1}});
// expect: error TypeError.InvalidPropertyType

CREATE (:Temp {l: [1, 'a']});
// expect: error TypeError.InvalidPropertyType

MATCH (p:Person {name: 'Bob'}) SET p.friends = [p];
// expect: error TypeError.InvalidPropertyType

MATCH (d:Deal) RETURN percentileCont(d.value, 1.5) AS p;
// expect: error ArgumentError.NumberOutOfRange

RETURN range(1, 5, 0) AS r;
// expect: error ArgumentError.NumberOutOfRange

RETURN 1 AS x SKIP $negative;
// expect: error SyntaxError.NegativeIntegerArgument

RETURN 1 AS x LIMIT $text;
// expect: error SyntaxError.InvalidArgumentType

RETURN $missing AS x;
// expect: error SemanticError.ParameterMissing

RETURN 'a' =~ '[' AS x;
// expect: error ArgumentError.InvalidRegex

MATCH (d:Deal {name: 'pilot'}) DETACH DELETE d RETURN d.name AS name;
// expect: error EntityNotFound.DeletedEntityAccess

MATCH (d:Deal {name: 'pilot'}) DETACH DELETE d RETURN labels(d) AS labels;
// expect: error EntityNotFound.DeletedEntityAccess

MATCH (:Company {name: 'Hooli'})-[r]-() DELETE r RETURN r.role AS role;
// expect: error EntityNotFound.DeletedEntityAccess

MATCH (c:Company {name: 'Globex'}) DELETE c;
// expect: error ConstraintVerificationFailed.DeleteConnectedNode

MERGE (:Company {name: null});
// expect: error SemanticError.MergeReadOwnWrites

MATCH (p:Person {name: 'Carol'}) MERGE (p)-[:KNOWS]->(:Person {name: null});
// expect: error SemanticError.MergeReadOwnWrites

// A value nests at most 1000 levels: the 1000th wrapping of [] makes 1001 (tests/limits.rs
// covers every way in).
RETURN size(reduce(acc = [], x IN range(1, 1000) | [acc])) AS x;
// expect: error ArgumentError.NestingTooDeep

// Nothing above changed the graph.
MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels;
// expect:
// | nodes | rels |
// | 15 | 21 |
