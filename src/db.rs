//! The database facade: text in, results out. Parses, plans and executes each statement inside
//! a transaction, so a statement that fails leaves the graph exactly as it was.

use crate::error::Error;
use crate::exec::{NodeData, QueryResult, RelData};
use crate::graph::MemoryGraph;
use crate::model::Value;
use std::collections::BTreeMap;

/// Query parameters by name (without the `$`).
pub type Params = BTreeMap<String, Value>;

pub struct Database {
    graph: MemoryGraph,
}

impl Database {
    /// An empty graph held in memory.
    pub fn in_memory() -> Self {
        Database { graph: MemoryGraph::new() }
    }

    /// Runs every statement of a script in order and returns one result per statement. Stops at
    /// the first statement that fails; the statements before it stay applied.
    pub fn run(&mut self, _text: &str, _params: &Params) -> Result<Vec<QueryResult>, Error> {
        Err(Error::Data("not yet implemented".into()))
    }

    pub fn graph(&self) -> &MemoryGraph {
        &self.graph
    }

    /// Every node with its labels and properties, in id order.
    pub fn nodes(&self) -> Vec<NodeData> {
        Vec::new()
    }

    /// Every relationship with its type, ends and properties, in id order.
    pub fn rels(&self) -> Vec<RelData> {
        Vec::new()
    }
}
