// dataset: deals-small
// OPTIONAL MATCH fills the gaps with null; several patterns in one MATCH form a product.

MATCH (p:Person) OPTIONAL MATCH (p)-[:NEGOTIATED]->(d:Deal)
RETURN p.name AS person, d.name AS deal ORDER BY person, deal;
// expect:
// | person | deal |
// | 'Alice' | 'supply' |
// | 'Bob' | 'license' |
// | 'Carol' | 'supply' |
// | 'Dave' | null |
// | 'Erin' | 'merger' |
// | 'Erin' | 'service' |

// The WHERE belongs to the OPTIONAL MATCH: a failing condition gives null, not no row.
MATCH (c:Company) OPTIONAL MATCH (c)-[:INVESTED_IN]->(t) WHERE t.founded > 2006
RETURN c.name AS company, t.name AS target ORDER BY company;
// expect:
// | company | target |
// | 'Acme' | 'Hooli' |
// | 'Globex' | null |
// | 'Hooli' | null |
// | 'Initech' | null |
// | 'Umbrella' | null |

OPTIONAL MATCH (n:Nothing) RETURN n;
// expect:
// | n |
// | null |

OPTIONAL MATCH (p:Person {name: 'Zoe'}) RETURN p.name AS name, p IS NULL AS missing;
// expect:
// | name | missing |
// | null | true |

MATCH (c:Company) OPTIONAL MATCH (c)<-[:WORKS_AT]-(p)
RETURN c.name AS company, count(p) AS staff ORDER BY company;
// expect:
// | company | staff |
// | 'Acme' | 2 |
// | 'Globex' | 1 |
// | 'Hooli' | 0 |
// | 'Initech' | 1 |
// | 'Umbrella' | 1 |

MATCH (a:Person {name: 'Alice'}), (b:Person {name: 'Bob'}) OPTIONAL MATCH (a)-[r]-(b)
RETURN a.name AS a, r, b.name AS b;
// expect:
// | a | r | b |
// | 'Alice' | null | 'Bob' |

// An optional chain either matches whole or not at all.
MATCH (p:Person) WHERE p.name IN ['Carol', 'Dave']
OPTIONAL MATCH (p)-[:NEGOTIATED]->(d)<-[:PARTY_TO {role: 'buyer'}]-(buyer)
RETURN p.name AS person, d.name AS deal, buyer.name AS buyer ORDER BY person;
// expect:
// | person | deal | buyer |
// | 'Carol' | 'supply' | 'Globex' |
// | 'Dave' | null | null |

MATCH (p:Person), (c:Company) RETURN count(*) AS pairs;
// expect:
// | pairs |
// | 25 |

MATCH (p:Person)-[:WORKS_AT]->(c), (c)-[:PARTY_TO]->(d)
RETURN p.name AS person, d.name AS deal ORDER BY person, deal;
// expect:
// | person | deal |
// | 'Alice' | 'license' |
// | 'Alice' | 'supply' |
// | 'Bob' | 'license' |
// | 'Bob' | 'supply' |
// | 'Carol' | 'merger' |
// | 'Carol' | 'supply' |
// | 'Dave' | 'license' |
// | 'Dave' | 'service' |
// | 'Erin' | 'merger' |
// | 'Erin' | 'service' |

// Within one MATCH two pattern parts never use the same relationship...
MATCH (a)-[:WORKS_AT]->(c), (b)-[:WORKS_AT]->(c) RETURN a.name AS a, b.name AS b;
// expect:
// | a | b |
// | 'Alice' | 'Bob' |
// | 'Bob' | 'Alice' |

// ...but separate MATCH clauses may.
MATCH (a)-[:WORKS_AT]->(c) MATCH (b)-[:WORKS_AT]->(c) RETURN count(*) AS n;
// expect:
// | n |
// | 7 |

MATCH (d:Deal), (e:Deal) WHERE d.value > e.value * 5 RETURN d.name AS big, e.name AS small;
// expect:
// | big | small |
// | 'supply' | 'service' |
// | 'merger' | 'supply' |
// | 'merger' | 'license' |
// | 'merger' | 'service' |

MATCH (a:Person), (b:Person) WHERE a.age > b.age AND b.name = 'Alice' RETURN a.name AS older;
// expect:
// | older |
// | 'Bob' |
// | 'Erin' |

// A node with two labels in the pattern needs both.
MATCH (n:Person:Company) RETURN count(n) AS n;
// expect:
// | n |
// | 0 |
