// dataset: empty
// kg's CITE clause: sources attached to nodes and relationships, read with sources() and
// citations(); they are never relationships.

CREATE (w:Source {name: 'Wire'}), (d:Source {name: 'Daily'}),
       (a:Company {name: 'Acme'})-[o:OWNS {pct: 10}]->(b:Company {name: 'Beta'})
CITE w QUOTE 'Acme owns a tenth of Beta', d FOR o
CITE d FOR a, b
RETURN [s IN sources(o) | s.name] AS owns, [s IN sources(a) | s.name] AS acme;
// expect:
// | owns | acme |
// | ['Wire', 'Daily'] | ['Daily'] |

MATCH ()-[o:OWNS]->() UNWIND citations(o) AS c RETURN c.source.name AS source, c.quote AS quote;
// expect:
// | source | quote |
// | 'Wire' | 'Acme owns a tenth of Beta' |
// | 'Daily' | null |

// A list of sources, a path of entities; citing again keeps the order and takes the new quote.
MATCH p = (:Company)-[:OWNS]->(:Company), (s:Source) WITH p, collect(s) AS every
CITE every QUOTE 'again' FOR p
RETURN [n IN nodes(p) | size(sources(n))] AS nodes, [c IN citations(relationships(p)[0]) | c.quote] AS quotes;
// expect:
// | nodes | quotes |
// | [2, 2] | ['again', 'again'] |

// MERGE then CITE; null sources and targets are skipped.
MERGE (c:Company {name: 'Gamma'}) WITH c MATCH (w:Source {name: 'Wire'})
CITE w, null FOR c, null
RETURN [s IN sources(c) | s.name] AS gamma;
// expect:
// | gamma |
// | ['Wire'] |

// Citations are no relationships.
MATCH (:Source)-[r]-() RETURN count(r) AS hops;
// expect:
// | hops |
// | 0 |

MATCH (c:Company) WHERE any(s IN sources(c) WHERE s.name = 'Wire') RETURN c.name AS name ORDER BY name;
// expect:
// | name |
// | 'Acme' |
// | 'Beta' |
// | 'Gamma' |

RETURN sources(null) AS none;
// expect:
// | none |
// | null |

// Only :Source nodes can be cited, and only entities can cite.
MATCH (a:Company {name: 'Acme'}), (b:Company {name: 'Beta'}) CITE b FOR a;
// expect: error TypeError.InvalidArgumentType

MATCH (w:Source {name: 'Wire'}) CITE w FOR 'Acme';
// expect: error TypeError.InvalidArgumentType

MATCH (w:Source {name: 'Wire'}) CITE w QUOTE 1 FOR w;
// expect: error TypeError.InvalidArgumentType

RETURN sources(1) AS x;
// expect: error SyntaxError.InvalidArgumentType

// A deleted source takes its citations with it; the cited entities stay.
MATCH (d:Source {name: 'Daily'}) DELETE d;
// expect: 0 rows

MATCH (c:Company) RETURN c.name AS name, [s IN sources(c) | s.name] AS sources ORDER BY name;
// expect:
// | name | sources |
// | 'Acme' | ['Wire'] |
// | 'Beta' | ['Wire'] |
// | 'Gamma' | ['Wire'] |

// UNCITE removes the given sources' citations and keeps the others.
MATCH (w:Source {name: 'Wire'}), (c:Company {name: 'Gamma'}) CITE w FOR c;
// expect: 0 rows

CREATE (x:Source {name: 'Extra'}) WITH x MATCH (c:Company {name: 'Gamma'}) CITE x FOR c;
// expect: 0 rows

MATCH (w:Source {name: 'Wire'}), (c:Company {name: 'Gamma'}) UNCITE w FOR c
RETURN [s IN sources(c) | s.name] AS gamma;
// expect:
// | gamma |
// | ['Extra'] |

MATCH (w:Source {name: 'Wire'}), (c:Company {name: 'Gamma'}) UNCITE w QUOTE 'x' FOR c;
// expect: error SyntaxError.InvalidClauseComposition
