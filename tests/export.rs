//! What an export contains: the subgraph of a statement's result, and the exact text of the
//! formats people read (DOT, GraphML, the script, the page's escaping).

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod io_support;

use kg::export::{self, Dialect, ExportFormat, Subgraph};
use kg::{Database, Params};

fn subgraph(db: &mut Database, query: &str, induced: bool) -> Subgraph<'static> {
    let results = db.run(query, &Params::new()).unwrap();
    Subgraph::from_results(&results, db.graph(), induced)
}

fn counts(sub: &Subgraph) -> (usize, usize) {
    (sub.node_count(), sub.rel_count())
}

#[test]
fn a_result_gives_its_entities_and_the_ends_of_its_relationships() {
    let mut db = Database::default_graph().unwrap();
    // Three people, their three employers, and the three sources they all cite (CNBC,
    // Business Standard, the article), so that the citations travel too.
    let works = "MATCH (:Person)-[w:WORKS_AT]->() RETURN w";
    assert_eq!(counts(&subgraph(&mut db, works, false)), (9, 3));
    let paths = "MATCH p = (:Person)-[:WORKS_AT]->() RETURN p";
    assert_eq!(counts(&subgraph(&mut db, paths, false)), (9, 3));
    let nested = "MATCH (c:Company) RETURN collect(c) AS cs, {n: count(c)} AS m";
    let companies = subgraph(&mut db, nested, false);
    assert_eq!(companies.rel_count(), 0);
    assert!(companies.nodes().all(|n| {
        n.labels
            .iter()
            .any(|l| &**l == "Company" || &**l == "Source")
    }));
    let scalars = subgraph(&mut db, "MATCH (c:Company) RETURN c.name", false);
    assert_eq!(counts(&scalars), (0, 0));
}

#[test]
fn induced_adds_the_relationships_between_returned_nodes() {
    let mut db = Database::in_memory();
    db.run(
        "CREATE (a:P {n: 1})-[:K]->(b:P {n: 2})-[:K]->(c:P {n: 3}), (a)-[:K]->(c), (c)-[:K]->(:Q)",
        &Params::new(),
    )
    .unwrap();
    let q = "MATCH (p:P) RETURN p";
    assert_eq!(counts(&subgraph(&mut db, q, false)), (3, 0));
    assert_eq!(counts(&subgraph(&mut db, q, true)), (3, 3));
}

/// A copy of a small graph's data (a subgraph that does not borrow a database).
fn tiny() -> Subgraph<'static> {
    let mut db = Database::in_memory();
    db.run(
        "CREATE (:Person {name: 'Ada \"the\" \\\\ first', born: 1815, tags: ['a', 'b']})-[:KNOWS {since: 1.5}]->(:Person:`Odd Label` {name: '<b>&</b>'})",
        &Params::new(),
    )
    .unwrap();
    Subgraph::listed(db.nodes(), db.rels())
}

fn text(format: ExportFormat, sub: &Subgraph) -> (String, Vec<String>) {
    let mut out = Vec::new();
    let report = export::write(format, sub, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), report.notes)
}

