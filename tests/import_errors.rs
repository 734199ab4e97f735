//! A bad row never aborts silently and never half-loads: errors name the file, line, column
//! and reason; `skip_bad` loads the good rows and logs each bad one with its reason.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod io_support;

use io_support::scratch;
use kg::import::{self, ImportError, ImportOptions, RowError};
use kg::{Database, Params};
use std::path::{Path, PathBuf};
use std::process::Command;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const NODES: &str = "id:ID,name,founded:int,tags:string[],:LABEL\n\
                     c1,Acme,1999,a;b,Company\n\
                     c2,\"Beta\nCorp\",19x9,,Company\n\
                     c3,Gamma,2001,,Company\n";
const RELS: &str = ":START_ID,:END_ID,since:long,:TYPE\n\
                    c1,c3,2020,PARTNERS_WITH\n\
                    c1,c2,2021,PARTNERS_WITH\n\
                    ,c3,2022,PARTNERS_WITH\n\
                    c3,zz,2023,PARTNERS_WITH\n\
                    c3,c1,2024\n";

fn row_error(result: Result<import::ImportedGraph, ImportError>) -> (import::Location, RowError) {
    match result {
        Err(ImportError::Row { location, reason }) => (location, reason),
        Err(other) => panic!("expected a row error, got {other}"),
        Ok(_) => panic!("expected a row error, got a graph"),
    }
}

#[test]
fn a_bad_value_names_file_line_column_and_reason() {
    let dir = scratch("bad-value");
    let nodes = write(&dir, "nodes.csv", NODES);
    let err = import::load(std::slice::from_ref(&nodes), &ImportOptions::default());
    let (location, reason) = row_error(err);
    // The record starts on line 3 (its quoted name runs onto line 4).
    assert_eq!((location.line, location.column), (3, Some(3)));
    assert_eq!(location.column_name.as_deref(), Some("founded:int"));
    assert_eq!(reason, RowError::BadInteger("19x9".into()));
    assert_eq!(
        format!("{}", ImportError::Row { location, reason }),
        format!(
            "{}, line 3, column 3 (founded:int): bad integer '19x9'",
            nodes.display()
        )
    );
}

#[test]
fn relationship_rows_report_missing_and_unknown_ends_and_column_counts() {
    let dir = scratch("bad-rels");
    let nodes = write(&dir, "nodes.csv", &NODES.replace("19x9", "1989"));
    let cases = [
        (
            ":START_ID,:END_ID,:TYPE\n,c3,T\n",
            2,
            Some(1),
            RowError::MissingStartId,
        ),
        (
            ":START_ID,:END_ID,:TYPE\nc3,zz,T\n",
            2,
            Some(2),
            RowError::UnknownEndNode("zz".into()),
        ),
        (
            ":START_ID,:END_ID,:TYPE\nc1,c3,T\nc3,c1\n",
            3,
            None,
            RowError::WrongColumnCount {
                expected: 3,
                found: 2,
            },
        ),
        (
            ":START_ID,:END_ID,:TYPE\nc1,c3,\n",
            2,
            Some(3),
            RowError::MissingType,
        ),
        (
            ":START_ID,:END_ID,:TYPE\nc1,\"c3\n",
            2,
            Some(2),
            RowError::UnterminatedQuote,
        ),
    ];
    for (text, line, column, expected) in cases {
        let rels = write(&dir, "rels.csv", text);
        let (location, reason) = row_error(import::load(
            &[nodes.clone(), rels.clone()],
            &ImportOptions::default(),
        ));
        assert_eq!(reason, expected, "{text}");
        assert_eq!((location.line, location.column), (line, column), "{text}");
        assert_eq!(location.file, rels);
    }
}

