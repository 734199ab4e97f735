// dataset: empty
// LOAD CSV from local files (paths from the crate's folder, where tests run): rows as lists
// of strings or, WITH HEADERS, maps; an unquoted empty field is null, a quoted one ''; both
// ways of escaping a quote; quoted fields across lines; blank lines skipped.

LOAD CSV FROM 'tests/queries/load-csv/files/people.csv' AS row RETURN row;
// expect:
// | row |
// | ['name', 'age', 'city'] |
// | ['Ada', '36', 'London'] |
// | ['Grace "Amazing" Hopper', '85', null] |
// | ['Linus', null, ''] |
// | ['Tim "TBL" Berners-Lee', '69', 'Lon\ndon'] |

LOAD CSV WITH HEADERS FROM 'file:///tests/queries/load-csv/files/people.csv' AS row
RETURN row.name AS name, toInteger(row.age) AS age, row.city AS city, keys(row) AS keys;
// expect:
// | name | age | city | keys |
// | 'Ada' | 36 | 'London' | ['age', 'city', 'name'] |
// | 'Grace "Amazing" Hopper' | 85 | null | ['age', 'city', 'name'] |
// | 'Linus' | null | '' | ['age', 'city', 'name'] |
// | 'Tim "TBL" Berners-Lee' | 69 | 'Lon\ndon' | ['age', 'city', 'name'] |

// linenumber() is the line a row starts on (a quoted field may span lines); file() the file's
// absolute path; both null without a LOAD CSV before them.
LOAD CSV WITH HEADERS FROM 'tests/queries/load-csv/files/people.csv' AS row
RETURN linenumber() AS line, row.name AS name, file() STARTS WITH '/' AND file() ENDS WITH '/tests/queries/load-csv/files/people.csv' AS absolute;
// expect:
// | line | name | absolute |
// | 2 | 'Ada' | true |
// | 3 | 'Grace "Amazing" Hopper' | true |
// | 4 | 'Linus' | true |
// | 6 | 'Tim "TBL" Berners-Lee' | true |

RETURN linenumber() AS line, file() AS file;
// expect:
// | line | file |
// | null | null |

// Another field terminator; a byte order mark at the start is not part of the first field.
LOAD CSV FROM 'tests/queries/load-csv/files/artists-semicolon.csv' AS row FIELDTERMINATOR ';'
RETURN toInteger(row[0]) AS id, row[1] AS name, size(row) AS fields;
// expect:
// | id | name | fields |
// | 1 | 'ABBA' | 3 |
// | 2 | 'Roxette' | 3 |

LOAD CSV WITH HEADERS FROM 'tests/queries/load-csv/files/tabs.tsv' AS row FIELDTERMINATOR '\t' RETURN row;
// expect:
// | row |
// | {a: 'x y', b: '2'} |

// A header and nothing else: no rows.
LOAD CSV WITH HEADERS FROM 'tests/queries/load-csv/files/header-only.csv' AS row RETURN count(*) AS n;
// expect:
// | n |
// | 0 |

// The URL is an expression, read for each row: null reads nothing.
UNWIND ['people.csv', null, 'tabs.tsv'] AS name
LOAD CSV FROM 'tests/queries/load-csv/files/' + name AS row
RETURN name, count(*) AS records;
// expect:
// | name | records |
// | 'people.csv' | 5 |
// | 'tabs.tsv' | 2 |

// Reshaping while loading: nodes, then relationships between them.
LOAD CSV WITH HEADERS FROM 'file:///tests/queries/load-csv/files/people.csv' AS row
MERGE (p:Person {name: row.name}) SET p.age = toInteger(row.age);
// expect: 0 rows

LOAD CSV WITH HEADERS FROM 'tests/queries/load-csv/files/knows.csv' AS row
MERGE (a:Person {name: row.name}) MERGE (b:Person {name: row.knows}) MERGE (a)-[:KNOWS]->(b);
// expect: 0 rows

MATCH (p:Person) OPTIONAL MATCH (p)-[:KNOWS]->(q) RETURN p.name AS name, p.age AS age, count(q) AS knows, 'Linus' IN collect(q.name) AS knowsLinus ORDER BY name;
// expect:
// | name | age | knows | knowsLinus |
// | 'Ada' | 36 | 2 | true |
// | 'Grace' | null | 1 | true |
// | 'Grace "Amazing" Hopper' | 85 | 0 | false |
// | 'Linus' | null | 1 | false |
// | 'Tim "TBL" Berners-Lee' | 69 | 0 | false |

// Errors name the file, and the line and column where they are; a failed load changes
// nothing, even after rows it has written.
LOAD CSV WITH HEADERS FROM 'tests/queries/load-csv/files/short-row.csv' AS row CREATE (:Row {a: row.a});
// expect: error ArgumentError.InvalidCsv

LOAD CSV FROM 'tests/queries/load-csv/files/open-quote.csv' AS row RETURN row;
// expect: error ArgumentError.InvalidCsv

LOAD CSV FROM 'tests/queries/load-csv/files/latin1.csv' AS row RETURN row;
// expect: error ArgumentError.InvalidCsv

LOAD CSV FROM 'tests/queries/load-csv/files/no-such-file.csv' AS row RETURN row;
// expect: error ArgumentError.ExternalResourceFailed

LOAD CSV FROM 'https://example.org/people.csv' AS row RETURN row;
// expect: error ArgumentError.ExternalResourceFailed

LOAD CSV FROM 42 AS row RETURN row;
// expect: error TypeError.InvalidArgumentType

LOAD CSV FROM 'tests/queries/load-csv/files/people.csv' AS row FIELDTERMINATOR '::' RETURN row;
// expect: error SyntaxError.InvalidArgumentValue

WITH 1 AS row LOAD CSV FROM 'tests/queries/load-csv/files/people.csv' AS row RETURN row;
// expect: error SyntaxError.VariableAlreadyBound

CREATE (n) LOAD CSV FROM 'tests/queries/load-csv/files/people.csv' AS row RETURN row;
// expect: error SyntaxError.InvalidClauseComposition

FOREACH (x IN [1] | LOAD CSV FROM 'tests/queries/load-csv/files/people.csv' AS row CREATE ());
// expect: error SyntaxError.InvalidClauseComposition
