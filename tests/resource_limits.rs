//! Time and memory limits, and cancellation: a statement that runs past `--timeout`, builds
//! more than `--max-memory` or is interrupted ends with an error naming what stopped it,
//! wherever its time goes (inside one expression, a sort, a cross product), and leaves the
//! graph unchanged. The binary's allocator counts what it holds; a library user's process
//! is held to the sizes kg reserves before building large values.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::store::{Scratch, kg, query, run};
use kg::limits::Limits;
use kg::{Database, Detail, Error, Params};
use std::time::Duration;

/// A write, then work that cannot finish within the limits: the write must not survive.
const DOUBLING_TEXT: &str =
    "CREATE (:Mark) WITH 1 AS one RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n";
const DOUBLING_LIST: &str =
    "CREATE (:Mark) WITH 1 AS one RETURN size(reduce(l = [1], i IN range(1, 40) | l + l)) AS n";
const LONG_REDUCE: &str =
    "CREATE (:Mark) WITH 1 AS one RETURN reduce(s = 0, i IN range(1, 99999999) | s + i) AS n";

fn marks(store: &std::path::Path) -> String {
    let out = query(store, "MATCH (m:Mark) RETURN count(m) AS n");
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

#[test]
fn statements_past_the_memory_limit_fail_and_change_nothing() {
    let dir = Scratch::new("max-memory");
    let store = dir.store();
    for text in [DOUBLING_TEXT, DOUBLING_LIST] {
        let out = run(kg(&store).args(["--max-memory", "64M", "query", text]));
        assert_ne!(out.code, 0, "{text}: {}", out.stdout);
        assert!(
            out.stderr
                .contains("memory than the limit of 64 MiB (--max-memory"),
            "{text}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("MemoryLimit"), "{}", out.stderr);
    }
    assert_eq!(marks(&store), "{\"n\":0}\n");
}

#[test]
fn order_by_with_a_limit_keeps_only_the_top_rows() {
    // Five million rows sorted whole would need far more than the list they come from.
    let out = run(std::process::Command::new(env!("CARGO_BIN_EXE_kg")).args([
        "--max-memory",
        "200M",
        "query",
        "--format",
        "jsonl",
        "UNWIND range(1, 5000000) AS x RETURN x ORDER BY -x LIMIT 2",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "{\"x\":5000000}\n{\"x\":4999999}\n");
}

#[test]
fn the_timeout_stops_work_inside_expressions_and_cross_products() {
    let dir = Scratch::new("timeout");
    let store = dir.store();
    let cross = "CREATE (:Mark) WITH 1 AS one UNWIND range(1, 20000) AS a \
                 UNWIND range(1, 20000) AS b RETURN count(*) AS n";
    for text in [LONG_REDUCE, cross] {
        let out = run(kg(&store).args(["--timeout", "300ms", "query", text]));
        assert_ne!(out.code, 0, "{text}: {}", out.stdout);
        assert!(
            out.stderr
                .contains("ran past the time limit of 300ms (--timeout"),
            "{text}: {}",
            out.stderr
        );
    }
    assert_eq!(marks(&store), "{\"n\":0}\n");
}

fn detail(result: Result<Vec<kg::QueryResult>, Error>) -> Detail {
    match result {
        Err(Error::Query(e)) => e.detail,
        Err(other) => panic!("not a query error: {other}"),
        Ok(_) => panic!("the statement finished"),
    }
}

fn marks_in(db: &mut Database) -> kg::Value {
    let result = db
        .run("MATCH (m:Mark) RETURN count(m) AS n", &Params::new())
        .unwrap();
    result[0].rows[0][0].clone()
}

#[test]
fn a_library_user_interrupts_from_another_thread() {
    let mut db = Database::in_memory();
    let interrupter = db.interrupter();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        interrupter.interrupt();
    });
    assert_eq!(
        detail(db.run(LONG_REDUCE, &Params::new())),
        Detail::Interrupted
    );
    stopper.join().unwrap();
    assert_eq!(marks_in(&mut db), kg::Value::Int(0));
    // The interrupt was for that statement only.
    assert_eq!(marks_in(&mut db), kg::Value::Int(0));
}

#[test]
fn a_library_user_sets_limits_on_the_database() {
    let mut db = Database::in_memory();
    db.set_limits(Limits {
        timeout: None,
        max_memory: Some(64 << 20),
    });
    assert_eq!(
        detail(db.run(DOUBLING_TEXT, &Params::new())),
        Detail::MemoryLimit
    );
    db.set_limits(Limits {
        timeout: Some(Duration::from_millis(200)),
        max_memory: None,
    });
    assert_eq!(
        detail(db.run(LONG_REDUCE, &Params::new())),
        Detail::TimedOut
    );
    assert_eq!(marks_in(&mut db), kg::Value::Int(0));
}

/// An aggregation over a large scan runs in parts on every core (`exec/physical/split.rs`):
/// the threads that run the parts stop with the statement, at its time limit or its
/// interrupt, and the statement fails as it would on one thread.
#[test]
fn an_aggregation_split_across_threads_stops_with_its_statement() {
    let mut db = Database::in_memory();
    db.run(
        "UNWIND range(1, 40000) AS i CREATE (:N {g: i % 10})",
        &Params::new(),
    )
    .unwrap();
    // 40,000 nodes times a million rows each: hours of work, all of it in the parts.
    let endless = "MATCH (n:N) UNWIND range(1, 1000000) AS x RETURN n.g AS g, count(*) AS c";
    db.set_limits(Limits {
        timeout: Some(Duration::from_millis(200)),
        max_memory: None,
    });
    assert_eq!(detail(db.run(endless, &Params::new())), Detail::TimedOut);
    db.set_limits(Limits::default());
    let interrupter = db.interrupter();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        interrupter.interrupt();
    });
    assert_eq!(detail(db.run(endless, &Params::new())), Detail::Interrupted);
    stopper.join().unwrap();
    let count = db
        .run("MATCH (n:N) RETURN count(n) AS c", &Params::new())
        .unwrap();
    assert_eq!(count[0].rows, vec![vec![kg::Value::Int(40000)]]);
}
