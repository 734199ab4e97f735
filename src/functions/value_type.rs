//! `valueType(x)`: the most precise type of a value, written as Neo4j 5 writes types
//! (`INTEGER NOT NULL`, `LIST<INTEGER | FLOAT> NOT NULL`). A list's element type is the union
//! of its elements' types, normalised as Neo4j does: nulls make every member nullable, a type
//! contained in another member is absorbed (`LIST<NOTHING>` into any list), and members come
//! in a fixed order.

use super::{Builtin, Category, one, scalar};
use crate::model::Value;
use std::cmp::Ordering;

pub(super) const FUNCTIONS: &[Builtin] = &[scalar(
    "valueType",
    Category::Conversion,
    &[one("input", "ANY")],
    "STRING",
    "the value's type as text: 'INTEGER NOT NULL', 'LIST<STRING NOT NULL> NOT NULL', 'NULL'",
    |c| Ok(Value::str(&of(c.arg(0)).to_string())),
)
.sees_nulls()];

/// A type without nullability, ordered as Neo4j orders union members.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Base {
    Nothing,
    Null,
    Boolean,
    String,
    Integer,
    Float,
    Date,
    LocalTime,
    ZonedTime,
    LocalDateTime,
    ZonedDateTime,
    Duration,
    Node,
    Relationship,
    Map,
    /// The members of the element type's union, normalised and sorted.
    List(Vec<Type>),
    Path,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Type {
    base: Base,
    nullable: bool,
}

impl Ord for Type {
    /// By base type; of equal bases, NOT NULL first.
    fn cmp(&self, other: &Self) -> Ordering {
        self.base
            .cmp(&other.base)
            .then(self.nullable.cmp(&other.nullable))
    }
}

impl PartialOrd for Type {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn of(v: &Value) -> Type {
    let base = match v {
        Value::Null => Base::Null,
        Value::Bool(_) => Base::Boolean,
        Value::Int(_) => Base::Integer,
        Value::Float(_) => Base::Float,
        Value::String(_) => Base::String,
        Value::List(items) => Base::List(union(items.iter().map(of).collect())),
        Value::Map(_) => Base::Map,
        Value::Node(_) => Base::Node,
        Value::Rel(_) => Base::Relationship,
        Value::Path(_) => Base::Path,
        Value::Date(_) => Base::Date,
        Value::LocalTime(_) => Base::LocalTime,
        Value::Time(..) => Base::ZonedTime,
        Value::LocalDateTime(_) => Base::LocalDateTime,
        Value::DateTime(..) | Value::DateTimeZoned(..) => Base::ZonedDateTime,
        Value::Duration(_) => Base::Duration,
    };
    Type {
        nullable: base == Base::Null,
        base,
    }
}

/// The normalised members of the union of `types`.
fn union(mut types: Vec<Type>) -> Vec<Type> {
    if types.is_empty() {
        return vec![Type {
            base: Base::Nothing,
            nullable: false,
        }];
    }
    let nullable = types.iter().any(|t| t.nullable);
    if types.iter().any(|t| t.base != Base::Null) {
        types.retain(|t| t.base != Base::Null);
    }
    for t in &mut types {
        t.nullable |= nullable;
    }
    types.sort();
    types.dedup();
    let absorbed: Vec<bool> = (0..types.len())
        .map(|i| {
            (0..types.len()).any(|j| j != i && within(&types[i], &types[j]) && types[i] != types[j])
        })
        .collect();
    let mut keep = absorbed.iter().map(|a| !a);
    types.retain(|_| keep.next().unwrap_or(true));
    types
}

/// Whether every value of `a` is a value of `b`.
fn within(a: &Type, b: &Type) -> bool {
    if a.nullable && !b.nullable {
        return false;
    }
    match (&a.base, &b.base) {
        (Base::Nothing, _) => true,
        (Base::List(x), Base::List(y)) => x.iter().all(|m| y.iter().any(|n| within(m, n))),
        (x, y) => x == y,
    }
}

impl std::fmt::Display for Type {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match &self.base {
            Base::Nothing => return f.write_str("NOTHING"),
            Base::Null => return f.write_str("NULL"),
            Base::Boolean => "BOOLEAN",
            Base::String => "STRING",
            Base::Integer => "INTEGER",
            Base::Float => "FLOAT",
            Base::Date => "DATE",
            Base::LocalTime => "LOCAL TIME",
            Base::ZonedTime => "ZONED TIME",
            Base::LocalDateTime => "LOCAL DATETIME",
            Base::ZonedDateTime => "ZONED DATETIME",
            Base::Duration => "DURATION",
            Base::Node => "NODE",
            Base::Relationship => "RELATIONSHIP",
            Base::Map => "MAP",
            Base::Path => "PATH",
            Base::List(members) => {
                f.write_str("LIST<")?;
                for (i, m) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" | ")?;
                    }
                    write!(f, "{m}")?;
                }
                f.write_str(">")?;
                ""
            }
        };
        f.write_str(name)?;
        if !self.nullable {
            f.write_str(" NOT NULL")?;
        }
        Ok(())
    }
}
