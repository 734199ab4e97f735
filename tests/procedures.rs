//! Procedures and CALL through the library API: a table-backed procedure registered on one
//! database, argument passing (explicit, from parameters, refused), both executors giving the
//! same rows, and CALL { ... } IN TRANSACTIONS committing batch by batch, in memory and in a
//! store.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::store::{Scratch, open, release};
use kg::{
    Database, Detail, Engine, Error, ErrorClass, Params, Phase, Procedure, QueryResult, Value,
};

fn run(db: &mut Database, query: &str) -> QueryResult {
    run_with(db, query, &Params::new())
}

fn run_with(db: &mut Database, query: &str, params: &Params) -> QueryResult {
    db.run(query, params)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .pop()
        .unwrap()
}

fn fails(db: &mut Database, query: &str, params: &Params) -> kg::QueryError {
    match db.run(query, params) {
        Err(Error::Query(e)) => e,
        other => panic!("{query}: expected a query error, got {other:?}"),
    }
}

fn cities() -> Procedure {
    Procedure::from_table(
        "test.city(name :: STRING?, id :: INTEGER?) :: (city :: STRING?, code :: INTEGER?)",
        "where someone lives",
        vec![
            vec![
                Value::str("Ann"),
                Value::Int(1),
                Value::str("Oslo"),
                Value::Int(47),
            ],
            vec![
                Value::str("Bo"),
                Value::Int(1),
                Value::str("Malmö"),
                Value::Int(46),
            ],
            vec![
                Value::str("Bo"),
                Value::Int(1),
                Value::str("Lund"),
                Value::Int(46),
            ],
        ],
    )
    .unwrap()
}

#[test]
fn a_registered_procedure_is_called_with_arguments_or_parameters() {
    let mut db = Database::in_memory();
    db.register_procedure(cities());
    let r = run(&mut db, "CALL test.city('Bo', 1)");
    assert_eq!(r.columns, ["city", "code"]);
    assert_eq!(
        r.rows,
        [
            vec![Value::str("Malmö"), Value::Int(46)],
            vec![Value::str("Lund"), Value::Int(46)]
        ]
    );
    // Without parentheses, a standalone call takes the parameters of the same names.
    let params = Params::from([
        ("name".to_string(), Value::str("Ann")),
        ("id".to_string(), Value::Int(1)),
    ]);
    let r = run_with(&mut db, "CALL test.city", &params);
    assert_eq!(r.rows, [vec![Value::str("Oslo"), Value::Int(47)]]);
    // Arguments from the rows of a query.
    let r = run(
        &mut db,
        "UNWIND ['Ann', 'Bo', 'Cy'] AS who CALL test.city(who, 1) YIELD city RETURN who, city",
    );
    assert_eq!(r.rows.len(), 3);
    // SHOW PROCEDURES lists it with the built-ins.
    let r = run(&mut db, "SHOW PROCEDURES");
    let names: Vec<&str> = r.rows.iter().filter_map(|row| row[0].as_str()).collect();
    assert!(names.iter().any(|n| n.contains("test.city")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("db.labels")), "{names:?}");
    // Another database does not know it.
    let mut other = Database::in_memory();
    let e = fails(&mut other, "CALL test.city('Bo', 1)", &Params::new());
    assert_eq!(
        (e.class, e.detail),
        (ErrorClass::ProcedureError, Detail::ProcedureNotFound)
    );
}

