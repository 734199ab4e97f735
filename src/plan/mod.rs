//! Syntax tree to logical plan: variables are bound to slots, names to symbols, and every
//! semantic rule openCypher checks before running (undefined variables, misplaced aggregates,
//! clause order, ...) is checked here, with the span of the offending text.
//!
//! **Invariant:** the planner reads `syntax::ast` and the graph's names and statistics; it
//! never evaluates an expression, and the executor never sees the syntax tree. It reads the
//! graph through `GraphRead` and builds no index (seeks use the indexes declared); the one
//! bookkeeping it changes is the symbol table, interning the names a statement reads.

mod bind;
mod call;
mod estimate;
mod explain;
pub mod logical;
mod pattern;
mod planner;
mod projection;
mod scope;
mod types;
mod update;

pub use explain::{PlanLine, explain, key_of, plan_lines};
pub use logical::*;
pub use pattern::slots_of;
pub use planner::{plan_query, plan_query_with};
