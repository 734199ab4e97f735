//! The built-in functions: one registry row per function, with its name, signature, a
//! one-line description and its implementation, next to that implementation (one file per
//! group). The planner resolves names, checks the number of arguments and suggests names
//! from it; the executor calls the rows' hooks; the shell completes and documents names from
//! it. Adding a function is adding a row and its hook.
//!
//! Aggregates have rows too (their accumulators live in `exec`, by [`AggKind`]). Procedures
//! (`procedures/`) are rows of the same kind (name, typed parameters, description,
//! implementation) with result columns in place of a return type.

mod aggregates;
mod convert;
mod graph;
mod knowledge;
mod lists;
mod math;
pub mod procedures;
pub use knowledge::{parse_as_of, valid_at};
mod scalar;
mod strings;
pub mod temporal;
mod value_type;

pub use graph::properties_of;

use crate::error::{Detail, ErrorClass, QueryError};
use crate::graph::GraphRead;
use crate::model::Value;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::LazyLock;

pub type Result<T> = std::result::Result<T, QueryError>;

/// A built-in function as the language knows it.
#[derive(Debug)]
pub struct Builtin {
    /// As written in documentation; calls match it in any case.
    pub name: &'static str,
    pub category: Category,
    pub params: &'static [Param],
    /// The type of the result, in Neo4j's type syntax.
    pub returns: &'static str,
    pub description: &'static str,
    pub kind: Kind,
    /// A null first argument gives null without calling the hook (most functions); those
    /// that look at nulls themselves (`coalesce`, `toStringOrNull`) turn this off.
    pub null_gives_null: bool,
    /// The planner refuses a first argument whose type is known and is not the first
    /// parameter's (`labels(path)`); other type errors are found when running.
    pub typed_first_arg: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Aggregate,
    Graph,
    List,
    String,
    Numeric,
    Conversion,
    Temporal,
    Other,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Graph,
        Category::List,
        Category::String,
        Category::Numeric,
        Category::Conversion,
        Category::Temporal,
        Category::Other,
        Category::Aggregate,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Category::Aggregate => "aggregating",
            Category::Graph => "nodes, relationships and paths",
            Category::List => "lists",
            Category::String => "strings",
            Category::Numeric => "numbers",
            Category::Conversion => "conversion and types",
            Category::Temporal => "dates, times and durations",
            Category::Other => "other",
        }
    }
}

/// What a row is and how it runs.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A function of one row's values.
    Scalar(Hook),
    /// A function of a group of rows, run by the executor's accumulators.
    Aggregate(AggKind),
}

/// The implementation of a scalar function.
pub type Hook = fn(&Call) -> Result<Value>;

#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    /// In Neo4j's type syntax (`INTEGER | FLOAT`, `LIST<ANY>`).
    pub ty: &'static str,
    pub arity: Arity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    One,
    Optional,
    /// Any number, at least one (`coalesce`).
    Many,
}

pub const fn one(name: &'static str, ty: &'static str) -> Param {
    Param {
        name,
        ty,
        arity: Arity::One,
    }
}

pub const fn opt(name: &'static str, ty: &'static str) -> Param {
    Param {
        name,
        ty,
        arity: Arity::Optional,
    }
}

pub const fn many(name: &'static str, ty: &'static str) -> Param {
    Param {
        name,
        ty,
        arity: Arity::Many,
    }
}

pub const fn scalar(
    name: &'static str,
    category: Category,
    params: &'static [Param],
    returns: &'static str,
    description: &'static str,
    hook: Hook,
) -> Builtin {
    Builtin {
        name,
        category,
        params,
        returns,
        description,
        kind: Kind::Scalar(hook),
        null_gives_null: true,
        typed_first_arg: false,
    }
}

impl Builtin {
    /// For a function that decides what null arguments give.
    pub const fn sees_nulls(mut self) -> Self {
        self.null_gives_null = false;
        self
    }

    pub const fn typed(mut self) -> Self {
        self.typed_first_arg = true;
        self
    }

    /// How many arguments it takes, at least and at most.
    pub fn arity(&self) -> (usize, usize) {
        let min = self.params.iter().filter(|p| p.arity != Arity::Optional);
        let max = if self.params.iter().any(|p| p.arity == Arity::Many) {
            usize::MAX
        } else {
            self.params.len()
        };
        (min.count(), max)
    }

    pub fn aggregate(&self) -> Option<AggKind> {
        match self.kind {
            Kind::Aggregate(kind) => Some(kind),
            Kind::Scalar(_) => None,
        }
    }

    /// `round(value :: FLOAT[, precision :: INTEGER | FLOAT[, mode :: STRING]]) :: FLOAT`
    pub fn signature(&self) -> String {
        let mut text = format!("{}(", self.name);
        let mut open = 0;
        for (i, p) in self.params.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            match p.arity {
                Arity::One => text.push_str(&format!("{sep}{} :: {}", p.name, p.ty)),
                Arity::Optional => {
                    text.push_str(&format!("[{sep}{} :: {}", p.name, p.ty));
                    open += 1;
                }
                Arity::Many => text.push_str(&format!("{sep}{} :: {}, ...", p.name, p.ty)),
            }
        }
        text.push_str(&"]".repeat(open));
        text.push_str(&format!(") :: {}", self.returns));
        text
    }
}

