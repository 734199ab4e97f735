// dataset: seed
// Questions over the article's graph beyond those in graph-data/SCHEMA.md, answers worked out
// from graph-data/seed/article.cypher by hand.

MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS nodes ORDER BY label;
// expect:
// | label | nodes |
// | 'Agreement' | 4 |
// | 'CloudProvider' | 3 |
// | 'Company' | 6 |
// | 'Event' | 1 |
// | 'Fund' | 1 |
// | 'Investment' | 2 |
// | 'MarketFigure' | 5 |
// | 'Model' | 3 |
// | 'Person' | 3 |
// | 'Platform' | 2 |
// | 'Product' | 2 |
// | 'Quote' | 6 |
// | 'Source' | 9 |
// | 'WatchItem' | 4 |

MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->()
RETURN nodes, count(r) AS rels, count(DISTINCT type(r)) AS types,
       size([x IN collect(type(r)) WHERE x = 'PARTY_TO']) AS party_to;
// expect:
// | nodes | rels | types | party_to |
// | 51 | 75 | 27 | 11 |

// Provenance holds everywhere: every node but the sources cites one or two sources, the
// last always the article; every relationship too; and only :Source nodes are cited.
MATCH (n) WHERE NOT n:Source AND (NOT size(sources(n)) IN [1, 2] OR last(sources(n)).name <> 'Article')
RETURN n.name AS name;
// expect: 0 rows

MATCH ()-[r]->() WHERE NOT size(sources(r)) IN [1, 2] OR last(sources(r)).name <> 'Article'
RETURN count(*) AS unsourced;
// expect:
// | unsourced |
// | 0 |

MATCH (n) UNWIND sources(n) AS s WITH s WHERE NOT s:Source RETURN count(*) AS not_sources;
// expect:
// | not_sources |
// | 0 |

MATCH (s:Source) RETURN count(*) AS sources, sum(size(sources(s))) AS citations;
// expect:
// | sources | citations |
// | 9 | 0 |

// "Which facts does TechCrunch back?": nodes and relationships alike, one condition.
MATCH (x) WHERE any(s IN sources(x) WHERE s.name = 'TechCrunch') RETURN 'node' AS kind, x.name AS fact
UNION ALL
MATCH (a)-[r]->(b) WHERE any(s IN sources(r) WHERE s.name = 'TechCrunch')
RETURN 'relationship' AS kind, a.name + ' ' + type(r) + ' ' + b.name AS fact;
// expect:
// | kind | fact |
// | 'node' | 'new agreement' |
// | 'relationship' | 'OpenAI PARTY_TO new agreement' |
// | 'relationship' | 'Microsoft PARTY_TO new agreement' |
// | 'relationship' | 'OpenAI PAYS Microsoft' |
// | 'relationship' | 'Microsoft PAYS OpenAI' |

// Quoted passages travel with their citation.
MATCH (:Company {name: 'OpenAI'})-[p:PAYS]->() UNWIND citations(p) AS c
RETURN c.source.name AS source, c.quote AS quote;
// expect:
// | source | quote |
// | 'TechCrunch' | 'OpenAI continues paying Microsoft through 2030 under a newly capped arrangement' |
// | 'Article' | null |

MATCH (:Company {name: 'Microsoft'})-[:PARTY_TO]->(a)<-[:PARTY_TO]-(other:Company)
RETURN other.name AS partner, count(*) AS shared ORDER BY partner;
// expect:
// | partner | shared |
// | 'OpenAI' | 4 |

// Validity bounds are dates: the year "through 2030" ends on its last day.
MATCH (a)-[r]->(b) WHERE r.valid_to.year >= 2030
RETURN a.name AS from, type(r) AS type, b.name AS to, r.valid_to.year AS through, r.valid_to.day AS day ORDER BY through;
// expect:
// | from | type | to | through | day |
// | 'OpenAI' | 'PAYS' | 'Microsoft' | 2030 | 31 |
// | 'Microsoft' | 'PARTNERS_WITH' | 'OpenAI' | 2032 | 31 |

// Dollar amounts by key, reading each key dynamically.
MATCH (n) UNWIND keys(n) AS k WITH n, k WHERE k ENDS WITH '_usd'
RETURN k AS key, count(*) AS nodes, sum(n[k]) AS total ORDER BY key;
// expect:
// | key | nodes | total |
// | 'amount_usd' | 3 | 263750000000 |
// | 'revenue_usd' | 1 | 17700000000 |
// | 'valuation_usd' | 1 | 852000000000 |
// | 'value_usd' | 1 | 38000000000 |

MATCH (n) WHERE size(n.aliases) > 2 RETURN n.name AS name, size(n.aliases) AS aliases ORDER BY name;
// expect:
// | name | aliases |
// | 'AWS partnership' | 3 |
// | 'exclusivity arrangement' | 3 |

