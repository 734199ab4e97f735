//! Indexes and constraints in a store: kept across reopening (from the snapshot and from the
//! log), upgraded from the format before them, respected by imports, and never answered from
//! an index that is gone.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::store::{Scratch, exec, open, release};
use kg::{Database, Error, Params, Value};
use std::path::Path;

fn rows(db: &mut Database, text: &str) -> Vec<Vec<Value>> {
    db.run(text, &Params::new())
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .pop()
        .unwrap()
        .rows
}

fn names(db: &mut Database, show: &str) -> Vec<Value> {
    rows(db, show).into_iter().map(|r| r[0].clone()).collect()
}

const DECLARE: &str = "CREATE INDEX deal_value FOR (d:Deal) ON (d.value);
CREATE CONSTRAINT deal_id FOR (d:Deal) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT deal_name FOR (d:Deal) REQUIRE d.name IS NOT NULL";

#[test]
fn declarations_survive_reopening_from_the_log_and_from_a_snapshot() {
    for clean in [false, true] {
        let scratch = Scratch::new("schema-reopen");
        let dir = scratch.store();
        let mut db = open(&dir, u64::MAX);
        exec(
            &mut db,
            "UNWIND range(1, 50) AS i CREATE (:Deal {id: i, name: 'd' + i, value: i * 10})",
        );
        exec(&mut db, DECLARE);
        // `clean`: a checkpoint writes them into the snapshot; else they replay from the log.
        release(db, clean);
        let mut db = open(&dir, u64::MAX);
        assert_eq!(
            names(&mut db, "SHOW INDEXES"),
            vec![Value::str("deal_value"), Value::str("deal_id")]
        );
        assert_eq!(
            names(&mut db, "SHOW CONSTRAINTS"),
            vec![Value::str("deal_id"), Value::str("deal_name")]
        );
        // The indexes hold the data, and the constraints are enforced.
        let plan = db
            .explain("MATCH (d:Deal) WHERE d.value > 480 RETURN d.id")
            .unwrap();
        assert!(plan.contains("in index deal_value"), "{plan}");
        assert_eq!(
            rows(&mut db, "MATCH (d:Deal) WHERE d.value > 480 RETURN d.id"),
            vec![vec![Value::Int(49)], vec![Value::Int(50)]]
        );
        let err = db
            .run("CREATE (:Deal {id: 7, name: 'twin'})", &Params::new())
            .unwrap_err();
        assert!(
            matches!(&err, Error::Query(q) if q.detail == kg::Detail::ConstraintValidationFailed),
            "{err}"
        );
        release(db, true);
    }
}

#[test]
fn a_store_in_the_format_before_declarations_opens_and_is_upgraded() {
    // Written by kg before indexes and constraints: version 1 snapshot and log, the log
    // holding one record (a crash left it there).
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1");
    let scratch = Scratch::new("schema-v1");
    let dir = scratch.store();
    std::fs::create_dir_all(&dir).unwrap();
    for file in ["snapshot.kg", "wal.kg"] {
        std::fs::copy(fixture.join(file), dir.join(file)).unwrap();
    }
    let version = |file: &str| std::fs::read(dir.join(file)).unwrap()[8];
    assert_eq!((version("snapshot.kg"), version("wal.kg")), (1, 1));
    let (mut db, report) = Database::open(&dir, common::store::options(u64::MAX)).unwrap();
    assert!(
        report.warnings.iter().any(|w| w.contains("older format")),
        "{:?}",
        report.warnings
    );
    assert_eq!(
        rows(
            &mut db,
            "MATCH (p:Person)-[w:WORKS_AT]->(c:Company)-[o:OWNS]->(x:Platform) \
             RETURN p.name, w.role, c.name, c.valuation, o.since, x.name"
        ),
        vec![vec![
            Value::str("Wile"),
            Value::str("engineer"),
            Value::str("Acme"),
            Value::Float(2.5),
            Value::Date(chrono::NaiveDate::from_ymd_opt(2020, 1, 2).unwrap()),
            Value::str("Anvil"),
        ]]
    );
    // Read the old, write the new: both files are in the current format now.
    assert_eq!((version("snapshot.kg"), version("wal.kg")), (3, 3));
    exec(
        &mut db,
        "CREATE INDEX company_name FOR (c:Company) ON (c.name)",
    );
    release(db, false);
    let mut db = open(&dir, u64::MAX);
    assert_eq!(
        names(&mut db, "SHOW INDEXES"),
        vec![Value::str("company_name")]
    );
    release(db, true);
}

#[test]
fn an_import_that_breaks_a_key_constraint_changes_nothing_and_names_the_duplicate() {
    let scratch = Scratch::new("schema-import");
    let dir = scratch.store();
    let csv = scratch.path.join("people.csv");
    std::fs::write(
        &csv,
        "id:ID,name:string,:LABEL\n1,Ann,Person\n2,Bob,Person\n",
    )
    .unwrap();
    let mut db = open(&dir, u64::MAX);
    exec(
        &mut db,
        "CREATE CONSTRAINT person_name FOR (p:Person) REQUIRE p.name IS UNIQUE",
    );
    let options = kg::import::ImportOptions::default();
    kg::import::load_into(&mut db, std::slice::from_ref(&csv), &options).unwrap();
    assert_eq!(
        rows(&mut db, "MATCH (p:Person) RETURN count(p)"),
        vec![vec![Value::Int(2)]]
    );
    // The same file again: every row is a duplicate; the first is named, nothing is kept.
    let err = kg::import::load_into(&mut db, std::slice::from_ref(&csv), &options).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("person_name") && message.contains("'Ann'"),
        "{message}"
    );
    assert_eq!(
        rows(&mut db, "MATCH (p:Person) RETURN count(p)"),
        vec![vec![Value::Int(2)]]
    );
    release(db, true);
}

#[test]
fn a_cached_plan_is_made_again_when_its_index_goes() {
    let mut db = Database::in_memory();
    exec(&mut db, "UNWIND range(1, 20) AS i CREATE (:N {k: i})");
    exec(&mut db, "CREATE INDEX n_k FOR (n:N) ON (n.k)");
    let query = "MATCH (n:N) WHERE n.k >= 18 RETURN n.k ORDER BY n.k";
    let expected = vec![
        vec![Value::Int(18)],
        vec![Value::Int(19)],
        vec![Value::Int(20)],
    ];
    assert_eq!(rows(&mut db, query), expected);
    exec(&mut db, "DROP INDEX n_k");
    // The same text, planned again without the index: the same rows, no error.
    assert_eq!(rows(&mut db, query), expected);
    assert!(!db.explain(query).unwrap().contains("NodeIndexSeek"));
}

#[test]
fn a_failed_declaration_in_a_transaction_rolls_back_with_it() {
    let mut db = Database::in_memory();
    exec(&mut db, "CREATE (:P {k: 1, j: 1}), (:P {k: 1, j: 2})");
    exec(&mut db, "BEGIN");
    exec(&mut db, "CREATE INDEX p_j FOR (p:P) ON (p.j)");
    let err = db
        .run(
            "CREATE CONSTRAINT p_k_unique FOR (p:P) REQUIRE p.k IS UNIQUE",
            &Params::new(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("nodes 0 and 1"), "{err}");
    db.run("ROLLBACK", &Params::new()).unwrap();
    assert!(names(&mut db, "SHOW INDEXES").is_empty());
}
