//! The planner, through `Database::explain`: where a pattern starts, how it expands, where
//! WHERE conditions go, and which operators a query becomes. Plans print outermost operator
//! first, each input indented under the operator that reads it.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use kg::{Database, Params};

fn dataset(name: &str) -> Database {
    let path = format!(
        "{}/graph-data/{name}/load.cypher",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut db = Database::in_memory();
    db.run(&std::fs::read_to_string(path).unwrap(), &Params::new())
        .unwrap();
    db
}

/// The plan's operator lines, without indentation.
fn plan(db: &mut Database, query: &str) -> Vec<String> {
    let text = db.explain(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    text.lines().map(|l| l.trim().to_string()).collect()
}

/// Index of the first line starting with `prefix`.
fn line(plan: &[String], prefix: &str) -> usize {
    plan.iter()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` in plan:\n{}", plan.join("\n")))
}

#[test]
fn the_scan_starts_from_the_rarest_label() {
    let mut db = Database::default_graph().unwrap();
    // Company 8 nodes, CloudProvider 3, Division 2.
    let p = plan(&mut db, "MATCH (n:Company:CloudProvider:Division) RETURN n");
    assert!(
        p[line(&p, "NodeByLabelScan")].ends_with(":Division"),
        "{p:?}"
    );

    // Source has 9 nodes, CloudProvider 3: the chain starts at the provider and expands.
    let p = plan(
        &mut db,
        "MATCH (s:Source)<-[:REPORTED_BY]-(c:CloudProvider) RETURN s, c",
    );
    assert!(
        p[line(&p, "NodeByLabelScan")].ends_with(":CloudProvider"),
        "{p:?}"
    );
    assert!(p[line(&p, "Expand")].contains("->[#"), "{p:?}");
    assert_eq!(
        p.iter()
            .filter(|l| l.starts_with("NodeByLabelScan"))
            .count(),
        1
    );
}

#[test]
fn a_property_filter_makes_a_node_the_better_start() {
    let mut db = dataset("deals-small");
    // Person and Company both have 5 nodes; only the company is pinned by a property.
    let p = plan(
        &mut db,
        "MATCH (p:Person)-[:WORKS_AT]->(c:Company {name: 'Acme'}) RETURN p.name",
    );
    assert!(
        p[line(&p, "NodeByLabelScan")].ends_with(":Company with property filter"),
        "{p:?}"
    );
    assert!(p[line(&p, "Expand")].contains("<-[#"), "{p:?}");

    // A labelled node is cheaper than an unlabelled one.
    let p = plan(
        &mut db,
        "MATCH (a)-[:PARTY_TO]->(d:Deal)<-[:PARTY_TO]-(b) RETURN a, b",
    );
    assert!(p[line(&p, "NodeByLabelScan")].ends_with(":Deal"), "{p:?}");
    assert!(!p.iter().any(|l| l.starts_with("AllNodesScan")), "{p:?}");
}

#[test]
fn nodes_without_labels_are_scanned_whole() {
    let mut db = dataset("social");
    let p = plan(&mut db, "MATCH (n) RETURN n");
    assert!(
        p[line(&p, "AllNodesScan")].starts_with("AllNodesScan"),
        "{p:?}"
    );
}

#[test]
fn a_bound_end_is_expanded_into() {
    let mut db = dataset("deals-small");
    let p = plan(
        &mut db,
        "MATCH (a:Person), (c:Company) MATCH (a)-[:WORKS_AT]->(c) RETURN a",
    );
    assert!(p[0].starts_with("stage"), "{p:?}");
    line(&p, "ExpandInto");
    assert!(!p.iter().any(|l| l.starts_with("Expand ")), "{p:?}");

    // Closing a cycle within one pattern also expands into the bound start.
    let mut db = dataset("social");
    let p = plan(
        &mut db,
        "MATCH (a:Person)-[:KNOWS]->(b)-[:KNOWS]->(a) RETURN a",
    );
    assert!(line(&p, "ExpandInto") < line(&p, "Expand "), "{p:?}");
}

#[test]
fn conditions_are_placed_right_after_the_step_that_binds_their_variables() {
    let mut db = dataset("deals-small");
    let p = plan(
        &mut db,
        "MATCH (a:Person)-[:WORKS_AT]->(c:Company) WHERE a.age > 30 AND c.founded > 2000 RETURN c",
    );
    // Outermost first: Filter(c) / Expand / Filter(a) / scan of a.
    let expand = line(&p, "Expand");
    assert_eq!(p[expand - 1], "Filter", "{p:?}");
    assert_eq!(p[expand + 1], "Filter", "{p:?}");
    assert!(
        p[expand + 2].starts_with("NodeByLabelScan") && p[expand + 2].ends_with(":Person"),
        "{p:?}"
    );

    // A condition on two variables waits for the later of them.
    let p = plan(
        &mut db,
        "MATCH (a)-[:PARTY_TO]->(d:Deal)<-[:PARTY_TO]-(b) WHERE a.name < b.name AND d.year = 2021 RETURN a, b",
    );
    let filters: Vec<usize> = (0..p.len()).filter(|&i| p[i] == "Filter").collect();
    assert_eq!(filters.len(), 1, "{p:?}");
    let scan = line(&p, "NodeByLabelScan");
    assert!(
        p[scan].ends_with("with property filter"),
        "d.year = 2021 becomes part of the scan: {p:?}"
    );
    assert!(
        filters[0] < line(&p, "Expand"),
        "a.name < b.name after both expansions: {p:?}"
    );
}

#[test]
fn queries_become_the_expected_operators() {
    let mut db = dataset("deals-small");
    let p = plan(
        &mut db,
        "MATCH (p:Person) OPTIONAL MATCH (p)-[:NEGOTIATED*1..2]->(d) \
         WITH p, count(d) AS n ORDER BY n DESC SKIP 1 LIMIT 2 RETURN DISTINCT p.name",
    );
    let order = [
        "Distinct",
        "Limit",
        "Skip",
        // ORDER BY followed by LIMIT only needs the first rows: a top-N sort.
        "Top keys=1",
        "Aggregate keys=1 aggregates=1",
        "Optional",
        "NodeByLabelScan",
        "VarLengthExpand",
    ];
    let positions: Vec<usize> = order.iter().map(|op| line(&p, op)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{order:?} in {p:?}"
    );

    let p = plan(
        &mut db,
        "UNWIND [1, 2] AS x RETURN x UNION ALL RETURN 3 AS x",
    );
    line(&p, "Unwind");
    line(&p, "UNION ALL");
    let p = plan(&mut db, "RETURN 1 AS x UNION RETURN 3 AS x");
    line(&p, "UNION");

    let p = plan(
        &mut db,
        "MATCH p = shortestPath((a:Person {name: 'Alice'})-[*]-(b:Person {name: 'Erin'})) RETURN p",
    );
    line(&p, "ShortestPath");
    let p = plan(
        &mut db,
        "MATCH p = allShortestPaths((a:Person)-[*]-(b:Company)) RETURN p",
    );
    line(&p, "AllShortestPaths");
}

#[test]
fn writes_are_stages_after_the_reads_they_need() {
    let mut db = dataset("deals-small");
    let before = (db.nodes(), db.rels());
    let p = plan(
        &mut db,
        "CREATE (n:X) SET n.a = 1 WITH n MATCH (m:Deal) DETACH DELETE m",
    );
    let stages: Vec<&str> = p
        .iter()
        .filter(|l| !l.starts_with("stage") && *l != "Input")
        .map(String::as_str)
        .collect();
    assert_eq!(
        stages,
        ["DetachDelete", "NodeByLabelScan #1 :Deal", "Set", "Create"],
        "{p:?}"
    );
    let p = plan(&mut db, "MERGE (n:Y {k: 1}) REMOVE n.k DELETE n");
    for op in ["Merge", "Remove", "Delete"] {
        line(&p, op);
    }
    let p = plan(&mut db, "FOREACH (x IN [1] | CREATE (:Z))");
    line(&p, "Foreach");
    // Explaining plans a statement without running it.
    assert!(
        before == (db.nodes(), db.rels()),
        "explain changed the graph"
    );
}

#[test]
fn explain_reports_compile_time_errors() {
    let mut db = dataset("deals-small");
    let err = db.explain("MATCH (p:Person) RETURN q").unwrap_err();
    let kg::Error::Query(q) = err else {
        panic!("{err}")
    };
    assert_eq!(q.detail, kg::Detail::UndefinedVariable);
}

#[test]
fn shortest_path_ends_are_scanned_and_checked_like_other_nodes() {
    let mut db = Database::default_graph().unwrap();
    // Both ends are found the way any node is: by their rarest label (Division, 2 nodes,
    // rather than Company, 8).
    let p = plan(
        &mut db,
        "MATCH p = shortestPath((a:Source)-[*]-(b:Company:Division)) RETURN p",
    );
    assert!(
        p.iter().any(|l| l == "NodeByLabelScan #2 :Division"),
        "{p:?}"
    );
    // An end bound by an earlier clause still has its pattern's labels checked.
    let p = plan(
        &mut db,
        "MATCH (a:Source), (b:Company) MATCH p = shortestPath((a)-[*]-(b:Division)) RETURN p",
    );
    assert!(line(&p, "CheckNode #1") > line(&p, "ShortestPath"), "{p:?}");
}
