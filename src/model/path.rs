//! Paths as values: alternating nodes and relationships, by id.

use super::{NodeId, RelId};
use serde::{Deserialize, Serialize};

/// A path `n0 -[r0]- n1 -[r1]- ... nk`. `nodes.len() == rels.len() + 1` always holds.
///
/// Direction is not stored here: each relationship knows its own start and end node, and a
/// printer compares them with the neighbouring nodes to draw the arrow.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct PathValue {
    pub nodes: Vec<NodeId>,
    pub rels: Vec<RelId>,
}

impl PathValue {
    pub fn single(node: NodeId) -> Self {
        PathValue {
            nodes: vec![node],
            rels: Vec::new(),
        }
    }

    /// Number of relationships in the path.
    pub fn len(&self) -> usize {
        self.rels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rels.is_empty()
    }

    pub fn end(&self) -> NodeId {
        self.nodes[self.nodes.len() - 1]
    }
}
