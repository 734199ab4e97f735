// dataset: supply-chain
// shortestPath and allShortestPaths: direction, bounds, predicates, no path at all.

MATCH p = shortestPath((:Supplier {name: 'Ore Mine'})-[:SUPPLIES*]->(:Store {name: 'City Store'}))
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS route;
// expect:
// | hops | route |
// | 2 | ['Ore Mine', 'South Depot', 'City Store'] |

MATCH p = allShortestPaths((:Supplier {name: 'Sand Pit'})-[:SUPPLIES*]->(:Store {name: 'City Store'}))
RETURN [n IN nodes(p) | n.name] AS route, reduce(days = 0, r IN relationships(p) | days + r.days) AS days
ORDER BY route;
// expect:
// | route | days |
// | ['Sand Pit', 'Glassworks', 'Assembly', 'North Depot', 'City Store'] | 6 |
// | ['Sand Pit', 'Glassworks', 'Assembly', 'South Depot', 'City Store'] | 7 |

MATCH p = shortestPath((:Supplier {name: 'Ore Mine'})-[*]->(:Store {name: 'Remote Store'})) RETURN p;
// expect: 0 rows

// Against the direction of the relationships there is no path...
MATCH p = shortestPath((:Factory {name: 'Assembly'})-[*]->(:Supplier {name: 'Ore Mine'})) RETURN p;
// expect: 0 rows

// ...but undirected there are two of two hops.
MATCH p = allShortestPaths((:Factory {name: 'Assembly'})-[*]-(:Supplier {name: 'Ore Mine'}))
RETURN [n IN nodes(p) | n.name] AS route ORDER BY route;
// expect:
// | route |
// | ['Assembly', 'Smelter', 'Ore Mine'] |
// | ['Assembly', 'South Depot', 'Ore Mine'] |

// An upper bound shorter than every path finds nothing.
MATCH p = shortestPath((:Supplier {name: 'Sand Pit'})-[*..3]->(:Store {name: 'City Store'})) RETURN p;
// expect: 0 rows

// A condition on the path is checked during the search: the 2-hop route uses the 9-day
// shortcut, so the shortest route without slow legs has 4 hops.
MATCH p = shortestPath((:Supplier {name: 'Ore Mine'})-[*]->(:Store {name: 'City Store'}))
WHERE all(r IN relationships(p) WHERE r.days < 5)
RETURN length(p) AS hops;
// expect:
// | hops |
// | 4 |

MATCH (s:Supplier), (c:Store {name: 'City Store'})
MATCH p = shortestPath((s)-[:SUPPLIES*]->(c))
RETURN s.name AS supplier, length(p) AS hops ORDER BY supplier;
// expect:
// | supplier | hops |
// | 'Ore Mine' | 2 |
// | 'Sand Pit' | 4 |

MATCH (s:Supplier), (r:Store {name: 'Remote Store'})
OPTIONAL MATCH p = shortestPath((s)-[*]->(r))
RETURN s.name AS supplier, p ORDER BY supplier;
// expect:
// | supplier | p |
// | 'Ore Mine' | null |
// | 'Sand Pit' | null |

MATCH p = shortestPath((a:Factory {name: 'Smelter'})-[r:SUPPLIES*]->(b:Warehouse {name: 'North Depot'}))
RETURN p;
// expect:
// | p |
// | <(:Factory {name: 'Smelter'})-[:SUPPLIES {days: 1}]->(:Factory {name: 'Assembly'})-[:SUPPLIES {days: 1}]->(:Warehouse {name: 'North Depot'})> |

// As an expression.
MATCH (a:Supplier {name: 'Ore Mine'}), (b:Warehouse {name: 'North Depot'})
RETURN length(shortestPath((a)-[*]->(b))) AS hops;
// expect:
// | hops |
// | 3 |

// Conditions on nodes of the path steer allShortestPaths as well.
MATCH p = allShortestPaths((:Supplier {name: 'Sand Pit'})-[*]->(:Store {name: 'City Store'}))
WHERE none(n IN nodes(p) WHERE n.name = 'North Depot')
RETURN [n IN nodes(p) | n.name] AS route;
// expect:
// | route |
// | ['Sand Pit', 'Glassworks', 'Assembly', 'South Depot', 'City Store'] |

