// dataset: empty
// kg's valid time: MATCH ... AS OF date sees only nodes and relationships valid at that date
// (valid_from <= date <= valid_to, both inclusive, a missing bound open); validAt() is the test.

CREATE (a:Co {name: 'A'}), (b:Co {name: 'B'}), (c:Co {name: 'C', valid_from: date('2020-01-01')}),
       (a)-[:DEAL {n: 1, valid_from: date('2021-01-01'), valid_to: date('2021-12-31')}]->(b),
       (a)-[:DEAL {n: 2, valid_from: date('2022-01-01')}]->(b),
       (a)-[:DEAL {n: 3, valid_to: date('2020-06-30')}]->(c),
       (b)-[:DEAL {n: 4}]->(c);
// expect: 0 rows

// Before, on the first day, inside, on the last day and after the first deal's period.
UNWIND [date('2020-12-31'), date('2021-01-01'), date('2021-06-15'), date('2021-12-31'), date('2022-01-01')] AS d
MATCH (:Co {name: 'A'})-[r:DEAL]->(:Co {name: 'B'}) AS OF d
RETURN toString(d) AS day, collect(r.n) AS deals ORDER BY day;
// expect:
// | day | deals |
// | '2021-01-01' | [1] |
// | '2021-06-15' | [1] |
// | '2021-12-31' | [1] |
// | '2022-01-01' | [2] |

// Nodes are tested too: C exists from 2020, so the deal ending in June 2020 is seen only then.
MATCH (a {name: 'A'})-[r:DEAL]->(c {name: 'C'}) AS OF date('2019-06-01') RETURN count(r) AS before_c;
// expect:
// | before_c |
// | 0 |

MATCH (a {name: 'A'})-[r:DEAL]->(c {name: 'C'}) AS OF '2020-03-01' RETURN r.n AS n;
// expect:
// | n |
// | 3 |

MATCH (a {name: 'A'})-[r:DEAL]->(c {name: 'C'}) AS OF '2020-07-01' RETURN count(r) AS after;
// expect:
// | after |
// | 0 |

// Elements without validity are always seen; a statement can compare two dates.
MATCH (x:Co) AS OF date('2019-01-01') WITH count(x) AS earlier
MATCH (y:Co) AS OF date('2024-01-01') RETURN earlier, count(y) AS later;
// expect:
// | earlier | later |
// | 2 | 3 |

// OPTIONAL MATCH: what is not valid then gives null, the row stays.
MATCH (a:Co {name: 'A'}) OPTIONAL MATCH (a)-[r:DEAL]->(b {name: 'B'}) AS OF date('2020-06-01')
RETURN a.name AS name, r AS deal;
// expect:
// | name | deal |
// | 'A' | null |

// Variable length: every relationship on the way must be valid.
MATCH p = (:Co {name: 'A'})-[:DEAL*2]->(:Co {name: 'C'}) AS OF date('2021-05-01')
RETURN [r IN relationships(p) | r.n] AS deals;
// expect:
// | deals |
// | [1, 4] |

MATCH p = (:Co {name: 'A'})-[:DEAL*2]->(:Co {name: 'C'}) AS OF date('2023-05-01')
RETURN [r IN relationships(p) | r.n] AS deals;
// expect:
// | deals |
// | [2, 4] |

// The date may come from a parameter-free expression bound before the clause.
WITH date('2021-03-01') AS d MATCH ()-[r:DEAL]->() AS OF d RETURN collect(r.n) AS deals;
// expect:
// | deals |
// | [1, 4] |

// validAt is the same test as a function: nodes, relationships, paths and lists.
MATCH (a {name: 'A'})-[r:DEAL {n: 1}]->(b)
RETURN validAt(r, date('2020-12-31')) AS before, validAt(r, '2021-12-31') AS last_day,
       validAt([a, r, b], date('2021-02-01')) AS every, validAt(null, date('2021-02-01')) AS none;
// expect:
// | before | last_day | every | none |
// | false | true | true | null |

MATCH p = (:Co {name: 'A'})-[:DEAL {n: 3}]->(:Co {name: 'C'})
RETURN validAt(p, date('2020-03-01')) AS path;
// expect:
// | path |
// | true |

// A date that is not one, and a bound that is not a date, are errors.
MATCH (x:Co) AS OF 'soon' RETURN x;
// expect: error TypeError.InvalidArgumentType

MATCH (x:Co) AS OF 2021 RETURN x;
// expect: error TypeError.InvalidArgumentType

CREATE (:Co {name: 'D', valid_to: '2026-04'});
// expect: 0 rows

MATCH (x:Co {name: 'D'}) AS OF date('2026-01-01') RETURN x.name;
// expect: error TypeError.InvalidArgumentType
