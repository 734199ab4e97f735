//! Export then import gives the same graph (labels, types, properties with their types) in
//! every format that can carry a graph back: json, jsonl, cypher and csv. Checked on the seed
//! article graph and on random graphs from a seeded generator.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod io_support;

use io_support::{canon, canon_temporal_as_text, random_graph, scratch};
use kg::Database;
use kg::export::{self, Dialect, ExportFormat, Subgraph};
use kg::graph::GraphRead;
use kg::import::{self, ImportOptions};
use std::path::{Path, PathBuf};

const ROUND_TRIP: [ExportFormat; 4] = [
    ExportFormat::Json,
    ExportFormat::Jsonl,
    ExportFormat::Cypher(Dialect::Portable),
    ExportFormat::Csv,
];

/// Exports `sub` in `format` under `dir` and imports it again, telling the format by name.
fn round_trip(sub: &Subgraph, format: ExportFormat, dir: &Path) -> kg::graph::MemoryGraph {
    let path: PathBuf = match format {
        ExportFormat::Csv => dir.join("csv"),
        f => dir.join(format!("export.{}", f.name())),
    };
    export::write_to_path(format, sub, &path).unwrap();
    match import::load(std::slice::from_ref(&path), &ImportOptions::default()) {
        Ok(imported) => imported.graph,
        Err(e) => panic!("{format} import of {} failed: {e}", path.display()),
    }
}

#[test]
fn the_seed_graph_survives_every_round_trip() {
    let db = Database::default_graph().unwrap();
    let sub = Subgraph::whole(db.graph());
    for format in ROUND_TRIP {
        // JSON has no dates: the validity bounds come back as their ISO 8601 text.
        let expected = match format {
            ExportFormat::Json | ExportFormat::Jsonl => canon_temporal_as_text(db.graph()),
            _ => canon(db.graph()),
        };
        // Every fact of the seed graph cites its sources: the comparison includes them.
        assert!(
            expected.0.iter().filter(|n| n.contains(" cites [")).count() == 42
                && expected.1.iter().all(|r| r.contains(" cites [")),
            "{expected:?}"
        );
        let dir = scratch(&format!("seed-{format}"));
        let back = round_trip(&sub, format, &dir);
        assert_eq!(canon(&back), expected, "{format} round trip");
        // Ids are dense in both graphs, so a second export is byte for byte the first.
        let again = round_trip(
            &Subgraph::whole(&back),
            format,
            &scratch(&format!("seed2-{format}")),
        );
        assert_eq!(canon(&again), expected);
        if format != ExportFormat::Csv {
            let first = std::fs::read(dir.join(format!("export.{}", format.name()))).unwrap();
            let mut second = Vec::new();
            export::write(format, &Subgraph::whole(&back), &mut second).unwrap();
            assert!(first == second, "{format}: a second export differs");
        }
    }
}

