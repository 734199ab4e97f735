// dataset: deals-small
// params: {min: 100, names: ['Alice', 'Zoe'], company: {name: 'Acme'}, `odd``name`: 7}
// Pattern predicates, EXISTS { }, pattern comprehensions, map projections, labels in WHERE and
// parameters.

MATCH (c:Company) WHERE (c)-[:INVESTED_IN]->() RETURN c.name AS name;
// expect:
// | name |
// | 'Acme' |
// | 'Umbrella' |

MATCH (c:Company) WHERE NOT (c)<-[:WORKS_AT]-() RETURN c.name AS name;
// expect:
// | name |
// | 'Hooli' |

MATCH (p:Person) WHERE EXISTS { (p)-[:NEGOTIATED]->(d:Deal) WHERE d.closed } RETURN p.name AS name;
// expect:
// | name |
// | 'Alice' |
// | 'Carol' |
// | 'Erin' |

MATCH (c:Company) WHERE EXISTS { MATCH (c)-[:PARTY_TO {role: 'buyer'}]->(d) RETURN d } RETURN c.name AS name;
// expect:
// | name |
// | 'Globex' |
// | 'Hooli' |
// | 'Initech' |
// | 'Umbrella' |

// Companies on both sides of some deal: a seller of one and a buyer of another.
MATCH (c:Company)
WHERE (c)-[:PARTY_TO {role: 'seller'}]->() AND (c)-[:PARTY_TO {role: 'buyer'}]->()
RETURN c.name AS name;
// expect:
// | name |
// | 'Globex' |
// | 'Initech' |

MATCH (c:Company {name: 'Acme'})
RETURN [(c)<-[w:WORKS_AT]-(p) WHERE w.since > 2016 | p.name + ' (' + w.role + ')'] AS recent,
       size([(c)-[:PARTY_TO]->(d) | d]) AS deals;
// expect:
// | recent | deals |
// | ['Bob (CFO)'] | 2 |

MATCH (p:Person {name: 'Alice'})
RETURN p {.name, .age, company: [(p)-[:WORKS_AT]->(c) | c.name][0]} AS card;
// expect:
// | card |
// | {age: 34, company: 'Acme', name: 'Alice'} |

MATCH (p:Person) WHERE p.name IN ['Bob', 'Dave'] RETURN p {.*} AS everything, p {.name, .email} AS some ORDER BY p.name;
// expect:
// | everything | some |
// | {age: 45, name: 'Bob'} | {email: null, name: 'Bob'} |
// | {name: 'Dave'} | {email: null, name: 'Dave'} |

MATCH (n) WHERE n:Deal AND n.value IS NULL RETURN n.name AS name;
// expect:
// | name |
// | 'pilot' |

MATCH (n) WHERE n:Person:Company RETURN n;
// expect:
// | n |

MATCH (c:Company) WHERE c.revenue IS NOT NULL RETURN c.name AS name;
// expect:
// | name |
// | 'Acme' |
// | 'Globex' |
// | 'Umbrella' |

MATCH (c:Company) WHERE 'bio' IN c.tags RETURN c.name AS name;
// expect:
// | name |
// | 'Umbrella' |

MATCH (d:Deal) WHERE d.value >= $min RETURN d.name AS name;
// expect:
// | name |
// | 'supply' |
// | 'license' |
// | 'merger' |

MATCH (p:Person) WHERE p.name IN $names RETURN p.name AS name;
// expect:
// | name |
// | 'Alice' |

MATCH (c:Company {name: $company.name})<-[:WORKS_AT]-(p) RETURN p.name AS name;
// expect:
// | name |
// | 'Alice' |
// | 'Bob' |

MATCH (d:Deal) WHERE d.closed = false AND d.probability < 0.5 RETURN d.name AS name;
// expect:
// | name |
// | 'merger' |

MATCH (d:Deal) WHERE d.year IN [2022, 2023] AND NOT d.currency = 'EUR' RETURN d.name AS name;
// expect:
// | name |
// | 'license' |
// | 'pilot' |

// Backticks quote parameter and function names as they quote any other name.
RETURN $`min` AS min, $`odd``name` AS odd, `toUpper`('a') AS up, `to``Upper`('a') IS NULL AS never;
// expect: error SyntaxError.UnknownFunction

RETURN $`min` AS min, $`odd``name` AS odd, `toUpper`('a') AS up;
// expect:
// | min | odd | up |
// | 100 | 7 | 'A' |
