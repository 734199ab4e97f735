// dataset: deals-small
// SET a property, labels, `= map` and `+= map`; REMOVE properties and labels.

MATCH (p:Person {name: 'Dave'}) SET p.age = 33, p:Employee RETURN p.age AS age, labels(p) AS labels;
// expect:
// | age | labels |
// | 33 | ['Person', 'Employee'] |

MATCH (p:Person {name: 'Dave'}) SET p += {email: 'dave@initech.com', age: 34} RETURN properties(p) AS props;
// expect:
// | props |
// | {age: 34, email: 'dave@initech.com', name: 'Dave'} |

// `+=` with null removes that key.
MATCH (p:Person {name: 'Dave'}) SET p += {email: null} RETURN keys(p) AS keys;
// expect:
// | keys |
// | ['age', 'name'] |

// `=` replaces every property.
MATCH (p:Person {name: 'Dave'}) SET p = {name: 'David', nick: 'D'} RETURN properties(p) AS props, labels(p) AS labels;
// expect:
// | props | labels |
// | {name: 'David', nick: 'D'} | ['Person', 'Employee'] |

MATCH (p:Person {name: 'David'}) SET p.nick = null RETURN properties(p) AS props;
// expect:
// | props |
// | {name: 'David'} |

MATCH (p:Person {name: 'Bob'}) REMOVE p.age RETURN p.age AS age, keys(p) AS keys;
// expect:
// | age | keys |
// | null | ['name'] |

MATCH (p:Employee) REMOVE p:Employee RETURN p.name AS name, labels(p) AS labels;
// expect:
// | name | labels |
// | 'David' | ['Person'] |

MATCH (p:Employee) RETURN count(p) AS employees;
// expect:
// | employees |
// | 0 |

// Properties of relationships.
MATCH (:Person {name: 'Alice'})-[w:WORKS_AT]->() SET w.role = 'Chair', w.until = 2030 RETURN properties(w) AS props;
// expect:
// | props |
// | {role: 'Chair', since: 2015, until: 2030} |

MATCH ()-[w:WORKS_AT]->() WHERE w.until IS NOT NULL REMOVE w.until RETURN keys(w) AS keys;
// expect:
// | keys |
// | ['role', 'since'] |

// Every matched row is updated; a SET sees the values from before the clause.
MATCH (d:Deal) WHERE d.value IS NOT NULL SET d.value = d.value * 2;
// expect: 0 rows

MATCH (d:Deal) RETURN sum(d.value) AS total;
// expect:
// | total |
// | 7400 |

// Setting on a null (an unmatched OPTIONAL MATCH) does nothing.
OPTIONAL MATCH (x:Nobody) SET x.a = 1 RETURN x;
// expect:
// | x |
// | null |

// Copying all properties from another node.
MATCH (a:Company {name: 'Initech'}), (b:Company {name: 'Hooli'}) SET b = properties(a) RETURN b.name AS name, b.country AS country;
// expect:
// | name | country |
// | 'Initech' | 'US' |

MATCH (c:Company {name: 'Initech'}) RETURN count(c) AS initechs;
// expect:
// | initechs |
// | 2 |

// Several labels at once, and removing a label a node does not have.
MATCH (c:Company {name: 'Acme'}) SET c:Client:Partner REMOVE c:Missing RETURN labels(c) AS labels;
// expect:
// | labels |
// | ['Company', 'Client', 'Partner'] |

MATCH (p:Person {name: 'Erin'}) SET p.tags = ['a', 'b'], p.score = 1.5 RETURN p.tags AS tags, p.score AS score;
// expect:
// | tags | score |
// | ['a', 'b'] | 1.5 |
