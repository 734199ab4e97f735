//! `kg --db DIR import`: all or nothing, committed through a checkpoint rather than the log.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::store::{Scratch, kg, query, run};

fn count(dir: &std::path::Path, what: &str) -> String {
    let r = query(dir, &format!("MATCH {what} RETURN count(*) AS n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout.trim().to_string()
}

#[test]
fn an_import_lands_whole_in_the_snapshot() {
    let scratch = Scratch::new("import-store");
    let dir = scratch.store();
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/graph-data/seed-csv");
    let r = run(kg(&dir).args(["import", seed]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("imported 54 nodes and 128 relationships"),
        "{}",
        r.stderr
    );
    // Committed by a checkpoint: the import is in the snapshot, not one huge log record.
    let wal = std::fs::metadata(dir.join("wal.kg")).map_or(0, |m| m.len());
    let snapshot = std::fs::metadata(dir.join("snapshot.kg")).unwrap().len();
    assert!(
        wal < 256 && snapshot > 4096,
        "wal {wal} bytes, snapshot {snapshot} bytes"
    );
    assert_eq!(count(&dir, "(n)"), r#"{"n":54}"#);
    assert_eq!(count(&dir, "()-[r]->()"), r#"{"n":128}"#);
    let r = query(
        &dir,
        "MATCH (c:Company {name: 'Microsoft'})-[s:OWNS_STAKE]->() RETURN s.stake_pct AS pct",
    );
    assert_eq!(r.stdout.trim(), r#"{"pct":27.0}"#);
}

#[test]
fn a_bad_file_imports_nothing() {
    let scratch = Scratch::new("import-bad");
    let dir = scratch.store();
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/graph-data/seed-csv");
    assert_eq!(run(kg(&dir).args(["import", seed])).code, 0);
    let bad = scratch.path.join("bad.csv");
    std::fs::write(
        &bad,
        ":ID,name:string,founded:int\nx1,Good,1999\nx2,Bad,19x9\n",
    )
    .unwrap();
    let r = run(kg(&dir).args(["import", bad.to_str().unwrap()]));
    assert_eq!(r.code, 3, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("line 3") && r.stderr.contains("bad integer"),
        "{}",
        r.stderr
    );
    // Neither the good row before the bad one nor anything else was added.
    assert_eq!(count(&dir, "(n)"), r#"{"n":54}"#);
}

#[test]
fn import_without_a_store_says_what_to_use() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/graph-data/seed-csv");
    let r = run(std::process::Command::new(env!("CARGO_BIN_EXE_kg")).args(["import", seed]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--db DIR") && r.stderr.contains("--data"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_script_that_commits_part_way_imports_nothing() {
    let scratch = Scratch::new("import-commit");
    let dir = scratch.store();
    let script = scratch.path.join("s.cypher");
    std::fs::write(&script, "CREATE (:A); COMMIT; CREATE (:B); RETURN 1/0;\n").unwrap();
    let r = run(kg(&dir).args(["import", script.to_str().unwrap()]));
    assert_eq!(r.code, 3, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("line 1, column 14: COMMIT is not allowed in an imported script"),
        "{}",
        r.stderr
    );
    assert_eq!(count(&dir, "(n)"), r#"{"n":0}"#);
}

#[test]
fn importing_a_script_reports_what_it_created() {
    let scratch = Scratch::new("import-script-count");
    let dir = scratch.store();
    let script = scratch.path.join("s.cql");
    std::fs::write(
        &script,
        "CREATE (:A)-[:T]->(:B);\nMATCH (a:A) CREATE (a)-[:T]->(:C);\n",
    )
    .unwrap();
    let r = run(kg(&dir).args(["import", script.to_str().unwrap()]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("imported 3 nodes and 2 relationships"),
        "{}",
        r.stderr
    );
    // A script may delete too: then the report says where the store went.
    std::fs::write(&script, "MATCH (c:C) DETACH DELETE c;\n").unwrap();
    let r = run(kg(&dir).args(["import", script.to_str().unwrap()]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "the store went from 3 nodes and 2 relationships to 2 nodes and 1 relationship"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn a_read_only_store_refuses_an_import_and_says_why() {
    let scratch = Scratch::new("import-read-only");
    let dir = scratch.store();
    assert_eq!(run(kg(&dir).args(["query", "RETURN 1"])).code, 0);
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/graph-data/seed-csv");
    let r = run(kg(&dir).args(["--read-only", "import", seed]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("read-only") && !r.stderr.contains("use `kg --db DIR import"),
        "{}",
        r.stderr
    );
    assert_eq!(count(&dir, "(n)"), r#"{"n":0}"#);
}
