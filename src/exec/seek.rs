//! Lookups in declared indexes, shared by both executors.

use super::context::{Ctx, Result, Row};
use super::eval::eval;
use crate::error::{Detail, ErrorClass, QueryError};
use crate::graph::EntityKind;
use crate::plan::{IndexLookup, IndexSeek};

/// The nodes the seek finds for `row`. A plan only names an index that existed when it was
/// made, and plans are made again when declarations change; an index gone all the same is
/// an error, never an empty answer.
pub fn seek(seek: &IndexSeek, row: &Row, ctx: &Ctx) -> Result<Vec<u32>> {
    let index = ctx
        .graph
        .index(EntityKind::Node, seek.label, seek.key)
        .ok_or_else(|| {
            QueryError::runtime(
                ErrorClass::SemanticError,
                Detail::NoSuchSchemaObject,
                format!("the index `{}` this plan uses no longer exists", seek.index),
            )
        })?;
    Ok(match &seek.lookup {
        IndexLookup::Equal(value) => index
            .equal(&eval(value, row, ctx)?, ctx.graph.strings())
            .to_vec(),
        IndexLookup::Range(op, bound) => {
            index.range(*op, &eval(bound, row, ctx)?, ctx.graph.strings())
        }
    })
}
