// social: six people who KNOW and FOLLOW each other (graph-data/SCHEMA.md, "social").
// Built for path tests: a KNOWS cycle Ann -> Ben -> Cat -> Ann, a self-loop on Eve, two
// parallel FOLLOWS from Ann to Ben, a FOLLOWS in each direction between Ann and Ben, and Fay,
// who knows nobody.
CREATE
  (ann:Person {name: 'Ann', age: 30}),
  (ben:Person {name: 'Ben', age: 25}),
  (cat:Person {name: 'Cat', age: 35}),
  (dan:Person {name: 'Dan', age: 40}),
  (eve:Person {name: 'Eve', age: 22}),
  (fay:Person {name: 'Fay'}),

  (ann)-[:KNOWS {since: 2010}]->(ben),
  (ben)-[:KNOWS {since: 2012}]->(cat),
  (cat)-[:KNOWS {since: 2014}]->(ann),
  (cat)-[:KNOWS {since: 2016}]->(dan),
  (dan)-[:KNOWS {since: 2018}]->(eve),
  (eve)-[:KNOWS {since: 2020}]->(eve),

  (ann)-[:FOLLOWS {since: 2019}]->(ben),
  (ann)-[:FOLLOWS {since: 2021}]->(ben),
  (ben)-[:FOLLOWS {since: 2020}]->(ann),
  (dan)-[:FOLLOWS {since: 2022}]->(ann),
  (fay)-[:FOLLOWS {since: 2023}]->(eve);