#[test]
fn random_graphs_survive_every_round_trip() {
    let mut checked = 0;
    for seed in 0..40 {
        let graph = random_graph(seed);
        let sub = Subgraph::whole(&graph);
        let expected = canon(&graph);
        for format in ROUND_TRIP {
            let dir = scratch(&format!("random-{seed}-{format}"));
            let back = round_trip(&sub, format, &dir);
            assert_eq!(
                canon(&back),
                expected,
                "seed {seed}, {format}: see {}",
                dir.display()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 160);
}

#[test]
fn csv_splits_entities_whose_types_conflict() {
    let mut db = Database::in_memory();
    db.run(
        "CREATE (:A {year: 2020}), (:A {year: '2020'}), (:A {year: 2021, tags: ['x']})",
        &kg::Params::new(),
    )
    .unwrap();
    let dir = scratch("csv-conflict");
    let report = export::write_to_path(
        ExportFormat::Csv,
        &Subgraph::whole(db.graph()),
        &dir.join("out"),
    )
    .unwrap();
    let names: Vec<String> = report
        .files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["nodes.csv", "nodes-2.csv", "relationships.csv"]);
    assert!(report.notes.iter().any(|n| n.contains("2 node files")));
    let nodes = std::fs::read_to_string(dir.join("out/nodes.csv")).unwrap();
    assert_eq!(
        nodes,
        ":ID,tags:string[],year:long,:LABEL\n0,,2020,A\n2,x,2021,A\n"
    );
    let back = import::load(&[dir.join("out")], &ImportOptions::default()).unwrap();
    assert_eq!(canon(&back.graph), canon(db.graph()));
}

#[test]
fn an_empty_graph_round_trips() {
    let empty = Subgraph::default();
    for format in ROUND_TRIP {
        let back = round_trip(&empty, format, &scratch(&format!("empty-{format}")));
        assert_eq!((back.node_count(), back.rel_count()), (0, 0), "{format}");
    }
}

#[test]
fn a_script_export_loads_into_a_graph_that_has_data() {
    let source = Database::default_graph().unwrap();
    let dir = scratch("script-into");
    let path = dir.join("seed.cypher");
    export::write_to_path(
        ExportFormat::Cypher(Dialect::Portable),
        &Subgraph::whole(source.graph()),
        &path,
    )
    .unwrap();
    let mut db = Database::default_graph().unwrap();
    let report = import::load_into(&mut db, &[path], &ImportOptions::default()).unwrap();
    // The index on the temporary key, nodes of 14 label sets, relationships of 27 types, one
    // statement removing the key.
    assert_eq!((report.nodes, report.statements), (0, 1 + 14 + 27 + 1));
    assert_eq!(db.node_count(), 102);
    assert_eq!(db.rel_count(), 150);
    // The temporary key is gone.
    let r = db
        .run(
            "MATCH (n) WHERE n._kg_id IS NOT NULL RETURN count(n) AS n",
            &kg::Params::new(),
        )
        .unwrap();
    assert_eq!(r[0].rows[0][0], kg::Value::Int(0));
}

#[test]
fn a_large_script_loads_in_batches() {
    let mut db = Database::in_memory();
    db.run(
        "UNWIND range(0, 2499) AS i CREATE (:N {i: i})-[:NEXT {i: i}]->(:M)",
        &kg::Params::new(),
    )
    .unwrap();
    let sub = Subgraph::whole(db.graph());
    let dir = scratch("batches");
    let back = round_trip(&sub, ExportFormat::Cypher(Dialect::Portable), &dir);
    assert_eq!(canon(&back), canon(db.graph()));
    let script = std::fs::read_to_string(dir.join("export.cypher")).unwrap();
    let starting = |prefix: &str| script.lines().filter(|l| l.starts_with(prefix)).count();
    // 1000 rows a statement: 3 for each label and 3 for the type; 5000 nodes lose their
    // temporary label and key in one statement.
    assert_eq!(starting("UNWIND"), 3 + 3 + 3);
    assert_eq!(starting("MATCH (n:_KgExport) WITH n LIMIT 10000 REMOVE"), 1);
}

#[test]
fn floats_that_json_cannot_hold_survive_scripts_and_csv() {
    let mut db = Database::in_memory();
    db.run(
        "CREATE (:F {nan: 0.0/0.0, inf: 1.0/0.0, neg: -1.0/0.0, list: [1.0/0.0, 2.5]})",
        &kg::Params::new(),
    )
    .unwrap();
    let sub = Subgraph::whole(db.graph());
    for format in [ExportFormat::Cypher(Dialect::Portable), ExportFormat::Csv] {
        let back = round_trip(&sub, format, &scratch(&format!("nonfinite-{format}")));
        assert_eq!(canon(&back), canon(db.graph()), "{format}");
    }
    let mut out = Vec::new();
    let report = export::write(ExportFormat::Json, &sub, &mut out).unwrap();
    assert!(
        report.notes[0].contains("4 such float properties"),
        "{:?}",
        report.notes
    );
}

#[test]
fn scripts_run_as_kg_run_would() {
    let dir = scratch("script-behaviour");
    let path = dir.join("s.cypher");
    std::fs::write(
        &path,
        "CREATE (:A {s: 'a;b'});\n/* a ; comment */ CREATE (:B)\n-[:T]->(:C); // done;\nCREATE (:D)",
    )
    .unwrap();
    let imported = import::load(std::slice::from_ref(&path), &ImportOptions::default()).unwrap();
    assert_eq!(
        (imported.graph.node_count(), imported.graph.rel_count()),
        (4, 1)
    );
    // Into a database, a script sees what is there.
    let ties = dir.join("ties.cql");
    std::fs::write(
        &ties,
        "MATCH (c:Company {name: 'OpenAI'}) CREATE (c)-[:TIED_TO]->(:Note {text: 'x'});",
    )
    .unwrap();
    let mut db = Database::default_graph().unwrap();
    import::load_into(&mut db, &[ties], &ImportOptions::default()).unwrap();
    let r = db
        .run(
            "MATCH (:Company {name: 'OpenAI'})-[:TIED_TO]->(n:Note) RETURN count(n)",
            &kg::Params::new(),
        )
        .unwrap();
    assert_eq!(r[0].rows[0][0], kg::Value::Int(1));
}

/// One property of every temporal type, in a list too, with offsets, fractions of a second and
/// a duration of every unit.
const TEMPORALS: &str = "CREATE (:T {d: date('2026-04-01'), lt: localtime('09:00:30.5'), \
     t: time('09:00+01:00'), ldt: localdatetime('2026-04-01T09:00'), \
     dt: datetime('2026-04-01T09:00:00.123456789-05:30'), dur: duration('P1Y1M2DT3H4M5.5S'), \
     days: [date('2026-01-01'), date('2026-02-28')]})-[:AT {when: datetime('2026-04-01T00:00Z')}]->(:T)";

#[test]
fn temporal_values_keep_their_types_in_scripts_and_csv() {
    let mut db = Database::in_memory();
    db.run(TEMPORALS, &kg::Params::new()).unwrap();
    let sub = Subgraph::whole(db.graph());
    for format in [ExportFormat::Cypher(Dialect::Portable), ExportFormat::Csv] {
        let back = round_trip(&sub, format, &scratch(&format!("temporal-{format}")));
        assert_eq!(canon(&back), canon(db.graph()), "{format}");
        let types = Database::with_graph(back, None)
            .run(
                "MATCH (n:T)-[r]->() RETURN n.d + duration('P1D') AS next, n.t.offset AS offset, \
                 n.dur.months AS months, n.days[1].day AS day, r.when.year AS year",
                &kg::Params::new(),
            )
            .unwrap();
        let row: Vec<String> = types[0].rows[0]
            .iter()
            .map(|v| kg::format::value_text(v, &kg::QueryResult::default()))
            .collect();
        assert_eq!(
            row,
            ["2026-04-02", "'+01:00'", "13", "28", "2026"],
            "{format}"
        );
    }
}

#[test]
fn temporal_values_become_iso_strings_in_json_with_a_note() {
    let mut db = Database::in_memory();
    db.run(TEMPORALS, &kg::Params::new()).unwrap();
    let sub = Subgraph::whole(db.graph());
    for format in [ExportFormat::Json, ExportFormat::Jsonl] {
        let mut out = Vec::new();
        let report = export::write(format, &sub, &mut out).unwrap();
        assert_eq!(
            report.notes,
            [
                "JSON has no dates or times: 8 temporal properties were written as ISO 8601 strings (the csv and cypher exports keep their types)"
            ],
            "{format}"
        );
        let back = round_trip(&sub, format, &scratch(&format!("temporal-{format}")));
        let r = Database::with_graph(back, None)
            .run(
                "MATCH (n:T) WHERE n.d IS NOT NULL RETURN n.d AS d, n.dur AS dur",
                &kg::Params::new(),
            )
            .unwrap();
        assert_eq!(
            r[0].rows[0],
            [
                kg::Value::str("2026-04-01"),
                kg::Value::str("P1Y1M2DT3H4M5.5S")
            ],
            "{format}"
        );
    }
}

#[test]
fn a_query_export_brings_the_cited_sources_and_keeps_the_citations() {
    let mut db = Database::default_graph().unwrap();
    let results = db
        .run(
            "MATCH (:Company {name: 'OpenAI'})-[p:PAYS]->(m) RETURN p",
            &kg::Params::new(),
        )
        .unwrap();
    let sub = Subgraph::from_results(&results, db.graph(), false);
    for format in ROUND_TRIP {
        let dir = scratch(&format!("query-cites-{format}"));
        let back = round_trip(&sub, format, &dir);
        let mut imported = Database::with_graph(back, None);
        let rows = imported
            .run(
                "MATCH ()-[p:PAYS]->() UNWIND citations(p) AS c \
                 RETURN c.source.name AS source, c.quote AS quote",
                &kg::Params::new(),
            )
            .unwrap()
            .pop()
            .unwrap()
            .rows;
        assert_eq!(
            rows,
            vec![
                vec![
                    kg::Value::str("TechCrunch"),
                    kg::Value::str(
                        "OpenAI continues paying Microsoft through 2030 under a newly capped arrangement"
                    )
                ],
                vec![kg::Value::str("Article"), kg::Value::Null],
            ],
            "{format}"
        );
        // The reserved properties that carried them are gone.
        let left = imported
            .run(
                "MATCH (n) WHERE n._kg_cite_id IS NOT NULL OR n._kg_sources IS NOT NULL RETURN count(n)",
                &kg::Params::new(),
            )
            .unwrap()
            .pop()
            .unwrap()
            .rows;
        assert_eq!(left, vec![vec![kg::Value::Int(0)]], "{format}");
    }
}
