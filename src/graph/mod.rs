//! Graph storage: the property graph in memory, the one vocabulary of writes ([`Mutation`]),
//! and transactions that can be rolled back.
//!
//! This module owns petgraph. Nothing outside it sees a petgraph index: entities are named by
//! [`NodeId`](crate::model::NodeId) and [`RelId`](crate::model::RelId) everywhere else. It knows
//! nothing of the query language or of files.
//!
//! **Invariant:** every change to a graph goes through [`MemoryGraph::apply`], whether it comes
//! from a live statement, an undo, or the replay of the write-ahead log.

mod endpoints;
mod index;
mod memory;
mod mutation;
mod names;
mod records;
mod strings;
mod traits;
mod transaction;

pub use memory::MemoryGraph;
pub use mutation::{GraphError, Mutation};
pub use names::{Names, Symbol};
pub use records::{AdjEntry, Direction, NodeRecord, PropMap, RelRecord, entries_of_type};
pub use traits::{GraphRead, GraphWrite};
pub use transaction::{Transaction, TxLog};
