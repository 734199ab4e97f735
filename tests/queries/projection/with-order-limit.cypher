// dataset: deals-small
// WITH chains, ORDER BY with several keys and nulls, SKIP/LIMIT, DISTINCT, RETURN *, UNWIND.
// Ages: Alice 34, Bob 45, Carol 29, Dave none, Erin 52.

MATCH (d:Deal) RETURN d.year AS year, d.name AS name ORDER BY year DESC, name;
// expect:
// | year | name |
// | 2023 | 'merger' |
// | 2023 | 'pilot' |
// | 2022 | 'license' |
// | 2021 | 'service' |
// | 2021 | 'supply' |

// null sorts last ascending, first descending.
MATCH (p:Person) RETURN p.name AS name, p.age AS age ORDER BY age;
// expect:
// | name | age |
// | 'Carol' | 29 |
// | 'Alice' | 34 |
// | 'Bob' | 45 |
// | 'Erin' | 52 |
// | 'Dave' | null |

MATCH (p:Person) RETURN p.name AS name, p.age AS age ORDER BY age DESC;
// expect:
// | name | age |
// | 'Dave' | null |
// | 'Erin' | 52 |
// | 'Bob' | 45 |
// | 'Alice' | 34 |
// | 'Carol' | 29 |

MATCH (p:Person) RETURN p.name AS name ORDER BY p.age SKIP 1 LIMIT 2;
// expect:
// | name |
// | 'Alice' |
// | 'Bob' |

MATCH (p:Person) RETURN p.name AS name ORDER BY name SKIP 10;
// expect:
// | name |

MATCH (p:Person) RETURN p.name AS name LIMIT 0;
// expect:
// | name |

MATCH (p:Person) RETURN p.name AS name ORDER BY name DESC SKIP 1 + 1 LIMIT 3 - 2;
// expect:
// | name |
// | 'Carol' |

// ORDER BY may use a variable that the projection does not keep.
MATCH (p:Person) RETURN p.name AS name ORDER BY p.age DESC LIMIT 2;
// expect:
// | name |
// | 'Dave' |
// | 'Erin' |

MATCH (p:Person) RETURN p.name AS name ORDER BY size(name), name;
// expect:
// | name |
// | 'Bob' |
// | 'Dave' |
// | 'Erin' |
// | 'Alice' |
// | 'Carol' |

MATCH (d:Deal) RETURN DISTINCT d.currency AS currency ORDER BY currency;
// expect:
// | currency |
// | 'EUR' |
// | 'USD' |

MATCH (d:Deal) RETURN DISTINCT d.year AS year, d.closed AS closed;
// expect:
// | year | closed |
// | 2021 | true |
// | 2022 | false |
// | 2023 | false |

MATCH (p:Person) WITH p.name AS name, p.age AS age WHERE age > 30
WITH name ORDER BY name DESC LIMIT 2
RETURN name;
// expect:
// | name |
// | 'Erin' |
// | 'Bob' |

MATCH (p:Person {name: 'Bob'}) WITH *, p.age + 1 AS next RETURN p.name AS name, next;
// expect:
// | name | next |
// | 'Bob' | 46 |

MATCH (p:Person {name: 'Dave'})-[w:WORKS_AT]->(c) RETURN *;
// expect:
// | c | p | w |
// | (:Company {country: 'US', founded: 1999, name: 'Initech'}) | (:Person {name: 'Dave'}) | [:WORKS_AT {since: 2021}] |

// The column name of an unaliased item is its text as written.
MATCH (p:Person {name: 'Bob'}) RETURN p.name, p.age  +  1, toUpper(p.name);
// expect:
// | p.name | p.age  +  1 | toUpper(p.name) |
// | 'Bob' | 46 | 'BOB' |

UNWIND [3, 1, 2] AS x RETURN x ORDER BY x;
// expect:
// | x |
// | 1 |
// | 2 |
// | 3 |

UNWIND [] AS x RETURN x;
// expect: 0 rows

UNWIND null AS x RETURN x;
// expect: 0 rows

UNWIND [[1, 2], [3]] AS l UNWIND l AS x RETURN x;
// expect:
// | x |
// | 1 |
// | 2 |
// | 3 |

// WITH DISTINCT, then an aggregate over the distinct rows.
MATCH (d:Deal) WITH DISTINCT d.currency AS c RETURN count(*) AS currencies;
// expect:
// | currencies |
// | 2 |

// LIMIT inside a WITH chain, before a later MATCH.
MATCH (c:Company) WITH c ORDER BY c.founded LIMIT 2
MATCH (c)<-[:WORKS_AT]-(p) RETURN c.name AS company, p.name AS person ORDER BY person;
// expect:
// | company | person |
// | 'Acme' | 'Alice' |
// | 'Acme' | 'Bob' |
// | 'Umbrella' | 'Erin' |
