//! The single write vocabulary: live statements, undo and log replay all speak it.
//!
//! Mutations name things by string rather than by symbol so that a log record means the same
//! in any process, whatever order names were interned in. The enum is serialised into the
//! write-ahead log by variant index: only ever append variants, never reorder them.

use super::citations::{Citation, Cited};
use super::schema::{ConstraintDef, IndexDef};
use crate::model::{NodeId, RelId, Value};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Mutation {
    CreateNode {
        id: NodeId,
        labels: Vec<Arc<str>>,
        props: Vec<(Arc<str>, Value)>,
    },
    CreateRel {
        id: RelId,
        ty: Arc<str>,
        start: NodeId,
        end: NodeId,
        props: Vec<(Arc<str>, Value)>,
    },
    /// Removes a node that has no relationships left.
    DeleteNode {
        id: NodeId,
    },
    DeleteRel {
        id: RelId,
    },
    /// Sets a node property; `Value::Null` removes it.
    SetNodeProperty {
        id: NodeId,
        key: Arc<str>,
        value: Value,
    },
    SetRelProperty {
        id: RelId,
        key: Arc<str>,
        value: Value,
    },
    AddLabel {
        id: NodeId,
        label: Arc<str>,
    },
    RemoveLabel {
        id: NodeId,
        label: Arc<str>,
    },
    CreateIndex(IndexDef),
    DropIndex {
        name: Arc<str>,
    },
    /// Declares a constraint; a uniqueness constraint builds its own index.
    CreateConstraint(ConstraintDef),
    DropConstraint {
        name: Arc<str>,
    },
    /// Replaces the sources an entity cites (an empty list removes them all).
    SetCitations {
        entity: Cited,
        citations: Vec<Citation>,
    },
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GraphError {
    #[error("node {0} does not exist")]
    NoSuchNode(NodeId),
    #[error("relationship {0} does not exist")]
    NoSuchRel(RelId),
    #[error("node {0} already exists")]
    NodeExists(NodeId),
    #[error("relationship {0} already exists")]
    RelExists(RelId),
    #[error("cannot delete node {0} because it still has relationships; use DETACH DELETE")]
    NodeHasRelationships(NodeId),
    #[error("property values must be scalars or lists of scalars, not {0}")]
    UnstorableValue(crate::model::ValueType),
    #[error("id {0} is beyond the {MAX_ID} entities of one kind a graph can hold")]
    IdOutOfRange(u64),
    /// The tables indexed by id could not grow to hold the id: the allocator refused.
    #[error("no memory for the tables of ids up to {0}")]
    OutOfMemory(u64),
    /// A declaration that clashes with one in place (same name, or same label and key).
    #[error("{0}")]
    SchemaConflict(String),
    #[error("there is no {what} named `{name}`")]
    NoSuchDeclaration { what: &'static str, name: Arc<str> },
    /// Data that breaks a constraint: `constraint` names it, the message says where.
    #[error("{message}")]
    ConstraintViolation {
        constraint: Arc<str>,
        message: String,
    },
    /// Deleting an entity that still cites sources, or a source still cited: the writer
    /// clears the citations first, so that undo can restore them.
    #[error("{0:?} still has citations")]
    StillCited(Cited),
}

/// Ids index the graph's slot tables and petgraph's `u32` indexes, so a larger one can only
/// come from a damaged or hand-made file, which must get an error rather than an allocation
/// of the id's size.
pub const MAX_ID: u64 = u32::MAX as u64 - 1;

pub(super) fn check_id(id: u64) -> Result<(), GraphError> {
    if id < MAX_ID {
        Ok(())
    } else {
        Err(GraphError::IdOutOfRange(id))
    }
}
