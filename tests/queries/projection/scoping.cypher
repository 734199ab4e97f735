// dataset: social
// Which variables are visible where: comprehension and quantifier variables shadow outer ones
// only inside, pattern comprehension variables stay inside, WITH decides what survives.

WITH 1 AS x RETURN [x IN [2, 3] | x] AS l, x;
// expect:
// | l | x |
// | [2, 3] | 1 |

// `[x IN list]` is a comprehension with neither filter nor map: the list's elements, with
// `x` its own; with a second element it is a list literal.
WITH 1 AS x RETURN [x IN [2, 3]] AS l, [x IN [2, 3], 4] AS m;
// expect:
// | l | m |
// | [2, 3] | [false, 4] |

WITH 1 AS x RETURN any(x IN [2, 3] WHERE x = 1) AS a, reduce(x = 10, y IN [1] | x + y) AS r, x;
// expect:
// | a | r | x |
// | false | 11 | 1 |

MATCH (a:Person {name: 'Ann'}) RETURN [(a)-->(b) | b.name] AS l, b;
// expect: error SyntaxError.UndefinedVariable

WITH [1, 2] AS l UNWIND l AS l RETURN l;
// expect: error SyntaxError.VariableAlreadyBound

UNWIND {a: 1} AS m RETURN m;
// expect:
// | m |
// | {a: 1} |

MATCH (a)-[r1]->(b), (c)-[r2]->(d) WHERE r1 = r2 RETURN count(*) AS n;
// expect:
// | n |
// | 0 |

MATCH (a:Person {name: 'Ann'}) WITH collect(a) AS l MATCH (n:Person) WHERE n IN l RETURN n.name AS name;
// expect:
// | name |
// | 'Ann' |

// A variable dropped by WITH can be declared again.
MATCH (p:Person {name: 'Ann'}) WITH p.age AS age MATCH (p:Person) WHERE p.age < age RETURN p.name AS younger;
// expect:
// | younger |
// | 'Ben' |
// | 'Eve' |

MATCH (n:Person) WITH n.name AS name ORDER BY name LIMIT 0 RETURN count(*) AS c;
// expect:
// | c |
// | 0 |

// Nodes and relationships compare by identity.
MATCH (a:Person {name: 'Ann'}), (b:Person) WHERE a = b RETURN b.name AS same;
// expect:
// | same |
// | 'Ann' |

MATCH (a:Person)-[:FOLLOWS]->(b), (a)-[:FOLLOWS]->(c) WHERE b = c RETURN a.name AS a, count(*) AS pairs;
// expect:
// | a | pairs |
// | 'Ann' | 2 |
