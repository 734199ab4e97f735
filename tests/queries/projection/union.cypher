// dataset: deals-small
// UNION removes duplicate rows, UNION ALL keeps them.

MATCH (p:Person) WHERE p.age > 40 RETURN p.name AS name
UNION
MATCH (c:Company) WHERE c.founded > 2000 RETURN c.name AS name;
// expect:
// | name |
// | 'Bob' |
// | 'Erin' |
// | 'Globex' |
// | 'Hooli' |

RETURN 1 AS x UNION RETURN 1 AS x;
// expect:
// | x |
// | 1 |

RETURN 1 AS x UNION ALL RETURN 1 AS x;
// expect:
// | x |
// | 1 |
// | 1 |

MATCH (d:Deal) RETURN d.currency AS c UNION MATCH (d:Deal) RETURN d.currency AS c;
// expect:
// | c |
// | 'USD' |
// | 'EUR' |

MATCH (d:Deal) RETURN d.currency AS c UNION ALL MATCH (d:Deal) RETURN d.currency AS c;
// expect: 10 rows

RETURN 1 AS x UNION ALL RETURN 2 AS x UNION ALL RETURN 1 AS x;
// expect:
// | x |
// | 1 |
// | 2 |
// | 1 |

// null is a value like any other for UNION's duplicate removal.
RETURN null AS x UNION RETURN null AS x;
// expect:
// | x |
// | null |
