//! Functions of any value: `coalesce`, `nullIf`, and values from outside the arguments
//! (`timestamp`, `randomUUID`), and LOAD CSV's `linenumber` and `file`, which the planner
//! reads from the clause's row when there is one.

use super::{Builtin, Category, many, one, scalar};
use crate::model::{Value, equals};

const O: Category = Category::Other;

pub(super) const FUNCTIONS: &[Builtin] = &[
    scalar(
        "coalesce",
        O,
        &[many("input", "ANY")],
        "ANY",
        "the first argument that is not null (null if all are)",
        |c| {
            Ok(c.args
                .iter()
                .find(|v| !v.is_null())
                .cloned()
                .unwrap_or(Value::Null))
        },
    )
    .sees_nulls(),
    scalar(
        "nullIf",
        O,
        &[one("v1", "ANY"), one("v2", "ANY")],
        "ANY",
        "null if the two arguments are equal, otherwise the first: nullIf(trim(x), '') turns blanks into null",
        |c| {
            Ok(if equals(c.arg(0), c.arg(1)) == Some(true) {
                Value::Null
            } else {
                c.arg(0).clone()
            })
        },
    ),
    scalar(
        "timestamp",
        O,
        &[],
        "INTEGER",
        "the statement's start in milliseconds since 1970-01-01T00:00Z (the same for the whole statement)",
        |c| Ok(Value::Int(c.now.timestamp_millis())),
    ),
    scalar(
        "linenumber",
        O,
        &[],
        "INTEGER",
        "the line of the file the row of the last LOAD CSV before it starts on (null without one)",
        |_| Ok(Value::Null),
    ),
    scalar(
        "file",
        O,
        &[],
        "STRING",
        "the absolute path of the file of the last LOAD CSV before it (null without one)",
        |_| Ok(Value::Null),
    ),
    scalar(
        "randomUUID",
        O,
        &[],
        "STRING",
        "a new random (version 4) UUID as text",
        |_| Ok(Value::str(&uuid::Uuid::new_v4().to_string())),
    ),
];