#[test]
fn arguments_passed_wrongly_are_refused_before_running() {
    let mut db = Database::in_memory();
    db.register_procedure(cities());
    let none = Params::new();
    let e = fails(&mut db, "CALL test.city", &none);
    assert_eq!(
        (e.class, e.phase, e.detail),
        (
            ErrorClass::ParameterMissing,
            Phase::CompileTime,
            Detail::MissingParameter
        )
    );
    let e = fails(
        &mut db,
        "MATCH (n) CALL test.city YIELD city RETURN city",
        &none,
    );
    assert_eq!(e.detail, Detail::InvalidArgumentPassingMode);
    let e = fails(&mut db, "CALL test.city('Bo')", &none);
    assert_eq!(e.detail, Detail::InvalidNumberOfArguments);
    let e = fails(&mut db, "CALL test.city('Bo', true)", &none);
    assert_eq!(
        (e.phase, e.detail),
        (Phase::CompileTime, Detail::InvalidArgumentType)
    );
    // A type known only when running is checked then.
    let e = fails(
        &mut db,
        "UNWIND [true] AS x CALL test.city('Bo', x) YIELD city RETURN city",
        &none,
    );
    assert_eq!(
        (e.phase, e.detail),
        (Phase::Runtime, Detail::InvalidArgumentType)
    );
    let e = fails(&mut db, "CALL apoc.help('x')", &none);
    assert!(e.message.contains("plugins"), "{}", e.message);
    let e = fails(&mut db, "CALL db.label()", &none);
    assert!(
        e.message.contains("did you mean db.labels?"),
        "{}",
        e.message
    );
    let e = fails(&mut db, "CALL db.indexes()", &none);
    assert!(e.message.contains("write SHOW INDEXES"), "{}", e.message);
    assert_eq!(e.span.map(|s| (s.start, s.end)), Some((5, 15)));
}

#[test]
fn a_table_procedure_needs_a_well_formed_signature_and_rows() {
    assert!(Procedure::from_table("no parentheses", "", vec![]).is_err());
    assert!(Procedure::from_table("p(x) :: (y :: INTEGER)", "", vec![]).is_err());
    assert!(Procedure::from_table("p() :: (y :: BLOB)", "", vec![]).is_err());
    let short = Procedure::from_table("p() :: (y :: INTEGER)", "", vec![vec![]]);
    assert!(short.unwrap_err().contains("1 columns"));
    let wrong = Procedure::from_table("p() :: (y :: INTEGER)", "", vec![vec![Value::str("a")]]);
    assert!(wrong.is_err());
    let p = Procedure::from_table("p(x :: FLOAT) :: VOID", "", vec![vec![Value::Int(1)]]).unwrap();
    assert_eq!(p.signature(), "p(x :: FLOAT) :: VOID");
}

#[test]
fn both_executors_give_the_same_rows_for_calls_and_subqueries() {
    let queries = [
        "CALL db.labels() YIELD label MATCH (n) WHERE label IN labels(n) RETURN label, count(n) AS c ORDER BY label",
        "MATCH (p:Person) CALL { WITH p MATCH (p)--(x) RETURN count(x) AS d } RETURN p.name, d ORDER BY p.name",
        "MATCH (p:Person) CALL (p) { MATCH (p)-->(x) RETURN x.name AS n ORDER BY n LIMIT 2 } RETURN p.name, n",
        "MATCH (p:Person) OPTIONAL MATCH (p)-->(c:Company) CALL (c) { RETURN c IS NULL AS missing } RETURN p.name, missing",
        "MATCH (p:Person) RETURN p.name, COUNT { (p)-->() } AS out, COLLECT { MATCH (p)-->(x) RETURN labels(x)[0] } AS kinds ORDER BY p.name",
    ];
    let mut batched = Database::default_graph().unwrap();
    let mut by_row = Database::default_graph().unwrap();
    by_row.set_engine(Engine::RowByRow);
    for q in queries {
        let a = run(&mut batched, q);
        let b = run(&mut by_row, q);
        assert!(!a.rows.is_empty(), "{q}");
        assert_eq!(a.rows, b.rows, "{q}");
    }
}

