// dataset: seed-csv
// The article graph exported to the neo4j-admin CSV layout and read back: the same answers as
// the embedded graph, with the same types.

MATCH (c:Company)-[s:OWNS_STAKE]->(o:Company) RETURN c.name AS owner, o.name AS company, s.stake_pct AS pct, s.value_usd AS usd;
// expect:
// | owner | company | pct | usd |
// | 'Microsoft' | 'OpenAI' | 27.0 | 228000000000 |

MATCH (n) RETURN count(n) AS nodes;
// expect:
// | nodes |
// | 54 |

MATCH ()-[r]->() RETURN count(r) AS rels;
// expect:
// | rels |
// | 128 |

MATCH (c:Company {name: 'AWS'}) RETURN c.aliases AS aliases, labels(c) AS labels;
// expect:
// | aliases | labels |
// | ['Amazon Web Services', 'Amazon’s cloud division'] | ['Company', 'Division', 'CloudProvider'] |
