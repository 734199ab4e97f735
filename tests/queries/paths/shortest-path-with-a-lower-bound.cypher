// dataset: supply-chain
// shortestPath / allShortestPaths with a lower bound above the true distance return the
// shortest paths of at least that length (as GQL's SHORTEST does), not nothing.

MATCH p = shortestPath((:Supplier {name: 'Ore Mine'})-[*3..]->(:Store {name: 'City Store'}))
RETURN length(p) AS hops;
// expect:
// | hops |
// | 4 |

MATCH p = allShortestPaths((:Supplier {name: 'Ore Mine'})-[*3..]->(:Store {name: 'City Store'}))
RETURN [n IN nodes(p) | n.name] AS route ORDER BY route;
// expect:
// | route |
// | ['Ore Mine', 'Smelter', 'Assembly', 'North Depot', 'City Store'] |
// | ['Ore Mine', 'Smelter', 'Assembly', 'South Depot', 'City Store'] |

// A lower bound at or below the distance works (this passes today).
MATCH p = shortestPath((:Supplier {name: 'Ore Mine'})-[*2..]->(:Store {name: 'City Store'}))
RETURN length(p) AS hops;
// expect:
// | hops |
// | 2 |