#[test]
fn in_transactions_commits_each_batch_and_keeps_them_when_a_later_one_fails() {
    let mut db = Database::in_memory();
    let r = run(
        &mut db,
        "UNWIND range(1, 10) AS i CALL { WITH i CREATE (:N {i: i}) } IN TRANSACTIONS OF 3 ROWS",
    );
    assert_eq!(r.stats.nodes_created, 10);
    // The fifth row fails: the batches of rows 1-2 and 3-4 stay, the third does not.
    let q = "UNWIND [1, 2, 3, 4, 0, 6] AS i CALL { WITH i CREATE (:M {x: 10 / i}) } IN TRANSACTIONS OF 2 ROWS";
    let e = fails(&mut db, q, &Params::new());
    assert_eq!(e.detail, Detail::DivisionByZero);
    let r = run(&mut db, "MATCH (m:M) RETURN count(m) AS c");
    assert_eq!(r.rows, [vec![Value::Int(4)]]);
    assert!(db.take_notes().iter().any(|n| n.contains("2 batches")));
    // Without IN TRANSACTIONS the statement stays all or nothing.
    let q = "UNWIND [1, 0] AS i CALL { WITH i CREATE (:K {x: 10 / i}) }";
    fails(&mut db, q, &Params::new());
    let r = run(&mut db, "MATCH (k:K) RETURN count(k) AS c");
    assert_eq!(r.rows, [vec![Value::Int(0)]]);
    // Inside an explicit transaction there is nothing a batch could commit on its own.
    db.begin().unwrap();
    let q = "UNWIND [1] AS i CALL { WITH i CREATE (:J) } IN TRANSACTIONS";
    let e = fails(&mut db, q, &Params::new());
    assert_eq!(e.detail, Detail::InvalidClauseComposition);
    db.rollback().unwrap();
    let e = fails(
        &mut db,
        "UNWIND [1] AS i CALL { WITH i CREATE (:J) } IN TRANSACTIONS OF 0 ROWS",
        &Params::new(),
    );
    assert_eq!(e.detail, Detail::InvalidArgumentValue);
}

#[test]
fn batches_committed_in_a_store_survive_a_failure_and_a_reopen() {
    let scratch = Scratch::new("in-transactions");
    let dir = scratch.store();
    let mut db = open(&dir, u64::MAX);
    let q =
        "UNWIND [1, 2, 3, 0] AS i CALL { WITH i CREATE (:M {x: 10 / i}) } IN TRANSACTIONS OF 1 ROW";
    assert!(db.run(q, &Params::new()).is_err());
    // Dropped without a clean exit: what the log holds is what survives.
    release(db, false);
    let mut db = open(&dir, u64::MAX);
    let r = run(&mut db, "MATCH (m:M) RETURN m.x AS x ORDER BY x");
    assert_eq!(
        r.rows,
        [
            vec![Value::Int(3)],
            vec![Value::Int(5)],
            vec![Value::Int(10)]
        ]
    );
    release(db, true);
}

#[test]
fn load_csv_feeds_in_transactions_a_batch_at_a_time() {
    let scratch = Scratch::new("csv-batches");
    let csv = scratch.path.join("people.csv");
    // The fifth record leaves a quote open: the file is bad from there on.
    std::fs::write(&csv, "name\nA\nB\nC\nD\n\"E\nF\n").unwrap();
    let mut db = Database::in_memory();
    let q = format!(
        "LOAD CSV WITH HEADERS FROM 'file://{}' AS row CALL {{ WITH row CREATE (:P {{name: row.name}}) }} IN TRANSACTIONS OF 2 ROWS",
        csv.display()
    );
    let e = fails(&mut db, &q, &Params::new());
    assert_eq!(e.detail, Detail::InvalidCsv);
    // The records before the bad one were read, and their batches committed, before the
    // reader met it: the file is read as the batches go, not all first.
    let r = run(&mut db, "MATCH (p:P) RETURN p.name AS name ORDER BY name");
    let names: Vec<&str> = r.rows.iter().filter_map(|row| row[0].as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D"]);
    // A good file loads whole, with what the statement returns.
    std::fs::write(&csv, "name\nA\nB\nC\n").unwrap();
    let q = format!(
        "LOAD CSV WITH HEADERS FROM 'file://{}' AS row CALL {{ WITH row CREATE (n:Q {{name: row.name}}) RETURN n.name AS made }} IN TRANSACTIONS OF 2 ROWS RETURN made",
        csv.display()
    );
    let r = run(&mut db, &q);
    assert_eq!(r.rows.len(), 3);
    assert_eq!(r.stats.nodes_created, 3);
    // A read that matches entities is read first, then written in batches.
    let r = run(
        &mut db,
        "MATCH (q:Q) CALL { WITH q SET q.seen = true } IN TRANSACTIONS OF 2 ROWS RETURN count(q) AS n",
    );
    assert_eq!(r.rows, [vec![Value::Int(3)]]);
}
