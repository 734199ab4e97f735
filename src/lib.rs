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
pub mod result;
mod stack;
pub mod syntax;
pub mod text;

pub use db::Error;
pub use db::{Database, Params};
pub use error::{Detail, ErrorClass, Phase, QueryError};
pub use exec::{Engine, NodeData, QueryResult, RelData};
pub use functions::procedures::{Procedure, Procedures};
pub use model::{NodeId, PathValue, RelId, Value};
pub mod export;
pub mod format;
pub mod import;
pub mod schema;
pub mod why;