MATCH (n) WHERE 'Bedrock' IN n.aliases RETURN n.name AS name;
// expect:
// | name |
// | 'Amazon Bedrock' |

MATCH (n) WHERE any(a IN n.aliases WHERE a CONTAINS 'Azure') RETURN n.name AS name ORDER BY name;
// expect:
// | name |
// | 'Azure' |
// | 'exclusivity arrangement' |

// Denise Dresser and Matt Garman share no neighbour; one 3-hop route joins them (citations are
// no hops: the article that reports both is not a way between them).
MATCH p = allShortestPaths((:Person {name: 'Denise Dresser'})-[*]-(:Person {name: 'Matt Garman'}))
RETURN [r IN relationships(p) | type(r)] AS types, [n IN nodes(p) | n.name][2] AS via ORDER BY types;
// expect:
// | types | via |
// | ['WORKS_AT', 'DISTRIBUTES', 'WORKS_AT'] | 'AWS' |

MATCH (t:Agreement)-[:PART_OF]->(:Agreement {name: 'new agreement'})
RETURN t.name AS term, coalesce(t.valid_to, 'open-ended') AS until ORDER BY term;
// expect:
// | term | until |
// | 'first-ship-on-Azure rights' | 'open-ended' |

MATCH (n)-[r]-() RETURN n.name AS name, count(r) AS degree ORDER BY degree DESC, name LIMIT 3;
// expect:
// | name | degree |
// | 'OpenAI' | 20 |
// | 'Microsoft' | 16 |
// | 'AWS' | 9 |

MATCH (m:MarketFigure {metric: 'AI positioning'})
RETURN m.name AS figure, m.growth_pct_max - m.growth_pct_min AS width ORDER BY width DESC, figure;
// expect:
// | figure | width |
// | 'Azure AI positioning' | 3.0 |
// | 'AWS AI positioning' | 2.0 |
// | 'Google Cloud AI positioning' | 0.0 |

MATCH (p:Product) OPTIONAL MATCH (p)-[:DEVELOPED_BY]->(c) RETURN p.name AS product, c.name AS developer ORDER BY product;
// expect:
// | product | developer |
// | 'Codex' | 'OpenAI' |
// | 'Managed Agents' | null |

MATCH (q:Quote) WHERE q.text =~ '.*customers.*' RETURN q.name AS quote ORDER BY quote;
// expect:
// | quote |
// | 'Gil Luria on enterprise customers' |
// | 'Matt Garman on customer demand' |
// | 'Microsoft on partnership evolution' |

MATCH (a)-[r]->(b) WHERE r.valid_from = date('2026-04-01')
RETURN a.name AS from, type(r) AS type, b.name AS to ORDER BY type, from;
// expect:
// | from | type | to |
// | 'AWS' | 'DISTRIBUTES' | 'OpenAI' |
// | 'Microsoft' | 'DISTRIBUTES' | 'OpenAI' |

MATCH (c:CloudProvider) RETURN c.name AS name, c:Company AS company, c:Platform AS platform ORDER BY name;
// expect:
// | name | company | platform |
// | 'AWS' | false | false |
// | 'Azure' | false | false |
// | 'Google Cloud' | false | false |

MATCH (w:WatchItem)-[:CONCERNS]->(x) RETURN w.name AS item, labels(x)[0] AS kind, x.name AS subject ORDER BY item;
// expect:
// | item | kind | subject |
// | 'Azure customer retention metrics' | 'CloudProvider' | 'Azure' |
// | 'Azure infrastructure commitment revision' | 'Investment' | 'Azure infrastructure commitment' |
// | 'Google Cloud response velocity' | 'CloudProvider' | 'Google Cloud' |
// | 'OpenAI enterprise revenue growth trajectory' | 'Company' | 'OpenAI' |

// Within two hops of Google (provenance is never a hop).
MATCH (:Company {name: 'Google'})-[rs*1..2]->(x)
RETURN DISTINCT x.name AS name ORDER BY name;
// expect:
// | name |
// | 'Cloud Next 2026' |
// | 'Google Cloud' |
// | 'Vertex AI' |
// | 'partner fund' |

// Every node has a name, and names are unique.
MATCH (n) RETURN count(n) AS nodes, count(n.name) AS named, count(DISTINCT n.name) AS distinct_names;
// expect:
// | nodes | named | distinct_names |
// | 51 | 51 | 51 |

// COMPETES_WITH is stored once per pair; undirected it reads both ways.
MATCH (a {name: 'Google Cloud'})-[:COMPETES_WITH]-(b) RETURN b.name AS rival ORDER BY rival;
// expect:
// | rival |
// | 'AWS' |
// | 'Azure' |
