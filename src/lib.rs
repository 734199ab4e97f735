//! kg: an embedded knowledge-graph store with a query language following openCypher.
//!
//! See `ARCHITECTURE.md` for the map of modules and the invariants between them.

pub mod db;
pub mod error;
pub mod exec;
pub mod functions;
pub mod graph;
pub mod limits;
pub mod model;
pub mod persist;
pub mod plan;
mod stack;
pub mod syntax;
pub mod text;

pub use db::{Database, Params};
pub use error::{Detail, Error, ErrorClass, Phase, QueryError};
pub use exec::{Engine, NodeData, QueryResult, RelData};
pub use model::{NodeId, PathValue, RelId, Value};
pub mod export;
pub mod format;
pub mod import;
pub mod schema;
pub mod why;
