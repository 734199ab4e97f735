//! What a caller reads of the database's graph without running a statement: its statistics
//! and schema, one node, the subgraph of results already returned, and why two named nodes
//! are connected. The `kg` binary reads the graph only through these.

use super::Database;
use crate::graph::Statistics;
use crate::model::NodeId;
use crate::result::{NodeData, QueryResult, Subgraph};
use crate::schema::Schema;
use crate::why;

impl Database {
    /// Labels, relationship types and property keys in use, with their counts, read from
    /// the counts the graph keeps (cheap enough to call after every statement).
    pub fn statistics(&self) -> Statistics {
        crate::graph::statistics(&self.graph)
    }

    /// The schema `kg schema` prints: [`statistics`](Self::statistics) and the label sets
    /// each relationship type joins (a walk over every relationship).
    pub fn schema(&self) -> Schema {
        crate::schema::describe(&self.graph)
    }

    /// The node `id` with its labels, properties and citations, if it exists.
    pub fn node(&self, id: NodeId) -> Option<NodeData> {
        crate::result::node_data(&self.graph, id)
    }

    /// Every entity `results` mention (with `induced`, also the relationships between their
    /// nodes), as exporters read them.
    pub fn subgraph_of(&self, results: &[QueryResult], induced: bool) -> Subgraph<'_> {
        Subgraph::from_results(results, &self.graph, induced)
    }

    /// Why the nodes called `from` and `to` are connected: the best paths between them
    /// (see [`why::connect`]).
    pub fn connections(
        &self,
        from: &str,
        to: &str,
        limits: why::Limits,
    ) -> Result<why::Found, why::ConnectError> {
        why::connect_names(&self.graph, from, to, limits)
    }
}
