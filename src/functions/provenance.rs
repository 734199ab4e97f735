//! kg's knowledge functions (extensions, not openCypher): the sources an entity cites.

use super::{Builtin, Call, Category, Result, one, scalar};
use crate::error::QueryError;
use crate::graph::{Citation, Cited};
use crate::model::{Map, Value};
use std::sync::Arc;

const G: Category = Category::Graph;

pub(super) const FUNCTIONS: &[Builtin] = &[
    scalar(
        "sources",
        G,
        &[one("input", "NODE | RELATIONSHIP")],
        "LIST<NODE>",
        "kg extension: the :Source nodes a node or relationship cites (attached with CITE), in the order they were cited",
        |c| {
            let cites = citations_of(c)?;
            Ok(Value::list(
                cites.iter().map(|x| Value::Node(x.source)).collect(),
            ))
        },
    )
    .typed(),
    scalar(
        "citations",
        G,
        &[one("input", "NODE | RELATIONSHIP")],
        "LIST<MAP>",
        "kg extension: the citations of a node or relationship, each {source: the :Source node, quote: the passage quoted or null}",
        |c| {
            let cites = citations_of(c)?;
            Ok(Value::list(
                cites
                    .iter()
                    .map(|x| {
                        let mut m = Map::new();
                        m.insert(Arc::from("source"), Value::Node(x.source));
                        m.insert(
                            Arc::from("quote"),
                            x.quote.clone().map_or(Value::Null, Value::String),
                        );
                        Value::map(m)
                    })
                    .collect(),
            ))
        },
    )
    .typed(),
];

fn citations_of(c: &Call) -> Result<Vec<Citation>> {
    let entity = match c.arg(0) {
        Value::Node(id) if c.graph.is_deleted_node(*id) => {
            return Err(QueryError::deleted("node"));
        }
        Value::Rel(id) if c.graph.is_deleted_rel(*id) => {
            return Err(QueryError::deleted("relationship"));
        }
        Value::Node(id) => Cited::Node(*id),
        Value::Rel(id) => Cited::Rel(*id),
        _ => return Err(c.bad(0)),
    };
    crate::limits::reserve(c.graph.citations().of(entity).len() as u64 * 16)?;
    Ok(c.graph.citations().of(entity).to_vec())
}
