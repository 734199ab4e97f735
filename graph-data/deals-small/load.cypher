// deals-small: five companies, five people, five deals (graph-data/SCHEMA.md, "deals-small").
// Typed properties (integers, floats, booleans, strings, a list) and gaps: some keys are
// missing on purpose, and `revenue: null` on Hooli stores nothing, so Hooli has no revenue key.
CREATE
  (acme:Company {name: 'Acme', founded: 1990, country: 'US', public: true, revenue: 1200.5}),
  (globex:Company {name: 'Globex', founded: 2005, country: 'DE', public: false, revenue: 830.0}),
  (initech:Company {name: 'Initech', founded: 1999, country: 'US'}),
  (umbrella:Company {name: 'Umbrella', founded: 1985, country: 'JP', public: true, revenue: 2500.0,
     tags: ['pharma', 'bio']}),
  (hooli:Company {name: 'Hooli', founded: 2010, revenue: null}),

  (alice:Person {name: 'Alice', age: 34, email: 'alice@acme.com'}),
  (bob:Person {name: 'Bob', age: 45}),
  (carol:Person {name: 'Carol', age: 29, email: 'carol@globex.de'}),
  (dave:Person {name: 'Dave'}),
  (erin:Person {name: 'Erin', age: 52, email: 'erin@umbrella.jp'}),

  (d1:Deal {name: 'supply', value: 500, currency: 'USD', year: 2021, closed: true, probability: 1.0}),
  (d2:Deal {name: 'license', value: 120, currency: 'USD', year: 2022, closed: false, probability: 0.5}),
  (d3:Deal {name: 'merger', value: 3000, currency: 'EUR', year: 2023, closed: false, probability: 0.25}),
  (d4:Deal {name: 'pilot', currency: 'USD', year: 2023, closed: false}),
  (d5:Deal {name: 'service', value: 80, currency: 'USD', year: 2021, closed: true, probability: 1.0}),

  (alice)-[:WORKS_AT {since: 2015, role: 'CEO'}]->(acme),
  (bob)-[:WORKS_AT {since: 2018, role: 'CFO'}]->(acme),
  (carol)-[:WORKS_AT {since: 2020, role: 'CTO'}]->(globex),
  (dave)-[:WORKS_AT {since: 2021}]->(initech),
  (erin)-[:WORKS_AT {since: 2001, role: 'CEO'}]->(umbrella),

  (acme)-[:PARTY_TO {role: 'seller'}]->(d1),
  (globex)-[:PARTY_TO {role: 'buyer'}]->(d1),
  (acme)-[:PARTY_TO {role: 'seller'}]->(d2),
  (initech)-[:PARTY_TO {role: 'buyer'}]->(d2),
  (globex)-[:PARTY_TO {role: 'seller'}]->(d3),
  (umbrella)-[:PARTY_TO {role: 'buyer'}]->(d3),
  (hooli)-[:PARTY_TO {role: 'buyer'}]->(d4),
  (initech)-[:PARTY_TO {role: 'seller'}]->(d5),
  (umbrella)-[:PARTY_TO {role: 'buyer'}]->(d5),

  (alice)-[:NEGOTIATED]->(d1),
  (carol)-[:NEGOTIATED]->(d1),
  (bob)-[:NEGOTIATED]->(d2),
  (erin)-[:NEGOTIATED]->(d3),
  (erin)-[:NEGOTIATED]->(d5),

  (umbrella)-[:INVESTED_IN {amount: 200}]->(globex),
  (acme)-[:INVESTED_IN {amount: 50}]->(hooli);