MATCH p = allShortestPaths((:Supplier {name: 'Ore Mine'})-[*]->(:Store {name: 'City Store'}))
WHERE none(n IN nodes(p) WHERE n.name = 'South Depot')
RETURN [n IN nodes(p) | n.name] AS route;
// expect:
// | route |
// | ['Ore Mine', 'Smelter', 'Assembly', 'North Depot', 'City Store'] |

// A condition on an end node alone filters the ends, not the path.
MATCH p = shortestPath((s:Supplier)-[*]->(c:Store {name: 'City Store'})) WHERE s.name = 'Sand Pit'
RETURN length(p) AS hops;
// expect:
// | hops |
// | 4 |

// The zero-length path is found only when the bounds allow it.
MATCH (a:Factory {name: 'Assembly'}) MATCH p = shortestPath((a)-[*0..]-(a)) RETURN length(p) AS hops;
// expect:
// | hops |
// | 0 |

// Brackets around shortestPath change nothing.
MATCH p = (shortestPath((:Supplier {name: 'Ore Mine'})-[:SUPPLIES*]->(:Store {name: 'City Store'})))
RETURN length(p) AS hops;
// expect:
// | hops |
// | 2 |

// A property map on the relationship holds for every hop of the path: through Smelter every
// hop takes one day...
MATCH p = shortestPath((:Factory {name: 'Smelter'})-[:SUPPLIES* {days: 1}]->(:Store {name: 'City Store'}))
RETURN [n IN nodes(p) | n.name] AS route;
// expect:
// | route |
// | ['Smelter', 'Assembly', 'North Depot', 'City Store'] |

// ...but from Ore Mine the first hop takes three.
MATCH p = shortestPath((:Supplier {name: 'Ore Mine'})-[:SUPPLIES* {days: 1}]->(:Store {name: 'City Store'}))
RETURN p;
// expect: 0 rows

MATCH p = allShortestPaths((:Supplier {name: 'Sand Pit'})-[:SUPPLIES* {days: 2}]->(:Factory))
RETURN [n IN nodes(p) | n.name] AS route;
// expect:
// | route |
// | ['Sand Pit', 'Glassworks'] |
// | ['Sand Pit', 'Glassworks', 'Assembly'] |

// Labels and properties of an end node bound earlier are still checked.
MATCH (a {name: 'Ore Mine'}), (b {name: 'City Store'})
MATCH p = shortestPath((a)-[*]->(b:Warehouse)) RETURN p;
// expect: 0 rows

MATCH (a {name: 'Ore Mine'}), (b {name: 'City Store'})
MATCH p = shortestPath((a)-[*]->(b:Store)) RETURN length(p) AS hops;
// expect:
// | hops |
// | 2 |

// A relationship list bound earlier is the path's relationships.
MATCH (:Supplier {name: 'Ore Mine'})-[r*2]->(:Factory {name: 'Assembly'})
WITH r MATCH p = shortestPath((a)-[r*]->(b)) RETURN [n IN nodes(p) | n.name] AS route;
// expect:
// | route |
// | ['Ore Mine', 'Smelter', 'Assembly'] |

MATCH (:Supplier {name: 'Ore Mine'})-[r*2]->(:Factory {name: 'Assembly'})
WITH r MATCH p = shortestPath((a:Supplier)-[r*1]->(b)) RETURN p;
// expect: 0 rows

// A single-hop pattern binds one relationship, not a list.
MATCH (a:Supplier {name: 'Ore Mine'}), (b {name: 'Smelter'})
MATCH p = shortestPath((a)-[r]->(b)) RETURN type(r) AS t, length(p) AS len;
// expect:
// | t | len |
// | 'SUPPLIES' | 1 |

// From a node to itself the shortest path has no relationships, and the conditions on the
// path hold for it too.
MATCH (a:Supplier {name: 'Ore Mine'})
MATCH p = shortestPath((a)-[*0..3]-(a)) WHERE length(p) > 0 RETURN count(p) AS n;
// expect:
// | n |
// | 0 |

MATCH (a:Supplier {name: 'Ore Mine'})
MATCH p = shortestPath((a)-[*0..3]-(a)) WHERE length(p) = 0 RETURN length(p) AS n;
// expect:
// | n |
// | 0 |
