//! The executor through the library API: what a result carries besides rows (write counts, the
//! data of every entity it mentions, deleted ones included), statement atomicity in `run`, and
//! explicit transactions.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use kg::exec::WriteStats;
use kg::{Database, Params, QueryResult};

fn run(db: &mut Database, query: &str) -> QueryResult {
    db.run(query, &Params::new())
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .pop()
        .unwrap()
}

fn cells(result: &QueryResult) -> Vec<Vec<String>> {
    common::render(result).rows
}

#[test]
fn results_count_what_a_statement_changed() {
    let mut db = Database::in_memory();
    let r = run(&mut db, "CREATE (a:A:B {x: 1, y: null})-[:T {z: 2}]->(b)");
    assert_eq!(
        r.stats,
        WriteStats {
            nodes_created: 2,
            relationships_created: 1,
            properties_set: 2,
            ..WriteStats::default()
        }
    );
    assert!(!r.has_columns());

    let r = run(&mut db, "MATCH (a:A) SET a.x = 2, a:C REMOVE a:B");
    assert_eq!(
        r.stats,
        WriteStats {
            properties_set: 1,
            labels_added: 1,
            labels_removed: 1,
            ..WriteStats::default()
        }
    );
    // Adding a label a node has, or removing one it lacks, changes nothing.
    let r = run(&mut db, "MATCH (a:A) SET a:A REMOVE a:Missing");
    assert!(r.stats.is_empty(), "{:?}", r.stats);

    let r = run(&mut db, "MATCH (a:A) DETACH DELETE a");
    assert_eq!(
        r.stats,
        WriteStats {
            nodes_deleted: 1,
            relationships_deleted: 1,
            ..WriteStats::default()
        }
    );
    assert!(run(&mut db, "MATCH (n) RETURN n").stats.is_empty());
}

#[test]
fn results_carry_the_entities_they_mention() {
    let mut db = Database::in_memory();
    run(
        &mut db,
        "CREATE (:P {name: 'a'})-[:R {w: 1}]->(:P {name: 'b'}), (:Other)",
    );
    let r = run(&mut db, "MATCH p = (x)-[r]->(y) RETURN p, r");
    assert_eq!(r.nodes.len(), 2, "only the nodes the rows mention");
    assert_eq!(r.rels.len(), 1);
    assert_eq!(
        cells(&r),
        [[
            "<(:P {name: 'a'})-[:R {w: 1}]->(:P {name: 'b'})>",
            "[:R {w: 1}]"
        ]]
    );
    // Entities inside lists and maps are carried too.
    let r = run(&mut db, "MATCH (n:P) RETURN {all: collect(n)} AS m");
    assert_eq!(r.nodes.len(), 2);
}

#[test]
fn a_deleted_entity_can_still_be_returned() {
    let mut db = Database::in_memory();
    run(&mut db, "CREATE (:P {name: 'gone'})-[:R {w: 1}]->(:Q)");
    let r = run(&mut db, "MATCH (n:P)-[r]->() DETACH DELETE n RETURN n, r");
    assert_eq!(cells(&r), [["(:P {name: 'gone'})", "[:R {w: 1}]"]]);
    assert_eq!(db.node_count(), 1);
    assert_eq!(db.rel_count(), 0);
}

#[test]
fn run_stops_at_the_first_failing_statement_and_keeps_the_earlier_ones() {
    let mut db = Database::in_memory();
    let err = db
        .run(
            "CREATE (:A); CREATE (:B) WITH 1 AS one RETURN one / 0; CREATE (:C)",
            &Params::new(),
        )
        .unwrap_err();
    assert!(
        matches!(&err, kg::Error::Query(q) if q.detail == kg::Detail::DivisionByZero),
        "{err}"
    );
    let r = run(&mut db, "MATCH (n) RETURN labels(n) AS l");
    assert_eq!(cells(&r), [["['A']"]]);
}

