//! Syntax tree to logical plan: variables are bound to slots, names to symbols, and every
//! semantic rule openCypher checks before running (undefined variables, misplaced aggregates,
//! clause order, ...) is checked here, with the span of the offending text.
//!
//! **Invariant:** the planner reads `syntax::ast` and the graph's names and statistics; it
//! never evaluates an expression, and the executor never sees the syntax tree. It does change
//! the graph's bookkeeping: it interns names, and choosing an index seek builds the index
//! (`ensure_index`), also when the plan is only explained.

mod bind;
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
pub use planner::{plan_query, plan_query_as_of};
