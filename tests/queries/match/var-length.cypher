// dataset: social
// Variable-length patterns: bounds, zero length, trail semantics on cycles and self-loops.
// KNOWS: Ann->Ben 2010, Ben->Cat 2012, Cat->Ann 2014, Cat->Dan 2016, Dan->Eve 2018, Eve->Eve 2020.

// Ann -> Ben -> Cat -> {Ann, Dan}; Dan -> Eve -> Eve (the loop once). Ann -> Ben again would
// reuse a relationship.
MATCH (:Person {name: 'Ann'})-[:KNOWS*]->(x) RETURN x.name AS name;
// expect:
// | name |
// | 'Ben' |
// | 'Cat' |
// | 'Ann' |
// | 'Dan' |
// | 'Eve' |
// | 'Eve' |

MATCH (:Person {name: 'Ann'})-[:KNOWS*0..]->(x) RETURN x.name AS name;
// expect:
// | name |
// | 'Ann' |
// | 'Ben' |
// | 'Cat' |
// | 'Ann' |
// | 'Dan' |
// | 'Eve' |
// | 'Eve' |

MATCH (:Person {name: 'Ann'})-[:KNOWS*2]->(x) RETURN x.name AS name;
// expect:
// | name |
// | 'Cat' |

MATCH (:Person {name: 'Ann'})-[:KNOWS*2..3]->(x) RETURN x.name AS name;
// expect:
// | name |
// | 'Cat' |
// | 'Ann' |
// | 'Dan' |

MATCH (:Person {name: 'Ann'})-[:KNOWS*..2]->(x) RETURN x.name AS name;
// expect:
// | name |
// | 'Ben' |
// | 'Cat' |

MATCH (:Person {name: 'Ann'})-[:KNOWS*0..0]->(x) RETURN x.name AS name;
// expect:
// | name |
// | 'Ann' |

MATCH (:Person {name: 'Ann'})-[r:KNOWS*3..]->(x)
RETURN x.name AS name, size(r) AS hops ORDER BY hops, name;
// expect:
// | name | hops |
// | 'Ann' | 3 |
// | 'Dan' | 3 |
// | 'Eve' | 4 |
// | 'Eve' | 5 |

MATCH (:Person {name: 'Ann'})-[rs:KNOWS*]->(x)
WHERE all(r IN rs WHERE r.since < 2017)
RETURN x.name AS name;
// expect:
// | name |
// | 'Ben' |
// | 'Cat' |
// | 'Ann' |
// | 'Dan' |

MATCH (:Person {name: 'Ann'})-[:KNOWS* {since: 2010}]->(x) RETURN x.name AS name;
// expect:
// | name |
// | 'Ben' |

// Cycles of exactly two and three hops back to the start.
MATCH (a:Person)-[:KNOWS*2]->(a) RETURN a.name AS name;
// expect:
// | name |

MATCH (a:Person)-[:KNOWS*3]->(a) RETURN a.name AS name;
// expect:
// | name |
// | 'Ann' |
// | 'Ben' |
// | 'Cat' |

MATCH (x)-[:KNOWS*2]->(:Person {name: 'Eve'}) RETURN x.name AS name;
// expect:
// | name |
// | 'Cat' |
// | 'Dan' |

MATCH (:Person {name: 'Fay'})-[*0..1]->(b) RETURN b.name AS name;
// expect:
// | name |
// | 'Fay' |
// | 'Eve' |

// Undirected: Fay - Eve, then from Eve to Dan, or once round Eve's self-loop.
MATCH (:Person {name: 'Fay'})-[*1..2]-(x) RETURN x.name AS name;
// expect:
// | name |
// | 'Eve' |
// | 'Dan' |
// | 'Eve' |

// Two FOLLOWS hops either way from Ann: out to Ben on one of three relationships, back on
// either of the other two; Dan's one FOLLOWS cannot be walked twice.
MATCH (:Person {name: 'Ann'})-[:FOLLOWS*2]-(x) RETURN x.name AS name;
// expect:
// | name |
// | 'Ann' |
// | 'Ann' |
// | 'Ann' |
// | 'Ann' |
// | 'Ann' |
// | 'Ann' |