#[test]
fn skip_bad_loads_the_good_rows_and_logs_every_bad_one() {
    let dir = scratch("skip-bad");
    let nodes = write(&dir, "nodes.csv", NODES);
    let rels = write(&dir, "rels.csv", RELS);
    let log = dir.join("bad.log");
    let options = ImportOptions {
        skip_bad: true,
        bad_log: Some(log.clone()),
        ..ImportOptions::default()
    };
    let imported = import::load(&[nodes, rels], &options).unwrap();
    let r = &imported.report;
    assert_eq!((r.nodes, r.rels, r.rejected), (2, 1, 5));
    let log = std::fs::read_to_string(log).unwrap();
    let reasons: Vec<&str> = log.lines().filter(|l| !l.starts_with("  ")).collect();
    let expected = [
        "nodes.csv, line 3, column 3 (founded:int): bad integer '19x9'",
        "rels.csv, line 3, column 2 (:END_ID): end node id 'c2' matches no node",
        "rels.csv, line 4, column 1 (:START_ID): missing start node id",
        "rels.csv, line 5, column 2 (:END_ID): end node id 'zz' matches no node",
        "rels.csv, line 6: wrong column count: the header has 4 columns, this row 3",
    ];
    assert_eq!(reasons.len(), expected.len(), "{log}");
    for (line, end) in reasons.iter().zip(expected) {
        assert!(line.ends_with(end), "{line} should end with {end}");
    }
    // Each rejected row follows its reason, indented, as it was in the file.
    assert!(
        log.contains("(founded:int): bad integer '19x9'\n  c2,\"Beta\n  Corp\",19x9,,Company\n")
    );
    // The texts of a rejected row were interned before its bad value was read: they are
    // let go again, so the pool holds only texts that some property holds.
    let strings = kg::graph::GraphRead::strings(&imported.graph);
    assert_eq!(strings.find("Beta\nCorp"), None);
    assert_eq!(strings.find("c2"), None);
    assert!(strings.find("Acme").is_some());
    let db = imported.into_database();
    let rows = db_rows(
        db,
        "MATCH (a)-[r]->(b) RETURN a.name, r.since, b.name, a.tags",
    );
    assert_eq!(rows, ["'Acme' | 2020 | 'Gamma' | ['a', 'b']"]);
}

#[test]
fn a_key_two_columns_name_keeps_the_last_ones_value() {
    let dir = scratch("repeated-key");
    let nodes = write(&dir, "n.csv", "id:ID,name,name,:LABEL\na1,x,y,A\n");
    // Into a new graph, where the reading thread interns the texts.
    let imported = import::load(std::slice::from_ref(&nodes), &ImportOptions::default()).unwrap();
    let strings = kg::graph::GraphRead::strings(&imported.graph);
    assert_eq!(strings.find("x"), None, "the shadowed value is not kept");
    let mut db = imported.into_database();
    assert_eq!(db_rows_of(&mut db, "MATCH (n) RETURN n.name"), ["'y'"]);
    assert_eq!(
        db_rows_of(
            &mut db,
            "MATCH (n) WHERE n.name IS NOT NULL RETURN count(*)"
        ),
        ["1"]
    );
    // Into a database, through mutations.
    let mut db = Database::in_memory();
    import::load_into(&mut db, &[nodes], &ImportOptions::default()).unwrap();
    assert_eq!(db_rows_of(&mut db, "MATCH (n) RETURN n.name"), ["'y'"]);
}

#[test]
fn a_key_that_files_type_differently_keeps_each_files_values() {
    // The reader thread interns texts itself only when no column can come to mix types;
    // here `code` is an integer in one file and text in the other, in one chunk of ids.
    let dir = scratch("mixed-kinds");
    let a = write(&dir, "a.csv", "id:ID,code:int,:LABEL\na1,7,A\na2,8,A\n");
    let b = write(&dir, "b.csv", "id:ID,code,:LABEL\nb1,x7,B\nb2,,B\n");
    let rels = write(
        &dir,
        "r.csv",
        ":START_ID,:END_ID,:TYPE,note\na1,b1,T,hello\n",
    );
    let imported = import::load(&[a, b, rels], &ImportOptions::default()).unwrap();
    let db = imported.into_database();
    let rows = db_rows(
        db,
        "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n.id, n.code, r.note ORDER BY n.id",
    );
    assert_eq!(
        rows,
        [
            "'a1' | 7 | 'hello'",
            "'a2' | 8 | null",
            "'b1' | 'x7' | null",
            "'b2' | null | null"
        ]
    );
}

