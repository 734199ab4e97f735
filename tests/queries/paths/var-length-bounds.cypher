// dataset: supply-chain
// Variable-length bounds on a directed acyclic graph, and counting every route.

MATCH (:Supplier {name: 'Ore Mine'})-[:SUPPLIES*1..2]->(x) RETURN x.name AS name;
// expect:
// | name |
// | 'Smelter' |
// | 'South Depot' |
// | 'Assembly' |
// | 'City Store' |

MATCH (:Supplier {name: 'Ore Mine'})-[:SUPPLIES*3..]->(x) RETURN x.name AS name;
// expect:
// | name |
// | 'North Depot' |
// | 'South Depot' |
// | 'City Store' |
// | 'City Store' |

MATCH (:Supplier {name: 'Ore Mine'})-[:SUPPLIES*5..]->(x) RETURN x.name AS name;
// expect: 0 rows

MATCH (x)-[:SUPPLIES*]->(:Store {name: 'City Store'})
RETURN x.name AS name, count(*) AS routes ORDER BY name;
// expect:
// | name | routes |
// | 'Assembly' | 2 |
// | 'Glassworks' | 2 |
// | 'North Depot' | 1 |
// | 'Ore Mine' | 3 |
// | 'Sand Pit' | 2 |
// | 'Smelter' | 2 |
// | 'South Depot' | 1 |

MATCH p = (:Supplier)-[:SUPPLIES*]->(:Store) RETURN length(p) AS hops, count(*) AS routes ORDER BY hops;
// expect:
// | hops | routes |
// | 2 | 1 |
// | 4 | 4 |

MATCH p = (:Supplier {name: 'Sand Pit'})-[:SUPPLIES*]->(:Store)
RETURN [n IN nodes(p) | n.name] AS route ORDER BY route;
// expect:
// | route |
// | ['Sand Pit', 'Glassworks', 'Assembly', 'North Depot', 'City Store'] |
// | ['Sand Pit', 'Glassworks', 'Assembly', 'South Depot', 'City Store'] |

// Upstream of Assembly, in the other direction.
MATCH (:Factory {name: 'Assembly'})<-[:SUPPLIES*]-(x) RETURN x.name AS name ORDER BY name;
// expect:
// | name |
// | 'Glassworks' |
// | 'Ore Mine' |
// | 'Sand Pit' |
// | 'Smelter' |

// Total lead time of every route from a supplier to City Store.
MATCH (s:Supplier)-[rs:SUPPLIES*]->(:Store {name: 'City Store'})
RETURN s.name AS supplier, reduce(d = 0, r IN rs | d + r.days) AS days ORDER BY supplier, days;
// expect:
// | supplier | days |
// | 'Ore Mine' | 6 |
// | 'Ore Mine' | 7 |
// | 'Ore Mine' | 10 |
// | 'Sand Pit' | 6 |
// | 'Sand Pit' | 7 |

MATCH (n) WHERE NOT (n)-[:SUPPLIES]-() RETURN n.name AS isolated;
// expect:
// | isolated |
// | 'Remote Store' |
