//! Citations (kg's CITE clause and `sources()`): attached without becoming relationships,
//! undone with their statement, dropped with the entity or source they belong to, kept by a
//! store across reopening, and read from stores written before citations existed.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::store::{Scratch, exec, open, release};
use kg::{Database, Error, Params, Value};
use std::path::Path;

fn rows(db: &mut Database, q: &str) -> Vec<Vec<Value>> {
    db.run(q, &Params::new()).unwrap().pop().unwrap().rows
}

fn names(db: &mut Database, q: &str) -> Vec<String> {
    rows(db, q)
        .into_iter()
        .map(|r| match &r[0] {
            Value::String(s) => s.to_string(),
            Value::Null => "null".into(),
            other => format!("{other:?}"),
        })
        .collect()
}

const SETUP: &str = "CREATE (:Source {name: 'Wire'}), (:Source {name: 'Daily'}), \
     (:Company {name: 'Acme'})-[:OWNS {pct: 10}]->(:Company {name: 'Beta'})";

fn graph() -> Database {
    let mut db = Database::in_memory();
    db.run(SETUP, &Params::new()).unwrap();
    db
}

#[test]
fn cite_attaches_sources_that_sources_returns_in_order() {
    let mut db = graph();
    let r = db
        .run(
            "MATCH (w:Source {name: 'Wire'}), (d:Source {name: 'Daily'}), (a {name: 'Acme'})-[o:OWNS]->() \
             CITE w QUOTE 'Acme owns a tenth', d FOR o, a",
            &Params::new(),
        )
        .unwrap();
    assert_eq!(r[0].stats.citations_set, 2);
    assert_eq!(
        names(
            &mut db,
            "MATCH ()-[o:OWNS]->() UNWIND sources(o) AS s RETURN s.name"
        ),
        ["Wire", "Daily"]
    );
    assert_eq!(
        names(
            &mut db,
            "MATCH ()-[o:OWNS]->() UNWIND citations(o) AS c RETURN c.quote"
        ),
        ["Acme owns a tenth", "null"]
    );
    // Citing again merges: the same source keeps its place, a new quote replaces the old.
    db.run(
        "MATCH (d:Source {name: 'Daily'}), ()-[o:OWNS]->() CITE d QUOTE 'a tenth' FOR o",
        &Params::new(),
    )
    .unwrap();
    assert_eq!(
        names(
            &mut db,
            "MATCH ()-[o:OWNS]->() UNWIND citations(o) AS c RETURN c.quote"
        ),
        ["Acme owns a tenth", "a tenth"]
    );
    // Filtering by source, as the readers ask.
    assert_eq!(
        names(
            &mut db,
            "MATCH (x) WHERE any(s IN sources(x) WHERE s.name = 'Wire') RETURN x.name"
        ),
        ["Acme"]
    );
}

#[test]
fn citations_are_no_hops_of_a_pattern() {
    let mut db = graph();
    db.run(
        "MATCH (w:Source {name: 'Wire'}), (a {name: 'Acme'}), (b {name: 'Beta'}) CITE w FOR a, b",
        &Params::new(),
    )
    .unwrap();
    assert_eq!(
        rows(&mut db, "MATCH (:Source)-[r]-() RETURN count(r)"),
        [[Value::Int(0)]]
    );
    assert_eq!(
        rows(&mut db, "MATCH ()-[r]->() RETURN count(r)"),
        [[Value::Int(1)]]
    );
    let paths = rows(
        &mut db,
        "MATCH p = allShortestPaths(({name: 'Acme'})-[*]-({name: 'Wire'})) RETURN count(p)",
    );
    assert_eq!(paths, [[Value::Int(0)]]);
}

