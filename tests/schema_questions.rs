//! Every question in graph-data/SCHEMA.md is run against the embedded article graph and its
//! answer checked against the table written under it.

// Test helpers panic with a message on broken fixtures; that is how a test reports them.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use kg::{Database, Params};

use common::schema_questions as questions;

#[test]
fn schema_lists_at_least_fifteen_questions() {
    let qs = questions();
    assert!(qs.len() >= 15, "only {} questions", qs.len());
    for q in &qs {
        assert!(
            !q.expected.header.is_empty(),
            "{}: no expected table",
            q.title
        );
    }
}

#[test]
fn every_question_gets_its_documented_answer() {
    let mut db = Database::default_graph().expect("the embedded graph loads");
    let mut failures = Vec::new();
    for q in questions() {
        let ordered = q.query.to_uppercase().contains("ORDER BY");
        match db.run(&q.query, &Params::new()) {
            Ok(mut results) => {
                let result = results.pop().expect("one result");
                if let Err(diff) = common::compare(&q.expected, &common::render(&result), ordered) {
                    failures.push(format!("{}: {diff}", q.title));
                }
            }
            Err(e) => failures.push(format!("{}: error {e}", q.title)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} questions failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
