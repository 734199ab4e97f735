//! Graph storage: the property graph in memory, by column, the one vocabulary of writes
//! ([`Mutation`]), and transactions that can be rolled back.
//!
//! Nodes and relationships are named by [`NodeId`](crate::model::NodeId) and
//! [`RelId`](crate::model::RelId) everywhere; inside this module they index the columns
//! directly. It knows nothing of the query language or of files.
//!
//! **Invariant:** every change to a graph goes through [`MemoryGraph::apply`], whether it comes
//! from a live statement, an undo, or the replay of the write-ahead log.

mod adjacency;
mod apply;
mod bulk;
mod citations;
mod column;
mod declare;
mod endpoints;
mod index;
mod labels;
pub use labels::LabelNodes;
mod memory;
mod mutation;
mod names;
mod schema;
mod stats;
mod strings;
mod traits;
mod transaction;

pub use adjacency::{Csr, Direction, NodeAdjacency};
pub use bulk::Refused;
pub use citations::{
    CITE_ID, Citation, Citations, Cited, QUOTES, SOURCE_LABEL, SOURCES, merged as merged_citations,
    source_name,
};
pub use column::{CHUNK, CHUNK_SHIFT, Cell, Cells, Chunk, Column, Gathered, Stored, cell_value};
pub use index::Schema;
pub use memory::MemoryGraph;
pub use mutation::{GraphError, MAX_ID, Mutation};
pub use names::{Names, Symbol};
pub use schema::{ConstraintDef, ConstraintKind, EntityKind, IndexDef, PropertyIndex, RangeOp};
pub use stats::{Statistics, TypeEnds, statistics, type_ends};
pub use strings::StringPool;
pub use traits::{GraphRead, GraphWrite, neighbours};
pub use transaction::{Transaction, TxLog};
