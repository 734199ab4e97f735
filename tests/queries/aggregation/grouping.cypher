// dataset: deals-small
// Grouping keys, counting, DISTINCT aggregates, nulls in aggregates, aggregating empty input.
// Deal values: supply 500, license 120, merger 3000 (EUR), pilot none, service 80.

MATCH (d:Deal)
RETURN d.currency AS currency, count(*) AS deals, count(d.value) AS valued, sum(d.value) AS total
ORDER BY currency;
// expect:
// | currency | deals | valued | total |
// | 'EUR' | 1 | 1 | 3000 |
// | 'USD' | 4 | 3 | 700 |

MATCH (d:Deal) RETURN count(DISTINCT d.year) AS years, count(DISTINCT d.currency) AS currencies, count(DISTINCT d.closed) AS states;
// expect:
// | years | currencies | states |
// | 3 | 2 | 2 |

// collect skips nulls and keeps the order rows arrive in.
MATCH (d:Deal) WITH d ORDER BY d.name RETURN collect(d.value) AS values;
// expect:
// | values |
// | [120, 3000, 80, 500] |

MATCH (d:Deal) WITH d ORDER BY d.year RETURN collect(DISTINCT d.year) AS years;
// expect:
// | years |
// | [2021, 2022, 2023] |

// Without grouping keys an aggregate over no rows still gives one row.
MATCH (n:Nothing)
RETURN count(*) AS rows, count(n) AS nodes, sum(n.x) AS sum, avg(n.x) AS avg, collect(n) AS list, min(n.x) AS min, max(n.x) AS max;
// expect:
// | rows | nodes | sum | avg | list | min | max |
// | 0 | 0 | 0 | null | [] | null | null |

// With grouping keys, no rows in means no rows out.
MATCH (n:Nothing) RETURN n.name AS key, count(*) AS rows;
// expect:
// | key | rows |

MATCH (p:Person) RETURN avg(p.age) AS avg, sum(p.age) AS sum, max(p.age) - min(p.age) AS spread;
// expect:
// | avg | sum | spread |
// | 40.0 | 160 | 23 |

MATCH (c:Company) RETURN sum(c.revenue) AS revenue, avg(c.founded) AS founded;
// expect:
// | revenue | founded |
// | 4530.5 | 1997.8 |

MATCH (c:Company)-[:PARTY_TO]->(d:Deal)
RETURN c.name AS company, count(d) AS deals, sum(d.value) AS value
ORDER BY deals DESC, company;
// expect:
// | company | deals | value |
// | 'Acme' | 2 | 620 |
// | 'Globex' | 2 | 3500 |
// | 'Initech' | 2 | 200 |
// | 'Umbrella' | 2 | 3080 |
// | 'Hooli' | 1 | 0 |

MATCH (p:Person)-[:WORKS_AT]->(c) WITH p, c ORDER BY p.name
RETURN c.name AS company, collect(p.name) AS people ORDER BY company;
// expect:
// | company | people |
// | 'Acme' | ['Alice', 'Bob'] |
// | 'Globex' | ['Carol'] |
// | 'Initech' | ['Dave'] |
// | 'Umbrella' | ['Erin'] |

// WITH ... WHERE filters on an aggregate (SQL's HAVING).
MATCH (c:Company)-[:PARTY_TO]->(d) WITH c, sum(d.value) AS total WHERE total > 1000
RETURN c.name AS company, total ORDER BY company;
// expect:
// | company | total |
// | 'Globex' | 3500 |
// | 'Umbrella' | 3080 |

MATCH (p:Person) RETURN p.email IS NULL AS no_email, count(*) AS people;
// expect:
// | no_email | people |
// | false | 3 |
// | true | 2 |

// Grouping by a node: Erin negotiated two deals.
MATCH (p:Person)-[:NEGOTIATED]->(d) RETURN p.name AS person, count(*) AS deals, sum(d.value) AS value ORDER BY deals DESC, person LIMIT 2;
// expect:
// | person | deals | value |
// | 'Erin' | 2 | 3080 |
// | 'Alice' | 1 | 500 |

// A grouping key in an expression next to an aggregate.
MATCH (d:Deal) RETURN d.year % 2 = 1 AS odd_year, count(*) * 10 AS score ORDER BY odd_year;
// expect:
// | odd_year | score |
// | false | 10 |
// | true | 40 |

UNWIND [1, 1, 2, null] AS x RETURN sum(DISTINCT x) AS sum, count(DISTINCT x) AS count, avg(DISTINCT x) AS avg, collect(DISTINCT x) AS list, count(x) AS non_null;
// expect:
// | sum | count | avg | list | non_null |
// | 3 | 2 | 1.5 | [1, 2] | 3 |

UNWIND [[1], [1], [2], null] AS l RETURN l, count(*) AS n;
// expect:
// | l | n |
// | [1] | 2 |
// | [2] | 1 |
// | null | 1 |

// Aggregating twice: counts of counts.
MATCH (c:Company) OPTIONAL MATCH (c)<-[:WORKS_AT]-(p)
WITH c, count(p) AS staff
RETURN staff, count(*) AS companies ORDER BY staff;
// expect:
// | staff | companies |
// | 0 | 1 |
// | 1 | 3 |
// | 2 | 1 |

// ORDER BY may repeat a grouping expression that the RETURN projects.
MATCH (p:Person) RETURN p.name, count(*) AS n ORDER BY p.name LIMIT 2;
// expect:
// | p.name | n |
// | 'Alice' | 1 |
// | 'Bob' | 1 |

MATCH (d:Deal) RETURN CASE WHEN count(*) > 4 THEN 'many' ELSE 'few' END AS deals, max(d.year) - min(d.year) AS years;
// expect:
// | deals | years |
// | 'many' | 2 |

// Aggregates of aggregates, through WITH.
MATCH (c:Company)-[:PARTY_TO]->(d:Deal)
WITH c.name AS company, count(*) AS deals
RETURN max(deals) AS most, min(deals) AS fewest, avg(deals) AS mean, collect(company)[0] IS NOT NULL AS any;
// expect:
// | most | fewest | mean | any |
// | 2 | 1 | 1.8 | true |

// Next to an aggregate, comprehensions and patterns may use the grouping keys and their own
// variables.
MATCH (p:Person)
WITH p, count(*) + size([(p)-[:WORKS_AT]->(c) | c]) AS x, [n IN collect(p.age) | n + 1] AS next
RETURN p.name AS name, x, next ORDER BY name LIMIT 2;
// expect:
// | name | x | next |
// | 'Alice' | 2 | [35] |
// | 'Bob' | 2 | [46] |

MATCH (p:Person) RETURN count(*) + size([(q:Person)-[:WORKS_AT]->(c:Company {name: 'Acme'}) | q]) AS x;
// expect:
// | x |
// | 7 |

// Keys read from maps in place, and from a map built per row.
UNWIND [{k: 'a', v: 1}, {k: 'b', v: 2}, {k: 'a', v: 3}, {v: 4}] AS m
RETURN m.k AS k, {x: m.k}.x AS again, sum(m.v) AS total ORDER BY k;
// expect:
// | k | again | total |
// | 'a' | 'a' | 4 |
// | 'b' | 'b' | 2 |
// | null | null | 4 |