fn db_rows(mut db: Database, query: &str) -> Vec<String> {
    db_rows_of(&mut db, query)
}

fn db_rows_of(db: &mut Database, query: &str) -> Vec<String> {
    let results = db.run(query, &Params::new()).unwrap();
    let r = &results[0];
    r.rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|v| kg::format::value_text(v, r))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

#[test]
fn headers_must_make_sense_whatever_skip_bad_says() {
    let dir = scratch("bad-header");
    let nodes = write(&dir, "nodes.csv", "id:ID,when:instant\n1,x\n");
    let options = ImportOptions {
        skip_bad: true,
        ..ImportOptions::default()
    };
    match import::load(&[nodes], &options) {
        Err(ImportError::Header { column, name, .. }) => {
            assert_eq!((column, name.as_str()), (2, "when:instant"));
        }
        other => panic!("expected a header error, got {:?}", other.err()),
    }
    // Temporal columns are read as temporal values; a bad one names its type.
    let dated = write(&dir, "dated.csv", "id:ID,when:date\n1,2024-01-02\n");
    let imported = import::load(&[dated], &ImportOptions::default()).unwrap();
    let db = imported.into_database();
    let when = db.nodes()[0].props.get("when").cloned();
    assert_eq!(
        when.and_then(|v| v.temporal_text()),
        Some("2024-01-02".to_string())
    );
    let bad = write(&dir, "bad-date.csv", "id:ID,when:date\n1,2024-13-02\n");
    let (location, reason) = row_error(import::load(&[bad], &ImportOptions::default()));
    assert_eq!((location.line, location.column), (2, Some(2)));
    assert_eq!(
        reason.to_string(),
        "bad date '2024-13-02' (expected ISO 8601 text)"
    );
}

#[test]
fn json_errors_point_at_the_element() {
    let dir = scratch("bad-json");
    let doc = write(
        &dir,
        "g.json",
        "{\"nodes\":[\n{\"id\":0,\"labels\":[\"A\"],\"properties\":{}},\n  {\"id\":1,\"labels\":[\"B\"],\"properties\":{\"m\":{\"x\":1}}}\n],\"relationships\":[]}\n",
    );
    let (location, reason) = row_error(import::load(&[doc], &ImportOptions::default()));
    assert_eq!((location.line, location.column), (3, Some(3)));
    assert!(matches!(reason, RowError::Unstorable { ref key, .. } if key == "m"));

    let broken = write(
        &dir,
        "broken.json",
        "{\"nodes\":[\n{\"id\":0}\n{\"id\":1}]}",
    );
    let (location, reason) = row_error(import::load(&[broken], &ImportOptions::default()));
    assert_eq!((location.line, location.column), (3, Some(1)));
    assert!(matches!(reason, RowError::Json(ref m) if m.contains("expected `,` or `]`")));

    let lines = write(
        &dir,
        "g.jsonl",
        "{\"type\":\"node\",\"id\":\"1\",\"labels\":[\"A\"]}\n{\"type\":\"relationship\",\"id\":\"0\",\"label\":\"T\",\"start\":{\"id\":\"1\"},\"end\":{\"id\":\"9\"}}\nnot json\n{\"type\":\"node\",\"id\":\"2\",\"properties\":{\"n\":18446744073709551615}}\n",
    );
    let options = ImportOptions {
        skip_bad: true,
        ..ImportOptions::default()
    };
    let imported = import::load(&[lines], &options).unwrap();
    let r = &imported.report;
    assert_eq!((r.nodes, r.rels, r.rejected), (1, 0, 3));
    assert!(r.rejections[0].contains("line 2, column 1: end node id '9' matches no node"));
    assert!(r.rejections[1].contains("line 3, column 2: invalid JSON: expected ident"));
    assert!(r.rejections[2].contains("integer 18446744073709551615 is out of range"));
}