/// One call of a scalar function: its arguments and what it may read.
pub struct Call<'a> {
    pub builtin: &'static Builtin,
    pub args: &'a [Value],
    pub graph: &'a dyn GraphRead,
    /// The statement's start (`timestamp()`, `date()`) and its transaction's.
    pub now: DateTime<Utc>,
    pub transaction_now: DateTime<Utc>,
}

impl Call<'_> {
    /// Argument `i`, null when not given.
    pub fn arg(&self, i: usize) -> &Value {
        self.args.get(i).unwrap_or(&Value::Null)
    }

    /// The error for argument `i` being of a type the function cannot take.
    pub fn bad(&self, i: usize) -> QueryError {
        let value = self.arg(i);
        let position = if self.builtin.params.len() > 1 {
            let ordinal = ["first", "second", "third"].get(i).unwrap_or(&"last");
            format!(" as its {ordinal} argument")
        } else {
            String::new()
        };
        QueryError::runtime(
            ErrorClass::TypeError,
            Detail::InvalidArgumentValue,
            format!(
                "{} cannot take {}{position}",
                self.builtin.name,
                value.value_type()
            ),
        )
    }

    pub fn string(&self, i: usize) -> Result<&str> {
        match self.arg(i) {
            Value::String(s) => Ok(s),
            _ => Err(self.bad(i)),
        }
    }

    pub fn int(&self, i: usize) -> Result<i64> {
        match self.arg(i) {
            Value::Int(n) => Ok(*n),
            _ => Err(self.bad(i)),
        }
    }

    pub fn number(&self, i: usize) -> Result<f64> {
        self.arg(i).as_f64().ok_or_else(|| self.bad(i))
    }
}

/// Runs a scalar function.
pub fn call(
    builtin: &'static Builtin,
    args: &[Value],
    graph: &dyn GraphRead,
    now: DateTime<Utc>,
    transaction_now: DateTime<Utc>,
) -> Result<Value> {
    let Kind::Scalar(hook) = builtin.kind else {
        return Err(QueryError::runtime(
            ErrorClass::SemanticError,
            Detail::InvalidAggregation,
            format!("{} is an aggregate function", builtin.name),
        ));
    };
    if builtin.null_gives_null && args.first().is_some_and(Value::is_null) {
        return Ok(Value::Null);
    }
    hook(&Call {
        builtin,
        args,
        graph,
        now,
        transaction_now,
    })
}

/// The aggregate functions the executor accumulates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggKind {
    Count,
    CountStar,
    Sum,
    Avg,
    Min,
    Max,
    Collect,
    StDev,
    StDevP,
    PercentileCont,
    PercentileDisc,
}

impl AggKind {
    /// The name the language gives the aggregate (`stDev`, `percentileCont`), for messages.
    pub fn name(self) -> &'static str {
        let kind = if self == AggKind::CountStar {
            AggKind::Count
        } else {
            self
        };
        all()
            .iter()
            .find(|b| b.aggregate() == Some(kind))
            .map_or("aggregate", |b| b.name)
    }
}

/// Every row, in the order of the groups' tables.
pub fn all() -> &'static [&'static Builtin] {
    static ALL: LazyLock<Vec<&'static Builtin>> = LazyLock::new(|| {
        let groups: [&'static [Builtin]; 15] = [
            graph::FUNCTIONS,
            knowledge::FUNCTIONS,
            lists::FUNCTIONS,
            strings::FUNCTIONS,
            math::FUNCTIONS,
            convert::FUNCTIONS,
            value_type::FUNCTIONS,
            scalar::FUNCTIONS,
            &temporal::DATE,
            &temporal::LOCAL_TIME,
            &temporal::TIME,
            &temporal::LOCAL_DATE_TIME,
            &temporal::DATE_TIME,
            temporal::OTHERS,
            aggregates::FUNCTIONS,
        ];
        groups.into_iter().flatten().collect()
    });
    &ALL
}

/// The row of a name, in any case (`toupper` is `toUpper`).
pub fn lookup(name: &str) -> Option<&'static Builtin> {
    static BY_NAME: LazyLock<HashMap<String, &'static Builtin>> =
        LazyLock::new(|| all().iter().map(|b| (b.name.to_lowercase(), *b)).collect());
    BY_NAME.get(&name.to_lowercase()).copied()
}

/// Every function's name, for suggestions and completion.
pub fn names() -> impl Iterator<Item = &'static str> {
    all().iter().map(|b| b.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_signatures_read_well() {
        let mut seen = std::collections::HashSet::new();
        for b in all() {
            assert!(seen.insert(b.name.to_lowercase()), "{} twice", b.name);
            assert!(!b.description.is_empty() && !b.description.ends_with('.'));
        }
        assert_eq!(
            lookup("ROUND").map(Builtin::signature).as_deref(),
            Some(
                "round(value :: INTEGER | FLOAT[, precision :: INTEGER[, mode :: STRING]]) :: FLOAT"
            )
        );
        assert_eq!(
            lookup("coalesce").map(Builtin::arity),
            Some((1, usize::MAX))
        );
    }
}