#[test]
fn explicit_transactions_commit_or_roll_back_together() {
    let mut db = Database::in_memory();
    db.begin().unwrap();
    assert!(db.in_transaction());
    run(&mut db, "CREATE (:A)");
    // A failing statement inside the transaction undoes only itself.
    assert!(
        db.run("CREATE (:B) WITH 1 AS x RETURN x / 0", &Params::new())
            .is_err()
    );
    assert_eq!(db.node_count(), 1);
    db.rollback().unwrap();
    assert!(!db.in_transaction());
    assert_eq!(db.node_count(), 0);

    db.begin().unwrap();
    assert!(db.begin().is_err(), "no nested transactions");
    run(&mut db, "CREATE (:A)");
    db.commit().unwrap();
    assert_eq!(db.node_count(), 1);
    assert!(db.commit().is_err());
    assert!(db.rollback().is_err());

    // A statement that fails through `run` fails the transaction: later statements are
    // refused, and COMMIT rolls back.
    db.begin().unwrap();
    run(&mut db, "CREATE (:B)");
    assert!(db.run("RETURN 1 / 0", &Params::new()).is_err());
    assert!(db.transaction_failed());
    let refused = db.run("CREATE (:C)", &Params::new()).unwrap_err();
    assert!(
        refused.to_string().contains("the transaction has failed"),
        "{refused}"
    );
    let commit = db.commit().unwrap_err();
    assert!(
        commit.to_string().contains("rolled back, not committed"),
        "{commit}"
    );
    assert!(!db.in_transaction() && !db.transaction_failed());
    assert_eq!(db.node_count(), 1);

    // The same through statements.
    run(&mut db, "BEGIN");
    run(&mut db, "MATCH (a:A) DELETE a");
    run(&mut db, "ROLLBACK");
    assert_eq!(db.node_count(), 1);
}

#[test]
fn ids_are_never_reused() {
    let mut db = Database::in_memory();
    let first = run(&mut db, "CREATE (n) RETURN id(n) AS id");
    run(&mut db, "MATCH (n) DELETE n");
    let second = run(&mut db, "CREATE (n) RETURN id(n) AS id");
    assert_ne!(cells(&first), cells(&second));
    // A rolled-back creation does not give its id away either.
    let _ = db.run("CREATE (n) WITH n RETURN 1 / 0", &Params::new());
    let third = run(&mut db, "CREATE (n) RETURN id(n) AS id");
    assert_ne!(cells(&second), cells(&third));
}

#[test]
fn removing_a_missing_property_changes_nothing() {
    let mut db = Database::in_memory();
    run(&mut db, "CREATE (:A {x: 1})");
    let r = run(&mut db, "MATCH (a:A) REMOVE a.missing");
    assert!(r.stats.is_empty(), "{:?}", r.stats);
    let r = run(&mut db, "MATCH (a:A) SET a.missing = null");
    assert!(r.stats.is_empty(), "{:?}", r.stats);
}

#[test]
fn argument_errors_name_the_function_and_the_argument_at_fault() {
    let mut db = Database::in_memory();
    for (query, wanted) in [
        ("RETURN replace('abc', 1, 'x')", "as its second argument"),
        ("RETURN replace('abc', 'b', 2)", "as its third argument"),
        ("RETURN replace(3, 'b', 'c')", "as its first argument"),
        ("RETURN split('a,b', 1)", "as its second argument"),
        ("RETURN substring('abc', 0, 'x')", "as its third argument"),
        ("RETURN left('abc', 'x')", "as its second argument"),
        ("RETURN atan2(1, 'x')", "as its second argument"),
        // Functions are named as the language names them.
        ("RETURN ltrim(1)", "ltrim cannot take INTEGER"),
        ("RETURN toLower(1)", "toLower cannot take INTEGER"),
        ("UNWIND ['a'] AS x RETURN stDev(x)", "stDev needs numbers"),
        (
            "UNWIND ['a'] AS x RETURN percentileCont(x, 0.5)",
            "percentileCont needs numbers",
        ),
        ("RETURN startNode(1)", "startNode"),
    ] {
        let err = db.run(query, &Params::new()).unwrap_err().to_string();
        assert!(err.contains(wanted), "{query}: {err}");
    }
}

#[test]
fn an_overflowing_sum_points_at_the_aggregate() {
    let query = "UNWIND [9223372036854775807, 1] AS x RETURN sum(x) AS s";
    let Err(kg::Error::Query(err)) = Database::in_memory().run(query, &Params::new()) else {
        panic!("{query} should overflow");
    };
    assert_eq!(err.detail, kg::Detail::Overflow);
    let span = err.span.expect("a position");
    assert_eq!(&query[span.start..span.end], "sum(x)");
}
