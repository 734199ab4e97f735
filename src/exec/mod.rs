//! Execution of logical plans over a graph.

mod result;

pub use result::{NodeData, QueryResult, RelData, WriteStats};