#[test]
fn dot_labels_nodes_and_says_what_it_flattened() {
    let (dot, notes) = text(ExportFormat::Dot, &tiny());
    assert!(dot.contains("// DOT carries text only"), "{dot}");
    assert!(
        dot.contains(r##"n0 [label=":Person\nAda \"the\" \\ first", fillcolor="#8dd3c7", tooltip="born: 1815\nname: 'Ada \"the\" \\\\ first'\ntags: ['a', 'b']"];"##),
        "{dot}"
    );
    assert!(
        dot.contains(r##"n0 -> n1 [label="KNOWS", tooltip="since: 1.5"];"##),
        "{dot}"
    );
    assert!(notes[0].starts_with("DOT carries text only"));
}

#[test]
fn graphml_declares_typed_keys_and_escapes_markup() {
    let (xml, notes) = text(ExportFormat::GraphMl, &tiny());
    for line in [
        r##"<key id="n0" for="node" attr.name="born" attr.type="long"/>"##,
        r##"<key id="n2" for="node" attr.name="tags" attr.type="string"><desc>JSON text: a list, or values of several types</desc></key>"##,
        r##"<key id="e0" for="edge" attr.name="since" attr.type="double"/>"##,
        r##"<node id="n1"><data key="labels">:Person:Odd Label</data><data key="n1">&lt;b&gt;&amp;&lt;/b&gt;</data></node>"##,
        r##"<edge id="e0" source="n0" target="n1"><data key="type">KNOWS</data><data key="e0">1.5</data></edge>"##,
    ] {
        assert!(xml.contains(line), "missing {line} in\n{xml}");
    }
    assert!(
        xml.contains(r##"<data key="n2">["a","b"]</data>"##),
        "{xml}"
    );
    assert_eq!(notes.len(), 1, "{notes:?}");
}

#[test]
fn the_script_batches_rows_under_a_temporary_label_and_key_and_removes_them() {
    let (script, _) = text(ExportFormat::Cypher(Dialect::Portable), &tiny());
    let lines: Vec<&str> = script.lines().skip(3).collect();
    assert_eq!(
        lines,
        [
            "CREATE INDEX FOR (n:_KgExport) ON (n._kg_id);",
            r##"UNWIND [['0', 1815, 'Ada "the" \\ first', ['a', 'b']]] AS row CREATE (:_KgExport:Person {_kg_id: row[0], born: row[1], name: row[2], tags: row[3]});"##,
            r##"UNWIND [['1', '<b>&</b>']] AS row CREATE (:_KgExport:Person:`Odd Label` {_kg_id: row[0], name: row[1]});"##,
            r##"UNWIND [['0', '1', 1.5]] AS row MATCH (a:_KgExport {_kg_id: row[0]}) MATCH (b:_KgExport {_kg_id: row[1]}) CREATE (a)-[:KNOWS {since: row[2]}]->(b);"##,
            r##"MATCH (n:_KgExport) WITH n LIMIT 10000 REMOVE n:_KgExport, n._kg_id;"##,
        ]
    );
    // Every line is a `//` comment or one statement ending in `;`.
    assert!(
        script
            .lines()
            .all(|l| l.starts_with("//") || l.ends_with(';'))
    );
}

#[test]
fn the_engine_dialects_index_the_temporary_key_and_drop_the_index() {
    let (neo4j, _) = text(ExportFormat::Cypher(Dialect::Neo4j), &tiny());
    let (falkordb, _) = text(ExportFormat::Cypher(Dialect::FalkorDb), &tiny());
    let statements = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.starts_with("//"))
            .map(String::from)
            .collect()
    };
    let (neo4j, falkordb) = (statements(&neo4j), statements(&falkordb));
    assert_eq!(
        neo4j[..2],
        [
            "CREATE INDEX _KgExport_kg_id FOR (n:_KgExport) ON (n._kg_id);",
            "CALL db.awaitIndexes(300);"
        ]
    );
    assert_eq!(neo4j.last().unwrap(), "DROP INDEX _KgExport_kg_id;");
    assert_eq!(falkordb[0], "CREATE INDEX FOR (n:_KgExport) ON (n._kg_id);");
    assert_eq!(
        falkordb.last().unwrap(),
        "DROP INDEX FOR (n:_KgExport) ON (n._kg_id);"
    );
    // The portable script is FalkorDB's without dropping the index (Neo4j drops indexes by
    // name, FalkorDB by what they are on: no form suits both).
    let (portable, _) = text(ExportFormat::Cypher(Dialect::Portable), &tiny());
    assert_eq!(falkordb[..falkordb.len() - 1], statements(&portable)[..]);
}

#[test]
fn the_temporary_label_and_key_avoid_names_the_graph_uses() {
    let mut db = Database::in_memory();
    db.run(
        "CREATE (:_KgExport {_kg_id: 'mine'})-[:T]->(:X {_kg_id_1: 2})",
        &Params::new(),
    )
    .unwrap();
    let (script, _) = text(
        ExportFormat::Cypher(Dialect::Portable),
        &Subgraph::whole(db.graph()),
    );
    assert!(
        script.contains("CREATE (:_KgExport_1:_KgExport {_kg_id_2: row[0], _kg_id: row[1]})"),
        "{script}"
    );
    assert!(script.ends_with("REMOVE n:_KgExport_1, n._kg_id_2;\n"));
}

#[test]
fn the_page_never_lets_a_value_become_markup() {
    let mut db = Database::in_memory();
    db.run(
        "CREATE (:`<img src=x onerror=alert(2)>` {name: '</script><script>alert(1)</script>', x: '<img src=x onerror=alert(3)>', ls: '\\u2028'})",
        &Params::new(),
    )
    .unwrap();
    let (page, _) = text(ExportFormat::Html, &Subgraph::whole(db.graph()));
    assert_eq!(
        page.matches("<script").count(),
        2,
        "only the data and the viewer"
    );
    assert_eq!(page.matches("</script>").count(), 2);
    assert!(!page.contains("<img"));
    assert!(!page.contains('\u{2028}'));
    assert!(page.contains(r"\u003c/script\u003e\u003cscript\u003ealert(1)"));
    assert!(page.contains("<title>kg export: 1 node (&lt;img src=x onerror=alert(2)&gt;)"));
    // No network: the only URL is the SVG namespace.
    assert!(!page.contains("https://"));
    assert!(
        page.split("http://")
            .skip(1)
            .all(|rest| rest.starts_with("www.w3.org/2000/svg"))
    );
}

#[test]
fn csv_needs_a_directory() {
    let mut out = Vec::new();
    let err = export::write(ExportFormat::Csv, &tiny(), &mut out).unwrap_err();
    assert!(matches!(err, export::ExportError::NeedsDirectory(_)));
}

#[test]
fn a_statement_s_subgraph_comes_from_the_database_and_is_written_by_export() {
    let dir = io_support::scratch("export-to-path");
    let mut db = Database::default_graph().unwrap();
    let path = dir.join("companies.json");
    let params = Params::new();
    let q = Some("MATCH (c:Company) RETURN c");
    let sub = db.subgraph(q, &params, false).unwrap();
    let report = export::write_to_path(ExportFormat::Json, &sub, &path).unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(doc["nodes"].as_array().unwrap().len(), report.nodes);
    assert!(report.nodes > 0);
    assert_eq!(report.files, std::slice::from_ref(&path));
    let bad = db.subgraph(Some("RETURN x"), &params, false);
    assert!(matches!(bad, Err(kg::Error::Query(_))));
}

#[test]
fn kuzu_puts_each_node_in_the_table_of_its_most_common_label() {
    let mut db = Database::in_memory();
    db.run(
        "CREATE (a:Company {name: 'A', tags: ['x', 'y']}), (:Company {name: 'B', tags: ['a, b']}), \
         (c:Company:Cloud {name: 'C', year: 2020}), (:Cloud:Platform {name: 'P', year: '2021'}), \
         (:Platform {name: 'Q'}), (:Platform {name: ''}), (a)-[:OWNS {pct: 1.5}]->(c)",
        &Params::new(),
    )
    .unwrap();
    let dir = io_support::scratch("kuzu-layout").join("out");
    let report =
        export::write_to_path(ExportFormat::Kuzu, &Subgraph::whole(db.graph()), &dir).unwrap();
    let schema = std::fs::read_to_string(dir.join("schema.cypher")).unwrap();
    let statements: Vec<&str> = schema.lines().filter(|l| !l.starts_with("//")).collect();
    assert_eq!(
        statements,
        [
            // Cloud has 2 nodes, Company 3 and Platform 3: the tie goes to the label listed first.
            "CREATE NODE TABLE `Company`(`_kg_id` INT64, `name` STRING, `tags` STRING, `year` INT64, `_kg_labels` STRING[], PRIMARY KEY (`_kg_id`));",
            "CREATE NODE TABLE `Platform`(`_kg_id` INT64, `name` STRING, `year` STRING, `_kg_labels` STRING[], PRIMARY KEY (`_kg_id`));",
            "CREATE REL TABLE `OWNS`(FROM `Company` TO `Company`, `pct` DOUBLE);",
        ]
    );
    let companies = std::fs::read_to_string(dir.join("Company.csv")).unwrap();
    assert_eq!(
        companies,
        "_kg_id,name,tags,year,_kg_labels\n\
         0,A,\"[\"\"x\"\",\"\"y\"\"]\",,[Company]\n\
         1,B,\"[\"\"a, b\"\"]\",,[Company]\n\
         2,C,,2020,\"[Company,Cloud]\"\n"
    );
    let copy = std::fs::read_to_string(dir.join("copy.cypher")).unwrap();
    assert!(copy.contains(
        "COPY `OWNS` FROM 'OWNS-Company-Company.csv' (HEADER=true, QUOTE='\"', ESCAPE='\"', from='Company', to='Company');"
    ));
    assert_eq!(
        report.notes,
        [
            "kuzu: tags in table Company holds list items with a comma, bracket, quote or outer spaces, which Kuzu's CSV lists cannot carry: its column is a STRING holding each list as JSON",
            "kuzu: Kuzu reads an empty CSV field as null: 1 empty string will load as null",
        ]
    );
}

#[test]
fn kuzu_refuses_names_that_differ_only_in_case() {
    let mut db = Database::in_memory();
    db.run("CREATE (:Person)-[:person]->(:Person)", &Params::new())
        .unwrap();
    let dir = io_support::scratch("kuzu-case").join("out");
    let err =
        export::write_to_path(ExportFormat::Kuzu, &Subgraph::whole(db.graph()), &dir).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the kuzu format cannot hold this graph: tables 'Person' and 'person' differ only in case, and Kuzu's names ignore case"
    );
    assert!(!dir.exists(), "nothing is written");
}