#[test]
fn cite_refuses_what_is_not_a_source_and_changes_nothing() {
    let mut db = graph();
    let err = db
        .run(
            "MATCH (a {name: 'Acme'}), (b {name: 'Beta'}), (w:Source {name: 'Wire'}) CITE w FOR a CITE b FOR a",
            &Params::new(),
        )
        .unwrap_err();
    let Error::Query(q) = &err else {
        panic!("{err}")
    };
    assert!(q.message.contains("has no label Source"), "{}", q.message);
    assert!(q.span.is_some(), "the error has a position");
    // The first CITE of the failed statement was undone with it.
    assert_eq!(
        rows(&mut db, "MATCH (a {name: 'Acme'}) RETURN size(sources(a))"),
        [[Value::Int(0)]]
    );
    let err = db
        .run("MATCH (a {name: 'Acme'}) CITE 'Wire' FOR a", &Params::new())
        .unwrap_err();
    assert!(
        err.to_string().contains("CITE takes :Source nodes"),
        "{err}"
    );
    let err = db
        .run(
            "MATCH (w:Source {name: 'Wire'}) CITE w QUOTE 3 FOR w",
            &Params::new(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("QUOTE takes a string"), "{err}");
}

#[test]
fn deleting_drops_citations_and_a_rollback_brings_them_back() {
    let mut db = graph();
    db.run(
        "MATCH (w:Source {name: 'Wire'}), (a {name: 'Acme'})-[o:OWNS]->() CITE w FOR a, o",
        &Params::new(),
    )
    .unwrap();
    // A source that goes takes its citations with it; the cited entities stay.
    db.run("BEGIN", &Params::new()).unwrap();
    db.run("MATCH (w:Source {name: 'Wire'}) DELETE w", &Params::new())
        .unwrap();
    assert_eq!(
        rows(&mut db, "MATCH (a {name: 'Acme'}) RETURN size(sources(a))"),
        [[Value::Int(0)]]
    );
    db.run("ROLLBACK", &Params::new()).unwrap();
    assert_eq!(
        names(
            &mut db,
            "MATCH (a {name: 'Acme'}) UNWIND sources(a) AS s RETURN s.name"
        ),
        ["Wire"]
    );
    // A cited entity can be deleted; its citations go with it.
    db.run("MATCH (a {name: 'Acme'}) DETACH DELETE a", &Params::new())
        .unwrap();
    db.run("MATCH (w:Source {name: 'Wire'}) DELETE w", &Params::new())
        .unwrap();
    assert_eq!(
        rows(&mut db, "MATCH (n) RETURN count(n)"),
        [[Value::Int(2)]]
    );
}

#[test]
fn a_store_keeps_citations_through_its_log_and_its_snapshot() {
    let scratch = Scratch::new("cite-store");
    let dir = scratch.store();
    let mut db = open(&dir, u64::MAX);
    exec(&mut db, SETUP);
    exec(
        &mut db,
        "MATCH (w:Source {name: 'Wire'}), (a {name: 'Acme'})-[o:OWNS]->() CITE w QUOTE 'q' FOR a, o",
    );
    // Dropped without a checkpoint: the citations come back from the log.
    release(db, false);
    let query = "MATCH (a {name: 'Acme'})-[o:OWNS]->() \
                 RETURN [s IN sources(a) | s.name], [c IN citations(o) | c.quote]";
    let expected = vec![vec![
        Value::list(vec![Value::str("Wire")]),
        Value::list(vec![Value::str("q")]),
    ]];
    let mut db = open(&dir, u64::MAX);
    assert_eq!(rows(&mut db, query), expected);
    // Closed cleanly: a checkpoint writes them into the snapshot.
    release(db, true);
    let mut db = open(&dir, u64::MAX);
    assert_eq!(rows(&mut db, query), expected);
    release(db, true);
}

#[test]
fn a_store_from_before_citations_opens_and_takes_them() {
    // Written by kg before citations: a version 2 snapshot and an empty version 2 log.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v2");
    let scratch = Scratch::new("cite-v2");
    let dir = scratch.store();
    std::fs::create_dir_all(&dir).unwrap();
    for file in ["snapshot.kg", "wal.kg"] {
        std::fs::copy(fixture.join(file), dir.join(file)).unwrap();
    }
    let version = |file: &str| std::fs::read(dir.join(file)).unwrap()[8];
    assert_eq!((version("snapshot.kg"), version("wal.kg")), (2, 2));
    let mut db = open(&dir, u64::MAX);
    assert_eq!(
        rows(
            &mut db,
            "MATCH (c:Company)-[o:OWNS]->(p) RETURN c.name, c.note, o.since, p.name, size(sources(c))"
        ),
        [[
            Value::str("Acme"),
            Value::str("logged"),
            Value::Int(2020),
            Value::str("Anvil"),
            Value::Int(0)
        ]]
    );
    exec(
        &mut db,
        "MATCH (w:Source {name: 'Wire'}), (c:Company) CITE w FOR c",
    );
    release(db, true);
    assert_eq!((version("snapshot.kg"), version("wal.kg")), (3, 3));
    let mut db = open(&dir, u64::MAX);
    assert_eq!(
        names(
            &mut db,
            "MATCH (c:Company) UNWIND sources(c) AS s RETURN s.name"
        ),
        ["Wire"]
    );
    release(db, true);
}
