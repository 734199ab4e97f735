//! Stable identifiers. They are allocated by the graph, never reused, and are the only way
//! anything outside `graph` refers to an entity (petgraph indexes never leave that module).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifies a node for its whole life, across reloads of a store.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub struct NodeId(pub u64);

/// Identifies a relationship for its whole life, across reloads of a store.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
pub struct RelId(pub u64);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for RelId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