#[test]
fn every_format_carries_the_citations() {
    let mut db = Database::default_graph().unwrap();
    let query = "MATCH (:Person {name: 'Denise Dresser'})-[w:WORKS_AT]->() RETURN w";
    let sub = subgraph(&mut db, query, false);
    // Dresser, OpenAI and the two sources they cite (CNBC, the article).
    assert_eq!(counts(&sub), (4, 1));
    for format in [
        ExportFormat::Json,
        ExportFormat::Jsonl,
        ExportFormat::GraphMl,
        ExportFormat::Dot,
        ExportFormat::Cypher(Dialect::Portable),
        ExportFormat::Cypher(Dialect::Neo4j),
    ] {
        let (out, _) = text(format, &sub);
        for needle in ["_kg_sources", "_kg_cite_id", "_kg_quotes", "revenue chief"] {
            assert!(out.contains(needle), "{format}: no {needle} in\n{out}");
        }
    }
    // The html viewer shows them by name, with the passage, when an element is clicked.
    let (html, _) = text(ExportFormat::Html, &sub);
    assert!(
        html.contains("\"sources\",\"CNBC (“Denise Dresser, OpenAI’s revenue chief”); Article\""),
        "{html}"
    );
    assert!(!html.contains("_kg_sources"));
    // csv and kuzu write files: a column each.
    for (format, name) in [(ExportFormat::Csv, "csv"), (ExportFormat::Kuzu, "kuzu")] {
        let dir = std::env::temp_dir().join(format!("kg-cites-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        export::write_to_path(format, &sub, &dir).unwrap();
        let mut all = String::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        assert!(
            all.contains("_kg_sources") && all.contains("_kg_cite_id"),
            "{name}: {all}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
