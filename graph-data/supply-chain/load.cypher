// supply-chain: raw materials flow to a store (graph-data/SCHEMA.md, "supply-chain").
// A directed acyclic graph built for shortest paths and variable-length bounds: two depots
// give two equally short routes from Assembly to City Store, Ore Mine has a slow shortcut
// straight to South Depot, and Remote Store is reachable from nowhere.
CREATE
  (ore:Supplier {name: 'Ore Mine'}),
  (sand:Supplier {name: 'Sand Pit'}),
  (smelter:Factory {name: 'Smelter'}),
  (glass:Factory {name: 'Glassworks'}),
  (assembly:Factory {name: 'Assembly'}),
  (north:Warehouse {name: 'North Depot'}),
  (south:Warehouse {name: 'South Depot'}),
  (city:Store {name: 'City Store'}),
  (remote:Store {name: 'Remote Store'}),

  (ore)-[:SUPPLIES {days: 3}]->(smelter),
  (sand)-[:SUPPLIES {days: 2}]->(glass),
  (smelter)-[:SUPPLIES {days: 1}]->(assembly),
  (glass)-[:SUPPLIES {days: 2}]->(assembly),
  (assembly)-[:SUPPLIES {days: 1}]->(north),
  (assembly)-[:SUPPLIES {days: 2}]->(south),
  (north)-[:SUPPLIES {days: 1}]->(city),
  (south)-[:SUPPLIES {days: 1}]->(city),
  (ore)-[:SUPPLIES {days: 9}]->(south);