#[test]
fn text_that_is_not_utf8_is_named_by_line_and_column() {
    let dir = scratch("not-utf8");
    // 0xE9 is é in Latin-1; in UTF-8 it starts a sequence that never comes.
    let cases: [(&str, &[u8], u64, u64); 3] = [
        ("n.csv", b":ID,name\n1,ok\n2,caf\xe9\n", 3, 6),
        (
            "n.jsonl",
            b"{\"type\":\"node\",\"id\":\"1\"}\n{\"type\":\"node\",\"id\":\"\xc3\xa9\xe9\"}\n",
            2,
            23,
        ),
        (
            "s.cypher",
            b"CREATE (:A);\nCREATE (:\xc3\x89 {n: 'caf\xe9'});\n",
            2,
            20,
        ),
    ];
    for (name, bytes, line, column) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        for skip_bad in [false, true] {
            let options = ImportOptions {
                skip_bad,
                ..ImportOptions::default()
            };
            match import::load(std::slice::from_ref(&path), &options) {
                Err(e @ ImportError::NotUtf8 { .. }) => assert_eq!(
                    e.to_string(),
                    format!(
                        "cannot read {}, line {line}, column {column}: not UTF-8 text (kg reads text files as UTF-8)",
                        path.display()
                    )
                ),
                Err(other) => panic!("{name}: expected an encoding error, got {other}"),
                Ok(_) => panic!("{name}: loaded"),
            }
        }
    }
    // In a JSON document serde_json finds it, in a string, and says where.
    let doc = write(&dir, "d.json", "");
    std::fs::write(
        &doc,
        b"{\"nodes\":[\n{\"id\":1,\"properties\":{\"n\":\"caf\xe9\"}}]}",
    )
    .unwrap();
    let (location, reason) = row_error(import::load(&[doc], &ImportOptions::default()));
    assert_eq!((location.line, location.column), (2, Some(31)));
    assert!(
        matches!(reason, RowError::Json(ref m) if m.contains("unicode")),
        "{reason}"
    );
}

#[test]
fn json_syntax_errors_count_columns_in_characters() {
    let dir = scratch("json-columns");
    // The second comma is the 33rd character of its line and its 36th byte.
    let doc = write(
        &dir,
        "d.json",
        "{\"nodes\":[\n{\"id\":1,\"properties\":{\"n\":\"é€\"},,}]}",
    );
    let (location, _) = row_error(import::load(&[doc], &ImportOptions::default()));
    assert_eq!((location.line, location.column), (2, Some(33)));
    let lines = write(&dir, "l.jsonl", "{\"type\":\"node\",\"id\":\"é€\",,}\n");
    let (location, _) = row_error(import::load(&[lines], &ImportOptions::default()));
    assert_eq!((location.line, location.column), (1, Some(26)));
}

#[test]
fn a_failing_statement_loads_nothing_and_shows_where_it_is() {
    let dir = scratch("bad-script");
    let script = write(
        &dir,
        "s.cypher",
        "CREATE (:A {n: 1});\n// a comment\nCREATE (:B {n: 2}); CREATE (:C {n: toInteger('x') + 1 / 0});\nCREATE (:D);\n",
    );
    match import::load(std::slice::from_ref(&script), &ImportOptions::default()) {
        Err(ImportError::Statement { rendered }) => {
            assert!(
                rendered.contains(&format!("--> {}:3:", script.display())),
                "{rendered}"
            );
            assert!(
                rendered.contains("3 | CREATE (:B {n: 2}); CREATE (:C"),
                "{rendered}"
            );
        }
        other => panic!("expected a statement error, got {:?}", other.err()),
    }
    // Into a database: the transaction is rolled back, the graph is as it was.
    let mut db = Database::default_graph().unwrap();
    let before = (db.node_count(), db.rel_count());
    assert!(import::load_into(&mut db, &[script], &ImportOptions::default()).is_err());
    assert_eq!((db.node_count(), db.rel_count()), before);
    assert!(!db.in_transaction());
}

#[test]
fn scripts_cannot_commit_or_roll_back_part_of_an_import() {
    let dir = scratch("script-tx");
    let script = write(
        &dir,
        "s.cypher",
        "CREATE (:A);\n  /* é */ COMMIT;\nCREATE (:B);\nRETURN 1/0;\n",
    );
    let expected = format!(
        "{}, line 2, column 11: COMMIT is not allowed in an imported script: an import is one transaction",
        script.display()
    );
    // --data and `kg import` alike; skip_bad does not skip it.
    for skip_bad in [false, true] {
        let options = ImportOptions {
            skip_bad,
            ..ImportOptions::default()
        };
        let err = import::load(std::slice::from_ref(&script), &options)
            .err()
            .expect("the COMMIT is refused");
        assert!(
            matches!(
                err,
                ImportError::TransactionControl {
                    statement: "COMMIT",
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().starts_with(&expected), "{err}");
    }
    let mut db = Database::default_graph().unwrap();
    let before = (db.node_count(), db.rel_count());
    for text in ["BEGIN;", "CREATE (:A); ROLLBACK;"] {
        let file = write(&dir, "t.cypher", text);
        let err = import::load_into(&mut db, &[file], &ImportOptions::default())
            .expect_err("transaction control is refused");
        assert!(
            matches!(err, ImportError::TransactionControl { .. }),
            "{err}"
        );
        assert_eq!((db.node_count(), db.rel_count()), before);
        assert!(!db.in_transaction());
    }
}

#[test]
fn named_csv_id_groups_keep_apart_from_json_ids() {
    let dir = scratch("id-groups");
    let people = write(&dir, "people.csv", "pid:ID(People),:LABEL\n1,Person\n");
    let doc = write(
        &dir,
        "g.json",
        r#"{"nodes": [{"id": 1, "labels": ["Doc"]}], "relationships": [{"id": 0, "type": "SELF", "start": 1, "end": 1}]}"#,
    );
    let imported = import::load(&[people, doc], &ImportOptions::default()).unwrap();
    let db = Database::with_graph(imported.graph, None);
    assert_eq!(
        db_rows(db, "MATCH (a)-[:SELF]->(b) RETURN labels(a), labels(b)"),
        ["['Doc'] | ['Doc']"]
    );
}

#[test]
fn load_into_is_all_or_nothing() {
    let dir = scratch("into");
    let nodes = write(&dir, "nodes.csv", NODES);
    let mut db = Database::default_graph().unwrap();
    let before = (db.node_count(), db.rel_count());
    let err = import::load_into(
        &mut db,
        std::slice::from_ref(&nodes),
        &ImportOptions::default(),
    );
    assert!(matches!(err, Err(ImportError::Row { .. })));
    assert_eq!((db.node_count(), db.rel_count()), before);
    let good = write(&dir, "good.csv", &NODES.replace("19x9", "1989"));
    let rels = write(&dir, "rels.csv", ":START_ID,:END_ID,:TYPE\nc1,c2,T\n");
    let report = import::load_into(&mut db, &[good, rels], &ImportOptions::default()).unwrap();
    assert_eq!((report.nodes, report.rels), (3, 1));
    assert_eq!(
        (db.node_count(), db.rel_count()),
        (before.0 + 3, before.1 + 1)
    );
}

#[test]
fn a_file_must_say_its_format() {
    let dir = scratch("no-format");
    let file = write(&dir, "data.txt", "");
    let err = import::load(&[file], &ImportOptions::default())
        .err()
        .unwrap();
    assert!(matches!(err, ImportError::UnknownFormat { .. }));
    assert!(err.to_string().contains("give --format"));
}

fn kg(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(args)
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_command_line_reports_with_exit_codes() {
    let dir = scratch("cli");
    let nodes = write(&dir, "nodes.csv", NODES);
    let path = nodes.to_str().unwrap();
    let (code, text) = kg(&["--data", path, "query", "RETURN 1"]);
    assert_eq!(code, 3, "{text}");
    assert!(
        text.contains("line 3, column 3 (founded:int): bad integer '19x9'"),
        "{text}"
    );

    let (code, text) = kg(&["import", path]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("--db DIR") && text.contains("--data"),
        "{text}"
    );

    let (code, text) = kg(&["export", "--format", "csv"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("-o DIR"), "{text}");

    let (code, text) = kg(&[
        "export",
        "--format",
        "json",
        "--query",
        "MATCH (n) RETURN m",
    ]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("UndefinedVariable"), "{text}");

    let good = write(&dir, "good.csv", &NODES.replace("19x9", "1989"));
    let rels = write(&dir, "rels.csv", ":START_ID,:END_ID,:TYPE\nc1,c2,T\n");
    let (code, text) = kg(&[
        "--data",
        good.to_str().unwrap(),
        "--data",
        rels.to_str().unwrap(),
        "query",
        "MATCH (a)-[:T]->(b) RETURN a.id, b.name",
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("| 'c1' | 'Beta\nCorp' |") || text.contains("'c1'"),
        "{text}"
    );
}

#[test]
fn an_unknown_csv_type_lists_every_type_the_reader_takes() {
    let dir = scratch("csv-types");
    let file = write(
        &dir,
        "n.csv",
        ":ID,a:short,b:byte,c:char,d:date,e:duration[],f:point,g:money\n1,1,2,x,2026-04-01,P1D;PT1H,\"{x: 1}\",3\n",
    );
    let err = import::load(std::slice::from_ref(&file), &ImportOptions::default())
        .err()
        .unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "{}, header column 8 ('g:money'): unknown type 'money' (expected int, long, short, byte, float, double, boolean, string, char, date, localtime, time, localdatetime, datetime, duration or point, or one of them with [])",
            file.display()
        )
    );
    // Every type the message names loads.
    let file = write(
        &dir,
        "n.csv",
        &std::fs::read_to_string(&file)
            .unwrap()
            .replace(",g:money", "")
            .replace(",3\n", "\n"),
    );
    let imported = import::load(&[file], &ImportOptions::default()).unwrap();
    assert!(
        imported.report.notes[0].contains("'f:point' is read as strings"),
        "{:?}",
        imported.report.notes
    );
    assert_eq!(
        db_rows(
            Database::with_graph(imported.graph, None),
            "MATCH (n) RETURN n.a, n.b, n.c, n.d.month, n.e[1].seconds, n.f"
        ),
        ["1 | 2 | 'x' | 4 | 3600 | '{x: 1}'"]
    );
}

#[test]
fn a_csv_float_too_large_for_64_bits_is_refused_as_the_literal_is() {
    let dir = scratch("float-range");
    for (text, column, number) in [
        ("1,1e999,\n", 2, "1e999"),
        ("1,-1E999,\n", 2, "-1E999"),
        ("1,1.5,2;1e400\n", 3, "1e400"),
    ] {
        let nodes = write(
            &dir,
            "floats.csv",
            &format!(":ID,x:double,l:float[]\n{text}"),
        );
        let (location, reason) = row_error(import::load(
            std::slice::from_ref(&nodes),
            &ImportOptions::default(),
        ));
        assert_eq!(
            (location.line, location.column),
            (2, Some(column)),
            "{text}"
        );
        assert_eq!(
            reason,
            RowError::FloatTooLarge(number.to_string()),
            "{text}"
        );
        assert!(
            reason
                .to_string()
                .starts_with("floating point number is too large"),
            "{reason}"
        );
    }
    // Infinity written as such (as kg's own export writes it) is a value, not an overflow.
    let nodes = write(&dir, "inf.csv", ":ID,x:double\n1,Infinity\n2,-inf\n3,NaN\n");
    let graph = import::load(&[nodes], &ImportOptions::default()).unwrap();
    let rows = db_rows(
        graph.into_database(),
        "MATCH (n) RETURN n.x AS x ORDER BY id(n)",
    );
    assert_eq!(rows, ["Infinity", "-Infinity", "NaN"]);
}

#[test]
fn a_byte_order_mark_is_accepted_in_every_format() {
    let dir = scratch("bom");
    let bom = "\u{feff}";
    let files = [
        write(&dir, "a.csv", &format!("{bom}:ID,name,:LABEL\n1,Csv,A\n")),
        write(
            &dir,
            "b.jsonl",
            &format!(
                "{bom}{{\"type\":\"node\",\"id\":\"2\",\"labels\":[\"B\"],\"properties\":{{\"name\":\"Jsonl\"}}}}\n"
            ),
        ),
        write(
            &dir,
            "c.json",
            &format!(
                "{bom}{{\"nodes\":[{{\"id\":3,\"labels\":[\"C\"],\"properties\":{{\"name\":\"Json\"}}}}]}}"
            ),
        ),
        write(
            &dir,
            "d.cypher",
            &format!("{bom}CREATE (:D {{name: 'Script'}});\n"),
        ),
    ];
    for file in files {
        let graph = import::load(std::slice::from_ref(&file), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let rows = db_rows(graph.into_database(), "MATCH (n) RETURN n.name AS name");
        assert_eq!(rows.len(), 1, "{}", file.display());
    }
    // The mark is not counted in columns.
    for name in ["bad.jsonl", "bad.json"] {
        let bad = write(&dir, name, &format!("{bom}{{\"type\":\"node\",}}\n"));
        let (location, _) = row_error(import::load(&[bad], &ImportOptions::default()));
        assert_eq!((location.line, location.column), (1, Some(16)), "{name}");
    }
}

#[test]
fn a_repeated_json_key_is_an_error_naming_the_key_and_where() {
    let dir = scratch("duplicate-keys");
    let cases = [
        (
            "dup.jsonl",
            "{\"type\":\"node\",\"id\":\"1\"}\n{\"type\":\"node\",\"id\":\"2\",\"properties\":{\"a\":1,\"a\":2}}\n",
            (2, 47),
            "a",
        ),
        (
            "dup-id.jsonl",
            "{\"type\":\"node\",\"id\":\"1\",\"id\":\"2\"}\n",
            (1, 28),
            "id",
        ),
        (
            "dup.json",
            "{\"nodes\": [\n  {\"id\": 1, \"labels\": [\"A\"], \"labels\": [\"B\"]}\n]}\n",
            (2, 38),
            "labels",
        ),
        (
            "dup-top.json",
            "{\"nodes\": [{\"id\": 1}],\n \"nodes\": [{\"id\": 2}]}\n",
            (2, 9),
            "nodes",
        ),
    ];
    for (name, text, (line, column), key) in cases {
        let file = write(&dir, name, text);
        let (location, reason) = row_error(import::load(&[file], &ImportOptions::default()));
        assert_eq!(
            (location.line, location.column),
            (line, Some(column)),
            "{name}"
        );
        assert_eq!(
            reason,
            RowError::Json(format!("duplicate key \"{key}\"")),
            "{name}"
        );
    }
    // Columns point at the end of the repeated key (in a document, just past it: serde_json
    // reads files a character ahead).
    // With --skip-bad a JSON line with a repeated key is one bad row.
    let file = write(&dir, "dup.jsonl", cases[0].1);
    let options = ImportOptions {
        skip_bad: true,
        ..ImportOptions::default()
    };
    let graph = import::load(&[file], &options).unwrap();
    assert_eq!((graph.report.nodes, graph.report.rejected), (1, 1));
    // Parameter files too.
    let params = write(&dir, "params.json", "{\"limit\": 1, \"limit\": 2}");
    let (code, stderr) = kg(&[
        "--params",
        params.to_str().unwrap(),
        "query",
        "RETURN $limit",
    ]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("not valid JSON: duplicate key \"limit\" at line 1 column 20"),
        "{stderr}"
    );
}
